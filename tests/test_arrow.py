"""Arrow and polars: texts in through the Arrow PyCapsule interface, frames out as Arrow."""

import math
import tracemalloc

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
import sayso
from sayso._frames import ABOUT_COLUMNS, ENTITY_COLUMNS, QUOTE_COLUMNS

ORDERS = {"entities": ENTITY_COLUMNS, "quotes": QUOTE_COLUMNS, "about": ABOUT_COLUMNS}

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
    "",
    "Nothing to see here, Ames said.",
    "Ames told Voss that the Nordvik bridge would close, the BNA said.",
]
PLAIN = [t if t is not None else None for t in TEXTS]


def arrow_inputs():
    """The same texts as every Arrow-speaking object sayso should read."""
    chunked = pa.chunked_array([TEXTS[:2], TEXTS[2:]], type=pa.string())
    return {
        "string": pa.array(TEXTS, type=pa.string()),
        "large_string": pa.array(TEXTS, type=pa.large_string()),
        "string_view": pa.array(TEXTS, type=pa.string_view()),
        "dictionary": pa.array(TEXTS, type=pa.string()).dictionary_encode(),
        "chunked": chunked,
        "table column": pa.table({"id": range(6), "text": TEXTS})["text"],
        "one-column table": pa.table({"text": TEXTS}),
        "polars": pl.Series("text", TEXTS),
        "pandas string[pyarrow]": pd.Series(TEXTS, dtype="string[pyarrow]"),
        "pandas ArrowDtype": pd.Series(TEXTS, dtype=pd.ArrowDtype(pa.large_string())),
        "duckdb": duckdb.sql(
            "SELECT text FROM (VALUES "
            + ", ".join(f"({i}, {_sql(t)})" for i, t in enumerate(TEXTS))
            + ") AS t(i, text) ORDER BY i"
        ),
    }


def _sql(text):
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def match_tuples(batches):
    return [[(m.start, m.end, m.text, m.id) for m in ms] for ms in batches]


@pytest.mark.parametrize("kind", list(arrow_inputs()))
def test_every_batch_call_reads_arrow_texts_like_strs(kind):
    texts = arrow_inputs()[kind]
    want = GAZ.find_batch(PLAIN)
    assert match_tuples(GAZ.find_batch(arrow_inputs()[kind])) == match_tuples(want)
    docs = EX.pipe(arrow_inputs()[kind], threads=2)
    assert [d.text for d in docs] == [t or "" for t in TEXTS]
    assert [d.quotes for d in docs] == [d.quotes for d in EX.pipe(PLAIN)]
    assert [d.entities for d in docs] == [d.entities for d in EX.pipe(PLAIN)]
    del texts


def frame_rows(df):
    """Rows of a pandas, polars or Arrow frame, as tuples of plain Python values."""
    if isinstance(df, pd.DataFrame):
        return [
            tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in r)
            for r in df.itertuples(index=False, name=None)
        ]
    if isinstance(df, pl.DataFrame):
        return [tuple(r) for r in df.rows()]
    return [tuple(r.values()) for r in df.to_pylist()]


def columns(df):
    return list(df.column_names) if isinstance(df, pa.Table) else list(df.columns)


@pytest.mark.parametrize("method", list(ORDERS))
def test_pandas_arrow_and_polars_frames_agree(method):
    call = getattr(EX, method)
    order = ORDERS[method]
    frame = pd.DataFrame({"text": TEXTS, "outlet": list("abcdef")})
    want = call(frame, "text", keep=["outlet"], output="pandas")
    assert len(want) >= 2
    for output in ("arrow", "polars", "pandas"):
        for source in (frame, pl.from_pandas(frame), pa.Table.from_pandas(frame)):
            got = call(source, "text", keep=["outlet"], output=output)
            assert columns(got) == [*order, "outlet"], (output, type(source))
            assert frame_rows(got) == frame_rows(want), (output, type(source))


