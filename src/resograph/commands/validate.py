"""`resograph validate`: the SHACL report of a built graph file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check a graph file against the SHACL shapes and print the report",
        description="Validate a graph file (Turtle, N-Triples or JSON-LD, by extension) against "
                    "ontology/shapes.ttl with the ontology mixed in. Exit status 0 when it "
                    "conforms, 1 on violations, 2 on a file that cannot be read. The default "
                    "engine is the shapes compiled to Python checks (resograph.graph.shapecheck: the same "
                    "results as pySHACL, tested against it, seconds for millions of triples); "
                    "--engine pyshacl runs the reference implementation.",
        epilog="Examples:\n  resograph validate build/resograph.ttl\n"
               "  resograph validate build/resograph.nt --engine pyshacl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", default="build/resograph.ttl", metavar="FILE",
                   help="graph file (default: build/resograph.ttl)")
    p.add_argument("--engine", choices=("compiled", "pyshacl"), default="compiled",
                   help="compiled shapes (default, fast) or pySHACL (the reference, slow on large graphs)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from resograph.core.errors import UserError
    from resograph.graph.registry import load
    from resograph.graph.validate import load_data, validate

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
    if args.engine == "pyshacl":
        report = validate(data, registry.shapes, registry.ontology)
    else:
        from resograph.graph.shapecheck import ShapeChecker

        # the checker reads N-Triples as rdflib writes them (its literal forms), hence the re-serialisation
        report = ShapeChecker.compile(registry).check_graph(data.serialize(format="nt", encoding="utf-8"))
    print(report.text.rstrip())
    print(f"{path}: {report.summary()}")
    return 0 if report.conforms else 1
