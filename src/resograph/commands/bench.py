"""`resograph bench`: measure extraction, builds, queries, explorer and rebuilds on synthetic corpora
and on renumbered copies of the real Security Council corpus (the measuring is
`resograph.tools.bench`) and print the table."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from resograph.tools import bench, renumber
from resograph.tools.bench import Budgets
from resograph.core.errors import UserError

EPILOG = """\
Examples:
  resograph bench                          # sizes 100 and 1,000 (what `make bench` runs)
  resograph bench --docs 10000 --json build/bench.json   # 100, 1,000 and 10,000
  resograph bench --docs 500 2000 --no-queries
  resograph bench --docs 1000 --real-copies 2     # the real corpus as 2 copies (~1,200 texts)
A single --docs N runs the ladder 100, 1,000, 10,000 up to N (and N itself); several values run
exactly those sizes. Then the real Security Council corpus (../shared/corpus/cr-unsc) as --real-copies
renumbered copies: built cold, queried, rebuilt. Each named query is timed twice: with the worst-case
bindings and as a user first runs it. Figures and targets are printed as a table; --json writes everything.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "bench",
        help="benchmark extraction, build, SPARQL, explorer and incremental rebuild on synthetic and real corpora",
        description="Generate synthetic corpora (resograph synth) and renumbered copies of the real "
                    "Security Council corpus, and measure, in one run on this machine: extraction "
                    "throughput beside a single-regex floor, parallel extraction, full builds with "
                    "Oxigraph and rdflib's memory store (time, stages, peak memory), named-query "
                    "latency (worst-case bindings, and as a user first runs them), explorer generation "
                    "and incremental rebuild.",
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
    p.add_argument("--build", metavar="DIR", default=None,
                   help="only time the named queries (both modes) on this existing Oxigraph build, opened "
                        "read-only, the worst-case bindings read from its store; nothing is generated or built")
    p.add_argument("--real", metavar="DIR", default=None,
                   help="the real Security Council texts (S_RES_NNNN_YYYY_….txt) to build as renumbered copies "
                        "(default: ../shared/corpus/cr-unsc beside the checkout; skipped, with the reason, when absent)")
    p.add_argument("--real-copies", type=int, default=10, metavar="K",
                   help="renumbered copies of the real corpus, 1-10 (default 10: ~6,000 texts); 0: none")
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
    p.add_argument("--no-memory-load", action="store_true",
                   help="above --memory-max-docs, leave the memory store out (no parse, no queries) instead")
    p.add_argument("--build-budget", type=float, default=d.build_s, metavar="S",
                   help=f"stop one build or rebuild after S seconds (default {d.build_s:g})")
    p.set_defaults(func=run)


def sizes_for(docs: list[int] | None) -> list[int]:
    from resograph.tools.bench import DEFAULT_SIZES, LADDER

    if not docs:
        return list(DEFAULT_SIZES)
    if any(n < 1 for n in docs):
        raise UserError(f"--docs {' '.join(map(str, docs))}: sizes must be at least 1")
    if len(docs) == 1:
        n = docs[0]
        return sorted({s for s in LADDER if s <= n} | {n})
    return sorted(set(docs))


def run(args) -> int:
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
                      memory_load=not args.no_memory_load,
                      build_s=args.build_budget)
    if not 0 <= args.real_copies <= renumber.MAX_COPIES:
        raise UserError(f"--real-copies {args.real_copies}: from 0 to {renumber.MAX_COPIES}")
    if args.build:
        result = bench.queries_on_build(Path(args.build), budgets, log)
        print(report_on_build(result))
        _write_json(result, args.json)
        return 0
    real = Path(args.real) if args.real else bench.default_real_corpus()
    if args.real and args.real_copies and not real.is_dir():
        raise UserError(f"--real {args.real}: no such directory")
    result = bench.run(sizes, args.workdir, args.seed, stores=tuple(args.stores), queries=not args.no_queries,
                       budgets=budgets, explore=not args.no_explorer, log=log, real=real,
                       real_copies=args.real_copies)
    print(report(result))
    _write_json(result, args.json)
    return 0


def _write_json(result: dict, path: str | None) -> None:
    if path:
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(out)
        print(f"\nfigures written to {out}")


# -------------------------------------------------------------------------------- the table

