"""The build's output files: deterministic serialisations of one graph, written atomically.

Same graph, same bytes: blank nodes relabelled canonically (:func:`canonical`), N-Triples lines
sorted, Turtle and JSON-LD in canonical order (rdflib's writers up to FAST_SERIALISATION triples,
pyoxigraph's streaming writers over the sorted N-Triples above). Each file is written to a
temporary file and then replaces the published one (:func:`publish_files`), so a reader never sees
half a file and a killed build leaves the previous one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from resograph.core.errors import UserError
from resograph.graph.rdf import PREFIXES
from resograph.graph.store import fsync_dir

FAST_SERIALISATION = 20_000  # triples: above, Turtle and JSON-LD by pyoxigraph (rdflib: 4.6 s for 42,000)


def canonical(graph: Graph, *, inplace: bool = False) -> Graph:
    """The same graph with blank nodes relabelled canonically (RGDA1 on the triples that have
    any: a few, from the ontology's OWL lists), so that serialisations do not depend on random
    blank-node ids. `inplace` swaps them in `graph` itself instead of copying it."""
    bnode_triples = [t for t in graph if any(isinstance(x, BNode) for x in t)]
    if inplace:
        target = graph
    else:
        target = Graph(bind_namespaces="none")
        for t in graph:
            target.add(t)
    for prefix, ns in PREFIXES.items():
        target.bind(prefix, ns)
    if bnode_triples:
        part = Graph()
        for t in bnode_triples:
            part.add(t)
            target.remove(t)
        for t in to_canonical_graph(part):
            target.add(t)
    return target


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted bytewise."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    return b"\n".join(lines) + b"\n"


def _ox_serialise(ntriples: bytes, fmt) -> bytes:
    import pyoxigraph as ox

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    if fmt == ox.RdfFormat.JSON_LD:
        return ox.serialize(triples, format=fmt) + b"\n"
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def to_turtle(graph: Graph, ntriples: bytes | None = None) -> bytes:
    """Turtle, deterministic: rdflib's serializer (it sorts subjects, predicates and objects;
    readable, with blank nodes inline) up to FAST_SERIALISATION triples; above, pyoxigraph's
    streaming writer over the sorted N-Triples (20x faster, plainer layout)."""
    if len(graph) > FAST_SERIALISATION:
        import pyoxigraph as ox

        return _ox_serialise(ntriples or to_ntriples(graph), ox.RdfFormat.TURTLE)
    return graph.serialize(format="turtle", encoding="utf-8")


def _sort_jsonld(value, key: str | None = None):
    if isinstance(value, dict):
        return {k: _sort_jsonld(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        if key in ("@list", "@context"):
            return items  # order is meaning in an RDF list
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph, ntriples: bytes | None = None) -> bytes:
    """JSON-LD, deterministic: compact, with our prefixes as context, nodes and value arrays in
    canonical order, up to FAST_SERIALISATION triples; above, pyoxigraph's expanded JSON-LD
    streamed from the sorted N-Triples (same graph, no context, much faster)."""
    if len(graph) > FAST_SERIALISATION:
        import pyoxigraph as ox

        return _ox_serialise(ntriples or to_ntriples(graph), ox.RdfFormat.JSON_LD)
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    doc = _sort_jsonld(doc)
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def write_temp(out_dir: Path, name: str, data: bytes, sync: bool = True) -> Path:
    """`data` in a temporary file beside `out_dir/name` (removed by the next build if left)."""
    tmp = out_dir / f".{name}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    return tmp


def remove_stale_temps(out_dir: Path) -> None:
    for p in out_dir.glob(".*.tmp-*"):
        p.unlink(missing_ok=True)


FORMATS = {"nt": "resograph.nt", "ttl": "resograph.ttl", "jsonld": "resograph.jsonld"}


LARGE_DEFAULT = ("nt",)  # the dump files of a build not told which, above FAST_SERIALISATION triples


def formats_for(asked: tuple[str, ...] | None, triples: int) -> tuple[str, ...]:
    """The dump files a build writes: those asked for; when not told (`None`), all three up to
    FAST_SERIALISATION triples, and above it N-Triples alone: keeping Turtle and JSON-LD current
    costs every rebuild a copy of ~750 MB at 10,000 documents (docs/operations.md: ask for them with
    `--formats nt,ttl,jsonld` when you need them; an unchanged rebuild then writes only those)."""
    if asked is not None:
        return asked
    return tuple(FORMATS) if triples <= FAST_SERIALISATION else LARGE_DEFAULT


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    """`"nt,ttl,jsonld"`, `"none"`, or an iterable of those names -> the names, in canonical order."""
    if formats is None:
        return tuple(FORMATS)
    if isinstance(formats, str):
        items = [] if formats.strip() == "none" else [f.strip() for f in formats.split(",") if f.strip()]
    else:
        items = list(formats)
    bad = [f for f in items if f not in FORMATS]
    if bad or (isinstance(formats, str) and not items and formats.strip() != "none"):
        raise UserError(f"--formats {formats}: choose from {', '.join(FORMATS)} (comma list) or none")
    return tuple(f for f in FORMATS if f in items)


def render_dumps(names: list[str], nt: bytes, triples: int, graph: Callable[[], Graph]) -> dict[str, bytes]:
    """The named dump files (`nt`, `ttl`, `jsonld`) of a graph given as sorted N-Triples: rdflib's
    writers up to FAST_SERIALISATION triples (`graph()` gives the graph), pyoxigraph's above."""
    out: dict[str, bytes] = {}
    for name in names:
        if name == "nt":
            out[name] = nt
        elif triples > FAST_SERIALISATION:
            import pyoxigraph as ox

            fmt = ox.RdfFormat.TURTLE if name == "ttl" else ox.RdfFormat.JSON_LD
            out[name] = _ox_serialise(nt, fmt)
        else:
            g = graph()
            out[name] = to_turtle(g, nt) if name == "ttl" else to_jsonld(g, nt)
    return out


def publish_files(out: Path, payloads: dict[str, bytes]) -> dict[str, int]:
    """Write each to a temporary file, then replace the published ones (each atomically)."""
    temps = {name: write_temp(out, FORMATS[name], data) for name, data in payloads.items()}
    for name, tmp in temps.items():
        os.replace(tmp, out / FORMATS[name])
    fsync_dir(out)
    return {name: len(data) for name, data in payloads.items()}


def remove_unrequested(out: Path, fmts: tuple[str, ...]) -> None:
    """A dump file this build did not write would describe an older graph: it goes."""
    for name, file_name in FORMATS.items():
        if name not in fmts:
            (out / file_name).unlink(missing_ok=True)


__all__ = ["FORMATS", "FAST_SERIALISATION", "canonical", "to_ntriples", "to_turtle", "to_jsonld",
           "parse_formats", "formats_for", "render_dumps", "publish_files", "write_temp", "remove_stale_temps",
           "remove_unrequested"]
