"""The build as a living database: incremental builds and exact retraction (issue 4).

Real files, the real parser and the real store: two small articles that share
one fact ("Blinken met Kamikawa") and one entity, each with facts and a name
("Secretary Blinken", only in the second) of its own.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from build_helpers import canonical, differences, write

import graph.workers
from graph.build import build, remove
from graph.model import Article, DocumentExtraction
from graph.store import GraphStore

pytestmark = pytest.mark.model

ONE = (
    "Blinken visits Tokyo\n\n"
    "U.S. Secretary of State Antony Blinken visited Tokyo on Tuesday. "
    "Blinken met Japanese Foreign Minister Yoko Kamikawa.\n"
)
TWO = (
    "Talks in Japan\n\n"
    "Antony Blinken visited Tokyo on Wednesday. Secretary Blinken met Yoko Kamikawa again.\n"
)
CHANGED = (
    "Blinken visits Seoul\n\n"
    "Antony Blinken visited Seoul on Thursday. He met President Yoon Suk Yeol.\n"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def select(store_dir: Path, query: str) -> list[tuple[str, ...]]:
    """Rows of a SPARQL SELECT on the store's current graph, as plain strings."""
    from graph.vocab import PREFIXES

    with GraphStore.open(store_dir, read_only=True) as store:
        rows = store.graph().query(query, prefixes=PREFIXES)
        return sorted(tuple(t.value for t in row) for row in rows)  # type: ignore[union-attr]


def run_build(paths: list[str], store_dir: Path) -> object:
    with GraphStore.open(store_dir, create=True) as store:
        return build(paths, store)


def run_remove(refs: list[str], store_dir: Path) -> tuple[list[str], list[str]]:
    with GraphStore.open(store_dir) as store:
        return remove(refs, store)


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: object) -> Path:
    """A folder with a/one.txt and a/two.txt, and the working directory set to it."""
    write(tmp_path / "a" / "one.txt", ONE)
    write(tmp_path / "a" / "two.txt", TWO)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_same_graph(store: Path, expected: Path) -> None:
    got, want = canonical(store), canonical(expected)
    assert got == want, differences(got, want)


