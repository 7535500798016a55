"""Check the extractor on a folder of real resolutions that have no hand gold.

Real texts have no gold, but they carry their own checks (see ``shared/corpus/cr-unsc/README.md``):
a one-line baseline regex whose matches are nearly all real citations, chronology (a resolution
never cites a later one), the corpus's own year for each number, and printed operative numbers.
What is specific to a corpus (its file names, its baseline regex, its key shape) is a *genre*, a
small JSON file under ``tools/genres/``, so the same checks run on another body's texts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from resograph.core.errors import UserError
from resograph.core.models import Extraction
from resograph.graph.rdf import kind_of
from resograph.reading.extract import extract_file

DEFAULT_GENRE = "cr-unsc"
CONTEXT = 60  # characters of text shown on each side of a missed match


@dataclass(frozen=True)
class Genre:
    """The corpus-specific rules: how a file name gives the citing number, what the baseline is."""

    name: str
    file_name: re.Pattern[str]  # groups `number` (and `year`) of the citing resolution
    baseline: re.Pattern[str]  # groups `number`, `year` of a cited resolution
    target: str  # key of a baseline match, formatted with number= and year=
    target_pattern: re.Pattern[str]  # the same keys among the extractor's targets
    operative_number: re.Pattern[str]  # a printed operative number, group `number`


def load_genre(name_or_path: str = DEFAULT_GENRE) -> Genre:
    """A genre by name (``tools/genres/NAME.json``) or from a JSON file of the same fields."""
    path = Path(name_or_path)
    try:
        if path.suffix == ".json":
            raw = json.loads(path.read_text(encoding="utf-8"))
        else:
            raw = json.loads(resources.files("resograph.tools").joinpath(
                "genres", f"{name_or_path}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{name_or_path}: not a readable genre ({exc})")
    try:
        return Genre(raw.get("name", path.stem), *(re.compile(raw[k]) for k in ("file_name", "baseline")),
                     raw["target"], re.compile(raw["target_pattern"]), re.compile(raw["operative_number"]))
    except (KeyError, re.error) as exc:
        raise UserError(f"{name_or_path}: genre field missing or not a regex ({exc})")


@dataclass
class Finding:
    """One listed case: a missed baseline citation, a later citation, a year that disagrees."""

    file: str
    target: str
    text: str  # the match with some context, on one line
    paragraph: str | None = None  # paragraph holding the match, None outside every paragraph
    note: str = ""
    baseline_error: bool = False  # a miss where the baseline, not the extractor, is wrong


@dataclass
class OperativeCount:
    file: str
    paragraphs: int  # op_n the extractor found
    printed: int | None  # the highest printed operative number (None: unnumbered)


@dataclass
class Report:
    """Every figure and list of one run; ``figures()`` is the JSON form."""

    genre: str
    documents: int = 0
    skipped_files: list[str] = field(default_factory=list)  # names the genre does not read
    preambular: int = 0
    operative: int = 0
    citations: int = 0
    by_kind: Counter = field(default_factory=Counter)
    baseline: int = 0
    baseline_found: int = 0
    misses: list[Finding] = field(default_factory=list)
    later: list[Finding] = field(default_factory=list)
    self_citations: list[Finding] = field(default_factory=list)
    text_years: list[Finding] = field(default_factory=list)  # printed `n (yyyy)` vs the corpus
    target_years: list[Finding] = field(default_factory=list)  # extracted keys vs the corpus
    operative_counts: list[OperativeCount] = field(default_factory=list)
    symbols: list[Finding] = field(default_factory=list)  # extracted own symbol vs the file name
    unnumbered: list[str] = field(default_factory=list)  # no citing number: baseline not checked

    @property
    def recall(self) -> float:
        return self.baseline_found / self.baseline if self.baseline else 1.0

    @property
    def baseline_errors(self) -> int:
        return sum(m.baseline_error for m in self.misses)

    @property
    def corrected_recall(self) -> float:
        """Recall without the baseline's own errors (an OCR slip the extractor read right, …)."""
        total = self.baseline - self.baseline_errors
        return self.baseline_found / total if total else 1.0

    def operative_mismatches(self) -> list[OperativeCount]:
        return [o for o in self.operative_counts if o.printed is not None and o.printed != o.paragraphs]

    def figures(self) -> dict:
        numbered = [o for o in self.operative_counts if o.printed is not None]
        return {
            "genre": self.genre, "documents": self.documents, "skipped_files": self.skipped_files,
            "paragraphs": {"preambular": self.preambular, "operative": self.operative},
            "citations": self.citations, "citations_by_kind": dict(sorted(self.by_kind.items())),
            "baseline": {"citations": self.baseline, "found": self.baseline_found,
                         "recall": round(self.recall, 4), "baseline_errors": self.baseline_errors,
                         "corrected_recall": round(self.corrected_recall, 4),
                         "misses": [asdict(m) for m in self.misses]},
            "later_citations": [asdict(f) for f in self.later],
            "self_citations": [asdict(f) for f in self.self_citations],
            "year_disagreements": {"text": [asdict(f) for f in self.text_years],
                                   "targets": [asdict(f) for f in self.target_years]},
            "operative": {"numbered_documents": len(numbered),
                          "matching": sum(o.printed == o.paragraphs for o in numbered),
                          "mismatches": [asdict(o) for o in self.operative_mismatches()]},
            "symbol_mismatches": [asdict(f) for f in self.symbols],
            "without_citing_number": self.unnumbered,
        }


