"""`resograph stats`: the network analyses of a build, as readable tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resograph.views import analysis
from resograph.views import network
from resograph.core.errors import UserError

EPILOG = """\
Example:
  resograph stats --build build --top 5
"""


def register(sub) -> None:
    p = sub.add_parser(
        "stats",
        help="print the citation network's analyses (most cited, PageRank, chains, clusters …)",
        description="Print the analyses of the citation network as tables: most cited, PageRank, "
                    "the longest citation chain, co-citation, bibliographic coupling and clusters.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--build", default="build", metavar="DIR",
                   help="build directory (or one RDF file) to read (default: build)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows per table (default: 10)")
    p.set_defaults(func=run)


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: list[str], rows: list[list], widths: dict[int, int] | None = None) -> str:
    """Left-aligned text table; numbers right-aligned; column ``i`` cut to ``widths[i]`` chars."""
    widths = widths or {}
    cells = [[_cut(str(c), widths.get(i, 200)) if not isinstance(c, (int, float)) else
              (f"{c:.4f}" if isinstance(c, float) else str(c)) for i, c in enumerate(r)] for r in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) for r in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(sizes[i]) if numeric[i] else v.ljust(sizes[i])
                         for i, v in enumerate(values)).rstrip()

    out = [line(headers), line(["-" * s for s in sizes])]
    out += [line(r) for r in cells] or ["(none)"]
    return "\n".join(out)


def frame_table(frame, widths: dict[str, int] | None = None) -> str:
    """A DataFrame of :mod:`resograph.views.tables` as a text table, its ``#`` index first."""
    widths = widths or {}
    headers = [frame.index.name or "#", *frame.columns]
    rows = [[i, *(_plain(v) for v in row)] for i, row in zip(frame.index, frame.itertuples(index=False))]
    return table(headers, rows, {j + 1: widths[c] for j, c in enumerate(frame.columns) if c in widths})


def _plain(value):
    if isinstance(value, list):
        return ", ".join(value[:6]) + (f", … (+{len(value) - 6})" if len(value) > 6 else "")
    return value.item() if hasattr(value, "item") else value  # numpy scalars: int or float


def render(G, top: int = 10, source: str = "") -> str:
    """All analyses of ``G`` as one text report: the DataFrames of :mod:`resograph.views.tables`."""
    from resograph.views import tables

    s = analysis.summary(G)
    parts = [
        f"Citation network{' of ' + source if source else ''}: {s['nodes']} instruments, "
        f"{s['edge_pairs']} links ("
        + ", ".join(f"{r} {n}" for r, n in s["edges"].items()) + ")",
        "Kinds: " + ", ".join(f"{k} {n}" for k, n in s["kinds"].items()),
        "Most cited (in-degree: citing instruments; citations: citing paragraphs)\n"
        + frame_table(tables.most_cited(G, top), {"title": 60}),
        "PageRank (citing → cited, article → treaty)\n" + frame_table(tables.pagerank(G, top), {"title": 60}),
    ]
    chain = tables.chain(G)["instrument"].tolist()
    cycles = analysis.citation_cycles(G)
    text = f"Longest citation chain ({len(chain)} instruments, newest first)\n  "
    text += " → ".join(chain) if chain else "(no citation between cited instruments)"
    text += "\nCitation cycles: " + ("; ".join(" ↔ ".join(c) for c in cycles) if cycles else "none")
    parts.append(text)
    parts.append("Co-citation (cited together in one paragraph)\n" + frame_table(tables.co_citation(G, top)))
    parts.append("Bibliographic coupling (citing instruments sharing references)\n"
                 + frame_table(tables.coupling(G, top)))
    groups = tables.clusters(G)
    parts.append(f"Clusters (Louvain communities, seed 0): {len(groups)}\n"
                 + frame_table(groups.head(top), {"members": 80, "title": 40}))
    return "\n\n".join(parts) + "\n"


def run(args) -> int:
    if args.top < 1:
        raise UserError(f"--top {args.top}: must be 1 or more")
    G = network.load(Path(args.build))
    if G.number_of_nodes() == 0:
        raise UserError(f"{args.build}: the graph has no instrument; run `resograph build` first")
    sys.stdout.write(render(G, args.top, str(args.build)))
    return 0
