"""Quotes from Python: Extractor, Doc, Quote, pipe, and the `sayso quotes` command."""

import json
import math
import pickle
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import sayso
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score_quotes.py"

ARTICLE = (
    "Bridge talks 😀 resume\n\n"
    "“We will not wait for another winter,” Transport Minister Eva Lind told reporters "
    "on Monday. “The old bridge is closing.”\n\n"
    "The work could start in June, she said.\n\n"
    "According to the Baltic News Agency, the cost has doubled.\n\n"
    "Critics called the plan “a reckless gamble” and asked for a vote."
)


CASES = tomllib.loads((ROOT / "tests" / "data" / "quote_cases.toml").read_text(encoding="utf-8"))
SHARED_CASES = [(form, case) for form, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(
    ("form", "case"), SHARED_CASES, ids=[f"{f}: {c['what']}" for f, c in SHARED_CASES]
)
def test_shared_quote_cases(form, case):
    """The cases the Rust tests read too (src/quotes/tests.rs), through the Python API."""
    assert form in {"direct", "mixed", "reported", "speakers", "negatives", "regressions"}
    gazetteer = sayso.Gazetteer(case["entries"]) if "entries" in case else False
    reports = case.get("reports", "speech")
    got = sayso.Extractor(gazetteer, reports=reports)(case["text"]).quotes
    if "first_speaker" in case:
        assert got[0].speaker_text == case["first_speaker"]
    if "quotes" in case:
        assert len(got) == len(case["quotes"]), [q.text for q in got]
        for q, want in zip(got, case["quotes"], strict=True):
            have = {
                "kind": q.kind,
                "content": q.text,
                "speaker": q.speaker_text,
                "name": q.speaker,
                "source": q.source,
                "rule": q.rule,
                "via": q.speaker_via,
                "entry": q.speaker_id,
            }
            for field, value in want.items():
                assert have[field] == (value or None), field  # "" stands for none


def spans_hold(text, q):
    assert text[q.start : q.end] == q.text
    if q.speaker_start is not None:
        assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    if q.cue_start is not None:
        assert text[q.cue_start : q.cue_end] == q.cue


def test_extractor_finds_direct_indirect_and_mixed_quotes():
    doc = sayso.Extractor()(ARTICLE)
    got = [(q.kind, q.text, q.speaker_text, q.speaker) for q in doc.quotes]
    assert got == [
        (
            "direct",
            "We will not wait for another winter,",
            "Transport Minister Eva Lind",
            "Eva Lind",
        ),
        ("direct", "The old bridge is closing.", "Transport Minister Eva Lind", "Eva Lind"),
        ("indirect", "The work could start in June", "she", "Eva Lind"),
        ("indirect", "the cost has doubled", "the Baltic News Agency", "Baltic News Agency"),
        # A mixed quote; "asked for a vote" is an act, not speech.
        ("mixed", "the plan “a reckless gamble”", "Critics", "Critics"),
    ]
    assert doc.quotes[-1].cue == "called"
    for q in doc.quotes:
        spans_hold(ARTICLE, q)
    assert doc.entities == []
    assert repr(doc) == f"<Doc: {len(ARTICLE)} characters, 0 entities, 5 quotes>"
    # Counting reported acts, the request is a quote of its own.
    acts = sayso.Extractor(reports="acts")(ARTICLE).quotes
    assert (acts[-1].kind, acts[-1].text, acts[-1].cue) == ("indirect", "a vote", "asked for")


def test_quotes_name_their_rule_and_how_the_speaker_was_resolved():
    doc = sayso.Extractor(False)(ARTICLE)
    got = [(q.rule, q.speaker_via) for q in doc.quotes]
    assert got == [
        ("quote_then_frame", "mention"),
        # Its own sentence, attributed by the paragraph's frame.
        ("bare", "continuation"),
        ("reported", "pronoun"),
        ("reported", "mention"),
        ("reported_with_quote", "mention"),
    ]
    assert all(q.rule in sayso.RULE_NAMES for q in doc.quotes)
    d = doc.quotes[2].to_dict()
    assert (d["rule"], d["speaker_via"]) == ("reported", "pronoun")
    bare = sayso.Extractor(False)("“Nobody knows what happens next, and nobody wants to guess.”")
    assert [(q.rule, q.speaker_via, q.speaker) for q in bare.quotes] == [("bare", None, None)]


def test_confidence_is_a_probability_and_filters_the_frame():
    ex = sayso.Extractor(False)
    doc = ex(ARTICLE)
    conf = [q.confidence for q in doc.quotes]
    assert all(0.0 <= c <= 1.0 for c in conf)
    # A quotation with a speaker beside it is surer than a bare one without.
    bare = ex("“Nobody knows what happens next, and nobody wants to guess.”").quotes[0]
    assert bare.confidence < 0.1 < 0.9 < doc.quotes[0].confidence
    assert doc.quotes[0].to_dict()["confidence"] == doc.quotes[0].confidence
    df = ex.quotes([ARTICLE, ARTICLE])
    assert list(df["confidence"]) == conf * 2
    high = ex.quotes([ARTICLE, ARTICLE], min_confidence=0.9)
    assert len(high) == 2 * sum(c >= 0.9 for c in conf) > 0
    assert (high["confidence"] >= 0.9).all()
    assert list(high.index) == list(range(len(high)))
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
            ex.quotes([ARTICLE], min_confidence=bad)


def test_the_provenance_page_runs():
    page = (ROOT / "docs" / "quote-provenance.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/quote-provenance.md", "exec"), {})


