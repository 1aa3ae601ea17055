"""The hand-annotated news gold set and its scorer: well-formed, and the scorer can tell
right from wrong (a sanity check of the yardstick, not a quality assert on sayso)."""

import copy
import json
import sys
from pathlib import Path

import pytest
import sayso

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import eval_news  # noqa: E402

GOLD = ROOT / "bench" / "news_gold" / "gold.jsonl"
HELDOUT = ROOT / "bench" / "news_gold" / "heldout.jsonl"
SETS = pytest.mark.parametrize("path", [GOLD, HELDOUT], ids=["gold", "heldout"])
KINDS = {"direct", "mixed", "indirect"}


def load_select():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "news_gold_select", ROOT / "bench" / "news_gold" / "selection.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold(path=GOLD):
    return eval_news.load_gold(path)


def need_shared():
    for path in (eval_news.CORPUS, eval_news.SEED, eval_news.SCORER):
        if not path.exists():
            pytest.skip(f"LOUD SKIP: {path} is not beside the project (../shared)")


@pytest.fixture(scope="module")
def texts():
    need_shared()
    return eval_news.load_texts([r["id"] for path in (GOLD, HELDOUT) for r in gold(path)])


@pytest.mark.parametrize(
    ("path", "per_source", "seed", "least_quotes"),
    [(GOLD, 20, True, 200), (HELDOUT, 10, False, 80)],
    ids=["gold", "heldout"],
)
def test_gold_records_hold_ids_and_offsets_only(path, per_source, seed, least_quotes):
    records = gold(path)
    ids = [r["id"] for r in records]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert sum(i.startswith("bbc/") for i in ids) == per_source
    assert sum(i.startswith("reuters/") for i in ids) == per_source
    assert (eval_news.SEED_ID in ids) == seed
    n_quotes = 0
    for rec in records:
        assert set(rec) == {"id", "quotes", "entities"}
        keys = {e["key"] for e in rec["entities"]}
        for ent in rec["entities"]:
            assert set(ent) == {"key", "type", "spans"}
            assert ent["type"] in ("PERSON", "ORG")
            assert all(isinstance(s, int) and isinstance(e, int) for s, e in ent["spans"])
        for q in rec["quotes"]:
            n_quotes += 1
            assert set(q) == {
                "start",
                "end",
                "kind",
                "speaker_start",
                "speaker_end",
                "cue_start",
                "cue_end",
                "resolved",
            }
            assert q["kind"] in KINDS
            assert isinstance(q["start"], int)
            assert q["start"] < q["end"]
            assert q["resolved"] is None or q["resolved"] in keys
        # No text anywhere: every value is a number, a key, a kind or a type.
        flat = json.dumps(rec)
        assert len(flat) < 200 * (len(rec["quotes"]) + len(rec["entities"]) + 2)
    assert n_quotes >= least_quotes


@SETS
def test_every_gold_span_is_in_range_and_trimmed(texts, path):
    records = gold(path)
    eval_news.check_gold(records, texts)
    for rec in records:
        text = texts[rec["id"]]
        for q in rec["quotes"]:
            content = text[q["start"] : q["end"]]
            # Direct content is without its quotation marks.
            if q["kind"] == "direct":
                assert content[0] not in '"“', (rec["id"], q)
                assert content[-1] not in '"”', (rec["id"], q)
            if q["speaker_start"] is not None:
                assert text[q["speaker_start"] : q["speaker_end"]].strip()


def test_a_malformed_gold_span_is_named(texts):
    broken = copy.deepcopy(gold())
    rec = next(r for r in broken if r["id"] == eval_news.SEED_ID)
    rec["quotes"][0]["end"] = len(texts[eval_news.SEED_ID]) + 5
    with pytest.raises(ValueError, match="seed_article quote 0"):
        eval_news.check_gold(broken, texts)
    broken = copy.deepcopy(gold())
    broken[0]["quotes"][0]["resolved"] = "e999"
    with pytest.raises(ValueError, match="unknown entity 'e999'"):
        eval_news.check_gold(broken, texts)


def test_the_selection_rule_gives_the_gold_ids(texts):
    select = load_select()
    with eval_news.CORPUS.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    chosen = select.select(docs)
    assert sorted(chosen) == sorted(r["id"] for r in gold() if r["id"] != eval_news.SEED_ID)
    heldout = select.select_heldout(docs)
    assert sorted(heldout) == [r["id"] for r in gold(HELDOUT)]
    assert not set(heldout) & set(chosen)


