//! Places as speakers: a place speaks only as its government, named as
//! the whole mention ("Iraq said"), never as a part of a longer name
//! ("Chevron USA", "Bank of America"), a city ("Halifax" the bank) or a
//! demonym ("the American").

use std::ops::Range;

use super::super::text::Doc;
use super::super::words::DEMONYM_ENDINGS;
use super::find::{is_word, lower, name_word};
use super::heads::{is_org_label, is_person_label};
use crate::gazetteer::{Gazetteer, Match};

/// Whether the match `m` ends a longer name in the mention at `span`: a
/// name's word or "of" stands right before it ("Chevron USA", "Bank of
/// America").
pub(super) fn inside_a_name(doc: &Doc<'_>, span: Range<usize>, m: &Match) -> bool {
    let k = doc.toks.partition_point(|t| t.start < m.start());
    k > 0
        && doc.toks[k - 1].start >= span.start
        && is_word(doc, k - 1)
        && (lower(doc, k - 1) == "of" || name_word(doc, k - 1))
}

/// Whether the entry matched as `surface` may be a speaker. A place speaks
/// only as its government: a country or a capital ("Iraq said", "Tokyo
/// said"), named as such; not a city ("Halifax said" is the bank), and not
/// through a demonym ("the American said" is a person). The kinds come
/// from the entry's metadata (the built-in gazetteer's `kind`); an entry
/// without one is taken as given.
pub(super) fn place_speaks(gaz: &Gazetteer, m: &Match, surface: &str) -> bool {
    let e = gaz.entry(m.entry());
    if is_person_label(e.label()) || is_org_label(e.label()) {
        return true;
    }
    let Some(kind) = e
        .metadata()
        .and_then(|md| md.get("kind"))
        .and_then(|k| k.as_str())
    else {
        return true;
    };
    let demonym = surface != e.name()
        && surface.chars().any(char::is_lowercase)
        && DEMONYM_ENDINGS.iter().any(|end| surface.ends_with(end));
    matches!(kind, "country" | "capital") && !demonym
}