def test_speakers_link_to_the_gazetteer():
    gaz = sayso.Gazetteer(
        [
            {"name": "Eva Lind", "label": "PERSON", "id": "person:lind"},
            {"name": "Baltic News Agency", "label": "ORG", "id": "org:bna", "aliases": ["BNA"]},
        ]
    )
    ex = sayso.Extractor(gaz)
    doc = ex(ARTICLE)
    assert [m.id for m in doc.entities] == ["person:lind", "org:bna"]
    linked = [(q.speaker, q.speaker_id, q.speaker_label) for q in doc.quotes]
    assert linked[:4] == [
        ("Eva Lind", "person:lind", "PERSON"),
        ("Eva Lind", "person:lind", "PERSON"),
        ("Eva Lind", "person:lind", "PERSON"),
        ("Baltic News Agency", "org:bna", "ORG"),
    ]
    # A surname alone links through the gazetteer's PERSON entries.
    doc = ex("The bridge will close in May, Lind said.")
    assert doc.quotes[0].speaker_id == "person:lind"
    assert ex.gazetteer is gaz
    assert "Gazetteer: 2 entries" in repr(ex)


def test_pipe_equals_calls_and_keeps_order():
    ex = sayso.Extractor()
    texts = [ARTICLE, None, "", math.nan, "No quotes here."] * 40
    want = [[q.to_dict() for q in ex(t if isinstance(t, str) else None).quotes] for t in texts]
    for threads in (1, 2):
        got = [[q.to_dict() for q in d.quotes] for d in ex.pipe(texts, threads=threads)]
        assert got == want
    with pytest.raises(TypeError, match=r"texts\[1\] must be str"):
        ex.pipe(["ok", 5])
    with pytest.raises(TypeError, match="not one str"):
        ex.pipe("one text")


def test_extractor_pickles_with_its_gazetteer():
    gaz = sayso.Gazetteer([{"name": "Eva Lind", "label": "PERSON"}])
    ex = pickle.loads(pickle.dumps(sayso.Extractor(gaz)))
    assert [q.speaker for q in ex(ARTICLE).quotes][:2] == ["Eva Lind", "Eva Lind"]
    assert pickle.loads(pickle.dumps(sayso.Extractor(False))).gazetteer is None
    # The built-in gazetteer is not copied into the pickle, but rebuilt.
    builtin = pickle.dumps(sayso.Extractor())
    assert len(builtin) < 100
    assert pickle.loads(builtin).gazetteer is sayso.Gazetteer.default()


ACTS = "Eva Lind praised the crew of the night ferry. She said the ferry was late."


def test_reported_acts_count_only_when_asked_for():
    speech = sayso.Extractor(False)
    acts = sayso.Extractor(False, reports="acts")
    assert [q.text for q in speech(ACTS).quotes] == ["the ferry was late"]
    assert [q.kind for q in acts(ACTS).quotes] == ["indirect", "indirect"]
    assert acts(ACTS).quotes[1].text == "the ferry was late"
    # The mode travels with the extractor: pickled, and in the batch tables.
    again = pickle.loads(pickle.dumps(acts))
    assert len(again(ACTS).quotes) == 2
    assert "reported acts counted" in repr(again)
    assert len(acts.quotes([ACTS, ACTS])) == 4
    assert len(speech.quotes([ACTS, ACTS])) == 2
    with pytest.raises(ValueError, match=r'reports must be "speech".*not "all"'):
        sayso.Extractor(False, reports="all")


def test_cli_reports_flag(tmp_path):
    from sayso.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": ACTS}) + "\n", encoding="utf-8")
    for mode, n in (("speech", 1), ("acts", 2)):
        out = tmp_path / f"{mode}.jsonl"
        assert main(["quotes", str(src), "-o", str(out), "--reports", mode]) == 0
        assert len(json.loads(out.read_text(encoding="utf-8"))["quotes"]) == n


