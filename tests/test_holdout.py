"""The extractor on a held-out corpus it was not written against (tests/fixtures/holdout, see NOTES.md there).

Ten resolution texts (INTERPOL old and recent, UN General Assembly, Security Council, ECOSOC; fr/en/es)
with hand-made gold following corpus/README.md. The bar is lower than on the dev corpus on purpose:
this measures generalisation, not memorisation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resograph.evaluate import evaluate, totals

HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"
GOLD = sorted(HOLDOUT.glob("*.gold.json"))
OWN_SYMBOL = {g.name[: -len(".gold.json")]: json.loads(g.read_text(encoding="utf-8"))["symbol"] for g in GOLD}


def test_holdout_corpus_is_complete():
    assert len(GOLD) == 10
    for g in GOLD:
        assert g.with_name(g.name[: -len(".gold.json")] + ".txt").is_file(), g.name
        assert json.loads(g.read_text(encoding="utf-8"))["citations"], g.name


@pytest.fixture(scope="module")
def results():
    return evaluate([HOLDOUT])


def test_holdout_corpus_scores_above_the_bar(results):
    assert len(results) == len(GOLD)
    docs, paragraphs = totals(results)
    assert docs.f1 >= 0.90, docs
    assert paragraphs.f1 >= 0.85, paragraphs


def test_holdout_own_symbol_is_recognised_and_never_cited(results):
    assert [r.name for r in results if not r.symbol_ok] == []
    for g in GOLD:
        gold = json.loads(g.read_text(encoding="utf-8"))
        assert gold["symbol"] not in {c["target"] for c in gold["citations"]}, g.name
    assert not [(r.name, e) for r in results for e in r.extra if e[1] == OWN_SYMBOL[r.name]]
