"""`python -m resograph.tools.loadtest`: its options, and `--docs N` building the graph it serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from resograph.graph.store import open_graph
from resograph.tools import loadtest


@pytest.mark.parametrize("argv, says", [
    (["--docs", "0"], "--docs must be at least 1"),
    (["--docs", "5", "--build", "build"], "--docs and --build"),
    (["--clients", "0"], "--clients must be at least 1"),
])
def test_bad_options_are_one_line_errors(argv, says, capsys, tmp_path: Path):
    assert loadtest.main([*argv, "--workdir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]
    assert not any(tmp_path.iterdir())  # nothing generated or built


@pytest.mark.slow  # two builds of a small synthetic corpus
def test_docs_builds_a_synthetic_graph_once_and_reuses_it(tmp_path: Path):
    out = loadtest.synthetic_build(4, tmp_path)
    assert out == tmp_path / "build-4" and (out / "store").exists()
    assert not (out / "resograph.ttl").exists()  # store only
    texts = sorted(p.name for p in (tmp_path / "corpus-4").glob("*.txt"))
    assert len(texts) == 4
    g = open_graph(out)
    n = len(g)
    del g
    stamp = (tmp_path / "corpus-4" / ".synth.json").stat().st_mtime_ns
    assert loadtest.synthetic_build(4, tmp_path) == out  # the same corpus, not generated again
    assert (tmp_path / "corpus-4" / ".synth.json").stat().st_mtime_ns == stamp
    assert len(open_graph(out)) == n > 0


def test_each_client_sends_from_its_own_loopback_address():
    addresses = loadtest.client_addresses(51)
    if addresses is None:
        pytest.skip("this system binds no loopback address but 127.0.0.1")
    assert len(set(addresses)) == 51 and "127.0.0.1" not in addresses
    assert all(a.startswith("127.") for a in addresses)


@pytest.mark.slow  # a server and 5 clients for a few seconds
def test_per_client_limits_do_not_refuse_the_load_tests_clients(capsys):
    """The server keys its per-client limits (4 queries in flight) by address: 5 clients on the seed
    graph get no 429, and the report says where they sent from."""
    code = loadtest.main(["--clients", "5", "--requests", "200", "--duration", "20", "--time-limit", "5",
                          "--pathological-after", "0.2"])
    out = capsys.readouterr().out
    assert "errors         0" in out and "HTTP 429" not in out, out
    assert "clients from" in out and code == 0
