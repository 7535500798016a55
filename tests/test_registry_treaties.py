"""The treaties crime, terrorism and human-rights resolutions cite by name (data/registry, branch
`registry`): each is found by its name and one of its articles in the languages the registry names it
in, the ambiguous city names need their treaty's subject, and the registry holds a sourced date for each.

The sentences are invented, in the genre (a preambular paragraph of a resolution).
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from resograph.core.keys import iri
from resograph.core.paths import registry_dir
from resograph.reading.extract import extract

ELI_DATE = URIRef("http://data.europa.eu/eli/ontology#date_document")


def targets(paragraph: str, opening: str = "The General Assembly,") -> set[str]:
    text = f"{opening}\n\n{paragraph}\n\n1. Decides to remain seized of the matter.\n"
    return {c.target for c in extract(text).citations}


# (key, sentence naming the treaty with its article 4), in en / fr / es where the registry names it.
BY_NAME_AND_ARTICLE = [
    ("convention:trafficking-protocol-2000",
     "Recalling article 4 of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
     "Women and Children, supplementing the United Nations Convention against Transnational Organized Crime,"),
    ("convention:trafficking-protocol-2000",
     "Rappelant l'article 4 du Protocole additionnel à la Convention des Nations Unies contre la criminalité "
     "transnationale organisée visant à prévenir, réprimer et punir la traite des personnes, en particulier "
     "des femmes et des enfants,"),
    ("convention:trafficking-protocol-2000",
     "Recordando el artículo 4 del Protocolo para prevenir, reprimir y sancionar la trata de personas, "
     "especialmente mujeres y niños,"),
    ("convention:migrants-protocol-2000",
     "Recalling article 4 of the Protocol against the Smuggling of Migrants by Land, Sea and Air,"),
    ("convention:migrants-protocol-2000",
     "Rappelant l'article 4 du Protocole contre le trafic illicite de migrants par terre, air et mer, "
     "additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée,"),
    ("convention:migrants-protocol-2000",
     "Recordando el artículo 4 del Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire,"),
    ("convention:firearms-protocol-2001",
     "Recalling article 4 of the Protocol against the Illicit Manufacturing of and Trafficking in Firearms, "
     "Their Parts and Components and Ammunition,"),
    ("convention:firearms-protocol-2001",
     "Rappelant l'article 4 du Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs "
     "pièces, éléments et munitions,"),
    ("convention:firearms-protocol-2001",
     "Recordando el artículo 4 del Protocolo contra la fabricación y el tráfico ilícitos de armas de fuego, "
     "sus piezas y componentes y municiones,"),
    ("convention:iccpr-1966",
     "Recalling article 4 of the International Covenant on Civil and Political Rights,"),
    ("convention:iccpr-1966",
     "Rappelant l'article 4 du Pacte international relatif aux droits civils et politiques,"),
    ("convention:iccpr-1966",
     "Recordando el artículo 4 del Pacto Internacional de Derechos Civiles y Políticos,"),
    ("convention:icescr-1966",
     "Recalling article 4 of the International Covenant on Economic, Social and Cultural Rights,"),
    ("convention:icescr-1966",
     "Rappelant l'article 4 du Pacte international relatif aux droits économiques, sociaux et culturels,"),
    ("convention:icescr-1966",
     "Recordando el artículo 4 del Pacto Internacional de Derechos Económicos, Sociales y Culturales,"),
    ("convention:cat-1984",
     "Recalling article 4 of the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment "
     "or Punishment,"),
    ("convention:cat-1984",
     "Rappelant l'article 4 de la Convention contre la torture et autres peines ou traitements cruels, "
     "inhumains ou dégradants,"),
    ("convention:cat-1984",
     "Recordando el artículo 4 de la Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos "
     "o Degradantes,"),
    ("convention:crc-1989", "Recalling article 4 of the Convention on the Rights of the Child,"),
    ("convention:crc-1989", "Rappelant l'article 4 de la Convention relative aux droits de l'enfant,"),
    ("convention:refugees-1951", "Recalling article 4 of the Convention relating to the Status of Refugees,"),
    ("convention:refugees-1951", "Rappelant l'article 4 de la Convention relative au statut des réfugiés,"),
    ("convention:crc-1989", "Recordando el artículo 4 de la Convención sobre los Derechos del Niño,"),
    ("convention:refugees-1951", "Recordando el artículo 4 de la Convención sobre el Estatuto de los Refugiados,"),
    ("convention:terrorism-financing-1999",
     "Recalling article 4 of the International Convention for the Suppression of the Financing of Terrorism,"),
    ("convention:terrorism-financing-1999",
     "Rappelant l'article 4 de la Convention internationale pour la répression du financement du terrorisme,"),
    ("convention:terrorist-bombings-1997",
     "Recalling article 4 of the International Convention for the Suppression of Terrorist Bombings,"),
    ("convention:nuclear-terrorism-2005",
     "Recalling article 4 of the International Convention for the Suppression of Acts of Nuclear Terrorism,"),
    ("convention:hostages-1979",
     "Recalling article 4 of the International Convention against the Taking of Hostages,"),
    ("convention:tokyo-1963",
     "Recalling article 4 of the Convention on Offences and Certain Other Acts Committed on Board Aircraft,"),
    ("convention:hague-1970",
     "Recalling article 4 of the Convention for the Suppression of Unlawful Seizure of Aircraft,"),
    ("convention:montreal-1971",
     "Recalling article 4 of the Convention for the Suppression of Unlawful Acts against the Safety of "
     "Civil Aviation,"),
    ("convention:unclos-1982", "Recalling article 4 of the United Nations Convention on the Law of the Sea,"),
    ("convention:unclos-1982", "Rappelant l'article 4 de la Convention des Nations Unies sur le droit de la mer,"),
    ("convention:unclos-1982",
     "Recordando el artículo 4 de la Convención de las Naciones Unidas sobre el Derecho del Mar,"),
    ("convention:rome-statute-1998", "Recalling article 4 of the Rome Statute of the International Criminal Court,"),
    ("convention:rome-statute-1998",
     "Recordando el artículo 4 del Estatuto de Roma de la Corte Penal Internacional,"),
    ("convention:vclt-1969", "Recalling article 4 of the Vienna Convention on the Law of Treaties,"),
    ("convention:vclt-1969", "Recordando el artículo 4 de la Convención de Viena sobre el Derecho de los Tratados,"),
]


@pytest.mark.parametrize("key, sentence", BY_NAME_AND_ARTICLE)
def test_each_added_treaty_is_found_by_its_name_and_article(key, sentence):
    assert targets(sentence) == {f"{key}/art_4"}


@pytest.mark.parametrize("sentence, key", [
    ("Recalling the International Covenant on Civil and Political Rights, in particular article 17 thereof,",
     "convention:iccpr-1966"),
    ("Calls upon States that have not yet done so to ratify the Firearms Protocol and the Trafficking in "
     "Persons Protocol,", "convention:firearms-protocol-2001"),
    ("Welcoming the entry into force of the Rome Statute,", "convention:rome-statute-1998"),
    ("Recordando el Pacto Internacional de Derechos Económicos, Sociales y Culturales,", "convention:icescr-1966"),
    # Spanish names, as UN texts print them: across a line break, a footnote marker glued to the year
    ("Recordando la Convención sobre los Derechos del\nNiño3,", "convention:crc-1989"),
    ("Reafirmando que la Convención sobre el Estatuto de los Refugiados de 19511 sigue siendo la piedra angular,",
     "convention:refugees-1951"),
    ("Exhorta a los Estados a adherirse a la Convención de 1951 sobre el Estatuto de los Refugiados;",
     "convention:refugees-1951"),
    # spellings of names the registry had before: British English (INTERPOL's), the 1997 Agreement in full
    ("Recalling the United Nations Convention against Transnational Organised Crime,", "convention:untoc-2000"),
    ("Recalling the Agreement between the United Nations and the International Criminal Police Organization,",
     "agreement:un-interpol-1997"),
    ("Rappelant l'Accord entre l'Organisation des Nations Unies et l'Organisation internationale de police "
     "criminelle,", "agreement:un-interpol-1997"),
    ("Recordando el Acuerdo entre las Naciones Unidas y la Organización Internacional de Policía Criminal,",
     "agreement:un-interpol-1997"),
])
def test_the_treaty_as_a_whole_by_its_name_or_alias(sentence, key):
    assert key in targets(sentence)


@pytest.mark.parametrize("sentence", [
    "Noting the meeting of experts held at The Hague in March,",
    "Recalling the Hague Convention for the Protection of Cultural Property,",
    "Noting the Montreal Convention on carriage by air,",
    "Recalling the Vienna Convention on the Law of Treaties between States and International Organizations,",
])
def test_places_and_other_treaties_of_the_same_city_are_not_the_added_treaties(sentence):
    assert not targets(sentence) & {"convention:hague-1970", "convention:montreal-1971",
                                    "convention:unclos-1982", "convention:vclt-1969"}


def test_a_city_name_counts_with_its_treaty_subject_nearby():
    got = targets("Recalling the Hague Convention of 1970 for the Suppression of Unlawful Seizure of Aircraft "
                  "and the Montreal Convention of 1971 for the Suppression of Unlawful Acts against the Safety "
                  "of Civil Aviation,")
    assert {"convention:hague-1970", "convention:montreal-1971"} <= got


# The hostage-taking and aviation conventions in French and Spanish: by title, or by city and year as
# the General Assembly's texts on terrorism of the 1970s–1980s list them (holdout8).
@pytest.mark.parametrize("sentence, expected", [
    ("Prenant note de la Convention internationale contre la prise d'otages, adoptée par sa résolution 34/146,",
     {"convention:hostages-1979", "A/RES/34/146"}),
    ("Teniendo presente la Convención Internacional contra la toma de rehenes (resolución 34/146, anexo),",
     {"convention:hostages-1979", "A/RES/34/146"}),
    ("Considérant que les instruments relatifs à l'aviation civile (Convention de Tokyo de 1963, Convention de "
     "La Haye de 1970 et Convention de Montréal de 1971) n'ont pas été ratifiés par tous les États,",
     {"convention:tokyo-1963", "convention:hague-1970", "convention:montreal-1971"}),
    ("Instando a los Estados a ser partes en el Convenio sobre las infracciones y ciertos otros actos cometidos "
     "a bordo de las aeronaves, en el Convenio para la represión del apoderamiento ilícito de aeronaves y en el "
     "Convenio de Montreal de 1971,",
     {"convention:tokyo-1963", "convention:hague-1970", "convention:montreal-1971"}),
    ("Rappelant la Convention pour la répression d'actes illicites dirigés contre la sécurité de l'aviation "
     "civile,", {"convention:montreal-1971"}),
])
def test_hostage_and_aviation_conventions_by_their_french_and_spanish_names(sentence, expected):
    assert targets(sentence, "L'Assemblée générale,") == expected


@pytest.mark.parametrize("sentence", [
    "Rappelant la Convention de La Haye de 1954 pour la protection des biens culturels,",
    "Notant la Convention de Montréal de 1999 relative au transport aérien international,",
    "Recordando el Convenio de La Haya de 1980 sobre la sustracción internacional de menores,",
])
def test_other_treaties_of_the_same_city_in_french_and_spanish_are_not_the_aviation_ones(sentence):
    assert not targets(sentence, "L'Assemblée générale,") & {"convention:hague-1970", "convention:montreal-1971"}


def test_each_added_treaty_has_a_sourced_date_and_title():
    reg = Graph()
    for f in sorted(registry_dir().glob("*.ttl")):
        reg.parse(f)
    for key in sorted({k for k, _ in BY_NAME_AND_ARTICLE}):
        node = URIRef(iri(key))
        assert reg.value(node, ELI_DATE) is not None, key
        assert any(t.language == "en" for t in reg.objects(node, DCTERMS.title)), key
        assert list(reg.objects(node, DCTERMS.source)), key


# The Statute of the International Court of Justice and the agreements the Security Council's texts of
# 1948–1975 name (data/registry/agreements.ttl), the parties in either order, across a line break.
@pytest.mark.parametrize("sentence, expected", [
    ("Recalling the provisions of the General Armistice Agreement between Israel and\nSyria,",
     {"agreement:israel-syria-armistice-1949"}),
    ("Noting the obligations of the parties under the Armistice Agreement between Lebanon and Israel,",
     {"agreement:israel-lebanon-armistice-1949"}),
    ("Considering the Egyptian-Israeli General Armistice Agreement,", {"agreement:egypt-israel-armistice-1949"}),
    ("Rappelant la Convention d'armistice général entre Israël et la Jordanie,",
     {"agreement:israel-jordan-armistice-1949"}),
    ("Recalling the Renville Truce Agreement,", {"agreement:renville-1948"}),
    ("Acting in accordance with Article 65 of the Statute of the International Court of Justice,",
     {"convention:icj-statute-1945/art_65"}),
    ("Rappelant l'article 36 du Statut de la Cour internationale de Justice,", {"convention:icj-statute-1945/art_36"}),
    ("Considering that the vacancy must be filled in accordance with the terms of the Statute of the Court,", {"convention:icj-statute-1945"}),
])
def test_the_councils_older_agreements_and_the_court_statute_by_name(sentence, expected):
    assert targets(sentence, "The Security Council,") == expected


@pytest.mark.parametrize("sentence", [
    "Rappelant le Statut de la Cour pénale internationale,",
    "Recordando el Estatuto de la Corte Penal Internacional,",
    "Recalling the Statute of the Court Criminal,",
    "Condemning the violations of the General Armistice Agreements,",  # several, none named
])
def test_other_courts_statutes_and_unnamed_agreements_are_not_these(sentence):
    assert not targets(sentence) & {"convention:icj-statute-1945", "agreement:israel-syria-armistice-1949",
                                    "agreement:egypt-israel-armistice-1949"}


def test_the_court_statute_and_the_agreements_have_a_sourced_date():
    reg = Graph()
    for f in sorted(registry_dir().glob("*.ttl")):
        reg.parse(f)
    for key in ("convention:icj-statute-1945", "agreement:egypt-israel-armistice-1949",
                "agreement:israel-lebanon-armistice-1949", "agreement:israel-jordan-armistice-1949",
                "agreement:israel-syria-armistice-1949", "agreement:renville-1948"):
        node = URIRef(iri(key))
        assert reg.value(node, ELI_DATE) is not None, key
        assert list(reg.objects(node, DCTERMS.source)), key
