"""The benchmark behind `resograph bench` (issue 7): one run, one machine, every figure.

What it measures, on synthetic corpora (:mod:`resograph.synth`) of each requested size:

- extraction throughput (MB/s of UTF-8 text, one core, texts already in memory) beside the *floor*:
  one pass of one compiled regular expression over the same texts; their ratio is the overhead of
  the pipeline over the cheapest conceivable scan. The extractor's F1 on the same corpus is reported
  with it (the generator's gold; strict pairs and the lenient scoring of `resograph eval`);
- extraction of many files on one core and on all cores (a process pool), before/after;
- the full build (text → validated graph → files + store) in a fresh subprocess per size and per
  store (Oxigraph, rdflib memory), its stages (extract, graph, SHACL, serialise, store load), its
  peak memory (`ru_maxrss` of that subprocess) and the time until the graph answers a query;
- each named query's median latency on both stores (bound to a real document and the most cited
  instrument of the corpus; optional parameters left open, which is the heavier case);
- explorer generation time and HTML size;
- an incremental rebuild after one source changed.

A piece of the system that is not available (not written yet, or failing) is reported as
"n/a (…)" and the run goes on. Targets are printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import __version__

DEFAULT_SIZES = (100, 1000)
LADDER = (100, 1000, 10_000)
TARGETS = {
    "extract_mb_s": 10.0,       # MB/s on one core
    "floor_ratio": 10.0,        # within 10x of the single-regex floor
    "build_10k_s": 60.0,        # 10,000 docs, text → validated queryable graph
    "incremental_s": 2.0,       # rebuild after one changed source
    "query_ms": 100.0,          # every named query median at 10,000 docs on Oxigraph
}

# The floor: one pass of a single compiled regex over the text. It looks for the shapes of the
# references the extractor finds (symbols, n/n numbers, SC numbers with years, INTERPOL codes,
# articles), so it touches the text about as much as a minimal scanner would.
FLOOR_RE = re.compile(
    r"\b(?:[ASE]/(?:RES|DEC)/\S+|\d{1,4}/\d{1,4}|\d{3,4} ?\(\d{4}\)|(?:GA|AG)-\d{4}-(?:\d{2,3}-)?RES-\d{1,2}"
    r"|AGN/\d+/RES/\d+|[Aa]rt[ií]c(?:le|ulo)s? \d+)"
)


def machine() -> dict:
    mem = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), None)
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"nproc": os.cpu_count(), "memory_gib": mem, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "resograph": __version__, "load_1min_at_start": load}


def _versions() -> dict:
    out = {}
    for mod in ("rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "networkx", "pyvis"):
        try:
            from importlib.metadata import version
            out[mod] = version(mod)
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            out[mod] = None
    return out


# -------------------------------------------------------------------------------- corpora

def ensure_corpus(workdir: Path, n: int, seed: int) -> tuple[Path, float | None]:
    """The synthetic corpus of `n` documents under `workdir`, generated unless already there."""
    from .synth import GENERATOR_VERSION, write_corpus

    d = workdir / f"corpus-{n}"
    stamp = d / ".synth.json"
    want = {"docs": n, "seed": seed, "version": GENERATOR_VERSION}
    if stamp.is_file() and json.loads(stamp.read_text()) == want:
        return d, None
    if d.exists():
        shutil.rmtree(d)
    t = time.perf_counter()
    write_corpus(d, n, seed)
    elapsed = time.perf_counter() - t
    stamp.write_text(json.dumps(want))
    return d, elapsed


def corpus_texts(d: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.txt"))]


# -------------------------------------------------------------------------------- extraction

def measure_extraction(texts: list[tuple[Path, str]]) -> dict:
    """Single-core extraction throughput vs the single-regex floor, and F1 against the gold."""
    try:
        from .extract import extract
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a (not available: {exc})"}
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    for p, t in texts[:20]:  # warm-up: lexicons, compiled patterns
        extract(t, str(p))
    t0, c0 = time.perf_counter(), time.process_time()
    results = [extract(t, str(p)) for p, t in texts]
    t_extract = time.perf_counter() - t0
    c_extract = time.process_time() - c0
    best_floor = None
    for _ in range(3):
        t0 = time.perf_counter()
        n = 0
        for _, t in texts:
            for _m in FLOOR_RE.finditer(t):
                n += 1
        el = time.perf_counter() - t0
        best_floor = el if best_floor is None else min(best_floor, el)
    out = {
        "docs": len(texts), "mb": size / 1e6, "seconds": t_extract,
        "mb_per_s": size / 1e6 / t_extract, "docs_per_s": len(texts) / t_extract,
        "floor_seconds": best_floor, "floor_mb_per_s": size / 1e6 / best_floor,
        "floor_ratio": t_extract / best_floor, "floor_regex": FLOOR_RE.pattern,
        "cpu_seconds": c_extract, "mb_per_cpu_s": size / 1e6 / c_extract,
    }
    out["f1"] = score_against_gold([(p, x) for (p, _), x in zip(texts, results)])
    return out


def score_against_gold(pairs) -> dict:
    """Pairs (paragraph, target) scored two ways: `resograph eval`'s (a bare treaty key beside one
    of its articles is optional) and strict; misses and extras counted by the generator's kind."""
    from .evaluate import Score, score_document

    lenient, strict = Score(), Score()
    missed_by_kind: dict[str, int] = {}
    extra_by_prefix: dict[str, int] = {}
    symbols_ok = 0
    for path, x in pairs:
        gold_path = Path(str(path)[: -len(".txt")] + ".gold.json")
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        r = score_document(x, gold, path.stem)
        lenient.add(r.pairs)
        got = {(c.paragraph, c.target) for c in x.citations}
        want = {(c["paragraph"], c["target"]) for c in gold["citations"]}
        strict.add(Score(len(got & want), len(got - want), len(want - got)))
        symbols_ok += r.symbol_ok
        kinds = {(m["paragraph"], t): m["kind"] for m in gold.get("mentions", []) for t in m["targets"]}
        for pair in r.missed:
            k = kinds.get(tuple(pair), "?")
            missed_by_kind[k] = missed_by_kind.get(k, 0) + 1
        for _, target in r.extra:
            k = re.split(r"[/:-]", target)[0]
            extra_by_prefix[k] = extra_by_prefix.get(k, 0) + 1

    def as_dict(s):
        return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                "recall": round(s.recall, 4), "f1": round(s.f1, 4)}

    return {"lenient": as_dict(lenient), "strict": as_dict(strict), "symbols_ok": symbols_ok,
            "missed_by_kind": dict(sorted(missed_by_kind.items(), key=lambda kv: -kv[1])),
            "extra_by_prefix": dict(sorted(extra_by_prefix.items(), key=lambda kv: -kv[1]))}


