"""Ctrl-C during `kg build`: every finished document stays stored, the next build resumes.

A real `kg build` process is sent SIGINT (what a terminal's Ctrl-C sends) once
it has stored a few documents; then the store is checked through the CLI and
the same build is run again to the end.
"""

from __future__ import annotations

import gzip
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kgrun import ROOT, run_kg

pytestmark = pytest.mark.model

CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
ARTICLES = 14


def corpus_slice(dest: Path, n: int) -> Path:
    """The first ``n`` articles of the shared corpus, or of the seeds when it is absent."""
    if CORPUS.is_file():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            lines = [line for _, line in zip(range(n), fh)]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        lines = [json.dumps({"text": f"{texts[i % len(texts)]}\n\nPart {i}.", "url": f"https://x.test/{i}"}) + "\n"
                 for i in range(n)]
    dest.write_text("".join(lines), encoding="utf-8")
    return dest


def stored(store: Path) -> int:
    """Sources committed so far, read as another process would (WAL: no waiting)."""
    db = store / "records.sqlite"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def interrupt_after(args: list[str], store: Path, at_least: int, cwd: Path) -> tuple[int, str, str]:
    """Start `kg build`, send SIGINT once ``at_least`` documents are stored."""
    proc = subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while stored(store) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"the build ended before it could be interrupted:\n{proc.stderr.read()}"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def source_count(store: Path) -> int:
    out = run_kg("query", "SELECT (COUNT(?s) AS ?n) WHERE { ?s kg:sha256 ?sha }", "--store", str(store),
                 "--format", "csv").stdout
    return int(out.split()[1])


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_finished_documents_and_the_next_build_resumes(tmp_path: Path, jobs: int) -> None:
    feed = corpus_slice(tmp_path / "feed.jsonl", ARTICLES)
    store = tmp_path / "store"
    args = ["build", str(feed), "--store", str(store), "--jobs", str(jobs), "--batch-size", "1"]

    code, out, err = interrupt_after(args, store, at_least=2, cwd=tmp_path)

    assert code == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err and "resume" in err
    kept = stored(store)
    assert 2 <= kept < ARTICLES
    assert f"{kept} added" in out  # the summary counts what was stored, nothing more
    assert source_count(store) == kept  # the graph was brought up to date before exiting

    if jobs == 2:  # the pool's workers are gone too: no process left holding the store
        run_kg("build", str(feed), "--store", str(store), "-q", "--batch-size", "4", cwd=tmp_path)
        assert source_count(store) == ARTICLES
        return
    again = run_kg("build", str(feed), "--store", str(store), "-q", cwd=tmp_path)
    assert f"{ARTICLES - kept} added, {kept} unchanged" in again.stdout
    assert source_count(store) == ARTICLES
