"""Forms the ninth round's blind sets of real excerpts (realweb3, realweb4: real resolutions found through
search, kept outside the project; their NOTES.md) found unread. Invented sentences in the genre and
layout of those texts: no third-party text is copied here."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract

CHAPEAU = {"en": "The General Assembly,", "fr": "L'Assemblée générale,", "es": "La Asamblea General,"}
HRC = {"en": "The Human Rights Council,", "es": "El Consejo de Derechos Humanos,"}


def targets(text: str) -> set[str]:
    return {c.target for c in extract(text).citations}


def in_paragraph(lang: str, paragraph: str, chapeau: dict[str, str] = CHAPEAU) -> set[str]:
    return targets(f"{chapeau[lang]}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n")


def paragraphs(text: str) -> list[tuple[str, set[str]]]:
    """(paragraph id, its targets) in order, paragraphs without a citation included."""
    x = extract(text)
    return [(p.id, {c.target for c in x.citations if c.paragraph == p.id}) for p in x.paragraphs]


@pytest.mark.parametrize("lang, paragraph, keys", [
    # the Assembly numbers session/n from its 31st session: a lower number is the Council's own
    ("en", "Recalling resolution 5/2 of 18 June 2007,", {"A/HRC/RES/5/2"}),
    ("en", "Recalling Human Rights Council resolution 5/1 on institution-building of the Council and resolution "
           "5/2 on the Code of Conduct for special procedure mandate holders,", {"A/HRC/RES/5/1", "A/HRC/RES/5/2"}),
    # a number the Assembly can have issued stays the Assembly's; another body named keeps its own
    ("en", "Recalling resolutions 60/251 and 5/1,", {"A/RES/60/251", "A/HRC/RES/5/1"}),
    ("en", "Recalling resolution 26/3 of the Commission on Crime Prevention and Criminal Justice,", set()),
])
def test_a_bare_low_session_number_in_the_human_rights_councils_text_is_its_own(lang, paragraph, keys):
    assert in_paragraph(lang, paragraph, HRC) == keys


def test_the_assembly_gives_no_key_to_a_bare_low_session_number():
    assert in_paragraph("en", "Recalling resolution 5/2 of 18 June 2007,") == set()


@pytest.mark.parametrize("lang, paragraph, keys", [
    ("es", "Recordando las resoluciones del Consejo 5/1 sobre la construcción institucional del Consejo y 5/2 "
           "sobre el código de conducta para los titulares de mandatos, de 18 de junio de 2007,",
     {"A/HRC/RES/5/1", "A/HRC/RES/5/2"}),
    # a number after another clause is not the list's
    ("es", "Recordando las resoluciones del Consejo 5/1 sobre la construcción institucional y 5 de sus anexos,",
     {"A/HRC/RES/5/1"}),
])
def test_a_list_resumes_at_a_conjunction_before_the_same_clause(lang, paragraph, keys):
    assert in_paragraph(lang, paragraph, HRC) == keys


@pytest.mark.parametrize("paragraph, keys", [
    # a PDF's superscript set apart as a number between the items
    ("Recalling all relevant Human Rights Council resolutions, including resolutions 23/9 of 13 June 2013, 1 "
     "29/11 of 2 July 2015 2 and 35/25 of 23 June 2017, 3", {"A/HRC/RES/23/9", "A/HRC/RES/29/11", "A/HRC/RES/35/25"}),
    ("Recalling its resolutions 64/237 of 24 December 2009,1 65/169 of 20 December 2010 and 67/189,",
     {"A/RES/64/237", "A/RES/65/169", "A/RES/67/189"}),
    ("Recalling Security Council resolutions 1267 (1999), 2 1333 (2000) and 1390 (2002),",
     {"S/RES/1267(1999)", "S/RES/1333(2000)", "S/RES/1390(2002)"}),
    # numbers that are no item stay out
    ("Recalling its resolution 60/1, paragraphs 2 and 3 of the annex,", {"A/RES/60/1"}),
])
def test_a_footnote_mark_between_two_items_does_not_end_the_list(paragraph, keys):
    assert in_paragraph("en", paragraph) == keys


@pytest.mark.parametrize("text", [
    "El Consejo de Seguridad,\n\nReafirmando sus resoluciones 1267 (1999) y 1333 (2000),\n\n"
    "Determinando que la situación en la región constituye una amenaza para la paz y la seguridad "
    "internacionales,\n\nActuando en virtud del Capítulo VII de la Carta de las Naciones Unidas,\n\n"
    "1. Decide seguir ocupándose de la cuestión.\n",
    "The Security Council,\n\nReaffirming its resolutions 1267 (1999) and 1333 (2000),\n\n"
    "Determining that the situation in the region constitutes a threat to international peace and "
    "security,\n\nActing under Chapter VII of the Charter of the United Nations,\n\n"
    "1. Decides to remain seized of the matter.\n",
])
def test_a_finding_of_a_threat_opens_a_paragraph_also_on_a_one_line_page(text):
    want = [("pp_1", {"S/RES/1267(1999)", "S/RES/1333(2000)"}), ("pp_2", set()), ("pp_3", {"un:charter/chap_VII"}),
            ("op_1", set())]
    assert paragraphs(text) == want
    assert paragraphs(" ".join(text.split())) == want  # a web page's one line


def test_a_footnote_mark_glued_to_a_clauses_end_still_cuts_a_one_line_page():
    text = ("The Economic and Social Council, Recalling its resolutions 1293 (XLIV) and 1294 (XLIV) of 23 May 1968, "
            "Having received the report of the Commission on Narcotic Drugs on its first special session,21/ Noting "
            "that this report contains the text referred to in General Assembly resolution 2584 (XXIV), "
            "1. Requests the Secretary-General to transmit the report to Governments.")
    assert paragraphs(text) == [("pp_1", {"E/RES/1293(XLIV)", "E/RES/1294(XLIV)"}), ("pp_2", set()),
                                ("pp_3", {"A/RES/2584(XXIV)"}), ("op_1", set())]


def test_footnotes_that_lost_their_marks_under_the_job_number_are_no_paragraph_text():
    text = ("General Assembly\nDistr.: General\n17 January 2027\n\n81/200. Preventing corruption\n\n"
            "The General Assembly,\n\nRecalling its resolutions 58/4 and 64/237,\n\n"
            "Stressing the need for States parties to give full effect to the resolutions of the Conference,\n"
            "27-22286 (E)\n"
            "See Official Records of the General Assembly, Sixty-eighth Session, Supplement No. 53\n"
            "(A/68/53), chap. V, sect. A.\n"
            "Ibid., Seventieth Session, Supplement No. 53 (A/70/53), chap. V, sect. A.\n\n"
            "1. Urges States to ratify the Convention.\n")
    assert paragraphs(text) == [("pp_1", {"A/RES/58/4", "A/RES/64/237"}), ("pp_2", set()), ("op_1", set())]


def test_a_one_line_pages_running_head_and_title_come_before_its_first_paragraph():
    text = ("A/RES/81/179 Medidas para mejorar la coordinación de la lucha contra la trata de personas Recordando "
            "la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional 5, Tomando nota "
            "de su resolución 64/293, de 30 de julio de 2010, Reafirmando el Protocolo para Prevenir, Reprimir y "
            "Sancionar la Trata de Personas, Especialmente Mujeres y Niños 6,")
    assert paragraphs(text) == [("pp_1", {"convention:untoc-2000"}), ("pp_2", {"A/RES/64/293"}),
                                ("pp_3", {"convention:trafficking-protocol-2000"})]


def test_the_spacing_diaeresis_of_a_hyphenation_point_is_read_through():
    text = ("The General Assembly,\n\nHaving regard to article 5 of the Universal Declara¨tion of Human Rights "
            "and article 7 of the International Cove¨nant on Civil and Political Rights,\n\n"
            "1. Decides to remain seized of the matter.\n")
    x = extract(text)
    assert {c.target for c in x.citations} == {"A/RES/217A(III)", "convention:iccpr-1966/art_7"}
    for c in x.citations:
        assert text[c.start:c.end] == c.text  # offsets into the text as given, the mark kept


@pytest.mark.parametrize("text, kinds", [
    ("Los Jefes de Estado y de Gobierno, reunidos en la Cumbre:\nReafirman la importancia de la Carta de las "
     "Naciones Unidas.\nDestacan las resoluciones de la Asamblea General sobre la cuestión.\nReiteran la "
     "importancia de la resolución 31/49 de la Asamblea General.\nSe congratulan de los encuentros.\n",
     ["op_1", "op_2", "op_3", "op_4"]),
    ("Les chefs d'État et de gouvernement, réunis au Sommet :\nRéaffirment leur attachement à la Charte des "
     "Nations Unies.\nSe félicitent de l'adoption de la résolution 78/265 de l'Assemblée générale.\n",
     ["op_1", "op_2"]),
])
def test_the_plural_verbs_of_a_declaration_of_heads_of_state_open_operative_paragraphs(text, kinds):
    got = paragraphs(text)
    assert [pid for pid, _ in got] == kinds
    assert set().union(*(keys for _, keys in got)) == (
        {"un:charter", "A/RES/31/49"} if "31/49" in text else {"un:charter", "A/RES/78/265"})


# A text layer that broke words and numbers apart at random, as some converters give a UN PDF (invented text).
BROKEN_FR = """Conseil de sé curité
Résolution 2901 (2026)
Le C onseil de sé curité ,
Rappela nt ses résolut ions 1267 (19 99), 1333 (2000 ), 145 2 (2002) , 1 566 (200 4) et
21 78 (2014) ,
Réaffirmant que l e te rroris me, sous to utes ses f ormes e t ma nifest ations, cons titue
l’un e d es menace s l es plus série uses contr e l a p aix et la sécu rité inte rnation ales,
Con scient que tout acte de terro risme est crimi nel et injus tifiabl e, qu els qu ’en s oient
les moti vation s, l’ époque , le lie u et les au teurs,
Souli gnant q ue l es sanc tions son t un ou til i mportan t d e l a lu tte cont re l e te rroris me e t q u’ el les
doi vent ê tre a ppliqu ées d e f açon r igoure use p ar t ous l es É tats,
1. Déci de de rester saisi de la question.
"""
BROKEN_EN = """The General Assembly ,
Reaffirm ing its reso lutions 46/152 of 1 8 Decem ber 199 1, 69/1 93 and 69 /196 o f 18 Dec ember 2014, and 7 2/19 6 o f
19 Dece mber 20 17,
Reaf firming al so it s reso lutions re lating to th e urge nt nee d to str engthen inter nationa l coo peratio n
and tech nical assista nce i n pro moting th e ratif ication o f the United N ations C onvention agains t
Trans national Organiz ed Crim e,
Con cerned th at o rganiz ed c rime t akes adv antage o f t he we akness es o f s tate s an d t hat i t
thr eatens t he s ecurity a nd w ell-b eing o f p eople s ev erywh ere,
1. Req uests the Secre tary-Gene ral to re port to it.
"""


@pytest.mark.parametrize("text, want", [
    (BROKEN_FR, [("pp_1", {"S/RES/1267(1999)", "S/RES/1333(2000)", "S/RES/1452(2002)", "S/RES/1566(2004)",
                           "S/RES/2178(2014)"}), ("pp_2", set()), ("pp_3", set()), ("pp_4", set()), ("op_1", set())]),
    (BROKEN_EN, [("pp_1", {"A/RES/46/152", "A/RES/69/193", "A/RES/69/196", "A/RES/72/196"}),
                 ("pp_2", {"convention:untoc-2000"}), ("pp_3", set()), ("op_1", set())]),
])
def test_a_text_whose_words_were_broken_apart_is_read_as_if_whole(text, want):
    x = extract(text)
    assert [(p.id, {c.target for c in x.citations if c.paragraph == p.id}) for p in x.paragraphs] == want
    for c in x.citations:
        assert text[c.start:c.end] == c.text  # offsets into the broken text as given


@pytest.mark.parametrize("text", [
    # a sound text with what the broken ones are told by, a few times: French thousands, letters of items
    "Le Conseil de sécurité,\n\nRappelant ses résolutions 1267 (1999) et 1333 (2000), et notant que 2 000 "
    "personnes et 15 000 réfugiés ont fui, b ) et c ) ci-dessous, l e x  y,\n\n1. Décide de rester saisi.\n",
])
def test_a_sound_text_is_never_joined(text):
    from resograph.reading.clean import clean
    from resograph.reading.lexicon import load_lexicon
    assert clean(text, load_lexicon().words).text == clean(text).text


@pytest.mark.parametrize("lang, paragraph, keys", [
    # the items' own dates, then the body that issued them: the Commission on Human Rights has no key
    ("fr", "Rappelant les résolutions 2004/87 et 2005/80, en date du 21 avril 2004 et du 21 avril 2005, de la "
           "Commission des droits de l'homme, et les résolutions 59/191 et 60/158 de l'Assemblée générale,",
     {"A/RES/59/191", "A/RES/60/158"}),
    ("en", "Recalling resolutions 1998/20 and 1999/30 of 28 July 1998 and of 27 July 1999 of the Economic and Social "
           "Council,", {"E/RES/1998/20", "E/RES/1999/30"}),
])
def test_the_body_named_after_the_items_own_dates_is_theirs(lang, paragraph, keys):
    assert in_paragraph(lang, paragraph) == keys


@pytest.mark.parametrize("opening", ["Taking account of", "Gratified by", "Pleased with"])
def test_more_opening_phrases_of_the_preamble(opening):
    text = (f"The General Assembly, Recalling its resolution 3013 (XXVII) of 18 December 1972, {opening} the "
            "entry into force of the Convention on Psychotropic Substances, 1971, Noting resolution 44/141, "
            "1. Requests the Secretary-General to report to it.")
    assert paragraphs(text) == [("pp_1", {"A/RES/3013(XXVII)"}), ("pp_2", {"convention:psychotropic-1971"}),
                                ("pp_3", {"A/RES/44/141"}), ("op_1", set())]


@pytest.mark.parametrize("own, cited, keys", [
    # UNODC's pages print an old resolution with its year
    ("E/RES/1971/1577(L)", "E/RES/1970/1474 (XLVIII)", ("E/RES/1577(L)", "E/RES/1474(XLVIII)")),
    ("E/RES/2005/25", "E/RES/2004/30", ("E/RES/2005/25", "E/RES/2004/30")),  # the year form from 1978 stays
])
def test_an_old_economic_and_social_council_symbol_printed_with_its_year(own, cited, keys):
    text = (f"Economic and Social Council\nDistr. {own}\n\nThe Economic and Social Council,\n\n"
            f"Recalling resolution {cited},\n\n1. Requests the Secretary-General to report.\n")
    x = extract(text)
    assert (x.document.symbol, *{c.target for c in x.citations}) == keys


def test_a_spaced_old_footnote_mark_after_a_clauses_end_still_cuts_a_one_line_page():
    text = ("The General Assembly, Recalling its resolution 3013(XXVII) of 18 December 1972 calling for adherence to "
            "the Single Convention on Narcotic Drugs, 1961,63/ and the 1971 Convention on Psychotropic Substances, 64/ "
            "Gratified that since the adoption of that resolution a number of States have acceded, "
            "1. Stresses the importance of universal accession.")
    assert paragraphs(text) == [
        ("pp_1", {"A/RES/3013(XXVII)", "convention:single-drugs-1961", "convention:psychotropic-1971"}),
        ("pp_2", {"A/RES/3013(XXVII)"}), ("op_1", set())]


@pytest.mark.parametrize("text, want", [
    # a PDF's second page: its head, then the end of a paragraph the first page began
    ("S/RES/2999 (2026)\ncomponentes, y componentes de artefactos explosivos, hacia grupos armados, y alentando a los\n"
     "Estados a que apliquen la resolución 2370 (2017),\nReconociendo que la transferencia ilícita es una fuente de "
     "armas, como señaló en su resolución 2220 (2015),\n1. Decide seguir ocupándose de la cuestión.\n",
     [("pp_1", {"S/RES/2370(2017)"}), ("pp_2", {"S/RES/2220(2015)"}), ("op_1", set())]),
    # a web page's excerpt, the fragment set apart
    ("Résolutions adoptées par le Conseil de sécurité\n\nhostilités et de relever l'âge fixé au paragraphe 3 de "
     "l'article 38 de la Convention relative aux droits de l'enfant,\n\nSoulignant sa détermination à faire respecter "
     "sa résolution 1460 (2003),\n\n1. Décide de rester saisi de la question.\n",
     [("pp_1", {"convention:crc-1989/art_38"}), ("pp_2", {"S/RES/1460(2003)"}), ("op_1", set())]),
])
def test_a_page_that_opens_inside_a_paragraph_keeps_it_as_the_first(text, want):
    assert paragraphs(text) == want


@pytest.mark.parametrize("text, first", [
    # a chapeau the reader does not know, wrapped: its second line is no paragraph
    ("CAC/COSP/2027/15\n\nRésolution 12/3\n\nLa Conférence des États parties à la Convention des Nations Unies\n"
     "contre la corruption,\n\nRappelant l'article 63 de la Convention des Nations Unies contre la corruption,\n\n"
     "1. Décide de poursuivre ses travaux.\n", ("pp_1", {"convention:uncac-2003/art_63"})),
    # a web page's chrome before the chapeau on its line
    ("comments\n\n date 2024-09 La Asamblea General,\n\nRecordando su resolución 77/247, de 30 de diciembre de 2022,\n\n"
     "1. Decide seguir ocupándose de la cuestión.\n", ("pp_1", {"A/RES/77/247"})),
    # a title's wrapped line
    ("73/999. Strengthening the crime prevention and criminal\njustice programme, in particular its technical capacity\n"
     "Recalling its resolution 46/152 of 18 December 1991,\n1. Requests the Secretary-General to report.\n",
     ("pp_1", {"A/RES/46/152"})),
])
def test_a_head_that_opens_with_a_small_letter_is_no_paragraph(text, first):
    assert paragraphs(text)[0] == first


@pytest.mark.parametrize("lang, paragraph, keys", [
    # an item dated by month and year alone does not end the list
    ("fr", "Rappelant ses résolutions 661 (1990) d'août 1990, 678 (1990) du 29 novembre 1990 et 687 (1991) du 3 avril "
           "1991,", {"S/RES/661(1990)", "S/RES/678(1990)", "S/RES/687(1991)"}),
    ("en", "Recalling its resolutions 661 (1990) of August 1990 and 678 (1990) of 29 November 1990,",
     {"S/RES/661(1990)", "S/RES/678(1990)"}),
    # an article inserted after another is not that one (the treaty, still cited, keeps its own key)
    ("en", "Noting that a new article 14 bis was adopted, and recalling articles 12, 14 and 36 bis of the Single "
           "Convention on Narcotic Drugs, 1961,", {"convention:single-drugs-1961/art_12",
                                                    "convention:single-drugs-1961/art_14", "convention:single-drugs-1961"}),
])
def test_a_list_and_its_dates_and_inserted_articles(lang, paragraph, keys):
    assert in_paragraph(lang, paragraph, {"fr": "Le Conseil de sécurité,", "en": "The Security Council,"}) == keys


def test_accueillant_alone_opens_a_paragraph_and_takes_its_modifiers():
    text = ("L'Assemblée générale, Rappelant sa résolution 73/186 du 17 décembre 2018, Accueillant également avec "
            "satisfaction sa résolution 73/187 du 17 décembre 2018, Notant le rapport du Secrétaire général sur la "
            "question, 1. Prie le Secrétaire général de lui faire rapport.")
    assert paragraphs(text) == [("pp_1", {"A/RES/73/186"}), ("pp_2", {"A/RES/73/187"}), ("pp_3", set()),
                                ("op_1", set())]


def test_the_operative_verb_alone_on_its_line_introduces_the_numbered_items():
    text = ("La Asamblea General,\n\nCONSIDERANDO:\nQue la Asamblea General de las Naciones Unidas aprobó la resolución "
            "37/9 de 4 de noviembre de 1982,\nRESUELVE\n1. Expresar su apoyo a la resolución 37/9 de la Asamblea General "
            "de las Naciones Unidas.\n2. Exhortar a las partes al cumplimiento de la citada resolución.\n")
    assert [pid for pid, _ in paragraphs(text)] == ["pp_1", "op_1", "op_2"]
    assert paragraphs(text)[1] == ("op_1", {"A/RES/37/9"})


def test_a_reprint_with_its_opening_phrases_in_small_letters():
    text = ("ANNEX 4 RESOLUTION 2999 (XXIII) IMPLEMENTATION OF THE DECLARATION The General Assembly, recalling the "
            "Declaration contained in its resolution 1514 (XV) of 14 December 1960, recalling its resolutions 1654 "
            "(XVI) of 27 November 1961 and 1810 (XVII) of 17 December 1962, noting with grave concern that many "
            "Territories are still under colonial domination, recalling that the Assembly had decided so, 1. "
            "Reaffirms its resolution 1514 (XV).")
    assert paragraphs(text) == [("pp_1", {"A/RES/1514(XV)"}), ("pp_2", {"A/RES/1654(XVI)", "A/RES/1810(XVII)"}),
                                ("pp_3", set()), ("pp_4", set()), ("op_1", {"A/RES/1514(XV)"})]
    # … and only there: a sentence that goes on ", recalling …" in a text that sets its phrases in capitals
    capital = text.replace("The General Assembly, recalling the", "The General Assembly, Recalling the")
    assert [pid for pid, _ in paragraphs(capital)] == ["pp_1", "op_1"]


def test_a_news_page_before_the_resolution_and_a_chapeau_with_its_first_paragraph_on_one_line():
    text = ("La Asamblea General de las Naciones Unidas votó para exigir que cesara la ofensiva y condenó la invasión en "
            "una sesión de emergencia.\n\nAquí está el texto completo:\n\n"
            "La Asamblea General, Reafirmando la importancia primordial de la Carta de las Naciones Unidas,\n\n"
            "Tomando nota de la resolución 2623 (2022) del Consejo de Seguridad, de 27 de febrero de 2022,\n\n"
            "1. Deplora en los términos más enérgicos la agresión.\n")
    assert paragraphs(text) == [("pp_1", {"un:charter"}), ("pp_2", {"S/RES/2623(2022)"}), ("op_1", set())]


def test_a_footnote_rule_inside_a_one_line_page_sets_its_notes_apart():
    text = ("L'Assemblée générale, Guidée par la Charte des Nations Unies, la Déclaration universelle des droits de "
            "l'homme 1 et les Pactes internationaux relatifs aux droits de l'homme 2, Rappelant sa résolution 61/176 "
            "du 19 décembre 2006, 1. Se déclare gravement préoccupée par les violations décrites dans cette "
            "résolution ; _______________ 1 Résolution 217 A (III). 2 Résolution 2200 A (XXI), annexe.")
    got = paragraphs(text)
    assert got[-1][0] == "op_1" and "A/RES/217A(III)" not in got[-1][1] and "A/RES/2200A(XXI)" not in got[-1][1]


def test_the_commission_on_human_rights_named_after_the_united_nations_keys_nothing():
    assert in_paragraph("en", "Recalling resolution 2004/87 of the United Nations Commission on Human Rights and "
                              "resolution 2004/20 of the Economic and Social Council,") == {"E/RES/2004/20"}


def test_a_title_number_under_the_human_rights_councils_chapeau_is_its_own_symbol():
    x = extract("7/7. Protection of human rights while countering terrorism\nThe Human Rights Council,\n"
                "Recalling its resolution 6/28,\n1. Reaffirms its commitment.\n")
    assert x.document.symbol == "A/HRC/RES/7/7"
    assert {c.target for c in x.citations} == {"A/HRC/RES/6/28"}


def test_a_number_glued_to_its_verb_and_a_symbol_spaced_after_its_slashes():
    text = ("The Security Council,\n\nRecalling the statement of its President of 12 February 1999 (S/ PRST/ 1999/ 6) "
            "and the report of the Secretary-General (S/ 1999/ 957),\n\n1.Commends the report of the Secretary-General "
            "(S/1999/958);\n")
    assert paragraphs(text) == [("pp_1", {"S/PRST/1999/6", "S/1999/957"}), ("op_1", {"S/1999/958"})]


def test_these_instruments_are_the_treaties_named_together_just_before():
    text = ("The General Assembly,\n\nRecalling its resolution 3013 (XXVII) calling for adherence to the Single "
            "Convention on Narcotic Drugs, 1961, and the Convention on Psychotropic Substances,\n\nGratified that a "
            "number of States have acceded to one or more of these instruments,\n\nRecalling its resolution 60/1,\n\n"
            "Urging States to implement these instruments fully,\n\n1. Decides to remain seized of the matter.\n")
    two = {"convention:single-drugs-1961", "convention:psychotropic-1971"}
    assert paragraphs(text) == [("pp_1", {"A/RES/3013(XXVII)", *two}), ("pp_2", two), ("pp_3", {"A/RES/60/1"}),
                                ("pp_4", set()), ("op_1", set())]


def test_a_press_releases_full_text_in_quotation_marks():
    text = ("UNITED NATIONS - Resolution 2999 (2026)\n\nThe full text of resolution 2999 (2026) reads as follows:\n\n"
            "\u201cThe Security Council,\n\n\u201cRecalling its resolution 1970 (2011) of 26 February 2011,\n\n"
            "\u201cDeploring the failure of the authorities to comply with resolution 1970 (2011),\n\n"
            "\u201c1. Demands the immediate establishment of a ceasefire;\n")
    assert paragraphs(text) == [("pp_1", {"S/RES/1970(2011)"}), ("pp_2", {"S/RES/1970(2011)"}), ("op_1", set())]


def test_council_numbers_without_years_each_with_its_date():
    assert in_paragraph("fr", "Rappelant ses résolutions antérieures, notamment les résolutions 1616 du 29 juillet 2005 "
                              "et 1649 du 21 décembre 2005,", {"fr": "Le Conseil de sécurité,"}) == {
        "S/RES/1616(2005)", "S/RES/1649(2005)"}


def test_the_oas_last_reason_after_a_semicolon_and_y_and_a_first_meeting_that_is_no_anaphor():
    text = ("La Asamblea General,\n\nTENIENDO PRESENTE el Protocolo para Prevenir, Reprimir y Sancionar la Trata de "
            "Personas, Especialmente Mujeres y Niños; y\nTENIENDO EN CUENTA igualmente la resolución 64/293 de la "
            "Asamblea General de las Naciones Unidas,\n\nRESUELVE:\n\n1. Acoger las conclusiones de la Primera Reunión "
            "de Autoridades Nacionales en Materia de Trata de Personas.\n")
    assert paragraphs(text) == [("pp_1", {"convention:trafficking-protocol-2000"}), ("pp_2", {"A/RES/64/293"}),
                                ("op_1", set())]


@pytest.mark.parametrize("paragraph, keys", [
    # Council numbers grouped under the year printed after the last of them
    ("Recalling its resolutions 1325 (2000), 1820 (2008), 1888 and 1889 (2009) and 1960 (2010),",
     {"S/RES/1325(2000)", "S/RES/1820(2008)", "S/RES/1888(2009)", "S/RES/1889(2009)", "S/RES/1960(2010)"}),
    ("Recalling its resolutions 1892 (2009), 1908, 1927 and 1944 (2010),",
     {"S/RES/1892(2009)", "S/RES/1908(2010)", "S/RES/1927(2010)", "S/RES/1944(2010)"}),
    ("Recalling its resolutions 1908, 1927 and 1944 (2010),", {"S/RES/1908(2010)", "S/RES/1927(2010)",
                                                             "S/RES/1944(2010)"}),
])
def test_council_numbers_grouped_under_one_year(paragraph, keys):
    assert in_paragraph("en", paragraph, {"en": "The Security Council,"}) == keys
