"""Hostile input: the extractor on arbitrary and mutated text, the HTTP endpoint on arbitrary requests.

Extractor: never an exception; every span valid (`source[start:end] == text`, inside the text, a
citation inside its paragraph, paragraphs in order and apart, ids numbered in order); the JSON output
serialisable. Inputs: arbitrary Unicode (line and paragraph separators, NEL, BOM, controls, combining
marks, bidi marks, other scripts' digits) and real resolutions (the seed and the dev corpus) mutated
adversarially: spans cut, duplicated and moved, genre tokens injected, look-alike characters
(dashes, spaces, quotes, digits), line endings changed, case flipped, text truncated.

Endpoint: arbitrary methods, paths, query strings, headers and bodies, raw malformed HTTP: never a
500, never a traceback, and never the server's last-resort handler (the one that turns an unexpected
exception into a 503, which would otherwise hide a crash behind a "busy" answer).

The suite runs a short pass. The long pass is selected by the environment:
`RESOGRAPH_FUZZ_EXAMPLES=100000 pytest tests/test_fuzz.py -k extractor --hypothesis-show-statistics`
runs that many inputs per extractor test (figures in docs/operations.md).
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import FIXTURES, SEED
from resograph.reading.extract import extract

LONG = int(os.environ.get("RESOGRAPH_FUZZ_EXAMPLES", "0") or 0)
EXTRACT_EXAMPLES = LONG or 300
HTTP_EXAMPLES = min(LONG, 5000) or 150
FUZZ = settings(max_examples=EXTRACT_EXAMPLES, deadline=None, database=None if LONG else settings().database,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

TEXTS = [SEED.read_text(encoding="utf-8")] + [
    p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("dev*.txt"))]


# -- invariants ------------------------------------------------------------------------------------

def check(text: str) -> None:
    """Extract `text`; every invariant of the extract contract must hold."""
    x = extract(text)
    n = len(text)
    pars = {p.id: p for p in x.paragraphs}
    assert len(pars) == len(x.paragraphs), "duplicate paragraph ids"
    last_end = 0
    counters = {"pp": 0, "op": 0}
    for p in x.paragraphs:
        assert 0 <= p.start <= p.end <= n, (p.id, p.start, p.end, n)
        assert text[p.start:p.end] == p.text, p.id
        assert p.start >= last_end, f"{p.id} overlaps or precedes the paragraph before it"
        last_end = p.end
        kind, _, number = p.id.partition("_")
        assert kind in counters and number == str(counters[kind] + 1), f"{p.id} out of sequence"
        counters[kind] += 1
        assert p.kind == ("preambular" if kind == "pp" else "operative")
    for c in x.citations:
        assert 0 <= c.start <= c.end <= n and text[c.start:c.end] == c.text, c
        assert c.paragraph in pars, f"citation in unknown paragraph {c.paragraph}"
        par = pars[c.paragraph]
        assert par.start <= c.start and c.end <= par.end, f"citation {c.target} outside {c.paragraph}"
        assert c.target and not re.search(r"\s", c.target), f"bad key {c.target!r}"
    for m in x.mechanisms:
        assert 0 <= m.start <= m.end <= n and text[m.start:m.end] == m.text, m
        assert m.paragraph in pars
    h = x.document
    if h.title_start is not None and h.title_end is not None:
        assert 0 <= h.title_start <= h.title_end <= n
    json.dumps(x.to_json(), ensure_ascii=False)


# -- generated text --------------------------------------------------------------------------------

TOKENS = [
    "RAPPELANT", "RAPPELANT ÉGALEMENT", "PRENANT NOTE", "Recalling", "Recalling also", "Recordando",
    "Tomando nota", "INVITE", "PRIE", "DÉCIDE", "Decides", "Solicita", "The General Assembly,",
    "L'Assemblée générale de l'OIPC-INTERPOL, réunie", "1.", "2)", "- ", "– ", "résolution", "resolution",
    "resolutions", "résolutions", "79/136", "51/1 du 15 octobre 1996", "2482 (2019)", "S/RES/2482(2019)",
    "A/RES/3013(XXVII)", "E/RES/1576(L)", "GA-2012-81-RES-08", "AG-2019-88-RES-4", "GA-2008-RES-07",
    "AGN/67/RES/8", "AGN/68/RAP/1", "article", "articles 37 et 40", "article 41, paragraphe 2",
    "de la Convention", "the Convention", "la Convención", "cet instrument", "the said report",
    "both Conventions", "Convention des Nations Unies contre la cybercriminalité",
    "United Nations Convention against Transnational Organized Crime", "I-24/7", "NEXUS", "24/7",
    "of 6 December 2024", "du 27 novembre 2025", "^{ème}", "Objet :", "Subject:",
    "Adoptée : 134 voix pour, 0 contre et 5 abstentions", "A/60/288", "S/2015/144", "decision 49/426",
    "the present resolution", "la présente résolution", "GA-2025-93-RES-03", "(", ")", ",", ";", ":",
]
ODD = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\ufeff", "\u00a0",
       "\u202f", "\u2009", "\u200b", "\u200e", "\u200f", "\u202e", "\u0301", "\u0308", "\x00", "\t",
       "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "’", "‘", "«", "»", "“", "”",
       "٣", "१", "７", "Ⅻ", "ﬁ", "İ", "ß", "ǅ", "\U0001d7d9", "\U0001f600", "\ud800"[:0]]

tokens = st.sampled_from(TOKENS)
odd = st.sampled_from([c for c in ODD if c])
pieces = st.one_of(tokens, odd, st.text(max_size=15), st.text(alphabet=st.characters(
    codec="utf-8", categories=["Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Nd", "Pd", "Pi", "Pf"]), max_size=5))


@FUZZ
@given(st.text(max_size=2000))
def test_extractor_on_arbitrary_text(text):
    check(text)


@FUZZ
@given(st.lists(pieces, max_size=120).map(" ".join))
def test_extractor_on_genre_soup(text):
    check(text)


LOOKALIKE = {"-": ["\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "--"], " ": ["\u00a0", "\u202f", "  ", "\t", "\n"],
             "/": ["\u2215", "／", " / "], "'": ["’", "‘", "`"], "1": ["١", "𝟏", "1\u0301"],
             "é": ["e\u0301", "É", "e"], "\n": ["\r\n", "\r", "\u2028", "\x85", "\n\n\n"],
             ",": ["\u201a", "，", ""], ".": ["\u2024", "。", ""]}


@st.composite
def mutated(draw) -> str:
    """A real resolution, mutated by a few adversarial edits."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = min(n, a + draw(st.integers(0, 400)))
        op = draw(st.sampled_from(["cut", "dup", "move", "insert", "lookalike", "case", "truncate",
                                   "repeat", "lines"]))
        if op == "cut":
            text = text[:a] + text[b:]
        elif op == "dup":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "move":
            chunk, rest = text[a:b], text[:a] + text[b:]
            at = draw(st.integers(0, len(rest)))
            text = rest[:at] + chunk + rest[at:]
        elif op == "insert":
            text = text[:a] + draw(st.one_of(tokens, odd, st.text(max_size=30))) + text[a:]
        elif op == "lookalike":
            src = draw(st.sampled_from(sorted(LOOKALIKE)))
            dst = draw(st.sampled_from(LOOKALIKE[src]))
            segment = text[a:b].replace(src, dst)
            text = text[:a] + segment + text[b:]
        elif op == "case":
            text = text[:a] + draw(st.sampled_from([str.upper, str.lower, str.swapcase]))(text[a:b]) + text[b:]
        elif op == "truncate":
            text = text[:a]
        elif op == "repeat":
            text = text[:b] + text[a:b] * draw(st.integers(2, 20)) + text[b:]
        else:
            text = text.replace("\n", draw(st.sampled_from(LOOKALIKE["\n"])))
    return text


