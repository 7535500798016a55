"""`resograph serve`: the read-only SPARQL 1.1 Protocol endpoint and its HTML page."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import quote

from resograph.core.errors import UserError

EPILOG = """\
Examples:
  resograph serve
  resograph serve --port 8080 --timeout 5 --max-rows 5000
  curl -H 'Accept: application/sparql-results+json' \\
       'http://127.0.0.1:8000/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D'
  curl -H 'Accept: text/turtle' http://127.0.0.1:8000/sparql     # the service description
The query page at / is YASGUI, served from this process (no CDN): a named query's permalink is
http://127.0.0.1:8000/#named=cited-by&doc=GA-2025-93-RES-03
"""


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the graph over HTTP: SPARQL 1.1 Protocol endpoint at /sparql, query page at /",
        description="Start a read-only SPARQL 1.1 Protocol endpoint on the built store (GET/POST, "
                    "content negotiation, CORS), the named queries at /queries, and an offline HTML "
                    "page at / that runs them. Updates are refused, SERVICE too unless "
                    "--allow-service; each query runs under a time limit and a row cap.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--build", default="build", metavar="DIR",
                   help="build directory whose store to serve, or one RDF file (default: build)")
    p.add_argument("--data", action="append", default=[], metavar="FILE",
                   help="serve these RDF files instead of the build's store (repeatable)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S",
                   help="time limit per query in seconds (default: 10)")
    p.add_argument("--max-rows", type=int, default=10000, metavar="N",
                   help="row cap per query, triples for CONSTRUCT/DESCRIBE (default: 10000)")
    p.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)), metavar="N",
                   help="query worker processes (default: 2-4, by CPU count)")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses fetch remote endpoints (off by default: no outbound requests)")
    p.set_defaults(func=run)


def _check_port(host: str, port: int) -> None:
    """Fail early, in one line, when the address is taken (before worker processes start)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise UserError(f"{host}:{port}: cannot listen there ({exc.strerror or exc})") from None


def run(args: argparse.Namespace) -> int:
    from resograph.query.server import serve, source_for

    if args.timeout <= 0:
        raise UserError(f"--timeout {args.timeout}: must be more than 0 seconds")
    if args.max_rows <= 0:
        raise UserError(f"--max-rows {args.max_rows}: must be at least 1")
    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port}: not a TCP port")
    _check_port(args.host, args.port)
    source = source_for(args.build, args.data)
    build = Path(args.build)
    explorer = build / "explorer.html" if build.is_dir() else None
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{args.port}"
    example = quote("SELECT ?key WHERE { ?doc <http://data.europa.eu/eli/ontology#cites>/"
                    "<http://purl.org/dc/terms/identifier> ?key } LIMIT 5")
    print(f"resograph serve: {source.describe()}", file=sys.stderr)
    print(f"  query page   {url}/")
    print(f"  endpoint     {url}/sparql  (read-only; {args.timeout:g} s and {args.max_rows} rows per query)")
    print(f"  try          curl -H 'Accept: application/sparql-results+json' '{url}/sparql?query={example}'")
    print(f"  named query  curl '{url}/queries/cited-by?doc=GA-2025-93-RES-03&format=csv'")
    print(f"  description  curl -H 'Accept: text/turtle' '{url}/sparql'  (SPARQL 1.1 Service Description)")
    print("  stop with Ctrl-C", flush=True)
    serve(source, host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
          workers=args.workers, allow_service=args.allow_service, explorer=explorer)
    return 0
