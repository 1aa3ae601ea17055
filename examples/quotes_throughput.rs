//! Quote throughput of the core, without Python: the gazetteer's matches and
//! the quotes of each text, one thread, as `Extractor(gaz).pipe` does them.
//!
//! `cargo run --release --example quotes_throughput -- CORPUS.jsonl [GAZETTEER.csv]`
//!
//! Prints the median MB/s of `RUNS` (default 5) passes over the corpus, for
//! the matches alone and for matches and quotes; the quote count checks that
//! two builds do the same work. The time is the thread's CPU time where
//! Linux gives it (`/proc/thread-self/schedstat`: other processes on a
//! shared machine count less), else the wall clock; the output says which.
//! Meant for profilers too (`perf record`, `valgrind --tool=callgrind` with
//! `RUNS=1` and `LIMIT=2000` documents).
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::Instant;

use sayso::gazetteer::{Gazetteer, Scratch};
use sayso::quotes::{QuoteExtractor, SurnameIndex};

/// Seconds of CPU time of this thread, where Linux gives it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// A clock: CPU time where there is one, else the wall clock.
struct Clock {
    cpu: bool,
    wall: Instant,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            cpu: cpu_seconds().is_some(),
            wall: Instant::now(),
        }
    }
    fn now(&self) -> f64 {
        if self.cpu {
            cpu_seconds().unwrap_or(0.0)
        } else {
            self.wall.elapsed().as_secs_f64()
        }
    }
    fn name(&self) -> &'static str {
        if self.cpu {
            "CPU time"
        } else {
            "wall clock"
        }
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (corpus, gaz) = match args.as_slice() {
        [_, c] => (c, None),
        [_, c, g] => (c, Some(g)),
        _ => {
            eprintln!("usage: quotes_throughput CORPUS.jsonl [GAZETTEER.csv]");
            std::process::exit(2);
        }
    };
    let gaz = gaz.map(|g| {
        let g = Gazetteer::builder().build_from_csv(g).expect("gazetteer");
        let s = SurnameIndex::new(&g);
        (g, s)
    });
    let texts: Vec<String> = std::fs::read_to_string(corpus)
        .expect("corpus")
        .lines()
        .take(env_number("LIMIT", usize::MAX))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["text"].as_str().expect("text").to_owned()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let runs = env_number("RUNS", 5);
    let ex = QuoteExtractor::new();
    let (mut matching, mut both) = (Vec::new(), Vec::new());
    let (mut matches, mut quotes) = (0, 0);
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let clock = Clock::new();
    // The text's matches into `out`, as the pipeline finds them.
    let find = |s: &str, scratch: &mut Scratch, out: &mut Vec<_>| {
        out.clear();
        if let Some((g, _)) = &gaz {
            g.find_into(s, false, scratch, out).expect("find");
        }
    };
    for _ in 0..runs {
        let t = clock.now();
        matches = 0;
        for s in &texts {
            find(s, &mut scratch, &mut out);
            matches += out.len();
        }
        matching.push(clock.now() - t);
        let t = clock.now();
        quotes = 0;
        for s in &texts {
            find(s, &mut scratch, &mut out);
            let linker = gaz.as_ref().map(|(g, s)| (g, s));
            quotes += ex.extract(s, &out, linker).len();
        }
        both.push(clock.now() - t);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB, median of {runs} ({}): matches {:.1} MB/s ({matches}), \
         matches + quotes {:.1} MB/s ({quotes} quotes)",
        texts.len(),
        clock.name(),
        mb / median(&mut matching),
        mb / median(&mut both),
    );
}