def _cell(r: dict | None) -> str:
    """One figure of a query table: the median, '> N s' over budget, or the reason it is missing."""
    if r is None:
        return "n/a"
    if "median_ms" in r:
        return f"{r['median_ms']:.1f}" + ("¹" if r.get("warm_up_only") else "")
    if "over_budget_s" in r:
        return f"> {r['over_budget_s']:g} s"
    if r.get("skipped"):
        return "not run²"
    return "n/a³"


def _peak(r: dict) -> float:
    """Peak RSS until the graph answers (build + open), the larger of the process and its workers."""
    return max(r.get("ready_maxrss_mib", r.get("maxrss_mib", 0)), r.get("workers_maxrss_mib", 0))


def _stage_sum(stages: dict) -> float:
    return sum(v for k, v in stages.items() if k != "ready")


def report(result: dict) -> str:
    """The printed table."""
    t = result["targets"]
    m = result["machine"]
    b = result.get("budgets", asdict(Budgets()))
    c = result.get("commit", {})
    load = m.get("load_1min_at_start")
    lines = [f"resograph bench — {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}"
             + (f", load {load:.1f} at start" if load is not None else ""),
             f"commit {str(c.get('commit'))[:10]}"
             + (f" (+{c['modified_files']} modified file(s) in the tree)" if c.get("modified_files") else ""),
             *_code_changed(result),
             "budgets: " + f"{b['runs']} runs per query after a warm-up (fewer past ¼ of the budget); "
             f"query ≤ {b['query_s']:g} s on Oxigraph (killed), ≤ {b['memory_query_s']:g} s on memory (alarm); "
             f"explorer ≤ {b['explore_s']:g} s (memory store: smallest size only, ≤ {b['memory_explore_s']:g} s); "
             f"memory store rebuilt up to {b['memory_max_docs']} docs, "
             + ("parsed from resograph.nt above" if b.get("memory_load", True) else "left out above"),
             ""]
    ex = result.get("extraction", {})
    lines.append("EXTRACTION (one core, texts in memory)")
    if "error" in ex:
        lines.append(f"  {ex['error']}")
    else:
        ok = "met" if ex["mb_per_s"] >= t["extract_mb_s"] else "NOT met"
        ok2 = "met" if ex["floor_ratio"] <= t["floor_ratio"] else "NOT met"
        lines += [(f"  {ex['docs']} docs, {ex['mb']:.1f} MB: {ex['mb_per_s']:.2f} MB/s ({ex['docs_per_s']:.0f} docs/s;"
                  f" {ex['mb_per_cpu_s']:.2f} MB per CPU-second)"
                  f"   target ≥ {t['extract_mb_s']:.0f} MB/s: {ok}"),
                  (f"  floor (one compiled regex, one pass): {ex['floor_mb_per_s']:.1f} MB/s;"
                  f" ratio {ex['floor_ratio']:.1f}×   target ≤ {t['floor_ratio']:.0f}×: {ok2}")]
        f1 = ex.get("f1", {})
        if f1:
            lines.append(f"  F1 on the synthetic gold: (paragraph, target) pairs {f1['lenient']['f1']:.4f} "
                         f"(P {f1['lenient']['precision']:.4f} R {f1['lenient']['recall']:.4f}); strict "
                         f"{f1['strict']['f1']:.4f}; symbols {f1['symbols_ok']}/{ex['docs']}")
            if f1["missed_by_kind"]:
                lines.append("  missed by kind: " + ", ".join(f"{k} {v}" for k, v in f1["missed_by_kind"].items()))
            if f1["extra_by_prefix"]:
                lines.append("  extra by key prefix: " + ", ".join(f"{k} {v}" for k, v in f1["extra_by_prefix"].items()))
    par = result.get("parallel", {})
    lines += ["", f"PARALLEL EXTRACTION (extract_file over the files, at most {bench.PARALLEL_MAX_FILES}; results sent back)"]
    if "error" in par:
        lines.append(f"  {par['error']}")
    else:
        lines.append(f"  {par['docs']} files: 1 process {par['one_core_s']:.2f}s, {par['workers']} processes "
                     f"{par['pool_s']:.2f}s, speed-up {par['speedup']:.2f}×")
    lines += _report_builds(result, t)
    lines += _report_rebuilds(result, t)
    lines += _report_real(result, t)
    lines += _report_queries(result, t)
    lines += _report_explorer(result)
    if "bench_s" in result:
        lines += ["", f"THIS RUN: {result['bench_s']:.0f} s wall, {result['bench_cpu_s']:.0f} s CPU (all processes)"]
        lines += [f"  {k:<24} {v['wall_s']:>7.1f} s wall {v['cpu_s']:>7.1f} s CPU"
                  for k, v in result.get("phases", {}).items()]
    return "\n".join(lines)


