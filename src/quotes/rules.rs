//! The sentence cascade: the rules that attribute one sentence unit, tried
//! in order ([`QUOTED_RULES`] for a sentence with quotations, [`PLAIN_RULES`]
//! for one without); the first that fires decides the sentence. A rule is a
//! plain function of a [`Sentence`] that returns what it found, and each
//! quote it returns names its rule.

use std::ops::Range;

use super::extent::{
    adjunct_tail, adjunct_tail_max, clause_end_with, content_end, object_end, parenthetical,
    skip_time_adjunct, words, words_before_parenthesis, words_outside,
};
use super::frame::{is_attribution_dash, Frame};
use super::lexicon::CueKind;
use super::paragraph::continues_quotation;
use super::speaker;
use super::text::{Doc, Kind, Quotation};
use super::words::Lex;
use super::{QuoteExtractor, QuoteKind};

/// A quote before its speaker is resolved, in token indices (content may be
/// a quotation's inside).
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub content: Range<usize>,
    pub kind: QuoteKind,
    pub frame: Option<Frame>,
    /// The rule that found it (`Quote::rule`).
    pub rule: &'static str,
    /// Whether its frame was passed on from another sentence or paragraph
    /// rather than found with it.
    pub inherited: bool,
}

impl Found {
    pub(super) fn new(
        rule: &'static str,
        content: Range<usize>,
        kind: QuoteKind,
        frame: Option<Frame>,
    ) -> Found {
        Found {
            content,
            kind,
            frame,
            rule,
            inherited: false,
        }
    }
}

/// The context every rule takes: one sentence unit of a document.
#[derive(Clone, Copy)]
pub(super) struct Sentence<'a, 'd> {
    pub doc: &'a Doc<'d>,
    /// The unit's first token and its end.
    pub start: usize,
    pub unit_end: usize,
    /// Where its content ends: before final punctuation.
    pub end: usize,
    /// The quotations that open in it, in order.
    pub quotes: &'a [Quotation],
    /// Words outside quotation marks before the first quotation.
    pub pre_words: usize,
}

impl<'a, 'd> Sentence<'a, 'd> {
    pub(super) fn new(doc: &'a Doc<'d>, unit: Range<usize>, quotes: &'a [Quotation]) -> Self {
        let pre_words = quotes
            .first()
            .map_or(0, |q| words_outside(doc, unit.start..q.open, quotes));
        Sentence {
            doc,
            start: unit.start,
            unit_end: unit.end,
            end: content_end(doc, unit.clone()),
            quotes,
            pre_words,
        }
    }

    /// The unit's tokens.
    pub(super) fn unit(&self) -> Range<usize> {
        self.start..self.unit_end
    }

    /// Whether token `i` lies within one of the sentence's quotations.
    pub(super) fn inside(&self, i: usize) -> bool {
        in_quotes(self.quotes, i)
    }

    /// The same sentence with only `quotes` (a later part of its own).
    fn with_quotes(&self, quotes: &'a [Quotation]) -> Self {
        Sentence { quotes, ..*self }
    }
}

/// What a rule found in a sentence: its quotes, and the frame the paragraph
/// passes on to bare quotations (none after a list of signed quotations).
#[derive(Default)]
pub(super) struct Attribution {
    pub found: Vec<Found>,
    pub frame: Option<Frame>,
}

impl Attribution {
    fn new(found: Vec<Found>, frame: Frame) -> Attribution {
        Attribution {
            found,
            frame: Some(frame),
        }
    }
}

/// A rule of the cascade: the attribution of a sentence, if it fires.
pub(super) type Rule = fn(&QuoteExtractor, &Sentence<'_, '_>) -> Option<Attribution>;

/// The rules for a sentence that holds quotations, in the order tried.
pub(super) const QUOTED_RULES: &[(&str, Rule)] = &[
    ("quote_then_frame", QuoteExtractor::quote_then_frame),
    ("mixed_then_frame", QuoteExtractor::mixed_then_frame),
    ("frame_then_quote", QuoteExtractor::frame_before_quotation),
    ("signed", QuoteExtractor::signed),
    ("dash_or_colon", QuoteExtractor::dash_or_colon_rule),
    ("mixed_reported", QuoteExtractor::mixed_reported),
    ("bare", QuoteExtractor::bare),
];

/// The rules for a sentence without quotations, in the order tried.
pub(super) const PLAIN_RULES: &[(&str, Rule)] = &[
    ("only_attribution", QuoteExtractor::only_attribution),
    ("reported", QuoteExtractor::reported_rule),
];

