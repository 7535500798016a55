"""Dump files in per-document chunks (resograph.graph.dumps, issue 17): what large graphs get. The
threshold is lowered so that the 15-document synthetic corpus takes that layout: each file parses to
exactly the store's triples, a rebuild after one change serialises only that document's chunk (the
others are copied from the published file) and writes the bytes a cold build writes."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from resograph.graph import dumps, outputs
from resograph.graph.build import FORMATS, build

OUTPUTS = tuple(FORMATS.values())
ALL = "nt,ttl,jsonld"  # above the threshold a build not told which writes resograph.nt alone
PARSERS = {"resograph.nt": "nt", "resograph.ttl": "turtle", "resograph.jsonld": "json-ld"}


@pytest.fixture()
def chunked(monkeypatch):
    monkeypatch.setattr(outputs, "FAST_SERIALISATION", 0)


def snapshot(out):
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def change_one(corpus) -> None:
    src = corpus / "synth00007_interpol_en.txt"  # a new paragraph citing a new resolution
    text = src.read_text(encoding="utf-8")
    line = "ACKNOWLEDGING the Constitution,\n"
    new = "\nHAVING CONSIDERED United Nations General Assembly resolution 77/321 of 1 September 2023,\n"
    src.write_text(text.replace(line, line + new, 1), encoding="utf-8")


def test_each_chunked_file_parses_to_exactly_the_graph_of_the_sorted_dump(
        tmp_path, synth_corpus, monkeypatch):
    sorted_out, out = tmp_path / "sorted", tmp_path / "chunked"
    assert build([synth_corpus], sorted_out, quiet=True, formats="nt").published
    want = Graph().parse(sorted_out / "resograph.nt", format="nt")
    monkeypatch.setattr(outputs, "FAST_SERIALISATION", 0)
    assert build([synth_corpus], out, quiet=True, formats=ALL).published
    nt = (out / "resograph.nt").read_bytes()
    assert nt != (sorted_out / "resograph.nt").read_bytes()
    assert nt.count(b"\n") > len(want)  # a cited instrument's key: once per citing text
    for name, fmt in PARSERS.items():
        g = Graph().parse(out / name, format=fmt)
        assert len(g) == len(want) and isomorphic(g, want), name
    ttl = (out / "resograph.ttl").read_bytes()
    assert ttl.count(b"@prefix rg:") == 1  # one prefix header for every chunk


def test_a_one_change_rebuild_serialises_one_chunk_and_writes_the_cold_bytes(
        tmp_path, synth_corpus, chunked, monkeypatch):
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats=ALL)
    before = snapshot(out)
    made: list[tuple[str, int]] = []
    chunk = dumps.chunk
    monkeypatch.setattr(dumps, "chunk", lambda fmt, lines, head=b"": made.append((fmt, len(lines)))
                        or chunk(fmt, lines, head))
    assert build([synth_corpus], out, quiet=True, formats=ALL).cache.startswith("15 of 15")
    assert made == [] and snapshot(out) == before  # nothing changed: nothing written
    change_one(synth_corpus)
    changed = build([synth_corpus], out, quiet=True, formats=ALL)
    assert changed.cache == "14 of 15 document(s) from the cache, 1 graphed, 1 validated"
    # the changed document's chunk in each file, and the corpus chunk of Turtle and JSON-LD; the
    # N-Triples file's corpus chunk is the published one with the changed lines spliced in
    assert sorted(fmt for fmt, _ in made) == ["jsonld", "jsonld", "nt", "ttl", "ttl"]
    got = snapshot(out)
    assert b'"A/RES/77/321"' in got["resograph.nt"] and got != before
    cold = tmp_path / "cold"
    assert build([synth_corpus], cold, quiet=True, formats=ALL).cache.startswith("0 of 15")
    assert got == snapshot(cold)
    assert isomorphic(Graph().parse(out / "resograph.ttl", format="turtle"),
                      Graph().parse(out / "resograph.nt", format="nt"))


def test_a_dump_file_not_the_one_the_manifest_describes_is_written_whole(
        tmp_path, synth_corpus, chunked):
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats=ALL)
    nt = out / "resograph.nt"
    nt.write_bytes(nt.read_bytes().replace(b"<https://w3id.org/", b"<https://example.org/", 1))
    change_one(synth_corpus)
    build([synth_corpus], out, quiet=True, formats=ALL)
    cold = tmp_path / "cold"
    build([synth_corpus], cold, quiet=True, formats=ALL)
    assert snapshot(out) == snapshot(cold)


@pytest.mark.slow  # pySHACL on the whole graph
def test_the_whole_graph_build_writes_the_same_chunks(tmp_path, synth_corpus, chunked):
    per_document = tmp_path / "a"
    whole = tmp_path / "b"
    build([synth_corpus], per_document, quiet=True, formats=ALL)
    assert build([synth_corpus], whole, quiet=True, store="memory", validation="full", formats=ALL).published
    assert snapshot(whole) == snapshot(per_document)


def redate(corpus) -> None:
    src = corpus / "synth00003_unga_en.txt"  # adopted 30 years earlier: facts change, no key comes or goes
    text = src.read_text(encoding="utf-8")
    new = re.sub(r"(adopted by [^\n]* on \d{1,2} \w+ )(\d{4})", lambda m: m.group(1) + str(int(m.group(2)) - 30),
                 text, count=1)
    assert new != text
    src.write_text(new, encoding="utf-8")


@pytest.mark.parametrize("edit", [change_one, redate])
def test_the_corpus_chunk_follows_the_facts_the_rebuild_changed(tmp_path, synth_corpus, chunked,
                                                                 monkeypatch, edit):
    """A rebuild takes the corpus chunk from the published N-Triples file with the fact lines the
    refresh changed (no fact read back from the store), whether or not which placeholder keys apply
    changed (a new cited key outside the corpus; a new date), and writes the cold build's bytes."""
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats=ALL)
    before = snapshot(out)

    def refused(*_):
        raise AssertionError("the fact lines were read back from the store")

    monkeypatch.setattr(dumps, "fact_lines_in_store", refused)
    edit(synth_corpus)
    changed = build([synth_corpus], out, quiet=True, formats=ALL)
    assert ", 1 graphed," in changed.cache
    got = snapshot(out)
    assert got != before
    cold = tmp_path / "cold"
    assert build([synth_corpus], cold, quiet=True, formats=ALL).cache.startswith("0 of 15")
    assert got == snapshot(cold)


