"""kg check: a sound store passes; every kind of damage done on purpose is reported.

Stores are made from the hand-built extractions of graph_fixtures (no spaCy),
with the graph derived the way `kg build` derives it (``rewrite_graph``); the
damage is then done behind the store's back, to the Oxigraph folder or to
records.sqlite, as a disk fault or a hand edit would.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import TEXT_B, two_sources

from graph import vocab
from graph.build import rewrite_graph
from graph.check import CheckReport, check_store, problems_of
from graph.store import GraphStore


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Identifiers are relative paths; run where none of them exists unless a test makes it."""
    monkeypatch.chdir(tmp_path)


def make_store(path: Path) -> Path:
    store = GraphStore.open(path, create=True)
    sources, _, runs = two_sources()
    with store.writing():
        for run in runs:
            store.put_run(run)
        for source in sources:
            for identifier in source.identifiers:
                store.put_source(source.extraction, identifier, source.run_id)
        rewrite_graph(store)
    store.close()
    return path


def check(path: Path) -> CheckReport:
    store = GraphStore.open(path, read_only=True)
    try:
        return check_store(store)
    finally:
        store.close()


def edit_graph(path: Path, change: Callable[[ox.Store], None]) -> None:
    """Change the current generation in place, as a hand edit of the folder would."""
    name = (path / "CURRENT").read_text().strip()
    db = ox.Store(str(path / name))
    change(db)
    db.flush()
    del db


def edit_records(path: Path, sql: str, args: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path / "records.sqlite")
    with conn:
        conn.execute(sql, args)
    conn.close()


def first(db: ox.Store, query: str) -> ox.QuerySolution:
    solutions = db.query(vocab.sparql_prefixes() + query)
    assert isinstance(solutions, ox.QuerySolutions)
    return next(iter(solutions))


def kinds(report: CheckReport) -> set[str]:
    return set(report.problems)


def test_a_sound_store_passes(tmp_path: Path) -> None:
    report = check(make_store(tmp_path / "kg"))
    assert report.ok, list(problems_of(report))
    assert report.sources == 2 and report.facts >= 4 and report.evidence >= 5
    assert report.summary().startswith("OK: store")


def test_wrong_offsets_in_the_graph_are_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def shift(db: ox.Store) -> None:
        row = first(db, "SELECT ?ev ?b WHERE { ?ev nif:beginIndex ?b }")
        begin = ox.NamedNode(vocab.NIF + "beginIndex")
        db.remove(ox.Quad(row["ev"], begin, row["b"]))
        db.add(ox.Quad(row["ev"], begin, ox.Literal(str(int(row["b"].value) + 1),
                                                      datatype=row["b"].datatype)))

    edit_graph(path, shift)
    report = check(path)
    assert "offsets" in kinds(report)
    assert any("not its sentence" in p for p in problems_of(report))


def test_a_changed_sentence_in_the_graph_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def rewrite(db: ox.Store) -> None:
        row = first(db, "SELECT ?ev ?a WHERE { ?ev nif:anchorOf ?a }")
        anchor = ox.NamedNode(vocab.NIF + "anchorOf")
        db.remove(ox.Quad(row["ev"], anchor, row["a"]))
        db.add(ox.Quad(row["ev"], anchor, ox.Literal("Something nobody wrote.")))

    edit_graph(path, rewrite)
    assert "offsets" in kinds(check(path))


def test_a_fact_without_its_statement_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def drop_statement(db: ox.Store) -> None:
        st = first(db, "SELECT ?st WHERE { ?st rdf:predicate kg:visited }")["st"]
        for quad in list(db.quads_for_pattern(st, None, None)):
            db.remove(quad)

    edit_graph(path, drop_statement)
    report = check(path)
    assert {"fact without statement", "records vs graph"} <= kinds(report)


def test_a_statement_without_its_fact_or_evidence_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def drop(db: ox.Store) -> None:
        row = first(db, "SELECT ?s ?o WHERE { ?s kg:visited ?o }")
        db.remove(ox.Quad(row["s"], ox.NamedNode(vocab.KG + "visited"), row["o"]))
        qd = ox.NamedNode(vocab.PROV + "qualifiedDerivation")
        st = first(db, "SELECT ?st WHERE { ?st rdf:predicate kg:metWith }")["st"]
        for quad in list(db.quads_for_pattern(st, qd, None)):
            db.remove(quad)

    edit_graph(path, drop)
    report = check(path)
    assert {"statement without fact", "statement without evidence", "dangling evidence"} <= kinds(report)


