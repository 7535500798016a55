"""SHACL validation of the built graph with pySHACL (`ontology/shapes.ttl`, ontology as `ont_graph`).

Two ways, same shapes:

- :func:`validate` — one data graph at once (the `resograph validate FILE` path; exact).
- :func:`validate_documents` — for large and incremental builds (its two passes are also
  :func:`validate_registry` and :func:`validate_document`, which `resograph.graph.incremental` caches per
  source): the registry (+ ontology) once, then each
  document's graph on its own, with as context the registry triples about the nodes it touches
  and their neighbours (two hops), and with its own nodes as focus nodes. The shapes are
  node-local (identifier, kind and title of an instrument; citing/cited entity, characterization
  and selector of a citation; start < end of a selector; dates typed `xsd:date`): each needs the
  focus node, its values and their classes, all of which lie in the document graph plus that
  context. A shape that counted across documents (say "an instrument is cited at most once
  overall") would need :func:`validate` on the whole graph.

What it costs (CPU seconds, pySHACL 0.40, copies of the seed resolution, ~580 triples each):

    documents   triples   full    per-document
    1           2.5k      0.2     0.3
    30          19k       1.4     4.6
    100         59k       5.1     18.7
    300         174k      16.5    ~56

Both grow linearly (no SPARQL-based targets or constraints in the shapes). One whole-graph run is
about 3x cheaper in CPU (pySHACL has a fixed cost per run of ~0.15 s), so the build uses it by
default; the per-document mode is for when memory or incremental checking matters more: each
document is checked alone (a few hundred triples in memory), can be checked as soon as it is
extracted, and the runs are independent (a process pool can share them out). At 10,000 documents the
whole-graph run is ~9 minutes of CPU and needs the whole graph in memory.

>>> from rdflib import Graph
>>> validate(Graph(), Graph()).conforms
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from resograph.core.namespaces import OWL, PREFIXES, RDF, RDFS, SH
from resograph.graph.rdf import finish, iri_ref
from resograph.graph.registry import Registry


@dataclass
class Report:
    """What pySHACL found: `conforms`, the number of violations (severity sh:Violation), the
    readable `text`, and the results as RDF (`results`)."""

    conforms: bool
    violations: int
    warnings: int = 0
    text: str = ""
    results: Graph = field(default_factory=Graph)
    checked: int = 0  # data graphs validated (1 for a whole graph, 1 + documents otherwise)

    def merge(self, other: "Report") -> "Report":
        results = self.results + other.results
        text = "\n".join(t for t in (self.text, other.text) if t and not _is_conforming_text(t))
        return Report(self.conforms and other.conforms, self.violations + other.violations,
                      self.warnings + other.warnings, text, results, self.checked + other.checked)

    def summary(self) -> str:
        if self.conforms:
            return f"conforms (0 violations, {self.warnings} warning(s))"
        return f"does not conform: {self.violations} violation(s), {self.warnings} warning(s)"


def _is_conforming_text(text: str) -> bool:
    return "Conforms: True" in text


def _count(results: Graph, severity: URIRef) -> int:
    return sum(1 for _ in results.subjects(SH.resultSeverity, severity))


def validate(data: Graph, shapes: Graph, ontology: Graph | None = None, *,
             focus_nodes: Iterable[URIRef] | None = None) -> Report:
    """Validate `data` against `shapes`; `ontology` is mixed in for class hierarchy (rdfs:subClassOf)."""
    focus = sorted(set(focus_nodes)) if focus_nodes is not None else None
    if focus is not None and not focus:
        return Report(True, 0, text="Validation Report\nConforms: True\n", checked=1)
    if len(shapes) == 0:
        return Report(True, 0, text="Validation Report\nConforms: True\n(no shapes)\n", checked=1)
    from pyshacl import validate as _pyshacl_validate  # ~0.15 s to import: not for a rebuild

    conforms, results, text = _pyshacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        abort_on_first=False, allow_warnings=True, allow_infos=True, advanced=False,
        focus_nodes=focus, inplace=False,
    )
    return Report(bool(conforms), _count(results, SH.Violation), _count(results, SH.Warning),
                  text, results, 1)


_SCHEMA_PREDICATES = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, RDFS.domain,
                      RDFS.range)


def schema(registry: Registry) -> Graph:
    """The class and property hierarchy of the ontology: all a node-local shape needs of it."""
    g = Graph()
    for p in _SCHEMA_PREDICATES:
        for triple in registry.ontology.triples((None, p, None)):
            g.add(triple)
    for triple in registry.ontology.triples((None, RDF.type, None)):
        g.add(triple)
    return g


def _context(doc: Graph, registry: Registry, hops: int = 2) -> Graph:
    """The registry triples about every IRI `doc` mentions, and about the IRIs those triples
    mention in turn (two hops: a registry vote or session hanging off a document, the treaty of an
    article): the types and values that node-local shapes look at."""
    ctx = Graph()
    frontier = {t for triple in doc for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
    seen: set[URIRef] = set()
    for _ in range(hops):
        found: set[URIRef] = set()
        for node in frontier - seen:
            for g in (registry.data, registry.ontology):
                for triple in g.triples((node, None, None)):
                    ctx.add(triple)
                    if isinstance(triple[2], URIRef):
                        found.add(triple[2])
        seen |= frontier
        frontier = found
    return ctx


def validate_registry(registry: Registry, onto: Graph | None = None) -> Report:
    """The registry (+ ontology) pass of :func:`validate_documents`."""
    onto = onto if onto is not None else schema(registry)
    reg = Graph()
    for triple in registry.graph:
        reg.add(triple)
    return validate(finish(reg, registry), registry.shapes, onto)


def validate_document(registry: Registry, key: str, doc: Graph, corpus_keys: Iterable[str] = (),
                      onto: Graph | None = None) -> Report:
    """One document's pass of :func:`validate_documents`: its graph plus its registry context, its
    own nodes as focus (the other corpus documents it cites are checked in their own pass)."""
    return _validate_document(registry, key, doc, {iri_ref(k) for k in corpus_keys},
                              onto if onto is not None else schema(registry))


def _validate_document(registry: Registry, key: str, doc: Graph, corpus: set[URIRef],
                       onto: Graph) -> Report:
    data = Graph()
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    for triple in doc:
        data.add(triple)
    for triple in _context(doc, registry):
        data.add(triple)
    finish(data, registry)
    own = {s for s in doc.subjects() if isinstance(s, URIRef)} - (corpus - {iri_ref(key)})
    return validate(data, registry.shapes, onto, focus_nodes=own)


def validate_documents(registry: Registry, documents: Iterable[tuple[str, Graph]],
                       corpus_keys: Iterable[str] = (), progress=None) -> Report:
    """Registry once, then each (key, document graph) with its own nodes as focus (see module doc).

    `corpus_keys`: the keys of every document of the build; a document's citation of another one is
    checked in that other document's pass, where its full description lives.
    """
    corpus = {iri_ref(k) for k in corpus_keys}
    onto = schema(registry)
    report = validate_registry(registry, onto)
    for key, doc in documents:
        report = report.merge(_validate_document(registry, key, doc, corpus, onto))
        if progress is not None:
            progress.update(1)
    return report


def load_data(path: str, fmt: str | None = None) -> Graph:
    """Parse a graph file by its extension (ttl, nt, jsonld, rdf); raise ValueError when it fails."""
    g = Graph()
    g.parse(path, format=fmt or _format_of(path))
    return g


def _format_of(path: str) -> str:
    lower = path.lower()
    for ext, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".json", "json-ld"),
                     (".rdf", "xml"), (".owl", "xml"), (".nq", "nquads"), (".trig", "trig")):
        if lower.endswith(ext):
            return fmt
    return "turtle"


