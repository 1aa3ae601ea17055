//! Per-token facts computed once per document, spaCy's lexical attributes:
//! each token's lowercase form, its closed classes ([`Lex`], from the lists
//! of [`words`](super::words)) and the cue at it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::BitOr;
use std::sync::OnceLock;

use super::lexicon::Lexicon;
use super::text::{Doc, Kind};
use super::words::{
    is_caps_form, AUXILIARIES, BARRIERS, COLLECTIVES, COORDINATORS, COUNTERS, DETERMINERS, FINITE,
    INTRO_OPENERS, LABELS, LEADING, MEDIA, NAME_ABBREVIATIONS, NAMING, OBJECT_ENDERS, ORG_HEADS,
    ORG_NOUNS, PARTICLES, PARTICLE_PREFIXES, PREPOSITIONS, PRONOUNS, QUANTIFIERS, ROLES_TO,
    TAIL_OPENERS, TIME_WORDS, TITLES,
};
use super::QuoteExtractor;

/// The closed classes a token belongs to, as bits (spaCy's lexical
/// attributes): computed once per document for every word, from its
/// lowercase form, by [`annotate`](QuoteExtractor::annotate), and tested
/// with [`Doc::is`] instead of searching a list for the word each time a
/// rule asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lex(u32);

impl Lex {
    /// No class.
    pub const NONE: Lex = Lex(0);
    /// [`TIME_WORDS`].
    pub const TIME: Lex = Lex(1);
    /// [`AUXILIARIES`].
    pub const AUXILIARY: Lex = Lex(1 << 1);
    /// [`LEADING`].
    pub const LEADING: Lex = Lex(1 << 2);
    /// [`DETERMINERS`].
    pub const DETERMINER: Lex = Lex(1 << 3);
    /// [`QUANTIFIERS`].
    pub const QUANTIFIER: Lex = Lex(1 << 4);
    /// [`PRONOUNS`].
    pub const PRONOUN: Lex = Lex(1 << 5);
    /// [`BARRIERS`].
    pub const BARRIER: Lex = Lex(1 << 6);
    /// [`TITLES`].
    pub const TITLE: Lex = Lex(1 << 7);
    /// [`TAIL_OPENERS`].
    pub const TAIL_OPENER: Lex = Lex(1 << 8);
    /// [`INTRO_OPENERS`].
    pub const INTRO_OPENER: Lex = Lex(1 << 9);
    /// [`OBJECT_ENDERS`].
    pub const OBJECT_ENDER: Lex = Lex(1 << 10);
    /// [`MEDIA`].
    pub const MEDIUM: Lex = Lex(1 << 11);
    /// [`ROLES_TO`].
    pub const ROLE_TO: Lex = Lex(1 << 12);
    /// [`COUNTERS`].
    pub const COUNTER: Lex = Lex(1 << 13);
    /// [`COLLECTIVES`].
    pub const COLLECTIVE: Lex = Lex(1 << 14);
    /// [`LABELS`].
    pub const LABEL: Lex = Lex(1 << 15);
    /// [`NAMING`].
    pub const NAMING: Lex = Lex(1 << 16);
    /// [`COORDINATORS`].
    pub const COORDINATOR: Lex = Lex(1 << 17);
    /// [`PREPOSITIONS`].
    pub const PREPOSITION: Lex = Lex(1 << 18);
    /// [`NAME_ABBREVIATIONS`].
    pub const NAME_ABBREVIATION: Lex = Lex(1 << 19);
    /// One of [`PARTICLES`] as written, in lowercase ("van", not "Van").
    pub const PARTICLE: Lex = Lex(1 << 20);
    /// A name joined to a lowercase prefix: "al-Amin" ([`PARTICLE_PREFIXES`]).
    pub const PREFIXED_NAME: Lex = Lex(1 << 21);
    /// In capitals, two letters or more: "PENCE" ([`is_caps_form`]).
    pub const CAPS: Lex = Lex(1 << 22);
    /// [`FINITE`].
    pub const FINITE: Lex = Lex(1 << 23);
    /// [`ORG_HEADS`].
    pub const ORG_HEAD: Lex = Lex(1 << 24);
    /// [`ORG_NOUNS`].
    pub const ORG_NOUN: Lex = Lex(1 << 25);
    /// Opens a cue of the built-in lexicon (a reporting verb, "according",
    /// the first word of a phrase: "called" of "called for"): the words
    /// worth looking up in it ([`QuoteExtractor::lookup_cue`]).
    pub const CUE: Lex = Lex(1 << 26);

    /// Whether `self` and `other` share a class.
    pub fn intersects(self, other: Lex) -> bool {
        self.0 & other.0 != 0
    }
}

impl BitOr for Lex {
    type Output = Lex;
    fn bitor(self, other: Lex) -> Lex {
        Lex(self.0 | other.0)
    }
}

