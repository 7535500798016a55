"""Segmentation in one pass (issue 17): each line is matched once against all the steps' line patterns
and starts at the first step that can take it. Same paragraphs, header and skipped spans as offering
every line to every step, on every fixture and (when it is beside the checkout) the real corpus."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from resograph.reading import layout as L
from resograph.reading import patterns as P
from resograph.reading import segment as S
from resograph.reading.clean import clean, fold
from resograph.reading.convert import read_source
from resograph.reading.lexicon import load_lexicon

from corpus import FIXTURES, ROOT

CR_UNSC = ROOT / ".." / "shared" / "corpus" / "cr-unsc"


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("**/*.txt") if not p.name.endswith(".gold.json"))


def _same_as_every_step(paths: list[Path]) -> int:
    lex = load_lexicon()
    paragraphs = 0
    for path in paths:
        ct = clean(read_source(path))
        folded = fold(ct.text)
        fast, slow = S.segment(ct, lex, folded), S.segment(ct, lex, folded, every_step=True)
        assert fast == slow, path.name
        paragraphs += len(fast.paragraphs)
    return paragraphs


def test_one_pass_segments_like_every_step_on_the_fixtures():
    assert _same_as_every_step(_texts(FIXTURES) + _texts(ROOT / "data" / "sources")) > 300


@pytest.mark.slow
def test_one_pass_segments_like_every_step_on_the_real_corpus():
    if not CR_UNSC.is_dir():
        pytest.skip("../shared/corpus/cr-unsc is not beside the checkout")
    assert _same_as_every_step(_texts(CR_UNSC)) > 4000


# Each step before the opening phrases with the patterns it reads a line with (on the folded line,
# or on the unfolded one), as the steps call them.
_FOLDED = {
    "_running_head": (P.RUNNING_HEAD,),
    "_furniture": (P.PAGE_FURNITURE, L.DRAFT_SYMBOL_LINE, L.JOB_FOOTER),
    "_footnote": (P.FOOTNOTE,),
    "_closing": (P.VOTE_STRONG, L.ADOPTION_LINE, P.VOTE_LINE, L.PLENARY_LINE, L.DATE_ONLY),
    "_chapeau": (P.CHAPEAU,),
    "_numbered": (P.NUMBERED, P.BULLET, L.LETTERED),
}
_UNFOLDED = {"_footnote": (L.FOOTNOTE_START,), "_numbered": (L.NUMBERED_COMMA,)}


def _first_step(text: str) -> int | None:
    """The index of the first step one of whose line patterns matches the line (the slow way)."""
    folded = fold(text)
    for index, step in enumerate(S._STEPS):
        name = step.__name__
        if any(rx.match(folded) for rx in _FOLDED.get(name, ())) \
                or any(rx.match(text) for rx in _UNFOLDED.get(name, ())) \
                or (name == "_furniture" and P.SYMBOL.match(folded.strip())):
            return index
    return None


def _lines() -> list[str]:
    lines = [ln for p in _texts(FIXTURES) for ln in clean(read_source(p)).text.split("\n") if ln.strip()]
    if CR_UNSC.is_dir():
        lines += [ln for p in _texts(CR_UNSC)[::7] for ln in clean(read_source(p)).text.split("\n") if ln.strip()]
    rnd = random.Random(0)
    alphabet = "adeglpstAILS0179-–•·*_=./()[]| \u00a0\u0661É"
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14))) for _ in range(20000)]
    lines += ["Adopted unanimously at the", "2. Requests", "5, Notes the report", "L. Strongly condemns",
              "26 Ibid., document S/4431.", "(a) To renew", "[S/318]", "S/RES/2811 (2026)   Title",
              "The Security Council,", "14 December 1960.", "96th plenary meeting", "- 2 -", "19-12345 (E)",
              "   CAC/COSP/2031/15", "UNODC/CCPCJ/EG.4/2031/2", "ctoc/cop/"]
    return lines


def test_the_line_kinds_never_skip_a_step_that_could_take_the_line():
    """The alternation names a step no later than the first whose pattern matches, on every line
    of the fixtures, of the real corpus and on random lines."""
    kinds = S._line_kinds()
    seen = set()
    for text in _lines():
        folded = fold(text)
        stripped = folded.strip()
        if not stripped:
            continue
        c = S.DIGIT if stripped[0].isdecimal() else stripped[0]
        rx = kinds.pattern(c)
        m = rx.match(folded) if rx is not None else None
        got = S._STEPS.index(kinds.chains[m.lastgroup][0]) if m else None
        want = _first_step(text)
        if want is not None:  # (the alternation may match more: the step then declines)
            assert got is not None and got <= want, (text, got, want)
            seen.add(want)
    assert len(seen) == len(_FOLDED)  # every step's patterns were exercised


def _flat_opening(lex) -> re.Pattern[str]:
    """The opening pattern with its modifiers as one flat longest-first alternation (before the trie)."""
    mods = sorted({m for ms in lex.modifiers.values() for m in ms}, key=len, reverse=True)
    mod = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in mods)
    phrase = lex.phrase_re.pattern.removeprefix(r"(?<![\w/-])").removesuffix(r"(?![\w/])")
    return re.compile(rf"\s*(?P<all>(?:(?:{mod})\s+){{0,2}}(?P<phrase>{phrase})(?:\s*,?\s+(?:{mod})(?![\w]))*)(?![\w])")


def _opening_at(rx: re.Pattern[str], text: str, at: int):
    m = rx.match(text, at)
    return m and (m.span("all"), m.group("phrase"))


def test_modifiers_factored_by_prefix_match_as_the_flat_alternation():
    """The opening pattern reads its modifiers ("also", "further", "avec satisfaction") as a trie:
    at every word of every fixture line, and on random runs of modifiers (prefixes of one another:
    "en", "en particular"; "de plus", "de nouveau") before a phrase, it finds what the flat
    longest-first alternation finds."""
    lex = load_lexicon()
    trie, flat = S._opening_re(lex), _flat_opening(lex)
    assert trie.pattern != flat.pattern
    probes = 0
    for path in _texts(FIXTURES):
        for line in fold(clean(read_source(path)).text).split("\n"):
            for at in [0, *(m.end() for m in re.finditer(r"\s+", line))]:
                assert _opening_at(trie, line, at) == _opening_at(flat, line, at), (path.name, line[at:at + 60])
                probes += 1
    mods = sorted({m for ms in lex.modifiers.values() for m in ms})
    phrases = sorted({p.label for p in lex.phrases})
    rnd = random.Random(17)
    for _ in range(5000):
        words = [rnd.choice(mods) for _ in range(rnd.randint(0, 3))]
        words.insert(rnd.randint(0, len(words)), rnd.choice(phrases))
        words += [rnd.choice(mods) for _ in range(rnd.randint(0, 2))]
        text = rnd.choice(["", "  "]) + rnd.choice([" ", ", ", "  "]).join(words) + rnd.choice(["", " x", ","])
        assert _opening_at(trie, text, 0) == _opening_at(flat, text, 0), text
        probes += 1
    assert probes > 20000
