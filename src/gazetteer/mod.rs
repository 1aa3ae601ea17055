//! Gazetteer matching: find the entities of a user's list in a text.
//!
//! ```
//! use sayso::gazetteer::{Entry, Gazetteer};
//!
//! let gaz = Gazetteer::builder()
//!     .build([
//!         Entry::new("Saudi Arabia", "GPE").with_aliases(["Saudi"]),
//!         Entry::new("Sergei Lavrov", "PERSON").with_aliases(["Lavrov"]),
//!     ])
//!     .unwrap();
//! let text = "Lavrov met Saudi officials.";
//! let found: Vec<_> = gaz
//!     .find(text)
//!     .unwrap()
//!     .iter()
//!     .map(|m| (&text[m.range()], gaz.entry(m.entry()).name()))
//!     .collect();
//! assert_eq!(found, [("Lavrov", "Sergei Lavrov"), ("Saudi", "Saudi Arabia")]);
//! ```
//!
//! # Semantics
//!
//! * **Whole words.** The text characters just before and just after a match
//!   must not be word characters (Unicode letters, numbers and marks). "Iran"
//!   is not found in "Iranian", nor "lt." in "erhält."; "Assad" is found in
//!   "Assad's", and "U.S." in "U.S.-led" but not in "U.S.A.".
//! * **Case.** Case-insensitive entries compare Unicode lower case, one
//!   character to one ("MÜNCHEN" finds "München", "istanbul" finds
//!   "İstanbul"); case-sensitive entries match only their exact case; in
//!   `acronyms` entries, surfaces written in capitals ("US", "U.N.", "WHO")
//!   match only in capitals and the others in any case; in `proper` entries,
//!   a capital that begins a word must be a capital in the text and the other
//!   letters match in any case ("Poland" finds "POLAND" but not "poland"); a
//!   match all in capitals of a name with lower case counts only in a line of
//!   capitals, a headline (not the ticker "CALI", nor the "ICA" of "(ICA)").
//!   An alias may carry its own mode ([`Entry::with_alias_case`]).
//! * **Person guard.** When asked ([`GazetteerBuilder::person_guard`]), a
//!   match of a place-like entry that is part of a person's name in the text
//!   ("Charles Kennedy", "President Vladimir Putin") is dropped; see
//!   [`guard`].
//! * **Variants.** Apostrophe variants, hyphen and dash variants, and runs of
//!   white space compare equal on both sides. Diacritics are folded only when
//!   asked ([`GazetteerBuilder::fold_diacritics`]).
//! * **Overlaps.** [`Gazetteer::find`] returns, scanning left to right, the
//!   longest *valid* match at each position, then goes on after it: a longer
//!   candidate that fails a boundary never hides a shorter valid one.
//!   [`Gazetteer::find_overlapping`] returns every valid match.
//! * **Shared surfaces.** When several entries have the same surface, a span
//!   yields one [`Match`] per entry, in the order the entries were given.

mod fold;
pub mod guard;
mod io;
pub mod names;
mod persist;
mod scan;
mod trie;

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Result};
use fold::{fold_key, FoldMode, FoldedText};
use trie::Trie;

pub(crate) use fold::is_word_char;
pub use persist::FORMAT_VERSION;

/// Free metadata of an entry: a JSON object.
pub type Metadata = serde_json::Map<String, serde_json::Value>;

/// The deepest metadata an entry may hold, counting the entry's own object
/// as one level. Deeper metadata (or metadata that contains itself) is
/// refused when the gazetteer is built, so that whatever builds also saves,
/// loads and unpickles: the saved form nests the metadata three levels deep,
/// and JSON readers stop at 128.
pub const MAX_METADATA_DEPTH: usize = 64;

/// The longest name or alias, in characters. A match is tried from every
/// word start, and the work per start grows with the longest name that
/// shares the text's prefix; the cap bounds it, so that matching stays
/// linear in the text whatever the gazetteer holds.
pub const MAX_NAME_CHARS: usize = 1000;

/// Whether `m` nests deeper than `left` levels (stops looking there, so that
/// the check itself never recurses deeper than the cap).
fn nests_deeper(m: &Metadata, left: usize) -> bool {
    fn value(v: &serde_json::Value, left: usize) -> bool {
        match v {
            serde_json::Value::Array(a) => left == 0 || a.iter().any(|x| value(x, left - 1)),
            serde_json::Value::Object(o) => nests_deeper(o, left),
            _ => false,
        }
    }
    left == 0 || m.values().any(|v| value(v, left - 1))
}

/// The start of `s`, for an error message.
pub(crate) fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// What a bad case mode is told.
pub(crate) const CASE_MODES: &str =
    "case must be \"insensitive\", \"sensitive\", \"acronyms\" or \"proper\"";

