"""Shared fixtures: what several test modules need is built once per session, in-process.

- ``seed_path``: the seed resolution's text.
- ``seed_build``: a build of the seed (store and default files), made once per test module that
  asks for it (a module may write into its own).
- ``synth_corpus``: a copy (the test may edit it) of one small synthetic corpus — 15 documents,
  seed 3, gold files removed — generated once per session with :func:`resograph.tools.synth.write_corpus`
  (what ``resograph synth --docs 15 --seed 3`` writes, without a subprocess per test).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus import SEED

SYNTH_DOCS, SYNTH_SEED = 15, 3


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    from resograph.graph.build import build

    out = tmp_path_factory.mktemp("seed-build")
    build([str(SEED)], out, quiet=True)
    return out


@pytest.fixture(scope="session")
def synth_corpus_master(tmp_path_factory) -> Path:
    """The session's synthetic corpus; read-only: tests take :func:`synth_corpus`, their own copy."""
    from resograph.tools.synth import write_corpus

    out = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(out, SYNTH_DOCS, SYNTH_SEED)
    for gold in out.glob("*.gold.json"):
        gold.unlink()
    return out


@pytest.fixture()
def synth_corpus(synth_corpus_master, tmp_path) -> Path:
    """A private copy of the session's synthetic corpus (15 texts, no gold) under ``tmp_path``."""
    return Path(shutil.copytree(synth_corpus_master, tmp_path / "corpus"))


def pytest_collection_modifyitems(items) -> None:
    """A test that drives a browser is slow (a Chromium per module): `make test-all` runs it."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
