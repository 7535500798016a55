"""The embedded default store: Oxigraph on disk under the build directory, used through rdflib.

Layout: `build/store` is a symbolic link to one generation directory `build/stores/<name>`. A build
bulk-loads a fresh generation from `resograph.nt` (pyoxigraph's `bulk_load`, no triple-by-triple
adds), or, for a rebuild, makes it as a checkpoint of the published one and applies the lines that
changed (:func:`checkpoint_store`, :class:`Generation`); then it swaps the link atomically (`os.replace` of a new link over the old one). A build killed
at any moment leaves `build/store` pointing at a complete store; a reader that already opened the
previous generation keeps reading it (the previous one is kept; older ones are removed by the next
build). Readers open the store read-only, so any number of processes (CLI queries, the HTTP
endpoint) can share it, and none of them locks out the next build.

>>> g = open_graph("build")                      # doctest: +SKIP
>>> len(g)                                       # doctest: +SKIP
2101
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from resograph.core.errors import UserError
from resograph.graph.rdf import PREFIXES

STORE_LINK = "store"
GENERATIONS = "stores"
NT_FILE = "resograph.nt"
STORES = ("oxigraph", "memory")


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def store_path(build_dir: str | os.PathLike) -> Path:
    return Path(build_dir) / STORE_LINK


def load_store(nt: str | os.PathLike | bytes, build_dir: str | os.PathLike) -> Path:
    """Bulk-load N-Triples (a file, or the bytes themselves: no file written and read back) into a
    new, unpublished generation directory; return it."""
    gens = Path(build_dir) / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="gen-", dir=gens))
    target.chmod(0o755)  # readable by the endpoint's user like the other outputs
    store = ox.Store(str(target))
    if isinstance(nt, bytes):
        store.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store  # closes RocksDB; the directory is now a complete store
    _fsync_dir(target)
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


class Generation:
    """An unpublished generation opened for writing: look lines up, then apply a delta."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = ox.Store(str(path))

    def has_line(self, line: bytes) -> bool:
        return _quads([line])[0] in self.store

    def apply(self, deletes: list[bytes], inserts: list[bytes]) -> None:
        for quad in _quads(deletes):
            self.store.remove(quad)
        self.store.extend(_quads(inserts))

    def close(self) -> Path:
        self.store.flush()
        del self.store  # closes RocksDB; the directory is now a complete store
        _fsync_dir(self.path)
        return self.path


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
    _fsync_dir(build)
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


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_graph(build_dir: str | os.PathLike = "build", store: str = "oxigraph") -> Graph:
    """The built graph as an rdflib Graph, for reading and querying.

    `oxigraph` opens the on-disk store read-only (shared with other readers; writes raise);
    `memory` parses `build/resograph.nt` into rdflib's memory store.
    """
    build = Path(build_dir)
    if store == "memory":
        nt = build / NT_FILE
        if not nt.is_file():
            raise UserError(f"{nt}: no built graph (run `resograph build` first)")
        return _bind(Graph().parse(nt, format="nt"))
    if store != "oxigraph":
        raise UserError(f"--store {store}: unknown store (choose from {', '.join(STORES)})")
    path = store_path(build)
    if not path.exists():
        raise UserError(f"{path}: no store (run `resograph build` first)")
    try:
        ox_store = ox.Store.read_only(str(path.resolve()))
    except OSError as exc:
        raise UserError(f"{path}: cannot open the store: {exc}") from exc
    return _bind(Graph(store=OxigraphStore(store=ox_store), identifier=DATASET_DEFAULT_GRAPH_ID))
