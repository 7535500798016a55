"""Stage 2b — what a resolution says about itself: symbol, body, title, session, dates, meeting, vote.

The segmenter hands over the lines it found before the body (title block), the chapeau ("The
General Assembly, …", "L'Assemblée générale de l'OIPC-INTERPOL, réunie à …") and the adoption lines
(at the head in today's Security Council layout, at the foot otherwise). Each field is read by one
small step below, in the order of trust: a printed symbol before a title line, a title line before
a date guessed from an adoption line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from resograph.core import keys
from resograph.core.models import Header
from resograph.reading import layout as L
from resograph.reading import patterns as P
from resograph.reading.clean import CleanText


@dataclass(slots=True)
class Line:
    """One line (or one piece of a line holding several paragraphs) of the cleaned text."""

    start: int  # offsets in the cleaned text
    end: int
    text: str
    folded: str
    opens: bool = False  # a piece cut out of a longer line: reads as if a blank line preceded it
    lower: bool = False  # … cut at an opening phrase in small letters ("recalling its Resolutions …"): it opens one


def read_header(ct: CleanText, folded: str, header: list[Line], chapeau: list[Line],
                footer: list[Line]) -> Header:
    """The header fields of a document from its title block, chapeau and adoption lines."""
    h = Header()
    h.language = detect_language(folded[:3000])  # the opening pages say which language it is
    _own_symbol(h, ct, header)
    _body(h, header, chapeau)
    printed_year = _titles(h, ct, header)
    _session(h, chapeau)
    _place_and_dates(h, chapeau)
    if not h.dates:
        _adoption_date(h, header + footer)
    if not h.dates:
        _footer_date(h, footer)
    _symbol_from_number(h, printed_year)
    _vote_and_meeting(h, footer, header)
    return h


def _own_symbol(h: Header, ct: CleanText, header: list[Line]) -> None:
    """The first symbol of the title block (a draft's or another document's symbol is not one)."""
    for ln in header:
        if L.DRAFT_SYMBOL_LINE.match(ln.folded):
            continue
        for m in P.SYMBOL_SCAN.finditer(ln.folded):
            key = keys.symbol_key(m, ct.text[ln.start + m.start():ln.start + m.end()])
            if key and (not m.group("undoc") or P.HRC_RESOLUTION_SYMBOL.match(key)):
                h.symbol = key
                return


def _body(h: Header, header: list[Line], chapeau: list[Line]) -> None:
    if h.symbol:
        h.body = ("interpol-ga" if h.symbol.startswith(("GA-", "AGN/")) else
                  "un-sc" if h.symbol.startswith("S/") else
                  "ecosoc" if h.symbol.startswith("E/") else
                  "hrc" if h.symbol.startswith("A/HRC/") else "un-ga")
        return
    chap_folded = " ".join(ln.folded for ln in chapeau)
    if P.ORGANISATION_NAMED.search(chap_folded) or any(P.ORGANISATION_HEAD.match(ln.folded) for ln in header):
        return  # another organisation's text ("ORGANIZACIÓN DE LOS ESTADOS AMERICANOS" / "LA ASAMBLEA GENERAL,")
    if "interpol" in chap_folded or "oipc" in chap_folded or "icpo" in chap_folded:
        h.body = "interpol-ga"
        return
    both = "\n".join(ln.folded for ln in header) + " " + chap_folded
    for code, rx in P.BODY_CONTEXT:
        if rx.search(both):
            h.body = code
            return


def _titles(h: Header, ct: CleanText, header: list[Line]) -> int | None:
    """Title, number, symbol and date from the title lines of every layout; returns the year a
    Security Council title prints beside the number."""
    printed_year = None
    for i, ln in enumerate(header):
        m = P.OBJECT_LINE.match(ln.folded)
        if m:
            _set_title(h, ct, header, i, m.end())
            continue
        m = P.UN_TITLE_LINE.match(ln.folded)
        if m is None and i == 0 and (bare := P.UN_TITLE_LINE_NO_STOP.match(ln.folded)) and ln.text[bare.end()].isupper():
            m = bare  # a web page's first line: "52/91 Préparatifs …"
        if m and h.title is None:
            if h.symbol is None and m.group(1) and h.body == "hrc":  # "7/7. Title" under "The Human Rights Council,"
                h.symbol = f"A/HRC/RES/{int(m.group(1))}/{int(m.group(2))}"
            elif h.symbol is None and m.group(1):
                h.symbol = keys.un_ga_resolution(int(m.group(1)), int(m.group(2)))
                h.body = h.body or "un-ga"
            elif h.symbol is None and h.body == "ecosoc":  # "2004/21. Title"
                h.symbol = keys.ecosoc_resolution(int(m.group(3)), int(m.group(4)))
            _set_title(h, ct, header, i, m.end())
            continue
        m = L.OLD_UN_TITLE.match(ln.folded)
        if m and h.title is None:
            _old_un_title(h, m)
            _set_title(h, ct, header, i, m.end())
            continue
        m = L.OLD_UN_NUMBER_LINE.match(ln.folded)
        if m:
            _old_un_title(h, m)
            continue
        m = L.SC_TITLE.match(ln.folded) or L.SC_NUMBER_FIRST_TITLE.match(ln.folded)
        if m:
            printed_year = _sc_title(h, m) or printed_year
            continue
        m = L.DATE_LINE.match(ln.folded)
        if m and not h.dates:
            h.dates = _dates_of(P.DATE.search(m.group("date")))
    if h.number is None and h.symbol:
        m = P.SYMBOL_NUMBER.search(h.symbol)
        if m:
            h.number = int(next(g for g in m.groups() if g))
    return printed_year


def _old_un_title(h: Header, m: re.Match[str]) -> None:
    """"1514 (XV). Title": a General Assembly resolution, or ECOSOC's when the chapeau names it."""
    if h.symbol is not None:
        return
    number, session = int(m.group("num")), _roman_int(m.group("session"))
    letter = (m.group("letter") or "").upper()
    if h.body == "ecosoc":
        h.symbol = keys.ecosoc_resolution(number, session, old=True)
    else:
        h.symbol = keys.un_ga_resolution(session, number, letter)
        h.body = h.body or "un-ga"


