"""Stage 0 — sources as users have them: PDF, Word, HTML or a ZIP of them, to the text spans index into.

The format is chosen by content (magic bytes), not by the file's extension. Each converter returns a
:class:`Source`: the text the extractor reads (every citation's ``start``/``end`` index into it), the
converter that produced it and, for a PDF, where each page starts. Libraries, and why:

- PDF: pdfminer.six — its layout analysis gives text boxes in reading order (two columns read one after
  the other) and every character's size and position, which is what tells a footnote, a superscript
  marker and a running header from body text (pypdf gives a page's text as one string; see
  docs/formats.md for the comparison).
- Word: python-docx, plus the footnotes part read from the same package.
- HTML: trafilatura's main-content extraction (drops navigation, scripts, headers and footers).

Page furniture (running headers and footers, page numbers, job numbers) is dropped; a footnote's text is
appended to the paragraph block that carries its marker, so that a citation in a footnote is a citation
of that paragraph; ligatures are unfolded; a paragraph that runs on to the next page stays one block.
"""

from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from resograph.core.errors import UserError
from resograph.reading.clean import MAX_BYTES, decode

# ZIP limits: a corpus of resolutions is many small files; anything past these is refused.
ZIP_MAX_MEMBERS = 20_000
ZIP_MAX_TOTAL = 2 * 1024 * 1024 * 1024   # uncompressed bytes over all members
ZIP_MAX_RATIO = 200                       # uncompressed / compressed, for members over 1 MB
SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".zip")


@dataclass(frozen=True)
class Source:
    """One source document as text: what the extractor reads and every span indexes into."""

    name: str                      # the file, or ``archive.zip!member`` for a ZIP member
    text: str
    converter: str = "text"        # "text", "pdf", "docx" or "html" (with the library in ``library``)
    library: str = ""
    page_starts: tuple[int, ...] = ()  # offset in ``text`` where each PDF page begins

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset`` (PDF sources), else None."""
        if not self.page_starts:
            return None
        import bisect
        return bisect.bisect_right(self.page_starts, offset)


def sniff(data: bytes) -> str:
    """The format of a file's bytes: "pdf", "docx", "zip", "html" or "text"."""
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return "zip"  # reported as a corrupt ZIP by the reader
        return "docx" if "word/document.xml" in names else "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "text"


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, bounded; special files (devices, pipes) and oversize files refused."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise UserError(f"{path}: is a directory, not a source file")
        if not stat.S_ISREG(st.st_mode):
            raise UserError(f"{path}: not a regular file (a device, pipe or socket): refused")
        if st.st_size > MAX_BYTES:
            raise UserError(f"{path}: too large ({st.st_size // (1024 * 1024)} MB; "
                            f"the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file")
    except PermissionError:
        raise UserError(f"{path}: permission denied")
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror or exc})")
    if len(data) > MAX_BYTES:
        raise UserError(f"{path}: too large (grew past {MAX_BYTES // (1024 * 1024)} MB while read)")
    return data


def convert(data: bytes, name: str) -> Source:
    """One document's bytes → :class:`Source`; a ZIP is refused here (see :func:`iter_sources`)."""
    kind = sniff(data)
    if kind == "zip":
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise UserError(f"{name}: corrupt ZIP archive (or damaged Word document)")
        raise UserError(f"{name}: a ZIP archive holds several sources: give it to `resograph build`, "
                        f"or name one member as {name}!MEMBER")
    if kind == "text":
        return Source(name, decode(data, name))
    converter = {"pdf": _pdf, "docx": _docx, "html": _html}[kind]
    text, library, pages = converter(data, name)
    text = _tidy(text)
    if not text.strip():
        raise UserError(f"{name}: no text found in this {kind.upper()} file")
    return Source(name, text, kind, library, pages)


def read(path: str | Path) -> Source:
    """The one document of a file (text, PDF, Word or HTML) or of a ZIP member named
    ``archive.zip!member``; one-line :class:`UserError` otherwise."""
    return convert(source_bytes(path), str(path))


def source_bytes(path: str | Path) -> bytes:
    """The raw bytes of a source — a file, or a ZIP member named ``archive.zip!member`` — for digests."""
    p = Path(path)
    archive, sep, member = str(path).rpartition("!")
    if sep and not p.exists() and Path(archive).is_file():
        return _member_bytes(Path(archive), member)
    return read_bytes(p)


