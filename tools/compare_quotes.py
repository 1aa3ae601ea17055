#!/usr/bin/env python3
"""Compare two ``sayso quotes`` JSONL outputs, document by document.

Usage::

    python tools/compare_quotes.py BEFORE.jsonl AFTER.jsonl [--show N]

Every field of a quote in BEFORE (spans, kind, cue, speaker mention, resolved
speaker, entry, source) must be equal in AFTER; fields that only AFTER has
(``rule``, ``speaker_via``, ``confidence``) are ignored.  Prints the number of
documents and quotes compared and the differences; exits 1 when there are any.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any


def _records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield n, json.loads(line)


def _key(q: dict[str, Any]) -> tuple[Any, ...]:
    return (q["start"], q["end"], q["kind"])


def compare(before: str, after: str, show: int) -> int:
    """Return the number of differences between the two files (and print them)."""
    diffs: list[str] = []
    docs = quotes = 0
    b_iter, a_iter = _records(before), _records(after)
    for (n, b), a_rec in zip(b_iter, a_iter, strict=False):
        _, a = a_rec
        docs += 1
        if b["id"] != a["id"]:
            diffs.append(f"line {n}: document {b['id']!r} vs {a['id']!r}")
            continue
        bq, aq = b["quotes"], a["quotes"]
        quotes += len(bq)
        if len(bq) != len(aq):
            diffs.append(f"{b['id']}: {len(bq)} quotes before, {len(aq)} after")
        for x, y in zip(bq, aq, strict=False):
            changed = {k: (x[k], y.get(k)) for k in x if x[k] != y.get(k)}
            if changed:
                diffs.append(f"{b['id']} quote {_key(x)}: {changed}")
    rest = sum(1 for _ in b_iter) + sum(1 for _ in a_iter)
    if rest:
        diffs.append(f"{rest} documents in one file only")
    print(f"{before} vs {after}: {docs} documents, {quotes} quotes, {len(diffs)} differences")
    for d in diffs[:show]:
        print("  " + d)
    return len(diffs)


def main() -> int:
    """Run the comparison from the command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--show", type=int, default=20, help="differences to print (default 20)")
    args = p.parse_args()
    return 1 if compare(args.before, args.after, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
