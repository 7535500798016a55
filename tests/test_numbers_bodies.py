"""Resolution numbers and the body that issued them, as the genre prints them in the three languages:
the pre-1976 special-session forms ("2253 (ES-V)"), and the resolutions of bodies that have no key in
DESIGN's table (functional commissions, conferences of the parties, the specialised agencies'
assemblies), which must not become General Assembly or ECOSOC keys. Invented sentences."""

from __future__ import annotations

import pytest

from resograph.reading import find
from resograph.reading.extract import extract
from resograph.reading import patterns as P
from resograph.reading.languages import LANGUAGES
from test_references import cited, ga_text, sc_text, sc_text_in


def in_sc(lang: str, body: str) -> dict[str, str | None]:
    """target → date of the citations of a Security Council text in `lang` whose preamble is `body`."""
    return cited(sc_text(2500, 2019, body) if lang == "en" else sc_text_in(lang, 2500, 2019, body))


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling General Assembly resolutions 2253 (ES-V) and 2254 (ES-V) of 4 and 14 July 1967,\n"
           "32/5 of 28 October 1977 and 33/113 of 18 December 1978,"),
    ("fr", "Rappelant les résolutions de l'Assemblée générale 2253 (ES-V) et 2254 (ES-V) des 4 et 14 juillet\n"
           "1967, 32/5 du 28 octobre 1977 et 33/113 du 18 décembre 1978,"),
    ("es", "Recordando las resoluciones de la Asamblea General 2253 (ES-V) y 2254 (ES-V), de 4 y 14 de julio\n"
           "de 1967, 32/5, de 28 de octubre de 1977, y 33/113, de 18 de diciembre de 1978,"),
])
def test_emergency_special_session_numbers_before_1976_and_the_list_after_them(lang, body):
    assert in_sc(lang, body) == {"A/RES/2253(ES-V)": None, "A/RES/2254(ES-V)": "1967-07-14",
                                 "A/RES/32/5": "1977-10-28", "A/RES/33/113": "1978-12-18"}


def test_special_session_numbers_in_every_spacing_and_as_a_symbol():
    x = in_sc("en", "Recalling General Assembly resolution 2248(S-V) of 19 May 1967, resolution 1474 (ES-IV)\n"
                    "and A/RES/2145 (XXI), as well as A/RES/2253 (ES-V),")
    assert set(x) == {"A/RES/2248(S-V)", "A/RES/1474(ES-IV)", "A/RES/2145(XXI)", "A/RES/2253(ES-V)"}
    # the newer forms are unchanged
    assert set(in_sc("fr", "Rappelant les résolutions ES-10/19 et S-26/2 de l'Assemblée générale,")) == {
        "A/RES/ES-10/19", "A/RES/S-26/2"}


def test_a_special_session_in_arabic_numerals_and_ocrs_d_for_a_last_i():
    # the Council of 1948 printed "186 (S-2)" (CR-UNSC 49, 54); OCR read "(XVII)" as "(XVID" or "(XVID)" (180, 181, 202)
    x = in_sc("en", "Recalling General Assembly resolution 186 (S-2) of 14 May 1948 and resolutions 1760 (XVID of\n"
                    "31 October 1962, 1819 (XVID) of 18 December 1962 and 1883 (XVIII),")
    assert set(x) == {"A/RES/186(S-II)", "A/RES/1760(XVII)", "A/RES/1819(XVII)", "A/RES/1883(XVIII)"}
    # and the first sessions' "I" read as "1" (CR-UNSC 18 (1947))
    assert set(in_sc("en", "Having accepted General Assembly resolutions 41 (1) and 42 (1) of 14 December 1946,")) == {
        "A/RES/41(I)", "A/RES/42(I)"}
    # … and OCR's lost parenthesis before a date (CR-UNSC 202 (1965))
    assert set(in_sc("en", "Recalling General Assembly resolution 1889 (XVIII of 6 November 1963,")) == {
        "A/RES/1889(XVIII)"}
    # a "d" that goes on into a word is no session
    assert in_sc("en", "Recalling resolution 1883 (Vida the annex),") == {}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling Commission on Crime Prevention and Criminal Justice resolution 22/7 of 26 April 2013\n"
           "and Commission on Narcotic Drugs resolution 56/4,"),
    ("en", "Recalling resolution 56/4 of the Commission on Narcotic Drugs and resolution 9/1 of the Conference\n"
           "of the Parties to the United Nations Convention against Transnational Organized Crime,"),
    ("en", "Recalling Conference of the Parties to the United Nations Convention against Transnational\n"
           "Organized Crime resolution 9/1 and World Health Assembly resolution 66/10,"),
    ("fr", "Rappelant la résolution 56/4 de la Commission des stupéfiants et les résolutions 22/7 et 23/2\n"
           "de la Commission pour la prévention du crime et la justice pénale,"),
    ("es", "Recordando la resolución 22/7 de la Comisión de Prevención del Delito y Justicia Penal y la\n"
           "resolución 2005/69 de la Comisión de Derechos Humanos,"),
])
def test_resolutions_of_other_bodies_are_no_general_assembly_resolutions(lang, body):
    x = in_sc(lang, body)
    assert not [k for k in x if k.startswith(("A/", "E/"))], x


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling Commission on Narcotic Drugs resolution 56/4 and General Assembly resolution 70/181,"),
    ("en", "Noting the work of the Commission on Narcotic Drugs and recalling resolution 70/181,"),
    ("fr", "Rappelant les résolutions 56/4 et 57/2 de la Commission des stupéfiants ainsi que la résolution\n"
           "70/181 de l'Assemblée générale,"),
    ("es", "Recordando las resoluciones 56/4 y 57/2 de la Comisión de Estupefacientes, así como la resolución\n"
           "70/181 de la Asamblea General,"),
])
def test_the_general_assembly_resolution_beside_another_bodys_is_kept(lang, body):
    assert set(in_sc(lang, body)) == {"A/RES/70/181"}


