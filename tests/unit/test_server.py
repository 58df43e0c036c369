"""The SPARQL endpoint (real client and raw HTTP), its limits, the page API and the page.

One server runs for the whole module, on a hand-written graph (tests/data/
server_fixture.ttl) and a temporary queries folder, so nothing here depends on the
extraction pipeline.  Browser tests need Debian's chromium and the playwright
package; they are skipped cleanly without them.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.client
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
import uvicorn

from graph import vocab
from graph.server import (
    Busy,
    QueryPool,
    ServerConfig,
    TimedOut,
    _GraphHandle,
    _Job,
    create_app,
    graph_from_file,
    negotiate,
    query_form,
    refusal_reason,
)

FIXTURE = Path(__file__).parent.parent / "data" / "server_fixture.ttl"
ENT = vocab.ENTITY
MAX_RESULTS = 20
MAX_BODY = 20_000
TIMEOUT_S = 2.0
# A cross join of the fixture with itself five times: ~8e9 rows to count, minutes of work.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"

QUERIES = {
    "who_visited.rq": "# Who visited which place\n"
                      "SELECT ?person ?place WHERE { ?person kg:visited ?place } ORDER BY ?person\n",
    "people_positions.rq": "# Positions people hold\n"
                           "SELECT ?person ?position WHERE { ?person kg:holdsPosition ?position }\n",
    "remote.rq": "# never listed: it would reach out\n"
                 "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running server on 127.0.0.1 over the fixture graph."""
    root = tmp_path_factory.mktemp("server")
    queries = root / "queries"
    queries.mkdir()
    for name, text in QUERIES.items():
        (queries / name).write_text(text, encoding="utf-8")
    config = ServerConfig(store_path=str(root / "store"), port=_free_port(),
                          query_timeout_s=TIMEOUT_S, max_results=MAX_RESULTS,
                          max_body_bytes=MAX_BODY, queries_dir=str(queries),
                          workers=2, queue_wait_s=5.0)
    app = create_app(config, open_graph=functools.partial(graph_from_file, str(FIXTURE)))
    with _running(app, config.port) as url:
        yield url


@contextlib.contextmanager
def _running(app: Any, port: int) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on 127.0.0.1:``port`` while the block runs."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _get(base_url: str, query: str, accept: str | None = None) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(f"{base_url}/sparql", params={"query": query}, headers=headers, timeout=30)


# ------------------------------------------------------------------ pure functions


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_refusal_reason_refuses_updates_and_service(query: str) -> None:
    assert refusal_reason(query)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p "SERVICE or INSERT" }  # LOAD in a comment',
    "SELECT ?delete WHERE { ?delete kg:visited <http://example.org/service> }",
])
def test_refusal_reason_lets_plain_queries_through(query: str) -> None:
    assert refusal_reason(query) is None


def test_query_form_skips_prologue_and_prefixed_names() -> None:
    assert query_form("PREFIX ask: <http://x/> SELECT ?s { ?s ask:p ?o }") == "SELECT"
    assert query_form("# SELECT\nCONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("nonsense") is None


def test_negotiate_honours_q_values_wildcards_and_order() -> None:
    offers = [("application/sparql-results+json", "JSON"), ("text/csv", "CSV")]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("text/csv", offers) == offers[1]
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", offers) == offers[0]
    assert negotiate("text/*", offers) == offers[1]
    assert negotiate("*/*;q=0.1, text/csv;q=0", offers) == offers[0]
    assert negotiate("image/png", offers) is None


def test_graph_handle_reopens_when_current_changes(tmp_path: Path) -> None:
    data = tmp_path / "g.ttl"
    data.write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    current = tmp_path / "CURRENT"
    current.write_text("graph-1", encoding="ascii")
    handle = _GraphHandle(functools.partial(graph_from_file, str(data)), current)
    assert len(handle.get()) == 1
    data.write_text("<http://e/a> <http://e/p> <http://e/b>, <http://e/c> .\n", encoding="utf-8")
    assert len(handle.get()) == 1, "same generation: the open graph is kept"
    current.write_text("graph-2", encoding="ascii")
    assert len(handle.get()) == 2


def test_create_app_refuses_an_unpicklable_opener() -> None:
    with pytest.raises(ValueError, match="picklable"):
        create_app(ServerConfig(store_path="unused"), open_graph=lambda: graph_from_file(str(FIXTURE)))


def test_pool_answers_busy_and_timed_out_instead_of_hanging() -> None:
    opener = functools.partial(graph_from_file, str(FIXTURE))

    async def scenario() -> None:
        pool = QueryPool(opener, "/nonexistent/CURRENT", size=1, timeout_s=1.0, queue_wait_s=0.3)
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.run(_Job("rows", text=SLOW_QUERY)))
            await asyncio.sleep(0.1)
            with pytest.raises(Busy):
                await pool.run(_Job("rows", text="SELECT * { ?s ?p ?o } LIMIT 1"))
            with pytest.raises(TimedOut):
                await slow
            outcome = await pool.run(_Job("rows", text="ASK { ?s ?p ?o }"))
            assert outcome[0] == "error" and outcome[1] == 400  # ASK is not rows: worker alive
        finally:
            await pool.stop()

    asyncio.run(scenario())


