//! What the fuzz targets share: the invariants every result must keep.

use sayso::quotes::Quote;
use sayso::Match;

/// Matches lie inside the text, on character boundaries, are not empty, and
/// come in order of start (then end).
pub fn check_matches(text: &str, matches: &[Match]) {
    let mut last = (0, 0);
    for m in matches {
        let (s, e) = (m.start(), m.end());
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} outside 0..{}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} splits a character"
        );
        assert!(
            (s, e) >= last || s > last.0,
            "matches out of order at {s}..{e}"
        );
        last = (s, e);
    }
}

/// Every span of every quote lies inside the text, on character boundaries;
/// a linked speaker has a name.
pub fn check_quotes(text: &str, quotes: &[Quote]) {
    for q in quotes {
        let c = q.content();
        if q.speaker_entry().is_some() {
            assert!(
                q.speaker().is_some(),
                "a linked speaker without a name"
            );
        }
        for r in [Some(c), q.cue(), q.speaker_mention(), q.source()]
            .into_iter()
            .flatten()
        {
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "span {r:?} outside the text"
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "span {r:?} splits a character"
            );
        }
    }
}