def test_a_security_council_resolution_named_beside_another_body_is_kept():
    x = in_sc("en", "Recalling resolution 2178 (2014) of the Security Council and resolution 22/7 of the\n"
                    "Commission on Crime Prevention and Criminal Justice,")
    assert set(x) == {"S/RES/2178(2014)"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling resolution 22/7 and decision 14/402,"),
    ("fr", "Rappelant la résolution 22/7 et la décision 14/402,"),
    ("es", "Recordando la resolución 22/7 y la decisión 14/402,"),
])
def test_a_slash_number_before_the_31st_session_is_not_the_general_assemblys(lang, body):
    # the Assembly numbered `session/n` only from 1976: "22/7" is another body's
    assert in_sc(lang, body) == {}


def test_its_own_and_human_rights_council_slash_numbers_are_unchanged():
    x = cited(ga_text("Recalling its resolutions 31/72 and 33/113 and Human Rights Council resolution 20/8,"))
    assert set(x) == {"A/RES/31/72", "A/RES/33/113", "A/HRC/RES/20/8"}


def test_every_other_body_holds_one_of_its_needles():
    """find._body_near looks for another body's name only where one of OTHER_BODY_NEEDLES is."""
    names = [w for lang in LANGUAGES for w in lang.other_bodies]
    assert len(names) > 60
    for name in names:
        assert any(k in name for k in P.OTHER_BODY_NEEDLES), name
        assert find._body_before(f"recalling {name}, ", 0, len(name) + 12, P.ANY_BODY_PHRASES) == P.OTHER_BODY
        assert find._other_body_at(f" of {name} ", 0, len(name) + 5) == len(name) + 4


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling resolution 33/1 of the Commission on Crime Prevention and Criminal Justice,"),
    ("fr", "Rappelant la résolution 33/1 de la Commission pour la prévention du crime et la justice pénale,"),
    ("es", "Recordando la resolución 33/1 de la Comisión de Prevención del Delito y Justicia Penal,"),
])
def test_a_long_body_name_after_the_number(lang, body):
    # 33/1 could be an Assembly number: only the commission named after it says it is not
    assert in_sc(lang, body) == {}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling that the Commission on Narcotic Drugs, in its resolution 56/4, and the Human Rights\n"
           "Council, in its resolution 20/8, called upon States,"),
    ("fr", "Rappelant que la Commission des stupéfiants, dans sa résolution 56/4, et le Conseil des droits de\n"
           "l'homme, dans sa résolution 20/8, ont engagé les États,"),
    ("es", "Recordando que la Comisión de Estupefacientes, en su resolución 56/4, y el Consejo de Derechos\n"
           "Humanos, en su resolución 20/8, exhortaron a los Estados,"),
])
def test_a_body_named_before_in_its_resolution_issued_it(lang, body):
    assert set(in_sc(lang, body)) == {"A/HRC/RES/20/8"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling resolutions 70/181 of the General Assembly and 2178 (2014) of the Security Council,"),
    ("fr", "Rappelant les résolutions 70/181 de l'Assemblée générale et 2178 (2014) du Conseil de sécurité,"),
    ("es", "Recordando las resoluciones 70/181 y 71/209 de la Asamblea General y 2178 (2014) del Consejo de\n"
           "Seguridad,"),
])
def test_a_list_that_names_the_body_after_each_group(lang, body):
    want = {"A/RES/70/181", "S/RES/2178(2014)"} | ({"A/RES/71/209"} if lang == "es" else set())
    assert set(in_sc(lang, body)) == want


