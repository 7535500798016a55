"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (Starlette + uvicorn).

Routes:

- ``/sparql`` (and ``/sparql/``): the SPARQL 1.1 Protocol query operation — GET ``?query=``, POST
  ``application/x-www-form-urlencoded`` (``query=``), POST ``application/sparql-query``; dataset
  parameters ``default-graph-uri`` / ``named-graph-uri``; content negotiation (JSON, XML, CSV, TSV,
  plain-text table for SELECT/ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE), also
  through a ``format``/``output`` parameter as SPARQLWrapper sends it. Relative IRIs in a query
  resolve against the endpoint's URL. ``GET /sparql`` without a query answers the SPARQL 1.1 Service
  Description (``describe.py``: Turtle, RDF/XML, JSON-LD, N-Triples by negotiation).
- ``/queries`` (the catalogue as JSON) and ``/queries/NAME?param=value`` (run a named query; values
  go in as RDF terms, as with ``resograph query``; a ``key`` that names nothing in the graph is a 400
  with the closest keys, ``keycheck.py``).
- ``/`` the offline query page (``static/index.html``: YASGUI vendored under ``static/yasgui/``, and
  ``page.js``); ``/prefixes`` the graph's namespaces for its completion; ``/explorer`` serves
  ``build/explorer.html``.

Refused (4xx, nothing runs): any update (INSERT, DELETE, LOAD, CLEAR…; the store is opened read-only
besides), ``SERVICE`` unless ``allow_service`` (the engine would fetch any URL: server-side request
forgery). Errors are one line of text, never a traceback, never a 500.

**Time limit.** Oxigraph queries cannot be interrupted from Python, so queries run in a small pool of
worker *processes*, each holding the on-disk store open read-only (pyoxigraph, the store
``resograph build`` publishes under ``build/store``). A query that overruns the limit gets its worker
killed (SIGKILL) and replaced; the client gets 503 and the other workers carry on. The row cap
(SELECT rows, CONSTRUCT/DESCRIBE triples) is checked while reading results: over the cap, 400 with the
cap in the message rather than a silently truncated answer.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import logging
import mimetypes
import multiprocessing as mp
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from resograph.query import keycheck, sparql, textsearch, vocabcheck
from resograph.query.limits import Admission, Limits
from resograph.core.errors import UserError

log = logging.getLogger("resograph.query.server")

STATIC = Path(__file__).with_name("static")
MAX_QUERY_BYTES = Limits().max_query_bytes
BODY_TIMEOUT_S = Limits().body_timeout_s

# media type → (format name for sparql.serialize, Content-Type sent)
SELECT_TYPES = {
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml; charset=utf-8"),
    "application/xml": ("xml", "application/sparql-results+xml; charset=utf-8"),
    "text/xml": ("xml", "application/sparql-results+xml; charset=utf-8"),
    "text/csv": ("csv", "text/csv; charset=utf-8"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values; charset=utf-8"),
    "text/plain": ("table", "text/plain; charset=utf-8"),
}
GRAPH_TYPES = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/x-turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("nt", "application/n-triples; charset=utf-8"),
    "text/plain": ("nt", "application/n-triples; charset=utf-8"),
    "application/ld+json": ("json-ld", "application/ld+json"),
    "application/json": ("json-ld", "application/ld+json"),
    "application/rdf+xml": ("xml", "application/rdf+xml; charset=utf-8"),
    "application/xml": ("xml", "application/rdf+xml; charset=utf-8"),
}
# what */*, application/* or text/* get, best first (False: SELECT/ASK, True: CONSTRUCT/DESCRIBE)
WILDCARD_ORDER = {
    False: ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
            "text/tab-separated-values", "text/plain"],
    True: ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"],
}
# short names of the format/output parameter (SPARQLWrapper, rdflib-endpoint, Virtuoso)
FORMAT_ALIASES = {
    "json": "application/json", "xml": "application/xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "text": "text/plain", "table": "text/plain",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "json-ld": "application/ld+json", "jsonld": "application/ld+json", "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
}


# --------------------------------------------------------------------------- worker processes


@dataclass(frozen=True)
class Source:
    """What the workers open: the build's on-disk store (read-only) or RDF files (in memory)."""

    store: str | None = None  # path of an Oxigraph store directory (or the build/store link)
    files: tuple[str, ...] = ()

    def describe(self) -> str:
        return self.store or ", ".join(self.files)


