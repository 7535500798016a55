"""`resograph extract FILE`: the citations of one resolution, as the contract JSON or a table."""

from __future__ import annotations

import argparse
import json
import sys
import time

from resograph.reading.convert import read
from resograph.reading.extract import extract, extract_source
from resograph.core.models import Extraction


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract header, paragraphs and citations from one resolution (text, PDF, Word, HTML)",
        description="Read a resolution (French, English or Spanish; INTERPOL or UN layout) and print its "
                    "header, paragraphs and the instruments each paragraph cites, with the clause "
                    "function that says why. The file may be plain text, PDF, Word (.docx) or an HTML "
                    "page (told by content, not by extension), or one member of a ZIP written "
                    "ARCHIVE.zip!MEMBER; spans index into the text its converter produced (the JSON "
                    "says which converter, and the PDF page of each paragraph).",
        epilog="Example: resograph extract data/sources/GA-2025-93-RES-03.fr.txt --format table\n"
               "         resograph extract A_RES_79_136.pdf --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("json", "table"), default="json",
                   help="json: the extract output contract (default); table: citations grouped by paragraph")
    p.add_argument("--stats", action="store_true",
                   help="also print extraction speed (characters per second) on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = read(args.file)
    text = source.text
    t0 = time.perf_counter()
    result = extract_source(source)
    elapsed = time.perf_counter() - t0
    if args.stats:
        # Re-run a few times so the figure is not dominated by the one-off lexicon load.
        runs, t1 = 0, time.perf_counter()
        while runs < 3 or time.perf_counter() - t1 < 0.5:
            extract(text, args.file)
            runs += 1
        per_run = (time.perf_counter() - t1) / runs
        print(f"extract: {len(text)} characters in {per_run * 1000:.2f} ms per run "
              f"({len(text) / per_run:,.0f} characters/s, {len(text.encode()) / per_run / 1e6:.2f} MB/s; "
              f"first run with lexicon load {elapsed * 1000:.1f} ms)", file=sys.stderr)
    if args.format == "json":
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(result)
    return 0


def print_table(x: Extraction) -> None:
    d = x.document
    print(f"{d.symbol or '(no symbol)'} — {d.title or '(no title)'}")
    parts = [f"language {d.language}", f"body {d.body}"]
    if d.session:
        parts.append(f"session {d.session}")
    if d.place:
        parts.append(d.place)
    if d.dates:
        parts.append(" to ".join(d.dates))
    if d.vote:
        parts.append(f"vote {d.vote['for']} for, {d.vote['against']} against, {d.vote['abstentions']} abstentions")
    print("  " + " · ".join(parts))
    if x.implements:
        print("  implements: " + ", ".join(x.implements))
    by_par: dict[str, list] = {}
    for c in x.citations:
        by_par.setdefault(c.paragraph, []).append(c)
    print()
    for p in x.paragraphs:
        cites = by_par.get(p.id, [])
        if not cites:
            continue
        print(f"{p.id:<6} {p.phrase} ({p.function})")
        for c in cites:
            flag = "" if c.resolved else "  [not in registry]"
            snippet = " ".join(c.text.split())
            print(f"         {c.target:<40} “{snippet}”{flag}")
    unresolved = sum(1 for c in x.citations if not c.resolved)
    print()
    print(f"{len(x.paragraphs)} paragraphs ({sum(p.kind == 'preambular' for p in x.paragraphs)} preambular, "
          f"{sum(p.kind == 'operative' for p in x.paragraphs)} operative), {len(x.citations)} citations of "
          f"{len({c.target for c in x.citations})} instruments, {unresolved} not in the registry")