def members(archive: str | Path) -> list[str]:
    """The source members of a ZIP, as ``archive.zip!member`` names (sorted): what a build reads.

    Members whose names leave the archive are listed too, so that reading them reports why they are
    skipped; a ZIP that cannot be opened raises."""
    try:
        with zipfile.ZipFile(archive) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UserError(f"{archive}: corrupt ZIP archive ({exc})")
    if len(infos) > ZIP_MAX_MEMBERS:
        raise UserError(f"{archive}: {len(infos)} members (the limit is {ZIP_MAX_MEMBERS})")
    return sorted(f"{archive}!{i.filename}" for i in infos
                  if not i.is_dir() and i.filename.lower().endswith(SUFFIXES[:-1]))


def is_zip(path: str | Path) -> bool:
    """Whether a file is a ZIP of sources (not a Word document, which is a ZIP too)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4)
        if head not in (b"PK\x03\x04", b"PK\x05\x06"):
            return False
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" not in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return str(path).lower().endswith(".zip")


def read_source(path: str | Path) -> str:
    """The text of a file, whatever its format: what ``resograph extract`` reads."""
    return read(path).text


def _member_bytes(archive: Path, member: str) -> bytes:
    data = read_bytes(archive)
    try:
        info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(f"{archive}: corrupt ZIP archive ({exc})")
    except KeyError:
        raise UserError(f"{archive}!{member}: no such member in the archive")
    problem = _unsafe_member(info)
    if problem:
        raise UserError(f"{archive}!{member}: {problem}")
    return _read_member(zipfile.ZipFile(io.BytesIO(data)), info, f"{archive}!{member}")


def iter_sources(path: str | Path) -> Iterator[Source | UserError]:
    """Every document of a file: itself, or each member of a ZIP (read in memory, never unpacked).

    A member that cannot be read is yielded as its :class:`UserError`, so the caller reports it and
    goes on with the rest; a ZIP that cannot be read at all raises.
    """
    p = Path(path)
    data = read_bytes(p)
    if sniff(data) != "zip":
        yield convert(data, str(p))
        return
    yield from _zip_members(data, str(p))


def _zip_members(data: bytes, name: str) -> Iterator[Source | UserError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UserError(f"{name}: corrupt ZIP archive ({exc})")
    if len(infos) > ZIP_MAX_MEMBERS:
        raise UserError(f"{name}: {len(infos)} members (the limit is {ZIP_MAX_MEMBERS})")
    total = 0
    for info in sorted(infos, key=lambda i: i.filename):
        member = f"{name}!{info.filename}"
        if info.is_dir() or not info.filename.lower().endswith(SUFFIXES[:-1]):
            continue
        problem = _unsafe_member(info)
        if problem:
            yield UserError(f"{member}: {problem}: skipped")
            continue
        total += info.file_size
        if total > ZIP_MAX_TOTAL:
            raise UserError(f"{name}: more than {ZIP_MAX_TOTAL // 2**30} GB uncompressed (ZIP bomb?)")
        try:
            yield convert(_read_member(archive, info, member), member)
        except UserError as exc:
            yield exc


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a member may not be read: a path that leaves the archive, or a size that is a bomb."""
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", info.filename):
        return "member path leaves the archive (path traversal)"
    if info.flag_bits & 0x1:
        return "encrypted member"
    if info.file_size > MAX_BYTES:
        return f"too large uncompressed ({info.file_size // (1024 * 1024)} MB)"
    if info.file_size > 1024 * 1024 and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
        return f"compression ratio over {ZIP_MAX_RATIO}:1 (ZIP bomb?)"
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str) -> bytes:
    """A member's bytes, read in chunks and stopped at the limit whatever its header claims."""
    chunks, size = [], 0
    try:
        with archive.open(info) as f:
            while chunk := f.read(1 << 20):
                size += len(chunk)
                if size > MAX_BYTES or size > ZIP_MAX_RATIO * max(info.compress_size, 1) + (1 << 20):
                    raise UserError(f"{member}: expands past its limits (ZIP bomb?): skipped")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise UserError(f"{member}: cannot be read from the archive ({exc})")
    return b"".join(chunks)