# A quote with a source ("according to"), one with a pronoun for its speaker.
SOURCED = [*TEXTS, "Prices will fall, Eva Lind said, according to the BNA."]


@pytest.mark.parametrize("output", ["pandas", "arrow", "polars"])
def test_quote_frames_hold_every_field_of_quote_to_dict(output):
    docs = EX.pipe(SOURCED)
    want = [(i, *q.to_dict().values()) for i, d in enumerate(docs) for q in d.quotes]
    fields = ["doc", *docs[0].quotes[0].to_dict()]
    assert QUOTE_COLUMNS == fields
    at = {f: k for k, f in enumerate(fields)}
    assert any(r[at["source"]] == "the BNA" for r in want)
    assert any(r[at["speaker_text"]] == "she" and r[at["speaker"]] == "Eva Lind" for r in want)
    assert all(r[at["cue_start"]] is not None for r in want if r[at["cue"]] is not None)
    for source in (SOURCED, pa.array(SOURCED), pl.Series(SOURCED)):
        got = EX.quotes(source, output=output)
        assert columns(got) == fields, type(source)
        assert frame_rows(got) == want, type(source)
        shown = EX.quotes(source, output=output, progress=True)
        assert frame_rows(shown) == want, type(source)
    text, start, end = SOURCED[-1], at["source_start"], at["source_end"]
    assert [text[r[start] : r[end]] for r in want if r[0] == len(SOURCED) - 1] == ["the BNA"]


def test_quotes_carry_rule_speaker_via_and_confidence_in_every_output():
    want = EX.quotes(TEXTS, output="pandas")
    table = EX.quotes(TEXTS, output="arrow")
    assert table["rule"].to_pylist() == want["rule"].tolist()
    assert table["speaker_via"].to_pylist() == [
        None if isinstance(v, float) else v for v in want["speaker_via"]
    ]
    assert table["confidence"].to_pylist() == want["confidence"].tolist()
    assert set(table["rule"].to_pylist()) <= set(sayso.RULE_NAMES)
    assert pa.types.is_dictionary(table.schema.field("rule").type)
    assert pa.types.is_dictionary(table.schema.field("speaker_via").type)
    assert table.schema.field("confidence").type == pa.float64()
    assert table["speaker_via"].to_pylist()[0] is not None  # Eva Lind: a name in the gazetteer
    df = EX.quotes(pl.Series(TEXTS))
    assert df["confidence"].dtype == pl.Float64
    assert df["rule"].to_list() == want["rule"].tolist()


