"""The graph builder follows docs/graph-model.md: contract triples, unresolved references, CiTO
characterizations, one node per key across languages. Extractions are made by hand from the gold
files (tests/_handmade.py), so these tests do not depend on the extractor."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from _handmade import FIXTURES, handmade
from resograph.graph.rdf import (CITO, ELI, OA, RG, RGCF, build_graph, document_graph, iri_ref,
                             kind_of)
from resograph.core.models import Citation, Extraction, Header, Paragraph
from resograph.graph.registry import Registry, load

SEED = "GA-2025-93-RES-03.fr"
SEED_KEY = "GA-2025-93-RES-03"
EN = "dev02_interpol_en_uncoop"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load()


@pytest.fixture(scope="module")
def seed_graph(registry) -> Graph:
    return build_graph([handmade(SEED)], registry)


def gold_targets(name: str) -> set[str]:
    gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    return {c["target"] for c in gold["citations"]}


def test_the_seed_cites_its_19_instruments_by_short_edges(seed_graph):
    doc = iri_ref(SEED_KEY)
    cited = {str(seed_graph.value(t, DCTERMS.identifier)) for t in seed_graph.objects(doc, ELI.cites)}
    assert cited == gold_targets(SEED)
    assert len(cited) == 19


def test_every_instrument_has_exactly_its_key_as_identifier(seed_graph):
    instruments = set(seed_graph.subjects(RDF.type, ELI.LegalResource)) | set(
        seed_graph.subjects(RDF.type, RG.TreatyArticle))
    assert len(instruments) >= 20
    for node in instruments:
        ids = list(seed_graph.objects(node, DCTERMS.identifier))
        assert len(ids) == 1, node
        assert node == iri_ref(str(ids[0]))
        assert list(seed_graph.objects(node, DCTERMS.title)), node


def test_paragraphs_are_part_of_the_document_and_cite_what_the_gold_says(seed_graph):
    doc = iri_ref(SEED_KEY)
    gold = json.loads((FIXTURES / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    for c in gold["citations"]:
        para = URIRef(f"{doc}/{c['paragraph']}")
        assert (para, ELI.is_part_of, doc) in seed_graph
        assert (doc, ELI.has_part, para) in seed_graph
        assert (para, ELI.cites, iri_ref(c["target"])) in seed_graph
    paragraphs = set(seed_graph.subjects(ELI.is_part_of, doc))
    assert {str(seed_graph.value(p, RG.eId)) for p in paragraphs} >= {"pp_1", "pp_12", "op_5"}


def test_articles_are_part_of_their_treaty(seed_graph):
    treaty = iri_ref("convention:cybercrime-2024")
    for n in (37, 40, 41, 47):
        art = iri_ref(f"convention:cybercrime-2024/art_{n}")
        assert (art, ELI.is_part_of, treaty) in seed_graph
        assert (treaty, ELI.has_part, art) in seed_graph
        assert (art, RDF.type, RG.TreatyArticle) in seed_graph
        assert seed_graph.value(art, RG.articleNumber).toPython() == n


def test_each_citation_carries_paragraph_target_characterization_and_a_selector_into_the_source(
        seed_graph):
    text = (FIXTURES / f"{SEED}.txt").read_text(encoding="utf-8")
    source = URIRef("https://w3id.org/resograph/id/source/GA-2025-93-RES-03/GA-2025-93-RES-03.fr.txt")
    citations = list(seed_graph.subjects(RDF.type, CITO.Citation))
    assert len(citations) == 22
    for c in citations:
        assert len(list(seed_graph.objects(c, CITO.hasCitingEntity))) == 1
        assert len(list(seed_graph.objects(c, CITO.hasCitedEntity))) == 1
        assert len(list(seed_graph.objects(c, CITO.hasCitationCharacterization))) == 1
        para = seed_graph.value(c, CITO.hasCitingEntity)
        assert (para, ELI.cites, seed_graph.value(c, CITO.hasCitedEntity)) in seed_graph
        sel = seed_graph.value(c, OA.hasSelector)
        assert (sel, RDF.type, OA.TextPositionSelector) in seed_graph
        start, end = seed_graph.value(sel, OA.start), seed_graph.value(sel, OA.end)
        assert start.datatype == XSD.nonNegativeInteger
        assert 0 <= start.toPython() < end.toPython() <= len(text)
        assert text[start.toPython():end.toPython()] == str(seed_graph.value(c, RG.quote))
        assert seed_graph.value(sel, OA.hasSource) == source
    assert (iri_ref(SEED_KEY), PROV.wasDerivedFrom, source) in seed_graph
    assert (source, RDF.type, PROV.Entity) in seed_graph
    assert len(str(seed_graph.value(source, RG.sha256))) == 64
    activity = seed_graph.value(iri_ref(SEED_KEY), PROV.wasGeneratedBy)
    assert (activity, PROV.used, source) in seed_graph


def test_citation_iris_follow_the_model(seed_graph):
    c = URIRef("https://w3id.org/resograph/id/GA-2025-93-RES-03/pp_8/cites/0")
    assert seed_graph.value(c, CITO.hasCitedEntity) == iri_ref("A/RES/51/1")
    assert (URIRef(f"{c}/selector"), RDF.type, OA.TextPositionSelector) in seed_graph


@pytest.mark.parametrize("function, expected", [
    ("recalling", CITO.citesAsAuthority),
    ("taking-note", CITO.citesForInformation),
    ("welcoming", CITO.agreesWith),
    ("no-such-function", CITO.cites),
])
def test_the_characterization_comes_from_the_clause_function(registry, function, expected):
    text = "RAPPELANT la résolution 51/1"
    x = Extraction(Header(symbol="GA-2030-99-RES-01", language="fr", title="t", body="interpol-ga"),
                   [Paragraph("pp_1", "preambular", "RAPPELANT", function, 0, len(text))],
                   [Citation("pp_1", "A/RES/51/1", function, "51/1", 24, 28)], source=text)
    g = document_graph(x, registry)
    c = URIRef("https://w3id.org/resograph/id/GA-2030-99-RES-01/pp_1/cites/0")
    assert list(g.objects(c, CITO.hasCitationCharacterization)) == [expected]
    assert (c, RG.clauseFunction, RGCF[function]) in g


@pytest.mark.parametrize("key, kind, body", [
    ("A/RES/79/136", RG.Resolution, "un-ga"),
    ("A/RES/3013(XXVII)", RG.Resolution, "un-ga"),
    ("A/DEC/49/426", RG.Decision, "un-ga"),
    ("S/RES/2482(2019)", RG.Resolution, "un-sc"),
    ("E/RES/2016/18", RG.Resolution, "ecosoc"),
    ("GA-2008-RES-07", RG.Resolution, "interpol-ga"),
    ("AGN/68/RES/1", RG.Resolution, "interpol-ga"),
    ("convention:new-treaty-2030", RG.Treaty, None),
    ("convention:new-treaty-2030/art_5", RG.TreatyArticle, None),
    ("S/2015/144", RG.UNDocument, None),
    ("A/60/288", RG.UNDocument, None),
    ("CTOC/COP/WG.3/2026/4", RG.UNDocument, None),  # a crime body's series (patterns.DOCUMENT_SERIES)
    ("UNODC/CCPCJ/EG.4/2021/2", RG.UNDocument, None),
])
def test_the_kind_of_an_unresolved_reference_comes_from_its_key(key, kind, body):
    assert kind_of(key) == (kind, body)


def test_unresolved_references_are_kept_typed_and_flagged(registry):
    keys = ["A/RES/12/345", "S/2015/144", "convention:new-treaty-2030/art_5"]
    assert not any(registry.knows(k) for k in keys)
    text = "NOTING " + " ; ".join(keys)
    cites = [Citation("pp_1", k, "noting", k, text.index(k), text.index(k) + len(k)) for k in keys]
    x = Extraction(Header(symbol="A/RES/99/1", language="en", title="t", body="un-ga"),
                   [Paragraph("pp_1", "preambular", "NOTING", "noting", 0, len(text))], cites,
                   source=text)
    g = build_graph([x], registry)
    res, doc, art = (iri_ref(k) for k in keys)
    assert (res, RDF.type, RG.Resolution) in g and (res, RDF.type, ELI.LegalResource) in g
    assert (res, ELI.passed_by, URIRef("https://w3id.org/resograph/id/body/un-ga")) in g
    assert (doc, RDF.type, RG.UNDocument) in g
    assert (art, RDF.type, RG.TreatyArticle) in g
    treaty = iri_ref("convention:new-treaty-2030")
    assert (art, ELI.is_part_of, treaty) in g and (treaty, RDF.type, RG.Treaty) in g
    for node, key in zip((res, doc, art, treaty), keys + ["convention:new-treaty-2030"]):
        assert (node, RG.inRegistry, Literal(False)) in g
        assert (node, DCTERMS.title, Literal(key)) in g
        assert (iri_ref("A/RES/99/1"), ELI.cites, node) in g or node == treaty
    assert (URIRef(str(res)), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
            URIRef("https://undocs.org/A/RES/12/345")) in g
    # registry instruments are flagged the other way
    assert (iri_ref("convention:cybercrime-2024"), RG.inRegistry, Literal(True)) in g


def test_one_node_per_key_whatever_the_language_of_the_citing_text(registry):
    g = build_graph([handmade(SEED), handmade(EN)], registry)
    ids = Counter(str(o) for s, o in g.subject_objects(DCTERMS.identifier))
    assert max(ids.values()) == 1
    shared = gold_targets(SEED) & gold_targets(EN)
    assert {"A/RES/51/1", "A/RES/79/136", "interpol:vienna-declaration-2023"} <= shared
    for key in shared:
        citing = set(g.subjects(ELI.cites, iri_ref(key)))
        assert {iri_ref(SEED_KEY), iri_ref("GA-2025-93-RES-05")} <= citing, key


def test_a_citation_per_paragraph_and_target_and_no_self_citation(registry):
    text = "RECALLING 51/1 and 51/1 and GA-2030-99-RES-01"
    cites = [Citation("pp_1", "A/RES/51/1", "recalling", "51/1", 10, 14),
             Citation("pp_1", "A/RES/51/1", "recalling", "51/1", 19, 23),
             Citation("pp_1", "GA-2030-99-RES-01", "recalling", "GA", 28, 45)]
    x = Extraction(Header(symbol="GA-2030-99-RES-01", language="en", title="t"),
                   [Paragraph("pp_1", "preambular", "RECALLING", "recalling", 0, len(text))],
                   cites, source=text)
    g = document_graph(x, registry)
    assert len(list(g.subjects(RDF.type, CITO.Citation))) == 1


def test_registry_facts_are_not_restated_from_the_text():
    data = Graph().parse(data="""
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix rg: <https://w3id.org/resograph/ontology#> .
        <https://w3id.org/resograph/id/GA-2030-99-RES-01> a rg:Resolution ;
            dcterms:identifier "GA-2030-99-RES-01" ; dcterms:title "Official title"@en ;
            dcterms:source <https://example.org/source> .
    """, format="turtle")
    reg = Registry(ontology=load().ontology, data=data, shapes=Graph())
    x = Extraction(Header(symbol="GA-2030-99-RES-01", language="en", title="Printed title",
                          body="interpol-ga"), [], [])
    g = build_graph([x], reg)
    doc = iri_ref("GA-2030-99-RES-01")
    assert set(g.objects(doc, DCTERMS.title)) == {Literal("Official title", lang="en")}
    assert (doc, RG.inRegistry, Literal(True)) in g
    assert (doc, RG.inRegistry, Literal(False)) not in g
    # a title in another language is still taken from the text
    x.document.language, x.document.title = "fr", "Titre imprimé"
    g = build_graph([x], reg)
    assert Literal("Titre imprimé", lang="fr") in set(g.objects(doc, DCTERMS.title))


def test_header_facts_become_session_vote_and_language(seed_graph):
    doc = iri_ref(SEED_KEY)
    assert seed_graph.value(doc, DCTERMS.language) == Literal("fr")
    vote = seed_graph.value(doc, RG.vote)
    assert seed_graph.value(vote, RG.votesFor).toPython() == 134
    assert seed_graph.value(vote, RG.abstentions).toPython() == 5
    session = seed_graph.value(doc, RG.session)
    assert str(session).endswith("/session/interpol-ga/93")
    assert seed_graph.value(session, RG.startDate) is not None or seed_graph.value(
        session, RG.sessionNumber) is not None


def test_a_document_graph_is_contained_in_the_build(registry, seed_graph):
    doc = document_graph(handmade(SEED), registry, [SEED_KEY])
    assert all(t in seed_graph for t in doc)
    assert Path(FIXTURES / f"{SEED}.txt").is_file()


# -- the fast N-Triples path (document_lines) against the rdflib reference (document_parts) -----

def _reference_lines(x: Extraction, registry: Registry):
    """What the rdflib path gives: the graph serialised by rdflib's N-Triples writer, and each
    conditional triple written by the same writer."""
    from rdflib.plugins.serializers.nt import _nt_row

    from resograph.graph.rdf import document_parts

    g, conditional, keys = document_parts(x, registry)
    text = g.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    cond = {k: sorted({_nt_row(t).encode("utf-8")[:-1] for t in triples})
            for k, triples in sorted(conditional.items())}
    return lines, cond, keys


def _real_texts(tmp_path: Path) -> list[Path]:
    from resograph.tools import synth
    from resograph.core.paths import sources_dir

    texts = sorted(sources_dir().glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    texts += sorted((FIXTURES / "holdout").glob("*.txt"))
    texts += synth.write_corpus(tmp_path / "synth", 60, seed=11)
    return texts


def test_fast_ntriples_lines_are_exactly_the_rdflib_writers(registry, tmp_path):
    from resograph.reading.extract import extract_file
    from resograph.graph.rdf import document_lines

    texts = _real_texts(tmp_path)
    assert len(texts) > 70
    for path in texts:
        x = extract_file(path)
        want = _reference_lines(x, registry)
        got = document_lines(x, registry)
        assert got[0] == want[0], path.name
        assert got[1] == want[1], path.name
        assert got[2] == want[2], path.name


def test_fast_ntriples_escape_like_rdflib(registry):
    # Quotes, backslashes, line breaks, carriage returns, non-ASCII and a language tag.
    from resograph.graph.rdf import document_lines

    text = 'RAPPELANT la « résolution » "X" \\ a\r\nb\tc — 24/7'
    x = Extraction(Header(symbol="GA-2030-99-RES-02", language="fr", title='Titre "cité" \\ é\n'),
                   [Paragraph(id="pp_1", kind="preambular", phrase="RAPPELANT", function="recalling",
                              start=0, end=len(text), text=text)],
                   [Citation(paragraph="pp_1", target="A/RES/51/1", function="recalling",
                             text='"résolution"\n51/1', start=0, end=5)],
                   source=text)
    assert document_lines(x, registry) == _reference_lines(x, registry)
    lines = document_lines(x, registry)[0]
    assert any(b'\\"X\\" \\\\ a\\r\\nb\tc' in line for line in lines)


def test_an_iri_rdflib_cannot_write_is_refused_by_the_fast_path_too():
    from resograph.graph.rdf import _LineTerms

    bad = "https://w3id.org/resograph/id/a b"
    with pytest.raises(Exception):
        URIRef(bad).n3()
    with pytest.raises(ValueError):
        _LineTerms.node(bad)
    assert _LineTerms.node(bad.replace(" ", "%20")) == bad.replace(" ", "%20")


def test_conditional_lines_are_a_function_of_the_key(registry):
    # A rebuild switches a key's placeholder lines on or off without the documents citing it.
    from resograph.reading.extract import extract_file
    from resograph.graph.rdf import conditional_lines, document_lines

    seen = 0
    for path in sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "holdout").glob("*.txt")):
        for key, lines in document_lines(extract_file(path), registry)[1].items():
            assert lines == conditional_lines(key), key
            seen += 1
    assert seen > 5
