"""The link checker of the documentation site finds what it should.

``make test`` builds the site (``mkdocs build --strict``) and runs
``tools/check_site_links.py`` on it; this checks the checker on a small site.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parent.parent
spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "check_site_links.py")
assert spec is not None
assert spec.loader is not None
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{html}</body></html>", encoding="utf-8")


def test_good_links_pass(tmp_path):
    write(tmp_path / "index.html", '<a href="api/">api</a> <a href="#top" id="top">top</a>')
    write(tmp_path / "api/index.html", '<a href="../#top">home</a> <img src="../logo.png">')
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    write(tmp_path / "api/x.html", '<a href="https://example.org/missing">out</a>')
    assert check.broken_links(tmp_path) == []
    assert check.main([str(tmp_path)]) == 0


def test_broken_files_and_anchors_are_named(tmp_path):
    write(tmp_path / "index.html", '<a href="gone/">x</a> <a href="api/#nowhere">y</a>')
    write(tmp_path / "api/index.html", '<h2 id="somewhere">z</h2> <img src="../../up.png">')
    problems = check.broken_links(tmp_path)
    assert problems == [
        "api/index.html: ../../up.png (no such file)",
        "index.html: gone/ (no such file)",
        "index.html: api/#nowhere (no such anchor)",
    ]
    assert check.main([str(tmp_path)]) == 1


def test_an_unbuilt_site_is_an_error(tmp_path):
    assert check.main([str(tmp_path)]) == 2


def test_optional_pages_stay_out_of_the_nav_until_they_exist(tmp_path):
    spec = importlib.util.spec_from_file_location("hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)

    def config() -> dict:
        nav = [{"Home": "index.md"}, {"Annotation": "ANNOTATION.md"}, {"API": ["api/x.md"]}]
        extra = {"optional_pages": ["ANNOTATION.md"]}
        return {"docs_dir": str(tmp_path), "extra": extra, "nav": nav}

    assert hooks.on_config(config())["nav"] == [{"Home": "index.md"}, {"API": ["api/x.md"]}]
    (tmp_path / "ANNOTATION.md").write_text("# Annotation\n", encoding="utf-8")
    assert hooks.on_config(config())["nav"] == config()["nav"]
