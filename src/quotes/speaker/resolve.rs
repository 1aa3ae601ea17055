//! Resolving a speaker mention to a name and a gazetteer entry, in document
//! order: entities inside the mention, pronouns and nominals to earlier
//! speakers, surnames to full names. What a mention names in the document
//! alone is in [`heads`](super::heads); surnames in the gazetteer in
//! [`surnames`](super::surnames).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use super::super::text::Doc;
use super::super::words::{Lex, DETERMINERS, ORG_HEADS, ORG_NOUNS, PREPOSITIONS, PRONOUNS, TITLES};
use super::super::SpeakerVia;
use super::find::{capital, is_word, lower, relative_antecedent};
use super::heads::{
    caps_empty, corporate, document_issuer, document_owner, full_names, head_name, is_org_label,
    is_person_label, is_place_label, kind_after, last_word, leading_words, name_tokens,
    narration_orgs, note_full_name, person_like, plural_noun, possessive_len, role_head,
    same_person, sentence_start, strip_titles, text_of, trim_leading_determiner, DocOrg, Issuer,
    Want, MAX_LOOK_BACK,
};
use super::places::{inside_a_name, place_speaks};
use super::surnames::SurnameIndex;
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

/// Resolves speaker mentions of one document, in document order.
pub(crate) struct Resolver<'a, 'd> {
    doc: &'a Doc<'d>,
    entities: &'a [Match],
    gaz: Option<(&'a Gazetteer, &'a SurnameIndex)>,
    seen: Vec<Seen>,
    /// The first name of two or more words of each last word: among the
    /// speakers seen, and among the runs of capitalised words of the text
    /// (read on the first surname to complete: most texts have none).
    seen_full: HashMap<String, String>,
    text_full: OnceCell<HashMap<String, String>>,
    /// The byte spans of the quotations, marks included, in order.
    quoted: Vec<Range<usize>>,
    /// Indices into `entities` of the persons.
    persons: Vec<usize>,
    /// The first person entity of the text with each last word of its name.
    person_by_last: HashMap<&'a str, EntryId>,
    /// The organisations the narrator names, in text order: corporate
    /// names, names after a kind of organisation, the gazetteer's
    /// organisations; what "the company" refers to when no organisation
    /// has spoken yet. Found on first use (see [`Self::orgs`]).
    orgs: OnceCell<Vec<DocOrg>>,
    /// Names seen as one person's ("he" resolved to them): never what
    /// "it" refers to.
    one_persons: std::collections::HashSet<String>,
}

