"""Dump files that follow changes (issue 17): large graphs are written as per-document chunks, so a
rebuild copies the chunks of unchanged documents from the previous file instead of serialising
the whole graph again.

Layout of `resograph.nt`, `.ttl` and `.jsonld` above :data:`resograph.graph.outputs.FAST_SERIALISATION`
triples (smaller graphs keep the whole-graph writers of :mod:`resograph.graph.outputs`):

1. a header (Turtle: the prefixes; JSON-LD: the opening bracket of the node array);
2. the corpus chunk: the lines no single document owns — ontology and registry, the placeholder
   lines of cited keys outside the corpus, the registry's fallback titles, the corpus-wide facts
   (:data:`resograph.graph.facts.WRITTEN`) — sorted;
3. one chunk per document, in order of document symbol: the document's own lines
   (:attr:`resograph.graph.incremental.DocPart.lines`, sorted), each chunk serialised alone (no
   blank node occurs in a document's lines, so chunks need no shared labels);
4. a footer (JSON-LD: the closing bracket).

A triple that several contributors give (a cited instrument's key and kinds, given by each text
that cites it) is written once per contributor: every file parses to exactly the store's triples,
as a set. The layout is a function of the graph's parts alone, so a rebuild writes the same bytes
as a cold build. Where each document's chunk sits in each file is kept in the manifest
(:class:`DumpIndex`, with the file's size, mtime and inode): a rebuild copies the chunks of
unchanged documents with the kernel's `copy_file_range` from the published file (no pass through
Python), serialises only the changed documents and the corpus chunk, and replaces the file
atomically. A file that is not the one the manifest describes is written again from the cached parts.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from resograph.graph import facts
from resograph.graph.incremental import DocPart, Manifest, RegistryPart
from resograph.graph.outputs import FORMATS, write_temp
from resograph.graph.rdf import PREFIXES, conditional_lines
from resograph.graph.store import fsync_dir


@dataclass
class DumpIndex:
    """Where each document's chunk is in one published dump file, and which file that was."""

    signature: tuple[int, int, int]                              # (size, mtime_ns, inode)
    chunks: dict[str, tuple[int, int]] = field(default_factory=dict)  # doc entry -> (offset, length)


def signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


# -- chunks -----------------------------------------------------------------------------------------

def _ox():
    import pyoxigraph as ox

    return ox


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def _split_prefixes(text: bytes) -> tuple[bytes, bytes]:
    """Turtle -> (its leading `@prefix` lines, the rest)."""
    i = 0
    while text.startswith(b"@prefix ", i):
        i = text.index(b"\n", i) + 1
    return text[:i], text[i:]


def header(fmt: str) -> bytes:
    """What opens the file: Turtle's prefix lines (as pyoxigraph writes them before any triple)."""
    if fmt == "ttl":
        ox = _ox()
        one = ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
        return _split_prefixes(ox.serialize([one], format=ox.RdfFormat.TURTLE,
                                            prefixes=_prefixes()))[0]
    return b"[" if fmt == "jsonld" else b""


def footer(fmt: str) -> bytes:
    return b"\n]\n" if fmt == "jsonld" else b""


def chunk(fmt: str, lines: list[bytes], head: bytes = b"") -> bytes:
    """`lines` (sorted N-Triples lines) as one chunk of the file `fmt`: N-Triples as they are;
    Turtle by pyoxigraph, without the prefix lines (`head`, written once at the top); JSON-LD by
    pyoxigraph, its node objects without the array's brackets, after a comma (the corpus chunk,
    always first and never empty, is the one without: see :func:`corpus_chunk`)."""
    if not lines:
        return b""
    nt = b"\n".join(lines) + b"\n"
    if fmt == "nt":
        return nt
    ox = _ox()
    triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "ttl":
        prefixes, body = _split_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                                                      prefixes=_prefixes()))
        if prefixes != head:
            raise ValueError("pyoxigraph's Turtle does not start with the prefix lines")
        return body
    text = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).strip()
    if not (text.startswith(b"[") and text.endswith(b"]")):
        raise ValueError("pyoxigraph's JSON-LD is not one array of node objects")
    inner = text[1:-1]
    return b",\n" + inner if inner else b""


def corpus_chunk(fmt: str, lines: list[bytes], head: bytes) -> bytes:
    data = chunk(fmt, lines, head)
    return b"\n" + data[2:] if fmt == "jsonld" else data


# -- the corpus chunk's lines -------------------------------------------------------------------------

