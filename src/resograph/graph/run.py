"""One build's state: its options, what it did so far (:class:`BuildResult`), its clock and its
messages — one object (:class:`Run`) that the steps of :mod:`resograph.graph.build` and
:mod:`resograph.graph.rebuild` share instead of a dozen parameters each.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from resograph.core.models import Extraction
from resograph.graph.rdf import ELI, RG
from resograph.graph.registry import Registry
from resograph.graph.sources import Flag, describe
from resograph.graph.store import store_path
from resograph.graph.validate import Report

if TYPE_CHECKING:
    from resograph.graph.cache import BuildCache

@dataclass
class BuildResult:
    """What a build did, for the summary and for callers."""

    out_dir: Path
    documents: int = 0
    paragraphs: int = 0
    citations: int = 0
    resolved: int = 0
    unresolved: int = 0
    unresolved_keys: list[str] = field(default_factory=list)
    instruments: int = 0
    triples: int = 0
    report: Report | None = None
    validation: str = "full"
    published: bool = False
    files: list[tuple[Path, int]] = field(default_factory=list)
    # Seconds per stage, and "ready": from the start until the validated store is published and
    # answers queries (not a stage: the dump files may be written after it).
    timings: dict[str, float] = field(default_factory=dict)
    cache: str = ""  # what the per-document cache gave (incremental builds)
    flags: list[Flag] = field(default_factory=list)  # documents renamed or skipped, and why

    def summary(self) -> str:
        r = self.report
        shacl = r.summary() if r else "not run"
        lines = [
            f"documents      {self.documents}",
            f"paragraphs     {self.paragraphs}",
            f"citations      {self.citations} ({self.resolved} resolved, {self.unresolved} unresolved)",
            f"instruments    {self.instruments}",
            f"triples        {self.triples}",
            f"SHACL          {shacl} [{self.validation}]",
        ]
        if self.cache:
            lines.append(f"cache          {self.cache}")
        if self.unresolved_keys:
            shown = ", ".join(self.unresolved_keys[:8])
            more = f" … (+{len(self.unresolved_keys) - 8})" if len(self.unresolved_keys) > 8 else ""
            lines.append(f"not in registry {shown}{more}")
        lines += describe(self.flags)
        if self.published:
            lines.append("files written:")
            lines += [f"  {p} ({_size(n)})" for p, n in self.files]
        else:
            lines.append(f"nothing written: previous outputs in {self.out_dir}/ left as they were")
        stages = {k: v for k, v in self.timings.items() if k != "ready"}
        total = sum(stages.values())
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in stages.items())
        lines.append(f"time           {total:.2f}s ({steps})")
        if "ready" in self.timings:
            lines.append(f"ready          {self.timings['ready']:.2f}s (store published, answering queries)")
        return "\n".join(lines)

    # -- counts for the summary ------------------------------------------------------------------
    def tally(self, extractions: list[Extraction], registry: Registry) -> None:
        """Documents, paragraphs and (paragraph, target) citations, resolved or not."""
        self.documents = len(extractions)
        self.paragraphs = sum(len(x.paragraphs) for x in extractions)
        corpus = {x.document.symbol for x in extractions}
        unresolved: set[str] = set()
        for x in extractions:
            pairs = {(c.paragraph, c.target) for c in x.citations if c.target != x.document.symbol}
            for _, target in pairs:
                known = registry.knows(target) or target in corpus
                self.resolved += known
                self.unresolved += not known
                if not known:
                    unresolved.add(target)
            self.citations += len(pairs)
        self.unresolved_keys = sorted(unresolved)

    def tally_graph(self, graph: Graph) -> None:
        kinds = {ELI.LegalResource, RG.TreatyArticle}
        self.instruments = sum(1 for s in set(graph.subjects(DCTERMS.identifier))
                               if any((s, RDF.type, k) in graph for k in kinds))
        self.triples = len(graph)

    def tally_manifest(self, m) -> None:
        """The same counts from a rebuild's manifest (resograph.graph.incremental.Manifest)."""
        corpus = m.corpus
        self.documents = len(m.docs)
        self.paragraphs = sum(info.paragraphs for info in m.docs.values())
        self.citations = sum(info.citations for info in m.docs.values())
        unresolved = [t for info in m.docs.values() for t in info.foreign if t not in corpus]
        self.unresolved = len(unresolved)
        self.resolved = self.citations - len(unresolved)
        self.unresolved_keys = sorted(set(unresolved))
        self.instruments = m.instruments()
        self.triples = m.triples

    def finish(self, files: list[tuple[Path, int]]) -> None:
        """Published: the files written (with their sizes) and the store's size."""
        self.published = True
        self.files = list(files)
        link = store_path(self.out_dir)
        if link.is_symlink() and link.exists():
            size = sum(f.stat().st_size for f in link.resolve().rglob("*") if f.is_file())
            self.files.append((link, size))


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


@dataclass(frozen=True)
class Options:
    """What the caller asked for (checked by :func:`resograph.graph.build.build`)."""

    out: Path
    store: str = "oxigraph"          # oxigraph | memory
    validation: str = "auto"         # auto | full | per-document | none
    formats: tuple[str, ...] | None = None  # None: by the graph's size (outputs.formats_for)
    allow_invalid: bool = False
    quiet: bool = False
    strict: bool = False


@dataclass
class Run:
    """One build under way: options, the registry and cache it uses, the result so far, the clock."""

    options: Options
    registry: Registry
    extractor: Callable[[Path], Extraction]
    cache: BuildCache | None = None  # the default extractor's results, per source
    regdigest: str = ""              # the registry's part of a cache key (incremental builds)
    result: BuildResult = None  # type: ignore[assignment]
    started: float = field(default_factory=time.perf_counter)
    _last: float = 0.0

    def __post_init__(self) -> None:
        if self.result is None:
            self.result = BuildResult(out_dir=self.options.out)
        self._last = self.started

    @property
    def out(self) -> Path:
        return self.options.out

    @property
    def incremental(self) -> bool:
        """Graph and SHACL per document from the cache (resograph.graph.incremental)."""
        return self.cache is not None and self.options.validation in ("auto", "per-document", "none")

    def lap(self, name: str) -> None:
        """Add the time since the last lap to stage `name`."""
        now = time.perf_counter()
        timings = self.result.timings
        timings[name] = timings.get(name, 0.0) + now - self._last
        self._last = now

    def ready(self) -> None:
        """The validated store is published and answers queries."""
        self.result.timings["ready"] = time.perf_counter() - self.started

    def restart(self) -> None:
        """Start the result again (a rebuild in place gave up), keeping the time spent."""
        self.result = BuildResult(out_dir=self.out, timings=self.result.timings)

    def stage(self, message: str) -> None:
        if not self.options.quiet:
            print(f"resograph build: {message}", file=sys.stderr, flush=True)

    def progress(self, total: int, desc: str):
        from tqdm import tqdm
        return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr,
                    disable=self.options.quiet or None, leave=False, dynamic_ncols=True)


__all__ = ["BuildResult", "Options", "Run"]
