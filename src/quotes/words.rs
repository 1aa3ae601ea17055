//! Language data: the closed-class word lists of the quote engine, and the
//! per-token facts computed once per document: each token's lowercase form,
//! its lexical classes ([`Lex`]) and the cue at it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::{BitOr, Range};
use std::sync::OnceLock;

use super::lexicon::{self, CueKind};
use super::text::{Doc, Kind};
use super::QuoteExtractor;

/// Participles that name rather than report before a name.
pub(super) const NAMING: &[&str] = &["called", "named", "dubbed", "titled", "known", "nicknamed"];

/// Words that open an adjunct *after* an attribution that closes its
/// sentence ("said on Tuesday", "said in a statement", "told last week"),
/// rather than reported content; time words ([`TIME_WORDS`]) do too.
///
/// Not [`INTRO_OPENERS`], which open an adverbial *before* a sentence's
/// subject: the two places differ ("to", "of", "via", "then", "told" follow
/// a cue; "once", "as", "if", "despite", "speaking" open a sentence).
pub(super) const TAIL_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "to",
    "from",
    "via",
    "for",
    "with",
    "when",
    "while",
    "of",
    "by",
    "afterward",
    "afterwards",
    "again",
    "late",
    "early",
    "then",
    "shortly",
    "about",
    "told",
];

/// Paragraph labels that look like a speaker before a colon.
pub(super) const LABELS: &[&str] = &[
    "note",
    "correction",
    "clarification",
    "update",
    "updated",
    "editor",
    "editors",
    "photo",
    "photos",
    "video",
    "watch",
    "related",
    "read",
    "listen",
    "source",
    "sources",
    "credit",
    "disclosure",
    "advertisement",
    "see",
    "also",
    "more",
    "subscribe",
    "follow",
    "contact",
    "email",
    "warning",
    "caption",
    "transcript",
];

/// What a statement is made in or on.
pub(super) const MEDIA: &[&str] = &[
    "interview",
    "interviews",
    "statement",
    "ruling",
    "speech",
    "op-ed",
    "tweet",
    "tweets",
    "post",
    "letter",
    "email",
    "diatribe",
    "memo",
    "conference",
    "appearance",
    "broadcast",
    "column",
    "essay",
    "editorial",
    "twitter",
    "facebook",
    "instagram",
    "television",
    "tv",
    "radio",
    "rally",
    "hearing",
    "debate",
    "filing",
    "video",
    "podcast",
    "briefing",
];

/// Words that end the object of a cue: a time or a subordinate clause
/// follows ("the plan [during the debate]", "the plan [because ...]");
/// prepositions inside a noun phrase do not ("a request from Democrats in
/// Ohio").
pub(super) const OBJECT_ENDERS: &[&str] = &[
    "during", "after", "before", "when", "while", "because", "last", "this", "since", "although",
    "though", "despite", "via", "but",
];

/// Words that may stand between a speaker and the verb: "has said", "also
/// told".
pub(super) const AUXILIARIES: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "later",
    "then",
    "again",
    "previously",
    "reportedly",
    "once",
    "repeatedly",
    "recently",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "should",
    "further",
    "earlier",
    "first",
    "publicly",
    "privately",
    "separately",
    "still",
    "just",
    "often",
    "never",
    "always",
    "even",
    "only",
    "already",
];

/// Nouns whose speaker phrase goes on with "to": "aides to the mayor".
pub(super) const ROLES_TO: &[&str] = &[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "close",
    "closest",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "counselor",
    "ambassador",
    "envoy",
    "assistant",
    "assistants",
];

/// Words that end a speaker phrase when scanning away from the cue.
pub(super) const BARRIERS: &[&str] = &[
    "that", "and", "but", "or", "because", "while", "when", "if", "as", "after", "before", "than",
    "so", "since", "although", "though", "where", "what", "how", "why", "to", "in", "on", "at",
    "with", "by", "about", "into", "over", "during", "is", "was", "are", "were", "be", "been",
    "has", "had", "have", "not", "said", "says", "told",
];

/// Words dropped from the front of a speaker phrase.
pub(super) const LEADING: &[&str] = &[
    "but",
    "and",
    "so",
    "however",
    "meanwhile",
    "still",
    "yet",
    "now",
    "instead",
    "indeed",
    "also",
    "then",
    "later",
    "earlier",
    "moreover",
];

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "my", "your",
];

pub(super) const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "some", "many", "several", "another", "most", "few", "both",
];

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

/// Titles and roles before a name: "Finnish Economy Minister Aino Virtanen".
/// Lowercase particles that belong to the name after them ("Karel van
/// Dam", "Ana de Souza", "Omar bin Said").
pub(super) const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "du", "del", "der", "la", "le",
    "dos", "ter", "den", "des",
];

