//! Byte offsets to character offsets.
//!
//! Rust slices strings by bytes; Python indexes them by code points. A
//! [`CharOffsets`] converts the byte offsets of one text, asked in
//! non-decreasing order, in time linear in the text.

/// Converts byte offsets of one text to character (code point) offsets.
#[derive(Debug)]
pub struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `at`, which must lie on a
    /// character boundary. Offsets asked in non-decreasing order cost time
    /// linear in the text; going back rescans from the start.
    pub fn to_char(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }

    /// The character offsets of `start..end`: `start` in order as for
    /// [`CharOffsets::to_char`], `end` counted from it without moving the
    /// cursor.
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_char(start);
        if self.ascii {
            return (s, end);
        }
        (s, s + self.text[start..end].chars().count())
    }
}

/// The character offsets of byte offsets of `text` given in any order (each
/// on a character boundary), in time linear in the text.
pub fn to_chars(text: &str, offsets: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        return offsets.to_vec();
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut conv = CharOffsets::new(text);
    let mut out = vec![0; offsets.len()];
    for i in order {
        out[i] = conv.to_char(offsets[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{to_chars, CharOffsets};

    #[test]
    fn converts_offsets_in_any_order() {
        let text = "é😀a İ";
        assert_eq!(to_chars(text, &[6, 0, 8, 2, 10]), [2, 0, 4, 1, 5]);
        assert_eq!(to_chars("abc", &[3, 1]), [3, 1]);
    }

    #[test]
    fn converts_bytes_to_code_points() {
        let text = "a\u{1F600}b\u{0130}c e\u{0301}";
        let mut c = CharOffsets::new(text);
        let want: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (i, &b) in want.iter().enumerate() {
            assert_eq!(c.to_char(b), i);
        }
        assert_eq!(c.to_char(0), 0);
        assert_eq!(c.span(1, 6), (1, 3));
        assert_eq!(CharOffsets::new("plain").span(1, 3), (1, 3));
    }
}
