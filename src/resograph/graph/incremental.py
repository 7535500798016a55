"""The graph, SHACL and output steps of an incremental build (issue 7), behind `build.build()`.

A build with the per-source cache (:mod:`resograph.graph.cache`) keeps, for every source, under the
fingerprint of code, ontology and registry:

- ``doc/<k>.pickle`` — the document's triples as sorted N-Triples lines (from
  :func:`resograph.graph.rdf.document_lines`, the text form of :func:`~resograph.graph.rdf.document_parts`:
  the document's graph without the corpus), the few lines that hold only when a cited key is *not*
  a document of the corpus (its placeholder title and issuing body), and the subjects it titles,
  identifies and types. `k` hashes the source's bytes, its file name (the provenance node) and the
  registry.
- ``shacl/<k>.pickle`` — its per-document SHACL report (the compiled checker's, or
  :func:`resograph.graph.validate.validate_document`'s with pySHACL), keyed by the entry above and by
  which of the keys it cites are documents of this corpus (that changes both its graph and its focus
  nodes).
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
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from resograph.graph.rdf import (
    ELI,
    PREFIXES,
    RG,
    conditional_lines,
    document_lines,
    finish,
)
from resograph.core.models import Extraction
from resograph.graph.lock import die_with_parent
from resograph.graph.outputs import canonical
from resograph.graph.registry import Registry
from resograph.graph.validate import Report, schema, validate_document, validate_registry

DOC_KIND = "doc"
SHACL_KIND = "shacl"
REGISTRY_KIND = "registry"

_TITLE = DCTERMS.title.n3().encode()
_IDENTIFIER = DCTERMS.identifier.n3().encode()
_TYPE = RDF.type.n3().encode()
_KINDS = {ELI.LegalResource.n3().encode(), RG.TreatyArticle.n3().encode()}


def _line(triple) -> bytes:
    """One triple as its N-Triples line (rdflib's writer; used for a few fallback titles only)."""
    g = Graph(bind_namespaces="none")
    g.add(triple)
    return g.serialize(format="nt", encoding="utf-8").rstrip(b"\n")


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
    """The document's part, its lines written as text (:func:`resograph.graph.rdf.document_lines`; the
    same lines as rdflib's writer gives for :func:`resograph.graph.rdf.document_parts`, tested)."""
    lines, cond, keys = document_lines(x, registry)
    return DocPart(x.document.symbol, lines, cond, frozenset(keys), Facts().scan(lines))


@dataclass
class RegistryPart:
    """Ontology + registry + `finish`, canonical, without the fallback titles (added per corpus)."""

    graph: Graph  # canonical, every line below but the fallback titles
    lines: list[bytes]
    fallback: dict[bytes, tuple[bytes, tuple]]  # subject -> (title line, triple)
    facts: Facts


def registry_part(registry: Registry) -> RegistryPart:
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


_WORKER: tuple | None = None  # (engine, registry, schema or ShapeChecker) for forked validation workers

PYSHACL = "pyshacl"    # pySHACL per document (`--validation per-document`)
COMPILED = "compiled"  # resograph.graph.shapecheck.ShapeChecker on the lines (`--validation auto`)


def compiled_available() -> bool:
    """Whether the compiled SHACL checker (resograph.graph.shapecheck) is there to take `auto`."""
    try:
        from resograph.graph.shapecheck import ShapeChecker  # noqa: F401
    except ImportError:
        return False
    return True


def validation_mode(validation: str, registry: Registry) -> str:
    """The per-document mode an incremental build runs for `--validation`: `auto` is the compiled
    checker when present and able to compile the shapes (pySHACL per document otherwise);
    `per-document` is pySHACL."""
    if validation != "auto":
        return validation
    if not compiled_available():
        return "per-document"
    from resograph.graph.shapecheck import UnsupportedShape

    try:
        _checker(registry)
    except UnsupportedShape:
        return "per-document"  # a shape feature the checker does not know: pySHACL knows them all
    return COMPILED


def engine_of(mode: str) -> str:
    return COMPILED if mode == COMPILED else PYSHACL


def _checker(registry: Registry):
    from resograph.graph.shapecheck import ShapeChecker

    cached = getattr(registry, "_resograph_shapechecker", None)
    if cached is None:
        cached = ShapeChecker.compile(registry)
        registry._resograph_shapechecker = cached  # compiled once per registry object
    return cached


def _validate_packed(job: tuple[str, bytes, list[str]]) -> tuple:
    symbol, data, cited_corpus = job
    engine, registry, tool = _WORKER
    if engine == COMPILED:
        return _pack(tool.check_document([line for line in data.split(b"\n") if line],
                                         cited_corpus))
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return _pack(validate_document(registry, symbol, g, cited_corpus, tool))


def registry_key(regdigest: str, engine: str = PYSHACL) -> str:
    return _hash("shacl", regdigest) if engine == PYSHACL else _hash("shacl", engine, regdigest)


def registry_report(registry: Registry, regdigest: str, cache, used: set[str],
                    engine: str = PYSHACL) -> tuple:
    """The registry (+ ontology) pass of the per-document validation, packed, cached."""
    key = registry_key(regdigest, engine)
    used.add(key)
    packed = cache.get(REGISTRY_KIND, key)
    if packed is None:
        if engine == COMPILED:
            packed = _pack(_checker(registry).check_registry())
        else:
            packed = _pack(validate_registry(registry, schema(registry)))
        cache.put(REGISTRY_KIND, key, packed)
    return packed


def shacl_key(entry: str, part: DocPart, corpus: frozenset[str], engine: str = PYSHACL) -> str:
    """A document's report depends on its part and on which of the keys it cites are documents."""
    cited = sorted((part.keys & corpus) - {part.symbol})
    return _hash(entry, *cited) if engine == PYSHACL else _hash(entry, engine, *cited)


def check_parts(parts: list[tuple[str, DocPart]], corpus: frozenset[str], registry: Registry,
                cache, used: set[str], progress=None, min_parallel: int = 16,
                engine: str = PYSHACL) -> tuple[list[tuple[str, tuple]], int]:
    """Every document's pass, from the cache where the entry exists; the misses are validated (on
    every core when there are at least `min_parallel`). Returns ([(report key, packed report)], misses)."""
    global _WORKER
    results: list[tuple | None] = []
    keys: list[str] = []
    jobs: list[tuple[int, str, tuple]] = []
    for entry, part in parts:
        cited = sorted((part.keys & corpus) - {part.symbol})
        key = shacl_key(entry, part, corpus, engine)
        used.add(key)
        keys.append(key)
        hit = cache.get(SHACL_KIND, key)
        results.append(hit)
        if hit is None:
            lines = part.lines_for(corpus)
            jobs.append((len(results) - 1, key, (part.symbol, b"\n".join(lines), cited)))
        elif progress is not None:
            progress.update(1)
    if jobs:
        tool = _checker(registry) if engine == COMPILED else schema(registry)
        _WORKER = (engine, registry, tool)
        try:
            workers = os.cpu_count() or 1
            if engine == COMPILED:
                min_parallel = max(min_parallel, 512)  # a few ms a document: forking pays only for many
            if workers > 1 and len(jobs) >= min_parallel:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor
                with ProcessPoolExecutor(max_workers=workers,
                                         mp_context=multiprocessing.get_context("fork"),
                                         initializer=die_with_parent) as pool:
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
    return list(zip(keys, results)), len(jobs)


def validate_parts(parts: list[tuple[str, DocPart]], corpus: frozenset[str], registry: Registry,
                   regdigest: str, cache, used: set[str], progress=None,
                   min_parallel: int = 16, engine: str = PYSHACL
                   ) -> tuple[Report, int, list[tuple[str, tuple]]]:
    """Registry pass + every document's pass (:func:`check_parts`). Returns (report, misses,
    [(report key, packed report)] in the order of `parts`)."""
    packed = registry_report(registry, regdigest, cache, used, engine)
    checked, misses = check_parts(parts, corpus, registry, cache, used, progress, min_parallel, engine)
    return _merge_all([packed] + [r for _, r in checked]), misses, checked


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
        if _has_results(nt):  # a report with no sh:result is only its header: nothing to merge
            results.parse(data=nt.decode("utf-8"), format="nt")
    return Report(conforms, violations, warnings, "\n".join(texts), results, checked)


_SH_RESULT = b"<http://www.w3.org/ns/shacl#result>"


def _has_results(nt: bytes) -> bool:
    return bool(nt) and _SH_RESULT in nt


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
    """The cache key of a document's part: its bytes, its key and file name (the provenance node),
    the registry."""
    name = os.path.basename(x.path) if x.path else f"{x.document.symbol}.txt"
    return _hash("doc", digest, x.document.symbol or "", name, regdigest)


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
                                 mp_context=multiprocessing.get_context("fork"),
                                         initializer=die_with_parent) as pool:
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
    counts: dict[bytes, int] = field(default_factory=dict)  # lines given by >= 2 contributors


