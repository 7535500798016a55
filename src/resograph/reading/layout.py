"""The lines of a resolution's layout that name the document: title lines, the date line, a draft
symbol, the adoption line with its meeting and vote, footnotes. Data, not logic.

Matched against *folded* text (lower case, accents stripped) in French, English and Spanish, like
:mod:`resograph.reading.patterns`; the segmenter and :mod:`resograph.reading.header` use them.
"""

from __future__ import annotations

import re

from resograph.reading.patterns import DATE

# A number as OCR prints it: "I" and "l" for the digit 1 ("INth meeting", "with I abstention").
_N = r"(?:\d|[il](?=[\dil]*\d))[\dil]{0,4}"
_ORD = r"(?:\s?(?:st|nd|rd|th|h|e|eme|er|re|a|o|ª|º|\.a))?"
_OF = r"(?:of|du|de|del|en\s+date\s+du)"

# "Resolution 242 (1967)", "RESOLUTION 242 (1967)", "Résolution 892 (1993) du 22 décembre 1993",
# "Resolution 290" (the year then comes from the date line), an OCR slip in the year "(197-4)".
SC_TITLE = re.compile(
    rf"^\s*(?:resolution|resolucion)\s+(?:n[\s.°ºo:]{{0,5}}|number\s+|numero\s+)?(?P<num>\d{{1,4}})"
    rf"\s*(?:\(\s*(?P<year>[\d\s-]{{4,7}})\s*\))?\s*[.,]?"
    rf"(?:\s*{_OF}\s+(?P<date>{DATE.pattern}))?\s*\d{{0,2}}\s*$"
)
# "21 (1947). Resolution of 2 April 1947", "1 (1946) Resolution of 25 January 1946"
SC_NUMBER_FIRST_TITLE = re.compile(
    rf"^\s*(?P<num>\d{{1,4}})\s*\(\s*(?P<year>(?:19|20)\d{{2}})\s*\)\s*[.,]?\s*"
    rf"(?:resolution|resolucion)\b(?:\s*{_OF}\s+(?P<date>{DATE.pattern}))?"
)
# The date line under a title: "of 22 November 1967", "du 22 novembre 1967", "de 22 de noviembre de 1967"
DATE_LINE = re.compile(rf"^\s*{_OF}\s+(?P<date>{DATE.pattern})\s*[.,]?\s*\d{{0,2}}\s*$")
# The draft's symbol printed under the title: "[S/1234]", "(S/318]", "[S/1234, I]", OCR "[8/1234]".
DRAFT_SYMBOL_LINE = re.compile(r"^\s*[\[(]\s*[ase\d]\s*/\s*\d[^\[\]()\n]{0,30}[\])}]\s*\d{0,2}\s*$")

# The adoption line of the Security Council's layout, at the head ("Adopted by the Security Council
# at its 3108th meeting, on 26 August 1992") or at the foot ("Adopted unanimously at the 1382nd
# meeting.", "Adopted at the 1482nd meeting by 10 votes to none, …"); it may wrap after "at the".
_ADOPTED = r"^\s*(?:adopted|adoptee?s?|adoptad[oa]s?|aprobad[oa]s?|approuvee?s?)\b"
# The word alone on its line under the last paragraph, as INTERPOL's web pages print it ("Adopted", "Adoptée",
# "Adoptada"): the capital and the full stop above it tell it from a wrapped sentence (segment._closing)
ADOPTED_ALONE = re.compile(_ADOPTED + r"\s*\.?\s*$")
_MANNER = (r"(?:\s*,?\s*(?:unanimously|a\s+l'unanimite|por\s+unanimidad|without\s+(?:a\s+)?vote|sans\s+vote|"
           r"sin\s+votacion|by\s+consensus|par\s+consensus|por\s+consenso))*\s*,?")