/// The lists that make the classes of [`Lex`] looked up by lowercase form.
const CLASSES: &[(&[&str], Lex)] = &[
    (TIME_WORDS, Lex::TIME),
    (AUXILIARIES, Lex::AUXILIARY),
    (LEADING, Lex::LEADING),
    (DETERMINERS, Lex::DETERMINER),
    (QUANTIFIERS, Lex::QUANTIFIER),
    (PRONOUNS, Lex::PRONOUN),
    (BARRIERS, Lex::BARRIER),
    (TITLES, Lex::TITLE),
    (TAIL_OPENERS, Lex::TAIL_OPENER),
    (INTRO_OPENERS, Lex::INTRO_OPENER),
    (OBJECT_ENDERS, Lex::OBJECT_ENDER),
    (MEDIA, Lex::MEDIUM),
    (ROLES_TO, Lex::ROLE_TO),
    (COUNTERS, Lex::COUNTER),
    (COLLECTIVES, Lex::COLLECTIVE),
    (LABELS, Lex::LABEL),
    (NAMING, Lex::NAMING),
    (COORDINATORS, Lex::COORDINATOR),
    (PREPOSITIONS, Lex::PREPOSITION),
    (NAME_ABBREVIATIONS, Lex::NAME_ABBREVIATION),
    (PARTICLES, Lex::PARTICLE),
    (FINITE, Lex::FINITE),
    (ORG_HEADS, Lex::ORG_HEAD),
    (ORG_NOUNS, Lex::ORG_NOUN),
];

/// FNV-1a: the words hashed are short, where it is faster than `SipHash`;
/// the keys are fixed lists (these classes, the cue lexicon), so nothing to
/// flood.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// FNV-1a of `bytes`, as [`Fnv`] hashes them.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

/// One word of the [`ClassTable`]: its hash, where it lies in the table's
/// words, and its classes (`len` 0: an empty slot).
#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
    lex: Lex,
}

/// Every word of the lists of [`CLASSES`] and of the built-in cue lexicon
/// with its classes: open addressing on the [`fnv`] hash of the lowercase
/// form, so that a word is hashed once, right after it is lowercased, and
/// compared with a stored hash before its bytes.
struct ClassTable {
    /// A power of two of slots, at most half of them full.
    slots: Box<[Slot]>,
    /// The words end to end.
    words: String,
    /// The length of the longest word (a longer word is in no class).
    longest: usize,
}

impl ClassTable {
    fn new(entries: &HashMap<Box<str>, Lex, BuildHasherDefault<Fnv>>) -> ClassTable {
        let size = (entries.len() * 2).next_power_of_two().max(2);
        let mut slots = vec![Slot::default(); size].into_boxed_slice();
        let mut words = String::new();
        for (w, &lex) in entries {
            let hash = fnv(w.as_bytes());
            let mut k = slot_of(hash, size);
            while slots[k].len != 0 {
                k = (k + 1) & (size - 1);
            }
            let (Ok(start), Ok(len)) = (u32::try_from(words.len()), u32::try_from(w.len())) else {
                unreachable!("the class lists are small");
            };
            slots[k] = Slot {
                hash,
                start,
                len,
                lex,
            };
            words.push_str(w);
        }
        let longest = entries.keys().map(|w| w.len()).max().unwrap_or(0);
        ClassTable {
            slots,
            words,
            longest,
        }
    }

    /// The classes of the lowercase word `w`, whose [`fnv`] hash is `hash`.
    fn get(&self, w: &str, hash: u64) -> Lex {
        let mask = self.slots.len() - 1;
        let mut k = slot_of(hash, self.slots.len());
        loop {
            let s = self.slots[k];
            if s.len == 0 {
                return Lex::NONE;
            }
            if s.hash == hash
                && self.words.get(s.start as usize..(s.start + s.len) as usize) == Some(w)
            {
                return s.lex;
            }
            k = (k + 1) & mask;
        }
    }
}

/// The first slot of a hash in a table of `size` slots (a power of two):
/// FNV's high bits mixed into its low ones.
fn slot_of(hash: u64, size: usize) -> usize {
    #[allow(clippy::cast_possible_truncation)]
    let h = (hash ^ (hash >> 29)) as usize;
    h & (size - 1)
}

/// The [`ClassTable`], built once.
fn class_table() -> &'static ClassTable {
    static TABLE: OnceLock<ClassTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<Box<str>, Lex, BuildHasherDefault<Fnv>> = HashMap::default();
        for &(list, class) in CLASSES {
            for &w in list {
                let e = map.entry(w.into()).or_default();
                *e = *e | class;
            }
        }
        for w in Lexicon::builtin().openers() {
            let e = map.entry(w.into()).or_default();
            *e = *e | Lex::CUE;
        }
        ClassTable::new(&map)
    })
}

/// The classes of the word `word` (of first character `first`), whose
/// lowercase form `w` hashes to `hash`.
fn classes(table: &ClassTable, word: &str, first: char, w: &str, hash: u64) -> Lex {
    let mut lex = if w.len() <= table.longest {
        table.get(w, hash)
    } else {
        Lex::NONE
    };
    // A particle is one as written: "Van" opens a sentence, not a name.
    if lex.intersects(Lex::PARTICLE) && word != w {
        lex = Lex(lex.0 & !Lex::PARTICLE.0);
    }
    // Every prefix ends in its third or fourth byte, a hyphen: most words
    // are told apart by those two bytes.
    let hyphened = word.as_bytes().get(2..4).is_some_and(|b| b.contains(&b'-'));
    let prefixed = hyphened
        && PARTICLE_PREFIXES.iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
        });
    if prefixed {
        lex = lex | Lex::PREFIXED_NAME;
    }
    if is_caps_form(word, first) {
        lex = lex | Lex::CAPS;
    }
    lex
}

