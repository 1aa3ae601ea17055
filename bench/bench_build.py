"""Gazetteer build benchmark: `Gazetteer.from_csv` time and memory, builds compared in one run.

Run with ``python bench/bench_build.py [--python OTHER/bin/python ...]``. Each build runs in a
fresh interpreter (so that memory figures are its own), and the interpreters given (this one
first) take turns, round after round, so that all see the same machine: compare the medians
of one run, not figures from different runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gazetteer import DEFAULT_DATA, git_commit, machine, rss_mb


def child(path: str) -> dict:
    import sayso

    rss0 = rss_mb()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    gaz = sayso.Gazetteer.from_csv(path)
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - t0
    rss1 = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    return {
        "entries": len(gaz),
        "wall": wall,
        "cpu": cpu,
        "rss": rss1 - rss0,
        "peak": peak - rss0,
        "sayso": os.path.dirname(sayso.__file__),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="bench data folder")
    parser.add_argument("--gazetteer", default="gaz_large.csv", help="file in the data folder")
    parser.add_argument("--rounds", type=int, default=7, help="builds per interpreter")
    parser.add_argument(
        "--python", action="append", default=[], help="another interpreter with sayso, to compare"
    )
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    path = args.data / args.gazetteer
    if not path.exists():
        print(f"bench data not found: {path} (use --data)", file=sys.stderr)
        return 2
    pythons = [sys.executable, *args.python]
    runs: dict[str, list[dict]] = {p: [] for p in pythons}
    for _ in range(args.rounds):
        for p in pythons:
            proc = subprocess.run(
                [p, __file__, "--child", str(path)], capture_output=True, text=True, check=True
            )
            runs[p].append(json.loads(proc.stdout))
    lines = [
        "# Gazetteer build benchmark",
        "",
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- this checkout: commit {git_commit()}",
        f"- machine: {machine()}",
        f"- {args.gazetteer}: `Gazetteer.from_csv` in a fresh interpreter, {args.rounds} rounds, "
        "interpreters taking turns; medians (CPU s is the process' CPU time during the build)",
        "",
        "| interpreter (sayso from) | entries | build s | CPU s | RSS +MB | peak +MB |",
        "|---|---|---|---|---|---|",
    ]
    for p, rs in runs.items():

        def med(key: str, rs: list[dict] = rs) -> float:
            return statistics.median(r[key] for r in rs)

        lines.append(
            f"| `{p}` (`{rs[0]['sayso']}`) | {rs[0]['entries']:,} | {med('wall'):.3f} "
            f"| {med('cpu'):.3f} | {med('rss'):.1f} | {med('peak'):.1f} |"
        )
    lines += ["", "All builds, s (wall):", ""]
    for p, rs in runs.items():
        lines.append(f"- `{p}`: " + ", ".join(f"{r['wall']:.3f}" for r in rs))
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