/// Whether an entry's names match regardless of case.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CaseMode {
    /// Compare Unicode lower case: "Munich" finds "MUNICH" and "munich".
    #[default]
    Insensitive,
    /// Compare exactly (after the variant fold): "US" finds "US" but not "us".
    Sensitive,
    /// Surfaces written in capitals (two to six letters, no lower case:
    /// "US", "U.N.", "WHO") compare exactly, the others as `Insensitive`:
    /// "United States" finds "UNITED STATES", and its alias "US" finds "US"
    /// but not the pronoun "us".
    Acronyms,
    /// As proper nouns are written: a letter that begins a word and is a
    /// capital in the surface must be a capital in the text; the other
    /// letters match in any case. "Poland" finds "Poland" and "POLAND" but
    /// not "poland"; "Isle of Man" finds "Isle Of Man" and "ISLE OF MAN". A
    /// match all in capitals of a name with lower case counts only in a line
    /// of capitals (a headline): the nearest word before or after it on its
    /// line is in capitals too, so that tickers and acronyms ("CALI" in
    /// "Calumet Industries CALI", "(ICA)") are no matches. In a
    /// passage written wholly in lower case (no capital within 100 bytes
    /// either side, in its paragraph, where a sentence or the paragraph
    /// begins in lower case), where case tells nothing, the name matches in
    /// any case.
    Proper,
}

/// How one surface is compared with the text, once its folded key matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Check {
    /// The key match is enough.
    Key,
    /// The case must be the same.
    Exact,
    /// The surface's word-initial capitals must be capitals in the text.
    Capitals,
}

impl CaseMode {
    /// The name used in files and in Python: `"insensitive"`, `"sensitive"`,
    /// `"acronyms"` or `"proper"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseMode::Insensitive => "insensitive",
            CaseMode::Sensitive => "sensitive",
            CaseMode::Acronyms => "acronyms",
            CaseMode::Proper => "proper",
        }
    }

    /// Whether `surface` is compared exactly under this mode.
    pub fn is_exact_for(self, surface: &str) -> bool {
        match self {
            CaseMode::Insensitive | CaseMode::Proper => false,
            CaseMode::Sensitive => true,
            CaseMode::Acronyms => {
                let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
                (2..=6).contains(&letters) && !surface.chars().any(char::is_lowercase)
            }
        }
    }

    /// How `surface` is compared under this mode.
    pub(crate) fn check_for(self, surface: &str) -> Check {
        match self {
            CaseMode::Proper if has_initial_capital(surface) => Check::Capitals,
            CaseMode::Proper => Check::Key,
            _ if self.is_exact_for(surface) => Check::Exact,
            _ => Check::Key,
        }
    }

    /// Parses [`CaseMode::as_str`]'s names.
    pub fn parse(s: &str) -> Option<CaseMode> {
        match s {
            "insensitive" => Some(CaseMode::Insensitive),
            "sensitive" => Some(CaseMode::Sensitive),
            "acronyms" => Some(CaseMode::Acronyms),
            "proper" => Some(CaseMode::Proper),
            _ => None,
        }
    }
}

/// Whether the match `text[span]`, written in capitals, stands in a line of
/// capitals (a headline): the nearest word of two letters or more before or
/// after it on the same line has no lower case ("JAPAN'S NTT" counts: the
/// "S" is skipped). "POLISH TALKS" is such a line; the ticker in "Xicor Inc
/// <XICO>" and the "ICA" of "Arts (ICA)" are not. The look is bounded (32
/// bytes each way), so matching stays linear.
fn in_capitals_line(text: &str, span: std::ops::Range<usize>) -> bool {
    const REACH: usize = 32;
    /// Whether the first word of two letters or more in `chars` is in capitals.
    fn first_word_in_capitals(chars: impl Iterator<Item = char>) -> bool {
        let mut taken = 0;
        let mut word: Vec<char> = Vec::new();
        for c in chars.chain(std::iter::once('\n')) {
            taken += c.len_utf8();
            if fold::is_word_char(c) && c != '\n' && taken <= REACH {
                word.push(c);
                continue;
            }
            if word.iter().filter(|c| c.is_alphabetic()).count() >= 2 {
                return !word.iter().any(|c| c.is_lowercase());
            }
            word.clear();
            if c == '\n' || taken > REACH {
                return false;
            }
        }
        false
    }
    first_word_in_capitals(text[..span.start].chars().rev())
        || first_word_in_capitals(text[span.end..].chars())
}

/// Whether the match `text[span]` stands in a passage written wholly in
/// lower case (as some feeds and pipelines write news), where case tells
/// nothing: within 100 bytes either side, in its paragraph (up to a blank
/// line), there is no capital, there are 40 letters or more, and a sentence
/// or the paragraph begins in lower case. Ordinary prose that merely has no
/// capital near a word ("in its famous reading rooms.") does not count. The
/// look is bounded, so matching stays linear.
fn in_lower_case_passage(text: &str, span: std::ops::Range<usize>) -> bool {
    const REACH: usize = 100;
    // Where the window starts: REACH bytes back, a blank line, or the text's
    // start (then the window opens a paragraph).
    let (mut from, mut opens) = (span.start, true);
    let mut newline = false;
    for (i, c) in text[..span.start].char_indices().rev() {
        if span.start - i > REACH {
            opens = false;
            break;
        }
        if c == '\n' {
            if newline {
                break;
            }
            newline = true;
        } else if !c.is_whitespace() {
            newline = false;
        }
        from = i;
    }
    let mut to = span.end;
    let mut newline = false;
    for (i, c) in text[span.end..].char_indices() {
        if i >= REACH {
            break;
        }
        if c == '\n' {
            if newline {
                break;
            }
            newline = true;
        } else if !c.is_whitespace() {
            newline = false;
        }
        to = span.end + i + c.len_utf8();
    }
    let (mut letters, mut boundary, mut evidence) = (0, opens, false);
    for c in text[from..to].chars() {
        if c.is_uppercase() {
            return false;
        }
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                letters += 1;
            }
            evidence |= boundary && c.is_lowercase();
            boundary = false;
        } else if matches!(c, '.' | '!' | '?') {
            boundary = true;
        }
    }
    evidence && letters >= 40
}

