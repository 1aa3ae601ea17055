//! Normalisation shared by names and texts.
//!
//! Names and texts go through the same fold, so that comparing folded bytes is
//! comparing under the matching semantics:
//!
//! * every run of white space (Unicode `White_Space`, so newline, CRLF and
//!   no-break space too) becomes one ASCII space;
//! * apostrophe variants become `'` and hyphen/dash variants become `-`;
//! * every character is canonically decomposed and each run of combining
//!   marks put in canonical order, so that a name and a text meet whatever
//!   their normalisation form: "José" in NFC (`é` one character) and in NFD
//!   (`e` + U+0301) fold alike, and so do `ệ`, `ê` + U+0323 and the marks
//!   U+0323 U+0302 after an `e` (Unicode canonical equivalence; ASCII is its
//!   own decomposition and keeps its fast paths);
//! * with case folding on, each character is mapped to its Unicode lower case,
//!   one character to one character (`İ` becomes `i`, not `i` + U+0307; a
//!   dot above right after an `i` is dropped, so that `I` + U+0307 is `i` too);
//! * with diacritic folding on, the non-spacing marks are dropped (`ã`
//!   becomes `a`).
//!
//! The text fold also records, for every folded byte, the byte offset of the
//! source character it came from, and whether that character is a word
//! character (a Unicode letter, number or mark).

use unicode_general_category::{get_general_category, GeneralCategory as Gc};
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

/// Flag bit: the folded character covering this byte is a word character.
pub(crate) const WORD: u8 = 1;

/// How a fold treats case and diacritics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FoldMode {
    /// Map to lower case.
    pub case: bool,
    /// Decompose and drop non-spacing marks.
    pub diacritics: bool,
}

/// Whether `c` is a word character: a letter, number or mark.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        get_general_category(c),
        Gc::UppercaseLetter
            | Gc::LowercaseLetter
            | Gc::TitlecaseLetter
            | Gc::ModifierLetter
            | Gc::OtherLetter
            | Gc::NonspacingMark
            | Gc::SpacingMark
            | Gc::EnclosingMark
            | Gc::DecimalNumber
            | Gc::LetterNumber
            | Gc::OtherNumber
    )
}

/// Whether `c` is folded away as a space (Unicode `White_Space`).
#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The variant fold of punctuation inside names, applied in every mode.
#[inline]
fn fold_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => c,
    }
}

/// Calls `emit` with each folded character of the non-space character `c`:
/// its canonical decomposition, lowered with `mode.case`, without its
/// non-spacing marks with `mode.diacritics`.
#[inline]
fn fold_char(c: char, mode: FoldMode, mut emit: impl FnMut(char)) {
    let c = fold_punct(c);
    if c.is_ascii() || undecomposable(c) || (mode.case && c == '\u{0130}') {
        // These decompose to themselves; `İ` lowers to `i` alone (see `lower_into`).
        lower_into(c, mode.case, &mut emit);
    } else {
        decompose_canonical(c, |d| {
            if !mode.diacritics || get_general_category(d) != Gc::NonspacingMark {
                lower_into(d, mode.case, &mut emit);
            }
        });
    }
}

/// Whether `c` is one of the common characters of news that surely have no
/// canonical decomposition and are starters (class 0), so that the tables
/// need not be asked: Latin-1 signs, general punctuation (curly quotes,
/// dashes), CJK ideographs.
#[inline]
fn undecomposable(c: char) -> bool {
    matches!(c as u32, 0x80..=0xBF | 0x2002..=0x206F | 0x4E00..=0x9FFF)
}

/// The canonical combining class of `c` (0 for a starter), without a table
/// look-up below the first combining marks (U+0300) and for
/// [`undecomposable`] characters.
#[inline]
fn combining_class(c: char) -> u8 {
    if (c as u32) < 0x300 || undecomposable(c) {
        0
    } else {
        canonical_combining_class(c)
    }
}

/// COMBINING DOT ABOVE: after an `i` it adds nothing (see [`MarkRun::close`]).
const DOT_ABOVE: char = '\u{0307}';

