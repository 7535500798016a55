"""Stage 2 — split a cleaned resolution into its header and its paragraphs.

The genre has several layouts. INTERPOL: a title block ("Résolution nº 3", the symbol, "Objet :"),
the enacting formula ("L'Assemblée générale de l'OIPC-INTERPOL, réunie …") before the preamble — or
after it in older texts —, preambular paragraphs opening with a capitalised participle, then an
operative verb introducing a list ("INVITE … à :") or standalone verb paragraphs. UN: a header block
with the symbol, "The General Assembly," then "Recalling …" paragraphs and numbered operative
paragraphs. Security Council: a title line ("Resolution 242 (1967)", "21 (1947). Resolution of 2 April
1947"), a draft symbol ("[S/318]"), the adoption line at the head or the foot ("Adopted unanimously at
the 1382nd meeting."), footnotes at the foot of a page. A web page may give a whole resolution on one
line: such a line is cut where each paragraph opens. The phrase lexicon comes from
`ontology/clause-functions.ttl` through :mod:`resograph.reading.lexicon`; nothing here names a
particular document. The header fields are read by :mod:`resograph.reading.header`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resograph.core.models import Header, Paragraph
from resograph.reading import layout as L
from resograph.reading import patterns as P
from resograph.reading.clean import CleanText, fold
from resograph.reading.header import Line, detect_language, iso_date, read_header
from resograph.reading.lexicon import Lexicon

__all__ = ["DIGIT", "Segmented", "detect_language", "first_chars", "iso_date", "segment"]


@dataclass
class _Block:
    kind: str
    phrase: str
    function: str
    lines: list[Line] = field(default_factory=list)
    letter: str = ""  # the letter of the item that opened it ("(a) Resolves …")


@dataclass
class Segmented:
    header: Header
    paragraphs: list[Paragraph]
    clean_spans: list[tuple[int, int]]  # each paragraph's span in the cleaned text
    skipped: list[tuple[int, int]]  # cleaned spans inside paragraph ranges that are page furniture
    title_span: tuple[int, int] | None  # the title's span in the cleaned text
    # the chapeau's when the reader does not know its body ("The Conference of the Parties to the United
    # Nations Convention against …,"): the instruments it names are antecedents ("article 32 of the
    # Convention" in its first paragraph); a known body's chapeau names none
    chapeau_span: tuple[int, int] | None = None


def _lines(text: str, folded: str, lex: Lexicon) -> list[Line]:
    """The lines of the text; a long line that holds several paragraphs is cut into them."""
    out = []
    pos = 0
    raws = text.split("\n")
    # fold() keeps every offset and never makes or removes a line break: its lines are the same
    # slices (one split instead of a slice per line); else slice.
    folds = folded.split("\n")
    if len(folds) != len(raws):
        folds = []
        for raw in raws:
            folds.append(folded[pos:pos + len(raw)])
            pos += len(raw) + 1
        pos = 0
    append = out.append
    for raw, fold_ in zip(raws, folds):
        end = pos + len(raw)
        if not raw:
            append(_EMPTY_LINE)
        elif end - pos > RUN_ON_MIN or (end - pos > _CHAPEAU_ALONE and _CHAPEAU_THEN_MORE.match(fold_)):
            out += _cut_run_on(Line(pos, end, raw, fold_), lex)
        else:
            append(Line(pos, end, raw, fold_))
        pos = end + 1
    return out


# Every empty line of every text: the walk skips empty lines and the look-aheads read only their
# (empty) text, never their offsets, so one object serves them all. Never changed.
_EMPTY_LINE = Line(-1, -1, "", "")


# --- a whole resolution on one line (web pages) --------------------------------------------------
RUN_ON_MIN = 200  # a shorter line never holds two paragraphs' openings and their text
_CUT_AT = re.compile(r"\s+(?=[A-ZÀ-Þ0-9])")  # a paragraph, a title or an adoption line opens there
_CLAUSE_END = ",;:."
_MARKED_CLAUSE_END = re.compile(r"[,;:.](?:\d{1,3}/?|\s\d{1,3}/)\s*$")  # a clause's end and its footnote mark: ",21/", ", 65/"


def _cut_run_on(line: Line, lex: Lexicon) -> list[Line]:
    """Cut a line where paragraphs, the chapeau and the adoption line open; one piece per opening.

    A paragraph opening counts after a clause's end (",", ";", ":", "."); a printed number only as
    the next of the sequence (1., 2., …), so "paragraph 2. The" never cuts. One opening phrase alone
    does not make a run-on line (a long paragraph may quote one)."""
    cuts: list[int] = []
    # a cut at a number, the chapeau or an adoption line; or the chapeau opens the line ("La Asamblea General,
    # Reafirmando la importancia …,": a short line, its first paragraph after the chapeau)
    strong = bool(_CHAPEAU_THEN_MORE.match(line.folded))
    number = 0
    numbered_until = 0  # the opening phrase after a printed number is not another cut
    header_firsts = _header_piece_firsts()
    # A page's running head, its symbol and the title, before the first paragraph of a page that is one line
    # ("A/RES/70/179 Medidas para mejorar … la trata de personas Recordando la Convención …"): the first
    # opening phrase after it cuts, with no clause's end before it
    head = _HEAD_SYMBOL.match(line.text)
    head_until = head.end() + _HEAD_TITLE_MAX if head else -1
    for m in _CUT_AT.finditer(line.text):
        at = m.end()
        if at <= numbered_until:
            continue
        before = _last_char_before(line.text, m.start())
        # (or after a running head's symbol: "… et préparatifs du quatorzième Congrès A/RES/73/184 Consciente que …",
        # or after a clause's end and its footnote mark: "… on its first special session,21/ Noting that …")
        after_clause = bool(before) and (
            before in _CLAUSE_END or (before.isalnum() and _symbol_before(line.text, m.start()))
            or (before in "/0123456789" and _MARKED_CLAUSE_END.search(line.text, max(0, m.start() - 7), m.start()) is not None))
        # a printed number opens with a digit, the chapeau and the adoption line with one of a few
        # letters: only there is the rest of the line worth a window
        first = line.folded[at]
        if not cuts and at <= head_until and not after_clause and _opening(lex, line, at):
            cuts.append(at)
            continue
        if not after_clause and first not in header_firsts:
            continue  # most capitals: neither a number nor a phrase cuts there, and no header piece opens
        num = P.NUMBERED.match(_window(line.folded, at)) if first.isdecimal() else None
        if num:
            if not after_clause or int(num.group(1)) != number + 1:
                continue
            number += 1
            strong = True
            numbered_until = at + num.end()
        elif first in header_firsts and _opens_header_piece(line.text[at:at + 1], _window(line.folded, at)):
            strong = True
        elif not (after_clause and _opening(lex, line, at)):
            continue
        cuts.append(at)
    lower = _lower_case_cuts(line, lex)
    # a footnote rule inside the line ("… ces résolutions ; _______________ 1 Résolution 217 A (III). …"): the rule
    # alone, then the notes under it, as on a page
    rules = [at for m in _RULE_IN_LINE.finditer(line.text) for at in (m.start(1), m.end(1) + 1)] \
        if "_____" in line.text else []
    strong = strong or bool(rules)
    cuts = sorted({*cuts, *lower, *(at for at in rules if at < len(line.text))})
    if len(cuts) < 2 and not strong:
        return [line]
    bounds = [0, *cuts, len(line.text)]
    return [Line(line.start + a, line.start + b, line.text[a:b], line.folded[a:b], line.opens or k > 0, a in lower)
            for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def _lower_case_cuts(line: Line, lex: Lexicon) -> list[int]:
    """A reprint that sets the opening phrases in small letters ("The General Assembly, recalling the Declaration …,
    recalling its Resolutions …, taking into account …"): where the chapeau's comma is followed so, each such phrase
    after a comma cuts. Any other line has none (a sentence may well go on ", recalling that …")."""
    chapeau = P.CHAPEAU_ANYWHERE.search(line.folded, 0, _WINDOW)
    comma = line.folded.find(",", chapeau.end(), chapeau.end() + 80) if chapeau else -1
    if comma < 0 or not (first := _LOWER_AT.match(line.text, comma + 1)) or not _opening(lex, line, first.end(), lower=True):
        return []
    return [m.end() for m in _LOWER_AT.finditer(line.text, comma)
            if _last_char_before(line.text, m.start()) == "," and _opening(lex, line, m.end(), lower=True)]


_LOWER_AT = re.compile(r"\s+(?=[a-zà-þ])")
_RULE_IN_LINE = re.compile(r"\s(_{5,})\s")


_WINDOW = 1000  # the patterns tried at a cut read far less than this from where they start


def _window(text: str, at: int) -> str:
    """``text[at:]`` for a pattern anchored there, without copying the rest of a long line at every
    cut (that was quadratic on a one-line text of thousands of capitalised words, issue 18): the
    first _WINDOW characters, and a non-blank sentinel when the line goes on, so that ``$`` cannot
    match at the cut-off."""
    return text[at:at + _WINDOW] + ("\x01" if len(text) > at + _WINDOW else "")


_HEAD_SYMBOL = re.compile(r"\s*[A-Z]{1,6}(?:/[A-Z0-9][\w.-]*){2,5}\s")  # a line that opens with a symbol
_HEAD_TITLE_MAX = 300  # a running head's title is shorter
_RUNNING_SYMBOL = re.compile(r"(?:^|\s)[A-Z]{1,6}(?:/[A-Z0-9][\w.-]*){2,5}$")  # "A/RES/73/184", "E/CN.15/2019/L.5"


def _symbol_before(text: str, pos: int) -> bool:
    """Does a document symbol end right before `pos` (the word there)?"""
    return "/" in text[max(0, pos - 30):pos] and _RUNNING_SYMBOL.search(text, max(0, pos - 40), pos) is not None


def _last_char_before(text: str, pos: int) -> str:
    """``text[:pos].rstrip()[-1:]`` without copying the line's start at every cut."""
    if pos and not text[pos - 1].isspace():  # a cut's blanks follow a word: no copy at all
        return text[pos - 1]
    near = text[max(0, pos - _WINDOW):pos].rstrip()
    return near[-1:] if near or pos <= _WINDOW else text[:pos].rstrip()[-1:]


def _header_piece_firsts() -> frozenset[str] | _Any:
    """The first characters of the chapeau and the adoption line (`first_chars`)."""
    if not _HEADER_PIECE_FIRSTS:
        chapeau, adoption = first_chars(P.CHAPEAU), first_chars(L.ADOPTION_LINE)
        _HEADER_PIECE_FIRSTS.append(_Any() if chapeau is None or adoption is None else chapeau | adoption)
    return _HEADER_PIECE_FIRSTS[0]


_HEADER_PIECE_FIRSTS: list[frozenset[str] | _Any] = []


def _opens_header_piece(text: str, folded: str) -> bool:
    """The chapeau ("The Security Council,") or an adoption line ("Adopted by the Security Council at
    its 3108th meeting", "Adopted unanimously at the …") opens here."""
    if not text[:1].isupper():
        return False
    m = P.CHAPEAU.match(folded)
    if m:
        return "," in folded[m.end():m.end() + 40]
    return bool(L.ADOPTION_LINE.match(folded))



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
            f(P.VOTE_LINE), f(L.PLENARY_LINE), f(L.DATE_ONLY), f(P.CHAPEAU), f(P.NUMBERED), f(P.BULLET)))
    return _LINE_FIRSTS[0]


