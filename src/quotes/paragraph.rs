//! Paragraphs: transcripts, signatures, titles, and the bare quotations
//! that inherit a frame or are dropped.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::extent::{content_end, words, MIN_REPORTED_WORDS};
use super::frame::{is_attribution_dash, Frame};
use super::rules::{Found, Sentence};
use super::speaker;
use super::text::{Doc, Kind, Paragraph, Quotation};
use super::words::Lex;
use super::{QuoteExtractor, QuoteKind};

/// What one paragraph hands to the next: the frame of the last paragraph
/// that quoted someone (for quotation paragraphs without a cue), whether the
/// last quotation was left open, and where the previous paragraph's quotes
/// start (for a signature).
#[derive(Default)]
pub(super) struct Carry {
    last_quoting: Option<Frame>,
    prev_open_ended: bool,
    prev_start: usize,
}

impl QuoteExtractor {
    /// The attributions of a document, paragraph by paragraph, in order;
    /// `titled` when its first line may be a title. Once `stop` is set, the
    /// paragraphs not yet read are left out.
    pub(super) fn paragraphs(&self, doc: &Doc<'_>, titled: bool, stop: &AtomicBool) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut carry = Carry::default();
        for (n, para) in doc.paras.iter().enumerate() {
            // Set by another thread when the caller was interrupted (Ctrl-C):
            // the rest of a long window is not read.
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let start = found.len();
            if titled && n == 0 {
                if let Some(title) = self.title(doc, para) {
                    found.push(title);
                    continue;
                }
            }
            // "- Paul Ames." alone signs the quotations just above it.
            if let Some(fr) = Self::signature(doc, para) {
                for f in &mut found[carry.prev_start..] {
                    if f.frame.is_none() && f.kind == QuoteKind::Direct {
                        f.frame = Some(fr.clone());
                        f.rule = "signature";
                    }
                }
                carry.prev_start = start;
                continue;
            }
            carry.prev_start = start;
            let (mine, para_frame) = self.paragraph(doc, para, &carry);
            found.extend(mine);
            let quoted = found[start..]
                .iter()
                .any(|f| f.kind != QuoteKind::Indirect && f.frame.is_some());
            // "Dr. Ward stated:" closing a paragraph introduces the next one.
            let introduces = doc.toks[para.toks.end - 1].is_punct(':') && found.len() == start;
            carry.last_quoting = if quoted || introduces {
                para_frame
            } else {
                None
            };
            carry.prev_open_ended = para.quotes.last().is_some_and(|q| q.open_ended);
        }
        found
    }
}

