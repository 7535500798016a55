"""Narrow a named query with the build's text index (:mod:`resograph.graph.textindex`).

A query that filters paragraphs on their text declares it in its header::

    # @text-index par term -- ?par: paragraphs whose rg:text contains ?term (LCASE both sides)

When the store read has a usable index and ``?term`` is bound, the index gives the paragraphs that
may hold the term and :func:`narrow` writes them as ``VALUES ?par { … }`` at the start of the
query's outer ``WHERE``, and of every sub-select that projects ``?par`` (a plain ``?par`` in its
``SELECT``) and has no ``LIMIT`` or ``OFFSET`` of its own: such a sub-select is joined with the outer
rows on ``?par``, so its rows for other paragraphs could not join and its groups per paragraph stay
whole (declare the line only where each such sub-select binds ``?par`` in every row). Oxigraph
then starts from those rows instead of reading every paragraph, and does not aggregate over the
whole corpus. The query keeps its own ``FILTER``, so the rows are those of the plain query; without
an index (the memory store, an older build, Virtuoso) the plain query runs as written.

``# @text-index par term ordered`` says more: the query's rows are in the index's order of
paragraphs (document identifier, preamble before the rest, position: ``paragraph-search``'s
``ORDER BY``) and its one outer ``LIMIT n`` caps them, so only the candidates that the first ``n``
rows need are written (:func:`resograph.graph.textindex.candidates` with ``limit``).

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
from resograph.query import gate

_DECLARED = re.compile(r"^#\s*@text-index\s+(?P<var>[A-Za-z_]\w*)\s+(?P<term>[A-Za-z_]\w*)"
                       r"(?P<ordered>\s+ordered)?\b", re.M)
_WHERE = re.compile(r"^(?!\s*#).*?\bWHERE\s*\{", re.M | re.I)
_IRI_SAFE = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')  # an IRI that can be written as <…> as is
_SELECT = re.compile(r"\bSELECT\b", re.I)
_MODIFIER = re.compile(r"\b(LIMIT|OFFSET)\b", re.I)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)", re.I)


def declared(text: str) -> tuple[str, str] | None:
    """(narrowed variable, term variable) of a query's ``# @text-index`` line, if it has one."""
    m = _DECLARED.search(text)
    return (m["var"], m["term"]) if m else None


def ordered(text: str) -> bool:
    """Whether the ``# @text-index`` line says the rows are in the index's order (``ordered``)."""
    m = _DECLARED.search(text)
    return bool(m and m["ordered"])


def _closing(masked: str, opening: int) -> int:
    """The index of the ``}`` that closes the ``{`` at `opening` (len(masked) if none)."""
    depth = 0
    for i in range(opening, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(masked)


def _depths(masked: str) -> list[int]:
    """The brace depth at each character (before it)."""
    out, depth = [], 0
    for ch in masked:
        out.append(depth)
        depth += (ch == "{") - (ch == "}")
    return out


def _projects(projection: str, var: str) -> bool:
    """Whether a SELECT clause projects ``?var`` as a plain variable (not inside an expression)."""
    depth = 0
    for m in re.finditer(r"[()]|[?$]([A-Za-z_]\w*)", projection):
        if m[0] == "(":
            depth += 1
        elif m[0] == ")":
            depth -= 1
        elif depth == 0 and m[1] == var:
            return True
    return False


def subselects(text: str, var: str) -> list[int]:
    """Where to write the VALUES in each sub-select of `text` that projects ``?var`` plainly and has
    no LIMIT or OFFSET of its own: just after the ``{`` that opens its WHERE group."""
    masked = gate.mask(text)
    depth = _depths(masked)
    out = []
    for m in _SELECT.finditer(masked):
        if depth[m.start()] == 0:
            continue  # the query itself
        group = masked.find("{", m.end())
        if group < 0:
            continue
        if not _projects(re.sub(r"\bWHERE\b", " ", masked[m.end():group], flags=re.I), var):
            continue
        enclosing = masked.rfind("{", 0, m.start())
        end = _closing(masked, enclosing)
        if _MODIFIER.search(masked, _closing(masked, group), end):
            continue
        out.append(group + 1)
    return out


def row_cap(text: str) -> int | None:
    """The number of the query's one outer ``LIMIT n`` (None: none, several, or an outer OFFSET)."""
    masked = gate.mask(text)
    depth = _depths(masked)
    outer = [m for m in _LIMIT.finditer(masked) if depth[m.start()] == 0]
    if len(outer) != 1 or any(depth[m.start()] == 0 for m in re.finditer(r"\bOFFSET\b", masked, re.I)):
        return None
    return int(outer[0][1])


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
    cap = row_cap(text) if ordered(text) else None
    found = textindex.candidates(textindex.index_path(gen), gen.name, str(term), cap)
    if found is None or not all(_IRI_SAFE.match(iri) for iri in found):
        return text
    values = f"\n  VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in found) + " }\n"
    for at in sorted({where.end(), *subselects(text, var)}, reverse=True):
        text = text[:at] + values + text[at:]
    return text


__all__ = ["declared", "ordered", "subselects", "row_cap", "narrow"]
