//! Resolving a speaker mention to a name and a gazetteer entry, in document
//! order: entities inside the mention, pronouns and nominals to earlier
//! speakers, surnames to full names.

use std::collections::HashMap;
use std::ops::Range;

use super::super::text::{Doc, Tok};
use super::super::words::{Lex, DETERMINERS, PREPOSITIONS, PRONOUNS, TITLES};
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
#[allow(clippy::struct_excessive_bools)] // what is known of one referent, read apart
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
    /// Known to be an organisation: an entry labelled so, a corporate
    /// name ("Brekke Mining Corp"), a name after a kind of organisation
    /// ("the airline Nordvik"), an organisation of the document, or "the
    /// company" resolved to one.
    org: bool,
    /// Names someone ("Eva Lind", "Nordvik Ltd"), not only describes them
    /// ("a spokesman", "officials").
    named: bool,
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
    /// The organisations the narrator names, in text order: corporate
    /// names, names after a kind of organisation, the gazetteer's
    /// organisations; what "the company" refers to when no organisation
    /// has spoken yet.
    orgs: Vec<DocOrg>,
    /// Names seen as one person's ("he" resolved to them): never what
    /// "it" refers to.
    one_persons: std::collections::HashSet<String>,
}

/// The organisations the narration names (outside quotations), in text
/// order: corporate names and their short forms, names after a kind of
/// organisation, the gazetteer's organisations.
fn narration_orgs(
    doc: &Doc<'_>,
    entities: &[Match],
    gaz: Option<(&Gazetteer, &SurnameIndex)>,
    in_quotation: &dyn Fn(usize) -> bool,
) -> Vec<DocOrg> {
    let para_starts: Vec<usize> = doc.paras.iter().map(|p| p.toks.start).collect();
    // A subject: first in its sentence or paragraph ("<Brekke Corp>"
    // too); the likelier referent of "the company".
    let subject = |i: usize| {
        let mut j = i;
        while j > 0 && doc.toks[j - 1].is_punct('<') {
            j -= 1;
        }
        j == 0
            || para_starts.binary_search(&j).is_ok()
            || blank_line_before(doc, j)
            || matches!(doc.toks[j - 1].first, '.' | '!' | '?')
    };
    let entity_at = |r: &Range<usize>| {
        let s = doc.span(r.clone());
        let k = entities.partition_point(|m| m.start() < s.start);
        entities
            .get(k)
            .filter(|m| m.start() == s.start)
            .map(Match::entry)
    };
    let mut orgs: Vec<DocOrg> = Vec::new();
    for r in org_runs(doc) {
        if in_quotation(doc.toks[r.start].start) {
            continue;
        }
        let name = owner_name(&text_of(doc, r.clone()));
        // "Brekke" after "Brekke Mining Corp": its short form.
        let full = orgs
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(|o| leading_words(&name, &o.name))
            .cloned();
        orgs.push(DocOrg {
            at: doc.toks[r.start].start,
            name: full.as_ref().map_or(name, |o| o.name.clone()),
            entity: full.and_then(|o| o.entity).or_else(|| entity_at(&r)),
            subject: subject(r.start),
        });
    }
    if let Some((g, _)) = gaz {
        for m in entities {
            let e = g.entry(m.entry());
            if !is_person_label(e.label()) && is_org_label(e.label()) && !in_quotation(m.start()) {
                let tok = doc.toks.partition_point(|t| t.start < m.start());
                orgs.push(DocOrg {
                    at: m.start(),
                    name: e.name().to_owned(),
                    entity: Some(m.entry()),
                    subject: tok < doc.toks.len() && subject(tok),
                });
            }
        }
        orgs.sort_by_key(|o| (o.at, o.entity.is_none()));
        orgs.dedup_by_key(|o| o.at);
    }
    orgs
}

/// What a pronoun or description may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// "he", "she", "the 52-year-old".
    Person,
    /// "they": never one person.
    Group,
    /// "it": one thing, neither a person nor a plural noun.
    Thing,
    Any,
}

/// An organisation named in the narration.
#[derive(Debug, Clone)]
struct DocOrg {
    at: usize,
    name: String,
    entity: Option<EntryId>,
    /// First in its sentence.
    subject: bool,
}