/// Whether a letter that begins a word of `s` is a capital (or title case).
fn has_initial_capital(s: &str) -> bool {
    let mut prev_word = false;
    s.chars().any(|c| {
        let initial = !prev_word && c.is_alphabetic() && !c.is_lowercase();
        prev_word = fold::is_word_char(c);
        initial
    })
}

/// Whether `text` has a capital wherever `surface` has a word-initial
/// capital. Both are exact folds of equal keys, so their characters pair up
/// one to one (the case fold maps one character to one).
fn capitals_ok(surface: &str, text: &str) -> bool {
    let mut prev_word = false;
    let mut t = text.chars();
    for c in surface.chars() {
        let Some(tc) = t.next() else { return false };
        if !prev_word && c.is_alphabetic() && !c.is_lowercase() && tc.is_lowercase() {
            return false;
        }
        prev_word = fold::is_word_char(c);
    }
    t.next().is_none()
}

/// One entity of a gazetteer, as given to the builder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// The canonical name; it is also matched.
    pub name: String,
    /// The label: PERSON, ORG, GPE, ...
    pub label: String,
    /// The identifier; the name when `None`.
    pub id: Option<String>,
    /// Other surfaces that name the entity.
    pub aliases: Vec<String>,
    /// How case is compared.
    pub case: CaseMode,
    /// Case modes of single aliases, by their index in `aliases`; the others
    /// follow `case`.
    pub alias_cases: Vec<(usize, CaseMode)>,
    /// Free metadata, kept and returned with each match.
    pub metadata: Option<Metadata>,
}

impl Entry {
    /// An entry with a name and a label.
    pub fn new(name: impl Into<String>, label: impl Into<String>) -> Entry {
        Entry {
            name: name.into(),
            label: label.into(),
            ..Entry::default()
        }
    }

    /// Sets the identifier.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Entry {
        self.id = Some(id.into());
        self
    }

    /// Sets the aliases.
    #[must_use]
    pub fn with_aliases<S: Into<String>>(mut self, aliases: impl IntoIterator<Item = S>) -> Entry {
        self.aliases = aliases.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the case mode.
    #[must_use]
    pub fn with_case(mut self, case: CaseMode) -> Entry {
        self.case = case;
        self
    }

    /// Gives the alias `alias` its own case mode ("Gordon Brown" in any case,
    /// "Brown" only with its capital), adding it when it is not an alias yet.
    #[must_use]
    pub fn with_alias_case(mut self, alias: impl Into<String>, case: CaseMode) -> Entry {
        let alias = alias.into();
        let i = if let Some(i) = self.aliases.iter().position(|a| *a == alias) {
            i
        } else {
            self.aliases.push(alias);
            self.aliases.len() - 1
        };
        self.alias_cases.retain(|&(j, _)| j != i);
        self.alias_cases.push((i, case));
        self
    }

    /// The case mode of alias `i`: its own, or the entry's.
    pub fn alias_case(&self, i: usize) -> CaseMode {
        self.alias_cases
            .iter()
            .rev()
            .find(|&&(j, _)| j == i)
            .map_or(self.case, |&(_, c)| c)
    }

    /// Sets the metadata.
    #[must_use]
    pub fn with_metadata(mut self, metadata: Metadata) -> Entry {
        self.metadata = Some(metadata);
        self
    }
}

/// The index of an entry in its gazetteer, in the order given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(u32);

impl EntryId {
    /// The index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A match: a span of the text, in bytes, and the entry it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    start: usize,
    end: usize,
    entry: EntryId,
}

impl Match {
    /// Byte offset of the first byte of the match.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the match.
    pub fn end(&self) -> usize {
        self.end
    }
    /// `start..end`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// The entry matched.
    pub fn entry(&self) -> EntryId {
        self.entry
    }
    /// The same match in the text that starts `by` bytes later.
    pub(crate) fn moved_back(self, by: usize) -> Match {
        Match {
            start: self.start - by,
            end: self.end - by,
            entry: self.entry,
        }
    }
}

/// Strings stored end to end.
#[derive(Debug, Default)]
struct StrPool {
    data: String,
    ends: Vec<u32>,
}

