"""The curated registry (data/registry/*.ttl) against the shapes, the keys and facts.yaml.

The registry asserts what ../shared/reference/facts.yaml (beside the checkout) sources, and nothing it marks unverified.
The comparison with facts.yaml reads the live file (RESOGRAPH_FACTS overrides its path) and is skipped,
with the reason, where the file is absent (a fresh checkout without the shared reference).
"""

from __future__ import annotations

import os
from pathlib import Path

import owlrl  # noqa: F401  (the closure itself is tested in test_ontology.py)
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from resograph.core.keys import iri

ROOT = Path(__file__).resolve().parents[1]
REGISTRY_DIR = ROOT / "data" / "registry"
OWN_FILES = ["bodies.ttl", "interpol.ttl", "mechanisms.ttl", "sessions.ttl", "sources.ttl", "treaties.ttl", "un.ttl"]
# ../shared/ beside the checkout, as in CI (RESOGRAPH_FACTS overrides it)
FACTS = Path(os.environ.get("RESOGRAPH_FACTS", ROOT.parent / "shared" / "reference" / "facts.yaml"))

RG = Namespace("https://w3id.org/resograph/ontology#")
ID = Namespace("https://w3id.org/resograph/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SEED_SOURCE = ID["source/GA-2025-93-RES-03/GA-2025-93-RES-03.fr.txt"]

# The instruments the brief asks for: what the seed cites, one hop further, and the seed itself.
REQUIRED_KEYS = [
    "A/RES/51/1", "A/RES/71/19", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136",
    "A/RES/79/243", "A/DEC/49/426", "A/RES/70/1",
    "GA-2008-RES-07", "GA-2012-81-RES-08", "GA-2021-89-RES-11", "GA-2022-90-RES-05", "GA-2022-90-RES-01",
    "GA-2023-91-RES-12", "GA-2025-93-RES-03",
    "interpol:vienna-declaration-2023", "agreement:un-interpol-1997",
    "convention:cybercrime-2024", "convention:cybercrime-2024/art_37", "convention:cybercrime-2024/art_40",
    "convention:cybercrime-2024/art_41", "convention:cybercrime-2024/art_47",
    "convention:untoc-2000", "convention:uncac-2003", "convention:budapest-2001", "interpol:constitution",
]

# facts.yaml ids → our keys (DESIGN.md, "Identifiers").
FACT_KEYS = {
    "UN:UNCC-2024": "convention:cybercrime-2024",
    "INTERPOL:VienneDeclaration-2023": "interpol:vienna-declaration-2023",
    "UN-INTERPOL:CooperationAgreement-1997": "agreement:un-interpol-1997",
}


def _key_of(fact_id: str) -> str | None:
    if fact_id in FACT_KEYS:
        return FACT_KEYS[fact_id]
    prefix, _, rest = fact_id.partition(":")
    if prefix in ("UN", "INTERPOL") and (rest.startswith(("A/RES/", "A/DEC/", "GA-"))):
        return rest
    return None


@pytest.fixture(scope="module")
def own() -> Graph:
    g = Graph()
    for name in OWN_FILES:
        g.parse(REGISTRY_DIR / name, format="turtle")
    return g


@pytest.fixture(scope="module")
def registry() -> Graph:
    """Every registry file (names.ttl included) and the clause functions: what a build starts from."""
    g = Graph()
    for path in sorted(REGISTRY_DIR.glob("*.ttl")):
        g.parse(path, format="turtle")
    g.parse(ROOT / "ontology" / "clause-functions.ttl", format="turtle")
    return g


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "resograph.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def facts() -> dict:
    if not FACTS.is_file():
        pytest.skip(f"{FACTS}: shared reference facts not available (set RESOGRAPH_FACTS)")
    import yaml
    return yaml.safe_load(FACTS.read_text(encoding="utf-8"))


def _node(key: str) -> URIRef:
    return URIRef(iri(key))


def _validate(data: Graph, shapes: Graph, ontology: Graph):
    conforms, report, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                      allow_warnings=True)
    return conforms, report, text


# --- structure -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", OWN_FILES)
def test_each_registry_file_parses_and_says_something(name):
    g = Graph().parse(REGISTRY_DIR / name, format="turtle")
    assert len(g) > 5