# ------------------------------------------------------------------ real SPARQL client


def _wrapper(base_url: str, query: str) -> Any:
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery(query)
    client.setTimeout(30)
    return client


def test_sparqlwrapper_select_json_get_and_post(base_url: str) -> None:
    from SPARQLWrapper import JSON, POST, POSTDIRECTLY

    query = "SELECT ?place WHERE { ent:maria_ortega kg:visited ?place }"
    for method, request_method in ((None, None), (POST, None), (POST, POSTDIRECTLY)):
        client = _wrapper(base_url, query)
        client.setReturnFormat(JSON)
        if method:
            client.setMethod(method)
        if request_method:
            client.setRequestMethod(request_method)
        data = client.queryAndConvert()
        places = [b["place"]["value"] for b in data["results"]["bindings"]]
        assert places == [ENT + "valparaiso"]


def test_sparqlwrapper_ask_xml_and_construct_turtle(base_url: str) -> None:
    from SPARQLWrapper import JSON, TURTLE, XML

    client = _wrapper(base_url, "ASK { ent:maria_ortega kg:metWith ent:lars_holm }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True

    client = _wrapper(base_url, "SELECT ?label WHERE { ent:valparaiso rdfs:label ?label }")
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Valparaíso"]

    client = _wrapper(base_url, "CONSTRUCT WHERE { ?s kg:visited ?o }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert set(graph) == {(rdflib.URIRef(ENT + "maria_ortega"), rdflib.URIRef(vocab.KG + "visited"),
                          rdflib.URIRef(ENT + "valparaiso"))}


def test_sparqlwrapper_sees_a_malformed_query_as_bad_request(base_url: str) -> None:
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = _wrapper(base_url, "SELECT ?s WHERE { ?s ?p ")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        client.query()


# ------------------------------------------------------------------ raw HTTP: formats


def test_csv_and_tsv_results(base_url: str) -> None:
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER(?s = ent:valparaiso) }"
    csv_response = _get(base_url, query, "text/csv")
    assert csv_response.status_code == 200
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert csv_response.text.splitlines() == ["s,label", f"{ENT}valparaiso,Valparaíso"]
    tsv_response = _get(base_url, query, "text/tab-separated-values")
    assert tsv_response.text.splitlines() == ["?s\t?label", f'<{ENT}valparaiso>\t"Valparaíso"']


def test_construct_as_ntriples_and_jsonld(base_url: str) -> None:
    query = "CONSTRUCT WHERE { ?s kg:metWith ?o }"
    nt = _get(base_url, query, "application/n-triples")
    assert nt.headers["content-type"].startswith("application/n-triples")
    assert nt.text.strip() == f"<{ENT}maria_ortega> <{vocab.KG}metWith> <{ENT}lars_holm> ."
    jsonld = _get(base_url, query, "application/ld+json")
    graph = rdflib.Graph().parse(data=jsonld.text, format="json-ld")
    assert len(graph) == 1


