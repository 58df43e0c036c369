"""Faults during a real `kg build`: kill -9, a full disk, a read-only store, a corrupt or
foreign store folder.  Each must end with a clear one-line message, and the store must
either open with every finished document intact, or be refused without being changed.

"Intact" is checked with ``graph.check.check_store`` (every record hashes to its
sha256, every offset slices out its sentence, graph and records agree) and, after
resuming, by comparing the statements and evidence with a clean reference build:
facts lost must be 0.

``KG_FAULT_POINTS`` sets how many kill points are tried (6 by default;
``make reliability`` tries more).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kgrun import ROOT, SEEDS

from graph.check import check_store
from graph.errors import StoreError
from graph.store import GraphStore

pytestmark = pytest.mark.model

KILL_POINTS = int(os.environ.get("KG_FAULT_POINTS", "6"))
#: When set, each kill point appends the phase it hit here (one JSON line), for the
#: reliability table (tests/benchmarks/reliability.py).
FAULT_LOG = os.environ.get("KG_FAULT_LOG")
#: Problems a store may show after a crash: its graph lags behind its records.
RECOVERABLE = {"stale graph", "missing graph"}


def _articles() -> list[str]:
    """Small articles cut from the seeds, two paragraphs each (distinct texts)."""
    paragraphs = [p for text in (s.read_text(encoding="utf-8") for s in sorted(SEEDS.glob("*.txt")))
                  for p in text.split("\n\n") if p.strip()]
    texts = ["\n\n".join(paragraphs[i:i + 2]) for i in range(0, len(paragraphs), 2)]
    return list(dict.fromkeys(texts))


def make_input(base: Path) -> Path:
    folder = base / "in"
    folder.mkdir(parents=True)
    for i, text in enumerate(_articles()):
        (folder / f"article {i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def kg(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, check=False, env=env, **kwargs)  # type: ignore[call-overload]


def kg_popen(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=cwd, text=True, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def evidence_set(path: Path) -> set[tuple[str, str]]:
    """(statement, evidence) IRIs of a store: both depend on content only, not on runs."""
    store = GraphStore.open(path, read_only=True)
    try:
        rows = store.graph().query(
            "SELECT ?st ?ev WHERE { ?st <http://www.w3.org/ns/prov#qualifiedDerivation> ?ev }")
        return {(row[0].value, row[1].value) for row in rows}  # type: ignore[union-attr]
    finally:
        store.close()


def folder_digest(path: Path) -> dict[str, str]:
    """Every file's sha256 (the lock file and SQLite's shared-memory index aside)."""
    if not path.exists():
        return {}
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.name != "lock" and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert len(lines) == 1 and lines[0].startswith("kg: "), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    return lines[0]


Reference = tuple[Path, tuple[float, float], set[tuple[str, str]], int]


def _stored_count(records: Path) -> int:
    """How many documents a running build has committed (0 before the store exists)."""
    if not records.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{records.as_uri()}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """A clean build of the input, watched: its folder, the window from the first stored
    document to the end (where kills are aimed), its evidence set and source count."""
    base = tmp_path_factory.mktemp("reference")
    make_input(base)
    started = time.monotonic()
    proc = kg_popen("build", "in", "--store", "store", "-q", "--batch-size", "1", cwd=base)
    first_stored = None
    while proc.poll() is None:
        if first_stored is None and _stored_count(base / "store" / "records.sqlite") > 0:
            first_stored = time.monotonic() - started
        time.sleep(0.01)
    seconds = time.monotonic() - started
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    window = (max((first_stored or seconds) - 0.3, 0.0), seconds)
    evidence = evidence_set(base / "store")
    assert len(evidence) >= 10
    store = GraphStore.open(base / "store", read_only=True)
    count = store.source_count()
    store.close()
    return base, window, evidence, count


def _resume_and_compare(base: Path, reference: Reference) -> None:
    """Build again (in this process, the model already loaded) and compare with the reference."""
    from graph.build import build

    _, _, want, sources = reference
    cwd = os.getcwd()
    os.chdir(base)
    try:
        store = GraphStore.open("store", create=True)
        try:
            build(["in"], store, batch_size=1)
            report = check_store(store)
            assert report.ok, list(report.problems.items())
        finally:
            store.close()
    finally:
        os.chdir(cwd)
    got = evidence_set(base / "store")
    _log({"check": "facts lost", "facts_lost": len(want - got), "extra": len(got - want)})
    assert got == want, f"{len(want - got)} facts lost, {len(got - want)} extra"
    store = GraphStore.open(base / "store", read_only=True)
    assert store.source_count() == sources
    store.close()


# ------------------------------------------------------------------ kill -9

@pytest.mark.parametrize("point", range(KILL_POINTS))
def test_kill_9_at_a_random_point_loses_no_finished_document(
    point: int, reference: Reference, tmp_path: Path
) -> None:
    """Kill points cycle through three kinds, each drawn at random (seeded by the point):
    right after the k-th document is stored, while the graph generation is being
    written, and at a random moment of the part of the build that writes."""
    _, (start, end), _, total = reference
    rng = random.Random(point)
    make_input(tmp_path)
    store_dir = tmp_path / "store"
    started = time.monotonic()
    proc = kg_popen("build", "in", "--store", "store", "-q", "--batch-size", "1", cwd=tmp_path)
    if point % 3 == 0:
        target = rng.randint(1, max(total - 1, 1))
        _wait_for(proc, lambda: _stored_count(store_dir / "records.sqlite") >= target)
    elif point % 3 == 1:
        _wait_for(proc, lambda: any(store_dir.glob("graph-*")))
        time.sleep(rng.random() * 0.05)
    else:
        time.sleep(start + (end - start) * rng.random())
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    delay = time.monotonic() - started
    store_dir = tmp_path / "store"
    phase = "before the store existed"
    try:
        store = GraphStore.open(store_dir, read_only=True)
    except StoreError as err:  # killed before the store was made: nothing to keep
        assert "no store at" in str(err), err
    else:
        try:
            report = check_store(store, reread=False)
            assert set(report.problems) <= RECOVERABLE, list(report.problems.items())
            phase = _phase(report.sources, reference[3], "stale graph" in report.problems)
        finally:
            store.close()
    _resume_and_compare(tmp_path, reference)
    _log({"fault": "kill -9", "delay_s": round(delay, 3), "phase": phase, "survived": True})


def _log(entry: dict[str, object]) -> None:
    """One JSON line in ``KG_FAULT_LOG`` (when set) for the reliability table."""
    if FAULT_LOG:
        with open(FAULT_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")


def _wait_for(proc: subprocess.Popen[str], condition: Callable[[], bool]) -> None:
    """Poll every few milliseconds until ``condition`` holds or the build has ended."""
    deadline = time.monotonic() + 300
    while proc.poll() is None and not condition() and time.monotonic() < deadline:
        time.sleep(0.003)


def _phase(stored: int, total: int, stale: bool) -> str:
    """Where in the build a kill landed, from what the store holds afterwards."""
    if stored == 0:
        return "before any document was stored"
    if stale and stored < total:
        return "while storing documents"
    if stale:
        return "before the graph was rewritten"
    return "after the graph was rewritten"


# ------------------------------------------------------------------ full disk

@contextlib.contextmanager
def mounted_tmpfs(path: Path, size: str) -> Iterator[None]:
    """A small filesystem at ``path``; skips the test when mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the RLIMIT_FSIZE test covers it")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def _fill(folder: Path, leave_bytes: int) -> None:
    """Fill the filesystem of ``folder`` until about ``leave_bytes`` are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with open(folder / "filler", "wb") as out, contextlib.suppress(OSError):
        out.write(b"\0" * max(free - leave_bytes, 0))


def test_a_full_disk_stops_the_build_with_one_line_and_keeps_the_store(
    tmp_path: Path, reference: Reference, small_store: Path
) -> None:
    disk = tmp_path / "disk"
    with mounted_tmpfs(disk, "4m"):
        make_input(tmp_path)
        shutil.copytree(small_store, disk / "store")
        _fill(disk, 60_000)
        proc = kg("build", "in", "--store", str(disk / "store"), "-q", cwd=tmp_path)
        line = one_line_error(proc)
        assert "space" in line.lower() or "full" in line.lower(), line
        (disk / "filler").unlink()
        store = GraphStore.open(disk / "store", read_only=True)
        try:
            report = check_store(store, reread=False)
            assert set(report.problems) <= RECOVERABLE, list(report.problems.items())
            assert report.sources >= 2
        finally:
            store.close()
        shutil.copytree(disk / "store", tmp_path / "store")
    _resume_and_compare(tmp_path, reference)


def _limit_file_size() -> None:
    """In the child: no file may grow past 150 kB, and going past is an error, not a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))


