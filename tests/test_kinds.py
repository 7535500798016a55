"""The table of instrument kinds (resograph.core.kinds) against the ontology, the registry, the key
forms of DESIGN.md and the modules that read it."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from resograph.core import kinds
from resograph.core.keys import undocs_url
from resograph.core.namespaces import ID, RG
from resograph.core.paths import ontology_dir, registry_dir


# DESIGN.md, "Identifiers": one example per key form, with the kind and body it names.
@pytest.mark.parametrize("key, kind, body", [
    ("A/RES/79/136", "resolution", "un-ga"),
    ("A/RES/3013(XXVII)", "resolution", "un-ga"),
    ("A/DEC/49/426", "decision", "un-ga"),
    ("S/RES/2482(2019)", "resolution", "un-sc"),
    ("A/RES/47/20A", "resolution", "un-ga"),
    ("E/RES/833B(XXXII)", "resolution", "ecosoc"),
    ("E/RES/2004/21", "resolution", "ecosoc"),
    ("A/HRC/RES/48/4", "resolution", "hrc"),
    ("A/HRC/DEC/45/101", "decision", "hrc"),
    ("GA-2012-81-RES-08", "resolution", "interpol-ga"),
    ("GA-2008-RES-07", "resolution", "interpol-ga"),
    ("AGN/68/RES/1", "resolution", "interpol-ga"),
    ("AGN/68/RAP/2", "report", "interpol-ga"),
    ("convention:cybercrime-2024", "treaty", None),
    ("convention:cybercrime-2024/art_41", "article", None),
    ("un:charter", "treaty", None),
    ("un:charter/art_2", "article", None),
    ("un:charter/chap_VII", "chapter", None),
    ("interpol:constitution", "constitution", None),
    ("interpol:vienna-declaration-2023", "declaration", None),
    ("agreement:un-interpol-1997", "agreement", None),
    ("S/2015/144", "un-document", None),
    ("A/60/288", "un-document", None),
])
def test_key_forms_name_their_kind_and_body(key, kind, body):
    assert kinds.key_kind(key) == (kind, body)
    assert (undocs_url(key) is not None) == key.startswith(("A/", "S/", "E/"))


def test_every_kind_is_a_class_of_the_ontology():
    onto = Graph()
    for path in ontology_dir().glob("resograph.ttl"):
        onto.parse(path)
    classes = set(onto.subjects(RDF.type, OWL.Class))
    assert [k.cls for k in kinds.KINDS if RG[k.cls] not in classes] == []


def test_every_kind_and_body_is_used_once_and_every_shape_names_a_kind():
    names = [k.name for k in kinds.KINDS]
    assert len(set(names)) == len(names) and sorted(k.legend for k in kinds.KINDS) == list(range(len(names)))
    assert {kind for _, kind, _ in kinds.KEY_SHAPES} <= set(names)
    bodies = [b.code for b in kinds.BODIES]
    assert len(set(bodies)) == len(bodies)


def test_bodies_of_key_shapes_are_in_the_table_and_the_registry():
    registry = Graph()
    registry.parse(registry_dir() / "bodies.ttl")
    codes = {b.code for b in kinds.BODIES}
    for _, _, body in kinds.KEY_SHAPES:
        if body:
            assert body in codes
            assert (ID[f"body/{body}"], None, None) in registry, body


def test_the_graph_network_and_explorer_take_their_kinds_from_the_table():
    from resograph.graph.rdf import INSTRUMENT_KINDS, kind_of
    from resograph.views import explore, network

    assert set(INSTRUMENT_KINDS) == {RG[k.cls] for k in kinds.KINDS} - {RG.TreatyArticle, RG.TreatyChapter}
    assert kind_of("S/RES/2482(2019)") == (RG.Resolution, "un-sc")
    assert kind_of("un:charter/chap_VII") == (RG.TreatyChapter, None)
    assert list(network.KINDS.values()) == [k.name for k in kinds.KINDS if k.drawn]  # precedence order
    assert "chapter" not in network.KINDS.values() and "chapter" not in explore.SHAPES
    assert explore.SHAPES["decision"] == ("triangleDown", "▼")
    assert list(explore.SHAPES)[:3] == ["resolution", "decision", "treaty"]  # the legend's order
    assert explore.BODY_COLOURS["un-sc"] == "#d1495b" and explore.BODY_ORDER[0] == "interpol-ga"