def _opening(lex: Lexicon, line: Line, at: int = 0, lower: bool = False) -> tuple[str, str, str] | None:
    """(phrase as written, function, kind) if the line opens with a clause phrase at `at` (capitalised
    unless `lower`)."""
    m = (_OPENING_CACHE.get(id(lex)) or _opening_re(lex)).match(line.folded, at)
    if m is None:
        return None
    a, b = m.span("all")
    text = line.text
    if not (lower or text[a:a + 1].isupper()):
        return None
    matched = m.group("phrase")
    known = _PHRASES.get(matched)
    if known is None or known[0] is not lex:  # the same few spellings recur in every document
        p = lex.phrase(matched)
        if len(_PHRASES) > 50_000:  # many distinct spellings (odd spacing): start afresh
            _PHRASES.clear()
        known = _PHRASES[matched] = (lex, p.function, p.kind)
    return text[a:b].strip().rstrip(","), known[1], known[2]


_OPENING_CACHE: dict[int, re.Pattern[str]] = {}
_PHRASES: dict[str, tuple[Lexicon, str, str]] = {}  # matched phrase → (lexicon, function, kind)


def _opening_re(lex: Lexicon) -> re.Pattern[str]:
    cached = _OPENING_CACHE.get(id(lex))
    if cached is None:
        mods = sorted({m for ms in lex.modifiers.values() for m in ms}, key=len, reverse=True)
        plain = all(m and m == m.strip() and "  " not in m for m in mods)  # what the trie assumes
        mod = _modifier_trie(mods) if plain else "|".join(_modifier_units(m) for m in mods)
        mod = mod or "(?!x)x"
        phrase = lex.phrase_re.pattern.removeprefix(r"(?<![\w/-])").removesuffix(r"(?![\w/])")
        cached = re.compile(
            rf"\s*(?P<all>(?:(?:{mod})\s+){{0,2}}(?P<phrase>{phrase})(?:\s*,?\s+(?:{mod})(?![\w]))*)(?![\w])"
        )
        _OPENING_CACHE[id(lex)] = cached
    return cached


def _modifier_units(modifier: str) -> str:
    return re.escape(modifier).replace(r"\ ", r"\s+")


