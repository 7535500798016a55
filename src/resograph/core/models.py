"""Data models shared by every pipeline stage (one place, as in eyecite's models)."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Header:
    """What the document says about itself: symbol, title, issuing body, session, vote."""

    symbol: str | None = None
    language: str = "en"
    title: str | None = None
    body: str | None = None  # issuing body code: interpol-ga, un-ga, un-sc, ecosoc
    session: int | None = None
    place: str | None = None
    dates: list[str] = field(default_factory=list)  # ISO dates: session days or adoption date
    number: int | None = None  # resolution number within the session, when printed
    vote: dict[str, int] | None = None  # {"for": n, "against": n, "abstentions": n}
    meeting: int | None = None  # number of the meeting that adopted it ("at its 3108th meeting")
    title_start: int | None = None  # span of the title in the source text
    title_end: int | None = None


@dataclass
class Paragraph:
    """A preambular (pp_n) or operative (op_n) paragraph, with the phrase that opens it."""

    id: str
    kind: str  # "preambular" | "operative"
    phrase: str
    function: str  # clause-function concept name, e.g. "recalling"
    start: int
    end: int
    text: str = ""


@dataclass
class Mention:
    """A raw reference found in the text, before resolution to a registry key."""

    kind: str  # un-res, un-dec, sc-res, ecosoc-res, interpol, article, named, anaphor, ...
    start: int
    end: int
    text: str
    key: str | None = None  # normalised key when the pattern alone determines it
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Citation:
    """One (paragraph, target) citation with the span of its first occurrence."""

    paragraph: str
    target: str
    function: str
    text: str
    start: int
    end: int
    date: str | None = None
    resolved: bool = True


@dataclass
class MechanismMention:
    """A mechanism (I-24/7, NEXUS, notices…) named in a paragraph: not a citation, but queryable."""

    paragraph: str
    target: str  # mechanism key, e.g. "mechanism:i-24-7"
    text: str
    start: int
    end: int


@dataclass
class Extraction:
    """Everything extracted from one source text."""

    document: Header
    paragraphs: list[Paragraph]
    citations: list[Citation]
    mechanisms: list[MechanismMention] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)  # keys the title says it implements
    source: str = ""  # the original text; spans index into it
    path: str | None = None
    converter: str = "text"  # what made ``source`` of the file: "text", "pdf", "docx" or "html"
    library: str = ""  # the converting library and its version
    page_starts: tuple[int, ...] = ()  # offsets in ``source`` where each PDF page begins

    def to_json(self) -> dict[str, Any]:
        """The extract output contract of DESIGN.md (plus `mechanisms` and `implements`)."""
        doc = self.document
        return {
            "document": {
                "symbol": doc.symbol,
                "language": doc.language,
                "title": doc.title,
                "body": doc.body,
                "session": doc.session,
                "place": doc.place,
                "dates": doc.dates,
                "vote": doc.vote,
                "meeting": doc.meeting,
                "number": doc.number,
                "implements": self.implements,
            },
            "paragraphs": [self._paragraph_json(p) for p in self.paragraphs],
            "citations": [asdict(c) for c in self.citations],
            "mechanisms": [asdict(m) for m in self.mechanisms],
            **self._source_json(),
        }

    def _paragraph_json(self, p: Paragraph) -> dict[str, Any]:
        out = {k: v for k, v in asdict(p).items() if k != "text"}
        if self.page_starts:  # the PDF page where the paragraph starts
            out["page"] = bisect.bisect_right(self.page_starts, p.start)
        return out

    def _source_json(self) -> dict[str, Any]:
        """Which converter made the text of a PDF, Word or HTML file (nothing for a plain text)."""
        if self.converter == "text":
            return {}
        out: dict[str, Any] = {"converter": self.converter, "library": self.library}
        if self.page_starts:
            out["pages"] = len(self.page_starts)
        return {"source": out}
