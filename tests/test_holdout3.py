"""Blind held-out corpus 3: 12 invented resolutions written without reading the extractor.

INTERPOL GA (en 2017, fr 2014, es 2024, en 1999 with an AGN/ symbol), UN GA (en, fr, es, and an
en text with a 13-paragraph preamble and 10 operative paragraphs with lettered sub-paragraphs),
Security Council (en, fr) and ECOSOC (en, es); 237 gold (paragraph, target) pairs.
Gold conventions and the ambiguous calls are in tests/fixtures/holdout3/NOTES.md.
"""
from pathlib import Path

from resograph.evaluate import evaluate, totals

HOLDOUT3 = Path(__file__).parent / "fixtures" / "holdout3"


def _scores():
    results = evaluate([HOLDOUT3])
    return results, *totals(results)


def test_holdout3_corpus_is_complete():
    results, documents, pairs = _scores()
    assert len(results) == 12
    assert pairs.tp + pairs.fn == 237
    assert all(r.symbol_ok for r in results), [r.name for r in results if not r.symbol_ok]


def test_holdout3_document_level_f1():
    _, documents, _ = _scores()
    # measured at writing: P 1.000 R 1.000 F1 1.000 (183 targets)
    assert documents.f1 >= 0.90, documents


def test_holdout3_paragraph_level_f1():
    results, _, pairs = _scores()
    # measured at writing: P 1.000 R 0.996 F1 0.998; one miss, h3_08 op_5
    # "in accordance with the Cooperation Agreement," (English short name of the 1997 agreement)
    detail = {r.name: (r.missed, r.extra) for r in results if r.missed or r.extra}
    assert pairs.f1 >= 0.85, (pairs, detail)
