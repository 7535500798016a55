"""SHACL compiled once into plain Python checks that run on N-Triples lines (issue 7).

Why: pySHACL costs ~0.15 s per run plus ~170 µs per triple, over half of a build. Every shape of
`ontology/shapes.ttl` is node-local (targets by class or predicate, plain predicate paths, value
tests): checking one is a few dict look-ups per triple. :meth:`ShapeChecker.compile` reads the shapes
graph once (rdflib) into :class:`_Shape` objects; the checks then run on N-Triples lines as bytes
(`incremental.make_part` lines, the lines of `resograph.nt`), one `split` per line, and touch rdflib
only to decide a typed literal's value (memoised per distinct literal) and to write the results.

Meaning: pySHACL 0.40's, run as :mod:`resograph.graph.validate` runs it (no inference, warnings and infos
do not break conformance, the ontology's rdfs:subClassOf for sh:class and sh:targetClass). The three
entry points mirror the three pySHACL runs of :mod:`resograph.graph.validate`:

- :meth:`ShapeChecker.check_document` ~ `validate_document`: a document's lines over the registry
  facts (ontology + registry data + `graph.finish`), its own IRI subjects as focus nodes. One
  difference, on purpose: pySHACL with `focus_nodes` skips nested shapes (sh:or, sh:qualifiedValueShape)
  on value nodes that are not focus nodes, so its per-document run passes, e.g., an `oa:start` typed
  xsd:string; this checker applies them, as the whole-graph run does.
- :meth:`ShapeChecker.check_registry` ~ `validate_registry`.
- :meth:`ShapeChecker.check_graph` ~ `validate(graph, shapes, ontology)` (`resograph validate`).

A shape feature the compiler does not know (a SPARQL constraint, a path that is not a plain
predicate, sh:closed …) raises :class:`UnsupportedShape` at compile time: nothing passes silently.

What it costs (CPU seconds on a loaded 2-core machine, synthetic corpora, 29 November 2026):

    corpus   run                                  this checker          pySHACL 0.40
    1,000    whole graph (416k triples)           0.8–1.1 s             43.5 s (+13 s rdflib parse)
    1,000    per document (477k lines)            1.1 ms a document     97 ms a document
    10,000   whole graph (4.08 M triples)         7.4 s, 2.3 GB RSS     (build stage: 435 s wall)
    10,000   per document (4.77 M lines)          0.93 ms a document    156 ms a document (100 sampled)
    -        compile (shapes + registry index)    0.08 s

>>> from resograph.graph.registry import load
>>> checker = ShapeChecker.compile(load())
>>> checker.check_document([b'<https://w3id.org/resograph/id/X/sel> '
...     b'<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#TextPositionSelector> .']
...     ).violations   # no oa:start, no oa:end
2
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from resograph.core.errors import UserError
from resograph.core.namespaces import SH
from resograph.graph.rdf import finish, iri_ref, nt_literal
from resograph.graph.registry import Registry
from resograph.graph.validate import Report

Raw = bytes  # one N-Triples term: b"<iri>", b"_:label", b'"lexical"@lang', b'"lexical"^^<datatype>'
Props = dict  # predicate (Raw) -> list of objects (Raw) of one subject

_TYPE = b"<" + str(RDF.type).encode() + b">"
_SUBCLASS = b"<" + str(RDFS.subClassOf).encode() + b">"
_LENIENT = {SH.Warning, SH.Info}  # allow_warnings=True: these severities do not break conformance
_EMPTY: Props = {}


class UnsupportedShape(UserError):
    """The shapes graph uses a SHACL feature this checker does not implement (use pySHACL)."""


# -- N-Triples terms ------------------------------------------------------------------------------

def raw(term: Node) -> Raw:
    """A term in N-Triples form, exactly as rdflib's N-Triples writer spells it."""
    if isinstance(term, Literal):
        return nt_literal(term).encode("utf-8")
    return term.n3().encode("utf-8")


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1]) or chr(int(m[1][1:], 16)), text)


def term(r: Raw) -> Node:
    """The rdflib term of an N-Triples term."""
    if r[0] == 60:  # <
        return URIRef(_unescape(r[1:-1].decode("utf-8")))
    if r[:2] == b"_:":
        return BNode(r[2:].decode("utf-8"))
    q = r.rfind(b'"')
    lexical = _unescape(r[1:q].decode("utf-8"))
    tail = r[q + 1:].decode("utf-8")
    if not tail:
        return Literal(lexical)
    if tail[0] == "@":
        return Literal(lexical, lang=tail[1:])
    return Literal(lexical, datatype=URIRef(tail[3:-1]))


def _lexical(r: Raw) -> str | None:
    """What SPARQL's str() gives (IRI or lexical form); None for a blank node."""
    if r[0] == 60:
        return _unescape(r[1:-1].decode("utf-8"))
    if r[0] == 34:
        return _unescape(r[1:r.rfind(b'"')].decode("utf-8"))
    return None


def _graph_triples(graph: Graph) -> Iterable[tuple[Raw, Raw, Raw]]:
    for s, p, o in graph:
        yield raw(s), raw(p), raw(o)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Python's cyclic collector off while millions of small dicts and lists are made (they hold no
    cycles): at 4 M triples it would otherwise walk them again and again (12 s -> 7 s CPU)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- the data a check sees ------------------------------------------------------------------------