/// Abbreviations of four letters or more whose period belongs to a name
/// ("Voss Corp.", "Salem, Mass."); shorter ones always do.
pub(super) const NAME_ABBREVIATIONS: &[&str] = &[
    "corp", "bros", "capt", "prof", "pres", "dept", "univ", "miss", "calif", "mass", "conn",
    "penn", "tenn", "wash", "colo", "wisc", "minn", "mich", "okla", "ariz", "nebr",
];

/// Lowercase prefixes joined to a name by a hyphen ("al-Amin", "el-Sayed").
pub(super) const PARTICLE_PREFIXES: &[&str] = &["al-", "el-", "ad-", "as-", "ash-", "ul-"];

pub(super) const TITLES: &[&str] = &[
    "president",
    "pres",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "deputy",
    "foreign",
    "prime",
    "vice",
    "general",
    "gen",
    "mr",
    "mrs",
    "ms",
    "dr",
    "judge",
    "justice",
    "attorney",
    "officer",
    "ambassador",
    "commissioner",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "candidate",
    "nominee",
    "speaker",
    "sheriff",
    "lt",
    "col",
    "capt",
    "adm",
    "professor",
    "prof",
    "king",
    "queen",
    "prince",
    "pope",
    "rev",
    "sir",
    "lord",
    "lady",
    "chancellor",
    "premier",
    "ceo",
    "founder",
    "executive",
    "manager",
    "analyst",
    "economist",
    "adviser",
    "advisor",
    "aide",
    "envoy",
    "official",
    "strategist",
    "host",
    "anchor",
    "correspondent",
    "editor",
    "columnist",
    "author",
    "coach",
    "lawyer",
    "counsel",
    "press",
    "state",
    "defense",
    "interior",
    "finance",
    "economy",
    "energy",
    "trade",
    "health",
    "house",
    "senate",
    "white",
    "former",
    "acting",
    "first",
    "lady",
    "sergeant",
    "detective",
];

/// Words of time: days, months, parts of days.
pub(super) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
];

/// Words that open an adverbial *before* a sentence's subject: "During the
/// speech, Lind ...", "Once in her twenties, she ...". Not
/// [`TAIL_OPENERS`], the adjuncts after an attribution.
pub(super) const INTRO_OPENERS: &[&str] = &[
    "during", "once", "when", "after", "before", "in", "on", "at", "as", "while", "although",
    "though", "if", "with", "despite", "since", "because", "for", "from", "by", "last", "earlier",
    "later", "speaking", "asked", "like", "unlike",
];

/// Conjunctions that coordinate a second verb with the first one's subject:
/// "and said", "but noted".
pub(super) const COORDINATORS: &[&str] = &["and", "but"];

/// Prepositions that open a complement of a noun: "a spokesman for the
/// ministry", "the head of the delegation".
pub(super) const PREPOSITIONS: &[&str] =
    &["of", "for", "at", "from", "with", "in", "on", "to", "by"];

/// Words that open a counted group of speakers.
pub(super) const COUNTERS: &[&str] = &[
    "about", "nearly", "almost", "roughly", "more", "fewer", "half", "other", "all", "those",
    "these", "most", "majority",
];

/// Nouns that speak as a group without a determiner or a plural `s`.
pub(super) const COLLECTIVES: &[&str] = &["police", "people", "staff", "management", "prosecutors"];

/// A word in capitals of two letters or more ("PENCE", "WALLACE").
pub(super) fn is_caps_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].kind == Kind::Word && {
        let w = doc.word(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    }
}

/// Whether the word at `i` has the form of a verb that the lexicon may lack
/// ("mused", "retaliated", "quips"): a word that is not capitalised, of more
/// than three bytes, ending in -ed or -s. Only next to a quotation, which
/// is evidence of speech, is the form enough to make a cue.
pub(super) fn is_verb_form(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks
        .get(i)
        .is_some_and(|t| t.kind == Kind::Word && !t.is_cap())
        && {
            let w = doc.word(i);
            (w.ends_with("ed") || w.ends_with('s')) && w.len() > 3
        }
}

impl QuoteExtractor {
    /// Whether the word at `i` is a strong verb cue.
    pub(super) fn reports(&self, doc: &Doc<'_>, i: usize) -> bool {
        self.cue_at(doc, i)
            .is_some_and(|(c, _)| c.kind == CueKind::Verb && c.strong())
    }

