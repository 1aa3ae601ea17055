"""The cost of frames: pandas, Arrow and polars, against ``find_batch``/``pipe``, and
``ex.about`` (who says what about whom) beside ``ex.quotes``.

Usage: python bench/bench_frames.py [--runs 5] [--out FILE]

Over the bench corpus with the small gazetteer, one thread: the plain calls that give
Python objects; the calls that give pandas DataFrames (from a list of str and from a pandas
Series); and the Arrow paths, from an Arrow column (pyarrow ``large_string``) to an Arrow
table, and from a polars Series to a polars DataFrame. Times are medians of several runs,
the calls alternating. Peak memory is measured once a call, each in a fresh process that
holds only that call's input: the rise of the process's peak resident memory (VmHWM, reset
just before the call) over its resident memory before the call.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_gazetteer import corpus_bench_args, emit_report, git_commit, machine

# name: (input kind, what the call gives, the plain call it is compared with)
CALLS = {
    "gaz.find_batch(list)": ("list", "lists of Match", None),
    "ex.entities(list)": ("list", "pandas", "gaz.find_batch(list)"),
    "ex.entities(pd.Series)": ("pandas", "pandas", "gaz.find_batch(list)"),
    "ex.entities(pa.Array)": ("arrow", "Arrow", "gaz.find_batch(list)"),
    "ex.entities(pl.Series)": ("polars", "polars", "gaz.find_batch(list)"),
    "ex.pipe(list)": ("list", "Docs", None),
    "ex.quotes(list)": ("list", "pandas", "ex.pipe(list)"),
    "ex.quotes(pd.Series)": ("pandas", "pandas", "ex.pipe(list)"),
    "ex.quotes(pa.Array)": ("arrow", "Arrow", "ex.pipe(list)"),
    "ex.quotes(pl.Series)": ("polars", "polars", "ex.pipe(list)"),
    "ex.about(pd.Series)": ("pandas", "pandas", "ex.quotes(pd.Series)"),
    "ex.about(pa.Array)": ("arrow", "Arrow", "ex.quotes(pa.Array)"),
    "ex.about(pl.Series)": ("polars", "polars", "ex.quotes(pl.Series)"),
}


def make_input(kind: str, texts: list[str]) -> Any:
    if kind == "list":
        return texts
    if kind == "pandas":
        import pandas as pd

        return pd.Series(texts)
    if kind == "arrow":
        import pyarrow as pa

        return pa.array(texts, type=pa.large_string())
    import polars as pl

    return pl.Series("text", texts)


def make_call(name: str, data: Path) -> Callable[[Any], Any]:
    import sayso

    gaz = sayso.Gazetteer.from_csv(data / "gaz_small.csv")
    ex = sayso.Extractor(gaz)
    method = name.split("(")[0]
    if method == "gaz.find_batch":
        return lambda x: gaz.find_batch(x, threads=1)
    if method == "ex.pipe":
        return lambda x: ex.pipe(x, threads=1)
    call = {"ex.entities": ex.entities, "ex.quotes": ex.quotes, "ex.about": ex.about}[method]
    return lambda x: call(x, threads=1)


def status(field: str) -> int:
    """Return a field of /proc/self/status in bytes (VmRSS, VmHWM)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(field)


def measure_memory(name: str) -> None:
    """In a child process: run one call once and print its peak memory, as JSON."""
    import gc

    args, texts = corpus_bench_args(__doc__, runs=1)
    assert texts is not None
    kind = CALLS[name][0]
    x = make_input(kind, texts)
    if kind != "list":
        del texts
    call = make_call(name, args.data)
    call(make_input(kind, ["warm up: Eva Lind said so."]))
    gc.collect()
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # resets VmHWM to the current resident memory
    before = status("VmRSS")
    result = call(x)
    print(json.dumps({"peak": status("VmHWM") - before, "rows": len(result)}))


def rows(result: Any) -> int:
    return result.num_rows if hasattr(result, "num_rows") else len(result)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--memory-of":
        name = sys.argv.pop(2)
        sys.argv.pop(1)
        measure_memory(name)
        return 0
    args, texts = corpus_bench_args(__doc__, runs=5)
    if texts is None:
        return 2
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    inputs = {kind: make_input(kind, texts) for kind in ("list", "pandas", "arrow", "polars")}
    calls = {name: make_call(name, args.data) for name in CALLS}
    times: dict[str, list[float]] = {name: [] for name in CALLS}
    load_before = os.getloadavg()[0]
    sizes = {}
    for _ in range(args.runs):
        for name, call in calls.items():
            x = inputs[CALLS[name][0]]
            t0 = time.perf_counter()
            result = call(x)
            times[name].append(time.perf_counter() - t0)
            sizes[name] = rows(result)
            del result
    peaks = {}
    for name in CALLS:
        cmd = [sys.executable, __file__, "--memory-of", name, "--data", str(args.data)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        peaks[name] = json.loads(out.splitlines()[-1])["peak"] / 2**20
    med = {name: statistics.median(ts) for name, ts in times.items()}
    lines = [
        "# Frames: pandas, Arrow and polars against plain calls",
        "",
        f"`python bench/bench_frames.py --runs {args.runs}` on {machine()}, commit "
        f"{git_commit()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Corpus: {len(texts):,} texts, "
        f"{mb:.1f} MB; small gazetteer (5,298 names); one thread; medians of {args.runs} runs, "
        "the calls alternating. The machine is shared with other engineers' builds: compare "
        "ratios within this table, not with other runs.",
        "",
        f"Load average {load_before:.1f} before the timed runs, {os.getloadavg()[0]:.1f} at the "
        "end.",
        "",
        "Inputs: `list` a list of str; `pd.Series` `pd.Series(texts)` ("
        f"{_version('pandas')}: Arrow-backed strings); `pa.Array` a pyarrow `large_string` "
        f"array ({_version('pyarrow')}); `pl.Series` a polars Series ({_version('polars')}). "
        "Peak memory: the rise of peak resident memory over resident memory during one call, "
        "in a fresh process holding only its input (the result included).",
        "",
        "| call | gives | rows | seconds | MB/s | time against | peak memory (MiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, sec in med.items():
        _, gives, plain = CALLS[name]
        ratio = f"{sec / med[plain]:.2f}× `{plain}`" if plain else "–"
        lines.append(
            f"| `{name}` | {gives} | {sizes[name]:,} | {sec:.3f} | {mb / sec:.0f} | {ratio} "
            f"| {peaks[name]:.0f} |"
        )
    emit_report("\n".join(lines), args.out)
    return 0


def _version(module: str) -> str:
    from importlib.metadata import version

    return f"{module} {version(module)}"


if __name__ == "__main__":
    sys.exit(main())