def merge(parts: list[DocPart], reg: RegistryPart, corpus: frozenset[str]) -> Merged:
    """Every contributor's lines (see the manifest section below), counted: the sorted lines of the
    whole graph, and the lines more than one contributor gives."""
    counter: Counter = Counter(reg.lines)
    titled = set(reg.facts.titled)
    ids = set(reg.facts.ids)
    typed = set(reg.facts.typed)
    active: set[str] = set()
    for part in parts:
        counter.update(part.lines)
        titled |= part.facts.titled
        ids |= part.facts.ids
        typed |= part.facts.typed
        active.update(k for k in part.conditional if k not in corpus)
    for key in sorted(active):
        cond = conditional_lines(key)
        counter.update(cond)
        titled.update(line.split(b" ", 1)[0] for line in cond if line.split(b" ", 2)[1] == _TITLE)
    fallback = []
    for subject, (line, triple) in sorted(reg.fallback.items()):
        if subject not in titled:
            counter[line] += 1
            fallback.append(triple)
    counts = {line: n for line, n in counter.items() if n > 1}
    return Merged(sorted(counter), set(reg.lines), fallback, len(ids & typed), counts)


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


# -- the manifest of the last build, and the delta of a rebuild --------------------------------------
#
# A rebuild that changes the store in place must know, for every line it might remove, whether some
# other contributor still gives it. Contributors: the registry part, each document's part, each
# conditional key that applies (its placeholder lines, once however many documents cite it) and each
# fallback title that applies. A line given by one contributor is simply in the store; `counts` keeps
# only the lines given by two or more (a few per cited instrument: identifier, kinds, links), with how
# many. The rest of the manifest is what the corpus-wide lines and the summary depend on.