/// The run of combining marks (characters of a non-zero canonical combining
/// class) at the end of a folded buffer, to be put in canonical order when
/// it ends: marks given in another order (`ê` + U+0323 decomposes to `e`,
/// U+0302, U+0323; `ệ` to `e`, U+0323, U+0302) then fold alike. A run is
/// sorted once, when it ends, so that a long run costs n log n, not n².
#[derive(Clone, Copy, Debug, Default)]
struct MarkRun {
    /// Where the run starts in the buffer, if one is open.
    start: Option<usize>,
    /// The combining class of its last mark.
    last: u8,
    /// Some mark follows one of a higher class.
    unsorted: bool,
}

impl MarkRun {
    /// Appends the folded character `f` to `out`. A starter (class 0) ends
    /// the open run first: then the run's start is returned if its bytes
    /// changed (see [`MarkRun::close`]).
    #[inline]
    fn push(&mut self, out: &mut Vec<u8>, f: char, case: bool) -> Option<usize> {
        let class = combining_class(f);
        let mut changed = None;
        if class == 0 {
            changed = self.close(out, case);
        } else {
            match self.start {
                None => {
                    self.start = Some(out.len());
                    self.unsorted = false;
                }
                Some(_) => self.unsorted |= class < self.last,
            }
            self.last = class;
        }
        let mut buf = [0u8; 4];
        out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
        changed
    }

    /// Ends the open run: sorts its marks by class (stably: marks of one
    /// class keep their order) and, with `case`, drops a dot above that
    /// comes right after an `i`. Returns the run's start if its bytes
    /// changed, so that a map of offsets can be mended.
    #[inline]
    fn close(&mut self, out: &mut Vec<u8>, case: bool) -> Option<usize> {
        let start = self.start.take()?;
        let dotted_i = case && start > 0 && out[start - 1] == b'i';
        let dot_first = dotted_i && out[start..].starts_with("\u{0307}".as_bytes());
        if !self.unsorted && !dot_first {
            return None;
        }
        let text = std::str::from_utf8(&out[start..]).expect("marks are whole characters");
        let mut marks: Vec<char> = text.chars().collect();
        marks.sort_by_key(|&m| canonical_combining_class(m));
        if dotted_i && marks.first() == Some(&DOT_ABOVE) {
            marks.remove(0);
        }
        out.truncate(start);
        let mut buf = [0u8; 4];
        for m in marks {
            out.extend_from_slice(m.encode_utf8(&mut buf).as_bytes());
        }
        Some(start)
    }
}

#[inline]
fn lower_into(c: char, case: bool, emit: &mut impl FnMut(char)) {
    if !case {
        emit(c);
    } else if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if c == '\u{0130}' {
        // LATIN CAPITAL LETTER I WITH DOT ABOVE: its full lower case is two
        // characters; one to one keeps "istanbul" matching "İstanbul".
        emit('i');
    } else if c == '\u{03C2}' {
        // GREEK SMALL LETTER FINAL SIGMA is the same letter as σ (its case
        // fold): "ΟΔΥΣΣΕΥΣ" lowers to "οδυσσευσ", and must find "Οδυσσεύς".
        emit('\u{03C3}');
    } else {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => emit(l),
            // No other character has a multi-character lower case today;
            // should Unicode add one, keep the character as it is.
            _ => emit(c),
        }
    }
}

/// Whether `c` is a combining mark (a mark that joins the character before
/// it): a name of marks alone has no character to join.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::NonspacingMark | Gc::SpacingMark | Gc::EnclosingMark
    )
}

/// Folds a name: the result has no leading or trailing space.
pub(crate) fn fold_key(name: &str, mode: FoldMode) -> String {
    if name.is_ascii() {
        fold_ascii_key(name.as_bytes(), mode.case)
    } else {
        fold_any_key(name, mode)
    }
}

/// [`fold_key`] of an ASCII name, a byte at a time: ASCII characters have
/// no decomposition nor marks, so the fold is the lower case with runs of
/// white space made one space. Most names of a large gazetteer are ASCII,
/// and the general path was a tenth of building one (perf).
fn fold_ascii_key(name: &[u8], case: bool) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut pending_space = false;
    for &b in name {
        // The ASCII characters that `char::is_whitespace` holds.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(if case { b.to_ascii_lowercase() } else { b });
    }
    String::from_utf8(out).expect("ASCII bytes")
}

