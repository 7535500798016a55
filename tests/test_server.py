"""The HTTP endpoint, started on a free loopback port, talked to with SPARQLWrapper and httpx.

The query cases of the W3C SPARQL 1.1 Protocol suite (w3c/rdf-tests, sparql/sparql11/protocol) are
covered by name below (query_get, query_post_form, …, bad_query_non_utf8, bad_update_get…), with our
own data; the read-only, SERVICE, time-limit and row-cap rules come from issues 4 and 8.
"""

from __future__ import annotations

import io
import json
import re
import socket
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.query import Result

import servers
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from resograph.query.server import create_app, negotiate, source_for

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "GA-2025-93-RES-03.fr.gold.json").read_text())
GOLD_TARGETS = {c["target"] for c in GOLD["citations"]}

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
D = "http://example.org/data/"


def Running(app) -> servers.Running:
    return servers.Running(app, timeout=60)


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    from resograph.graph.build import build

    out = tmp_path_factory.mktemp("serve-build")
    build([str(SEED)], out, quiet=True)
    return out


@pytest.fixture(scope="module")
def srv(build_dir):
    """The endpoint on the seed build's on-disk store: 2 s per query, 500 rows."""
    app = create_app(source_for(build_dir), timeout=2.0, max_rows=500, workers=2,
                     explorer=build_dir / "explorer.html")
    running = Running(app)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def dataset_srv(tmp_path_factory):
    """An endpoint on a small TriG dataset with three named graphs, for the dataset cases."""
    trig = tmp_path_factory.mktemp("dataset") / "data.trig"
    trig.write_text(
        f"<{D}default> <{D}in> \"default graph\" .\n"
        + "".join(f"<{D}g{n}> {{ <{D}doc{n}> a <{D}Document> . }}\n" for n in (1, 2, 3)),
        encoding="utf-8")
    running = Running(create_app(source_for(data=[str(trig)]), timeout=5.0, max_rows=100, workers=1))
    yield running
    running.stop()


def ask(response) -> bool:
    assert response.status_code == 200, response.text
    return json.loads(response.text)["boolean"]


def select_rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return json.loads(response.text)["results"]["bindings"]


# --------------------------------------------------------------------------- W3C protocol: queries


def test_query_get(srv):
    r = srv.client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert ask(r) is True


def test_query_post_form(srv):
    r = srv.client.post("/sparql/", params={"default-graph-uri": D + "nothing-there"},
                        data={"query": "ASK {}"})
    assert ask(r) is True


def test_query_post_direct(srv):
    r = srv.client.post("/sparql", content="ASK { ?s ?p ?o }",
                        headers={"Content-Type": "application/sparql-query"})
    assert ask(r) is True


def test_query_content_type_select(srv):
    q = ("SELECT DISTINCT ?key WHERE { ?d <http://purl.org/dc/terms/identifier> \"GA-2025-93-RES-03\" ; "
         "<http://data.europa.eu/eli/ontology#cites>/<http://purl.org/dc/terms/identifier> ?key } ORDER BY ?key")
    expected = None
    for accept, fmt in [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
                        ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]:
        r = srv.client.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query",
                                                           "Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept), (accept, r.text)
        keys_found = [str(row[0]) for row in Result.parse(io.BytesIO(r.content), format=fmt)]
        expected = expected or keys_found
        assert keys_found == expected, fmt
    assert set(expected) == GOLD_TARGETS and len(expected) == 19


