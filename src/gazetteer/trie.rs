//! A path-compressed byte trie for anchored prefix search.
//!
//! The matcher only ever asks one question: "which keys are prefixes of the
//! text starting here?", and only at word starts. That needs neither failure
//! links nor a DFA: a trie answers it in one walk. Built from sorted keys, in
//! breadth-first order so that the children of a node are contiguous, it
//! takes one pass over the key bytes and 20 bytes a node, with at most
//! two nodes a key (edges are compressed into segments of the key bytes).

use super::fold::BYTE_FOLD;

/// No key ends at this node.
const NO_KEY: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// Index of the first child; children are contiguous.
    first_child: u32,
    /// The bytes of the edge into this node after its first byte: an offset
    /// into the key pool (its first bytes are also in `seg_head`).
    seg_start: u32,
    /// The key that ends at this node, or [`NO_KEY`]; for a node with more
    /// than [`LINEAR_MAX`] children, its row in `Trie::dense` (its key is
    /// then in `Trie::dense_keys`). A field for the row alone made a node
    /// 24 bytes instead of 20: 3 MB more for the 571k names of the bench.
    key: u32,
    /// Number of children (at most 256).
    n_children: u16,
    /// Length of the segment (longer edges are split).
    seg_len: u8,
    /// The first byte of the edge into this node: a parent with few
    /// children finds the child by scanning its children's labels here,
    /// so that the line it reads is the child's own.
    label: u8,
    /// The first bytes of the segment, so that most mismatches are found
    /// without reading the pool.
    seg_head: [u8; HEAD],
}

/// Segment bytes kept in the node itself.
const HEAD: usize = 4;

/// Nodes with more children than this find a child through a dense row of
/// 256 bytes; the others by a linear scan of their labels.
const LINEAR_MAX: u16 = 8;

/// A trie over a sorted set of distinct, non-empty byte keys.
#[derive(Debug, Default)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// For the root, the child for each first byte (or 0, the root itself,
    /// for none).
    root: Vec<u32>,
    /// The keys, concatenated: segments point into it.
    pool: Vec<u8>,
    /// For nodes with many children, 256 bytes a node: 0 for no child,
    /// else 1 + the child's rank among its siblings.
    dense: Vec<u8>,
    /// The key of each node with a row in `dense`, or [`NO_KEY`].
    dense_keys: Vec<u32>,
    /// Filters that turn away most word starts before the walk touches a
    /// node, from the first bytes there: `short` has a bit for each pair of
    /// first bytes of the keys of one or two bytes (a key of one byte sets
    /// its whole row), `triples` a bit for the hash of the first three bytes
    /// of each longer key. With `pairs`, 32 KiB in all, so they stay in L1.
    short: Vec<u64>,
    triples: Vec<u64>,
    /// A bit for the first two bytes of every key (a key of one byte sets
    /// its row): checked first, it turns most starts away in one lookup.
    pairs: Vec<u64>,
}

/// The bit of the pair (`b0`, `b1`) in [`Trie::short`].
#[inline]
fn pair_bit(b0: u8, b1: u8) -> (usize, u64) {
    let i = (usize::from(b0) << 8) | usize::from(b1);
    (i >> 6, 1u64 << (i & 63))
}

const TRIPLE_BITS: u32 = 17;

/// The bit of the first three bytes in [`Trie::triples`].
#[inline]
fn triple_bit(b0: u8, b1: u8, b2: u8) -> (usize, u64) {
    let x = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
    let i = (x.wrapping_mul(0x9E37_79B1) >> (32 - TRIPLE_BITS)) as usize;
    (i >> 6, 1u64 << (i & 63))
}

/// The filters [`Trie::short`] and [`Trie::triples`] of `keys`.
fn filters<'k>(keys: impl Iterator<Item = &'k [u8]>) -> [Vec<u64>; 3] {
    let mut short = vec![0u64; 256 * 256 / 64];
    let mut triples = vec![0u64; (1 << TRIPLE_BITS) / 64];
    let mut pairs = vec![0u64; 256 * 256 / 64];
    for k in keys {
        match *k {
            [b0] => {
                short[usize::from(b0) * 4..usize::from(b0) * 4 + 4].fill(!0);
                pairs[usize::from(b0) * 4..usize::from(b0) * 4 + 4].fill(!0);
            }
            [b0, b1] => {
                let (w, bit) = pair_bit(b0, b1);
                short[w] |= bit;
                pairs[w] |= bit;
            }
            [b0, b1, b2, ..] => {
                let (w, bit) = triple_bit(b0, b1, b2);
                triples[w] |= bit;
                let (w, bit) = pair_bit(b0, b1);
                pairs[w] |= bit;
            }
            [] => {}
        }
    }
    [short, triples, pairs]
}

