"""The extractor's vocabularies, read from the ontology and registry Turtle (one source of truth).

- clause phrases (RAPPELANT, Recalling, Recordando…) from `ontology/clause-functions.ttl`;
- names and aliases of instruments, anaphor nouns and mechanism names from `data/registry/*.ttl`;
- the set of keys the registry knows (a citation of anything else is reported `resolved: false`).

Loaded once per process; the compiled regular expressions are built here too so that extraction
itself does no set-up work.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from resograph.core.namespaces import DCTERMS, ELI, RDF, RG, SKOS
from resograph.core.paths import ontology_dir, registry_dir
from resograph.reading import patterns as P
from resograph.reading.clean import fold
from resograph.reading.languages import LANGUAGES


@dataclass(frozen=True)
class Phrase:
    label: str  # folded
    function: str  # concept local name
    kind: str  # preambular | operative
    lang: str


@dataclass(frozen=True)
class Name:
    key: str
    kind: str  # ontology class local name: Treaty, Constitution, Declaration, Agreement, Resolution…
    label: str  # as written in the registry
    lang: str


@dataclass
class Lexicon:
    phrases: list[Phrase]
    modifiers: dict[str, list[str]]  # lang → folded adverbs
    names: list[Name]
    kinds: dict[str, str]  # key → kind
    anaphor_nouns: dict[str, set[str]]  # key → folded nouns that refer back to it
    context: dict[str, re.Pattern[str]]  # key → pattern required after an ambiguous label
    exclude: dict[str, re.Pattern[str]]  # key → pattern that must NOT follow the label
    mechanisms: list[tuple[str, str]]  # (mechanism key, label)
    known_keys: frozenset[str]
    # INTERPOL General Assembly session → its year (the registry's sessions): "resolution No. 8
    # adopted at its 81st session" has a code only with the year (GA-2012-81-RES-08)
    interpol_session_years: dict[int, int] = field(default_factory=dict)
    # The Security Council's numbers by year (data/registry/council-years.tsv): (first, last, year) rows,
    # ascending, for a number printed without its year ("Security Council resolution 1373")
    council_years: tuple[tuple[int, int, int], ...] = ()
    phrase_re: re.Pattern[str] = field(init=False)
    name_re: re.Pattern[str] = field(init=False)
    mechanism_re: re.Pattern[str] = field(init=False)
    name_needles: tuple[str, ...] = field(init=False)  # every name_re match holds one of these
    name_openings: tuple[str, ...] = field(init=False)  # … and opens with one of these (prefilter)
    mechanism_openings: tuple[str, ...] = field(init=False)
    mechanism_needles: tuple[str, ...] = field(init=False)  # … and every mechanism_re match
    # Anaphor nouns of several words ("the General Armistice Agreement"): a determiner and the phrase,
    # None when the registry declares none; every match holds one of its needles.
    phrase_anaphor_re: re.Pattern[str] | None = field(init=False)
    phrase_anaphor_needles: tuple[str, ...] = field(init=False)
    # A pronoun and the place or year of a registry name with an instrument noun ("celle de Montréal",
    # "la de 1971", "that of Montreal"): what find._pronoun_names looks at, None when no name has one
    pronoun_re: re.Pattern[str] | None = field(init=False)
    # The words of four letters or more of the phrases, names, bodies, months and "resolution(s)": what a text whose
    # words were broken apart gets joined back to (clean._spacing_repairs)
    words: frozenset[str] = field(init=False)
    phrase_of: dict[str, Phrase] = field(init=False)
    name_of: dict[str, Name] = field(init=False)
    mechanism_of: dict[str, str] = field(init=False)
    _seen: dict[tuple[str, str], object] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen = {}
        self.phrase_of = {}
        for p in self.phrases:
            self.phrase_of.setdefault(_squash(p.label), p)
        self.phrase_re = _alternation(p.label for p in self.phrases)
        self.name_of = {}
        for n in self.names:
            self.name_of.setdefault(_squash(fold(n.label)), n)
        self.name_re = _alternation(fold(n.label) for n in self.names)
        self.mechanism_of = {_squash(fold(label)): key for key, label in self.mechanisms}
        self.mechanism_re = _alternation((fold(label) for _, label in self.mechanisms), first_letters=True)
        self.name_needles = needles({fold(n.label) for n in self.names}, P.NAME_NEEDLES)
        self.name_openings = openings(fold(n.label) for n in self.names)
        self.mechanism_openings = openings(fold(label) for _, label in self.mechanisms)
        self.mechanism_needles = needles({fold(label) for _, label in self.mechanisms}, P.MECHANISM_NEEDLES)
        phrases = sorted({n for nouns in self.anaphor_nouns.values() for n in nouns if " " in n}, key=len, reverse=True)
        self.phrase_anaphor_re = re.compile(
            rf"(?<![\w-])(?:{P.PHRASE_ANAPHOR_DETERMINERS})\s+(?P<noun>"
            + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in phrases) + r")(?![^\W\d_])") if phrases else None
        # (each phrase's longest word that is no instrument noun: "armistice", not the frequent "convention")
        self.phrase_anaphor_needles = tuple(sorted({
            max((w for w in re.split(r"[\s']+", n) if w not in P.INSTRUMENT_KINDS), key=len, default=n) for n in phrases}))

        self.pronoun_re = _pronoun_pattern(fold(n.label) for n in self.names)
        self.words = _words(self)

    def phrase(self, matched: str) -> Phrase:
        return _lookup(self.phrase_of, self._seen, ("phrase", matched))

    def name(self, matched: str) -> Name:
        return _lookup(self.name_of, self._seen, ("name", matched))

    def known_name(self, folded: str) -> Name | None:
        """The registry name spelt `folded` exactly (a label built by the finder), if there is one."""
        return self.name_of.get(_squash(folded))

    def mechanism(self, matched: str) -> str:
        return _lookup(self.mechanism_of, self._seen, ("mechanism", matched))


def _lookup(table: dict, seen: dict, key: tuple[str, str]):
    """table[_squash(matched)], remembered per matched string: the same few spellings recur in
    every document, and squashing costs two regex substitutions."""
    hit = seen.get(key)
    if hit is None:
        hit = table[_squash(key[1])]
        if len(seen) > 50_000:  # many distinct spellings (odd spacing): start afresh
            seen.clear()
        seen[key] = hit
    return hit


def _squash(folded: str) -> str:
    """Canonical form of a folded label for lookup, spaced as the name regex lets it vary:
    single spaces, none after an apostrophe or a full stop ("interpol' s" = "interpol's")."""
    return _SPACES.sub(" ", _SPACE_AFTER_MARK.sub("", folded)).strip()


_SPACES = re.compile(r"\s+")
_SPACE_AFTER_MARK = re.compile(r"(?<=['.])\s+")


def _char_pattern(prev: str, ch: str) -> str:
    if ch == " ":
        return r"\s*" if prev in ".'" else r"\s+"
    if ch == "'":
        return r"'\s*"
    return re.escape(ch)


def _trie_pattern(labels: list[str], first_guard: str = "") -> str:
    """One regex for many labels, factored by common prefixes (a trie).

    Python's engine tries alternatives one by one; with a hundred labels sharing prefixes
    ("convention des nations unies contre …") the trie is several times faster. Optional
    endings are greedy, so the longest label wins, as with longest-first alternation.
    `first_guard`: a negative look-behind class checked after each label's first character
    (`X(?<!GX)…` instead of `(?<!G)X…`), so that the pattern opens with its first characters.
    """
    trie: dict = {}
    for label in labels:
        node = trie
        for ch in re.sub(r"\s+", " ", label.strip()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict, prev: str) -> str:
        branches = [_char_pattern(prev, ch) + walk(child, ch) for ch, child in sorted(node.items()) if ch]
        if node is trie and first_guard:
            branches = [re.escape(ch) + f"(?<!{first_guard}{re.escape(ch)})" + walk(child, ch)
                        for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie, "")


_NOT_BEFORE = r"[\w/-]"  # a label does not start right after one of these


def _alternation(labels, first_letters: bool = False) -> re.Pattern[str]:
    """A label, not inside a word or a symbol. `first_letters`: open the pattern with the labels'
    first characters (same matches): when they are few, the regex engine skips every position that
    holds none of them instead of trying the pattern there (the mechanisms: 6 letters, 1.5× faster
    scan; with the names' many first letters it is slower)."""
    uniq = sorted({lab for lab in labels if lab.strip()})
    if not uniq:
        return re.compile(r"(?!x)x")
    # A footnote mark may stick to the last word ("organisée5"): digits may follow, letters not.
    if first_letters and all(lab.strip()[0].isalnum() for lab in uniq):
        return re.compile(rf"(?:{_trie_pattern(uniq, _NOT_BEFORE)})(?![^\W\d_]|/)")
    return re.compile(rf"(?<![\w/-])(?:{_trie_pattern(uniq)})(?![^\W\d_]|/)")


def needles(labels, preferred: tuple[str, ...]) -> tuple[str, ...]:
    """Substrings one of which every match of `_alternation(labels)` holds: per label the first of
    `preferred` inside one of its words (the pattern lets only the white space between words and
    after an apostrophe vary), else its longest word. A text holding none of them holds no label,
    so the finder need not scan it (a substring search is far cheaper than the regex engine)."""
    out: list[str] = []
    for label in sorted(labels):
        words = [w for w in re.split(r"[\s']+", label) if w]
        if not words:
            continue
        pick = next((k for k in preferred if any(k in w for w in words)), None) or max(words, key=len)
        if pick not in out:
            out.append(pick)
    return tuple(k for k in out if not any(o != k and o in k for o in out))


def openings(labels) -> tuple[str, ...]:
    """The words that every match of `_alternation(labels)` opens with: each label up to its first
    space or apostrophe (where the pattern lets the text vary)."""
    return tuple(sorted({re.split(r"[\s']", lab.strip(), maxsplit=1)[0] for lab in labels if lab.strip()}))


def _pronoun_pattern(labels: Iterable[str]) -> re.Pattern[str] | None:
    """P.NOUN_PRONOUN_HEAD followed by a place or year that some label puts with an instrument noun
    ("convention de montreal", "1971 convention"): what follows the pronoun must be one to name a treaty."""
    nouns = "|".join(P.INSTRUMENT_KINDS)
    after = re.compile(rf"(?:{nouns})\s+(?:de\s+|d'\s*)(\S+(?:\s+\S+){{0,{P.PLACE_WORDS - 1}}})")
    before = re.compile(rf"(\S+(?:\s+\S+){{0,{P.PLACE_WORDS - 1}}})\s+(?:{nouns})")
    places = {m.group(1) for label in labels if (m := after.fullmatch(label) or before.fullmatch(label))}
    if not places:
        return None
    return re.compile(P.NOUN_PRONOUN_HEAD + "(?P<place>" + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(places, key=len, reverse=True)) + r")(?![\w])")