def _code_changed(result: dict) -> list[str]:
    """A warning when the code under measurement changed during the run (another commit, or other
    uncommitted files): a change to the extraction/graph code invalidates the build cache, so a
    rebuild after it is not the rebuild it says it is."""
    start, end = result.get("commit", {}), result.get("commit_at_end")
    # the code measured: src/, ontology/ and data/ as committed (a commit of docs alone changes none)
    # and their uncommitted changes; the commit id where the JSON has no tree ids
    keys = ("code_trees" if "code_trees" in start else "commit", "uncommitted_sha1")
    if not end or [start.get(k) for k in keys] == [end.get(k) for k in keys]:
        return []
    return [(f"WARNING: the code changed during this run (commit {str(start.get('commit'))[:10]} → "
             f"{str(end.get('commit'))[:10]}, uncommitted files {start.get('modified_files')} → "
             f"{end.get('modified_files')}): figures after the change measure other code, and a rebuild "
             "after it may have found its cache invalidated (see 'cache' in the JSON)")]


def _report_builds(result: dict, t: dict) -> list[str]:
    lines = ["", "BUILD (cold: text → validated graph → files + store; a fresh process each)",
             (f"  {'docs':>6} {'store':<9} {'build s':>8} {'CPU s':>7} {'ready s':>8} {'triples':>9} "
             f"{'peak MiB':>9}  stages (wall s)")]
    for n, per in result["builds"].items():
        for store, r in per.items():
            if "load_s" in r:
                lines.append(f"  {n:>6} {store:<9} {'n/a':>8} {'':>7} {'':>8} {r['store_triples']:>9} "
                             f"{_peak(r):>9.0f}  build n/a ({r['build_skipped']}): parse resograph.nt "
                             f"{r['load_s']:.1f}s (CPU {r['load_cpu_s']:.1f}s)")
                continue
            if "error" in r:
                lines.append(f"  {n:>6} {store:<9} {r['error']}" + (f"; build {r['build_skipped']}" if "build_skipped" in r else ""))
                continue
            stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items() if k != "ready")
            lines.append(f"  {n:>6} {store:<9} {r['build_s']:>8.1f} {r['build_cpu_s']:>7.1f} {r['ready_s']:>8.1f} "
                         f"{r['triples']:>9} {_peak(r):>9.0f}  "
                         f"{stages}  [SHACL {r['validation']}: {r.get('violations')} violation(s)]")
        ox, mem = per.get("oxigraph", {}), per.get("memory", {})
        if "build_s" in ox and "build_s" in mem:
            lines.append(f"  {n:>6} memory ÷ oxigraph: build {mem['build_s'] / ox['build_s']:.2f}×, "
                         f"ready {mem['ready_s'] / ox['ready_s']:.2f}×, peak memory {_peak(mem) / _peak(ox):.2f}×")
        elif "load_s" in mem and "ready_s" in ox:
            lines.append(f"  {n:>6} memory store: parsing the graph alone takes {mem['load_s'] / ox['ready_s']:.2f}× "
                         f"the Oxigraph build's ready time")
        if ox.get("stages"):
            total = _stage_sum(ox["stages"])
            v = ox["stages"].get("validate", 0.0)
            lines.append(f"  {n:>6} SHACL validation: {v:.1f}s = {100 * v / total:.0f}% of the Oxigraph build's stages")
        if "ready_s" in ox and int(n) >= 10_000:
            ok = "met" if ox["ready_s"] < t["build_10k_s"] else f"NOT met ({ox['ready_s'] / t['build_10k_s']:.1f}× the target)"
            lines.append(f"  target {n} docs ready < {t['build_10k_s']:.0f}s: {ok}")
    lines.append("  ready = from the process start until the store answers a query (see ready_from in the JSON);"
                 " CPU includes worker processes; peak = until ready, the larger of the build process and its workers")
    return lines


