"""`resograph synth`: write a synthetic corpus of resolutions with their gold citations."""

from __future__ import annotations

import sys
from pathlib import Path

from resograph.core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser(
        "synth",
        help="generate a synthetic corpus of resolutions with gold citations (benchmarks, F1)",
        description="Generate N realistic synthetic resolutions (INTERPOL, UN GA, Security Council, "
                    "ECOSOC; fr/en/es), each NAME.txt beside its NAME.gold.json in the dev-corpus "
                    "format. Deterministic: the same --seed gives the same bytes.",
        epilog="Example: resograph synth --docs 1000 --out build/synth-1000 --seed 7",
    )
    p.add_argument("--docs", type=int, default=100, metavar="N", help="number of documents (default 100)")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.set_defaults(func=run)


def run(args) -> int:
    from tqdm import tqdm

    from resograph.tools.synth import write_corpus

    if args.docs < 1:
        raise UserError(f"--docs {args.docs}: must be at least 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a directory")
    if out.is_dir() and any(out.glob("*.txt")):
        stale = [p for p in out.glob("synth*.txt")]
        if len(stale) != sum(1 for _ in out.glob("*.txt")):
            raise UserError(f"{out}: holds other .txt files; choose an empty directory")
        for p in stale:  # a previous synthetic corpus: replace it entirely
            p.unlink()
            p.with_suffix("").with_suffix(".gold.json").unlink(missing_ok=True)
    with tqdm(total=args.docs, unit="doc", file=sys.stderr, disable=None, desc="synth") as bar:
        paths = write_corpus(out, args.docs, args.seed, progress=bar.update)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB of text) and their gold to {out}/ (seed {args.seed})")
    return 0
