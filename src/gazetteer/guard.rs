//! The person guard: matches of places that are part of a person's name.
//!
//! Many place names are also names of people: "Charles Kennedy" is not the
//! Colombian city of Kennedy, nor "President Vladimir Putin" the Russian
//! city of Vladimir. The guard reads the text's own evidence and drops such
//! matches of place-like entries (labels in [`PLACE_LABELS`]); it runs after
//! matching, in one pass over the words of the text, and keeps the matching
//! linear.
//!
//! A match is dropped when
//!
//! 1. **a given name precedes it**: the word before it is a first name of
//!    [`names`](super::names) ("Charles Kennedy", "John F. Kennedy") and the
//!    match is a known surname or a first name, or the text uses it as a
//!    person's name elsewhere ("Chase Manhattan" stays); a first name that
//!    begins a sentence counts only when the text never uses it as a
//!    lower-case word ("Will" does not count where "will" occurs). A name
//!    particle counts as a given name before a known name ("del Rosario");
//! 2. **a title precedes it**: "Mr Kennedy", "President Putin", "Queen
//!    Victoria";
//! 3. **it is a given name itself**: it is a first name, the next word is a
//!    capitalised name, and either a title or a role ("actress", "striker")
//!    comes before, or that next word is a known surname, or the text uses
//!    it alone as a speaker ("Putin said", "said Putin") or after a title
//!    ("Mr Putin"); or a middle initial follows ("Israel G. Grossman").
//!    The surname that follows is dropped with it when it is a place too
//!    ("Victoria Hamilton");
//! 4. **the text names a person so** elsewhere: the same word follows a
//!    given name or a title somewhere in the text ("Charles Kennedy ...
//!    Kennedy said"), the match is the entry's own name (not an alias such
//!    as the demonym "French"), and it does not follow a preposition of
//!    place ("in Kennedy") nor precede a comma and a capitalised word
//!    ("Houston, Texas").
//!
//! A place that merely follows a name stays a place: "Paris, France" and
//! "Houston, Texas" are kept; "Paris Hilton" is not a place.

use std::collections::HashSet;

use super::{fold::is_word_char, names, Gazetteer, Match};

/// Labels the guard applies to, compared without case.
pub const PLACE_LABELS: &[&str] = &["GPE", "LOC", "FAC", "PLACE", "LOCATION", "CITY", "COUNTRY"];

/// Titles that stand before a person's name, as written.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "President",
    "Senator",
    "Sen",
    "Rep",
    "Gov",
    "Governor",
    "Judge",
    "Justice",
    "Professor",
    "Prof",
    "Chancellor",
    "Minister",
    "Secretary",
    "Gen",
    "Colonel",
    "Col",
    "Captain",
    "Capt",
    "Lieutenant",
    "Lt",
    "Sergeant",
    "Sgt",
    "Admiral",
    "Pope",
    "Rev",
    "Reverend",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Mayor",
    "Ambassador",
    "Commissioner",
    "Chairman",
    "Premier",
    "Speaker",
    "Detective",
    "Inspector",
    "Coach",
    "Mme",
    "Mlle",
    "Herr",
    "Frau",
    "Signor",
    "Señor",
    "Senhor",
];

/// Lower-case roles that stand before a person's full name.
const ROLES: &[&str] = &[
    "actor",
    "actress",
    "singer",
    "star",
    "striker",
    "midfielder",
    "defender",
    "winger",
    "goalkeeper",
    "keeper",
    "forward",
    "captain",
    "skipper",
    "coach",
    "manager",
    "boss",
    "chairman",
    "chairwoman",
    "director",
    "executive",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "minister",
    "secretary",
    "president",
    "chancellor",
    "author",
    "writer",
    "novelist",
    "journalist",
    "presenter",
    "host",
    "comedian",
    "rapper",
    "musician",
    "guitarist",
    "drummer",
    "producer",
    "designer",
    "model",
    "player",
    "champion",
    "analyst",
    "economist",
    "colleague",
    "rival",
    "partner",
    "husband",
    "wife",
    "son",
    "daughter",
    "brother",
    "sister",
    "father",
    "mother",
    "girlfriend",
    "boyfriend",
    "mp",
    "MP",
    "candidate",
    "tenor",
    "soprano",
    "artist",
    "photographer",
    "chef",
    "lawyer",
    "judge",
    "prosecutor",
    "officer",
    "detective",
    "founder",
    "investor",
    "boxer",
    "golfer",
    "jockey",
    "trainer",
    "cyclist",
    "sprinter",
    "athlete",
    "driver",
];

