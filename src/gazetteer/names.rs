//! First names with their gender, and surnames, for the person guard and for
//! anyone who needs to tell a name's gender (pronoun resolution).
//!
//! The list is Faker's person data (MIT licence): first names of 22
//! Latin-script locales, surnames of the English-language ones, built by
//! `tools/build_person_names.py` into `python/sayso/data/person_names.tsv`
//! and compiled in.
//!
//! ```
//! use sayso::gazetteer::names::{first_name_gender, is_surname, Gender};
//!
//! assert_eq!(first_name_gender("Victoria"), Some(Gender::Female));
//! assert_eq!(first_name_gender("CHARLES"), Some(Gender::Male));
//! assert_eq!(first_name_gender("Kennedy"), None);
//! assert!(is_surname("Kennedy"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The gender a first name is given in the lists.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Found only in lists of male names.
    Male,
    /// Found only in lists of female names.
    Female,
    /// Found in both ("Jordan", "Andrea").
    Either,
}

const DATA: &str = include_str!("../../python/sayso/data/person_names.tsv");

/// Name → (gender if a first name, whether a surname).
fn table() -> &'static HashMap<&'static str, (Option<Gender>, bool)> {
    static TABLE: OnceLock<HashMap<&'static str, (Option<Gender>, bool)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DATA.lines()
            .filter_map(|line| {
                let mut f = line.split('\t');
                let (name, first, sur) = (f.next()?, f.next()?, f.next()?);
                let gender = match first {
                    "m" => Some(Gender::Male),
                    "f" => Some(Gender::Female),
                    "u" => Some(Gender::Either),
                    _ => None,
                };
                Some((name, (gender, sur == "s")))
            })
            .collect()
    })
}

/// Looks `name` up as written, then capitalised ("JOHN", "john" → "John").
fn lookup(name: &str) -> Option<(Option<Gender>, bool)> {
    let t = table();
    if let Some(&v) = t.get(name) {
        return Some(v);
    }
    let mut chars = name.chars();
    let first = chars.next()?;
    let cap: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    t.get(cap.as_str()).copied()
}

/// The gender of a first name, or `None` when it is not in the list. Case
/// is ignored ("VICTORIA" is "Victoria").
pub fn first_name_gender(name: &str) -> Option<Gender> {
    lookup(name).and_then(|(g, _)| g)
}

/// Whether `name` is in the list of first names (case ignored).
pub fn is_first_name(name: &str) -> bool {
    first_name_gender(name).is_some()
}

/// Whether `name` is in the list of surnames (case ignored).
pub fn is_surname(name: &str) -> bool {
    lookup(name).is_some_and(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders_and_surnames() {
        assert_eq!(first_name_gender("John"), Some(Gender::Male));
        assert_eq!(first_name_gender("victoria"), Some(Gender::Female));
        assert_eq!(first_name_gender("Jordan"), Some(Gender::Either));
        assert_eq!(first_name_gender("Vladimir"), Some(Gender::Male));
        assert_eq!(first_name_gender("Houston"), None);
        assert_eq!(first_name_gender(""), None);
        assert!(is_surname("Hamilton") && is_surname("HILTON"));
        assert!(!is_surname("Putin") && !is_first_name("Putin"));
        assert!(table().len() > 8000);
    }
}
