"""pandas: entity and quote frames, the Series accessor, progress, the built-in gazetteer."""

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import sayso
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parent.parent
GAZ = sayso.Gazetteer(
    [
        {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
        {"name": "Nordvik", "label": "GPE", "id": "g1", "aliases": ["NORDVIK"]},
        {"name": "Baltic News Agency", "label": "ORG", "id": "o1", "aliases": ["BNA"]},
    ]
)
EX = sayso.Extractor(GAZ)
TEXTS = [
    "“The ferry runs again,” Eva Lind said in Nordvik. Fares will rise next year, she added.",
    None,
    "NORDVIK 😀 wants a deal, the BNA reported.",
    math.nan,
    "",
    "Nothing to see here.",
]


def entity_rows(ex, texts, labels):
    """The entity frame's rows built from Match objects, the slow way."""
    return [
        (labels[i], m.start, m.end, m.text, m.label, m.id, m.name)
        for i, doc in enumerate(ex.pipe(texts))
        for m in doc.entities
    ]


def quote_rows(ex, texts, labels):
    """The quote frame's rows built from Quote objects: ``doc``, then ``Quote.to_dict()``."""
    return [
        (labels[i], *q.to_dict().values())
        for i, doc in enumerate(ex.pipe(texts))
        for q in doc.quotes
    ]


def rows(df):
    """The frame's rows as tuples, with missing values as None."""
    return [
        tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in r)
        for r in df.itertuples(index=False, name=None)
    ]


def test_entities_frame_equals_the_match_objects():
    df = EX.entities(TEXTS)
    assert list(df.columns) == sayso._frames.ENTITY_COLUMNS
    assert rows(df) == entity_rows(EX, TEXTS, range(len(TEXTS)))
    assert len(df) == 4
    assert str(df["label"].dtype) == "category"
    assert df["start"].dtype == "int64"


def test_entity_arrays_are_made_once_a_gazetteer_and_frames_stay_equal():
    gaz = sayso.Gazetteer([{"name": "Voss", "label": "PERSON"}, {"name": "Ames", "label": "GPE"}])
    ex = sayso.Extractor(gaz)
    first = ex.entities(["Voss met Ames.", "Ames, then Voss and VOSS."])
    arrays = gaz._entry_columns()["arrays"]
    second = ex.entities(["Ames, then Voss and VOSS.", "Voss met Ames."])
    assert gaz._entry_columns()["arrays"] is arrays
    assert rows(first) == [
        (0, 0, 4, "Voss", "PERSON", "Voss", "Voss"),
        (0, 9, 13, "Ames", "GPE", "Ames", "Ames"),
        (1, 0, 4, "Ames", "GPE", "Ames", "Ames"),
        (1, 11, 15, "Voss", "PERSON", "Voss", "Voss"),
        (1, 20, 24, "VOSS", "PERSON", "Voss", "Voss"),
    ]
    assert sorted(rows(second)) == sorted((1 - d, *rest) for d, *rest in rows(first))


def test_quotes_frame_equals_the_quote_objects():
    df = EX.quotes(TEXTS)
    assert list(df.columns) == sayso._frames.QUOTE_COLUMNS
    assert rows(df) == quote_rows(EX, TEXTS, range(len(TEXTS)))
    assert list(df["kind"]) == ["direct", "indirect", "indirect"]
    assert list(df["speaker_id"]) == ["p1", "p1", "o1"]
    assert str(df["speaker_start"].dtype) == "Int64"


def test_series_index_names_the_documents_and_missing_texts_give_no_rows():
    s = pd.Series(TEXTS, index=[f"art-{i}" for i in range(len(TEXTS))])
    ents = EX.entities(s)
    assert set(ents["doc"]) == {"art-0", "art-2"}
    assert rows(EX.quotes(s)) == quote_rows(EX, TEXTS, list(s.index))


def test_dataframe_input_with_a_column_and_kept_columns():
    df = pd.DataFrame({"body": TEXTS, "outlet": list("abcdef"), "n": range(6)}, index=range(10, 16))
    got = EX.quotes(df, "body", keep=["outlet", "n"])
    assert list(got.columns) == [*sayso._frames.QUOTE_COLUMNS, "outlet", "n"]
    assert list(got["doc"]) == [10, 10, 12]
    assert list(got["outlet"]) == ["a", "a", "c"]
    assert list(EX.entities(df, "body", keep="n")["n"]) == [0, 0, 2, 2]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: EX.entities("Nordvik"), TypeError, "not one str"),
        (lambda: EX.entities(pd.DataFrame({"t": ["x"]})), TypeError, r"column= naming.*\['t'\]"),
        (lambda: EX.quotes(pd.DataFrame({"t": ["x"]}), "body"), KeyError, "no column 'body'"),
        (lambda: EX.quotes(["x"], keep=["a"]), TypeError, "keep= needs a DataFrame"),
        (
            lambda: EX.quotes(pd.DataFrame({"t": ["x"]}), "t", keep=["z"]),
            KeyError,
            "keep: no column 'z'",
        ),
        (lambda: EX.entities(["ok", b"x"]), TypeError, r"texts\[1\] must be str"),
    ],
)
def test_frame_errors_name_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_progress_chunks_give_the_same_frames():
    texts = TEXTS * 800  # more than one chunk of sayso._frames.PROGRESS_CHUNK
    assert len(texts) > sayso._frames.PROGRESS_CHUNK
    for method in (EX.entities, EX.quotes):
        plain = method(texts)
        shown = method(texts, progress=True)
        assert rows(shown) == rows(plain)
        assert len(plain) > 1000


