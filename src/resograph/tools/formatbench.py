"""Formats benchmark: what reading a PDF costs beside extracting it, and pdfminer.six against pypdf.

A synthetic corpus (``resograph synth``) is laid out as UN resolution PDFs (:mod:`resograph.tools.layouts`:
running header, page numbers, job number). For each document it times the conversion with our
converter (pdfminer.six) and with pypdf's ``extract_text``, the extraction of the plain text, and
checks which converter's text gives exactly the plain text's citations (paragraph, target). Then it
builds the PDF corpus. Figures are printed, not asserted::

    python -m resograph.tools.formatbench --docs 200
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _pairs(x) -> set[tuple[str, str]]:
    return {(c.paragraph, c.target) for c in x.citations}


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def measure(docs: int, seed: int = 11) -> dict:
    """Lay out ``docs`` synthetic texts as PDFs in a temporary folder and measure; returns the figures."""
    from resograph.core.errors import UserError
    from resograph.graph.build import build
    from resograph.reading.convert import convert
    from resograph.reading.extract import extract
    from resograph.tools.layouts import make_pdf
    from resograph.tools.synth import write_corpus

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        texts = write_corpus(Path(tmp) / "synth", docs, seed)
        pdf_dir = Path(tmp) / "pdf"
        pdf_dir.mkdir()
        for i, path in enumerate(texts, 1):
            text = path.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            plain = extract(text, str(path))
            t_extract = time.perf_counter() - t0
            data = make_pdf(text, plain.document.symbol or "")
            (pdf_dir / f"{path.stem}.pdf").write_bytes(data)
            t0 = time.perf_counter()
            ours = convert(data, path.name)
            t_ours = time.perf_counter() - t0
            t0 = time.perf_counter()
            theirs = _pypdf_text(data)
            t_pypdf = time.perf_counter() - t0
            rows.append({"pages": len(ours.page_starts), "bytes": len(text.encode()), "extract": t_extract,
                         "pdfminer": t_ours, "pypdf": t_pypdf,
                         "pdfminer_same": _pairs(extract(ours.text)) == _pairs(plain),
                         "pypdf_same": _pairs(extract(theirs)) == _pairs(plain)})
            print(f"\r{i}/{docs} laid out and converted", end="", file=sys.stderr)
        print(file=sys.stderr)
        t0 = time.perf_counter()
        try:
            result = build([str(pdf_dir)], Path(tmp) / "build", quiet=True)
        except UserError as exc:  # reported in the figures, the conversion figures still stand
            result = exc
        t_build = time.perf_counter() - t0
    return _summary(rows, t_build, result)


def _summary(rows: list[dict], t_build: float, result) -> dict:
    pages = sum(r["pages"] for r in rows)
    total = lambda key: sum(r[key] for r in rows)  # noqa: E731
    return {
        "documents": len(rows), "pages": pages, "mb": total("bytes") / 1e6,
        "pdfminer_ms_per_page": 1000 * total("pdfminer") / pages,
        "pdfminer_ms_per_doc": 1000 * total("pdfminer") / len(rows),
        "pypdf_ms_per_page": 1000 * total("pypdf") / pages,
        "pypdf_ms_per_doc": 1000 * total("pypdf") / len(rows),
        "extract_ms_per_doc": 1000 * total("extract") / len(rows),
        "extract_ms_per_doc_median": 1000 * statistics.median(r["extract"] for r in rows),
        "pdfminer_same_citations": sum(r["pdfminer_same"] for r in rows),
        "pypdf_same_citations": sum(r["pypdf_same"] for r in rows),
        "build_s": t_build,
        "build_published": bool(getattr(result, "published", False)),
        "build_error": str(result) if isinstance(result, Exception) else None,
    }


def report(figures: dict) -> str:
    f = figures
    return "\n".join([
        f"{f['documents']} synthetic resolutions as UN-layout PDFs: {f['pages']} pages, {f['mb']:.2f} MB of text",
        f"  pdfminer.six (ours)  {f['pdfminer_ms_per_page']:7.1f} ms/page  {f['pdfminer_ms_per_doc']:7.1f} ms/doc  "
        f"same citations as the plain text: {f['pdfminer_same_citations']}/{f['documents']}",
        f"  pypdf extract_text   {f['pypdf_ms_per_page']:7.1f} ms/page  {f['pypdf_ms_per_doc']:7.1f} ms/doc  "
        f"same citations as the plain text: {f['pypdf_same_citations']}/{f['documents']}",
        f"  extraction of the plain text          {f['extract_ms_per_doc']:7.1f} ms/doc "
        f"(median {f['extract_ms_per_doc_median']:.1f})",
        f"  resograph build of the PDF folder: {f['build_s']:.1f} s, published: {f['build_published']}"
        + (f" ({f['build_error']})" if f["build_error"] else ""),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m resograph.tools.formatbench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200, help="documents to lay out (default 200)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.docs)
    print(report(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
