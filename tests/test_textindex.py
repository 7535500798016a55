"""The text index of paragraph search (resograph.graph.textindex, resograph.query.textsearch): the
index narrows, the query decides, so the rows are those of the plain query — on the dev corpus, a
synthetic build and after incremental rebuilds — and a missing or stale index falls back to the scan.
With the row cap, the narrowed query gives the first `limit` rows of the plain uncapped answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal

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


def rows(graph, term: str, limit: str = "all") -> list[tuple]:
    """The rows of paragraph-search (uncapped unless `limit` says)."""
    init = sparql.bindings(QUERY, {"term": term, "limit": limit})
    return [tuple(r) for r in sparql.run(graph, QUERY.text, init)]


def scanned(graph, term: str, limit: str = "all") -> list[tuple]:
    """The rows of the plain query (the index not looked at)."""
    generation, graph.store.generation = graph.store.generation, None
    try:
        return rows(graph, term, limit)
    finally:
        graph.store.generation = generation


def narrowed(graph, term: str, limit: str = "all") -> bool:
    text, init = sparql.apply_limit(QUERY.text, sparql.bindings(QUERY, {"term": term, "limit": limit}))
    return textsearch.narrow(text, init, graph.store.generation) != text


def values_written(graph, term: str, limit: str) -> int:
    """How many paragraphs the narrowed query starts from."""
    text, init = sparql.apply_limit(QUERY.text, sparql.bindings(QUERY, {"term": term, "limit": limit}))
    narrowed_text = textsearch.narrow(text, init, graph.store.generation)
    first = narrowed_text[narrowed_text.index("VALUES ?par {"):]
    return first[:first.index("}")].count("<")


def assert_capped_rows_are_the_first(graph, terms, limits=(1, 2, 3, 7, 40)) -> None:
    """The narrowed capped rows = the first `limit` rows of the plain uncapped answer. The query's
    order is total on these corpora (a paragraph's document, kind and position are unique), so the
    first rows are one list; GROUP_CONCAT's order is the engine's (compared as sets)."""
    for term in terms:
        plain = [_norm(r) for r in scanned(graph, term)]
        for limit in limits:
            capped = [_norm(r) for r in rows(graph, term, str(limit))]
            assert capped == plain[:limit], (term, limit)
            assert len(capped) == min(limit, len(plain))


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


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is absent")
def test_capped_rows_are_the_first_rows_of_the_plain_answer_on_the_dev_corpus(tmp_path):
    out = tmp_path / "dev"
    assert build([DEV], out, quiet=True, formats="none").published
    g = open_build(out)
    assert_capped_rows_are_the_first(g, TRICKY)
    # the cap narrows to fewer paragraphs than the term's candidates
    assert values_written(g, "interpol", "3") < values_written(g, "interpol", "all")
    for term in ("interpol", "de", "a"):  # memory store: the plain text with its LIMIT
        memory = open_build(out, store="memory")
        assert [_norm(r) for r in rows(memory, term, "5")] == [_norm(r) for r in rows(g, term, "5")]


@pytest.fixture(scope="module")
def synth_build(tmp_path_factory):
    """A synthetic corpus of 120 texts built once (its paragraphs spread over many documents)."""
    from resograph.tools.synth import write_corpus

    root = tmp_path_factory.mktemp("synth120")
    write_corpus(root / "corpus", 120, 7)
    assert build([root / "corpus"], root / "b", quiet=True, formats="none").published
    return root / "b"


def test_capped_rows_are_the_first_rows_of_the_plain_answer_on_a_synthetic_corpus(synth_build):
    g = open_build(synth_build)
    terms = ["cybercrim", "interpol", "the", "resolution", "de", "a", "zz", "no such words anywhere"]
    assert_capped_rows_are_the_first(g, terms, limits=(1, 5, 37, 100))
    assert values_written(g, "the", "5") < 40 < values_written(g, "the", "all")


def test_the_places_are_the_query_order(synth_build):
    """Each paragraph's place in the index = its least (document, kind, position) in the query."""
    import sqlite3

    g = open_build(synth_build)
    gen = Path(g.store.generation)
    with sqlite3.connect(textindex.index_path(gen)) as db:
        stored = {iri: (doc, kind, pos) for iri, doc, kind, pos, ordered in
                  db.execute("SELECT iri, document, kind, position, ordered FROM paragraph") if ordered}
    query = """PREFIX rg: <https://w3id.org/resograph/ontology#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?par (MIN(?document) AS ?d) (MIN(IF(STRSTARTS(?e, "pp_"), 0, 1)) AS ?k) (MIN(?pos) AS ?p)
        WHERE { ?par rg:text ?t ; rg:eId ?e ; eli:is_part_of ?doc . ?doc dcterms:identifier ?document .
                OPTIONAL { ?par rg:position ?pos } } GROUP BY ?par"""
    expected = {str(r[0]): (str(r[1]), int(r[2]), int(r[3]) if r[3] is not None else None)
                for r in sparql.run(g, query)}
    assert stored == expected and len(stored) > 1000


def test_places_and_the_capped_candidates(tmp_path):
    """Unit rules: the least values; unknown places; the stop after the limit-th paragraph that
    counts, ties included; unordered, unsure and σ never count."""
    lit = ox.Literal
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert textindex.place([lit("B"), lit("A")], [lit("op_2"), lit("pp_3")],
                           [lit("3", datatype=integer), lit("2", datatype=integer)]) == ("A", 0, 2, 1)
    assert textindex.place([lit("A")], [lit("op_1")], []) == ("A", 1, None, 1)
    unknown = [([], [lit("pp_1")], []), ([lit("A")], [], []), ([lit("A", language="en")], [lit("pp_1")], []),
               ([lit("A")], [lit("pp_1")], [lit("one")]), ([ox.NamedNode("http://x/A")], [lit("pp_1")], []),
               ([lit("A")], [lit("pp_1")], [lit("9" * 30, datatype=integer)])]
    for args in unknown:
        assert textindex.place(*args) == textindex.UNORDERED, args
    gen = tmp_path / "stores" / "gen-y"
    gen.mkdir(parents=True)
    P = textindex.Place
    texts = {"http://x/1": ("abc ok", P("A", 0, 1, 1)), "http://x/2": ("abc ok", P("A", 1, 1, 1)),
             "http://x/3": ("abc \U00016eb8", P("A", 1, 2, 1)),  # unsure: never counts
             "http://x/4": ("abc ok", P("B", 0, 1, 1)), "http://x/5": ("abc ok", P("B", 0, 1, 1)),  # tied
             "http://x/6": ("abc ok", P("C", 0, 1, 1)), "http://x/7": ("abc ok", textindex.UNORDERED),
             "http://x/8": ("ΑΣ ok", P("D", 0, 1, 1))}
    index = textindex.write(gen, ((k, t) for k, (t, _) in texts.items()), {k: p for k, (_, p) in texts.items()})

    def first(term, limit):
        return set(textindex.candidates(index, "gen-y", term, limit))

    assert first("ABC", 1) == {"http://x/7", "http://x/1"}  # x/7: unordered, in any case
    assert first("abc", 2) == {"http://x/7", "http://x/1", "http://x/2"}
    assert first("abc", 3) == {"http://x/7", "http://x/1", "http://x/2", "http://x/3", "http://x/4", "http://x/5"}
    assert first("abc", 99) == set(textindex.candidates(index, "gen-y", "abc"))
    assert first("ok", 1) == {"http://x/7", "http://x/1"}  # short: the ordered scan
    assert first("σ", 1) == set(textindex.candidates(index, "gen-y", "σ")) == {"http://x/3", "http://x/8"}
    # a rebuild: a place changed (the row moves after the ordered block), a paragraph added, one removed
    gen2 = tmp_path / "stores" / "gen-z"
    gen2.mkdir()
    index = textindex.update(gen, gen2, [("http://x/1", "abc ok")], [("http://x/9", "ABC")],
                             {"http://x/6": P("A", 0, 0, 1), "http://x/9": P("A", 0, 0, 1)})
    assert textindex.usable(index, "gen-z")

    def first2(term, limit):
        return set(textindex.candidates(index, "gen-z", term, limit))

    assert first2("abc", 1) == {"http://x/7", "http://x/6", "http://x/9"}  # tied at the new first place
    assert first2("abc", 3) == {"http://x/7", "http://x/6", "http://x/9", "http://x/2"}
    assert first2("ok", 2) == {"http://x/7", "http://x/6", "http://x/2"}


def _norm(row: tuple) -> tuple:
    """GROUP_CONCAT's order is the engine's: citations compared as sets."""
    return tuple(", ".join(sorted(str(t).split(", "))) if i == 4 and t is not None else t
                 for i, t in enumerate(row))


def index_rows(out: Path) -> set[tuple]:
    import sqlite3

    gen = (out / "store").resolve()
    with sqlite3.connect(textindex.index_path(gen)) as db:
        return set(db.execute("SELECT iri, folded, document, kind, position, ordered FROM paragraph"))


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
    assert_capped_rows_are_the_first(g, ["zebracrossing", "interpol", "the", "de"], limits=(1, 5, 37))
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
    # capped (`/queries/paragraph-search?term=interpol&limit=3`): the index gives only what 3 rows need
    text, init = sparql.apply_limit(QUERY.text, sparql.bindings(QUERY, {"term": "interpol", "limit": "3"}))
    assert textsearch.narrow(text, init, generation).count("<https://w3id.org/resograph/id/") \
        < textsearch.narrow(QUERY.text, init, generation).count("<https://w3id.org/resograph/id/")
    capped = _run_job(store, {**job, "query": text, "bindings": init}, False, generation)
    assert capped == _run_job(store, {**job, "query": text, "bindings": init}, False, None)
    assert capped[0] == "ok" and capped[2] == 3


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


SUBSELECTS = """# Sub-selects that project ?par plainly (narrowed) and others (left alone).
# @text-index par term
PREFIX rg: <https://w3id.org/resograph/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?term ?par ?n ?one ?other ?first ?m WHERE {
  ?par rg:text ?text . FILTER(CONTAINS(LCASE(STR(?text)), LCASE(STR(?term))))
  OPTIONAL { SELECT ?par (COUNT(?x) AS ?n) WHERE { ?par eli:cites ?x } GROUP BY ?par }
  OPTIONAL { SELECT (SAMPLE(?par) AS ?one) WHERE { ?par eli:cites ?y } }
  OPTIONAL { SELECT ?other WHERE { ?other eli:cites ?par2 } ORDER BY ?other LIMIT 1 }
  OPTIONAL { SELECT ?par ?first WHERE { ?par eli:cites ?first } ORDER BY ?first LIMIT 3 }
  OPTIONAL { SELECT (STR(?par) AS ?m) WHERE { ?par rg:eId ?e } LIMIT 1 }
}"""


def test_narrowing_writes_values_only_into_subselects_that_project_the_variable(synth_build):
    """Only the GROUP BY ?par sub-select gets the VALUES: the others project no plain ?par, or
    have a LIMIT of their own (restricting ?par there would change which rows they keep)."""
    g = open_build(synth_build)
    first = SUBSELECTS.index("SELECT ?par (COUNT")
    assert textsearch.subselects(SUBSELECTS, "par") == [SUBSELECTS.index("{", first) + 1]
    assert textsearch.subselects(SUBSELECTS, "other") == []  # it has its LIMIT
    assert textsearch.subselects(SUBSELECTS, "n") == []  # only in an expression
    init = {"term": Literal("interpol")}
    text = textsearch.narrow(SUBSELECTS, init, g.store.generation)
    assert text.count("VALUES ?par {") == 2
    assert text.index("VALUES ?par {", text.index("SELECT ?par (COUNT")) < text.index("SELECT (SAMPLE")
    for unchanged in ("WHERE { ?par eli:cites ?y }", "WHERE { ?other eli:cites ?par2 }",
                      "WHERE { ?par eli:cites ?first }", "WHERE { ?par rg:eId ?e }"):
        assert unchanged in text
    def answer(t):
        return sorted(tuple(map(str, r)) for r in sparql.run(g, t, init))
    assert answer(text) == answer(SUBSELECTS) and answer(text)
