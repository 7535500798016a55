"""Paragraphs and headers of real layouts (issue 12): the Security Council's title and adoption lines,
footnotes at the foot of a page, a whole resolution on one line, OCR-printed paragraph numbers, the
UN's opening phrases in three languages — on short excerpts written for these tests — and, when the
real corpus is beside the checkout, the same checks over its 598 texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resograph.reading.extract import extract, extract_file
from resograph.reading.lexicon import load_lexicon

CR_UNSC = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "cr-unsc"


def ops(x) -> list:
    return [p for p in x.paragraphs if p.kind == "operative"]


def pps(x) -> list:
    return [p for p in x.paragraphs if p.kind == "preambular"]


BODY = """
The Security Council,

Recalling its resolution 50 (1948),

1. Calls upon the parties to cease hostilities;

2. Requests the Secretary-General to report.
"""


# --- headers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("title, symbol, date", [
    ("Resolution 242 (1967)\nof 22 November 1967\n", "S/RES/242(1967)", "1967-11-22"),
    ("RESOLUTION 242 (1967)\n\nof 22 November 1967\n", "S/RES/242(1967)", "1967-11-22"),
    ("21 (1947). Resolution of 2 April 1947\n[S/318]\n", "S/RES/21(1947)", "1947-04-02"),
    ("1 (1946) Resolution of 25 January 1946\n", "S/RES/1(1946)", "1946-01-25"),
    ("Resolution 892 (1993) of 22 December 1993\n", "S/RES/892(1993)", "1993-12-22"),
    # no year beside the number, or an unreadable one: the date line's year
    ("Resolution 290\nof 8 December 1970\n", "S/RES/290(1970)", "1970-12-08"),
    ("Resolution 361 (197-4)\nof 30 August 1974\n", "S/RES/361(1974)", "1974-08-30"),
    # a year misprinted beside the number: a resolution's symbol carries its adoption year
    ("Resolution 434 (1973)\nof 18 September 1978\n", "S/RES/434(1978)", "1978-09-18"),
])
def test_security_council_title_lines_give_symbol_and_date(title, symbol, date):
    x = extract(title + BODY)
    assert x.document.symbol == symbol
    assert x.document.body == "un-sc"
    assert x.document.dates == [date]
    assert x.document.number == int(symbol.split("/")[2].split("(")[0])
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]


@pytest.mark.parametrize("text, symbol, body, title, meeting, date", [
    ("1514 (XV). Declaration on the granting of independence to colonial peoples\n\nThe General Assembly,\n\n"
     "Mindful of the Charter,\n\n1. Proclaims the necessity of ending colonialism;\n\n947th plenary meeting,\n"
     "14 December 1960.\n", "A/RES/1514(XV)", "un-ga", "Declaration on the granting of independence to colonial "
     "peoples", 947, "1960-12-14"),
    ("217 A (III). International Bill of Human Rights\n\nThe General Assembly,\n\nRecalling its resolution 43 (I),\n"
     "\n1. Adopts the Declaration;\n\n183rd plenary meeting\n10 December 1948\n", "A/RES/217A(III)", "un-ga",
     "International Bill of Human Rights", 183, "1948-12-10"),
    ("2004/21. Cooperation in criminal matters\n\nThe Economic and Social Council,\n\nRecalling its resolution "
     "1999/23,\n\n1. Requests the Secretary-General to report;\n\n45th plenary meeting\n21 July 2004\n",
     "E/RES/2004/21", "ecosoc", "Cooperation in criminal matters", 45, "2004-07-21"),
    ("1576 (L). Crime prevention\n\nThe Economic and Social Council,\n\nRecalling its resolution 1086 (XXXIX),\n\n"
     "1. Requests the Secretary-General to report;\n\n1773rd plenary meeting\n20 May 1971\n", "E/RES/1576(L)",
     "ecosoc", "Crime prevention", 1773, "1971-05-20"),
    ("79/136. Coopération entre l'ONU et INTERPOL\n\nL'Assemblée générale,\n\nRappelant sa résolution 77/20,\n\n"
     "1. Prie le Secrétaire général de faire rapport;\n\n51e séance plénière\n6 décembre 2024\n", "A/RES/79/136",
     "un-ga", "Coopération entre l'ONU et INTERPOL", 51, "2024-12-06"),
    ("79/136. Cooperación con INTERPOL\n\nLa Asamblea General,\n\nRecordando su resolución 77/20,\n\n1. Solicita al "
     "Secretario General que informe;\n\n51ª sesión plenaria\n6 de diciembre de 2024\n", "A/RES/79/136", "un-ga",
     "Cooperación con INTERPOL", 51, "2024-12-06"),
])
def test_general_assembly_and_ecosoc_title_and_meeting_lines(text, symbol, body, title, meeting, date):
    x = extract(text)
    d = x.document
    assert (d.symbol, d.body, d.title, d.meeting, d.dates) == (symbol, body, title, meeting, [date])
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1"]
    assert x.paragraphs[-1].text.endswith(";")  # the meeting and date lines are not the paragraph's


# A Human Rights Council resolution comes under the General Assembly's masthead, its own symbol
# A/HRC/RES/{session}/{n} above a "{session}/{n}." title line that is not the Assembly's.
@pytest.mark.parametrize("head, chapeau, recalling, op", [
    ("Naciones Unidas    A/HRC/RES/61/7\nAsamblea General    Distr. general\n\nConsejo de Derechos Humanos\n"
     "61er período de sesiones\n\nResolución aprobada por el Consejo de Derechos Humanos el 3 de abril de 2026\n\n"
     "61/7. Los derechos del niño\n", "El Consejo de Derechos Humanos,", "Recordando sus resoluciones 42/15 y 48/4 y "
     "la resolución 2396 (2017) del Consejo de Seguridad,", "1. Decide seguir examinando la cuestión."),
    ("Nations Unies    A/HRC/RES/61/7\nAssemblée générale    Distr. générale\n\nConseil des droits de l'homme\n"
     "Soixante et unième session\n\nRésolution adoptée par le Conseil des droits de l'homme le 3 avril 2026\n\n"
     "61/7. Droits de l'enfant\n", "Le Conseil des droits de l'homme,", "Rappelant ses résolutions 42/15 et 48/4 "
     "et la résolution 2396 (2017) du Conseil de sécurité,", "1. Décide de poursuivre l'examen de la question."),
    ("United Nations    A/HRC/RES/61/7\nGeneral Assembly    Distr.: General\n\nHuman Rights Council\n"
     "Sixty-first session\n\nResolution adopted by the Human Rights Council on 3 April 2026\n\n"
     "61/7. Rights of the child\n", "The Human Rights Council,", "Recalling its resolutions 42/15 and 48/4 and "
     "Security Council resolution 2396 (2017),", "1. Decides to continue its consideration of the question."),
])
def test_a_human_rights_council_resolution_has_its_own_symbol(head, chapeau, recalling, op):
    x = extract(f"{head}\n{chapeau}\n\n{recalling}\n\n{op}\n")
    assert (x.document.symbol, x.document.body, x.document.number, x.document.session) == ("A/HRC/RES/61/7", "hrc", 7, 61)
    # its own resolutions are the Council's; a Security Council resolution of 2017 is not later than it
    assert {c.target for c in x.citations} == {"A/HRC/RES/42/15", "A/HRC/RES/48/4", "S/RES/2396(2017)"}


def test_a_draft_symbol_line_is_neither_the_symbol_nor_a_paragraph():
    x = extract("Resolution 77 (1949)\nof 1 March 1949\n[S/1234]\n" + BODY)
    assert x.document.symbol == "S/RES/77(1949)"
    assert all("S/1234" not in p.text for p in x.paragraphs)
    assert not any(c.target == "S/1234" for c in x.citations)


def test_adoption_line_at_the_head_gives_meeting_and_date():
    x = extract("Resolution 777 (1992)\n\nAdopted by the Security Council at its 3108th meeting, "
                "on 26 August 1992\n" + BODY)
    assert (x.document.symbol, x.document.meeting, x.document.dates) == ("S/RES/777(1992)", 3108, ["1992-08-26"])
    assert x.to_json()["document"]["meeting"] == 3108
    assert len(x.paragraphs) == 3


@pytest.mark.parametrize("head, meeting, date", [
    ("Résolution 777 (1992)\n\nAdoptée par le Conseil de sécurité à sa 3108e séance, le 26 août 1992\n\n"
     "Le Conseil de sécurité,\n\nRappelant sa résolution 50 (1948),\n\n1. Demande aux parties de cesser le feu;\n",
     3108, "1992-08-26"),
    ("Resolución 777 (1992)\n\nAprobada por el Consejo de Seguridad en su 3108ª sesión, celebrada el 26 de agosto "
     "de 1992\n\nEl Consejo de Seguridad,\n\nRecordando su resolución 50 (1948),\n\n1. Exhorta a las partes a cesar "
     "el fuego;\n", 3108, "1992-08-26"),
    # the date wrapped onto the next line, as the PDFs print it (indented or not)
    ("            Résolution 777 (1992)\n\n            Adoptée par le Conseil de sécurité à sa 3108e séance,\n"
     "            le 26 août 1992\n\n            Le Conseil de sécurité,\n\n            Rappelant sa résolution 50 "
     "(1948),\n\n            1. Demande aux parties de cesser le feu;\n", 3108, "1992-08-26"),
    ("Resolución 777 (1992)\nAprobada por el Consejo de Seguridad en su 3108a sesión, celebrada el\n26 de agosto "
     "de 1992\n\nEl Consejo de Seguridad,\n\nRecordando su resolución 50 (1948),\n\n1. Exhorta a las partes a cesar "
     "el fuego;\n", 3108, "1992-08-26"),
])
def test_adoption_line_at_the_head_in_french_and_spanish(head, meeting, date):
    x = extract(head)
    assert (x.document.symbol, x.document.meeting, x.document.dates) == ("S/RES/777(1992)", meeting, [date])
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1"]


@pytest.mark.parametrize("foot, meeting, vote", [
    ("Adopted unanimously at the 1382nd meeting.", 1382, None),  # no count is printed: none asserted
    ("Adopted unanimously at the\n1382nd meeting.", 1382, None),
    ("Adopted unanimously at\nthe 277th meeting.", 277, None),
    ("Adopted at the 1482nd meeting by 10 votes to none, with 5 abstentions (France, Poland,\n"
     "Union of Soviet Socialist Republics, United Kingdom, United States).", 1482, (10, 0, 5)),
    ("Adopted at the 1083rd meeting\nby 10 votes to none, with\n1 abstention (France).", 1083, (10, 0, 1)),
    ("Adopted at the 202nd meeting by 9 votes to 2 (Poland, Ukraine).", 202, (9, 2, 0)),
    ("Adopted at the 30th meeting by 9 votes (Australia, present and not voting).", 30, (9, 0, 0)),
    ("Adopted at the 1621st meeting by 13 votes to none, with I abstention (China).", 1621, (13, 0, 1)),
    ("Adopted at the 1473rd meeting by I1 votes to none, with 4 abstentions (Colombia).", 1473, (11, 0, 4)),
    ("Adopted at the 2nd meeting. 22", 2, None),  # a footnote mark after the line
    ("Adopted unanimously the\n2399th meeting.", 2399, None),  # OCR lost "at"
])
def test_the_vote_and_meeting_line_is_the_documents_never_a_paragraph(foot, meeting, vote):
    x = extract("Resolution 100 (1953)\nof 2 May 1953\n" + BODY + "\n" + foot + "\n")
    assert x.document.meeting == meeting
    want = None if vote is None else dict(zip(("for", "against", "abstentions"), vote))
    assert x.document.vote == want
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]
    assert x.paragraphs[-1].text == "2. Requests the Secretary-General to report."


# The plain layout of a PDF as text (no blank line between blocks): the plenary meeting line right under
# the last paragraph's full stop is the document's, not the paragraph's last line.
@pytest.mark.parametrize("text, meeting, date", [
    ("A/RES/82/118\nThe General Assembly,\nRecalling its resolution 73/151,\n1. Calls upon States to act;\n"
     "2. Requests a report.\n59th plenary meeting\n15 December 2027\n", 59, "2027-12-15"),
    ("A/RES/82/118\nL'Assemblée générale,\nRappelant sa résolution 73/151,\n1. Engage les États à agir ;\n"
     "2. Demande un rapport.\n59e séance plénière\n15 décembre 2027\n", 59, "2027-12-15"),
    ("A/RES/82/118\nLa Asamblea General,\nRecordando su resolución 73/151,\n1. Exhorta a los Estados;\n"
     "2. Solicita un informe.\n59a sesión plenaria\n15 de diciembre de 2027\n", 59, "2027-12-15"),
])
def test_a_plenary_line_right_under_the_last_full_stop(text, meeting, date):
    x = extract(text)
    assert (x.document.meeting, x.document.dates) == (meeting, [date])
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]
    assert x.paragraphs[-1].text.endswith(".")


def test_a_wrapped_line_that_reads_like_a_plenary_line_stays_in_its_paragraph():
    x = extract("A/RES/82/118\nLa Asamblea General,\nRecordando su resolución 73/151,\n1. Exhorta a los Estados a "
                "reunirse en su\n59a sesión plenaria\n2. Solicita un informe.\n")
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2"]
    assert x.paragraphs[1].text.endswith("59a sesión plenaria")


FR = ("Résolution 100 (1953)\ndu 2 mai 1953\n\nLe Conseil de sécurité,\n\nRappelant sa résolution 50 (1948),\n\n"
      "1. Demande aux parties de cesser le feu;\n\n")
ES = ("Resolución 100 (1953)\nde 2 de mayo de 1953\n\nEl Consejo de Seguridad,\n\nRecordando su resolución 50 (1948),"
      "\n\n1. Exhorta a las partes a cesar el fuego;\n\n")


@pytest.mark.parametrize("text, meeting, vote", [
    (FR + "Adoptée à l'unanimité à la 1382e séance.\n", 1382, None),
    (FR + "Adoptée à la 1482e séance par 10 voix contre zéro, avec 5 abstentions (France, Royaume-Uni).\n", 1482,
     (10, 0, 5)),
    (ES + "Aprobada por unanimidad en la 1382a sesión.\n", 1382, None),
    (ES + "Aprobada en la 1482a sesión por 10 votos contra ninguno y 5 abstenciones (Francia).\n", 1482, (10, 0, 5)),
])
def test_the_vote_and_meeting_line_in_french_and_spanish(text, meeting, vote):
    x = extract(text)
    assert (x.document.symbol, x.document.dates, x.document.meeting) == ("S/RES/100(1953)", ["1953-05-02"], meeting)
    assert x.document.vote == (None if vote is None else dict(zip(("for", "against", "abstentions"), vote)))
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1"]


@pytest.mark.parametrize("foot, meeting", [
    ("Adopted at the 2256th meeting\nby 14 votes to none. 52", 2256),
    ("Adopted unanimously at the resumed 2396th meeting.", 2396),
    ("Adopted unanimously at the\n2714th (closed) meeting.", 2714),
])
def test_an_adoption_line_right_under_the_last_paragraph(foot, meeting):
    x = extract("Resolution 100 (1953)\nof 2 May 1953\n" + BODY.rstrip("\n") + "\n" + foot + "\n")
    assert x.document.meeting == meeting
    assert x.paragraphs[-1].text == "2. Requests the Secretary-General to report."


def test_after_the_adoption_line_footnotes_are_not_paragraphs():
    x = extract("Resolution 100 (1953)\nof 2 May 1953\n" + BODY
                + "\nAdopted unanimously at the 640th meeting.\n\n26 Ibid., document S/4431.\n"
                  "27 See resolution 95 (1951).\n")
    assert len(x.paragraphs) == 3
    assert {c.target for c in x.citations} == {"S/RES/50(1948)"}


# --- paragraphs --------------------------------------------------------------------------------
PAGE_BREAK = """Resolution 2999 (2031)

