"""What a kind of instrument is, in one table: its ontology class, the key forms that name it, the
body that issues it, and how the explorer draws it. Data, not code: the graph types unknown keys
from ``KEY_SHAPES`` (:func:`resograph.graph.rdf.kind_of`), the network turns ``rdf:type`` back into a
kind with ``KINDS`` (:mod:`resograph.views.network`), the explorer takes shapes, glyphs and body
colours from here (:mod:`resograph.views.explore`), and :func:`resograph.core.keys.undocs_url`
knows a UN symbol by ``UN_SYMBOL``. docs/extending.md says what else a new kind needs (a class in
``ontology/resograph.ttl``, the reference grammar, registry entries).

>>> key_kind("A/DEC/49/426")
('decision', 'un-ga')
>>> key_kind("convention:cybercrime-2024/art_41")
('article', None)
>>> KIND["un-document"].cls, KIND["treaty"].shape
('UNDocument', 'hexagon')
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # the node kind in the network and the explorer
    cls: str  # its class in the ontology (local name under rg:)
    shape: str  # vis.js node shape on the explorer's canvas
    glyph: str  # how the explorer's legend draws that shape
    legend: int  # position in the explorer's legend
    instrument: bool = True  # an eli:LegalResource of its own (an article is a subdivision)
    drawn: bool = True  # a node of the citation network and the explorer


#: Every kind. A node typed with several classes takes the first kind of this order.
KINDS: tuple[Kind, ...] = (
    Kind("article", "TreatyArticle", "diamond", "◆", 3, instrument=False),
    Kind("treaty", "Treaty", "hexagon", "⬢", 2),
    Kind("constitution", "Constitution", "square", "■", 6),
    Kind("agreement", "Agreement", "triangle", "▲", 5),
    Kind("declaration", "Declaration", "star", "★", 4),
    Kind("resolution", "Resolution", "dot", "●", 0),
    Kind("decision", "Decision", "triangleDown", "▼", 1),
    Kind("report", "Report", "square", "■", 7),
    Kind("un-document", "UNDocument", "square", "■", 8),
    # A chapter of a treaty (un:charter/chap_VII) is typed in the graph but not yet a node of the
    # network or the explorer (as when the Charter came in, issue 12).
    Kind("chapter", "TreatyChapter", "diamond", "◇", 9, instrument=False, drawn=False),
)
KIND: dict[str, Kind] = {k.name: k for k in KINDS}

#: A symbol of the UN documentation system (undocs.org knows it): General Assembly, Security
#: Council, ECOSOC.
UN_SYMBOL = r"^(A|S|E)/"
ARTICLE = r"^(?P<parent>.+)/art_(?P<n>\d+)$"
CHAPTER = r"^(?P<parent>.+)/chap_(?P<n>[IVXLC]+)$"  # un:charter/chap_VII

#: Key shape → (kind, issuing body code): how a key the registry does not know is typed.
#: Order matters: the first match wins; an article or chapter (``ARTICLE``, ``CHAPTER``) before all
#: of them, and a key that matches none is a UN document cited in a body text.
KEY_SHAPES: tuple[tuple[str, str, str | None], ...] = (
    (r"^A/RES/", "resolution", "un-ga"),
    # The Human Rights Council numbers its own resolutions and decisions under the Assembly's
    # series symbol: A/HRC/RES/{session}/{number}, A/HRC/DEC/{session}/{number}.
    (r"^A/HRC/RES/", "resolution", "hrc"),
    (r"^A/HRC/DEC/", "decision", "hrc"),
    (r"^A/DEC/", "decision", "un-ga"),
    (r"^S/RES/", "resolution", "un-sc"),
    (r"^E/RES/", "resolution", "ecosoc"),
    (r"^E/DEC/", "decision", "ecosoc"),
    (r"^GA-\d{4}-", "resolution", "interpol-ga"),
    (r"^AGN/\d+/RES/", "resolution", "interpol-ga"),
    (r"^AGN/\d+/RAP/", "report", "interpol-ga"),
    (r"^(convention|treaty):|^un:charter$", "treaty", None),
    (r"^interpol:constitution$", "constitution", None),
    (r"^interpol:.*declaration", "declaration", None),
    (r"^agreement:", "agreement", None),
    (UN_SYMBOL, "un-document", None),
)
FALLBACK_KIND = "un-document"


@dataclass(frozen=True)
class Body:
    code: str  # as in data/registry/bodies.ttl (…/id/body/{code})
    name: str  # shown when the graph gives no label for the body
    colour: str  # the explorer's colour for what it issues


#: Issuing bodies with a fixed colour, in the explorer legend's order (others get a palette colour).
BODIES: tuple[Body, ...] = (
    Body("interpol-ga", "INTERPOL General Assembly", "#1f4e9c"),
    Body("interpol-exec", "INTERPOL Executive Committee", "#5b8bd0"),
    Body("un-ga", "UN General Assembly", "#179c8a"),
    Body("un-sc", "UN Security Council", "#d1495b"),
    Body("ecosoc", "UN Economic and Social Council", "#8e6bbf"),
    Body("hrc", "UN Human Rights Council", "#e07b39"),
    Body("coe", "Council of Europe", "#d99a00"),
)

_ARTICLE = re.compile(ARTICLE)
_CHAPTER = re.compile(CHAPTER)
_SHAPES = tuple((re.compile(pattern), kind, body) for pattern, kind, body in KEY_SHAPES)


def key_kind(key: str) -> tuple[str, str | None]:
    """(kind name, issuing body code or None) from the key's shape alone."""
    if _ARTICLE.match(key):
        return "article", None
    if _CHAPTER.match(key):
        return "chapter", None
    for pattern, kind, body in _SHAPES:
        if pattern.search(key):
            return kind, body
    return FALLBACK_KIND, None
