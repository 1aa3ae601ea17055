"""The quickstart notebook runs from top to bottom and shows what it says."""

from pathlib import Path

import nbclient
import nbformat

NOTEBOOK = Path(__file__).parent.parent / "examples" / "quickstart.ipynb"


def test_quickstart_notebook_runs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []  # what is checked below comes from this run
    client = nbclient.NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
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
