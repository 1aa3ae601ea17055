//! Gazetteer entries by surname, built once per gazetteer, so that "Mr Lind"
//! links to the one PERSON entry named Lind.

use std::collections::HashMap;

use super::heads::is_person_label;
use crate::gazetteer::{EntryId, Gazetteer};

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