def test_above_the_threshold_a_build_writes_ntriples_alone_unless_asked(tmp_path, synth_corpus,
                                                                        chunked):
    """Not told which (`formats=None`), a large graph gets resograph.nt alone; asked for Turtle and
    JSON-LD, an unchanged rebuild writes just those, as a cold build would; not asked again, they go
    (they would describe an older graph after the next change)."""
    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True)
    assert sorted(p.name for p in out.glob("resograph.*")) == ["resograph.nt"]
    nt = (out / "resograph.nt").read_bytes()
    again = build([synth_corpus], out, quiet=True, formats=ALL)
    assert again.cache.startswith("15 of 15") and (out / "resograph.nt").read_bytes() == nt
    cold = tmp_path / "cold"
    build([synth_corpus], cold, quiet=True, formats=ALL)
    assert snapshot(out) == snapshot(cold)
    build([synth_corpus], out, quiet=True)
    assert sorted(p.name for p in out.glob("resograph.*")) == ["resograph.nt"]


def test_a_rebuild_writes_the_documents_chunks_while_it_updates_the_store(
        tmp_path, synth_corpus, chunked, monkeypatch):
    """The documents' chunks are written (in a thread) before the store is updated, the corpus
    chunk after it; the file is the cold build's. Stopped by an error in between, the rebuild leaves
    the published files as they were and no temporary file; the next one writes the cold bytes."""
    from resograph.graph import rebuild

    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats=ALL)
    before = snapshot(out)
    started: list[str] = []
    start = dumps.FileWriter.start
    monkeypatch.setattr(dumps.FileWriter, "start", lambda w: started.append(w.fmt) or start(w))
    publish = rebuild.Rebuild.publish

    def fails(self):
        assert sorted(self.writers) == ["jsonld", "nt", "ttl"]
        for writer in self.writers.values():
            writer._thread.join()  # the documents' chunks are written: the store step fails now
            assert writer.tmp.is_file() and writer.error is None
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rebuild.Rebuild, "publish", fails)
    change_one(synth_corpus)
    with pytest.raises(OSError):
        build([synth_corpus], out, quiet=True, formats=ALL)
    assert snapshot(out) == before and not list(out.glob(".*.tmp-*"))
    assert sorted(started) == ["jsonld", "nt", "ttl"]
    monkeypatch.setattr(rebuild.Rebuild, "publish", publish)
    started.clear()
    build([synth_corpus], out, quiet=True, formats=ALL)
    assert sorted(started) == ["jsonld", "nt", "ttl"]
    got = snapshot(out)
    cold = tmp_path / "cold"
    build([synth_corpus], cold, quiet=True, formats=ALL)
    assert got == snapshot(cold) and got != before
    assert not list(out.glob(".*.tmp-*"))


