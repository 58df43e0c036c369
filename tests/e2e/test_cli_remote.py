"""`kg ... --store URL`: the real CLI writing into and reading from a real SPARQL server.

The server is ``oxigraph serve`` (the ``oxigraph`` package of the test extra),
in memory on a free port.  Builds made by different runs differ only in the
build-run nodes, which are set aside before comparing (as in
test_cli_commands.py); a remote store and its own records folder are
compared whole.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from kgrun import run_kg
from rdflib.compare import isomorphic
from sparql_servers import OxigraphServer, free_port, oxigraph_command

from graph.vocab import PROV

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(oxigraph_command() is None,
                       reason="oxigraph serve is not installed (pip install '.[test]')"),
]

SOURCE_1 = "seeds/001_ec3ccedffc4e3916.txt"


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    srv = OxigraphServer().start()
    yield srv
    srv.stop()


def export(store: str, cwd: Path, name: str, *options: str) -> rdflib.Graph:
    out = cwd / f"{name}.nt"
    run_kg("export", "--store", store, *options, "--format", "ntriples", "-o", str(out), cwd=cwd)
    return rdflib.Graph().parse(out, format="nt")


def without_runs(g: rdflib.Graph) -> rdflib.Graph:
    """The graph less the build-run nodes and the links to them (their ids are times)."""
    runs = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(PROV + "Activity")))
    generated = rdflib.URIRef(PROV + "wasGeneratedBy")
    out = rdflib.Graph()
    for s, p, o in g:
        if s not in runs and p != generated:
            out.add((s, p, o))
    return out


def rows(results_json: str) -> list[dict[str, str]]:
    """SPARQL JSON rows, with GROUP_CONCAT lists sorted (engines join in any order)."""
    out = [{var: " | ".join(sorted(cell["value"].split(" | "))) for var, cell in row.items()}
           for row in json.loads(results_json)["results"]["bindings"]]
    return sorted(out, key=lambda r: sorted(r.items()))


GRAPH = ("--graph", "https://example.org/news")


@pytest.fixture(scope="module")
def built(server: OxigraphServer, seeds_dir: Path) -> str:
    """The seeds built into the server's graph GRAPH, records in rec-a; its output."""
    proc = run_kg("build", "seeds", "--store", server.query_url, *GRAPH, "--records", "rec-a", "-q",
                  cwd=seeds_dir)
    return proc.stdout


def test_build_into_an_endpoint(server: OxigraphServer, seeds_dir: Path, seeds_store: Path,
                                built: str) -> None:
    url = server.query_url
    assert "2 added" in built and f"pushed whole graph to {server.update_url}" in built
    remote = export(url, seeds_dir, "remote-a", *GRAPH)
    assert isomorphic(remote, export("rec-a", seeds_dir, "records-a"))
    assert isomorphic(without_runs(remote), without_runs(export(str(seeds_store), seeds_dir, "local")))

    again = run_kg("build", "seeds", "--store", url, *GRAPH, "--records", "rec-a", "-q", cwd=seeds_dir)
    assert "0 added" in again.stdout and "pushed" not in again.stdout  # nothing owed


def test_remove_through_an_endpoint(server: OxigraphServer, seeds_dir: Path, seeds_store: Path,
                                    built: str) -> None:
    """On a copy of the records, into a second graph (so the first stays whole):
    the copy's first push sends everything, then the removal is pushed."""
    url, graph = server.query_url, ("--graph", "https://example.org/news-removed")
    shutil.copytree(seeds_dir / "rec-a", seeds_dir / "rec-b")
    removed = run_kg("remove", SOURCE_1, "--store", url, *graph, "--records", "rec-b", cwd=seeds_dir)
    assert "removed 1 source(s)" in removed.stdout and "pushed whole graph" in removed.stdout
    shutil.copytree(seeds_store, seeds_dir / "local-b")
    run_kg("remove", SOURCE_1, "--store", "local-b", cwd=seeds_dir)
    remote = export(url, seeds_dir, "remote-b", *graph)
    assert isomorphic(remote, export("rec-b", seeds_dir, "records-b"))
    assert isomorphic(without_runs(remote), without_runs(export("local-b", seeds_dir, "local-b")))


def test_server_down_then_up(seeds_dir: Path) -> None:
    """Down: one line naming the URL, exit 1, the records kept (in .kg-remote/...).
    Up again: a build with nothing new pushes the whole graph."""
    srv = OxigraphServer(port=free_port())
    down = run_kg("build", "seeds", "--store", srv.query_url, "-q", cwd=seeds_dir, check=False)
    assert down.returncode == 1
    assert down.stderr.count("\n") == 1 and f"cannot reach SPARQL endpoint {srv.update_url}" in down.stderr
    records = seeds_dir / ".kg-remote" / f"127.0.0.1_{srv.port}_query"
    assert (records / "records.sqlite").exists()
    count = run_kg("query", "--store", str(records), "--format", "csv",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?s a prov:Entity }", cwd=seeds_dir)
    assert count.stdout.split() == ["n", "2"]

    srv.start()
    try:
        up = run_kg("build", "seeds", "--store", srv.query_url, "-q", cwd=seeds_dir)
        assert "0 added" in up.stdout and "pushed whole graph" in up.stdout
        assert isomorphic(export(srv.query_url, seeds_dir, "remote-up"),
                          export(str(records), seeds_dir, "records-up"))
    finally:
        srv.stop()


def test_reading_commands_against_an_endpoint(server: OxigraphServer, seeds_dir: Path,
                                              built: str) -> None:
    graph, url = GRAPH, server.query_url

    remote = run_kg("query", "who-visited-where", "--store", url, *graph, "--format", "json",
                    cwd=seeds_dir)
    local = run_kg("query", "who-visited-where", "--store", "rec-a", "--format", "json",
                   cwd=seeds_dir)
    assert rows(remote.stdout) == rows(local.stdout)
    assert "Tokyo" in remote.stdout

    viz_remote = run_kg("viz", "--store", url, *graph, "-o", "remote.html", cwd=seeds_dir)
    viz_local = run_kg("viz", "--store", "rec-a", "-o", "local.html", cwd=seeds_dir)
    assert viz_remote.stdout.split("(")[1] == viz_local.stdout.split("(")[1]  # same counts

    bad = run_kg("query", "SELECT ?x WHERE { ?x", "--store", url, cwd=seeds_dir, check=False)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and url in bad.stderr

    check = run_kg("check", "--store", url, *graph, "--records", "rec-a", cwd=seeds_dir)
    assert check.stdout.splitlines()[-1].startswith("OK: store rec-a")
    assert f"{url} (graph {graph[1]}) holds every one" in check.stdout

    serve = run_kg("serve", "--store", url, cwd=seeds_dir, check=False)
    assert serve.returncode == 1 and "already a SPARQL endpoint" in serve.stderr