# --- shared text tidying --------------------------------------------------------------------------

_LIGATURES = re.compile("[\ufb00-\ufb06]")


def _tidy(text: str) -> str:
    """Unfold ligatures (ﬁ → fi), drop trailing spaces, at most one blank line between blocks."""
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _library(name: str) -> str:
    from importlib.metadata import version
    return f"{name} {version(name)}"


# --- HTML ------------------------------------------------------------------------------------------

def _html(data: bytes, name: str) -> tuple[str, str, tuple[int, ...]]:
    """Main content only (trafilatura), one block per paragraph, list item or heading."""
    import trafilatura
    from lxml import etree

    html = decode(data, name)
    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True,
                              favor_recall=True, deduplicate=False)
    if not xml:
        raise UserError(f"{name}: no main text found in this HTML page (not a resolution?)")
    root = etree.fromstring(xml.encode())
    blocks = []
    for el in root.iter("head", "p", "item", "cell", "quote"):
        if el.getparent() is not None and el.getparent().tag in ("item", "cell", "quote"):
            continue
        text = " ".join("".join(el.itertext()).split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks), _library("trafilatura"), ()


# --- Word ------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, name: str) -> tuple[str, str, tuple[int, ...]]:
    """Paragraphs in order; automatic numbering written out (1., (a)); footnotes after their paragraph."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise UserError(f"{name}: not a readable Word document ({type(exc).__name__})")
    notes = _docx_footnotes(document)
    counters: dict[tuple[str, int], int] = {}
    blocks = []
    # The body's w:p elements are the paragraphs' own, in the same order (python-docx keeps its
    # paragraph element private; the document's element is public).
    for par, element in zip(document.paragraphs, document.element.body.iterchildren(f"{_W}p")):
        text = par.text.strip()
        if not text:
            continue
        label = _docx_number(par, element, counters)
        refs = [r.get(f"{_W}id") for r in element.iter(f"{_W}footnoteReference")]
        extra = [f"({notes[r]})" for r in refs if r in notes]
        blocks.append(" ".join([label + text if label else text, *extra]))
    return "\n\n".join(blocks), _library("python-docx"), ()


def _docx_number(par, element, counters: dict[tuple[str, int], int]) -> str:
    """"1. " or "(a) " for a paragraph Word numbers automatically (level 0 decimal, level 1 letters),
    by the paragraph's own numbering or its style's (python-docx exposes no numbering API)."""
    num = element.find(f"{_W}pPr/{_W}numPr")
    style = par.style
    while num is None and style is not None:
        num = style.element.find(f"{_W}pPr/{_W}numPr")
        style = style.base_style
    if num is None:
        return ""
    num_id = num.find(f"{_W}numId")
    level = num.find(f"{_W}ilvl")
    key = (num_id.get(f"{_W}val") if num_id is not None else "0",
           int(level.get(f"{_W}val")) if level is not None else 0)
    counters[key] = counters.get(key, 0) + 1
    for deeper in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
        del counters[deeper]
    n = counters[key]
    return f"{n}. " if key[1] == 0 else f"({chr(ord('a') + (n - 1) % 26)}) "


def _docx_footnotes(document) -> dict[str, str]:
    from lxml import etree

    for part in document.part.package.parts:
        if str(part.partname).endswith("/footnotes.xml"):
            root = etree.fromstring(part.blob)
            out = {}
            for note in root.iter(f"{_W}footnote"):
                text = " ".join("".join(t.text or "" for t in note.iter(f"{_W}t")).split())
                if text:
                    out[note.get(f"{_W}id")] = text
            return out
    return {}


# --- PDF -------------------------------------------------------------------------------------------

@dataclass
class _Line:
    page: int
    x0: float
    top: float        # distance from the top of the page
    bottom: float
    size: float       # the line's most common character size
    text: str
    box: int          # the text box it belongs to (reading order)


def _pdf(data: bytes, name: str) -> tuple[str, str, tuple[int, ...]]:
    lines, heights = _pdf_lines(data, name)
    if not lines:
        raise UserError(f"{name}: no text layer in this PDF (a scanned image? run OCR first)")
    body = Counter(round(ln.size) for ln in lines for _ in ln.text).most_common(1)[0][0]
    furniture = _furniture(lines, heights)
    pages: dict[int, list[_Line]] = {}
    for ln in lines:
        if id(ln) not in furniture:
            pages.setdefault(ln.page, []).append(ln)
    text, starts, previous = "", [], None
    for page in sorted(pages):
        body_lines, notes = _split_footnotes(pages[page], body, heights[page])
        if not body_lines:
            continue
        top, bottom = min(ln.top for ln in body_lines), max(ln.bottom for ln in body_lines)
        for i, block in enumerate(_blocks(body_lines, notes)):
            if previous is not None:
                text += "\n" if _runs_on(previous, block, top, bottom, body) else "\n\n"
            if i == 0:
                starts.append(len(text))
            text += block.text
            previous = block
    return text, _library("pdfminer.six"), tuple(starts)


def _pdf_lines(data: bytes, name: str) -> tuple[list[_Line], dict[int, float]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    lines: list[_Line] = []
    heights: dict[int, float] = {}
    box = 0
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
            heights[page_no] = page.height
            for element in _reading_order([e for e in page if isinstance(e, LTTextBox)], page.width):
                box += 1
                for line in element:
                    if not isinstance(line, LTTextLine):
                        continue
                    chars = [c for c in line if isinstance(c, LTChar)]
                    text = _line_text(line, chars)
                    if not text.strip():
                        continue
                    size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0] if chars else 0
                    lines.append(_Line(page_no, line.x0, page.height - line.y1, page.height - line.y0,
                                       size, text, box))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise UserError(f"{name}: encrypted PDF (password-protected): cannot be read")
    except PDFSyntaxError as exc:
        raise UserError(f"{name}: damaged PDF ({exc})")
    except Exception as exc:  # pdfminer raises many internal types on a broken file
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise UserError(f"{name}: encrypted PDF (password-protected): cannot be read")
        raise UserError(f"{name}: damaged PDF ({type(exc).__name__})")
    return lines, heights


def _reading_order(boxes: list, width: float) -> list:
    """Text boxes in reading order: by height on the page, and where the page has two columns, the
    full-width boxes above them, the left column, the right column, then the full-width boxes below."""
    mid = width / 2
    left = [b for b in boxes if b.x1 <= mid + 5]
    right = [b for b in boxes if b.x0 >= mid - 5]
    by_top = lambda b: (-b.y1, b.x0)  # noqa: E731
    if not _side_by_side(left, right):
        return sorted(boxes, key=by_top)
    columns_top = max(b.y1 for b in left + right)
    full = [b for b in boxes if b not in left and b not in right]
    above = [b for b in full if b.y0 >= columns_top - 1]
    below = [b for b in full if b not in above]
    return sorted(above, key=by_top) + sorted(left, key=by_top) + sorted(right, key=by_top) + sorted(below, key=by_top)


def _side_by_side(left: list, right: list) -> bool:
    """Two columns: text on both halves at the same height, more than a page number or a one-liner."""
    real = lambda b: b.get_text().count("\n") >= 2 or len(b.get_text()) >= 60  # noqa: E731
    return any(real(a) and real(b) and a.y0 < b.y1 and b.y0 < a.y1 for a in left for b in right)


def _line_text(line, chars) -> str:
    """A line's text with superscript footnote markers written as ``[^n]`` (a small raised number)."""
    from pdfminer.layout import LTChar

    if not chars:
        return line.get_text().rstrip("\n")
    main = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
    base = min(c.y0 for c in chars if round(c.size, 1) == main)
    out, marker = [], []
    for item in line:
        raised = (isinstance(item, LTChar) and item.size < 0.8 * main and item.y0 > base + 0.25 * main
                  and item.get_text().isdigit())
        if raised:
            marker.append(item.get_text())
            continue
        if marker:
            out.append(f"[^{''.join(marker)}]")
            marker = []
        out.append(item.get_text())
    if marker:
        out.append(f"[^{''.join(marker)}]")
    return "".join(out).rstrip("\n")