/// Every name a quote's rule may have: the rules above, the quotes they add
/// (a second report, the words before a parenthetical frame), and the
/// paragraph's (`paragraph.rs`).
pub const RULE_NAMES: &[&str] = &[
    "quote_then_frame",
    "mixed_then_frame",
    "frame_then_quote",
    "reported_with_quote",
    "signed",
    "dash_or_colon",
    "mixed_reported",
    "bare",
    "reported",
    "coordinated",
    "later_report",
    "parenthesis",
    "transcript",
    "title",
    "signature",
];

impl QuoteExtractor {
    /// The quotes of one sentence unit and its frame, if any: the first rule
    /// of the cascade that fires, and the words before a parenthetical frame.
    pub(super) fn unit(&self, s: &Sentence<'_, '_>) -> Attribution {
        let rules = if s.quotes.is_empty() {
            // Both plain rules find their frame at a cue of the lexicon in
            // the sentence: without one (most sentences of news), neither
            // fires, and neither is tried.
            if !s
                .unit()
                .any(|i| s.doc.cues.get(i).is_some_and(Option::is_some))
            {
                return Attribution::default();
            }
            PLAIN_RULES
        } else {
            QUOTED_RULES
        };
        let Some(mut att) = rules.iter().find_map(|(_, rule)| rule(self, s)) else {
            return Attribution::default();
        };
        // "The problem, she said, is that “…”": the words before a
        // parenthetical frame are reported too.
        if let (false, Some(fr)) = (s.quotes.is_empty(), &att.frame) {
            let before = words_before_parenthesis(s, fr);
            if let Some(before) =
                before.filter(|b| att.found.iter().all(|f| f.content.start >= b.end))
            {
                let quote =
                    Found::new("parenthesis", before, QuoteKind::Indirect, Some(fr.clone()));
                att.found.insert(0, quote);
            }
        }
        att
    }

    /// `“…,” X said.` / `“…,” said X.` / `“…,” X said, “…”` (split): a frame
    /// in a gap after a quotation that opens the sentence.
    fn quote_then_frame(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let (doc, quotes, end) = (s.doc, s.quotes, s.end);
        if s.pre_words != 0 {
            return None;
        }
        for (k, q) in quotes.iter().enumerate() {
            let gap_end = quotes.get(k + 1).map_or(end, |n| n.open);
            let gap = q.outer().end..gap_end;
            let frame = self
                .frame_after(s, gap.clone())
                .or_else(|| Self::verb_beside_name(s, gap));
            let Some(fr) = frame else {
                continue;
            };
            let mut found = Vec::new();
            // After the frame, the second part of a split quotation (`he
            // said, “…”`), not a title (`said on “Morning Joe”`).
            for (j, q) in quotes.iter().enumerate() {
                if j <= k || continues_quotation(doc, q) {
                    found.push(direct("quote_then_frame", q, Some(fr.clone())));
                }
            }
            // “…,” X said, adding that ... / “…,” X said, but ...
            let covered = fr.speaker.end.max(fr.cue.end);
            if quotes.iter().all(|q| q.outer().end <= covered) {
                if let Some((fr2, content)) = self.later_report(s, &fr, covered) {
                    let kind = QuoteKind::Indirect;
                    found.push(Found::new("later_report", content, kind, Some(fr2)));
                }
            }
            return Some(Attribution::new(found, fr));
        }
        None
    }

    /// `The new plans “will not do,” X said`: reported words around the
    /// quotation, the frame after it closing the sentence.
    fn mixed_then_frame(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        if s.pre_words == 0 {
            return None;
        }
        let after = s.quotes.last()?.outer().end;
        let fr = self.frame_after(s, after..s.end)?;
        let frame_end = fr.cue.end.max(fr.speaker.end);
        (fr.speaker.start.min(fr.cue.start) <= after + 1 && adjunct_tail(s.doc, frame_end..s.end))
            .then(|| {
                let quote = Found::new(
                    "mixed_then_frame",
                    s.start..after,
                    QuoteKind::Mixed,
                    Some(fr.clone()),
                );
                Attribution::new(vec![quote], fr)
            })
    }

    /// `“…” — X.` / `X: “…”`.
    // Every rule of the cascade has the signature of `Rule`.
    #[allow(clippy::unused_self)]
    fn dash_or_colon_rule(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let fr = Self::dash_or_colon(s)?;
        let found = s
            .quotes
            .iter()
            .map(|q| direct("dash_or_colon", q, Some(fr.clone())))
            .collect();
        Some(Attribution::new(found, fr))
    }

