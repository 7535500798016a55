"""Instruments referred to without their full name: "the Covenant", "le Protocole", "el Estatuto",
year-qualified names ("the 1951 Convention", "la Convención de 1951"), a treaty named inside a
protocol's name, and "the above-mentioned resolutions" after several lists. Invented sentences in
the genre, in English, French and Spanish (corpus README: an anaphor cites the instrument most
recently named of its kind)."""

from __future__ import annotations

import pytest

from resograph.reading.extract import extract

CHAPEAU = {"en": "The General Assembly,", "fr": "L'Assemblée générale,", "es": "La Asamblea General,"}
INTERPOL = {"en": "The ICPO-INTERPOL General Assembly, meeting in Lyon,",
            "fr": "L'Assemblée générale de l'OIPC-INTERPOL, réunie à Lyon,",
            "es": "La Asamblea General de la OIPC-INTERPOL, reunida en Lyon,"}


def cited(lang: str, *paragraphs: str, chapeau: dict[str, str] = CHAPEAU) -> set[tuple[str, str]]:
    """(paragraph, target) of a text whose preamble is `paragraphs`."""
    text = chapeau[lang] + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return {(c.paragraph, c.target) for c in extract(text).citations}


ICCPR = "convention:iccpr-1966"


UNCAC = {"en": "Recalling also the United Nations Convention against Corruption,",
         "fr": "Rappelant aussi la Convention des Nations Unies contre la corruption,",
         "es": "Recordando también la Convención de las Naciones Unidas contra la Corrupción,"}


@pytest.mark.parametrize("lang, named, anaphor", [
    ("en", "Recalling the International Covenant on Civil and Political Rights,",
     "Noting that article 17 of the Covenant protects privacy,"),
    ("en", "Recalling the International Covenant on Civil and Political Rights,",
     "Noting that article 17 of that Covenant protects privacy,"),
    ("fr", "Rappelant le Pacte international relatif aux droits civils et politiques,",
     "Notant que l'article 17 du Pacte protège la vie privée,"),
    ("fr", "Rappelant le Pacte international relatif aux droits civils et politiques,",
     "Notant que l'article 17 dudit Pacte protège la vie privée,"),
    ("es", "Recordando el Pacto Internacional de Derechos Civiles y Políticos,",
     "Observando que el artículo 17 del Pacto protege la vida privada,"),
])
def test_the_covenant_is_the_covenant_named_before_not_the_last_treaty(lang, named, anaphor):
    assert {t for p, t in cited(lang, named, UNCAC[lang], anaphor) if p == "pp_3"} == {f"{ICCPR}/art_17"}


@pytest.mark.parametrize("lang, paragraphs", [
    ("en", ("Recalling the United Nations Convention against Corruption,",
            "Recalling the International Covenant on Civil and Political Rights,",
            "Urging States that have not done so to become parties to the Covenant,")),
    ("fr", ("Rappelant la Convention des Nations Unies contre la corruption,",
            "Rappelant le Pacte international relatif aux droits civils et politiques,",
            "Engageant les États qui ne l'ont pas encore fait à devenir parties au Pacte,")),
    ("es", ("Recordando la Convención de las Naciones Unidas contra la Corrupción,",
            "Recordando el Pacto Internacional de Derechos Civiles y Políticos,",
            "Instando a los Estados que aún no lo hayan hecho a hacerse partes en el Pacto,")),
])
def test_the_covenant_as_a_whole_is_cited_bare(lang, paragraphs):
    assert ("pp_3", ICCPR) in cited(lang, *paragraphs)


def test_both_covenants_are_the_two_covenants_not_the_last_two_treaties():
    got = cited("en", "Recalling the International Covenant on Economic, Social and Cultural Rights and the "
                "International Covenant on Civil and Political Rights,",
                "Recalling also the United Nations Convention against Corruption,",
                "Urging States to ratify both Covenants,")
    assert {t for p, t in got if p == "pp_3"} == {ICCPR, "convention:icescr-1966"}


# "the Protocol" refers back to a protocol: the registry's UNTOC Protocols by any of their names, never
# the Convention they supplement.
@pytest.mark.parametrize("lang, named, anaphor, key", [
    ("en", "Recalling the United Nations Convention against Transnational Organized Crime and the Protocol to "
           "Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children,",
     "Urging States to ratify the Protocol,", "convention:trafficking-protocol-2000"),
    ("fr", "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée et le "
           "Protocole contre le trafic illicite de migrants par terre, air et mer,",
     "Engageant les États à ratifier le Protocole,", "convention:migrants-protocol-2000"),
    ("es", "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y el "
           "Protocolo contra la fabricación y el tráfico ilícitos de armas de fuego, sus piezas y componentes y "
           "municiones,",
     "Instando a los Estados a ratificar el Protocolo,", "convention:firearms-protocol-2001"),
])
def test_the_protocol_is_the_protocol_named_before(lang, named, anaphor, key):
    assert {t for p, t in cited(lang, named, anaphor) if p == "pp_2"} == {key}


@pytest.mark.parametrize("lang, named, anaphor", [
    ("en", "Recalling the United Nations Convention against Transnational Organized Crime,",
     "Urging States to ratify the Protocol and to apply article 5 of the Protocol,"),
    ("fr", "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée,",
     "Engageant les États à ratifier le Protocole et à appliquer l'article 5 du Protocole,"),
    ("es", "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional,",
     "Instando a los Estados a ratificar el Protocolo y a aplicar el artículo 5 del Protocolo,"),
])
def test_the_protocol_is_never_the_convention_it_supplements(lang, named, anaphor):
    assert {p for p, _ in cited(lang, named, anaphor)} == {"pp_1"}


