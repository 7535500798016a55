"""Values computed from one store generation, kept beside it: `build/side-cache/<generation>.<name>.pickle`.

A reader that spends seconds deriving something from a published generation (the explorer's citation
network: ~20 s of reading at 10,000 documents) keeps the result here, and the next reader of the same
generation loads it instead (~1 s). A generation never changes once published (a rebuild makes a new
one), so a value stays true for as long as its generation lives, and it goes with it
(:func:`prune`, called by :func:`resograph.graph.store.prune_generations`).

A file is used only when its stamp matches exactly, else it is a miss and the reader reads the store
as before: the stamp names the generation, lists its files (name, size, modification time: a
foreign or rebuilt directory of the same name differs), and carries the caller's ``code`` (a digest of
the code that computed the value: change it and every old file is a miss). Files are written
atomically (a temporary file renamed into place), so a killed writer leaves no torn file; a torn,
truncated or unreadable one is a miss. A build directory the reader cannot write (someone else's,
read-only) is read and never written.

>>> read(Path("build/stores/gen-x"), "network", "code")   # doctest: +SKIP
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path

DIR = "side-cache"
FORMAT = "resograph side-cache 1"


def path(generation: str | os.PathLike, name: str) -> Path:
    """Where the value ``name`` of a store generation (`build/stores/<gen>`) lives."""
    gen = Path(generation)
    return gen.parent.parent / DIR / f"{gen.name}.{name}.pickle"


def code_digest(files: Iterable[str | os.PathLike], *extra: str) -> str:
    """A digest of source files and strings (versions): what a cached value's computation depends on."""
    h = hashlib.sha256()
    for f in files:
        h.update(Path(f).read_bytes())
        h.update(b"\0")
    for item in extra:
        h.update(item.encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def stamp(generation: str | os.PathLike, code: str) -> tuple:
    """What a value of ``generation`` must have been written under to be used now."""
    gen = Path(generation)
    files = []
    for entry in sorted(os.scandir(gen), key=lambda e: e.name):
        st = entry.stat(follow_symlinks=False)
        files.append((entry.name, st.st_size, st.st_mtime_ns))
    return (FORMAT, gen.name, code, tuple(files))


def read(generation: str | os.PathLike, name: str, code: str):
    """The value ``name`` kept for ``generation`` under ``code``, or None (missing, stale, foreign,
    torn or unreadable)."""
    file = path(generation, name)
    try:
        expected = stamp(generation, code)
        with open(file, "rb") as f:
            if pickle.load(f) != expected:
                return None
            # the value is many small objects and no cycles: the collector would only slow it (2-3x)
            enabled = gc.isenabled()
            gc.disable()
            try:
                value = pickle.load(f)
            finally:
                if enabled:
                    gc.enable()
    except Exception:  # noqa: BLE001 - whatever went wrong, the reader reads the store instead
        return None
    return value


def write(generation: str | os.PathLike, name: str, code: str, value) -> Path | None:
    """Keep ``value`` for ``generation``; None (and nothing written) when the build directory cannot be
    written or the generation is gone."""
    file = path(generation, name)
    try:
        head = pickle.dumps(stamp(generation, code), protocol=pickle.HIGHEST_PROTOCOL)
        file.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}-", suffix=".tmp", dir=file.parent)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(head)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, file)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return file


def prune(build_dir: str | os.PathLike, keep: set[str]) -> None:
    """Remove the values (and leftover temporaries) of generations not named in ``keep``."""
    folder = Path(build_dir) / DIR
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name.startswith(".") or child.name.split(".", 1)[0] not in keep:
            child.unlink(missing_ok=True)
