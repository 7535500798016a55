"""fold() replaces each distinct non-ASCII character once (issue 17): the same text as one substitution
pass over every occurrence, on the fixtures and on generated text, including characters that fold into
another non-ASCII character (then fold takes the pass)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from resograph.reading import clean as C
from resograph.reading.convert import read_source

from corpus import FIXTURES, ROOT


def _one_pass(text: str) -> str:
    """fold as one substitution pass: every non-ASCII character of the lower-cased text in turn."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if c.isascii() else C._fold_char(c) for c in text)
    return C._NON_ASCII.sub(lambda m: C._fold_char(m.group(0)), lowered)


def test_fold_is_one_pass_on_the_fixtures_and_sources():
    paths = sorted(p for folder in (FIXTURES, ROOT / "data" / "sources") for p in Path(folder).glob("**/*.txt"))
    texts = [C.clean(read_source(p)).text for p in paths]
    assert sum(not t.isascii() for t in texts) > 20  # French and Spanish texts: accents to fold
    for path, text in zip(paths, texts):
        assert C.fold(text) == _one_pass(text), path.name


# é ñ Ç: fold to ASCII; ß « ’: stay; ἀ folds to α (non-ASCII: the pass); İ lower-cases to two characters
_ALPHABET = "abcXYZ 1,.\n" + "éÉñÑçÇüàß«»’ἀΩİ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_fold_is_one_pass_on_generated_text(text):
    assert C.fold(text) == _one_pass(text)
    assert len(C.fold(text)) == len(text)


def test_fold_keeps_a_non_ascii_fold_apart():
    # ἀ → α, and α itself stays: replacing one after the other must not touch the other's positions
    assert C.fold("Ἀα é") == "αα e"
