"""Who says what about whom: ``Quote.mentions``, ``Extractor.about``, ``who_about_whom``,
``sayso about``, and their agreement."""

import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest
import sayso
from sayso.cli import ABOUT_FIELDS
from sayso.examples import example_article, example_gazetteer

ENTRIES = [
    {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
    {"name": "Jon Voss", "label": "PERSON", "id": "p2"},
    {"name": "Nordvik", "label": "GPE", "id": "g1", "aliases": ["NORDVIK"]},
    {"name": "Baltic Ferry Line", "label": "ORG", "id": "o1", "aliases": ["BFL"]},
]
GAZ = sayso.Gazetteer(ENTRIES)
EX = sayso.Extractor(GAZ)
TEXTS = [
    # Two entities inside the quote, the speaker outside it.
    "“Jon Voss has let Nordvik down,” Eva Lind said on Monday.",
    # A quote that names its own speaker; a quote with no entity at all.
    "“I, Eva Lind, will not resign,” Eva Lind told reporters. “Nothing has changed,” she said.",
    # An unlinked speaker (not in the gazetteer), about an organisation; non-ASCII first.
    "Ålesund 😀: “BFL must cut fares in NORDVIK,” Tor Hald said.",
    None,
    "",
    "No quotes here about Nordvik or Jon Voss.",
]


def rows_of_mentions(docs, ids):
    """The rows of the about frame, built from Quote.mentions."""
    return [
        (
            doc_id,
            q.start,
            q.end,
            q.kind,
            q.speaker,
            q.speaker_id,
            q.speaker_label,
            q.confidence,
            m.name,
            m.id,
            m.label,
            m.start,
            m.end,
        )
        for doc_id, doc in zip(ids, docs, strict=True)
        for q in doc.quotes
        for m in q.mentions
    ]


def plain(df):
    return [tuple(None if pd.isna(v) else v for v in row) for row in df.itertuples(index=False)]


def test_mentions_are_the_docs_matches_inside_the_quote_in_order():
    doc = EX(TEXTS[0])
    (q,) = doc.quotes
    assert [m.name for m in q.mentions] == ["Jon Voss", "Nordvik"]
    # The Doc's own Match objects, not copies.
    assert q.mentions[0] is doc.entities[0]
    assert q.mentions[1] is doc.entities[1]
    for m in q.mentions:
        assert q.start <= m.start < m.end <= q.end
        assert doc.text[m.start : m.end] == m.text
    assert [m.name for m in doc.entities] == ["Jon Voss", "Nordvik", "Eva Lind"]


def test_a_quote_that_names_its_own_speaker():
    doc = EX(TEXTS[1])
    first = doc.quotes[0]
    assert first.speaker == "Eva Lind"
    assert first.speaker_text == "Eva Lind"
    # The name inside the quote is a mention; the speaker's own mention is not.
    assert [(m.text, m.start) for m in first.mentions] == [("Eva Lind", 4)]
    assert first.speaker_start not in [m.start for m in first.mentions]
    assert any(m.start == first.speaker_start for m in doc.entities)


def test_a_quote_with_no_entities_mentions_nothing_and_gives_no_rows():
    doc = EX(TEXTS[1])
    second = doc.quotes[1]
    assert second.text == "Nothing has changed,"
    assert second.mentions == []
    df = EX.about([TEXTS[1]])
    assert second.start not in set(df["quote_start"])
    assert len(df) == 1


def test_an_unlinked_speaker_keeps_their_name_without_id():
    df = EX.about([TEXTS[2]])
    assert list(df["speaker"]) == ["Tor Hald", "Tor Hald"]
    assert df["speaker_id"].isna().all()
    assert df["speaker_label"].isna().all()
    assert list(df["entity"]) == ["Baltic Ferry Line", "Nordvik"]
    assert list(df["entity_id"]) == ["o1", "g1"]
    # Python str offsets, also after an emoji and Å.
    assert [TEXTS[2][s:e] for s, e in zip(df["entity_start"], df["entity_end"], strict=True)] == [
        "BFL",
        "NORDVIK",
    ]


def test_the_frame_agrees_with_quote_mentions():
    df = EX.about(TEXTS)
    assert list(df.columns) == sayso._frames.ABOUT_COLUMNS
    want = rows_of_mentions(EX.pipe(TEXTS), range(len(TEXTS)))
    assert len(want) == 5
    assert plain(df) == want
    assert str(df["kind"].dtype) == "category"
    assert df["quote_start"].dtype == "int64"


def test_the_frame_agrees_on_a_real_article_with_many_entities():
    people = example_gazetteer().to_entries()
    gaz = sayso.Gazetteer(sayso.cli._merge(people, sayso.Gazetteer.default().to_entries()))
    ex = sayso.Extractor(gaz)
    texts = [example_article()] * 3
    want = rows_of_mentions(ex.pipe(texts), range(3))
    assert len(want) >= 6
    for threads in (1, 2):
        assert plain(ex.about(texts, threads=threads)) == want


def test_inputs_and_options_are_those_of_quotes(monkeypatch):
    series = pd.Series(TEXTS, index=[f"d{i}" for i in range(len(TEXTS))])
    by_series = EX.about(series)
    assert list(by_series["doc"].unique()) == ["d0", "d1", "d2"]
    frame = pd.DataFrame({"body": TEXTS, "source": list("abcdef")}, index=series.index)
    kept = EX.about(frame, "body", keep="source")
    assert list(kept.columns) == [*sayso._frames.ABOUT_COLUMNS, "source"]
    assert list(kept["source"]) == ["a", "a", "b", "c", "c"]
    assert plain(kept.drop(columns="source")) == plain(by_series)
    assert plain(series.sayso.about(EX)) == plain(by_series)
    # Chunks under a progress bar join into the same frame.
    monkeypatch.setattr(sayso._frames, "PROGRESS_CHUNK", 2)
    assert plain(EX.about(series, progress=True)) == plain(by_series)
    with pytest.raises(TypeError, match="not one str"):
        EX.about("Nordvik")
    with pytest.raises(KeyError, match="no column 'text'"):
        EX.about(frame, "text")


def test_without_a_gazetteer_there_is_nothing_to_be_about():
    ex = sayso.Extractor(False)
    assert all(q.mentions == [] for q in ex(TEXTS[0]).quotes)
    df = ex.about(TEXTS)
    assert list(df.columns) == sayso._frames.ABOUT_COLUMNS
    assert len(df) == 0


def test_quotes_still_compare_and_hash_by_value():
    a, b = EX(TEXTS[0]).quotes[0], EX(TEXTS[0]).quotes[0]
    assert a == b
    assert hash(a) == hash(b)
    other = sayso.Extractor(sayso.Gazetteer(ENTRIES[:1]))(TEXTS[0]).quotes[0]
    assert other.mentions == []
    assert other != a  # the same quote, but about nothing this time


def test_who_about_whom_counts_pairs():
    texts = [
        "“Jon Voss has let Nordvik down,” Eva Lind said.",
        "“Jon Voss knows it, and Jon Voss must act,” Eva Lind said.",
        "“Nordvik will pay,” Tor Hald said.",
        "“Nordvik will pay,” it was said.",  # by nobody named
    ]
    df = EX.about(texts)
    counts = sayso.who_about_whom(df)
    assert list(counts.columns) == ["speaker", "entity", "quotes", "mentions", "docs"]
    assert [tuple(r) for r in counts.itertuples(index=False)] == [
        ("Eva Lind", "Jon Voss", 2, 3, 2),
        ("Eva Lind", "Nordvik", 1, 1, 1),
        ("Tor Hald", "Nordvik", 1, 1, 1),
    ]
    by_id = sayso.who_about_whom(df, by="id")
    assert [tuple(r) for r in by_id.itertuples(index=False)] == [
        ("p1", "p2", 2, 3, 2),
        ("p1", "g1", 1, 1, 1),
    ]
    with_unknown = sayso.who_about_whom(df, unattributed=True)
    assert [tuple(r) for r in with_unknown.itertuples(index=False)][-1][1:] == ("Nordvik", 1, 1, 1)
    assert pd.isna(with_unknown["speaker"].iloc[-1])
    assert len(with_unknown) == 4


def test_who_about_whom_names_what_is_wrong():
    with pytest.raises(ValueError, match='by must be "name" or "id"'):
        sayso.who_about_whom(EX.about(TEXTS), by="label")
    with pytest.raises(KeyError, match=r"\['quote_start', 'quote_end', 'speaker'"):
        sayso.who_about_whom(EX.entities(TEXTS))


# --- the command line -----------------------------------------------------------


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "sayso", *map(str, args)], capture_output=True, text=True
    )


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_the_cli_agrees_with_the_frame_and_mentions(tmp_path, fmt):
    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text("".join(json.dumps(e) + "\n" for e in ENTRIES), encoding="utf-8")
    src = tmp_path / "in.jsonl"
    ids = [f"n{i}" for i in range(len(TEXTS))]
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, TEXTS, strict=True)),
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    done = cli("about", src, "-o", out, "--gazetteer", gaz, "--chunk-size", "2")
    assert done.returncode == 0, done.stderr
    want = rows_of_mentions(EX.pipe(TEXTS), ids)
    assert plain(EX.about(pd.Series(TEXTS, index=ids))) == want
    if fmt == "csv":
        got = plain(pd.read_csv(out, keep_default_na=True))
    elif fmt == "parquet":
        table = pq.read_table(out)
        assert table.column_names == ABOUT_FIELDS
        got = plain(table.to_pandas())
    else:
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in lines] == ids
        got = [(r["id"], *row.values()) for r in lines for row in r["about"]]
        assert all(list(row) == ABOUT_FIELDS[1:] for r in lines for row in r["about"])
    assert got == want


def test_the_cli_about_with_no_rows_still_has_its_columns(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,Nothing here.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli("about", src, "-o", out).returncode == 0
    assert out.read_text().strip() == ",".join(ABOUT_FIELDS)


def test_the_docstring_examples_run():
    import doctest

    result = doctest.testmod(sayso._about)
    assert result.attempted > 0
    assert result.failed == 0


def test_about_is_linear_in_the_text():
    import time

    unit = "“Jon Voss told Nordvik and BFL to wait,” Eva Lind said. "

    def best(n):
        text = unit * n
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            df = EX.about([text], threads=1)
            times.append(time.perf_counter() - t0)
        assert len(df) == 3 * n
        return min(times)

    small, large = best(1500), best(6000)
    assert large < small * 4 * 2.5, f"{small:.3f} s for 1,500 quotes, {large:.3f} s for 6,000"