    /// Reported speech around quoted words, speaker after: mixed.
    fn mixed_reported(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        if s.pre_words == 0 {
            return None;
        }
        let (fr, content) = self.reported(s)?;
        let quote = Found::new(
            "mixed_reported",
            content,
            QuoteKind::Mixed,
            Some(fr.clone()),
        );
        Some(Attribution::new(vec![quote], fr))
    }

    /// Bare quotations, left for the paragraph to attribute or drop (short
    /// quoted words inside a sentence are no quote).
    // Every rule of the cascade has the signature of `Rule`; this one
    // always fires.
    #[allow(clippy::unused_self, clippy::unnecessary_wraps)]
    fn bare(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let mut att = Attribution::default();
        if s.pre_words == 0 || s.quotes.iter().any(|q| words(s.doc, q.inner()) >= 4) {
            att.found = s.quotes.iter().map(|q| direct("bare", q, None)).collect();
        }
        Some(att)
    }

    /// A sentence that only attributes: "Lavrov said on Tuesday." Its frame
    /// goes to the bare quotations before it.
    fn only_attribution(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let (doc, end) = (s.doc, s.end);
        let fr = self.frame_after(s, s.start..end)?;
        let after = fr.cue.end.max(fr.speaker.end);
        let opens = fr.speaker.start == s.start || fr.cue.start == s.start;
        let verb = self
            .cue_at(doc, fr.cue.start)
            .is_some_and(|(c, _)| c.kind == CueKind::Verb);
        // "Lind said on Monday the ferry would sail": content after the
        // time, not a tail.
        let content_after_time = skip_time_adjunct(doc, after, end) > after;
        (opens
            && verb
            && !content_after_time
            && adjunct_tail_max(doc, after..end, MAX_ONLY_TAIL_WORDS)
            && fr.source.is_none())
        .then(|| Attribution {
            found: Vec::new(),
            frame: Some(fr),
        })
    }

    /// Reported speech (`X said CONTENT`, `CONTENT, X said`, ...; both sides
    /// of a parenthetical frame), and a second report after it.
    fn reported_rule(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let end = s.end;
        let (fr, content) = self.reported(s)?;
        let content_end = content.end;
        let mut found: Vec<Found> = parenthetical(s, &fr, content)
            .into_iter()
            .map(|part| Found::new("reported", part, QuoteKind::Indirect, Some(fr.clone())))
            .collect();
        // "She blamed the storm, and said the repairs would wait": a second
        // report by the same subject after the first one's end; "..., but he
        // noted that ...": another clause's.
        let second = self
            .coordinated(s, s.start, content_end, end)
            .map(|x| ("coordinated", x))
            .or_else(|| {
                self.later_report(s, &fr, content_end)
                    .map(|x| ("later_report", x))
            });
        if let Some((rule, (fr2, content2))) = second {
            found.push(Found::new(rule, content2, QuoteKind::Indirect, Some(fr2)));
        }
        Some(Attribution::new(found, fr))
    }