def test_unchanged_sources_are_skipped_without_parsing_or_a_new_graph(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_build(["a"], work / "s")
    assert (first.added, first.unchanged) == (2, 0)  # type: ignore[attr-defined]
    generation = (work / "s" / "CURRENT").read_text()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged source was parsed again")

    monkeypatch.setattr(graph.workers, "extract_stream", no_parsing)
    again = run_build(["a"], work / "s")
    assert (again.read, again.added, again.unchanged) == (2, 0, 2)  # type: ignore[attr-defined]
    assert not again.graph_rewritten  # type: ignore[attr-defined]
    assert (work / "s" / "CURRENT").read_text() == generation
    assert again.sources == 2 and again.facts == first.facts  # type: ignore[attr-defined]


def test_a_no_op_build_of_a_thousand_files_takes_well_under_a_second(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 4's figure, in CPU time (wall time on a shared machine is noise)."""
    for i in range(1000):
        write(tmp_path / "many" / f"{i:04d}.txt", f"Note {i}\n\nThe committee met on day {i}.\n")

    def empty(articles: list[Article], **kwargs: object) -> object:
        return (DocumentExtraction(a, (), ()) for a in articles)  # nothing to parse: bookkeeping only

    monkeypatch.setattr(graph.workers, "extract_stream", empty)
    assert run_build([str(tmp_path / "many")], tmp_path / "s").added == 1000  # type: ignore[attr-defined]
    monkeypatch.setattr(graph.workers, "extract_stream", None)  # a no-op must not reach it
    started = time.process_time()
    summary = run_build([str(tmp_path / "many")], tmp_path / "s")
    seconds = time.process_time() - started
    assert summary.unchanged == 1000 and summary.added == 0  # type: ignore[attr-defined]
    assert seconds < 1.0, f"no-op build of 1000 files took {seconds:.2f}s of CPU"


def test_a_changed_file_replaces_its_old_evidence(work: Path) -> None:
    run_build(["a/one.txt"], work / "s")
    write(work / "a" / "one.txt", CHANGED)
    summary = run_build(["a/one.txt"], work / "s")
    assert (summary.added, summary.sources) == (1, 1)  # type: ignore[attr-defined]
    sources = select(work / "s", "SELECT ?h WHERE { ?s a prov:Entity ; kg:sha256 ?h }")
    assert sources == [(sha(CHANGED),)]
    anchors = " ".join(r[0] for r in select(work / "s", "SELECT ?a WHERE { ?e nif:anchorOf ?a }"))
    assert "Seoul" in anchors and "Tokyo" not in anchors
    labels = {r[0] for r in select(work / "s", "SELECT ?l WHERE { ?e rdfs:label ?l }")}
    assert "Tokyo" not in labels and "Yoko Kamikawa" not in labels
    run_build(["a/one.txt"], work / "fresh")
    assert_same_graph(work / "s", work / "fresh")


def test_same_text_under_a_new_name_adds_an_identifier_not_a_source(work: Path) -> None:
    run_build(["a/one.txt"], work / "s")
    write(work / "copy" / "one-again.txt", ONE)
    summary = run_build(["copy/one-again.txt"], work / "s")
    assert (summary.added, summary.unchanged, summary.sources) == (0, 1, 1)  # type: ignore[attr-defined]
    assert summary.graph_rewritten  # type: ignore[attr-defined]
    rows = select(work / "s", "SELECT ?s ?id WHERE { ?s a prov:Entity ; dcterms:identifier ?id }")
    assert [r[1] for r in rows] == ["a/one.txt", "copy/one-again.txt"]
    assert len({r[0] for r in rows}) == 1


@pytest.mark.parametrize("how", ["path", "absolute path", "identifier", "hash", "hash prefix",
                                 "folder"])
def test_remove_equals_never_having_built_it(work: Path, how: str) -> None:
    run_build(["a"], work / "s")
    ref = {
        "path": "./a//two.txt",
        "absolute path": str(work / "a" / "two.txt"),
        "identifier": "a/two.txt",
        "hash": sha(TWO),
        "hash prefix": sha(TWO)[:12].upper(),
        "folder": "a",
    }[how]
    removed, unknown = run_remove([ref], work / "s")
    if how == "folder":
        assert sorted(removed) == sorted([sha(ONE), sha(TWO)]) and unknown == []
        run_build([], work / "empty")
        assert_same_graph(work / "s", work / "empty")
        return
    assert (removed, unknown) == ([sha(TWO)], [])
    run_build(["a/one.txt"], work / "only-one")
    assert_same_graph(work / "s", work / "only-one")


def test_an_unknown_reference_removes_nothing(work: Path) -> None:
    run_build(["a"], work / "s")
    before = canonical(work / "s")
    assert run_remove(["a/three.txt", "deadbeef"], work / "s") == ([], ["a/three.txt", "deadbeef"])
    assert canonical(work / "s") == before


def test_an_alias_seen_only_in_the_removed_source_disappears(work: Path) -> None:
    run_build(["a"], work / "s")
    aliases = "SELECT ?a WHERE { ?e rdfs:label 'Antony Blinken' ; skos:altLabel ?a }"
    assert ("Secretary Blinken",) in select(work / "s", aliases)
    run_remove(["a/two.txt"], work / "s")
    left = select(work / "s", aliases)
    assert ("Secretary Blinken",) not in left and ("Blinken",) in left


def test_a_fact_two_sources_state_keeps_the_remaining_source(work: Path) -> None:
    run_build(["a"], work / "s")
    met = ("SELECT ?src ?ev WHERE { ?st rdf:subject ?x ; rdf:predicate kg:metWith ; rdf:object ?y ; "
           "prov:wasDerivedFrom ?src ; prov:qualifiedDerivation ?ev . ?ev prov:entity ?src . "
           "?x rdfs:label 'Antony Blinken' . ?y rdfs:label 'Yoko Kamikawa' }")
    assert {r[0].rsplit("/", 1)[1] for r in select(work / "s", met)} == {sha(ONE), sha(TWO)}
    run_remove(["a/two.txt"], work / "s")
    rows = select(work / "s", met)
    assert {r[0].rsplit("/", 1)[1] for r in rows} == {sha(ONE)}
    orphans = select(work / "s", "SELECT ?ev WHERE { ?ev prov:entity ?src . "
                                 "FILTER NOT EXISTS { ?src a prov:Entity } }")
    assert orphans == []
    assert select(work / "s", f"SELECT ?s WHERE {{ ?s kg:sha256 '{sha(TWO)}' }}") == []


def test_removing_one_name_of_a_text_keeps_the_text_under_its_other_name(work: Path) -> None:
    write(work / "a" / "copy.txt", ONE)
    run_build(["a/one.txt", "a/copy.txt"], work / "s")
    removed, unknown = run_remove(["a/copy.txt"], work / "s")
    assert (removed, unknown) == ([], [])
    ids = select(work / "s", "SELECT ?id WHERE { ?s dcterms:identifier ?id }")
    assert ids == [("a/one.txt",)]
    run_build(["a/one.txt"], work / "fresh")
    assert_same_graph(work / "s", work / "fresh")


@pytest.mark.parametrize(("value", "seconds"), [("", 30.0), ("0", 0.0), (" 2.5 ", 2.5)])
def test_lock_wait_comes_from_kg_lock_wait(monkeypatch: pytest.MonkeyPatch, value: str,
                                           seconds: float) -> None:
    from graph.build import lock_wait_seconds

    monkeypatch.setenv("KG_LOCK_WAIT", value)
    assert lock_wait_seconds() == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_kg_lock_wait_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from graph.build import lock_wait_seconds
    from graph.errors import KgError

    monkeypatch.setenv("KG_LOCK_WAIT", value)
    with pytest.raises(KgError, match="KG_LOCK_WAIT must be a number of seconds"):
        lock_wait_seconds()


def test_a_second_writer_with_no_wait_is_told_the_store_is_busy(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.errors import StoreError

    run_build(["a/one.txt"], work / "s")
    monkeypatch.setenv("KG_LOCK_WAIT", "0")
    with GraphStore.open(work / "s") as holder, holder.writing():
        before = canonical(work / "s")
        with pytest.raises(StoreError, match="is busy"):
            run_build(["a/two.txt"], work / "s")
        with pytest.raises(StoreError, match="is busy"):
            run_remove(["a/one.txt"], work / "s")
    assert canonical(work / "s") == before
