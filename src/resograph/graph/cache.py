"""Per-source cache for incremental builds (issue 7): a source's bytes → its extraction, and any
per-document result a build wants to keep (its RDF as N-Triples, its SHACL report).

Entries are keyed by the SHA-256 of the source bytes, under a *fingerprint* of everything else the
result depends on: the resograph version, the code of the extraction and graph modules, and every
file of `ontology/` and `data/registry/`. Change any of them and the fingerprint changes, so every
entry is recomputed (old fingerprints are pruned); change one source and only that source misses.

Layout (inside the build directory, so `make clean` drops it)::

    build/.cache/<fingerprint>/extraction/<sha256>.pickle
    build/.cache/<fingerprint>/<kind>/<sha256>.<ext>      (doc, shacl, registry: resograph.graph.incremental)

Writes are atomic (temporary file + `os.replace`), so a killed build leaves no torn entry; a
corrupt or unreadable entry is treated as a miss. Misses can be extracted in parallel on every core
(:meth:`BuildCache.prefetch`), which is where a cold build of many files gains from a second core.

Use in `build.build()` (with the default extractor only):

>>> cache = BuildCache.open(out_dir)                                  # doctest: +SKIP
>>> cache.prefetch(paths)                                             # doctest: +SKIP
>>> extractions = extract_all(paths, cache.extractor(extractor), quiet)  # doctest: +SKIP
>>> cache.prune_unseen()                                              # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from resograph.core.errors import UserError
from resograph.graph.lock import die_with_parent
from resograph.core.version import __version__
from resograph.core.models import Extraction
from resograph.reading.convert import source_bytes
from resograph.core.paths import ontology_dir, registry_dir

CACHE_DIR = ".cache"
# Modules whose code decides what an extraction or a document's RDF contains.
CODE_MODULES = ("reading/extract", "reading/clean", "reading/segment", "reading/header", "reading/layout", "reading/find", "reading/resolve",
                "reading/patterns", "reading/lexicon", "core/keys", "core/models", "graph/registry",
                "graph/rdf", "graph/validate", "graph/shapecheck", "graph/cache", "graph/incremental",
                "graph/build", "graph/sources", "graph/outputs", "graph/rebuild", "graph/run",
                "graph/dumps", "graph/facts")  # dumps: the manifest's chunk offsets; facts: its lines


def _hash_files(h: "hashlib._Hash", files: Iterable[Path], root: Path) -> None:
    for f in sorted(files):
        if f.is_file():
            h.update(str(f.relative_to(root)).encode())
            h.update(b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")


def fingerprint(extra: Iterable[str] = ()) -> str:
    """What every cached result depends on besides its own source: version, code, ontology, registry."""
    h = hashlib.sha256(f"resograph {__version__}\0".encode())
    here = Path(__file__).resolve().parents[1]  # the resograph package
    _hash_files(h, [here / f"{m}.py" for m in CODE_MODULES], here)
    for d in (ontology_dir(), registry_dir()):
        if d.is_dir():
            _hash_files(h, (p for p in d.rglob("*") if p.is_file()), d)
    _hash_files(h, [here / "graph" / "file-names.tsv"], here)  # symbols from file names (sources)
    for item in extra:
        h.update(item.encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BuildCache:
    """Content-addressed results for one fingerprint. Counts hits and misses for the summary."""

    def __init__(self, root: Path, fp: str):
        self.root = root
        self.fingerprint = fp
        self.dir = root / fp
        self.hits = 0
        self.misses = 0
        self._memo: dict[str, Extraction] = {}
        self._failed: dict[str, str] = {}  # digest -> why the extractor refused those bytes
        self.seen: set[str] = set()
        self.digests: dict[str, str] = {}  # source path -> digest of its bytes, as last read

    @classmethod
    def open(cls, out_dir: str | os.PathLike, extra: Iterable[str] = ()) -> "BuildCache":
        """The cache under `out_dir/.cache` for the current fingerprint; older fingerprints go."""
        root = Path(out_dir) / CACHE_DIR
        fp = fingerprint(extra)
        cache = cls(root, fp)
        if root.is_dir():
            for child in root.iterdir():
                if child.name != fp:
                    shutil.rmtree(child, ignore_errors=True)
        return cache

    # -- generic entries --------------------------------------------------------------------
    def _path(self, kind: str, key: str, ext: str) -> Path:
        return self.dir / kind / f"{key}.{ext}"

    def get_bytes(self, kind: str, key: str, ext: str = "bin") -> bytes | None:
        try:
            return self._path(kind, key, ext).read_bytes()
        except OSError:
            return None

    def put_bytes(self, kind: str, key: str, data: bytes, ext: str = "bin") -> None:
        path = self._path(kind, key, ext)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, kind: str, key: str):
        data = self.get_bytes(kind, key, "pickle")
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a torn or foreign entry is a miss
            return None

    def put(self, kind: str, key: str, value) -> None:
        self.put_bytes(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), "pickle")

    # -- extractions --------------------------------------------------------------------------
    def extraction(self, path: str | os.PathLike, data: bytes | None = None) -> tuple[str, Extraction | None]:
        """(content digest, cached extraction or None) for one source file."""
        raw = data if data is not None else source_bytes(path)
        key = digest(raw)
        self.seen.add(key)
        self.digests[str(path)] = key
        if key in self._memo:
            return key, self._memo[key]
        x = self.get("extraction", key)
        if isinstance(x, Extraction):
            x.path = str(path)  # the same bytes under another name: spans hold, the path follows
        else:
            x = None
        return key, x

    def extractor(self, extract: Callable[[Path], Extraction]) -> Callable[[Path], Extraction]:
        """Wrap `extract(path)`: answer from the cache when the bytes are known, else extract and keep."""
        def cached(path: Path) -> Extraction:
            key, x = self.extraction(path)
            if key in self._failed:  # a prefetch worker already failed on these bytes
                raise UserError(f"{path}: {self._failed[key]}")
            if x is not None:
                if key not in self._memo:  # prefetched ones were counted as misses already
                    self.hits += 1
                return x
            self.misses += 1
            x = extract(path)
            self.put("extraction", key, x)
            return x
        return cached

    def prefetch(self, paths: list[Path], workers: int | None = None, min_parallel: int = 64) -> int:
        """Extract every source that misses, on `workers` processes when there are enough of them;
        keep the results (on disk and in memory for :meth:`extractor`). Returns the number extracted."""
        missing: list[tuple[Path, str]] = []
        for p in paths:
            try:
                key, x = self.extraction(p)
            except (OSError, UserError):
                continue  # unreadable: the extractor's own attempt reports it (resograph.graph.sources)
            if x is None and key not in self._failed:
                missing.append((p, key))
        if not missing:
            return 0
        self.misses += len(missing)
        workers = workers or os.cpu_count() or 1
        if workers > 1 and len(missing) >= min_parallel:
            from concurrent.futures import ProcessPoolExecutor
            chunk = max(1, len(missing) // (workers * 8))
            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
                results = list(pool.map(_extract_one, [str(p) for p, _ in missing], chunksize=chunk))
        else:
            results = [_extract_one(str(p)) for p, _ in missing]
        for (p, key), x in zip(missing, results):
            if isinstance(x, str):  # the worker's one-line reason: the build flags the file
                self._failed[key] = x
                continue
            self.put("extraction", key, x)
            self._memo[key] = x
        return len(missing)

    def prune(self, live: Iterable[str], kinds: Iterable[str] = ("extraction",)) -> int:
        """Drop entries whose digest is not in `live` (sources deleted or changed); returns how many."""
        keep = set(live)
        n = 0
        for kind in kinds:
            d = self.dir / kind
            try:
                names = os.listdir(d)  # names, not Paths: ~10,000 entries a kind at 10,000 sources
            except OSError:
                continue
            for name in names:
                if name.split(".", 1)[0] not in keep:
                    try:
                        os.unlink(os.path.join(d, name))
                    except FileNotFoundError:
                        pass
                    n += 1
        return n

    def prune_unseen(self, kinds: Iterable[str] = ("extraction",)) -> int:
        """Drop entries of sources this build did not read (deleted, or changed since)."""
        return self.prune(self.seen, kinds)

    def summary(self) -> str:
        return f"cache {self.hits} hit(s), {self.misses} miss(es) [{self.fingerprint}]"


def _extract_one(path: str) -> Extraction | str:
    """The extraction, or why there is none (a worker's exception would stop the whole map)."""
    from resograph.reading.extract import extract_file
    try:
        return extract_file(path)
    except UserError as exc:
        reason = str(exc)
        return reason[len(path) + 2:] if reason.startswith(f"{path}: ") else reason
    except Exception as exc:  # noqa: BLE001 - reported per file by resograph.graph.sources
        return f"the extractor failed ({type(exc).__name__}: {exc})"


__all__ = ["BuildCache", "fingerprint", "digest", "CACHE_DIR"]
