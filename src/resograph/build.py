"""Sources → extract → graph → validate → files and store, atomically and deterministically.

:func:`build` is the whole pipeline behind `resograph build`:

1. take the build lock (`build/.lock`, an flock released by the kernel even on SIGKILL, so a second
   build at once fails with a clear message instead of writing over the first);
2. extract every source text and check symbols are unique;
3. build one graph: ontology + registry + documents (:mod:`resograph.graph`);
4. validate it with SHACL (:mod:`resograph.validate`); a graph that does not conform is not
   published unless `allow_invalid`;
5. serialise `resograph.nt` (sorted lines), `resograph.ttl` and `resograph.jsonld` (canonical
   order, blank nodes relabelled canonically, no timestamps) to temporary files in the same
   directory, fsync them, bulk-load a new Oxigraph store generation from the N-Triples;
6. publish: `os.replace` each file over the old one and swap the store link.

Incremental builds (the default extractor, validation `auto`/`per-document`/`none`): steps 3–5 go
through :mod:`resograph.incremental` — each source's triples (N-Triples lines) and its per-document
SHACL report are cached by content (:mod:`resograph.cache`), so only new or changed sources are
graphed and validated; the corpus-wide facts are recomputed from the cached parts; the sorted lines are
merged into the same bytes a cold build writes; the store loads from `resograph.nt` while Turtle and
JSON-LD are written. `auto` then means per-document validation (each report can be cached);
`--validation full` takes the whole-graph path above (extraction still cached).

Until step 6 the previous outputs are untouched; each file and the store link are replaced
atomically, so a build killed at any point leaves every output complete and loadable (killed in the
middle of step 6 itself, some files may be from the new build and others from the old one).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, RDF

from . import store as store_mod
from .errors import UserError
from .graph import ELI, PREFIXES, RG, build_graph, document_graph
from .models import Extraction
from .registry import Registry
from .registry import load as load_registry
from .validate import Report, validate, validate_documents

OUTPUTS = ("resograph.nt", "resograph.ttl", "resograph.jsonld")
LOCK_FILE = ".lock"


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
    timings: dict[str, float] = field(default_factory=dict)
    cache: str = ""  # what the per-document cache gave (incremental builds)

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
        if self.published:
            lines.append("files written:")
            lines += [f"  {p} ({_size(n)})" for p, n in self.files]
        else:
            lines.append(f"nothing written: previous outputs in {self.out_dir}/ left as they were")
        total = sum(self.timings.values())
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        lines.append(f"time           {total:.2f}s ({steps})")
        return "\n".join(lines)


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


# -- sources -----------------------------------------------------------------------------------

def collect_sources(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, directories as their `*.txt` (sorted); one-line error for a missing path."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found += sorted(q for q in p.glob("*.txt") if q.is_file())
        elif p.is_file():
            found.append(p)
        else:
            raise UserError(f"{p}: no such file or directory")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UserError(f"{', '.join(map(str, paths))}: no source texts (*.txt) found")
    return unique


# -- lock --------------------------------------------------------------------------------------

class BuildLock:
    """An exclusive flock on `out_dir/.lock`; the kernel drops it when the process dies."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_FILE
        self.fd: int | None = None

    def __enter__(self) -> "BuildLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise UserError(f"{self.path.parent}: another build is running there (pid {holder}); "
                            "wait for it to finish and run the build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


# -- deterministic serialisation ---------------------------------------------------------------

FAST_SERIALISATION = 100_000  # triples: above this, Turtle and JSON-LD are written by pyoxigraph


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
        from .extract import extract_file
    except ImportError as exc:  # pragma: no cover - during development only
        raise UserError(f"the extractor is not available ({exc})") from exc
    return extract_file


