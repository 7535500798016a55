"""Narrow a named query with the build's text index (:mod:`resograph.graph.textindex`).

A query that filters paragraphs on their text declares it in its header::

    # @text-index par term -- ?par: paragraphs whose rg:text contains ?term (LCASE both sides)

When the store read has a usable index and ``?term`` is bound, the index gives the paragraphs that
may hold the term and :func:`narrow` writes them as ``VALUES ?par { … }`` at the start of the
query's outer ``WHERE``: Oxigraph then starts from those rows instead of reading every paragraph.
The query keeps its own ``FILTER``, so the rows are those of the plain query; without an index (the
memory store, an older build, Virtuoso) the plain query runs as written.

>>> narrow("SELECT * WHERE { ?par ?p ?o }", {}, None)
'SELECT * WHERE { ?par ?p ?o }'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from resograph.graph import textindex

_DECLARED = re.compile(r"^#\s*@text-index\s+(?P<var>[A-Za-z_]\w*)\s+(?P<term>[A-Za-z_]\w*)\b", re.M)
_WHERE = re.compile(r"^(?!\s*#).*?\bWHERE\s*\{", re.M | re.I)
_IRI_SAFE = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')  # an IRI that can be written as <…> as is


def declared(text: str) -> tuple[str, str] | None:
    """(narrowed variable, term variable) of a query's ``# @text-index`` line, if it has one."""
    m = _DECLARED.search(text)
    return (m["var"], m["term"]) if m else None


def narrow(text: str, init: Mapping[str, Node] | None, generation: str | os.PathLike | None) -> str:
    """The query with its paragraphs narrowed by the index of `generation` (the store directory
    read), or `text` unchanged when it declares nothing, the term is unbound or not a literal, or
    the index cannot say."""
    how = declared(text)
    if how is None or generation is None or not init:
        return text
    var, term_var = how
    term = init.get(term_var)
    where = _WHERE.search(text)
    if not isinstance(term, Literal) or where is None:
        return text
    gen = Path(generation)
    found = textindex.candidates(textindex.index_path(gen), gen.name, str(term))
    if found is None or not all(_IRI_SAFE.match(iri) for iri in found):
        return text
    values = f"\n  VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in found) + " }\n"
    return text[:where.end()] + values + text[where.end():]


__all__ = ["declared", "narrow"]