impl StrPool {
    fn push(&mut self, s: &str) -> u32 {
        self.data.push_str(s);
        self.ends.push(self.data.len() as u32);
        self.ends.len() as u32 - 1
    }
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.data[start..self.ends[i] as usize]
    }
    /// The bytes of string `i` (no check of character boundaries).
    fn bytes(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.data.as_bytes()[start..self.ends[i] as usize]
    }
    fn heap_bytes(&self) -> usize {
        self.data.capacity() + self.ends.capacity() * 4
    }
}

const NONE: u32 = u32::MAX;

/// Entries in columns.
#[derive(Debug, Default)]
struct Entries {
    names: StrPool,
    /// Index into `ids`, or [`NONE`] when the id is the name.
    id: Vec<u32>,
    ids: StrPool,
    label: Vec<u32>,
    /// End of each entry's aliases in `aliases`.
    alias_end: Vec<u32>,
    aliases: StrPool,
    case: Vec<CaseMode>,
    /// Aliases with their own case mode, by index in `aliases`.
    alias_case: HashMap<u32, CaseMode>,
    metadata: HashMap<u32, Arc<Metadata>>,
}

/// A read-only view of one entry.
#[derive(Clone, Copy, Debug)]
pub struct EntryRef<'g> {
    gaz: &'g Gazetteer,
    index: u32,
}

impl<'g> EntryRef<'g> {
    /// Its index.
    pub fn id_index(&self) -> EntryId {
        EntryId(self.index)
    }
    /// The canonical name.
    pub fn name(&self) -> &'g str {
        self.gaz.entries.names.get(self.index)
    }
    /// The identifier (the name when none was given).
    pub fn id(&self) -> &'g str {
        match self.gaz.entries.id[self.index as usize] {
            NONE => self.name(),
            i => self.gaz.entries.ids.get(i),
        }
    }
    /// Whether an identifier was given.
    pub fn has_explicit_id(&self) -> bool {
        self.gaz.entries.id[self.index as usize] != NONE
    }
    /// The label.
    pub fn label(&self) -> &'g str {
        &self.gaz.labels[self.gaz.entries.label[self.index as usize] as usize]
    }
    /// The index of the label in [`Gazetteer::labels`].
    pub fn label_index(&self) -> usize {
        self.gaz.entries.label[self.index as usize] as usize
    }
    /// The aliases, in the order given.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &'g str> + 'g {
        let e = &self.gaz.entries;
        let i = self.index as usize;
        let start = if i == 0 { 0 } else { e.alias_end[i - 1] };
        (start..e.alias_end[i]).map(move |a| e.aliases.get(a))
    }
    /// The case mode.
    pub fn case(&self) -> CaseMode {
        self.gaz.entries.case[self.index as usize]
    }
    /// The aliases that have their own case mode: (index among this entry's
    /// aliases, mode), in alias order.
    pub fn alias_cases(&self) -> Vec<(usize, CaseMode)> {
        let e = &self.gaz.entries;
        let i = self.index as usize;
        let start = if i == 0 { 0 } else { e.alias_end[i - 1] };
        (start..e.alias_end[i])
            .filter_map(|a| e.alias_case.get(&a).map(|&c| ((a - start) as usize, c)))
            .collect()
    }
    /// The metadata, if any was given.
    pub fn metadata(&self) -> Option<&'g Arc<Metadata>> {
        self.gaz.entries.metadata.get(&self.index)
    }
    /// An owned copy, as it would be given to the builder.
    pub fn to_entry(&self) -> Entry {
        Entry {
            name: self.name().to_owned(),
            label: self.label().to_owned(),
            id: self.has_explicit_id().then(|| self.id().to_owned()),
            aliases: self.aliases().map(str::to_owned).collect(),
            case: self.case(),
            alias_cases: self.alias_cases(),
            metadata: self.metadata().map(|m| Metadata::clone(m)),
        }
    }
}

/// A candidate entry of a key: 8 bytes (a `bool` beside the two `u32`s
/// made it 12, 2.3 MB more for the 571k names of the bench).
#[derive(Clone, Copy, Debug)]
struct Cand {
    entry: u32,
    /// For a surface compared by case, its exact fold in `Gazetteer::exact`,
    /// with [`CAPITALS`] set when only the surface's word-initial capitals
    /// are compared; [`NONE`] for a case-insensitive one. The names add up
    /// to at most 2 GiB, so an index never reaches the flag.
    exact: u32,
}

/// The flag of [`Cand::exact`].
const CAPITALS: u32 = 1 << 31;

impl Cand {
    fn new(entry: u32, exact: u32, capitals: bool) -> Cand {
        debug_assert!(exact == NONE || exact < CAPITALS);
        let flag = if capitals && exact != NONE {
            CAPITALS
        } else {
            0
        };
        Cand {
            entry,
            exact: exact | flag,
        }
    }

    /// The exact fold's index, or [`NONE`].
    fn exact(self) -> u32 {
        if self.exact == NONE {
            NONE
        } else {
            self.exact & !CAPITALS
        }
    }

