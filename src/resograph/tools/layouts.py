"""Lay a resolution's plain text out as PDF, Word and HTML, in the layouts publishers use.

For the tests and the formats benchmark (fpdf2 and python-docx: the ``test`` extras). Nothing here
is a copy of a published file: each document is laid out from a plain text with
the furniture of its kind — a UN resolution PDF (symbol as running header from page 2, page numbers
"2/5", a job number on page 1, footnotes at the foot of the page with raised markers), a two-column
page, a Word file with automatic numbering, a web page with navigation, scripts and a footer.
"""

from __future__ import annotations

import io
import re
from pathlib import Path


def _font() -> Path:
    """DejaVu Sans as matplotlib ships it: a Unicode font on any machine with the test extras."""
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def blocks(text: str) -> list[list[str]]:
    """The text's blank-line separated blocks, each as its lines."""
    return [b.strip("\n").split("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]


def _resolution_pdf_class():
    """fpdf2's FPDF with a UN resolution's furniture: symbol as running header from page 2, a job
    number on page 1, "n/N" page numbers, and the footnotes of each page above its foot."""
    from fpdf import FPDF

    class ResolutionPDF(FPDF):
        def __init__(self, symbol: str, columns: int) -> None:
            super().__init__(orientation="L" if columns > 1 else "P", format="A4")
            self.symbol = symbol
            self.notes: dict[int, list[tuple[int, str]]] = {}
            self.add_font("dejavu", fname=str(_font()))
            self.set_margins(25, 22, 25)
            self.set_auto_page_break(True, margin=45)

        def header(self) -> None:
            if self.page_no() > 1 and self.symbol:
                self.set_font("dejavu", size=9)
                self.set_y(8)
                self.cell(0, 5, self.symbol, align="R")
                self.set_y(self.t_margin)

        def footer(self) -> None:
            self.set_font("dejavu", size=8)
            y = self.h - 38
            for number, note in self.notes.get(self.page_no(), []):
                self.set_xy(self.l_margin, y)
                self.multi_cell(self.w - self.l_margin - self.r_margin, 3.6, f"{number} {note}")
                y = self.get_y() + 0.5
            self.set_font("dejavu", size=9)
            self.set_xy(self.l_margin, self.h - 14)
            if self.page_no() == 1:
                self.cell(40, 5, "24-23456 (E)")
            self.set_xy(self.l_margin, self.h - 14)
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

        def write_line(self, line: str, marks: dict[str, str], slash: bool = False) -> None:
            """One line; a phrase of ``marks`` gets a raised footnote number (``slash``: the UN's older
            "63/" in body type, glued to the word), its note this page's foot."""
            for phrase in [p for p in marks if p in line]:
                before, line = line.split(phrase, 1)
                self.write(5.5, before + phrase)
                number = sum(map(len, self.notes.values())) + 1
                self.notes.setdefault(self.page_no(), []).append((f"{number}/" if slash else number,
                                                                  marks.pop(phrase)))
                self.char_vpos = "LINE" if slash else "SUP"
                self.write(5.5, f"{number}/" if slash else str(number))
                self.char_vpos = "LINE"
            self.write(5.5, line)
            self.ln(5.5)

    return ResolutionPDF


def make_pdf(text: str, symbol: str = "", *, footnotes: dict[str, str] | None = None,
             columns: int = 1, ligatures: bool = False, slash_marks: bool = False) -> bytes:
    """A resolution PDF: ``footnotes`` maps a phrase of the text to the note its marker calls (raised,
    or with ``slash_marks`` the UN's older "63/" glued to the word)."""
    pdf = _resolution_pdf_class()(symbol, columns)
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    marks = dict(footnotes or {})
    body = text if not ligatures else text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    if columns > 1:
        with pdf.text_columns(ncols=columns, gutter=8, text_align="LEFT", line_height=1.2) as cols:
            for block in blocks(body):
                cols.write("\n".join(block) + "\n\n")
    else:
        for block in blocks(body):
            for line in block:
                pdf.write_line(line, marks, slash_marks)
            pdf.ln(4)
    return bytes(pdf.output())


_ITEM = re.compile(r"^\s*(?:[-–•]|\d{1,3}[.)]|\([a-z0-9]{1,4}\))\s")


def paragraphs(text: str) -> list[str]:
    """Paragraphs as a publisher marks them up: a block, or each list item in it, wrapped lines joined."""
    out = []
    for block in blocks(text):
        current: list[str] = []
        for line in block:
            if current and _ITEM.match(line):
                out.append(" ".join(current))
                current = []
            current.append(line.strip())
        out.append(" ".join(current))
    return out


def make_docx(text: str, *, numbering: bool = True) -> bytes:
    """A Word file: one paragraph per block; "1. Decides…" as Word's own automatic numbering."""
    import docx

    document = docx.Document()
    for line in paragraphs(text):
        m = re.match(r"^(\d{1,2})\.\s+(.*)$", line)
        if numbering and m:
            document.add_paragraph(m.group(2), style="List Number")
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_html(text: str, title: str = "Resolution") -> bytes:
    """A web page: navigation, a script, a cookie banner and a footer around the resolution's text."""
    from html import escape

    paras = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs(text))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<script>window.dataLayer = [{{"page": "resolution 99/99 of 1 January 2099"}}];</script>
<style>nav {{ float: left }}</style></head>
<body>
<header><a href="/">Home</a> | <a href="/documents">Documents</a> | <a href="/search">Search</a></header>
<nav><ul><li><a href="/res/1">Resolution 1 (1946)</a></li><li><a href="/res/2">Resolution 2 (1946)</a></li>
<li><a href="/about">About the Organization</a></li></ul></nav>
<main><article>
{paras}
</article></main>
<div class="cookies">We use cookies to improve your experience. <button>Accept</button></div>
<footer><p>Copyright © United Nations. Terms of use. Privacy notice. Contact us.</p></footer>
</body></html>"""
    return page.encode("utf-8")
