//! Frames: where a cue and its speaker are, around a quotation or before
//! reported content. A frame is token ranges of one sentence; nothing here
//! decides what is quoted.

use std::ops::Range;

use super::extent::{adjunct_tail, after_be, skip_complement};
use super::lexicon::{self, CueKind};
use super::rules::Sentence;
use super::speaker;
use super::speaker::MAX_SPEAKER_TOKENS;
use super::text::{Doc, Kind};
use super::words::{is_verb_form, Lex};
use super::QuoteExtractor;

/// An attribution found in a sentence, in token indices.
#[derive(Clone, Debug)]
pub(super) struct Frame {
    pub cue: Range<usize>,
    /// The speaker mention (`Quote::speaker_mention`); resolved later.
    pub speaker: Range<usize>,
    pub source: Option<Range<usize>>,
}

impl Frame {
    pub(super) fn new(cue: Range<usize>, speaker: Range<usize>) -> Frame {
        Frame {
            cue,
            speaker,
            source: None,
        }
    }
}

/// How far after a quotation (and its commas or dashes) the cue of a frame
/// may stand: a speaker with an appositive ("Anne Lind, an aide to the
/// mayor, said"), which the speaker phrase then resolves. The appositive
/// part is shorter than the one [`speaker::left`] skips back over from a
/// cue it has found (`MAX_APPOSITIVE_TOKENS` there): this bound searches for
/// the cue itself.
pub(super) const MAX_CUE_AFTER_QUOTATION: usize = MAX_SPEAKER_TOKENS + 20;

/// The longest source between "According to" and its comma.
pub(super) const MAX_SOURCE_TOKENS: usize = 20;

/// Whether a frame's speaker (or its cue) opens the sentence starting at
/// `start`, or a clause after a comma, dash or semicolon.
pub(super) fn opens_clause(doc: &Doc<'_>, start: usize, fr: &Frame) -> bool {
    fr.speaker.start == start
        // "<Brekke Mining Corp> said": a newswire's brackets.
        || (fr.speaker.start == start + 1 && doc.toks[start].is_punct('<'))
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
                    doc.is(i, Lex::LEADING)
                        || doc.toks[i].kind == Kind::Word
                            && matches!(
                                doc.lower(i),
                                "while" | "though" | "although" | "because" | "since" | "as" | "when"
                                    | "where"
                            )
                })
        }
        || fr.speaker.start > start && {
            let t = doc.toks[fr.speaker.start - 1];
            t.kind == Kind::Punct && matches!(t.first, ',' | '\u{2014}' | '\u{2013}' | '-' | ';' | ':')
        }
}

/// A dash that signs a quotation: `“…” — Ana Ruiz`, `“…” ― Ola Lund`.
pub(super) fn is_attribution_dash(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2013}' | '\u{2015}')
}

