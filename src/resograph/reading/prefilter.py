"""A native multi-pattern prefilter for the finders: one Hyperscan pass over a document says where
each finder's pattern can start a match, so the Python regex is only tried there.

Exact by construction: each finder pattern is *relaxed* (look-arounds and inner word boundaries
dropped, `\\s`, `\\d`, `\\w` and classes widened) into a Hyperscan pattern that matches wherever the
Python pattern does, and more. Hyperscan scans bytes, so the text is given as ASCII with every other
character replaced by ``?`` (one byte per character: offsets unchanged), and every relaxed class
accepts ``?``. Hyperscan reports, per match end, the leftmost start (``SOM_LEFTMOST``): every
position where the Python pattern can match lies in one of the reported [start, end) intervals, and
:func:`matches` tries the Python pattern at those positions only, which yields what `finditer`
yields. Without the `hyperscan` package (a platform with no wheel) :func:`load` returns None and the
finders scan as before: same answers, slower.

Compiling the database costs ~80 ms of CPU, more than reading a short text, so the compiled database
is kept in the user's cache directory, keyed by a digest of the expressions, their flags, the
Hyperscan version and the machine: each later process loads it in well under a millisecond.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import tempfile
from bisect import bisect_right
from pathlib import Path

try:  # a wheel for x86_64/arm64 Linux and macOS; elsewhere the finders scan with `re` alone
    import hyperscan
except ImportError:  # pragma: no cover - exercised by forcing the plain path in tests
    hyperscan = None

# What a relaxed `\s`, `\d`, `\w` accept: the ASCII characters Python's classes hold, and `?`,
# which stands for any non-ASCII character of the text.
_CLASSES = {"s": r"\t\n\x0b\x0c\r\x1c-\x1f \?", "d": r"0-9\?", "w": r"0-9A-Za-z_\?"}
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")

Intervals = list[tuple[int, int]]


class RelaxError(ValueError):
    """A construct the relaxation does not know how to widen (the finder then scans with `re`)."""


def relax(pattern: str) -> str:
    """A Hyperscan pattern that matches every span the Python `pattern` matches (and maybe more).

    Look-arounds and word boundaries are dropped (a leading `\\b` is kept: it looks at the character
    before the match, which a Python scan bounded to a paragraph sees too), classes and `\\s\\d\\w`
    also accept `?`, non-ASCII characters become `?`, group names go.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith(_LOOKAROUND, i):
            i = _group_end(pattern, i)
        elif pattern.startswith("(?P<", i):
            out.append("(")
            i = pattern.index(">", i) + 1
        elif ch == "(" and pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
            raise RelaxError(f"group {pattern[i:i + 4]!r}")
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(_relax_class(pattern[i + 1:end]))
            i = end + 1
        elif ch == "\\":
            out.append(_relax_escape(pattern[i + 1], first=not out))
            i += 2
        elif ch in "^$":
            raise RelaxError("anchor")
        else:
            out.append(ch if ch.isascii() else r"\?")
            i += 1
    return "".join(out)


def _relax_escape(ch: str, first: bool) -> str:
    if ch in _CLASSES:
        return f"[{_CLASSES[ch]}]"
    if ch == "b":
        return r"\b" if first else ""
    if ch in "SDWBAZ" or ch.isdigit():
        raise RelaxError(f"escape \\{ch}")
    return "\\" + ch if ch.isascii() else r"\?"


def _relax_class(body: str) -> str:
    negated = body.startswith("^")
    if negated:
        body = body[1:]
        if "?" in body or "\\" in body:
            raise RelaxError("negated class")
        return f"[^{body}]"  # accepts `?`, as Python's accepts any non-ASCII character
    parts, i, wide = [], 0, False
    while i < len(body):
        if body[i] == "\\":
            nxt = body[i + 1]
            if nxt in _CLASSES:
                parts.append(_CLASSES[nxt])
                wide = True
            elif nxt in "SDW":
                raise RelaxError("negated escape in a class")
            else:
                parts.append(body[i:i + 2])
            i += 2
        else:
            wide = wide or not body[i].isascii()
            parts.append(body[i] if body[i].isascii() else "")
            i += 1
    # An ASCII-only class matches no non-ASCII character: it need not accept `?`.
    return "[" + "".join(parts) + (r"\?]" if wide else "]")


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _group_end(pattern: str, i: int) -> int:
    """The index after the group that opens at `i`."""
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(pattern, j) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise RelaxError("unbalanced group")


