"""Print the ids of the news gold set, chosen by the rule in docs/ANNOTATION.md.

Usage: python bench/news_gold/selection.py [CORPUS]   (default ../shared/data/bench/corpus.jsonl)
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
SOURCES = ("bbc/", "reuters/")
REPORTING = re.compile(r"\b(said|says|say|told|added|stated|announced|quoted|according to)\b")
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "bench" / "corpus.jsonl"


def order_key(doc_id: str) -> str:
    """The fixed pseudo-random order: sha256 of the salted id."""
    return hashlib.sha256((SALT + doc_id).encode()).hexdigest()


def select(docs: list[dict[str, str]]) -> list[str]:
    """The selected ids, BBC first, each source in the salted-hash order."""
    chosen: dict[str, list[str]] = {s: [] for s in SOURCES}
    for doc in sorted(docs, key=lambda d: order_key(d["id"])):
        source = next((s for s in SOURCES if doc["id"].startswith(s)), None)
        if source is None or len(chosen[source]) >= PER_SOURCE:
            continue
        text = doc["text"]
        if MIN_CHARS <= len(text) <= MAX_CHARS and REPORTING.search(text):
            chosen[source].append(doc["id"])
    return [i for s in SOURCES for i in chosen[s]]


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    with corpus.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    for doc_id in select(docs):
        print(doc_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
