"""Precision of the built-in gazetteer on the bench corpus, from hand judgements.

The sampling rule, fixed before any match was judged:

1. Match ``sayso.Gazetteer.default()`` (``find``: non-overlapping, as ``Extractor()`` uses
   it) over every article of ``corpus.jsonl`` (BBC and Reuters-21578, 21,268 articles),
   in file order.
2. Number the matches in that order (article, then start, then entry) and draw
   ``SAMPLE`` of them without replacement with ``random.Random(SEED).sample``.
3. A judge reads each drawn match in a window of its article and records ``1`` (the
   text names that place or organisation) or ``0`` (it does not: a person's name, a
   common word, another place or thing of the same name), with a reason in their own
   words. Judgements keep ids, offsets and the entry's id, never article text.

After a change, the same sample is matched again: precision is the share of judged-
correct matches among the sampled ones still found; recall kept is the share of the
judged-correct ones still found. Matches found only after the change (never in the
"before" sample) are drawn by the same rule (``SEED``, up to ``SAMPLE`` of them) and
judged in a second file.

Usage::

    python bench/builtin_precision.py sample --out DIR     # before: draw and show windows
    python bench/builtin_precision.py new --judged FILE --before-all DIR/all.tsv --out DIR2
    python bench/builtin_precision.py report --judged FILE [--judged-new FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bench" / "corpus.jsonl"
SEED = 17
SAMPLE = 500
WINDOW = 90
FIELDS = ["doc", "start", "end", "entry_id", "correct", "reason"]


def articles(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(d["id"], d["text"]) for d in map(json.loads, fh)]


def all_matches(docs: list[tuple[str, str]]) -> list[tuple[str, int, int, str]]:
    """(article id, start, end, entry id) of every match, in the order of rule 1."""
    import sayso

    gaz = sayso.Gazetteer.default()
    found = gaz.find_batch([t for _, t in docs])
    return [
        (doc, m.start, m.end, m.id)
        for (doc, _), ms in zip(docs, found, strict=True)
        for m in sorted(ms, key=lambda m: (m.start, m.end, m.id))
    ]


def draw(matches: list) -> list:
    picked = random.Random(SEED).sample(range(len(matches)), min(SAMPLE, len(matches)))
    return [matches[i] for i in sorted(picked)]


def show(sample: list, docs: dict[str, str], out: Path, name: str) -> None:
    """Write the draw (for judging: fill in ``correct`` and ``reason``) and the windows."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{name}.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(FIELDS)
        for doc, s, e, eid in sample:
            w.writerow([doc, s, e, eid, "", ""])
    with (out / f"{name}-windows.txt").open("w", encoding="utf-8") as fh:
        for i, (doc, s, e, eid) in enumerate(sample):
            t = docs[doc]
            left = t[max(0, s - WINDOW) : s].replace("\n", " ¶ ")
            right = t[e : e + WINDOW].replace("\n", " ¶ ")
            fh.write(f"{i}\t{doc}\t{eid}\t…{left}[[{t[s:e]}]]{right}…\n")


def read_judged(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        if r["correct"] not in ("0", "1"):
            sys.exit(f"{path}: {r['doc']} {r['start']}: correct must be 0 or 1")
    return rows


def key(r: dict) -> tuple[str, int, int, str]:
    return (r["doc"], int(r["start"]), int(r["end"]), r["entry_id"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["sample", "new", "report"])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, help="folder for the draw and its windows")
    ap.add_argument("--judged", type=Path, help="judgements of the 'before' sample")
    ap.add_argument("--before-all", type=Path, help="all.tsv written by 'sample' (before)")
    ap.add_argument("--judged-new", type=Path, help="judgements of matches new after")
    args = ap.parse_args()
    docs = articles(args.corpus)
    matches = all_matches(docs)
    if args.command == "sample":
        show(draw(matches), dict(docs), args.out, "sample")
        with (args.out / "all.tsv").open("w", encoding="utf-8") as fh:
            fh.writelines(f"{d}\t{s}\t{e}\t{i}\n" for d, s, e, i in matches)
        print(f"{len(matches)} matches; drew {min(SAMPLE, len(matches))} into {args.out}")
        return 0
    judged = read_judged(args.judged)
    now = set(matches)
    new = []
    if args.before_all:
        # Matches the 'before' gazetteer did not make (all.tsv of 'sample').
        with args.before_all.open(encoding="utf-8") as fh:
            rows = (ln.rstrip("\n").split("\t") for ln in fh)
            old = {(d, int(s), int(e), i) for d, s, e, i in rows}
        new = [m for m in matches if m not in old]
    if args.command == "new":
        show(draw(new), dict(docs), args.out, "new")
        print(f"{len(new)} matches not made before; drew {min(SAMPLE, len(new))} into {args.out}")
        return 0
    kept = [r for r in judged if key(r) in now]
    spans = {m[:3] for m in matches}
    good = [r for r in judged if r["correct"] == "1"]
    good_kept = [r for r in good if key(r) in now]
    lines = [
        f"command: python bench/builtin_precision.py report --judged {args.judged}"
        + (f" --judged-new {args.judged_new}" if args.judged_new else "")
        + (f" --before-all {args.before_all}" if args.before_all else ""),
        f"machine: {platform.platform()}, Python {platform.python_version()}",
        f"matches of the built-in gazetteer on the corpus now: {len(matches)}",
        "",
        "| | judged | correct | precision |",
        "|---|---|---|---|",
        f"| before (the whole sample) | {len(judged)} | {len(good)} | "
        f"{len(good) / len(judged):.1%} |",
        f"| after (sampled matches still found) | {len(kept)} | "
        f"{sum(r['correct'] == '1' for r in kept)} | "
        f"{sum(r['correct'] == '1' for r in kept) / max(len(kept), 1):.1%} |",
    ]
    if args.judged_new:
        jn = read_judged(args.judged_new)
        ok = sum(r["correct"] == "1" for r in jn)
        p_new = ok / max(len(jn), 1)
        lines.append(f"| new matches (own sample) | {len(jn)} | {ok} | {p_new:.1%} |")
        if new:
            p_kept = sum(r["correct"] == "1" for r in kept) / max(len(kept), 1)
            both = ((len(matches) - len(new)) * p_kept + len(new) * p_new) / len(matches)
            lines.append(
                f"| after, all matches ({len(matches) - len(new)} also made before, "
                f"{len(new)} new; weighted) | | | {both:.1%} |"
            )
    lines += [
        "",
        f"recall kept: {len(good_kept)} of the {len(good)} judged-correct matches are still "
        f"found ({len(good_kept) / len(good):.1%}); lost: "
        + (
            ", ".join(
                f"{r['doc']}@{r['start']} {r['entry_id']}" for r in good if r not in good_kept
            )
            or "none"
        ),
        f"wrong matches removed: {sum(r['correct'] == '0' and key(r) not in now for r in judged)} "
        f"of {sum(r['correct'] == '0' for r in judged)}, of which "
        f"{sum(r['correct'] == '0' and key(r) not in now and key(r)[:3] in spans for r in judged)}"
        " are matched again at the same span as another entry (new matches now)",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
