"""The embedded default store: Oxigraph on disk under the build directory, used through rdflib.

Layout: `build/store` is a symbolic link to one generation directory `build/stores/<name>`. A build
bulk-loads a fresh generation from `resograph.nt` (pyoxigraph's `bulk_load`, no triple-by-triple
adds), or, for a rebuild, makes it as a checkpoint of the published one and applies the lines that
changed (:func:`checkpoint_store`, :class:`Generation`); then it swaps the link atomically (`os.replace` of a new link over the old one). A build killed
at any moment leaves `build/store` pointing at a complete store; a reader that already opened the
previous generation keeps reading it (the previous one is kept; older ones are removed by the next
build). Every reader opens a build through :func:`open_build` (:func:`find_build` for those that
open the store themselves, as the endpoint's workers do): store-only builds included. Readers open the store read-only, so any number of processes (CLI queries, the HTTP
endpoint) can share it, and none of them locks out the next build.

>>> g = open_build("build")                      # doctest: +SKIP
>>> len(g)                                       # doctest: +SKIP
2101
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.util import guess_format

from resograph.core.errors import UserError
from resograph.graph import sidecache, textindex
from resograph.graph.rdf import PREFIXES

STORE_LINK = "store"
GENERATIONS = "stores"
NT_FILE = "resograph.nt"
STORES = ("oxigraph", "memory")


@functools.cache
def _store_class() -> type:
    """`PyoxigraphStore`, made on first use: oxrdflib imports rdflib's SPARQL engine (~0.14 s of a
    process start), which a build never uses."""
    from oxrdflib import OxigraphStore

    class PyoxigraphStore(OxigraphStore):
        """oxrdflib's store with a public handle on the pyoxigraph Store it wraps (oxrdflib keeps its
        own private), so that :mod:`resograph.query.sparql` can run a query on pyoxigraph directly."""

        def __init__(self, store: ox.Store | None = None, generation: Path | None = None) -> None:
            self.pyoxigraph = store if store is not None else ox.Store()
            #: the on-disk generation opened (its text index is looked up by its name), if any
            self.generation = generation
            super().__init__(store=self.pyoxigraph)

    PyoxigraphStore.__module__ = __name__
    return PyoxigraphStore


def __getattr__(name: str):
    if name == "PyoxigraphStore":  # `from resograph.graph.store import PyoxigraphStore`
        return _store_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def store_path(build_dir: str | os.PathLike) -> Path:
    return Path(build_dir) / STORE_LINK


def load_store(nt: str | os.PathLike | bytes, build_dir: str | os.PathLike) -> Path:
    """Bulk-load N-Triples (a file, or the bytes themselves: no file written and read back) into a
    new, unpublished generation directory, compacted; return it. A bulk load leaves ~20 overlapping
    files that every look-up probes: compacting them (6 CPU-s at 10,000 documents, the store 340 ->
    570 MB) makes each look-up, and so every named query, ~3x faster (docs/benchmarks.md). A rebuild
    adds its small delta to a checkpoint of this compacted store and does not compact again."""
    gens = Path(build_dir) / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="gen-", dir=gens))
    target.chmod(0o755)  # readable by the endpoint's user like the other outputs
    store = ox.Store(str(target))
    if isinstance(nt, bytes):
        store.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    store.flush()
    del store  # closes RocksDB; the directory is now a complete store
    fsync_dir(target)
    return target


def checkpoint_store(build_dir: str | os.PathLike) -> Path:
    """A new, unpublished generation made as an Oxigraph checkpoint of the published one
    (`Store.backup`: hard links to its immutable files, so near-instant whatever its size)."""
    current = store_path(build_dir).resolve()
    gens = Path(build_dir) / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="gen-", dir=gens))
    target.rmdir()  # backup() makes the directory itself
    ox.Store.read_only(str(current)).backup(str(target))
    target.chmod(0o755)
    return target


def _quads(lines: list[bytes]) -> list:
    if not lines:
        return []
    return list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES))


def _index(generation: Path, make) -> None:
    """The generation's text index (:mod:`resograph.graph.textindex`); without one (SQLite
    refuses) paragraph search scans, so a failure here costs speed, never rows."""
    import sqlite3

    try:
        make()
    except sqlite3.Error:
        textindex.index_path(generation).unlink(missing_ok=True)


def index_generation(generation: Path) -> None:
    """Write the text index of a loaded generation (a cold build does it once the store is
    published: ~9 CPU-s at 10,000 documents that a reader does not wait for; the index is named
    after the generation, so readers of it start using the index when its file appears)."""
    store = ox.Store.read_only(str(generation))
    _index(generation, lambda: textindex.write(generation, textindex.texts_of(store),
                                               textindex.places_of(store)))


class Generation:
    """An unpublished generation opened for writing: look lines up, then apply a delta."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = ox.Store(str(path))
        link = store_path(path.parent.parent)
        self.previous = link.resolve() if link.is_symlink() else None  # the published one
        self.text_deletes: list[tuple[str, str]] = []
        self.text_inserts: list[tuple[str, str]] = []
        self.placed: set[str] = set()  # subjects whose eId, position or document the delta changed
        self.identified: set[str] = set()  # subjects whose identifier it changed

    def has_line(self, line: bytes) -> bool:
        return _quads([line])[0] in self.store

    def apply(self, deletes: list[bytes], inserts: list[bytes]) -> None:
        for quad in _quads(deletes):
            self.store.remove(quad)
        self.store.extend(_quads(inserts))
        self.text_deletes += textindex.text_lines(deletes)
        self.text_inserts += textindex.text_lines(inserts)
        for lines in (deletes, inserts):
            placed, identified = textindex.place_subjects(lines)
            self.placed |= placed
            self.identified |= identified

    def close(self) -> Path:
        self.store.flush()
        _index(self.path, self._index)
        del self.store  # closes RocksDB; the directory is now a complete store
        fsync_dir(self.path)
        return self.path

    def _index(self) -> None:
        """The previous generation's index with the text lines of the delta and the places of the
        paragraphs it touches; else a whole one."""
        touched = self.placed | {iri for iri, _ in self.text_inserts} \
            | textindex.parts_of(self.store, self.identified)
        places = textindex.places_of(self.store, touched)
        if textindex.update(self.previous, self.path, self.text_deletes, self.text_inserts, places) is None:
            textindex.write(self.path, textindex.texts_of(self.store), textindex.places_of(self.store))


