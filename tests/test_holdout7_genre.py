"""What the blind set tests/fixtures/holdout7 found (English texts on crime, drugs, terrorism and police
cooperation, as their PDFs come out as text), read as rules of the genre. Every sentence is invented:
- an ECOSOC resolution that recommends a quoted draft to the General Assembly, whose paragraphs are
  the document's own; a resolution quoted as it reads stays inside the paragraph that quotes it;
- "UNSCR 2396 (2017)", "UNSCRs 1373 (2001) and 2322 (2016)" in INTERPOL's English texts;
- a list of resolutions that goes on after a relative clause, without dates;
- a functional commission's resolution named by its short name ("Commission resolution 66/3") or
  picked out of its resolutions ("…, including resolution 67/1"): no General Assembly key;
- an odd page's running head whose symbol ends the title's first line and whose title wraps below;
- the Cybercrime Convention named after the city where it was opened for signature.
"""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract
from test_interpol_genre import interpol
from test_references import ga_text

# --- a quoted draft resolution --------------------------------------------------------------------
ECOSOC = {
    "en": ("2026/40.  Crime prevention\n\nThe Economic and Social Council,\n\n"
           "Recalling its resolution 2004/21,\n\n"
           "Recommends to the General Assembly the adoption of the following draft\nresolution:\n\n"
           "“The General Assembly,\n\n"
           "“Recalling its resolution 56/119 and Economic and Social Council resolution 2004/21,\n\n"
           "“Noting the report of the Commission (E/2026/30),\n\n"
           "“1. Invites Member States to implement the United Nations Convention against Corruption;\n\n"
           "“2. Requests the Secretary-General to report on the implementation of resolution 56/119.”\n\n"
           "34th plenary meeting\n23 July 2026\n"),
    "fr": ("2026/40.  Prévention du crime\n\nLe Conseil économique et social,\n\n"
           "Rappelant sa résolution 2004/21,\n\n"
           "Recommande à l’Assemblée générale d’adopter le projet de résolution suivant :\n\n"
           "« L’Assemblée générale,\n\n"
           "« Rappelant sa résolution 56/119 et la résolution 2004/21 du Conseil économique et social,\n\n"
           "« Prenant note du rapport de la Commission (E/2026/30),\n\n"
           "« 1. Invite les États Membres à appliquer la Convention des Nations Unies contre la corruption ;\n\n"
           "« 2. Prie le Secrétaire général de rendre compte de l’application de la résolution 56/119. »\n\n"
           "34e séance plénière\n23 juillet 2026\n"),
    "es": ("2026/40.  Prevención del delito\n\nEl Consejo Económico y Social,\n\n"
           "Recordando su resolución 2004/21,\n\n"
           "Recomienda a la Asamblea General que apruebe el siguiente proyecto de resolución:\n\n"
           "“La Asamblea General,\n\n"
           "“Recordando su resolución 56/119 y la resolución 2004/21 del Consejo Económico y Social,\n\n"
           "“Tomando nota del informe de la Comisión (E/2026/30),\n\n"
           "“1. Invita a los Estados Miembros a aplicar la Convención de las Naciones Unidas contra la Corrupción;\n\n"
           "“2. Solicita al Secretario General que le informe sobre la aplicación de la resolución 56/119.”\n\n"
           "34ª sesión plenaria\n23 de julio de 2026\n"),
}


@pytest.mark.parametrize("lang", ECOSOC)
def test_a_quoted_draft_recommended_to_the_assembly_is_read_paragraph_by_paragraph(lang):
    x = extract(ECOSOC[lang])
    assert [p.id for p in x.paragraphs] == ["pp_1", "pp_2", "pp_3", "op_1", "op_2"]
    assert {(c.paragraph, c.target) for c in x.citations} == {
        ("pp_1", "E/RES/2004/21"), ("pp_2", "A/RES/56/119"), ("pp_2", "E/RES/2004/21"), ("pp_3", "E/2026/30"),
        ("op_1", "convention:uncac-2003"), ("op_2", "A/RES/56/119")}