/// Whether the words of `short` open `full` ("Brekke" and "Brekke Mining
/// Corp"; "Ames" and "Ames, Voss and Co"), and it is shorter.
fn leading_words(short: &str, full: &str) -> bool {
    let mut f = full.split_whitespace().map(|w| w.trim_end_matches(','));
    let mut n = 0;
    for w in short.split_whitespace() {
        if f.next() != Some(w) {
            return false;
        }
        n += 1;
    }
    n > 0 && f.next().is_some()
}

/// `name` without a possessive ending ("Brekke Corp's" → "Brekke Corp").
fn owner_name(name: &str) -> String {
    name[..name.len() - possessive_len(name)].to_owned()
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
        let orgs = narration_orgs(doc, entities, gaz, &in_quotation);
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
            orgs,
            one_persons: std::collections::HashSet::new(),
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
        if let Some(r) = self.description(at, &words, caps_empty(doc, mention.clone())) {
            return r;
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
            let person = is_person_label(e.label());
            self.remember_as(
                at,
                &r,
                person,
                words,
                !person && is_org_label(e.label()),
                true,
            );
            return r;
        }
        let name_toks = head.map_or(0..0, |h| name_tokens(doc, mention.start, h));
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
        // An organisation: a corporate name, a name after the kind of
        // organisation it is ("the airline Nordvik"), or the leading words
        // of one the narration names ("Brekke" for "Brekke Mining Corp"),
        // completed to it.
        let (org, org_entity) = if !name_toks.is_empty() && via == SpeakerVia::Mention {
            self.organisation(at, mention.start, name_toks.clone(), &mut name)
        } else {
            (false, None)
        };
        let mut entity = org_entity;
        if let (Some((gaz, surnames)), false) = (self.gaz, name_toks.is_empty() || org) {
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
        if let (Some(id), Some((gaz, _)), true) = (entity, self.gaz, org) {
            gaz.entry(id).name().clone_into(&mut name);
        }
        // A name, or a role ("a spokeswoman for the agency"; not "official
        // figures"), is a person a later "she" may refer to.
        let role = role_head(doc, mention.clone());
        let person = (!name_toks.is_empty() && !org) || role;
        let r = Resolved {
            name: Some(name),
            entity,
            via,
        };
        self.remember_as(at, &r, person, words, org, !name_toks.is_empty());
        r
    }

    /// Whether the name `name` at tokens `toks` (of a mention from
    /// `first`) is an organisation's: a corporate name, a name after the
    /// kind of organisation it is ("the airline Nordvik"), or one the
    /// narration names, whose full name (and entry) it is then given
    /// ("Brekke" for "Brekke Mining Corp").
    fn organisation(
        &self,
        at: usize,
        first: usize,
        toks: Range<usize>,
        name: &mut String,
    ) -> (bool, Option<EntryId>) {
        let doc = self.doc;
        let kind_before = toks.start > first
            && is_word(doc, toks.start - 1)
            && !doc.toks[toks.start - 1].is_cap()
            && (ORG_HEADS.contains(&lower(doc, toks.start - 1))
                || ORG_NOUNS.contains(&lower(doc, toks.start - 1)));
        if let Some((full, id)) = self.doc_org(at, name) {
            *name = full;
            return (true, id);
        }
        (kind_before || corporate(name), None)
    }

    /// A description ("the company", "the minister", "its annual
    /// report") resolved to what it refers to, if it is one that does.
    fn description(&mut self, at: usize, words: &[String], no_caps: bool) -> Option<Resolved> {
        // "its annual report", "his statement": the owner speaks.
        if let Some(pronoun) = document_owner(words) {
            let person = matches!(pronoun, "he" | "she");
            let r = Resolved {
                via: SpeakerVia::Pronoun,
                ..if pronoun == "it" {
                    self.antecedent_of_it(at)
                } else {
                    self.antecedent_of(at, person, pronoun == "they")
                }
            };
            self.remember(at, &r, person, vec![pronoun.to_owned()]);
            return Some(r);
        }
        let head_word = words.last().cloned().unwrap_or_default();
        // "the company", "the airline", "The GM unit": the organisation
        // last named as a speaker, or else in the narration.
        if words.len() >= 2
            && matches!(words[0].as_str(), "the" | "this")
            && (ORG_HEADS.contains(&head_word.as_str())
                || (no_caps && ORG_NOUNS.contains(&head_word.as_str())))
            && !words.iter().any(|w| PREPOSITIONS.contains(&w.as_str()))
        {
            if let Some((name, entity)) = self.org_antecedent(at) {
                let r = Resolved {
                    name: Some(name),
                    entity,
                    via: SpeakerVia::Title,
                };
                self.remember_as(at, &r, false, words.to_vec(), true, true);
                return Some(r);
            }
        }
        if no_caps && words.len() >= 2 && DETERMINERS.contains(&words[0].as_str()) {
            // "the minister": an earlier named speaker whose mention said
            // so; "the 52-year-old": the last person named.
            let r = Resolved {
                via: SpeakerVia::Title,
                ..if head_word.ends_with("-year-old") {
                    self.antecedent_among(at, Want::Person, None, true)
                } else {
                    self.antecedent_among(at, Want::Any, Some(&head_word), true)
                }
            };
            if r.name.is_some() {
                let org = r.entity.is_some_and(|id| self.entity_is_org(id))
                    || self
                        .seen
                        .iter()
                        .rev()
                        .take(MAX_LOOK_BACK)
                        .any(|s| s.org && Some(&s.name) == r.name.as_ref());
                self.remember_as(at, &r, !org, words.to_vec(), org, true);
                return Some(r);
            }
        }
        None
    }

    /// The organisation "the company" at `at` refers to: the nearest
    /// earlier organisation that spoke, or else the nearest the narration
    /// names before it.
    fn org_antecedent(&self, at: usize) -> Option<(String, Option<EntryId>)> {
        if let Some(s) = self
            .seen
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(|s| s.at < at && s.org && s.named)
        {
            return Some((s.name.clone(), s.entity));
        }
        let before = self.orgs.partition_point(|o| o.at < at);
        let earlier = &self.orgs[..before];
        let o = earlier
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(|o| o.subject)
            .or_else(|| earlier.last())?;
        Some((o.name.clone(), o.entity))
    }

    /// The organisation of the narration whose name `name` is, or whose
    /// leading words it is: the nearest before `at`, else the first after.
    fn doc_org(&self, at: usize, name: &str) -> Option<(String, Option<EntryId>)> {
        let fits = |o: &&DocOrg| o.name == name || leading_words(name, &o.name);
        let before = self.orgs.partition_point(|o| o.at < at);
        self.orgs[..before]
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(fits)
            .or_else(|| self.orgs[before..].iter().take(MAX_LOOK_BACK).find(fits))
            .map(|o| (o.name.clone(), o.entity))
    }

    fn entity_is_org(&self, id: EntryId) -> bool {
        self.gaz
            .is_some_and(|(gaz, _)| is_org_label(gaz.entry(id).label()))
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

    /// Remembers a pronoun's resolution: a speaker of the same kind as
    /// its antecedent.
    pub(super) fn remember(&mut self, at: usize, r: &Resolved, person: bool, words: Vec<String>) {
        let antecedent = self
            .seen
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(|s| r.name.as_ref() == Some(&s.name));
        let org = antecedent.is_some_and(|s| s.org)
            || r.entity.is_some_and(|id| self.entity_is_org(id))
            || (words.len() == 1 && words[0] == "it" && r.name.is_some());
        let named = antecedent.is_some_and(|s| s.named) || r.entity.is_some();
        self.remember_as(at, r, person && !org, words, org, named);
    }

    fn remember_as(
        &mut self,
        at: usize,
        r: &Resolved,
        person: bool,
        words: Vec<String>,
        org: bool,
        named: bool,
    ) {
        if let Some(name) = &r.name {
            let one_person = !org
                && (words
                    .iter()
                    .any(|w| TITLES.contains(&w.as_str()) || w == "he" || w == "she")
                    || r.entity
                        .zip(self.gaz)
                        .is_some_and(|(id, (gaz, _))| is_person_label(gaz.entry(id).label())));
            if one_person && named {
                self.one_persons.insert(name.clone());
            }
            if !org {
                note_full_name(&mut self.seen_full, name);
            }
            self.seen.push(Seen {
                at,
                name: name.clone(),
                entity: r.entity,
                person,
                one_person,
                words,
                org,
                named,
            });
        }
    }

    /// The antecedent of a pronoun; `not_one` for "it" and "they", which
    /// never refer to one person.
    pub(super) fn antecedent_of(&self, at: usize, person: bool, not_one: bool) -> Resolved {
        let want = match (person, not_one) {
            (true, _) => Want::Person,
            (false, true) => Want::Group,
            (false, false) => Want::Any,
        };
        self.antecedent_among(at, want, None, false)
    }

    /// The antecedent of "it": one thing, not a person nor a plural noun
    /// ("three executives").
    pub(super) fn antecedent_of_it(&self, at: usize) -> Resolved {
        let r = self.antecedent_among(at, Want::Thing, None, false);
        if r.name.is_some() {
            return r;
        }
        // No thing has spoken yet: the organisation the narration last
        // named.
        let before = self.orgs.partition_point(|o| o.at < at);
        self.orgs[..before].last().map_or(r, |o| Resolved {
            name: Some(o.name.clone()),
            entity: o.entity,
            via: SpeakerVia::Mention,
        })
    }

    /// The nearest earlier compatible speaker of the kind `want`, whose
    /// mention holds `head` when given, with a name when `named`.
    fn antecedent_among(&self, at: usize, want: Want, head: Option<&str>, named: bool) -> Resolved {
        let person = want == Want::Person;
        let thing = want == Want::Thing;
        let not_one = thing || want == Want::Group;
        let speaker = self
            .seen
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .filter(|s| s.at < at && !(not_one && s.one_person))
            .filter(|s| !(not_one && s.entity.is_none() && self.one_persons.contains(&s.name)))
            // "it" is no "David Hilton" (a name of several words that is
            // no organisation's).
            .filter(|s| !(thing && s.named && s.person && !s.org && person_like(&s.name)))
            // Nor "Analysts", capitalised to open a sentence.
            .filter(|s| {
                !(thing && (plural_noun(&s.name) || (!s.org && plural_noun(&s.words.join(" ")))))
            })
            .filter(|s| !named || s.named)
            .filter(|s| !(person && s.org))
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

/// Whether an entry's label is an organisation's ("ORG", "ORGANIZATION",
/// "ORGANISATION", "COMPANY").
pub(super) fn is_org_label(label: &str) -> bool {
    matches!(
        label.to_ascii_uppercase().as_str(),
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "COMPANY" | "NORP_ORG"
    )
}

/// The pronoun that owns a document in a mention ("its annual report" →
/// "it", "his statement" → "he"), if the mention is one.
fn document_owner(words: &[String]) -> Option<&'static str> {
    let (first, last) = (words.first()?, words.last()?);
    if words.len() < 2 || !DOCUMENTS.contains(&last.as_str()) {
        return None;
    }
    Some(match first.as_str() {
        "its" => "it",
        "his" => "he",
        "her" => "she",
        "their" => "they",
        _ => return None,
    })
}

/// What an organisation or a person issues, whose owner is its source.
const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "filing",
    "letter",
    "website",
    "prospectus",
    "release",
    "announcement",
    "circular",
    "blog",
];

/// Descriptions that refer back to an organisation: "the company", "the
/// airline", "The GM unit".
const ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "concern",
    "corporation",
    "conglomerate",
    "airline",
    "carrier",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "maker",
    "manufacturer",
    "producer",
    "operator",
    "brewer",
    "unit",
    "subsidiary",
    "affiliate",
    "division",
    "utility",
];

