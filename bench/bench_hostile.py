"""Hostile gazetteers and Ctrl-C: the measurements of issue #13, points 3 and 4.

Usage: python bench/bench_hostile.py [--out FILE]

Point 4: one name made of a repeated word (``"ab ab ... zz"``) against a text
that repeats the same word, so that every word start walks the whole name
before it fails. The work per start grows with the name, so sayso caps names
at 1,000 characters; the table gives the throughput for names up to the cap and
the time ratio of twice the text to the text (1.0 is the cost of the same work
twice: linear). Names over the cap are refused; to measure them, run this
script with an older sayso (``--names`` takes the lengths).

Point 3: how long ``KeyboardInterrupt`` takes to arrive after SIGINT during a
long ``Extractor.pipe``, ``Gazetteer.find_batch`` and one long text (each run in
a child process, SIGINT sent one second in).

Every figure is the fastest of five runs, the sizes interleaved, on whatever
machine runs it: compare the figures of one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime

import sayso


def name_of(chars: int) -> str:
    """A name of about ``chars`` characters: ``"ab ab ... zz"``."""
    return "ab " * max(0, (chars - 2) // 3) + "zz"


def fastest(calls: list, runs: int = 5) -> list[float]:
    """The fastest of ``runs`` timings of each call, the calls interleaved."""
    best = [float("inf")] * len(calls)
    for _ in range(runs):
        for i, call in enumerate(calls):
            start = time.perf_counter()
            call()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def hostile_rows(lengths: list[int], words: int) -> list[str]:
    rows = []
    for chars in lengths:
        name = name_of(chars)
        try:
            gaz = sayso.Gazetteer([{"name": name, "label": "X"}])
        except sayso.GazetteerError as e:
            rows.append(f"| {len(name):,} | refused: {str(e).split(': ', 1)[1][:60]}… | | |")
            continue
        small, large = "ab " * words, "ab " * (2 * words)
        t1, t2 = fastest([lambda s=small, g=gaz: g.find(s), lambda s=large, g=gaz: g.find(s)])
        rows.append(
            f"| {len(name):,} | {len(small) / 1e6 / t1:.2f} | {len(large) / 1e6 / t2:.2f} "
            f"| {t2 / t1:.2f} |"
        )
    return rows


INTERRUPT = """
import os, signal, threading, time, sayso
PARAGRAPH = ("“The port stays open,” Eva Lind said on Monday. Ames, the mayor of Nordvik, "
             "told reporters that talks would resume. According to Voss, nothing was agreed.\\n")
threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
start = time.perf_counter()
try:
    {work}
    print("finished", time.perf_counter() - start - 1.0)
except KeyboardInterrupt:
    print("interrupted", time.perf_counter() - start - 1.0)
"""

WORK = {
    "`Extractor(False).pipe`, 2,600 texts (40 MB)": (
        "sayso.Extractor(False).pipe([PARAGRAPH * 100] * 2600)"
    ),
    "`Extractor(False)(text)`, one text of 31 MB": "sayso.Extractor(False)(PARAGRAPH * 200_000)",
    "`find_batch`, 60 texts of 300 KB, a 992-character name": (
        "sayso.Gazetteer([{'name': 'ab ' * 330 + 'zz', 'label': 'X'}])"
        ".find_batch(['ab ' * 100_000] * 60)"
    ),
}


def interrupt_rows() -> list[str]:
    rows = []
    for what, work in WORK.items():
        out = subprocess.run(
            [sys.executable, "-c", INTERRUPT.replace("{work}", work)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        state, seconds = out.stdout.split() if out.returncode == 0 else ("failed", "nan")
        rows.append(f"| {what} | {state} | {float(seconds):.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", default="10,100,300,1000,3002", help="name lengths")
    parser.add_argument("--words", type=int, default=100_000, help="words in the 1x text")
    parser.add_argument("--no-interrupt", action="store_true", help="skip point 3")
    parser.add_argument("--out", help="also write the report to this file")
    args = parser.parse_args()
    lines = [
        f"# Hostile gazetteers and Ctrl-C ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Command: `python {' '.join(sys.argv)}`; sayso {sayso.__version__} from "
        f"`{os.path.dirname(sayso.__file__)}`; {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}.",
        "",
        f"## Matching one hostile name (text: `'ab ' * {args.words:,}` and twice that)",
        "",
        "| name chars | MB/s 1× text | MB/s 2× text | time 2× / 1× |",
        "|---|---|---|---|",
        *hostile_rows([int(x) for x in args.names.split(",")], args.words),
    ]
    if not args.no_interrupt:
        lines += [
            "",
            "## Ctrl-C (SIGINT one second in)",
            "",
            "| call | outcome | seconds from SIGINT to the exception (or the end) |",
            "|---|---|---|",
            *interrupt_rows(),
        ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(report)


if __name__ == "__main__":
    main()
