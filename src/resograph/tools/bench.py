"""The benchmark behind `resograph bench` (issue 7): one run, one machine, every figure.

What it measures, on synthetic corpora (:mod:`resograph.tools.synth`) of each requested size:

- extraction throughput (MB/s of UTF-8 text, one core, texts already in memory) beside the *floor*:
  one pass of one compiled regular expression over the same texts; their ratio is the overhead of
  the pipeline over the cheapest conceivable scan. The extractor's F1 on the same corpus is reported
  with it (the generator's gold; strict pairs and the lenient scoring of `resograph eval`);
- extraction of many files on one process and on a pool of all cores;
- the full cold build (text → validated graph → files + store) in a fresh subprocess per size and
  per store (Oxigraph, rdflib memory): wall and CPU time, stages, SHACL share, peak memory, and the
  time until the graph answers a query ("ready");
- each named query's median latency on both stores (bound to the most-citing document and the most
  cited instrument of the corpus; optional parameters left open, which is the heavier case);
- explorer generation time and HTML size (`resograph explore`, as a user runs it);
- rebuilds of the Oxigraph build with nothing changed and after one changed source (with the
  default dump files and, when the build supports `formats`, store only).

Every unbounded figure has a budget (:class:`Budgets`); a figure over its budget prints as "> N s",
a piece that is missing or fails as "n/a (reason)", and the run goes on. Nothing is asserted.
Subprocesses do the measuring so that each build starts cold and a stuck query can be killed
(a query inside Oxigraph cannot be interrupted by a signal; rdflib's, in Python, can).
"""

from __future__ import annotations

import json
import os
import platform
import queue
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from resograph.core.version import __version__

DEFAULT_SIZES = (100, 1000)
# The two ways each named query is timed (the keys of a build's figures in the JSON)
MODES = {"worst": "queries", "user": "queries_user"}
MODE_LABELS = {"worst": "worst-case bindings", "user": "as a user first runs it"}
LADDER = (100, 1000, 10_000)
TARGETS = {
    "extract_mb_s": 8.0,        # MB/s on one core, synthetic corpus (issue 17; issue 7 had 10)
    "real_extract_mb_s": 6.0,   # MB/s on one core, the real Security Council texts (issue 17)
    "floor_ratio": 10.0,        # within 10x of the single-regex floor (issue 7)
    "build_10k_s": 60.0,        # 10,000 docs, text → validated queryable graph
    "incremental_s": 2.0,       # rebuild after one changed source, store only (issue 7)
    "incremental_dumps_s": 3.0,  # the same with the default dump files, at 10,000 docs (issue 17)
    "query_ms": 100.0,          # every named query median at 10,000 docs on Oxigraph, both query modes
}

# The floor: one pass of a single compiled regex over the text. It looks for the shapes of the
# references the extractor finds (symbols, n/n numbers, SC numbers with years, INTERPOL codes,
# articles), so it touches the text about as much as a minimal scanner would.
FLOOR_RE = re.compile(
    r"\b(?:[ASE]/(?:RES|DEC)/\S+|\d{1,4}/\d{1,4}|\d{3,4} ?\(\d{4}\)|(?:GA|AG)-\d{4}-(?:\d{2,3}-)?RES-\d{1,2}"
    r"|AGN/\d+/RES/\d+|[Aa]rt[ií]c(?:le|ulo)s? \d+)"
)


PARALLEL_MAX_FILES = 2000  # 1 vs all processes on at most this many files: the speed-up shows, the time stays small


@dataclass
class Budgets:
    """Limits on the figures that have no natural bound; printed with the table."""

    runs: int = 5                  # timed runs per query (after a warm-up); fewer when a query is slow
    query_s: float = 10.0          # per named query on Oxigraph (hard limit: the process is killed)
    memory_query_s: float = 10.0   # per named query on the memory store (SIGALRM)
    explore_s: float = 300.0       # `resograph explore` on the Oxigraph build (hard limit)
    memory_explore_s: float = 60.0  # explorer on the memory store, at the smallest size only
    memory_max_docs: int = 1000    # above: no second cold build for the memory store (see run())
    memory_load_s: float = 300.0   # parsing resograph.nt into the memory store above memory_max_docs
    memory_load: bool = True       # above memory_max_docs: parse and query at all (False: no memory figures there)
    build_s: float = 3600.0        # one build or rebuild


# -------------------------------------------------------------------------------- machine

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