def _open_store(source: Source):
    import pyoxigraph as ox

    if source.store:
        path = os.path.realpath(source.store)
        return ox.Store.read_only(path), path
    store = ox.Store()
    for f in source.files:
        fmt = ox.RdfFormat.from_extension(Path(f).suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        store.bulk_load(path=f, format=fmt)
    return store, None


def _has_named_graphs(store) -> bool:
    return next(iter(store.named_graphs()), None) is not None


def dataset_options(defaults: list[str], named: list[str], union: bool) -> dict[str, Any]:
    """``Store.query`` keywords for the protocol's dataset (SPARQL 1.1 Protocol, 2.1.4).

    A dataset given by ``default-graph-uri`` / ``named-graph-uri`` replaces the query's own
    ``FROM`` / ``FROM NAMED`` wholly, and the part it leaves out is empty: with named graphs only, the
    default graph holds nothing; with default graphs only, ``GRAPH ?g`` finds nothing. Without one, the
    default graph is the union of the store's graphs when ``union`` (a store of named graphs)."""
    import pyoxigraph as ox

    if defaults or named:
        return {"default_graph": [ox.NamedNode(u) for u in defaults],
                "named_graphs": [ox.NamedNode(u) for u in named]}
    return {"use_default_graph_as_union": True} if union else {}


def _run_job(store, job: dict[str, Any], union: bool = True, generation: str | None = None) -> tuple:
    """Execute one query in a worker; return ("ok", bytes, count) or ("error", status, message).
    `generation`: the store directory the worker opened (its text index narrows named queries)."""
    import pyoxigraph as ox

    kwargs = dataset_options(job["default_graphs"], job["named_graphs"], union and not job["uses_from"])
    if job.get("base"):
        kwargs["base_iri"] = job["base"]  # relative IRIs resolve against the endpoint's URL
    if job["bindings"]:
        kwargs["substitutions"] = {ox.Variable(k): sparql.term_to_ox(v) for k, v in job["bindings"].items()}
    cap = job["max_rows"]
    try:
        text = job["query"]
        if job["bindings"] and generation:  # a named query (only they have bindings)
            text = textsearch.narrow(text, job["bindings"], generation)
        result = store.query(text, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            materialised: Any = bool(result)
            count = 1
        elif isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = []
            for solution in result:
                rows.append(tuple(sparql.term_from_ox(solution[i]) for i in range(len(variables))))
                if cap and len(rows) > cap:
                    return ("error", 400, f"the result has more than {cap} rows, the row cap of this "
                                          "endpoint: add a LIMIT or narrow the query")
            materialised = sparql.Table(variables, rows)
            count = len(rows)
        else:
            from rdflib import Graph

            graph = Graph()
            for n, triple in enumerate(result, start=1):
                if cap and n > cap:
                    return ("error", 400, f"the result has more than {cap} triples, the row cap of "
                                          "this endpoint: add a LIMIT or narrow the query")
                graph.add((sparql.term_from_ox(triple.subject), sparql.term_from_ox(triple.predicate),
                           sparql.term_from_ox(triple.object)))
            materialised = graph
            count = len(graph)
        data = sparql.serialize(materialised, job["format"])
        cap_bytes = job.get("max_bytes") or 0
        if cap_bytes and len(data) > cap_bytes:
            return ("error", 413, f"the answer is over {cap_bytes // (1024 * 1024)} MiB, the answer size "
                                  "limit of this endpoint: add a LIMIT or select fewer, shorter values")
        return ("ok", data, count)
    except MemoryError:
        return ("error", 503, "the query needed more memory than a query may use; narrow it")
    except SyntaxError as exc:
        return ("error", 400, str(sparql.syntax_error(exc, text=job["query"])))
    except UserError as exc:
        return ("error", 400, str(exc))
    except Exception as exc:  # evaluation errors are the query's doing; report them in one line
        if job.get("service"):  # never echo what a remote endpoint answered (nor whether it exists)
            return ("error", 400, "query failed: a SERVICE call failed (details are not shown)")
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ("error", 400, f"query failed: {msg[:300]}")


NAMED_GRAPHS_LISTED = 100  # the service description lists this many named graphs at most


def _count_job(store, union: bool) -> tuple:
    """("ok", counts, 1): triples of the default graph as queries see it and of the first named graphs."""
    from resograph.query.describe import DatasetCounts

    try:
        total = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", use_default_graph_as_union=union)
        named = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g "
                            f"ORDER BY ?g LIMIT {NAMED_GRAPHS_LISTED + 1}")
        rows = [(row["g"].value, int(row["n"].value)) for row in named]
        counts = DatasetCounts(int(next(iter(total))["n"].value), rows[:NAMED_GRAPHS_LISTED],
                               len(rows) > NAMED_GRAPHS_LISTED)
        return ("ok", counts, 1)
    except Exception as exc:
        return ("error", 503, f"cannot count the store's triples ({type(exc).__name__})")


def _cap_memory(memory_mb: int) -> None:
    """Bound this process's address space: a query that needs more fails here, not the machine."""
    if memory_mb <= 0:
        return
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation failure aborts at once, without a long trace
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError) as exc:  # not on this platform
        log.warning("cannot cap a worker's memory: %s", exc)


def _worker_main(conn, source: Source, memory_mb: int = 0) -> None:  # pragma: no cover - child process
    """Loop of one worker process: open the store, answer jobs until the pipe closes."""
    _cap_memory(memory_mb)
    try:
        store, opened = _open_store(source)
    except Exception as exc:
        conn.send(("dead", f"cannot open {source.describe()}: {exc}"))
        return
    union = _has_named_graphs(store)
    conn.send(("ready", opened, union))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        # a rebuild publishes a new generation behind the build/store link: follow it
        if source.store and opened and os.path.realpath(source.store) != opened:
            try:
                store, opened = _open_store(source)
                union = _has_named_graphs(store)
            except Exception:
                pass
        try:
            conn.send(_count_job(store, union) if job.get("kind") == "counts"
                      else _run_job(store, job, union, opened))
        except MemoryError:
            conn.send(("error", 503, f"the query needed more than the {memory_mb} MiB a query may use; "
                                     "narrow it"))
        except Exception as exc:
            conn.send(("error", 400, f"query failed: {type(exc).__name__}"))