def extract_all(sources: list[Path], extractor: Callable[[Path], Extraction],
                quiet: bool = True) -> list[Extraction]:
    """Extract every source; a text without a symbol or two texts with one symbol are bad input."""
    extractions: list[Extraction] = []
    by_symbol: dict[str, Path] = {}
    with _progress(len(sources), "extract", quiet) as bar:
        for path in sources:
            x = extractor(path)
            if x.path is None:
                x.path = str(path)
            symbol = x.document.symbol
            if not symbol:
                raise UserError(f"{path}: no document symbol found in the text")
            if symbol in by_symbol:
                raise UserError(f"{path}: symbol {symbol} already given by {by_symbol[symbol]}")
            by_symbol[symbol] = path
            extractions.append(x)
            bar.update(1)
    return extractions


def _count_instruments(graph: Graph) -> int:
    kinds = {ELI.LegalResource, RG.TreatyArticle}
    return sum(1 for s in set(graph.subjects(DCTERMS.identifier))
               if any((s, RDF.type, k) in graph for k in kinds))


def build(sources: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "build", *,
          store: str = "oxigraph", extractor: Callable[[Path], Extraction] | None = None,
          registry: Registry | None = None, validation: str = "auto",
          allow_invalid: bool = False, quiet: bool = False) -> BuildResult:
    """Run the whole build (see the module docstring) and return what it did."""
    if store not in store_mod.STORES:
        raise UserError(f"--store {store}: unknown store (choose from {', '.join(store_mod.STORES)})")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a directory")
    paths = collect_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult(out_dir=out)
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        result.timings[name] = result.timings.get(name, 0.0) + now - t
        t = now

    with BuildLock(out):
        _remove_stale_temps(out)
        default_registry = registry is None
        registry = registry or load_registry()
        cache = None
        if extractor is None:  # the default extractor's results are cached per source (resograph.cache)
            from .cache import BuildCache
            cache = BuildCache.open(out, _versions())
        extractor = extractor or _default_extractor()
        lap("registry")
        _stage(f"extracting {len(paths)} source(s)", quiet)
        if cache is not None:
            cache.prefetch(paths)  # only the changed or new sources, on every core when there are many
        extractions = extract_all(paths, cache.extractor(extractor) if cache else extractor, quiet)
        if cache is not None:
            cache.prune_unseen()
        lap("extract")
        if cache is not None and validation in ("auto", "per-document", "none"):
            payloads = _incremental(result, paths, extractions, cache, registry, default_registry,
                                    validation, quiet, lap)
        else:
            payloads = None
            _stage("building the graph", quiet)
            graph = build_graph(extractions, registry)
            lap("graph")
            _tally(result, extractions, graph, registry)
            mode = "full" if validation == "auto" else validation  # see resograph.validate: cheaper
            result.validation = mode
            _stage(f"validating (SHACL, {mode})", quiet)
            if mode == "full":
                result.report = validate(graph, registry.shapes)
            elif mode == "per-document":
                corpus = [x.document.symbol for x in extractions]
                docs = ((x.document.symbol, document_graph(x, registry, corpus)) for x in extractions)
                with _progress(len(extractions), "validate", quiet) as bar:
                    result.report = validate_documents(registry, docs, corpus, progress=bar)
            elif mode != "none":
                raise UserError(f"--validation {mode}: unknown mode (auto, full, per-document, none)")
            lap("validate")
        if result.report and not result.report.conforms and not allow_invalid:
            return result
        _stage("writing files", quiet)
        loader = None
        if payloads is None:
            graph = canonical(graph, inplace=True)
            nt = to_ntriples(graph)
            payloads = {"resograph.nt": nt, "resograph.ttl": to_turtle(graph, nt),
                        "resograph.jsonld": to_jsonld(graph, nt)}
            temps = {name: _write_temp(out, name, data) for name, data in payloads.items()}
        else:
            # N-Triples first; the store loads from it (in a thread: pyoxigraph releases the GIL)
            # while Turtle and JSON-LD are written.
            nt, others = payloads()
            payloads = {"resograph.nt": nt}
            temps = {"resograph.nt": _write_temp(out, "resograph.nt", nt)}
            if store == "oxigraph":
                _stage("loading the Oxigraph store", quiet)
                loader = _StoreLoader(temps["resograph.nt"], out)
            try:
                payloads.update(others())
                temps.update({name: _write_temp(out, name, payloads[name]) for name in OUTPUTS[1:]})
            except BaseException:
                if loader is not None:
                    loader.join()
                raise
        lap("serialise")
        generation = None
        if loader is not None:
            generation = loader.join()
            lap("store")
        elif store == "oxigraph":
            _stage("loading the Oxigraph store", quiet)
            generation = store_mod.load_store(temps["resograph.nt"], out)
            lap("store")
        _stage("publishing", quiet)
        for name in OUTPUTS:
            os.replace(temps[name], out / name)
        if generation is not None:
            store_mod.publish_store(generation, out)
        store_mod._fsync_dir(out)
        result.published = True
        result.files = [(out / name, len(payloads[name])) for name in OUTPUTS]
        if generation is not None:
            size = sum(f.stat().st_size for f in generation.rglob("*") if f.is_file())
            result.files.append((store_mod.store_path(out), size))
        lap("publish")
    return result


