//! Finding the speaker mention of a frame: the phrase left of a cue, right
//! of an inverted one, a sentence's subject, the source after "according
//! to".

use std::ops::Range;

use super::super::text::{Doc, Kind, Tok};
use super::super::words::{Lex, SUBJECT_PRONOUNS, SUBORDINATORS};
use super::MAX_SPEAKER_TOKENS;

pub(super) fn lower<'a>(doc: &'a Doc<'_>, i: usize) -> &'a str {
    doc.lower(i)
}

pub(super) fn is_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word
}

/// Whether `doc.toks[i]` may continue a name: a word, `.` of an initial or
/// title ("J. Smith", "Mr. Smith"), `&`.
pub(super) fn name_glue(doc: &Doc<'_>, i: usize) -> bool {
    let t = doc.toks[i];
    // The marks of a nickname, Marcia "Cia" Voss, between capitalised words.
    let nickname_mark = matches!(t.first, '"' | '\u{201c}' | '\u{201d}')
        && i > 0
        && doc.toks[i - 1].is_cap()
        && doc.toks.get(i + 1).is_some_and(Tok::is_cap);
    // "J. Lind", "Mr. Lind", "Voss Ltd.", "U.S.", "R-Vt.": the period of an
    // initial or an abbreviation (short, dotted or listed); after a longer
    // word, "in Ohio. Officials said", it ends a sentence.
    let abbreviation = || {
        let w = doc.lower(i - 1);
        w.chars().count() <= 3
            || w.contains(['.', '-'])
            || doc.is(i - 1, Lex::TITLE | Lex::NAME_ABBREVIATION)
    };
    t.kind == Kind::Punct
        && (t.first == '&'
            || (t.first == '.' && i > 0 && doc.toks[i - 1].is_cap() && abbreviation())
            || nickname_mark)
}