def test_pipe_with_a_progress_bar_gives_the_same_docs(capsys):
    texts = TEXTS * 800
    shown = EX.pipe(texts, progress=True)
    assert [d.quotes for d in shown] == [d.quotes for d in EX.pipe(texts)]
    assert "documents: 100%" in capsys.readouterr().err
    with pytest.raises(TypeError, match="not one str"):
        EX.pipe("Nordvik", progress=True)


def test_an_extractor_without_gazetteer_gives_empty_entity_columns():
    ex = sayso.Extractor(False)
    assert len(ex.entities(TEXTS)) == 0
    quotes = ex.quotes(TEXTS)
    assert list(quotes["speaker"])[:2] == ["Eva Lind", "Eva Lind"]
    assert quotes["speaker_id"].isna().all()


def test_the_series_accessor():
    s = pd.Series(TEXTS)
    assert rows(s.sayso.entities(EX)) == rows(EX.entities(s))
    assert rows(s.sayso.quotes(EX, threads=1)) == rows(EX.quotes(s))
    # Without an extractor: the built-in gazetteer.
    assert "United States" in set(pd.Series(["The U.S. said no."]).sayso.entities()["name"])


def test_the_accessor_is_registered_when_pandas_comes_first():
    code = "import pandas as pd, sayso; print(pd.Series(['Nordvik']).sayso.quotes().shape)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"(0, {len(sayso._frames.QUOTE_COLUMNS)})"


# --- the built-in gazetteer -------------------------------------------------


def test_builtin_gazetteer_is_small_and_finds_news_names():
    path = Path(sayso.examples.default_gazetteer_path())
    assert path.stat().st_size < 5_000_000
    gaz = sayso.Gazetteer.default()
    assert gaz is sayso.Gazetteer.default(), "read once a process"
    assert len(gaz) > 2500
    text = "Russian and Saudi envoys, the UN and NATO met in Moscow; us, the U.S. and Europe."
    got = [(m.text, m.name, m.label) for m in gaz.find(text)]
    assert got == [
        ("Russian", "Russia", "GPE"),
        ("Saudi", "Saudi Arabia", "GPE"),
        ("UN", "United Nations", "ORG"),
        ("NATO", "NATO", "ORG"),
        ("Moscow", "Moscow", "GPE"),
        ("U.S.", "United States", "GPE"),
        ("Europe", "Europe", "LOC"),
    ]


def test_builtin_gazetteer_is_what_the_script_builds():
    sys.path.insert(0, str(ROOT / "tools"))
    import build_default_gazetteer

    shipped = Path(sayso.examples.default_gazetteer_path()).read_text(encoding="utf-8")
    assert build_default_gazetteer.build() == shipped


# --- properties ---------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "Eva Lind",
        "Nordvik",
        "NORDVIK",
        "BNA",
        "said",
        "told",
        "she",
        "“",
        "”",
        '"',
        ",",
        ".",
        "\n",
        "😀",
        "İ",
        "e\u0301",
        "\r\n",
        "according to",
        "the minister",
        "reporters",
    ]
)
DOC = st.lists(st.one_of(PIECES, st.text("abc ,.", max_size=5)), max_size=30).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.one_of(DOC, st.none()), max_size=8))
def test_frames_always_equal_the_objects(texts):
    assert rows(EX.entities(texts)) == entity_rows(EX, texts, range(len(texts)))
    assert rows(EX.quotes(texts)) == quote_rows(EX, texts, range(len(texts)))


@settings(max_examples=100, deadline=None)
@given(text=DOC.map(lambda t: t + " <b>&'\"</b>"))
def test_the_html_of_any_text_is_escaped(text):
    html = EX(text)._repr_html_()
    assert "<b>&" not in html
    assert html.count("<span") == html.count("</span>")


def test_the_accessor_registers_once_when_sayso_imports_pandas_first():
    # A first import of pandas from inside sayso ran the import hook, which
    # registered Series.sayso a second time, with pandas' UserWarning.
    code = (
        "import warnings, sys\n"
        "warnings.simplefilter('error')\n"
        "import sayso\n"
        "assert 'pandas' not in sys.modules\n"
        "from sayso._frames import register_accessor\n"
        "register_accessor()\n"
        "import pandas as pd\n"
        "assert pd.Series(['x']).sayso is not None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