class Worker:
    _ctx = mp.get_context("spawn")

    def __init__(self, source: Source, memory_mb: int = 0):
        self.conn, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_worker_main, args=(child, source, memory_mb), daemon=True,
                                         name="resograph-sparql-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 120.0) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError("a query worker did not start in time")
        status, detail, *rest = self.conn.recv()
        if status != "ready":
            self.kill()
            raise UserError(detail)
        self.union = bool(rest and rest[0])  # the store has named graphs: queries see their union

    def call(self, job: dict, timeout: float, light: tuple | None = None) -> tuple | None:
        """Send a job and wait for the answer; on timeout the process is killed (returns None).
        ``light`` = (seconds, may_go_on, done): a job still running after ``seconds`` goes on only if
        ``may_go_on()`` (the heavy quota), else it is killed and ("heavy",) returned."""
        try:
            self.conn.send(job)
            if light is not None and light[0] < timeout:
                seconds, may_go_on, done = light
                if self.conn.poll(seconds):
                    return self.conn.recv()
                if not may_go_on():
                    self.kill()
                    return ("heavy",)
                try:
                    if self.conn.poll(timeout - seconds):
                        return self.conn.recv()
                finally:
                    done()
            elif self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.kill()
            return ("crashed",)
        self.kill()
        return None

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(2)
        self.kill()


def internal_job(query: str, bindings: dict | None = None) -> dict[str, Any]:
    """A job of the server's own (key checks, suggestions): the whole store, JSON, no row cap."""
    return {"query": query, "bindings": bindings or {}, "default_graphs": [], "named_graphs": [],
            "uses_from": False, "base": None, "service": False, "max_rows": 0, "format": "json"}


SPARE_WORKERS = 1  # started and idle, to replace a stopped query's worker at once
PENALTY_S = 30.0  # a client whose query was stopped runs one query at a time, last in line, this long


