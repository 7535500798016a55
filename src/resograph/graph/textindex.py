"""A text index for paragraph search: SQLite FTS5 (trigram tokenizer) beside each store generation.

Oxigraph has no text index, so `CONTAINS(LCASE(?text), LCASE(?term))` reads every paragraph. This
index maps paragraph IRI → folded text (`rg:text`) and answers "which paragraphs may hold this
term" in milliseconds; the query still filters those with its own `CONTAINS`, so the index only
narrows candidates and never decides a row (:mod:`resograph.query.textsearch`).

- One file per store generation, `build/text-index/<generation>.sqlite`, written once (by a cold
  build just after the generation is published, so no reader waits for it; by a rebuild before)
  and never changed after; it records its generation's name, and a reader uses it only for the
  generation it opened. A missing, foreign or unreadable index means "no
  index": the query scans, as it always did (older builds, the memory store, Virtuoso).
- A cold build indexes the new generation's `rg:text` triples; a rebuild in place copies the
  previous generation's index and applies the delta's `rg:text` lines (removed and added).
- Folding: SPARQL's LCASE is Rust's `to_lowercase` in Oxigraph, Python's `str.lower` here; the two
  differ only on the choice of final sigma (ς/σ, whose context rules follow the Unicode version) and
  on letters newer than Python's Unicode database. So both sides fold ς to σ, and a text holding a
  code point unassigned in Python's database is always a candidate (`sure = 0`).
- Terms of three or more characters are FTS5 phrase queries on trigrams (substring matching, the
  term quoted as one phrase: operators and quotes in it are plain text); shorter ones scan the
  folded texts in SQLite (`instr`), still far cheaper than the SPARQL scan.
- Each paragraph also has its place in `paragraph-search`'s order (`ORDER BY ?document ?kindOrder
  ?pos`): its document's `dcterms:identifier`, 0 for a preamble eId (`pp_…`) else 1, `rg:position`,
  the least of each where a paragraph has several (the least row of a paragraph is then its first
  one). `ordered = 0` where the place is not known for sure (no document identifier or eId, a value
  that is not a plain string or an xsd:integer): such a paragraph is always a candidate and never
  counted towards a row cap (:func:`candidates`). A cold build writes the rows in that order, so
  the FTS5 matches of a term come out in it (by rowid) and a capped search reads only the first
  ones; `meta.sorted` is the last rowid of that ordered block. A rebuild re-reads the places of
  the paragraphs its delta touches (their text, eId, position or document, or their document's
  identifier) from the new store; its new rows, and the rows whose place changed (deleted and
  written again), come after the block and are sorted when read.
"""

from __future__ import annotations

import heapq
import os
import shutil
import sqlite3
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from resograph.core.namespaces import DCTERMS, ELI, RG, XSD

DIR = "text-index"
TEXT_IRI = str(RG.text)
TEXT_NT = f"<{TEXT_IRI}>".encode()
# what a paragraph's place is read from: its own eId, position and document, its document's identifier
EID_IRI, POSITION_IRI, PART_IRI = str(RG.eId), str(RG.position), str(ELI.is_part_of)
IDENTIFIER_IRI = str(DCTERMS.identifier)
PLACE_NT = tuple(f"<{iri}>".encode() for iri in (EID_IRI, POSITION_IRI, PART_IRI, IDENTIFIER_IRI))
XSD_STRING, XSD_INTEGER = str(XSD.string), str(XSD.integer)
SCHEMA_VERSION = "2"  # 2: the paragraphs' places (document, kind, position, ordered)
FTS_MIN = 3  # the trigram tokenizer matches substrings of at least three characters

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paragraph(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, folded TEXT NOT NULL,
                       sure INTEGER NOT NULL, document TEXT, kind INTEGER, position INTEGER,
                       ordered INTEGER NOT NULL DEFAULT 0);
CREATE INDEX paragraph_iri ON paragraph(iri);
CREATE INDEX paragraph_unsure ON paragraph(id) WHERE sure = 0;
CREATE VIRTUAL TABLE paragraph_text USING fts5(folded, content='paragraph', content_rowid='id',
                                               tokenize='trigram case_sensitive 1');
