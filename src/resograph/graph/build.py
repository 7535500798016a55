"""Sources → extract → graph → validate → files and store, atomically and deterministically.

:func:`build` is the whole pipeline behind `resograph build`, in the order the code reads:

1. take the build lock (`build/.lock`: :mod:`resograph.graph.lock`, held by the build's process alone
   and released by the kernel however it dies, so a second build at once fails with a clear message
   and a killed build never locks out the next);
2. if the previous build left a manifest that still describes the store, rebuild in place
   (:mod:`resograph.graph.rebuild`: only what changed is extracted, graphed and validated) — else:
3. extract every source (:mod:`resograph.graph.sources`: texts named from their file name or bytes,
   duplicates and unreadable texts flagged and skipped, `strict` refuses them);
4. build one graph: ontology + registry + documents — per document from the cache
   (:mod:`resograph.graph.incremental`, the default) or whole (:mod:`resograph.graph.rdf`, with
   `--validation full` or a custom extractor) — and validate it with SHACL; a graph that does not
   conform is not published unless `allow_invalid`;
5. bulk-load a new Oxigraph store generation from the sorted N-Triples and publish it (swap its
   link): the graph is *ready* (`BuildResult.timings["ready"]`);
6. then write the dump files asked for (`formats`: `resograph.nt`, `.ttl`, `.jsonld`; `none` for the
   store only; :mod:`resograph.graph.outputs`) and remove those not asked for (they would describe
   an older graph).

Per-document builds cache each source's triples (N-Triples lines) and SHACL report by content
(:mod:`resograph.graph.cache`); the corpus-wide facts are recomputed from the cached parts and the
sorted lines merged into the same bytes a whole-graph build writes. One object, :class:`Run`
(:mod:`resograph.graph.run`), carries a build's options, registry, cache, result and clock.

Until the store is published the previous outputs are untouched; each file and the store link are
replaced atomically, so a build killed at any point leaves every output complete and loadable (killed
after the store is published, the dump files may still be the previous build's until the next build).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from resograph.core.errors import UserError
from resograph.core.models import Extraction
from resograph.graph import dumps, facts, outputs
from resograph.graph import incremental as inc
from resograph.graph import store as store_mod
from resograph.graph.cache import BuildCache
from resograph.graph.lock import LOCK_FILE, BuildLock
from resograph.graph.outputs import (
    FORMATS,
    canonical,
    formats_for,
    parse_formats,
    publish_files,
    remove_stale_temps,
    remove_unrequested,
    render_dumps,
    to_jsonld,
    to_ntriples,
    to_turtle,
    write_temp,
)
from resograph.graph.rdf import build_graph, document_graph
from resograph.graph.rebuild import MAX_DELTA_DOCS, rebuild_in_place
from resograph.graph.registry import Registry
from resograph.graph.registry import load as load_registry
from resograph.graph.run import BuildResult, Options, Run
from resograph.graph.sources import Intake, collect_sources, extract_sources, strict_error
from resograph.graph.texts import keep_texts
from resograph.graph.validate import validate, validate_documents

VALIDATIONS = ("auto", "full", "per-document", "none")


def build(sources: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "build", *,
          extractor: Callable[[Path], Extraction] | None = None, store: str = "oxigraph",
          registry: Registry | None = None, validation: str = "auto",
          allow_invalid: bool = False, quiet: bool = False,
          formats: str | Iterable[str] | None = None, strict: bool = False) -> BuildResult:
    """Run the whole build (see the module docstring) and return what it did.

    `formats`: the dump files to write (`nt`, `ttl`, `jsonld`; `none` or empty: the store only;
    default: all three up to 20,000 triples, N-Triples alone above: resograph.graph.outputs.formats_for). The memory store reads `resograph.nt`, so it always gets that one. Sources the
    build had to name or skip are flagged (`BuildResult.flags`, resograph.graph.sources); `strict`
    makes any flag an error (UserError, nothing written).
    """
    options = _options(out_dir, store, validation, formats, allow_invalid, quiet, strict)
    sources = list(sources)
    paths = collect_sources(sources)
    options.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with BuildLock(options.out):
        remove_stale_temps(options.out)
        run = _start(options, extractor, registry, started)
        try:
            if run.incremental and options.store == "oxigraph" and _rebuilt(run, paths):
                return run.result
            intake = _extract(run, paths, sources)
            graphed = _graph_per_document(run, intake) if run.incremental else _graph_whole(run, intake)
            report = run.result.report
            if report is None or report.conforms or allow_invalid:
                _publish(run, graphed)
        finally:
            from resograph.reading import lexicon

            lexicon.provide(None)  # this build's cache kept the lexicon offered: not the next one's
    return run.result


def _options(out_dir, store: str, validation: str, formats, allow_invalid: bool, quiet: bool,
             strict: bool) -> Options:
    """The caller's choices, checked (one-line errors)."""
    if store not in store_mod.STORES:
        raise UserError(f"--store {store}: unknown store (choose from {', '.join(store_mod.STORES)})")
    if validation not in VALIDATIONS:
        raise UserError(f"--validation {validation}: unknown mode (auto, full, per-document, none)")
    fmts = None if formats is None else parse_formats(formats)  # None: by size (outputs.formats_for)
    if store == "memory" and fmts is not None and "nt" not in fmts:
        fmts = ("nt",) + fmts
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a directory")
    return Options(out, store, validation, fmts, allow_invalid, quiet, strict)