def _modifier_trie(mods: list[str]) -> str:
    """The modifiers ("also", "further", "avec satisfaction", 76 of them) as one alternation
    factored by common prefixes: the engine tries each branch of a flat alternation in turn at every
    line it is asked about (about half of the opening pattern's time); here only the branch of the
    line's first letter. The same texts match as with the longest-first flat alternation: the
    characters are the same (a space reads one or more blanks), branches that part at a character
    cannot both match, and a label that goes on is tried before the one that ends (greedy optional
    ending). `tests/test_segment_pass.py` compares the two."""
    trie: dict = {}
    for m in mods:
        node = trie
        for ch in m:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + walk(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


# --- the line loop: each line goes to the first step that takes it --------------------------------
@dataclass
class _State:
    """What the line loop knows so far."""

    lex: Lexicon
    lines: list[Line]
    blocks: list[_Block] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)  # title block
    chapeau: list[Line] = field(default_factory=list)  # "The Security Council," …
    footer: list[Line] = field(default_factory=list)  # adoption, vote, meeting and date lines
    skipped: list[tuple[int, int]] = field(default_factory=list)
    in_body: bool = False
    operative: bool = False
    intro: tuple[str, str] | None = None  # phrase, function of an "INVITE … à :" list
    current: _Block | None = None
    ended: bool = False  # after the adoption line only annexes and footnotes follow
    after_head: bool = False  # a running head may wrap onto indented lines, up to a blank line
    in_footer: bool = False  # the adoption line may wrap onto this line
    in_footnote: bool = False  # a footnote runs on until a blank line or the page's end
    was_blank: bool = True  # a blank line (or a cut) precedes this line
    last_number: int = 0  # the last printed operative number
    heads: frozenset[int] = frozenset()  # indices of the lines of odd pages' running heads (title first)
    draft: bool = False  # inside a quoted draft resolution ("“The General Assembly," … ”)

    def skip(self, line: Line) -> None:
        self.skipped.append((line.start, line.end))

    def open_block(self, kind: str, phrase: str, function: str, line: Line) -> None:
        self.current = _Block(kind, phrase, function, [line])
        self.blocks.append(self.current)


def segment(ct: CleanText, lex: Lexicon, folded: str | None = None, every_step: bool = False) -> Segmented:
    """Header fields and paragraphs (pp_n, op_n) of a cleaned text (`folded`: fold(ct.text) if known).

    Each line is matched once against all the steps' line patterns (`_line_kinds`) and goes to the
    first step that can take it; `every_step` offers every line to every step instead (the slow
    form the tests compare with)."""
    folded = fold(ct.text) if folded is None else folded
    st = _State(lex, _lines(ct.text, folded, lex))
    st.heads = _title_first_heads(st.lines, folded) | _symbol_first_heads(st.lines, folded)
    _walk(st, every_step)
    paragraphs, spans = _number(st.blocks, ct)
    header = read_header(ct, folded, st.header, st.chapeau, st.footer)
    title_span = None
    if header.title_start is not None:
        title_span = _clean_span(ct, header.title_start, header.title_end)
    chapeau_span = None if st.chapeau or not spans else _unread_chapeau(ct.text, spans[0][0])
    return Segmented(header, paragraphs, spans, st.skipped, title_span, chapeau_span)


def _unread_chapeau(text: str, first: int) -> tuple[int, int] | None:
    """The chapeau of a body whose name the reader does not know ("The Conference of the Parties to the
    United Nations Convention against Transnational Organized Crime,"): the block right above the first
    paragraph, when it ends with a comma or a colon."""
    end = len(text[:first].rstrip())
    if end == 0 or text[end - 1] not in ",:":
        return None
    blank = text.rfind("\n\n", 0, end)
    return (0 if blank < 0 else blank + 2), end


def _walk(st: _State, every_step: bool = False) -> None:
    """The line loop: each line goes to the first step that takes it."""
    kinds = _line_kinds()
    by_first, chains, tail = kinds.by_first, kinds.chains, kinds.tail
    heads = st.heads
    blank = True
    for index, line in enumerate(st.lines):
        folded = line.folded
        if line.opens:
            st.in_footer = st.in_footnote = False
        if not folded or folded.isspace():  # a blank line (most are the one shared empty line)
            # ends a footnote, and a running head's wrapped title: the page's body, indented like it
            # in the PDF layout, begins below
            st.in_footnote = st.after_head = False
            blank = True
            continue
        if heads and index in heads and st.in_body:
            st.skip(line)  # the blank line above still counts for the line below
            st.in_footnote = False
            continue
        st.was_blank = was_blank = blank or line.opens
        blank = False
        after = st.in_footer or st.in_footnote or st.after_head or st.ended  # what came before decides
        current = st.current
        if current is not None and not (was_blank or after):
            # A line right under a paragraph's that opens in lower case goes on with it: every line a
            # step takes opens with a capital, a digit or a mark, or comes after a blank line (an OCR
            # "i9." aside). The commonest line of a real text: no step is asked.
            first = line.text.lstrip()[:1]
            if first.islower() and first not in "il":
                current.lines.append(line)
                continue
        c = folded.lstrip()[0]
        c = DIGIT if c.isdecimal() else c
        if c in _OPEN_QUOTES and (st.draft or _quoted_draft(st.lines, index)
                                  or (not st.in_body and _quoted_chapeau(line))):  # a press release's full text
            line = _in_draft(st, index, line)
            if line is None:
                continue
            folded, c = line.folded, _first(line.folded)
        if after or every_step:
            steps = _STEPS
        else:
            rx = by_first[c] if c in by_first else kinds.pattern(c)
            kind = rx.match(folded) if rx is not None else None
            if kind:
                steps = chains[kind.lastgroup]
            elif current is not None and not was_blank and not _ends_clause(current):
                # the paragraph above goes on (no blank line between, no clause ended): no opening
                # phrase counts here, and of the steps left only `_continuation` takes the line
                current.lines.append(line)
                continue
            else:
                steps = tail
        for step in steps:
            if step(st, index, line, c):
                break


_HEAD_TITLE_LINES = 3  # an odd page's running head wraps its title onto at most this many lines above


def _title_first_heads(lines: list[Line], folded: str) -> frozenset[int]:
    """The lines of odd pages' running heads: the title, a wide gap and the symbol last ("The right to
    privacy in the digital age      A/RES/81/172"), set off by blank lines; a long title wraps onto
    up to three lines above the symbol's. Found by one search of the text, as they are rare; a line
    of running text never ends in a symbol after a wide gap with a blank line below it."""
    starts = []  # of the lines that end in a symbol after a wide gap, with a blank line below
    wraps = []  # … with the title's wrapped rest below, then a blank line
    for m in P.RUNNING_HEAD_LAST.finditer(folded):
        line_start = folded.rfind("\n", 0, m.start()) + 1
        below = folded.find("\n", m.end() + 1)
        title = folded[line_start:m.start()]
        if not title.strip():
            continue  # (the symbol alone on its line is `_furniture`'s)
        if not folded[m.end() + 1:below if below >= 0 else None].strip():
            starts.append(line_start)
        elif below >= 0 and _title_wrap_below(title, folded[m.end() + 1:below], folded, below):
            wraps.append(line_start)
    if not (starts or wraps):
        return frozenset()
    heads = set()
    index = {line.start: i for i, line in enumerate(lines) if line.start >= 0}
    for line_start in wraps:  # the symbol on the title's first line: "… counter    A/RES/81/196" / "the world drug problem"
        i = index.get(line_start)
        if i is not None and i + 1 < len(lines) and not (i and lines[i - 1].text.strip()):  # set off above too
            heads.update((i, i + 1))
    for line_start in starts:
        i = index.get(line_start)
        if i is None:
            continue
        above = i
        while above > 0 and i - above < _HEAD_TITLE_LINES and lines[above - 1].text.strip():
            above -= 1
        if above > 0 and lines[above - 1].text.strip():  # no blank line above: only the symbol's line
            above = i
        heads.update(range(above, i + 1))
    return frozenset(heads)