"""


class Place(NamedTuple):
    """Where a paragraph's first row falls in `paragraph-search`'s order; `ordered` 0: unknown."""
    document: str | None = None
    kind: int | None = None
    position: int | None = None
    ordered: int = 0


UNORDERED = Place()
_INT64 = 2 ** 63


def _plain(term: Any) -> str | None:
    """The value of a plain string literal (pyoxigraph term), else None."""
    dt = getattr(term, "datatype", None)
    return term.value if dt is not None and dt.value == XSD_STRING and not term.language else None


def _integer(term: Any) -> int | None:
    """The value of an xsd:integer literal that SQLite can hold, else None."""
    dt = getattr(term, "datatype", None)
    if dt is None or dt.value != XSD_INTEGER:
        return None
    try:
        n = int(term.value.strip())
    except ValueError:
        return None
    return n if -_INT64 <= n < _INT64 else None


def place(identifiers: list[Any], eids: list[Any], positions: list[Any]) -> Place:
    """A paragraph's place from its documents' identifiers, its eIds and its positions (pyoxigraph
    terms): the least of each (its rows are every combination of them, so the least row is the
    one of the least values); UNORDERED where one is missing or not of the expected type."""
    docs, names, numbers = ([f(t) for t in terms] for f, terms in
                            ((_plain, identifiers), (_plain, eids), (_integer, positions)))
    if not docs or not names or None in docs or None in names or None in numbers:
        return UNORDERED
    kind = min(0 if name.startswith("pp_") else 1 for name in names)
    return Place(min(docs), kind, min(numbers) if numbers else None, 1)


def places_of(store, iris: Iterable[str] | None = None) -> dict[str, Place]:
    """The places of the paragraphs `iris` of a pyoxigraph store (point look-ups: a rebuild's
    delta), or of every subject with an eId (whole-predicate scans: a cold build)."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    preds = {iri: ox.NamedNode(iri) for iri in (EID_IRI, POSITION_IRI, PART_IRI, IDENTIFIER_IRI)}
    if iris is None:
        tables: dict[str, dict[Any, list]] = {}
        for iri, pred in preds.items():
            table = tables[iri] = {}
            for q in store.quads_for_pattern(None, pred, None, default):
                table.setdefault(q.subject, []).append(q.object)

        def objects(subject, pred_iri: str) -> list:
            return tables[pred_iri].get(subject, [])

        # a paragraph without an eId has no row, and no place (UNORDERED when written)
        subjects = {s for s in tables[EID_IRI] if isinstance(s, ox.NamedNode)}
    else:
        def objects(subject, pred_iri: str) -> list:
            return [q.object for q in store.quads_for_pattern(subject, preds[pred_iri], None, default)]

        subjects = {ox.NamedNode(iri) for iri in iris}
    out = {}
    for par in subjects:
        idents = [t for doc in objects(par, PART_IRI) if not isinstance(doc, ox.Literal)
                  for t in objects(doc, IDENTIFIER_IRI)]
        out[par.value] = place(idents, objects(par, EID_IRI), objects(par, POSITION_IRI))
    return out


def fold(text: str) -> tuple[str, bool]:
    """The text as the index holds it, and whether its folding surely matches SPARQL's LCASE (no
    code point that Python's Unicode database does not know, whose case may be unknown here)."""
    folded = text.lower().replace("ς", "σ")
    if text.isascii():
        return folded, True
    return folded, not any(unicodedata.category(c) == "Cn" for c in set(text) if c > "\x7f")


def index_path(generation: str | os.PathLike) -> Path:
    """Where the index of a store generation (`build/stores/<name>`) lives."""
    gen = Path(generation)
    return gen.parent.parent / DIR / f"{gen.name}.sqlite"


def supported() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34)."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram case_sensitive 1')")
        return True
    except sqlite3.Error:
        return False


