"""`resograph bench`: every figure the issue lists is present, consistent, or says why it is missing.

One real run at two tiny sizes (cold builds on both stores, the queries, the explorer, the
rebuilds; at the larger size the memory store as above `memory_max_docs`: the graph parsed, not
rebuilt); no timing is asserted, only that the figures exist and agree with each other.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from resograph import cli
from resograph.tools import bench
from resograph.query import sparql
from resograph.commands.bench import report

SIZE, LARGER = 3, 5
CR_UNSC = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cr-unsc"
REAL = (338, 425, 426)  # 426 cites 425: each copy is a small network
pytestmark = pytest.mark.slow  # one real bench run (two corpora, both stores, 2 x 3 real texts): ~40 s


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    budgets = bench.Budgets(runs=1, query_s=60, memory_query_s=60, explore_s=300, build_s=600,
                            memory_max_docs=SIZE)
    corpus = work / f"corpus-{SIZE}"
    real = None
    if CR_UNSC.is_dir():
        real = work / "cr-unsc-part"
        real.mkdir()
        for n in REAL:
            for p in CR_UNSC.glob(f"S_RES_{n:04d}_*.txt"):
                shutil.copy(p, real / p.name)
    result = bench.run([LARGER, SIZE], work, seed=0, budgets=budgets, log=lambda _msg: None,
                       real=real, real_copies=2)
    return result, corpus


def test_extraction_figures_agree(run):
    result, _ = run
    assert result["sizes"] == [SIZE, LARGER]
    ex = result["extraction"]  # on the largest corpus
    assert ex["docs"] == LARGER and ex["mb"] > 0
    assert ex["mb_per_s"] == pytest.approx(ex["mb"] / ex["seconds"])
    assert ex["floor_ratio"] == pytest.approx(ex["seconds"] / ex["floor_seconds"])
    assert ex["f1"]["lenient"]["tp"] > 0 and 0 < ex["f1"]["strict"]["f1"] <= 1
    par = result["parallel"]
    assert par["docs"] == LARGER and par["workers"] >= 1
    assert par["speedup"] == pytest.approx(par["one_core_s"] / par["pool_s"])


def test_both_stores_build_the_same_graph(run):
    result, _ = run
    ox, mem = result["builds"][SIZE]["oxigraph"], result["builds"][SIZE]["memory"]
    for r in (ox, mem):
        assert "error" not in r, r
        assert r["published"] and r["documents"] == SIZE
        assert r["store_triples"] == r["triples"] > 0  # the store answers with what was built
        assert r["ready_s"] >= r["open_s"] > 0
        assert r["build_cpu_s"] > 0 and r["maxrss_mib"] > 0
        assert "validate" in r["stages"] and "extract" in r["stages"]
    assert ox["triples"] == mem["triples"]
    assert "store" in ox["stages"] and "store" not in mem["stages"]


def test_above_memory_max_docs_the_memory_store_is_loaded_not_rebuilt(run):
    result, _ = run
    ox, mem = result["builds"][LARGER]["oxigraph"], result["builds"][LARGER]["memory"]
    assert "build_s" not in mem and mem["build_skipped"]
    assert mem["store_triples"] == ox["triples"] and mem["load_s"] > 0
    assert set(mem["queries"]) == set(sparql.load_catalogue())  # run, or skipped with the reason
    assert "parse resograph.nt" in report(result)
    assert result["explorer"][LARGER]["memory"]["skipped"]


@pytest.mark.parametrize("key", ["queries", "queries_user"])
def test_every_named_query_has_a_figure_on_both_stores_in_both_modes(run, key):
    result, _ = run
    names = set(sparql.load_catalogue())
    for store in ("oxigraph", "memory"):
        qs = result["builds"][SIZE][store][key]
        assert set(qs) == names
        for name, r in qs.items():
            assert ("median_ms" in r and r["runs"] >= 1) or r["error"].startswith("n/a ("), (store, name, r)
    assert set(result["builds"][LARGER]["memory"][key]) == names  # run, or skipped with the reason
    # where the two stores answer the same bindings with different row counts, the table says so
    ox, mem = (result["builds"][SIZE][s][key] for s in ("oxigraph", "memory"))
    both = [n for n in names if "rows" in ox[n] and "rows" in mem[n]]
    differ = {n for n in both if ox[n]["rows"] != mem[n]["rows"]}
    assert both and set(bench.row_mismatches(result["builds"][SIZE], key)) == differ
    text = report(result)
    assert all(f"{n} (oxigraph {ox[n]['rows']}, memory {mem[n]['rows']})" in text for n in differ)


def test_the_modes_differ_where_a_query_leaves_an_optional_parameter_open(run):
    result, _ = run
    ox = result["builds"][SIZE]["oxigraph"]
    # `citations-by-body` counts one document's citations in the worst case, every document's as a user runs it
    assert ox["queries"]["citations-by-body"]["rows"] <= ox["queries_user"]["citations-by-body"]["rows"]
    assert ox["queries"]["instrument"]["rows"] >= 1  # bound to the most cited instrument


@pytest.mark.skipif(not CR_UNSC.is_dir(), reason="needs ../shared/corpus/cr-unsc beside the checkout")
def test_the_real_corpus_is_built_as_renumbered_copies(run):
    result, _ = run
    real = result["real"]
    assert real["copies"] == 2 and real["docs_written"] == 2 * len(REAL)
    assert real["renumbering"]["docs_differing"] == 0 and real["renumbering"]["offset"] == 1000
    assert real["extraction"]["docs"] == len(REAL) and real["bindings"]["doc"].startswith("S/RES/")
    b = real["build"]
    assert b["published"] and b["documents"] == 2 * len(REAL)
    names = set(sparql.load_catalogue())
    assert set(b["queries"]) == set(b["queries_user"]) == names
    assert b["queries"]["cited-by"]["rows"] > 0  # the most-citing text cites within its copy
    assert real["incremental"]["one_changed"]["published"]
    text = report(result)
    assert "REAL CORPUS" in text and "real×2 oxi" in text and "3 of 3 texts read as the original" in text


def test_rebuilds_leave_the_corpus_as_it_was(run):
    result, corpus = run
    inc = result["incremental"][SIZE]
    for key in ("unchanged", "one_changed"):
        assert inc[key]["published"], inc[key]
    for key in ("unchanged_store_only", "one_changed_store_only"):
        r = inc[key]
        assert r.get("published") or r["error"].startswith("n/a ("), r
    changed = corpus / inc["changed_file"]
    gold = json.loads(changed.with_name(changed.stem + ".gold.json").read_text(encoding="utf-8"))
    assert gold["symbol"] and "[amended]" not in changed.read_text(encoding="utf-8")


def test_explorer_on_both_stores(run):
    result, _ = run
    per = result["explorer"][SIZE]
    assert per["oxigraph"]["nodes"] > 0 and per["oxigraph"]["html_bytes"] > 0
    assert per["memory"]["nodes"] == per["oxigraph"]["nodes"]


def test_report_names_every_section_and_is_json(run):
    result, _ = run
    text = report(result)
    for section in ("EXTRACTION", "floor", "F1", "PARALLEL", "BUILD", "memory ÷ oxigraph", "SHACL validation",
                    "REBUILD", "NAMED QUERIES", "EXPLORER", "budgets:", "commit", "THIS RUN"):
        assert section in text
    assert json.loads(json.dumps(result))["commit"]["commit"]


def _fake_result() -> dict:
    r = {"machine": bench.machine(), "targets": bench.TARGETS, "budgets": vars(bench.Budgets()),
         "extraction": {"error": "n/a (not available: x)"}, "parallel": {"error": "n/a (not available: x)"},
         "incremental": {}, "explorer": {1000: {"memory": {"error": "n/a (memory store: explorer at 100 docs only)"}}},
         "builds": {1000: {"oxigraph": {"error": "n/a (> 60 s)", "over_budget_s": 60}}}}
    r["builds"][1000]["memory"] = {"queries": {"citations": {"error": "n/a (> 5 s)", "over_budget_s": 5},
                                               "instrument": {"median_ms": 3.0, "runs": 1, "warm_up_only": True},
                                               "documents": {"error": "n/a (not run: > 5 s at 100 docs)",
                                                             "skipped": True}},
                                   "queries_user": {"instrument": {"median_ms": 7.25, "runs": 3}},
                                   "error": "n/a (failed: boom)"}
    return r


def test_missing_figures_print_their_reason():
    r = _fake_result()
    r["real"] = {"error": "n/a (skipped: no Security Council texts in /nowhere)", "skipped": True}
    text = report(r)
    assert "REAL CORPUS" in text and "n/a (skipped: no Security Council texts in /nowhere)" in text
    assert "n/a (> 60 s)" in text and "n/a (failed: boom)" in text
    assert "> 5 s" in text and "3.0¹ / 7.2" in text and "not run²" in text
    assert "explorer at 100 docs only" in text and "n/a (no Oxigraph build)" in text
    assert "parsed from resograph.nt above" in text
    r["budgets"]["memory_load"] = False  # make bench: the memory store at its smallest size only
    assert "left out above" in report(r)


def test_memory_plan_skips_what_cannot_finish_in_budget():
    result = {"builds": {1000: {"memory": {"queries": {
        "fast": {"median_ms": 10.0}, "slow": {"median_ms": 900.0},
        "over": {"error": "n/a (> 5 s)", "over_budget_s": 5}}}}}}
    run_names, skipped = bench._memory_plan(result, 10_000, ["fast", "slow", "over", "new"], budget_s=5)
    assert run_names == ["fast"]  # 10 ms x 10 fits in half of 5 s; 900 ms x 10 does not
    assert set(skipped) == {"slow", "over", "new"} and all(s["skipped"] for s in skipped.values())


def test_amended_changes_one_place():
    text = "TITLE\n\nRAPPELANT sa résolution\nPREND NOTE du rapport\nDÉCIDE de\n"
    new = bench.amended(text)
    assert new != text and new.replace("[amended] ", "", 1) == text


def test_bad_size_is_a_one_line_error(capsys):
    assert cli.main(["bench", "--docs", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--docs 0" in err[0]


def test_an_item_over_budget_is_killed_and_reported():
    import queue
    import subprocess

    proc = subprocess.Popen(["sleep", "60"], start_new_session=True)  # stands for a child stuck in a query
    lines: queue.Queue = queue.Queue()
    for msg in ({"start": "fast"}, {"name": "fast", "median_ms": 1.0}, {"start": "stuck"}):
        lines.put(json.dumps(msg) + "\n")
    results, remaining = {}, ["fast", "stuck", "after"]
    bench._follow(proc, lines, None, results, remaining, per_item_s=0.2, startup_s=30)
    assert proc.poll() is not None  # killed
    assert results["fast"] == {"median_ms": 1.0}
    assert results["stuck"]["error"] == "n/a (> 0.2 s)" and results["stuck"]["over_budget_s"] == 0.2
    assert remaining == ["after"]  # what a restarted child runs next


def test_a_child_that_cannot_start_reports_why(tmp_path):
    res = bench._stream(["queries", str(tmp_path), "oxigraph", "{}", "1", "5"], ["instrument", "citations"],
                        per_item_s=5, startup_s=120)
    assert set(res) == {"instrument", "citations"}
    assert all(r["error"].startswith("n/a (failed: ") and "no store" in r["error"] for r in res.values())


def test_a_change_of_the_code_during_the_run_is_flagged():
    r = _fake_result()
    r["commit"] = {"commit": "a" * 40, "modified_files": 0, "uncommitted_sha1": None}
    r["commit_at_end"] = dict(r["commit"])
    assert "WARNING" not in report(r)
    r["commit_at_end"]["uncommitted_sha1"] = "b" * 40  # someone edited a file meanwhile
    assert "WARNING: the code changed during this run" in report(r)
    r["commit"]["code_trees"] = "t1 t2 t3"
    r["commit_at_end"] = {**r["commit"], "commit": "c" * 40}  # a commit of docs only: the code is the same
    assert "WARNING" not in report(r)
    r["commit_at_end"]["code_trees"] = "t1' t2 t3"
    assert "WARNING: the code changed during this run" in report(r)


def test_queries_on_an_existing_build_read_their_bindings_from_the_store(tmp_path):
    from collections import Counter

    from rdflib import URIRef

    from resograph.commands.bench import report_on_build
    from resograph.core.paths import sources_dir
    from resograph.graph.build import build
    from resograph.graph.store import open_build

    build([str(sources_dir())], tmp_path / "b", quiet=True, formats="none")
    g = open_build(tmp_path / "b")
    ident = URIRef("http://purl.org/dc/terms/identifier")
    cited = Counter(str(g.value(t, ident)) for t in g.objects(None, URIRef("http://purl.org/spar/cito/hasCitedEntity")))
    top = max(cited.values())
    del g
    result = bench.queries_on_build(tmp_path / "b", bench.Budgets(runs=1, query_s=60), log=lambda _m: None)
    assert result["bindings"]["key"] == max(k for k, n in cited.items() if n == top)
    assert result["bindings"]["doc"] == result["bindings"]["from"] == "GA-2025-93-RES-03"
    names = set(sparql.load_catalogue())
    for key in bench.MODES.values():
        assert set(result["oxigraph"][key]) == names
        assert all("median_ms" in r for r in result["oxigraph"][key].values()), result["oxigraph"][key]
    text = report_on_build(result)
    assert "the build oxi" in text and "worst-case bindings (from the store): doc=GA-2025-93-RES-03" in text
