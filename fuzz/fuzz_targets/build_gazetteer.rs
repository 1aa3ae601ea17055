//! Any entries either build a gazetteer or give an error; a built gazetteer
//! finds each of its own names in a text made of them, keeps its invariants,
//! and survives a save and load unchanged.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sayso::{CaseMode, Entry, Gazetteer};

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<(String, String, Vec<String>, bool)>,
    fold_diacritics: bool,
    glue: String,
}

fuzz_target!(|input: Input| {
    let entries = input
        .entries
        .iter()
        .map(|(name, label, aliases, sensitive)| {
            let case = if *sensitive {
                CaseMode::Sensitive
            } else {
                CaseMode::Insensitive
            };
            Entry::new(name.clone(), label.clone())
                .with_aliases(aliases.iter().cloned())
                .with_case(case)
        });
    let Ok(gaz) = Gazetteer::builder()
        .fold_diacritics(input.fold_diacritics)
        .build(entries)
    else {
        return;
    };
    let text: String = input
        .entries
        .iter()
        .map(|(name, ..)| name.as_str())
        .collect::<Vec<_>>()
        .join(&format!(" {} ", input.glue));
    let found = gaz.find(&text).expect("short texts are matched");
    sayso_fuzz::check_matches(&text, &found);
    let overlapping = gaz
        .find_overlapping(&text)
        .expect("short texts are matched");
    sayso_fuzz::check_matches(&text, &overlapping);
    let again = Gazetteer::from_bytes(&gaz.to_bytes(), "<fuzz>").expect("saved bytes load");
    assert_eq!(
        again.find(&text).expect("matched"),
        found,
        "a loaded copy matches otherwise"
    );
});
