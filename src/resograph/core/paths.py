"""Where the project's data lives: ontology/ and data/ at the top of the checkout.

`RESOGRAPH_HOME` overrides the location (for an installed package run outside the checkout).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def project_root() -> Path:
    env = os.environ.get("RESOGRAPH_HOME")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology" / "clause-functions.ttl").is_file():
            return parent
    return Path.cwd()


def ontology_dir() -> Path:
    return project_root() / "ontology"


def registry_dir() -> Path:
    return project_root() / "data" / "registry"


def sources_dir() -> Path:
    return project_root() / "data" / "sources"