def _index(triples: Iterable[tuple[Raw, Raw, Raw]], relevant: frozenset[Raw],
           subjects: set[Raw] | None = None) -> dict[Raw, Props]:
    """subject -> predicate -> objects, for the predicates the shapes look at."""
    out: dict[Raw, Props] = {}
    for s, p, o in triples:
        if subjects is not None:
            subjects.add(s)
        if p not in relevant:
            continue
        d = out.get(s)
        if d is None:
            out[s] = {p: [o]}
        else:
            vals = d.get(p)
            if vals is None:
                d[p] = [o]
            elif o not in vals:
                vals.append(o)
    return out


def _index_lines(lines: Iterable[bytes], relevant: frozenset[Raw]) -> dict[Raw, Props]:
    """:func:`_index` of N-Triples lines, every subject a key (the hot path: one split per line,
    objects kept as bytes; sorted lines come in runs of one subject). `lines` may also be the bytes of
    a whole N-Triples file."""
    if isinstance(lines, (bytes, bytearray)):
        lines = lines.split(b"\n")
    out: dict[Raw, Props] = {}
    last = None
    d: Props = {}
    for line in lines:
        try:
            s, p, o = line.split(b" ", 2)
        except ValueError:
            if not line.strip() or line.lstrip()[:1] == b"#":
                continue  # a blank or comment line
            raise UserError(f"not an N-Triples line: {line[:80]!r}") from None
        if s != last:
            last = s
            d = out.get(s)
            if d is None:
                d = out[s] = {}
        if p not in relevant:
            continue
        if o[-2:] == b" .":
            o = o[:-2]
        else:
            o = o.rstrip()
            if o[-1:] != b".":
                raise UserError(f"not an N-Triples line: {line[:80]!r}")
            o = o[:-1].rstrip()
        vals = d.get(p)
        if vals is None:
            d[p] = [o]
        elif o not in vals:
            vals.append(o)
    return out


class _View:
    """The triples of one check: an index of lines, over a base index (the registry facts, or the
    ontology mixed in) as pySHACL mixes `ont_graph` and `_context` into a document's data graph."""

    __slots__ = ("base", "below", "merged", "own")

    def __init__(self, own: dict[Raw, Props], base: dict[Raw, Props] | None,
                 below: dict[Raw, frozenset[Raw]]) -> None:
        self.own, self.base, self.merged, self.below = own, base, {}, below

    def props(self, node: Raw) -> Props:
        a = self.own.get(node)
        b = self.base.get(node) if self.base is not None else None
        if b is None:
            return a if a is not None else _EMPTY
        if a is None:
            return b
        m = self.merged.get(node)
        if m is None:
            m = dict(b)
            for p, vals in a.items():
                old = m.get(p)
                m[p] = vals if old is None else list(dict.fromkeys(old + vals))
            self.merged[node] = m
        return m


# -- literal values, as pySHACL (through rdflib) sees them ----------------------------------------

def _actual_datatype(value, datatype: URIRef) -> bool:
    """pySHACL's DatatypeConstraintComponent._assert_actual_datatype."""
    if datatype in (XSD.string, RDF.langString):
        return isinstance(value, (str, bytes))
    kinds = {XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool,
             XSD.date: date, XSD.time: time, XSD.dateTime: datetime}
    kind = kinds.get(datatype)
    return True if kind is None else isinstance(value, kind)


_TYPED: dict[Raw, tuple] = {}
_DIGITS = re.compile(rb"[0-9]+")
_ISO_DATE = re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = str(XSD.integer).encode()
_NON_NEGATIVE = str(XSD.nonNegativeInteger).encode()
_DATE = str(XSD.date).encode()


def _typed(r: Raw) -> tuple[Raw, object, bool]:
    """(datatype IRI, rdflib's value, rdflib's ill_typed) of a typed literal "…"^^<…>, memoised; the
    common lexical forms (digits as xsd:integer or xsd:nonNegativeInteger, a valid yyyy-mm-dd
    xsd:date) without building an rdflib Literal, the rest through one."""
    got = _TYPED.get(r)
    if got is None:
        q = r.rfind(b'"')
        dt, lexical = r[q + 4:-1], r[1:q]
        got = None
        if (dt == _INTEGER or dt == _NON_NEGATIVE) and _DIGITS.fullmatch(lexical):
            got = (dt, int(lexical), False)
        elif dt == _DATE and _ISO_DATE.fullmatch(lexical):
            try:
                got = (dt, date.fromisoformat(lexical.decode()), False)
            except ValueError:
                got = None  # rdflib decides (it calls it ill-typed)
        if got is None:
            t = term(r)
            got = (dt, t.value, t.ill_typed is True)
        if len(_TYPED) < 1_000_000:
            _TYPED[r] = got
    return got


# The XSD numeric datatypes (XML Schema 1.1 part 2, 3.3; the set rdflib and pySHACL compare as numbers).
NUMERIC_TYPES = frozenset(XSD[name] for name in (
    "integer", "decimal", "double", "float", "byte", "int", "long", "negativeInteger",
    "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "short", "unsignedByte",
    "unsignedInt", "unsignedLong", "unsignedShort"))
_NUMERIC = frozenset(str(t).encode() for t in NUMERIC_TYPES)
_NOT_NUMBER = object()


def _number(r: Raw):
    """The value of a well-typed numeric literal (rdflib compares those by value), else _NOT_NUMBER."""
    if r[0] != 34 or r[-1] != 62:  # not "…"^^<…>
        return _NOT_NUMBER
    dt, value, ill = _typed(r)
    if dt in _NUMERIC and not ill and value is not None:
        return value
    return _NOT_NUMBER


# -- shapes ---------------------------------------------------------------------------------------

