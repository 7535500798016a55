"""`resograph query`: run a named query, a .rq file or SPARQL text on the built graph."""

from __future__ import annotations

import argparse
import sys
import time

from resograph.query import keycheck, sparql, vocabcheck
from resograph.core.errors import UserError

EPILOG = """\
Examples:
  resograph query cited-by --param doc=GA-2025-93-RES-03
  resograph query citers --param key=A/RES/51/1 --format csv
  resograph query neighbourhood --param key=convention:cybercrime-2024 --format turtle
  resograph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --store memory
  resograph query my-question.rq --build build/
  resograph query unresolved --param limit=all        # lift a capped query's row cap
`resograph queries` lists the named queries and their parameters. A query with a `limit` parameter
returns at most that many rows (its description says so); --param limit=N changes the cap and
--param limit=all lifts it. A key parameter must name something in the graph: an unknown key is an
error (exit 2) with the closest keys ("did you mean …?"), not an empty answer.
"""

FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "nt", "json-ld")


def register(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a named SPARQL query, a .rq file or SPARQL text on the built graph",
        description="Run one SPARQL query (read-only) on the graph built by `resograph build`. "
                    "Parameters go in as RDF terms through bindings, never pasted into the text. "
                    "Output: a readable table on a terminal, SPARQL 1.1 JSON otherwise (or the "
                    "--format given); Turtle for CONSTRUCT and DESCRIBE.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="NAME|FILE.rq|SPARQL", help="a named query, a .rq file or SPARQL text")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter (repeatable), e.g. --param key=A/RES/79/136")
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, else json; turtle for graphs)")
    p.add_argument("--store", choices=("oxigraph", "memory"), default="oxigraph",
                   help="oxigraph: the on-disk store (default); memory: rdflib's memory store")
    p.add_argument("--build", default="build", metavar="DIR",
                   help="build directory, or one RDF file (default: build)")
    p.add_argument("--data", action="append", default=[], metavar="FILE",
                   help="query these RDF files instead of the build (repeatable)")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses fetch remote endpoints (off: no network by default)")
    p.set_defaults(func=run)


def check_keys(graph, query: sparql.NamedQuery, init: dict, values: dict[str, str], source: str) -> None:
    """A ``key`` parameter naming nothing in the graph is an error with the closest keys
    (:mod:`resograph.query.keycheck`), not an empty answer that reads as "nothing cites it"."""
    for param in query.params:
        term = init.get(param.name)
        if param.kind != "key" or term is None:
            continue
        if sparql.materialise(sparql.run(graph, keycheck.EXISTS, {"node": term})):
            continue
        known = [str(row[0]) for row in sparql.materialise(sparql.run(graph, keycheck.KEYS)).rows]
        given = values.get(param.name) or param.default or str(term)
        raise UserError("--param " + keycheck.unknown_key(param.name, given, known, source))


def run(args: argparse.Namespace) -> int:
    query = sparql.resolve_query(args.query)
    values = sparql.parse_param_args(args.param)
    if values and not query.params:  # a value needs a declared kind to become an RDF term
        raise UserError(f"{query.path}: this query declares no parameters "
                        "(declare them with '# @param NAME KIND' lines in a .rq file)")
    init = sparql.bindings(query, values)
    form = sparql.check_query(query.text, allow_service=args.allow_service)
    graph = sparql.open_source(args.build, args.store, args.data)
    source = ", ".join(args.data) if args.data else f"{args.build} ({args.store})"
    if query.name != "query":  # a named query or a .rq file: does the build have what it reads?
        lacking = vocabcheck.missing(graph, query.text)
        if lacking:
            raise UserError(vocabcheck.stale_message(query.name, lacking, source))
    check_keys(graph, query, init, values, source)
    started = time.perf_counter()
    result = sparql.materialise(sparql.run(graph, query.text, init, source=str(query.path
                                           if query.name == "query" else query.name),
                                           allow_service=args.allow_service))
    elapsed = time.perf_counter() - started
    fmt = args.format
    if fmt is None:
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = "turtle"
        else:
            fmt = "table" if sys.stdout.isatty() else "json"
    if fmt == "table" and isinstance(result, sparql.Table):
        # a column that only repeats a parameter's value says nothing on a terminal
        result = _readable_titles(graph, result.without([name for name in init if name in result.variables]))
    data = sparql.serialize(result, fmt)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    if isinstance(result, sparql.Table):
        what = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    elif isinstance(result, bool):
        what = f"answer {str(result).lower()}"
    else:
        what = f"{len(result)} triple{'s' if len(result) != 1 else ''}"
    print(f"resograph query: {query.name}: {what} in {elapsed * 1000:.1f} ms from {source}",
          file=sys.stderr)
    return 0


def _readable_titles(graph, table: "sparql.Table") -> "sparql.Table":
    """On a terminal, titles follow the one rule the page and the DataFrames follow
    (:func:`resograph.views.titles.titles_in`): never the key repeated, the citing words marked."""
    from rdflib import Literal

    from resograph.views.titles import titles_in

    if "key" not in table.variables or "title" not in table.variables:
        return table
    k, t = table.variables.index("key"), table.variables.index("title")
    chosen = titles_in(graph, [str(r[k]) for r in table.rows if r[k] is not None])
    rows = []
    for row in table.rows:
        title = chosen.get(str(row[k])) if row[k] is not None else None
        rows.append(tuple((Literal(title) if title else None) if i == t else v for i, v in enumerate(row)))
    return sparql.Table(table.variables, rows)
