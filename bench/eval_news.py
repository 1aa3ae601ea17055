"""Quote attribution on the hand-annotated news set: BBC, Reuters-21578 and the seed article.

Usage: python bench/eval_news.py [--gold bench/news_gold/gold.jsonl] [--out FILE] [--dump FILE]

The gold (`bench/news_gold/gold.jsonl`, conventions in docs/ANNOTATION.md) holds ids and
offsets only; the texts are read from `../shared/data/bench/corpus.jsonl` and
`../shared/examples/seed_article.txt`. sayso runs through its Python API three ways: with
no gazetteer, with the built-in one, and with a gazetteer of each article's own people and
organisations (names sliced from the text at the gold's entity offsets). Spans and speaker
mentions are scored by `../shared/tools/score_quotes.py`; this script adds the
resolved-speaker accuracy and, with the article gazetteer, the linking accuracy.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "bench" / "news_gold" / "gold.jsonl"
CORPUS = SHARED / "data" / "bench" / "corpus.jsonl"
SEED = SHARED / "examples" / "seed_article.txt"
SCORER = SHARED / "tools" / "score_quotes.py"
SEED_ID = "seed_article"
KINDS = ("direct", "mixed", "indirect")
SETTINGS = {
    "direct": ("direct",),
    "direct+mixed": ("direct", "mixed"),
    "all kinds": KINDS,
}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "who", "him", "her", "them"}
TARGETS = (
    "targets (issue #12, news set): e2e F1 direct ≥ 85, direct+mixed ≥ 82, all kinds ≥ 70;"
    " resolved speaker ≥ 90% without and with a gazetteer; linking ≥ 90%"
)

Record = dict[str, Any]


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The project's scorer, imported from ../shared/tools (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"quote scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(path: Path = GOLD) -> list[Record]:
    """The gold records, one per article; a bad line is named by file and line number."""
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: not JSON: {err}") from err
    return records


def load_texts(ids: Iterable[str], corpus: Path = CORPUS, seed: Path = SEED) -> dict[str, str]:
    """The texts of `ids` from the bench corpus (and the seed article under `seed_article`)."""
    wanted = set(ids)
    texts: dict[str, str] = {}
    if SEED_ID in wanted:
        texts[SEED_ID] = seed.read_text(encoding="utf-8")
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                texts[doc["id"]] = doc["text"]
    missing = sorted(wanted - texts.keys())
    if missing:
        raise ValueError(f"gold ids not found in {corpus}: {missing[:5]}")
    return texts


def check_gold(gold: list[Record], texts: dict[str, str]) -> None:
    """Raise ValueError naming the article and field of any malformed or out-of-range span."""
    seen = set()
    for rec in gold:
        doc_id = rec.get("id")
        if doc_id in seen:
            raise ValueError(f"gold: duplicate id {doc_id!r}")
        seen.add(doc_id)
        n = len(texts[doc_id])
        keys = {e["key"] for e in rec["entities"]}
        if len(keys) != len(rec["entities"]):
            raise ValueError(f"gold {doc_id}: duplicate entity key")
        for ent in rec["entities"]:
            if ent["type"] not in ("PERSON", "ORG") or not ent["spans"]:
                raise ValueError(f"gold {doc_id}: entity {ent['key']} needs a type and spans")
            for s, e in ent["spans"]:
                _check_span(doc_id, f"entity {ent['key']}", s, e, n, texts[doc_id])
        for i, q in enumerate(rec["quotes"]):
            where = f"quote {i}"
            if q["kind"] not in KINDS:
                raise ValueError(f"gold {doc_id} {where}: kind {q['kind']!r}")
            _check_span(doc_id, where, q["start"], q["end"], n, texts[doc_id])
            for field in ("speaker", "cue"):
                s, e = q[f"{field}_start"], q[f"{field}_end"]
                if (s is None) != (e is None):
                    raise ValueError(f"gold {doc_id} {where}: half-open {field} span")
                if s is not None:
                    _check_span(doc_id, f"{where} {field}", s, e, n, texts[doc_id])
                    if s < q["end"] and q["start"] < e:
                        raise ValueError(f"gold {doc_id} {where}: {field} overlaps content")
            if q["resolved"] is not None and q["resolved"] not in keys:
                raise ValueError(f"gold {doc_id} {where}: unknown entity {q['resolved']!r}")


def _check_span(doc_id: str, where: str, s: int, e: int, n: int, text: str) -> None:
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n):
        raise ValueError(f"gold {doc_id} {where}: span [{s}, {e}) not within 0..{n}")
    if text[s].isspace() or text[e - 1].isspace():
        raise ValueError(f"gold {doc_id} {where}: span [{s}, {e}) starts or ends with space")


LEADING = {"the", "a", "an", "some", "many", "several", "most", "all", "more", "two", "three"}
# A lower-case word ending a sentence, then more text: a name glued across a sentence end
# ("… Peter Gregg. Qantas"), or a blank line inside the name.
GLUED = re.compile(r"[a-z0-9]{2}[.!?][\"”’']?\s|\n\s*\n")


def norm(name: str) -> str:
    """Case-folded, whitespace-collapsed, without leading articles and quantifiers."""
    words = name.casefold().split()
    while words and words[0] in LEADING:
        words = words[1:]
    return " ".join(words)


def entity_names(rec: Record, text: str) -> dict[str, list[str]]:
    """Each entity's names as written in the article, the canonical (first) name first."""
    out: dict[str, list[str]] = {}
    for ent in rec["entities"]:
        names: list[str] = []
        for s, e in ent["spans"]:
            name = " ".join(text[s:e].split())
            if name not in names:
                names.append(name)
        out[ent["key"]] = names
    return out


