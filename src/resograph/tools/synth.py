"""Deterministic generator of synthetic resolutions with gold citations (issue 7).

`generate(n, seed)` yields `SynthDoc`s: the text of an invented resolution in the genre (INTERPOL
General Assembly, UN General Assembly, Security Council, ECOSOC; French, English, Spanish) and its
gold in the dev-corpus format (`corpus/README.md`): `{"language", "symbol", "citations": [{"paragraph",
"target"}]}`, plus two keys the dev gold does not carry and scorers can ignore: `mentions` (every
cited span with its kind, `text == source[start:end]`) and `paragraphs` (the span of each pp_n/op_n).

Realism, as far as the genre goes:
- the corpus is a chronological stream; a document cites only instruments older than itself
  (earlier synthetic documents, a background of older instruments, and the real instruments of
  the dev corpus with their printed dates);
- popularity is rich-get-richer (a Yule/urn process): a few instruments are cited very often, most
  once or twice — a Zipf-like in-degree distribution;
- resolutions come in series (the same agenda item every other year) and recall their
  predecessors in coordinated lists with dates;
- every reference form of the genre the README describes (symbols, "its resolution", coordinated
  lists, old Roman-numeral sessions, decisions, SC and ECOSOC resolutions, INTERPOL GA/AG/AGN codes,
  treaty articles, aliases, anaphora, the 2030 Agenda, report symbols in the body), and its traps
  (24/7, I-24/7, percentages, dates, Goal 16, "the present resolution", page headers and footers
  in the middle of a paragraph, the document's own symbol, draft symbols in the header);
- noise: non-breaking spaces before French punctuation, curly apostrophes and quotes,
  non-breaking hyphens in codes, superscript ordinals, lettered sub-paragraphs.

The generator is pure Python and fast (about 10,000 documents in a few seconds). Everything is drawn
from one `random.Random(seed)`, so the same seed gives the same bytes.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from resograph.core.keys import roman

GENERATOR_VERSION = "1"
NBSP = "\u00a0"
NBHY = "\u2011"

# --------------------------------------------------------------------------------------------
# Language helpers
# --------------------------------------------------------------------------------------------

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def fmt_date(d: _dt.date, lang: str) -> str:
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{d.day} {m} {d.year}"
    if lang == "fr":
        return f"{'1er' if d.day == 1 else d.day} {m} {d.year}"
    return f"{d.day} de {m} de {d.year}"


def join_list(items: list[str], lang: str) -> list[str]:
    """Separators to put between items: 'a, b and c' / 'a, b et c' / 'a, b y c'."""
    conj = {"en": " and ", "fr": " et ", "es": " y "}[lang]
    if len(items) <= 1:
        return []
    return [", "] * (len(items) - 2) + [conj]


_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_ORD_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_TENS = {3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
_EN_ORD_TENS = {3: "thirtieth", 4: "fortieth", 5: "fiftieth", 6: "sixtieth", 7: "seventieth",
                8: "eightieth", 9: "ninetieth"}


def ordinal_words(n: int, lang: str) -> str:
    """Session numbers as UN headers print them: 'Eighty-first', 'Quatre-vingt-unième',
    'Octogésimo primer' (30 ≤ n ≤ 99)."""
    t, u = divmod(n, 10)
    if lang == "en":
        s = _EN_ORD_TENS[t] if u == 0 else f"{_EN_TENS[t]}-{_EN_ORD_UNITS[u]}"
    elif lang == "fr":
        s = _fr_ordinal(n)
    else:
        tens = {3: "trigésimo", 4: "cuadragésimo", 5: "quincuagésimo", 6: "sexagésimo",
                7: "septuagésimo", 8: "octogésimo", 9: "nonagésimo"}[t]
        units = ["", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo",
                 "octavo", "noveno"][u]
        s = tens if u == 0 else f"{tens} {units}"
    return s[0].upper() + s[1:]


def _fr_cardinal(n: int) -> str:
    units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
    t, u = divmod(n, 10)
    if t in (7, 9):
        base = "soixante" if t == 7 else "quatre-vingt"
        if t == 7 and u == 1:
            return "soixante et onze"
        return f"{base}-{units[10 + u]}"
    base = {3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}[t]
    if u == 0:
        return base + ("s" if t == 8 else "")
    if u == 1 and t != 8:
        return f"{base} et un"
    return f"{base}-{units[u]}"


def _fr_ordinal(n: int) -> str:
    s = _fr_cardinal(n)
    if s.endswith("vingts"):
        s = s[:-1]
    if s.endswith("cinq"):
        return s + "uième"
    if s.endswith("neuf"):
        return s[:-1] + "vième"
    if s.endswith("e"):
        return s[:-1] + "ième"
    return s + "ième"


def en_ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def contract(prep: str, np: str, lang: str) -> str:
    """'de' + 'le Statut' → 'du Statut'; 'a' + 'el Convenio' → 'al Convenio'."""
    if not prep:
        return np
    head, _, last = prep.rpartition(" ")
    head = head + " " if head else ""
    if lang == "fr" and last in ("de", "à"):
        for det, fused in (("le ", {"de": "du ", "à": "au "}), ("les ", {"de": "des ", "à": "aux "})):
            if np.startswith(det):
                return head + fused[last] + np[len(det):]
    if lang == "es" and last in ("de", "a") and np.startswith("el "):
        return head + ("del " if last == "de" else "al ") + np[3:]
    return f"{prep} {np}"


# --------------------------------------------------------------------------------------------
# Instruments
# --------------------------------------------------------------------------------------------


@dataclass
class Instrument:
    key: str
    kind: str  # unga, undec, sc, ecosoc, interpol, treaty, named, undoc
    date: _dt.date
    printed: str  # how a text prints its number: '79/136', '2482 (2019)', 'GA-2012-81-RES-08'
    topic: int = -1
    dated: bool = True  # whether texts print its date after the number


D = _dt.date

# The real instruments of the dev corpus, with the dates the dev texts print (corpus/README.md).
ANCHORS = [
    Instrument("A/DEC/49/426", "undec", D(1994, 12, 9), "49/426"),
    Instrument("A/RES/51/1", "unga", D(1996, 10, 15), "51/1", topic=0),
    Instrument("A/RES/70/1", "named", D(2015, 9, 25), "70/1"),
    Instrument("A/RES/71/19", "unga", D(2016, 11, 21), "71/19", topic=0),
    Instrument("A/RES/73/11", "unga", D(2018, 11, 26), "73/11", topic=0),
    Instrument("A/RES/75/10", "unga", D(2020, 11, 23), "75/10", topic=0),
    Instrument("A/RES/77/20", "unga", D(2022, 11, 21), "77/20", topic=0),
    Instrument("A/RES/79/136", "unga", D(2024, 12, 6), "79/136", topic=0),
    Instrument("A/RES/79/243", "unga", D(2024, 12, 24), "79/243", topic=1),
    Instrument("S/RES/1373(2001)", "sc", D(2001, 9, 28), "1373 (2001)", topic=2, dated=False),
    Instrument("S/RES/2178(2014)", "sc", D(2014, 9, 24), "2178 (2014)", topic=2, dated=False),
    Instrument("S/RES/2396(2017)", "sc", D(2017, 12, 21), "2396 (2017)", topic=2, dated=False),
    Instrument("S/RES/2462(2019)", "sc", D(2019, 3, 28), "2462 (2019)", topic=2, dated=False),
    Instrument("S/RES/2482(2019)", "sc", D(2019, 7, 19), "2482 (2019)", topic=2, dated=False),
    Instrument("E/RES/2004/21", "ecosoc", D(2004, 7, 21), "2004/21", dated=False),
    Instrument("E/RES/2016/18", "ecosoc", D(2016, 7, 26), "2016/18", dated=False),
    Instrument("AGN/67/RES/8", "interpol", D(1998, 9, 25), "AGN/67/RES/8"),
    Instrument("GA-2001-RES-10", "interpol", D(2001, 9, 28), "GA-2001-RES-10"),
    Instrument("GA-2008-RES-07", "interpol", D(2008, 10, 10), "GA-2008-RES-07", topic=1),
    Instrument("GA-2012-81-RES-08", "interpol", D(2012, 11, 8), "GA-2012-81-RES-08", topic=1),
    Instrument("GA-2019-88-RES-04", "interpol", D(2019, 10, 18), "GA-2019-88-RES-04", topic=1),
    Instrument("GA-2021-89-RES-11", "interpol", D(2021, 11, 25), "GA-2021-89-RES-11", topic=1),
    Instrument("GA-2022-90-RES-01", "interpol", D(2022, 10, 21), "GA-2022-90-RES-01", topic=5),
    Instrument("GA-2022-90-RES-05", "interpol", D(2022, 10, 21), "GA-2022-90-RES-05", topic=7),
    Instrument("GA-2023-91-RES-12", "interpol", D(2023, 12, 1), "GA-2023-91-RES-12"),
]
# The dev documents' own symbols: never reused by a synthetic document.
RESERVED = {"GA-2025-93-RES-03", "GA-2025-93-RES-05", "GA-2025-93-RES-07", "GA-2025-93-RES-09",
            "A/RES/81/23", "A/RES/80/212", "S/RES/2811(2026)"}


@dataclass
class Treaty:
    key: str
    date: _dt.date
    names: dict  # lang -> list of names (first = full name); determiner included
    noun: dict  # lang -> anaphor noun phrase ("la Convention", "el Convenio")
    articles: tuple  # plausible article numbers, the first ones most cited
    adopted_by: str | None = None  # resolution key that adopted it, where a dev text prints it


TREATIES = [
    Treaty("convention:cybercrime-2024", D(2024, 12, 24), {
        "en": ["the United Nations Convention against Cybercrime", "the Convention against Cybercrime",
               "the UN Convention against Cybercrime"],
        "fr": ["la Convention des Nations Unies contre la cybercriminalité",
               "la Convention contre la cybercriminalité"],
        "es": ["la Convención de las Naciones Unidas contra la Ciberdelincuencia",
               "la Convención contra la Ciberdelincuencia"]},
        {"en": "the Convention", "fr": "la Convention", "es": "la Convención"},
        (41, 47, 40, 37, 35, 42, 43, 44, 45, 46, 48, 54, 56, 57, 12, 13, 14, 16, 23, 24, 29, 30),
        adopted_by="A/RES/79/243"),
    Treaty("convention:untoc-2000", D(2000, 11, 15), {
        "en": ["the United Nations Convention against Transnational Organized Crime",
               "the Convention against Transnational Organized Crime", "the Palermo Convention"],
        "fr": ["la Convention des Nations Unies contre la criminalité transnationale organisée",
               "la Convention de Palerme"],
        "es": ["la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
               "la Convención de Palermo"]},
        {"en": "the Convention", "fr": "la Convention", "es": "la Convención"},
        (18, 27, 16, 13, 12, 5, 6, 7, 20, 26, 28, 29, 30, 32)),
    Treaty("convention:uncac-2003", D(2003, 10, 31), {
        "en": ["the United Nations Convention against Corruption", "the Convention against Corruption",
               "the Merida Convention"],
        "fr": ["la Convention des Nations Unies contre la corruption", "la Convention de Mérida"],
        "es": ["la Convención de las Naciones Unidas contra la Corrupción",
               "la Convención contra la Corrupción"]},
        {"en": "the Convention", "fr": "la Convention", "es": "la Convención"},
        (48, 46, 43, 51, 54, 57, 5, 6, 36, 44, 50, 52, 55, 60)),
    Treaty("convention:budapest-2001", D(2001, 11, 23), {
        "en": ["the Council of Europe Convention on Cybercrime", "the Budapest Convention",
               "the Convention on Cybercrime (ETS No. 185)"],
        "fr": ["la Convention sur la cybercriminalité du Conseil de l'Europe (STE no 185)",
               "la Convention de Budapest"],
        "es": ["el Convenio sobre la Ciberdelincuencia del Consejo de Europa", "el Convenio de Budapest"]},
        {"en": "the Convention", "fr": "la Convention", "es": "el Convenio"},
        (35, 29, 16, 23, 25, 32, 2, 3, 4, 5, 6, 9)),
    Treaty("convention:single-drugs-1961", D(1961, 3, 30), {
        "en": ["the Single Convention on Narcotic Drugs of 1961", "the Single Convention on Narcotic Drugs"],
        "fr": ["la Convention unique sur les stupéfiants de 1961"],
        "es": ["la Convención Única de 1961 sobre Estupefacientes"]},
        {"en": "the Convention", "fr": "la Convention", "es": "la Convención"},
        (35, 36, 4, 12, 33)),
    Treaty("convention:psychotropic-1971", D(1971, 2, 21), {
        "en": ["the Convention on Psychotropic Substances of 1971"],
        "fr": ["la Convention de 1971 sur les substances psychotropes"],
        "es": ["el Convenio sobre Sustancias Sicotrópicas de 1971"]},
        {"en": "the Convention", "fr": "la Convention", "es": "el Convenio"},
        (21, 22, 5, 7)),
    Treaty("convention:drugs-1988", D(1988, 12, 20), {
        "en": ["the United Nations Convention against Illicit Traffic in Narcotic Drugs and "
               "Psychotropic Substances of 1988"],
        "fr": ["la Convention des Nations Unies contre le trafic illicite de stupéfiants et de "
               "substances psychotropes de 1988"],
        "es": ["la Convención de las Naciones Unidas contra el Tráfico Ilícito de Estupefacientes y "
               "Sustancias Sicotrópicas de 1988"]},
        {"en": "the Convention", "fr": "la Convention", "es": "la Convención"},
        (7, 9, 3, 5, 6, 17)),
]
TREATY_BY_KEY = {t.key: t for t in TREATIES}
CONSTITUTION = "interpol:constitution"
AGREEMENT = "agreement:un-interpol-1997"
VIENNA = "interpol:vienna-declaration-2023"
AGENDA = "A/RES/70/1"

# --------------------------------------------------------------------------------------------
# Topics: what a series of resolutions is about (fillers and titles draw on them)
# --------------------------------------------------------------------------------------------

TOPICS = [
    {"en": "cooperation between the United Nations and the International Criminal Police Organization (INTERPOL)",
     "fr": "la coopération entre l'Organisation des Nations Unies et l'Organisation internationale de police criminelle (INTERPOL)",
     "es": "la cooperación entre las Naciones Unidas y la Organización Internacional de Policía Criminal (INTERPOL)",
     "t": {"en": "cross-border police cooperation", "fr": "la coopération policière transfrontalière",
           "es": "la cooperación policial transfronteriza"}},
    {"en": "countering the use of information and communications technologies for criminal purposes",
     "fr": "la lutte contre l'utilisation des technologies de l'information et des communications à des fins criminelles",
     "es": "la lucha contra la utilización de las tecnologías de la información y las comunicaciones con fines delictivos",
     "t": {"en": "cybercrime", "fr": "la cybercriminalité", "es": "la ciberdelincuencia"}},
    {"en": "threats to international peace and security caused by terrorist acts",
     "fr": "les menaces contre la paix et la sécurité internationales résultant d'actes de terrorisme",
     "es": "las amenazas a la paz y la seguridad internacionales causadas por actos terroristas",
     "t": {"en": "terrorism", "fr": "le terrorisme", "es": "el terrorismo"}},
    {"en": "international cooperation against the world drug problem",
     "fr": "la coopération internationale face au problème mondial de la drogue",
     "es": "la cooperación internacional contra el problema mundial de las drogas",
     "t": {"en": "drug trafficking", "fr": "le trafic de drogues", "es": "el tráfico de drogas"}},
    {"en": "improving the coordination of efforts against trafficking in persons",
     "fr": "l'amélioration de la coordination de l'action contre la traite des personnes",
     "es": "la mejora de la coordinación de los esfuerzos contra la trata de personas",
     "t": {"en": "trafficking in persons", "fr": "la traite des personnes", "es": "la trata de personas"}},
    {"en": "preventing and combating corrupt practices and the transfer of proceeds of corruption",
     "fr": "la prévention et la lutte contre les pratiques de corruption et le transfert du produit de la corruption",
     "es": "la prevención y la lucha contra las prácticas corruptas y la transferencia del producto de la corrupción",
     "t": {"en": "financial crime", "fr": "la criminalité financière", "es": "la delincuencia financiera"}},
    {"en": "combating environmental crime, including illegal trafficking in wildlife",
     "fr": "la lutte contre la criminalité environnementale, y compris le trafic d'espèces sauvages",
     "es": "la lucha contra los delitos ambientales, incluido el tráfico ilícito de fauna y flora silvestres",
     "t": {"en": "environmental crime", "fr": "la criminalité environnementale", "es": "los delitos ambientales"}},
    {"en": "protecting children from sexual exploitation and abuse online",
     "fr": "la protection des enfants contre l'exploitation et les abus sexuels en ligne",
     "es": "la protección de los niños contra la explotación y los abusos sexuales en línea",
     "t": {"en": "child sexual exploitation online", "fr": "l'exploitation sexuelle des enfants en ligne",
           "es": "la explotación sexual de niños en línea"}},
    {"en": "preventing, combating and eradicating the illicit trade in small arms and light weapons",
     "fr": "la prévention, la lutte contre le commerce illicite des armes légères et de petit calibre et son élimination",
     "es": "la prevención, la lucha y la erradicación del tráfico ilícito de armas pequeñas y armas ligeras",
     "t": {"en": "firearms trafficking", "fr": "le trafic d'armes à feu", "es": "el tráfico de armas de fuego"}},
    {"en": "strengthening the protection of cultural property against trafficking",
     "fr": "le renforcement de la protection des biens culturels contre le trafic",
     "es": "el fortalecimiento de la protección de los bienes culturales contra el tráfico",
     "t": {"en": "trafficking in cultural property", "fr": "le trafic de biens culturels",
           "es": "el tráfico de bienes culturales"}},
]

# --------------------------------------------------------------------------------------------
# Clause phrases. (text, preposition before a cited instrument, cites?) — INTERPOL texts print the
# phrase in capitals, UN texts in sentence case. Most come from the genre's usual lexicon; a few
# (VU, Having regard to, Habiendo examinado…) test the segmenter beyond the common ones.
# --------------------------------------------------------------------------------------------

PREAMBLE = {
    "en": [("Recalling", "", 6), ("Reaffirming", "", 2), ("Taking note of", "", 3), ("Noting", "", 2),
           ("Welcoming", "", 2), ("Bearing in mind", "", 2), ("Guided by", "", 1),
           ("Acting in accordance with", "", 1), ("Taking into account", "", 1), ("Mindful of", "", 1),
           ("Having considered", "", 1), ("Noting with appreciation", "", 1), ("Acknowledging", "", 1),
           ("Having regard to", "", 1)],
    "fr": [("Rappelant", "", 6), ("Réaffirmant", "", 2), ("Prenant note", "de", 3), ("Notant", "", 1),
           ("Se félicitant", "de", 2), ("Se réjouissant", "de", 1), ("Ayant à l'esprit", "", 2),
           ("Guidée par", "", 1), ("Agissant conformément", "à", 1), ("Tenant compte", "de", 1),
           ("Ayant examiné", "", 1), ("Consciente", "de", 1), ("Vu", "", 1)],
    "es": [("Recordando", "", 6), ("Reafirmando", "", 2), ("Tomando nota", "de", 3), ("Observando", "", 1),
           ("Acogiendo con beneplácito", "", 2), ("Teniendo presente", "", 2), ("Guiada por", "", 1),
           ("Actuando de conformidad", "con", 1), ("Teniendo en cuenta", "", 1),
           ("Habiendo examinado", "", 1), ("Acogiendo con satisfacción", "", 1)],
}
# Preambular phrases that open a paragraph without a citation: ("np") followed by a noun phrase,
# ("cl") by a clause; the preposition is contracted with the noun phrase ("de" + "le" → "du").
PREAMBLE_PLAIN = {
    "en": [("Considering", "np"), ("Deeply concerned about", "np"), ("Concerned that", "cl"),
           ("Conscious of", "np"), ("Convinced that", "cl"), ("Recognizing", "np"), ("Stressing", "np"),
           ("Emphasizing that", "cl"), ("Aware that", "cl"), ("Underlining", "np"), ("Alarmed by", "np"),
           ("Expressing concern at", "np"), ("Mindful that", "cl")],
    "fr": [("Considérant", "np"), ("Profondément préoccupée par", "np"), ("Préoccupée par le fait que", "cl"),
           ("Consciente de", "np"), ("Convaincue que", "cl"), ("Reconnaissant", "np"), ("Soulignant", "np"),
           ("Insistant sur", "np"), ("Constatant que", "cl"), ("Estimant que", "cl")],
    "es": [("Considerando", "np"), ("Profundamente preocupada por", "np"), ("Preocupada porque", "cl"),
           ("Consciente de", "np"), ("Convencida de que", "cl"), ("Reconociendo", "np"), ("Subrayando", "np"),
           ("Destacando que", "cl"), ("Poniendo de relieve", "np"), ("Alarmada por", "np")],
}
MODIFIER = {"en": ["also", "further"], "fr": ["également", "en outre", "enfin"],
            "es": ["también", "además", "asimismo"]}
# Where a repeated phrase takes its adverb, as the genre writes it ("Taking note also of",
# "Bearing in mind also", "Prenant note également de"); phrases not listed are repeated as they are.
MODIFIED = {
    "en": {"Recalling": "Recalling {m}", "Reaffirming": "Reaffirming {m}", "Noting": "Noting {m}",
           "Welcoming": "Welcoming {m}", "Acknowledging": "Acknowledging {m}",
           "Taking note of": "Taking note {m} of", "Bearing in mind": "Bearing in mind {m}"},
    "fr": {k: k + " {m}" for k in ("Rappelant", "Réaffirmant", "Prenant note", "Notant", "Se félicitant",
                                   "Se réjouissant", "Tenant compte")},
    "es": {k: k + " {m}" for k in ("Recordando", "Reafirmando", "Tomando nota", "Observando", "Teniendo presente")},
}

# --------------------------------------------------------------------------------------------
# Fillers: text without references. {t} = the topic's short name. No word in them may look like
# a reference ("Convention", "Statut", "Agenda", "resolution N/N").
# --------------------------------------------------------------------------------------------

FILLER_NP = {
    "en": [
        "the rapid evolution of {t} and of the means used to commit it across borders",
        "the considerable financial, operational and social harm caused by {t} to governments, businesses and populations",
        "the need for a harmonized international legal framework to strengthen cross-border cooperation against {t}",
        "the essential role played by INTERPOL in assisting member countries to meet their obligations",
        "the importance of timely exchange of information between law enforcement authorities",
        "the persistent gaps in technical and operational capacity among member countries",
        "the growing use of new technologies by organized criminal groups engaged in {t}",
        "the contribution of the National Central Bureaus to the fight against {t}",
        "the work of the United Nations Office on Drugs and Crime in providing technical assistance",
    ],
    "fr": [
        "l'évolution rapide de {t} et des moyens utilisés pour la commettre par-delà les frontières",
        "les dommages financiers, opérationnels et sociaux considérables causés par {t} aux gouvernements, aux entreprises et aux populations",
        "la nécessité d'un cadre juridique international harmonisé pour renforcer la coopération transfrontalière contre {t}",
        "le rôle essentiel que joue INTERPOL en aidant les pays membres à s'acquitter de leurs obligations",
        "l'importance d'un échange rapide d'informations entre les services chargés de l'application de la loi",
        "les lacunes persistantes en matière de capacités techniques et opérationnelles des pays membres",
        "l'utilisation croissante des nouvelles technologies par les groupes criminels organisés impliqués dans {t}",
        "la contribution des bureaux centraux nationaux à la lutte contre {t}",
        "les travaux de l'Office des Nations Unies contre la drogue et le crime en matière d'assistance technique",
    ],
    "es": [
        "la rápida evolución de {t} y de los medios utilizados para cometerla más allá de las fronteras",
        "los considerables daños financieros, operacionales y sociales causados por {t} a los gobiernos, las empresas y la población",
        "la necesidad de un marco jurídico internacional armonizado para reforzar la cooperación transfronteriza contra {t}",
        "la función esencial que desempeña INTERPOL al ayudar a los países miembros a cumplir sus obligaciones",
        "la importancia de un intercambio oportuno de información entre los organismos encargados de hacer cumplir la ley",
        "las carencias persistentes de capacidad técnica y operacional de los países miembros",
        "el uso creciente de las nuevas tecnologías por los grupos delictivos organizados dedicados a {t}",
        "la contribución de las Oficinas Centrales Nacionales a la lucha contra {t}",
        "la labor de la Oficina de las Naciones Unidas contra la Droga y el Delito en materia de asistencia técnica",
    ],
}
FILLER_CL = {
    "en": ["effective responses to {t} require close coordination between national and international actors",
           "the protection of victims must remain at the centre of all efforts against {t}",
           "capacity-building and training remain essential for countries with limited resources",
           "criminal networks engaged in {t} increasingly rely on anonymizing technologies and virtual assets",
           "the timely exchange of information between National Central Bureaus saves lives"],
    "fr": ["la lutte contre {t} exige une coordination étroite entre les acteurs nationaux et internationaux",
           "la protection des victimes doit demeurer au cœur de toute action contre {t}",
           "le renforcement des capacités et la formation restent indispensables aux pays disposant de ressources limitées",
           "les réseaux criminels impliqués dans {t} recourent de plus en plus aux technologies d'anonymisation",
           "la rapidité des échanges d'informations entre bureaux centraux nationaux sauve des vies"],
    "es": ["la lucha contra {t} exige una estrecha coordinación entre los actores nacionales e internacionales",
           "la protección de las víctimas debe seguir ocupando un lugar central en la lucha contra {t}",
           "la creación de capacidad y la formación siguen siendo indispensables para los países con recursos limitados",
           "las redes delictivas dedicadas a {t} recurren cada vez más a tecnologías de anonimización",
           "la rapidez del intercambio de información entre las Oficinas Centrales Nacionales salva vidas"],
}
# Relative clauses after one cited resolution.
TAIL = {
    "en": [", which calls for closer cooperation between the two organizations",
           ", in which it expressed concern about the links between {t} and organized crime",
           ", which encourages the use of INTERPOL's capabilities to share information on {t}",
           ", on {topic}", ", by which it decided to strengthen coordination on {t}"],
    "fr": [", qui demande le renforcement de la coopération entre les deux organisations",
           ", dans laquelle elle s'est déclarée préoccupée par les liens entre {t} et la criminalité organisée",
           ", qui encourage l'utilisation des capacités d'INTERPOL pour partager des informations sur {t}",
           ", relative à {topic}"],
    "es": [", en la que se pide una cooperación más estrecha entre ambas organizaciones",
           ", en la que se expresó preocupación por los vínculos entre {t} y la delincuencia organizada",
           ", que alienta a utilizar las capacidades de INTERPOL para intercambiar información sobre {t}",
           ", relativa a {topic}"],
}
# Traps: whole preambular paragraphs (phrase, rest) that look like references and hold none
# (corpus/README.md, "Not citations").
TRAPS = {
    "en": [("Noting", "that 75 per cent of the messages exchanged through the I-24/7 system in {y} related to transnational cases"),
           ("Conscious", "that Sustainable Development Goal 16, in particular target 16.4, calls for a significant reduction in illicit financial flows by 2030"),
           ("Recognizing", "the importance of the 24/7 points of contact designated by member countries"),
           ("Taking note", "of the report of the Secretary-General and of chapter 4 of the most recent report of the Monitoring Team"),
           ("Noting", "the discussions held at the Budapest session of the General Assembly and the negotiation of additional protocols"),
           ("Noting", "that a first meeting of experts was held on 24/12/2024")],
    "fr": [("Constatant", "que près de 75" + NBSP + "% des bureaux centraux nationaux ont reçu en {y} au moins une demande urgente de conservation de données"),
           ("Consciente", "que l'objectif de développement durable 16, et notamment la cible 16.4, appelle à réduire nettement les flux financiers illicites d'ici à 2030"),
           ("Reconnaissant", "l'importance du réseau 24/7 et des points de contact joignables 24 heures sur 24, 7 jours sur 7"),
           ("Prenant note", "du rapport du Secrétaire général et des négociations relatives aux protocoles additionnels"),
           ("Notant", "qu'une première réunion d'experts s'est tenue le 24/12/2024")],
    "es": [("Considerando", "que en algunas regiones las estafas en línea representan más del 75 % de los delitos financieros denunciados"),
           ("Consciente", "de que el Objetivo de Desarrollo Sostenible 16, en particular la meta 16.4, exige reducir las corrientes financieras ilícitas para 2030"),
           ("Reconociendo", "la importancia de la red 24/7 y del sistema I-24/7"),
           ("Tomando nota", "del informe del Secretario General y de las negociaciones sobre los protocolos adicionales"),
           ("Observando", "que el 24/12/2024 se celebró una primera reunión de expertos")],
}

# Operative verbs. "obj": verb + addressee + infinitive ("Invites Member States to …");
# "np": verb + noun phrase ("Welcomes …", "Prend note de …").
OPERATIVE_OBJ = {
    "en": ["Invites Member States to", "Encourages Member States to", "Urges Member States to",
           "Calls upon all States to", "Requests the Secretary-General to", "Also requests the Secretary-General to",
           "Further invites Member States to", "Encourages Member States that have not yet done so to"],
    "fr": ["Invite les États Membres à", "Encourage les États Membres à", "Engage les États Membres à",
           "Exhorte les États Membres à", "Demande aux États Membres de", "Prie le Secrétaire général de",
           "Prie également le Secrétaire général de", "Invite en outre les États Membres à"],
    "es": ["Invita a los Estados Miembros a", "Alienta a los Estados Miembros a", "Insta a los Estados Miembros a",
           "Exhorta a todos los Estados a", "Invita además a los Estados Miembros a",
           "Alienta también a los Estados Miembros a"],
}
OPERATIVE_NP = {
    "en": [("Welcomes", ""), ("Takes note of", ""), ("Reaffirms", ""), ("Stresses", ""), ("Recognizes", ""),
           ("Emphasizes", ""), ("Commends", ""), ("Notes with appreciation", "")],
    "fr": [("Se félicite", "de"), ("Prend note", "de"), ("Réaffirme", ""), ("Souligne", ""), ("Reconnaît", ""),
           ("Salue", "")],
    "es": [("Acoge con beneplácito", ""), ("Toma nota", "de"), ("Reafirma", ""), ("Subraya", ""),
           ("Reconoce", ""), ("Encomia", "")],
}
DECIDES = {
    "sc": {"en": "Decides to remain actively seized of the matter",
           "fr": "Décide de rester activement saisi de la question",
           "es": "Decide seguir ocupándose activamente de la cuestión"},
    "unga": {"en": "Decides to include in the provisional agenda of its {ord} session the item entitled {q0}{topic}{q1}",
             "fr": "Décide d'inscrire à l'ordre du jour provisoire de sa {ord} session la question intitulée {q0}{topic}{q1}",
             "es": "Decide incluir en el programa provisional de su {ord} período de sesiones el tema titulado {q0}{topic}{q1}"},
}
# INTERPOL texts: a capitalised verb introducing a list ("INVITE les pays membres à :") or standing alone.
OPERATIVE_IP_INTRO = {
    "en": ["ENCOURAGES member countries to:", "INVITES all member countries to:",
           "REQUESTS the General Secretariat to:", "URGES member countries to:",
           "CALLS UPON National Central Bureaus to:"],
    "fr": ["INVITE les pays membres à :", "INVITE l'ensemble des pays membres à :",
           "ENCOURAGE les pays membres à :", "PRIE le Secrétariat général de :",
           "DEMANDE aux bureaux centraux nationaux de :", "CHARGE le Secrétariat général de :"],
    "es": ["EXHORTA a los países miembros a:", "INVITA a todos los países miembros a:",
           "ALIENTA a los países miembros a:", "INSTA a las Oficinas Centrales Nacionales a:"],
}
OPERATIVE_IP_ALONE = {
    "en": ["DECIDES to", "REQUESTS the Secretary General to", "ENCOURAGES member countries to",
           "URGES member countries to", "INSTRUCTS the General Secretariat to"],
    "fr": ["DÉCIDE de", "PRIE le Secrétaire général de", "ENCOURAGE les pays membres à",
           "EXHORTE les pays membres à", "CHARGE le Secrétariat général de"],
    "es": ["INSTA a los países miembros a", "ALIENTA a los países miembros a", "INVITA a los países miembros a"],
}
# Infinitive clauses after an operative verb or in an INTERPOL list, with the kind of reference
# that fits the {c} slot: any | res | treaty (whole or anaphor) | treatyish (also articles).
INF = {
    "en": [("cooperate with INTERPOL in accordance with {c}", "any"),
           ("consider ratifying or acceding to {c}", "treaty"),
           ("make full use of the channels provided for in {c}", "treatyish"),
           ("implement fully the measures set out in {c}", "res"),
           ("use INTERPOL channels for requests made under {c}, in accordance with their national law", "treatyish"),
           ("participate actively in the Conference of the States Parties to {c}", "treaty"),
           ("take into account {c} when designing national strategies against {t}", "any"),
           ("strengthen cooperation with INTERPOL in the fight against {t}", None),
           ("make full use of INTERPOL's databases, notices and diffusions when investigating {t}", None),
           ("designate a national point of contact for the 24/7 network and connect it to the I-24/7 system", None),
           ("share information on {t} through INTERPOL's secure channels without delay", None),
           ("report on the implementation of the present resolution", None),
           ("report on the measures set out in paragraphs 2 and 3 above", None),
           ("support capacity-building and training on {t} for countries with limited resources", None),
           ("ensure close coordination between National Central Bureaus and Permanent Missions to the United Nations", None)],
    "fr": [("coopérer avec INTERPOL conformément à {c}", "any"),
           ("envisager de ratifier {c} ou d'y adhérer", "treaty"),
           ("utiliser pleinement les canaux prévus par {c}", "treatyish"),
           ("appliquer pleinement les mesures énoncées dans {c}", "res"),
           ("transmettre par l'intermédiaire d'INTERPOL les demandes formulées en vertu de {c}", "treatyish"),
           ("participer activement aux travaux de la Conférence des États parties à {c}", "treaty"),
           ("tenir compte de {c} dans leurs stratégies nationales contre {t}", "any"),
           ("renforcer leur coopération avec INTERPOL dans la lutte contre {t}", None),
           ("utiliser pleinement les bases de données, les notices et les diffusions d'INTERPOL dans les enquêtes sur {t}", None),
           ("désigner un point de contact national pour le réseau 24/7 et le relier au système I-24/7 de leur bureau central national", None),
           ("partager sans délai les informations relatives à {t} par les canaux sécurisés d'INTERPOL", None),
           ("faire rapport sur l'application de la présente résolution", None),
           ("rendre compte des mesures visées aux paragraphes 2 et 3 ci-dessus", None),
           ("soutenir le renforcement des capacités et la formation en matière de lutte contre {t}", None),
           ("maintenir une étroite coopération entre les bureaux centraux nationaux et les représentants de leurs pays auprès des Nations Unies", None)],
    "es": [("cooperar con INTERPOL de conformidad con {c}", "any"),
           ("considerar la posibilidad de ratificar {c}", "treaty"),
           ("utilizar plenamente los canales previstos en {c}", "treatyish"),
           ("aplicar plenamente las medidas enunciadas en {c}", "res"),
           ("canalizar por conducto de INTERPOL las solicitudes formuladas en virtud de {c}", "treatyish"),
           ("participar activamente en la Conferencia de los Estados Partes en {c}", "treaty"),
           ("tener en cuenta {c} en sus estrategias nacionales contra {t}", "any"),
           ("reforzar su cooperación con INTERPOL en la lucha contra {t}", None),
           ("hacer pleno uso de las bases de datos, notificaciones y difusiones de INTERPOL en las investigaciones sobre {t}", None),
           ("designar un punto de contacto nacional para la red 24/7 y conectarlo con el sistema I-24/7", None),
           ("intercambiar sin demora información sobre {t} por los canales seguros de INTERPOL", None),
           ("informar sobre la aplicación de la presente resolución", None),
           ("informar sobre las medidas enunciadas en los párrafos 2 y 3 supra", None),
           ("apoyar la creación de capacidad y la formación en materia de lucha contra {t}", None),
           ("mantener una estrecha coordinación entre sus Oficinas Centrales Nacionales y sus Misiones Permanentes ante las Naciones Unidas", None)],
}


PLACES = [  # city, country (en, fr, es)
    (("Marrakech", "Morocco"), ("Marrakech", "Maroc"), ("Marrakech", "Marruecos")),
    (("Vienna", "Austria"), ("Vienne", "Autriche"), ("Viena", "Austria")),
    (("New Delhi", "India"), ("New Delhi", "Inde"), ("Nueva Delhi", "India")),
    (("Santiago", "Chile"), ("Santiago", "Chili"), ("Santiago", "Chile")),
    (("Istanbul", "Türkiye"), ("Istanbul", "Türkiye"), ("Estambul", "Türkiye")),
    (("Budapest", "Hungary"), ("Budapest", "Hongrie"), ("Budapest", "Hungría")),
    (("Singapore", "Singapore"), ("Singapour", "Singapour"), ("Singapur", "Singapur")),
    (("Kigali", "Rwanda"), ("Kigali", "Rwanda"), ("Kigali", "Rwanda")),
    (("Buenos Aires", "Argentina"), ("Buenos Aires", "Argentine"), ("Buenos Aires", "Argentina")),
    (("Rome", "Italy"), ("Rome", "Italie"), ("Roma", "Italia")),
    (("Lyon", "France"), ("Lyon", "France"), ("Lyon", "Francia")),
    (("Hanoi", "Viet Nam"), ("Hanoï", "Viet Nam"), ("Hanói", "Viet Nam")),
    (("Cancún", "Mexico"), ("Cancún", "Mexique"), ("Cancún", "México")),
    (("Dubai", "United Arab Emirates"), ("Dubaï", "Émirats arabes unis"), ("Dubái", "Emiratos Árabes Unidos")),
]

# --------------------------------------------------------------------------------------------
# Documents and their gold
# --------------------------------------------------------------------------------------------

Seg = tuple  # (text, targets tuple | None, kind | None)


def _wpick(rng: random.Random, items: tuple, cum: tuple):
    """Weighted choice with precomputed cumulative weights (random.choices is slow per call)."""
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def _cum(weights) -> tuple:
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


@dataclass
class SynthDoc:
    name: str
    text: str
    gold: dict


@dataclass
class _Slot:
    """One document of the schedule: body, language, date, own symbol."""

    body: str  # interpol | unga | sc | ecosoc
    lang: str
    date: _dt.date
    key: str
    printed: str
    number: int
    session: int | None
    topic: int


def interpol_session(year: int) -> int | None:
    """INTERPOL GA session held in `year` (none in 2020): 2012 → 81, 2021 → 89, 2025 → 93."""
    if year == 2020:
        return None
    return year - 1931 if year < 2020 else year - 1932


def interpol_key(year: int, number: int) -> str:
    """Era-appropriate code: AGN/ss/RES/n before 2001, GA-yyyy-RES-nn to 2010, then GA-yyyy-ss-RES-nn."""
    s = interpol_session(year)
    if year < 2001:
        return f"AGN/{s}/RES/{number}"
    if year <= 2010:
        return f"GA-{year}-RES-{number:02d}"
    return f"GA-{year}-{s}-RES-{number:02d}"


def sc_base_number(year: int) -> int:
    """Roughly the first Security Council resolution number of `year` (about 60 a year since 1990)."""
    return 646 + (year - 1990) * 60


class _Pool:
    """Citable instruments by kind, with a rich-get-richer urn for Zipf-like popularity."""

    def __init__(self, rng: random.Random, corpus_keys: set[str]):
        self.rng = rng
        self.by_kind: dict[str, list[Instrument]] = {}
        self.urn: dict[str, list[Instrument]] = {}
        self.index: dict[str, Instrument] = {}
        self.series: dict[tuple[str, int], list[Instrument]] = {}
        self.corpus_keys = corpus_keys

    def add(self, ins: Instrument) -> None:
        if ins.key in self.index:
            return
        self.index[ins.key] = ins
        self.by_kind.setdefault(ins.kind, []).append(ins)
        self.urn.setdefault(ins.kind, []).append(ins)
        if ins.topic >= 0:
            self.series.setdefault((ins.kind, ins.topic), []).append(ins)

    def used(self, ins: Instrument) -> None:
        self.urn[ins.kind].append(ins)

    def pick(self, kind: str, before: _dt.date, k: int = 1, fresh: float = 0.25) -> list[Instrument]:
        """k distinct instruments of `kind` older than `before`, popular ones more often."""
        rng = self.rng
        out: list[Instrument] = []
        seen: set[str] = set()
        for _ in range(k * 4):
            if len(out) == k:
                break
            urn = self.urn.get(kind) or []
            if urn and rng.random() > fresh:
                ins = urn[rng.randrange(len(urn))]
            else:
                ins = self.background(kind, before)
            if ins is None or ins.key in seen or ins.date >= before:
                continue
            seen.add(ins.key)
            out.append(ins)
        out.sort(key=lambda i: (i.date, i.key))
        return out

    def background(self, kind: str, before: _dt.date) -> Instrument | None:
        """An older instrument outside the corpus (the corpus is a sample of everything adopted)."""
        rng = self.rng
        y = before.year - 1 - int(rng.expovariate(1 / 6))
        if kind == "unga":
            if rng.random() < 0.06:  # pre-1976 resolutions: number (session in Roman numerals)
                s = rng.randint(20, 30)
                n = rng.randint(2000, 3500)
                ins = Instrument(f"A/RES/{n}({roman(s)})", kind, D(1945 + s, 12, rng.randint(1, 18)),
                                 f"{n} ({roman(s)})")
            else:
                y = max(y, 1976)
                s = y - 1945
                n = rng.randint(1, 320)
                ins = Instrument(f"A/RES/{s}/{n}", kind, D(y, rng.choice((10, 11, 12)), rng.randint(1, 28)),
                                 f"{s}/{n}")
        elif kind == "undec":
            y = max(y, 1976)
            s = y - 1945
            n = rng.randint(401, 560)
            ins = Instrument(f"A/DEC/{s}/{n}", kind, D(y, 12, rng.randint(1, 23)), f"{s}/{n}")
        elif kind == "sc":
            y = max(y, 1990)
            n = sc_base_number(y) + rng.randint(0, 59)
            ins = Instrument(f"S/RES/{n}({y})", kind, D(y, rng.randint(1, 12), rng.randint(1, 28)),
                             f"{n} ({y})", dated=False)
        elif kind == "ecosoc":
            y = max(y, 1980)
            n = rng.randint(1, 45)
            ins = Instrument(f"E/RES/{y}/{n}", kind, D(y, 7, rng.randint(1, 31)), f"{y}/{n}")
        elif kind == "interpol":
            y = max(y, 1985)
            if interpol_session(y) is None:
                y -= 1
            n = rng.randint(1, 18)
            key = interpol_key(y, n)
            ins = Instrument(key, kind, D(y, 10, rng.randint(1, 28)), key)
        elif kind == "undoc":
            if rng.random() < 0.7:
                y = max(y, 1990)
                key = f"A/{y - 1945}/{rng.randint(100, 420)}"
            else:
                y = max(y, 1995)
                key = f"S/{y}/{rng.randint(10, 990)}"
            ins = Instrument(key, kind, D(y, 6, 1), key, dated=False)
        else:
            return None
        if ins.date >= before or ins.key in self.corpus_keys or ins.key in RESERVED:
            return None
        existing = self.index.get(ins.key)
        if existing is not None:
            return existing
        self.add(ins)
        return ins


# How a citing text names resolutions and decisions (singular, plural) and their issuing bodies.
RES_NOUNS = {
    "en": {"unga": ("resolution", "resolutions"), "undec": ("decision", "decisions")},
    "fr": {"unga": ("résolution", "résolutions"), "undec": ("décision", "décisions")},
    "es": {"unga": ("resolución", "resoluciones"), "undec": ("decisión", "decisiones")},
}
RES_BODY_NAMES = {
    "en": {"unga": "General Assembly", "undec": "General Assembly", "sc": "Security Council",
           "ecosoc": "Economic and Social Council", "interpol": "INTERPOL General Assembly"},
    "fr": {"unga": "de l'Assemblée générale", "undec": "de l'Assemblée générale",
           "sc": "du Conseil de sécurité", "ecosoc": "du Conseil économique et social",
           "interpol": "de l'Assemblée générale d'INTERPOL"},
    "es": {"unga": "de la Asamblea General", "undec": "de la Asamblea General",
           "sc": "del Consejo de Seguridad", "ecosoc": "del Consejo Económico y Social",
           "interpol": "de la Asamblea General de INTERPOL"},
}


class _DocBuilder:
    """Builds one document: blocks of text, paragraphs made of segments, the gold as it goes."""

    def __init__(self, slot: _Slot, pool: _Pool, rng: random.Random):
        self.s = slot
        self.lang = slot.lang
        self.pool = pool
        self.rng = rng
        self.blocks: list = []  # ("raw", text) | ("para", pid, [Seg])
        self.npp = 0
        self.nop = 0
        self.last_treaties: list[str] = []  # most recent last
        self.nbsp = slot.lang == "fr" and rng.random() < 0.5
        self.curly = slot.lang in ("fr", "es") and rng.random() < 0.15 or (
            slot.lang == "en" and rng.random() < 0.3)
        self.topic = TOPICS[slot.topic]
        self.cited: list[Instrument] = []
        self.allow_adoption = False
        self.last_kind: str | None = None
        self.last_k = 0

    # -- small helpers ------------------------------------------------------------------------
    def t(self, template: str) -> str:
        """Fill {t} (topic short name) and {topic}, contracting 'de'/'à'/'a' with the article."""
        for slot, value in (("{t}", self.topic["t"][self.lang]), ("{topic}", self.topic[self.lang])):
            while slot in template:
                before, _, after = template.partition(slot)
                if self.lang != "en" and before.endswith(" "):
                    head, _, prep = before[:-1].rpartition(" ")
                    if prep in ("de", "à", "a"):
                        before = (head + " " if head else "") + contract(prep, value, self.lang)
                        template = before + after
                        continue
                template = before + value + after
        return template

    def name_treaty(self, key: str) -> None:
        if key in self.last_treaties:
            self.last_treaties.remove(key)
        self.last_treaties.append(key)

    def cite(self, ins: Instrument) -> None:
        self.pool.used(ins)
        self.cited.append(ins)

    def date_of(self, ins: Instrument, sep: str) -> str:
        lang = self.lang
        d = fmt_date(ins.date, lang)
        return {"en": f" of {d}", "fr": f" du {d}", "es": f", de {d}"}[lang] if sep == "of" else d

    # -- citations of resolutions -------------------------------------------------------------
    def c_res(self, kind: str, k: int) -> list[Seg] | None:
        """'its resolutions 71/19 of …, 73/11 of … and 75/10 of …', 'la résolution 2462 (2019) du
        Conseil de sécurité', 'INTERPOL General Assembly resolution GA-…', with its variants."""
        s, lang, rng = self.s, self.lang, self.rng
        items = self._res_items(kind, k)
        if not items:
            return None
        for ins in items:
            self.cite(ins)
        own = {"unga": "unga", "undec": "unga", "sc": "sc", "ecosoc": "ecosoc", "interpol": "interpol"}[kind] == s.body
        plural = len(items) > 1
        dated = kind in ("unga", "undec") and rng.random() < 0.6 or (kind == "interpol" and rng.random() < 0.1)
        symbol_form = kind in ("unga", "sc", "ecosoc") and not plural and rng.random() < 0.08
        noun = RES_NOUNS[lang].get(kind, RES_NOUNS[lang]["unga"])  # "resolution" for every other kind
        n = noun[1] if plural else noun[0]
        lead, trail = self._res_lead(kind, own, plural, n, self._res_body_name(kind))
        if symbol_form and lang == "en" and rng.random() < 0.5:
            lead = ""
        segs: list[Seg] = [(lead, None, None)]
        seps = join_list(items, lang)
        for i, ins in enumerate(items):
            segs.append((self._res_item_text(ins, kind, symbol_form, dated), (ins.key,), kind))
            if i < len(seps):
                segs.append((seps[i], None, None))
        if trail:
            segs.append((trail, None, None))
        return segs

    def _res_items(self, kind: str, k: int) -> list[Instrument]:
        """The resolutions to cite: often the latest of the topic's series, else any fitting ones."""
        s, rng = self.s, self.rng
        if kind in ("unga", "interpol") and rng.random() < 0.35:
            series = self.pool.series.get((kind, s.topic), [])
            older = [i for i in series[-8:] if i.date < s.date]
            items = older[-k:] if older else []
        else:
            items = []
        return items or self.pool.pick(kind, s.date, k)

    def _res_item_text(self, ins: Instrument, kind: str, symbol_form: bool, dated: bool) -> str:
        """One cited resolution as printed: its number or symbol, spelling variants, its date."""
        lang, rng = self.lang, self.rng
        p = ins.printed
        if symbol_form:
            return ins.key.replace("(", " (") if kind == "sc" else ins.key
        if kind == "interpol" and lang in ("fr", "es") and p.startswith("GA-") and rng.random() < 0.5:
            p = "AG-" + p[3:]
        if kind == "interpol" and rng.random() < 0.04:
            p = p.replace("-", NBHY)
        if kind == "sc" and rng.random() < 0.1:
            p = p.replace(" (", "(")
        if dated and ins.dated:
            p += self.date_of(ins, "of")
        return p

    def _res_body_name(self, kind: str) -> str:
        """The issuing body as the citing text names it (with the UN's name in INTERPOL texts)."""
        s, lang, rng = self.s, self.lang, self.rng
        body_name = RES_BODY_NAMES[lang][kind]
        if s.body == "interpol" and kind in ("unga", "undec") and lang != "en":
            body_name += " des Nations Unies" if lang == "fr" else " de las Naciones Unidas"
        if s.body == "interpol" and kind == "unga" and lang == "en" and rng.random() < 0.5:
            body_name = "United Nations General Assembly"
        if kind == "ecosoc" and lang == "en" and rng.random() < 0.3:
            body_name = "ECOSOC"
        return body_name

    def _res_lead(self, kind: str, own: bool, plural: bool, n: str, body_name: str) -> tuple[str, str]:
        """(what comes before the numbers, what after): 'its resolutions ', 'la résolution ' + body…"""
        s, lang, rng = self.s, self.lang, self.rng
        if lang == "en":
            if own and (kind != "interpol" or rng.random() < 0.5):
                return f"its {n} ", ""
            if kind == "interpol" and s.body == "interpol":
                return f"{n} ", ""
            if rng.random() < 0.8:
                return f"{body_name} {n} ", ""
            return f"{n} ", f" of the {body_name}"
        det = {"fr": ("la ", "les "), "es": ("la ", "las ")}[lang]
        possessive = {"fr": ("sa ", "ses "), "es": ("su ", "sus ")}[lang]
        if own and (kind != "interpol" or rng.random() < 0.5):
            return (possessive[1] if plural else possessive[0]) + n + " ", ""
        if kind == "interpol" and s.body == "interpol":
            return (det[1] if plural else det[0]) + n + " ", ""
        return (det[1] if plural else det[0]) + n + " ", " " + body_name

    def c_paragraph_of(self) -> list[Seg] | None:
        """'paragraph 5 of its resolution 77/20' → the resolution (README rule)."""
        kind = self.rng.choice(["unga", "sc"]) if self.s.body != "interpol" else "unga"
        segs = self.c_res(kind, 1)
        if not segs:
            return None
        n = self.rng.randint(2, 14)
        lead = {"en": f"paragraph {n} of ", "fr": f"le paragraphe {n} de ", "es": f"el párrafo {n} de "}[self.lang]
        return [(lead + segs[0][0], None, None)] + segs[1:]

    # -- treaties and named instruments -------------------------------------------------------
    def treaty_pick(self) -> Treaty | None:
        ok = [t for t in TREATIES if t.date < self.s.date]
        if not ok:
            return None
        w = [6 if t.key.endswith("2024") else 4 if "untoc" in t.key or "uncac" in t.key else 1 for t in ok]
        return self.rng.choices(ok, w)[0]

    def articles(self, tr: Treaty, k: int) -> list[int]:
        arts: list[int] = []
        for _ in range(k * 3):
            a = tr.articles[min(int(self.rng.expovariate(0.35)), len(tr.articles) - 1)]
            if a not in arts:
                arts.append(a)
            if len(arts) == k:
                break
        return sorted(arts)

    def art_words(self, arts: list[int]) -> list[Seg]:
        lang = self.lang
        noun = {"en": ("article", "articles"), "fr": ("l'article", "les articles"),
                "es": ("el artículo", "los artículos")}[lang][len(arts) > 1]
        out = noun + " "
        seps = join_list([str(a) for a in arts], lang)
        for i, a in enumerate(arts):
            out += str(a) + (seps[i] if i < len(seps) else "")
        return out

    def c_treaty(self, mode: str) -> list[Seg] | None:
        """mode: whole | articles | whole+article | anaphor | anaphor-articles | both."""
        lang, rng = self.lang, self.rng
        if mode.startswith("anaphor") or mode == "both":
            return self._treaty_anaphor(mode)
        tr = self.treaty_pick()
        if tr is None:
            return None
        names = tr.names[lang]
        name = names[0] if rng.random() < 0.6 else rng.choice(names)
        self.name_treaty(tr.key)
        if mode == "articles":
            return self._treaty_articles(tr, name)
        segs = [(name, (tr.key,), "treaty")]
        if tr.adopted_by and self.s.body == "unga" and self.allow_adoption and rng.random() < 0.5:
            segs = self._treaty_adoption(tr, name) or segs
        if mode == "whole+article":
            arts = self.articles(tr, 1)
            tail = {"en": f", in particular article {arts[0]} thereof",
                    "fr": f", notamment son article {arts[0]}",
                    "es": f", cuyo artículo {arts[0]} promueve una estrecha cooperación"}[lang]
            lead_len = {"en": 2 + len("in particular "), "fr": 2 + len("notamment "), "es": 2}[lang]
            segs.append((tail[:lead_len], None, None))
            segs.append((tail[lead_len:], (f"{tr.key}/art_{arts[0]}",), "article-thereof"))
        return segs

    def _treaty_anaphor(self, mode: str) -> list[Seg] | None:
        """'the Convention', 'that Convention', 'article 41 of the Convention', 'both Conventions'."""
        lang, rng = self.lang, self.rng
        if not self.last_treaties:
            return None
        key = self.last_treaties[-1]
        tr = TREATY_BY_KEY[key]
        if mode == "both":
            if len(self.last_treaties) < 2:
                return None
            k2 = self.last_treaties[-2]
            if lang == "es" and TREATY_BY_KEY[k2].noun["es"] != tr.noun["es"]:
                return None
            txt = {"en": "both Conventions", "fr": "les deux Conventions",
                   "es": "ambas Convenciones" if tr.noun["es"].startswith("la") else "ambos Convenios"}[lang]
            return [(txt, (k2, key), "anaphor")]
        noun = tr.noun[lang]
        if rng.random() < 0.3:
            noun = {"en": "that Convention", "fr": "cette Convention",
                    "es": "dicha Convención" if noun.startswith("la") else "dicho Convenio"}[lang]
        if mode == "anaphor":
            return [(noun, (key,), "anaphor")]
        arts = self.articles(tr, rng.choice((1, 1, 2)))
        aw = self.art_words(arts)
        if rng.random() < 0.15 and len(arts) == 1:  # "paragraph 2 of article 41" cites the article
            p = rng.randint(1, 4)
            aw = {"en": f"paragraph {p} of {aw}", "fr": f"le paragraphe {p} de {aw}",
                  "es": f"el párrafo {p} del {aw[3:]}"}[lang]
        return [(f"{aw} {contract('de', noun, lang) if lang != 'en' else 'of ' + noun}",
                 tuple(f"{key}/art_{a}" for a in arts), "anaphor-article")]

    def _treaty_articles(self, tr: Treaty, name: str) -> list[Seg]:
        """'articles 37 and 41 of the Convention …', sometimes ', and that article 47 provides …'."""
        lang, rng = self.lang, self.rng
        arts = self.articles(tr, rng.choice((1, 1, 2, 3)))
        aw = self.art_words(arts)
        conn = contract("de", name, lang) if lang != "en" else "of " + name
        segs = [(f"{aw} {conn}", tuple(f"{tr.key}/art_{a}" for a in arts), "article")]
        if rng.random() < 0.3:  # ", and that article 47 …" — the treaty under discussion
            a2 = [a for a in self.articles(tr, 2) if a not in arts]
            if a2:
                lead = {"en": ", and that ", "fr": ", et que ", "es": " y que "}[lang]
                segs.append((lead, None, None))
                segs.append((self.art_words(a2[:1]), (f"{tr.key}/art_{a2[0]}",), "article-bare"))
                segs.append(({"en": " provides for cooperation between law enforcement authorities",
                              "fr": " prévoit la coopération entre les services de détection et de répression",
                              "es": " prevé la cooperación entre los organismos encargados de hacer cumplir la ley"}[lang],
                             None, None))
        return segs

    def _treaty_adoption(self, tr: Treaty, name: str) -> list[Seg] | None:
        """'the adoption of the Convention … by its resolution 79/243 of …' (None: no such resolution)."""
        lang = self.lang
        ins = self.pool.index.get(tr.adopted_by)
        if ins is None or not ins.date < self.s.date:
            return None
        self.cite(ins)
        lead = {"en": "the adoption of ", "fr": "l'adoption ", "es": "la aprobación "}[lang]
        mid = {"en": " by its resolution ", "fr": " par sa résolution ", "es": " mediante su resolución "}[lang]
        np = name if lang == "en" else contract("de", name, lang)
        return [(lead, None, None), (np, (tr.key,), "treaty"), (mid, None, None),
                (ins.printed + self.date_of(ins, "of"), (ins.key,), "unga")]

    def c_constitution(self) -> list[Seg]:
        lang, rng = self.lang, self.rng
        in_ip = self.s.body == "interpol"
        names = {"en": ["INTERPOL's Constitution", "the Constitution of the Organization", "the Constitution"],
                 "fr": ["le Statut de l'Organisation", "le Statut de l'OIPC-INTERPOL", "le Statut"],
                 "es": ["el Estatuto de la Organización", "el Estatuto de la OIPC-INTERPOL", "el Estatuto"]}[lang]
        if not in_ip:
            names = {"en": ["the Constitution of INTERPOL"], "fr": ["le Statut de l'OIPC-INTERPOL"],
                     "es": ["el Estatuto de la OIPC-INTERPOL"]}[lang]
        name = rng.choice(names)
        if rng.random() < 0.65:
            arts = sorted(rng.sample((2, 3, 41, 26, 31, 4, 8, 36), rng.choice((1, 1, 2))))
            aw = self.art_words(arts)
            if lang == "en":
                aw = aw[0].upper() + aw[1:] if rng.random() < 0.5 else aw
                txt = f"{aw} of {name}"
            else:
                txt = f"{aw} {contract('de', name, lang)}"
            return [(txt, tuple(f"{CONSTITUTION}/art_{a}" for a in arts), "constitution-article")]
        return [(name, (CONSTITUTION,), "constitution")]

    def c_named(self) -> list[Seg] | None:
        lang, rng, d = self.lang, self.rng, self.s.date
        options = []
        if d > D(1997, 12, 31):
            options.append(AGREEMENT)
        if d > D(2015, 9, 25):
            options += [AGENDA, AGENDA]
        if d > D(2023, 12, 1) and self.s.body in ("interpol", "unga"):
            options.append(VIENNA)
        if not options:
            return None
        key = rng.choice(options)
        if key == AGREEMENT:
            txt = rng.choice({
                "en": ["the Cooperation Agreement between the United Nations and INTERPOL, signed in 1997",
                       "the Cooperation Agreement of 1997 between the United Nations and INTERPOL"],
                "fr": ["l'Accord de coopération conclu en 1997 entre l'Organisation des Nations Unies et INTERPOL",
                       "l'Accord de coopération entre l'Organisation des Nations Unies et INTERPOL"],
                "es": ["el Acuerdo de Cooperación entre las Naciones Unidas y la INTERPOL, de 1997",
                       "el Acuerdo de Cooperación de 1997 entre las Naciones Unidas y la INTERPOL"]}[lang])
            return [(txt, (key,), "named")]
        if key == VIENNA:
            txt = {"en": "the Vienna Declaration adopted by the INTERPOL General Assembly at its ninety-first session",
                   "fr": "la Déclaration de Vienne, adoptée par l'Assemblée générale d'INTERPOL en sa 91e session",
                   "es": "la Declaración de Viena, aprobada por la Asamblea General de INTERPOL en su 91.ª reunión"}[lang]
            return [(txt, (key,), "named")]
        ins = self.pool.index[AGENDA]
        self.cite(ins)
        if self.s.body == "unga" and rng.random() < 0.4:
            q = ("“", "”") if self.curly else ('"', '"')
            title = {"en": "Transforming our world: the 2030 Agenda for Sustainable Development",
                     "fr": "Transformer notre monde : le Programme de développement durable à l'horizon 2030",
                     "es": "Transformar nuestro mundo: la Agenda 2030 para el Desarrollo Sostenible"}[lang]
            lead = {"en": "its resolution ", "fr": "sa résolution ", "es": "su resolución "}[lang]
            ent = {"en": ", entitled ", "fr": ", intitulée ", "es": ", titulada "}[lang]
            return [(lead, None, None), ("70/1" + self.date_of(ins, "of"), (key,), "agenda"),
                    (ent + q[0], None, None), (title, (key,), "agenda"), (q[1], None, None)]
        txt = {"en": "the 2030 Agenda for Sustainable Development",
               "fr": "le Programme de développement durable à l'horizon 2030",
               "es": "la Agenda 2030 para el Desarrollo Sostenible"}[lang]
        return [(txt, (key,), "agenda")]

    def c_undoc(self) -> list[Seg] | None:
        ins = self.pool.background("undoc", self.s.date)
        if ins is None:
            return None
        lead = {"en": "the report of the Secretary-General (", "fr": "le rapport du Secrétaire général (",
                "es": "el informe del Secretario General ("}[self.lang]
        return [(lead, None, None), (ins.key, (ins.key,), "undoc"), (")", None, None)]

    def citation(self) -> list[Seg] | None:
        """One citation clause, of a kind drawn to suit the issuing body."""
        rng, body = self.rng, self.s.body
        kinds, cum = _CITE_WEIGHTS[body]
        for _ in range(4):
            kind = _wpick(rng, kinds, cum)
            if kind == "treaty":
                mode = _wpick(rng, _TREATY_MODES, _TREATY_MODES_CUM)
                segs = self.c_treaty(mode)
            elif kind == "constitution":
                segs = self.c_constitution()
            elif kind == "named":
                segs = self.c_named()
            elif kind == "paragraph":
                segs = self.c_paragraph_of()
            elif kind == "undoc":
                segs = self.c_undoc()
            else:
                k = _wpick(rng, (1, 2, 3, 4), (10, 14, 16, 17)) if kind != "undec" else 1
                segs = self.c_res(kind, k)
            if segs:
                self.last_kind = kind
                self.last_k = sum(1 for seg in segs if seg[1])
                return segs
        return None

    # -- paragraphs --------------------------------------------------------------------------
    def phrase(self, text: str) -> str:
        if self.s.body == "interpol":
            return text.upper()
        return text

    def fill(self, template: str, c: list[Seg] | None = None) -> list[Seg]:
        """A template with {t}/{topic} and at most one {c} slot → segments; the preposition before
        {c} is contracted with the cited noun phrase ('conformément à' + 'le Statut' → 'au Statut')."""
        if c is None or "{c}" not in template:
            return [(self.t(template), None, None)]
        before, after = template.split("{c}")
        before = self.t(before)
        segs = list(c)
        if self.lang != "en" and before.endswith(" "):
            head, _, prep = before[:-1].rpartition(" ")
            if prep in ("de", "à", "a"):
                text, tg, kind = segs[0]
                fused = contract(prep, text, self.lang)
                head = head + " " if head else ""
                if tg is None:
                    before, segs[0] = head, (fused, None, None)
                else:  # keep the determiner inside the span, the preposition outside
                    lead = fused[: len(fused) - len(text)] if fused.endswith(text) else None
                    if lead is None:  # 'du Statut': the fused article joins the span
                        before, segs[0] = head, (fused, tg, kind)
                    else:
                        before = head + lead
        return [(before, None, None)] + segs + [(self.t(after), None, None)]

    def preamble(self, used: set[str]) -> None:
        lang, rng = self.lang, self.rng
        self.npp += 1
        pid = f"pp_{self.npp}"
        segs: list[Seg] = []
        r = rng.random()
        if r < 0.64:
            text, prep, _ = _wpick(rng, PREAMBLE[lang], _PREAMBLE_CUM[lang])
            if text in used and text in MODIFIED[lang] and rng.random() < 0.8:
                used.add(text)
                text = MODIFIED[lang][text].replace("{m}", rng.choice(MODIFIER[lang]))
            else:
                used.add(text)
            self.allow_adoption = True
            nclauses = _wpick(rng, (1, 2, 3), (6, 9, 10))
            for _ in range(nclauses):
                c = self.citation()
                if not c:
                    continue
                if segs:
                    segs.append(({"en": ", as well as ", "fr": ", ainsi que ", "es": ", así como "}[lang], None, None))
                if prep:
                    segs.extend(self.fill(prep + " {c}", c)[:-1])
                else:
                    segs.extend(c)
                if self.last_kind in ("unga", "interpol", "sc", "ecosoc") and self.last_k == 1 and rng.random() < 0.4:
                    segs.append((self.t(rng.choice(TAIL[lang])), None, None))
            self.allow_adoption = False
            if not segs:
                segs = self.fill((prep + " " if prep else "") + rng.choice(FILLER_NP[lang]))
            segs.insert(0, (self.phrase(text) + " ", None, None))
        elif r < 0.74:
            word, rest = rng.choice(TRAPS[lang])
            segs = [(self.phrase(word) + " " + rest.replace("{y}", str(self.s.date.year - 1)), None, None)]
        else:
            head, form = rng.choice(PREAMBLE_PLAIN[lang])
            if form == "np":
                words = head.split(" ")
                prep = words[-1] if lang != "en" and words[-1] in ("de", "à", "a") else ""
                if prep:
                    head = " ".join(words[:-1])
                body = self.fill((prep + " " if prep else "") + rng.choice(FILLER_NP[lang]))
            else:
                body = self.fill(rng.choice(FILLER_CL[lang]))
            segs = [(self.phrase(head) + " ", None, None)] + body
            if rng.random() < 0.25 and form == "cl":
                segs += self.fill({"en": ", and that ", "fr": ", et que ", "es": ", y que "}[lang]
                                  + rng.choice(FILLER_CL[lang]))
        segs.append((",", None, None))
        self.blocks.append(("para", pid, segs))

    def cite_for(self, what: str | None) -> list[Seg] | None:
        """A reference fit for an operative slot: any | res | treaty | treatyish."""
        rng = self.rng
        if what is None:
            return None
        if what == "treaty":
            mode = "anaphor" if self.last_treaties and rng.random() < 0.55 else "whole"
            return self.c_treaty(mode)
        if what == "treatyish":
            if self.last_treaties and rng.random() < 0.55:
                return self.c_treaty(rng.choice(["anaphor", "anaphor-articles", "anaphor-articles"]))
            return self.c_treaty(rng.choice(["whole", "articles", "articles"]))
        if what == "res":
            if rng.random() < 0.25:
                return self.c_paragraph_of()
            kind = {"sc": "sc", "ecosoc": "ecosoc"}.get(self.s.body, "unga")
            if self.s.body == "interpol" and rng.random() < 0.5:
                kind = "interpol"
            return self.c_res(kind, rng.choice((1, 1, 2)))
        return self.citation()

    def inf_clause(self, cite_p: float) -> list[Seg]:
        """An infinitive clause ('cooperate with INTERPOL in accordance with …'), citing with
        probability `cite_p`."""
        rng, lang = self.rng, self.lang
        items = INF[lang]
        if rng.random() < cite_p:
            template, what = rng.choice([x for x in items if x[1]])
            c = self.cite_for(what)
            if c:
                return self.fill(template, c)
        template, _ = rng.choice([x for x in items if not x[1]])
        return self.fill(template)

    def np_clause(self, prep: str, cite_p: float) -> list[Seg]:
        rng = self.rng
        if rng.random() < cite_p:
            c = self.citation()
            if c:
                return self.fill((prep + " " if prep else "") + "{c}", c)
        return self.fill((prep + " " if prep else "") + rng.choice(FILLER_NP[self.lang]))

    def operative_un(self) -> None:
        lang, rng = self.lang, self.rng
        n = rng.randint(3, 9)
        semi = {"fr": (NBSP if self.nbsp else " ") + ";"}.get(lang, ";")
        for i in range(n):
            self.nop += 1
            last = i == n - 1
            segs: list[Seg] = [(f"{self.nop}. ", None, None)]
            if last and self.s.body in DECIDES and rng.random() < 0.6:
                q = ("“", "”") if self.curly else ('"', '"')
                ses = (self.s.session or 0) + 2
                ordw = ordinal_words(ses, lang).lower() if self.s.body == "unga" and ses < 100 else ""
                segs.append((DECIDES[self.s.body][lang].replace("{ord}", ordw).replace("{q0}", q[0])
                             .replace("{q1}", q[1]).replace("{topic}", self.topic[lang]), None, None))
            elif rng.random() < 0.7:
                segs.append((rng.choice(OPERATIVE_OBJ[lang]) + " ", None, None))
                segs += self.inf_clause(0.45)
                if rng.random() < 0.12 and not last:  # lettered sub-paragraphs belong to this paragraph
                    segs.append((",", None, None))
                    for letter in "abc"[: rng.randint(2, 3)]:
                        segs.append((f"\n\n({letter}) ", None, None))
                        segs += self.inf_clause(0.4)
                        segs.append((semi, None, None))
                    self.blocks.append(("para", f"op_{self.nop}", segs))
                    continue
            else:
                verb, prep = rng.choice(OPERATIVE_NP[lang])
                segs.append((verb + " ", None, None))
                segs += self.np_clause(prep, 0.5)
            segs.append(("." if last else semi, None, None))
            self.blocks.append(("para", f"op_{self.nop}", segs))

    def operative_interpol(self) -> None:
        lang, rng = self.lang, self.rng
        semi = {"fr": (NBSP if self.nbsp else " ") + ";"}.get(lang, ";")
        nlists = rng.choices((1, 2), (4, 1))[0]
        for li in range(nlists):
            if rng.random() < 0.3:  # standalone capitalised verb paragraphs
                for _ in range(rng.randint(1, 2)):
                    self.nop += 1
                    verb = rng.choice(OPERATIVE_IP_ALONE[lang])
                    segs = [(verb + " ", None, None)] + self.inf_clause(0.4) + [(semi, None, None)]
                    self.blocks.append(("para", f"op_{self.nop}", segs))
            intro = rng.choice(OPERATIVE_IP_INTRO[lang])
            if self.nbsp:
                intro = intro.replace(" :", NBSP + ":")
            self.blocks.append(("raw", intro))
            style = rng.choice(("-", "-", "–", "1.", "1)", "- 1."))
            n = rng.randint(2, 6)
            for i in range(n):  # printed numbers restart in each list; ids continue
                self.nop += 1
                if style in ("-", "–"):
                    mark = style + " "
                elif style == "1.":
                    mark = f"{i + 1}. "
                elif style == "1)":
                    mark = f"{i + 1}) "
                else:
                    mark = "- " if i == 0 else f"- {i + 1}. "
                end = semi if (i < n - 1 or li < nlists - 1) else "."
                segs = [(mark, None, None)] + self.inf_clause(0.4) + [(end, None, None)]
                self.blocks.append(("para", f"op_{self.nop}", segs))


    # -- headers and closings ----------------------------------------------------------------
    def header(self) -> None:
        s, lang, rng = self.s, self.lang, self.rng
        title = self.title()
        if s.body == "interpol":
            self._header_interpol(title)
            return
        pad = " " * rng.randint(30, 60)
        un = {"en": "United Nations", "fr": "Nations Unies", "es": "Naciones Unidas"}[lang]
        distr = {"en": "Distr.: General", "fr": "Distr. générale", "es": "Distr. general"}[lang]
        issued = fmt_date(s.date + _dt.timedelta(days=rng.randint(3, 12)), lang)
        if s.body == "sc":
            self._header_sc(pad, un, distr, issued)
            return
        organ, ses, agenda, adopted, basis, chap = self._header_unga() if s.body == "unga" else self._header_ecosoc()
        self.blocks.append(("raw", f"{un}{pad}{s.key}\n{organ}{pad[:-10]}{distr}\n{pad}{issued}\n{ses}\n{agenda}\n\n"
                                   f"{adopted}\n\n{basis}\n\n{s.printed}. {title}"))
        self.blocks.append(("raw", chap))

    def _header_interpol(self, title: str) -> None:
        """Number, symbol, subject, then the chapeau naming the session, place and dates."""
        s, lang, rng = self.s, self.lang, self.rng
        label = {"en": f"Resolution No. {s.number}", "fr": f"Résolution nº {s.number}",
                 "es": f"Resolución n.º {s.number}"}[lang]
        printed = s.printed
        if lang != "en" and printed.startswith("GA-") and rng.random() < 0.3:
            printed = "AG-" + printed[3:]
        subj = {"en": "Subject", "fr": "Objet", "es": "Asunto"}[lang]
        if rng.random() < 0.2:
            subj = f"<u>{subj}</u>"
        colon = (NBSP + ":" if self.nbsp else " :") if lang == "fr" else ":"
        self.blocks.append(("raw", f"{label}\n\n{printed}\n\n{subj}{colon} {title}"))
        self.blocks.append(("raw", self._interpol_chapeau()))

    def _interpol_chapeau(self) -> str:
        s, lang, rng = self.s, self.lang, self.rng
        place = PLACES[(s.date.year * 7 + 3) % len(PLACES)]
        city, country = place[{"en": 0, "fr": 1, "es": 2}[lang]]
        start = s.date - _dt.timedelta(days=3)
        ses = s.session or 0
        if lang == "fr":
            sup = rng.choice(("^{ème}", "e", "ème", "^{e}"))
            span = (f"du {'1er' if start.day == 1 else start.day} au {fmt_date(s.date, 'fr')}"
                    if start.month == s.date.month else
                    f"du {fmt_date(start, 'fr')[:-5]} au {fmt_date(s.date, 'fr')}")
            return (f"L'Assemblée générale de l'OIPC-INTERPOL, réunie en sa {ses}{sup} session à {city} "
                    f"({country}) {span},")
        if lang == "en":
            span = (f"from {start.day} to {fmt_date(s.date, 'en')}" if start.month == s.date.month
                    else f"from {fmt_date(start, 'en')[:-5]} to {fmt_date(s.date, 'en')}")
            return (f"The ICPO-INTERPOL General Assembly, meeting in {city}, {country}, at its "
                    f"{en_ordinal_suffix(ses)} session {span},")
        span = (f"del {start.day} al {fmt_date(s.date, 'es')}" if start.month == s.date.month
                else f"del {fmt_date(start, 'es')[:-8]} al {fmt_date(s.date, 'es')}")
        return f"La Asamblea General de la OIPC-INTERPOL, reunida en su {ses}.ª reunión en {city} ({country}) {span},"

    def _header_sc(self, pad: str, un: str, distr: str, issued: str) -> None:
        s, lang = self.s, self.lang
        organ = {"en": "Security Council", "fr": "Conseil de sécurité", "es": "Consejo de Seguridad"}[lang]
        sym = s.key.replace("(", " (")
        label = {"en": "Resolution", "fr": "Résolution", "es": "Resolución"}[lang]
        meeting = 7000 + (s.date.year - 2010) * 120 + s.number % 120
        adopted = {"en": f"Adopted by the Security Council at its {meeting}th meeting, on {fmt_date(s.date, 'en')}",
                   "fr": f"Adoptée par le Conseil de sécurité à sa {meeting}e séance, le {fmt_date(s.date, 'fr')}",
                   "es": f"Aprobada por el Consejo de Seguridad en su {meeting}ª sesión, celebrada el {fmt_date(s.date, 'es')}"}[lang]
        chap = {"en": "The Security Council,", "fr": "Le Conseil de sécurité,", "es": "El Consejo de Seguridad,"}[lang]
        self.blocks.append(("raw", f"{un}{pad}{sym}\n{organ}{pad[:-10]}{distr}\n{pad}{issued}\n\n"
                                   f"{label} {s.printed}\n\n{adopted}"))
        self.blocks.append(("raw", chap))

    def _header_unga(self) -> tuple[str, str, str, str, str, str]:
        """(organ, session, agenda item, adoption line, basis, chapeau) of a General Assembly resolution."""
        s, lang, rng = self.s, self.lang, self.rng
        organ = {"en": "General Assembly", "fr": "Assemblée générale", "es": "Asamblea General"}[lang]
        ses = {"en": f"{ordinal_words(s.session, 'en')} session", "fr": f"{ordinal_words(s.session, 'fr')} session",
               "es": f"{ordinal_words(s.session, 'es')} período de sesiones"}[lang]
        item = rng.randint(20, 140)
        sub = rng.choice("abcdefghijklmnop")
        agenda = {"en": f"Agenda item {item} ({sub})", "fr": f"Point {item} {sub}) de l'ordre du jour",
                  "es": f"Tema {item} {sub}) del programa"}[lang]
        adopted = {"en": "Resolution adopted by the General Assembly on ", "fr": "Résolution adoptée par l'Assemblée générale le ",
                   "es": "Resolución aprobada por la Asamblea General el "}[lang] + fmt_date(s.date, lang)
        draft = f"A/{s.session}/L.{rng.randint(2, 60)}"
        report = f"A/{s.session}/{rng.randint(400, 640)}"
        basis = rng.choice([
            {"en": f"[without reference to a Main Committee ({draft} and {draft}/Add.1)]",
             "fr": f"[sans renvoi à une grande commission ({draft} et {draft}/Add.1)]",
             "es": f"[sin remisión previa a una Comisión Principal ({draft} y {draft}/Add.1)]"}[lang],
            {"en": f"[on the report of the Third Committee ({report})]",
             "fr": f"[sur la base du rapport de la Troisième Commission ({report})]",
             "es": f"[sobre la base del informe de la Tercera Comisión ({report})]"}[lang]])
        chap = {"en": "The General Assembly,", "fr": "L'Assemblée générale,", "es": "La Asamblea General,"}[lang]
        return organ, ses, agenda, adopted, basis, chap

    def _header_ecosoc(self) -> tuple[str, str, str, str, str, str]:
        """(organ, session, agenda item, adoption line, basis, chapeau) of an ECOSOC resolution."""
        s, lang, rng = self.s, self.lang, self.rng
        organ = {"en": "Economic and Social Council", "fr": "Conseil économique et social",
                 "es": "Consejo Económico y Social"}[lang]
        ses = {"en": f"{s.date.year} session", "fr": f"Session de {s.date.year}",
               "es": f"Período de sesiones de {s.date.year}"}[lang]
        agenda = {"en": f"Agenda item {rng.randint(5, 20)} ({rng.choice('abcd')})",
                  "fr": f"Point {rng.randint(5, 20)} {rng.choice('abcd')}) de l'ordre du jour",
                  "es": f"Tema {rng.randint(5, 20)} {rng.choice('abcd')}) del programa"}[lang]
        adopted = {"en": "Resolution adopted by the Economic and Social Council on ",
                   "fr": "Résolution adoptée par le Conseil économique et social le ",
                   "es": "Resolución aprobada por el Consejo Económico y Social el "}[lang] + fmt_date(s.date, lang)
        rep = f"E/{s.date.year}/{rng.randint(10, 40)}"
        basis = {"en": f"[on the recommendation of the Commission on Crime Prevention and Criminal Justice ({rep})]",
                 "fr": f"[sur la recommandation de la Commission pour la prévention du crime et la justice pénale ({rep})]",
                 "es": f"[por recomendación de la Comisión de Prevención del Delito y Justicia Penal ({rep})]"}[lang]
        chap = {"en": "The Economic and Social Council,", "fr": "Le Conseil économique et social,",
                "es": "El Consejo Económico y Social,"}[lang]
        return organ, ses, agenda, adopted, basis, chap

    def title(self) -> str:
        lang = self.lang
        topic = self.topic[lang]
        if self.s.body == "interpol":
            lead = {"en": "Strengthening international police cooperation on ", "fr": "Renforcer la coopération policière internationale concernant ",
                    "es": "Fortalecimiento de la cooperación policial internacional en materia de "}[lang]
            return lead + self.topic["t"][lang]
        return topic[0].upper() + topic[1:]

    def closing(self) -> None:
        s, lang, rng = self.s, self.lang, self.rng
        if s.body == "interpol":
            f, a, ab = rng.randint(90, 160), rng.randint(0, 6), rng.randint(0, 15)
            line = {"en": f"Adopted: {f} votes for, {a} against and {ab} abstentions",
                    "fr": f"Adoptée{NBSP if self.nbsp else ' '}: {f} voix pour, {a} contre et {ab} abstentions",
                    "es": f"Aprobada: {f} votos a favor, {a} en contra y {ab} abstenciones"}[lang]
            self.blocks.append(("raw", line))
        elif s.body in ("unga", "ecosoc"):
            m = rng.randint(10, 80)
            line = {"en": f"{en_ordinal_suffix(m)} plenary meeting", "fr": f"{m}{rng.choice(('e', ' e'))} séance plénière",
                    "es": f"{m}ª sesión plenaria"}[lang]
            self.blocks.append(("raw", f"{line}\n{fmt_date(s.date, lang)}"))

    # -- assembly ------------------------------------------------------------------------------
    def build(self, name: str) -> SynthDoc:
        rng = self.rng
        self.header()
        used: set[str] = set()
        for _ in range(rng.randint(4, 11)):
            self.preamble(used)
        if self.s.body == "interpol":
            self.operative_interpol()
        else:
            self.operative_un()
        self.closing()
        self._page_break()
        return self._assemble(name)

    def _page_break(self) -> None:
        """Half the documents have a page header/footer in the middle of a paragraph."""
        rng = self.rng
        if rng.random() < 0.5:
            return
        paras = [i for i, b in enumerate(self.blocks) if b[0] == "para"]
        if not paras:
            return
        bi = paras[min(len(paras) - 1, len(paras) // 2 + rng.randint(-1, 1))]
        _, pid, segs = self.blocks[bi]
        for si, (text, tg, _) in enumerate(segs):
            if tg is not None or si == 0:
                continue
            cuts = [i for i in range(20, len(text) - 5) if text[i] == " " and text[i + 1].islower()]
            if not cuts:
                continue
            cut = cuts[len(cuts) // 2]
            own = self.s.printed if self.s.body == "interpol" else self.s.key
            noise = rng.choice([f"\n\n- 2 -\n\n{own}\n\n", f"\n\nPage 2/3\n\n{own}\nPage 3\n\n",
                                f"\n\n{own}\n2/4\n\n", "\n\n2/3\n\n"])
            new = segs[:si] + [(text[:cut], None, None), (noise, None, None), (text[cut + 1:], None, None)] + segs[si + 1:]
            self.blocks[bi] = ("para", pid, new)
            return

    def _assemble(self, name: str) -> SynthDoc:
        out: list[str] = []
        pos = 0
        mentions = []
        paragraphs = []
        citations = []
        seen: set[tuple[str, str]] = set()
        apos = self.curly and self.lang in ("fr", "en")
        for bi, block in enumerate(self.blocks):
            if bi:
                out.append("\n\n")
                pos += 2
            if block[0] == "raw":
                text = block[1].replace("'", "’") if apos else block[1]
                out.append(text)
                pos += len(text)
                continue
            _, pid, segs = block
            start = pos
            for text, targets, kind in segs:
                if apos:
                    text = text.replace("'", "’")
                if self.nbsp and targets is None:
                    text = text.replace(" %", NBSP + "%")
                if targets:
                    mentions.append({"paragraph": pid, "targets": list(targets), "kind": kind,
                                     "start": pos, "end": pos + len(text), "text": text})
                    for t in targets:
                        if (pid, t) not in seen:
                            seen.add((pid, t))
                            citations.append({"paragraph": pid, "target": t})
                out.append(text)
                pos += len(text)
            paragraphs.append({"id": pid, "start": start, "end": pos})
        text = "".join(out) + "\n"
        gold = {"language": self.lang, "symbol": self.s.key, "citations": citations,
                "mentions": mentions, "paragraphs": paragraphs,
                "generator": {"name": "resograph.tools.synth", "version": GENERATOR_VERSION,
                              "body": self.s.body, "date": self.s.date.isoformat()}}
        return SynthDoc(name, text, gold)


# --------------------------------------------------------------------------------------------
# The corpus: schedule, then documents in date order
# --------------------------------------------------------------------------------------------

_CITE_WEIGHT_TABLE = {
    "interpol": {"interpol": 24, "unga": 18, "treaty": 22, "constitution": 10, "named": 10, "sc": 4,
                 "ecosoc": 4, "undec": 1, "paragraph": 1, "undoc": 1},
    "unga": {"unga": 30, "undec": 5, "sc": 10, "ecosoc": 6, "treaty": 24, "named": 10, "interpol": 4,
             "paragraph": 3, "undoc": 3, "constitution": 1},
    "sc": {"sc": 38, "unga": 14, "ecosoc": 5, "treaty": 22, "named": 5, "interpol": 4,
           "paragraph": 6, "undoc": 5},
    "ecosoc": {"ecosoc": 34, "unga": 24, "treaty": 22, "named": 10, "sc": 5, "undoc": 3},
}
_CITE_WEIGHTS = {b: (tuple(w), _cum(w.values())) for b, w in _CITE_WEIGHT_TABLE.items()}
_TREATY_MODES = ("whole", "articles", "whole+article", "anaphor", "anaphor-articles", "both")
_TREATY_MODES_CUM = _cum((10, 6, 3, 4, 4, 1))
_PREAMBLE_CUM = {lang: _cum(w for _, _, w in v) for lang, v in PREAMBLE.items()}

BODY_SHARE = {"interpol": 0.38, "unga": 0.37, "sc": 0.15, "ecosoc": 0.10}
LANG_SHARE = {"interpol": (("fr", 0.4), ("en", 0.4), ("es", 0.2)),
              "unga": (("en", 0.6), ("fr", 0.25), ("es", 0.15)),
              "sc": (("en", 0.7), ("fr", 0.2), ("es", 0.1)),
              "ecosoc": (("en", 0.7), ("fr", 0.2), ("es", 0.1))}
END_YEAR = 2026


def _schedule(n: int, rng: random.Random) -> list[_Slot]:
    bodies = rng.choices(list(BODY_SHARE), list(BODY_SHARE.values()), k=n)
    counts = {b: bodies.count(b) for b in BODY_SHARE}
    slots: list[_Slot] = []
    reserved = RESERVED | {a.key for a in ANCHORS}
    for body, count in counts.items():
        if not count:
            continue
        first = {"interpol": 1985, "unga": 1990, "sc": 1995, "ecosoc": 1995}[body]
        cap = {"interpol": 95, "unga": 330, "sc": 59, "ecosoc": 55}[body]
        years = [y for y in range(first, END_YEAR + 1) if body != "interpol" or interpol_session(y)]
        per_year = max(1, min(cap, -(-count // len(years))))
        while len(years) * per_year < count:  # a very large corpus runs into future years
            y = years[-1] + 1
            if body != "interpol" or interpol_session(y):
                years.append(y)
        # the most recent years first, so that small corpora are recent (and cite the real anchors)
        per = {}
        left = count
        for y in reversed(years):
            take = min(per_year, left)
            if take:
                per[y] = take
            left -= take
        langs, lw = zip(*LANG_SHARE[body])
        for y in sorted(per):
            numbers = iter(range(1, 10_000))
            if body == "interpol":  # one session a year: every resolution bears its last day
                dates = [D(y, 10 + (y % 2), 10 + y % 15)] * per[y]
            elif body == "unga":
                dates = sorted(D(y, rng.choice((10, 11, 12)), rng.randint(1, 20)) for _ in range(per[y]))
            elif body == "sc":
                dates = sorted(D(y, rng.randint(1, 12), rng.randint(1, 28)) for _ in range(per[y]))
            else:
                dates = sorted(D(y, 7, rng.randint(1, 31)) for _ in range(per[y]))
            for date in dates:  # numbers follow adoption dates
                while True:
                    num = next(numbers)
                    session = None
                    if body == "interpol":
                        key = interpol_key(y, num)
                        printed, session = key, interpol_session(y)
                    elif body == "unga":
                        session = y - 1945
                        key, printed = f"A/RES/{session}/{num}", f"{session}/{num}"
                    elif body == "sc":
                        sn = sc_base_number(y) + num - 1
                        key, printed = f"S/RES/{sn}({y})", f"{sn} ({y})"
                    else:
                        key, printed = f"E/RES/{y}/{num}", f"{y}/{num}"
                    if key not in reserved:
                        break
                reserved.add(key)
                lang = rng.choices(langs, lw)[0]
                topic = rng.randrange(len(TOPICS))
                slots.append(_Slot(body, lang, date, key, printed, num, session, topic))
    slots.sort(key=lambda sl: (sl.date, sl.body, sl.number))
    return slots


def generate(n: int, seed: int = 0) -> Iterator[SynthDoc]:
    """`n` documents in date order, each with its gold; the same seed gives the same documents."""
    rng = random.Random(seed)
    slots = _schedule(n, rng)
    corpus_keys = {sl.key for sl in slots}
    pool = _Pool(rng, corpus_keys)
    anchors = sorted(ANCHORS, key=lambda a: a.date)
    ai = 0
    pending: list[Instrument] = []
    width = max(5, len(str(n)))
    for i, slot in enumerate(slots):
        while ai < len(anchors) and anchors[ai].date < slot.date:
            pool.add(anchors[ai])
            ai += 1
        still = []
        for ins in pending:
            if ins.date < slot.date:
                pool.add(ins)
            else:
                still.append(ins)
        pending = still
        name = f"synth{i:0{width}d}_{slot.body}_{slot.lang}"
        doc = _DocBuilder(slot, pool, rng).build(name)
        kind = {"interpol": "interpol", "unga": "unga", "sc": "sc", "ecosoc": "ecosoc"}[slot.body]
        pending.append(Instrument(slot.key, kind, slot.date, slot.printed, topic=slot.topic,
                                  dated=kind in ("unga", "interpol")))
        yield doc


def write_corpus(out: str | os.PathLike, n: int, seed: int = 0, progress=None) -> list[Path]:
    """Write `NAME.txt` + `NAME.gold.json` for `n` documents into `out`; returns the text paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in generate(n, seed):
        p = out / f"{doc.name}.txt"
        p.write_text(doc.text, encoding="utf-8")
        (out / f"{doc.name}.gold.json").write_text(
            json.dumps(doc.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(p)
        if progress:
            progress(1)
    return paths
