//! Quote extraction and attribution: who said what.
//!
//! ```
//! use sayso::quotes::{QuoteExtractor, QuoteKind};
//!
//! let text = "“We will not wait,” said Mara Olsen. She called the plan “a gamble”.";
//! let quotes = QuoteExtractor::new().extract(text, &[], None);
//! assert_eq!(&text[quotes[0].content()], "We will not wait,");
//! assert_eq!(quotes[0].kind(), QuoteKind::Direct);
//! assert_eq!(&text[quotes[0].speaker().unwrap()], "Mara Olsen");
//! assert_eq!(quotes[1].kind(), QuoteKind::Mixed);
//! assert_eq!(&text[quotes[1].speaker().unwrap()], "She");
//! assert_eq!(quotes[1].speaker_name(), Some("Mara Olsen"));
//! ```
//!
//! The forms handled, sentence by sentence (a quotation is never split):
//!
//! * **direct**: `“…,” X said.` / `“…,” said X.` / `X said: “…”` /
//!   `“…,” X said. “…”` (a split quotation is one attribution) / `X: “…”` /
//!   `“…” — X.`; a paragraph of quotation alone continues the previous
//!   paragraph's speaker, and a quotation left open at the end of a
//!   paragraph continues in the next one that opens with a quotation mark;
//! * **mixed**: reported speech holding quoted fragments (`She called the plan
//!   “a disaster”.`); quoted words with no cue are not a quote;
//! * **indirect**: `CONTENT, X said.` / `X said (that) CONTENT.` /
//!   `According to X, CONTENT.` / `CONTENT, according to X.`, with the cues
//!   of the lexicon (`cues.tsv`, built from the `PolNeAR` train split).
//!
//! The speaker is the mention at the attribution ("Finnish Economy Minister
//! Aino Virtanen", "he", "the state news agency"); its name is resolved in
//! the document (titles dropped, pronouns to the nearest earlier named
//! speaker or person, surnames to the full name) and linked to a gazetteer
//! entry when one is given.

mod lexicon;
mod speaker;
mod text;

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::gazetteer::{EntryId, Gazetteer, Match};
use lexicon::{CueKind, Lexicon};
pub use speaker::SurnameIndex;
use text::{Doc, Kind, Paragraph, Quotation};

/// What kind of quote: how much of its content stands in quotation marks.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// All of the content is quoted: `“We will not wait,” she said.`
    Direct,
    /// Reported speech holding quoted fragments: `She called the plan “a gamble”.`
    Mixed,
    /// Reported speech without quotation marks: `Talks will resume, she said.`
    Indirect,
}

impl QuoteKind {
    /// `"direct"`, `"mixed"` or `"indirect"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One quote: what was said, by whom, and how the text says so. Spans are
/// byte ranges of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    content: Range<usize>,
    kind: QuoteKind,
    cue: Option<Range<usize>>,
    speaker: Option<Range<usize>>,
    speaker_name: Option<String>,
    speaker_entity: Option<EntryId>,
    source: Option<Range<usize>>,
}

impl Quote {
    /// The content, without enclosing quotation marks.
    pub fn content(&self) -> Range<usize> {
        self.content.clone()
    }
    /// The kind.
    pub fn kind(&self) -> QuoteKind {
        self.kind
    }
    /// The cue: "said", "told", "according to", ":".
    pub fn cue(&self) -> Option<Range<usize>> {
        self.cue.clone()
    }
    /// The mention of the speaker at this attribution ("he", "the minister").
    pub fn speaker(&self) -> Option<Range<usize>> {
        self.speaker.clone()
    }
    /// The speaker's resolved name: "Aino Virtanen" also when the mention
    /// is "he"; `None` when unknown.
    pub fn speaker_name(&self) -> Option<&str> {
        self.speaker_name.as_deref()
    }
    /// The gazetteer entry the speaker is linked to.
    pub fn speaker_entity(&self) -> Option<EntryId> {
        self.speaker_entity
    }
    /// Whom the quote was reported through, when the text says (`X said,
    /// according to the agency`).
    pub fn source(&self) -> Option<Range<usize>> {
        self.source.clone()
    }

    /// The same quote in a text that starts `by` bytes earlier.
    fn moved_on(self, by: usize) -> Quote {
        let on = |r: Range<usize>| r.start + by..r.end + by;
        Quote {
            content: on(self.content),
            cue: self.cue.map(on),
            speaker: self.speaker.map(on),
            source: self.source.map(on),
            ..self
        }
    }
}

/// Texts longer than this are read in windows of about this size; see
/// [`QuoteExtractor::extract`].
pub const WINDOW_BYTES: usize = 1 << 20;

/// Where the window that starts at `start` ends: just after the first line
/// break past [`WINDOW_BYTES`], or at the end of the text.
fn window_end(text: &str, start: usize) -> usize {
    let from = start + WINDOW_BYTES;
    if from >= text.len() {
        return text.len();
    }
    text.as_bytes()[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |k| from + k + 1)
}

/// Finds quotes and their speakers. Cheap to build; `Send + Sync`.
#[derive(Debug)]
pub struct QuoteExtractor {
    lexicon: Lexicon,
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new()
    }
}

/// An attribution found in a sentence, in token indices.
#[derive(Clone, Debug)]
struct Frame {
    cue: Range<usize>,
    speaker: Range<usize>,
    source: Option<Range<usize>>,
}

impl Frame {
    fn new(cue: Range<usize>, speaker: Range<usize>) -> Frame {
        Frame {
            cue,
            speaker,
            source: None,
        }
    }
}

/// A quote before its speaker is resolved, in token indices (content may be
/// a quotation's inside).
#[derive(Clone, Debug)]
struct Found {
    content: Range<usize>,
    kind: QuoteKind,
    frame: Option<Frame>,
}

impl QuoteExtractor {
    /// An extractor with the built-in cue lexicon.
    pub fn new() -> QuoteExtractor {
        QuoteExtractor {
            lexicon: Lexicon::builtin(),
        }
    }

    /// The quotes of `text`, in order. `entities` are the gazetteer matches
    /// of the same text (byte offsets), used with `gazetteer` (and the
    /// [`SurnameIndex`] of its persons, built once) to resolve and link
    /// speakers; pass `&[]` and `None` without a gazetteer.
    ///
    /// A text longer than [`WINDOW_BYTES`] is read in windows of about that
    /// size that end at line breaks, so that memory stays proportional to the
    /// window: a pronoun at the top of a window does not see the speakers of
    /// the window before. News articles are far shorter than a window.
    pub fn extract(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
    ) -> Vec<Quote> {
        self.extract_until(text, entities, gazetteer, &AtomicBool::new(false))
    }

    /// [`extract`](Self::extract) that stops between windows once `stop` is
    /// set (by another thread: the caller was interrupted), with the quotes
    /// of the windows read so far.
    pub fn extract_until(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
        stop: &AtomicBool,
    ) -> Vec<Quote> {
        if text.len() <= WINDOW_BYTES {
            return self.extract_window(text, entities, gazetteer, true);
        }
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() && !stop.load(Ordering::Relaxed) {
            let end = window_end(text, start);
            let first = entities.partition_point(|m| m.start() < start);
            let last = entities.partition_point(|m| m.start() < end);
            let local: Vec<Match> = entities[first..last]
                .iter()
                .filter(|m| m.end() <= end)
                .map(|m| m.moved_back(start))
                .collect();
            let window = self.extract_window(&text[start..end], &local, gazetteer, start == 0);
            out.extend(window.into_iter().map(|q| q.moved_on(start)));
            start = end;
        }
        out
    }