def _roman_int(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " "):
        total += -values[ch] if values.get(nxt, 0) > values[ch] else values[ch]
    return total


def _sc_title(h: Header, m: re.Match[str]) -> int | None:
    """"Resolution 242 (1967) [of 22 November 1967]", "21 (1947). Resolution of 2 April 1947": the
    number, the date, and the year printed beside the number (None if unreadable)."""
    h.number = int(m.group("num"))
    if m.group("date") and not h.dates:
        h.dates = _dates_of(P.DATE.search(m.group("date")))
    year = re.sub(r"\D", "", m.group("year") or "")
    return int(year) if len(year) == 4 else None


def _symbol_from_number(h: Header, printed_year: int | None) -> None:
    """A Security Council title gives the symbol: number and adoption year. The year of the date
    line wins over the one printed beside the number ("Resolution 434 (1973)" of 18 September
    1978 is S/RES/434(1978): an OCR slip) and stands in for it ("Resolution 290", "(197-4)")."""
    if h.symbol is not None or h.number is None or not (printed_year or h.body == "un-sc"):
        return
    year = int(h.dates[0][:4]) if h.dates else printed_year
    if year:
        h.symbol = keys.sc_resolution(h.number, year)
        h.body = "un-sc"


def _session(h: Header, chapeau: list[Line]) -> None:
    m = P.SESSION_NUMBER.search(" ".join(ln.folded for ln in chapeau))
    if m:
        h.session = int(m.group(1))
    elif h.symbol:
        m = P.SYMBOL_SESSION.match(h.symbol)
        if m:
            h.session = int(next(g for g in m.groups() if g))


def _place_and_dates(h: Header, chapeau: list[Line]) -> None:
    """Place and session dates of the chapeau ("réunie à Marrakech du 24 au 27 novembre 2025")."""
    if not chapeau:
        return
    chap_text = " ".join(ln.text for ln in chapeau)
    chap_folded = " ".join(ln.folded for ln in chapeau)
    after = P.MEETING_WORD.search(chap_folded)
    pm = P.PLACE.search(chap_text, after.end() if after else 0)
    if pm:
        h.place = pm.group(1).strip()
    dm = P.SESSION_DATES.search(chap_folded)
    if dm:
        d1, m1, y1, d2, m2, y2 = dm.groups()
        m1 = m1 or m2
        if y1 is None:
            y1 = str(int(y2) - 1) if P.MONTHS[m1] > P.MONTHS[m2] else y2
        h.dates = [d for d in (iso_date(d1, m1, y1), iso_date(d2, m2, y2)) if d]
    elif (sm := P.DATE.search(chap_folded)):
        h.dates = _dates_of(sm)


def _adoption_date(h: Header, lines: list[Line]) -> None:
    """The date of the adoption line, read with the line it wraps onto ("Adoptée par le Conseil de
    sécurité à sa 10114e séance," / "le 18 mars 2027")."""
    for i, ln in enumerate(lines):
        if P.ADOPTION_WORD.search(ln.folded):
            wrap = lines[i + 1].folded if i + 1 < len(lines) and L.UNFINISHED.search(ln.folded.rstrip()) else ""
            dm = P.DATE.search(ln.folded + " " + wrap)
            if dm:
                h.dates = _dates_of(dm)
                return


def _footer_date(h: Header, footer: list[Line]) -> None:
    """The date under the meeting line: "96th plenary meeting" / "6 December 2024"."""
    for ln in footer:
        if L.DATE_ONLY.match(ln.folded):
            h.dates = _dates_of(P.DATE.search(ln.folded))
            return


