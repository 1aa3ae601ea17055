//! Tokens, paragraphs, quotations and sentences of a news text.

use super::words::Lex;
use crate::gazetteer::is_word_char;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word (letters, digits, marks; inner apostrophes, hyphens and
    /// abbreviation dots included: "won’t", "al-Amin", "U.S").
    Word,
    /// One punctuation character.
    Punct,
    /// A double quotation mark that opens a quotation.
    Open,
    /// A double quotation mark that closes one.
    Close,
}

/// A token: a byte span of the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The first character.
    pub first: char,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.first == c
    }
    pub fn is_cap(&self) -> bool {
        self.kind == Kind::Word && self.first.is_uppercase()
    }
}

/// A quotation: the tokens of its marks (the closing one absent when the
/// paragraph ended first).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quotation {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or the paragraph's end token index
    /// (exclusive) when the quotation was left open.
    pub close: usize,
    /// Left open at the end of its paragraph.
    pub open_ended: bool,
}

impl Quotation {
    /// Content token range (inside the marks).
    pub fn inner(&self) -> std::ops::Range<usize> {
        self.open + 1..self.close
    }
    /// Token range including the marks that exist.
    pub fn outer(&self) -> std::ops::Range<usize> {
        self.open..if self.open_ended {
            self.close
        } else {
            self.close + 1
        }
    }
}

/// A paragraph: a token range, its quotations and its sentence units.
#[derive(Clone, Debug)]
pub(crate) struct Paragraph {
    pub toks: std::ops::Range<usize>,
    pub quotes: Vec<Quotation>,
    /// Sentence units: token ranges that never end inside a quotation.
    pub units: Vec<std::ops::Range<usize>>,
}

/// A tokenised text.
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
    pub paras: Vec<Paragraph>,
    /// The cue at each token and its length in tokens, filled by the
    /// extractor (empty until then).
    pub cues: Vec<Option<(super::lexicon::Cue, u8)>>,
    /// Every token lowercased, end to end, and where each one ends in it
    /// (filled with the cues: see [`Doc::lower`]).
    pub lowered: String,
    pub lower_ends: Vec<usize>,
    /// The lexical classes of each token (filled with the lowercase forms:
    /// see [`Doc::is`]).
    pub lex: Vec<Lex>,
}

/// Whether `c` ends a line or a paragraph: a line feed, and also the
/// carriage return (alone or before a line feed), the vertical tab, the form
/// feed, NEL (U+0085) and the Unicode line and paragraph separators (U+2028,
/// U+2029): text from old Macs, Windows, word processors and the web breaks
/// paragraphs with any of them.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "rev", "hon", "pres", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "u.s", "u.n", "u.k",
    "e.g", "i.e", "d.c", "n.y", "l.a", "etc", "approx", "dept", "univ", "adm",
];

