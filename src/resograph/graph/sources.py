"""Sources → extractions, one per symbol: what a build takes in, and what it had to flag.

A real corpus has texts whose symbol cannot be read, files that hold another file's text, and files
that are not texts at all. None of them stops a build (issue 12); each becomes a :class:`Flag` that
the build's summary lists (`--strict` turns them into an error):

- a text without a readable symbol takes the one its file name carries, by the rules of
  ``graph/file-names.tsv`` (`S_RES_0001_1946_EN_GOLD.txt` → `S/RES/1(1946)`); a name that carries
  none gives a stable key from the text's bytes, ``unidentified:<16 hex digits of its SHA-256>``;
- two texts with one symbol: one is kept (a file whose name gives that symbol, else one whose text
  printed it, else the first path in order), the others are reported and skipped;
- a text that cannot be read (empty, binary, unknown encoding, too large, unreadable) or that the
  extractor fails on is reported and skipped.

>>> symbol_from_file_name("S_RES_0001_1946_EN_GOLD.txt"), symbol_from_file_name("A_RES_51_1.en.txt")
('S/RES/1(1946)', 'A/RES/51/1')
>>> symbol_from_file_name("notes.txt") is None
True
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from resograph.core.errors import UserError
from resograph.reading.clean import check_name, display_name
from resograph.core.keys import normalise_symbol
from resograph.core.models import Extraction
from resograph.reading.convert import SUFFIXES, is_zip, members, source_bytes

UNIDENTIFIED = "unidentified:"  # prefix of the keys given from a text's content

# Flag kinds. The first two keep the document (under the key given); the others skip it.
FROM_FILE_NAME = "symbol from file name"
FROM_CONTENT = "symbol from content"
DUPLICATE = "duplicate"
UNREADABLE = "unreadable"
SKIPPING = (DUPLICATE, UNREADABLE)


def file_names_rules_path() -> Path:
    """The rules, shipped with the package (data beside the code that reads it)."""
    return Path(__file__).with_name("file-names.tsv")


@lru_cache(maxsize=4)
def _rules(path: Path) -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            pattern, template = line.split("\t")
            rules.append((re.compile(pattern + r"(?=[._]|$)", re.IGNORECASE), template.strip()))
        except (ValueError, re.error) as exc:
            raise UserError(f"{path}:{n}: not a rule (pattern TAB key): {exc}") from None
    return tuple(rules)


def _value(text: str) -> str:
    """A group's text as a key prints it: upper case, digits without leading zeros."""
    m = re.fullmatch(r"0*(\d+)(.*)", text)
    return (m.group(1) + m.group(2) if m else text).upper()


def symbol_from_file_name(name: str, rules: Path | None = None) -> str | None:
    """The symbol a file name carries (see ``graph/file-names.tsv``), or None."""
    for pattern, template in _rules(rules or file_names_rules_path()):
        m = pattern.match(os.path.basename(name))
        if m:
            values = {k: _value(v) for k, v in m.groupdict().items() if v is not None}
            return normalise_symbol(template.format(**values))
    return None


def content_key(data: bytes) -> str:
    """A stable key for a text that names itself nowhere: its bytes' digest."""
    return UNIDENTIFIED + hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Flag:
    """One document the build had to decide about: which file, what kind of flag, why."""

    path: str
    kind: str
    reason: str
    symbol: str = ""  # the key given, or the symbol of which this text is a duplicate

    @property
    def skipped(self) -> bool:
        return self.kind in SKIPPING

    def line(self) -> str:
        return f"{self.path}: {self.kind}: {self.reason}"


@dataclass
class Intake:
    """The extractions a build graphs (one per symbol, in source order) and what was flagged."""

    paths: list[Path] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def flags_of(self, path: Path | str) -> list[Flag]:
        return [f for f in self.flags if f.path == str(path)]


# -- collecting ---------------------------------------------------------------------------------

def collect_sources(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, directories as their sources (`*.txt`, `.pdf`, `.docx`, `.html`, `.htm`,
    `.zip`; sorted), and a ZIP as its members (``archive.zip!member``, read in memory by
    :mod:`resograph.reading.convert`); one-line error for a missing path."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            # The directory resolved once, not each of its (maybe 10,000) files: only a file that is
            # itself a link needs resolving. Sorted by name (what sorting the paths gives, faster).
            base = p.resolve()
            # Whether each is a link, from the directory entry (no lstat per file: 0.25 s at 10,000).
            with os.scandir(base) as entries:
                names = sorted((e.name, e.is_symlink()) for e in entries
                               if e.name.lower().endswith(SUFFIXES) and e.is_file())
            files = [(base / n).resolve() if link else base / n for n, link in names]
        elif p.is_file():
            files = [p.resolve()]
        else:
            raise UserError(f"{p}: no such file or directory")
        for f in files:
            found += [Path(m) for m in members(f)] if f.suffix.lower() == ".zip" and is_zip(f) else [f]
    unique = list(dict.fromkeys(found))
    if not unique:
        nested = any(any(Path(raw).glob(f"*/*{suffix}")) for raw in paths if Path(raw).is_dir() for suffix in SUFFIXES)
        hint = " (folders inside a folder are not read: name them, e.g. corpus/*/)" if nested else ""
        raise UserError(f"{', '.join(map(str, paths))}: no sources (*.txt, *.pdf, *.docx, *.html, *.zip) found{hint}")
    return unique


# -- extracting ---------------------------------------------------------------------------------

def _progress(total: int, desc: str, quiet: bool):
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=quiet or None,
                leave=False, dynamic_ncols=True)