def test_the_statute_in_a_un_text_is_the_statute_named_before():
    assert cited("en", "Recalling the Rome Statute of the International Criminal Court,",
                 "Noting that article 27 of the Statute applies equally to all persons,") == {
        ("pp_1", "convention:rome-statute-1998"), ("pp_2", "convention:rome-statute-1998/art_27")}
    assert cited("es", "Recordando el Estatuto de Roma de la Corte Penal Internacional,",
                 "Observando que el artículo 27 del Estatuto se aplica por igual a todos,") == {
        ("pp_1", "convention:rome-statute-1998"), ("pp_2", "convention:rome-statute-1998/art_27")}
    # the French name (Moniteur belge's title, data/registry/treaties.ttl) and "dudit Statut"
    assert cited("fr", "Rappelant le Statut de Rome de la Cour pénale internationale,",
                 "Notant que l'article 8 dudit Statut définit les crimes de guerre,") == {
        ("pp_1", "convention:rome-statute-1998"), ("pp_2", "convention:rome-statute-1998/art_8")}


def test_the_statute_of_the_court_named_before_is_not_the_rome_statute():
    got = cited("en", "Recalling the Rome Statute of the International Criminal Court,",
                "Recalling also the Statute of the International Court of Justice, in particular article 65 of "
                "the Statute,")
    # the Court's Statute is in the registry (data/registry/agreements.ttl): "the Statute" is that one
    assert got == {("pp_1", "convention:rome-statute-1998"), ("pp_2", "convention:icj-statute-1945"),
                   ("pp_2", "convention:icj-statute-1945/art_65")}


def test_el_estatuto_in_an_interpol_text_is_still_its_constitution():
    got = cited("es", "RECORDANDO el Estatuto de Roma de la Corte Penal Internacional,",
                "TENIENDO PRESENTE el artículo 3 del Estatuto,", chapeau=INTERPOL)
    assert ("pp_2", "interpol:constitution/art_3") in got
    got = cited("fr", "RAPPELANT le Statut de Rome de la Cour pénale internationale,",
                "AYANT À L'ESPRIT l'article 3 du Statut,", chapeau=INTERPOL)
    assert ("pp_2", "interpol:constitution/art_3") in got


REFUGEES = "convention:refugees-1951"


# "the 1951 Convention": the treaty of that noun and year the registry knows, when it knows one.
@pytest.mark.parametrize("lang, paragraphs", [
    ("en", ("Recalling the United Nations Convention against Corruption,",
            "Mindful of the obligations of States parties to the 1951 Convention, in particular article 33 thereof,")),
    ("fr", ("Rappelant la Convention des Nations Unies contre la corruption,",
            "Consciente des obligations des États parties à la Convention de 1951, notamment son article 33,")),
    ("es", ("Recordando la Convención de las Naciones Unidas contra la Corrupción,",
            "Consciente de las obligaciones de los Estados partes en la Convención de 1951, en particular su "
            "artículo 33,")),
])
def test_a_year_qualified_convention_is_the_registrys_treaty_of_that_year(lang, paragraphs):
    assert {t for p, t in cited(lang, *paragraphs) if p == "pp_2"} == {REFUGEES, f"{REFUGEES}/art_33"}


def test_an_article_of_a_year_qualified_convention_is_not_the_last_treatys():
    got = cited("en", "Recalling the United Nations Convention against Corruption,",
                "Bearing in mind article 33 of the 1951 Convention,")
    assert ("pp_2", f"{REFUGEES}/art_33") in got and ("pp_2", "convention:uncac-2003/art_33") not in got


@pytest.mark.parametrize("lang, text", [
    ("en", "Recalling the 1967 Protocol, in particular article 1 thereof,"),
    ("fr", "Rappelant le Protocole de 1967, notamment son article 1,"),
    ("es", "Recordando el Protocolo de 1967, en particular su artículo 1,"),
])
def test_a_year_qualified_instrument_the_registry_lacks_is_no_citation_and_no_other(lang, text):
    first = {"en": "Recalling the United Nations Convention against Corruption,",
             "fr": "Rappelant la Convention des Nations Unies contre la corruption,",
             "es": "Recordando la Convención de las Naciones Unidas contra la Corrupción,"}[lang]
    assert cited(lang, first, text) == {("pp_1", "convention:uncac-2003")}


def test_a_year_the_registry_holds_twice_needs_the_instrument_named_before():
    # two Protocols of 2000 (trafficking, migrants): "the 2000 Protocol" alone names neither
    assert cited("en", "Urging States to ratify the 2000 Protocol,") == set()
    got = cited("en", "Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air,",
                "Urging States to ratify the 2000 Protocol,")
    assert ("pp_2", "convention:migrants-protocol-2000") in got


def test_a_known_name_with_its_year_after_the_noun():
    got = cited("fr", "Rappelant la Convention de 1951 relative au statut des réfugiés,")
    assert got == {("pp_1", REFUGEES)}


# A Protocol *to* a treaty is not that treaty: "the Optional Protocol to the Convention on the Rights of
# the Child" cites neither the Convention nor, for "article 3 of the Optional Protocol", its article 3.
@pytest.mark.parametrize("lang, text", [
    ("en", "Recalling the Optional Protocol to the Convention on the Rights of the Child on the sale of children, "
           "child prostitution and child pornography, in particular article 3 of the Optional Protocol,"),
    ("en", "Recalling the Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or "
           "Degrading Treatment or Punishment, in particular article 3 thereof,"),
    ("fr", "Rappelant le Protocole facultatif à la Convention relative aux droits de l'enfant, concernant la vente "
           "d'enfants, et notamment son article 3,"),
    ("fr", "Rappelant le Protocole facultatif se rapportant à la Convention contre la torture et autres peines ou "
           "traitements cruels, inhumains ou dégradants,"),
    ("es", "Recordando el Protocolo Facultativo de la Convención contra la Tortura y Otros Tratos o Penas "
           "Crueles, Inhumanos o Degradantes, en particular su artículo 3,"),
])
def test_a_protocol_to_a_treaty_is_not_that_treaty(lang, text):
    assert cited(lang, text) == set()