impl<'t> Doc<'t> {
    pub fn new(text: &'t str) -> Doc<'t> {
        let mut toks = Vec::new();
        let mut para_starts = vec![0usize];
        // In hard-wrapped text a single line break is a wrap, not a
        // paragraph break: only a blank line or an indented line parts.
        let wrapped = hard_wrapped(text);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                let (breaks, indented) = white_run(&mut chars, c);
                let newline = breaks > 0 && !(wrapped && breaks == 1 && !indented);
                if newline && para_starts.last() != Some(&toks.len()) {
                    para_starts.push(toks.len());
                }
                continue;
            }
            if is_word_char(c) || (is_apostrophe(c) && next_is_digit(text, i + c.len_utf8())) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    let joins = is_word_char(d)
                        || ((is_apostrophe(d) || is_dash(d) || d == '.' || d == '&')
                            && next_is_word(text, j + d.len_utf8()))
                        // "7,500", "9/11": a separator between digits.
                        || (matches!(d, ',' | '/')
                            && text[i..j].ends_with(|p: char| p.is_ascii_digit())
                            && next_is_digit(text, j + 1))
                        // "FranÃ\u{83}Â§ois": a name garbled by a wrong
                        // decoding stays one word.
                        || garbled(&text[i..j], d);
                    if !joins {
                        break;
                    }
                    chars.next();
                    end = j + d.len_utf8();
                }
                toks.push(Tok {
                    start: i,
                    end,
                    kind: Kind::Word,
                    first: c,
                });
                continue;
            }
            // Two apostrophes: a straight double quotation mark (''like
            // this'' in some newspapers' styles).
            if c == '\'' && text[i + 1..].starts_with('\'') {
                chars.next();
                toks.push(Tok {
                    start: i,
                    end: i + 2,
                    kind: Kind::Open,
                    first: '"',
                });
                continue;
            }
            let kind = match c {
                '\u{201C}' | '\u{201E}' | '\u{00AB}' => Kind::Open,
                '\u{201D}' | '\u{00BB}' => Kind::Close,
                // Decided below, from the state of the paragraph.
                '"' => Kind::Open,
                _ => Kind::Punct,
            };
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind,
                first: c,
            });
        }
        let n = toks.len();
        if para_starts.last() != Some(&n) {
            para_starts.push(n);
        }
        let mut paras = Vec::new();
        for w in para_starts.windows(2) {
            let range = w[0]..w[1];
            if range.is_empty() {
                continue;
            }
            let mut quotes = pair_quotes(text, &mut toks, range.clone());
            drop_nicknames(&mut toks, range.clone(), &mut quotes);
            let units = units(text, &toks, range.clone(), &quotes);
            paras.push(Paragraph {
                toks: range,
                quotes,
                units,
            });
        }
        Doc {
            text,
            toks,
            paras,
            cues: Vec::new(),
            lowered: String::new(),
            lower_ends: Vec::new(),
            lex: Vec::new(),
        }
    }

    /// The text of a token range.
    pub fn span(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if r.is_empty() {
            let at = self.toks.get(r.start).map_or(self.text.len(), |t| t.start);
            return at..at;
        }
        self.toks[r.start].start..self.toks[r.end - 1].end
    }

    /// Token `i` lowercased, from the table computed once per document
    /// (`words::lowercase`); the word itself lowercased before that.
    pub fn lower(&self, i: usize) -> &str {
        let Some(&end) = self.lower_ends.get(i) else {
            debug_assert!(false, "Doc::lower before words::lowercase");
            return self.word(i);
        };
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] };
        &self.lowered[start..end]
    }

    /// Whether token `i` is a word of one of the classes `class` (several
    /// joined with `|`), from the table computed once per document
    /// (`words::lowercase`); false past the end.
    pub fn is(&self, i: usize, class: Lex) -> bool {
        debug_assert!(
            self.lex.len() == self.toks.len(),
            "Doc::is before words::lowercase"
        );
        self.lex.get(i).is_some_and(|l| l.intersects(class))
    }

    pub fn word(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }
}

/// Reads the run of white space that starts with `c`: how many line breaks
/// it holds ("\r\n" counts once), and whether white space follows the last
/// one (an indented line).
fn white_run(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, c: char) -> (usize, bool) {
    let mut breaks = usize::from(is_line_break(c));
    let mut indented = false;
    let mut prev = c;
    while let Some(&(_, d)) = chars.peek() {
        if !d.is_whitespace() {
            break;
        }
        if is_line_break(d) {
            breaks += usize::from(!(prev == '\r' && d == '\n'));
            indented = false;
        } else if breaks > 0 {
            indented = true;
        }
        prev = d;
        chars.next();
    }
    (breaks, indented)
}

/// The longest line of a hard-wrapped text, in characters: newswire and
/// e-mail wrap at 60 to 80.
const MAX_WRAP_WIDTH: usize = 100;

