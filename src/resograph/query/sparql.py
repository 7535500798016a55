"""Named SPARQL queries: the catalogue, their parameters, a read-only gate, and the result formats.

The catalogue is data: one ``queries/NAME.rq`` file per question, opening with a one-line description
in a ``# `` comment and its parameters, one ``# @param`` line each::

    # Every instrument a document cites, with clause functions, date and issuing body, in time order.
    # @param doc key = GA-2025-93-RES-03 -- the citing document (instrument key)

``@param NAME KIND [= DEFAULT] [-- description]``: ``NAME`` is the query variable (``?doc``); ``KIND``
says how a value typed by a person becomes an RDF term (see :data:`PARAM_KINDS`). Values always go
in as RDF terms through ``initBindings`` (Oxigraph: SEP-0007 substitutions), never pasted into the
text, so a value cannot change the shape of the query. A parameter without a default is optional:
left unbound, it matches everything.

One parameter is not a term: ``# @param limit limit = 100 -- …`` declares the query's row cap. Its
text holds the default in each of its ``LIMIT 100`` clauses (so the file runs unchanged in any SPARQL
client) and, where a part of the query must know the cap (`citers` skips its chains when the direct
citations fill it), in ``BIND(100 AS ?limit)``; ``limit=N`` (a whole number) replaces that number
everywhere, ``limit=all`` removes the clauses and the binds (an unbound ``?limit`` means no cap). A
capped query says so in its description line, which ``resograph queries`` and ``GET /queries`` show.

On an Oxigraph store :func:`run` calls pyoxigraph directly (rows become rdflib terms as they are
read) rather than going through oxrdflib. How to write a named query that Oxigraph 0.5 plans well
(measured on a 10,000-document build, docs/benchmarks.md):
- a substituted parameter looks *unbound* to the join planner, which starts from the pattern with
  the fewest unbound positions and, on a tie, the first one written: write the pattern holding the
  parameter first, and do not write a pattern with a constant object (``?x a rg:TreatyArticle``,
  ``?x rg:inRegistry false``) before it (``FILTER EXISTS { ?x a rg:TreatyArticle }`` instead);
- an ``OPTIONAL`` is evaluated row by row only when it holds one triple pattern (nested
  ``OPTIONAL``s and ``FILTER``s allowed); a join, a sequence path or a sub-select inside it is
  evaluated once over the whole graph and hash-joined;
- a property path (``eli:cites+``, ``eli:is_part_of*``) whose only bound end is a substituted
  parameter is evaluated over the whole graph, then joined (4 s where 0.24 s would do): bind the
  parameter with a triple pattern first (``?key dcterms:identifier ?keyKey``, one per node); a
  ``BIND(?key AS ?k)`` first is slower still;
- a sub-select is evaluated on its own, over the whole graph, unless it is the bounded start of the
  query (``{ SELECT … ORDER BY … LIMIT 100 }`` first, then the details of those rows);
- ``GROUP_CONCAT`` over a group where one row leaves the variable unbound is unbound: keep such rows
  out (``FILTER(BOUND(?x))`` inside the ``OPTIONAL``);
- an ``EXISTS`` of several triple patterns is evaluated, for each row, as a join over the whole
  graph: nest one-pattern ``EXISTS`` instead (``EXISTS { ?p eli:cites ?x FILTER EXISTS { ?p rg:text
  ?t FILTER(…) } }``: `un-interpol-chain` from the most citing text, > 300 s -> 1.2 s);
- an ``OPTIONAL`` of several patterns after a bounded start (the details of 100 rows) is evaluated
  over the whole graph and hash-joined (`citers`' clause functions: 11 s of 11.1 at 10,000
  documents): a ``# @lateral`` comment line just before it has Oxigraph evaluate it row by row
  (:func:`lateral`: ``LATERAL { OPTIONAL {…} }``, SPARQL SEP-0006); other engines read a comment.

Four public functions, as in eyecite: :func:`load_catalogue`, :func:`bindings` (values → terms),
:func:`run` (gate + execute on an rdflib graph), :func:`serialize` (result → bytes in a SPARQL 1.1
results format, Turtle/N-Triples/JSON-LD for graphs, or a readable table).

    >>> from resograph.graph.store import open_build
    >>> cat = load_catalogue()
    >>> q = cat["cited-by"]
    >>> res = run(open_build(data="tests/fixtures/sample-graph.ttl"), q.text,
    ...           bindings(q, {"doc": "GA-2025-93-RES-03"}))          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape as xml_escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from resograph.core import keys, namespaces
from resograph.core.errors import UserError
from resograph.query import gate, textsearch

QUERY_DIR = Path(__file__).with_name("queries")

#: Prefixes every query may use without declaring them (the .rq files still declare theirs so that
#: they run unchanged in any SPARQL client); also used to shorten IRIs in the terminal table.
PREFIXES: dict[str, str] = {prefix: str(ns) for prefix, ns in namespaces.PREFIXES.items()}

#: How a parameter value typed by a person becomes an RDF term.
PARAM_KINDS = {
    "key": "instrument or node key (A/RES/79/136, convention:cybercrime-2024/art_41) or a full IRI",
    "iri": "a full IRI",
    "function": "clause function name (recalling, taking-note, invites…) or its IRI",
    "mechanism": "mechanism slug, key or name (i-24-7, mechanism:nexus, I-24/7)",
    "body": "issuing body code (interpol-ga, un-ga, un-sc, ecosoc…) or its IRI",
    "string": "plain text",
    "integer": "whole number",
    "date": "ISO date YYYY-MM-DD",
    "limit": "the row cap: a whole number, or all (no cap)",
}

#: The one parameter that is a row cap, not an RDF term (see the module docstring).
LIMIT_PARAM = "limit"
_LIMIT_CLAUSE = re.compile(r"\bLIMIT\s+(\d+)|\bBIND\s*\(\s*(\d+)\s+AS\s+[?$]limit\s*\)", re.I)
_LATERAL_MARK = re.compile(r"#\s*@lateral\b.*")
_OPTIONAL_GROUP = re.compile(r"\s*OPTIONAL\s*\{", re.I)

#: Output formats: name → media type.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}


class QuerySyntaxError(UserError):
    """A query that does not parse; ``line`` and ``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line, self.column = line, column


