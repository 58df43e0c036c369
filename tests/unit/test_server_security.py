"""Nothing gets in through a query: the endpoint and `kg query` under attack.

One server runs for the module over a real store (the mapped fixture sources of
graph_fixtures), through the same opener `kg serve` uses.  Outbound requests
are caught by a loopback listener (tests/unit/outbound.py): a refusal is
proven by a listener that hears nothing, not by the absence of an exception.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from graph_fixtures import fill_store
from outbound import Listener

from graph.server import ServerConfig, create_app, graph_from_file

ROOT = Path(__file__).resolve().parents[2]
MAX_BODY = 10_000
TIMEOUT_S = 1.5
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: A regular expression run over every combination of four literals: billions of matches.
REGEX_OF_DEATH = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?x . ?c ?d ?y . ?e ?f ?z . ?g ?h ?w "
    'FILTER(REGEX(CONCAT(STR(?x), STR(?y), STR(?z), STR(?w)), "(a|aa)+(b|bb)+$", "i")) }'
)
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?f ?l LIMIT 1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sec") / "kg"
    fill_store(str(path)).close()
    return path


@pytest.fixture(scope="module")
def base_url(store_dir: Path) -> Iterator[str]:
    config = ServerConfig(store_path=str(store_dir), port=_free_port(), query_timeout_s=TIMEOUT_S,
                          max_body_bytes=MAX_BODY, workers=2, queue_wait_s=10.0)
    server = uvicorn.Server(uvicorn.Config(create_app(config), host=config.host, port=config.port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=15)


def _count(base_url: str) -> int:
    response = httpx.get(f"{base_url}/sparql", params={"query": COUNT_ALL},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _send(base_url: str, how: str, query: str) -> httpx.Response:
    url = f"{base_url}/sparql"
    if how == "get":
        return httpx.get(url, params={"query": query}, timeout=30)
    if how == "form":
        return httpx.post(url, data={"query": query}, timeout=30)
    return httpx.post(url, content=query.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query"})


# ------------------------------------------------------------------ SERVICE

SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\U00000073ervice SILENT <{url}> { ?s ?p ?o } }",
    "PREFIX x: <http://x/> SELECT * WHERE { ?s ?p ?o . sErViCe <{url}> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o #\n SERVICE <{url}> { ?a ?b ?c } }",
    "ASK { VALUES ?u { <{url}> } SERVICE ?u { ?a ?b ?c } }",
]


@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_endpoint_refuses_service_and_nothing_leaves(base_url: str, form: str, how: str) -> None:
    with Listener() as ear:
        response = _send(base_url, how, form.replace("{url}", ear.url))
        time.sleep(0.05)
    assert response.status_code == 403, response.text
    assert "SERVICE" in response.text
    assert ear.connections == 0


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_kg_query_refuses_service_and_nothing_leaves(store_dir: Path, form: str) -> None:
    with Listener() as ear:
        proc = subprocess.run([sys.executable, "-m", "graph", "query", "--store", str(store_dir),
                               form.replace("{url}", ear.url)],
                              capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "SERVICE is not allowed" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert ear.connections == 0


@pytest.mark.parametrize("needle", [
    'x")) } SERVICE <{url}> { ?a ?b ?c } FILTER(("',
    "x\\\")) } SERVICE <{url}> { ?a ?b ?c } #",
    "x\\u0022)) } SERVICE <{url}> { ?a ?b ?c } #",
    "x'\n} SERVICE <{url}> { ?a ?b ?c }",
])
def test_page_api_search_cannot_be_turned_into_service(base_url: str, needle: str) -> None:
    with Listener() as ear:
        response = httpx.get(f"{base_url}/api/search", params={"q": needle.replace("{url}", ear.url)},
                             timeout=30)
        time.sleep(0.05)
    assert response.status_code in (200, 400), response.text
    assert ear.connections == 0


def test_page_api_terms_cannot_carry_a_query(base_url: str) -> None:
    with Listener() as ear:
        evil_iri = f"http://a> }} SERVICE <{ear.url}> {{ ?a ?b ?c }} <http://b"
        entity = httpx.get(f"{base_url}/api/entity", params={"iri": evil_iri}, timeout=30)
        labels = httpx.post(f"{base_url}/api/labels", json={"iris": [evil_iri]}, timeout=30)
        sources = httpx.post(f"{base_url}/api/sources", timeout=30, json={"terms": [
            {"type": "literal", "value": "x", "xml:lang": f"en }} SERVICE <{ear.url}> {{"},
            {"type": "literal", "value": "x", "datatype": evil_iri}]})
    assert (entity.status_code, labels.status_code, sources.status_code) == (400, 400, 400)
    assert ear.connections == 0


# ------------------------------------------------------------------ updates

@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize("update", [
    "LOAD <{url}>", "LOAD SILENT <{url}> INTO GRAPH <http://g>", "CLEAR ALL", "CLEAR DEFAULT",
    "DROP ALL", "DROP GRAPH <http://g>", "\\u0044ROP ALL", "C\\u004cEAR ALL",
    "INSERT DATA { <http://a> <http://b> <http://c> }", "DELETE WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
])
def test_updates_are_refused_and_the_graph_is_unchanged(base_url: str, how: str, update: str) -> None:
    before = _count(base_url)
    with Listener() as ear:
        response = _send(base_url, how, update.replace("{url}", ear.url))
    assert response.status_code in (400, 403), response.text
    assert ear.connections == 0
    assert _count(base_url) == before > 0


def test_sparql_update_media_type_and_update_parameter_are_refused(base_url: str) -> None:
    url = f"{base_url}/sparql"
    as_update = httpx.post(url, content=b"DROP ALL", timeout=30,
                           headers={"Content-Type": "application/sparql-update"})
    as_param = httpx.post(url, data={"update": "DROP ALL"}, timeout=30)
    assert as_update.status_code == as_param.status_code == 403
    assert _count(base_url) > 0


# ------------------------------------------------------------------ body size

def test_a_body_over_the_limit_is_refused_even_without_a_length(base_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"SELECT * WHERE { ?s ?p ?o } #"
        for _ in range(MAX_BODY // 1000 + 2):
            yield b"x" * 1000

    streamed = httpx.post(f"{base_url}/sparql", content=chunks(), timeout=30,
                          headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    assert "limit" in streamed.text


def test_page_api_bodies_have_the_same_limit(base_url: str) -> None:
    big = {"iris": ["http://example.org/" + "x" * 100] * (MAX_BODY // 50)}
    assert len(json.dumps(big)) > MAX_BODY
    assert httpx.post(f"{base_url}/api/labels", json=big, timeout=30).status_code == 413
    assert httpx.post(f"{base_url}/api/sources", json=big, timeout=30).status_code == 413


# ------------------------------------------------------------------ queries of death

@pytest.mark.parametrize("deadly", [REGEX_OF_DEATH, CARTESIAN])
def test_query_of_death_is_stopped_while_others_are_answered(base_url: str, deadly: str) -> None:
    outcome: dict[str, Any] = {}

    def attack() -> None:
        started = time.monotonic()
        outcome["response"] = _send(base_url, "get", deadly)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=attack)
    thread.start()
    time.sleep(0.3)
    answered = []
    while thread.is_alive() and len(answered) < 20:
        started = time.monotonic()
        response = _send(base_url, "get", "ASK { ?s ?p ?o }")
        answered.append((response.status_code, time.monotonic() - started))
    thread.join(timeout=30)
    assert outcome["response"].status_code == 503
    assert "time limit" in outcome["response"].text
    assert outcome["seconds"] < TIMEOUT_S + 3
    assert answered and all(status == 200 for status, _ in answered)
    assert max(seconds for _, seconds in answered) < 1.0
    assert _count(base_url) > 0  # the killed worker was replaced


# ------------------------------------------------------------------ static files

def _raw_get(base_url: str, path: str) -> tuple[int, bytes]:
    """GET with the path sent byte for byte (clients would normalise it)."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path", [
    "/app/%2e%2e%2fserver.py", "/app/%2E%2E/%2E%2E/graph/server.py", "/app/%252e%252e/server.py",
    "/app/..%5cserver.py", "/app/%5c..%5cserver.py", "/app/..\\server.py",
    "/vendor/../../../../../../etc/passwd", "/app/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/app//etc/passwd", "/app/%2fetc%2fpasswd", "/app/.%2e/server.py", "/app/..;/server.py",
    "/app/index.html%00.py", "/app/%c0%ae%c0%ae/server.py", "//etc/passwd", "/../server.py",
])
def test_static_files_never_leave_their_folder(base_url: str, path: str) -> None:
    status, body = _raw_get(base_url, path)
    assert status in (400, 404, 405), (status, body[:200])
    assert b"def create_app" not in body and b"root:" not in body


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_a_symlink_out_of_the_static_folder_is_not_followed(tmp_path: Path) -> None:
    """Starlette checks the real path; a link placed in the folder leads nowhere."""
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    from starlette.testclient import TestClient

    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "ok.txt").write_text("fine")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    (folder / "link.txt").symlink_to(secret)
    client = TestClient(Starlette(routes=[Mount("/app", app=StaticFiles(directory=folder))]))
    assert client.get("/app/ok.txt").text == "fine"
    assert client.get("/app/link.txt").status_code == 404


