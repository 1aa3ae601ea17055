"""Screenshot the Jupyter picture of a document in headless Chromium.

Usage: python docs/screenshot.py [--out docs/doc-light.png] [--dark]

Renders the example article (written for the project) with the built-in
gazetteer and the article's people, as ``Doc._repr_html_`` shows it, and
takes a PNG with ``chromium --headless``. ``tests/test_html.py`` runs it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import sayso
from sayso.cli import _merge
from sayso.examples import example_article, example_gazetteer

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin: 16px; background: {bg}; color: {fg}">{body}</body></html>"""


def example_doc() -> sayso.Doc:
    """Return the example article processed with the built-in gazetteer and its people."""
    people = example_gazetteer().to_entries()
    gaz = sayso.Gazetteer(_merge(people, sayso.Gazetteer.default().to_entries()))
    return sayso.Extractor(gaz)(example_article())


def chromium() -> str | None:
    """Return the Chromium command on this machine, if any."""
    return next(
        (c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None
    )


def screenshot(html: str, out: Path, *, dark: bool = False, size: str = "1100,1200") -> None:
    """Write a PNG of ``html`` as a page, light or dark."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("no chromium on PATH (Debian: apt-get install chromium)")
    colours = {"bg": "#111", "fg": "#ddd"} if dark else {"bg": "#fff", "fg": "#111"}
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "doc.html"
        page.write_text(PAGE.format(body=html, **colours), encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--window-size={size}",
                f"--screenshot={out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "doc-light.png")
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    screenshot(example_doc()._repr_html_(), args.out, dark=args.dark)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