    /// Whether only the word-initial capitals are compared.
    fn capitals(self) -> bool {
        self.exact != NONE && self.exact & CAPITALS != 0
    }
}

/// Builds a [`Gazetteer`].
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    fold_diacritics: bool,
    person_guard: bool,
}

impl GazetteerBuilder {
    /// A builder with the default options.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Fold diacritics on both sides, so that "Sao Paulo" finds "São Paulo"
    /// (default: off).
    #[must_use]
    pub fn fold_diacritics(mut self, yes: bool) -> GazetteerBuilder {
        self.fold_diacritics = yes;
        self
    }

    /// Drop matches of place-like entries (labels in
    /// [`guard::PLACE_LABELS`]) that the text shows to be part of a
    /// person's name: "Charles Kennedy", "President Vladimir Putin"
    /// (default: off; on for the built-in gazetteer). See [`guard`].
    #[must_use]
    pub fn person_guard(mut self, yes: bool) -> GazetteerBuilder {
        self.person_guard = yes;
        self
    }

    /// Builds a gazetteer from entries; an invalid entry is an error naming
    /// its index.
    pub fn build(&self, entries: impl IntoIterator<Item = Entry>) -> Result<Gazetteer> {
        let mut b = Building::new(self.fold_diacritics);
        for (i, e) in entries.into_iter().enumerate() {
            b.add(e, || format!("entry {i}"))?;
        }
        Ok(b.finish(self.person_guard))
    }

    /// Builds a gazetteer from entries, each with a line (or entry) number
    /// that `location` turns into the place named in errors ("names.csv,
    /// line 4"), only when there is one.
    pub(crate) fn build_located(
        &self,
        entries: impl IntoIterator<Item = Result<(Entry, u64)>>,
        location: impl Fn(u64) -> String,
    ) -> Result<Gazetteer> {
        let mut b = Building::new(self.fold_diacritics);
        for item in entries {
            let (e, line) = item?;
            b.add(e, || location(line))?;
        }
        Ok(b.finish(self.person_guard))
    }
}

/// A gazetteer under construction.
struct Building {
    fold_diacritics: bool,
    entries: Entries,
    labels: Vec<String>,
    label_ids: HashMap<String, u32>,
    /// Folded keys, one a surface.
    keys: StrPool,
    /// For each surface: its entry, and its exact fold or NONE.
    surfaces: Vec<Cand>,
    exact: StrPool,
    scratch: String,
}

impl Building {
    fn new(fold_diacritics: bool) -> Building {
        Building {
            fold_diacritics,
            entries: Entries::default(),
            labels: Vec::new(),
            label_ids: HashMap::new(),
            keys: StrPool::default(),
            surfaces: Vec::new(),
            exact: StrPool::default(),
            scratch: String::new(),
        }
    }