@pytest.mark.parametrize("lang, text", [
    ("en", "Recalling the obligations of States parties to the Convention on the Rights of the Child and to the "
           "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed "
           "conflict, and recalling in particular article 38 of that Convention,"),
    ("es", "Recordando las obligaciones de los Estados partes en la Convención sobre los Derechos del Niño y en el "
           "Protocolo Facultativo de la Convención sobre los Derechos del Niño relativo a la participación de niños "
           "en los conflictos armados, y recordando en particular el artículo 38 de dicha Convención,"),
])
def test_that_convention_after_a_protocol_to_it_is_the_convention(lang, text):
    # the name inside the Protocol's is not cited, but "that Convention" refers to it (holdout19 h19_05)
    assert cited(lang, text) == {("pp_1", "convention:crc-1989"), ("pp_1", "convention:crc-1989/art_38")}


def test_a_treaty_and_a_protocol_named_side_by_side_are_both_named():
    got = cited("en", "Recalling the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
                "Women and Children and the Convention against Torture,")
    assert got == {("pp_1", "convention:trafficking-protocol-2000"), ("pp_1", "convention:cat-1984")}


# "the above-mentioned resolutions": those cited before it in its paragraph; else those of the last
# paragraph citing resolutions, with the run of paragraphs of the same clause right before it.
@pytest.mark.parametrize("lang, paragraphs", [
    ("en", ("Recalling its resolutions 1111 (2013) and 1122 (2013),",
            "Recalling further General Assembly resolutions 67/101 and 67/102,",
            "Deploring that the aforesaid resolutions have not been implemented,")),
    ("fr", ("Rappelant ses résolutions 1111 (2013) et 1122 (2013),",
            "Rappelant en outre les résolutions 67/101 et 67/102 de l'Assemblée générale,",
            "Déplorant que lesdites résolutions n'aient pas été appliquées,")),
    ("es", ("Recordando sus resoluciones 1111 (2013) y 1122 (2013),",
            "Recordando además las resoluciones 67/101 y 67/102 de la Asamblea General,",
            "Deplorando que dichas resoluciones no se hayan aplicado,")),
])
def test_the_aforesaid_resolutions_after_two_recalled_lists_are_both_lists(lang, paragraphs):
    chapeau = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,", "es": "El Consejo de Seguridad,"}
    got = {t for p, t in cited(lang, *paragraphs, chapeau=chapeau) if p == "pp_3"}
    assert got == {"S/RES/1111(2013)", "S/RES/1122(2013)", "A/RES/67/101", "A/RES/67/102"}


def test_the_above_mentioned_resolutions_in_one_paragraph_with_two_lists():
    got = cited("en", "Recalling its resolutions 1111 (2013) and 1122 (2013) and General Assembly resolutions "
                "67/101 and 67/102,", "Noting that the above-mentioned resolutions have not been implemented,",
                chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "pp_2"} == {"S/RES/1111(2013)", "S/RES/1122(2013)", "A/RES/67/101",
                                                 "A/RES/67/102"}


def test_those_resolutions_in_the_paragraph_that_cites_them_are_only_its_own():
    got = cited("en", "1. Reaffirms its resolution 1100 (2013);",
                "2. Reaffirms its resolution 1111 (2013), by which it endorsed General Assembly resolution 67/101, "
                "and calls for the implementation of those resolutions;", chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "op_2"} == {"S/RES/1111(2013)", "A/RES/67/101"}


def test_a_paragraph_of_another_clause_does_not_join_the_run():
    got = cited("en", "Recalling its resolution 1100 (2013),", "Welcoming its resolutions 1111 (2013) and 1122 (2013),",
                "Noting that the above-mentioned resolutions have been implemented,",
                chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "pp_3"} == {"S/RES/1111(2013)", "S/RES/1122(2013)"}


# … and the words after "resolution(s)" that do the same ("les résolutions susmentionnées", "las
# resoluciones antes mencionadas", "the resolutions mentioned above", "the Council's resolutions under
# reference"), as the Council's texts of the 1950s–60s and French and Spanish texts write them.
@pytest.mark.parametrize("lang, recalled, anaphor", [
    ("en", "Recalling its resolutions 1111 (2013) and 1122 (2013),",
     "1. Demands the full implementation of the resolutions mentioned above;"),
    ("en", "Recalling its resolutions 1111 (2013) and 1122 (2013),",
     "1. Considers that the parties have not complied with the Council's resolutions\nunder reference;"),
    ("fr", "Rappelant ses résolutions 1111 (2013) et 1122 (2013),",
     "1. Exige la pleine application des résolutions susmentionnées ;"),
    ("fr", "Rappelant ses résolutions 1111 (2013) et 1122 (2013),",
     "1. Exige la pleine application des résolutions mentionnées ci-dessus ;"),
    ("es", "Recordando sus resoluciones 1111 (2013) y 1122 (2013),",
     "1. Exige la plena aplicación de las resoluciones antes mencionadas;"),
    ("es", "Recordando sus resoluciones 1111 (2013) y 1122 (2013),",
     "1. Exige la plena aplicación de las resoluciones en cuestión;"),
])
def test_resolutions_referred_back_to_by_words_after_the_noun(lang, recalled, anaphor):
    chapeau = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,", "es": "El Consejo de Seguridad,"}
    got = {t for p, t in cited(lang, recalled, anaphor, chapeau=chapeau) if p == "op_1"}
    assert got == {"S/RES/1111(2013)", "S/RES/1122(2013)"}


@pytest.mark.parametrize("lang, recalled, anaphor", [
    # one resolution before a plural: no one in particular
    ("en", "Recalling its resolution 1111 (2013),", "1. Urges the parties to implement the resolutions mentioned above;"),
    ("fr", "Rappelant sa résolution 1111 (2013),", "1. Exhorte les parties à appliquer les résolutions précitées ;"),
    # a word that only looks like one ("mentionnées" alone names no antecedent in French)
    ("fr", "Rappelant ses résolutions 1111 (2013) et 1122 (2013),",
     "1. Prie le Secrétaire général de lui présenter les résolutions mentionnées par les États ;"),
])
def test_words_after_the_noun_with_no_list_behind_them_cite_nothing(lang, recalled, anaphor):
    chapeau = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,"}
    assert not {t for p, t in cited(lang, recalled, anaphor, chapeau=chapeau) if p == "op_1"}


