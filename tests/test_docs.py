"""The README's and the docstrings' examples run and say what they show."""

import doctest
import re
from pathlib import Path

import pytest
import sayso

ROOT = Path(__file__).parent.parent


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


# The README's Spark recipe: pyspark 4.3 predates pandas 3 and says so.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_readme_examples_run(tmp_path, monkeypatch):
    blocks = python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert blocks, "the README has Python examples"
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}  # the README reads top to bottom: its blocks share names
    for block in blocks:
        if ">>>" in block:
            parser = doctest.DocTestParser()
            test = parser.get_doctest(block, namespace, "README", "README.md", 0)
            result = doctest.DocTestRunner().run(test, clear_globs=False)
            assert result.failed == 0, block
            namespace = test.globs  # DocTest works on a copy
        else:
            exec(compile(block, "README.md", "exec"), namespace)


def test_docstring_examples():
    result = doctest.testmod(sayso)
    assert result.attempted > 0
    assert result.failed == 0