def test_a_resolution_quoted_as_it_reads_stays_in_the_paragraph_that_quotes_it():
    text = ("Resolution 2901 (2027)\n\nThe Security Council,\n\nRecalling its resolution 2850 (2026),\n\n"
            "1. Reaffirms its resolution 2850 (2026), which reads:\n\n“The Security Council,\n\n"
            "“Recalling its resolution 2396 (2017),\n\n“1. Decides to remain seized of the matter.”\n\n"
            "2. Decides to remain seized of the matter.\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]
    assert ("op_1", "S/RES/2396(2017)") in {(c.paragraph, c.target) for c in x.citations}


# --- "UNSCR" --------------------------------------------------------------------------------------
def test_unscr_is_a_security_council_resolution():
    x = extract(interpol("en", "RECALLING UNSCR 2178 (2014) and UNSCR 2396 (2017), as well as UNSCRs 1373 (2001) and\n"
                               "2322 (2016),",
                         "URGES member countries to apply UNSCR 2396 (2017);"))
    assert {(c.paragraph, c.target) for c in x.citations} == {
        ("pp_1", "S/RES/2178(2014)"), ("pp_1", "S/RES/2396(2017)"), ("pp_1", "S/RES/1373(2001)"),
        ("pp_1", "S/RES/2322(2016)"), ("op_1", "S/RES/2396(2017)")}


# --- a list that goes on after a relative clause ---------------------------------------------------
@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling its resolutions 70/174, by which it endorsed the Doha Declaration, 76/181, by which it\n"
           "endorsed the Kyoto Declaration, and 78/224, 75/196 and 80/178,"),
    ("fr", "Rappelant ses résolutions 70/174, par laquelle elle a fait sienne la Déclaration de Doha, 76/181,\n"
           "par laquelle elle a fait sienne la Déclaration de Kyoto, et 78/224, 75/196 et 80/178,"),
    ("es", "Recordando sus resoluciones 70/174, en la que hizo suya la Declaración de Doha, 76/181, en la que\n"
           "hizo suya la Declaración de Kyoto, y 78/224, 75/196 y 80/178,"),
])
def test_a_list_without_dates_goes_on_after_a_relative_clause(lang, body):
    assert {c.target for c in extract(ga_text(body, lang)).citations} == {
        "A/RES/70/174", "A/RES/76/181", "A/RES/78/224", "A/RES/75/196", "A/RES/80/178"}


@pytest.mark.parametrize("lang, body, keys", [
    ("en", "Welcoming General Assembly resolutions S-20/4 B, on the control of precursors, and S-20/4 D, on\n"
           "countering money-laundering,", {"A/RES/S-20/4B", "A/RES/S-20/4D"}),
    ("fr", "Rappelant ses résolutions S-20/4 B, sur le contrôle des précurseurs, et S-20/4 D, sur la lutte contre le\n"
           "blanchiment d'argent,", {"A/RES/S-20/4B", "A/RES/S-20/4D"}),
    ("es", "Recordando sus resoluciones 70/174, sobre el Congreso de Doha, y 76/181, sobre el Congreso de Kyoto,",
     {"A/RES/70/174", "A/RES/76/181"}),
])
def test_a_list_goes_on_after_each_items_subject(lang, body, keys):
    assert {c.target for c in extract(ga_text(body, lang)).citations} == keys


@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling its resolutions 70/174 and 76/181, by which it endorsed the Declarations, 75/10 of its\n"
           "Member States having reported,"),
    ("fr", "Rappelant ses résolutions 70/174 et 76/181, par lesquelles elle a fait siennes les Déclarations,\n"
           "75/10 des États Membres ayant fait rapport,"),
])
def test_a_number_after_a_clause_that_opens_no_parallel_clause_is_not_the_lists(lang, body):
    assert {c.target for c in extract(ga_text(body, lang)).citations} == {"A/RES/70/174", "A/RES/76/181"}


# --- functional commissions ----------------------------------------------------------------------
@pytest.mark.parametrize("lang, body", [
    ("en", "Recalling Commission on Narcotic Drugs resolution 61/11 and Commission resolution 66/3,"),
    ("en", "Encouraging the use of the resolutions of the Commission on Narcotic Drugs, including resolution 67/1,"),
    ("fr", "Rappelant la résolution 61/11 de la Commission des stupéfiants et la résolution 66/3 de la Commission,"),
    ("fr", "Encourageant l’usage des résolutions de la Commission des stupéfiants, notamment la résolution 67/1,"),
    ("es", "Recordando la resolución 61/11 de la Comisión de Estupefacientes y la resolución 66/3 de la Comisión,"),
    ("es", "Alentando el uso de las resoluciones de la Comisión de Estupefacientes, en particular la resolución 67/1,"),
])
def test_a_commissions_resolution_by_its_short_name_is_no_assembly_resolution(lang, body):
    assert [c.target for c in extract(ga_text(body, lang)).citations] == []


