"""The explorer reads a build's store once per generation: the network, its titles and its large
analyses are kept beside the generation (`build/side-cache/`), used only while they are true, and
go with their generation."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from resograph.cli import main
from resograph.graph import sidecache
from resograph.views import analysis, network, warm
from resograph.views.explore import select_view

SAMPLE = Path(__file__).parent / "fixtures" / "explorer-sample.ttl"


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="resograph-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def explore(build: Path, out: Path, *args: str) -> bytes:
    assert main(["explore", "--build", str(build), "--out", str(out), *args]) == 0
    return out.read_bytes()


def generation(build: Path) -> Path:
    return (build / "store").resolve()


@pytest.fixture()
def built(synth_corpus, tmp_path) -> Path:
    out = tmp_path / "build"
    assert main(["build", str(synth_corpus), "--out", str(out), "-q", "--formats", "none"]) == 0
    return out


def test_the_second_explore_reads_the_side_cache_and_writes_the_same_page(built, tmp_path, monkeypatch, capsys):
    first = explore(built, tmp_path / "a.html")
    gen = generation(built)
    assert sidecache.path(gen, "network").is_file() and sidecache.path(gen, "titles-en").is_file()

    def no_store_read(*_a, **_k):
        raise AssertionError("the store was read again")

    monkeypatch.setattr(network, "_project", no_store_read)
    assert explore(built, tmp_path / "b.html") == first
    assert explore(built, tmp_path / "c.html", "--focus", next(iter(page_json(first.decode())["nodes"])))
    # another language: its titles are computed once from the kept network, then kept too
    explore(built, tmp_path / "d.html", "--lang", "fr")
    assert sidecache.path(gen, "titles-fr").is_file()
    # a language that is not a code (the API takes any string) names no file
    G = network.load(built, lang="../../x")
    assert G.number_of_nodes() and not any("x" in p.name.split(".")[1] for p in (built / sidecache.DIR).iterdir())


def test_a_changed_source_rebuilt_shows_in_the_next_page_and_the_old_side_files_go(built, synth_corpus, tmp_path, capsys):
    before = page_json(explore(built, tmp_path / "a.html", "--max-nodes", "0").decode())
    old_gen = generation(built)
    assert sidecache.path(old_gen, "network").is_file()
    # change one citation of one text: resolution NN/MMM becomes NN/9999, a key no text cites
    source, span, target = None, None, None
    for path in sorted(synth_corpus.glob("*.txt")):
        capsys.readouterr()
        assert main(["extract", str(path), "--format", "json"]) == 0
        found = json.loads(capsys.readouterr().out)
        for c in found["citations"]:
            m = re.fullmatch(r"A/RES/(\d+)/(\d+)", c["target"])
            text = path.read_text(encoding="utf-8")
            if m and text[c["start"]:c["end"]].endswith(f"{m.group(1)}/{m.group(2)}"):
                source, span, target = path, (c["start"], c["end"]), f"A/RES/{m.group(1)}/9999"
                break
        if source:
            break
    assert source is not None, "no citation of a UN GA resolution by number in the corpus"
    text = source.read_text(encoding="utf-8")
    cited = text[span[0]:span[1]]
    source.write_text(text[:span[0]] + re.sub(r"/\d+$", "/9999", cited) + text[span[1]:], encoding="utf-8")
    assert target not in before["nodes"]
    assert main(["build", str(synth_corpus), "--out", str(built), "-q", "--formats", "none"]) == 0
    new_gen = generation(built)
    assert new_gen != old_gen
    after = page_json(explore(built, tmp_path / "b.html", "--max-nodes", "0").decode())
    assert target in after["nodes"]
    assert after["nodes"][target]["cited"] >= 1
    assert sidecache.path(new_gen, "network").is_file()
    # a third build prunes the first generation, and its side files with it
    shutil.copy(source, synth_corpus / "copy-of-one.txt")
    assert main(["build", str(synth_corpus), "--out", str(built), "-q", "--formats", "none"]) == 0
    assert not old_gen.exists()
    assert not any(p.name.startswith(old_gen.name) for p in (built / sidecache.DIR).iterdir())


def test_a_torn_foreign_or_stale_side_file_is_never_used(built, tmp_path, synth_corpus):
    page = explore(built, tmp_path / "a.html")
    gen = generation(built)
    kept = sidecache.path(gen, "network")
    # torn: cut in the middle; the page is the same, and the file is written again whole
    data = kept.read_bytes()
    kept.write_bytes(data[: len(data) // 2])
    assert explore(built, tmp_path / "b.html") == page
    assert kept.read_bytes() != data[: len(data) // 2]
    # foreign: another build's network under this generation's name
    other = tmp_path / "other"
    one = sorted(synth_corpus.glob("*.txt"))[:2]
    assert main(["build", *map(str, one), "--out", str(other), "-q", "--formats", "none"]) == 0
    explore(other, tmp_path / "o.html")
    shutil.copy(sidecache.path(generation(other), "network"), kept)
    assert sidecache.read(gen, "network", network.code_digest()) is None
    assert explore(built, tmp_path / "c.html") == page
    # stale code: a value written under other code is a miss
    sidecache.write(gen, "probe", "code-1", {"x": 1})
    assert sidecache.read(gen, "probe", "code-1") == {"x": 1}
    assert sidecache.read(gen, "probe", "code-2") is None


def test_a_build_directory_where_nothing_can_be_written_is_still_explored(built, tmp_path):
    page = explore(built, tmp_path / "a.html")
    shutil.rmtree(built / sidecache.DIR)
    (built / sidecache.DIR).write_text("not a directory")  # the side cache cannot be written
    assert explore(built, tmp_path / "b.html") == page
    assert (built / sidecache.DIR).is_file()


def test_rdf_files_are_read_as_before_without_a_side_cache(tmp_path):
    assert network.generation_of(network.load_rdf(SAMPLE)) is None
    explore(SAMPLE, tmp_path / "a.html")
    assert not (SAMPLE.parent / sidecache.DIR).exists()


def test_clusters_and_pagerank_are_memoised_by_what_they_read(monkeypatch):
    G, _ = select_view(network.load(SAMPLE))
    monkeypatch.setattr(analysis, "MEMO_MIN", 1)
    memo: dict = {}
    groups = analysis.clusters(G, memo=memo)
    assert groups == analysis.clusters(G) and len(memo) == 1
    (key,) = memo
    memo[key] = [["kept"]]
    assert analysis.clusters(G, memo=memo) == [["kept"]]  # the kept answer is the one used
    assert analysis.clusters(G, seed=1, memo=memo) == analysis.clusters(G, seed=1)  # another seed: its own
    H = G.copy()
    H.add_edge("A/RES/51/1", "A/RES/79/136", weight=1, relations=["cites"])
    assert analysis.clusters(H, memo=memo) == analysis.clusters(H)  # another graph: recomputed
    ranks: dict = {}
    assert analysis.pagerank(G, None, memo=ranks) == analysis.pagerank(G, None) and len(ranks) == 1
    H = nx.DiGraph()
    H.add_nodes_from(reversed(list(G)))
    H.add_edges_from(G.edges(data=True))
    analysis.pagerank(H, None, memo=ranks)
    assert len(ranks) == 2  # the same graph in another order sums in another order: its own entry


def test_the_memo_keeps_the_latest_entries(tmp_path):
    memo = network.Memo()
    for i in range(network.Memo.MAX + 3):
        memo[f"k{i}"] = i
    memo["k0"] = 0
    assert list(memo)[-1] == "k0"
    memo.save()  # no generation: nothing to write, no error


# ---------------------------------------------------------------- written by the build (views/warm.py)

def no_store_read(*_a, **_k):
    raise AssertionError("the store was read: the side cache was not there")


def build_with(corpus: Path, out: Path, how: str, monkeypatch) -> Path:
    monkeypatch.setenv(warm.ENV, how)
    assert main(["build", str(corpus), "--out", str(out), "-q", "--formats", "none"]) == 0
    return out


def test_the_build_writes_the_side_cache_so_the_first_explore_reads_no_store(synth_corpus, tmp_path, monkeypatch):
    plain = build_with(synth_corpus, tmp_path / "plain", "off", monkeypatch)
    assert not (plain / sidecache.DIR).exists()  # off: the build writes none
    page = explore(plain, tmp_path / "a.html")  # the first explore reads the store, as before
    built = build_with(synth_corpus, tmp_path / "build", "now", monkeypatch)
    gen = generation(built)
    assert sidecache.path(gen, "network").is_file() and sidecache.path(gen, "titles-en").is_file()
    assert not sidecache.lock_path(gen).exists()
    monkeypatch.setattr(network, "_project", no_store_read)
    assert explore(built, tmp_path / "b.html") == page


def test_a_rebuild_writes_its_own_generations_side_cache_and_the_page_shows_the_change(synth_corpus, tmp_path, monkeypatch):
    built = build_with(synth_corpus, tmp_path / "build", "now", monkeypatch)
    old_gen = generation(built)
    before = page_json(explore(built, tmp_path / "a.html", "--max-nodes", "0").decode())
    source = sorted(synth_corpus.glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    first = text.index("\n\n")  # a paragraph of its own that cites a key no text cites
    source.write_text(text[:first] + "\n\nRecalling resolution 77/9876 of the General Assembly,"
                      + text[first:], encoding="utf-8")
    assert "A/RES/77/9876" not in before["nodes"]
    build_with(synth_corpus, built, "now", monkeypatch)  # a rebuild in place
    new_gen = generation(built)
    assert new_gen != old_gen and sidecache.path(new_gen, "network").is_file()
    monkeypatch.setattr(network, "_project", no_store_read)
    after = page_json(explore(built, tmp_path / "b.html", "--max-nodes", "0").decode())
    assert after["nodes"]["A/RES/77/9876"]["cited"] >= 1


def test_a_build_has_the_side_cache_written_in_the_background_and_an_explore_waits_for_it(
        synth_corpus, tmp_path, monkeypatch):
    built = build_with(synth_corpus, tmp_path / "build", "background", monkeypatch)
    gen = generation(built)
    monkeypatch.setattr(network, "_project", no_store_read)  # in this process only: not the writer's
    explore(built, tmp_path / "a.html")  # waits for the writer (or finds its files written)
    assert sidecache.path(gen, "network").is_file() and not sidecache.lock_path(gen).exists()


def test_a_small_build_leaves_it_to_the_first_explore(synth_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv(warm.ENV, raising=False)
    built = build_with(synth_corpus, tmp_path / "build", "auto", monkeypatch)
    assert warm.start(built, warm.MIN_TRIPLES - 1) == "small"
    assert not (built / sidecache.DIR).exists()


def test_a_writer_that_died_or_hangs_never_holds_an_explore_up_for_long(built, tmp_path, monkeypatch):
    gen = generation(built)
    page = explore(built, tmp_path / "a.html")
    shutil.rmtree(built / sidecache.DIR)
    sidecache.lock_path(gen).parent.mkdir()
    sidecache.lock_path(gen).touch()  # left by a writer that was killed: nobody holds its lock
    assert explore(built, tmp_path / "b.html") == page
    shutil.rmtree(built / sidecache.DIR)
    fd = sidecache.claim(gen)  # a writer that holds the lock and never finishes
    assert fd is not None and sidecache.claim(gen) is None
    monkeypatch.setattr(sidecache, "WAIT_SECONDS", 0.2)
    try:
        assert explore(built, tmp_path / "c.html") == page
    finally:
        sidecache.release(gen, fd)


def test_the_next_build_stops_a_writer_busy_with_a_generation_it_replaced(built, tmp_path):
    import subprocess
    import sys

    def writer_of(name: str, *argv: str) -> subprocess.Popen:
        """A process that holds the lock of generation `name` (as start() leaves a writer) and sleeps."""
        fd = sidecache.claim(built / "stores" / name)
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", *argv], pass_fds=(fd,))
        os.write(fd, str(child.pid).encode())
        os.close(fd)
        return child

    current = generation(built)
    old = writer_of("gen-replaced", warm.MODULE)
    other = writer_of("gen-other", "not-a-writer")  # holds a lock but is not a writer: left alone
    mine = writer_of(current.name, warm.MODULE)  # busy with the published generation: left alone
    try:
        assert warm.stop_superseded(built, current) == [old.pid]
        assert old.wait(timeout=30) != 0
        assert other.poll() is None and mine.poll() is None
        assert sidecache.writer(sidecache.lock_path(current)) == mine.pid
        # as a build starts, every writer of the build directory: that build replaces its generation
        assert warm.stop_superseded(built) == [mine.pid]
        assert mine.wait(timeout=30) != 0 and other.poll() is None
    finally:
        for p in (old, other, mine):
            p.kill()
            p.wait()
    assert sidecache.writer(sidecache.lock_path(current)) is None  # nobody holds it now