class Engine:
    """A pool of worker processes with a per-query time limit and a row cap."""

    def __init__(self, source: Source, *, timeout: float = 10.0, max_rows: int = 10000,
                 workers: int = 2, allow_service: bool = False, limits: Limits | None = None):
        self.limits = limits or Limits(timeout_s=timeout, max_rows=max_rows, workers=max(1, workers))
        self.admission = Admission(self.limits)
        self.source, self.timeout, self.max_rows = source, self.limits.timeout_s, self.limits.max_rows
        self.size = max(1, self.limits.workers)
        self.allow_service = allow_service
        self._idle: _FairQueue | None = None
        self._threads = ThreadPoolExecutor(max_workers=self.size + 2, thread_name_prefix="sparql-wait")
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.stats = {"queries": 0, "timeouts": 0, "refused": 0, "errors": 0, "heavy_stopped": 0,
                      "too_many": 0}
        self.union = False
        self._spares: list[Worker] = []
        self._stopped_at: dict[str, float] = {}  # client → when one of its queries was last stopped
        self._kept: dict[str, tuple[str, Any]] = {}  # name → (store generation, value)
        self._found: tuple[str, set] = ("", set())  # (store generation, IRIs known to exist)

    def _spawn(self) -> Worker:
        w = Worker(self.source, self.limits.max_memory_mb)
        w.wait_ready()
        self.union = w.union
        with self._lock:
            self._all.add(w)
        return w

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._idle = _FairQueue(self._priority, reserve=1 if self.size > 1 else 0)
        workers = await asyncio.gather(*[loop.run_in_executor(self._threads, self._spawn)
                                         for _ in range(self.size + SPARE_WORKERS)])
        self._spares = workers[self.size:]  # started, idle: a stopped query's worker is replaced at once
        for w in workers[:self.size]:
            self._idle.put_nowait(w)

    async def stop(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    async def _replace(self, dead: Worker) -> None:
        """A spare takes the dead worker's place at once (starting one takes seconds); a new one is
        started to take the spare's."""
        with self._lock:
            self._all.discard(dead)
        assert self._idle is not None
        if self._spares:
            self._idle.put_nowait(self._spares.pop())
        loop = asyncio.get_running_loop()
        try:
            fresh = await loop.run_in_executor(self._threads, self._spawn)
        except Exception as exc:  # keep serving with one worker fewer rather than crash
            log.error("cannot start a replacement worker: %s", exc)
            return
        if len(self._spares) < SPARE_WORKERS:
            self._spares.append(fresh)
        else:
            self._idle.put_nowait(fresh)

    async def _once_per_generation(self, name: str, job: dict, parse=lambda value: value):
        """A worker's answer to ``job`` kept until a rebuild publishes a new store generation;
        None when the job failed (e.g. ran over the time limit): asked again next time."""
        generation = os.path.realpath(self.source.store) if self.source.store else "files"
        kept = self._kept.get(name)
        if kept is None or kept[0] != generation:
            answer = await self.execute(job)
            if answer[0] != "ok":
                return None
            kept = self._kept[name] = (generation, parse(answer[1]))
        return kept[1]

    async def dataset_counts(self):
        """The store's triple counts (describe.DatasetCounts) for the service description."""
        return await self._once_per_generation("counts", {"kind": "counts"})

    async def known_keys(self) -> list[str]:
        """Every key of the graph (dcterms:identifier values), for "did you mean" suggestions."""
        def parse(data: bytes) -> list[str]:
            return [b["key"]["value"] for b in json.loads(data)["results"]["bindings"] if "key" in b]

        return await self._once_per_generation("keys", internal_job(keycheck.KEYS), parse) or []

    async def lacking(self, q: sparql.NamedQuery) -> list[str]:
        """The ResoGraph terms a named query reads that the store's ontology lacks (a build older
        than the query: :mod:`resograph.query.vocabcheck`), asked once per store generation."""
        names = vocabcheck.terms(q.text)
        if not names:
            return []

        def parse(data: bytes) -> list[str]:
            return [b["term"]["value"] for b in json.loads(data)["results"]["bindings"]]

        return await self._once_per_generation(f"vocabulary {q.name}",
                                               internal_job(vocabcheck.missing_query(names)), parse) or []

    async def exists(self, term) -> bool:
        """Whether an IRI is the subject or object of any triple (True when the check failed).
        The IRIs found are remembered for the store's generation (the named queries ask the same
        few keys again and again: one worker round trip each, not two)."""
        generation = os.path.realpath(self.source.store) if self.source.store else "files"
        if self._found[0] != generation or len(self._found[1]) > 10000:
            self._found = (generation, set())
        if term in self._found[1]:
            return True
        answer = await self.execute(internal_job(keycheck.EXISTS, {"node": term}))
        found = answer[0] != "ok" or bool(json.loads(answer[1]).get("boolean"))
        if found and answer[0] == "ok":
            self._found[1].add(term)
        return found

    async def execute(self, job: dict, client: str | None = None) -> tuple:
        """Run one job; returns ("ok", bytes, count) or ("error", status, message). A ``client``'s
        queries count against the per-client limits (the server's own jobs pass none)."""
        if client is not None and not self.admission.admit(client, penalised=self._penalised(client)):
            self.stats["too_many"] += 1
            return ("error", 429, f"more than {self.limits.per_client} queries of yours are running or "
                                  "waiting; wait for their answers")
        try:
            return await self._execute(job, client)
        finally:
            if client is not None:
                self.admission.leave(client)

    async def _execute(self, job: dict, client: str | None) -> tuple:
        assert self._idle is not None, "Engine.start() first"
        self.stats["queries"] += 1
        job = {**job, "max_bytes": self.limits.max_answer_bytes}
        try:
            worker = await asyncio.wait_for(self._idle.get(client), timeout=self.timeout)
        except asyncio.TimeoutError:
            return ("error", 503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                  "try again shortly")
        light = None
        if client is not None:
            light = (self.limits.light_s, lambda: self.admission.become_heavy(client),
                     lambda: self.admission.end_heavy(client))
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        answer = await loop.run_in_executor(self._threads, worker.call, job, self.timeout, light)
        if answer is None or answer[0] in ("crashed", "heavy"):
            if client is not None:
                self._stopped_at[client] = time.monotonic()
            asyncio.ensure_future(self._replace(worker))
            return self._stopped(answer, time.perf_counter() - started)
        self._idle.put_nowait(worker)
        if answer[0] == "error":
            self.stats["errors"] += 1
        return answer

    def _penalised(self, client: str) -> bool:
        """Was one of this client's queries stopped (time limit, heavy quota) in the last 30 s?"""
        return time.monotonic() - self._stopped_at.get(client, -1e9) < PENALTY_S

    def _priority(self, client: str | None) -> tuple:
        """Who gets the next free worker: the server's own jobs, then clients none of whose queries
        was stopped in the last 30 s, then those running fewest queries; then arrival order. A client
        sending heavy queries in a loop thus waits behind everyone else."""
        if client is None:
            return (0, 0, 0)
        return (1, int(self._penalised(client)), self.admission.in_flight.get(client, 1))

    def _stopped(self, answer: tuple | None, elapsed: float) -> tuple:
        """The answer for a query whose worker was killed or died."""
        if answer is None:
            self.stats["timeouts"] += 1
            log.warning("query stopped after %.1f s (time limit)", elapsed)
            return ("error", 503, f"the query ran over the time limit of {self.timeout:g} s and "
                                  "was stopped; narrow it or add a LIMIT")
        if answer[0] == "heavy":
            self.stats["heavy_stopped"] += 1
            return ("error", 503, f"the query ran over {self.limits.light_s:g} s while the heavy queries "
                                  f"allowed ({self.limits.heavy_per_client} per client, "
                                  f"{self.limits.heavy_cap} in all) were running; it was stopped: retry later")
        self.stats["errors"] += 1
        return ("error", 503, f"the query worker stopped (over the {self.limits.max_memory_mb} MiB memory "
                              "limit, or crashed); it has been restarted")


class _FairQueue:
    """Idle workers, handed to waiting requests by ``priority(client)`` (a tuple, lowest first; its
    second item is 1 for a penalised client), not in arrival order. ``reserve`` workers are kept for
    clients that are not penalised: a penalised one waits until more are idle (and, while attacks go
    on, gets a 503 after the wait: cheap, where stopping its query costs a worker)."""

    def __init__(self, priority, reserve: int = 0):
        self.priority, self.reserve = priority, reserve
        self.free: list[Worker] = []
        self.waiting: list[tuple[tuple, int, asyncio.Future]] = []
        self.seq = 0

    def put_nowait(self, worker: Worker) -> None:
        self.free.append(worker)
        self._dispatch()

    def _dispatch(self) -> None:
        import heapq

        while self.waiting and self.free:
            priority, _, future = self.waiting[0]
            if future.done():
                heapq.heappop(self.waiting)
                continue
            if priority[1] and len(self.free) <= self.reserve:
                return  # everyone still waiting is penalised: keep the reserve
            heapq.heappop(self.waiting)
            future.set_result(self.free.pop())

    async def get(self, client: str | None = None) -> Worker:
        import heapq

        future = asyncio.get_running_loop().create_future()
        self.seq += 1
        heapq.heappush(self.waiting, (self.priority(client), self.seq, future))
        self._dispatch()
        try:
            return await future
        except asyncio.CancelledError:  # gave up waiting: a worker it was handed goes back
            if future.done() and not future.cancelled():
                self.put_nowait(future.result())
            raise


# --------------------------------------------------------------------------- HTTP


def _plain(status: int, message: str, headers: dict[str, str] | None = None):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(f"{status} {message}\n", status_code=status, headers=headers)


def _parse_accept(header: str) -> tuple[list[str], set[str]]:
    """(media ranges by preference, media ranges refused with ``q=0``) of an Accept header."""
    ranked, refused = [], set()
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:  # RFC 9110, 12.5.1: "q=0" means "not acceptable"
            refused.add(media)
        else:
            ranked.append((media, q, -i))
    ranked.sort(key=lambda t: (t[1], t[2]), reverse=True)
    return [m for m, _q, _i in ranked], refused


def _first_allowed(table: dict[str, tuple[str, str]], candidates: list[str],
                   refused: set[str]) -> tuple[str, str] | None:
    """The first candidate media type of ``table`` not refused, by name or by its ``type/*``, nor
    through the Content-Type it is sent as (``application/json`` goes out as SPARQL JSON)."""
    def allowed(media: str) -> bool:
        return media not in refused and media.split("/")[0] + "/*" not in refused

    for media in candidates:
        if media in table and allowed(media) and allowed(table[media][1].split(";")[0]):
            return table[media]
    return None


def negotiate(form: str, accept: str, format_values: list[str]) -> tuple[str, str] | None:
    """(serialize format, Content-Type) for this query form, or None when nothing fits (406)."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    table = GRAPH_TYPES if graph else SELECT_TYPES
    preferred = WILDCARD_ORDER[graph]
    for value in format_values:  # an explicit format= / output= wins when we know it
        media = FORMAT_ALIASES.get(value.strip().lower(), value.strip().lower())
        if media in table:
            return table[media]
    if not accept.strip():
        return table[preferred[0]]
    ranked, refused = _parse_accept(accept)
    for media in ranked:
        if media == "*/*":
            chosen = _first_allowed(table, preferred, refused)
        elif media.endswith("/*"):
            chosen = _first_allowed(table, [m for m in preferred if m.startswith(media[:-1])], refused)
        else:
            chosen = _first_allowed(table, [media], refused)
        if chosen is not None:
            return chosen
    return None


class _BadRequest(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def _charset_ok(content_type: str) -> bool:
    m = re.search(r"charset\s*=\s*\"?([\w-]+)", content_type, re.I)
    return m is None or m.group(1).lower() in ("utf-8", "utf8", "us-ascii", "ascii")


async def _read_body(request) -> str:
    """A POST body read with a cap (a huge body is never held whole) and decoded as UTF-8."""
    from starlette.requests import ClientDisconnect

    too_big = _BadRequest(413, f"request body over {MAX_QUERY_BYTES // 1024} KiB")
    if request.headers.get("content-length", "0").isdigit() and \
            int(request.headers.get("content-length", "0")) > MAX_QUERY_BYTES:
        raise too_big
    chunks, size = [], 0
    try:
        limit = getattr(request.app.state, "limits", None)
        seconds = limit.body_timeout_s if limit else BODY_TIMEOUT_S
        async with asyncio.timeout(seconds):  # a slow body does not hold a connection forever
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_QUERY_BYTES:
                    raise too_big
                chunks.append(chunk)
    except ClientDisconnect:
        raise _BadRequest(400, "the client went away before sending its request body") from None
    except TimeoutError:
        raise _BadRequest(408, f"the request body took over {seconds:g} s to arrive") from None
    if not _charset_ok(request.headers.get("content-type", "")):
        raise _BadRequest(415, "queries must be sent in UTF-8")
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise _BadRequest(400, "the request body is not valid UTF-8") from None


async def _post_params(request, url_params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The parameters a POST body carries, by its Content-Type (form-encoded or a direct query)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = await _read_body(request)
    if media == "application/x-www-form-urlencoded":
        try:
            return parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text),
                             encoding="utf-8", errors="strict")
        except (ValueError, UnicodeDecodeError):
            raise _BadRequest(400, "malformed form-encoded body") from None
    if media == "application/sparql-query":
        if any(k == "query" for k, _ in url_params):
            raise _BadRequest(400, "a direct POST carries the query in its body, not in ?query=")
        return [("query", text)]
    if media == "application/sparql-update":
        raise _BadRequest(403, "SPARQL updates are disabled: this endpoint is read-only")
    if not media:
        raise _BadRequest(415, "POST needs Content-Type application/x-www-form-urlencoded or "
                               "application/sparql-query")
    raise _BadRequest(415, f"unsupported Content-Type {media}; use "
                           "application/x-www-form-urlencoded or application/sparql-query")


async def _read_protocol_request(request) -> tuple[str, list[str], list[str], list[str]]:
    """(query text, default graphs, named graphs, format values) or _BadRequest."""
    try:  # strict: a query string that is not UTF-8 is refused, not patched with U+FFFD
        url_params = parse_qsl(request.url.query, keep_blank_values=True, encoding="utf-8",
                               errors="strict")
    except UnicodeDecodeError:
        raise _BadRequest(400, "the query string is not valid UTF-8 (percent-encode UTF-8 bytes)") from None
    params: list[tuple[str, str]] = list(url_params)
    if request.method == "POST":
        params += await _post_params(request, url_params)
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in params):
        raise _BadRequest(403, "SPARQL updates are disabled: this endpoint is read-only")
    queries = [v for k, v in params if k == "query"]
    if not queries:
        raise _BadRequest(400, "missing the query parameter (GET ?query=… or POST query=…)")
    if len(queries) > 1:
        raise _BadRequest(400, "more than one query parameter")
    query = queries[0]
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise _BadRequest(413, f"query over {MAX_QUERY_BYTES // 1024} KiB")
    if not query.strip():
        raise _BadRequest(400, "empty query")
    defaults = [v for k, v in params if k == "default-graph-uri"]
    named = [v for k, v in params if k == "named-graph-uri"]
    for uri in defaults + named:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", uri):
            raise _BadRequest(400, f"not an absolute IRI: {uri[:200]!r}")
    formats = [v for k, v in params if k in ("format", "output")]
    return query, defaults, named, formats


def endpoint_url(request) -> str | None:
    """The URL the request reached, without its query: the base IRI of its query (SPARQL 1.1
    Protocol, as Oxigraph's server does). None when the Host header makes no IRI."""
    url = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
    return url if re.fullmatch(r"https?://[^\s<>\"{}|\\^`/?#]+/[^\s<>\"{}|\\^`?#]*", url) else None


#: Queries longer than this are read by the gate in a thread: a 256 KiB query of 130,000 tokens takes
#: up to a few hundred ms of CPU, which must not stall the event loop that answers everyone.
GATE_INLINE_BYTES = 16 * 1024


async def _inspect(text: str, allow_service: bool):
    """The read-only gate (:func:`sparql.inspect_query`), off the event loop for long queries."""
    if len(text) <= GATE_INLINE_BYTES:
        return sparql.inspect_query(text, allow_service=allow_service)
    return await asyncio.to_thread(sparql.inspect_query, text, allow_service=allow_service)


GZIP_OVER = 16 * 1024  # static files larger than this go out gzipped when the client takes it


@functools.lru_cache(maxsize=16)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """A static file compressed once (the vendored editor: 1 MB of JavaScript, 0.28 MB gzipped)."""
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


class Handlers:
    """The routes of the endpoint over one worker pool and one catalogue (:func:`create_app` wires
    them into Starlette). Every answer is a response, never an exception: errors are one line."""

    def __init__(self, source: Source, engine: Engine, catalogue: dict[str, sparql.NamedQuery], *,
                 timeout: float, max_rows: int, workers: int, allow_service: bool, explorer: Path | None):
        self.source, self.engine, self.catalogue = source, engine, catalogue
        self.timeout, self.max_rows, self.workers = timeout, max_rows, workers
        self.allow_service, self.explorer = allow_service, explorer

    def routes(self) -> list:
        from starlette.routing import Route

        return [
            Route("/", self.index, methods=["GET"]),
            Route("/sparql", self.sparql_endpoint, methods=["GET", "POST"]),
            Route("/sparql/", self.sparql_endpoint, methods=["GET", "POST"]),
            Route("/queries", self.list_queries, methods=["GET"]),
            Route("/prefixes", self.prefixes, methods=["GET"]),
            Route("/queries/{name}", self.named_query, methods=["GET"]),
            Route("/status", self.status, methods=["GET"]),
            Route("/explorer", self.explorer_page, methods=["GET"]),
            Route("/static/{path:path}", self.static_file, methods=["GET"]),
        ]

    async def run_query(self, request, text: str, bindings: dict, defaults: list[str], named: list[str],
                        formats: list[str], base: str | None = None):
        """Gate, negotiate, run in a worker: the response to one query."""
        from starlette.responses import Response

        try:
            scan = await _inspect(text, self.allow_service)
        except sparql.QueryRefused as exc:
            self.engine.stats["refused"] += 1
            return _plain(400 if exc.reason == "depth" else 403, str(exc))
        except UserError as exc:
            return _plain(400, str(exc))
        form = scan.form
        if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return _plain(400, "SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
        chosen = negotiate(form, request.headers.get("accept", ""), formats)
        if chosen is None:
            return _plain(406, f"cannot answer a {form} query in the media types accepted "
                               f"({request.headers.get('accept', '')[:200]})")
        fmt, content_type = chosen
        job = {"query": text, "bindings": bindings, "default_graphs": defaults, "named_graphs": named,
               "uses_from": "FROM" in scan.keywords, "base": base, "service": scan.service,
               "max_rows": self.max_rows, "format": fmt}
        answer = await self.engine.execute(job, request.client.host if request.client else "?")
        if answer[0] != "ok":
            _, status, message = answer
            headers = {"Retry-After": "5"} if status in (429, 503) else None
            return _plain(status, message, headers)
        return Response(answer[1], media_type=content_type,
                        headers={"Vary": "Accept", "X-Result-Count": str(answer[2])})

    async def describe_service(self, request, formats: list[str]):
        """The SPARQL 1.1 Service Description (GET /sparql without a query)."""
        from starlette.responses import Response

        from resograph.query.describe import service_description

        chosen = negotiate("DESCRIBE", request.headers.get("accept", ""), formats)
        if chosen is None:
            return _plain(406, "the service description is in Turtle, N-Triples, JSON-LD or RDF/XML")
        lim = self.engine.limits
        limits = {"queryTimeLimit": self.timeout, "resultRowLimit": self.max_rows,
                  "requestSizeLimit": MAX_QUERY_BYTES, "queryWorkers": self.workers,
                  "answerSizeLimit": lim.max_answer_bytes, "queryMemoryLimit": lim.max_memory_mb,
                  "heavyQuerySeconds": lim.light_s, "heavyQueriesPerClient": lim.heavy_per_client,
                  "heavyQueriesInAll": lim.heavy_cap, "queriesPerClient": lim.per_client,
                  "headerTimeLimit": lim.header_timeout_s, "bodyTimeLimit": lim.body_timeout_s,
                  "connectionLimit": lim.max_connections}
        graph = service_description(endpoint_url(request) or "/sparql", limits, union=self.engine.union,
                                    allow_service=self.allow_service,
                                    counts=await self.engine.dataset_counts())
        fmt, content_type = chosen
        return Response(sparql.serialize(graph, fmt), media_type=content_type, headers={"Vary": "Accept"})

    async def sparql_endpoint(self, request):
        params = parse_qsl(request.url.query, keep_blank_values=True)
        if request.method == "GET" and all(k in ("format", "output") for k, _ in params):
            return await self.describe_service(request, [v for _, v in params])
        try:
            text, defaults, named, formats = await _read_protocol_request(request)
        except _BadRequest as exc:
            if exc.status == 403:
                self.engine.stats["refused"] += 1
            return _plain(exc.status, exc.message, exc.headers)
        return await self.run_query(request, text, {}, defaults, named, formats, endpoint_url(request))

    async def list_queries(self, request):  # with each query's text, which the page shows in its editor
        from starlette.responses import JSONResponse

        return JSONResponse([{**item, "text": self.catalogue[item["name"]].text}
                             for item in sparql.describe_catalogue(self.catalogue)])

    async def prefixes(self, request):  # the graph's namespaces, for the editor's prefix completion
        from starlette.responses import JSONResponse

        from resograph.graph.rdf import PREFIXES

        return JSONResponse({prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())})

    async def named_query(self, request):
        name = request.path_params["name"]
        q = self.catalogue.get(name)
        if q is None:
            return _plain(404, f"no named query {name!r} (GET /queries lists them)")
        params = parse_qsl(request.url.query, keep_blank_values=True)
        formats = [v for k, v in params if k in ("format", "output")]
        values = {k: v for k, v in params if k not in ("format", "output")}
        try:
            bindings = sparql.bindings(q, values)
            text, bindings = sparql.apply_limit(q.text, bindings)  # the row cap is a LIMIT, not a term
            # the workers query Oxigraph: `# @lateral` groups run row by row, as `resograph query` runs
            # them (citers' clause functions: ~11 s over the whole graph at 10,000 documents)
            text = sparql.lateral(text)
        except UserError as exc:
            return _plain(400, str(exc))
        lacking = await self.engine.lacking(q)
        if lacking:  # an old build would answer as if nothing matched
            return _plain(409, vocabcheck.stale_message(name, lacking))
        unknown = await self.unknown_key(q, bindings, values)
        if unknown:
            return _plain(400, unknown)
        return await self.run_query(request, text, bindings, [], [], formats)

    async def unknown_key(self, q: sparql.NamedQuery, bindings: dict, values: dict[str, str]) -> str | None:
        """The message for the first ``key`` parameter that names nothing in the graph, else None."""
        for param in q.params:
            term = bindings.get(param.name)
            if param.kind != "key" or term is None or await self.engine.exists(term):
                continue
            given = values.get(param.name) or param.default or str(term)
            return keycheck.unknown_key(param.name, given, await self.engine.known_keys())
        return None

    async def index(self, request):
        from starlette.responses import FileResponse

        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def static_file(self, request):
        from starlette.responses import FileResponse

        try:
            path = (STATIC / request.path_params["path"]).resolve()
            found = STATIC.resolve() in path.parents and path.is_file()
        except (ValueError, OSError):  # e.g. an embedded NUL byte in the path
            found = False
        if not found:
            return _plain(404, "not found")
        if "gzip" in request.headers.get("accept-encoding", "") and path.stat().st_size > GZIP_OVER:
            from starlette.responses import Response

            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return Response(_gzipped(path, path.stat().st_mtime_ns), media_type=media,
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return FileResponse(path)

    async def explorer_page(self, request):
        from starlette.responses import FileResponse

        if self.explorer is not None and self.explorer.is_file():
            return FileResponse(self.explorer, media_type="text/html; charset=utf-8")
        return _plain(404, "no explorer yet: build/explorer.html does not exist")

    async def status(self, request):
        from starlette.responses import JSONResponse

        return JSONResponse({
            # names, not the store's absolute path (it tells a visitor where the server's files live)
            "source": [Path(p).name for p in ((self.source.store,) if self.source.store else self.source.files)],
            "timeout_s": self.timeout, "max_rows": self.max_rows, "limits": self.engine.limits.public(),
            "workers": self.workers, "allow_service": self.allow_service, "updates": False,
            "explorer": bool(self.explorer is not None and self.explorer.is_file()),
            "named_queries": len(self.catalogue), **self.engine.stats,
        })


def create_app(source: Source, *, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2,
               allow_service: bool = False, explorer: Path | None = None,
               catalogue: dict[str, sparql.NamedQuery] | None = None, limits: Limits | None = None):
    """The Starlette application (start it with uvicorn; the worker pool starts with the app).
    ``limits`` holds every limit; without it, ``timeout``, ``max_rows`` and ``workers`` fill one."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette

    limits = limits or Limits(timeout_s=timeout, max_rows=max_rows, workers=max(1, workers))
    engine = Engine(source, allow_service=allow_service, limits=limits)
    handlers = Handlers(source, engine, sparql.load_catalogue() if catalogue is None else catalogue,
                        timeout=limits.timeout_s, max_rows=limits.max_rows, workers=limits.workers,
                        allow_service=allow_service,
                        explorer=explorer)

    @asynccontextmanager
    async def lifespan(app):
        await engine.start()
        try:
            yield
        finally:
            await engine.stop()

    async def on_error(request, exc):  # last resort: one line, no traceback, no 500
        log.exception("unexpected error on %s", request.url.path)
        return _plain(503, f"the server could not answer ({type(exc).__name__}); see its log")

    middleware = _middleware(limits)
    app = Starlette(routes=handlers.routes(), middleware=middleware, lifespan=lifespan,
                    exception_handlers={Exception: on_error, 500: on_error})
    app.state.engine = engine
    app.state.limits = limits
    return app


QUERY_PATHS = ("/sparql", "/queries")  # where other sites' pages may send queries (CORS)


def _middleware(limits: Limits) -> list:
    """Allowed Host headers (a DNS-rebinding page cannot reach a local server under its own name),
    and CORS for GET/POST of queries only: no credentials, no other methods, only the headers a
    query needs; the other routes send no CORS headers, so browsers keep their answers from pages
    of other origins."""
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    middleware = []
    if "*" not in limits.allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(limits.allowed_hosts)))
    if limits.cors_origins:
        middleware.append(Middleware(_QueryPathsOnly, inner=functools.partial(
            CORSMiddleware, allow_origins=list(limits.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"], expose_headers=["X-Result-Count"], max_age=3600)))
    return middleware


class _QueryPathsOnly:
    """Apply a middleware to the query routes only."""

    def __init__(self, app, inner):
        self.app, self.wrapped = app, inner(app)

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        target = self.wrapped if path.startswith(QUERY_PATHS) else self.app
        await target(scope, receive, send)


def source_for(build: str | os.PathLike = "build", data: list[str] | tuple[str, ...] = ()) -> Source:
    """The build's store (``build/store``), or RDF files when ``data`` is given, ``build`` is a file
    or the build has no store: :func:`resograph.graph.store.find_build`, the rule every reader follows."""
    from resograph.graph.store import find_build

    found = find_build(build, data)
    if found.store is not None:
        return Source(store=str(found.store.absolute()))
    return Source(files=tuple(str(f.resolve()) for f in found.files))


def uvicorn_config(app, host: str, port: int, limits: Limits | None = None, **options):
    """A uvicorn configuration that enforces the connection limits: a connection cap and a time
    limit on a request's headers (uvicorn has none of its own: slow clients held connections open
    until the process ran out of file descriptors)."""
    import uvicorn

    limits = limits or Limits()
    return uvicorn.Config(app, host=host, port=port, limit_concurrency=limits.max_connections,
                          timeout_keep_alive=min(5, int(limits.header_timeout_s) or 1),
                          http=_header_timeout_protocol(limits.header_timeout_s), **options)


def _header_timeout_protocol(seconds: float):
    """uvicorn's h11 protocol, closing a connection whose request headers are not complete after
    ``seconds`` (slowloris)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        def connection_made(self, transport):
            super().connection_made(transport)
            self._header_timer = self.loop.call_later(seconds, self._headers_too_slow)

        def _headers_too_slow(self):
            if self.cycle is None and not self.transport.is_closing():  # no complete request yet
                self.transport.close()

        def handle_events(self):
            super().handle_events()
            if self.cycle is not None:
                self._header_timer.cancel()

        def connection_lost(self, exc):
            self._header_timer.cancel()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol


def serve(source: Source, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Run the endpoint in this process until interrupted."""
    import uvicorn

    limits = options.get("limits")
    app = create_app(source, **options)
    uvicorn.Server(uvicorn_config(app, host, port, limits or Limits(), log_level="warning",
                                  access_log=False)).run()
