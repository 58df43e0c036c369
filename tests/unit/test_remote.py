"""graph.remote: the graph mirrored into a real SPARQL server (``oxigraph serve``).

Each test writes into its own named graph of one server (or the default
graph, for the tests that say so), so tests do not see each other's triples.
Graphs are compared by RDF isomorphism (rdflib), since the ontology has
blank nodes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from graph_fixtures import RUN_1, RUN_2, extraction_a, extraction_b
from rdflib.compare import isomorphic
from sparql_servers import OxigraphServer, free_port, oxigraph_command

from graph import remote
from graph.build import rewrite_graph
from graph.check import CheckReport
from graph.errors import QueryError, StoreError
from graph.model import DocumentExtraction
from graph.remote import (
    SKOLEM_PREFIX,
    Endpoint,
    RemoteGraph,
    RemoteStore,
    check_remote,
    default_records_dir,
    endpoints,
    open_remote,
)
from graph.store import GraphStore
from graph.vocab import KG

pytestmark = pytest.mark.skipif(
    oxigraph_command() is None, reason="oxigraph serve is not installed (pip install '.[test]')"
)
_graphs = itertools.count()


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    srv = OxigraphServer().start()
    yield srv
    srv.stop()


@pytest.fixture()
def endpoint(server: OxigraphServer) -> Endpoint:
    """A fresh named graph of the module's server."""
    return endpoints(server.query_url, graph=f"https://example.org/test-graph/{next(_graphs)}")


# ---------------------------------------------------------------- helpers

def as_rdflib(db: ox.Store) -> rdflib.Graph:
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return rdflib.Graph().parse(data=data, format="nt")


def put(store: GraphStore, *extractions: DocumentExtraction) -> None:
    """Record sources as a build does, then rewrite (and so push) the graph.

    Source a always comes from run1 and b from run2, whatever the store.
    """
    with store.writing():
        store.put_run(RUN_1)
        store.put_run(RUN_2)
        for ext in extractions:
            run = "run1" if ext.article.sha256 == extraction_a().article.sha256 else "run2"
            store.put_source(ext, ext.article.identifier, run)
        rewrite_graph(store)


def local_graph(tmp_path: Path, name: str, *extractions: DocumentExtraction) -> rdflib.Graph:
    """The graph an ordinary local store computes from these sources."""
    store = GraphStore.open(tmp_path / name, create=True)
    try:
        put(store, *extractions)
        return as_rdflib(store.graph())
    finally:
        store.close()


def remote_graph(endpoint: Endpoint) -> rdflib.Graph:
    return as_rdflib(RemoteGraph(endpoint).graph())