impl QuoteExtractor {
    /// The quotes of one paragraph, given what the paragraphs before it
    /// handed on, and the frame that quoted someone in it, if any.
    pub(super) fn paragraph(
        &self,
        doc: &Doc<'_>,
        para: &Paragraph,
        carry: &Carry,
    ) -> (Vec<Found>, Option<Frame>) {
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
            return (Vec::new(), None);
        }
        if let Some(turn) = Self::transcript(doc, para) {
            let frame = turn.frame.clone();
            return (vec![turn], frame);
        }
        let mut found: Vec<Found> = Vec::new();
        let mut para_frame: Option<Frame> = None;
        // Bare quotations waiting for a frame: indices into `found`, and
        // the index of their unit.
        let mut waiting: Vec<usize> = Vec::new();
        let mut waiting_unit: Vec<usize> = Vec::new();
        // Bare quotations too far before the paragraph's first frame to
        // take it ("nor one three sentences on").
        let mut stranded: Vec<usize> = Vec::new();
        // All bare quotations, framed later or not.
        let mut unattributed: Vec<usize> = Vec::new();
        for (u, unit) in para.units.iter().enumerate() {
            // The quotations opening in the unit: a slice of the sorted
            // quotations found by binary search (a filter over all of them
            // for each unit was quadratic in the paragraph).
            let from = para.quotes.partition_point(|q| q.open < unit.start);
            let to = para.quotes.partition_point(|q| q.open < unit.end);
            let quotes: Vec<Quotation> = para.quotes[from..to].to_vec();
            let before = found.len();
            let att = self.unit(&Sentence::new(doc, unit.clone(), &quotes));
            // A sentence that reports content of its own ("Voss played
            // down his defeat and insisted he ...") speaks for itself: the
            // bare quotations opening the paragraph before it continue the
            // previous paragraph's speaker, when one quoted there.
            let own_report = quotes.is_empty()
                && !att.found.is_empty()
                && att.found.iter().all(|f| f.kind == QuoteKind::Indirect);
            found.extend(att.found);
            if let Some(fr) = att.frame {
                // A sentence that only attributes ("He said.") takes the
                // bare quotations before it.
                let earlier = own_report
                    .then(|| continued(doc, para, carry, &found, &waiting))
                    .flatten();
                for (&w, &wu) in waiting.iter().zip(&waiting_unit) {
                    if u - wu > MAX_FRAME_UNITS_AFTER {
                        stranded.push(w);
                        continue;
                    }
                    found[w].frame = Some(earlier.clone().unwrap_or_else(|| fr.clone()));
                    found[w].inherited = true;
                }
                waiting.clear();
                waiting_unit.clear();
                // Any attribution of the paragraph ("Talks will go on, Lind
                // said. “We are ready.”") passes to its bare quotations.
                para_frame = Some(fr);
            }
            let unframed: Vec<usize> = (before..found.len())
                .filter(|&i| found[i].frame.is_none())
                .collect();
            unattributed.extend(unframed.iter().copied());
            // A bare quotation after an attribution continues its speaker:
            // a later frame belongs to a quotation of its own.
            if let Some(fr) = &para_frame {
                for w in unframed {
                    found[w].frame = Some(fr.clone());
                    found[w].inherited = true;
                }
            } else {
                waiting_unit.extend(unframed.iter().map(|_| u));
                waiting.extend(unframed);
            }
        }
        // Bare quotations of the paragraph: a split quotation takes the
        // paragraph's frame; a paragraph of quotation alone, or the
        // continuation of an open quotation, the previous paragraph's.
        let inherited = para_frame.clone().or_else(|| {
            let starts_quoted = para
                .quotes
                .first()
                .is_some_and(|q| q.open == para.toks.start);
            // Of the quotations opening at or before a unit, the last one
            // ends furthest (they are in order and never overlap): one
            // binary search per unit, not a scan.
            let all_quoted = para.units.iter().all(|u| {
                let k = para.quotes.partition_point(|q| q.open <= u.start);
                k > 0 && para.quotes[k - 1].outer().end >= u.end.saturating_sub(1)
            });
            (starts_quoted && (all_quoted || carry.prev_open_ended))
                .then(|| carry.last_quoting.clone())
                .flatten()
        });
        let mut keep = vec![true; found.len()];
        settle(doc, &mut found, &mut keep, &waiting, inherited.as_ref());
        // Too far from the frame after them: the previous paragraph's
        // speaker when the paragraph opens with them, else none.
        let starts_quoted = para
            .quotes
            .first()
            .is_some_and(|q| q.open == para.toks.start);
        let previous = carry.last_quoting.as_ref().filter(|_| starts_quoted);
        settle(doc, &mut found, &mut keep, &stranded, previous);
        // A name in title case ("Barack Obama Election Day", “Making a
        // Murderer”) is a title, not speech, whatever frame is near.
        for &u in &unattributed {
            if found[u].kind == QuoteKind::Direct && title_case(doc, found[u].content.clone()) {
                keep[u] = false;
            }
        }
        let found = found
            .into_iter()
            .zip(keep)
            .filter_map(|(f, k)| k.then_some(f))
            .collect();
        let frame = para_frame.or_else(|| inherited.filter(|_| !para.quotes.is_empty()));
        (found, frame)
    }

    /// A paragraph that only signs the one above it: `- Paul Ames.`
    pub(super) fn signature(doc: &Doc<'_>, para: &Paragraph) -> Option<Frame> {
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
    pub(super) fn transcript(doc: &Doc<'_>, para: &Paragraph) -> Option<Found> {
        let mut i = para.toks.start;
        if doc.toks[i].kind == Kind::Open {
            i += 1;
        }
        let name_start = i;
        while i < para.toks.end && i - name_start < 4 && doc.is(i, Lex::CAPS) {
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
        (end > colon + 1).then(|| {
            let frame = Frame::new(colon..colon + 1, name_start..colon);
            Found::new("transcript", colon + 1..end, QuoteKind::Direct, Some(frame))
        })
    }

    /// A document's title that names who speaks before a colon: `Lind: Talks
    /// will resume`, `Poll: Ames leads` (not `The Latest:` nor `BREAKING:`).
    pub(super) fn title(&self, doc: &Doc<'_>, para: &Paragraph) -> Option<Found> {
        let name_start = para.toks.start;
        let colon = (name_start..para.toks.end.min(name_start + MAX_TITLE_NAME_TOKENS + 1))
            .find(|&i| doc.toks[i].kind != Kind::Word)?;
        let name = name_start..colon;
        let named = !name.is_empty()
            && name.clone().all(|i| doc.toks[i].is_cap())
            && name
                .clone()
                .any(|i| doc.word(i).chars().any(char::is_lowercase))
            && !matches!(doc.lower(name_start), "the" | "a" | "an")
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
        (words(doc, colon + 1..end) >= MIN_REPORTED_WORDS).then(|| {
            let frame = Frame::new(colon..colon + 1, name);
            Found::new("title", colon + 1..end, kind, Some(frame))
        })
    }
}

pub(super) const MIN_BARE_QUOTE_WORDS: usize = 4;
pub(super) const MIN_BARE_QUOTE_BYTES: usize = 15;

/// The previous paragraph's quoting frame, for the bare quotations
/// `waiting` of `found` before a sentence that reports content of its own,
/// when they open the paragraph and the last does not end in a question or
/// an exclamation ("“… votes?” Trump said, looking on": such a mark does
/// not end the sentence its frame follows).
fn continued(
    doc: &Doc<'_>,
    para: &Paragraph,
    carry: &Carry,
    found: &[Found],
    waiting: &[usize],
) -> Option<Frame> {
    let opens_paragraph = waiting
        .first()
        .is_some_and(|&w| found[w].content.start <= para.toks.start + 1);
    let asks = waiting.last().is_some_and(|&w| {
        let content = doc.span(found[w].content.clone());
        let tail = doc.text[content].trim_end();
        tail.ends_with('?') || tail.ends_with('!')
    });
    carry
        .last_quoting
        .clone()
        .filter(|_| opens_paragraph && !asks)
}

/// Gives the bare quotations `ws` of `found` the frame `fr`, passed on;
/// without one, keeps only those long enough to be speech (scare quotes and
/// titles are short and unattributed).
fn settle(doc: &Doc<'_>, found: &mut [Found], keep: &mut [bool], ws: &[usize], fr: Option<&Frame>) {
    for &w in ws {
        if let Some(fr) = fr {
            found[w].frame = Some(fr.clone());
            found[w].inherited = true;
        } else {
            keep[w] = doc.span(found[w].content.clone()).len() >= MIN_BARE_QUOTE_BYTES
                && words(doc, found[w].content.clone()) >= MIN_BARE_QUOTE_WORDS;
        }
    }
}

/// A bare quotation takes a frame at most this many sentence units after
/// its own (the next sentence, or the one after a short aside); a frame
/// three sentences on belongs to other words.
const MAX_FRAME_UNITS_AFTER: usize = 2;

/// Whether a quotation after a frame continues the quotation before it:
/// introduced by punctuation (`he said, “…”`, `he said. “…”`), or long, and
/// not after a preposition or possessive (`on “Morning Joe”`, `ABC's “This
/// Week”`).
pub(super) fn continues_quotation(doc: &Doc<'_>, q: &Quotation) -> bool {
    let Some(prev) = q.open.checked_sub(1).map(|i| doc.toks[i]) else {
        return true;
    };
    if prev.kind == Kind::Punct && matches!(prev.first, ',' | ':' | '.' | ';') {
        return true;
    }
    let after_preposition = prev.kind == Kind::Word
        && (matches!(
            doc.lower(q.open - 1),
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

/// Whether a paragraph only directs the stage of a transcript: `"(CROSSTALK)`
/// or `PENCE: (LAUGHTER)`, in or out of quotation marks.
pub(super) fn stage_direction(doc: &Doc<'_>, para: &Paragraph) -> bool {
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
            .filter(|&c| (first..c).all(|i| doc.is(para.toks.start + i, Lex::CAPS)))
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
pub(super) fn title_case(doc: &Doc<'_>, r: Range<usize>) -> bool {
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
pub(super) fn is_label(doc: &Doc<'_>, i: usize) -> bool {
    doc.is(i, Lex::LABEL)
}

/// The most words of a name before a title's colon.
pub(super) const MAX_TITLE_NAME_TOKENS: usize = 4;