# … but with numbers after those words, the numbers are the citation ("la résolution précitée 77/20").
@pytest.mark.parametrize("lang, paragraph, expected", [
    ("fr", "Rappelant sa résolution 75/10 et la résolution précitée 77/20,", {"A/RES/75/10", "A/RES/77/20"}),
    ("es", "Recordando las resoluciones antes mencionadas 75/10 y 77/20,", {"A/RES/75/10", "A/RES/77/20"}),
    ("en", "Recalling the resolutions referred to above 75/10 and 77/20,", {"A/RES/75/10", "A/RES/77/20"}),
])
def test_numbers_after_the_words_that_refer_back_are_read(lang, paragraph, expected):
    assert {t for p, t in cited(lang, paragraph) if p == "pp_1"} == expected


# … and "the above-mentioned resolutions of the General Assembly and the Security Council": every
# resolution of the bodies named that the text cited before, in whatever paragraph (CR-UNSC 182, 267: the
# Council's 181 (1963) recalled and reaffirmed, the Assembly's 1881 (XVIII) noted between).
SC_CHAPEAU = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,", "es": "El Consejo de Seguridad,"}
BODIES_BEFORE = {
    "en": ("Recalling its resolution 1111 (2013),", "Noting General Assembly resolution 67/101,",
           "Noting also resolution 2024/5 of the Economic and Social Council,",
           "1. Reaffirms its resolution 1111 (2013);", "2. Urges all States to act;"),
    "fr": ("Rappelant sa résolution 1111 (2013),", "Prenant note de la résolution 67/101 de l'Assemblée générale,",
           "Prenant note aussi de la résolution 2024/5 du Conseil économique et social,",
           "1. Réaffirme sa résolution 1111 (2013) ;", "2. Exhorte tous les États à agir ;"),
    "es": ("Recordando su resolución 1111 (2013),", "Tomando nota de la resolución 67/101 de la Asamblea General,",
           "Tomando nota también de la resolución 2024/5 del Consejo Económico y Social,",
           "1. Reafirma su resolución 1111 (2013);", "2. Insta a todos los Estados a actuar;"),
}


@pytest.mark.parametrize("lang, anaphor", [
    ("en", "3. Condemns the non-compliance with the above-mentioned resolutions of the General Assembly and the "
           "Security Council;"),
    ("en", "3. Deplores the failure to show any regard for the resolutions of the General Assembly and the\n"
           "Security Council mentioned above;"),
    ("fr", "3. Condamne le non-respect des résolutions susmentionnées de l'Assemblée générale et du Conseil de "
           "sécurité ;"),
    ("fr", "3. Condamne le non-respect des résolutions de l'Assemblée générale et du Conseil de sécurité "
           "susmentionnées ;"),
    ("es", "3. Condena el incumplimiento de las resoluciones antes mencionadas de la Asamblea General y del "
           "Consejo de Seguridad;"),
])
def test_the_above_mentioned_resolutions_of_two_bodies_are_all_theirs_cited_before(lang, anaphor):
    got = {t for p, t in cited(lang, *BODIES_BEFORE[lang], anaphor, chapeau=SC_CHAPEAU) if p == "op_3"}
    assert got == {"S/RES/1111(2013)", "A/RES/67/101"}  # not the Economic and Social Council's


@pytest.mark.parametrize("anaphor, expected", [
    ("3. Recalls the above-mentioned resolutions of the Economic and Social Council;", set()),  # one: no list
    ("3. Recalls the above-mentioned resolution of the General Assembly;", {"A/RES/67/101"}),
    # no word that points back: resolutions of those bodies in general, none in particular
    ("3. Recalls the resolutions of the General Assembly and the Security Council on the question;", set()),
])
def test_resolutions_of_named_bodies_need_a_word_that_points_back_and_a_list(anaphor, expected):
    got = {t for p, t in cited("en", *BODIES_BEFORE["en"], anaphor, chapeau=SC_CHAPEAU) if p == "op_3"}
    assert got == expected


def test_every_noun_the_registry_declares_is_read_as_an_anaphor():
    from resograph.reading import patterns as P
    from resograph.reading.lexicon import load_lexicon
    lex = load_lexicon()
    declared = {n for nouns in lex.anaphor_nouns.values() for n in nouns}
    # (nouns of several words, "General Armistice Agreement", are the lexicon's own pattern)
    phrases = {n for n in declared if " " in n}
    assert declared - phrases - {"charter", "charte", "carta"} <= set(P.ANAPHOR_NOUNS)
    assert all(lex.phrase_anaphor_re.fullmatch("the " + n) for n in phrases)
    assert all(any(k in n for k in lex.phrase_anaphor_needles) for n in phrases)  # (the finder's filter)


# An agreement the registry gives a noun of several words: "the General Armistice Agreement" after its
# full name is that agreement, and its articles are numbered in Roman numerals ("article V").
@pytest.mark.parametrize("lang, named, article, bare", [
    ("en", "Recalling the General Armistice Agreement between Israel and Syria,",
     "1. Calls upon the parties to comply with article V of the General Armistice Agreement;",
     "2. Requests the parties to carry out the General Armistice Agreement in good faith."),
    ("fr", "Rappelant la Convention d'armistice général entre Israël et la Syrie,",
     "1. Invite les parties à respecter l'article V de la Convention d'armistice général ;",
     "2. Prie les parties d'appliquer la Convention d'armistice général de bonne foi."),
    ("es", "Recordando el Acuerdo General de Armisticio entre Israel y Siria,",
     "1. Exhorta a las partes a respetar el artículo V del Acuerdo General de Armisticio;",
     "2. Pide a las partes que apliquen el Acuerdo General de Armisticio de buena fe."),
])
def test_a_noun_of_several_words_refers_back_to_the_agreement_named_before(lang, named, article, bare):
    head = {"en": ("Resolution", "The Security Council,"), "fr": ("Résolution", "Le Conseil de sécurité,"),
            "es": ("Resolución", "El Consejo de Seguridad,")}[lang]
    text = f"{head[0]} 111 (1956)\n\n{head[1]}\n\n{named}\n\n{article}\n\n{bare}\n"
    key = "agreement:israel-syria-armistice-1949"
    assert {(c.paragraph, c.target) for c in extract(text).citations} == {
        ("pp_1", key), ("op_1", key + "/art_5"), ("op_2", key)}


