"""The command line: formats in and out, columns, streaming, progress, exit codes."""

import csv
import json
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sayso
from sayso import cli as sayso_cli

GAZ_CSV = "name,label,id,aliases\nEva Lind,PERSON,p1,\nNordvik,GPE,g1,NORDVIK\n"
TEXTS = [
    "“The ferry runs again,” Eva Lind said in Nordvik. Fares will rise next year, she added.",
    "NORDVIK 😀 wants a deal, the mayor told reporters on Monday.",
    "",
    "Nothing here.",
]


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "sayso", *map(str, args)], capture_output=True, text=True
    )


@pytest.fixture
def gaz(tmp_path):
    path = tmp_path / "gaz.csv"
    path.write_text(GAZ_CSV, encoding="utf-8")
    return path


def expected(gaz, what):
    """The rows the CLI should write: the DataFrame of the same extractor, doc = id."""
    ex = sayso.Extractor(sayso.Gazetteer.from_csv(gaz))
    df = getattr(ex, what)(pd.Series(TEXTS, index=[f"n{i}" for i in range(len(TEXTS))]))
    return [[None if pd.isna(v) else v for v in row] for row in df.itertuples(index=False)]


def write_input(path, fmt):
    rows = [{"key": f"n{i}", "body": t} for i, t in enumerate(TEXTS)]
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, ["key", "body"])
            w.writeheader()
            w.writerows(rows)
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)


def read_rows(path):
    if path.suffix == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        return [[v if v != "" else None for v in row] for row in df.itertuples(index=False)]
    df = pq.read_table(path).to_pandas()
    return [[None if pd.isna(v) else v for v in row] for row in df.itertuples(index=False)]


def normalise(rows):
    return [[None if v is None else str(v) for v in row] for row in rows]


@pytest.mark.parametrize("what", ["entities", "quotes"])
@pytest.mark.parametrize(
    ("fin", "fout"), [("csv", "csv"), ("parquet", "parquet"), ("jsonl", "csv")]
)
def test_formats_in_and_out_give_the_frame_rows(tmp_path, gaz, what, fin, fout):
    src, out = tmp_path / f"in.{fin}", tmp_path / f"out.{fout}"
    write_input(src, fin)
    args = ["--gazetteer", gaz, "--text-column", "body", "--id-column", "key"]
    done = cli(what, src, "-o", out, *args)
    assert done.returncode == 0, done.stderr
    want = expected(gaz, what)
    assert len(want) >= 3
    assert normalise(read_rows(out)) == normalise(want)


@pytest.mark.parametrize("what", ["entities", "quotes", "about"])
def test_jsonl_keys_are_the_frame_columns(tmp_path, gaz, what):
    src = tmp_path / "in.jsonl"
    texts = [*TEXTS, "Prices will fall, Eva Lind said, according to the agency."]
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("jsonl", "csv", "parquet")}
    for out in outs.values():
        assert cli(what, src, "-o", out, "--gazetteer", gaz).returncode == 0
    columns = {
        "entities": sayso_cli.ENTITY_FIELDS,
        "quotes": sayso_cli.QUOTE_FIELDS,
        "about": sayso_cli.ABOUT_FIELDS,
    }[what]
    lines = [json.loads(line) for line in outs["jsonl"].read_text().splitlines()]
    items = [(line["id"], item) for line in lines for item in line[what]]
    assert items, "some rows"
    # The document's id is once a line ("id"); each item has the frame's other columns.
    assert {tuple(item) for _, item in items} == {tuple(columns[1:])}
    rows = [[doc, *item.values()] for doc, item in items]
    assert normalise(read_rows(outs["csv"])) == normalise(rows)
    table = pq.read_table(outs["parquet"])
    assert table.column_names == columns
    assert normalise([list(r.values()) for r in table.to_pylist()]) == normalise(rows)
    if what == "quotes":
        assert any(item["source"] == "the agency" for _, item in items)


def test_jsonl_output_is_one_line_a_document(tmp_path, gaz):
    src = tmp_path / "in.csv"
    write_input(src, "csv")
    done = cli("entities", src, "--gazetteer", gaz, "--text-column", "body", "--id-column", "key")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in lines] == ["n0", "n1", "n2", "n3"]
    assert [e["name"] for e in lines[0]["entities"]] == ["Eva Lind", "Nordvik"]