def test_the_commission_addressed_leaves_its_resolution_to_the_assembly():
    # the short name qualifies a resolution only; as the clause's addressee it changes nothing
    x = extract(ga_text("Requesting the Commission, in accordance with its resolution 56/119, to prepare the Congress,"))
    assert [c.target for c in x.citations] == ["A/RES/56/119"]


# --- an odd page's running head, its title wrapped under the symbol's line -------------------------
@pytest.mark.parametrize("title", [
    ("International cooperation to address and counter", "the world drug problem"),
    ("Coopération internationale face au problème", "mondial de la drogue"),
    ("Cooperación internacional para abordar y contrarrestar", "el problema mundial de las drogas"),
])
def test_a_running_head_with_the_symbol_on_the_titles_first_line_is_no_text(title):
    pad = " " * 16
    text = (f"A/RES/81/196\n\n{pad}The General Assembly,\n\n"
            f"{pad}     Recalling its resolution 75/198,\n\n"
            f"{pad}1.   Encourages Member States to use controlled delivery under article 11 of the 1988\n\n"
            f"2/5{' ' * 60}26-23310\n\n"
            f"{pad}{title[0]}    A/RES/81/196\n{pad}{title[1]}\n\n"
            f"{pad}Convention;\n\n"
            f"{pad}2.   Decides to remain seized of the matter.\n")
    x = extract(text)
    # (the head is masked for the finders: "the 1988 [page break] Convention" is read whole)
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]
    assert {(c.paragraph, c.target) for c in x.citations} == {
        ("pp_1", "A/RES/75/198"), ("op_1", "convention:drugs-1988/art_11")}


# --- the Hanoi Convention -------------------------------------------------------------------------
@pytest.mark.parametrize("lang, paragraph", [
    ("en", "NOTING that Articles 40 and 41 of the Hanoi Convention provide for mutual legal assistance,"),
    ("fr", "NOTANT que les articles 40 et 41 de la Convention de Hanoï prévoient l’entraide judiciaire,"),
    ("es", "OBSERVANDO que los artículos 40 y 41 de la Convención de Hanói prevén la asistencia judicial recíproca,"),
])
def test_the_hanoi_convention_is_the_united_nations_convention_against_cybercrime(lang, paragraph):
    assert {c.target for c in extract(interpol(lang, paragraph)).citations} == {
        "convention:cybercrime-2024/art_40", "convention:cybercrime-2024/art_41"}


# --- a Council resolution's number without its year, after the text gave its year ------------------
@pytest.mark.parametrize("lang, recalling, noting", [
    ("en", "RECALLING UNSCR 2396 (2017) and resolution 1373 (2001) of the Security Council,",
           "NOTING that UN Security Council Resolution 2396 calls for the sharing of biometric data, and that\n"
           "paragraph 15 of UNSCR 2396 encourages the use of Special Notices,"),
    ("fr", "RAPPELANT les résolutions 2396 (2017) et 1373 (2001) du Conseil de sécurité,",
           "NOTANT que la résolution 2396 du Conseil de sécurité appelle au partage des données biométriques,"),
    ("es", "RECORDANDO las resoluciones 2396 (2017) y 1373 (2001) del Consejo de Seguridad,",
           "OBSERVANDO que la resolución 2396 del Consejo de Seguridad exhorta a compartir datos biométricos,"),
])
def test_a_council_resolution_cited_again_without_its_year_takes_the_year_given_before(lang, recalling, noting):
    pairs = {(c.paragraph, c.target) for c in extract(interpol(lang, recalling, noting)).citations}
    assert ("pp_2", "S/RES/2396(2017)") in pairs and ("pp_2", "S/RES/1373(2001)") not in pairs


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "NOTING that UN Security Council Resolution 2396 calls for the sharing of biometric data,"),
    ("fr", "NOTANT que la résolution 2396 du Conseil de sécurité appelle au partage des données biométriques,"),
    ("en", "RECALLING UNSCR 2396 (2017), and noting that General Assembly resolution 2396 is another matter,"),
])
def test_a_number_without_a_year_is_given_none_that_the_text_does_not_give(lang, paragraph):
    assert [c.target for c in extract(interpol(lang, paragraph)).citations if c.target != "S/RES/2396(2017)"] == []
