"""`resograph queries`: list the named SPARQL queries with their parameters and descriptions."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from resograph.query import sparql
from resograph.core.errors import UserError

EPILOG = """\
Examples:
  resograph queries
  resograph queries cited-by          # show one query's text
  resograph queries --format json
"""


def register(sub) -> None:
    p = sub.add_parser(
        "queries",
        help="list the named SPARQL queries, their parameters and what they answer",
        description="List the named queries of the catalogue (src/resograph/queries/*.rq): name, "
                    "form, parameters (NAME:KIND=DEFAULT) and the one-line description. "
                    "With a NAME, print that query's SPARQL text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", nargs="?", help="print the text of this named query")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalogue = sparql.load_catalogue()
    if args.name:
        if args.name not in catalogue:
            raise UserError(f"{args.name}: not a named query (named queries: {', '.join(catalogue)})")
        sys.stdout.write(catalogue[args.name].text)
        return 0
    if args.format == "json":
        json.dump(sparql.describe_catalogue(catalogue), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    width = max(len(n) for n in catalogue)
    for q in catalogue.values():
        params = " ".join(p.usage() for p in q.params) or "-"
        print(f"{q.name.ljust(width)}  {q.form:<9}  {params}")
        for line in textwrap.wrap(q.description, 100 - width):
            print(" " * (width + 2) + line)
    print(f"({len(catalogue)} named queries; run one with: resograph query NAME [--param NAME=VALUE])")
    return 0
