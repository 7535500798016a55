"""The ontology (ontology/resograph.ttl), the clause-function mapping and the SHACL shapes.

What docs/ontology.md promises: every rg: term the graph uses is declared, labelled and defined in
English and French, and refines a standard term unless it is a documented exception; nothing is
imported over the network; ontology + registry have no OWL-RL inconsistency (and the check does
catch one); the shapes use cheap targets and reject the malformed data they are meant to reject.
"""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "resograph.ttl"
CLAUSE_FUNCTIONS = ROOT / "ontology" / "clause-functions.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
REGISTRY = sorted((ROOT / "data" / "registry").glob("*.ttl"))

RG = Namespace("https://w3id.org/resograph/ontology#")
RGCF = Namespace("https://w3id.org/resograph/clause-function/")
ID = Namespace("https://w3id.org/resograph/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's inconsistency messages

ONTOLOGY_IRI = URIRef("https://w3id.org/resograph/ontology")

# rg: terms that refine no standard term, each for a reason given in docs/ontology.md.
NO_STANDARD_SUPER = {
    RG.Vote, RG.Mechanism,
    RG.inRegistry, RG.resolutionNumber, RG.articleNumber, RG.votesFor, RG.votesAgainst, RG.abstentions,
    RG.sessionNumber, RG.place, RG.eId, RG.position, RG.phrase, RG.clauseFunction, RG.text, RG.quote,
    RG.sha256, RG.textSha256, RG.converter, RG.fileName, RG.citoCharacterization, RG.paragraphKind, RG.modifier, RG.anaphorNoun,
    RG.contextPattern, RG.excludePattern,
    RG.citingTextCount, RG.citingParagraphCount, RG.citedInstrumentCount, RG.citationRank,
    RG.paragraphCount, RG.citationCount, RG.textKeyRank, RG.textDateRank, RG.unresolvedKeyRank,
    RG.interpolCitingTextCount, RG.unCitingTextCount, RG.keyRank,
}
INSTRUMENT_KINDS = [RG.Resolution, RG.Decision, RG.Treaty, RG.Declaration, RG.Agreement, RG.Constitution,
                    RG.Report, RG.UNDocument]


def _parse(*paths: Path) -> Graph:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse(SHAPES)


def _rg_terms_in(text: str) -> set[URIRef]:
    return {RG[name] for name in re.findall(r"\brg:([A-Za-z][A-Za-z0-9_]*)", text)}


def _declared(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in ontology.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(str(RG))}


def _closure_errors(g: Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = [str(g.value(m, ERR.error)) for m in g.subjects(RDF.type, ERR.ErrorMessage)]
    errors += [f"{s} is of type owl:Nothing" for s in g.subjects(RDF.type, OWL.Nothing)]
    return errors


# --- the ontology file -----------------------------------------------------------------------------

def test_ontology_is_one_owl_ontology_that_imports_nothing(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert list(ontology.objects(None, OWL.imports)) == []
    assert {l.language for l in ontology.objects(ONTOLOGY_IRI, RDFS.label)} >= {"en", "fr"}


def test_every_rg_term_the_project_uses_is_declared(ontology):
    used = set()
    for path in [ROOT / "docs" / "graph-model.md", CLAUSE_FUNCTIONS, SHAPES, *REGISTRY]:
        used |= _rg_terms_in(path.read_text(encoding="utf-8"))
    missing = sorted(str(t) for t in used - _declared(ontology))
    assert missing == []


def test_the_terms_the_brief_lists_are_all_there(ontology):
    expected = {
        "Resolution", "Decision", "Treaty", "TreatyArticle", "Declaration", "Agreement", "Constitution",
        "Report", "UNDocument", "Body", "Session", "Vote", "PreambularParagraph", "OperativeParagraph",
        "Mechanism", "sessionNumber", "place", "startDate", "endDate", "votesFor", "votesAgainst",
        "abstentions", "eId", "position", "phrase", "clauseFunction", "text", "quote", "implements",
        "adopts", "mentions", "inRegistry", "articleNumber", "resolutionNumber", "sha256", "fileName",
        "citoCharacterization", "paragraphKind", "modifier", "anaphorNoun", "contextPattern",
        "excludePattern", "session", "vote",
    }
    assert {RG[n] for n in expected} <= _declared(ontology)


def test_every_rg_term_has_english_and_french_label_and_definition(ontology):
    for term in sorted(_declared(ontology)):
        labels = {l.language for l in ontology.objects(term, RDFS.label)}
        comments = {c.language for c in ontology.objects(term, RDFS.comment)}
        assert {"en", "fr"} <= labels, f"{term}: labels {labels}"
        assert {"en", "fr"} <= comments, f"{term}: definitions {comments}"
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


def test_every_rg_term_refines_a_standard_term_unless_documented(ontology):
    for term in sorted(_declared(ontology)):
        supers = set(ontology.objects(term, RDFS.subClassOf)) | set(ontology.objects(term, RDFS.subPropertyOf))
        # a chain through another rg: term counts (rg:adopts ⊑ rg:implements ⊑ eli:applies)
        closure, todo = set(), list(supers)
        while todo:
            s = todo.pop()
            if s not in closure:
                closure.add(s)
                todo += list(ontology.objects(s, RDFS.subClassOf)) + list(ontology.objects(s, RDFS.subPropertyOf))
        standard = {s for s in closure if isinstance(s, URIRef) and not str(s).startswith(str(RG))}
        if term in NO_STANDARD_SUPER:
            assert not standard, f"{term} now refines {standard}: drop it from the exception list"
        else:
            assert standard, f"{term} refines no standard term"


def test_kinds_and_parts_sit_under_eli(ontology):
    for kind in INSTRUMENT_KINDS:
        assert (kind, RDFS.subClassOf, ELI.LegalResource) in ontology
    for part in (RG.TreatyArticle, RG.PreambularParagraph, RG.OperativeParagraph):
        assert (part, RDFS.subClassOf, ELI.LegalResourceSubdivision) in ontology
    assert (ELI.LegalResourceSubdivision, RDFS.subClassOf, ELI.LegalResource) in ontology
    assert (RG.implements, RDFS.subPropertyOf, ELI.applies) in ontology
    assert (RG.adopts, RDFS.subPropertyOf, RG.implements) in ontology


def test_deprecated_eli_implements_is_used_nowhere():
    for path in [ONTOLOGY, CLAUSE_FUNCTIONS, SHAPES, *REGISTRY]:
        g = _parse(path)
        assert not any(ELI.implements in t for t in g), path.name


# --- reasoning -------------------------------------------------------------------------------------

def test_ontology_and_registry_have_no_owl_rl_inconsistency():
    g = _parse(ONTOLOGY, CLAUSE_FUNCTIONS, *REGISTRY)
    assert _closure_errors(g) == []


def test_owl_rl_closure_derives_the_eli_view_of_our_terms():
    g = _parse(ONTOLOGY, CLAUSE_FUNCTIONS, *REGISTRY)
    _closure_errors(g)
    convention = ID["convention/cybercrime-2024"]
    # A/RES/79/243 rg:adopts the Convention ⇒ it eli:applies it (rg:adopts ⊑ rg:implements ⊑ eli:applies)
    assert (ID["A/RES/79/243"], ELI.applies, convention) in g
    # an article is an eli:LegalResource through eli:LegalResourceSubdivision
    assert (ID["convention/cybercrime-2024/art_41"], RDF.type, ELI.LegalResource) in g
    # a body is a prov:Agent through prov:Organization
    assert (ID["body/interpol-ga"], RDF.type, PROV.Agent) in g


@pytest.mark.parametrize("types", [
    (RG.Resolution, RG.Treaty),
    (RG.PreambularParagraph, RG.OperativeParagraph),
    (RG.Mechanism, RG.Resolution),
])
def test_owl_rl_check_catches_a_node_of_two_disjoint_kinds(types):
    g = _parse(ONTOLOGY)
    node = ID["test/confused"]
    for t in types:
        g.add((node, RDF.type, t))
    assert _closure_errors(g), f"no inconsistency found for a node typed {types}"


# --- clause functions → CiTO -----------------------------------------------------------------------

def test_every_clause_function_maps_to_one_cito_property_the_shapes_accept(ontology, shapes):
    cf = _parse(CLAUSE_FUNCTIONS)
    concepts = set(cf.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 30
    accepted = set()
    for lst in shapes.objects(None, SH["in"]):
        items = list(shapes.items(lst))
        if CITO.citesAsAuthority in items:
            accepted = set(items)
    for concept in concepts:
        targets = list(cf.objects(concept, RG.citoCharacterization))
        assert len(targets) == 1, concept
        assert targets[0] == CITO.cites or (targets[0], RDFS.subPropertyOf, CITO.cites) in ontology, targets[0]
        assert targets[0] in accepted, targets[0]


def test_the_documented_cito_choices_hold():
    cf = _parse(CLAUSE_FUNCTIONS)
    expected = {"recalling": CITO.citesAsAuthority, "welcoming": CITO.agreesWith,
                "taking-note": CITO.citesForInformation, "supports": CITO.supports,
                "condemns": CITO.disagreesWith, "stressing": CITO.citesAsRelated,
                "invites": CITO.supports, "encourages": CITO.supports, "urges": CITO.supports,
                "requests": CITO.citesAsAuthority, "decides": CITO.citesAsAuthority, "other": CITO.cites}
    for name, prop in expected.items():
        assert cf.value(RGCF[name], RG.citoCharacterization) == prop, name


# --- shapes ----------------------------------------------------------------------------------------

def test_shapes_target_by_class_or_predicate_only(shapes):
    assert list(shapes.subjects(RDF.type, SH.SPARQLTarget)) == []
    assert list(shapes.objects(None, SH.target)) == []
    assert list(shapes.objects(None, SH.sparql)) == []
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf)
                for s in shapes.subjects(p, None)}
    assert len(targeted) >= 8


def _results(data: Graph, shapes: Graph, ontology: Graph) -> list[tuple]:
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                   allow_warnings=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append((report.value(r, SH.focusNode), report.value(r, SH.resultPath),
                    report.value(r, SH.sourceConstraintComponent), report.value(r, SH.resultSeverity)))
    return out


def _document() -> Graph:
    """A small well-formed extracted document, as graph-model.md writes it."""
    doc, pp, cit = ID["GA-2099-99-RES-01"], ID["GA-2099-99-RES-01/pp_1"], ID["GA-2099-99-RES-01/pp_1/cites/0"]
    target, source = ID["A/RES/51/1"], ID["source/x.txt"]
    g = Graph()
    g.add((doc, RDF.type, ELI.LegalResource)); g.add((doc, RDF.type, RG.Resolution))
    g.add((doc, DCTERMS.identifier, Literal("GA-2099-99-RES-01"))); g.add((doc, DCTERMS.title, Literal("Test", lang="en")))
    g.add((doc, ELI.date_document, Literal("2099-01-01", datatype=XSD.date)))
    g.add((target, RDF.type, RG.Resolution)); g.add((target, DCTERMS.identifier, Literal("A/RES/51/1")))
    g.add((target, DCTERMS.title, Literal("A/RES/51/1")))
    g.add((pp, RDF.type, RG.PreambularParagraph)); g.add((pp, ELI.is_part_of, doc))
    g.add((pp, RG.eId, Literal("pp_1"))); g.add((pp, RG.clauseFunction, RGCF.recalling))
    g.add((cit, RDF.type, CITO.Citation)); g.add((cit, CITO.hasCitingEntity, pp))
    g.add((cit, CITO.hasCitedEntity, target)); g.add((cit, CITO.hasCitationCharacterization, CITO.citesAsAuthority))
    sel = URIRef(str(cit) + "/selector")
    g.add((cit, OA.hasSelector, sel)); g.add((sel, RDF.type, OA.TextPositionSelector))
    g.add((sel, OA.start, Literal(10))); g.add((sel, OA.end, Literal(20))); g.add((sel, OA.hasSource, source))
    vote = ID["GA-2099-99-RES-01/vote"]
    g.add((doc, RG.vote, vote)); g.add((vote, RDF.type, RG.Vote)); g.add((vote, RG.votesFor, Literal(100)))
    session = ID["session/interpol-ga/99"]
    g.add((session, RDF.type, RG.Session)); g.add((session, RG.sessionNumber, Literal(99)))
    g.add((session, RG.startDate, Literal("2099-11-01", datatype=XSD.date)))
    g.add((session, RG.endDate, Literal("2099-11-04", datatype=XSD.date)))
    return g


def test_a_well_formed_document_conforms(shapes, ontology):
    assert _results(_document(), shapes, ontology) == []


def _violations_after(edit, shapes, ontology) -> set[tuple]:
    g = _document()
    edit(g)
    return {(str(f).rsplit("/id/", 1)[-1], str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if p else None,
             str(c).rsplit("#", 1)[-1]) for f, p, c, sev in _results(g, shapes, ontology) if sev == SH.Violation}


CIT = ID["GA-2099-99-RES-01/pp_1/cites/0"]
SEL = ID["GA-2099-99-RES-01/pp_1/cites/0/selector"]
PP = ID["GA-2099-99-RES-01/pp_1"]
DOC = ID["GA-2099-99-RES-01"]


@pytest.mark.parametrize("edit, expected", [
    (lambda g: g.set((SEL, OA.end, Literal(10))),
     ("GA-2099-99-RES-01/pp_1/cites/0/selector", "start", "LessThanConstraintComponent")),
    (lambda g: g.set((SEL, OA.start, Literal(-1))),
     ("GA-2099-99-RES-01/pp_1/cites/0/selector", "start", "MinInclusiveConstraintComponent")),
    (lambda g: g.set((SEL, OA.start, Literal("10"))),
     ("GA-2099-99-RES-01/pp_1/cites/0/selector", "start", "OrConstraintComponent")),
    (lambda g: g.add((CIT, CITO.hasCitationCharacterization, CITO.agreesWith)),
     ("GA-2099-99-RES-01/pp_1/cites/0", "hasCitationCharacterization", "MaxCountConstraintComponent")),
    (lambda g: g.set((CIT, CITO.hasCitationCharacterization, RGCF.recalling)),
     ("GA-2099-99-RES-01/pp_1/cites/0", "hasCitationCharacterization", "InConstraintComponent")),
    (lambda g: g.remove((CIT, CITO.hasCitedEntity, None)),
     ("GA-2099-99-RES-01/pp_1/cites/0", "hasCitedEntity", "MinCountConstraintComponent")),
    (lambda g: g.remove((PP, RG.clauseFunction, None)),
     ("GA-2099-99-RES-01/pp_1", "clauseFunction", "MinCountConstraintComponent")),
    (lambda g: g.remove((PP, ELI.is_part_of, None)),
     ("GA-2099-99-RES-01/pp_1", "is_part_of", "MinCountConstraintComponent")),
    (lambda g: g.set((PP, RG.eId, Literal("op_1"))),
     ("GA-2099-99-RES-01/pp_1", "eId", "PatternConstraintComponent")),
    (lambda g: g.set((DOC, ELI.date_document, Literal("2099-01-01"))),
     ("GA-2099-99-RES-01", "date_document", "DatatypeConstraintComponent")),
    (lambda g: g.add((DOC, DCTERMS.identifier, Literal("GA-2099-99-RES-02"))),
     ("GA-2099-99-RES-01", "identifier", "MaxCountConstraintComponent")),
    (lambda g: g.remove((DOC, DCTERMS.title, None)),
     ("GA-2099-99-RES-01", "title", "MinCountConstraintComponent")),
    (lambda g: g.set((ID["GA-2099-99-RES-01/vote"], RG.votesFor, Literal(-3))),
     ("GA-2099-99-RES-01/vote", "votesFor", "MinInclusiveConstraintComponent")),
    (lambda g: g.remove((ID["session/interpol-ga/99"], RG.sessionNumber, None)),
     ("session/interpol-ga/99", "sessionNumber", "MinCountConstraintComponent")),
    (lambda g: g.set((ID["session/interpol-ga/99"], RG.endDate, Literal("2099-10-01", datatype=XSD.date))),
     ("session/interpol-ga/99", "startDate", "LessThanOrEqualsConstraintComponent")),
])
def test_shapes_reject_what_the_model_forbids(edit, expected, shapes, ontology):
    assert expected in _violations_after(edit, shapes, ontology)


def test_a_node_with_an_identifier_but_no_kind_is_a_violation(shapes, ontology):
    g = _document()
    g.remove((DOC, RDF.type, RG.Resolution))
    results = _results(g, shapes, ontology)
    assert any(f == DOC and c == SH.OrConstraintComponent for f, p, c, s in results)


def test_two_titles_in_one_language_or_two_dates_are_warnings_only(shapes, ontology):
    g = _document()
    g.add((DOC, DCTERMS.title, Literal("Other test", lang="en")))
    g.add((DOC, ELI.date_document, Literal("2099-01-02", datatype=XSD.date)))
    results = _results(g, shapes, ontology)
    assert {(str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1], s) for f, p, c, s in results} == {
        ("title", SH.Warning), ("date_document", SH.Warning)}
