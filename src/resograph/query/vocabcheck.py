"""A build older than the query: the ResoGraph terms a named query reads that the graph lacks.

The materialised facts grow with the code (``rg:textCites`` came after ``rg:textDateRank``…). A
build made before a term existed has neither its declaration nor its triples, and a query reading
it answers as if nothing matched: ``citers`` on such a build found no chains and gave wrong rows.
The build's graph carries the ontology it was built with, so before a named query runs, one small
query asks which of the ``rg:`` terms it names the graph's ontology does not declare; any such term
means the build predates the query, and the reader says so (``resograph query``, the endpoint's
``/queries/NAME``, :func:`resograph.api.query_df`) instead of answering. A graph without the
ResoGraph ontology at all (RDF files of another origin given with ``--data``) is not checked.
"""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import OWL

from resograph.core.namespaces import ONTOLOGY as RG
from resograph.query import gate

ONTOLOGY = RG.removesuffix("#")  # the ontology's own IRI, declared an owl:Ontology in every build

_LOCAL = r"([A-Za-z_][\w-]*)"
_FULL = re.compile(rf"<{re.escape(RG)}{_LOCAL}>")


def terms(text: str) -> list[str]:
    """The IRIs of the ResoGraph ontology that a query names (prefixed or in full), sorted.

    >>> terms("PREFIX rg: <https://w3id.org/resograph/ontology#>\\nSELECT * { ?p rg:textCites ?q } # rg:nope")
    ['https://w3id.org/resograph/ontology#textCites']
    """
    found: set[str] = set()
    prefixes: set[str] = set()
    declaring = ""  # the prefix of a PREFIX declaration waiting for its IRI
    after_keyword = False
    for kind, m in gate.tokens(text):
        token = m.group(kind)
        if kind == "iri":
            if declaring and token == f"<{RG}>":
                prefixes.add(declaring)
            full = _FULL.fullmatch(token)
            if full:
                found.add(RG + full[1])
        elif kind == "pname":
            name = token.partition(":")
            if after_keyword and not name[2]:
                declaring = name[0] + ":"
            elif name[0] + ":" in prefixes and re.fullmatch(_LOCAL, name[2]):
                found.add(RG + name[2])
        if kind != "comment":
            after_keyword = kind == "bare" and token.upper() == "PREFIX"
            if kind != "pname":
                declaring = ""
    return sorted(found)


def missing_query(names: list[str]) -> str:
    """The query listing which of `names` (ontology IRIs, as :func:`terms` gives them) a graph that
    holds the ResoGraph ontology does not declare (no rows for a graph without the ontology)."""
    values = " ".join(f"<{iri}>" for iri in names)
    return (f"SELECT ?term WHERE {{ <{ONTOLOGY}> a <{OWL.Ontology}> . "
            f"VALUES ?term {{ {values} }} FILTER NOT EXISTS {{ ?term ?p ?o }} }} ORDER BY ?term")


def missing(graph: Graph, text: str) -> list[str]:
    """The ResoGraph terms `text` reads that `graph`'s ontology lacks (see the module docstring)."""
    from resograph.query import sparql

    names = terms(text)
    if not names:
        return []
    table = sparql.materialise(sparql.run(graph, missing_query(names), source="vocabulary check"))
    return [str(row[0]) for row in table.rows]


def stale_message(query: str, lacking: list[str], where: str = "") -> str:
    """The one-line message: the query, the terms the build lacks, and what to do."""
    shown = ", ".join("rg:" + iri.removeprefix(RG) for iri in lacking)
    place = f"the build {where}" if where else "this build"
    return (f"{query} reads {shown}, which {place} does not have: it was built by an older "
            "ResoGraph; run `resograph build` again to bring it up to date")


__all__ = ["terms", "missing_query", "missing", "stale_message"]
