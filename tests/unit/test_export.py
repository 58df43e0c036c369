"""graph.export: every format parses back, with rdflib and with raptor's rapper."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from graph_fixtures import fill_store, two_sources
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import KgError
from graph.export import EXPORT_FORMATS, export_graph
from graph.mapping import map_to_rdf
from graph.model import Entity, EntityKind, Resolution
from graph.store import GraphStore

RAPPER = shutil.which("rapper")
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nquads": "nquads",
                 "ntriples": "nt", "jsonld": "json-ld"}
RAPPER_FORMAT = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "ntriples"}
NASTY = 'quote " back\\slash <angle> \t tab \r\n newline \x00\x01\x7f ctrl, emoji \U0001F600, RTL \u05e9\u05dc\u05d5\u05dd \u202e'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    s = fill_store(str(tmp_path_factory.mktemp("x") / "kg"))
    yield s
    s.close()


def export(store: GraphStore, fmt: str) -> tuple[bytes, int]:
    out = io.BytesIO()
    count = export_graph(store, fmt, out)
    return out.getvalue(), count


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_format_parses_back_with_rdflib(store: GraphStore, fmt: str) -> None:
    data, count = export(store, fmt)
    g = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    g.parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert len(g) == count > 300


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt", sorted(RAPPER_FORMAT))
def test_every_format_parses_with_rapper(store: GraphStore, fmt: str, tmp_path: Path) -> None:
    data, count = export(store, fmt)
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(data)
    done = subprocess.run([RAPPER, "-i", RAPPER_FORMAT[fmt], "-c", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert f"returned {count} triples" in done.stderr or f"returned {count} statements" in done.stderr


def test_turtle_uses_the_project_prefixes(store: GraphStore) -> None:
    data, _ = export(store, "turtle")
    text = data.decode("utf-8")
    for prefix in ("kg", "ent", "src", "prov", "nif"):
        assert f"@prefix {prefix}: <" in text
    assert "ent:antony_blinken a kg:Person" in text and "kg:visited ent:tokyo" in text


def test_unknown_format_lists_the_valid_ones(store: GraphStore) -> None:
    with pytest.raises(KgError, match="turtle, trig, nquads, ntriples, jsonld"):
        export_graph(store, "rdfxml", io.BytesIO())


def test_an_empty_store_exports_the_ontology(tmp_path: Path) -> None:
    s = GraphStore.open(tmp_path / "kg", create=True)
    data, count = export(s, "turtle")
    assert count > 100 and b"kg:metWith" in data
    s.close()


def _nasty_store(tmp_path: Path, text: str) -> GraphStore:
    sources, resolution, runs = two_sources()
    entities = dict(resolution.entities)
    entities[text] = Entity(text, EntityKind.GROUP, text, (text + "2",))
    s = GraphStore.open(tmp_path / "kg", create=True)
    s.replace_graph(map_to_rdf(sources, Resolution(entities, resolution.members), runs))
    return s


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed")
def test_nasty_text_parses_with_rapper(tmp_path: Path) -> None:
    s = _nasty_store(tmp_path, NASTY)
    for fmt in ("turtle", "ntriples"):
        data, count = export(s, fmt)
        path = tmp_path / f"nasty.{fmt}"
        path.write_bytes(data)
        done = subprocess.run([RAPPER, "-i", fmt, "-c", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert f"returned {count} triples" in done.stderr
    s.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_any_name_round_trips_through_turtle(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    s = _nasty_store(tmp_path_factory.mktemp("h"), name)
    data, count = export(s, "turtle")
    g = rdflib.Graph().parse(data=data, format="turtle")
    assert len(g) == count
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert name in labels
    s.close()


def test_exports_are_deterministic(tmp_path: Path) -> None:
    first = fill_store(str(tmp_path / "one"))
    second = fill_store(str(tmp_path / "two"))
    a, _ = export(first, "ntriples")
    b, _ = export(second, "ntriples")
    assert sorted(a.splitlines()) == sorted(b.splitlines())
    first.close()
    second.close()
