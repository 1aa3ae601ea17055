//! Speaker mentions and their resolution.

use std::collections::HashMap;
use std::ops::Range;

use super::text::{Doc, Kind, Tok};
use crate::gazetteer::{EntryId, Gazetteer, Match};

/// Words that may stand between a speaker and the verb: "has said", "also
/// told".
const AUXILIARIES: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "later",
    "then",
    "again",
    "previously",
    "reportedly",
    "once",
    "repeatedly",
    "recently",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "should",
    "further",
    "earlier",
    "first",
    "publicly",
    "privately",
    "separately",
    "still",
    "just",
    "often",
    "never",
    "always",
    "even",
    "only",
    "already",
];

/// Whether `w` (lowercased) may stand between a subject and its verb.
pub(crate) fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(&w)
}

/// Nouns whose speaker phrase goes on with "to": "aides to the mayor".
const ROLES_TO: &[&str] = &[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "close",
    "closest",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "counselor",
    "ambassador",
    "envoy",
    "assistant",
    "assistants",
];

/// Words that end a speaker phrase when scanning away from the cue.
const BARRIERS: &[&str] = &[
    "that", "and", "but", "or", "because", "while", "when", "if", "as", "after", "before", "than",
    "so", "since", "although", "though", "where", "what", "how", "why", "to", "in", "on", "at",
    "with", "by", "about", "into", "over", "during", "is", "was", "are", "were", "be", "been",
    "has", "had", "have", "not", "said", "says", "told",
];

/// Words dropped from the front of a speaker phrase.
const LEADING: &[&str] = &[
    "but",
    "and",
    "so",
    "however",
    "meanwhile",
    "still",
    "yet",
    "now",
    "instead",
    "indeed",
    "also",
    "then",
    "later",
    "earlier",
    "moreover",
];

/// Whether `w` (lowercased) is dropped from the front of a speaker phrase:
/// "But", "Meanwhile".
pub(crate) fn is_leading(w: &str) -> bool {
    LEADING.contains(&w)
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "my", "your",
];

const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "some", "many", "several", "another", "most", "few", "both",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

/// Titles and roles before a name: "Finnish Economy Minister Aino Virtanen".
const TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "deputy",
    "foreign",
    "prime",
    "vice",
    "general",
    "gen",
    "mr",
    "mrs",
    "ms",
    "dr",
    "judge",
    "justice",
    "attorney",
    "officer",
    "ambassador",
    "commissioner",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "candidate",
    "nominee",
    "speaker",
    "sheriff",
    "lt",
    "col",
    "capt",
    "adm",
    "professor",
    "prof",
    "king",
    "queen",
    "prince",
    "pope",
    "rev",
    "sir",
    "lord",
    "lady",
    "chancellor",
    "premier",
    "ceo",
    "founder",
    "executive",
    "manager",
    "analyst",
    "economist",
    "adviser",
    "advisor",
    "aide",
    "envoy",
    "official",
    "strategist",
    "host",
    "anchor",
    "correspondent",
    "editor",
    "columnist",
    "author",
    "coach",
    "lawyer",
    "counsel",
    "press",
    "state",
    "defense",
    "interior",
    "finance",
    "economy",
    "energy",
    "trade",
    "health",
    "house",
    "senate",
    "white",
    "former",
    "acting",
    "first",
    "lady",
    "sergeant",
    "detective",
];

fn lower(doc: &Doc<'_>, i: usize) -> String {
    doc.word(i).to_lowercase()
}

fn is_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word
}

/// Whether `doc.toks[i]` may continue a name: a word, `.` of an initial or
/// title ("J. Smith", "Mr. Smith"), `&`.
fn name_glue(doc: &Doc<'_>, i: usize) -> bool {
    let t = doc.toks[i];
    // The marks of a nickname, Marcia "Cia" Voss, between capitalised words.
    let nickname_mark = matches!(t.first, '"' | '\u{201c}' | '\u{201d}')
        && i > 0
        && doc.toks[i - 1].is_cap()
        && doc.toks.get(i + 1).is_some_and(Tok::is_cap);
    t.kind == Kind::Punct
        && (t.first == '&'
            || (t.first == '.' && i > 0 && doc.toks[i - 1].is_cap())
            || nickname_mark)
}

