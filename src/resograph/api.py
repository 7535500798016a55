"""The public API — its one statement: ``__all__`` below. ``from resograph import extract, build,
open_graph, query_df, network, explorer_html`` re-exports these names lazily (``resograph.__getattr__``),
so ``import resograph`` and ``resograph --help`` load none of the pipeline.

Thin wrappers over the pipeline modules (:mod:`resograph.graph.build`, :mod:`resograph.graph.store`,
:mod:`resograph.query.sparql`, :mod:`resograph.views.network`, :mod:`resograph.views.explore`) with the defaults a
reader at a notebook wants: quiet builds, SPARQL results as pandas DataFrames with readable values,
the explorer as one HTML string. Nothing here reimplements a stage; each function says which one it
calls.

>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> result = build(["data/sources"], out)                            # doctest: +SKIP
>>> g = open_graph(out)                                               # doctest: +SKIP
>>> query_df(g, "cited-by", doc="GA-2025-93-RES-03").key.head(2).tolist()  # doctest: +SKIP
['A/RES/51/1', 'GA-2008-RES-07']
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal

from resograph.core.errors import UserError
from resograph.graph.build import BuildResult
from resograph.graph.build import build as _run_build
from resograph.graph.store import open_graph as _open_store
from resograph.query import sparql, vocabcheck
from resograph.reading.extract import extract, extract_file

if TYPE_CHECKING:  # pandas and networkx are imported only when used
    import networkx as nx
    import pandas as pd

#: The public API (what ``from resograph import *`` gives, with ``__version__``).
__all__ = ["extract", "extract_file", "build", "open_graph", "query_df", "queries", "network", "analyses",
           "explorer_html", "inline_html"]


def build(sources: Iterable[str | os.PathLike] | str | os.PathLike,
          out: str | os.PathLike = "build", *, quiet: bool = True, **options: Any) -> BuildResult:
    """Build the graph from source texts (files or folders) into ``out``: what `resograph build` does.

    Returns the :class:`resograph.graph.build.BuildResult` (``.summary()`` prints the counts and files).
    ``options`` go to :func:`resograph.graph.build.build` (``store``, ``validation``, ``allow_invalid``).
    A graph that fails SHACL validation is not published: that raises :class:`UserError` here,
    so a notebook never goes on with a stale build.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    result = _run_build(list(sources), out, quiet=quiet, **options)
    if not result.published:
        raise UserError(f"{out}: build not published (SHACL violations: see result.report)\n"
                        + result.summary())
    return result


build_graph = build  # the earlier name, kept for notebooks that call it


def open_graph(build_dir: str | os.PathLike = "build", store: str = "oxigraph") -> Graph:
    """The built graph as an rdflib ``Graph`` (:func:`resograph.graph.store.open_graph`), read-only."""
    return _open_store(build_dir, store)


def queries() -> "pd.DataFrame":
    """The named-query catalogue: name, description and parameters of every ``queries/*.rq``."""
    import pandas as pd

    rows = []
    for q in sparql.load_catalogue().values():
        params = ", ".join(p.name + (f"={p.default}" if p.default is not None else "") for p in q.params)
        rows.append({"name": q.name, "form": q.form, "params": params, "description": q.description})
    return pd.DataFrame(rows, columns=["name", "form", "params", "description"])


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value  # unknown datatype: its lexical form
    return sparql.compact(term)


def query_df(graph: Graph, name: str, params: Mapping[str, Any] | None = None,
             **kwargs: Any) -> "pd.DataFrame | bool | Graph":
    """Run a named query (or a ``.rq`` file, or SPARQL text) on ``graph``; a SELECT gives a DataFrame.

    Parameters are those the query declares (``resograph queries`` lists them), as keyword
    arguments or, for names that are Python keywords such as ``from``, in ``params``. Declared
    defaults apply when left out. Literals become Python values (dates as ``datetime.date``,
    numbers as numbers), IRIs are shortened with the usual prefixes (``id:``, ``rgcf:``, ``cito:``…).
    ASK gives a ``bool``, CONSTRUCT/DESCRIBE an rdflib ``Graph``.

    >>> query_df(g, "un-interpol-chain", {"from": "GA-2025-93-RES-03"})   # doctest: +SKIP
    """
    import pandas as pd

    query = sparql.resolve_query(name)
    values = {k: str(v) for k, v in {**(params or {}), **kwargs}.items() if v is not None}
    if query.name != "query":
        lacking = vocabcheck.missing(graph, query.text)
        if lacking:
            raise UserError(vocabcheck.stale_message(query.name, lacking))
    result = sparql.materialise(sparql.run(graph, query.text, sparql.bindings(query, values),
                                           source=query.name))
    if not isinstance(result, sparql.Table):
        return result
    rows = [[_value(t) for t in row] for row in result.rows]
    return _rule_titles(graph, _no_key_titles(pd.DataFrame(rows, columns=result.variables)))