def _symbol_first_heads(lines: list[Line], folded: str) -> frozenset[int]:
    """The title lines of even pages' running heads: the symbol alone on its line, then, set off by blank
    lines, the short title the document opened with ("A/RES/61/48" / "Measures to eliminate
    international terrorism"). The symbol's line is `_furniture`'s; the lines are found from each "/res/"
    (a MULTILINE "^" search tried every position of the text: ~4 % of a real text's extraction)."""
    alone = []  # starts of the lines that hold a resolution's symbol alone, found from each "/res/"
    at = folded.find("/res/")
    while at >= 0:
        line_start = folded.rfind("\n", 0, at) + 1
        line_end = folded.find("\n", at)
        line_end = len(folded) if line_end < 0 else line_end
        if P.SYMBOL_ALONE_LINE.fullmatch(folded, line_start, line_end):
            alone.append(line_start)
        at = folded.find("/res/", line_end)
    if not alone:
        return frozenset()
    opening = folded[:P.TITLE_REACH]
    flat_opening = None  # the opening with its line breaks as spaces, for a title the head wraps otherwise
    index = {line.start: i for i, line in enumerate(lines) if line.start >= 0}
    heads = set()
    for line_start in alone:
        i = index.get(line_start)
        if i is None or i + 2 >= len(lines) or lines[i + 1].text.strip():
            continue
        title = lines[i + 2]
        text = title.text.strip()
        if not (5 <= len(text) <= P.HEAD_TITLE_LONGEST and text[0].isupper()):
            continue
        block = i + 3  # the title's wrapped lines, down to the blank line under it
        while block < len(lines) and block - i - 2 < _HEAD_TITLE_WRAPS and lines[block].text.strip():
            block += 1
        if block == i + 3:
            if text[-1] not in _CLAUSE_ENDS and title.folded.strip() in opening:
                heads.add(i + 2)
            continue
        if block < len(lines) and lines[block].text.strip():
            continue  # (no blank line under it within reach: body text)
        flat_opening = flat_opening if flat_opening is not None else P.SPACES.sub(" ", opening)
        if P.SPACES.sub(" ", " ".join(ln.folded.strip() for ln in lines[i + 2:block])) in flat_opening:
            heads.update(range(i + 2, block))  # "A/RES/81/207" / "Mesures préventives … du produit de la" / "corruption, …"
    return frozenset(heads)


_HEAD_TITLE_WRAPS = 5  # lines a title repeated in an even page's head may take


_HEAD_INDENT = 12  # a running head's wrapped title line is indented at least this much


def _title_wrap_below(title: str, below: str, folded: str, below_end: int) -> bool:
    """Is `below` the wrapped rest of a running head's `title` (the line above, the symbol after it):
    indented as the title is, one line, a blank line under it? A head at the margin (pdftotext's odd
    pages) counts when the body under it is indented."""
    indent = len(title) - len(title.lstrip())
    if len(below) - len(below.lstrip()) != indent or not below.strip():
        return False
    after = folded.find("\n", below_end + 1)
    if after < 0 or folded[below_end + 1:after].strip():
        return False
    if indent >= _HEAD_INDENT:
        return True
    if indent:
        return False
    body = L.NEXT_TEXT_LINE.search(folded, after + 1)  # (the page may leave more than one blank line)
    return body is not None and len(body.group(1)) >= _HEAD_INDENT


def _after_end(st: _State, index: int, line: Line, c: str) -> bool:
    """The adoption line's wrapped rest; after the adoption line, every line (annexes, footnotes)."""
    if st.in_footer and _footer_goes_on(st, line):
        st.footer.append(line)
        st.skip(line)
        return True
    st.in_footer = False
    if st.ended:
        st.skip(line)
    return st.ended


def _footer_goes_on(st: _State, line: Line) -> bool:
    """Whether `line` continues the adoption line above it ("Adopted unanimously at the" /
    "1382nd meeting."): at the foot until a full stop, else (at the head, or after a blank line)
    only after an unfinished one."""
    last = L.TRAILING_MARK.sub("", st.footer[-1].text).rstrip()
    if not last or last[-1] in ".;" or len(st.footer) > 4:
        return False
    if st.ended and not st.was_blank:
        return True
    return bool(L.UNFINISHED.search(last)) and not (P.CHAPEAU.match(line.folded) or _opening(st.lex, line))


def _running_head(st: _State, index: int, line: Line, c: str) -> bool:
    """A page's running head ("S/RES/2811 (2026)   Title"), which may wrap onto an indented line."""
    running = st.in_body and c in _line_firsts().running and P.RUNNING_HEAD.match(line.folded)
    if running or (st.after_head and len(line.text) - len(line.text.lstrip()) >= 12):
        st.after_head = True
        st.in_footnote = False  # a new page: its footnotes are behind
        st.skip(line)
        return True
    st.after_head = False
    return False


def _furniture(st: _State, index: int, line: Line, c: str) -> bool:
    """Page numbers, job numbers, rules, a draft symbol ("[S/318]"), the symbol alone on a line."""
    F = _line_firsts()
    f = line.folded
    if not ((c in F.furniture and P.PAGE_FURNITURE.match(f)) or (c in "[(" and L.DRAFT_SYMBOL_LINE.match(f))
            or ("  pag" in f and P.SYMBOL_AND_PAGE.match(f))
            or (c in _JOB_FOOTER_FIRSTS and len(f) < 160 and L.JOB_FOOTER.match(f))
            or (st.in_body and c in F.symbol and _is_symbol_line(f))):
        return False
    if st.in_body and c == DIGIT and (st.in_footnote or _under_rule(st.lines, index)) and L.MARK_ALONE.match(line.text):
        # a footnote's mark alone on its line, its text indented on the next ("4" / "    Notamment le réseau prévu à
        # l'article 35 …"): the PDF layout of the UN's footnotes, not a page number
        st.in_footnote = True
        st.skip(line)
        return True
    st.in_footnote = False
    if st.in_body:
        st.skip(line)
    else:
        st.header.append(line)
    return True


_OCR_NUMBER_FIRSTS = frozenset((DIGIT, "i", "l", "|"))  # "5, Notes", "L. Strongly", "i9. Calls"
_JOB_FOOTER_FIRSTS = frozenset((DIGIT, "*", "g", "p", "m", "s", "\u2672", "\u267b"))


def _footnote(st: _State, index: int, line: Line, c: str) -> bool:
    """A footnote in the body ("26 Ibid., document S/4431.") and its wrapped lines."""
    if not st.in_body:
        return False
    if st.in_footnote and not _starts_paragraph(st, line, c):
        st.skip(line)
        return True
    st.in_footnote = False
    F = _line_firsts()
    if (c in F.footnote and P.FOOTNOTE.match(line.folded)) or (
            c == DIGIT and (st.was_blank or _under_rule(st.lines, index)) and _footnote_start(st, line)) or (
            P.FOOTNOTE_TEXT.match(line.folded) and ((st.was_blank and _under_mark(st.lines, index))
                                                    or _under_job_footer(st.lines, index))):
        st.in_footnote = True
        st.skip(line)
        return True
    return False