# As the Council printed them (S/RES/89 (1950), 93 (1951)): a country's name joined to the other's adjective, Roman
# articles in a list, and an article whose agreement the paragraph names but not as its owner.
@pytest.mark.parametrize("sentences, expected", [
    (["1. Notes that the Mixed Armistice Commission will act under article VIII of the Israel-Jordan General "
      "Armistice Agreement;"], {("op_1", "agreement:israel-jordan-armistice-1949/art_8")}),
    (["1. Takes note of the Committee provided for in article X, paragraph 4, of the Egyptian-Israel General "
      "Armistice Agreement;"], {("op_1", "agreement:egypt-israel-armistice-1949/art_10")}),
    (["1. Notes that under article VII of the Israel-Syrian General Armistice Agreement a provision other than "
      "articles I and II is at issue;"],
     {("op_1", "agreement:israel-syria-armistice-1949/art_" + n) for n in ("7", "1", "2")}),
    (["1. Declares that the parties must observe the Israel-Syria Armistice Agreement;",
      "2. Considers it inconsistent with the Armistice Agreement to fail the Chairman in his obligations under "
      "article V, and calls upon the parties to attend;"],
     {("op_1", "agreement:israel-syria-armistice-1949"), ("op_2", "agreement:israel-syria-armistice-1949/art_5")}),
])
def test_the_councils_forms_of_the_armistice_agreements_and_their_articles(sentences, expected):
    text = "Resolution 111 (1956)\n\nThe Security Council,\n\n" + "\n\n".join(sentences) + "\n"
    assert {(c.paragraph, c.target) for c in extract(text).citations} == expected


@pytest.mark.parametrize("sentence", [
    "Recalling the General Armistice Agreements between Israel and its neighbours,",  # plural: all four
    "Noting that the general armistice agreement was not signed,",  # not the registry's capitals
    "Recalling article vi of the Convention,",  # a Roman number in lower case is no article
])
def test_no_armistice_agreement_without_its_name_or_capitals(sentence):
    text = f"Resolution 111 (1956)\n\nThe Security Council,\n\n{sentence}\n\n1. Decides to remain seized.\n"
    assert not [c for c in extract(text).citations if "armistice" in c.target or "/art_" in c.target]


UNTOC_KEY, UNCAC_KEY = "convention:untoc-2000", "convention:uncac-2003"


@pytest.mark.parametrize("lang, text", [
    ("en", "Recalling the United Nations Convention against Transnational Organized Crime and the United Nations "
           "Convention against Corruption, in particular articles 27 and 48, respectively,"),
    ("fr", "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée et la "
           "Convention des Nations Unies contre la corruption, notamment leurs articles 27 et 48 respectivement,"),
    ("es", "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y la "
           "Convención de las Naciones Unidas contra la Corrupción, y sus artículos 27 y 48, respectivamente,"),
])
def test_respectively_pairs_the_articles_with_the_treaties_named_before_them(lang, text):
    assert cited(lang, text) == {("pp_1", UNTOC_KEY), ("pp_1", UNCAC_KEY), ("pp_1", f"{UNTOC_KEY}/art_27"),
                                 ("pp_1", f"{UNCAC_KEY}/art_48")}


def test_respectively_with_fewer_treaties_than_articles_keeps_the_treaty_under_discussion():
    got = cited("en", "Recalling the United Nations Convention against Corruption, in particular articles 27 and 48, "
                      "respectively,")
    assert got == {("pp_1", UNCAC_KEY), ("pp_1", f"{UNCAC_KEY}/art_27"), ("pp_1", f"{UNCAC_KEY}/art_48")}


@pytest.mark.parametrize("lang, named, article, respectively", [
    ("es", "Recordando el Pacto Internacional de Derechos Económicos, Sociales y Culturales y el Pacto Internacional "
           "de Derechos Civiles y Políticos,",
     "en particular el artículo 2, párrafo 2, y el artículo 26, respectivamente,", True),
    ("en", "Recalling the International Covenant on Economic, Social and Cultural Rights and the International "
           "Covenant on Civil and Political Rights,", "in particular article 2, paragraph 2, and article 26, respectively,",
     True),
    ("en", "Recalling the International Covenant on Economic, Social and Cultural Rights and the International "
           "Covenant on Civil and Political Rights,", "in particular article 2, paragraph 2, and article 26,", False),
])
def test_respectively_after_two_article_references_pairs_them_too(lang, named, article, respectively):
    icescr, iccpr = "convention:icescr-1966", "convention:iccpr-1966"
    got = cited(lang, named + " " + article)
    # without "respectively" both articles go to the treaty under discussion, the one named last
    first = icescr if respectively else iccpr
    assert got == {("pp_1", icescr), ("pp_1", iccpr), ("pp_1", f"{first}/art_2"), ("pp_1", f"{iccpr}/art_26")}


@pytest.mark.parametrize("lang, first, anaphor, key", [
    ("es", "Recordando la Convención de las Naciones Unidas contra la Ciberdelincuencia,",
     "Observando que el Convenio sobre la Ciberdelincuencia del Consejo de Europa y la citada Convención se completan,",
     "convention:cybercrime-2024"),
    ("es", "Recordando el Convenio sobre la Ciberdelincuencia del Consejo de Europa,",
     "Observando que la Convención de las Naciones Unidas contra la Corrupción y el referido Convenio se completan,",
     "convention:budapest-2001"),
    ("en", "Recalling the United Nations Convention against Corruption,",
     "Noting that the above-mentioned Convention and the Charter of the United Nations apply,", "convention:uncac-2003"),
])
def test_determiners_of_several_words_that_point_back(lang, first, anaphor, key):
    assert ("pp_2", key) in cited(lang, first, anaphor)


