"""Tests for graph.visualise: the SPARQL projection, the page, figures and exports.

The store is tests/data/viz_fixture.ttl (hand-made, docs/GRAPH.md shape), loaded
into an in-memory pyoxigraph store; expected counts are read from it with
independent SPARQL, not copied from the projection.  The page in a real browser
is tested in test_visualise_browser.py.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph import visualise as viz
from graph import vocab
from graph.errors import KgError

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "viz_fixture.ttl"
ENT = vocab.ENTITY


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return s


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return viz.project(store)


def _count(store: ox.Store, where: str) -> int:
    rows = list(store.query(vocab.sparql_prefixes() + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0]["n"].value)


def _store_entities(store: ox.Store) -> int:
    return _count(store, "SELECT DISTINCT ?e WHERE { ?e a ?t . "
                         "VALUES ?t { kg:Person kg:Organization kg:Place kg:Group kg:Event } }")


def _store_entity_facts(store: ox.Store) -> int:
    return _count(store, "?st a rdf:Statement ; rdf:object ?o . FILTER(isIRI(?o))")


def _page_data(page: str) -> dict:
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert match, "the page embeds its data"
    return json.loads(match.group(1))


# ------------------------------------------------------------------ projection


def test_project_has_one_node_per_entity_and_one_edge_per_entity_fact(store, graph):
    assert graph.number_of_nodes() == _store_entities(store) == 10
    assert graph.number_of_edges() == _store_entity_facts(store) == 13
    assert all(n.startswith(ENT) for n in graph)  # ontology classes are not entities


def test_node_attributes_carry_labels_aliases_literal_facts_and_sources(graph):
    berg = graph.nodes[ENT + "anna_berg"]
    assert berg["label"] == "Anna Berg"
    assert berg["aliases"] == ["Berg"]
    assert berg["type"] == "Person" and berg["types"] == ["Person"]
    assert berg["positions"] == ["Foreign Minister"]
    assert berg["quotes"] == [{"text": "We stand with the people of Kestria,",
                               "sources": ["fixture/a.txt"]}]
    assert berg["source_count"] == 2
    assert graph.nodes[ENT + "harbour_summit"]["source_count"] == 0


def test_literal_facts_are_not_edges(graph):
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert relations.isdisjoint({"said", "holdsPosition"})
    assert "visited" in relations


def test_edge_carries_sources_and_evidence_with_offsets(graph):
    data = graph.get_edge_data(ENT + "anna_berg", ENT + "valmont", key="visited")
    assert data["source_count"] == 2
    assert [s["identifier"] for s in data["sources"]] == ["fixture/a.txt", "fixture/b.txt"]
    assert data["sources"][0]["title"] == "Minister Berg visits Valmont for harbour talks"
    sentences = [e["sentence"] for e in data["evidence"]]
    assert sentences == ["Norland Foreign Minister Anna Berg arrived in Valmont on Monday.",
                         "Anna Berg, the Norland foreign minister, visited Valmont this week."]
    first = data["evidence"][0]
    assert (first["begin"], first["end"]) == (0, len(sentences[0]))
    assert first["confidence"] == pytest.approx(0.9)
    assert data["iri"].startswith(vocab.STATEMENT)


def test_relation_label_comes_from_the_ontology_else_from_the_name(graph):
    labels = {d["relation"]: d["label"] for _, _, d in graph.edges(data=True)}
    assert labels["plansToVisit"] == "plans to visit"  # rdfs:label in the store
    assert labels["pledgedAidTo"] == "pledged aid to"
    assert labels["visited"] == "visited"  # no label in the fixture: from the name


def test_focus_matches_alias_case_insensitively_with_depth(store):
    labels = lambda g: sorted(d["label"] for _, d in g.nodes(data=True))
    assert labels(viz.project(store, focus="BERG", depth=0)) == ["Anna Berg"]
    assert labels(viz.project(store, focus="anna berg", depth=1)) == [
        "Anna Berg", "Kestria", "Norland", "Tomas Reyes", "United Nations", "Valmont"]
    two = viz.project(store, focus="Anna Berg", depth=2)
    assert "Rebel Front" in labels(two) and "Port Sella" not in labels(two)
    assert two.graph["focus"] == ["Anna Berg"]


def test_focus_on_unknown_name_says_what_to_do(store):
    with pytest.raises(KgError, match=r"no entity named 'Nobody'.*kg query entity"):
        viz.project(store, focus="Nobody")


def test_relation_and_source_filters_drop_edges_and_the_entities_left_alone(store):
    hosted = viz.project(store, relations=["hosted"])
    assert hosted.number_of_edges() == 2
    assert sorted(d["label"] for _, d in hosted.nodes(data=True)) == [
        "Anna Berg", "Tomas Reyes", "United Nations"]
    corroborated = viz.project(store, min_sources=2)
    assert corroborated.number_of_edges() == 4
    assert all(d["source_count"] >= 2 for _, _, d in corroborated.edges(data=True))


@pytest.mark.parametrize("kwargs", [{"relations": ["visted"]}, {"min_sources": 0}, {"depth": -1}])
def test_bad_arguments_raise_kg_error(store, kwargs):
    with pytest.raises(KgError):
        viz.project(store, **kwargs)


def test_empty_store_gives_an_empty_graph_that_still_renders(tmp_path):
    g = viz.project(ox.Store())
    assert g.number_of_nodes() == 0
    assert _page_data(viz.render_html(g))["nodes"] == []
    viz.render_static(g, str(tmp_path / "empty.png"), "png")
    assert (tmp_path / "empty.png").stat().st_size > 0


# ------------------------------------------------------------------ page


def test_page_is_self_contained(graph):
    page = viz.render_html(graph, title="Fixture <graph>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|img|iframe)[^>]+src=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]+href=", page, re.IGNORECASE)
    assert "vis-network" in page and "@license" in page  # the library is inlined
    assert "<title>Fixture &lt;graph&gt;</title>" in page
    data = _page_data(page)
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 13
    assert data["laidOut"] and all("x" in n for n in data["nodes"])
    assert data["notes"] == []  # everything is shown: nothing to warn about


def test_page_data_cannot_break_out_of_its_script_element():
    g = nx.MultiDiGraph()
    evil = "</script><script>alert(1)</script><!--"
    g.add_node("a", label=evil, aliases=[], type="Person", types=["Person"], iri="a")
    page = viz.render_html(g)
    assert "alert(1)</script>" not in page
    assert _page_data(page)["nodes"][0]["label"] == evil


def _synthetic(n: int, extra_edges: int = 0) -> nx.MultiDiGraph:
    """A path of ``n`` entities (plus chords), for the size limits."""
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"e{i}", label=f"Entity {i}", aliases=[], type=viz.ENTITY_TYPES[i % 5],
                   types=[], iri=f"e{i}", source_count=1)
    edges = [(i, i + 1) for i in range(n - 1)] + [(i, (i * 7 + 3) % n) for i in range(extra_edges)]
    for a, b in edges:
        g.add_edge(f"e{a}", f"e{b}", key="metWith", relation="metWith", label="met with",
                   sources=[], source_count=1, evidence=[])
    return g


def test_page_caps_nodes_and_says_how_much_is_shown():
    g = _synthetic(50, extra_edges=10)
    data = _page_data(viz.render_html(g, max_nodes=12))
    assert len(data["nodes"]) == 12
    assert any("12 most connected of 50" in note for note in data["notes"])
    kept = {n["label"] for n in data["nodes"]}
    assert all(data["nodes"][0]["degree"] >= n["degree"] for n in data["nodes"])
    assert len(kept) == 12


def test_large_graph_is_laid_out_by_the_page_with_labels_capped():
    g = _synthetic(viz.PY_LAYOUT_MAX_NODES + 50, extra_edges=100)
    data = _page_data(viz.render_html(g))
    assert not data["laidOut"] and "x" not in data["nodes"][0]
    assert sum(n["showLabel"] for n in data["nodes"]) == viz.HTML_LABEL_CAP
    assert not data["edgeLabels"]
    assert any("Labels on the" in note for note in data["notes"])


def test_communities_are_computed_on_request(graph):
    assert "community" not in _page_data(viz.render_html(graph))["nodes"][0]
    data = _page_data(viz.render_html(graph, communities=True))
    assert data["communities"] is True
    groups = {n["community"] for n in data["nodes"]}
    assert len(groups) >= 2 and min(groups) == 0


# ------------------------------------------------------------------ layout


def _overlaps(pos, sizes) -> list[tuple]:
    keys = list(pos)
    bad = []
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            dx, dy = abs(pos[a][0] - pos[b][0]), abs(pos[a][1] - pos[b][1])
            if dx < (sizes[a][0] + sizes[b][0]) / 2 and dy < (sizes[a][1] + sizes[b][1]) / 2:
                bad.append((a, b))
    return bad


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_layout_leaves_no_box_overlapping_another(seed):
    g = nx.gnm_random_graph(40, 60, seed=seed)
    sizes = {n: (40.0 + 9 * (n % 7) * 3, 36.0) for n in g}
    pos = viz.layout(g, sizes, unit=100.0)
    assert set(pos) == set(g)
    assert _overlaps(pos, sizes) == []


def test_layout_keeps_single_nodes_beside_the_main_component():
    g = nx.path_graph(6)
    g.add_nodes_from(["lone1", "lone2"])
    sizes = {n: (60.0, 30.0) for n in g}
    pos = viz.layout(g, sizes, unit=100.0)
    main_right = max(pos[n][0] for n in range(6))
    assert all(pos[n][0] > main_right for n in ("lone1", "lone2"))


# ------------------------------------------------------------------ static figures


def test_png_of_the_fixture_has_the_asked_size_and_is_not_blank(graph, tmp_path):
    from PIL import Image

    path = tmp_path / "graph.png"
    viz.render_static(graph, str(path), "png", width_px=1600, height_px=1200)
    with Image.open(path) as img:
        assert img.size == (1600, 1200)
        rgb = img.convert("RGB")
        colours = {c for _, c in rgb.getcolors(maxcolors=1 << 20)}
        non_white = sum(n for n, c in rgb.getcolors(maxcolors=1 << 20) if c != (255, 255, 255))
    assert non_white > 0.01 * 1600 * 1200
    for kind in ("Person", "Organization", "Place", "Group"):  # every type with a fact
        hex_colour = viz.TYPE_COLOURS[kind]
        assert tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)) in colours


def test_svg_names_every_entity_and_parses(graph, tmp_path):
    path = tmp_path / "graph.svg"
    viz.render_static(graph, str(path), "svg", width_px=800, height_px=600)
    root = ET.parse(path).getroot()
    assert root.get("width") == "576pt" and root.get("height") == "432pt"  # 800 x 600 px at 100 dpi
    text = path.read_text(encoding="utf-8")
    for label in ("Anna Berg", "Port Sella", "Kestrians", "pledged aid to"):
        assert f"<!-- {label} -->" in text  # matplotlib marks each text it draws as glyphs
    # an entity with no fact is left out of a figure, and the figure says so
    assert "<!-- Harbour Summit -->" not in text
    assert "1 entity with no fact not drawn" in text


def test_static_rejects_unknown_format(graph, tmp_path):
    with pytest.raises(KgError, match="png, svg"):
        viz.render_static(graph, str(tmp_path / "g.gif"), "gif")


# ------------------------------------------------------------------ graph files


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_file_reads_back_with_the_store_counts(store, graph, tmp_path, fmt, read):
    path = tmp_path / f"graph.{fmt}"
    viz.write_graph_file(graph, str(path), fmt)
    back = read(path)
    assert back.number_of_nodes() == _store_entities(store)
    assert back.number_of_edges() == _store_entity_facts(store)
    berg = back.nodes[ENT + "anna_berg"]
    assert berg["label"] == "Anna Berg" and berg["type"] == "Person"
    assert int(berg["source_count"]) == 2 and berg["aliases"] == "Berg"
    edge = next(d for _, v, d in back.out_edges(ENT + "anna_berg", data=True)
            if v == ENT + "valmont")
    assert edge["relation"] == "visited" and int(edge["source_count"]) == 2
    assert edge["sources"] == "fixture/a.txt | fixture/b.txt"


def test_graph_file_writes_to_a_buffer_and_rejects_unknown_format(graph):
    buf = io.BytesIO()
    viz.write_graph_file(graph, buf, "graphml")
    assert nx.read_graphml(io.BytesIO(buf.getvalue())).number_of_nodes() == 10
    with pytest.raises(KgError, match="graphml, gexf"):
        viz.write_graph_file(graph, io.BytesIO(), "dot")