    fn add(&mut self, e: Entry, location: impl Fn() -> String) -> Result<()> {
        let index = u32::try_from(self.entries.id.len())
            .ok()
            .filter(|&i| i < NONE)
            .ok_or_else(|| Error::invalid_entry(location(), "too many entries (4 billion)"))?;
        let label = e.label.trim();
        if label.is_empty() {
            return Err(Error::invalid_entry(location(), "the label is empty"));
        }
        if e.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
            return Err(Error::invalid_entry(location(), "the id is empty"));
        }
        for (what, value) in [("label", Some(label)), ("id", e.id.as_deref())] {
            if value.is_some_and(|v| v.contains(['\n', '\r'])) {
                return Err(Error::invalid_entry(
                    location(),
                    format!(
                        "the {what} {:?} holds a line break (an unclosed quote?)",
                        preview(value.unwrap_or_default())
                    ),
                ));
            }
        }
        if e.metadata
            .as_ref()
            .is_some_and(|m| nests_deeper(m, MAX_METADATA_DEPTH))
        {
            return Err(Error::invalid_entry(
                location(),
                format!("the metadata is nested more than {MAX_METADATA_DEPTH} levels deep"),
            ));
        }
        if let Some(&(i, _)) = e.alias_cases.iter().find(|(i, _)| *i >= e.aliases.len()) {
            return Err(Error::invalid_entry(
                location(),
                format!(
                    "a case mode is given for alias {i}, but there are {} aliases",
                    e.aliases.len()
                ),
            ));
        }
        self.add_surface(index, &e.name, e.case.check_for(&e.name), "name", &location)?;
        for (i, a) in e.aliases.iter().enumerate() {
            let check = e.alias_case(i).check_for(a);
            self.add_surface(index, a, check, "alias", &location)?;
        }
        // Rows come grouped by label: the last one spares a hash a row.
        let label_id = if self.labels.last().is_some_and(|l| l == label) {
            self.labels.len() as u32 - 1
        } else if let Some(&l) = self.label_ids.get(label) {
            l
        } else {
            let l = self.labels.len() as u32;
            self.labels.push(label.to_owned());
            self.label_ids.insert(label.to_owned(), l);
            l
        };
        let en = &mut self.entries;
        en.names.push(&e.name);
        en.id.push(match &e.id {
            Some(id) => en.ids.push(id),
            None => NONE,
        });
        en.label.push(label_id);
        for (i, a) in e.aliases.iter().enumerate() {
            let at = en.aliases.push(a);
            if e.alias_cases.iter().any(|&(j, _)| j == i) {
                en.alias_case.insert(at, e.alias_case(i));
            }
        }
        en.alias_end.push(en.aliases.ends.len() as u32);
        en.case.push(e.case);
        if let Some(m) = e.metadata {
            en.metadata.insert(index, Arc::new(m));
        }
        if self.keys.data.len() > (u32::MAX / 2) as usize {
            return Err(Error::invalid_entry(
                location(),
                "the names add up to more than 2 GiB",
            ));
        }
        Ok(())
    }

    fn add_surface(
        &mut self,
        entry: u32,
        surface: &str,
        check: Check,
        what: &str,
        location: &impl Fn() -> String,
    ) -> Result<()> {
        let mode = FoldMode {
            case: true,
            diacritics: self.fold_diacritics,
        };
        let chars = surface.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Error::invalid_entry(
                location(),
                format!(
                    "the {what} is {chars} characters long; names of at most {MAX_NAME_CHARS} \
                     are matched (the work per word start grows with the longest name)"
                ),
            ));
        }
        if !surface.trim().is_empty()
            && surface
                .chars()
                .all(|c| fold::is_mark(c) || c.is_whitespace())
        {
            return Err(Error::invalid_entry(
                location(),
                format!("the {what} {surface:?} has only combining marks, which join no letter"),
            ));
        }
        let key = fold_key(surface, mode);
        if key.is_empty() {
            return Err(Error::invalid_entry(
                location(),
                format!("the {what} is empty"),
            ));
        }
        if !key.chars().any(fold::is_word_char) {
            return Err(Error::invalid_entry(
                location(),
                format!("the {what} {surface:?} has no letter or digit, so it can never be a word"),
            ));
        }
        self.keys.push(&key);
        let exact = if check == Check::Key {
            NONE
        } else {
            self.scratch = fold_key(
                surface,
                FoldMode {
                    case: false,
                    diacritics: self.fold_diacritics,
                },
            );
            self.exact.push(&self.scratch)
        };
        self.surfaces
            .push(Cand::new(entry, exact, check == Check::Capitals));
        Ok(())
    }

    fn finish(self, person_guard: bool) -> Gazetteer {
        use rayon::slice::ParallelSliceMut;
        let Building {
            fold_diacritics,
            entries,
            labels,
            keys: surface_keys,
            surfaces,
            exact,
            ..
        } = self;
        // Sorted by each key's first eight bytes first, held beside its
        // number: most comparisons then read neither the pool nor memcmp
        // (the sort was a third of the 571k-name build, perf).
        let mut sorted: Vec<(u64, u32)> = (0..surfaces.len() as u32)
            .map(|s| (key_prefix(surface_keys.bytes(s)), s))
            .collect();
        sorted.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb).then_with(|| {
                let (ka, kb) = (surface_keys.bytes(a), surface_keys.bytes(b));
                ka.get(8..)
                    .unwrap_or_default()
                    .cmp(kb.get(8..).unwrap_or_default())
                    .then(ka.len().cmp(&kb.len()))
                    .then(a.cmp(&b))
            })
        });
        // The distinct keys, end to end, in sorted order: the trie keeps them.
        let mut pool: Vec<u8> = Vec::with_capacity(surface_keys.data.len());
        let mut key_starts: Vec<u32> = vec![0];
        let mut cand_starts = Vec::new();
        let mut cands = Vec::with_capacity(surfaces.len());
        let mut extra_starts = fold::StartSet::default();
        let mut extra_ascii = Vec::new();
        let mut last: Option<&str> = None;
        for &(_, s) in &sorted {
            let k = surface_keys.get(s);
            if last != Some(k) {
                pool.extend_from_slice(k.as_bytes());
                key_starts.push(pool.len() as u32);
                cand_starts.push(cands.len() as u32);
                let first = k.chars().next().expect("keys are not empty");
                if !fold::is_word_char(first) {
                    extra_starts.add(first);
                    if first.is_ascii() && !extra_ascii.contains(&(first as u8)) {
                        extra_ascii.push(first as u8);
                    }
                }
            }
            last = Some(k);
            cands.push(surfaces[s as usize]);
        }
        cand_starts.push(cands.len() as u32);
        drop((sorted, surface_keys, surfaces));
        let first_words = scan::FirstWords::build(
            key_starts
                .windows(2)
                .map(|w| &pool[w[0] as usize..w[1] as usize]),
        );
        let trie = Trie::build(pool, &key_starts);
        let mut labels = labels;
        labels.shrink_to_fit();
        let place_labels = labels
            .iter()
            .map(|l| {
                guard::PLACE_LABELS
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(l))
            })
            .collect();
        Gazetteer {
            entries,
            labels,
            cand_starts,
            cands,
            exact,
            trie,
            first_words,
            extra_starts,
            extra_ascii,
            fold_diacritics,
            person_guard,
            place_labels,
        }
    }
}

