"""Print the ids of the news gold set, chosen by the rule in docs/ANNOTATION.md.

Usage: python bench/news_gold/selection.py [--heldout] [CORPUS]
       (default corpus ../shared/data/bench/corpus.jsonl)

`--heldout` prints the held-out set instead: the next 10 kept ids of each source in the
same order (the 21st to the 30th), annotated after the rules were tuned on the first set.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

SALT = "sayso-news-gold-v1:"
MIN_CHARS, MAX_CHARS = 600, 2500
PER_SOURCE = 20
HELDOUT_PER_SOURCE = 10
SOURCES = ("bbc/", "reuters/")
REPORTING = re.compile(r"\b(said|says|say|told|added|stated|announced|quoted|according to)\b")
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "bench" / "corpus.jsonl"


def order_key(doc_id: str) -> str:
    """The fixed pseudo-random order: sha256 of the salted id."""
    return hashlib.sha256((SALT + doc_id).encode()).hexdigest()


def select(docs: list[dict[str, str]], skip: int = 0, take: int = PER_SOURCE) -> list[str]:
    """The selected ids, BBC first, each source in the salted-hash order: of the articles
    the rule keeps, the `take` that follow the first `skip` of each source."""
    chosen: dict[str, list[str]] = {s: [] for s in SOURCES}
    for doc in sorted(docs, key=lambda d: order_key(d["id"])):
        source = next((s for s in SOURCES if doc["id"].startswith(s)), None)
        if source is None or len(chosen[source]) >= skip + take:
            continue
        text = doc["text"]
        if MIN_CHARS <= len(text) <= MAX_CHARS and REPORTING.search(text):
            chosen[source].append(doc["id"])
    return [i for s in SOURCES for i in chosen[s][skip:]]


def select_heldout(docs: list[dict[str, str]]) -> list[str]:
    """The held-out set: the next `HELDOUT_PER_SOURCE` kept ids of each source."""
    return select(docs, skip=PER_SOURCE, take=HELDOUT_PER_SOURCE)


def main() -> int:
    args = sys.argv[1:]
    heldout = "--heldout" in args
    args = [a for a in args if a != "--heldout"]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    with corpus.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    for doc_id in select_heldout(docs) if heldout else select(docs):
        print(doc_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