MANIFEST_KIND = "manifest"
MANIFEST_KEY = "current"


class Inconsistent(Exception):
    """The manifest does not describe the store or the cache any more: rebuild from scratch."""


@dataclass
class DocInfo:
    """What the manifest keeps of one source (no triples: those are in its cached part)."""

    digest: str                  # SHA-256 of the source bytes
    entry: str                   # cache key of its DocPart
    symbol: str
    paragraphs: int
    citations: int               # (paragraph, target) pairs, self-citations aside
    # The two below are kept as one string each ("\n"-joined), not as collections of strings: a
    # manifest of 10,000 documents then holds tens of thousands of objects, not half a million,
    # and loads, saves and frees in a fraction of the time.
    foreign_text: str            # their targets the registry does not know (one per pair)
    keys_text: str               # every instrument key the document mentions
    shacl: str = ""              # cache key of its SHACL report ("" when not validated)
    summary: tuple = (True, 0, 0, False)  # (conforms, violations, warnings, any results) of it

    @property
    def foreign(self) -> list[str]:
        return self.foreign_text.split("\n") if self.foreign_text else []

    @property
    def keys(self) -> set[str]:
        return set(self.keys_text.split("\n")) if self.keys_text else set()


def doc_info(x: Extraction, digest: str, entry: str, part: DocPart, registry: Registry) -> DocInfo:
    pairs = {(c.paragraph, c.target) for c in x.citations if c.target != x.document.symbol}
    foreign = sorted(t for _, t in pairs if not registry.knows(t))
    return DocInfo(digest, entry, x.document.symbol, len(x.paragraphs), len(pairs),
                   "\n".join(foreign), "\n".join(sorted(part.keys)))


