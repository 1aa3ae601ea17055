//! The start positions of an ASCII text, found 64 bytes at a time, and the
//! first-word filter that turns most of them away before any walk.
//!
//! A key can only match at a word start if its *first word* (its longest
//! prefix of ASCII letters and digits) is exactly the text's word there: a
//! shorter one would end inside the text's word (no whole-word match), a
//! longer one would need a letter where the text has none. So the matcher
//! hashes the text's word, whose length the scan gives for free, and asks a
//! Bloom filter of the keys' first words whether any key can match;
//! on news text about nine word starts in ten end there with the 5k-name
//! gazetteer, and six in ten with the 571k-name one, where bit tests over the
//! first two or three bytes turned away one in three and one in ten.

/// The word-character bits of eight ASCII bytes: the high bit of each byte
/// that is `[A-Za-z0-9]`. Each test adds a constant that carries into a
/// byte's high bit exactly when the byte is at or above a bound; the bytes
/// are below 0x80, so no carry crosses into the next byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn swar_word(x: u64) -> u64 {
    let lower = x | splat(0x20);
    let from_a = lower + splat(0x80 - b'a');
    let past_z = lower + splat(0x80 - (b'z' + 1));
    let from_0 = x + splat(0x80 - b'0');
    let past_9 = x + splat(0x80 - (b'9' + 1));
    ((from_a & !past_z) | (from_0 & !past_9)) & splat(0x80)
}

/// The high bit of each of eight ASCII bytes equal to `c`.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn swar_eq(x: u64, c: u8) -> u64 {
    let y = x ^ splat(c);
    let high = splat(0x80);
    let nonzero = ((y & !high) + !high) | y;
    !nonzero & high
}

#[cfg(any(test, not(target_arch = "x86_64")))]
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Gathers the high bits of the eight bytes of `m` into the low eight bits,
/// byte `k`'s bit to bit `k` (one multiply: each bit lands on its own place
/// in the top byte, and no two partial products share a bit).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The word bytes and the start-byte bytes of the 64 bytes of `block`, as
/// bit masks (bit `k` for byte `k`): SWAR, eight bytes in a `u64`.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn classify_swar(block: &[u8; 64], extra: &[u8]) -> (u64, u64) {
    let mut word = 0;
    let mut other = 0;
    for k in 0..8 {
        let x = u64::from_le_bytes(block[8 * k..8 * k + 8].try_into().expect("8 bytes"));
        word |= gather(swar_word(x)) << (8 * k);
        if !extra.is_empty() {
            let mut eq = 0;
            for &c in extra {
                eq |= swar_eq(x, c);
            }
            other |= gather(eq) << (8 * k);
        }
    }
    (word, other)
}

#[cfg(not(target_arch = "x86_64"))]
use classify_swar as classify;

/// [`classify_swar`] with SSE2, which every `x86_64` processor has: sixteen
/// bytes a compare, a movemask a mask. Over 3,000 corpus texts it ran
/// about 10 M instructions where SWAR ran about 29 M (callgrind).
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code, clippy::cast_sign_loss, clippy::cast_possible_wrap)]
#[inline]
fn classify(block: &[u8; 64], extra: &[u8]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, so the intrinsics are
    // available; each load reads the 16 bytes at 16 * k < 64 of `block`,
    // which has 64, and `_mm_loadu_si128` needs no alignment.
    unsafe {
        let (mut word, mut other) = (0u64, 0u64);
        let case = _mm_set1_epi8(0x20);
        let (from_a, past_z) = (_mm_set1_epi8(b'a' as i8 - 1), _mm_set1_epi8(b'z' as i8 + 1));
        let (from_0, past_9) = (_mm_set1_epi8(b'0' as i8 - 1), _mm_set1_epi8(b'9' as i8 + 1));
        for k in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast());
            // ASCII bytes are positive as i8, so signed compares do.
            let lower = _mm_or_si128(v, case);
            let letter =
                _mm_and_si128(_mm_cmpgt_epi8(lower, from_a), _mm_cmplt_epi8(lower, past_z));
            let digit = _mm_and_si128(_mm_cmpgt_epi8(v, from_0), _mm_cmplt_epi8(v, past_9));
            let w = _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16;
            word |= u64::from(w) << (16 * k);
            if !extra.is_empty() {
                let mut eq = _mm_setzero_si128();
                for &c in extra {
                    eq = _mm_or_si128(eq, _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)));
                }
                other |= u64::from(_mm_movemask_epi8(eq) as u16) << (16 * k);
            }
        }
        (word, other)
    }
}

