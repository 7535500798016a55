"""Extractions built by hand from a fixture text and its gold citations (no extractor involved).

Paragraphs are the blank-line blocks that open with an upper-case phrase (preambular) or a bullet /
number (operative), numbered as corpus/README.md says; each gold citation gets as span the first
occurrence in its paragraph of a string derived from its key. Good enough to test the graph
builder on real text with exact, known citations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from resograph.core.models import Citation, Extraction, Header, MechanismMention, Paragraph

FIXTURES = Path(__file__).parent / "fixtures"

_PHRASES = {  # first words of a block → clause function (enough for the fixtures)
    "RAPPELANT": "recalling", "RECALLING": "recalling", "RECORDANDO": "recalling",
    "PRENANT": "taking-note", "TAKING": "taking-note", "TOMANDO": "taking-note",
    "SE": "welcoming", "WELCOMING": "welcoming", "ACOGIENDO": "welcoming",
    "INSISTANT": "stressing", "SOULIGNANT": "stressing", "STRESSING": "stressing",
    "RECONNAISSANT": "recognizing", "RECOGNIZING": "recognizing",
    "CONSIDÉRANT": "considering", "CONSIDERING": "considering",
}


def _blocks(text: str):
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        yield m.start(), m.end(), m.group()


def _needle(key: str) -> list[str]:
    m = re.match(r"^[AES]/RES/(\d+)/(\d+)$", key)
    if m:
        return [f"{m[1]}/{m[2]}"]
    m = re.search(r"/art_(\d+)$", key)
    if m:
        return [f"article {m[1]}", f"Article {m[1]}", f"artículo {m[1]}"]
    if key.startswith("GA-"):
        return [key, "AG-" + key[3:]]
    return ["Convention", "Convenci", "Accord", "Agreement", "Déclaration", "Declaration"]


def handmade(name: str) -> Extraction:
    """The Extraction of `tests/fixtures/{name}.txt` from its gold file."""
    text_path = FIXTURES / f"{name}.txt"
    text = text_path.read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    paragraphs: list[Paragraph] = []
    pp = op = 0
    for start, end, block in _blocks(text):
        lines = [(start + m.start(), start + m.end(), m.group())
                 for m in re.finditer(r"[^\n]+", block)]
        for ls, le, line in lines:
            first = line.split()[0] if line.split() else ""
            if re.match(r"^(-|–|\d+[.)])\s", line):
                op += 1
                paragraphs.append(Paragraph(f"op_{op}", "operative", first, "invites", ls, le))
            elif first.isupper() and first.isalpha() and len(first) >= 2 and not line.rstrip().endswith(":"):
                pp += 1
                paragraphs.append(Paragraph(f"pp_{pp}", "preambular", first,
                                            _PHRASES.get(first, "considering"), ls, le))
    by_id = {p.id: p for p in paragraphs}
    citations = []
    for c in gold["citations"]:
        p = by_id[c["paragraph"]]
        body = text[p.start:p.end]
        at = next((body.find(n) for n in _needle(c["target"]) if body.find(n) >= 0), 0)
        s = p.start + at
        e = min(p.end, s + max(len(_needle(c["target"])[0]), 4))
        citations.append(Citation(c["paragraph"], c["target"], p.function, text[s:e], s, e))
    mechanisms = []
    for p in paragraphs:
        i = text.find("I-24/7", p.start, p.end)
        if i >= 0:
            mechanisms.append(MechanismMention(p.id, "mechanism:i-24-7", "I-24/7", i, i + 6))
    m = re.search(r"(\d+)\s*voix pour, (\d+) contre et (\d+) abstentions", text)
    header = Header(
        symbol=gold["symbol"], language=gold["language"],
        title=(re.search(r"(?:<u>)?(?:Objet|Subject|Asunto)(?:</u>)?\s*:\s*(.+)", text) or [None, None])[1],
        body="interpol-ga" if gold["symbol"].startswith("GA-") else None,
        session=93 if gold["symbol"].startswith("GA-2025-93") else None,
        place="Marrakech" if gold["symbol"].startswith("GA-2025-93") else None,
        dates=["2025-11-24", "2025-11-27"] if gold["symbol"].startswith("GA-2025-93") else [],
        vote={"for": int(m[1]), "against": int(m[2]), "abstentions": int(m[3])} if m else None,
    )
    return Extraction(header, paragraphs, citations, mechanisms, [], text, str(text_path))
