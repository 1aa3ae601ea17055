//! Extents: where reported content starts and ends (clauses, objects,
//! adjuncts, parentheticals).

use std::ops::Range;

use super::frame::Frame;
use super::rules::{in_quotes, Sentence};
use super::text::{Doc, Kind, Quotation};
use super::words::{Lex, SUBJECT_PRONOUNS, SUBORDINATORS};

pub(super) const MIN_REPORTED_WORDS: usize = 3;
/// Words of the object of a cue that takes no clause ("denounced the plan").
pub(super) const MIN_OBJECT_WORDS: usize = 2;
/// Tokens of an adjunct between a cue and its "that" ("said in a statement on
/// Monday that").
pub(super) const MAX_ADJUNCT_BEFORE_THAT: usize = 12;
/// Words before a parenthetical frame ("The plan, Lind said, ...").
pub(super) const MIN_PARENTHESIS_WORDS: usize = 2;

pub(super) const MAX_FRAME_TAIL_WORDS: usize = 6;
/// Reported content also ends at a comma once it has this many words: gold
/// fragments mostly stop at the first clause (tuned on `PolNeAR` train and dev).
pub(super) const MAX_CLAUSE_WORDS_BEFORE_COMMA: usize = 6;

/// Whether `r` may follow an attribution that closes its sentence: nothing,
/// or a short phrase opened by a preposition or a time word.
pub(super) fn adjunct_tail(doc: &Doc<'_>, r: Range<usize>) -> bool {
    adjunct_tail_max(doc, r, MAX_FRAME_TAIL_WORDS)
}

/// [`adjunct_tail`] with at most `max` words.
pub(super) fn adjunct_tail_max(doc: &Doc<'_>, r: Range<usize>, max: usize) -> bool {
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
            doc.lower(r.start + 1),
            "adding" | "saying" | "noting" | "arguing" | "explaining" | "citing" | "calling"
        )
    {
        return true;
    }
    let first = r.clone().find(|&i| doc.toks[i].kind == Kind::Word);
    // "..., the minister said as the conference began": a clause of time
    // right after the frame, of any length.
    if first == Some(r.start)
        && matches!(
            doc.lower(r.start),
            "as" | "while" | "after" | "before" | "until"
        )
        && r.clone().any(|i| doc.is(i, Lex::DETERMINER))
    {
        return true;
    }
    n <= max
        && first.is_some_and(|i| {
            // "said pleasantly into the phone": an adverb opens one too.
            doc.is(i, Lex::TAIL_OPENER | Lex::TIME) || {
                let w = doc.lower(i);
                w.ends_with("ly") && w.len() > 4
            }
        })
        && !r
            .clone()
            .any(|i| doc.toks[i].kind == Kind::Word && doc.word(i).eq_ignore_ascii_case("that"))
}

/// After "told" and its kin, the one to three words of their object ("told
/// reporters", "told the Post") belong to the frame; returns where the rest
/// starts.
pub(super) fn skip_tell_object(doc: &Doc<'_>, cue: usize, after: usize, end: usize) -> usize {
    if !is_tell(doc, cue) || after <= cue {
        return after;
    }
    let object = (after..end.min(after + 3))
        .take_while(|&i| doc.toks[i].kind == Kind::Word && !doc.is(i, Lex::TAIL_OPENER | Lex::TIME))
        .count();
    after + object
}

/// After "told" and its kin before their content ("told reporters the port
/// would reopen", "told the Nordic Post that prices would rise"): where the
/// clause after the object starts, found back from its first finite verb
/// to the determiner or subject pronoun that opens its subject; `start`
/// when there is no such clause within a few words.
pub(super) fn after_tell_object(doc: &Doc<'_>, cue: usize, start: usize, end: usize) -> usize {
    let word = |i: usize| doc.toks[i].kind == Kind::Word;
    if !is_tell(doc, cue)
        || start >= end
        || !word(start)
        || doc.is(start, Lex::DETERMINER) && start + 1 < end && doc.is(start + 1, Lex::FINITE)
    {
        return start;
    }
    // "told Reuters the contracts ...", "told him the plan ...": a name or
    // an object pronoun, then a determiner or a subject pronoun.
    let name = (start..end.min(start + 4))
        .take_while(|&i| word(i) && doc.toks[i].is_cap())
        .count();
    let object = if name > 0 {
        name
    } else {
        usize::from(matches!(
            doc.lower(start),
            "him" | "her" | "them" | "us" | "me"
        ))
    };
    let next = start + object;
    if object > 0
        && next < end
        && word(next)
        && !doc.toks[next].is_cap()
        && (doc.is(next, Lex::DETERMINER) || SUBJECT_PRONOUNS.contains(&doc.lower(next)))
    {
        return next;
    }
    let Some(finite) = (start + 1..end.min(start + MAX_TELL_OBJECT + 4))
        .take_while(|&i| word(i))
        .find(|&i| doc.is(i, Lex::FINITE))
    else {
        return start;
    };
    let subject = (start + 1..finite).rev().take(4).find(|&i| {
        doc.is(i, Lex::DETERMINER)
            || SUBJECT_PRONOUNS.contains(&doc.lower(i))
            || doc.lower(i) == "there"
    });
    match subject {
        Some(k) if k - start <= MAX_TELL_OBJECT => k,
        _ => start,
    }
}

