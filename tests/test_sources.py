"""A build never fails a corpus because of one document (issue 12): texts without a readable symbol
are named from their file name or bytes, of two texts of one symbol one is kept, unreadable texts
are skipped, and the summary says which and why; `--strict` refuses them. Short texts written here."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from resograph.core.keys import iri
from resograph.core.namespaces import RG
from resograph.core.paths import project_root
from resograph.graph.build import FORMATS, build
from resograph.graph.sources import (
    DUPLICATE,
    FROM_CONTENT,
    FROM_FILE_NAME,
    UNREADABLE,
    symbol_from_file_name,
)

ROOT = project_root()
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"

# No title line: the text itself names no symbol.
NAMELESS = """The Security Council,

Recalling its resolution 5 (1946) of 8 May 1946,

1. Requests the Secretary-General to report to it.
"""


def printed(number: int, day: str = "12 March 2026") -> str:
    """A Security Council text that prints its own symbol, S/RES/{number}(2026)."""
    return f"""United Nations                                                S/RES/{number} (2026)
Security Council                                   Distr.: General
                                                   {day}

Resolution {number} (2026)

Adopted by the Security Council at its 9912th meeting, on {day}

The Security Council,

Recalling its resolution 2482 (2019),

1. Decides to remain seized of the matter.
"""


def identifiers(out: Path) -> set[str]:
    g = Graph().parse(out / "resograph.nt", format="nt")
    return {str(o) for o in g.objects(None, DCTERMS.identifier)}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


@pytest.mark.parametrize("name, key", [
    ("S_RES_0001_1946_EN_GOLD.txt", "S/RES/1(1946)"),
    ("S_RES_0242_1967_EN_GOLD.txt", "S/RES/242(1967)"),
    ("S_RES_892(1993).txt", "S/RES/892(1993)"),
    ("A_RES_51_1.en.txt", "A/RES/51/1"),
    ("a_res_47_20a.fr.txt", "A/RES/47/20A"),
    ("A_RES_1514_XV.txt", "A/RES/1514(XV)"),
    ("A_RES_3013(XXVII).en.txt", "A/RES/3013(XXVII)"),
    ("A_RES_ES-10_14.txt", "A/RES/ES-10/14"),       # emergency special session
    ("A_RES_S-26_2.en.txt", "A/RES/S-26/2"),           # special session
    ("a_res_es-07_014_fr.txt", "A/RES/ES-7/14"),        # as the reader keys "ES-07/14"
    ("A_RES_2253_ES-V.txt", "A/RES/2253(ES-V)"),         # before 1976
    ("A_RES_2248(S-V).txt", "A/RES/2248(S-V)"),
    ("A_RES_1474_ES-IV_EN.txt", "A/RES/1474(ES-IV)"),
    ("A_DEC_49_426.txt", "A/DEC/49/426"),
    ("E_RES_2004_21.es.txt", "E/RES/2004/21"),
    ("E_RES_833B_XXXII.txt", "E/RES/833B(XXXII)"),
    ("AG-2025-93-RES-3.fr.txt", "GA-2025-93-RES-03"),
    ("GA-2008-RES-07_en.txt", "GA-2008-RES-07"),
])
def test_the_file_name_rule_reads_the_symbols_file_names_carry(name, key):
    assert symbol_from_file_name(name) == key


@pytest.mark.parametrize("name", ["notes.txt", "S_RES_12.txt", "A_RES_51_1x2.txt", "resolution.en.txt",
                                  "XS_RES_0001_1946.txt", "A_RES_ES_10_14.txt", "A_RES_2253_ES-5.txt",
                                  "A_RES_X-10_14.txt"])
def test_a_file_name_without_a_symbol_gives_none(name):
    assert symbol_from_file_name(name) is None


@pytest.fixture()
def messy(tmp_path) -> Path:
    """Seven files: one named from its file name, one from its bytes, two of one symbol, an empty
    one, a binary one, and a good one."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "S_RES_0007_1946_EN_GOLD.txt").write_text(NAMELESS, encoding="utf-8")
    (d / "minutes.txt").write_text(NAMELESS.replace("report", "report again"), encoding="utf-8")
    (d / "S_RES_2900_2026.txt").write_text(printed(2900), encoding="utf-8")
    # holds the text of 2900 (a real corpus has such mistakes); its name does not agree with it
    (d / "S_RES_2901_2026.txt").write_text(printed(2900, "13 March 2026"), encoding="utf-8")
    (d / "S_RES_2902_2026.txt").write_bytes(b"")
    (d / "S_RES_2903_2026.txt").write_bytes(b"\x00\x01binary\x00")
    (d / "S_RES_2904_2026.txt").write_text(printed(2904), encoding="utf-8")
    return d


