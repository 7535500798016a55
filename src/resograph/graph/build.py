"""Sources → extract → graph → validate → files and store, atomically and deterministically.

:func:`build` is the whole pipeline behind `resograph build`:

1. take the build lock (`build/.lock`: :mod:`resograph.graph.lock`, held by the build's process alone
   and released by the kernel however it dies, so a second build at once fails with a clear message
   and a killed build never locks out the next);
2. extract every source text and check symbols are unique;
3. build one graph: ontology + registry + documents (:mod:`resograph.graph.rdf`);
4. validate it with SHACL (:mod:`resograph.graph.validate`); a graph that does not conform is not
   published unless `allow_invalid`;
5. write `resograph.nt` (sorted lines, canonical blank nodes, no timestamps) to a temporary file,
   bulk-load a new Oxigraph store generation from it, publish the store (swap its link) and the
   N-Triples file: the graph is *ready* (`BuildResult.timings["ready"]`);
6. then write the other dump files asked for (`formats`: `resograph.ttl`, `resograph.jsonld`;
   `none` for the store only) to temporary files and publish them; a dump file not asked for is
   removed (it would describe an older graph).

Incremental builds (the default extractor, validation `auto`/`per-document`/`none`): steps 3–5 go
through :mod:`resograph.graph.incremental` — each source's triples (N-Triples lines) and its per-document
SHACL report are cached by content (:mod:`resograph.graph.cache`), so only new or changed sources are
graphed and validated; the corpus-wide facts are recomputed from the cached parts; the sorted lines are
merged into the same bytes a cold build writes. `auto` then means per-document validation (each
report can be cached); `--validation full` takes the whole-graph path above (extraction still cached).

A rebuild in place (:func:`_rebuild_in_place`): when the previous incremental build left its manifest
(same fingerprint, registry and validation mode, and the published store is the generation it
describes), only the sources whose bytes changed are extracted, graphed and validated, the new store
generation is an Oxigraph checkpoint of the current one with the removed and added lines applied,
and the dump files (if asked for) are merged from the cached parts after the store is published.
With `formats="none"` nothing proportional to the corpus is done beyond hashing the sources.

Until the store is published the previous outputs are untouched; each file and the store link are
replaced atomically, so a build killed at any point leaves every output complete and loadable (killed
after the store is published, the dump files may still be the previous build's until the next build).
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, RDF

from resograph.graph import store as store_mod
from resograph.core.errors import UserError
from resograph.graph.rdf import ELI, PREFIXES, RG, build_graph, document_graph
from resograph.core.models import Extraction
from resograph.graph.lock import LOCK_FILE, BuildLock  # noqa: F401 - re-exported
from resograph.graph.registry import Registry
from resograph.graph.registry import load as load_registry
from resograph.graph.sources import (
    DUPLICATE,
    Flag,
    Intake,
    choose,
    collect_sources,
    describe,
    extract_sources,
    strict_error,
)
from resograph.graph.texts import keep_texts
from resograph.graph.validate import Report, validate, validate_documents
from resograph.reading.convert import source_bytes



@dataclass
class BuildResult:
    """What a build did, for the summary and for callers."""

    out_dir: Path
    documents: int = 0
    paragraphs: int = 0
    citations: int = 0
    resolved: int = 0
    unresolved: int = 0
    unresolved_keys: list[str] = field(default_factory=list)
    instruments: int = 0
    triples: int = 0
    report: Report | None = None
    validation: str = "full"
    published: bool = False
    files: list[tuple[Path, int]] = field(default_factory=list)
    # Seconds per stage, and "ready": from the start until the validated store is published and
    # answers queries (not a stage: the dump files may be written after it).
    timings: dict[str, float] = field(default_factory=dict)
    cache: str = ""  # what the per-document cache gave (incremental builds)
    flags: list[Flag] = field(default_factory=list)  # documents renamed or skipped, and why

    def summary(self) -> str:
        r = self.report
        shacl = r.summary() if r else "not run"
        lines = [
            f"documents      {self.documents}",
            f"paragraphs     {self.paragraphs}",
            f"citations      {self.citations} ({self.resolved} resolved, {self.unresolved} unresolved)",
            f"instruments    {self.instruments}",
            f"triples        {self.triples}",
            f"SHACL          {shacl} [{self.validation}]",
        ]
        if self.cache:
            lines.append(f"cache          {self.cache}")
        if self.unresolved_keys:
            shown = ", ".join(self.unresolved_keys[:8])
            more = f" … (+{len(self.unresolved_keys) - 8})" if len(self.unresolved_keys) > 8 else ""
            lines.append(f"not in registry {shown}{more}")
        lines += describe(self.flags)
        if self.published:
            lines.append("files written:")
            lines += [f"  {p} ({_size(n)})" for p, n in self.files]
        else:
            lines.append(f"nothing written: previous outputs in {self.out_dir}/ left as they were")
        stages = {k: v for k, v in self.timings.items() if k != "ready"}
        total = sum(stages.values())
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in stages.items())
        lines.append(f"time           {total:.2f}s ({steps})")
        if "ready" in self.timings:
            lines.append(f"ready          {self.timings['ready']:.2f}s (store published, answering queries)")
        return "\n".join(lines)


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


# -- lock --------------------------------------------------------------------------------------

# -- deterministic serialisation ---------------------------------------------------------------

FAST_SERIALISATION = 20_000  # triples: above, Turtle and JSON-LD by pyoxigraph (rdflib: 4.6 s for 42,000)


def canonical(graph: Graph, *, inplace: bool = False) -> Graph:
    """The same graph with blank nodes relabelled canonically (RGDA1 on the triples that have
    any: a few, from the ontology's OWL lists), so that serialisations do not depend on random
    blank-node ids. `inplace` swaps them in `graph` itself instead of copying it."""
    bnode_triples = [t for t in graph if any(isinstance(x, BNode) for x in t)]
    if inplace:
        target = graph
    else:
        target = Graph(bind_namespaces="none")
        for t in graph:
            target.add(t)
    for prefix, ns in PREFIXES.items():
        target.bind(prefix, ns)
    if bnode_triples:
        part = Graph()
        for t in bnode_triples:
            part.add(t)
            target.remove(t)
        for t in to_canonical_graph(part):
            target.add(t)
    return target


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted bytewise."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    return b"\n".join(lines) + b"\n"


def _ox_serialise(ntriples: bytes, fmt) -> bytes:
    import pyoxigraph as ox

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    if fmt == ox.RdfFormat.JSON_LD:
        return ox.serialize(triples, format=fmt) + b"\n"
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def to_turtle(graph: Graph, ntriples: bytes | None = None) -> bytes:
    """Turtle, deterministic: rdflib's serializer (it sorts subjects, predicates and objects;
    readable, with blank nodes inline) up to FAST_SERIALISATION triples; above, pyoxigraph's
    streaming writer over the sorted N-Triples (20x faster, plainer layout)."""
    if len(graph) > FAST_SERIALISATION:
        import pyoxigraph as ox

        return _ox_serialise(ntriples or to_ntriples(graph), ox.RdfFormat.TURTLE)
    return graph.serialize(format="turtle", encoding="utf-8")


def _sort_jsonld(value, key: str | None = None):
    if isinstance(value, dict):
        return {k: _sort_jsonld(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        if key in ("@list", "@context"):
            return items  # order is meaning in an RDF list
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph, ntriples: bytes | None = None) -> bytes:
    """JSON-LD, deterministic: compact, with our prefixes as context, nodes and value arrays in
    canonical order, up to FAST_SERIALISATION triples; above, pyoxigraph's expanded JSON-LD
    streamed from the sorted N-Triples (same graph, no context, much faster)."""
    if len(graph) > FAST_SERIALISATION:
        import pyoxigraph as ox

        return _ox_serialise(ntriples or to_ntriples(graph), ox.RdfFormat.JSON_LD)
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    doc = _sort_jsonld(doc)
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _write_temp(out_dir: Path, name: str, data: bytes) -> Path:
    tmp = out_dir / f".{name}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp


def _remove_stale_temps(out_dir: Path) -> None:
    for p in out_dir.glob(".*.tmp-*"):
        p.unlink(missing_ok=True)


# -- the pipeline ------------------------------------------------------------------------------

def _stage(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"resograph build: {message}", file=sys.stderr, flush=True)


def _progress(total: int, desc: str, quiet: bool):
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=quiet or None,
                leave=False, dynamic_ncols=True)


def _default_extractor() -> Callable[[Path], Extraction]:
    try:
        from resograph.reading.extract import extract_file
    except ImportError as exc:  # pragma: no cover - during development only
        raise UserError(f"the extractor is not available ({exc})") from exc
    return extract_file


def extract_all(sources: list[Path], extractor: Callable[[Path], Extraction],
                quiet: bool = True) -> list[Extraction]:
    """The extractions a build would graph (flagged sources named or skipped: resograph.graph.sources)."""
    return extract_sources(sources, extractor, quiet).extractions


def _count_instruments(graph: Graph) -> int:
    kinds = {ELI.LegalResource, RG.TreatyArticle}
    return sum(1 for s in set(graph.subjects(DCTERMS.identifier))
               if any((s, RDF.type, k) in graph for k in kinds))


MAX_DELTA_DOCS = 200  # changed documents a rebuild applies in place at least (else: bulk load)
FORMATS = {"nt": "resograph.nt", "ttl": "resograph.ttl", "jsonld": "resograph.jsonld"}


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    """`"nt,ttl,jsonld"`, `"none"`, or an iterable of those names -> the names, in canonical order."""
    if formats is None:
        return tuple(FORMATS)
    if isinstance(formats, str):
        items = [] if formats.strip() == "none" else [f.strip() for f in formats.split(",") if f.strip()]
    else:
        items = list(formats)
    bad = [f for f in items if f not in FORMATS]
    if bad or (isinstance(formats, str) and not items and formats.strip() != "none"):
        raise UserError(f"--formats {formats}: choose from {', '.join(FORMATS)} (comma list) or none")
    return tuple(f for f in FORMATS if f in items)


def build(sources: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "build", *,
          store: str = "oxigraph", extractor: Callable[[Path], Extraction] | None = None,
          registry: Registry | None = None, validation: str = "auto",
          allow_invalid: bool = False, quiet: bool = False,
          formats: str | Iterable[str] | None = None, strict: bool = False) -> BuildResult:
    """Run the whole build (see the module docstring) and return what it did.

    Sources the build had to name or skip are flagged (`BuildResult.flags`, resograph.graph.sources);
    `strict` makes any flag an error (UserError, nothing written).

    `formats`: the dump files to write (`nt`, `ttl`, `jsonld`; default all three; `none` or empty:
    the store only). The memory store reads `resograph.nt`, so it always gets that one.
    """
    if store not in store_mod.STORES:
        raise UserError(f"--store {store}: unknown store (choose from {', '.join(store_mod.STORES)})")
    if validation not in ("auto", "full", "per-document", "none"):
        raise UserError(f"--validation {validation}: unknown mode (auto, full, per-document, none)")
    fmts = parse_formats(formats)
    if store == "memory" and "nt" not in fmts:
        fmts = ("nt",) + fmts
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a directory")
    paths = collect_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult(out_dir=out)
    started = time.perf_counter()
    t = started

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        result.timings[name] = result.timings.get(name, 0.0) + now - t
        t = now

    def ready() -> None:
        result.timings["ready"] = time.perf_counter() - started

    with BuildLock(out):
        _remove_stale_temps(out)
        default_registry = registry is None
        registry = registry or load_registry()
        cache = None
        if extractor is None:  # the default extractor's results are cached per source (resograph.graph.cache)
            from resograph.graph.cache import BuildCache
            cache = BuildCache.open(out, _versions())
        extractor = extractor or _default_extractor()
        incremental = cache is not None and validation in ("auto", "per-document", "none")
        regdigest = ""
        if incremental:
            from resograph.graph import incremental as inc
            regdigest = inc.registry_digest(registry, default_registry)
        lap("registry")
        if incremental and store == "oxigraph":
            try:
                if _rebuild_in_place(result, out, paths, cache, extractor, registry, regdigest,
                                     validation, fmts, allow_invalid, quiet, lap, ready, strict):
                    return result
            except inc.Inconsistent as exc:
                _stage(f"the previous build's manifest does not hold ({exc}); building from scratch",
                       quiet)
                timings = result.timings
                result = BuildResult(out_dir=out, timings=timings)
        _stage(f"extracting {len(paths)} source(s)", quiet)
        if cache is not None:
            cache.prefetch(paths)  # only the changed or new sources, on every core when there are many
        intake = extract_sources(paths, cache.extractor(extractor) if cache else extractor, quiet)
        result.flags = intake.flags
        if strict and intake.flags:
            raise strict_error(intake.flags)
        if not intake.extractions:
            raise UserError(f"{', '.join(map(str, sources))}: no readable source text "
                            f"({len(intake.flags)} flagged: {intake.flags[0].line()})")
        paths, extractions = intake.paths, intake.extractions
        keep_texts(out, extractions)
        if cache is not None:
            cache.prune_unseen()
        lap("extract")
        manifest = None
        if incremental:
            merged, reg, manifest = _incremental(result, paths, extractions, cache, registry,
                                                 regdigest, validation, quiet, lap)
            _note_flags(manifest, intake.flags, cache.digests)
            nt = b"\n".join(merged.lines) + b"\n"
            triples, dump_graph = len(merged.lines), (lambda: inc.rdflib_graph(merged, reg))
        else:
            _stage("building the graph", quiet)
            graph = build_graph(extractions, registry)
            lap("graph")
            _tally(result, extractions, graph, registry)
            mode = "full" if validation == "auto" else validation  # see resograph.graph.validate: cheaper
            result.validation = mode
            _stage(f"validating (SHACL, {mode})", quiet)
            if mode == "full":
                result.report = validate(graph, registry.shapes)
            elif mode == "per-document":
                corpus = [x.document.symbol for x in extractions]
                docs = ((x.document.symbol, document_graph(x, registry, corpus)) for x in extractions)
                with _progress(len(extractions), "validate", quiet) as bar:
                    result.report = validate_documents(registry, docs, corpus, progress=bar)
            lap("validate")
        if result.report and not result.report.conforms and not allow_invalid:
            return result
        if cache is not None:
            from resograph.graph import incremental as inc
            inc.drop_manifest(cache)  # from here on the store changes; a new one is written after
        _stage("writing files", quiet)  # the N-Triples: the store loads from them
        if not incremental:
            graph = canonical(graph, inplace=True)
            nt = to_ntriples(graph)
            triples, dump_graph = len(graph), (lambda: graph)
        written = {}
        # The memory store reads resograph.nt: it is published with the store, before the others.
        nt_temp = _write_temp(out, FORMATS["nt"], nt) if store == "memory" else None
        lap("serialise")
        generation = None
        if store == "oxigraph":
            _stage("loading the Oxigraph store", quiet)
            generation = store_mod.load_store(nt, out)  # from memory: no file written and read back
            lap("store")
        _stage("publishing", quiet)
        if generation is not None:
            store_mod.publish_store(generation, out)
        if nt_temp is not None:
            os.replace(nt_temp, out / FORMATS["nt"])
            written["nt"] = len(nt)
        store_mod.fsync_dir(out)
        ready()
        if manifest is not None and generation is not None:
            manifest.generation = generation.name
        lap("publish")
        rest = [f for f in fmts if f not in written]
        if rest:
            _stage(f"writing files ({', '.join(FORMATS[f] for f in rest)})", quiet)
            written.update(_publish_files(out, _dumps(rest, nt, triples, dump_graph)))
        _remove_unrequested(out, fmts)
        if manifest is not None and generation is not None:
            manifest.formats = frozenset(fmts)
            inc.save_manifest(cache, manifest)
        lap("serialise")
        _finish(result, out, written)
    return result


def _dumps(names: list[str], nt: bytes, triples: int, graph: Callable[[], Graph]) -> dict[str, bytes]:
    """The named dump files (`nt`, `ttl`, `jsonld`) of a graph given as sorted N-Triples: rdflib's
    writers up to FAST_SERIALISATION triples (`graph()` gives the graph), pyoxigraph's above."""
    out: dict[str, bytes] = {}
    for name in names:
        if name == "nt":
            out[name] = nt
        elif triples > FAST_SERIALISATION:
            import pyoxigraph as ox

            fmt = ox.RdfFormat.TURTLE if name == "ttl" else ox.RdfFormat.JSON_LD
            out[name] = _ox_serialise(nt, fmt)
        else:
            g = graph()
            out[name] = to_turtle(g, nt) if name == "ttl" else to_jsonld(g, nt)
    return out