/// [`fold_key`] of any name, a character at a time.
fn fold_any_key(name: &str, mode: FoldMode) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut run = MarkRun::default();
    let mut pending_space = false;
    for c in name.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            run.push(&mut out, ' ', mode.case);
            pending_space = false;
        }
        fold_char(c, mode, |f| {
            run.push(&mut out, f, mode.case);
        });
    }
    run.close(&mut out, mode.case);
    String::from_utf8(out).expect("whole characters were pushed")
}

/// The characters that are not word characters but begin some key: the
/// scan must try to start a match at them too.
#[derive(Clone, Debug)]
pub(crate) struct StartSet {
    /// ASCII bytes that begin a key.
    ascii: [bool; 128],
    /// The same bytes, listed.
    listed: Vec<u8>,
    /// Some key begins with a non-ASCII character that is not a word
    /// character.
    non_ascii: bool,
}

impl Default for StartSet {
    fn default() -> StartSet {
        StartSet {
            ascii: [false; 128],
            listed: Vec::new(),
            non_ascii: false,
        }
    }
}

impl StartSet {
    /// Adds the first character of a key that does not start with a word
    /// character.
    pub(crate) fn add(&mut self, c: char) {
        if c.is_ascii() {
            if !self.ascii[c as usize] {
                self.ascii[c as usize] = true;
                self.listed.push(c as u8);
            }
        } else {
            self.non_ascii = true;
        }
    }

    /// Whether the folded non-word character `c` may start a match.
    #[inline]
    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.non_ascii
        }
    }
}

/// A folded text with its map back to the source.
///
/// The text fold maps every ASCII byte to one byte (white space to a space:
/// runs are not collapsed here, the trie walk absorbs them), so the map back
/// to the source is kept sparse: a list of break points where the byte for
/// byte correspondence shifts (a character whose fold has another length).
/// Between break points, folded byte `f` comes from source byte
/// `src + (f - folded)` of the last break point.
///
/// The same pass records where a match may start: every word character that
/// does not follow one, and every character of a [`StartSet`] that does not
/// follow a word character.
///
/// An ASCII text is not copied: its fold is byte for byte, so the matcher
/// reads the text itself through [`BYTE_FOLD`] ([`FoldedText::hay`]).
#[derive(Default, Debug)]
pub(crate) struct FoldedText {
    /// The folded text, UTF-8; empty for an ASCII text.
    bytes: Vec<u8>,
    /// The text was ASCII, and `bytes` is not used.
    ascii: bool,
    /// Folded offsets where a match may start, increasing.
    pub starts: Vec<u32>,
    /// `(folded offset, source offset)` pairs, increasing, starting at (0, 0).
    breaks: Vec<(u32, u32)>,
    /// Length of the source.
    src_len: u32,
    /// Scratch for [`ascii_starts`], allocated and zeroed once.
    chunk: Vec<u32>,
}

