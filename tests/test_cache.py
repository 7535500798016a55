"""The per-source build cache: hits for unchanged bytes, misses for changed ones, invalidation."""

from __future__ import annotations

from pathlib import Path

import pytest

from resograph.graph import cache as cache_mod
from resograph.graph.cache import BuildCache
from resograph.reading.extract import extract_file

FIXTURES = Path(__file__).parent / "fixtures"


def _copy(tmp_path: Path, names: list[str]) -> list[Path]:
    out = []
    for n in names:
        p = tmp_path / "src" / n
        p.parent.mkdir(exist_ok=True)
        p.write_bytes((FIXTURES / n).read_bytes())
        out.append(p)
    return out


def test_unchanged_sources_hit_changed_ones_miss(tmp_path):
    paths = _copy(tmp_path, ["dev01_interpol_fr_preuves.txt", "dev04_unga_en_interpol.txt"])
    calls = []

    def extractor(p):
        calls.append(p.name)
        return extract_file(p)

    c = BuildCache.open(tmp_path / "build")
    first = [c.extractor(extractor)(p) for p in paths]
    assert calls == [p.name for p in paths] and (c.hits, c.misses) == (0, 2)

    c = BuildCache.open(tmp_path / "build")  # a later build
    again = [c.extractor(extractor)(p) for p in paths]
    assert (c.hits, c.misses) == (2, 0) and len(calls) == 2
    assert [x.to_json() for x in again] == [x.to_json() for x in first]

    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Invites", "Urges"), encoding="utf-8")
    c = BuildCache.open(tmp_path / "build")
    changed = [c.extractor(extractor)(p) for p in paths]
    assert (c.hits, c.misses) == (1, 1) and calls[-1] == paths[1].name
    assert "Urges" in changed[1].source


def test_a_new_fingerprint_invalidates_everything(tmp_path, monkeypatch):
    paths = _copy(tmp_path, ["dev02_interpol_en_uncoop.txt"])
    c = BuildCache.open(tmp_path / "build")
    c.extractor(extract_file)(paths[0])
    old = c.dir
    assert old.is_dir()
    # what a changed registry, ontology or extractor does: another fingerprint
    monkeypatch.setattr(cache_mod, "fingerprint", lambda extra=(): "another")
    c2 = BuildCache.open(tmp_path / "build")
    c2.extractor(extract_file)(paths[0])
    assert (c2.hits, c2.misses) == (0, 1)
    assert not old.exists()  # stale fingerprints are pruned


def test_fingerprint_follows_registry_content(tmp_path, monkeypatch):
    reg = tmp_path / "registry"
    reg.mkdir()
    (reg / "a.ttl").write_text("# one\n", encoding="utf-8")
    monkeypatch.setattr(cache_mod, "registry_dir", lambda: reg)
    before = cache_mod.fingerprint()
    assert cache_mod.fingerprint() == before
    (reg / "a.ttl").write_text("# two\n", encoding="utf-8")
    assert cache_mod.fingerprint() != before


def test_prefetch_extracts_misses_once_in_parallel(tmp_path):
    names = sorted(p.name for p in FIXTURES.glob("*.txt"))
    paths = _copy(tmp_path, names)
    c = BuildCache.open(tmp_path / "build")
    assert c.prefetch(paths, workers=2, min_parallel=2) == len(paths)
    got = [c.extractor(lambda p: (_ for _ in ()).throw(AssertionError("not cached")))(p) for p in paths]
    assert [x.document.symbol for x in got] == [extract_file(p).document.symbol for p in paths]
    assert c.prefetch(paths, workers=2, min_parallel=2) == 0


def test_a_torn_entry_is_a_miss(tmp_path):
    paths = _copy(tmp_path, ["dev06_sc_en_ftf.txt"])
    c = BuildCache.open(tmp_path / "build")
    c.extractor(extract_file)(paths[0])
    for f in (c.dir / "extraction").iterdir():
        f.write_bytes(b"not a pickle")
    c = BuildCache.open(tmp_path / "build")
    x = c.extractor(extract_file)(paths[0])
    assert (c.hits, c.misses) == (0, 1) and x.document.symbol == "S/RES/2811(2026)"


def test_a_build_keeps_the_parsed_registry_and_lexicon_and_never_uses_a_bad_copy(tmp_path, monkeypatch):
    """The registry and the lexicon, read from the Turtle files once, are kept in the build cache
    (keyed by its fingerprint: those files and the code); the next build reads them back instead
    of parsing; a copy that is torn or not a registry is parsed again and replaced, the outputs
    the same."""
    import pickle

    from resograph.graph import build as build_mod
    from resograph.graph.registry import Registry
    from resograph.reading import lexicon

    src = _copy(tmp_path, ["dev01_interpol_fr_preuves.txt", "dev04_unga_en_interpol.txt"])[0].parent
    out = tmp_path / "b"
    build_mod.build([src], out, quiet=True)
    nt = (out / "resograph.nt").read_bytes()
    kept = next((out / cache_mod.CACHE_DIR).iterdir()) / build_mod.PARSED_KIND
    assert isinstance(pickle.loads((kept / "registry.pickle").read_bytes()), Registry)
    parsed = []
    monkeypatch.setattr(build_mod, "load_registry", lambda: parsed.append(1) or pytest.fail("parsed"))
    build_mod.build([src], out, quiet=True)  # read back: not parsed
    assert parsed == []
    monkeypatch.undo()
    lexicon.load_lexicon.cache_clear()
    lexicon.provide(lambda: build_mod._kept(BuildCache.open(out, build_mod._versions()), "lexicon",
                                            lexicon.Lexicon, lexicon.read_lexicon))
    try:
        assert lexicon.load_lexicon() == lexicon.read_lexicon()
    finally:
        lexicon.load_lexicon.cache_clear()
    for bad in (b"torn", pickle.dumps({"not": "a registry"})):
        (kept / "registry.pickle").write_bytes(bad)
        (out / "resograph.nt").unlink()
        build_mod.build([src], out, quiet=True)
        assert (out / "resograph.nt").read_bytes() == nt
        assert isinstance(pickle.loads((kept / "registry.pickle").read_bytes()), Registry)
