"""Measure the extractor against gold files (`NAME.txt` + `NAME.gold.json`, see corpus/README.md).

Two levels: the set of targets per document, and the set of (paragraph, target) pairs. A bare treaty
key in a paragraph that also cites articles of that treaty is neither required nor penalised.
"""

from __future__ import annotations

import json
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


def _optional_bare(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Bare treaty keys that may be present or not: the paragraph also cites an article of it."""
    return {(p, t.split("/art_")[0]) for p, t in pairs if "/art_" in t}


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


def gold_pairs(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(text, gold) pairs found in the folders, in name order."""
    out = []
    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"{folder}: not a directory")
        for gold in sorted(folder.glob("*.gold.json")):
            text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if text.is_file():
                out.append((text, gold))
    if not out:
        raise UserError(f"{', '.join(map(str, folders))}: no NAME.txt + NAME.gold.json pairs found")
    return out


def evaluate(folders: list[Path], progress=None) -> list[DocResult]:
    results = []
    pairs = gold_pairs(folders)
    for text, gold_path in (progress(pairs) if progress else pairs):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"{gold_path}: not a readable gold file ({exc})")
        results.append(score_document(extract_file(text), gold, text.stem))
    return results


def totals(results: list[DocResult]) -> tuple[Score, Score]:
    docs, pairs = Score(), Score()
    for r in results:
        docs.add(r.documents)
        pairs.add(r.pairs)
    return docs, pairs
