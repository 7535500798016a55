"""Stage 2 — split a cleaned resolution into its header and its paragraphs.

The genre has two layouts. INTERPOL: a title block ("Résolution nº 3", the symbol, "Objet :"),
the enacting formula ("L'Assemblée générale de l'OIPC-INTERPOL, réunie …") before the preamble — or
after it in older texts —, preambular paragraphs opening with a capitalised participle, then an
operative verb introducing a list ("INVITE … à :") or standalone verb paragraphs. UN: a header block
with the symbol, "The General Assembly," then "Recalling …" paragraphs and numbered operative
paragraphs. The phrase lexicon comes from `ontology/clause-functions.ttl` through
:mod:`resograph.reading.lexicon`; nothing here names a particular document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from resograph.core import keys
from resograph.reading import patterns as P
from resograph.reading.clean import CleanText, fold
from resograph.reading.lexicon import Lexicon
from resograph.core.models import Header, Paragraph


@dataclass(slots=True)
class _Line:
    start: int  # offsets in the cleaned text
    end: int
    text: str
    folded: str


@dataclass
class _Block:
    kind: str
    phrase: str
    function: str
    lines: list[_Line] = field(default_factory=list)


@dataclass
class Segmented:
    header: Header
    paragraphs: list[Paragraph]
    clean_spans: list[tuple[int, int]]  # each paragraph's span in the cleaned text
    skipped: list[tuple[int, int]]  # cleaned spans inside paragraph ranges that are page furniture
    title_span: tuple[int, int] | None  # the title's span in the cleaned text


def _lines(text: str, folded: str) -> list[_Line]:
    out = []
    pos = 0
    raws = text.split("\n")
    # fold() keeps every offset and never makes or removes a line break: its lines are the same
    # slices (one split instead of a slice per line); else slice.
    folds = folded.split("\n")
    if len(folds) != len(raws):
        folds = None
    for i, raw in enumerate(raws):
        end = pos + len(raw)
        out.append(_Line(pos, end, raw, folds[i] if folds is not None else folded[pos:end]))
        pos = end + 1
    return out


# --- which lines a line pattern can match, from its first non-blank character -----------------
# Most lines of a text are ordinary paragraph lines, and each line pattern opens with a few
# possible characters ("adopted…" with 'a', a footnote with a digit). Reading those characters
# off the compiled pattern lets the line loop skip a pattern that cannot match the line without
# calling the regex engine; the pattern itself still decides.
DIGIT = "0"  # stands for every decimal digit (`\d`) in a first-character set


def first_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters that can be the first non-blank character of a text `rx.match` accepts
    (any decimal digit written as DIGIT); None if that cannot be bounded (e.g. the pattern may
    match blanks only, opens with `.` or a negated class, or ignores case)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        import re._parser as sre_parse  # the parser re compiles with (3.11+)
    except ImportError:  # pragma: no cover
        return None
    try:
        chars, blank = _seq_first(list(sre_parse.parse(rx.pattern, rx.flags & ~re.UNICODE)))
    except _Unbounded:
        return None
    return None if blank else frozenset(chars)


class _Unbounded(Exception):
    pass


def _seq_first(items: list) -> tuple[set[str], bool]:
    """(first non-blank characters, may consume only blanks) of a sequence of parsed items."""
    out: set[str] = set()
    for op, av in items:
        chars, blank = _item_first(op, av)
        out |= chars
        if not blank:
            return out, False
    return out, True


def _item_first(op, av) -> tuple[set[str], bool]:
    from re import _constants as C
    if op is C.LITERAL:
        ch = chr(av)
        if ch.isspace():
            return set(), True
        return {DIGIT if ch.isdecimal() else ch}, False
    if op is C.IN:
        out: set[str] = set()
        blank = False
        for iop, iav in av:
            if iop is C.LITERAL:
                ch = chr(iav)
                if ch.isspace():
                    blank = True
                else:
                    out.add(DIGIT if ch.isdecimal() else ch)
            elif iop is C.RANGE and iav[1] - iav[0] < 512:
                for c in range(iav[0], iav[1] + 1):
                    ch = chr(c)
                    if ch.isspace():
                        blank = True
                    else:
                        out.add(DIGIT if ch.isdecimal() else ch)
            elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                out.add(DIGIT)
            elif iop is C.CATEGORY and iav is C.CATEGORY_SPACE:
                blank = True
            else:
                raise _Unbounded
        return out, blank
    if op is C.BRANCH:
        out, blank = set(), False
        for alt in av[1]:
            chars, b = _seq_first(list(alt))
            out |= chars
            blank = blank or b
        return out, blank
    if op is C.SUBPATTERN:
        return _seq_first(list(av[3]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        chars, blank = _seq_first(list(av[2]))
        return chars, blank or av[0] == 0
    if op is C.ATOMIC_GROUP:
        return _seq_first(list(av))
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: consume nothing
        return set(), True
    raise _Unbounded



@dataclass(frozen=True, slots=True)
class _LineFirsts:
    """First-character sets of the line patterns (`first_chars`; all characters when unbounded)."""

    running: frozenset[str] | _Any
    furniture: frozenset[str] | _Any
    symbol: frozenset[str] | _Any
    footnote: frozenset[str] | _Any
    vote_strong: frozenset[str] | _Any
    vote: frozenset[str] | _Any
    plenary: frozenset[str] | _Any
    date: frozenset[str] | _Any
    chapeau: frozenset[str] | _Any
    numbered: frozenset[str] | _Any
    bullet: frozenset[str] | _Any


class _Any:
    """Contains every character: stands for a pattern whose first characters are unbounded."""

    def __contains__(self, ch: object) -> bool:
        return True


_LINE_FIRSTS: list[_LineFirsts] = []


def _line_firsts() -> _LineFirsts:
    if not _LINE_FIRSTS:
        def f(rx: re.Pattern[str]) -> frozenset[str] | _Any:
            chars = first_chars(rx)
            return _Any() if chars is None else chars
        _LINE_FIRSTS.append(_LineFirsts(
            f(P.RUNNING_HEAD), f(P.PAGE_FURNITURE), f(P.SYMBOL), f(P.FOOTNOTE), f(P.VOTE_STRONG),
            f(P.VOTE_LINE), f(P.PLENARY_LINE), f(P.DATE_ONLY), f(P.CHAPEAU), f(P.NUMBERED), f(P.BULLET)))
    return _LINE_FIRSTS[0]

def _opening(lex: Lexicon, line: _Line, at: int = 0) -> tuple[str, str, str] | None:
    """(phrase as written, function, kind) if the line opens with a clause phrase at `at`."""
    m = _opening_re(lex).match(line.folded, at)
    if not m:
        return None
    a, b = m.span("all")
    if not line.text[a:a + 1].isupper():
        return None
    p = lex.phrase(m.group("phrase"))
    written = line.text[a:b].strip().rstrip(",")
    return written, p.function, p.kind


_OPENING_CACHE: dict[int, re.Pattern[str]] = {}


def _opening_re(lex: Lexicon) -> re.Pattern[str]:
    cached = _OPENING_CACHE.get(id(lex))
    if cached is None:
        mods = sorted({m for ms in lex.modifiers.values() for m in ms}, key=len, reverse=True)
        mod = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in mods) or "(?!x)x"
        phrase = lex.phrase_re.pattern.removeprefix(r"(?<![\w/-])").removesuffix(r"(?![\w/])")
        cached = re.compile(
            rf"\s*(?P<all>(?:(?:{mod})\s+){{0,2}}(?P<phrase>{phrase})(?:\s*,?\s+(?:{mod})(?![\w]))*)(?![\w])"
        )
        _OPENING_CACHE[id(lex)] = cached
    return cached


def detect_language(folded: str) -> str:
    """The language whose stop words occur most often (ties: alphabetical order).

    One tokenising pass and a count, instead of one regex scan per language (3× the work)."""
    get = Counter(filter(_STOPWORD_SET.__contains__, _words(folded))).get
    scores = {lang: sum([get(w, 0) for w in words]) for lang, words in P.STOPWORDS.items()}
    return max(sorted(scores), key=scores.__getitem__)


# ASCII characters outside `\w` become spaces, so that str.split() yields the maximal runs of word
# characters (what `\w+` finds) at a fraction of the regex engine's cost.
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_STOPWORD_SET = frozenset(w for words in P.STOPWORDS.values() for w in words)


def _words(folded: str) -> list[str]:
    r"""The runs of word characters (`re.findall(r"\w+", folded)`), faster; in each run a non-ASCII
    character reads `_` (no stop word contains one, and none is non-ASCII)."""
    if not folded.isascii():
        folded = _NON_ASCII.sub(lambda m: "_" if m.group(0).isalnum() else " ", folded)
    return folded.translate(_ASCII_NON_WORD).split()


def iso_date(day: str, month: str, year: str) -> str | None:
    """'15', 'octobre', '1996' (folded month name in fr/en/es) → '1996-10-15'; None if not a date."""
    m = P.MONTHS.get(month)
    if not m:
        return None
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{m:02d}-{d:02d}"


def segment(ct: CleanText, lex: Lexicon, folded: str | None = None) -> Segmented:
    """Header fields and paragraphs (pp_n, op_n) of a cleaned text (`folded`: fold(ct.text) if known)."""
    folded = fold(ct.text) if folded is None else folded
    lines = _lines(ct.text, folded)
    blocks: list[_Block] = []
    header_lines: list[_Line] = []
    chapeau_lines: list[_Line] = []
    footer_lines: list[_Line] = []
    skipped: list[tuple[int, int]] = []
    in_body = False
    operative = False
    intro: tuple[str, str] | None = None  # phrase, function of an "INVITE … à :" list
    current: _Block | None = None
    blank_before = True
    ended = False
    after_head = False

    F = _line_firsts()
    for index, line in enumerate(lines):
        stripped = line.folded.strip()
        if not stripped:
            blank_before = True
            continue
        was_blank, blank_before = blank_before, False
        if ended:
            skipped.append((line.start, line.end))
            continue
        c = stripped[0]
        if c.isdecimal():
            c = DIGIT
        running = in_body and c in F.running and P.RUNNING_HEAD.match(line.folded)
        if running or (after_head and len(line.text) - len(line.text.lstrip()) >= 12):
            after_head = True  # a running head may wrap onto an indented second line
            skipped.append((line.start, line.end))
            continue
        after_head = False
        if (c in F.furniture and P.PAGE_FURNITURE.match(line.folded)) or (in_body and (
                (c in F.symbol and _is_symbol_line(line.folded))
                or (c in F.footnote and P.FOOTNOTE.match(line.folded)))):
            (skipped if in_body else header_lines).append((line.start, line.end) if in_body else line)
            continue
        closing = (c in F.vote_strong and P.VOTE_STRONG.match(line.folded)) or ((was_blank or current is None) and (
            (c in F.vote and P.VOTE_LINE.match(line.folded)) or (c in F.plenary and P.PLENARY_LINE.match(line.folded))))
        if closing or (
            in_body and current is not None and c in F.date and P.DATE_ONLY.match(line.folded)
        ):
            footer_lines.append(line)
            skipped.append((line.start, line.end))
            current = None
            # After the vote or meeting line only annexes follow: they are not paragraphs.
            ended = bool(blocks) and not P.DATE_ONLY.match(line.folded)
            continue
        numbered = c in F.numbered and P.NUMBERED.match(line.folded)
        if c in F.chapeau and P.CHAPEAU.match(line.folded) and len(stripped) < 600 and not numbered \
                and (was_blank or current is None or _ends_clause(current)):
            chapeau_lines.append(line)
            in_body = True
            current = None
            continue
        bullet = None if numbered or c not in F.bullet else P.BULLET.match(line.folded)
        if numbered or (bullet and operative):
            at = (numbered or bullet).end()
            opened = _opening(lex, line, at)
            if opened and opened[2] == "operative":
                phrase, function = opened[0], opened[1]
            elif intro:
                phrase, function = intro
            elif opened:
                phrase, function = opened[0], opened[1]
            else:
                phrase, function = "", "other"
            current = _Block("operative", phrase, function, [line])
            blocks.append(current)
            operative = in_body = True
            continue
        opened = _opening(lex, line)
        if opened and (was_blank or current is None or _ends_clause(current)):
            phrase, function, kind = opened
            in_body = True
            if kind == "operative":
                operative = True
                if _block_ends_with_colon(lines, index):
                    intro = (phrase, function)
                    current = None
                    skipped.append((line.start, line.end))
                    continue
                intro = None
            current = _Block(kind, phrase, function, [line])
            blocks.append(current)
            continue
        if in_body and was_blank and current is not None and _ends_clause(current):
            word = P.UNKNOWN_OPENING.match(line.text.lstrip())
            if word:
                current = _Block("operative" if operative else "preambular", word.group(0), "other", [line])
                blocks.append(current)
                continue
        if in_body and current is None and not operative and (word := P.UNKNOWN_OPENING.match(line.text.lstrip())) \
                and not blocks:
            current = _Block("preambular", word.group(0), "other", [line])
            blocks.append(current)
            continue
        if current is not None:
            current.lines.append(line)
        elif in_body:
            skipped.append((line.start, line.end))
        else:
            header_lines.append(line)

    numbered = _number(blocks, ct)
    header = _header(ct, folded, header_lines, chapeau_lines, footer_lines)
    title_span = None
    if header.title_start is not None:
        title_span = _clean_span(ct, header.title_start, header.title_end)
    return Segmented(header, [p for p, _ in numbered], [s for _, s in numbered], skipped, title_span)


def _is_symbol_line(folded: str) -> bool:
    m = P.SYMBOL.match(folded.strip())
    return bool(m) and m.end() == len(folded.strip())


def _ends_clause(block: _Block) -> bool:
    last = P.FOOTNOTE_MARK_AT_END.sub("", block.lines[-1].text.rstrip())  # footnote mark
    return bool(last) and last[-1] in ",;:.»\"')"


def _block_ends_with_colon(lines: list[_Line], i: int) -> bool:
    """An operative verb line (lines[i]) that only introduces a list ("INVITE les pays membres à :")."""
    line = lines[i]
    text = line.text.rstrip()
    j = i + 1
    while j < len(lines) and lines[j].text.strip() and not P.NUMBERED.match(lines[j].folded) \
            and not P.BULLET.match(lines[j].folded):
        text = lines[j].text.rstrip()
        j += 1
    return text.endswith(":")


def _clean_span(ct: CleanText, ostart: int, oend: int) -> tuple[int, int]:
    """Inverse of CleanText.span for a span known to start and end on kept characters."""
    lo = ostart - (ct.to_original(ostart) - ostart)
    while lo > 0 and ct.to_original(lo) > ostart:
        lo -= 1
    while ct.to_original(lo) < ostart:
        lo += 1
    hi = lo + (oend - ostart)
    while hi > lo and ct.to_original(hi - 1) + 1 > oend:
        hi -= 1
    return lo, hi


def _number(blocks: list[_Block], ct: CleanText) -> list[tuple[Paragraph, tuple[int, int]]]:
    out: list[tuple[Paragraph, tuple[int, int]]] = []
    counts = {"preambular": 0, "operative": 0}
    for b in blocks:
        counts[b.kind] += 1
        pid = ("pp_" if b.kind == "preambular" else "op_") + str(counts[b.kind])
        start = b.lines[0].start + (len(b.lines[0].text) - len(b.lines[0].text.lstrip()))
        end = b.lines[-1].end - (len(b.lines[-1].text) - len(b.lines[-1].text.rstrip()))
        ostart, oend = ct.span(start, end)
        out.append((Paragraph(pid, b.kind, b.phrase, b.function, ostart, oend, ct.original[ostart:oend]),
                    (start, end)))
    return out


def _header(ct: CleanText, folded: str, header: list[_Line], chapeau: list[_Line],
            footer: list[_Line]) -> Header:
    h = Header()
    h.language = detect_language(folded[:3000])  # the opening pages say which language it is
    head_folded = "\n".join(ln.folded for ln in header)
    chap_text = " ".join(ln.text for ln in chapeau)
    chap_folded = " ".join(ln.folded for ln in chapeau)

    # Own symbol: the first symbol of the title block.
    for ln in header:
        for m in P.SYMBOL_SCAN.finditer(ln.folded):
            key = keys.symbol_key(m, ct.text[ln.start + m.start():ln.start + m.end()])
            if key and not m.group("undoc"):
                h.symbol = key
                break
        if h.symbol:
            break
    # Body.
    if h.symbol:
        h.body = ("interpol-ga" if h.symbol.startswith(("GA-", "AGN/")) else
                  "un-sc" if h.symbol.startswith("S/") else
                  "ecosoc" if h.symbol.startswith("E/") else "un-ga")
    else:
        both = head_folded + " " + chap_folded
        if "interpol" in chap_folded or "oipc" in chap_folded or "icpo" in chap_folded:
            h.body = "interpol-ga"
        else:
            for code, rx in P.BODY_CONTEXT:
                if rx.search(both):
                    h.body = code
                    break
    # Title and number.
    for i, ln in enumerate(header):
        m = P.OBJECT_LINE.match(ln.folded)
        if m:
            _set_title(h, ct, header, i, m.end())
            continue
        m = P.UN_TITLE_LINE.match(ln.folded)
        if m and h.title is None:
            if h.symbol is None and m.group(1):
                h.symbol = keys.un_ga_resolution(int(m.group(1)), int(m.group(2)))
                h.body = h.body or "un-ga"
            _set_title(h, ct, header, i, m.end())
            continue
        m = P.RESOLUTION_NUMBER_LINE.match(ln.folded)
        if m:
            if m.group(2) and h.symbol is None:
                h.symbol = keys.sc_resolution(int(m.group(1)), int(m.group(2)))
                h.body = "un-sc"
            elif not m.group(2):
                h.number = int(m.group(1))
    if h.number is None and h.symbol:
        m = P.SYMBOL_NUMBER.search(h.symbol)
        if m:
            h.number = int(next(g for g in m.groups() if g))
    # Session, place, dates.
    m = P.SESSION_NUMBER.search(chap_folded)
    if m:
        h.session = int(m.group(1))
    elif h.symbol:
        m = P.SYMBOL_SESSION.match(h.symbol)
        if m:
            h.session = int(next(g for g in m.groups() if g))
    if chapeau:
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
    if not h.dates:
        for ln in header + footer:
            if P.ADOPTION_WORD.search(ln.folded):
                dm = P.DATE.search(ln.folded)
                if dm:
                    h.dates = _dates_of(dm)
                    break
    # Vote.
    lines = footer + header
    joined = "\n".join(ln.folded for ln in lines)
    if not any(word in joined for word in P.VOTE_NEEDLES):
        lines = []  # no line holds a vote: spare the six searches per line
    for ln in lines:
        for rx in P.VOTES:
            vm = rx.search(ln.folded)
            if vm:
                h.vote = {"for": int(vm.group(1)), "against": int(vm.group(2)), "abstentions": int(vm.group(3))}
                break
        if h.vote:
            break
    return h


def _dates_of(m: re.Match[str]) -> list[str]:
    g = m.groups()
    iso = iso_date(g[0], g[1], g[2]) if g[0] else iso_date(g[4], g[3], g[5])
    return [iso] if iso else []


def _set_title(h: Header, ct: CleanText, header: list[_Line], i: int, offset: int) -> None:
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
    h.title = P.SPACES.sub(" ", title).strip() or None
    h.title_start, h.title_end = ostart, oend