def corpus_files(folder: Path, genre: Genre) -> tuple[list[tuple[Path, int | None, int | None]], list[str]]:
    """(path, citing number, year) of each file the genre names, and the names it does not read.

    A genre whose file-name rule has no `number` (or `year`) group leaves it None: the document's
    own symbol gives it then (see :func:`realcheck`).
    """
    if not folder.is_dir():
        raise UserError(f"{folder}: not a directory")
    found, skipped = [], []
    for path in sorted(folder.iterdir()):
        m = genre.file_name.match(path.name) if path.is_file() else None
        if m is None:
            if path.is_file():
                skipped.append(path.name)
            continue
        number, year = m.groupdict().get("number"), m.groupdict().get("year")
        found.append((path, int(number) if number else None, int(year) if year else None))
    if not found:
        raise UserError(f"{folder}: no file named as genre {genre.name!r} expects")
    return found, skipped


def snippet(text: str, start: int, end: int, context: int = CONTEXT) -> str:
    """The match in «» with ``context`` characters each side, whitespace folded to one line."""
    one = lambda s: " ".join(s.split())  # noqa: E731
    return (one(text[max(0, start - context):start]) + " «" + one(text[start:end]) + "» "
            + one(text[end:end + context])).strip()


def paragraph_at(x: Extraction, offset: int) -> str | None:
    for p in x.paragraphs:
        if p.start <= offset < p.end:
            return p.id
    return None


def kind_label(key: str) -> str:
    """The target kind as the graph types it: `Resolution (un-sc)`, `TreatyArticle`, `UNDocument`…"""
    kind, body = kind_of(key)
    name = str(kind).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return f"{name} ({body})" if body else name


def _check_baseline(report: Report, x: Extraction, name: str, citing: int, years: dict[int, int],
                    genre: Genre) -> None:
    """(a) recall of the baseline and (c) printed years against the corpus's year for n."""
    targets = {c.target for c in x.citations}
    seen: set[str] = set()
    for m in genre.baseline.finditer(x.source):
        n, y = int(m.group("number")), int(m.group("year"))
        if not 0 < n < citing:
            continue
        key = genre.target.format(number=n, year=y)
        where = paragraph_at(x, m.start())
        if n in years and years[n] != y:
            report.text_years.append(Finding(name, key, snippet(x.source, m.start(), m.end()), where,
                                             f"the corpus has {n} in {years[n]}"))
        if key in seen:
            continue
        seen.add(key)
        report.baseline += 1
        if key in targets:
            report.baseline_found += 1
        else:
            note, error = _miss_note(x, key, (n, y), years, genre, m.start())
            report.misses.append(Finding(name, key, snippet(x.source, m.start(), m.end()), where, note, error))


def _miss_note(x: Extraction, key: str, ny: tuple[int, int], years: dict[int, int], genre: Genre,
               at: int) -> tuple[str, bool]:
    """What is known of a missed match: (note, whether the baseline rather than the extractor erred).

    The baseline errs on the text's own symbol (a file holding another resolution than its name
    says), on an OCR slip before the digits that the extractor read as the whole number
    (`I11 (1956)`: the baseline keeps 11, the extractor cites 111), and on `n (yyyy)` where the
    corpus has resolution n in another year (`Treaty Series, vol. 75 (1950)`): no such resolution.
    """
    n, y = ny
    if key == x.document.symbol:
        return "the text's own symbol: the file holds another resolution than its name says", True
    before = x.source[at - 1] if at else " "
    glued = not before.isspace() and before not in "([,;:."  # `I11`, `S71`, `$46`: a slip, not a list
    for c in x.citations:
        m = genre.target_pattern.match(c.target)
        if glued and m and int(m.group("year")) == y and m.group("number").endswith(str(n)) \
                and int(m.group("number")) != n:
            return f"the extractor read it as {c.target} (a character before the digits)", True
    if n in years and years[n] != y:
        return f"no such resolution: the corpus has {n} in {years[n]}", True
    if x.paragraphs and at >= x.paragraphs[-1].end:
        return "after the last paragraph", False
    if x.paragraphs and at < x.paragraphs[0].start:
        return "before the first paragraph (header)", False
    return "", False


