"""Forms the blind sets of the eighth round (holdout27's left-overs, holdout28 and holdout29: their
NOTES.md) found unread. Invented sentences in the genre of those texts."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract

CHAPEAU = {"en": "The General Assembly,", "fr": "L'Assemblée générale,", "es": "La Asamblea General,"}


def targets(lang: str, paragraph: str) -> set[str]:
    text = f"{CHAPEAU[lang]}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    return {c.target for c in extract(text).citations}


@pytest.mark.parametrize("paragraph, keys", [
    ("Recalling also Economic and Social Council resolu-\ntions l559 (XLIX) and 1576 (L),",
     {"E/RES/1559(XLIX)", "E/RES/1576(L)"}),
    ("Recalling its resolutions 2859 (XXVI) and l395 (XIV),", {"A/RES/2859(XXVI)", "A/RES/1395(XIV)"}),
    # no digit in it and no item before: a word, not a number
    ("Noting resolutions oil (XV) of the Commission,", set()),
])
def test_an_ocr_slip_in_a_number_before_a_roman_session(paragraph, keys):
    assert targets("en", paragraph) == keys


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("es", "Recordando también las resoluciones de la Asamblea General S-20/4 C, en la que figuran las medidas "
           "para promover la cooperación judicial, y S-30/1, en cuyo anexo figura el documento final,",
     {"A/RES/S-20/4C", "A/RES/S-30/1"}),
    ("fr", "Rappelant ses résolutions 55/25, par laquelle elle a adopté une convention, et 58/4, dans laquelle "
           "figure une autre,", {"A/RES/55/25", "A/RES/58/4"}),
    ("en", "Recalling its resolutions 55/25, by which it adopted the Convention, and 58/4, whereby it adopted "
           "another,", {"A/RES/55/25", "A/RES/58/4"}),
    # a dated special-session number resumes the list as a dated regular one does
    ("es", "Recordando sus resoluciones S-20/4 C, de 10 de junio de 1998, en la que aprobó el Plan de Acción, "
           "y S-30/1, de 19 de abril de 2016,", {"A/RES/S-20/4C", "A/RES/S-30/1"}),
    # a number after a relative clause that is neither dated nor followed by one is not the list's
    ("en", "Recalling its resolutions 55/25, by which it adopted the Convention, and 3 of the Protocols,",
     {"A/RES/55/25"}),
])
def test_a_list_resumes_after_two_relative_clauses(lang, paragraph, keys):
    assert targets(lang, paragraph) == keys


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("en", "Recalling further its resolutions 1995/20 and 2016/18 and all its subsequent resolutions on the "
           "matter, as well as Commission on Narcotic Drugs resolutions 61/11, 62/4 and 65/3,",
     {"E/RES/1995/20", "E/RES/2016/18"}),
    ("fr", "Rappelant ses résolutions 70/182 et 73/192, ainsi que les résolutions 61/11, 62/4 et 65/3 de la "
           "Commission des stupéfiants,", {"A/RES/70/182", "A/RES/73/192"}),
])
def test_a_list_never_resumes_across_another_resolutions_word(lang, paragraph, keys):
    assert targets(lang, paragraph) == keys


@pytest.mark.parametrize("paragraph, keys", [
    # a brace for the 1 (CR-UNSC 508): a sign in the number, so no word
    ("Recalling its resolutions 425 (1978) and, more particularly, resolution SO}\n(1982),",
     {"S/RES/425(1978)", "S/RES/501(1982)"}),
    ("Reaffirming its resolutions 508 (1982), 509 (1982), SO} (1982) and 512 (1982),",
     {"S/RES/508(1982)", "S/RES/509(1982)", "S/RES/501(1982)", "S/RES/512(1982)"}),
    # letters alone right after the word stay a word
    ("Noting the resolution soil (1982) of the committee,", set()),
])
def test_an_ocr_brace_for_a_one_in_a_council_number(paragraph, keys):
    text = f"The Security Council,\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    assert {c.target for c in extract(text).citations} == keys


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("fr", "Rappelant l'article 5 de la Convention contre la criminalité organisée,", {"convention:untoc-2000/art_5"}),
    ("es", "Utilicen la Convención contra la Delincuencia Organizada como base jurídica, de conformidad con su "
           "artículo 18,", {"convention:untoc-2000", "convention:untoc-2000/art_18"}),
    ("es", "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada,",
     {"convention:untoc-2000"}),
    # the full title still reads as the full title
    ("es", "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y su "
           "artículo 16,", {"convention:untoc-2000", "convention:untoc-2000/art_16"}),
])
def test_unodcs_french_and_spanish_short_names_of_untoc(lang, paragraph, keys):
    assert targets(lang, paragraph) == keys


@pytest.mark.parametrize("paragraph, keys", [
    ("Rappelant le Protocole relatif à la traite des personnes,", {"convention:trafficking-protocol-2000"}),
    ("Rappelant les articles 5, 7 et 8 du Protocole relatif aux armes à feu,",
     {"convention:firearms-protocol-2001/art_5", "convention:firearms-protocol-2001/art_7",
      "convention:firearms-protocol-2001/art_8"}),
    ("Soulignant le rôle du protocole sur les armes à feu,", {"convention:firearms-protocol-2001"}),
])
def test_unodas_and_unodcs_french_short_names_of_the_protocols(paragraph, keys):
    assert targets("fr", paragraph) == keys


PROTOCOLS = {"convention:trafficking-protocol-2000", "convention:migrants-protocol-2000",
             "convention:firearms-protocol-2001"}
NAMED = {"en": "Recalling the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and "
               "Children, the Protocol against the Smuggling of Migrants by Land, Sea and Air and the Protocol "
               "against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and "
               "Ammunition,",
         "fr": "Rappelant le Protocole relatif à la traite des personnes, le Protocole contre le trafic illicite de "
               "migrants et le Protocole relatif aux armes à feu,",
         "es": "Recordando el Protocolo contra la Trata de Personas, el Protocolo contra el tráfico ilícito de "
               "migrantes y el Protocolo sobre armas de fuego,"}


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "Urges States to implement the Convention and its three Protocols,"),
    ("fr", "Engage les États à ratifier la Convention et ses trois Protocoles,"),
    ("es", "Insta a los Estados a ratificar la Convención de Palermo y sus tres protocolos,"),
])
def test_its_three_protocols_are_the_three_named_together(lang, paragraph):
    text = f"{CHAPEAU[lang]}\n\n{NAMED[lang]}\n\n1. {paragraph}\n"
    x = extract(text)
    assert {c.target for c in x.citations if c.paragraph == "op_1"} >= PROTOCOLS


HRC = {"en": "The Human Rights Council,", "fr": "Le Conseil des droits de l'homme,",
       "es": "El Consejo de Derechos Humanos,"}


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("es", "Recordando el Pacto Mundial, que la Asamblea General hizo suyo en su resolución 73/195,", {"A/RES/73/195"}),
    ("en", "Recalling the Global Compact, which the General Assembly endorsed in its resolution 73/195,",
     {"A/RES/73/195"}),
    ("fr", "Rappelant le Pacte mondial, que l'Assemblée générale a fait sien dans sa résolution 73/195,",
     {"A/RES/73/195"}),
    # with no body as the clause's subject, "its" is the issuing body's own
    ("en", "Recalling the Global Compact, which it endorsed in its resolution 44/4,", {"A/HRC/RES/44/4"}),
])
def test_its_resolution_after_a_relative_clause_whose_subject_is_a_body(lang, paragraph, keys):
    text = f"{HRC[lang]}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    assert {c.target for c in extract(text).citations} == keys


@pytest.mark.parametrize("paragraph, keys", [
    ("Rappelant les résolutions du Conseil de sécurité 2199 (2015), en particulier son paragraphe 17, et 2347 (2017),",
     {"S/RES/2199(2015)", "S/RES/2347(2017)"}),
    ("Recalling its resolutions 2199 (2015), in particular paragraph 17 thereof, and 2347 (2017),",
     {"S/RES/2199(2015)", "S/RES/2347(2017)"}),
])
def test_a_council_number_after_an_inserted_clause_ends_the_list(paragraph, keys):
    text = f"Le Conseil de sécurité,\n\n{paragraph}\n\n1. Décide de rester saisi de la question.\n"
    assert {c.target for c in extract(text).citations} == keys


@pytest.mark.parametrize("paragraph, keys", [
    ("RAPPELANT ses résolutions AGN/55/RES/5 et AGN/6l/RES/9,", {"AGN/55/RES/5", "AGN/61/RES/9"}),
    ("RAPPELANT ses résolutions AGN/68/RES/3 et AG-2002-RES-O6,", {"AGN/68/RES/3", "GA-2002-RES-06"}),
])
def test_ocr_slips_in_interpol_codes(paragraph, keys):
    text = f"L'Assemblée générale de l'OIPC-INTERPOL,\n\n{paragraph}\n\nDÉCIDE de poursuivre ses travaux.\n"
    assert {c.target for c in extract(text).citations} == keys


def test_the_charter_after_another_charter_in_the_same_paragraph_is_that_one():
    text = ("La Asamblea General de la Organización de los Estados Americanos,\n\n"
            "REAFIRMANDO los principios consagrados en la Carta de la Organización de los Estados Americanos, y "
            "reconociendo que la cooperación debe llevarse a cabo con pleno respeto de los propósitos de la Carta;\n\n"
            "RECORDANDO los propósitos de la Carta de las Naciones Unidas;\n\n"
            "RESUELVE:\n\n1. Instar a los Estados.\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {("pp_2", "un:charter")}