/// The first eight bytes of `key`, big-endian and zero-padded: ordering
/// these orders the keys by their first eight bytes (a key shorter than
/// eight bytes sorts as though padded with NUL, so keys that tie here are
/// ordered by their whole bytes).
fn key_prefix(key: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = key.len().min(8);
    b[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(b)
}

/// Reusable buffers for matching; one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: FoldedText,
    exact: String,
    guard: guard::GuardScratch,
}

/// A compiled list of entities, ready to be matched against texts.
///
/// Build one with [`Gazetteer::builder`]; it is `Send + Sync`, so one
/// gazetteer serves any number of threads.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Entries,
    labels: Vec<String>,
    /// For each distinct key, in trie key order, its first candidate in
    /// `cands` (its candidates run to the next key's), plus an end sentinel.
    cand_starts: Vec<u32>,
    cands: Vec<Cand>,
    exact: StrPool,
    trie: Trie,
    /// The first words of the keys, to turn word starts away before a walk.
    first_words: scan::FirstWords,
    /// The non-word characters that begin some key: the scan tries them too.
    extra_starts: fold::StartSet,
    /// The ASCII ones among them.
    extra_ascii: Vec<u8>,
    fold_diacritics: bool,
    person_guard: bool,
    /// For each label, whether the person guard applies to it.
    place_labels: Vec<bool>,
}

impl Gazetteer {
    /// A builder with the default options.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.id.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The labels, in order of first appearance.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Whether diacritics are folded.
    pub fn folds_diacritics(&self) -> bool {
        self.fold_diacritics
    }

    /// Whether the person guard is on ([`GazetteerBuilder::person_guard`]).
    pub fn guards_persons(&self) -> bool {
        self.person_guard
    }

