"""Thread scaling of ``find_batch`` (Match objects) and of the entities frame.

Compares builds of sayso in one run: each ``--site NAME=DIR`` is a directory holding an
installed sayso (``pip install --target DIR sayso-*.whl``), or ``NAME=`` for the one
importable here. Each (site, gazetteer) is measured in a fresh interpreter, the sites taking
turns, and the table gives the median MB/s of ``--runs`` passes over the corpus at each
thread count, with the speed-up over one thread::

    python bench/bench_scaling.py --site base=/tmp/base --site new=/tmp/new \\
        --data ../shared/data/bench --out scaling.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ["gaz_small.csv", "gaz_large.csv"]
WHATS = ["find_batch", "find_batch fresh", "entities", "entities fresh"]


def measure(gaz_path: str, corpus_path: str, threads: list[int], runs: int) -> dict:
    """Measure one gazetteer with the sayso importable here (runs in a child process)."""
    import sayso

    gaz = sayso.Gazetteer.from_csv(gaz_path)
    ex = sayso.Extractor(gaz)
    with open(corpus_path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    gaz.find_batch(texts[:50])  # warm up: the thread pool, pandas' import
    ex.entities(texts[:50])
    out: dict = {"mb": mb}
    for what in WHATS:
        out[what] = {}
        for n in threads:
            times, size = [], 0
            for _ in range(runs):
                # Fresh str objects hold no UTF-8 copy yet: sayso makes it, as on
                # a first call; the others hold the copy an earlier run made.
                batch = [t.encode().decode() for t in texts] if "fresh" in what else texts
                t0 = time.perf_counter()
                if what.startswith("find_batch"):
                    result = gaz.find_batch(batch, threads=n)
                else:
                    result = ex.entities(batch, threads=n)
                times.append(time.perf_counter() - t0)
                size = sum(map(len, result)) if what.startswith("find_batch") else len(result)
                del result, batch
            out[what][n] = {"mbs": mb / statistics.median(times), "matches": size}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", default=[], help="NAME=DIR (repeatable)")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "bench"))
    parser.add_argument("--corpus", default=None, help="default: DATA/corpus.jsonl")
    parser.add_argument("--threads", default="1,2,4,8,16")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=None)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    corpus = args.corpus or str(Path(args.data) / "corpus.jsonl")
    if args.child:
        print(json.dumps(measure(args.child[0], corpus, threads, args.runs)))
        return
    sites = [s.partition("=")[::2] for s in args.site] or [("installed", "")]
    results: dict[tuple[str, str], dict] = {}
    for gaz in GAZETTEERS:
        for name, site in sites:
            env = dict(os.environ)
            if site:
                env["PYTHONPATH"] = site + os.pathsep + env.get("PYTHONPATH", "")
            cmd = [sys.executable, __file__, "--child", str(Path(args.data) / gaz), gaz]
            cmd += ["--corpus", corpus, "--threads", args.threads, "--runs", str(args.runs)]
            done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            results[(gaz, name)] = json.loads(done.stdout)
            print(f"{gaz} {name}: {results[(gaz, name)]}", file=sys.stderr, flush=True)
    lines = [
        "# Thread scaling of find_batch and the entities frame",
        "",
        f"Command: `python {' '.join(sys.argv)}`",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. "
        f"MB/s over the corpus ({next(iter(results.values()))['mb']:.1f} MB), median of "
        f"{args.runs} runs; x = speed-up over one thread of the same build. `find_batch` "
        "makes the Match objects; the entities frame is `Extractor(gaz).entities(texts)`; "
        "*fresh*: new str objects each run, so that sayso makes their UTF-8 copy as on a "
        "first call (the others reuse the copy CPython keeps after the first run). Freeing "
        "the result is not timed.",
        "",
        "| gazetteer | build | what | "
        + " | ".join(f"{n} thr MB/s (x)" for n in threads)
        + " | matches |",
        "|---|---|---|" + "---:|" * len(threads) + "---:|",
    ]
    for gaz in GAZETTEERS:
        for what in WHATS:
            for name, _ in sites:
                r = results[(gaz, name)][what]
                one = r[str(threads[0])]["mbs"]
                cells = [f"{r[str(n)]['mbs']:.0f} ({r[str(n)]['mbs'] / one:.1f}x)" for n in threads]
                counts = {r[str(n)]["matches"] for n in threads}
                lines.append(f"| {gaz} | {name} | {what} | " + " | ".join(cells) + f" | {counts} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
