"""The SPARQL layer: catalogue, parameters as RDF terms, the read-only gate, errors, result formats, CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from resograph.core import keys
from resograph.query import sparql
from resograph.graph.store import PyoxigraphStore
from resograph.cli import main
from resograph.core.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "sample-graph.ttl"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "GA-2025-93-RES-03.fr.gold.json").read_text())


@pytest.fixture(scope="module")
def catalogue():
    return sparql.load_catalogue()


@pytest.fixture(scope="module")
def fixture_graph():
    return Graph(store=PyoxigraphStore()).parse(FIXTURE)  # the store open_build gives: the fast path



# --------------------------------------------------------------------------- catalogue


def test_catalogue_has_at_least_15_described_queries(catalogue):
    assert len(catalogue) >= 15
    for name, q in catalogue.items():
        assert q.description and not q.description.startswith("#"), name
        assert q.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"), name
        assert q.path.read_text(encoding="utf-8").splitlines()[0] == "# " + q.description


def test_every_query_parses_on_both_engines(catalogue, fixture_graph):
    memory = Graph().parse(FIXTURE)
    for q in catalogue.values():
        for g in (fixture_graph, memory):
            sparql.materialise(sparql.run(g, q.text, sparql.bindings(q, {})))


def test_header_rules(tmp_path):
    bad = tmp_path / "x.rq"
    bad.write_text("SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(UserError, match="one-line description"):
        sparql.load_catalogue(tmp_path)
    bad.write_text("# Something.\n# @param nope key\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(UserError, match="not a variable"):
        sparql.load_catalogue(tmp_path)
    bad.write_text("# Something.\n# @param s colour\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(UserError, match="unknown parameter kind"):
        sparql.load_catalogue(tmp_path)
    bad.write_text("# Something.\n# @param o key\nSELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(UserError, match="projection"):
        sparql.load_catalogue(tmp_path)
    bad.write_text("# Something.\n# @param s key = A/RES/79/136 -- the subject\nSELECT * WHERE { ?s ?p ?o }\n")
    (q,) = sparql.load_catalogue(tmp_path).values()
    assert q.params == (sparql.Param("s", "key", "A/RES/79/136", "the subject"),)


# --------------------------------------------------------------------------- parameters


def test_parameter_values_become_rdf_terms():
    assert sparql.to_term("key", "A/RES/79/136") == URIRef(keys.iri("A/RES/79/136"))
    assert sparql.to_term("key", "AG-2025-93-RES-3") == URIRef(keys.iri("GA-2025-93-RES-03"))
    assert sparql.to_term("key", "convention:cybercrime-2024/art_41") == \
        URIRef("https://w3id.org/resograph/id/convention/cybercrime-2024/art_41")
    assert sparql.to_term("iri", "<https://example.org/x>") == URIRef("https://example.org/x")
    assert sparql.to_term("function", "Taking note") == URIRef(keys.CLAUSE_FUNCTION + "taking-note")
    assert sparql.to_term("mechanism", "I-24/7") == URIRef(keys.BASE + "mechanism/i-24-7")
    assert sparql.to_term("mechanism", "mechanism:nexus") == URIRef(keys.BASE + "mechanism/nexus")
    assert sparql.to_term("body", "un-ga") == URIRef(keys.BASE + "body/un-ga")
    assert sparql.to_term("integer", "93") == Literal(93, datatype=XSD.integer)
    assert sparql.to_term("date", "2024-12-06") == Literal("2024-12-06", datatype=XSD.date)
    assert sparql.to_term("string", 'a "quoted" } word') == Literal('a "quoted" } word')
    for kind, value in [("integer", "9x"), ("date", "2024-13-01"), ("key", "A/RES/1 } UNION {"),
                        ("iri", "A/RES/79/136"), ("iri", "http://x/ y"), ("key", "")]:
        with pytest.raises(ValueError):
            sparql.to_term(kind, value)


def test_bindings_fill_defaults_and_name_bad_parameters(catalogue):
    q = catalogue["cited-by"]
    assert sparql.bindings(q, {}) == {"doc": URIRef(keys.iri("GA-2025-93-RES-03"))}
    assert sparql.bindings(q, {"doc": "A/RES/81/23"}) == {"doc": URIRef(keys.iri("A/RES/81/23"))}
    with pytest.raises(UserError, match="unknown parameter 'key'"):
        sparql.bindings(q, {"key": "x"})
    with pytest.raises(UserError, match="number='x'"):
        sparql.bindings(catalogue["session-timeline"], {"number": "x"})
    with pytest.raises(UserError, match="expected NAME=VALUE"):
        sparql.parse_param_args(["novalue"])


def test_a_hostile_parameter_value_stays_a_value(catalogue, fixture_graph):
    """Bindings, not string pasting: quotes and braces in a value cannot change the query."""
    q = catalogue["paragraph-search"]
    hostile = 'x")) } UNION { ?par ?p ?text } #'
    res = sparql.materialise(sparql.run(fixture_graph, q.text, sparql.bindings(q, {"term": hostile})))
    assert res.rows == []
    res = sparql.materialise(sparql.run(fixture_graph, q.text, sparql.bindings(q, {"term": "NEXUS"})))
    assert res.rows and all("NEXUS" in str(r[res.variables.index("text")]) for r in res.rows)


# --------------------------------------------------------------------------- the gate


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
    "PREFIX ex: <http://example.org/>\n# a comment\ninsert data { ex:a ex:b ex:c }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://example.org/g>",
    "BASE <http://x/> WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "ADD DEFAULT TO <http://x/g>",
])
def test_updates_are_refused(text):
    with pytest.raises(sparql.QueryRefused) as info:
        sparql.check_query(text)
    assert info.value.reason == "update"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVIC\\u0045 <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . { SERVICE ?endpoint { ?s ?p ?o } } }",
])
def test_service_is_refused(text):
    with pytest.raises(sparql.QueryRefused) as info:
        sparql.check_query(text)
    assert info.value.reason == "service"
    assert sparql.check_query(text, allow_service=True) == "SELECT"


@pytest.mark.parametrize("text,form", [
    ('SELECT ?service WHERE { ?service <http://x/SERVICE> "LOAD or INSERT" } # SERVICE', "SELECT"),
    ("PREFIX service: <http://x/>\nASK { service:a ?p ?o }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p 'DELETE' }", "CONSTRUCT"),
    ("DESCRIBE <http://example.org/insert>", "DESCRIBE"),
])
def test_the_gate_reads_past_comments_strings_and_iris(text, form):
    assert sparql.check_query(text) == form


# --------------------------------------------------------------------------- syntax errors


def test_syntax_errors_carry_line_and_column(fixture_graph):
    text = "SELECT ?x WHERE {\n  ?x ?y\n}"
    with pytest.raises(sparql.QuerySyntaxError) as info:
        sparql.run(fixture_graph, text, source="q.rq")
    assert info.value.line == 3 and info.value.column in (1, 2)  # Oxigraph points just past the "}"
    assert str(info.value).startswith("q.rq: SPARQL syntax error at line 3, column ")
    with pytest.raises(sparql.QuerySyntaxError) as info:
        sparql.run(Graph(), text)
    assert info.value.line is not None and info.value.column is not None
    with pytest.raises(sparql.QuerySyntaxError):
        sparql.run(fixture_graph, "hello world")


# --------------------------------------------------------------------------- result formats


def _sample_table():
    return sparql.Table(
        ["iri", "text", "lang", "n", "blank", "missing"],
        [(URIRef("https://w3id.org/resograph/id/A/RES/51/1"), Literal('line "one"\ttab\nnext'),
          Literal("Vienne", lang="fr"), Literal(41, datatype=XSD.integer), BNode("b0"), None),
         (URIRef("https://w3id.org/resograph/id/A/RES/79/136"), Literal("plain, with comma"),
          Literal("x", lang="en"), Literal("2024-12-06", datatype=XSD.date), BNode("b1"), None)],
    )


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_formats_read_back_with_rdflib(fmt):
    table = _sample_table()
    data = sparql.serialize(table, fmt)
    back = Result.parse(io.BytesIO(data), format=fmt)
    assert [str(v) for v in back.vars] == table.variables
    rows = list(back)
    assert len(rows) == 2
    for got, want in zip(rows, table.rows):
        assert got[0] == want[0] and str(got[1]) == str(want[1])
        if fmt != "csv":  # CSV keeps values only: no language tags, datatypes or blank-node labels
            assert got[2] == want[2] and got[3] == want[3]
            assert isinstance(got[4], BNode)
        assert got[5] is None


def test_ask_and_graph_formats():
    assert json.loads(sparql.serialize(True, "json")) == {"head": {}, "boolean": True}
    assert Result.parse(io.BytesIO(sparql.serialize(False, "xml")), format="xml").askAnswer is False
    g = Graph()
    g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("é", lang="fr")))
    for fmt, parser in [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"), ("xml", "xml")]:
        back = Graph().parse(data=sparql.serialize(g, fmt), format=parser)
        assert set(back) == set(g), fmt
    with pytest.raises(UserError):
        sparql.serialize(g, "csv")


# --------------------------------------------------------------------------- command line


def test_cli_query_named_with_param(seed_build, capsys):
    assert main(["query", "cited-by", "--build", str(seed_build), "--format", "json",
                 "--param", "doc=GA-2025-93-RES-03"]) == 0
    out = json.loads(capsys.readouterr().out)
    keys_found = {b["key"]["value"] for b in out["results"]["bindings"]}
    assert keys_found == {c["target"] for c in GOLD["citations"]}
    assert len(keys_found) == 19


def test_cli_table_memory_store_and_text(seed_build, capsys):
    assert main(["query", "citers", "--build", str(seed_build), "--store", "memory",
                 "--param", "key=convention:cybercrime-2024", "--format", "table"]) == 0
    out, err = capsys.readouterr()
    assert "GA-2025-93-RES-03" in out and "convention:cybercrime-2024/art_41" in out
    assert "rows" in out and "citers" in err
    assert main(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--build", str(seed_build),
                 "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "n" and int(lines[1]) > 1000


def test_cli_rq_file_and_construct(seed_build, tmp_path, capsys):
    rq = tmp_path / "mine.rq"
    rq.write_text("# Citations of one paragraph.\n# @param par iri\n"
                  "SELECT ?t ?par WHERE { ?par <http://data.europa.eu/eli/ontology#cites> ?t }\n")
    par = keys.iri("GA-2025-93-RES-03") + "/pp_8"
    assert main(["query", str(rq), "--build", str(seed_build), "-f", "tsv", "-p", f"par={par}"]) == 0
    rows = capsys.readouterr().out.splitlines()
    expected = {c["target"] for c in GOLD["citations"] if c["paragraph"] == "pp_8"}
    assert rows[0] == "?t\t?par"
    assert {r.split("\t")[0].strip("<>") for r in rows[1:]} == {keys.iri(k) for k in expected}
    assert main(["query", "neighbourhood", "--build", str(seed_build)]) == 0
    g = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert (URIRef(keys.iri("GA-2025-93-RES-03")), URIRef("http://data.europa.eu/eli/ontology#cites"),
            URIRef(keys.iri("convention:cybercrime-2024"))) in g


@pytest.mark.parametrize("argv,message", [
    (["query", "no-such-query"], "not a named query"),
    (["query", "SELECT ?x WHERE { ?x ?y }"], "line 1, column"),
    (["query", "INSERT DATA { <a:b> <a:c> <a:d> }"], "read-only"),
    (["query", "cited-by", "--param", "colour=blue"], "unknown parameter"),
    (["query", "missing.rq"], "no such query file"),
])
def test_cli_errors_are_one_line_exit_2(seed_build, capsys, argv, message):
    assert main(argv + ["--build", str(seed_build)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_missing_build_is_a_user_error(tmp_path, capsys):
    assert main(["query", "cited-by", "--build", str(tmp_path / "nothing")]) == 2
    assert "resograph build" in capsys.readouterr().err


def test_cli_queries_lists_names_and_params(capsys, catalogue):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    for q in catalogue.values():
        assert q.name in out
    assert "doc:key=GA-2025-93-RES-03" in out
    assert main(["queries", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {q["name"] for q in listed} == set(catalogue)
    assert main(["queries", "citers"]) == 0
    assert capsys.readouterr().out == catalogue["citers"].text


# --------------------------------------------------------------------------- the row cap


def test_limit_parameter_rewrites_the_one_limit_clause():
    text = "# q\n# @param limit limit = 100 -- cap\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100\n"
    _, params = sparql.parse_header(text, "q.rq")
    q = sparql.NamedQuery("q", "q", text, sparql.QUERY_DIR / "q.rq", params)
    capped, rest = sparql.apply_limit(text, sparql.bindings(q, {"limit": "7"}))
    assert capped.rstrip().endswith("LIMIT 7") and rest == {}
    uncapped, _ = sparql.apply_limit(text, sparql.bindings(q, {"limit": "all"}))
    assert "LIMIT" not in uncapped.split("\n", 2)[2] and "ORDER BY ?s" in uncapped
    assert sparql.apply_limit(text, sparql.bindings(q, {}))[0] == text  # the default is the text's
    for bad in ("0", "-1", "ten", "1.5"):
        with pytest.raises(UserError, match="limit"):
            sparql.bindings(q, {"limit": bad})


def test_limit_parameter_rewrites_every_clause_and_the_cap_a_gate_reads():
    """A query that caps a part of itself too (`citers`: its candidates) holds the cap in each LIMIT
    clause, and a part that must know it reads `BIND(n AS ?limit)`: all follow the parameter; `all`
    removes them, leaving ?limit unbound."""
    text = ("# q\n# @param limit limit = 100 -- cap\nSELECT ?s ?limit WHERE {\n"
            "  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 }\n  BIND(100 AS ?limit)\n}\n"
            "ORDER BY ?s LIMIT 100\n")
    _, params = sparql.parse_header(text, "q.rq")
    q = sparql.NamedQuery("q", "q", text, sparql.QUERY_DIR / "q.rq", params)
    capped, _ = sparql.apply_limit(text, sparql.bindings(q, {"limit": "7"}))
    assert capped.count("LIMIT 7") == 2 and "BIND(7 AS ?limit)" in capped and "100" not in capped.split("\n", 2)[2]
    uncapped, _ = sparql.apply_limit(text, sparql.bindings(q, {"limit": "all"}))
    assert "LIMIT" not in uncapped.split("\n", 2)[2] and "BIND" not in uncapped
    assert "ORDER BY ?s  }" in uncapped
    with pytest.raises(UserError, match="LIMIT 100"):  # a clause with another number is a mistake
        sparql.parse_header(text.replace("ORDER BY ?s LIMIT 100\n", "ORDER BY ?s LIMIT 50\n"), "q.rq")


def test_limit_parameter_needs_its_clause():
    for text in ("# q\n# @param limit limit = 100\nSELECT ?s WHERE { ?s ?p ?o }\n",
                 "# q\n# @param limit limit = 100\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 50\n",
                 "# q\n# @param limit integer = 100\nSELECT ?limit WHERE { ?s ?p ?limit } LIMIT 100\n"):
        with pytest.raises(UserError):
            sparql.parse_header(text, "q.rq")


def test_a_lateral_optional_answers_as_the_plain_one(fixture_graph, tmp_path):
    """`# @lateral` before an OPTIONAL group: Oxigraph runs `LATERAL { OPTIONAL {…} }` (row by row),
    other engines read a comment; the rows are the same on both stores. A mark anywhere else, or one
    inside a string, is refused or left alone."""
    text = ("PREFIX dcterms: <http://purl.org/dc/terms/>\nSELECT ?s ?key ?title WHERE {\n"
            "  { SELECT ?s ?key WHERE { ?s dcterms:identifier ?key } ORDER BY ?key LIMIT 5 }\n"
            "  # @lateral\n  OPTIONAL { ?s dcterms:title ?title FILTER(LANGMATCHES(LANG(?title), \"en\")) }\n"
            "} ORDER BY ?key ?title")
    rewritten = sparql.lateral(text)
    assert "LATERAL { OPTIONAL { ?s dcterms:title" in rewritten and rewritten.endswith("} ORDER BY ?key ?title")
    memory = Graph().parse(FIXTURE)
    rows = [_rows(sparql.run(g, text)) for g in (fixture_graph, memory)]
    plain = _rows(fixture_graph.query(text.replace("# @lateral", "")))
    assert rows[0] == rows[1] == plain and len(plain) >= 5 and any(r[2] for r in plain)
    quoted = 'SELECT ?s WHERE { ?s ?p """\n# @lateral\n""" }'
    assert sparql.lateral(quoted) == quoted
    with pytest.raises(UserError, match="OPTIONAL"):
        sparql.lateral("SELECT ?s WHERE {\n  # @lateral\n  ?s ?p ?o\n}")
    (tmp_path / "q.rq").write_text("# q\nSELECT ?s WHERE {\n  # @lateral\n  ?s ?p ?o\n}\n")
    with pytest.raises(UserError, match="q.rq"):
        sparql.load_catalogue(tmp_path)


def _rows(result) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in result]


def test_capped_named_queries_say_so():
    """A user must know a result is capped and how to lift it: the description line says it."""
    for q in sparql.load_catalogue().values():
        if any(p.kind == "limit" for p in q.params):
            assert "limit=all" in q.description, q.name


def test_oxigraph_rows_are_read_again_and_counted(fixture_graph):
    """On Oxigraph the rows come straight from pyoxigraph: the same terms as rdflib's engine gives."""
    res = sparql.run(fixture_graph, "SELECT ?s ?o WHERE { ?s <http://purl.org/dc/terms/identifier> ?o } ORDER BY ?o")
    assert isinstance(res, sparql.OxigraphResult)
    first = [tuple(r) for r in res]
    assert first == [tuple(r) for r in res] and len(res) == len(first) > 10
    assert res.bindings[0][res.vars[1]] == first[0][1]
    mem = sparql.run(Graph().parse(FIXTURE), "SELECT ?s ?o WHERE { ?s <http://purl.org/dc/terms/identifier> ?o } ORDER BY ?o")
    assert [tuple(r) for r in mem] == first
