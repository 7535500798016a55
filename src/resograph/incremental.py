"""The graph, SHACL and output steps of an incremental build (issue 7), behind `build.build()`.

A build with the per-source cache (:mod:`resograph.cache`) keeps, for every source, under the
fingerprint of code, ontology and registry:

- ``doc/<k>.pickle`` — the document's triples as sorted N-Triples lines (from
  :func:`resograph.graph.document_parts`, which builds :func:`~resograph.graph.document_graph` without
  the corpus), the few lines that hold only when a cited key is *not* a document of the corpus (its
  placeholder title and issuing body), and the subjects it titles, identifies and types. `k` hashes
  the source's bytes, its file name (the provenance node) and the registry.
- ``shacl/<k>.pickle`` — its per-document SHACL report (:func:`resograph.validate.validate_document`),
  keyed by the entry above and by which of the keys it cites are documents of this corpus (that
  changes both its graph and its focus nodes).
- ``registry/<r>.pickle`` — the registry pass of the per-document validation.

The facts that depend on the whole corpus are recomputed from those entries at every build: the
conditional lines of keys that are not in the corpus, the registry's fallback titles (`finish`: a
registry instrument no document and no registry triple titles gets its key as title), the instrument
count. Blank nodes occur only in the ontology and registry (never in a document's triples), so the
registry part canonicalised alone labels them as the whole graph would. The result is the same set of
N-Triples lines as a cold `build_graph` + `canonical` + `to_ntriples`, hence the same bytes for every
output; `tests/test_incremental.py` checks it against a cold build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF
from rdflib.plugins.serializers.nt import _nt_row

from .graph import ELI, PREFIXES, RG, document_lines, document_parts, finish
from .models import Extraction
from .registry import Registry
from .validate import Report, schema, validate_document, validate_registry

DOC_KIND = "doc"
SHACL_KIND = "shacl"
REGISTRY_KIND = "registry"

_TITLE = DCTERMS.title.n3().encode()
_IDENTIFIER = DCTERMS.identifier.n3().encode()
_TYPE = RDF.type.n3().encode()
_KINDS = {ELI.LegalResource.n3().encode(), RG.TreatyArticle.n3().encode()}


def _line(triple) -> bytes:
    return _nt_row(triple).encode("utf-8")[:-1]


def _lines(graph: Graph) -> list[bytes]:
    text = graph.serialize(format="nt", encoding="utf-8")
    return sorted(set(line for line in text.split(b"\n") if line.strip()))


@dataclass
class Facts:
    """Subjects (N-Triples form) that have a title, an identifier, an instrument type."""

    titled: set[bytes] = field(default_factory=set)
    ids: set[bytes] = field(default_factory=set)
    typed: set[bytes] = field(default_factory=set)

    def scan(self, lines) -> "Facts":
        for line in lines:
            s, p, rest = line.split(b" ", 2)
            if p == _TITLE:
                self.titled.add(s)
            elif p == _IDENTIFIER:
                self.ids.add(s)
            elif p == _TYPE and rest[:-2] in _KINDS:
                self.typed.add(s)
        return self


@dataclass
class DocPart:
    """One document's cached contribution (see the module docstring)."""

    symbol: str
    lines: list[bytes]
    conditional: dict[str, list[bytes]]
    keys: frozenset[str]
    facts: Facts

    def lines_for(self, corpus: frozenset[str]) -> list[bytes]:
        out = list(self.lines)
        for key, lines in self.conditional.items():
            if key not in corpus:
                out += lines
        return out


def make_part(x: Extraction, registry: Registry) -> DocPart:
    """The document's part, its lines written as text (:func:`resograph.graph.document_lines`; the
    same lines as rdflib's writer gives for :func:`resograph.graph.document_parts`, tested)."""
    lines, cond, keys = document_lines(x, registry)
    return DocPart(x.document.symbol, lines, cond, frozenset(keys), Facts().scan(lines))


def make_part_rdflib(x: Extraction, registry: Registry) -> DocPart:
    """:func:`make_part` through rdflib terms and rdflib's N-Triples writer (the reference)."""
    g, conditional, keys = document_parts(x, registry)
    lines = _lines(g)
    cond = {k: sorted(set(_line(t) for t in triples)) for k, triples in sorted(conditional.items())}
    return DocPart(x.document.symbol, lines, cond, frozenset(keys), Facts().scan(lines))


@dataclass
class RegistryPart:
    """Ontology + registry + `finish`, canonical, without the fallback titles (added per corpus)."""

    graph: Graph  # canonical, every line below but the fallback titles
    lines: list[bytes]
    fallback: dict[bytes, tuple[bytes, tuple]]  # subject -> (title line, triple)
    facts: Facts


