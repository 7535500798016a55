"""Renumbered copies of the real corpus (`resograph.tools.renumber`) and the bench's two query modes.

The short texts below are written here in the layout of Security Council resolutions of the period
(title line, date line, chapeau, numbered paragraphs), with the OCR slips the real texts have; none
is copied. The tests on CR-UNSC read `<checkout>/../shared/corpus/cr-unsc` and skip when it is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resograph.core.errors import UserError
from resograph.query import sparql
from resograph.reading.extract import extract_file
from resograph.tools import bench, renumber

ROOT = Path(__file__).resolve().parent.parent
CR_UNSC = ROOT.parent / "shared" / "corpus" / "cr-unsc"

TEXTS = {
    "S_RES_0001_1950_EN_GOLD.txt": """Resolution 1 (1950)
of 3 March 1950

The Security Council,

Recalling General Assembly resolution 1514 (XV) and Article 2 of the Charter of the United Nations,

1. Decides to establish a commission of inquiry;

2. Requests the commission to report within thirty days.
""",
    "S_RES_0002_1951_EN_GOLD.txt": """Resolution 2 (1951)
of 4 April 1951

The Security Council,

Recalling its resolution 1 (1950) of 3 March 1950,

1. Reaffirms resolution 1 (1950);

2. Decides to remain seized of the matter.
""",
    "S_RES_0003_1952_EN_GOLD.txt": """MILITARY STAFF COMMITTEE

3 (1952). Resolution of 5 May 1952

The Security Council,

Recalling its resolutions 1 (1950) of 3 March 1950 and 2(1951),

Noting the report of the commission (S/2051) and the 1382nd meeting,

1. Takes note of resolution 1 (1950) and of resolution 7 (1999), which it has not seen;