def test_a_spliced_corpus_chunk_holds_the_lines_a_merge_gives():
    """The corpus chunk after a rebuild, spliced into the published chunk's bytes (a binary search
    per changed line), holds exactly the sorted lines of the old chunk without those taken out and
    with those put in: lines already there, lines both taken out and put in, at the ends and
    between neighbours."""
    import random

    rnd = random.Random(7)
    for _ in range(2000):
        pool = [b'<urn:x%02d> <urn:p> "%d" .' % (rnd.randrange(40), rnd.randrange(3))
                for _ in range(rnd.randrange(1, 40))]
        old = sorted(set(rnd.sample(pool, rnd.randrange(len(pool) + 1))))
        gone = set(rnd.sample(pool, rnd.randrange(min(len(pool), 6) + 1)))
        came = set(rnd.sample(pool, rnd.randrange(min(len(pool), 6) + 1)))
        want = sorted((set(old) - gone) | came)
        spliced = dumps.Spliced(b"".join(line + b"\n" for line in old), gone, came)
        data = b"".join(spliced.segments)
        assert data == b"".join(line + b"\n" for line in want), (old, gone, came)
        assert spliced.lines == want and spliced.size == len(data)


def test_a_rebuild_copies_the_leading_chunks_while_it_reads_the_changed_text(
        tmp_path, synth_corpus, chunked, monkeypatch):
    """The chunks before the first changed text's are copied into the new files while the rebuild
    extracts it, and kept when the texts still open with them; a changed text that takes a symbol
    sorted before them has the files written whole. Either way the bytes are a cold build's."""
    import shutil

    out = tmp_path / "b"
    build([synth_corpus], out, quiet=True, formats=ALL)
    taken: list[tuple[str, int, bool]] = []
    take = dumps.Prefix.take

    def recorded(self, docs):
        tmp = take(self, docs)
        taken.append((self.fmt, len(self.entries), tmp is not None))
        return tmp

    monkeypatch.setattr(dumps.Prefix, "take", recorded)
    change_one(synth_corpus)  # GA-2024-92-RES-01: ten texts sort before it
    build([synth_corpus], out, quiet=True, formats=ALL)
    assert sorted(taken) == [("jsonld", 10, True), ("nt", 10, True), ("ttl", 10, True)]
    cold = tmp_path / "cold"
    build([synth_corpus], cold, quiet=True, formats=ALL)
    assert snapshot(out) == snapshot(cold)
    taken.clear()
    p = synth_corpus / "synth00014_unga_fr.txt"  # A/RES/81/1, after five texts, becomes the first
    p.write_text(p.read_text(encoding="utf-8").replace("A/RES/81/1", "A/RES/1/1"), encoding="utf-8")
    build([synth_corpus], out, quiet=True, formats=ALL)
    assert sorted(taken) == [("jsonld", 5, False), ("nt", 5, False), ("ttl", 5, False)]
    shutil.rmtree(cold)
    build([synth_corpus], cold, quiet=True, formats=ALL)
    assert snapshot(out) == snapshot(cold) and not list(out.glob(".*.tmp-*"))