def _insert(db: sqlite3.Connection, rows: Iterable[tuple[str, str]],
            places: Mapping[str, Place]) -> None:
    for iri, text in rows:
        folded, sure = fold(text)
        cur = db.execute("INSERT INTO paragraph(iri, folded, sure, document, kind, position, ordered) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (iri, folded, int(sure), *places.get(iri, UNORDERED)))
        db.execute("INSERT INTO paragraph_text(rowid, folded) VALUES (?, ?)", (cur.lastrowid, folded))


def _insert_all(db: sqlite3.Connection, rows: Iterable[tuple[str, str]],
                places: Mapping[str, Place]) -> None:
    """A whole index: the rows first, in the query's order (:func:`_order`), then the FTS index
    built once over them (4x faster than row by row at 10,000 documents)."""
    table = sorted(((iri, *fold(text), *places.get(iri, UNORDERED)) for iri, text in rows),
                   key=lambda r: _order(r[3:]))
    db.executemany("INSERT INTO paragraph(iri, folded, sure, document, kind, position, ordered) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", table)
    db.execute("INSERT INTO paragraph_text(paragraph_text) VALUES ('rebuild')")
    db.execute("INSERT INTO meta VALUES ('sorted', ?)", (str(len(table)),))


def _replace_places(db: sqlite3.Connection, places: Mapping[str, Place]) -> None:
    """The rows of each paragraph whose place changed, written again with the new place (new
    rowids: after the ordered block, whose order stays true)."""
    for iri, new in places.items():
        rows = db.execute("SELECT id, folded, sure, document, kind, position, ordered FROM paragraph "
                          "WHERE iri = ?", (iri,)).fetchall()
        for rowid, folded, sure, *old in rows:
            if tuple(old) == tuple(new):
                continue
            db.execute("INSERT INTO paragraph_text(paragraph_text, rowid, folded) VALUES ('delete', ?, ?)",
                       (rowid, folded))
            db.execute("DELETE FROM paragraph WHERE id = ?", (rowid,))
            cur = db.execute("INSERT INTO paragraph(iri, folded, sure, document, kind, position, ordered) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", (iri, folded, sure, *new))
            db.execute("INSERT INTO paragraph_text(rowid, folded) VALUES (?, ?)", (cur.lastrowid, folded))


def _delete(db: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    for iri, text in rows:
        folded, _ = fold(text)
        found = db.execute("SELECT id FROM paragraph WHERE iri = ? AND folded = ? LIMIT 1",
                           (iri, folded)).fetchone()
        if found is None:
            continue
        db.execute("INSERT INTO paragraph_text(paragraph_text, rowid, folded) VALUES ('delete', ?, ?)",
                   (found[0], folded))
        db.execute("DELETE FROM paragraph WHERE id = ?", (found[0],))


def _finish(db: sqlite3.Connection, temp: Path, generation: Path) -> Path:
    db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?), ('version', ?)",
               (generation.name, SCHEMA_VERSION))
    db.commit()
    db.close()
    fd = os.open(temp, os.O_RDONLY)  # written without a journal: on disk before it is named
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    target = index_path(generation)
    os.replace(temp, target)
    return target


def _connect(temp: Path) -> sqlite3.Connection:
    # a temporary file, renamed into place once complete: no journal needed
    db = sqlite3.connect(temp)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    return db


def _temp(generation: Path) -> Path:
    folder = index_path(generation).parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{generation.name}-", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(name)


def write(generation: str | os.PathLike, rows: Iterable[tuple[str, str]],
          places: Mapping[str, Place] | None = None) -> Path | None:
    """A new index for `generation` from its (paragraph IRI, text) pairs and the paragraphs'
    places (:func:`places_of`; a paragraph without one is UNORDERED); None if SQLite cannot."""
    gen = Path(generation)
    if not supported():
        return None
    temp = _temp(gen)
    try:
        temp.unlink()
        db = _connect(temp)
        db.executescript(_SCHEMA)
        _insert_all(db, rows, places or {})
        return _finish(db, temp, gen)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def texts_of(store) -> Iterable[tuple[str, str]]:
    """(paragraph IRI, text) of every `rg:text` triple of a pyoxigraph store."""
    import pyoxigraph as ox

    for q in store.quads_for_pattern(None, ox.NamedNode(TEXT_IRI), None, ox.DefaultGraph()):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
            yield q.subject.value, q.object.value


