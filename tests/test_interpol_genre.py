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
