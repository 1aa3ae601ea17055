//! What a speaker mention names, read from the document alone: its head (the
//! person of "Ola Voss of Brekke Corp", never the country or party before a
//! name), the organisations the narration names, and the tests on names
//! (a person's, a company's, a plural) that resolution uses.

use std::collections::HashMap;
use std::ops::Range;

use super::super::text::{Doc, Kind, Tok};
use super::super::words::{
    Lex, CORPORATE, DETERMINERS, DOCUMENTS, INSTITUTIONS, ORG_HEADS, ORG_NOUNS, ROLE_NOUNS, TITLES,
};
use super::find::{blank_line_before, capital, is_word, lower, name_glue, name_word};
use super::surnames::SurnameIndex;
use crate::gazetteer::{EntryId, Gazetteer, Match};

/// The organisations the narration names (outside quotations), in text
/// order: corporate names and their short forms, names after a kind of
/// organisation, the gazetteer's organisations.
pub(super) fn narration_orgs(
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
    // The entry of the whole name: not "American" of "American Motors
    // Corp", which names a country.
    let entity_at = |r: &Range<usize>| {
        let s = doc.span(r.clone());
        let end = s.end - possessive_len(&doc.text[s.clone()]);
        let k = entities.partition_point(|m| m.start() < s.start);
        entities[k..]
            .iter()
            .take_while(|m| m.start() == s.start)
            .find(|m| m.end() == end)
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
pub(super) enum Want {
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
pub(super) struct DocOrg {
    pub at: usize,
    pub name: String,
    pub entity: Option<EntryId>,
    /// First in its sentence.
    pub subject: bool,
}

/// Whether the words of `short` open `full` ("Brekke" and "Brekke Mining
/// Corp"; "Ames" and "Ames, Voss and Co"), and it is shorter.
pub(super) fn leading_words(short: &str, full: &str) -> bool {
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
pub(super) fn owner_name(name: &str) -> String {
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

/// Whether an entry's label is a place's ("GPE", "LOC", "LOCATION",
/// "PLACE", "COUNTRY", "CITY", "FAC", "NORP").
pub(super) fn is_place_label(label: &str) -> bool {
    matches!(
        label.to_ascii_uppercase().as_str(),
        "GPE" | "LOC" | "LOCATION" | "PLACE" | "COUNTRY" | "CITY" | "FAC" | "NORP"
    )
}

/// The pronoun that owns a document in a mention ("its annual report" →
/// "it", "his statement" → "he"), if the mention is one.
pub(super) fn document_owner(words: &[String]) -> Option<&'static str> {
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

/// Who issues the document a mention names, when the mention says so.
pub(super) enum Issuer {
    /// A name or a possessive before the document: "a Holcim statement",
    /// "the Farm Board's weekly report" (the tokens to resolve).
    Named(Range<usize>),
    /// A kind of organisation before it: "a ministry statement" (the
    /// organisation's noun).
    Kind(String),
}

/// The issuer of the document that the mention `r` names: "a Holcim
/// statement", "the Farm Board's weekly report", "a ministry statement".
/// `None` when `r` names no document or says nothing of its issuer ("the
/// report", "its report": see [`document_owner`]).
pub(super) fn document_issuer(doc: &Doc<'_>, r: Range<usize>) -> Option<Issuer> {
    let words: Vec<usize> = r.filter(|&i| is_word(doc, i)).collect();
    let (&last, rest) = words.split_last()?;
    if rest.is_empty() || doc.toks[last].is_cap() || !DOCUMENTS.contains(&lower(doc, last)) {
        return None;
    }
    // "the Farm Board's weekly report": the owner, a name or a description.
    if let Some(k) = rest.iter().rposition(|&i| possessive_len(doc.word(i)) > 0) {
        return Some(Issuer::Named(rest[0]..rest[k] + 1));
    }
    // "a Holcim statement": the name before the document (and its adjectives).
    let named: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&i| name_word(doc, i))
        .collect();
    if let (Some(&a), Some(&b)) = (named.first(), named.last()) {
        return (b + 1 - a == named.len()).then(|| Issuer::Named(a..b + 1));
    }
    // "a ministry statement", "a company statement".
    let kind = lower(doc, *rest.last()?);
    (INSTITUTIONS.contains(&kind) || ORG_HEADS.contains(&kind))
        .then(|| Issuer::Kind(kind.to_owned()))
}

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
pub(super) fn org_runs(doc: &Doc<'_>) -> Vec<Range<usize>> {
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
                || (j < n && doc.toks[j].is_punct('.') && corporate(doc.word(j - 1)))
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
            // "Brekke, Brekke Co Ltd's arm": a comma alone sets an
            // apposition apart; "and" or "&" joins the last name.
            let joined = !doc.toks[k].is_punct(',');
            k = plain_end(k + 1);
            // The span's last word is its text's: no copy to test it.
            if joined && corporate(&doc.text[doc.span(i..k)]) {
                j = k;
            }
        }
        let name = &doc.text[doc.span(i..j)];
        let kind_before = i > 0
            && is_word(doc, i - 1)
            && !doc.toks[i - 1].is_cap()
            && doc.is(i - 1, Lex::ORG_HEAD | Lex::ORG_NOUN);
        // Not "Brekke Co Ltd's U.S. arm": a dotted abbreviation after an
        // owner is a place.
        let owned = owned && !name.contains('.');
        if corporate(name) || kind_before || owned {
            out.push(i..j);
        }
        i = j.max(i + 1);
    }
    out
}

/// `h` after its last possessive word when that word ends a company's
/// name: "Brekke Corp's Voss Ferries Ltd" → "Voss Ferries Ltd"; but
/// "Moody's Investors Service Inc" is one name, and "Lind's" alone stays.
pub(super) fn after_possessive(doc: &Doc<'_>, h: Range<usize>) -> Range<usize> {
    let owner = h
        .clone()
        .rev()
        .skip(1)
        .find(|&i| is_word(doc, i) && possessive_len(doc.word(i)) > 0);
    match owner {
        Some(o) if o + 1 < h.end && corporate(doc.word(o)) => o + 1..h.end,
        _ => h,
    }
}

/// `r` without a role noun opening it before a name: "Guitarist Ola
/// Lund" → "Ola Lund".
pub(super) fn strip_roles(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    if r.len() >= 2 && is_word(doc, r.start) && name_word(doc, r.start + 1) {
        let w = lower(doc, r.start);
        if ROLE_NOUNS.contains(&w) || (w.len() > 5 && w.ends_with("ist")) {
            return r.start + 1..r.end;
        }
    }
    r
}

/// Whether the head noun of the mention `r` (the last word before a
/// preposition) is a role: "a spokeswoman for the agency", not "official
/// figures".
pub(super) fn role_head(doc: &Doc<'_>, r: Range<usize>) -> bool {
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
pub(super) fn person_like(name: &str) -> bool {
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
pub(super) fn name_tokens(doc: &Doc<'_>, first: usize, h: Range<usize>) -> Range<usize> {
    let mut h = after_possessive(doc, h);
    // "the Bank of Nordvik": "of" between capitalised words is inside;
    // "and" in an institution's name too ("the Ports and Harbours
    // Authority", not "Lind and Voss").
    let last = lower(doc, h.end - 1);
    let institution = INSTITUTIONS.contains(&last)
        || ORG_NOUNS.contains(&last)
        || CORPORATE.contains(&last)
        || matches!(last, "administration" | "authority");
    // "S and P": initials joined are one name.
    let initial = h.len() == 1 && doc.word(h.start).chars().count() <= 2;
    while h.start >= first + 2
        && (lower(doc, h.start - 1) == "of"
            || ((institution || initial) && matches!(lower(doc, h.start - 1), "and" | "&")))
        && name_word(doc, h.start - 2)
    {
        let before = last_cap_run(doc, first..h.start - 1);
        if before.end != h.start - 1 || h.start - before.start > 8 {
            break;
        }
        h = before.start..h.end;
    }
    // "the Finance Ministry", "the Justice Department": an institution
    // keeps the words that name it, which elsewhere are a title's.
    if institution || corporate(&text_of(doc, h.clone())) {
        return h;
    }
    let name = strip_roles(doc, strip_titles(doc, h.clone()));
    // "The House of Brekke": a title's word that the name's "of" follows
    // is the name's.
    if !name.is_empty() && lower(doc, name.start) == "of" {
        h
    } else {
        name
    }
}

/// Whether no word of `r` is a name's.
pub(super) fn caps_empty(doc: &Doc<'_>, r: Range<usize>) -> bool {
    !r.into_iter().any(|i| name_word(doc, i))
}

/// Whether the capitalised words before "of" at `of` (from `from`) are a
/// person's name, two or three words with no title nor kind of
/// institution among them: "Ola Lund of Brekke Corp", not "Bank of
/// America", "Secretary of State" or "Federal Reserve Bank of Oslo".
pub(super) fn person_of(doc: &Doc<'_>, from: usize, of: usize) -> bool {
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

/// Whether a corporate ending ("Corp", "Inc.", "Ltd") stands right before
/// the word at `j`: a name ends there ("... Tennis Corp. Bally said" is two
/// names).
fn after_corporate_end(doc: &Doc<'_>, j: usize) -> bool {
    let k = if doc.toks[j - 1].is_punct('.') {
        j - 1
    } else {
        j
    };
    k > 0
        && doc.toks[j].kind == Kind::Word
        && is_word(doc, k - 1)
        && corporate(lower(doc, k - 1))
        // "Brekke Corp Ltd" is one name.
        && !corporate(lower(doc, j))
}

/// Whether an appositive after the name ending at `end` says it is an
/// organisation: "Nordvik, the largest ferry firm, said".
pub(super) fn kind_after(doc: &Doc<'_>, end: usize) -> bool {
    if !doc.toks.get(end).is_some_and(|t| t.is_punct(',')) {
        return false;
    }
    let words = (end + 1..doc.toks.len().min(end + 1 + MAX_KIND_APPOSITIVE))
        .take_while(|&i| is_word(doc, i))
        .collect::<Vec<_>>();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    doc.is(first, Lex::DETERMINER)
        && doc.toks.get(last + 1).is_some_and(|t| t.is_punct(','))
        && ORG_HEADS.contains(&lower(doc, last))
}

/// The longest appositive [`kind_after`] reads, in tokens.
const MAX_KIND_APPOSITIVE: usize = 7;

/// The first name of two or more words (titles dropped) of each last word,
/// among the runs of capitalised words of the text: what "Lind" completes
/// to.
pub(super) fn full_names(doc: &Doc<'_>) -> HashMap<String, String> {
    let mut full = HashMap::new();
    let mut i = 0;
    while i < doc.toks.len() {
        // Not "The Danish" nor "But Lind": a name starts at a name's word.
        if doc.toks[i].is_cap() && !doc.is(i, Lex::DETERMINER | Lex::PRONOUN | Lex::LEADING) {
            let mut j = i;
            while j < doc.toks.len()
                && (j == i || !blank_line_before(doc, j))
                && (capital(doc, j) || (j > i && name_glue(doc, j)))
                && !(j > i && after_corporate_end(doc, j))
            {
                j += 1;
            }
            let name = strip_titles(doc, i..j);
            if name.len() >= 2 && name.len() <= 4 {
                note_full_name(&mut full, &text_of(doc, name));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    full
}
