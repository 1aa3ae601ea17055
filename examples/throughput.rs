//! Matching throughput of the core, without Python.
//!
//! `cargo run --release --example throughput -- GAZETTEER.csv CORPUS.jsonl`
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::Instant;

use sayso::gazetteer::{Gazetteer, Scratch};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, gaz, corpus] = args.as_slice() else {
        eprintln!("usage: throughput GAZETTEER.csv CORPUS.jsonl");
        std::process::exit(2);
    };
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
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        n = 0;
        for s in &texts {
            out.clear();
            g.find_into(s, false, &mut scratch, &mut out).expect("find");
            n += out.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} entries, build {:.3}s, {:.1} MB/s, {} matches, heap {:.1} MB",
        g.len(),
        build.as_secs_f64(),
        bytes as f64 / 1e6 / best,
        n,
        g.heap_bytes() as f64 / 1e6
    );
}