def _publish_files(out: Path, payloads: dict[str, bytes]) -> dict[str, int]:
    """Write each to a temporary file, then replace the published ones (each atomically)."""
    temps = {name: _write_temp(out, FORMATS[name], data) for name, data in payloads.items()}
    for name, tmp in temps.items():
        os.replace(tmp, out / FORMATS[name])
    store_mod.fsync_dir(out)
    return {name: len(data) for name, data in payloads.items()}


def _remove_unrequested(out: Path, fmts: tuple[str, ...]) -> None:
    """A dump file this build did not write would describe an older graph: it goes."""
    for name, file_name in FORMATS.items():
        if name not in fmts:
            (out / file_name).unlink(missing_ok=True)


def _finish(result: BuildResult, out: Path, written: dict[str, int]) -> None:
    result.published = True
    result.files = [(out / FORMATS[name], n) for name, n in written.items()]
    link = store_mod.store_path(out)
    if link.is_symlink() and link.exists():
        size = sum(f.stat().st_size for f in link.resolve().rglob("*") if f.is_file())
        result.files.append((link, size))


def _versions() -> list[str]:
    """Library versions the cached per-document results depend on (N-Triples writer, SHACL)."""
    import pyshacl
    import rdflib

    return [f"rdflib {rdflib.__version__}", f"pyshacl {pyshacl.__version__}"]


