"""One build at a time per output directory, and no kill of a build leaves it locked (issue 18).

The lock is an exclusive `flock` on `out/.lock`, which the kernel drops when the last descriptor of
it closes — normally when the build's process dies, however it dies. A forked child (the extraction,
graph and validation workers) would inherit that descriptor and keep the lock alive after its
parent was killed, and a worker whose parent is gone waits for work forever. So:

- every process forked while a lock is held closes its copy at once (`os.register_at_fork`): only
  the build's own process holds the lock;
- workers ask the kernel to kill them when their parent dies (:func:`die_with_parent`, Linux's
  `PR_SET_PDEATHSIG`; elsewhere they end when their queue breaks), so none keeps computing for
  nobody.

>>> import tempfile
>>> with BuildLock(Path(tempfile.mkdtemp())) as lock:
...     lock.fd is not None
True
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
from pathlib import Path

from resograph.core.errors import UserError

LOCK_FILE = ".lock"
_HELD: set[int] = set()  # descriptors of the locks this process holds


def _close_in_child() -> None:
    for fd in _HELD:
        try:
            os.close(fd)  # the child's copy only: the parent's lock stands (no LOCK_UN here)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


class BuildLock:
    """An exclusive flock on `out_dir/.lock`, held by this process alone (not by its children)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / LOCK_FILE
        self.fd: int | None = None
        self.owner = 0

    def __enter__(self) -> "BuildLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise UserError(f"{self.path.parent}: another build is running there (pid {holder}); "
                            "wait for it to finish and run the build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd, self.owner = fd, os.getpid()
        _HELD.add(fd)
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is None or self.owner != os.getpid():
            return  # a forked child: its copy is closed already, the lock is the parent's
        _HELD.discard(self.fd)
        os.ftruncate(self.fd, 0)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Worker initializer: be killed when the process that forked us dies (Linux), and end at once
    if it died before we could ask."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # not Linux: the worker ends when its call queue breaks
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)


__all__ = ["BuildLock", "LOCK_FILE", "die_with_parent"]