# Page numbers and job numbers as the UN and INTERPOL print them: "2/5", "- 2 -", "Page 2", "24-23456".
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:-\s*\d+\s*-|\d+\s*/\s*\d+|(?:page|página)\s+\d+(?:\s*(?:/|of|de|sur)\s*\d+)?|\d+|"
    r"\d{2}-\d{4,6}(?:\s*\(\w\))?)\s*$", re.I)


# A running header from page 2 on: the document's symbol alone (A/RES/79/136, S/RES/2811 (2026), GA-2025-93-RES-03).
_RUNNING_SYMBOL = re.compile(r"^\s*[A-Z]{1,6}[-/][A-Z0-9][A-Z0-9/.\- ]{1,30}(?:\(\d{4}\))?\s*$")


def _furniture(lines: list[_Line], heights: dict[int, float]) -> set[int]:
    """Lines in the top or bottom band of a page that are page numbers or repeat on other pages."""
    def band(ln: _Line) -> bool:
        h = heights[ln.page]
        return ln.top < 0.09 * h or ln.bottom > 0.93 * h

    shape = lambda t: re.sub(r"\d+", "#", " ".join(t.split()).lower())  # noqa: E731
    counts = Counter(shape(ln.text) for ln in lines if band(ln))
    many = len(heights) > 1
    masthead = lambda ln: ln.page == 1 and ln.top < 0.09 * heights[1]  # noqa: E731  (page 1's symbol stays)
    running = lambda ln: ln.page > 1 and ln.top < 0.09 * heights[ln.page]  # noqa: E731
    return {id(ln) for ln in lines if band(ln) and (
        _PAGE_FURNITURE.match(ln.text)
        or (many and counts[shape(ln.text)] > 1 and not masthead(ln))
        or (running(ln) and _RUNNING_SYMBOL.match(ln.text)))}


