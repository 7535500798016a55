"""One rule for an instrument's title, used by the explorer, ``stats``, the DataFrames and query results.

1. the registry's title in the reader's language (``lang``, English by default);
2. else the title in another language (English, French, Spanish, then any), and the language is kept;
3. else the words the citing text uses for it, in quotation marks and marked ``(as cited)``;
4. else no title at all: the key is never repeated as a title (the page then shows only the key).

A shape of the graph gives every instrument a ``dcterms:title``, the key itself when nothing better
is known: such a placeholder is no title. Citing words that only repeat the symbol ("résolution
GA-2008-RES-07", "71/19 du 21 novembre 2016") are no title either.

>>> pick_title({"fr": "Vienne", "en": "Vienna Declaration"}, "x", "fr")
('Vienne', 'registry')
>>> pick_title({"": "A/RES/73/11"}, "A/RES/73/11", "en", ["résolution 73/11 du 26 novembre 2018"])
(None, None)
>>> pick_title({}, "agreement:un-interpol-1997", "en",
...            ["l'Accord de coopération signé en 1997 entre les Nations Unies et INTERPOL"])
("“l'Accord de coopération signé en 1997 entre les Nations Unies et INTERPOL” (as cited)", 'cited')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

LANGS = ("en", "fr", "es")
CITED_MARK = " (as cited)"

# Words that say what kind of text is cited or when, not what it is about.
_GENERIC = {
    "resolution", "résolution", "resolución", "resolutions", "résolutions", "resoluciones", "decision",
    "décision", "decisión", "the", "its", "and", "des", "les", "del", "los", "las", "une", "dated",
    "adopted", "adoptée", "adopté", "aprobada", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "janvier", "février", "mars",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero",
    "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre", "article", "artículo", "articles", "artículos", "paragraph", "paragraphe",
    "párrafo", "session", "période", "período", "sessions",
    # words that point back to a text named before ("the above-mentioned resolutions"), not a name
    "above", "mentioned", "above-mentioned", "aforementioned", "said", "that", "those", "these",
    "this", "present", "previous", "earlier", "relevant", "subsequent", "ladite", "lesdites",
    "susmentionnée", "susmentionnées", "précitée", "précitées", "cette", "ces", "présente",
    "dicha", "dichas", "mencionada", "mencionadas", "citada", "citadas", "esta", "estas", "presente",
    "pertinentes", "relevantes", "ultérieures", "subsiguientes",
}


def is_placeholder(title: str | None, key: str) -> bool:
    """A title that is only the key (or nothing) is no title."""
    return not title or not title.strip() or title.strip() == key


def names_something(words: str, key: str) -> bool:
    """Whether citing words say more than the symbol, a date and the kind of text: at least two
    words of four letters or more that are neither generic nor part of the key.

    >>> names_something("résolution GA-2012-81-RES-08", "GA-2012-81-RES-08")
    False
    >>> names_something("Déclaration de Vienne", "interpol:vienna-declaration-2023")
    True
    >>> names_something("the above-mentioned resolutions", "S/RES/186(1964)")
    False
    """
    rest = words.replace(key, " ")
    found = [w for w in re.findall(r"[^\W\d_]{4,}", rest) if w.lower() not in _GENERIC]
    return len(found) >= 2


def pick_title(titles: Mapping[str, str], key: str, lang: str = "en",
               cited_as: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """``(title, source)`` by the rule above; ``source`` is ``registry``, ``registry:LANG`` (another
    language than the reader's), ``cited`` or None (no title)."""
    usable = {(k or ""): v.strip() for k, v in titles.items() if not is_placeholder(v, key)}
    if lang in usable:
        return usable[lang], "registry"
    for other in (*LANGS, *sorted(usable)):
        if other in usable:
            return usable[other], f"registry:{other}" if other else "registry"
    words = sorted({" ".join(w.split()) for w in cited_as if w and names_something(w, key)},
                   key=lambda w: (-len(w), w))
    if words:
        return f"“{words[0]}”{CITED_MARK}", "cited"
    return None, None


ARTICLE = re.compile(r"^(.+)/art_[^/]+$")


def article_languages(titles_by_key: Mapping[str, Mapping[str, str]], lang: str = "en") -> dict[str, str]:
    """The one language the articles of each treaty are titled in: the reader's when every titled
    article has it, else the language most of them have (ties: English, French, Spanish). Keyed by
    article key; articles without a title in that language fall back on the rule.

    >>> article_languages({"t/art_37": {"en": "Extradition", "fr": "Extradition"},
    ...                    "t/art_40": {"fr": "Principes"}, "t/art_41": {"en": "24/7 network"},
    ...                    "t/art_47": {"fr": "Coopération"}})["t/art_41"]
    'fr'
    """
    by_treaty: dict[str, list[str]] = {}
    for key in titles_by_key:
        m = ARTICLE.match(key)
        if m:
            by_treaty.setdefault(m.group(1), []).append(key)
    out = {}
    for arts in by_treaty.values():
        titled = [titles_by_key[k] for k in arts if titles_by_key[k]]
        counts = {x: sum(x in t for t in titled) for x in (lang, *LANGS)}
        best = lang if titled and counts[lang] == len(titled) else max(
            (lang, *LANGS), key=lambda x: (counts[x], x == lang, -LANGS.index(x) if x in LANGS else 0))
        out.update({k: best for k in arts})
    return out


def label(key: str, title: str | None) -> str:
    """The key, then the title when there is one: how lists name an instrument."""
    return f"{key} — {title}" if title else key


_TITLE_FACTS = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT ?key ?t (LANG(?t) AS ?lang) ?q WHERE {
  VALUES ?key { %s }
  ?s dcterms:identifier ?key .
  { ?s dcterms:title ?t } UNION { ?c cito:hasCitedEntity ?s ; rg:quote ?q }
}"""


def titles_in(graph, keys: Iterable[str], lang: str = "en") -> dict[str, str | None]:
    """The rule's title of each key, read from an RDF graph (registry titles and citing words), for
    query results: the one look-up that ``api.query_df`` and ``resograph query``'s table share."""
    from rdflib import Literal

    keys = sorted(set(keys))
    if not keys:
        return {}
    titles: dict[str, dict] = {k: {} for k in keys}
    quotes: dict[str, list] = {k: [] for k in keys}
    values = " ".join(Literal(k).n3() for k in keys)  # escaped literals: a key never becomes SPARQL
    for key, title, language, quote in graph.query(_TITLE_FACTS % values):
        if title is not None:
            titles[str(key)].setdefault(str(language or ""), str(title))
        if quote is not None:
            quotes[str(key)].append(str(quote))
    langs = article_languages({k: titles[k] for k in keys if ARTICLE.match(k)}, lang)
    return {k: pick_title(titles[k], k, langs.get(k, lang), quotes[k])[0] for k in keys}
