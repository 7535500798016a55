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
    _limit_arguments(p)
    p.set_defaults(func=run)


def _limit_arguments(p) -> None:
    """The limits of issue 18 (resograph.query.limits.Limits; docs/operations.md explains each)."""
    from resograph.query.limits import Limits

    d = Limits()
    g = p.add_argument_group("limits (docs/operations.md)")
    g.add_argument("--max-answer-mb", type=int, default=d.max_answer_bytes // (1024 * 1024), metavar="MB",
                   help=f"largest answer in MiB (default: {d.max_answer_bytes // (1024 * 1024)})")
    g.add_argument("--memory-mb", type=int, default=d.max_memory_mb, metavar="MB",
                   help=f"address space of a query worker in MiB, 0 for none (default: {d.max_memory_mb})")
    g.add_argument("--heavy-after", type=float, default=d.light_s, metavar="S",
                   help=f"a query running longer is heavy (default: {d.light_s:g} s)")
    g.add_argument("--heavy-per-client", type=int, default=d.heavy_per_client, metavar="N",
                   help=f"heavy queries one client may run at once (default: {d.heavy_per_client})")
    g.add_argument("--heavy-total", type=int, default=0, metavar="N",
                   help="heavy queries in all (default: workers - 1, so short queries keep a worker)")
    g.add_argument("--per-client", type=int, default=d.per_client, metavar="N",
                   help=f"queries one client may have running or waiting (default: {d.per_client})")
    g.add_argument("--max-connections", type=int, default=d.max_connections, metavar="N",
                   help=f"open connections (default: {d.max_connections})")
    g.add_argument("--request-timeout", type=float, default=d.header_timeout_s, metavar="S",
                   help=f"seconds for a request's headers, and again for its body (default: {d.header_timeout_s:g})")
    g.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a Host header to accept besides 127.0.0.1/localhost/::1 (repeatable; '*' for any); "
                        "needed when serving under a public name")
    g.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="origin whose pages may GET/POST queries (repeatable; default '*'; 'none' for none)")


def _limits(args: argparse.Namespace):
    from resograph.query.limits import LOCAL_HOSTS, Limits

    for name in ("max_answer_mb", "heavy_per_client", "per_client", "max_connections"):
        if getattr(args, name) < 1:
            raise UserError(f"--{name.replace('_', '-')} {getattr(args, name)}: must be at least 1")
    if args.heavy_after <= 0 or args.request_timeout <= 0 or args.memory_mb < 0 or args.heavy_total < 0:
        raise UserError("--heavy-after and --request-timeout must be more than 0; --memory-mb and "
                        "--heavy-total at least 0")
    origins = () if args.cors_origin == ["none"] else tuple(args.cors_origin or ["*"])
    return Limits(timeout_s=args.timeout, max_rows=args.max_rows, workers=max(1, args.workers),
                  max_answer_bytes=args.max_answer_mb * 1024 * 1024, max_memory_mb=args.memory_mb,
                  light_s=args.heavy_after, heavy_per_client=args.heavy_per_client,
                  heavy_total=args.heavy_total, per_client=args.per_client,
                  max_connections=args.max_connections, header_timeout_s=args.request_timeout,
                  body_timeout_s=args.request_timeout, cors_origins=origins,
                  allowed_hosts=tuple(dict.fromkeys((*LOCAL_HOSTS, args.host, *args.allowed_host))))


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
    serve(source, host=args.host, port=args.port, allow_service=args.allow_service, explorer=explorer,
          limits=_limits(args))
    return 0
