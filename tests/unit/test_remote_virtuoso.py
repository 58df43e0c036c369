"""graph.remote against Debian's Virtuoso 7, a second real triple store.

Virtuoso differs from Oxigraph where it matters here: one ``/sparql`` URL
for queries and updates, a union default graph (so a named ``--graph`` is
used), a limit on the SQL an update compiles to (a too-big chunk must be
split), and results tables for CONSTRUCT unless RDF is asked for.  Skipped,
with the reason, where ``virtuoso-opensource`` is not installed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from graph_fixtures import RUN_1, extraction_a
from rdflib.compare import isomorphic
from sparql_servers import VirtuosoServer, virtuoso_missing

from graph.build import rewrite_graph
from graph.errors import StoreError
from graph.model import DocumentExtraction
from graph.remote import RemoteGraph, RemoteStore, endpoints

pytestmark = pytest.mark.skipif(virtuoso_missing() is not None, reason=virtuoso_missing() or "")

GRAPH = "https://example.org/kg-news-test"
MAX_ROWS = 1000  # Virtuoso cuts answers to this; our graph of 24 sources is larger


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), max_rows=MAX_ROWS).start()
    yield server
    server.stop()


def copies(n: int) -> list[DocumentExtraction]:
    """``n`` different source texts with the facts of fixture a (offsets unchanged)."""
    base = extraction_a()
    out = []
    for i in range(n):
        text = base.article.text + f" Copy {i}."
        art = dataclasses.replace(base.article, text=text, identifier=f"copies/{i}.txt",
                                  sha256=hashlib.sha256(text.encode()).hexdigest())
        out.append(dataclasses.replace(base, article=art))
    return out


def as_rdflib(db: ox.Store) -> rdflib.Graph:
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return rdflib.Graph().parse(data=data, format="nt")


def test_push_remove_and_read_on_virtuoso(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    endpoint = endpoints(virtuoso.query_url, graph=GRAPH)
    assert endpoint.update_url == virtuoso.query_url  # one URL for both
    store = RemoteStore.open_remote(endpoint, tmp_path / "records", chunk_bytes=4 * 1024 * 1024)
    sources = copies(24)
    with store.writing():
        store.put_run(RUN_1)
        for ext in sources:
            store.put_source(ext, ext.article.identifier, RUN_1.run_id)
        rewrite_graph(store)
    push = store.last_push
    assert push is not None and push.requests > 1  # the one big chunk was refused and split
    assert len(store.graph()) > MAX_ROWS  # so the graph is read back in parts:
    cut = RemoteGraph(endpoint).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(cut.triples) < len(store.graph())  # what one CONSTRUCT gets (Virtuoso: MAX_ROWS + 1)
    assert isomorphic(as_rdflib(RemoteGraph(endpoint).graph()), as_rdflib(store.graph()))

    with store.writing():
        store.remove_sources([s.article.identifier for s in sources[:20]])
        rewrite_graph(store)
    assert not store.is_dirty()
    assert isomorphic(as_rdflib(RemoteGraph(endpoint).graph()), as_rdflib(store.graph()))

    reader = RemoteGraph(endpoint)
    visits = reader.query("CONSTRUCT { ?s kg:visited ?o } WHERE { ?s kg:visited ?o }")
    assert visits.kind == "graph" and visits.triples
    assert set(visits.triples) == set(store.graph().query(
        "CONSTRUCT { ?s <https://w3id.org/kg-news/ontology#visited> ?o } "
        "WHERE { ?s <https://w3id.org/kg-news/ontology#visited> ?o }"))
    sources_left = reader.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a prov:Entity }")
    assert sources_left.kind == "select" and int(sources_left.rows[0][0].value) == 4  # type: ignore[union-attr]
    assert reader.query("ASK { ?s kg:visited ?o }").boolean is True
    store.close()


def test_credentials_for_a_protected_endpoint(virtuoso: VirtuosoServer, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso's /sparql-auth asks for HTTP Digest: KG_SPARQL_USER/PASSWORD answer it."""
    endpoint = endpoints(virtuoso.query_url + "-auth", graph=GRAPH + "-auth")
    monkeypatch.delenv("KG_SPARQL_USER", raising=False)
    with pytest.raises(StoreError, match="401") as err:
        RemoteGraph(endpoint).count()
    assert "KG_SPARQL_USER" in str(err.value) and "\n" not in str(err.value)

    monkeypatch.setenv("KG_SPARQL_USER", "dba")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "not the password")
    with pytest.raises(StoreError, match="401"):
        RemoteGraph(endpoint).count()

    monkeypatch.setenv("KG_SPARQL_PASSWORD", "dba")  # Virtuoso's default, on this test server only
    store = RemoteStore.open_remote(endpoint, tmp_path / "records")
    with store.writing():
        store.put_run(RUN_1)
        store.put_source(extraction_a(), "a.txt", RUN_1.run_id)
        rewrite_graph(store)
    assert isomorphic(as_rdflib(RemoteGraph(endpoint).graph()), as_rdflib(store.graph()))
    store.close()
