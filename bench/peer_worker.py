"""Measure one matcher on one gazetteer, in a fresh process (run by bench_peers.py).

Usage: python bench/peer_worker.py TOOL GAZETTEER.csv CORPUS.jsonl --runs N --spans OUT.tsv

TOOL is sayso, ahocorasick_rs, daachorse, pyahocorasick, flashtext or spacy.
Prints one JSON object: build seconds, resident memory after the build and its
peak (MB above the interpreter with the corpus loaded), MB/s of each run on
one thread (and on two threads or processes where the tool has them), and
the number of matches; writes the matched spans (document, start, end) to
``--spans`` for the agreement table.

Semantics for every tool: whole words, case-insensitive, leftmost-longest.
Tools without a word-boundary rule get a filter in Python: every occurrence
is found (overlapping), those with a word character just outside are
dropped, and the leftmost-longest of the rest are kept. Case is folded with
``str.lower()``, as users of these tools do; where that changes a text's
length (``İ``), their offsets shift, and the agreement table says so.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable

Spans = list[tuple[int, int]]


def status_mb(key: str) -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(key))


def is_word(c: str) -> bool:
    """A word character as sayso defines it: a letter, a number or a mark."""
    return unicodedata.category(c)[0] in "LNM"


def whole_words(text: str, candidates: Spans) -> Spans:
    """Drop candidates with a word character just outside; keep the leftmost-longest."""
    n = len(text)
    valid = [
        (s, e)
        for s, e in candidates
        if (s == 0 or not is_word(text[s - 1])) and (e == n or not is_word(text[e]))
    ]
    valid.sort(key=lambda x: (x[0], -x[1]))
    out: Spans = []
    last = -1
    for s, e in valid:
        if s >= last:
            out.append((s, e))
            last = e
    return out


def build(tool: str, names: list[str]) -> Callable[[str], Spans]:
    """Build the tool's matcher over ``names``; return a function from a text to its spans."""
    if tool == "sayso":
        import sayso

        gaz = sayso.Gazetteer([{"name": n, "label": "X"} for n in names])

        def find(text: str) -> Spans:
            return sorted({(m.start, m.end) for m in gaz.find(text)})

        # Timed as users call it: a batch, Match objects out.
        find.batch = lambda texts, threads: gaz.find_batch(texts, threads=threads)  # type: ignore[attr-defined]
        return find
    lowered = sorted({n.lower() for n in names})
    if tool == "pyahocorasick":
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key in lowered:
            automaton.add_word(key, len(key))
        automaton.make_automaton()

        def find(text: str) -> Spans:
            found = [(end - size + 1, end + 1) for end, size in automaton.iter(text.lower())]
            return whole_words(text, found)

        return find
    if tool == "ahocorasick_rs":
        from ahocorasick_rs import AhoCorasick, MatchKind

        ac = AhoCorasick(lowered, matchkind=MatchKind.Standard)

        def find(text: str) -> Spans:
            found = ac.find_matches_as_indexes(text.lower(), overlapping=True)
            return whole_words(text, [(s, e) for _, s, e in found])

        return find
    if tool == "daachorse":
        import daachorse

        pma = daachorse.CharwiseDoubleArrayAhoCorasick(lowered)

        def find(text: str) -> Spans:
            found = pma.find_overlapping(text.lower())
            return whole_words(text, [(s, e) for s, e, _ in found])

        return find
    if tool == "flashtext":
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        for key in lowered:
            kp.add_keyword(key)

        def find(text: str) -> Spans:
            # flashtext has its own word boundary (ASCII letters, digits, _).
            return [(s, e) for _, s, e in kp.extract_keywords(text, span_info=True)]

        return find
    if tool == "spacy":
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.util import filter_spans

        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("X", list(nlp.tokenizer.pipe(names)))

        def find(text: str) -> Spans:
            doc = nlp.make_doc(text)
            spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
            return sorted((sp.start_char, sp.end_char) for sp in spans)

        return find
    raise SystemExit(f"unknown tool {tool!r}")


def _spacy_half(args: tuple[int, int]) -> int:
    lo, hi = args
    return sum(len(_FIND(t)) for t in _TEXTS[lo:hi])


_FIND: Callable[[str], Spans]
_TEXTS: list[str] = []


def main() -> int:
    global _FIND, _TEXTS
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("gazetteer")
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--spans")
    args = parser.parse_args()
    with open(args.gazetteer, encoding="utf-8", newline="") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rss0 = status_mb("VmRSS:")
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak to now
    t0 = time.perf_counter()
    find = build(args.tool, names)
    build_s = time.perf_counter() - t0
    out: dict = {
        "tool": args.tool,
        "names": len(names),
        "build_s": build_s,
        "rss_mb": status_mb("VmRSS:") - rss0,
        "peak_mb": status_mb("VmHWM:") - rss0,
        "corpus_mb": mb,
    }
    one, two = [], []
    result: list[Spans] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        if args.tool == "sayso":
            find.batch(texts, 1)  # type: ignore[attr-defined]
        else:
            result = [find(t) for t in texts]
        one.append(mb / (time.perf_counter() - t0))
        if args.tool == "sayso":
            t0 = time.perf_counter()
            find.batch(texts, 2)  # type: ignore[attr-defined]
            two.append(mb / (time.perf_counter() - t0))
        elif args.tool == "spacy":
            import multiprocessing

            _FIND, _TEXTS = find, texts
            half = len(texts) // 2
            with multiprocessing.get_context("fork").Pool(2) as pool:
                t0 = time.perf_counter()
                pool.map(_spacy_half, [(0, half), (half, len(texts))])
                two.append(mb / (time.perf_counter() - t0))
    if args.tool == "sayso":
        result = [find(t) for t in texts]  # spans, for the agreement table
    out["mbs_1"] = statistics.median(one)
    out["mbs_1_all"] = one
    if two:
        out["mbs_2"] = statistics.median(two)
        out["mbs_2_all"] = two
    out["matches"] = sum(len(r) for r in result)
    if args.spans:
        with open(args.spans, "w", encoding="utf-8") as fh:
            for i, spans in enumerate(result):
                for s, e in spans:
                    fh.write(f"{i}\t{s}\t{e}\n")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
