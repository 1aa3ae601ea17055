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


ABOUT_TEXT = "“Jon Voss has let Nordvik down,” Eva Lind said. Voss met her in Nordvik."
ABOUT_EX = sayso.Extractor(
    sayso.Gazetteer(
        [
            {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
            {"name": "Jon Voss", "label": "PERSON", "id": "p2", "aliases": ["Voss"]},
            {"name": "Nordvik", "label": "GPE", "id": "g1"},
        ]
    )
)


def test_the_html_marks_what_each_quote_is_about():
    doc = ABOUT_EX(ABOUT_TEXT)
    html = doc._repr_html_()
    # Entities inside quote 1 carry its number; the speaker and later mentions do not.
    assert html.count("sayso-m1") == 1 + 2  # the hover rule names it once
    assert ".sayso-doc:has(.sayso-q1:hover) .sayso-m1" in html
    assert '<tr class="sayso-q1">' in html
    assert "<td>Jon Voss, Nordvik</td></tr>" in html
    quiet = sayso.Extractor(False)(ABOUT_TEXT)._repr_html_()
    assert "sayso-m1" not in quiet
    assert ":hover" not in quiet


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, url, profile):
        import os
        import subprocess

        to_browser, self._in = os.pipe()
        self._out, from_browser = os.pipe()

        def fds():  # the protocol's pipe: the browser reads fd 3 and writes fd 4
            import fcntl

            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [
                screenshot.chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "--window-size=1000,800",
                url,
            ],
            preexec_fn=fds,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.session = None
        page = next(
            t["targetId"]
            for t in self.send("Target.getTargets")["targetInfos"]
            if t["type"] == "page"
        )
        self.session = self.send("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]

    def send(self, method, **params):
        import json
        import os

        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._out, 1 << 16)
                assert chunk, "the browser closed the pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                return reply["result"]

    def js(self, expression):
        return self.send("Runtime.evaluate", expression=expression, returnByValue=True)["result"][
            "value"
        ]

    def close(self):
        import os

        self.proc.kill()
        self.proc.wait()
        os.close(self._in)
        os.close(self._out)


@pytest.mark.skipif(
    screenshot.chromium() is None,
    reason="NO CHROMIUM: the browser check of the HTML did not run (.ci/run installs it)",
)
def test_hovering_a_quote_outlines_the_entities_it_mentions(tmp_path):
    import time

    page = tmp_path / "about.html"
    body = ABOUT_EX(ABOUT_TEXT)._repr_html_()
    page.write_text(screenshot.PAGE.format(body=body, bg="#fff", fg="#111"), encoding="utf-8")
    browser = Browser("about:blank", tmp_path / "profile")
    try:
        browser.send("Page.navigate", url=page.as_uri())
        for _ in range(200):
            if browser.js("!!document.querySelector('.sayso-table')"):
                break
            time.sleep(0.1)
        outlines = (
            "[...document.querySelectorAll('.sayso-text .sayso-ent')]"
            ".map(e => [e.textContent, getComputedStyle(e).outlineStyle])"
        )
        before = browser.js(outlines)
        # (the first carries the quote's number)
        assert [t for t, _ in before] == ["1Jon Voss", "Nordvik", "Eva Lind", "Voss", "Nordvik"]
        assert {o for _, o in before} == {"none", "dashed"}

        def hover(selector):
            box = browser.js(
                f"(() => {{ const r = document.querySelector('{selector}')"
                ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
            )
            browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
            return browser.js(outlines)

        # Over the quote's first words: its two entities get a solid outline;
        # the speaker keeps the dashed one of a speaker, later mentions none.
        during = hover(".sayso-text .sayso-q1:not(.sayso-ent)")
        assert during == [
            ["1Jon Voss", "solid"],
            ["Nordvik", "solid"],
            ["Eva Lind", "dashed"],
            ["Voss", "none"],
            ["Nordvik", "none"],
        ]
        # Over the quote's row in the table, the same.
        assert hover("tr.sayso-q1") == during
        # Away from both, as before.
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=990, y=790)
        assert browser.js(outlines) == before
    finally:
        browser.close()
