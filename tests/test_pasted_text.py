"""Text as users paste or scrape it (holdout17): markdown emphasis, escapes and headings, addresses left by
hyperlinks, footnote marks glued to a word and the footnotes they point to. Invented sentences in the genre,
in the three languages; spans still index the original text."""

from __future__ import annotations

import pytest

from resograph.reading.clean import clean
from resograph.reading.extract import extract


def cited(source: str) -> set[tuple[str, str]]:
    x = extract(source)
    for c in x.citations:
        assert c.text == source[c.start:c.end]
    return {(c.paragraph, c.target) for c in x.citations}


@pytest.mark.parametrize("source, expected", [
    # markdown bold participles and verbs, escaped paragraph numbers, an italic chapeau
    ("# Resolution adopted by the General Assembly\n\n*The General Assembly*,\n\n**Recalling** its resolution "
     "60/147 (https://undocs.org/A/RES/60/147) on the right to a remedy,\n\n**Noting with concern** the report "
     "of the Secretary-General (A/78/310 (https://undocs.org/A/78/310)),\n\n1\\. **Calls upon** States to apply "
     "resolution 40/34,\n\n2\\. **Decides** to remain seized of the matter.\n",
     {("pp_1", "A/RES/60/147"), ("pp_2", "A/78/310"), ("op_1", "A/RES/40/34")}),
    ("La Asamblea General,\n\nRecordando su resoluci&oacute;n&nbsp;70/1 y las resoluciones 1373&nbsp;(2001) y "
     "2396&#160;(2017) del Consejo de Seguridad,\n\n1. Decide seguir ocup&aacute;ndose de la cuesti&oacute;n.\n",
     {("pp_1", "A/RES/70/1"), ("pp_1", "S/RES/1373(2001)"), ("pp_1", "S/RES/2396(2017)")}),
    ("*L'Assemblée générale*,\n\n__Rappelant__ ses résolutions 61/295<https://undocs.org/fr/A/RES/61/295>, "
     "65/198<https://undocs.org/fr/A/RES/65/198> et 66/142,\n\n1\\. __Prie__ les États d'appliquer la "
     "résolution 1325 (2000) (https://undocs.org/fr/S/RES/1325(2000)) du Conseil de sécurité ;\n",
     {("pp_1", "A/RES/61/295"), ("pp_1", "A/RES/65/198"), ("pp_1", "A/RES/66/142"),
      ("op_1", "S/RES/1325(2000)")}),
    # a list of Council resolutions, each with its link glued to it
    ("El Consejo de Seguridad,\n\n\tRecordando sus resoluciones 1267 (1999)<https://undocs.org/es/S/RES/1267"
     "(1999)>, 1989 (2011)<https://undocs.org/es/S/RES/1989(2011)> y 2253 (2015),\n\n\t1.\tDecide seguir "
     "ocupándose de la cuestión.\n",
     {("pp_1", "S/RES/1267(1999)"), ("pp_1", "S/RES/1989(2011)"), ("pp_1", "S/RES/2253(2015)")}),
    # a markdown link whose text is the citation
    ("The Security Council,\n\nRecalling its resolution [2462 (2019)](https://undocs.org/S/RES/2462(2019)),\n\n"
     "1. Decides to remain seized of the matter.\n", {("pp_1", "S/RES/2462(2019)")}),
])
def test_markdown_and_link_residue_is_read_through(source, expected):
    assert cited(source) == expected


def test_footnote_marks_and_footnotes_without_blank_lines():
    """A line ending in a superscript mark still ends its clause; the footnotes at the foot cite nothing."""
    source = ("La Asamblea General,\nRecordando su resolución 64/293¹ y la Convención de las Naciones Unidas "
              "contra la Corrupción,²\nObservando con preocupación el informe del Secretario General (A/75/123),\n"
              "1. Insta a los Estados a que apliquen la resolución 64/293;\n75ª sesión plenaria\n"
              "¹ Véase también A/64/100.\n² Naciones Unidas, Treaty Series, vol. 2349, núm. 42146.\n")
    assert cited(source) == {("pp_1", "A/RES/64/293"), ("pp_1", "convention:uncac-2003"), ("pp_2", "A/75/123"),
                             ("op_1", "A/RES/64/293")}
    assert [p.id for p in extract(source).paragraphs] == ["pp_1", "pp_2", "op_1"]