/// Matches key byte `k` against `hay[pos]` (through the fold); returns the
/// offset after it (and after a run of spaces, for a space).
#[inline]
fn step(hay: &[u8], pos: usize, k: u8) -> Option<usize> {
    let &h = hay.get(pos)?;
    if BYTE_FOLD[h as usize] != k {
        return None;
    }
    Some(if k == b' ' {
        skip_spaces(hay, pos + 1)
    } else {
        pos + 1
    })
}

/// The first offset at or after `pos` that does not hold a space.
#[inline]
fn skip_spaces(hay: &[u8], mut pos: usize) -> usize {
    while hay.get(pos).is_some_and(|&h| BYTE_FOLD[h as usize] == b' ') {
        pos += 1;
    }
    pos
}

impl Trie {
    /// Builds the trie from keys stored end to end in `pool`, key `i` being
    /// `pool[starts[i]..starts[i + 1]]` (`starts` has one more element, the
    /// end). The keys must be sorted, distinct and non-empty.
    pub(crate) fn build(pool: Vec<u8>, starts: &[u32]) -> Trie {
        let n_keys = starts.len().saturating_sub(1);
        let key = |i: usize| &pool[starts[i] as usize..starts[i + 1] as usize];
        debug_assert!((1..n_keys).all(|i| key(i - 1) < key(i)));
        // A path-compressed trie has at most two nodes a key (one ending it,
        // one branching), plus the root; edges over 255 bytes add a few more.
        // Capacity never touched is never resident, so no shrinking copy.
        let mut nodes = Vec::with_capacity(2 * n_keys + 1);
        nodes.push(Node {
            first_child: 0,
            n_children: 0,
            seg_start: 0,
            seg_len: 0,
            label: 0,
            key: NO_KEY,
            seg_head: [0; HEAD],
        });
        // (node, first key, end key, depth of the node's prefix)
        let mut queue = std::collections::VecDeque::new();
        queue.push_back((0u32, 0u32, n_keys as u32, 0u32));
        while let Some((node, lo, hi, depth)) = queue.pop_front() {
            let (mut lo, hi, depth) = (lo as usize, hi as usize, depth as usize);
            if lo < hi && key(lo).len() == depth {
                nodes[node as usize].key = lo as u32;
                lo += 1;
            }
            let first_child = nodes.len() as u32;
            let mut i = lo;
            while i < hi {
                let b = key(i)[depth];
                let mut j = i + 1;
                while j < hi && key(j)[depth] == b {
                    j += 1;
                }
                // Sorted keys: the common prefix of the group is that of its
                // first and last keys.
                // An edge longer than a u8 is split: its node then has one
                // child that carries on.
                let (a, z) = (key(i), key(j - 1));
                let limit = a.len().min(z.len()).min(depth + 1 + usize::from(u8::MAX));
                let mut end = depth + 1;
                while end < limit && a[end] == z[end] {
                    end += 1;
                }
                let seg = &a[depth + 1..end];
                let mut seg_head = [0; HEAD];
                let head = seg.len().min(HEAD);
                seg_head[..head].copy_from_slice(&seg[..head]);
                let child = nodes.len() as u32;
                nodes.push(Node {
                    first_child: 0,
                    n_children: 0,
                    seg_start: starts[i] + depth as u32 + 1,
                    seg_len: seg.len() as u8,
                    label: b,
                    key: NO_KEY,
                    seg_head,
                });
                queue.push_back((child, i as u32, j as u32, end as u32));
                i = j;
            }
            let n_children = (nodes.len() as u32 - first_child) as u16;
            let n = &mut nodes[node as usize];
            n.first_child = first_child;
            n.n_children = n_children;
        }
        let mut dense = Vec::new();
        let mut dense_keys = Vec::new();
        for i in 0..nodes.len() {
            let n = nodes[i];
            if n.n_children > LINEAR_MAX {
                dense_keys.push(n.key);
                nodes[i].key = (dense.len() / 256) as u32;
                let row = dense.len();
                dense.resize(row + 256, 0u8);
                let children = n.first_child..n.first_child + u32::from(n.n_children);
                for (rank, c) in children.enumerate() {
                    // At most 256 children, so 1 + rank fits in a byte.
                    dense[row + nodes[c as usize].label as usize] = rank as u8 + 1;
                }
            }
        }
        let [short, triples, pairs] = filters((0..n_keys).map(key));
        let mut root = vec![0u32; 256];
        let r = nodes[0];
        for c in r.first_child..r.first_child + u32::from(r.n_children) {
            root[nodes[c as usize].label as usize] = c;
        }
        Trie {
            nodes,
            root,
            pool,
            dense,
            dense_keys,
            short,
            triples,
            pairs,
        }
    }