/// Whether the cue at `cue` is "tell", whose object (the one told) is the
/// frame's.
fn is_tell(doc: &Doc<'_>, cue: usize) -> bool {
    matches!(doc.lower(cue), "told" | "tells" | "tell" | "telling")
}

/// The longest object of "told" that [`after_tell_object`] skips, in words.
const MAX_TELL_OBJECT: usize = 6;

/// Where reported content ends: at `end`, or earlier at a clause boundary
/// (`;`, `(`, a dash, `, saying`, `, adding`, `and said`, or any comma after
/// [`MAX_CLAUSE_WORDS_BEFORE_COMMA`] words) that leaves it at least a few
/// words.
pub(super) fn clause_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    clause_end_with(doc, start, end, &|_| false)
}

/// [`clause_end`], also ending before "and" or "but" with a verb that
/// `reports` ("..., and encouraged voters to ...": a second report).
pub(super) fn clause_end_with(
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
        while k < end && doc.is(k, Lex::AUXILIARY) {
            k += 1;
        }
        k < end && reports(k)
    };
    let cue_word = |i: usize| {
        doc.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
            && matches!(
                doc.lower(i),
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
    // "that when the planes arrive, it will ...": the comma that closes an
    // opening subordinate clause is inside the content.
    let mut subordinate = doc.toks.get(start).is_some_and(|t| t.kind == Kind::Word)
        && SUBORDINATORS.contains(&doc.lower(start));
    let mut i = start;
    while i < end {
        let t = doc.toks[i];
        if t.kind == Kind::Punct && t.first == ',' && subordinate {
            subordinate = false;
            i += 1;
            continue;
        }
        // "the therapy, which she likened to a bath, uses ...", "the drug,
        // or angel dust, was found", "the board (which meets monthly)
        // would vote": an insertion in the content's subject, its verb after.
        if let Some(after) = insertion_end(doc, i, end) {
            i = after;
            continue;
        }
        let boundary = match t.kind {
            Kind::Punct => match t.first {
                ';' | '(' | '\u{2014}' | '\u{2013}' => true,
                ',' if list_comma(doc, i, end) => false,
                ',' => {
                    cue_word(i + 1)
                        || words(doc, start..i) >= MAX_CLAUSE_WORDS_BEFORE_COMMA
                        // ", although it may take days": the writer's clause.
                        || doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                            && matches!(
                                doc.lower(i + 1),
                                "although" | "though" | "whereas" | "while" | "when"
                            )
                }
                _ => false,
            },
            Kind::Word => {
                doc.word(i).eq_ignore_ascii_case("and") && cue_word(i + 1)
                    || doc.is(i, Lex::COORDINATOR) && second_report(i)
            }
            _ => false,
        };
        if boundary && words(doc, start..i) >= MIN_REPORTED_WORDS {
            return i;
        }
        i += 1;
    }
    end
}

/// Whether the comma at `i` separates the items of a list ("in the oil,
/// gas and power trades", "in May, June or July"): one to three words
/// without a verb, then "and" or "or" and a word.
fn list_comma(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    let word = |k: usize| k < end && doc.toks[k].kind == Kind::Word;
    let item = (i + 1..end.min(i + 1 + MAX_LIST_ITEM_WORDS + 1))
        .take_while(|&k| word(k) && !matches!(doc.lower(k), "and" | "or"))
        .collect::<Vec<_>>();
    let Some(&last) = item.last() else {
        return false;
    };
    item.len() <= MAX_LIST_ITEM_WORDS
        && item
            .iter()
            .all(|&k| !doc.is(k, Lex::FINITE | Lex::PRONOUN | Lex::DETERMINER))
        && word(last + 1)
        && matches!(doc.lower(last + 1), "and" | "or")
        && word(last + 2)
}

/// The longest list item [`list_comma`] looks over, in words.
const MAX_LIST_ITEM_WORDS: usize = 3;

/// The longest insertion [`insertion_end`] skips, in tokens.
const MAX_INSERTION_TOKENS: usize = 24;

/// When token `i` opens an insertion into a clause's subject (`, which
/// ...,` / `, or X,` / `(...)`) that a verb follows, where the verb is.
fn insertion_end(doc: &Doc<'_>, i: usize, end: usize) -> Option<usize> {
    let t = doc.toks[i];
    if t.kind != Kind::Punct || !matches!(t.first, ',' | '(') {
        return None;
    }
    let close = if t.first == '(' { ')' } else { ',' };
    let j = (i + 1..end.min(i + MAX_INSERTION_TOKENS))
        .take_while(|&j| {
            !(doc.toks[j].kind == Kind::Punct && matches!(doc.toks[j].first, ';' | '(' | ':'))
                || j == i
        })
        .find(|&j| doc.toks[j].kind == Kind::Punct && doc.toks[j].first == close)?;
    let after = j + 1;
    if after >= end || doc.toks[after].kind != Kind::Word {
        return None;
    }
    let relative =
        doc.toks[i + 1].kind == Kind::Word && matches!(doc.lower(i + 1), "which" | "who");
    let next = doc.lower(after);
    let verb = starts_verb_phrase(doc, after)
        || (relative || t.first == '(')
            && !doc.toks[after].is_cap()
            && (next.ends_with('s') || next.ends_with("ed"))
            && !matches!(next, "as" | "its" | "his" | "this" | "thus");
    verb.then_some(after)
}

/// The words before a parenthetical frame that a quotation follows ("The
/// problem, she said, is that “…”"), when they hold no quotation.
pub(super) fn words_before_parenthesis(s: &Sentence<'_, '_>, fr: &Frame) -> Option<Range<usize>> {
    let (doc, start, quotes) = (s.doc, s.start, s.quotes);
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
pub(super) fn introduction(doc: &Doc<'_>, start: usize) -> bool {
    doc.toks[start].kind == Kind::Word
        && (opens_adjunct(doc, start)
            || matches!(
                doc.lower(start),
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
pub(super) fn enough_before(doc: &Doc<'_>, before: Range<usize>) -> bool {
    match words(doc, before.clone()) {
        0 => false,
        1 => {
            let i = before.start;
            doc.toks[i].kind == Kind::Word
                && doc.toks[i].is_cap()
                && !doc.is(i, Lex::LEADING)
                && !opens_adjunct(doc, i)
        }
        _ => true,
    }
}

/// The fragments of reported `content` around a parenthetical frame: "The
/// plan, Lind said, will fail" reports both "The plan" and "will fail"; a
/// comparison or a new clause after the frame ("..., the group said,
/// compared with ...") is the writer's.
pub(super) fn parenthetical(
    s: &Sentence<'_, '_>,
    fr: &Frame,
    content: Range<usize>,
) -> Vec<Range<usize>> {
    let (doc, unit, end) = (s.doc, s.unit(), s.end);
    let frame_start = fr.speaker.start.min(fr.cue.start);
    let frame_end = fr.speaker.end.max(fr.cue.end);
    let comma_before = frame_start > unit.start + 1 && doc.toks[frame_start - 1].is_punct(',');
    let comma_after = frame_end < end && doc.toks[frame_end].is_punct(',');
    let connective = |i: usize| {
        doc.toks[i].kind == Kind::Word
            && matches!(
                doc.lower(i),
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
            && (doc.is(after, Lex::AUXILIARY)
                || matches!(
                    doc.lower(after),
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
pub(super) fn after_be(doc: &Doc<'_>, i: usize) -> bool {
    i > 0
        && doc.toks[i - 1].kind == Kind::Word
        && matches!(
            doc.lower(i - 1),
            "is" | "was" | "are" | "were" | "be" | "been" | "being"
        )
}

/// Whether a verb phrase opens at `i`: an auxiliary or a modal ("was a
/// mistake", "would fail").
pub(super) fn starts_verb_phrase(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
        && matches!(
            doc.lower(i),
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

/// After a time adjunct at `i` ("Thursday", "on Thursday", "last week",
/// "earlier this month"), where the words after it start; `i` when none
/// opens there. The adjunct ends with a time word, and a clause of
/// [`MIN_REPORTED_WORDS`] or more that no adjunct or conjunction opens
/// follows it.
pub(super) fn skip_time_adjunct(doc: &Doc<'_>, i: usize, end: usize) -> usize {
    let mut after = i;
    for k in i..end.min(i + 4) {
        if doc.toks[k].kind != Kind::Word {
            break;
        }
        let w = doc.lower(k);
        if doc.is(k, Lex::TIME) {
            after = k + 1;
        } else if !matches!(w, "on" | "last" | "this" | "next" | "late" | "early") {
            break;
        }
    }
    // "said on Tuesday in Moscow", "said Monday and ...": no content.
    let content_follows = doc.toks.get(after).is_some_and(|t| t.kind == Kind::Word)
        && !opens_adjunct(doc, after)
        && !matches!(doc.lower(after), "and" | "but" | "or" | "that")
        && words(doc, after..end) >= MIN_REPORTED_WORDS;
    if after > i && after < end && content_follows {
        after
    } else {
        i
    }
}

/// Whether an adjunct ("in a statement", "on Monday") opens at `i`: a word
/// of [`TAIL_OPENERS`] but "to", "with" and "about" (which open an object
/// or a topic: "said to reporters", "spoke about the plan"), or of time.
pub(super) fn opens_adjunct(doc: &Doc<'_>, i: usize) -> bool {
    doc.is(i, Lex::TAIL_OPENER) && !matches!(doc.lower(i), "to" | "with" | "about")
        || doc.is(i, Lex::TIME)
}

/// Whether the content at `start` (after a cue ending at `cue_end`) may be
/// reported: not a verb ("Everything Lind says is a lie"), and not an
/// adjunct ("announced in a statement"; a "that" after it is skipped to).
pub(super) fn plain_content(doc: &Doc<'_>, cue_end: usize, start: usize) -> bool {
    let Some(t) = doc.toks.get(start) else {
        return false;
    };
    if start > cue_end || t.kind != Kind::Word {
        return true;
    }
    let w = doc.lower(start);
    // "showed up at the debate": a particle, not an object; "who said and
    // did": a second verb.
    !(matches!(
        w,
        "is" | "was" | "are" | "were" | "has" | "had" | "will" | "would"
    ) || matches!(w, "up" | "off" | "down" | "back" | "away" | "and" | "or")
        || opens_adjunct(doc, start))
}

/// Where the object of a cue that takes no clause ends: before a comma, a
/// dash, or a word that opens an adjunct ("the plan [on Monday]", "the
/// annexation [in a broadcast]"), after its first word.
pub(super) fn object_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
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
                    doc.is(i, Lex::OBJECT_ENDER | Lex::TIME)
                        || medium_follows(doc, i, end)
                        // "a veto and attempted to ...": a second verb.
                        || doc.lower(i) == "and"
                            && doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                            && (doc.lower(i + 1).ends_with("ed") || doc.is(i + 1, Lex::AUXILIARY))
                }
                _ => false,
            }
        })
        .unwrap_or(end);
    // "the plan on Monday": the preposition of the time goes with it.
    let before_time = found > start + 1
        && found < end
        && doc.is(found, Lex::TIME)
        && doc.toks[found - 1].kind == Kind::Word
        && matches!(
            doc.lower(found - 1),
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
pub(super) fn medium_follows(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    matches!(doc.lower(i), "in" | "on" | "at" | "through" | "over")
        && (i + 1..end.min(i + 4)).any(|j| doc.is(j, Lex::MEDIUM))
}

/// Skips what follows a cue before the content: `that`, `:`, `,`, and the
/// object of `told` (`told reporters that`).
pub(super) fn skip_complement(doc: &Doc<'_>, mut i: usize, end: usize) -> usize {
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
pub(super) fn content_end(doc: &Doc<'_>, unit: Range<usize>) -> usize {
    let mut end = unit.end;
    while end > unit.start
        && doc.toks[end - 1].kind == Kind::Punct
        && matches!(doc.toks[end - 1].first, '.' | '!' | '?' | ')' | ';')
    {
        end -= 1;
    }
    end
}

pub(super) fn comma_before(doc: &Doc<'_>, i: usize) -> Option<usize> {
    (i >= 2 && doc.toks[i - 2].is_punct(',')).then(|| i - 2)
}

pub(super) fn words(doc: &Doc<'_>, r: Range<usize>) -> usize {
    r.filter(|&i| doc.toks[i].kind == Kind::Word).count()
}

pub(super) fn words_outside(doc: &Doc<'_>, r: Range<usize>, quotes: &[Quotation]) -> usize {
    r.filter(|&i| doc.toks[i].kind == Kind::Word && !in_quotes(quotes, i))
        .count()
}

/// `r` without white space at its ends (a direct quote's content is the
/// inside of its marks already; a mixed one keeps the marks it holds).
pub(super) fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}