def as_prediction(doc, names):
    """The gold itself as a prediction, resolved to each entity's canonical name."""
    quotes = []
    for q in doc["quotes"]:
        if q["resolved"]:
            resolved = names[q["resolved"]][0]
        else:
            resolved = eval_news.expected_unnamed(doc, q)
        quotes.append(dict(q, speaker=resolved, speaker_text=q["speaker"]))
    return {"id": doc["id"], "quotes": quotes}


@SETS
def test_gold_against_itself_scores_100(texts, path):
    records = gold(path)
    scorer = eval_news.load_scorer()
    docs = eval_news.materialise(records, texts)
    names = {r["id"]: eval_news.entity_names(r, texts[r["id"]]) for r in records}
    preds = {d["id"]: as_prediction(d, names[d["id"]]) for d in docs}
    for d in preds.values():
        for q in d["quotes"]:
            q["speaker_id"] = f"{d['id']}#{q['resolved']}" if q["resolved"] else None
    types = eval_news.entity_types(records)
    row = eval_news.evaluate(docs, preds, names, scorer, linked=True, types=types)
    for setting in eval_news.SETTINGS:
        assert row[setting]["F1"] == 1.0, setting
        assert row[setting]["e2e_F1"] == 1.0, setting
        ok, matched = row[setting + " resolved"]
        assert matched > 0, setting
        assert ok == matched, setting
        link_ok, link_total, false_links = row[setting + " linking"]
        assert link_ok == link_total > 0
        assert false_links == 0


def test_wrong_predictions_score_lower(texts):
    records = gold()
    scorer = eval_news.load_scorer()
    docs = eval_news.materialise(records, texts)
    names = {r["id"]: eval_news.entity_names(r, texts[r["id"]]) for r in records}
    preds = {}
    for d in docs:
        p = as_prediction(d, names[d["id"]])
        # Drop every other quote, and move the remaining speakers off their mentions.
        kept = p["quotes"][::2]
        for q in kept:
            if q["speaker_start"] is not None:
                q["speaker_start"], q["speaker_end"] = q["end"] + 1000, q["end"] + 1001
            q["speaker"] = "Nobody Atall"
        p["quotes"] = kept
        preds[d["id"]] = p
    types = eval_news.entity_types(records)
    row = eval_news.evaluate(docs, preds, names, scorer, linked=False, types=types)
    all_kinds = row["all kinds"]
    assert all_kinds["P"] == 1.0
    assert 0.4 < all_kinds["R"] < 0.7
    assert all_kinds["e2e_F1"] == 0.0
    ok, matched = row["all kinds resolved"]
    assert matched > 0
    assert ok == 0


def test_resolved_speaker_rules():
    doc = {
        "quotes": [
            {"speaker": "a spokesman", "speaker_start": 10, "resolved": None},
            {"speaker": "he", "speaker_start": 50, "resolved": None},
            {"speaker": "Some consumer groups", "speaker_start": 90, "resolved": None},
        ]
    }
    names = {"e1": ["Eva Lind", "Lind", "Ms Lind"], "e2": ["Nordvik Ferries Ltd", "Nordvik"]}
    types = {"e1": "PERSON", "e2": "ORG"}

    def ok(gold_quote, pred):
        return eval_news.resolved_ok(doc, names, gold_quote, {"speaker": pred}, types)

    person = {"speaker": "Transport Minister Eva Lind", "resolved": "e1"}
    assert ok(person, "Eva Lind")
    assert ok(person, "Transport Minister Eva Lind")
    assert ok(person, "ms lind")
    assert not ok(person, "Eva")
    assert not ok(person, "Transport Ministry")
    assert not ok(person, None)
    # A name glued across a sentence end or a blank line is no name.
    assert not ok(person, "Ames. Eva Lind")
    assert not ok(person, "Bridge talks\n\nEva Lind")
    assert ok(person, "Eva\nLind")
    company = {"speaker": "the ferry operator", "resolved": "e2"}
    assert ok(company, "Nordvik Ferries")
    assert not ok(company, "Ferries Ltd")
    unnamed, pronoun, quantified = doc["quotes"]
    assert ok(unnamed, "spokesman")
    assert not ok(unnamed, "Eva Lind")
    # A pronoun for an unnamed source resolves to its antecedent mention.
    assert ok(pronoun, "a spokesman")
    assert not ok(pronoun, "he")
    assert ok(quantified, "consumer groups")
    assert not ok(quantified, "Some")


def test_the_article_gazetteer_finds_every_entity(texts):
    for rec in gold():
        text = texts[rec["id"]]
        gaz = sayso.Gazetteer(eval_news.article_gazetteer(rec, text))
        found = {m.id for m in gaz.find(text)}
        want = {f"{rec['id']}#{e['key']}" for e in rec["entities"]}
        assert found == want, rec["id"]
