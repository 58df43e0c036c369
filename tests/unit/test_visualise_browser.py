"""The `kg viz` page in a real headless browser (Debian's chromium via Playwright).

Needs: the Python package ``playwright`` (pip; no ``playwright install``: the
browser is the system's) and ``/usr/bin/chromium`` (apt package ``chromium``).
Skipped cleanly when either is missing.  Every request the page makes is
blocked and counted: the page must make none.  Set ``KG_VIZ_SCREENSHOT_DIR``
to keep the screenshots for a look.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph import visualise as viz

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "viz_fixture.ttl"
PAGE_URL = "http://kg-viz.test/graph.html"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page_html() -> str:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return viz.render_html(viz.project(store), title="Fixture graph")


class Opened:
    """A page with the graph, its console errors and every request it tried."""

    def __init__(self, browser, html: str) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1500, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: None)

        def route(r):
            if r.request.url == PAGE_URL:
                r.fulfill(body=html, content_type="text/html; charset=utf-8")
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(PAGE_URL)
        self.wait_until("window.kgViz !== undefined")

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def wait_until(self, expr: str, timeout_s: float = 30.0) -> None:
        """Poll ``expr`` from outside the page (its CSP forbids the eval that
        ``wait_for_function`` needs)."""
        deadline = time.monotonic() + timeout_s
        while not self.js(expr):
            assert time.monotonic() < deadline, f"timed out waiting for {expr}"
            self.page.wait_for_timeout(100)

    def click_edge(self, edge_id: str) -> None:
        """Click the drawn edge itself, at a point no node covers."""
        point = self.js("""id => {
            const net = kgViz.network, e = kgViz.edges.get(id);
            const p = net.getPositions([e.from, e.to]);
            const box = document.getElementById('network').getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
              const c = {x: p[e.from].x + t * (p[e.to].x - p[e.from].x),
                         y: p[e.from].y + t * (p[e.to].y - p[e.from].y)};
              const d = net.canvasToDOM(c);
              if (net.getEdgeAt(d) === id && net.getNodeAt(d) === undefined)
                return {x: d.x + box.left, y: d.y + box.top};
            }
            return null; }""", edge_id)
        assert point is not None, f"no clear point on edge {edge_id}"
        self.page.mouse.click(point["x"], point["y"])

    def screenshot(self, tmp_path: Path, name: str) -> Path:
        folder = Path(os.environ.get("KG_VIZ_SCREENSHOT_DIR", tmp_path))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def opened(browser, page_html):
    o = Opened(browser, page_html)
    yield o
    o.page.close()


def _edge_id(o: Opened, subject: str, relation: str, obj: str) -> str:
    return o.js("""([s, r, o]) => {
        const d = kgViz.data, id = l => d.nodes.find(n => n.label === l).id;
        return d.edges.find(e => e.from === id(s) && e.to === id(o) && e.relation === r).id;
    }""", [subject, relation, obj])


def test_page_draws_every_entity_and_fact_with_no_error_and_no_request(opened, tmp_path):
    # the Harbour Summit has no fact: hidden until asked for
    assert len(opened.js("kgViz.drawnNodeIds()")) == 9
    assert len(opened.js("kgViz.drawnEdgeIds()")) == 13
    assert opened.js("Object.keys(kgViz.network.getPositions()).length") == 9
    assert "Showing 9 of 10 entities, 13 of 13 facts" in opened.page.inner_text("#status")
    opened.page.get_by_label("show 1 entity with no fact").check()
    assert len(opened.js("kgViz.drawnNodeIds()")) == 10
    shot = opened.screenshot(tmp_path, "viz-fixture.png")
    assert shot.stat().st_size > 20_000  # a drawing, not an empty canvas
    assert opened.errors == []
    assert opened.requests == []


def test_clicking_an_edge_shows_its_sources_and_highlighted_sentences(opened, tmp_path):
    opened.click_edge(_edge_id(opened, "Anna Berg", "visited", "Valmont"))
    details = opened.page.locator("#details")
    details.get_by_text("stated by 2 sources").wait_for()
    text = details.inner_text()
    assert "Norland Foreign Minister Anna Berg arrived in Valmont on Monday." in text
    assert "Anna Berg, the Norland foreign minister, visited Valmont this week." in text
    assert "Minister Berg visits Valmont for harbour talks" in text  # source title
    marked = details.locator("mark").all_inner_texts()
    assert marked.count("Anna Berg") == 2 and marked.count("Valmont") == 2
    opened.screenshot(tmp_path, "viz-fixture-edge.png")
    assert opened.errors == [] and opened.requests == []


def test_relation_filter_hides_its_edges(opened):
    opened.page.locator("#relations label", has_text="hosted").locator("input").uncheck()
    drawn = opened.js("kgViz.drawnEdgeIds()")
    assert len(drawn) == 11
    assert not any(e.endswith("-hosted") for e in drawn)
    opened.page.locator("#relations label", has_text="hosted").locator("input").check()
    assert len(opened.js("kgViz.drawnEdgeIds()")) == 13


def test_minimum_sources_shows_only_corroborated_facts(opened):
    opened.page.locator("#min-sources").fill("2")
    assert len(opened.js("kgViz.drawnEdgeIds()")) == 4
    assert len(opened.js("kgViz.drawnNodeIds()")) == 4  # entities left without facts hide
    assert "4 of 13 facts" in opened.page.inner_text("#status")


def test_type_and_source_filters(opened):
    opened.page.locator("#types label", has_text="Organization").locator("input").uncheck()
    assert len(opened.js("kgViz.drawnNodeIds()")) == 7  # 9 connected, 2 organisations
    assert len(opened.js("kgViz.drawnEdgeIds()")) == 8  # 5 facts touch an organisation
    opened.page.locator("#types label", has_text="Organization").locator("input").check()
    opened.page.locator("#sources label", has_text="Kestria thanks Norland").locator("input").uncheck()
    assert len(opened.js("kgViz.drawnEdgeIds()")) == 9  # facts stated only in fixture/a.txt


def test_search_centres_on_an_entity_by_alias(opened):
    opened.page.fill("#search", "berg")
    opened.page.press("#search", "Enter")
    opened.page.locator("#details h2", has_text="Anna Berg").wait_for()
    text = opened.page.inner_text("#details")
    assert "Foreign Minister" in text and "We stand with the people of Kestria" in text
    assert opened.js("kgViz.network.getSelectedNodes()") == [
        opened.js("kgViz.data.nodes.find(n => n.label === 'Anna Berg').id")]


def _ring_with_chords(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(i, label=f"Entity {i}", aliases=[], type=viz.ENTITY_TYPES[i % 5], iri=str(i))
    for i in range(n):
        for j in (i + 1, i * 7 + 3):
            g.add_edge(i, j % n, key="urged", relation="urged", label="urged", sources=[],
                       source_count=1, evidence=[])
    return g


def test_large_graph_stabilises_in_the_page(browser, tmp_path):
    o = Opened(browser, viz.render_html(_ring_with_chords(600)))
    o.wait_until("document.getElementById('progress').hidden", timeout_s=90)
    assert len(o.js("kgViz.drawnNodeIds()")) == 600
    assert len(o.js("kgViz.drawnEdgeIds()")) == 1200
    assert o.errors == [] and o.requests == []
    o.screenshot(tmp_path, "viz-large.png")
    o.page.close()