def test_a_list_of_the_general_assembly_and_another_body():
    x = in_sc("fr", "Rappelant les résolutions 70/181 de l'Assemblée générale et 56/4 de la Commission des stupéfiants,")
    assert set(x) == {"A/RES/70/181"}


@pytest.mark.parametrize("before, named", [
    ("recalling conference of the parties to the united nations convention against transnational\n"
     "organized crime ", True),
    ("recordando la comision de estupefacientes ", True),
    ("noting the work of the commission on narcotic drugs and recalling ", False),
    ("noting the work of the commission on narcotic drugs, and recalling general assembly ", False),
    ("the conference of the parties, and recalling ", False),
])
def test_another_body_right_before_the_word_with_what_completes_its_name(before, named):
    # (folded text before "resolution")
    assert (find._body_before(before, 0, len(before), P.OTHER_BODY_PHRASES) is not None) is named


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling the resolutions of the Assembly 60/288 of 8 September 2006 and 79/243,"),
    ("fr", "Rappelant les résolutions de l'Assemblée 60/288 du 8 septembre 2006 et 79/243,"),
    ("es", "Recordando las resoluciones de la Asamblea 60/288, de 8 de septiembre de 2006, y 79/243,"),
])
def test_the_assembly_by_its_short_name_between_the_word_and_the_numbers(lang, body):
    assert set(in_sc(lang, body)) == {"A/RES/60/288", "A/RES/79/243"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling the resolutions of the Council 2178 (2014), 2396 (2017) and 2482 (2019),"),
    ("fr", "Rappelant la résolution 1373 (2001) du Conseil de sécurité et les résolutions du Conseil 2178 (2014),\n"
           "2396 (2017) et 2482 (2019),"),
    ("es", "Recordando las resoluciones del Consejo 2178 (2014), 2396 (2017) y 2482 (2019),"),
])
def test_the_council_by_its_short_name_before_security_council_numbers(lang, body):
    text = ga_text(body, lang)
    assert set(cited(text)) - {"S/RES/1373(2001)"} == {"S/RES/2178(2014)", "S/RES/2396(2017)", "S/RES/2482(2019)"}


def test_a_short_council_before_a_session_number_is_the_human_rights_council():
    # which council's "42/15"? Not the General Assembly's: the one council that numbers its resolutions
    # session/number (branch leftovers; ECOSOC's yyyy/n and the Security Council's n (yyyy) differ)
    assert set(cited(ga_text("Recordando las resoluciones del Consejo 42/15 y 48/4,", "es"))) == {
        "A/HRC/RES/42/15", "A/HRC/RES/48/4"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling the resolutions of the Assembly of States Parties 5/1 and 6/2,"),
    ("fr", "Rappelant les résolutions de l'Assemblée des États parties 5/1 et 6/2,"),
    ("es", "Recordando las resoluciones de la Asamblea de los Estados Partes 5/1 y 6/2,"),
])
def test_an_assembly_of_states_parties_is_not_the_general_assembly(lang, body):
    assert in_sc(lang, body) == {}


# In the indented layout of a PDF as text, a wrapped line sets a line break and its indentation between
# "its" and the word ("et sa" / "             résolution 1296 (XLIV)").
ECOSOC_HEAD = {"en": "2027/18. Title\n\n             The Economic and Social Council,\n\n",
               "fr": "2027/18. Titre\n\n             Le Conseil économique et social,\n\n",
               "es": "2027/18. Título\n\n             El Consejo Económico y Social,\n\n"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Reaffirming its resolution 1996/31 of 25 July 1996 and its\n             resolution 1296 (XLIV),"),
    ("fr", "Réaffirmant sa résolution 1996/31 du 25 juillet 1996 et sa\n             résolution 1296 (XLIV),"),
    ("es", "Reafirmando su resolución 1996/31, de 25 de julio de 1996, y su\n             resolución 1296 (XLIV),"),
])
def test_its_before_a_line_break_and_indentation_is_still_the_councils_own(lang, body):
    x = cited(f"{ECOSOC_HEAD[lang]}             {body}\n\n             1. Decides.\n")
    assert set(x) == {"E/RES/1996/31", "E/RES/1296(XLIV)"}