@dataclass
class Manifest:
    regdigest: str
    validation: str
    generation: str                    # name of the store generation (under build/stores) it describes
    triples: int
    docs: dict[str, DocInfo]           # source path -> what it gave
    counts: dict[bytes, int]           # lines given by two or more contributors -> how many
    cond: dict[str, int]               # key -> documents giving it conditionally
    fallback: dict[bytes, bytes]       # registry subject -> its fallback title line
    titled: dict[bytes, int]           # fallback subject -> documents titling it
    ids: dict[bytes, int]              # subject -> contributors giving it an identifier
    typed: dict[bytes, int]            # subject -> contributors giving it an instrument kind
    registry_report: tuple = ()        # packed registry SHACL report ((): not validated)
    formats: frozenset[str] = frozenset()  # dump files written for exactly this state
    dumps: dict = field(default_factory=dict)  # format -> resograph.graph.dumps.DumpIndex (chunked files)
    version: int = 0                   # MANIFEST_VERSION when written
    # Sources the build skipped (resograph.graph.sources): path -> (digest of its bytes or "", the
    # symbol it gave or ""), so that an unchanged one is not read again; and every flag, per path.
    skipped: dict[str, tuple[str, str]] = field(default_factory=dict)
    flags: dict[str, list] = field(default_factory=dict)
    # path -> ((size, mtime_ns, ctime_ns, inode), digest): a rebuild does not read a source whose
    # stat is unchanged (resograph.graph.rebuild._digests)
    stats: dict[str, tuple] = field(default_factory=dict)

    @property
    def corpus(self) -> frozenset[str]:
        return frozenset(d.symbol for d in self.docs.values())

    def instruments(self) -> int:
        typed = self.typed
        return sum(1 for s, n in self.ids.items() if n > 0 and typed.get(s, 0) > 0)

    def note_flags(self, flags: list, digests: dict[str, str]) -> None:
        """Keep the build's flags (resograph.graph.sources.Flag), and which sources were skipped
        with their bytes' digest: an unchanged one is not read again by the next rebuild."""
        for f in flags:
            self.flags.setdefault(f.path, []).append(f)
            if f.skipped:
                self.skipped[f.path] = (digests.get(f.path) or "", f.symbol)

    def refresh_flags(self, reread: list, flags: list, digests: dict[str, str]) -> bool:
        """After a rebuild: the flags of sources read again (`reread`) or gone are replaced by what
        this build found (`digests`: every source now). Returns whether anything changed."""
        stale = {str(p) for p in reread} | (set(self.flags) - digests.keys()) \
            | (set(self.skipped) - digests.keys())
        dirty = bool(stale & (set(self.flags) | set(self.skipped))) or bool(flags)
        for k in stale:
            self.flags.pop(k, None)
            self.skipped.pop(k, None)
        self.note_flags(flags, digests)
        return dirty


def _bump(counter: dict, items, step: int) -> None:
    for item in items:
        n = counter.get(item, 0) + step
        if n:
            counter[item] = n
        else:
            counter.pop(item, None)


def new_manifest(parts: list[DocPart], reg: RegistryPart, corpus: frozenset[str], regdigest: str,
                 validation: str, merged_counts: dict[bytes, int], triples: int) -> Manifest:
    """The manifest of a build made from scratch (`merged_counts`: from :func:`merge`)."""
    cond: dict[str, int] = {}
    titled: dict[bytes, int] = {}
    ids: dict[bytes, int] = dict.fromkeys(reg.facts.ids, 1)
    typed: dict[bytes, int] = dict.fromkeys(reg.facts.typed, 1)
    fallback = {s: line for s, (line, _) in reg.fallback.items()}
    for part in parts:
        _bump(cond, part.conditional, 1)
        _bump(titled, part.facts.titled.intersection(fallback), 1)
        _bump(ids, part.facts.ids, 1)
        _bump(typed, part.facts.typed, 1)
    return Manifest(regdigest, validation, "", triples, {}, merged_counts, cond, fallback, titled,
                    ids, typed)


@dataclass
class Delta:
    deletes: list[bytes]
    inserts: list[bytes]


def apply_parts(m: Manifest, removed: list[DocPart], added: list[DocPart],
                corpus_old: frozenset[str], corpus_new: frozenset[str], has_line) -> Delta:
    """Update the manifest's counts for documents removed and added (a changed document is both)
    and return the lines the store loses and gains. `has_line(line)` says whether the store holds
    a line (asked only for a line that gains a contributor and has no count)."""
    net: Counter = Counter()
    for part in added:
        net.update(part.lines)
    for part in removed:
        net.subtract(part.lines)
    _count_conditional(m, removed, added, corpus_old, corpus_new, net)
    _count_fallback(m, removed, added, net)
    if any(n < 0 for n in list(m.cond.values()) + list(m.titled.values())):
        raise Inconsistent("negative count")
    return _delta(m, net, has_line)