/// Whether the single line breaks of `text` wrap lines inside paragraphs
/// (newswire, plain-text exports, e-mail) rather than part paragraphs.
///
/// Looks at the lines followed by another line that is neither blank nor
/// indented, which a wrap would join: there must be at least two, no line of
/// the text may be longer than [`MAX_WRAP_WIDTH`], and most of them must be
/// near the text's longest line and end without a sentence's final mark (a
/// paragraph per line ends its sentence; a list's lines are short). One
/// pass over the text.
fn hard_wrapped(text: &str) -> bool {
    let mut width = 0usize;
    // (length, ends a sentence) of each line followed by a joinable one.
    let mut joinable: Vec<(usize, bool)> = Vec::new();
    let mut prev: Option<(usize, bool)> = None;
    // The lines, "\r\n" one break: the breaks of [`is_line_break`] found
    // by their bytes in UTF-8, without decoding the text.
    let mut start = Some(0);
    let bytes = text.as_bytes();
    let lines = std::iter::from_fn(|| {
        let from = start?;
        for k in from..bytes.len() {
            let next = |d: usize| bytes.get(k + d).copied();
            let len = match bytes[k] {
                b'\r' if next(1) == Some(b'\n') => 2,
                b'\n' | b'\r' | 0x0B | 0x0C => 1,
                // NEL, U+0085.
                0xC2 if next(1) == Some(0x85) => 2,
                // U+2028 and U+2029.
                0xE2 if next(1) == Some(0x80) && matches!(next(2), Some(0xA8 | 0xA9)) => 3,
                _ => continue,
            };
            start = Some(k + len);
            return Some(&text[from..k]);
        }
        start = None;
        Some(&text[from..])
    });
    for line in lines {
        let body = line.trim_end();
        let len = body.chars().count();
        if len > MAX_WRAP_WIDTH {
            return false;
        }
        width = width.max(len);
        let blank = body.trim_start().is_empty();
        let indented = line.starts_with(char::is_whitespace);
        if let Some(p) = prev {
            if !blank && !indented {
                joinable.push(p);
            }
        }
        let ends = body.ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
        prev = (!blank).then_some((len, ends));
    }
    if joinable.len() < 2 || width < 40 {
        return false;
    }
    let wide = joinable
        .iter()
        .filter(|&&(n, _)| 5 * n >= 3 * width)
        .count();
    let open = joinable.iter().filter(|&&(_, ends)| !ends).count();
    2 * wide > joinable.len() && 2 * open > joinable.len()
}

/// Whether `d` after `word` continues a name garbled by a wrong decoding
/// ("FranÃ\u{83}Â§ois"): a control character of Latin-1's upper half (NEL,
/// a line break, only right after "Ã" or "Â"), or a symbol of it right after
/// "Ã" or "Â" (never a no-break space or «).
fn garbled(word: &str, d: char) -> bool {
    // Both ranges lie past ASCII: nearly every word ends at ASCII.
    if d.is_ascii() {
        return false;
    }
    // "Ã" may also come decomposed: "A" and a combining tilde.
    let base = word.trim_end_matches(|c: char| ('\u{300}'..='\u{36f}').contains(&c));
    let leader =
        word.ends_with(['\u{c2}', '\u{c3}']) || base.len() < word.len() && base.ends_with('A');
    // NEL (U+0085) breaks a line, but after "Ã" it is "Å" garbled.
    ('\u{80}'..='\u{9f}').contains(&d) && (d != '\u{85}' || leader)
        || ('\u{a1}'..='\u{bf}').contains(&d) && !matches!(d, '\u{ab}' | '\u{bb}') && leader
}

fn next_is_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_word_char)
}

fn next_is_digit(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Pairs the double quotation marks of a paragraph; straight marks open and
/// close by turns, curly ones by their shape. Stray closing marks become
/// punctuation; a quotation still open at the end of the paragraph is closed
/// there.
fn pair_quotes(text: &str, toks: &mut [Tok], range: std::ops::Range<usize>) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for i in range.clone() {
        let t = toks[i];
        match (t.kind, open) {
            // A quotation reopened without a closing mark, as where a
            // paragraph break was lost (`ready. "The rest`): an opening
            // mark right after a sentence's end ends the open quotation
            // there and opens the next one.
            (Kind::Open, Some(o)) if reopens(text, toks, o, i) => {
                out.push(Quotation {
                    open: o,
                    close: i,
                    open_ended: true,
                });
                open = Some(i);
            }
            // A straight mark shaped to close (`systems" including`) where
            // none is open closes a quotation that began elsewhere: a stray.
            (Kind::Open, None) if t.first == '"' && closing_shape(text, t.start, t.end) => {
                toks[i].kind = Kind::Punct;
            }
            (Kind::Open, None) => open = Some(i),
            (Kind::Open, Some(o)) if t.first == '"' => {
                toks[i].kind = Kind::Close;
                out.push(Quotation {
                    open: o,
                    close: i,
                    open_ended: false,
                });
                open = None;
            }
            // A second opening mark inside a quotation: a nested or a stray
            // mark, part of the quotation's text.
            (Kind::Open, Some(_)) => toks[i].kind = Kind::Punct,
            (Kind::Close, Some(o)) => {
                out.push(Quotation {
                    open: o,
                    close: i,
                    open_ended: false,
                });
                open = None;
            }
            (Kind::Close, None) => toks[i].kind = Kind::Punct,
            _ => {}
        }
    }
    if let Some(o) = open {
        if o + 1 < range.end {
            out.push(Quotation {
                open: o,
                close: range.end,
                open_ended: true,
            });
        } else {
            toks[o].kind = Kind::Punct;
        }
    }
    out
}

