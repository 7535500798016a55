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
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from resograph.core.namespaces import RG

DIR = "text-index"
TEXT_IRI = str(RG.text)
TEXT_NT = f"<{TEXT_IRI}>".encode()
SCHEMA_VERSION = "1"
FTS_MIN = 3  # the trigram tokenizer matches substrings of at least three characters

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paragraph(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, folded TEXT NOT NULL,
                       sure INTEGER NOT NULL);
CREATE INDEX paragraph_iri ON paragraph(iri);
CREATE INDEX paragraph_unsure ON paragraph(id) WHERE sure = 0;
CREATE VIRTUAL TABLE paragraph_text USING fts5(folded, content='paragraph', content_rowid='id',
                                               tokenize='trigram case_sensitive 1');
"""


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


def _insert(db: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    for iri, text in rows:
        folded, sure = fold(text)
        cur = db.execute("INSERT INTO paragraph(iri, folded, sure) VALUES (?, ?, ?)",
                         (iri, folded, int(sure)))
        db.execute("INSERT INTO paragraph_text(rowid, folded) VALUES (?, ?)", (cur.lastrowid, folded))


def _insert_all(db: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    """A whole index: the rows first, then the FTS index built once over them (4x faster than
    row by row at 10,000 documents)."""
    db.executemany("INSERT INTO paragraph(iri, folded, sure) VALUES (?, ?, ?)",
                   ((iri, *fold(text)) for iri, text in rows))
    db.execute("INSERT INTO paragraph_text(paragraph_text) VALUES ('rebuild')")


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


def write(generation: str | os.PathLike, rows: Iterable[tuple[str, str]]) -> Path | None:
    """A new index for `generation` from its (paragraph IRI, text) pairs; None if SQLite cannot."""
    gen = Path(generation)
    if not supported():
        return None
    temp = _temp(gen)
    try:
        temp.unlink()
        db = _connect(temp)
        db.executescript(_SCHEMA)
        _insert_all(db, rows)
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


def usable(index: Path, generation: str) -> bool:
    """Whether `index` is a complete index of the generation named `generation`."""
    try:
        with _open(index) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except (sqlite3.Error, OSError):
        return False
    return meta.get("generation") == generation and meta.get("version") == SCHEMA_VERSION


def update(previous: str | os.PathLike | None, generation: str | os.PathLike,
           deletes: list[tuple[str, str]], inserts: list[tuple[str, str]]) -> Path | None:
    """The index of `generation` = the previous generation's index with the delta applied; None
    when there is no usable previous index (the caller then indexes the generation whole)."""
    gen = Path(generation)
    prev = index_path(previous) if previous is not None else None
    if prev is None or not prev.is_file() or not usable(prev, Path(previous).name) or not supported():
        return None
    temp = _temp(gen)
    try:
        shutil.copyfile(prev, temp)
        db = _connect(temp)
        _delete(db, deletes)
        _insert(db, inserts)
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


_UNSURE = "UNION ALL SELECT iri FROM paragraph WHERE sure = 0"  # served by paragraph_unsure


def candidates(index: str | os.PathLike, generation: str, term: str) -> list[str] | None:
    """The IRIs of the paragraphs whose text may contain `term` (case-insensitively, as SPARQL's
    `CONTAINS(LCASE(…))`): every paragraph that does is among them. None when the index cannot
    say (no usable index for this generation, an empty term, a term of unknown case)."""
    folded, sure = fold(term)
    path = Path(index)
    if not folded or not sure or not path.is_file() or not usable(path, generation):
        return None
    try:
        with _open(path) as db:
            if len(folded) >= FTS_MIN:
                phrase = '"' + folded.replace('"', '""') + '"'
                sql = ("SELECT iri FROM paragraph WHERE id IN (SELECT rowid FROM paragraph_text "
                       "WHERE paragraph_text MATCH ?) " + _UNSURE)
                rows = db.execute(sql, (phrase,)).fetchall()
            else:
                rows = db.execute("SELECT iri FROM paragraph WHERE instr(folded, ?) > 0 " + _UNSURE,
                                  (folded,)).fetchall()
    except sqlite3.Error:
        return None
    return list(dict.fromkeys(iri for (iri,) in rows))


__all__ = ["DIR", "fold", "index_path", "supported", "write", "texts_of", "text_lines", "usable",
           "update", "prune", "candidates"]
