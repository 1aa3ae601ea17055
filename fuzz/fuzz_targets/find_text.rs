//! Any text, against a gazetteer of awkward names: no panic, and matches
//! inside the text, on character boundaries, in order.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sayso::{CaseMode, Entry, Gazetteer};

fn gazetteers() -> &'static [Gazetteer; 3] {
    static GAZ: OnceLock<[Gazetteer; 3]> = OnceLock::new();
    GAZ.get_or_init(|| {
        let names = [
            "İstanbul",
            "Straße",
            "O'Neill",
            "U.S.",
            "AT&T",
            "C++",
            "São Paulo",
            "Nordvik",
            "Ilse Voss",
            "ǅemal",
            "ΣΟΦΙΑ",
            "x",
            "e\u{301}cole",
            "😀 Club",
            "Aino-Maria",
            "Ola  Lund",
            "x-ray",
            "d'Arc",
        ];
        let entries = || {
            names.iter().enumerate().map(|(i, n)| {
                let e = Entry::new(*n, "X");
                if i % 5 == 0 {
                    e.with_case(CaseMode::Sensitive)
                } else {
                    e
                }
            })
        };
        [
            Gazetteer::builder()
                .build(entries())
                .expect("the names are valid"),
            Gazetteer::builder()
                .fold_diacritics(true)
                .build(entries())
                .expect("valid"),
            // Places in the proper case mode, with the person guard.
            Gazetteer::builder()
                .person_guard(true)
                .build(
                    names
                        .iter()
                        .chain(&["Paris", "Victoria", "Houston", "Mr", "John", "Ilse"])
                        .map(|n| Entry::new(*n, "GPE").with_case(CaseMode::Proper)),
                )
                .expect("valid"),
        ]
    })
}

fuzz_target!(|text: &str| {
    for (i, gaz) in gazetteers().iter().enumerate() {
        let found = gaz.find(text).expect("fuzz texts are short");
        sayso_fuzz::check_matches(text, &found);
        let overlapping = gaz.find_overlapping(text).expect("fuzz texts are short");
        sayso_fuzz::check_matches(text, &overlapping);
        // The person guard reads the matches it is given, so the two sets
        // may differ in what it drops.
        assert!(
            gaz.guards_persons() || found.iter().all(|m| overlapping.contains(m)),
            "a match missing from the overlapping ones (gazetteer {i})"
        );
    }
});
