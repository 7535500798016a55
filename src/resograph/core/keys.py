"""Canonical instrument keys and the IRIs minted from them (DESIGN.md, "Identifiers": contract)."""

from __future__ import annotations

import re
from urllib.parse import quote

from resograph.core.kinds import UN_SYMBOL
from resograph.core.namespaces import BASE, CLAUSE_FUNCTION, ONTOLOGY  # noqa: F401  (keys.BASE …)

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_SPACES = re.compile(r"\s+")
_INTERPOL_CODE = re.compile(r"(?:AG|GA)-(\d{4})-(?:(\d{1,3})-)?RES-(\d{1,3})", re.IGNORECASE)
_UN_SYMBOL = re.compile(UN_SYMBOL)
_NAMED_PREFIXES = ("convention:", "interpol:", "agreement:", "treaty:", "un:", "mechanism:", "body:")


def roman(n: int) -> str:
    """1976 → rules aside, UN keys before 1976 print the session in Roman numerals."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def from_roman(numeral: str) -> int:
    """`XXVII` → 27 (the session of a pre-1976 key)."""
    values = [dict(I=1, V=5, X=10, L=50, C=100, D=500, M=1000)[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_GA_SPECIAL = re.compile(r"A/(?:RES|DEC)/(?:(?P<kind>E?S)-(?P<n>\d{1,2})/\d+[A-Z]?"
                         r"|\d+[A-Z]?\((?P<oldkind>E?S)-(?P<roman>[IVXLC]+)\))")


def ga_special_session(key: str) -> str | None:
    """The General Assembly special (`S-n`) or emergency special (`ES-n`) session a key names, the
    number in Arabic numerals as in its session IRI (`…/id/session/un-ga/ES-10`), else None.

    >>> ga_special_session("A/RES/ES-10/14"), ga_special_session("A/RES/2253(ES-V)")
    ('ES-10', 'ES-5')
    >>> ga_special_session("A/RES/S-26/2"), ga_special_session("A/RES/1514(XV)")
    ('S-26', None)
    """
    m = _GA_SPECIAL.fullmatch(key)
    if m is None:
        return None
    if m["kind"]:
        return f"{m['kind']}-{int(m['n'])}"
    return f"{m['oldkind']}-{from_roman(m['roman'])}"


LAST_ROMAN_GA_SESSION = 30  # the General Assembly numbered `n (XXX)` up to its 30th session (1975)
FIRST_SLASH_GA_SESSION = LAST_ROMAN_GA_SESSION + 1  # and `session/n` from its 31st (1976)


def un_ga_resolution(session: int, number: int, letter: str = "") -> str:
    """`A/RES/79/136`; before the 31st session (1976) `A/RES/3013(XXVII)`. A lettered resolution's
    letter follows the number: `A/RES/47/20A`, `A/RES/217A(III)`."""
    if session <= LAST_ROMAN_GA_SESSION:
        return f"A/RES/{number}{letter}({roman(session)})"
    return f"A/RES/{session}/{number}{letter}"


def old_session(numeral: str, special: str | None = None) -> str:
    """The session of a pre-1976 key as printed in its parenthesis: `XXVII`, or for a special or
    emergency special session `S-V`, `ES-V` (`A/RES/2248(S-V)`, `A/RES/2253(ES-V)`)."""
    return f"{special.upper()}-{numeral.upper()}" if special else numeral.upper()


def un_ga_decision(session: int, number: int) -> str:
    return f"A/DEC/{session}/{number}"


def sc_resolution(number: int, year: int, letter: str = "") -> str:
    """`S/RES/2482(2019)`; a lettered part `S/RES/161A(1961)`."""
    return f"S/RES/{number}{letter}({year})"


def ecosoc_resolution(year_or_number: int, number_or_session: int, *, old: bool = False) -> str:
    """`E/RES/2004/21`; before 1978 `E/RES/1576(L)` (number, session in Roman numerals)."""
    if old:
        return f"E/RES/{year_or_number}({roman(number_or_session)})"
    return f"E/RES/{year_or_number}/{number_or_session}"


def interpol_resolution(year: int, number: int, session: int | None = None) -> str:
    """`GA-2012-81-RES-08` or, without a session number, `GA-2008-RES-07` (numbers on two digits)."""
    if session is None:
        return f"GA-{year}-RES-{number:02d}"
    return f"GA-{year}-{session}-RES-{number:02d}"


def interpol_agn_resolution(session: int, number: int) -> str:
    """`AGN/66/RES/5`: the code INTERPOL gave its resolutions up to its 69th session (2000)."""
    return f"AGN/{session}/RES/{number}"


def normalise_symbol(text: str) -> str:
    """A symbol as printed → its key: spaces and non-breaking hyphens go, `AG-` becomes `GA-`."""
    s = text.replace("\u2011", "-").replace("\u2010", "-").replace("\u2013", "-")
    s = _SPACES.sub("", s)
    m = _INTERPOL_CODE.fullmatch(s)
    if m:
        year, session, number = m.groups()
        return interpol_resolution(int(year), int(number), int(session) if session else None)
    return s


def iri(key: str) -> str:
    """The IRI of an instrument, paragraph or other node, minted from its key under one base.

    `A/RES/79/136` → `…/id/A/RES/79/136`; `convention:cybercrime-2024/art_41` →
    `…/id/convention/cybercrime-2024/art_41`. Characters outside IRI syntax are percent-encoded.
    """
    path = key
    for prefix in _NAMED_PREFIXES:
        if key.startswith(prefix):
            path = prefix[:-1] + "/" + key[len(prefix):]
            break
    return BASE + quote(path, safe="/()-_.~:'!$&*+,;=@")


def undocs_url(key: str) -> str | None:
    """`https://undocs.org/{symbol}` for UN documents (symbols starting A/, S/, E/), else None."""
    if _UN_SYMBOL.match(key):
        return "https://undocs.org/" + quote(key, safe="/()")
    return None


def is_un_symbol(key: str) -> bool:
    return undocs_url(key) is not None


def symbol_key(m: re.Match[str], printed: str) -> str | None:
    """The canonical key of a `patterns.SYMBOL` match (its named groups); `printed` is the original text."""
    g = m.group
    if g("ares"):
        return un_ga_resolution(int(g("ares_s")), int(g("ares_n")))
    if g("aresold"):
        return f"A/RES/{int(g('aold_n'))}({old_session(g('aold_r'), g('aold_s'))})"
    if g("ares_es"):
        return _SPACES.sub("", printed).upper()
    if g("adec"):
        return un_ga_decision(int(g("adec_s")), int(g("adec_n")))
    if g("sres"):
        return sc_resolution(int(g("sres_n")), int(g("sres_y")))
    if g("eresy"):
        return f"E/RES/{int(g('eresy_n'))}({g('eresy_r').upper()})"
    if g("eres"):
        return ecosoc_resolution(int(g("eres_y")), int(g("eres_n")))
    if g("eresold"):
        return f"E/RES/{int(g('eold_n'))}({g('eold_r').upper()})"
    if g("ip"):
        return interpol_resolution(int(g("ip_y")), int(g("ip_n")), int(g("ip_s")) if g("ip_s") else None)
    if g("agn"):
        return f"AGN/{int(g('agn_s'))}/{g('agn_t').upper()}/{int(g('agn_n'))}"
    if g("undoc"):
        return _SPACES.sub("", printed)
    return None