def _incremental(result: BuildResult, paths: list[Path], extractions: list[Extraction], cache,
                 registry: Registry, regdigest: str, validation: str, quiet: bool,
                 lap: Callable[[str], None]):
    """Graph and SHACL from the per-document cache (resograph.graph.incremental): only new or changed
    sources are graphed and validated. Returns (merged lines, registry part, manifest)."""
    from resograph.graph import incremental as inc

    _stage("building the graph (per-document cache)", quiet)
    digests = [cache.digests[str(p)] for p in paths]
    used: set[str] = set()
    corpus = frozenset(x.document.symbol for x in extractions)
    with _progress(len(extractions), "graph", quiet) as bar:
        parts, graphed = inc.load_parts(extractions, digests, registry, regdigest, cache, used, bar)
    reg = inc.registry_part(registry)
    merged = inc.merge([p for _, p in parts], reg, corpus)
    lap("graph")
    _tally_counts(result, extractions, registry)
    result.instruments = merged.instruments
    result.triples = len(merged.lines)
    mode = inc.validation_mode(validation, registry)
    engine = inc.engine_of(mode)
    result.validation = mode
    validated = 0
    manifest = inc.new_manifest([p for _, p in parts], reg, corpus, regdigest, mode, merged.counts,
                                len(merged.lines))
    checked: list = [None] * len(parts)
    if mode != "none":
        _stage(f"validating (SHACL, {mode}, cached)", quiet)
        with _progress(len(parts), "validate", quiet) as bar:
            result.report, validated, checked = inc.validate_parts(
                parts, corpus, registry, regdigest, cache, used, bar, engine=engine)
        manifest.registry_report = inc.registry_report(registry, regdigest, cache, used, engine)
    for path, x, d, (entry, part), check in zip(paths, extractions, digests, parts, checked):
        info = inc.doc_info(x, d, entry, part, registry)
        if check is not None:
            info.shacl, info.summary = check[0], inc.summary_of(check[1])
        manifest.docs[str(path)] = info
    cache.prune(used, kinds=(inc.DOC_KIND, inc.SHACL_KIND, inc.REGISTRY_KIND))
    result.cache = (f"{len(parts) - graphed} of {len(parts)} document(s) from the cache, "
                    f"{graphed} graphed, {validated} validated")
    lap("validate")
    return merged, reg, manifest


