"""Matching speed of the fold on ASCII, mixed and accented text, against another build.

The fold decomposes names and texts canonically (NFC and NFD spellings meet): this
measures what that costs. ``--compare DIR`` names a folder holding another build of the
``sayso`` package (a copy of ``python/sayso`` with its ``_core`` extension); the two builds
run in alternating child processes, so that both see the same (shared, drifting) machine.
Workloads: the bench corpus, its documents that are not pure ASCII, and a synthetic text
dense in accented names. Speeds are ``find_batch`` on one thread, in MB/s of UTF-8.

    python bench/bench_fold.py --compare /tmp/sayso-before --rounds 5 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench_gazetteer import DEFAULT_DATA, GAZETTEERS, emit_report, git_commit, machine

CHILD = r"""
import json, statistics, sys, time
import sayso

data, runs = sys.argv[1], int(sys.argv[2])
with open(f"{data}/corpus.jsonl", encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh]
# Invented names, composed (NFC), as most text is written.
words = "Zürich São Nguyễn Josée Müller Ångström Ærø Dvořák Łódź Kraków Þór Ñandú".split()
accented = [" ".join(words[(i * 7 + k) % len(words)] for k in range(2000)) for i in range(200)]
workloads = {
    "corpus": texts,
    "non-ASCII documents": [t for t in texts if not t.isascii()],
    "accented names": accented,
}
out = {}
for name in json.loads(sys.argv[3]):
    gaz = sayso.Gazetteer.from_csv(f"{data}/{name}")
    for label, batch in workloads.items():
        mb = sum(len(t.encode("utf-8")) for t in batch) / 1e6
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            gaz.find_batch(batch, threads=1)
            times.append(time.perf_counter() - t0)
        out[f"{name}, {label} ({mb:.1f} MB)"] = mb / statistics.median(times)
print(json.dumps(out))
"""


def child(path: str, data: Path, runs: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=path)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(runs), json.dumps(GAZETTEERS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(proc.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="bench data folder")
    parser.add_argument("--compare", help="a folder holding another build of the sayso package")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure in a round")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    if not (args.data / "corpus.jsonl").exists():
        print(f"bench data not found: {args.data} (use --data)", file=sys.stderr)
        return 2
    builds = {"this build": ""}
    if args.compare:
        builds = {"compared": args.compare, **builds}
    results: dict[str, list[dict[str, float]]] = {b: [] for b in builds}
    for _ in range(args.rounds):
        for build, path in builds.items():
            results[build].append(child(path, args.data, args.runs))
    keys = list(results["this build"][0])
    medians = {
        b: {k: statistics.median(r[k] for r in rs) for k in keys} for b, rs in results.items()
    }
    load = os.getloadavg()[0]
    lines = [
        "# Matching speed of the fold",
        "",
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- this build: commit {git_commit()}; compared: {args.compare or 'none'}",
        f"- machine: {machine()}; load average {load:.1f} at the end (shared machine)",
        f"- `find_batch` on one thread, MB/s: median over {args.rounds} alternating rounds "
        f"of the median of {args.runs} runs",
        "",
        "| gazetteer, workload | " + " | ".join(builds) + (" | ratio |" if args.compare else " |"),
        "|---|" + "---|" * (len(builds) + (1 if args.compare else 0)),
    ]
    for k in keys:
        cells = [f"{medians[b][k]:.1f}" for b in builds]
        if args.compare:
            cells.append(f"{medians['this build'][k] / medians['compared'][k]:.2f}×")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    emit_report("\n".join(lines) + "\n", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
