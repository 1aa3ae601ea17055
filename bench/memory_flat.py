"""Resident memory over a million documents through ``Extractor.pipe``.

Usage: python bench/memory_flat.py [--docs 1000000] [--batch 10000] [--out FILE]

Feeds short news-like documents (written for this script, each with a quote
and two gazetteer names) in batches, keeps only counts, and prints the
resident set size after every tenth of the run. Memory that grows with the
number of documents processed (a leak, a cache without bound) shows as a
rising curve; the report gives the growth of the second half's highest
point over the first half's. Each point
is taken after a garbage collection and ``malloc_trim``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

TEMPLATES = [
    "“The {n} line reopens in May,” Eva Lind said on {d}.",
    "Nordvik wants {n} more buses, a city spokesman told reporters.",
    "The council of Nordvik approved {n} new flats on {d}, according to Eva Lind.",
    "Fares rose by {n} cents. Nobody said why.",
]
DAYS = ["Monday", "Tuesday", "Friday"]


def documents(start: int, count: int) -> list[str]:
    """``count`` documents, numbered from ``start``, all different."""
    return [
        TEMPLATES[i % len(TEMPLATES)].format(n=i, d=DAYS[i % len(DAYS)])
        for i in range(start, start + count)
    ]


def rss_mb() -> float:
    """The resident set size of this process, in MB (Linux), after a collection.

    Freed memory that the C allocator keeps for reuse is handed back first
    (``malloc_trim``), so the curve shows what is live, not the allocator's
    caching, which wanders by a few percent either way.
    """
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def curve(docs: int, batch: int, threads: int | None = None) -> list[tuple[int, float, int]]:
    """(documents done, RSS in MB, quotes so far) after each tenth of the run."""
    import sayso

    gaz = sayso.Gazetteer(
        [
            {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
            {"name": "Nordvik", "label": "GPE", "id": "g1"},
        ]
    )
    ex = sayso.Extractor(gaz)
    points = []
    step = max(docs // 10, batch)
    quotes = 0
    done = 0
    while done < docs:
        n = min(batch, docs - done)
        for doc in ex.pipe(documents(done, n), threads=threads):
            quotes += len(doc.quotes)
        done += n
        if done % step == 0 or done == docs:
            points.append((done, rss_mb(), quotes))
    return points


def growth(points: list[tuple[int, float, int]]) -> float:
    """The growth of the highest RSS of the second half of the run over the first half's.

    Memory that leaks by the document rises from half to half; the allocator's
    wandering (a few hundred KB either way) stays within each half's highs.
    """
    half = len(points) // 2
    if half == 0:
        return 0.0
    first = max(p[1] for p in points[:half])
    return max(p[1] for p in points[half:]) / first - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from bench_gazetteer import emit_report, machine

    points = curve(args.docs, args.batch, args.threads)
    lines = [
        "# Memory over a million documents",
        "",
        f"`python bench/memory_flat.py --docs {args.docs} --batch {args.batch}` "
        f"on {machine()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| documents | RSS MB | quotes |",
        "|---|---|---|",
        *(f"| {d:,} | {r:.1f} | {q:,} |" for d, r, q in points),
        "",
        f"Growth of the second half's highest RSS over the first half's: "
        f"{growth(points) * 100:+.1f}% (target: within 5%).",
    ]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
