"""Resolutions listed below "resolutions … :" at the end of a line (holdout8): a table of resolutions
(number, date, subject) under column headings, or a list one item a line, in the three languages.
Each row's number is cited in the paragraph the colon ends; what follows the table is not a row.
Invented texts in the genre."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract


def cited(source: str) -> list[tuple[str, str]]:
    x = extract(source)
    for c in x.citations:
        assert c.text == source[c.start:c.end]
    return [(c.paragraph, c.target) for c in x.citations]


SC_FR = """Le Conseil de sécurité,

     Rappelant les résolutions ci-après, qui demeurent pleinement applicables :

     Résolution          Date d'adoption          Thème
     1267 (1999)         15 octobre 1999          Al-Qaida et Taliban
     1373 (2001)         28 septembre 2001        Menaces contre la paix
     2178 (2014)         24 septembre 2014        Combattants terroristes étrangers

     Réaffirmant son attachement à la lutte contre le terrorisme,

     1.   Décide de rester saisi de la question.
"""

GA_ES = """La Asamblea General,

     Recordando las resoluciones siguientes, relativas a la
cooperación con INTERPOL:
     71/19, de 21 de noviembre de 2016,
     73/11, de 26 de noviembre de 2018, y
     75/10, de 23 de noviembre de 2020,

     1.   Decide incluir el tema en el programa provisional.
"""

GA_EN = """The General Assembly,

     Recalling the following resolutions:

     Resolution     Subject
     51/1           Observer status for INTERPOL
     79/136         Cooperation between the United Nations and INTERPOL
     Both remain in force, as do the 24 member States' commitments.

     1.   Decides to remain seized of the matter.
"""


@pytest.mark.parametrize("source, expected", [
    (SC_FR, [("pp_1", "S/RES/1267(1999)"), ("pp_1", "S/RES/1373(2001)"), ("pp_1", "S/RES/2178(2014)")]),
    (GA_ES, [("pp_1", "A/RES/71/19"), ("pp_1", "A/RES/73/11"), ("pp_1", "A/RES/75/10")]),
    (GA_EN, [("pp_1", "A/RES/51/1"), ("pp_1", "A/RES/79/136")]),
])
def test_the_rows_below_resolutions_and_a_colon_are_cited(source, expected):
    assert sorted(cited(source)) == sorted(expected)


@pytest.mark.parametrize("paragraph", [
    # no colon at the end of the line: the numbers below belong to no list
    "Recalling its resolutions on the subject, and noting that\n2 (1946) meetings were held,",
    # a colon inside the line, then prose
    "Recalling its resolutions: all of them remain in force,\nand 17 (2003) times more",
    # a blank line and a paragraph that opens with no number
    "Recalling the following resolutions:\n\nWelcoming 12 (2000) initiatives,",
])
def test_no_rows_without_a_colon_ending_the_line_or_with_prose_below(paragraph):
    assert cited(f"The Security Council,\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n") == []
