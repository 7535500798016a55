"""Whose resolution a number is: the body a clause addresses ("Encourages the Human Rights Council to …
its resolution 48/4"), and other organisations' general assemblies, as the genre writes them in the
three languages. Invented sentences."""

from __future__ import annotations

import pytest

from test_references import cited, ga_text, sc_text, sc_text_in


def in_ga(lang: str, body: str) -> set[str]:
    """The targets of a General Assembly text in `lang` whose preamble is `body`."""
    return set(cited(ga_text(body, lang)))


# --- "its resolution" is the resolution of the body the clause addresses -------------------------

@pytest.mark.parametrize("lang, body", [
    ("en", "1. Encourages the Human Rights Council to continue to give full effect to its resolution 48/4;"),
    ("fr", "1. Prie le Conseil des droits de l'homme de continuer à donner effet à sa résolution 48/4 ;"),
    ("es", "1. Alienta al Consejo de Derechos Humanos a que siga dando efecto a su resolución 48/4;"),
    ("en", "Welcoming the Human Rights Council's work under its resolution 48/4,"),
])
def test_its_resolution_after_the_council_the_clause_addresses_is_the_councils(lang, body):
    assert in_ga(lang, body) == {"A/HRC/RES/48/4"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Invites the Economic and Social Council to review the implementation of its resolution 1296 (XLIV),"),
    ("fr", "Invite le Conseil économique et social à examiner l'application de sa résolution 1296 (XLIV),"),
    ("es", "Invita al Consejo Económico y Social a que examine la aplicación de su resolución 1296 (XLIV),"),
])
def test_an_old_number_after_the_economic_and_social_council_is_the_councils(lang, body):
    assert in_ga(lang, body) == {"E/RES/1296(XLIV)"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Encourages the Commission on Narcotic Drugs to follow up on its resolution 56/4,"),
    ("fr", "Encourage la Commission des stupéfiants à donner suite à sa résolution 56/4,"),
    ("es", "Alienta a la Comisión de Estupefacientes a que dé seguimiento a su resolución 56/4,"),
])
def test_its_resolution_after_a_body_without_keys_is_no_citation(lang, body):
    assert in_ga(lang, body) == set()


@pytest.mark.parametrize("lang, body, want", [
    # no other subject: the issuing body's own
    ("en", "Recalling its resolution 60/251 of 15 March 2006,", {"A/RES/60/251"}),
    ("fr", "Rappelant sa résolution 60/251 du 15 mars 2006,", {"A/RES/60/251"}),
    ("es", "Recordando su resolución 60/251, de 15 de marzo de 2006,", {"A/RES/60/251"}),
    # a body that qualifies a resolution, or is the object of "of", is no subject
    ("en", "Recalling Human Rights Council resolution 5/1 and its resolution 60/251,",
     {"A/HRC/RES/5/1", "A/RES/60/251"}),
    ("en", "Taking note of the Human Rights Council's report, and recalling its resolution 60/251,",
     {"A/RES/60/251"}),
    ("fr", "Rappelant la résolution 5/1 du Conseil des droits de l'homme et sa résolution 60/251,",
     {"A/HRC/RES/5/1", "A/RES/60/251"}),
    # another clause after a semicolon
    ("en", "Requests the Human Rights Council to report to it; and recalls its resolution 60/251,", {"A/RES/60/251"}),
])
def test_its_resolution_without_another_subject_is_the_issuing_bodys(lang, body, want):
    assert in_ga(lang, body) == want


def test_in_a_security_council_text_its_resolutions_stay_the_councils():
    x = cited(sc_text(2500, 2019, "Recalling its resolutions 1373 (2001) and 2178 (2014) and General Assembly\n"
                                  "resolution 60/288,"))
    assert set(x) == {"S/RES/1373(2001)", "S/RES/2178(2014)", "A/RES/60/288"}
    x = cited(sc_text_in("es", 2500, 2019, "Recordando su resolución 1373 (2001) y la resolución 60/288 de la\n"
                                           "Asamblea General,"))
    assert set(x) == {"S/RES/1373(2001)", "A/RES/60/288"}


# --- other organisations' general assemblies are not the United Nations' -------------------------

@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling resolution 50/12 of the General Assembly of the Organization of American States,"),
    ("en", "Recalling OAS General Assembly resolution 50/12 and resolution 51/3 of the General Assembly of the OAS,"),
    ("en", "Noting that the General Assembly of the Organization of American States, in its resolution 50/12,\n"
           "called upon States,"),
    ("fr", "Rappelant la résolution 50/12 de l'Assemblée générale de l'Organisation des États américains,"),
    ("fr", "Rappelant les résolutions de l'Assemblée générale de l'OEA 50/12 et 51/3,"),
    ("es", "Recordando la resolución 50/12 de la Asamblea General de la Organización de los Estados Americanos,"),
    ("es", "Recordando que la Asamblea General de la OEA, en su resolución 50/12, exhortó a los Estados,"),
])
def test_another_organizations_general_assembly_gives_no_united_nations_key(lang, body):
    assert in_ga(lang, body) == set()


def test_the_united_nations_general_assembly_beside_the_oas_is_kept():
    assert in_ga("en", "Recalling resolution 50/12 of the General Assembly of the OAS and General Assembly\n"
                       "resolution 70/1,") == {"A/RES/70/1"}
    assert in_ga("fr", "Rappelant la résolution 70/1 de l'Assemblée générale des Nations Unies et la résolution\n"
                       "50/12 de l'Assemblée générale de l'OEA,") == {"A/RES/70/1"}


# --- the Human Rights Council: whose decision, and its own short name -----------------------------

@pytest.mark.parametrize("lang, body", [
    ("en", "Welcoming the decision of the Human Rights Council to extend, by its resolution 48/4, the mandate,"),
    ("fr", "Se félicitant de la décision du Conseil des droits de l'homme de proroger, par sa résolution 48/4, "
           "le mandat,"),
    ("es", "Acogiendo con beneplácito la decisión del Consejo de Derechos Humanos de prorrogar, en su "
           "resolución 48/4, el mandato,"),
])
def test_its_resolution_after_the_decision_of_a_council_is_the_councils(lang, body):
    assert in_ga(lang, body) == {"A/HRC/RES/48/4"}


HRC_CHAPEAU = {"en": "The Human Rights Council,", "fr": "Le Conseil des droits de l'homme,",
               "es": "El Consejo de Derechos Humanos,"}


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling the resolutions of the Council 42/15 and 43/2,"),
    ("fr", "Rappelant les résolutions du Conseil 42/15 et 43/2,"),
    ("es", "Recordando las resoluciones del Consejo 42/15 y 43/2,"),
])
def test_the_councils_short_name_before_a_session_number_is_the_human_rights_council(lang, body):
    text = f"A/HRC/RES/45/3\n\n{HRC_CHAPEAU[lang]}\n\n{body}\n\n1. Decides to remain seized of the matter.\n"
    assert set(cited(text)) == {"A/HRC/RES/42/15", "A/HRC/RES/43/2"}


def test_the_councils_short_name_before_a_year_number_is_still_the_security_councils():
    text = sc_text_in("es", 2200, 2015, "Recordando las resoluciones del Consejo 1373 (2001) y 2178 (2014),")
    assert set(cited(text)) == {"S/RES/1373(2001)", "S/RES/2178(2014)"}
