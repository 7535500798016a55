"""Stage 3 — find raw references in a span of cleaned, folded text.

Everything runs on the folded text (lower case, no accents; same offsets as the cleaned text).
A mention carries a key when its pattern alone fixes it (a symbol, a resolution number with its
body, a named instrument); articles and anaphora are left for :mod:`resograph.reading.resolve`, which knows
what the document mentioned before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from bisect import bisect_left, bisect_right
from functools import cached_property
from operator import le

from resograph.core import keys
from resograph.reading import patterns as P
from resograph.reading import prefilter
from resograph.reading.lexicon import Lexicon, Name, council_year
from resograph.core.models import Mention
from resograph.reading.segment import iso_date



def find_mentions(text: str, folded: str, start: int, end: int, lex: Lexicon,
                  own_body: str | None) -> list[Mention]:
    """All mentions in text[start:end] (cleaned `text` for case checks, `folded` for matching)."""
    return find_in_spans(text, folded, [(start, end)], lex, own_body)[0]


def find_names(text: str, folded: str, start: int, end: int, lex: Lexicon) -> list[Mention]:
    """The mentions of kind "named" that `find_mentions` finds in text[start:end], in order, and
    only those: a title needs no others (its named instruments are antecedents and tell what the
    resolution implements), and they do not depend on the others."""
    sp = _Spans(folded, [(start, end)])
    names = sp.scan_with(lex.name_re, lex.name_needles)[0]
    # (the nouns only where a pronoun or a subtitle can be: titles seldom hold one)
    wanted = (lex.pronoun_re is not None and lex.pronoun_re.search(folded, start, end)) or (
        names and folded.find(":", start, end) >= 0)
    nouns = sp.scan_with(P.INSTRUMENT_NOUN, P.INSTRUMENT_NEEDLES)[0] if wanted else ()
    named = _names_in(text, folded, names, nouns, start, end, lex)
    if P.YEAR_IN_NAME.search(folded, start, end):  # a known name with its year after the noun ("Convention de
        # 1951 relative au statut des réfugiés"): found as `find_mentions` finds it, from its anaphor's match
        phrases = (_phrase_anaphora(text, sp.scan_with(lex.phrase_anaphor_re, lex.phrase_anaphor_needles)[0], named)
                   if lex.phrase_anaphor_re is not None else [])
        anaphors = sp.scan_with(P.ANAPHOR, P.ANAPHOR_KEYS)[0]
        dated = [m for m in _anaphora(text, folded, anaphors, end, [(m.start, m.end) for m in named + phrases], lex)
                 if m.kind == "named"]
        named = sorted(named + dated, key=_position) if dated else named
    return named


def _names_in(text: str, folded: str, names: Sequence[re.Match[str]], nouns: Sequence[re.Match[str]],
              start: int, end: int, lex: Lexicon, set_phrases: Sequence[tuple] = P.SET_PHRASES) -> list[Mention]:
    """The named mentions of text[start:end]: registry names (`names`, the scan's matches), the
    treaties a plural noun names by their places, and those a pronoun names (`nouns`: the
    instrument nouns of the span). `set_phrases`: those of P.SET_PHRASES the whole text may hold."""
    named = _named(text, folded, names, lex) if names else []
    if folded.find("conven", start, end) >= 0:  # (every plural noun opens so)
        named += _plural_names(text, folded, start, end, lex)
        named.sort(key=_position)
    for rx, keys, needles in set_phrases:
        if any(folded.find(n, start, end) >= 0 for n in needles) and (group := rx.search(folded, start, end)):
            # "the three international drug control conventions", "the International Covenants on Human Rights"
            named = sorted(named + [Mention("named", group.start(), group.end(), text[group.start():group.end()], key,
                                            {"kind": "Treaty", "weak": False}) for key in keys], key=_position)
    if nouns and lex.pronoun_re is not None and (by_pronoun := _pronoun_names(text, folded, nouns, start, end, lex)):
        named = sorted(named + by_pronoun, key=_position)
    if nouns and named and folded.find(":", start, end) >= 0:
        _mark_subtitle_names(text, folded, nouns, named, end)
    return named


def find_in_spans(text: str, folded: str, spans: list[tuple[int, int]], lex: Lexicon,
                  own_body: str | None, hits: Hits | None = None) -> list[list[Mention]]:
    """`find_mentions` for each of the sorted, disjoint `spans` (a document's paragraphs).
    `hits`: what :func:`prefilter_scan` found in `folded` (same answers, the regexes tried less).

    Each scanner runs once over the whole range instead of once per paragraph (a document has
    ~14), and its matches are dealt to the paragraphs: the answers are those of one scan per span.
    """
    sp = _Spans(folded, spans)
    if hits is not None:  # the native prefilter said where each pattern can match
        symbols = sp.scan_at(P.SYMBOL_SCAN, hits["symbol"])
        resolutions = sp.scan_at(P.RESOLUTION_WORD, hits["resolution"])
        decisions = sp.scan_at(P.DECISION_WORD, hits["decision"])
        names = sp.scan_at(lex.name_re, hits["name"])
        anaphors = sp.scan_at(P.ANAPHOR, hits["anaphor"])
        articles = sp.scan_at(P.ARTICLE, hits["article"])
        chapters = sp.scan_at(P.CHAPTER, hits["chapter"])
    else:
        symbols = sp.scan_with(P.SYMBOL_SCAN, P.SYMBOL_NEEDLES)
        resolutions = sp.scan(P.RESOLUTION_WORD)
        decisions = sp.scan(P.DECISION_WORD)
        names = sp.scan_with(lex.name_re, lex.name_needles)
        anaphors = sp.scan_with(P.ANAPHOR, P.ANAPHOR_KEYS)
        articles = sp.scan(P.ARTICLE)
        chapters = sp.scan_with(P.CHAPTER, P.CHAPTER_NEEDLES)
    phrase_anaphors = (sp.scan_with(lex.phrase_anaphor_re, lex.phrase_anaphor_needles)
                       if lex.phrase_anaphor_re is not None else None)
    instruments = (sp.scan_at(P.INSTRUMENT_NOUN, hits["instrument"]) if hits is not None
                   else sp.scan_with(P.INSTRUMENT_NOUN, P.INSTRUMENT_NEEDLES))
    # what few texts hold, looked for once in the whole text rather than in each paragraph
    set_phrases = [phrase for phrase in P.SET_PHRASES if any(n in folded for n in phrase[2])]
    pointed = any(n in folded for n in P.POINTED_PLURAL_NEEDLES)
    result: list[list[Mention]] = []
    for i, (start, end) in enumerate(spans):
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if symbols[i]:
            out += _symbols(text, folded, symbols[i], end)
            taken = [(m.start, m.end) for m in out]
        if resolutions[i] or decisions[i]:
            out += _numbers(text, folded, resolutions[i], decisions[i], start, end, own_body, taken, lex)
        named = _names_in(text, folded, names[i], instruments[i], start, end, lex, set_phrases)
        out += named
        anaphoric: list[Mention] = (_phrase_anaphora(text, phrase_anaphors[i], named)
                                    if phrase_anaphors is not None and phrase_anaphors[i] else [])
        if anaphors[i]:  # ("la Convention" inside "la Convention d'armistice général" is not one)
            anaphoric += _anaphora(text, folded, anaphors[i], end, [(m.start, m.end) for m in named + anaphoric], lex)
        anaphoric += _pointing_words(text, folded, instruments[i], start, end, own_body, pointed)
        out += anaphoric
        if instruments[i]:
            out += _unknown_names(text, folded, instruments[i], start, end,
                                  [(m.start, m.end) for m in named + anaphoric])
        if articles[i]:
            out += _articles(text, folded, articles[i], start, end)
        if chapters[i]:
            out += _chapters(text, folded, chapters[i], start, end)
        if len(out) > 1:
            out.sort(key=_position)
        result.append(out)
    return result


Hits = dict[str, prefilter.Intervals]


def prefilter_scan(folded: str, lex: Lexicon) -> Hits | None:
    """Where each finder's pattern can match in `folded`, from one native pass (None without the
    native library, or with RESOGRAPH_PREFILTER=0: the finders then scan with `re` alone)."""
    if not prefilter.wanted():
        return None
    known = _PREFILTERS.get(id(lex))
    if known is None or known[0] is not lex:
        # Patterns whose matches open with a word are looked for by that word (exact starts, a small
        # database); symbols by their opening, anaphors relaxed whole.
        known = _PREFILTERS[id(lex)] = (lex, prefilter.load(
            {"symbol": P.SYMBOL_OPENING, "anaphor": P.ANAPHOR},
            {"resolution": P.RESOLUTION_OPENINGS, "decision": P.DECISION_OPENINGS, "name": lex.name_openings,
             "article": P.ARTICLE_OPENINGS, "chapter": P.CHAPTER_OPENINGS, "mechanism": lex.mechanism_openings,
             "instrument": P.INSTRUMENT_NEEDLES}))
    pf = known[1]
    return pf.scan(folded) if pf is not None else None


_PREFILTERS: dict[int, tuple[Lexicon, prefilter.Prefilter | None]] = {}  # per lexicon, built once


def _position(m: Mention) -> tuple[int, int]:
    return m.start, m.end


def find_mechanisms(text: str, folded: str, start: int, end: int, lex: Lexicon) -> list[Mention]:
    return find_mechanisms_in_spans(text, folded, [(start, end)], lex)[0]


def find_mechanisms_in_spans(text: str, folded: str, spans: list[tuple[int, int]],
                             lex: Lexicon, hits: Hits | None = None) -> list[list[Mention]]:
    """`find_mechanisms` for each of the sorted, disjoint `spans`, in one scan."""
    sp = _Spans(folded, spans)
    found = (sp.scan_at(lex.mechanism_re, hits["mechanism"]) if hits is not None
             else sp.scan_with(lex.mechanism_re, lex.mechanism_needles))
    return [[Mention("mechanism", m.start(), m.end(), text[m.start():m.end()], lex.mechanism(m.group(0)))
             for m in ms] for ms in found]


class _Spans:
    """A document's paragraph spans, prepared once for every scanner; `scan*(rx)` answer for each
    span what `rx.finditer(folded, start, end)` yields."""

    def __init__(self, folded: str, spans: list[tuple[int, int]]) -> None:
        self.folded = folded
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        # Sorted and disjoint, as a document's paragraphs are: else every span is scanned alone.
        self.ordered = all(map(le, self.starts, self.ends)) and all(map(le, self.ends, self.starts[1:]))

    @cached_property
    def alone(self) -> set[int]:
        """The spans `scan` matches on their own (see there); only `scan` needs them."""
        folded, n = self.folded, len(self.folded)
        return ({i for i, e in enumerate(self.ends) if e < n and not folded[e].isspace()}
                if self.ordered else set(range(len(self.spans))))

    def scan(self, rx: re.Pattern[str]) -> list[list[re.Match[str]]]:
        """One scan over all the spans, its matches dealt to them.

        A match inside a span is the one a scan bounded to the span finds, provided the character
        after the span is white space (the scanners' look-aheads read one character, and a space
        there acts as the end of the string does). A span after which that is not so, or that a
        match straddles (its edge or a gap), is scanned on its own.
        """
        spans, starts, ends = self.spans, self.starts, self.ends
        n = len(spans)
        out: list[list[re.Match[str]]] = [[] for _ in range(n)]
        if n == 0:
            return out
        redo = set(self.alone)
        if self.ordered:
            for m in rx.finditer(self.folded, starts[0], ends[-1]):
                s, e = m.span()
                i = bisect_right(starts, s) - 1
                if i >= 0 and s < ends[i]:
                    if e <= ends[i]:
                        out[i].append(m)
                        continue
                else:
                    i += 1  # starts in a gap
                while i < n and starts[i] < e:  # straddles into span i
                    redo.add(i)
                    i += 1
        for i in redo:
            out[i] = list(rx.finditer(self.folded, *spans[i]))
        return out

    def scan_at(self, rx: re.Pattern[str], intervals: prefilter.Intervals) -> list[Sequence[re.Match[str]]]:
        """What `scan` answers, `rx` tried only inside `intervals` (where the prefilter found that a
        match can start), each span matched on its own as :func:`prefilter.matches` does.

        One walk over the intervals and the spans together (both sorted): each interval is tried
        in each span it reaches, from where that span's last match ended — the tries `matches`
        makes span by span, without a call, a bisection and a copy of the intervals per span."""
        spans, starts, ends = self.spans, self.starts, self.ends
        # (most spans get no match: they share one empty tuple; the finders only read these)
        out: list[Sequence[re.Match[str]]] = [()] * len(spans)
        if not intervals:
            return out
        folded, n = self.folded, len(spans)
        if not self.ordered:
            firsts = [a for a, _ in intervals]
            for i, (start, end) in enumerate(spans):
                out[i] = prefilter.matches(rx, folded, start, end, intervals, firsts)
            return out
        match = rx.match
        resume: dict[int, int] = {}  # span → where its next match may start (its last match's end)
        i = max(bisect_right(starts, intervals[0][0]) - 1, 0)
        for a, b in intervals:  # sorted and disjoint
            while i < n and ends[i] <= a:
                i += 1
            j = i
            while j < n and starts[j] < b:  # the spans the interval reaches
                end = ends[j]
                p = resume.get(j, starts[j])
                if a > p:
                    p = a
                stop = b if b < end else end
                while p < stop:
                    m = match(folded, p, end)
                    if m is None:
                        p += 1
                    else:
                        if out[j]:
                            out[j].append(m)  # type: ignore[attr-defined]  (a list once it holds one)
                        else:
                            out[j] = [m]
                        p = m.end() if m.end() > p else p + 1
                if p > resume.get(j, starts[j]):
                    resume[j] = p
                j += 1
        return out

    def scan_with(self, rx: re.Pattern[str], needles: tuple[str, ...]) -> list[list[re.Match[str]]]:
        """For a pattern whose every match contains one of `needles`: only the spans that contain
        one are scanned, each on its own (a substring search is far cheaper than the regex engine
        trying each position)."""
        folded, spans, starts, ends = self.folded, self.spans, self.starts, self.ends
        out: list[list[re.Match[str]]] = [[] for _ in spans]
        if not spans:
            return out
        if not self.ordered:
            hit = {i for i, (s, e) in enumerate(spans) if any(folded.find(k, s, e) >= 0 for k in needles)}
        else:  # deal each occurrence of a needle to its span
            hit = set()
            lo, hi = starts[0], ends[-1]
            for needle in needles:
                at = folded.find(needle, lo, hi)
                size = len(needle)
                while at >= 0:
                    i = bisect_right(starts, at) - 1
                    if at + size <= ends[i]:
                        hit.add(i)  # the span is hit: go on after it
                        at = folded.find(needle, ends[i], hi)
                    else:
                        at = folded.find(needle, at + 1, hi)
        for i in hit:
            out[i] = list(rx.finditer(folded, *spans[i]))
        return out


def _symbols(text: str, folded: str, matches: list[re.Match[str]], end: int) -> list[Mention]:
    out = []
    for m in matches:
        printed = text[m.start():m.end()]
        key = keys.symbol_key(m, printed)
        if not key:
            continue
        if m.group("undoc"):
            # A UN document symbol: kept as printed ("S/Agenda/1705"), spaces gone.
            key = P.SPACES.sub("", printed)
            if not P.DIGIT.search(key.split("/", 1)[-1]):
                continue
        kind = "undoc" if m.group("undoc") else "symbol"
        mention = Mention(kind, m.start(), m.end(), printed, key)
        dm = P.DATE_CLAUSE.match(folded, m.end(), end)
        if dm and dm.group(3):
            mention.data["date"] = iso_date(dm.group(1), dm.group(2), dm.group(3))
        out.append(mention)
        if m.group("ip") or m.group("agn"):
            out += _symbol_list(text, folded, m, end)
    return out


def _symbol_list(text: str, folded: str, m: re.Match[str], end: int) -> list[Mention]:
    """The numbers that follow an INTERPOL symbol in an abbreviated list ("AGN/62/RES/6 and 7",
    "AG-2003-RES-04 and -05"), each the key of the first's stem with its own number, in rising order."""
    out = []
    last, pos = int(m.group("ip_n") or m.group("agn_n")), m.end()
    while (tail := P.SYMBOL_LIST_TAIL.match(folded, pos, end)) and int(tail.group("n")) > last:
        last, pos = int(tail.group("n")), tail.end()
        if m.group("ip"):
            key = keys.interpol_resolution(int(m.group("ip_y")), last, int(m.group("ip_s")) if m.group("ip_s") else None)
        else:
            key = f"AGN/{int(m.group('agn_s'))}/{m.group('agn_t').upper()}/{last}"
        s = tail.start("n") - (folded[tail.start("n") - 1] == "-")
        out.append(Mention("symbol", s, tail.end(), text[s:tail.end()], key))
    return out


def _window_start(folded: str, at: int, lo: int, width: int) -> int:
    """Where a look-behind window of `width` characters before `at` starts, the white space right
    before `at` not counted: a hard-wrapped, indented line ("et sa" / "             résolution…")
    puts a line break and its indentation between the word and what qualifies it."""
    end = at
    while end > lo and folded[end - 1].isspace():
        end -= 1
    return max(lo, end - width)


def _body_near(folded: str, start: int, lo: int) -> str | None:
    """The body named closest before `start` (within 70 characters), or a body whose numbers get
    no key (`P.OTHER_BODY`) named right before the word."""
    before = max(lo, start - 200)
    if any(folded.find(k, before, start) >= 0 for k in P.OTHER_BODY_NEEDLES):
        link = P.INCLUSION_LINK.search(folded, before, start)  # "…, including resolution 67/1"
        if _body_before(folded, before, start, P.OTHER_BODY_PHRASES) or (
                link and _body_before(folded, before, link.start(), P.OTHER_BODY_PHRASES)):
            return P.OTHER_BODY
    return _last_body_in(folded[max(lo, start - 70):start])


def _last_body_in(window: str) -> str | None:
    """The United Nations body named last in `window` (the first of BODY_CONTEXT's order on a tie)."""
    best, best_pos = None, -1
    if any(k in window for k in P.BODY_NEEDLES):  # else no body named: spare the four scans
        for code, rx in P.BODY_CONTEXT:
            for m in rx.finditer(window):
                if m.start() > best_pos:
                    best, best_pos = code, m.start()
    return best


def _body_before(folded: str, lo: int, at: int, phrases: tuple[str, ...]) -> str | None:
    """The body one of whose `phrases` (P.BODY_PHRASES) ends folded[lo:at], with what completes
    a conference "of the Parties" ("… to the Convention …") after it, if one does."""
    phrase = _ends_with(folded, lo, at, phrases)
    if phrase is None and (un := P.UN_COMPLEMENT.search(folded, lo, at)):
        phrase = _ends_with(folded, lo, un.start(), phrases)
    for word in P.PARTIES if phrase is None else ():
        end = folded.rfind(word, lo, at) + len(word)
        if end >= len(word) and P.NAME_COMPLEMENT.fullmatch(folded, end, at):
            phrase = _ends_with(folded, lo, end, phrases)
            break
    return P.BODY_PHRASES[phrase] if phrase else None


def _ends_with(folded: str, lo: int, at: int, phrases: tuple[str, ...]) -> str | None:
    """The longest of `phrases` that folded[lo:at] ends with as whole words (its white space as
    one space; a comma or spaces after it are let go)."""
    text = P.SPACES.sub(" ", folded[lo:at]).rstrip(" ,")
    if not text.endswith(phrases):
        return None
    found = [p for p in phrases if text.endswith(p) and (len(text) == len(p) or not text[-len(p) - 1].isalnum())]
    return max(found, key=len) if found else None


def _other_body_at(folded: str, pos: int, end: int) -> int | None:
    """Where the name of a body whose numbers get no key ends, when one is named at `pos` after a
    genitive ("… de la Commission des stupéfiants", "of the Commission on Narcotic Drugs")."""
    g = P.GENITIVE.match(folded, pos, end)
    if not g:
        return None
    found = _starts_with(folded, g.end(), end, P.OTHER_BODY_PHRASES)
    if not found and (q := P.UN_BEFORE_BODY.match(folded, g.end(), end)):  # "of the United Nations Commission on …"
        found = _starts_with(folded, q.end(), end, P.OTHER_BODY_PHRASES)
    return found[1] if found else None


def _numbers(text: str, folded: str, resolution_words: list[re.Match[str]],
             decision_words: list[re.Match[str]], start: int, end: int, own_body: str | None,
             taken: list[tuple[int, int]], lex: Lexicon) -> list[Mention]:
    """Resolution and decision numbers in the lists that follow "resolution(s)"/"decision(s)"."""
    out: list[Mention] = []
    for words, is_decision in ((resolution_words, False), (decision_words, True)):
        named_before: tuple[int, str] | None = None  # (end, body) of the last list of another UN body than the text's
        for w in words:
            ws, we = w.span()
            pos = P.AFTER_WORD.match(folded, we, end).end()
            # (another body first: "of the General Assembly of the OAS" opens with the Assembly's name)
            if (other_end := _other_body_at(folded, pos, end)) is not None:
                # "the resolutions of the Commission on Narcotic Drugs 56/4 and 57/2"
                pos, infix_body = P.AFTER_WORD.match(folded, other_end, end).end(), P.OTHER_BODY
            elif infix := P.BODY_INFIX.match(folded, pos, end):
                pos, infix_body = infix.end(), _infix_code(folded, infix)
            else:  # "UNSCR 2396 (2017)": the word names the body
                infix_body = None if is_decision else P.RESOLUTION_ABBREVIATIONS.get(w.group(1))
            if infix_body is None and named_before and P.AND_ANOTHER.fullmatch(folded, named_before[0], ws) \
                    and _last_body_in(folded[named_before[0]:ws]) is None:
                infix_body = named_before[1]  # "Human Rights Council resolution 5/1 on …, and resolution 5/2 on …"
            plural = w.group(1).endswith(("s", "es"))
            items, pos = _read_list(text, folded, ws, pos, end, plural, taken)
            if (not items and not is_decision and ":" in folded[pos:pos + P.TABLE_INTRO_REACH + 1]
                    and (intro := P.TABLE_INTRO.match(folded, pos, end))):
                items = _rows(text, folded, intro.end(), end, taken)
            if not items:
                if not is_decision and (lone := _without_list(text, folded, w, pos, end, start, infix_body,
                                                              plural, own_body, lex)):
                    out += lone
                continue
            # A body named after an item is that of the items before it, back to the previous one
            # named ("70/181 of the General Assembly and 2178 (2014) of the Security Council").
            body = None if "body" in items[-1].data else _list_body(folded, w, infix_body, start, own_body)
            for m in reversed(items):
                named = m.data.pop("body", body)
                if named and named.startswith(P.SHORT_BODY_MARK):  # "… 5/1 et 5/2 du Conseil"
                    named = own_body if own_body in P.SHORT_BODY_CODES[named[len(P.SHORT_BODY_MARK):]] else body
                body = named
                if body is None and own_body is None and m.data["num"][0] == "old":
                    # "n (XXVIII)" with no United Nations body named, in another organisation's text:
                    # its own numbering (the OAU's, the AU's), not the General Assembly's
                    m.key = None
                    continue
                num = m.data["num"]
                if num[0] == "old" and "date" in m.data:
                    num = _session_of_date(num, m.data["date"])
                elif num[0] == "sc" and "date" in m.data:
                    num = _year_of_date(num, m.data["date"])
                m.key = _key_from(num, _issuer(num, body, own_body), is_decision, m.data["letter"])
                if num[0] == "sc" and m.key.startswith("S/RES/") and own_body not in P.UN_SYSTEM_BODIES \
                        and _not_the_councils(num, lex):
                    m.key = None  # "la Résolution 88 (2005)" in an AU text: the Council's 88 is of 1950
            out += [m for m in items if m.key]
            # (the list's first item's body, when it is another United Nations body than the text's own)
            named_before = (pos, body) if body and body != own_body and body in P.UN_SYSTEM_BODIES else None
    return out


def _without_list(text: str, folded: str, w: re.Match[str], pos: int, end: int, start: int,
                  infix_body: str | None, plural: bool, own_body: str | None, lex: Lexicon) -> list[Mention]:
    """What "resolution(s)" with no list of numbers after it names: an INTERPOL resolution by number and
    session, a Council number without its year, or resolutions cited before, by words before the noun
    ("that resolution", "the above-mentioned resolutions") or after it ("les résolutions
    susmentionnées", "the resolutions referred to above")."""
    if (by_session := _by_session(text, folded, w, end, lex.interpol_session_years, own_body == "interpol-ga")):
        return [by_session]
    if bare := _sc_numbers(text, folded, w, pos, end, infix_body, start, own_body):
        return bare  # "UNSCR 2396" after "UNSCR 2396 (2017)": the resolver gives its year
    ws = w.start()
    back = P.RESOLUTION_ANAPHOR.search(folded, max(start, ws - 30), ws)
    if by_bodies := _resolutions_of_bodies(text, folded, w, back, infix_body, pos, end, plural):
        return [by_bodies]
    if back:
        return [Mention("res-anaphor", back.start(), w.end(), text[back.start():w.end()], None, {"plural": plural})]
    lo = max(start, ws - P.RESOLUTION_ANAPHOR_BODY_REACH)
    if folded[lo:ws].rstrip().endswith(P.BODY_NAME_ENDS) \
            and (back := P.RESOLUTION_ANAPHOR_BODY.search(folded, lo, ws)):
        body = next(code for code, rx in P.BODY_CONTEXT if rx.fullmatch(back.group("body")))
        return [Mention("res-anaphor", back.start(), w.end(), text[back.start():w.end()], None,
                        {"plural": plural, "body": body})]
    if after := P.RESOLUTION_ANAPHOR_AFTER.match(folded, w.end(), end):
        return [Mention("res-anaphor", ws, after.end(), text[ws:after.end()], None, {"plural": plural})]
    at = b.end() if (b := P.BODY_BEFORE_DATE.match(folded, w.end(), end)) else w.end()  # (nothing else between)
    if not plural and (dm := P.DATE_CLAUSE.match(folded, at, end)) and dm.group(3) \
            and (date := iso_date(dm.group(1), dm.group(2), dm.group(3))):
        # "the resolution of the Council of 1 August 1947": the one the text cited with that date (resolve)
        e = dm.end() - (len(dm.group(0)) - len(dm.group(0).rstrip(" ,")))
        return [Mention("res-by-date", ws, e, text[ws:e], None, {"date": date})]
    return []


def _infix_code(folded: str, infix: re.Match[str]) -> str:
    """The body a BODY_INFIX or FURTHER_BODY match names."""
    return next(code for code, rx in P.INFIX_BODY_CONTEXT
                if (b := rx.match(folded, infix.start("body"))) and b.end() == infix.end("body"))


def _resolutions_of_bodies(text: str, folded: str, w: re.Match[str], back: re.Match[str] | None,
                           infix_body: str | None, pos: int, end: int, plural: bool) -> Mention | None:
    """Resolutions cited before, by the bodies that adopted them and a word that points back: "the
    above-mentioned resolutions of the General Assembly and the Security Council", "the resolutions of
    the General Assembly and the Security Council mentioned above", "les résolutions susmentionnées de
    l'Assemblée générale et du Conseil de sécurité" — every resolution of those bodies the text cited
    before (resolve). `back`: the word before "resolution(s)"; `infix_body`: the body read right after
    it, up to `pos`."""
    after_word = None
    if infix_body is None:
        after_word = P.RESOLUTION_ANAPHOR_AFTER.match(folded, w.end(), end)
        infix = after_word and P.BODY_INFIX.match(folded, after_word.end(), end)
        if not infix:
            return None
        pos, infix_body = infix.end(), _infix_code(folded, infix)
    bodies = [infix_body]
    while more := P.FURTHER_BODY.match(folded, pos, end):
        pos = more.end()
        bodies.append(_infix_code(folded, more))
    pos = len(folded[:pos].rstrip())
    trailing = P.RESOLUTION_ANAPHOR_AFTER.match(folded, pos, end)
    if not (back or after_word or trailing):
        return None
    s, e = back.start() if back else w.start(), trailing.end() if trailing else pos
    return Mention("res-anaphor", s, e, text[s:e], None, {"plural": plural, "bodies": tuple(dict.fromkeys(bodies))})


def _sc_numbers(text: str, folded: str, w: re.Match[str], pos: int, end: int, infix_body: str | None,
                start: int, own_body: str | None) -> list[Mention]:
    """Security Council resolutions' numbers printed without their years ("UN Security Council Resolution
    2396", "operative paragraph 15 of UNSCR 2396", "les résolutions 2178 et 2396 du Conseil de sécurité"),
    the Council named with them, or in the Council's own text with no other body named ("Recalling its
    resolutions 242 and 338")."""
    numbers = []
    m = P.BARE_NUMBER.match(folded, pos, end)
    while m:
        numbers.append(m)
        dm = P.DATE_CLAUSE.match(folded, m.end(), end)  # "1616 du 29 juillet 2005 et 1649 du 21 décembre 2005"
        after = dm.end() if dm else m.end()
        sep = P.LIST_SEPARATOR.match(folded, after, end)
        if not folded[m.end():sep.end()].strip() or (dm and not folded[after:sep.end()].strip()
                                                     and not dm.group(0).rstrip().endswith(",")):
            break  # (a comma or a conjunction between items, not a blank alone)
        m = P.BARE_NUMBER.match(folded, sep.end(), end)
    if not numbers:
        return []
    last = numbers[-1]
    named = infix_body or _body_near(folded, w.start(), start) or (_body_after(folded, last.end(), end) or ("",))[0]
    if (named or own_body) != "un-sc" or (not named and not P.BARE_NUMBER_END.match(folded, last.end(), end)):
        return []  # (in its own text, a number that a word follows is a footnote mark: "two resolutions 31 adopted")
    return [Mention("sc-number", w.start() if i == 0 else n.start(), n.end(),
                    text[w.start() if i == 0 else n.start():n.end()], None, {"n": int(n.group(1))})
            for i, n in enumerate(numbers)]


def _by_session(text: str, folded: str, w: re.Match[str], end: int, years: dict[int, int],
                own_text: bool) -> Mention | None:
    """An INTERPOL resolution named by number and session ("Resolution No. 5 adopted at the 66th
    session", "resolution No. 8 adopted at its 81st session"), where the session gives its code
    (`P.SESSION_NUMBERED`; `years`: the sessions' years, Lexicon.interpol_session_years): in INTERPOL's
    own texts (`own_text`), or with INTERPOL's Assembly named ("adoptée par l'Assemblée générale
    d'INTERPOL à sa 93e session")."""
    sn = P.SESSION_NUMBERED.match(folded, w.end(), end)
    if not sn or not (own_text or sn.group("org")):
        return None
    session, number = int(sn.group("session")), int(sn.group("n"))
    if 0 < session <= P.LAST_AGN_SESSION:
        key = keys.interpol_agn_resolution(session, number)
    elif session in years and session <= P.LAST_YEAR_CODE_SESSION:
        key = keys.interpol_resolution(years[session], number)
    elif session in years and session >= P.FIRST_SESSION_CODE_SESSION:
        key = keys.interpol_resolution(years[session], number, session)
    else:
        return None
    return Mention("number", w.start(), sn.end(), text[w.start():sn.end()], key, {"list": w.start()})


def _list_body(folded: str, w: re.Match[str], infix_body: str | None, start: int,
               own_body: str | None) -> str | None:
    """The body whose resolutions a list names when none is named right after it (`_read_list`
    reads that): one named between the word and the numbers, then "its" (the issuing body's own,
    whatever body the sentence named before, unless the sentence names the body right before it:
    "the Commission on Narcotic Drugs, in its resolution 56/4"), then one named near."""
    if infix_body:
        return infix_body
    ws = w.start()
    if P.OWN_BODY.search(folded[_window_start(folded, ws, start, 12):ws]):
        link = P.POSSESSIVE_LINK.search(folded, max(start, ws - 30), ws)
        agent = link and (_body_before(folded, max(start, link.start() - 200), link.start(), P.ANY_BODY_PHRASES)
                          or _relative_agent(folded, max(start, link.start() - 200), link.start()))
        if agent:
            return agent
        if link and folded[max(start, link.start() - 20):link.start()].rstrip(" ,").endswith(P.SHORT_COUNCIL_NAMES) \
                and (earlier := _body_earlier_in_sentence(folded, ws, start)) in P.COUNCILS:
            return earlier  # "… the Economic and Social Council …, laid down by the Council in its resolution 288 B (X)"
        subject = _clause_subject(folded, start, ws)
        if subject:
            return subject
        if own_body:
            return own_body
        # In another organisation's text "its resolution" is that organisation's own (no key), unless
        # the sentence named a United Nations body before it ("la Declaración … adoptada por la Asamblea
        # General de las Naciones Unidas …, que figura en anexo a su resolución S-20/2")
        return _body_earlier_in_sentence(folded, ws, start) or P.OTHER_BODY
    near, short = _body_near(folded, ws, start), _short_body_before(folded, ws, start, own_body)
    if short and near and short != near and not _ends_with(folded, max(start, ws - 60), ws, P.ANY_BODY_PHRASES):
        return short  # "General Assembly resolution 60/251 and Council resolutions 5/1 and 5/2": its own
    return near or short


def _relative_agent(folded: str, lo: int, at: int) -> str | None:
    """The body that is the subject of an object clause whose verb ends folded[lo:at] ("…, which the General
    Assembly endorsed", "…, que la Asamblea General hizo suyo"): "in its resolution" after it is that body's."""
    text = P.SPACES.sub(" ", folded[lo:at]).rstrip()
    for _ in range(P.RELATIVE_VERB_WORDS):
        cut = text.rfind(" ")
        if cut < 0:
            return None
        text = text[:cut]
        phrase = _ends_with(text, 0, len(text), P.ANY_BODY_PHRASES)
        if phrase and P.OBJECT_RELATIVE.search(text, 0, len(text) - len(phrase)):
            return P.BODY_PHRASES[phrase]
    return None


def _short_body_before(folded: str, ws: int, start: int, own_body: str | None) -> str | None:
    """"Council resolutions 25/38 and 38/11" in the Human Rights Council's own text: its resolutions, as
    "Assembly resolution" is the Assembly's in its own (no other body goes by the issuing body's short name)."""
    m = P.SHORT_BODY_BEFORE.search(folded, max(start, ws - 16), ws)
    return own_body if m and own_body in P.SHORT_BODY_CODES[m.group(1)] else None


def _sentence_start(folded: str, at: int, start: int) -> int:
    """Where the sentence that holds `at` opens: after the last ";" or ". " before it, at most
    P.SENTENCE_REACH back and not before `start` (the paragraph's)."""
    lo = max(start, at - P.SENTENCE_REACH)
    return max(lo, folded.rfind(";", lo, at) + 1, folded.rfind(". ", lo, at) + 1)


def _body_earlier_in_sentence(folded: str, at: int, start: int) -> str | None:
    """The United Nations body named last before `at` in its sentence."""
    return _last_body_in(folded[_sentence_start(folded, at, start):at])


def _clause_subject(folded: str, start: int, at: int) -> str | None:
    """The body a paragraph names right after its opening words, as the one it addresses or speaks
    of ("Encourages the Human Rights Council to …", "Invite le Conseil économique et social à …",
    "Solicita al Consejo de Seguridad que …"), or as the one whose decision it speaks of ("Welcoming
    the decision of the Human Rights Council to extend, by its resolution …"), when `at` is in the
    same clause: "its resolution" there is that body's, not the issuing body's. Not a body's name that qualifies a resolution
    ("Recalling General Assembly resolution 60/288 and its resolution …")."""
    opening = folded[start:min(at, start + P.CLAUSE_OPENING_SPAN)]
    if not any(k in opening for k in P.ANY_BODY_NEEDLES) or folded.find(";", start, at) >= 0:
        return None  # (most clauses with "its resolution" name no body at all: spare the phrase tests)
    pos = start
    for i in range(P.AGENT_NOUN_WORDS):
        word = P.CLAUSE_WORD.match(folded, pos, at)
        if not word:
            return None
        pos = word.end()
        if word.group(1) in P.GENITIVE_WORDS:  # "Taking note of the Council…": its object, no subject
            continue
        if word.group(1) in P.AGENT_NOUNS and (genitive := P.GENITIVE.match(folded, pos, at)):
            name = genitive.end()  # "Welcoming the decision of the Human Rights Council to …": who decided
        elif i < P.CLAUSE_OPENING_WORDS:
            name = P.CLAUSE_DETERMINER.match(folded, pos, at).end()
        else:
            continue
        found = _starts_with(folded, name, at, P.ANY_BODY_PHRASES)
        if found:
            code, name_end = found
            if P.BODY_QUALIFIES.match(folded, name_end, at):
                return None
            return code
    return None


def _starts_with(folded: str, at: int, end: int, phrases: tuple[str, ...]) -> tuple[str, int] | None:
    """The body of the longest of `phrases` that folded[at:end] opens with as whole words, and where
    its name ends (the white space of the text as printed)."""
    text = P.SPACES.sub(" ", folded[at:min(end, at + 90)])
    if not text.startswith(phrases):
        return None
    for phrase in sorted((p for p in phrases if text.startswith(p)), key=len, reverse=True):
        if len(text) == len(phrase) or not text[len(phrase)].isalnum():
            pos = at
            for word in phrase.split(" "):  # where it ends in the text (its white space as printed)
                while folded[pos].isspace():
                    pos += 1
                pos += len(word)
            return P.BODY_PHRASES[phrase], pos
    return None


def _body_after(folded: str, pos: int, end: int) -> tuple[str, int] | None:
    """The body named right after a number or a list ("… du Conseil de sécurité"), if one is, and
    where its name ends."""
    other_end = _other_body_at(folded, pos, end)  # first: "of the OAS General Assembly" is not the UN's
    if other_end is not None:
        return P.OTHER_BODY, other_end
    after = P.BODY_AFTER_ANY.match(folded, pos, min(end, pos + 90))
    if after:
        return P.BODY_AFTER_CODES[after.lastindex - 1], after.end()
    if not P.GENITIVE.match(folded, pos, end):  # (what the two below open with)
        return None
    if organisation := P.ORGANISATION_AFTER.match(folded, pos, min(end, pos + 90)):
        return P.OTHER_BODY, organisation.end()
    short = P.SHORT_BODY_AFTER.match(folded, pos, min(end, pos + 30))  # "… du Conseil": the text's own?
    return (P.SHORT_BODY_MARK + short.group(1), short.end()) if short else None


def _issuer(num: tuple, body: str | None, own_body: str | None) -> str | None:
    """The body a number is keyed under: the one read, or the text's own for a bare session/n in the Human Rights
    Council's text that the Assembly cannot have issued ("Recalling resolution 5/2": it numbers so from its 31st)."""
    if body is None and own_body == "hrc" and num[0] == "slash" and num[1] < keys.FIRST_SLASH_GA_SESSION:
        return own_body
    return body


def _grouped_by_year(text: str, folded: str, pos: int, end: int) -> tuple[list[Mention], int] | None:
    """Council numbers printed bare before one with its year, which is theirs ("1888 and 1889 (2009)", "1908, 1927
    and 1944 (2010)"): their items, and where the dated one starts."""
    bare = []
    while m := P.BARE_BEFORE_DATED.match(folded, pos, end):
        bare.append(m)
        pos = m.end()
    dated = P.NUMBER_ITEM.match(folded, pos, end) if bare else None
    if not dated or dated.lastgroup != "sc":
        return None
    year = int(dated.group("scy"))
    return [Mention("number", b.start(1), b.end(1), text[b.start(1):b.end(1)], None,
                    {"num": ("sc", int(b.group(1)), year), "letter": ""}) for b in bare], pos


def _past_respective_dates(folded: str, pos: int, end: int) -> int:
    """Past the other dates of a list's items printed after the last ("2004/87 et 2005/80, en date du 21 avril
    2004 et du 21 avril 2005, de la Commission …"), where the body that issued them is named."""
    while (sep := P.LIST_SEPARATOR.match(folded, pos, end)) and (dm := P.DATE_CLAUSE.match(folded, sep.end(), end)):
        pos = dm.end()
    return pos


def _read_list(text: str, folded: str, ws: int, pos: int, end: int, plural: bool,
               taken: list[tuple[int, int]]) -> tuple[list[Mention], int]:
    """The numbered items of the list that starts at `pos`, and where the list ends.

    Items are separated by commas and conjunctions, and may carry a date clause each ("186 (1964)
    of 4 March, 187 (1964) of 13, March …"); a symbol in the list ("resolution A/RES/79/136") is
    skipped here (`_symbols` finds it). The first item's span opens at the word (`ws`). A body
    named after a number is kept in its `data["body"]`, and the list goes on after the name.
    """
    SYMBOL, NUMBER_ITEM = P.SYMBOL, P.NUMBER_ITEM
    items: list[Mention] = []
    # The item found at `pos` by the look-ahead of the previous round (a number or a symbol:
    # never both, a number opens with a digit, "s-"/"es-" or an OCR letter followed by a
    # parenthesised year, a symbol with a letter and "/"), so it is not matched twice. An OCR'd first
    # number needs a digit or a sign in it ("S71", "SO}"): letters alone may be a word ("oil (1975)").
    sm = SYMBOL.match(folded, pos, end)
    nm = None if sm else NUMBER_ITEM.match(folded, pos, end)
    first = ws
    if not (sm or nm) and (grouped := _grouped_by_year(text, folded, pos, end)):  # "resolutions 1908, 1927 and 1944 (2010)"
        items, pos = grouped
        items[0].start, items[0].text = ws, text[ws:items[0].end]
        first, nm = end, NUMBER_ITEM.match(folded, pos, end)
    while pos < end:
        if sm:
            pos = sm.end()
        else:
            if not nm or any(a <= nm.start() < b for a, b in taken) or (
                    nm.lastgroup == "ocr" and not items and nm.group("ocrn").isalpha()):
                break
            mention, pos = _item(text, folded, nm, min(first, nm.start()), end)
            items.append(mention)
            if mention.data["letter"]:
                parts, pos = _more_parts(text, folded, nm, mention, pos, end)
                items += parts
        first = end
        pos, nxt, nm, sm = _next_in_list(text, folded, pos, end, items)
        if not (nm or sm):
            resume = (P.LIST_RESUME.match(folded, pos, end) or _parallel_resume(folded, pos, end, items[0].end)
                      if plural and items else None)
            if not resume or P.LIST_WORD.search(folded, pos, resume.end()):
                break  # (a new "resolutions" between starts its own list: "…, as well as Commission on
                # Narcotic Drugs resolutions 61/11, 62/4 and 65/3" is not the first list's)
            nxt = resume.end()
            sm = SYMBOL.match(folded, nxt, end)
            nm = None if sm else NUMBER_ITEM.match(folded, nxt, end)
        pos = nxt
    return items, pos


def _next_in_list(text: str, folded: str, pos: int, end: int, items: list[Mention]) -> tuple[int, int, re.Match | None,
                                                                                         re.Match | None]:
    """After the item that ends at `pos`: (where the list is, where the next item opens, its number or its symbol
    match) — past a separator, a footnote mark, the body named after the numbers; numbers printed bare before one
    with its year ("…, 1888 and 1889 (2009)") join `items`."""
    SYMBOL, NUMBER_ITEM = P.SYMBOL, P.NUMBER_ITEM
    # (LIST_STOP opens with a full stop: the engine is not called where there is none)
    stop = P.LIST_STOP.match(folded, pos, end) if folded.startswith(".", pos, end) else None
    sep = stop or P.LIST_SEPARATOR.match(folded, pos, end)
    nxt = sep.end() if sep else pos
    nm = NUMBER_ITEM.match(folded, nxt, end)
    sm = None if nm else SYMBOL.match(folded, nxt, end)
    if not (nm or sm) and (grouped := _grouped_by_year(text, folded, nxt, end)):
        items += grouped[0]
        nxt, nm = grouped[1], NUMBER_ITEM.match(folded, grouped[1], end)
    if not (nm or sm) and (mark := P.LIST_NOTE_MARK.match(folded, pos, end)):
        nxt = P.LIST_SEPARATOR.match(folded, mark.end(), end).end()
        nm = NUMBER_ITEM.match(folded, nxt, end)
        sm = None if nm else SYMBOL.match(folded, nxt, end)
    if not (nm or sm) and items and "body" not in items[-1].data:
        body = _body_after(folded, _past_respective_dates(folded, pos, end), end)
        if body:  # of the numbers before it ("… 2462 (2019) du Conseil de sécurité")
            items[-1].data["body"], pos = body
            sep = P.LIST_SEPARATOR.match(folded, pos, end)
            nxt = sep.end() if sep else pos
            nm = NUMBER_ITEM.match(folded, nxt, end)
            sm = None if nm else SYMBOL.match(folded, nxt, end)
    return pos, nxt, nm, sm


def _rows(text: str, folded: str, pos: int, end: int, taken: list[tuple[int, int]]) -> list[Mention]:
    """The numbers that open the lines below "resolutions … :" (a table of resolutions, or a list one
    item a line), each line's list read on; up to TABLE_HEADINGS lines of column headings may stand
    before the first, and the first line that opens with no number ends them."""
    items: list[Mention] = []
    headings = P.TABLE_HEADINGS
    while pos < end:
        line_end = folded.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        at = pos + len(folded[pos:line_end]) - len(folded[pos:line_end].lstrip())
        if at < line_end:  # not a blank line
            nm = P.NUMBER_ITEM.match(folded, at, line_end)
            if nm and nm.lastgroup != "ocr":
                row, after = _read_list(text, folded, at, at, end, True, taken)
                items += row
                nl = folded.find("\n", after, end)
                line_end = max(line_end, end if nl < 0 else nl)
            elif items or not headings:
                break
            else:
                headings -= 1
        pos = line_end + 1
    return items


def _parallel_resume(folded: str, pos: int, end: int, first_end: int) -> re.Match[str] | None:
    """Where a list of numbers without dates resumes after a relative clause: at a number that opens
    the same clause as the first item ("resolutions 70/174, by which …, 76/181, by which …"; "S-20/4 B,
    on …, and S-20/4 D, on …": one subject word will do), or
    that the list goes on after ("…, and 78/224, 75/196"). Any other number after a clause is not
    the list's."""
    m = P.LIST_RESUME_BARE.match(folded, pos, end)
    nm = m and P.NUMBER_ITEM.match(folded, m.end(), end)
    if not nm:
        return None
    here, first = P.CLAUSE_AFTER_ITEM.match(folded, nm.end(), end), P.CLAUSE_AFTER_ITEM.match(folded, first_end, end)
    if here and first and here.group(1) == first.group(1) and (
            here.group(2) == first.group(2) or here.group(1) in P.TOPIC_WORDS):  # (", on …, and …, on …")
        return m
    if P.RELATIVE_CLAUSE.match(folded, first_end, end) and P.RELATIVE_CLAUSE.match(folded, nm.end(), end):
        return m  # (", en la que figuran …, y S-30/1, en cuyo anexo …")
    if nm.lastgroup == "sc" and P.LAST_ITEM_LINK.search(folded, m.start(), nm.start()):
        return m  # a Council number is one ("2199 (2015), en particulier son paragraphe 17, et 2347 (2017)")
    sep = P.LIST_SEPARATOR.match(folded, nm.end(), end)
    return m if sep and P.NUMBER_ITEM.match(folded, sep.end(), end) else None


def _item(text: str, folded: str, nm: re.Match[str], start: int, end: int) -> tuple[Mention, int]:
    """One cited number with the date clause that follows it; the span ends before a trailing comma."""
    num = _num(nm)
    pos = nm.end()
    letter = nm.group("oldl") or nm.group("sl") or nm.group("scl") or nm.group("ssl")
    if letter and nm.group("sl") and not text[nm.start("sl")].isupper():
        letter, pos = None, nm.end("sb")  # "60/288 a été …": a word, not a part letter
    elif letter and nm.group("ssl") and not text[nm.start("ssl")].isupper():
        letter, pos = None, nm.end("ssn")
    elif letter and nm.group("scl") and not text[nm.start("scl")].isupper():
        letter = None  # "n a (yyyy)": a slip, the year still says which resolution
    mention = Mention("number", start, pos, "", None, {"num": num, "letter": (letter or "").upper()})
    dm = P.DATE_CLAUSE.match(folded, pos, end)
    if dm:
        # A date printed without its year takes the year of "n (yyyy)"; else it stays unknown.
        year = dm.group(3) or (str(num[2]) if num[0] == "sc" else None)
        if year:
            mention.data["date"] = iso_date(dm.group(1), dm.group(2), year)
        mention.end = dm.end() - (len(dm.group(0)) - len(dm.group(0).rstrip(" ,")))
        pos = dm.end()
    elif mm := P.MONTH_CLAUSE.match(folded, pos, end):  # "661 (1990) d'août 1990, 678 (1990) du 29 novembre 1990"
        mention.end = mm.end() - (len(mm.group(0)) - len(mm.group(0).rstrip(" ,")))
        pos = mm.end()
    mention.text = text[mention.start:mention.end]
    return mention, pos


def _more_parts(text: str, folded: str, nm: re.Match[str], first: Mention, pos: int,
                end: int) -> tuple[list[Mention], int]:
    """The other parts of a lettered resolution listed with its first ("31/6 A and B", "S-20/4 A à E",
    "3419 A to D (XXX)"), each a mention of its own; the letters must be capitals in the text."""
    if nm.group("oldmore"):  # (the old form holds them before its parenthesis)
        more, stop = P.MORE_PARTS.match(folded, nm.end("oldl"), nm.end("oldmore")), pos
    else:
        more = P.MORE_PARTS.match(folded, pos, end)
        stop = more.end() if more else pos
    if more is None:
        return [], pos
    listed = [(m.start(), m.end()) for m in P.PART_LETTER.finditer(folded, more.start("list"), more.end("list"))]
    last = more.span("last") if more.group("last") else more.span("upto")
    spans = listed + [last]
    if not all(text[a].isupper() for a, _ in spans):
        return [], pos
    letters = [folded[a].upper() for a, _ in spans]
    if more.group("upto"):  # a range: every letter from the first part's to the last, each spanning it ("A à E")
        letters = [chr(c) for c in range(ord(first.data["letter"]) + 1, ord(letters[-1]) + 1)]
        opening = next(nm.start(g) for g in ("oldl", "sl", "scl", "ssl") if nm.group(g))
        spans = [(opening, last[1])] * len(letters)
    return [Mention("number", a, b, text[a:b], None, {**first.data, "letter": letter})
            for letter, (a, b) in zip(letters, spans)], stop


def _num(nm: re.Match[str]) -> tuple:
    # The four forms are NUMBER_ITEM's top-level groups; the one that matched closes last.
    form = nm.lastgroup
    if form == "slash":
        a, b = nm.group("sa", "sb")
        return ("slash", int(a), int(b))
    if form == "sc":
        a, b = nm.group("scn", "scy")
        return ("sc", int(a), int(b))
    if form == "ocr":
        a, b, r = nm.group("ocrn", "ocry", "ocrr")
        n = int(a.translate(P.OCR_DIGITS))
        return ("sc", n, int(b)) if b else ("old", n, keys.old_session(r, None))
    if form == "ss":
        k, a, b = nm.group("ssk", "sss", "ssn")
        return ("special", k.upper(), (int(a), int(b)))
    a, b, special = nm.group("oldn", "oldr", "olds")
    if b is None:  # "186 (S-2)", OCR's "1819 (XVID"
        b = keys.roman(int(nm.group("olda"))) if nm.group("olda") else nm.group("oldd") + "i"
    elif b[0] == "1":  # OCR's "41 (1)"
        b = "i" * len(b)
    return ("old", int(a), keys.old_session(b, special))


def _not_the_councils(num: tuple, lex: Lexicon) -> bool:
    """Is `n (yyyy)` none of the Council's? Its table (data/registry/council-years.tsv) dates number n more than a
    year off the printed year: in another organisation's text, that organisation's own numbering. (In the United
    Nations' texts the printed number stands: a misprint such as CR-UNSC 587's "489 (1979)" is left as printed.)"""
    year = council_year(lex, num[1])
    return year is not None and abs(year - num[2]) > 1


def _session_of_date(num: tuple, date: str) -> tuple:
    """A General Assembly session misprinted by one beside the resolution's date: "2145 (XXII) of 27
    October 1966" is 2145 (XXI) (CR-UNSC 264, 276; other texts print it so). Up to 1975 the Assembly's
    resolutions were numbered consecutively, the session in Roman numerals (research.un.org, "UN
    General Assembly Documentation: Resolutions"), and its regular session N met from September of the
    year 1945 + N (the first in 1946): a date from September to December names the session. Only a
    regular session one off is read so (a resumed session meets in the next year's first months;
    another body's sessions are far from that count)."""
    kind, number, session = num
    year, month = int(date[:4]), int(date[5:7])
    if not (session.isalpha() and 1946 <= year <= 1975 and month >= 9):
        return num
    dated = year - 1945
    return (kind, number, keys.roman(dated)) if abs(keys.from_roman(session) - dated) == 1 else num


def _year_of_date(num: tuple, date: str) -> tuple:
    """A Council year misprinted in one digit beside the resolution's date: "274 (1959) of 11 December
    1969" is 274 (1969) (CR-UNSC 281): a resolution's year is the year it was adopted."""
    kind, number, year = num
    dated = int(date[:4])
    printed, written = str(year), str(dated)
    if len(printed) == len(written) and sum(a != b for a, b in zip(printed, written)) == 1:
        return (kind, number, dated)
    return num


def _key_from(num: tuple, body: str | None, is_decision: bool, letter: str = "") -> str | None:
    """The key of a cited number given the body that issued it; `letter` is the part of a
    lettered resolution ("217 A (III)" → A/RES/217A(III)), written right after the number."""
    kind, a, b = num
    if body == P.OTHER_BODY and kind != "sc":  # no key for its numbers (`n (yyyy)` is never its form)
        return None
    what = "DEC" if is_decision else "RES"
    if kind == "special":  # special / emergency special session: A/RES/S-30/1, A/RES/ES-10/19
        # (the Human Rights Council's special sessions number theirs so too: A/HRC/RES/S-1/1)
        return f"A/{'HRC/' if body == 'hrc' and a == 'S' else ''}{what}/{a}-{b[0]}/{b[1]}{letter}"
    if kind == "sc":
        # `n (yyyy)` is the Security Council's form; resolutions 1–99 are of 1946–1950.
        if body in ("un-ga", "ecosoc", "hrc") and a < 100 and b > 1950:
            return None
        return keys.sc_resolution(a, b, letter)
    if kind == "old":
        # `n (session)` is the General Assembly's form up to its 30th session (1975), the Economic and
        # Social Council's up to its 63rd (1977): a later session ("1503 (XLVIII)") is the Council's.
        prefix = "E" if body == "ecosoc" or (b.isalpha() and keys.from_roman(b) > keys.LAST_ROMAN_GA_SESSION) else "A"
        if not b.isalpha() and keys.from_roman(b.rsplit("-", 1)[1]) > P.LAST_ROMAN_SPECIAL_SESSION:
            return None  # "resolution 1 (S-IX) of 14 February 1986" (the CND's): the Assembly's ninth (1978) was S-9/…
        return f"{prefix}/{what}/{a}{letter}({b})"
    if 1945 <= a <= 2100:  # year/number: ECOSOC's numbering (or its decisions)
        return f"E/{what}/{a}/{b}{letter}"
    if body == "hrc":
        return f"A/HRC/{what}/{a}/{b}{letter}"
    if not keys.FIRST_SLASH_GA_SESSION <= a <= 120:
        # The General Assembly numbers `session/n` from its 31st session (1976; before, `n (XXX)`),
        # and has held no session that high: another body's number ("22/7"), not the Assembly's.
        return None
    if is_decision:
        return keys.un_ga_decision(a, b) + letter
    return keys.un_ga_resolution(a, b, letter)


def _named(text: str, folded: str, matches: list[re.Match[str]], lex: Lexicon) -> list[Mention]:
    out = []
    for m in matches:
        name = lex.name(m.group(0))
        after = folded[m.end():min(len(folded), m.end() + 140)]
        if (gap := after.find("\n\n")) >= 0:
            after = after[:gap]  # (the paragraph's own words: "Nations Unies" in the next one is no context)
        ctx = lex.context.get(name.key)
        # An ambiguous short name ("the Cooperation Agreement") needs its context, or an earlier
        # full mention of the same instrument (checked by the resolver).
        weak = ctx is not None and not ctx.search(folded[max(0, m.start() - 20):m.end()] + after)
        excl = lex.exclude.get(name.key)
        if excl is not None and excl.match(after):
            continue
        treaty = name.key.startswith("convention:")
        if treaty and _inside_longer_name(text, m.start()):
            continue  # "the Inter-American Convention against Corruption" is not UNCAC
        if treaty and m.group(0)[:1].isdigit() and _name_after(text, folded, m.end(), len(folded)).lstrip()[:1].isalpha():
            continue  # "the 1988 Convention for the Suppression of Unlawful Acts against …" is not the 1988 drugs one
        right_before = treaty and P.INDEFINITE_BEFORE.search(folded, max(0, m.start() - 8), m.start())
        if (right_before and text[right_before.start()].islower()) or (treaty and (right_before or (
                P.INDEFINITE_ADJECTIVES_BEFORE.search(folded, max(0, m.start() - P.INDEFINITE_REACH), m.start())))
                and any(text[m.start() + x.start()].islower() for x in P.INSTRUMENT_NOUN.finditer(m.group(0)))):
            # "élaborer une convention contre la criminalité transnationale organisée", "a comprehensive international
            # convention against transnational organized crime", "the Ad Hoc Committee on the Elaboration of a Convention
            # against Transnational Organized Crime": a task or a committee's name, not the treaty
            continue
        if name.key == P.CHARTER_KEY and _ends_declaration_title(text, folded, m.start()):
            continue  # "Declaration on … in accordance with the Charter of the United Nations"
        data = {"kind": name.kind, "weak": weak}
        if treaty and _inside_protocol_name(folded, m.start()):
            # "the Optional Protocol to the Convention on the Rights of the Child": not cited, and an antecedent
            # only of what names it ("article 38 of that Convention"), not of "its article 3" (the Protocol's)
            data["in_title"] = data["named_only"] = True
        elif treaty and P.IN_TITLE.search(folded, max(0, m.start() - _TITLE_LINK_SPAN), m.start()):
            data["in_title"] = True  # "… supplementing the Convention": an antecedent, not cited
        out.append(Mention("named", m.start(), m.end(), text[m.start():m.end()], name.key, data))
        if treaty and m.end() - m.start() > _TITLE_LINK_SPAN:
            out += _named_in_title(text, folded, m, lex)
    return out


_TITLE_LINK_SPAN = 60  # the longest of the languages' title links, with room for line breaks


def _plural_names(text: str, folded: str, start: int, end: int, lex: Lexicon) -> list[Mention]:
    """Treaties named by their places under one plural noun: "les Conventions de Tokyo, de La Haye et de
    Montréal", "las Convenciones de Palermo y Mérida", "the Palermo and Merida Conventions". A place
    counts when the registry knows the singular short name it makes ("Convention de La Haye", "Merida
    Convention"), in a run of two or more such places next to the noun."""
    out: list[Mention] = []
    for m in P.PLURAL_NOUN.finditer(folded, start, end):
        singular = P.PLURAL_NOUNS[m.group(0)]
        chunks, after = _places_after(folded, m.end(), end), True
        if not chunks:
            chunks, after = _places_before(folded, start, m.start()), False
        found = []
        for a, b in chunks if after else reversed(chunks):  # the run of places next to the noun
            if (place := _place_name(folded, a, b, singular, after, lex)) is None:
                break
            found.append(place)
        if len(found) < 2:
            continue
        for a, b, name in sorted(found):
            ctx = lex.context.get(name.key)
            weak = ctx is not None and not ctx.search(folded[max(0, a - 20):min(len(folded), b + 140)])
            out.append(Mention("named", a, b, text[a:b], name.key, {"kind": name.kind, "weak": weak}))
    return out


def _pronoun_names(text: str, folded: str, nouns: Sequence[re.Match[str]], start: int, end: int,
                   lex: Lexicon) -> list[Mention]:
    """Treaties named by a pronoun for the instrument noun before it and a place or year: "l'article 8
    de celle de Montréal", "la Convención de 1961 y la de 1971", "celles de 1971 et de 1988", "that of
    Montreal". The noun is the last one before the pronoun in its sentence (`nouns`: the paragraph's
    instrument nouns); a place counts when the registry knows the name it makes with that noun, so
    "la de la Asamblea" names nothing."""
    out: list[Mention] = []
    for m in lex.pronoun_re.finditer(folded, nouns[0].end(), end):  # type: ignore[union-attr]
        if P.WORD_CHAR_BEFORE.match(folded, m.start() - 1):
            continue  # ("el" in "papel de")
        noun = None
        for n in nouns:
            if n.end() > m.start():
                break
            noun = n
        if noun is None or noun.start() < _sentence_start(folded, m.start(), start):
            continue
        items = _place_items(folded, m.start("place"), min(end, m.start("place") + P.PLACE_REACH))
        if not P.NOUN_PRONOUNS[m.group("pronoun")]:
            items = items[:1]
        for k, (a, b) in enumerate(items):
            place = (_place_name(folded, a, b, noun.group(0), True, lex)
                     or _place_name(folded, a, b, noun.group(0), False, lex))
            if place is None:
                break
            a, b, name = m.start() if k == 0 else place[0], place[1], place[2]  # (the first from its pronoun)
            ctx = lex.context.get(name.key)
            weak = ctx is not None and not ctx.search(folded[max(0, a - 20):min(len(folded), b + 140)])
            out.append(Mention("named", a, b, text[a:b], name.key, {"kind": name.kind, "weak": weak}))
    return out


def _places_after(folded: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The items of "de Tokyo, de La Haye et de Montréal" after a plural noun (the first needs its "de")."""
    lead = P.PLACE_LEAD.match(folded, pos, end)
    return _place_items(folded, lead.end(), min(end, pos + P.PLACE_REACH)) if lead else []


def _places_before(folded: str, start: int, pos: int) -> list[tuple[int, int]]:
    """The items of "the Tokyo, Hague and Montreal" before a plural noun."""
    lo = max(start, pos - P.PLACE_REACH)
    the = None
    for the in P.THE_BEFORE_PLACES.finditer(folded, lo, pos):
        pass
    return _place_items(folded, the.end(), pos) if the else []


def _place_items(folded: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the list items between lo and hi (separators of lists; a leading "de"/"d'" dropped)."""
    stop = P.PLACE_LIST_END.search(folded, lo, hi)
    hi = stop.start() if stop else hi
    items, at = [], lo
    for sep in P.PLACE_SEPARATOR.finditer(folded, lo, hi):
        items.append((at, sep.start()))
        at = sep.end()
    items.append((at, hi))
    out = []
    for a, b in items:
        lead = P.PLACE_LEAD.match(folded, a, b)
        a = lead.end() if lead else a
        b = a + len(folded[a:b].rstrip())
        if a < b:
            out.append((a, b))
    return out


def _place_name(folded: str, a: int, b: int, singular: str, after: bool,
                lex: Lexicon) -> tuple[int, int, Name] | None:
    """(start, end, name) of the longest run of words of the item, from its start, that names a treaty
    with the singular noun ("convention de" + "la haye"; "hague" + "convention"), else None."""
    words = list(re.finditer(r"\S+", folded[a:b]))[:P.PLACE_WORDS]
    for k in range(len(words), 0, -1):
        place = folded[a:a + words[k - 1].end()]
        name = lex.known_name(f"{singular} de {place}" if after else f"{place} {singular}")
        if name is not None:
            return a, a + words[k - 1].end(), name
    return None


def _named_in_title(text: str, folded: str, m: re.Match[str], lex: Lexicon) -> list[Mention]:
    """The treaty a registry name holds in its own title ("Protocol against the Smuggling of Migrants
    …, supplementing the United Nations Convention against Transnational Organized Crime"): an
    antecedent for "the Convention" after it, never cited (`in_title`)."""
    link = P.TITLE_LINK.search(folded, m.start(), m.end())
    inner = link and lex.name_re.search(folded, link.end(), m.end())
    if not inner:
        return []
    name = lex.name(inner.group(0))
    return [Mention("named", inner.start(), inner.end(), text[inner.start():inner.end()], name.key,
                    {"kind": name.kind, "weak": False, "in_title": True})]


class _Overlap:
    """Does [start, end) overlap one of these spans? A bisection over their starts and the running
    maximum of their ends, not a scan of all spans for each question (quadratic on a paragraph of
    thousands of "the Convention", issue 18)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end: list[int] = []
        for _, b in spans:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans with a < end are the first i
        return i > 0 and self.max_end[i - 1] > start


def _order_anaphor(text: str, folded: str, m: re.Match[str], end: int) -> list[Mention]:
    """"the former", "the latter", "la première", "esta última": one of the last two treaties; not an ordinal
    ("la primera definición convenida", "la première session") nor part of a name ("la Primera Reunión de …")."""
    order = m.group("order")
    if not order.endswith(("former", "latter")) and (
            P.ORDER_NOUN_AFTER.match(folded, m.end(), end)
            or ((word := P.CAPITALISED_AFTER.match(text, m.end(), end)) and word.group(1).isupper()
                and not P.INSTRUMENT_NOUN.match(folded, word.start(1), end))):
        return []
    latter = any(w in order for w in ("latter", "seconde", "derniere", "dernier", "segunda", "ultima"))
    return [Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                    {"noun": "convention", "order": "latter" if latter else "former"})]


def _anaphora(text: str, folded: str, matches: list[re.Match[str]], end: int,
              named: list[tuple[int, int]], lex: Lexicon) -> list[Mention]:
    out = []
    spans = _Overlap(named)
    for m in matches:
        if spans.overlaps(m.start(), m.end()):
            continue
        if m.group("these"):  # "dichos Protocolos", "these Conventions": those named together before
            plural = m.group("plural")
            # (a capital names a kind: "these Conventions"; "these instruments" is any, in small letters too)
            if P.GROUP_NOUNS[plural] in P.INSTRUMENT_WORDS or text[m.start("plural")].isupper():
                out.append(Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                                   {"noun": P.GROUP_NOUNS[plural], "plural": True}))
            continue
        if m.group("group"):
            size = 3 if P.GROUP_SIZE.search(m.group("group")) else 2
            out.append(Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                               {"noun": P.GROUP_NOUNS[m.group("plural")], "group": size}))
            continue
        if m.group("ordinal"):  # "the first of those Conventions": the n-th named together
            out.append(Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                               {"noun": P.GROUP_NOUNS[m.group("ordinal_plural")],
                                "ordinal": P.ORDINALS[m.group("ordinal")]}))
            continue
        if m.group("order"):
            out += _order_anaphor(text, folded, m, end)
            continue
        if m.group("charter"):
            if _is_charter(text, folded, m, end):
                out.append(Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                                   {"noun": "charter"}))
            continue
        noun = m.group("noun")
        if noun in P.CAPITALISED_NOUNS and not text[m.start("noun")].isupper():
            continue
        year = m.group("year") or m.group("year2")
        # "la Convention X", "the Convention on …": a name; but "of that Convention on confiscation"
        # points back (a name takes no demonstrative), what follows is about the article
        det = " ".join(m.group("det").split())
        if not year and (un := P.UN_QUALIFIER.match(folded, m.end(), end)) and not _name_after(text, folded, un.end(), end):
            # "l'article 41 de la Convention des Nations Unies", "ladite Convención de las Naciones Unidas": the
            # United Nations convention named before, not the last convention (resolve, as "the above-mentioned
            # Geneva Convention")
            out.append(Mention("anaphor", m.start(), un.end(), text[m.start():un.end()], None,
                               {"noun": noun, "qualifier": tuple(un.group("words").split())}))
            continue
        if _name_after(text, folded, m.end(), end) and det not in P.DEMONSTRATIVES \
                and not P.POINTING_BACK.fullmatch(det):
            if year and (dated := _dated_name(text, folded, m, year, end, lex)):
                out.append(dated)
            continue
        data = {"noun": noun, "year": year} if year else {"noun": noun}
        out.append(Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None, data))
    return out


def _pointing_words(text: str, folded: str, nouns: list[re.Match[str]], start: int, end: int,
                    own_body: str | None, pointed: bool) -> list[Mention]:
    """The anaphora ANAPHOR does not hold: plurals pointed back by the words after them (`pointed`: the text holds
    one of their needles), "its Constitution"."""
    out = _pointed_plurals(text, folded, start, end) if pointed and any(
        folded.find(n, start, end) >= 0 for n in P.POINTED_PLURAL_NEEDLES) else []
    return (out + _own_constitution(text, folded, nouns, start, own_body)) if nouns else out


def _own_constitution(text: str, folded: str, nouns: list[re.Match[str]], start: int,
                      own_body: str | None) -> list[Mention]:
    """"son Statut", "its Constitution", "su Estatuto" as a whole: INTERPOL's Constitution in INTERPOL's own text, or
    where the sentence names INTERPOL before it ("INTERPOL … its Constitution"); never an article's owner ("l'article 3
    de son Statut" is read with its article)."""
    out = []
    for m in nouns:
        if P.INSTRUMENT_KINDS[m.group(0)] != "Constitution" or not text[m.start()].isupper():
            continue
        own = P.OWN_STATUTE_BEFORE.search(folded, max(start, m.start() - 12), m.start())
        if own is None or (own_body != "interpol-ga" and not P.INTERPOL_NAMED.search(
                folded, _sentence_start(folded, m.start(), start), own.start())):
            continue
        out.append(Mention("anaphor", own.start(), m.end(), text[own.start():m.end()], None,
                           {"noun": m.group(0), "owner_key": P.INTERPOL_CONSTITUTION_KEY}))
    return out


def _pointed_plurals(text: str, folded: str, start: int, end: int) -> list[Mention]:
    """"the conventions referred to above", "les Conventions des Nations Unies susmentionnées", "los convenios antes
    mencionados": the instruments of that noun named together before (as "these Conventions")."""
    return [Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                    {"noun": P.GROUP_NOUNS[m.group("plural")], "plural": True})
            for m in P.POINTED_PLURAL.finditer(folded, start, end)]


def _phrase_anaphora(text: str, matches: list[re.Match[str]], named: list[Mention]) -> list[Mention]:
    """"the General Armistice Agreement": an anaphor noun of several words, capitalised as the
    registry writes it, outside a full name ("… between Israel and Syria" is named)."""
    spans = _Overlap([(m.start, m.end) for m in named])
    return [Mention("anaphor", m.start(), m.end(), text[m.start():m.end()], None,
                    {"noun": " ".join(m.group("noun").split())})
            for m in matches if text[m.start("noun")].isupper() and not spans.overlaps(m.start(), m.end())]


def _dated_name(text: str, folded: str, m: re.Match[str], year: str, end: int, lex: Lexicon) -> Mention | None:
    """A known name with its year put after the noun ("la Convention de 1951 relative au statut des
    réfugiés"): the name read without the year, if the registry's key for it has that year."""
    noun_at, after = m.start("noun"), m.end()
    probe = folded[noun_at:m.end("noun")] + folded[after:min(end, after + 200)]
    nm = lex.name_re.match(probe)
    if nm is None or nm.end() <= m.end("noun") - noun_at:
        return None
    name = lex.name(nm.group(0))
    ky = P.KEY_YEAR.search(name.key)
    if ky is None or ky.group(1) != year:
        return None
    stop = after + nm.end() - (m.end("noun") - noun_at)
    return Mention("named", noun_at, stop, text[noun_at:stop], name.key, {"kind": name.kind, "weak": False})


def _name_after(text: str, folded: str, at: int, end: int) -> str:
    """What makes the instrument noun that ends at `at` part of a longer name, if anything: the
    words that go on with it ("on", "relatif aux", "de 1988", "(") or a capitalised word ("Pacto
    Internacional", "la Convention X"); "" when nothing does ("the Convention provides …")."""
    block = P.ANAPHOR_BLOCKER.match(folded, at, end)
    if block:
        if P.LOWER_CASE_TOPIC.match(text, block.end()):
            return ""  # "the Protocol on information": no name goes on
        return block.group(0)
    after = text[at:at + 40]
    nxt = P.NEXT_CAPITALISED_WORD.match(after)
    if nxt and not nxt.group(1).isupper() and nxt.group(1).lower() not in ("de", "des", "du", "del"):
        return nxt.group(1)
    place = P.NAMED_AFTER_OF.match(after)
    if place and not (place.group(1).isupper() and P.OWN_ACRONYMS.match(place.group(1))):
        return place.group(0)
    return ""


def _capitalised_before(text: str, at: int) -> tuple[int, str] | None:
    """Where the capitalised word right before `at` starts, and the word ("*International*
    Covenant", "*Atlantic* Charter"), unless it only opens a sentence."""
    lo = max(0, at - 60)
    prefix = text[lo:at]
    before = P.WORD_BEFORE.search(prefix)
    if before and before.group(1)[0].isupper() and not P.SENTENCE_END.search(prefix[:before.start(1)]):
        return lo + before.start(1), before.group(1)
    return None


def _ends_declaration_title(text: str, folded: str, at: int) -> bool:
    """Does the Charter's name at `at` end a capitalised Declaration's title (P.CHARTER_TITLE_END)?"""
    lo = max(0, at - P.CHARTER_TITLE_REACH)
    m = P.CHARTER_TITLE_END.search(folded[lo:at])
    return m is not None and text[lo + m.start()].isupper()


def _inside_longer_name(text: str, at: int) -> bool:
    """Does a treaty's name that starts at `at` go on a longer name to its left ("*Inter-American*
    Convention against Corruption", "*African Union* Convention …")? A capitalised word right before
    it that is no acronym ("UN", "ONU"), no possessive ("INTERPOL's") and opens no sentence."""
    before = _capitalised_before(text, at)
    if before is None:
        return False
    word = before[1]
    return not (word.isupper() or word.endswith(("'s", "’s")))


def _inside_protocol_name(folded: str, at: int) -> bool:
    """Is the treaty's name that starts at `at` part of the name of a protocol to it ("the Optional
    Protocol to the Convention on the Rights of the Child")? The protocol is not the treaty."""
    lo = max(0, at - P.PROTOCOL_REACH)
    return folded.find(P.PROTOCOL_NEEDLE, lo, at) >= 0 and P.PART_OF_PROTOCOL.search(folded, lo, at) is not None


def _unknown_names(text: str, folded: str, matches: list[re.Match[str]], start: int, end: int,
                   taken: list[tuple[int, int]]) -> list[Mention]:
    """Names of instruments the registry does not know ("the International Covenant on Civil and
    Political Rights", "le Protocole facultatif …", "el Pacto Internacional de …"). They are cited
    by no key (there is none to give), but they are antecedents: "article 17 thereof" or "the
    Convention" after one must not be read as a treaty named before it."""
    out: list[Mention] = []
    spans = _Overlap(taken) if len(taken) > 8 else None  # (a few: a plain scan is cheaper)
    for m in matches:
        s, e = m.span()
        if not text[s].isupper():  # "the convention" is no name
            continue
        if spans.overlaps(s, e) if spans else any(a < e and s < b for a, b in taken):
            continue  # a name the registry knows, or an anaphor
        after = _name_after(text, folded, e, end)
        before = _capitalised_before(text, s)
        if before and before[1].endswith(("'s", "’s")) and not after:
            continue  # "the Organization's Constitution": a possessive, not a name ("INTERPOL's Rules on …" is)
        if not before and not (after and not after.lstrip().startswith("(")):
            continue  # "the Convention (…)", "the Treaty entered into force": no name
        while before and before[0] >= start:  # the name opens at its first capital ("International")
            s = before[0]
            before = _capitalised_before(text, s)
        noun = m.group(0)
        if not after and s < m.start() and noun in P.ANAPHOR_NOUNS and \
                (det := P.QUALIFIED_ANAPHOR_DET.search(folded, max(start, s - P.QUALIFIED_ANAPHOR_REACH), s)):
            # "the above-mentioned Geneva Convention": the one named before whose name holds "Geneva"
            out.append(Mention("anaphor", det.start(), e, text[det.start():e], None,
                               {"noun": noun, "qualifier": tuple(P.QUALIFIER_WORD.findall(folded, s, m.start()))}))
            continue
        data: dict = {"noun": noun, "kind": P.INSTRUMENT_KINDS[noun]}
        if s == m.start() and after:  # the name opens at its noun: what goes on after it, up to the clause's end
            rest = P.NAME_REST.match(folded, e, min(end, e + P.NAME_REST_REACH))
            data["rest"] = tuple(w for w in P.QUALIFIER_WORD.findall(rest.group(0)) if len(w) > 3)
        if (word := P.ADOPTED_WORD.search(folded, e, min(end, e + P.ADOPTED_IN_REACH))) and not any(
                e <= a < word.start() for a, _ in taken) and (year := P.ADOPTED_YEAR.match(folded, word.end(), end)):
            data["year"] = year.group(1)  # "…, adoptée par la Conférence générale de l'UNESCO en 1970": "la Convention de 1970"
        out.append(Mention("unknown", s, e, text[s:e], None, data))
    return out


def _mark_subtitle_names(text: str, folded: str, nouns: Sequence[re.Match[str]], named: list[Mention],
                         end: int) -> None:
    """A registry name in the subtitle of an unknown instrument's title ("Kyoto Declaration on
    Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the
    2030 Agenda for Sustainable Development") is part of that title: an antecedent, not cited
    (`in_title`). The title opens with a capitalised instrument noun (`nouns`) outside a registry
    name, runs on in capitalised words, numbers, the languages' title words and commas, and holds a
    colon before the name. Sentence-case titles (French) are not told from a sentence, and keep
    their names."""
    for u in nouns:
        if not text[u.start()].isupper() or any(n.start <= u.start() < n.end for n in named):
            continue
        stop, colon = u.end(), None
        for tok in P.TITLE_TOKEN.finditer(text, u.end(), min(end, u.end() + P.SUBTITLE_REACH)):
            word = tok.group(0)
            if word == ":":
                colon = tok.start()
            elif not (word[0].isupper() or word[0].isdigit() or word in P.TITLE_PUNCTUATION
                      or folded[tok.start():tok.end()] in P.TITLE_WORDS):
                break
            stop = tok.end()
        if colon is None:
            _mark_led_subtitle(folded, u, named)
            continue
        for n in named:
            if colon < n.start and n.end <= stop:
                n.data["in_title"] = True


def _mark_led_subtitle(folded: str, u: re.Match[str], named: list[Mention]) -> None:
    """A sentence-case title (French) whose subtitle leads to a goal: "la Déclaration de Kyoto visant à
    faire progresser …, la justice pénale et l'état de droit : vers la réalisation du Programme de
    développement durable à l'horizon 2030" — the name right after the lead is the title's (P.SUBTITLE_LEAD),
    if no clause ends between the noun and the colon."""
    for n in named:
        if n.start <= u.end() or n.start - u.end() > P.SUBTITLE_REACH:
            continue
        colon = folded.rfind(":", u.end(), n.start)
        if colon < 0 or n.start - colon > P.SUBTITLE_LEAD_REACH or ";" in folded[u.end():colon] \
                or P.SUBTITLE_LEAD.match(folded, colon - 1 if folded[colon - 1] == " " else colon, n.start) is None:
            continue
        n.data["in_title"] = True


def _is_charter(text: str, folded: str, m: re.Match[str], end: int) -> bool:
    """Is this "Charter" the Charter of the United Nations? Capitalised, not inside another name
    ("Atlantic Charter", "the Charter of the OAU"): a name of the Charter itself is a named mention."""
    noun_at = m.end() - len(m.group("charter").split()[-1])
    if not text[noun_at].isupper() or P.UN_NAME_AFTER.match(folded, m.end(), end) \
            or _names_another_charter(text, folded, m.end(), end):
        return False  # its full name (a named mention); "la Carta Democrática Interamericana", "the Charter of the OAU"
    if (whose := P.WHOSE_CHARTER.search(folded, max(0, m.start() - 8), m.start())) \
            and not folded[max(0, whose.start() - 40):whose.start()].rstrip(" ,").endswith(P.UN_NAMES_BEFORE_WHOSE):
        return False  # "le Réseau GlobE, dont la Charte régit …", "whose Charter": the body's own (not the UN's)
    det = folded[m.start():noun_at].strip()
    if (prev := _last_charter_before(folded, m.start())) is not None and _names_another_charter(text, folded, prev) \
            and (det in P.DEMONSTRATIVES or (det and "\n\n" not in folded[prev:m.start()])):
        return False  # "la Carta sobre la Seguridad Europea … dicha Carta": that Charter; "la Carta de la OEA …
        # los propósitos de la Carta" in one paragraph: the one named there
    # no determiner: the word before must not be a capitalised name
    return noun_at != m.start() or _capitalised_before(text, m.start()) is None


def _last_charter_before(folded: str, at: int) -> int | None:
    """Where the last "Charter" word before `at` ends, if any."""
    found = None
    for found in P.CHARTER_WORD.finditer(folded, max(0, at - P.CHARTER_BACK_REACH), at):
        pass
    return found.end() if found else None


def _names_another_charter(text: str, folded: str, at: int, end: int = 0, adjectives: bool = True) -> bool:
    """Does the "Charter" word that ends at `at` go on with another charter's name ("Carta de París",
    "Charter for European Security", "Carta Democrática Interamericana") rather than the United Nations'
    ("Charte des Nations Unies")? After "of", "for", "de" … only a name does ("the Charter for the maintenance
    of international peace" is the United Nations'). `adjectives`: also the words that go on with a name
    after it ("la Charte africaine …", "relating to"), which the owner of an article does without ("the
    Charter Member States", "la Charte relative à …" are still the Charter there)."""
    if P.UN_NAME_AFTER.match(folded, at):
        return False
    end = min(len(folded), end or at + 60)
    if m := P.CHARTER_NAME_AFTER.match(folded, at, end):
        return bool(P.CHARTER_NAME_FOLLOWS.match(text, m.end(), end))
    if folded.endswith(("charte", "carta"), 0, at) and P.NEXT_CAPITALISED_WORD.match(text, at):
        return True  # "Carta Democrática Interamericana": the adjective after the noun
    return adjectives and bool(_name_after(text, folded, at, end))


def _articles(text: str, folded: str, matches: list[re.Match[str]], start: int,
              end: int) -> list[Mention]:
    """Article references: "article 41", "articles 37, 40 and 47", with what links them to their
    treaty ("… of the Convention", "… thereof", "cuyo artículo 48")."""
    out = []
    for m in matches:
        if m.group("first"):  # "l'article premier de la Convention"
            out.append(_part(text, folded, m, start, end, "art", [1], [m.span("first")]))
            continue
        if m.group("roman"):  # "article V", "articles I and II": capitals as printed, not words ("article vi…")
            numerals = [(x.start(), x.end()) for x in P.ROMAN_IN_LIST.finditer(m.group("roman"))]
            spans = [(m.start("roman") + a, m.start("roman") + b) for a, b in numerals]
            upper = [span for span in spans if text[span[0]:span[1]].isupper()]
            if upper == spans and not _is_heading(text, m, start):
                out.append(_part(text, folded, m, start, end, "art",
                                 [keys.from_roman(text[a:b]) for a, b in spans], spans))
            continue
        nums_text = P.ARTICLE_NUMBER_PARENS.sub(lambda x: " " * len(x.group(0)), m.group("nums"))
        numbers = [int(n) for n in P.ARTICLE_NUMBER.findall(nums_text)]
        spans = [(m.start("nums") + x.start(), m.start("nums") + x.end())
                 for x in P.ARTICLE_NUMBER.finditer(nums_text)]
        if len(numbers) > 1:
            numbers, spans = _ranges(folded, numbers, spans)
        elif _is_heading(text, m, start):
            continue
        out.append(_part(text, folded, m, start, end, "art", numbers, spans))
    return _respective_run(out, folded)


def _respective_run(articles: list[Mention], folded: str) -> list[Mention]:
    """"article 2, paragraph 2, and article 26, respectively": the articles joined up to the one that
    "respectively" follows are one list, paired with the treaties named before it (resolve)."""
    for i in range(len(articles) - 1, 0, -1):
        last, prev = articles[i], articles[i - 1]
        if not last.data.get("respectively") or len(last.data["numbers"]) != 1 \
                or not P.ARTICLE_JOIN.fullmatch(folded, prev.end, last.start) or prev.data.get("owner_at") is not None:
            continue
        for key in ("numbers", "number_spans"):
            prev.data[key] = prev.data[key] + last.data[key]
        prev.data["respectively"] = True
        prev.end = last.end
        del articles[i]
    return articles


def _is_heading(text: str, m: re.Match[str], start: int) -> bool:
    """Whether an "Article 2" stands alone on its line between a sentence's end (or the paragraph's
    start) and a capitalised line: the heading of an article of an instrument the resolution quotes
    (a trusteeship agreement it approves), not a citation of another's article. A line that wraps
    inside a sentence ("in accordance with / Article 25 / of the Charter") ends with no full stop."""
    line = text.rfind("\n", start, m.start()) + 1 or start
    if text[line:m.start()].strip() or not P.ARTICLE_HEADING_END.match(text, m.end()):
        return False
    before = text[start:line].rstrip()
    return not before or before[-1] in P.SENTENCE_ENDS


def _ranges(folded: str, numbers: list[int], spans: list[tuple[int, int]]
            ) -> tuple[list[int], list[tuple[int, int]]]:
    """Every article of a printed range ("articles 16 to 21", "artículos 16 a 21"), each inner one
    spanning the range; a range longer than the genre's is left as its two ends."""
    out_n, out_s = numbers[:1], spans[:1]
    for i in range(1, len(numbers)):
        a, b = numbers[i - 1], numbers[i]
        (a_start, a_end), (b_start, b_end) = spans[i - 1], spans[i]
        if 1 < b - a <= P.LONGEST_RANGE and folded[a_end:b_start].strip() in P.RANGE_WORDS:
            out_n += range(a + 1, b)
            out_s += [(a_start, b_end)] * (b - a - 1)
        out_n.append(b)
        out_s.append((b_start, b_end))
    return out_n, out_s


def _chapters(text: str, folded: str, matches: list[re.Match[str]], start: int,
              end: int) -> list[Mention]:
    """Chapter references in Roman numerals ("Chapter VII of the Charter"): like articles, keyed
    `{treaty}/chap_{Roman}`."""
    out = []
    for m in matches:
        if P.CHAPTER_HEADING_AFTER.match(folded, m.end(), end):
            continue  # "CHAPTER X. — ADMISSION OF NEW MEMBERS": a heading (of rules quoted), no reference
        found = list(P.CHAPTER_NUMBER.finditer(m.group("nums")))
        numbers = [x.group(0).upper() for x in found]
        spans = [(m.start("nums") + x.start(), m.start("nums") + x.end()) for x in found]
        out.append(_part(text, folded, m, start, end, "chap", numbers, spans))
    return out


def _part(text: str, folded: str, m: re.Match[str], start: int, end: int, part: str, numbers: list,
          spans: list[tuple[int, int]]) -> Mention:
    """The mention of numbered parts of a treaty (articles, chapters) and where its owner is."""
    data: dict = {"numbers": numbers, "part": part, "number_spans": spans}
    link = P.ARTICLE_OWNER_LINK.match(folded, m.end(), end)
    if link and link.end() > m.end():
        data["owner_at"] = link.end()
        if (charter := P.CHARTER_WORD.match(folded, link.end())) \
                and _names_another_charter(text, folded, charter.end(), adjectives=False):
            data["unknown_owner"] = True  # "el artículo 91 de la Carta de la Organización" (the OAS's)
        elif P.ACRONYM_OWNER.match(text, link.end()):
            data["unknown_owner"] = True  # "el artículo VI de la CIFTA": an acronym the registry does not name (resolve)
        if P.OWN_CONSTITUTION.match(folded, m.end(), end):
            if P.INTERPOL_NAMED.search(folded, _sentence_start(folded, m.start(), start), m.start()):
                data["owner_key"] = P.INTERPOL_CONSTITUTION_KEY  # "Invite INTERPOL à … l'article 3 de son Statut"
            else:
                data["own_constitution"] = True  # in INTERPOL's own text, its Constitution (resolve)
    elif P.THEREOF.match(folded, m.end(), end):
        data["owner"] = "previous"
    before = folded[max(start, m.start() - 12):m.start()]
    if P.WHOSE.search(before) or ("owner_at" not in data and P.OWN_BODY.search(before)):
        data["owner"] = "previous"  # "cuyo artículo 48", "son article II": the instrument named before
        if P.INTERPOL_WHOSE_CONSTITUTION.search(folded, _sentence_start(folded, m.start(), start), m.start()):
            data["owner_key"] = P.INTERPOL_CONSTITUTION_KEY  # "INTERPOL, dont le Statut …, en son article 3"
    elif "owner_at" not in data and len(numbers) == 1 and P.ARTICLE_ANAPHOR.search(before):
        data["owner"] = "same"  # "ledit article 3", "said article 41": the one cited before (resolve)
    if "owner_at" not in data and P.RESPECTIVELY.match(folded, m.end(), end):
        data["respectively"] = True  # each number goes with one of the treaties named before it
    first_end = spans[0][1] if spans else m.end()
    data["first_end"] = first_end
    return Mention("article", m.start(), m.end(), text[m.start():first_end], None, data)
