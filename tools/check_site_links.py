"""Check the internal links of a built documentation site.

Usage: python tools/check_site_links.py [SITE_DIR]   (default: site)

Every ``href`` and ``src`` of every HTML page that points inside the site must
name a file that exists, and its ``#fragment`` an ``id`` of that page. Links to
other sites (``https:``, ``mailto:``) are not followed. Prints each broken link
with the page it is on and exits 1 if there is any; ``make test`` runs it after
``mkdocs build --strict``.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and tag != "link":
                self.links.append(value)


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page: Path, path: str) -> Path:
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path.lstrip("/"))).resolve()
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """Return ``page: link (why)`` for each internal link that leads nowhere."""
    site = site.resolve()
    problems = []
    for page in sorted(site.rglob("*.html")):
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # another site, mailto:, data:
            target = page if not parts.path else _target(site, page, parts.path)
            where = f"{page.relative_to(site)}: {link}"
            if not target.is_file():
                problems.append(f"{where} (no such file)")
            elif site not in target.parents:
                problems.append(f"{where} (outside the site)")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _parse(target).ids:
                    problems.append(f"{where} (no such anchor)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html; build the site first (make docs)", file=sys.stderr)
        return 2
    problems = broken_links(args.site)
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = len(list(args.site.rglob("*.html")))
    print(f"{pages} pages, {len(problems)} broken internal links")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
