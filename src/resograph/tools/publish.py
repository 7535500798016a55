"""Push the built graph into a standard SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB, Oxigraph…).

:func:`publish` replaces one named graph in a remote store with `build/resograph.nt`:

1. read the built N-Triples (distinct triples: that is the count to verify against);
2. ask the store a trivial query (`ASK {}`), which shows it is reachable and tells what it is
   (the `Server` header) so that its Graph Store and Update URLs can be derived (:func:`derive_urls`);
3. Graph Store HTTP Protocol: one `PUT ?graph=IRI` with the whole graph (replace = idempotent);
4. if the store lacks the protocol (404/405/406/415/501 on the PUT), SPARQL 1.1 Update instead:
   `DROP SILENT GRAPH` then the triples in chunks, `INSERT DATA` for chunks without blank nodes and
   `INSERT {…} WHERE {}` for chunks with them (Virtuoso 7 refuses blank nodes in INSERT DATA, and
   a blank node's triples are kept in one chunk so that it stays one node);
5. verify: `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <IRI> { ?s ?p ?o } }` must give the local count.
   After the Update path a mismatch triggers one complete redo (a retried chunk with blank nodes may
   have been applied twice), then it is reported as an error.

Transient failures (connection errors, timeouts, 408, 429, 502, 503, 504) are retried with
exponential backoff (`Retry-After` honoured), bounded in attempts and in time; a 500 is retried at
most twice (Virtuoso answers 500 for permanent errors such as missing permissions). Credentials come
from the environment only (`RESOGRAPH_USER`, `RESOGRAPH_PASSWORD`; Basic, or Digest when the store
asks for it, as Virtuoso's `-auth` endpoints do; sent only when the store asks).

>>> result = publish("build", "http://127.0.0.1:8890/sparql")   # doctest: +SKIP
>>> result.remote_triples == result.local_triples                # doctest: +SKIP
True
"""

from __future__ import annotations

import base64
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from resograph.core.errors import UserError

DEFAULT_GRAPH = "https://w3id.org/resograph/graph"
ENV_USER = "RESOGRAPH_USER"
ENV_PASSWORD = "RESOGRAPH_PASSWORD"
BUILD_FILES = ("resograph.nt", "resograph.ttl")

TRANSIENT_STATUS = {408, 429, 502, 503, 504}
RETRIED_500 = 2  # a 500 is usually permanent (Virtuoso: SQL/permission errors); retry it twice only
NO_GSP_STATUS = {404, 405, 406, 415, 501}  # "this URL does not do the Graph Store Protocol"
SPARQL_JSON = "application/sparql-results+json"


class PublishError(UserError):
    """Publishing failed; the message is one line and says what was and was not done."""