/// Where a short parenthetical that ends at `end` opens ("Eva Lind
/// (D-Mo.)"), or `end` when none does.
fn before_parenthetical(doc: &Doc<'_>, floor: usize, end: usize) -> usize {
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

/// The speaker phrase that ends just before the cue at `cue`, no further
/// back than `floor`: "Finnish Economy Minister Aino Virtanen" told; "X, a
/// spokesman for Y," said (X).
pub(crate) fn left(doc: &Doc<'_>, floor: usize, cue: usize) -> Option<Range<usize>> {
    let mut end = cue;
    while end > floor
        && is_word(doc, end - 1)
        && AUXILIARIES.contains(&lower(doc, end - 1).as_str())
    {
        end -= 1;
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
    if delimiter(end - 1) {
        // An appositive: X, a spokesman for Y, said / X -- who ... -- said.
        let mut close = end - 1;
        while close > floor && delimiter(close - 1) {
            close -= 1;
        }
        let mut open = (floor..close)
            .rev()
            .take(MAX_APPOSITIVE)
            .find(|&i| delimiter(i))?;
        let first = open + 1;
        while open > floor && delimiter(open - 1) {
            open -= 1;
        }
        if first >= close || !is_word(doc, first) {
            return None;
        }
        // "The mayor's spokeswoman, Eva Lind, said": the name.
        if (first..close).all(|i| doc.toks[i].is_cap() || name_glue(doc, i)) && close - first <= 4 {
            return Some(first..close);
        }
        // Any other segment with a lowercase word is an appositive ("a
        // spokesman for Y", "Lund's campaign manager", "who ...").
        let appositive = (first..close).any(|i| is_word(doc, i) && !doc.toks[i].is_cap());
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
    while start > floor && end - start < MAX_TOKENS {
        let i = start - 1;
        if is_word(doc, i) {
            // "Mr. Ames and Mr. Berg said": two names joined.
            let joins_names = lower(doc, i) == "and"
                && i > floor
                && start < end
                && doc.toks[i - 1].is_cap()
                && doc.toks[start].is_cap();
            // "advisers to Mr. Obama", "those close to him".
            let role_to = lower(doc, i) == "to"
                && i > floor
                && ROLES_TO.contains(&lower(doc, i - 1).as_str());
            if BARRIERS.contains(&lower(doc, i).as_str()) && !joins_names && !role_to {
                break;
            }
        } else if !name_glue(doc, i) {
            break;
        }
        start -= 1;
    }
    if end - start >= MAX_TOKENS && start > floor && is_word(doc, start - 1) {
        // Too long to be a subject: a clause, not a speaker.
        return None;
    }
    while start < end && (!is_word(doc, start) || LEADING.contains(&lower(doc, start).as_str())) {
        start += 1;
    }
    // "the mine, which Ames says ...": the relative pronoun is not the
    // speaker when a name follows it.
    if end - start > 1
        && matches!(
            lower(doc, start).as_str(),
            "which" | "who" | "whom" | "that"
        )
    {
        start += 1;
    }
    // "Lund on a Sunday called", "Lind last week said": a time phrase is
    // not the speaker; the phrase before it (and its preposition) is.
    if start < end && is_time_phrase(doc, start..end) && start > floor {
        let mut before = start;
        if is_word(doc, before - 1)
            && matches!(
                lower(doc, before - 1).as_str(),
                "on" | "in" | "at" | "during" | "by" | "over"
            )
        {
            before -= 1;
        }
        return (before > floor).then(|| left(doc, floor, before)).flatten();
    }
    plausible(doc, start..end).then_some(start..end)
}

/// Words of time: days, months, parts of days.
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
];

/// Whether `w` (lowercased) is a word of time.
pub(crate) fn is_time_word(w: &str) -> bool {
    TIME_WORDS.contains(&w)
}

/// Whether `r` only says when: "a Sunday", "last week", "Tuesday night".
fn is_time_phrase(doc: &Doc<'_>, r: Range<usize>) -> bool {
    let mut time = false;
    for i in r {
        if !is_word(doc, i) {
            return false;
        }
        let w = lower(doc, i);
        // A word of time, or a year ("in 2010").
        let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
        if TIME_WORDS.contains(&w.as_str()) || year {
            time = true;
        } else if !(DETERMINERS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "last" | "next" | "this" | "early" | "late" | "on"
            )
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
    let coordinated = participle
        || (is_word(doc, before) && matches!(lower(doc, before).as_str(), "and" | "but"));
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
                .filter(|&f| !is_leading(&lower(doc, f)))
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
                let named =
                    doc.toks[next].is_cap() || PRONOUNS.contains(&lower(doc, next).as_str());
                if named && (phrase || ADJUNCT_STARTS.contains(&lower(doc, first).as_str())) {
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
        let all_nominal = span.clone().all(|i| {
            is_word(doc, i) && {
                let w = lower(doc, i);
                !matches!(
                    w.as_str(),
                    "that"
                        | "which"
                        | "when"
                        | "if"
                        | "because"
                        | "but"
                        | "is"
                        | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "had"
                        | "have"
                )
            }
        });
        let nominal_words = ["of", "for", "on", "at", "to", "in", "from", "with"];
        let first_is_noun = span.clone().next().is_some_and(|i| {
            let w = lower(doc, i);
            w != "and" && w != "who"
        });
        all_nominal
            && first_is_noun
            && span.len() <= MAX_SUBJECT_TOKENS
            && span
                .clone()
                .any(|i| nominal_words.contains(&lower(doc, i).as_str()) || lower(doc, i) == "who")
    };
    let span = start..cue;
    (!span.is_empty() && nominal(span.clone())).then_some(span)
}

const MAX_SUBJECT_TOKENS: usize = 14;

/// The pronoun at `first`, or the run of capitalised words from it (before
/// `limit`), if either: a clause's subject.
fn pronoun_or_name(doc: &Doc<'_>, first: usize, limit: usize) -> Option<Range<usize>> {
    let w = lower(doc, first);
    if PRONOUNS.contains(&w.as_str()) && w != "who" && w != "which" {
        return Some(first..first + 1);
    }
    // "Some officials", "The council": a determiner and its noun.
    if DETERMINERS.contains(&w.as_str()) || QUANTIFIERS.contains(&w.as_str()) {
        let noun = (first + 1..limit.min(first + 4))
            .take_while(|&i| {
                is_word(doc, i) && {
                    let x = lower(doc, i);
                    !AUXILIARIES.contains(&x.as_str())
                        && !BARRIERS.contains(&x.as_str())
                        && !x.ends_with("ed")
                }
            })
            .count();
        if noun > 0 {
            return Some(first..first + 1 + noun);
        }
    }
    let run = (first..limit)
        .take_while(|&i| name_word(doc, i) || name_glue(doc, i))
        .count();
    (run > 0).then_some(first..first + run)
}

/// Words that open an adverbial before a sentence's subject: "During the
/// speech, Lind ...", "Once in her twenties, she ...".
const ADJUNCT_STARTS: &[&str] = &[
    "during", "once", "when", "after", "before", "in", "on", "at", "as", "while", "although",
    "though", "if", "with", "despite", "since", "because", "for", "from", "by", "last", "earlier",
    "later", "speaking", "asked", "like", "unlike",
];

/// The speaker phrase that starts at `from` (after an inverted cue: said X).
pub(crate) fn right(doc: &Doc<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    let first = (from < end && is_word(doc, from)).then_some(from)?;
    let w = lower(doc, first);
    // said Lavrov / said the minister / said harbour master Ilse Voss
    // The words (and name glue) that follow, up to four: a capitalised one
    // among them names someone.
    let window: Vec<usize> = (first..end.min(first + 4))
        .take_while(|&i| {
            name_glue(doc, i) || (is_word(doc, i) && !BARRIERS.contains(&lower(doc, i).as_str()))
        })
        .collect();
    let named_soon = window.iter().any(|&i| doc.toks[i].is_cap());
    // said one former executive / said several aides
    let quantified = QUANTIFIERS.contains(&w.as_str());
    if !(doc.toks[first].is_cap()
        || DETERMINERS.contains(&w.as_str())
        || PRONOUNS.contains(&w.as_str())
        || named_soon
        || quantified)
    {
        return None;
    }
    let mut stop = first;
    while stop < end && stop - first < MAX_TOKENS {
        if is_word(doc, stop) {
            let w = lower(doc, stop);
            if stop > first && BARRIERS.contains(&w.as_str()) && !doc.toks[stop].is_cap() {
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
        let stop = (from..end.min(from + MAX_TOKENS))
            .take_while(|&i| is_word(doc, i) && !BARRIERS.contains(&lower(doc, i).as_str()))
            .last()?;
        Some(from..stop + 1)
    })
}

/// A speaker phrase names someone: it holds a capitalised word, a pronoun,
/// or a determiner with a noun ("the ministry"), and it is not too long.
fn plausible(doc: &Doc<'_>, r: Range<usize>) -> bool {
    if r.is_empty() || r.len() > MAX_TOKENS {
        return false;
    }
    let words: Vec<String> = r
        .clone()
        .filter(|&i| is_word(doc, i))
        .map(|i| lower(doc, i))
        .collect();
    if words.len() == 1
        && (PRONOUNS.contains(&words[0].as_str()) || QUANTIFIERS.contains(&words[0].as_str()))
    {
        return true;
    }
    let capitalised = r.clone().any(|i| doc.toks[i].is_cap());
    let determined = words.len() >= 2
        && (DETERMINERS.contains(&words[0].as_str()) || QUANTIFIERS.contains(&words[0].as_str()));
    // Plural nouns without a determiner: "officials", "analysts", "critics",
    // "top rural lawmakers"; and "police".
    if words.len() == 1 && COLLECTIVES.contains(&words[0].as_str()) {
        return true;
    }
    let plural = words.len() <= 3
        && words
            .last()
            .is_some_and(|w| w.len() > 3 && w.ends_with('s'));
    // Counted groups: "46 percent of voters", "about half", "other voters".
    let counted = words.len() <= 6
        && (words[0].chars().next().is_some_and(|c| c.is_ascii_digit())
            || COUNTERS.contains(&words[0].as_str()));
    capitalised || determined || plural || counted
}

const MAX_TOKENS: usize = 10;

/// Words that open a counted group of speakers.
const COUNTERS: &[&str] = &[
    "about", "nearly", "almost", "roughly", "more", "fewer", "half", "other", "all", "those",
    "these", "most", "majority",
];

/// Nouns that speak as a group without a determiner or a plural `s`.
const COLLECTIVES: &[&str] = &["police", "people", "staff", "management", "prosecutors"];
/// The longest appositive or relative clause between a speaker and the cue.
const MAX_APPOSITIVE: usize = 30;

/// A resolved speaker.
#[derive(Debug, Default, Clone)]
pub(crate) struct Resolved {
    pub name: Option<String>,
    pub entity: Option<EntryId>,
}

/// A speaker seen earlier in the document.
#[derive(Debug, Clone)]
struct Seen {
    at: usize,
    name: String,
    entity: Option<EntryId>,
    person: bool,
    /// The lowercased words of the mention (for "the minister").
    words: Vec<String>,
}

/// Gazetteer entries by surname, built once per gazetteer.
#[derive(Debug, Default)]
pub struct SurnameIndex {
    /// Lowercased surname of a PERSON entry to that entry, or `None` when
    /// several entries share it.
    map: HashMap<String, Option<EntryId>>,
}

impl SurnameIndex {
    /// Indexes the PERSON (or PER) entries of `gaz` by the last word of
    /// their names.
    pub fn new(gaz: &Gazetteer) -> SurnameIndex {
        let mut map: HashMap<String, Option<EntryId>> = HashMap::new();
        for e in gaz.entries() {
            if !matches!(e.label().to_ascii_uppercase().as_str(), "PERSON" | "PER") {
                continue;
            }
            let Some(last) = e.name().split_whitespace().next_back() else {
                continue;
            };
            if e.name().split_whitespace().count() < 2 {
                continue;
            }
            map.entry(last.to_lowercase())
                .and_modify(|v| {
                    if *v != Some(e.id_index()) {
                        *v = None;
                    }
                })
                .or_insert(Some(e.id_index()));
        }
        SurnameIndex { map }
    }

    fn get(&self, surname: &str) -> Option<EntryId> {
        self.map.get(&surname.to_lowercase()).copied().flatten()
    }
}

/// Resolves speaker mentions of one document, in document order.
pub(crate) struct Resolver<'a, 'd> {
    doc: &'a Doc<'d>,
    entities: &'a [Match],
    gaz: Option<(&'a Gazetteer, &'a SurnameIndex)>,
    seen: Vec<Seen>,
    /// The first name of two or more words of each last word: among the
    /// speakers seen, and among the runs of capitalised words of the text.
    seen_full: HashMap<String, String>,
    text_full: HashMap<String, String>,
    /// Indices into `entities` of the persons.
    persons: Vec<usize>,
    /// The first person entity of the text with each last word of its name.
    person_by_last: HashMap<&'a str, EntryId>,
}

/// How many earlier speakers a pronoun or "the minister" looks back over:
/// enough for any article, and a bound on the work in a book-length text.
const MAX_LOOK_BACK: usize = 500;

/// The last word of a name.
fn last_word(name: &str) -> Option<&str> {
    name.split_whitespace().next_back()
}

/// Notes `name` under its last word unless a name is there already; a name
/// of one word is its own last word and is not noted.
fn note_full_name(map: &mut HashMap<String, String>, name: &str) {
    if let Some(last) = last_word(name) {
        if last != name && !map.contains_key(last) {
            map.insert(last.to_owned(), name.to_owned());
        }
    }
}

impl<'a, 'd> Resolver<'a, 'd> {
    pub fn new(
        doc: &'a Doc<'d>,
        entities: &'a [Match],
        gaz: Option<(&'a Gazetteer, &'a SurnameIndex)>,
    ) -> Self {
        let mut text_full = HashMap::new();
        let mut i = 0;
        while i < doc.toks.len() {
            if doc.toks[i].is_cap() {
                let mut j = i;
                while j < doc.toks.len() && (doc.toks[j].is_cap() || (j > i && name_glue(doc, j))) {
                    j += 1;
                }
                let name = strip_titles(doc, i..j);
                if name.len() >= 2 && name.len() <= 4 {
                    note_full_name(&mut text_full, &text_of(doc, name));
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        let mut persons = Vec::new();
        let mut person_by_last = HashMap::new();
        if let Some((g, _)) = gaz {
            for (k, m) in entities.iter().enumerate() {
                let e = g.entry(m.entry());
                if is_person_label(e.label()) {
                    persons.push(k);
                    if let Some(last) = last_word(e.name()) {
                        person_by_last.entry(last).or_insert(m.entry());
                    }
                }
            }
        }
        Resolver {
            doc,
            entities,
            gaz,
            seen: Vec::new(),
            seen_full: HashMap::new(),
            text_full,
            persons,
            person_by_last,
        }
    }

    /// The name and entity of the speaker mentioned at `mention`.
    pub fn resolve(&mut self, mention: Range<usize>) -> Resolved {
        let doc = self.doc;
        let at = doc.toks[mention.start].start;
        let span = doc.span(mention.clone());
        let words: Vec<String> = mention
            .clone()
            .filter(|&i| is_word(doc, i))
            .map(|i| lower(doc, i))
            .collect();
        // Pronouns and nominals: the nearest earlier compatible speaker or
        // person.
        if words.len() == 1 && PRONOUNS.contains(&words[0].as_str()) {
            let person = matches!(words[0].as_str(), "he" | "she" | "who" | "i" | "you");
            let r = self.antecedent(at, person, None);
            self.remember(at, &r, person, words);
            return r;
        }
        let caps: Vec<usize> = mention.clone().filter(|&i| name_word(doc, i)).collect();
        if caps.is_empty() && words.len() >= 2 && DETERMINERS.contains(&words[0].as_str()) {
            // "the minister": an earlier speaker whose mention said so.
            let head = words.last().cloned().unwrap_or_default();
            let r = self.antecedent(at, false, Some(&head));
            if r.name.is_some() {
                self.remember(at, &r, true, words);
                return r;
            }
        }
        // A gazetteer entity inside the mention: the last, persons first.
        if let Some((gaz, _)) = self.gaz {
            // The entities are in text order: look only at those that start
            // inside the mention.
            let first = self.entities.partition_point(|m| m.start() < span.start);
            let inside: Vec<&Match> = self.entities[first..]
                .iter()
                .take_while(|m| m.start() < span.end)
                .filter(|m| m.end() <= span.end)
                .collect();
            let pick = inside
                .iter()
                .rev()
                .find(|m| is_person_label(gaz.entry(m.entry()).label()))
                .or_else(|| inside.last());
            if let Some(m) = pick {
                let e = gaz.entry(m.entry());
                let r = Resolved {
                    name: Some(e.name().to_owned()),
                    entity: Some(m.entry()),
                };
                // "a spokeswoman for the agency": a person speaking for it.
                let role = words.iter().any(|w| TITLES.contains(&w.as_str()));
                self.remember(at, &r, is_person_label(e.label()) || role, words);
                return r;
            }
        }
        let name_toks = strip_titles(doc, last_cap_run(doc, mention.clone()));
        let mut name = if name_toks.is_empty() {
            trim_leading_determiner(&doc.text[span])
        } else {
            text_of(doc, name_toks.clone())
        };
        let single = name_toks.len() == 1;
        if single {
            // A surname: the full name used in the document.
            if let Some(full) = self.full_name(&name) {
                name = full;
            }
        }
        let mut entity = None;
        if let Some((gaz, surnames)) = self.gaz {
            let last = last_word(&name).unwrap_or("");
            entity = self
                .person_by_last
                .get(last)
                .copied()
                .or_else(|| surnames.get(last));
            if let Some(id) = entity {
                gaz.entry(id).name().clone_into(&mut name);
            }
        }
        let person = !name_toks.is_empty() || entity.is_some();
        let r = Resolved {
            name: Some(name),
            entity,
        };
        self.remember(at, &r, person && !name_toks.is_empty(), words);
        r
    }

    fn remember(&mut self, at: usize, r: &Resolved, person: bool, words: Vec<String>) {
        if let Some(name) = &r.name {
            note_full_name(&mut self.seen_full, name);
            self.seen.push(Seen {
                at,
                name: name.clone(),
                entity: r.entity,
                person,
                words,
            });
        }
    }

    /// The nearest earlier speaker (a person when `person`; whose mention
    /// holds `head` when given), or gazetteer person before `at`.
    fn antecedent(&self, at: usize, person: bool, head: Option<&str>) -> Resolved {
        let speaker = self
            .seen
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .filter(|s| s.at < at)
            .find(|s| (!person || s.person) && head.is_none_or(|h| s.words.iter().any(|w| w == h)));
        let entity = self.gaz.and_then(|(gaz, _)| {
            // The persons are in text order: start from the last one that
            // starts before `at`.
            let before = self
                .persons
                .partition_point(|&k| self.entities[k].start() < at);
            self.persons[..before]
                .iter()
                .rev()
                .map(|&k| &self.entities[k])
                .find(|m| m.end() <= at)
                .map(|m| (m.start(), m.entry(), gaz.entry(m.entry()).name().to_owned()))
        });
        let from_entity = |e: (usize, EntryId, String)| Resolved {
            name: Some(e.2),
            entity: Some(e.1),
        };
        match (speaker, entity) {
            (Some(s), Some(e)) if head.is_none() && e.0 > s.at => from_entity(e),
            (Some(s), _) => Resolved {
                name: Some(s.name.clone()),
                entity: s.entity,
            },
            (None, Some(e)) if head.is_none() => from_entity(e),
            _ => Resolved::default(),
        }
    }

    fn full_name(&self, surname: &str) -> Option<String> {
        self.seen_full
            .get(surname)
            .or_else(|| self.text_full.get(surname))
            .cloned()
    }
}

fn is_person_label(label: &str) -> bool {
    matches!(label.to_ascii_uppercase().as_str(), "PERSON" | "PER")
}

/// A capitalised word that can be part of a name (not "The" or "He" at the
/// start of a sentence).
fn name_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].is_cap() && {
        let w = lower(doc, i);
        !DETERMINERS.contains(&w.as_str())
            && !PRONOUNS.contains(&w.as_str())
            && !LEADING.contains(&w.as_str())
    }
}

/// The last run of capitalised words (with name glue) in `r`.
fn last_cap_run(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let mut end = r.end;
    while end > r.start && !name_word(doc, end - 1) {
        end -= 1;
    }
    let mut start = end;
    while start > r.start && (name_word(doc, start - 1) || name_glue(doc, start - 1)) {
        start -= 1;
    }
    start..end
}

/// `r` without the titles, roles and glue before the name in it.
fn strip_titles(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let last_title = r
        .clone()
        .rfind(|&i| is_word(doc, i) && TITLES.contains(&lower(doc, i).trim_end_matches('.')));
    let mut start = last_title.map_or(r.start, |t| t + 1);
    while start < r.end && !is_word(doc, start) {
        start += 1;
    }
    start..r.end.max(start)
}

fn text_of(doc: &Doc<'_>, r: Range<usize>) -> String {
    doc.text[doc.span(r)].to_owned()
}

fn trim_leading_determiner(s: &str) -> String {
    let t = s.trim();
    for d in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = t.strip_prefix(d) {
            return rest.to_owned();
        }
    }
    t.to_owned()
}