def _report_rebuilds(result: dict, t: dict) -> list[str]:
    lines = ["", "REBUILD of the Oxigraph build (a fresh process each)"]
    for n, inc in result["incremental"].items():
        lines += _rebuild_lines(n, inc, t)
    if not result["incremental"]:
        lines.append("  n/a (no Oxigraph build)")
    return lines


def _rebuild_lines(n, inc: dict, t: dict) -> list[str]:
    """The rebuilds of one build; a one-change rebuild beside its target (with the default dump
    files, and store only)."""
    labels = (("unchanged", "nothing changed", None), ("one_changed", "one changed", t.get("incremental_dumps_s")),
              ("unchanged_store_only", "nothing, store only", None),
              ("one_changed_store_only", "one, store only", t["incremental_s"]))
    lines = []
    for key, label, target in labels:
        r = inc.get(key)
        if r is None:
            continue
        if "error" in r:
            lines.append(f"  {n:>6} {label:<20} {r['error']}")
            continue
        stages = " ".join(f"{k} {v:.2f}" for k, v in r["stages"].items() if k != "ready")
        ok = "met" if target and r["rebuild_s"] < target else "NOT met"
        ready = f", ready {r['ready_s']:.2f}s" if "ready_s" in r else ""
        lines.append(f"  {n:>6} {label:<20} {r['rebuild_s']:.2f}s (CPU {r['rebuild_cpu_s']:.1f}s{ready}; "
                     f"import {r['import_s']:.2f}s)  ({stages})" + (f"  target < {target:g}s: {ok}" if target else ""))
    return lines


def report_on_build(result: dict) -> str:
    """The table of `resograph bench --build DIR`: the named queries of one existing build."""
    m, c, b = result["machine"], result.get("commit", {}), result["budgets"]
    load = m.get("load_1min_at_start")
    head = [f"resograph bench --build {result['on_build']} — {m['nproc']} cores, Python {m['python']}"
            + (f", load {load:.1f} at start" if load is not None else ""), f"commit {str(c.get('commit'))[:10]}",
            *_code_changed(result),
            f"budgets: {b['runs']} runs per query after a warm-up; query ≤ {b['query_s']:g} s (killed)",
            "worst-case bindings (from the store): " + ", ".join(f"{k}={v}" for k, v in result["bindings"].items())]
    body = _report_queries({"builds": {}, "real": {}, "on_build": result["oxigraph"]}, result["targets"])
    return "\n".join(head + body + ["", f"THIS RUN: {result['bench_s']:.0f} s wall, {result['bench_cpu_s']:.0f} s CPU"])


def _columns(result: dict) -> list[tuple[str, dict]]:
    """(heading, a build's figures) of each column of the query table: every size and store, then
    the real corpus."""
    cols = [(f"{n} {s[:3]}", result["builds"][n][s]) for n in result["builds"] for s in ("oxigraph", "memory")
            if s in result["builds"][n]]
    real = result.get("real", {})
    if "build" in real:
        cols.append((f"real×{real['copies']} oxi", real["build"]))
    if "on_build" in result:
        cols.append(("the build oxi", result["on_build"]))
    return cols


def _report_queries(result: dict, t: dict) -> list[str]:
    lines = ["", "NAMED QUERIES (median ms, wall; each cell: worst-case bindings / as a user first runs it)",
             "  worst case: doc/from = the most-citing text, key = the most cited instrument; as a user runs it: "
             "the catalogue's defaults, optional parameters unbound"]
    cols = _columns(result)
    names = sorted({q for _, r in cols for key in bench.MODES.values() for q in r.get(key, {})})
    if not names:
        return lines + ["  n/a (not run: --no-queries, or no build)"]
    lines.append("  " + f"{'query':<26}" + "".join(f"{h:>20}" for h, _ in cols))
    for q in names:
        cells = [f"{_cell(r.get('queries', {}).get(q))} / {_cell(r.get('queries_user', {}).get(q))}" for _, r in cols]
        lines.append("  " + f"{q:<26}" + "".join(f"{c:>20}" for c in cells))
    lines += ["  ¹ one run only (its warm-up took most of the budget)", ("  ² not run: too slow at the smaller size"
              " to finish in budget here (the JSON says how slow)"), "  ³ failed or unavailable: the reason is in the JSON"]
    for n in result.get("builds", {}):
        for mode, key in bench.MODES.items():
            differ = bench.row_mismatches(result["builds"][n], key)
            if differ:
                lines.append(f"  at {n} docs ({bench.MODE_LABELS[mode]}) the stores answer with different numbers of "
                             "rows: " + ", ".join(f"{q} (oxigraph {a}, memory {b})" for q, (a, b) in differ.items()))
    for heading, r in cols:
        if not heading.endswith("oxi"):
            continue
        for mode, key in bench.MODES.items():
            qs = r.get(key, {})
            if qs:
                slow = [q for q, x in qs.items() if "median_ms" not in x or x["median_ms"] >= t["query_ms"]]
                lines.append(f"  every median < {t['query_ms']:.0f} ms, {heading[:-4]}, {bench.MODE_LABELS[mode]}: "
                             + ("met" if not slow else f"NOT met: {len(slow)} of {len(qs)} ({', '.join(slow)})"))
    lines.append("  (the target is at 10,000 documents on Oxigraph)")
    return lines