@FUZZ
@given(mutated())
def test_extractor_on_mutated_resolutions(text):
    check(text)


@pytest.mark.parametrize("name", ["INTERPOL' s Constitution", "INTERPOL'\ns Constitution", "the ETS No.185"])
def test_spacing_inside_a_name_does_not_raise(name):
    # Found by the long fuzz run: the name regex accepted the variant spacing, the lookup raised
    # KeyError (fixed in lexicon.py, 431282d).
    x = extract(f"The General Assembly,\n\nRecalling {name},\n")
    assert [c.target for c in x.citations] == [
        "convention:budapest-2001" if "ETS" in name else "interpol:constitution"]


def test_the_real_texts_pass_the_invariants():
    for text in TEXTS:
        check(text)
    assert len(TEXTS) == 7


# -- the HTTP endpoint -----------------------------------------------------------------------------

class LastResort(logging.Handler):
    """Records what the server logs as an unexpected error (its handler that answers 503)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage() + (f" {record.exc_info[1]!r}" if record.exc_info else ""))


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    from resograph.graph.build import build
    from resograph.query.server import create_app, source_for

    out = tmp_path_factory.mktemp("fuzz-build")
    build([str(SEED)], out, quiet=True)
    app = create_app(source_for(out), timeout=2.0, max_rows=500, workers=2)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the endpoint did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    handler = LastResort()
    logging.getLogger("resograph.query.server").addHandler(handler)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    yield client, port, handler
    logging.getLogger("resograph.query.server").removeHandler(handler)
    client.close()
    server.should_exit = True
    thread.join(30)


def assert_sane(response: httpx.Response, handler: LastResort, logged_before: int) -> None:
    body = response.text
    assert response.status_code != 500 and response.status_code < 600, (response.status_code, body[:300])
    assert "Traceback" not in body and 'File "' not in body, body[:300]
    assert len(handler.records) == logged_before, f"last-resort handler: {handler.records[-1:]}"
    if response.status_code == 503 and response.request.method != "HEAD":
        # a 503 is only for the time limit or busy workers
        assert re.search(r"time limit|busy|worker", body), body[:300]


NAMED = ["cited-by", "citers", "citations", "neighbourhood", "cites-transitively", "session-timeline",
         "paragraph-search", "mechanism-mentions", "instrument", "most-cited"]
QUERIES = st.one_of(
    st.text(max_size=200),
    st.sampled_from([
        "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "ASK {}", "DESCRIBE ?x", "SELECT (1/0 AS ?x) {}",
        "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "INSERT DATA { <a:b> <a:c> <a:d> }", "LOAD <http://127.0.0.1:9/x>", "CLEAR ALL",
        "SELECT * { BIND(REGEX(\"a\", \"(\") AS ?x) }", "SELECT * { ?s ?p ?o } ORDER BY", "\\u0053ELECT * {}",
        "SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }", "SELECT (STRDT(\"x\", <bad iri>) AS ?y) {}",
        "SELECT * { VALUES ?x { 1 } } " + "LIMIT 1 " * 50, "SELECT ?x { BIND(<" + "a" * 5000 + "> AS ?x) }",
        "PREFIX : <http://x/> SELECT * { :a :b* :c }", "SELECT * { ?s ?p ?o FILTER(?o > \"2\"^^<http://www.w3.org/2001/XMLSchema#date>) } LIMIT 5",
        "SELECT (SUM(?o) AS ?n) { ?s ?p ?o }", "SELECT * { ?s <http://www.w3.org/ns/oa#start> ?o } OFFSET 99999999999999999999",
    ]))
HEADER_VALUES = st.one_of(st.sampled_from([
    "", "*/*", "text/turtle", "application/sparql-results+xml;q=oops", "x/y, */*;q=0", "text/*", ";;;",
    "application/json;charset=latin-1", "application/x-www-form-urlencoded; charset=utf-16",
    "application/sparql-query", "application/sparql-update", "multipart/form-data; boundary=x",
    "text/html", "q=1", "*/*;q=NaN", ",,,,", "application/sparql-results+json;q=-1"]),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=60))
PATHS = st.one_of(st.sampled_from(
    ["/sparql", "/sparql/", "/queries", "/status", "/", "/explorer", "/static/..%2f..%2fpyproject.toml",
     "/static/%2e%2e/%2e%2e/README.md", "/static/%00", "/static/a%00b", "/queries/..%2F..%2Fetc", "/queries/%ff", "/nope", "//sparql", "/sparql?"]
    + [f"/queries/{n}" for n in NAMED]),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7e, exclude_characters="#?"),
            max_size=30).map(lambda s: "/" + s))
PARAM_NAMES = st.sampled_from(["query", "update", "default-graph-uri", "named-graph-uri", "format", "output",
                               "doc", "key", "from", "to", "term", "number", "body", "mechanism", "function",
                               "using-graph-uri", "x", ""])
PARAMS = st.lists(st.tuples(PARAM_NAMES, st.one_of(QUERIES, st.text(max_size=60))), max_size=4)
BODIES = st.one_of(st.none(), st.binary(max_size=300), QUERIES.map(lambda q: q.encode("utf-8", "surrogatepass")),
                   st.sampled_from([b"query=SELECT%20*%20%7B%7D", b"query=%ff%fe", b"update=CLEAR%20ALL",
                                    b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", b"%%%", b"query",
                                    b"\xff\xfe\x00S\x00E", "query=ASK {}".encode("utf-16")]))


@settings(max_examples=HTTP_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"]),
       path=PATHS, params=PARAMS, accept=HEADER_VALUES, ctype=HEADER_VALUES, body=BODIES,
       extra=st.dictionaries(st.sampled_from(["Origin", "Access-Control-Request-Method", "Accept-Charset",
                                              "Content-Encoding", "Range", "If-None-Match", "X-Forwarded-For"]),
                             st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=40),
                             max_size=2))
def test_endpoint_never_answers_500_or_a_traceback(endpoint, method, path, params, accept, ctype, body, extra):
    client, _, handler = endpoint
    headers = {"Accept": accept, **extra}
    if body is not None:
        headers["Content-Type"] = ctype
    logged = len(handler.records)
    try:
        r = client.request(method, path, params=params, headers=headers, content=body)
    except (httpx.InvalidURL, httpx.LocalProtocolError):
        return  # the client refuses to send it (bad URL or header): nothing reached the server
    assert_sane(r, handler, logged)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_static_path_with_a_nul_byte_is_a_404(endpoint, method):
    # Found by the fuzzer: Path.resolve() raised ValueError ("embedded null byte"), which the
    # last-resort handler turned into a 503 (fixed in server.py, 4e425d3).
    client, _, handler = endpoint
    logged = len(handler.records)
    r = client.request(method, "/static/%00")
    assert len(handler.records) == logged and r.status_code == 404


RAW = [
    b"GET /sparql?query=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: \xff\xfe\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 5\r\n\r\nASK",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n5\r\nquery\r\n0\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    b"Content-Length: 99999999999\r\n\r\nquery=",
    b"GET /sparql HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 70000 + b"\r\n\r\n",
    b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"BREW /sparql HTCPCP/1.0\r\n\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # a TLS hello on the plain port
    b"GET /sparql?query=ASK%20%7B%7D HTTP/1.0\r\n\r\n",
    b"GET /queries/cited-by?doc=%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /queries/cited-by?doc=\xff HTTP/1.1\r\nHost: x\r\n\r\n",
]


@pytest.mark.parametrize("raw", RAW, ids=range(len(RAW)))
def test_malformed_http_never_gets_a_500_or_a_traceback(endpoint, raw):
    client, port, handler = endpoint
    logged = len(handler.records)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(raw)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        try:
            while len(data) < 1_000_000:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    if data:
        status = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        assert status, data[:200]
        assert int(status.group(1)) != 500 and int(status.group(1)) < 600, data[:300]
        assert b"Traceback" not in data and b'File "' not in data
        assert len(handler.records) == logged, handler.records[-1:]
    # and the server still answers
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_no_unexpected_error_was_logged(endpoint):
    """Runs after the others in this module: the last-resort handler was never needed."""
    _, _, handler = endpoint
    assert handler.records == []


# --------------------------------------------------------------------------- the query gate
# Differential: Oxigraph itself is the oracle. Queries are put together from pieces that reach
# SERVICE in many spellings and positions (after `.`, `}`, a comment, a prefixed name, inside what a
# lexer could take for an IRI or a string…); Oxigraph runs each against a store whose SERVICE
# target is a closed port on 127.0.0.1. Whenever it tried to call SERVICE (a connection error, or
# an error naming SERVICE), the gate must have refused the query. Counts are printed (-s).

GATE_EXAMPLES = LONG or 400
GATE_COUNTS: dict[str, int] = {"queries": 0, "engine called SERVICE": 0, "refused by the gate": 0,
                               "engine parsed": 0}
_PIECES = [
    "SERVICE", "service", "sErViCe", "SERVICE SILENT", "SILENT", "{}", "{", "}", ".", ";", ",", " ",
    "\n", "\t", "#c\n", "# SERVICE\n", "<URL>", "ex:", "ex:a", "ex:.", "ex:a.", "?x", "?s ?p ?o",
    "$x", "_:b", '"s"', "'s'", '"""s"""', '"\\"', "\\u0053", "SERVIC\\u0045", "(", ")", "FILTER(",
    "BIND(1 AS ?a)", "?a<?b)", ">", "<", "OPTIONAL", "UNION", "MINUS", "GRAPH ?g", "VALUES ?x {<URL>}",
    "1", "1.", "@en", "a", "SELECT * {", "ASK {", "^^", "!", "=", "SERVICEex:a", "service:a",
]


def _gate_oracle(store, query: str) -> str:
    """What Oxigraph does with ``query``: "service" (it tried), "parsed" or "error"."""
    try:
        result = store.query(query)
        if not isinstance(result, bool) and result.__class__.__name__ != "QueryBoolean":
            for _ in result:
                pass
    except OSError:
        return "service"
    except SyntaxError:  # its message may list SERVICE among the tokens it expected
        return "error"
    except (RuntimeError, ValueError) as exc:  # evaluation: "the variable encoding the service name…"
        return "service" if "service" in str(exc).lower() else "parsed"
    return "parsed"


@pytest.fixture(scope="module")
def gate_store():
    import pyoxigraph as ox

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}/"
    s.close()  # nothing listens there: a SERVICE call is refused at once
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.NamedNode(url)))
    yield store, url
    _print_gate_counts()


def _print_gate_counts():
    print("\ngate fuzz:", ", ".join(f"{k} {v}" for k, v in GATE_COUNTS.items()))


def _service_query(d) -> str:
    """A query calling SERVICE, in one of many spellings the SPARQL grammar (and Oxigraph) accept."""
    first = d(st.sampled_from(["{}", "?s ?p ?o", "?s ?p ex:", ""]))
    sep1 = d(st.sampled_from(["", " ", ".", " .", ".\n", "#c\n", ".#c\n", "\t", " . "]))
    wrap = d(st.sampled_from([("", ""), ("OPTIONAL { ", " }"), ("{ ", " }"), ("{} UNION { ", " }"),
                              ("MINUS { ", " }"), ("GRAPH ?g { ", " }")]))
    keyword = d(st.sampled_from(["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT"]))
    sep2 = d(st.sampled_from([" ", "", "\n", "#c\n", "\t", "  "]))
    target = d(st.sampled_from(["<URL>", "ex:", "ex:a", "?x"]))
    sep3 = d(st.sampled_from([" ", "", "\n", "#c\n"]))
    group = d(st.sampled_from(["{ ?s ?p ?o }", "{}", "{ }", "{?s ?p ?o}"]))
    return (f"PREFIX ex: <URL> SELECT * WHERE {{ VALUES ?x {{ <URL> }} {first}{sep1}"
            f"{wrap[0]}{keyword}{sep2}{target}{sep3}{group}{wrap[1]} }}")


def _gate_check(store, url: str, query: str) -> None:
    from resograph.query import sparql

    query = query.replace("URL", url)
    GATE_COUNTS["queries"] += 1
    try:
        sparql.check_query(query)
        refused = False
    except (sparql.QueryRefused, sparql.QuerySyntaxError):  # a syntax error: an unterminated string
        refused = True
    GATE_COUNTS["refused by the gate"] += refused
    verdict = _gate_oracle(store, query)
    GATE_COUNTS["engine parsed"] += verdict != "error"
    if verdict == "service":
        GATE_COUNTS["engine called SERVICE"] += 1
        assert refused, f"the engine calls SERVICE but the gate let it through: {query!r}"


@settings(max_examples=GATE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          database=None if LONG else settings().database)
@given(data=st.data())
def test_the_gate_refuses_every_spelling_of_service_the_engine_runs(gate_store, data):
    _gate_check(*gate_store, _service_query(data.draw))


@settings(max_examples=GATE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          database=None if LONG else settings().database)
@given(pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14),
       head=st.sampled_from(["SELECT * WHERE { ", "ASK { ", "PREFIX ex: <URL> SELECT * WHERE { {} . ",
                             "SELECT * { ?s ?p ?o . "]))
def test_the_gate_refuses_every_query_the_engine_would_send_to_a_service(gate_store, pieces, head):
    _gate_check(*gate_store, head + "".join(pieces) + " }")


@settings(max_examples=GATE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          database=None if LONG else settings().database)
@given(text=st.text(alphabet=st.sampled_from(list('SERVICEservice{}.<>"\'\\#?:$ \n()u0123456789abcdef')),
                    max_size=300))
def test_the_gate_never_raises_anything_but_its_own_errors(text):
    from resograph.query import sparql

    try:
        sparql.check_query(text)
    except (sparql.QueryRefused, sparql.QuerySyntaxError):
        pass