def test_describe_gives_turtle_by_default(base_url: str) -> None:
    response = _get(base_url, "DESCRIBE ent:lars_holm", "*/*")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (rdflib.URIRef(ENT + "lars_holm"), rdflib.RDFS.label, rdflib.Literal("Lars Holm")) in graph


# ------------------------------------------------------------------ raw HTTP: errors


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "GET", "params": {"query": "SELECT WHERE {"}}, 400),
    ({"method": "GET", "params": {}}, 400),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ({"method": "GET", "params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406),
    ({"method": "GET", "params": {"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
      "headers": {"Accept": "text/csv"}}, 406),
    ({"method": "POST", "content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ({"method": "POST", "content": "query=" + "x" * (MAX_BODY + 1),
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 413),
    ({"method": "PUT", "content": "ASK {}"}, 405),
])
def test_protocol_errors(base_url: str, request_kwargs: dict[str, Any], status: int) -> None:
    response = httpx.request(url=f"{base_url}/sparql", timeout=30, **request_kwargs)
    assert response.status_code == status, response.text


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "params": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
    {"method": "POST", "data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
    {"method": "POST", "content": "LOAD <http://example.org/x.ttl>",
     "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "POST", "content": "LOAD <http://example.org/x.ttl>",
     "headers": {"Content-Type": "application/sparql-query"}},
])
def test_updates_are_refused_with_a_message(base_url: str, request_kwargs: dict[str, Any]) -> None:
    response = httpx.request(url=f"{base_url}/sparql", timeout=30, **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text


def test_service_is_refused_and_no_request_leaves(base_url: str) -> None:
    """A listener on loopback stands for a remote endpoint: it must see no connection."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        response = _get(base_url, query)
        assert response.status_code == 403
        assert "SERVICE" in response.text
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


def test_result_limit_gives_an_error_not_a_cut(base_url: str) -> None:
    over = _get(base_url, "SELECT * WHERE { ?s ?p ?o }")
    assert over.status_code == 422
    assert f"more than {MAX_RESULTS}" in over.text
    within = _get(base_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert len(within.json()["results"]["bindings"]) == 5


def test_slow_query_times_out_while_others_are_answered(base_url: str) -> None:
    outcome: dict[str, Any] = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["response"] = _get(base_url, SLOW_QUERY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    fast = _get(base_url, "ASK { ent:maria_ortega kg:visited ent:valparaiso }")
    fast_seconds = time.monotonic() - started
    thread.join(timeout=30)
    assert fast.json()["boolean"] is True
    assert fast_seconds < 1.0, f"a fast query waited {fast_seconds:.2f} s behind a slow one"
    assert outcome["response"].status_code == 503
    assert "time limit" in outcome["response"].text
    assert outcome["seconds"] < TIMEOUT_S + 2
    after = _get(base_url, "ASK { ?s ?p ?o }")  # the killed worker was replaced
    assert after.json()["boolean"] is True


# ------------------------------------------------------------------ graph store protocol


def test_graph_store_get_default_is_the_whole_graph(base_url: str) -> None:
    response = httpx.get(f"{base_url}/rdf-graph-store?default", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    served = rdflib.Graph().parse(data=response.text, format="turtle")
    expected = rdflib.Graph().parse(FIXTURE, format="turtle")
    assert len(served) == len(expected)
    nt = httpx.get(f"{base_url}/rdf-graph-store?default",
                   headers={"Accept": "application/n-triples"}, timeout=30)
    assert len(nt.text.strip().splitlines()) == len(expected)


def test_graph_store_named_graph_and_bad_requests(base_url: str) -> None:
    missing = httpx.get(f"{base_url}/rdf-graph-store",
                        params={"graph": "http://example.org/nothing"}, timeout=30)
    assert missing.status_code == 404
    assert httpx.get(f"{base_url}/rdf-graph-store", timeout=30).status_code == 400
    assert httpx.get(f"{base_url}/rdf-graph-store", params={"graph": "bad iri>"},
                     timeout=30).status_code == 400
    assert httpx.delete(f"{base_url}/rdf-graph-store?default", timeout=30).status_code == 405


# ------------------------------------------------------------------ static files


def _raw_get(base_url: str, path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as written (httpx would normalise ../)."""
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
    "/app/../server.py", "/app/../../graph/server.py", "/app/%2e%2e/server.py",
    "/vendor/..%2fapp/index.html/../../server.py", "/app/..%2f..%2fserver.py",
])
def test_static_files_never_leave_their_folder(base_url: str, path: str) -> None:
    status, body = _raw_get(base_url, path)
    assert status == 404
    assert b"def create_app" not in body