# A result: (focus node, shape, constraint component, value node or None).
Result = tuple


class _Shape:
    """One compiled node or property shape."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.path: Raw | None = None
        self.path_term: URIRef | None = None
        self.severity: URIRef = SH.Violation
        self.lenient = False
        self.messages: list[Literal] = []
        self.deactivated = False
        self.min_count: int | None = None
        self.max_count: int | None = None
        # (component, test, generic message, pure): pure tests depend on the value alone
        self.value_checks: list[tuple[URIRef, Callable[[Raw, _View], bool], str, bool]] = []
        self.focus_checks: list[Callable] = []
        self.properties: list[_Shape] = []

    def freeze(self) -> None:
        """Tuples for the hot loop (after compilation)."""
        self.lo = self.min_count or 0
        self.hi = self.max_count if self.max_count is not None else 1 << 62
        self.pure = tuple((component, ok) for component, ok, _, pure in self.value_checks if pure)
        self.impure = tuple((component, ok) for component, ok, _, pure in self.value_checks if not pure)
        self.memo: dict[Raw, tuple] = {}  # value -> the pure tests it fails (a verdict that cannot change)
        self.checks = tuple(self.focus_checks)
        self.props_ = tuple(p for p in self.properties if not p.deactivated)

    def _failed(self, v: Raw, view: _View) -> tuple:
        return tuple(component for component, ok in self.pure if not ok(v, view))

    def evaluate(self, focus: Raw, view: _View, out: list, props: Props | None = None) -> None:
        """Append this shape's results for `focus` to `out` (`props`: the focus node's, if known)."""
        if self.path is None:
            values: tuple | list = (focus,)
        else:
            if props is None:
                props = view.props(focus)
            values = props.get(self.path, ())
            n = len(values)
            if n < self.lo or n > self.hi:
                if n < self.lo:
                    out.append((focus, self, SH.MinCountConstraintComponent, None))
                else:
                    out.append((focus, self, SH.MaxCountConstraintComponent, None))
        if self.pure:
            memo = self.memo
            for v in values:
                failed = memo.get(v)
                if failed is None:
                    failed = self._failed(v, view)
                    if len(v) <= 256 and len(memo) < 500_000:
                        memo[v] = failed
                for component in failed:
                    out.append((focus, self, component, v))
        for component, ok in self.impure:
            for v in values:
                if not ok(v, view):
                    out.append((focus, self, component, v))
        for check in self.checks:
            check(self, focus, values, props, view, out)
        if self.props_:
            self._evaluate_properties(focus, values, view, out, props)

    def _evaluate_properties(self, focus: Raw, values, view: _View, out: list, props: Props | None) -> None:
        """The property shapes' results: on the focus node itself for a node shape, else on each value."""
        if self.path is None:  # a node shape: its one value node is the focus node
            if props is None:
                props = view.props(focus)
            for prop in self.props_:
                if prop.props_:
                    prop.evaluate(focus, view, out, props)
                    continue
                # prop.evaluate(focus, view, out, props), inlined: the innermost loop of a check
                values = props.get(prop.path, ())
                n = len(values)
                if n < prop.lo or n > prop.hi:
                    out.append((focus, prop, SH.MinCountConstraintComponent if n < prop.lo
                                else SH.MaxCountConstraintComponent, None))
                if n:
                    if prop.pure:
                        memo = prop.memo
                        for v in values:
                            failed = memo.get(v)
                            if failed is None:
                                failed = prop._failed(v, view)
                                if len(v) <= 256 and len(memo) < 500_000:
                                    memo[v] = failed
                            for component in failed:
                                out.append((focus, prop, component, v))
                    for component, ok in prop.impure:
                        for v in values:
                            if not ok(v, view):
                                out.append((focus, prop, component, v))
                for check in prop.checks:
                    check(prop, focus, values, props, view, out)
        else:
            for prop in self.props_:
                for v in values:
                    prop.evaluate(v, view, out)

    @property
    def local(self) -> bool:
        """Whether conformance depends on the node alone (not on the data): memoisable."""
        return (self.path is None and not self.focus_checks and not self.properties
                and all(pure for *_, pure in self.value_checks))

    def conforms(self, focus: Raw, view: _View) -> bool:
        """As a nested shape (sh:or, sh:not, sh:node, sh:qualifiedValueShape): pySHACL with
        allow_warnings counts only results that are neither warnings nor infos."""
        if self.lenient or self.deactivated:
            return True
        out: list = []
        self.evaluate(focus, view, out)
        return all(r[1].severity in _LENIENT for r in out)


_IGNORED = {SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
            SH.deactivated, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
            SH.path, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
            SH.qualifiedValueShapesDisjoint}


