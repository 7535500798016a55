"""INTERPOL General Assembly resolutions over the decades (what tests/fixtures/holdout5 found): operative
lists under headings, resolutions named by session and number, INTERPOL's own rules and their articles,
"that Convention on …", "the latter" after resolutions, a treaty named inside a Protocol's title.
Invented texts in the genre, in English, French and Spanish."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract

CHAPEAU = {
    "en": "GA-2026-94-RES-04\n\nSubject: Police cooperation\n\nThe ICPO-INTERPOL General Assembly, meeting in "
          "Lyon, France, from 2 to 5 November 2026 at its 94th session:",
    "fr": "AG-2026-94-RES-04\n\nObjet : Coopération policière\n\nL'Assemblée générale de l'OIPC-INTERPOL, réunie "
          "à Lyon (France) du 2 au 5 novembre 2026 en sa 94^e session :",
    "es": "AG-2026-94-RES-04\n\nAsunto: Cooperación policial\n\nLa Asamblea General de la OIPC-INTERPOL, reunida "
          "en Lyon (Francia) del 2 al 5 de noviembre de 2026 en su 94.ª reunión:",
}


def interpol(lang: str, *blocks: str) -> str:
    return CHAPEAU[lang] + "\n\n" + "\n\n".join(blocks) + "\n"


def cited(lang: str, *blocks: str) -> set[tuple[str, str]]:
    """(paragraph, target) pairs of an INTERPOL text made of `blocks`."""
    return {(c.paragraph, c.target) for c in extract(interpol(lang, *blocks)).citations}


# "RESOLVES as follows:", a heading, a list numbered from 1, another heading, a list numbered from 1
# again: the headings are no paragraphs, nor the intro line; the numbering goes on across the lists.
@pytest.mark.parametrize("lang, blocks", [
    ("en", ("RECALLING resolution GA-2008-RES-07,", "RESOLVES as follows:", "Member countries",
            "1. Member countries are urged to apply Security Council resolution 2396 (2017);",
            "2. Member countries are invited to connect their units to I-24/7;", "General Secretariat",
            "1. The General Secretariat is requested to apply resolution 1617 (2005);",
            "2. The General Secretariat is requested to report at the 95th session.")),
    ("fr", ("RAPPELANT la résolution GA-2008-RES-07,", "DÉCIDE ce qui suit :", "Pays membres",
            "1. Les pays membres sont invités à appliquer la résolution 2396 (2017) du Conseil de sécurité ;",
            "2. Les pays membres sont invités à relier leurs unités au système I-24/7 ;", "Secrétariat général",
            "1. Le Secrétariat général est chargé d'appliquer la résolution 1617 (2005) ;",
            "2. Le Secrétariat général est chargé de rendre compte à la 95^e session.")),
    ("es", ("RECORDANDO la resolución GA-2008-RES-07,", "DECIDE:", "I. Países miembros",
            "1. alentar a los países miembros a aplicar la resolución 2396 (2017) del Consejo de Seguridad;",
            "2. alentar a los países miembros a conectar sus unidades al sistema I-24/7;",
            "II. Secretaría General",
            "1. pedir a la Secretaría General que aplique la resolución 1617 (2005);",
            "2. pedir a la Secretaría General que informe en la 95.ª reunión.")),
])
def test_a_list_that_restarts_under_a_heading_is_numbered_on(lang, blocks):
    x = extract(interpol(lang, *blocks))
    assert [p.id for p in x.paragraphs] == ["pp_1", "op_1", "op_2", "op_3", "op_4"]
    assert {p.phrase for p in x.paragraphs if p.kind == "operative"} == {blocks[1].split()[0].rstrip(":")}
    assert not [p for p in x.paragraphs if "General Secretariat\n" in p.text or "Secrétariat général\n" in p.text
                or "Secretaría General\n" in p.text]
    assert {(c.paragraph, c.target) for c in x.citations} == {
        ("pp_1", "GA-2008-RES-07"), ("op_1", "S/RES/2396(2017)"), ("op_3", "S/RES/1617(2005)")}


def test_a_heading_naming_an_instrument_cites_nothing():
    assert cited("en", "INVITES member countries to:", "1. use I-24/7;",
                 "Implementation of the United Nations Convention against Corruption",
                 "2. designate contact points for asset recovery.") == set()


# "that Convention on …" points back: a name takes no demonstrative, the words after it are about the
# article ("article 12 of that Convention on confiscation and seizure"); nor is it a second convention
# among "both Conventions".
@pytest.mark.parametrize("lang, recalling, latter, both", [
    ("en", "RECALLING the United Nations Convention against Transnational Organized Crime, and article 12 of "
           "that Convention on confiscation and seizure,",
     "NOTING the United Nations Convention against Corruption,",
     "INVITES States parties to both Conventions to designate contact points."),
    ("fr", "RAPPELANT la Convention des Nations Unies contre la criminalité transnationale organisée, et "
           "l'article 12 de cette Convention sur la confiscation et la saisie,",
     "NOTANT la Convention des Nations Unies contre la corruption,",
     "INVITE les États parties aux deux conventions à désigner des points de contact."),
    ("es", "RECORDANDO la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional, y "
           "el artículo 12 de dicha Convención sobre el decomiso y la incautación,",
     "OBSERVANDO la Convención de las Naciones Unidas contra la Corrupción,",
     "INVITA a los Estados partes en ambas convenciones a designar puntos de contacto."),
])
def test_that_convention_on_something_is_the_convention_named_before(lang, recalling, latter, both):
    untoc, uncac = "convention:untoc-2000", "convention:uncac-2003"
    assert cited(lang, recalling, latter, both) == {
        ("pp_1", untoc), ("pp_1", untoc + "/art_12"), ("pp_2", uncac), ("op_1", untoc), ("op_1", uncac)}


# INTERPOL's other rules (the General Regulations, the Rules on the Processing of Data) have no key: their
# articles, by "of the …", "thereof", "son article", "su artículo", are not the Constitution's.
@pytest.mark.parametrize("lang, paragraph", [
    ("en", "HAVING REGARD TO Article 41 of the Constitution and Article 10 of the General Regulations,"),
    ("en", "HAVING REGARD TO Article 41 of the Constitution and to the General Regulations, in particular Article "
           "10 thereof,"),
    ("en", "HAVING REGARD TO Article 41 of the Constitution and to INTERPOL's Rules on the Processing of Data, in "
           "particular Article 10 thereof,"),
    ("en", "HAVING REGARD TO Article 41 of the Constitution and to Articles 82 and 83 of INTERPOL's Rules on the "
           "Processing of Data,"),
    ("fr", "AYANT À L'ESPRIT l'article 41 du Statut et le Règlement général, en particulier son article 10,"),
    ("fr", "AYANT À L'ESPRIT l'article 41 du Statut et le Règlement d'INTERPOL sur le traitement des données, "
           "notamment ses articles 10 et 11,"),
    ("es", "TENIENDO PRESENTE el artículo 41 del Estatuto y el Reglamento General, en particular su artículo 10,"),
    ("es", "TENIENDO PRESENTE el artículo 41 del Estatuto y el Reglamento de INTERPOL sobre el Tratamiento de "
           "Datos, en particular sus artículos 10 y 11,"),
], ids=["en-of", "en-thereof", "en-possessive", "en-possessive-of", "fr-son", "fr-ses", "es-su", "es-sus"])
def test_an_article_of_interpols_other_rules_is_not_the_constitutions(lang, paragraph):
    assert cited(lang, paragraph) == {("pp_1", "interpol:constitution/art_41")}


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "HAVING REGARD TO the General Regulations and to Article 3 of the Constitution,"),
    ("fr", "AYANT À L'ESPRIT le Règlement général et l'article 3 du Statut,"),
    ("es", "TENIENDO PRESENTE el Reglamento General y el artículo 3 del Estatuto,"),
])
def test_the_constitution_named_after_the_rules_is_still_the_constitution(lang, paragraph):
    assert cited(lang, paragraph) == {("pp_1", "interpol:constitution/art_3")}


# Up to its 69th session (2000) INTERPOL coded its resolutions AGN/{session}/RES/{n}: a resolution named by
# number and session has that key. From the 70th the code holds the year (the registry's sessions): GA-2008-RES-07
# for the 77th, GA-2012-81-RES-08 from the 81st (facts.yaml); the 78th to 80th have no known form.
@pytest.mark.parametrize("lang, paragraph", [
    ("en", "RECALLING Resolution No. 5 adopted at the 66th session (New Delhi, 1997) and resolution No. 7 adopted "
           "at the 77th session (2008),"),
    ("en", "RECALLING resolution No. 5 adopted by the General Assembly at its 66th session and resolution No. 7 "
           "adopted by the General Assembly at its 77th session,"),
    ("fr", "RAPPELANT la résolution n° 5 adoptée à la 66e session (New Delhi, 1997) et la résolution n° 7 adoptée "
           "lors de la 77^e session,"),
    ("es", "RECORDANDO la resolución n.º 5 aprobada en la 66.ª reunión (Nueva Delhi, 1997) y la resolución n.º 7 "
           "aprobada en la 77.ª reunión,"),
], ids=["en", "en-by-the-assembly", "fr", "es"])
def test_a_resolution_named_by_number_and_session_has_its_code(lang, paragraph):
    assert cited(lang, paragraph) == {("pp_1", "AGN/66/RES/5"), ("pp_1", "GA-2008-RES-07")}


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "TAKING NOTE of resolution No. 8 adopted at its 81st session (Rome, 2012), of resolution No. 11 adopted at "
           "its 89th session and of resolution No. 4 adopted at its 79th session,"),
    ("en", "TAKING NOTE of resolution No. 8 of the 81st session, resolution No. 11 of the 89th session and "
           "resolution No. 4 of the 79th session,"),
    ("fr", "PRENANT NOTE de la résolution n° 8 adoptée lors de sa 81e session (Rome, 2012), de la résolution n° 11 "
           "adoptée à sa 89e session et de la résolution n° 4 adoptée à sa 79e session,"),
    ("es", "TOMANDO NOTA de la resolución n.º 8 aprobada en su 81.ª reunión (Roma, 2012), de la resolución n.º 11 "
           "aprobada en su 89.ª reunión y de la resolución n.º 4 aprobada en su 79.ª reunión,"),
], ids=["en", "en-of", "fr", "es"])
def test_a_resolution_named_by_number_and_a_later_session_has_the_code_of_its_year(lang, paragraph):
    assert cited(lang, paragraph) == {("pp_1", "GA-2012-81-RES-08"), ("pp_1", "GA-2021-89-RES-11")}


# "the latter", "la seconde", "esta última" right after a list of resolutions is one of them, not a treaty
# named earlier in the text.
@pytest.mark.parametrize("lang, treaty, resolutions", [
    ("en", "RECALLING the United Nations Convention against Corruption,",
     "RECALLING ALSO resolutions AGN/65/RES/11 and GA-2022-90-RES-01, the latter on financial crime,"),
    ("fr", "RAPPELANT la Convention des Nations Unies contre la corruption,",
     "RAPPELANT ÉGALEMENT les résolutions AGN/65/RES/11 et GA-2022-90-RES-01, la seconde relative à la "
     "criminalité financière,"),
    ("es", "RECORDANDO la Convención de las Naciones Unidas contra la Corrupción,",
     "RECORDANDO TAMBIÉN las resoluciones AGN/65/RES/11 y GA-2022-90-RES-01, esta última relativa a la "
     "delincuencia financiera,"),
], ids=["en", "fr", "es"])
def test_the_latter_after_resolutions_is_no_treaty(lang, treaty, resolutions):
    assert cited(lang, treaty, resolutions) == {
        ("pp_1", "convention:uncac-2003"), ("pp_2", "AGN/65/RES/11"), ("pp_2", "GA-2022-90-RES-01")}


@pytest.mark.parametrize("lang, paragraph", [
    ("en", "RECALLING resolution GA-2022-90-RES-01, the Single Convention on Narcotic Drugs of 1961 and the "
           "Convention on Psychotropic Substances of 1971, in particular article 21 of the latter,"),
    ("es", "RECORDANDO la resolución GA-2022-90-RES-01, la Convención Única de 1961 sobre Estupefacientes y el "
           "Convenio sobre Sustancias Sicotrópicas de 1971, en particular el artículo 21 de este último,"),
], ids=["en", "es"])
def test_the_latter_after_two_treaties_is_still_the_second(lang, paragraph):
    assert ("pp_1", "convention:psychotropic-1971/art_21") in cited(lang, paragraph)


# A treaty named inside another instrument's title ("… supplementing the United Nations Convention against
# Transnational Organized Crime") is not cited there; it stays the treaty "the Convention" refers back to.
@pytest.mark.parametrize("lang, protocol, anaphor", [
    ("en", "NOTING that the Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the "
           "United Nations Convention against Transnational Organized Crime, requires States parties to "
           "criminalize such smuggling,",
     "URGES member countries to apply article 27 of the Convention."),
    ("fr", "NOTANT que le Protocole contre le trafic illicite de migrants par terre, air et mer, additionnel à la "
           "Convention des Nations Unies contre la criminalité transnationale organisée, exige des États parties "
           "qu'ils érigent ce trafic en infraction,",
     "INVITE les pays membres à appliquer l'article 27 de la Convention."),
    ("es", "OBSERVANDO que el Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire, que "
           "complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional, "
           "obliga a los Estados partes a tipificar como delito dicho tráfico,",
     "INSTA a los países miembros a aplicar el artículo 27 de la Convención."),
], ids=["en", "fr", "es"])
def test_a_treaty_named_in_a_protocols_title_is_not_cited_there(lang, protocol, anaphor):
    found = cited(lang, protocol, anaphor)
    assert ("pp_1", "convention:untoc-2000") not in found
    assert ("op_1", "convention:untoc-2000/art_27") in found


def test_the_optional_protocols_treaty_is_not_cited_through_its_title():
    assert cited("en", "RECALLING the Optional Protocol to the Convention against Torture and Other Cruel, "
                       "Inhuman or Degrading Treatment or Punishment,") == set()


# "la Constitución" in a Spanish INTERPOL text is the Organization's Constitution, as "the Constitution", "le
# Statut" and "el Estatuto" are; a country's constitution is not.
def test_la_constitucion_in_an_interpol_text_is_interpols():
    assert cited("es", "TENIENDO PRESENTE la Constitución de la OIPC-INTERPOL, en particular sus artículos 2 y 3,",
                 "OBSERVANDO que la Constitución de Colombia protege los datos personales,") == {
        ("pp_1", "interpol:constitution/art_2"), ("pp_1", "interpol:constitution/art_3")}


# Items lettered "a)", as French and Spanish print them, under a verb that introduces a list in a text without
# printed numbers, are the operative paragraphs, like "(a)" items.
@pytest.mark.parametrize("lang, intro, items", [
    ("fr", "RECOMMANDE aux pays membres :", ("a) d'appliquer la résolution 2396 (2017) du Conseil de sécurité ;",
                                             "b) de relier leurs unités au système I-24/7 ;",
                                             "c) de réexaminer la question à la 95^e session.")),
    ("es", "RECOMIENDA a los países miembros:", ("a) aplicar la resolución 2396 (2017) del Consejo de Seguridad;",
                                                 "b) conectar sus unidades al sistema I-24/7;",
                                                 "c) volver a examinar la cuestión en la 95.ª reunión.")),
    ("en", "RECOMMENDS that member countries:", ("(a) apply Security Council resolution 2396 (2017);",
                                                 "(b) connect their units to I-24/7;",
                                                 "(c) review the matter at the 95th session.")),
], ids=["fr", "es", "en"])
def test_lettered_items_under_a_list_intro_are_the_operative_paragraphs(lang, intro, items):
    x = extract(interpol(lang, intro, *items))
    assert [p.id for p in x.paragraphs] == ["op_1", "op_2", "op_3"]
    assert {(c.paragraph, c.target) for c in x.citations} == {("op_1", "S/RES/2396(2017)")}


def test_lettered_sub_paragraphs_under_a_numbered_paragraph_stay_in_it():
    x = extract(interpol("fr", "1. INVITE les pays membres :", "a) à appliquer la résolution 2396 (2017) ;",
                         "b) à relier leurs unités au système I-24/7 ;",
                         "2. CHARGE le Secrétariat général d'appliquer la résolution 1617 (2005)."))
    assert [p.id for p in x.paragraphs] == ["op_1", "op_2"]
    assert {(c.paragraph, c.target) for c in x.citations} == {("op_1", "S/RES/2396(2017)"),
                                                             ("op_2", "S/RES/1617(2005)")}


# A chapeau hard-wrapped over two or three lines, as a PDF gives it, is read whole: session, place, dates.
@pytest.mark.parametrize("chapeau, session, place, dates", [
    ("The ICPO-Interpol General Assembly, meeting in Lyon from 4 to 10\nOctober 1995 at its 64th session:",
     64, "Lyon", ["1995-10-04", "1995-10-10"]),
    ("L'Assemblée générale de l'O.I.P.C.-Interpol, réunie à Lyon du\n1er au 7 octobre 1985 en sa\n54ème session,",
     54, "Lyon", ["1985-10-01", "1985-10-07"]),
    ("La Asamblea General de la OIPC-INTERPOL, reunida en Punta del Este (Uruguay)\ndel 4 al 7 de noviembre de "
     "1991 en su 60.ª reunión:", 60, "Punta del Este", ["1991-11-04", "1991-11-07"]),
    ("La Asamblea General de la OIPC-INTERPOL, reunida en Lyon del 8 al 12 de noviembre de 1999 en su 68.ª "
     "reunión,", 68, "Lyon", ["1999-11-08", "1999-11-12"]),
], ids=["en", "fr", "es-wrapped", "es-del"])
def test_a_wrapped_chapeau_gives_session_place_and_dates(chapeau, session, place, dates):
    x = extract("AGN/60/RES/4\n\nSubject: X\n\n" + chapeau + "\n\nHAVING REGARD TO Article 2 of the Constitution,\n")
    assert (x.document.session, x.document.place, x.document.dates) == (session, place, dates)
    assert [p.id for p in x.paragraphs] == ["pp_1"]


# The INTERPOL General Assembly elects, amends its rules and entrusts tasks: those verbs open operative
# paragraphs (a preambular reading would shift every op_n after them).
@pytest.mark.parametrize("lang, verbs", [
    ("en", ("ELECTS the following delegate under Article 15 of the Constitution;", "AMENDS the General Regulations;")),
    ("fr", ("ÉLIT le délégué suivant conformément à l'article 15 du Statut ;", "MODIFIE le Règlement général ;",
            "CONFIE au Secrétariat général le soin d'en rendre compte.")),
    ("es", ("ELIGE al delegado siguiente con arreglo al artículo 15 del Estatuto;", "MODIFICA el Reglamento General;",
            "MANDATA a la Secretaría General para que informe.")),
], ids=["en", "fr", "es"])
def test_interpol_operative_verbs_open_operative_paragraphs(lang, verbs):
    x = extract(interpol(lang, {"en": "RECALLING resolution GA-2008-RES-07,", "fr": "RAPPELANT la résolution "
                                "GA-2008-RES-07,", "es": "RECORDANDO la resolución GA-2008-RES-07,"}[lang], *verbs))
    assert [p.id for p in x.paragraphs] == ["pp_1"] + [f"op_{i}" for i in range(1, len(verbs) + 1)]
    assert ("op_1", "interpol:constitution/art_15") in {(c.paragraph, c.target) for c in x.citations}


# A list of INTERPOL codes abbreviated after the first: the numbers that follow take its stem.
@pytest.mark.parametrize("lang, paragraph, want", [
    ("en", "RECALLING resolutions AGN/62/RES/6 and 7,", {"AGN/62/RES/6", "AGN/62/RES/7"}),
    ("en", "RECALLING resolutions AG-2003-RES-04 and -05,", {"GA-2003-RES-04", "GA-2003-RES-05"}),
    ("en", "RECALLING resolutions GA-2019-88-RES-03, 04 and 05,",
     {"GA-2019-88-RES-03", "GA-2019-88-RES-04", "GA-2019-88-RES-05"}),
    ("fr", "RAPPELANT les résolutions AG-2015-84-RES-02 et 03,", {"GA-2015-84-RES-02", "GA-2015-84-RES-03"}),
    ("es", "RECORDANDO las resoluciones AG-2015-84-RES-02 y 03,", {"GA-2015-84-RES-02", "GA-2015-84-RES-03"}),
    # not a number of the list: lower, a fraction, a percentage, a date
    ("en", "RECALLING resolution AGN/62/RES/6 and 2 others,", {"AGN/62/RES/6"}),
    ("en", "RECALLING resolution GA-2019-88-RES-03 and 24/7 services,", {"GA-2019-88-RES-03"}),
    ("fr", "RAPPELANT la résolution AG-2015-84-RES-02 et 30 % des pays,", {"GA-2015-84-RES-02"}),
    ("en", "RECALLING resolution AGN/63/RES/6, 7 December 1994,", {"AGN/63/RES/6"}),
])
def test_an_abbreviated_list_of_interpol_codes_takes_the_first_codes_stem(lang, paragraph, want):
    assert {t for p, t in cited(lang, paragraph, "1. DECIDES to act.")} == want


@pytest.mark.parametrize("paragraph", [
    "RECALLING Article 3 of the I.C.P.O.-Interpol Constitution,",
    "RAPPELANT l'article 3 du Statut de l'O.I.P.C.-Interpol,",
    "RECORDANDO el artículo 3 del Estatuto de la O.I.P.C.-Interpol,",
])
def test_interpols_constitution_by_its_older_initials_in_a_un_text(paragraph):
    text = f"A/RES/80/7\n\nThe General Assembly,\n\n{paragraph}\n\n1. Decides to remain seized of the question.\n"
    assert {c.target for c in extract(text).citations} == {"interpol:constitution/art_3"}