def text_lines(lines: Iterable[bytes]) -> list[tuple[str, str]]:
    """(paragraph IRI, text) of the `rg:text` lines among N-Triples lines (a rebuild's delta)."""
    import pyoxigraph as ox

    picked = [line for line in lines if TEXT_NT in line]
    if not picked:
        return []
    out = []
    for t in ox.parse(b"\n".join(picked) + b"\n", format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value == TEXT_IRI and isinstance(t.subject, ox.NamedNode) \
                and isinstance(t.object, ox.Literal):
            out.append((t.subject.value, t.object.value))
    return out


def place_subjects(lines: Iterable[bytes]) -> tuple[set[str], set[str]]:
    """Among N-Triples lines (a rebuild's delta): the subjects whose eId, position or document
    changed (paragraphs, maybe), and those whose identifier changed (documents, maybe)."""
    import pyoxigraph as ox

    picked = [line for line in lines if any(nt in line for nt in PLACE_NT)]
    pars: set[str] = set()
    docs: set[str] = set()
    if not picked:
        return pars, docs
    for t in ox.parse(b"\n".join(picked) + b"\n", format=ox.RdfFormat.N_TRIPLES):
        if isinstance(t.subject, ox.NamedNode) and t.predicate.value != IDENTIFIER_IRI:
            pars.add(t.subject.value)
        elif isinstance(t.subject, ox.NamedNode):
            docs.add(t.subject.value)
    return pars, docs


def parts_of(store, documents: Iterable[str]) -> set[str]:
    """The IRIs of what is `eli:is_part_of` the `documents` in a pyoxigraph store."""
    import pyoxigraph as ox

    part = ox.NamedNode(PART_IRI)
    return {q.subject.value for doc in documents
            for q in store.quads_for_pattern(None, part, ox.NamedNode(doc), ox.DefaultGraph())
            if isinstance(q.subject, ox.NamedNode)}


def usable(index: Path, generation: str) -> bool:
    """Whether `index` is a complete index of the generation named `generation`."""
    try:
        with _open(index) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except (sqlite3.Error, OSError):
        return False
    return meta.get("generation") == generation and meta.get("version") == SCHEMA_VERSION


def update(previous: str | os.PathLike | None, generation: str | os.PathLike,
           deletes: list[tuple[str, str]], inserts: list[tuple[str, str]],
           places: Mapping[str, Place] | None = None) -> Path | None:
    """The index of `generation` = the previous generation's index with the delta applied: the
    text lines removed and added, and `places` (:func:`places_of` on the new store, at least for
    every paragraph added or whose place may have changed) written over the old ones; None when
    there is no usable previous index (the caller then indexes the generation whole)."""
    gen = Path(generation)
    prev = index_path(previous) if previous is not None else None
    if prev is None or not prev.is_file() or not usable(prev, Path(previous).name) or not supported():
        return None
    temp = _temp(gen)
    try:
        shutil.copyfile(prev, temp)
        db = _connect(temp)
        _delete(db, deletes)
        _insert(db, inserts, places or {})
        _replace_places(db, places or {})
        return _finish(db, temp, gen)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def prune(build_dir: str | os.PathLike, keep: set[str]) -> None:
    """Remove the indexes (and leftover temporaries) of generations not named in `keep`."""
    folder = Path(build_dir) / DIR
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.suffix != ".sqlite" or child.stem not in keep:
            child.unlink(missing_ok=True)


def _open(index: Path) -> sqlite3.Connection:
    # immutable: the file never changes once published, so SQLite takes no locks on it
    return sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


_UNSURE = "UNION ALL SELECT {cols} FROM paragraph WHERE sure = 0"  # served by paragraph_unsure
_MATCH = "SELECT {cols} FROM paragraph WHERE id IN (SELECT rowid FROM paragraph_text WHERE paragraph_text MATCH ?) "
_SCAN = "SELECT {cols} FROM paragraph WHERE instr(folded, ?) > 0 "
_PLACED = "p.iri, p.folded, p.sure, p.ordered, p.document, p.kind, p.position"
_PLACED_MATCH = (f"SELECT {_PLACED} FROM paragraph_text t JOIN paragraph p ON p.id = t.rowid "
                 "WHERE t.paragraph_text MATCH ? AND t.rowid {op} ? ORDER BY t.rowid")
_PLACED_SCAN = f"SELECT {_PLACED} FROM paragraph p WHERE instr(p.folded, ?) > 0 AND p.id {{op}} ? ORDER BY p.id"


def candidates(index: str | os.PathLike, generation: str, term: str,
               limit: int | None = None) -> list[str] | None:
    """The IRIs of the paragraphs whose text may contain `term` (case-insensitively, as SPARQL's
    `CONTAINS(LCASE(…))`): every paragraph that does is among them. None when the index cannot
    say (no usable index for this generation, an empty term, a term of unknown case).

    With `limit`: only as many as the first `limit` rows of `paragraph-search`'s order need. The
    candidates are read in that order (:class:`Place`: the ordered block by rowid, as FTS5 gives
    them, merged with the rows a rebuild added and the unsure ones, sorted here); a paragraph
    *counts* when its place is known and its folded text surely holds the term (a known text, and
    a term without σ: the index folds ς to σ on both sides, so `in` may find a σ that SPARQL's
    LCASE leaves a final ς). Each one that counts gives at least one row, so once `limit` count,
    every later paragraph's rows sort after them: the list stops after the last paragraph tied
    with the `limit`-th. Unordered ones are always in it. A Python check that disagreed with
    SPARQL could only let a paragraph count that gives no row (then fewer rows than `limit`): the
    texts where the two folds may differ are never counted (`sure`, σ), and
    `tests/test_textindex.py` compares the capped rows with the first rows of the plain query."""
    folded, sure = fold(term)
    path = Path(index)
    if not folded or not sure or not path.is_file() or not usable(path, generation):
        return None
    fts = len(folded) >= FTS_MIN
    arg = '"' + folded.replace('"', '""') + '"' if fts else folded
    try:
        with _open(path) as db:
            if limit is None:
                sql = (_MATCH if fts else _SCAN).format(cols="iri") + _UNSURE.format(cols="iri")
                return list(dict.fromkeys(iri for (iri,) in db.execute(sql, (arg,))))
            block = int((db.execute("SELECT value FROM meta WHERE key = 'sorted'").fetchone() or ["0"])[0])
            sql = _PLACED_MATCH if fts else _PLACED_SCAN
            head = db.execute(sql.format(op="<="), (arg, block))
            tail = sorted(db.execute(sql.format(op=">"), (arg, block)).fetchall(), key=_row_order)
            unsure = sorted(db.execute(f"SELECT {_PLACED} FROM paragraph p WHERE p.sure = 0").fetchall(),
                            key=_row_order)
            return _first(heapq.merge(head, tail, unsure, key=_row_order), folded, limit)
    except sqlite3.Error:
        return None


def _order(place: tuple) -> tuple:
    """The sort key of a place (document, kind, position, ordered): SPARQL's ORDER BY ?document
    ?kindOrder ?pos among the ordered ones (code point order of the identifiers, as Oxigraph's,
    and no position first, as an unbound ?pos), the unordered first."""
    document, kind, position, ordered = place
    return (ordered, document or "", kind or 0, position is not None, position or 0)


def _row_order(row: tuple) -> tuple:
    _, _, _, ordered, document, kind, position = row
    return _order((document, kind, position, ordered))


def _first(rows: Iterable[tuple], term: str, limit: int) -> list[str]:
    """The candidates up to the last paragraph tied with the `limit`-th that counts (see
    :func:`candidates`), from `_PLACED` rows in the query's order."""
    countable = "σ" not in term
    out: dict[str, None] = {}
    counted: set[str] = set()
    stop = None
    for iri, folded, sure, ordered, *place in rows:
        if stop is not None and place != stop:
            break
        out[iri] = None
        if ordered and sure and countable and term in folded:
            counted.add(iri)
            if stop is None and len(counted) >= limit:
                stop = place
    return list(out)


__all__ = ["DIR", "Place", "UNORDERED", "place", "places_of", "place_subjects", "parts_of", "fold",
           "index_path", "supported", "write", "texts_of", "text_lines", "usable", "update", "prune",
           "candidates"]