impl QuoteExtractor {
    /// A frame that follows a quotation: `, X said [adjuncts]` or `, said X`.
    pub(super) fn frame_after(&self, s: &Sentence<'_, '_>, r: Range<usize>) -> Option<Frame> {
        let doc = s.doc;

        let mut i = r.start;
        while i < r.end
            && doc.toks[i].kind == Kind::Punct
            && matches!(doc.toks[i].first, ',' | '\u{2014}' | '\u{2013}' | '-')
        {
            i += 1;
        }
        let limit = r.end.min(i + MAX_CUE_AFTER_QUOTATION);
        for c in i..limit {
            if s.inside(c) {
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
            if c == i && doc.is(c, Lex::NAMING) {
                return None;
            }
            let frame = if c == i {
                // said X
                speaker::right(doc, cue_r.end, r.end)
                    .map(|speaker| Frame::new(cue_r.clone(), speaker))
            } else {
                speaker::left(doc, i, c).map(|speaker| Frame::new(cue_r.clone(), speaker))
            };
            return frame.map(|f| self.with_source(s, f, r.end));
        }
        None
    }

    /// A frame before a quotation or reported content: `X said(:| that)`;
    /// returns it and where the content starts.
    pub(super) fn frame_before(
        &self,
        s: &Sentence<'_, '_>,
        r: Range<usize>,
    ) -> Option<(Frame, usize)> {
        self.frame_before_from(s, r, false)
    }

    /// [`Self::frame_before`], trying the cue nearest the end of `r` first
    /// when `nearest_last` (for the frame of a quotation that follows).
    pub(super) fn frame_before_from(
        &self,
        s: &Sentence<'_, '_>,
        r: Range<usize>,
        nearest_last: bool,
    ) -> Option<(Frame, usize)> {
        if nearest_last {
            // Strong cues first, nearest first; a weak one ("did", "show")
            // only when no strong one frames the quotation.
            return self
                .frame_before_in(s, r.clone(), r.clone().rev(), lexicon::Cue::strong)
                .or_else(|| self.frame_before_in(s, r.clone(), r.clone().rev(), |_| true));
        }
        self.frame_before_in(s, r.clone(), r, |_| true)
    }

    /// [`Self::frame_before`] over the cue positions `order` (only strong
    /// cues that `accept`).
    pub(super) fn frame_before_in(
        &self,
        s: &Sentence<'_, '_>,
        r: Range<usize>,
        order: impl Iterator<Item = usize>,
        accept: fn(&lexicon::Cue) -> bool,
    ) -> Option<(Frame, usize)> {
        let doc = s.doc;

        for c in order {
            // The cue first: a lookup in the table, cheaper than the
            // quotation test.
            let Some((cue, cue_r)) = self.cue_at(doc, c) else {
                continue;
            };
            if s.inside(c) {
                continue;
            }
            // "When terrorists are revealed as ...": a passive reports nothing.
            let passive = cue.kind == CueKind::Verb && c > r.start && after_be(doc, c);
            if !accept(&cue) || passive {
                continue;
            }
            if cue.kind == CueKind::According {
                // According to X, “…”: the source runs to the comma.
                let comma = (cue_r.end..r.end)
                    .find(|&i| s.inside(i) || doc.toks[i].is_punct(','))
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
                    while k > r.start + 1 && doc.is(k - 1, Lex::AUXILIARY) {
                        k -= 1;
                    }
                    let and = k > r.start && doc.is(k - 1, Lex::COORDINATOR);
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

    /// Adds the source of `X said, according to Y`, before `end`.
    pub(super) fn with_source(&self, s: &Sentence<'_, '_>, mut fr: Frame, end: usize) -> Frame {
        let doc = s.doc;
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

    /// A frame before `before` whose clause-taking cue's speaker opens the
    /// sentence (or a clause after a comma): the outer report of a nested
    /// one.
    pub(super) fn outer_frame(
        &self,
        s: &Sentence<'_, '_>,
        before: usize,
    ) -> Option<(Frame, usize)> {
        let (doc, start) = (s.doc, s.start);

        let outer = self.frame_before(s, start..before).filter(|(fr, _)| {
            self.cue_at(doc, fr.cue.start)
                .is_some_and(|(cue, _)| cue.takes_clause())
                && opens_clause(doc, start, fr)
        });
        // "Lind bemoaned the delays and said she thought that ...": the
        // outer report is the subject's second one.
        outer.or_else(|| {
            self.coordinated(s, start, start, before)
                .map(|(fr, content)| (fr, content.start))
        })
    }

    /// "Lind condemned what she called “a breach”": the frame of "what she
    /// called" names the object of an outer report, whose strong cue's
    /// speaker opens the sentence.
    pub(super) fn named_by(&self, s: &Sentence<'_, '_>, fr: &Frame) -> Option<(Frame, usize)> {
        let (doc, start) = (s.doc, s.start);

        let what = fr.speaker.start.checked_sub(1)?;
        if what <= start
            || doc.toks[what].kind != Kind::Word
            || !doc.word(what).eq_ignore_ascii_case("what")
        {
            return None;
        }
        let r = start..what;
        self.frame_before_in(s, r.clone(), r, lexicon::Cue::strong)
            .filter(|(outer, _)| opens_clause(doc, start, outer))
    }
}

// Frames that need no lexicon: a verb form beside a name, a dash, a colon.
impl QuoteExtractor {
    /// `“…,” mused Stu Lind.` / `“…,” an angry Lind retaliated.`: next to a
    /// quotation, a verb form (`-ed`, `-s`) beside a name is a cue even when
    /// the lexicon does not know it (only there: the quotation is the
    /// evidence).
    pub(super) fn verb_beside_name(s: &Sentence<'_, '_>, gap: Range<usize>) -> Option<Frame> {
        let doc = s.doc;
        let mut i = gap.start;
        while i < gap.end && doc.toks[i].is_punct(',') {
            i += 1;
        }
        let verb = |j: usize| is_verb_form(doc, j);
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
        let pronoun =
            speaker.len() == 1 && matches!(doc.lower(speaker.start), "he" | "she" | "they");
        (speaker.start == i
            && (pronoun || speaker.clone().any(|k| doc.toks[k].is_cap()))
            && closes(c + 1))
        .then(|| Frame::new(c..c + 1, speaker))
    }

    /// `“…” — X.` and `X: “…”`.
    pub(super) fn dash_or_colon(s: &Sentence<'_, '_>) -> Option<Frame> {
        let (doc, unit, quotes) = (s.doc, s.unit(), s.quotes);
        let first = quotes.first()?;
        let last = quotes.last()?;
        // X: “…” / a friend commented: “…” (a verb form the lexicon may
        // lack, right before the colon that introduces a quotation).
        if first.open >= unit.start + 2 && doc.toks[first.open - 1].is_punct(':') {
            let colon = first.open - 1;
            // "scolded him:" — an object pronoun between verb and colon.
            let object = matches!(doc.lower(colon - 1), "him" | "her" | "them" | "me" | "us");
            let verb = if object && colon >= unit.start + 2 {
                colon - 2
            } else {
                colon - 1
            };
            if is_verb_form(doc, verb) && verb > unit.start {
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
}
