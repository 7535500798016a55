"""`resograph build`: sources → validated RDF graph (Turtle, JSON-LD, N-Triples) and the store."""

from __future__ import annotations

import argparse
import sys

from resograph.core.paths import sources_dir
from resograph.graph.store import STORES


def register(sub) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph from resolution texts (files and store under build/)",
        description="Extract every source (text, PDF, Word, HTML, or a ZIP of them), merge ontology + registry + documents into one RDF "
                    "graph, validate it with SHACL, and write resograph.ttl, resograph.jsonld, "
                    "resograph.nt and the Oxigraph store, atomically and byte-identically from run "
                    "to run. A graph with SHACL violations is not published (exit 1).\n\n"
                    "One document never stops a build: a text whose symbol cannot be read takes the "
                    "one its file name carries (graph/file-names.tsv: S_RES_0001_1946_EN_GOLD.txt -> "
                    "S/RES/1(1946)) or else a key from its bytes (unidentified:<digest>); of two texts "
                    "of one symbol one is kept; a text that cannot be read is skipped. The summary "
                    "lists each such document and why; --strict makes them an error (exit 2).",
        epilog="Example: resograph build data/sources/ --out build/   "
               "(a large corpus, store only: --formats none; refuse flagged texts: --strict)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="files, or directories of *.txt, *.pdf, *.docx, *.html, *.htm and *.zip, not their "
                        "sub-folders: name those too, e.g. corpus/*/ (default: data/sources/)")
    p.add_argument("--out", default="build", metavar="DIR", help="output directory (default: build/)")
    p.add_argument("--store", default="oxigraph", choices=STORES,
                   help="oxigraph: also write the on-disk store (default); memory: files only")
    p.add_argument("--validation", default="auto", choices=("auto", "full", "per-document", "none"),
                   help="SHACL over the whole graph (full) or the registry once and then each "
                        "document alone (per-document: reports cached per source, so a rebuild "
                        "checks only changed sources; auto = per-document)")
    p.add_argument("--formats", default=None, metavar="LIST",
                   help="dump files to write after the store is ready: a comma list of nt, ttl, "
                        "jsonld, or none for the store only (default: all three up to 20,000 "
                        "triples, nt alone above: a rebuild then copies one file, not three; the "
                        "memory store always gets nt, which it reads)")
    p.add_argument("--allow-invalid", action="store_true",
                   help="publish the outputs even when SHACL finds violations")
    p.add_argument("--strict", action="store_true",
                   help="a document that had to be named from its file name or content, a second "
                        "text of one symbol, or an unreadable text is an error (exit 2, nothing "
                        "written) instead of a flag in the summary")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, summary only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from resograph.graph.build import build
    from resograph.views import warm

    sources = args.sources or [str(sources_dir())]
    warm.stop_superseded(args.out)  # a writer of the side cache this build replaces: not beside it
    result = build(sources, args.out, store=args.store, validation=args.validation,
                   allow_invalid=args.allow_invalid, quiet=args.quiet, formats=args.formats,
                   strict=args.strict)
    print(result.summary())
    if result.published and args.store == "oxigraph":
        warm.start(args.out, result.triples)  # the explorer's side cache, in the background
    if result.report is not None and not result.report.conforms:
        print(result.report.text.rstrip(), file=sys.stderr)
        return 1
    return 0