ADOPTION_LINE = re.compile(
    _ADOPTED + _MANNER + r"(?:\s*$"  # "Adopted unanimously" / "at the 1382nd meeting."
    r"|[^.;]{0,40}?\b(?:meeting|seance|sesion|votes?|voix|votos)\b"  # OCR: "Adopted unanimously the 2405th meeting"
    r"|\s+(?:the|its)\s*$"  # OCR: "Adopted unanimously the" / "2399th meeting."
    r"|\s+(?:by\s+the\s+[a-z ]{5,40}?\s+|par\s+l[ea]\s+[a-z ]{5,40}?\s+|por\s+el\s+[a-z ]{5,40}?\s+)?"
    r"(?:at|a|en)\b(?:\s*$|\s+(?:its|the|sa|la|su)\b))"
)
# "at its 3108th meeting", "at the 1382nd meeting", "à sa 3108e séance", "en su 3108a sesión"
# "at the resumed 2190th meeting", "2714th (closed) meeting", OCR "273 1st meeting", "meetings"
MEETING = re.compile(
    rf"\b(?:(?:at|a|en)\s+)?(?:its|the|sa|la|su)\s+(?:resumed\s+|reprise\s+|reanudada\s+)?"
    rf"(?P<n>{_N}(?:\s\d{{1,2}}(?=st|nd|rd|th))?){_ORD}[a-z]?[\s_]*(?:\([a-z ]{{1,20}}\)\s*)?"
    rf"(?:meetings?|seance|sesion)\b"
)
_COUNT = r"[il]?\d{1,3}|[il](?!\w)"  # OCR: "I1 votes" for 11
# "by 10 votes to none, with 5 abstentions", "by 9 votes to 1 (Australia)", "by 9 votes (…absent)",
# "par 10 voix contre zéro, avec 5 abstentions", "por 10 votos contra ninguno y 5 abstenciones"
COUNTED_VOTE = re.compile(
    rf"\b(?:by|par|por)\s+(?P<for>{_COUNT})\s+(?:votes?|voix|votos?)\b(?:\s*\([^)]*\))?"
    rf"(?:\s*(?:to|contre|contra)\s+(?P<against>{_COUNT}|none|nil|zero|aucune?|ninguno|cero)\b(?:\s*\([^)]*\))?)?"
    rf"(?:\s*,?\s*(?:and\s+|et\s+|y\s+)?(?:(?:with|avec|con)\s+)?(?P<abst>{_COUNT}|one|une?)\s+"
    rf"(?:abstentions?|abstenciones|abstencion))?"
)
ZERO_WORDS = frozenset({"none", "nil", "zero", "aucun", "aucune", "ninguno", "cero"})
ONE_WORDS = frozenset({"i", "l", "one", "un", "une"})

# A footnote at the foot of a page: its number, a space and a capital or an opening bracket or
# quote, after a blank line (a wrapped line may start with a number: "1 August 1947 relating …").
FOOTNOTE_START = re.compile(r"^\s*\d{1,3}\s+(?=[A-Z\"'(“‘])")  # unfolded text
# The rule that sets a page's footnotes off from its body ("__________________"): the line under it
# is a footnote even with no blank line between (a PDF's text layer sets none).
MARK_ALONE = re.compile(r"\s*\d{1,3}\s*$")  # a footnote's mark alone on its line, under the rule (unfolded text)
FOOTNOTE_RULE = re.compile(r"\s*(?:_{5,}|[-–—]{5,})\s*")  # fullmatch on a line
# A numbered paragraph as OCR may print it: full stop read as a comma or lost ("5, Notes …",
# "2 Requests …"), the digit 1 read as a letter ("L. Strongly condemns", "i9. Calls upon").
NUMBERED_COMMA = re.compile(r"^\s*(\d{1,3}|[Iil|L]\d?|\d[Iil|])\s*[.,]?\s+(?=[A-Z])")  # unfolded text
OCR_ONE = str.maketrans("Iil|L", "11111")
# A verb in the third person, as operative paragraphs open ("Extends", "Deprecates"): with the next
# printed number before it, a paragraph even when the lexicon does not know the verb.
THIRD_PERSON_VERB = re.compile(r"[A-Z][a-z]{2,}s\b")  # unfolded text
DIGITS = re.compile(r"\d+")
# A footnote mark or number after the last word of a line ("…meeting. 22").
TRAILING_MARK = re.compile(r"\s*\d{1,3}\s*$")
# An adoption line that stops mid-phrase and wraps: "Adopted unanimously at the", "…, with",
# "… en su 10230a sesión, celebrada el".
UNFINISHED = re.compile(r"(?:,|\(|\b(?:at|the|its|by|with|to|and|of|on|a|la|sa|en|su|par|por|avec|con|y|et|"
                        r"le|el|du|del|de))$", re.IGNORECASE)
