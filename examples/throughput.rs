//! Matching throughput of the core, without Python.
//!
//! `cargo run --release --example throughput -- GAZETTEER.csv CORPUS.jsonl [THREADS]`
//!
//! Prints the median MB/s of `RUNS` (default 5) passes over the corpus.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::Instant;

use sayso::gazetteer::{Gazetteer, Scratch};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (gaz, corpus, threads) = match args.as_slice() {
        [_, g, c] => (g, c, 1),
        [_, g, c, t] => (g, c, t.parse().expect("THREADS is a number")),
        _ => {
            eprintln!("usage: throughput GAZETTEER.csv CORPUS.jsonl [THREADS]");
            std::process::exit(2);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let t = Instant::now();
    let g = Gazetteer::builder().build_from_csv(gaz).expect("gazetteer");
    let build = t.elapsed();
    let texts: Vec<String> = std::fs::read_to_string(corpus)
        .expect("corpus")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["text"].as_str().expect("text").to_owned()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = if threads == 1 {
            let mut scratch = Scratch::default();
            let mut out = Vec::new();
            let mut n = 0;
            for s in &texts {
                out.clear();
                g.find_into(s, false, &mut scratch, &mut out).expect("find");
                n += out.len();
            }
            n
        } else {
            use rayon::prelude::*;
            pool.install(|| {
                texts
                    .par_iter()
                    .with_min_len(256)
                    .map_init(
                        || (Scratch::default(), Vec::new()),
                        |(scratch, out), s| {
                            out.clear();
                            g.find_into(s, false, scratch, out).expect("find");
                            out.len()
                        },
                    )
                    .sum()
            })
        };
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{} entries, build {:.3}s, {threads} thread(s) median {:.1} MB/s, {} matches, heap {:.1} MB",
        g.len(),
        build.as_secs_f64(),
        bytes as f64 / 1e6 / median,
        n,
        g.heap_bytes() as f64 / 1e6
    );
}