impl FoldedText {
    /// Folds `text` (case-insensitively) into this buffer, reusing its
    /// allocations; the characters of `extra` are start positions too.
    ///
    /// The caller guarantees `text.len() < u32::MAX`.
    pub(crate) fn fold(&mut self, text: &str, diacritics: bool, extra: &StartSet) {
        debug_assert!(u32::try_from(text.len()).is_ok());
        let mode = FoldMode {
            case: true,
            diacritics,
        };
        // Work on locals so that lengths and pointers stay in registers.
        let mut bytes = std::mem::take(&mut self.bytes);
        let mut starts = std::mem::take(&mut self.starts);
        bytes.clear();
        starts.clear();
        self.breaks.clear();
        self.breaks.push((0, 0));
        self.src_len = text.len() as u32;
        self.ascii = text.is_ascii();
        starts.reserve(text.len() / 4);
        let mut chunk = std::mem::take(&mut self.chunk);
        chunk.resize(CHUNK + 8, 0);
        let raw = text.as_bytes();
        let mut after_word = false;
        if self.ascii {
            for (k, part) in raw.chunks(CHUNK).enumerate() {
                let base = (k * CHUNK) as u32;
                ascii_starts(part, base, extra, &mut after_word, &mut chunk, &mut starts);
            }
            self.bytes = bytes;
            self.starts = starts;
            self.chunk = chunk;
            return;
        }
        bytes.reserve(text.len());
        let mut run = MarkRun::default();
        let breaks = &mut self.breaks;
        // A run of marks that changed when it ended (sorted, or a dot above
        // dropped) gets one break at its end, at source offset `src`: offsets
        // inside a run of marks are never a match's start or end (a mark is a
        // word character, and follows one).
        let mend = |breaks: &mut Vec<(u32, u32)>, start: usize, end: usize, src: usize| {
            while breaks.last().is_some_and(|&(f, _)| f as usize > start) {
                breaks.pop();
            }
            match breaks.last_mut() {
                Some(last) if last.0 as usize == end => last.1 = src as u32,
                _ => breaks.push((end as u32, src as u32)),
            }
        };
        let mut i = 0;
        while i < raw.len() {
            if raw[i] < 0x80 {
                if let Some(start) = run.close(&mut bytes, true) {
                    mend(breaks, start, bytes.len(), i);
                }
                let end = raw.len().min(i + CHUNK);
                let run = &raw[i..end];
                let run = &run[..run.iter().position(|&b| b >= 0x80).unwrap_or(run.len())];
                let base = bytes.len() as u32;
                ascii_starts(run, base, extra, &mut after_word, &mut chunk, &mut starts);
                bytes.extend(run.iter().map(|&b| BYTE_FOLD[b as usize]));
                i += run.len();
                continue;
            }
            let c = text[i..].chars().next().expect("a char starts here");
            let len = c.len_utf8();
            if is_space(c) {
                if let Some(start) = run.close(&mut bytes, true) {
                    mend(breaks, start, bytes.len(), i);
                }
            }
            let mut at = bytes.len();
            if is_space(c) {
                bytes.push(b' ');
                after_word = false;
            } else {
                fold_char(c, mode, |f| {
                    if let Some(start) = run.push(&mut bytes, f, true) {
                        // The run before `c` ended at `c`'s first character
                        // and changed: `c` now begins where the run ends.
                        let end = bytes.len() - f.len_utf8();
                        mend(breaks, start, end, i);
                        at = at.min(end);
                    }
                });
                // Word-ness of what the character folded to (a folded
                // character drops no class: letters stay letters).
                let word = decode(&bytes[at..]).is_some_and(is_word_char);
                let first = decode(&bytes[at..]);
                let start = word || first.is_some_and(|f| extra.has(f));
                if !after_word && start && bytes.len() > at {
                    starts.push(at as u32);
                }
                if bytes.len() > at {
                    after_word = word;
                }
            }
            i += len;
            if bytes.len() - at != len {
                breaks.push((bytes.len() as u32, i as u32));
            }
        }
        if let Some(start) = run.close(&mut bytes, true) {
            mend(breaks, start, bytes.len(), i);
        }
        self.bytes = bytes;
        self.starts = starts;
        self.chunk = chunk;
    }

    /// The source offset of folded offset `f`, which must be the start of a
    /// folded character or the end.
    pub(crate) fn src(&self, f: usize) -> usize {
        if self.ascii {
            return f;
        }
        if f >= self.bytes.len() {
            return self.src_len as usize;
        }
        let k = self.breaks.partition_point(|&(ff, _)| ff as usize <= f) - 1;
        let (ff, ss) = self.breaks[k];
        ss as usize + (f - ff as usize)
    }

    /// The bytes to match: the folded text, or for an ASCII text the text
    /// itself, to be read through [`BYTE_FOLD`].
    #[inline]
    pub(crate) fn hay<'a>(&'a self, text: &'a str) -> &'a [u8] {
        if self.ascii {
            text.as_bytes()
        } else {
            &self.bytes
        }
    }

