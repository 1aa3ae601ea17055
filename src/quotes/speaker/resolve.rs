//! Resolving a speaker mention to a name and a gazetteer entry, in document
//! order: entities inside the mention, pronouns and nominals to earlier
//! speakers, surnames to full names.

use std::collections::HashMap;
use std::ops::Range;

use super::super::text::{Doc, Tok};
use super::super::words::{Lex, DETERMINERS, PRONOUNS, TITLES};
use super::super::SpeakerVia;
use super::find::{blank_line_before, capital, is_word, lower, name_glue, name_word};
use crate::gazetteer::{EntryId, Gazetteer, Match};

/// A resolved speaker.
#[derive(Debug, Default, Clone)]
pub(crate) struct Resolved {
    pub name: Option<String>,
    pub entity: Option<EntryId>,
    /// How the name was found.
    pub via: SpeakerVia,
}

/// A speaker seen earlier in the document.
#[derive(Debug, Clone)]
struct Seen {
    at: usize,
    name: String,
    entity: Option<EntryId>,
    person: bool,
    /// Known to be one person (a role, a person's entry, "he", "she"): not
    /// what "it" or "they" refers to.
    one_person: bool,
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
            if !is_person_label(e.label()) {
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

    pub(super) fn get(&self, surname: &str) -> Option<EntryId> {
        // Once per quote: a surname in lowercase ASCII needs no copy.
        let found = if surname.is_ascii() && !surname.bytes().any(|b| b.is_ascii_uppercase()) {
            self.map.get(surname)
        } else {
            self.map.get(&surname.to_lowercase())
        };
        found.copied().flatten()
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
pub(super) const MAX_LOOK_BACK: usize = 500;

/// The last word of a name.
pub(super) fn last_word(name: &str) -> Option<&str> {
    name.split_whitespace().next_back()
}

/// Notes `name` under its last word unless a name is there already; a name
/// of one word is its own last word and is not noted.
pub(super) fn note_full_name(map: &mut HashMap<String, String>, name: &str) {
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
                while j < doc.toks.len()
                    && (j == i || !blank_line_before(doc, j))
                    && (capital(doc, j) || (j > i && name_glue(doc, j)))
                {
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
        // The narrator's pronouns refer to persons of the narration: not
        // to one named inside a quotation ("He praised Lind: “Voss was
        // great,” he said" is not Voss speaking).
        let quoted: Vec<Range<usize>> = doc
            .paras
            .iter()
            .flat_map(|p| p.quotes.iter().map(|q| doc.span(q.outer())))
            .collect();
        let in_quotation = |at: usize| {
            let k = quoted.partition_point(|r| r.start <= at);
            k > 0 && at < quoted[k - 1].end
        };
        if let Some((g, _)) = gaz {
            for (k, m) in entities.iter().enumerate() {
                let e = g.entry(m.entry());
                if is_person_label(e.label()) {
                    if !in_quotation(m.start()) {
                        persons.push(k);
                    }
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
            .map(|i| lower(doc, i).to_owned())
            .collect();
        // Pronouns and nominals: the nearest earlier compatible speaker or
        // person.
        if words.len() == 1 && PRONOUNS.contains(&words[0].as_str()) {
            let person = matches!(words[0].as_str(), "he" | "she" | "who" | "i" | "you");
            // "it" and "they" refer to an organisation or a group, never
            // to one person.
            let not_one = matches!(words[0].as_str(), "it" | "they");
            let r = Resolved {
                via: SpeakerVia::Pronoun,
                ..if words[0] == "it" {
                    self.antecedent_of_it(at)
                } else {
                    self.antecedent_of(at, person, not_one)
                }
            };
            self.remember(at, &r, person, words);
            return r;
        }
        let caps: Vec<usize> = mention.clone().filter(|&i| name_word(doc, i)).collect();
        if caps.is_empty() && words.len() >= 2 && DETERMINERS.contains(&words[0].as_str()) {
            // "the minister": an earlier speaker whose mention said so.
            let head = words.last().cloned().unwrap_or_default();
            let r = Resolved {
                via: SpeakerVia::Title,
                ..self.antecedent(at, false, Some(&head))
            };
            if r.name.is_some() {
                self.remember(at, &r, true, words);
                return r;
            }
        }
        // The head of the mention: the name at its end ("Saudi Foreign
        // Minister Adel Jubeir" → Adel Jubeir), or none when a common noun
        // ends it ("a spokeswoman for the agency").
        let head = head_name(doc, mention.clone());
        // A mention that is all a name or alias of an entry, but for a
        // determiner ("the port authority"), has that entry as its head.
        let whole = self.whole_mention_entity(mention.clone());
        if let Some((m, gaz)) =
            whole.or_else(|| head.clone().and_then(|h| self.head_entity(span.clone(), h)))
        {
            let e = gaz.entry(m.entry());
            let r = Resolved {
                name: Some(e.name().to_owned()),
                entity: Some(m.entry()),
                via: SpeakerVia::Gazetteer,
            };
            self.remember(at, &r, is_person_label(e.label()), words);
            return r;
        }
        let name_toks = head.map_or(0..0, |h| strip_titles(doc, h));
        let mut name = if name_toks.is_empty() {
            trim_leading_determiner(&doc.text[span])
        } else {
            let name = text_of(doc, name_toks.clone());
            let owner = name.len() - possessive_len(&name);
            name[..owner].to_owned()
        };
        let single = name_toks.len() == 1;
        let mut via = SpeakerVia::Mention;
        // A surname the document gives in full ("Mr Ames" after "Ola
        // Ames"): that person, whatever else the gazetteer holds.
        let mut from_doc = false;
        if single {
            if let Some(full) = self.full_name(&name) {
                name = full;
                via = SpeakerVia::Surname;
                from_doc = true;
            }
        }
        let mut entity = None;
        if let (Some((gaz, surnames)), false) = (self.gaz, name_toks.is_empty()) {
            let last = last_word(&name).unwrap_or("");
            let candidate = self
                .person_by_last
                .get(last)
                .copied()
                .or_else(|| surnames.get(last));
            // A name of several words (written or completed from the
            // document) links only to an entry of that name; a bare surname
            // to the one person of the text or gazetteer with it.
            entity = candidate
                .filter(|&id| (single && !from_doc) || same_person(gaz.entry(id).name(), &name));
            if let Some(id) = entity {
                gaz.entry(id).name().clone_into(&mut name);
                if single {
                    via = SpeakerVia::Surname;
                }
            }
        }
        // A name, or a role ("a spokeswoman for the agency"), is a person
        // a later "she" may refer to.
        let role = words.iter().any(|w| TITLES.contains(&w.as_str()));
        let person = !name_toks.is_empty() || role;
        let r = Resolved {
            name: Some(name),
            entity,
            via,
        };
        self.remember(at, &r, person, words);
        r
    }

    /// The gazetteer entity whose match is the whole mention `r`, but for
    /// a leading determiner and punctuation: "the port authority" when that
    /// is an alias.
    fn whole_mention_entity(&self, r: Range<usize>) -> Option<(&'a Match, &'a Gazetteer)> {
        let (gaz, _) = self.gaz?;
        let doc = self.doc;
        let mut first = r.start;
        while first < r.end && !is_word(doc, first) {
            first += 1;
        }
        // The entry's name may hold the determiner ("the port authority") or not.
        let mut bare = first;
        while bare < r.end && (!is_word(doc, bare) || doc.is(bare, Lex::DETERMINER)) {
            bare += 1;
        }
        let mut last = r.end;
        while last > bare && !is_word(doc, last - 1) {
            last -= 1;
        }
        if bare >= last {
            return None;
        }
        let (from, to) = (doc.span(first..last), doc.span(bare..last));
        let at = self.entities.partition_point(|m| m.start() < from.start);
        let entities: &'a [Match] = self.entities;
        entities[at..]
            .iter()
            .take_while(|m| m.start() <= to.start)
            .find(|m| (m.start() == from.start || m.start() == to.start) && m.end() == to.end)
            .map(|m| (m, gaz))
    }

    /// The gazetteer entity that is the head `h` of the mention at `span`:
    /// it covers the head's last word and ends with it; an entity of a
    /// modifier (a country, a party, an employer) is not the speaker.
    /// Persons first.
    fn head_entity(
        &self,
        span: Range<usize>,
        h: Range<usize>,
    ) -> Option<(&'a Match, &'a Gazetteer)> {
        let (gaz, _) = self.gaz?;
        let doc = self.doc;
        let hs = doc.span(h.clone());
        // "Lind's" alone: the owner is the speaker.
        let hs = hs.start..hs.end - possessive_len(&doc.text[hs.clone()]);
        let last = doc.span(h.end - 1..h.end);
        let first = self.entities.partition_point(|m| m.start() < span.start);
        let inside: Vec<&'a Match> = self.entities[first..]
            .iter()
            .take_while(|m| m.start() < span.end)
            .filter(|m| m.start() <= last.start && m.end() >= hs.end && m.end() <= span.end)
            .collect();
        inside
            .iter()
            .rev()
            .find(|m| is_person_label(gaz.entry(m.entry()).label()))
            .or_else(|| inside.last())
            .map(|m| (*m, gaz))
    }

    pub(super) fn remember(&mut self, at: usize, r: &Resolved, person: bool, words: Vec<String>) {
        if let Some(name) = &r.name {
            let one_person = words
                .iter()
                .any(|w| TITLES.contains(&w.as_str()) || w == "he" || w == "she")
                || r.entity
                    .zip(self.gaz)
                    .is_some_and(|(id, (gaz, _))| is_person_label(gaz.entry(id).label()));
            note_full_name(&mut self.seen_full, name);
            self.seen.push(Seen {
                at,
                name: name.clone(),
                entity: r.entity,
                person,
                one_person,
                words,
            });
        }
    }

    /// The nearest earlier speaker (a person when `person`; whose mention
    /// holds `head` when given), or gazetteer person before `at`.
    pub(super) fn antecedent(&self, at: usize, person: bool, head: Option<&str>) -> Resolved {
        self.antecedent_among(at, person, false, false, head)
    }

    /// The antecedent of a pronoun; `not_one` for "it" and "they", which
    /// never refer to one person.
    pub(super) fn antecedent_of(&self, at: usize, person: bool, not_one: bool) -> Resolved {
        self.antecedent_among(at, person, not_one, false, None)
    }

    /// The antecedent of "it": one thing, not a person nor a plural noun
    /// ("three executives").
    pub(super) fn antecedent_of_it(&self, at: usize) -> Resolved {
        self.antecedent_among(at, false, true, true, None)
    }

    fn antecedent_among(
        &self,
        at: usize,
        person: bool,
        not_one: bool,
        thing: bool,
        head: Option<&str>,
    ) -> Resolved {
        let speaker = self
            .seen
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .filter(|s| s.at < at && !(not_one && s.one_person))
            .filter(|s| !(thing && plural_noun(&s.name)))
            .find(|s| (!person || s.person) && head.is_none_or(|h| s.words.iter().any(|w| w == h)));
        let entity = self.gaz.filter(|_| !not_one).and_then(|(gaz, _)| {
            // The persons are in text order: start from the last one that
            // starts before `at`.
            let before = self
                .persons
                .partition_point(|&k| self.entities[k].start() < at);
            let nearest = self.persons[..before]
                .iter()
                .rposition(|&k| self.entities[k].end() <= at)?;
            // The subject is the likelier antecedent: the first person of
            // the sentence of the nearest one ("Ames admired Voss's work.
            // He said" is Ames speaking).
            let from = sentence_start(self.doc.text, self.entities[self.persons[nearest]].start());
            let first = (0..=nearest)
                .rev()
                .take(MAX_LOOK_BACK)
                .take_while(|&j| self.entities[self.persons[j]].start() >= from)
                .last()
                .unwrap_or(nearest);
            let m = &self.entities[self.persons[first]];
            Some((m.start(), m.entry(), gaz.entry(m.entry()).name().to_owned()))
        });
        let from_entity = |e: (usize, EntryId, String)| Resolved {
            name: Some(e.2),
            entity: Some(e.1),
            via: SpeakerVia::Mention,
        };
        match (speaker, entity) {
            (Some(s), Some(e)) if head.is_none() && e.0 > s.at => from_entity(e),
            (Some(s), _) => Resolved {
                name: Some(s.name.clone()),
                entity: s.entity,
                via: SpeakerVia::Mention,
            },
            (None, Some(e)) if head.is_none() => from_entity(e),
            _ => Resolved::default(),
        }
    }

    pub(super) fn full_name(&self, surname: &str) -> Option<String> {
        self.seen_full
            .get(surname)
            .or_else(|| self.text_full.get(surname))
            .cloned()
    }
}

/// Where the sentence holding byte `at` starts: after the last `.`, `!`,
/// `?` or line break before it, looking back at most 600 bytes.
pub(super) fn sentence_start(text: &str, at: usize) -> usize {
    let mut floor = at.saturating_sub(600);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    text[floor..at]
        .rfind(['.', '!', '?', '\n'])
        .map_or(floor, |p| floor + p + 1)
}

/// Whether `name` ends with a lowercase plural noun ("three executives"),
/// not a name ("Qantas") nor a singular in -ss or -us ("the press").
pub(super) fn plural_noun(name: &str) -> bool {
    name.split_whitespace().next_back().is_some_and(|w| {
        w.starts_with(char::is_lowercase)
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("'s")
            && !w.ends_with("\u{2019}s")
    })
}

/// Whether a lowercase noun may name a person or a group of people ("a
/// lawyer", "the wife", "a translator"), by its ending or a short list.
pub(super) fn may_be_a_person(w: &str) -> bool {
    ["er", "or", "ist", "man", "woman", "ian", "ee"]
        .iter()
        .any(|e| w.ends_with(e))
        || [
            "wife",
            "husband",
            "son",
            "daughter",
            "friend",
            "family",
            "staff",
            "team",
            "aide",
            "camp",
            "side",
            "partner",
            "counsel",
            "student",
            "resident",
            "agent",
            "assistant",
            "correspondent",
            "consultant",
            "accountant",
            "opponent",
            "parent",
            "client",
        ]
        .contains(&w)
}

/// The length in bytes of a possessive ending ("'s", "’s", "s'") of `name`,
/// or 0.
pub(super) fn possessive_len(name: &str) -> usize {
    ["'s", "\u{2019}s"]
        .iter()
        .find(|p| name.len() > p.len() && name.ends_with(*p))
        .map_or(0, |p| p.len())
}

pub(super) fn is_person_label(label: &str) -> bool {
    label.eq_ignore_ascii_case("PERSON") || label.eq_ignore_ascii_case("PER")
}

/// The name that heads the mention `r`: the last run of capitalised words
/// of its first noun phrase (up to a preposition that opens a lowercase
/// phrase: "a spokesman for the ministry"), when that phrase ends with it;
/// `None` when a common noun heads it ("a spokesman", "Bank of America
/// subsidiaries").
pub(super) fn head_name(doc: &Doc<'_>, r: Range<usize>) -> Option<Range<usize>> {
    let phrase_end = (r.start + 1..r.end)
        .find(|&i| {
            is_word(doc, i)
                && doc.is(i, Lex::PREPOSITION)
                // "Bank of America", "Secretary of State": inside a name.
                && !(doc.toks[i - 1].is_cap() && doc.toks.get(i + 1).is_some_and(Tok::is_cap))
        })
        .unwrap_or(r.end);
    // "spokeswoman for women Sandra Gidley": a name that ends the mention
    // after the preposition's own object is the speaker, in apposition;
    // "a spokesman for the Lind Group" is its object.
    let mut last = r.end;
    while last > phrase_end && !is_word(doc, last - 1) {
        last -= 1;
    }
    let object_start =
        (phrase_end + 1..last).find(|&i| is_word(doc, i) && !doc.is(i, Lex::DETERMINER));
    if let Some(o) = object_start.filter(|_| last > phrase_end + 1) {
        if !name_word(doc, o) && name_word(doc, last - 1) {
            let run = last_cap_run(doc, r.start..last);
            if !run.is_empty() && run.start > o {
                return Some(run);
            }
        }
    }
    let mut end = phrase_end;
    while end > r.start && !is_word(doc, end - 1) {
        end -= 1;
    }
    if end == r.start {
        return None;
    }
    if !name_word(doc, end - 1) {
        // "the Lindberg news agency": a name before the kind of
        // organisation it is names it; "Lind's statement", a thing of a
        // person, is the owner's (but "Lind's aide" and "Lind's aides" are
        // other people).
        let mut k = end - 1;
        while k > r.start && end - k <= 3 && is_word(doc, k - 1) && !name_word(doc, k - 1) {
            k -= 1;
        }
        if k == r.start || !name_word(doc, k - 1) {
            return None;
        }
        let nouns: Vec<&str> = (k..end).map(|i| lower(doc, i)).collect();
        let owned = possessive_len(doc.word(k - 1)) > 0;
        let org = !owned && ORG_NOUNS.contains(&lower(doc, end - 1));
        let thing = owned
            && nouns
                .iter()
                .all(|w| !TITLES.contains(w) && !w.ends_with('s') && !DETERMINERS.contains(w))
            && !nouns.last().is_some_and(|w| may_be_a_person(w));
        if !(org || thing) {
            return None;
        }
        end = k;
    }
    let run = last_cap_run(doc, r.start..end);
    (!run.is_empty()).then_some(run)
}

/// Whether a gazetteer entry's name and a name from the text name the same
/// person: equal, or one the other with more first names ("Ola Ames" and
/// "Ames"), ignoring case.
pub(super) fn same_person(entry: &str, name: &str) -> bool {
    // Once per linked quote: ASCII names (nearly all) are compared without
    // lowercased copies.
    if entry.is_ascii() && name.is_ascii() {
        let ends_with_word = |long: &str, short: &str| {
            long.len() > short.len()
                && long.as_bytes()[long.len() - short.len() - 1] == b' '
                && long[long.len() - short.len()..].eq_ignore_ascii_case(short)
        };
        return entry.eq_ignore_ascii_case(name)
            || ends_with_word(entry, name)
            || ends_with_word(name, entry);
    }
    let (e, n) = (entry.to_lowercase(), name.to_lowercase());
    e == n || e.ends_with(&format!(" {n}")) || n.ends_with(&format!(" {e}"))
}

/// Kinds of organisation a name before them names: "the Lindberg news
/// agency".
const ORG_NOUNS: &[&str] = &[
    "agency",
    "service",
    "company",
    "firm",
    "group",
    "newspaper",
    "bank",
    "network",
    "channel",
    "broadcaster",
    "ministry",
    "party",
    "union",
    "daily",
    "magazine",
    "website",
    "television",
];

/// The last run of capitalised words (with name glue) in `r`.
pub(super) fn last_cap_run(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let mut end = r.end;
    while end > r.start && !name_word(doc, end - 1) {
        end -= 1;
    }
    let mut start = end;
    while start > r.start
        && !blank_line_before(doc, start)
        && (name_word(doc, start - 1) || name_glue(doc, start - 1))
    {
        start -= 1;
    }
    start..end
}

/// `r` without the titles, roles and glue before the name in it.
pub(super) fn strip_titles(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let last_title = r.clone().rfind(|&i| doc.is(i, Lex::TITLE));
    let mut start = last_title.map_or(r.start, |t| t + 1);
    while start < r.end && !is_word(doc, start) {
        start += 1;
    }
    start..r.end.max(start)
}

/// The text of `r`, its white space (a wrapped line's break) one space.
pub(super) fn text_of(doc: &Doc<'_>, r: Range<usize>) -> String {
    doc.text[doc.span(r)]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn trim_leading_determiner(s: &str) -> String {
    let t = s.trim();
    for d in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = t.strip_prefix(d) {
            return rest.to_owned();
        }
    }
    t.to_owned()
}