    /// Calls `found(key, end)` for each key that is a prefix of `hay`, in
    /// order of increasing length, where `hay[..end]` is what the key covers.
    ///
    /// `hay` is read through [`BYTE_FOLD`], so that it may be a folded text
    /// or an ASCII text as it is. A space in a key covers a run of spaces in
    /// `hay` (the fold of a text does not collapse white space; the fold of a
    /// key does).
    #[inline]
    pub(crate) fn prefixes(&self, hay: &[u8], mut found: impl FnMut(u32, usize)) {
        let Some(&b0) = hay.first() else { return };
        let b0 = BYTE_FOLD[b0 as usize];
        // The end of the text reads as byte 0: at worst a walk for nothing.
        let b1 = hay.get(1).map_or(0, |&b| BYTE_FOLD[b as usize]);
        let (w, bit) = pair_bit(b0, b1);
        if self.pairs[w] & bit == 0 {
            return;
        }
        if self.short[w] & bit == 0 {
            // A space in a key covers a run of spaces in the text.
            let p2 = if b1 == b' ' { skip_spaces(hay, 2) } else { 2 };
            let b2 = hay.get(p2).map_or(0, |&b| BYTE_FOLD[b as usize]);
            let (w, bit) = triple_bit(b0, b1, b2);
            if self.triples[w] & bit == 0 {
                return;
            }
        }
        let mut node = self.root[b0 as usize];
        if node == 0 {
            return;
        }
        let mut pos = 1;
        loop {
            let n = &self.nodes[node as usize];
            if n.seg_len > 0 {
                let len = usize::from(n.seg_len);
                for &k in &n.seg_head[..len.min(HEAD)] {
                    match step(hay, pos, k) {
                        Some(p) => pos = p,
                        None => return,
                    }
                }
                if len > HEAD {
                    let start = n.seg_start as usize;
                    for &k in &self.pool[start + HEAD..start + len] {
                        match step(hay, pos, k) {
                            Some(p) => pos = p,
                            None => return,
                        }
                    }
                }
            }
            let key = self.key(n);
            if key != NO_KEY {
                found(key, pos);
            }
            let Some(&b) = hay.get(pos) else { return };
            let b = BYTE_FOLD[b as usize];
            match self.child(n, b) {
                Some(c) => node = c,
                None => return,
            }
            pos += 1;
            if b == b' ' {
                pos = skip_spaces(hay, pos);
            }
        }
    }

    /// The key that ends at `n`, or [`NO_KEY`].
    #[inline]
    fn key(&self, n: &Node) -> u32 {
        if n.n_children > LINEAR_MAX {
            self.dense_keys[n.key as usize]
        } else {
            n.key
        }
    }

    #[inline]
    fn child(&self, n: &Node, b: u8) -> Option<u32> {
        if n.n_children <= LINEAR_MAX {
            let lo = n.first_child as usize;
            let children = &self.nodes[lo..lo + usize::from(n.n_children)];
            return children
                .iter()
                .position(|c| c.label == b)
                .map(|i| (lo + i) as u32);
        }
        match self.dense[n.key as usize * 256 + b as usize] {
            0 => None,
            r => Some(n.first_child + u32::from(r) - 1),
        }
    }

    /// The keys, in key order (a depth-first walk in label order visits
    /// them sorted, and keys are numbered in sorted order).
    pub(crate) fn keys(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        if self.nodes.is_empty() {
            return out;
        }
        // (node, length of its prefix in `path`)
        let mut stack = vec![(0u32, 0usize)];
        let mut path = Vec::new();
        while let Some((node, depth)) = stack.pop() {
            let n = &self.nodes[node as usize];
            path.truncate(depth);
            if node != 0 {
                path.push(n.label);
                let start = n.seg_start as usize;
                path.extend_from_slice(&self.pool[start..start + usize::from(n.seg_len)]);
            }
            if self.key(n) != NO_KEY {
                debug_assert_eq!(self.key(n) as usize, out.len());
                out.push(path.clone());
            }
            let children = n.first_child..n.first_child + u32::from(n.n_children);
            stack.extend(children.rev().map(|c| (c, path.len())));
        }
        out
    }

