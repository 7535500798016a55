"""The public API: one list of it (resograph.api.__all__), re-exported lazily by the package."""

from __future__ import annotations

import subprocess
import sys

import pytest
from corpus import SEED

import resograph
from resograph import api

PROMISED = {"extract", "build", "open_graph", "query_df", "network", "explorer_html"}  # issue 14


def test_the_package_exports_what_the_api_module_lists_and_nothing_else():
    assert PROMISED <= set(api.__all__)
    assert resograph.__all__ == ["__version__", *api.__all__]
    for name in api.__all__:
        assert getattr(resograph, name) is getattr(api, name), name
    assert set(api.__all__) <= set(dir(resograph))


def test_from_resograph_import_the_promised_names():
    namespace: dict = {}
    exec("from resograph import extract, build, open_graph, query_df, network, explorer_html", namespace)
    assert namespace["build"] is api.build and namespace["extract"] is api.extract
    star: dict = {}
    exec("from resograph import *", star)
    assert set(api.__all__) | {"__version__"} <= set(star)


def test_an_unknown_or_private_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        resograph.nothing_here  # noqa: B018
    with pytest.raises(AttributeError):
        resograph._run_build  # noqa: B018  (api's private import is not re-exported)
    with pytest.raises(ImportError):
        exec("from resograph import sparql_gate_internals", {})


def test_importing_the_package_loads_none_of_the_pipeline():
    code = ("import sys, resograph; heavy = ['rdflib', 'networkx', 'pandas', 'pyoxigraph', 'pyvis', "
            "'resograph.api', 'resograph.reading']; print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
    code = "import sys, resograph; resograph.extract; print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"  # the first use loads it


def test_the_api_extracts_builds_and_queries_the_seed(tmp_path):
    from resograph import build, extract, open_graph, query_df

    x = extract("The General Assembly,\n\nRecalling its resolution 79/136 of 6 December 2024,\n")
    assert [(c.paragraph, c.target, c.function) for c in x.citations] == [("pp_1", "A/RES/79/136", "recalling")]
    result = build(SEED, tmp_path / "b")  # one path, not a list: the api wraps it
    assert result.published and result.documents == 1
    cited = query_df(open_graph(tmp_path / "b"), "cited-by", doc="GA-2025-93-RES-03")
    assert "A/RES/51/1" in set(cited["key"])  # the seed recalls A/RES/51/1 (pp_8, DESIGN.md example)