def publish_store(generation: Path, build_dir: str | os.PathLike) -> None:
    """Point `build/store` at `generation` atomically; keep the previous generation, drop older ones."""
    build = Path(build_dir)
    link = store_path(build)
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        # A plain directory from an older layout: move it aside as a generation (one-off migration).
        legacy = Path(tempfile.mkdtemp(prefix="gen-legacy-", dir=build / GENERATIONS))
        legacy.rmdir()
        os.replace(link, legacy)
        previous = legacy
    tmp_link = build / f".{STORE_LINK}.link-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(generation, build), tmp_link)
    os.replace(tmp_link, link)
    fsync_dir(build)
    keep = {generation.resolve()} | ({previous} if previous else set())
    prune_generations(build, keep)


def prune_generations(build_dir: str | os.PathLike, keep: set[Path] | None = None) -> None:
    """Remove generation directories other than `keep` (default: the current one and, if any, none
    else). Call only while holding the build lock."""
    build = Path(build_dir)
    gens = build / GENERATIONS
    if not gens.is_dir():
        return
    link = store_path(build)
    if keep is None:
        keep = {link.resolve()} if link.is_symlink() else set()
    for child in gens.iterdir():
        if child.resolve() not in keep:
            shutil.rmtree(child, ignore_errors=True)
    textindex.prune(build, {k.name for k in keep})
    sidecache.prune(build, {k.name for k in keep})


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


DUMPS = ("resograph.nt", "resograph.ttl", "resograph.jsonld")  # what a build may write, best first


@dataclass(frozen=True)
class BuildSource:
    """What a path names for a reader: the build's on-disk store, or RDF files to parse."""

    store: Path | None = None           # the `build/store` link (open it read-only)
    files: tuple[Path, ...] = ()

    def describe(self) -> str:
        return str(self.store) if self.store else ", ".join(map(str, self.files))


def find_build(build: str | os.PathLike = "build", data: Iterable[str | os.PathLike] = (),
               store: str = "oxigraph") -> BuildSource:
    """The one rule for what a reader reads (query, serve, stats, explore, the API):

    - `data` files, or `build` naming one RDF file: those files;
    - a build directory: its Oxigraph store when there is one (a `--formats none` build has only
      that) and `store` is `oxigraph`; else its first dump file (`resograph.nt`, `.ttl`, `.jsonld`:
      a `--store memory` build, or `store="memory"`); a store-only build read into memory is read
      from its store.
    """
    if store not in STORES:
        raise UserError(f"--store {store}: unknown store (choose from {', '.join(STORES)})")
    files = [Path(f) for f in data]
    path = Path(build)
    if not files and path.is_file():
        files = [path]
    if files:
        for f in files:
            if not f.is_file():
                raise UserError(f"{f}: no such file")
        return BuildSource(files=tuple(files))
    if not path.is_dir():
        raise UserError(f"{path}: no such build directory or RDF file; run `resograph build` first")
    link = store_path(path)
    dumps = tuple(path / n for n in DUMPS if (path / n).is_file())
    if link.exists() and (store == "oxigraph" or not dumps):
        return BuildSource(store=link)
    if dumps:
        return BuildSource(files=dumps[:1])
    raise UserError(f"{path}: no built graph here (no store, no {', '.join(DUMPS)}); "
                    "run `resograph build` first")


def open_build(build: str | os.PathLike = "build", store: str = "oxigraph",
               data: Iterable[str | os.PathLike] = ()) -> Graph:
    """The graph every reader reads (:func:`find_build` says which), as an rdflib Graph.

    `oxigraph`: the on-disk store read-only (shared with other readers; writes raise), or files
    parsed into an in-memory Oxigraph store; `memory`: rdflib's memory store.

    >>> g = open_build("build")                  # doctest: +SKIP
    """
    source = find_build(build, data, store)
    if source.store is not None and store == "oxigraph":
        generation = source.store.resolve()
        try:
            ox_store = ox.Store.read_only(str(generation))
        except OSError as exc:
            raise UserError(f"{source.store}: cannot open the store: {exc}") from exc
        return _bind(Graph(store=_store_class()(ox_store, generation),
                           identifier=DATASET_DEFAULT_GRAPH_ID))
    g = Graph(store=_store_class()()) if store == "oxigraph" else Graph()
    if source.store is not None:  # a store-only build, into memory
        nt = ox.Store.read_only(str(source.store.resolve())).dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        g.parse(data=nt.decode("utf-8"), format="nt")
    for f in source.files:
        _parse_into(g, f)
    return _bind(g)


def _parse_into(g: Graph, file: Path) -> None:
    fmt = guess_format(str(file)) or "turtle"
    try:
        g.parse(str(file), format=fmt)
    except Exception as exc:  # parsers raise many types: the file and the reason, one line
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise UserError(f"{file}: not readable as {fmt}: {reason}") from None


def open_graph(build_dir: str | os.PathLike = "build", store: str = "oxigraph") -> Graph:
    """The built graph as an rdflib Graph: :func:`open_build` (kept for its callers)."""
    return open_build(build_dir, store)