def entity_types(gold: list[Record]) -> dict[str, dict[str, str]]:
    """Per article, each entity key's type (PERSON or ORG)."""
    return {rec["id"]: {e["key"]: e["type"] for e in rec["entities"]} for rec in gold}


def article_gazetteer(rec: Record, text: str) -> list[dict[str, Any]]:
    """Gazetteer entries for the article's people and organisations (case-sensitive:
    the names are taken verbatim from the text)."""
    entries = []
    for ent in rec["entities"]:
        names = entity_names(rec, text)[ent["key"]]
        entry: dict[str, Any] = {
            "name": names[0],
            "label": ent["type"],
            "id": f"{rec['id']}#{ent['key']}",
            "case": "sensitive",
        }
        if names[1:]:
            entry["aliases"] = names[1:]
        entries.append(entry)
    return entries


def materialise(gold: list[Record], texts: dict[str, str]) -> list[Record]:
    """Gold records in the scorer's schema, with text, speaker and cue sliced from the text."""
    docs = []
    for rec in gold:
        text = texts[rec["id"]]
        quotes = []
        for q in rec["quotes"]:
            ss, se, cs, ce = q["speaker_start"], q["speaker_end"], q["cue_start"], q["cue_end"]
            quotes.append(
                {
                    "start": q["start"],
                    "end": q["end"],
                    "kind": q["kind"],
                    "speaker": text[ss:se] if ss is not None else None,
                    "speaker_start": ss,
                    "speaker_end": se,
                    "cue": text[cs:ce] if cs is not None else None,
                    "resolved": q["resolved"],
                }
            )
        docs.append({"id": rec["id"], "text": text, "quotes": quotes})
    return docs


def predict(extractor: Any, doc_id: str, text: str) -> Record:
    """sayso's quotes for one text, in the scorer's schema plus resolved name and link."""
    quotes = []
    for q in extractor(text).quotes:
        quotes.append(
            {
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "speaker_id": q.speaker_id,
                "speaker_label": q.speaker_label,
                "cue": q.cue,
            }
        )
    return {"id": doc_id, "quotes": quotes}


