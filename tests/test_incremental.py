"""Incremental builds (per-document cache, resograph.graph.incremental): after a source changes, is added or
is removed, or the registry changes, a rebuild writes exactly the bytes a cold build of the same inputs
writes, and reuses what it can."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import broken_registry

from resograph.graph.build import FORMATS, build
from resograph.core.paths import ontology_dir, project_root, registry_dir

OUTPUTS = tuple(FORMATS.values())  # the three dump files
ROOT = project_root()


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def store_size(out: Path) -> int:
    return len(ox.Store.read_only(str((out / "store").resolve())))


def assert_same_as_cold(corpus: Path, incremental: Path, cold: Path) -> None:
    result = build([corpus], cold, quiet=True)
    assert result.published
    assert result.cache.startswith("0 of ")  # really cold
    got, want = snapshot(incremental), snapshot(cold)
    for name in OUTPUTS:
        assert got[name] == want[name], name
    lines = want["resograph.nt"].count(b"\n")
    assert store_size(incremental) == store_size(cold) == lines


@pytest.fixture()
def corpus(synth_corpus) -> Path:
    return synth_corpus  # 15 synthetic texts, seed 3, no gold (conftest: generated once per session)


def test_one_changed_source_rebuilds_to_the_cold_bytes(tmp_path, corpus):
    out = tmp_path / "b"
    first = build([corpus], out, quiet=True)
    assert first.published and first.report.conforms
    assert first.cache == "0 of 15 document(s) from the cache, 15 graphed, 15 validated"
    before = snapshot(out)

    again = build([corpus], out, quiet=True)  # nothing changed: everything from the cache
    assert again.cache == "15 of 15 document(s) from the cache, 0 graphed, 0 validated"
    assert snapshot(out) == before

    src = corpus / "synth00007_interpol_en.txt"  # a new paragraph citing a new resolution
    text = src.read_text(encoding="utf-8")
    line = "ACKNOWLEDGING the Constitution,\n"
    assert line in text
    new = "\nHAVING CONSIDERED United Nations General Assembly resolution 77/321 of 1 September 2023,\n"
    src.write_text(text.replace(line, line + new, 1), encoding="utf-8")
    changed = build([corpus], out, quiet=True)
    assert changed.cache == "14 of 15 document(s) from the cache, 1 graphed, 1 validated"
    nt = (out / "resograph.nt").read_bytes()
    assert b'"A/RES/77/321"' in nt and nt != before["resograph.nt"]
    assert changed.citations == first.citations + 1
    assert_same_as_cold(corpus, out, tmp_path / "cold")


@pytest.mark.slow  # five builds of 15 documents
def test_removing_and_adding_a_cited_document_changes_other_documents_facts(tmp_path, corpus):
    # A/RES/77/1 is a document of the corpus cited by three others: removed, it becomes an
    # unresolved key (placeholder title and body in its citers' graphs); back, they go again.
    out = tmp_path / "b"
    cited = corpus / "synth00003_unga_en.txt"
    kept = tmp_path / "kept.txt"
    shutil.copy(cited, kept)
    build([corpus], out, quiet=True)
    with_it = snapshot(out)
    cited.unlink()
    result = build([corpus], out, quiet=True)
    assert "A/RES/77/1" in result.unresolved_keys
    assert result.cache.startswith("14 of 14 document(s) from the cache, 0 graphed")
    assert_same_as_cold(corpus, out, tmp_path / "cold1")
    shutil.copy(kept, cited)
    result = build([corpus], out, quiet=True)
    assert "A/RES/77/1" not in result.unresolved_keys
    assert snapshot(out) == with_it
    assert_same_as_cold(corpus, out, tmp_path / "cold2")


def cli_build(home: Path, corpus: Path, out: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "resograph.cli", "build", str(corpus), "--out",
                           str(out), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "RESOGRAPH_HOME": str(home)})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow  # four `resograph build` subprocesses
def test_a_registry_change_invalidates_every_document(tmp_path, corpus):
    home = tmp_path / "home"
    shutil.copytree(ontology_dir(), home / "ontology")
    shutil.copytree(registry_dir(), home / "data" / "registry")
    out = tmp_path / "b"
    assert "0 of 15 document(s) from the cache" in cli_build(home, corpus, out)
    assert "15 of 15 document(s) from the cache" in cli_build(home, corpus, out)
    before = snapshot(out)
    target = sorted((home / "data" / "registry").glob("*.ttl"))[0]
    with open(target, "a", encoding="utf-8") as fh:
        fh.write('\n<https://example.org/test/registry-change> '
                 '<http://www.w3.org/2000/01/rdf-schema#label> "changed" .\n')
    assert "0 of 15 document(s) from the cache" in cli_build(home, corpus, out)
    after = snapshot(out)
    assert b"registry-change" in after["resograph.nt"] and after != before
    cli_build(home, corpus, tmp_path / "cold")
    assert after == snapshot(tmp_path / "cold")


# -- the store updated in place (manifest + delta), dump files optional -----------------------------

def store_triples(out: Path) -> Counter:
    """The store's triples; blank-node labels (Oxigraph's own, from the ontology's OWL lists) as one
    label, so two loads of the same lines compare equal."""
    return Counter(re.sub(r"_:\w+", "_:b", str(q))
                   for q in ox.Store.read_only(str((out / "store").resolve())))


def generation(out: Path) -> str:
    return (out / "store").resolve().name


@pytest.mark.slow  # seven builds of 15 documents
def test_rebuilds_update_the_store_in_place_to_exactly_the_cold_triples(tmp_path, corpus):
    out = tmp_path / "b"
    first = build([corpus], out, quiet=True, formats="none")
    assert first.published and first.report.conforms and "ready" in first.timings
    assert not any((out / name).exists() for name in OUTPUTS)
    gen0 = generation(out)

    again = build([corpus], out, quiet=True, formats="none")  # nothing changed: the same generation
    assert again.cache.startswith("15 of 15") and generation(out) == gen0

    # one source changed: a new generation (a checkpoint with the delta), the cold build's triples
    src = corpus / "synth00007_interpol_en.txt"
    text = src.read_text(encoding="utf-8")
    line = "ACKNOWLEDGING the Constitution,\n"
    new = "\nHAVING CONSIDERED United Nations General Assembly resolution 77/321 of 1 September 2023,\n"
    src.write_text(text.replace(line, line + new, 1), encoding="utf-8")
    changed = build([corpus], out, quiet=True, formats="none")
    assert changed.cache == "14 of 15 document(s) from the cache, 1 graphed, 1 validated"
    assert generation(out) != gen0
    cold = build([corpus], tmp_path / "cold1", quiet=True, formats="none")
    assert store_triples(out) == store_triples(tmp_path / "cold1")
    assert (changed.triples, changed.instruments, changed.citations, changed.unresolved_keys) == \
        (cold.triples, cold.instruments, cold.citations, cold.unresolved_keys)
    assert changed.triples == sum(store_triples(out).values())

    # a cited document deleted: its citers' placeholder lines come in; added back: they go
    cited = corpus / "synth00003_unga_en.txt"
    kept = tmp_path / "kept.txt"
    shutil.copy(cited, kept)
    cited.unlink()
    gone = build([corpus], out, quiet=True, formats="none")
    assert "A/RES/77/1" in gone.unresolved_keys
    build([corpus], tmp_path / "cold2", quiet=True, formats="none")
    assert store_triples(out) == store_triples(tmp_path / "cold2")
    shutil.copy(kept, cited)
    back = build([corpus], out, quiet=True)  # and the dump files again, from the cache
    assert "A/RES/77/1" not in back.unresolved_keys
    assert_same_as_cold(corpus, out, tmp_path / "cold3")
    assert store_triples(out) == store_triples(tmp_path / "cold3")


@pytest.mark.slow  # four builds of 15 documents
def test_a_store_that_is_not_the_manifests_is_rebuilt_from_scratch(tmp_path, corpus):
    out = tmp_path / "b"
    build([corpus], out, quiet=True, formats="nt")
    assert (out / "resograph.nt").exists() and not (out / "resograph.ttl").exists()
    build([corpus], out, quiet=True, store="memory")  # files only: the manifest no longer holds
    sorted(corpus.glob("*.txt"))[5].unlink()
    result = build([corpus], out, quiet=True)
    assert result.cache.startswith("14 of 14")
    assert_same_as_cold(corpus, out, tmp_path / "cold")
    assert store_triples(out) == store_triples(tmp_path / "cold")


@pytest.mark.slow  # four builds, two of them with pySHACL
def test_auto_validation_takes_the_compiled_checker_and_agrees_with_pyshacl(tmp_path, corpus):
    pytest.importorskip("resograph.graph.shapecheck")
    from resograph.graph.registry import load

    auto = build([corpus], tmp_path / "auto", quiet=True, formats="none")
    pyshacl = build([corpus], tmp_path / "py", quiet=True, formats="none", validation="per-document")
    assert (auto.validation, pyshacl.validation) == ("compiled", "per-document")
    assert auto.report.conforms and pyshacl.report.conforms
    assert auto.report.checked == pyshacl.report.checked == 16
    bad = broken_registry(load())  # an identifier that is not a string
    reports = [build([corpus], tmp_path / name, registry=bad, quiet=True, validation=v).report
               for name, v in (("bad-auto", "auto"), ("bad-py", "per-document"))]
    assert not reports[0].conforms and not reports[1].conforms
    assert reports[0].violations == reports[1].violations > 0


def test_a_rebuild_reads_only_the_sources_whose_stat_changed(tmp_path, corpus, monkeypatch):
    """A source whose size, mtime, ctime and inode are those recorded with its digest is not read
    again; one rewritten to the same size with its mtime put back is (its ctime moved)."""
    from resograph.graph import rebuild

    texts = tmp_path / "texts"
    shutil.copytree(corpus, texts)
    out = tmp_path / "b"
    build([texts], out, quiet=True, formats="nt")
    monkeypatch.setattr(rebuild, "RACY_NS", 0)  # the test's files are seconds old: trust them
    build([texts], out, quiet=True, formats="nt")  # records the stats
    read: list[str] = []
    real = rebuild.source_bytes
    monkeypatch.setattr(rebuild, "source_bytes", lambda p: read.append(Path(p).name) or real(p))
    again = build([texts], out, quiet=True, formats="nt")
    assert read == [] and again.cache.startswith("15 of 15")
    p = sorted(texts.glob("*.txt"))[7]
    st = p.stat()
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("a", "o", 1), encoding="utf-8")  # other bytes, the same size
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert p.stat().st_size == st.st_size and p.stat().st_mtime_ns == st.st_mtime_ns
    changed = build([texts], out, quiet=True, formats="nt")
    assert read == [p.name] and ", 1 graphed," in changed.cache