def _words(lex: Lexicon) -> frozenset[str]:
    texts = [*(p.label for p in lex.phrases), *(fold(n.label) for n in lex.names), *P.BODY_PHRASES,
             *(w for lang in LANGUAGES for w in (*lang.months, *lang.resolution_words, *lang.decision_words))]
    return frozenset(w for t in texts for w in re.split(r"[\s,.;:()]+", t) if len(w) >= 4) | _LINK_WORDS


_LINK_WORDS = frozenset(("of", "on", "and", "du", "de", "del", "et"))  # what a list's dates and items hang on


def _clause_phrases(cf: Graph) -> list[Phrase]:
    """The opening phrases of the clause functions (their labels), and the derived plurals."""
    phrases: list[Phrase] = []
    for concept in sorted(set(cf.subjects(RDF.type, SKOS.Concept))):
        kind = str(cf.value(concept, RG.paragraphKind) or "preambular")
        if kind not in ("preambular", "operative"):
            continue  # e.g. rgcf:other: assigned by the segmenter, never matched
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for lab in cf.objects(concept, prop):
                if isinstance(lab, Literal):
                    phrases.append(Phrase(fold(str(lab)), _local(concept), kind, lab.language or ""))
    return phrases + _plurals(phrases)


# Third person singular endings whose plural adds these letters (es: "reafirma" → "reafirman", "decide" →
# "deciden"; fr, first group: "reaffirme" → "reaffirment"); the irregular ones ("prend", "reconnait") are not derived.
_PLURAL_ENDINGS = {"es": (("a", "e"), "n"), "fr": (("e",), "nt")}


