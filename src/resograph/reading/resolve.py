"""Stage 4 — turn mentions into citations: anaphora, article owners, the bare-treaty rule.

Resolution walks the document in reading order and remembers which instruments were named
("the Convention" is the treaty most recently named), so a paragraph's citations can depend on the
paragraphs before it — never on anything after it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from resograph.reading import patterns as P
from resograph.reading.clean import fold
from resograph.core.keys import sc_resolution
from resograph.reading.lexicon import Lexicon, council_year
from resograph.core.models import Citation, Mention

TREATY_KINDS = ("Treaty", "Constitution", "Agreement", "Declaration")
OWNER_KINDS = ("Treaty", "Constitution", "Charter", "Agreement")  # what has articles and chapters
# Keys of the instruments the registry does not know ("the International Covenant on …"): antecedents
# of articles and anaphora, never cited (no key exists to cite them by: none is invented).
UNKNOWN = "?"
OWNERS = OWNER_KINDS + (UNKNOWN,)  # an unknown instrument of any kind may own the article that follows
# … and, in the paragraph that names it, a declaration known by its resolution's key ("the Universal
# Declaration of Human Rights, particularly article 21"): the article is a part of that resolution.
NEAR_OWNERS = OWNERS + ("Resolution",)
# The kind of a treaty named inside a protocol's name: found by its nouns ("that Convention"), by no kind
NAMED_ONLY = "named-only"
UN_BODIES = ("un-sc", "un-ga", "ecosoc")
BODY_PREFIXES = {"un-ga": "A/RES/", "un-sc": "S/RES/", "ecosoc": "E/RES/", "hrc": "A/HRC/RES/"}  # how their resolutions' keys open


def _own_bound(own_symbol: str | None) -> tuple[int | None, int] | None:
    """What bounds the Security Council resolutions a document can cite: those are numbered in the
    order of adoption, so S/RES/N(Y) cites only numbers below N (the number alone: a header may
    misprint its year, "434 (1973)" for 1978, and an earlier number is earlier whatever year it
    prints); any other document dated by its symbol (year or session) cites none of a later year."""
    if not own_symbol:
        return None
    sc = P.SC_KEY.match(own_symbol)
    if sc:
        return int(sc.group(1)), 9999
    for rx, offset in P.OWN_YEAR:
        m = rx.match(own_symbol)
        if m:
            return None, int(m.group(1)) + offset
    return None


@dataclass
class _Named:
    pos: int
    key: str
    kind: str
    seq: int = 0  # order of naming, for ties of position (set by the timeline)
    para: int = -1  # the paragraph that names it, in order (set when it joins the document's history)


_CONVENTION_NOUNS = ("convention", "convencion", "convenio")


def _grouped(h: _Named, nouns: set[str] | None) -> bool:
    """Does a treaty count among "both Conventions", "les trois conventions"? Not an unknown one that
    a convention noun cannot name ("le Protocole de 1972" beside the three drug conventions)."""
    return h.kind == "Treaty" and (nouns is None or not h.key.startswith(UNKNOWN)
                                   or not nouns.isdisjoint(_CONVENTION_NOUNS))


class _Timeline:
    """Named instruments in naming order, indexed by kind and by the nouns that may refer back to
    them, so "the latest X before p" is a bisection rather than a scan of all named so far: a
    paragraph of 10,000 "article 5 of the Convention" took quadratic time (issue 18)."""

    def __init__(self, nouns_of: Callable[[str], set[str] | None]):
        self.items: list[_Named] = []
        self.keys: set[str] = set()
        self._nouns_of = nouns_of
        self._lists: dict[object, tuple[list[int], list[_Named]]] = {}
        self._latest_treaty: dict[str, _Named] = {}  # key → its latest mention, in position order
        self._in_order = True

    def append(self, h: _Named) -> None:
        h.seq = len(self.items)
        self.items.append(h)
        self.keys.add(h.key)
        self._add(h.kind, h)
        nouns = self._nouns_of(h.key)
        # (a treaty that declares no noun may be called a convention)
        for noun in nouns if nouns is not None else _CONVENTION_NOUNS if h.kind == "Treaty" else ():
            self._add(("noun", noun), h)
        if h.key.startswith(UNKNOWN):
            self._add(UNKNOWN, h)
        if _grouped(h, nouns):
            last = next(reversed(self._latest_treaty.values()), None)
            self._in_order = self._in_order and (last is None or last.pos <= h.pos)
            self._latest_treaty.pop(h.key, None)
            self._latest_treaty[h.key] = h

    def _add(self, label: object, h: _Named) -> None:
        positions, items = self._lists.setdefault(label, ([], []))
        i = bisect_right(positions, h.pos)  # the end, in reading order
        positions.insert(i, h.pos)
        items.insert(i, h)

    def latest(self, labels, before: float) -> _Named | None:
        """The entry of one of ``labels`` with the greatest position below ``before`` (the first
        named among equals, as ``max`` over the naming order would give)."""
        best = None
        for label in labels:
            positions, items = self._lists.get(label, ((), ()))
            i = bisect_left(positions, before) - 1
            if i < 0:
                continue
            h = items[bisect_left(positions, positions[i])]
            if best is None or (h.pos, -h.seq) > (best.pos, -best.seq):
                best = h
        return best

    def earliest(self, labels) -> _Named | None:
        firsts = [self._lists[label][1][0] for label in labels if self._lists.get(label, ((), ()))[1]]
        return min(firsts, key=lambda h: (h.pos, h.seq)) if firsts else None

    def recent_treaties(self, before: int, count: int) -> list[_Named] | None:
        """Up to ``count`` distinct treaties by their latest mention before ``before``, latest first;
        None when the quick answer may be wrong (a mention out of reading order)."""
        out = []
        for h in reversed(self._latest_treaty.values()):
            if not self._in_order or h.pos >= before:
                return None
            out.append(h)
            if len(out) == count:
                break
        return out


def _respective(m: Mention, local: _Timeline) -> list[str] | None:
    """The owners of "their articles 27 and 48, respectively": as many treaties as numbers, the last
    named in the paragraph before the list, in naming order; None if the paragraph names fewer."""
    count = len(m.data["numbers"])
    recent = local.recent_treaties(m.start, count) if count > 1 else None
    return [h.key for h in reversed(recent)] if recent and len(recent) == count else None


def _latest(timelines, labels, before: float) -> _Named | None:
    """:meth:`_Timeline.latest` over several timelines; on equal positions the earlier timeline wins."""
    best = None
    for t in timelines:
        h = t.latest(labels, before)
        if h is not None and (best is None or h.pos > best.pos):
            best = h
    return best


def _same_run(earlier: tuple[str, str], later: tuple[str, str]) -> bool:
    """Are two paragraphs (id, clause function) adjacent and of the same clause ("Recalling …" then
    "Recalling further …")?"""
    return earlier[1] == later[1] and _adjacent(earlier, later)


def _adjacent(earlier: tuple[str, str], later: tuple[str, str]) -> bool:
    """Does the paragraph `later` (id, clause function) come right after `earlier`, in the same part?"""
    kind_a, _, n_a = earlier[0].rpartition("_")
    kind_b, _, n_b = later[0].rpartition("_")
    return kind_a == kind_b and n_a.isdigit() and n_b.isdigit() and int(n_a) + 1 == int(n_b)


def _year(key: str) -> str | None:
    m = P.KEY_YEAR.search(key)
    return m.group(1) if m else None


_DATED: dict[int, tuple[Lexicon, dict[tuple[str, str], tuple[str, ...]]]] = {}  # per lexicon, built once


def _dated_keys(lex: Lexicon) -> dict[tuple[str, str], tuple[str, ...]]:
    """(noun, year) → the registry's instruments that declare the noun and were adopted that year
    ("convention", "1951") → (convention:refugees-1951,)."""
    known = _DATED.get(id(lex))
    if known is None or known[0] is not lex:
        table: dict[tuple[str, str], list[str]] = {}
        for key, nouns in sorted(lex.anaphor_nouns.items()):
            year = _year(key)
            for noun in nouns if year else ():
                table.setdefault((noun, year), []).append(key)
        known = _DATED[id(lex)] = (lex, {k: tuple(v) for k, v in table.items()})
    return known[1]


_LABEL_WORDS: dict[int, tuple[Lexicon, dict[str, set[str]]]] = {}  # per lexicon, built once


def _label_words(lex: Lexicon) -> dict[str, set[str]]:
    """key → the words of all its registry names (folded): "geneva", "geneve", "ginebra", "civilian"…"""
    known = _LABEL_WORDS.get(id(lex))
    if known is None or known[0] is not lex:
        table: dict[str, set[str]] = {}
        for n in lex.names:
            table.setdefault(n.key, set()).update(P.QUALIFIER_WORD.findall(fold(n.label)))
        known = _LABEL_WORDS[id(lex)] = (lex, table)
    return known[1]


class _Window:
    """Which mentions may start in [lo, at] or hold ``at``, in order: found by bisection when the
    mentions are sorted by start (they are, when there are two or more), else all of them."""

    def __init__(self, mentions: list[Mention]):
        self.starts = [m.start for m in mentions]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def indices(self, lo: int, at: int) -> range:
        if not self.sorted:
            return range(len(self.starts))
        return range(bisect_left(self.starts, min(lo, at - self.longest)), bisect_right(self.starts, at))


class Resolver:
    """Resolves mentions paragraph by paragraph, keeping the history of named instruments."""

    def __init__(self, lex: Lexicon, own_symbol: str | None, own_body: str | None) -> None:
        self.lex = lex
        self.own_symbol = own_symbol
        self.own_body = own_body
        # The nouns that may refer back to each instrument (absent: any), the lexicon's and those of
        # the unknown instruments this document names ("the Convention" may name an unknown
        # convention, not an unknown covenant or protocol); the kinds of those.
        self.nouns: dict[str, set[str]] = dict(lex.anaphor_nouns)
        self.unknown_kinds: dict[str, str] = {}
        self.history = self._timeline()
        self.bound = _own_bound(own_symbol)
        # Resolutions cited so far, in reading order: their positions, keys and paragraphs (an index
        # into `resolution_paragraphs`: id and clause function of each paragraph that cites one), for
        # "that resolution" / "the above-mentioned resolutions".
        self.resolution_at: list[int] = []
        self.resolution_key: list[tuple[str, int]] = []
        self.resolution_dated: dict[str, str] = {}  # date printed with a resolution cited → its key
        self.resolution_paragraphs: list[tuple[str, str]] = []
        self.article_owners: dict[tuple[str, object], str] = {}  # (part, number) → owner last cited
        # Nouns the text defines for one instrument ("the United Nations Convention on the Law of the Sea
        # (“the Convention”)"): that instrument wherever the noun refers back afterwards.
        self.defined: dict[str, str] = {}
        self.unknown_years: dict[str, str] = {}  # an unknown instrument → the year it was adopted, where the text says
        self._paragraph: tuple[str, str] = ("", "")  # the paragraph being resolved
        self._paragraphs = 0  # paragraphs resolved so far
        # The resolutions the first plural "above-mentioned resolutions" of a paragraph named, by paragraph
        self._referred: dict[tuple[str, str], list[str]] = {}

    def _later(self, key: str) -> bool:
        """Is `key` a Security Council resolution adopted after the citing document? None cites a
        later one, so such a reading is an error (of the text or the finder) and is dropped."""
        if self.bound is None or not key.startswith("S/RES/"):  # (every SC_KEY match opens so)
            return False
        m = P.SC_KEY.match(key)
        if not m:
            return False
        number, year = int(m.group(1)), int(m.group(2))
        last_number, last_year = self.bound
        return (last_number is not None and number >= last_number) or year > last_year

    def note(self, mentions: list[Mention]) -> None:
        """Record named instruments of a span that is not a paragraph (the title) as antecedents."""
        for m in mentions:
            if m.kind == "named" and m.key:
                self.history.append(_Named(m.start, m.key, self._kind(m.key)))

    def _nouns_of(self, key: str) -> set[str]:
        return self.nouns.get(key) or set()

    def _timeline(self) -> _Timeline:
        return _Timeline(self.nouns.get)

    def _kind(self, key: str) -> str:
        if key in P.KEY_KINDS:
            return P.KEY_KINDS[key]
        if key.startswith(UNKNOWN):
            return self.unknown_kinds[key]
        return self.lex.kinds.get(key, "Treaty" if key.startswith("convention:") else "Instrument")

    def _antecedent(self, noun: str, before: int, local: _Timeline) -> list[str]:
        """The instrument "the <noun>" refers back to: the latest named that declares the noun, else
        (for the nouns of `P.NOUN_KINDS`) the latest of a kind the noun may name."""
        kinds = P.NOUN_KINDS.get(noun, ())
        found = None
        # In an INTERPOL text "le Statut", "el Estatuto" are its Constitution (corpus README), not the Rome
        # Statute nor the statute of a body named in an earlier paragraph ("le Statut du Haut-Commissariat …"):
        # those nouns go by kind there, and only in the paragraph that names another.
        if "Constitution" in kinds and self.own_body == "interpol-ga":
            found = (local.latest(kinds, before) if kinds == ("Constitution",)
                     else _latest((self.history, local), kinds, before))
        else:
            found = _latest((self.history, local), [("noun", noun)], before) or _latest((self.history, local), kinds, before)
        if found:
            return [found.key]
        if "Constitution" in kinds and self.own_body == "interpol-ga":
            return [P.INTERPOL_CONSTITUTION_KEY]
        if "Charter" in kinds:  # "the Charter" with none named before: the United Nations'
            return [P.CHARTER_KEY]
        return []

    def _dated(self, m: Mention, local: _Timeline) -> str:
        """"the 1951 Convention", "la Convention de 1951": the instrument of that noun and year named
        before, else the one the registry knows (when it knows exactly one), else an instrument the
        registry does not know (an antecedent, never cited)."""
        noun, year = m.data["noun"], m.data["year"]
        # (the year tells the treaty: "la Convención de 1951" is the convention the registry calls a
        # "Convention" in the languages it has sourced names in)
        nouns = _CONVENTION_NOUNS if noun in _CONVENTION_NOUNS else (noun,)
        named = [h for h in self.history.items + local.items
                 if h.pos < m.start and (_year(h.key) or self.unknown_years.get(h.key)) == year
                 and not self._nouns_of(h.key).isdisjoint(nouns)]
        if named:
            return max(named, key=lambda h: (h.pos, -h.seq)).key
        known = sorted({k for n in nouns for k in _dated_keys(self.lex).get((n, year), ())})
        if len(known) == 1:
            return known[0]
        return self._unknown(m.start, noun, P.INSTRUMENT_KINDS.get(noun, "Treaty"))

    def _qualified(self, m: Mention, local: _Timeline) -> str:
        """"the above-mentioned Geneva Convention": the latest named before that the noun may name and
        whose registry names hold the qualifier's words, else an instrument the registry does not know
        (an antecedent, never cited): the qualifier says it is no other."""
        noun, words = m.data["noun"], set(m.data["qualifier"])
        label_words = _label_words(self.lex)
        named = [h for h in self.history.items + local.items
                 if h.pos < m.start and words <= label_words.get(h.key, set())
                 and (noun in self._nouns_of(h.key) or h.kind in P.NOUN_KINDS.get(noun, ()))]
        if named:
            return max(named, key=lambda h: (h.pos, -h.seq)).key
        return self._unknown(m.start, noun, P.INSTRUMENT_KINDS.get(noun, "Treaty"))

    def _note_resolution(self, at: int, key: str, date: str | None) -> None:
        """Remember a resolution cited at `at`, for what points back to it ("that resolution", "the
        resolution of 1 August 1947")."""
        if self.resolution_at and at < self.resolution_at[-1]:
            return  # (positions grow: a number resolved out of order is not an antecedent)
        if not self.resolution_paragraphs or self.resolution_paragraphs[-1] != self._paragraph:
            self.resolution_paragraphs.append(self._paragraph)
        self.resolution_at.append(at)
        self.resolution_key.append((key, len(self.resolution_paragraphs) - 1))
        if date:  # (two resolutions of one date: neither is "the resolution of" it)
            self.resolution_dated[date] = key if self.resolution_dated.get(date, key) == key else ""

    def _unknown_name(self, m: Mention, local: _Timeline) -> str:
        """The key of a name the registry does not hold: the instrument named before it was shortened from
        ("el Convenio para la Represión de la Financiación del Terrorismo"; the mention becomes that named
        one), else an unknown instrument's (with its year, where the text gives one), an antecedent only."""
        if known := self._shortened(m, local):
            m.kind, m.key = "named", known
            local.append(_Named(m.start, known, self._kind(known)))
            return known
        key = self._unknown(m.start, m.data["noun"], m.data["kind"])
        if "year" in m.data:
            self.unknown_years[key] = m.data["year"]
        local.append(_Named(m.start, key, m.data["kind"]))
        return key

    def _shortened(self, m: Mention, local: _Timeline) -> str | None:
        """A name shortened from one named before ("el Convenio para la Represión de la Financiación del
        Terrorismo" after "el Convenio Internacional para la Represión …"): the latest instrument of that noun
        named before whose registry names hold every word that follows the noun (SHORTENED_NAME_WORDS at least)."""
        words = set(m.data.get("rest", ()))
        if len(words) < P.SHORTENED_NAME_WORDS:
            return None
        label_words = _label_words(self.lex)
        named = [h for h in self.history.items + local.items
                 if h.pos < m.start and not h.key.startswith(UNKNOWN) and words <= label_words.get(h.key, set())
                 and m.data["noun"] in self._nouns_of(h.key)]
        return max(named, key=lambda h: (h.pos, -h.seq)).key if named else None

    def _unknown(self, at: int, noun: str, kind: str) -> str:
        """The key of an instrument the registry does not know, named at `at` with head `noun`."""
        key = f"{UNKNOWN}{at}"
        # ("the Convention" may name an unknown convention, not an unknown covenant or protocol)
        self.nouns[key] = set(_CONVENTION_NOUNS) if noun in _CONVENTION_NOUNS else {noun}
        self.unknown_kinds[key] = kind
        return key

    def _sc_cited_before(self, before: int, number: int) -> list[str]:
        """"UN Security Council Resolution 2396" without its year: the resolution of that number the
        text cited before with its year ("UNSCR 2396 (2017)"), else the year the Council's table of
        numbers gives (data/registry/council-years.tsv); nothing if neither does."""
        prefix = f"S/RES/{number}("
        for key, _ in reversed(self.resolution_key[:bisect_left(self.resolution_at, before)]):
            if key.startswith(prefix):
                return [key]
        year = council_year(self.lex, number)
        return [sc_resolution(number, year)] if year else []

    def _resolutions_before(self, before: int, plural: bool, body: str | None = None) -> list[str]:
        """"that resolution": the resolution cited last. "the above-mentioned resolutions": those
        cited before it in its own paragraph, when it cites some ("Reaffirms its resolution 365
        (1974), by which it endorsed General Assembly resolution 3212 (XXIX), and calls for the
        implementation of those resolutions"); else those of the last paragraph that cites
        resolutions, with the run of paragraphs of the same clause right before it that cite some
        ("Recalling its resolutions …, / Recalling further General Assembly resolutions …, /
        Reaffirming … the aforesaid resolutions": both lists) — two at least. A body named with them
        ("the aforesaid General Assembly resolution") keeps only that body's."""
        last = bisect_left(self.resolution_at, before) - 1  # positions grow: reading order
        if last < 0:
            return []
        key, first = self.resolution_key[last]
        prefix = BODY_PREFIXES.get(body)
        if not plural:
            if prefix:
                return next(([k] for k, _ in reversed(self.resolution_key[:last + 1]) if k.startswith(prefix)), [])
            return [key]
        paragraphs = self.resolution_paragraphs
        if paragraphs[first] != self._paragraph:
            while first > 0 and _same_run(paragraphs[first - 1], paragraphs[first]):
                first -= 1
        keys: dict[str, None] = {}
        for key, p in reversed(self.resolution_key[:last + 1]):
            if p < first:
                break
            keys[key] = None
        # a plural needs a list behind it: after a single resolution it names no one in particular, unless that
        # one, cited in the paragraph right before, is cited again from the latest list ("Recalling its resolutions
        # 385 (1976), 431 (1978), … / Reaffirming … resolution 385 (1976) / … contrary to the above-mentioned
        # resolutions")
        if len(keys) < 2:
            keys = self._list_holding(set(keys), first) if _adjacent(paragraphs[first], self._paragraph) else {}
            if len(keys) < 2:
                return []
        # "1. Reaffirms … the above-mentioned resolutions, particularly resolutions 425 (1978), 426 (1978)
        # and 459 (1979) … / 2. Condemns … the above-mentioned resolutions": a list that picks some of the
        # resolutions its paragraph referred back to does not replace them; the phrase names them again
        named = paragraphs[self.resolution_key[last][1]]
        if named != self._paragraph and (referred := self._referred.get(named)) and set(keys) <= set(referred):
            keys = dict.fromkeys(reversed(referred))
        return [k for k in reversed(keys) if prefix is None or k.startswith(prefix)]

    def _resolutions_of(self, before: int, plural: bool, bodies: tuple[str, ...]) -> list[str]:
        """"the above-mentioned resolutions of the General Assembly and the Security Council": every
        resolution of those bodies cited before `before`, in reading order (two at least for a plural);
        "the above-mentioned resolution of the Council": the last of them."""
        prefixes = tuple(BODY_PREFIXES[b] for b in bodies if b in BODY_PREFIXES)
        if len(prefixes) < len(bodies):
            return []
        keys = [k for k, _ in self.resolution_key[:bisect_left(self.resolution_at, before)] if k.startswith(prefixes)]
        if not plural:
            return keys[-1:]
        keys = list(dict.fromkeys(keys))
        return keys if len(keys) > 1 else []

    def _list_holding(self, keys: set[str], before: int) -> dict[str, None]:
        """The resolutions of the latest paragraph before the `before`-th citing one that cites two or more,
        `keys` among them (in reading order); none if that paragraph does not hold them all."""
        by_paragraph: dict[int, dict[str, None]] = {}
        for key, p in self.resolution_key:
            if p >= before:
                break
            by_paragraph.setdefault(p, {})[key] = None
        for p in sorted(by_paragraph, reverse=True):
            if len(by_paragraph[p]) >= 2:
                return dict.fromkeys(reversed(by_paragraph[p])) if keys <= by_paragraph[p].keys() else {}
        return {}

    def _resolution_last(self, before: int, local: _Timeline) -> bool:
        """Was a resolution cited after the latest treaty named before `before`? Then "the latter",
        "esta última" is one of those resolutions ("resolutions AGN/65/RES/11 and GA-2022-90-RES-01,
        the latter on …"), not a treaty."""
        i = bisect_left(self.resolution_at, before) - 1
        if i < 0:
            return False
        treaty = _latest((self.history, local), ("Treaty",), before)
        return treaty is None or self.resolution_at[i] > treaty.pos

    def _recent(self, before: int, local: _Timeline, count: int, noun: str = "convention") -> list[str]:
        """The `count` distinct treaties named most recently before `before`, latest first; for a
        noun other than "convention"/"instrument" ("both Covenants"), those that declare it."""
        strict = noun not in P.NOUN_KINDS
        mine = None if strict else local.recent_treaties(before, count)
        earlier = None if strict else self.history.recent_treaties(before, 2 * count)
        if mine is None or earlier is None:  # out of reading order, or a noun to check: the plain scan
            return self._recent_scan(before, local, count, noun if strict else None)
        keys: list[str] = []
        for h in sorted(mine + earlier, key=lambda h: -h.pos):
            if h.key not in keys:
                keys.append(h.key)
        return keys[:count]

    def _fits(self, noun: str) -> Callable[[_Named], bool]:
        """Whether a named instrument may be called by `noun` (the plural's singular): "instrument" any treaty."""
        def fits(h: _Named) -> bool:
            if noun in P.INSTRUMENT_WORDS:
                return h.kind == "Treaty"
            nouns = self.nouns.get(h.key)
            if noun not in _CONVENTION_NOUNS:
                return nouns is not None and noun in nouns
            # (any convention noun: "dichos Convenios" after two "Convenciones"; a treaty that declares
            # no noun may be called a convention)
            return h.kind == "Treaty" if nouns is None else not nouns.isdisjoint(_CONVENTION_NOUNS)
        return fits

    def _named_together(self, before: int, local: _Timeline, noun: str) -> list[str]:
        """"dichos Protocolos", "these Conventions": the instruments the noun may name that were named in
        the paragraph of the latest of them (this one, before the anaphor, or an earlier one), in
        naming order — two at least: a plural needs a list behind it."""
        fits = self._fits(noun)
        mine = [h for h in local.items if h.pos < before and fits(h)]
        if not mine:
            earlier = [h for h in self.history.items if h.pos < before and fits(h)]
            if earlier:
                last = max(earlier, key=lambda h: (h.pos, -h.seq)).para
                # ("these instruments", a word for any: only those of the paragraph before, the last that named any)
                generic = noun in P.INSTRUMENT_WORDS and last != self._paragraphs
                mine = [] if generic else [h for h in earlier if h.para == last]
        keys = list(dict.fromkeys(h.key for h in sorted(mine, key=lambda h: (h.pos, h.seq))))
        return keys if len(keys) > 1 else []

    def _named_as_many(self, before: int, local: _Timeline, noun: str, count: int) -> list[str]:
        """"les trois Conventions susvisées": the latest paragraph before `before` that named exactly `count`
        instruments the noun may name, those instruments (in naming order); none if no paragraph did (the
        last three named, then, as for "both")."""
        fits = self._fits(noun)
        named = [h for h in self.history.items + local.items if h.pos < before and fits(h)]
        by_para: dict[object, list[_Named]] = {}
        for h in named:
            by_para.setdefault(h.para, []).append(h)
        for para in sorted(by_para, key=lambda p: max(h.pos for h in by_para[p]), reverse=True):
            keys = list(dict.fromkeys(h.key for h in sorted(by_para[para], key=lambda h: (h.pos, h.seq))))
            if len(keys) == count and not any(k.startswith(UNKNOWN) for k in keys):
                return keys
        return []

    def _recent_scan(self, before: int, local: _Timeline, count: int, noun: str | None = None) -> list[str]:
        keys: list[str] = []
        for h in sorted(self.history.items + local.items, key=lambda h: -h.pos):
            nouns = self.nouns.get(h.key)
            if noun is not None and noun not in (nouns or ()):
                continue
            if h.pos < before and _grouped(h, nouns) and h.key not in keys:
                keys.append(h.key)
            if len(keys) == count:
                break
        return keys

    def paragraph(self, pid: str, function: str, mentions: list[Mention], folded: str,
                  span_of) -> list[Citation]:
        """Citations of one paragraph; `span_of(start, end)` maps cleaned offsets to the original."""
        if not mentions:  # nothing to resolve, nothing to remember (most paragraphs cite nothing)
            return []
        if any(m.kind == "named" and m.data.get("weak") for m in mentions):
            named_before = self.history.keys
            mentions = [m for m in mentions
                        if not (m.kind == "named" and m.data.get("weak") and m.key not in named_before)]
        local = self._timeline()
        self._paragraph = (pid, function)
        resolved = self._resolve_names(mentions, local, folded)
        found = self._targets(mentions, resolved, local, folded)
        self._paragraphs += 1
        for h in local.items:
            h.para = self._paragraphs
            self.history.append(h)
        seen: set[str] = set()
        out: list[Citation] = []
        for s, e, key, date in sorted(found, key=lambda f: (f[0], f[1])):
            # Never the document itself, nor a resolution adopted after it.
            if key in seen or key == self.own_symbol or self._later(key):
                continue
            seen.add(key)
            os_, oe = span_of(s, e)
            out.append(Citation(pid, key, function, "", os_, oe, date, key in self.lex.known_keys))
        return out

    def _resolve_names(self, mentions: list[Mention], local: _Timeline, folded: str) -> dict[int, list[str]]:
        """Keys of the named mentions and anaphora (mention index → keys); `local` collects the
        instruments this paragraph names, in order, as antecedents of what follows."""
        resolved: dict[int, list[str]] = {}
        for i, m in enumerate(mentions):
            if m.kind == "named" and m.key:
                resolved[i] = [m.key]
                local.append(_Named(m.start, m.key, NAMED_ONLY if m.data.get("named_only") else self._kind(m.key)))
                if "(" in folded[m.end:m.end + 3] and (d := P.DEFINED_AS.match(folded, m.end)):
                    self.defined[d.group("noun")] = m.key
            elif m.kind in ("number", "symbol") and m.key and P.RESOLUTION_KEY.match(m.key):
                self._note_resolution(m.start, m.key, m.data.get("date"))
            elif m.kind == "res-by-date":  # "the resolution of the Council of 1 August 1947"
                resolved[i] = [k] if (k := self.resolution_dated.get(m.data["date"])) else []
            elif m.kind == "unknown":
                resolved[i] = [self._unknown_name(m, local)]
            elif m.kind == "res-anaphor":
                resolved[i] = (self._resolutions_of(m.start, m.data["plural"], m.data["bodies"]) if "bodies" in m.data
                               else self._resolutions_before(m.start, m.data["plural"], m.data.get("body")))
                if m.data["plural"] and resolved[i]:
                    self._referred.setdefault(self._paragraph, resolved[i])
            elif m.kind == "sc-number":
                resolved[i] = self._sc_cited_before(m.start, m.data["n"])
                for key in resolved[i]:  # ("la resolución 1373 …" then "la resolución antes citada": that one)
                    self._note_resolution(m.start, key, None)
            elif m.kind == "anaphor":
                if "owner_key" in m.data:  # "son Statut" in INTERPOL's own text: its Constitution
                    keys = [m.data["owner_key"]]
                elif m.data.get("group"):  # "both Conventions", "les trois conventions", "both Covenants"
                    keys = (m.data["group"] > 2 and self._named_as_many(m.start, local, m.data["noun"], m.data["group"])) \
                        or self._recent(m.start, local, m.data["group"], m.data["noun"])
                elif m.data.get("plural"):  # "dichos Protocolos", "these Conventions"
                    keys = self._named_together(m.start, local, m.data["noun"])
                elif m.data.get("ordinal"):  # "the first of those Conventions"
                    keys = self._named_together(m.start, local, m.data["noun"])[m.data["ordinal"] - 1:m.data["ordinal"]]
                elif m.data.get("order"):  # "the former" / "the latter" of the last two treaties
                    pair = [] if self._resolution_last(m.start, local) else self._recent(m.start, local, 2)
                    keys = pair[:1] if m.data["order"] == "latter" else pair[1:2]
                elif m.data.get("year"):  # "the 1951 Convention"
                    keys = [self._dated(m, local)]
                elif m.data.get("qualifier"):  # "the above-mentioned Geneva Convention"
                    keys = [self._qualified(m, local)]
                elif m.data["noun"] in self.defined and not local.latest([("noun", m.data["noun"])], m.start):
                    # (an instrument of that noun named before it in the paragraph stays its antecedent:
                    # "States parties to the SUA Convention … under that Convention")
                    keys = [self.defined[m.data["noun"]]]
                else:
                    keys = self._antecedent(m.data["noun"], m.start, local)
                resolved[i] = keys
                if len(keys) == 1 and not m.data.get("order") and not m.data.get("ordinal"):
                    # "la Convention" keeps the chain going; "the former" or "both" must not
                    # change which treaty counts as the latest named
                    local.append(_Named(m.start, keys[0], self._kind(keys[0])))
        return resolved

    def _targets(self, mentions: list[Mention], resolved: dict[int, list[str]], local: _Timeline,
                 folded: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, key, date) of every target: articles with their owners, then the rest; a
        treaty named as the owner of an article is not cited bare unless the paragraph speaks of
        the treaty as a whole."""
        found: list[tuple[int, int, str, str | None]] = []
        attached: set[int] = set()
        article_treaties: set[str] = set()
        window = None  # built for the first article (most paragraphs name none)
        for m in mentions:
            if m.kind != "article":
                continue
            window = window or _Window(mentions)
            if m.data.get("respectively") and (owners := _respective(m, local)):
                article_treaties.update(owners)
                found += [(a, b, f"{owner}/{m.data['part']}_{n}", None)
                          for n, (a, b), owner in zip(m.data["numbers"], m.data["number_spans"], owners)]
                continue
            owner = self._article_owner(m, mentions, window, resolved, local, attached, folded)
            for owner in owner if isinstance(owner, list) else (owner,):
                if owner is None or owner.startswith(UNKNOWN):
                    continue
                if P.RESOLUTION_KEY.match(owner) or (m.data["part"] == "chap" and owner != P.CHARTER_KEY):
                    # An article of a declaration known by its resolution's key ("article 12 of the Universal
                    # Declaration of Human Rights") is a part of that resolution, which it cites, as
                    # "paragraph 5 of resolution 77/20" cites the resolution (corpus README); so is a chapter
                    # of a treaty other than the Charter ("cuyo capítulo V"): only the Charter's have keys.
                    found.append((m.start, m.data["first_end"], owner, None))
                    continue
                article_treaties.add(owner)
                part = m.data["part"]
                for n, (a, b) in zip(m.data["numbers"], m.data["number_spans"]):
                    s, e = (m.start, b) if b <= m.data["first_end"] else (a, b)
                    found.append((s, e, f"{owner}/{part}_{n}", None))
                    self.article_owners[(part, n)] = owner
        for i, m in enumerate(mentions):
            if m.kind == "undoc" and m.key and (bare := P.SC_SYMBOL_NO_YEAR.fullmatch(m.key)):
                # "S/RES/2178" with no year (or a year misprinted past reading, "S/RES/1368 (2201)")
                found += [(m.start, m.end, key, m.data.get("date")) for key in self._sc_cited_before(m.start, int(bare.group(1)))]
            elif m.kind in ("symbol", "number", "undoc") and m.key:
                found.append((m.start, m.end, m.key, m.data.get("date")))
            elif m.kind == "named" and i not in attached and not m.data.get("in_title"):
                found.append((m.start, m.end, m.key, None))
            elif m.kind in ("res-anaphor", "sc-number", "res-by-date"):
                found += [(m.start, m.end, key, None) for key in resolved.get(i, [])]
            elif m.kind == "anaphor" and i not in attached:
                for key in resolved.get(i, []):
                    if key.startswith(UNKNOWN):
                        continue
                    # (the Charter named again, not as an Article's owner, is the Charter as a whole)
                    # ("son Statut" names INTERPOL's Constitution as a name does: cited beside its articles)
                    if key in article_treaties and key != P.CHARTER_KEY and "owner_key" not in m.data \
                            and not self._whole_treaty(folded, m) \
                            and not (i and self._coordinated_whole(folded, mentions[i - 1], m)):
                        continue
                    found.append((m.start, m.end, key, None))
        return found

    def _article_owner(self, m: Mention, mentions: list[Mention], window: _Window, resolved: dict[int, list[str]],
                       local: _Timeline, attached: set[int], folded: str) -> str | list[str] | None:
        if "owner_key" in m.data:
            return m.data["owner_key"]
        if m.data.get("own_constitution") and self.own_body == "interpol-ga":
            return P.INTERPOL_CONSTITUTION_KEY  # "RAPPELANT l'article 2 de son Statut" in INTERPOL's own text
        if m.data.get("owner") == "same" and (same := self.article_owners.get((m.data["part"], m.data["numbers"][0]))):
            return same  # "ledit article 3": the article 3 cited before
        at = m.data.get("owner_at")
        if at is not None:
            for j in window.indices(m.end, at):
                other = mentions[j]
                # the owner's mention may start at its determiner ("de [la Convention]")
                if (m.end <= other.start <= at or other.start <= at < other.end) \
                        and other.kind in ("named", "anaphor", "unknown"):
                    if not resolved.get(j):
                        return None  # "Article 3 of the Constitution" in a UN text: none we know
                    attached.add(j)
                    # "los artículos 12 y 13 de dichos Protocolos", "article 5 of both Conventions": each one's
                    return resolved[j] if other.kind == "anaphor" and len(resolved[j]) > 1 else resolved[j][0]
            if P.UNKNOWN_OWNER.match(folded, at) or m.data.get("unknown_owner"):
                # "Article 65 of the Statute of the Court", "artículo 91 de la Carta de la Organización"
                # (another organisation's charter): an instrument we do not know
                return None
        if m.data.get("owner") == "previous":
            before = _latest((self.history, local), NEAR_OWNERS, m.start)
            # "la première fait obligation, en son article 5, …": the one "the former" / "the latter" picks
            # out after it, in the same sentence, is the clause's subject
            for j in window.indices(before.pos if before else 0, m.start):
                other = mentions[j]
                if other.kind == "anaphor" and other.data.get("order") and other.end <= m.start \
                        and len(resolved.get(j, ())) == 1 and not P.SENTENCE_BREAK.search(folded, other.end, m.start):
                    return resolved[j][0]
            return before.key if before else None
        # The treaty under discussion: the latest named in this paragraph before the article, else
        # the first named after it in this paragraph, else the latest named in the document. A
        # Chapter named alone in a United Nations text ("acting under Chapter VII") is the Charter's.
        found = local.latest(NEAR_OWNERS, m.start) or local.earliest(NEAR_OWNERS)
        if found:
            return found.key
        if m.data["part"] == "chap" and self.own_body in UN_BODIES:
            return P.CHARTER_KEY
        found = self.history.latest(OWNERS, float("inf"))
        return found.key if found else None

    @classmethod
    def _coordinated_whole(cls, folded: str, before: Mention, m: Mention) -> bool:
        """Is the anaphor `m` the second of a coordination whose first instrument is spoken of as a
        whole ("ratificar la Convención de Palermo y los dos Protocolos mencionados")?"""
        return before.kind in ("named", "anaphor") and bool(P.COORDINATED.fullmatch(folded, before.end, m.start)) \
            and cls._whole_treaty(folded, before)

    @staticmethod
    def _whole_treaty(folded: str, m: Mention) -> bool:
        """Is an anaphor about the treaty as a whole (parties, ratification…) rather than its articles?"""
        window = folded[max(0, m.start - 45):m.end + 60]
        return bool(P.WHOLE_TREATY_CUE.search(window))