    /// `X said: “…”` / `X said “…”` / `She called it “a gamble”`: a frame
    /// before a quotation, since the previous one; direct quotes when the
    /// quotation follows the frame, else a mixed one.
    pub(super) fn frame_before_quotation(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let (doc, quotes, end) = (s.doc, s.quotes, s.end);
        let last = quotes.last()?;
        for (k, q) in quotes.iter().enumerate() {
            let region_start = if k == 0 {
                s.start
            } else {
                quotes[k - 1].outer().end
            };
            let Some((fr, content_start)) = self.frame_before_from(s, region_start..q.open, true)
            else {
                // "X praised A “…” and said that B “…”": a second report
                // of the sentence's subject.
                if k > 0 {
                    if let Some((fr, content)) = self.coordinated(s, s.start, region_start, end) {
                        if content.start <= q.open {
                            let later = s.with_quotes(&quotes[k..]);
                            let found = self.push_mixed(&later, "coordinated", &fr, content.start);
                            return Some(Attribution::new(found, fr));
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
                let found = quotes[k..]
                    .iter()
                    .map(|q| direct("frame_then_quote", q, Some(fr.clone())))
                    .collect();
                return Some(Attribution::new(found, fr));
            }
            // Reported speech holding the quotation. In a nested report
            // ("Lund said that Ames described it as “a fine idea”") the
            // outer frame, whose speaker opens the sentence, reports it.
            // A coordinated cue ("and said", ", adding") is the subject's
            // second report, not a nested one.
            let coordinated = fr.cue.start > s.start
                && (doc.toks[fr.cue.start - 1].is_punct(',')
                    || doc.is(fr.cue.start - 1, Lex::COORDINATOR));
            let (fr, content_start) = if coordinated {
                (fr, content_start)
            } else {
                self.outer_frame(s, fr.cue.start)
                    .or_else(|| self.named_by(s, &fr))
                    .unwrap_or((fr, content_start))
            };
            let found = self.push_mixed(s, "reported_with_quote", &fr, content_start);
            return Some(Attribution::new(found, fr));
        }
        None
    }

    /// The mixed quote (named `rule`) that starts at `content_start` and
    /// runs to the end of its clause (and at least its last quotation), and
    /// a second report of the same subject after it ("called it “a gamble”
    /// and asked for a vote").
    pub(super) fn push_mixed(
        &self,
        s: &Sentence<'_, '_>,
        rule: &'static str,
        fr: &Frame,
        content_start: usize,
    ) -> Vec<Found> {
        let (doc, quotes, end) = (s.doc, s.quotes, s.end);
        let mut found = Vec::new();
        let last_end = quotes
            .last()
            .map_or(content_start, |q| q.outer().end.min(end));
        let clause = clause_end_with(doc, content_start, end, &|k| self.reports(doc, k));
        // "called it “a mess” and asked for “a vote”": when a second report
        // of the subject takes the later quotations, the first ends at its
        // clause; else it holds every quotation.
        let second = (clause < last_end)
            .then(|| self.coordinated(s, s.start, clause, end))
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
        found.push(Found::new(
            rule,
            content_start..content_end.max(content_start),
            QuoteKind::Mixed,
            Some(fr.clone()),
        ));
        if let Some((fr2, content2)) =
            second.or_else(|| self.coordinated(s, s.start, content_end, end))
        {
            // All of it one quotation: a direct quote.
            if let Some(q) = quotes.iter().find(|q| q.outer() == content2) {
                found.push(direct("coordinated", q, Some(fr2)));
                return found;
            }
            let kind = if quotes.iter().any(|q| content2.contains(&q.open)) {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            found.push(Found::new("coordinated", content2, kind, Some(fr2)));
        }
        found
    }

    /// A list of quotations each signed with a dash: `“…” ― Ana Ruiz “…” ―
    /// Ola Lund.` Fires when every quotation is signed; passes no frame on.
    // Every rule of the cascade has the signature of `Rule`.
    #[allow(clippy::unused_self)]
    pub(super) fn signed(&self, s: &Sentence<'_, '_>) -> Option<Attribution> {
        let (doc, quotes) = (s.doc, s.quotes);
        let frames: Vec<Option<Frame>> = quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let after = q.outer().end;
                let stop = quotes.get(k + 1).map_or(s.unit_end, |n| n.open);
                (after < stop && is_attribution_dash(doc.toks[after].first))
                    .then(|| {
                        speaker::right(doc, after + 1, stop)
                            .map(|s| Frame::new(after..after + 1, s))
                    })
                    .flatten()
            })
            .collect();
        if quotes.len() < 2 || frames.iter().any(Option::is_none) {
            return None;
        }
        let found = quotes
            .iter()
            .zip(frames)
            .map(|(q, fr)| direct("signed", q, fr))
            .collect();
        Some(Attribution { found, frame: None })
    }
}

/// Whether token `i` lies within one of `quotes`, marks included.
///
/// `quotes` are in text order and never overlap (as paired), so only the
/// last one opening at or before `i` can hold it: a binary search, not a
/// scan (a scan made every search over a quotation-rich paragraph
/// quadratic, and some cubic).
pub(super) fn in_quotes(quotes: &[Quotation], i: usize) -> bool {
    let k = quotes.partition_point(|q| q.open <= i);
    k > 0 && quotes[k - 1].outer().contains(&i)
}

/// A direct quote of a quotation's inside, found by `rule`.
pub(super) fn direct(rule: &'static str, q: &Quotation, frame: Option<Frame>) -> Found {
    Found::new(rule, q.inner(), QuoteKind::Direct, frame)
}

/// A sentence that only attributes may end with a longer adjunct: "Lund
/// added during her visit to the harbour on Monday."
pub(super) const MAX_ONLY_TAIL_WORDS: usize = 10;
