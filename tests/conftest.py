"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import SEED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