def test_a_file_size_limit_stops_the_build_with_one_line_and_keeps_the_store(
    tmp_path: Path, reference: Reference, small_store: Path
) -> None:
    _copy_store(small_store, tmp_path)
    folder = tmp_path / "in"
    filler = "\n\n".join(_articles()) * 40  # one big article: its record and graph outgrow the limit
    (folder / "zz big.txt").write_text(filler, encoding="utf-8")
    proc = kg("build", "in", "--store", "store", "-q", cwd=tmp_path, preexec_fn=_limit_file_size)
    line = one_line_error(proc)
    assert any(w in line.lower() for w in ("too large", "full", "i/o error")), line
    store = GraphStore.open(tmp_path / "store", read_only=True)
    try:
        report = check_store(store, reread=False)
        assert set(report.problems) <= RECOVERABLE, list(report.problems.items())
    finally:
        store.close()
    (folder / "zz big.txt").unlink()
    _resume_and_compare(tmp_path, reference)


# ------------------------------------------------------------------ read-only store

@contextlib.contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[None]:
    """``target``: a read-only bind mount of ``source`` (root ignores mode bits)."""
    target.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True, check=False)
    if bound.returncode != 0:
        pytest.skip("cannot bind-mount here (needs root): a read-only store cannot be made for root")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], capture_output=True, check=False)
        if ro.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def test_a_read_only_store_is_refused_for_writing_unchanged_and_still_readable(
    tmp_path: Path, small_store: Path
) -> None:
    _copy_store(small_store, tmp_path)
    first = [f"in/{p.name}" for p in sorted((tmp_path / "in").iterdir())[:2]]
    before = folder_digest(tmp_path / "store")
    with read_only_view(tmp_path / "store", tmp_path / "ro"):
        line = one_line_error(kg("build", "in", "--store", "ro", "-q", cwd=tmp_path))
        assert "read-only" in line, line
        line = one_line_error(kg("remove", str(first[0]), "--store", "ro", cwd=tmp_path))
        assert "read-only" in line, line
        query = kg("query", "--store", "ro", "--format", "csv",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/ns/prov#Entity> }", cwd=tmp_path)
        assert query.returncode == 0 and query.stdout.split() == ["n", "2"], query.stderr
        check = kg("check", "--store", "ro", "--no-reread", cwd=tmp_path)
        assert check.returncode == 0, check.stdout
    assert folder_digest(tmp_path / "store") == before


# ------------------------------------------------------------------ corrupt and foreign folders

@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the first two articles (identifiers ``in/...``), built once; tests copy it."""
    base = tmp_path_factory.mktemp("small")
    folder = make_input(base)
    first = [f"in/{p.name}" for p in sorted(folder.iterdir())[:2]]
    proc = kg("build", *first, "--store", "store", "-q", cwd=base)
    assert proc.returncode == 0, proc.stderr
    return base / "store"


def _copy_store(small_store: Path, tmp_path: Path, name: str = "store") -> Path:
    if not (tmp_path / "in").exists():
        make_input(tmp_path)
    shutil.copytree(small_store, tmp_path / name)
    return tmp_path / name


def _built_store(tmp_path: Path, small_store: Path) -> Path:
    return _copy_store(small_store, tmp_path)


def _garbage_records(store: Path) -> None:
    (store / "records.sqlite").write_bytes(os.urandom(8192))


def _truncated_records(store: Path) -> None:
    data = (store / "records.sqlite").read_bytes()
    (store / "records.sqlite").write_bytes(data[: len(data) // 3])


def _zeroed_records(store: Path) -> None:
    data = bytearray((store / "records.sqlite").read_bytes())
    data[100:4096] = b"\0" * (4096 - 100)
    (store / "records.sqlite").write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage_records, _truncated_records, _zeroed_records],
                         ids=["garbage", "truncated", "zeroed header page"])
def test_corrupt_records_are_refused_unchanged(tmp_path: Path, damage, small_store: Path) -> None:  # type: ignore[no-untyped-def]
    store = _built_store(tmp_path, small_store)
    for extra in ("records.sqlite-wal", "records.sqlite-shm"):
        (store / extra).unlink(missing_ok=True)
    damage(store)
    before = folder_digest(store)
    for args in (("build", "in", "--store", "store", "-q"), ("query", "--store", "store", "sources"),
                 ("check", "--store", "store"), ("remove", "in", "--store", "store")):
        line = one_line_error(kg(*args, cwd=tmp_path))
        assert "store" in line and ("corrupt" in line or "not a kg store" in line or "not a database" in line), line
        assert folder_digest(store) == before, args


def test_a_corrupt_graph_generation_is_reported_in_one_line(tmp_path: Path, small_store: Path) -> None:
    store = _built_store(tmp_path, small_store)
    generation = store / (store / "CURRENT").read_text().strip()
    for sst in generation.glob("*.sst"):
        sst.write_bytes(os.urandom(sst.stat().st_size))
    for manifest in generation.glob("MANIFEST-*"):
        manifest.write_bytes(b"garbage")
    before = folder_digest(store)
    line = one_line_error(kg("query", "--store", "store", "sources", cwd=tmp_path))
    assert "graph-" in line, line
    check = kg("check", "--store", "store", "--no-reread", cwd=tmp_path)
    assert check.returncode == 1 and check.stderr == ""
    assert "problem: store" in check.stdout and "graph-" in check.stdout, check.stdout
    assert folder_digest(store) == before


def test_current_naming_a_missing_generation_is_reported_in_one_line(tmp_path: Path, small_store: Path) -> None:
    store = _built_store(tmp_path, small_store)
    (store / "CURRENT").write_text("graph-99\n")
    before = folder_digest(store)
    line = one_line_error(kg("query", "--store", "store", "sources", cwd=tmp_path))
    assert "corrupt" in line and "graph-99" in line, line
    assert folder_digest(store) == before


def test_a_folder_of_another_program_is_refused_unchanged(tmp_path: Path) -> None:
    make_input(tmp_path)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8\xff" + os.urandom(2000))
    (other / "notes.txt").write_text("mine, not kg's")
    before = folder_digest(other)
    for args in (("build", "in", "--store", "photos", "-q"), ("query", "--store", "photos", "sources"),
                 ("check", "--store", "photos"), ("remove", "x", "--store", "photos")):
        line = one_line_error(kg(*args, cwd=tmp_path))
        assert "not a kg store" in line, line
    assert folder_digest(other) == before


def test_another_programs_database_named_records_is_refused_unchanged(tmp_path: Path) -> None:
    make_input(tmp_path)
    other = tmp_path / "app"
    other.mkdir()
    conn = sqlite3.connect(other / "records.sqlite")
    with conn:
        conn.execute("CREATE TABLE users (name TEXT)")
        conn.execute("INSERT INTO users VALUES ('ada')")
    conn.close()
    before = folder_digest(other)
    for args in (("build", "in", "--store", "app", "-q"), ("query", "--store", "app", "sources"),
                 ("check", "--store", "app")):
        line = one_line_error(kg(*args, cwd=tmp_path))
        assert "not a kg store" in line, line
    assert folder_digest(other) == before