def corpus_lines(reg_lines: list[bytes], m: Manifest, fact_lines: list[bytes],
                 corpus: frozenset[str],
                 cond: Callable[[str], list[bytes]] = conditional_lines) -> list[bytes]:
    """The lines of the corpus chunk, from the registry part's lines, the manifest's counts
    (conditional keys and fallback titles that apply now), the corpus-wide fact lines and the
    documents' symbols. `cond`: a key's conditional lines (:class:`CondLines` keeps them)."""
    lines = set(reg_lines)
    lines.update(fact_lines)
    for key, n in m.cond.items():
        if n > 0 and key not in corpus:
            lines.update(cond(key))
    lines.update(line for s, line in m.fallback.items() if m.titled.get(s, 0) == 0)
    return sorted(lines)


def changed_corpus_lines(old: list[bytes], removed: list[bytes], added: list[bytes],
                         reg_lines: list[bytes], m: Manifest, was: tuple, now: tuple,
                         cond: Callable[[str], list[bytes]]) -> list[bytes]:
    """The corpus chunk's lines after a rebuild: `old` (sorted, the published chunk's) without the
    fact lines the refresh `removed` and the conditional and fallback lines that no longer apply
    (`was` -> `now`: :func:`applicable`), with those it `added` and those that apply now; the same
    lines as :func:`corpus_lines` makes, in one merge (no set of every line sorted again)."""
    gone, came = set(removed), set(added)
    if was != now:
        (keys_was, titled_was), (keys_now, titled_now) = was, now
        kept = set(reg_lines)
        kept.update(line for key in keys_now for line in cond(key))
        kept.update(m.fallback[s] for s in titled_now)
        gone.update(line for key in keys_was - keys_now for line in cond(key) if line not in kept)
        gone.update(m.fallback[s] for s in titled_was - titled_now if m.fallback[s] not in kept)
        came.update(line for key in keys_now - keys_was for line in cond(key))
        came.update(m.fallback[s] for s in titled_now - titled_was)
    present = set(old)
    new = sorted(line for line in came if line not in present or line in gone)
    return list(heapq.merge((line for line in old if line not in gone), new))


def applicable(m: Manifest, corpus: frozenset[str]) -> tuple[frozenset[str], frozenset[bytes]]:
    """The cited keys outside the corpus whose placeholder lines and the registry subjects whose
    fallback titles the corpus chunk holds (as :func:`corpus_lines` chooses them)."""
    return (frozenset(key for key, n in m.cond.items() if n > 0 and key not in corpus),
            frozenset(s for s in m.fallback if m.titled.get(s, 0) == 0))


def published_corpus_lines(out: Path, index: "DumpIndex | None") -> list[bytes] | None:
    """The corpus chunk's lines of the published N-Triples file, if `index` describes it (None
    otherwise): the bytes before its first document's chunk."""
    path = out / FORMATS["nt"]
    if index is None or not index.chunks or signature(path) != index.signature:
        return None
    end = min(offset for offset, _ in index.chunks.values())
    with open(path, "rb") as fh:
        data = fh.read(end)
    if len(data) != end or (data and not data.endswith(b"\n")):
        return None
    return data.split(b"\n")[:-1] if data else []


def fact_lines_of(lines: list[bytes]) -> list[bytes]:
    """The corpus-wide fact lines among a whole graph's N-Triples lines."""
    written = set(facts.WRITTEN)
    return [line for line in lines if line.split(b" ", 2)[1] in written]


def fact_lines_in_store(store_dir: Path) -> list[bytes]:
    """The corpus-wide fact lines of a published store (read-only), as N-Triples lines (written by
    pyoxigraph: the same bytes as the facts' own lines, tested against a cold build)."""
    ox = _ox()
    store = ox.Store.read_only(str(store_dir))
    out: list[bytes] = []
    for p in facts.WRITTEN:
        quads = store.quads_for_pattern(None, ox.NamedNode(p[1:-1].decode("utf-8")), None,
                                        ox.DefaultGraph())
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)  # default graph: N-Triples lines
        out += text.rstrip(b"\n").split(b"\n") if text else []
    return out


def registry_lines(cache, regdigest: str, make: Callable[[], RegistryPart]) -> list[bytes]:
    """The registry part's lines, kept in the cache (canonicalising the registry takes ~0.3 s)."""
    key = f"registry-{regdigest}" if regdigest != "files" else "registry"
    lines = cache.get(DUMP_KIND, key) if cache is not None else None
    if not isinstance(lines, list):
        lines = make().lines
        if cache is not None:
            cache.put(DUMP_KIND, key, lines)
    return lines


DUMP_KIND = "dump"


