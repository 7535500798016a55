"""`resograph eval DIR…`: precision, recall and F1 of the extractor against gold files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from resograph.tools.evaluate import evaluate, totals


def register(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="score the extractor against NAME.txt + NAME.gold.json pairs",
        description="Run the extractor over every NAME.txt that has a NAME.gold.json beside it and print "
                    "precision, recall and F1 for documents (set of targets) and paragraphs "
                    "((paragraph, target) pairs), with what was missed and what was extra.",
        epilog="Example: resograph eval tests/fixtures tests/fixtures/real (the real gold names texts "
               "of ../shared/corpus)",
    )
    p.add_argument("dirs", nargs="+", type=Path, metavar="DIR")
    p.add_argument("--corpus", type=Path, metavar="DIR",
                   help="folder that a gold file's \"source\" is relative to (default: the shared/corpus "
                        "found beside the gold folder or one of its parents)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="totals only, no per-document detail")
    p.set_defaults(func=run)


def _scores(s) -> dict:
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "tp": s.tp, "fp": s.fp, "fn": s.fn}


def run(args: argparse.Namespace) -> int:
    results = evaluate(args.dirs, corpus=args.corpus)
    docs, pairs = totals(results)
    if args.json:
        json.dump({
            "documents": _scores(docs),
            "paragraphs": _scores(pairs),
            "files": [{"name": r.name, "documents": _scores(r.documents), "paragraphs": _scores(r.pairs),
                       "missed": r.missed, "extra": r.extra, "symbol_ok": r.symbol_ok} for r in results],
        }, sys.stdout, indent=1)
        print()
        return 0
    if not args.quiet:
        for r in results:
            print(f"{r.name}: documents F1 {r.documents.f1:.3f}  paragraphs F1 {r.pairs.f1:.3f}"
                  + ("" if r.symbol_ok else "  (own symbol wrong)"))
            for p, t in r.missed:
                print(f"    missed  {p:<6} {t}")
            for p, t in r.extra:
                print(f"    extra   {p:<6} {t}")
    print(f"{len(results)} documents")
    print(f"documents : P {docs.precision:.3f}  R {docs.recall:.3f}  F1 {docs.f1:.3f}")
    print(f"paragraphs: P {pairs.precision:.3f}  R {pairs.recall:.3f}  F1 {pairs.f1:.3f}")
    return 0
