"""The quickstart notebook runs from top to bottom and shows what it says."""

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).parent.parent / "examples" / "quickstart.ipynb"


# Beside the repository the news part runs when ../shared is there; in a directory
# of its own (as in a clone without ../shared) it must say loudly that it did not.
@pytest.mark.parametrize("where", ["examples", "alone"])
def test_quickstart_notebook_runs(tmp_path, where):
    cwd = NOTEBOOK.parent if where == "examples" else tmp_path / "a" / "b"
    cwd.mkdir(parents=True, exist_ok=True)
    corpus = cwd / ".." / ".." / "shared" / "data" / "bench" / "corpus.jsonl"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []  # what is checked below comes from this run
    client = nbclient.NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("sayso-quote" in h for h in html), "the Doc shows as HTML"
    assert any("person:ames" in h for h in html), "the quotes frame links speakers"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the chart is drawn"
    text = "\n".join(o["data"].get("text/plain", "") for o in outputs if "data" in o)
    assert "Paul Ames                 3" in text, "Ames is quoted most: by name, as he, as Ames"
    # Who speaks about whom: Quote.mentions, the about frame, the counts, the heat maps.
    assert "[('Eva Lind', 'Paul Ames'), ('Eva Lind', 'Nordvik Port Authority')]" in text
    assert "Ilse Voss                Eva Lind       1         1     1" in text
    pictures = sum("image/png" in o.get("data", {}) for o in outputs)
    if corpus.exists():
        assert pictures == 3, "the bar chart and two heat maps"
        assert "400 articles" in "\n".join(o.get("text", "") for o in outputs)
    else:  # the news part says loudly that it did not run
        streams = "\n".join(o.get("text", "") for o in outputs)
        assert "SKIPPED: no bench corpus" in streams
        assert pictures == 2, "the bar chart and the small heat map"