/// The last words of corporate names: "Brekke Mining Corp", "Voss & Co.".
const CORPORATE: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "co",
    "cos",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "nv",
    "gmbh",
    "group",
    "holdings",
    "bancorp",
    "airlines",
    "airways",
    "industries",
];

/// Whether `name` ends like a company's ("Brekke Mining Corp", "Voss & Co.").
pub(super) fn corporate(name: &str) -> bool {
    name.split_whitespace().next_back().is_some_and(|w| {
        let w = w.trim_end_matches(['.', ',']);
        let w = &w[..w.len() - possessive_len(w)];
        CORPORATE.iter().any(|c| w.eq_ignore_ascii_case(c))
    })
}

/// The runs of capitalised words that name organisations: corporate names
/// ("Brekke Mining Corp", "Ames, Voss and Co") and names after the kind of
/// organisation they are ("budget airline Nordvik"); a possessive ends a
/// run ("Brekke Corp's Voss unit").
fn org_runs(doc: &Doc<'_>) -> Vec<Range<usize>> {
    let n = doc.toks.len();
    let plain_end = |i: usize| {
        let mut j = i;
        while j < n
            && (j == i || !blank_line_before(doc, j))
            && (name_word(doc, j) || (j > i && name_glue(doc, j)))
        {
            j += 1;
            // "Brekke Corp's", "Voss Ltd. There": an owner, or a sentence
            // end, ends it.
            if possessive_len(doc.word(j - 1)) > 0
                || (corporate(doc.word(j - 1)) && j < n && doc.toks[j].is_punct('.'))
            {
                break;
            }
        }
        while j > i + 1 && !is_word(doc, j - 1) {
            j -= 1;
        }
        j
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < n {
        if !name_word(doc, i) {
            i += 1;
            continue;
        }
        // "Brekke Corp's Voss Ferries": what a company owns is one too.
        let owned = out
            .last()
            .is_some_and(|r| r.end == i && possessive_len(doc.word(r.end - 1)) > 0);
        let mut j = plain_end(i);
        // "Ames, Voss and Co": joined names that end like a company.
        let mut k = j;
        while k + 1 < n
            && k > i
            && possessive_len(doc.word(k - 1)) == 0
            && (doc.toks[k].is_punct(',') || doc.toks[k].is_punct('&') || lower(doc, k) == "and")
            && name_word(doc, k + 1)
        {
            k = plain_end(k + 1);
            if corporate(&text_of(doc, i..k)) {
                j = k;
            }
        }
        let name = text_of(doc, i..j);
        let kind_before = i > 0
            && is_word(doc, i - 1)
            && !doc.toks[i - 1].is_cap()
            && (ORG_HEADS.contains(&lower(doc, i - 1)) || ORG_NOUNS.contains(&lower(doc, i - 1)));
        if corporate(&name) || kind_before || owned {
            out.push(i..j);
        }
        i = j.max(i + 1);
    }
    out
}

/// `h` after its last possessive word: "Brekke Corp's Voss Ferries Ltd" →
/// "Voss Ferries Ltd" (but "Lind's" alone stays).
fn after_possessive(doc: &Doc<'_>, h: Range<usize>) -> Range<usize> {
    let owner = h
        .clone()
        .rev()
        .skip(1)
        .find(|&i| is_word(doc, i) && possessive_len(doc.word(i)) > 0);
    match owner {
        Some(o) if o + 1 < h.end => o + 1..h.end,
        _ => h,
    }
}

/// `r` without a role noun opening it before a name: "Guitarist Ola
/// Lund" → "Ola Lund".
fn strip_roles(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    if r.len() >= 2 && is_word(doc, r.start) && name_word(doc, r.start + 1) {
        let w = lower(doc, r.start);
        if ROLE_NOUNS.contains(&w) || (w.len() > 5 && w.ends_with("ist")) {
            return r.start + 1..r.end;
        }
    }
    r
}

/// Role nouns that open a sentence before a name ("Singer Ola Lund").
const ROLE_NOUNS: &[&str] = &[
    "singer",
    "drummer",
    "actor",
    "actress",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "skipper",
    "captain",
    "boss",
    "manager",
    "producer",
    "writer",
    "novelist",
    "poet",
    "star",
    "veteran",
    "rapper",
    "comedian",
    "presenter",
    "designer",
    "chef",
];

/// Whether the head noun of the mention `r` (the last word before a
/// preposition) is a role: "a spokeswoman for the agency", not "official
/// figures".
fn role_head(doc: &Doc<'_>, r: Range<usize>) -> bool {
    let end = (r.start + 1..r.end)
        .find(|&i| is_word(doc, i) && doc.is(i, Lex::PREPOSITION))
        .unwrap_or(r.end);
    (r.start..end)
        .rev()
        .find(|&i| is_word(doc, i))
        .is_some_and(|i| {
            let w = lower(doc, i);
            TITLES.contains(&w) || may_be_a_person(w)
        })
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
                // "Bank of America", "Secretary of State": inside a name;
                // "Ola Lund of Brekke Corp": a person and an employer.
                && (!(doc.toks[i - 1].is_cap() && doc.toks.get(i + 1).is_some_and(Tok::is_cap))
                    || person_of(doc, r.start, i))
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

/// Whether `name` looks like a person's: two or three capitalised words,
/// none of an institution ("David Hilton", not "Exchange Commission").
fn person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && !DETERMINERS.contains(&w.to_lowercase().as_str())
                && !INSTITUTIONS.contains(&w.to_lowercase().as_str())
                && !CORPORATE.contains(&w.to_lowercase().as_str())
        })
}

