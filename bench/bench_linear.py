"""Quote extraction on hostile shapes, line separators, and memory on 100 MB texts.

Usage: python bench/bench_linear.py [--part time,separators,memory] [--timeout 120]
[--mb 100] [--scale 1] [--out FILE]

Three tables (issue #13, points 1, 2 and 16), each case in a fresh subprocess:

* time: ``Extractor(False)(text)`` on one-paragraph shapes that made the quote
  engine superlinear (runs of quotation marks, scraped HTML, a JSON-LD blob,
  "according to" repeated), at the size the issue reported (times
  ``--scale``) and at 2x, 4x,
  8x, 16x and 32x; the ratio of each size's time to the size before it is 2
  for linear work (8 for cubic; at a few milliseconds, noise dominates). A
  case over ``--timeout`` seconds is killed and shown as such, and the larger
  sizes of its shape are skipped.
* separators: a 4.8 MB text of short paragraphs, broken by each Unicode line
  or paragraph separator in turn.
* memory: the peak resident memory of one ``--mb`` MB text, over the RSS
  before the call (VmHWM reset first), for quotes only on a text without
  line breaks and for ``Extractor()`` (the built-in gazetteer) on a
  news-like text. The results (a ``Doc`` holding every quote and entity) are
  measured apart: the RSS still held after the call, with the ``Doc`` alive
  (after ``malloc_trim``, so that memory freed but cached is not counted).
  "working" is the peak less the results, the memory the call needs beyond
  what it returns. With ``../shared`` beside the repository, a third case
  joins the bench corpus's news articles to the size (dense in quotes and
  in names of the built-in gazetteer).

The texts are written for this script. Run it with another build of sayso on
``PYTHONPATH`` to compare builds on the same machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# Each case prints one line: "seconds quotes [characters]" (time, separators) or
# "seconds quotes entities size peak held" (memory), sizes in bytes.
CASE = r"""
import ctypes, sys, time
import sayso

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) * 1024 for l in fh if l.startswith(key))

def jsonld(n):
    item = ('{"@type": "NewsArticle", "headline": "Ferry %d returns to Nordvik", '
            '"author": {"@type": "Person", "name": "Eva Lind"}, '
            '"datePublished": "2024-05-0%d", "keywords": ["ferry", "harbour", "said"]}')
    items = ", ".join(item % (i, i % 9 + 1) for i in range(n))
    return '{"@context": "https://schema.org", "@graph": [' + items + "]}"

FILLER = "The harbour board met again to discuss the cost of dredging the channel. " * 4
SHAPES = {
    "dq": lambda n: '"' * n,
    "html": lambda n: '<a href="x" class="y">z</a> ' * n,
    "jsonld": jsonld,
    "qx": lambda n: '"x", ' * n,
    "guillemets": lambda n: "\u00ab \u00bb " * n,
    "according": lambda n: "according to " * n,
}
part, what, arg = sys.argv[1], sys.argv[2], sys.argv[3]
if part == "time":
    text = SHAPES[what](int(arg))
    ex = sayso.Extractor(False)
    t = time.perf_counter()
    n = len(ex(text).quotes)
    print(time.perf_counter() - t, n, len(text))