class QueryRefused(UserError):
    """A well-formed request this endpoint will not run: an update, SERVICE, LOAD."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason  # "update" | "service"


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None = None
    description: str = ""

    def usage(self) -> str:
        default = f"={self.default}" if self.default is not None else " (optional)"
        return f"{self.name}:{self.kind}{default}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    path: Path
    params: tuple[Param, ...] = field(default_factory=tuple)

    @property
    def form(self) -> str:
        return query_form(self.text)


_PARAM_LINE = re.compile(
    r"#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<kind>[a-z-]+)"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+--\s*(?P<description>.*))?\s*$"
)


def parse_header(text: str, path: Path | str) -> tuple[str, tuple[Param, ...]]:
    """Description (first ``# `` line) and declared parameters of one ``.rq`` file."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# ") or not lines[0][2:].strip():
        raise UserError(f"{path}: a named query opens with a one-line description in a '# ' comment")
    description = lines[0][2:].strip()
    params: list[Param] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.startswith("#"):
            break
        if "@param" not in line:
            continue
        m = _PARAM_LINE.match(line.strip())
        if not m:
            raise UserError(f"{path}:{number}: expected '# @param NAME KIND [= DEFAULT] [-- description]'")
        if m["kind"] not in PARAM_KINDS:
            raise UserError(f"{path}:{number}: unknown parameter kind {m['kind']!r} "
                            f"(one of {', '.join(PARAM_KINDS)})")
        if (m["kind"] == "limit") != (m["name"] == LIMIT_PARAM):
            raise UserError(f"{path}:{number}: the row cap is declared as '# @param limit limit = N'")
        if m["kind"] == "limit":
            found = _limit_clauses(text)
            if not found or any(n != m["default"] for _, _, n, _ in found):
                raise UserError(f"{path}:{number}: a limit parameter needs a default and its "
                                f"'LIMIT {m['default']}' clauses in the query (each with the default)")
            params.append(Param(m["name"], m["kind"], m["default"], (m["description"] or "").strip()))
            continue
        if not re.search(r"[?$]" + re.escape(m["name"]) + r"\b", text):
            raise UserError(f"{path}:{number}: parameter {m['name']} is not a variable of the query")
        if not _projected(text, m["name"]):
            raise UserError(f"{path}:{number}: parameter {m['name']} must be in the SELECT projection "
                            f"(values are substituted into projected variables only)")
        params.append(Param(m["name"], m["kind"], m["default"], (m["description"] or "").strip()))
    return description, tuple(params)


def _limit_clauses(text: str) -> list[tuple[int, int, str, int]]:
    """``(start of the clause, start of the number, number, end of the clause)`` of each ``LIMIT n``
    and ``BIND(n AS ?limit)`` outside comments, strings and IRIs."""
    masked = gate.mask(text)
    return [(m.start(), m.start(g), m.group(g), m.end())
            for m in _LIMIT_CLAUSE.finditer(masked) for g in (1 if m.group(1) else 2,)]


def apply_limit(text: str, init_bindings: Mapping[str, Node] | None) -> tuple[str, dict[str, Node]]:
    """The query text with the ``limit`` binding applied to its ``LIMIT n`` clauses and ``BIND(n AS
    ?limit)`` binds, and the other bindings. ``all`` removes them. Without a ``limit`` binding, both
    come back unchanged."""
    init = dict(init_bindings or {})
    value = init.pop(LIMIT_PARAM, None)
    if value is None:
        return text, init
    found = _limit_clauses(text)
    if not found:
        raise UserError("a limit parameter needs a 'LIMIT n' clause in the query")
    out, done = [], 0
    for start, at, number, end in found:
        if str(value) == "all":  # the whole clause or bind goes
            out.append(text[done:start])
            done = end
        else:
            out += [text[done:at], str(int(value))]
            done = at + len(number)
    return "".join(out) + text[done:], init


def lateral(text: str) -> str:
    """The query with each ``OPTIONAL`` group that follows a ``# @lateral`` comment line written
    ``LATERAL { OPTIONAL {…} }`` (same answers where the group's variables shared with the rows
    before it are bound on every row: its details; Oxigraph then evaluates it for each row)."""
    if "@lateral" not in text:
        return text
    masked = gate.mask(text)
    out, done = [], 0
    marks = [m.end(kind) for kind, m in gate.tokens(text)
             if kind == "comment" and _LATERAL_MARK.fullmatch(m.group(kind))]
    for mark in marks:
        group = _OPTIONAL_GROUP.match(masked, mark)
        if group is None:
            raise UserError(f"'# @lateral' at line {text.count(chr(10), 0, mark) + 1} "
                            "must come just before an OPTIONAL group")
        depth, end = 0, None
        for i in range(group.end() - 1, len(masked)):
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            if depth == 0:
                end = i + 1
                break
        if end is None:
            raise UserError("an OPTIONAL group after '# @lateral' is not closed")
        at = group.start() + len(group.group()) - len(group.group().lstrip())
        out += [text[done:at], "LATERAL { ", text[at:end], " }"]
        done = end
    return "".join(out) + text[done:]


def _projected(text: str, name: str) -> bool:
    """Is ``?name`` in the top-level SELECT clause (or ``SELECT *``)? Other forms need no check."""
    masked = gate.mask(text)
    m = re.search(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", masked, re.I | re.S)
    if not m or query_form(text) != "SELECT":
        return True
    clause = m.group(1)
    return clause.strip().startswith(("*", "DISTINCT *", "REDUCED *")) or \
        re.search(r"[?$]" + re.escape(name) + r"\b", clause) is not None


def load_catalogue(directory: Path | str = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every ``NAME.rq`` of ``directory`` as a :class:`NamedQuery`, by name (sorted)."""
    out: dict[str, NamedQuery] = {}
    for path in sorted(Path(directory).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description, params = parse_header(text, path)
        try:
            lateral(text)  # a misplaced '# @lateral' is the file's mistake, said when it is read
        except UserError as exc:
            raise UserError(f"{path}: {exc}") from None
        out[path.stem] = NamedQuery(path.stem, description, text, path, params)
    return out


# --------------------------------------------------------------------------- parameters


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _full_iri(value: str) -> str | None:
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    if re.match(r"^(https?|urn):", v):
        if re.search(r"[\s<>\"{}|\\^`]", v):
            raise ValueError("not a valid IRI")
        return v
    return None


def to_term(kind: str, value: str) -> Node:
    """One parameter value → its RDF term (ValueError with a reason when it does not fit)."""
    value = value.strip()
    if not value:
        raise ValueError("empty value")
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise ValueError("not a whole number")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "limit":
        if value.lower() in ("all", "none"):
            return Literal("all")
        if not re.fullmatch(r"\d{1,9}", value) or int(value) < 1:
            raise ValueError("not a row cap (a whole number from 1, or all)")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError("not an ISO date YYYY-MM-DD") from None
        return Literal(value, datatype=XSD.date)
    full = _full_iri(value)
    if full is not None:
        return URIRef(full)
    if kind == "iri":
        raise ValueError("not a full IRI (http://…, https://… or urn:…)")
    if kind == "key":
        if re.search(r"[\s<>\"{}|\\^`]", value):
            raise ValueError("spaces and <>\"{}|\\^` are not allowed in a key")
        return URIRef(keys.iri(keys.normalise_symbol(value)))
    if kind == "function":
        return URIRef(namespaces.CLAUSE_FUNCTION + _slug(value.removeprefix("rgcf:")))
    if kind == "mechanism":
        return URIRef(namespaces.BASE + "mechanism/" + _slug(value.removeprefix("mechanism:")))
    if kind == "body":
        return URIRef(namespaces.BASE + "body/" + _slug(value.removeprefix("body:")))
    raise ValueError(f"unknown parameter kind {kind!r}")


def bindings(query: NamedQuery, values: Mapping[str, str] | None = None,
             *, defaults: bool = True) -> dict[str, Node]:
    """``{"doc": "GA-2025-93-RES-03"}`` → ``{"doc": URIRef(…)}`` for ``initBindings``.

    Declared defaults fill what is not given; an unknown name or a value that does not fit its kind
    is a :class:`UserError` naming the parameter.
    """
    values = dict(values or {})
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UserError(f"{query.name}: unknown parameter {unknown[0]!r} (parameters: {known})")
    out: dict[str, Node] = {}
    for name, param in declared.items():
        raw = values.get(name)
        if raw is None or raw == "":
            if not defaults or param.default is None:
                continue
            raw = param.default
        try:
            out[name] = to_term(param.kind, raw)
        except ValueError as exc:
            raise UserError(f"{query.name}: parameter {name}={raw!r}: {exc}") from None
    return out


def parse_param_args(items: Iterable[str]) -> dict[str, str]:
    """``["key=A/RES/79/136", …]`` (the ``--param`` options) → a dict."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--param {item!r}: expected NAME=VALUE")
        out[name.strip()] = value.strip()
    return out


# --------------------------------------------------------------------------- read-only gate

def keywords(text: str) -> list[str]:
    """The query's keywords in order, upper case, as the gate reads them (strings, IRIs, comments,
    variables and prefixed names are not keywords)."""
    return gate.scan(text).keywords


_keywords = keywords  # the name callers used before the gate moved to resograph.query.gate


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE`` (``""`` when unknown)."""
    return gate.scan(text).form


def check_query(text: str, *, allow_update: bool = False, allow_service: bool = False) -> str:
    """Refuse what a read-only, offline endpoint must not run; return the query form.

    An update (INSERT, DELETE, LOAD, CLEAR, DROP…) and a federated ``SERVICE`` call (a server-side
    request forgery risk: the engine would fetch any URL) raise :class:`QueryRefused`; so does a
    query nested deeper than :data:`gate.MAX_DEPTH` (it would overflow the engine's stack). The
    decision is made on the query's tokens, in linear time (:mod:`resograph.query.gate`), so
    ``# SERVICE`` or ``"LOAD"`` do not trip it and ``{} .SERVICE`` does. An unterminated string is a
    :class:`QuerySyntaxError`.
    """
    return inspect_query(text, allow_update=allow_update, allow_service=allow_service).form


def inspect_query(text: str, *, allow_update: bool = False, allow_service: bool = False) -> gate.Scan:
    """:func:`check_query`, returning what the gate read (form, keywords, SERVICE) for the caller."""
    try:
        scan = gate.scan(text)
    except gate.GateError as exc:
        if exc.reason == "syntax":
            raise QuerySyntaxError(str(exc)) from None
        raise QueryRefused(str(exc), exc.reason) from None
    if scan.form == "UPDATE" and not allow_update:
        raise QueryRefused("this is a SPARQL update; the store is read-only (updates are disabled)", "update")
    if scan.service and not allow_service:
        raise QueryRefused("SERVICE (federated query) is disabled: this endpoint makes no network requests",
                           "service")
    return scan


# --------------------------------------------------------------------------- run

_POSITION = [
    re.compile(r"error at (\d+):(\d+)"),  # Oxigraph: "error at 2:9: expected …"
    re.compile(r"\(at char (\d+)\), \(line:(\d+), col:(\d+)\)"),  # pyparsing
    re.compile(r"line:?\s*(\d+),?\s*col(?:umn)?:?\s*(\d+)", re.I),
]


def syntax_error(exc: BaseException, source: str = "query", text: str | None = None) -> QuerySyntaxError:
    """Any engine's parse error → one line with the line and column (and, given the query
    ``text``, what stands there and what could: :func:`resograph.query.syntax.explain`)."""
    from resograph.query.syntax import explain

    whole = " ".join(str(exc).split())
    msg = whole or type(exc).__name__
    line = col = None
    if getattr(exc, "lineno", None) and getattr(exc, "col", None):  # pyparsing ParseException
        line, col = int(exc.lineno), int(exc.col)
        msg = getattr(exc, "msg", msg)
    else:
        m = _POSITION[0].search(msg)
        if m:
            line, col = int(m[1]), int(m[2])
            msg = explain(str(exc)[m.end():].lstrip(": "), text, line, col)
        else:
            m = _POSITION[2].search(msg)
            if m:
                line, col = int(m[1]), int(m[2])
    where = f" at line {line}, column {col}" if line else ""
    if len(msg) > 240:
        msg = msg[:239] + "…"
    return QuerySyntaxError(f"{source}: SPARQL syntax error{where}: {msg}", line, col)


def _is_syntax_error(exc: BaseException) -> bool:
    name = type(exc).__name__
    return isinstance(exc, SyntaxError) or name in {"ParseException", "ParseSyntaxException"}


def run(graph: Graph, text: str, init_bindings: Mapping[str, Node] | None = None,
        *, source: str = "query", allow_service: bool = False):
    """Run one query on an rdflib graph (Oxigraph or memory store) after the read-only gate.

    Returns an :class:`rdflib.query.Result` (rows are read lazily). A ``limit`` binding sets the
    query's row cap (:func:`apply_limit`). On an Oxigraph store the query goes to pyoxigraph directly:
    oxrdflib's path builds a dict per row and converts every term through rdflib; this one converts
    the terms of the rows read, with a cache for IRIs (at 10,000 documents, 11,610 rows: 0.56 s of
    engine time, 1.0 s through oxrdflib). Syntax errors become :class:`QuerySyntaxError` with line and
    column; refused queries :class:`QueryRefused`.
    """
    form = check_query(text, allow_service=allow_service)
    if not form:
        raise QuerySyntaxError(f"{source}: SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    text, init = apply_limit(text, init_bindings)
    try:
        store, scope = oxigraph_scope(graph)
        if store is not None:
            # a query that declares `# @text-index` starts from the index's paragraphs
            text = textsearch.narrow(text, init, getattr(graph.store, "generation", None))
            return _run_oxigraph(store, scope, graph, lateral(text), init)
        return graph.query(text, initBindings=init)
    except Exception as exc:  # the engines raise their own types
        if _is_syntax_error(exc):
            raise syntax_error(exc, source, text) from None
        if isinstance(exc, RuntimeError) and "does not contains variable" in str(exc):
            # Oxigraph binds a parameter only where the query's outer pattern can see it
            raise UserError(f"{source}: a parameter is not visible in the query's outer pattern "
                            f"(Oxigraph: {exc})") from None
        raise


def oxigraph_scope(graph: Graph) -> tuple[Any, dict[str, Any]]:
    """The pyoxigraph ``Store`` behind an oxrdflib graph and the keyword arguments of
    ``Store.query`` that read the same graph (its identifier, or the union for a dataset);
    ``(None, {})`` for any other store. Readers that bypass rdflib (queries, the network
    projection) go through it."""
    try:
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore
    except ImportError:  # pragma: no cover - both are dependencies
        return None, {}
    store = getattr(graph.store, "pyoxigraph", None)  # graph.store.PyoxigraphStore's handle
    if not isinstance(graph.store, OxigraphStore) or store is None:
        return None, {}
    if graph.default_union:
        scope: dict[str, Any] = {"use_default_graph_as_union": True}
    elif graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        scope = {"default_graph": ox.DefaultGraph()}
    else:
        scope = {"default_graph": term_to_ox(graph.identifier)}
    return store, scope


def _run_oxigraph(store: Any, scope: dict[str, Any], graph: Graph, text: str,
                  init: Mapping[str, Node]) -> "OxigraphResult":
    """What oxrdflib's ``query`` does (same dataset, prefixes, substitutions), without its row dicts."""
    import pyoxigraph as ox

    kwargs: dict[str, Any] = {"prefixes": {p: str(ns) for p, ns in graph.namespaces()}, **scope}
    if init:
        kwargs["substitutions"] = {ox.Variable(k): term_to_ox(v) for k, v in init.items()}
    return OxigraphResult(store.query(text, **kwargs))


class OxigraphResult(Result):
    """An rdflib ``Result`` over pyoxigraph's answer: SELECT rows are converted as they are first
    read, and kept, so the result can be iterated again like rdflib's own."""

    def __init__(self, answer: Any):
        import pyoxigraph as ox

        self._convert = _TermConverter()
        if isinstance(answer, ox.QueryBoolean):
            super().__init__("ASK")
            self.askAnswer = bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            super().__init__("SELECT")
            self.vars = [Variable(v.value) for v in answer.variables]
            self._solutions = iter(answer)
            self._rows: list[ResultRow] = []
        else:
            super().__init__("CONSTRUCT")
            convert, out = self._convert, Graph()
            out += ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer)
            self.graph = out

    def _read(self):
        labels = {str(v): i for i, v in enumerate(self.vars)}
        width = range(len(self.vars))
        convert = self._convert
        for solution in self._solutions:
            terms = [convert(solution[i]) for i in width]
            if not any(t is not None for t in terms):
                continue  # as rdflib (and so oxrdflib) does: a solution binding nothing is no row
            row = tuple.__new__(ResultRow, terms)
            row.labels = labels
            self._rows.append(row)
            yield row

    def __iter__(self):
        if self.type != "SELECT":
            yield from super().__iter__()
            return
        yield from list(self._rows)
        yield from self._read()

    def __len__(self) -> int:
        if self.type != "SELECT":
            return super().__len__()
        for _ in self._read():
            pass
        return len(self._rows)

    @property
    def bindings(self):  # rdflib's accessor, for code that reads rows as dicts
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self]