class _Compiler:
    """Shapes graph -> _Shape objects; raises UnsupportedShape on anything it does not know."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.compiled: dict[Node, _Shape] = {}
        self.busy: set[Node] = set()
        self.relevant: set[Raw] = {_TYPE, _SUBCLASS}
        self.class_targets: dict[Raw, list[_Shape]] = {}   # class -> shapes targeting its instances
        self.subject_targets: dict[Raw, list[_Shape]] = {}  # predicate -> shapes
        self.object_targets: dict[Raw, list[_Shape]] = {}
        self.node_targets: dict[Raw, list[_Shape]] = {}
        self.top: list[_Shape] = []

    def freeze(self) -> None:
        for shape in self.compiled.values():
            shape.freeze()
        self.top = [s for s in self.top if not s.deactivated]

    def _fail(self, node: Node, what: str) -> None:
        raise UnsupportedShape(f"ontology/shapes.ttl: shape {node.n3(self.g.namespace_manager)}: {what}"
                               " is not supported by resograph.graph.shapecheck (validate with pySHACL)")

    def run(self) -> None:
        g = self.g
        shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
        for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            shapes |= set(g.subjects(p, None))
        for node in sorted(shapes, key=str):
            targets = False
            for p, index in ((SH.targetClass, self.class_targets), (SH.targetSubjectsOf, self.subject_targets),
                             (SH.targetObjectsOf, self.object_targets), (SH.targetNode, self.node_targets)):
                for o in g.objects(node, p):
                    index.setdefault(raw(o), []).append(self.shape(node))
                    targets = True
                    if p in (SH.targetSubjectsOf, SH.targetObjectsOf):
                        self.relevant.add(raw(o))
            if (node, SH.target, None) in g:
                self._fail(node, "sh:target (SPARQL-based target)")
            if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, URIRef(
                    "http://www.w3.org/2002/07/owl#Class")) in g:
                self.class_targets.setdefault(raw(node), []).append(self.shape(node))  # implicit target
                targets = True
            if targets:
                self.top.append(self.shape(node))
            else:
                self.shape(node)  # compiled (and checked) even when only referenced

    def shape(self, node: Node) -> _Shape:
        done = self.compiled.get(node)
        if done is not None:
            return done
        if node in self.busy:
            self._fail(node, "a recursive shape reference")
        self.busy.add(node)
        g = self.g
        s = _Shape(node)
        path = g.value(node, SH.path)
        if path is not None:
            if not isinstance(path, URIRef):
                self._fail(node, "a property path that is not a plain predicate (inverse, sequence, …)")
            s.path, s.path_term = raw(path), path
            self.relevant.add(s.path)
        s.severity = g.value(node, SH.severity) or SH.Violation
        s.lenient = s.severity in _LENIENT
        s.messages = [m for m in g.objects(node, SH.message)]
        deactivated = g.value(node, SH.deactivated)
        s.deactivated = isinstance(deactivated, Literal) and deactivated.value is True
        for p in sorted(set(g.predicates(node, None)), key=str):
            if not str(p).startswith(str(SH)) or p in _IGNORED:
                continue
            values = list(g.objects(node, p))
            add = _CONSTRAINTS.get(p)
            if add is None:
                self._fail(node, p.n3(g.namespace_manager))
            add(self, s, values)
        self.busy.discard(node)
        self.compiled[node] = s
        return s

    def items(self, node: Node, lst: Node) -> list[Node]:
        try:
            return list(Collection(self.g, lst))
        except (AssertionError, ValueError, TypeError):  # not a well-formed RDF list
            self._fail(node, "a malformed RDF list")
            return []

    def one(self, node: Node, name: str, values: list[Node]) -> Node:
        if len(values) != 1:
            self._fail(node, f"{len(values)} values of {name}")
        return values[0]

    def integer(self, node: Node, name: str, values: list[Node]) -> int:
        v = self.one(node, name, values)
        if not isinstance(v, Literal) or not isinstance(v.value, int) or v.value < 0:
            self._fail(node, f"{name} {v!r} (not a non-negative integer)")
        return v.value


# -- constraint components: each adds a check to a _Shape -----------------------------------------

def _value_check(component: URIRef, test: Callable[[Raw], bool], message: str):
    """A test of each value node alone: pure (the shape memoises its verdict per value)."""
    def add(c: _Compiler, s: _Shape, values: list[Node]) -> None:
        fn = test(c, s, values)

        def ok(v: Raw, view: _View, fn=fn) -> bool:
            return fn(v)
        s.value_checks.append((component, ok, message, True))
    return add


def _min_count(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    if s.path is None:
        c._fail(s.node, "sh:minCount on a node shape")
    s.min_count = c.integer(s.node, "sh:minCount", values)


def _max_count(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    if s.path is None:
        c._fail(s.node, "sh:maxCount on a node shape")
    s.max_count = c.integer(s.node, "sh:maxCount", values)


def _datatype(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    dt = c.one(s.node, "sh:datatype", values)
    dt_raw = str(dt).encode("utf-8")
    plain = dt in (XSD.string, RDFS.Literal)       # "…"
    tagged = dt in (RDF.langString, RDFS.Literal)  # "…"@en
    typed_any = dt in (RDFS.Literal, RDFS.Datatype)
    cache: dict[Raw, bool] = {}

    def ok(v: Raw, view: _View) -> bool:
        last = v[-1]
        if last == 34:  # a plain literal (IRIs end with >, blank node labels hold no quote)
            return plain
        if v[0] != 34:
            return False
        if last != 62:  # language-tagged
            return tagged
        r = cache.get(v)
        if r is None:
            q = v.rfind(b'"')
            if v[q + 4:-1] != dt_raw:
                r = typed_any
            else:
                _, value, ill = _typed(v)
                r = not ill and _actual_datatype(value, dt)
            if len(cache) < 200_000:
                cache[v] = r
        return r
    s.value_checks.append((SH.DatatypeConstraintComponent, ok, f"Value is not Literal with datatype {dt.n3()}",
                           True))


_KIND_OK = {SH.IRI: b"<", SH.BlankNode: b"_", SH.Literal: b'"', SH.BlankNodeOrIRI: b"<_",
            SH.BlankNodeOrLiteral: b'_"', SH.IRIOrLiteral: b'<"'}


def _node_kind(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    kind = c.one(s.node, "sh:nodeKind", values)
    firsts = _KIND_OK.get(kind)
    if firsts is None:
        c._fail(s.node, f"sh:nodeKind {kind}")
    allowed = set(firsts)

    def ok(v: Raw, view: _View) -> bool:
        return v[0] in allowed
    s.value_checks.append((SH.NodeKindConstraintComponent, ok, f"Value is not of Node Kind {kind.n3()}", True))


def _class(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    for cls in values:
        cls_raw = raw(cls)

        def ok(v: Raw, view: _View, cls_raw=cls_raw) -> bool:
            if v[0] == 34:
                return False
            types = view.props(v).get(_TYPE)
            if not types:
                return False
            below = view.below.get(cls_raw)
            if below is None:
                return cls_raw in types
            return not below.isdisjoint(types)
        s.value_checks.append((SH.ClassConstraintComponent, ok, f"Value does not have class {cls.n3()}", False))


def _in(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    lst = c.one(s.node, "sh:in", values)
    members = frozenset(raw(m) for m in c.items(s.node, lst))

    def ok(v: Raw, view: _View) -> bool:
        return v in members
    s.value_checks.append((SH.InConstraintComponent, ok, "Value not in list", True))


def _pattern(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    flags_lit = c.g.value(s.node, SH.flags)
    flags = 0
    if flags_lit is not None:
        text = str(flags_lit).lower()
        flags = (re.IGNORECASE if "i" in text else 0) | (re.MULTILINE if "m" in text else 0)
    for p in values:
        if not isinstance(p, Literal):
            c._fail(s.node, "sh:pattern that is not a literal")
        rx = re.compile(str(p), flags)

        def test(v: Raw, rx=rx) -> bool:
            text = _lexical(v)
            return text is not None and rx.search(text) is not None
        _value_check(SH.PatternConstraintComponent, lambda *_: test,
                     f"Value does not match pattern '{p}'")(c, s, values)


def _length(component: URIRef, longer: bool):
    def add(c: _Compiler, s: _Shape, values: list[Node]) -> None:
        n = c.integer(s.node, "sh:minLength" if longer else "sh:maxLength", values)

        def test(v: Raw) -> bool:
            if longer and n == 0:
                return True
            text = _lexical(v)
            return text is not None and (len(text) >= n if longer else len(text) <= n)
        _value_check(component, lambda *_: test,
                     f"String length not {'>=' if longer else '<='} {n}")(c, s, values)
    return add


def _range(component: URIRef, name: str, holds: Callable[[int], bool], sign: str):
    def add(c: _Compiler, s: _Shape, values: list[Node]) -> None:
        for bound in values:
            if not isinstance(bound, Literal):
                c._fail(s.node, f"{name} that is not a literal")
            bound_is_string = isinstance(bound.value, str)
            bound_int = (bound.value if type(bound.value) is int and not bound.ill_typed
                         and bound.datatype in NUMERIC_TYPES else None)

            def test(v: Raw, bound=bound, bound_is_string=bound_is_string, bound_int=bound_int) -> bool:
                if v[0] != 34:
                    return False  # IRIs and blank nodes do not compare
                if bound_int is not None and v[-1] == 62:
                    x = _number(v)
                    if type(x) is int:  # two well-typed integers: rdflib compares their values
                        return holds((x > bound_int) - (x < bound_int))
                t = term(v)
                if isinstance(t.value, str) != bound_is_string:
                    return False
                # imported here, not when the shapes are compiled: pySHACL takes ~0.15 s to import,
                # and a rebuild's documents compare integers (above)
                from pyshacl.rdfutil.compare import compare_literal
                try:
                    return holds(compare_literal(t, bound))
                except (TypeError, NotImplementedError):
                    return False
            _value_check(component, lambda *_, test=test: test, f"Value is not {sign} {bound}")(c, s, values)
    return add


def _has_value(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    for value in values:
        want = raw(value)

        def check(shape, focus, vals, props, view, out, want=want) -> None:
            if want not in vals:
                out.append((focus, shape, SH.HasValueConstraintComponent, None))
        s.focus_checks.append(check)


def _unique_lang(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    flag = c.one(s.node, "sh:uniqueLang", values)
    if not isinstance(flag, Literal) or not isinstance(flag.value, bool):
        c._fail(s.node, "sh:uniqueLang that is not a boolean")
    if not flag.value:
        return
    if s.path is None:
        c._fail(s.node, "sh:uniqueLang on a node shape")

    def check(shape, focus, vals, props, view, out) -> None:
        if len(vals) < 2:
            return
        seen: set[str] = set()
        dup: set[str] = set()
        for v in vals:
            if v[0] != 34 or v[-1] in (34, 62):
                continue  # not a language-tagged literal
            lang = v[v.rfind(b'"') + 2:].decode("ascii", "replace").lower()
            (dup if lang in seen else seen).add(lang)
        for _ in dup:  # one result per shared language, without sh:value (as pySHACL)
            out.append((focus, shape, SH.UniqueLangConstraintComponent, None))
    s.focus_checks.append(check)


def _compare(a: Raw, b: Raw, or_equal: bool) -> bool:
    """pySHACL's sh:lessThan / sh:lessThanOrEquals test of one pair (rdflib's ordering)."""
    x, y = _number(a), _number(b)
    if x is not _NOT_NUMBER and y is not _NOT_NUMBER:
        return x <= y if or_equal else x < y
    ta, tb = term(a), term(b)
    a_str = isinstance(ta, URIRef) or (isinstance(ta, Literal) and isinstance(ta.value, str))
    b_str = isinstance(tb, URIRef) or (isinstance(tb, Literal) and isinstance(tb.value, str))
    if a_str != b_str:
        return False
    va = ta.value if isinstance(ta, Literal) and a_str else (str(ta) if a_str else ta)
    vb = tb.value if isinstance(tb, Literal) and b_str else (str(tb) if b_str else tb)
    try:
        return bool(va <= vb) if or_equal else bool(va < vb)
    except TypeError:
        return False


def _pair(component: URIRef, kind: str):
    def add(c: _Compiler, s: _Shape, values: list[Node]) -> None:
        if s.path is None and kind in ("lessThan", "lessThanOrEquals"):
            c._fail(s.node, f"sh:{kind} on a node shape")
        for other in values:
            if not isinstance(other, URIRef):
                c._fail(s.node, f"sh:{kind} whose value is not a predicate")
            o = raw(other)
            c.relevant.add(o)

            def check(shape, focus, vals, props, view, out, o=o) -> None:
                theirs = (props if props is not None else view.props(focus)).get(o, ())
                if kind == "equals":
                    for v in vals:
                        if v not in theirs:
                            out.append((focus, shape, component, v))
                    for v in theirs:
                        if v not in vals:
                            out.append((focus, shape, component, v))
                elif kind == "disjoint":
                    for v in vals:
                        if v in theirs:
                            out.append((focus, shape, component, v))
                else:
                    for v in vals:
                        for w in theirs:
                            if not _compare(v, w, kind == "lessThanOrEquals"):
                                out.append((focus, shape, component, v))
            s.focus_checks.append(check)
    return add


def _logical(component: URIRef, kind: str):
    def add(c: _Compiler, s: _Shape, values: list[Node]) -> None:
        for value in values:
            members = [c.shape(m) for m in (c.items(s.node, value) if kind in ("or", "and", "xone")
                                            else [value])]
            if kind == "or":
                def test(v, view, members=members):
                    return any(m.conforms(v, view) for m in members)
            elif kind in ("and", "node"):
                def test(v, view, members=members):
                    return all(m.conforms(v, view) for m in members)
            elif kind == "xone":
                def test(v, view, members=members):
                    return sum(m.conforms(v, view) for m in members) == 1
            else:
                def test(v, view, members=members):
                    return not members[0].conforms(v, view)
            pure = all(m.local for m in members)  # e.g. sh:or of datatypes: memoised by the shape
            ok = test
            s.value_checks.append((component, ok, f"Value does not conform to sh:{kind}", pure))
    return add


def _property(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    for value in values:
        prop = c.shape(value)
        if prop.path is None:
            c._fail(value, "sh:property without sh:path")
        s.properties.append(prop)


def _qualified(c: _Compiler, s: _Shape, values: list[Node]) -> None:
    g = c.g
    disjoint = g.value(s.node, SH.qualifiedValueShapesDisjoint)
    if isinstance(disjoint, Literal) and disjoint.value is True:
        c._fail(s.node, "sh:qualifiedValueShapesDisjoint true")
    low = g.value(s.node, SH.qualifiedMinCount)
    high = g.value(s.node, SH.qualifiedMaxCount)
    low = c.integer(s.node, "sh:qualifiedMinCount", [low]) if low is not None else None
    high = c.integer(s.node, "sh:qualifiedMaxCount", [high]) if high is not None else None
    if low is None and high is None:
        c._fail(s.node, "sh:qualifiedValueShape without a qualified count")
    for value in values:
        inner = c.shape(value)

        def check(shape, focus, vals, props, view, out, inner=inner) -> None:
            if not vals and (low is None or low < 1):
                return
            n = sum(1 for v in vals if inner.conforms(v, view))
            if high is not None and n > high:
                out.append((focus, shape, SH.QualifiedMaxCountConstraintComponent, None))
            if low is not None and n < low:
                out.append((focus, shape, SH.QualifiedMinCountConstraintComponent, None))
        s.focus_checks.append(check)


_CONSTRAINTS: dict[URIRef, Callable[[_Compiler, _Shape, list[Node]], None]] = {
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH.datatype: _datatype,
    SH.nodeKind: _node_kind,
    SH["class"]: _class,
    SH["in"]: _in,
    SH.pattern: _pattern,
    SH.minLength: _length(SH.MinLengthConstraintComponent, True),
    SH.maxLength: _length(SH.MaxLengthConstraintComponent, False),
    SH.minInclusive: _range(SH.MinInclusiveConstraintComponent, "sh:minInclusive", lambda k: k >= 0, ">="),
    SH.minExclusive: _range(SH.MinExclusiveConstraintComponent, "sh:minExclusive", lambda k: k > 0, ">"),
    SH.maxInclusive: _range(SH.MaxInclusiveConstraintComponent, "sh:maxInclusive", lambda k: k <= 0, "<="),
    SH.maxExclusive: _range(SH.MaxExclusiveConstraintComponent, "sh:maxExclusive", lambda k: k < 0, "<"),
    SH.hasValue: _has_value,
    SH.uniqueLang: _unique_lang,
    SH.lessThan: _pair(SH.LessThanConstraintComponent, "lessThan"),
    SH.lessThanOrEquals: _pair(SH.LessThanOrEqualsConstraintComponent, "lessThanOrEquals"),
    SH.equals: _pair(SH.EqualsConstraintComponent, "equals"),
    SH.disjoint: _pair(SH.DisjointConstraintComponent, "disjoint"),
    SH["or"]: _logical(SH.OrConstraintComponent, "or"),
    SH["and"]: _logical(SH.AndConstraintComponent, "and"),
    SH.xone: _logical(SH.XoneConstraintComponent, "xone"),
    SH["not"]: _logical(SH.NotConstraintComponent, "not"),
    SH.node: _logical(SH.NodeConstraintComponent, "node"),
    SH.property: _property,
    SH.qualifiedValueShape: _qualified,
}


# -- the checker ----------------------------------------------------------------------------------

class _Hierarchy:
    """rdfs:subClassOf, for sh:class and sh:targetClass: each class of interest -> itself and every
    class below it; each type -> the top-level shapes that target its instances."""

    def __init__(self, edges: dict[Raw, set[Raw]], compiler: _Compiler, classes: set[Raw]) -> None:
        self.below: dict[Raw, frozenset[Raw]] = {}
        for cls in classes:
            seen = {cls}
            todo = [cls]
            while todo:
                for sub in edges.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            self.below[cls] = frozenset(seen)
        self.type_shapes: dict[Raw, list[_Shape]] = {}
        for cls, shapes in compiler.class_targets.items():
            for t in self.below[cls]:
                for shape in shapes:
                    if shape not in self.type_shapes.setdefault(t, []):
                        self.type_shapes[t].append(shape)
        self.subject_preds = tuple(compiler.subject_targets)
        self.subject_targets = compiler.subject_targets
        self.memo: dict[tuple, tuple[_Shape, ...]] = {}

    def targeted(self, props: Props) -> tuple[_Shape, ...]:
        """The top-level shapes whose class or subjects-of targets select a node with these props."""
        types = props.get(_TYPE)
        key = (tuple(types) if types else (), tuple(p for p in self.subject_preds if p in props))
        shapes = self.memo.get(key)
        if shapes is None:
            found: dict[int, _Shape] = {}
            for t in key[0]:
                for shape in self.type_shapes.get(t, ()):
                    found.setdefault(id(shape), shape)
            for p in key[1]:
                for shape in self.subject_targets[p]:
                    found.setdefault(id(shape), shape)
            shapes = self.memo[key] = tuple(found.values())
        return shapes


def _edges(indexes: Iterable[dict[Raw, Props]]) -> dict[Raw, set[Raw]]:
    """superclass -> direct subclasses."""
    edges: dict[Raw, set[Raw]] = {}
    for index in indexes:
        for sub, props in index.items():
            for sup in props.get(_SUBCLASS, ()):
                edges.setdefault(sup, set()).add(sub)
    return edges


class ShapeChecker:
    """The shapes of a registry compiled to Python checks (see the module docstring).

    >>> from resograph.graph.registry import load
    >>> ShapeChecker.compile(load()).check_registry().conforms
    True
    """

    def __init__(self, compiler: _Compiler, registry: Registry) -> None:
        self.shapes = registry.shapes
        self.compiler = compiler
        self.relevant = frozenset(compiler.relevant)
        self.top = compiler.top
        reg = Graph()
        for triple in registry.graph:
            reg.add(triple)
        finish(reg, registry)  # as validate_registry and _validate_document see the registry
        self.registry_index = _index(_graph_triples(reg), self.relevant)
        self.ontology_index = _index(_graph_triples(registry.ontology), self.relevant)
        self.classes = set(compiler.class_targets) | {
            raw(o) for o in self.shapes.objects(None, SH["class"])}
        self.edges = _edges([self.registry_index])
        self.hierarchy = _Hierarchy(self.edges, compiler, self.classes)

    @classmethod
    def compile(cls, registry: Registry) -> ShapeChecker:
        """Read `registry.shapes` once; raise UnsupportedShape on a feature not implemented here."""
        compiler = _Compiler(registry.shapes)
        compiler.run()
        compiler.freeze()
        return cls(compiler, registry)

    # -- the three runs -----------------------------------------------------------------------

    def check_document(self, lines: Iterable[bytes], cited_documents: Iterable[str] = ()) -> Report:
        """One document's lines (e.g. `DocPart.lines_for(corpus)`) over the registry facts, its own
        IRI subjects as focus nodes. `cited_documents`: keys of the other documents of the corpus that
        it cites; their nodes are checked in their own document's pass (here they lack their title)."""
        with _no_gc():
            own = _index_lines(lines, self.relevant)
            skip = {raw(iri_ref(k)) for k in cited_documents}
            focus = [s for s in own if s[0] == 60 and s not in skip]
            view = _View(own, self.registry_index, self.hierarchy.below)
            results = self._run(view, focus, self.hierarchy, set(focus))
        return self._report(results, view)

    def check_registry(self) -> Report:
        """The ontology and the registry alone (with `graph.finish`), every node a focus node."""
        view = _View(self.registry_index, None, self.hierarchy.below)
        return self._report(self._run(view, list(self.registry_index), self.hierarchy, None), view)

    def check_graph(self, lines: Iterable[bytes] | bytes) -> Report:
        """A whole graph's lines (e.g. `resograph.nt`, or its bytes), with the ontology mixed in (as
        `resograph validate`): every node a focus node."""
        with _no_gc():
            own = _index_lines(lines, self.relevant)
            hierarchy = self.hierarchy
            if any(_SUBCLASS in props for props in own.values()):
                hierarchy = _Hierarchy(_edges([self.registry_index, own]), self.compiler, self.classes)
            view = _View(own, self.ontology_index, hierarchy.below)
            focus = list(own) + [s for s in self.ontology_index if s not in own]
            results = self._run(view, focus, hierarchy, None)
        return self._report(results, view)

    def results(self, report: Report) -> set[tuple]:
        """(focus node, path, source shape, constraint component, severity) of each result of a
        report (this checker's or pySHACL's): what the differential tests compare."""
        g = report.results
        return {(g.value(r, SH.focusNode), g.value(r, SH.resultPath), g.value(r, SH.sourceShape),
                 g.value(r, SH.sourceConstraintComponent), g.value(r, SH.resultSeverity))
                for r in g.subjects(RDF.type, SH.ValidationResult)}

    # -- internals ----------------------------------------------------------------------------

    def _run(self, view: _View, focus: list[Raw], hierarchy: _Hierarchy,
             allowed: set[Raw] | None) -> list[Result]:
        out: list[Result] = []
        props_of, targeted = view.props, hierarchy.targeted
        for node in focus:
            props = props_of(node)
            for shape in targeted(props):
                shape.evaluate(node, view, out, props)
        c = self.compiler
        if c.node_targets or c.object_targets:  # rare targets: applied once per (node, shape)
            done = set(focus)
            extra: dict[Raw, list[_Shape]] = {}
            for node, shapes in c.node_targets.items():
                extra.setdefault(node, []).extend(shapes)
            for pred, shapes in c.object_targets.items():
                for index in (view.own, view.base or {}):
                    for props in index.values():
                        for o in props.get(pred, ()):
                            extra.setdefault(o, []).extend(shapes)
            for node, shapes in extra.items():
                if allowed is not None and node not in allowed:
                    continue
                already = hierarchy.targeted(view.props(node)) if node in done else ()
                for shape in dict.fromkeys(shapes):
                    if shape not in already:
                        shape.evaluate(node, view, out)
        return out

    def _report(self, results: list[Result], view: _View) -> Report:
        if not results:  # the common case, kept cheap: no results graph to build (as validate() does)
            return Report(True, 0, 0, "Validation Report\nConforms: True\n", Graph(), 1)
        conforms = all(r[1].severity in _LENIENT for r in results)
        violations = sum(1 for r in results if r[1].severity == SH.Violation)
        warnings = sum(1 for r in results if r[1].severity == SH.Warning)
        g = Graph(bind_namespaces="core")
        for prefix, ns in self.shapes.namespace_manager.namespaces():
            g.bind(prefix, ns, override=False)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(conforms)))
        text = [f"Validation Report\nConforms: {conforms}\n"]
        if results:
            text.append(f"Results ({len(results)}):\n")
        copied: set[Node] = set()
        for focus, shape, component, value in results:
            r = BNode()
            g.add((report, SH.result, r))
            g.add((r, RDF.type, SH.ValidationResult))
            g.add((r, SH.sourceConstraintComponent, component))
            g.add((r, SH.sourceShape, shape.node))
            g.add((r, SH.resultSeverity, shape.severity))
            focus_term = term(focus)
            g.add((r, SH.focusNode, focus_term))
            value_term = term(value) if value is not None else None
            if value_term is not None:
                g.add((r, SH.value, value_term))
            if shape.path_term is not None:
                g.add((r, SH.resultPath, shape.path_term))
            messages = shape.messages or [Literal(_generic(shape, component, value, focus_term))]
            for m in messages:
                g.add((r, SH.resultMessage, m))
            if isinstance(shape.node, BNode) and shape.node not in copied:
                copied.add(shape.node)
                _copy_cbd(self.shapes, shape.node, g)
            text.append(self._describe(shape, component, focus_term, value_term, messages))
        return Report(conforms, violations, warnings, "".join(text), g, 1)

    def _describe(self, shape: _Shape, component: URIRef, focus: Node, value: Node | None,
                  messages: list[Literal]) -> str:
        from pyshacl.rdfutil import stringify_node

        nm = self.shapes.namespace_manager
        name = str(component)[len(str(SH)):]
        kind = "Constraint Violation" if shape.severity == SH.Violation else "Validation Result"
        out = (f"{kind} in {name} ({component}):\n\tSeverity: {stringify_node(self.shapes, shape.severity)}\n"
               f"\tSource Shape: {stringify_node(self.shapes, shape.node)}\n\tFocus Node: {focus.n3(nm)}\n")
        if value is not None:
            out += f"\tValue Node: {value.n3(nm)}\n"
        if shape.path_term is not None:
            out += f"\tResult Path: {shape.path_term.n3(nm)}\n"
        for m in messages:
            out += f"\tMessage: {m}\n"
        return out


def _generic(shape: _Shape, component: URIRef, value: Raw | None, focus: Node) -> str:
    """A message for a shape without sh:message (close to pySHACL's)."""
    where = f"{focus.n3()}->{shape.path_term.n3()}" if shape.path_term is not None else focus.n3()
    if component == SH.MinCountConstraintComponent:
        return f"Less than {shape.min_count} values on {where}"
    if component == SH.MaxCountConstraintComponent:
        return f"More than {shape.max_count} values on {where}"
    if component == SH.UniqueLangConstraintComponent:
        return "More than one String shares the same Language"
    for comp, _, message, _ in shape.value_checks:
        if comp == component:
            return message
    return f"{str(component)[len(str(SH)):]} failed on {where}"


def _copy_cbd(source: Graph, node: Node, target: Graph) -> None:
    """A blank shape's description (and its lists), copied into the results as pySHACL does."""
    todo, seen = [node], set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for p, o in source.predicate_objects(n):
            target.add((n, p, o))
            if isinstance(o, BNode):
                todo.append(o)


__all__ = ["ShapeChecker", "UnsupportedShape"]
