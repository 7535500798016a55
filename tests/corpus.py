"""Helpers to read the dev corpus copied from shared/corpus/dev (gold by hand, see corpus/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SEED = ROOT / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"


def gold_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.gold.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(gold_path: Path) -> Path:
    return gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