2. Decides to remain seized of the matter.
""",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "sc"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_a_copy_shifts_the_title_and_the_cited_numbers_only():
    text = TEXTS["S_RES_0003_1952_EN_GOLD.txt"]
    new = renumber.renumber_text(text, 3, 2000)
    assert new.startswith("MILITARY STAFF COMMITTEE\n\n2003 (1952). Resolution of 5 May 1952")
    assert "resolutions 2001 (1950) of 3 March 1950 and 2002(1951)" in new
    assert "resolution 2001 (1950)" in new
    assert "resolution 2007 (1999)" in new  # later than its own: renumbered too, dropped by the extractor
    assert "(S/2051)" in new and "1382nd meeting" in new and "3 March 1950" in new
    assert renumber.renumber_text(text, 3, 0) == text  # copy 0 is the corpus as it is


def test_ocr_slips_of_a_cited_number_are_renumbered_as_the_number_they_stand_for():
    text = "Resolution 600 (1987)\n\nRecalling resolutions S71 (1985), SOL (1982), [86 (1964) and 512.(1982),\n"
    new = renumber.renumber_text(text, 600, 1000)
    assert "resolutions 1571 (1985), 1501 (1982), 1186 (1964) and 1512.(1982)," in new
    assert renumber.renumber_text("Resolution 9\n\nsee I (1956)", 9, 1000).endswith("I (1956)")  # a word


def test_a_title_keeps_its_renumbering_when_its_year_is_misprinted():
    text = "Resolution 434 (1973)\nof 18 September 1978\n\nThe Security Council,\n\n1. Decides so.\n"
    assert renumber.renumber_text(text, 434, 1000).startswith("Resolution 1434 (1973)\n")
    assert renumber.renumber_text("Resolution 290\nof 8 December 1970\n", 290, 1000) \
        .startswith("Resolution 1290\n")


def test_each_copy_cites_into_itself(corpus: Path, tmp_path: Path):
    out = tmp_path / "copies"
    assert renumber.write_copies(corpus, out, 3) == 9
    (out / "S_RES_2002_1951_EN_GOLD.txt").write_text("changed", encoding="utf-8")
    assert renumber.write_copies(corpus, out, 3) == 9  # the same copies: kept as they are
    assert (out / "S_RES_2002_1951_EN_GOLD.txt").read_text(encoding="utf-8") == "changed"
    assert renumber.write_copies(corpus, out, 2) == 6  # other copies: written again
    assert renumber.write_copies(corpus, out, 3) == 9
    read = {p.name: extract_file(str(p)).to_json() for p in sorted(out.glob("*.txt"))}
    assert len(read) == 9
    for k in range(3):
        symbols = {f"S/RES/{n + 1000 * k}({1949 + n})" for n in (1, 2, 3)}
        mine = {name: x for name, x in read.items() if int(name[6:10]) // 1000 == k}
        assert {x["document"]["symbol"] for x in mine.values()} == symbols
        cited = {c["target"] for x in mine.values() for c in x["citations"] if c["target"].startswith("S/RES/")}
        # a citation of copy k points into copy k (one of a later resolution is dropped in every copy)
        assert cited == {f"S/RES/{1 + 1000 * k}(1950)", f"S/RES/{2 + 1000 * k}(1951)"}


def test_the_check_compares_each_copy_with_its_original(corpus: Path):
    from resograph.reading.extract import extract

    originals = [extract(p.read_text(encoding="utf-8"), str(p)).to_json() for p, _, _ in renumber.sources(corpus)]
    c = bench.renumber_check(corpus, originals, 9000)
    assert (c["docs"], c["docs_differing"]) == (3, 0) and c["pairs"] > 4
    originals[1]["citations"].pop()  # an original read otherwise: the check sees it
    assert bench.renumber_check(corpus, originals, 9000)["differing"] == ["S_RES_0002_1951_EN_GOLD.txt"]


def test_bad_copy_counts_are_refused(corpus: Path, tmp_path: Path):
    for k in (0, renumber.MAX_COPIES + 1):
        with pytest.raises(UserError, match="copies"):
            renumber.write_copies(corpus, tmp_path / "x", k)
    with pytest.raises(UserError, match="no Security Council texts"):
        renumber.write_copies(tmp_path, tmp_path / "x", 1)


@pytest.mark.skipif(not CR_UNSC.is_dir(), reason="needs ../shared/corpus/cr-unsc beside the checkout")
def test_real_texts_read_the_same_renumbered(tmp_path: Path):
    """Texts with OCR slips in cited numbers (583: "SOL (1982), SO8 (1982)"), a title misprinted
    for another number (542 prints 538), lists of resolutions with dates between the items."""
    from resograph.reading.extract import extract

    d = tmp_path / "real"
    d.mkdir()
    for n in (242, 338, 542, 583, 598):
        for p in CR_UNSC.glob(f"S_RES_{n:04d}_*.txt"):
            shutil.copy(p, d / p.name)
    originals = [extract(p.read_text(encoding="utf-8"), str(p)).to_json() for p, _, _ in renumber.sources(d)]
    c = bench.renumber_check(d, originals, 9000)
    assert c["docs"] == 5 and c["docs_differing"] == 0, c
    assert c["pairs"] >= 20


def test_the_two_query_modes_bind_what_they_say():
    values = {"doc": "S/RES/598(1987)", "from": "S/RES/598(1987)", "key": "un:charter"}
    worst, user = bench._prepared(values), bench._prepared(None)
    catalogue = sparql.load_catalogue()
    assert set(worst) == set(user) == set(catalogue)
    for name, q in catalogue.items():
        _, w = worst[name]
        _, u = user[name]
        for p in q.params:
            if p.name in values:  # worst case: bound to the given value, optional or not
                assert w[p.name] == sparql.to_term(p.kind, values[p.name])
            elif p.default is not None:
                assert w[p.name] == sparql.to_term(p.kind, p.default)
            # as a user first runs it: the declared default, an optional parameter unbound
            if p.default is None:
                assert p.name not in u, (name, p.name)
            else:
                assert u[p.name] == sparql.to_term(p.kind, p.default)
    assert any(p.default is None for q in catalogue.values() for p in q.params)  # some are left open
    assert "doc" not in user["citations-by-body"][1] and "doc" in worst["citations-by-body"][1]