_NOTE_START = re.compile(r"^\s*(?:\[\^(\d+)\]|(\d{1,3})(?:/|\.)?)\s+(\S.*)$")


def _split_footnotes(lines: list[_Line], body: float, height: float) -> tuple[list[_Line], dict[str, str]]:
    """The page's body lines, and its footnotes (small type at the foot, opening with their number)."""
    notes: dict[str, str] = {}
    body_lines: list[_Line] = []
    current = None
    for ln in lines:
        small = ln.size and ln.size < 0.9 * body and ln.top > 0.5 * height
        m = _NOTE_START.match(ln.text) if small else None
        if m:
            current = m.group(1) or m.group(2)
            notes[current] = m.group(3).strip()
        elif small and current:
            notes[current] += " " + ln.text.strip()
        else:
            body_lines.append(ln)
    return body_lines, notes


@dataclass
class _Block:
    text: str
    top: float       # of its first line
    bottom: float    # of its last line
    ends_page: bool = False


def _blocks(lines: list[_Line], notes: dict[str, str]) -> list[_Block]:
    """Body lines grouped into blocks (a text box, or a gap wider than a line); footnotes appended to
    the block that carries their marker."""
    groups: list[list[_Line]] = []
    for ln in lines:
        last = groups[-1][-1] if groups else None
        if last is None or ln.box != last.box or ln.top - last.bottom > 0.8 * max(ln.size, 1):
            groups.append([])
        groups[-1].append(ln)
    out = []
    for group in groups:
        text = "\n".join(ln.text.strip() for ln in group)
        if notes:  # the UN's older marks, in body type and glued to the word: "1961,63/ and"
            text = re.sub(r"(?:(?<=\w[,.;:)])|(?<=[^\W\d_]))(\d{1,3})/(?=[\s,.;:)]|$)",
                          lambda m: f"[^{m.group(1)}]" if m.group(1) in notes else m.group(0), text)
        found = re.findall(r"\[\^(\d+)\]", text)
        text = re.sub(r"\[\^(\d+)\]", "", text)
        extra = [f"({notes[n]})" for n in found if n in notes]
        out.append(_Block(" ".join([text, *extra]) if extra else text, group[0].top, group[-1].bottom))
    if out:
        out[-1].ends_page = True
    return out


def _runs_on(before: _Block, after: _Block, top: float, bottom: float, size: float) -> bool:
    """A paragraph continues over a column or page break: the block before fills its column to the
    bottom, the one after starts at the top, and the sentence is visibly unfinished."""
    at_break = before.ends_page or (bottom - before.bottom < 2.5 * size and after.top - top < 2.5 * size)
    if not at_break:
        return False
    tail = before.text.rstrip()[-1:]
    head = after.text.lstrip()[:1]
    return head.islower() or tail not in ".;:,"
