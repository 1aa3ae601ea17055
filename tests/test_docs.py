"""The examples of the README, of the pages in docs/ and of the docstrings run."""

import doctest
import re
from pathlib import Path

import pytest
import sayso

ROOT = Path(__file__).parent.parent


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


# The README's Spark recipe: pyspark 4.3 predates pandas 3 and says so.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_readme_and_docs_examples_run(tmp_path, monkeypatch, page):
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    if page.name == "README.md":
        assert blocks, "the README has Python examples"
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}  # a page reads top to bottom: its blocks share names
    for block in blocks:
        if ">>>" in block:
            parser = doctest.DocTestParser()
            test = parser.get_doctest(block, namespace, page.name, str(page), 0)
            result = doctest.DocTestRunner().run(test, clear_globs=False)
            assert result.failed == 0, block
            namespace = test.globs  # DocTest works on a copy
        else:
            exec(compile(block, str(page), "exec"), namespace)


def test_docstring_examples():
    result = doctest.testmod(sayso)
    assert result.attempted > 0
    assert result.failed == 0