    /// The quotes of one window; `titled` when it starts the document, whose
    /// first line may be a title ("Lind: Talks will resume").
    fn extract_window(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
        titled: bool,
    ) -> Vec<Quote> {
        let mut doc = Doc::new(text);
        // Every frame search asks for cues; look each token up once.
        doc.cues = (0..doc.toks.len())
            .map(|i| {
                self.lookup_cue(&doc, i)
                    .and_then(|(cue, r)| Some((cue, u8::try_from(r.len()).ok()?)))
            })
            .collect();
        let mut found: Vec<Found> = Vec::new();
        // The frame of the last paragraph that quoted someone, for quotation
        // paragraphs without a cue.
        let mut last_quoting: Option<Frame> = None;
        let mut prev_open_ended = false;
        // Where the previous paragraph's quotes start in `found`.
        let mut prev_start = 0;
        for (n, para) in doc.paras.iter().enumerate() {
            let start = found.len();
            if titled && n == 0 {
                if let Some(title) = self.title(&doc, para) {
                    found.push(title);
                    continue;
                }
            }
            // "- Paul Ames." alone signs the quotations just above it.
            if let Some(fr) = Self::signature(&doc, para) {
                for f in &mut found[prev_start..] {
                    if f.frame.is_none() && f.kind == QuoteKind::Direct {
                        f.frame = Some(fr.clone());
                    }
                }
                prev_start = start;
                continue;
            }
            prev_start = start;
            let para_frame = self.paragraph(
                &doc,
                para,
                &mut found,
                last_quoting.as_ref(),
                prev_open_ended,
            );
            let quoted = found[start..]
                .iter()
                .any(|f| f.kind != QuoteKind::Indirect && f.frame.is_some());
            // "Dr. Ward stated:" closing a paragraph introduces the next one.
            let introduces = doc.toks[para.toks.end - 1].is_punct(':') && found.len() == start;
            last_quoting = if quoted || introduces {
                para_frame
            } else {
                None
            };
            prev_open_ended = para.quotes.last().is_some_and(|q| q.open_ended);
        }
        let mut resolver = speaker::Resolver::new(&doc, entities, gazetteer);
        found
            .into_iter()
            .map(|f| {
                let (speaker, name, entity) = match &f.frame {
                    Some(fr) => {
                        let r = resolver.resolve(fr.speaker.clone());
                        (Some(doc.span(fr.speaker.clone())), r.name, r.entity)
                    }
                    None => (None, None, None),
                };
                Quote {
                    content: trim_span(text, doc.span(f.content.clone())),
                    kind: f.kind,
                    cue: f.frame.as_ref().map(|fr| doc.span(fr.cue.clone())),
                    speaker,
                    speaker_name: name,
                    speaker_entity: entity,
                    source: f
                        .frame
                        .as_ref()
                        .and_then(|fr| fr.source.clone())
                        .map(|s| doc.span(s)),
                }
            })
            .collect()
    }

    /// Finds the quotes of one paragraph; returns the frame that quoted
    /// someone in it, if any.
    fn paragraph(
        &self,
        doc: &Doc<'_>,
        para: &Paragraph,
        found: &mut Vec<Found>,
        last_quoting: Option<&Frame>,
        prev_open_ended: bool,
    ) -> Option<Frame> {
        // "(CROSSTALK)", "Correction: An earlier version ...": the
        // transcript's or the editor's words.
        let labelled = doc
            .toks
            .get(para.toks.start + 1)
            .is_some_and(|t| t.is_punct(':'))
            && is_label(doc, para.toks.start);
        // "Follow Ilse Voss on Twitter @ivoss": the site's line, not speech.
        let follow = para
            .toks
            .clone()
            .find(|&i| doc.toks[i].kind == Kind::Word)
            .is_some_and(|i| doc.word(i) == "Follow")
            && doc.text[doc.span(para.toks.clone())].contains('@');
        if labelled || follow || stage_direction(doc, para) {
            return None;
        }
        if let Some(turn) = Self::transcript(doc, para) {
            let frame = turn.frame.clone();
            found.push(turn);
            return frame;
        }
        // The quotes of this paragraph are `found[base..]`.
        let base = found.len();
        let mut para_frame: Option<Frame> = None;
        // Bare quotations waiting for a frame: indices into `found`.
        let mut waiting: Vec<usize> = Vec::new();
        // All bare quotations, framed later or not.
        let mut unattributed: Vec<usize> = Vec::new();
        for unit in &para.units {
            let quotes: Vec<Quotation> = para
                .quotes
                .iter()
                .filter(|q| unit.contains(&q.open))
                .copied()
                .collect();
            let before = found.len();
            let frame = self.unit(doc, unit.clone(), &quotes, found);
            if let Some(fr) = frame {
                // A sentence that only attributes ("He said.") takes the
                // bare quotations before it.
                for &w in &waiting {
                    found[w].frame = Some(fr.clone());
                }
                waiting.clear();
                // Any attribution of the paragraph ("Talks will go on, Lind
                // said. “We are ready.”") passes to its bare quotations.
                para_frame = Some(fr);
            }
            let unframed = (before..found.len()).filter(|&i| found[i].frame.is_none());
            unattributed.extend(unframed.clone());
            waiting.extend(unframed);
        }
        // Bare quotations of the paragraph: a split quotation takes the
        // paragraph's frame; a paragraph of quotation alone, or the
        // continuation of an open quotation, the previous paragraph's.
        let inherited = para_frame.clone().or_else(|| {
            let starts_quoted = para
                .quotes
                .first()
                .is_some_and(|q| q.open == para.toks.start);
            let all_quoted = para.units.iter().all(|u| {
                para.quotes
                    .iter()
                    .any(|q| q.open <= u.start && q.outer().end >= u.end.saturating_sub(1))
            });
            (starts_quoted && (all_quoted || prev_open_ended))
                .then(|| last_quoting.cloned())
                .flatten()
        });
        let mut keep = vec![true; found.len() - base];
        for &w in &waiting {
            match &inherited {
                Some(fr) => found[w].frame = Some(fr.clone()),
                // Scare quotes and titles: short and unattributed.
                None => {
                    keep[w - base] = doc.span(found[w].content.clone()).len()
                        >= MIN_BARE_QUOTE_BYTES
                        && words(doc, found[w].content.clone()) >= MIN_BARE_QUOTE_WORDS;
                }
            }
        }
        // A name in title case ("Barack Obama Election Day", “Making a
        // Murderer”) is a title, not speech, whatever frame is near.
        for &u in &unattributed {
            if found[u].kind == QuoteKind::Direct && title_case(doc, found[u].content.clone()) {
                keep[u - base] = false;
            }
        }
        // Only this paragraph's quotes: a pass over all of `found` in every
        // paragraph made long documents quadratic.
        let mine = found.split_off(base);
        found.extend(
            mine.into_iter()
                .zip(keep)
                .filter_map(|(f, k)| k.then_some(f)),
        );
        para_frame.or_else(|| inherited.filter(|_| !para.quotes.is_empty()))
    }

    /// Finds the quotes of one sentence unit; returns its frame, if any.
    /// The quotes of a sentence unit that holds quotations.
    fn quoted_unit(
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
    fn frame_before_quotation(
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
                            && matches!(
                                doc.word(fr.cue.start - 1).to_lowercase().as_str(),
                                "and" | "but"
                            ));
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
    fn push_mixed(
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

    fn unit(
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

    /// Whether the word at `i` is a strong verb cue.
    fn reports(&self, doc: &Doc<'_>, i: usize) -> bool {
        self.cue_at(doc, i)
            .is_some_and(|(c, _)| c.kind == CueKind::Verb && c.strong())
    }

    /// The cue at token `i`, from the document's table of cues.
    fn cue_at(&self, doc: &Doc<'_>, i: usize) -> Option<(lexicon::Cue, Range<usize>)> {
        match doc.cues.get(i) {
            Some(&found) => found.map(|(cue, len)| (cue, i..i + usize::from(len))),
            None => self.lookup_cue(doc, i),
        }
    }

    /// Looks the cue at token `i` up in the lexicon (once per token: see
    /// [`Self::cue_at`]).
    fn lookup_cue(&self, doc: &Doc<'_>, i: usize) -> Option<(lexicon::Cue, Range<usize>)> {
        let t = doc.toks[i];
        // A heading in capitals ("EVEN HIS BOSS THINKS ...") reports nothing,
        // nor does an idiom ("It goes without saying", "needless to say").
        let idiom = i > 0
            && doc.toks[i - 1].kind == Kind::Word
            && matches!(
                doc.word(i - 1).to_lowercase().as_str(),
                "without" | "needless"
            );
        if t.kind != Kind::Word || is_caps_word(doc, i) || idiom {
            return None;
        }
        // Lowercased on the stack: this runs for most words, many times.
        let word = doc.word(i);
        let mut buf = [0u8; 24];
        let owned;
        let w: &str = if word.len() <= buf.len() && word.is_ascii() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).ok()?
        } else {
            owned = word.to_lowercase();
            &owned
        };
        // "called for", "pointed out": the pair before the word alone.
        if doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            if let Some(cue) = self.lexicon.phrase(w, doc.word(i + 1)) {
                return Some((cue, i..i + 2));
            }
        }
        let cue = self.lexicon.get(w)?;
        if cue.kind == CueKind::According {
            let next = doc.toks.get(i + 1)?;
            return (next.kind == Kind::Word && doc.word(i + 1).eq_ignore_ascii_case("to"))
                .then_some((cue, i..i + 2));
        }
        Some((cue, i..i + 1))
    }

