"""CPU time of quotes + entities over the bench corpus, for comparing two builds.

Usage: python bench/bench_quotes_cpu.py [--runs 2] [--data DIR]

One thread, ``Extractor.pipe`` with the small gazetteer (Doc, Match and Quote objects
included), timed by the process's CPU time rather than the wall clock: on a shared,
loaded machine the wall clock measures the neighbours. Run it alternately with two
installs (say a wheel of the base commit and one of the branch, each in a venv of its
own) and compare the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from bench_gazetteer import DEFAULT_DATA, git_commit, machine


def main() -> int:
    """Print the MB/s of each run and their median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    import sayso

    with open(args.data / "corpus.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    ex = sayso.Extractor(sayso.Gazetteer.from_csv(args.data / "gaz_small.csv"))
    speeds = []
    for _ in range(args.runs):
        start = time.process_time()
        docs = ex.pipe(texts, threads=1)
        speeds.append(mb / (time.process_time() - start))
        del docs
    runs = " ".join(f"{s:.1f}" for s in speeds)
    print(
        f"| {sayso.__file__} | {runs} | {statistics.median(speeds):.1f} |"
        f" (commit of the checkout: {git_commit()}; {machine()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
