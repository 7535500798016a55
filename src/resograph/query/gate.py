"""The read-only, offline gate: what a query may not do here, decided on its tokens, in linear time.

Why tokens and not the text: a keyword scan over text with strings masked by a regex missed
``{} .SERVICE <…>`` and the masking regex was quadratic on repeated ``\\"`` (issue 18, items 1-2).
Why not rdflib's parse tree: its parser raises ``RecursionError`` on 60 nested groups and on a
6,000-pattern query that Oxigraph runs, takes 30-190 ms on small queries, and is not the parser the
engine uses. ``SERVICE`` is a terminal of the SPARQL grammar that occurs in one production only
(ServiceGraphPattern); a lexer that splits the text as the engine does finds every place the engine
could read it. Where Oxigraph reads the text differently from the lexical grammar, the gate takes the
reading that refuses:

- Oxigraph matches keywords without a word boundary (``SERVICEex:a {…}`` is ``SERVICE ex:a``): a
  bare word *containing* ``service`` is refused, and so is a prefixed name whose prefix starts with
  it when a group follows (``service:a ?p ?o`` stays a triple).
- ``<`` opens an IRI or is "less than": inside parentheses, after an operand, the IRI's content is
  checked as code too.
- ``\\uXXXX`` escapes: checked with and without them decoded.

Every token regex fails at most once per run of characters, and an unterminated string ends the scan
(the engine would refuse it), so the scan is linear in the query's length (256 KiB: a few ms).
The nesting of ``{ ( [`` is capped: 3,000 nested groups overflow Oxigraph's stack and kill a worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

#: Deepest nesting of ``{``, ``(`` and ``[`` together (Oxigraph overflows its stack near 3,000).
MAX_DEPTH = 100

_UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                              "ADD", "WITH"})
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LONG = {'"': r'"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""|', "'": r"'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''|"}
_TOKEN_TEMPLATE = (
    r"\s*(?:(?P<comment>#[^\r\n]*)"
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<string>{long}"
    r'"(?:[^"\\\r\n]|\\.)*"'
    r"|'(?:[^'\\\r\n]|\\.)*')"
    r"|(?P<open_string>[\"'])"
    r"|(?P<var>[?$]\w*)"
    r"|(?P<bnode>_:\w(?:[\w.\-]*[\w\-])?)"
    r"|(?P<pname>(?P<prefix>[^\W\d_](?:[\w.\-]*[\w\-])?)?:"
    r"(?:(?:[\w:]|{plx})(?:(?:[\w.:\-]|{plx})*(?:[\w:\-]|{plx}))?)?)"
    r"|(?P<bare>[\w.\-]+)"
    r"|(?P<punct>[^\w\s\"'<#?$:.\-]+|[\s\S]))"
)


def _token_regex(quotes: str) -> re.Pattern:
    """The token regex with long strings for the quote characters in ``quotes``: once a long string
    fails to close, no later one can (its closing quotes would have closed the first), so it is
    dropped from the regex rather than tried again at every opener (which was quadratic)."""
    long = "".join(_LONG[q] for q in quotes)
    return re.compile(_TOKEN_TEMPLATE.replace("{long}", long).replace("{plx}", _PLX))


_TOKENS = {q: _token_regex(q) for q in ("\"'", "\"", "'", "")}
_SERVICE = re.compile(r"service", re.I)
_WORDS = re.compile(r"[A-Za-z]+")
_OPENERS, _CLOSERS = "{([", "})]"
_BRACKETS = re.compile(r"[{}()\[\]]")
_NOT_OPERAND = {"(", ",", "=", "{", "[", "!", "&", "|", "+", "-", "*", "/", "^", ";", "<", ">"}


class GateError(Exception):
    """The query cannot pass: ``reason`` is ``service``, ``depth`` or ``syntax``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class Scan:
    """What the gate learnt of a query: its keywords (upper case, in order) and whether it calls SERVICE."""

    keywords: list[str] = field(default_factory=list)
    service: bool = False

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` or ``""``."""
        for word in self.keywords:
            if word in _FORMS:
                return word
            if word in _UPDATE_KEYWORDS:
                return "UPDATE"
        return ""


def unescape_codepoints(text: str) -> str:
    r"""SPARQL processes ``\uXXXX`` escapes before parsing: so does the gate (as a second reading)."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", _codepoint, text)


def _codepoint(m: re.Match) -> str:
    value = int(m[1] or m[2], 16)
    return chr(value) if value <= 0x10FFFF else "\ufffd"


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def tokens(text: str) -> Iterator[tuple[str, re.Match]]:
    """``(kind, match)`` of each token of ``text`` in order (the match includes the whitespace before
    the token: ``m.group(kind)`` is the token), in linear time."""
    quotes, pos, end = "\"'", 0, len(text)
    regex = _TOKENS[quotes]
    while pos < end:
        m = regex.match(text, pos)
        kind = m.lastgroup  # the last alternative takes any character: never None
        if kind == "string" and m.end() - m.start(kind) == 2 and text.startswith(m.group(kind) * 2, m.start(kind)):
            quotes = quotes.replace(text[m.start(kind)], "")  # a long string that never closes
            regex = _TOKENS[quotes]
        yield kind, m
        pos = m.end()


def mask(text: str) -> str:
    """``text`` with its strings, IRIs and comments blanked (same length), for a regex over the code."""
    out = []
    for kind, m in tokens(text):
        start = m.start(kind)
        out.append(text[m.start():start])
        out.append(" " * (m.end() - start) if kind in ("string", "iri", "comment") else m.group(kind))
    return "".join(out)


def _read(text: str) -> Scan:
    """One reading of the text (see the module docstring): one pass, local state, no call per token
    (a 256 KiB query of 130,000 tokens is read in tens of milliseconds)."""
    scan = Scan()
    bare: list[str] = []  # bare words, numbers and dots: keywords live there
    depth = parens = 0
    prev = ""  # the last significant token: a punctuation character or a token kind
    pending_prefix = False  # a prefix starting with "service": refused if a group follows
    for kind, m in tokens(text):
        if kind == "comment":
            continue
        value = m.group(kind)
        if pending_prefix and value[0] == "{":
            scan.service = True
        pending_prefix = False
        if kind == "punct":
            if _BRACKETS.search(value):
                for offset, ch in enumerate(value):
                    if ch in _OPENERS:
                        depth += 1
                        parens += ch == "("
                        if depth > MAX_DEPTH:
                            raise GateError(f"the query nests groups, brackets or parentheses more than "
                                            f"{MAX_DEPTH} deep ({_line_col(text, m.start(kind) + offset)})",
                                            "depth")
                    elif ch in _CLOSERS:
                        depth = max(0, depth - 1)
                        parens = max(0, parens - (ch == ")"))
            prev = value.rstrip()[-1:] or prev
            continue
        if kind == "bare":
            bare.append(value)
        elif kind == "pname":
            pending_prefix = (m.group("prefix") or "").lower().startswith("service")
        elif kind == "iri" and parens and prev not in _NOT_OPERAND and _SERVICE.search(value):
            scan.service = True  # may be `?a < … SERVICE ?x #>`: "less than", not an IRI
        elif kind == "open_string":
            raise GateError(f"SPARQL syntax error at {_line_col(text, m.start(kind))}: unterminated "
                            "string", "syntax")
        prev = kind
    code = " ".join(bare)
    scan.service = scan.service or _SERVICE.search(code) is not None
    scan.keywords = _WORDS.findall(code.upper())
    return scan


def scan(text: str) -> Scan:
    """Both readings of ``text`` (as written, and with ``\\u`` escapes decoded), merged."""
    first = _read(text)
    decoded = unescape_codepoints(text)
    if decoded != text:
        second = _read(decoded)
        first.service = first.service or second.service
        if second.form == "UPDATE":
            first.keywords = second.keywords
    return first