    /// A frame that follows a quotation: `, X said [adjuncts]` or `, said X`.
    fn frame_after(
        &self,
        doc: &Doc<'_>,
        r: Range<usize>,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<Frame> {
        let mut i = r.start;
        while i < r.end
            && doc.toks[i].kind == Kind::Punct
            && matches!(doc.toks[i].first, ',' | '\u{2014}' | '\u{2013}' | '-')
        {
            i += 1;
        }
        // Far enough for a speaker with an appositive ("Anne Lind, an aide
        // to the mayor, said"), which the speaker phrase resolves.
        let limit = r.end.min(i + MAX_SPEAKER_TOKENS + MAX_APPOSITIVE_TOKENS);
        for c in i..limit {
            if inside(c) {
                return None;
            }
            let Some((cue, cue_r)) = self.cue_at(doc, c) else {
                let t = doc.toks[c];
                if t.kind != Kind::Word
                    && !(t.kind == Kind::Punct
                        && matches!(
                            t.first,
                            '.' | ','
                                | '\u{2014}'
                                | '\u{2013}'
                                | '-'
                                | '\''
                                | '&'
                                | '('
                                | ')'
                                | '$'
                                // The marks of a nickname ("Cia").
                                | '"'
                                | '\u{201c}'
                                | '\u{201d}'
                        ))
                {
                    return None;
                }
                continue;
            };
            if cue.kind == CueKind::According {
                let speaker = speaker::source(doc, cue_r.end, r.end)?;
                return Some(Frame::new(cue_r, speaker));
            }
            // ", called the Nordvik Fund,": naming, not speech.
            if c == i && NAMING.contains(&doc.word(c).to_lowercase().as_str()) {
                return None;
            }
            let frame = if c == i {
                // said X
                speaker::right(doc, cue_r.end, r.end)
                    .map(|speaker| Frame::new(cue_r.clone(), speaker))
            } else {
                speaker::left(doc, i, c).map(|speaker| Frame::new(cue_r.clone(), speaker))
            };
            return frame.map(|f| self.with_source(doc, f, r.end));
        }
        None
    }

    /// A frame before a quotation or reported content: `X said(:| that)`;
    /// returns it and where the content starts.
    fn frame_before(
        &self,
        doc: &Doc<'_>,
        r: Range<usize>,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, usize)> {
        self.frame_before_from(doc, r, inside, false)
    }

    /// [`Self::frame_before`], trying the cue nearest the end of `r` first
    /// when `nearest_last` (for the frame of a quotation that follows).
    fn frame_before_from(
        &self,
        doc: &Doc<'_>,
        r: Range<usize>,
        inside: &dyn Fn(usize) -> bool,
        nearest_last: bool,
    ) -> Option<(Frame, usize)> {
        if nearest_last {
            // Strong cues first, nearest first; a weak one ("did", "show")
            // only when no strong one frames the quotation.
            return self
                .frame_before_in(
                    doc,
                    r.clone(),
                    inside,
                    r.clone().rev(),
                    lexicon::Cue::strong,
                )
                .or_else(|| {
                    self.frame_before_in(doc, r.clone(), inside, r.clone().rev(), |_| true)
                });
        }
        self.frame_before_in(doc, r.clone(), inside, r, |_| true)
    }

    /// [`Self::frame_before`] over the cue positions `order` (only strong
    /// cues that `accept`).
    fn frame_before_in(
        &self,
        doc: &Doc<'_>,
        r: Range<usize>,
        inside: &dyn Fn(usize) -> bool,
        order: impl Iterator<Item = usize>,
        accept: fn(&lexicon::Cue) -> bool,
    ) -> Option<(Frame, usize)> {
        for c in order {
            if inside(c) {
                continue;
            }
            let Some((cue, cue_r)) = self.cue_at(doc, c) else {
                continue;
            };
            // "When terrorists are revealed as ...": a passive reports nothing.
            let passive = cue.kind == CueKind::Verb && c > r.start && after_be(doc, c);
            if !accept(&cue) || passive {
                continue;
            }
            if cue.kind == CueKind::According {
                // According to X, “…”: the source runs to the comma.
                let comma = (cue_r.end..r.end)
                    .find(|&i| inside(i) || doc.toks[i].is_punct(','))
                    .unwrap_or(r.end);
                let speaker = if comma > cue_r.end && comma - cue_r.end <= MAX_SOURCE_TOKENS {
                    cue_r.end..comma
                } else {
                    speaker::source(doc, cue_r.end, comma)?
                };
                let mut start = speaker.end.max(comma);
                while start < r.end && doc.toks[start].kind == Kind::Punct {
                    start += 1;
                }
                return Some((Frame::new(cue_r, speaker), start));
            }
            // ", saying “…”": a participle spoken by the sentence's subject.
            let participle = cue.kind == CueKind::Verb
                && c > r.start
                && doc.toks[c - 1].is_punct(',')
                && doc.word(c).ends_with("ing");
            if participle {
                if let Some(subject) = speaker::subject(doc, r.start, c, c) {
                    let start = skip_complement(doc, cue_r.end, r.end);
                    return Some((Frame::new(cue_r, subject), start));
                }
            }
            // "Said Ellis: “…”": a cue opening the sentence, inverted; "I
            // laughed and said, “…”": the subject of the verb before "and".
            let speaker = speaker::left(doc, r.start, c)
                .or_else(|| {
                    // Not a participle: "Citing a report, Lind ...".
                    (c == r.start && doc.toks[c].is_cap() && !doc.word(c).ends_with("ing"))
                        .then(|| speaker::right(doc, cue_r.end, r.end))
                        .flatten()
                })
                .or_else(|| {
                    let mut k = c;
                    while k > r.start + 1
                        && doc.toks[k - 1].kind == Kind::Word
                        && speaker::is_auxiliary(&doc.word(k - 1).to_lowercase())
                    {
                        k -= 1;
                    }
                    let and = k > r.start
                        && doc.toks[k - 1].kind == Kind::Word
                        && matches!(doc.word(k - 1).to_lowercase().as_str(), "and" | "but");
                    and.then(|| speaker::subject(doc, r.start, k, c)).flatten()
                });
            let Some(speaker) = speaker else {
                continue;
            };
            let start = skip_complement(doc, cue_r.end.max(speaker.end), r.end);
            return Some((Frame::new(cue_r, speaker), start));
        }
        None
    }

    /// `“…,” mused Stu Lind.` / `“…,” an angry Lind retaliated.`: next to a
    /// quotation, a verb form (`-ed`, `-s`) beside a name is a cue even when
    /// the lexicon does not know it (only there: the quotation is the
    /// evidence).
    fn verb_beside_name(doc: &Doc<'_>, gap: Range<usize>) -> Option<Frame> {
        let mut i = gap.start;
        while i < gap.end && doc.toks[i].is_punct(',') {
            i += 1;
        }
        let verb = |j: usize| {
            doc.toks
                .get(j)
                .is_some_and(|t| t.kind == Kind::Word && !t.is_cap())
                && {
                    let w = doc.word(j);
                    (w.ends_with("ed") || w.ends_with('s')) && w.len() > 3
                }
        };
        let closes = |j: usize| adjunct_tail(doc, j..gap.end);
        // VERB NAME
        if verb(i) {
            if let Some(speaker) = speaker::right(doc, i + 1, gap.end) {
                if speaker.clone().any(|k| doc.toks[k].is_cap()) && closes(speaker.end) {
                    return Some(Frame::new(i..i + 1, speaker));
                }
            }
        }
        // NAME VERB
        let c = (i..gap.end.min(i + MAX_SPEAKER_TOKENS)).find(|&c| verb(c))?;
        let speaker = speaker::left(doc, i, c)?;
        let pronoun = speaker.len() == 1
            && matches!(
                doc.word(speaker.start).to_lowercase().as_str(),
                "he" | "she" | "they"
            );
        (speaker.start == i
            && (pronoun || speaker.clone().any(|k| doc.toks[k].is_cap()))
            && closes(c + 1))
        .then(|| Frame::new(c..c + 1, speaker))
    }

    /// `“…” — X.` and `X: “…”`.
    fn dash_or_colon(doc: &Doc<'_>, unit: Range<usize>, quotes: &[Quotation]) -> Option<Frame> {
        let first = quotes.first()?;
        let last = quotes.last()?;
        // X: “…” / a friend commented: “…” (a verb form the lexicon may
        // lack, right before the colon that introduces a quotation).
        if first.open >= unit.start + 2 && doc.toks[first.open - 1].is_punct(':') {
            let colon = first.open - 1;
            // "scolded him:" — an object pronoun between verb and colon.
            let object = matches!(
                doc.word(colon - 1).to_lowercase().as_str(),
                "him" | "her" | "them" | "me" | "us"
            );
            let verb = if object && colon >= unit.start + 2 {
                colon - 2
            } else {
                colon - 1
            };
            let w = doc.word(verb);
            if doc.toks[verb].kind == Kind::Word
                && !doc.toks[verb].is_cap()
                && (w.ends_with("ed") || w.ends_with('s'))
                && verb > unit.start
            {
                if let Some(speaker) = speaker::left(doc, unit.start, verb) {
                    return Some(Frame::new(verb..verb + 1, speaker));
                }
            }
            let speaker = speaker::left(doc, unit.start, colon)?;
            let after_dash = speaker.start > unit.start
                && matches!(
                    doc.toks[speaker.start - 1].first,
                    '-' | '\u{2014}' | '\u{2013}'
                );
            if speaker.start == unit.start || after_dash {
                return Some(Frame::new(colon..colon + 1, speaker));
            }
        }
        // “…” — X.
        let after = last.outer().end;
        if after < unit.end && is_attribution_dash(doc.toks[after].first) {
            let speaker = speaker::right(doc, after + 1, unit.end)?;
            return Some(Frame::new(after..after + 1, speaker));
        }
        None
    }

    /// A list of quotations each signed with a dash: `“…” ― Ana Ruiz “…” ―
    /// Ola Lund.` Returns whether every quotation was signed.
    fn signed(
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

    /// A paragraph that only signs the one above it: `- Paul Ames.`
    fn signature(doc: &Doc<'_>, para: &Paragraph) -> Option<Frame> {
        let first = para.toks.start;
        let dash = doc.toks[first];
        if !(dash.kind == Kind::Punct && (dash.first == '-' || is_attribution_dash(dash.first))) {
            return None;
        }
        let speaker = speaker::right(doc, first + 1, para.toks.end)?;
        // "- Paul Ames, Nordvik.": a short place may follow the name.
        let rest = words(doc, speaker.end..para.toks.end);
        let place = rest <= 3 && doc.toks.get(speaker.end).is_some_and(|t| t.is_punct(','));
        ((rest == 0 || place) && speaker.clone().any(|i| doc.toks[i].is_cap()))
            .then(|| Frame::new(first..first + 1, speaker))
    }

    /// A transcript's turn, `PENCE: Well, look …`, in or out of quotation
    /// marks: a direct quote of the rest of the paragraph by the name in
    /// capitals.
    fn transcript(doc: &Doc<'_>, para: &Paragraph) -> Option<Found> {
        let mut i = para.toks.start;
        if doc.toks[i].kind == Kind::Open {
            i += 1;
        }
        let name_start = i;
        while i < para.toks.end && i - name_start < 4 && is_caps_word(doc, i) {
            i += 1;
        }
        let colon = i;
        if colon == name_start
            || colon >= para.toks.end
            || !doc.toks[colon].is_punct(':')
            || is_label(doc, name_start)
        {
            return None;
        }
        let mut end = para.toks.end;
        while end > colon + 1 && doc.toks[end - 1].kind == Kind::Close {
            end -= 1;
        }
        (end > colon + 1).then(|| Found {
            content: colon + 1..end,
            kind: QuoteKind::Direct,
            frame: Some(Frame::new(colon..colon + 1, name_start..colon)),
        })
    }

    /// A document's title that names who speaks before a colon: `Lind: Talks
    /// will resume`, `Poll: Ames leads` (not `The Latest:` nor `BREAKING:`).
    fn title(&self, doc: &Doc<'_>, para: &Paragraph) -> Option<Found> {
        let name_start = para.toks.start;
        let colon = (name_start..para.toks.end.min(name_start + MAX_TITLE_NAME_TOKENS + 1))
            .find(|&i| doc.toks[i].kind != Kind::Word)?;
        let name = name_start..colon;
        let named = !name.is_empty()
            && name.clone().all(|i| doc.toks[i].is_cap())
            && name
                .clone()
                .any(|i| doc.word(i).chars().any(char::is_lowercase))
            && !matches!(
                doc.word(name_start).to_lowercase().as_str(),
                "the" | "a" | "an"
            )
            && !is_label(doc, name_start)
            && name.clone().all(|i| self.cue_at(doc, i).is_none());
        // "Lind: “…”" is a direct quote, found as such.
        let quoted = doc
            .toks
            .get(colon + 1)
            .is_some_and(|t| t.kind == Kind::Open);
        if !named || quoted || !doc.toks[colon].is_punct(':') {
            return None;
        }
        let end = content_end(doc, colon + 1..para.toks.end);
        let kind = if para.quotes.is_empty() {
            QuoteKind::Indirect
        } else {
            QuoteKind::Mixed
        };
        (words(doc, colon + 1..end) >= MIN_REPORTED_WORDS).then(|| Found {
            content: colon + 1..end,
            kind,
            frame: Some(Frame::new(colon..colon + 1, name)),
        })
    }

    /// Reported speech: `X said (that) CONTENT.`, `CONTENT, X said.`,
    /// `CONTENT, said X.`, `According to X, CONTENT.`, `CONTENT, according
    /// to X.` Returns the frame and the content's tokens.
    fn reported(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, Range<usize>)> {
        self.reported_frame_last(doc, unit.clone(), end, inside)
            .or_else(|| self.reported_frame_first(doc, unit, end, inside))
    }

    /// `CONTENT, X said.` / `CONTENT, said X.` / `CONTENT, according to X.`
    /// / `CONTENT, X said, according to Y.` A verb frame wins over the
    /// "according to" after it, which becomes its source.
    fn reported_frame_last(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, Range<usize>)> {
        let commas: Vec<usize> = (unit.start..end)
            .rev()
            .filter(|&i| {
                !inside(i)
                    && doc.toks[i].kind == Kind::Punct
                    && matches!(doc.toks[i].first, ',' | '\u{2014}' | '\u{2013}')
            })
            .take(3)
            .collect();
        let mut according: Option<(Frame, Range<usize>)> = None;
        for comma in commas {
            if words(doc, unit.start..comma) < MIN_PARENTHESIS_WORDS {
                break;
            }
            let Some(fr) = self.frame_after(doc, comma + 1..end, inside) else {
                continue;
            };
            let tail_start = fr.speaker.start.min(fr.cue.start);
            let Some((cue, _)) = self.cue_at(doc, fr.cue.start) else {
                continue;
            };
            // "Eva Lind, the mayor's daughter, noted the rule": a subject
            // with an appositive, not content before an inverted cue.
            if fr.cue.start == comma + 1
                && speaker::left(doc, unit.start, fr.cue.start)
                    .is_some_and(|s| s.start == unit.start)
            {
                continue;
            }
            // ", adding that ...": a participle continues an earlier report.
            if cue.kind == CueKind::Verb
                && fr.cue.start == comma + 1
                && doc.word(fr.cue.start).ends_with("ing")
            {
                continue;
            }
            // The frame closes the sentence: little follows it ("on
            // Tuesday", "in a statement"); else the comma ended an
            // introductory phrase, and the content follows.
            let after = fr.cue.end.max(fr.speaker.end);
            let after = skip_tell_object(doc, fr.cue.start, after, end);
            // "..., according to a poll released on Monday": all the rest
            // names the source.
            let closes = fr.source.is_some()
                || cue.kind == CueKind::According
                || adjunct_tail(doc, after..end);
            if !(cue.strong() && closes && tail_start <= comma + 2) {
                continue;
            }
            if cue.kind == CueKind::According {
                according.get_or_insert((fr, unit.start..comma));
                continue;
            }
            if words(doc, unit.start..comma) < MIN_REPORTED_WORDS {
                continue;
            }
            return Some((fr, unit.start..comma));
        }
        according
    }

    /// `X said (that) CONTENT.` / `According to X, CONTENT.` / `X criticized
    /// OBJECT`: the first strong cue whose speaker opens the sentence or a
    /// clause.
    fn reported_frame_first(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        end: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, Range<usize>)> {
        let mut from = unit.start;
        let (fr, start, cue, what) = loop {
            // Only strong cues: "Several cast members said" is not framed by
            // "cast".
            let Some((mut fr, mut start)) =
                self.frame_before_in(doc, from..end, inside, from..end, lexicon::Cue::strong)
            else {
                return self.coordinated(doc, unit.start, from, end, inside);
            };
            // "announced in a statement this month that ...": the content
            // follows the "that" after an adjunct.
            if !plain_content(doc, fr.cue.end, start) {
                if let Some(that) = (start..end.min(start + MAX_ADJUNCT_BEFORE_THAT)).find(|&i| {
                    doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that")
                }) {
                    start = that + 1;
                }
            }
            let cue = self.cue_at(doc, fr.cue.start)?.0;
            // "Staff for the House committee on X said": a subject with
            // prepositions that opens the sentence; "She blamed ..., and
            // said": the sentence's subject.
            if let Some(subject) = speaker::subject(doc, unit.start, fr.speaker.start, fr.cue.start)
            {
                fr.speaker = subject;
            }
            // "If a seat were offered": a passive, not a report.
            let passive = cue.kind == CueKind::Verb && after_be(doc, fr.cue.start);
            // "the plan, which she said was a mistake": a relative clause
            // reports the verb phrase after the cue.
            // "what Lind says the plan would do": any clause after "what".
            let relative_word = (fr.speaker.start > unit.start
                && doc.toks[fr.speaker.start - 1].kind == Kind::Word)
                .then(|| doc.word(fr.speaker.start - 1));
            let relative = cue.takes_clause()
                && match relative_word {
                    Some("what") => {
                        plain_content(doc, fr.cue.end, start)
                            && words(doc, start..end) >= MIN_PARENTHESIS_WORDS
                    }
                    Some("which" | "that" | "whom") => starts_verb_phrase(doc, start),
                    _ => false,
                };
            let opens = !passive
                && (relative
                    || opens_clause(doc, unit.start, &fr) && plain_content(doc, fr.cue.end, start));
            // A cue that takes a clause reports one; any other strong cue
            // its object ("Lind criticized the plan on Monday").
            let (content_words, least) = if cue.takes_clause() {
                (words(doc, start..end), MIN_REPORTED_WORDS)
            } else {
                (
                    words(doc, start..object_end(doc, start, end)),
                    MIN_OBJECT_WORDS,
                )
            };
            if opens && content_words >= least {
                let what = relative_word == Some("what");
                break (fr, start, cue, what);
            }
            from = fr.cue.end;
        };
        let fr = self.with_source(doc, fr, end);
        let content_end = fr
            .source
            .as_ref()
            .map_or(end, |s| comma_before(doc, s.start).unwrap_or(end));
        let content_end = if what {
            // "what Lind says the plan would do": to the next conjunction.
            (start..content_end)
                .find(|&i| {
                    doc.toks[i].is_punct(',')
                        || doc.toks[i].kind == Kind::Word
                            && matches!(doc.word(i), "and" | "but" | "or")
                })
                .unwrap_or(content_end)
        } else if cue.takes_clause() {
            clause_end_with(doc, start, content_end, &|k| self.reports(doc, k))
        } else {
            object_end(doc, start, content_end)
        };
        Some((fr, start..content_end.max(start)))
    }

    /// A frame before `before` whose clause-taking cue's speaker opens the
    /// sentence (or a clause after a comma): the outer report of a nested
    /// one.
    fn outer_frame(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        before: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, usize)> {
        let outer = self
            .frame_before(doc, unit.start..before, inside)
            .filter(|(fr, _)| {
                self.cue_at(doc, fr.cue.start)
                    .is_some_and(|(cue, _)| cue.takes_clause())
                    && opens_clause(doc, unit.start, fr)
            });
        // "Lind bemoaned the delays and said she thought that ...": the
        // outer report is the subject's second one.
        outer.or_else(|| {
            self.coordinated(doc, unit.start, unit.start, before, inside)
                .map(|(fr, content)| (fr, content.start))
        })
    }

    /// "Lind condemned what she called “a breach”": the frame of "what she
    /// called" names the object of an outer report, whose strong cue's
    /// speaker opens the sentence.
    fn named_by(
        &self,
        doc: &Doc<'_>,
        unit: Range<usize>,
        fr: &Frame,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, usize)> {
        let what = fr.speaker.start.checked_sub(1)?;
        if what <= unit.start
            || doc.toks[what].kind != Kind::Word
            || !doc.word(what).eq_ignore_ascii_case("what")
        {
            return None;
        }
        let r = unit.start..what;
        self.frame_before_in(doc, r.clone(), inside, r, lexicon::Cue::strong)
            .filter(|(outer, _)| opens_clause(doc, unit.start, outer))
    }

    /// `She blamed the storm, and said CONTENT` / `She blamed the storm,
    /// saying CONTENT`: a clause-taking cue after "and" or "but", or a
    /// participle after a comma, spoken by the subject of the sentence.
    fn coordinated(
        &self,
        doc: &Doc<'_>,
        start: usize,
        from: usize,
        end: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, Range<usize>)> {
        // Where "and" would stand before the cue at `c`: "and (then) said".
        let conjunction = |c: usize| {
            let mut k = c - 1;
            while k > start
                && doc.toks[k].kind == Kind::Word
                && speaker::is_auxiliary(&doc.word(k).to_lowercase())
            {
                k -= 1;
            }
            k
        };
        let c = (from.max(start + 1)..end).find(|&c| {
            !inside(c)
                && self
                    .cue_at(doc, c)
                    .is_some_and(|(cue, _)| cue.kind == CueKind::Verb && cue.strong())
                && (doc.toks[conjunction(c)].kind == Kind::Word
                    && matches!(
                        doc.word(conjunction(c)).to_lowercase().as_str(),
                        "and" | "but"
                    )
                    || doc.toks[c - 1].is_punct(',')
                        && doc.word(c).ends_with("ing")
                        && self
                            .cue_at(doc, c)
                            .is_some_and(|(cue, _)| cue.kind == CueKind::Verb))
        })?;
        let (cue, cue_r) = self.cue_at(doc, c)?;
        let speaker = speaker::subject(doc, start, conjunction(c) + 1, c)?;
        let content = skip_complement(doc, cue_r.end, end);
        // A clause to the end of its clause; an object ("and asked for a
        // vote") to the end of the object.
        let (content_end, least) = if cue.takes_clause() {
            (clause_end(doc, content, end), MIN_REPORTED_WORDS)
        } else {
            (object_end(doc, content, end), MIN_OBJECT_WORDS)
        };
        (words(doc, content..content_end) >= least)
            .then(|| (Frame::new(cue_r, speaker), content..content_end))
    }

    /// A report in a later clause of a sentence, after `from` where an
    /// earlier one ended: `..., though she noted CONTENT`, or `..., adding
    /// (that) CONTENT` by the speaker of `fr`.
    fn later_report(
        &self,
        doc: &Doc<'_>,
        fr: &Frame,
        from: usize,
        end: usize,
        inside: &dyn Fn(usize) -> bool,
    ) -> Option<(Frame, Range<usize>)> {
        let mut i = from;
        while i < end && doc.toks[i].is_punct(',') {
            i += 1;
        }
        if i == from || i >= end {
            return None;
        }
        // ", adding that ...": the participle of the speaker just quoted.
        if let Some((cue, cue_r)) = self.cue_at(doc, i) {
            if cue.kind == CueKind::Verb && cue.takes_clause() && doc.word(i).ends_with("ing") {
                let content = skip_complement(doc, cue_r.end, end);
                let content_end = clause_end(doc, content, end);
                return (words(doc, content..content_end) >= MIN_REPORTED_WORDS)
                    .then(|| (Frame::new(cue_r, fr.speaker.clone()), content..content_end));
            }
        }
        // "..., but she noted ...": only after a connective; else the rest
        // is an appositive or a relative clause of the speaker ("said Ames,
        // who declined to ...").
        let connective = doc.toks[i].kind == Kind::Word
            && matches!(
                doc.word(i).to_lowercase().as_str(),
                "but" | "and" | "though" | "although" | "while" | "yet"
            );
        if !connective {
            return None;
        }
        self.reported_frame_first(doc, i..end, end, inside)
    }

    /// Adds the source of `X said, according to Y`.
    fn with_source(&self, doc: &Doc<'_>, mut fr: Frame, end: usize) -> Frame {
        let from = fr.cue.end.max(fr.speaker.end);
        for i in from..end {
            if let Some((cue, r)) = self.cue_at(doc, i) {
                if cue.kind == CueKind::According && fr.cue.len() == 1 {
                    fr.source = speaker::source(doc, r.end, end);
                }
                break;
            }
        }
        fr
    }
}

/// Whether token `i` lies within one of `quotes`, marks included.
fn in_quotes(quotes: &[Quotation], i: usize) -> bool {
    quotes.iter().any(|q| q.outer().contains(&i))
}

/// A direct quote of a quotation's inside.
fn direct(q: &Quotation, frame: Option<Frame>) -> Found {
    Found {
        content: q.inner(),
        kind: QuoteKind::Direct,
        frame,
    }
}

const MAX_SPEAKER_TOKENS: usize = 10;
const MAX_APPOSITIVE_TOKENS: usize = 20;
const MAX_FRAME_TAIL_WORDS: usize = 6;
/// Reported content also ends at a comma once it has this many words: gold
/// fragments mostly stop at the first clause (tuned on `PolNeAR` train and dev).
const MAX_CLAUSE_WORDS_BEFORE_COMMA: usize = 6;
/// A sentence that only attributes may end with a longer adjunct: "Lund
/// added during her visit to the harbour on Monday."
const MAX_ONLY_TAIL_WORDS: usize = 10;
const MIN_REPORTED_WORDS: usize = 3;
/// Words of the object of a cue that takes no clause ("denounced the plan").
const MIN_OBJECT_WORDS: usize = 2;
/// Tokens of an adjunct between a cue and its "that" ("said in a statement on
/// Monday that").
const MAX_ADJUNCT_BEFORE_THAT: usize = 12;
/// Words before a parenthetical frame ("The plan, Lind said, ...").
const MIN_PARENTHESIS_WORDS: usize = 2;
/// The longest source between "According to" and its comma.
const MAX_SOURCE_TOKENS: usize = 20;
/// Participles that name rather than report before a name.
const NAMING: &[&str] = &["called", "named", "dubbed", "titled", "known", "nicknamed"];
const MIN_BARE_QUOTE_WORDS: usize = 4;
const MIN_BARE_QUOTE_BYTES: usize = 15;

/// Whether a frame's speaker (or its cue) opens the sentence starting at
/// `start`, or a clause after a comma, dash or semicolon.
fn opens_clause(doc: &Doc<'_>, start: usize, fr: &Frame) -> bool {
    fr.speaker.start == start
        || fr.cue.start == start
        // "But critics say", ", but he said", "while she said": only
        // connectives between the start of the clause and the speaker.
        || fr.speaker.start > start && {
            let clause = (start..fr.speaker.start)
                .rev()
                .find(|&i| {
                    doc.toks[i].kind == Kind::Punct
                        && matches!(doc.toks[i].first, ',' | ';' | ':' | '\u{2014}' | '\u{2013}')
                })
                .map_or(start, |i| i + 1);
            clause < fr.speaker.start
                && (clause..fr.speaker.start).all(|i| {
                    doc.toks[i].kind == Kind::Word && {
                        let w = doc.word(i).to_lowercase();
                        speaker::is_leading(&w)
                            || matches!(
                                w.as_str(),
                                "while" | "though" | "although" | "because" | "since" | "as" | "when"
                                    | "where"
                            )
                    }
                })
        }
        || fr.speaker.start > start && {
            let t = doc.toks[fr.speaker.start - 1];
            t.kind == Kind::Punct && matches!(t.first, ',' | '\u{2014}' | '\u{2013}' | '-' | ';' | ':')
        }
}

/// Words that open what may follow an attribution ("on Tuesday", "in a
/// statement", "last week"), rather than reported content; time words
/// ([`speaker::is_time_word`]) do too.
const ADJUNCT_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "to",
    "from",
    "via",
    "for",
    "with",
    "when",
    "while",
    "of",
    "by",
    "afterward",
    "afterwards",
    "again",
    "late",
    "early",
    "then",
    "shortly",
    "about",
    "told",
];

/// Whether `r` may follow an attribution that closes its sentence: nothing,
/// or a short phrase opened by a preposition or a time word.
fn adjunct_tail(doc: &Doc<'_>, r: Range<usize>) -> bool {
    adjunct_tail_max(doc, r, MAX_FRAME_TAIL_WORDS)
}

/// [`adjunct_tail`] with at most `max` words.
fn adjunct_tail_max(doc: &Doc<'_>, r: Range<usize>, max: usize) -> bool {
    let n = words(doc, r.clone());
    if n == 0 {
        return true;
    }
    // "says X, founder and CEO of Y": an appositive of the name before it.
    if doc.toks[r.start].is_punct(',')
        && r.start > 0
        && doc.toks[r.start - 1].is_cap()
        && r.start + 1 < r.end
        && doc.toks[r.start + 1].kind == Kind::Word
        && !doc.toks[r.start + 1].is_cap()
        && !r
            .clone()
            .any(|i| doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that"))
    {
        return true;
    }
    // ", adding that ...": a second report, not more of this one's content.
    if doc.toks[r.start].is_punct(',')
        && r.start + 1 < r.end
        && doc.toks[r.start + 1].kind == Kind::Word
        && matches!(
            doc.word(r.start + 1).to_lowercase().as_str(),
            "adding" | "saying" | "noting" | "arguing" | "explaining" | "citing" | "calling"
        )
    {
        return true;
    }
    let first = r.clone().find(|&i| doc.toks[i].kind == Kind::Word);
    n <= max
        && first.is_some_and(|i| {
            let w = doc.word(i).to_lowercase();
            // "said pleasantly into the phone": an adverb opens one too.
            ADJUNCT_OPENERS.contains(&w.as_str())
                || speaker::is_time_word(&w)
                || (w.ends_with("ly") && w.len() > 4)
        })
        && !r
            .clone()
            .any(|i| doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that"))
}

/// After "told" and its kin, the one to three words of their object ("told
/// reporters", "told the Post") belong to the frame; returns where the rest
/// starts.
fn skip_tell_object(doc: &Doc<'_>, cue: usize, after: usize, end: usize) -> usize {
    let tell = matches!(
        doc.word(cue).to_lowercase().as_str(),
        "told" | "tells" | "tell" | "telling"
    );
    if !tell || after <= cue {
        return after;
    }
    let object = (after..end.min(after + 3))
        .take_while(|&i| {
            doc.toks[i].kind == Kind::Word
                && !{
                    let w = doc.word(i).to_lowercase();
                    ADJUNCT_OPENERS.contains(&w.as_str()) || speaker::is_time_word(&w)
                }
        })
        .count();
    after + object
}

/// Whether a quotation after a frame continues the quotation before it:
/// introduced by punctuation (`he said, “…”`, `he said. “…”`), or long, and
/// not after a preposition or possessive (`on “Morning Joe”`, `ABC's “This
/// Week”`).
fn continues_quotation(doc: &Doc<'_>, q: &Quotation) -> bool {
    let Some(prev) = q.open.checked_sub(1).map(|i| doc.toks[i]) else {
        return true;
    };
    if prev.kind == Kind::Punct && matches!(prev.first, ',' | ':' | '.' | ';') {
        return true;
    }
    let after_preposition = prev.kind == Kind::Word
        && (matches!(
            doc.word(q.open - 1).to_lowercase().as_str(),
            "on" | "of"
                | "in"
                | "at"
                | "to"
                | "from"
                | "for"
                | "with"
                | "called"
                | "titled"
                | "named"
                | "about"
                | "the"
                | "a"
                | "an"
        ) || doc.word(q.open - 1).ends_with("'s")
            || doc.word(q.open - 1).ends_with("\u{2019}s"));
    !after_preposition && words(doc, q.inner()) >= MIN_BARE_QUOTE_WORDS
}

/// A dash that signs a quotation: `“…” — Ana Ruiz`, `“…” ― Ola Lund`.
fn is_attribution_dash(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2013}' | '\u{2015}')
}

/// Whether a paragraph only directs the stage of a transcript: `"(CROSSTALK)`
/// or `PENCE: (LAUGHTER)`, in or out of quotation marks.
fn stage_direction(doc: &Doc<'_>, para: &Paragraph) -> bool {
    let toks = &doc.toks[para.toks.clone()];
    let mut inner = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.kind, Kind::Open | Kind::Close) && !t.is_punct('.'));
    let Some((first, t)) = inner.next() else {
        return false;
    };
    // Skip a speaker's name in capitals and its colon.
    let open = if t.is_punct('(') {
        Some(first)
    } else {
        let colon = toks.iter().position(|t| t.is_punct(':'));
        colon
            .filter(|&c| (first..c).all(|i| is_caps_word(doc, para.toks.start + i)))
            .and_then(|c| toks.get(c + 1).filter(|t| t.is_punct('(')).map(|_| c + 1))
    };
    let close = toks
        .iter()
        .rposition(|t| !matches!(t.kind, Kind::Open | Kind::Close) && !t.is_punct('.'));
    open.is_some() && close.is_some_and(|c| toks[c].is_punct(')'))
}