def _no_key_titles(frame: "pd.DataFrame") -> "pd.DataFrame":
    """A title that only repeats the row's key (the shape's placeholder for an instrument the
    registry does not name) is no title (None)."""
    keys = [c for c in ("key", "doc", "instrument") if c in frame.columns]
    for column in [c for c in frame.columns if c == "title" or c.endswith("Title") or c.endswith("_title")]:
        for key in keys:
            same = frame[column].astype("string") == frame[key].astype("string")
            frame[column] = frame[column].where(~same.fillna(False).astype(bool), None)
    return frame


def _rule_titles(graph: Graph, frame: "pd.DataFrame", lang: str = "en") -> "pd.DataFrame":
    """The one title rule (:func:`resograph.views.titles.titles_in`) in a result with ``key`` and
    ``title`` columns: the page, the network and the query then name an instrument alike."""
    from resograph.views.titles import titles_in

    if "key" not in frame.columns or "title" not in frame.columns or frame.empty:
        return frame
    chosen = titles_in(graph, [k for k in frame["key"] if isinstance(k, str)], lang)
    frame["title"] = [chosen.get(k) if isinstance(k, str) else t for k, t in zip(frame["key"], frame["title"])]
    return frame


def network(graph: Graph, lang: str = "en", plain: bool = False) -> "nx.DiGraph":
    """The citation network as a networkx ``DiGraph`` (:func:`resograph.views.network.from_rdf`).

    Titles follow the one rule (:mod:`resograph.views.titles`) in the reader's language ``lang``.
    ``plain=True`` gives the copy whose attributes are all plain values
    (:func:`resograph.views.export.plain`: lists joined by ``;``, plus ``cluster``, ``pagerank``,
    ``cited_by``), which ``networkx.write_gexf`` and ``write_graphml`` accept; the analyses of
    :mod:`resograph.views.analysis` need the full form (``plain=False``, the default).
    """
    from resograph.views.network import from_rdf

    G = from_rdf(graph, lang=lang)
    if plain:
        from resograph.views.export import plain as flatten

        return flatten(G)
    return G


def analyses(graph: "Graph | nx.DiGraph", top: int | None = 10) -> "dict[str, pd.DataFrame]":
    """Every analysis as a DataFrame with the columns of `resograph stats`
    (:func:`resograph.views.tables.all_tables`): most_cited, pagerank, chain, co_citation, coupling,
    clusters."""
    from resograph.views.tables import all_tables

    return all_tables(network(graph) if isinstance(graph, Graph) else graph, top)


def explorer_html(graph: "Graph | nx.DiGraph", layout: str = "timeline", focus: str | None = None,
                  title: str | None = None, depth: int = 1, include_isolated: bool = False) -> str:
    """The offline explorer page (the one `resograph explore` writes) as one HTML string.

    ``graph`` is the RDF graph or its networkx projection; ``layout`` is ``timeline`` or ``force``.
    The page shows what `resograph explore` shows for the same options
    (:func:`resograph.views.explore.select_view`): with ``focus``, the instruments within ``depth``
    links of it; else every instrument that cites or is cited (``include_isolated``: all).
    """
    from resograph.views.explore import render_html, select_view

    G = network(graph) if isinstance(graph, Graph) else graph
    G, _ = select_view(G, focus, depth, include_isolated=include_isolated)
    return render_html(G, layout=layout, focus=focus, title=title)


def inline_html(page: str, height: int = 650) -> str:
    """A self-contained page wrapped in an ``<iframe srcdoc>``, to show it inside a notebook cell.

    The page keeps its own scripts and styles apart from the notebook's; ``srcdoc`` needs no file
    and no server, so it works offline and in a saved notebook. Non-ASCII characters become
    character references, so accents survive whatever encoding the host page is read in.
    """
    srcdoc = html.escape(page, quote=True).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return (f'<iframe srcdoc="{srcdoc}" style="width:100%;height:{int(height)}px;'
            f'border:1px solid #ccc" sandbox="allow-scripts allow-popups"></iframe>')
