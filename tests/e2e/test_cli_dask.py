"""`kg build --dask ADDRESS` through the real CLI: a scheduler that is not there is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kgrun import ROOT, SEEDS


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("tcp://127.0.0.1:9", "Timed out"),  # the discard port: nothing listens
        ("foo://somewhere:1", "unknown address scheme"),
        ("no-port-here", "missing port"),
    ],
)
def test_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path, address: str, says: str) -> None:
    env = {**os.environ, "KG_DASK_TIMEOUT": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(SEEDS), "--store", str(tmp_path / "s"),
         "--dask", address, "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"kg: cannot reach the Dask scheduler at '{address}'")
    assert says in lines[0]
    assert proc.stdout == ""