/// Reporting verbs: a capitalised word just before one is a speaker.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "argued",
    "argues",
    "insisted",
    "insists",
    "warned",
    "warns",
    "explained",
    "admitted",
    "claimed",
    "claims",
    "stated",
    "noted",
    "replied",
    "wrote",
    "writes",
    "asked",
    "announced",
    "confirmed",
    "denied",
    "revealed",
    "suggested",
    "believes",
    "thinks",
    "acknowledged",
    "commented",
    "urged",
    "stressed",
];

/// Particles of family names ("del Rosario", "van Houten").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "di", "dos", "das", "van", "von", "der", "bin", "ibn",
];

/// Prepositions after which a name is a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "near", "of", "via", "across", "outside", "around", "into",
    "towards", "toward", "through", "across", "inside",
];

/// Reusable buffers of the guard.
#[derive(Debug, Default)]
pub struct GuardScratch {
    drop: Vec<bool>,
}

/// A word of the text: its byte span.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The word that ends just before `pos`, across one space (or no-break
/// space), and whether a full stop ended it ("Mr. Kennedy").
fn word_before(text: &str, pos: usize) -> Option<(Word, bool)> {
    let before = &text[..pos];
    let mut it = before.char_indices().rev();
    let (i, c) = it.next()?;
    if c != ' ' && c != '\u{a0}' {
        return None;
    }
    let mut end = i;
    let mut dotted = false;
    if before[..end].ends_with('.') {
        end -= 1;
        dotted = true;
    }
    let start = before[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(j, _)| j)?;
    Some((Word { start, end }, dotted))
}

/// The word that starts just after `pos`, across one space.
fn word_after(text: &str, pos: usize) -> Option<Word> {
    let rest = &text[pos..];
    let mut chars = rest.chars();
    let c = chars.next()?;
    if c != ' ' && c != '\u{a0}' {
        return None;
    }
    let start = pos + c.len_utf8();
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(Word {
        start,
        end: start + len,
    })
}

/// Whether the text before `pos` ends a sentence (or there is none).
fn sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        if c == '\n' || c == '\r' {
            return true;
        }
        if c.is_whitespace() {
            continue;
        }
        return matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '“' | '‘' | '\'' | '('
        );
    }
    true
}

/// What the text tells of its names, gathered in one pass over its words.
struct Evidence<'t> {
    /// Capitalised words after a title ("Mr Putin").
    titled: HashSet<&'t str>,
    /// Capitalised words used alone as speakers ("Putin said", "said
    /// Putin"), not after another capitalised word ("Israel Radio said").
    speakers: HashSet<&'t str>,
    /// Words the text writes in lower case.
    lower: HashSet<&'t str>,
}

fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| match (is_word_char(c), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some(Word { start: s, end: i })
            }
            _ => None,
        })
}

