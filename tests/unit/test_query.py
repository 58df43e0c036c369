"""graph.query: refusals, named queries, results and their formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import fill_store

from graph.errors import QueryError
from graph.query import (
    add_missing_prefixes,
    check_read_only,
    format_result,
    named_queries,
    resolve_query,
    run_query,
)
from graph.store import GraphStore

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
EXPECTED_QUERIES = {
    "who-visited-where", "entity", "facts-with-sentences", "corroborated", "single-source",
    "people-positions", "quotes-by-speaker", "sources", "who-met-whom",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    s = fill_store(str(tmp_path_factory.mktemp("q") / "kg"))
    yield s
    s.close()


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://x/> delete where { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://g>",
    "CREATE GRAPH <http://g>",
    "ADD DEFAULT TO <http://g>",
    "MOVE <http://a> TO <http://b>",
    "COPY DEFAULT TO <http://g>",
    "WITH <http://g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(store: GraphStore, update: str) -> None:
    with pytest.raises(QueryError, match="not allowed"):
        run_query(store, update)


def test_service_is_refused(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(store, "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }")


@pytest.mark.parametrize("harmless", [
    'SELECT ?x WHERE { BIND("SERVICE and DELETE" AS ?x) }',
    "SELECT ?x WHERE { BIND('''INSERT\nDATA''' AS ?x) }",
    "SELECT ?delete WHERE { ?delete ?insert ?copy }",
    "PREFIX load: <http://x/>\nSELECT * WHERE { ?s load:drop ?o }",
    "# DROP ALL, in a comment\nASK { ?s ?p ?o }",
    "SELECT * WHERE { ?s <http://example.org/service/insert> ?o }",
    'SELECT * WHERE { ?s ?p "x"@en . FILTER(?p != <http://x/clear>) }',
])
def test_keywords_inside_strings_names_and_iris_are_fine(harmless: str) -> None:
    check_read_only(harmless)


def test_malformed_query_gives_one_line(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="malformed") as err:
        run_query(store, "SELECT ?s WHERE { ?s ?p }\n\n")
    assert "\n" not in str(err.value)


# ---------------------------------------------------------------- running

def test_select_ask_construct(store: GraphStore) -> None:
    res = run_query(store, "SELECT ?who WHERE { ?who kg:visited ?place } ")
    assert res.kind == "select" and res.variables == ["who"]
    assert [r[0].value for r in res.rows] == ["https://w3id.org/kg-news/entity/antony_blinken"]
    assert run_query(store, "ASK { ?a kg:metWith ?b }").boolean is True
    graph = run_query(store, "CONSTRUCT { ?a kg:visited ?b } WHERE { ?a kg:visited ?b }")
    assert graph.kind == "graph" and len(graph.triples) == 1
    described = run_query(store, "DESCRIBE ent:tokyo")
    assert described.kind == "graph" and described.triples


def test_timeout(store: GraphStore) -> None:
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match="timed out"):
        run_query(store, slow, timeout_s=0.2)
    assert run_query(store, "ASK { ?s ?p ?o }", timeout_s=5).boolean


class CountingPool:
    """Stands in for the query threads and counts the queries handed to them."""

    def __init__(self, real: object) -> None:
        self.real, self.submitted = real, 0

    def submit(self, *args: object) -> object:
        self.submitted += 1
        return self.real.submit(*args)  # type: ignore[attr-defined]


def test_a_query_known_to_be_cheap_on_this_graph_skips_the_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.query as query_module
    pool = CountingPool(query_module._QUERY_THREADS)
    monkeypatch.setattr(query_module, "_QUERY_THREADS", pool)
    s = fill_store(str(tmp_path / "kg"))
    cheap = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = run_query(s, cheap, timeout_s=30)
    assert pool.submitted == 1
    assert run_query(s, cheap, timeout_s=30).rows == first.rows
    assert pool.submitted == 1  # same generation, known cheap: run on this thread
    s.replace_graph(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal("v"))
                    for i in range(3))
    assert run_query(s, cheap, timeout_s=30).rows[0][0].value == "3"
    assert pool.submitted == 2  # a new generation is measured again, through the thread
    s.replace_graph(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal("v"))
                    for i in range(300))
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for _ in range(2):  # a query that timed out is never taken for cheap
        with pytest.raises(QueryError, match="timed out"):
            run_query(s, slow, timeout_s=0.2)
    assert pool.submitted == 4
    s.close()


# ---------------------------------------------------------------- named queries

def test_the_named_queries_are_there() -> None:
    assert EXPECTED_QUERIES <= set(named_queries())
    for path in QUERY_DIR.glob("*.rq"):
        assert path.read_text().startswith("#"), f"{path.name} needs a header comment"


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
def test_every_named_query_parses_and_returns_labelled_rows(store: GraphStore, name: str) -> None:
    ox.Store().query(resolve_query(name))  # parses on an empty store
    res = run_query(store, resolve_query(name))
    assert res.kind == "select" and res.rows, name
    entity_iris = [t for row in res.rows for t in row
                   if isinstance(t, ox.NamedNode) and "/entity/" in t.value]
    assert not entity_iris, f"{name} shows raw IRIs"


def test_resolve_query_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_query("sources") == resolve_query("sources.rq")
    assert resolve_query(str(QUERY_DIR / "sources.rq")) == resolve_query("sources")
    inline = "SELECT * WHERE { ?s ?p ?o }"
    assert resolve_query(inline) == inline
    with pytest.raises(QueryError, match="no query named"):
        resolve_query("no-such-query")
    with pytest.raises(QueryError, match="not found"):
        resolve_query("missing/file.rq")
    # ./queries in the working directory comes first
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "sources.rq").write_text("ASK { ?s ?p ?o }")
    monkeypatch.chdir(tmp_path)
    assert resolve_query("sources") == "ASK { ?s ?p ?o }"


def test_missing_prefixes_are_added_once() -> None:
    text = add_missing_prefixes("SELECT * WHERE { ?s kg:visited ?o ; rdfs:label 'x:y' }")
    assert text.count("PREFIX kg:") == 1 and text.count("PREFIX rdfs:") == 1
    assert "PREFIX x:" not in text
    declared = "PREFIX kg: <http://other/>\nSELECT * WHERE { ?s kg:p ?o }"
    assert add_missing_prefixes(declared) == declared


# ---------------------------------------------------------------- formats

@pytest.fixture(scope="module")
def facts(store: GraphStore):  # type: ignore[no-untyped-def]
    return run_query(store, resolve_query("facts-with-sentences"))


def test_table_is_aligned_compact_and_truncated(store: GraphStore, facts) -> None:  # type: ignore[no-untyped-def]
    table = format_result(facts, "table")
    lines = table.splitlines()
    assert lines[0].split() == facts.variables
    assert lines[-1] == f"({len(facts.rows)} rows)"
    assert "…" in table  # the long sentence is cut
    raw = format_result(run_query(store, "SELECT ?p WHERE { ent:antony_blinken ?p ent:tokyo }"))
    assert "kg:visited" in raw and "<https://" not in raw


def test_csv_and_tsv(facts) -> None:  # type: ignore[no-untyped-def]
    text = format_result(facts, "csv")
    assert text.count("\r\n") == len(facts.rows) + 1
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == facts.variables
    assert '"We speak with one clear voice," Blinken said.' in {r[-1] for r in rows}
    tsv = format_result(facts, "tsv").splitlines()
    assert tsv[0].split("\t") == [f"?{v}" for v in facts.variables]
    assert all(len(line.split("\t")) == len(facts.variables) for line in tsv)
    assert '"Antony Blinken"' in tsv[1]


def test_json_parses_as_sparql_results(facts) -> None:  # type: ignore[no-untyped-def]
    text = format_result(facts, "json")
    data = json.loads(text)
    assert data["head"]["vars"] == facts.variables
    back = list(ox.parse_query_results(text, format=ox.QueryResultsFormat.JSON))
    assert len(back) == len(facts.rows)
    assert [back[0][v] for v in facts.variables] == list(facts.rows[0])


def test_ask_formats_and_unknown_format(store: GraphStore) -> None:
    ask = run_query(store, "ASK { ?s kg:said ?q }")
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    assert format_result(ask, "csv") == "true\r\n"
    back = ox.parse_query_results(format_result(ask, "tsv"), format=ox.QueryResultsFormat.TSV)
    assert isinstance(back, ox.QueryBoolean) and bool(back)
    with pytest.raises(QueryError, match="table, csv, tsv, json"):
        format_result(ask, "xml")


# ---------------------------------------------------------------- nothing gets out

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\U00000053ervice <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z . # a comment\n Service <{url}> { ?s ?p ?o } }",
])
def test_service_never_reaches_the_network(store: GraphStore, query: str) -> None:
    from outbound import Listener

    with Listener() as ear, pytest.raises(QueryError, match="SERVICE"):
        run_query(store, query.replace("{url}", ear.url), timeout_s=5)
    assert ear.connections == 0


def test_the_listener_does_hear_an_unchecked_service_call() -> None:
    """The engine itself would make the request: the refusal above is what stops it."""
    from outbound import Listener

    with Listener() as ear:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{ear.url}> {{ ?s ?p ?o }} }}"))
    assert ear.connections == 1 and ear.requests[0].startswith((b"GET", b"POST"))


@pytest.mark.parametrize("update", [
    "\\u0044ROP ALL",
    "\\u0049NSERT DATA { <http://a> <http://b> <http://c> }",
    "L\\u004fAD <http://example.org/x.ttl>",
    "\\u0043LEAR DEFAULT",
])
def test_escaped_updates_are_refused(store: GraphStore, update: str) -> None:
    before = len(run_query(store, "SELECT * WHERE { ?s ?p ?o }").rows)
    with pytest.raises(QueryError, match="not allowed"):
        run_query(store, update)
    assert len(run_query(store, "SELECT * WHERE { ?s ?p ?o }").rows) == before


def test_escapes_inside_strings_stay_harmless() -> None:
    check_read_only('SELECT ("\\u0053ERVICE and DROP" AS ?x) WHERE {}')