def _vote_and_meeting(h: Header, footer: list[Line], header: list[Line]) -> None:
    """Vote and meeting of the adoption lines (a wrapped line is read with its continuation)."""
    text = " ".join(ln.folded for ln in footer)
    h.vote = _vote(text) or _vote(" ".join(ln.folded for ln in header), counted=False)
    m = L.MEETING.search(text)
    if m:
        h.meeting = _ocr_int(m.group("n"))
        return
    for ln in footer:  # "96th plenary meeting"
        if L.PLENARY_LINE.match(ln.folded):
            h.meeting = int(L.DIGITS.search(ln.folded).group(0))
            return


def _vote(text: str, counted: bool = True) -> dict[str, int] | None:
    """The first vote a text states ("134 voix pour, 0 contre et 5 abstentions"); `counted`: also
    the Security Council's "by 10 votes to none, with 5 abstentions" (read on adoption lines only)."""
    if not any(word in text for word in P.VOTE_NEEDLES):
        return None  # no vote word: spare the searches
    for rx in P.VOTES:
        vm = rx.search(text)
        if vm:
            return {"for": int(vm.group(1)), "against": int(vm.group(2)), "abstentions": int(vm.group(3))}
    vm = L.COUNTED_VOTE.search(text) if counted else None
    if vm:
        return {"for": _count(vm.group("for")), "against": _count(vm.group("against")),
                "abstentions": _count(vm.group("abst"))}
    return None


def _count(word: str | None) -> int:
    """A count as an adoption line writes it: digits, "none", OCR "I" for 1; absent is 0."""
    if word is None or word in L.ZERO_WORDS:
        return 0
    if word in L.ONE_WORDS:
        return 1
    return _ocr_int(word)


def _ocr_int(digits: str) -> int:
    return int(digits.replace("i", "1").replace("l", "1").replace(" ", ""))


def _dates_of(m: re.Match[str] | None) -> list[str]:
    if m is None:
        return []
    g = m.groups()
    iso = iso_date(g[0], g[1], g[2]) if g[0] else iso_date(g[4], g[3], g[5])
    return [iso] if iso else []


def _set_title(h: Header, ct: CleanText, header: list[Line], i: int, offset: int) -> None:
    """The title runs from the marker to the end of its block (it may wrap over several lines)."""
    first = header[i]
    start = first.start + offset
    end = first.end
    j = i + 1
    while j < len(header) and header[j].start == header[j - 1].end + 1 and header[j].text.strip():
        end = header[j].end
        j += 1
    ostart, oend = ct.span(start, end)
    title = P.TAG.sub("", ct.original[ostart:oend])
    h.title = " ".join(title.split()) or None  # blanks (`\s`: the same characters) as one space
    h.title_start, h.title_end = ostart, oend


def iso_date(day: str, month: str, year: str) -> str | None:
    """'15', 'octobre', '1996' (folded month name in fr/en/es) → '1996-10-15'; None if not a date."""
    m = P.MONTHS.get(month)
    if not m:
        return None
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{m:02d}-{d:02d}"


def detect_language(folded: str) -> str:
    """The language whose stop words occur most often (ties: alphabetical order).

    One tokenising pass, then the stop words found are counted per language (a language's score
    is how many of the tokens are its stop words), instead of one regex scan per language (3× the
    work)."""
    hits = list(filter(_STOPWORD_SET.__contains__, _words(folded)))
    if _STOPWORD_SETS is None:  # a language lists a word twice: it counts twice (rare: the general count)
        get = Counter(hits).get
        scores = {lang: sum([get(w, 0) for w in words]) for lang, words in P.STOPWORDS.items()}
    else:
        scores = {lang: sum(map(words.__contains__, hits)) for lang, words in _STOPWORD_SETS}
    return max(sorted(scores), key=scores.__getitem__)


# ASCII characters outside `\w` become spaces, so that str.split() yields the maximal runs of word
# characters (what `\w+` finds) at a fraction of the regex engine's cost.
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_STOPWORD_SET = frozenset(w for words in P.STOPWORDS.values() for w in words)
_STOPWORD_SETS = None if any(len(set(words)) != len(words) for words in P.STOPWORDS.values()) else \
    [(lang, frozenset(words)) for lang, words in P.STOPWORDS.items()]


def _words(folded: str) -> list[str]:
    r"""The runs of word characters (`re.findall(r"\w+", folded)`), faster; in each run a non-ASCII
    character reads `_` (no stop word contains one, and none is non-ASCII)."""
    if not folded.isascii():
        folded = _NON_ASCII.sub(lambda m: "_" if m.group(0).isalnum() else " ", folded)
    return folded.translate(_ASCII_NON_WORD).split()