def match_pairs(
    gold_q: list[Record], pred_q: list[Record], kinds: Iterable[str], thr: float = 0.3
) -> list[tuple[Record, Record]]:
    """The scorer's coverage matching: a prediction covering more than `thr` of a gold
    fragment's characters, one-to-one, greedy by decreasing coverage."""
    kinds = set(kinds)
    gold = [g for g in gold_q if g["kind"] in kinds]
    pairs = []
    for gi, g in enumerate(gold):
        glen = g["end"] - g["start"]
        for pi, p in enumerate(pred_q):
            cov = max(0, min(g["end"], p["end"]) - max(g["start"], p["start"])) / glen
            if cov > thr:
                pairs.append((cov, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred_q[pi]))
    return out


def expected_unnamed(gold_doc: Record, q: Record) -> str | None:
    """For a source that is no named entity: the mention, or for a pronoun the nearest
    earlier unresolved non-pronoun mention of the article (its antecedent)."""
    mention = q["speaker"]
    if mention is None or norm(mention) not in PRONOUNS:
        return mention
    earlier = [
        g
        for g in gold_doc["quotes"]
        if g["resolved"] is None
        and g["speaker"] is not None
        and norm(g["speaker"]) not in PRONOUNS
        and g["speaker_start"] < q["speaker_start"]
    ]
    return max(earlier, key=lambda g: g["speaker_start"])["speaker"] if earlier else None


def names_entity(pred: str, names: list[str], kind: str) -> bool:
    """Does a resolved name name this entity? It is one of the entity's names in the
    article; or ends with one (a title before the name); or, for a person, is the last
    words of one (the surname); or, for an organisation, its first words ("Sputnik" for
    "Sputnik news service", "Allegheny" for "Allegheny International Inc")."""
    if GLUED.search(pred):
        return False
    pn = norm(pred)
    if not pn:
        return False
    for name in names:
        n = norm(name)
        if pn == n or pn.endswith(" " + n):
            return True
        if kind == "PERSON" and n.endswith(" " + pn):
            return True
        if kind == "ORG" and n.startswith(pn + " "):
            return True
    return False


def resolved_ok(
    gold_doc: Record, names: dict[str, list[str]], g: Record, p: Record, types: dict[str, str]
) -> bool:
    """Is sayso's resolved speaker the gold one? For a named entity: see `names_entity`.
    For an unnamed source: the prediction is the mention, or a leading part of it
    ("the spokesman" for "the spokesman for the Commission"), without determiners."""
    pred = p.get("speaker")
    if pred is None:
        return g["speaker"] is None
    if g["resolved"] is not None:
        return names_entity(pred, names[g["resolved"]], types[g["resolved"]])
    expected = expected_unnamed(gold_doc, g)
    if expected is None or GLUED.search(pred):
        return False
    pn, en = norm(pred), norm(expected)
    return bool(pn) and (pn == en or en.startswith(pn + " "))


def evaluate(
    gold_docs: list[Record],
    preds: dict[str, Record],
    names: dict[str, dict[str, list[str]]],
    scorer: ModuleType,
    *,
    linked: bool,
    types: dict[str, dict[str, str]],
) -> dict[str, Any]:
    """Scorer numbers per setting, plus resolved-speaker and linking accuracy."""
    row: dict[str, Any] = {}
    for setting, kinds in SETTINGS.items():
        s = scorer.score(gold_docs, preds, kinds=kinds, mode="coverage", thr=0.3, merge=True)
        row[setting] = s
        matched = resolved = link_total = link_ok = false_links = 0
        for gd in gold_docs:
            pq = preds.get(gd["id"], {"quotes": []})["quotes"]
            gq = scorer.merge_adjacent(gd["text"], gd["quotes"])
            for g, p in match_pairs(gq, pq, kinds):
                matched += 1
                resolved += resolved_ok(gd, names[gd["id"]], g, p, types[gd["id"]])
                if g["resolved"] is not None:
                    link_total += 1
                    link_ok += p.get("speaker_id") == f"{gd['id']}#{g['resolved']}"
                elif p.get("speaker_id") is not None:
                    false_links += 1
        row[setting + " resolved"] = (resolved, matched)
        if linked:
            row[setting + " linking"] = (link_ok, link_total, false_links)
    return row


def pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}" if den else "–"


def run(
    gold: list[Record], texts: dict[str, str], scorer: ModuleType
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Record]]]:
    """Run the three configurations over every article; score each subset."""
    import sayso

    gold_docs = materialise(gold, texts)
    names = {rec["id"]: entity_names(rec, texts[rec["id"]]) for rec in gold}
    types = entity_types(gold)
    no_gaz = sayso.Extractor(False)
    builtin = sayso.Extractor()
    configs: dict[str, Callable[[Record], Any]] = {
        "no gazetteer": lambda rec: no_gaz,
        "built-in gazetteer": lambda rec: builtin,
        "article gazetteer": lambda rec: sayso.Extractor(
            sayso.Gazetteer(article_gazetteer(rec, texts[rec["id"]]))
        ),
    }
    subsets = {
        "news (BBC + Reuters)": lambda i: i != SEED_ID,
        "BBC": lambda i: i.startswith("bbc/"),
        "Reuters-21578": lambda i: i.startswith("reuters/"),
        "seed article": lambda i: i == SEED_ID,
    }
    results: dict[str, dict[str, Any]] = {}
    all_preds: dict[str, dict[str, Record]] = {}
    for cname, make in configs.items():
        preds = {rec["id"]: predict(make(rec), rec["id"], texts[rec["id"]]) for rec in gold}
        all_preds[cname] = preds
        for sname, keep in subsets.items():
            docs = [d for d in gold_docs if keep(d["id"])]
            if not docs:  # the held-out set has no seed article
                continue
            results[f"{sname} | {cname}"] = evaluate(
                docs, preds, names, scorer, linked=cname == "article gazetteer", types=types
            )
    return results, all_preds


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| set | gazetteer | direct F1 / e2e F1 | direct+mixed e2e F1 | all kinds P / R / e2e F1"
        " | resolved speaker, direct | resolved speaker, all | linking, all (false links) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, row in results.items():
        subset, config = key.split(" | ")
        d, dm, a = row["direct"], row["direct+mixed"], row["all kinds"]
        rd, ra = row["direct resolved"], row["all kinds resolved"]
        link = row.get("all kinds linking")
        link_cell = f"{pct(link[0], link[1])}% of {link[1]} ({link[2]})" if link else "–"
        lines.append(
            f"| {subset} | {config} | {100 * d['F1']:.1f} / {100 * d['e2e_F1']:.1f} "
            f"| {100 * dm['e2e_F1']:.1f} "
            f"| {100 * a['P']:.1f} / {100 * a['R']:.1f} / {100 * a['e2e_F1']:.1f} "
            f"| {pct(*rd)}% of {rd[1]} | {pct(*ra)}% of {ra[1]} | {link_cell} |"
        )
    return "\n".join(lines)


def counts_line(gold: list[Record]) -> str:
    kinds = {k: 0 for k in KINDS}
    for rec in gold:
        for q in rec["quotes"]:
            kinds[q["kind"]] += 1
    news = sum(1 for r in gold if r["id"] != SEED_ID)
    seed = " + the seed article" if len(gold) > news else ""
    return (
        f"{news} news articles{seed}; {sum(kinds.values())} gold quotes "
        f"({kinds['direct']} direct, {kinds['mixed']} mixed, {kinds['indirect']} indirect)"
    )


