"""Gazetteer benchmark: build time, memory and matching speed on the shared bench data.

Run with ``make bench`` (or ``python bench/bench_gazetteer.py``). Each gazetteer is measured
in a fresh interpreter so that memory figures are its own. Speeds are medians of several
runs of ``Gazetteer.find_batch`` over the whole corpus, from Python, Match objects included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bench"
GAZETTEERS = ["gaz_small.csv", "gaz_large.csv"]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure(gaz_path: str, corpus_path: str, runs: int) -> dict:
    """Measure one gazetteer (runs in a child process)."""
    import sayso

    rss0 = rss_mb()
    t0 = time.perf_counter()
    gaz = sayso.Gazetteer.from_csv(gaz_path)
    build = time.perf_counter() - t0
    rss1 = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    with open(corpus_path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    out = {
        "entries": len(gaz),
        "build_s": build,
        "rss_mb": rss1 - rss0,
        "peak_mb": peak - rss0,
        "corpus_mb": mb,
        "docs": len(texts),
    }
    # One-thread and two-thread runs alternate, so that both see the same
    # machine (it is shared and its speed drifts): the ratio stays fair.
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for threads in (1, 2):
            t0 = time.perf_counter()
            result = gaz.find_batch(texts, threads=threads)
            times[threads].append(time.perf_counter() - t0)
            out["matches"] = sum(len(r) for r in result)
            del result
    for threads, ts in times.items():
        out[f"mbs_{threads}"] = mb / statistics.median(ts)
        out[f"mbs_{threads}_all"] = [mb / t for t in ts]
    return out


def corpus_bench_args(doc: str, runs: int) -> tuple[argparse.Namespace, list[str] | None]:
    """Parse ``--data --runs --out`` and read the corpus' texts (None, said, if missing)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    corpus = args.data / "corpus.jsonl"
    if not corpus.exists():
        print(f"bench data not found: {corpus} (use --data)", file=sys.stderr)
        return args, None
    with corpus.open(encoding="utf-8") as fh:
        return args, [json.loads(line)["text"] for line in fh]


def emit_report(report: str, out: Path | None) -> None:
    """Print a report, and write it to `out` when given."""
    print(report)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="bench data folder")
    parser.add_argument("--runs", type=int, default=9, help="runs per speed figure")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.child[1], args.runs)))
        return 0
    corpus = args.data / "corpus.jsonl"
    if not corpus.exists():
        print(f"bench data not found: {corpus} (use --data)", file=sys.stderr)
        return 2
    import sayso

    rows = []
    for name in GAZETTEERS:
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--runs",
                str(args.runs),
                "--child",
                str(args.data / name),
                str(corpus),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append((name, json.loads(proc.stdout)))
    first = rows[0][1]
    lines = [
        "# Gazetteer benchmark",
        "",
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- sayso {sayso.__version__} (commit {git_commit()}), release build",
        f"- machine: {machine()}",
        f"- corpus: {corpus.name}, {first['docs']} documents, {first['corpus_mb']:.1f} MB of UTF-8",
        f"- speed: `find_batch` from Python, Match objects included; median of {args.runs} runs,"
        " one-thread and two-thread runs alternating",
        "",
        "| gazetteer | entries | build s | RSS +MB | peak +MB "
        "| MB/s 1 thread | MB/s 2 threads | 2 vs 1 | matches |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        ratio = r["mbs_2"] / r["mbs_1"]
        lines.append(
            f"| {name} | {r['entries']:,} | {r['build_s']:.3f} | {r['rss_mb']:.0f} "
            f"| {r['peak_mb']:.0f} | {r['mbs_1']:.0f} | {r['mbs_2']:.0f} | {ratio:.2f}× "
            f"| {r['matches']:,} |"
        )
    lines.append("")
    lines.append("All runs, MB/s (1 thread; 2 threads):")
    lines.append("")
    for name, r in rows:
        one = ", ".join(f"{x:.0f}" for x in r["mbs_1_all"])
        two = ", ".join(f"{x:.0f}" for x in r["mbs_2_all"])
        lines.append(f"- {name}: {one}; {two}")
    report = "\n".join(lines) + "\n"
    emit_report(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
