"""The texts that spans index into, kept beside the graph for the sources that were converted.

A citation's ``start``/``end`` index into the text the extractor read. For a plain-text source that is
the file itself; for a PDF, Word or HTML source it is the converter's output, which the user does not
have. The build keeps it as ``texts/<sha256 of the text>.txt`` (content-addressed: the same text is
written once, a changed one gets a new name), and the graph names it (``rg:textSha256`` on the source),
so every span can be shown and checked.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from resograph.core.files import replacing
from resograph.core.models import Extraction

TEXTS_DIR = "texts"


def text_digest(x: Extraction) -> str:
    """SHA-256 of the text the extractor read (UTF-8)."""
    return hashlib.sha256(x.source.encode("utf-8")).hexdigest()


def keep_texts(out_dir: str | os.PathLike, extractions: Iterable[Extraction]) -> int:
    """Write the text of every converted source not already there (atomically); returns how many."""
    folder = Path(out_dir) / TEXTS_DIR
    written = 0
    for x in extractions:
        if x.converter == "text":
            continue
        target = folder / f"{text_digest(x)}.txt"
        if target.is_file():
            continue
        with replacing(target, ".text-", ".tmp") as tmp:
            tmp.write_text(x.source, encoding="utf-8", newline="")  # the exact text spans index into
        written += 1
    return written