@pytest.mark.parametrize("owner", ["dudit Statut", "du même Statut"])
def test_an_article_of_the_same_statute_named_before(owner):
    text = ("AGN/45/RES/7\n\nL'Assemblée générale de l'O.I.P.C.-Interpol, réunie en sa 45e session,\n\n"
            "RAPPELANT l'article 2 du Statut de l'O.I.P.C.-Interpol, dans l'esprit de la Déclaration universelle des "
            f"droits de l'homme, ainsi que l'article 3 {owner},\n\nDÉCIDE de rester saisie.\n")
    got = {c.target for c in extract(text).citations}
    assert {"interpol:constitution/art_2", "interpol:constitution/art_3"} <= got


@pytest.mark.parametrize("lang, text, key", [
    ("fr", "Se félicitant des travaux du Comité spécial chargé d'élaborer une convention contre la corruption,", None),
    ("en", "Welcoming the work of the Ad Hoc Committee to negotiate a convention against corruption,", None),
    ("en", "Welcoming the entry into force of the Convention against Corruption,", "convention:uncac-2003"),
])
def test_a_lower_case_name_after_an_indefinite_article_is_a_task_not_the_treaty(lang, text, key):
    assert cited(lang, text) == ({("pp_1", key)} if key else set())


@pytest.mark.parametrize("lang, text", [
    ("fr", "RAPPELANT l'article 3 du Statut de l'Organisation,\n\nRAPPELANT la Convention internationale contre la prise "
           "d'otages,\n\nCONSCIENTE des limites que fixe ledit article 3,"),
    ("es", "RECORDANDO el artículo 3 del Estatuto de la Organización,\n\nRECORDANDO la Convención Internacional contra "
           "la Toma de Rehenes,\n\nCONSCIENTE de los límites que fija dicho artículo 3,"),
])
def test_the_said_article_is_the_article_of_that_number_cited_before(lang, text):
    head = {"fr": "AGN/56/RES/6\n\nL'Assemblée générale de l'O.I.P.C.-Interpol,\n\n",
            "es": "AGN/56/RES/6\n\nLa Asamblea General de la OIPC-INTERPOL,\n\n"}[lang]
    got = {(c.paragraph, c.target) for c in extract(head + text + "\n").citations}
    assert ("pp_3", "interpol:constitution/art_3") in got and ("pp_3", "convention:hostages-1979/art_3") not in got


def test_and_that_article_is_still_the_treaty_under_discussion():
    got = cited("en", "Recalling the Single Convention on Narcotic Drugs of 1961, and that article 4 provides for "
                      "cooperation,")
    assert ("pp_1", "convention:single-drugs-1961/art_4") in got


@pytest.mark.parametrize("lang, text, keys", [
    ("en", "Urging States to ratify the Palermo and Merida Conventions,", {UNTOC_KEY, UNCAC_KEY}),
    ("fr", "Invitant les États à ratifier les Conventions de Palerme et de Mérida,", {UNTOC_KEY, UNCAC_KEY}),
    ("es", "Instando a ratificar las Convenciones de Palermo y Mérida,", {UNTOC_KEY, UNCAC_KEY}),
    # the ambiguous short names keep their rule (their subject nearby): "aéronefs" for The Hague
    ("fr", "Invitant les États à adhérer aux Conventions de Tokyo, de La Haye et de Montréal relatives aux aéronefs,",
     {"convention:tokyo-1963", "convention:hague-1970"}),
    ("en", "Noting the conventions of the Council of Europe and the relevant conventions,", set()),
])
def test_a_plural_noun_over_a_list_of_places_names_each_treaty(lang, text, keys):
    assert {t for _, t in cited(lang, text)} == keys


DRUG_TREATIES = {"convention:single-drugs-1961", "convention:psychotropic-1971", "convention:drugs-1988"}


@pytest.mark.parametrize("lang, text, keys", [
    ("fr", "Rappelant la Convention unique sur les stupéfiants de 1961, celle de 1971 sur les substances "
           "psychotropes et celle de 1988,", DRUG_TREATIES),
    ("fr", "Rappelant la Convention unique sur les stupéfiants de 1961 et celles de 1971 et de 1988,", DRUG_TREATIES),
    ("es", "Recordando la Convención Única de 1961 sobre Estupefacientes, la de 1971 y la de 1988,", DRUG_TREATIES),
    ("en", "Recalling the Hague Convention on the seizure of aircraft and that of Montreal on the safety of civil "
           "aviation,", {"convention:hague-1970", "convention:montreal-1971"}),
    ("fr", "Notant que l'article 8 de la Convention de La Haye et l'article 8 de celle de Montréal, relatives aux "
           "aéronefs et à l'aviation civile, prévoient l'extradition,",
     {"convention:hague-1970/art_8", "convention:montreal-1971/art_8"}),
    # a pronoun names nothing unless the registry knows the name it makes with the noun before it
    ("es", "Recordando la Convención de 1988 y la de la Asamblea General sobre el tema,", {"convention:drugs-1988"}),
    ("fr", "Notant que l'article 3 de la Convention de 1988 et celui de la Convention de 1971 se complètent,",
     {"convention:drugs-1988/art_3", "convention:psychotropic-1971"}),
])
def test_a_pronoun_for_the_noun_before_it_names_the_treaty_of_that_place_or_year(lang, text, keys):
    assert {t for _, t in cited(lang, text)} == keys


