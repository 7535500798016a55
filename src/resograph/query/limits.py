"""The endpoint's limits in one object, and the bookkeeping that enforces the per-client ones.

One :class:`Limits` holds every number an operator may tune (docs/operations.md lists them); the
server, ``/status`` and the service description read them from here, so what is enforced is what
is shown. Why each exists (issue 18): a query may run long (time), hold a worker's memory (memory),
answer gigabytes from a few hundred bytes (answer bytes), and a few clients running heavy queries
must not take every worker from everyone else (heavy queries per client and in all). A query is
*heavy* once it has run :attr:`Limits.light_s`; it may go on only while the heavy quota has room,
else it is stopped (HTTP 503), so at least one worker keeps serving short queries.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import asdict, dataclass, field

MiB = 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Limits:
    """Every limit of the endpoint (defaults: a small shared server)."""

    timeout_s: float = 10.0  # a query's wall time before its worker is killed (503)
    max_rows: int = 10_000  # rows of a SELECT, triples of a CONSTRUCT/DESCRIBE (400)
    max_answer_bytes: int = 16 * MiB  # the serialised answer (413)
    max_memory_mb: int = 2048  # a worker process's address space; over it the query dies (503)
    max_query_bytes: int = 256 * 1024  # a query or a POST body (413)
    workers: int = 2  # worker processes: queries that run at the same time
    light_s: float = 1.0  # a query still running after this is heavy
    heavy_per_client: int = 1  # heavy queries one client may run at once
    heavy_total: int = 0  # heavy queries in all; 0: workers - 1 (one worker stays for short queries)
    per_client: int = 4  # queries one client may have in flight (running or waiting); more get 429
    header_timeout_s: float = 10.0  # a request's headers must arrive within this
    body_timeout_s: float = 10.0  # and its body within this (408)
    max_connections: int = 256  # open connections; more get 503 at once
    cors_origins: tuple[str, ...] = ("*",)  # origins whose pages may GET/POST queries; () for none
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS  # Host headers accepted (DNS rebinding); "*" for any

    @property
    def heavy_cap(self) -> int:
        return self.heavy_total or max(1, self.workers - 1)

    def public(self) -> dict[str, object]:
        """The limits as ``/status`` shows them."""
        out = asdict(self)
        out["heavy_total"] = self.heavy_cap
        out["cors_origins"], out["allowed_hosts"] = list(self.cors_origins), list(self.allowed_hosts)
        return out


@dataclass
class Admission:
    """Who is running what: queries in flight per client and heavy queries per client and in all.
    Called from the event loop (admit/leave) and from the threads that wait on workers (heavy)."""

    limits: Limits
    in_flight: Counter = field(default_factory=Counter)
    heavy: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def admit(self, client: str, penalised: bool = False) -> bool:
        """Room for one more query of this client? (one at a time when ``penalised``)"""
        with self._lock:
            if self.in_flight[client] >= (1 if penalised else self.limits.per_client):
                return False
            self.in_flight[client] += 1
            return True

    def leave(self, client: str) -> None:
        with self._lock:
            self.in_flight[client] -= 1
            if self.in_flight[client] <= 0:
                del self.in_flight[client]

    def become_heavy(self, client: str) -> bool:
        """May this client's query go on past :attr:`Limits.light_s`? (then :meth:`end_heavy`)"""
        with self._lock:
            if self.heavy[client] >= self.limits.heavy_per_client or \
                    sum(self.heavy.values()) >= self.limits.heavy_cap:
                return False
            self.heavy[client] += 1
            return True

    def end_heavy(self, client: str) -> None:
        with self._lock:
            self.heavy[client] -= 1
            if self.heavy[client] <= 0:
                del self.heavy[client]
