"""End-to-end fixtures: real `kg` processes on the bundled seeds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def run_kg(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "graph", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


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
