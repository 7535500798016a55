"""Sources as users have them: the dev texts laid out as PDF, Word and HTML give the plain text's citations."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from corpus import FIXTURES, SEED
from resograph.tools.layouts import make_docx, make_html, make_pdf
from resograph.core.errors import UserError
from resograph.reading.convert import convert, iter_sources, read, sniff
from resograph.reading.extract import extract, extract_file, extract_source

DEV = sorted(FIXTURES.glob("*.txt"))
FAST = [SEED]  # the other dev texts in every layout: the slow set
LAYOUTS = {
    "pdf": lambda text, symbol: make_pdf(text, symbol),
    "pdf-two-columns": lambda text, symbol: make_pdf(text, symbol, columns=2),
    "pdf-ligatures": lambda text, symbol: make_pdf(text, symbol, ligatures=True),
    "docx": lambda text, symbol: make_docx(text),
    "html": lambda text, symbol: make_html(text),
}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True, text=True,
                          timeout=120)


def pairs(x) -> set[tuple[str, str]]:
    return {(c.paragraph, c.target) for c in x.citations}


def same_citations(path: Path, layout: str) -> None:
    plain = extract_file(path)
    data = LAYOUTS[layout](plain.source, plain.document.symbol or "")
    x = extract_source(convert(data, f"{path.name}.{layout}"))
    assert x.document.symbol == plain.document.symbol
    assert [p.id for p in x.paragraphs] == [p.id for p in plain.paragraphs]
    assert pairs(x) == pairs(plain)
    words = {(c.paragraph, c.target): " ".join(c.text.split()) for c in plain.citations}
    for c in x.citations:
        assert x.source[c.start:c.end] == c.text  # spans index into the converted text
        assert " ".join(c.text.split()).replace("- ", "") == words[(c.paragraph, c.target)].replace("- ", "")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", FAST, ids=lambda p: p.stem)
def test_a_converted_text_gives_the_plain_texts_citations(path: Path, layout: str) -> None:
    same_citations(path, layout)


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", [p for p in DEV if p not in FAST], ids=lambda p: p.stem)
def test_every_dev_text_in_every_layout_gives_the_plain_texts_citations(path: Path, layout: str) -> None:
    same_citations(path, layout)


@pytest.fixture(scope="module")
def footnoted() -> tuple[bytes, str]:
    text = (FIXTURES / "dev04_unga_en_interpol.txt").read_text(encoding="utf-8")
    note = "General Assembly resolution 55/25 of 15 November 2000, annex I."
    return make_pdf(text, "A/RES/81/23", footnotes={"Transnational Organized Crime": note}), note


def test_a_citation_in_a_footnote_belongs_to_the_paragraph_with_the_marker(footnoted) -> None:
    data, note = footnoted
    x = extract_source(convert(data, "footnoted.pdf"))
    marker_paragraph = next(p for p in x.paragraphs
                            if "Transnational Organized Crime" in " ".join(x.source[p.start:p.end].split()))
    assert ("A/RES/55/25" in {c.target for c in x.citations if c.paragraph == marker_paragraph.id})
    assert len(x.paragraphs) == len(extract_file(FIXTURES / "dev04_unga_en_interpol.txt").paragraphs)
    assert "55/25" in x.source[marker_paragraph.start:marker_paragraph.end]


def test_an_older_slash_mark_glued_to_its_word_calls_its_footnote_too() -> None:
    text = (FIXTURES / "dev04_unga_en_interpol.txt").read_text(encoding="utf-8")
    note = "General Assembly resolution 55/25 of 15 November 2000, annex I."
    data = make_pdf(text, "A/RES/81/23", footnotes={"Transnational Organized Crime": note}, slash_marks=True)
    x = extract_source(convert(data, "old-style.pdf"))
    op = next(p for p in x.paragraphs if "Transnational Organized Crime" in " ".join(x.source[p.start:p.end].split()))
    assert "A/RES/55/25" in {c.target for c in x.citations if c.paragraph == op.id}
    assert "Crime1/" not in x.source and pairs(x) - {(op.id, "A/RES/55/25")} == pairs(
        extract_file(FIXTURES / "dev04_unga_en_interpol.txt"))


def test_page_furniture_is_dropped_and_pages_are_reported(footnoted, tmp_path) -> None:
    data, _ = footnoted
    source = convert(data, "footnoted.pdf")
    lines = [ln.strip() for ln in source.text.splitlines()]
    assert "24-23456 (E)" not in lines and "1/2" not in lines and "2/2" not in lines
    assert lines.count("A/RES/81/23") <= 1  # the running header of page 2 is gone
    assert len(source.page_starts) == 2
    pdf = tmp_path / "resolution.pdf"
    pdf.write_bytes(data)
    out = json.loads(cli("extract", str(pdf), "--format", "json").stdout)
    assert out["source"]["converter"] == "pdf" and out["source"]["pages"] == 2
    pages = [p["page"] for p in out["paragraphs"]]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 2


def test_the_format_is_told_by_content_not_by_extension(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8")
    disguised = tmp_path / "really-a-pdf.txt"
    disguised.write_bytes(make_pdf(text, "GA-2025-93-RES-03"))
    assert read(disguised).converter == "pdf"
    plain = tmp_path / "really-text.pdf"
    plain.write_text(text, encoding="utf-8")
    assert read(plain).converter == "text"
    assert sniff(make_docx(text)) == "docx" and sniff(make_html(text)) == "html"


def test_a_zip_is_read_member_by_member_in_memory(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8")
    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("seed.txt", text)
        z.writestr("seed.docx", make_docx(text))
        z.writestr("web/seed.html", make_html(text))
        z.writestr("../escape.txt", text)
        z.writestr("notes.md", "not a source")
    found = list(iter_sources(archive))
    errors = [f for f in found if isinstance(f, UserError)]
    sources = [f for f in found if not isinstance(f, UserError)]
    assert [s.name.split("!")[1] for s in sources] == ["seed.docx", "seed.txt", "web/seed.html"]
    assert len(errors) == 1 and "path traversal" in str(errors[0])
    plain = pairs(extract(text))
    assert all(pairs(extract_source(s)) == plain for s in sources)
    assert pairs(extract_file(f"{archive}!web/seed.html")) == plain
    assert not list(tmp_path.glob("**/seed.html"))  # nothing unpacked to disk


def test_a_zip_bomb_and_a_corrupt_zip_are_refused(tmp_path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", b" " * (30 * 1024 * 1024))
        z.writestr("ok.txt", SEED.read_text(encoding="utf-8"))
    found = list(iter_sources(bomb))
    assert any(isinstance(f, UserError) and "ZIP bomb" in str(f) for f in found)
    assert [f.name.split("!")[1] for f in found if not isinstance(f, UserError)] == ["ok.txt"]
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(UserError, match="corrupt ZIP"):
        list(iter_sources(corrupt))


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf("RECALLING resolution 79/136,\n", "A/RES/1/1"))).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 170, 250, style="F")  # a page that is a picture, no text layer
    return bytes(pdf.output())


BAD = {
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF"),
    "scanned.pdf": (_scanned_pdf, "no text layer"),
    "damaged.pdf": (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, "damaged PDF"),
    "navigation-only.html": (lambda: b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav>"
                             b"<script>var x = 1;</script></body></html>", "no text found"),
    "news.html": (lambda: make_html("Ministers met in Geneva on Tuesday to discuss the budget of the "
                                    "organization for the coming year.\n\nThe meeting will resume "
                                    "next week, a spokesperson said after the session ended.\n"),
                  "no resolution in this HTML file"),
    "damaged.docx": (lambda: b"PK\x03\x04" + b"\x00" * 100, "corrupt ZIP"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_file_is_one_line_and_exit_status_2(tmp_path, name: str) -> None:
    make, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    run = cli("extract", str(path))
    assert run.returncode == 2, run.stderr
    assert reason in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_a_corpus_of_pdf_word_html_and_zip_builds_and_keeps_the_texts_spans_index_into(tmp_path) -> None:
    from resograph.api import open_graph
    from resograph.graph.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    (corpus / "seed.pdf").write_bytes(make_pdf(seed, "GA-2025-93-RES-03"))
    (corpus / "dev04.docx").write_bytes(make_docx((FIXTURES / "dev04_unga_en_interpol.txt").read_text(encoding="utf-8")))
    (corpus / "dev02.htm").write_bytes(make_html((FIXTURES / "dev02_interpol_en_uncoop.txt").read_text(encoding="utf-8")))
    with zipfile.ZipFile(corpus / "more.zip", "w") as z:
        z.writestr("dev06.txt", (FIXTURES / "dev06_sc_en_ftf.txt").read_text(encoding="utf-8"))
        z.writestr("../escape.txt", seed)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = build([corpus], tmp_path / "out", quiet=True)
    assert result.published
    flagged = {f.path.rpartition("/corpus/")[2]: f.reason for f in result.flags}
    assert set(flagged) == {"broken.pdf", "more.zip!../escape.txt"}
    assert "path traversal" in flagged["more.zip!../escape.txt"] and "damaged PDF" in flagged["broken.pdf"]
    graph = open_graph(tmp_path / "out")
    docs = {str(r[0]) for r in graph.query(
        "SELECT ?id WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> ; "
        "<http://purl.org/dc/terms/identifier> ?id ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?s }")}
    assert {"GA-2025-93-RES-03", "A/RES/81/23", "GA-2025-93-RES-05", "S/RES/2811(2026)"} <= docs
    digests = {str(r[0]) for r in graph.query(
        "SELECT ?d WHERE { ?s <https://w3id.org/resograph/ontology#textSha256> ?d }")}
    kept = {p.stem for p in (tmp_path / "out" / "texts").glob("*.txt")}
    assert digests == kept and len(kept) == 3  # the PDF, Word and HTML sources; not the plain text
    for name in ("seed.pdf", "dev04.docx", "dev02.htm"):
        x = extract_file(corpus / name)
        text = tmp_path / "out" / "texts" / f"{hashlib.sha256(x.source.encode()).hexdigest()}.txt"
        kept_text = text.read_text(encoding="utf-8")
        assert all(kept_text[c.start:c.end] == c.text for c in x.citations)