    /// The cue at token `i`, from the document's table of cues.
    pub(super) fn cue_at(&self, doc: &Doc<'_>, i: usize) -> Option<(lexicon::Cue, Range<usize>)> {
        match doc.cues.get(i) {
            Some(&found) => found.map(|(cue, len)| (cue, i..i + usize::from(len))),
            None => self.lookup_cue(doc, i),
        }
    }

    /// Looks the cue at token `i` up in the lexicon (once per token: see
    /// [`Self::cue_at`]).
    pub(super) fn lookup_cue(
        &self,
        doc: &Doc<'_>,
        i: usize,
    ) -> Option<(lexicon::Cue, Range<usize>)> {
        let t = doc.toks[i];
        // A heading in capitals ("EVEN HIS BOSS THINKS ...") reports nothing,
        // nor does an idiom ("It goes without saying", "needless to say").
        let idiom = i > 0
            && doc.toks[i - 1].kind == Kind::Word
            && matches!(doc.lower(i - 1), "without" | "needless");
        if t.kind != Kind::Word || doc.is(i, Lex::CAPS) || idiom {
            return None;
        }
        let w = doc.lower(i);
        // "called for", "pointed out": the pair before the word alone.
        if doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            if let Some(cue) = self.lexicon.phrase(w, doc.word(i + 1)) {
                return Some((cue, i..i + 2));
            }
        }
        let cue = self.lexicon.get(w)?;
        if cue.kind == CueKind::According {
            let next = doc.toks.get(i + 1)?;
            return (next.kind == Kind::Word && doc.word(i + 1).eq_ignore_ascii_case("to"))
                .then_some((cue, i..i + 2));
        }
        Some((cue, i..i + 1))
    }
}

/// Finite auxiliaries and modals, which mark a clause: "said the plan
/// *was* late" reports speech, "praised the plan" an act. Not
/// [`AUXILIARIES`], which also holds the adverbs that stand between a
/// subject and its cue ("also", "later").
pub(super) const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "did",
    "does",
    "do",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "didn't",
    "doesn't",
    "don't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "shouldn't",
];

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
    /// In capitals, two letters or more: "PENCE" ([`is_caps_word`]).
    pub const CAPS: Lex = Lex(1 << 22);
    /// [`FINITE`].
    pub const FINITE: Lex = Lex(1 << 23);

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
];

/// FNV-1a: the words hashed are short, where it is faster than `SipHash`;
/// the keys are the fixed lists above, so nothing to flood.
struct Fnv(u64);

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

/// Every word of the lists of [`CLASSES`] with its classes.
type ClassMap = HashMap<&'static str, Lex, BuildHasherDefault<Fnv>>;

/// The [`ClassMap`], and the length of its longest word (a longer word is
/// in no class).
fn class_table() -> &'static (ClassMap, usize) {
    static TABLE: OnceLock<(ClassMap, usize)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = ClassMap::default();
        for &(list, class) in CLASSES {
            for &w in list {
                let e = map.entry(w).or_default();
                *e = *e | class;
            }
        }
        let longest = map.keys().map(|w| w.len()).max().unwrap_or(0);
        (map, longest)
    })
}

/// The classes of word token `i` of `doc`, whose lowercase form is known.
fn classes(doc: &Doc<'_>, i: usize) -> Lex {
    if doc.toks[i].kind != Kind::Word {
        return Lex::NONE;
    }
    let (table, longest) = class_table();
    let w = doc.lower(i);
    let mut lex = if w.len() <= *longest {
        table.get(w).copied().unwrap_or_default()
    } else {
        Lex::NONE
    };
    let word = doc.word(i);
    // A particle is one as written: "Van" opens a sentence, not a name.
    if lex.intersects(Lex::PARTICLE) && word != w {
        lex = Lex(lex.0 & !Lex::PARTICLE.0);
    }
    let prefixed = PARTICLE_PREFIXES.iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    });
    if prefixed {
        lex = lex | Lex::PREFIXED_NAME;
    }
    if is_caps_word(doc, i) {
        lex = lex | Lex::CAPS;
    }
    lex
}

/// Lowercases every token once, into one buffer, and finds the classes of
/// each: rules compare words with the lists above many times over.
pub(super) fn lowercase(doc: &mut Doc<'_>) {
    let mut lowered = String::with_capacity(doc.text.len());
    let mut ends = Vec::with_capacity(doc.toks.len());
    for t in &doc.toks {
        let word = &doc.text[t.start..t.end];
        if word.is_ascii() {
            lowered.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Not char by char: a final sigma lowercases to ς.
            lowered.push_str(&word.to_lowercase());
        }
        ends.push(lowered.len());
    }
    doc.lowered = lowered;
    doc.lower_ends = ends;
    doc.lex = (0..doc.toks.len()).map(|i| classes(doc, i)).collect();
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
