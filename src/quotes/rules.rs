//! The sentence cascade: which rule attributes a sentence unit.

use std::ops::Range;

use super::extent::{
    adjunct_tail, adjunct_tail_max, clause_end_with, content_end, object_end, parenthetical, words,
    words_before_parenthesis, words_outside,
};
use super::frame::{is_attribution_dash, Frame};
use super::lexicon::CueKind;
use super::paragraph::continues_quotation;
use super::speaker;
use super::text::{Doc, Kind, Quotation};
use super::{QuoteExtractor, QuoteKind};

/// A quote before its speaker is resolved, in token indices (content may be
/// a quotation's inside).
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub content: Range<usize>,
    pub kind: QuoteKind,
    pub frame: Option<Frame>,
}

impl QuoteExtractor {
    pub(super) fn unit(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        quotes: &[Quotation],
        found: &mut Vec<Found>,
    ) -> Option<Frame> {
        let inside = |i: usize| in_quotes(quotes, i);
        let end = content_end(doc, unit.clone());
        if !quotes.is_empty() {
            let base = found.len();
            let frame = self.quoted_unit(doc, unit.clone(), end, quotes, found);
            // "The problem, she said, is that “…”": the words before a
            // parenthetical frame are reported too.
            if let Some(fr) = &frame {
                let before = words_before_parenthesis(doc, unit.start, fr, quotes);
                if let Some(before) =
                    before.filter(|b| found[base..].iter().all(|f| f.content.start >= b.end))
                {
                    found.insert(
                        base,
                        Found {
                            content: before,
                            kind: QuoteKind::Indirect,
                            frame: Some(fr.clone()),
                        },
                    );
                }
            }
            return frame;
        }
        // A sentence that only attributes: "Lavrov said on Tuesday."
        if let Some(fr) = self.frame_after(doc, unit.start..end, &inside) {
            let after = fr.cue.end.max(fr.speaker.end);
            let opens = fr.speaker.start == unit.start || fr.cue.start == unit.start;
            let verb = self
                .cue_at(doc, fr.cue.start)
                .is_some_and(|(c, _)| c.kind == CueKind::Verb);
            if opens
                && verb
                && adjunct_tail_max(doc, after..end, MAX_ONLY_TAIL_WORDS)
                && fr.source.is_none()
            {
                return Some(fr);
            }
        }
        if let Some((fr, content)) = self.reported(doc, unit.clone(), end, &inside) {
            let content_end = content.end;
            for part in parenthetical(doc, unit.clone(), end, &fr, content) {
                found.push(Found {
                    content: part,
                    kind: QuoteKind::Indirect,
                    frame: Some(fr.clone()),
                });
            }
            // "She blamed the storm, and said the repairs would wait": a
            // second report by the same subject after the first one's end;
            // "..., but he noted that ...": another clause's.
            if let Some((fr2, content2)) = self
                .coordinated(doc, unit.start, content_end, end, &inside)
                .or_else(|| self.later_report(doc, &fr, content_end, end, &inside))
            {
                found.push(Found {
                    content: content2,
                    kind: QuoteKind::Indirect,
                    frame: Some(fr2),
                });
            }
            return Some(fr);
        }
        None
    }