# A connective that turns the reasons above into the decision below, alone on its line or before the chapeau
# ("Therefore", "Therefore the Security Council,", "To this end,"): the Council's first texts (1946) set their
# reasons before it without a clause phrase (segment._recital_before_connective)
CONNECTIVE_LINE = re.compile(r"^\s*(?:therefore|accordingly|to\s+this\s+end|par\s+consequent|en\s+consequence|"
                             r"a\s+cet\s+effet|por\s+consiguiente|en\s+consecuencia|con\s+este\s+fin)\b"
                             r"(?:\s*,?\s*(?:the|le|la|el)\s+[^,]{3,40},?)?\s*,?\s*$")
NEXT_TEXT_LINE = re.compile(r"^([ \t]*)\S", re.M)  # the next line that holds text, and its indent
# A footnote mark after the clause's last punctuation, glued or spaced: "…,12", "…Group, 57".
CLAUSE_END_MARK = re.compile(r"(?<=[,;:.»\"')])\s*\d{1,3}$")
# A lettered or roman item: "(a) To renew …", "(ii) Report …", and as French and Spanish print it, "a) De …"
LETTERED = re.compile(r"^\s*\(?([a-z]|[ivx]{1,4})\)\s+(?=\S)")
# OCR's "(6)" for "(b)", read as (b) only right under an item (a) (segment._lettered_item)
OCR_ITEM_B = re.compile(r"^\s*\(6\)\s+(?=\S)")
# A sentence: a capitalised word, then lower-case words (not a heading such as "A" or "Article 2").
SENTENCE_START = re.compile(r"[A-ZÀ-Þ][\w'’-]*(?=\s+[a-zà-ÿ][^\n]{20,})")  # unfolded text
# The title line of a General Assembly or ECOSOC resolution printed before 1976 (1978):
# "1514 (XV). Declaration on the granting of independence …", "217 A (III). International Bill …"
OLD_UN_TITLE = re.compile(
    r"^\s*(?P<num>\d{1,4})\s*(?P<letter>[a-h])?\s*\(\s*(?P<session>[ivxlc]{1,7})\s*\)\s*\.\s+(?=\S)"
)
# … or on a line of its own after the word: "Résolution 1586 (L)", "Resolution 2200 A (XXI)"
OLD_UN_NUMBER_LINE = re.compile(
    r"^\s*(?:resolution|resolucion)\s+(?P<num>\d{1,4})\s*(?P<letter>[a-h])?\s*\(\s*(?P<session>[ivxlc]{1,7})\s*\)\s*$"
)
# The meeting line of the General Assembly and ECOSOC, as printed today ("96th plenary meeting") and
# before ("947th plenary meeting,"), and the date line under it ("14 December 1960.").
PLENARY_LINE = re.compile(
    r"^\s*\d{1,4}\s*(?:st|nd|rd|th|e|eme|re|a|ª|º|\.a)?\s*"
    r"(?:plenary\s+meeting|seance\s+pleniere|sesion\s+plenaria|meeting|seance|sesion)\s*[,.]?\s*$"
)
DATE_ONLY = re.compile(rf"^\s*(?:{DATE.pattern})\s*[,.]?\s*$")
# The foot of a UN document's first page: the job number with its date code ("19-12345 (E)    220719"; in
# Geneva "GE.26-11873(E)"), the bar code ("*1912345*"), "Please recycle" (fr, es) and its symbol.
_RECYCLE = r"please\s+recycle|merci\s+de\s+recycler|se\s+ruega\s+reciclar|[\u2672\u267b]"
JOB_FOOTER = re.compile(
    r"^\s*(?:(?:ge\.)?\d{2}-\d{5}\s*(?:\([a-z]\))?(?:\s+\d{6})*|\*\d{5,}\*|" + _RECYCLE + r")"
    r"(?:\s+(?:\*\d{5,}\*|" + _RECYCLE + r"))*\s*$"  # ("*2622871*    Se ruega reciclar" on one line)
)
# The shape of an English operative verb the lexicon does not know: "Commends", "Dissolves" — not an
# adjective in -ous, -ss, -is, -us ("Zealous", "Thus").
OPERATIVE_VERB_SHAPE = re.compile(r"[A-Z][a-z]{2,}(?<![siu])s")  # unfolded text