/// Whether a blank line separates `doc.toks[i]` from the token before it:
/// a headline's last word and the first name of the text are not one name.
pub(crate) fn blank_line_before(doc: &Doc<'_>, i: usize) -> bool {
    // Counted by bytes: a line feed is one in UTF-8, and never part of
    // another character.
    i > 0
        && i < doc.toks.len()
        && doc.text.as_bytes()[doc.toks[i - 1].end..doc.toks[i].start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            >= 2
}

/// Where a short parenthetical that ends at `end` opens ("Eva Lind
/// (D-Mo.)"), or `end` when none does.
pub(super) fn before_parenthetical(doc: &Doc<'_>, floor: usize, end: usize) -> usize {
    if end > floor + 1 && doc.toks[end - 1].is_punct(')') {
        if let Some(open) = (floor..end - 1)
            .rev()
            .take(8)
            .find(|&i| doc.toks[i].is_punct('('))
        {
            return open;
        }
    }
    end
}

/// Where the speaker phrase before the cue at `cue` ends: before the
/// auxiliaries that lead to the cue.
fn before_auxiliaries(doc: &Doc<'_>, floor: usize, cue: usize) -> usize {
    let mut end = cue;
    // "Lind will say"; but "Brian May said": a capitalised auxiliary after
    // a name is the name's (unless a headline capitalises every word).
    while end > floor
        && doc.is(end - 1, Lex::AUXILIARY)
        && !(doc.toks[end - 1].is_cap()
            && !doc.toks[cue].is_cap()
            // "“We were amazed,” May wrote": alone after the quotation, a
            // capitalised "May" is a name.
            && ((end - 1 > floor && name_word(doc, end - 2)) || (end - 1 == floor && floor > 0)))
    {
        end -= 1;
    }
    end
}

/// The speaker phrase that ends just before the cue at `cue`, no further
/// back than `floor`: "Finnish Economy Minister Aino Virtanen" told; "X, a
/// spokesman for Y," said (X).
pub(crate) fn left(doc: &Doc<'_>, floor: usize, cue: usize) -> Option<Range<usize>> {
    let mut end = before_auxiliaries(doc, floor, cue);
    // "<Brekke Mining Corp> said": newswire brackets around a company.
    if let Some(inside) = bracketed(doc, floor, end) {
        return inside;
    }
    // A parenthetical right before the cue: "Sen. Eva Lind (D-Mo.) said".
    end = before_parenthetical(doc, floor, end);
    if end == floor {
        return None;
    }
    let delimiter = |i: usize| {
        doc.toks[i].kind == Kind::Punct
            && matches!(doc.toks[i].first, ',' | '\u{2014}' | '\u{2013}' | '-')
    };
    // "Ola Bradt, chairman of the Nordic Fish Exchange, NFE, said": an
    // organisation's acronym after its name is part of the appositive.
    if end >= floor + 4
        && delimiter(end - 1)
        && delimiter(end - 3)
        && acronym_of(doc, end - 2, end - 4)
    {
        end -= 2;
    }
    if delimiter(end - 1) {
        // An appositive: X, a spokesman for Y, said / X -- who ... -- said.
        let mut close = end - 1;
        while close > floor && delimiter(close - 1) {
            close -= 1;
        }
        let mut open = (floor..close)
            .rev()
            .take(MAX_APPOSITIVE_TOKENS)
            .find(|&i| delimiter(i))?;
        let first = open + 1;
        while open > floor && delimiter(open - 1) {
            open -= 1;
        }
        if first >= close || !is_word(doc, first) {
            return None;
        }
        // "The mayor's spokeswoman, Eva Lind, said": the name.
        if (first..close).all(|i| capital(doc, i) || name_glue(doc, i)) && close - first <= 4 {
            return Some(first..close);
        }
        // Any other segment with a lowercase word is an appositive ("a
        // spokesman for Y", "Lund's campaign manager", "who ...").
        let appositive = (first..close).any(|i| is_word(doc, i) && !capital(doc, i));
        if !appositive {
            return None;
        }
        end = open;
        if end == floor {
            return None;
        }
        // "Rep. Ola Lund (D-Vt.), a panel member, said".
        end = before_parenthetical(doc, floor, end);
    }
    let mut start = end;
    while start > floor && end - start < MAX_SPEAKER_TOKENS {
        let i = start - 1;
        if blank_line_before(doc, start) {
            break;
        }
        if is_word(doc, i) {
            // "Mr. Ames and Mr. Berg said": two names joined.
            let joins_names = lower(doc, i) == "and"
                && i > floor
                && start < end
                && doc.toks[i - 1].is_cap()
                && doc.toks[start].is_cap();
            // "advisers to Mr. Obama", "those close to him".
            let role_to = lower(doc, i) == "to" && i > floor && doc.is(i - 1, Lex::ROLE_TO);
            if doc.is(i, Lex::BARRIER) && !joins_names && !role_to {
                break;
            }
        } else if !name_glue(doc, i) {
            break;
        }
        start -= 1;
    }
    if end - start >= MAX_SPEAKER_TOKENS && start > floor && is_word(doc, start - 1) {
        // Too long to be a subject: a clause, not a speaker.
        return None;
    }
    while start < end && (!is_word(doc, start) || doc.is(start, Lex::LEADING)) {
        start += 1;
    }
    // "the mine, which Ames says ...": the relative pronoun is not the
    // speaker when a name follows it.
    if end - start > 1 && matches!(lower(doc, start), "which" | "who" | "whom" | "that") {
        start += 1;
    }

    // "Speaking to the committee he urged": a participle's phrase before a
    // subject pronoun is not part of the speaker.
    if opens_with_adjunct(doc, start..end) {
        start = end - 1;
    }
    // "Lund on a Sunday called", "Lind last week said": a time phrase is
    // not the speaker; the phrase before it (and its preposition) is.
    if start < end
        && is_time_phrase(doc, start..end)
        && start > floor
        && !month_named(doc, start..end)
    {
        let mut before = start;
        if is_word(doc, before - 1)
            && matches!(
                lower(doc, before - 1),
                "on" | "in" | "at" | "during" | "by" | "over"
            )
        {
            before -= 1;
        }
        return (before > floor).then(|| left(doc, floor, before)).flatten();
    }
    plausible(doc, start..end).then_some(start..end)
}

/// Whether the word at `i` is an acronym ("NFE", "NYMEX") of the name
/// that ends at `name_end`: capitals only, opening with the initial of that
/// name's first word ("Nordic Fish Exchange").
fn acronym_of(doc: &Doc<'_>, i: usize, name_end: usize) -> bool {
    let w = doc.word(i);
    if !is_word(doc, i) || !(2..=6).contains(&w.len()) || !w.chars().all(|c| c.is_ascii_uppercase())
    {
        return false;
    }
    let mut first = name_end;
    while first > 0
        && (capital(doc, first - 1) || lower(doc, first - 1) == "of")
        && name_end - first < 6
    {
        first -= 1;
    }
    first < name_end
        && capital(doc, name_end)
        && doc.word(first).starts_with(w.chars().next().unwrap_or(' '))
}

/// "a rival in Brekke, which argues ...", "Lind, who said ...": the phrase
/// before the comma that a lone relative pronoun `r` stands for, no further
/// back than `floor`: what it resolves to.
pub(super) fn relative_antecedent(
    doc: &Doc<'_>,
    floor: usize,
    r: &Range<usize>,
) -> Option<Range<usize>> {
    let k = r.start;
    (k > floor + 1 && relative_pronoun(doc, r))
        .then(|| left(doc, floor, k - 1))
        .flatten()
        .filter(|a| a.end == k - 1 && (a.start..a.end).any(|i| name_word(doc, i)))
}

/// Whether the mention `r` is a lone relative pronoun after a comma: ",
/// which" / ", who" (a non-restrictive relative clause).
pub(crate) fn relative_pronoun(doc: &Doc<'_>, r: &Range<usize>) -> bool {
    let k = r.start;
    r.len() == 1
        && k > 0
        && is_word(doc, k)
        && matches!(lower(doc, k), "which" | "who")
        && doc.toks[k - 1].is_punct(',')
}

/// The name inside newswire brackets that end at `end` ("<Brekke Mining
/// Corp>"), `Some(None)` when the brackets hold no name, `None` when there
/// are none.
#[allow(clippy::option_option)] // brackets or not, then a name or not
fn bracketed(doc: &Doc<'_>, floor: usize, end: usize) -> Option<Option<Range<usize>>> {
    if end < floor + 3 || !doc.toks[end - 1].is_punct('>') {
        return None;
    }
    let open = (floor..end - 1)
        .rev()
        .take(MAX_SPEAKER_TOKENS)
        .find(|&i| doc.toks[i].is_punct('<'))?;
    let inside = open + 1..end - 1;
    let name = !inside.is_empty() && inside.clone().all(|i| capital(doc, i) || name_glue(doc, i));
    Some(name.then_some(inside))
}

/// Whether `r` is an opening participle or adverbial and then a subject
/// pronoun: "Speaking to the committee he" (but not "Ola Lund, despite
/// admitting that he").
fn opens_with_adjunct(doc: &Doc<'_>, r: Range<usize>) -> bool {
    r.len() > 2
        && is_word(doc, r.start)
        && is_word(doc, r.end - 1)
        && SUBJECT_PRONOUNS.contains(&lower(doc, r.end - 1))
        && (doc.is(r.start, Lex::INTRO_OPENER) || {
            let w = lower(doc, r.start);
            w.ends_with("ing") && w.len() > 5
        })
}

/// Whether `r` is one capitalised month that is also a name ("“We were
/// amazed,” May wrote"): no preposition before it makes it a date.
fn month_named(doc: &Doc<'_>, r: Range<usize>) -> bool {
    r.len() == 1
        && doc.toks[r.start].is_cap()
        && matches!(lower(doc, r.start), "may" | "june" | "april" | "august")
        && !(r.start > 0
            && is_word(doc, r.start - 1)
            && matches!(
                lower(doc, r.start - 1),
                "in" | "on"
                    | "by"
                    | "since"
                    | "until"
                    | "from"
                    | "of"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
            ))
}

/// Whether `r` only says when: "a Sunday", "last week", "Tuesday night".
pub(super) fn is_time_phrase(doc: &Doc<'_>, r: Range<usize>) -> bool {
    let mut time = false;
    for i in r {
        if !is_word(doc, i) {
            return false;
        }
        let w = lower(doc, i);
        // A word of time, or a year ("in 2010").
        let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
        if doc.is(i, Lex::TIME) || year {
            time = true;
        } else if !(doc.is(i, Lex::DETERMINER)
            || matches!(w, "last" | "next" | "this" | "early" | "late" | "on")
            || w.chars().all(|c| c.is_ascii_digit()))
        {
            return false;
        }
    }
    time
}

/// The subject of the sentence starting at `start`, when it is the speaker
/// of the cue at `cue` but [`left`] found only its end (`found` is where
/// that phrase starts): a subject with prepositions ("the deputy head of the
/// delegation to the forum said"), or the subject of a coordinated verb
/// ("She blamed the storm, and said").
pub(crate) fn subject(
    doc: &Doc<'_>,
    start: usize,
    found: usize,
    cue: usize,
) -> Option<Range<usize>> {
    if found <= start {
        return None;
    }
    let before = found - 1;
    // "and said", or ", saying": a verb that shares the sentence's subject.
    let participle =
        doc.toks[before].is_punct(',') && found == cue && lower(doc, cue).ends_with("ing");
    // "..., but club chairman Per Ames said": the new clause has a subject
    // of its own between the conjunction and the cue.
    let own_subject = found < cue
        && (found..cue).any(|i| is_word(doc, i) && (capital(doc, i) || doc.is(i, Lex::PRONOUN)));
    let coordinated = participle || doc.is(before, Lex::COORDINATOR) && !own_subject;
    if coordinated {
        // "..., I laughed and said": the subject of the clause that "and"
        // continues, when a pronoun or a name opens it.
        if !participle {
            let clause = (start..before)
                .rev()
                .find(|&i| doc.toks[i].is_punct(','))
                .map(|c| c + 1);
            let first = clause.and_then(|c| (c..before).find(|&i| is_word(doc, i)));
            if let Some(subject) = first
                .filter(|&f| !doc.is(f, Lex::LEADING))
                .and_then(|f| pronoun_or_name(doc, f, before))
            {
                return Some(subject);
            }
        }
        // The subject: a pronoun or a run of capitalised words opening the
        // sentence, or the clause after an opening adjunct ("During the
        // speech, Lind attacked ..., saying").
        let mut first = (start..cue).find(|&i| is_word(doc, i))?;
        // "Stung by the vote, Lind ...": an opening phrase with lowercase
        // words before a comma, then a name or a pronoun.
        let comma = (first..before).find(|&i| doc.toks[i].is_punct(','));
        if let Some(comma) = comma {
            let phrase = (first + 1..comma).any(|i| is_word(doc, i) && !doc.toks[i].is_cap());
            let next = (comma + 1..cue).find(|&i| is_word(doc, i));
            if let Some(next) = next {
                let named = capital(doc, next) || doc.is(next, Lex::PRONOUN);
                if named && (phrase || doc.is(first, Lex::INTRO_OPENER)) {
                    first = next;
                }
            }
        }
        return pronoun_or_name(doc, first, cue);
    }
    // A subject with prepositions: only words, determiners and possessives
    // from the start of the sentence to the cue; "and" joins nouns
    // ("Current and former officials"), "who" opens a relative clause
    // ("officials who spoke with the Post").
    let nominal = |span: Range<usize>| {
        // The length first: the word tests below lowercase every word of
        // the span, which from a sentence start far back was quadratic.
        if span.len() > MAX_SUBJECT_TOKENS {
            return false;
        }
        let all_nominal = span.clone().all(|i| {
            is_word(doc, i) && {
                let w = lower(doc, i);
                // "Its comments came after the minister said": a
                // subordinate clause's subject, not the sentence's.
                !(SUBORDINATORS.contains(&w)
                    || matches!(
                        w,
                        "that"
                            | "which"
                            | "where"
                            | "but"
                            | "is"
                            | "was"
                            | "are"
                            | "were"
                            | "has"
                            | "had"
                            | "have"
                    ))
            }
        });
        // A preposition of a noun's complement; not "by", which after a
        // participle opens its agent ("those affected by the ruling").
        let nominal_word = |i: usize| doc.is(i, Lex::PREPOSITION) && lower(doc, i) != "by";
        let first_is_noun = span.clone().next().is_some_and(|i| {
            let w = lower(doc, i);
            w != "and" && w != "who"
        });
        all_nominal
            && first_is_noun
            && span
                .clone()
                .any(|i| nominal_word(i) || lower(doc, i) == "who")
    };
    let span = start..cue;
    if !span.is_empty() && nominal(span.clone()) {
        // "Speaking to the committee he urged": the pronoun.
        if opens_with_adjunct(doc, span.clone()) {
            return Some(cue - 1..cue);
        }
        return Some(span);
    }
    None
}

pub(super) const MAX_SUBJECT_TOKENS: usize = 14;

/// The pronoun at `first`, or the run of capitalised words from it (before
/// `limit`), if either: a clause's subject.
pub(super) fn pronoun_or_name(doc: &Doc<'_>, first: usize, limit: usize) -> Option<Range<usize>> {
    let w = lower(doc, first);
    if doc.is(first, Lex::PRONOUN) && w != "who" && w != "which" {
        return Some(first..first + 1);
    }
    // "Some officials", "The council": a determiner and its noun.
    if doc.is(first, Lex::DETERMINER | Lex::QUANTIFIER) {
        let noun = (first + 1..limit.min(first + 4))
            .take_while(|&i| {
                is_word(doc, i)
                    && !doc.is(i, Lex::AUXILIARY | Lex::BARRIER)
                    && !lower(doc, i).ends_with("ed")
            })
            .count();
        if noun > 0 {
            return Some(first..first + 1 + noun);
        }
    }
    // "Secretary of State Ola Lund": "of" between capitalised words.
    let of_in_name = |i: usize| {
        lower(doc, i) == "of"
            && i > first
            && doc.toks[i - 1].is_cap()
            && doc.toks.get(i + 1).is_some_and(Tok::is_cap)
    };
    let run = (first..limit)
        .take_while(|&i| name_word(doc, i) || name_glue(doc, i) || of_in_name(i))
        .count();
    (run > 0).then_some(first..first + run)
}

/// The speaker phrase that starts at `from` (after an inverted cue: said X).
pub(crate) fn right(doc: &Doc<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    let first = (from < end && is_word(doc, from)).then_some(from)?;
    // said Lavrov / said the minister / said harbour master Ilse Voss
    // The words (and name glue) that follow, up to four: a capitalised one
    // among them names someone.
    let window: Vec<usize> = (first..end.min(first + 4))
        .take_while(|&i| name_glue(doc, i) || (is_word(doc, i) && !doc.is(i, Lex::BARRIER)))
        .collect();
    let named_soon = window.iter().any(|&i| capital(doc, i));
    // said one former executive / said several aides
    let quantified = doc.is(first, Lex::QUANTIFIER);
    if !(capital(doc, first)
        || doc.is(first, Lex::DETERMINER | Lex::PRONOUN)
        || named_soon
        || quantified)
    {
        return None;
    }
    let mut stop = first;
    while stop < end && stop - first < MAX_SPEAKER_TOKENS {
        if stop > first && blank_line_before(doc, stop) {
            break;
        }
        if is_word(doc, stop) {
            let w = lower(doc, stop);
            // "said Economic and Fiscal Policy Minister Ito": "and"
            // between capitalised words of a title joins them.
            let joins = w == "and"
                && doc.toks[stop - 1].is_cap()
                && doc.toks.get(stop + 1).is_some_and(Tok::is_cap)
                && (stop + 1..end.min(stop + 5)).any(|i| doc.is(i, Lex::TITLE));
            if stop > first && doc.is(stop, Lex::BARRIER) && !doc.toks[stop].is_cap() && !joins {
                break;
            }
        } else if !name_glue(doc, stop) {
            break;
        }
        stop += 1;
    }
    // Glue belongs inside a name, not at its end ("Ola Lund." ends a sentence).
    while stop > first && !is_word(doc, stop - 1) {
        stop -= 1;
    }
    // "described Lind's approach": a possessive before a noun is not who
    // spoke.
    let possessive = |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s");
    if stop > first && possessive(doc.word(stop - 1)) && stop < end && is_word(doc, stop) {
        return None;
    }
    plausible(doc, first..stop).then_some(first..stop)
}

/// The source after "according to": a speaker phrase, or any short noun
/// phrase ("according to federal statistics").
pub(crate) fn source(doc: &Doc<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    right(doc, from, end).or_else(|| {
        let stop = (from..end.min(from + MAX_SPEAKER_TOKENS))
            .take_while(|&i| is_word(doc, i) && !doc.is(i, Lex::BARRIER))
            .last()?;
        Some(from..stop + 1)
    })
}

/// A speaker phrase names someone: it holds a capitalised word, a pronoun,
/// or a determiner with a noun ("the ministry"), and it is not too long.
pub(super) fn plausible(doc: &Doc<'_>, r: Range<usize>) -> bool {
    if r.is_empty() || r.len() > MAX_SPEAKER_TOKENS {
        return false;
    }
    // The words, by their token indices: the classes of each are known.
    let mut words = r.clone().filter(|&i| is_word(doc, i));
    let n = words.clone().count();
    let (Some(first), Some(last)) = (words.clone().next(), words.next_back()) else {
        return r.clone().any(|i| capital(doc, i));
    };
    if n == 1 && doc.is(first, Lex::PRONOUN | Lex::QUANTIFIER) {
        return true;
    }
    let capitalised = r.clone().any(|i| capital(doc, i));
    let determined = n >= 2 && doc.is(first, Lex::DETERMINER | Lex::QUANTIFIER);
    // Plural nouns without a determiner: "officials", "analysts", "critics",
    // "top rural lawmakers"; and "police".
    if n == 1 && doc.is(first, Lex::COLLECTIVE) {
        return true;
    }
    let plural = n <= 3 && {
        let w = lower(doc, last);
        w.len() > 3 && w.ends_with('s')
    };
    // Counted groups: "46 percent of voters", "about half", "other voters".
    let counted = n <= 6
        && (lower(doc, first)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
            || doc.is(first, Lex::COUNTER));
    capitalised || determined || plural || counted
}

/// The longest appositive or relative clause between a speaker and the cue
/// ("X, a spokesman for Y, said"), searched back from the cue.
pub(super) const MAX_APPOSITIVE_TOKENS: usize = 30;

/// Whether `doc.toks[i]` is a capitalised word, or a name with a lowercase
/// particle: "al-Amin", "el-Sayed", or "van", "de", "bin" ... before a
/// capitalised word ("Karel van Dam", "de Souza").
pub(crate) fn capital(doc: &Doc<'_>, i: usize) -> bool {
    let t = doc.toks[i];
    if t.is_cap() {
        return true;
    }
    if t.kind != Kind::Word {
        return false;
    }
    doc.is(i, Lex::PREFIXED_NAME)
        || (doc.is(i, Lex::PARTICLE)
            && doc.toks.get(i + 1).is_some_and(Tok::is_cap)
            && doc.word(i + 1).len() > 1)
}

/// A capitalised word that can be part of a name (not "The" or "He" at the
/// start of a sentence), or a name's lowercase particle.
pub(super) fn name_word(doc: &Doc<'_>, i: usize) -> bool {
    // Nor "In" or "After" opening a sentence: a preposition.
    capital(doc, i)
        && !doc.is(
            i,
            Lex::DETERMINER | Lex::PRONOUN | Lex::LEADING | Lex::PREPOSITION,
        )
}