# A noun the text defines for one instrument refers to it afterwards, whatever was named since: the Council's
# piracy texts define UNCLOS as "the Convention" and go on to name other conventions (invented sentences).
@pytest.mark.parametrize("lang, defined, other, anaphor", [
    ("en", "Reaffirming that international law, as reflected in the United Nations Convention on the Law of the Sea "
           "(“the Convention”), sets out the legal framework,",
     "Recalling the United Nations Convention against Transnational Organized Crime,",
     "1. Calls upon States to cooperate, consistent with article 100 of the Convention;"),
    ("fr", "Réaffirmant que le droit international, tel qu'il est codifié dans la Convention des Nations Unies sur le "
           "droit de la mer (ci-après « la Convention »), définit le cadre juridique,",
     "Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée,",
     "1. Demande aux États de coopérer, conformément à l'article 100 de la Convention ;"),
    ("es", "Reafirmando que el derecho internacional, reflejado en la Convención de las Naciones Unidas sobre el "
           "Derecho del Mar (“la Convención”), establece el marco jurídico,",
     "Recordando la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional,",
     "1. Exhorta a los Estados a cooperar, de conformidad con el artículo 100 de la Convención;"),
])
def test_a_noun_the_text_defines_refers_to_its_instrument(lang, defined, other, anaphor):
    head = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,", "es": "El Consejo de Seguridad,"}[lang]
    got = {(c.paragraph, c.target) for c in extract(f"{head}\n\n{defined}\n\n{other}\n\n{anaphor}\n").citations}
    assert ("op_1", "convention:unclos-1982/art_100") in got
    assert not any(t.startswith("convention:untoc-2000/") for _, t in got)


def test_an_instrument_named_in_the_paragraph_stays_the_antecedent_of_a_defined_noun():
    text = ("The Security Council,\n\nReaffirming the United Nations Convention on the Law of the Sea (“the "
            "Convention”),\n\nRecalling that the 1988 Convention for the Suppression of Unlawful Acts against the "
            "Safety of Maritime Navigation (“SUA Convention”) binds its parties, and urging the parties to the SUA "
            "Convention to implement that Convention,\n\n1. Urges States parties to the Convention to act;\n")
    got = {(c.paragraph, c.target) for c in extract(text).citations}
    # the SUA Convention is not the 1988 drugs Convention, and "that Convention" is the SUA Convention (no key)
    assert got == {("pp_1", "convention:unclos-1982"), ("op_1", "convention:unclos-1982")}


# A demonstrative with the instrument's own short name after it ("ladite Convention unique", "the said
# Single Convention", "dicha Convención Única") names that instrument, not the treaty named last.
@pytest.mark.parametrize("lang, text", [
    ("fr", "Rappelant la Convention unique sur les stupéfiants de 1961 et la Convention de 1971 sur les substances "
           "psychotropes, et notamment l'article 35 de ladite Convention unique,"),
    ("fr", "Rappelant la Convention unique sur les stupéfiants de 1961 et la Convention de 1971 sur les substances "
           "psychotropes, et notamment l'article 35 de cette Convention unique,"),
    ("en", "Recalling the Single Convention on Narcotic Drugs of 1961 and the Convention on Psychotropic Substances "
           "of 1971, in particular article 35 of the said Single Convention,"),
    ("es", "Recordando la Convención Única de 1961 sobre Estupefacientes y el Convenio sobre Sustancias "
           "Sicotrópicas de 1971, en particular el artículo 35 de dicha Convención Única,"),
])
def test_an_article_of_the_demonstrative_and_the_short_name_is_that_instruments(lang, text):
    got = {t for p, t in cited(lang, text) if "/" in t}
    assert got == {"convention:single-drugs-1961/art_35"}


# "the Protocol on information": in English a name goes on in capitals, so a preposition and a lower-case
# word after the noun say what the instrument named before is about; "the Protocol on Explosive Remnants
# of War" stays the name of another (unknown) instrument.
def test_an_english_noun_with_a_lower_case_topic_after_it_refers_back():
    got = cited("en", "Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air, in particular "
                "article 12 of the Protocol on travel documents and article 13 on their validity,")
    assert got == {("pp_1", "convention:migrants-protocol-2000"), ("pp_1", "convention:migrants-protocol-2000/art_12"),
                   ("pp_1", "convention:migrants-protocol-2000/art_13")}


def test_an_english_noun_with_a_capitalised_topic_after_it_is_another_instrument():
    got = cited("en", "Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air,",
                "Noting article 4 of the Protocol on Explosive Remnants of War,")
    assert not {t for p, t in got if p == "pp_2"}


# "dichos Protocolos", "these Protocols", "lesdits Protocoles": the instruments of that noun named together
# (in the paragraph that names the latest of them), each one the owner of the articles after it — not the
# Convention named last; "both Protocols" likewise owns each one's articles.
TWO_PROTOCOLS = {
    "en": "Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air and the Protocol to Prevent, "
          "Suppress and Punish Trafficking in Persons, Especially Women and Children,",
    "fr": "Rappelant le Protocole contre le trafic illicite de migrants par terre, air et mer et le Protocole visant à "
          "prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants,",
    "es": "Recordando el Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire y el Protocolo para "
          "prevenir, reprimir y sancionar la trata de personas, especialmente mujeres y niños,"}
MIGRANTS, TRAFFICKING = "convention:migrants-protocol-2000", "convention:trafficking-protocol-2000"


@pytest.mark.parametrize("lang, anaphor", [
    ("en", "Calling upon States to ratify the Palermo Convention and to apply articles 12 and 13 of these Protocols,"),
    ("en", "Calling upon States to ratify the Palermo Convention and to apply articles 12 and 13 of the said Protocols,"),
    ("en", "Calling upon States to ratify the Palermo Convention and to apply articles 12 and 13 of the above-mentioned "
           "Protocols,"),
    ("en", "Calling upon States to ratify the Palermo Convention and to apply articles 12 and 13 of both Protocols,"),
    ("fr", "Engageant les États à ratifier la Convention de Palerme et à appliquer les articles 12 et 13 desdits "
           "Protocoles,"),
    ("fr", "Engageant les États à ratifier la Convention de Palerme et à appliquer les articles 12 et 13 de ces "
           "Protocoles,"),
    ("es", "Instando a los Estados a ratificar la Convención de Palermo y a aplicar los artículos 12 y 13 de dichos "
           "Protocolos,"),
])
def test_articles_of_these_protocols_are_each_protocols(lang, anaphor):
    got = {t for p, t in cited(lang, TWO_PROTOCOLS[lang], anaphor) if p == "pp_2"}
    assert got == {"convention:untoc-2000", f"{MIGRANTS}/art_12", f"{MIGRANTS}/art_13", f"{TRAFFICKING}/art_12",
                   f"{TRAFFICKING}/art_13"}


