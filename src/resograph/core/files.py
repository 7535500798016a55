"""Writing a file so that a reader sees the old one or the new one, never half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(out: str | os.PathLike, prefix: str = ".tmp-", suffix: str = "") -> Iterator[Path]:
    """A temporary path beside ``out`` to write; when the block ends without an error it becomes
    ``out`` in one rename (mode 0644), else it is removed and ``out`` is left as it was.

    >>> import tempfile; target = Path(tempfile.mkdtemp()) / "page.html"
    >>> with replacing(target, suffix=".html") as tmp:
    ...     _ = tmp.write_text("<p>new</p>", encoding="utf-8")
    >>> target.read_text(encoding="utf-8")
    '<p>new</p>'
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=out.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
