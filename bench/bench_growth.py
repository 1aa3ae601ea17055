"""How sayso grows: build time and memory with gazetteer size, matching time with corpus size.

Usage: python bench/bench_growth.py [--out FILE] [--plot PNG]

Gazetteers of 1k, 10k, 100k and all 571k GeoNames names of the bench data,
then 1M, 2M and 5M: the GeoNames names and synthetic ones (two invented
syllable words, "Varo Kelintu"). Each size is built in a fresh process
(build seconds, resident memory added). Matching: the small gazetteer over
1/8, 1/4, 1/2, all, 2x and 4x the corpus (repeated), one thread, median of 3.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_gazetteer import DEFAULT_DATA, emit_report, git_commit, machine

SIZES = [1_000, 10_000, 100_000, 571_211, 1_000_000, 2_000_000, 5_000_000]
SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"] + ["ar", "el", "in", "or", "us"]


def synthetic(n: int, seed: int = 7) -> list[str]:
    """``n`` invented two-word names, the same for the same seed."""
    rnd = random.Random(seed)

    def word() -> str:
        return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))).capitalize()

    return [f"{word()} {word()}" for _ in range(n)]


def names(data: Path, n: int) -> list[str]:
    with (data / "gaz_large.csv").open(encoding="utf-8", newline="") as fh:
        real = [row["name"] for row in csv.DictReader(fh)]
    return real[:n] if n <= len(real) else real + synthetic(n - len(real))


def one(data: Path, n: int) -> dict:
    """Build a gazetteer of ``n`` names here and report (run in a fresh process)."""
    import sayso

    entries = [{"name": name, "label": "X"} for name in names(data, n)]

    def status(key: str) -> float:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(key))

    rss0 = status("VmRSS:")
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    t0 = time.perf_counter()
    gaz = sayso.Gazetteer(entries)
    build = time.perf_counter() - t0
    rss = status("VmRSS:") - rss0
    peak = status("VmHWM:") - rss0
    return {"names": len(gaz), "build_s": build, "rss_mb": rss, "peak_mb": peak}


def matching(data: Path) -> list[tuple[float, float, float]]:
    """(MB, seconds, MB/s) of the small gazetteer over growing slices of the corpus."""
    import sayso

    gaz = sayso.Gazetteer.from_csv(data / "gaz_small.csv")
    with (data / "corpus.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    out = []
    for part in (1 / 8, 1 / 4, 1 / 2, 1, 2, 4):
        batch = texts[: int(len(texts) * part)] if part <= 1 else texts * int(part)
        mb = sum(len(t.encode("utf-8")) for t in batch) / 1e6
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            gaz.find_batch(batch, threads=1)
            times.append(time.perf_counter() - t0)
        sec = statistics.median(times)
        out.append((mb, sec, mb / sec))
    return out


def plot(builds: list[dict], runs: list[tuple[float, float, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b, c) = plt.subplots(1, 3, figsize=(13, 3.8))
    xs = [r["names"] for r in builds]
    a.loglog(xs, [r["build_s"] for r in builds], "o-")
    a.set(title="Build time", xlabel="names", ylabel="seconds")
    b.loglog(xs, [r["rss_mb"] for r in builds], "o-", label="resident")
    b.loglog(xs, [r["peak_mb"] for r in builds], "s--", label="peak")
    b.set(title="Memory added", xlabel="names", ylabel="MB")
    b.legend()
    c.plot([r[0] for r in runs], [r[1] for r in runs], "o-")
    c.set(title="Matching (5,298 names, 1 thread)", xlabel="corpus MB", ylabel="seconds")
    for ax in (a, b, c):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--plot", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.data, args.one)))
        return 0
    if not (args.data / "corpus.jsonl").exists():
        print(f"bench data not found in {args.data} (use --data)", file=sys.stderr)
        return 2
    builds = []
    for n in SIZES:
        print(f"building {n:,} names ...", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--one", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        builds.append(json.loads(done.stdout))
    runs = matching(args.data)
    lines = [
        "# How sayso grows",
        "",
        f"`python bench/bench_growth.py` on {machine()}, commit {git_commit()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Up to 571,211 names: GeoNames names of the "
        "bench data; beyond, synthetic two-word names. Each size built in a fresh process.",
        "",
        "| names | build s | RSS +MB | peak +MB | µs a name |",
        "|---|---|---|---|---|",
        *(
            f"| {r['names']:,} | {r['build_s']:.3f} | {r['rss_mb']:.0f} | {r['peak_mb']:.0f} "
            f"| {r['build_s'] / r['names'] * 1e6:.2f} |"
            for r in builds
        ),
        "",
        "Matching the small gazetteer (5,298 names), one thread, median of 3:",
        "",
        "| corpus MB | seconds | MB/s |",
        "|---|---|---|",
        *(f"| {mb:.1f} | {sec:.3f} | {speed:.0f} |" for mb, sec, speed in runs),
    ]
    if args.plot:
        plot(builds, runs, args.plot)
        lines += ["", f"![growth]({args.plot.name})"]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