def registry_part(registry: Registry) -> RegistryPart:
    from .build import canonical

    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in registry.graph:
        g.add(triple)
    titled = set(g.subjects(DCTERMS.title))
    finish(g, registry)
    fallback = {}
    for s, o in list(g.subject_objects(DCTERMS.title)):
        if s not in titled:
            t = (s, DCTERMS.title, o)
            g.remove(t)
            fallback[s.n3().encode()] = (_line(t), t)
    canonical(g, inplace=True)
    lines = _lines(g)
    return RegistryPart(g, lines, fallback, Facts().scan(lines))


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def registry_digest(registry: Registry, default: bool) -> str:
    """"files" for the registry loaded from `data/registry` and `ontology/` (the cache fingerprint
    covers those files); else a digest of its content (canonical blank nodes)."""
    if default:
        return "files"
    from rdflib.compare import to_canonical_graph

    h = hashlib.sha256()
    for g in (registry.ontology, registry.data, registry.shapes):
        h.update(b"\n".join(_lines(to_canonical_graph(g))))
        h.update(b"\0")
    return h.hexdigest()


# -- SHACL, per document, cached ------------------------------------------------------------------

def _pack(report: Report) -> tuple:
    results = report.results.serialize(format="nt", encoding="utf-8") if len(report.results) else b""
    return (report.conforms, report.violations, report.warnings, report.text, results, report.checked)


def _unpack(packed: tuple) -> Report:
    conforms, violations, warnings, text, results, checked = packed
    g = Graph()
    if results:
        g.parse(data=results.decode("utf-8"), format="nt")
    return Report(conforms, violations, warnings, text, g, checked)


_WORKER: tuple | None = None  # (registry, schema) for forked validation workers


def _validate_packed(job: tuple[str, bytes, list[str]]) -> tuple:
    symbol, data, cited_corpus = job
    registry, onto = _WORKER
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return _pack(validate_document(registry, symbol, g, cited_corpus, onto))