def test_the_default_extractor_uses_the_builtin_gazetteer():
    doc = sayso.Extractor()("Talks with U.S. and Saudi envoys in Riyadh will go on, the UN said.")
    assert [(m.text, m.name, m.label) for m in doc.entities] == [
        ("U.S.", "United States", "GPE"),
        ("Saudi", "Saudi Arabia", "GPE"),
        ("Riyadh", "Riyadh", "GPE"),
        ("UN", "United Nations", "ORG"),
    ]
    assert doc.quotes[0].speaker == "United Nations"
    assert doc.quotes[0].speaker_label == "ORG"
    with pytest.raises(TypeError, match=r"gazetteer must be a sayso\.Gazetteer, None"):
        sayso.Extractor("places.csv")


@pytest.mark.parametrize(
    ("text", "speaker", "label"),
    [
        # A place speaks as its government, named as the whole mention.
        ("Iraq said it would not comply with the order.", "Iraq", "GPE"),
        ("The United States said it would not comply.", "United States", "GPE"),
        # Never as a part of a longer name, a modifier, after a preposition.
        ("American Motors Corp said it would cut output in May.", "American Motors Corp", None),
        ("Volkswagen of America said it would cut output in May.", "Volkswagen of America", None),
        ("Chevron USA said it would honour the cards in May.", "Chevron USA", None),
        ("A Hong Kong newspaper said the deal was close.", None, None),
        # Nor a city ("Halifax" is the bank), nor a demonym (a person).
        ("Halifax said its profits rose in the year to May.", "Halifax", None),
        ("The American said he was glad to have won the race.", "American", None),
    ],
)
def test_a_place_is_a_speaker_only_as_a_government(text, speaker, label):
    (quote,) = sayso.Extractor()(text).quotes
    assert quote.speaker_label == label
    if speaker is not None:
        assert quote.speaker == speaker


def run_cli(*args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "sayso", *args], capture_output=True, text=True, check=check
    )


def test_cli_quotes_writes_the_scorer_schema(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": ARTICLE})
        + "\n\n"
        + json.dumps({"id": 7, "text": None})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run_cli("quotes", str(src), "-o", str(out), "--threads", "2")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    q = lines[0]["quotes"][0]
    assert {"start", "end", "kind", "cue", "speaker", "speaker_start", "speaker_end"} <= set(q)
    assert (q["rule"], q["speaker_via"]) == ("quote_then_frame", "mention")
    assert ARTICLE[q["start"] : q["end"]] == "We will not wait for another winter,"
    assert lines[1]["quotes"] == []


def test_cli_output_scores_with_the_project_scorer(tmp_path):
    if not SCORER.exists():
        pytest.skip(f"LOUD SKIP: the scorer {SCORER} is not beside the project")
    doc = sayso.Extractor()(ARTICLE)
    gold = {"id": "a", "text": ARTICLE, "quotes": [q.to_dict() for q in doc.quotes]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", "utf-8")
    run_cli("quotes", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "pred.jsonl"))
    scored = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(tmp_path / "gold.jsonl"),
            str(tmp_path / "pred.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(scored.stdout)["results"]
    assert results["all kinds"]["e2e_F1"] == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', "in.jsonl, line 2: not valid JSON"),
        ('{"id": 1}\n', "in.jsonl, line 1: expected an object with a 'text' field"),
        ('{"id": 1, "text": 5}\n', "in.jsonl, line 1: 'text' must be a string or null"),
    ],
)
def test_cli_bad_input_names_the_line(tmp_path, content, message):
    src = tmp_path / "in.jsonl"
    src.write_text(content, encoding="utf-8")
    result = run_cli("quotes", str(src), check=False)
    assert result.returncode == 2
    assert message in result.stderr


def test_cli_missing_file(tmp_path):
    result = run_cli("quotes", str(tmp_path / "nope.jsonl"), check=False)
    assert result.returncode == 2
    assert "nope.jsonl" in result.stderr


QUOTE_ALPHABET = "aAbBeE İé😀 .,;:!?\"“”‘’«»„'()—–―-\n\r\t"
QUOTE_WORDS = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "according",
        "to",
        "that",
        "he",
        "She",
        "Lind",
        "Mr.",
        "the",
        "minister",
        "PENCE",
        "and",
        "saying",
        "on",
        "Monday",
        "who",
        "(D-Vt.)",
        "U.S.",
    ]
)
quote_texts = st.lists(
    st.one_of(QUOTE_WORDS, st.text(QUOTE_ALPHABET, max_size=4)), max_size=40
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=quote_texts)
def test_any_text_gives_consistent_quotes(text):
    gaz = sayso.Gazetteer([{"name": "Lind", "label": "PERSON"}, {"name": "U.S.", "label": "GPE"}])
    doc = sayso.Extractor(gaz)(text)
    for q in doc.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        spans_hold(text, q)
        assert q.kind in ("direct", "mixed", "indirect")
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
    for m in doc.entities:
        assert text[m.start : m.end] == m.text
