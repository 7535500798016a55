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


def test_a_short_name_in_brackets_after_the_full_title_keeps_the_treaty_the_antecedent():
    text = ("La Asamblea General,\n\nRECORDANDO el Convenio sobre la Ciberdelincuencia del Consejo de Europa\n"
            "(Convenio de Budapest), del que son Partes numerosos Estados;\n\n"
            "TENIENDO PRESENTE que el Convenio prevé, en sus artículos 31 y 33, la asistencia mutua;\n\n1. Decide.\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {
        ("pp_1", "convention:budapest-2001"), ("pp_2", "convention:budapest-2001/art_31"),
        ("pp_2", "convention:budapest-2001/art_33")}


def test_a_dated_list_item_after_annexe_en_date_du():
    assert targets("fr", "Considérant que, conformément à ses résolutions 415 (V), annexe, en date du 1er décembre 1950, "
                         "et 46/152, annexe, en date du 18 décembre 1991, le Congrès doit se réunir,") == {
        "A/RES/415(V)", "A/RES/46/152"}


COVENANTS = {"convention:iccpr-1966", "convention:icescr-1966"}


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "Bearing in mind the International Covenants on Human Rights,"),
    ("fr", "Guidée par la Charte des Nations Unies et les Pactes internationaux relatifs aux droits de l’homme2,"),
    ("es", "Recordando los Pactos Internacionales de Derechos Humanos,"),
])
def test_the_international_covenants_on_human_rights_are_the_two_covenants(lang, paragraph):
    assert targets(lang, paragraph) - {"un:charter"} == COVENANTS


def test_a_running_heads_symbol_on_the_line_of_the_first_paragraph_of_a_one_line_text():
    text = ("Suite à donner au treizième Congrès des Nations Unies pour la prévention du crime et la justice pénale "
            "A/RES/73/184 Consciente que les congrès des Nations Unies pour la prévention du crime contribuent "
            "beaucoup à l’échange de données d’expérience, Rappelant sa résolution 57/270 B du 23 juin 2003 sur "
            "l’application intégrée des textes issus des grandes conférences, Rappelant également sa résolution "
            "62/173 du 18 décembre 2007, 1. Prend note du rapport du Secrétaire général ;")
    x = extract(text)
    assert [(c.paragraph, c.target) for c in x.citations] == [("pp_2", "A/RES/57/270B"), ("pp_3", "A/RES/62/173")]
    assert text[x.paragraphs[0].start:].startswith("Consciente que")


@pytest.mark.parametrize("chapeau, paragraph, keys", [
    ("The General Assembly,", "Recalling Security Council resolutions 1373, 2178 and 1617, and resolution 1699 of "
                              "the Security Council,",
     {"S/RES/1373(2001)", "S/RES/2178(2014)", "S/RES/1617(2005)", "S/RES/1699(2006)"}),
    ("La Asamblea General,", "Recordando la resolución 1988 del Consejo de Seguridad,", {"S/RES/1988(2011)"}),
    ("The General Assembly,", "Recalling S/RES/2396 and S/RES/1368 (2201) of 12 September 2001,",
     {"S/RES/2396(2017)", "S/RES/1368(2001)"}),
    # the Council's own numbers in its own text
    ("The Security Council,", "Recalling its resolutions 242 and 338, and resolution 425 of 19 March 1978,",
     {"S/RES/242(1967)", "S/RES/338(1973)", "S/RES/425(1978)"}),
    # … but a footnote mark after the word is no number of its own ("two resolutions 31 adopted", CR-UNSC 74)
    ("The Security Council,", "Having received two resolutions 31 adopted at the 24th meeting of the Commission,",
     set()),
    # a printed year is kept (the text decides), and a number the table leaves open gets no year
    ("The General Assembly,", "Recalling Security Council resolution 1373 (2001) and resolution 646 of the Council,",
     {"S/RES/1373(2001)"}),
])
def test_a_council_number_without_its_year_gets_the_year_of_the_councils_table(chapeau, paragraph, keys):
    text = f"{chapeau}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    assert {c.target for c in extract(text).citations} == keys