/// The name in the head `h` of a mention from `first`: after an owner ("Brekke Mining
/// Corp's Voss Ferries Ltd" → Voss Ferries Ltd), without titles and roles
/// but for a company's ("General Motors Corp" keeps its "General").
fn name_tokens(doc: &Doc<'_>, first: usize, h: Range<usize>) -> Range<usize> {
    let mut h = after_possessive(doc, h);
    // "the Bank of Nordvik": "of" between capitalised words is inside;
    // "and" in an institution's name too ("the Ports and Harbours
    // Authority", not "Lind and Voss").
    let last = lower(doc, h.end - 1);
    let institution = INSTITUTIONS.contains(&last)
        || ORG_NOUNS.contains(&last)
        || CORPORATE.contains(&last)
        || matches!(last, "administration" | "authority");
    while h.start >= first + 2
        && (lower(doc, h.start - 1) == "of"
            || (institution && matches!(lower(doc, h.start - 1), "and" | "&")))
        && name_word(doc, h.start - 2)
    {
        let before = last_cap_run(doc, first..h.start - 1);
        if before.end != h.start - 1 || h.start - before.start > 8 {
            break;
        }
        h = before.start..h.end;
    }
    if corporate(&text_of(doc, h.clone())) {
        h
    } else {
        strip_roles(doc, strip_titles(doc, h))
    }
}