def _start(options: Options, extractor, registry: Registry | None, started: float) -> Run:
    """The run's registry, extractor and cache (the default extractor's results are cached)."""
    cache = BuildCache.open(options.out, _versions()) if extractor is None else None
    default = registry is None  # the project's own ontology and registry files
    if default and cache is not None:
        from resograph.reading import lexicon

        registry = _kept(cache, "registry", Registry, _parsed_registry)
        lexicon.provide(lambda: _kept(cache, "lexicon", lexicon.Lexicon, lexicon.read_lexicon))
    run = Run(options, registry or load_registry(), extractor or _default_extractor(), cache,
              started=started)
    if run.incremental:
        run.regdigest = inc.registry_digest(run.registry, default)
    run.lap("registry")
    return run


PARSED_KIND = "parsed"  # the registry and the extractor's lexicon, as read from their Turtle files


def _kept(cache: BuildCache, name: str, cls: type, make: Callable[[], object]):
    """`make()`, kept in the cache: the project's registry and the lexicon are read from the
    ontology and registry files with rdflib (~0.25 CPU-s a process, twice the same files); the
    cache's fingerprint covers those files, this code and rdflib's version, so a copy is never
    stale, and one that cannot be read or is not a `cls` is made again."""
    kept = cache.get(PARSED_KIND, name)
    if isinstance(kept, cls):
        return kept
    made = make()
    cache.put(PARSED_KIND, name, made)
    return made


def _parsed_registry() -> Registry:
    """The project's registry with what every build reads of it made (kept with it)."""
    registry = load_registry()
    registry.graph, registry.keys(), registry.cito_characterization("")  # noqa: B018
    return registry


def _rebuilt(run: Run, paths: list[Path]) -> bool:
    """Whether a rebuild in place did the build (else: from scratch)."""
    try:
        return rebuild_in_place(run, paths)
    except inc.Inconsistent as exc:
        run.stage(f"the previous build's manifest does not hold ({exc}); building from scratch")
        run.restart()
        return False


def _default_extractor() -> Callable[[Path], Extraction]:
    from resograph.reading.extract import extract_file

    return extract_file


def _versions() -> list[str]:
    """Library versions the cached per-document results depend on (N-Triples writer, SHACL)."""
    from importlib.metadata import version  # not `import pyshacl`: ~0.15 s a build rarely needs

    return [f"rdflib {version('rdflib')}", f"pyshacl {version('pyshacl')}"]


def extract_all(sources: list[Path], extractor: Callable[[Path], Extraction],
                quiet: bool = True) -> list[Extraction]:
    """The extractions a build would graph (flagged sources named or skipped: resograph.graph.sources)."""
    return extract_sources(sources, extractor, quiet).extractions


# -- from scratch ---------------------------------------------------------------------------------

def _extract(run: Run, paths: list[Path], sources: list) -> Intake:
    """Every source extracted (from the cache where it can), flags noted; strict refuses them."""
    run.stage(f"extracting {len(paths)} source(s)")
    cache = run.cache
    if cache is not None:
        cache.prefetch(paths)  # only the changed or new sources, on every core when there are many
    extractor = cache.extractor(run.extractor) if cache is not None else run.extractor
    intake = extract_sources(paths, extractor, run.options.quiet)
    run.result.flags = intake.flags
    if run.options.strict and intake.flags:
        raise strict_error(intake.flags)
    if not intake.extractions:
        raise UserError(f"{', '.join(map(str, sources))}: no readable source text "
                        f"({len(intake.flags)} flagged: {intake.flags[0].line()})")
    keep_texts(run.out, intake.extractions)
    if cache is not None:
        cache.prune_unseen()
    run.lap("extract")
    return intake