def validate_parts(parts: list[tuple[str, DocPart]], corpus: frozenset[str], registry: Registry,
                   regdigest: str, cache, used: set[str], progress=None,
                   min_parallel: int = 16) -> tuple[Report, int]:
    """Registry pass + every document's pass, from the cache where the entry exists; the misses are
    validated (on every core when there are at least `min_parallel`). Returns (report, misses)."""
    global _WORKER
    onto = None
    packed = cache.get(REGISTRY_KIND, _hash("shacl", regdigest))
    if packed is None:
        onto = schema(registry)
        packed = _pack(validate_registry(registry, onto))
        cache.put(REGISTRY_KIND, _hash("shacl", regdigest), packed)
    used.add(_hash("shacl", regdigest))
    results: list[tuple | None] = []
    jobs: list[tuple[int, str, tuple]] = []
    for entry, part in parts:
        cited = sorted((part.keys & corpus) - {part.symbol})
        key = _hash(entry, *cited)
        used.add(key)
        hit = cache.get(SHACL_KIND, key)
        results.append(hit)
        if hit is None:
            lines = part.lines_for(corpus)
            jobs.append((len(results) - 1, key, (part.symbol, b"\n".join(lines), cited)))
        elif progress is not None:
            progress.update(1)
    if jobs:
        onto = onto if onto is not None else schema(registry)
        _WORKER = (registry, onto)
        try:
            workers = os.cpu_count() or 1
            if workers > 1 and len(jobs) >= min_parallel:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor
                with ProcessPoolExecutor(max_workers=workers,
                                         mp_context=multiprocessing.get_context("fork")) as pool:
                    done = pool.map(_validate_packed, [j for _, _, j in jobs],
                                    chunksize=max(1, len(jobs) // (workers * 8)))
                    for (i, key, _), packed_doc in zip(jobs, done):
                        results[i] = packed_doc
                        cache.put(SHACL_KIND, key, packed_doc)
                        if progress is not None:
                            progress.update(1)
            else:
                for i, key, job in jobs:
                    results[i] = _validate_packed(job)
                    cache.put(SHACL_KIND, key, results[i])
                    if progress is not None:
                        progress.update(1)
        finally:
            _WORKER = None
    return _merge_all([packed] + results), len(jobs)


def _merge_all(packed: list[tuple]) -> Report:
    """`Report.merge` over the list, left to right, without copying the results graph each time."""
    if len(packed) == 1:
        return _unpack(packed[0])
    results = Graph()
    conforms, violations, warnings, checked, texts = True, 0, 0, 0, []
    for c, v, w, text, nt, n in packed:
        conforms, violations, warnings, checked = conforms and c, violations + v, warnings + w, checked + n
        if text and "Conforms: True" not in text:
            texts.append(text)
        if nt:
            results.parse(data=nt.decode("utf-8"), format="nt")
    return Report(conforms, violations, warnings, "\n".join(texts), results, checked)


# -- the merge ------------------------------------------------------------------------------------

def load_parts(extractions: list[Extraction], digests: list[str], registry: Registry,
               regdigest: str, cache, used: set[str], progress=None,
               min_parallel: int = 64) -> tuple[list[tuple[str, DocPart]], int]:
    """Every document's part, from the cache or built (and kept). Returns ([(entry, part)], misses)."""
    out: list = []
    todo: list[int] = []
    for x, d in zip(extractions, digests):
        entry = doc_entry(x, d, regdigest)
        used.add(entry)
        part = cache.get(DOC_KIND, entry)
        if not isinstance(part, DocPart) or part.symbol != x.document.symbol:
            todo.append(len(out))
            part = None
        elif progress is not None:
            progress.update(1)
        out.append((entry, part))
    made = make_parts([extractions[i] for i in todo], registry, min_parallel)
    for i, part in zip(todo, made):
        cache.put(DOC_KIND, out[i][0], part)
        out[i] = (out[i][0], part)
        if progress is not None:
            progress.update(1)
    return out, len(todo)


def doc_entry(x: Extraction, digest: str, regdigest: str) -> str:
    """The cache key of a document's part: its bytes, its file name (the provenance node), the registry."""
    name = os.path.basename(x.path) if x.path else f"{x.document.symbol}.txt"
    return _hash("doc", digest, name, regdigest)


_PART_WORKER: Registry | None = None  # the registry, for forked workers


def _make_part_forked(x: Extraction) -> DocPart:
    return make_part(x, _PART_WORKER)


def make_parts(extractions: list[Extraction], registry: Registry, min_parallel: int = 64) -> list[DocPart]:
    """:func:`make_part` of each, on every core (forked workers) when there are at least `min_parallel`."""
    global _PART_WORKER
    workers = os.cpu_count() or 1
    if workers < 2 or len(extractions) < min_parallel:
        return [make_part(x, registry) for x in extractions]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _PART_WORKER = registry
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_make_part_forked, extractions,
                                 chunksize=max(1, len(extractions) // (workers * 8))))
    finally:
        _PART_WORKER = None


@dataclass
class Merged:
    lines: list[bytes]          # sorted, unique: the N-Triples file's lines
    registry_lines: set[bytes]  # the lines that come from the registry part (blank nodes included)
    fallback: list[tuple]       # the fallback-title triples that apply
    instruments: int


def merge(parts: list[DocPart], reg: RegistryPart, corpus: frozenset[str]) -> Merged:
    lines: set[bytes] = set(reg.lines)
    titled = set(reg.facts.titled)
    ids = set(reg.facts.ids)
    typed = set(reg.facts.typed)
    for part in parts:
        lines.update(part.lines)
        titled |= part.facts.titled
        ids |= part.facts.ids
        typed |= part.facts.typed
        for key, cond in part.conditional.items():
            if key not in corpus:
                lines.update(cond)
                titled.update(line.split(b" ", 1)[0] for line in cond
                              if line.split(b" ", 2)[1] == _TITLE)
    fallback = []
    for subject, (line, triple) in sorted(reg.fallback.items()):
        if subject not in titled:
            lines.add(line)
            fallback.append(triple)
    return Merged(sorted(lines), set(reg.lines), fallback, len(ids & typed))


def rdflib_graph(merged: Merged, reg: RegistryPart) -> Graph:
    """The merged graph as rdflib terms (for rdflib's Turtle and JSON-LD writers on small graphs):
    the registry part's own terms (canonical blank nodes) plus the other lines parsed."""
    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in reg.graph:
        g.add(triple)
    for triple in merged.fallback:
        g.add(triple)
    fallback = {_line(t) for t in merged.fallback}
    rest = [line for line in merged.lines if line not in merged.registry_lines and line not in fallback]
    if rest:
        g.parse(data=b"\n".join(rest).decode("utf-8"), format="nt")
    return g


__all__ = ["DocPart", "RegistryPart", "make_part", "registry_part", "load_parts", "validate_parts",
           "merge", "rdflib_graph", "registry_digest"]
