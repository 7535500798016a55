"""What is known about instruments beyond the texts: the ontology and the curated registry, as RDF.

`load()` reads every `ontology/*.ttl` (except the SHACL shapes) and every `data/registry/*.ttl` into
one rdflib Graph, and keeps the shapes apart for validation. The registry is data: adding an
instrument is a Turtle edit, never code.

>>> reg = load()
>>> reg.knows("convention:cybercrime-2024")
True
>>> str(reg.cito_characterization("recalling"))
'http://purl.org/spar/cito/citesAsAuthority'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from resograph.core.errors import UserError
from resograph.core.namespaces import CLAUSE_FUNCTION, DCTERMS, RDF, RG
from resograph.core.paths import project_root

SHAPES_FILE = "shapes.ttl"


def _parse_all(files: list[Path]) -> Graph:
    graph = Graph(bind_namespaces="core")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # a broken Turtle file is bad input, named in one line
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(f"{path}: not valid Turtle: {first}") from exc
    return graph


@dataclass
class Registry:
    """The ontology, the registry facts and the SHACL shapes, each an rdflib Graph."""

    ontology: Graph
    data: Graph
    shapes: Graph
    files: list[Path] = field(default_factory=list)

    @cached_property
    def graph(self) -> Graph:
        """Ontology + registry in one graph (what a build starts from). Do not mutate."""
        merged = Graph(bind_namespaces="core")
        for prefix, ns in list(self.ontology.namespaces()) + list(self.data.namespaces()):
            merged.bind(prefix, ns, override=False)
        for triple in self.ontology:
            merged.add(triple)
        for triple in self.data:
            merged.add(triple)
        return merged

    @cached_property
    def _nodes(self) -> dict[str, URIRef]:
        found: dict[str, URIRef] = {}
        for g in (self.ontology, self.data):
            for s, o in g.subject_objects(DCTERMS.identifier):
                if isinstance(s, URIRef) and isinstance(o, Literal):
                    found.setdefault(str(o), s)
        return found

    def keys(self) -> set[str]:
        """Every key the registry knows (subjects with a `dcterms:identifier`)."""
        return set(self._nodes)

    def knows(self, key: str) -> bool:
        return key in self._nodes

    def node(self, key: str) -> URIRef | None:
        """The registry's node for a key (its IRI should be `keys.iri(key)`)."""
        return self._nodes.get(key)

    def has(self, subject: URIRef, predicate: URIRef) -> bool:
        """Whether the registry states anything for (subject, predicate)."""
        return (subject, predicate, None) in self.data or (subject, predicate, None) in self.ontology

    def describes(self, subject: URIRef) -> bool:
        return (subject, None, None) in self.data

    def title_languages(self, subject: URIRef) -> set[str]:
        return {o.language or "" for o in self.data.objects(subject, DCTERMS.title)
                if isinstance(o, Literal)}

    @cached_property
    def _cito(self) -> dict[str, URIRef]:
        out = {}
        for concept, prop in self.ontology.subject_objects(RG.citoCharacterization):
            if str(concept).startswith(CLAUSE_FUNCTION) and isinstance(prop, URIRef):
                out[str(concept)[len(CLAUSE_FUNCTION):]] = prop
        return out

    def cito_characterization(self, function: str) -> URIRef | None:
        """The CiTO property a clause function maps to (`rg:citoCharacterization`), or None."""
        return self._cito.get(function)

    def is_type(self, subject: URIRef, cls: URIRef) -> bool:
        return (subject, RDF.type, cls) in self.data


def load(root: Path | str | None = None) -> Registry:
    """Load `ontology/*.ttl` (shapes apart) and `data/registry/*.ttl` under `root` (default: project)."""
    base = Path(root) if root else project_root()
    if not (base / "ontology").is_dir():
        raise UserError(f"{base}: no ontology/ directory (set RESOGRAPH_HOME to the checkout)")
    ontology_files = sorted(p for p in (base / "ontology").glob("*.ttl") if p.name != SHAPES_FILE)
    registry_files = sorted((base / "data" / "registry").glob("*.ttl"))
    shapes_file = base / "ontology" / SHAPES_FILE
    shapes = _parse_all([shapes_file]) if shapes_file.exists() else Graph()
    return Registry(
        ontology=_parse_all(ontology_files),
        data=_parse_all(registry_files),
        shapes=shapes,
        files=ontology_files + registry_files + ([shapes_file] if shapes_file.exists() else []),
    )