impl<'t> Evidence<'t> {
    fn gather(text: &'t str) -> Evidence<'t> {
        let mut ev = Evidence {
            titled: HashSet::new(),
            speakers: HashSet::new(),
            lower: HashSet::new(),
        };
        let mut prev: Option<(Word, &'t str)> = None;
        for w in words(text) {
            let s = &text[w.start..w.end];
            if s.chars().next().is_some_and(char::is_lowercase) {
                ev.lower.insert(s);
            }
            if let Some((p, ps)) = prev {
                let sep = &text[p.end..w.start];
                let near = sep == " " || sep == "\u{a0}" || (sep == ". " && ps.len() <= 4);
                if near && is_capitalised(s) && in_list(TITLES, ps) {
                    ev.titled.insert(s);
                }
                if sep == " " && in_list(SPEECH, s) && is_capitalised(ps) {
                    let alone = word_before(text, p.start).is_none_or(|(q, _)| {
                        !is_capitalised(&text[q.start..q.end])
                            || in_list(TITLES, &text[q.start..q.end])
                    });
                    if alone {
                        ev.speakers.insert(ps);
                    }
                }
                if sep == " " && (ps == "said" || ps == "says") && is_capitalised(s) {
                    let after = text[w.end..].chars().next();
                    if after.is_none_or(|c| !c.is_alphanumeric() && c != ' ') {
                        ev.speakers.insert(s);
                    }
                }
            }
            prev = Some((w, s));
        }
        ev
    }

    /// Whether the word at `w` is a given name here.
    fn is_given_name(&self, text: &str, w: Word) -> bool {
        let s = &text[w.start..w.end];
        if !is_capitalised(s) || !names::is_first_name(s) {
            return false;
        }
        if sentence_start(text, w.start) {
            let lower = s.to_lowercase();
            return !self.lower.contains(lower.as_str());
        }
        true
    }
}

/// What the guard learns of the text's names as it goes.
#[derive(Default)]
struct People<'t> {
    /// Words the text uses as surnames: after a title, or after a given
    /// name when they are known names.
    surnames: HashSet<&'t str>,
    /// Starts of place matches found to be given names.
    given: HashSet<usize>,
    /// Starts of words that follow a given name.
    family: HashSet<usize>,
}

/// Whether `s` is a name the lists or the text know as a person's.
fn known_name(ev: &Evidence<'_>, s: &str) -> bool {
    names::is_surname(s)
        || names::is_first_name(s)
        || ev.titled.contains(s)
        || ev.speakers.contains(s)
}

impl<'t> People<'t> {
    /// Rule 3: place matches that are given names, and the surnames after
    /// them; marks the given names in `drop`.
    fn given_names(
        &mut self,
        gaz: &Gazetteer,
        text: &'t str,
        ev: &Evidence<'t>,
        found: &[(usize, Match)],
        drop: &mut [bool],
    ) {
        for &(i, m) in found {
            let w = Word {
                start: m.start,
                end: m.end,
            };
            if gaz.entry(m.entry).name() != &text[m.start..m.end] || !ev.is_given_name(text, w) {
                continue;
            }
            let Some(next) = word_after(text, m.end) else {
                continue;
            };
            let ns = &text[next.start..next.end];
            // A middle initial: "Israel G. Grossman".
            let initial = ns.chars().count() == 1
                && is_capitalised(ns)
                && text[next.end..].starts_with(". ")
                && word_after(text, next.end + 1)
                    .is_some_and(|w| is_capitalised(&text[w.start..w.end]));
            if initial {
                drop[i] = true;
                self.given.insert(m.start);
                continue;
            }
            if !is_capitalised(ns) || in_list(TITLES, ns) {
                continue;
            }
            let titled = word_before(text, m.start).is_some_and(|(p, d)| {
                let ps = &text[p.start..p.end];
                is_title(ps, d) || (!d && in_list(ROLES, ps))
            });
            // A word the text also writes in lower case ("Valley", "Radio")
            // is no surname, unless a title stands before it somewhere.
            let common = ev.lower.contains(ns.to_lowercase().as_str());
            let known = ev.titled.contains(ns)
                || (!common && (ev.speakers.contains(ns) || names::is_surname(ns)));
            if titled || known {
                drop[i] = true;
                self.given.insert(m.start);
                self.family.insert(next.start);
                self.surnames.insert(ns);
            }
        }
    }