/// Whether the words of `r` are in title case: one phrase whose words of
/// four letters or more, three or more of them, are capitalised with
/// lowercase after ("Make Your Kid a Millionaire"), none shouted in capitals.
fn title_case(doc: &Doc<'_>, r: Range<usize>) -> bool {
    let long: Vec<&str> = r
        .clone()
        .filter(|&i| doc.toks[i].kind == Kind::Word)
        .map(|i| doc.word(i))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    // Sentences inside ("The Donald. Big Daddy.") are speech.
    let sentences =
        r.clone().rev().skip(1).any(|i| {
            doc.toks[i].kind == Kind::Punct && matches!(doc.toks[i].first, '.' | '!' | '?')
        });
    !sentences
        && long.len() >= 3
        && long.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
        })
}

/// Whether the word at `i` labels a paragraph rather than naming a speaker:
/// "Correction:", "UPDATE:", "Photo:".
fn is_label(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word && LABELS.contains(&doc.word(i).to_lowercase().as_str())
}

/// The most words of a name before a title's colon.
const MAX_TITLE_NAME_TOKENS: usize = 4;

/// Paragraph labels that look like a speaker before a colon.
const LABELS: &[&str] = &[
    "note",
    "correction",
    "clarification",
    "update",
    "updated",
    "editor",
    "editors",
    "photo",
    "photos",
    "video",
    "watch",
    "related",
    "read",
    "listen",
    "source",
    "sources",
    "credit",
    "disclosure",
    "advertisement",
    "see",
    "also",
    "more",
    "subscribe",
    "follow",
    "contact",
    "email",
    "warning",
    "caption",
    "transcript",
];