def _under_mark(lines: list[Line], index: int) -> bool:
    """Is the line above lines[index], past blank lines, a footnote's mark alone ("3" / "" / "Résolution 70/1.")?"""
    j = index - 1
    while j > 0 and not lines[j].text.strip():
        j -= 1
    return j >= 0 and j < index - 1 and bool(L.MARK_ALONE.match(lines[j].text))


def _under_job_footer(lines: list[Line], index: int) -> bool:
    """Is the line above lines[index], past blank lines, the first page's job number ("18-22286 (E)")? A
    footnote's text may follow it with its mark lost ("See Official Records of the General Assembly, …")."""
    j = index - 1
    while j > 0 and not lines[j].text.strip():
        j -= 1
    return j >= 0 and bool(L.JOB_FOOTER.match(lines[j].folded))


def _under_rule(lines: list[Line], index: int) -> bool:
    """Is lines[index] right under a footnote rule ("____")? Then it opens the page's footnotes, blank
    line or not: a body line under the rule would have to be a new paragraph, which the caller's
    tests (a numbered paragraph, a date) still tell apart."""
    return index > 0 and bool(L.FOOTNOTE_RULE.fullmatch(lines[index - 1].text))


def _footnote_start(st: _State, line: Line) -> bool:
    """A number, a space and a capital after a blank line, which is neither a numbered paragraph
    (even one whose full stop OCR read as a comma) nor a date a wrapped line begins with."""
    return bool(L.FOOTNOTE_START.match(line.text)) and not P.NUMBERED.match(line.folded) \
        and not _comma_numbered(st, line) and not P.DATE.match(line.folded.lstrip())


def _starts_paragraph(st: _State, line: Line, c: str) -> bool:
    return bool((c == DIGIT and (P.NUMBERED.match(line.folded) or _comma_numbered(st, line)))
                or P.CHAPEAU.match(line.folded) or _opening(st.lex, line))


def _closing(st: _State, index: int, line: Line, c: str) -> bool:
    """An adoption, vote, meeting or date line: the document's, never a paragraph."""
    F = _line_firsts()
    f = line.folded
    # (or right under a paragraph that ends with its full stop: the plain layout sets no blank line)
    after_break = st.was_blank or st.current is None
    after_stop = after_break or st.current.lines[-1].text.rstrip().endswith(".")
    closing = (c in F.vote_strong and P.VOTE_STRONG.match(f)) or _adoption_at_meeting(st, index, line, c) \
        or (after_break and ((c in F.vote and P.VOTE_LINE.match(f)) or (c == "a" and L.ADOPTION_LINE.match(f)))) \
        or (after_stop and c in F.plenary and L.PLENARY_LINE.match(f)) \
        or (after_stop and c == "a" and line.text.lstrip()[:1] == "A" and L.ADOPTED_ALONE.match(f))
    date = not closing and st.in_body and st.current is not None and c in F.date and L.DATE_ONLY.match(f) \
        and (after_break or not L.UNFINISHED.search(st.current.lines[-1].text.rstrip()))  # not "… 198 (1964) of" / "18 December 1964,"
    if not (closing or date):
        return False
    st.footer.append(line)
    st.skip(line)
    st.current = None
    st.ended = bool(st.blocks) and not date  # after the vote or meeting line only annexes follow
    st.in_footer = bool(closing)
    return True


def _adoption_at_meeting(st: _State, index: int, line: Line, c: str) -> bool:
    """"Adopted at the 2256th meeting" right under a paragraph, with no blank line between: the
    capital and the meeting's number (on this line or its wrap) leave no doubt; a wrapped sentence
    says "adopted" in lower case."""
    if not (c == "a" and line.text.lstrip()[:1] == "A" and L.ADOPTION_LINE.match(line.folded)):
        return False
    wrap = st.lines[index + 1].folded if index + 1 < len(st.lines) else ""
    return bool(L.MEETING.search(line.folded + " " + wrap))


def _chapeau(st: _State, index: int, line: Line, c: str) -> bool:
    """"The Security Council,", "L'Assemblée générale de l'OIPC-INTERPOL, réunie à …"."""
    if not (c in _line_firsts().chapeau and (m := P.CHAPEAU.match(line.folded)) and len(line.folded.strip()) < 600):
        return False
    if len(line.folded.strip()) > _CHAPEAU_ALONE and not _CHAPEAU_END.search(line.folded, m.end(), m.end() + 100):
        return False  # a sentence about the body ("La Asamblea General de las Naciones Unidas votó para exigir …")
    if not (st.was_blank or st.current is None or _ends_clause(st.current)):
        return False
    st.chapeau.append(line)
    st.in_body = True
    st.current = None
    return True


_CHAPEAU_ALONE = 80  # a line this short may be the chapeau without its comma (OCR); a longer one holds it
_CHAPEAU_END = re.compile(r"[,:;]")
_CHAPEAU_THEN_MORE = re.compile(P.CHAPEAU.pattern + r"\s*,\s+\S")  # "The General Assembly, Recalling …" on one line


def _numbered(st: _State, index: int, line: Line, c: str) -> bool:
    """A numbered operative paragraph ("3. Requests …"), or a bullet in the operative part."""
    F = _line_firsts()
    m = (c in F.numbered and P.NUMBERED.match(line.folded)) or (c in _OCR_NUMBER_FIRSTS and _comma_numbered(st, line))
    bullet = None if m or c not in F.bullet else P.BULLET.match(line.folded)
    letter = None if m or bullet or not (c == "(" or c.isalpha()) else _lettered_item(st, line)
    if not (m or (bullet and st.operative) or letter):
        return False
    at = (m or bullet or letter).end()
    opened = _opening(st.lex, line, at) or _opening_after_body(st.lex, line, at)
    if opened and opened[2] == "operative":
        phrase, function = opened[0], opened[1]
    elif st.intro:
        phrase, function = st.intro
    elif opened:
        phrase, function = opened[0], opened[1]
    else:
        phrase, function = "", "other"
    st.open_block("operative", phrase, function, line)
    st.current.letter = letter.group(1) if letter else ""
    st.operative = st.in_body = True
    if m:
        st.last_number = _printed_number(m)
    return True


def _opening_after_body(lex: Lexicon, line: Line, at: int) -> tuple[str, str, str] | None:
    """"1. The Security Council requests …": the verb after the body's name (early texts)."""
    m = P.CHAPEAU.match(line.folded[at:])
    return _opening(lex, line, at + m.end(), lower=True) if m else None


