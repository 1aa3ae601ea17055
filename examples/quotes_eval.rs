//! Writes quote predictions for a JSONL file of `{"id", "text"}` records in
//! the schema of `score_quotes.py` (offsets in code points).
//!
//! `cargo run --release --example quotes_eval -- INPUT.jsonl OUTPUT.jsonl`
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::io::Write;

use sayso::quotes::QuoteExtractor;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: quotes_eval INPUT.jsonl OUTPUT.jsonl");
        std::process::exit(2);
    };
    let ex = QuoteExtractor::new();
    let mut out = std::io::BufWriter::new(std::fs::File::create(output).expect("output"));
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for line in std::fs::read_to_string(input).expect("input").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().expect("text");
        bytes += text.len();
        // Byte offset to code point offset.
        let mut chars = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, c) in text.char_indices() {
            for k in 0..c.len_utf8() {
                chars[b + k] = n;
            }
            n += 1;
        }
        chars[text.len()] = n;
        let quotes: Vec<serde_json::Value> = ex
            .extract(text, &[], None)
            .iter()
            .map(|q| {
                let span =
                    |r: Option<std::ops::Range<usize>>| r.map(|r| (chars[r.start], chars[r.end]));
                let sp = span(q.speaker_mention());
                serde_json::json!({
                    "start": chars[q.content().start],
                    "end": chars[q.content().end],
                    "kind": q.kind().as_str(),
                    "cue": q.cue().map(|r| &text[r]),
                    "speaker": q.speaker(),
                    "speaker_start": sp.map(|s| s.0),
                    "speaker_end": sp.map(|s| s.1),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": v["id"], "quotes": quotes})
        )
        .expect("write");
    }
    println!("{:.1} MB/s", bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
}