def _rebuild_in_place(result: BuildResult, out: Path, paths: list[Path], cache, extractor,
                      registry: Registry, regdigest: str, validation: str, fmts: tuple[str, ...],
                      allow_invalid: bool, quiet: bool, lap: Callable[[str], None],
                      ready: Callable[[], None], strict: bool = False) -> bool:
    """A rebuild that touches only what changed (resograph.graph.incremental, "the manifest"): the sources
    are hashed; only new or changed ones are extracted, graphed and validated (with the documents
    whose cited documents came or went); the store's new generation is a checkpoint of the current
    one with the removed and added lines applied. False when the previous build left no usable
    manifest (a cold build, a new fingerprint or registry, another store): build from scratch."""
    from resograph.graph import incremental as inc

    try:
        return _rebuild_from_manifest(result, out, paths, cache, extractor, registry, regdigest,
                                      validation, fmts, allow_invalid, quiet, lap, ready, inc, strict)
    finally:
        gc.unfreeze()


def _rebuild_from_manifest(result: BuildResult, out: Path, paths: list[Path], cache, extractor,
                           registry: Registry, regdigest: str, validation: str,
                           fmts: tuple[str, ...], allow_invalid: bool, quiet: bool,
                           lap: Callable[[str], None], ready: Callable[[], None], inc,
                           strict: bool = False) -> bool:

    m = inc.load_manifest(cache)
    gc.freeze()  # the manifest's ~10^5 small objects live to the end: no collector passes over them
    if m is not None and validation == "auto" and m.validation == inc.COMPILED and inc.compiled_available():
        mode = inc.COMPILED  # the same shapes compiled last time (same fingerprint and registry)
    else:
        mode = inc.validation_mode(validation, registry)
    engine = inc.engine_of(mode)
    link = store_mod.store_path(out)
    current = out / store_mod.GENERATIONS / (m.generation if m else "")
    if (m is None or not m.generation or m.regdigest != regdigest or m.validation != mode
            or not link.is_symlink() or link.resolve() != current.resolve() or not current.is_dir()):
        return False
    digests = _digests(paths)
    known = {k: info.digest for k, info in m.docs.items()}
    known.update({k: d for k, (d, _) in m.skipped.items() if d})
    candidates = [p for p in paths if not digests[str(p)] or known.get(str(p)) != digests[str(p)]]
    gone = [k for k in m.docs if digests.get(k) != m.docs[k].digest]
    if len(candidates) + len(gone) > max(MAX_DELTA_DOCS, len(paths) // 4):
        return False  # most of the corpus changed (or moved): one bulk load is quicker than a delta
    duplicated = {symbol for _, symbol in m.skipped.values() if symbol}
    if any(m.docs[k].symbol in duplicated for k in gone):
        return False  # a text of a symbol with duplicates changed or went: choose again, from scratch
    kept = {k: info for k, info in m.docs.items() if k in digests and info.digest == digests[k]}
    cache.seen.update(info.digest for info in kept.values())
    cache.seen.update(d for k, (d, _) in m.skipped.items() if d and digests.get(k) == d)
    _stage(f"extracting {len(candidates)} changed source(s) of {len(paths)}", quiet)
    if candidates:
        cache.prefetch(candidates)
    intake = extract_sources(candidates, cache.extractor(extractor), quiet)
    taken = {info.symbol for info in kept.values()} | duplicated
    if (any(f.kind == DUPLICATE for f in intake.flags)
            or any(x.document.symbol in taken for x in intake.extractions)):
        return False  # two texts of one symbol: which one to keep is chosen over the whole corpus
    changed, extractions = intake.paths, intake.extractions
    keep_texts(out, extractions)
    if not kept and not extractions:
        return False  # nothing readable left: the cold path says so
    dirty = _refresh_flags(m, paths, candidates, intake.flags, digests)
    result.flags = [f for p in paths for f in m.flags.get(str(p), [])]
    if strict and result.flags:
        raise strict_error(result.flags)
    if candidates or gone:
        cache.prune_unseen()
    lap("extract")

    _stage("building the graph (changed documents only)", quiet)
    removed = [cache.get(inc.DOC_KIND, m.docs[k].entry) for k in gone]
    if not all(isinstance(part, inc.DocPart) for part in removed):
        raise inc.Inconsistent("a previous document's part is missing from the cache")
    entries = [inc.doc_entry(x, digests[str(p)], regdigest) for p, x in zip(changed, extractions)]
    added: list = []
    todo: list[int] = []
    for i, (x, entry) in enumerate(zip(extractions, entries)):
        part = cache.get(inc.DOC_KIND, entry)
        if not isinstance(part, inc.DocPart) or part.symbol != x.document.symbol:
            part = None
            todo.append(i)
        added.append(part)
    for i, part in zip(todo, inc.make_parts([extractions[i] for i in todo], registry)):
        cache.put(inc.DOC_KIND, entries[i], part)
        added[i] = part
    corpus_old = m.corpus
    corpus_new = frozenset(info.symbol for info in kept.values()) | {x.document.symbol for x in extractions}
    generation = None
    delta = inc.Delta([], [])
    if changed or gone:
        generation = store_mod.Generation(store_mod.checkpoint_store(out))
        try:
            delta = inc.apply_parts(m, removed, added, corpus_old, corpus_new, generation.has_line)
        except BaseException:
            generation.close()
            raise
    for k in gone:
        del m.docs[k]
    for p, x, entry, part in zip(changed, extractions, entries, added):
        m.docs[str(p)] = inc.doc_info(x, digests[str(p)], entry, part, registry)
    graphed = [p for p in paths if str(p) in m.docs]
    lap("graph")

    used: set[str] = set()
    validated = 0
    result.validation = mode
    if mode != "none":
        _stage(f"validating (SHACL, {mode}, changed documents only)", quiet)
        came_or_went = corpus_old ^ corpus_new
        check = [(str(p), entry, part) for p, entry, part in zip(changed, entries, added)]
        for k, info in kept.items() if came_or_went else ():
            if info.keys & came_or_went:
                part = cache.get(inc.DOC_KIND, info.entry)
                if not isinstance(part, inc.DocPart):
                    raise inc.Inconsistent(f"{k}: part missing from the cache")
                check.append((k, info.entry, part))
        if not m.registry_report:
            m.registry_report = inc.registry_report(registry, regdigest, cache, used, engine)
        with _progress(len(check), "validate", quiet) as bar:
            reports, validated = inc.check_parts([(e, part) for _, e, part in check], corpus_new,
                                                 registry, cache, used, bar, engine=engine)
        for (k, _, _), (key, packed) in zip(check, reports):
            m.docs[k].shacl, m.docs[k].summary = key, inc.summary_of(packed)
        result.report = inc.combined_report(m, [str(p) for p in graphed], cache)
    lap("validate")
    _tally_manifest(result, m)
    result.cache = (f"{len(graphed) - len(todo)} of {len(graphed)} document(s) from the cache, "
                    f"{len(todo)} graphed, {validated} validated")
    if result.report and not result.report.conforms and not allow_invalid:
        if generation is not None:
            shutil.rmtree(generation.close(), ignore_errors=True)
        return True

    if generation is not None:
        inc.drop_manifest(cache)  # until the new one is written, the next build starts from scratch
        _stage(f"updating the Oxigraph store ({len(delta.deletes)} line(s) removed, "
               f"{len(delta.inserts)} added)", quiet)
        generation.apply(delta.deletes, delta.inserts)
        path = generation.close()
        lap("store")
        _stage("publishing", quiet)
        store_mod.publish_store(path, out)
        m.generation = path.name
    ready()
    lap("publish")
    unchanged = generation is None
    need = [f for f in fmts if not (unchanged and f in m.formats and (out / FORMATS[f]).is_file())]
    written = {f: (out / FORMATS[f]).stat().st_size for f in fmts if f not in need}
    if need:
        _stage(f"writing files ({', '.join(FORMATS[f] for f in need)})", quiet)
        merged, reg = _merge_from_cache(m, graphed, cache, extractor, registry, regdigest)
        nt = b"\n".join(merged.lines) + b"\n"
        written.update(_publish_files(out, _dumps(need, nt, len(merged.lines),
                                                  lambda: inc.rdflib_graph(merged, reg))))
    _remove_unrequested(out, fmts)
    if dirty or changed or gone or m.formats != frozenset(fmts):
        m.formats = frozenset(fmts)
        inc.save_manifest(cache, m)
    if changed or gone:
        for info in m.docs.values():
            used.update((info.entry, info.shacl))
        used.add(inc.registry_key(regdigest, engine))
        cache.prune(used, kinds=(inc.DOC_KIND, inc.SHACL_KIND, inc.REGISTRY_KIND))
    lap("serialise")
    _finish(result, out, {f: written[f] for f in fmts})
    return True


def _merge_from_cache(m, paths: list[Path], cache, extractor, registry: Registry, regdigest: str):
    """Every document's part (from the cache; re-made from its extraction if an entry went) merged
    with the registry part: the whole graph's lines, for the dump files."""
    from resograph.graph import incremental as inc

    parts = []
    for p in paths:
        info = m.docs[str(p)]
        part = cache.get(inc.DOC_KIND, info.entry)
        if not isinstance(part, inc.DocPart):
            part = inc.make_part(cache.extractor(extractor)(p), registry)
            cache.put(inc.DOC_KIND, info.entry, part)
        parts.append(part)
    reg = inc.registry_part(registry)
    return inc.merge(parts, reg, m.corpus), reg


def _digests(paths: list[Path]) -> dict[str, str]:
    """SHA-256 of each source's bytes ("" for one that cannot be read: it counts as changed)."""
    from resograph.graph.cache import digest

    out = {}
    for p in paths:
        try:
            out[str(p)] = digest(source_bytes(p))
        except (OSError, UserError):
            out[str(p)] = ""
    return out


def _refresh_flags(m, paths: list[Path], candidates: list[Path], flags: list[Flag],
                   digests: dict[str, str]) -> bool:
    """The manifest's flags and skipped sources after a rebuild: those of sources read again or gone
    are replaced by what this build found. Returns whether anything changed."""
    stale = {str(p) for p in candidates} | (set(m.flags) - digests.keys()) | (set(m.skipped) - digests.keys())
    dirty = bool(stale & (set(m.flags) | set(m.skipped))) or bool(flags)
    for k in stale:
        m.flags.pop(k, None)
        m.skipped.pop(k, None)
    _note_flags(m, flags, digests)
    return dirty


def _note_flags(m, flags: list[Flag], digests: dict[str, str]) -> None:
    """Keep the flags in the manifest, and which sources were skipped (with their bytes' digest:
    an unchanged one is not read again by the next rebuild)."""
    for f in flags:
        m.flags.setdefault(f.path, []).append(f)
        if f.skipped:
            m.skipped[f.path] = (digests.get(f.path) or "", f.symbol)


def _tally_manifest(result: BuildResult, m) -> None:
    """The summary's counts from the manifest (the same as `_tally_counts` over the extractions)."""
    corpus = m.corpus
    result.documents = len(m.docs)
    result.paragraphs = sum(info.paragraphs for info in m.docs.values())
    result.citations = sum(info.citations for info in m.docs.values())
    unresolved = [t for info in m.docs.values() for t in info.foreign if t not in corpus]
    result.unresolved = len(unresolved)
    result.resolved = result.citations - len(unresolved)
    result.unresolved_keys = sorted(set(unresolved))
    result.instruments = m.instruments()
    result.triples = m.triples


def _tally_counts(result: BuildResult, extractions: list[Extraction], registry: Registry) -> None:
    result.documents = len(extractions)
    result.paragraphs = sum(len(x.paragraphs) for x in extractions)
    corpus = {x.document.symbol for x in extractions}
    unresolved: set[str] = set()
    for x in extractions:
        pairs = {(c.paragraph, c.target) for c in x.citations if c.target != x.document.symbol}
        for _, target in pairs:
            known = registry.knows(target) or target in corpus
            result.resolved += known
            result.unresolved += not known
            if not known:
                unresolved.add(target)
        result.citations += len(pairs)
    result.unresolved_keys = sorted(unresolved)


def _tally(result: BuildResult, extractions: list[Extraction], graph: Graph,
           registry: Registry) -> None:
    _tally_counts(result, extractions, registry)
    result.instruments = _count_instruments(graph)
    result.triples = len(graph)


__all__ = ["build", "BuildResult", "collect_sources", "canonical", "to_ntriples", "to_turtle",
           "to_jsonld", "BuildLock", "extract_all"]
