"""sayso against the matchers users pick today, on the bench corpus, in one run.

Usage: python bench/bench_peers.py [--runs 5] [--peers-python .venv-bench/bin/python] [--out FILE]

Each tool builds each gazetteer in a fresh process (``bench/peer_worker.py``),
then matches the whole corpus several times. The peers live in their own venv
(``make bench`` makes ``.venv-bench`` from ``bench/peers-requirements.txt``);
sayso runs from the project's. spaCy, a hundred times slower, runs once.
The report gives build time, memory, speed, match counts, and how each
peer's matches differ from sayso's, by kind of difference, with an example.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from bench_gazetteer import DEFAULT_DATA, ROOT, emit_report, git_commit, machine

TOOLS = ["sayso", "ahocorasick_rs", "daachorse", "pyahocorasick", "flashtext", "spacy"]
GAZETTEERS = ["gaz_small.csv", "gaz_large.csv"]
WORKER = Path(__file__).parent / "peer_worker.py"
# The targets for sayso's one-thread speed against the fastest peer.
TARGETS = {"gaz_small.csv": "4.5×", "gaz_large.csv": "9×"}


def run_tool(tool: str, python: str, gaz: Path, corpus: Path, runs: int, spans: Path) -> dict:
    cmd = [python, str(WORKER), tool, str(gaz), str(corpus), "--runs", str(runs)]
    done = subprocess.run([*cmd, "--spans", str(spans)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{tool} on {gaz.name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_spans(path: Path) -> set[tuple[int, int, int]]:
    with path.open(encoding="utf-8") as fh:
        return {tuple(map(int, line.split("\t"))) for line in fh}  # type: ignore[misc]


def classify(text: str, s: int, e: int, others: list[tuple[int, int]], names: set[str]) -> str:
    """Say why a span is found by one tool and not by the other."""
    surface = text[s:e]
    if len(text.lower()) != len(text):
        return "the text changes length under str.lower() (İ): the peer's offsets shift"
    if any(c in surface for c in "\n\r\t\u00a0") or "  " in surface:
        return "a name across a line break or several spaces (sayso folds white space)"
    if any(c in surface for c in "’‘ʼ＇‐‑‒–—―−"):
        return "an apostrophe or dash variant (sayso folds them)"
    if surface.lower() not in names:
        return "the name needs a case fold str.lower() lacks (İstanbul: i̇stanbul ≠ istanbul)"
    if any(a < e and s < b for a, b in others):
        return "another choice among overlapping names"
    if s >= 2 and text[s - 1] in "'’" and text[s - 2].isalpha():
        return "a name after an apostrophe inside a word (O'Nan): one token to spaCy"
    if e + 1 < len(text) and text[e] in "'’-" and text[e + 1].isalnum():
        return "a name joined to the next word by ' or - (Ain't, COX-2): one token to spaCy"
    near = (text[s - 1] if s else "") + (text[e] if e < len(text) else "")
    if any(not c.isascii() or c == "_" for c in near):
        return "a word boundary next to a non-ASCII character or _"
    if any(c.isalnum() for c in near):
        return "a word boundary inside a token (tokenizer or ASCII-only boundary rule)"
    return "other"


def agreement(
    texts: list[str], ours: set, theirs: set, names: set[str]
) -> tuple[int, int, list[tuple[str, str, int, str]]]:
    """Missing and extra counts, and (side, kind, count, example) rows."""
    by_doc_ours: dict[int, list] = defaultdict(list)
    by_doc_theirs: dict[int, list] = defaultdict(list)
    for d, s, e in ours:
        by_doc_ours[d].append((s, e))
    for d, s, e in theirs:
        by_doc_theirs[d].append((s, e))
    rows = []
    for side, spans, others in (
        ("missing", ours - theirs, by_doc_theirs),
        ("extra", theirs - ours, by_doc_ours),
    ):
        kinds: Counter = Counter()
        example: dict[str, str] = {}
        for d, s, e in sorted(spans):
            kind = classify(texts[d], s, e, others[d], names)
            kinds[kind] += 1
            if kind not in example:
                a, b = max(0, s - 25), min(len(texts[d]), e + 25)
                snippet = texts[d][a:s] + "[" + texts[d][s:e] + "]" + texts[d][e:b]
                example[kind] = snippet.replace("\n", "⏎").replace("|", "/")
        rows += [(side, k, n, example[k]) for k, n in kinds.most_common()]
    return len(ours - theirs), len(theirs - ours), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peers-python", default=str(ROOT / ".venv-bench" / "bin" / "python"))
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--gazetteers", default=",".join(GAZETTEERS))
    parser.add_argument("--quotes", default="textacy", help="'textacy', or 'none' to skip")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    corpus = args.data / "corpus.jsonl"
    if not corpus.exists():
        print(f"bench data not found: {corpus} (use --data)", file=sys.stderr)
        return 2
    if not Path(args.peers_python).exists():
        print(f"no peers venv at {args.peers_python}: run make bench", file=sys.stderr)
        return 2
    with corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    tools = args.tools.split(",")
    lines = [
        "# sayso against the peers: gazetteer matching",
        "",
        f"`python bench/bench_peers.py --runs {args.runs}` (part of `make bench`) on {machine()}, "
        f"commit {git_commit()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "Corpus: `corpus.jsonl` of the bench data (21.8 MB, 21,268 news texts). Every tool: "
        "whole words, case-insensitive, leftmost-longest; peers without a word-boundary rule "
        "get a Python filter (see `bench/peer_worker.py`). MB/s are medians of "
        f"{args.runs} runs over the whole corpus (spaCy: one run), from Python, results "
        "included; 2-way is sayso's `find_batch(threads=2)` and spaCy's two forked processes.",
    ]
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for gaz_name in args.gazetteers.split(","):
            gaz = args.data / gaz_name
            results, spans = {}, {}
            with gaz.open(encoding="utf-8", newline="") as fh:
                lowered = {row["name"].lower() for row in csv.DictReader(fh)}
            for tool in tools:
                python = sys.executable if tool == "sayso" else args.peers_python
                runs = 1 if tool == "spacy" else args.runs
                out = Path(tmp) / f"{tool}-{gaz_name}.tsv"
                print(f"{gaz_name}: {tool} ...", file=sys.stderr, flush=True)
                results[tool] = run_tool(tool, python, gaz, corpus, runs, out)
                spans[tool] = read_spans(out)
            names = results[tools[0]]["names"]
            lines += [
                "",
                f"## {gaz_name} ({names:,} names)",
                "",
                "| tool | build s | RSS +MB (peak) | MB/s 1-way | MB/s 2-way | matches "
                "| missing vs sayso | extra vs sayso |",
                "|---|---|---|---|---|---|---|---|",
            ]
            details = []
            for tool in tools:
                r = results[tool]
                two = f"{r['mbs_2']:.1f}" if "mbs_2" in r else "–"
                if tool == "sayso":
                    miss = extra = "–"
                else:
                    m, x, rows = agreement(texts, spans["sayso"], spans[tool], lowered)
                    miss, extra = f"{m:,}", f"{x:,}"
                    details += [(tool, *row) for row in rows]
                lines.append(
                    f"| {tool} | {r['build_s']:.3f} | {r['rss_mb']:.0f} ({r['peak_mb']:.0f}) | "
                    f"{r['mbs_1']:.1f} | {two} | {r['matches']:,} | {miss} | {extra} |"
                )
            peers = {t: results[t]["mbs_1"] for t in tools if t != "sayso"}
            if peers and "sayso" in results:
                best = max(peers, key=peers.__getitem__)
                ratio = results["sayso"]["mbs_1"] / peers[best]
                summary.append((gaz_name, best, peers[best], results["sayso"]["mbs_1"], ratio))
                lines += [
                    "",
                    f"sayso, one thread, is **{ratio:.2f}×** the fastest peer ({best}, "
                    f"{peers[best]:.1f} MB/s); target {TARGETS.get(gaz_name, '–')} (#15).",
                ]
            if details:
                lines += [
                    "",
                    "Where the matches differ (spans sayso finds and the peer does not: "
                    "missing; the other way: extra):",
                    "",
                    "| peer | side | kind | count | example |",
                    "|---|---|---|---|---|",
                    *(f"| {t} | {side} | {k} | {n:,} | `{ex}` |" for t, side, k, n, ex in details),
                ]
    if "textacy" in args.quotes:
        lines += quotes_section(args.data.parent / "polnear" / "dev.jsonl", args.peers_python)
    emit_report("\n".join(lines), args.out)
    return 0


SCORER = ROOT.parent / "shared" / "tools" / "score_quotes.py"


def score(gold: Path, pred: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["results"]


def quotes_section(gold: Path, peers_python: str) -> list[str]:
    """sayso against textacy on PolNeAR dev: speed, one thread, and the scores."""
    import sayso

    with gold.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "sayso.jsonl"
        ex = sayso.Extractor()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            out = ex.pipe([d["text"] for d in docs], threads=1)
            times.append(time.perf_counter() - start)
        with pred.open("w", encoding="utf-8") as fh:
            for d, doc in zip(docs, out, strict=True):
                quotes = [q.to_dict() for q in doc.quotes]
                fh.write(json.dumps({"id": d["id"], "quotes": quotes}) + "\n")
        rows.append(("sayso", mb / statistics.median(times), score(gold, pred), ""))
        print("quotes: textacy ...", file=sys.stderr, flush=True)
        tpred = Path(tmp) / "textacy.jsonl"
        done = subprocess.run(
            [peers_python, str(Path(__file__).parent / "textacy_quotes.py"), str(gold), str(tpred)],
            capture_output=True,
            text=True,
            check=True,
        )
        info = json.loads(done.stdout.strip().splitlines()[-1])
        note = f"{info['failed_paragraphs']} paragraphs failed (unpaired marks)"
        rows.append(
            ("textacy + en_core_web_sm", info["mb"] / info["seconds"], score(gold, tpred), note)
        )
    lines = [
        "",
        "## Quotes: PolNeAR dev",
        "",
        f"{len(docs)} articles, {mb:.2f} MB; `score_quotes.py`, e2e F1 (span and speaker right). "
        "sayso: `Extractor().pipe(threads=1)`, median of 5 runs; textacy: "
        "`direct_quotations` paragraph by paragraph, one run.",
        "",
        "| tool | MB/s | direct | direct+mixed | all kinds | speaker acc (direct) | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for tool, speed, res, note in rows:
        f1 = [100 * res[k]["e2e_F1"] for k in ("direct", "direct+mixed", "all kinds")]
        acc = 100 * res["direct"]["speaker_acc_on_matched"]
        lines.append(
            f"| {tool} | {speed:.2f} | {f1[0]:.1f} | {f1[1]:.1f} | {f1[2]:.1f} "
            f"| {acc:.1f} | {note} |"
        )
    ratio = rows[0][1] / rows[1][1]
    lines += ["", f"sayso reads PolNeAR dev {ratio:,.0f}× as fast as textacy with spaCy."]
    return lines


if __name__ == "__main__":
    sys.exit(main())