class _TermConverter:
    """pyoxigraph terms → rdflib terms. IRIs and literals repeat a lot within one answer (keys,
    eIds, functions, dates), and an rdflib ``Literal`` costs ~7 µs to make, so both are cached: the
    2,120 rows of ``unresolved`` on the real corpus ×10 hold 8,480 literals, 1,372 distinct
    (conversion 159 → 102 ms CPU)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.named, self.literal = ox.NamedNode, ox.Literal
        self.iris: dict[str, URIRef] = {}
        self.literals: dict[Any, Node | None] = {}

    def __call__(self, term: Any) -> Node | None:
        kind = type(term)
        if kind is self.named:
            iri = self.iris.get(term.value)
            if iri is None:
                iri = self.iris[term.value] = URIRef(term.value)
            return iri
        if kind is self.literal:
            lit = self.literals.get(term)
            if lit is None:
                lit = self.literals[term] = term_from_ox(term)
            return lit
        return term_from_ox(term)


# --------------------------------------------------------------------------- results


@dataclass
class Table:
    """A SELECT result, materialised: variable names and rows of terms (None = unbound)."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]]

    def without(self, names: Iterable[str]) -> "Table":
        """The same table without the columns ``names``."""
        keep = [i for i, v in enumerate(self.variables) if v not in set(names)]
        return Table([self.variables[i] for i in keep], [tuple(r[i] for i in keep) for r in self.rows])