elif part == "separators":
    sep = arg.encode().decode("unicode_escape")
    para = '"The ferry runs again," Eva Lind said.' + sep + "Fares will rise, she added." + sep
    text = para * (4_800_000 // len(para))
    ex = sayso.Extractor(False)
    t = time.perf_counter()
    n = len(ex(text).quotes)
    print(time.perf_counter() - t, n)
else:
    size_mb = int(arg)
    if what == "corpus":
        # Real news: the bench corpus's articles, joined, repeated to size.
        import json
        path = sys.argv[4]
        joined = "\n\n".join(json.loads(l)["text"] for l in open(path, encoding="utf-8"))
        text = ((joined + "\n\n") * (size_mb * 1_000_000 // len(joined.encode()) + 1))
        text = text[: size_mb * 1_000_000]
        del joined
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        unit = None
        ex = sayso.Extractor()
    elif what == "quotes-flat":
        # No line break at all: one paragraph of 100 MB.
        unit = '"We will talk," Eva Lind said on Monday. ' + FILLER
        ex = sayso.Extractor(False)
    else:
        # News-like: a quote every ~700 bytes, names of the built-in gazetteer.
        unit = ('"We will talk," Eva Lind said in London on Monday. ' + FILLER + "\n"
                + "France wants a deal with Germany, she told reporters. " + FILLER + "\n")
        ex = sayso.Extractor()
    if unit is not None:
        text = unit * (size_mb * 1_000_000 // len(unit))
    size = sys.getsizeof(text)
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # VmHWM := VmRSS
    before = status("VmRSS:")
    t = time.perf_counter()
    doc = ex(text)
    secs = time.perf_counter() - t
    peak = status("VmHWM:") - before
    # What is still resident once the allocator returns what it caches.
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    held = status("VmRSS:") - before
    print(secs, len(doc.quotes), len(doc.entities), size, peak, held)
"""

# (shape, the size the issue reported: repetitions of the shape's unit)
TIME_CASES = [
    ("dq", 8000),
    ("html", 1000),
    ("jsonld", 150),
    ("qx", 4000),
    ("guillemets", 5000),
    ("according", 24615),
]
SEPARATORS = ["\\n", "\\r", "\\r\\n", "\\x0b", "\\x0c", "\\x85", "\\u2028", "\\u2029"]


CORPUS = Path(__file__).parent.parent.parent / "shared" / "data" / "bench" / "corpus.jsonl"


def run(part: str, what: str, arg: str, timeout: float) -> list[float] | None:
    """One case in a fresh interpreter; None when it ran past `timeout`."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", CASE, part, what, arg, str(CORPUS)],
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
        ).stdout.split()
    except subprocess.TimeoutExpired:
        return None
    return [float(x) for x in out]


def time_table(timeout: float, scale: float) -> list[str]:
    lines = [
        "## Time: one paragraph of a hostile shape, `Extractor(False)(text)`",
        "",
        "| shape | repetitions | characters | seconds | ratio to the size before |",
        "|---|---|---|---|---|",
    ]
    for shape, reported in TIME_CASES:
        n = max(1, round(reported * scale))
        prev = None
        for k in (1, 2, 4, 8, 16, 32):
            got = run("time", shape, str(n * k), timeout)
            if got is None:
                lines.append(f"| {shape} | {n * k:,} | | > {timeout:.0f} (killed) | |")
                break
            secs, _, chars = got
            ratio = f"{secs / prev:.1f}" if prev else ""
            lines.append(f"| {shape} | {n * k:,} | {int(chars):,} | {secs:.3f} | {ratio} |")
            prev = max(secs, 1e-3)
    return lines


def separator_table(timeout: float) -> list[str]:
    lines = [
        "## Separators: a 4.8 MB text of short paragraphs, `Extractor(False)(text)`",
        "",
        "| separator | seconds | quotes |",
        "|---|---|---|",
    ]
    for sep in SEPARATORS:
        got = run("separators", sep, sep, timeout)
        if got is None:
            lines.append(f"| `{sep}` | > {timeout:.0f} (killed) | |")
        else:
            lines.append(f"| `{sep}` | {got[0]:.2f} | {int(got[1]):,} |")
    return lines


def memory_table(mb: int, timeout: float) -> list[str]:
    lines = [
        f"## Memory: one {mb} MB text",
        "",
        "| case | str (sys.getsizeof) | seconds | quotes | entities | peak over RSS before | "
        "results held after | working (peak - results) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    cases = [
        ("quotes-flat", "`Extractor(False)`, no line break"),
        ("news", "`Extractor()`, news-like"),
    ]
    if CORPUS.exists():
        cases.append(("corpus", "`Extractor()`, the bench corpus's articles joined"))
    for what, label in cases:
        got = run("memory", what, str(mb), timeout)
        if got is None:
            lines.append(f"| {label} | | > {timeout:.0f} (killed) | | | | | |")
            continue
        secs, quotes, ents, size, peak, held = got
        lines.append(
            f"| {label} | {size / 1e6:.0f} MB | {secs:.1f} | {int(quotes):,} | {int(ents):,} | "
            f"{peak / 1e6:.0f} MB ({peak / size:.2f}x) | {held / 1e6:.0f} MB | "
            f"{(peak - held) / 1e6:.0f} MB ({(peak - held) / size:.2f}x) |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="time,separators,memory")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="the first size, over the issue's (time)"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    import sayso
    from bench_gazetteer import emit_report, machine

    parts = args.part.split(",")
    lines = [
        "# Quote extraction: hostile shapes, separators, memory",
        "",
        f"`python bench/bench_linear.py {' '.join(sys.argv[1:])}` with sayso from "
        f"`{Path(sayso.__file__).parent}` on {machine()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
    ]
    if "time" in parts:
        lines += [*time_table(args.timeout, args.scale), ""]
    if "separators" in parts:
        lines += [*separator_table(args.timeout), ""]
    if "memory" in parts:
        lines += [*memory_table(args.mb, args.timeout), ""]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
