"""`resograph validate`: the SHACL report of a built graph file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check a graph file against the SHACL shapes and print the report",
        description="Validate a graph file (Turtle, N-Triples or JSON-LD, by extension) against "
                    "ontology/shapes.ttl with the ontology mixed in. Exit status 0 when it "
                    "conforms, 1 on violations, 2 on a file that cannot be read.",
        epilog="Example: resograph validate build/resograph.ttl",
    )
    p.add_argument("file", nargs="?", default="build/resograph.ttl", metavar="FILE",
                   help="graph file (default: build/resograph.ttl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UserError
    from ..registry import load
    from ..validate import load_data, validate

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        data = load_data(str(path))
    except Exception as exc:  # any parser error: bad input, one line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise UserError(f"{path}: cannot parse: {first}") from exc
    if len(data) == 0:
        raise UserError(f"{path}: empty graph")
    registry = load()
    if len(registry.shapes) == 0:
        raise UserError("ontology/shapes.ttl: no SHACL shapes to validate against")
    report = validate(data, registry.shapes, registry.ontology)
    print(report.text.rstrip())
    print(f"{path}: {report.summary()}")
    return 0 if report.conforms else 1
