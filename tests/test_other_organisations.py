"""Resolutions of other organisations (regional, inter-regional, police) that cite United Nations and
INTERPOL instruments beside their own, which have no key in DESIGN's table (holdout11's causes).
Invented sentences in the three languages."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract


def targets(text: str) -> set[tuple[str, str]]:
    return {(c.paragraph, c.target) for c in extract(text).citations}


OAS = ("ORGANIZACIÓN DE LOS ESTADOS AMERICANOS\n\nAG/RES. 3100 (LVI-O/26)\n\nTÍTULO DE PRUEBA\n\n"
       "LA ASAMBLEA GENERAL,\n\n{body}\n\nRESUELVE:\n\n1. Encomendar al Consejo Permanente el seguimiento.\n")


def test_another_organisations_text_has_no_united_nations_body_and_its_own_numbers_no_key():
    x = extract(OAS.format(body="RECORDANDO su resolución 12/3 y su resolución 2004 (XXXIV), así como la "
                                "resolución 79/243 de la Asamblea General de las Naciones Unidas,"))
    assert x.document.body is None
    assert {c.target for c in x.citations} == {"A/RES/79/243"}


def test_the_general_assembly_of_the_united_nations_by_its_resolution():
    # the possessive after a body named with its complement is that body's, in any text
    got = targets(OAS.format(body="TENIENDO EN CUENTA que la Asamblea General de las Naciones Unidas, mediante su "
                                  "resolución 79/243, aprobó la Convención de las Naciones Unidas contra la "
                                  "Ciberdelincuencia,"))
    assert got == {("pp_1", "A/RES/79/243"), ("pp_1", "convention:cybercrime-2024")}


AU = ("UNION AFRICAINE\nCONSEIL EXÉCUTIF\n\nEX.CL/Dec.1300(XLVII)\n\nDÉCISION DE PRUEBA\n\nLe Conseil exécutif,\n\n"
      "{body}\n\n1. DEMANDE à la Commission de faire rapport.\n")


@pytest.mark.parametrize("body", [
    "Rappelant la résolution AHG/Res.213 (XXVIII) et la résolution CM/Res.1714 (LXX),",
    "Rappelant le paragraphe 3 de la décision 749 (XXXIII) de la Conférence de l'Union,",
    "Rappelant sa résolution 3314 (XXIX),",
])
def test_another_organisations_symbols_and_roman_sessions_are_not_united_nations_keys(body):
    assert targets(AU.format(body=body)) == set()


def test_a_roman_session_named_as_the_general_assemblys_is_still_read_there():
    got = targets(AU.format(body="Rappelant la résolution 3314 (XXIX) de l'Assemblée générale des Nations Unies,"))
    assert got == {("pp_1", "A/RES/3314(XXIX)")}


@pytest.mark.parametrize("body, charter", [
    ("RECORDANDO la Carta Democrática Interamericana y la Carta de las Naciones Unidas,", True),
    ("RECORDANDO la Carta Democrática Interamericana,", False),
])
def test_another_charter_is_not_the_charter_of_the_united_nations(body, charter):
    assert targets(OAS.format(body=body)) == ({("pp_1", "un:charter")} if charter else set())


def test_a_possessive_article_belongs_to_the_instrument_named_before_it():
    # "son article II" is the OAU Charter's, not the UN Charter named after it
    got = targets(AU.format(body="Rappelant la Charte de l'Organisation de l'unité africaine, en particulier son "
                                 "article II, ainsi que la Charte des Nations Unies,"))
    assert got == {("pp_1", "un:charter")}
    got = targets(AU.format(body="Rappelant la Charte africaine des droits de l'homme et des peuples, notamment son "
                                 "article 3,"))
    assert got == set()


AMERIPOL = ("COMUNIDAD DE POLICÍAS DE AMÉRICA – AMERIPOL\n\nResolución N.º 09/2026\n\nAsunto: Prueba\n\n"
            "La Cumbre de AMERIPOL,\n\nTENIENDO PRESENTE el Estatuto de la OIPC-INTERPOL, en particular su "
            "artículo 2,\n\n{body}\n\n2. Encargar a la Secretaría un informe.\n")


def test_a_statute_named_by_another_organisations_acronym_is_not_interpols():
    got = targets(AMERIPOL.format(body="1. Aplicar el artículo 12 del Estatuto de AMERIPOL y el artículo 3 del "
                                       "Estatuto de la OIPC-INTERPOL;"))
    assert got == {("pp_1", "interpol:constitution"), ("pp_1", "interpol:constitution/art_2"),
                   ("op_1", "interpol:constitution/art_3")}


def test_a_convention_whose_name_goes_on_in_lower_case_is_not_the_last_treaty_named():
    text = ("Le Comité des Ministres du Conseil de l'Europe,\n\nRappelant la Convention sur la cybercriminalité "
            "(STE no 185),\n\n1. invite les États à respecter l'article 8 de la Convention de sauvegarde des droits de "
            "l'homme et des libertés fondamentales ;\n")
    assert targets(text) == {("pp_1", "convention:budapest-2001")}


@pytest.mark.parametrize("text, cited", [
    ("TAKING INTO ACCOUNT the negotiations on a United Nations convention against transnational organized crime,",
     False),
    ("TAKING INTO ACCOUNT the United Nations Convention against Transnational Organized Crime,", True),
])
def test_a_treaty_to_be_negotiated_is_no_citation_of_the_treaty(text, cited):
    doc = f"19th ASEANAPOL CONFERENCE\n\nThe Nineteenth ASEANAPOL Conference,\n\n{text}\n\nRESOLVES to meet again.\n"
    assert targets(doc) == ({("pp_1", "convention:untoc-2000")} if cited else set())


def test_a_united_nations_text_about_a_regional_organisation_keeps_its_body():
    text = ("A/RES/81/40\n\nCooperation between the United Nations and the African Union\n\nThe General Assembly,\n\n"
            "Recalling its resolution 77/20 and the Constitutive Act of the African Union,\n\n"
            "1. Requests the Secretary-General to report.\n")
    x = extract(text)
    assert x.document.body == "un-ga" and {c.target for c in x.citations} == {"A/RES/77/20"}


@pytest.mark.parametrize("name, lang", [
    ("la Convention internationale pour la répression des attentats terroristes à l'explosif", "fr"),
    ("el Convenio Internacional para la Represión de los Atentados Terroristas Cometidos con Bombas", "es"),
])
def test_the_terrorist_bombings_convention_in_french_and_spanish(name, lang):
    chapeau = {"fr": "L'Assemblée générale,", "es": "La Asamblea General,"}[lang]
    assert targets(f"A/RES/81/41\n\n{chapeau}\n\nRappelant {name},\n") == {("pp_1", "convention:terrorist-bombings-1997")}


@pytest.mark.parametrize("body", [
    "Rappelant la Déclaration politique adoptée par l'Assemblée générale des Nations Unies à sa vingtième session "
    "extraordinaire, qui figure en annexe à sa résolution S-20/2,",
    "Rappelant la résolution 71/19 de l'Assemblée générale des Nations Unies, relative à la coopération avec "
    "INTERPOL, et sa résolution 73/11,",
])
def test_its_resolution_after_a_united_nations_body_named_in_the_sentence_is_that_bodys(body):
    # in another organisation's text "its" is the organisation's own, unless the sentence named a UN body
    assert {t for _, t in targets(AU.format(body=body))} - {"A/RES/71/19"} == (
        {"A/RES/S-20/2"} if "S-20/2" in body else {"A/RES/73/11"})


def test_an_ecowas_decision_symbol_is_no_united_nations_document():
    assert targets(AU.format(body="Vu la Décision A/DEC.4/12/99 et la résolution A/RES.1/5/09,")) == set()


def test_another_organisations_page_foot_inside_a_paragraph_is_furniture():
    text = ("CARIBBEAN COMMUNITY\n\nThe Council,\n\nNOTING that States are Parties to the Council of Europe Convention "
            "on Cybercrime\n\nCARICOM/CONSLE/28/2025                              Page 1 of 2\n\n"
            "and have benefited from its programmes;\n\nRECALLING resolution 79/243 of the General Assembly;\n\n"
            "1. URGE Member States to act.\n")
    assert targets(text) == {("pp_1", "convention:budapest-2001"), ("pp_2", "A/RES/79/243")}


@pytest.mark.parametrize("named, cited", [
    ("la Carta sobre la Seguridad Europea aprobada en Estambul", False),
    ("la Carta de las Naciones Unidas", True),
])
def test_that_charter_is_the_charter_named_before_it(named, cited):
    text = f"A/RES/54/9\n\nLa Asamblea General,\n\nTomando nota de {named} y de la Plataforma que figura en dicha Carta,\n"
    got = {t for p, t in targets(text)}
    assert ("un:charter" in got) == cited


@pytest.mark.parametrize("lang, text, key", [
    ("en", "Invites the two organizations to implement the Global Counter-Terrorism Strategy,", "A/RES/60/288"),
    ("es", "Insta a aplicar la Convención de Palermo y el Protocolo contra la trata de personas,",
     "convention:trafficking-protocol-2000"),
    ("es", "Recordando el Convenio Internacional para la Represión de la Financiación del Terrorismo, en particular "
           "su artículo 18,", "convention:terrorism-financing-1999/art_18"),
    ("es", "Insta a aplicar la Convención de Palermo y su Protocolo sobre armas de fuego,",
     "convention:firearms-protocol-2001"),
])
def test_short_names_as_texts_write_them(lang, text, key):
    chapeau = {"en": "The General Assembly,", "es": "La Asamblea General,"}[lang]
    assert key in {t for _, t in targets(f"A/RES/81/42\n\n{chapeau}\n\n{text}\n")}


@pytest.mark.parametrize("text, key", [
    ("4. Invite INTERPOL à réexaminer les demandes au regard de l'article 3 de son Statut ;", "interpol:constitution/art_3"),
    ("4. Invites INTERPOL to review requests in the light of article 3 of its Constitution;", "interpol:constitution/art_3"),
    ("4. Invite les États à appliquer l'article 3 de son Statut ;", None),
])
def test_its_constitution_after_interpol_in_the_sentence_is_interpols(text, key):
    doc = f"A/HRC/RES/60/2\n\nLe Conseil des droits de l'homme,\n\nRappelant la Convention contre la torture,\n\n{text}\n"
    got = {t for p, t in targets(doc) if p == "op_1"}
    assert got == ({key} if key else set())


@pytest.mark.parametrize("lang, body", [
    ("es", "Recordando las resoluciones de la Comisión de Estupefacientes, en particular su resolución 61/11, y su "
           "resolución 70/1,"),
    ("en", "Recalling the resolutions of the Commission on Narcotic Drugs, in particular its resolution 61/11, and its "
           "own resolution 70/1,"),
])
def test_its_resolution_after_an_inclusion_is_the_named_bodys(lang, body):
    chapeau = {"en": "The General Assembly,", "es": "La Asamblea General,"}[lang]
    assert {t for _, t in targets(f"A/RES/81/43\n\n{chapeau}\n\n{body}\n")} == {"A/RES/70/1"}


@pytest.mark.parametrize("lang, text, keys", [
    ("fr", "Rappelant les Règles de Bangkok et les Règles de Tokyo, ainsi que ses propres résolutions 5/1 et 5/2,",
     {"A/RES/65/229", "A/RES/45/110", "A/HRC/RES/5/1", "A/HRC/RES/5/2"}),
    ("en", "Urges States parties to the Organized Crime Convention to apply article 18 thereof,",
     {"convention:untoc-2000", "convention:untoc-2000/art_18"}),
])
def test_short_names_and_own_resolutions_in_a_human_rights_council_text(lang, text, keys):
    chapeau = {"en": "The Human Rights Council,", "fr": "Le Conseil des droits de l'homme,"}[lang]
    assert {t for _, t in targets(f"A/HRC/RES/60/3\n\n{chapeau}\n\n{text}\n")} == keys