def test_page_and_its_assets_are_served_locally(base_url: str) -> None:
    page = httpx.get(base_url + "/", timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "http://" not in page.text and "https://" not in page.text
    for asset in ("/app/app.js", "/app/app.css", "/vendor/codemirror/codemirror.js",
                  "/vendor/codemirror/sparql.js"):
        assert httpx.get(base_url + asset, timeout=30).status_code == 200, asset


# ------------------------------------------------------------------ page API


def test_api_queries_lists_the_folder_without_refused_ones(base_url: str) -> None:
    queries = httpx.get(f"{base_url}/api/queries", timeout=30).json()["queries"]
    assert [q["name"] for q in queries] == ["people_positions", "who_visited"]
    assert queries[1]["title"] == "Who visited which place"


def test_api_search_finds_entities_by_any_label(base_url: str) -> None:
    def search(text: str) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = httpx.get(
            f"{base_url}/api/search", params={"q": text}, timeout=30).json()["results"]
        return results

    hits = search("minister ORTEGA")
    assert hits[0]["iri"] == ENT + "maria_ortega"
    assert hits[0]["label"] == "Maria Ortega" and hits[0]["types"] == ["Person"]
    assert [h["label"] for h in search("the council")] == ["Nordic Council"]
    assert search('"} } SELECT') == []  # quotes and braces are data, not syntax


def test_api_entity_shows_names_types_and_facts(base_url: str) -> None:
    entity = httpx.get(f"{base_url}/api/entity", params={"iri": ENT + "lars_holm"},
                       timeout=30).json()
    assert entity["label"] == "Lars Holm" and entity["altLabels"] == ["Holm"]
    [fact] = entity["facts"]
    assert fact["direction"] == "in" and fact["other"]["label"] == "Maria Ortega"
    assert fact["predicate"]["label"] == "met with" and fact["sources"] == 1
    unknown = httpx.get(f"{base_url}/api/entity", params={"iri": ENT + "nobody"}, timeout=30)
    assert unknown.status_code == 404


def test_api_sources_links_a_row_to_its_sentences(base_url: str) -> None:
    row = [{"type": "uri", "value": ENT + "maria_ortega"}, {"type": "uri", "value": ENT + "valparaiso"}]
    data = httpx.post(f"{base_url}/api/sources", json={"terms": row}, timeout=30).json()
    assert data["mode"] == "pairs"
    [statement] = data["statements"]
    assert statement["predicate"]["label"] == "visited"
    sentences = {e["sentence"] for e in statement["evidence"]}
    assert sentences == {"Foreign Minister Maria Ortega arrived in Valparaíso on Monday.",
                         "Ortega toured the port of Valparaíso last week."}
    assert {e["source"]["identifier"] for e in statement["evidence"]} == {
        "fixture/ortega_visit.txt", "fixture/port_week.txt"}
    assert {"Maria Ortega", "Ortega", "Valparaíso"} <= set(data["marks"])
    literal_row = [row[0], {"type": "literal", "value": "Foreign Minister"}]
    literal = httpx.post(f"{base_url}/api/sources", json={"terms": literal_row}, timeout=30).json()
    assert [s["statement"].rsplit("/", 1)[1] for s in literal["statements"]] == ["s3"]
    labels_row = [{"type": "literal", "value": "Maria Ortega"}, {"type": "literal", "value": "Valparaíso"}]
    by_label = httpx.post(f"{base_url}/api/sources", json={"terms": labels_row}, timeout=30).json()
    assert by_label["mode"] == "pairs"
    assert [s["statement"].rsplit("/", 1)[1] for s in by_label["statements"]] == ["s1"]
    about = httpx.post(f"{base_url}/api/sources", json={"terms": [row[1]]}, timeout=30).json()
    assert about["mode"] == "about" and len(about["statements"]) == 1


def test_api_labels_and_bad_iris(base_url: str) -> None:
    labels = httpx.post(f"{base_url}/api/labels", timeout=30,
                        json={"iris": [ENT + "valparaiso", ENT + "nobody"]}).json()["labels"]
    assert labels == {ENT + "valparaiso": "Valparaíso"}
    bad = httpx.post(f"{base_url}/api/labels", json={"iris": ["x> } DROP ALL"]}, timeout=30)
    assert bad.status_code == 400 and "IRI" in bad.json()["error"]


# ------------------------------------------------------------------ the page in a browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def browser_page(base_url: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850}, accept_downloads=True)
        page.foreign_requests = []  # type: ignore[attr-defined]
        page.on("request", lambda r: r.url.startswith(base_url) or r.url.startswith("blob:")
                or r.url.startswith("data:") or page.foreign_requests.append(r.url))
        page.goto(base_url + "/")
        yield page
        browser.close()


@pytest.mark.browser
def test_page_named_query_fills_the_table_with_labels(browser_page: Any) -> None:
    page = browser_page
    page.click("#query-list button[data-query='who_visited']")
    page.wait_for_selector("#results-table tbody tr")
    cells = page.locator("#results-table tbody tr").first.locator("td").all_inner_texts()
    assert cells[1:3] == ["Maria Ortega", "Valparaíso"]
    assert page.locator(".CodeMirror .cm-keyword").count() > 0  # SELECT is highlighted
    with page.expect_download() as download_info:
        page.click("#download-csv")
    csv_text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "person,place"


@pytest.mark.browser
def test_page_row_leads_to_its_highlighted_sentences(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    page.click("#query-list button[data-query='who_visited']")
    page.wait_for_selector("#results-table tbody tr")
    page.locator("#results-table tbody tr").first.locator(".sources-btn").click()
    page.wait_for_selector("#panel .evidence mark")
    sentences = page.locator("#panel .evidence .sentence").all_inner_texts()
    assert "Foreign Minister Maria Ortega arrived in Valparaíso on Monday." in sentences
    marked = set(page.locator("#panel .evidence mark").all_inner_texts())
    assert {"Maria Ortega", "Valparaíso", "Ortega"} <= marked
    page.screenshot(path=str(tmp_path / "sources.png"))


@pytest.mark.browser
def test_page_search_shows_everything_about_an_entity(browser_page: Any) -> None:
    page = browser_page
    page.fill("#search-input", "minister ortega")
    page.wait_for_selector(".search-hit")
    page.locator(".search-hit").first.click()
    page.wait_for_selector("#entity-name")
    assert page.inner_text("#entity-name") == "Maria Ortega"
    facts = page.locator("#panel .fact").all_inner_texts()
    assert any("visited" in f and "Valparaíso" in f for f in facts)
    page.locator("#panel .fact", has_text="Valparaíso").locator(".sources-btn").click()
    page.wait_for_selector("#panel .evidence")
    assert page.locator("#panel .evidence").count() == 2
    assert page.foreign_requests == []


# ------------------------------------------------------------------ /viz: the picture, served


def _fixture_graph() -> Any:
    return graph_from_file(str(FIXTURE))


def _page_data(html: str) -> dict[str, Any]:
    """The graph data a /viz page carries (its kg-data script element)."""
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html,
                      re.DOTALL)
    assert match, "no kg-data in the page"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_viz_is_the_kg_viz_page_of_the_served_graph(base_url: str) -> None:
    from graph.visualise import project, render_html

    page = httpx.get(base_url + "/viz", timeout=60)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text == render_html(project(_fixture_graph()))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.text)  # nothing from a CDN
    assert "Content-Security-Policy" in page.text and "default-src 'none'" in page.text
    again = httpx.get(base_url + "/viz", timeout=60)
    assert again.content == page.content


