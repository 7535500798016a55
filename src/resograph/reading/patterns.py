"""Regular expressions and small word lists of the genre, in French, English and Spanish.

Data, not logic: the stages import these. Everything here is matched against *folded* text
(lower case, accents stripped, see :func:`resograph.reading.clean.fold`) unless its name says otherwise.
The lists that differ between languages come from :mod:`resograph.reading.languages`, one unit per
language.
"""

from __future__ import annotations

import os
import re

from resograph.reading.languages import BODY_ORDER, LANGUAGES


def _words(words) -> str:
    """Folded words or phrases as alternatives, a space standing for any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


MONTHS = {name: number for lang in LANGUAGES for name, number in lang.months.items()}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_ORD = r"(?:\s?(?:er|re|e|eme|st|nd|rd|th|o|a|º|ª)\b)?"

# "15 octobre 1996", "1er décembre 2023", "6 de diciembre de 2024", "November 17, 2026"
DATE = re.compile(
    rf"\b(\d{{1,2}}){_ORD}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+|del\s+)?(\d{{4}})\b"
    rf"|\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"
)
# A date clause right after a cited number: "du 15 octobre 1996", "of 6 December 2024", ", de 6 de …".
# In a list the year is often printed once, after the last item ("186 (1964) of 4 March, 187 (1964)
# of 13, March … and 198 (1964) of 18 December 1964"): the year is optional (group 3 None; the
# caller takes it from the cited number), and a year is never the next item's number ("of 4 March
# 2001 (1993)" reads as a date without year followed by the item 2001 (1993)). One clause may date
# the items before it day by day ("2253 (ES-V) and 2254 (ES-V) of 4 and 14 July 1967", "des 4 et 14
# juillet"): group 1 is the last day, the last item's.
DATE_CLAUSE = re.compile(
    rf"\s*,?\s*(?:du|des|en\s+date\s+du|of|dated|de|del|adoptee?s?\s+le|adopted\s+on|on)\s+"
    rf"(?:\d{{1,2}}\s*(?:,|\s(?:{_words(w for lang in LANGUAGES for w in lang.conjunctions)}))\s*(?=\d))*"
    rf"(\d{{1,2}}){_ORD}\s*,?\s+(?:de\s+)?{_MONTH}(?:\s+(?:de\s+)?(\d{{4}})(?!\s*\())?\s*,?"
)
# … a month and its year alone ("661 (1990) d'août 1990", "of August 1990", "de agosto de 1990"): no date read
MONTH_CLAUSE = re.compile(rf"\s*,?\s*(?:d'|(?:de|of|in|en)\s+){_MONTH}\s+(?:de\s+)?(?:19|20)\d\d(?![\d(])\s*,?")
# Session span: "du 24 au 27 novembre 2025", "from 24 to 27 November 2025",
# "del 24 al 27 de noviembre de 2025", "du 28 novembre au 1er décembre 2023"
SESSION_DATES = re.compile(
    rf"\b(?:du|from|del|de)\s+(\d{{1,2}}){_ORD}\s+(?:(?:de\s+)?{_MONTH}\s+(?:(?:de\s+)?(\d{{4}})\s+)?)?"
    rf"(?:au|to|al|a|-|–|until|hasta\s+el)\s+(\d{{1,2}}){_ORD}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(\d{{4}})"
)

# --- references ------------------------------------------------------------------------------

# Issuing bodies as texts name them, most specific first (the General Assembly last).
BODY_NAMES = {code: "|".join(rx for lang in LANGUAGES for rx in lang.bodies.get(code, ())) for code in BODY_ORDER}
# Body named near a resolution number (look-behind window and look-ahead window).
BODY_CONTEXT = [(code, re.compile(rx)) for code, rx in BODY_NAMES.items()]
# Every match of a BODY_CONTEXT pattern contains one of these: a window without any names no body.
BODY_NEEDLES = tuple(dict.fromkeys(n for lang in LANGUAGES for n in lang.body_needles))
# Bodies whose numbers get no key (languages.Language.other_bodies); the code `OTHER_BODY`. Their
# names are looked for as plain phrases (`str.startswith`/`endswith` on text whose white space is
# one space), not in a pattern: seventy phrases as alternatives cost 20 ms to compile per pattern.
OTHER_BODY = "other"
# Another organisation named at the head of a document (a line that opens with its name, after an ordinal:
# "19th ASEANAPOL Conference") or in its chapeau (header._body): it issued the document.
_ORGANISATIONS = _words(sorted({w for lang in LANGUAGES for w in lang.other_organisations}, key=len, reverse=True))
ORGANISATION_HEAD = re.compile(r"\s*(?:\d+\w*\s+)?(?:" + _ORGANISATIONS + r")\b")
ORGANISATION_NAMED = re.compile(r"\b(?:" + _ORGANISATIONS + r")\b")
OTHER_BODY_NEEDLES = tuple(dict.fromkeys(n for lang in LANGUAGES for n in lang.other_body_needles))
# Every body's names as plain phrases → its code (BODY_NAMES' alternatives are phrases whose white
# space is `\s+`), and those phrases as one tuple for `startswith`/`endswith`.
BODY_PHRASES = {**{ph: code for code, rx in BODY_NAMES.items() for ph in rx.replace(r"\s+", " ").split("|")},
                **{ph: OTHER_BODY for lang in LANGUAGES for ph in lang.other_bodies + lang.other_body_short_names}}
OTHER_BODY_PHRASES = tuple(ph for ph, code in BODY_PHRASES.items() if code == OTHER_BODY)
# (a short name qualifies a resolution only: "Requests the Commission, in accordance with its resolution …")
ANY_BODY_PHRASES = tuple(ph for ph in BODY_PHRASES if ph not in {w for lang in LANGUAGES for w in lang.other_body_short_names})
# ", including " right before "resolution": "the resolutions of the Commission on Narcotic Drugs, including resolution 67/1"
INCLUSION_LINK = re.compile(r"\s*,?\s*\b(?:" + _words(w for lang in LANGUAGES for w in lang.inclusion_links) + r")\s+$")
# "in its " / "dans sa " / "en su " right before "resolution": the resolution of a body named just
# before ("the Human Rights Council, in its resolution 20/8"); `,` and spaces may stand between.
# (or an inclusion: "las resoluciones de la Comisión de Estupefacientes, en particular su resolución 61/11")
POSSESSIVE_LINK = re.compile(
    r"\b(?:" + _words(w for lang in LANGUAGES for w in lang.possessive_links + lang.inclusion_links) + r")\s+"
    r"(?:" + _words(w for lang in LANGUAGES for w in lang.possessives) + r")\s+$")
# The words that may stand between a body and "in its" as a relative clause's verb ("which the General
# Assembly *endorsed* in its resolution", "que l'Assemblée générale *a fait sien* dans sa résolution")
RELATIVE_VERB_WORDS = 4
OBJECT_RELATIVE = re.compile(r"(?:^|(?<=[\s,]))(?:" + _words(w for lang in LANGUAGES for w in lang.object_relatives)
                             + r")(?:\s+|(?<=')\s*)(?:(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.determiners},
                                                                       key=len, reverse=True)) + r")(?:\s+|(?<=')\s*))?$")
# A body named as a clause's addressee or subject right after its opening words ("Encourages the
# Human Rights Council to …", "Solicita al Consejo de Seguridad que …"; find._clause_subject): the
# words before it (the first may follow the paragraph's number or bullet), a determiner, and after
# the name what makes it a resolution's qualifier instead ("Security Council resolution …").
CLAUSE_OPENING_WORDS = 3
CLAUSE_OPENING_SPAN = 100  # characters from the paragraph's start that hold such a body's needle
ANY_BODY_NEEDLES = BODY_NEEDLES + OTHER_BODY_NEEDLES  # every name of ANY_BODY_PHRASES holds one
CLAUSE_WORD = re.compile(r"\s*(?:\d{1,3}\s*[.)]\s*|[-–•·]\s*)?([a-z]+)(?=\s)")
CLAUSE_DETERMINER = re.compile(
    r"\s+(?:(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.determiners}, key=len, reverse=True))
    + r")(?:\s+|(?<=')\s*))?")
GENITIVE_WORDS = frozenset(("of", "de", "du", "des", "del"))
# Nouns whose genitive names who acted ("the *decision* of the Human Rights Council to …"): a body
# named there is the clause's subject as well.
AGENT_NOUNS = frozenset(w for lang in LANGUAGES for w in lang.agent_nouns)
AGENT_NOUN_WORDS = 7  # … within the opening words ("Acogiendo con beneplácito la decisión del …")
BODY_QUALIFIES = re.compile(
    r"\s+(?:" + _words({w for lang in LANGUAGES for w in lang.resolution_words + lang.decision_words}) + r")\b")
# A conference or meeting "of the Parties" takes what completes its name before the word: "Conference
# of the Parties to the United Nations Convention against Transnational Organized Crime resolution
# 9/1". PARTIES: the word its name ends with; NAME_COMPLEMENT: what may follow it (no punctuation).
PARTIES = ("parties", "partes")
SENTENCE_REACH = 300  # how far back "its resolution" looks for the body its sentence named (find._list_body)
# "… the General Assembly of the United Nations, by its resolution": the complement after a body's name
_OF_THE_UN = r"(?:of\s+the\s+united\s+nations|des\s+nations\s+unies|de\s+las\s+naciones\s+unidas|de\s+l'onu|de\s+la\s+onu)"
UN_COMPLEMENT = re.compile(rf"\s+{_OF_THE_UN}\s*,?\s*$")
NAME_COMPLEMENT = re.compile(r"\s+(?:to|a|en|de|del)\s[^,;:().]{0,140}?\s*,?\s*")
# … and named right after a list of numbers ("… 2462 (2019) du Conseil de sécurité").
# The genitive is required: in "…, as well as Economic and Social Council resolutions" the body
# belongs to the next list.
_GENITIVE = r"\s*,?\s*(?:de\s+l'\s*|du\s+|of\s+the\s+|of\s+|del\s+|de\s+la\s+|de\s+las\s+|de\s+)"
GENITIVE = re.compile(_GENITIVE)  # before another body's name ("… de la Commission des stupéfiants")
UN_BEFORE_BODY = re.compile(r"united\s+nations\s+")  # … in English the Organization's name may come before it
BODY_AFTER = [(code, re.compile(_GENITIVE + r"(?:\w+\s+){0,2}?(?:" + rx + ")")) for code, rx in BODY_NAMES.items()]
# The same in one pattern, the genitive read once and a group per body in the same order: the body
# whose pattern matches (one call instead of four; no two bodies' names match at one place).
# Body = BODY_AFTER_CODES[lastindex-1].
BODY_AFTER_ANY = re.compile(_GENITIVE + r"(?:\w+\s+){0,2}?(?:" + "|".join(f"({rx})" for rx in BODY_NAMES.values()) + ")")
BODY_AFTER_CODES = [code for code, _ in BODY_AFTER]

# Words that introduce resolution / decision numbers (folded): "resolution(s)", "resolucion(es)",
# "decision(s)", "decision(es)" as whole words. Written with the common stem first and the word
# boundary as a look-behind after it (`\bresol…` ≡ `resol(?<!\wresol)…`): a pattern that opens
# with a literal lets the regex engine jump from one "resol" to the next instead of trying every
# position of the text (10× faster scan, same matches). Built from the languages' words.
def _stem_first(*word_lists, abbreviation: str = "") -> str:
    """Whole words as one group, each list of words opening with its common stem, the word boundary
    as a look-behind; `abbreviation` ("res."), counted only before a number, is one more branch."""
    alternatives = []
    for words in word_lists:
        words = list(dict.fromkeys(words))
        stem = os.path.commonprefix(words)
        rest = "|".join(re.escape(w[len(stem):]) for w in sorted(words, key=len, reverse=True))
        alternatives.append(rf"{re.escape(stem)}(?<!\w{re.escape(stem)})(?:{rest})\b" if stem else rf"\b(?:{rest})\b")
    if abbreviation:
        short = re.escape(abbreviation.rstrip("."))
        # (not after "/": "AHG/Res.213 (XXVIII)", "CM/Res.1714 (LXX)" are another organisation's symbols)
        alternatives.append(rf"{short}(?<![\w/]{short}){re.escape(abbreviation[len(abbreviation.rstrip('.')):])}(?=\s*\d)")
    return "(" + "|".join(alternatives) + ")"


# "Res." before a number ("su Res. 49/60", "la Res. 79/243"): the abbreviation the three languages share.
RESOLUTION_ABBREVIATION = "res."
# "UNSCR" and the like: a body's name and "resolution" in one word (languages.Language) → the body.
RESOLUTION_ABBREVIATIONS = {w: body for lang in LANGUAGES for w, body in lang.resolution_abbreviations.items()}
RESOLUTION_WORD = re.compile(_stem_first([w for lang in LANGUAGES for w in lang.resolution_words],
                                         *([RESOLUTION_ABBREVIATIONS] if RESOLUTION_ABBREVIATIONS else []),
                                         abbreviation=RESOLUTION_ABBREVIATION))
# "the following draft resolution:" before a quoted draft (segment._quoted_draft)
DRAFT_INTRO = re.compile(r"\b(?:" + _words(w for lang in LANGUAGES for w in lang.draft_words) + ")")
DECISION_WORD = re.compile(_stem_first(w for lang in LANGUAGES for w in lang.decision_words))
# Words right before "resolution(s)" that refer back to resolutions cited before (languages.anaphors_before), a
# count between them or not ("the aforesaid two resolutions")
RESOLUTION_ANAPHOR = re.compile(
    r"\b(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.anaphors_before}, key=len, reverse=True))
    + r")\s+(?:(?:two|three|four|deux|trois|quatre|dos|tres|cuatro)\s+)?$")
# … with a body's name between them, as English writes it: "the aforesaid General Assembly resolution",
# "those Security Council resolutions" (the body says whose resolution it is: resolve)
RESOLUTION_ANAPHOR_BODY = re.compile(
    r"\b(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.anaphors_before}, key=len, reverse=True))
    + r")\s+(?P<body>" + "|".join(BODY_NAMES[code] for code in ("un-ga", "un-sc", "ecosoc")) + r")\s+$")
RESOLUTION_ANAPHOR_BODY_REACH = 60  # characters before "resolution" in which that may stand
BODY_NAME_ENDS = ("assembly", "council", "ecosoc")  # how those bodies' English names end (a quick test first)
# … and right after it ("les résolutions susmentionnées", "las resoluciones antes mencionadas", "the
# Council's resolutions under reference"), the longest phrase first.
RESOLUTION_ANAPHOR_AFTER = re.compile(
    r"\s+(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.anaphors_after}, key=len, reverse=True))
    + r")(?![\w-])")
# What may stand between the word and the first number: "nº", "A/RES/" is its own pattern.
# … and those words when a number follows them ("la résolution précitée 77/20", "las resoluciones antes
# mencionadas 75/10 y 77/20"): the number is read, not the anaphor.
AFTER_WORD = re.compile(r"(?:" + RESOLUTION_ANAPHOR_AFTER.pattern + r"(?=\s*\d))?"
                        r"\s*(?:n[o°º]s?\.?\s*|numero\s+|number\s+)?")
# An INTERPOL resolution named by its number and session, after "resolution": "Resolution No. 5 adopted
# at the 66th session", "la résolution n° 5 adoptée à la 66e session", "la resolución n.º 12 aprobada en
# la 67.ª reunión", "resolution No. 8 of the 81st session". Up to the 69th session (2000) the code follows
# from them: AGN/{session}/RES/{n}. From the 70th (Budapest, 2001: AG-2001-RES-05) the code holds the
# year, known from the registry's sessions: without the session up to the 77th (facts.yaml:
# GA-2008-RES-07), with it from the 81st (facts.yaml: GA-2012-81-RES-08); no source read gives the
# form of the 78th to 80th, so no key is made for them.
SESSION_NUMBERED = re.compile(
    r"\s*(?:n(?:\.\s*)?[o°º]\.?\s*|numero\s+|number\s+)?(?P<n>\d{1,3})\s*,?\s+"
    r"(?:(?:adopted|adoptee|aprobada|adoptada)\s+"
    r"(?:(?:by\s+the\s+general\s+assembly|par\s+l'assemblee\s+generale|por\s+la\s+asamblea\s+general)"
    # (INTERPOL's named: "la résolution no 3 adoptée par l'Assemblée générale d'INTERPOL à sa 93e session" in a
    # United Nations text)
    r"(?P<org>\s+(?:of\s+interpol|d'\s*interpol|de\s+(?:la\s+)?(?:oipc-)?interpol|de\s+l'\s*oipc-interpol))?\s+)?"
    r"(?:at|during|a|lors\s+de|en|durante)|of|de)\s+(?:(?:the|its|la|sa|su)\s+)?(?P<session>\d{1,3})\S{0,7}\s+"
    r"(?:session|reunion)\b"
)
LAST_AGN_SESSION = 69
LAST_YEAR_CODE_SESSION = 77  # … GA-{year}-RES-{nn} from the 70th to this one
FIRST_SESSION_CODE_SESSION = 81  # GA-{year}-{session}-RES-{nn} from this one

# A body named between the word and the numbers: "las resoluciones del Consejo de Seguridad 1373 (2001)",
# or by its short name right before a number of its own form ("las resoluciones de la Asamblea 60/288",
# "les résolutions du Conseil 2178 (2014)": a short "Council" is the Security Council only there, and
# the Human Rights Council before a number `session/n` — "las resoluciones del Consejo 42/15 y 43/2" —
# as ECOSOC numbers `yyyy/n`).
_SHORT_BODY_NAMES = {code: "|".join(rx for lang in LANGUAGES for rx in lang.short_bodies.get(code, ()))
                     for code in BODY_ORDER}
# A body's short name right before "resolution(s)" ("building on Council resolutions 25/38 and 38/11"):
# the issuing body's own when it goes by that name (find._short_body_before); short names are plain words.
SHORT_BODY_CODES: dict[str, set[str]] = {}
for _lang in LANGUAGES:
    for _code, _names in _lang.short_bodies.items():
        for _name in _names:
            SHORT_BODY_CODES.setdefault(_name, set()).add(_code)
SHORT_BODY_BEFORE = re.compile(r"\b(" + "|".join(sorted(SHORT_BODY_CODES, key=len, reverse=True)) + r")\s+$")
# Another organisation named right after a list ("resolutions 25/38 and 31/37 of the Council of Europe"): its own
ORGANISATION_AFTER = re.compile(_GENITIVE + r"(?:the\s+|la\s+|le\s+|el\s+)?(?:" + _ORGANISATIONS + r")\b")
# … and right after a list ("les résolutions 5/1 et 5/2 du Conseil", "resolutions 5/1 and 5/2 of the Council"),
# not the head of a longer name ("du Conseil de sécurité" is read before; "of the Council of Europe"):
# find._body_after marks it SHORT_BODY_MARK + the name, which find._numbers gives the issuing body when it
# goes by that name
SHORT_BODY_AFTER = re.compile(_GENITIVE + r"(?:the\s+|la\s+|le\s+|el\s+)?("
                              + "|".join(sorted(SHORT_BODY_CODES, key=len, reverse=True))
                              + r")\b(?!\s*(?:of|de|d'|du|des|del|on|sur|sobre|economi\w*|execut\w*)\b)")
SHORT_BODY_MARK = "short:"
_SHORT_BODY_NUMBER = {"un-sc": r"(?=\s*\d{1,4}\s*\(\s*\d{4}\s*\))", "hrc": r"(?=\s*\d{1,3}\s*/\s*\d)"}
_ANY_NUMBER = r"(?=\s*\d)"  # the lookahead of the other bodies' short names
_INFIX_CODES = ("un-sc", "ecosoc", "hrc", "un-ga")
_INFIX_SHORT = {code: f"(?:{rx}){_SHORT_BODY_NUMBER.get(code, _ANY_NUMBER)}"
                for code in _INFIX_CODES if (rx := _SHORT_BODY_NAMES[code])}
_INFIX_GENITIVE = r"(?:(?:del|de\s+la|du|of\s+the|of|de)\s+|de\s+l'\s*)"
_INFIX_BODY = (
    r"(?:(?:the|la|le|el)\s+)?(?P<body>"
    + "|".join(BODY_NAMES[code] for code in _INFIX_CODES)
    + "".join(f"|{short}" for short in _INFIX_SHORT.values())
    + r")(?:\s+de\s+las\s+naciones\s+unidas|\s+des\s+nations\s+unies|\s+of\s+the\s+united\s+nations)?\s*"
)
BODY_INFIX = re.compile(r"\s*" + _INFIX_GENITIVE + _INFIX_BODY)
# The body of a BODY_INFIX name: its full names, or its short ones with the number form that follows
# them (matched at the name's start in the text, so the look-ahead sees the number).
INFIX_BODY_CONTEXT = [(code, re.compile("|".join(filter(None, (BODY_NAMES[code], _INFIX_SHORT.get(code))))))
                      for code in _INFIX_CODES]
# A council by its short name as the agent of "in its resolution", and the councils a sentence may have named in full
# before it (find._list_body)
SHORT_COUNCIL_NAMES = ("the council", "le conseil", "el consejo")
COUNCILS = ("ecosoc", "un-sc", "hrc")
# The Assembly's last special session numbered in the old form, "3362 (S-VII)" (1975); from the eighth (1978) its
# resolutions are "S-8/2" (resolution 36/138 "Recalling its resolutions S-8/2 of 21 April 1978, 33/14 …", read at
# http://old.radicali.it/search_view.php?id=19997, 8 December 2026): the change of keys.LAST_ROMAN_GA_SESSION
LAST_ROMAN_SPECIAL_SESSION = 7
UN_SYSTEM_BODIES = ("un-ga", "un-sc", "ecosoc", "hrc")  # the United Nations bodies whose texts the reader names
# Set phrases that name several treaties together, each phrase → the treaties it names (find._set_phrases):
# - "the three international drug control conventions", "les trois conventions internationales relatives au
#   contrôle des drogues", "los tres tratados de fiscalización internacional de drogas": the Single Convention of
#   1961, the Convention on Psychotropic Substances of 1971 and the 1988 Convention against Illicit Traffic
#   (https://www.citywide.ie/decriminalisation/united-nations/drug-control-conventions/: "There are three drug
#   control conventions", those three; read 7 December 2026);
# - "the International Covenants on Human Rights", "les Pactes internationaux relatifs aux droits de l'homme", "los
#   Pactos Internacionales de Derechos Humanos": the two Covenants of 1966 (the UN Chronicle's "The Human Rights
#   Covenants", https://international.vlex.com/vid/tools-struggle-enforcement-look-back-ago-53328221: "two important
#   United Nations treaties--the International Covenant on Civil and Political Rights and the International
#   Covenant on Economic, Social and Cultural Rights", "the Covenants"; read 7 December 2026)
SET_PHRASES = (
    (re.compile(
        r"\b(?:three\s+(?:international\s+|united\s+nations\s+)?drug(?:\s+control)?\s+conventions"
        r"|trois\s+conventions\s+internationales\s+(?:relatives\s+au|de)\s+controle\s+des\s+drogues"
        r"|tres\s+(?:tratados|convenciones)\s+(?:internacionales\s+)?de\s+fiscalizacion\s+(?:internacional\s+)?de\s+drogas)\b"),
     ("convention:single-drugs-1961", "convention:psychotropic-1971", "convention:drugs-1988"),
     ("conven", "tratados de fiscalizacion")),
    (re.compile(r"\b(?:international\s+covenants\s+on\s+human\s+rights|pactes\s+internationaux\s+relatifs\s+aux\s+"
                r"droits\s+de\s+l'homme|pactos\s+internacionales\s+(?:de|sobre|relativos\s+a\s+los)\s+derechos\s+humanos)(?![^\W\d_])"),  # (a footnote mark may stick to it)
     ("convention:iccpr-1966", "convention:icescr-1966"), ("covenants", "pactes", "pactos")),
)  # (each phrase with the needles one of which every form of it holds)
# A body's short name between "resolution" and a date: "the resolution of the Council of 1 August 1947" (find)
BODY_BEFORE_DATE = re.compile(r"\s*(?:of\s+the|du|del)\s+(?:security\s+council|council|conseil(?:\s+de\s+securite)?|"
                              r"consejo(?:\s+de\s+seguridad)?|general\s+assembly|assemblee\s+generale|"
                              r"asamblea\s+general)(?=\s+(?:of|du|de|del)\s+\d)")
# Further bodies after the one BODY_INFIX read: "the above-mentioned resolutions of the General Assembly
# and the Security Council", "les résolutions de l'Assemblée générale et du Conseil de sécurité
# susmentionnées", "las resoluciones antes mencionadas de la Asamblea General y del Consejo de Seguridad"
# (find._without_list: with a word that points back, every resolution of those bodies cited before)
FURTHER_BODY = re.compile(r"\s*,?\s*(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+"
                          + _INFIX_GENITIVE + "?" + _INFIX_BODY)
# A list that resumes after a relative clause: "resolutions 60/288 of 8 September 2006, by which …,
# and 79/136 of 6 December 2024", "1514 (XV) of 14 December 1960, containing the Declaration …, and 2918
# (XXVII) of 14 November 1972" — only with a date after the number, to stay safe.
LIST_RESUME = re.compile(
    r"[^;.]{0,220}?[,;]\s*(?:and|et|y|as\s+well\s+as|ainsi\s+que|asi\s+como)\s+(?:its\s+|sa\s+|su\s+)?"
    r"(?=(?:(?:e?s\s*-\s*)?\d{1,4}\s*/\s*\d{1,4}|\d{1,4}\s*\(\s*(?:[ivxlc]{1,7}|(?:19|20)\d\d)\s*\))\s*,?\s*"
    r"(?:(?:annex|annexe|anexo)\s*,\s*)?(?:of|du|de|del|dated|en\s+date\s+du|de\s+fecha)\s+\d)"
)
# … and without a date (find._parallel_resume decides): where the next number opens the same clause
# as the list's first item ("its resolutions 70/174, by which it endorsed the Doha Declaration,
# 76/181, by which it endorsed …") or the list goes on after it ("…, and 78/224, 75/196 and 80/178").
# The Council's own numbers resume so too ("resolutions 2127 (2013) concerning the Central African Republic,
# 2140 (2014) and 2206 (2015)"; "1325 (2000) on women and peace and security, 1502 (2003) on the protection of
# humanitarian personnel and 1612 (2005) on children …": a conjunction alone before an `n (yyyy)`), and
# `session/n` ones after the same clause ("las resoluciones del Consejo 5/1 sobre … y 5/2 sobre …").
_CONJUNCTION = r"(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+"
LIST_RESUME_BARE = re.compile(
    r"[^;.]{0,220}?(?:[,;]\s*(?:" + _CONJUNCTION + r")?|\s" + _CONJUNCTION + r"(?=\d{1,4}\s*(?:\(\s*(?:19|20)\d\d\s*\)|/\s*\d)))"
    r"(?:" + _words(w for lang in LANGUAGES for w in lang.possessives) + r")?\s*"
    r"(?=(?:s-)?\d{1,4}\s*/\s*\d{1,4}(?![/\d])|\d{1,4}\s*\(\s*(?:19|20)\d\d\s*\))"
)
CLAUSE_AFTER_ITEM = re.compile(r"\s*,?\s*([a-z]+)\s+(?:\"\s*)?([a-z]+)\b")  # ", by which", " on women", ', entitled "…
TOPIC_WORDS = frozenset(w for lang in LANGUAGES for w in lang.topic_words)  # ", on …", ", sur …": a subject
# Between a list and the next "resolution" that goes on with the same body: "…, and", " et ", " y la " (within the
# sentence, a subject clause between: "Human Rights Council resolution 5/1 on institution-building of the Council and
# resolution 5/2"; find._numbers)
AND_ANOTHER = re.compile(r"[^.;]{0,160}?[\s,](?:" + _CONJUNCTION + r")(?:the\s+|la\s+|el\s+)?")
# "resolution(s)"/"decision(s)": such a word opens a list of its own (a list never resumes across one)
LIST_WORD = re.compile(r"\b(?:" + _words(w for lang in LANGUAGES for w in (*lang.resolution_words, *lang.decision_words))
                       + r")\b")
# ", and " / ", et " / ", y " right before a list's last item after a clause
LAST_ITEM_LINK = re.compile(r",\s*(?:" + _CONJUNCTION + r")\s*$")
# A relative clause after a listed number: ", by which", ", en la que", ", dans laquelle", ", dont" (up to
# two words before the pronoun)
RELATIVE_CLAUSE = re.compile(r"\s*,\s*(?:[a-z]+\s+){0,2}?(?:"
                             + _words(w for lang in LANGUAGES for w in lang.relative_pronouns) + r")\b")

# "resolutions … :" at the end of a line, the numbers on the lines below: a table of resolutions (number,
# date, subject) or a list one item a line ("Rappelant les résolutions ci-après, qui demeurent
# applicables :" / "1267 (1999)    15 octobre 1999    …"). The rest of the clause holds no sentence
# end nor blank line; TABLE_HEADINGS: lines of column headings before the first row.
TABLE_INTRO_REACH = 200  # characters from the word to the colon
TABLE_INTRO = re.compile(rf"(?:[^\n;.:]|\n(?![ \t]*\n)){{0,{TABLE_INTRO_REACH}}}?:[ \t]*\n")
TABLE_HEADINGS = 1
# A number alone after "resolution", no year, slash or part after it: "Security Council Resolution 2396 calls"
BARE_NUMBER = re.compile(r"(\d{1,4})\b(?!\s*[(/]|\s*-\s*\d|[.,]\d)")
# Council numbers grouped under the year printed after the last ("1888 and 1889 (2009)", "1908, 1927 and 1944 (2010)"):
# each bare number, when a run of them separated so ends with `n (yyyy)`
_RUN_SEP = r"(?:\s*[,;]\s*(?:(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+)?|\s+(?:" \
    + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+)"
BARE_BEFORE_DATED = re.compile(r"(\d{1,4})" + _RUN_SEP + r"(?=(?:\d{1,4}" + _RUN_SEP + r")*\d{1,4}\s*\(\s*(?:19|20)\d\d\s*\))")
# … and what may follow the last such number in the Council's own text, where no body is named with it
BARE_NUMBER_END = re.compile(r"\s*(?:[,;:.)]|(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions)
                             + r"|of|du|de|del)\b|$)")
# One cited number, in the forms that follow "resolution(s)". `n (yyyy)` may be split by a line
# break, and OCR leaves slips in it: a full stop before the parenthesis ("512.(1982)"), the opening
# parenthesis lost ("387 1976)" — the closing one must be there).
NUMBER_FORMS = {
    "slash": r"(?P<slash>(?P<sa>\d{1,4})\s*/\s*(?P<sb>\d{1,4})(?:\s?(?P<sl>[a-h])(?![\w/-]))?)(?![/\d])",  # 79/136, 2016/18
    # A part letter may follow the number ("161 A (1961)"): it counts only as a capital in the text.
    "sc": r"(?P<sc>(?P<scn>\d{1,4})(?:\s?(?P<scl>[a-h])(?=\s*\())?\s*\.?\s*(?:\(\s*|(?<=\s))(?P<scy>(?:19|20)\d{2})\s*\))",  # 2482 (2019)
    "ss": r"(?P<ss>(?P<ssk>e?s)\s*-\s*(?P<sss>\d{1,2})\s*/\s*(?P<ssn>\d{1,3})(?:\s?(?P<ssl>[a-h])(?![\w/-]))?)(?![/\d])",  # S-30/1, ES-10/19, S-20/4 C
    # OCR slips of digits in `n (yyyy)`: S/$ for 5, O for 0, I/l/[/|/} for 1 ("S71 (1985)", "I11 (1956)",
    # "SOL (1982)", "SO} (1982)", "[86 (1964)" for 186). The finder accepts one inside a list of resolutions after
    # an item, or right after the word when it holds a digit: where the context makes the number
    # certain (see find._read_list).
    # The same slips before an Assembly or ECOSOC session in Roman numerals: "l559 (XLIX)" for 1559 (XLIX).
    "ocr": r"(?P<ocr>(?P<ocrn>(?=[\d$soil\[|}]{0,3}[$soil\[|}])[\d$soil\[|}]{2,4})\s*\(\s*(?:(?P<ocry>(?:19|20)\d{2})|(?P<ocrr>[ivxlc]{1,7}))\s*\))",
    # Lettered resolutions (parts A, B … adopted under one number): "217 A (III)", "47/20 A"; a
    # letter after a slash number counts only when it is a capital in the text (find._item), so
    # the French "60/288 a été" is not one.
    # Before 1976 a special or emergency special session's number is printed in the parenthesis too:
    # "2248 (S-V)", "2253 (ES-V)" (the newer forms "S-26/2", "ES-10/19" are `ss`), and by the Council of 1948 in
    # Arabic numerals: "186 (S-2)". OCR reads a session's last "I)" or "I" as "D": "1760 (XVID of 31 October 1962", "1819 (XVID) of …",
    # and the first sessions' "I" as "1": "General Assembly resolutions 41 (1) and 42 (1)" (1946–1948); it loses the
    # closing parenthesis before a date: "1889 (XVIII of 6 November 1963".
    "old": r"(?P<old>(?P<oldn>\d{1,4})\s*(?:(?P<oldl>[a-h])(?P<oldmore>" + r"(?:\s*,\s*[a-h])*\s*(?:,?\s*(?:and|et|y)|to|a|au)\s+[a-h]"
           r")?\s*)?\(\s*(?:(?P<olds>e?s)\s*-\s*(?:(?P<olda>\d{1,2})\s*\))?)?"
           r"(?(olda)|(?:(?P<oldr>[ivxlc]{1,7}|1{1,3})(?:\s*\)|(?=\s+of\s+\d))|(?P<oldd>[ivxlc]{1,6})d\)?(?=[\s,;.]))))",  # 3013 (XXVII)
}
# More parts of a lettered resolution after its first ("31/6 A and B", "S-20/4 A à E", "3419 A to D (XXX)": the
# UN Editorial Manual's own forms): the letters listed, or the last of a range (find._more_parts)
MORE_PARTS = re.compile(r"(?P<list>(?:\s*,\s*[a-h])*)\s*(?:(?:,?\s*(?:and|et|y)\s+)(?P<last>[a-h])|(?:to|a|au)\s+(?P<upto>[a-h]))"
                        r"(?![\w/-])")
PART_LETTER = re.compile(r"(?<!\w)[a-h](?!\w)")  # one letter of MORE_PARTS' list
# No two forms match at the same place (after the digits: "/" for slash, "(" and a year or a blank
# and a year for sc, "(" and a Roman numeral or a letter for old; ss opens with "s-"/"es-", ocr with
# a slip in its first four characters, which none of the others has), so their order changes no
# answer, only the work: the commonest first (slash then sc: 1.8 µs a call instead of 3.2 µs).
NUMBER_ITEM = re.compile("|".join(NUMBER_FORMS.values()))
# Between two numbers of a list: ", ", " et ", " and ", "; ", ", as well as ", " y ".
LIST_SEPARATOR = re.compile(
    r"\s*(?:,|;)?\s*(?:(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+)?"
)
# A footnote mark set apart between two items, as a PDF's text puts a superscript ("… of 13 June 2013, 1 29/11
# of 2 July 2015 2 and 35/25 …"): skipped when the next item or a conjunction follows it.
LIST_NOTE_MARK = re.compile(
    r"\s*[,;]?\s*\d{1,3}\s+(?=(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s"
    r"|(?:e?s\s*-\s*)?\d{1,4}\s*/\s*\d|\d{1,4}\s*\(\s*(?:19|20)\d\d\s*\))")
# A full stop misread for a comma between two items ("… of 23 October 1974.\n368 (1975) of 17 April"):
# a separator only when an item `n (yyyy)` follows, which a sentence never opens with.
LIST_STOP = re.compile(r"\.\s*(?=[\d$soil\[|}]{1,4}\s*\(\s*(?:19|20)\d{2}\s*\))")
# OCR slips in a number: the digit each letter (folded) stands for.
OCR_DIGITS = str.maketrans({"s": "5", "$": "5", "o": "0", "i": "1", "l": "1", "[": "1", "|": "1", "}": "1"})
# (A new "resolution"/"decision" word ends a list: its own trigger starts the next one, with its own
# kind — "resolutions X and Y, as well as decision Z".)

# A Security Council resolution's key (number, year), and the year in other keys that bounds what a
# document can cite (group 1, plus the offset): a General Assembly session opens in September of
# 1945 + its number and ends in the next year.
SC_KEY = re.compile(r"S/RES/(\d+)[A-H]?\((\d{4})\)$")
SC_SYMBOL_NO_YEAR = re.compile(r"S/RES/(\d{1,4})")  # "S/RES/2178" printed without its year
RESOLUTION_KEY = re.compile(r"[ASE]/RES/|A/HRC/RES/|GA-\d{4}-|AGN/\d+/RES/")  # keys of resolutions
OWN_YEAR = (
    (re.compile(r"(?:GA|AG)-(\d{4})-"), 0),
    (re.compile(r"E/RES/(\d{4})/"), 0),
    (re.compile(r"A/RES/(\d{1,3})/"), 1946),
)

# Whole symbols, recognised anywhere in a paragraph; after a hyphen only when a number ends before it (the
# second half of a joint symbol: "A/80/895-S/2026/402", a letter to both the Assembly and the Council). A UN document symbol (`undoc`: reports,
# letters, agendas — "S/11563", "S/Agenda/1769/Rev.1", "A/60/288") has up to five digits, and its
# last part ends in a letter or digit: the full stop of a sentence is not part of it. "Rev. 1" and
# "Add. 2" are printed with a space too (the key drops it).
# "A/DEC.4/12/99", "A/RES.1/5/09" are ECOWAS's decisions and resolutions, no UN symbol: the UN writes
# "A/DEC/…", "A/RES/…".
# The UN's other document series the genre cites in the body: the crime and drugs treaty bodies and
# commissions, whose series do not open with A/, E/ or S/ — the Conference of the Parties to UNTOC
# ("CTOC/COP/2020/10", its working groups "CTOC/COP/WG.3/2026/4"), the Conference of the States
# Parties to UNCAC ("CAC/COSP/2021/17", "CAC/COSP/IRG/2023/2", "CAC/COSP/WG.2/2027/4"), and the
# UNODC-serviced meetings of the CCPCJ and the CND ("UNODC/CCPCJ/EG.4/2021/2", "UNODC/CND/2019/1").
# (The commissions' own series, E/CN.15/… and E/CN.7/…, are A/E/S symbols already.) Folded, no
# blanks; a key is the symbol as printed, as for the other UN documents. Their resolutions ("9/1",
# "62/4") have no key: no symbol pattern reads them.
DOCUMENT_SERIES = ("ctoc/cop", "cac/cosp", "unodc/ccpcj", "unodc/cnd")
_SERIES = "|".join(re.escape(s) for s in DOCUMENT_SERIES)
_SERIES_FIRSTS = "".join(sorted({s[0] for s in DOCUMENT_SERIES}))
# each series as SYMBOL_SCAN reads it: its first letter consumed, checked by a look-behind
_SERIES_SCAN = "|".join(f"(?<={re.escape(s[0])}){re.escape(s[1:])}" for s in DOCUMENT_SERIES)
# After a UN symbol's series letter: its parts, the last a number or a subsidiary body's draft ("A/AC.291/L.15",
# "A/C.3/81/L.12" end so; a special session's part, "A/S-20/4"), then any suffixes ("/Rev.1", "/Add. 2") and a year
# in brackets. One space or line
# break may follow a slash before a number, as old printings and their OCR give it ("document S/ 13450",
# "(S/\n8968)", "S/Agenda/\n2185"; the key drops it), and the first slash before a series ("S/ PRST/ 1999/ 6").
_UNDOC_REST = (r"/(?:\s(?=[1-9a-z]))?(?!(?:res|dec)\.)(?:(?:[a-z]{1,6}(?:\.\d{1,3})?|e?s-\d{1,2})/(?:\s(?=[1-9]))?){0,8}"
               r"(?:\d{1,5}|l\.\d{1,4})"
               r"(?:/(?:\s(?=\d))?(?:[a-z]{1,6}\.\s?)?[\w.]{0,7}\w){0,8}(?:\s*\(\s*(?:19|20)\d{2}\s*\))?")
SYMBOL = re.compile(
    rf"(?=[aesg{_SERIES_FIRSTS}])(?<![\w/])(?<![^\d]-)(?:"
    r"(?P<ares>a\s*/\s*res\s*/\s*(?P<ares_s>\d{1,3})\s*/\s*(?P<ares_n>\d{1,4}))"
    r"|(?P<aresold>a\s*/\s*res\s*/\s*(?P<aold_n>\d{1,4})\s*\(\s*(?:(?P<aold_s>e?s)\s*-\s*)?(?P<aold_r>[ivxlc]{1,7})\s*\))"
    r"|(?P<ares_es>a\s*/\s*res\s*/\s*e?s\s*-\s*\d{1,2}\s*/\s*\d{1,4})"
    r"|(?P<adec>a\s*/\s*dec\s*/\s*(?P<adec_s>\d{1,3})\s*/\s*(?P<adec_n>\d{1,4}))"
    r"|(?P<sres>s\s*/\s*res\s*/\s*(?P<sres_n>\d{1,4})\s*\(\s*(?P<sres_y>(?:19|20)\d{2})\s*\))"
    # (UNODC's pages print an old resolution with its year too: "E/RES/1971/1577(L)" is E/RES/1577(L))
    r"|(?P<eresy>e\s*/\s*res\s*/\s*(?:19[4-7]\d)\s*/\s*(?P<eresy_n>\d{1,4})\s*\(\s*(?P<eresy_r>[ivxlc]{1,7})\s*\))"
    r"|(?P<eres>e\s*/\s*res\s*/\s*(?P<eres_y>(?:19|20)\d{2})\s*/\s*(?P<eres_n>\d{1,4}))"
    r"|(?P<eresold>e\s*/\s*res\s*/\s*(?P<eold_n>\d{1,4})\s*\(\s*(?P<eold_r>[ivxlc]{1,7})\s*\))"
    r"|(?P<ip>(?:ga|ag)\s*-\s*(?P<ip_y>(?:19|20)\d{2})\s*-\s*(?:(?P<ip_s>\d{1,3})\s*-\s*)?res\s*-\s*(?P<ip_n>\d{1,3}))"
    r"|(?P<agn>agn\s*/\s*(?P<agn_s>\d{1,3})\s*/\s*(?P<agn_t>res|rap)\s*/\s*(?P<agn_n>\d{1,3}))"
    rf"|(?P<undoc>(?:[ase]|{_SERIES})"
    + _UNDOC_REST + r")"
    r")(?![\w/])"
)

# An INTERPOL symbol's list abbreviated to the numbers that follow it, each under the first's stem:
# "resolutions AGN/62/RES/6 and 7", "AG-2003-RES-04 and -05", "les résolutions AG-2015-84-RES-02
# et 03", "GA-2019-88-RES-03, 04 and 05". A separator is required, and the number is not part of a
# date, a percentage, a fraction ("24/7") or another code (find._symbol_list also wants it higher).
SYMBOL_LIST_TAIL = re.compile(
    r"(?:\s*[,;]\s*(?:(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+)?"
    r"|\s+(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+)"
    r"(?:-\s*)?(?P<n>\d{1,3})(?![\w/%\u2011\u2010-]|[.,]\d|\s*(?:%|per\s*cent|pour\s*cent|por\s*ciento)|\s+(?:de\s+)?"
    + _MONTH + r"\b)"
)

# SYMBOL for scanning (finditer): the same matches and inner groups, faster. It opens with the
# first letter itself instead of a look-ahead, so the regex engine skips in C to the next a/e/s/g
# (SYMBOL tries every position); each alternative checks that letter with a look-behind. Its
# outer groups (ares, undoc, …) therefore lack that letter: they only say which form matched.
SYMBOL_SCAN = re.compile(
    rf"[aesg{_SERIES_FIRSTS}](?<![\w/].)(?<![^\d]-.)(?:"
    r"(?<=a)(?P<ares>\s*/\s*res\s*/\s*(?P<ares_s>\d{1,3})\s*/\s*(?P<ares_n>\d{1,4}))"
    r"|(?<=a)(?P<aresold>\s*/\s*res\s*/\s*(?P<aold_n>\d{1,4})\s*\(\s*(?:(?P<aold_s>e?s)\s*-\s*)?(?P<aold_r>[ivxlc]{1,7})\s*\))"
    r"|(?<=a)(?P<ares_es>\s*/\s*res\s*/\s*e?s\s*-\s*\d{1,2}\s*/\s*\d{1,4})"
    r"|(?<=a)(?P<adec>\s*/\s*dec\s*/\s*(?P<adec_s>\d{1,3})\s*/\s*(?P<adec_n>\d{1,4}))"
    r"|(?<=s)(?P<sres>\s*/\s*res\s*/\s*(?P<sres_n>\d{1,4})\s*\(\s*(?P<sres_y>(?:19|20)\d{2})\s*\))"
    r"|(?<=e)(?P<eresy>\s*/\s*res\s*/\s*(?:19[4-7]\d)\s*/\s*(?P<eresy_n>\d{1,4})\s*\(\s*(?P<eresy_r>[ivxlc]{1,7})\s*\))"
    r"|(?<=e)(?P<eres>\s*/\s*res\s*/\s*(?P<eres_y>(?:19|20)\d{2})\s*/\s*(?P<eres_n>\d{1,4}))"
    r"|(?<=e)(?P<eresold>\s*/\s*res\s*/\s*(?P<eold_n>\d{1,4})\s*\(\s*(?P<eold_r>[ivxlc]{1,7})\s*\))"
    r"|(?P<ip>(?:(?<=g)a|(?<=a)g)\s*-\s*(?P<ip_y>(?:19|20)\d{2})\s*-\s*(?:(?P<ip_s>\d{1,3})\s*-\s*)?res\s*-\s*(?P<ip_n>\d{1,3}))"
    r"|(?<=a)(?P<agn>gn\s*/\s*(?P<agn_s>\d{1,3})\s*/\s*(?P<agn_t>res|rap)\s*/\s*(?P<agn_n>\d{1,3}))"
    rf"|(?P<undoc>(?:(?<=[ase])|{_SERIES_SCAN})"
    + _UNDOC_REST + r")"
    r")(?![\w/])"
)

# What every SYMBOL_SCAN match opens with: its first letter, then "/" (`a/res/…`, `s/…`), "a-"/"g-"
# (`ga-…`, `ag-…`) or "gn/" (`agn/…`). The native prefilter looks for this (SYMBOL_SCAN itself is too
# large for it); SYMBOL_SCAN is then tried where it starts. (The segmenter's line patterns look for a
# symbol line by it too: `segment._step_patterns`.)
SYMBOL_OPENING_BODY = rf"(?:[aesg](?:\s*/|[ag]\s*-|gn\s*/)|(?:{_SERIES})/)"
SYMBOL_OPENING = re.compile(rf"\b{SYMBOL_OPENING_BODY}")  # `\b`: SYMBOL_SCAN's look-behind

# Words of the registry's instrument names and mechanism labels that the finder looks for before
# scanning a paragraph with the names pattern (lexicon.needles completes them from the labels).
NAME_NEEDLES = ("conven", "accord", "agree", "acuerdo", "statut", "estatuto", "constitu", "declara",
                "protocol", "covenant", "pact", "2030", "185", "uncac", "untoc", "rules", "regl", "nations", "directrices")
MECHANISM_NEEDLES = ("cyber", "ciberdel", "24/7", "nexus", "notic", "notif")

# Every SYMBOL match contains one of these: a paragraph without either holds no symbol.
SYMBOL_NEEDLES = ("/", "-")

# "its/sa/ses/su/sus resolution" — the issuing body's own.
OWN_BODY = re.compile(r"\b(?:" + _words(w for lang in LANGUAGES for w in lang.possessives) + r")\s+"
                      r"(?:(?:" + _words(w for lang in LANGUAGES for w in lang.own_words) + r")\s+)?$")

# What follows an article's heading on a line of its own ("Article 2" / "The United States …"): the end
# of the line, then a capitalised or numbered line (find._is_heading); and what ends the text before it.
ARTICLE_HEADING_END = re.compile(r"[ \t]*\.?[ \t]*\r?\n\s*[A-Z0-9]")
SENTENCE_ENDS = ".:;"
# Treaty articles: "article 41", "articles 37, 40 and 47", "los artículos 37 y 40", "art. 41"; an old
# agreement's in Roman numerals printed in capitals ("article V of the General Armistice Agreement",
# "articles I and II"; find._articles checks the capitals), and the first in words: "l'article premier",
# "el artículo primero".
_ROMAN_NUMERAL = r"[ivxl]{1,6}(?=[\s,;:.)]|$)"
_NOT_INSERTED = r"(?!\s*(?:bis|ter|quater)\b)"  # "article 14 bis" is an article inserted after 14, not 14
ARTICLE = re.compile(  # `\b(?:articles?|articulos?|arts?\.)`, literal first (see RESOLUTION_WORD)
    r"art(?<!\wart)(?:icles?|iculos?|s?\.)\s+(?P<nums>(?:\d{1,3}(?!\d)" + _NOT_INSERTED + r"|(?P<first>premier|primero)\b|(?P<roman>"
    + _ROMAN_NUMERAL + r"(?:\s*(?:,\s*(?:et|and|y)?|et|and|y)\s*" + _ROMAN_NUMERAL + r")*))(?:\s*\([a-z0-9]{1,3}\))?"
    r"(?:\s*(?:,\s*(?:et|and|y|e)?|et|and|y|e|&|to|a|au|al)\s*\d{1,3}\b" + _NOT_INSERTED + r"(?:\s*\([a-z0-9]{1,3}\))?)*)"
)
ROMAN_IN_LIST = re.compile(r"\b[ivxl]{1,6}\b")  # each numeral of ARTICLE's `roman` group (not its "et", "y")
# The words every match of RESOLUTION_WORD, DECISION_WORD, ARTICLE, CHAPTER opens with, after a
# non-word character (their look-behind): what the native prefilter looks for (find.prefilter_scan).
# The head nouns of instruments' names and the words of an article range, from the languages' data.
INSTRUMENT_KINDS = {noun: kind for lang in LANGUAGES for noun, kind in lang.instrument_nouns.items()}
INSTRUMENT_NOUN = re.compile(r"\b(?:" + "|".join(sorted(INSTRUMENT_KINDS, key=len, reverse=True)) + r")\b")
INSTRUMENT_NEEDLES = tuple(INSTRUMENT_KINDS)  # every INSTRUMENT_NOUN match opens with one
RANGE_WORDS = frozenset(w for lang in LANGUAGES for w in lang.range_words)
# A treaty's name inside another instrument's title: the title's words end right before it (searched in
# the few characters before the name, `$` at the name's start).
# The tokens of an instrument's title after its noun (find._mark_subtitle_names): words ("l'" alone), numbers,
# punctuation; the lower-case words a title holds in any language
TITLE_TOKEN = re.compile(r"[^\W\d_]+['’]|[^\W_]+|[^\w\s]")
TITLE_WORDS = frozenset(w for lang in LANGUAGES for w in lang.title_words)
TITLE_PUNCTUATION = frozenset(",:–-")
SUBTITLE_REACH = 300  # how far a title runs after its noun
# A subtitle that leads to a goal, as the Crime Congress declarations' do ("… : Towards the Achievement of the
# 2030 Agenda", "… : vers la réalisation du Programme de développement durable à l'horizon 2030", "…: hacia el
# cumplimiento de la Agenda 2030"): in a sentence-case title (French) the colon, this lead and the name after it
# tell the title where capitals cannot (find._mark_subtitle_names)
SUBTITLE_LEAD = re.compile(r"\s*:\s*(?:towards|vers|hacia)\s+(?:the|la|le|el|l')\s*[^\W\d_]+\s+"
                           r"(?:of\s+the|du|de\s+la|des|del|de\s+los|de\s+las)\s+$")
SUBTITLE_LEAD_REACH = 60  # characters between the colon and the name
_TITLE_LINKS = r"\b(?:" + _words(w for lang in LANGUAGES for w in lang.title_links) + ")"
IN_TITLE = re.compile(_TITLE_LINKS + r"\s*$")
TITLE_LINK = re.compile(_TITLE_LINKS + r"\s+")  # inside a registry name that holds another treaty's
# A place, a person or a body after "of"/"de" makes a name ("le Statut de Rome", "el Protocolo de
# Kyoto", "the Covenant of the League of Nations", "le Pacte de la Société des Nations"), not an
# acronym ("of INTERPOL") — unfolded text.
NAMED_AFTER_OF = re.compile(r"\s+(?:of|de|del|d'|du|des)\s*(?:(?:the|la|las|los|l')\s*)?([A-ZÀ-Ý][\w'-]*)")
# … an acronym there makes a name too ("el Estatuto de AMERIPOL", "le Statut d'AFRIPOL"), unless it is of
# an organisation whose own instruments the bare noun means ("el Estatuto de la OIPC-INTERPOL").
INTERPOL_ACRONYMS = ("interpol", "oipc", "icpo")  # INTERPOL's names as acronyms, in the three languages
OWN_ACRONYMS = re.compile(r"(?:.*-)?(?:" + "|".join(a.upper() for a in INTERPOL_ACRONYMS) + r"|ONU|UN|NU)(?:-.*)?$")
LONGEST_RANGE = 30  # "Articles 73 to 91 of the Charter"; "articles 1 to 500" is not a range of the genre

RESOLUTION_OPENINGS = (os.path.commonprefix([w for lang in LANGUAGES for w in lang.resolution_words]),
                       RESOLUTION_ABBREVIATION,
                       *([os.path.commonprefix(list(RESOLUTION_ABBREVIATIONS))] if RESOLUTION_ABBREVIATIONS else []))
DECISION_OPENINGS = (os.path.commonprefix([w for lang in LANGUAGES for w in lang.decision_words]),)
ARTICLE_OPENINGS = ("article", "articulo", "art.", "arts.")
CHAPTER_OPENINGS = ("chapter", "chapitre", "capitulo")
ARTICLE_NUMBER = re.compile(r"\d{1,3}")
# Chapters of a treaty, in Roman numerals only ("Chapter VII of the Charter", "chapitres VI et VII",
# "el Capítulo VII"): "chapter 4 of the report" is not a treaty's.
CHAPTER = re.compile(  # `\b(?:chapters?|chapitres?|capitulos?)`, literal first (see RESOLUTION_WORD)
    r"(?:chap(?<!\wchap)(?:ters?|itres?)|capi(?<!\wcapi)tulos?)\s+(?P<nums>[ivxl]{1,5}\b"
    r"(?:\s*(?:,\s*(?:et|and|y)?|et|and|y)\s*[ivxl]{1,5}\b)*)(?!\s*\d)"
)
CHAPTER_NUMBER = re.compile(r"[ivxl]{1,5}")
CHAPTER_HEADING_AFTER = re.compile(r"\s*\.\s*[-–—]")  # after the numeral: a heading's dash follows
CHAPTER_NEEDLES = ("chap", "capi")  # every CHAPTER match holds one
WORD_BEFORE = re.compile(r"([\w'-]+)[^\w(\[]*$")  # the last word of a text (unfolded), not across an opening bracket
SENTENCE_END = re.compile(r"(?:[.;:!?]|\n\s*\n|^)\s*$")  # nothing, or a sentence's end, before a word
SENTENCE_BREAK = re.compile(r"[;!?]|\.\s")  # a sentence's end inside a paragraph (folded text)
YEAR_IN_NAME = re.compile(r"(?<!\d)(?:18|19|20)\d\d(?!\d)")  # a year, which a dated name holds (find.find_names)
# From the end of an article list to the name of its treaty: ", paragraph 2, of the", " de la ",
# " of that ", " del ", " de cet ".
ARTICLE_OWNER_LINK = re.compile(
    # (a letter item as Spanish texts print it, "artículo 91 f) de la Carta": ARTICLE reads "(f)" only)
    r"\s*(?:[a-z]\)\s*,?\s*)?(?:,?\s*(?:paragraphs?|paragraphes?|parrafos?|paras?\.?|alineas?|sub-?paragraph)\s+\d{1,3}(?:\s*\([a-z]\))?\s*,?)?"
    r"\s*(?:of|de|du|del|des|to|from|under|en\s+virtud\s+del?|dudit|desdits|desdites)\s+"
    r"(?:(?:the|la|le|l'|el|that|this|cet|cette|ce|said|ladite|ledit|dicha|dicho|esa|ese|esta|este|present|presente|susdite|"
    r"its|son|sa|su|"
    r"meme|mismo|misma|aforesaid|aforementioned|above-mentioned|citad[ao]|mencionad[ao]|referid[ao])"
    # (a whole word: "la" must not stop inside "ladite", nor "cet" inside "cette", or the owner's name
    # after them — "de ladite Convention unique" — would be looked for in the determiner)
    r"(?:(?<=')|(?![a-z]))\s*)*"
)
# What an article's owner link leads to when no instrument the finder knows stands there: the name
# of another one ("… of the Statute of the International Court of Justice", "… du Pacte …"), or a
# document that is no instrument ("chapter VII of its report", "chapters VIII and IX of the provisional
# rules of procedure": CR-UNSC 325, 345).
UNKNOWN_OWNER = re.compile(r"(?:statute|statut|estatuto|pacte|pact|pacto|protocol|protocole|protocolo|"
                           r"reports?|rapports?|informes?|(?:provisional\s+)?rules|codes?|codigos?|"
                           r"treaty|traite|tratado|covenant|reglement|reglamento|rpd|"
                           r"(?:general\s+|financial\s+|staff\s+)?regulations|interpol's\s+(?:rules|regulations))\b")
# An acronym as an article's owner ("el artículo VI de la CIFTA", "article 14 of the ICCPR"): when no registry
# name stands there, an instrument we do not know (unfolded text)
ACRONYM_OWNER = re.compile(r"[A-Z]{3,}(?![\w'’-])")  # (not "INTERPOL's Constitution")
THEREOF = re.compile(r"\s*,?\s*(?:thereof|de\s+celle-ci|de\s+celui-ci|de\s+esta|de\s+la\s+misma|de\s+dicha\s+convencion)\b")
INDEFINITE_BEFORE = re.compile(r"(?<![\w'])(?:" + _words(w for lang in LANGUAGES for w in lang.indefinite_articles) + r")\s+$")
# … with up to three words between ("a comprehensive international convention against …"), read only where the
# instrument's noun is in lower case in the text (a description, not the name)
INDEFINITE_REACH = 60
INDEFINITE_ADJECTIVES_BEFORE = re.compile(r"(?<![\w'])(?:" + _words(w for lang in LANGUAGES for w in lang.indefinite_articles)
                                          + r")\s+(?:(?!(?:of|the|to|for|on|de|la|le|les|des|du|el|los|las|del|al)\s)[a-z-]+\s+){1,3}$")
# A plural head noun and the list of places around it (find._plural_names): the places after it in French
# and Spanish, separated as list items are, each after "de"/"d'"; before it in English, after "the".
PLURAL_NOUNS = {p: s for lang in LANGUAGES for p, s in lang.plural_nouns.items()}
PLURAL_NOUN = re.compile(r"\b(?:" + "|".join(sorted(PLURAL_NOUNS, key=len, reverse=True)) + r")\b")
PLACE_SEPARATOR = re.compile(r"\s*,\s*(?:(?:et|y|and)\s+)?|\s+(?:et|y|and)\s+")
PLACE_LEAD = re.compile(r"\s*(?:de\s+|d'\s*)")
THE_BEFORE_PLACES = re.compile(r"\bthe\s+")
PLACE_LIST_END = re.compile(r"[;:.()]")
# A pronoun for an instrument noun named before it, and its link to the place or year (find._pronoun_names);
# the lexicon adds the places and years its names hold (Lexicon.pronoun_re)
NOUN_PRONOUNS = {w: plural for lang in LANGUAGES for w, plural in lang.noun_pronouns.items()}
# (no look-behind first, which would make `re` try every position: the finder checks the character before)
NOUN_PRONOUN_HEAD = (r"(?P<pronoun>" + _words(sorted(NOUN_PRONOUNS, key=len, reverse=True))
                     + r")\s+(?:de\s+|d'\s*|of\s+)")
WORD_CHAR_BEFORE = re.compile(r"[\w'-]")
PLACE_REACH = 90  # how far a list of places reaches from its noun
PLACE_WORDS = 3  # the most words of one place ("la haye", "the hague")
# Between two article references of one list: ", paragraph 2, and the", " et l'", ", y el ".
ARTICLE_JOIN = re.compile(
    r"\s*(?:,?\s*(?:paragraphs?|paragraphes?|parrafos?|alineas?)\s+\d{1,3}\s*)?,?\s*(?:"
    + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+(?:the\s+|l'\s*|el\s+|les\s+|los\s+)?")
RESPECTIVELY = re.compile(r"\s*,?\s*(?:" + _words(w for lang in LANGUAGES for w in lang.respectively_words) + r")\b")
ARTICLE_ANAPHOR = re.compile(r"\b(?:" + _words(sorted({w for lang in LANGUAGES for w in lang.article_anaphors}, key=len,
                                                        reverse=True)) + r")\s+$")
WHOSE = re.compile(r"\b(?:cuyo|cuya|cuyos|cuyas|dont\s+l'|dont\s+les|whose)\s*$")
WHOSE_CHARTER = re.compile(r"\b(?:dont|whose|cuya)\s+$")  # before "la Charte", "Charter", "Carta": a body's own
# … unless that body is the United Nations ("l'Organisation des Nations Unies, dont la Charte …")
UN_NAMES_BEFORE_WHOSE = ("nations unies", "united nations", "naciones unidas", "organisation", "organization",
                         "organizacion")

# Anaphora: "la Convention", "that Convention", "le Pacte", "el Protocolo", "cet instrument", "both
# Conventions", and year-qualified ones ("the 1951 Convention", "la Convention de 1951", "el Protocolo
# de 1967"). The nouns are the languages' instrument nouns (`INSTRUMENT_KINDS`, languages.py); the
# registry says which instrument each may refer back to (rg:anaphorNoun).
# Every alternative opens with one of the letters of the look-ahead, which spares the engine the
# ~50 alternatives at most word starts (40 % faster scan, same matches).
# Not "the Treaty", "le traité", "el Tratado": no instrument the registry holds is called so (no
# rg:anaphorNoun; tests/test_anaphora.py checks that every noun it declares is here), and each
# alternative costs the prefilter's compilation (~25 ms at start-up each). "la Constitución" is INTERPOL's
# Constitution in its Spanish texts (NOUN_KINDS).
# Nor an organization's own rules ("the Rules", "le Règlement": kind "Rules", never cited).
INSTRUMENT_WORDS = frozenset(("instrument", "instrumento"))  # any instrument ("these instruments" is often none)
ANAPHOR_NOUNS = tuple(sorted(({n for n, kind in INSTRUMENT_KINDS.items() if kind != "Rules"}
                              | INSTRUMENT_WORDS) - {"traite", "treaty", "tratado"},
                             key=lambda noun: (-len(noun), noun)))  # a fixed order: the prefilter cache key
# Plurals of the nouns a group anaphor counts ("both Conventions", "les deux Pactes") → the noun.
GROUP_NOUNS = {"conventions": "convention", "convenciones": "convencion", "convenios": "convenio",
               "instruments": "instrument", "instrumentos": "instrumento", "covenants": "covenant",
               "pactes": "pacte", "pactos": "pacto", "protocols": "protocol", "protocoles": "protocole",
               "protocolos": "protocolo"}
_YEAR = r"(?:18|19|20)\d\d"
# A plural instrument noun that words after it point back with (find._pointed_plurals): "the conventions referred
# to above", "les Conventions des Nations Unies susmentionnées", "los convenios antes mencionados"
POINTED_PLURAL = re.compile(
    r"\b(?:the|les|las|los|des|aux|de\s+las|de\s+los|a\s+las|a\s+los)\s+(?P<plural>" + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True))
    + r")(?:\s+(?:des\s+nations\s+unies|de\s+las\s+naciones\s+unidas))?\s+(?:referred\s+to\s+above|mentioned\s+above|"
    r"cited\s+above|susmentionnee?s|susvisee?s|precitee?s|(?:antes\s+)?(?:mencionad|citad|precitad)[ao]s)\b")
POINTED_PLURAL_NEEDLES = ("above", "susmention", "susvis", "precit", "mencionad", "citad")  # every match holds one
# Determiners of several words that point back ("the above-mentioned Convention", "la citada Convención",
# "el referido Convenio", "la susdite Convention"), as regular expressions of folded text.
_POINTING_BACK = (r"the\s+above(?:-|\s+)?mentioned", r"the\s+aforesaid", r"the\s+aforementioned",
                  r"la\s+susdite", r"le\s+susdit", r"(?:la|el|del|al)\s+(?:antes\s+)?(?:citad|mencionad|referid|precitad)[ao]")
ANAPHOR = re.compile(
    r"\b(?=[abcdefilst])(?:(?P<det>la|le|l'|the|that|this|cette|cet|ce|ladite|ledit|dudit|dicha|dicho|esa|ese|"
    r"esta|este|el|said|aforementioned|cette\s+meme|la\s+meme|le\s+meme|du\s+meme|la\s+misma|el\s+mismo|dite|du|"
    r"del|au|al|"
    + "|".join(_POINTING_BACK) + r")\s*"
    # (a footnote mark may stick to the noun: "la Convention3")
    rf"(?:(?P<year>{_YEAR})\s+)?(?P<noun>{'|'.join(ANAPHOR_NOUNS)})(?![^\W\d_])(?:\s+(?:de|of)\s+(?P<year2>{_YEAR})\b)?"
    r"|(?P<group>(?:both|the\s+two|these\s+two|those\s+two|the\s+three|these\s+three|all\s+three|"
    r"(?:les|ces|aux|des)\s+(?:deux|trois)|(?:las|los|a\s+las|a\s+los|de\s+las|de\s+los|estas|estos)\s+(?:dos|tres)|"
    # "the Convention and its three Protocols", "et ses trois Protocoles", "y sus tres protocolos"
    r"(?:its|their)\s+(?:two|three)|(?:ses|leurs)\s+(?:deux|trois)|sus\s+(?:dos|tres)|"
    r"ambas|ambos|(?:a|de)\s+amb[ao]s|"
    # "dichos Protocolos", "these Conventions", "lesdits Protocoles": as many as were named together
    # (resolve); find._anaphora wants the noun capitalised
    # (the words themselves, without "the", "les", "los": each alternative costs the prefilter's compilation,
    # and plain words, which it compiles faster than optional parts)
    r"(?P<these>these|those|said|aforesaid|aforementioned|above-mentioned|ces|lesdits|lesdites|desdits|desdites|susdits|susdites|"
    r"dichos|dichas|estos|estas|esos|esas))\s+(?P<plural>" + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True)) + r"))\b"
    # "the first of those Conventions", "la deuxième de ces conventions", "el segundo de dichos convenios": the
    # n-th of the instruments of that noun named together (resolve)
    r"|(?:the\s+|la\s+|le\s+|el\s+)?(?P<ordinal>first|second|third|premiere|premier|deuxieme|seconde|second|"
    r"troisieme|primera|primero|segunda|segundo|tercera|tercero)\s+(?:of|de)\s+(?:these|those|the|ces|esas|esos|"
    r"estas|estos|dichas|dichos|las|los)\s+(?:(?:two|three|deux|trois|dos|tres)\s+)?(?P<ordinal_plural>"
    + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True)) + r")\b"
    r"|(?P<order>(?:the\s+)?(?:former|latter)|la\s+premiere|le\s+premier|la\s+seconde|la\s+derniere|"
    r"le\s+dernier|la\s+primera|el\s+primero|la\s+segunda|esta\s+ultima|la\s+ultima)\b"
    # "the Charter", "Charter principles", "la Charte", "la Carta": capitalised and on its own, the
    # Charter of the United Nations (find._anaphora checks the capital and what stands around it)
    r"|(?P<charter>(?:(?:the|that|this|said|la|cette|ladite|dicha|esta|esa)\s+)?(?:charter|charte|carta))\b)"
)
# A noun right after "la première", "la primera", "la dernière" makes it an ordinal adjective ("la primera definición
# convenida", "la première session", "la última vez"), not "the former"/"the latter": nouns by their endings, and
# the few short ones of the genre
ORDER_NOUN_AFTER = re.compile(r"\s+[a-z]*(?:cion|sion|tion|ite|idad|ment|ence|encia|ance|ancia|ure|ura|eza|"
                              r"\bfois|\bvez|\betape|\betapa|\bfase|\bphase|\bpartie|\bparte|\bannee|\bano|\bronda)\b")
CAPITALISED_AFTER = re.compile(r"[ \t]+(\w)")  # … or a capital, part of a name ("la Primera Reunión de …"; unfolded)
# The determiners before an anaphor noun of several words the registry declares ("the General
# Armistice Agreement" after "the General Armistice Agreement between Israel and Syria"; lexicon.py).
PHRASE_ANAPHOR_DETERMINERS = (r"the|that|this|said|la|le|l'|du|au|cette|ladite|ledit|dudit|el|del|al|dicha|dicho|esa|ese|esta|este")
# English puts what tells the instrument between the words that point back and the noun: "the
# above-mentioned Geneva Convention", "the said Hague Convention" (find._unknown_names; folded text that
# ends where the capitalised words start)
QUALIFIED_ANAPHOR_DET = re.compile(
    r"(?<![\w-])(?:" + "|".join(_POINTING_BACK[:3]) + r"|(?:the\s+)?said|that|this)\s+$")
# … and French and Spanish put "of the United Nations" after the noun: "la Convention des Nations Unies", "la
# Convención de las Naciones Unidas" alone (no name goes on after it), the qualifier the word `un`
UN_QUALIFIER = re.compile(r"\s+(?:des|de\s+las)\s+(?P<words>nations\s+unies|naciones\s+unidas)(?![\w-])")
QUALIFIED_ANAPHOR_REACH = 25  # characters before the capitalised words in which those may stand
QUALIFIER_WORD = re.compile(r"[a-z0-9]+")  # the words of a qualifier and of the names it is looked for in (folded)
# What follows an instrument noun that opens an unknown name, to the clause's end ("el Convenio *para la Represión de
# la Financiación del Terrorismo*, y aplicar …"): a name shortened from one named before holds only its words
# (resolve.Resolver._shortened)
NAME_REST_REACH = 150
NAME_REST = re.compile(r"[^,;.()\n]*(?:\n(?![ \t]*\n)[^,;.()\n]*)*")
SHORTENED_NAME_WORDS = 2  # the content words (longer than three letters) it must hold at least
# The determiners of ANAPHOR that point back: after one of them the noun is an anaphor even when words
# that would make it a name follow ("article 12 of that Convention on confiscation and seizure").
DEMONSTRATIVES = frozenset(("that", "this", "said", "aforementioned", "cette", "cet", "ce", "ladite", "ledit",
                            "dicha", "dicho", "esa", "ese", "esta", "este", "cette meme", "la meme", "le meme",
                            "du meme", "la misma", "el mismo"))
POINTING_BACK = re.compile("|".join(_POINTING_BACK))  # … and these, which point back as they do
# Every ANAPHOR match contains one of these (part of its noun, or its "former"/"latter" word), so a
# paragraph that contains none need not be scanned (two paragraphs in three).
ANAPHOR_KEYS = tuple(n for n in ANAPHOR_NOUNS if not any(o != n and o in n for o in ANAPHOR_NOUNS)) + (
    "former", "latter", "premi", "seconde", "dernier", "primer", "segunda", "ultima", "charte", "carta")
# A treaty named inside a protocol's name ("Optional Protocol to the Convention on the Rights of the
# Child", "Protocole facultatif se rapportant à la Convention …", "Protocolo Facultativo de la
# Convención …", "Protocol … amending the Single Convention"): the text before the treaty's name
# (folded), up to five words between the noun and the link, none a conjunction ("the Protocol and the
# Convention" names both). PROTOCOL_NEEDLE: what that text must hold.
PROTOCOL_NEEDLE = "protocol"
PART_OF_PROTOCOL = re.compile(
    r"\bprotocol(?:e|o)?s?(?:\s+(?!(?:and|et|y|e|or|ou|o|as|ainsi|asi)\b)[^\s,;:()]+){0,5}?\s+"
    r"(?:to|a|au|aux|de|del|amending|modifiant|portant\s+modification\s+de|que\s+modifica|de\s+modificacion\s+de)\s+"
    r"(?:(?:the|la|le|les|l'|el|los|las)\s*)?$"
)
PROTOCOL_REACH = 90  # characters before a treaty's name in which its protocol's noun may stand
# The year at the end of a key (`convention:refugees-1951`): the year of adoption (DESIGN.md).
KEY_YEAR = re.compile(r"-((?:18|19|20)\d\d)$")
# What makes "Charter" part of another name: a capitalised word before it ("Atlantic Charter",
# "African Charter"), or "of"/"de"/"on" after it ("the Charter of the Organization of African Unity",
# "Charter of Economic Rights and Duties of States", "la carta de fecha …" — a letter).
CHARTER_WORD = re.compile(r"\b(?:charter|charte|carta)\b")
CHARTER_BACK_REACH = 3000  # how far back "that Charter" looks for the Charter it points to
UN_NAME_AFTER = re.compile(rf"\s+{_OF_THE_UN}\b")
CHARTER_NAME_AFTER = re.compile(r"\s*(?:(?:of|de|del|des|du|on|sur|sobre|for|pour|para)\b|d')")
# … only when a name follows the word (a capital or a year after any article: "for European Security", "de
# l'OUA", "de París", "of 1990"), or a letter's date ("la carta de fecha …"); "primary responsibility under the
# Charter for the maintenance of international peace and security" is the United Nations' (unfolded text)
CHARTER_NAME_FOLLOWS = re.compile(r"\s*(?i:the|la|las|los|el|le|les|l['’])?\s*(?:[A-ZÀ-Ý0-9]|(?i:fecha)\b)")
# The Charter as the end of a declaration's title ("Declaration on Principles of International Law
# concerning Friendly Relations … in accordance with the Charter of the United Nations", "Déclaration
# relative aux principes … conformément à la Charte des Nations Unies", "Declaración sobre los
# principios … de conformidad con la Carta …"): part of that title, not a citation of the Charter.
# Searched in the folded text that ends where the Charter's name starts; the title has no punctuation.
CHARTER_TITLE_END = re.compile(r"\b(?:declaration|declaracion)\s[^,;:.()]{0,240}?\s(?:in\s+accordance\s+with|"
                               r"conformement\s+a|de\s+conformidad\s+con)\s+(?:the\s+|la\s+)?$")
CHARTER_TITLE_REACH = 300  # how far back a declaration's title may open
CHARTER_KEY = "un:charter"
INTERPOL_CONSTITUTION_KEY = "interpol:constitution"
# "… INTERPOL … l'article 3 de son Statut", "article 2 of its Constitution": the possessive's owner is
# INTERPOL when its sentence names INTERPOL before (find._part)
OWN_CONSTITUTION = re.compile(r"\s*,?\s*(?:of|de|del|du)\s+(?:its|son|sa|su)\s+(?:constitution|statute|statut|estatuto|"
                              r"constitucion)\b")
# "son Statut", "its Constitution", "su Estatuto" not after "of"/"de" (an article's owner is read with the article)
OWN_STATUTE_BEFORE = re.compile(r"(?<!\bof )(?<!\bde )(?<!\bdu )(?<!\bdel )\b(?:its|son|sa|su)\s+$")
# INTERPOL named in a sentence: its acronyms or its full name ("the International Criminal Police Organization …,
# in conformity with Articles 2 and 41 of its Constitution", a General Assembly text of 1990)
INTERPOL_NAMED = re.compile(r"\b(?:" + "|".join(INTERPOL_ACRONYMS) + r"|international\s+criminal\s+police\s+organi[sz]ation|"
                            r"organisation\s+internationale\s+de\s+police\s+criminelle|"
                            r"organizacion\s+internacional\s+de\s+policia\s+criminal)\b")
# "d'INTERPOL, dont le Statut interdit, en son article 3", "INTERPOL, whose Constitution …, in its article 3",
# "INTERPOL, cuyo Estatuto …, en su artículo 3": the possessive's owner is INTERPOL's Constitution
INTERPOL_WHOSE_CONSTITUTION = re.compile(
    r"\b(?:" + "|".join(INTERPOL_ACRONYMS) + r")\s*,?\s*(?:dont\s+le|whose|cuyo)\s+"
    r"(?:statut|statute|constitution|estatuto|constitucion)\b")
# Kinds of instrument the resolver gives some keys, over the registry's: the Charter is a treaty, but
# "the Convention" never refers back to it, nor does "the Charter" to a convention.
KEY_KINDS = {CHARTER_KEY: "Charter"}
GROUP_SIZE = re.compile(r"\b(?:three|trois|tres)\b")
ORDINALS = {"first": 1, "premier": 1, "premiere": 1, "primero": 1, "primera": 1, "second": 2, "seconde": 2,
            "deuxieme": 2, "segundo": 2, "segunda": 2, "third": 3, "troisieme": 3, "tercero": 3, "tercera": 3}
# A noun the text defines for the instrument just named: "(“the Convention”)", "(hereinafter “the Convention”)",
# "(ci-après « la Convention »)", "(en lo sucesivo, “la Convención”)" (folded text; resolve.Resolver.defined).
DEFINED_AS = re.compile(
    r"\s*\(\s*(?:(?:hereinafter|ci-apres|en\s+lo\s+sucesivo|en\s+adelante)\s*,?\s*(?:(?:referred\s+to\s+as|"
    r"denommee?|denominad[oa])\s+)?)?[\"“”«]\s*(?:the|la|le|el|l')\s*(?P<noun>[a-z]+)\s*[\"“”»]\s*\)")
# The year an instrument the registry does not know was adopted or signed, in the clause after its name ("…
# des biens culturels, adoptée par la Conférence générale de l'UNESCO en 1970", "…, signed at Rome in 1995"):
# "la Convention de 1970" after it is that one (resolve.Resolver._dated)
ADOPTED_IN_REACH = 400
ADOPTED_WORD = re.compile(r",\s*(?:adopted|signed|concluded|adoptee?s?|signee?s?|conclue?s?|adoptad[ao]s?|firmad[ao]s?|"
                          r"suscrit[ao]s?)\b")
# … and its year, before the next item of a list (", et la …", ", and the …") or the clause's end
ADOPTED_YEAR = re.compile(r"(?:(?!,\s*(?:and|et|y|ainsi|as\s+well|asi)\b)[^;]){0,200}?\b(?:in|en|el\s+ano)\s+((?:19|20)\d\d)\b")
# After an anaphor noun, these start the name of another (unknown) instrument: not an anaphor then.
ANAPHOR_BLOCKER = re.compile(
    # (a bracket opens a name's rest, "the Convention (No. 182)", but not a document's symbol: "aplicar la
    # Estrategia (A/80/826)" is the report on it)
    r"\s*(?:\((?!\s*[aes]\s*/)|on\b|against\b|for\b|relating\b|concerning\b|relative\b|sur\b|contre\b|pour\b|sobre\b|"
    r"concernant\b|concerniente\b|visant\s+a\b|para\s+(?:la|el|los|las|prevenir|reprimir|combatir|eliminar|proteger)\b|"
    r"contra\b|relativa\b|relatif\b|des\s+nations\s+unies|of\s+the\s+united\s+nations|de\s+las\s+naciones|"
    r"du\s+conseil|of\s+the\s+council|del\s+consejo|internationale?\b|international\b|europeenne?\b|"
    r"european\b|interamericana\b|americaine\b|american\b|africaine\b|african\b|arabe\b|arab\b|"
    r"universelle\b|universal\b|de\s+(?:19|20)\d\d|of\s+(?:19|20)\d\d|unique\b|single\b|generale?\b|"
    # "la Convention de sauvegarde des droits de l'homme", "… d'entraide sur …": a name goes on after a
    # common noun ("de manière efficace", "de bonne foi" are no name: no "des"/"du"/"sur" after them)
    r"d(?:e\s+|')[a-z]+\s+(?:sur|sobre|des|du|de\s+la|de\s+l')\b|"
    # a protocol's name goes on after its noun: "le Protocole facultatif à …", "the Protocol to the …"
    r"facultati(?:f|ve|vo|va)\b|additionnel\b|adicional\b|optional\b|additional\b|to\s+the\b|"
    # "the Convention relating to the Status of Refugees and the Protocol thereto": the protocol of the
    # treaty just named, not the Protocol named before
    r"thereto\b|s'y\s+rapportant\b)"
)
# An English name goes on after its noun in capitals ("the Protocol on Explosive Remnants of War", "the
# Convention for the Suppression of …"); a preposition and a lower-case word after the noun are what the
# sentence says of the instrument named before ("article 12 of the Protocol on information"). Unfolded
# text, right after an ANAPHOR_BLOCKER match of one of these words; French and Spanish names go on in
# lower case, so their prepositions are not here.
LOWER_CASE_TOPIC = re.compile(r"(?:(?<=\bon)|(?<=\bfor)|(?<=\bagainst)|(?<=\bconcerning))\s+(?:(?:the|a|an)\s+)?(?!(?:the|a|an)\b)[a-z]")
# The kinds of instrument a bare noun may also refer back to when no instrument that declares the noun
# (rg:anaphorNoun, or the head noun of an unknown name) was named before: "the Convention" any treaty,
# "la Déclaration" any declaration. The other nouns ("the Covenant", "the Protocol", "the Statute")
# refer only to an instrument that declares them: "the Protocol" is never the Convention it supplements.
NOUN_KINDS = {
    "charter": ("Charter",), "charte": ("Charter",), "carta": ("Charter",),
    "convention": ("Treaty",), "convencion": ("Treaty",), "convenio": ("Treaty",),
    "instrument": ("Treaty", "Agreement", "Declaration", "Constitution"),
    "instrumento": ("Treaty", "Agreement", "Declaration", "Constitution"),
    "accord": ("Agreement",), "agreement": ("Agreement",), "acuerdo": ("Agreement",),
    "declaration": ("Declaration",), "declaracion": ("Declaration",),
    "statut": ("Constitution",), "constitution": ("Constitution",), "estatuto": ("Constitution",),
    "constitucion": ("Constitution",),
}
# Nouns that must be capitalised in the source to count ("the convention" in lower case is generic).
CAPITALISED_NOUNS = frozenset(INSTRUMENT_KINDS)
# Words near an anaphor that make it a mention of the treaty as a whole (parties, ratification…).
WHOLE_TREATY_CUE = re.compile(
    r"parti(?:e|es)\b|parties\b|partes\b|ratif|adhe|accession|acced|adoption|adopt|aprobacion|"
    r"signature|sign|firma|entry\s+into\s+force|entree\s+en\s+vigueur|entrada\s+en\s+vigor|"
    r"mise\s+en\s+oeuvre|implementation|aplicacion"
)
# Between two instruments of one coordination ("ratificar la Convención de Palermo y los dos Protocolos"):
# what the first is said to be (ratified, joined…) is said of the second.
COORDINATED = re.compile(r"\s*,?\s*(?:" + _words(w for lang in LANGUAGES for w in lang.conjunctions) + r")\s+$")
# Title words that say the resolution implements / supports a treaty.
IMPLEMENTS_CUE = re.compile(
    r"mise\s+en\s+oeuvre|implement|application|aplicacion|ratification|ratificacion|support|soutenir|"
    r"soutien|apoyo|apoyar|promouvoir|promot|entree\s+en\s+vigueur|entry\s+into\s+force"
)

# --- the layout of a resolution: lines of the header, the body and the footer (folded text) ------
CHAPEAU = re.compile(
    r"^\s*(?:l'|le\s+|la\s+|the\s+|el\s+)(?:(?:icpo|oipc)\s*-\s*interpol\s+)?"
    r"(?:assemblee\s+generale|general\s+assembly|asamblea\s+general|conseil\s+de\s+securite|"
    r"security\s+council|consejo\s+de\s+seguridad|conseil\s+economique\s+et\s+social|"
    r"economic\s+and\s+social\s+council|consejo\s+economico\s+y\s+social|comite\s+executif|"
    r"executive\s+committee|comite\s+ejecutivo|commission|commission\s+on|comision)\b"
)
# … anywhere on a line (after a web page's chrome: "date 2024-09 La Asamblea General,"; segment._leading_fragment)
CHAPEAU_ANYWHERE = re.compile(CHAPEAU.pattern.replace(r"^\s*", r"\b", 1))
NUMBERED = re.compile(r"^\s*(?:[-–•·]\s*)?(\d{1,3})\s*[.)](?:\s+(?=\S)|(?=[^\W\d_]{3}))")  # (also "1.Commends")
# A bullet as a page, a word processor or a paste prints it: "•", "▪", "●", "◦", "○", "■", "‣", "⁃" and the
# private-use symbols of Word's Symbol and Wingdings fonts (U+F0B7, U+F0A7) that a paste from Word keeps.
BULLET = re.compile("^\\s*[-–•·▪●◦○■‣⁃\uf0b7\uf0a7]\\s+(?=\\S)")
# Page furniture: page numbers ("Page 2/3", "- 2 -", "2/3"), UN job numbers ("25-21344 (F)") and their date
# stamps ("151123", on a line of their own in `pdftotext` without -layout),
# rules of underscores, a scanned page's edge or column rule read as "|", or several of these on one line.
_PAGE_NUMBER = r"pag(?:e|ina)\s+\d+(?:\s*(?:/|of|sur|de)\s*\d+)?"
_FURNITURE_TOKEN = (rf"(?:{_PAGE_NUMBER}|-\s*\d+\s*-|\d+\s*/\s*\d+|\d{{1,3}}|\d{{6}}|"
                    r"\d{2}-\d{5}(?:\s*\([a-z]\))?|\*\d+\*|[_\-–—=*.·]{3,}|[|¦]{1,3}|/\s*(?:\.{3}|…))")  # ("/...": "go on")
PAGE_FURNITURE = re.compile(rf"^\s*(?:distr(?![a-z])\.?\s*:?.*|{_FURNITURE_TOKEN}(?:\s+{_FURNITURE_TOKEN})*)\s*$")
# Another organisation's page foot or head: its symbol, a wide gap, the page ("CARICOM/CONSLE/28/2025
# Page 1 of 2", "CM/Res.1714 (LXX)   Page 2")
SYMBOL_AND_PAGE = re.compile(rf"^\s*[a-z][\w.()-]*/\S*\s{{3,}}{_PAGE_NUMBER}\s*$")
# The symbol of a resolution alone on its line (an even page's head; segment._symbol_first_heads), how far
# into a document its title is printed, and the longest running-head title.
SYMBOL_ALONE_LINE = re.compile(r"[ \t]*[aes]/res/\S+(?: \(\d{4}\))?[ \t]*")  # fullmatch on a line
TITLE_REACH = 1500
HEAD_TITLE_LONGEST = 120
# A running head: the document's symbol, then a wide gap and the short title.
RUNNING_HEAD = re.compile(r"^\s*(?:[aes]/res/\S+|(?:ga|ag)-\d{4}-\S+|agn/\S+)\s{3,}\S")
# The running head of an odd page: the short title, a wide gap, the symbol at the line's end (searched
# in the whole folded text, so it opens with literal blanks, which the engine looks for fast, and takes
# the rest of a run of blanks possessively, or every blank of an indent would start a new try; the title
# may wrap onto the lines above, the symbol on the last one).
RUNNING_HEAD_LAST = re.compile(r"   [ \t]*+(?:[aes]/res/\S+(?: \(\d{4}\))?|(?:ga|ag)-\d{4}-\S+|agn/\S+)[ \t]*$", re.M)
# The closing adoption line: "Adoptée : 134 voix pour…", "Adopted.", "Adopted by consensus",
# "Aprobada: 121 votos…". A wrapped line that merely starts with "adopted" is not one (see segment()).
_ADOPTED = r"^\s*(?:adoptee?s?|adopted|aprobad[oa]s?|approuvee?s?)\s*"
VOTE_STRONG = re.compile(
    _ADOPTED + r"(?::|\.\s*$|$|.*\b\d+\s+(?:voix|votes?|votos)\b|"
    r"(?:by|par|por)\s+(?:consensus|consenso|acclamation|aclamacion)|without\s+a\s+vote|sans\s+vote|sin\s+votacion)"
)
VOTE_LINE = re.compile(
    _ADOPTED + r"(?::|\.\s*$|$|par\s+(?:\d|consensus|acclamation)|"
    r"by\s+(?:a\s+)?(?:\d|consensus|acclamation|recorded|vote|the\s+(?:security\s+council|general\s+assembly|"
    r"economic))|por\s+(?:\d|consenso|aclamacion)|sin\s+votacion|without\s+a\s+vote|sans\s+vote|"
    r"a\s+la\s+\d|at\s+(?:its|the)\s+\d|le\s+\d|on\s+\d|el\s+\d)"
)
PLENARY_LINE = re.compile(
    r"^\s*\d{1,4}\s*(?:st|nd|rd|th|e|eme|re|a|ª|º|\.a)?\s*"
    r"(?:plenary\s+meeting|seance\s+pleniere|sesion\s+plenaria|meeting|seance|sesion)\s*$"
)
DATE_ONLY = re.compile(rf"^\s*(?:{DATE.pattern})\s*$")
OBJECT_LINE = re.compile(r"^\s*(?:<[^>]*>\s*)*(?:objet|subject|asunto|object|objeto|sujet)\s*(?:<[^>]*>\s*)*:\s*")
UN_TITLE_LINE = re.compile(r"^\s*(?:(\d{1,3})/(\d{1,4})|((?:19|20)\d{2})/(\d{1,4}))\s*\.\s+(?=\S)")
# … as a web page's first line prints it, without the full stop: "52/91 Préparatifs du dixième Congrès …" (the
# title's capital decides, header._titles)
UN_TITLE_LINE_NO_STOP = re.compile(r"^\s*(?:(\d{1,3})/(\d{1,4})|((?:19|20)\d{2})/(\d{1,4}))\s+(?=\S)")
RESOLUTION_NUMBER_LINE = re.compile(
    r"^\s*(?:resolution|resolucion)\s+(?:n[\s.°ºo:]{0,5}|no\.?\s*|number\s+|numero\s+)?(\d{1,4})\s*(?:\((\d{4})\))?\s*$"
)
TAG = re.compile(r"<[^>]{0,40}>")
SESSION_NUMBER = re.compile(
    r"(\d{1,3})\s*(?:st|nd|rd|th|e|eme|er|re|a|ª|º)?\s*\.?\s*(?:ª|º|a)?\s*"
    r"(?:session|reunion|periodo\s+de\s+sesiones|general\s+assembly\s+session)"
)
PLACE = re.compile(  # capitalised words, joined by the small words of names ("Rio de Janeiro", "Punta del Este")
    r"\b(?:à|a|in|en|at)\s+((?:[A-ZÉÈÎ][\w'’\-]*)(?:[ -](?:(?:de|del|la|upon|am|sur|es|y)[ -])*[A-ZÉÈÎ][\w'’\-]*)*)"
)
VOTES = [
    re.compile(r"(\d+)\s+voix\s+pour\s*,?\s*(\d+)\s+(?:voix\s+)?contre\s*,?\s*(?:et\s+)?(\d+)\s+abstentions?"),
    re.compile(r"(\d+)\s+votes?\s+(?:for|in\s+favou?r)\s*,?\s*(\d+)\s+(?:votes?\s+)?against\s*,?\s*(?:and\s+)?(\d+)\s+abstentions?"),
    re.compile(r"(\d+)\s+votos?\s+a\s+favor\s*,?\s*(\d+)\s+(?:votos?\s+)?en\s+contra\s*,?\s*(?:y\s+)?(\d+)\s+abstenci(?:ones|on)"),
    re.compile(r"recorded\s+vote\s+of\s+(\d+)\s+to\s+(\d+)\s*,?\s*with\s+(\d+)\s+abstentions?"),
    re.compile(r"par\s+(\d+)\s+voix\s+contre\s+(\d+)\s*,?\s*avec\s+(\d+)\s+abstentions?"),
    re.compile(r"por\s+(\d+)\s+votos\s+contra\s+(\d+)\s*,?\s*y\s+(\d+)\s+abstenciones"),
]
# Stop words that tell the language apart; counted as whole words (runs of `\w`).
# Every match of VOTES contains one of these words: text without any holds no vote.
VOTE_NEEDLES = tuple(lang.vote_needle for lang in LANGUAGES)
# Small patterns of the header and the finders, compiled once (the module-level `re.search(string, …)`
# looks each pattern up in re's cache on every call).
FOOTNOTE_MARK_AT_END = re.compile(r"(?<=[,;:.»\"')])\d{1,2}$")  # "…,12" at the end of a line
SYMBOL_NUMBER = re.compile(r"RES-(\d+)$|^[AE]/(?:HRC/)?RES/\d+/(\d+)$|^S/RES/(\d+)\(")  # number within a key
SYMBOL_SESSION = re.compile(r"GA-\d{4}-(\d+)-RES|^[AE]/(?:HRC/)?RES/(\d+)/")  # session within a key
# A Human Rights Council resolution's symbol, printed under the General Assembly's masthead: a UN
# document symbol to the finders, the document's own symbol in its title block.
HRC_RESOLUTION_SYMBOL = re.compile(r"A/HRC/RES/\d{1,3}/\d{1,3}$")
MEETING_WORD = re.compile(r"(?:reunie|meeting|reunida|reunido|siting|sitting|assembled)\b")
ADOPTION_WORD = re.compile(r"adopt|aprob")
SPACES = re.compile(r"\s+")
DIGIT = re.compile(r"\d")
ARTICLE_NUMBER_PARENS = re.compile(r"\([a-z0-9]{1,3}\)")  # "(a)" / "(2)" after an article number
FIRST_ARTICLE_NUMBER = re.compile(r"\d{1,3}")
NEXT_CAPITALISED_WORD = re.compile(r"\s+([A-ZÀ-Ý][\w'-]*)")  # unfolded text

STOPWORDS = {lang.code: lang.stopwords for lang in LANGUAGES}
# An opening word the lexicon does not know, in the shape of one: a capitalised participle or
# adjective ("Commending", "Soucieuse", "Deplorando") or a third-person verb ("Commends").
UNKNOWN_OPENING = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]{2,}|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}"
    r"(?:ing|ant|ante|ando|iendo|endo|ado|ada|ido|ida|ée|é|ed|ful|ous|eux|euse|ive|ente|s|e|a))\b"
)
# Footnotes of UN documents: "1 Resolution 70/1.", "2 United Nations, Treaty Series, vol. 2225".
# (typescript texts of the 1980s number them "1/", and cite documents "E/AC.57/1988/11" in them)
_FOOTNOTE_TEXT = (r"(?:resolution|resolucion|see\b|voir\b|vease\b|official\s+records|documents\s+officiels|"
                  r"documentos\s+oficiales|united\s+nations,\s+treaty|nations\s+unies,\s+recueil|naciones\s+unidas,\s+treaty|"
                  r"ibid|[ase]/(?:\d|[a-z]{1,6}\.\d))")
FOOTNOTE = re.compile(r"^\s*\d{1,2}/?\s+" + _FOOTNOTE_TEXT)
# … its text alone, under its mark set apart by a blank line, as pdftotext's default mode gives a UN PDF's foot
# ("3" / "" / "Résolution 69/313, annexe."; segment._footnote)
FOOTNOTE_TEXT = re.compile(r"^\s*" + _FOOTNOTE_TEXT)


