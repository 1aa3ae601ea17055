"""The gazetteer from Python: semantics, builders, batches, persistence, errors."""

import math
import pickle
import threading
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import sayso

DATA = Path(__file__).parent / "data"
CASES = tomllib.loads((DATA / "gazetteer_cases.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["what"] for c in CASES])
def test_golden_cases(case):
    gaz = sayso.Gazetteer(case["entries"], fold_diacritics=case.get("fold_diacritics", False))
    text = case["text"]
    got = gaz.find(text, overlapping=case.get("overlapping", False))
    assert [[text[m.start : m.end], m.name] for m in got] == case["expect"]
    assert all(m.text == text[m.start : m.end] for m in got)


def test_match_fields_and_metadata():
    gaz = sayso.Gazetteer(
        [
            {
                "name": "Sergei Lavrov",
                "label": "PERSON",
                "id": "Q167",
                "aliases": ["Lavrov"],
                "metadata": {"role": "foreign minister", "born": 1950, "tags": ["ru", None]},
            }
        ]
    )
    (m,) = gaz.find("— Lavrov said")
    assert (m.start, m.end, m.text, m.label, m.id, m.name) == (
        2,
        8,
        "Lavrov",
        "PERSON",
        "Q167",
        "Sergei Lavrov",
    )
    assert m.metadata == {"role": "foreign minister", "born": 1950, "tags": ["ru", None]}
    m.metadata["role"] = "changed"
    assert m.metadata["role"] == "foreign minister", "metadata is a fresh dict each time"
    with pytest.raises(AttributeError):
        m.start = 0  # type: ignore[misc]


def test_ids_default_to_the_name_and_integers_become_strings():
    gaz = sayso.Gazetteer(
        [{"name": "Paris", "label": "GPE"}, {"name": "Lyon", "label": "GPE", "id": 2996944}]
    )
    assert [m.id for m in gaz.find("Paris, Lyon")] == ["Paris", "2996944"]


def test_shared_surface_gives_one_match_per_entry():
    gaz = sayso.Gazetteer(
        [
            {"name": "Georgia", "label": "GPE", "id": "GE"},
            {"name": "Georgia", "label": "GPE", "id": "US-GA"},
        ]
    )
    got = gaz.find("Georgia")
    assert [(m.start, m.end, m.id) for m in got] == [(0, 7, "GE"), (0, 7, "US-GA")]


def test_len_labels_and_repr():
    gaz = sayso.Gazetteer(
        [
            {"name": "Paris", "label": "GPE"},
            {"name": "UN", "label": "ORG", "case": "sensitive"},
            {"name": "Lyon", "label": "GPE"},
        ]
    )
    assert len(gaz) == 3
    assert gaz.labels == ["GPE", "ORG"]
    assert repr(gaz) == '<Gazetteer: 3 entries, labels ["GPE", "ORG"]>'
    many = sayso.Gazetteer([{"name": f"n{i}", "label": f"L{i}"} for i in range(40)])
    assert len(repr(many)) < 120
    assert "+34 more" in repr(many)
    m = gaz.find("Paris")[0]
    assert repr(m) == "Match(start=0, end=5, text='Paris', label='GPE', id='Paris', name='Paris')"


def test_to_entries_round_trips():
    entries = [
        {
            "name": "Russia",
            "label": "GPE",
            "id": "RU",
            "aliases": ["Russian Federation"],
            "case": "insensitive",
            "metadata": {"iso3": "RUS"},
        },
        {
            "name": "US",
            "label": "GPE",
            "id": "US",
            "aliases": [],
            "case": "sensitive",
            "metadata": None,
        },
    ]
    gaz = sayso.Gazetteer(entries)
    assert gaz.to_entries() == entries
    assert sayso.Gazetteer(gaz.to_entries()).to_entries() == entries


@pytest.mark.parametrize(
    ("entries", "error", "message"),
    [
        ([{"name": "", "label": "GPE"}], sayso.GazetteerError, "entry 0: the name is empty"),
        (
            [{"name": "a", "label": "X"}, {"name": "!!", "label": "X"}],
            sayso.GazetteerError,
            'entry 1: the name "!!" has no letter or digit',
        ),
        ([{"name": "Paris"}], sayso.GazetteerError, "entry 0: no label"),
        ([{"label": "GPE"}], sayso.GazetteerError, "entry 0: no name"),
        ([{"name": "Paris", "label": ""}], sayso.GazetteerError, "entry 0: the label is empty"),
        ([{"name": "Paris", "label": "GPE", "colour": "red"}], sayso.GazetteerError, "unknown key"),
        (
            [{"name": "Paris", "label": "GPE", "case": "upper"}],
            sayso.GazetteerError,
            "case must be",
        ),
        ([{"name": 7, "label": "GPE"}], TypeError, "entry 0: name must be str, not int"),
        ([{"name": "Paris", "label": "GPE", "aliases": "Paname"}], TypeError, "not one str"),
        ([{"name": "P", "label": "X", "metadata": {"x": object()}}], TypeError, "JSON-like"),
        (
            [{"name": "P", "label": "X", "metadata": {"x": math.nan}}],
            ValueError,
            "cannot be stored",
        ),
        (["Paris"], TypeError, "entry 0 must be a dict"),
        ("Paris", TypeError, "not a single str"),
    ],
)
def test_bad_entries_raise_clear_errors(entries, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(")):
        sayso.Gazetteer(entries)


def test_errors_are_sayso_and_value_errors():
    assert issubclass(sayso.GazetteerError, sayso.SaysoError)
    assert issubclass(sayso.GazetteerError, ValueError)
    assert issubclass(sayso.TextError, sayso.SaysoError)
    assert issubclass(sayso.TextError, ValueError)


def test_from_csv(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "\ufeffname,label,id,aliases,case,wikidata\n"
        '"Washington, D.C.",GPE,dc,Washington DC|D.C.,,Q61\n'
        "US,GPE,,,sensitive,\n",
        encoding="utf-8",
    )
    gaz = sayso.Gazetteer.from_csv(path)
    got = gaz.find("In D.C. the US and us")
    assert [(m.text, m.id, m.metadata) for m in got] == [
        ("D.C.", "dc", {"wikidata": "Q61"}),
        ("US", "US", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,id\nParis,1\n", r"g\.csv, line 1: the header has no column label"),
        (b"name,label\nParis,GPE\n,GPE\n", r"g\.csv, line 3: the name is empty"),
        (b"name,label\nParis,GPE\nN\xffmes,GPE\n", r"g\.csv, line 3: not valid UTF-8"),
    ],
)
def test_from_csv_errors_name_the_line(tmp_path, content, message):
    path = tmp_path / "g.csv"
    path.write_bytes(content)
    with pytest.raises(sayso.GazetteerError, match=message):
        sayso.Gazetteer.from_csv(path)


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        sayso.Gazetteer.from_csv(tmp_path / "nope.csv")
    assert info.value.filename == str(tmp_path / "nope.csv")


def test_from_jsonl(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(
        '{"name": "Sergei Lavrov", "label": "PERSON", "aliases": ["Lavrov"]}\n'
        "\n"
        '{"name": "Kremlin", "label": "ORG", "metadata": {"kind": "seat"}}\n',
        encoding="utf-8",
    )
    gaz = sayso.Gazetteer.from_jsonl(path)
    assert [(m.name, m.metadata) for m in gaz.find("Lavrov and the Kremlin")] == [
        ("Sergei Lavrov", None),
        ("Kremlin", {"kind": "seat"}),
    ]
    path.write_text('{"name": "A", "label": "X"}\n{"name": "B", "label":\n', encoding="utf-8")
    with pytest.raises(sayso.GazetteerError, match=r"g\.jsonl, line 2"):
        sayso.Gazetteer.from_jsonl(path)


def test_from_pandas():
    df = pd.DataFrame(
        {
            "name": ["Saudi Arabia", "Sergei Lavrov", "UN"],
            "label": ["GPE", "PERSON", "ORG"],
            "id": ["SA", None, "un"],
            "aliases": ["Saudi|KSA", ["Lavrov"], None],
            "case": [None, None, "sensitive"],
            "population": [35.0, float("nan"), None],
        }
    )
    gaz = sayso.Gazetteer.from_pandas(df)
    got = gaz.find("Saudi envoy, Lavrov and the UN, not the un")
    assert [(m.text, m.name, m.id, m.metadata) for m in got] == [
        ("Saudi", "Saudi Arabia", "SA", {"population": 35.0}),
        ("Lavrov", "Sergei Lavrov", "Sergei Lavrov", None),
        ("UN", "UN", "un", None),
    ]
    with pytest.raises(sayso.GazetteerError, match="no column label"):
        sayso.Gazetteer.from_pandas(pd.DataFrame({"name": ["x"]}))


def test_find_batch_missing_values_and_order():
    gaz = sayso.Gazetteer([{"name": "Kyiv", "label": "GPE"}])
    texts = ["Kyiv", None, math.nan, pd.NA, "", "not here", "Kyiv and Kyiv"]
    got = gaz.find_batch(texts)
    assert [len(r) for r in got] == [1, 0, 0, 0, 0, 0, 2]
    assert gaz.find(None) == []
    series = pd.Series(["a Kyiv", None, "Kyiv"], index=[10, 11, 12])
    assert [len(r) for r in gaz.find_batch(series)] == [1, 0, 1]
    assert [len(r) for r in gaz.find_batch(t for t in ["Kyiv", "x"])] == [1, 0]


@pytest.mark.parametrize(
    ("texts", "error", "message"),
    [
        (["ok", b"Kyiv"], TypeError, r"texts\[1\] must be str .* not bytes \(decode it first"),
        (["ok", "ok", 3], TypeError, r"texts\[2\] must be str .* not int"),
        (["ok", "\ud800"], sayso.TextError, r"texts\[1\] is not valid Unicode"),
        ("Kyiv", TypeError, "not one str"),
    ],
)
def test_find_batch_bad_items_name_their_index(texts, error, message):
    gaz = sayso.Gazetteer([{"name": "Kyiv", "label": "GPE"}])
    with pytest.raises(error, match=message):
        gaz.find_batch(texts)


def test_find_batch_threads_argument():
    gaz = sayso.Gazetteer([{"name": "Kyiv", "label": "GPE"}])
    with pytest.raises(ValueError, match="threads must be a positive number"):
        gaz.find_batch(["Kyiv"], threads=0)
    with pytest.raises(ValueError, match="threads must be a positive number"):
        gaz.find_batch(["Kyiv"], threads=-2)
    assert len(gaz.find_batch(["Kyiv"], threads=-1)[0]) == 1  # -1: all cores


def test_parallel_results_equal_serial_ones():
    gaz = sayso.Gazetteer(
        [{"name": n, "label": "GPE"} for n in ["Kyiv", "Saudi Arabia", "İzmir", "Ōsaka"]]
    )
    texts = [f"{i}: İZMIR, Kyiv 😀 Saudi\nArabia {'x ' * (i % 7)}Ōsaka" for i in range(2000)]
    serial = gaz.find_batch(texts, threads=1)
    assert gaz.find_batch(texts, threads=2) == serial
    assert gaz.find_batch(texts) == serial

    results = {}

    def worker(k):
        results[k] = gaz.find_batch(texts[k * 100 :], threads=2)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == serial[k * 100 :] for k in range(8))


def sample():
    return sayso.Gazetteer(
        [
            {"name": "Saudi Arabia", "label": "GPE", "id": "SA", "aliases": ["Saudi"]},
            {"name": "US", "label": "GPE", "case": "sensitive"},
            {"name": "São Paulo", "label": "GPE", "metadata": {"pop": 12.3}},
        ],
        fold_diacritics=True,
    )


TEXT = "Saudi and US envoys met in Sao Paulo; us too."


def test_pickle_round_trip():
    gaz = sample()
    again = pickle.loads(pickle.dumps(gaz))
    assert again.find(TEXT) == gaz.find(TEXT)
    assert again.fold_diacritics
    assert again.to_entries() == gaz.to_entries()
    m = gaz.find(TEXT)[-1]
    assert pickle.loads(pickle.dumps(m)) == m
    assert hash(pickle.loads(pickle.dumps(m))) == hash(m)


def test_save_and_load(tmp_path):
    gaz = sample()
    path = tmp_path / "g.sayso"
    gaz.save(path)
    assert sayso.Gazetteer.load(path).find(TEXT) == gaz.find(TEXT)
    assert sayso.Gazetteer.from_bytes(gaz.to_bytes()).find(TEXT) == gaz.find(TEXT)


def test_load_refuses_other_versions_truncation_and_corruption(tmp_path):
    data = sample().to_bytes()
    header, body = data.split(b"\n", 1)
    path = tmp_path / "g.sayso"

    path.write_bytes(header.replace(b'"version":1', b'"version":2') + b"\n" + body)
    with pytest.raises(
        sayso.GazetteerError, match="format version 2, but this sayso reads version 1"
    ):
        sayso.Gazetteer.load(path)

    path.write_bytes(data[:-10])
    with pytest.raises(sayso.GazetteerError, match="truncated"):
        sayso.Gazetteer.load(path)

    path.write_bytes(data[:-3] + bytes([data[-3] ^ 1]) + data[-2:])
    with pytest.raises(sayso.GazetteerError, match="checksum"):
        sayso.Gazetteer.load(path)

    path.write_bytes(b"name,label\nParis,GPE\n")
    with pytest.raises(sayso.GazetteerError, match="not a saved sayso gazetteer"):
        sayso.Gazetteer.load(path)


def test_match_equality_and_construction():
    a = sayso.Match(0, 5, "Paris", "GPE", "FR-75", "Paris")
    b = sayso.Match(0, 5, "Paris", "GPE", "FR-75", "Paris")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != sayso.Match(0, 5, "Paris", "GPE", "FR-75", "Paris", {"x": 1})
    assert a != (0, 5)
    with pytest.raises(ValueError, match="end"):
        sayso.Match(5, 0, "", "GPE", "x", "x")


def test_find_releases_the_gil_on_long_texts():
    gaz = sayso.Gazetteer([{"name": "Kyiv", "label": "GPE"}])
    text = "Lviv and Odesa. " * 1_000_000  # 16 MB, no match: the call is all matching
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.0005)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        before = len(ticks)
        for _ in range(5):
            assert gaz.find(text) == []
        during = len(ticks) - before
    finally:
        stop.set()
        t.join()
    # Holding the GIL, find would let the ticker run only between calls.
    assert during > 25, "another thread ran while find matched a long text"


def test_parallel_batches_of_many_chunks_keep_input_order():
    gaz = sayso.Gazetteer(
        [{"name": n, "label": "GPE"} for n in ["Kyiv", "Saudi Arabia", "İzmir", "Ōsaka"]]
    )
    # About 3 MB in texts of very different sizes, with missing ones between:
    # many chunks of the find_batch pipeline, finished in any order.
    texts = []
    for i in range(3000):
        if i % 97 == 0:
            texts.append(None)
        else:
            texts.append(f"{i} Kyiv " + "word " * (i % 400) + "İZMIR and Saudi\nArabia")
    serial = gaz.find_batch(texts, threads=1)
    assert sum(len(t or "") for t in texts) > 2_000_000
    assert [len(r) for r in serial] == [0 if t is None else 3 for t in texts]
    for _ in range(3):
        assert gaz.find_batch(texts, threads=2) == serial
        assert gaz.find_batch(texts, threads=3) == serial


def test_missing_values_do_not_import_pandas():
    import subprocess
    import sys

    code = (
        "import sys, sayso\n"
        "g = sayso.Gazetteer([{'name': 'Kyiv', 'label': 'GPE'}])\n"
        "assert g.find_batch([None, float('nan'), 'Kyiv']) == [[], [], g.find('Kyiv')]\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