def _lettered_item(st: _State, line: Line) -> re.Match[str] | None:
    """"(a) To renew the mandate …" under "Decides:" in a text without printed numbers, or "(a) Resolves
    …" / "(b) Requests …" as the operative paragraphs themselves, is an operative paragraph; under a
    numbered paragraph a lettered item belongs to it."""
    m = L.LETTERED.match(line.folded)
    if st.last_number:
        # (under numbered paragraphs the items are theirs, unless an unnumbered lead-in introduces them:
        # "3. … ; / CHARGE le Secrétariat général : / a) de veiller … / b) de présenter …")
        if m and st.intro and (st.current is None or m.group(1) in _next_items(st.current.letter or "")):
            return m
        return None
    if not m:
        if st.current is not None and st.current.letter == "a" and L.OCR_ITEM_B.match(line.folded):
            folded = line.folded.replace("(6)", "(b)", 1)  # "(6) Holds …": same length, same offsets
            return L.LETTERED.match(folded)
        return None
    if st.current is not None and st.current.letter:  # the next item: (a) then (b), (i) then (ii)
        return m if m.group(1) in _next_items(st.current.letter) else None
    if st.intro and st.current is None:
        return m
    opened = _opening(st.lex, line, m.end())
    return m if opened and opened[2] == "operative" and (st.current is None or _ends_clause(st.current)) else None


def _printed_number(m: re.Match[str]) -> int:
    return int(m.group(1).translate(L.OCR_ONE))


def _comma_numbered(st: _State, line: Line) -> re.Match[str] | None:
    """"5, Notes …", "2 Requests …", "L. Strongly condemns": a numbered operative paragraph as OCR
    printed it — only the next printed number, before an operative phrase or a verb."""
    m = L.NUMBERED_COMMA.match(line.text)
    if not m or _printed_number(m) != st.last_number + 1:
        return None
    if not (st.was_blank or st.current is None or _ends_clause(st.current)):
        return None
    opened = _opening(st.lex, line, m.end())
    if (opened and opened[2] == "operative") or (st.operative and L.THIRD_PERSON_VERB.match(line.text, m.end())):
        return m
    return None


def _opening_line(st: _State, index: int, line: Line, c: str) -> bool:
    """A paragraph opening with a clause phrase of the lexicon ("Recalling", "DÉCIDE")."""
    if not (st.was_blank or st.current is None or _ends_clause(st.current)):
        return False  # inside a paragraph: no phrase opens one here (the cheap test first)
    opened = _opening(st.lex, line, lower=line.lower)
    if not opened:
        return False
    phrase, function, kind = opened
    if not (st.in_body or st.blocks or st.chapeau):
        _leading_fragment(st, index)
    st.in_body = True
    if kind == "operative":
        st.operative = True
        if _block_ends_with_colon(st.lines, index) or _verb_alone_before_list(st.lines, index, phrase):
            st.intro = (phrase, function)
            st.current = None
            st.skip(line)
            return True
        st.intro = None
    st.open_block(kind, phrase, function, line)
    return True


def _leading_fragment(st: _State, index: int) -> None:
    """A page that opens inside a paragraph (a PDF's second page, a web page's excerpt): the lines right above the
    first opening phrase that open with a small letter and end a clause ("componentes, y componentes de artefactos
    …, asociados con ellos,") are that paragraph's end, the first one. Not a wrapped title or chapeau ("La
    Conférence des États parties à la Convention des Nations Unies" / "contre la corruption,"), nor a chapeau after
    a web page's chrome ("date 2024-09 La Asamblea General,")."""
    j = index - 1
    while j >= 0 and not st.lines[j].text.strip():
        j -= 1
    n = 0  # the title block's last lines, right above
    while n < len(st.header) and j - n >= 0 and st.header[-1 - n] is st.lines[j - n] and st.lines[j - n].text.strip():
        n += 1
    run = st.header[len(st.header) - n:]
    at = next((i for i, line in enumerate(run) if _opens_inside_sentence(line.text.strip())), None)
    if at is None:
        return
    block = run[at:]
    above = (run[at - 1].text if at else st.lines[j - n].text if j - n >= 0 else "").rstrip()
    if block[-1].text.rstrip()[-1:] not in ",;" or above[-1:].isalpha() or above[-1:] == "," \
            or P.CHAPEAU_ANYWHERE.search(" ".join(line.folded for line in block)):
        return
    del st.header[len(st.header) - len(block):]
    st.open_block("preambular", "", "other", block[0])
    st.current.lines += block[1:]
    st.current = None


def _opens_inside_sentence(text: str) -> bool:
    """A line of running text that opens with a small letter, or with a date inside a sentence ("27 mars 2009 et
    15/5 du …"); not a web page's word of chrome ("publicité", "comments") nor a short wrapped line of a head."""
    return len(text) >= _FRAGMENT_LINE_SHORTEST and (text[:1].islower() or bool(_FRAGMENT_DIGIT_START.match(text)))


_FRAGMENT_DIGIT_START = re.compile(r"\d{1,2} \w+ \d{4} [a-zà-ÿ]")
_FRAGMENT_LINE_SHORTEST = 30


def _outside_paragraphs(st: _State, index: int, line: Line, c: str) -> bool:
    """A line that opens no paragraph and belongs to none: the chapeau's wrapped line, or a heading
    inside the operative part (one step for both: most lines that reach it are neither)."""
    if st.was_blank:
        return st.operative and _heading(st, index, line)
    return st.current is None and bool(st.chapeau) and _chapeau_wrap(st, index, line)


def _chapeau_wrap(st: _State, index: int, line: Line) -> bool:
    """The chapeau's next line when the chapeau wraps ("The ICPO-Interpol General Assembly, meeting in
    Beijing from 4 to 10" / "October 1995 at its 64th session:"): still the chapeau, whose session,
    place and dates the header reads. A chapeau ends with its comma or colon."""
    if st.chapeau[-1] is not st.lines[index - 1]:
        return False
    if st.chapeau[-1].text.rstrip()[-1:] in ",;:.":  # (not a bracket: "réunie à Lyon (France)")
        return False
    st.chapeau.append(line)
    return True


def _heading(st: _State, index: int, line: Line) -> bool:
    """A heading inside the operative part ("Member countries", "II. Secretaría General") between two
    operative paragraphs: page furniture, neither a paragraph nor part of the one above (a list
    often restarts at 1 under it; the numbering goes on all the same)."""
    if not _heading_at(st.lines, index):
        return False
    j = _after_blanks(st.lines, index + 1)
    if not (_list_item(st.lines[j]) or (_opening(st.lex, st.lines[j]) or ("", "", ""))[2] == "operative"):
        return False
    st.skip(line)
    st.current = None
    return True


