//! The trie against the aho-corasick crate, inside the same matcher.
//!
//! `cargo run --release --example engines -- CORPUS.jsonl GAZETTEER.csv...`
//!
//! For each gazetteer, matches the corpus on one thread with the trie, then
//! with aho-corasick in its place: anchored searches (`StartKind::Anchored`,
//! leftmost-longest, a DFA up to `DFA_MAX_KEYS` keys and a contiguous NFA
//! above) at the same word starts, with the same boundary and case checks
//! after them. Checks that both find the same matches, and prints a Markdown
//! table of the median MB/s of `RUNS` (default 5) passes, with the command
//! and the machine.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use sayso::gazetteer::{Gazetteer, Match, PrefixEngine, Scratch};

/// Above this many keys the DFA takes too long and too much memory to build.
const DFA_MAX_KEYS: usize = 50_000;

/// aho-corasick as a [`PrefixEngine`].
struct Ac(AhoCorasick);

impl PrefixEngine for Ac {
    fn prefixes(&self, hay: &[u8], mut found: impl FnMut(u32, usize)) {
        // Leftmost-longest gives the longest key at the start; the matcher
        // wants every key there, shortest first (the longest *valid* one
        // wins), so search again before the end of each, then report them in
        // reverse. Most starts find nothing and take one search.
        let mut ends = [(0u32, 0usize); 16];
        let mut spill = Vec::new();
        let mut n = 0;
        let mut limit = hay.len();
        while limit > 0 {
            let input = Input::new(hay).range(..limit).anchored(Anchored::Yes);
            let Some(m) = self.0.find(input) else { break };
            let hit = (m.pattern().as_u32(), m.end());
            if n < ends.len() {
                ends[n] = hit;
            } else {
                spill.push(hit);
            }
            n += 1;
            limit = m.end() - 1;
        }
        for &(k, e) in spill.iter().rev() {
            found(k, e);
        }
        for &(k, e) in ends[..n.min(ends.len())].iter().rev() {
            found(k, e);
        }
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} threads available")
}

/// Median seconds of `runs` passes of `f`, and its last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("runs > 0"))
}

fn find_all(texts: &[String], mut find: impl FnMut(&str, &mut Vec<Match>)) -> Vec<Vec<Match>> {
    texts
        .iter()
        .map(|s| {
            let mut out = Vec::new();
            find(s, &mut out);
            out
        })
        .collect()
}

/// `text` with each run of ASCII white space made one space: a key's space
/// matches a run of white space in the trie but one space in aho-corasick,
/// so both engines search these texts, where they must agree exactly.
fn one_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: engines CORPUS.jsonl GAZETTEER.csv...");
        std::process::exit(2);
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let texts: Vec<String> = std::fs::read_to_string(&args[1])
        .expect("corpus")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            one_space(v["text"].as_str().expect("text"))
        })
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("# The trie against aho-corasick (one thread, in Rust)\n");
    println!("Command: `{}`\n", args.join(" "));
    println!(
        "Machine: {}; RUNS={runs}, medians. Corpus: {} texts, {mb:.1} MB.\n",
        machine(),
        texts.len()
    );
    println!("| gazetteer | keys | engine | build s | MB/s | matches | same matches |");
    println!("|---|---:|---|---:|---:|---:|---|");
    for path in &args[2..] {
        let g = Gazetteer::builder()
            .build_from_csv(path)
            .expect("gazetteer");
        let keys = g.keys();
        let name = std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
        let mut scratch = Scratch::default();
        let (t_trie, trie) = timed(runs, || {
            find_all(&texts, |s, out| {
                g.find_into(s, false, &mut scratch, out).expect("find");
            })
        });
        let n_trie: usize = trie.iter().map(Vec::len).sum();
        println!(
            "| {name} | {} | sayso trie | | {:.1} | {n_trie} | |",
            keys.len(),
            mb / t_trie
        );
        let kind = if keys.len() <= DFA_MAX_KEYS {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let t = Instant::now();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .ascii_case_insensitive(true)
            .kind(Some(kind))
            .build(&keys)
            .expect("aho-corasick");
        let build = t.elapsed().as_secs_f64();
        let ac = Ac(ac);
        let (t_ac, found) = timed(runs, || {
            find_all(&texts, |s, out| {
                g.find_into_with(&ac, s, false, &mut scratch, out)
                    .expect("find");
            })
        });
        let n_ac: usize = found.iter().map(Vec::len).sum();
        let differ = trie.iter().zip(&found).filter(|(a, b)| a != b).count();
        let same = if differ == 0 {
            "yes".to_owned()
        } else {
            format!("no: {differ} texts differ")
        };
        println!(
            "| {name} | {} | aho-corasick {kind:?} | {build:.3} | {:.1} | {n_ac} | {same} |",
            keys.len(),
            mb / t_ac
        );
    }
    println!(
        "\nBoth engines search the corpus with each run of ASCII white space made one \
         space (a key's space matches a run of white space in the trie, one space in \
         aho-corasick), ASCII texts as they are (aho-corasick folds their case) and \
         the others folded; \"same matches\" compares every match of every text."
    );
}
