"""`resograph explore`: write the interactive explorer, one self-contained offline HTML file."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from resograph.views import network
from resograph.core.errors import UserError

MAX_NODES = 2000  # keep equal to resograph.views.explore.MAX_NODES (not imported: pyvis loads only to write)

EPILOG = """\
Examples:
  resograph explore                                   # build/ → build/explorer.html, timeline
  resograph explore --layout force --out /tmp/net.html
  resograph explore --focus convention:cybercrime-2024 --depth 1
  resograph explore --max-nodes 0                     # draw every instrument, however many
  resograph explore --format gexf --out net.gexf      # for Gephi (graphml: Cytoscape, yEd)
"""


def register(sub) -> None:
    p = sub.add_parser(
        "explore",
        help="write the interactive citation-network page (one offline HTML file)",
        description="Write the citation network as one self-contained HTML page that works offline: "
                    "colour by issuing body, shape by kind, size by times cited, a timeline or force "
                    "layout, search, filters, tooltips and a details panel with the citing passages.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--build", default="build", metavar="DIR",
                   help="build directory (or one RDF file) to read (default: build)")
    p.add_argument("--focus", metavar="KEY", help="show only this instrument and its neighbourhood")
    p.add_argument("--depth", type=int, default=1, metavar="N",
                   help="links to follow from --focus, either direction (default: 1)")
    p.add_argument("--layout", choices=("timeline", "force"), default="timeline",
                   help="timeline: x = year of adoption (default); force: force-directed")
    p.add_argument("--all", action="store_true",
                   help="also show registry instruments that nothing cites and that cite nothing")
    p.add_argument("--max-nodes", type=int, default=None, metavar="N",
                   help="draw at most N instruments, the most cited (with --focus: the nearest); "
                        "search still finds the rest; 0 draws all (default: %d)" % MAX_NODES)
    p.add_argument("--format", choices=("html", "gexf", "graphml"), default="html",
                   help="html: the interactive page (default); gexf or graphml: the network with its "
                        "attributes for Gephi, Cytoscape or networkx (every instrument, no --max-nodes cut)")
    p.add_argument("--lang", choices=("en", "fr", "es"), default="en",
                   help="the reader's language for titles (default: en; other languages fill in)")
    p.add_argument("--out", metavar="FILE", help="output file (default: BUILD/explorer.FORMAT)")
    p.set_defaults(func=run)


def run(args) -> int:
    from resograph.views.explore import select_view  # pyvis and the template load only to write a page

    if args.max_nodes is not None and args.max_nodes < 0:
        raise UserError(f"--max-nodes {args.max_nodes}: must be 0 (all) or more")
    started = time.perf_counter()
    graph = network.load_rdf(Path(args.build))
    G = network.load_graph(graph, lang=args.lang)  # kept beside the store's generation: read once
    memo = network.Memo(network.generation_of(graph))  # Louvain and PageRank of the whole network
    total = G.number_of_nodes()
    G, hidden = select_view(G, args.focus, args.depth, include_isolated=args.all, source=str(args.build))
    if G.number_of_nodes() == 0:
        raise UserError(f"{args.build}: no instrument to show; run `resograph build` first")
    build_dir = Path(args.build) if Path(args.build).is_dir() else Path("build")
    out = Path(args.out) if args.out else build_dir / f"explorer.{args.format}"
    if out.exists() and out.is_dir():
        raise UserError(f"{out}: is a directory; give a file name with --out")
    if args.format == "html":
        _write_page(G, out, args, memo)
    else:
        from resograph.views.export import write_network

        write_network(G, out, args.format, memo)
    memo.save()
    seconds = time.perf_counter() - started
    size = out.stat().st_size
    what = f"{args.layout} layout" if args.format == "html" else args.format.upper()
    print(f"{out}  ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {what}, "
          f"{size / 1024:.0f} KiB, {seconds:.1f}s)")
    if hidden:
        print(f"  {hidden} of {total} instruments neither cite nor are cited and are not shown (--all shows them)")
    if args.format == "html":
        print(f"  open it in a browser, offline: {out.resolve().as_uri()}")
    return 0


def _write_page(G, out: Path, args, memo) -> None:
    """The HTML page, and a line on what it leaves undrawn."""
    from resograph.views.explore import drawn_nodes, write_explorer

    max_nodes = MAX_NODES if args.max_nodes is None else args.max_nodes
    title = f"ResoGraph · {args.focus} (depth {args.depth})" if args.focus else "ResoGraph · citation network"
    drawn = len(drawn_nodes(G, max_nodes, args.focus))
    write_explorer(G, out, layout=args.layout, focus=args.focus, title=title, max_nodes=max_nodes, memo=memo)
    if drawn < G.number_of_nodes():
        which = "nearest to the focus, then most cited" if args.focus else "most cited"
        print(f"  drawn: the {drawn} instruments {which} and the links among them (--max-nodes {max_nodes}); "
              f"the page's search finds the other {G.number_of_nodes() - drawn}. To draw them: "
              f"--focus KEY (one instrument and its neighbours) or --max-nodes 0 (all)")
