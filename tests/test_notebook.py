"""The analysis notebook: runs top to bottom, shows its plot and tables, is committed clean.

The notebook is executed with nbclient in a kernel of *this* interpreter (a kernel spec written to
tmp_path and put first on JUPYTER_PATH, so a user-level "python3" kernel elsewhere cannot be picked
up). The executed copy, and every file the notebook writes (it builds in ``tempfile.mkdtemp()``,
which follows TMPDIR), stay in tmp_path; the committed notebook is never touched.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
jupytext = pytest.importorskip("jupytext")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
TWIN = ROOT / "notebooks" / "analysis.py"


def _kernel_spec(where: Path) -> None:
    spec = where / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (test venv)", "language": "python"}))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook executed top to bottom (errors recorded, not raised), and how long it took."""
    tmp = tmp_path_factory.mktemp("notebook")
    _kernel_spec(tmp / "jupyter")
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
    mp.setenv("TMPDIR", str(tmp))          # the notebook's build folders land here
    mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True,
                                     resources={"metadata": {"path": str(tmp)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        mp.undo()
    seconds = time.perf_counter() - start
    nbformat.write(nb, tmp / "analysis.executed.ipynb")
    print(f"notebook executed in {seconds:.1f}s")
    return nb, seconds


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                yield cell, out


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_runs_without_errors(executed):
    nb, _ = executed
    errors = [f"{c.source.splitlines()[0]!r}: {o.ename}: {o.evalue}"
              for c, o in _outputs(nb) if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count is not None for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_runs_with_no_warning(executed):
    nb, _ = executed
    stderr = [o.text for _, o in _outputs(nb) if o.output_type == "stream" and o.name == "stderr"]
    assert stderr == []


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_tells_the_real_security_council_story_when_the_corpus_is_there(executed):
    nb, _ = executed
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/markdown", "") for _, o in _outputs(nb))
    if not (ROOT.parent / "shared" / "corpus" / "cr-unsc").is_dir():
        assert "is not here" in text
        return
    assert "In the Security Council's network" in text and "The longest citation chain" in text
    plots = [c for c, o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert any("cluster" in c.source for c in plots), "no plot of the clusters"


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_shows_the_timeline_plot(executed):
    nb, _ = executed
    plots = [c for c, o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert plots, "no image/png output"
    assert any("timeline" in c.source.lower() or "adoption date" in c.source for c in plots)


def _html_tables(nb):
    return [o["data"]["text/html"] for _, o in _outputs(nb)
            if 'class="dataframe' in o.get("data", {}).get("text/html", "")]


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_shows_the_tables(executed):
    nb, _ = executed
    tables = _html_tables(nb)
    assert len(tables) >= 10
    everything = "\n".join(tables)
    # the UN GA cooperation series, the Convention's articles, and the text added at the end
    for expected in ("A/RES/51/1", "A/RES/79/136", "convention:cybercrime-2024/art_41",
                     "convention:cybercrime-2024/art_47", "pagerank", "GA-2025-93-RES-05"):
        assert expected in everything, expected


@pytest.mark.slow  # a Jupyter kernel runs the whole notebook once (module fixture)
def test_notebook_embeds_the_explorer_inline(executed):
    nb, _ = executed
    frames = [o["data"]["text/html"] for _, o in _outputs(nb)
              if o.get("data", {}).get("text/html", "").startswith("<iframe srcdoc=")]
    assert len(frames) == 1
    assert "GA-2025-93-RES-03" in frames[0]


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    dirty = [c.source.splitlines()[0] for c in code if c.outputs or c.execution_count is not None]
    assert dirty == [], "commit the notebook without outputs (Jupyter: Clear All Outputs)"


def test_python_twin_is_in_sync():
    """jupytext reads both files to the same cells (run `jupytext --sync notebooks/analysis.ipynb`)."""
    def cells(path):
        nb = jupytext.read(path)
        return [(c.cell_type, c.source.strip()) for c in nb.cells]

    assert cells(TWIN) == cells(NOTEBOOK)
    paired = nbformat.read(NOTEBOOK, as_version=4).metadata.get("jupytext", {}).get("formats", "")
    assert "py:percent" in paired


# ---------------------------------------------------------------- the public API the notebook uses

@pytest.fixture(scope="module")
def sample():
    from rdflib import Graph

    return Graph(store="Oxigraph").parse(ROOT / "tests" / "fixtures" / "sample-graph.ttl")


def test_query_df_gives_readable_values_and_takes_keyword_named_params(sample):
    import datetime

    from resograph import api
    from resograph.core.errors import UserError

    chain = api.query_df(sample, "un-interpol-chain", {"from": "GA-2025-93-RES-03"})
    keys = list(chain["key"])
    assert "A/RES/51/1" in keys and keys[-1] == "A/RES/79/136"          # oldest first
    assert isinstance(chain["date"][0], datetime.date)
    assert chain["from"][0] == "id:GA-2025-93-RES-03"          # IRIs shortened with the usual prefixes
    assert api.query_df(sample, "cites-transitively") is True    # ASK → bool, declared defaults apply
    with pytest.raises(UserError, match="unknown parameter"):
        api.query_df(sample, "cited-by", nonsense="x")


def test_inline_html_keeps_the_page_whole_and_ascii():
    from resograph import api

    frame = api.inline_html('<p title="a">Coopération & <b>x</b></p><script>1</script>')
    assert frame.isascii() and frame.startswith("<iframe srcdoc=")
    assert "<script>" not in frame and "&amp;lt;script&amp;gt;" not in frame   # escaped once, not twice
    assert "Coop&#233;ration" in frame


def test_query_results_and_the_network_title_instruments_alike(sample):
    """One title rule: query_df's titles are the network's (registry title, else the citing words,
    marked; never the key)."""
    from resograph import api

    cited = api.query_df(sample, "cited-by", doc="GA-2025-93-RES-03")
    G = api.network(sample)
    titles = {k: (t if isinstance(t, str) else None) for k, t in zip(cited["key"], cited["title"])}
    assert titles == {k: G.nodes[k]["title"] for k in titles}
    assert all(t != k for k, t in titles.items())
    # the sample names A/RES/51/1 in its registry; many UN resolutions only by their symbol
    assert titles["A/RES/51/1"].startswith("Observer status") and None in titles.values()
