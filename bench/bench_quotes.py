"""Speed of quotes and entities together, over the bench corpus.

Usage: python bench/bench_quotes.py [--runs 5] [--out FILE]

Measures `Extractor.pipe` from Python (Doc, Match and Quote objects included) with
the small gazetteer and without one, one thread and two, medians of several runs
with one- and two-thread runs alternating. One thread is also timed by the process's
CPU time (all its threads), which neighbours on a shared machine disturb far less than
the wall clock: the measure of "MB/s a core".
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime

from bench_gazetteer import corpus_bench_args, emit_report, git_commit, machine


def main() -> int:
    args, texts = corpus_bench_args(__doc__, runs=5)
    if texts is None:
        return 2
    import sayso

    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    setups = [
        ("quotes only", sayso.Extractor(False)),
        (
            "quotes + entities (gaz_small)",
            sayso.Extractor(sayso.Gazetteer.from_csv(args.data / "gaz_small.csv")),
        ),
    ]
    rows = []
    for name, ex in setups:
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: list[float] = []
        for _ in range(args.runs):
            for threads in (1, 2):
                t0, c0 = time.perf_counter(), time.process_time()
                docs = ex.pipe(texts, threads=threads)
                times[threads].append(time.perf_counter() - t0)
                if threads == 1:
                    cpu.append(time.process_time() - c0)
                quotes = sum(len(d.quotes) for d in docs)
                entities = sum(len(d.entities) for d in docs)
                del docs
        one, two = (mb / statistics.median(times[t]) for t in (1, 2))
        per_core = mb / statistics.median(cpu)
        rows.append(
            f"| {name} | {one:.1f} | {per_core:.1f} | {two:.1f} | {two / one:.2f}× | {quotes:,}"
            f" | {entities:,} |"
        )
    report = "\n".join(
        [
            "# Quotes and entities: speed",
            "",
            f"- command: `python bench/bench_quotes.py --runs {args.runs}`",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- sayso {sayso.__version__} (commit {git_commit()}), release build",
            f"- machine: {machine()}",
            f"- corpus: corpus.jsonl, {len(texts)} documents, {mb:.1f} MB; `Extractor.pipe`,"
            f" medians of {args.runs} runs; target ≥ 25 MB/s a core (#12)",
            "",
            "| setup | MB/s 1 thread | MB/s of CPU time, 1 thread | MB/s 2 threads | 2 vs 1"
            " | quotes | entities |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    emit_report(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
