//! Language data: the closed-class word lists of the quote engine (every one
//! of them, for every stage) and the cue lookup. The per-token facts computed
//! from them once per document are in [`lex`](super::lex).

use std::ops::Range;

use super::lexicon::{self, CueKind};
use super::text::{Doc, Kind};
use super::QuoteExtractor;

pub(crate) use super::lex::Lex;

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

/// Whether the word `w`, of first character `first`, is in capitals, two
/// letters or more ("PENCE", "WALLACE").
pub(super) fn is_caps_form(w: &str, first: char) -> bool {
    // Most words start in lowercase, or are ASCII: no pass over their
    // characters as Unicode.
    !first.is_lowercase() && {
        if w.is_ascii() {
            w.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
                && !w.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
        }
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
        // Only a word of the class CUE opens a cue: the extractor's lexicon
        // is the built-in one, whose words that class holds (tested first:
        // most words are not). Then one lookup for the word's cue and the
        // phrases it opens.
        if t.kind != Kind::Word || !doc.is(i, Lex::CUE) || doc.is(i, Lex::CAPS) {
            return None;
        }
        let idiom = i > 0
            && doc.toks[i - 1].kind == Kind::Word
            && matches!(doc.lower(i - 1), "without" | "needless");
        if idiom {
            return None;
        }
        let opening = self.lexicon.opening(doc.lower(i))?;
        // "called for", "pointed out": the pair before the word alone.
        if doc.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            if let Some(cue) = opening.phrase(doc.word(i + 1)) {
                return Some((cue, i..i + 2));
            }
        }
        let cue = opening.cue()?;
        // "the firm's hopes", "Lund's Hopes and Fears": after a possessive,
        // a noun, which reports only a clause after "that" ("Lind's claim
        // that ..."); not after "he's" or "it's".
        let after_possessive = i > 0
            && doc.toks[i - 1].kind == Kind::Word
            && possessive(doc.word(i - 1))
            && !doc
                .toks
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Word && doc.lower(i + 1) == "that");
        // "Hopes and Fears": a capitalised verb after a lowercase word is a
        // title's word ("Lind Says" opens a headline in title case).
        let titled = t.first.is_uppercase()
            && i > 0
            && doc.toks[i - 1].kind == Kind::Word
            && !doc.toks[i - 1].first.is_uppercase();
        // "The proposed deal", "the estimated loss": after a determiner, an
        // adjective.
        let after_determiner = i > 0 && doc.is(i - 1, Lex::DETERMINER);
        if cue.kind == CueKind::Verb && (after_possessive || titled || after_determiner) {
            return None;
        }
        if cue.kind == CueKind::According {
            let next = doc.toks.get(i + 1)?;
            return (next.kind == Kind::Word && doc.word(i + 1).eq_ignore_ascii_case("to"))
                .then_some((cue, i..i + 2));
        }
        Some((cue, i..i + 1))
    }
}

/// Words that open a subordinate clause ("when", "if", "once", ...).
pub(super) const SUBORDINATORS: &[&str] = &[
    "when", "if", "once", "after", "before", "because", "although", "though", "while", "unless",
    "until", "since", "as", "whether",
];

/// How a demonym ends: "American", "Japanese", "British", "Iraqi", "French".
pub(super) const DEMONYM_ENDINGS: &[&str] = &["an", "ese", "ish", "i", "ch"];

/// Verbs of results, which take an object as often as a clause: "reported
/// net income" is an act, "reported that sales rose" speech.
pub(super) const RESULT_VERBS: &[&str] = &["reported", "reports", "report", "reporting"];

/// Whether `word` is a possessive ("Lund's", "the firms'"), not a
/// contraction ("he's", "it's", "that's", "let's").
fn possessive(word: &str) -> bool {
    ["'s", "\u{2019}s", "s'", "s\u{2019}"].iter().any(|p| {
        word.len() > p.len() && word.ends_with(p) && {
            let stem = word[..word.len() - p.len()].to_lowercase();
            !SUBJECT_PRONOUNS.contains(&stem.as_str())
                && !matches!(
                    stem.as_str(),
                    "it" | "that" | "let" | "there" | "what" | "who" | "here"
                )
        }
    })
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

/// What an organisation or a person issues, whose owner is its source.
pub(super) const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "filing",
    "letter",
    "website",
    "prospectus",
    "release",
    "announcement",
    "circular",
    "blog",
];

/// Descriptions that refer back to an organisation: "the company", "the
/// airline", "The GM unit".
pub(super) const ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "concern",
    "corporation",
    "conglomerate",
    "airline",
    "carrier",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "maker",
    "manufacturer",
    "producer",
    "operator",
    "brewer",
    "unit",
    "subsidiary",
    "affiliate",
    "division",
    "utility",
    "giant",
    "chain",
    "broadcaster",
    "publisher",
    "supplier",
];

/// The last words of corporate names: "Brekke Mining Corp", "Voss & Co.".
pub(super) const CORPORATE: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "co",
    "cos",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "nv",
    "gmbh",
    "group",
    "holdings",
    "bancorp",
    "airlines",
    "airways",
    "industries",
];

/// Role nouns that open a sentence before a name ("Singer Ola Lund").
pub(super) const ROLE_NOUNS: &[&str] = &[
    "singer",
    "drummer",
    "actor",
    "actress",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "skipper",
    "captain",
    "boss",
    "manager",
    "producer",
    "writer",
    "novelist",
    "poet",
    "star",
    "veteran",
    "rapper",
    "comedian",
    "presenter",
    "designer",
    "chef",
];

/// Words of institutions' names before "of": "Bank of Oslo", "University
/// of Nordvik".
pub(super) const INSTITUTIONS: &[&str] = &[
    "university",
    "department",
    "ministry",
    "board",
    "office",
    "chamber",
    "institute",
    "school",
    "college",
    "church",
    "court",
    "council",
    "bureau",
    "exchange",
    "house",
    "society",
    "association",
    "federation",
    "commission",
    "committee",
    "center",
    "centre",
    "fund",
    "museum",
    "academy",
    "league",
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "county",
    "governor",
    "governors",
    "friends",
    "bank",
];

/// Kinds of organisation a name before them names: "the Lindberg news
/// agency".
pub(super) const ORG_NOUNS: &[&str] = &[
    "agency",
    "service",
    "company",
    "firm",
    "group",
    "newspaper",
    "bank",
    "network",
    "channel",
    "broadcaster",
    "ministry",
    "party",
    "union",
    "daily",
    "magazine",
    "website",
    "television",
];

/// Subject pronouns, which end a speaker phrase that holds one.
pub(super) const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i"];