def _unknown_opening(st: _State, index: int, line: Line, c: str) -> bool:
    """A paragraph opening with a word the lexicon does not know, in the shape of a clause phrase."""
    if not st.in_body:
        if st.was_blank and not st.blocks and _recital_before_connective(st.lines, index):
            st.in_body = True  # "By Article 47 of the Charter, the United Nations have agreed …; / Therefore"
            st.open_block("preambular", line.text.split()[0], "other", line)
            return True
        return False
    # after "… as follows:" the text goes on: a capitalised word there opens nothing
    after_clause = st.was_blank and st.current is not None and _ends_clause(st.current) \
        and not st.current.lines[-1].text.rstrip().endswith(":")
    first = st.current is None and not st.operative and not st.blocks
    if not (after_clause or first):
        return False
    text = line.text.lstrip()
    if after_clause and not st.operative and L.CONNECTIVE_LINE.match(line.folded):
        st.skip(line)  # "Therefore", "To this end,": between the reasons and the decision, no paragraph
        st.current = None
        return True
    if st.last_number and _heading_shaped(text) and not P.DIGIT.search(text):
        # under the numbered paragraphs, a heading of the page's ("Related documents" and their list on a web
        # page, a part's letter "B"): the lines under it belong to no paragraph ("Article 6" of an annexed
        # agreement is left to the steps after)
        st.skip(line)
        st.current = None
        return True
    # after a finished clause and a blank line any sentence opens one: OCR "A firming that …"
    # and so does the first one under the chapeau ("In virtue of the powers conferred upon it by Article 35 …")
    word = P.UNKNOWN_OPENING.match(text) or ((after_clause or first) and L.SENTENCE_START.match(text))
    if not word:
        return False
    # an English verb in the third person ("Commends", "Dissolves") is operative wherever it stands
    operative = st.operative or bool(L.OPERATIVE_VERB_SHAPE.fullmatch(word.group(0)))
    st.operative = operative
    st.open_block("operative" if operative else "preambular", word.group(0), "other", line)
    return True


def _recital_before_connective(lines: list[Line], i: int) -> bool:
    """Is the block at `i` a reason set before the chapeau with no clause phrase, ending with its semicolon,
    the next block opening with a connective ("Therefore")?"""
    j = i
    while j < len(lines) and lines[j].text.strip():
        j += 1
    block = " ".join(line.text.strip() for line in lines[i:j])
    if len(block) < _RECITAL_SHORTEST or not block.endswith(";"):
        return False
    k = _after_blanks(lines, j)
    return k < len(lines) and bool(L.CONNECTIVE_LINE.match(lines[k].folded))


_RECITAL_SHORTEST = 80


def _continuation(st: _State, index: int, line: Line, c: str) -> bool:
    """Any other line: the current paragraph's, else page furniture of the body, else the title block's."""
    if st.current is not None:
        st.current.lines.append(line)
    elif st.in_body:
        st.skip(line)
    else:
        st.header.append(line)
    return True


_STEPS = (_after_end, _running_head, _furniture, _footnote, _closing, _chapeau, _numbered, _opening_line,
          _outside_paragraphs, _unknown_opening, _continuation)


# --- one match per line: the first step that can take it ----------------------------------------
# Each step before `_opening_line` takes a line only when one of its line patterns matches it (or
# for what came before: a wrapped adoption line, a running head's second line, a footnote's rest,
# anything after the adoption line — the loop offers such lines to every step). One alternation of
# all those patterns, in the steps' order, names the first step whose pattern matches: the steps
# before it would all decline the line, so the line starts there. Patterns the steps read on the
# unfolded text match its folded form case-insensitively (fold keeps blanks and digits in place and
# lower-cases): a wider pattern only sends a line to an earlier step, which then decides.
def _step_patterns() -> list[tuple[int, list[str]]]:
    """(index in _STEPS, pattern sources) of the steps before `_opening_line`."""
    folded = lambda *rxs: [rx.pattern for rx in rxs]  # noqa: E731 - matched on line.folded
    unfolded = lambda *rxs: [f"(?i:{rx.pattern})" for rx in rxs]  # noqa: E731 - matched on line.text
    return [
        (_STEPS.index(_running_head), folded(P.RUNNING_HEAD)),
        (_STEPS.index(_furniture), folded(P.PAGE_FURNITURE, L.DRAFT_SYMBOL_LINE, L.JOB_FOOTER, P.SYMBOL_AND_PAGE)
         # the symbol is matched on the stripped line; its opening is enough to offer the line (a short
         # pattern: the alternation of every first letter that can open a symbol holds it)
         + [rf"\s*{P.SYMBOL_OPENING_BODY}"]),
        (_STEPS.index(_footnote), folded(P.FOOTNOTE, P.FOOTNOTE_TEXT) + unfolded(L.FOOTNOTE_START)),
        (_STEPS.index(_closing), folded(P.VOTE_STRONG, L.ADOPTION_LINE, P.VOTE_LINE, L.PLENARY_LINE, L.DATE_ONLY)),
        (_STEPS.index(_chapeau), folded(P.CHAPEAU)),
        (_STEPS.index(_numbered), folded(P.NUMBERED, P.BULLET, L.LETTERED, L.OCR_ITEM_B) + unfolded(L.NUMBERED_COMMA)),
    ]


class _Kinds:
    """The alternation of the step patterns that can match a line opening with a given character."""

    def __init__(self) -> None:
        self.alternatives: list[tuple[str, str, frozenset[str] | None]] = []  # name, source, first chars
        self.chains: dict[str, tuple] = {}  # the steps to try by the name of the matching alternative
        self.tail = _STEPS[_STEPS.index(_opening_line):]  # the steps for a line no alternative matches
        for index, sources in _step_patterns():
            for k, src in enumerate(sources):
                name = f"s{index}_{k}"
                src = _GROUP_NAME.sub("(?:", src)  # inner group names would clash
                firsts = first_chars(re.compile(src.replace("(?i:", "(?:")))
                if firsts is not None and "(?i:" in src:  # read on the unfolded text: fold them
                    firsts = frozenset(ch if ch == DIGIT else fold(ch) for ch in firsts)
                self.alternatives.append((name, src, firsts))
                self.chains[name] = _STEPS[index:]
        self.by_first: dict[str, re.Pattern[str] | None] = {}

    def pattern(self, c: str) -> re.Pattern[str] | None:
        """The alternation for lines whose first non-blank folded character is `c` (DIGIT for a
        digit); None when no step pattern can match such a line."""
        if c not in self.by_first:
            alts = [f"(?P<{name}>{src})" for name, src, firsts in self.alternatives if firsts is None or c in firsts]
            self.by_first[c] = re.compile("|".join(alts)) if alts else None
        return self.by_first[c]


_KINDS: list[_Kinds] = []
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _line_kinds() -> _Kinds:
    if not _KINDS:
        _KINDS.append(_Kinds())
    return _KINDS[0]


_OPEN_QUOTES = frozenset("\"“‘«„")


def _in_draft(st: _State, index: int, line: Line) -> Line | None:
    """A line of a quoted draft resolution (`_quoted_draft`): read unquoted; None for the draft's
    chapeau, which is neither a paragraph nor the document's chapeau."""
    if _quoted_chapeau(line):
        st.draft = st.in_body = True
        st.operative, st.intro, st.current = False, None, None
        st.skip(line)
        return None
    line = st.lines[index] = _unquoted(line)
    return line


def _first(folded: str) -> str:
    """The first non-blank character of a line (DIGIT for a digit)."""
    c = folded.lstrip()[0]
    return DIGIT if c.isdecimal() else c


def _quoted_chapeau(line: Line) -> bool:
    """'“The General Assembly,': a quoted resolution opens."""
    f = line.folded.lstrip()
    return f[:1] in _OPEN_QUOTES and f.rstrip().endswith(",") and bool(P.CHAPEAU.match(f[1:]))


_DRAFT_INTRO_LINES = 3  # "Recommends to the General Assembly the adoption of the following draft" / "resolution:"