@dataclass
class Graphed:
    """The graph to publish: its sorted N-Triples, its size, its rdflib form (made on demand, for
    rdflib's Turtle and JSON-LD writers), and the manifest of a per-document build."""

    nt: bytes
    triples: int
    graph: Callable[[], Graph]
    manifest: inc.Manifest | None = None
    # The corpus chunk's lines and the documents, for dump files in chunks (resograph.graph.dumps)
    chunks: Callable[[], tuple[list[bytes], list[dumps.Doc]]] | None = None


def _graph_whole(run: Run, intake: Intake) -> Graphed:
    """One rdflib graph of everything, validated whole (`full`) or per document."""
    run.stage("building the graph")
    registry, result, extractions = run.registry, run.result, intake.extractions
    graph = facts.add_to_graph(build_graph(extractions, registry))  # corpus-wide facts (graph.facts)
    run.lap("graph")
    result.tally(extractions, registry)
    result.tally_graph(graph)
    mode = "full" if run.options.validation == "auto" else run.options.validation
    result.validation = mode
    run.stage(f"validating (SHACL, {mode})")
    if mode == "full":
        result.report = validate(graph, registry.shapes)
    elif mode == "per-document":
        corpus = [x.document.symbol for x in extractions]
        docs = ((x.document.symbol, document_graph(x, registry, corpus)) for x in extractions)
        with run.progress(len(extractions), "validate") as bar:
            result.report = validate_documents(registry, docs, corpus, progress=bar)
    run.lap("validate")
    if result.report and not result.report.conforms and not run.options.allow_invalid:
        return Graphed(b"", 0, lambda: graph)
    run.stage("writing files")  # the N-Triples: the store loads from them
    graph = canonical(graph, inplace=True)
    nt = to_ntriples(graph)
    return Graphed(nt, len(graph), lambda: graph, chunks=lambda: _whole_chunks(run, intake, nt))


def _whole_chunks(run: Run, intake: Intake, nt: bytes) -> tuple[list[bytes], list[dumps.Doc]]:
    """The chunks of a graph built whole: the same per-document parts and corpus lines as a
    per-document build's (so the same bytes), made from the extractions."""
    parts = inc.make_parts(intake.extractions, run.registry)
    reg = inc.registry_part(run.registry)
    corpus = frozenset(x.document.symbol for x in intake.extractions)
    merged = inc.merge(parts, reg, corpus)
    m = inc.new_manifest(parts, reg, corpus, run.regdigest, "", merged.counts, len(merged.lines))
    fact_lines = dumps.fact_lines_of(nt.rstrip(b"\n").split(b"\n"))
    return (dumps.corpus_lines(reg.lines, m, fact_lines, corpus),
            [dumps.Doc(p.symbol, p.symbol, p) for p in parts])


def _graph_per_document(run: Run, intake: Intake) -> Graphed:
    """Each document's part from the cache (or made), merged; SHACL per document (cached too)."""
    run.stage("building the graph (per-document cache)")
    result, cache = run.result, run.cache
    digests = [cache.digests[str(p)] for p in intake.paths]
    used: set[str] = set()
    corpus = frozenset(x.document.symbol for x in intake.extractions)
    with run.progress(len(intake.extractions), "graph") as bar:
        parts, graphed = inc.load_parts(intake.extractions, digests, run.registry, run.regdigest,
                                        cache, used, bar)
    reg = inc.registry_part(run.registry)
    merged = inc.merge([p for _, p in parts], reg, corpus)
    merged.lines = facts.complete(merged.lines)  # corpus-wide citation facts (resograph.graph.facts)
    run.lap("graph")
    result.tally(intake.extractions, run.registry)
    result.instruments, result.triples = merged.instruments, len(merged.lines)
    mode = inc.validation_mode(run.options.validation, run.registry)
    result.validation = mode
    manifest = inc.new_manifest([p for _, p in parts], reg, corpus, run.regdigest, mode,
                                merged.counts, len(merged.lines))
    validated = _validate_parts(run, intake, parts, digests, corpus, manifest, used)
    manifest.note_flags(intake.flags, cache.digests)
    cache.prune(used, kinds=(inc.DOC_KIND, inc.SHACL_KIND, inc.REGISTRY_KIND))
    result.cache = (f"{len(parts) - graphed} of {len(parts)} document(s) from the cache, "
                    f"{graphed} graphed, {validated} validated")
    run.lap("validate")
    if cache is not None and (result.report is None or result.report.conforms
                              or run.options.allow_invalid):
        inc.drop_manifest(cache)  # from here on the store changes; a new one is written after
        run.stage("writing files")
    nt = b"\n".join(merged.lines) + b"\n"

    def chunks() -> tuple[list[bytes], list[dumps.Doc]]:
        reg_lines = dumps.registry_lines(cache, run.regdigest, lambda: reg)
        fact_lines = dumps.fact_lines_of(merged.lines)
        return (dumps.corpus_lines(reg_lines, manifest, fact_lines, corpus),
                [dumps.Doc(part.symbol, entry, part) for entry, part in parts])

    return Graphed(nt, len(merged.lines), lambda: inc.rdflib_graph(merged, reg), manifest, chunks)


