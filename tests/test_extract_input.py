"""Bad input: one line naming the file and the reason, exit status 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resograph.cli import main
from resograph.reading.extract import extract

from corpus import FIXTURES, SEED


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True, text=True)


@pytest.mark.parametrize("content,reason", [
    (None, "no such file"),
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\x81\x8d\x8f\x90\x9d" * 20, "unknown encoding"),
])
def test_bad_files_get_one_line_and_status_2(tmp_path, content, reason):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    proc = run_cli("extract", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in proc.stderr


def test_a_directory_is_refused(tmp_path):
    proc = run_cli("extract", str(tmp_path))
    assert proc.returncode == 2 and "directory" in proc.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_other_encodings_are_read(tmp_path, encoding, capsys):
    text = SEED.read_text(encoding="utf-8").replace("œ", "oe")  # œ exists in cp1252 too, but keep it simple
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert main(["extract", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"GA-2025-93-RES-03"' in out and "A/RES/79/136" in out


def test_table_output_groups_by_paragraph(capsys):
    assert main(["extract", str(SEED), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "pp_8" in out and "A/RES/51/1" in out and "22 citations of 19 instruments" in out


def test_stats_prints_characters_per_second(capsys):
    assert main(["extract", str(SEED), "--stats"]) == 0
    assert "characters/s" in capsys.readouterr().err


def test_eval_command_prints_both_levels(capsys):
    assert main(["eval", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "documents :" in out and "paragraphs:" in out


def test_eval_on_a_folder_without_gold_is_an_error(tmp_path):
    proc = run_cli("eval", str(tmp_path))
    assert proc.returncode == 2 and "no NAME.txt + NAME.gold.json" in proc.stderr


SEED_TEXT = SEED.read_text(encoding="utf-8")
genre_words = st.sampled_from([
    "RAPPELANT", "Recalling", "Recordando", "INVITE", "1.", "- ", "résolution", "resolutions", "79/136",
    "2482 (2019)", "GA-2012-81-RES-08", "AG-2019-88-RES-4", "AGN/67/RES/8", "article", "articles 37 et 40",
    "de la Convention", "the Convention", "la Convención", "cet instrument", "both Conventions", "24/7",
    "I-24/7", "du 15 octobre 1996", "of 6 December 2024", ",", ";", ":", "\n", "\n\n", "\u00a0", "-\n",
    "^{ème}", "’", "(", ")", "Statut", "ETS No. 185", "Adoptée : 1 voix pour, 2 contre et 3 abstentions",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(genre_words, st.text(max_size=12)), max_size=60))
def test_never_raises_and_spans_are_valid(parts):
    text = " ".join(parts)
    x = extract(text)
    for c in x.citations:
        assert 0 <= c.start <= c.end <= len(text) and text[c.start:c.end] == c.text
    for p in x.paragraphs:
        assert text[p.start:p.end] == p.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEED_TEXT)), st.integers(0, 400), st.text(max_size=30))
def test_mutated_seed_never_breaks(at, cut, insert):
    text = SEED_TEXT[:at] + insert + SEED_TEXT[at + cut:]
    x = extract(text)
    for c in x.citations:
        assert text[c.start:c.end] == c.text
