"""The endpoint's SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/).

``GET /sparql`` without a query answers this graph, so that a client (YASGUI, a crawler, a federated
engine) learns what the endpoint is before sending anything: its URL, the query language (no update),
the result formats it can negotiate, its features, its default dataset with triple counts, and the
limits every query runs under. SPARQL has no standard terms for limits: they are described with a
few terms of the ``rgs:`` namespace below, each labelled and commented in the description itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from resograph.core.namespaces import FORMATS, RGS, SD, VOID

# what the endpoint's content negotiation offers (server.SELECT_TYPES / GRAPH_TYPES)
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
# limit term → (label, comment, datatype)
LIMIT_TERMS = {
    "queryTimeLimit": ("query time limit", "Seconds a query may run before it is stopped (HTTP 503).",
                       XSD.decimal),
    "resultRowLimit": ("result row limit", "Most rows of a SELECT, or triples of a CONSTRUCT/DESCRIBE, "
                       "an answer may hold; over it the query gets a 400 naming the cap.", XSD.integer),
    "requestSizeLimit": ("request size limit", "Most bytes a query (or a POST body) may have (HTTP 413).",
                         XSD.integer),
    "queryWorkers": ("query workers", "Queries that run at the same time; more wait their turn.",
                     XSD.integer),
    # issue 18's limits (resograph.query.limits.Limits; docs/operations.md)
    "answerSizeLimit": ("answer size limit", "Most bytes a serialised answer may have (HTTP 413).",
                        XSD.integer),
    "queryMemoryLimit": ("query memory limit", "MiB of address space a query worker may use; a query "
                         "needing more is stopped (HTTP 503).", XSD.integer),
    "heavyQuerySeconds": ("heavy query threshold", "Seconds after which a running query counts as "
                          "heavy.", XSD.decimal),
    "heavyQueriesPerClient": ("heavy queries per client", "Heavy queries one client may run at once; "
                              "another is stopped (HTTP 503).", XSD.integer),
    "heavyQueriesInAll": ("heavy queries in all", "Heavy queries all clients may run at once, so "
                          "that short queries always find a worker.", XSD.integer),
    "queriesPerClient": ("queries per client", "Queries one client may have running or waiting; "
                         "more get HTTP 429.", XSD.integer),
    "headerTimeLimit": ("header time limit", "Seconds a request's headers may take to arrive.",
                        XSD.decimal),
    "bodyTimeLimit": ("body time limit", "Seconds a request's body may take to arrive (HTTP 408).",
                      XSD.decimal),
    "connectionLimit": ("connection limit", "Open connections the server accepts; more get HTTP 503.",
                        XSD.integer),
}


@dataclass
class DatasetCounts:
    """Triples of the default graph and of each named graph (the first few), as the workers counted."""

    default: int
    named: list[tuple[str, int]] = field(default_factory=list)
    more_named: bool = False  # more named graphs than listed


def service_description(endpoint: str, limits: dict[str, float | int], *, union: bool,
                        allow_service: bool, counts: DatasetCounts | None) -> Graph:
    """The description of the endpoint at ``endpoint`` as an rdflib graph."""
    g = Graph()
    for prefix, ns in (("sd", SD), ("void", VOID), ("formats", FORMATS), ("rgs", RGS)):
        g.bind(prefix, ns)
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    if union:
        g.add((service, SD.feature, SD.UnionDefaultGraph))
    if allow_service:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    _add_limits(g, service, limits)
    _add_dataset(g, service, counts)
    return g


def _add_limits(g: Graph, service: BNode, limits: dict[str, float | int]) -> None:
    for name, value in limits.items():
        label, comment, datatype = LIMIT_TERMS[name]
        g.add((service, RGS[name], Literal(value, datatype=datatype)))
        g.add((RGS[name], RDF.type, RDF.Property))
        g.add((RGS[name], RDFS.label, Literal(label, lang="en")))
        g.add((RGS[name], RDFS.comment, Literal(comment, lang="en")))


def _add_dataset(g: Graph, service: BNode, counts: DatasetCounts | None) -> None:
    dataset, default = BNode("dataset"), BNode("defaultGraph")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    if counts is None:  # the count did not finish in time: say nothing rather than a wrong number
        return
    g.add((default, VOID.triples, Literal(counts.default, datatype=XSD.integer)))
    for n, (name, triples) in enumerate(counts.named):
        named, graph = BNode(f"named{n}"), BNode(f"graph{n}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(triples, datatype=XSD.integer)))
    if counts.more_named:
        g.add((dataset, RDFS.comment, Literal(f"the first {len(counts.named)} named graphs are listed",
                                              lang="en")))