def _validate_parts(run: Run, intake: Intake, parts: list, digests: list[str],
                    corpus: frozenset[str], manifest: inc.Manifest, used: set[str]) -> int:
    """SHACL of every part (cached per document), into the result and the manifest; returns how
    many were validated (not from the cache)."""
    mode, engine = manifest.validation, inc.engine_of(manifest.validation)
    validated = 0
    checked: list = [None] * len(parts)
    if mode != "none":
        run.stage(f"validating (SHACL, {mode}, cached)")
        with run.progress(len(parts), "validate") as bar:
            run.result.report, validated, checked = inc.validate_parts(
                parts, corpus, run.registry, run.regdigest, run.cache, used, bar, engine=engine)
        manifest.registry_report = inc.registry_report(run.registry, run.regdigest, run.cache,
                                                       used, engine)
    for path, x, d, (entry, part), check in zip(intake.paths, intake.extractions, digests, parts,
                                                checked):
        info = inc.doc_info(x, d, entry, part, run.registry)
        if check is not None:
            info.shacl, info.summary = check[0], inc.summary_of(check[1])
        manifest.docs[str(path)] = info
    return validated


def _publish(run: Run, graphed: Graphed) -> None:
    """The store (and, for the memory store, the N-Triples it reads) published, then the dumps."""
    out, fmts = run.out, formats_for(run.options.formats, graphed.triples)
    if run.cache is not None and not run.incremental:
        inc.drop_manifest(run.cache)  # from here on the store changes; no manifest describes it
    written: dict[str, int] = {}
    chunked = graphed.chunks is not None and graphed.triples > outputs.FAST_SERIALISATION
    # The memory store reads resograph.nt: it is published with the store, before the others.
    nt_temp = None
    if run.options.store == "memory" and chunked:
        written.update(_write_chunked(run, graphed, ["nt"]))
    elif run.options.store == "memory":
        nt_temp = write_temp(out, FORMATS["nt"], graphed.nt)
    run.lap("serialise")
    generation = None
    if run.options.store == "oxigraph":
        run.stage("loading the Oxigraph store")
        generation = store_mod.load_store(graphed.nt, out)  # from memory: no file written and read back
        run.lap("store")
    run.stage("publishing")
    if generation is not None:
        store_mod.publish_store(generation, out)
    if nt_temp is not None:
        os.replace(nt_temp, out / FORMATS["nt"])
        written["nt"] = len(graphed.nt)
    store_mod.fsync_dir(out)
    run.ready()
    run.lap("publish")
    if generation is not None:  # after the swap: until it is there, paragraph search scans
        run.stage("indexing the paragraphs' text")
        store_mod.index_generation(generation)
        run.lap("store")
    rest = [f for f in fmts if f not in written]
    if rest:
        run.stage(f"writing files ({', '.join(FORMATS[f] for f in rest)})")
        if chunked:
            written.update(_write_chunked(run, graphed, rest))
        else:
            written.update(publish_files(out, render_dumps(rest, graphed.nt, graphed.triples,
                                                           graphed.graph)))
    remove_unrequested(out, fmts)
    if graphed.manifest is not None and generation is not None:
        graphed.manifest.generation = generation.name
        graphed.manifest.formats = frozenset(fmts)
        inc.save_manifest(run.cache, graphed.manifest)
    run.lap("serialise")
    run.result.finish([(out / FORMATS[name], n) for name, n in written.items()])


def _write_chunked(run: Run, graphed: Graphed, fmts: list[str]) -> dict[str, int]:
    """The dump files `fmts` in per-document chunks (resograph.graph.dumps); their indexes go
    into the manifest. Returns their sizes."""
    assert graphed.chunks is not None
    corpus, docs = graphed.chunks()
    indexes = dumps.write_dumps(run.out, fmts, corpus, docs, {}, lambda doc: doc.part)
    if graphed.manifest is not None:
        graphed.manifest.dumps.update(indexes)
    return {fmt: index.signature[0] for fmt, index in indexes.items()}


__all__ = ["build", "BuildResult", "collect_sources", "canonical", "to_ntriples", "to_turtle",
           "to_jsonld", "BuildLock", "extract_all", "FORMATS", "LOCK_FILE", "MAX_DELTA_DOCS"]