def open_store(endpoint: Endpoint, tmp_path: Path, **kw: object) -> RemoteStore:
    return RemoteStore.open_remote(endpoint, tmp_path / "records", **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- URLs

@pytest.mark.parametrize(("url", "query", "update"), [
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update"),
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update"),
    ("http://h:3030/ds/query", "http://h:3030/ds/query", "http://h:3030/ds/update"),
    ("http://h:7200/repositories/news", "http://h:7200/repositories/news",
     "http://h:7200/repositories/news/statements"),
    ("https://h/sparql", "https://h/sparql", "https://h/sparql"),
    ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds"),
])
def test_update_url_conventions(url: str, query: str, update: str) -> None:
    ep = endpoints(url)
    assert (ep.query_url, ep.update_url, ep.graph) == (query, update, None)


def test_explicit_update_url_and_graph() -> None:
    ep = endpoints("http://h/sparql", "http://h/sparql-auth", "urn:x:news")
    assert (ep.update_url, ep.graph) == ("http://h/sparql-auth", "urn:x:news")


@pytest.mark.parametrize(("url", "update", "graph", "words"), [
    ("ftp://h/query", None, None, "--store"),
    ("http:///query", None, None, "--store"),
    ("http://h/query", "file:///tmp/x", None, "--update-url"),
    ("http://h/query", None, "not an iri", "--graph"),
    ("http://me:secret@h/query", None, None, "KG_SPARQL_USER"),
])
def test_bad_urls_are_one_line_errors(url: str, update: str | None, graph: str | None,
                                      words: str) -> None:
    with pytest.raises(StoreError, match=words) as err:
        endpoints(url, update, graph)
    assert "\n" not in str(err.value) and "secret" not in str(err.value)


def test_records_folder_is_one_per_endpoint_and_graph() -> None:
    plain = default_records_dir(endpoints("http://127.0.0.1:7878/query"))
    named = default_records_dir(endpoints("http://127.0.0.1:7878/query", graph="urn:g"))
    other = default_records_dir(endpoints("http://127.0.0.1:7878/query", graph="urn:h"))
    assert plain == Path(".kg-remote/127.0.0.1_7878_query")
    assert len({plain, named, other}) == 3
    assert all(p.parent == Path(".kg-remote") for p in (named, other))


def test_opening_for_reading_needs_no_records(tmp_path: Path) -> None:
    reader = open_remote("http://127.0.0.1:1/query")
    assert isinstance(reader, RemoteGraph)
    assert not Path(".kg-remote/127.0.0.1_1_query").exists()


def test_terms_as_sent_blank_nodes_skolemised_whole_decimals_kept_decimal() -> None:
    dec = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    quad = ox.Quad(ox.BlankNode("kgont1"), ox.NamedNode(KG + "confidence"), ox.Literal("1", datatype=dec))
    line = remote._triple_text(quad)
    assert line == (f"<{SKOLEM_PREFIX}kgont1> <{KG}confidence> "
                    '"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
    half = ox.Quad(ox.NamedNode(KG + "x"), ox.NamedNode(KG + "y"), ox.Literal("0.5", datatype=dec))
    assert '"0.5"^^' in remote._triple_text(half)


# ---------------------------------------------------------------- pushing

def test_push_equals_the_local_graph_and_removal_equals_building_the_rest(
    endpoint: Endpoint, tmp_path: Path,
) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a(), extraction_b())
    assert store.last_push is not None and store.last_push.full
    assert isomorphic(remote_graph(endpoint), local_graph(tmp_path, "ab", extraction_a(), extraction_b()))
    assert isomorphic(remote_graph(endpoint), as_rdflib(store.graph()))

    with store.writing():
        store.remove_sources([extraction_b().article.identifier])
        rewrite_graph(store)
    push = store.last_push
    assert push is not None and not push.full and push.deleted > 0
    assert push.requests == 1  # a small change goes in one request (one transaction)
    assert push.inserted + push.deleted < len(store.graph())  # a difference, not the whole graph
    assert isomorphic(remote_graph(endpoint), local_graph(tmp_path, "a", extraction_a()))
    store.close()


def test_blank_nodes_travel_as_skolem_iris_and_come_back(endpoint: Endpoint, tmp_path: Path,
                                                         server: OxigraphServer) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a())
    store.close()
    raw = RemoteGraph(endpoint).query(  # the target graph is the query's default graph
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{SKOLEM_PREFIX}')) }}"
    )
    assert int(raw.rows[0][0].value) > 0  # type: ignore[union-attr]
    fetched = RemoteGraph(endpoint).graph()
    assert not any(isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SKOLEM_PREFIX)
                   for q in fetched)
    assert any(isinstance(q.subject, ox.BlankNode) for q in fetched)


def test_other_data_in_the_endpoint_is_left_alone(server: OxigraphServer, tmp_path: Path) -> None:
    """Default graph: a foreign triple there survives our pushes and removals."""
    server.update("CLEAR DEFAULT")
    server.update("INSERT DATA { <https://example.org/mine> <https://example.org/p> 'kept' }")
    ep = endpoints(server.query_url)
    store = open_store(ep, tmp_path)
    put(store, extraction_a(), extraction_b())
    with store.writing():
        store.remove_sources([extraction_a().article.identifier])
        rewrite_graph(store)
    store.close()
    got = remote_graph(ep)
    foreign = (rdflib.URIRef("https://example.org/mine"), rdflib.URIRef("https://example.org/p"),
               rdflib.Literal("kept"))
    assert foreign in got
    got.remove(foreign)
    assert isomorphic(got, local_graph(tmp_path, "b", extraction_b()))
    server.update("CLEAR DEFAULT")


