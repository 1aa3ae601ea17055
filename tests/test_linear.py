"""Quote extraction is linear in the text and bounded in memory (issue #13, points 1, 2, 16).

Each complexity test times the same call on a text and on one twice as long,
in one run, and asks the ratio to stay near 2 (at most 2.5): the shapes here
made the quote engine quadratic or cubic in a paragraph (×4 or ×8 per
doubling). Timings are the minimum of interleaved runs, and a measurement that
fails is taken again, since the machine may be shared; a superlinear engine
fails every time. No wall-clock limit is asserted.

The texts are written for these tests.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import pytest
import sayso

EX = sayso.Extractor(False)
MAX_RATIO = 2.5


def _best(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def doubling_ratio(small: str, large: str, runs: int = 4, tries: int = 3) -> float:
    """The time of ``EX(large)`` over that of ``EX(small)``, the best of `tries`."""
    ratios = []
    for _ in range(tries):
        t_small: list[float] = []
        t_large: list[float] = []
        for _ in range(runs):
            t_small += _best(lambda: EX(small), 1)
            t_large += _best(lambda: EX(large), 1)
        ratios.append(min(t_large) / min(t_small))
        if ratios[-1] <= MAX_RATIO:
            break
    return min(ratios)


def jsonld(n: int) -> str:
    """A JSON-LD blob of `n` articles on one line, as scraped pages carry."""
    item = (
        '{"@type": "NewsArticle", "headline": "Ferry %d returns to Nordvik", '
        '"author": {"@type": "Person", "name": "Eva Lind"}, '
        '"datePublished": "2024-05-0%d", "keywords": ["ferry", "harbour", "said"]}'
    )
    items = ", ".join(item % (i, i % 9 + 1) for i in range(n))
    return '{"@context": "https://schema.org", "@graph": [' + items + "]}"


# Shape -> text of size n; n chosen so that the larger text takes ~0.1-1 s.
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    # From 512k marks: between 256k and 512k the work outgrows the processor's
    # caches, a step of the hardware (2.5x there, 1.8-1.9x per doubling above).
    "quotation marks": (lambda n: '"' * n, 512_000),
    "scraped html": (lambda n: '<a href="x" class="y">z</a> ' * n, 16_000),
    "json-ld": (jsonld, 1_200),
    "quoted list": (lambda n: '"x", ' * n, 32_000),
    "guillemets": (lambda n: "\u00ab \u00bb " * n, 40_000),
    "according to": (lambda n: "according to " * n, 24_615),
    # Not in the issue, close to it: cues, colons and quotations in one run.
    "cues and quotations": (lambda n: '"Yes," Lind said: "no", and added ' * n, 8_000),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_paragraph_of_any_shape_is_linear(shape):
    make, n = SHAPES[shape]
    small, large = make(n), make(2 * n)
    EX(small)  # warm up
    ratio = doubling_ratio(small, large)
    assert ratio <= MAX_RATIO, f"{shape}: twice the text took {ratio:.1f}x the time"


# --- separators (point 2) -----------------------------------------------------

PARAGRAPHS = [
    "\u201cThe ferry runs again,\u201d Eva Lind said on Monday.",
    "\u201cNot before May.\u201d",
    "Fares will rise next year, she told reporters in Nordvik.",
    'Ola Ames, a harbour pilot, said the channel was "too shallow for the new boats".',
    "According to the port authority, dredging starts in June.",
]
SEPARATORS = ["\r", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029"]


def _rows(doc: sayso.Doc) -> list[dict]:
    return [q.to_dict() for q in doc.quotes]


@pytest.mark.parametrize("sep", SEPARATORS, ids=ascii)
def test_every_line_separator_parts_paragraphs_like_a_line_feed(sep):
    want = _rows(EX("\n".join(PARAGRAPHS)))
    assert len(want) == 5
    # One character each, like "\n": the same offsets, as Python str indices.
    assert _rows(EX(sep.join(PARAGRAPHS))) == want
    # Without any break, "Not before May." is no longer a paragraph of
    # quotation alone but a bare quotation that takes the frame after it
    # ("she told reporters"): the separator did part the paragraphs.
    rest = PARAGRAPHS[1:]
    assert _rows(EX(" ".join(rest))) != _rows(EX(sep.join(rest)))


def test_crlf_gives_the_results_of_lf_shifted_by_one_per_line():
    lf = "\n".join(PARAGRAPHS * 3)
    crlf = lf.replace("\n", "\r\n")
    want, got = _rows(EX(lf)), _rows(EX(crlf))
    assert len(got) == len(want) == 15
    offsets = [k for k in want[0] if k.endswith(("start", "end"))]
    assert len(offsets) == 8
    for q, w in zip(got, want, strict=True):
        shifted = {
            k: v + lf[:v].count("\n") if k in offsets and v is not None else v for k, v in w.items()
        }
        assert q == shifted
        assert crlf[q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize("sep", ["\n", "\r", "\u2028", " "], ids=ascii)
def test_a_long_text_is_linear_with_any_separator_or_none(sep):
    # Past the 1 MiB window: with no line break at all, windows end at
    # sentence ends; the text was one window, quadratic in it, before.
    para = (
        "\u201cThe ferry runs again,\u201d Eva Lind said. Fares will rise, she added. "
        + "The harbour board met again to discuss the cost of dredging the channel. " * 6
    ).strip() + sep
    n = 1_200_000 // len(para.encode())
    small, large = para * n, para * (2 * n)
    assert len(EX(large).quotes) == 4 * n, "every paragraph's two quotes, across windows"
    ratio = doubling_ratio(small, large, runs=3)
    assert ratio <= MAX_RATIO, f"{sep!a}: twice the text took {ratio:.1f}x the time"


# --- memory (point 16) ----------------------------------------------------------

# Peak memory is VmHWM, reset at the start (ru_maxrss would carry the peak of
# the forking pytest process). "held" is what stays resident with the results
# alive, once the allocator has returned what it caches.
PEAK_SCRIPT = r"""
import ctypes, sys, sayso
def status(key):
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) * 1024 for l in fh if l.startswith(key))
filler = "The harbour board met again to discuss the cost of dredging the channel. " * 4
if sys.argv[1] == "no-line-break":
    unit = '"We will talk," Eva Lind said on Monday. ' + filler
    ex = sayso.Extractor(False)