impl<'a, 'd> Resolver<'a, 'd> {
    pub fn new(
        doc: &'a Doc<'d>,
        entities: &'a [Match],
        gaz: Option<(&'a Gazetteer, &'a SurnameIndex)>,
    ) -> Self {
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
        let in_quotation = |at: usize| in_spans(&quoted, at);
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
            text_full: OnceCell::new(),
            quoted,
            persons,
            person_by_last,
            orgs: OnceCell::new(),
            one_persons: std::collections::HashSet::new(),
        }
    }

    /// The organisations the narration names ([`narration_orgs`]), found
    /// once, when a mention first needs them.
    fn orgs(&self) -> &[DocOrg] {
        self.orgs.get_or_init(|| {
            narration_orgs(self.doc, self.entities, self.gaz, &|at| {
                in_spans(&self.quoted, at)
            })
        })
    }

    /// The first name of two or more words (titles dropped) of each last
    /// word, among the runs of capitalised words of the text; read once,
    /// when a surname is first completed.
    fn text_full(&self) -> &HashMap<String, String> {
        self.text_full.get_or_init(|| full_names(self.doc))
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
        // "Brekke, which argues ...": the name the relative pronoun is for.
        if let Some(antecedent) = relative_antecedent(doc, 0, &mention) {
            return Resolved {
                via: SpeakerVia::Pronoun,
                ..self.resolve(antecedent)
            };
        }
        if words.len() == 1 && PRONOUNS.contains(&words[0].as_str()) {
            return self.resolve_pronoun(mention.start, at, words);
        }
        // "a Holcim statement", "a ministry statement": who issued it.
        if let Some(r) = self.issuer(at, mention.clone()) {
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
        // A place is the speaker only as the whole mention ("Iraq said",
        // "The United States said"), never as a part of it ("a Hong Kong
        // newspaper", "Dealers in Japan", "Chevron USA").
        let whole = whole.filter(|(m, gaz)| place_speaks(gaz, m, &doc.text[m.start()..m.end()]));
        if let Some((m, gaz)) = whole.or_else(|| {
            head.clone()
                .and_then(|h| self.head_entity(span.clone(), h))
                .filter(|(m, gaz)| !is_place_label(gaz.entry(m.entry()).label()))
        }) {
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
            && doc.is(toks.start - 1, Lex::ORG_HEAD | Lex::ORG_NOUN);
        if let Some((full, id)) = self.doc_org(at, name) {
            *name = full;
            return (true, id);
        }
        // "the largest delivery company, UPS, said".
        let kind_apposed = toks.start >= 2
            && doc.toks[toks.start - 1].is_punct(',')
            && is_word(doc, toks.start - 2)
            && ORG_HEADS.contains(&lower(doc, toks.start - 2));
        (
            kind_before || kind_apposed || corporate(name) || kind_after(doc, toks.end),
            None,
        )
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
        let orgs = self.orgs();
        let before = orgs.partition_point(|o| o.at < at);
        let earlier = &orgs[..before];
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
        let orgs = self.orgs();
        let before = orgs.partition_point(|o| o.at < at);
        orgs[..before]
            .iter()
            .rev()
            .take(MAX_LOOK_BACK)
            .find(fits)
            .or_else(|| orgs[before..].iter().take(MAX_LOOK_BACK).find(fits))
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
        // A person or an organisation may be named by a part of the head
        // ("Adel al-Jubeir" by "al-Jubeir", "the French Finance Ministry" by
        // "Finance Ministry"); a place not when it ends a longer name:
        // "Chevron USA" and "Bank of America" are no country.
        inside
            .iter()
            .rev()
            .find(|m| is_person_label(gaz.entry(m.entry()).label()))
            .or_else(|| {
                inside.iter().rev().find(|m| {
                    is_org_label(gaz.entry(m.entry()).label())
                        || !inside_a_name(doc, span.clone(), m)
                })
            })
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
        let orgs = self.orgs();
        let before = orgs.partition_point(|o| o.at < at);
        orgs[..before].last().map_or(r, |o| Resolved {
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

    /// The issuer of the document the mention names (see
    /// [`document_issuer`]): the name or owner before it, resolved; or the
    /// last organisation that spoke or was named with the kind before it
    /// ("the Finance Ministry" for "a ministry statement").
    fn issuer(&mut self, at: usize, mention: Range<usize>) -> Option<Resolved> {
        match document_issuer(self.doc, mention)? {
            // "the Paris statement": a place issues nothing; the mention stays.
            Issuer::Named(owner) => Some(self.resolve(owner)).filter(|r| {
                !r.entity
                    .zip(self.gaz)
                    .is_some_and(|(id, (gaz, _))| is_place_label(gaz.entry(id).label()))
            }),
            Issuer::Kind(kind) => {
                let r = if ORG_HEADS.contains(&kind.as_str()) {
                    self.org_antecedent(at).map(|(name, entity)| Resolved {
                        name: Some(name),
                        entity,
                        via: SpeakerVia::Title,
                    })
                } else {
                    Some(self.antecedent_among(at, Want::Any, Some(&kind), true))
                        .filter(|r| r.name.is_some())
                        .map(|r| Resolved {
                            via: SpeakerVia::Title,
                            ..r
                        })
                }?;
                self.remember_as(at, &r, false, vec![kind], true, true);
                Some(r)
            }
        }
    }

    /// A pronoun's speaker: the nearest earlier compatible speaker or
    /// person.
    fn resolve_pronoun(&mut self, tok: usize, at: usize, words: Vec<String>) -> Resolved {
        let person = matches!(words[0].as_str(), "he" | "she" | "who" | "i" | "you");
        // "it" and "they" refer to an organisation or a group, never
        // to one person.
        let not_one = matches!(words[0].as_str(), "it" | "they");
        let mut r = Resolved {
            via: SpeakerVia::Pronoun,
            ..if words[0] == "it" {
                self.antecedent_of_it(at)
            } else {
                self.antecedent_of(at, person, not_one)
            }
        };
        // "Lind called the vote a mistake, but she noted ...": with no
        // earlier speaker, the name that opens the pronoun's sentence.
        if r.name.is_none() && matches!(words[0].as_str(), "he" | "she") {
            r.name = self.sentence_subject(tok);
        }
        self.remember(at, &r, person, words);
        r
    }

    /// The name that opens the sentence of the token `tok` before it, when
    /// it may be a person's: one to three capitalised words, then a word
    /// (its verb), no organisation's ending nor title alone.
    fn sentence_subject(&self, tok: usize) -> Option<String> {
        let doc = self.doc;
        let from = sentence_start(doc.text, doc.toks[tok].start);
        let first = doc.toks[..tok].partition_point(|t| t.start < from);
        let run = (first..tok)
            .take_while(|&i| {
                capital(doc, i) && !doc.is(i, Lex::DETERMINER | Lex::PRONOUN | Lex::LEADING)
            })
            .count();
        let after = first + run;
        if run == 0 || run > 3 || after >= tok || !is_word(doc, after) || doc.toks[after].is_cap() {
            return None;
        }
        let name = text_of(doc, strip_titles(doc, first..after));
        (!name.is_empty() && !corporate(&name) && !doc.is(after - 1, Lex::TITLE))
            .then(|| self.full_name(&name).unwrap_or(name))
    }

    pub(super) fn full_name(&self, surname: &str) -> Option<String> {
        self.seen_full
            .get(surname)
            .or_else(|| self.text_full().get(surname))
            .cloned()
    }
}

/// Whether byte `at` lies in one of `spans` (in order, never overlapping).
fn in_spans(spans: &[Range<usize>], at: usize) -> bool {
    let k = spans.partition_point(|r| r.start <= at);
    k > 0 && at < spans[k - 1].end
}