def test_a_failed_push_is_redone_by_the_next_build(endpoint: Endpoint, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A push that dies half-way leaves triples of a graph that never became whole;
    the next push (to yet another graph) must still end exactly on the new graph."""
    store = open_store(endpoint, tmp_path, chunk_bytes=2000)
    put(store, extraction_a())
    real_post = remote._post
    calls = itertools.count()

    def flaky(url: str, *args: object, **kw: object) -> object:
        if url == endpoint.update_url and next(calls) == 3:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: Connection refused")
        return real_post(url, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(remote, "_post", flaky)
    with pytest.raises(StoreError, match="Connection refused"):
        put(store, extraction_a(), extraction_b())  # dies after 3 requests
    assert store.is_dirty() and store.push_owed()
    assert store.source_count() == 2  # nothing lost locally
    monkeypatch.setattr(remote, "_post", real_post)

    with store.writing():  # now a third graph, without b
        store.remove_sources([extraction_b().article.identifier])
        rewrite_graph(store)
    assert store.last_push is not None and store.last_push.full
    assert not store.is_dirty()
    assert isomorphic(remote_graph(endpoint), local_graph(tmp_path, "a", extraction_a()))
    store.close()


def test_server_down_is_one_line_and_the_records_stay(tmp_path: Path) -> None:
    """A dead endpoint: the error names the URL; the next build pushes everything."""
    srv = OxigraphServer(port=free_port())
    ep = endpoints(srv.query_url)
    store = open_store(ep, tmp_path)
    with pytest.raises(StoreError) as err:
        put(store, extraction_a(), extraction_b())
    message = str(err.value)
    assert srv.base in message and "\n" not in message
    assert store.source_count() == 2 and store.is_dirty()
    srv.start()
    try:
        assert store.is_dirty()
        rewrite_graph(store)  # what the next `kg build` does when the store is dirty
        assert not store.is_dirty()
        assert isomorphic(remote_graph(ep), local_graph(tmp_path, "ab", extraction_a(), extraction_b()))
    finally:
        store.close()
        srv.stop()


def test_an_endpoint_that_lost_our_triples_gets_them_again(endpoint: Endpoint, tmp_path: Path,
                                                           server: OxigraphServer) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a())
    assert not store.is_dirty()
    server.update(f"CLEAR GRAPH <{endpoint.graph}>")  # e.g. restarted without persistence
    assert store.is_dirty()  # so `kg build` with nothing new pushes again
    rewrite_graph(store)
    assert store.last_push is not None and store.last_push.full
    assert isomorphic(remote_graph(endpoint), local_graph(tmp_path, "a", extraction_a()))
    store.close()


def test_records_built_on_locally_are_pushed_by_the_next_remote_build(
    endpoint: Endpoint, tmp_path: Path,
) -> None:
    """`kg remove --store .kg-remote/...` (the records folder used as a local store)."""
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a(), extraction_b())
    store.close()
    local = GraphStore.open(tmp_path / "records")
    with local.writing():
        local.remove_sources([extraction_b().article.identifier])
        rewrite_graph(local)
    local.close()
    store = open_store(endpoint, tmp_path)
    assert store.is_dirty()
    rewrite_graph(store)
    assert isomorphic(remote_graph(endpoint), local_graph(tmp_path, "a", extraction_a()))
    store.close()


def test_empty_records_send_nothing(endpoint: Endpoint, tmp_path: Path) -> None:
    """`kg remove` (or a build that read nothing) against a new URL leaves the endpoint alone."""
    store = open_store(endpoint, tmp_path)
    assert not store.is_dirty()
    with store.writing():
        assert store.remove_sources(["nothing.txt"]) == ([], ["nothing.txt"])
    store.close()
    assert RemoteGraph(endpoint).count() == 0


def test_records_moved_to_another_graph_push_everything_there(endpoint: Endpoint, tmp_path: Path,
                                                               server: OxigraphServer) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a())
    store.close()
    other = Endpoint(endpoint.query_url, endpoint.update_url, endpoint.graph + "-moved")  # type: ignore[operator]
    moved = open_store(other, tmp_path)
    assert moved.is_dirty()
    rewrite_graph(moved)
    moved.close()
    assert isomorphic(remote_graph(other), local_graph(tmp_path, "a", extraction_a()))


def test_a_rejected_update_is_one_line(tmp_path: Path, server: OxigraphServer) -> None:
    """The query URL given as update URL: the server refuses; the message says where."""
    ep = endpoints(server.query_url, update_url=server.query_url, graph="urn:x:refused")
    store = open_store(ep, tmp_path)
    with pytest.raises((StoreError, QueryError)) as err:
        put(store, extraction_a())
    assert server.query_url in str(err.value) and "\n" not in str(err.value)
    assert store.push_owed()
    store.close()


# ---------------------------------------------------------------- reading

def test_queries_run_at_the_endpoint(endpoint: Endpoint, tmp_path: Path) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a(), extraction_b())
    visits = set(store.graph().query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o "
                                     f"FILTER(?p = <{KG}visited>) }}"))
    store.close()
    reader = RemoteGraph(endpoint)
    select = reader.query("SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label } ORDER BY ?label")
    assert select.kind == "select" and select.variables == ["label"]
    assert "Antony Blinken" in {row[0].value for row in select.rows}  # type: ignore[union-attr]
    ask = reader.query("ASK { ?s kg:visited ?o }")
    assert ask.kind == "ask" and ask.boolean is True
    graph = reader.query("CONSTRUCT { ?s kg:visited ?o } WHERE { ?s kg:visited ?o }")
    assert graph.kind == "graph" and set(graph.triples) == visits and visits


def test_bad_queries_are_refused(endpoint: Endpoint) -> None:
    reader = RemoteGraph(endpoint)
    with pytest.raises(QueryError, match="SPARQL Update"):
        reader.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="SERVICE"):
        reader.query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="400") as err:
        reader.query("SELECT ?x WHERE { ?x")
    assert "\n" not in str(err.value)


def test_reading_a_dead_endpoint_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    for action in (lambda r: r.graph(), lambda r: r.query("ASK {}")):
        with pytest.raises(StoreError, match="cannot reach SPARQL endpoint") as err:
            action(RemoteGraph(endpoints(url)))
        assert url in str(err.value) and "\n" not in str(err.value)


def test_a_server_that_cuts_answers_is_read_in_parts(endpoint: Endpoint, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """As Virtuoso's ResultSetMaxRows would: every answer cut to 40 triples."""
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a(), extraction_b())
    whole = as_rdflib(store.graph())
    store.close()
    real = remote._parse_rdf
    monkeypatch.setattr(remote, "_parse_rdf", lambda *args: real(*args)[:40])
    assert len(whole) > 200
    assert isomorphic(remote_graph(endpoint), whole)

    monkeypatch.setattr(remote, "_parse_rdf", lambda *args: real(*args)[:1])
    with pytest.raises(StoreError, match="cuts long results") as err:  # one subject > 1 triple
        RemoteGraph(endpoint).graph()
    assert "\n" not in str(err.value)


