"""`resograph build` end to end on real texts: SHACL conformance, the shapes can fail, byte-identical
outputs, round trips, an independent parser, one node per key across languages, bad input, a build
killed with SIGKILL at several points, and two builds at once."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import broken_registry
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from resograph.graph.build import FORMATS, BuildLock, build, to_jsonld
from resograph.graph.rdf import CITO, iri_ref
from resograph.core.paths import project_root
from resograph.graph.registry import Registry, load
from resograph.graph.store import open_graph
from resograph.graph.validate import validate

ROOT = project_root()
SEED = ROOT / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"
FIXTURES = Path(__file__).parent / "fixtures"
OUTPUTS = tuple(FORMATS.values())  # the three dump files
CITED_BY_SEED = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?key (SAMPLE(?t) AS ?title) WHERE {
  ?doc dcterms:identifier "GA-2025-93-RES-03" ; eli:cites ?x .
  ?x dcterms:identifier ?key ; dcterms:title ?t .
} GROUP BY ?key ORDER BY ?key
"""


def cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)


def popen_build(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "resograph.cli", "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def variants(tmp: Path, n: int) -> Path:
    """`n` copies of the seed under distinct symbols: a bigger, slower build to interrupt."""
    text = SEED.read_text(encoding="utf-8")
    folder = tmp / "variants"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        symbol = f"GA-2025-93-RES-{40 + i:02d}"
        (folder / f"{symbol}.fr.txt").write_text(text.replace("GA-2025-93-RES-03", symbol),
                                                 encoding="utf-8")
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "build"
    result = build([SEED], out, quiet=True)
    assert result.published
    return out


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load()


# -- the graph ---------------------------------------------------------------------------------

def test_the_seed_build_conforms_to_the_shapes(seed_out, registry):
    data = Graph().parse(seed_out / "resograph.ttl")
    report = validate(data, registry.shapes, registry.ontology)
    assert report.conforms, report.text
    assert report.violations == 0
    run = cli("validate", str(seed_out / "resograph.ttl"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Conforms: True" in run.stdout


def test_removing_a_required_triple_is_reported_as_a_violation(seed_out, registry, tmp_path):
    data = Graph().parse(seed_out / "resograph.ttl")
    citation = URIRef("https://w3id.org/resograph/id/GA-2025-93-RES-03/pp_8/cites/0")
    assert (citation, CITO.hasCitedEntity, None) in data
    data.remove((citation, CITO.hasCitedEntity, None))
    report = validate(data, registry.shapes, registry.ontology)
    assert not report.conforms and report.violations == 1
    assert str(citation) in report.text and "hasCitedEntity" in report.text
    broken = tmp_path / "broken.ttl"
    data.serialize(broken, format="turtle")
    for engine in ("compiled", "pyshacl"):
        run = cli("validate", str(broken), "--engine", engine)
        assert run.returncode == 1, engine
        assert "pp_8/cites/0" in run.stdout and "1 violation" in run.stdout, (engine, run.stdout)


def test_an_instrument_without_a_title_is_a_violation(seed_out, registry):
    data = Graph().parse(seed_out / "resograph.nt", format="nt")
    node = iri_ref("A/RES/51/1")
    data.remove((node, DCTERMS.title, None))
    report = validate(data, registry.shapes, registry.ontology)
    assert not report.conforms
    assert "A/RES/51/1" in report.text and "title" in report.text


def test_validate_rejects_a_file_it_cannot_read(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    run = cli("validate", str(bad))
    assert run.returncode == 2
    assert run.stderr.startswith("resograph: error: ") and len(run.stderr.strip().splitlines()) == 1
    assert cli("validate", str(tmp_path / "missing.ttl")).returncode == 2


def test_the_seed_cites_19_instruments_each_with_a_title(seed_out):
    g = Graph().parse(seed_out / "resograph.ttl")
    rows = list(g.query(CITED_BY_SEED))
    assert len(rows) == 19
    assert "convention:cybercrime-2024/art_41" in {str(r[0]) for r in rows}


def test_outputs_are_byte_identical_from_run_to_run(tmp_path):
    outs = [tmp_path / "one", tmp_path / "two"]
    for out, seed in zip(outs, ("1", "12345")):  # blank-node ids and set order vary with the seed
        run = cli("build", str(SEED), "--out", str(out), "-q", env={"PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
    assert snapshot(outs[0]) == snapshot(outs[1])


def test_turtle_to_jsonld_round_trip_is_isomorphic(seed_out):
    from_ttl = Graph().parse(seed_out / "resograph.ttl")
    again = Graph().parse(data=to_jsonld(from_ttl).decode("utf-8"), format="json-ld")
    assert isomorphic(from_ttl, again)
    written = Graph().parse(seed_out / "resograph.jsonld", format="json-ld")
    assert isomorphic(from_ttl, written)
    assert isomorphic(from_ttl, Graph().parse(seed_out / "resograph.nt", format="nt"))


def test_an_independent_parser_reads_every_output(seed_out):
    expected = len(Graph().parse(seed_out / "resograph.ttl"))
    for name, fmt in (("resograph.ttl", ox.RdfFormat.TURTLE), ("resograph.nt", ox.RdfFormat.N_TRIPLES),
                      ("resograph.jsonld", ox.RdfFormat.JSON_LD)):
        store = ox.Store()
        store.load(path=str(seed_out / name), format=fmt)
        assert len(store) == expected, name
        rows = list(store.query(CITED_BY_SEED))
        assert len(rows) == 19, name


def test_no_timestamps_in_the_outputs(seed_out):
    text = (seed_out / "resograph.ttl").read_text(encoding="utf-8")
    assert not re.search(r'"\d{4}-\d\d-\d\dT\d\d:', text)  # no xsd:dateTime value
    assert time.strftime("%Y-%m-%d") not in text


def test_a_text_in_another_language_citing_the_same_instruments_merges_into_the_same_nodes(tmp_path):
    out = tmp_path / "build"
    result = build([SEED, FIXTURES / "dev02_interpol_en_uncoop.txt"], out, store="memory", quiet=True)
    assert result.documents == 2 and result.report.conforms
    g = Graph().parse(out / "resograph.nt", format="nt")
    ids = Counter(str(o) for o in g.objects(None, DCTERMS.identifier))
    assert ids and max(ids.values()) == 1
    fr, en = iri_ref("GA-2025-93-RES-03"), iri_ref("GA-2025-93-RES-05")
    eli_cites = URIRef("http://data.europa.eu/eli/ontology#cites")
    shared = set(g.objects(fr, eli_cites)) & set(g.objects(en, eli_cites))
    assert {iri_ref("A/RES/51/1"), iri_ref("A/RES/79/136"),
            iri_ref("interpol:vienna-declaration-2023")} <= shared


# -- bad input and failures leave previous outputs alone ----------------------------------------

def test_bad_input_is_one_line_exit_2_and_nothing_written(seed_out, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    before = snapshot(out)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    # two texts of one symbol are flagged, not an error, unless --strict (tests/test_sources.py)
    for args in ([str(empty)], [str(tmp_path / "missing.txt")], [str(SEED), str(copy), "--strict"]):
        run = cli("build", *args, "--out", str(out), "-q")
        assert run.returncode == 2, (args, run.stderr)
        assert run.stderr.startswith("resograph: error: ")
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert snapshot(out) == before
    assert not list(out.glob(".*.tmp-*"))


def test_a_graph_that_does_not_conform_is_not_published(seed_out, tmp_path, registry):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    before = snapshot(out)
    bad = broken_registry(registry)  # an identifier that is not a string
    result = build([SEED], out, registry=bad, quiet=True)
    assert not result.published and not result.report.conforms
    assert snapshot(out) == before
    result = build([SEED], out, registry=bad, quiet=True, allow_invalid=True)
    assert result.published and snapshot(out) != before


# -- faults: SIGKILL and concurrent builds ------------------------------------------------------

# (how the build runs, a progress message to kill it at, whether the store may already be the new
# one then). From scratch: the N-Triples, the store, then publishing store and files. In place (the
# previous build's manifest holds): the store is updated and published first, the dump files after.
KILL_POINTS = [
    ("scratch", "extracting", False), ("scratch", "building the graph", False),
    ("scratch", "validating", False), ("scratch", "writing files", False),
    ("scratch", "loading the Oxigraph store", False), ("scratch", "publishing", True),
    ("in place", "extracting", False), ("in place", "building the graph", False),
    ("in place", "validating", False), ("in place", "updating the Oxigraph store", True),
    ("in place", "publishing", True), ("in place", "writing files", True),
]


@pytest.mark.slow
@pytest.mark.parametrize("how, stage, store_may_be_new", KILL_POINTS)
def test_a_build_killed_at_any_point_leaves_the_previous_outputs_and_store_usable(
        seed_out, tmp_path, how, stage, store_may_be_new):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    if how == "scratch":
        shutil.rmtree(out / ".cache")
    before = snapshot(out)
    count_before = len(open_graph(out))
    sources = variants(tmp_path, 12)
    proc = popen_build(str(sources), "--out", str(out))
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if stage in line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)
    after = snapshot(out)
    if not store_may_be_new:
        assert after == before
    for name, fmt in (("resograph.ttl", "turtle"), ("resograph.nt", "nt"),
                      ("resograph.jsonld", "json-ld")):
        assert len(Graph().parse(out / name, format=fmt)) > 0
    count_killed = len(open_graph(out))
    if not store_may_be_new:
        assert count_killed == count_before
    # the next build runs (the lock died with the process) and cleans the leftovers
    run = cli("build", str(sources), "--out", str(out), "-q")
    assert run.returncode == 0, run.stderr
    assert not list(out.glob(".*.tmp-*"))
    count_new = len(open_graph(out))
    assert count_new == len(Graph().parse(out / "resograph.nt", format="nt"))
    assert count_killed in {count_before, count_new}


def test_a_second_build_while_one_holds_the_lock_gets_a_clear_message(seed_out, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    before = snapshot(out)
    with BuildLock(out):
        run = cli("build", str(SEED), "--out", str(out), "-q")
    assert run.returncode == 2
    assert "another build is running" in run.stderr and str(os.getpid()) in run.stderr
    assert snapshot(out) == before


@pytest.mark.slow
def test_two_builds_at_once_one_waits_out_nothing_corrupted(seed_out, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    sources = variants(tmp_path, 12)
    first = popen_build(str(sources), "--out", str(out))
    for line in first.stderr:
        if "extracting" in line:
            break
    second = cli("build", str(SEED), "--out", str(out), "-q")
    stdout, _ = first.communicate(timeout=300)
    assert first.returncode == 0, stdout
    assert second.returncode == 2
    assert "another build is running" in second.stderr
    g = Graph().parse(out / "resograph.nt", format="nt")
    assert isomorphic(g, Graph().parse(out / "resograph.ttl"))
    assert len(open_graph(out)) == len(g)
    assert "documents      12" in stdout


def test_per_document_validation_agrees_with_the_whole_graph(tmp_path, registry):
    from resograph.reading.extract import extract_file
    from resograph.graph.rdf import document_graph
    from resograph.graph.validate import validate_documents

    sources = [SEED, FIXTURES / "dev02_interpol_en_uncoop.txt"]
    result = build(sources, tmp_path / "b", store="memory", validation="per-document", quiet=True)
    assert result.published and result.report.conforms and result.report.checked == 3
    xs = [extract_file(p) for p in sources]
    corpus = [x.document.symbol for x in xs]
    docs = [(x.document.symbol, document_graph(x, registry, corpus)) for x in xs]
    citation = URIRef("https://w3id.org/resograph/id/GA-2025-93-RES-05/pp_2/cites/0")
    assert (citation, CITO.hasCitationCharacterization, None) in docs[1][1]
    docs[1][1].remove((citation, CITO.hasCitationCharacterization, None))
    report = validate_documents(registry, docs, corpus)
    assert not report.conforms and report.violations == 1
    assert str(citation) in report.text


def test_large_graph_serialisation_is_deterministic_and_the_same_graph(tmp_path, monkeypatch):
    import resograph.graph.outputs as outputs

    monkeypatch.setattr(outputs, "FAST_SERIALISATION", 0)  # take the pyoxigraph writers
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert build([SEED], out, store="memory", quiet=True, formats="nt,ttl,jsonld").published
    assert snapshot(outs[0]) == snapshot(outs[1])
    nt = Graph().parse(outs[0] / "resograph.nt", format="nt")
    assert isomorphic(nt, Graph().parse(outs[0] / "resograph.ttl", format="turtle"))
    assert isomorphic(nt, Graph().parse(outs[0] / "resograph.jsonld", format="json-ld"))
    store = ox.Store()
    store.load(path=str(outs[0] / "resograph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(nt)


# -- dump files are optional; the store is ready first -------------------------------------------

def test_formats_choose_the_dump_files_and_none_leaves_the_store_alone_answering(seed_out, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(seed_out, out, symlinks=True)
    count = len(open_graph(out))
    run = cli("build", str(SEED), "--out", str(out), "-q", "--formats", "none")
    assert run.returncode == 0, run.stderr
    assert not any((out / name).exists() for name in OUTPUTS)  # old dumps would describe an older graph
    assert len(open_graph(out)) == count and "ready" in run.stdout
    result = build([SEED], out, quiet=True, formats="ttl")
    assert [p.name for p, _ in result.files] == ["resograph.ttl", "store"]
    assert not (out / "resograph.nt").exists() and (out / "resograph.ttl").exists()
    assert 0 < result.timings["ready"] <= sum(v for k, v in result.timings.items() if k != "ready")
    assert len(Graph().parse(out / "resograph.ttl")) == count
    full = build([SEED], out, quiet=True)
    assert snapshot(out) == snapshot(seed_out) and len(full.files) == 4
    memory = build([SEED], tmp_path / "mem", quiet=True, store="memory", formats="none")
    assert [p.name for p, _ in memory.files] == ["resograph.nt"]  # what the memory store reads
    bad = cli("build", str(SEED), "--out", str(out), "--formats", "nt,xml")
    assert bad.returncode == 2 and "--formats nt,xml" in bad.stderr and len(bad.stderr.splitlines()) == 1


# -- issue 18: no kill of a build leaves a lock that refuses the next ----------------------------

def child_pids(pid: int) -> list[int]:
    """The processes `pid` forked (its extraction, graph and validation workers)."""
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_when(proc: subprocess.Popen, moment: str, deadline: float) -> list[int]:
    """Wait (at most until `deadline`) for `moment` — "workers": while the build has worker
    processes; else a progress message — then return the workers it has."""
    if moment == "workers":
        while time.monotonic() < deadline and proc.poll() is None:
            kids = child_pids(proc.pid)
            if kids:
                return kids
            time.sleep(0.005)
        return []
    for line in proc.stderr:
        if moment in line or time.monotonic() > deadline:
            break
    return child_pids(proc.pid)


@pytest.mark.slow
@pytest.mark.parametrize("sig, moment", [
    (signal.SIGKILL, "workers"), (signal.SIGTERM, "workers"), (signal.SIGKILL, "extracting"),
    (signal.SIGKILL, "building the graph"), (signal.SIGKILL, "publishing"),
])
def test_a_killed_build_never_locks_out_the_next_one(tmp_path, sig, moment):
    if not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists():
        pytest.skip("needs Linux /proc/PID/task/TID/children to see the build's workers")
    sources = variants(tmp_path, 72)  # enough for the extraction and graph workers (>= 64)
    out = tmp_path / "build"
    proc = popen_build(str(sources), "--out", str(out), "--formats", "nt")
    workers = kill_when(proc, moment, time.monotonic() + 120)
    assert proc.poll() is None, "the build ended before the moment to kill it"
    if moment == "workers":
        assert workers, "the build had no worker process to inherit its lock"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    try:
        run = cli("build", str(sources), "--out", str(out), "-q", "--formats", "nt", timeout=300)
        assert run.returncode == 0, run.stderr
        assert "documents      72" in run.stdout
        # the workers died with their build (none left computing for nobody)
        end = time.monotonic() + 10
        while any(alive(p) for p in workers) and time.monotonic() < end:
            time.sleep(0.05)
        assert not [p for p in workers if alive(p)]
    finally:
        for p in workers:  # the orphans of this test's own build, if the assertion above failed
            if alive(p):
                os.kill(p, signal.SIGKILL)


# -- issue 14: the build is readable: no import cycle among its modules, no function over 60 lines --

BUILD_MODULES = ("build", "rebuild", "run", "sources", "outputs", "incremental", "cache", "store", "lock")


def graph_imports(name: str) -> set[str]:
    """The resograph.graph modules `name` imports, at the top or inside a function."""
    import ast

    tree = ast.parse((ROOT / "src" / "resograph" / "graph" / f"{name}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("resograph.graph."):
                found.add(node.module.split(".")[2])
            elif node.module == "resograph.graph":
                found.update(a.name for a in node.names)
    return found - {name}


def test_the_build_modules_import_each_other_without_a_cycle():
    graph = {m: graph_imports(m) & set(BUILD_MODULES) for m in BUILD_MODULES}
    assert "build" not in set().union(*graph.values())  # nothing below the orchestrator imports it
    done: set[str] = set()

    def visit(m: str, path: tuple[str, ...]) -> None:
        assert m not in path, " -> ".join(path + (m,))
        if m not in done:
            for n in sorted(graph[m]):
                visit(n, path + (m,))
            done.add(m)

    for m in BUILD_MODULES:
        visit(m, ())


def test_no_function_of_the_build_is_over_60_lines():
    import ast

    long = []
    for m in BUILD_MODULES:
        path = ROOT / "src" / "resograph" / "graph" / f"{m}.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > 60:
                    long.append(f"{m}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not long


def test_the_query_table_titles_by_the_one_rule_never_the_key(seed_out):
    """`resograph query … --format table` names instruments as the page and the DataFrames do."""
    from resograph import api

    run = cli("query", "cited-by", "--param", "doc=GA-2025-93-RES-03", "--format", "table",
              "--build", str(seed_out))
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines()[2:] if line.strip() and not line.startswith("(")]
    frame = api.query_df(api.open_graph(seed_out), "cited-by", doc="GA-2025-93-RES-03")
    for key, title in zip(frame["key"], frame["title"]):
        line = next(r for r in rows if r[0] == key)
        assert line.count(key) == 1  # the key is not repeated as its title
        if isinstance(title, str):
            assert title.split()[0] in line
