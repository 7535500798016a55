"""The compiled SHACL checker (resograph.graph.shapecheck) finds what pySHACL finds.

Differential tests, pySHACL being the reference: on real graphs (the seed and dev fixtures, the three
held-out corpora, a synthetic corpus made here) and on mutated copies of them (one mutation per shape at
least), the set of (focus node, path, source shape, constraint component, severity, value) of the
checker's report equals pySHACL's. Whole graphs are compared with `validate(graph, shapes, ontology)`
(what `resograph validate` runs); a document's lines with pySHACL over the document graph + its
registry context + `finish` (what `validate_document` builds), its results kept for the document's
own nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import FIXTURES, SEED
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from resograph.graph import facts
from resograph.graph.build import to_ntriples
from resograph.reading.extract import extract_file
from resograph.graph.rdf import CITO, ELI, OA, RG, finish, iri_ref
from resograph.graph.incremental import make_part, merge, registry_part
from resograph.graph.registry import Registry, load
from resograph.graph.shapecheck import ShapeChecker, UnsupportedShape
from resograph.tools.synth import write_corpus
from resograph.graph.validate import SH, _context, schema, validate, validate_document

RGSH = "https://w3id.org/resograph/shapes#"
DEV = [SEED] + sorted(FIXTURES.glob("dev0*.txt"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load()


@pytest.fixture(scope="module")
def checker(registry) -> ShapeChecker:
    return ShapeChecker.compile(registry)


def parts_of(paths: list[Path], registry: Registry) -> list:
    return [make_part(extract_file(p), registry) for p in paths]


def whole_lines(parts: list, registry: Registry) -> list[bytes]:
    corpus = frozenset(p.symbol for p in parts)
    return facts.complete(merge(parts, registry_part(registry), corpus).lines)  # as a build writes them


def parse(lines: list[bytes]) -> Graph:
    g = Graph()
    g.parse(data=b"\n".join(lines).decode("utf-8"), format="nt")
    return g


def found(report) -> set[tuple]:
    g = report.results
    return {(g.value(r, SH.focusNode), g.value(r, SH.resultPath), g.value(r, SH.sourceShape),
             g.value(r, SH.sourceConstraintComponent), g.value(r, SH.resultSeverity), g.value(r, SH.value))
            for r in g.subjects(RDF.type, SH.ValidationResult)}


def pyshacl_graph(lines: list[bytes], registry: Registry) -> set[tuple]:
    return found(validate(parse(lines), registry.shapes, registry.ontology))


def pyshacl_document(lines: list[bytes], cited: list[str], registry: Registry) -> set[tuple]:
    doc = parse(lines)
    data = Graph()
    for t in doc:
        data.add(t)
    for t in _context(doc, registry):
        data.add(t)
    finish(data, registry)
    focus = {s for s in doc.subjects() if isinstance(s, URIRef)} - {iri_ref(k) for k in cited}
    return {r for r in found(validate(data, registry.shapes, schema(registry))) if r[0] in focus}


@pytest.fixture(scope="module")
def dev_parts(registry) -> list:
    return parts_of(DEV, registry)


@pytest.fixture(scope="module")
def dev_graph(dev_parts, registry) -> Graph:
    return parse(whole_lines(dev_parts, registry))


# -- real graphs ----------------------------------------------------------------------------------

def test_seed_and_dev_graph_as_pyshacl(checker, dev_parts, registry):
    lines = whole_lines(dev_parts, registry)
    report = checker.check_graph(lines)
    assert report.conforms and report.violations == 0
    assert found(report) == pyshacl_graph(lines, registry)
    file_bytes = b"\n".join(lines) + b"\n"  # a whole resograph.nt read at once
    assert found(checker.check_graph(file_bytes)) == found(report)


@pytest.mark.slow  # pySHACL over each held-out corpus
@pytest.mark.parametrize("folder", ["holdout", "holdout2", "holdout3"])
def test_holdout_graphs_as_pyshacl(checker, registry, folder):
    parts = parts_of(sorted((FIXTURES / folder).glob("*.txt")), registry)
    lines = whole_lines(parts, registry)
    assert found(checker.check_graph(lines)) == pyshacl_graph(lines, registry)


@pytest.mark.slow  # pySHACL once per dev document
def test_each_document_as_pyshacl_and_validate_document(checker, dev_parts, registry):
    corpus = frozenset(p.symbol for p in dev_parts)
    onto = schema(registry)
    for part in dev_parts:
        cited = sorted((part.keys & corpus) - {part.symbol})
        lines = part.lines_for(corpus)
        report = checker.check_document(lines, cited)
        assert found(report) == pyshacl_document(lines, cited, registry), part.symbol
        old = validate_document(registry, part.symbol, parse(lines), cited, onto)
        assert found(report) == found(old) and report.conforms == old.conforms, part.symbol


@pytest.mark.slow  # 24 synthetic documents through pySHACL
def test_synthetic_corpus_as_pyshacl(checker, registry, tmp_path):
    paths = write_corpus(tmp_path, 24, seed=11)
    parts = parts_of(paths, registry)
    lines = whole_lines(parts, registry)
    report = checker.check_graph(lines)
    assert found(report) == pyshacl_graph(lines, registry)
    corpus = frozenset(p.symbol for p in parts)
    for part in parts[::3]:
        cited = sorted((part.keys & corpus) - {part.symbol})
        doc_lines = part.lines_for(corpus)
        assert found(checker.check_document(doc_lines, cited)) == \
            pyshacl_document(doc_lines, cited, registry), part.symbol


def test_registry_as_validate_registry(checker, registry):
    from resograph.graph.validate import validate_registry

    report = checker.check_registry()
    reference = validate_registry(registry)
    assert report.conforms == reference.conforms
    assert found(report) == found(reference)


# -- mutated graphs: one mutation per shape at least ----------------------------------------------

def one(g: Graph, p, o=None, pick: Callable | None = None):
    nodes = sorted(s for s in g.subjects(p, o) if isinstance(s, URIRef) and (pick is None or pick(s)))
    assert nodes, (p, o)
    return nodes[0]


def unresolved(g):
    return one(g, RG.inRegistry, Literal(False))


def paragraph(g, kind=RG.PreambularParagraph):
    return one(g, RDF.type, kind)


def citation(g):
    return one(g, RDF.type, CITO.Citation)


def selector(g):
    return one(g, RDF.type, OA.TextPositionSelector)


def last_selector(g):
    return max(g.subjects(RDF.type, OA.TextPositionSelector))


def article(g):
    return one(g, RDF.type, RG.TreatyArticle)


def replace(g, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def drop(g, s, p) -> None:
    assert (s, p, None) in g, (s, p)
    g.remove((s, p, None))


SEED_DOC = iri_ref("GA-2025-93-RES-03")

MUTATIONS: dict[str, Callable[[Graph], None]] = {
    "instrument without title": lambda g: drop(g, unresolved(g), DCTERMS.title),
    "title that is an IRI": lambda g: g.add((unresolved(g), DCTERMS.title, URIRef("https://example.org/t"))),
    "title that is a number": lambda g: g.add((unresolved(g), DCTERMS.title, Literal(5))),
    "second identifier": lambda g: g.add((unresolved(g), DCTERMS.identifier, Literal("X/2"))),
    "identifier with a space": lambda g: replace(g, unresolved(g), DCTERMS.identifier, Literal("A RES 1")),
    "empty identifier": lambda g: replace(g, unresolved(g), DCTERMS.identifier, Literal("")),
    "identifier typed xsd:token": lambda g: replace(g, unresolved(g), DCTERMS.identifier,
                                                    Literal("A/RES/1", datatype=XSD.token)),
    "identified paragraph": lambda g: g.add((paragraph(g), DCTERMS.identifier, Literal("pp-key"))),
    "two titles in one language": lambda g: (g.add((SEED_DOC, DCTERMS.title, Literal("Un", lang="fr"))),
                                             g.add((SEED_DOC, DCTERMS.title, Literal("Deux", lang="fr")))),
    "inRegistry not a boolean": lambda g: g.add((unresolved(g), RG.inRegistry, Literal("no"))),
    "passed_by a literal": lambda g: g.add((unresolved(g), ELI.passed_by, Literal("un-ga"))),
    "passed_by not a body": lambda g: g.add((SEED_DOC, ELI.passed_by, URIRef("https://example.org/x"))),
    "two sessions": lambda g: g.add((SEED_DOC, RG.session, URIRef("https://example.org/session"))),
    "vote of the wrong class": lambda g: replace(g, SEED_DOC, RG.vote, paragraph(g)),
    "resolution number 0": lambda g: replace(g, SEED_DOC, RG.resolutionNumber, Literal(0)),
    "resolution number a string": lambda g: replace(g, SEED_DOC, RG.resolutionNumber, Literal("3")),
    "two resolution numbers": lambda g: g.add((SEED_DOC, RG.resolutionNumber, Literal(99))),
    "source a literal": lambda g: g.add((SEED_DOC, DCTERMS.source, Literal("a web page"))),
    "date a string": lambda g: replace(g, SEED_DOC, ELI.date_document, Literal("2025-11-27")),
    "date ill-typed": lambda g: replace(g, SEED_DOC, ELI.date_document,
                                        Literal("2025-13-45", datatype=XSD.date)),
    "two dates": lambda g: g.add((one(g, ELI.date_document), ELI.date_document,
                                  Literal("2001-01-01", datatype=XSD.date))),
    "article part of nothing": lambda g: drop(g, article(g), ELI.is_part_of),
    "article part of a selector": lambda g: replace(g, article(g), ELI.is_part_of, selector(g)),
    "article number 0": lambda g: replace(g, article(g), RG.articleNumber, Literal(0)),
    "paragraph part of two documents": lambda g: g.add((paragraph(g), ELI.is_part_of, SEED_DOC)),
    "paragraph part of nothing": lambda g: drop(g, paragraph(g), ELI.is_part_of),
    "eId pp_0": lambda g: replace(g, paragraph(g), RG.eId, Literal("pp_0")),
    "eId typed": lambda g: replace(g, paragraph(g), RG.eId, Literal("pp_1", datatype=XSD.token)),
    "clause function a literal": lambda g: replace(g, paragraph(g), RG.clauseFunction, Literal("recalling")),
    "no clause function": lambda g: drop(g, paragraph(g), RG.clauseFunction),
    "position -1": lambda g: replace(g, paragraph(g), RG.position, Literal(-1)),
    "two phrases": lambda g: g.add((paragraph(g), RG.phrase, Literal("ALSO"))),
    "text a number": lambda g: replace(g, paragraph(g), RG.text, Literal(7)),
    "selector of the wrong class": lambda g: replace(g, paragraph(g), OA.hasSelector, SEED_DOC),
    "preambular also operative": lambda g: g.add((paragraph(g), RDF.type, RG.OperativeParagraph)),
    "preambular eId op_": lambda g: replace(g, paragraph(g), RG.eId, Literal("op_5")),
    "operative eId pp_": lambda g: replace(g, paragraph(g, RG.OperativeParagraph), RG.eId, Literal("pp_77")),
    "citation without citing entity": lambda g: drop(g, citation(g), CITO.hasCitingEntity),
    "citing entity a literal": lambda g: replace(g, citation(g), CITO.hasCitingEntity, Literal("pp_1")),
    "cited entity a selector": lambda g: replace(g, citation(g), CITO.hasCitedEntity, selector(g)),
    "two cited entities": lambda g: g.add((citation(g), CITO.hasCitedEntity, unresolved(g))),
    "characterization not CiTO": lambda g: replace(g, citation(g), CITO.hasCitationCharacterization,
                                                   CITO.obtainsBackgroundFrom),
    "no characterization": lambda g: drop(g, citation(g), CITO.hasCitationCharacterization),
    "citation clause function elsewhere": lambda g: replace(g, citation(g), RG.clauseFunction,
                                                            URIRef("https://example.org/f")),
    "two quotes": lambda g: g.add((citation(g), RG.quote, Literal("another"))),
    "two citation selectors": lambda g: g.add((citation(g), OA.hasSelector, last_selector(g))),
    "negative start": lambda g: replace(g, selector(g), OA.start, Literal(-4)),
    "reversed offsets": lambda g: (replace(g, selector(g), OA.start, Literal(90, datatype=XSD.nonNegativeInteger)),
                                   replace(g, selector(g), OA.end, Literal(10, datatype=XSD.nonNegativeInteger))),
    "empty span": lambda g: (replace(g, selector(g), OA.start, Literal(10)),
                             replace(g, selector(g), OA.end, Literal(10, datatype=XSD.nonNegativeInteger))),
    "start a string": lambda g: replace(g, selector(g), OA.start, Literal("5")),
    "start typed xsd:string": lambda g: replace(g, selector(g), OA.start, Literal("5", datatype=XSD.string)),
    "no end": lambda g: drop(g, selector(g), OA.end),
    "end negative": lambda g: replace(g, selector(g), OA.end, Literal(-1)),
    "two starts": lambda g: g.add((selector(g), OA.start, Literal(1))),
    "source of a selector a literal": lambda g: replace(g, selector(g), OA.hasSource, Literal("file.txt")),
    "vote without votes for": lambda g: drop(g, one(g, RDF.type, RG.Vote), RG.votesFor),
    "votes against -1": lambda g: replace(g, one(g, RDF.type, RG.Vote), RG.votesAgainst, Literal(-1)),
    "abstentions a string": lambda g: replace(g, one(g, RDF.type, RG.Vote), RG.abstentions, Literal("5")),
    "session number 0": lambda g: replace(g, one(g, RDF.type, RG.Session), RG.sessionNumber, Literal(0)),
    "session without number": lambda g: drop(g, one(g, RDF.type, RG.Session), RG.sessionNumber),
    "place a number": lambda g: replace(g, one(g, RG.place), RG.place, Literal(3)),
    "session ends before it starts": lambda g: replace(g, one(g, RG.startDate), RG.startDate,
                                                       Literal("2999-01-01", datatype=XSD.date)),
    "end date a string": lambda g: replace(g, one(g, RG.endDate), RG.endDate, Literal("2025-11-27")),
    "session held by two bodies": lambda g: g.add((one(g, RDF.type, RG.Session), ELI.passed_by,
                                                   URIRef("https://w3id.org/resograph/id/body/zz"))),
    "body without label": lambda g: drop(g, one(g, RDF.type, RG.Body), RDFS.label),
    "body with two English labels": lambda g: (g.add((one(g, RDF.type, RG.Body), RDFS.label, Literal("A", lang="en"))),
                                               g.add((one(g, RDF.type, RG.Body), RDFS.label, Literal("B", lang="en")))),
    "digest in upper case": lambda g: replace(g, one(g, RG.sha256), RG.sha256, Literal("AB" * 32)),
    "two digests": lambda g: g.add((one(g, RG.sha256), RG.sha256, Literal("0" * 64))),
    "text digest not hexadecimal": lambda g: g.add((one(g, RG.sha256), RG.textSha256, Literal("pdf"))),
    "no citing text": lambda g: replace(g, one(g, RG.citingTextCount), RG.citingTextCount, Literal(0)),
    "citing paragraphs missing": lambda g: drop(g, one(g, RG.citingTextCount), RG.citingParagraphCount),
    "first cited after last": lambda g: replace(g, one(g, RG.firstCitedDate), RG.firstCitedDate,
                                                Literal("2999-01-01", datatype=XSD.date)),
    "last cited a string": lambda g: replace(g, one(g, RG.lastCitedDate), RG.lastCitedDate, Literal("2025")),
    "two ranks": lambda g: g.add((one(g, RG.citationRank), RG.citationRank, Literal(99999))),
    "out-degree a string": lambda g: replace(g, one(g, RG.citedInstrumentCount), RG.citedInstrumentCount,
                                             Literal("7")),
    "text-level citation without a key": lambda g: drop(g, one(g, RG.textCites), DCTERMS.identifier),
    "text-level citation to a literal": lambda g: replace(g, one(g, RG.textCites), RG.textCites, Literal("A/RES/51/1")),
    "key rank 0": lambda g: replace(g, one(g, RG.textKeyRank), RG.textKeyRank, Literal(0)),
    "two key ranks": lambda g: g.add((one(g, RG.textKeyRank), RG.textKeyRank, Literal(99999))),
    "date rank missing": lambda g: drop(g, one(g, RG.textKeyRank), RG.textDateRank),
    "paragraph count negative": lambda g: replace(g, one(g, RG.paragraphCount), RG.paragraphCount, Literal(-1)),
    "citation count missing": lambda g: drop(g, one(g, RG.textKeyRank), RG.citationCount),
    "unresolved rank a string": lambda g: replace(g, one(g, RG.unresolvedKeyRank), RG.unresolvedKeyRank, Literal("3")),
    "INTERPOL citing texts 0": lambda g: replace(g, one(g, RG.interpolCitingTextCount), RG.interpolCitingTextCount,
                                                 Literal(0)),
    "UN citing texts a string": lambda g: replace(g, one(g, RG.unCitingTextCount), RG.unCitingTextCount, Literal("2")),
    "citing side without citing texts": lambda g: drop(g, one(g, RG.unCitingTextCount), RG.citingTextCount),
    "two places among keys": lambda g: g.add((one(g, RG.keyRank), RG.keyRank, Literal(99999))),
    "place among keys without a key": lambda g: drop(g, one(g, RG.keyRank), DCTERMS.identifier),
}


_MUTATED: dict[tuple[int, str], list[bytes]] = {}


def mutated(dev_graph: Graph, name: str) -> list[bytes]:
    """The lines of `dev_graph` with one mutation (made once per test module run)."""
    key = (id(dev_graph), name)
    if key not in _MUTATED:
        _MUTATED[key] = _mutate(dev_graph, name)
    return _MUTATED[key]


def _mutate(dev_graph: Graph, name: str) -> list[bytes]:
    g = Graph()
    for t in dev_graph:
        g.add(t)
    MUTATIONS[name](g)
    return to_ntriples(g).rstrip(b"\n").split(b"\n")


def without_hierarchy(registry: Registry, dev_graph: Graph) -> tuple[Registry, list[bytes]]:
    """eli:LegalResourceSubdivision no longer a subclass of eli:LegalResource (in the ontology and in
    the graph): sh:class eli:LegalResource then fails on treaty articles (typed the subdivision)."""
    edge = (ELI.LegalResourceSubdivision, RDFS.subClassOf, ELI.LegalResource)
    ontology = Graph()
    for t in registry.ontology:
        if t != edge:
            ontology.add(t)
    g = Graph()
    for t in dev_graph:
        if t != edge:
            g.add(t)
    return Registry(ontology, registry.data, registry.shapes), to_ntriples(g).rstrip(b"\n").split(b"\n")


def test_class_follows_the_ontology_hierarchy(registry, dev_graph):
    changed, lines = without_hierarchy(registry, dev_graph)
    report = ShapeChecker.compile(changed).check_graph(lines)
    expected = pyshacl_graph(lines, changed)
    articles = set(dev_graph.subjects(RDF.type, RG.TreatyArticle))
    assert {r[0] for r in expected if r[2] == URIRef(RGSH + "InstrumentShape")} == articles
    assert {r[3] for r in expected} == {SH.ClassConstraintComponent}
    assert found(report) == expected


@pytest.mark.slow  # ~1.5 s of pySHACL per mutation, 30 of them
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_graph_as_pyshacl(checker, registry, dev_graph, name):
    lines = mutated(dev_graph, name)
    report = checker.check_graph(lines)
    expected = pyshacl_graph(lines, registry)
    assert expected, "the mutation must break a shape"
    assert found(report) == expected


@pytest.mark.slow  # makes every mutated graph (the slow mutation tests share them)
def test_mutations_reach_every_shape(checker, registry, dev_graph):
    """Every shape that reports results (top-level shapes and their property shapes) is broken by at
    least one mutation above."""
    g = registry.shapes
    reporting = set()
    for top in checker.compiler.top:
        if top.value_checks or top.focus_checks:
            reporting.add(top.node)
        reporting.update(p.node for p in top.properties)
    changed, lines = without_hierarchy(registry, dev_graph)
    hit = {r[2] for r in found(ShapeChecker.compile(changed).check_graph(lines))}
    for name in MUTATIONS:
        hit |= {r[2] for r in found(checker.check_graph(mutated(dev_graph, name)))}
    missing = {g.value(s, SH.path) or s for s in reporting - hit}
    assert not missing


def test_warnings_do_not_break_conformance(checker, dev_graph):
    report = checker.check_graph(mutated(dev_graph, "two dates"))
    assert report.conforms and report.violations == 0 and report.warnings == 1
    assert "Conforms: True" in report.text and "Two document dates" in report.text


def test_report_reads_like_pyshacl(checker, dev_graph):
    report = checker.check_graph(mutated(dev_graph, "reversed offsets"))
    assert not report.conforms and report.violations == 1
    assert "Results (1):" in report.text and "LessThanConstraintComponent" in report.text
    r = next(report.results.subjects(RDF.type, SH.ValidationResult))
    assert str(report.results.value(r, SH.resultMessage)).startswith("A text position selector has one oa:start")
    assert report.results.value(r, SH.value) == Literal(90, datatype=XSD.nonNegativeInteger)
    shape = report.results.value(r, SH.sourceShape)
    assert (shape, SH.path, OA.start) in report.results  # a blank shape's description comes along


# -- documents: mutated lines, corpus documents cited ---------------------------------------------

DOC_MUTATIONS = {
    "start typed xsd:string": (OA.start, Literal("5", datatype=XSD.string)),
    "cited entity a selector": (CITO.hasCitedEntity, None),
    "title removed": (DCTERMS.title, None),
    "resolution number 0": (RG.resolutionNumber, Literal(0)),
}


@pytest.mark.parametrize("name", sorted(DOC_MUTATIONS))
def test_mutated_document_as_pyshacl(checker, registry, dev_parts, name):
    corpus = frozenset(p.symbol for p in dev_parts)
    part = dev_parts[0]  # the seed: its title, number and vote come from the registry and the text
    doc = parse(part.lines_for(corpus))
    prop, value = DOC_MUTATIONS[name]
    if prop == CITO.hasCitedEntity:
        replace(doc, one(doc, RDF.type, CITO.Citation), prop, one(doc, RDF.type, OA.TextPositionSelector))
    elif prop == DCTERMS.title:
        doc.remove((SEED_DOC, prop, None))  # the registry still titles it: no violation, as in pySHACL
    elif prop == OA.start:
        replace(doc, one(doc, RDF.type, OA.TextPositionSelector), prop, value)
    else:
        replace(doc, SEED_DOC, prop, value)
    lines = to_ntriples(doc).rstrip(b"\n").split(b"\n")
    report = checker.check_document(lines)
    assert found(report) == pyshacl_document(lines, [], registry)
    assert report.conforms == (name == "title removed")


def test_cited_corpus_document_is_checked_in_its_own_pass(checker, registry, tmp_path):
    paths = write_corpus(tmp_path, 12, seed=2)
    parts = parts_of(paths, registry)
    corpus = frozenset(p.symbol for p in parts)
    citing = next(p for p in parts if (p.keys & corpus) - {p.symbol})
    cited = sorted((citing.keys & corpus) - {citing.symbol})
    lines = citing.lines_for(corpus)  # a cited corpus document has no placeholder title here
    assert checker.check_document(lines, cited).conforms
    alone = checker.check_document(lines)
    assert not alone.conforms
    assert {r[0] for r in found(alone)} <= {iri_ref(k) for k in cited}
    assert found(alone) == pyshacl_document(lines, [], registry)


# -- what the compiler refuses --------------------------------------------------------------------

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ."""


@pytest.mark.parametrize("body, what", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
     "property path"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .",
     "property path"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
     "sh:sparql"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "sh:closed"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:languageIn ( \"en\" ) ] .",
     "sh:languageIn"),
    ("ex:S a sh:NodeShape ; sh:target [ a ex:SPARQLTarget ] .", "sh:target"),
])
def test_unknown_shape_feature_raises_at_compile_time(registry, body, what):
    shapes = Graph()
    shapes.parse(data=PREFIXES + "\n" + body, format="turtle")
    with pytest.raises(UnsupportedShape, match=what):
        ShapeChecker.compile(Registry(registry.ontology, registry.data, shapes))


def test_bad_line_is_one_line_error(checker):
    from resograph.core.errors import UserError

    with pytest.raises(UserError, match="not an N-Triples line"):
        checker.check_graph([b"<https://example.org/s> <https://example.org/p>"])
