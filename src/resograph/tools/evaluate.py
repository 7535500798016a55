"""Measure the extractor against gold files (`NAME.txt` + `NAME.gold.json`, see corpus/README.md).

Two levels: the set of targets per document, and the set of (paragraph, target) pairs. A bare treaty
key in a paragraph that also cites articles (or Charter chapters) of it is neither required nor penalised.

A gold file may name a text it does not sit beside: `"source": "cr-unsc/S_RES_0242_1967_EN_GOLD.txt"`,
relative to a shared corpus folder (third-party texts are read from there, never copied). That folder
is `--corpus DIR`, else the first `shared/corpus` found beside the gold file or one of its parents
(`<checkout>/../shared/corpus` for `tests/fixtures/real`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from resograph.core.errors import UserError
from resograph.reading.extract import extract_file
from resograph.core.models import Extraction


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocResult:
    name: str
    documents: Score
    pairs: Score
    missed: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    symbol_ok: bool = True


_PART = re.compile(r"/(?:art|chap)_[^/]+$")


def _optional_bare(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Bare keys that may be present or not: the paragraph also cites an article or chapter of it."""
    return {(p, _PART.sub("", t)) for p, t in pairs if _PART.search(t)}


def score_document(extraction: Extraction, gold: dict, name: str) -> DocResult:
    got = {(c.paragraph, c.target) for c in extraction.citations}
    want = {(c["paragraph"], c["target"]) for c in gold["citations"]}
    optional = _optional_bare(got | want)
    g, w = got - (optional - want), want - (optional - got)
    pairs = Score(len(g & w), len(g - w), len(w - g))
    got_t, want_t = {t for _, t in got}, {t for _, t in want}
    docs = Score(len(got_t & want_t), len(got_t - want_t), len(want_t - got_t))
    return DocResult(name, docs, pairs, sorted(w - g), sorted(g - w),
                     gold.get("symbol") in (None, extraction.document.symbol))


def corpus_root(gold: Path, given: Path | None = None) -> Path | None:
    """The shared corpus folder a gold file's `source` is relative to (see the module docstring)."""
    if given is not None:
        return given
    for folder in gold.resolve().parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return None


def _load_gold(gold_path: Path) -> dict:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{gold_path}: not a readable gold file ({exc})")
    if not isinstance(gold, dict) or not isinstance(gold.get("citations"), list):
        raise UserError(f"{gold_path}: not a gold file (no citations list)")
    return gold


def _named_source(gold_path: Path, source: str, corpus: Path | None) -> Path:
    """The shared text a gold file names; a one-line error when it cannot be found."""
    root = corpus_root(gold_path, corpus)
    if root is None:
        raise UserError(f"{gold_path}: its source {source} is in a shared corpus folder that was not "
                        "found (give it with --corpus DIR)")
    text = root / source
    if not text.is_file():
        raise UserError(f"{gold_path}: its source {text} does not exist")
    return text


def gold_pairs(folders: list[Path], corpus: Path | None = None) -> list[tuple[Path, Path]]:
    """(text, gold) pairs found in the folders, in name order: NAME.txt beside, or the named source."""
    out = []
    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"{folder}: not a directory")
        for gold in sorted(folder.glob("*.gold.json")):
            text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if text.is_file():
                out.append((text, gold))
                continue
            source = _load_gold(gold).get("source")
            if source:
                out.append((_named_source(gold, source, corpus), gold))
    if not out:
        raise UserError(f"{', '.join(map(str, folders))}: no NAME.txt + NAME.gold.json pairs found")
    return out


def evaluate(folders: list[Path], progress=None, corpus: Path | None = None) -> list[DocResult]:
    """Score the extractor on every gold file of the folders (`corpus`: where named sources are)."""
    results = []
    pairs = gold_pairs(folders, corpus)
    for text, gold_path in (progress(pairs) if progress else pairs):
        name = gold_path.name[: -len(".gold.json")]
        results.append(score_document(extract_file(text), _load_gold(gold_path), name))
    return results


def totals(results: list[DocResult]) -> tuple[Score, Score]:
    docs, pairs = Score(), Score()
    for r in results:
        docs.add(r.documents)
        pairs.add(r.pairs)
    return docs, pairs
