"""End-to-end fixtures: real `kg` processes on the bundled seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kgrun import SEEDS, run_kg


@pytest.fixture(scope="session")
def seeds_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds, so identifiers are short and stable."""
    base = tmp_path_factory.mktemp("work")
    shutil.copytree(SEEDS, base / "seeds")
    return base


@pytest.fixture(scope="session")
def seeds_store(seeds_dir: Path) -> Path:
    """A store built from the seeds through `kg build`."""
    run_kg("build", "seeds", "--store", "store", "-q", cwd=seeds_dir)
    return seeds_dir / "store"


@pytest.fixture(scope="session")
def seeds_turtle(seeds_store: Path, seeds_dir: Path) -> Path:
    out = seeds_dir / "graph.ttl"
    run_kg("export", "--store", str(seeds_store), "-o", str(out), cwd=seeds_dir)
    return out