    /// The words after given names that are no (kept) places.
    fn family_names(&mut self, text: &'t str, ev: &Evidence<'t>, place_at: &HashSet<usize>) {
        for w in words(text) {
            let s = &text[w.start..w.end];
            if !is_capitalised(s) {
                continue;
            }
            let Some((p, dotted)) = word_before(text, w.start) else {
                continue;
            };
            // After a full stop, only a middle initial ("John F. Kennedy").
            let p = if dotted {
                let Some(p) = skip_initial(text, p) else {
                    continue;
                };
                p
            } else {
                p
            };
            if (!place_at.contains(&p.start) || self.given.contains(&p.start))
                && ev.is_given_name(text, p)
            {
                if known_name(ev, s) {
                    self.surnames.insert(s);
                }
                self.family.insert(w.start);
            }
        }
    }

    /// Rules 1, 2 and 4 for the place match `m`.
    fn drops(&self, gaz: &Gazetteer, text: &str, ev: &Evidence<'_>, m: Match) -> bool {
        let s = &text[m.start..m.end];
        let known = known_name(ev, s);
        // Rules 1 and 2: a given name or a title just before.
        if self.family.contains(&m.start) && known {
            return true;
        }
        if let Some((p, d)) = word_before(text, m.start) {
            let ps = &text[p.start..p.end];
            if is_title(ps, d) || (!d && known && in_list(PARTICLES, ps)) {
                return true;
            }
        }
        // Rule 4: the text names a person so elsewhere.
        if !self.surnames.contains(s) || gaz.entry(m.entry).name() != s {
            return false;
        }
        let after_preposition = word_before(text, m.start)
            .is_some_and(|(p, d)| !d && in_list(PLACE_PREPOSITIONS, &text[p.start..p.end]));
        let before_place = text[m.end..].starts_with(", ")
            && word_after(text, m.end + 1).is_some_and(|w| is_capitalised(&text[w.start..w.end]));
        !after_preposition && !before_place
    }
}

/// Drops, from `out[first..]`, the matches the text shows to be part of a
/// person's name.
pub(crate) fn apply(
    gaz: &Gazetteer,
    text: &str,
    first: usize,
    out: &mut Vec<Match>,
    scratch: &mut GuardScratch,
) {
    let guarded = |m: &Match| gaz.place_labels[gaz.entries.label[m.entry.index()] as usize];
    let places: Vec<(usize, Match)> = out[first..]
        .iter()
        .enumerate()
        .filter(|(_, m)| guarded(m))
        .map(|(i, &m)| (i, m))
        .collect();
    if places.is_empty() {
        return;
    }
    let ev = Evidence::gather(text);
    let drop = &mut scratch.drop;
    drop.clear();
    drop.resize(out.len() - first, false);
    // Starts of place matches, to tell a given name from a place before a place.
    let place_at: HashSet<usize> = places.iter().map(|(_, m)| m.start).collect();
    let mut people = People {
        surnames: ev.titled.clone(),
        ..People::default()
    };
    people.given_names(gaz, text, &ev, &places, drop);
    people.family_names(text, &ev, &place_at);
    for &(i, m) in &places {
        if !drop[i] && people.drops(gaz, text, &ev, m) {
            drop[i] = true;
        }
    }
    let mut i = 0;
    out.retain(|_| {
        let keep = i < first || !drop[i - first];
        i += 1;
        keep
    });
}

/// Skips a middle initial: for "F" in "John F. Kennedy", the word "John";
/// `None` when `w` is no initial.
fn skip_initial(text: &str, w: Word) -> Option<Word> {
    let s = &text[w.start..w.end];
    if s.chars().count() == 1 && is_capitalised(s) {
        return word_before(text, w.start).and_then(|(p, d)| (!d).then_some(p));
    }
    None
}

/// Whether `w`, with or without a full stop after it, is a title. After a
/// full stop only abbreviations count ("Mr.", "Gen."), not a sentence end
/// ("... the President. Houston").
fn is_title(w: &str, dotted: bool) -> bool {
    in_list(TITLES, w) && (!dotted || w.len() <= 4)
}