def test_query_content_type_ask(srv):
    for accept, fmt in [("application/sparql-results+xml", "xml"), ("application/sparql-results+json", "json")]:
        r = srv.client.post("/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query",
                                                                  "Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        assert Result.parse(io.BytesIO(r.content), format=fmt).askAnswer is True


@pytest.mark.parametrize("query", [
    "DESCRIBE <http://example.org/>",
    "CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}",
    "CONSTRUCT { ?d <http://data.europa.eu/eli/ontology#cites> ?t } WHERE { ?d <http://data.europa.eu/eli/ontology#cites> ?t ; <http://purl.org/dc/terms/identifier> ?k }",
])
def test_query_content_type_describe_and_construct(srv, query):
    sizes = set()
    for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        r = srv.client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query",
                                                               "Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept), (accept, r.text)
        sizes.add(len(Graph().parse(data=r.content, format=fmt)))
    assert len(sizes) == 1  # the same graph in every syntax


def test_dataset_default_graphs_get_and_post(dataset_srv):
    q = f"ASK {{ <{D}doc1> a ?type . <{D}doc2> a ?type . }}"
    both = [("default-graph-uri", D + "g1"), ("default-graph-uri", D + "g2")]
    assert ask(dataset_srv.client.get("/sparql", params=[("query", q)] + both)) is True
    assert ask(dataset_srv.client.post("/sparql", params=both, content=q,
                                       headers={"Content-Type": "application/sparql-query"})) is True
    # the parameter really selects the default graph: with g1 alone, doc2 is not in it
    assert ask(dataset_srv.client.get("/sparql", params=[("query", q), ("default-graph-uri", D + "g1")])) is False


def test_dataset_named_graphs_get_and_post(dataset_srv):
    q = f"ASK {{ GRAPH ?g1 {{ <{D}doc1> a ?type }} GRAPH ?g2 {{ <{D}doc2> a ?type }} }}"
    named = [("named-graph-uri", D + "g1"), ("named-graph-uri", D + "g2")]
    assert ask(dataset_srv.client.get("/sparql", params=[("query", q)] + named)) is True
    assert ask(dataset_srv.client.post("/sparql", params=named, content=q,
                                       headers={"Content-Type": "application/sparql-query"})) is True
    assert ask(dataset_srv.client.get("/sparql", params=[("query", q), ("named-graph-uri", D + "g1")])) is False


def test_dataset_full_and_protocol_dataset_wins_over_from(dataset_srv):
    full = (f"ASK {{ <{D}doc3> a ?type GRAPH ?g1 {{ <{D}doc1> a ?type }} "
            f"GRAPH ?g2 {{ <{D}doc2> a ?type }} }}")
    params = [("default-graph-uri", D + "g3"), ("named-graph-uri", D + "g1"), ("named-graph-uri", D + "g2")]
    assert ask(dataset_srv.client.post("/sparql", params=params, content=full,
                                       headers={"Content-Type": "application/sparql-query"})) is True
    # query_multiple_dataset: the query names FROM <g1>, the protocol says default g3: protocol wins
    q = f"ASK FROM <{D}g1> {{ <{D}doc3> a ?type }}"
    assert ask(dataset_srv.client.get("/sparql", params={"query": q})) is False
    assert ask(dataset_srv.client.get("/sparql", params={"query": q, "default-graph-uri": D + "g3"})) is True
    # without any dataset the default graph is the union of the store's graphs
    assert ask(dataset_srv.client.get("/sparql", params={"query": f"ASK {{ <{D}doc1> a ?t . <{D}default> ?p ?o }}"}))


# The manifest's own requests (w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl), on a dataset of
# our own shaped like its data: three named graphs data1..3.rdf, each holding "<graph IRI> a Document",
# and one triple in the store's default graph.
K = "http://kasei.us/2009/09/sparql/data/"
KQ = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2F"
DIRECT = {"Content-Type": "application/sparql-query"}


@pytest.fixture(scope="module")
def w3c_srv(tmp_path_factory):
    trig = tmp_path_factory.mktemp("w3c") / "data.trig"
    trig.write_text(f"<{K}store-default> <{K}in> \"the store's default graph\" .\n"
                    + "".join(f"<{K}data{n}.rdf> {{ <{K}data{n}.rdf> a <http://xmlns.com/foaf/0.1/Document> . }}\n"
                              for n in (1, 2, 3)), encoding="utf-8")
    running = Running(create_app(source_for(data=[str(trig)]), timeout=5.0, max_rows=100, workers=1))
    yield running
    running.stop()


def test_w3c_query_content_type_construct_resolves_against_the_endpoint_url(w3c_srv):
    r = w3c_srv.client.post(f"/sparql/?default-graph-uri={KQ}data0.rdf", content="CONSTRUCT { <s> <p> 1 } WHERE {}",
                            headers=DIRECT)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/turtle")
    triples = set(Graph().parse(data=r.content, format="turtle"))
    # RFC 3986 resolution of "s" against http://host/sparql/ is http://host/sparql/s
    assert triples == {(URIRef(w3c_srv.url + "/sparql/s"), URIRef(w3c_srv.url + "/sparql/p"), Literal(1))}
    r = w3c_srv.client.get("/sparql", params={"query": "SELECT (<../x> AS ?x) {}"})
    assert select_rows(r) == [{"x": {"type": "uri", "value": w3c_srv.url + "/x"}}]


def test_w3c_named_graphs_only_leave_the_default_graph_empty(w3c_srv):
    leak = f"ASK {{ <{K}data3.rdf> a ?type }}"
    assert ask(w3c_srv.client.get("/sparql", params={"query": leak})) is True  # no dataset: the union
    assert ask(w3c_srv.client.get(f"/sparql/?named-graph-uri={KQ}data1.rdf&query={quote(leak)}")) is False
    q = quote(f"ASK {{ <{K}store-default> ?p ?o }}")
    assert ask(w3c_srv.client.get(f"/sparql/?named-graph-uri={KQ}data1.rdf&query={q}")) is False
    # default graphs only: no named graph is visible to GRAPH ?g
    q = quote("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert ask(w3c_srv.client.get(f"/sparql/?default-graph-uri={KQ}data1.rdf&query={q}")) is False


def test_w3c_query_dataset_named_graphs_get_and_post(w3c_srv):
    q = f"ASK {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    both = f"named-graph-uri={KQ}data1.rdf&named-graph-uri={KQ}data2.rdf"
    assert ask(w3c_srv.client.get(f"/sparql/?query={quote(q)}&{both}")) is True
    assert ask(w3c_srv.client.post(f"/sparql/?{both}", content=q, headers=DIRECT)) is True
    assert ask(w3c_srv.client.post(f"/sparql/?named-graph-uri={KQ}data1.rdf", content=q, headers=DIRECT)) is False


def test_w3c_query_dataset_full(w3c_srv):
    q = (f"ASK {{\n  <{K}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{K}data1.rdf> a ?type }}\n"
         f"  GRAPH ?g2 {{ <{K}data2.rdf> a ?type }}\n}}")
    path = f"/sparql/?default-graph-uri={KQ}data3.rdf&named-graph-uri={KQ}data1.rdf&named-graph-uri={KQ}data2.rdf"
    assert ask(w3c_srv.client.post(path, content=q, headers=DIRECT)) is True


def test_w3c_query_multiple_dataset_protocol_wins_over_from(w3c_srv):
    # (Older copies of the manifest percent-encode the '&' between the two named-graph-uri
    # parameters, %26, making one parameter of them; the current one sends two, as here.)
    q = (f"ASK FROM <{K}data3.rdf> {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} "
         f"GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}")
    both = f"named-graph-uri={KQ}data1.rdf&named-graph-uri={KQ}data2.rdf"
    assert ask(w3c_srv.client.post(f"/sparql/?{both}", content=q, headers=DIRECT)) is True
    # and FROM NAMED gives way to the protocol's named graphs, FROM to its default graph
    q = f"ASK FROM NAMED <{K}data3.rdf> {{ GRAPH ?g {{ <{K}data3.rdf> a ?type }} }}"
    assert ask(w3c_srv.client.post("/sparql/", content=q, headers=DIRECT)) is True
    assert ask(w3c_srv.client.post(f"/sparql/?named-graph-uri={KQ}data1.rdf", content=q, headers=DIRECT)) is False
    q = f"ASK FROM <{K}data3.rdf> {{ <{K}data3.rdf> a ?type }}"
    assert ask(w3c_srv.client.post(f"/sparql/?default-graph-uri={KQ}data1.rdf", content=q, headers=DIRECT)) is False


def test_accept_q0_means_not_acceptable(w3c_srv):
    q = {"query": "SELECT (1 AS ?one) {}"}
    r = w3c_srv.client.get("/sparql", params=q, headers={"Accept": "application/sparql-results+json;q=0, */*"})
    assert r.status_code == 200 and not r.headers["content-type"].startswith("application/sparql-results+json")
    assert [tuple(row) for row in Result.parse(io.BytesIO(r.content), format="xml")] == [(Literal(1),)]
    r = w3c_srv.client.get("/sparql", params=q, headers={"Accept": "application/sparql-results+json;q=0"})
    assert r.status_code == 406
    # application/json would go out as application/sparql-results+json, which is refused
    r = w3c_srv.client.get("/sparql", params=q, headers={"Accept": "application/sparql-results+json;q=0, application/json"})
    assert r.status_code == 406
    assert w3c_srv.client.get("/sparql", params=q, headers={"Accept": "*/*;q=0"}).status_code == 406
    r = w3c_srv.client.get("/sparql", params=q, headers={"Accept": "text/csv;q=0, text/*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/tab-separated-values")
    r = w3c_srv.client.get("/sparql", params=q, headers={"Accept": "text/*;q=0, */*;q=0.1"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    r = w3c_srv.client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                           headers={"Accept": "text/turtle;q=0, */*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")


def test_query_string_not_utf8_is_400(w3c_srv):
    r = w3c_srv.client.get("/sparql?query=%E9")  # Latin-1 "é": not UTF-8
    assert r.status_code == 400 and "UTF-8" in r.text
    r = w3c_srv.client.get("/sparql?query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx%2F%FF")
    assert r.status_code == 400
    assert ask(w3c_srv.client.get("/sparql?query=ASK%7B%3Chttp%3A%2F%2Fx%2F%C3%A9%3E%20%3Fp%20%3Fo%7D")) is False


# --------------------------------------------------------------------------- W3C protocol: errors


def test_bad_query_method(srv):
    r = srv.client.put("/sparql", params={"query": "ASK {}"},
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 405 and "GET" in r.headers.get("allow", "")
    assert srv.client.delete("/sparql", params={"query": "ASK {}"}).status_code == 405


def test_bad_multiple_queries(srv):
    r = srv.client.get("/sparql", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400 and "more than one query" in r.text


def test_missing_query(srv):
    # (GET /sparql with no parameter at all is the service description, below)
    for r in (srv.client.post("/sparql", data={"other": "x"}), srv.client.get("/sparql", params={"other": "x"}),
              srv.client.get("/sparql", params={"query": "   "}),
              srv.client.get("/sparql", params={"default-graph-uri": "http://example.org/g"})):
        assert r.status_code == 400, r.text


# --------------------------------------------------------------------------- service description

SDNS = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                         ("application/ld+json", "json-ld"), ("", "turtle"),
                                         ("text/html,application/xhtml+xml,*/*;q=0.8", "turtle")])
def test_service_description_names_the_endpoint(srv, accept, fmt):
    r = srv.client.get("/sparql", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    g = Graph().parse(data=r.content, format=fmt)
    service = g.value(predicate=URIRef(SDNS + "endpoint"), object=URIRef(srv.url + "/sparql"))
    assert service is not None and (service, RDF.type, URIRef(SDNS + "Service")) in g
    assert (service, URIRef(SDNS + "supportedLanguage"), URIRef(SDNS + "SPARQL11Query")) in g
    assert URIRef(SDNS + "SPARQL11Update") not in set(g.objects())
    formats = {str(o) for o in g.objects(service, URIRef(SDNS + "resultFormat"))}
    assert {"http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/Turtle"} <= formats
    # the limits this server was started with (srv: 2 s, 500 rows)
    limits = {str(p).rsplit("#", 1)[1]: o.toPython() for p, o in g.predicate_objects(service)
              if str(p).startswith("https://w3id.org/resograph/service#")}
    assert limits["queryTimeLimit"] == 2 and limits["resultRowLimit"] == 500 and limits["queryWorkers"] == 2
    # no SERVICE: the federated-query feature is not claimed
    assert URIRef(SDNS + "BasicFederatedQuery") not in set(g.objects(service, URIRef(SDNS + "feature")))


def test_service_description_counts_the_default_graph(srv):
    count = int(select_rows(srv.client.get("/sparql", params={"query": COUNT}))[0]["n"]["value"])
    g = Graph().parse(data=srv.client.get("/sparql", params={"format": "turtle"}).content, format="turtle")
    dataset = g.value(predicate=RDF.type, object=URIRef(SDNS + "Dataset"))
    default = g.value(dataset, URIRef(SDNS + "defaultGraph"))
    assert g.value(default, URIRef("http://rdfs.org/ns/void#triples")).toPython() == count > 100


def test_service_description_of_a_named_graph_dataset(w3c_srv):
    r = w3c_srv.client.get("/sparql/", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    assert set(g.objects(predicate=URIRef(SDNS + "endpoint"))) == {URIRef(w3c_srv.url + "/sparql/")}
    assert URIRef(SDNS + "UnionDefaultGraph") in set(g.objects(predicate=URIRef(SDNS + "feature")))
    names = {str(g.value(n, URIRef(SDNS + "name"))):
             g.value(g.value(n, URIRef(SDNS + "graph")), URIRef("http://rdfs.org/ns/void#triples")).toPython()
             for n in g.subjects(RDF.type, URIRef(SDNS + "NamedGraph"))}
    assert names == {f"{K}data{n}.rdf": 1 for n in (1, 2, 3)}
    default = g.value(g.value(predicate=RDF.type, object=URIRef(SDNS + "Dataset")), URIRef(SDNS + "defaultGraph"))
    assert g.value(default, URIRef("http://rdfs.org/ns/void#triples")).toPython() == 4  # the union: 1 + 3
    assert w3c_srv.client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_bad_query_wrong_media_type(srv):
    r = srv.client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_bad_query_missing_form_and_direct_type(srv):
    for body in ("query=ASK%20%7B%7D", "ASK {}"):
        r = srv.client.post("/sparql", content=body.encode(), headers={"Content-Type": ""})
        assert 400 <= r.status_code < 500, r.text


def test_bad_query_non_utf8(srv):
    r = srv.client.post("/sparql", content="ASK {}".encode("utf-16"),
                        headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500
    r = srv.client.post("/sparql", content=b"ASK { ?s ?p \"\xff\xfe\" }",
                        headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "UTF-8" in r.text


def test_bad_query_syntax(srv):
    r = srv.client.get("/sparql", params={"query": "SELECT ?x WHERE {\n ?x ?y }"})
    assert r.status_code == 400
    assert re.search(r"syntax error at line 2, column \d+", r.text)
    assert "Traceback" not in r.text
    r = srv.client.get("/sparql", params={"query": "SELECT * WHERE { ?s a foo:Treaty } ORDER BY ?s"})
    assert r.status_code == 400 and len(r.text.strip().splitlines()) == 1
    assert re.search(r"syntax error at line 1, column \d+: the prefix `foo:` is not declared", r.text)


def test_oversized_request(srv):
    r = srv.client.post("/sparql", content=b"ASK {} #" + b"x" * (300 * 1024),
                        headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_invalid_dataset_iri(srv):
    r = srv.client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert r.status_code == 400


# --------------------------------------------------------------------------- read-only, SERVICE


def _count(srv) -> int:
    return int(select_rows(srv.client.get("/sparql", params={"query": COUNT}))[0]["n"]["value"])


def test_updates_get_4xx_and_change_nothing(srv, build_dir):
    before, nt = _count(srv), (build_dir / "resograph.nt").read_bytes()
    insert = "INSERT DATA { <http://example.org/x> <http://example.org/y> <http://example.org/z> }"
    attempts = [
        srv.client.get("/sparql", params={"update": "CLEAR ALL"}),  # bad_update_get
        srv.client.post("/sparql", data={"update": "CLEAR ALL"}),  # update_post_form
        srv.client.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}),
        srv.client.post("/sparql", data={"update": insert, "using-graph-uri": D + "g"}),
        srv.client.post("/sparql", data={"query": insert}),  # an update sent as a query
        srv.client.get("/sparql", params={"query": "LOAD <http://example.org/data.ttl>"}),
        srv.client.post("/sparql", content=b"update=CLEAR+ALL&update=CLEAR+ALL",  # bad_multiple_updates
                        headers={"Content-Type": "application/x-www-form-urlencoded"}),
    ]
    for r in attempts:
        assert 400 <= r.status_code < 500, r.text
        assert "read-only" in r.text
    assert _count(srv) == before
    assert not ask(srv.client.get("/sparql", params={"query": "ASK { <http://example.org/x> ?p ?o }"}))
    assert (build_dir / "resograph.nt").read_bytes() == nt


def test_service_is_refused_and_nothing_is_fetched(srv):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        for q in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                  f"select * {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"):
            r = srv.client.get("/sparql", params={"query": q})
            assert r.status_code == 403 and "SERVICE" in r.text
        with pytest.raises(socket.timeout):
            listener.accept()  # no connection ever reached the would-be remote endpoint
    finally:
        listener.close()


# --------------------------------------------------------------------------- limits


def test_time_limit_stops_a_runaway_query_without_stalling_others(srv):
    slow: dict = {}
    t = threading.Thread(target=lambda: slow.setdefault("r", httpx.get(
        srv.url + "/sparql", params={"query": SLOW}, timeout=60)))
    t.start()
    fast = srv.client.get("/queries/cited-by", params={"doc": "GA-2025-93-RES-03"})
    t.join(60)
    assert len(select_rows(fast)) == 19
    assert slow["r"].status_code == 503 and "time limit of 2 s" in slow["r"].text
    # the stopped worker is replaced: the endpoint keeps answering
    for _ in range(3):
        assert ask(srv.client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}))
    status = srv.client.get("/status").json()
    assert status["timeouts"] >= 1 and status["updates"] is False


def test_row_cap_is_a_clear_error(srv):
    r = srv.client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "row cap" in r.text and "500" in r.text
    r = srv.client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 400 and "row cap" in r.text
    assert len(select_rows(srv.client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"}))) == 500


# --------------------------------------------------------------------------- negotiation, CORS, clients


def test_content_negotiation_choices(srv):
    q = {"query": "SELECT (1 AS ?one) {}"}
    r = srv.client.get("/sparql", params=q, headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    r = srv.client.get("/sparql", params=q, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    r = srv.client.get("/sparql", params={**q, "format": "csv"})
    assert r.text.splitlines() == ["one", "1"]
    assert srv.client.get("/sparql", params=q, headers={"Accept": "image/png"}).status_code == 406
    r = srv.client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
                       headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert negotiate("SELECT", "", []) == ("json", "application/sparql-results+json")
    assert negotiate("DESCRIBE", "*/*", [])[0] == "turtle"


def test_cors(srv):
    r = srv.client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    r = srv.client.options("/sparql", headers={"Origin": "http://example.org",
                                               "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and "POST" in r.headers["access-control-allow-methods"]


def test_sparqlwrapper_client(srv):
    sw = SPARQLWrapper(srv.url + "/sparql")
    sw.setQuery("PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                "SELECT DISTINCT ?key WHERE { ?doc eli:cites ?t . ?doc dcterms:identifier \"GA-2025-93-RES-03\" . "
                "?t dcterms:identifier ?key }")
    sw.setReturnFormat(JSON)
    found = {b["key"]["value"] for b in sw.query().convert()["results"]["bindings"]}
    assert found == GOLD_TARGETS and len(found) == 19
    sw.setMethod(POST)
    sw.setReturnFormat(CSV)
    assert len(sw.query().convert().decode().splitlines()) == 20
    sw.setReturnFormat(XML)
    sw.setQuery("ASK { ?s ?p ?o }")
    assert sw.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    sw.setQuery("CONSTRUCT WHERE { ?s <http://purl.org/dc/terms/identifier> ?k }")
    g = sw.query().convert()  # RDF/XML → rdflib Graph
    assert isinstance(g, Graph) and len(g) > 19
    sw.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == len(g)
    up = SPARQLWrapper(srv.url + "/sparql")
    up.setMethod(POST)
    up.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(Exception) as info:
        up.query()
    assert getattr(info.value, "code", None) == 403


# --------------------------------------------------------------------------- named queries, page


def test_named_queries_over_http(srv):
    listed = srv.client.get("/queries").json()
    assert len(listed) >= 15 and {"name", "description", "params", "form"} <= set(listed[0])
    rows = select_rows(srv.client.get("/queries/cited-by", params={"doc": "GA-2025-93-RES-03"}))
    assert {r["key"]["value"] for r in rows} == GOLD_TARGETS
    r = srv.client.get("/queries/citers", params={"key": "A/RES/51/1", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and "GA-2025-93-RES-03" in r.text
    r = srv.client.get("/queries/neighbourhood", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (None, URIRef("http://data.europa.eu/eli/ontology#cites"),
            URIRef("https://w3id.org/resograph/id/convention/cybercrime-2024")) in g
    assert srv.client.get("/queries/cited-by", params={"colour": "blue"}).status_code == 400
    assert srv.client.get("/queries/session-timeline", params={"number": "x"}).status_code == 400
    assert srv.client.get("/queries/no-such-query").status_code == 404


def test_a_named_query_on_a_key_that_exists_nowhere_says_so(srv):
    assert "A/RES/51/2" not in GOLD_TARGETS and "A/RES/51/1" in GOLD_TARGETS
    r = srv.client.get("/queries/citers", params={"key": "A/RES/51/2"})
    assert r.status_code == 400 and len(r.text.strip().splitlines()) == 1
    assert "key=A/RES/51/2: no such key (did you mean A/RES/51/1" in r.text
    r = srv.client.get("/queries/neighbourhood", params={"key": "zzzz"})  # nothing close: no suggestion
    assert r.status_code == 400 and "no such key" in r.text and "did you mean" not in r.text
    # a key found once is not asked again: the first run costs the check and the query, the second the query
    assert "A/RES/71/19" in GOLD_TARGETS
    before = srv.client.get("/status").json()["queries"]
    for _ in range(2):
        assert srv.client.get("/queries/citers", params={"key": "A/RES/71/19"}).status_code == 200
    assert srv.client.get("/status").json()["queries"] - before == 3
    listed = srv.client.get("/queries").json()  # each query's text comes with it, for the page's editor
    assert all(item["text"].strip() for item in listed)


def test_page_works_offline_and_links_the_explorer(srv, build_dir):
    r = srv.client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="queries"' in r.text and 'href="sparql"' in r.text and 'href="explorer"' in r.text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", r.text)  # no CDN, no remote asset
    # relative links only: the page also works behind a proxy under a path (docs/operations.md)
    assert not re.search(r"""(src|href)\s*=\s*["']?/""", r.text)
    assert not re.search(r"""fetch\(\s*["'`]/""", srv.client.get("/static/page.js").text)
    assert "innerHTML" not in r.text  # values from the graph go in as text only
    # the page's own script and the vendored editor: served here, with their licences, nothing remote
    assert "innerHTML" not in srv.client.get("/static/page.js").text
    for asset in re.findall(r'(?:src|href)="(static/[^"]+)"', r.text):
        served = srv.client.get("/" + asset)
        assert served.status_code == 200, asset
        assert "sourceMappingURL" not in served.text and not re.search(r"url\(\s*['\"]?(https?:)?//", served.text)
    # the editor goes out gzipped to a client that takes it (httpx does, and unzips it)
    js = srv.client.get("/static/yasgui/yasgui.min.js")
    assert js.headers["content-encoding"] == "gzip" and js.headers["content-type"].startswith(
        ("application/javascript", "text/javascript"))
    assert int(js.headers["content-length"]) < len(js.content) / 2
    plain = srv.client.get("/static/yasgui/yasgui.min.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == js.content
    licences = srv.client.get("/static/yasgui/LICENSES.txt").text
    assert "@zazuko/yasgui@" in licences and "codemirror@" in licences and "Permission is hereby granted" in licences
    prefixes = srv.client.get("/prefixes").json()
    assert prefixes["rg"] == "https://w3id.org/resograph/ontology#" and prefixes["eli"] == "http://data.europa.eu/eli/ontology#"
    assert srv.client.get("/explorer").status_code == 404
    assert srv.client.get("/status").json()["explorer"] is False
    (build_dir / "explorer.html").write_text("<html><body>explorer</body></html>", encoding="utf-8")
    try:
        r = srv.client.get("/explorer")
        assert r.status_code == 200 and "explorer" in r.text
    finally:
        (build_dir / "explorer.html").unlink()


# --------------------------------------------------------------------------- hostile input


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(st.text(max_size=300), st.sampled_from([
           "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "ASK {}", "DESCRIBE ?x", "SELECT (1/0 AS ?x) {}",
           "SELECT * { ?s ?p ?o } ORDER BY", "PREFIX : <x> SELECT * {}", "SELECT * { BIND(REGEX(\"a\", \"(\") AS ?x) }"])),
       accept=st.sampled_from(["", "*/*", "text/turtle", "application/sparql-results+xml;q=oops", "x/y, */*;q=0",
                               "text/csv", ";;;", "application/json"]),
       extra=st.dictionaries(st.sampled_from(["default-graph-uri", "named-graph-uri", "format", "output", "x"]),
                             st.text(max_size=40), max_size=3))
def test_fuzzed_requests_never_get_a_500_or_a_traceback(srv, query, accept, extra):
    r = srv.client.get("/sparql", params={"query": query, **extra}, headers={"Accept": accept})
    assert r.status_code < 500 or r.status_code == 503, (r.status_code, r.text)
    assert "Traceback" not in r.text and 'File "' not in r.text


def _chromium():
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return chromium, pytest.importorskip("playwright.sync_api").sync_playwright


TABLE_JS = """() => {
  const table = document.querySelector('.yasr table.dataTable');
  const head = [...table.querySelectorAll('thead th')].map((th) => th.innerText.trim());
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()));
  return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}"""
EDITOR = "document.querySelector('.CodeMirror').CodeMirror"


@pytest.mark.browser
@pytest.mark.slow
def test_query_page_works_offline_in_chromium(srv):
    """YASGUI page in Debian's chromium: a named query from the menu, a permalinked query with its chart,
    a syntax error, prefix completion from the graph's namespaces; no request leaves the server."""
    chromium, sync_playwright = _chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(srv.url + "/")
            page.wait_for_selector(".CodeMirror")
            # the named query menu: cited-by with its parameter, run through /queries/cited-by
            page.click("#queries li[data-name=cited-by]")
            assert page.input_value("#params input[name=doc]") == "GA-2025-93-RES-03"
            page.click("#run-named")
            page.wait_for_selector(".yasr table.dataTable tbody tr")
            rows = page.evaluate(TABLE_JS)
            assert len(rows) == 19 and {r["key"] for r in rows} == GOLD_TARGETS
            assert {r["doc"] for r in rows} == {"id:GA-2025-93-RES-03"}  # a prefixed name, not the IRI
            assert page.get_attribute("#named-permalink", "href").endswith("#named=cited-by&doc=GA-2025-93-RES-03")
            # a named query's permalink opens it with its values and runs it
            page.goto(srv.url + "/#named=citers&key=A%2FRES%2F51%2F1")
            page.wait_for_function("document.getElementById('named-status').textContent.includes('rows')")
            assert page.input_value("#params input[name=key]") == "A/RES/51/1"
            assert "GA-2025-93-RES-03" in {r["citer"] for r in page.evaluate(TABLE_JS)}
            # a permalink (?query=…) opens the query in the editor; run it; its chart has one bar per row
            q = ("PREFIX eli: <http://data.europa.eu/eli/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
                 "SELECT ?cited (COUNT(DISTINCT ?citing) AS ?n) WHERE { ?citing eli:cites ?t . "
                 "?t dcterms:identifier ?cited } GROUP BY ?cited ORDER BY DESC(?n) ?cited LIMIT 7")
            page.goto(srv.url + "/?" + str(httpx.QueryParams({"query": q, "endpoint": srv.url + "/sparql"})))
            page.wait_for_function(f"{EDITOR}.getValue().includes('LIMIT 7')")
            page.locator(".yasqe_queryButton").last.click()
            page.wait_for_function("document.querySelectorAll('.yasr table.dataTable tbody tr').length === 7")
            rows = page.evaluate(TABLE_JS)
            # the most cited target: its citing paragraphs in the gold, plus the document (both eli:cites)
            (top, paragraphs), = Counter(c["target"] for c in GOLD["citations"]).most_common(1)
            assert (rows[0]["cited"], rows[0]["n"]) == (top, str(paragraphs + 1))  # plain literals, no ^^xsd
            with page.expect_download() as download:  # the table as CSV
                page.locator(".yasr_downloadIcon").first.click()
            csv_rows = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
            assert len(csv_rows) == 8 and csv_rows[1].replace('"', "") == f"{top},{paragraphs + 1}"
            page.locator(".yasr_btnGroup button", has_text="Chart").last.click()
            assert page.locator(".rg-chart rect").count() == 7
            with page.expect_download() as download:  # the chart as SVG
                page.locator(".yasr_downloadIcon").first.click()
            bars = ElementTree.parse(download.value.path()).getroot().findall("{http://www.w3.org/2000/svg}rect")
            assert len(bars) == 7
            # a syntax error is shown with its line and column
            page.evaluate(f"{EDITOR}.setValue('SELECT ?x WHERE {{\\n  ?x ?y }}')")
            page.locator(".yasqe_queryButton").last.click()
            page.wait_for_function("document.querySelector('.yasr').innerText.includes('syntax error')")
            assert re.search(r"syntax error at line 2, column \d+", page.inner_text(".yasr"))
            # prefix completion offers the graph's own namespaces
            page.evaluate(f"{EDITOR}.setValue('')")
            page.click(".CodeMirror")
            page.keyboard.type("PREFIX rgc")
            page.keyboard.press("Control+Space")
            page.wait_for_selector(".CodeMirror-hints li")
            assert page.locator(".CodeMirror-hints li").all_inner_texts() == [
                "rgcf: <https://w3id.org/resograph/clause-function/>"]
            # the history lists what ran, newest first
            assert page.locator("#history li").count() >= 3
            assert [u for u in requests if not u.startswith(srv.url + "/")] == []
            assert errors == []
        finally:
            browser.close()


def under(prefix: str, app):
    """``app`` as a reverse proxy shows it under a path (nginx: ``location /resograph/ { proxy_pass …/; }``)."""
    async def proxied(scope, receive, send):
        if scope["type"] == "http":
            if not scope["path"].startswith(prefix + "/"):
                await send({"type": "http.response.start", "status": 404, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            scope = {**scope, "path": scope["path"][len(prefix):],
                     "raw_path": scope.get("raw_path", b"")[len(prefix):] or None}
        await app(scope, receive, send)
    return proxied


@pytest.mark.browser
@pytest.mark.slow
def test_query_page_works_under_a_proxy_path(build_dir):
    """Behind a proxy at /resograph/, the page finds its assets, catalogue and endpoint there."""
    chromium, sync_playwright = _chromium()
    running = Running(under("/resograph", create_app(source_for(build_dir), timeout=5.0, max_rows=500, workers=1)))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(running.url + "/resograph/")
            page.click("#queries li[data-name=cited-by]")
            page.click("#run-named")
            page.wait_for_selector(".yasr table.dataTable tbody tr")
            assert {r["key"] for r in page.evaluate(TABLE_JS)} == GOLD_TARGETS
            assert [u for u in requests if not u.startswith(running.url + "/resograph/")] == []
            assert errors == []
            browser.close()
    finally:
        running.stop()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["cited-by", "citers", "session-timeline", "paragraph-search", "mechanism-mentions",
                             "neighbourhood", "cites-transitively", "nope", "..%2F..%2Fetc"]),
       params=st.dictionaries(st.sampled_from(["doc", "key", "number", "term", "mechanism", "from", "to", "body",
                                               "format", "zzz"]), st.text(max_size=60), max_size=3))
def test_fuzzed_named_query_parameters_never_get_a_500(srv, name, params):
    r = srv.client.get(f"/queries/{name}", params=params)
    assert r.status_code < 500 or r.status_code == 503, (r.status_code, r.text)
    assert "Traceback" not in r.text