def test_the_councils_table_gives_each_number_its_year_and_none_outside():
    from resograph.reading.lexicon import council_year, load_lexicon
    lex = load_lexicon()
    assert [council_year(lex, n) for n in (1, 15, 16, 598, 1580, 1581, 2811, 2812)] == [
        1946, 1946, 1947, 1987, 2004, 2005, 2025, None]  # (2026 is not over: its row has no last number)
    assert council_year(lex, 646) is None and council_year(lex, 627) is None  # 1989–1990: a boundary unsourced
    years = [y for _, _, y in lex.council_years]
    assert years == sorted(years) and all(a[1] < b[0] for a, b in zip(lex.council_years, lex.council_years[1:]))


@pytest.mark.parametrize("paragraph", [
    "Recalling its resolution 53/111, in which it decided to establish a committee for the purpose of elaborating a "
    "comprehensive international convention against transnational organized crime,",
    "Requests the Ad Hoc Committee on the Elaboration of a Convention against Transnational Organized Crime to "
    "continue its work,",
])
def test_a_convention_yet_to_be_written_is_not_the_treaty(paragraph):
    assert targets("en", paragraph) <= {"A/RES/53/111"}


def test_a_web_pages_title_line_without_its_full_stop_gives_the_symbol():
    text = ("52/91 Préparatifs du dixième Congrès des Nations Unies\nDate: 12 décembre 1997\n\nL'Assemblée générale,\n\n"
            "Rappelant sa résolution 50/145 du 21 décembre 1995,\n\n1. Prie le Secrétaire général de faire rapport.\n")
    assert extract(text).document.symbol == "A/RES/52/91"


def test_an_ordinal_before_a_noun_is_no_former_or_latter():
    text = ("La Asamblea General,\n\nRecordando el Protocolo sobre armas de fuego y el Protocolo contra el tráfico "
            "ilícito de migrantes,\n\nObservando que el artículo 3 del Protocolo contra la Trata de Personas contiene la "
            "primera definición convenida de la trata de personas y que su artículo 9 obliga a los Estados partes,"
            "\n\n1. Decide.\n")
    cited = {(c.paragraph, c.target) for c in extract(text).citations}
    assert ("pp_2", "convention:trafficking-protocol-2000/art_9") in cited
    assert ("pp_2", "convention:firearms-protocol-2001/art_9") not in cited


def test_the_convention_of_a_year_is_the_unknown_one_adopted_that_year():
    text = ("L'Assemblée générale,\n\nRappelant la Convention concernant les mesures à prendre pour interdire et "
            "empêcher l'importation, l'exportation et le transfert de propriété illicites des biens culturels, adoptée "
            "par la Conférence générale de l'Organisation des Nations Unies pour l'éducation, la science et la culture "
            "en 1970, et la Convention d'UNIDROIT sur les biens culturels volés, adoptée à Rome en 1995,\n\n"
            "1. Invite les États à devenir parties à la Convention de 1970 et à la Convention de Palerme ;\n")
    assert {c.target for c in extract(text).citations} == {"convention:untoc-2000"}  # not the 1970 Hague Convention


def test_an_article_of_an_acronym_the_registry_does_not_name_has_no_owner():
    text = ("La Asamblea General,\n\nTeniendo presentes el artículo 8 del Protocolo sobre armas de fuego y el artículo VI "
            "de la CIFTA, relativos al marcaje de las armas de fuego,\n\n1. Decide.\n")
    assert {c.target for c in extract(text).citations} == {"convention:firearms-protocol-2001/art_8"}