def test_the_registry_conforms_to_the_shapes(registry, shapes, ontology):
    conforms, _, text = _validate(registry, shapes, ontology)
    assert conforms, text


def test_removing_an_identifier_gives_that_violation(registry, shapes, ontology):
    g = Graph()
    for t in registry:
        g.add(t)
    node = _node("A/RES/51/1")
    g.remove((node, DCTERMS.identifier, None))
    conforms, report, _ = _validate(g, shapes, ontology)
    assert not conforms
    found = {(report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.sourceConstraintComponent))
             for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert found == {(node, DCTERMS.identifier, SH.MinCountConstraintComponent)}


def test_removing_a_title_gives_that_violation(registry, shapes, ontology):
    g = Graph()
    for t in registry:
        g.add(t)
    node = _node("convention:cybercrime-2024/art_41")
    g.remove((node, DCTERMS.title, None))
    conforms, report, _ = _validate(g, shapes, ontology)
    found = {(report.value(r, SH.focusNode), report.value(r, SH.resultPath))
             for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert found == {(node, DCTERMS.title)}


def test_every_required_instrument_is_there_with_its_key_as_identifier(own):
    for key in REQUIRED_KEYS:
        assert (_node(key), DCTERMS.identifier, Literal(key)) in own, key
        assert (_node(key), RG.inRegistry, Literal(True)) in own, key


def test_every_identifier_round_trips_through_keys_iri(registry):
    pairs = list(registry.subject_objects(DCTERMS.identifier))
    assert len(pairs) >= len(REQUIRED_KEYS)
    for node, key in pairs:
        assert str(node) == iri(str(key)), key


def test_every_registry_instrument_carries_iri_sources(own):
    instruments = set(own.subjects(DCTERMS.identifier, None))
    for node in instruments:
        sources = list(own.objects(node, DCTERMS.source))
        assert sources, node
        assert all(isinstance(s, URIRef) for s in sources), node
    # the non-URL sources are described
    for s in {s for n in instruments for s in own.objects(n, DCTERMS.source)} & {SEED_SOURCE, ID["source/identifier-conventions"]}:
        assert (s, RDFS.label, None) in own


def test_every_linked_body_and_session_is_described(own):
    for _, body in own.subject_objects(ELI.passed_by):
        assert (body, RDF.type, RG.Body) in own, body
        assert {l.language for l in own.objects(body, RDFS.label)} >= {"en", "fr"}, body
    for _, session in own.subject_objects(RG.session):
        assert (session, RDF.type, RG.Session) in own, session


def test_the_convention_and_its_articles_point_at_each_other(own):
    convention = _node("convention:cybercrime-2024")
    for n in (37, 40, 41, 47):
        art = _node(f"convention:cybercrime-2024/art_{n}")
        assert (convention, ELI.has_part, art) in own
        assert (art, ELI.is_part_of, convention) in own
        assert (art, RG.articleNumber, Literal(n)) in own
        assert list(own.objects(art, DCTERMS.title)), art


def test_the_sourced_relations_among_instruments(own):
    assert (_node("A/RES/79/243"), RG.adopts, _node("convention:cybercrime-2024")) in own
    assert (_node("A/RES/51/1"), ELI.cites, _node("A/DEC/49/426")) in own


def test_interpol_sessions_77_to_93_with_their_places():
    g = Graph().parse(REGISTRY_DIR / "sessions.ttl", format="turtle")
    numbers = sorted(int(n) for s, n in g.subject_objects(RG.sessionNumber)
                     if "/session/interpol-ga/" in str(s))
    assert numbers == list(range(77, 94))
    s93 = ID["session/interpol-ga/93"]
    assert g.value(s93, RG.place) == Literal("Marrakech")
    assert g.value(s93, RG.startDate) == Literal("2025-11-24", datatype=XSD.date)
    assert g.value(s93, RG.endDate) == Literal("2025-11-27", datatype=XSD.date)
    assert (s93, ELI.passed_by, ID["body/interpol-ga"]) in g


# --- against facts.yaml ----------------------------------------------------------------------------

def _sources(value) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _langs(g: Graph, node: URIRef) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in g.objects(node, DCTERMS.title):
        out.setdefault(t.language or "", set()).add(str(t))
    return out


def _entries(facts):
    for entry in facts["instruments"]:
        key = _key_of(entry["id"])
        if key:
            yield key, entry
        for art in entry.get("articles", []) if key else []:
            yield f"{key}/art_{art['number']}", art


def test_nothing_facts_yaml_marks_unverified_is_asserted(own, facts):
    checked = 0
    for key, entry in _entries(facts):
        node = _node(key)
        if (node, DCTERMS.identifier, None) not in own:
            continue
        titles = _langs(own, node)
        for field, lang in (("title_en", "en"), ("title_fr", "fr")):
            f = entry.get(field)
            if isinstance(f, dict) and (f.get("unverified") or f.get("value") is None):
                assert lang not in titles, f"{key}: {field} is unverified but asserted: {titles.get(lang)}"
                checked += 1
        for field in ("adoption_date", "exact_date"):
            f = entry.get(field)
            if isinstance(f, dict) and (f.get("unverified") or f.get("value") is None):
                assert (node, ELI.date_document, None) not in own, f"{key}: {field} unverified but dated"
                checked += 1
        for c in entry.get("cites_unverified", []):
            target = _key_of(c["target"])
            if target and not any(_key_of(v["target"]) == target for v in entry.get("cites", [])):
                assert (node, ELI.cites, _node(target)) not in own, f"{key} cites {target}: unverified"
                checked += 1
    for s in facts["interpol_sessions"]:
        node = ID[f"session/interpol-ga/{s['number']}"] if s.get("number") else None
        if node is None:
            continue
        if s.get("start_date_unverified"):
            assert (node, RG.startDate, None) not in own, s["number"]
            checked += 1
        if s.get("end_date_unverified"):
            assert (node, RG.endDate, None) not in own, s["number"]
            checked += 1
    # the seed's adoption day, the classic trap
    assert (_node("GA-2025-93-RES-03"), ELI.date_document, None) not in own
    assert checked >= 30


def test_what_facts_yaml_sources_is_asserted_with_that_source(own, facts):
    checked = 0
    for key, entry in _entries(facts):
        node = _node(key)
        if (node, DCTERMS.identifier, None) not in own:
            continue
        node_sources = {str(s) for s in own.objects(node, DCTERMS.source)}
        titles = _langs(own, node)
        for field, lang in (("title_en", "en"), ("title_fr", "fr")):
            f = entry.get(field)
            if isinstance(f, dict) and f.get("value") and f.get("source") and not f.get("unverified"):
                assert f["value"] in titles.get(lang, set()), f"{key}: sourced {field} missing"
                for src in _sources(f["source"]):
                    expected = str(SEED_SOURCE) if src.startswith("seed:") else src
                    assert expected in node_sources, f"{key}: {field} source {src} not on the node"
                checked += 1
        f = entry.get("adoption_date")
        if isinstance(f, dict) and f.get("value") and f.get("source") and not f.get("unverified"):
            assert own.value(node, ELI.date_document) == Literal(f["value"], datatype=XSD.date), key
            checked += 1
    assert checked >= 12


def test_sessions_match_facts_yaml(own, facts):
    for s in facts["interpol_sessions"]:
        n = s.get("number")
        if not n or not 77 <= n <= 93:
            continue
        node = ID[f"session/interpol-ga/{n}"]
        start, end = s["dates"].split("/")
        assert own.value(node, RG.place) == Literal(s["city"]), n
        if not s.get("start_date_unverified"):
            assert own.value(node, RG.startDate) == Literal(start, datatype=XSD.date), n
        if not s.get("end_date_unverified"):
            assert own.value(node, RG.endDate) == Literal(end, datatype=XSD.date), n
        for src in _sources(s["source"]):
            expected = SEED_SOURCE if src.startswith("seed:") else URIRef(src)
            assert (node, DCTERMS.source, expected) in own, (n, src)


def test_the_seed_vote_is_the_sourced_one(own, facts):
    seed = next(e for e in facts["instruments"] if e["id"] == "INTERPOL:GA-2025-93-RES-03")
    vote = own.value(_node("GA-2025-93-RES-03"), RG.vote)
    assert own.value(vote, RG.votesFor) == Literal(seed["vote"]["for"])
    assert own.value(vote, RG.votesAgainst) == Literal(seed["vote"]["against"])
    assert own.value(vote, RG.abstentions) == Literal(seed["vote"]["abstentions"])
