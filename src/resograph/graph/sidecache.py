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

A build may have its values written by a process of their own (:mod:`resograph.views.warm`): that
process holds a lock on `<generation>.writing` (:func:`claim`) while it writes, and a reader that
misses meanwhile waits for it (:func:`wait`) instead of computing the same values a second time.
The kernel drops the lock however the writer ends, so a killed writer never holds a reader up.

>>> read(Path("build/stores/gen-x"), "network", "code")   # doctest: +SKIP
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
import pickle
import tempfile
import time
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


WAIT_SECONDS = 300  # a reader waits at most this long for a writer, then computes the values itself


def lock_path(generation: str | os.PathLike) -> Path:
    """The lock file of the process writing ``generation``'s values (pruned with them)."""
    gen = Path(generation)
    return gen.parent.parent / DIR / f"{gen.name}.writing"


def claim(generation: str | os.PathLike) -> int | None:
    """Lock ``generation``'s values for writing: a file descriptor that holds the lock (it passes to
    a child process with it, and the lock lasts while any holder keeps it open), or None when
    another process holds it or the build directory cannot be written."""
    file = lock_path(generation)
    try:
        file.parent.mkdir(exist_ok=True)
        fd = os.open(file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(fd, 0)  # a killed writer's process id goes
    except OSError:
        os.close(fd)
        return None
    return fd


def release(generation: str | os.PathLike, fd: int) -> None:
    """Done writing: remove the lock file, then drop the lock (readers waiting on it go on)."""
    lock_path(generation).unlink(missing_ok=True)
    os.close(fd)


def wait(generation: str | os.PathLike, seconds: float | None = None) -> bool:
    """Wait while a process writes ``generation``'s values (at most ``seconds``, default
    :data:`WAIT_SECONDS`); True if one was writing and has finished (read them again), False if none
    was (or it still is)."""
    try:
        fd = os.open(lock_path(generation), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if seconds is None else seconds)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
    finally:
        os.close(fd)


def writer(lock: Path) -> int | None:
    """The process id a held lock file names (written by whoever started the writer), or None when
    nobody holds the lock or it names no process id."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return None  # nobody holds it
        except OSError:
            pass
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    return int(text) if text.isdigit() else None
