"""Nothing hangs, nothing crashes, nothing is lost or silently wrong (issue #13).

Each test reproduces a way sayso broke on adversarial or careless input. The
cases that used to kill Python (a segfault, an abort) run in a subprocess, so
that a regression fails the test rather than pytest.
"""

import gc
import json
import math
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest
import sayso

GAZ = sayso.Gazetteer(
    [
        {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
        {"name": "Nordvik", "label": "GPE", "id": "g1"},
    ]
)
EX = sayso.Extractor(GAZ)
TEXT = "“The port stays open,” Eva Lind said in Nordvik."


def _python(code: str, *, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python; a crash shows as a negative return code."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _cli(*args, stdin: str | bytes | None = None, timeout: float = 120):
    binary = isinstance(stdin, bytes)
    return subprocess.run(
        [sys.executable, "-m", "sayso", *map(str, args)],
        capture_output=True,
        input=stdin,
        text=not binary,
        timeout=timeout,
    )


# --- crashes -------------------------------------------------------------------


def test_self_referential_and_deep_metadata_are_errors_not_segfaults():
    done = _python(
        """
        import sayso
        d = {}
        d["self"] = d
        try:
            sayso.Gazetteer([{"name": "Lind", "label": "PERSON", "metadata": d}])
        except sayso.GazetteerError as e:
            print("dict:", str(e)[:40], "|", "nested more than 64 levels" in str(e))
        deep = {}
        for _ in range(15_000):
            deep = {"x": deep}
        try:
            sayso.Gazetteer([{"name": "Ames", "label": "PERSON"}, {"name": "Lind",
                             "label": "PERSON", "metadata": deep}])
        except sayso.GazetteerError as e:
            print("deep:", str(e)[:20])
        loop = []
        loop.append(loop)
        try:
            sayso.Match(0, 4, "Lind", "PERSON", "Lind", "Lind", metadata={"x": loop})
        except ValueError as e:
            print("match:", str(e)[:15])
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        'dict: entry 0: metadata["self"]["self"]["self" | True',
        'deep: entry 1: metadata["x',
        'match: metadata["x"][0',
    ]


def _nested(depth: int) -> dict:
    """Metadata ``depth`` levels deep, the metadata object itself counted."""
    value: dict = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"x": value}
    return value


@pytest.mark.parametrize("depth", [65, 200, 10_000])
def test_metadata_too_deep_to_load_is_refused_when_built(tmp_path, depth):
    entry = {"name": "Lind", "label": "PERSON", "metadata": _nested(depth)}
    with pytest.raises(sayso.GazetteerError, match="entry 0: metadata"):
        sayso.Gazetteer([entry])
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"name": "Ames", "label": "PERSON"}) + "\n")
    if depth < 120:  # deeper lines are refused by the JSON reader itself, naming the line too
        with path.open("a") as fh:
            fh.write(json.dumps(entry) + "\n")
        with pytest.raises(sayso.GazetteerError, match=r"g\.jsonl, line 2: the metadata is nested"):
            sayso.Gazetteer.from_jsonl(path)


def test_the_deepest_metadata_allowed_saves_loads_and_unpickles(tmp_path):
    gaz = sayso.Gazetteer([{"name": "Lind", "label": "PERSON", "metadata": _nested(64)}])
    gaz.save(tmp_path / "g.sayso")
    for again in (sayso.Gazetteer.load(tmp_path / "g.sayso"), pickle.loads(pickle.dumps(gaz))):
        assert again.to_entries() == gaz.to_entries()
        [m] = again.find("Lind")
        assert m == gaz.find("Lind")[0]
        assert pickle.loads(pickle.dumps(m)) == m


def _limited(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` with the address space limited to what the process uses plus 1 GiB."""
    limit = """
        import resource, sayso
        with open("/proc/self/status") as fh:
            size = next(int(x.split()[1]) * 1024 for x in fh if x.startswith("VmSize"))
        resource.setrlimit(resource.RLIMIT_AS, (size + (1 << 30), resource.RLIM_INFINITY))
    """
    return _python(textwrap.dedent(limit) + textwrap.dedent(code))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and RLIMIT_AS")
def test_a_text_too_big_for_the_memory_left_is_a_memory_error_not_an_abort():
    done = _limited(
        """
        text = "Lind said the port stays open in Nordvik. " * 6_000_000   # 252 MB
        try:
            sayso.Extractor(False)(text)
        except MemoryError as e:
            print("extract:", str(e)[:25])
        """
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["extract: not enough memory for a t"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_gazetteer_file_without_line_breaks_is_an_error_not_an_abort():
    done = _limited(
        """
        for read in (sayso.Gazetteer.from_csv, sayso.Gazetteer.from_jsonl):
            try:
                read("/dev/zero")
            except sayso.GazetteerError as e:
                print(e)
        """
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (
        done.stdout.splitlines()
        == ["/dev/zero: line 1 is longer than 16 MiB (is this a gazetteer file?)"] * 2
    )


def test_skip_bad_survives_deeply_nested_json(tmp_path):
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "a", "text": TEXT})
    src.write_text(good + "\n" + "[" * 100_000 + "\n" + good.replace('"a"', '"b"') + "\n")
    done = _cli("quotes", src, "--skip-bad", "-o", tmp_path / "out.jsonl")
    assert done.returncode == 0, done.stderr
    assert "line 2: not valid JSON here (nested too deeply)" in done.stderr
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a", "b"]
    stopped = _cli("quotes", src, "-o", tmp_path / "out2.jsonl")
    assert stopped.returncode == 2
    assert "in.jsonl, line 2: not valid JSON here" in stopped.stderr


# --- the command line never destroys or silently changes data ----------------------


def _jsonl(path, n, *, bad_at=None):
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, n + 1):
            fh.write("{broken\n" if i == bad_at else json.dumps({"id": i, "text": TEXT}) + "\n")


def test_the_output_may_not_be_the_input(tmp_path):
    src = tmp_path / "in.jsonl"
    _jsonl(src, 3)
    before = src.read_bytes()
    for out in (src, tmp_path / "." / "in.jsonl"):
        done = _cli("quotes", src, "-o", out)
        assert done.returncode == 2
        assert "the output would overwrite the input" in done.stderr
        assert src.read_bytes() == before


@pytest.mark.parametrize("out_name", ["out.jsonl", "out.csv", "out.parquet"])
@pytest.mark.parametrize(
    ("args", "bad_at"),
    [
        (["--text-column", "body"], None),
        (["--id-column", "url"], None),
        ([], 1500),
    ],
)
def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path, out_name, args, bad_at):
    src = tmp_path / "in.jsonl"
    _jsonl(src, 2000, bad_at=bad_at)
    out = tmp_path / out_name
    out.write_bytes(b"the previous results")
    done = _cli("quotes", src, "-o", out, *args)
    assert done.returncode == 2, done.stderr
    assert out.read_bytes() == b"the previous results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", out_name]


def test_a_missing_input_leaves_the_output_untouched(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("kept")
    done = _cli("quotes", tmp_path / "nope.jsonl", "-o", out)
    assert done.returncode == 2
    assert "nope.jsonl: no such file" in done.stderr
    assert out.read_text() == "kept"


def test_a_successful_run_replaces_the_output(tmp_path):
    src = tmp_path / "in.jsonl"
    _jsonl(src, 3)
    out = tmp_path / "out.jsonl"
    out.write_text("old")
    assert _cli("quotes", src, "-o", out).returncode == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [1, 2, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_an_unknown_id_column_is_an_error_naming_the_columns(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 7, "text": TEXT}) + "\n")
    done = _cli("entities", src, "--id-column", "url")
    assert done.returncode == 2
    assert "no line has the id field 'url'; the lines have ['id', 'text']" in done.stderr
    csv_src = tmp_path / "in.csv"
    csv_src.write_text("id,text\n1,Nordvik\n")
    done = _cli("entities", csv_src, "--id-column", "url")
    assert done.returncode == 2
    assert "line 1: no id column 'url'; the header has ['id', 'text']" in done.stderr
    pq_src = tmp_path / "in.parquet"
    pd.DataFrame({"id": [1], "text": ["Nordvik"]}).to_parquet(pq_src)
    done = _cli("entities", pq_src, "--id-column", "url")
    assert done.returncode == 2
    assert "no id column 'url'; it has ['id', 'text']" in done.stderr
    # Without --id-column, inputs without ids are numbered, as before.
    src.write_text(json.dumps({"text": TEXT}) + "\n")
    assert json.loads(_cli("entities", src).stdout)["id"] == 1


def test_an_unclosed_quote_in_a_csv_input_is_an_error_not_merged_rows(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,text\n1,"Fine, Lind said."\n2,"broken, Ames said.\n3,Voss left.\n4,Ok.\n')
    done = _cli("quotes", src, "-o", tmp_path / "out.csv")
    assert done.returncode == 2
    assert "in.csv, line 3: not valid CSV" in done.stderr
    assert not (tmp_path / "out.csv").exists()
    src.write_text('id,text\n1,"broken, Ames said.\n3,"Voss left."\n')
    done = _cli("quotes", src)
    assert done.returncode == 2
    assert "in.csv, line 2: not valid CSV" in done.stderr


def test_a_csv_row_with_fewer_cells_is_reported_not_taken_as_no_text(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text,source\n1,Nordvik,wire\n2\n3,Nordvik,wire\n")
    done = _cli("entities", src)
    assert done.returncode == 2
    assert "in.csv, line 3: fewer cells than the header (1, the header has 3)" in done.stderr


def test_a_gazetteer_csv_with_an_unclosed_quote_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text('name,label\nLind,PERSON\nAmes,"PERSON\nVoss,PERSON\nNordvik,GPE\n')
    with pytest.raises(sayso.GazetteerError, match=r"g\.csv, line 3: the label .* line break"):
        sayso.Gazetteer.from_csv(path)


def test_nan_ids_are_written_as_valid_json(tmp_path):
    src = tmp_path / "in.parquet"
    pd.DataFrame({"id": [1.5, math.nan, math.inf], "text": [TEXT] * 3}).to_parquet(src)
    done = _cli("quotes", src)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "NaN" not in done.stdout
    assert "Infinity" not in done.stdout
    assert [json.loads(x)["id"] for x in lines] == [1.5, None, None]


def test_skip_bad_lists_every_skipped_line_and_works_for_parquet(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(f"{{bad {i}\n" for i in range(15)) + json.dumps({"text": TEXT}) + "\n")
    done = _cli("entities", src, "--skip-bad")
    assert done.returncode == 0
    assert "skipped 15 bad line(s)" in done.stderr
    assert all(f"in.jsonl, line {i}: " in done.stderr for i in range(1, 16))
    pq_src = tmp_path / "in.parquet"
    pd.DataFrame({"id": ["a", "b"], "text": [1, 2]}).to_parquet(pq_src)
    assert _cli("entities", pq_src).returncode == 2
    done = _cli("entities", pq_src, "--skip-bad")
    assert done.returncode == 0, done.stderr
    assert "in.parquet, row 1: 'text' must be a string or null, not int" in done.stderr
    assert "in.parquet, row 2: 'text' must be a string or null, not int" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threads", "-3"], "--threads must be a positive number or -1 (all cores), not -3"),
        (["--threads", "0"], "--threads must be a positive number"),
        (["--chunk-size", "0"], "--chunk-size must be at least 1, not 0"),
    ],
)
def test_bad_numbers_are_clear_errors(tmp_path, args, message):
    src = tmp_path / "in.jsonl"
    _jsonl(src, 2)
    done = _cli("quotes", src, *args)
    assert done.returncode == 2
    assert f"sayso: error: {message}" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_jsonl_input_with_a_bom_is_read(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
    done = _cli("entities", src)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "a"


def test_stdin_and_stdout_with_format(tmp_path):
    gaz = tmp_path / "g.jsonl"
    gaz.write_text("".join(json.dumps(e) + "\n" for e in GAZ.to_entries()))
    lines = "".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in range(3))
    done = _cli("entities", "-", "--format", "csv", "--gazetteer", gaz, stdin=lines)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "doc,start,end,text,label,id,name"
    assert len(done.stdout.splitlines()) == 1 + 3 * 2
    done = _cli(
        "entities", "-", "-o", "-", "--format", "parquet", "--gazetteer", gaz, stdin=lines.encode()
    )
    assert done.returncode == 0, done.stderr
    (tmp_path / "out.parquet").write_bytes(done.stdout)
    assert len(pd.read_parquet(tmp_path / "out.parquet")) == 6
    csv_in = "id,text\nx," + "Nordvik\n"
    done = _cli("entities", "-", "--input-format", "csv", stdin=csv_in)
    assert json.loads(done.stdout)["id"] == "x"


def test_a_closed_pipe_ends_quietly(tmp_path):
    src = tmp_path / "in.jsonl"
    _jsonl(src, 5000)
    done = subprocess.run(
        f"{sys.executable} -m sayso entities {src} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr == ""


def test_excel_safe_escapes_formulas_only_when_asked(tmp_path):
    gaz = tmp_path / "g.csv"
    gaz.write_text("name,label\nNordvik,=GPE\n")
    src = tmp_path / "in.jsonl"
    _jsonl(src, 1)
    plain = _cli("entities", src, "--gazetteer", gaz, "--format", "csv")
    assert ",=GPE," in plain.stdout
    safe = _cli("entities", src, "--gazetteer", gaz, "--format", "csv", "--excel-safe")
    assert ",'=GPE," in safe.stdout


# --- the Python API never silently changes data ---------------------------------


@pytest.mark.parametrize(
    ("method", "keep"),
    [("entities", ["id"]), ("entities", "label"), ("quotes", ["start", "kind"])],
)
def test_kept_columns_may_not_replace_result_columns(method, keep):
    df = pd.DataFrame({"id": ["a1"], "label": ["x"], "start": [0], "kind": ["k"], "text": [TEXT]})
    name = keep if isinstance(keep, str) else keep[0]
    with pytest.raises(ValueError, match=f"keep: the column '{name}' would replace the result"):
        getattr(EX, method)(df, "text", keep=keep)
    import polars as pl
    import pyarrow as pa

    for source in (pl.from_pandas(df), pa.Table.from_pandas(df)):
        for output in ("pandas", "arrow", "polars"):
            with pytest.raises(ValueError, match=f"keep: the column '{name}' would replace"):
                getattr(EX, method)(source, "text", keep=keep, output=output)
    renamed = df.rename(columns={"id": "article_id"})
    got = EX.entities(renamed, "text", keep=["article_id"])
    assert list(got["id"]) == ["p1", "g1"]
    assert list(got["article_id"]) == ["a1", "a1"]


def test_a_dataframe_is_not_a_list_of_texts():
    df = pd.DataFrame({"id": [1, 2], "text": [TEXT, TEXT]})
    for call in (EX.pipe, GAZ.find_batch):
        with pytest.raises(TypeError, match=r'not a DataFrame .* texts=df\["text"\]'):
            call(df)
    assert len(EX.pipe(df["text"])) == 2


def test_quotes_and_docs_pickle():
    doc = EX(TEXT)
    assert doc.quotes
    again = pickle.loads(pickle.dumps(doc))
    assert again.text == doc.text
    assert again.entities == doc.entities
    assert again.quotes == doc.quotes
    assert [q.to_dict() for q in again.quotes] == [q.to_dict() for q in doc.quotes]
    q = doc.quotes[0]
    assert pickle.loads(pickle.dumps(q)) == q


def test_a_process_pool_maps_an_extractor_over_texts():
    texts = [TEXT, "Nordvik.", None]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        docs = pool.map(EX, texts)
    assert [d.quotes for d in docs] == [EX(t).quotes for t in texts]
    assert [d.entities for d in docs] == [EX(t).entities for t in texts]


def _sayso_threads() -> int:
    """The number of sayso's worker threads in this process (named ``sayso-N``)."""
    count = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/comm") as fh:
                count += fh.read().startswith("sayso-")
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs /proc")
def test_one_thread_pool_whatever_the_threads_asked_for():
    texts = [TEXT] * 100
    serial = GAZ.find_batch(texts, threads=1)
    for k in range(2, 40):
        assert GAZ.find_batch(texts, threads=k) == serial
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + 5  # a replaced pool's threads end on their own
    while _sayso_threads() > cores and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sayso_threads() <= cores  # was one pool per size: 2 + 3 + ... + 39 threads
    start = time.perf_counter()
    assert GAZ.find_batch(texts, threads=20_000) == serial
    assert time.perf_counter() - start < 30  # was a TextError after 50 s
    assert GAZ.find_batch(texts, threads=-1) == serial


@pytest.mark.parametrize("bad", [0, -2, -3])
def test_non_positive_threads_are_value_errors(bad):
    for call in (GAZ.find_batch, EX.pipe):
        with pytest.raises(ValueError, match=f"threads must be a positive number.*not {bad}"):
            call([TEXT], threads=bad)
    with pytest.raises(ValueError, match="threads must be a positive number"):
        EX.quotes([TEXT], threads=bad)


# --- nothing hangs ---------------------------------------------------------------

PARAGRAPH = (
    "“The port stays open,” Eva Lind said on Monday. Ames, the mayor of Nordvik, told "
    "reporters that talks would resume. According to Voss, nothing was agreed.\n"
)
HOSTILE = "ab " * 330 + "zz"  # 992 characters, under the cap


@pytest.mark.parametrize(
    "work",
    [
        "sayso.Extractor(False).pipe([PARAGRAPH * 100] * 2600)",  # 40 MB in 2,600 texts
        "sayso.Extractor(False)(PARAGRAPH * 200_000)",  # one text of 31 MB
        # 60 texts of one 1 MiB window each: stopped between paragraphs, not texts.
        "sayso.Extractor(False).pipe([PARAGRAPH * 6_500] * 60, threads=2)",
        "sayso.Extractor(False).quotes([PARAGRAPH * 6_500] * 60, threads=2)",
        "sayso.Gazetteer([{'name': HOSTILE, 'label': 'X'}]).find_batch(['ab ' * 100_000] * 60)",
    ],
)
def test_ctrl_c_interrupts_within_a_second(work):
    # The time is taken from the signal itself, not from the start: on a loaded
    # machine (this one is shared by several builds) the timer thread may fire
    # late. Before, these took 16-34 s after the signal, and every case takes
    # over 5 s uninterrupted; the bound is generous for the same reason, and
    # still far below the work left undone.
    done = _python(
        f"""
        import os, signal, threading, time, sayso
        PARAGRAPH, HOSTILE = {PARAGRAPH!r}, {HOSTILE!r}
        sent = []

        def interrupt():
            sent.append(time.perf_counter())
            os.kill(os.getpid(), signal.SIGINT)

        threading.Timer(1.0, interrupt).start()
        try:
            {work}
            print("finished", time.perf_counter() - sent[0] if sent else -1.0)
        except KeyboardInterrupt:
            print("interrupted", time.perf_counter() - sent[0])
        """,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    what, seconds = done.stdout.split()
    assert what == "interrupted"
    assert float(seconds) < 3.0, f"{seconds} s after the signal"


def test_a_name_over_the_cap_is_refused_naming_the_entry():
    too_long = "ab " * 1000 + "zz"
    with pytest.raises(sayso.GazetteerError, match=r"entry 1: the alias is 3002 characters long"):
        sayso.Gazetteer(
            [
                {"name": "Nordvik", "label": "GPE"},
                {"name": "x", "label": "X", "aliases": [too_long]},
            ]
        )


def _ratio(small, large) -> float:
    """How many times longer ``large()`` takes than ``small()``: the fastest of five runs of
    each, interleaved, so that the load of a shared machine weighs on both alike."""
    times: dict = {small: [], large: []}
    gc.collect()
    gc.disable()  # the work of the code, not of collections a large heap makes costly
    try:
        for _ in range(5):
            for call in (small, large):
                start = time.perf_counter()
                call()
                times[call].append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times[large]) / min(times[small])


def test_matching_with_the_longest_names_is_linear_in_the_text():
    gaz = sayso.Gazetteer([{"name": HOSTILE, "label": "X"}, {"name": "ab " * 200, "label": "Y"}])
    small, large = "ab " * 40_000, "ab " * 80_000
    assert _ratio(lambda: gaz.find(small), lambda: gaz.find(large)) <= 2.5


# --- memory -----------------------------------------------------------------------


@pytest.mark.parametrize("detach", [False, True])
def test_detached_matches_do_not_keep_their_texts_alive(detach):
    import tracemalloc

    tracemalloc.start()
    try:
        texts = [f"Nordvik {i} " + "x" * 1_000_000 for i in range(20)]  # 20 MB
        found = GAZ.find_batch(texts)
        kept = [m.detach() if detach else m for ms in found for m in ms]
        before = tracemalloc.get_traced_memory()[0]
        del texts, found
        freed = before - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert [m.text for m in kept] == ["Nordvik"] * 20
    assert [m.detach() for m in kept] == kept
    if detach:
        assert freed > 19_000_000
    else:  # a found Match refers to its text: that is what detach() is for
        assert freed < 1_000_000


def test_the_robustness_page_examples_run():
    import re
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "robustness.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) == 3
    for block in blocks:
        exec(compile(block, "docs/robustness.md", "exec"), {"__name__": "__main__"})


# --- smaller things users expect -------------------------------------------------


def test_the_jupyter_view_is_linear_in_the_entities():
    small, large = (EX("Nordvik and Eva Lind. " * n) for n in (2000, 4000))  # 44k, 88k chars
    assert len(large.entities) == 8000
    ratio = _ratio(
        lambda: sayso.render(small, max_chars=100_000),
        lambda: sayso.render(large, max_chars=100_000),
    )
    assert ratio <= 2.5


def test_series_accessor_whatever_the_import_order():
    done = _python(
        """
        import sayso
        import pandas as pd
        print(type(pd.Series(["Nordvik"]).sayso).__name__)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "SaysoAccessor"


BIG = 123456789012345678901234567890


@pytest.mark.parametrize("big", [BIG, -BIG, 2**64, -(2**63) - 1, 0, 7])
def test_builders_agree_on_ids_over_64_bits(tmp_path, big):
    want = str(big)
    jsonl = tmp_path / "g.jsonl"
    jsonl.write_text(json.dumps({"name": "Lind", "label": "P", "id": big}) + "\n")
    csv = tmp_path / "g.csv"
    csv.write_text(f"name,label,id\nLind,P,{big}\n")
    df = pd.DataFrame({"name": ["Lind"], "label": ["P"], "id": [big]})  # an object column
    got = {
        "jsonl": sayso.Gazetteer.from_jsonl(jsonl),
        "csv": sayso.Gazetteer.from_csv(csv),
        "pandas": sayso.Gazetteer.from_pandas(df),
        "dict": sayso.Gazetteer([{"name": "Lind", "label": "P", "id": big}]),
    }
    assert {k: g.to_entries()[0]["id"] for k, g in got.items()} == dict.fromkeys(got, want)
    assert sayso.Gazetteer.from_jsonl(jsonl).find("Lind")[0].id == want


def test_jsonl_minus_zero_id_is_zero(tmp_path):
    # -0 is the one other JSON spelling of a whole number; Python's int reads it as 0.
    jsonl = tmp_path / "g.jsonl"
    jsonl.write_text('{"name": "Lind", "label": "P", "id": -0}\n')
    assert sayso.Gazetteer.from_jsonl(jsonl).to_entries()[0]["id"] == "0"


@pytest.mark.parametrize("command", ["entities", "quotes", "about"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cli_echoes_input_ids_over_64_bits(tmp_path, command, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": BIG, "text": "“Nordvik will grow,” Eva Lind said."}) + "\n")
    gaz = tmp_path / "g.jsonl"
    gaz.write_text(json.dumps({"name": "Nordvik", "label": "ORG", "id": BIG}) + "\n")
    out = tmp_path / f"out.{fmt}"
    from sayso.cli import main

    assert main([command, str(src), "-o", str(out), "--gazetteer", str(gaz)]) == 0
    if fmt == "jsonl":
        line = json.loads(out.read_text())
        assert line["id"] == BIG
        rows = line[command]
    elif fmt == "csv":
        rows = pd.read_csv(out, dtype=str).to_dict("records")
        assert {r["doc"] for r in rows} == {str(BIG)}
    else:
        rows = pd.read_parquet(out).to_dict("records")
        assert {r["doc"] for r in rows} == {str(BIG)}
    assert rows, "one row at least"
    if command == "entities":
        assert [str(r["id"]) for r in rows] == [str(BIG)]
    if command == "about":
        assert [str(r["entity_id"]) for r in rows] == [str(BIG)]


def test_to_dict_to_json_and_equal_docs():
    doc = EX(TEXT)
    d = doc.to_dict()
    assert d["text"] == TEXT
    assert d["entities"][0] == {
        "start": 23,
        "end": 31,
        "text": "Eva Lind",
        "label": "PERSON",
        "id": "p1",
        "name": "Eva Lind",
        "metadata": None,
    }
    assert d["quotes"] == [q.to_dict() for q in doc.quotes]
    assert json.loads(doc.to_json()) == d
    assert "“" in doc.to_json()
    assert EX(TEXT) == doc
    assert EX(TEXT + " ") != doc


def test_builders_agree_on_ids_columns_and_metadata_order(tmp_path):
    df = pd.DataFrame({"name": ["Lind", "Ames"], "label": ["P", "P"], "id": [7, None]})
    assert [e["id"] for e in sayso.Gazetteer.from_pandas(df).to_entries()] == ["7", "Ames"]
    jsonl = tmp_path / "g.jsonl"
    jsonl.write_text(json.dumps({"name": "Lind", "label": "P", "id": 7}) + "\n")
    assert sayso.Gazetteer.from_jsonl(jsonl).to_entries()[0]["id"] == "7"
    assert sayso.Gazetteer([{"name": "Lind", "label": "P", "id": 7}]).to_entries()[0]["id"] == "7"
    twice = tmp_path / "twice.csv"
    twice.write_text("name,label,label\nLind,P,Q\n")
    with pytest.raises(sayso.GazetteerError, match=r"line 1: the header names \[\"label\"\]"):
        sayso.Gazetteer.from_csv(twice)
    with pytest.raises(sayso.GazetteerError, match=r"names the columns \['label'\] more than"):
        sayso.Gazetteer.from_pandas(
            pd.DataFrame([["Lind", "P", "Q"]], columns=["name"] + ["label"] * 2)
        )
    meta = {"zeta": 1, "alpha": 2, "mu": 3}
    gaz = sayso.Gazetteer([{"name": "Lind", "label": "P", "metadata": meta}])
    assert list(gaz.to_entries()[0]["metadata"]) == ["zeta", "alpha", "mu"]
    assert list(pickle.loads(pickle.dumps(gaz)).find("Lind")[0].metadata) == ["zeta", "alpha", "mu"]


def test_file_errors_read_as_python_not_rust():
    with pytest.raises(FileNotFoundError) as e:
        sayso.Gazetteer.from_csv("/no/such/names.csv")
    assert str(e.value) == "[Errno 2] No such file or directory: '/no/such/names.csv'"


@pytest.mark.parametrize(
    ("entry", "error", "message"),
    [
        ({"name": "\u0301\u0301", "label": "X"}, sayso.GazetteerError, "only combining marks"),
        ({"name": "L\ud800", "label": "X"}, sayso.GazetteerError, "entry 1: name holds a lone"),
        ({"name": "Lind", "label": "X", "aliases": [1.5]}, TypeError, r"entry 1: aliases\[0\]"),
        ({"name": "Lind", "label": "X", "aliases": "Ames"}, TypeError, r"wrap it: \['Ames'\]"),
    ],
)
def test_bad_fields_name_the_entry(entry, error, message):
    with pytest.raises(error, match=message):
        sayso.Gazetteer([{"name": "Ames", "label": "P"}, entry])


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('"metadata": [1, 2]', "line 1: metadata must be an object, not an array"),
        ('"aliases": "Ames"', "line 1: aliases must be a list of strings, not a string"),
        (
            '"aliases": ["Ames", 2]',
            r'line 1: aliases\[1\] must be a string or an object with "name" and "case", '
            "not a number",
        ),
        ('"id": 1.5', "line 1: the id 1.5 is not a whole number"),
        ('"id": 1e30', "line 1: the id 1e30 is not a whole number"),
        ('"id": true', "line 1: the id must be a string or a whole number, not a boolean"),
        ('"id": [7]', "line 1: the id must be a string or a whole number, not an array"),
    ],
)
def test_jsonl_field_errors_say_what_is_wrong(tmp_path, field, message):
    path = tmp_path / "g.jsonl"
    path.write_text('{"name": "Lind", "label": "P", ' + field + "}\n")
    with pytest.raises(sayso.GazetteerError, match=message):
        sayso.Gazetteer.from_jsonl(path)