class _StoreLoader:
    """`store.load_store` in a thread; `join()` returns the generation or raises what it raised."""

    def __init__(self, nt_file: Path, out: Path) -> None:
        import threading

        self.generation: Path | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(nt_file, out), daemon=True)
        self.thread.start()

    def _run(self, nt_file: Path, out: Path) -> None:
        try:
            self.generation = store_mod.load_store(nt_file, out)
        except BaseException as exc:  # noqa: BLE001 - handed to join()
            self.error = exc

    def join(self) -> Path:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.generation


def _versions() -> list[str]:
    """Library versions the cached per-document results depend on (N-Triples writer, SHACL)."""
    import pyshacl
    import rdflib

    return [f"rdflib {rdflib.__version__}", f"pyshacl {pyshacl.__version__}"]


def _incremental(result: BuildResult, paths: list[Path], extractions: list[Extraction], cache,
                 registry: Registry, default_registry: bool, validation: str, quiet: bool,
                 lap: Callable[[str], None]):
    """Graph and SHACL from the per-document cache (resograph.incremental): only new or changed
    sources are graphed and validated. Returns the payloads (or a function making them)."""
    from . import incremental as inc

    _stage("building the graph (per-document cache)", quiet)
    regdigest = inc.registry_digest(registry, default_registry)
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
    mode = "per-document" if validation == "auto" else validation
    result.validation = mode
    validated = 0
    if mode == "per-document":
        _stage("validating (SHACL, per-document, cached)", quiet)
        with _progress(len(parts), "validate", quiet) as bar:
            result.report, validated = inc.validate_parts(parts, corpus, registry, regdigest, cache,
                                                          used, bar)
    cache.prune(used, kinds=(inc.DOC_KIND, inc.SHACL_KIND, inc.REGISTRY_KIND))
    result.cache = (f"{len(parts) - graphed} of {len(parts)} document(s) from the cache, "
                    f"{graphed} graphed, {validated} validated")
    lap("validate")

    def payloads():
        """(N-Triples bytes, a function giving Turtle and JSON-LD)."""
        nt = b"\n".join(merged.lines) + b"\n"

        def others() -> dict[str, bytes]:
            if len(merged.lines) > FAST_SERIALISATION:
                import pyoxigraph as ox

                return {"resograph.ttl": _ox_serialise(nt, ox.RdfFormat.TURTLE),
                        "resograph.jsonld": _ox_serialise(nt, ox.RdfFormat.JSON_LD)}
            graph = inc.rdflib_graph(merged, reg)
            return {"resograph.ttl": to_turtle(graph, nt), "resograph.jsonld": to_jsonld(graph, nt)}

        return nt, others

    return payloads


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
