"""Dump files that follow changes (issue 17): large graphs are written as per-document chunks, so a
rebuild copies the chunks of unchanged documents from the previous file instead of serialising
the whole graph again.

Layout of `resograph.nt`, `.ttl` and `.jsonld` above :data:`resograph.graph.outputs.FAST_SERIALISATION`
triples (smaller graphs keep the whole-graph writers of :mod:`resograph.graph.outputs`):

1. a header (Turtle: the prefixes; JSON-LD: the opening bracket of the node array);
2. one chunk per document, in order of document symbol: the document's own lines
   (:attr:`resograph.graph.incremental.DocPart.lines`, sorted), each chunk serialised alone (no
   blank node occurs in a document's lines, so chunks need no shared labels);
3. the corpus chunk: the lines no single document owns — ontology and registry, the placeholder
   lines of cited keys outside the corpus, the registry's fallback titles, the corpus-wide facts
   (:data:`resograph.graph.facts.WRITTEN`) — sorted; last, because it is known last (the facts
   change with the store): a rebuild writes the documents' chunks while it updates the store
   (:class:`FileWriter`), and adds this chunk when the store is done;
4. a footer (JSON-LD: the closing bracket).

A triple that several contributors give (a cited instrument's key and kinds, given by each text
that cites it) is written once per contributor: every file parses to exactly the store's triples,
as a set. The layout is a function of the graph's parts alone, so a rebuild writes the same bytes
as a cold build. Where each document's chunk and the corpus chunk sit in each file is kept in the manifest
(:class:`DumpIndex`, with the file's size, mtime and inode): a rebuild copies the chunks of
unchanged documents with the kernel's `copy_file_range` from the published file (no pass through
Python), serialises only the changed documents and the corpus chunk (in the N-Triples file the
published corpus chunk with the changed lines spliced in: :class:`Spliced`), and replaces the file
atomically. A file that is not the one the manifest describes is written again from the cached parts.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
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
    corpus: tuple[int, int] = (0, 0)                                  # the corpus chunk's (offset, length)


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
    return b"[\n" if fmt == "jsonld" else b""


def footer(fmt: str) -> bytes:
    return b"\n]\n" if fmt == "jsonld" else b""


def chunk(fmt: str, lines: list[bytes], head: bytes = b"") -> bytes:
    """`lines` (sorted N-Triples lines) as one chunk of the file `fmt`: N-Triples as they are;
    Turtle by pyoxigraph, without the prefix lines (`head`, written once at the top); JSON-LD by
    pyoxigraph, its node objects without the array's brackets, before a comma (the corpus chunk,
    always last and never empty, is the one without: see :func:`corpus_chunk`)."""
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
    return inner + b",\n" if inner else b""


def corpus_chunk(fmt: str, lines: list[bytes], head: bytes) -> bytes:
    data = chunk(fmt, lines, head)
    return data[:-2] if fmt == "jsonld" else data


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


def corpus_changes(removed: list[bytes], added: list[bytes], reg_lines: list[bytes], m: Manifest,
                   was: tuple, now: tuple,
                   cond: Callable[[str], list[bytes]]) -> tuple[set[bytes], set[bytes]]:
    """The lines a rebuild takes out of the corpus chunk and those it puts in: the fact lines the
    refresh `removed` and `added`, and the conditional and fallback lines that stopped or started to
    apply (`was` -> `now`: :func:`applicable`). The chunk after it holds the lines of the old one not
    taken out, and those put in: the same lines as :func:`corpus_lines` makes."""
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
    return gone, came


def _line_at_or_after(data: bytes, line: bytes) -> int:
    """The offset of the first line of `data` (sorted lines, each ending in a newline) that is not
    below `line` (len(data) if none is): a binary search on the bytes, no list of lines made."""
    lo, hi = 0, len(data)  # lines starting before lo are below `line`; those from hi on are not
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", lo, mid) + 1 or lo
        end = data.index(b"\n", start)
        if data[start:end] < line:
            lo = end + 1
        else:
            hi = start
    return lo


class Spliced:
    """The corpus chunk after a rebuild, as the published chunk's bytes (`old`: sorted lines) with a
    few lines cut and a few put in, in order: the N-Triples file gets the unchanged runs written
    from `old` as they are (splitting ~600,000 lines, merging them and joining them again took
    0.3-0.5 s of a rebuild); the other formats get :attr:`lines`."""

    def __init__(self, old: bytes, gone: set[bytes], came: set[bytes]) -> None:
        self.old = old
        edits: list[tuple[int, int, bytes]] = []  # (offset in old, bytes of old cut there, inserted)
        for line in sorted(came):
            at = _line_at_or_after(old, line)
            if not old.startswith(line + b"\n", at):
                edits.append((at, 0, line + b"\n"))
        for line in gone - came:
            at = _line_at_or_after(old, line)
            if old.startswith(line + b"\n", at):
                edits.append((at, len(line) + 1, b""))
        edits.sort(key=lambda e: (e[0], e[1]))  # at one offset: the lines put in before the one cut
        self.segments: list[memoryview | bytes] = []
        view, pos = memoryview(old), 0
        for at, cut, data in edits:
            if at > pos:
                self.segments.append(view[pos:at])
            if data:
                self.segments.append(data)
            pos = max(pos, at + cut)
        if pos < len(old):
            self.segments.append(view[pos:])
        self.size = sum(len(s) for s in self.segments)

    @functools.cached_property
    def lines(self) -> list[bytes]:
        return b"".join(self.segments).split(b"\n")[:-1]


def changed_corpus(old: bytes, removed: list[bytes], added: list[bytes], reg_lines: list[bytes],
                   m: Manifest, was: tuple, now: tuple,
                   cond: Callable[[str], list[bytes]]) -> Spliced:
    """The corpus chunk after a rebuild: the published one (`old`, its bytes) with the lines of
    :func:`corpus_changes` cut and put in."""
    return Spliced(old, *corpus_changes(removed, added, reg_lines, m, was, now, cond))


def applicable(m: Manifest, corpus: frozenset[str]) -> tuple[frozenset[str], frozenset[bytes]]:
    """The cited keys outside the corpus whose placeholder lines and the registry subjects whose
    fallback titles the corpus chunk holds (as :func:`corpus_lines` chooses them)."""
    return (frozenset(key for key, n in m.cond.items() if n > 0 and key not in corpus),
            frozenset(s for s in m.fallback if m.titled.get(s, 0) == 0))


def published_corpus(out: Path, index: "DumpIndex | None") -> bytes | None:
    """The corpus chunk of the published N-Triples file (its bytes: sorted lines), if `index`
    describes that file (None otherwise)."""
    path = out / FORMATS["nt"]
    if index is None or signature(path) != index.signature:
        return None
    offset, length = index.corpus
    if length == 0:
        return None  # never written (the corpus chunk holds the ontology at least)
    with open(path, "rb") as fh:
        data = os.pread(fh.fileno(), length, offset)
    if len(data) != length or (data and not data.endswith(b"\n")):
        return None
    return data


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


COPY_STEP = 1 << 26  # bytes per copy_file_range call: a cancelled writer stops within one


def _copy(src: int, dst: int, offset: int, length: int, cancelled: Callable[[], bool]) -> None:
    """`length` bytes of `src` from `offset` appended to `dst`, in the kernel where it can."""
    while length > 0:
        if cancelled():
            raise Cancelled
        try:
            n = os.copy_file_range(src, dst, min(length, COPY_STEP), offset)
        except OSError:
            n = 0
        if n <= 0:  # not supported here (or nothing copied): through user space
            data = os.pread(src, min(length, 1 << 24), offset)
            if not data:
                raise OSError(f"dump file shorter than its index ({offset} + {length})")
            n = os.write(dst, data)
        offset += n
        length -= n


def _write_all(fd: int, data) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Cancelled(Exception):
    """A writer was told to stop (:meth:`FileWriter.abort`)."""


class _InThread:
    """A temporary dump file written in a thread of its own (:meth:`start`; the caller joins it):
    what the thread raised is kept in `error`; :meth:`abort` stops it within one copy step and
    removes the file."""

    kind = "dump"  # the thread's name: KIND-FMT

    def __init__(self, out: Path, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.tmp: Path | None = None
        self.error: BaseException | None = None
        self._stop = False
        self._thread = None

    def start(self):
        import threading

        self._thread = threading.Thread(target=self._run, name=f"{self.kind}-{self.fmt}", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._work()
        except BaseException as exc:  # noqa: BLE001  (the owner reads it in its own thread)
            self.error = exc

    def _work(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        """Stop the thread (within one copy step) and remove its temporary file."""
        self._stop = True
        if self._thread is not None:
            self._thread.join()
        self.discard()

    def discard(self) -> None:
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


class Prefix(_InThread):
    """The leading part of a dump file that a rebuild copies unchanged, copied into the temporary
    file before the rebuild knows its documents (while it extracts and graphs the changed ones): the
    published file's bytes up to the chunk of the first document whose source changed or went (the
    header and the chunks of the documents sorted before it). :class:`FileWriter` takes it on when
    the documents open with those (:meth:`take`); else it is removed and the file written whole."""

    kind = "prefix"

    def __init__(self, out: Path, fmt: str, old: DumpIndex, entries: list[str]) -> None:
        super().__init__(out, fmt)
        self.entries = entries
        self.end = len(header(fmt))
        for entry in entries:  # the chunks follow the header one after another, as written
            offset, length = old.chunks[entry]
            if offset != self.end:
                raise ValueError(f"{FORMATS[fmt]}: chunk {entry} not where its index says")
            self.end += length

    def _work(self) -> None:  # on error the writer writes the file whole
        self.tmp = write_temp(self.out, FORMATS[self.fmt], b"", sync=False)
        src = os.open(self.out / FORMATS[self.fmt], os.O_RDONLY)
        try:
            with open(self.tmp, "r+b", buffering=0) as fh:
                _copy(src, fh.fileno(), 0, self.end, lambda: self._stop)
        finally:
            os.close(src)

    def take(self, docs: list[Doc]) -> Path | None:
        """The temporary file, `self.end` bytes long, if `docs` (in file order) open with the
        documents copied; None otherwise (the file removed)."""
        if self._thread is not None:
            self._thread.join()
        if self.error is None and [d.entry for d in docs[:len(self.entries)]] == self.entries:
            tmp, self.tmp = self.tmp, None  # the writer's now
            return tmp
        self.discard()
        return None


class FileWriter(_InThread):
    """One dump file written as a temporary file beside the published one (see the module
    docstring): the header and the documents' chunks — those of `old` (the published file's index,
    None: none usable) copied, the others serialised from the document's part (`load` gives it when
    `doc.part` is None) — by :meth:`write_docs`, in this thread or another (:meth:`start`: a rebuild
    writes them while it validates and updates the store); then :meth:`finish` adds the corpus
    chunk and the footer. The file replaces the published one only in :func:`write_dumps`."""

    def __init__(self, out: Path, fmt: str, docs: list[Doc], old: DumpIndex | None,
                 load: Callable[[Doc], DocPart], prefix: Prefix | None = None) -> None:
        super().__init__(out, fmt)
        self.docs, self.old, self.load = docs, old, load
        self.prefix = prefix  # the file's leading chunks, copied already from `old` (Prefix)
        self.head = header(fmt)
        self.index = DumpIndex((0, 0, 0))
        self.pos = 0

    def _work(self) -> None:  # what it raises, finish raises again in the caller's thread
        self.write_docs()

    def write_docs(self) -> None:
        done = 0  # documents whose chunks the prefix holds
        if self.prefix is not None:
            prefix, self.prefix = self.prefix, None
            self.tmp = prefix.take(self.docs) if self.old is not None else prefix.abort()
            if self.tmp is not None and self.old is not None:
                done = len(prefix.entries)
                self.index.chunks.update((e, self.old.chunks[e]) for e in prefix.entries)
        if self.tmp is None:
            self.tmp = write_temp(self.out, FORMATS[self.fmt], self.head, sync=False)
        published = self.out / FORMATS[self.fmt]
        src = os.open(published, os.O_RDONLY) if self.old is not None else -1
        stopped = lambda: self._stop  # noqa: E731
        try:
            with open(self.tmp, "r+b", buffering=0) as fh:
                dst = fh.fileno()
                pos = os.lseek(dst, 0, os.SEEK_END)
                pending: list[int] = []  # a run of chunks to copy: [old offset, length]
                for doc in self.docs[done:]:
                    where = self.old.chunks.get(doc.entry) if self.old is not None else None
                    if where is not None and pending and pending[0] + pending[1] == where[0]:
                        pending[1] += where[1]
                    elif where is not None:
                        if pending:
                            _copy(src, dst, *pending, stopped)
                        pending = [where[0], where[1]]
                    else:
                        if pending:
                            _copy(src, dst, *pending, stopped)
                            pending = []
                        if stopped():
                            raise Cancelled
                        data = chunk(self.fmt, (doc.part or self.load(doc)).lines, self.head)
                        os.write(dst, data)
                    self.index.chunks[doc.entry] = (pos, where[1] if where is not None else len(data))
                    pos += self.index.chunks[doc.entry][1]
                if pending:
                    _copy(src, dst, *pending, stopped)
                os.fdatasync(dst)  # most of the file on disk before the caller needs it
                self.pos = pos
        finally:
            if src >= 0:
                os.close(src)

    def finish(self, corpus: "list[bytes] | Spliced") -> tuple[Path, DumpIndex]:
        """The corpus chunk (its lines, or :class:`Spliced`) and the footer added, the file synced:
        (temporary file, its index).
        Raises what :meth:`write_docs` raised (the temporary file removed)."""
        try:
            if self._thread is not None:
                self._thread.join()
                if self.error is not None:
                    raise self.error
            elif self.tmp is None:
                self.write_docs()
            assert self.tmp is not None
            if isinstance(corpus, Spliced) and self.fmt == "nt":
                parts = [*corpus.segments, footer(self.fmt)]  # the chunk's bytes as they are
            else:
                lines = corpus.lines if isinstance(corpus, Spliced) else corpus
                parts = [corpus_chunk(self.fmt, lines, self.head), footer(self.fmt)]
            self.index.corpus = (self.pos, sum(len(p) for p in parts[:-1]))
            with open(self.tmp, "ab", buffering=0) as fh:
                for part in parts:
                    _write_all(fh.fileno(), part)
                os.fsync(fh.fileno())
        except BaseException:
            self.discard()
            raise
        return self.tmp, self.index

    def discard(self) -> None:
        if self.prefix is not None:
            self.prefix.abort()
        super().discard()


def usable(out: Path, fmt: str, old: dict[str, DumpIndex]) -> DumpIndex | None:
    """The previous index of the file `fmt`, if it still describes the published file."""
    prev = old.get(fmt)
    return prev if prev is not None and signature(out / FORMATS[fmt]) == prev.signature else None


def write_dumps(out: Path, fmts: list[str], corpus: "list[bytes] | Spliced", docs: list[Doc],
                old: dict[str, DumpIndex], load: Callable[[Doc], DocPart],
                started: dict[str, FileWriter] | None = None) -> dict[str, DumpIndex]:
    """Every file of `fmts` written (temporary files first, then each replaces the published one);
    returns the new indexes (with the published files' signatures). `old`: the previous indexes,
    used only for a file whose signature still matches; `started`: writers of some of the files
    already under way (:meth:`FileWriter.start`, over the same `docs`, sorted)."""
    docs = sorted(docs, key=lambda d: d.symbol)
    started = dict(started or {})
    temps: dict[str, tuple[Path, DumpIndex]] = {}
    try:
        for fmt in fmts:
            prev = usable(out, fmt, old)
            writer = started.pop(fmt, None) or FileWriter(out, fmt, docs, prev, load)
            try:
                temps[fmt] = writer.finish(corpus)
            except OSError:
                if writer.old is None:
                    raise
                temps[fmt] = FileWriter(out, fmt, docs, None, load).finish(corpus)  # the old one failed us
    except BaseException:
        for tmp, _ in temps.values():
            tmp.unlink(missing_ok=True)
        for writer in started.values():
            writer.abort()
        raise
    for writer in started.values():  # not asked for after all
        writer.abort()
    replaced: list[int] = []
    for fmt, (tmp, index) in temps.items():
        try:
            replaced.append(os.open(out / FORMATS[fmt], os.O_RDONLY))
        except OSError:
            pass  # none published yet
        os.replace(tmp, out / FORMATS[fmt])
        index.signature = signature(out / FORMATS[fmt]) or (0, 0, 0)
    fsync_dir(out)
    _close_later(replaced)
    return {fmt: index for fmt, (_, index) in temps.items()}


def _close_later(fds: list[int]) -> None:
    """Close the replaced files in a thread: the kernel frees a file's blocks when its last
    descriptor closes, and freeing those of the 743 MB N-Triples file took 0.13-0.3 s of the
    rename that replaced it; the build meanwhile saves its manifest (the process's exit waits for
    what is left, and a build killed meanwhile has its files replaced all the same)."""
    if fds:
        import threading

        threading.Thread(target=lambda: [os.close(fd) for fd in fds], name="close-replaced",
                         daemon=True).start()


__all__ = ["DumpIndex", "Doc", "FileWriter", "Prefix", "Spliced", "corpus_lines", "fact_lines_of", "fact_lines_in_store",
           "registry_lines", "usable", "write_dumps", "header", "footer", "chunk"]