else:
    unit = ('"We will talk," Eva Lind said in London on Monday. ' + filler + "\n"
            + "France wants a deal with Germany, she told reporters. " + filler + "\n")
    ex = sayso.Extractor()
text = unit * (100_000_000 // len(unit))
size = sys.getsizeof(text)
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
before = status("VmRSS:")
doc = ex(text)
peak = status("VmHWM:") - before
ctypes.CDLL("libc.so.6").malloc_trim(0)
held = status("VmRSS:") - before
assert text[doc.quotes[-1].start : doc.quotes[-1].end] == doc.quotes[-1].text
print(len(doc.quotes), len(doc.entities), size, peak, held)
"""


@pytest.mark.parametrize("case", ["no-line-break", "built-in gazetteer"])
def test_one_100_mb_text_peaks_under_three_times_its_size(case):
    out = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, case], capture_output=True, text=True, check=True
    ).stdout.split()
    quotes, entities, size, peak, held = map(int, out)
    assert quotes > 250_000, "every quote was found"
    if case == "built-in gazetteer":
        assert entities > 400_000, "London, France and Germany were found"
    # Without line breaks (quotes only) under 3x; the news-like text holds
    # 290k quotes and 430k entities, whose results alone are 3.0x since
    # quotes carry their rule, provenance and confidence (#11): under 3.5x.
    most = 3 if case == "no-line-break" else 3.5
    assert peak < most * size, f"peak {peak / 1e6:.0f} MB for a text of {size / 1e6:.0f} MB"
    # The results aside (the Doc's quotes and entities, measured as what
    # stays resident), the work itself needs less than the text's size.
    assert peak - held < size, f"working {(peak - held) / 1e6:.0f} MB"