def _mem_available_gib() -> float | None:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for mod in ("rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "networkx", "pyvis"):
        try:
            out[mod] = version(mod)
        except PackageNotFoundError:
            out[mod] = None
    return out


def commit() -> dict:
    """The commit measured, and how many files of src/, ontology/, data/ differ from it (the tree
    may hold uncommitted work); for a `git archive` snapshot, the id in its `.commit` file."""
    root = Path(__file__).resolve().parents[3]

    def git(*args: str) -> str | None:
        try:
            p = subprocess.run(["git", "-C", str(root), *args], check=False, capture_output=True,
                               text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return p.stdout.strip() if p.returncode == 0 else None

    head = git("rev-parse", "HEAD")
    if head is None:  # an exported snapshot (`git archive`) may say which commit it is
        stamp = root / ".commit"
        return {"commit": stamp.read_text().split()[0] if stamp.is_file() else None, "snapshot": str(root)}
    import hashlib

    dirty = git("status", "--porcelain", "--", "src", "ontology", "data")
    diff = (git("diff", "HEAD", "--", "src", "ontology", "data") or "") + (dirty or "")
    trees = [git("rev-parse", f"HEAD:{d}") or "" for d in ("src", "ontology", "data")]
    return {"commit": head, "subject": git("log", "-1", "--format=%s"), "code_trees": " ".join(trees),
            "modified_files": len(dirty.splitlines()) if dirty else 0,
            "uncommitted_sha1": hashlib.sha1(diff.encode()).hexdigest() if dirty else None}


# -------------------------------------------------------------------------------- corpora

def ensure_corpus(workdir: Path, n: int, seed: int) -> tuple[Path, float | None]:
    """The synthetic corpus of `n` documents under `workdir`, generated unless already there."""
    from resograph.tools.synth import GENERATOR_VERSION, write_corpus

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


def default_real_corpus() -> Path:
    """The real Security Council corpus: $RESOGRAPH_REAL_CORPUS, else `../shared/corpus/cr-unsc`
    beside the checkout (never copied into the repository)."""
    env = os.environ.get("RESOGRAPH_REAL_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "cr-unsc"


# -------------------------------------------------------------------------------- extraction

def measure_extraction(texts: list[tuple[Path, str]]) -> dict:
    """Single-core extraction throughput vs the single-regex floor, and F1 against the gold."""
    out, results = throughput(texts)
    if results:
        out["f1"] = score_against_gold([(p, x) for (p, _), x in zip(texts, results)])
    return out


def throughput(texts: list[tuple[Path, str]]) -> tuple[dict, list]:
    """Single-core extraction throughput vs the single-regex floor; (figures, the extractions)."""
    try:
        from resograph.reading.extract import extract
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a (not available: {exc})"}, []
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
    return out, results


def score_against_gold(pairs) -> dict:
    """Pairs (paragraph, target) scored two ways: `resograph eval`'s (a bare treaty key beside one
    of its articles is optional) and strict; misses and extras counted by the generator's kind."""
    from resograph.tools.evaluate import Score, score_document

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
    from resograph.reading.extract import extract_file
    return extract_file(path)


def measure_parallel(paths: list[Path], workers: int | None = None) -> dict:
    """extract_file over many files: one process vs a process pool of all cores (the result of each
    file is sent back to the parent, as a build needs it)."""
    try:
        from resograph.reading.extract import extract_file
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


# -------------------------------------------------------------------------------- subprocesses

def _children_cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_s() -> dict:
    """CPU seconds (user + system) of this process and of its finished children (worker pools):
    unlike wall time, not inflated when other work shares the cores."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"self": me.ru_utime + me.ru_stime, "children": kids.ru_utime + kids.ru_stime}


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _children_maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the child we started and its own process group (its worker pools), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _run(cmd: list[str], timeout: float) -> tuple[int | None, str, str, float, float]:
    """Run `cmd` in its own session; (returncode or None on timeout, stdout, stderr, wall s, CPU s
    of it and its children)."""
    c0, t0 = _children_cpu_s(), time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        _kill(proc)
        out, err = proc.communicate()
        code = None
    except BaseException:  # Ctrl-C reaches only us: the child has its own session
        _kill(proc)
        raise
    return code, out, err, time.perf_counter() - t0, _children_cpu_s() - c0


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


def _child(args: list[str], timeout: float) -> dict:
    """Run `python -m resograph.tools.bench --child …` and return the JSON it prints last."""
    cmd = [sys.executable, "-m", "resograph.tools.bench", "--child", *args]
    code, out, err, wall, cpu = _run(cmd, timeout)
    if code is None:
        return {"error": f"n/a (> {timeout:.0f} s)", "over_budget_s": timeout}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if code != 0 or not lines:
        return {"error": f"n/a (failed: {_tail(err or out)})"}
    res = json.loads(lines[-1])
    res["process_wall_s"], res["process_cpu_s"] = wall, cpu
    return res


def _stream(args: list[str], names: list[str], per_item_s: float, startup_s: float) -> dict[str, dict]:
    """Run a child that announces `{"start": name}` then prints `{"name": name, …}` for each item,
    killing it when one item exceeds `per_item_s` (that item gets "> N s") and restarting it on the
    items left. The child's start-up (imports, opening a store) is not charged to any item."""
    remaining, results = list(names), {}
    while remaining:
        cmd = [sys.executable, "-m", "resograph.tools.bench", "--child", *args, ",".join(remaining)]
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True,
                                    start_new_session=True)
            lines: queue.Queue = queue.Queue()

            def pump(stream=proc.stdout, sink=lines):
                for line in stream:
                    sink.put(line)
                sink.put(None)

            threading.Thread(target=pump, daemon=True).start()
            try:
                _follow(proc, lines, err, results, remaining, per_item_s, startup_s)
            except BaseException:  # Ctrl-C reaches only us: the child has its own session
                _kill(proc)
                raise
    return {name: results[name] for name in names if name in results}


def _follow(proc, lines: queue.Queue, err, results: dict, remaining: list[str], per_item_s: float,
            startup_s: float) -> None:
    """Read one child's messages into `results` (and off `remaining`) until it ends or is killed."""

    def failed() -> str:
        err.seek(0)
        return f"n/a (failed: {_tail(err.read())})"

    current, deadline = None, time.monotonic() + startup_s
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            _kill(proc)
            if current is None:  # could not even start: nothing more to learn
                results.update({n: {"error": f"n/a (start-up > {startup_s:.0f} s)"} for n in remaining})
                remaining.clear()
            else:
                results[current] = {"error": f"n/a (> {per_item_s:g} s)", "over_budget_s": per_item_s}
                remaining.remove(current)
            return
        if line is None:  # the child ended: in the middle of an item, that item failed
            proc.wait()
            if current is not None:
                results[current] = {"error": failed()}
                remaining.remove(current)
            elif remaining:
                why = failed()
                results.update({n: {"error": why} for n in remaining})
                remaining.clear()
            return
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        if "start" in msg:
            current, deadline = msg["start"], time.monotonic() + per_item_s
        elif "name" in msg:
            name = msg.pop("name")
            results[name] = msg
            if name in remaining:
                remaining.remove(name)
            current, deadline = None, time.monotonic() + startup_s


# -------------------------------------------------------------------------------- queries

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


def _prepared(values: dict[str, str] | None) -> dict:
    """name → (NamedQuery, initBindings) or an error string. Two modes: `values` from
    :func:`_query_bindings` (computed once by the parent: at 10,000 documents it reads 10,000 gold
    files) bound wherever a query declares `doc`, `from` or `key` — optional or not —, the declared
    defaults elsewhere (the worst case); or `values` None: what a user first runs, the catalogue's
    defaults with optional parameters left unbound (`resograph query NAME`, `GET /queries/NAME`)."""
    from resograph.query import sparql

    out: dict = {}
    for name, q in sparql.load_catalogue().items():
        declared = {p.name for p in q.params}
        given = {} if values is None else {k: v for k, v in values.items() if k in declared}
        try:
            out[name] = (q, sparql.bindings(q, given))
        except Exception as exc:  # noqa: BLE001 - reported as n/a
            out[name] = f"n/a ({exc})"
    return out


def time_query(graph, q, init, runs: int, budget_s: float) -> dict:
    """A warm-up and up to `runs` timed runs; fewer once the time spent passes a quarter of the
    budget (a slow query is timed once after its warm-up, or only by its warm-up)."""
    from resograph.query import sparql

    wall, cpu, rows = [], [], None
    for i in range(runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        res = sparql.run(graph, q.text, init, source=q.name)
        rows = len(list(res)) if q.form in ("SELECT", "CONSTRUCT", "DESCRIBE") else 1
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if sum(wall) > budget_s / 4 and (i >= 1 or sum(wall) > budget_s / 3):
            break
    timed, tcpu = (wall[1:], cpu[1:]) if len(wall) > 1 else (wall, cpu)
    return {"median_ms": statistics.median(timed) * 1000, "cpu_median_ms": statistics.median(tcpu) * 1000,
            "runs": len(timed), "warm_up_only": len(wall) == 1, "rows": rows}


class _Timeout(Exception):
    pass


class _alarm:
    """SIGALRM after `seconds` (rdflib evaluates in Python, so the alarm interrupts it)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        def fire(*_):
            raise _Timeout()
        self.old = signal.signal(signal.SIGALRM, fire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)
        return False


def queries_in_process(graph, values: dict[str, str], runs: int, budget_s: float, names=None) -> dict:
    """Named queries on a graph held by this process (the memory store), each under SIGALRM."""
    out = {}
    for name, prep in _prepared(values).items():
        if names is not None and name not in names:
            continue
        if isinstance(prep, str):
            out[name] = {"error": prep}
            continue
        q, init = prep
        try:
            with _alarm(budget_s):
                out[name] = time_query(graph, q, init, runs, budget_s)
        except _Timeout:
            out[name] = {"error": f"n/a (> {budget_s:g} s)", "over_budget_s": budget_s}
        except Exception as exc:  # noqa: BLE001
            out[name] = {"error": f"n/a ({type(exc).__name__}: {str(exc)[:120]})"}
    return out


def queries_isolated(out: Path, store: str, values: dict[str, str] | None, runs: int, budget: float) -> dict:
    """Every named query on a published store, in a child process killed when one query exceeds
    `budget` seconds (then restarted on the queries left); `values` None: as a user first runs them."""
    from resograph.query import sparql

    names = list(sparql.load_catalogue())
    return _stream(["queries", str(out), store, json.dumps(values), str(runs), str(budget)], names, budget,
                   startup_s=max(120.0, budget))


def queries_both_modes(out: Path, store: str, values: dict[str, str], runs: int, budget: float,
                       log=None, label: str = "") -> dict:
    """:func:`queries_isolated` with the worst-case `values`, then as a user first runs them:
    {"queries": …, "queries_user": …}. Logs one progress line per mode."""
    res = {}
    for mode, vals in (("worst", values), ("user", None)):
        if log:
            log(f"named queries {label}, {store}, {MODE_LABELS[mode]} (≤ {budget:g} s each) …")
        res[MODES[mode]] = r = queries_isolated(out, store, vals, runs, budget)
        if log:
            log("  " + progress_line(r))
    return res


def progress_line(queries: dict) -> str:
    """'23 queries, 20 under 100 ms; slowest: citers > 10 s, …' for the progress log."""
    def ms(r: dict) -> float:
        return r.get("median_ms", float("inf"))

    slow = sorted(queries.items(), key=lambda kv: -ms(kv[1]))[:3]
    under = sum(1 for r in queries.values() if ms(r) < TARGETS["query_ms"])

    def fig(r: dict) -> str:
        return f"{r['median_ms']:.0f} ms" if "median_ms" in r else r.get("error", "n/a")
    return (f"{len(queries)} queries, {under} under {TARGETS['query_ms']:.0f} ms; slowest: "
            + ", ".join(f"{n} {fig(r)}" for n, r in slow))


def child_queries(out: str, store: str, values: dict, runs: int, budget: float, names: list[str]) -> None:
    """The child side of :func:`queries_isolated`: one store opened once, the queries in turn."""
    from resograph.graph.store import open_graph

    prepared = _prepared(values)
    g = open_graph(out, store)
    for name in names:
        print(json.dumps({"start": name}), flush=True)
        prep = prepared.get(name, "n/a (no such query)")
        if isinstance(prep, str):
            r = {"error": prep}
        else:
            try:
                r = time_query(g, prep[0], prep[1], runs, budget)
            except Exception as exc:  # noqa: BLE001
                r = {"error": f"n/a ({type(exc).__name__}: {str(exc)[:120]})"}
        print(json.dumps({"name": name, **r}), flush=True)


# -------------------------------------------------------------------------------- builds

def _build_supports(option: str) -> bool:
    import inspect

    from resograph.graph.build import build
    return option in inspect.signature(build).parameters


def _formats_kwargs(formats: str) -> dict:
    """`formats="none"` (store only) for a build that has the option; {} for the default files."""
    if formats == "default":
        return {}
    return {"formats": formats}


def _stages(timings: dict) -> dict:
    return {k: round(v, 3) for k, v in timings.items()}


def child_build(corpus: str, out: str, store: str, queries: dict | None, explore: bool,
                runs: int, budget: float, explore_budget: float) -> dict:
    """In a fresh process: a cold build, then open the graph and answer a first query. With
    `queries` (the bindings) and `explore` (the memory store), time the named queries and the
    explorer in-process."""
    res: dict = {"store": store}
    t0 = time.perf_counter()
    from resograph.graph.build import build  # import cost is part of a real `resograph build`
    t_call = time.perf_counter()
    # allow_invalid: a violation is reported (conforms, violations) but must not stop the measurement
    r = build([corpus], out, store=store, quiet=True, allow_invalid=True)
    res["build_s"] = time.perf_counter() - t0
    res["import_s"] = t_call - t0
    cpu = _cpu_s()
    res["build_cpu_s"] = cpu["self"] + cpu["children"]
    res["build_cpu_children_s"] = cpu["children"]
    res["stages"] = _stages(r.timings)
    res["validation"] = r.validation
    res["conforms"] = bool(r.report.conforms) if r.report is not None else None
    res["violations"] = r.report.violations if r.report is not None else None
    res["published"] = r.published
    res["triples"] = r.triples
    res["documents"] = r.documents
    res["citations"] = r.citations
    res["cache"] = getattr(r, "cache", "")
    res["build_maxrss_mib"] = _maxrss_mib()
    res["workers_maxrss_mib"] = _children_maxrss_mib()
    res.update(_open_and_answer(out, store))
    graph = res.pop("_graph")
    res["ready_maxrss_mib"] = _maxrss_mib()  # built and opened, before any query
    # "ready": from the start of the process until the graph answers a query. When the build
    # reports its own `ready` (the store published before the dump files are written), a reader
    # could open the store from then on.
    built_ready = r.timings.get("ready")
    if built_ready is not None:
        res["ready_s"] = res["import_s"] + built_ready + res["open_s"]
        res["ready_from"] = "build timings['ready'] + opening the store"
    else:
        res["ready_s"] = res["build_s"] + res["open_s"]
        res["ready_from"] = "end of build() + opening the store"
    if queries is not None:
        res["queries"] = queries_in_process(graph, queries, runs, budget)
        res["queries_user"] = queries_in_process(graph, None, runs, budget)
    del graph  # the explorer opens the graph itself, as `resograph explore` does
    if explore:
        res["explore"] = explore_in_process(out, store, explore_budget)
    res["maxrss_mib"] = _maxrss_mib()
    return res


def _open_and_answer(out: str, store: str) -> dict:
    """Open the built graph and answer a first query (one triple: the store is ready); then count
    its triples (not part of `open_s`: a COUNT over 4 M triples is a query of its own)."""
    from resograph.graph.store import open_graph

    t1 = time.perf_counter()
    g = open_graph(out, store)
    list(g.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))
    t2 = time.perf_counter()
    # rdflib's memory store knows its size; through oxrdflib len() iterates, COUNT runs in Oxigraph
    n = len(g) if store == "memory" else int(next(iter(g.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0])
    return {"open_s": t2 - t1, "count_s": time.perf_counter() - t2, "store_triples": n, "_graph": g}


def child_memload(out: str, values: dict, runs: int, budget: float, names: list[str],
                  user_names: list[str] = ()) -> dict:
    """Above `memory_max_docs`: parse an existing build's resograph.nt into rdflib's memory store
    (what `--store memory` pays at every start) and time the queries that can finish in budget
    (`names` with the worst-case `values`, `user_names` as a user first runs them)."""
    res = _open_and_answer(out, "memory")
    res["load_s"] = res["open_s"]
    cpu = _cpu_s()
    res["load_cpu_s"] = cpu["self"]
    res["ready_maxrss_mib"] = _maxrss_mib()
    g = res.pop("_graph")
    if names:
        res["queries"] = queries_in_process(g, values, runs, budget, set(names))
    if user_names:
        res["queries_user"] = queries_in_process(g, None, runs, budget, set(user_names))
    res["maxrss_mib"] = _maxrss_mib()
    return res


def explore_in_process(out: str, store: str, budget_s: float) -> dict:
    """What `resograph explore` does (network from the store, isolated nodes hidden, timeline page)
    on a graph this process opens: used for the memory store, which the CLI cannot select."""
    try:
        from resograph.views.explore import write_explorer
        from resograph.views.network import from_rdf
        from resograph.graph.store import open_graph
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a (not available: {type(exc).__name__})"}
    html = Path(out) / "bench-explorer.html"
    try:
        with _alarm(budget_s):
            t0 = time.perf_counter()
            G = from_rdf(open_graph(out, store))
            G = G.subgraph([k for k in G if G.degree(k) > 0]).copy()
            t1 = time.perf_counter()
            write_explorer(G, html, layout="timeline")
            t2 = time.perf_counter()
    except _Timeout:
        return {"error": f"n/a (> {budget_s:g} s)", "over_budget_s": budget_s}
    except Exception as exc:  # noqa: BLE001
        return {"error": f"n/a ({type(exc).__name__}: {str(exc)[:160]})"}
    return {"seconds": t2 - t0, "network_s": t1 - t0, "html_s": t2 - t1, "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(), "html_bytes": html.stat().st_size, "how": "in-process"}


def explore_cli(out: Path, timeout: float) -> dict:
    """`resograph explore --build OUT` as a user runs it (Python start-up included), killed after
    `timeout` seconds."""
    html = out / "bench-explorer.html"
    cmd = [sys.executable, "-c", "import sys; from resograph.cli import main; sys.exit(main(sys.argv[1:]))",
           "explore", "--build", str(out), "--out", str(html)]
    code, stdout, stderr, wall, cpu = _run(cmd, timeout)
    if code is None:
        return {"error": f"n/a (> {timeout:g} s)", "over_budget_s": timeout}
    if code != 0 or not html.is_file():
        return {"error": f"n/a (failed: {_tail(stderr or stdout)})"}
    m = re.search(r"\((\d+) nodes, (\d+) edges", stdout)
    return {"seconds": wall, "cpu_s": cpu, "nodes": int(m.group(1)) if m else None,
            "edges": int(m.group(2)) if m else None, "html_bytes": html.stat().st_size,
            "summary": stdout.strip().splitlines()[:3], "how": "resograph explore (CLI)"}


def child_rebuild(corpus: str, out: str, store: str, formats: str) -> dict:
    """In a fresh process: rebuild `out` from `corpus` (the caller may have changed a source)."""
    t0 = time.perf_counter()
    from resograph.graph.build import build
    t_call = time.perf_counter()
    r = build([corpus], out, store=store, quiet=True, allow_invalid=True, **_formats_kwargs(formats))
    cpu = _cpu_s()
    res = {"rebuild_s": time.perf_counter() - t0, "import_s": t_call - t0,
           "build_call_s": time.perf_counter() - t_call, "rebuild_cpu_s": cpu["self"] + cpu["children"],
           "stages": _stages(r.timings), "published": r.published, "cache": getattr(r, "cache", ""),
           "formats": formats, "maxrss_mib": _maxrss_mib()}
    if "ready" in r.timings:
        res["ready_s"] = res["import_s"] + r.timings["ready"]
    return res


def _source_to_change(corpus: Path) -> Path:
    paths = sorted(corpus.glob("*.txt"))
    return paths[len(paths) // 2]


def amended(text: str) -> str:
    """The text with one word inserted a third of the way in, at the start of a line's second word:
    the kind of edit a user makes to one source."""
    m = re.search(r"(?m)^(\S+)( )", text[len(text) // 3:])
    if not m:
        return text + "\n[amended]\n"
    i = len(text) // 3 + m.end(2)
    return text[:i] + "[amended] " + text[i:]


def rebuilds(corpus: Path, out: Path, timeout: float, log) -> dict:
    """Rebuilds of a published Oxigraph build: nothing changed, then one source changed, with the
    default dump files; when the build has `formats`, one changed (restoring the edited source, a
    real one-source change) and nothing changed with `formats="none"` (the store only)."""
    res: dict = {}
    p = _source_to_change(corpus)
    original = p.read_text(encoding="utf-8")

    def rebuild(formats: str) -> dict:
        return _child(["rebuild", str(corpus), str(out), "oxigraph", formats], timeout)

    try:
        res["unchanged"] = rebuild("default")
        p.write_text(amended(original), encoding="utf-8")
        res["one_changed"] = rebuild("default")
        if _build_supports("formats"):
            p.write_text(original, encoding="utf-8")
            res["one_changed_store_only"] = rebuild("none")
            res["unchanged_store_only"] = rebuild("none")
        else:
            reason = {"error": "n/a (build() has no `formats` option: the dump files are always written)"}
            res["one_changed_store_only"] = res["unchanged_store_only"] = reason
    finally:
        p.write_text(original, encoding="utf-8")
    res["changed_file"] = p.name
    return res


# -------------------------------------------------------------------------------- the run

def _memory_plan(result: dict, n: int, names: list[str], budget_s: float,
                 key: str = "queries") -> tuple[list[str], dict]:
    """Above `memory_max_docs`, which queries to run on the memory store: those whose median at the
    largest smaller size, scaled by the size ratio, fits in half the budget. Returns (names to run,
    reasons for the others)."""
    smaller = [m for m in result["builds"] if int(m) < n and "memory" in result["builds"][m]]
    if not smaller:
        return names, {}
    prev = max(smaller, key=int)
    prev_q = result["builds"][prev]["memory"].get(key, {})
    run_names, skipped = [], {}
    for name in names:
        r = prev_q.get(name)
        if r is None or "median_ms" not in r:
            why = r["error"].replace("n/a (", "").rstrip(")") if r else "not measured"
            skipped[name] = {"error": f"n/a (not run: {why} at {prev} docs)", "skipped": True}
        elif r["median_ms"] * n / int(prev) > budget_s * 1000 / 2:
            skipped[name] = {"error": f"n/a (not run: {r['median_ms']:.0f} ms at {prev} docs)", "skipped": True}
        else:
            run_names.append(name)
    return run_names, skipped


class _Phases:
    """Wall and CPU time (this process and its children) of each part of the run, for the JSON and
    the last line of the table: what a whole `make bench` spends where."""

    def __init__(self, sink: dict) -> None:
        self.sink = sink

    def __call__(self, name: str):
        import contextlib

        @contextlib.contextmanager
        def timed():
            t0, c0 = time.perf_counter(), _children_cpu_s() + time.process_time()
            try:
                yield
            finally:
                self.sink[name] = {"wall_s": round(time.perf_counter() - t0, 2),
                                   "cpu_s": round(_children_cpu_s() + time.process_time() - c0, 2)}
        return timed()


def run(sizes=DEFAULT_SIZES, workdir: str | os.PathLike = "build/bench", seed: int = 0,
        stores=("oxigraph", "memory"), queries: bool = True, budgets: Budgets | None = None,
        explore: bool = True, log=print, real: str | os.PathLike | None = None, real_copies: int = 0) -> dict:
    """Every measurement of the module docstring; returns the JSON-able result.

    Per size: the Oxigraph build (its queries in a killable child, the explorer CLI); the memory
    store's own cold build, queries and — at the smallest size only — explorer; then the rebuilds
    of the Oxigraph build. Above `budgets.memory_max_docs` the memory store is not built a second
    time (its build is the same pipeline without the store load); what differs, parsing the graph
    into memory, is measured on the Oxigraph build's resograph.nt, with the queries that fit their
    budget. Then, with `real_copies`, the real corpus `real` (:func:`real_corpus`).
    """
    b = budgets or Budgets()
    started, cpu0 = time.perf_counter(), _children_cpu_s() + time.process_time()
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(n) for n in sizes)
    result: dict = {"machine": machine(), "versions": _versions(), "commit": commit(), "seed": seed,
                    "sizes": sizes, "stores": list(stores), "budgets": asdict(b), "targets": TARGETS,
                    "corpora": {}, "builds": {}, "incremental": {}, "explorer": {}, "phases": {}}
    phase = _Phases(result["phases"])
    with phase("corpora"):
        corpora = _corpora(result, work, sizes, seed, log)
    _extraction(result, corpora[max(sizes)], phase, log)
    names = []
    if queries:
        from resograph.query import sparql
        names = list(sparql.load_catalogue())
    for n in sizes:
        per = result["builds"][n] = {}
        ox_out = work / f"build-{n}-oxigraph"
        values = _query_bindings(corpora[n]) if queries else None
        result["corpora"][n]["bindings"] = values
        if "oxigraph" in stores:
            _oxigraph_size(result, n, corpora[n], ox_out, values, queries, explore, b, phase, log)
        if "memory" in stores and (n <= b.memory_max_docs or b.memory_load):
            mem_out = work / f"build-{n}-memory"
            shutil.rmtree(mem_out, ignore_errors=True)
            with phase(f"{n} memory"):
                _memory_size(result, n, sizes, corpora[n], ox_out, mem_out, values, names, explore, b, log)
            shutil.rmtree(mem_out, ignore_errors=True)
        if "error" not in per.get("oxigraph", {"error": "not built"}):  # last: a store-only rebuild drops the files
            log(f"rebuilds {n} docs …")
            with phase(f"{n} rebuilds"):
                result["incremental"][n] = rebuilds(corpora[n], ox_out, b.build_s, log)
        shutil.rmtree(ox_out, ignore_errors=True)  # builds are large; a re-run starts cold anyway
    real_corpus(result, work, Path(real) if real is not None else None, real_copies, b, queries, phase, log)
    result["commit_at_end"] = commit()  # a shared tree may change under a long run
    result["bench_s"] = time.perf_counter() - started
    result["bench_cpu_s"] = _children_cpu_s() + time.process_time() - cpu0
    return result


def _corpora(result: dict, work: Path, sizes: list[int], seed: int, log) -> dict[int, Path]:
    """The synthetic corpus of each size (generated once, kept in ``work`` for later runs)."""
    corpora = {}
    for n in sizes:
        d, gen_s = ensure_corpus(work, n, seed)
        size = sum(p.stat().st_size for p in d.glob("*.txt"))
        corpora[n] = d
        result["corpora"][n] = {"dir": str(d), "mb": size / 1e6, "generate_s": gen_s}
        log(f"corpus {n}: {size / 1e6:.1f} MB" + (f", generated in {gen_s:.1f}s" if gen_s else " (cached)"))
    return corpora


def _extraction(result: dict, corpus: Path, phase, log) -> None:
    """Extraction throughput on the largest corpus, then its speed-up on a process pool."""
    texts = corpus_texts(corpus)
    log(f"extraction throughput on {len(texts)} documents …")
    with phase("extraction"):
        result["extraction"] = measure_extraction(texts)
    log(f"parallel extraction on {len(texts)} files …")
    with phase("parallel extraction"):
        result["parallel"] = measure_parallel([p for p, _ in texts[:PARALLEL_MAX_FILES]])


def _oxigraph_size(result: dict, n: int, corpus: Path, ox_out: Path, values: dict | None, queries: bool,
                   explore: bool, b: Budgets, phase, log) -> None:
    """The Oxigraph build at one size (in a child), its named queries and its explorer page."""
    per = result["builds"][n]
    shutil.rmtree(ox_out, ignore_errors=True)
    log(f"build {n} docs, oxigraph …")
    with phase(f"{n} oxigraph build"):
        r = per["oxigraph"] = _child(["build", str(corpus), str(ox_out), "oxigraph", "null", "0",
                                      str(b.runs), str(b.query_s), "0"], b.build_s)
    _log_build(log, r)
    if "error" not in r and queries:
        with phase(f"{n} oxigraph queries"):
            r.update(queries_both_modes(ox_out, "oxigraph", values, b.runs, b.query_s, log, f"{n} docs"))
    if "error" not in r and explore:
        log(f"explorer {n} docs, oxigraph (≤ {b.explore_s:g} s) …")
        with phase(f"{n} oxigraph explorer"):
            result["explorer"].setdefault(n, {})["oxigraph"] = explore_cli(ox_out, b.explore_s)


def _memory_size(result: dict, n: int, sizes: list[int], corpus: Path, ox_out: Path, mem_out: Path,
                 values: dict | None, names: list[str], explore: bool, b: Budgets, log) -> None:
    """The memory store at one size: its own cold build (queries and, at the smallest size, the
    explorer in the same process), or above `memory_max_docs` the parse of the Oxigraph build's graph."""
    per = result["builds"][n]
    skipped = {"error": f"n/a (memory store: explorer at {sizes[0]} docs only)", "skipped": True}
    if n > b.memory_max_docs:
        per["memory"] = _memory_load(result, n, ox_out, values, names, b, log)
        if explore:
            result["explorer"].setdefault(n, {})["memory"] = skipped
        return
    with_explorer = explore and n == sizes[0]
    log(f"build {n} docs, memory store …")
    timeout = b.build_s + 2 * len(names) * b.memory_query_s + (b.memory_explore_s if with_explorer else 0)
    r = per["memory"] = _child(["build", str(corpus), str(mem_out), "memory", json.dumps(values),
                                str(int(with_explorer)), str(b.runs), str(b.memory_query_s),
                                str(b.memory_explore_s)], timeout)
    _log_build(log, r)
    if with_explorer:
        result["explorer"].setdefault(n, {})["memory"] = r.pop("explore", {"error": "n/a (the memory build failed)"})
    elif explore:
        result["explorer"].setdefault(n, {})["memory"] = skipped


def _memory_load(result: dict, n: int, ox_out: Path, values: dict | None, names: list[str], b: Budgets,
                 log) -> dict:
    reason = (f"not rebuilt above {b.memory_max_docs} docs: the same pipeline as Oxigraph's without "
              f"the store load; the load into memory is measured instead")
    ox = result["builds"][n].get("oxigraph", {})
    if "error" in ox or not (ox_out / "resograph.nt").is_file():
        return {"error": "n/a (no Oxigraph build to load from)", "build_skipped": reason}
    need = None
    prev = [m for m in result["builds"] if int(m) < n and "maxrss_mib" in result["builds"][m].get("memory", {})]
    if prev:
        m = max(prev, key=int)
        need = result["builds"][m]["memory"]["maxrss_mib"] * n / int(m) / 1024
        m_open = result["builds"][m]["memory"].get("open_s")
        if m_open is not None and m_open * n / int(m) > b.memory_load_s:
            return {"error": f"n/a (not run: parsing took {m_open:.1f} s at {m} docs, ~{m_open * n / int(m):.0f} s "
                             f"expected, budget {b.memory_load_s:g} s)", "build_skipped": reason}
    avail = _mem_available_gib()
    if need is not None and avail is not None and need > 0.8 * avail:
        return {"error": f"n/a (not run: would need ~{need:.1f} GiB, {avail:.1f} GiB available)",
                "build_skipped": reason}
    plans = {key: _memory_plan(result, n, names, b.memory_query_s, key) for key in MODES.values()}
    run_names, user_names = plans[MODES["worst"]][0], plans[MODES["user"]][0]
    log(f"memory store {n} docs: parsing resograph.nt (≤ {b.memory_load_s:g} s), "
        f"{len(run_names)} + {len(user_names)} queries (worst case + as a user runs them) …")
    r = _child(["memload", str(ox_out), json.dumps(values), str(b.runs), str(b.memory_query_s), ",".join(run_names),
                ",".join(user_names)], b.memory_load_s + (len(run_names) + len(user_names)) * b.memory_query_s)
    r["build_skipped"] = reason
    if "error" not in r:
        for key, (_, skipped) in plans.items():
            r.setdefault(key, {}).update(skipped)
        log(f"  loaded in {r['load_s']:.1f}s, peak {r['maxrss_mib']:.0f} MiB")
    return r


def _log_build(log, r: dict) -> None:
    if "error" in r:
        log(f"  {r['error']}")
    else:
        log(f"  {r['build_s']:.1f}s (CPU {r['build_cpu_s']:.1f}s), ready {r['ready_s']:.1f}s, "
            f"{r['triples']} triples, peak {r['maxrss_mib']:.0f} MiB")


# -------------------------------------------------------------------------------- the real corpus

def real_corpus(result: dict, work: Path, source: Path | None, copies: int, b: Budgets, queries: bool,
                phase, log) -> None:
    """The real Security Council texts as `copies` renumbered copies (:mod:`resograph.tools.renumber`):
    extraction throughput on the originals and the check that a copy reads as the original with its
    numbers shifted; a cold Oxigraph build of all copies, the named queries in both modes (bound to
    the most-citing text and the most cited instrument) and the rebuilds."""
    from resograph.tools import renumber

    if not copies:
        result["real"] = {"error": "n/a (not run: --real-copies 0)", "skipped": True}
        return
    if source is None or not renumber.sources(source):
        result["real"] = {"error": f"n/a (skipped: no Security Council texts in {source}; the real corpus is "
                                   "../shared/corpus/cr-unsc beside the checkout, or --real DIR)", "skipped": True}
        return
    res = result["real"] = {"source": str(source), "copies": copies}
    corpus, out = work / f"real-{copies}", work / "build-real-oxigraph"
    log(f"real corpus: {copies} renumbered copies of {source} …")
    with phase("real corpus"):
        t0 = time.perf_counter()
        res["docs_written"] = renumber.write_copies(source, corpus, copies)
        res["write_s"] = time.perf_counter() - t0
        res["mb"] = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    log(f"  {res['docs_written']} texts, {res['mb']:.1f} MB, written in {res['write_s']:.1f}s")
    with phase("real extraction"):
        values = _real_extraction(res, source, copies, log)
    shutil.rmtree(out, ignore_errors=True)
    log(f"build real × {copies}, oxigraph …")
    with phase("real oxigraph build"):
        r = res["build"] = _child(["build", str(corpus), str(out), "oxigraph", "null", "0", str(b.runs),
                                   str(b.query_s), "0"], b.build_s)
    _log_build(log, r)
    if "error" in r:
        return
    if queries:
        with phase("real oxigraph queries"):
            r.update(queries_both_modes(out, "oxigraph", values, b.runs, b.query_s, log, f"real × {copies}"))
    log(f"rebuilds real × {copies} …")
    with phase("real rebuilds"):
        res["incremental"] = rebuilds(corpus, out, b.build_s, log)
    shutil.rmtree(out, ignore_errors=True)


def _real_extraction(res: dict, source: Path, copies: int, log) -> dict[str, str]:
    """Throughput on the original texts, the renumbering check on the last copy, and the worst-case
    bindings (from the originals' extraction: every copy has the same shape)."""
    from resograph.tools import renumber

    texts = [(p, p.read_text(encoding="utf-8")) for p, _, _ in renumber.sources(source)]
    log(f"extraction throughput on the {len(texts)} real texts …")
    res["extraction"], results = throughput(texts)
    if not results:
        return {}
    res["renumbering"] = renumber_check(source, [x.to_json() for x in results], (copies - 1) * renumber.OFFSET)
    c = res["renumbering"]
    log(f"  renumbered copy +{c['offset']}: {c['docs'] - c['docs_differing']}/{c['docs']} texts read as the "
        f"original renumbered ({c['pairs']} citations)")
    counts: dict[str, int] = {}
    best_doc, best_n = None, -1
    for x in results:
        if x.document.symbol and len(x.citations) > best_n:
            best_doc, best_n = x.document.symbol, len(x.citations)
        for c in x.citations:
            counts[c.target] = counts.get(c.target, 0) + 1
    values = {"doc": best_doc, "from": best_doc} if best_doc else {}
    if counts:
        values["key"] = max(counts, key=lambda k: (counts[k], k))
    res["bindings"] = values
    return values


def renumber_check(source: Path, originals: list[dict], offset: int) -> dict:
    """Extract the copy with `offset` of each text of `source` and compare it with the original's
    extraction (`originals`, in the order of :func:`renumber.sources`) with its keys mapped: same
    symbol, same (paragraph, target) pairs. Lists the texts that differ (at most 10)."""
    from resograph.reading.extract import extract
    from resograph.tools import renumber

    texts = renumber.sources(source)
    differing, pairs = [], 0
    for (p, n, year), original in zip(texts, originals):
        name = renumber.FILE_NAME.match(p.name)
        copy_name = f"S_RES_{n + offset:04d}_{year}{name.group('rest')}"
        got = extract(renumber.renumber_text(p.read_text(encoding="utf-8"), n, offset),
                      str(p.with_name(copy_name))).to_json()
        symbol, want = renumber.mapped_targets(original, offset)
        pairs += len(want)
        if got["document"]["symbol"] != symbol or {(c["paragraph"], c["target"]) for c in got["citations"]} != want:
            differing.append(p.name)
    return {"offset": offset, "docs": len(texts), "pairs": pairs, "docs_differing": len(differing),
            "differing": differing[:10]}


# -------------------------------------------------------------------------------- an existing build

# The worst-case bindings read from a store (no gold at hand): the document whose paragraphs make
# the most citations, and the instrument the most citations point to (ties: the larger key, as
# :func:`_query_bindings` breaks them).
BINDINGS_FROM_STORE = {
    "doc": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
  ?c <http://purl.org/spar/cito/hasCitingEntity> ?par . ?par <http://data.europa.eu/eli/ontology#is_part_of> ?d .
  ?d <http://purl.org/dc/terms/identifier> ?key } GROUP BY ?key ORDER BY DESC(?n) ?key LIMIT 1""",
    "key": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
  ?c <http://purl.org/spar/cito/hasCitedEntity> ?t . ?t <http://purl.org/dc/terms/identifier> ?key }
  GROUP BY ?key ORDER BY DESC(?n) DESC(?key) LIMIT 1""",
}


def store_bindings(build: Path) -> dict[str, str]:
    """:data:`BINDINGS_FROM_STORE` on an Oxigraph build, opened read-only."""
    from resograph.graph.store import open_build

    store = open_build(build).store.pyoxigraph
    out = {}
    for name, text in BINDINGS_FROM_STORE.items():
        rows = list(store.query(text))
        if rows:
            out[name] = rows[0]["key"].value
    if "doc" in out:
        out["from"] = out["doc"]
    return out


def queries_on_build(build: Path, b: Budgets, log) -> dict:
    """Only the named queries, in both modes, on an existing Oxigraph build (read-only: it may be
    someone else's): the bindings are read from its store."""
    if not (build / "store").exists():
        from resograph.core.errors import UserError
        raise UserError(f"{build}: no Oxigraph store (run `resograph build` first)")
    started, cpu0 = time.perf_counter(), _children_cpu_s() + time.process_time()
    result: dict = {"machine": machine(), "versions": _versions(), "commit": commit(), "budgets": asdict(b),
                    "targets": TARGETS, "on_build": str(build)}
    t0 = time.perf_counter()
    result["bindings"] = values = store_bindings(build)
    result["bindings_s"] = time.perf_counter() - t0
    log(f"worst-case bindings from the store ({result['bindings_s']:.1f}s): "
        + ", ".join(f"{k}={v}" for k, v in values.items()))
    result["oxigraph"] = queries_both_modes(build, "oxigraph", values, b.runs, b.query_s, log, str(build))
    result["commit_at_end"] = commit()
    result["bench_s"] = time.perf_counter() - started
    result["bench_cpu_s"] = _children_cpu_s() + time.process_time() - cpu0
    return result


# -------------------------------------------------------------------------------- comparisons

def row_mismatches(per_store: dict, key: str = "queries") -> dict[str, tuple[int, int]]:
    """Queries answered on both stores with different row counts (same bindings, same graph);
    `key` "queries_user" for the queries as a user first runs them."""
    ox = per_store.get("oxigraph", {}).get(key, {})
    mem = per_store.get("memory", {}).get(key, {})
    return {q: (ox[q]["rows"], mem[q]["rows"]) for q in sorted(set(ox) & set(mem))
            if "rows" in ox[q] and "rows" in mem[q] and ox[q]["rows"] != mem[q]["rows"]}


# -------------------------------------------------------------------------------- child entry

def _main_child(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "queries":
        out, store, values, runs, budget, names = argv[1:7]
        child_queries(out, store, json.loads(values), int(runs), float(budget), names.split(","))
        return 0
    if kind == "build":
        corpus, out, store, queries, explore, runs, budget, explore_budget = argv[1:9]
        r = child_build(corpus, out, store, json.loads(queries), bool(int(explore)), int(runs),
                        float(budget), float(explore_budget))
    elif kind == "rebuild":
        corpus, out, store, formats = argv[1:5]
        r = child_rebuild(corpus, out, store, formats)
    elif kind == "memload":
        out, values, runs, budget = argv[1:5]
        names, user_names = ([x for x in (argv[i] if len(argv) > i else "").split(",") if x] for i in (5, 6))
        r = child_memload(out, json.loads(values), int(runs), float(budget), names, user_names)
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(r))
    return 0


if __name__ == "__main__":  # the subprocess side of the benchmark
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(_main_child(sys.argv[2:]))
    sys.exit("use `resograph bench`")
