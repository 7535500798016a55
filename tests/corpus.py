"""Helpers to read the dev corpus copied from shared/corpus/dev (gold by hand, see corpus/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SEED = ROOT / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"


def gold_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.gold.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(gold_path: Path) -> Path:
    return gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")


def broken_registry(registry):
    """The registry plus an instrument whose identifier is an IRI, not a string: one SHACL violation."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCTERMS, RDF

    from resograph.graph.rdf import iri_ref
    from resograph.graph.registry import Registry

    data = Graph()
    for t in registry.data:
        data.add(t)
    data.add((iri_ref("A/RES/1/1"), DCTERMS.identifier, iri_ref("A/RES/1/1")))
    data.add((iri_ref("A/RES/1/1"), RDF.type, URIRef("https://w3id.org/resograph/ontology#Resolution")))
    return Registry(ontology=registry.ontology, data=data, shapes=registry.shapes)