    /// Whether the character at byte `i` of `hay` is a word character (false
    /// at the end).
    #[inline]
    pub(crate) fn word_at(hay: &[u8], i: usize) -> bool {
        match hay.get(i) {
            None => false,
            Some(&b) if b < 0x80 => ASCII_CLASS[b as usize] == WORD,
            Some(_) => decode(&hay[i..]).is_some_and(is_word_char),
        }
    }
}

/// The character at the start of `bytes`, which hold valid UTF-8.
#[inline]
pub(crate) fn decode(bytes: &[u8]) -> Option<char> {
    let len = match bytes.first()? {
        b if *b < 0x80 => 1,
        b if *b >= 0xF0 => 4,
        b if *b >= 0xE0 => 3,
        _ => 2,
    };
    std::str::from_utf8(bytes.get(..len)?).ok()?.chars().next()
}

/// Records the start positions in a run of ASCII `run` at folded offset
/// `base`: eight bytes at a time in a `u64` when few bytes begin keys that
/// start with punctuation, else one at a time.
#[inline]
fn ascii_starts(
    run: &[u8],
    base: u32,
    extra: &StartSet,
    after_word: &mut bool,
    buf: &mut [u32],
    starts: &mut Vec<u32>,
) {
    if extra.listed.len() > SWAR_EXTRA_MAX {
        ascii_starts_scalar(run, base, extra, after_word, buf, starts);
        return;
    }
    let mut words = run.chunks_exact(8);
    let mut at = base;
    // Up to 4 starts an 8-byte word are written branch-free (at most 4 word
    // starts fit in 8 bytes); the loop for more runs only with extra starts.
    let buf = &mut buf[..run.len() + 8];
    let mut n = 0;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        let word = swar_word(x);
        let mut candidates = word;
        for &c in &extra.listed {
            candidates |= swar_eq(x, c);
        }
        // A candidate that does not follow a word byte; the byte before the
        // first is the last of the previous block.
        let follows = (word << 8) | (u64::from(*after_word) << 7);
        let mut found = candidates & !follows;
        *after_word = word >> 63 == 1;
        for _ in 0..4 {
            buf[n] = at + found.trailing_zeros() / 8;
            n += usize::from(found != 0);
            found &= found.wrapping_sub(1);
        }
        while found != 0 {
            buf[n] = at + found.trailing_zeros() / 8;
            n += 1;
            found &= found - 1;
        }
        at += 8;
    }
    starts.extend_from_slice(&buf[..n]);
    let rest = words.remainder();
    ascii_starts_scalar(rest, at, extra, after_word, buf, starts);
}

/// Above this many start bytes, [`ascii_starts`] goes a byte at a time.
const SWAR_EXTRA_MAX: usize = 4;

const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}
const HIGH: u64 = splat(0x80);

/// For eight ASCII bytes, the high bit of each byte that is `[A-Za-z0-9]`.
///
/// Each test adds a constant that carries into a byte's high bit exactly when
/// the byte is at or above a bound; bytes are below 0x80, so no carry crosses
/// into the next byte.
#[inline]
fn swar_word(x: u64) -> u64 {
    let lower = x | splat(0x20); // A-Z to a-z; nothing else lands in a-z
    let from_a = lower + splat(0x80 - b'a');
    let past_z = lower + splat(0x80 - (b'z' + 1));
    let from_0 = x + splat(0x80 - b'0');
    let past_9 = x + splat(0x80 - (b'9' + 1));
    ((from_a & !past_z) | (from_0 & !past_9)) & HIGH
}

/// For eight ASCII bytes, the high bit of each byte equal to `c`.
#[inline]
fn swar_eq(x: u64, c: u8) -> u64 {
    let y = x ^ splat(c);
    // High bit set where a byte of y is not zero (exact: no borrow).
    let nonzero = ((y & !HIGH) + !HIGH) | y;
    !nonzero & HIGH
}

