"""The cost of DataFrames: ``ex.entities``/``ex.quotes`` against ``find_batch``/``pipe``,
and ``ex.about`` (who says what about whom) beside ``ex.quotes``.

Usage: python bench/bench_frames.py [--runs 5] [--out FILE]

Over the bench corpus with the small gazetteer, one thread: the plain calls
that give Python objects, and the calls that give DataFrames built from
columns made in Rust. Medians of several runs, the calls alternating.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime

from bench_gazetteer import corpus_bench_args, emit_report, git_commit, machine


def main() -> int:
    args, texts = corpus_bench_args(__doc__, runs=5)
    if texts is None:
        return 2
    import pandas as pd
    import sayso

    gaz = sayso.Gazetteer.from_csv(args.data / "gaz_small.csv")
    ex = sayso.Extractor(gaz)
    series = pd.Series(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    calls = {
        "gaz.find_batch(texts)": lambda: gaz.find_batch(texts, threads=1),
        "ex.entities(series)": lambda: ex.entities(series, threads=1),
        "ex.pipe(texts)": lambda: ex.pipe(texts, threads=1),
        "ex.quotes(series)": lambda: ex.quotes(series, threads=1),
        "ex.about(series)": lambda: ex.about(series, threads=1),
    }
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {name: [] for name in calls}
    sizes = {}
    for _ in range(args.runs):
        for name, call in calls.items():
            t0 = time.perf_counter()
            result = call()
            times[name].append(time.perf_counter() - t0)
            sizes[name] = len(result)
            del result
    med = {name: statistics.median(ts) for name, ts in times.items()}
    lines = [
        "# DataFrames against plain calls",
        "",
        f"`python bench/bench_frames.py --runs {args.runs}` on {machine()}, commit "
        f"{git_commit()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Corpus: {len(texts):,} texts, "
        f"{mb:.1f} MB; small gazetteer (5,298 names); one thread; medians of {args.runs} runs.",
        "",
        f"Load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after the runs: "
        "on a shared machine, compare the ratios of one run rather than seconds across runs.",
        "",
        "| call | gives | seconds | MB/s | time against |",
        "|---|---|---|---|---|",
    ]
    pairs = {
        "ex.entities(series)": "gaz.find_batch(texts)",
        "ex.quotes(series)": "ex.pipe(texts)",
        "ex.about(series)": "ex.quotes(series)",
    }
    gives = {
        "gaz.find_batch(texts)": f"{sizes['gaz.find_batch(texts)']:,} lists of Match",
        "ex.entities(series)": f"a frame of {sizes['ex.entities(series)']:,} rows",
        "ex.pipe(texts)": f"{sizes['ex.pipe(texts)']:,} Docs",
        "ex.quotes(series)": f"a frame of {sizes['ex.quotes(series)']:,} rows",
        "ex.about(series)": f"a frame of {sizes['ex.about(series)']:,} rows",
    }
    for name, sec in med.items():
        ratio = f"{sec / med[pairs[name]]:.2f}× `{pairs[name]}`" if name in pairs else "–"
        lines.append(f"| `{name}` | {gives[name]} | {sec:.3f} | {mb / sec:.0f} | {ratio} |")
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
