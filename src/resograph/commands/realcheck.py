"""`resograph realcheck DIR`: check the extractor on real texts without gold (baseline, chronology…)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from resograph.tools.realcheck import DEFAULT_GENRE, Finding, Report, load_genre, realcheck

EPILOG = """\
Example:
  resograph realcheck ../shared/corpus/cr-unsc
  resograph realcheck ../shared/corpus/cr-unsc --json > realcheck.json

Genres: the file-name rule, the baseline regex and the key shape of a corpus are a JSON file
(built in: cr-unsc, synth for `resograph synth` output); --genre my-genre.json reads another
with the same fields.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "realcheck",
        help="check the extractor on a folder of real resolutions that have no hand gold",
        description="Extract every text of DIR whose name the genre reads and report: (a) recall of the "
                    "corpus's baseline regex (every miss listed with its context), (b) citations of a "
                    "later resolution (must be 0), (c) printed years that disagree with the corpus's "
                    "year for that number, (d) operative paragraphs against the highest printed number, "
                    "(e) documents, paragraphs and citations by target kind.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dir", type=Path, metavar="DIR", help="folder of real texts")
    p.add_argument("--genre", default=DEFAULT_GENRE, metavar="NAME|FILE.json",
                   help=f"corpus rules: a built-in name or a JSON file (default: {DEFAULT_GENRE})")
    p.add_argument("--json", action="store_true", help="print every figure and list as JSON")
    p.set_defaults(func=run)


def _findings(title: str, items: list[Finding]) -> list[str]:
    out = [f"{title}: {len(items)}"]
    for f in items:
        where = f.paragraph or "outside paragraphs"
        note = f"  ({f.note})" if f.note else ""
        out.append(f"  {f.file}  {f.target}  [{where}]{note}")
        if f.text:
            out.append(f"      {f.text}")
    return out


def render(r: Report) -> str:
    """The report as text: figures first, then every listed case."""
    mismatched = r.operative_mismatches()
    numbered = sum(o.printed is not None for o in r.operative_counts)
    lines = [f"genre {r.genre}: {r.documents} documents"
             + (f" ({len(r.skipped_files)} files of other names skipped)" if r.skipped_files else ""),
             f"paragraphs: {r.preambular} preambular, {r.operative} operative",
             f"citations: {r.citations}"]
    lines += [f"  {kind:<28} {n}" for kind, n in sorted(r.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(f"(a) baseline recall: {r.baseline_found}/{r.baseline} = {r.recall:.4f}; without the "
                 f"{r.baseline_errors} baseline errors: {r.baseline_found}/{r.baseline - r.baseline_errors} = "
                 f"{r.corrected_recall:.4f}")
    lines += _findings("    missed", r.misses)
    lines += _findings("(b) citations of a later resolution", r.later)
    lines += _findings("    citations of the document itself", r.self_citations)
    lines += _findings("(c) printed years that disagree with the corpus", r.text_years)
    lines += _findings("    extracted keys whose year disagrees with the corpus", r.target_years)
    lines.append(f"(d) operative paragraphs = printed numbering: {numbered - len(mismatched)}/{numbered} "
                 f"numbered documents ({r.documents - numbered} without printed numbers)")
    lines += [f"  {o.file}: {o.paragraphs} op_n, printed up to {o.printed}" for o in mismatched]
    lines += _findings("own symbol differs from the file name's", r.symbols)
    if r.unnumbered:
        shown = ", ".join(r.unnumbered[:10]) + (", …" if len(r.unnumbered) > 10 else "")
        lines.append(f"no citing number (neither file name nor own symbol): {len(r.unnumbered)} documents, "
                     f"baseline and chronology not checked: {shown}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    genre = load_genre(args.genre)
    from tqdm import tqdm

    def progress(items):
        return tqdm(items, unit="doc", file=sys.stderr, disable=None, desc="realcheck")

    report = realcheck(args.dir, genre, progress)
    if args.json:
        json.dump(report.figures(), sys.stdout, indent=1)
        print()
    else:
        print(render(report))
    return 0
