"""Renumbered copies of the real Security Council corpus: a scale test made of real texts.

`../shared/corpus/cr-unsc` holds 598 real resolutions (S/RES/1–599 of 1946–1987, CC0). Copy k of
it shifts every Security Council resolution number below OFFSET by ``k * OFFSET`` — in the file
name (`S_RES_0242_1967_…` → `S_RES_1242_1967_…`), in the title ("Resolution 242 (1967)") and in
every citation printed as `n (yyyy)` — and leaves everything else as printed (years, dates, the
Charter, General Assembly resolutions, reports). So each copy is a network of its own with the
same shape as the real one: a citation of copy k points into copy k, and the copies together are
~600 × k real texts. Copy 0 is the corpus as it is.

Why `n (yyyy)` and nothing else: the extractor reads a Security Council resolution only in that
form (with OCR slips of its digits, "S71 (1985)" for 571, which are renumbered as the number they
stand for), and a resolution number alone ("that resolution") refers back to one already read, so
it follows. The title's number is renumbered whatever year is printed beside it (the title is
where the document's own symbol is read: "Resolution 434 (1973)" of 1978, "Resolution 290",
"(197-4)"). Numbers keep their order within a copy, so "no resolution cites a later one" holds.
:func:`mapped_targets` states what a copy's extraction must then be; the bench and the tests check it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from resograph.core.errors import UserError

OFFSET = 1000      # copy k adds k * OFFSET: numbers stay within the four digits `n (yyyy)` is read with
MAX_COPIES = 10    # copies 0..9
FILE_NAME = re.compile(r"S_RES_(?P<n>\d{1,4})_(?P<year>\d{4})(?P<rest>_.*\.txt)$")
# A number in OCR'd print: digits, or the letters OCR puts for them (S/$ for 5, O for 0, I/L/[/| for 1)
_DIGITS = r"[\dSsOoIiLl$\[|]"
CITED = re.compile(
    rf"(?<![\w/$\[|.\-])(?P<n>{_DIGITS}{{1,4}})(?P<gap>\s*\.?\s*\(\s*|\s+)(?P<year>(?:19|20)\d\d)\s*\)")
_OCR = str.maketrans({"S": "5", "s": "5", "$": "5", "O": "0", "o": "0", "I": "1", "i": "1", "L": "1", "l": "1",
                      "[": "1", "|": "1"})
SC_KEY = re.compile(r"S/RES/(\d+)\((\d{4})\)$")
TITLE_REACH = 400  # the title is within the first characters (after a heading such as "MILITARY STAFF COMMITTEE")


def _value(token: str) -> int | None:
    digits = token.translate(_OCR)
    if not digits.isdigit() or (len(token) == 1 and not token.isdigit()):
        return None  # a lone letter ("I (1956)") is a word, not a number
    return int(digits)


def renumber_text(text: str, own: int, offset: int) -> str:
    """The text of the copy with `offset`: its own number (the first in the title) and every cited
    `n (yyyy)` with 1 ≤ n < OFFSET shifted by `offset` (also a number later than its own, which
    the extractor drops in the copy as in the original)."""
    if offset == 0:
        return text

    def cited(m: re.Match[str]) -> str:
        n = _value(m.group("n"))
        if n is None or not 1 <= n < OFFSET:
            return m.group(0)
        return str(n + offset) + m.group(0)[len(m.group("n")):]

    title = re.search(rf"(?<![\w/])0*{own}(?!\d)", text[:TITLE_REACH])
    if title is None:
        return CITED.sub(cited, text)
    return text[:title.start()] + str(own + offset) + CITED.sub(cited, text[title.end():])


def sources(corpus: Path) -> list[tuple[Path, int, str]]:
    """(file, number, year) of each Security Council text of `corpus`, by number."""
    out = []
    for p in sorted(corpus.glob("S_RES_*.txt")):
        m = FILE_NAME.match(p.name)
        if m:
            out.append((p, int(m.group("n")), m.group("year")))
    return out


def _stamp(corpus: Path, texts: list[tuple[Path, int, str]], copies: int) -> dict:
    """What the copies in a directory were made from: the texts (names, sizes, times), the count,
    and this module's code."""
    h = hashlib.sha1(Path(__file__).read_bytes())
    for p, _, _ in texts:
        st = p.stat()
        h.update(f"{p.name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return {"source": str(corpus.resolve()), "copies": copies, "texts": len(texts), "sha1": h.hexdigest()}


def write_copies(corpus: Path, out: Path, copies: int) -> int:
    """`copies` renumbered copies of `corpus` side by side in `out` (the file names differ by their
    numbers); returns the number of texts. `out` is replaced, unless it holds the same copies
    already (its `.copies.json` says so: a second bench run does not write 6,000 files again)."""
    if not 1 <= copies <= MAX_COPIES:
        raise UserError(f"{copies} copies of the real corpus: from 1 to {MAX_COPIES}")
    texts = sources(corpus)
    if not texts:
        raise UserError(f"{corpus}: no Security Council texts (S_RES_NNNN_YYYY_….txt)")
    last = max(n for _, n, _ in texts)
    if last >= OFFSET:
        raise UserError(f"{corpus}: resolution {last} is beyond what copies renumber (below {OFFSET})")
    stamp, want = out / ".copies.json", _stamp(corpus, texts, copies)
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == want:
        return len(texts) * copies
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for p, n, year in texts:
        text = p.read_text(encoding="utf-8")
        rest = FILE_NAME.match(p.name).group("rest")
        for k in range(copies):
            name = f"S_RES_{n + k * OFFSET:04d}_{year}{rest}"
            (out / name).write_text(renumber_text(text, n, k * OFFSET), encoding="utf-8")
    stamp.write_text(json.dumps(want), encoding="utf-8")
    return len(texts) * copies


def mapped_key(key: str, offset: int) -> str:
    """What a key of the original reads as in the copy with `offset`."""
    m = SC_KEY.match(key)
    if m and 1 <= int(m.group(1)) < OFFSET:
        return f"S/RES/{int(m.group(1)) + offset}({m.group(2)})"
    return key


def mapped_targets(extraction: dict, offset: int) -> tuple[str | None, set[tuple[str, str]]]:
    """(symbol, {(paragraph, target)}) of an `extract` JSON with its keys as the copy must read them."""
    symbol = extraction["document"]["symbol"]
    pairs = {(c["paragraph"], mapped_key(c["target"], offset)) for c in extraction["citations"]}
    return (mapped_key(symbol, offset) if symbol else None), pairs
