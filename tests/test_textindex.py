"""The text index of paragraph search (resograph.graph.textindex, resograph.query.textsearch): the
index narrows, the query decides, so the rows are those of the plain query — on the dev corpus, a
synthetic build and after incremental rebuilds — and a missing or stale index falls back to the scan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from resograph.graph import textindex
from resograph.graph.build import build
from resograph.graph.store import open_build
from resograph.query import sparql, textsearch
from resograph.query.server import _run_job

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
QUERY = sparql.load_catalogue()["paragraph-search"]
TRICKY = ["cybercrim", "INTERPOL", "i-24/7", "É", "états", "ÉTATS", "résolution", "a", "de", "zz",
          '"', '""', 'x"y', "*", "cyber*", "NEAR", "NEAR(a b)", "a OR b", "OR", "AND", "(", ":",
          "no such words anywhere", " de ", "Σ", "ς"]


def rows(graph, term: str) -> list[tuple]:
    return [tuple(r) for r in sparql.run(graph, QUERY.text, sparql.bindings(QUERY, {"term": term}))]


def scanned(graph, term: str) -> list[tuple]:
    """The rows of the plain query (the index not looked at)."""
    generation, graph.store.generation = graph.store.generation, None
    try:
        return rows(graph, term)
    finally:
        graph.store.generation = generation


def narrowed(graph, term: str) -> bool:
    init = sparql.bindings(QUERY, {"term": term})
    return textsearch.narrow(QUERY.text, init, graph.store.generation) != QUERY.text


def test_terms_are_folded_as_lcase_and_quoted_as_one_phrase(tmp_path):
    gen = tmp_path / "stores" / "gen-x"
    gen.mkdir(parents=True)
    texts = {"http://x/1": "ÉTATS membres", "http://x/2": "Los Estados, año", "http://x/3": "ΟΔΟΣ Σ",
             "http://x/4": 'say "NEAR" OR cyber* (a b)', "http://x/5": "x\U00016eb8 unknown letter"}
    index = textindex.write(gen, texts.items())
    assert index == textindex.index_path(gen) and textindex.usable(index, "gen-x")

    def found(term):
        return set(textindex.candidates(index, "gen-x", term)) - {"http://x/5"}

    assert textindex.candidates(index, "gen-x", "etats") == ["http://x/5"]  # an unsure text: always
    assert found("états") == found("ÉTATS") == found("éTaTs") == {"http://x/1"}
    assert found("AÑO") == {"http://x/2"} and found("ñ") == {"http://x/2"}  # short: scanned
    assert found("οδος") == found("ΟΔΟΣ") == found("οδοσ") == found("σ") == {"http://x/3"}
    assert found('"near"') == found('"NEAR" OR') == found("cyber*") == found("(a b)") == {"http://x/4"}
    assert found("a OR b") == found("NEAR(") == found('""') == set()
    assert textindex.candidates(index, "gen-x", "") is None  # every paragraph: no narrowing
    assert textindex.candidates(index, "gen-other", "états") is None  # not this generation's index


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is absent")
def test_same_rows_with_and_without_the_index_on_the_dev_corpus(tmp_path):
    out = tmp_path / "dev"
    assert build([DEV], out, quiet=True, formats="nt").published
    g, memory = open_build(out), open_build(out, store="memory")
    assert textindex.index_path(g.store.generation).is_file()
    for term in TRICKY:
        got = rows(g, term)
        assert got == scanned(g, term), term
        assert narrowed(g, term)
    for term in ("INTERPOL", "états", "a", "NEAR"):  # rdflib: slower, so a few
        assert sorted(map(_norm, rows(g, term))) == sorted(map(_norm, rows(memory, term))), term
    assert rows(g, "INTERPOL") and rows(g, "é") and not rows(g, "a OR b")


def _norm(row: tuple) -> tuple:
    """GROUP_CONCAT's order is the engine's: citations compared as sets."""
    return tuple(", ".join(sorted(str(t).split(", "))) if i == 4 and t is not None else t
                 for i, t in enumerate(row))


def index_rows(out: Path) -> set[tuple[str, str]]:
    import sqlite3

    gen = (out / "store").resolve()
    with sqlite3.connect(textindex.index_path(gen)) as db:
        return set(db.execute("SELECT iri, folded FROM paragraph"))


def test_rebuilds_keep_the_index_of_each_generation_current(tmp_path, synth_corpus):
    out = tmp_path / "b"
    assert build([synth_corpus], out, quiet=True, formats="none").published
    src = sorted(synth_corpus.glob("*.txt"))[3]
    text = src.read_text(encoding="utf-8")
    first = text.index("\n\n") + 2
    src.write_text(text[:first] + "Welcoming the Zebracrossing Accord,\n\n" + text[first:],
                   encoding="utf-8")
    build([synth_corpus], out, quiet=True, formats="none")
    g = open_build(out)
    found = rows(g, "zebraCROSSING")
    assert len(found) == 1 and found == scanned(g, "zebraCROSSING")
    assert narrowed(g, "zebracrossing")
    cold = tmp_path / "cold"
    build([synth_corpus], cold, quiet=True, formats="none")
    assert index_rows(out) == index_rows(cold)  # the delta applied = the cold index
    src.unlink()  # a document removed: its paragraphs leave the index
    build([synth_corpus], out, quiet=True, formats="none")
    g = open_build(out)
    assert rows(g, "zebracrossing") == [] and narrowed(g, "zebracrossing")
    for term in ("interpol", "the", "resolution", "xy"):
        assert rows(g, term) == scanned(g, term)
    assert len(list((out / textindex.DIR).iterdir())) <= 2  # the current and the previous one


def test_a_stale_or_missing_index_is_not_used(tmp_path, synth_corpus):
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats="none")
    old_index = textindex.index_path((out / "store").resolve())
    stale = tmp_path / "stale.sqlite"
    shutil.copy(old_index, stale)
    src = sorted(synth_corpus.glob("*.txt"))[0]
    src.write_text(src.read_text(encoding="utf-8").replace("\n\n", "\n\nNoting the Quokkafund,\n\n", 1),
                   encoding="utf-8")
    build([synth_corpus], out, quiet=True, formats="none")
    g = open_build(out)
    assert rows(g, "quokkafund")
    index = textindex.index_path(g.store.generation)
    shutil.copy(stale, index)  # the previous generation's index in place of this one's
    assert not narrowed(g, "quokkafund") and rows(g, "quokkafund") == scanned(g, "quokkafund")
    index.write_bytes(b"not a database")
    assert not narrowed(g, "quokkafund") and rows(g, "quokkafund")
    index.unlink()
    assert not narrowed(g, "quokkafund") and rows(g, "quokkafund")


def test_the_endpoint_workers_narrow_named_queries_too(tmp_path, synth_corpus):
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats="none")
    generation = str((out / "store").resolve())
    store = ox.Store.read_only(generation)
    text, init = sparql.apply_limit(QUERY.text, sparql.bindings(QUERY, {"term": "interpol"}))
    job = {"query": text, "bindings": init, "default_graphs": [], "named_graphs": [],
           "uses_from": False, "max_rows": 0, "format": "tsv"}
    with_index = _run_job(store, job, False, generation)
    assert with_index[0] == "ok" and with_index[2] > 0
    assert with_index == _run_job(store, job, False, None)


@pytest.mark.slow  # a store of 1.1 million literals
def test_python_folding_agrees_with_oxigraph_lcase_wherever_python_knows_the_letter():
    import sys
    import unicodedata

    store = ox.Store()
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    store.extend([ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/t"),
                          ox.Literal("A" + ch + "Σ")) for i, ch in enumerate(chars)])
    for row in store.query("SELECT ?t (LCASE(?t) AS ?l) WHERE { ?s <http://x/t> ?t }"):
        text, lcase = row[0].value, row[1].value
        folded, sure = textindex.fold(text)
        if sure:
            assert folded == lcase.replace("ς", "σ"), [hex(ord(c)) for c in text]
        else:
            assert unicodedata.category(text[1]) == "Cn"