Adopted by the Security Council at its 9990th meeting, on 3 May 2031

The Security Council,

Recalling its resolution 2462 (2019) on countering the financing of terrorism, and
the work of its subsidiary bodies in that field,1

Noting the report of the Secretary-General on the question (S/2031/88),
__________________
1 See the report of the Monitoring Team, document S/2030/15, annex, and the
statement made by its Chair on 4 April 2030
31-04321 (E)                                                          2/3
S/RES/2999 (2031)
Reaffirming its resolution 1373 (2001),

1. Decides that all States shall:

(a) Freeze without delay the funds of the persons listed;

(ii) Report within ninety days;

(1) Inform the Committee of the measures taken;

2. Requests the Secretary-General to report by 1 June 2032;

3. Decides to remain seized of the matter.
"""


def test_a_footnote_and_running_head_at_a_page_break_swallow_no_opening():
    x = extract(PAGE_BREAK)
    assert [(p.id, p.phrase) for p in pps(x)] == [("pp_1", "Recalling"), ("pp_2", "Noting"), ("pp_3", "Reaffirming")]
    assert pps(x)[1].text == "Noting the report of the Secretary-General on the question (S/2031/88),"
    # the footnote's document is cited by no paragraph
    assert "S/2030/15" not in {c.target for c in x.citations}
    assert ("pp_3", "S/RES/1373(2001)") in {(c.paragraph, c.target) for c in x.citations}


# A page break inside an operative paragraph of the indented PDF layout: the footnote rule, a footnote
# right under it (no blank line between) whose text none of the footnote words opens — a document
# symbol, a sales number —, the job number, the bar code and the next page's running head; the
# paragraph goes on with a capitalised word ("Protocols …").
RULED_FOOTNOTE_BREAKS = {
    "en": ("The General Assembly,", "Recalling its resolution 70/1 of 25 September 2015,",
           "Welcomes the work of the Office;", "Urges States to ratify the United Nations Convention against",
           "Transnational Organized Crime and the", ("E/INCB/2031/7.", "United Nations publication, Sales No. E.31.XI.5."),
           "31-10472 (E)    120132", "Strengthening the crime prevention programme, in particular its",
           "technical cooperation capacity", "Protocols thereto, and the United Nations Convention against Corruption;",
           "Requests the Secretary-General to report at its eighty-seventh session."),
    "fr": ("L’Assemblée générale,", "Rappelant sa résolution 70/1 du 25 septembre 2015,",
           "Salue le travail de l’Office ;", "Engage les États à ratifier la Convention des Nations Unies contre",
           "la criminalité transnationale organisée et les", ("E/INCB/2031/7.", "Publication des Nations Unies, numéro de vente : F.31.XI.5."),
           "31-10472 (F)    120132", "Renforcement du programme pour la prévention du crime, en particulier de",
           "sa capacité de coopération technique", "Protocoles s’y rapportant, ainsi que la Convention des Nations Unies contre la corruption ;",
           "Prie le Secrétaire général de lui faire rapport à sa quatre-vingt-septième session."),
    "es": ("La Asamblea General,", "Recordando su resolución 70/1, de 25 de septiembre de 2015,",
           "Acoge con beneplácito la labor de la Oficina;", "Insta a los Estados a que ratifiquen la Convención de las Naciones Unidas",
           "contra la Delincuencia Organizada Transnacional y sus", ("E/INCB/2031/7.", "Publicación de las Naciones Unidas, núm. de venta: S.31.XI.5."),
           "31-10472 (S)    120132", "Fortalecimiento del programa de prevención del delito, en particular de",
           "su capacidad de cooperación técnica", "Protocolos, así como la Convención de las Naciones Unidas contra la Corrupción;",
           "Solicita al Secretario General que le presente un informe en su octogésimo séptimo período de sesiones."),
}


@pytest.mark.parametrize("note", [0, 1])
@pytest.mark.parametrize("lang", RULED_FOOTNOTE_BREAKS)
def test_a_footnote_right_under_its_rule_is_no_paragraph_text_and_the_paragraph_goes_on(lang, note):
    (chapeau, recalling, op1, op2a, op2b, notes, job, head1, head2, op2c, op3) = RULED_FOOTNOTE_BREAKS[lang]
    pad = " " * 12
    text = (f"{pad}     {chapeau}\n\n{pad}     {recalling}\n\n{pad}     1.   {op1}\n\n{pad}     2.   {op2a}\n"
            f"{pad}{op2b}\n{pad}__________________\n{pad}    1  {notes[note]}\n\n\n {job}\n\n *3110472*\n\n"
            f" A/RES/86/101        {head1}\n                     {head2}\n\n\n{pad}{op2c}\n\n{pad}     3.   {op3}\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2", "op_3"]
    assert x.paragraphs[2].text.endswith(op2c)  # (its span holds the page's furniture, which no finder reads)
    cited = {(c.paragraph, c.target) for c in x.citations}
    assert {("op_2", "convention:untoc-2000"), ("op_2", "convention:uncac-2003")} <= cited
    assert not any(t.startswith("E/INCB") for _, t in cited)


def test_the_foot_of_a_first_page_swallows_no_opening():
    x = extract("Resolution 2482 (2019)\nAdopted by the Security Council at its 8582nd meeting, on 19 July 2019\n\n"
                "The Security Council,\n\nRecalling its resolution 1373 (2001) on threats to international peace\n"
                "and security caused by terrorist acts,\nNoting with concern that terrorists benefit from crime,\n"
                "19-12345 (E)    220719\n*1912345*\nPlease recycle\nReaffirming its respect for the sovereignty "
                "of all States,\n1. Urges Member States to implement resolution 2462 (2019);\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [
        ("pp_1", "Recalling"), ("pp_2", "Noting with concern"), ("pp_3", "Reaffirming"), ("op_1", "Urges")]
    assert x.paragraphs[1].text == "Noting with concern that terrorists benefit from crime,"


# An odd page of an official PDF carries its running head the other way round: the short title, a wide
# gap, the symbol last — the title wrapped onto the lines above when it is long.
ODD_PAGE_HEADS = {
    "en": ("The General Assembly,\n\nRecalling its resolution 79/243 of 24 December 2024,\n\n"
           "1. Invites States to sign the United Nations Convention against Cybercrime;\n\n"
           "2. Encourages States to cooperate;\n\n2/3                                     26-23107\n\n"
           "Countering the use of information and communications technologies          A/RES/81/172\n\n"
           "3. Decides to continue its consideration of the question.\n",
           ["pp_1", "op_1", "op_2", "op_3"], {("pp_1", "A/RES/79/243"), ("op_1", "convention:cybercrime-2024")}),
    "fr": ("L'Assemblée générale,\n\nRappelant sa résolution 58/4 du 31 octobre 2003,\n\n"
           "1. Prie l'Office de continuer à fournir une assistance technique aux États, dans les limites\n"
           "des ressources\n\n2/3                                     26-24410\n\n"
           "Renforcement de la coopération internationale dans la mise en œuvre\n"
           "de la Convention des Nations Unies contre la criminalité transnationale\n"
           "organisée                                                       A/RES/81/151\n\n"
           "existantes ;\n\n2. Décide de rester saisie de la question.\n",
           ["pp_1", "op_1", "op_2"], {("pp_1", "A/RES/58/4")}),
    "es": ("La Asamblea General,\n\nRecordando su resolución 58/4, de 31 de octubre de 2003,\n\n"
           "Observando que los Estados partes deben adoptar medidas\n\n"
           "Aplicación de la Convención de las Naciones Unidas\n"
           "contra la Corrupción                                          A/RES/81/190\n\n"
           "con arreglo a su legislación interna,\n\n1. Decide seguir examinando la cuestión.\n",
           ["pp_1", "pp_2", "op_1"], {("pp_1", "A/RES/58/4")}),
}


@pytest.mark.parametrize("lang", ODD_PAGE_HEADS)
def test_an_odd_pages_running_head_is_neither_a_paragraph_nor_read_in_one(lang):
    text, ids, cited = ODD_PAGE_HEADS[lang]
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ids
    # only the paragraphs' own citations: the head's title names a treaty that no paragraph cites
    assert {(c.paragraph, c.target) for c in x.citations} == cited


# An even page's running head in the indented layout (`pdftotext -layout`): the symbol, the title wrapped
# onto an indented line, a blank line, then the page's body, indented as deep as the title's wrap.
EVEN_PAGE_HEADS = {
    "en": ("The General Assembly,", "Recalling its resolution 79/243 of 24 December 2024,", "26-20001 (E)",
           "Countering the use of information and communications technologies", "for criminal purposes",
           "Aware that States need to cooperate at all hours,", "Invites States to sign the United Nations",
           "Convention against Cybercrime;", "Decides to continue its consideration of the question."),
    "fr": ("L’Assemblée générale,", "Rappelant sa résolution 79/243 du 24 décembre 2024,", "26-20001 (F)",
           "Lutte contre l’utilisation des technologies de l’information", "et des communications à des fins criminelles",
           "Consciente que les autorités doivent coopérer à toute heure,", "Invite les États à ratifier la Convention",
           "des Nations Unies contre la cybercriminalité ;", "Décide de poursuivre l’examen de la question."),
    "es": ("La Asamblea General,", "Recordando su resolución 79/243, de 24 de diciembre de 2024,", "26-20001 (S)",
           "Lucha contra la utilización de las tecnologías de la información", "y las comunicaciones con fines delictivos",
           "Consciente de que las autoridades deben cooperar a toda hora,", "Invita a los Estados a ratificar la Convención",
           "de las Naciones Unidas contra la Ciberdelincuencia;", "Decide seguir examinando la cuestión."),
}


@pytest.mark.parametrize("lang", EVEN_PAGE_HEADS)
def test_an_even_pages_wrapped_running_head_ends_at_the_blank_line_below_it(lang):
    chapeau, recalling, job, title, wrap, aware, op1, op1_wrap, op2 = EVEN_PAGE_HEADS[lang]
    text = (f"                    {chapeau}\n\n                    {recalling}\n\n\n{job}\n*2620001*\n"
            f"A/RES/81/167        {title}\n                    {wrap}\n\n\n"
            f"                    {aware}\n\n                    1.      {op1}\n            {op1_wrap}\n\n"
            f"                    2.      {op2}\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1", "pp_2", "op_1", "op_2"]
    assert ("op_1", "convention:cybercrime-2024") in {(c.paragraph, c.target) for c in x.citations}
    assert title not in x.paragraphs[1].text


def test_a_symbol_that_ends_a_line_of_running_text_stays_in_its_paragraph():
    x = extract("The General Assembly,\n\nRecalling the guidelines contained in the annex to document      A/RES/74/247\n"
                "and its resolution 75/282,\n\n1. Decides to continue its consideration of the question.\n")
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1"]
    assert {c.target for c in x.citations} >= {"A/RES/74/247", "A/RES/75/282"}


def test_sub_paragraphs_belong_to_their_paragraph():
    x = extract(PAGE_BREAK)
    assert [p.id for p in ops(x)] == ["op_1", "op_2", "op_3"]  # the highest printed number is 3
    assert "(a) Freeze" in ops(x)[0].text and "(ii) Report" in ops(x)[0].text and "(1) Inform" in ops(x)[0].text


ONE_LINE = ("Resolution 2998 (2031) Adopted by the Security Council at its 9989th meeting, on 2 May 2031 "
            "The Security Council, Recalling its resolutions 2231 (2015) and 2334 (2016), "
            "Deeply concerned by the situation described in the report of the Secretary-General (S/2031/70), "
            "1. Demands that all parties respect the ceasefire; 2. Requests the Secretary-General to report "
            "on the implementation of paragraph 1. of this resolution within 30 days; "
            "3. Decides to remain seized of the matter.\n")


def test_a_whole_resolution_on_one_line():
    x = extract(ONE_LINE)
    assert (x.document.symbol, x.document.meeting, x.document.dates) == ("S/RES/2998(2031)", 9989, ["2031-05-02"])
    assert [(p.id, p.phrase) for p in x.paragraphs] == [
        ("pp_1", "Recalling"), ("pp_2", "Deeply concerned"), ("op_1", "Demands"), ("op_2", "Requests"),
        ("op_3", "Decides")]
    assert x.paragraphs[0].text == "Recalling its resolutions 2231 (2015) and 2334 (2016),"
    assert x.paragraphs[3].text.endswith("within 30 days;")  # "paragraph 1." cuts nothing
    assert {(c.paragraph, c.target) for c in x.citations} >= {("pp_1", "S/RES/2231(2015)"), ("pp_2", "S/2031/70")}
    for p in x.paragraphs:
        assert ONE_LINE[p.start:p.end] == p.text


def test_a_whole_resolution_on_one_line_unnumbered_and_in_french():
    x = extract("Resolution 2997 (2031) The Security Council, Recalling its resolution 2231 (2015), Welcoming the "
                "report of the Secretary-General (S/2031/60), Decides to extend the mandate until 30 June 2032; "
                "Requests the Secretary-General to report every three months. Adopted unanimously at the 9988th "
                "meeting.")
    assert [p.phrase for p in x.paragraphs] == ["Recalling", "Welcoming", "Decides", "Requests"]
    assert x.document.meeting == 9988
    x = extract("L'Assemblée générale, Rappelant sa résolution 79/136 du 6 décembre 2024, Prenant note du rapport "
                "du Secrétaire général, 1. Prie le Secrétaire général de lui faire rapport; 2. Décide de rester "
                "saisie de la question.")
    assert [(p.id, p.function) for p in x.paragraphs] == [
        ("pp_1", "recalling"), ("pp_2", "taking-note"), ("op_1", "requests"), ("op_2", "decides")]


def test_a_long_paragraph_on_one_line_is_not_cut():
    text = ("The Security Council,\n\nRecalling that, as it stated in resolution 50 (1948), the parties agreed to a "
            "truce, that the truce was broken, that the Mediator reported on it, and that the Council, Requests "
            "and appeals having failed, resumed its consideration of the question on the basis of the reports "
            "submitted to it by the Mediator and by the Truce Commission,\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1"]


@pytest.mark.parametrize("line", ["5, Notes the report of the Committee;", "5 Notes the report of the Committee;",
                                  "5. Notes the report of the Committee;"])
def test_an_ocr_printed_number_opens_the_next_paragraph(line):
    x = extract("The Security Council,\n\nRecalling its resolution 50 (1948),\n\n"
                + "".join(f"{n}. Requests the parties to report;\n\n" for n in range(1, 5)) + line + "\n")
    assert [p.id for p in ops(x)] == ["op_1", "op_2", "op_3", "op_4", "op_5"]
    assert ops(x)[-1].phrase == "Notes"


def test_letters_for_the_digit_one_and_footnotes_are_not_taken_for_other_numbers():
    x = extract("The Security Council,\n\nRecalling its resolution 50 (1948),\n\nL. Strongly condemns the attack;\n\n"
                "2. Requests the parties to report;\n\n3 Official Records of the Security Council, Third Year.\n")
    assert [(p.id, p.phrase) for p in ops(x)] == [("op_1", "Strongly condemns"), ("op_2", "Requests")]
    assert "Official Records" not in ops(x)[-1].text


def test_an_operative_phrase_ending_in_a_colon_before_running_text_is_a_paragraph():
    x = extract("The Security Council\n\nRecommends that the General Assembly determine the conditions as follows:\n\n"
                "Ruritania will become a party on the date of the deposit of an instrument containing:\n\n"
                "(a) Acceptance of the provisions of the Statute;\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [("op_1", "Recommends")]
    assert x.paragraphs[0].text.endswith("(a) Acceptance of the provisions of the Statute;")


def test_lettered_items_under_an_unnumbered_verb_are_the_operative_paragraphs():
    x = extract("The Security Council,\n\nHaving considered the report of the Secretary-General, 24\nDecides:\n\n"
                "(a) To call upon the parties to implement resolution 338 (1973);\n\n(b) To renew the mandate of the "
                "Force for six months;\n\n(c) To request a report on resolution 338 (1973).\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [
        ("pp_1", "Having considered"), ("op_1", "Decides"), ("op_2", "Decides"), ("op_3", "Decides")]
    assert {(c.paragraph, c.target) for c in x.citations} == {("op_1", "S/RES/338(1973)"), ("op_3", "S/RES/338(1973)")}
    x = extract("The Security Council,\n\nCalls upon the Governments concerned :\n(i) To order a cease-fire ;\n\n"
                "(ii) To implement resolution 61 (1948) ;\n\n(iii) To allow the supervision of the truce ;\n\n"
                "Instructs the committee to report.\n")
    assert [p.id for p in x.paragraphs] == ["op_1", "op_2", "op_3", "op_4"]
    x = extract("The Security Council\n\n(a) Resolves that the question be taken off the list ; and\n\n"
                "(b) Requests the Secretary-General to transmit the records.\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [("op_1", "Resolves"), ("op_2", "Requests")]


def test_ocr_six_for_b_under_an_item_a_is_the_next_item():
    # CR-UNSC prints "(6)" for "(b)" in a dozen texts (27, 93, 470 …): the item after (a), not part of it
    x = extract("The Security Council,\n\nDecides:\n\n(a) To call upon the parties to implement resolution 338 (1973);"
                "\n\n(6) To renew the mandate of the Force for six months;\n\n(c) To request a report on resolution "
                "338 (1973).\n")
    assert [p.id for p in x.paragraphs] == ["op_1", "op_2", "op_3"]
    assert {(c.paragraph, c.target) for c in x.citations} == {("op_1", "S/RES/338(1973)"), ("op_3", "S/RES/338(1973)")}
    # a "(6)" that follows no (a) opens nothing
    x = extract("The Security Council,\n\nDecides to act on resolution 50 (1948);\n\n(6) the rest of it.\n")
    assert [p.id for p in x.paragraphs] == ["op_1"]


def test_items_that_end_mid_sentence_belong_to_the_clause_before_them():
    # S/RES/93 (1951): "Recalls … obligations under Article 2 … and finds that: (a) …, and (b) …, / constitute a
    # violation of … resolution 54 (1948)": the items are the subject of the sentence that goes on after them
    x = extract("The Security Council,\n\nRecalls to the parties their obligations under Article 2, paragraph 4, of "
                "the Charter and finds that:\n\n(a) Aerial action taken on 5 April 1951, and\n\n(b) Any aggressive "
                "action by either party,\n\nconstitute a violation of resolution 54 (1948);\n\nRequests the "
                "Secretary-General to report.\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [("op_1", "Recalls"), ("op_2", "Requests")]
    assert {(c.paragraph, c.target) for c in x.citations} == {
        ("op_1", "un:charter/art_2"), ("op_1", "S/RES/54(1948)")}


def test_the_first_paragraph_under_the_chapeau_may_open_with_any_sentence():
    # CR-UNSC 9 (1946), 43 (1948): "In virtue of the powers …", "In the exercise of its primary responsibility …"
    x = extract("9 (1946). Resolution of 15 October 1946\n\nThe Security Council,\n\nIn virtue of the powers "
                "conferred upon it by Article 35, paragraph 2, of the Statute of the International Court of Justice,\n\n"
                "Resolves that:\n\n1. The Court shall be open to a State which is not a party to the Statute;\n")
    assert [(p.id, p.kind) for p in x.paragraphs][:1] == [("pp_1", "preambular")]
    assert ("pp_1", "convention:icj-statute-1945/art_35") in {(c.paragraph, c.target) for c in x.citations}


def test_a_paragraph_opening_with_distressed_is_no_masthead_line():
    # "Distr.: General" is page furniture; "Distressed by the fact that …" (CR-UNSC 246) opens a paragraph
    x = extract("The Security Council,\n\nMindful of its obligations,\n\nDistressed by the fact that the Government has "
                "failed to comply with resolution 245 (1968),\n\n1. Censures the Government.\n")
    assert [(p.id, p.phrase) for p in x.paragraphs] == [("pp_1", "Mindful"), ("pp_2", "Distressed"), ("op_1", "Censures")]
    assert {(c.paragraph, c.target) for c in x.citations} == {("pp_2", "S/RES/245(1968)")}


def test_numbered_paragraphs_that_name_the_council_first():
    x = extract("1 (1946) Resolution of 25 January 1946\n\nBy Article 47 of the Charter, a Committee is set up ;\n\n"
                "1. The Security Council requests the permanent members to meet ;\n\n"
                "2. The Security Council directs that the Committee shall report.\n\nAdopted at the 2nd meeting.\n")
    assert [(p.id, p.phrase, p.function) for p in ops(x)] == [("op_1", "requests", "requests"),
                                                               ("op_2", "directs", "requests")]
    assert (x.document.symbol, x.document.meeting) == ("S/RES/1(1946)", 2)


def test_unnumbered_operative_paragraphs_of_early_texts():
    x = extract("4 (1946). Resolution of 29 April 1946\n\nThe Security Council,\n\nKeeping in mind the views of its members,"
                "\n\nHereby resolves to make further studies of the situation;\n\nAddresses an urgent appeal to the parties;"
                "\n\nCommissions a sub-committee of five of its members to report.\n")
    assert [(p.id, p.function) for p in x.paragraphs] == [
        ("pp_1", "bearing-in-mind"), ("op_1", "decides"), ("op_2", "urges"), ("op_3", "other")]


def test_preambular_openings_of_old_texts():
    x = extract("The Security Council,\n\nHaving heard the statement of the Chairman of the Group, 57\n\n"
                "Having also heard the statement of the representative of the Front, 57\n\n"
                "Being gravely concerned with the situation in the Territory,\n\n"
                "Without prejudice to the actions of the Mediator under resolution 61 (1948),\n\n"
                "A firming that the unity of the Territory cannot be subject to any conditions,\n\n"
                "1. Decides to remain seized of the matter.\n")
    assert [(p.id, p.function) for p in x.paragraphs] == [
        ("pp_1", "noting"), ("pp_2", "noting"), ("pp_3", "concerned"), ("pp_4", "considering"), ("pp_5", "other"),
        ("op_1", "decides")]


# --- opening phrases ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, function", [
    ("L'Assemblée générale,\n\nSe déclarant préoccupée par la situation,\n", "preambular", "expressing"),
    ("L'Assemblée générale,\n\nCraignant que la situation ne s'aggrave,\n", "preambular", "concerned"),
    ("L'Assemblée générale,\n\nPriant instamment les États de coopérer,\n", "preambular", "stressing"),
    ("La Asamblea General,\n\nDecidido a cooperar con los Estados,\n", "preambular", "determined"),
    # the Councils speak in the masculine in Spanish ("El Consejo de Derechos Humanos, Guiado por …")
    ("El Consejo de Derechos Humanos,\n\nGuiado por la Carta de las Naciones Unidas,\n", "preambular", "guided"),
    ("El Consejo de Seguridad,\n\nInspirado por los propósitos de la Carta,\n", "preambular", "guided"),
    ("El Consejo de Seguridad,\n\nAlentado por los progresos alcanzados,\n", "preambular", "welcoming"),
    ("El Consejo Económico y Social,\n\nComprometido con la Agenda 2030,\n", "preambular", "determined"),
    ("El Consejo de Seguridad,\n\nIndignado por los ataques,\n", "preambular", "concerned"),
    # folded, "Décidé", "Engagé", "Encouragé par" are the verbs: those stay operative
    ("Le Conseil de sécurité,\n\n1. Engage les États à coopérer;\n", "operative", "encourages"),
    ("The General Assembly,\n\n1. Approves the programme of work;\n", "operative", "adopts"),
    ("The Security Council,\n\n1. Extends the mandate of the Force;\n", "operative", "decides"),
    ("The Security Council,\n\n1. Regrets the failure of the parties;\n", "operative", "condemns"),
    ("The Security Council,\n\n1. Urgently requests the parties to report;\n", "operative", "requests"),
    ("Le Conseil de sécurité,\n\n1. Prie instamment les parties de coopérer;\n", "operative", "urges"),
])
def test_the_uns_opening_phrases_in_three_languages(text, kind, function):
    x = extract(text)
    assert [(p.kind, p.function) for p in x.paragraphs] == [(kind, function)]


def test_every_opening_phrase_names_one_function():
    """A folded label of two concepts would make the function depend on the order of the file."""
    seen: dict[str, set[str]] = {}
    for p in load_lexicon().phrases:
        seen.setdefault(p.label, set()).add(p.function)
    assert {label: fs for label, fs in seen.items() if len(fs) > 1} == {}


# --- the real corpus ---------------------------------------------------------------------------
def _corpus() -> list[Path]:
    if not CR_UNSC.is_dir():
        pytest.skip(f"the CR-UNSC corpus is not beside the checkout ({CR_UNSC.resolve()})")
    return sorted(CR_UNSC.glob("S_RES_*_EN_GOLD.txt"))


_NAME = re.compile(r"S_RES_(\d{4})_(\d{4})_")
_PRINTED = re.compile(r"(?m)^\s*(\d{1,2})\s*[.,]\s+[A-Z]")


def printed_count(text: str) -> int:
    """The operative paragraphs the print numbers: the highest number, summed over the parts whose
    numbering starts again at 1 (resolutions in parts A, B, C); a missing number ("1.", "3.") is a gap."""
    total = current = 0
    for m in _PRINTED.finditer(text):
        n = int(m.group(1))
        if n == 1 and current:
            total, current = total + current, 1
        elif n > current:
            current = n
    return total + current


# Texts whose operative count cannot equal the printed numbers, and why.
OP_COUNT_EXCEPTIONS = {
    21: "a trusteeship agreement follows the resolution: its Articles number their own paragraphs",
    26: "an unnumbered operative paragraph ('Transmits …') follows the numbered ones",
    47: "four unnumbered operative paragraphs come before the numbered measures 1-18 (parts A, B, C)",
    346: "the corpus's text lacks paragraph 5 (the page jumps from 4 to 6)",
}
# Texts whose own symbol is not the file name's, and why.
SYMBOL_EXCEPTIONS = {542: "the corpus's file for 542 holds the text of resolution 538 (1983)"}
# Texts whose adoption line prints no readable meeting number.
MEETING_EXCEPTIONS = {270: "OCR: 'Adopted at the meeting.11 1504th'", 381: "OCR: 'at the ]8S6ih meeting'"}


def test_corpus_symbols_meetings_and_operative_counts():
    files = _corpus()
    assert len(files) == 598
    wrong_symbol, wrong_count, adoption_paragraphs, no_meeting = [], [], [], []
    for f in files:
        number, year = map(int, _NAME.match(f.name).groups())
        text = f.read_text(encoding="utf-8")
        x = extract_file(f)
        if x.document.symbol != f"S/RES/{number}({year})" and number not in SYMBOL_EXCEPTIONS:
            wrong_symbol.append((f.name, x.document.symbol))
        printed = printed_count(text)
        if printed and len(ops(x)) != printed and number not in OP_COUNT_EXCEPTIONS:
            wrong_count.append((f.name, len(ops(x)), printed))
        adoption_paragraphs += [(f.name, p.id) for p in x.paragraphs if p.text.startswith("Adopted")]
        if re.search(r"(?m)^Adopted\b.*\n?.*\bmeeting", text) and x.document.meeting is None \
                and number not in MEETING_EXCEPTIONS:
            no_meeting.append(f.name)
    assert wrong_symbol == []
    assert wrong_count == []
    assert adoption_paragraphs == []
    assert no_meeting == []


def test_an_even_pages_head_symbol_then_title_is_no_paragraph():
    # "A/RES/61/48" alone, then the short title the document opened with, set off by blank lines (holdout14)
    text = ("United Nations                                 A/RES/61/48\n\n61/48. Measures to eliminate international "
            "terrorism\n\nThe General Assembly,\n\n     Recalling its resolution 49/60,\n\n     Noting the entry into "
            "force of the conventions,\n\n __________________\n   1 Resolution 59/290, annex.\n\n\n 06-50342\n"
            " A/RES/61/48\n\n Measures to eliminate international terrorism\n\n\n     Taking note of the report of "
            "the Secretary-General,\n\n     1.    Strongly condemns all acts of terrorism;\n\n     2.    Recalls its "
            "resolution 51/210;\n")
    x = extract(text)
    assert [p.id for p in x.paragraphs] == ["pp_1", "pp_2", "pp_3", "op_1", "op_2"]
    assert ("op_2", "A/RES/51/210") in {(c.paragraph, c.target) for c in x.citations}


def test_typescript_footnotes_numbered_with_a_slash_are_no_paragraph_text():
    text = ("E/RES/1989/57\n\nThe Economic and Social Council,\n\nRecalling the report of the Committee, 1/ and the "
            "report of its tenth session, 2/\n\n_______________\n\n     1/  E/1988/20.\n\n     2/  E/AC.57/1988/11.\n\n"
            "1. Requests the Secretary-General to report.\n")
    assert {c.target for c in extract(text).citations} == set()
