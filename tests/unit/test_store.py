"""graph.store: opening rules, records, generations, the writer lock, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import RUN_1, extraction_a, extraction_b, fill_store

from graph.errors import StoreError
from graph.mapping import ontology_quads
from graph.store import GraphStore

UNIT_DIR = Path(__file__).parent
EX = "https://example.org/"


def quads(n: int, tag: str = "x") -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"{EX}{tag}{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)))
            for i in range(n)]


def child(code: str, store: Path) -> subprocess.Popen[str]:
    """A Python subprocess running ``code`` with ``store`` bound, output piped."""
    prelude = f"import sys; sys.path.insert(0, {str(UNIT_DIR)!r})\nSTORE = {str(store)!r}\n"
    return subprocess.Popen([sys.executable, "-c", prelude + textwrap.dedent(code)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen[str], expected: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == expected, (line, proc.stderr.read() if proc.stderr else "")


# ---------------------------------------------------------------- opening

def test_missing_store_is_an_error_unless_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        GraphStore.open(tmp_path / "kg")
    store = GraphStore.open(tmp_path / "kg", create=True)
    assert (tmp_path / "kg" / "records.sqlite").exists()
    assert store.source_count() == 0
    store.close()
    GraphStore.open(tmp_path / "kg").close()


def test_a_foreign_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        GraphStore.open(tmp_path, create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="file"):
        GraphStore.open(tmp_path / "file", create=True)


def test_corrupt_records_give_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "records.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        GraphStore.open(tmp_path)
    assert "\n" not in str(err.value)
    other = tmp_path / "other"
    other.mkdir()
    sqlite3.connect(other / "records.sqlite").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a kg store"):
        GraphStore.open(other)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder(tmp_path: Path) -> None:
    fill_store(str(tmp_path / "kg")).close()
    os.chmod(tmp_path / "kg", 0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            GraphStore.open(tmp_path / "kg")
        store = GraphStore.open(tmp_path / "kg", read_only=True)
        assert store.source_count() == 2
        assert len(store.graph()) > 300
        store.close()
    finally:
        os.chmod(tmp_path / "kg", 0o755)


# ---------------------------------------------------------------- records

@pytest.fixture()
def store(tmp_path: Path) -> GraphStore:
    s = GraphStore.open(tmp_path / "kg", create=True)
    yield s
    s.close()


def test_sources_identifiers_and_runs(store: GraphStore) -> None:
    a, b = extraction_a(), extraction_b()
    store.put_run(RUN_1)
    store.put_source(a, "./seeds//a.txt", "run1")
    store.put_source(b, "seeds/b.txt", "run1")
    store.add_identifier(b.article.sha256, "copy/b.txt")
    assert store.sha_for_identifier("seeds/a.txt") == a.article.sha256
    assert store.has_source(b.article.sha256) and store.source_count() == 2
    listed = list(store.sources())
    assert [s.sha256 for s in listed] == sorted([a.article.sha256, b.article.sha256])
    by_sha = {s.sha256: s for s in listed}
    assert by_sha[b.article.sha256].identifiers == ("copy/b.txt", "seeds/b.txt")
    assert by_sha[a.article.sha256].extraction == a  # JSON round trip is exact
    assert store.runs() == [RUN_1]


def test_moving_an_identifier_deletes_the_text_it_leaves(store: GraphStore) -> None:
    a, b = extraction_a(), extraction_b()
    store.put_source(a, "news.txt", "run1")
    store.put_source(b, "news.txt", "run1")  # the file changed
    assert not store.has_source(a.article.sha256)
    assert store.sha_for_identifier("news.txt") == b.article.sha256
    assert store.detach_identifier("news.txt") == b.article.sha256
    assert store.source_count() == 0
    assert store.detach_identifier("news.txt") is None


def test_remove_sources_by_name_folder_hash_and_prefix(store: GraphStore) -> None:
    a, b = extraction_a(), extraction_b()
    store.put_source(a, "seeds/a.txt", "run1")
    store.put_source(b, "seeds/b.txt", "run1")
    store.add_identifier(b.article.sha256, "copy/b.txt")
    # one name of a text with two: the text stays
    assert store.remove_sources(["copy/b.txt"]) == ([], [])
    assert store.has_source(b.article.sha256)
    assert store.remove_sources(["./seeds/a.txt", "nowhere.txt", "abc"]) == (
        [a.article.sha256], ["nowhere.txt", "abc"])
    store.put_source(a, "seeds/a.txt", "run1")
    assert store.remove_sources(["seeds/"]) == (
        sorted([a.article.sha256, b.article.sha256]), [])
    store.put_source(a, "x.txt", "run1")
    assert store.remove_sources([a.article.sha256[:8].upper()]) == ([a.article.sha256], [])
    assert store.source_count() == 0


def test_dirty_flag_survives_reopening(tmp_path: Path) -> None:
    s = GraphStore.open(tmp_path / "kg", create=True)
    assert not s.is_dirty()
    s.put_source(extraction_a(), "a.txt", "run1")
    assert s.is_dirty()
    s.close()
    s = GraphStore.open(tmp_path / "kg")
    assert s.is_dirty()
    s.replace_graph(quads(3))
    assert not s.is_dirty()
    s.mark_dirty()
    assert s.is_dirty()
    s.close()


# ---------------------------------------------------------------- graph generations

def test_graph_before_any_build_holds_the_ontology(store: GraphStore) -> None:
    assert len(store.graph()) == len(set(ontology_quads()))


def test_generations_switch_and_old_ones_go(store: GraphStore, tmp_path: Path) -> None:
    assert store.replace_graph(quads(5)) == 5
    assert len(store.graph()) == 5
    reader = GraphStore.open(tmp_path / "kg", read_only=True)
    assert len(reader.graph()) == 5
    assert store.replace_graph(quads(7, "y")) == 7
    assert store.replace_graph(quads(9, "z")) == 9
    assert store.generations() == [2, 3]
    assert (tmp_path / "kg" / "CURRENT").read_text().strip() == "graph-3"
    assert len(store.graph()) == 9
    assert len(reader.graph()) == 9  # a reader follows CURRENT
    reader.close()


def test_reader_cannot_write(tmp_path: Path) -> None:
    fill_store(str(tmp_path / "kg")).close()
    reader = GraphStore.open(tmp_path / "kg", read_only=True)
    with pytest.raises(StoreError):
        reader.replace_graph(quads(1))
    with pytest.raises(StoreError), reader.writing():
        pass
    reader.close()


# ---------------------------------------------------------------- two processes

def test_a_second_writer_is_told_the_store_is_busy(store: GraphStore, tmp_path: Path) -> None:
    holder = child("""
        import time
        from graph.store import GraphStore
        s = GraphStore.open(STORE)
        with s.writing():
            print("locked", flush=True)
            time.sleep(30)
    """, tmp_path / "kg")
    try:
        wait_for_line(holder, "locked")
        started = time.monotonic()
        with pytest.raises(StoreError, match="busy: another kg build"), \
                store.writing(wait_seconds=0.3):
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        holder.kill()
        holder.wait()
    with store.writing(wait_seconds=5):  # the dead writer's lock is gone with it
        store.replace_graph(quads(2))


def test_kill_9_while_writing_a_graph_leaves_the_old_one(store: GraphStore, tmp_path: Path) -> None:
    store.replace_graph(quads(4))
    writer = child("""
        import pyoxigraph as ox
        from graph.store import GraphStore
        s = GraphStore.open(STORE)
        def slow():
            for i in range(10**9):
                if i == 50000:
                    print("writing", flush=True)
                yield ox.Quad(ox.NamedNode(f"https://example.org/n{i}"),
                              ox.NamedNode("https://example.org/p"), ox.Literal(str(i)))
        s.mark_dirty()
        s.replace_graph(slow())
    """, tmp_path / "kg")
    try:
        wait_for_line(writer, "writing")
        time.sleep(0.2)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    again = GraphStore.open(tmp_path / "kg")
    assert len(again.graph()) == 4
    assert again.is_dirty()
    assert again.replace_graph(quads(6)) == 6
    assert len(again.graph()) == 6
    assert len(again.generations()) == 2  # the half-written one was cleaned up
    again.close()


def test_kill_9_while_storing_records_keeps_whole_documents(tmp_path: Path) -> None:
    writer = child("""
        from dataclasses import replace
        from graph.store import GraphStore
        from graph_fixtures import extraction_a
        s = GraphStore.open(STORE, create=True)
        a = extraction_a()
        with s.writing():
            for i in range(10**6):
                art = replace(a.article, sha256=f"{i:064x}")
                s.put_source(replace(a, article=art), f"doc{i}.txt", "run1")
                if i == 20:
                    print("writing", flush=True)
    """, tmp_path / "kg")
    try:
        wait_for_line(writer, "writing")
        time.sleep(0.2)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    reopened = GraphStore.open(tmp_path / "kg")
    listed = list(reopened.sources())
    assert len(listed) == reopened.source_count() > 20
    assert all(len(s.identifiers) == 1 and s.extraction.facts for s in listed)
    with reopened.writing(wait_seconds=2):
        reopened.put_source(extraction_a(), "fresh.txt", "run1")
    reopened.close()