class Prefilter:
    """One Hyperscan database for named Python patterns; :meth:`scan` gives each name's intervals.

    `patterns`: Python patterns, looked for relaxed, with the start of each match (SOM). `openings`:
    for a pattern every match of which opens with one of these words (after a non-word character
    when the word opens with one), the words themselves: a start is then exact (end − length, no
    SOM: a far smaller database) and the pattern is tried there alone.
    """

    def __init__(self, patterns: dict[str, re.Pattern[str]], openings: dict[str, tuple[str, ...]]) -> None:
        self.names = list(patterns) + list(openings)
        exprs = [relax(rx.pattern) for rx in patterns.values()]
        flags = [hyperscan.HS_FLAG_SOM_LEFTMOST] * len(exprs)
        self.lengths = [0] * len(exprs)  # per expression: 0 = SOM reports the start, else its length
        self.owner = list(range(len(exprs)))  # per expression: the index of its name
        for k, words in enumerate(openings.values(), start=len(patterns)):
            for size in sorted({len(w) for w in words}):  # one expression per length: start = end - size
                exprs.append("|".join(_literal(w) for w in sorted(words) if len(w) == size))
                flags.append(0)
                self.lengths.append(size)
                self.owner.append(k)
        self.db = _database([e.encode("ascii") for e in exprs], flags)
        self.scratch = hyperscan.Scratch(self.db)

    def scan(self, text: str) -> dict[str, Intervals]:
        """For each name, the sorted, merged intervals that hold every start of its pattern's matches."""
        found: list[list[tuple[int, int]]] = [[] for _ in self.names]
        lengths, owner = self.lengths, self.owner

        def on_match(ident: int, start: int, end: int, flags: int, context: object) -> None:
            size = lengths[ident]
            if size:
                start = end - size
                end = start + 1
            found[owner[ident]].append((start, end))

        data = text.encode("ascii", "replace")
        self.db.scan(data, match_event_handler=on_match, scratch=self.scratch)
        return {name: _merge(hits) for name, hits in zip(self.names, found)}


def cache_dir() -> Path:
    """Where compiled databases are kept: $RESOGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/resograph, else
    ~/.cache/resograph."""
    if os.environ.get("RESOGRAPH_CACHE_DIR"):
        return Path(os.environ["RESOGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "resograph"


def _database(exprs: list[bytes], flags: list[int]) -> "hyperscan.Database":
    """The block-mode database of `exprs`, loaded from the cache when an identical one was compiled
    before on this machine, else compiled and stored there (atomically; a cache that cannot be read
    or written is only a slower start)."""
    key = hashlib.sha256(repr((hyperscan.__version__, platform.machine(), exprs, flags)).encode()).hexdigest()
    path = cache_dir() / f"prefilter-{key[:32]}.hsdb"
    try:
        return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except (OSError, hyperscan.error):
        pass  # absent, unreadable or from another build of the library: compile afresh
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=exprs, ids=list(range(len(exprs))), flags=flags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".prefilter-")
    except OSError:
        return db
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(hyperscan.dumpb(db))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    return db


def _literal(word: str) -> str:
    """A word for Hyperscan, `\\b` first when it opens with a word character (the Python patterns
    want no word character before it, which implies the boundary); non-ASCII characters as `?`."""
    body = "".join(re.escape(ch) if ch.isascii() else r"\?" for ch in word)
    return (r"\b" if word[:1].isascii() and (word[:1].isalnum() or word[:1] == "_") else "") + body


def _merge(hits: list[tuple[int, int]]) -> Intervals:
    if not hits:
        return hits
    hits.sort()
    out = [hits[0]]
    for s, e in hits[1:]:
        ls, le = out[-1]
        if s <= le:
            if e > le:
                out[-1] = (ls, e)
        else:
            out.append((s, e))
    return out


def matches(rx: re.Pattern[str], text: str, start: int, end: int, intervals: Intervals,
            starts: list[int]) -> list[re.Match[str]]:
    """What `rx.finditer(text, start, end)` yields, trying `rx` only inside `intervals` (their
    starts in `starts`): a match can start nowhere else, and matches are tried in order from
    where the last one ended, as `finditer` does. (No finder pattern matches the empty string.)"""
    out: list[re.Match[str]] = []
    k = max(bisect_right(starts, start) - 1, 0)
    pos = start
    match = rx.match
    for a, b in intervals[k:]:
        if a >= end:
            break
        p = a if a > pos else pos
        stop = b if b < end else end
        while p < stop:
            m = match(text, p, end)
            if m is None:
                p += 1
            else:
                out.append(m)
                pos = p = m.end() if m.end() > p else p + 1
    return out


def wanted() -> bool:
    """Is the native path available and not switched off (RESOGRAPH_PREFILTER=0, to compare paths)?"""
    return hyperscan is not None and os.environ.get("RESOGRAPH_PREFILTER") != "0"


def load(patterns: dict[str, re.Pattern[str]], openings: dict[str, tuple[str, ...]]) -> Prefilter | None:
    """The prefilter for these patterns, or None without Hyperscan or when one cannot be relaxed or
    compiled (a pattern changed beyond what `relax` knows): the finders then scan with `re` alone.
    Callers build it once."""
    if hyperscan is None:
        return None
    try:
        return Prefilter(patterns, openings)
    except (RelaxError, hyperscan.error, ValueError):
        return None