def materialise(result: Any, max_rows: int | None = None) -> Table | bool | Graph:
    """rdflib Result → :class:`Table`, ``bool`` (ASK) or :class:`Graph` (CONSTRUCT/DESCRIBE).

    With ``max_rows``, reading stops at ``max_rows + 1`` rows so a caller can tell "over the cap".
    """
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return plain_strings(result.graph)
    variables = [str(v) for v in result.vars]
    rows = []
    for row in result:
        rows.append(tuple(row))
        if max_rows is not None and len(rows) > max_rows:
            break
    return Table(variables, rows)


def plain_strings(graph: Graph) -> Graph:
    """The graph with ``"x"^^xsd:string`` written as ``"x"`` (the same term in RDF 1.1; Oxigraph
    spells the datatype out, rdflib keeps it, and Turtle readers prefer it bare). A graph without
    such a literal (an Oxigraph answer: :func:`term_from_ox` writes them bare) comes back as it is:
    a copy costs about what making the graph did (~20 µs a triple: 0.5 s for 24,552 triples)."""
    if not any(isinstance(o, Literal) and o.datatype == XSD.string for o in graph.objects()):
        return graph
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{xml_escape(str(term))}</literal>"


def _tsv_term(term: Node | None) -> str:
    """A term in the Turtle form SPARQL 1.1 TSV asks for (one line: escapes for tab and newline)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef):
        return f"<{term}>"
    bare = {XSD.integer: r"[+-]?\d+", XSD.decimal: r"[+-]?\d*\.\d+",
            XSD.double: r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"}.get(term.datatype)
    if bare and re.fullmatch(bare, str(term)):  # Turtle's bare numbers keep their datatype
        return str(term)
    body = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{body}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{body}"^^<{term.datatype}>'
    return f'"{body}"'


def compact(term: Node | None) -> str:
    """A term as a person reads it: literals by value, IRIs with a known prefix shortened."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    s = str(term)
    best = ""
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{s[len(PREFIXES[best]):]}" if best else f"<{s}>"


