//! Normalisation shared by names and texts.
//!
//! Names and texts go through the same fold, so that comparing folded bytes is
//! comparing under the matching semantics:
//!
//! * every run of white space (Unicode `White_Space`, so newline, CRLF and
//!   no-break space too) becomes one ASCII space;
//! * apostrophe variants become `'` and hyphen/dash variants become `-`;
//! * with case folding on, each character is mapped to its Unicode lower case,
//!   one character to one character (`İ` becomes `i`, not `i` + U+0307);
//! * with diacritic folding on, each character is canonically decomposed and
//!   its non-spacing marks are dropped (`ã` becomes `a`).
//!
//! The text fold also records, for every folded byte, the byte offset of the
//! source character it came from, and whether that character is a word
//! character (a Unicode letter, number or mark).

use unicode_general_category::{get_general_category, GeneralCategory as Gc};

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

/// Calls `emit` with each folded character of the non-space character `c`.
#[inline]
fn fold_char(c: char, mode: FoldMode, mut emit: impl FnMut(char)) {
    let c = fold_punct(c);
    if mode.diacritics && !c.is_ascii() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if get_general_category(d) != Gc::NonspacingMark {
                lower_into(d, mode.case, &mut emit);
            }
        });
    } else {
        lower_into(c, mode.case, &mut emit);
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

/// Folds a name: the result has no leading or trailing space.
pub(crate) fn fold_key(name: &str, mode: FoldMode) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        fold_char(c, mode, |f| out.push(f));
    }
    out
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
/// does not follow one, and, when asked, every other non-space character that
/// does not follow a word character.
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
    /// allocations. With `nonword_starts`, non-word characters are start
    /// positions too.
    ///
    /// The caller guarantees `text.len() < u32::MAX`.
    pub(crate) fn fold(&mut self, text: &str, diacritics: bool, nonword_starts: bool) {
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
        chunk.resize(CHUNK, 0);
        let raw = text.as_bytes();
        let mut after_word = false;
        if self.ascii {
            for (k, part) in raw.chunks(CHUNK).enumerate() {
                let base = (k * CHUNK) as u32;
                ascii_starts(
                    part,
                    base,
                    nonword_starts,
                    &mut after_word,
                    &mut chunk,
                    &mut starts,
                );
            }
            self.bytes = bytes;
            self.starts = starts;
            self.chunk = chunk;
            return;
        }
        bytes.reserve(text.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] < 0x80 {
                let end = raw.len().min(i + CHUNK);
                let run = &raw[i..end];
                let run = &run[..run.iter().position(|&b| b >= 0x80).unwrap_or(run.len())];
                let base = bytes.len() as u32;
                ascii_starts(
                    run,
                    base,
                    nonword_starts,
                    &mut after_word,
                    &mut chunk,
                    &mut starts,
                );
                bytes.extend(run.iter().map(|&b| BYTE_FOLD[b as usize]));
                i += run.len();
                continue;
            }
            let c = text[i..].chars().next().expect("a char starts here");
            let len = c.len_utf8();
            let at = bytes.len();
            if is_space(c) {
                bytes.push(b' ');
                after_word = false;
            } else {
                fold_char(c, mode, |f| {
                    let mut buf = [0u8; 4];
                    bytes.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
                });
                // Word-ness of what the character folded to (a folded
                // character drops no class: letters stay letters).
                let word = decode(&bytes[at..]).is_some_and(is_word_char);
                if !after_word && (word || nonword_starts) && bytes.len() > at {
                    starts.push(at as u32);
                }
                if bytes.len() > at {
                    after_word = word;
                }
            }
            i += len;
            if bytes.len() - at != len {
                self.breaks.push((bytes.len() as u32, i as u32));
            }
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
/// `base`: each position is written unconditionally and kept or not, so that
/// no branch is mispredicted at every word boundary.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose: see above.
fn ascii_starts(
    run: &[u8],
    base: u32,
    nonword_starts: bool,
    after_word: &mut bool,
    buf: &mut [u32],
    starts: &mut Vec<u32>,
) {
    let buf = &mut buf[..run.len()];
    let mut n = 0;
    let mut after = *after_word;
    for (j, &b) in run.iter().enumerate() {
        let class = ASCII_CLASS[b as usize];
        let word = class == WORD;
        let start = !after & (word | (nonword_starts & (class == OTHER)));
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
            ("MÜNCHEN", "münchen"),
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
    fn diacritics_fold_only_when_asked() {
        let d = FoldMode {
            case: true,
            diacritics: true,
        };
        assert_eq!(fold_key("São Paulo", d), "sao paulo");
        assert_eq!(fold_key("São Paulo", CI), "são paulo");
        assert_eq!(fold_key("İzmir", d), "izmir");
    }

    #[test]
    fn text_fold_maps_back_to_source_bytes() {
        let mut f = FoldedText::default();
        let text = "A\r\n\u{0130}x \u{1F600}\u{00A0}\u{00A0}é ";
        f.fold(text, false, false);
        let folded = std::str::from_utf8(&f.bytes).unwrap();
        assert_eq!(folded, "a  ix \u{1F600}  é ");
        // Each folded character start maps to its source character start.
        let want = [0, 1, 2, 3, 5, 6, 7, 11, 13, 15, 17];
        let got: Vec<usize> = folded.char_indices().map(|(b, _)| f.src(b)).collect();
        assert_eq!(got, want);
        assert_eq!(f.src(f.bytes.len()), text.len());
        let w = |i| FoldedText::word_at(f.hay(text), i);
        assert!(w(0) && !w(1) && w(3) && !w(6));
        assert!(w(12) && !w(f.bytes.len()));
        // Word starts: a, i, é; with non-word starts also the emoji.
        assert_eq!(f.starts, [0, 3, 12]);
        f.fold(text, false, true);
        assert_eq!(f.starts, [0, 3, 6, 12]);
        // An ASCII text is read in place.
        f.fold("Ab, c-d", false, true);
        assert_eq!(
            (f.hay("Ab, c-d"), f.starts.as_slice()),
            (&b"Ab, c-d"[..], &[0, 4, 6][..])
        );
        assert_eq!((f.src(4), f.src(7)), (4, 7));
        f.fold(", c", false, true);
        assert_eq!(f.starts, [0, 2]);
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
