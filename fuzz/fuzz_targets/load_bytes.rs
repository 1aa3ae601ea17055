//! Any bytes as a saved gazetteer: an error or a gazetteer, never a panic;
//! what loads saves and loads again to the same entries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sayso::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let Ok(gaz) = Gazetteer::from_bytes(data, "<fuzz>") else {
        return;
    };
    let again = Gazetteer::from_bytes(&gaz.to_bytes(), "<fuzz>").expect("saved bytes load");
    let names = |g: &Gazetteer| g.entries().map(|e| e.to_entry()).collect::<Vec<_>>();
    assert_eq!(
        names(&gaz),
        names(&again),
        "a save and load changed the entries"
    );
    let text = gaz
        .entries()
        .map(|e| e.name().to_owned())
        .collect::<Vec<_>>()
        .join(" ");
    if let Ok(found) = gaz.find(&text) {
        sayso_fuzz::check_matches(&text, &found);
    }
});