def _text_table(table: Table, width: int = 60) -> str:
    def cell(t):
        s = compact(t).replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cell(t) for t in row] for row in table.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(table.variables)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(table.variables), line(["─" * w for w in widths])]
    out += [line(r) for r in cells]
    n = len(table.rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def serialize(result: Table | bool | Graph, fmt: str) -> bytes:
    """A materialised result in one output format (see :data:`RESULT_FORMATS`, :data:`GRAPH_FORMATS`)."""
    if isinstance(result, Graph):
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise UserError(f"format {fmt!r} does not fit a CONSTRUCT/DESCRIBE result "
                            f"(one of {', '.join(GRAPH_FORMATS)})")
        for prefix, ns in PREFIXES.items():
            result.bind(prefix, ns, override=False)
        if fmt == "json-ld":
            data = result.serialize(format="json-ld", indent=2, auto_compact=True)
        else:
            data = result.serialize(format=fmt)
        return data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "turtle":
        fmt = "table"
    if fmt not in RESULT_FORMATS:
        raise UserError(f"format {fmt!r} does not fit a SELECT/ASK result (one of {', '.join(RESULT_FORMATS)})")
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result}).encode() + b"\n"
        if fmt == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                    f"  <head></head>\n  <boolean>{str(result).lower()}</boolean>\n</sparql>\n").encode()
        if fmt == "table":
            return (f"{str(result).lower()}\n").encode()
        # CSV/TSV define no boolean form; the common convention (Jena) is one column _askResult.
        return (f"_askResult\r\n{str(result).lower()}\r\n" if fmt == "csv"
                else f"?_askResult\n{str(result).lower()}\n").encode()
    if fmt == "json":
        doc = {"head": {"vars": table_vars(result)},
               "results": {"bindings": [
                   {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                   for row in result.rows]}}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
        out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            out += [f"      <binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(result.variables, row) if t is not None]
            out.append("    </result>")
        out += ["  </results>", "</sparql>", ""]
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    return _text_table(result).encode("utf-8")


def table_vars(table: Table) -> list[str]:
    return list(table.variables)


def rows_as_dicts(table: Table) -> list[dict[str, str]]:
    """Rows as ``{variable: compact value}`` (unbound variables left out): handy in tests and notebooks."""
    return [{v: compact(t) for v, t in zip(table.variables, row) if t is not None} for row in table.rows]


def as_python(table: Table) -> list[dict[str, Any]]:
    """Rows as ``{variable: Python value}`` (literals via ``toPython``, IRIs as strings)."""
    out = []
    for row in table.rows:
        out.append({v: (t.toPython() if isinstance(t, Literal) else str(t))
                    for v, t in zip(table.variables, row) if t is not None})
    return out


def describe_catalogue(catalogue: Mapping[str, NamedQuery]) -> list[dict[str, Any]]:
    """The catalogue as plain data (for ``resograph queries --format json`` and the HTTP page)."""
    return [{"name": q.name, "description": q.description, "form": q.form,
             "params": [{"name": p.name, "kind": p.kind, "default": p.default,
                         "description": p.description} for p in q.params]}
            for q in catalogue.values()]


def resolve_query(arg: str, catalogue: Mapping[str, NamedQuery] | None = None) -> NamedQuery:
    """``NAME`` | ``FILE.rq`` | SPARQL text → a :class:`NamedQuery` (ad-hoc ones have no parameters
    unless their file declares some)."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    if arg in catalogue:
        return catalogue[arg]
    if arg.endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and Path(arg).is_file()):
        path = Path(arg)
        if not path.is_file():
            raise UserError(f"{arg}: no such query file")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{arg}: not UTF-8 text") from None
        try:
            description, params = parse_header(text, path)
        except UserError:
            description, params = "", ()
        return NamedQuery(path.stem, description, text, path, params)
    if re.search(r"\b(select|ask|construct|describe|prefix|base|insert|delete|load|clear|drop)\b", arg, re.I) \
            and re.search(r"[\s{]", arg):
        return NamedQuery("query", "", arg, Path("<command line>"), ())
    names = ", ".join(catalogue)
    raise UserError(f"{arg}: not a named query, a .rq file or SPARQL text (named queries: {names})")


def term_from_ox(term: Any) -> Node | None:
    """A pyoxigraph term → the rdflib term (used by the endpoint's worker processes)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))
    raise ValueError(f"unsupported term {term!r}")  # RDF-star triples are not in our graph


def term_to_ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


__all__ = [
    "PREFIXES", "PARAM_KINDS", "RESULT_FORMATS", "GRAPH_FORMATS", "Param", "NamedQuery", "Table",
    "QuerySyntaxError", "QueryRefused", "inspect_query", "load_catalogue", "bindings", "run", "serialize", "materialise",
    "apply_limit", "lateral", "LIMIT_PARAM", "OxigraphResult",
    "check_query", "query_form", "parse_param_args", "resolve_query", "rows_as_dicts", "as_python",
    "describe_catalogue", "compact", "syntax_error", "to_term",
]


def open_source(build: str | Path = "build", store: str = "oxigraph",
                data: Sequence[str | Path] = ()) -> Graph:
    """The graph a query runs on: :func:`resograph.graph.store.open_build` (the build's store, its
    dump file, or the RDF files in ``data`` or named by ``build``), the one way every reader opens it."""
    from resograph.graph.store import open_build

    return open_build(build, store, data)