@pytest.mark.parametrize("output", ["pandas", "arrow", "polars"])
def test_min_confidence_filters_every_output_alike(output):
    conf = sorted(EX.quotes(TEXTS, output="pandas")["confidence"])
    cut = conf[len(conf) // 2]  # a threshold that keeps some quotes and drops others
    want = EX.quotes(TEXTS, output="pandas")
    want = want[want["confidence"] >= cut].reset_index(drop=True)
    assert 0 < len(want) < len(conf)
    for source in (TEXTS, pa.array(TEXTS), pl.Series(TEXTS)):
        got = EX.quotes(source, output=output, min_confidence=cut)
        assert frame_rows(got) == frame_rows(want), (output, type(source))
        shown = EX.quotes(source, output=output, min_confidence=cut, progress=True)
        assert frame_rows(shown) == frame_rows(want), (output, type(source))
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
        EX.quotes(pa.array(TEXTS), output=output, min_confidence=2.0)


def test_about_in_arrow_is_built_in_the_core_with_python_offsets():
    table = EX.about(pa.array(TEXTS))
    assert isinstance(table, pa.Table)
    assert columns(table) == ABOUT_COLUMNS
    rows = table.to_pylist()
    assert [(r["doc"], r["entity"], r["entity_id"]) for r in rows] == [
        (2, "Nordvik", "g1"),
        (5, "Nordvik", "g1"),
    ]
    for r in rows:
        text = TEXTS[r["doc"]]
        assert text[r["entity_start"] : r["entity_end"]].lower() == "nordvik"
        assert r["quote_start"] <= r["entity_start"] < r["entity_end"] <= r["quote_end"]
    for name in ("kind", "speaker", "entity", "entity_id", "entity_label", "speaker_id"):
        assert pa.types.is_dictionary(table.schema.field(name).type), name
    assert table.schema.field("confidence").type == pa.float64()
    assert sayso.Extractor(False).about(pa.array(TEXTS)).num_rows == 0
    assert columns(sayso.Extractor(False).about(pa.array(TEXTS))) == ABOUT_COLUMNS


def test_the_default_output_is_the_inputs_family():
    assert isinstance(EX.quotes(pl.Series(TEXTS)), pl.DataFrame)
    assert isinstance(EX.quotes(pl.DataFrame({"t": TEXTS}), "t"), pl.DataFrame)
    assert isinstance(EX.entities(pa.array(TEXTS)), pa.Table)
    assert isinstance(EX.entities(pa.table({"t": TEXTS}), "t"), pa.Table)
    assert isinstance(EX.entities(pd.Series(TEXTS, dtype="string[pyarrow]")), pd.DataFrame)
    assert isinstance(EX.entities(TEXTS), pd.DataFrame)
    assert isinstance(EX.entities(TEXTS, output="arrow"), pa.Table)
    assert isinstance(EX.about(pl.Series(TEXTS)), pl.DataFrame)
    assert isinstance(EX.about(pa.array(TEXTS)), pa.Table)
    assert isinstance(EX.about(TEXTS), pd.DataFrame)
    with pytest.raises(ValueError, match="output must be 'pandas', 'arrow' or 'polars'"):
        EX.quotes(TEXTS, output="excel")


def test_arrow_frames_are_dictionary_encoded_with_nulls():
    table = EX.quotes(pa.array(TEXTS))
    assert pa.types.is_dictionary(table.schema.field("speaker").type)
    assert pa.types.is_dictionary(table.schema.field("kind").type)
    assert table.schema.field("doc").type == pa.int64()
    assert table["kind"].to_pylist()[0] == "direct"
    assert table["doc"].to_pylist() == [0, 0, 2, 4, 5]
    no_speaker = EX.quotes(["It will rain, officials said."], output="arrow")
    assert no_speaker["speaker_id"].to_pylist() == [None]
    assert no_speaker["speaker_start"].null_count == 0 or no_speaker["speaker_start"].to_pylist()
    ents = EX.entities(pl.Series(TEXTS))
    assert ents.schema["label"] == pl.Categorical
    assert ents["id"].cast(pl.String).to_list() == ["p1", "g1", "g1", "o1", "g1", "o1"]


def test_a_pandas_index_names_the_documents_in_every_output():
    s = pd.Series(TEXTS, index=[f"art-{i}" for i in range(len(TEXTS))])
    for output in ("pandas", "arrow", "polars"):
        got = EX.entities(s, output=output)
        docs = got["doc"].to_pylist() if output == "arrow" else list(got["doc"])
        assert docs == ["art-0", "art-0", "art-2", "art-2", "art-5", "art-5"], output


def test_without_a_gazetteer_the_arrow_columns_are_empty_or_null():
    ex = sayso.Extractor(False)
    assert ex.entities(pa.array(TEXTS)).num_rows == 0
    quotes = ex.quotes(pa.array(TEXTS))
    assert quotes.num_rows > 0
    assert set(quotes["speaker_id"].to_pylist()) == {None}
    assert columns(quotes) == QUOTE_COLUMNS


def test_progress_chunks_give_the_same_arrow_and_polars_frames():
    texts = pa.array(TEXTS * 400)  # more than one chunk of sayso._frames.PROGRESS_CHUNK
    for output in ("arrow", "polars"):
        plain = EX.quotes(texts, output=output)
        shown = EX.quotes(texts, output=output, progress=True)
        assert frame_rows(shown) == frame_rows(plain)
        assert len(plain) == 5 * 400


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: GAZ.find_batch(pa.array([1, 2])), TypeError, "string.*not Int64"),
        (
            lambda: EX.pipe(pa.table({"a": ["x"], "b": ["y"]})),
            TypeError,
            r"Arrow table with columns \['a', 'b'\]",
        ),
        (lambda: EX.quotes(pa.table({"a": ["x"]}), "body"), KeyError, "no column 'body'"),
        (lambda: EX.quotes(pl.DataFrame({"a": ["x"]})), TypeError, "column= naming"),
        (lambda: EX.quotes(pa.array(["x"]), keep=["a"]), TypeError, "keep= needs a DataFrame"),
        (
            lambda: EX.quotes(pl.DataFrame({"a": ["x"]}), "a", keep="z"),
            KeyError,
            "keep: no column 'z'",
        ),
        (
            lambda: GAZ.find_batch(
                pa.Array.from_buffers(
                    pa.string(),
                    1,
                    [None, pa.py_buffer(b"\0\0\0\0\2\0\0\0"), pa.py_buffer(b"\xff\xfe")],
                )
            ),
            ValueError,
            "not a valid string array",
        ),
        (
            lambda: GAZ.find_batch(
                pa.Array.from_buffers(
                    pa.string(),
                    2,
                    [None, pa.py_buffer(b"\2\0\0\0\0\0\0\0\2\0\0\0"), pa.py_buffer(b"ab")],
                )
            ),
            ValueError,
            "not a valid string array",
        ),
    ],
)
def test_bad_arrow_input_is_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_stream_is_read_once():
    reader = pa.RecordBatchReader.from_batches(
        pa.schema({"t": pa.string()}), [pa.record_batch({"t": ["Ames said so."]})]
    )
    assert len(EX.pipe(reader)) == 1
    assert EX.pipe(reader) == []