def _plurals(phrases: list[Phrase]) -> list[Phrase]:
    """A declaration of heads of State speaks in the plural ("Reafirman la necesidad …", "Réaffirment …"):
    each operative verb's regular plural, derived from its singular label rather than listed beside it."""
    have = {p.label for p in phrases}
    out = []
    for p in phrases:
        ends = _PLURAL_ENDINGS.get(p.lang)
        words = p.label.split(" ")
        at = 1 if words[0] == "se" and len(words) > 1 else 0  # "se felicite" → "se felicitent"
        if p.kind == "operative" and ends and words[at].endswith(ends[0]):
            label = " ".join(words[:at] + [words[at] + ends[1]] + words[at + 1:])
            if label not in have:
                have.add(label)
                out.append(Phrase(label, p.function, p.kind, p.lang))
    return out


def _local(uri: URIRef) -> str:
    s = str(uri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ttl")) if folder.is_dir() else []


_provided: Callable[[], object] | None = None


def provide(loader: Callable[[], object] | None) -> None:
    """Have the first :func:`load_lexicon` of the default folders in this process take what
    `loader` gives, if it is a Lexicon (a copy a build kept, keyed by the files it is read from
    and this code: resograph.graph.build), instead of reading the Turtle again."""
    global _provided
    _provided = loader


@lru_cache(maxsize=4)
def load_lexicon(ontology: Path | None = None, registry: Path | None = None) -> Lexicon:
    """Clause functions and registry names (:func:`read_lexicon`, or what :func:`provide` gave for
    the default folders); cached per (ontology, registry) folders."""
    global _provided
    if ontology is None and registry is None and _provided is not None:
        loader, _provided = _provided, None
        lex = loader()
        if isinstance(lex, Lexicon):
            return lex
    return read_lexicon(ontology, registry)


def read_lexicon(ontology: Path | None = None, registry: Path | None = None) -> Lexicon:
    """Read clause functions and registry names from the Turtle files."""
    ontology = ontology or ontology_dir()
    registry = registry or registry_dir()
    cf = Graph()
    cf.parse(ontology / "clause-functions.ttl")
    phrases = _clause_phrases(cf)
    modifiers: dict[str, list[str]] = {}
    for scheme in cf.subjects(RDF.type, SKOS.ConceptScheme):
        for lab in cf.objects(scheme, RG.modifier):
            modifiers.setdefault(lab.language or "", []).append(fold(str(lab)))

    reg = Graph()
    for f in _files(registry):
        reg.parse(f)
    names: list[Name] = []
    kinds: dict[str, str] = {}
    nouns: dict[str, set[str]] = {}
    context: dict[str, re.Pattern[str]] = {}
    exclude: dict[str, re.Pattern[str]] = {}
    mechanisms: list[tuple[str, str]] = []
    known: set[str] = set()
    for node, key in reg.subject_objects(DCTERMS.identifier):
        known.add(str(key))
    for node in sorted(set(reg.subjects())):
        key_lit = reg.value(node, DCTERMS.identifier)
        types = {_local(t) for t in reg.objects(node, RDF.type)}
        labels = [lab for p in (SKOS.prefLabel, SKOS.altLabel) for lab in reg.objects(node, p)]
        if "Mechanism" in types:
            mkey = "mechanism:" + _local(node)
            mechanisms += [(mkey, str(lab)) for lab in labels]
            continue
        if key_lit is None:
            continue
        key = str(key_lit)
        kind = next((t for t in ("TreatyArticle", "Treaty", "Constitution", "Declaration", "Agreement",
                                 "Resolution", "Decision", "Report") if t in types), "Instrument")
        kinds[key] = kind
        for lab in labels:
            names.append(Name(key, kind, str(lab), getattr(lab, "language", None) or ""))
        found = {fold(str(n)) for n in reg.objects(node, RG.anaphorNoun)}
        if found:
            nouns[key] = found
        pattern = reg.value(node, RG.contextPattern)
        if pattern is not None:
            context[key] = re.compile(str(pattern), re.I)
        pattern = reg.value(node, RG.excludePattern)
        if pattern is not None:
            exclude[key] = re.compile(str(pattern), re.I)
    return Lexicon(phrases, modifiers, sorted(names, key=lambda n: (n.key, n.label)), kinds, nouns,
                   context, exclude, sorted(mechanisms), frozenset(known), _session_years(reg, "interpol-ga"),
                   _council_years(registry / COUNCIL_YEARS_FILE))


COUNCIL_YEARS_FILE = "council-years.tsv"


def _council_years(path: Path) -> tuple[tuple[int, int, int], ...]:
    """(first, last, year) of each year the table gives both numbers of; none if there is no table."""
    if not path.is_file():
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or not cells[0].isdigit():
            continue  # a comment, the header
        if cells[1].isdigit() and cells[2].isdigit():
            rows.append((int(cells[1]), int(cells[2]), int(cells[0])))
    return tuple(sorted(rows))


def council_year(lex: Lexicon, number: int) -> int | None:
    """The year the Security Council adopted its resolution `number`, when the table gives it."""
    rows = lex.council_years
    i = bisect_right(rows, (number, float("inf"))) - 1
    return rows[i][2] if i >= 0 and rows[i][0] <= number <= rows[i][1] else None


def _session_years(reg: Graph, body: str) -> dict[int, int]:
    """Session number → year for the body's sessions in the registry (from either date it gives)."""
    out: dict[int, int] = {}
    for node in reg.subjects(RDF.type, RG.Session):
        number = reg.value(node, RG.sessionNumber)
        date = reg.value(node, RG.startDate) or reg.value(node, RG.endDate)
        if number is not None and date is not None and str(reg.value(node, ELI.passed_by)).endswith(f"/body/{body}"):
            out[int(number)] = int(str(date)[:4])
    return out
