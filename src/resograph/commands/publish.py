"""`resograph publish`: replace one named graph in a SPARQL 1.1 store with the built graph."""

from __future__ import annotations

import argparse
import sys

from resograph.core.errors import UserError

EPILOG = """\
Credentials come from the environment, never the command line:
  RESOGRAPH_USER, RESOGRAPH_PASSWORD  (Basic, or Digest when the store asks for it)

Examples:
  resograph publish --endpoint http://127.0.0.1:8890/sparql                 # Virtuoso
  resograph publish --endpoint http://127.0.0.1:3030/resograph              # Fuseki dataset
  resograph publish --endpoint http://127.0.0.1:7200/repositories/resograph # GraphDB
  resograph publish --endpoint http://127.0.0.1:3030/ds/query --graph https://example.org/g --no-gsp
"""


def register(sub) -> None:
    p = sub.add_parser(
        "publish",
        help="push the built graph into a SPARQL 1.1 store (Graph Store Protocol or SPARQL Update)",
        description="Replace one named graph of a SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB, "
                    "Oxigraph…) with build/resograph.nt: a Graph Store Protocol PUT, or, for stores "
                    "without it, DROP SILENT GRAPH and batched INSERTs through SPARQL Update. The "
                    "triple count is verified afterwards with a COUNT query. Running it twice gives "
                    "the same graph. Transient failures (connection errors, timeouts, 429, 502-504) "
                    "are retried with exponential backoff, a bounded number of times.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's SPARQL query endpoint (used for the check and the COUNT)")
    p.add_argument("--graph", default=None, metavar="IRI",
                   help="named graph to replace (default: https://w3id.org/resograph/graph)")
    p.add_argument("--build", default="build", metavar="DIR",
                   help="build directory (its resograph.nt) or one RDF file (default: build)")
    p.add_argument("--gsp", default=None, metavar="URL",
                   help="Graph Store Protocol URL (default: derived from the endpoint and server)")
    p.add_argument("--update", default=None, metavar="URL",
                   help="SPARQL Update URL (default: derived from the endpoint and server)")
    p.add_argument("--no-gsp", action="store_true",
                   help="skip the Graph Store Protocol, use SPARQL Update only")
    p.add_argument("--batch", type=int, default=2000, metavar="N",
                   help="triples per INSERT when using SPARQL Update (default: 2000)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help="seconds to wait for one HTTP answer (default: 120)")
    p.add_argument("--retries", type=int, default=6, metavar="N",
                   help="attempts per request for transient failures (default: 6)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, summary only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from resograph.tools.publish import DEFAULT_GRAPH, Retry, credentials_from_env, publish

    if args.batch < 1:
        raise UserError(f"--batch {args.batch}: must be at least 1")
    if args.timeout <= 0:
        raise UserError(f"--timeout {args.timeout}: must be more than 0 seconds")
    if args.retries < 1:
        raise UserError(f"--retries {args.retries}: must be at least 1")
    result = publish(args.build, args.endpoint, args.graph or DEFAULT_GRAPH, gsp=args.gsp,
                     update=args.update, use_gsp=not args.no_gsp, auth=credentials_from_env(),
                     batch=args.batch, timeout=args.timeout, retry=Retry(attempts=args.retries),
                     progress=not args.quiet and sys.stderr.isatty())
    print(result.summary())
    return 0