def test_arrow_texts_are_not_copied_into_python_strings():
    # A Python str per text would be ~the text's size in Python allocations.
    texts = pa.array(["Eva Lind said the ferry runs. " * 40] * 3000)
    text_bytes = texts.nbytes
    EX._quote_columns(texts[:10], arrow=True)  # warm up imports and caches
    tracemalloc.start()
    table = EX._quote_columns(texts, arrow=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(table) > 0
    assert peak < text_bytes / 20, (peak, text_bytes)


def test_polars_namespaces():
    df = pl.DataFrame({"text": TEXTS, "id": [f"a{i}" for i in range(6)]})
    quotes = df.sayso.quotes("text", EX, keep=["id"])
    assert isinstance(quotes, pl.DataFrame)
    assert quotes["id"].to_list() == ["a0", "a0", "a2", "a4", "a5"]
    assert frame_rows(df.sayso.entities("text", EX)) == frame_rows(EX.entities(df, "text"))
    series = df["text"]
    assert frame_rows(series.sayso.quotes(EX)) == frame_rows(EX.quotes(series))
    assert frame_rows(series.sayso.entities(EX, output="pandas")) == frame_rows(EX.entities(PLAIN))
    about = df.sayso.about("text", EX, keep="id")
    assert about.select("id", "entity").rows() == [("a2", "Nordvik"), ("a5", "Nordvik")]
    assert frame_rows(series.sayso.about(EX)) == frame_rows(EX.about(PLAIN))
    high = series.sayso.quotes(EX, min_confidence=0.5)
    assert frame_rows(high) == frame_rows(EX.quotes(series, min_confidence=0.5))


def test_the_polars_namespace_docstrings_run():
    import doctest

    import sayso._polars

    result = doctest.testmod(sayso._polars, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 20
    for cls in (sayso._polars.SaysoFrame, sayso._polars.SaysoSeries):
        for name in ("entities", "quotes", "about"):
            assert ">>>" in getattr(cls, name).__doc__, (cls, name)


def test_a_lazy_frame_goes_through_map_batches():
    lf = pl.LazyFrame({"text": TEXTS, "id": range(6)}).filter(pl.col("id") >= 0)
    got = lf.sayso.quotes("text", EX, keep="id")
    assert isinstance(got, pl.LazyFrame)
    want = EX.quotes(pl.DataFrame({"text": TEXTS, "id": range(6)}), "text", keep="id")
    assert got.collect().equals(want)
    assert EX.entities(lf, "text").collect().height == 6
    about = lf.sayso.about("text", EX, keep="id")
    assert about.collect().equals(
        EX.about(pl.DataFrame({"text": TEXTS, "id": range(6)}), "text", keep="id")
    )
    high = lf.sayso.quotes("text", EX, keep="id", min_confidence=0.5).collect()
    assert high.equals(want.filter(pl.col("confidence") >= 0.5))
    with pytest.raises(ValueError, match="LazyFrame gives a LazyFrame"):
        EX.entities(lf, "text", output="arrow")


def test_the_namespace_is_registered_when_polars_comes_first():
    import subprocess
    import sys

    code = (
        "import polars as pl, sayso; "
        "print(pl.Series(['“It rains,” Ames said.']).sayso.quotes(sayso.Extractor(False)).height)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def run_cli(*args):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "sayso", *map(str, args)], capture_output=True, text=True
    )


@pytest.mark.parametrize("command", ["entities", "quotes", "about"])
def test_cli_reads_a_parquet_directory_and_writes_parquet_from_arrow(tmp_path, command):
    import pyarrow.parquet as pq

    folder = tmp_path / "articles"
    folder.mkdir()
    ids = [f"n{i}" for i in range(len(TEXTS) * 3)]
    for part in range(3):
        rows = slice(part * len(TEXTS), (part + 1) * len(TEXTS))
        table = pa.table({"id": ids[rows], "text": TEXTS})
        pq.write_table(table, folder / f"part-{part}.parquet")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        "".join(json_line({"id": i, "text": t}) for i, t in zip(ids, TEXTS * 3, strict=True)),
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    done = run_cli(
        command, folder, "-o", out, "--chunk-size", "4", "--gazetteer", gaz_csv(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    via_records = tmp_path / "records.parquet"
    done = run_cli(command, jsonl, "-o", via_records, "--gazetteer", gaz_csv(tmp_path))
    assert done.returncode == 0, done.stderr
    got, want = pq.read_table(out), pq.read_table(via_records)
    assert got.schema == want.schema
    start = "entity_start" if command == "about" else "start"
    key = [("doc", "ascending"), (start, "ascending")]
    assert got.sort_by(key).to_pylist() == want.sort_by(key).to_pylist()
    assert got.num_rows == {"entities": 18, "quotes": 15, "about": 6}[command]


def json_line(record):
    import json

    return json.dumps(record, ensure_ascii=False) + "\n"


def gaz_csv(tmp_path):
    path = tmp_path / "gaz.csv"
    rows = "name,label,id,aliases\n" + "\n".join(
        f"{e['name']},{e['label']},{e['id']},{'|'.join(e['aliases'])}" for e in GAZ.to_entries()
    )
    path.write_text(rows + "\n", encoding="utf-8")
    return path


def test_cli_refuses_a_parquet_column_of_numbers(tmp_path):
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [1, 2]}), tmp_path / "in.parquet")
    done = run_cli("quotes", tmp_path / "in.parquet", "-o", tmp_path / "out.parquet")
    assert done.returncode == 2
    assert "column 'text' must hold strings, not int64" in done.stderr


def test_the_arrow_page_examples_run(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "arrow.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) >= 4
    monkeypatch.chdir(tmp_path)
    for block in blocks:  # each block stands alone
        exec(compile(block, "docs/arrow.md", "exec"), {})


@pytest.mark.parametrize("kind", ["string", "polars", "duckdb"])
def test_progress_bars_take_arrow_texts(kind):
    docs = EX.pipe(arrow_inputs()[kind], progress=True)
    assert [d.quotes for d in docs] == [d.quotes for d in EX.pipe(PLAIN)]
    want = frame_rows(EX.quotes(PLAIN))
    assert frame_rows(EX.quotes(arrow_inputs()[kind], progress=True, output="pandas")) == want
    assert frame_rows(EX.quotes(arrow_inputs()[kind], progress=True, output="arrow")) == want


def test_a_duckdb_result_with_a_column_and_kept_columns():
    rel = duckdb.sql(
        "SELECT * FROM (VALUES ('a1', 'Fares will rise, Voss said.'), ('a2', NULL)) t(id, body)"
    )
    got = EX.quotes(rel, "body", keep=["id"])
    assert isinstance(got, pa.Table)
    assert got.select(["id", "text", "speaker"]).to_pylist() == [
        {"id": "a1", "text": "Fares will rise", "speaker": "Voss"}
    ]
    with pytest.raises(TypeError, match="column= naming its text column"):
        EX.quotes(pa.table({"body": ["x"]}))


class ArrayOnly:
    """An object that offers only ``__arrow_c_array__`` (as nanoarrow's arrays can)."""

    def __init__(self, array):
        self.array = array

    def __arrow_c_array__(self, requested_schema=None):
        return self.array.__arrow_c_array__(requested_schema)


def test_an_object_with_only_arrow_c_array_is_read():
    texts = ArrayOnly(pa.array(TEXTS, type=pa.string_view()))
    assert match_tuples(GAZ.find_batch(texts)) == match_tuples(GAZ.find_batch(PLAIN))
    assert frame_rows(EX.quotes(texts)) == frame_rows(EX.quotes(PLAIN))
    assert isinstance(EX.quotes(texts), pa.Table)


# --- entities(metadata=True) -------------------------------------------------------

META_GAZ = sayso.Gazetteer(
    [
        {"name": "Eva Lind", "label": "PERSON", "id": "p1", "metadata": {"party": "Green"}},
        {
            "name": "Nordvik",
            "label": "GPE",
            "id": "g1",
            "aliases": ["NORDVIK"],
            "metadata": {"founded": 1200, "tags": ["port", "north"], "party": None},
        },
        {"name": "Baltic News Agency", "label": "ORG", "id": "o1", "aliases": ["BNA"]},
    ]
)
META_KEYS = ["party", "founded", "tags"]


def metadata_rows(ex, texts):
    """The rows entities(metadata=True) should give: the matches and their entries' metadata."""
    rows = []
    for i, doc in enumerate(ex.pipe(texts)):
        for m in doc.entities:
            meta = m.metadata or {}
            row = (i, m.start, m.end, m.text, m.label, m.id, m.name)
            rows.append((*row, *(meta.get(k) for k in META_KEYS), "abcdef"[i]))
    return rows


@pytest.mark.parametrize("output", ["pandas", "arrow", "polars"])
def test_entities_carry_one_column_per_metadata_key_in_every_output(output):
    ex = sayso.Extractor(META_GAZ)
    frame = pd.DataFrame({"text": TEXTS, "outlet": list("abcdef")})
    want = metadata_rows(ex, TEXTS)
    assert any(r[9] == ["port", "north"] for r in want)
    assert any(r[7] == "Green" for r in want)
    for source in (frame, pl.from_pandas(frame), pa.Table.from_pandas(frame)):
        for progress in (False, True):
            got = ex.entities(
                source, "text", keep="outlet", output=output, metadata=True, progress=progress
            )
            assert columns(got) == [*ENTITY_COLUMNS, *META_KEYS, "outlet"], type(source)
            assert frame_rows(got) == want, (type(source), progress)
    got = ex.entities(TEXTS, output=output, metadata=True)
    if output == "pandas":
        assert str(got["founded"].dtype) == "Int64"
    elif output == "arrow":
        assert got.schema.field("founded").type == pa.int64()
        assert got.schema.field("tags").type == pa.list_(pa.string())
    else:
        assert got["founded"].dtype == pl.Int64
    # Without metadata=True, the columns as before.
    assert columns(ex.entities(TEXTS, output=output)) == ENTITY_COLUMNS


def test_metadata_columns_have_one_schema_whatever_the_batch_finds():
    ex = sayso.Extractor(META_GAZ)
    empty = ex.entities(["Nothing here."], output="arrow", metadata=True)
    full = ex.entities(TEXTS, output="arrow", metadata=True)
    assert empty.schema == full.schema
    lazy = pl.LazyFrame({"text": TEXTS}).sayso.entities("text", ex, metadata=True)
    assert lazy.collect().columns == [*ENTITY_COLUMNS, *META_KEYS]
    assert sayso.Extractor(False).entities(TEXTS, metadata=True).columns.tolist() == (
        ENTITY_COLUMNS
    )


@pytest.mark.parametrize("output", ["pandas", "arrow", "polars"])
def test_metadata_keys_that_clash_are_errors_naming_them(output):
    clash = sayso.Extractor(
        sayso.Gazetteer([{"name": "Lind", "label": "P", "metadata": {"label": "x"}}])
    )
    with pytest.raises(ValueError, match="metadata key 'label' is also a result column"):
        clash.entities(["Lind"], output=output, metadata=True)
    ex = sayso.Extractor(META_GAZ)
    frame = pd.DataFrame({"text": TEXTS, "party": list("abcdef")})
    with pytest.raises(ValueError, match="keep: the column 'party' is also a metadata key"):
        ex.entities(frame, "text", keep=["party"], output=output, metadata=True)
    mixed = sayso.Extractor(
        sayso.Gazetteer(
            [
                {"name": "Lind", "label": "P", "metadata": {"rank": 1}},
                {"name": "Ames", "label": "P", "metadata": {"rank": "first"}},
            ]
        )
    )
    if output == "pandas":  # Python objects hold both
        assert mixed.entities(["Lind, Ames"], metadata=True)["rank"].tolist() == [1, "first"]
    else:
        with pytest.raises(ValueError, match=r"metadata key 'rank' holds values of types"):
            mixed.entities(["Lind, Ames"], output=output, metadata=True)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("fin", ["jsonl", "parquet"])
def test_cli_metadata_flag_adds_the_metadata_columns(tmp_path, fmt, fin):
    import json

    import pyarrow.parquet as pq

    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text("".join(json_line(e) for e in META_GAZ.to_entries()))
    src = tmp_path / f"in.{fin}"
    records = [{"id": f"n{i}", "text": t} for i, t in enumerate(TEXTS)]
    if fin == "jsonl":
        src.write_text("".join(json_line(r) for r in records))
    else:
        pq.write_table(pa.Table.from_pylist(records), src)
    out = tmp_path / f"out.{fmt}"
    done = run_cli("entities", src, "-o", out, "--gazetteer", gaz, "--metadata")
    assert done.returncode == 0, done.stderr
    want = [(f"n{r[0]}", *r[1:-1]) for r in metadata_rows(sayso.Extractor(META_GAZ), TEXTS)]
    if fmt == "jsonl":
        lines = [json.loads(line) for line in out.read_text().splitlines()]
        got = [(line["id"], *m.values()) for line in lines for m in line["entities"]]
        assert {tuple(m) for line in lines for m in line["entities"]} == {
            tuple([*ENTITY_COLUMNS[1:], *META_KEYS])
        }
    elif fmt == "csv":
        df = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert list(df.columns) == [*ENTITY_COLUMNS, *META_KEYS]
        got = [tuple(r) for r in df.itertuples(index=False)]
        want = [
            tuple("" if v is None else json.dumps(v) if isinstance(v, list) else str(v) for v in r)
            for r in want
        ]
    else:
        table = pq.read_table(out)
        assert table.column_names == [*ENTITY_COLUMNS, *META_KEYS]
        assert table.schema.field("founded").type == pa.int64()
        got = [tuple(r.values()) for r in table.to_pylist()]
    assert got == want