    /// Heap bytes in use (capacity reserved but never touched is left out:
    /// it is not resident).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.len() * std::mem::size_of::<Node>()
            + self.root.capacity() * 4
            + self.pool.capacity()
            + self.dense.capacity()
            + self.dense_keys.capacity() * 4
            + (self.short.capacity() + self.triples.capacity() + self.pairs.capacity()) * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a trie from sorted keys.
    fn trie(keys: &[&[u8]]) -> Trie {
        let mut pool = Vec::new();
        let mut starts = vec![0];
        for k in keys {
            pool.extend_from_slice(k);
            starts.push(pool.len() as u32);
        }
        Trie::build(pool, &starts)
    }

    fn all_prefixes(t: &Trie, hay: &str) -> Vec<(u32, usize)> {
        let mut out = vec![];
        t.prefixes(hay.as_bytes(), |k, n| out.push((k, n)));
        out
    }

    #[test]
    fn finds_every_prefix_in_length_order() {
        let keys: Vec<&[u8]> = vec![b"a", b"ab", b"abc", b"abd", b"b", b"bcd"];
        let t = trie(&keys);
        assert_eq!(all_prefixes(&t, "abcx"), vec![(0, 1), (1, 2), (2, 3)]);
        assert_eq!(all_prefixes(&t, "abd"), vec![(0, 1), (1, 2), (3, 3)]);
        assert_eq!(all_prefixes(&t, "bc"), vec![(4, 1)]);
        assert_eq!(all_prefixes(&t, "bcd!"), vec![(4, 1), (5, 3)]);
        assert_eq!(all_prefixes(&t, "x"), vec![]);
        assert_eq!(all_prefixes(&t, ""), vec![]);
    }

    #[test]
    fn a_space_in_a_key_covers_a_run_of_spaces() {
        let keys: Vec<&[u8]> = vec![b"a b", b"a bc d"];
        let t = trie(&keys);
        assert_eq!(all_prefixes(&t, "a   b"), vec![(0, 5)]);
        assert_eq!(all_prefixes(&t, "a  bc   d!"), vec![(0, 4), (1, 9)]);
        assert_eq!(all_prefixes(&t, "ab"), vec![]);
        // Raw text is read through the byte fold: case and white space.
        assert_eq!(all_prefixes(&t, "A\t\r\nBC D"), vec![(0, 5), (1, 8)]);
    }

    #[test]
    fn many_children_use_a_dense_row() {
        let owned: Vec<Vec<u8>> = (b'a'..=b'z').map(|c| vec![b'q', c]).collect();
        let keys: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let t = trie(&keys);
        for (i, k) in owned.iter().enumerate() {
            let hay = std::str::from_utf8(k).unwrap();
            assert_eq!(all_prefixes(&t, hay), vec![(i as u32, 2)]);
        }
        assert_eq!(all_prefixes(&t, "q"), vec![]);
        // A node with a dense row that ends a key too: "q" and "zq".."zqz".
        let mut owned: Vec<Vec<u8>> = vec![b"q".to_vec(), b"zq".to_vec()];
        owned.extend((b'a'..=b'z').map(|c| vec![b'z', b'q', c]));
        let keys: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let t = trie(&keys);
        assert_eq!(all_prefixes(&t, "q!"), vec![(0, 1)]);
        assert_eq!(all_prefixes(&t, "zq"), vec![(1, 2)]);
        assert_eq!(all_prefixes(&t, "zqk"), vec![(1, 2), (12, 3)]);
        assert_eq!(t.keys(), keys);
    }

    #[test]
    fn edges_longer_than_a_u8_are_split() {
        let long = vec![b'x'; 70_000];
        let mut longer = long.clone();
        longer.extend_from_slice(b"yz");
        let keys: Vec<&[u8]> = vec![&long, &longer];
        let t = trie(&keys);
        let mut hay = longer.clone();
        hay.push(b'!');
        let mut got = vec![];
        t.prefixes(&hay, |k, n| got.push((k, n)));
        assert_eq!(got, vec![(0, 70_000), (1, 70_002)]);
    }

    #[test]
    fn keys_come_back_in_key_order() {
        let long = vec![b'y'; 70_000];
        let keys: Vec<&[u8]> = vec![b"a", b"ab", b"abc", b"abd", b"b b", b"bcd", &long];
        let t = trie(&keys);
        assert_eq!(t.keys(), keys);
        assert!(trie(&[]).keys().is_empty());
    }

    #[test]
    fn a_node_is_twenty_bytes() {
        // The label inside the node cost no byte: the segment length went
        // from a u16 to a u8 (longer edges are split).
        assert_eq!(std::mem::size_of::<Node>(), 20);
    }

    #[test]
    fn empty_trie_finds_nothing() {
        let t = trie(&[]);
        assert_eq!(all_prefixes(&t, "abc"), vec![]);
    }
}
