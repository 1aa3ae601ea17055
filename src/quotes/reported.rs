//! Reported speech: frames with the extent of their content (`X said
//! CONTENT`, `CONTENT, X said`, "according to", coordinated and later
//! reports).

use std::ops::Range;

use super::extent::{
    adjunct_tail, after_be, after_tell_object, clause_end, clause_end_with, comma_before,
    object_end, plain_content, skip_complement, skip_tell_object, skip_time_adjunct,
    starts_verb_phrase, words, MAX_ADJUNCT_BEFORE_THAT, MIN_OBJECT_WORDS, MIN_PARENTHESIS_WORDS,
    MIN_REPORTED_WORDS,
};
use super::frame::{opens_clause, Frame};
use super::lexicon::{self, CueKind};
use super::rules::Sentence;
use super::speaker;
use super::text::{Doc, Kind};
use super::words::{Lex, RESULT_VERBS, SUBJECT_PRONOUNS};
use super::{QuoteExtractor, Reports};

impl QuoteExtractor {
    /// Reported speech: `X said (that) CONTENT.`, `CONTENT, X said.`,
    /// `CONTENT, said X.`, `According to X, CONTENT.`, `CONTENT, according
    /// to X.` Returns the frame and the content's tokens.
    pub(super) fn reported(&self, s: &Sentence<'_, '_>) -> Option<(Frame, Range<usize>)> {
        self.reported_frame_last(s)
            .or_else(|| self.reported_frame_first(s, s.start))
    }

