"""SPARQL syntax errors as one line a person can act on.

Oxigraph's parser reports the furthest point it reached and every token any rule could have taken
there: keywords, quoted tokens and Unicode character classes, often hundreds of characters
("expected one of "$", "(", ":", "<", "?", ['A' ..= 'Z' | 'a' ..= 'z' | '\\u{00C0}'..='\\u{00D6}' …").
:func:`explain` turns that into what was found there, what could come instead (the few quoted tokens,
then keywords), and a hint for the common slips: an undeclared prefix, an IRI that does not parse,
a string left open.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_CLASS = re.compile(r"\[[^\]]*\]", re.S)
_KEYWORD = re.compile(r"\b[A-Z][A-Z_]+\b")
_PNAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
SHOWN = 8  # at most this many expected tokens in the message
#: the words of SPARQL 1.1 Query and Update (keywords, built-in functions) and Oxigraph's extensions
KEYWORDS = frozenset("""
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY HAVING
    ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND MINUS UNION FILTER NOT
    IN EXISTS SEPARATOR COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT STR LANG LANGMATCHES DATATYPE BOUND
    IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS
    STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5
    SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL
    ISNUMERIC REGEX SUBSTR REPLACE TRUE FALSE A LOAD CLEAR DROP CREATE ADD MOVE COPY INSERT DELETE DATA
    WITH USING DEFAULT ALL INTO TO LATERAL TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE ADJUST
    LANGDIR HASLANG HASLANGDIR STRLANGDIR VERSION
""".split())
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[.\-]+")


def expected_tokens(expected: str) -> tuple[list[str], list[str]]:
    """(quoted tokens, keywords) of an Oxigraph "expected one of …" list, character classes left out."""
    no_classes = _CLASS.sub(" ", expected)
    quoted = [re.sub(r"\\(.)", r"\1", q) for q in _QUOTED.findall(no_classes)]
    words = _KEYWORD.findall(_QUOTED.sub(" ", no_classes).replace("IRI parsing failed", " "))
    return quoted, list(dict.fromkeys(words))


def found_at(text: str | None, line: int, col: int) -> str:
    """What stands at the error's line and column: the next word, or the end of the query."""
    if not text:
        return ""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    rest = lines[line - 1][max(col - 1, 0):] + "\n" + "\n".join(lines[line:])
    word = rest.strip().split(None, 1)
    if not word:
        return "end of the query"
    token = word[0] if len(word[0]) <= 24 else word[0][:23] + "…"
    return f"`{token}`"


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + col - 1


def unknown_word(text: str, line: int, col: int) -> str | None:
    """The first word up to the error that SPARQL does not know (``LIMT``, ``SELCT``, ``rdfs`` for
    ``rdfs:``…), as a hint with its own line and column; None when every word is known."""
    from resograph.query.gate import tokens

    end = _offset(text, line, col)
    for kind, m in tokens(text):
        start = m.start(kind)
        if start > end or kind == "open_string":  # past the error, or the rest is a string's text
            break
        word = m.group(kind)
        if kind != "bare" or _NUMBER.fullmatch(word) or word.upper() in KEYWORDS:
            continue
        if start and text[start - 1] == "@":  # a language tag: "Vienne"@fr
            continue
        w_line = text.count("\n", 0, start) + 1
        w_col = start - (text.rfind("\n", 0, start) + 1) + 1
        return (f"`{word[:24]}` (line {w_line}, column {w_col}) is not a SPARQL keyword: a typo, or a "
                "prefixed name without its colon?")
    return None


def _hint(expected: str, text: str | None, line: int, col: int, quoted: list[str]) -> str | None:
    before = ""
    if text and 1 <= line <= len(text.split("\n")):
        before = text.split("\n")[line - 1][:max(col - 1, 0)]
    if "Prefix not found" in expected:
        m = _PNAME_BEFORE.search(before.rstrip())
        prefix = (m.group(1) or "") if m else None
        if prefix is not None:
            return f"the prefix `{prefix}:` is not declared (add PREFIX {prefix}: <…> at the top)"
        return "a prefix used here is not declared (add PREFIX name: <…> at the top)"
    word = unknown_word(text, line, col) if text else None
    if word:
        return word
    if "IRI parsing failed" in expected:
        return "an IRI here does not parse (write a full IRI such as <https://…>, or declare a BASE)"
    if ('"' in quoted or "'" in quoted) and found_at(text, line, col) == "end of the query":
        return "a string is not closed (a quote is missing)"
    return None


def explain(expected: str, text: str | None, line: int, col: int) -> str:
    """One line: what was found at (line, col), what could come there, and a hint when one fits."""
    quoted, keywords = expected_tokens(expected)
    found = found_at(text, line, col)
    hint = _hint(expected, text, line, col, quoted)
    if hint:
        return hint
    if found == "end of the query" and not quoted:  # the parser's keywords there would mislead
        return ("unexpected end of the query: something before it is left incomplete (a triple pattern "
                "needs a subject, a predicate and an object; each { its })")
    options = [f"`{q}`" for q in quoted if q.strip()] + keywords
    what = ("expected " + (options[0] if len(options) == 1 else "one of " + " ".join(options[:SHOWN])
                           + (" …" if len(options) > SHOWN else ""))) if options \
        else "expected a name, variable, IRI or literal"
    return f"unexpected {found}; {what}" if found else what