def test_the_builtin_gazetteer_is_the_default(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "Talks in Moscow and Kyiv."}) + "\n", "utf-8")
    done = cli("entities", src)
    assert [e["name"] for e in json.loads(done.stdout)["entities"]] == ["Moscow", "Kyiv"]


def test_an_empty_input_gives_an_empty_output_with_its_columns(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n", encoding="utf-8")
    for out in (tmp_path / "out.csv", tmp_path / "out.parquet"):
        assert cli("quotes", src, "-o", out).returncode == 0
    assert (tmp_path / "out.csv").read_text().strip() == ",".join(sayso_cli.QUOTE_FIELDS)
    assert pq.read_table(tmp_path / "out.parquet").column_names == sayso_cli.QUOTE_FIELDS


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("in.txt", b"hello", "cannot tell the input format from the extension"),
        ("in.csv", b"id,body\n1,x\n", "in.csv, line 1: no column 'text'; the header has"),
        ("in.csv", b"id,text\n1,ok\n2,N\xe4\n", "in.csv, line 3: not valid UTF-8"),
        ("in.parquet", b"not parquet", "in.parquet: not a parquet file"),
        ("in.jsonl", b'{"id": 1}\n', "in.jsonl, line 1: expected an object with a 'text' field"),
    ],
)
def test_bad_inputs_exit_2_naming_the_problem(tmp_path, name, content, message):
    src = tmp_path / name
    src.write_bytes(content)
    done = cli("quotes", src, "-o", tmp_path / "out.jsonl")
    assert done.returncode == 2
    assert message in done.stderr


def test_parquet_without_the_text_column(tmp_path):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": ["x"]}), src)
    done = cli("entities", src)
    assert done.returncode == 2
    assert "no column 'text'; it has ['body']" in done.stderr


def test_missing_input_and_bad_output_extension(tmp_path):
    done = cli("quotes", tmp_path / "nope.jsonl")
    assert done.returncode == 2
    assert "nope.jsonl" in done.stderr
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "x"}\n', encoding="utf-8")
    done = cli("quotes", src, "-o", tmp_path / "out.xlsx")
    assert done.returncode == 2
    assert "cannot tell the output format" in done.stderr


def test_csv_skip_bad_rows(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,Nordvik\n2,a,b\n3,Nordvik\n", encoding="utf-8")
    assert cli("entities", src).returncode == 2
    done = cli("entities", src, "--skip-bad", "-o", tmp_path / "out.csv")
    assert done.returncode == 0
    assert "skipped 1 bad line(s)" in done.stderr
    assert "in.csv, line 3: more cells than the header" in done.stderr


def test_progress_bar_when_asked(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "Moscow"}) + "\n", encoding="utf-8")
    shown = cli("entities", src, "--progress", "-o", tmp_path / "a.jsonl")
    assert "entities: 1doc [" in shown.stderr
    hidden = cli("entities", src, "-o", tmp_path / "b.jsonl")
    assert hidden.stderr == ""


# VmHWM starts afresh at exec; ru_maxrss would carry the peak of pytest.
MEMORY = """
import sys
from sayso.cli import main
assert main(["quotes", sys.argv[1], "-o", sys.argv[2], "--threads", "2"]) == 0
with open("/proc/self/status") as fh:
    print(next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")))
"""


def test_memory_stays_flat_as_the_input_grows(tmp_path):
    line = json.dumps(
        {"text": "“The ferry runs again,” Eva Lind said in Nordvik. " * 20 + "Moscow agreed."}
    )
    peaks = []
    for n in (5_000, 50_000):  # about 5 MB and 50 MB
        src = tmp_path / f"in{n}.jsonl"
        src.write_text((line + "\n") * n, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-c", MEMORY, src, tmp_path / f"out{n}.jsonl"],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks.append(int(out.stdout) / 1024)
        src.unlink()
    small, large = peaks
    assert large < small * 1.15 + 10, f"peak {small:.0f} MB for 5 MB, {large:.0f} MB for 50 MB"