    /// The entry at `id`.
    ///
    /// # Panics
    /// When `id` is not an entry of this gazetteer.
    pub fn entry(&self, id: EntryId) -> EntryRef<'_> {
        assert!(
            id.index() < self.len(),
            "no entry {} in this gazetteer",
            id.0
        );
        EntryRef {
            gaz: self,
            index: id.0,
        }
    }

    /// All entries, in the order given.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = EntryRef<'_>> {
        (0..self.len() as u32).map(move |index| EntryRef { gaz: self, index })
    }

    /// An estimate of the heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        let e = &self.entries;
        e.names.heap_bytes()
            + e.ids.heap_bytes()
            + e.aliases.heap_bytes()
            + (e.id.capacity() + e.label.capacity() + e.alias_end.capacity()) * 4
            + e.case.capacity()
            + self.cand_starts.capacity() * 4
            + self.cands.capacity() * std::mem::size_of::<Cand>()
            + self.exact.heap_bytes()
            + self.trie.heap_bytes()
            + self.first_words.heap_bytes()
    }

    /// The non-overlapping matches in `text`: at each position, left to
    /// right, the longest valid match.
    pub fn find(&self, text: &str) -> Result<Vec<Match>> {
        let mut out = Vec::new();
        self.find_into(text, false, &mut Scratch::default(), &mut out)?;
        Ok(out)
    }

    /// Every valid match in `text`, ordered by start, then end.
    pub fn find_overlapping(&self, text: &str) -> Result<Vec<Match>> {
        let mut out = Vec::new();
        self.find_into(text, true, &mut Scratch::default(), &mut out)?;
        Ok(out)
    }

    /// Appends the matches in `text` to `out`, reusing `scratch`.
    pub fn find_into(
        &self,
        text: &str,
        overlapping: bool,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) -> Result<()> {
        self.find_into_with(&self.trie, text, overlapping, scratch, out)
    }

    /// The distinct folded keys, in the order of the key numbers that a
    /// [`PrefixEngine`] reports: for building another engine over them.
    #[doc(hidden)]
    pub fn keys(&self) -> Vec<Vec<u8>> {
        self.trie.keys()
    }

    /// [`Gazetteer::find_into`] with another engine in place of the trie, at
    /// the same word starts and with the same checks after it: how
    /// `examples/engines.rs` times the aho-corasick crate beside the trie.
    #[doc(hidden)]
    pub fn find_into_with<E: PrefixEngine>(
        &self,
        engine: &E,
        text: &str,
        overlapping: bool,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) -> Result<()> {
        if u32::try_from(text.len()).map_or(true, |n| n == u32::MAX) {
            return Err(Error::text_too_long(text.len()));
        }
        let Scratch {
            folded,
            exact,
            guard,
        } = scratch;
        let first = out.len();
        // Non-overlapping: the first offset a match may start at.
        let mut next = 0;
        if text.is_ascii() && self.extra_ascii.len() <= scan::EXTRA_MAX {
            // The text is its own fold (read through the byte fold): no
            // copy, no list of starts, no map back.
            let hay = text.as_bytes();
            scan::ascii_starts(hay, &self.extra_ascii, |i, len| {
                if i < next || (len > 0 && !self.first_words.may_hold(hay, i, len)) {
                    return;
                }
                let src = |f| f;
                if let Some(e) = self.at_start(engine, text, hay, i, src, overlapping, exact, out) {
                    next = e;
                }
            });
        } else {
            folded.fold(text, self.fold_diacritics, &self.extra_starts);
            let hay = folded.hay(text);
            for &i in &folded.starts {
                let i = i as usize;
                if i < next {
                    continue;
                }
                // A word of ASCII letters and digits that ends in ASCII (or
                // at the end) can be checked against the keys' first words.
                let len = hay[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if len > 0
                    && hay.get(i + len).is_none_or(u8::is_ascii)
                    && !self.first_words.may_hold(hay, i, len)
                {
                    continue;
                }
                let src = |f| folded.src(f);
                if let Some(e) = self.at_start(engine, text, hay, i, src, overlapping, exact, out) {
                    next = e;
                }
            }
        }
        if self.person_guard {
            guard::apply(self, text, first, out, guard);
        }
        Ok(())
    }

    /// The matches from folded offset `i` of `hay`, the fold of `text`
    /// (`src` maps folded offsets to `text`'s): every valid one when
    /// `overlapping`, else the longest valid one, whose folded end is
    /// returned.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn at_start<E: PrefixEngine>(
        &self,
        engine: &E,
        text: &str,
        hay: &[u8],
        i: usize,
        src: impl Fn(usize) -> usize,
        overlapping: bool,
        exact: &mut String,
        out: &mut Vec<Match>,
    ) -> Option<usize> {
        let mut best: Option<(u32, usize)> = None;
        engine.prefixes(&hay[i..], |k, klen| {
            let e = i + klen;
            if FoldedText::word_at(hay, e) {
                return;
            }
            let span = source_span(text, src(i), src(e));
            if !self.any_valid(k, text, span.clone(), exact) {
                return;
            }
            if overlapping {
                self.emit(k, span, text, exact, out);
            } else {
                best = Some((k, e));
            }
        });
        let (k, e) = best?;
        let span = source_span(text, src(i), src(e));
        self.emit(k, span, text, exact, out);
        Some(e)
    }

    fn cands(&self, k: u32) -> &[Cand] {
        let k = k as usize;
        &self.cands[self.cand_starts[k] as usize..self.cand_starts[k + 1] as usize]
    }

    /// Whether the candidate's exact fold equals the fold of `surface`.
    /// Whether candidate `c` holds for the match `text[span]`.
    fn exact_ok(
        &self,
        c: Cand,
        text: &str,
        span: std::ops::Range<usize>,
        buf: &mut String,
    ) -> bool {
        let surface = &text[span.clone()];
        if c.exact() == NONE {
            return true;
        }
        if buf.is_empty() {
            *buf = fold_key(
                surface,
                FoldMode {
                    case: false,
                    diacritics: self.fold_diacritics,
                },
            );
        }
        let want = self.exact.get(c.exact());
        if c.capitals() {
            if capitals_ok(want, buf) {
                surface.chars().any(char::is_lowercase)
                    || !want.chars().any(char::is_lowercase)
                    || in_capitals_line(text, span)
            } else {
                in_lower_case_passage(text, span)
            }
        } else {
            buf.as_str() == want
        }
    }

    fn any_valid(
        &self,
        k: u32,
        text: &str,
        span: std::ops::Range<usize>,
        buf: &mut String,
    ) -> bool {
        buf.clear();
        self.cands(k)
            .iter()
            .any(|&c| self.exact_ok(c, text, span.clone(), buf))
    }

    fn emit(
        &self,
        k: u32,
        span: std::ops::Range<usize>,
        text: &str,
        buf: &mut String,
        out: &mut Vec<Match>,
    ) {
        buf.clear();
        let mut last = NONE;
        for &c in self.cands(k) {
            if c.entry != last && self.exact_ok(c, text, span.clone(), buf) {
                out.push(Match {
                    start: span.start,
                    end: span.end,
                    entry: EntryId(c.entry),
                });
                last = c.entry;
            }
        }
    }
}

/// What the matcher asks at each word start: which keys are prefixes of the
/// text from here. The trie answers it; `examples/engines.rs` plugs the
/// aho-corasick crate in instead, to time it beside the trie.
#[doc(hidden)]
pub trait PrefixEngine {
    /// Calls `found(key, end)` for each key (numbered as in
    /// [`Gazetteer::keys`]) that is a prefix of `hay` read through the byte
    /// fold (ASCII lower case, ASCII white space as a space), in order of
    /// increasing length, where `hay[..end]` is what the key covers.
    fn prefixes(&self, hay: &[u8], found: impl FnMut(u32, usize));
}

impl PrefixEngine for Trie {
    #[inline]
    fn prefixes(&self, hay: &[u8], found: impl FnMut(u32, usize)) {
        Trie::prefixes(self, hay, found);
    }
}

/// `start..end` widened to character boundaries of `text`. The fold maps
/// character starts to character starts, so this only matters should a
/// character ever fold to several word characters and a match start or end
/// inside them; it keeps slicing safe whatever happens.
fn source_span(text: &str, mut start: usize, mut end: usize) -> std::ops::Range<usize> {
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests;