def _report_real(result: dict, t: dict) -> list[str]:
    real = result.get("real")
    lines = ["", "REAL CORPUS (the Security Council texts of CR-UNSC, renumbered copies; Oxigraph)"]
    if real is None or "error" in real:
        return lines + [f"  {real['error'] if real else 'n/a (not run)'}"]
    lines.append(f"  {real['copies']} copies of {real['source']}: {real['docs_written']} texts, {real['mb']:.1f} MB")
    ex = real.get("extraction", {})
    if "error" in ex:
        lines.append(f"  extraction: {ex['error']}")
    elif ex:
        lines.append(f"  extraction of the {ex['docs']} originals, one core: {ex['mb_per_s']:.2f} MB/s "
                     f"({ex['mb_per_cpu_s']:.2f} MB per CPU-second); floor {ex['floor_mb_per_s']:.1f} MB/s, "
                     f"ratio {ex['floor_ratio']:.1f}×   target ≥ {t.get('real_extract_mb_s', 6):g} MB/s: "
                     + ("met" if ex["mb_per_s"] >= t.get("real_extract_mb_s", 6) else "NOT met"))
    c = real.get("renumbering")
    if c:
        lines.append(f"  renumbering (copy +{c['offset']}): {c['docs'] - c['docs_differing']} of {c['docs']} texts "
                     f"read as the original with its numbers shifted ({c['pairs']} citations)"
                     + (f"; differing: {', '.join(c['differing'])}" if c["differing"] else ""))
    if real.get("bindings"):
        lines.append("  worst-case bindings: " + ", ".join(f"{k}={v}" for k, v in real["bindings"].items()))
    b = real.get("build", {})
    if "error" in b:
        lines.append(f"  cold build: {b['error']}")
    elif b:
        stages = " ".join(f"{k} {v:.1f}" for k, v in b["stages"].items() if k != "ready")
        lines.append(f"  cold build {b['build_s']:.1f}s (CPU {b['build_cpu_s']:.1f}s), ready {b['ready_s']:.1f}s, "
                     f"{b['documents']} documents, {b['triples']} triples, peak {_peak(b):.0f} MiB  ({stages})")
    if "incremental" in real:
        lines += _rebuild_lines("real", real["incremental"], t)
    return lines


def _report_explorer(result: dict) -> list[str]:
    lines = ["", "EXPLORER (Oxigraph: `resograph explore` as run by a user; memory: the same steps in-process)"]
    for n, per in result.get("explorer", {}).items():
        for store, e in per.items():
            if "error" in e:
                lines.append(f"  {n:>6} {store:<9} {e['error']}")
                continue
            split = f" (network {e['network_s']:.2f}s, page {e['html_s']:.2f}s)" if "network_s" in e else ""
            cpu = f", CPU {e['cpu_s']:.1f}s" if "cpu_s" in e else ""
            nodes = "?" if e.get("nodes") is None else e["nodes"]
            edges = "?" if e.get("edges") is None else e["edges"]
            lines.append(f"  {n:>6} {store:<9} {e['seconds']:.2f}s{cpu}{split}, {nodes} nodes, "
                         f"{edges} edges, {e['html_bytes'] / 1e6:.2f} MB of HTML")
    if not result.get("explorer"):
        lines.append("  n/a (not run)")
    return lines
