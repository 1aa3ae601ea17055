//! Quote extraction and attribution: who said what.
//!
//! ```
//! use sayso::quotes::{QuoteExtractor, QuoteKind};
//!
//! let text = "“We will not wait,” said Mara Olsen. She called the plan “a gamble”.";
//! let quotes = QuoteExtractor::new().extract(text, &[], None);
//! assert_eq!(&text[quotes[0].content()], "We will not wait,");
//! assert_eq!(quotes[0].kind(), QuoteKind::Direct);
//! assert_eq!(&text[quotes[0].speaker_mention().unwrap()], "Mara Olsen");
//! assert_eq!(quotes[1].kind(), QuoteKind::Mixed);
//! assert_eq!(&text[quotes[1].speaker_mention().unwrap()], "She");
//! assert_eq!(quotes[1].speaker(), Some("Mara Olsen"));
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

// The stages, in the order a text goes through them (DESIGN.md, "How sayso
// finds quotes"): text → words → paragraph → rules (with frame, reported and
// extent) → speaker.
mod confidence;
mod extent;
mod frame;
mod lex;
mod lexicon;
mod paragraph;
mod reported;
mod rules;
mod speaker;
mod text;
mod words;

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::gazetteer::{EntryId, Gazetteer, Match};
use lexicon::Lexicon;
pub use rules::RULE_NAMES;
pub use speaker::SurnameIndex;
use text::Doc;

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

/// How a quote's speaker was resolved: the path from the mention at the
/// attribution to [`Quote::speaker`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SpeakerVia {
    /// The name stands in the mention ("Aino Virtanen", "the state news
    /// agency"), titles dropped.
    #[default]
    Mention,
    /// A gazetteer entity inside the mention.
    Gazetteer,
    /// A pronoun ("she"), resolved to the nearest earlier speaker or
    /// gazetteer person.
    Pronoun,
    /// A surname ("Virtanen"), completed to a full name used in the document
    /// or to a gazetteer person's.
    Surname,
    /// A nominal ("the minister"), resolved to an earlier speaker so titled.
    Title,
    /// No mention next to the quote: the frame was passed on from another
    /// sentence or paragraph (a quotation paragraph continuing a speaker).
    Continuation,
}

impl SpeakerVia {
    /// `"mention"`, `"gazetteer"`, `"pronoun"`, `"surname"`, `"title"` or
    /// `"continuation"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerVia::Mention => "mention",
            SpeakerVia::Gazetteer => "gazetteer",
            SpeakerVia::Pronoun => "pronoun",
            SpeakerVia::Surname => "surname",
            SpeakerVia::Title => "title",
            SpeakerVia::Continuation => "continuation",
        }
    }
}

/// One quote: what was said, by whom, and how the text says so. Spans are
/// byte ranges of the text.
///
/// Three ideas about who spoke, one name each, as in Python (`Quote.speaker_text`
/// and `speaker_start`/`speaker_end`, `Quote.speaker`, `Quote.speaker_id` and
/// `speaker_label`): the *speaker mention* at the attribution
/// ([`Quote::speaker_mention`]: "she"), the *resolved speaker*
/// ([`Quote::speaker`]: "Aino Virtanen"), and the gazetteer *entry* it is
/// linked to ([`Quote::speaker_entry`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    content: Range<usize>,
    kind: QuoteKind,
    cue: Option<Range<usize>>,
    speaker_mention: Option<Range<usize>>,
    speaker: Option<String>,
    speaker_entry: Option<EntryId>,
    source: Option<Range<usize>>,
    rule: &'static str,
    speaker_via: Option<SpeakerVia>,
    confidence: f64,
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
    /// The speaker mention: where the text names the speaker at this
    /// attribution ("he", "the minister"); Python's `speaker_start`,
    /// `speaker_end` and `speaker_text`.
    pub fn speaker_mention(&self) -> Option<Range<usize>> {
        self.speaker_mention.clone()
    }
    /// The resolved speaker: "Aino Virtanen" also when the mention is "he";
    /// `None` when unknown. Python's `speaker`.
    pub fn speaker(&self) -> Option<&str> {
        self.speaker.as_deref()
    }
    /// The gazetteer entry the speaker is linked to; Python's `speaker_id`
    /// and `speaker_label`.
    pub fn speaker_entry(&self) -> Option<EntryId> {
        self.speaker_entry
    }
    /// Whom the quote was reported through, when the text says (`X said,
    /// according to the agency`).
    pub fn source(&self) -> Option<Range<usize>> {
        self.source.clone()
    }

    /// The name of the rule that found the quote (one of [`RULE_NAMES`]):
    /// `"quote_then_frame"` for `“…,” X said`, `"reported"` for `X said
    /// CONTENT`, `"bare"` for a quotation attributed by its paragraph...
    pub fn rule(&self) -> &'static str {
        self.rule
    }
    /// How the speaker's name was resolved; `None` without a speaker.
    pub fn speaker_via(&self) -> Option<SpeakerVia> {
        self.speaker_via
    }

    /// The probability, in [0, 1], that the content's span and the speaker
    /// are both right: the share of right quotes of the same rule,
    /// resolution path and kind on `PolNeAR` train (`confidence.tsv`, fitted
    /// by `tools/fit_confidence.py`; calibration on dev in
    /// `bench/results/`). A quote without a speaker is never right.
    pub fn confidence(&self) -> f64 {
        self.confidence
    }

    /// The same quote in a text that starts `by` bytes earlier.
    fn moved_on(self, by: usize) -> Quote {
        let on = |r: Range<usize>| r.start + by..r.end + by;
        Quote {
            content: on(self.content),
            cue: self.cue.map(on),
            speaker_mention: self.speaker_mention.map(on),
            source: self.source.map(on),
            ..self
        }
    }
}