@pytest.mark.parametrize(("params", "options"), [
    ({"focus": "maria ortega", "depth": "1"}, {"focus": "maria ortega", "depth": 1}),
    ({"relation": "visited", "min_sources": "2"}, {"relations": ["visited"], "min_sources": 2}),
    ({"relation": ["visited", "metWith"]}, {"relations": ["metWith", "visited"]}),
])
def test_viz_takes_the_options_of_kg_viz(base_url: str, params: dict[str, Any],
                                         options: dict[str, Any]) -> None:
    from graph.visualise import project, render_html

    page = httpx.get(base_url + "/viz", params=params, timeout=60)
    assert page.status_code == 200, page.text
    assert page.text == render_html(project(_fixture_graph(), **options))
    assert len(_page_data(page.text)["nodes"]) < len(_page_data(render_html(
        project(_fixture_graph())))["nodes"])


def test_viz_colours_communities_on_request(base_url: str) -> None:
    data = _page_data(httpx.get(base_url + "/viz?communities=1", timeout=60).text)
    assert data["communities"] is True
    assert _page_data(httpx.get(base_url + "/viz", timeout=60).text)["communities"] is False


@pytest.mark.parametrize(("query", "needle"), [
    ("focus=Nobody%20At%20All", "no entity named 'Nobody At All'"),
    ("depth=-1", "depth must be 0 or more"),
    ("depth=two", "depth must be a whole number"),
    ("min_sources=0", "min_sources must be 1 or more"),
    ("relation=teleportedTo", "unknown relation teleportedTo"),
    ("colour=red", "unknown parameter colour"),
    ("depth=1&depth=2", "give 'depth' once"),
    ("communities=maybe", "communities must be 1 or 0"),
])
def test_viz_bad_options_are_a_400_with_one_line(base_url: str, query: str, needle: str) -> None:
    response = httpx.get(f"{base_url}/viz?{query}", timeout=60)
    assert response.status_code == 400
    assert needle in response.text and response.text.count("\n") == 1