def _quoted_draft(lines: list[Line], i: int) -> bool:
    """Does lines[i] open a quoted draft resolution that the text recommends ("Recommends to the
    General Assembly the adoption of the following draft resolution:" / "“The General Assembly,")?
    Its paragraphs, each opening with a quotation mark, are the document's own, read as if unquoted.
    A resolution quoted as it reads ("Reaffirms its resolution 425 (1978) which reads:") and any
    quotation without a chapeau stay inside the paragraph that quotes them."""
    if not _quoted_chapeau(lines[i]):
        return False
    k = i - 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    if k < 0 or not lines[k].text.rstrip().endswith(":"):
        return False
    return bool(P.DRAFT_INTRO.search(" ".join(line.folded for line in lines[max(0, k - _DRAFT_INTRO_LINES + 1):k + 1])))


def _unquoted(line: Line) -> Line:
    """The line with its opening quotation mark read as a blank (offsets unchanged)."""
    k = len(line.folded) - len(line.folded.lstrip())
    return Line(line.start, line.end, line.text, line.folded[:k] + " " + line.folded[k + 1:], line.opens)


def _is_symbol_line(folded: str) -> bool:
    m = P.SYMBOL.match(folded.strip())
    return bool(m) and m.end() == len(folded.strip())


def _ends_clause(block: _Block) -> bool:
    last = block.lines[-1].text.rstrip()
    if last[-1:].isdigit():  # only a line ending in a digit can end in a footnote mark: "Group, 57"
        last = L.CLAUSE_END_MARK.sub("", last)
    elif last.endswith((" y", " and", " et")):  # "…; y" / "…; and" / "…; et": the OAS's before its last reason
        last = _LAST_REASON.sub(";", last)
    return bool(last) and last[-1] in _CLAUSE_ENDS


_LAST_REASON = re.compile(r";\s+(?:y|and|et)$")


_CLAUSE_ENDS = ",;:.»\"')"


def _subject_line(line: Line) -> bool:
    """A short line that names who speaks and ends with its comma ("Le Conseil,", "The Council,")."""
    text = line.text.strip()
    return 0 < len(text) <= _SUBJECT_LINE_LONGEST and text.endswith(",") and text[0].isupper() \
        and not any(ch.isdigit() for ch in text)


_SUBJECT_LINE_LONGEST = 40


def _block_ends_with_colon(lines: list[Line], i: int) -> bool:
    """An operative verb line (lines[i]) that only introduces a list ("INVITE les pays membres à :"
    then numbered or bulleted items); "Recommends … as follows:" before running text is a paragraph."""
    text = lines[i].text.rstrip()
    j = i + 1
    while j < len(lines) and lines[j].text.strip() and not _list_item(lines[j]) and not _quoted_draft(lines, j):
        text = lines[j].text.rstrip()
        j += 1
    j = _after_blanks(lines, j)
    if j < len(lines) and not _list_item(lines[j]) and _heading_at(lines, j):
        j = _after_blanks(lines, j + 1)  # "RESOLVES as follows:", a heading, then the list
    elif j < len(lines) and _subject_line(lines[j]):
        j = _after_blanks(lines, j + 1)  # "Adopte ce qui suit :", "Le Conseil,", then the list (an AU communiqué)
    # ("Recommends … the adoption of the following draft resolution:" introduces a quoted draft)
    if not (text.endswith(":") and j < len(lines)):
        return False
    return _quoted_draft(lines, j) or (_list_item(lines[j]) and not _sentence_goes_on(lines, j))


def _sentence_goes_on(lines: list[Line], j: int) -> bool:
    """Do the items from lines[j] end mid-sentence, the next block going on in lower case after an item's
    comma ("… and finds that: (a) Aerial action …, and (b) Any aggressive military action …, / constitute a
    violation of …")? Then the line before them, the items and what follows are one paragraph, not a list's
    lead-in. (An item a page break cuts mid-phrase also goes on in lower case, after no comma.)"""
    last = ""
    while j < len(lines):
        if not _list_item(lines[j]):
            first = lines[j].text.lstrip()[:1]
            return first.isalpha() and first.islower() and last.endswith(",")
        while j < len(lines) and lines[j].text.strip():  # the item and its wrapped lines
            last = lines[j].text.rstrip()
            j += 1
        j = _after_blanks(lines, j)
    return False


_HEADING_WORDS = 8  # "Cooperation with the United Nations Office on Drugs and Crime" at most


def _heading_shaped(text: str) -> bool:
    """A short line that opens with a capital and ends no clause."""
    text = text.strip()
    return bool(text) and text[0].isupper() and text[-1] not in _CLAUSE_ENDS and len(text.split()) <= _HEADING_WORDS


def _heading_at(lines: list[Line], i: int) -> bool:
    """Is lines[i] shaped as a heading: a short line that opens with a capital and ends no clause,
    with a blank line under it and a line after that?"""
    if not _heading_shaped(lines[i].text):
        return False
    return i + 2 < len(lines) and not lines[i + 1].text.strip() and _after_blanks(lines, i + 1) < len(lines)


def _after_blanks(lines: list[Line], j: int) -> int:
    """The index of the first line from `j` on that is not blank (len(lines) if none)."""
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return j


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")


def _next_items(item: str) -> set[str]:
    """The items that may follow `item`: the next letter, the next roman numeral."""
    out = {chr(ord(item) + 1)} if len(item) == 1 and item < "z" else set()
    if item in _ROMAN[:-1]:
        out.add(_ROMAN[_ROMAN.index(item) + 1])
    return out


def _verb_alone_before_list(lines: list[Line], i: int, phrase: str) -> bool:
    """The operative verb alone on its line, no colon, the numbered items under it ("RESUELVE" / "1. Expresar su
    apoyo …", as the OAS prints it): it introduces them, as "RESUELVE:" does."""
    j = _after_blanks(lines, i + 1)
    return lines[i].text.strip() == phrase and j < len(lines) and bool(P.NUMBERED.match(lines[j].folded))


def _list_item(line: Line) -> bool:
    return bool(P.NUMBERED.match(line.folded) or P.BULLET.match(line.folded) or L.LETTERED.match(line.folded))


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


def _number(blocks: list[_Block], ct: CleanText) -> tuple[list[Paragraph], list[tuple[int, int]]]:
    """The paragraphs (pp_n, op_n) of the blocks, and each one's span in the cleaned text."""
    paragraphs: list[Paragraph] = []
    spans: list[tuple[int, int]] = []
    preambular = operative = 0
    original = ct.original
    for b in blocks:
        if b.kind == "preambular":
            preambular += 1
            pid = "pp_" + str(preambular)
        else:
            operative += 1
            pid = "op_" + str(operative)
        first, last = b.lines[0], b.lines[-1]
        start = first.start + (len(first.text) - len(first.text.lstrip()))
        end = last.end - (len(last.text) - len(last.text.rstrip()))
        ostart, oend = ct.span(start, end)
        paragraphs.append(Paragraph(pid, b.kind, b.phrase, b.function, ostart, oend, original[ostart:oend]))
        spans.append((start, end))
    return paragraphs, spans
