"""Which entries of the built-in gazetteer are common words or person names, on the bench.

For every surface of the built-in gazetteer that matches in the bench corpus, counts
its matches (``find``), those written in lower case, those right after a first name or
a title (person-name contexts, by the person guard's lists), and whether the surface
is itself a first name or surname of the guard's list (python/sayso/data/
person_names.tsv). Prints the surfaces with any lower-case or person-name match, most
suspicious first: the list reviewed in python/sayso/data/DEFAULT_GAZETTEER.md.

Usage: python bench/builtin_review.py [--corpus PATH] [--top N]
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bench" / "corpus.jsonl"
NAMES = ROOT / "python" / "sayso" / "data" / "person_names.tsv"
TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "President", "Senator", "Judge"}


def main() -> int:
    import sayso

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    first, sur = set(), set()
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        n, f, s = line.split("\t")
        if f != "-":
            first.add(n)
        if s == "s":
            sur.add(n)
    with args.corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    gaz = sayso.Gazetteer.default()
    stats: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    prev_word = re.compile(r"(\w+)\.? $")
    for text, ms in zip(texts, gaz.find_batch(texts), strict=True):
        for m in ms:
            s = stats[" ".join(m.text.lower().split()) + "\t" + m.name]
            s["matches"] += 1
            if m.text.islower():
                s["lower"] += 1
            p = prev_word.search(text[max(0, m.start - 30) : m.start])
            if p and p.group(1) in first:
                s["after first name"] += 1
            if p and p.group(1) in TITLES:
                s["after title"] += 1
    rows = []
    for k, s in stats.items():
        surface, name = k.split("\t")
        person = surface.title() in first or surface.title() in sur
        bad = s["lower"] + s["after first name"] + s["after title"]
        if bad or person:
            rows.append((bad, surface, name, s, person))
    rows.sort(key=lambda r: (-r[0], -r[3]["matches"]))
    print(f"command: python bench/builtin_review.py --top {args.top}")
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    print(f"sayso {sayso.__version__}, {len(texts)} articles\n")
    print(
        "| surface | entry | matches | lower case | after a first name | after a title "
        "| a first name or surname |"
    )
    print("|---|---|---|---|---|---|---|")
    for _bad, surface, name, s, person in rows[: args.top]:
        print(
            f"| {surface} | {name} | {s['matches']} | {s['lower']} | "
            f"{s['after first name']} | {s['after title']} | {'yes' if person else ''} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