    /// `CONTENT, X said.` / `CONTENT, said X.` / `CONTENT, according to X.`
    /// / `CONTENT, X said, according to Y.` A verb frame wins over the
    /// "according to" after it, which becomes its source.
    pub(super) fn reported_frame_last(
        &self,
        s: &Sentence<'_, '_>,
    ) -> Option<(Frame, Range<usize>)> {
        let doc = s.doc;
        let (start, end) = (s.start, s.end);

        let commas: Vec<usize> = (start..end)
            .rev()
            .filter(|&i| {
                !s.inside(i)
                    && doc.toks[i].kind == Kind::Punct
                    && matches!(doc.toks[i].first, ',' | '\u{2014}' | '\u{2013}')
            })
            .take(3)
            .collect();
        let mut according: Option<(Frame, Range<usize>)> = None;
        for comma in commas {
            if words(doc, start..comma) < MIN_PARENTHESIS_WORDS {
                break;
            }
            let Some(fr) = self.frame_after(s, comma + 1..end) else {
                continue;
            };
            let tail_start = fr.speaker.start.min(fr.cue.start);
            let Some((cue, _)) = self.cue_at(doc, fr.cue.start) else {
                continue;
            };
            // "Eva Lind, the mayor's daughter, noted the rule": a subject
            // with an appositive, not content before an inverted cue.
            if fr.cue.start == comma + 1
                && speaker::left(doc, start, fr.cue.start).is_some_and(|s| s.start == start)
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
                // "The fund said (that), according to Y, ...": a source
                // inside the report that opens the sentence, not its own.
                let mut k = comma - 1;
                if k > start && after_that(doc, comma) {
                    k -= 1;
                }
                let more_after = (fr.speaker.end..end.min(fr.speaker.end + MAX_SOURCE_TAIL))
                    .find(|&i| doc.toks[i].is_punct(','))
                    .is_some_and(|c| words(doc, c + 1..end) >= MIN_REPORTED_WORDS);
                let inside = more_after
                    && words(doc, start..comma) <= MAX_REPORT_OPENING_WORDS
                    && self.cue_at(doc, k).is_some_and(|(c, _)| c.takes_clause());
                if !inside {
                    according.get_or_insert((fr, start..comma));
                }
                continue;
            }
            if words(doc, start..comma) < MIN_REPORTED_WORDS {
                continue;
            }
            return Some((fr, start..comma));
        }
        according
    }

    /// `X said (that) CONTENT.` / `According to X, CONTENT.` / `X criticized
    /// OBJECT`: the first strong cue whose speaker opens the sentence or a
    /// clause, in the clause of `s` that starts at `clause` (the sentence's
    /// start, or a later clause's: "..., but she noted CONTENT").
    pub(super) fn reported_frame_first(
        &self,
        s: &Sentence<'_, '_>,
        clause: usize,
    ) -> Option<(Frame, Range<usize>)> {
        let doc = s.doc;
        let end = s.end;

        let mut from = clause;
        // Where the first act that is no speech ends ("She blamed the
        // storm, and said ..."): a coordinated report may follow it.
        let mut act_end = None;
        let (fr, start, cue, what) = loop {
            // Only strong cues: "Several cast members said" is not framed by
            // "cast".
            let Some((mut fr, mut start)) =
                self.frame_before_in(s, from..end, from..end, lexicon::Cue::strong)
            else {
                return self.coordinated(s, clause, act_end.unwrap_or(from), end);
            };
            // "announced in a statement this month that ...": the content
            // follows the "that" after an adjunct.
            if !plain_content(doc, fr.cue.end, start) {
                if let Some(that) = (start..end.min(start + MAX_ADJUNCT_BEFORE_THAT)).find(|&i| {
                    doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that")
                }) {
                    start = that + 1;
                } else {
                    // "said on Thursday it had signed ...": a time adjunct,
                    // then the content without "that".
                    start = skip_time_adjunct(doc, start, end);
                }
            }
            // "told reporters the port would reopen": the object is the frame's.
            start = after_tell_object(doc, fr.cue.start, start, end);
            let cue = self.cue_at(doc, fr.cue.start)?.0;
            // "Staff for the House committee on X said": a subject with
            // prepositions that opens the sentence; "She blamed ..., and
            // said": the sentence's subject.
            if let Some(subject) = speaker::subject(doc, clause, fr.speaker.start, fr.cue.start) {
                fr.speaker = subject;
            }
            // "If a seat were offered": a passive, not a report.
            let passive = cue.kind == CueKind::Verb && after_be(doc, fr.cue.start);
            // "the plan, which she said was a mistake": a relative clause
            // reports the verb phrase after the cue.
            // "what Lind says the plan would do": any clause after "what".
            let relative_word = (fr.speaker.start > clause
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
                    || opens_clause(doc, clause, &fr) && plain_content(doc, fr.cue.end, start));
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
            // A cue known from the list of reporting verbs only reports a
            // clause: not an object, a preposition or "to".
            let general_ok = !cue.general
                || cue.takes_clause()
                    && !(doc.toks.get(start).is_some_and(|t| t.kind == Kind::Word)
                        && matches!(
                            doc.lower(start),
                            "to" | "about" | "for" | "on" | "of" | "with" | "in" | "at" | "against"
                        ));
            if opens && general_ok && content_words >= least {
                if self.reports_speech(s, (&cue, fr.cue.start), start, end) {
                    let what = relative_word == Some("what");
                    break (fr, start, cue, what);
                }
                act_end.get_or_insert(fr.cue.end);
            }
            from = fr.cue.end;
        };
        let fr = self.with_source(s, fr, end);
        // "said that, according to data from the board, output rose": the
        // source's phrase opens the content, which starts after its comma.
        let opening_source = fr.source.as_ref().and_then(|src| {
            let only_that = (start..src.start).all(|i| {
                doc.toks[i].kind != Kind::Word
                    || matches!(doc.lower(i), "that" | "according" | "to")
            });
            let close = (src.end..end.min(src.end + MAX_SOURCE_TAIL))
                .find(|&i| doc.toks[i].is_punct(','))?;
            let after = close + 1;
            let that = after < end && after_that(doc, after + 1);
            only_that.then_some(after + usize::from(that))
        });
        let start = opening_source.unwrap_or(start);
        let content_end = match (&fr.source, opening_source) {
            (Some(src), None) => comma_before(doc, src.start).unwrap_or(end),
            _ => end,
        };
        let content_end = if what {
            // "what Lind says the plan would do": to the next conjunction.
            (start..content_end)
                .find(|&i| {
                    doc.toks[i].is_punct(',')
                        || doc.toks[i].kind == Kind::Word
                            && matches!(doc.lower(i), "and" | "but" | "or")
                })
                .unwrap_or(content_end)
        } else if cue.takes_clause() {
            clause_end_with(doc, start, content_end, &|k| self.reports(doc, k))
        } else {
            object_end(doc, start, content_end)
        };
        let content_end = relative_clause_end(doc, &fr, start, content_end);
        Some((fr, start..content_end.max(start)))
    }

    /// `She blamed the storm, and said CONTENT` / `She blamed the storm,
    /// saying CONTENT`: a clause-taking cue after "and" or "but", or a
    /// participle after a comma, spoken by the subject of the sentence.
    pub(super) fn coordinated(
        &self,
        s: &Sentence<'_, '_>,
        start: usize,
        from: usize,
        end: usize,
    ) -> Option<(Frame, Range<usize>)> {
        let doc = s.doc;

        // Where "and" would stand before the cue at `c`: "and (then) said".
        let conjunction = |c: usize| {
            let mut k = c - 1;
            while k > start && doc.is(k, Lex::AUXILIARY) {
                k -= 1;
            }
            k
        };
        // The cue first: a lookup in the table of cues, cheaper than the
        // quotation test on every token of the rest of the sentence.
        let c = (from.max(start + 1)..end).find(|&c| {
            self.cue_at(doc, c)
                .is_some_and(|(cue, _)| cue.kind == CueKind::Verb && cue.strong())
                && !s.inside(c)
                && (doc.is(conjunction(c), Lex::COORDINATOR)
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
        (words(doc, content..content_end) >= least
            && self.reports_speech(s, (&cue, cue_r.start), content, end))
        .then(|| (Frame::new(cue_r, speaker), content..content_end))
    }

    /// Whether the content at `start` after `cue` counts as a report: with
    /// [`Reports::Speech`], a clause — after a cue that takes one (not an
    /// infinitive: "declined to comment"), after "that", or one that
    /// [`clause_like`] finds — or an object that quotes words ("asked for
    /// “a new vote”", a mixed quote); not an object ("praised the crew").
    fn reports_speech(
        &self,
        s: &Sentence<'_, '_>,
        (cue, cue_tok): (&lexicon::Cue, usize),
        start: usize,
        end: usize,
    ) -> bool {
        let doc = s.doc;
        // "reported net income of 41 mln dlrs": a verb of results takes a
        // clause as often as an object; it needs the evidence of one.
        let results = RESULT_VERBS.contains(&doc.lower(cue_tok));
        self.reports == Reports::Acts
            || cue.takes_clause() && !starts_infinitive(doc, start) && !results
            || after_that(doc, start)
            || clause_like(doc, start, end)
            || (start..object_end(doc, start, end)).any(|i| s.inside(i))
    }

    /// A report in a later clause of a sentence, after `from` where an
    /// earlier one ended: `..., though she noted CONTENT`, or `..., adding
    /// (that) CONTENT` by the speaker of `fr`.
    pub(super) fn later_report(
        &self,
        s: &Sentence<'_, '_>,
        fr: &Frame,
        from: usize,
    ) -> Option<(Frame, Range<usize>)> {
        let (doc, end) = (s.doc, s.end);

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
                doc.lower(i),
                "but" | "and" | "though" | "although" | "while" | "yet"
            );
        if !connective {
            return None;
        }
        self.reported_frame_first(s, i)
    }
}

/// Where a report inside a non-restrictive relative clause ends: "the
/// board, which argued that the fee was unfair, is appealing" reports
/// "the fee was unfair"; the comma before the verb of the main clause
/// closes the relative clause and its content. `end` when the speaker is
/// not ", which" / ", who" or no such comma follows.
fn relative_clause_end(doc: &Doc<'_>, fr: &Frame, start: usize, end: usize) -> usize {
    if !speaker::relative_pronoun(doc, &fr.speaker) {
        return end;
    }
    (start..end)
        .find(|&i| doc.toks[i].is_punct(',') && starts_verb_phrase(doc, i + 1))
        .unwrap_or(end)
}

/// The most words of "The fund said that" before a parenthetical "according
/// to" source inside that report.
const MAX_REPORT_OPENING_WORDS: usize = 8;

/// How far past the start of an "according to" source its closing comma
/// may be ("according to data provided by the Nordic board,").
const MAX_SOURCE_TAIL: usize = 12;

/// Whether the word before `i` is the complementizer "that" ("announced
/// in a statement that CONTENT").
fn after_that(doc: &Doc<'_>, i: usize) -> bool {
    i > 0 && doc.toks[i - 1].kind == Kind::Word && doc.lower(i - 1) == "that"
}

/// Whether a clause opens at `i`: a subject pronoun ("declared she would
/// resign"), or a finite auxiliary among the next words before a comma
/// ("declared the plan was dead"); not an object ("praised the crew").
fn clause_like(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    let word = |k: usize| doc.toks.get(k).is_some_and(|t| t.kind == Kind::Word);
    // "there" as in "said there was no plan".
    if word(i) && (SUBJECT_PRONOUNS.contains(&doc.lower(i)) || doc.lower(i) == "there") {
        return true;
    }
    // Up to a coordinator: "denied any wrongdoing and said it had ..." is
    // an act, then a report of its own.
    (i..end.min(i + CLAUSE_VERB_WINDOW))
        .take_while(|&k| word(k) && !doc.is(k, Lex::COORDINATOR))
        .any(|k| doc.is(k, Lex::FINITE))
}

/// How far into a content [`clause_like`] looks for its verb.
const CLAUSE_VERB_WINDOW: usize = 8;

/// Whether an infinitive opens at `i` ("to comment", "to pay").
fn starts_infinitive(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks.get(i).is_some_and(|t| t.kind == Kind::Word) && doc.lower(i) == "to"
}