def test_bracketed_footnotes_after_an_italic_meeting_line():
    source = ("*L'Assemblée générale*,\n\n**Rappelant** la Convention relative aux droits de l'enfant[1] et sa "
              "résolution 74/133,\n\n1. **Prie** le Secrétaire général de lui présenter un rapport.\n\n"
              "*50e séance plénière*\n*18 décembre 2020*\n\n[1] Nations Unies, *Recueil des Traités*, vol. 1577.\n"
              "[2] Voir A/75/200, par. 3.\n")
    got = cited(source)
    assert ("pp_1", "A/RES/74/133") in got
    assert not {t for _, t in got} & {"A/75/200"}
    assert [p.id for p in extract(source).paragraphs] == ["pp_1", "op_1"]


@pytest.mark.parametrize("text, expected", [
    ("**Recalling also** its resolution", "Recalling also its resolution"),
    ("_La Asamblea General_, visto", "La Asamblea General, visto"),
    ("1\\. **Urges** States", "1. Urges States"),
    ("## Resolution 12/3", "Resolution 12/3"),
    ("resolution 55/25 (https://undocs.org/A/RES/55/25), by which", "resolution 55/25, by which"),
    ("2474 (2019) (https://undocs.org/S/RES/2474(2019)) on", "2474 (2019) on"),
    ("see https://www.example.org/a.", "see ."),
    ("Development,[1] in particular", "Development, in particular"),
    ("and the Protocol[^2]", "and the Protocol"),
    ("69/314¹ on, Corruption,³", "69/314 on, Corruption,"),
    ("[2] Véase A/69/114.", " 2  Véase A/69/114."),
    ("¹ See also A/70/951.", "1 See also A/70/951."),
    # HTML character references left by a page's source
    ("resolution&nbsp;1373&#160;(2001), the States&#8217; duty", "resolution 1373 (2001), the States' duty"),
    ("Crime&nbsp;&amp;&nbsp;Justice, resoluci&oacute;n 70/1", "Crime & Justice, resolución 70/1"),
])
def test_residue_is_cleaned(text, expected):
    c = clean(text)
    assert c.text == expected
    last = expected.split()[-1]  # an untouched word maps back to itself
    s, e = c.span(c.text.rindex(last), c.text.rindex(last) + len(last))
    assert text[s:e] == last


@pytest.mark.parametrize("text", [
    "*2711835*", "__________________", "Observer Force,**", "3. Relies on * the Chief of Staff", "S/RES/1234_final", "snake_case_name",
    "* Paragraph 3 of the English text", "[S/1234]", "décision [1]", "and \\Northern Ireland", "a) [ii]",
    "Report 2016 ² km", "R&D; AT&T; &foo; & ;",
])
def test_no_change_where_nothing_was_pasted(text):
    assert clean(text).text == text


@pytest.mark.parametrize("bullet", ["●", "◦", "■", "\uf0b7"])
def test_word_and_web_bullets_open_operative_items(bullet):
    source = ("L'Assemblée générale de l'OIPC-INTERPOL, réunie à Lyon,\n\nRAPPELANT sa résolution AG-2019-88-RES-03,\n\n"
              f"INVITE les pays membres :\n\n{bullet}\tà appliquer la résolution AG-2008-RES-07 ;\n\n"
              f"{bullet}\tà ratifier la Convention des Nations Unies contre la corruption ;\n\n"
              "CHARGE le Secrétariat général de suivre la question.\n")
    assert cited(source) == {("pp_1", "GA-2019-88-RES-03"), ("op_1", "GA-2008-RES-07"),
                             ("op_2", "convention:uncac-2003")}


def test_a_word_joiner_inside_a_symbol_changes_nothing():
    assert cited("The General Assembly,\n\nRecalling its resolution 70/\u20601,\n\n1. Decides to remain seized.\n") \
        == {("pp_1", "A/RES/70/1")}