# ---------------------------------------------------------------- checking

def test_check_finds_an_endpoint_out_of_step(endpoint: Endpoint, tmp_path: Path,
                                            server: OxigraphServer) -> None:
    store = open_store(endpoint, tmp_path)
    put(store, extraction_a())
    store.close()
    records = str(tmp_path / "records")

    def check() -> CheckReport:
        return check_remote(endpoint.query_url, graph=endpoint.graph, records=records, reread=False)

    report = check()
    assert report.ok, report.lines()
    assert any("holds every one" in n for n in report.notes)

    label = f"<{endpoint.graph}>"
    server.update(f"DELETE WHERE {{ GRAPH {label} {{ ?s <{KG}rule> ?o }} }}")
    server.update(f"INSERT DATA {{ GRAPH {label} {{ <https://example.org/x> <https://example.org/y> 'z' }} }}")
    report = check()
    assert not report.ok
    found = " | ".join(report.problems["endpoint"])
    assert "missing from" in found and "1 triples the records do not give" in found

    other = Endpoint(endpoint.query_url, endpoint.update_url, "https://example.org/never-pushed")
    report = check_remote(other.query_url, graph=other.graph, records=records, reread=False)
    assert "never pushed" in " ".join(report.problems["endpoint"])


def test_check_of_a_dead_endpoint_or_missing_records(tmp_path: Path) -> None:
    dead = endpoints(f"http://127.0.0.1:{free_port()}/query")
    store = open_store(dead, tmp_path)
    with pytest.raises(StoreError):
        put(store, extraction_a())
    store.close()
    report = check_remote(dead.query_url, records=str(tmp_path / "records"), reread=False)
    found = " | ".join(report.problems["endpoint"])
    assert "lags behind" in found and "cannot reach SPARQL endpoint" in found
    with pytest.raises(StoreError, match="no records for"):
        check_remote(dead.query_url, records=str(tmp_path / "nowhere"))