def _check_targets(report: Report, x: Extraction, name: str, citing: int | None, years: dict[int, int],
                   genre: Genre) -> None:
    """(b) citations of a later resolution or of itself, and extracted keys whose year disagrees."""
    for c in x.citations:
        m = genre.target_pattern.match(c.target)
        if m is None:
            continue
        n, y = int(m.group("number")), int(m.group("year"))
        found = Finding(name, c.target, snippet(x.source, c.start, c.end), c.paragraph)
        if citing is None:
            pass
        elif n > citing:
            report.later.append(found)
        elif n == citing:
            report.self_citations.append(found)
        if n in years and years[n] != y:
            found.note = f"the corpus has {n} in {years[n]}"
            report.target_years.append(found)


def highest_printed(x: Extraction, genre: Genre) -> int | None:
    """The operative count the print gives: numbers at line starts after the first paragraph.

    The highest number, summed over lists whose numbering restarts at 1 (parts A, B, C of one
    resolution: numbering of op_n continues across them, corpus/README.md). OCR's `4,` for `4.`
    and a form feed before the number are read as the genre's pattern allows.
    """
    start = x.paragraphs[0].start if x.paragraphs else 0
    total, highest = 0, 0
    for m in genre.operative_number.finditer(x.source, start):
        n = int(m.group("number"))
        if n == 1 and highest:
            total, highest = total + highest, 0
        highest = max(highest, n)
    return total + highest or None


def own_number(x: Extraction, genre: Genre) -> tuple[int | None, int | None]:
    """(number, year) of the document's own symbol when it has the genre's key shape."""
    m = genre.target_pattern.match(x.document.symbol or "")
    return (int(m.group("number")), int(m.group("year"))) if m else (None, None)


def check_extraction(report: Report, x: Extraction, name: str, citing: int | None, file_year: int | None,
                     years: dict[int, int], genre: Genre) -> None:
    """Add the figures and findings of one extraction (of the text ``name``) to ``report``.

    ``citing`` is the document's number (None: unknown, the baseline and chronology are not
    checked); ``file_year`` the year its file name gives (None: the own symbol is not compared).
    """
    report.documents += 1
    report.preambular += sum(p.kind == "preambular" for p in x.paragraphs)
    ops = sum(p.kind == "operative" for p in x.paragraphs)
    report.operative += ops
    report.citations += len(x.citations)
    report.by_kind.update(kind_label(c.target) for c in x.citations)
    if citing is None:
        report.unnumbered.append(name)
    else:
        _check_baseline(report, x, name, citing, years, genre)
    _check_targets(report, x, name, citing, years, genre)
    report.operative_counts.append(OperativeCount(name, ops, highest_printed(x, genre)))
    if citing is not None and file_year is not None:
        own = genre.target.format(number=citing, year=file_year)
        if x.document.symbol != own:
            report.symbols.append(Finding(name, own, "", None, f"extracted {x.document.symbol!r}"))


def realcheck(folder: Path, genre: Genre | None = None,
              progress: Callable[[Iterable], Iterable] | None = None) -> Report:
    """Run every check over the texts of ``folder`` that the genre's file-name rule reads.

    Every text is extracted first: the corpus's year for each number (check c) comes from all
    of them, by file name or, where the name carries none, by the document's own symbol.
    """
    genre = genre or load_genre()
    files, skipped = corpus_files(folder, genre)
    report = Report(genre.name, skipped_files=skipped)
    docs = []
    for path, number, year in (progress(files) if progress else files):
        x = extract_file(path)
        if number is None:
            number, own_year = own_number(x, genre)
            year = year or own_year
            docs.append((x, path.name, number, None, year))
        else:
            docs.append((x, path.name, number, year, year))
    years = {n: y for _, _, n, _, y in docs if n is not None and y is not None}
    for x, name, number, file_year, _ in docs:
        check_extraction(report, x, name, number, file_year, years, genre)
    return report