def test_a_plural_after_one_protocol_names_no_one_in_particular():
    got = cited("en", "Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air,",
                "Recalling also the United Nations Convention against Corruption,",
                "Urging States to apply article 12 of these Protocols,")
    assert not {t for p, t in got if p == "pp_3"}


# The second of a coordination is spoken of as the first is: "ratificar la Convención de Palermo y los dos
# Protocolos" ratifies the Protocols too, whose articles the paragraph then names.
def test_both_protocols_ratified_beside_the_convention_are_cited_with_their_articles():
    got = cited("es", TWO_PROTOCOLS["es"], "Instando a los Estados a ratificar, si aún no lo han hecho, la Convención "
                "de Palermo y los dos Protocolos, y a aplicar el artículo 12 de dichos Protocolos,")
    assert {t for p, t in got if p == "pp_2"} == {"convention:untoc-2000", MIGRANTS, TRAFFICKING,
                                                 f"{MIGRANTS}/art_12", f"{TRAFFICKING}/art_12"}


# "the aforesaid General Assembly resolution": a body between the words that point back and the noun; the
# body says whose resolution it is.
@pytest.mark.parametrize("paragraphs, key", [
    (("1. Reaffirms General Assembly resolution 67/101 and calls for its implementation;",
      "2. Requests the committee appointed under the aforesaid General Assembly resolution to report;"),
     "A/RES/67/101"),
    (("1. Reaffirms General Assembly resolution 67/101 and its resolution 1111 (2013);",
      "2. Requests the committee appointed under that General Assembly resolution to report;"),
     "A/RES/67/101"),
])
def test_the_aforesaid_general_assembly_resolution_is_the_assemblys_cited_before(paragraphs, key):
    got = cited("en", *paragraphs, chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "op_2"} == {key}


# "the above-mentioned Geneva Convention": the words between the determiner and the noun say which of the
# instruments named before it is; if none named before has them in its names, it is an instrument the
# registry does not know, and no other.
def test_the_above_mentioned_geneva_convention_is_the_geneva_convention_named_before():
    got = cited("en", "Recalling the Geneva Convention relative to the Protection of Civilian Persons in Time of War,",
                "Recalling also the United Nations Convention against Corruption,",
                "Calling upon all parties to act in conformity with the above-mentioned Geneva Convention,")
    assert {t for p, t in got if p == "pp_3"} == {"convention:geneva-iv-1949"}


def test_a_qualifier_no_instrument_named_before_holds_is_no_citation():
    got = cited("en", "Recalling also the United Nations Convention against Corruption,",
                "Noting article 3 of the said Lisbon Convention,")
    assert not {t for p, t in got if p == "pp_2"}


# "1. Reaffirms the above-mentioned resolutions, particularly resolutions A and B … / 2. Condemns violations
# of the above-mentioned resolutions": the list that picks some of them does not replace the set.
def test_a_list_that_picks_some_of_the_above_mentioned_resolutions_does_not_replace_them():
    got = cited("en", "Recalling its resolutions 1111 (2013), 1122 (2013), 1133 (2013) and 1144 (2013),",
                "1. Reaffirms the above-mentioned resolutions, particularly resolutions 1111 (2013) and 1144 (2013);",
                "2. Condemns all actions contrary to the above-mentioned resolutions;",
                chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "op_2"} == {"S/RES/1111(2013)", "S/RES/1122(2013)", "S/RES/1133(2013)",
                                                 "S/RES/1144(2013)"}


def test_a_list_of_its_own_after_the_above_mentioned_resolutions_is_the_one_referred_to_next():
    got = cited("en", "Recalling its resolutions 1111 (2013) and 1122 (2013),",
                "1. Reaffirms the above-mentioned resolutions and recalls its resolutions 1133 (2013) and 1144 (2013);",
                "2. Condemns all actions contrary to those resolutions;",
                chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "op_2"} == {"S/RES/1133(2013)", "S/RES/1144(2013)"}


def test_the_above_mentioned_resolutions_after_one_of_a_list_cited_again_are_the_list():
    # CR-UNSC 439 (1978): the list of pp_1, then 385 (1976) alone in the paragraph right before the phrase
    sc = {"en": "The Security Council,"}
    got = cited("en", "Recalling its resolutions 385 (1976), 431 (1978) and 435 (1978),",
                "Reaffirming its commitment to the implementation of resolution 385 (1976),",
                "Reiterating that any measure in contravention of the above-mentioned resolutions is null and void,",
                chapeau=sc)
    assert {t for p, t in got if p == "pp_3"} == {"S/RES/385(1976)", "S/RES/431(1978)", "S/RES/435(1978)"}
    # a paragraph between them: the plural names no one in particular
    got = cited("en", "Recalling its resolutions 385 (1976), 431 (1978) and 435 (1978),",
                "Reaffirming its commitment to the implementation of resolution 385 (1976),",
                "Noting the statement of the President,",
                "Reiterating that any measure in contravention of the above-mentioned resolutions is null and void,",
                chapeau=sc)
    assert not {t for p, t in got if p == "pp_4"}


def test_the_aforesaid_two_resolutions():
    # CR-UNSC 146 (1960): a count between the words that point back and the noun
    got = cited("en", "Recalling its resolutions 143 (1960) and 145 (1960),",
                "Recognizing that the aforesaid two resolutions have not been fully implemented,",
                chapeau={"en": "The Security Council,"})
    assert {t for p, t in got if p == "pp_2"} == {"S/RES/143(1960)", "S/RES/145(1960)"}
