"""General Assembly resolutions cited by the title of the declaration, rules or strategy they adopted
("the Universal Declaration of Human Rights", "the Nelson Mandela Rules"), and the articles of such a
declaration, in the three languages. Invented sentences."""

from __future__ import annotations

import pytest

from test_references import cited, ga_text
from test_whose_resolution import in_ga


@pytest.mark.parametrize("lang, body", [
    ("en", "Guided by the Universal Declaration of Human Rights,"),
    ("fr", "Guidée par la Déclaration universelle des droits de l'homme,"),
    ("es", "Guiada por la Declaración Universal de Derechos Humanos,"),
])
def test_the_universal_declaration_is_resolution_217_a_iii(lang, body):
    assert in_ga(lang, body) == {"A/RES/217A(III)"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Reaffirming the right to privacy, as set out in article 12 of the Universal Declaration of Human\n"
           "Rights,"),
    ("fr", "Réaffirmant le droit à la vie privée consacré par l'article 12 de la Déclaration universelle des\n"
           "droits de l'homme,"),
    ("es", "Reafirmando el derecho a la privacidad enunciado en el artículo 12 de la Declaración Universal de\n"
           "Derechos Humanos,"),
    ("en", "Reaffirming the Universal Declaration of Human Rights, in particular article 21, paragraph 3,"),
])
def test_an_article_of_the_declaration_cites_its_resolution(lang, body):
    # a part of a resolution cites the resolution ("paragraph 5 of resolution 77/20"): no "/art_12" key,
    # and the article is not given to the Charter named before
    x = cited(ga_text("Guided by the Charter of the United Nations,\n\n" + body, lang))
    assert set(x) == {"un:charter", "A/RES/217A(III)"}


@pytest.mark.parametrize("lang, body, want", [
    ("en", "Recalling the United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson\n"
           "Mandela Rules) and the Bangkok Rules,", {"A/RES/70/175", "A/RES/65/229"}),
    ("fr", "Rappelant les Règles Nelson Mandela,", {"A/RES/70/175"}),
    ("en", "Bearing in mind the Beijing Rules, the Tokyo Rules and the Riyadh Guidelines,",
     {"A/RES/40/33", "A/RES/45/110", "A/RES/45/112"}),
    ("es", "Teniendo presentes las Reglas de Beijing y las Reglas Mandela,", {"A/RES/40/33", "A/RES/70/175"}),
    ("en", "Recalling the United Nations Global Counter-Terrorism Strategy,", {"A/RES/60/288"}),
    ("en", "Recalling the Definition of Aggression,", {"A/RES/3314(XXIX)"}),
])
def test_rules_guidelines_and_strategies_by_title(lang, body, want):
    assert in_ga(lang, body) == want


def test_the_charter_inside_the_friendly_relations_declarations_title_is_not_cited():
    x = in_ga("en", "Calls upon States to act in accordance with the Declaration on Principles of International\n"
                    "Law concerning Friendly Relations and Co-operation among States in accordance with the\n"
                    "Charter of the United Nations,")
    assert x == {"A/RES/2625(XXV)"}


def test_the_standard_minimum_rules_alone_are_the_1955_rules_not_a_resolution():
    assert in_ga("en", "Recalling the Standard Minimum Rules for the Treatment of Prisoners,") == set()