def _read_one(path: Path, extractor: Callable[[Path], Extraction]) -> Extraction | Flag:
    """The extraction of one source, or the flag that says why there is none."""
    try:
        check_name(path)  # a file name that is not UTF-8 cannot become a key, a manifest entry, a line
        x = extractor(path)
    except UserError as exc:
        if display_name(path) != str(path):
            return Flag(display_name(path), UNREADABLE, "the file name is not valid UTF-8; rename the file")
        reason = str(exc)
        prefix = f"{path}: "
        return Flag(str(path), UNREADABLE, reason[len(prefix):] if reason.startswith(prefix) else reason)
    except (OSError, UnicodeError, MemoryError, RecursionError) as exc:
        return Flag(str(path), UNREADABLE, f"cannot read ({type(exc).__name__}: {exc})")
    except Exception as exc:  # noqa: BLE001 - one text the extractor fails on must not stop a corpus
        return Flag(str(path), UNREADABLE, f"the extractor failed ({type(exc).__name__}: {exc})")
    # A copy with its own header: the cache may hand the same object out for the same bytes under
    # another name, and a symbol given below must not leak into it.
    return replace(x, document=replace(x.document), path=str(path))


def _name_symbol(x: Extraction, path: Path) -> Flag | None:
    """Give a text without a readable symbol one from its file name or content; say so."""
    if x.document.symbol:
        return None
    key = symbol_from_file_name(path.name)
    if key:
        x.document.symbol = key
        return Flag(str(path), FROM_FILE_NAME, f"no symbol in the text; {key} from the file name", key)
    try:
        data = source_bytes(path)
    except (OSError, UserError):
        data = x.source.encode("utf-8")
    x.document.symbol = content_key(data)
    return Flag(str(path), FROM_CONTENT,
                f"no symbol in the text nor in the file name; key {x.document.symbol} from its bytes",
                x.document.symbol)


def extract_sources(sources: list[Path], extractor: Callable[[Path], Extraction],
                    quiet: bool = True) -> Intake:
    """Extract every source; flag (and skip) what cannot be read, name what names itself nowhere,
    keep one text per symbol (:func:`choose`)."""
    read: list[tuple[Path, Extraction]] = []
    intake = Intake()
    with _progress(len(sources), "extract", quiet) as bar:
        for path in sources:
            got = _read_one(path, extractor)
            if isinstance(got, Flag):
                intake.flags.append(got)
            else:
                flag = _name_symbol(got, path)
                if flag:
                    intake.flags.append(flag)
                read.append((path, got))
            bar.update(1)
    kept, duplicates = choose(read, {f.path for f in intake.flags})
    intake.flags += duplicates
    intake.paths = [p for p, _ in kept]
    intake.extractions = [x for _, x in kept]
    order = {str(p): i for i, p in enumerate(sources)}
    intake.flags.sort(key=lambda f: order.get(f.path, -1))
    return intake


def _preference(path: Path, x: Extraction, renamed: set[str]) -> tuple:
    """Which of several texts of one symbol to keep: lowest first."""
    name_agrees = symbol_from_file_name(path.name) == x.document.symbol
    return (not name_agrees, str(path) in renamed, str(path))


def choose(read: list[tuple[Path, Extraction]], renamed: set[str]
           ) -> tuple[list[tuple[Path, Extraction]], list[Flag]]:
    """One text per symbol (kept in source order) and a flag for each other text of it.
    `renamed`: paths whose symbol did not come from the text (they yield to one that printed it)."""
    by_symbol: dict[str, list[tuple[Path, Extraction]]] = {}
    for path, x in read:
        by_symbol.setdefault(x.document.symbol, []).append((path, x))
    keep: set[str] = set()
    flags: list[Flag] = []
    for symbol, group in by_symbol.items():
        group = sorted(group, key=lambda px: _preference(px[0], px[1], renamed))
        winner = group[0][0]
        keep.add(str(winner))
        for path, x in group[1:]:
            flags.append(Flag(str(path), DUPLICATE, _duplicate_reason(symbol, x, group[0][1], winner),
                              symbol))
    return [(p, x) for p, x in read if str(p) in keep], flags


def _duplicate_reason(symbol: str, x: Extraction, kept: Extraction, winner: Path) -> str:
    name = winner.name if winner.name != os.path.basename(x.path or "") else str(winner)
    if x.source == kept.source:
        return f"the same text as {name} ({symbol}), which is kept; this one skipped"
    other = "" if x.document.language == kept.document.language else \
        f" (in {x.document.language}; {name} is in {kept.document.language})"
    return f"another text of {symbol}{other}; {name} is kept, this one skipped"


def strict_error(flags: list[Flag]) -> UserError:
    """`--strict`: the flags as one line (exit 2, nothing written)."""
    first = flags[0]
    more = f" (and {len(flags) - 1} more)" if len(flags) > 1 else ""
    return UserError(f"{first.path}: {first.kind}: {first.reason}{more}; "
                     "--strict refuses flagged documents")


def describe(flags: list[Flag]) -> list[str]:
    """The summary's lines about flagged documents: a count by kind, then one line each."""
    if not flags:
        return []
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    head = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    return [f"flagged        {len(flags)} document(s): {head}"] + [f"  {f.line()}" for f in flags]


__all__ = ["collect_sources", "extract_sources", "Intake", "Flag", "symbol_from_file_name",
           "content_key", "choose", "describe", "strict_error"]