/// Texts longer than this are read in windows of about this size; see
/// [`QuoteExtractor::extract`].
pub const WINDOW_BYTES: usize = 1 << 20;

/// How far past [`WINDOW_BYTES`] a window may run to end at a line break or a
/// sentence end.
const WINDOW_SLACK_BYTES: usize = 1 << 16;

/// Where the window that starts at `start` ends: just after the first line
/// break (any of [`text::is_line_break`]) past [`WINDOW_BYTES`]; failing one
/// within [`WINDOW_SLACK_BYTES`], after the first sentence end there (`.`,
/// `!` or `?` before white space), else at the first white space, else
/// before a mark that never joins a word, else at a character boundary; or
/// at the end of the text. A window is never
/// longer than `WINDOW_BYTES + WINDOW_SLACK_BYTES` (plus one character):
/// a text without line breaks was one window, its memory and work
/// superlinear in it.
fn window_end(text: &str, start: usize) -> usize {
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    let from = ceil(start + WINDOW_BYTES);
    if from >= text.len() {
        return text.len();
    }
    let stop = ceil(from + WINDOW_SLACK_BYTES);
    let region = &text[from..stop];
    let after = |(k, c): (usize, char)| from + k + c.len_utf8();
    if let Some(end) = region.char_indices().find(|&(_, c)| text::is_line_break(c)) {
        return after(end);
    }
    let mut prev = ' ';
    let sentence = region.char_indices().find(|&(_, c)| {
        let ends = c.is_whitespace() && matches!(prev, '.' | '!' | '?');
        prev = c;
        ends
    });
    if let Some(end) = sentence.or_else(|| region.char_indices().find(|&(_, c)| c.is_whitespace()))
    {
        return after(end);
    }
    // No white space: before a mark that never joins a word ('"', '<', ':').
    let mark = region.char_indices().skip(1).find(|&(_, c)| {
        !crate::gazetteer::is_word_char(c)
            && !matches!(
                c,
                '\'' | '\u{2019}'
                    | '\u{02BC}'
                    | '-'
                    | '\u{2010}'
                    | '\u{2011}'
                    | '.'
                    | '&'
                    | ','
                    | '/'
            )
    });
    mark.map_or(stop, |(k, _)| from + k)
}

/// Finds quotes and their speakers. Cheap to build; `Send + Sync`.
#[derive(Debug)]
pub struct QuoteExtractor {
    lexicon: Lexicon,
    confidence: confidence::Confidence,
    reports: Reports,
}

/// Which indirect reports count as quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reports {
    /// Reported speech: a cue and the clause it reports ("Lind said the
    /// ferry was late"), not a verb's object or infinitive ("Lind praised
    /// the crew", "Lind declined to comment", "the firm posted a profit").
    #[default]
    Speech,
    /// Also reported acts whose content is an object or an infinitive, as
    /// the `PolNeAR` corpus annotates them.
    Acts,
}

