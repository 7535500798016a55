"""Load test of the SPARQL endpoint: many clients running the named queries, one pathological query.

`python -m resograph.tools.loadtest` (or `make loadtest`) starts `resograph serve` on 127.0.0.1 (a free
port, a child process it stops itself), then runs `--clients` concurrent clients, each looping over
the named queries (`GET /queries/NAME`, declared defaults) until `--requests` answers in all or
`--duration` seconds, whichever comes first. Meanwhile, once the clients are warm, one pathological
query is sent: a cross product of the whole graph with itself three times (billions of solutions),
which the server's time limit must stop (503) without stalling the others; the other clients'
latencies while it runs are reported apart.

It prints throughput, p50/p90/p99/max latency, the errors (anything but 200, by status), what
happened to the pathological query and the latency of the others during it. Exit status 0 when
there was no error and the pathological query was stopped by the time limit, 1 otherwise.

Only loopback, bounded in count and time: it stops by itself.

    python -m resograph.tools.loadtest --clients 50 --requests 20000 --duration 60 --time-limit 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

from resograph.query import sparql
from resograph.core.errors import UserError

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Sample:
    start: float
    end: float
    status: int  # 0: no HTTP answer (connection error, client timeout)
    query: str

    @property
    def latency(self) -> float:
        return self.end - self.start


@dataclass
class Report:
    clients: int
    workers: int
    time_limit: float
    triples: int
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    patho: Sample | None = None
    patho_message: str = ""

    def errors(self, samples: list[Sample] | None = None) -> Counter:
        return Counter(s.status for s in (self.samples if samples is None else samples) if s.status != 200)

    def during(self) -> list[Sample]:
        """Requests sent while the pathological query was running."""
        if not self.patho:
            return []
        return [s for s in self.samples if self.patho.start <= s.start < self.patho.end]

    def outside(self) -> list[Sample]:
        if not self.patho:
            return self.samples
        return [s for s in self.samples if s.end < self.patho.start or s.start >= self.patho.end]

    addresses: str = ""

    @property
    def ok(self) -> bool:
        """No error, and the cross product stopped by the server (its time limit, or its heavy-query
        quota: stopped at the heavy threshold while others' heavy queries ran)."""
        return (not self.errors() and self.patho is not None and self.patho.status == 503
                and any(w in self.patho_message for w in ("time limit", "heavy queries")))

    def as_dict(self) -> dict:
        during, outside = self.during(), self.outside()
        return {
            "clients": self.clients, "addresses": self.addresses, "workers": self.workers,
            "time_limit_s": self.time_limit,
            "triples": self.triples, "requests": len(self.samples), "wall_s": round(self.wall, 2),
            "throughput_rps": round(len(self.samples) / self.wall, 1) if self.wall else 0.0,
            "latency_ms": _percentiles(self.samples),
            "errors": dict(self.errors()),
            "pathological": None if not self.patho else {
                "status": self.patho.status, "seconds": round(self.patho.latency, 2),
                "message": self.patho_message},
            "during_pathological": {"requests": len(during), "errors": dict(self.errors(during)),
                                    "latency_ms": _percentiles(during)},
            "outside_pathological": {"requests": len(outside), "latency_ms": _percentiles(outside)},
            "per_query_p50_ms": {q: round(statistics.median(v) * 1000, 1)
                                 for q, v in sorted(_by_query(self.samples).items())},
        }

    def text(self) -> str:
        d = self.as_dict()
        lat, dur, out = d["latency_ms"], d["during_pathological"], d["outside_pathological"]
        lines = [
            f"load test: {d['clients']} clients, {d['workers']} query workers, time limit "
            f"{d['time_limit_s']:g} s, graph of {d['triples']} triples",
            f"clients from   {d['addresses']}",
            f"requests       {d['requests']} in {d['wall_s']} s = {d['throughput_rps']} req/s",
            f"latency        p50 {lat['p50']} ms, p90 {lat['p90']} ms, p99 {lat['p99']} ms, "
            f"max {lat['max']} ms",
            f"errors         {sum(d['errors'].values())}" +
            (f" ({', '.join(f'HTTP {k}: {v}' for k, v in d['errors'].items())})" if d["errors"] else ""),
        ]
        p = d["pathological"]
        if p:
            lines.append(f"pathological   cross product stopped: HTTP {p['status']} after {p['seconds']} s "
                         f"({p['message']})")
            lines.append(f"  meanwhile    {dur['requests']} requests from the others, "
                         f"{sum(dur['errors'].values())} errors, p50 {dur['latency_ms']['p50']} ms, "
                         f"p99 {dur['latency_ms']['p99']} ms, max {dur['latency_ms']['max']} ms")
            lines.append(f"  otherwise    {out['requests']} requests, p50 {out['latency_ms']['p50']} ms, "
                         f"p99 {out['latency_ms']['p99']} ms")
        else:
            lines.append("pathological   not sent (the run ended first)")
        lines.append("result         " + ("PASS: no error, pathological query stopped by the server"
                                          if self.ok else "FAIL"))
        return "\n".join(lines)


def _percentiles(samples: list[Sample]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p90": None, "p99": None, "max": None}
    values = sorted(s.latency for s in samples)

    def pct(p: float) -> float:
        return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000, 1)

    return {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": round(values[-1] * 1000, 1)}


def _by_query(samples: list[Sample]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for s in samples:
        out.setdefault(s.query, []).append(s.latency)
    return out


# -- the server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic_build(docs: int, workdir: Path, seed: int = 0) -> Path:
    """A synthetic corpus of `docs` documents (`resograph synth`, kept in `workdir`) built into
    `workdir/build-DOCS`, store only: a second run finds it current (a rebuild with nothing changed)."""
    from resograph.graph.build import build as run_build
    from resograph.tools.bench import ensure_corpus

    corpus, generated = ensure_corpus(workdir, docs, seed)
    out = workdir / f"build-{docs}"
    print(f"loadtest: {docs} synthetic documents in {corpus}" + (" (generated)" if generated else "")
          + f", building {out} (store only) …", file=sys.stderr, flush=True)
    r = run_build([str(corpus)], str(out), quiet=True, formats="none")
    if not r.published:
        raise UserError(f"{out}: the build of the synthetic corpus was not published")
    return out


def ensure_build(build: Path | None) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The build directory to serve; without one, the seed resolution built into a temporary one."""
    if build is not None:
        if not (build / "store").exists():
            raise UserError(f"{build}/store: no store (run `resograph build` first)")
        return build, None
    from resograph.graph.build import build as run_build
    from resograph.core.paths import sources_dir

    tmp = tempfile.TemporaryDirectory(prefix="resograph-loadtest-")
    run_build([str(sources_dir())], tmp.name, quiet=True)
    return Path(tmp.name), tmp


class Server:
    """`resograph serve` in a child process on 127.0.0.1."""

    def __init__(self, build: Path, time_limit: float, workers: int, max_rows: int,
                 extra: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "resograph.cli", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--build", str(build), "--timeout", str(time_limit),
               "--workers", str(workers), "--max-rows", str(max_rows), *extra]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, wait: float = 60.0) -> dict:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise UserError(f"resograph serve exited with status {self.process.returncode}: "
                                f"{self.output()[-500:]}")
            try:
                r = httpx.get(self.url + "/status", timeout=2)
                if r.status_code == 200:
                    return r.json()
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise UserError(f"resograph serve did not answer on {self.url} within {wait:.0f} s")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


# -- the clients -------------------------------------------------------------------------------

def named_requests() -> list[tuple[str, str]]:
    """(name, path) of every named query with its declared defaults, as JSON (Turtle for graphs)."""
    out = []
    for name, q in sparql.load_catalogue().items():
        fmt = "json" if q.form in ("SELECT", "ASK") else "nt"
        out.append((name, f"/queries/{quote(name)}?format={fmt}"))
    return out


def client_addresses(n: int) -> list[str] | None:
    """`n` loopback source addresses, one per client (127.1.0.1, 127.1.0.2, …), so that the server's
    per-client limits (queries in flight, heavy queries: keyed by the client's address) apply to
    each client as they would to users on their own machines; None where only 127.0.0.1 can be
    bound (all of 127/8 is loopback on Linux, not on every system)."""
    addresses = [f"127.1.{k // 250}.{k % 250 + 1}" for k in range(n)]
    try:
        with socket.socket() as s:
            s.bind((addresses[-1], 0))
    except OSError:
        return None
    return addresses


async def _loop(client: httpx.AsyncClient, plan: list[tuple[str, str]], k: int, budget: dict, deadline: float,
                samples: list[Sample]) -> None:
    """One client: the named queries in turn, from the k-th on, until the budget or the time is out."""
    i = k
    while budget["left"] > 0 and time.perf_counter() < deadline:
        budget["left"] -= 1
        name, path = plan[i % len(plan)]
        i += 1
        t0 = time.perf_counter()
        try:
            r = await client.get(path)
            status = r.status_code
        except httpx.HTTPError:
            status = 0
        samples.append(Sample(t0, time.perf_counter(), status, name))


def _http(url: str, address: str | None, connections: int, timeout: float) -> httpx.AsyncClient:
    """An HTTP client of the server, sending from `address` when given."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx.AsyncHTTPTransport(local_address=address, limits=limits) if address else None
    return httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout, transport=transport)


async def run_load(url: str, clients: int, requests: int, duration: float, time_limit: float,
                   patho_after: float, request_timeout: float,
                   addresses: list[str] | None = None) -> tuple[list[Sample], Sample | None, str, float]:
    """`clients` loops over the named queries and one cross product; with `addresses` (one more than
    `clients`: the last sends the cross product) each from its own source address."""
    plan = named_requests()
    samples: list[Sample] = []
    budget = {"left": requests}
    started = time.perf_counter()
    deadline = started + duration
    patho: list[Sample] = []
    patho_msg: list[str] = []

    pool = ([_http(url, a, 2, request_timeout) for a in addresses] if addresses
            else [_http(url, None, clients + 2, request_timeout)])
    try:
        def client_of(k: int) -> httpx.AsyncClient:
            return pool[k % len(pool)]

        async def pathological() -> None:
            client = client_of(clients)
            await asyncio.sleep(patho_after)
            if time.perf_counter() >= deadline or budget["left"] <= 0:
                return
            t0 = time.perf_counter()
            try:
                r = await client.post("/sparql", data={"query": PATHOLOGICAL},
                                      headers={"Accept": "application/sparql-results+json"},
                                      timeout=time_limit * 4 + 10)
                status, msg = r.status_code, " ".join(r.text.split())[:160]
            except httpx.HTTPError as exc:
                status, msg = 0, type(exc).__name__
            patho.append(Sample(t0, time.perf_counter(), status, "pathological"))
            patho_msg.append(msg)

        tasks = [asyncio.create_task(_loop(client_of(k), plan, k, budget, deadline, samples)) for k in range(clients)]
        tasks.append(asyncio.create_task(pathological()))
        # hard bound: the duration, plus the time limit for the last answers
        done, pending = await asyncio.wait(tasks, timeout=duration + time_limit * 4 + 30)
        for t in pending:
            t.cancel()
    finally:
        for c in pool:
            await c.aclose()
    wall = min(time.perf_counter(), max((s.end for s in samples), default=started)) - started
    return samples, (patho[0] if patho else None), (patho_msg[0] if patho_msg else ""), wall


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m resograph.tools.loadtest",
        description="Load test of `resograph serve` on 127.0.0.1: concurrent clients run the named "
                    "queries while a pathological cross product must be stopped by the time limit.",
        epilog="Example: python -m resograph.tools.loadtest --clients 50 --requests 20000 --duration 60")
    ap.add_argument("--build", type=Path, default=None,
                    help="build directory to serve (default: build the seed into a temporary one)")
    ap.add_argument("--docs", type=int, default=None, metavar="N",
                    help="serve a synthetic corpus of N documents instead, generated and built (store only) "
                         "under --workdir, kept for the next run")
    ap.add_argument("--workdir", type=Path, default=Path("build/loadtest"), metavar="DIR",
                    help="where --docs puts its corpus and build (default: build/loadtest)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default: 50)")
    ap.add_argument("--requests", type=int, default=20000,
                    help="stop after this many requests in all (default: 20000)")
    ap.add_argument("--duration", type=float, default=60.0,
                    help="stop sending after this many seconds (default: 60)")
    ap.add_argument("--time-limit", type=float, default=5.0,
                    help="the server's per-query time limit in seconds (default: 5)")
    ap.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)),
                    help="the server's query worker processes (default: 2-4 by CPU count)")
    ap.add_argument("--pathological-after", type=float, default=None, metavar="S",
                    help="send the cross product this many seconds in (default: a quarter of --duration)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    return ap


def _served(args: argparse.Namespace) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The build to serve: --docs (a synthetic build), --build, or the seed in a temporary directory."""
    if args.docs is not None and args.build is not None:
        raise UserError("--docs and --build: give one")
    if args.docs is not None and args.docs < 1:
        raise UserError("--docs must be at least 1")
    if args.docs is not None:
        return synthetic_build(args.docs, args.workdir), None
    return ensure_build(args.build)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        for name in ("clients", "requests"):
            if getattr(args, name) < 1:
                raise UserError(f"--{name} must be at least 1")
        if args.duration <= 0 or args.time_limit <= 0:
            raise UserError("--duration and --time-limit must be more than 0 seconds")
        build, tmp = _served(args)
        addresses = client_addresses(args.clients + 1)
        extra = () if addresses else ("--per-client", str(args.clients + 1))
        server = Server(build, args.time_limit, args.workers, max_rows=100000, extra=extra)
        try:
            status = server.wait_ready()
            from resograph.graph.store import open_graph
            triples = len(open_graph(build))
            # the request timeout is generous: a client waits for a worker at most one time limit
            samples, patho, msg, wall = asyncio.run(run_load(
                server.url, args.clients, args.requests, args.duration, args.time_limit,
                args.pathological_after if args.pathological_after is not None else args.duration / 4,
                request_timeout=args.time_limit * 3 + 10, addresses=addresses))
        finally:
            server.stop()
            if tmp is not None:
                tmp.cleanup()
    except UserError as exc:
        print(f"loadtest: error: {exc}", file=sys.stderr)
        return 2
    report = Report(args.clients, status.get("workers", args.workers), args.time_limit, triples,
                    samples, wall, patho, msg)
    report.addresses = (f"one loopback address each ({addresses[0]} … {addresses[-1]}, the last for the cross "
                        "product): the server's per-client limits apply per client" if addresses else
                        f"127.0.0.1 for all (no other loopback address here): --per-client raised to {args.clients + 1}")
    print(report.text())
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