/// A word in capitals of two letters or more ("PENCE", "WALLACE").
fn is_caps_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word && {
        let w = doc.word(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    }
}

/// Where reported content ends: at `end`, or earlier at a clause boundary
/// (`;`, `(`, a dash, `, saying`, `, adding`, `and said`, or any comma after
/// [`MAX_CLAUSE_WORDS_BEFORE_COMMA`] words) that leaves it at least a few
/// words.
fn clause_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    clause_end_with(doc, start, end, &|_| false)
}

/// [`clause_end`], also ending before "and" or "but" with a verb that
/// `reports` ("..., and encouraged voters to ...": a second report).
fn clause_end_with(
    doc: &Doc<'_>,
    start: usize,
    end: usize,
    reports: &dyn Fn(usize) -> bool,
) -> usize {
    let second_report = |i: usize| {
        let mut k = i + 1;
        // "and Democrats accused ...": a short subject of its own.
        let subject = (k..end.min(k + 3))
            .take_while(|&j| doc.toks[j].kind == Kind::Word && doc.toks[j].is_cap())
            .count();
        if subject > 0 && k + subject < end && reports(k + subject) {
            return true;
        }
        while k < end
            && doc.toks[k].kind == Kind::Word
            && speaker::is_auxiliary(&doc.word(k).to_lowercase())
        {
            k += 1;
        }
        k < end && reports(k)
    };
    let cue_word = |i: usize| {
        doc.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
            && matches!(
                doc.word(i).to_lowercase().as_str(),
                "saying"
                    | "adding"
                    | "said"
                    | "added"
                    | "says"
                    | "adds"
                    | "noting"
                    | "arguing"
                    | "telling"
                    | "calling"
                    | "according"
                    | "which"
                    | "who"
            )
    };
    for i in start..end {
        let t = doc.toks[i];
        let boundary = match t.kind {
            Kind::Punct => match t.first {
                ';' | '(' | '\u{2014}' | '\u{2013}' => true,
                ',' => {
                    cue_word(i + 1)
                        || words(doc, start..i) >= MAX_CLAUSE_WORDS_BEFORE_COMMA
                        // ", although it may take days": the writer's clause.
                        || doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                            && matches!(
                                doc.word(i + 1).to_lowercase().as_str(),
                                "although" | "though" | "whereas" | "while" | "when"
                            )
                }
                _ => false,
            },
            Kind::Word => {
                doc.word(i).eq_ignore_ascii_case("and") && cue_word(i + 1)
                    || matches!(doc.word(i).to_lowercase().as_str(), "and" | "but")
                        && second_report(i)
            }
            _ => false,
        };
        if boundary && words(doc, start..i) >= MIN_REPORTED_WORDS {
            return i;
        }
    }
    end
}