impl Reports {
    /// Its name in Python and the CLI: `"speech"` or `"acts"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reports::Speech => "speech",
            Reports::Acts => "acts",
        }
    }

    /// The value named `name`, if any.
    pub fn from_name(name: &str) -> Option<Reports> {
        match name {
            "speech" => Some(Reports::Speech),
            "acts" => Some(Reports::Acts),
            _ => None,
        }
    }
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new()
    }
}

impl QuoteExtractor {
    /// An extractor with the built-in cue lexicon.
    pub fn new() -> QuoteExtractor {
        QuoteExtractor {
            lexicon: Lexicon::builtin(),
            confidence: confidence::Confidence::builtin(),
            reports: Reports::default(),
        }
    }

    /// The same extractor, counting the indirect reports `reports` names.
    #[must_use]
    pub fn with_reports(mut self, reports: Reports) -> QuoteExtractor {
        self.reports = reports;
        self
    }

    /// Which indirect reports count as quotes.
    pub fn report_mode(&self) -> Reports {
        self.reports
    }

    /// The quotes of `text`, in order. `entities` are the gazetteer matches
    /// of the same text (byte offsets), used with `gazetteer` (and the
    /// [`SurnameIndex`] of its persons, built once) to resolve and link
    /// speakers; pass `&[]` and `None` without a gazetteer.
    ///
    /// A text longer than [`WINDOW_BYTES`] is read in windows of about that
    /// size that end at line breaks (in a text without them, at a sentence
    /// end or white space), so that memory stays proportional to the window: a pronoun at the top of a window does not see the speakers of
    /// the window before. News articles are far shorter than a window.
    pub fn extract(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
    ) -> Vec<Quote> {
        self.extract_until(text, entities, gazetteer, &AtomicBool::new(false))
    }

    /// [`extract`](Self::extract) that stops once `stop` is set (by another
    /// thread: the caller was interrupted), between windows and between the
    /// paragraphs of a window, with the quotes read so far.
    pub fn extract_until(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
        stop: &AtomicBool,
    ) -> Vec<Quote> {
        if text.len() <= WINDOW_BYTES {
            return self.extract_window(text, entities, gazetteer, true, stop);
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
            let window =
                self.extract_window(&text[start..end], &local, gazetteer, start == 0, stop);
            out.extend(window.into_iter().map(|q| q.moved_on(start)));
            start = end;
        }
        out
    }

    /// The quotes of one window; `titled` when it starts the document, whose
    /// first line may be a title ("Lind: Talks will resume"). The pipeline:
    /// tokens, paragraphs and quotations ([`Doc::new`]); the cue at each
    /// token ([`Self::annotate`]); the attributions of each paragraph
    /// ([`Self::paragraphs`]); their speakers resolved in document order.
    fn extract_window(
        &self,
        text: &str,
        entities: &[Match],
        gazetteer: Option<(&Gazetteer, &SurnameIndex)>,
        titled: bool,
        stop: &AtomicBool,
    ) -> Vec<Quote> {
        let mut doc = Doc::new(text);
        self.annotate(&mut doc);
        let found = self.paragraphs(&doc, titled, stop);
        let mut resolver = speaker::Resolver::new(&doc, entities, gazetteer);
        found
            .into_iter()
            .map(|f| {
                let (mention, speaker, entry, via) = match &f.frame {
                    Some(fr) => {
                        let r = resolver.resolve(fr.speaker.clone());
                        let via = if f.inherited {
                            SpeakerVia::Continuation
                        } else {
                            r.via
                        };
                        (
                            Some(doc.span(fr.speaker.clone())),
                            r.name,
                            r.entity,
                            Some(via),
                        )
                    }
                    None => (None, None, None, None),
                };
                let named = mention.clone().is_some_and(|r| confidence::named(&text[r]));
                Quote {
                    content: extent::trim_span(text, doc.span(f.content.clone())),
                    kind: f.kind,
                    cue: f.frame.as_ref().map(|fr| doc.span(fr.cue.clone())),
                    speaker_mention: mention,
                    speaker,
                    speaker_entry: entry,
                    source: f
                        .frame
                        .as_ref()
                        .and_then(|fr| fr.source.clone())
                        .map(|s| doc.span(s)),
                    rule: f.rule,
                    speaker_via: via,
                    confidence: self.confidence.of(f.rule, via, f.kind, named),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