# ------------------------------------------------------------------ binding

def test_the_default_bind_address_is_loopback() -> None:
    from graph.cli import _parser

    assert ServerConfig(store_path="x").host == "127.0.0.1"
    args = _parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_kg_serve_listens_on_loopback_only(store_dir: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", str(store_dir),
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _listening_addresses(port):
            assert proc.poll() is None, "kg serve exited"
            assert time.monotonic() < deadline, "kg serve did not start listening"
            time.sleep(0.1)
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


# ------------------------------------------------------------------ JSON-LD

def test_exported_json_ld_names_no_remote_context(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"
    with Listener() as ear:
        subprocess.run([sys.executable, "-m", "graph", "export", "--store", str(store_dir),
                        "--format", "jsonld", "-o", str(out)], check=True, timeout=120)
        parsed = list(ox.parse(path=str(out), format=ox.RdfFormat.JSON_LD))
    assert parsed and ear.connections == 0
    assert '"@context"' not in out.read_text(encoding="utf-8") or not _remote_contexts(
        json.loads(out.read_text(encoding="utf-8")))


def _remote_contexts(node: Any) -> list[str]:
    """Every ``@context`` value in a JSON-LD document that is a URL."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                values = value if isinstance(value, list) else [value]
                found += [v for v in values if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


def test_construct_as_json_ld_names_no_remote_context(base_url: str) -> None:
    response = httpx.get(f"{base_url}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/ld+json"}, timeout=30)
    assert response.status_code == 200
    assert _remote_contexts(response.json()) == []


def test_reading_json_ld_never_fetches_a_remote_context(tmp_path: Path) -> None:
    with Listener() as ear:
        doc = tmp_path / "remote.jsonld"
        doc.write_text(json.dumps({"@context": ear.url, "@id": "http://a", "name": "x"}))
        with pytest.raises(SyntaxError, match="remote context"):
            graph_from_file(str(doc))
        time.sleep(0.05)
    assert ear.connections == 0
