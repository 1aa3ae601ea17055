"""The Jupyter picture of documents: content, escaping, the size limit, a real browser."""

import struct
import sys
from pathlib import Path

import pytest
import sayso

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "docs"))

import screenshot  # noqa: E402

GAZ = sayso.Gazetteer(
    [
        {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
        {"name": "Nordvik", "label": "GPE", "id": "g1"},
    ]
)
EX = sayso.Extractor(GAZ)
TEXT = (
    "“Fares <b>will</b> rise & stay,” Eva Lind said in Nordvik. "
    "The port reopens next week, she added."
)


def test_the_html_shows_entities_quotes_cues_and_speakers():
    html = EX(TEXT)._repr_html_()
    assert 'class="sayso-ent" style="background:' in html
    assert 'title="Eva Lind (PERSON, id p1)"' in html
    assert '<span class="sayso-label">GPE</span>' in html
    assert html.count('<td class="sayso-n">') == 2
    assert "sayso-cue" in html
    assert "sayso-speaker" in html
    assert "as “she”" in html


def test_the_text_is_escaped():
    html = EX(TEXT)._repr_html_()
    assert "<b>will</b>" not in html
    assert "&lt;b&gt;will&lt;/b&gt;" in html
    assert "rise &amp; stay" in html
    evil = sayso.Extractor(False)('"<script>alert(1)</script> is here," she said.')
    assert "<script>alert" not in evil._repr_html_()


def test_long_documents_are_cut_with_a_note():
    text = (TEXT + "\n") * 2000
    html = sayso._html.doc_html(EX(text), max_chars=5000)
    assert "Showing the first 5,000 of" in html
    assert len(html) < 60_000


def test_render_several_documents_and_reprs():
    docs = EX.pipe([TEXT, "No quote here.", None])
    shown = sayso.render(docs)
    assert str(shown).count("<h4") == 3
    assert shown._repr_html_() == str(shown)
    assert "No quotes found." in str(shown)
    assert sayso.render(docs[0]).html.count("<h4") == 1
    assert repr(GAZ) == '<Gazetteer: 2 entries, labels ["PERSON", "GPE"]>'
    assert repr(EX).startswith("<Extractor: quotes, entities of <Gazetteer: 2 entries")


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(
    screenshot.chromium() is None,
    reason="NO CHROMIUM: the browser check of the HTML did not run (.ci/run installs it)",
)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_real_browser_renders_the_html(tmp_path, dark):
    from PIL import Image

    out = tmp_path / "doc.png"
    screenshot.screenshot(screenshot.example_doc()._repr_html_(), out, dark=dark)
    assert png_size(out) == (1100, 1200)
    img = Image.open(out).convert("RGB")
    colours = img.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50, "the page is not blank"
    # The GPE highlight, blended over the page: a yellow (light) or a brown (dark).
    assert any(r > g > b and r - b > 40 for _, (r, g, b) in colours if _ > 200)