def test_a_messy_corpus_builds_with_every_problem_flagged(messy, tmp_path):
    out = tmp_path / "build"
    result = build([messy], out, quiet=True)
    assert result.published and result.report.conforms
    assert result.documents == 4
    kinds = {Path(f.path).name: f.kind for f in result.flags}
    assert kinds == {"S_RES_0007_1946_EN_GOLD.txt": FROM_FILE_NAME, "minutes.txt": FROM_CONTENT,
                     "S_RES_2901_2026.txt": DUPLICATE, "S_RES_2902_2026.txt": UNREADABLE,
                     "S_RES_2903_2026.txt": UNREADABLE}
    digest = hashlib.sha256((messy / "minutes.txt").read_bytes()).hexdigest()[:16]
    ids = identifiers(out)
    assert {"S/RES/7(1946)", f"unidentified:{digest}", "S/RES/2900(2026)", "S/RES/2904(2026)"} <= ids
    assert "S/RES/2901(2026)" not in ids  # the duplicate was skipped, not renamed
    summary = result.summary()
    assert "flagged        5 document(s)" in summary
    for f in result.flags:
        assert f"  {f.path}: {f.kind}: " in summary
    dup = next(f for f in result.flags if f.kind == DUPLICATE)
    assert "S_RES_2900_2026.txt is kept" in dup.reason
    assert "empty" in next(f.reason for f in result.flags if f.path.endswith("2902_2026.txt"))


def test_which_of_two_texts_is_kept_does_not_depend_on_their_order(messy, tmp_path):
    a = build([messy / "S_RES_2901_2026.txt", messy / "S_RES_2900_2026.txt"], tmp_path / "a",
              quiet=True, store="memory")
    b = build([messy / "S_RES_2900_2026.txt", messy / "S_RES_2901_2026.txt"], tmp_path / "b",
              quiet=True, store="memory")
    assert [Path(f.path).name for f in a.flags] == [Path(f.path).name for f in b.flags] \
        == ["S_RES_2901_2026.txt"]
    assert (tmp_path / "a" / "resograph.nt").read_bytes() == (tmp_path / "b" / "resograph.nt").read_bytes()


def test_a_rebuild_in_place_keeps_the_flags_and_gives_the_bytes_of_a_cold_build(messy, tmp_path):
    out = tmp_path / "build"
    first = build([messy], out, quiet=True)
    again = build([messy], out, quiet=True)
    assert again.cache.startswith("4 of 4 document(s) from the cache")
    assert again.flags == first.flags
    (messy / "S_RES_0008_1946_EN_GOLD.txt").write_text(NAMELESS.replace("1. ", "1. Again "),
                                                       encoding="utf-8")
    (messy / "S_RES_2903_2026.txt").unlink()
    third = build([messy], out, quiet=True)
    assert third.documents == 5 and third.cache.startswith("4 of 5 document(s) from the cache")
    names = {Path(f.path).name for f in third.flags}
    assert "S_RES_0008_1946_EN_GOLD.txt" in names and "S_RES_2903_2026.txt" not in names
    cold = build([messy], tmp_path / "cold", quiet=True)
    assert cold.flags == third.flags
    for name in FORMATS.values():
        assert (out / name).read_bytes() == (tmp_path / "cold" / name).read_bytes(), name