def test_the_adoption_word_alone_under_the_last_paragraph_ends_a_web_pages_resolution():
    text = ("La Asamblea General de la OIPC-INTERPOL, reunida en Glasgow en su 92.ª reunión,\n"
            "RECORDANDO su resolución AG-2011-RES-04,\nINSTA a los países miembros a que:\n"
            "1. designen un punto de contacto nacional;\n2. presente un informe a la Asamblea General.\nAdoptada\n"
            "Resoluciones relacionadas\nGA-2023-91-RES-12 – Declaración de Viena\nAG-2011-RES-04\n")
    x = extract(text)
    assert {(c.paragraph, c.target) for c in x.citations} == {("pp_1", "GA-2011-RES-04")}
    assert x.paragraphs[-1].id == "op_2"


def test_a_footnotes_mark_alone_on_its_line_under_the_rule_is_no_page_number():
    text = ("L'Assemblée générale,\n\n      Réaffirmant les droits énoncés dans la Déclaration universelle des droits de "
            "l'homme5,\n\n      1.    Invite les États Membres :\n\n      a)    À envisager d'utiliser les instruments "
            "existants aux fins de l'entraide\n\n\n    __________________\n    4\n        Notamment le réseau prévu à "
            "l'article 35 de la Convention sur la\n        cybercriminalité du Conseil de l'Europe.\n    5\n"
            "        Résolution 217 A (III).\n\n\n2/3                                     23-26051\n\n"
            "              judiciaire dans les affaires de cybercriminalité ;\n\n      2.    Décide de rester saisie de "
            "la question.\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {("pp_1", "A/RES/217A(III)")}


def test_a_continuation_mark_and_a_wide_job_footer_are_page_furniture():
    text = ("La Asamblea General,\n\nConsciente de que la Convención de las Naciones Unidas contra la Delincuencia "
            "Organizada\nTransnacional puede servir de base, en particular sus artículos 16 y\n\n_______________\n"
            "1 Resolución 55/59, anexo.\n\n02-54812 (S)\n\n/...\n\x0cA/RES/57/172\nPágina 2\n\n18, y el Protocolo para "
            "Prevenir, Reprimir y Sancionar la Trata de\n\n 26-22871 (S)    050127    060127\n *2622871*"
            + " " * 60 + "Se ruega reciclar\n\nPersonas, Especialmente Mujeres y Niños,\n\n1. Decide.\n")
    assert {c.target for c in extract(text).citations} == {
        "convention:untoc-2000", "convention:untoc-2000/art_16", "convention:untoc-2000/art_18",
        "convention:trafficking-protocol-2000"}


def test_a_spanish_name_that_goes_on_with_para_is_no_anaphor():
    text = ("La Asamblea General,\n\nTeniendo en cuenta el Convenio sobre la Ciberdelincuencia del Consejo de Europa, así "
            "como el Convenio para la protección de las personas con respecto al tratamiento automatizado de datos de "
            "carácter personal,\n\n1. Pide que se respeten las garantías previstas en el Convenio.\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {("pp_1", "convention:budapest-2001")}


@pytest.mark.parametrize("lang, named, shortened, key", [
    ("es", "el Convenio Internacional para la Represión de la Financiación del Terrorismo",
     "3. Insta a ratificar el Convenio para la Represión de la Financiación del Terrorismo, y aplicar su artículo 18;",
     "convention:terrorism-financing-1999"),
    ("es", "el Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente mujeres y niños",
     "3. Insta a aplicar los artículos 6, 7 y 8 del Protocolo contra la trata;", "convention:trafficking-protocol-2000"),
])
def test_a_name_shortened_from_one_named_before_is_that_instrument(lang, named, shortened, key):
    text = f"{CHAPEAU[lang]}\n\nRecordando {named},\n\n{shortened}\n"
    cited = {(c.paragraph, c.target) for c in extract(text).citations}
    assert ("pp_1", key) in cited and any(p == "op_1" and t.startswith(key) for p, t in cited)


def test_a_name_whose_words_no_instrument_named_before_holds_stays_unknown():
    text = ("La Asamblea General,\n\nRecordando el Convenio Internacional para la Represión de la Financiación del "
            "Terrorismo,\n\n1. Insta a ratificar el Convenio para la Represión del Apoderamiento Ilícito de Buques, y "
            "aplicar su artículo 3;\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {
        ("pp_1", "convention:terrorism-financing-1999")}


def test_that_resolution_after_a_council_number_printed_without_its_year():
    text = ("El Consejo de Seguridad,\n\nRecordando su resolución 1970 (2011),\n\n"
            "1. Recuerda la resolución 1373, y exhorta a aplicar la resolución antes citada;\n")
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {
        ("pp_1", "S/RES/1970(2011)"), ("op_1", "S/RES/1373(2001)")}


@pytest.mark.parametrize("paragraph, keys", [
    ("RAPPELANT ses résolutions AGN/4O/RES/6 et 7,", {"AGN/40/RES/6", "AGN/40/RES/7"}),
])
def test_an_ocr_o_in_an_interpol_session(paragraph, keys):
    text = f"L'Assemblée générale de l'OIPC-INTERPOL,\n\n{paragraph}\n\nDÉCIDE de poursuivre ses travaux.\n"
    assert {c.target for c in extract(text).citations} == keys


def test_del_citado_estatuto_points_back():
    text = ("La Asamblea General de la OIPC-INTERPOL,\n\nRECORDANDO el Estatuto de la OIPC-INTERPOL, y que el artículo 2 "
            "del citado Estatuto define los fines de la Organización,\n\nDECIDE continuar.\n")
    assert "interpol:constitution/art_2" in {c.target for c in extract(text).citations}


def test_a_short_names_context_is_read_in_its_own_paragraph():
    text = ("L'Assemblée générale,\n\nAyant à l'esprit l'accord de coopération conclu entre la Commission de l'Union "
            "africaine et INTERPOL,\n\nRappelant la coopération entre l'Organisation des Nations Unies et INTERPOL,\n\n"
            "1. Décide.\n")
    assert {c.target for c in extract(text).citations} == set()


@pytest.mark.parametrize("lang, named, pointed", [
    ("en", "Recalling the International Convention for the Suppression of Terrorist Bombings and the International "
           "Convention for the Suppression of Acts of Nuclear Terrorism,",
     "Urges member countries to become parties to the conventions referred to above;"),
    ("es", "Recordando el Convenio Internacional para la Represión de los Atentados Terroristas Cometidos con Bombas y "
           "el Convenio Internacional para la Represión de los Actos de Terrorismo Nuclear,",
     "Insta a los Estados a ratificar los convenios antes mencionados;"),
])
def test_a_plural_noun_pointed_back_by_the_words_after_it(lang, named, pointed):
    text = f"{CHAPEAU[lang]}\n\n{named}\n\n1. {pointed}\n"
    assert {t for p, t in ((c.paragraph, c.target) for c in extract(text).citations) if p == "op_1"} == {
        "convention:terrorist-bombings-1997", "convention:nuclear-terrorism-2005"}


@pytest.mark.parametrize("chapeau, paragraph, keys", [
    ("L'Assemblée générale de l'OIPC-INTERPOL, réunie à Lyon,", "AYANT À L'ESPRIT son Statut, notamment ses articles 2 "
     "et 41,", {"interpol:constitution", "interpol:constitution/art_2", "interpol:constitution/art_41"}),
    ("The General Assembly,", "Noting that INTERPOL, in conformity with its Constitution, cooperates with the United "
     "Nations,", {"interpol:constitution"}),
    # another body's own constitution is none we know
    ("The General Assembly,", "Noting that the World Health Organization, in conformity with its Constitution, acts,",
     set()),
    # an article's owner is read with its article, not as the whole
    ("L'Assemblée générale de l'OIPC-INTERPOL, réunie à Lyon,", "RAPPELANT l'article 3 de son Statut,",
     {"interpol:constitution/art_3"}),
])
def test_its_constitution_as_a_whole_is_interpols_in_its_own_text_or_after_its_name(chapeau, paragraph, keys):
    text = f"{chapeau}\n\n{paragraph}\n\nDECIDES to continue its work.\n"
    assert {c.target for c in extract(text).citations} == keys


def test_an_even_pages_head_repeats_a_title_of_several_lines_and_footnotes_stand_under_bare_marks():
    # pdftotext's default mode: the footnotes' marks alone, each text under a blank line, the job number, then
    # the next page's head (symbol, blank, the title wrapped otherwise than at the top)
    text = ("A/RES/81/207\n\n81/207. Mesures préventives et lutte contre la corruption et le transfert du\nproduit de la "
            "corruption, facilitation du recouvrement des avoirs\n\nL'Assemblée générale,\n\nRappelant sa résolution "
            "58/4 du 31 octobre 2003, par laquelle elle a adopté la Convention1,\n\nPrenant note des travaux de la "
            "Conférence\n\n__________________\n\n1\n\nRésolution 69/313, annexe.\n\n2\n\nRésolution 70/1.\n\n\n"
            "26-24410 (F)\n\n*2624410*\n\n\fA/RES/81/207\n\nMesures préventives et lutte contre la corruption et le "
            "transfert du produit de la\ncorruption, facilitation du recouvrement des avoirs\n\n"
            "qui s'est tenue à Doha en 2025,\n\n1. Décide de rester saisie de la question ;\n\n"
            "2. Prie le Secrétaire général de lui faire rapport.\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1", "pp_2", "op_1", "op_2"]
    assert {(c.paragraph, c.target) for c in x.citations} == {("pp_1", "A/RES/58/4")}


@pytest.mark.parametrize("chapeau, paragraph, keys", [
    # the Council's 88 is of 1950: "88 (2005)" in the African Commission's text is its own numbering
    ("La Commission africaine des droits de l'homme et des peuples,", "Rappelant sa Résolution 88 (2005) sur la "
     "situation des droits de l'homme et la Résolution 1373 (2001),", {"S/RES/1373(2001)"}),
    ("La Asamblea General de la Organización de los Estados Americanos,", "Recordando su resolución 1368 (2201) y la "
     "resolución 1373 (2001) del Consejo de Seguridad,", {"S/RES/1373(2001)"}),
    # in the United Nations' own texts the printed number stands (CR-UNSC 587's misprint "489 (1979)")
    ("The Security Council,", "Recalling its resolutions 444 (1979), 450 (1979), 489 (1979) and 474 (1980),",
     {"S/RES/444(1979)", "S/RES/450(1979)", "S/RES/489(1979)", "S/RES/474(1980)"}),
])
def test_a_council_number_its_table_dates_years_away_is_not_the_councils(chapeau, paragraph, keys):
    text = f"{chapeau}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    assert {c.target for c in extract(text).citations} == keys


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("en", "Recalling Human Rights Council resolution 5/1 on institution-building of the Council and resolution 5/2 on "
           "the Code of Conduct,", {"A/HRC/RES/5/1", "A/HRC/RES/5/2"}),
    ("fr", "Rappelant la résolution 5/1 du Conseil des droits de l'homme sur la mise en place des institutions et la "
           "résolution 5/2,", {"A/HRC/RES/5/1", "A/HRC/RES/5/2"}),
    # "its" is the text's own body again
    ("fr", "Rappelant la résolution 5/1 du Conseil des droits de l'homme et sa résolution 60/251,",
     {"A/HRC/RES/5/1", "A/RES/60/251"}),
])
def test_and_resolution_goes_on_with_the_other_body_named_before(lang, paragraph, keys):
    assert targets(lang, paragraph) == keys


def test_a_special_session_in_roman_numerals_after_the_seventh_is_not_the_assemblys():
    text = ("The Economic and Social Council,\n\nRecalling that the Commission, pursuant to resolution 1 (S-IX) of 14 "
            "February 1986, considered a draft,\n\nRecalling General Assembly resolutions 3362 (S-VII) and 2253 (ES-V),"
            "\n\n1. Decides.\n")
    assert {c.target for c in extract(text).citations} == {"A/RES/3362(S-VII)", "A/RES/2253(ES-V)"}
