"""Articles and the instrument they belong to, and anaphora, when the text names instruments the
registry does not know (covenants, protocols, regional conventions; the registry's own treaties are
in tests/test_registry_treaties.py): invented
sentences in the genre, in English, French and Spanish."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract

CHAPEAU = {"en": "The General Assembly,", "fr": "L'Assemblée générale,", "es": "La Asamblea General,"}


def cited(lang: str, *paragraphs: str) -> set[tuple[str, str]]:
    """(paragraph, target) of a General Assembly text whose preamble is `paragraphs`."""
    text = CHAPEAU[lang] + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return {(c.paragraph, c.target) for c in extract(text).citations}


# An article (or "thereof", "its article", "dudit Pacte") whose nearest antecedent is an instrument
# the registry does not know is not an article of an older, known treaty: no citation (no key exists).
@pytest.mark.parametrize("lang, first, second", [
    ("en", "Noting the Convention on Cybercrime of the Council of Europe,",
     "Recalling the Declaration on the Rights of Indigenous Peoples and the International Convention on the\n"
     "Elimination of All Forms of Racial Discrimination, in particular article 4 thereof,"),
    ("en", "Noting the Convention on Cybercrime of the Council of Europe,",
     "Recalling the Covenant of the League of Nations, in particular its article 16,"),
    ("fr", "Prenant note de la Convention sur la cybercriminalité du Conseil de l'Europe,",
     "Rappelant le Pacte de la Société des Nations, notamment son article 16,"),
    ("fr", "Prenant note de la Convention sur la cybercriminalité du Conseil de l'Europe,",
     "Rappelant le Pacte de la Société des Nations, et l'article 16 dudit Pacte,"),
    ("fr", "Prenant note de la Convention sur la cybercriminalité du Conseil de l'Europe,",
     "Rappelant la Convention relative aux droits des personnes handicapées et l'article 3 de celle-ci,"),
    ("es", "Tomando nota del Convenio sobre la Ciberdelincuencia del Consejo de Europa,",
     "Recordando el Pacto de la Sociedad de las Naciones, en particular su artículo 16,"),
    ("en", "Noting the Convention on Cybercrime of the Council of Europe,",
     "Recalling also the Optional Protocol to the Convention on the Rights of Persons with\n"
     "Disabilities, in particular article 3 thereof,"),
])
def test_an_article_of_an_unknown_instrument_is_not_an_older_treatys(lang, first, second):
    assert cited(lang, first, second) == {("pp_1", "convention:budapest-2001")}


@pytest.mark.parametrize("lang, paragraphs", [
    ("en", ("Recalling the United Nations Convention against Corruption,",
            "Recalling also the Convention on the Rights of Persons with Disabilities,",
            "Stressing that States parties to the Convention should ensure access to justice,")),
    ("fr", ("Rappelant la Convention des Nations Unies contre la corruption,",
            "Rappelant aussi la Convention relative aux droits des personnes handicapées,",
            "Soulignant que les États parties à la Convention doivent garantir l'accès à la justice,")),
    ("es", ("Recordando la Convención de las Naciones Unidas contra la Corrupción,",
            "Recordando también la Convención sobre los Derechos de las Personas con Discapacidad,",
            "Destacando que los Estados partes en la Convención deben garantizar el acceso a la justicia,")),
])
def test_the_convention_after_an_unknown_convention_is_that_one(lang, paragraphs):
    assert cited(lang, *paragraphs) == {("pp_1", "convention:uncac-2003")}


def test_an_unknown_covenant_does_not_hide_the_convention_named_before_it():
    # "the Convention" refers back to a convention: a covenant named in between is not one
    got = cited("en", "Recalling the United Nations Convention against Corruption,",
                "Recalling also the Covenant of the League of Nations,",
                "Urging States parties to the Convention to cooperate,")
    assert got == {("pp_1", "convention:uncac-2003"), ("pp_3", "convention:uncac-2003")}


def test_the_possessive_constitution_of_interpol_is_still_its_constitution():
    text = ("The General Assembly of the ICPO-INTERPOL, meeting in Vienna,\n\n"
            "RECALLING the United Nations Convention against Corruption,\n\n"
            "BEARING IN MIND Article 26 of the Organization's Constitution,\n")
    got = {(c.paragraph, c.target) for c in extract(text).citations}
    assert ("pp_2", "interpol:constitution/art_26") in got


def test_a_constitution_named_in_a_un_text_is_not_the_last_treaty():
    assert cited("en", "Noting the United Nations Convention against Corruption,",
                 "Recalling Article 3 of the Constitution,") == {("pp_1", "convention:uncac-2003")}
    assert cited("en", "Noting the United Nations Convention against Corruption,",
                 "Recalling Article 3 of the Constitution of the World Health Organization,") \
        == {("pp_1", "convention:uncac-2003")}


# Ranges: every article of a printed range, in the three languages; not a range out of the genre.
@pytest.mark.parametrize("lang, paragraph", [
    ("en", "Recalling articles 16 to 21 of the United Nations Convention against Transnational Organized Crime,"),
    ("fr", "Rappelant les articles 16 à 21 de la Convention des Nations Unies contre la criminalité\n"
           "transnationale organisée,"),
    ("es", "Recordando los artículos 16 a 21 de la Convención de las Naciones Unidas contra la Delincuencia\n"
           "Organizada Transnacional,"),
])
def test_an_article_range_gives_every_article_in_it(lang, paragraph):
    assert cited(lang, paragraph) == {("pp_1", f"convention:untoc-2000/art_{n}") for n in range(16, 22)}


def test_charter_ranges_and_lists_with_a_range():
    assert cited("en", "Recalling Articles 33 to 38 and Article 51 of the Charter of the United Nations,") \
        == {("pp_1", f"un:charter/art_{n}") for n in (33, 34, 35, 36, 37, 38, 51)}


def test_a_range_too_long_for_the_genre_keeps_its_two_ends():
    assert cited("en", "Recalling articles 1 to 500 of the United Nations Convention against Corruption,") \
        == {("pp_1", "convention:uncac-2003/art_1"), ("pp_1", "convention:uncac-2003/art_500")}


def test_a_range_span_is_the_printed_range():
    x = extract(CHAPEAU["en"] + "\n\nRecalling articles 16 to 18 of the United Nations Convention against "
                "Transnational Organized Crime,\n")
    assert [(c.target.rsplit("/", 1)[1], c.text) for c in x.citations] == [
        ("art_16", "articles 16"), ("art_17", "16 to 18"), ("art_18", "18")]


@pytest.mark.parametrize("lang, paragraph", [
    ("es", "Recordando el Convenio de Estambul, en particular su artículo 7,"),
    ("fr", "Rappelant la Convention d'Istanbul, notamment son article 7,"),
    ("en", "Recalling the Convention of Istanbul, in particular its article 7,"),
])
def test_a_name_made_of_a_noun_and_a_place_is_an_unknown_instrument(lang, paragraph):
    first = {"en": "Noting the United Nations Convention against Corruption,",
             "fr": "Prenant note de la Convention des Nations Unies contre la corruption,",
             "es": "Tomando nota de la Convención de las Naciones Unidas contra la Corrupción,"}[lang]
    assert cited(lang, first, paragraph) == {("pp_1", "convention:uncac-2003")}


def test_the_three_conventions_are_conventions_not_a_protocol_named_among_them():
    got = cited("fr", "Réaffirmant la Convention unique sur les stupéfiants de 1961 telle que modifiée par le\n"
                      "Protocole de 1972, la Convention sur les substances psychotropes de 1971 et la Convention\n"
                      "des Nations Unies contre le trafic illicite de stupéfiants et de substances psychotropes de 1988,",
                "Exhortant les États à adhérer aux trois conventions,")
    assert {t for p, t in got if p == "pp_2"} == {"convention:single-drugs-1961", "convention:psychotropic-1971",
                                                  "convention:drugs-1988"}


def test_a_known_treatys_name_inside_a_longer_one_is_not_that_treaty():
    # "Inter-American Convention against Corruption" holds UNCAC's short name; an acronym or a
    # possessive before a name does not make it longer
    assert cited("en", "Noting the Inter-American Convention against Corruption, in particular its article 6,") \
        == set()
    assert cited("en", "Recalling the UN Convention against Corruption and INTERPOL's Constitution,") \
        == {("pp_1", "convention:uncac-2003"), ("pp_1", "interpol:constitution")}


# An article of another organisation's charter ("la Carta de la Organización" in an OAS text, "the Charter
# of the Organization of American States", "la Carta Democrática Interamericana") is not an article of the
# treaty named before it, nor of the Charter of the United Nations.
@pytest.mark.parametrize("lang, second", [
    ("es", "Solicita al Consejo Permanente que informe de conformidad con el artículo 91 f) de la Carta de la "
           "Organización,"),
    ("es", "Recordando el artículo 3 de la Carta Democrática Interamericana,"),
    ("en", "Taking into account articles 20 and 102 of the Charter of the Organization of American States,"),
    ("fr", "Rappelant l'article 17 de la Charte de l'Organisation des États américains,"),
])
def test_an_article_of_another_organisations_charter_is_no_citation(lang, second):
    first = {"en": "Recalling the United Nations Convention against Transnational Organized Crime,",
             "fr": "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée,",
             "es": "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional,"}
    assert cited(lang, first[lang], second) == {("pp_1", "convention:untoc-2000")}


@pytest.mark.parametrize("lang, second, key", [
    ("en", "Recalling Article 25 of the Charter of the United Nations,", "un:charter/art_25"),
    # ("the Charter relating to …", "la Charte de s'abstenir", "the Charter Member States" go on as no
    # other charter's name does: the one named before)
    ("en", "Recalling the functions specified in Article 87 of the Charter relating to strategic areas,",
     "un:charter/art_87"),
    ("en", "Recalling that under Article 25 of the Charter Member States have agreed to carry out its decisions,",
     "un:charter/art_25"),
    ("fr", "Rappelant l'obligation faite aux États par l'Article 2, paragraphe 4, de la Charte de s'abstenir de "
           "recourir à la force,", "un:charter/art_2"),
])
def test_an_article_of_the_united_nations_charter_is_still_the_charters(lang, second, key):
    first = {"en": "Recalling the United Nations Convention against Transnational Organized Crime and the "
                   "Charter of the United Nations,",
             "fr": "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée et la "
                   "Charte des Nations Unies,"}
    assert ("pp_2", key) in cited(lang, first[lang], second)