@dataclass
class Retry:
    """Bounded exponential backoff: `attempts` tries per request, waits base·2^k (≤ cap) with
    jitter, and never past `deadline` seconds from the start of the publish."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 8.0
    deadline: float = 300.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = min(self.cap, self.base * 2 ** attempt) * (0.5 + random.random() / 2)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait


@dataclass
class Urls:
    query: str
    update: str
    gsp: str | None
    server: str = ""


@dataclass
class PublishResult:
    """What publishing did; `summary()` is what the CLI prints."""

    endpoint: str
    graph: str
    source: Path
    method: str = ""  # "graph-store" | "update"
    local_triples: int = 0
    remote_triples: int | None = None
    requests: int = 0
    retries: int = 0
    chunks: int = 0
    seconds: float = 0.0
    server: str = ""
    notes: list[str] = field(default_factory=list)
    old_triples: int | None = None  # the graph's count before (None: not asked)
    state: str = ""  # what the remote graph holds now, in words (the summary's last line)

    @property
    def verified(self) -> bool:
        return self.remote_triples == self.local_triples

    def summary(self) -> str:
        how = {"graph-store": "Graph Store Protocol (PUT)",
               "update": f"SPARQL Update ({self.chunks} chunks)"}.get(self.method, self.method)
        lines = [
            f"published      {self.local_triples} triples from {self.source}",
            f"to             <{self.graph}> at {self.endpoint}" + (f" ({self.server})" if self.server else ""),
            f"via            {how}",
            f"verified       remote count {self.remote_triples}"
            + (" = local count" if self.verified else f" ≠ local {self.local_triples}"),
            f"requests       {self.requests} ({self.retries} retried)",
            f"time           {self.seconds:.2f}s",
        ]
        lines += [f"note           {n}" for n in self.notes]
        if self.state:
            lines.append(f"graph now      {self.state}")
        return "\n".join(lines)


# -- the built graph ---------------------------------------------------------------------------

def find_build(build: str | os.PathLike) -> Path:
    """`build` is a build directory (its resograph.nt, else resograph.ttl) or an RDF file."""
    path = Path(build)
    if path.is_file():
        return path
    if path.is_dir():
        for name in BUILD_FILES:
            if (path / name).is_file():
                return path / name
        raise PublishError(f"{path}: no built graph (resograph.nt); run `resograph build` first")
    raise PublishError(f"{path}: no such build directory or file; run `resograph build` first")


def read_triples(path: Path) -> list[ox.Triple]:
    """Distinct triples of an N-Triples or Turtle file, in file order (sets: the store keeps one)."""
    fmt = ox.RdfFormat.TURTLE if path.suffix in (".ttl", ".turtle") else ox.RdfFormat.N_TRIPLES
    try:
        data = path.read_bytes()
        quads = ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    except (OSError, SyntaxError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PublishError(f"{path}: cannot read the built graph: {reason}") from exc
    if not triples:
        raise PublishError(f"{path}: the built graph is empty; nothing to publish")
    return triples


def chunks(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Triples in chunks of about `size`, every blank node's triples in one chunk.

    Blank node labels are scoped to one request, so a node split over two requests would become
    two nodes. Triples are grouped by connected blank nodes (union-find), then packed in order.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in triples:
        nodes = [n.value for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        if len(nodes) == 2:
            a, b = find(nodes[0]), find(nodes[1])
            if a != b:
                parent[a] = b
    groups: dict[str, list[ox.Triple]] = {}
    out: list[list[ox.Triple]] = []
    current: list[ox.Triple] = []
    for t in triples:
        blank = next((n.value for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)), None)
        if blank is None:
            current.append(t)
            if len(current) >= size:
                out.append(current)
                current = []
        else:
            groups.setdefault(find(blank), []).append(t)
    if current:
        out.append(current)
    pending: list[ox.Triple] = []
    for group in groups.values():
        if pending and len(pending) + len(group) > size:
            out.append(pending)
            pending = []
        pending.extend(group)
    if pending:
        out.append(pending)
    return out


def ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def update_for(graph: str, chunk: list[ox.Triple]) -> str:
    body = " .\n".join(str(t) for t in chunk) + " ."
    if any(isinstance(n, ox.BlankNode) for t in chunk for n in (t.subject, t.object)):
        # A blank node in an INSERT template is a fresh node per request: the same meaning as
        # INSERT DATA, which Virtuoso 7 does not allow with blank nodes.
        return f"INSERT {{ GRAPH <{graph}> {{\n{body}\n}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


# -- HTTP --------------------------------------------------------------------------------------

class AutoAuth(httpx.Auth):
    """Credentials only when the server asks: Basic or Digest, whichever its 401 challenge names.

    Once a scheme is known it is sent up front on the next requests (Digest re-challenges when its
    nonce goes stale). Virtuoso's `-auth` endpoints answer Basic credentials with a bare 401, so
    nothing is sent before the first challenge.
    """

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._basic = f"Basic {token}"
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            request.headers["Authorization"] = self._basic
        response = yield request
        if response.status_code != 401:
            return
        challenges = [h.lower() for h in response.headers.get_list("www-authenticate")]
        if any(c.startswith("digest") for c in challenges):
            self._scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # the Digest flow's unauthenticated first try: we already have its 401
            try:
                request = flow.send(response)
            except StopIteration:
                return
            yield request
        elif any(c.startswith("basic") for c in challenges) and self._scheme != "basic":
            self._scheme = "basic"
            request.headers["Authorization"] = self._basic
            yield request


def credentials_from_env(env: dict[str, str] | None = None) -> AutoAuth | None:
    env = os.environ if env is None else env
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if user and password is not None:
        return AutoAuth(user, password)
    if user or password:
        missing = ENV_PASSWORD if user else ENV_USER
        raise PublishError(f"{missing} is not set (credentials come in pairs from the environment)")
    return None


class _Http:
    """httpx with bounded retries; counts requests and retries for the report."""

    def __init__(self, client: httpx.Client, retry: Retry, result: PublishResult,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.client, self.retry, self.result, self.sleep = client, retry, result, sleep
        self.start = time.monotonic()

    def request(self, method: str, url: str, what: str, **kw) -> httpx.Response:
        """The response of the first non-transient answer; PublishError when retries run out."""
        failures_500 = 0
        last = ""
        for attempt in range(self.retry.attempts):
            retry_after = None
            self.result.requests += 1
            try:
                response = self.client.request(method, url, **kw)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            else:
                status = response.status_code
                if status == 500:
                    failures_500 += 1
                    if failures_500 > RETRIED_500:
                        return response
                elif status not in TRANSIENT_STATUS:
                    return response
                last = f"HTTP {status} {response.reason_phrase}"
                retry_after = _retry_after(response.headers.get("retry-after"))
                if status == 500:
                    last += f": {first_line(response.text)}"
            if attempt + 1 >= self.retry.attempts:
                break
            wait = self.retry.delay(attempt, retry_after)
            if time.monotonic() - self.start + wait > self.retry.deadline:
                break
            self.result.retries += 1
            self.sleep(wait)
        raise PublishError(f"{url}: {what} failed after {attempt + 1} attempts ({last})")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def first_line(text: str, limit: int = 200) -> str:
    """The first informative line of an error body (HTML tags dropped), for one-line messages."""
    text = re.sub(r"<[^>]+>", " ", text or "")
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return "(empty body)"


# -- URLs --------------------------------------------------------------------------------------

def _sibling(url: str, name: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] + "/" + name
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def derive_urls(endpoint: str, server: str = "", *, gsp: str | None = None,
                update: str | None = None, authenticated: bool = False) -> Urls:
    """The Graph Store and Update URLs of a store from its query endpoint and `Server` header.

    - Virtuoso (`/sparql`): Graph Store `/sparql-graph-crud`, or with credentials
      `/sparql-graph-crud-auth` and updates on `/sparql-auth` (Digest).
    - RDF4J / GraphDB (`/repositories/ID`): `…/rdf-graphs/service` and `…/statements`.
    - Fuseki / Oxigraph server (`/ds/query`, Fuseki's `/ds/sparql`, `/query`): `…/data`
      (Oxigraph: `…/store`) and `…/update`.
    - anything else (a Fuseki dataset URL such as `/ds`, Blazegraph, QLever…): the endpoint itself
      for all three.
    Explicit `gsp`/`update` URLs win.
    """
    path = urlsplit(endpoint).path.rstrip("/")
    d_gsp, d_update = endpoint, endpoint
    if "virtuoso" in server.lower():
        suffix = "-auth" if authenticated else ""
        d_gsp = _sibling(endpoint, "sparql-graph-crud" + suffix)
        d_update = _sibling(endpoint, "sparql" + suffix)
    elif re.search(r"/repositories/[^/]+$", path):
        base = endpoint.rstrip("/")
        d_gsp, d_update = base + "/rdf-graphs/service", base + "/statements"
    elif path.endswith("/query") or ("fuseki" in server.lower() and path.endswith("/sparql")):
        d_gsp = _sibling(endpoint, "store" if "oxigraph" in server.lower() else "data")
        d_update = _sibling(endpoint, "update")
    return Urls(query=endpoint, update=update or d_update, gsp=gsp or d_gsp, server=server)


# -- publish -----------------------------------------------------------------------------------

def publish(build: str | os.PathLike, endpoint: str, graph: str = DEFAULT_GRAPH, *,
            gsp: str | None = None, update: str | None = None, use_gsp: bool = True,
            auth: httpx.Auth | None = None, batch: int = 2000, timeout: float = 120.0,
            retry: Retry | None = None, progress: bool = False,
            sleep: Callable[[float], None] = time.sleep) -> PublishResult:
    """Replace graph `graph` in the store at `endpoint` with the built graph; verify the count."""
    started = time.monotonic()
    _check_url(endpoint, "--endpoint")
    for name, url in (("--gsp", gsp), ("--update", update)):
        if url:
            _check_url(url, name)
    if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", graph):
        raise PublishError(f"--graph {graph}: not an absolute IRI")
    source = find_build(build)
    triples = read_triples(source)
    result = PublishResult(endpoint=endpoint, graph=graph, source=source, local_triples=len(triples))
    limits = httpx.Timeout(timeout, connect=10.0)
    with httpx.Client(auth=auth, timeout=limits, follow_redirects=False,
                      headers={"User-Agent": "resograph-publish"}) as client:
        http = _Http(client, retry or Retry(), result, sleep)
        probe = http.request("POST", endpoint, "reaching the query endpoint",
                             data={"query": "ASK {}"}, headers={"Accept": SPARQL_JSON})
        if probe.status_code in (401, 403):
            raise PublishError(f"{endpoint}: access refused (HTTP {probe.status_code}); "
                               f"set {ENV_USER} and {ENV_PASSWORD}")
        if probe.status_code >= 400:
            raise PublishError(f"{endpoint}: not a SPARQL endpoint (HTTP {probe.status_code}: "
                               f"{first_line(probe.text)})")
        urls = derive_urls(endpoint, probe.headers.get("server", ""), gsp=gsp, update=update,
                           authenticated=auth is not None)
        result.server = urls.server
        if urls.update:
            _publish_aside(http, urls, graph, triples, result, use_gsp, batch, progress)
        else:  # no SPARQL Update: nothing can switch graphs in one step
            result.notes.append("no SPARQL Update URL: the graph was replaced in place (an interrupted "
                                "publish can leave it partial)")
            _load(http, urls, graph, triples, result, use_gsp, batch, progress)
            result.remote_triples = _count(http, urls.query, graph)
    result.seconds = time.monotonic() - started
    if not result.verified:
        raise PublishError(
            f"{endpoint}: graph <{graph}> holds {result.remote_triples} triples after publishing, "
            f"expected {result.local_triples} (via {result.method}; rerun to replace it)")
    result.state = f"the new graph ({result.remote_triples} triples" + (
        f"; it held {result.old_triples} before)" if result.old_triples is not None else ")")
    return result


STAGING = "urn:x-resograph:publish-staging:"  # graphs loaded aside, then moved into place


def _publish_aside(http: _Http, urls: Urls, graph: str, triples: list[ox.Triple], result: PublishResult,
                   use_gsp: bool, batch: int, progress: bool) -> None:
    """Load the new graph into a graph of its own, verify it, then switch it into place with one
    SPARQL Update (``MOVE``), which the store runs as one operation: killed at any moment, the
    publish leaves the old graph or the new one (issue 18), and an error says which."""
    result.old_triples = _count(http, urls.query, graph)
    _drop_leftovers(http, urls)
    staging = f"{STAGING}{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    try:
        _load(http, urls, staging, triples, result, use_gsp, batch, progress)
        loaded = _count(http, urls.query, staging)
        if loaded != result.local_triples:
            raise PublishError(f"{urls.update}: the new graph holds {loaded} triples once loaded, "
                               f"expected {result.local_triples}")
    except (PublishError, KeyboardInterrupt) as exc:
        _drop_quietly(http, urls, staging)
        raise PublishError(f"{_reason(exc)}; graph <{graph}> left as it was (the old graph, "
                           f"{result.old_triples} triples): the new one was not switched in") from None
    try:
        _update(http, urls.update, f"MOVE <{staging}> TO <{graph}>", "switching the new graph in",
                graph, 0, 1)
    except (PublishError, KeyboardInterrupt) as exc:
        raise PublishError(f"{_reason(exc)}; {_after_switch(http, urls, graph, staging, result)}") from None
    result.remote_triples = _count(http, urls.query, graph)


def _reason(exc: BaseException) -> str:
    return "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc)


def _after_switch(http: _Http, urls: Urls, graph: str, staging: str, result: PublishResult) -> str:
    """Which graph the store holds after a switch that got no answer: the staging graph still there
    means the old one, gone means the new one."""
    try:
        left = _count(http, urls.query, staging)
    except (PublishError, KeyboardInterrupt):
        return (f"the switch got no answer and the store cannot be asked: graph <{graph}> holds the old "
                f"graph or the new one (never a mix); its staging copy is <{staging}>")
    if left:
        _drop_quietly(http, urls, staging)
        return f"graph <{graph}> left as it was (the old graph, {result.old_triples} triples)"
    return f"graph <{graph}> holds the new graph ({result.local_triples} triples): the switch went through"


def _drop_leftovers(http: _Http, urls: Urls) -> None:
    """Staging graphs a killed publish left behind."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}'
    response = http.request("POST", urls.query, "looking for leftover staging graphs",
                            data={"query": query}, headers={"Accept": SPARQL_JSON})
    try:
        names = [b["g"]["value"] for b in response.json()["results"]["bindings"]]
    except (ValueError, KeyError, TypeError):
        return
    for name in names:
        _drop_quietly(http, urls, name)
    if names:
        http.result.notes.append(f"dropped {len(names)} staging graph(s) an interrupted publish left")


def _drop_quietly(http: _Http, urls: Urls, name: str) -> None:
    try:
        _update(http, urls.update, f"DROP SILENT GRAPH <{name}>", "dropping a staging graph", name, 0, 1)
    except (PublishError, KeyboardInterrupt):
        pass


def _load(http: _Http, urls: Urls, graph: str, triples: list[ox.Triple], result: PublishResult,
          use_gsp: bool, batch: int, progress: bool) -> None:
    """Put ``triples`` into ``graph`` (Graph Store PUT, else SPARQL Update), verified by count."""
    done = False
    if use_gsp and urls.gsp:
        done = _put_graph(http, urls.gsp, graph, triples, result)
    elif not use_gsp:
        result.notes.append("Graph Store Protocol not tried (--no-gsp)")
    if not done:
        _update_graph(http, urls.update, graph, triples, batch, result, progress)
        if _count(http, urls.query, graph) != len(triples):
            result.notes.append(f"count ≠ {len(triples)} after SPARQL Update; redone once")
            _update_graph(http, urls.update, graph, triples, batch, result, progress)


def _check_url(url: str, option: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"{option} {url}: not an http(s) URL")
    if parts.username or parts.password:
        raise PublishError(f"{option}: credentials do not go in the URL; set {ENV_USER} and "
                           f"{ENV_PASSWORD}")


def _put_graph(http: _Http, url: str, graph: str, triples: list[ox.Triple],
               result: PublishResult) -> bool:
    """Graph Store Protocol PUT; False when the URL does not speak the protocol."""
    # N-Triples is Turtle; text/turtle is the media type every Graph Store implementation reads.
    response = http.request("PUT", url, "Graph Store PUT", params={"graph": graph},
                            content=ntriples(triples),
                            headers={"Content-Type": "text/turtle; charset=utf-8"})
    status = response.status_code
    if status in NO_GSP_STATUS:
        result.notes.append(f"Graph Store Protocol not available at {url} (HTTP {status}); "
                            f"used SPARQL Update instead")
        return False
    if status in (401, 403):
        raise PublishError(f"{url}: Graph Store PUT refused (HTTP {status}); set {ENV_USER} and "
                           f"{ENV_PASSWORD} for an account allowed to write")
    if status >= 300:
        raise PublishError(f"{url}: Graph Store PUT failed (HTTP {status}: "
                           f"{first_line(response.text)}); graph <{graph}> left as it was")
    result.method = "graph-store"
    return True


def _update_graph(http: _Http, url: str, graph: str, triples: list[ox.Triple], batch: int,
                  result: PublishResult, progress: bool) -> None:
    result.method = "update"
    parts = chunks(triples, batch)
    result.chunks = len(parts)
    _update(http, url, f"DROP SILENT GRAPH <{graph}>", "DROP SILENT GRAPH", graph, 0, len(parts))
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(triples), unit="triple", desc="publish", file=sys.stderr, leave=False)
    try:
        for i, chunk in enumerate(parts):
            _update(http, url, update_for(graph, chunk), f"INSERT chunk {i + 1}/{len(parts)}",
                    graph, i, len(parts))
            if bar:
                bar.update(len(chunk))
    finally:
        if bar:
            bar.close()


def _update(http: _Http, url: str, text: str, what: str, graph: str, done: int, total: int) -> None:
    response = http.request("POST", url, what, data={"update": text})
    if response.status_code < 300:
        return
    state = (f"graph <{graph}> holds {done} of {total} chunks; rerun to replace it" if done
             else f"graph <{graph}> not loaded")
    if response.status_code in (401, 403):
        raise PublishError(f"{url}: {what} refused (HTTP {response.status_code}); set {ENV_USER} "
                           f"and {ENV_PASSWORD} for an account allowed to update; {state}")
    raise PublishError(f"{url}: {what} failed (HTTP {response.status_code}: "
                       f"{first_line(response.text)}); {state}")


def _count(http: _Http, url: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    response = http.request("POST", url, "verification COUNT", data={"query": query},
                            headers={"Accept": SPARQL_JSON})
    if response.status_code >= 300:
        raise PublishError(f"{url}: published, but the verification COUNT failed (HTTP "
                           f"{response.status_code}: {first_line(response.text)})")
    try:
        bindings = response.json()["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings else 0
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise PublishError(f"{url}: published, but the verification COUNT answer is not SPARQL "
                           f"JSON ({first_line(response.text)})") from exc