    /// Finds the quotes of one sentence unit; returns its frame, if any.
    /// The quotes of a sentence unit that holds quotations.
    pub(super) fn quoted_unit(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        quotes: &[Quotation],
        found: &mut Vec<Found>,
    ) -> Option<Frame> {
        let inside = |i: usize| in_quotes(quotes, i);
        let (first, last) = (quotes.first()?, quotes.last()?);
        let pre_words = words_outside(doc, unit.start..first.open, quotes);
        // “…,” X said. / “…,” said X. / “…,” X said, “…” (split): a
        // frame in a gap after a quotation that opens the sentence.
        if pre_words == 0 {
            for (k, q) in quotes.iter().enumerate() {
                let gap_end = quotes.get(k + 1).map_or(end, |n| n.open);
                let gap = q.outer().end..gap_end;
                let frame = self
                    .frame_after(doc, gap.clone(), &inside)
                    .or_else(|| Self::verb_beside_name(doc, gap));
                if let Some(fr) = frame {
                    // After the frame, the second part of a split quotation
                    // (`he said, “…”`), not a title (`said on “Morning
                    // Joe”`).
                    for (j, q) in quotes.iter().enumerate() {
                        if j <= k || continues_quotation(doc, q) {
                            found.push(direct(q, Some(fr.clone())));
                        }
                    }
                    // “…,” X said, adding that ... / “…,” X said, but ...
                    let covered = fr.speaker.end.max(fr.cue.end);
                    if quotes.iter().all(|q| q.outer().end <= covered) {
                        if let Some((fr2, content)) =
                            self.later_report(doc, &fr, covered, end, &inside)
                        {
                            found.push(Found {
                                content,
                                kind: QuoteKind::Indirect,
                                frame: Some(fr2),
                            });
                        }
                    }
                    return Some(fr);
                }
            }
        }
        // The new plans “will not do,” X said: reported words around the
        // quotation, the frame after it closing the sentence.
        if pre_words > 0 {
            let after = last.outer().end;
            if let Some(fr) = self.frame_after(doc, after..end, &inside) {
                let frame_end = fr.cue.end.max(fr.speaker.end);
                if fr.speaker.start.min(fr.cue.start) <= after + 1
                    && adjunct_tail(doc, frame_end..end)
                {
                    found.push(Found {
                        content: unit.start..after,
                        kind: QuoteKind::Mixed,
                        frame: Some(fr.clone()),
                    });
                    return Some(fr);
                }
            }
        }
        if let Some(fr) = self.frame_before_quotation(doc, unit.clone(), end, quotes, found) {
            return Some(fr);
        }
        // “…” ― Ana Ruiz “…” ― Ola Lund.
        if Self::signed(doc, unit.clone(), quotes, found) {
            return None;
        }
        // “…” — X. / X: “…”
        if let Some(fr) = Self::dash_or_colon(doc, unit.clone(), quotes) {
            for q in quotes {
                found.push(direct(q, Some(fr.clone())));
            }
            return Some(fr);
        }
        // Reported speech around quoted words, speaker after: mixed.
        if pre_words > 0 {
            if let Some((fr, content)) = self.reported(doc, unit.clone(), end, &inside) {
                found.push(Found {
                    content,
                    kind: QuoteKind::Mixed,
                    frame: Some(fr.clone()),
                });
                return Some(fr);
            }
        }
        // Bare quotations: the paragraph decides.
        if pre_words == 0 || quotes.iter().any(|q| words(doc, q.inner()) >= 4) {
            for q in quotes {
                found.push(direct(q, None));
            }
        }
        None
    }

    /// `X said: “…”` / `X said “…”` / `She called it “a gamble”`: a frame
    /// before a quotation, since the previous one; direct quotes when the
    /// quotation follows the frame, else a mixed one.
    pub(super) fn frame_before_quotation(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        quotes: &[Quotation],
        found: &mut Vec<Found>,
    ) -> Option<Frame> {
        let inside = |i: usize| in_quotes(quotes, i);
        let last = quotes.last()?;
        for (k, q) in quotes.iter().enumerate() {
            let region_start = if k == 0 {
                unit.start
            } else {
                quotes[k - 1].outer().end
            };
            let Some((fr, content_start)) =
                self.frame_before_from(doc, region_start..q.open, &inside, true)
            else {
                // "X praised A “…” and said that B “…”": a second report
                // of the sentence's subject.
                if k > 0 {
                    if let Some((fr, content)) =
                        self.coordinated(doc, unit.start, region_start, end, &inside)
                    {
                        if content.start <= q.open {
                            self.push_mixed(
                                doc,
                                unit.clone(),
                                end,
                                &quotes[k..],
                                &fr,
                                content.start,
                                found,
                            );
                            return Some(fr);
                        }
                    }
                }
                continue;
            };
            let between = words_outside(doc, content_start..q.open, quotes);
            let tail = words_outside(doc, last.outer().end..end, quotes);
            // "told reporters on Monday: “…”": a short object before
            // the colon or comma that introduces the quotation.
            let introduced = q.open > 0
                && matches!(doc.toks[q.open - 1].first, ':' | ',')
                && doc.toks[q.open - 1].kind == Kind::Punct;
            if (between == 0 || (introduced && between <= 4)) && tail <= 1 {
                for q in &quotes[k..] {
                    found.push(direct(q, Some(fr.clone())));
                }
            } else {
                // Reported speech holding the quotation. In a nested report
                // ("Lund said that Ames described it as “a fine
                // idea”") the outer frame, whose speaker opens the
                // sentence, reports it.
                // A coordinated cue ("and said", ", adding") is the
                // subject's second report, not a nested one.
                let coordinated = fr.cue.start > unit.start
                    && (doc.toks[fr.cue.start - 1].is_punct(',')
                        || doc.toks[fr.cue.start - 1].kind == Kind::Word
                            && matches!(doc.lower(fr.cue.start - 1), "and" | "but"));
                let (fr, content_start) = if coordinated {
                    (fr, content_start)
                } else {
                    self.outer_frame(doc, unit.clone(), fr.cue.start, &inside)
                        .or_else(|| self.named_by(doc, unit.clone(), &fr, &inside))
                        .unwrap_or((fr, content_start))
                };
                self.push_mixed(doc, unit.clone(), end, quotes, &fr, content_start, found);
                return Some(fr);
            }
            return Some(fr);
        }
        None
    }

