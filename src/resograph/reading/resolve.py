"""Stage 4 — turn mentions into citations: anaphora, article owners, the bare-treaty rule.

Resolution walks the document in reading order and remembers which instruments were named
("the Convention" is the treaty most recently named), so a paragraph's citations can depend on the
paragraphs before it — never on anything after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from resograph.reading import patterns as P
from resograph.reading.lexicon import Lexicon
from resograph.core.models import Citation, Mention

TREATY_KINDS = ("Treaty", "Constitution", "Agreement", "Declaration")
OWNER_KINDS = ("Treaty", "Constitution", "Charter")  # what has articles and chapters
UN_BODIES = ("un-sc", "un-ga", "ecosoc")


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


class Resolver:
    """Resolves mentions paragraph by paragraph, keeping the history of named instruments."""

    def __init__(self, lex: Lexicon, own_symbol: str | None, own_body: str | None) -> None:
        self.lex = lex
        self.own_symbol = own_symbol
        self.own_body = own_body
        self.history: list[_Named] = []
        self.bound = _own_bound(own_symbol)

    def _later(self, key: str) -> bool:
        """Is `key` a Security Council resolution adopted after the citing document? None cites a
        later one, so such a reading is an error (of the text or the finder) and is dropped."""
        m = P.SC_KEY.match(key)
        if not m or self.bound is None:
            return False
        number, year = int(m.group(1)), int(m.group(2))
        last_number, last_year = self.bound
        return (last_number is not None and number >= last_number) or year > last_year

    def note(self, mentions: list[Mention]) -> None:
        """Record named instruments of a span that is not a paragraph (the title) as antecedents."""
        for m in mentions:
            if m.kind == "named" and m.key:
                self.history.append(_Named(m.start, m.key, self._kind(m.key)))

    def _kind(self, key: str) -> str:
        if key in P.KEY_KINDS:
            return P.KEY_KINDS[key]
        return self.lex.kinds.get(key, "Treaty" if key.startswith("convention:") else "Instrument")

    def _antecedent(self, noun: str, before: int, local: list[_Named]) -> list[str]:
        kinds = P.NOUN_KINDS.get(noun, ("Treaty",))
        pool = [h for h in self.history + local if h.pos < before and h.kind in kinds]
        if noun in ("convention", "convencion", "convenio"):
            same = [h for h in pool if noun in self.lex.anaphor_nouns.get(h.key, {noun})]
            pool = same or pool
        if pool:
            return [max(pool, key=lambda h: h.pos).key]
        if "Constitution" in kinds and self.own_body == "interpol-ga":
            return ["interpol:constitution"]
        if "Charter" in kinds:  # "the Charter" with none named before: the United Nations'
            return [P.CHARTER_KEY]
        return []

    def _recent(self, before: int, local: list[_Named], count: int) -> list[str]:
        """The `count` distinct treaties named most recently before `before`, latest first."""
        keys: list[str] = []
        for h in sorted(self.history + local, key=lambda h: -h.pos):
            if h.pos < before and h.kind == "Treaty" and h.key not in keys:
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
            named_before = {h.key for h in self.history}
            mentions = [m for m in mentions
                        if not (m.kind == "named" and m.data.get("weak") and m.key not in named_before)]
        local: list[_Named] = []
        resolved = self._resolve_names(mentions, local)
        found = self._targets(mentions, resolved, local, folded)
        self.history.extend(local)
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

    def _resolve_names(self, mentions: list[Mention], local: list[_Named]) -> dict[int, list[str]]:
        """Keys of the named mentions and anaphora (mention index → keys); `local` collects the
        instruments this paragraph names, in order, as antecedents of what follows."""
        resolved: dict[int, list[str]] = {}
        for i, m in enumerate(mentions):
            if m.kind == "named" and m.key:
                resolved[i] = [m.key]
                local.append(_Named(m.start, m.key, self._kind(m.key)))
            elif m.kind == "anaphor":
                if m.data.get("group"):  # "both Conventions", "les trois conventions"
                    keys = self._recent(m.start, local, m.data["group"])
                elif m.data.get("order"):  # "the former" / "the latter" of the last two treaties
                    pair = self._recent(m.start, local, 2)
                    keys = pair[:1] if m.data["order"] == "latter" else pair[1:2]
                else:
                    keys = self._antecedent(m.data["noun"], m.start, local)
                resolved[i] = keys
                if len(keys) == 1 and not m.data.get("order"):
                    # "la Convention" keeps the chain going; "the former" or "both" must not
                    # change which treaty counts as the latest named
                    local.append(_Named(m.start, keys[0], self._kind(keys[0])))
        return resolved

    def _targets(self, mentions: list[Mention], resolved: dict[int, list[str]], local: list[_Named],
                 folded: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, key, date) of every target: articles with their owners, then the rest; a
        treaty named as the owner of an article is not cited bare unless the paragraph speaks of
        the treaty as a whole."""
        found: list[tuple[int, int, str, str | None]] = []
        attached: set[int] = set()
        article_treaties: set[str] = set()
        for i, m in enumerate(mentions):
            if m.kind != "article":
                continue
            owner = self._article_owner(m, i, mentions, resolved, local, attached, folded)
            if owner is None:
                continue
            article_treaties.add(owner)
            part = m.data["part"]
            for n, (a, b) in zip(m.data["numbers"], m.data["number_spans"]):
                s, e = (m.start, m.data["first_end"]) if a < m.data["first_end"] else (a, b)
                found.append((s, e, f"{owner}/{part}_{n}", None))
        for i, m in enumerate(mentions):
            if m.kind in ("symbol", "number", "undoc") and m.key:
                found.append((m.start, m.end, m.key, m.data.get("date")))
            elif m.kind == "named" and i not in attached:
                found.append((m.start, m.end, m.key, None))
            elif m.kind == "anaphor" and i not in attached:
                for key in resolved.get(i, []):
                    # (the Charter named again, not as an Article's owner, is the Charter as a whole)
                    if key in article_treaties and key != P.CHARTER_KEY and not self._whole_treaty(folded, m):
                        continue
                    found.append((m.start, m.end, key, None))
        return found

    def _article_owner(self, m: Mention, i: int, mentions: list[Mention], resolved: dict[int, list[str]],
                       local: list[_Named], attached: set[int], folded: str) -> str | None:
        at = m.data.get("owner_at")
        if at is not None:
            for j, other in enumerate(mentions):
                # the owner's mention may start at its determiner ("de [la Convention]")
                if (m.end <= other.start <= at or other.start <= at < other.end) \
                        and other.kind in ("named", "anaphor") and resolved.get(j):
                    attached.add(j)
                    return resolved[j][0]
            if P.UNKNOWN_OWNER.match(folded, at):
                return None  # "Article 65 of the Statute of the Court": an instrument we do not know
        treaties = [h for h in self.history + local if h.kind in OWNER_KINDS]
        if m.data.get("owner") == "previous":
            before = [h for h in treaties if h.pos < m.start]
            return max(before, key=lambda h: h.pos).key if before else None
        # The treaty under discussion: the latest named in this paragraph before the article, else
        # the first named after it in this paragraph, else the latest named in the document. A
        # Chapter named alone in a United Nations text ("acting under Chapter VII") is the Charter's.
        in_par = [h for h in local if h.kind in OWNER_KINDS]
        before = [h for h in in_par if h.pos < m.start]
        if before:
            return max(before, key=lambda h: h.pos).key
        if in_par:
            return min(in_par, key=lambda h: h.pos).key
        if m.data["part"] == "chap" and self.own_body in UN_BODIES:
            return P.CHARTER_KEY
        earlier = [h for h in self.history if h.kind in OWNER_KINDS]
        return max(earlier, key=lambda h: h.pos).key if earlier else None

    @staticmethod
    def _whole_treaty(folded: str, m: Mention) -> bool:
        """Is an anaphor about the treaty as a whole (parties, ratification…) rather than its articles?"""
        window = folded[max(0, m.start - 45):m.end + 60]
        return bool(P.WHOLE_TREATY_CUE.search(window))