def test_an_entity_without_label_or_type_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def strip(db: ox.Store) -> None:
        node = first(db, "SELECT ?x WHERE { ?x kg:visited ?o }")["x"]
        for pred in (vocab.RDFS + "label", vocab.RDF + "type"):
            for quad in list(db.quads_for_pattern(node, ox.NamedNode(pred), None)):
                db.remove(quad)

    edit_graph(path, strip)
    report = check(path)
    assert {"entity", "dangling node"} <= kinds(report)


def test_a_source_node_missing_from_the_graph_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")

    def drop_source(db: ox.Store) -> None:
        src = first(db, "SELECT ?s WHERE { ?s a prov:Entity ; dcterms:identifier 'copy/b.txt' }")["s"]
        for quad in list(db.quads_for_pattern(src, None, None)):
            db.remove(quad)

    edit_graph(path, drop_source)
    report = check(path)
    assert "records vs graph" in kinds(report) and "dangling evidence" in kinds(report)


def test_a_record_whose_text_was_edited_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    conn = sqlite3.connect(path / "records.sqlite")
    sha, data = conn.execute("SELECT sha256, extraction FROM sources").fetchone()
    conn.close()
    record = json.loads(data)
    record["article"]["text"] = "X" + record["article"]["text"]
    edit_records(path, "UPDATE sources SET extraction = ? WHERE sha256 = ?", (json.dumps(record), sha))
    report = check(path)
    assert {"text changed", "offsets"} <= kinds(report)


def test_a_corrupt_record_and_a_lost_record_are_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    conn = sqlite3.connect(path / "records.sqlite")
    (sha_a,), (sha_b,) = conn.execute("SELECT sha256 FROM sources ORDER BY sha256").fetchall()
    conn.close()
    edit_records(path, "UPDATE sources SET extraction = '{\"article\": ' WHERE sha256 = ?", (sha_a,))
    edit_records(path, "PRAGMA foreign_keys=OFF")
    edit_records(path, "DELETE FROM sources WHERE sha256 = ?", (sha_b,))
    report = check(path)
    assert {"corrupt record", "dangling identifier", "records vs graph"} <= kinds(report)


def test_an_interrupted_build_shows_as_a_stale_graph(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    edit_records(path, "UPDATE meta SET value = '1' WHERE key = 'dirty'")
    assert kinds(check(path)) == {"stale graph"}


def test_a_missing_graph_is_reported(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    (path / "CURRENT").unlink()
    assert kinds(check(path)) == {"missing graph"}


def test_a_source_changed_on_disk_is_a_note_not_a_problem(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "b.txt").write_text(TEXT_B, encoding="utf-8", newline="")
    report = check(path)
    assert report.ok and report.reread == 1 and not report.notes
    (tmp_path / "copy" / "b.txt").write_text(TEXT_B + "More text.\n", encoding="utf-8")
    report = check(path)
    assert report.ok and report.reread == 1
    assert report.notes == [("copy/b.txt changed on disk since it was built "
                            "(run `kg build` to add the new text)")]


def test_check_changes_nothing(tmp_path: Path) -> None:
    import hashlib

    path = make_store(tmp_path / "kg")

    def digest() -> dict[str, str]:
        """Every file's hash; SQLite's shared-memory index and an empty WAL are no change."""
        files = [p for p in sorted(path.rglob("*")) if p.is_file() and p.name != "lock"]
        return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in files if not p.name.endswith("-shm")
                and not (p.name.endswith("-wal") and p.stat().st_size == 0)}

    before = digest()
    check(path)
    assert digest() == before


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)


def test_cli_exit_codes_and_output(tmp_path: Path) -> None:
    path = make_store(tmp_path / "kg")
    good = _kg("check", "--store", str(path), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines() == [good.stdout.strip()] and good.stdout.startswith("OK: store")
    edit_records(path, "UPDATE meta SET value = '1' WHERE key = 'dirty'")
    bad = _kg("check", "--store", str(path), cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[0].startswith("problem: the graph lags behind the records")
    assert bad.stdout.splitlines()[-1].startswith("FAILED: store")
    missing = _kg("check", "--store", str(tmp_path / "nothing"), cwd=tmp_path)
    assert missing.returncode == 1 and len(missing.stderr.splitlines()) == 1
    assert "no store at" in missing.stderr
