"""The native prefilter (reading/prefilter.py) changes no answer: the finders tried only where
Hyperscan says a match can start give what a full `re` scan gives, and the extraction is the same
JSON with the prefilter and without it (RESOGRAPH_PREFILTER=0, the path of a platform without
Hyperscan)."""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import test_fuzz as fuzz
from corpus import FIXTURES, ROOT
from resograph.reading import find, prefilter
from resograph.reading import patterns as P
from resograph.reading.clean import clean, fold
from resograph.reading.extract import extract
from resograph.reading.lexicon import load_lexicon

pytest.importorskip("hyperscan", reason="the native prefilter needs the hyperscan wheel")
# Fewer examples than test_fuzz (whose invariants run on the same generated texts) unless the long
# run asks for more: each example extracts twice.
FUZZ = settings(fuzz.FUZZ, max_examples=fuzz.LONG or 100)

REAL = ROOT.parent / "shared" / "corpus" / "cr-unsc"
LEX = load_lexicon()
SCANNERS = {"symbol": P.SYMBOL_SCAN, "resolution": P.RESOLUTION_WORD, "decision": P.DECISION_WORD,
            "name": LEX.name_re, "anaphor": P.ANAPHOR, "article": P.ARTICLE, "chapter": P.CHAPTER,
            "mechanism": LEX.mechanism_re}


@contextmanager
def plain():
    """The finders without the prefilter, as on a platform without Hyperscan."""
    before = os.environ.get("RESOGRAPH_PREFILTER")
    os.environ["RESOGRAPH_PREFILTER"] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["RESOGRAPH_PREFILTER"]
        else:
            os.environ["RESOGRAPH_PREFILTER"] = before


def both(text: str) -> tuple[str, str]:
    fast = json.dumps(extract(text).to_json(), ensure_ascii=False, sort_keys=True)
    with plain():
        slow = json.dumps(extract(text).to_json(), ensure_ascii=False, sort_keys=True)
    return fast, slow


def same_matches(folded: str) -> None:
    """Every scanner, tried where the prefilter says, finds what `finditer` finds, on the whole text
    and on a few spans cut at odd places (the paragraph bounds the finders use)."""
    hits = find.prefilter_scan(folded, LEX)
    assert hits is not None
    n = len(folded)
    spans = [(0, n), (n // 3, n - n // 4), (n // 2, n // 2 + 7)]
    for name, rx in SCANNERS.items():
        firsts = [a for a, _ in hits[name]]
        for start, end in spans:
            got = [m.span() for m in prefilter.matches(rx, folded, start, end, hits[name], firsts)]
            assert got == [m.span() for m in rx.finditer(folded, start, end)], (name, start, end)


def test_the_prefilter_is_used():
    assert prefilter.wanted()
    hits = find.prefilter_scan("recalling its resolution 79/136 and a/res/79/1 of the convention", LEX)
    assert hits["resolution"] == [(14, 15)] and hits["symbol"] and hits["anaphor"]
    with plain():
        assert find.prefilter_scan("resolution", LEX) is None


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")) + sorted((ROOT / "data" / "sources").glob("*.txt")),
                         ids=lambda p: p.name)
def test_same_extraction_on_the_fixtures(path):
    text = path.read_text(encoding="utf-8")
    fast, slow = both(text)
    assert fast == slow
    same_matches(fold(clean(text).text))


@FUZZ
@given(st.lists(fuzz.pieces, max_size=120).map(" ".join))
def test_same_extraction_on_genre_soup(text):
    fast, slow = both(text)
    assert fast == slow


@FUZZ
@given(fuzz.mutated())
def test_same_extraction_on_mutated_resolutions(text):
    fast, slow = both(text)
    assert fast == slow


@FUZZ
@given(st.lists(st.one_of(fuzz.pieces, st.sampled_from(
    ["the", "la", "l'", "cette", "both", "the two", "former", "latter", "charter", "carta", "a/", "s /",
     "ga-", "ag -", "agn/", "art.", "arts.", "chapitres", "résolutions", "decisiones", "convenio", "ª", "º",
     "é", "\u00a0", "\x1c", "?", "_", "/", "-", "pacte", "protocolo", "covenants", "ambos", "dudit", "1951",
     " de 1967"])), max_size=80).map("".join))
def test_same_matches_on_folded_soup(text):
    same_matches(fold(clean(text).text))


def test_relax_widens_what_it_cannot_keep():
    assert prefilter.relax(r"(?<![\w/-])ab(?=c)\b") == "ab"
    assert prefilter.relax(r"\ba\s+b") == r"\ba[\t\n\x0b\x0c\r\x1c-\x1f \?]+b"
    assert prefilter.relax(r"(?P<n>\d{1,3})[a-c]") == r"([0-9\?]{1,3})[a-c]"
    assert prefilter.relax("[\\wé]º") == r"[0-9A-Za-z_\?\?]\?"
    with pytest.raises(prefilter.RelaxError):
        prefilter.relax(r"^a")
    # a pattern it cannot widen (or Hyperscan cannot compile) leaves the finders on `re`
    assert prefilter.load({"odd": re.compile(r"^a")}, {}) is None
    assert prefilter.load({"large": P.SYMBOL_SCAN}, {}) is None


@pytest.mark.slow
def test_same_extraction_on_the_real_corpus():
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent (the shared corpus)")
    for path in sorted(REAL.glob("*.txt")):
        fast, slow = both(path.read_text(encoding="utf-8"))
        assert fast == slow, path.name


PROBE = "Recalling its resolution 79/136 and A/RES/79/1, and the said Convention,"


def test_the_compiled_database_is_kept_and_reused_across_processes(tmp_path):
    """A second process, even with another hash seed (sets iterate in another order), loads the
    database the first compiled: one file, not rewritten, same extraction."""
    import subprocess
    import sys
    code = ("import json, sys; from resograph.reading.extract import extract; "
            "print(json.dumps(extract(sys.argv[1]).to_json(), sort_keys=True))")
    outs, stamps = [], []
    for seed in ("1", "2"):
        env = dict(os.environ, RESOGRAPH_CACHE_DIR=str(tmp_path), PYTHONHASHSEED=seed)
        env.pop("RESOGRAPH_PREFILTER", None)
        outs.append(subprocess.run([sys.executable, "-c", code, PROBE], env=env, check=True,
                                   capture_output=True, text=True).stdout)
        stamps.append([(p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir()])
    assert len(stamps[0]) == 1 and stamps[0][0][0].endswith(".hsdb")
    assert stamps[1] == stamps[0]
    assert outs[0] == outs[1] == both(PROBE)[1] + "\n"


def test_a_damaged_or_unwritable_cache_only_costs_a_compilation(tmp_path, monkeypatch):
    patterns, openings = {"anaphor": P.ANAPHOR}, {"resolution": P.RESOLUTION_OPENINGS}
    folded = fold(clean(PROBE).text)
    monkeypatch.setenv("RESOGRAPH_CACHE_DIR", str(tmp_path))
    want = prefilter.load(patterns, openings).scan(folded)
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(b"not a database")  # a truncated or foreign file: compiled again, replaced
    assert prefilter.load(patterns, openings).scan(folded) == want
    assert cached.stat().st_size > 1000 and [p.name for p in tmp_path.iterdir()] == [cached.name]
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("RESOGRAPH_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert prefilter.load(patterns, openings).scan(folded) == want
    assert want["resolution"] and want["anaphor"]