/// The masks of the block of `hay` at `base`; no bit past the end (the
/// padding is zero bytes, and a key may begin with NUL: found by the fuzzer).
#[inline]
fn masks_at(hay: &[u8], base: usize, extra: &[u8]) -> (u64, u64) {
    if let Some(block) = hay.get(base..base + 64) {
        classify(block.try_into().expect("64 bytes"), extra)
    } else {
        let mut block = [0u8; 64];
        let rest = hay.get(base..).unwrap_or_default();
        block[..rest.len()].copy_from_slice(rest);
        let (word, other) = classify(&block, extra);
        // rest.len() < 64 here.
        let inside = (1u64 << rest.len()) - 1;
        (word & inside, other & inside)
    }
}

/// At most this many start bytes that are not word characters are tested
/// in the blocks; with more, the matcher uses the fold's list of starts.
pub(crate) const EXTRA_MAX: usize = 4;

/// Calls `each(start, len)` for each start position of the ASCII text
/// `hay`, in increasing order: a word character that does not follow one
/// (`len` is then the length of its word), or a byte of `extra` (at most
/// [`EXTRA_MAX`] ASCII bytes that are not word characters) that does not
/// follow a word character (`len` is then 0).
#[inline]
pub(crate) fn ascii_starts(hay: &[u8], extra: &[u8], mut each: impl FnMut(usize, usize)) {
    debug_assert!(hay.is_ascii() && extra.len() <= EXTRA_MAX);
    let mut base = 0;
    let mut carry = 0u64;
    let (mut word, mut other) = masks_at(hay, 0, extra);
    while base < hay.len() {
        let (next_word, next_other) = masks_at(hay, base + 64, extra);
        let mut found = (word | other) & !((word << 1) | carry);
        carry = word >> 63;
        // The last byte of each word (the next byte is not a word byte).
        let ends = word & !((word >> 1) | (next_word << 63));
        while found != 0 {
            let j = found.trailing_zeros();
            found &= found - 1;
            let len = if word >> j & 1 == 0 {
                0
            } else if ends >> j != 0 {
                (ends >> j).trailing_zeros() as usize + 1
            } else {
                // The word goes on into the next block, or further.
                let more = (!next_word).trailing_zeros() as usize;
                let len = 64 - j as usize + more;
                if more < 64 {
                    len
                } else {
                    let from = base + j as usize + len;
                    len + hay[from..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count()
                }
            };
            each(base + j as usize, len);
        }
        (word, other) = (next_word, next_other);
        base += 64;
    }
}

/// The folded bytes `w[at..at + n]` (1 to 8 of them, letters and digits),
/// little-endian in a `u64`, zero-padded.
#[inline]
fn chunk(w: &[u8], at: usize, n: usize) -> u64 {
    debug_assert!((1..=8).contains(&n));
    let x = if let Some(b) = w.get(at..at + 8) {
        u64::from_le_bytes(b.try_into().expect("8 bytes"))
    } else {
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&w[at..at + n]);
        u64::from_le_bytes(b)
    };
    // Letters and digits fold to lower case by setting bit 5.
    (x | 0x2020_2020_2020_2020) & (u64::MAX >> (64 - 8 * n))
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of the word `w[at..at + len]` (letters and digits, either case,
/// `len` > 0): its top bits pick a block of [`FirstWords`], its low bits
/// the bits in it.
#[inline]
fn word_hash(w: &[u8], at: usize, len: usize) -> u64 {
    let mut h = chunk(w, at, len.min(8)).wrapping_mul(K) ^ len as u64;
    if len > 8 {
        let mut i = 8;
        while i < len {
            let n = (len - i).min(8);
            h = (h.rotate_left(29) ^ chunk(w, at + i, n)).wrapping_mul(K);
            i += n;
        }
    }
    // The product's low bits depend only on the input's low bits: mix the
    // high ones down.
    h ^ (h >> 32)
}

/// A Bloom filter of the first words of the keys: one 64-bit block a word,
/// three bits in it.
#[derive(Debug, Default)]
pub(crate) struct FirstWords {
    blocks: Vec<u64>,
    /// `64 - log2(blocks.len())`: the top bits of a hash pick its block.
    shift: u32,
}

/// The three bits of `h` in its block.
#[inline]
fn bits(h: u64) -> u64 {
    (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63)) | (1u64 << ((h >> 12) & 63))
}

impl FirstWords {
    /// The filter of the first words of `keys` (folded keys; those that do
    /// not begin with an ASCII letter or digit add nothing).
    pub(crate) fn build<'k>(keys: impl ExactSizeIterator<Item = &'k [u8]>) -> FirstWords {
        // About 8 bits a key (more for small sets: 8 KiB at least, which
        // stays in L1), so that a few words in a hundred pass wrongly.
        let n_blocks = (keys.len() / 8).next_power_of_two().max(1024);
        let mut blocks = vec![0u64; n_blocks];
        let shift = 64 - n_blocks.trailing_zeros();
        for k in keys {
            let len = k.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            if len > 0 {
                let h = word_hash(k, 0, len);
                blocks[(h >> shift) as usize] |= bits(h);
            }
        }
        FirstWords { blocks, shift }
    }

    /// Whether some key may have the word `hay[at..at + len]` (ASCII letters
    /// and digits, `len` > 0) as its first word. Never false when one has.
    // Called at every word start from two loops: measured, LLVM left it
    // out of line, and the call cost a fifth of the scan (callgrind).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(crate) fn may_hold(&self, hay: &[u8], at: usize, len: usize) -> bool {
        let h = word_hash(hay, at, len);
        let want = bits(h);
        self.blocks[(h >> self.shift) as usize] & want == want
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.blocks.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starts and word lengths, a byte at a time.
    fn slow(hay: &[u8], extra: &[u8]) -> Vec<(usize, usize)> {
        let mut out = vec![];
        for i in 0..hay.len() {
            let after = i > 0 && hay[i - 1].is_ascii_alphanumeric();
            if after {
                continue;
            }
            if hay[i].is_ascii_alphanumeric() {
                let len = hay[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                out.push((i, len));
            } else if extra.contains(&hay[i]) {
                out.push((i, 0));
            }
        }
        out
    }

    fn fast(hay: &[u8], extra: &[u8]) -> Vec<(usize, usize)> {
        let mut out = vec![];
        ascii_starts(hay, extra, |i, n| out.push((i, n)));
        out
    }

    #[test]
    fn starts_and_lengths_agree_with_a_byte_scan() {
        let mut text = String::new();
        for (i, w) in ["Lind", "met", "'Voss", "at", "Nordvik-9", "//Ames,", "x"]
            .iter()
            .cycle()
            .take(400)
            .enumerate()
        {
            text.push_str(w);
            text.push_str(if i % 7 == 3 { "\r\n " } else { " " });
        }
        // Words across block edges, and longer than a block or two.
        text.push_str(&"q".repeat(70));
        text.push(' ');
        text.push_str(&"Z9".repeat(80));
        for extra in [&b""[..], b"'", b"'/", b"-,/'", b"\0'"] {
            for cut in [0, 1, 63, 64, 65, 127, 128, 200, text.len()] {
                let hay = &text.as_bytes()[..cut];
                assert_eq!(fast(hay, extra), slow(hay, extra), "cut {cut}, {extra:?}");
            }
            for skip in 0..70 {
                let hay = &text.as_bytes()[skip..];
                assert_eq!(fast(hay, extra), slow(hay, extra), "skip {skip}");
            }
        }
    }

    #[test]
    fn simd_and_swar_classify_alike() {
        let all: Vec<u8> = (0u8..128).chain((0u8..128).rev()).collect();
        for extra in [&b""[..], b"'", b"'-/("] {
            for block in all.windows(64).step_by(7) {
                let block: &[u8; 64] = block.try_into().unwrap();
                assert_eq!(classify(block, extra), classify_swar(block, extra));
            }
        }
    }

    #[test]
    fn every_byte_is_classified_like_the_ascii_tables() {
        let all: Vec<u8> = (0u8..128).chain(0u8..128).collect();
        for extra in [&b""[..], b"'-", b" /.("] {
            for skip in 0..9 {
                let hay = &all[skip..];
                assert_eq!(fast(hay, extra), slow(hay, extra));
            }
        }
    }

    #[test]
    fn the_filter_holds_every_first_word_in_any_case() {
        let keys: Vec<&[u8]> = vec![
            b"lind",
            b"nordvik fjord",
            b"u.s.",
            b"a-9",
            b"'ames",
            b"averyveryverylongfirstword of it",
            b"x\xc3\xa9",
        ];
        let f = FirstWords::build(keys.iter().copied());
        for w in [
            &b"LIND"[..],
            b"Nordvik",
            b"u",
            b"A",
            b"AVERYVERYverylongFIRSTWORD",
            b"x",
        ] {
            let mut hay = w.to_vec();
            hay.extend_from_slice(b" and more");
            assert!(f.may_hold(&hay, 0, w.len()), "{w:?}");
            assert!(f.may_hold(w, 0, w.len()), "{w:?} at the end");
        }
        // A word in no key: most are turned away (the filter is 1/300-ish).
        let misses = (0..1000)
            .filter(|i| {
                let w = format!("w{i}x");
                f.may_hold(w.as_bytes(), 0, w.len())
            })
            .count();
        assert!(misses < 50, "{misses} false positives");
    }
}