/// Whether the opening-kind mark `i` inside the quotation opened at `o`
/// opens a new one: it follows a sentence's end (`.`, `!`, `?` after a word
/// of the quotation) and white space, and a word follows it at once (a
/// straight mark in that place never closes: `ready. "The`).
fn reopens(text: &str, toks: &[Tok], o: usize, i: usize) -> bool {
    let t = toks[i];
    i >= o + 3
        && toks[i - 1].kind == Kind::Punct
        && matches!(toks[i - 1].first, '.' | '!' | '?')
        && toks[i - 2].kind == Kind::Word
        && toks[i - 1].end < t.start
        && next_is_word(text, t.end)
}

/// A nickname inside a name (Marcia "Cia" Voss) is no quotation: its marks
/// become punctuation.
fn drop_nicknames(toks: &mut [Tok], range: std::ops::Range<usize>, quotes: &mut Vec<Quotation>) {
    quotes.retain(|q| {
        let nickname = !q.open_ended
            && q.close == q.open + 2
            && q.open > range.start
            && q.close + 1 < range.end
            && [q.open - 1, q.open + 1, q.close + 1]
                .iter()
                .all(|&i| toks[i].kind == Kind::Word && toks[i].is_cap());
        if nickname {
            toks[q.open].kind = Kind::Punct;
            toks[q.close].kind = Kind::Punct;
        }
        !nickname
    });
}

/// Whether a straight quotation mark at `start..end` is shaped to close: glued
/// to the word before it, and followed by a space, punctuation or the end.
fn closing_shape(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '!' | '?'))
        && after.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')'))
}

/// The most tokens of a sentence unit, outside quotations: far more than a
/// sentence of news has (the quotes of `PolNeAR` and of the bench corpus are
/// the same with and without the cut), few enough that the work per unit
/// stays small.
pub(crate) const MAX_UNIT_TOKENS: usize = 400;