/// The words before a parenthetical frame that a quotation follows ("The
/// problem, she said, is that “…”"), when they hold no quotation.
fn words_before_parenthesis(
    doc: &Doc<'_>,
    start: usize,
    fr: &Frame,
    quotes: &[Quotation],
) -> Option<Range<usize>> {
    let frame_start = fr.speaker.start.min(fr.cue.start);
    let frame_end = fr.speaker.end.max(fr.cue.end);
    // The frame may be another sentence's (a continued quotation).
    if frame_start <= start + 1 || !doc.toks[frame_start - 1].is_punct(',') {
        return None;
    }
    // More words after the frame ("she said, is that “…”"); a quotation
    // right after it ("At the rally, Lind said, “…”") follows an
    // introduction, not content.
    let then_more = doc.toks.get(frame_end).is_some_and(|t| t.is_punct(','))
        && doc
            .toks
            .get(frame_end + 1)
            .is_some_and(|t| t.kind == Kind::Word);
    let before = start..frame_start - 1;
    (then_more
        && !introduction(doc, start)
        && quotes.iter().all(|q| q.open > frame_end)
        && enough_before(doc, before.clone()))
    .then_some(before)
}

/// Whether the words from `start` introduce a frame rather than being
/// reported: "At the meeting, Lind said", "Asked about it, she said".
fn introduction(doc: &Doc<'_>, start: usize) -> bool {
    doc.toks[start].kind == Kind::Word
        && (opens_adjunct(doc, start)
            || matches!(
                doc.word(start).to_lowercase().as_str(),
                "as" | "asked"
                    | "when"
                    | "after"
                    | "while"
                    | "if"
                    | "though"
                    | "although"
                    | "despite"
                    | "since"
                    | "because"
                    | "through"
                    | "by"
                    | "like"
                    | "unlike"
            ))
}