/// Lowercases every token once, into one buffer, and finds the classes of
/// each in the same pass: rules compare words with the lists above many
/// times over.
pub(super) fn lowercase(doc: &mut Doc<'_>) {
    let table = class_table();
    let text = doc.text;
    let mut lowered = String::with_capacity(text.len());
    let mut ends = Vec::with_capacity(doc.toks.len());
    let mut lexes = Vec::with_capacity(doc.toks.len());
    for t in &doc.toks {
        let word = &text[t.start..t.end];
        let from = lowered.len();
        if word.is_ascii() {
            // Copied whole and lowercased in place, not char by char.
            lowered.push_str(word);
            lowered[from..].make_ascii_lowercase();
        } else {
            // Not char by char: a final sigma lowercases to ς.
            lowered.push_str(&word.to_lowercase());
        }
        ends.push(lowered.len());
        lexes.push(if t.kind == Kind::Word {
            let w = &lowered[from..];
            classes(table, word, t.first, w, fnv(w.as_bytes()))
        } else {
            Lex::NONE
        });
    }
    doc.lowered = lowered;
    doc.lower_ends = ends;
    doc.lex = lexes;
}

impl QuoteExtractor {
    /// Looks the cue at each token up once: every frame search asks for
    /// cues, many times.
    pub(super) fn annotate(&self, doc: &mut Doc<'_>) {
        lowercase(doc);
        doc.cues = (0..doc.toks.len())
            .map(|i| {
                self.lookup_cue(doc, i)
                    .and_then(|(cue, r)| Some((cue, u8::try_from(r.len()).ok()?)))
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotated(text: &str) -> Doc<'_> {
        let mut doc = Doc::new(text);
        QuoteExtractor::new().annotate(&mut doc);
        doc
    }

    #[test]
    fn every_word_of_a_list_has_its_class_in_any_case() {
        for &(list, class) in CLASSES {
            for &w in list {
                let upper = w.to_uppercase();
                let text = format!("{w} {upper}");
                let doc = annotated(&text);
                assert_eq!(doc.toks.len(), 2, "{text}");
                assert!(doc.is(0, class), "{w}: {class:?}");
                // A particle is one only as written in lowercase.
                assert_eq!(doc.is(1, class), class != Lex::PARTICLE, "{upper}");
            }
        }
        let doc = annotated("Ames quipped , unfathomable");
        assert!((0..4).all(|i| !doc.is(i, Lex::TIME | Lex::BARRIER | Lex::TITLE)));
        assert!(!doc.is(99, Lex::TIME), "past the end");
    }

    #[test]
    fn the_words_that_open_a_cue_are_those_the_lexicon_knows() {
        let text = "Lind said Ames called for calm, according to the Nordvik crew; \
                    SAID Voss, who warned and Pointed out the ferry";
        let doc = annotated(text);
        let lexicon = Lexicon::builtin();
        for i in 0..doc.toks.len() {
            let known = doc.toks[i].kind == Kind::Word && lexicon.opening(doc.lower(i)).is_some();
            assert_eq!(doc.is(i, Lex::CUE), known, "{}", doc.word(i));
        }
        let class = |w: &str| {
            let i = (0..doc.toks.len()).find(|&i| doc.word(i) == w).unwrap();
            doc.is(i, Lex::CUE)
        };
        for w in ["said", "called", "according", "SAID", "warned", "Pointed"] {
            assert!(class(w), "{w}");
        }
        for w in ["Lind", "Ames", "calm", "the", "Nordvik", "Voss", "ferry"] {
            assert!(!class(w), "{w}");
        }
        // The cues found through the class: "called for" one phrase, a
        // word in capitals none.
        let cue = |i: usize| doc.cues[i].map(|(_, len)| len);
        assert_eq!(doc.word(13), "SAID");
        assert_eq!(
            (cue(1), cue(3), cue(4), cue(13)),
            (Some(1), Some(2), None, None)
        );
    }

    #[test]
    fn computed_classes_need_the_word_as_written() {
        let doc = annotated("PENCE al-Amin Al-Amin al-amin van A U.S.");
        assert!(doc.is(0, Lex::CAPS));
        assert!(doc.is(1, Lex::PREFIXED_NAME));
        assert!(
            !doc.is(2, Lex::PREFIXED_NAME),
            "capitalised: a name as it is"
        );
        assert!(
            !doc.is(3, Lex::PREFIXED_NAME),
            "no capital after the prefix"
        );
        assert!(doc.is(4, Lex::PARTICLE) && !doc.is(4, Lex::CAPS));
        assert!(!doc.is(5, Lex::CAPS), "one letter");
        assert!(doc.is(6, Lex::CAPS), "U.S");
    }
}
