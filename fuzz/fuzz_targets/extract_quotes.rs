//! Any text: quote extraction, with and without a gazetteer, never panics
//! and gives spans inside the text, on character boundaries; a quote's
//! mentions lie inside its content.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sayso::quotes::{QuoteExtractor, SurnameIndex};
use sayso::{Entry, Gazetteer};

struct Setup {
    quotes: QuoteExtractor,
    gaz: Gazetteer,
    surnames: SurnameIndex,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let gaz = Gazetteer::builder()
            .build([
                Entry::new("Aino Virtanen", "PERSON").with_aliases(["Virtanen"]),
                Entry::new("Paul Ames", "PERSON"),
                Entry::new("Nordvik", "GPE"),
                Entry::new("the agency", "ORG"),
                Entry::new("U.S.", "GPE"),
            ])
            .expect("the names are valid");
        let surnames = SurnameIndex::new(&gaz);
        Setup {
            quotes: QuoteExtractor::new(),
            gaz,
            surnames,
        }
    })
}

fuzz_target!(|text: &str| {
    let s = setup();
    let plain = s.quotes.extract(text, &[], None);
    sayso_fuzz::check_quotes(text, &plain);
    let entities = s.gaz.find(text).expect("fuzz texts are short");
    let linked = s
        .quotes
        .extract(text, &entities, Some((&s.gaz, &s.surnames)));
    sayso_fuzz::check_quotes(text, &linked);
    for q in &linked {
        if let Some(id) = q.speaker_entry() {
            assert!(id.index() < s.gaz.len(), "a speaker linked to no entry");
        }
        // What the quote is about: matches inside its content, in order,
        // never the speaker's mention.
        let mut last = None;
        for k in sayso::about::mentions(q, &entities) {
            let m = &entities[k];
            assert!(q.content().start <= m.start() && m.end() <= q.content().end);
            assert!(last < Some(k), "mentions out of order");
            last = Some(k);
            if let Some(sp) = q.speaker_mention() {
                assert!(
                    m.end() <= sp.start || sp.end <= m.start(),
                    "the speaker's mention"
                );
            }
        }
    }
});
