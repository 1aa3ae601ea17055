"""Mark each predicted quote right or wrong against PolNeAR gold, as the scorer does.

The matching is the scorer's (``../shared/tools/score_quotes.py``, imported, not
copied) in its "all kinds" setting: gold fragments of every kind, adjacent ones of
one speaker merged; a prediction matches a gold fragment when it covers more than
0.3 of it, one to one, greedily by coverage; its speaker is right when its span
overlaps the gold source. Used by ``bench/eval_quotes.py`` (precision per rule)
and ``tools/fit_confidence.py`` (the confidence table).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
THRESHOLD = 0.3


def scorer() -> Any:
    """Import ``score_quotes.py`` from ``../shared/tools``."""
    path = SHARED / "tools" / "score_quotes.py"
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def label(
    gold_doc: dict[str, Any], preds: list[dict[str, Any]], sq: Any
) -> list[tuple[bool, bool]]:
    """Return ``(span right, span and speaker right)`` for each prediction of one document."""
    gold = sq.merge_adjacent(gold_doc["text"], gold_doc["quotes"])
    pairs = []
    for gi, g in enumerate(gold):
        glen = g["end"] - g["start"]
        for pi, p in enumerate(preds):
            cover = sq.overlap(g["start"], g["end"], p["start"], p["end"]) / glen if glen else 0.0
            if cover > THRESHOLD:
                pairs.append((cover, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    matched: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in matched:
            continue
        used_g.add(gi)
        matched[pi] = gi
    out = []
    for pi, p in enumerate(preds):
        gi = matched.get(pi)
        span_ok = gi is not None
        out.append((span_ok, span_ok and bool(sq.speaker_ok(gold[gi], p))))
    return out


def labelled(gold_path: Path, pred_path: Path) -> list[tuple[dict[str, Any], bool, bool]]:
    """Return every predicted quote of a split with its two labels."""
    sq = scorer()
    pred = {d["id"]: d for d in load_jsonl(pred_path)}
    rows = []
    for g in load_jsonl(gold_path):
        quotes = pred.get(g["id"], {"quotes": []})["quotes"]
        for q, (span_ok, e2e_ok) in zip(quotes, label(g, quotes, sq), strict=True):
            rows.append((q, span_ok, e2e_ok))
    return rows