def test_viz_follows_the_current_graph_of_a_store(tmp_path: Path) -> None:
    """A build or remove switches CURRENT; the next /viz draws the new graph."""
    import pyoxigraph as ox

    from graph.store import GraphStore

    triples = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TURTLE))
    visited = ox.NamedNode(vocab.KG + "visited")
    store = GraphStore.open(tmp_path / "store", create=True)
    store.replace_graph(ox.Quad(t.subject, t.predicate, t.object) for t in triples
                        if t.predicate != visited)
    config = ServerConfig(store_path=str(tmp_path / "store"), port=_free_port(), workers=1,
                          queries_dir=str(tmp_path))
    with _running(create_app(config), config.port) as url:
        before = _page_data(httpx.get(url + "/viz", timeout=60).text)
        assert "visited" not in {r["name"] for r in before["relations"]}
        store.replace_graph(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        after = _page_data(httpx.get(url + "/viz", timeout=60).text)
        assert "visited" in {r["name"] for r in after["relations"]}
        assert after["stats"]["facts"] > before["stats"]["facts"]
    store.close()


@pytest.mark.browser
def test_viz_page_draws_in_the_browser_from_the_app_link(browser_page: Any, base_url: str,
                                                         tmp_path: Path) -> None:
    from graph.visualise import project

    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/")
    page.click("a[href='/viz']")
    page.wait_for_url(base_url + "/viz")
    deadline = time.monotonic() + 30
    while not page.evaluate("window.kgViz !== undefined && kgViz.network !== undefined"):
        assert time.monotonic() < deadline, "the picture was not drawn"
        page.wait_for_timeout(100)
    g = project(_fixture_graph())
    with_facts = sum(1 for n in g if g.degree(n) > 0)
    assert len(page.evaluate("kgViz.drawnNodeIds()")) == with_facts
    assert len(page.evaluate("kgViz.drawnEdgeIds()")) == g.number_of_edges()
    page.screenshot(path=str(tmp_path / "viz.png"))
    assert (tmp_path / "viz.png").stat().st_size > 20_000
    assert errors == [] and page.foreign_requests == []
    page.goto(base_url + "/")  # leave the page as the other browser tests expect it