/// Whether the words before a parenthetical frame are content: two or more,
/// or one name ("Lind, Ames said, has ...") that is no connective.
fn enough_before(doc: &Doc<'_>, before: Range<usize>) -> bool {
    match words(doc, before.clone()) {
        0 => false,
        1 => {
            let i = before.start;
            doc.toks[i].kind == Kind::Word
                && doc.toks[i].is_cap()
                && !speaker::is_leading(&doc.word(i).to_lowercase())
                && !opens_adjunct(doc, i)
        }
        _ => true,
    }
}

/// The fragments of reported `content` around a parenthetical frame: "The
/// plan, Lind said, will fail" reports both "The plan" and "will fail"; a
/// comparison or a new clause after the frame ("..., the group said,
/// compared with ...") is the writer's.
fn parenthetical(
    doc: &Doc<'_>,
    unit: Range<usize>,
    end: usize,
    fr: &Frame,
    content: Range<usize>,
) -> Vec<Range<usize>> {
    let frame_start = fr.speaker.start.min(fr.cue.start);
    let frame_end = fr.speaker.end.max(fr.cue.end);
    let comma_before = frame_start > unit.start + 1 && doc.toks[frame_start - 1].is_punct(',');
    let comma_after = frame_end < end && doc.toks[frame_end].is_punct(',');
    let connective = |i: usize| {
        doc.toks[i].kind == Kind::Word
            && matches!(
                doc.word(i).to_lowercase().as_str(),
                "and" | "but" | "or" | "compared" | "while" | "although" | "though" | "as"
            )
    };
    let mut parts = Vec::new();
    if comma_before && comma_after && content.start == frame_end + 1 {
        // The content follows the frame: the words before it too.
        if enough_before(doc, unit.start..frame_start - 1) {
            parts.push(unit.start..frame_start - 1);
        }
        if !connective(content.start) {
            parts.push(content);
        }
    } else if comma_before && comma_after && content.end + 1 == frame_start {
        // The content precedes the frame: the clause after it too.
        parts.push(content);
        let after = frame_end + 1;
        let after_end = clause_end(doc, after, end);
        // Only a verb phrase ("..., is that ..."): else an appositive of the
        // speaker ("said Ames, the lawyer for ...").
        let verb = after < end
            && doc.toks[after].kind == Kind::Word
            && (speaker::is_auxiliary(&doc.word(after).to_lowercase())
                || matches!(
                    doc.word(after).to_lowercase().as_str(),
                    "can" | "must" | "shall" | "won't" | "can't" | "isn't" | "wasn't"
                ));
        if verb && words(doc, after..after_end) >= MIN_PARENTHESIS_WORDS {
            parts.push(after..after_end);
        }
    } else {
        parts.push(content);
    }
    parts
}