    /// Pushes the mixed quote that starts at `content_start` and runs to the
    /// end of its clause (and at least its last quotation), and a second
    /// report of the same subject after it ("called it “a gamble” and asked
    /// for a vote").
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_mixed(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        quotes: &[Quotation],
        fr: &Frame,
        content_start: usize,
        found: &mut Vec<Found>,
    ) {
        let inside = |i: usize| in_quotes(quotes, i);
        let last_end = quotes
            .last()
            .map_or(content_start, |q| q.outer().end.min(end));
        let clause = clause_end_with(doc, content_start, end, &|k| self.reports(doc, k));
        // "called it “a mess” and asked for “a vote”": when a second report
        // of the subject takes the later quotations, the first ends at its
        // clause; else it holds every quotation.
        let second = (clause < last_end)
            .then(|| self.coordinated(doc, unit.start, clause, end, &inside))
            .flatten()
            .filter(|(_, c2)| c2.end >= last_end);
        // "what lawmakers called “fraud”": the quotation is the whole object.
        let what = fr.speaker.start > 0
            && doc.toks[fr.speaker.start - 1].kind == Kind::Word
            && doc.word(fr.speaker.start - 1).eq_ignore_ascii_case("what");
        let content_end = if what {
            last_end
        } else if second.is_some() {
            clause
        } else {
            clause.max(last_end)
        };
        // "criticized the law as “a mess” during a visit": the object of a
        // cue that takes no clause ends where its adjunct begins.
        let object_cue = self
            .cue_at(doc, fr.cue.start)
            .is_some_and(|(c, _)| !c.takes_clause());
        let content_end = if object_cue && last_end < content_end {
            object_end(doc, last_end.saturating_sub(1), content_end).max(last_end)
        } else {
            content_end
        };
        found.push(Found {
            content: content_start..content_end.max(content_start),
            kind: QuoteKind::Mixed,
            frame: Some(fr.clone()),
        });
        if let Some((fr2, content2)) =
            second.or_else(|| self.coordinated(doc, unit.start, content_end, end, &inside))
        {
            // All of it one quotation: a direct quote.
            if let Some(q) = quotes.iter().find(|q| q.outer() == content2) {
                found.push(direct(q, Some(fr2)));
                return;
            }
            let kind = if quotes.iter().any(|q| content2.contains(&q.open)) {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            found.push(Found {
                content: content2,
                kind,
                frame: Some(fr2),
            });
        }
    }

    /// A list of quotations each signed with a dash: `“…” ― Ana Ruiz “…” ―
    /// Ola Lund.` Returns whether every quotation was signed.
    pub(super) fn signed(
        doc: &Doc<'_>,
        unit: Range<usize>,
        quotes: &[Quotation],
        found: &mut Vec<Found>,
    ) -> bool {
        let frames: Vec<Option<Frame>> = quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let after = q.outer().end;
                let stop = quotes.get(k + 1).map_or(unit.end, |n| n.open);
                (after < stop && is_attribution_dash(doc.toks[after].first))
                    .then(|| {
                        speaker::right(doc, after + 1, stop)
                            .map(|s| Frame::new(after..after + 1, s))
                    })
                    .flatten()
            })
            .collect();
        if quotes.len() < 2 || frames.iter().any(Option::is_none) {
            return false;
        }
        for (q, fr) in quotes.iter().zip(frames) {
            found.push(direct(q, fr));
        }
        true
    }
}

/// Whether token `i` lies within one of `quotes`, marks included.
pub(super) fn in_quotes(quotes: &[Quotation], i: usize) -> bool {
    quotes.iter().any(|q| q.outer().contains(&i))
}

/// A direct quote of a quotation's inside.
pub(super) fn direct(q: &Quotation, frame: Option<Frame>) -> Found {
    Found {
        content: q.inner(),
        kind: QuoteKind::Direct,
        frame,
    }
}

/// A sentence that only attributes may end with a longer adjunct: "Lund
/// added during her visit to the harbour on Monday."
pub(super) const MAX_ONLY_TAIL_WORDS: usize = 10;
