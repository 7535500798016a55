"""`resograph bench`: measure extraction, builds, queries, explorer and rebuilds on synthetic corpora."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..bench import Budgets
from ..errors import UserError

EPILOG = """\
Examples:
  resograph bench                          # sizes 100 and 1,000 (what `make bench` runs)
  resograph bench --docs 10000 --json build/bench.json   # 100, 1,000 and 10,000
  resograph bench --docs 500 2000 --no-queries
A single --docs N runs the ladder 100, 1,000, 10,000 up to N (and N itself); several values run
exactly those sizes. Figures and targets are printed as a table; --json writes everything.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "bench",
        help="benchmark extraction, build, SPARQL, explorer and incremental rebuild on synthetic corpora",
        description="Generate synthetic corpora (resograph synth) and measure, in one run on this "
                    "machine: extraction throughput beside a single-regex floor, parallel "
                    "extraction, full builds with Oxigraph and rdflib's memory store (time, stages, "
                    "peak memory), named-query latency, explorer generation and incremental rebuild.",
        epilog=EPILOG,
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("--docs", type=int, nargs="+", metavar="N", help="corpus size(s) (default: 100 1000)")
    p.add_argument("--json", metavar="FILE", help="also write every figure as JSON to FILE")
    p.add_argument("--workdir", default="build/bench", metavar="DIR",
                   help="where corpora and builds go (default: build/bench)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="corpus seed (default 0)")
    p.add_argument("--stores", nargs="+", default=["oxigraph", "memory"], choices=("oxigraph", "memory"))
    p.add_argument("--no-queries", action="store_true", help="skip the named-query latencies")
    p.add_argument("--no-explorer", action="store_true", help="skip the explorer")
    d = Budgets()
    p.add_argument("--runs", type=int, default=d.runs,
                   help=f"timed runs per query after a warm-up (median; fewer for slow queries; default {d.runs})")
    p.add_argument("--query-budget", type=float, default=d.query_s, metavar="S",
                   help=f"stop one Oxigraph query after S seconds, printed '> S s' (default {d.query_s:g})")
    p.add_argument("--memory-query-budget", type=float, default=None, metavar="S",
                   help="the same on rdflib's memory store (default: --query-budget)")
    p.add_argument("--explore-budget", type=float, default=d.explore_s, metavar="S",
                   help=f"stop `resograph explore` after S seconds (default {d.explore_s:g})")
    p.add_argument("--memory-explore-budget", type=float, default=d.memory_explore_s, metavar="S",
                   help="the explorer on the memory store, run at the smallest size only "
                        f"(default {d.memory_explore_s:g})")
    p.add_argument("--memory-max-docs", type=int, default=d.memory_max_docs, metavar="N",
                   help="build the memory store cold up to N docs; above, time parsing the graph into it "
                        f"and the queries that fit their budget (default {d.memory_max_docs})")
    p.add_argument("--memory-load-budget", type=float, default=d.memory_load_s, metavar="S",
                   help="above --memory-max-docs: stop parsing the graph into the memory store after S seconds "
                        f"(not started when the smaller size predicts more; default {d.memory_load_s:g})")
    p.add_argument("--build-budget", type=float, default=d.build_s, metavar="S",
                   help=f"stop one build or rebuild after S seconds (default {d.build_s:g})")
    p.set_defaults(func=run)


def sizes_for(docs: list[int] | None) -> list[int]:
    from ..bench import DEFAULT_SIZES, LADDER

    if not docs:
        return list(DEFAULT_SIZES)
    if any(n < 1 for n in docs):
        raise UserError(f"--docs {' '.join(map(str, docs))}: sizes must be at least 1")
    if len(docs) == 1:
        n = docs[0]
        return sorted({s for s in LADDER if s <= n} | {n})
    return sorted(set(docs))


def run(args) -> int:
    from .. import bench

    sizes = sizes_for(args.docs)

    def log(msg: str) -> None:
        print(f"bench: {msg}", file=sys.stderr, flush=True)

    for name in ("runs", "query_budget", "explore_budget", "memory_explore_budget", "memory_load_budget",
                 "build_budget"):
        if getattr(args, name) <= 0:
            raise UserError(f"--{name.replace('_', '-')} {getattr(args, name)}: must be positive")
    budgets = Budgets(runs=args.runs, query_s=args.query_budget,
                      memory_query_s=args.memory_query_budget or args.query_budget,
                      explore_s=args.explore_budget, memory_explore_s=args.memory_explore_budget,
                      memory_max_docs=args.memory_max_docs, memory_load_s=args.memory_load_budget,
                      build_s=args.build_budget)
    result = bench.run(sizes, args.workdir, args.seed, stores=tuple(args.stores), queries=not args.no_queries,
                       budgets=budgets, explore=not args.no_explorer, log=log)
    print(bench.report(result))
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(out)
        print(f"\nfigures written to {out}")
    return 0