/// Whether the word before `i` is a form of "be": the verb at `i` is passive
/// ("were offered", "are revealed").
fn after_be(doc: &Doc<'_>, i: usize) -> bool {
    i > 0
        && doc.toks[i - 1].kind == Kind::Word
        && matches!(
            doc.word(i - 1).to_lowercase().as_str(),
            "is" | "was" | "are" | "were" | "be" | "been" | "being"
        )
}

/// Whether a verb phrase opens at `i`: an auxiliary or a modal ("was a
/// mistake", "would fail").
fn starts_verb_phrase(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
        && matches!(
            doc.word(i).to_lowercase().as_str(),
            "is" | "was"
                | "are"
                | "were"
                | "has"
                | "had"
                | "have"
                | "will"
                | "would"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "can"
        )
}

/// Whether an adjunct ("in a statement", "on Monday") opens at `i`.
fn opens_adjunct(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word && {
        let w = doc.word(i).to_lowercase();
        !matches!(w.as_str(), "to" | "with" | "about") && ADJUNCT_OPENERS.contains(&w.as_str())
            || speaker::is_time_word(&w)
    }
}

/// Whether the content at `start` (after a cue ending at `cue_end`) may be
/// reported: not a verb ("Everything Lind says is a lie"), and not an
/// adjunct ("announced in a statement"; a "that" after it is skipped to).
fn plain_content(doc: &Doc<'_>, cue_end: usize, start: usize) -> bool {
    let Some(t) = doc.toks.get(start) else {
        return false;
    };
    if start > cue_end || t.kind != Kind::Word {
        return true;
    }
    let w = doc.word(start).to_lowercase();
    // "showed up at the debate": a particle, not an object; "who said and
    // did": a second verb.
    !(matches!(
        w.as_str(),
        "is" | "was" | "are" | "were" | "has" | "had" | "will" | "would"
    ) || matches!(
        w.as_str(),
        "up" | "off" | "down" | "back" | "away" | "and" | "or"
    ) || opens_adjunct(doc, start))
}

/// Where the object of a cue that takes no clause ends: before a comma, a
/// dash, or a word that opens an adjunct ("the plan [on Monday]", "the
/// annexation [in a broadcast]"), after its first word.
fn object_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let found = (start + 1..end)
        .find(|&i| {
            let t = doc.toks[i];
            match t.kind {
                Kind::Punct => {
                    matches!(
                        t.first,
                        ',' | ';' | '(' | '\u{2014}' | '\u{2013}' | ':' | '-'
                    )
                }
                Kind::Word => {
                    let w = doc.word(i).to_lowercase();
                    OBJECT_ENDERS.contains(&w.as_str())
                        || speaker::is_time_word(&w)
                        || medium_follows(doc, i, end)
                        // "a veto and attempted to ...": a second verb.
                        || w == "and"
                            && doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                            && {
                                let next = doc.word(i + 1).to_lowercase();
                                next.ends_with("ed") || speaker::is_auxiliary(&next)
                            }
                }
                _ => false,
            }
        })
        .unwrap_or(end);
    // "the plan on Monday": the preposition of the time goes with it.
    let before_time = found > start + 1
        && found < end
        && speaker::is_time_word(&doc.word(found).to_lowercase())
        && doc.toks[found - 1].kind == Kind::Word
        && matches!(
            doc.word(found - 1).to_lowercase().as_str(),
            "on" | "in" | "at" | "by" | "over" | "for" | "early" | "late" | "next"
        );
    if before_time {
        found - 1
    } else {
        found
    }
}

/// Whether the preposition at `i` opens the medium of a statement: "in an
/// interview", "on Twitter", "during a speech".
fn medium_follows(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    matches!(
        doc.word(i).to_lowercase().as_str(),
        "in" | "on" | "at" | "through" | "over"
    ) && (i + 1..end.min(i + 4)).any(|j| {
        doc.toks[j].kind == Kind::Word && MEDIA.contains(&doc.word(j).to_lowercase().as_str())
    })
}

/// What a statement is made in or on.
const MEDIA: &[&str] = &[
    "interview",
    "interviews",
    "statement",
    "ruling",
    "speech",
    "op-ed",
    "tweet",
    "tweets",
    "post",
    "letter",
    "email",
    "diatribe",
    "memo",
    "conference",
    "appearance",
    "broadcast",
    "column",
    "essay",
    "editorial",
    "twitter",
    "facebook",
    "instagram",
    "television",
    "tv",
    "radio",
    "rally",
    "hearing",
    "debate",
    "filing",
    "video",
    "podcast",
    "briefing",
];

/// Words that end the object of a cue: a time or a subordinate clause
/// follows ("the plan [during the debate]", "the plan [because ...]");
/// prepositions inside a noun phrase do not ("a request from Democrats in
/// Ohio").
const OBJECT_ENDERS: &[&str] = &[
    "during", "after", "before", "when", "while", "because", "last", "this", "since", "although",
    "though", "despite", "via", "but",
];

/// Skips what follows a cue before the content: `that`, `:`, `,`, and the
/// object of `told` (`told reporters that`).
fn skip_complement(doc: &Doc<'_>, mut i: usize, end: usize) -> usize {
    let that =
        |i: usize| doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that");
    // told reporters (that) / told the BBC (that)
    if let Some(j) = (i..end.min(i + 5)).find(|&j| that(j)) {
        if (i..j).all(|k| doc.toks[k].kind == Kind::Word) {
            i = j;
        }
    }
    // said in an interview on “This Week” (that): an adjunct before "that".
    if i < end && opens_adjunct(doc, i) {
        if let Some(j) = (i..end.min(i + MAX_ADJUNCT_BEFORE_THAT)).find(|&j| that(j)) {
            i = j;
        }
    }
    while i < end
        && (that(i)
            || matches!(doc.toks[i].kind, Kind::Punct) && matches!(doc.toks[i].first, ':' | ','))
    {
        i += 1;
    }
    i
}

/// The last token of a unit's content: before final punctuation.
fn content_end(doc: &Doc<'_>, unit: Range<usize>) -> usize {
    let mut end = unit.end;
    while end > unit.start
        && doc.toks[end - 1].kind == Kind::Punct
        && matches!(doc.toks[end - 1].first, '.' | '!' | '?' | ')' | ';')
    {
        end -= 1;
    }
    end
}

fn comma_before(doc: &Doc<'_>, i: usize) -> Option<usize> {
    (i >= 2 && doc.toks[i - 2].is_punct(',')).then(|| i - 2)
}

fn words(doc: &Doc<'_>, r: Range<usize>) -> usize {
    r.filter(|&i| doc.toks[i].kind == Kind::Word).count()
}

fn words_outside(doc: &Doc<'_>, r: Range<usize>, quotes: &[Quotation]) -> usize {
    r.filter(|&i| doc.toks[i].kind == Kind::Word && !in_quotes(quotes, i))
        .count()
}

/// `r` without white space at its ends (a direct quote's content is the
/// inside of its marks already; a mixed one keeps the marks it holds).
fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests;
