"""The extraction pipeline: text → clean → segment → find → resolve → :class:`Extraction`.

Public API: :func:`extract` (a text) and :func:`extract_file` (a path). Each stage is its own module;
this one only wires them together.
"""

from __future__ import annotations

from pathlib import Path

from resograph.reading import patterns as P
from resograph.reading.clean import clean, fold
from resograph.reading.convert import Source, read
from resograph.reading.find import find_in_spans, find_mechanisms_in_spans, find_names, prefilter_scan
from resograph.reading.lexicon import Lexicon, load_lexicon
from resograph.core.errors import UserError
from resograph.core.models import Extraction, MechanismMention
from resograph.reading.resolve import Resolver
from resograph.reading.segment import segment


def extract(text: str, path: str | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """Extract header, paragraphs and citations from the text of one resolution.

    >>> x = extract("The General Assembly,\\n\\nRecalling its resolution 79/136 of 6 December 2024,\\n")
    >>> [(c.paragraph, c.target, c.function) for c in x.citations]
    [('pp_1', 'A/RES/79/136', 'recalling')]
    """
    lex = lexicon or load_lexicon()
    ct = clean(text, lex.words)
    folded = fold(ct.text)
    seg = segment(ct, lex, folded)
    doc = seg.header
    resolver = Resolver(lex, doc.symbol, doc.body)
    implements: list[str] = []
    if seg.title_span:
        ts, te = seg.title_span
        title_mentions = find_names(ct.text, folded, ts, te, lex)  # only names count in a title
        resolver.note(title_mentions)
        if P.IMPLEMENTS_CUE.search(folded, ts, te):
            implements = sorted({m.key for m in title_mentions
                                 if m.kind == "named" and m.key and lex.kinds.get(m.key) == "Treaty"})
    if seg.chapeau_span:  # (a non-empty block: it ends with its comma or colon)
        resolver.note(find_names(ct.text, folded, *seg.chapeau_span, lex))
    # Page furniture and footnotes inside a paragraph are blanked out for the finders, so a list
    # of resolutions or "article 18 [page break] de la primera" reads on across the break.
    masked = _mask(folded, seg.skipped)
    citations = []
    mechanisms: list[MechanismMention] = []
    spans = seg.clean_spans
    hits = prefilter_scan(masked, lex)
    per_paragraph = find_in_spans(ct.text, masked, spans, lex, doc.body, hits)
    mechanisms_per_paragraph = find_mechanisms_in_spans(ct.text, masked, spans, lex, hits)
    for par, mentions, found_mechanisms in zip(seg.paragraphs, per_paragraph, mechanisms_per_paragraph):
        if mentions:  # most paragraphs cite nothing: nothing to resolve or remember
            found = resolver.paragraph(par.id, par.function, mentions, masked, ct.span)
            for c in found:
                c.text = text[c.start:c.end]
            citations += found
        if not found_mechanisms:
            continue
        seen: set[str] = set()
        for m in found_mechanisms:
            if m.key in seen:
                continue
            seen.add(m.key)
            s, e = ct.span(m.start, m.end)
            mechanisms.append(MechanismMention(par.id, m.key, text[s:e], s, e))
    return Extraction(doc, seg.paragraphs, citations, mechanisms, implements, text, path)


def extract_file(path: str | Path, lexicon: Lexicon | None = None) -> Extraction:
    """Read a file — text (UTF-8, UTF-16 with BOM or cp1252), PDF, Word or HTML, or a ZIP member named
    ``archive.zip!member`` — and extract it; bad input raises UserError. Spans index into the text the
    converter produced (``Extraction.source``)."""
    return extract_source(read(path), lexicon)


def extract_source(source: Source, lexicon: Lexicon | None = None) -> Extraction:
    """Extract a converted source, keeping which converter made its text and where its pages start."""
    x = extract(source.text, source.name, lexicon)
    if source.converter != "text" and not x.paragraphs:
        # A converted page with no paragraph is a page about something else (a news item, an index).
        raise UserError(f"{source.name}: no resolution in this {source.converter.upper()} file "
                        "(no preambular or operative paragraph found)")
    x.converter, x.library, x.page_starts = source.converter, source.library, source.page_starts
    return x


def _mask(folded: str, spans: list[tuple[int, int]]) -> str:
    """The folded text with the given spans replaced by spaces (same length, offsets unchanged)."""
    if not spans:
        return folded
    pieces = []
    last = 0
    for a, b in sorted(spans):
        a = max(a, last)
        if b > a:
            pieces += (folded[last:a], " " * (b - a))
            last = b
    pieces.append(folded[last:])
    return "".join(pieces)
