"""Every namespace the graph uses, stated once (docs/graph-model.md lists the terms under each).

Our own three bases are contracts (DESIGN.md, "Identifiers"): node IRIs are minted under ``BASE``
(:func:`resograph.core.keys.iri`), ontology terms under ``ONTOLOGY``, clause functions under
``CLAUSE_FUNCTION``. The others are the vocabularies the ontology aligns to. ``PREFIXES`` is the one
prefix table: the dump files bind it, SPARQL queries may use it undeclared, and the terminal and
notebook shorten IRIs with it.

>>> str(RG.Resolution), str(ID["A/RES/79/136"])
('https://w3id.org/resograph/ontology#Resolution', 'https://w3id.org/resograph/id/A/RES/79/136')
>>> str(PREFIXES["dcterms"]), PREFIXES["rg"] == RG
('http://purl.org/dc/terms/', True)
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/resograph/id/"
ONTOLOGY = "https://w3id.org/resograph/ontology#"
CLAUSE_FUNCTION = "https://w3id.org/resograph/clause-function/"
SHAPES = "https://w3id.org/resograph/shapes#"

ID = Namespace(BASE)
RG = Namespace(ONTOLOGY)
RGCF = Namespace(CLAUSE_FUNCTION)
RGSH = Namespace(SHAPES)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# The endpoint's service description (query/describe.py): SPARQL 1.1 Service Description, VoID, the
# W3C format IRIs, and our terms for the endpoint's limits.
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RGS = Namespace("https://w3id.org/resograph/service#")

#: prefix → namespace, in the order the dump files bind them.
PREFIXES = {
    "rg": RG, "rgcf": RGCF, "id": ID, "eli": ELI, "cito": CITO, "dcterms": DCTERMS,
    "skos": SKOS, "prov": PROV, "oa": OA, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
    "owl": Namespace(str(OWL)),
}

__all__ = ["BASE", "ONTOLOGY", "CLAUSE_FUNCTION", "SHAPES", "ID", "RG", "RGCF", "RGSH", "ELI", "CITO",
           "OA", "SH", "SD", "VOID", "FORMATS", "RGS", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "PREFIXES"]