# "Res." for "resolution" before a number (holdout8): a singular, in the three languages; not a word
# that merely ends a sentence or opens another ("pres. 3", "Res. A/RES/…" is the symbol's).
@pytest.mark.parametrize("lang, body, expected", [
    ("es", "Teniendo presente la Declaración aprobada por la Asamblea General en su Res. 49/60, de 9 de\n"
           "diciembre de 1994, y la Convención (véase la Res. 79/243, anexo),",
     {"A/RES/49/60": "1994-12-09", "A/RES/79/243": None}),
    ("fr", "Rappelant la Rés. 2625 (XXV) de l'Assemblée générale et sa Res. 2396 (2017),",
     {"A/RES/2625(XXV)": None, "S/RES/2396(2017)": None}),
    ("en", "Recalling General Assembly Res. 51/210 and Res. A/RES/60/288,",
     {"A/RES/51/210": None, "A/RES/60/288": None}),
])
def test_res_abbreviation_before_a_number(lang, body, expected):
    assert in_sc(lang, body) == expected


def test_res_abbreviation_without_a_number_or_inside_a_word_is_nothing():
    assert in_sc("en", "Noting that the Pres. 3 statements and the Res. of the Council were circulated,") == {}


HRC_HEAD = {"en": "A/HRC/RES/31/9\n\nThe Human Rights Council,\n\n",
            "es": "A/HRC/RES/31/9\n\nEl Consejo de Derechos Humanos,\n\n"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling its resolutions 5/1 and S-1/1,\n\n1. Reaffirms its resolution 5/1 and the annex to that "
           "resolution;"),
    ("es", "Recordando sus resoluciones 5/1 y S-1/1,\n\n1. Reafirma su resolución 5/1 y el anexo de dicha "
           "resolución;"),
])
def test_the_human_rights_councils_special_sessions_and_that_resolution(lang, body):
    # "S-1/1" in the Council's own text is its first special session's (A/HRC/RES/S-1/1, not the General
    # Assembly's); "that resolution" after "its resolution 5/1" in the same paragraph is 5/1.
    got = {(c.paragraph, c.target) for c in extract(HRC_HEAD[lang] + body + "\n").citations}
    assert got == {("pp_1", "A/HRC/RES/5/1"), ("pp_1", "A/HRC/RES/S-1/1"), ("op_1", "A/HRC/RES/5/1")}


@pytest.mark.parametrize("lang, body, also", [
    ("en", "Recalling its resolutions S-20/3 and S-20/4 C,", set()),
    ("fr", "Rappelant sa résolution S-20/3 et sa résolution S-20/4 C, comme la résolution S-20/4 a pu le faire,",
     {"A/RES/S-20/4"}),  # a small "a" is a word (French "has"), not a part
])
def test_a_part_letter_after_a_special_session_number(lang, body, also):
    assert set(cited(ga_text(body, lang))) == {"A/RES/S-20/3", "A/RES/S-20/4C"} | also


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling Economic and Social Council resolution 1503 (XLVIII), and the procedure revised in the said "
           "resolution 1503 (XLVIII),"),
    ("es", "Recordando la resolución 1503 (XLVIII) del Consejo Económico y Social y el procedimiento establecido en "
           "la citada resolución 1503 (XLVIII),"),
])
def test_a_roman_session_after_the_thirtieth_is_the_economic_and_social_councils(lang, body):
    # the General Assembly numbered `n (XXX)` up to its 30th session: "1503 (XLVIII)" is ECOSOC's anyhow
    assert set(cited(ga_text(body, lang))) == {"E/RES/1503(XLVIII)"}
    assert set(cited(ga_text("Recalling its resolution 3314 (XXIX),"))) == {"A/RES/3314(XXIX)"}


@pytest.mark.parametrize("own, body, expected", [
    ("A/HRC/RES/50/1\n\nThe Human Rights Council,\n\n", "Recalling Council resolutions 25/38 and 38/11,",
     {"A/HRC/RES/25/38", "A/HRC/RES/38/11"}),
    ("S/RES/2900 (2027)\n\nThe Security Council,\n\n", "Recalling Council resolutions 1373 (2001) and 2396 (2017),",
     {"S/RES/1373(2001)", "S/RES/2396(2017)"}),
    # a General Assembly text: "Council" is not its own short name, and 38/11 stays the Assembly's by default
    ("A/RES/81/44\n\nThe General Assembly,\n\n", "Recalling Council resolution 38/11,", {"A/RES/38/11"}),
])
def test_the_issuing_bodys_short_name_before_its_resolutions(own, body, expected):
    assert set(cited(own + body + "\n")) == expected