/// [`ascii_starts`] a byte at a time: each position is written
/// unconditionally and kept or not, so that no branch is mispredicted at
/// every word boundary.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose: see above.
fn ascii_starts_scalar(
    run: &[u8],
    base: u32,
    extra: &StartSet,
    after_word: &mut bool,
    buf: &mut [u32],
    starts: &mut Vec<u32>,
) {
    let buf = &mut buf[..run.len()];
    let mut n = 0;
    let mut after = *after_word;
    for (j, &b) in run.iter().enumerate() {
        let word = ASCII_CLASS[b as usize] == WORD;
        let start = !after & (word | extra.ascii[b as usize]);
        buf[n] = base + j as u32;
        n += usize::from(start);
        after = word;
    }
    *after_word = after;
    starts.extend_from_slice(&buf[..n]);
}

/// Bytes of ASCII folded at a time.
const CHUNK: usize = 4096;
const SPACE: u8 = 2;
const OTHER: u8 = 0;

/// The case fold of a byte of a text: ASCII to lower case, ASCII white
/// space to a space, other bytes as they are. It is idempotent, so it reads
/// both a raw ASCII text and a folded one.
pub(crate) static BYTE_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if b < 128 && ASCII_CLASS[b] == SPACE {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

/// ASCII classes: [`WORD`], [`SPACE`] or [`OTHER`].
static ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = WORD;
        }
        b += 1;
    }
    // Unicode White_Space in ASCII: TAB, LF, VT, FF, CR, SPACE.
    t[0x09] = SPACE;
    t[0x0A] = SPACE;
    t[0x0B] = SPACE;
    t[0x0C] = SPACE;
    t[0x0D] = SPACE;
    t[0x20] = SPACE;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    const CI: FoldMode = FoldMode {
        case: true,
        diacritics: false,
    };

    #[test]
    fn keys_fold_case_space_and_variants() {
        let cases = [
            ("MÜNCHEN", "mu\u{0308}nchen"),
            ("İstanbul", "istanbul"),
            ("  Bashar \u{00A0}\n al\u{2013}Assad ", "bashar al-assad"),
            ("Assad\u{2019}s", "assad's"),
            ("O\u{02BC}Neil", "o'neil"),
        ];
        for (name, want) in cases {
            assert_eq!(fold_key(name, CI), want, "{name:?}");
        }
    }

    #[test]
    fn ascii_keys_fold_as_any_key_does() {
        // Every ASCII byte, in runs and alone, in each mode.
        let all: String = (0u8..128).map(char::from).collect();
        let mut names = vec![all.clone(), format!("  {all}  "), String::new()];
        names.extend((0u8..128).map(|b| format!("\t{}A b", char::from(b))));
        names.extend(["Lind  \x0b Ames", " \r\nVoss\x0c", "\x1c\x1fNordvik"].map(String::from));
        for name in &names {
            for case in [true, false] {
                let mode = FoldMode {
                    case,
                    diacritics: !case,
                };
                assert_eq!(
                    fold_ascii_key(name.as_bytes(), case),
                    fold_any_key(name, mode)
                );
            }
        }
    }

    #[test]
    fn diacritics_fold_only_when_asked() {
        let d = FoldMode {
            case: true,
            diacritics: true,
        };
        assert_eq!(fold_key("São Paulo", d), "sao paulo");
        assert_eq!(fold_key("São Paulo", CI), "sa\u{0303}o paulo");
        assert_eq!(fold_key("İzmir", d), "izmir");
    }

    #[test]
    fn text_fold_maps_back_to_source_bytes() {
        let mut f = FoldedText::default();
        let text = "A\r\n\u{0130}x \u{1F600}\u{00A0}\u{00A0}é ";
        let none = StartSet::default();
        let mut emoji = StartSet::default();
        emoji.add('\u{1F600}');
        emoji.add('-');
        f.fold(text, false, &none);
        let folded = std::str::from_utf8(&f.bytes).unwrap();
        assert_eq!(folded, "a  ix \u{1F600}  e\u{0301} ");
        // Each folded character start maps to its source character start
        // (a mark of a decomposition has none of its own).
        let want = [0, 1, 2, 3, 5, 6, 7, 11, 13, 15, 17];
        let got: Vec<usize> = folded
            .char_indices()
            .filter(|&(_, c)| canonical_combining_class(c) == 0)
            .map(|(b, _)| f.src(b))
            .collect();
        assert_eq!(got, want);
        assert_eq!(f.src(f.bytes.len()), text.len());
        let w = |i| FoldedText::word_at(f.hay(text), i);
        assert!(w(0) && !w(1) && w(3) && !w(6));
        assert!(w(12) && !w(f.bytes.len()));
        // Word starts: a, i, é; with the emoji as a start character, it too.
        assert_eq!(f.starts, [0, 3, 12]);
        f.fold(text, false, &emoji);
        assert_eq!(f.starts, [0, 3, 6, 12]);
        // An ASCII text is read in place; '-' starts only after a non-word.
        f.fold("Ab, c-d -e", false, &emoji);
        assert_eq!(f.hay("Ab, c-d -e"), b"Ab, c-d -e");
        assert_eq!(f.starts, [0, 4, 6, 8, 9]);
        assert_eq!((f.src(4), f.src(10)), (4, 10));
    }

    /// The NFC and NFD forms of `s`, by hand: (composed, decomposed).
    const FORMS: [(&str, &str); 8] = [
        ("José", "Jose\u{0301}"),
        ("MÜLLER", "MU\u{0308}LLER"),
        ("Nguyễn", "Nguye\u{0302}\u{0303}n"),
        ("\u{1EC7}", "e\u{0323}\u{0302}"),
        ("\u{00C5}ngstr\u{00F6}m", "A\u{030A}ngstro\u{0308}m"),
        (
            "\u{1F08}\u{03B8}\u{1FC6}\u{03BD}\u{03B1}\u{03B9}",
            "\u{0391}\u{0313}\u{03B8}\u{03B7}\u{0342}\u{03BD}\u{03B1}\u{03B9}",
        ),
        (
            "\u{D55C}\u{AD6D}",
            "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}",
        ),
        ("\u{0130}stanbul", "I\u{0307}stanbul"),
    ];

    #[test]
    fn composed_and_decomposed_names_fold_alike() {
        let modes = [
            CI,
            FoldMode {
                case: false,
                diacritics: false,
            },
            FoldMode {
                case: true,
                diacritics: true,
            },
        ];
        for (nfc, nfd) in FORMS {
            for mode in modes {
                assert_eq!(fold_key(nfc, mode), fold_key(nfd, mode), "{nfc:?} {mode:?}");
            }
        }
        // Marks in any order meet in canonical order; ANGSTROM SIGN is Å.
        let dotted = [
            "\u{1EC7}",
            "\u{00EA}\u{0323}",
            "e\u{0302}\u{0323}",
            "e\u{0323}\u{0302}",
        ];
        for d in dotted {
            assert_eq!(fold_key(d, CI), "e\u{0323}\u{0302}", "{d:?}");
        }
        assert_eq!(fold_key("\u{212B}", CI), fold_key("\u{00E5}", CI));
        // A dot above after an i adds nothing (case-insensitive only).
        assert_eq!(fold_key("I\u{0307}stanbul", CI), "istanbul");
        assert_eq!(fold_key("i\u{0307}", CI), "i");
        assert_eq!(fold_key("a\u{0307}", CI), "a\u{0307}");
        // Final sigma folds like sigma, composed or not.
        assert_eq!(
            fold_key(
                "\u{039F}\u{03B4}\u{03C5}\u{03C3}\u{03C3}\u{03B5}\u{03CD}\u{03C2}",
                CI
            ),
            fold_key(
                "\u{039F}\u{0394}\u{03A5}\u{03A3}\u{03A3}\u{0395}\u{03A5}\u{0301}\u{03A3}",
                CI
            )
        );
    }

    #[test]
    fn the_fast_paths_agree_with_the_unicode_tables() {
        for c in (0x80..0x3000)
            .chain(0x4E00..0xA000)
            .filter_map(char::from_u32)
        {
            assert_eq!(combining_class(c), canonical_combining_class(c), "{c:?}");
            if undecomposable(c) {
                let mut parts = vec![];
                decompose_canonical(c, |d| parts.push(d));
                assert_eq!(parts, [c], "{c:?}");
            }
        }
    }

    #[test]
    fn composed_and_decomposed_texts_fold_alike_with_exact_maps() {
        let none = StartSet::default();
        for (nfc, nfd) in FORMS {
            let (a, b) = (format!("x {nfc}, y"), format!("x {nfd}, y"));
            let (mut fa, mut fb) = (FoldedText::default(), FoldedText::default());
            fa.fold(&a, false, &none);
            fb.fold(&b, false, &none);
            assert_eq!(fa.bytes, fb.bytes, "{nfc:?}");
            assert_eq!(fa.starts, fb.starts, "{nfc:?}");
            // The name's folded span maps to the name in each source.
            let f_start = fa.starts[1] as usize;
            let f_end = fa.bytes.iter().position(|&c| c == b',').unwrap();
            assert_eq!(&a[fa.src(f_start)..fa.src(f_end)], nfc);
            assert_eq!(&b[fb.src(f_start)..fb.src(f_end)], nfd);
        }
        // A run of marks in another order, and a long run (sorted once).
        let mut f = FoldedText::default();
        let text = format!("\u{00EA}\u{0323} {} ok", "\u{0302}\u{0323}".repeat(5000));
        f.fold(&text, false, &none);
        let folded = std::str::from_utf8(&f.bytes).unwrap();
        assert!(folded.starts_with("e\u{0323}\u{0302} "));
        let ok = folded.rfind("ok").unwrap();
        assert_eq!(&text[f.src(ok)..], "ok");
        // The space after the first run: folded e, U+0323, U+0302 (5 bytes)
        // from source ê, U+0323 (4 bytes).
        assert_eq!((&folded[5..6], f.src(5)), (" ", 4));
    }

    #[test]
    fn swar_word_bytes_agree_with_the_class_table() {
        for b in 0u8..128 {
            let x = u64::from_le_bytes([b'.', b, b'a', b' ', b'Z', b, b'9', b]);
            let got = swar_word(x);
            for (k, &c) in x.to_le_bytes().iter().enumerate() {
                let want = ASCII_CLASS[c as usize] == WORD;
                assert_eq!(got >> (8 * k + 7) & 1 == 1, want, "byte {c:#x} at {k}");
            }
        }
    }

    #[test]
    fn ascii_starts_agree_across_block_edges() {
        let text = "ab cd-ef  g1 2h, i\tjk lmno'pqrst uv 'w x yz0 9 A/B C //D E F G H I";
        let mut buf = vec![0; CHUNK + 8];
        let mut sets = vec![
            StartSet::default(),
            StartSet::default(),
            StartSet::default(),
        ];
        sets[1].add('\'');
        sets[1].add('/');
        for c in ['\'', '/', ',', '-', '(', '.'] {
            sets[2].add(c); // more than SWAR_EXTRA_MAX: the scalar path
        }
        for extra in &sets {
            let bytes = text.as_bytes();
            let mut scalar = vec![];
            ascii_starts_scalar(bytes, 7, extra, &mut false, &mut buf, &mut scalar);
            let mut fast = vec![];
            ascii_starts(bytes, 7, extra, &mut false, &mut buf, &mut fast);
            assert_eq!(fast, scalar);
        }
        let mut fast = vec![];
        ascii_starts(
            b"a 'b x'y //z",
            0,
            &sets[1],
            &mut false,
            &mut buf,
            &mut fast,
        );
        assert_eq!(fast, [0, 2, 3, 5, 7, 9, 10, 11]);
    }

    #[test]
    fn swar_eq_finds_exactly_the_byte() {
        for c in 0u8..128 {
            for b in 0u8..128 {
                let x = u64::from_le_bytes([b, c, 0, 0x7f, b, 1, c, b]);
                let got = swar_eq(x, c);
                for (k, &v) in x.to_le_bytes().iter().enumerate() {
                    assert_eq!(got >> (8 * k + 7) & 1 == 1, v == c);
                }
            }
        }
    }

    #[test]
    fn word_chars_are_letters_numbers_and_marks() {
        for c in ['a', 'Z', '7', 'é', '\u{0301}', 'ß', '٣', 'Ⅻ', '中'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in [' ', '\'', '-', '.', '\u{2019}', '\u{1F600}', '_'] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }
}
