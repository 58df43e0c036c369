"""Durability through the real `kg` command (issue 4, "Durable").

* ``kill -9`` of a real ``kg build`` once the store holds a finished document:
  the store opens, holds every finished document whole and nothing of the one
  in flight, readers still see the previous graph, and the next build
  completes the job to exactly the graph of a clean build -- even when that
  build is itself killed while it writes the new graph generation.
* Two ``kg build`` at once on one store: with ``KG_LOCK_WAIT=0`` the second
  says in one line that the store is busy (exit 1) and changes nothing;
  otherwise it waits for the first and then does its own work; the result is
  the graph of one clean build of everything.
* Readers (``kg query`` and a running ``kg serve``) keep answering during a
  build, and only ever see a whole graph: the one before or the one after; the
  server follows the store to its new graph without a restart.

"Equal graphs" means every triple but the build runs' own (their
``prov:Activity`` nodes and the ``prov:wasGeneratedBy`` links), compared up to
blank-node renaming: those differ between any two runs by design.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from kgrun import ROOT, SEEDS, run_kg
from rdflib.compare import to_isomorphic

from graph.store import GraphStore
from graph.vocab import PROV

pytestmark = pytest.mark.model

CORPUS = Path("/work/shared/corpus/news.jsonl.gz")
ARTICLES = 8
SOURCES = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a prov:Entity ; kg:sha256 ?h }"


def write_articles(folder: Path, n: int) -> None:
    """``n`` medium-sized corpus articles, one .txt each (the seeds when no corpus)."""
    folder.mkdir(parents=True)
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not on this machine")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        written = 0
        for line in fh:
            record = json.loads(line)
            if 1000 <= len(record["text"]) <= 2500:
                text = f"{record['title']}\n\n{record['text']}\n"
                (folder / f"{written:03d}.txt").write_text(text, encoding="utf-8")
                written += 1
                if written == n:
                    return


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """in/ (corpus articles), seeds/, and clean/: one uninterrupted build of both."""
    folder = tmp_path_factory.mktemp("durable")
    write_articles(folder / "in", ARTICLES)
    shutil.copytree(SEEDS, folder / "seeds")
    run_kg("build", "seeds", "in", "--store", "clean", "-q", cwd=folder)
    return folder


def start_build(cwd: Path, store: str, *paths: str, env: dict[str, str] | None = None
                ) -> subprocess.Popen[str]:
    """A real `kg build` in the background, one document per batch (stored one by one)."""
    return subprocess.Popen(
        [sys.executable, "-m", "graph", "build", *paths, "--store", store, "-q", "--batch-size", "1"],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})})


def stored_count(store: Path) -> int:
    """Source records committed so far, read as another process would (read-only)."""
    try:
        conn = sqlite3.connect(f"{(store / 'records.sqlite').as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def wait_for_documents(proc: subprocess.Popen[str], store: Path, at_least: int) -> int:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        count = stored_count(store)
        if count >= at_least:
            return count
        assert proc.poll() is None, f"build ended before storing {at_least}: {proc.communicate()}"
        time.sleep(0.02)
    raise AssertionError("the build stored nothing in 300 s")


def wait_for_new_generation(proc: subprocess.Popen[str], store: Path, current: str) -> None:
    """Return as soon as the build starts writing the graph folder after ``current``."""
    following = store / f"graph-{int(current.split('-')[1]) + 1}"
    deadline = time.monotonic() + 300
    while not following.exists():
        assert proc.poll() is None, f"build ended before writing a graph: {proc.communicate()}"
        assert time.monotonic() < deadline, "the build wrote no graph in 300 s"
        time.sleep(0.005)


def query_count(store: Path, cwd: Path) -> int:
    proc = run_kg("query", SOURCES, "--store", str(store), "--format", "csv", cwd=cwd)
    return int(proc.stdout.split()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_count(port: int) -> int:
    """Sources in the graph a running `kg serve` answers from; -1 while it starts."""
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": SOURCES},
                             headers={"Accept": "text/csv"}, timeout=60)
    except httpx.TransportError:
        time.sleep(0.2)
        return -1
    assert response.status_code == 200, response.text
    return int(response.text.split()[-1])


def comparable(store: Path) -> tuple[frozenset[str], rdflib.Graph]:
    """The store's graph minus build-run triples: plain lines, and the blank-node part."""
    with GraphStore.open(store, read_only=True) as s:
        quads = list(s.graph())
    runs = {q.subject for q in quads if str(q.object) == f"<{PROV}Activity>"}
    plain, blank = set(), rdflib.Graph()
    for q in quads:
        if q.subject in runs or str(q.predicate) == f"<{PROV}wasGeneratedBy>":
            continue
        line = f"{q.subject} {q.predicate} {q.object} ."
        if line.startswith("_:") or " _:" in line:
            blank.parse(data=line, format="nt")
        else:
            plain.add(line)
    return frozenset(plain), to_isomorphic(blank)