/// Splits a paragraph into sentence units that never end inside a quotation
/// (nor run on beyond [`MAX_UNIT_TOKENS`] outside one).
fn units(
    text: &str,
    toks: &[Tok],
    range: std::ops::Range<usize>,
    quotes: &[Quotation],
) -> Vec<std::ops::Range<usize>> {
    // The quotations are in order and never overlap: only the last one
    // opening before `i` may hold it (a scan per period was quadratic).
    let inside = |i: usize| {
        let k = quotes.partition_point(|q| q.open < i);
        k > 0 && i < quotes[k - 1].close
    };
    let mut out = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let t = toks[i];
        // A run of words without a sentence end (scraped markup, a list, a
        // blob of JSON) is cut at the first token past the limit that lies
        // outside quotations: the searches for frames look through a unit,
        // so units of bounded length keep them linear in the paragraph.
        if i - start >= MAX_UNIT_TOKENS && t.kind != Kind::Close && !inside(i) {
            out.push(start..i);
            start = i;
        }
        let ends = t.kind == Kind::Punct && matches!(t.first, '.' | '!' | '?');
        if ends {
            // Closing marks right after the end of a sentence belong to it.
            let mut j = i + 1;
            while j < range.end && (toks[j].kind == Kind::Close || toks[j].is_punct(')')) {
                j += 1;
            }
            // A quotation closes after the mark, or ends open where the
            // next one reopens (`ready. "The rest`).
            let reopened = || {
                let k = quotes.partition_point(|q| q.open < i);
                k > 0 && quotes[k - 1].open_ended && quotes[k - 1].close == i + 1
            };
            let closes_quote = j > i + 1 && toks[i + 1].kind == Kind::Close || reopened();
            if (!inside(i) || closes_quote) && sentence_ends(text, toks, i, j, range.end) {
                out.push(start..j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// Whether the period-like token `i`, followed by closing marks up to `j`,
/// ends a sentence.
fn sentence_ends(text: &str, toks: &[Tok], i: usize, j: usize, end: usize) -> bool {
    if j >= end {
        return true;
    }
    let next = toks[j];
    let starts_sentence = next.kind == Kind::Open
        || next.first.is_uppercase()
        || next.first.is_ascii_digit()
        || matches!(next.first, '(' | '[');
    if !starts_sentence {
        return false;
    }
    if toks[i].first != '.' || i == 0 {
        return true;
    }
    let prev = toks[i - 1];
    if prev.kind != Kind::Word || prev.end != toks[i].start {
        return true;
    }
    let word = &text[prev.start..prev.end];
    // Once per period, before the document is lowercased: an ASCII word
    // (nearly all) is compared without lowercasing a copy.
    if word.is_ascii() {
        let initial = word.len() == 1 && prev.first.is_uppercase();
        return !(initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)));
    }
    let word = word.to_lowercase();
    let initial = word.chars().count() == 1 && prev.first.is_uppercase();
    !(initial || ABBREVIATIONS.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(d: &Doc<'_>, r: std::ops::Range<usize>) -> String {
        d.text[d.span(r)].to_owned()
    }

    /// The inner text of each quotation in the first paragraph.
    fn quoted(d: &Doc<'_>) -> Vec<String> {
        d.paras[0]
            .quotes
            .iter()
            .map(|q| words(d, q.inner()))
            .collect()
    }

    #[test]
    fn apostrophes_hyphens_and_abbreviations_stay_in_words() {
        let d = Doc::new("Norway’s al-Amin won’t go to the U.S. in the ’90s, rock ’n’ roll.");
        let w: Vec<&str> = (0..d.toks.len()).map(|i| d.word(i)).collect();
        assert_eq!(
            w,
            [
                "Norway’s",
                "al-Amin",
                "won’t",
                "go",
                "to",
                "the",
                "U.S",
                ".",
                "in",
                "the",
                "’90s",
                ",",
                "rock",
                "’",
                "n",
                "’",
                "roll",
                "."
            ]
        );
        assert!(d.paras[0].quotes.is_empty());
    }

    #[test]
    fn quotations_pair_by_shape_and_straight_ones_by_turns() {
        let d = Doc::new("He said “a ‘b’ c” and \"d\" and «e».");
        let q = quoted(&d);
        assert_eq!(q, ["a ‘b’ c", "d", "e"]);
    }

    #[test]
    fn two_apostrophes_are_a_double_quotation_mark() {
        let d = Doc::new("''We will,'' he said, ''and soon.'' Rock 'n' roll.");
        let q = quoted(&d);
        assert_eq!(q, ["We will,", "and soon."]);
    }

    #[test]
    fn unbalanced_marks_never_fail() {
        let d = Doc::new("A stray ” mark.\n\n“An open quote runs to the end\n\nNext ” para.");
        let p = &d.paras;
        assert_eq!(p.len(), 3);
        assert!(p[0].quotes.is_empty());
        assert!(p[1].quotes[0].open_ended);
        assert_eq!(
            words(&d, p[1].quotes[0].inner()),
            "An open quote runs to the end"
        );
        assert!(p[2].quotes.is_empty());
        // "9/11" and a name garbled by a wrong decoding are one word; a
        // no-break space still parts words.
        // The same, decomposed (NFD): "A" and a combining tilde for "Ã".
        let d = Doc::new("Fran\u{41}\u{303}\u{83}\u{41}\u{302}\u{a7}ois said");
        assert_eq!(d.toks.len(), 2);
        let d = Doc::new("the 9/11 widow Fran\u{c3}\u{83}\u{c2}\u{a7}ois said\u{a0}so");
        let w: Vec<&str> = (0..d.toks.len()).map(|i| d.word(i)).collect();
        assert_eq!(
            w,
            [
                "the",
                "9/11",
                "widow",
                "Fran\u{c3}\u{83}\u{c2}\u{a7}ois",
                "said",
                "so"
            ]
        );
        // A straight mark shaped to close, with none open, is a stray: the
        // next pair is still paired.
        let d = Doc::new("a review of [his] systems\" and the \"medical records\" he showed.");
        assert_eq!(quoted(&d), ["medical records"]);
    }

    #[test]
    fn sentences_do_not_end_inside_quotations_or_after_abbreviations() {
        let d = Doc::new(
            "“We came. We saw,” Mr. Smith said. The U.S. Senate voted. J. Doe left! “Yes.” He went.",
        );
        let u: Vec<String> = d.paras[0]
            .units
            .iter()
            .map(|r| words(&d, r.clone()))
            .collect();
        assert_eq!(
            u,
            [
                "“We came. We saw,” Mr. Smith said.",
                "The U.S. Senate voted.",
                "J. Doe left!",
                "“Yes.”",
                "He went."
            ]
        );
    }
}
