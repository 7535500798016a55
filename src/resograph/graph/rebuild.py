"""A rebuild in place: only what changed since the last build is extracted, graphed and validated.

When the previous incremental build left its manifest (:class:`resograph.graph.incremental.Manifest`:
same fingerprint, registry and validation mode, and the published store is the generation it
describes), the sources are hashed; only new or changed ones are extracted, graphed and validated
(with the documents whose cited documents came or went); the store's new generation is an Oxigraph
checkpoint of the current one with the removed and added lines applied; the dump files (if asked
for) are merged from the published ones and the changed parts: the documents' chunks in a thread
while the changed documents are validated and the store updated, the corpus chunk (the facts) after
the store is published. With `formats="none"` nothing proportional to the corpus is done beyond
hashing the sources.

:func:`rebuild_in_place` returns False when it cannot (no usable manifest, most of the corpus
changed, two texts of one symbol to choose between): the caller builds from scratch.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from resograph.core.errors import UserError
from resograph.graph import dumps, facts, outputs
from resograph.graph import incremental as inc
from resograph.graph import store as store_mod
from resograph.graph.cache import digest
from resograph.graph.outputs import FORMATS, publish_files, remove_unrequested, render_dumps
from resograph.graph.run import Run
from resograph.graph.sources import DUPLICATE, extract_sources, strict_error
from resograph.graph.texts import keep_texts
from resograph.reading.convert import source_bytes

MAX_DELTA_DOCS = 200  # changed documents a rebuild applies in place at least (else: bulk load)


def rebuild_in_place(run: Run, paths: list[Path]) -> bool:
    """Rebuild `run.out` from `paths` in place (see the module docstring); False: build from scratch.
    Raises :class:`resograph.graph.incremental.Inconsistent` when the manifest does not hold."""
    try:
        rebuild = Rebuild.start(run, paths)
        return rebuild is not None and rebuild.run_steps()
    finally:
        gc.unfreeze()


RACY_NS = 2_000_000_000  # a file changed less than this before it was read: its stat is not trusted


def _stat(p: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(p)
    except OSError:
        return None  # a ZIP member, or gone: hashed (or counted as changed)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _digests(paths: list[Path], known: dict[str, tuple]) -> tuple[dict[str, str], dict[str, tuple]]:
    """SHA-256 of each source's bytes ("" for one that cannot be read: it counts as changed), and the
    stats to trust next time. A source whose size, mtime, ctime and inode are those `known` recorded
    with its digest is not read again (reading and hashing 10,000 sources took 1.8-3.4 s of a
    one-change rebuild); a stat is recorded only when the file had not changed for RACY_NS before it
    was read (a change within the timestamps' granularity after the read would not show in them)."""
    out: dict[str, str] = {}
    stats: dict[str, tuple] = {}
    for p in paths:
        key, sig = str(p), _stat(p)
        prev = known.get(key)
        if sig is not None and prev is not None and prev[0] == sig:
            out[key] = prev[1]
            stats[key] = prev
            continue
        before = time.time_ns()
        try:
            out[key] = digest(source_bytes(p))
        except (OSError, UserError):
            out[key] = ""
            continue
        if sig is not None and max(sig[1], sig[2]) < before - RACY_NS:
            stats[key] = (sig, out[key])
    return out, stats


@dataclass
class Rebuild:
    """The state of one rebuild in place, step by step."""

    run: Run
    m: inc.Manifest
    mode: str
    paths: list[Path]
    digests: dict[str, str] = field(default_factory=dict)
    candidates: list[Path] = field(default_factory=list)  # new, changed or unreadable sources
    gone: list[str] = field(default_factory=list)         # documents whose source went or changed
    kept: dict[str, inc.DocInfo] = field(default_factory=dict)
    changed: list[Path] = field(default_factory=list)     # candidates that give a document
    extractions: list = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    added: list[inc.DocPart] = field(default_factory=list)
    graphed: int = 0                                      # parts made (not from the cache)
    corpus_old: frozenset[str] = frozenset()
    corpus_new: frozenset[str] = frozenset()
    generation: store_mod.Generation | None = None
    delta: inc.Delta = field(default_factory=lambda: inc.Delta([], []))
    dirty: bool = False                                   # flags or skipped sources changed
    restat: bool = False                                  # the sources' recorded stats changed
    # the fact lines the refresh removed and added, and the corpus chunk's conditional and fallback
    # lines that applied before the delta (for the dump files' corpus chunk: resograph.graph.dumps)
    fact_changes: tuple[list[bytes], list[bytes]] | None = None
    applicable: tuple | None = None
    writers: dict[str, dumps.FileWriter] = field(default_factory=dict)  # dump files under way
    docs: list[dumps.Doc] = field(default_factory=list)   # theirs (dump_docs)
    prefixes: dict[str, dumps.Prefix] = field(default_factory=dict)  # their leading chunks, copied early

    @classmethod
    def start(cls, run: Run, paths: list[Path]) -> "Rebuild | None":
        """The rebuild, if the manifest describes the published store; None otherwise."""
        m = inc.load_manifest(run.cache)
        gc.freeze()  # the manifest's ~10^5 small objects live to the end: no collector passes
        reg = run.registry
        if (m is not None and run.options.validation == "auto" and m.validation == inc.COMPILED
                and inc.compiled_available()):
            mode = inc.COMPILED  # the same shapes compiled last time (same fingerprint, registry)
        else:
            mode = inc.validation_mode(run.options.validation, reg)
        link = store_mod.store_path(run.out)
        current = run.out / store_mod.GENERATIONS / (m.generation if m else "")
        if (m is None or not m.generation or m.regdigest != run.regdigest or m.validation != mode
                or not link.is_symlink() or link.resolve() != current.resolve()
                or not current.is_dir()):
            return None
        return cls(run, m, mode, paths)

    @property
    def engine(self) -> str:
        return inc.engine_of(self.mode)

    @property
    def touched(self) -> bool:
        """Whether the graph changes (else the store and the dump files stay)."""
        return bool(self.changed or self.gone)

    def run_steps(self) -> bool:
        if not self.plan():
            return False
        try:
            self.start_prefixes()
            if not self.read():
                return False
            self.graph()
            self.start_dumps()
            self.validate()
            result = self.run.result
            if result.report and not result.report.conforms and not self.run.options.allow_invalid:
                if self.generation is not None:
                    shutil.rmtree(self.generation.close(), ignore_errors=True)
                return True
            self.publish()
            self.write_files()
        finally:
            for writer in self.writers.values():  # not taken by write_files: stopped, removed
                writer.abort()
            for prefix in self.prefixes.values():  # not taken by a writer (the taken: no-ops)
                prefix.abort()
        return True

    # -- the steps ---------------------------------------------------------------------------------
    def plan(self) -> bool:
        """Which sources to read again and which documents go; False when a delta does not pay."""
        m, paths = self.m, self.paths
        known = getattr(m, "stats", {})  # a manifest of an older build has none
        self.digests, stats = _digests(paths, known)
        digests = self.digests
        self.restat = stats != known
        m.stats = stats
        known = {k: info.digest for k, info in m.docs.items()}
        known.update({k: d for k, (d, _) in m.skipped.items() if d})
        self.candidates = [p for p in paths
                           if not digests[str(p)] or known.get(str(p)) != digests[str(p)]]
        self.gone = [k for k in m.docs if digests.get(k) != m.docs[k].digest]
        if len(self.candidates) + len(self.gone) > max(MAX_DELTA_DOCS, len(paths) // 4):
            return False  # most of the corpus changed (or moved): one bulk load is quicker
        if any(m.docs[k].symbol in self.duplicated for k in self.gone):
            return False  # a text of a symbol with duplicates changed or went: choose again
        self.kept = {k: info for k, info in m.docs.items()
                     if k in digests and info.digest == digests[k]}
        seen = self.run.cache.seen
        seen.update(info.digest for info in self.kept.values())
        seen.update(d for k, (d, _) in m.skipped.items() if d and digests.get(k) == d)
        return True

    @property
    def duplicated(self) -> set[str]:
        """Symbols of which the last build skipped a second text."""
        return {symbol for _, symbol in self.m.skipped.values() if symbol}

    def read(self) -> bool:
        """Extract the candidates; False when one duplicates a symbol (chosen over the corpus)."""
        run, cache = self.run, self.run.cache
        run.stage(f"extracting {len(self.candidates)} changed source(s) of {len(self.paths)}")
        if self.candidates:
            cache.prefetch(self.candidates)
        intake = extract_sources(self.candidates, cache.extractor(run.extractor), run.options.quiet)
        taken = {info.symbol for info in self.kept.values()} | self.duplicated
        if (any(f.kind == DUPLICATE for f in intake.flags)
                or any(x.document.symbol in taken for x in intake.extractions)):
            return False
        self.changed, self.extractions = intake.paths, intake.extractions
        keep_texts(run.out, self.extractions)
        if not self.kept and not self.extractions:
            return False  # nothing readable left: the cold path says so
        self.dirty = self.m.refresh_flags(self.candidates, intake.flags, self.digests)
        run.result.flags = [f for p in self.paths for f in self.m.flags.get(str(p), [])]
        if run.options.strict and run.result.flags:
            raise strict_error(run.result.flags)
        if self.candidates or self.gone:
            cache.prune_unseen()
        run.lap("extract")
        return True

    def graph(self) -> None:
        """The parts of the changed documents; the delta of the store's lines; the manifest."""
        run, cache, m = self.run, self.run.cache, self.m
        run.stage("building the graph (changed documents only)")
        removed = [cache.get(inc.DOC_KIND, m.docs[k].entry) for k in self.gone]
        if not all(isinstance(part, inc.DocPart) for part in removed):
            raise inc.Inconsistent("a previous document's part is missing from the cache")
        self.entries = [inc.doc_entry(x, self.digests[str(p)], run.regdigest)
                        for p, x in zip(self.changed, self.extractions)]
        self.added = self.parts()
        self.corpus_old = m.corpus
        self.corpus_new = (frozenset(info.symbol for info in self.kept.values())
                           | {x.document.symbol for x in self.extractions})
        if self.touched:
            self.applicable = dumps.applicable(m, self.corpus_old)
            self.generation = store_mod.Generation(store_mod.checkpoint_store(run.out))
            try:
                self.delta = inc.apply_parts(m, removed, self.added, self.corpus_old,
                                             self.corpus_new, self.generation.has_line)
            except BaseException:
                self.generation.close()
                raise
        for k in self.gone:
            del m.docs[k]
        for p, x, entry, part in zip(self.changed, self.extractions, self.entries, self.added):
            m.docs[str(p)] = inc.doc_info(x, self.digests[str(p)], entry, part, run.registry)
        run.lap("graph")

    def parts(self) -> list[inc.DocPart]:
        """Each changed document's part, from the cache or made (and kept)."""
        cache = self.run.cache
        added: list = []
        todo: list[int] = []
        for i, (x, entry) in enumerate(zip(self.extractions, self.entries)):
            part = cache.get(inc.DOC_KIND, entry)
            if not isinstance(part, inc.DocPart) or part.symbol != x.document.symbol:
                part = None
                todo.append(i)
            added.append(part)
        for i, part in zip(todo, inc.make_parts([self.extractions[i] for i in todo],
                                                self.run.registry)):
            cache.put(inc.DOC_KIND, self.entries[i], part)
            added[i] = part
        self.graphed = len(todo)
        return added

    def validate(self) -> None:
        """SHACL of the changed documents and of those whose cited documents came or went."""
        run, result, m = self.run, self.run.result, self.m
        used: set[str] = set()
        validated = 0
        result.validation = self.mode
        graphed = [str(p) for p in self.paths if str(p) in m.docs]
        if self.mode != "none":
            run.stage(f"validating (SHACL, {self.mode}, changed documents only)")
            check = self.to_check()
            if not m.registry_report:
                m.registry_report = inc.registry_report(run.registry, run.regdigest, run.cache,
                                                        used, self.engine)
            with run.progress(len(check), "validate") as bar:
                reports, validated = inc.check_parts([(e, part) for _, e, part in check],
                                                     self.corpus_new, run.registry, run.cache,
                                                     used, bar, engine=self.engine)
            for (k, _, _), (key, packed) in zip(check, reports):
                m.docs[k].shacl, m.docs[k].summary = key, inc.summary_of(packed)
            result.report = inc.combined_report(m, graphed, run.cache)
        run.lap("validate")
        result.tally_manifest(m)
        result.cache = (f"{len(graphed) - self.graphed} of {len(graphed)} document(s) from the "
                        f"cache, {self.graphed} graphed, {validated} validated")

    def to_check(self) -> list[tuple[str, str, inc.DocPart]]:
        """(path, entry, part) of the documents to validate again."""
        check = [(str(p), entry, part) for p, entry, part in zip(self.changed, self.entries, self.added)]
        came_or_went = self.corpus_old ^ self.corpus_new
        for k, info in self.kept.items() if came_or_went else ():
            if info.keys & came_or_went:
                part = self.run.cache.get(inc.DOC_KIND, info.entry)
                if not isinstance(part, inc.DocPart):
                    raise inc.Inconsistent(f"{k}: part missing from the cache")
                check.append((k, info.entry, part))
        return check

    def publish(self) -> None:
        """Apply the delta to the new generation and publish it: the graph is ready."""
        run = self.run
        if self.generation is not None:
            inc.drop_manifest(run.cache)  # until the new one is written, the next build starts afresh
            run.stage(f"updating the Oxigraph store ({len(self.delta.deletes)} line(s) removed, "
                      f"{len(self.delta.inserts)} added)")
            self.generation.apply(self.delta.deletes, self.delta.inserts)
            changed = facts.refresh(self.generation.store, self.delta.deletes, self.delta.inserts)
            self.m.triples += len(changed.added) - len(changed.removed)
            self.fact_changes = (changed.removed, changed.added)
            run.result.triples = self.m.triples  # the facts the delta changed (resograph.graph.facts)
            path = self.generation.close()
            run.lap("store")
            run.stage("publishing")
            store_mod.publish_store(path, run.out)
            self.m.generation = path.name
        run.ready()
        run.lap("publish")

    def write_files(self) -> None:
        """The dump files that are asked for and stale; the manifest; the cache pruned."""
        run, m, out = self.run, self.m, self.run.out
        fmts = outputs.formats_for(run.options.formats, m.triples)
        need = [f for f in fmts
                if not (not self.touched and f in m.formats and (out / FORMATS[f]).is_file())]
        written = {f: (out / FORMATS[f]).stat().st_size for f in fmts if f not in need}
        if need:
            run.stage(f"writing files ({', '.join(FORMATS[f] for f in need)})")
            if m.triples > outputs.FAST_SERIALISATION:
                written.update(self.write_chunked(need))
            else:
                merged, reg = self.merged()
                nt = b"\n".join(merged.lines) + b"\n"
                written.update(publish_files(out, render_dumps(
                    need, nt, len(merged.lines), lambda: inc.rdflib_graph(merged, reg))))
        remove_unrequested(out, fmts)
        m.dumps = {f: index for f, index in m.dumps.items() if f in fmts}
        if self.dirty or self.restat or self.touched or need or m.formats != frozenset(fmts):
            m.formats = frozenset(fmts)
            inc.save_manifest(run.cache, m)
        if self.touched:
            used = {key for info in m.docs.values() for key in (info.entry, info.shacl)}
            used.add(inc.registry_key(run.regdigest, self.engine))
            run.cache.prune(used, kinds=(inc.DOC_KIND, inc.SHACL_KIND, inc.REGISTRY_KIND))
        run.lap("serialise")
        run.result.finish([(out / FORMATS[f], written[f]) for f in fmts])

    def dump_docs(self) -> list[dumps.Doc]:
        """The documents of the dump files, in their order (the manifest's, after graph())."""
        added = dict(zip(self.entries, self.added))
        return sorted((dumps.Doc(info.symbol, info.entry, added.get(info.entry))
                       for info in self.m.docs.values()), key=lambda d: d.symbol)

    def start_prefixes(self) -> None:
        """Start copying, in a thread, the leading part of each chunked dump file that stays as it is
        if no changed text takes another symbol: the header and the chunks of the documents sorted
        before the first whose source changed or went (:class:`resograph.graph.dumps.Prefix`), while
        the changed sources are extracted and graphed (the copy took 0.6-1.2 s, most of it after
        the store was ready)."""
        run, m = self.run, self.m
        if not (self.candidates or self.gone) or m.triples <= 2 * outputs.FAST_SERIALISATION:
            return
        gone = set(self.gone)
        lead: list[str] = []
        for k, info in sorted(m.docs.items(), key=lambda item: item[1].symbol):  # the files' order
            if k in gone:
                break
            lead.append(info.entry)
        for fmt in outputs.formats_for(run.options.formats, m.triples) if lead else ():
            prev = dumps.usable(run.out, fmt, m.dumps)
            if prev is not None and all(e in prev.chunks for e in lead):
                try:
                    self.prefixes[fmt] = dumps.Prefix(run.out, fmt, prev, lead).start()
                except ValueError:
                    continue  # not the layout the index describes: written whole

    def start_dumps(self) -> None:
        """Start writing the documents' chunks of the chunked dump files that this rebuild will
        write, in a thread while it validates and updates the store (copying the unchanged chunks
        of a 743 MB file and syncing it took 1.2-1.5 s after the store): only where every
        chunk is at hand (copied from the published file or the changed document's part)."""
        run, m = self.run, self.m
        if not self.touched or m.triples <= 2 * outputs.FAST_SERIALISATION:
            return  # near the threshold the graph's size after the facts decides the layout
        docs = self.docs = self.dump_docs()
        for fmt in outputs.formats_for(run.options.formats, m.triples):
            prev = dumps.usable(run.out, fmt, m.dumps)
            if prev is not None and all(d.part is not None or d.entry in prev.chunks for d in docs):
                self.writers[fmt] = dumps.FileWriter(run.out, fmt, docs, prev, self.part_of,
                                                     self.prefixes.pop(fmt, None)).start()

    def write_chunked(self, need: list[str]) -> dict[str, int]:
        """The dump files in per-document chunks (resograph.graph.dumps): the unchanged documents'
        chunks copied from the published files, the changed ones and the corpus chunk made anew."""
        run, m = self.run, self.m
        reg_lines = dumps.registry_lines(run.cache, run.regdigest,
                                         lambda: inc.registry_part(run.registry))
        corpus = self.corpus_chunk_lines(reg_lines)
        started = {fmt: self.writers.pop(fmt) for fmt in need if fmt in self.writers}
        indexes = dumps.write_dumps(run.out, need, corpus, self.docs or self.dump_docs(), m.dumps,
                                    self.part_of, started)
        m.dumps.update(indexes)
        return {fmt: index.signature[0] for fmt, index in indexes.items()}

    def corpus_chunk_lines(self, reg_lines: list[bytes]) -> "list[bytes] | dumps.Spliced":
        """The corpus chunk's lines: the published N-Triples file's chunk with the fact lines the
        refresh changed (and the conditional and fallback lines again if which apply changed),
        spliced into its bytes; else made from the store's fact lines (reading 140,000 of them back
        took ~2 s at 10,000 documents)."""
        run, m = self.run, self.m
        old = dumps.published_corpus(run.out, m.dumps.get("nt"))
        cond = dumps.CondLines(run.cache)
        if old is not None and self.fact_changes is not None and self.applicable is not None:
            removed, added = self.fact_changes
            lines = dumps.changed_corpus(old, removed, added, reg_lines, m, self.applicable,
                                         dumps.applicable(m, m.corpus), cond)
        else:
            fact_lines = dumps.fact_lines_in_store(store_mod.store_path(run.out).resolve())
            lines = dumps.corpus_lines(reg_lines, m, fact_lines, m.corpus, cond)
        cond.save()
        return lines

    def part_of(self, doc: dumps.Doc) -> inc.DocPart:
        """A document's part from the cache (made again from its source if the entry went)."""
        run = self.run
        part = run.cache.get(inc.DOC_KIND, doc.entry)
        if isinstance(part, inc.DocPart):
            return part
        path = next(Path(k) for k, info in self.m.docs.items() if info.entry == doc.entry)
        part = inc.make_part(run.cache.extractor(run.extractor)(path), run.registry)
        run.cache.put(inc.DOC_KIND, doc.entry, part)
        return part

    def merged(self) -> tuple[inc.Merged, inc.RegistryPart]:
        """Every document's part (from the cache; re-made from its extraction if an entry went)
        merged with the registry part: the whole graph's lines, for the dump files."""
        run, m = self.run, self.m
        parts = []
        for p in self.paths:
            info = m.docs.get(str(p))
            if info is None:
                continue  # skipped (flagged)
            part = run.cache.get(inc.DOC_KIND, info.entry)
            if not isinstance(part, inc.DocPart):
                part = inc.make_part(run.cache.extractor(run.extractor)(p), run.registry)
                run.cache.put(inc.DOC_KIND, info.entry, part)
            parts.append(part)
        reg = inc.registry_part(run.registry)
        merged = inc.merge(parts, reg, m.corpus)
        merged.lines = facts.complete(merged.lines)  # as a cold build's (resograph.graph.facts)
        return merged, reg


__all__ = ["rebuild_in_place", "Rebuild", "MAX_DELTA_DOCS"]