def assert_same_graph(store: Path, expected: Path) -> None:
    (got, got_blank), (want, want_blank) = comparable(store), comparable(expected)
    assert got == want, (sorted(got - want)[:5], sorted(want - got)[:5])
    assert got_blank == want_blank


def records(store: Path) -> dict[str, dict]:
    """sha256 -> (extraction as a dict, its names), as the store holds them."""
    with GraphStore.open(store, read_only=True) as s:
        return {src.sha256: {"extraction": src.extraction.to_dict(), "names": src.identifiers}
                for src in s.sources()}


def test_kill_9_mid_build_keeps_finished_documents_and_the_next_build_completes(base: Path) -> None:
    run_kg("build", "seeds", "--store", "s", "-q", cwd=base)
    before = query_count(base / "s", base)
    proc = start_build(base, "s", "seeds", "in")
    held = wait_for_documents(proc, base / "s", at_least=3)  # the seeds, then one article
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after_kill = records(base / "s")  # opens: not corrupt
    assert held <= len(after_kill) < ARTICLES + 2, "the build finished before it was killed"
    clean = records(base / "clean")
    for sha, record in after_kill.items():  # every stored document whole, as a clean build has it
        assert record == clean[sha]
    with GraphStore.open(base / "s", read_only=True) as s:
        assert s.is_dirty()
    assert query_count(base / "s", base) == before  # readers see the last whole graph

    # the next build completes it -- even when it, too, is killed while writing the graph
    current = (base / "s" / "CURRENT").read_text().strip()
    proc = start_build(base, "s", "seeds", "in")
    wait_for_new_generation(proc, base / "s", current)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert records(base / "s") == clean  # every document was stored before the rewrite
    assert query_count(base / "s", base) in (before, ARTICLES + 2)  # a whole graph, old or new

    proc = run_kg("build", "seeds", "in", "--store", "s", "-q", cwd=base)
    assert f"0 added, {ARTICLES + 2} unchanged" in proc.stdout
    assert records(base / "s") == clean
    assert_same_graph(base / "s", base / "clean")
    with GraphStore.open(base / "s", read_only=True) as s:
        assert not s.is_dirty()
        assert len(s.generations()) <= 2  # the half-written generation was cleared away


def test_two_builds_at_once_wait_or_say_busy_and_readers_keep_working(base: Path) -> None:
    first = start_build(base, "two", "in")
    wait_for_documents(first, base / "two", at_least=1)

    busy = run_kg("build", "seeds", "--store", "two", "-q", cwd=base, check=False,
                  env={"KG_LOCK_WAIT": "0"})
    assert busy.returncode == 1
    assert busy.stderr.count("\n") == 1 and "busy" in busy.stderr, busy.stderr
    assert "Traceback" not in busy.stderr

    second = start_build(base, "two", "seeds", env={"KG_LOCK_WAIT": "600"})
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", "two",
                               "--port", str(port)], cwd=base, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        seen: set[int] = set()
        served: set[int] = set()
        while first.poll() is None:  # readers answer all along, each time from a whole graph
            seen.add(query_count(base / "two", base))
            served.add(server_count(port))
        out, err = second.communicate(timeout=600)
        assert second.returncode == 0, err
        assert "2 added" in out
        final = server_count(port)  # the running server follows the store to its last graph
    finally:
        server.terminate()
        server.communicate(timeout=30)
    out, err = first.communicate()
    assert first.returncode == 0, err
    assert f"{ARTICLES} added" in out
    assert seen <= {0, ARTICLES, ARTICLES + 2}, seen
    assert served <= {-1, 0, ARTICLES, ARTICLES + 2} and served - {-1}, served
    assert final == ARTICLES + 2
    assert query_count(base / "two", base) == ARTICLES + 2
    assert records(base / "two") == records(base / "clean")
    assert_same_graph(base / "two", base / "clean")


def test_a_bad_lock_wait_is_a_one_line_error(base: Path) -> None:
    proc = run_kg("build", "seeds", "--store", "bad-wait", "-q", cwd=base, check=False,
                  env={"KG_LOCK_WAIT": "soon"})
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "KG_LOCK_WAIT" in proc.stderr


if __name__ == "__main__":  # pragma: no cover - run a file's tests directly
    sys.exit(pytest.main([__file__, "-q", "--rootdir", str(ROOT)]))