class CondLines:
    """Each key's conditional lines (resograph.graph.rdf.conditional_lines, a function of the key
    alone), kept in the cache: making them for the ~8,000 cited keys outside the corpus took 0.3-0.6 s
    of a rebuild whose edit changed which keys apply."""

    KEY = "conditional-lines"

    def __init__(self, cache) -> None:
        self.cache = cache
        kept = cache.get(DUMP_KIND, self.KEY) if cache is not None else None
        self.lines: dict[str, list[bytes]] = kept if isinstance(kept, dict) else {}
        self.grown = False

    def __call__(self, key: str) -> list[bytes]:
        lines = self.lines.get(key)
        if lines is None:
            lines = self.lines[key] = conditional_lines(key)
            self.grown = True
        return lines

    def save(self) -> None:
        if self.grown and self.cache is not None:
            self.cache.put(DUMP_KIND, self.KEY, self.lines)
            self.grown = False


# -- writing ------------------------------------------------------------------------------------------

@dataclass
class Doc:
    """One document of the dump: its chunk's key (its cached part's entry) and, when at hand, its part."""

    symbol: str
    entry: str
    part: DocPart | None = None


def _copy(src: int, dst: int, offset: int, length: int) -> None:
    """`length` bytes of `src` from `offset` appended to `dst`, in the kernel where it can."""
    while length > 0:
        try:
            n = os.copy_file_range(src, dst, length, offset)
        except OSError:
            n = 0
        if n <= 0:  # not supported here (or nothing copied): through user space
            data = os.pread(src, min(length, 1 << 24), offset)
            if not data:
                raise OSError(f"dump file shorter than its index ({offset} + {length})")
            n = os.write(dst, data)
        offset += n
        length -= n


def _runs(docs: list[Doc], old: DumpIndex | None) -> Iterator[tuple[Doc, tuple[int, int] | None]]:
    for doc in docs:
        yield doc, (old.chunks.get(doc.entry) if old is not None else None)


def write_file(out: Path, fmt: str, corpus: list[bytes], docs: list[Doc], old: DumpIndex | None,
               load: Callable[[Doc], DocPart]) -> tuple[Path, DumpIndex]:
    """The dump file `fmt` as a temporary file beside the published one (see the module
    docstring): chunks of `old` (the published file's index, None: none usable) copied, the
    others serialised from the document's part (`load` gives it when `doc.part` is None)."""
    published = out / FORMATS[fmt]
    src = os.open(published, os.O_RDONLY) if old is not None else -1
    index = DumpIndex((0, 0, 0))
    head = header(fmt)
    tmp = write_temp(out, FORMATS[fmt], b"", sync=False)
    try:
        with open(tmp, "r+b", buffering=0) as fh:
            dst = fh.fileno()
            os.lseek(dst, 0, os.SEEK_END)
            pos = os.write(dst, head + corpus_chunk(fmt, corpus, head))
            pending: list[int] = []  # a run of chunks to copy: [old offset, length]
            for doc, where in _runs(docs, old):
                if where is not None and pending and pending[0] + pending[1] == where[0]:
                    pending[1] += where[1]
                elif where is not None:
                    if pending:
                        _copy(src, dst, *pending)
                    pending = [where[0], where[1]]
                else:
                    if pending:
                        _copy(src, dst, *pending)
                        pending = []
                    data = chunk(fmt, (doc.part or load(doc)).lines, head)
                    os.write(dst, data)
                index.chunks[doc.entry] = (pos, where[1] if where is not None else len(data))
                pos += index.chunks[doc.entry][1]
            if pending:
                _copy(src, dst, *pending)
            os.write(dst, footer(fmt))
            os.fsync(dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if src >= 0:
            os.close(src)
    return tmp, index


def write_dumps(out: Path, fmts: list[str], corpus: list[bytes], docs: list[Doc],
                old: dict[str, DumpIndex], load: Callable[[Doc], DocPart]) -> dict[str, DumpIndex]:
    """Every file of `fmts` written (temporary files first, then each replaces the published one);
    returns the new indexes (with the published files' signatures). `old`: the previous indexes,
    used only for a file whose signature still matches."""
    docs = sorted(docs, key=lambda d: d.symbol)
    temps: dict[str, tuple[Path, DumpIndex]] = {}
    try:
        for fmt in fmts:
            prev = old.get(fmt)
            if prev is not None and signature(out / FORMATS[fmt]) != prev.signature:
                prev = None
            try:
                temps[fmt] = write_file(out, fmt, corpus, docs, prev, load)
            except OSError:
                if prev is None:
                    raise
                temps[fmt] = write_file(out, fmt, corpus, docs, None, load)  # the old one failed us
    except BaseException:
        for tmp, _ in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    for fmt, (tmp, index) in temps.items():
        os.replace(tmp, out / FORMATS[fmt])
        index.signature = signature(out / FORMATS[fmt]) or (0, 0, 0)
    fsync_dir(out)
    return {fmt: index for fmt, (_, index) in temps.items()}


__all__ = ["DumpIndex", "Doc", "corpus_lines", "fact_lines_of", "fact_lines_in_store",
           "registry_lines", "write_dumps", "header", "footer", "chunk"]