def _count_conditional(m: Manifest, removed: list[DocPart], added: list[DocPart],
                       corpus_old: frozenset[str], corpus_new: frozenset[str], net: Counter) -> None:
    """Conditional keys: their lines once per key, while some document gives it and it is not a
    document of the corpus."""
    touched = set(corpus_old ^ corpus_new)
    for part in removed + added:
        touched.update(part.conditional)
    before = {k: m.cond.get(k, 0) > 0 and k not in corpus_old for k in touched}
    for part in removed:
        _bump(m.cond, part.conditional, -1)
    for part in added:
        _bump(m.cond, part.conditional, 1)
    for k in sorted(touched):
        now = m.cond.get(k, 0) > 0 and k not in corpus_new
        if now != before[k]:
            (net.update if now else net.subtract)(conditional_lines(k))


def _count_fallback(m: Manifest, removed: list[DocPart], added: list[DocPart], net: Counter) -> None:
    """Fallback titles: a registry subject's, while nobody titles it; and the ids and kinds."""
    subjects = set()
    for part in removed + added:
        subjects.update(part.facts.titled.intersection(m.fallback))
    was = {s: m.titled.get(s, 0) == 0 for s in subjects}
    for parts, step in ((removed, -1), (added, 1)):
        for part in parts:
            _bump(m.titled, part.facts.titled.intersection(m.fallback), step)
            _bump(m.ids, part.facts.ids, step)
            _bump(m.typed, part.facts.typed, step)
    for s in sorted(subjects):
        now = m.titled.get(s, 0) == 0
        if now != was[s]:
            (net.update if now else net.subtract)([m.fallback[s]])


def _delta(m: Manifest, net: Counter, has_line) -> Delta:
    """The net change of each line's contributors → the lines deleted and inserted."""
    deletes, inserts = [], []
    for line, n in net.items():
        if n == 0:
            continue
        old = m.counts.get(line)
        if old is None:
            old = 1 if n < 0 or has_line(line) else 0
        new = old + n
        if new < 0:
            raise Inconsistent(f"line removed more often than given: {line[:120]!r}")
        if old == 0 and new > 0:
            inserts.append(line)
        elif old > 0 and new == 0:
            deletes.append(line)
        if new >= 2:
            m.counts[line] = new
        else:
            m.counts.pop(line, None)
    m.triples += len(inserts) - len(deletes)
    return Delta(sorted(deletes), sorted(inserts))


def summary_of(packed: tuple) -> tuple:
    """(conforms, violations, warnings, whether it has any sh:result) of a packed report."""
    conforms, violations, warnings, _, results, _ = packed
    return (conforms, violations, warnings, _has_results(results))


MANIFEST_VERSION = 4  # the layout of Manifest and DocInfo (the cache fingerprint covers the code too)


def load_manifest(cache) -> Manifest | None:
    m = cache.get(MANIFEST_KIND, MANIFEST_KEY)
    return m if isinstance(m, Manifest) and getattr(m, "version", 0) == MANIFEST_VERSION else None


def save_manifest(cache, m: Manifest) -> None:
    m.version = MANIFEST_VERSION
    cache.put(MANIFEST_KIND, MANIFEST_KEY, m)


def drop_manifest(cache) -> None:
    """Before anything is published: a build killed from here on leaves no manifest that lies."""
    (cache.dir / MANIFEST_KIND / f"{MANIFEST_KEY}.pickle").unlink(missing_ok=True)


def combined_report(m: Manifest, paths: list[str], cache) -> Report | None:
    """The build's SHACL report from the manifest's summaries: a document that conforms without
    warnings adds nothing but its count; the others' reports are read back from the cache."""
    if not m.registry_report:
        return None
    packed = [m.registry_report]
    for path in paths:
        info = m.docs[path]
        conforms, violations, warnings, results = info.summary
        if conforms and not violations and not warnings and not results:
            packed.append((True, 0, 0, "", b"", 1))
            continue
        full = cache.get(SHACL_KIND, info.shacl)
        if full is None:
            raise Inconsistent(f"{path}: SHACL report missing from the cache")
        packed.append(full)
    return _merge_all(packed)


__all__ = ["DocPart", "RegistryPart", "make_part", "registry_part", "load_parts", "validate_parts",
           "merge", "rdflib_graph", "registry_digest"]
