"""Dask: quotes and entities over the bench corpus with one worker process, then two.

Usage: python bench/bench_dask.py [--runs 3] [--out FILE]

A ``distributed.LocalCluster`` of one, then two, worker processes (one thread
each) runs ``Extractor.quotes`` by ``map_partitions`` over the corpus in 16
partitions, with the small gazetteer; sayso itself uses one thread a call, so
the speed-up is Dask's. Medians of several runs, after a warm-up run that
ships the extractor to the workers.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime

from bench_gazetteer import corpus_bench_args, emit_report, git_commit, machine


def run(workers: int, frame, ex, runs: int) -> tuple[float, int]:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        ddf = dd.from_pandas(frame, npartitions=16).persist()
        meta = ex.quotes(frame.head(0), "text")
        rows = 0
        times = []
        for i in range(runs + 1):
            start = time.perf_counter()
            rows = len(ddf.map_partitions(ex.quotes, "text", threads=1, meta=meta).compute())
            if i:  # the first run ships the extractor and warms the workers
                times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def main() -> int:
    args, texts = corpus_bench_args(__doc__, runs=3)
    if texts is None:
        return 2
    import pandas as pd
    import sayso

    frame = pd.DataFrame({"text": texts})
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    ex = sayso.Extractor(sayso.Gazetteer.from_csv(args.data / "gaz_small.csv"))
    one, rows = run(1, frame, ex, args.runs)
    two, rows2 = run(2, frame, ex, args.runs)
    assert rows == rows2
    lines = [
        "# Dask: one worker process against two",
        "",
        f"`python bench/bench_dask.py --runs {args.runs}` on {machine()}, "
        f"commit {git_commit()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        f"Corpus: {len(texts):,} texts, {mb:.1f} MB; `Extractor.quotes` with the small "
        f"gazetteer by `map_partitions` (16 partitions); {rows:,} quotes. Medians of "
        f"{args.runs} runs after a warm-up.",
        "",
        "| workers | seconds | MB/s | speed-up |",
        "|---|---|---|---|",
        f"| 1 | {one:.2f} | {mb / one:.1f} | 1.00× |",
        f"| 2 | {two:.2f} | {mb / two:.1f} | {one / two:.2f}× |",
    ]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