def dump(
    path: Path, gold: list[Record], texts: dict[str, str], preds: dict[str, dict[str, Record]]
) -> None:
    """A reader's side-by-side of gold and predictions (holds article text: keep it out of
    the repository)."""
    docs = materialise(gold, texts)
    names = {rec["id"]: entity_names(rec, texts[rec["id"]]) for rec in gold}
    types = entity_types(gold)
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            text = d["text"]
            out.write(f"\n==================== {d['id']}\n")
            for cname, cp in preds.items():
                pq = cp[d["id"]]["quotes"]
                pairs = match_pairs(d["quotes"], pq, KINDS)
                hit_g = {id(g) for g, _ in pairs}
                hit_p = {id(p) for _, p in pairs}
                out.write(f"--- {cname}\n")
                for g, p in pairs:
                    # SPK: the speaker mention is wrong; RES: the mention is right,
                    # the resolved speaker wrong.
                    ok = "ok " if scorer_speaker_ok(g, p) else "SPK"
                    if ok == "ok " and not resolved_ok(d, names[d["id"]], g, p, types[d["id"]]):
                        ok = "RES"
                    out.write(
                        f"  {ok} [{g['kind'][:3]}→{p['kind'][:3]}] "
                        f"gold={g['speaker']!r}->{g['resolved']} pred={p['speaker_text']!r}"
                        f"->{p['speaker']!r} id={p['speaker_id']} cue={p['cue']!r}\n"
                        f"      G «{_short(text[g['start'] : g['end']])}»\n"
                        f"      P «{_short(text[p['start'] : p['end']])}»\n"
                    )
                for g in d["quotes"]:
                    if id(g) not in hit_g:
                        out.write(
                            f"  MISS [{g['kind'][:3]}] {g['speaker']!r} "
                            f"«{_short(text[g['start'] : g['end']])}»\n"
                        )
                for p in pq:
                    if id(p) not in hit_p:
                        out.write(
                            f"  EXTRA [{p['kind'][:3]}] {p['speaker_text']!r}->{p['speaker']!r}"
                            f" cue={p['cue']!r} «{_short(text[p['start'] : p['end']])}»\n"
                        )


def scorer_speaker_ok(g: Record, p: Record) -> bool:
    if g["speaker_start"] is None or p["speaker_start"] is None:
        return False
    return min(g["speaker_end"], p["speaker_end"]) > max(g["speaker_start"], p["speaker_start"])


def _short(s: str, n: int = 110) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= n else s[: n // 2] + " … " + s[-n // 2 :]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--dump", type=Path, help="write gold vs. predictions, with text, to this file"
    )
    args = parser.parse_args()
    for needed in (CORPUS, SEED, SCORER):
        if not needed.exists():
            print(f"not found: {needed} (the evaluation needs ../shared)", file=sys.stderr)
            return 2
    import sayso
    from bench_gazetteer import emit_report, git_commit, machine

    gold = load_gold(args.gold)
    texts = load_texts([r["id"] for r in gold])
    check_gold(gold, texts)
    scorer = load_scorer()
    results, preds = run(gold, texts, scorer)
    shown = args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold
    gold_arg = "" if args.gold.resolve() == GOLD else f" --gold {shown}"
    if args.dump:
        dump(args.dump, gold, texts, preds)
    report = "\n".join(
        [
            "# Quote attribution on the hand-annotated news set",
            "",
            f"- command: `python bench/eval_news.py{gold_arg}` (sayso's Python API on each article,"
            " then `../shared/tools/score_quotes.py`'s `score`, coverage > 0.3, adjacent"
            " fragments merged)",
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- sayso {sayso.__version__} (commit {git_commit()})",
            f"- machine: {machine()}",
            f"- gold: `{shown}`, {counts_line(gold)}; conventions in docs/ANNOTATION.md",
            f"- {TARGETS}",
            "",
            table(results),
            "",
            "F1 = span F1 (a prediction covers > 30% of a gold fragment); e2e = span and"
            " speaker mention (overlap) both right. Resolved speaker: share of matched quotes"
            " whose `speaker` names the gold entity (one of its names in the article, or"
            " ending with one; a person's surname; an organisation's leading words; never a"
            " name glued across a sentence end) or, for an unnamed source, is its mention or"
            " its leading words. Linking: share of"
            " matched quotes of a named gold entity whose `speaker_id` is that entity's"
            " entry; false links: matched quotes of an unnamed source given an id.",
            "",
        ]
    )
    emit_report(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