def test_strict_refuses_flagged_documents_in_one_line_and_writes_nothing(messy, tmp_path):
    out = tmp_path / "build"
    run = cli("build", str(messy), "--out", str(out), "--strict", "-q")
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("resograph: error: ") and len(run.stderr.strip().splitlines()) == 1
    assert "--strict" in run.stderr
    assert not any((out / name).exists() for name in FORMATS.values()) and not (out / "store").exists()
    good = cli("build", str(messy / "S_RES_2904_2026.txt"), "--out", str(out), "--strict", "-q")
    assert good.returncode == 0, good.stderr
    assert "\nflagged " not in good.stdout


def test_strict_refuses_on_a_rebuild_in_place_too(messy, tmp_path):
    out = tmp_path / "build"
    build([messy], out, quiet=True)
    before = (out / "resograph.nt").read_bytes()
    run = cli("build", str(messy), "--out", str(out), "--strict", "-q")
    assert run.returncode == 2 and "--strict" in run.stderr
    assert (out / "resograph.nt").read_bytes() == before


def test_a_corpus_of_unreadable_texts_only_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    run = cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-q")
    assert run.returncode == 2 and "no readable source text" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("validation", ["full", "auto"])
def test_two_texts_of_one_file_name_in_two_folders_are_two_sources(tmp_path, validation):
    """A corpus kept one folder per resolution (`2900/en.txt`, `2904/en.txt`): each text has its own
    source node, with its own digest (one shared node failed full validation: two rg:sha256)."""
    texts = {2900: printed(2900), 2904: printed(2904)}
    for n, text in texts.items():
        (tmp_path / "corpus" / str(n)).mkdir(parents=True)
        (tmp_path / "corpus" / str(n) / "en.txt").write_text(text, encoding="utf-8")
    result = build([tmp_path / "corpus" / str(n) for n in texts], tmp_path / "build", quiet=True,
                   validation=validation)
    assert result.published and result.report.conforms and result.documents == 2
    g = Graph().parse(tmp_path / "build" / "resograph.nt", format="nt")
    for n, text in texts.items():
        source = g.value(URIRef(iri(f"S/RES/{n}(2026)")), PROV.wasDerivedFrom)
        assert [str(d) for d in g.objects(source, RG.sha256)] == [
            hashlib.sha256(text.encode("utf-8")).hexdigest()]
        assert [str(name) for name in g.objects(source, RG.fileName)] == ["en.txt"]


def test_a_folder_of_folders_is_an_error_that_says_how_to_name_them(tmp_path):
    (tmp_path / "corpus" / "2900").mkdir(parents=True)
    (tmp_path / "corpus" / "2900" / "en.txt").write_text(printed(2900), encoding="utf-8")
    run = cli("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "-q")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "no sources" in run.stderr and "corpus/*/" in run.stderr
    run = cli("build", str(tmp_path / "out-of-nothing.txt"), "--out", str(tmp_path / "out"), "-q")
    assert run.returncode == 2 and "corpus/*/" not in run.stderr


@pytest.mark.slow
def test_the_real_security_council_corpus_builds_into_a_valid_graph(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS}: the CR-UNSC corpus is not here (it sits in ../shared beside the checkout)")
    texts = sorted(CORPUS.glob("*.txt"))
    out = tmp_path / "build"
    result = build([CORPUS], out, quiet=True, formats="nt")
    assert result.published and result.report.conforms
    skipped = [f for f in result.flags if f.skipped]
    assert all(f.kind == DUPLICATE for f in skipped)  # every text is readable
    assert result.documents == len(texts) - len(skipped)
    ids = identifiers(out)
    for f in result.flags:
        if f.kind == FROM_FILE_NAME:
            assert symbol_from_file_name(f.path) in ids
    both = build([CORPUS, ROOT / "data" / "sources", *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))],
                 tmp_path / "both", quiet=True, formats="nt")
    assert both.published and both.report.conforms
    assert both.documents >= result.documents + 6
    assert "GA-2025-93-RES-03" in identifiers(tmp_path / "both")

