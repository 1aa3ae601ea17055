"""Fit the quote confidence table on PolNeAR train: ``src/quotes/confidence.tsv``.

Usage: python tools/fit_confidence.py [--split train] [--out src/quotes/confidence.tsv]

Runs ``sayso quotes`` on the split, marks each predicted quote right when its span
matches a gold fragment and its speaker the gold source (``tools/quote_labels.py``,
the scorer's matching), and counts quotes and right ones per cell: rule, resolution
path (``speaker_via``, ``-`` without a speaker), kind, and whether the speaker
mention is a name (``named``: a capitalised word after its first word, or one
capitalised word; "the minister" and "officials" are not). The Rust core reads the
counts (``include_str!``) and turns them into probabilities with backoff: a cell's
share shrinks toward its rule's, the rule's toward the overall one
(``src/quotes/confidence.rs``). Fit on train only; ``bench/calibrate_quotes.py``
checks it on dev.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from quote_labels import ROOT, SHARED, labelled


def named(mention: str | None) -> bool:
    """Whether a speaker mention is a name; ``confidence.rs`` decides the same way."""
    words = (mention or "").split()
    if len(words) == 1:
        return words[0][:1].isupper()
    return any(w[:1].isupper() for w in words[1:])


def main() -> int:
    """Fit and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "quotes" / "confidence.tsv")
    args = parser.parse_args()
    gold = SHARED / "data" / "polnear" / f"{args.split}.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        command = [sys.executable, "-m", "sayso", "quotes", str(gold), "-o", str(pred)]
        subprocess.run(command, check=True)
        rows = labelled(gold, pred)
    quotes: Counter[tuple[str, str, str, str]] = Counter()
    right: Counter[tuple[str, str, str, str]] = Counter()
    for q, _, e2e_ok in rows:
        name = "1" if named(q["speaker_text"]) else "0"
        cell = (q["rule"], q["speaker_via"] or "-", q["kind"], name)
        quotes[cell] += 1
        right[cell] += e2e_ok
    lines = [
        "# Quotes and right quotes (span and speaker) per rule, speaker_via, kind, named",
        f"# on PolNeAR {args.split}: written by tools/fit_confidence.py; read by confidence.rs.",
        "# rule\tspeaker_via\tkind\tnamed\tquotes\tright",
    ]
    for cell in sorted(quotes):
        lines.append("\t".join([*cell, str(quotes[cell]), str(right[cell])]))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = sum(quotes.values())
    print(f"{args.out}: {len(quotes)} cells, {total} quotes, {sum(right.values())} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