def _extract_path(path: str):
    from .extract import extract_file
    return extract_file(path)


def measure_parallel(paths: list[Path], workers: int | None = None) -> dict:
    """extract_file over many files: one process (what a build does today) vs a process pool."""
    try:
        from .extract import extract_file
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a (not available: {exc})"}
    from concurrent.futures import ProcessPoolExecutor

    workers = workers or os.cpu_count() or 1
    strs = [str(p) for p in paths]
    t0 = time.perf_counter()
    for p in strs:
        extract_file(p)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        n = sum(1 for _ in pool.map(_extract_path, strs, chunksize=max(1, len(strs) // (workers * 8))))
    many = time.perf_counter() - t0
    return {"docs": n, "workers": workers, "one_core_s": one, "pool_s": many, "speedup": one / many}


# -------------------------------------------------------------------------------- builds

def _child(args: list[str], timeout: float) -> dict:
    """Run `python -m resograph.bench --child …` and return the JSON it prints last."""
    cmd = [sys.executable, "-m", "resograph.bench", "--child", *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"n/a (timed out after {timeout:.0f}s)"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"n/a (failed: {tail[0][:200]})"}
    return json.loads(lines[-1])


def _cpu_s() -> float:
    """CPU seconds of this process (user + system): unlike wall time, not inflated when other work
    shares the cores."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _maxrss_mib() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _query_bindings(corpus: Path) -> dict[str, str]:
    """Bind `doc`/`from` to the most-citing document and `key` to the most cited instrument."""
    counts: dict[str, int] = {}
    best_doc, best_n = None, -1
    for g in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        cits = gold["citations"]
        if len(cits) > best_n:
            best_doc, best_n = gold["symbol"], len(cits)
        for c in cits:
            counts[c["target"]] = counts.get(c["target"], 0) + 1
    hub = max(counts, key=lambda k: (counts[k], k)) if counts else None
    out = {}
    if best_doc:
        out["doc"] = out["from"] = best_doc
    if hub:
        out["key"] = hub
    return out


def _time_queries(graph, corpus: Path, runs: int, budget_s: float) -> dict:
    from . import sparql

    catalogue = sparql.load_catalogue()
    values = _query_bindings(corpus)
    out = {}
    for name, q in catalogue.items():
        declared = {p.name for p in q.params}
        given = {k: v for k, v in values.items() if k in declared}
        try:
            init = sparql.bindings(q, given)
        except Exception as exc:  # noqa: BLE001
            out[name] = {"error": f"n/a ({exc})"}
            continue
        times, rows = [], None
        try:
            with _alarm(budget_s):
                for i in range(runs + 1):  # the first run is a warm-up, kept if it is the only one
                    t0 = time.perf_counter()
                    res = sparql.run(graph, q.text, init, source=name)
                    rows = len(list(res)) if q.form in ("SELECT", "CONSTRUCT", "DESCRIBE") else 1
                    times.append(time.perf_counter() - t0)
                    if sum(times) > budget_s / 4 and i >= 1:
                        break
        except _Timeout:
            out[name] = {"error": f"n/a (> {budget_s:.0f}s)", "runs": len(times)}
            continue
        except Exception as exc:  # noqa: BLE001
            out[name] = {"error": f"n/a ({type(exc).__name__}: {str(exc)[:120]})"}
            continue
        timed = times[1:] or times
        out[name] = {"median_ms": statistics.median(timed) * 1000, "runs": len(timed), "rows": rows}
    return out


class _Timeout(Exception):
    pass


class _alarm:
    """SIGALRM after `seconds` (rdflib evaluates in Python, so the alarm interrupts it)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        import signal

        def fire(*_):
            raise _Timeout()
        self.old = signal.signal(signal.SIGALRM, fire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        import signal
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)
        return False


def child_build(corpus: str, out: str, store: str, queries: bool, explore: bool,
                runs: int, budget: float) -> dict:
    """In a fresh process: build, open the graph, time named queries and the explorer."""
    res: dict = {"store": store}
    t0 = time.perf_counter()
    from .build import build  # import cost is part of a real `resograph build`
    # allow_invalid: a violation is reported (conforms, violations) but must not stop the measurement
    r = build([corpus], out, store=store, quiet=True, allow_invalid=True)
    res["build_s"] = time.perf_counter() - t0
    res["build_cpu_s"] = _cpu_s()
    res["stages"] = {k: round(v, 3) for k, v in r.timings.items()}
    res["validation"] = r.validation
    res["conforms"] = bool(r.report.conforms) if r.report is not None else None
    res["violations"] = r.report.violations if r.report is not None else None
    res["published"] = r.published
    res["triples"] = r.triples
    res["documents"] = r.documents
    res["citations"] = r.citations
    res["build_maxrss_mib"] = _maxrss_mib()
    from .store import open_graph
    t1 = time.perf_counter()
    g = open_graph(out, store)
    n = len(g) if store == "memory" else None
    if n is None:
        list(g.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    res["open_s"] = time.perf_counter() - t1
    res["ready_s"] = res["build_s"] + res["open_s"]  # text → validated, queryable graph
    if queries:
        res["queries"] = _time_queries(g, Path(corpus), runs, budget)
    if explore:
        res["explore"] = child_explore(out, store, g)
    res["maxrss_mib"] = _maxrss_mib()
    return res


def child_explore(out: str, store: str, graph=None) -> dict:
    """What `resograph explore` does (network from the store, isolated nodes hidden, timeline page),
    timed in two parts: the networkx projection and the HTML page."""
    try:
        from .explore import write_explorer
        from .network import from_rdf
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a (not available: {type(exc).__name__})"}
    html = Path(out) / "bench-explorer.html"
    try:
        t0 = time.perf_counter()
        if graph is None:
            from .store import open_graph
            graph = open_graph(out, store)
        G = from_rdf(graph)
        G = G.subgraph([k for k in G if G.degree(k) > 0]).copy()
        t1 = time.perf_counter()
        write_explorer(G, html, layout="timeline")
        t2 = time.perf_counter()
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a ({type(exc).__name__}: {str(exc)[:160]})"}
    return {"seconds": t2 - t0, "network_s": t1 - t0, "html_s": t2 - t1, "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(), "html_bytes": html.stat().st_size}


def child_rebuild(corpus: str, out: str, store: str) -> dict:
    """In a fresh process: rebuild `out` from `corpus` (the caller changed one source first)."""
    t0 = time.perf_counter()
    from .build import build
    r = build([corpus], out, store=store, quiet=True, allow_invalid=True)
    return {"rebuild_s": time.perf_counter() - t0, "rebuild_cpu_s": _cpu_s(), "stages": {k: round(v, 3) for k, v in r.timings.items()},
            "published": r.published, "maxrss_mib": _maxrss_mib()}


def change_one_source(corpus: Path) -> tuple[Path, str]:
    """Edit one text the way a user would (a word in its first preambular paragraph); return
    (path, original text) so the caller can restore it."""
    paths = sorted(corpus.glob("*.txt"))
    p = paths[len(paths) // 2]
    text = p.read_text(encoding="utf-8")
    new = text.replace("\n\n", "\n\n", 1)
    m = re.search(r"(?m)^(\S+)( )", text[len(text) // 3:])
    if m:
        i = len(text) // 3 + m.end(2)
        new = text[:i] + "[amended] " + text[i:]
    p.write_text(new, encoding="utf-8")
    return p, text


# -------------------------------------------------------------------------------- the run

def run(sizes=DEFAULT_SIZES, workdir: str | os.PathLike = "build/bench", seed: int = 0,
        stores=("oxigraph", "memory"), queries: bool = True, runs: int = 5,
        query_budget: float = 120.0, build_timeout: float = 3600.0, log=print) -> dict:
    """Every measurement of the module docstring; returns the JSON-able result."""
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"machine": machine(), "versions": _versions(), "seed": seed, "sizes": list(sizes),
                    "targets": TARGETS, "corpora": {}, "builds": {}, "incremental": {}}
    corpora = {}
    for n in sizes:
        d, gen_s = ensure_corpus(work, n, seed)
        size = sum(p.stat().st_size for p in d.glob("*.txt"))
        corpora[n] = d
        result["corpora"][n] = {"dir": str(d), "mb": size / 1e6, "generate_s": gen_s}
        log(f"corpus {n}: {size / 1e6:.1f} MB" + (f", generated in {gen_s:.1f}s" if gen_s else " (cached)"))

    biggest = max(sizes)
    texts = corpus_texts(corpora[biggest])
    log(f"extraction throughput on {len(texts)} documents …")
    result["extraction"] = measure_extraction(texts)
    log(f"parallel extraction on {len(texts)} files …")
    result["parallel"] = measure_parallel([p for p, _ in texts])
    del texts

    for n in sizes:
        result["builds"][n] = {}
        for store in stores:
            out = work / f"build-{n}-{store}"
            if out.exists():
                shutil.rmtree(out)
            log(f"build {n} docs, {store} …")
            isolated = queries and store == "oxigraph"  # Oxigraph queries: one process each, hard limit
            # the explorer is timed on the Oxigraph build only: `resograph explore` reads the store
            r = _child(["build", str(corpora[n]), str(out), store, str(int(queries and not isolated)),
                        str(int(store == "oxigraph")), str(runs), str(query_budget)], build_timeout)
            if isolated and "error" not in r:
                log(f"named queries {n} docs, {store} …")
                r["queries"] = queries_isolated(out, store, corpora[n], runs, query_budget)
            result["builds"][n][store] = r
            if "error" in r:
                log(f"  {r['error']}")
            else:
                log(f"  {r['build_s']:.1f}s, ready {r['ready_s']:.1f}s, {r['triples']} triples, "
                    f"peak {r['maxrss_mib']:.0f} MiB")
        out = work / f"build-{n}-oxigraph"
        if "error" not in result["builds"][n].get("oxigraph", {"error": 1}):
            log(f"incremental rebuild {n} docs …")
            unchanged = _child(["rebuild", str(corpora[n]), str(out), "oxigraph"], build_timeout)
            p, original = change_one_source(corpora[n])
            try:
                changed = _child(["rebuild", str(corpora[n]), str(out), "oxigraph"], build_timeout)
            finally:
                p.write_text(original, encoding="utf-8")
            result["incremental"][n] = {"unchanged": unchanged, "one_changed": changed, "changed_file": p.name}
        for store in stores:  # builds are large; keep only what a re-run needs
            shutil.rmtree(work / f"build-{n}-{store}", ignore_errors=True)
    return result


# -------------------------------------------------------------------------------- report

def _f(v, fmt="{:.2f}", na="n/a"):
    return na if v is None else fmt.format(v)


def report(result: dict) -> str:
    """The printed table."""
    t = result["targets"]
    m = result["machine"]
    lines = [f"resograph bench — {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}, "
             f"load {m['load_1min_at_start']:.1f} at start" if m.get("load_1min_at_start") is not None else "",
             ""]
    ex = result.get("extraction", {})
    lines.append("EXTRACTION (one core, texts in memory)")
    if "error" in ex:
        lines.append(f"  {ex['error']}")
    else:
        ok = "met" if ex["mb_per_s"] >= t["extract_mb_s"] else "NOT met"
        ok2 = "met" if ex["floor_ratio"] <= t["floor_ratio"] else "NOT met"
        lines += [f"  {ex['docs']} docs, {ex['mb']:.1f} MB: {ex['mb_per_s']:.2f} MB/s ({ex['docs_per_s']:.0f} docs/s;"
                  f" {ex['mb_per_cpu_s']:.2f} MB per CPU-second)"
                  f"   target ≥ {t['extract_mb_s']:.0f} MB/s: {ok}",
                  f"  floor (one compiled regex, one pass): {ex['floor_mb_per_s']:.1f} MB/s;"
                  f" ratio {ex['floor_ratio']:.1f}×   target ≤ {t['floor_ratio']:.0f}×: {ok2}"]
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
    lines.append("")
    lines.append("PARALLEL EXTRACTION (extract_file over the files)")
    if "error" in par:
        lines.append(f"  {par['error']}")
    else:
        lines.append(f"  {par['docs']} files: one core {par['one_core_s']:.2f}s, {par['workers']} workers "
                     f"{par['pool_s']:.2f}s, speed-up {par['speedup']:.2f}×")
    lines += ["", "BUILD (text → validated graph → files + store; fresh process each)"]
    hdr = f"  {'docs':>6} {'store':<9} {'build s':>8} {'CPU s':>7} {'ready s':>8} {'triples':>9} {'peak MiB':>9}  stages (wall s)"
    lines.append(hdr)
    for n, per in result["builds"].items():
        for store, r in per.items():
            if "error" in r:
                lines.append(f"  {n:>6} {store:<9} {r['error']}")
                continue
            stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
            lines.append(f"  {n:>6} {store:<9} {r['build_s']:>8.1f} {r.get('build_cpu_s', 0):>7.1f} {r['ready_s']:>8.1f} {r['triples']:>9} "
                         f"{r['maxrss_mib']:>9.0f}  {stages}  [SHACL {r['validation']}: {r.get('violations')} violation(s)]")
        ox, mem = per.get("oxigraph", {}), per.get("memory", {})
        if "ready_s" in ox and "ready_s" in mem:
            lines.append(f"  {n:>6} ratio memory/oxigraph: build {mem['build_s'] / ox['build_s']:.2f}×, "
                         f"ready {mem['ready_s'] / ox['ready_s']:.2f}×, peak memory {mem['maxrss_mib'] / ox['maxrss_mib']:.2f}×")
        if "ready_s" in ox and int(n) >= 10_000:
            ok = "met" if ox["ready_s"] < t["build_10k_s"] else f"NOT met ({ox['ready_s'] / t['build_10k_s']:.1f}× the target)"
            lines.append(f"  target 10,000 docs < {t['build_10k_s']:.0f}s: {ok}")
        if "stages" in ox and ox["stages"]:
            total = sum(ox["stages"].values())
            v = ox["stages"].get("validate", 0.0)
            lines.append(f"  {n:>6} SHACL validation: {v:.1f}s = {100 * v / total:.0f}% of the oxigraph build")
    lines += ["", "INCREMENTAL REBUILD (Oxigraph)"]
    for n, inc in result["incremental"].items():
        for label in ("unchanged", "one_changed"):
            r = inc[label]
            if "error" in r:
                lines.append(f"  {n:>6} {label:<12} {r['error']}")
            else:
                stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
                ok = "met" if r["rebuild_s"] < t["incremental_s"] else "NOT met"
                lines.append(f"  {n:>6} {label:<12} {r['rebuild_s']:.2f}s (CPU {r.get('rebuild_cpu_s', 0):.1f}s)  ({stages})  target < {t['incremental_s']:.0f}s: {ok}")
    lines += ["", "NAMED QUERIES (median ms; doc = the most-citing document, key = the most cited instrument)"]
    sizes = list(result["builds"])
    names = sorted({q for per in result["builds"].values() for r in per.values() for q in r.get("queries", {})})
    if names:
        cols = [(n, s) for n in sizes for s in ("oxigraph", "memory") if s in result["builds"][n]]
        lines.append("  " + f"{'query':<28}" + "".join(f"{(str(n) + ' ' + s[:3]):>12}" for n, s in cols))
        for q in names:
            cells = []
            for n, s in cols:
                r = result["builds"][n][s].get("queries", {}).get(q)
                if r is None:
                    cells.append("n/a")
                elif "error" in r:
                    cells.append(r["error"].replace("n/a ", "")[:11])
                else:
                    cells.append(f"{r['median_ms']:.1f}")
            lines.append("  " + f"{q:<28}" + "".join(f"{c:>12}" for c in cells))
        for n in sizes:
            qs = result["builds"][n].get("oxigraph", {}).get("queries", {})
            if int(n) >= 10_000 and qs:
                slow = [q for q, r in qs.items() if "error" in r or r["median_ms"] >= t["query_ms"]]
                lines.append(f"  target every median < {t['query_ms']:.0f} ms at {n} on Oxigraph: "
                             + ("met" if not slow else "NOT met: " + ", ".join(slow)))
    else:
        lines.append("  n/a (no build available)")
    lines += ["", "EXPLORER"]
    for n, per in result["builds"].items():
        for store, r in per.items():
            e = r.get("explore")
            if e is None:
                continue
            if "error" in e:
                lines.append(f"  {n:>6} {store:<9} {e['error']}")
            else:
                lines.append(f"  {n:>6} {store:<9} {e['seconds']:.2f}s (network {e['network_s']:.2f}s, page "
                             f"{e['html_s']:.2f}s), {e['nodes']} nodes, {e['edges']} edges, "
                             f"{e['html_bytes'] / 1e6:.2f} MB of HTML")
    return "\n".join(lines)


def child_query(out: str, store: str, corpus: str, name: str, runs: int) -> dict:
    """One named query in a fresh process (the parent kills it at the time limit: a query that runs
    inside Oxigraph cannot be interrupted by a signal)."""
    from . import sparql
    from .store import open_graph

    q = sparql.load_catalogue()[name]
    declared = {p.name for p in q.params}
    init = sparql.bindings(q, {k: v for k, v in _query_bindings(Path(corpus)).items() if k in declared})
    g = open_graph(out, store)
    wall, cpu, rows = [], [], None
    for _ in range(runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        res = sparql.run(g, q.text, init, source=name)
        rows = len(list(res)) if q.form in ("SELECT", "CONSTRUCT", "DESCRIBE") else 1
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {"median_ms": statistics.median(wall[1:]) * 1000, "cpu_median_ms": statistics.median(cpu[1:]) * 1000,
            "runs": runs, "rows": rows}


def queries_isolated(out: Path, store: str, corpus: Path, runs: int, budget: float) -> dict:
    """Every named query, each in its own process with a hard time limit."""
    from . import sparql

    res = {}
    for name in sparql.load_catalogue():
        r = _child(["query", str(out), store, str(corpus), name, str(runs)], budget)
        if "error" in r and "timed out" in r["error"]:
            r = {"error": f"n/a (> {budget:.0f}s)"}
        res[name] = r
    return res


def _main_child(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "query":
        out, store, corpus, name, runs = argv[1:6]
        print(json.dumps(child_query(out, store, corpus, name, int(runs))))
        return 0
    if kind == "build":
        corpus, out, store, queries, explore, runs, budget = argv[1:8]
        r = child_build(corpus, out, store, bool(int(queries)), bool(int(explore)), int(runs), float(budget))
    elif kind == "rebuild":
        corpus, out, store = argv[1:4]
        r = child_rebuild(corpus, out, store)
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(r))
    return 0


if __name__ == "__main__":  # the subprocess side of the benchmark
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(_main_child(sys.argv[2:]))
    sys.exit("use `resograph bench`")