/// Whether no word of `r` is a name's.
fn caps_empty(doc: &Doc<'_>, r: Range<usize>) -> bool {
    !r.into_iter().any(|i| name_word(doc, i))
}

/// Whether the capitalised words before "of" at `of` (from `from`) are a
/// person's name, two or three words with no title nor kind of
/// institution among them: "Ola Lund of Brekke Corp", not "Bank of
/// America", "Secretary of State" or "Federal Reserve Bank of Oslo".
fn person_of(doc: &Doc<'_>, from: usize, of: usize) -> bool {
    let mut start = of;
    while start > from && name_word(doc, start - 1) {
        start -= 1;
    }
    let n = of - start;
    (2..=3).contains(&n)
        && (start..of).all(|i| {
            let w = lower(doc, i);
            !TITLES.contains(&w)
                && !INSTITUTIONS.contains(&w)
                && !ORG_NOUNS.contains(&w)
                && !ORG_HEADS.contains(&w)
                && !CORPORATE.contains(&w)
        })
}

/// Words of institutions' names before "of": "Bank of Oslo", "University
/// of Nordvik".
const INSTITUTIONS: &[&str] = &[
    "university",
    "department",
    "ministry",
    "board",
    "office",
    "chamber",
    "institute",
    "school",
    "college",
    "church",
    "court",
    "council",
    "bureau",
    "exchange",
    "house",
    "society",
    "association",
    "federation",
    "commission",
    "committee",
    "center",
    "centre",
    "fund",
    "museum",
    "academy",
    "league",
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "county",
    "governor",
    "governors",
    "friends",
    "bank",
];

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
