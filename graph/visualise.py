"""The graph as pictures: an interactive page, static figures, and graph-tool files.

Everything starts from :func:`project`, which reads the store **only through
SPARQL** (docs/GRAPH.md) into a networkx ``MultiDiGraph``: entities are nodes,
entity-to-entity facts are edges (keyed by relation, so one edge per fact), and
the provenance the drawing leaves out (statements, sources, sentences) rides
along as attributes, so it is one click away in the page.  Literal facts
(``holdsPosition``, ``said``) become node attributes, not edges: a quote is not
a place on a map.

Node attributes: ``iri``, ``label``, ``aliases`` (list), ``type`` (one class,
for colour), ``types`` (all), ``source_count`` (distinct sources behind any of
its facts), ``positions`` (list of str), ``quotes`` (list of
``{text, sources}``).  Edge attributes: ``relation``, ``label`` (the
ontology's label), ``iri`` (the statement), ``sources`` (list of
``{iri, identifier, title}``), ``source_count``, ``evidence`` (list of
``{source, source_iri, sentence, begin, end, confidence, rule}``).

The renderers take that graph:

* :func:`render_html` -- one self-contained page (the vendored vis-network
  library inlined, a Content-Security-Policy that forbids every request), with
  filters, search, details on click and the graph's numbers;
* :func:`render_static` -- PNG or SVG through matplotlib, labels kept apart;
* :func:`write_graph_file` -- GraphML or GEXF with scalar attributes.

Layout is computed here, not in the browser, for graphs up to
``PY_LAYOUT_MAX_NODES`` nodes, so the page opens already still; larger graphs
are stabilised by the page in short batches behind a progress bar.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable
from importlib import resources
from typing import IO, Any, TypeVar

import networkx as nx
import numpy as np
import pyoxigraph as ox

from graph import vocab
from graph.errors import KgError
from graph.model import LITERAL_RELATIONS

#: Classes an entity can have, in the order used to pick the one that colours it.
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Place", "Group", "Event")

#: One colour per class (Okabe-Ito, distinguishable with the common colour blindnesses).
TYPE_COLOURS: dict[str, str] = {
    "Person": "#0072B2",
    "Organization": "#E69F00",
    "Place": "#009E73",
    "Group": "#CC79A7",
    "Event": "#D55E00",
    "Other": "#999999",
}

#: Colours for communities, in order of community size; the rest share grey.
COMMUNITY_COLOURS: tuple[str, ...] = (
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948",
    "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC", "#17BECF", "#BCBD22",
)

#: Above this many nodes the page, not Python, lays the graph out.
PY_LAYOUT_MAX_NODES = 400
#: Nodes that keep a permanent label in the page; the rest show it on hover.
HTML_LABEL_CAP = 250
#: Above this many edges the page draws no edge labels (they show on hover).
HTML_EDGE_LABEL_CAP = 400
#: Nodes and labels in a static figure; beyond that a figure is unreadable.
STATIC_MAX_NODES = 300
STATIC_LABEL_CAP = 80
#: Clear space kept between any two boxes (dots, labels) by the layout.
_GAP_PX = 6.0

#: A node of a graph being laid out (entity IRIs here; any hashable in tests).
N = TypeVar("N", bound=Hashable)

_FORMATS_STATIC = ("png", "svg")
_FORMATS_FILE = ("graphml", "gexf")


# --------------------------------------------------------------------- projection


def project(
    store: ox.Store,
    *,
    focus: str | None = None,
    depth: int = 2,
    relations: Collection[str] | None = None,
    min_sources: int = 1,
) -> nx.MultiDiGraph:
    """The entity graph of ``store`` as a networkx ``MultiDiGraph``.

    ``relations`` keeps only facts with those relation local names;
    ``min_sources`` keeps only facts stated by at least that many sources.
    When either filter applies, entities left without facts are dropped.
    ``focus`` keeps the entities within ``depth`` steps (either direction) of
    the entity whose label or alternative label matches, case-insensitively.

    Raises ``KgError`` for an unknown focus name, an unknown relation, or a
    negative depth / ``min_sources`` below 1.
    """
    if depth < 0:
        raise KgError(f"--depth must be 0 or more, not {depth}")
    if min_sources < 1:
        raise KgError(f"--min-sources must be 1 or more, not {min_sources}")
    g = _read_graph(store)
    g.graph["total_entities"] = g.number_of_nodes()
    g.graph["total_facts"] = g.number_of_edges()
    filtered = relations is not None or min_sources > 1
    if relations is not None:
        _check_relations(g, relations)
        _drop_edges(g, lambda d: d["relation"] not in set(relations))
    if min_sources > 1:
        _drop_edges(g, lambda d: d["source_count"] < min_sources)
    keep: set[str] = set()
    if focus is not None:
        centres = find_entities(g, focus)
        keep = set(centres)
        g = g.subgraph(_neighbourhood(g, centres, depth)).copy()
        g.graph["focus"] = [g.nodes[c]["label"] for c in centres]
        g.graph["depth"] = depth
    if filtered:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0 and n not in keep])
    g.graph["filters"] = {"relations": sorted(relations) if relations is not None else None,
                          "min_sources": min_sources}
    return g


def find_entities(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label matches ``name`` (case-insensitive, a leading "the"
    ignored), else those whose alias does; raises ``KgError`` when none do."""
    wanted = _name_key(name)
    by_label = [n for n, d in g.nodes(data=True) if _name_key(d["label"]) == wanted]
    if by_label:
        return sorted(by_label)
    by_alias = [n for n, d in g.nodes(data=True)
                if any(_name_key(a) == wanted for a in d["aliases"])]
    if by_alias:
        return sorted(by_alias)
    raise KgError(f"no entity named {name!r}; try kg query entity to list the names")


def _name_key(name: str) -> str:
    key = " ".join(name.casefold().split())
    return key.removeprefix("the ")


def _neighbourhood(g: nx.MultiDiGraph, centres: Iterable[str], depth: int) -> set[str]:
    """Nodes within ``depth`` undirected steps of any centre."""
    undirected = g.to_undirected(as_view=True)
    seen: set[str] = set()
    for centre in centres:
        seen |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return seen


def _check_relations(g: nx.MultiDiGraph, relations: Collection[str]) -> None:
    from graph.model import RELATIONS

    known = set(RELATIONS) | {d["relation"] for _, _, d in g.edges(data=True)}
    unknown = sorted(set(relations) - known)
    if unknown:
        raise KgError(f"unknown relation {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def _drop_edges(g: nx.MultiDiGraph, drop: Any) -> None:
    g.remove_edges_from([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if drop(d)])


def _select(store: ox.Store, body: str) -> list[dict[str, Any]]:
    """Run a SELECT with the project's prefixes; rows as {variable: term or None}."""
    solutions = store.query(vocab.sparql_prefixes() + body)
    assert isinstance(solutions, ox.QuerySolutions)  # every query here is a SELECT
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names} for row in solutions]


_TYPE_VALUES = "VALUES ?type { " + " ".join(f"kg:{t}" for t in ENTITY_TYPES) + " }"


def _read_graph(store: ox.Store) -> nx.MultiDiGraph:
    """Entities, facts and their provenance, each read with one query."""
    g = nx.MultiDiGraph()
    sources = _read_sources(store)
    g.graph["sources"] = sources
    for iri, attrs in sorted(_read_entities(store).items()):
        g.add_node(iri, **attrs)
    statements = _read_statements(store, sources)
    rel_labels = _read_relation_labels(store)
    node_sources: dict[str, set[str]] = defaultdict(set)
    for s, p, o, text in sorted(_read_facts(store)):
        if s not in g:
            continue
        relation = p[len(vocab.KG):]
        prov = statements.get((s, p, o), {"iri": None, "sources": [], "evidence": []})
        src_iris = [x["iri"] for x in prov["sources"]]
        if text is not None:
            if relation in LITERAL_RELATIONS:
                _add_literal(g.nodes[s], relation, text, prov)
                node_sources[s].update(src_iris)
            continue
        if o not in g:
            continue
        g.add_edge(s, o, key=relation, relation=relation,
                   label=rel_labels.get(relation) or _words(relation), iri=prov["iri"],
                   sources=prov["sources"], source_count=len(prov["sources"]),
                   evidence=prov["evidence"])
        node_sources[s].update(src_iris)
        node_sources[o].update(src_iris)
    for n, data in g.nodes(data=True):
        data["source_count"] = len(node_sources[n])
    return g


def _read_entities(store: ox.Store) -> dict[str, dict[str, Any]]:
    rows = _select(store, f"""
        SELECT ?e ?type ?label ?alt WHERE {{
          ?e a ?type . {_TYPE_VALUES}
          OPTIONAL {{ ?e rdfs:label ?label }}
          OPTIONAL {{ ?e skos:altLabel ?alt }}
        }}""")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not isinstance(row["e"], ox.NamedNode):
            continue
        iri = row["e"].value
        ent = found.setdefault(iri, {"iri": iri, "labels": set(), "aliases": set(),
                                     "types": set(), "positions": [], "quotes": []})
        ent["types"].add(row["type"].value[len(vocab.KG):])
        if row["label"] is not None:
            ent["labels"].add(row["label"].value)
        if row["alt"] is not None:
            ent["aliases"].add(row["alt"].value)
    for iri, ent in found.items():
        labels = sorted(ent.pop("labels"), key=lambda x: (-len(x), x))
        ent["label"] = labels[0] if labels else _local_name(iri)
        ent["aliases"] = sorted((set(labels[1:]) | ent["aliases"]) - {ent["label"]})
        ent["types"] = [t for t in ENTITY_TYPES if t in ent["types"]]
        ent["type"] = ent["types"][0] if ent["types"] else "Other"
    return found


def _read_sources(store: ox.Store) -> dict[str, dict[str, Any]]:
    rows = _select(store, """
        SELECT ?src ?id ?title ?date ?publisher WHERE {
          ?src dcterms:identifier ?id .
          OPTIONAL { ?src dcterms:title ?title }
          OPTIONAL { ?src dcterms:date ?date }
          OPTIONAL { ?src dcterms:publisher ?publisher }
        }""")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = _term_key(row["src"])
        src = found.setdefault(iri, {"iri": iri, "identifiers": set(), "title": None,
                                     "date": None, "publisher": None})
        src["identifiers"].add(row["id"].value)
        for key in ("title", "date", "publisher"):
            if row[key] is not None and src[key] is None:
                src[key] = row[key].value
    for src in found.values():
        src["identifiers"] = sorted(src["identifiers"])
        src["identifier"] = src["identifiers"][0]
    return found


def _read_relation_labels(store: ox.Store) -> dict[str, str]:
    rows = _select(store, f"""
        SELECT ?p ?label WHERE {{
          ?p rdfs:label ?label . FILTER(STRSTARTS(STR(?p), "{vocab.KG}"))
        }}""")
    return {row["p"].value[len(vocab.KG):]: row["label"].value for row in rows}


def _read_facts(store: ox.Store) -> list[tuple[str, str, str, str | None]]:
    """Asserted facts whose subject is an entity: (s, p, o key, literal text or None)."""
    rows = _select(store, f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{
          ?s a ?type . {_TYPE_VALUES}
          ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{vocab.KG}"))
        }}""")
    return [(row["s"].value, row["p"].value, _term_key(row["o"]),
             row["o"].value if isinstance(row["o"], ox.Literal) else None) for row in rows]


def _read_statements(store: ox.Store, sources: dict[str, dict[str, Any]]
                     ) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Statement IRI, sources and evidence per (s, p, o key) of a fact."""
    rows = _select(store, """
        SELECT ?st ?s ?p ?o ?src WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          OPTIONAL { ?st prov:wasDerivedFrom ?src }
        }""")
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    by_statement: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = (row["s"].value, row["p"].value, _term_key(row["o"]))
        st = found.setdefault(key, {"iri": row["st"].value, "source_iris": set(), "evidence": []})
        by_statement[row["st"].value] = st
        if row["src"] is not None:
            st["source_iris"].add(_term_key(row["src"]))
    for ev in _read_evidence(store, sources):
        owner = by_statement.get(ev.pop("statement"))
        if owner is not None:
            owner["evidence"].append(ev)
            owner["source_iris"].add(ev["source_iri"])
    for st in found.values():
        st["sources"] = [_source_ref(sources, iri) for iri in sorted(st.pop("source_iris"))]
        st["sources"].sort(key=lambda s: s["identifier"])
        st["evidence"].sort(key=lambda e: (e["source"], e["begin"] or 0))
    return found


def _read_evidence(store: ox.Store, sources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = _select(store, """
        SELECT ?st ?src ?b ?e ?sentence ?conf ?rule WHERE {
          ?st a rdf:Statement ; prov:qualifiedDerivation ?ev .
          ?ev prov:entity ?src .
          OPTIONAL { ?ev nif:beginIndex ?b }
          OPTIONAL { ?ev nif:endIndex ?e }
          OPTIONAL { ?ev nif:anchorOf ?sentence }
          OPTIONAL { ?ev kg:confidence ?conf }
          OPTIONAL { ?ev kg:rule ?rule }
        }""")
    out = []
    for row in rows:
        src_iri = _term_key(row["src"])
        out.append({
            "statement": row["st"].value,
            "source_iri": src_iri,
            "source": _source_ref(sources, src_iri)["identifier"],
            "sentence": row["sentence"].value if row["sentence"] is not None else "",
            "begin": _int_or_none(row["b"]),
            "end": _int_or_none(row["e"]),
            "confidence": _float_or_none(row["conf"]),
            "rule": row["rule"].value if row["rule"] is not None else None,
        })
    return out


def _add_literal(node: dict[str, Any], relation: str, text: str,
                 prov: dict[str, Any]) -> None:
    """Record a position or quote on the node, with the sources that state it."""
    if relation == "holdsPosition":
        if text not in node["positions"]:
            node["positions"].append(text)
            node["positions"].sort()
    else:
        node["quotes"].append({"text": text,
                               "sources": [s["identifier"] for s in prov["sources"]]})
        node["quotes"].sort(key=lambda q: q["text"])


def _source_ref(sources: dict[str, dict[str, Any]], iri: str) -> dict[str, Any]:
    src = sources.get(iri)
    if src is None:  # a source without an identifier: show its IRI rather than hide it
        return {"iri": iri, "identifier": _local_name(iri), "title": None}
    return {"iri": iri, "identifier": src["identifier"], "title": src["title"]}


def _term_key(term: Any) -> str:
    """A hashable key for a term: the IRI for named nodes, N-Triples otherwise."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _int_or_none(term: Any) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _float_or_none(term: Any) -> float | None:
    try:
        return float(term.value) if term is not None else None
    except ValueError:
        return None


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _words(relation: str) -> str:
    """``plansToVisit`` -> ``plans to visit``, for relations without a label."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", relation).lower()


# --------------------------------------------------------------------- layout


def layout(g: nx.Graph, box_sizes: dict[N, tuple[float, float]], *,
           unit: float, edge_label_sizes: dict[tuple[N, N], tuple[float, float]] | None = None,
           seed: int = 7) -> dict[N, tuple[float, float]]:
    """Positions in pixels where no two boxes overlap.

    ``box_sizes`` are (w, h) boxes centred on the nodes (dot and label);
    ``edge_label_sizes`` are boxes centred on the middle of an edge (u, v),
    kept clear of the nodes and of each other by moving the edge's ends.
    Each connected component is laid out alone (Kamada-Kawai when small,
    spring otherwise); components are packed largest first, with the single
    nodes and pairs in a grid at the side.  ``unit`` is the pixel length that
    one edge of the layout should get.
    """
    if len(g) == 0:
        return {}
    simple = nx.Graph(g.to_undirected(as_view=True)) if g.is_directed() or g.is_multigraph() \
        else g
    pieces = []
    for comp in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c)))):
        pieces.append(_component_layout(simple.subgraph(comp), unit, seed))
    pos = _pack(pieces, unit)
    return _remove_overlaps(pos, box_sizes, edge_label_sizes or {})


def _component_layout(g: nx.Graph, unit: float, seed: int) -> dict[Any, np.ndarray]:
    nodes = sorted(g, key=str)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-unit / 2, 0.0]), nodes[1]: np.array([unit / 2, 0.0])}
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_edges_from(sorted(g.edges(), key=str))
    if len(nodes) <= 120:
        raw = nx.kamada_kawai_layout(h)
    else:
        raw = nx.spring_layout(h, seed=seed, iterations=60)
    pts = np.array([raw[n] for n in nodes])
    pts -= pts.mean(axis=0)
    # turn the longest extent horizontal: pages and figures are wider than tall
    _, _, axes = np.linalg.svd(pts, full_matrices=False)
    pts = pts @ axes.T
    # scale so the median edge gets ``unit`` pixels
    lengths = [np.linalg.norm(raw[a] - raw[b]) for a, b in h.edges()]
    median = float(np.median(lengths)) if lengths else 1.0
    pts *= unit / max(median, 1e-9)
    return {n: pts[i] for i, n in enumerate(nodes)}


def _pack(pieces: list[dict[N, np.ndarray]], unit: float) -> dict[N, np.ndarray]:
    """Shelf-pack components of 3+ nodes about 16:9, largest first; put single
    nodes and pairs in a grid to the right, so they do not push the main
    component into a corner."""
    big = [p for p in pieces if len(p) > 2]
    small = [p for p in pieces if len(p) <= 2]
    out: dict[N, np.ndarray] = {}
    x_end = y_end = 0.0
    if big:
        boxes = [_bounds(p, unit) for p in big]
        total = sum(float(size[0] * size[1]) for _, size in boxes)
        row_width = max(math.sqrt(total * 16 / 9), float(boxes[0][1][0]))
        x = y = row_h = 0.0
        for piece, (lo, size) in zip(big, boxes):
            if x > 0 and x + size[0] > row_width:
                x, y, row_h = 0.0, y + row_h, 0.0
            out.update({n: p + np.array([x, y]) - lo for n, p in piece.items()})
            x += float(size[0])
            x_end, row_h = max(x_end, x), max(row_h, float(size[1]))
        y_end = y + row_h
    if small:
        cell = np.array([1.6 * unit, 0.6 * unit])
        rows = max(1, int(y_end // cell[1])) if big else max(1, round(math.sqrt(len(small) * 9 / 16 / 2.4)))
        for i, piece in enumerate(small):
            origin = np.array([x_end + (i // rows) * cell[0], (i % rows) * cell[1]])
            nodes = sorted(piece, key=str)
            for j, n in enumerate(nodes):
                out[n] = origin + np.array([j * unit, 0.0])
    return out


def _bounds(piece: dict[N, np.ndarray], unit: float) -> tuple[np.ndarray, np.ndarray]:
    pts = np.array(list(piece.values()))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return lo, hi - lo + unit


def _remove_overlaps(pos: dict[N, np.ndarray], box_sizes: dict[N, tuple[float, float]],
                     edge_label_sizes: dict[tuple[N, N], tuple[float, float]] | None = None,
                     iterations: int = 300) -> dict[N, tuple[float, float]]:
    """Push overlapping boxes apart along the axis where they overlap least.

    An edge label's push moves both ends of its edge by half, so labels get
    room by stretching or turning their edge rather than sliding off it.
    """
    nodes = list(pos)
    index = {n: i for i, n in enumerate(nodes)}
    labels = [(index[u], index[v], size) for (u, v), size in (edge_label_sizes or {}).items()
              if u in index and v in index and u != v]
    n, m = len(nodes), len(labels)
    xy = np.array([pos[k] for k in nodes], dtype=float).reshape(n, 2)
    half = np.array([box_sizes.get(k, (10.0, 10.0)) for k in nodes]
                    + [size for _, _, size in labels], dtype=float).reshape(n + m, 2) / 2
    ends = np.array([(u, v) for u, v, _ in labels], dtype=int).reshape(m, 2)
    ignore = np.zeros((n + m, n + m), dtype=bool)  # a label and its own edge's ends
    for j, (u, v) in enumerate(ends):
        ignore[n + j, [u, v]] = ignore[[u, v], n + j] = True
    np.fill_diagonal(ignore, True)
    idx = np.arange(n + m)
    tie = np.sign(idx[:, None] - idx[None, :]).astype(float)
    for _ in range(iterations):
        centres = np.vstack([xy, (xy[ends[:, 0]] + xy[ends[:, 1]]) / 2]) if m else xy
        d = centres[:, None, :] - centres[None, :, :]
        over = half[:, None, :] + half[None, :, :] - np.abs(d) + _GAP_PX
        hit = (over[..., 0] > 0) & (over[..., 1] > 0) & ~ignore
        if not hit.any() and not (m and (_own_end_overlap(xy, half, ends, centres[n:]).any()
                                          or _edges_through_nodes(xy, half[:n], ends)[0].any())):
            break
        sign = np.where(d != 0, np.sign(d), tie[..., None])
        along_x = hit & (over[..., 0] <= over[..., 1])
        along_y = hit & ~along_x
        push = np.stack([np.where(along_x, over[..., 0] * sign[..., 0], 0).sum(axis=1),
                         np.where(along_y, over[..., 1] * sign[..., 1], 0).sum(axis=1)], axis=1) / 2
        xy += push[:n]
        if m:
            np.add.at(xy, ends[:, 0], push[n:] / 2)
            np.add.at(xy, ends[:, 1], push[n:] / 2)
            _lengthen_short_edges(xy, half, ends, centres[n:])
            _clear_edges_off_nodes(xy, half[:n], ends)
    return {k: (float(xy[i, 0]), float(xy[i, 1])) for i, k in enumerate(nodes)}


def _own_end_overlap(xy: np.ndarray, half: np.ndarray, ends: np.ndarray,
                     mids: np.ndarray) -> np.ndarray:
    """How deep each edge label sits in the box of either of its own ends (m x 2)."""
    n = len(xy)
    label_half = half[n:]
    out = np.zeros((len(ends), 2))
    for side in (0, 1):
        d = np.abs(mids - xy[ends[:, side]])
        over = label_half + half[ends[:, side]] - d + _GAP_PX
        out[:, side] = np.where((over > 0).all(axis=1), over.min(axis=1), 0.0)
    return out


def _edges_through_nodes(xy: np.ndarray, node_half: np.ndarray, ends: np.ndarray
                         ) -> tuple[np.ndarray, np.ndarray]:
    """For each (node, edge) pair: how far the edge's segment runs inside the
    node's dot (plus a margin), and the unit vector from the segment to the node."""
    a, b = xy[ends[:, 0]], xy[ends[:, 1]]
    ab = b - a
    length2 = np.maximum((ab ** 2).sum(axis=1), 1e-9)
    t = np.clip(((xy[:, None, :] - a[None]) * ab[None]).sum(axis=2) / length2, 0.0, 1.0)
    closest = a[None] + t[..., None] * ab[None]
    away = xy[:, None, :] - closest
    dist = np.linalg.norm(away, axis=2)
    clearance = node_half.min(axis=1)[:, None] * 0.6 + _GAP_PX
    depth = np.where((dist < clearance) & (t > 0.0) & (t < 1.0), clearance - dist, 0.0)
    own = (np.arange(len(xy))[:, None] == ends[None, :, 0]) | \
        (np.arange(len(xy))[:, None] == ends[None, :, 1])
    depth[own] = 0.0
    normal = np.where(dist[..., None] > 1e-9, away / np.maximum(dist[..., None], 1e-9),
                      np.array([0.0, 1.0]))
    return depth, normal


def _clear_edges_off_nodes(xy: np.ndarray, node_half: np.ndarray, ends: np.ndarray) -> None:
    """Move a dot off an edge that runs through it, so no edge seems to pass by
    an entity it does not touch."""
    depth, normal = _edges_through_nodes(xy, node_half, ends)
    if depth.any():
        xy += (depth[..., None] * normal).sum(axis=1)


def _lengthen_short_edges(xy: np.ndarray, half: np.ndarray, ends: np.ndarray,
                          mids: np.ndarray) -> None:
    """An edge too short for its label between its ends' boxes grows along itself."""
    depth = _own_end_overlap(xy, half, ends, mids).max(axis=1)
    grow = depth > 0
    if not grow.any():
        return
    vec = xy[ends[:, 1]] - xy[ends[:, 0]]
    norm = np.linalg.norm(vec, axis=1, keepdims=True)
    unit = np.where(norm > 1e-9, vec / np.maximum(norm, 1e-9), np.array([[1.0, 0.0]]))
    step = unit * (depth[:, None] * grow[:, None]) / 2
    np.add.at(xy, ends[:, 0], -step)
    np.add.at(xy, ends[:, 1], step)


# --------------------------------------------------------------------- shared helpers


def _ranked(g: nx.MultiDiGraph) -> list[str]:
    """Nodes, most connected first (degree, then sources, then label)."""
    return sorted(g, key=lambda n: (-g.degree(n), -g.nodes[n].get("source_count", 0),
                                    g.nodes[n].get("label", str(n)).casefold(), str(n)))


def _cap(g: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The ``max_nodes`` most connected nodes (focus entities always kept)."""
    if len(g) <= max_nodes:
        return g
    focus = set(g.graph.get("focus") or ())
    first = [n for n in g if g.nodes[n].get("label") in focus]
    rest = [n for n in _ranked(g) if n not in set(first)]
    return g.subgraph(first + rest[: max(0, max_nodes - len(first))]).copy()


def _communities(g: nx.MultiDiGraph) -> dict[str, int]:
    """Louvain communities of the undirected graph, numbered largest first."""
    simple = nx.Graph(g.to_undirected(as_view=True))
    if simple.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(g, key=str))}
    parts = nx.community.louvain_communities(simple, seed=42)
    parts = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    return {n: i for i, part in enumerate(parts) for n in part}


def _all_sources(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The sources the drawn facts cite, sorted by identifier."""
    known = g.graph.get("sources", {})
    iris = {s["iri"] for _, _, d in g.edges(data=True) for s in d.get("sources", ())}
    out = []
    for iri in sorted(iris):
        src = known.get(iri, {"identifier": _local_name(iri), "title": None,
                              "date": None, "publisher": None})
        out.append({"iri": iri, "identifier": src["identifier"], "title": src.get("title"),
                    "date": src.get("date"), "publisher": src.get("publisher")})
    return sorted(out, key=lambda s: s["identifier"])


# --------------------------------------------------------------------- interactive page


def render_html(g: nx.MultiDiGraph, *, communities: bool = False, max_nodes: int = 2000,
                title: str = "Knowledge graph") -> str:
    """One self-contained HTML page that draws ``g`` (a :func:`project` result).

    The page makes no request at all (the drawing library is inlined and a
    Content-Security-Policy forbids fetching), so it opens offline and from a
    report's attachments.  Above ``max_nodes`` only the most connected
    entities are drawn, and the page says so.
    """
    if max_nodes < 1:
        raise KgError(f"max_nodes must be 1 or more, not {max_nodes}")
    shown = _cap(g, max_nodes)
    data = _page_data(g, shown, communities=communities, title=title)
    web = resources.files("graph") / "web"
    page = (web / "viz" / "viz.html").read_text(encoding="utf-8")
    parts = {
        "TITLE": html.escape(title),
        "STYLE": (web / "viz" / "viz.css").read_text(encoding="utf-8"),
        "VIS_JS": (web / "vendor" / "vis-network.min.js").read_text(encoding="utf-8"),
        "APP_JS": (web / "viz" / "viz.js").read_text(encoding="utf-8"),
        "DATA": _script_json(data),
    }
    return re.sub(r"/\*@(TITLE|STYLE|VIS_JS|APP_JS|DATA)@\*/", lambda m: parts[m.group(1)], page)


def _script_json(data: Any) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _page_data(full: nx.MultiDiGraph, g: nx.MultiDiGraph, *, communities: bool,
               title: str) -> dict[str, Any]:
    sources = _all_sources(g)
    src_index = {s["iri"]: i for i, s in enumerate(sources)}
    ranked = _ranked(g)
    labelled = set(ranked[:HTML_LABEL_CAP])
    edge_labels = g.number_of_edges() <= HTML_EDGE_LABEL_CAP
    positions = _page_positions(g, labelled, edge_labels) if len(g) <= PY_LAYOUT_MAX_NODES else {}
    comm = _communities(g) if communities else {}
    nodes = [_page_node(g, n, i, n in labelled, positions.get(n), comm.get(n))
             for i, n in enumerate(ranked)]
    ids = {n: i for i, n in enumerate(ranked)}
    edges = [_page_edge(g, u, v, k, d, ids, src_index)
             for u, v, k, d in sorted(g.edges(keys=True, data=True),
                                      key=lambda e: (ids[e[0]], ids[e[1]], e[2]))]
    relations = Counter((d["relation"], d["label"]) for _, _, d in g.edges(data=True))
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "sources": sources,
        "relations": [{"name": r, "label": lab, "count": c}
                      for (r, lab), c in sorted(relations.items())],
        "types": [{"name": t, "colour": TYPE_COLOURS[t],
                   "count": sum(1 for n in nodes if n["type"] == t)}
                  for t in (*ENTITY_TYPES, "Other") if any(n["type"] == t for n in nodes)],
        "communityColours": list(COMMUNITY_COLOURS),
        "communities": communities,
        "laidOut": bool(positions),
        "edgeLabels": edge_labels,
        "stats": {"entities": g.number_of_nodes(), "facts": g.number_of_edges(),
                  "sources": len(sources)},
        "notes": _page_notes(full, g, len(labelled)),
    }


def _page_positions(g: nx.MultiDiGraph, labelled: set[str], edge_labels: bool
                    ) -> dict[str, tuple[float, float]]:
    """Pixel positions leaving room for each dot, its label, and the edge labels
    (sizes estimated for the page's 15 px and 12 px fonts)."""
    sizes = {}
    for n in g:
        label = g.nodes[n]["label"] if n in labelled else ""
        radius = _node_radius(g.degree(n))
        sizes[n] = (max(2 * radius, 8.6 * len(label)) + 16, 2 * (radius + (19 if label else 0)) + 12)
    edge_sizes: dict[tuple[str, str], tuple[float, float]] = {}
    if edge_labels and g.number_of_edges() <= 600:
        for u, v, d in g.edges(data=True):
            key = (u, v) if (v, u) not in edge_sizes else (v, u)
            w, h = edge_sizes.get(key, (0.0, 0.0))
            # parallel edges are curved apart (viz.js), their labels stacked
            edge_sizes[key] = (max(w, 7.0 * len(d["label"]) + 10), h + 17 if h else 18)
        edge_sizes = {k: (w + (h - 18) * 0.6, h + (h - 18)) for k, (w, h) in edge_sizes.items()}
    return layout(g, sizes, unit=120.0, edge_label_sizes=edge_sizes)


def _node_radius(metric: float) -> float:
    return min(8.0 + 4.5 * math.sqrt(metric), 34.0)


def _page_node(g: nx.MultiDiGraph, n: str, i: int, labelled: bool,
               xy: tuple[float, float] | None, community: int | None) -> dict[str, Any]:
    d = g.nodes[n]
    node = {"id": i, "iri": d.get("iri", n), "label": d.get("label", str(n)),
            "aliases": d.get("aliases", []), "type": d.get("type", "Other"),
            "types": d.get("types", []), "sources": d.get("source_count", 0),
            "degree": g.degree(n), "positions": d.get("positions", []),
            "quotes": d.get("quotes", []), "showLabel": labelled}
    if xy is not None:
        node["x"], node["y"] = round(xy[0], 1), round(xy[1], 1)
    if community is not None:
        node["community"] = community
    return node


def _page_edge(g: nx.MultiDiGraph, u: str, v: str, k: str, d: dict[str, Any],
               ids: dict[str, int], src_index: dict[str, int]) -> dict[str, Any]:
    return {"id": f"e{ids[u]}-{ids[v]}-{k}", "from": ids[u], "to": ids[v],
            "relation": d["relation"], "label": d["label"],
            "sources": [src_index[s["iri"]] for s in d["sources"] if s["iri"] in src_index],
            "evidence": [{"source": src_index.get(e["source_iri"]), "sentence": e["sentence"],
                          "begin": e["begin"], "end": e["end"],
                          "confidence": e["confidence"]} for e in d["evidence"]]}


def _page_notes(full: nx.MultiDiGraph, g: nx.MultiDiGraph, labelled: int) -> list[str]:
    """Plain sentences that say how much of the graph the page shows, and why."""
    notes = []
    total_n = full.graph.get("total_entities", len(full))
    total_e = full.graph.get("total_facts", full.number_of_edges())
    if full.graph.get("focus"):
        notes.append(f"Neighbourhood of {', '.join(full.graph['focus'])} "
                     f"to depth {full.graph.get('depth')}.")
    flt = full.graph.get("filters") or {}
    if flt.get("relations") is not None:
        notes.append("Relations: " + ", ".join(flt["relations"]) + ".")
    if (flt.get("min_sources") or 1) > 1:
        notes.append(f"Facts stated by at least {flt['min_sources']} sources.")
    if len(g) < len(full):
        notes.append(f"Too many entities to draw: showing the {len(g)} most connected "
                     f"of {len(full)}.")
    if len(g) < total_n or g.number_of_edges() < total_e:
        notes.append(f"Shown: {len(g)} of {total_n} entities, "
                     f"{g.number_of_edges()} of {total_e} facts in the store.")
    if labelled < len(g):
        notes.append(f"Labels on the {labelled} most connected entities; hover for the rest.")
    if g.number_of_edges() > HTML_EDGE_LABEL_CAP:
        notes.append("Relation names on hover (too many facts to label them all).")
    return notes


# --------------------------------------------------------------------- static figures


def render_static(g: nx.MultiDiGraph, path: str, fmt: str, *, width_px: int = 1600,
                  height_px: int = 1200, title: str = "Knowledge graph") -> None:
    """Draw ``g`` to a PNG or SVG of ``width_px`` x ``height_px`` (at 100 dpi).

    Same colours as the page, a legend, arrows whose width grows with the
    number of sources, and labels pushed apart so none overlap.  Above
    ``STATIC_MAX_NODES`` only the most connected entities are drawn and the
    figure says so.  Raises ``KgError`` for another format or an unwritable path.
    """
    if fmt not in _FORMATS_STATIC:
        raise KgError(f"unknown figure format {fmt!r}; use one of {', '.join(_FORMATS_STATIC)}")
    if width_px < 200 or height_px < 150:
        raise KgError(f"a figure needs at least 200 x 150 pixels, not {width_px} x {height_px}")
    # entities with no fact say nothing in a picture; they would crowd out those that do
    connected = g.subgraph([n for n in g if g.degree(n) > 0 or g.nodes[n].get("label") in
                            set(g.graph.get("focus") or ())])
    shown = _cap(nx.MultiDiGraph(connected), STATIC_MAX_NODES)
    fig = _StaticFigure(shown, width_px, height_px).draw(g, title)
    try:
        fig.savefig(path, format=fmt, dpi=_DPI)
    except OSError as err:
        raise KgError(f"cannot write {path}: {err.strerror or err}") from err


_DPI = 100
_LEGEND_PX = 240   # the strip on the right that holds the legend
_HEADER_PX = 80    # the title and the numbers, on top
_MARGIN_PX = 30


class _StaticFigure:
    """One matplotlib figure whose data coordinates are its pixels (y up),
    so text measured by the renderer and positions share one unit."""

    def __init__(self, g: nx.MultiDiGraph, width_px: int, height_px: int) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.g = g
        self.w, self.h = width_px, height_px
        self.fig = Figure(figsize=(width_px / _DPI, height_px / _DPI), dpi=_DPI)
        self.renderer = FigureCanvasAgg(self.fig).get_renderer()
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, width_px)
        self.ax.set_ylim(0, height_px)
        self.ax.set_axis_off()
        self.labelled = set(_ranked(g)[:STATIC_LABEL_CAP])
        self.scale = 1.0

    def text_size(self, text: str, points: float) -> tuple[float, float]:
        """Width and height in pixels of ``text`` at ``points``."""
        from matplotlib.font_manager import FontProperties

        w, h, _ = self.renderer.get_text_width_height_descent(
            text, FontProperties(size=points), ismath=False)
        return w, h

    def draw(self, full: nx.MultiDiGraph, title: str) -> Any:
        pos = self.place()
        self.draw_edges(pos, self.draw_nodes(pos))
        if not pos:
            self.ax.text(self.w / 2, self.h / 2, "No entities to draw", ha="center",
                         va="center", fontsize=16, color="#777777")
        self.draw_header(full, title)
        self.draw_legend()
        return self.fig

    # layout ---------------------------------------------------------
    def radius(self, n: str) -> float:
        return _node_radius(self.g.degree(n)) * 0.75 * self.scale

    def node_points(self) -> float:
        return max(11.0 * self.scale, 6.0)

    def boxes(self) -> dict[str, tuple[float, float]]:
        """Symmetric boxes holding each dot and the label under it."""
        out = {}
        for n in self.g:
            r = self.radius(n)
            if n in self.labelled:
                lw, lh = self.text_size(self.g.nodes[n]["label"], self.node_points())
                out[n] = (max(2 * r, lw + 10), 2 * (r + lh + 8))
            else:
                out[n] = (2 * r + 8, 2 * r + 8)
        return out

    def edge_points(self) -> float:
        return max(8.5 * self.scale, 5.5)

    def edge_boxes(self) -> dict[tuple[str, str], tuple[float, float]]:
        """Boxes of the edge labels, one per ordered pair (relations joined)."""
        out = {}
        for (u, v), label in _pair_labels(self.g).items():
            w, h = self.text_size(label, self.edge_points())
            out[(u, v)] = (w + 8, h + 6)
        return out

    def place(self) -> dict[str, tuple[float, float]]:
        """Lay out in pixels, then fit the drawing area (shrinking text if need be)."""
        if len(self.g) == 0:
            return {}
        left, right = _MARGIN_PX, self.w - _LEGEND_PX
        bottom, top = _MARGIN_PX, self.h - _HEADER_PX
        labels = self.g.number_of_edges() <= 600
        pos = layout(self.g, self.boxes(), unit=110.0,
                     edge_label_sizes=self.edge_boxes() if labels else None)
        for _ in range(4):
            boxes = self.boxes()
            xs = [(pos[n][0] - boxes[n][0] / 2, pos[n][0] + boxes[n][0] / 2) for n in pos]
            ys = [(pos[n][1] - boxes[n][1] / 2, pos[n][1] + boxes[n][1] / 2) for n in pos]
            x0, x1 = min(a for a, _ in xs), max(b for _, b in xs)
            y0, y1 = min(a for a, _ in ys), max(b for _, b in ys)
            sx = (right - left) / max(x1 - x0, 1.0)
            sy = (top - bottom) / max(y1 - y0, 1.0)
            if min(sx, sy) >= 1 or self.node_points() <= 6.0:
                break
            shrink = min(sx, sy)  # too big: shrink text and distances alike
            self.scale *= shrink
            pos = _remove_overlaps({n: np.array(p) * shrink for n, p in pos.items()}, self.boxes(),
                                   self.edge_boxes() if labels else None)
        # spread to fill the area; distances only grow, so nothing comes to overlap
        sx, sy = min(sx, 1.4 * sy), min(sy, 1.4 * sx)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        mx, my = (left + right) / 2, (bottom + top) / 2
        return {n: (mx + (p[0] - cx) * sx, my + (p[1] - cy) * sy) for n, p in pos.items()}

    # drawing --------------------------------------------------------
    def draw_nodes(self, pos: dict[str, tuple[float, float]]) -> list[tuple[float, ...]]:
        """Dots and labels; returns the boxes they cover (x0, y0, x1, y1)."""
        from matplotlib.patches import Circle

        covered: list[tuple[float, ...]] = []
        points = self.node_points()
        for n, (x, y) in pos.items():
            d = self.g.nodes[n]
            r = self.radius(n)
            colour = TYPE_COLOURS.get(d.get("type", "Other"), TYPE_COLOURS["Other"])
            self.ax.add_patch(Circle((x, y), r, facecolor=colour, edgecolor="white",
                                     linewidth=1.5, zorder=3))
            covered.append((x - r, y - r, x + r, y + r))
            if n in self.labelled:
                lw, lh = self.text_size(d["label"], points)
                below = self.label_below(n, pos)
                self.ax.text(x, y - r - 3 if below else y + r + 3, d["label"], ha="center",
                             va="top" if below else "bottom", fontsize=points,
                             color="#222222", zorder=5,
                             bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                   "edgecolor": "none", "alpha": 0.8})
                y_far = y - r - 5 - lh if below else y + r + 5 + lh
                covered.append((x - lw / 2 - 3, min(y_far, y - r - 1 if below else y + r + 1),
                                x + lw / 2 + 3, max(y_far, y - r - 1 if below else y + r + 1)))
        return covered

    def label_below(self, n: str, pos: dict[str, tuple[float, float]]) -> bool:
        """Put the label on the side (below or above) that fewer edges leave by,
        so it hides no arrowhead."""
        ys = [pos[m][1] - pos[n][1] for m in nx.all_neighbors(self.g, n) if m != n]
        return sum(dy < 0 for dy in ys) <= sum(dy > 0 for dy in ys)

    def draw_edges(self, pos: dict[str, tuple[float, float]],
                   covered: list[tuple[float, ...]]) -> None:
        """One arrow per ordered pair, labelled with its relations, width by sources."""
        from matplotlib.patches import FancyArrowPatch

        pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for u, v, d in self.g.edges(data=True):
            if u != v:
                pairs[(u, v)].append(d)
        points = self.edge_points()
        for (u, v), facts in sorted(pairs.items(), key=lambda p: (str(p[0][0]), str(p[0][1]))):
            rad = 0.15 if (v, u) in pairs else 0.0
            width = _edge_width(max(f["source_count"] for f in facts))
            to_pt = 72 / _DPI
            self.ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], arrowstyle="-|>", mutation_scale=10 + 2 * width,
                shrinkA=self.radius(u) * to_pt, shrinkB=(self.radius(v) + 1) * to_pt,
                connectionstyle=f"arc3,rad={rad}", linewidth=width, color="#8a949e",
                alpha=0.9, zorder=1))
            label = ", ".join(sorted({f["label"] for f in facts}))
            lw, lh = self.text_size(label, points)
            x, y = _free_spot(pos[u], pos[v], rad, (lw + 6, lh + 4), covered)
            covered.append((x - lw / 2 - 3, y - lh / 2 - 2, x + lw / 2 + 3, y + lh / 2 + 2))
            self.ax.text(x, y, label, ha="center", va="center", fontsize=points,
                         color="#4a5560", style="italic", zorder=4,
                         bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                               "edgecolor": "none", "alpha": 0.85})

    def draw_header(self, full: nx.MultiDiGraph, title: str) -> None:
        sources = len(_all_sources(self.g))
        line = (f"{self.g.number_of_nodes()} entities \u00b7 {self.g.number_of_edges()} facts "
                f"\u00b7 {sources} sources")
        alone = sum(1 for n in full if full.degree(n) == 0 and n not in self.g)
        if len(self.g) + alone < len(full):
            line += f"  (the {len(self.g)} most connected of {len(full) - alone} entities)"
        if alone:
            line += f"  \u00b7 {alone} entit{'y' if alone == 1 else 'ies'} with no fact not drawn"
        if full.graph.get("focus"):
            line += f"  \u00b7 around {', '.join(full.graph['focus'])}, depth {full.graph.get('depth')}"
        if len(self.labelled) < len(self.g):
            line += f"  \u00b7 labels on the {len(self.labelled)} most connected"
        self.ax.text(_MARGIN_PX, self.h - 22, title, ha="left", va="top", fontsize=18,
                     weight="bold", color="#222222")
        self.ax.text(_MARGIN_PX, self.h - 52, line, ha="left", va="top", fontsize=11,
                     color="#555555")

    def draw_legend(self) -> None:
        from matplotlib.lines import Line2D

        types = [t for t in (*ENTITY_TYPES, "Other")
                 if any(d.get("type") == t for _, d in self.g.nodes(data=True))]
        handles = [Line2D([], [], marker="o", linestyle="", markersize=11,
                          markerfacecolor=TYPE_COLOURS[t], markeredgecolor="white", label=t)
                   for t in types]
        counts = sorted({d["source_count"] for _, _, d in self.g.edges(data=True)} or {1})
        shown = sorted({counts[0], counts[-1]} | ({counts[len(counts) // 2]} if counts else set()))
        handles += [Line2D([], [], color="#8a949e", linewidth=_edge_width(c),
                           label=f"{c} source{'s' if c != 1 else ''}") for c in shown]
        self.ax.legend(handles=handles, loc="upper right", frameon=True, fontsize=11,
                       title="Entity type / fact sources", title_fontsize=11,
                       bbox_to_anchor=(1 - 10 / self.w, 1 - (_HEADER_PX - 10) / self.h),
                       borderpad=0.9, labelspacing=0.8, facecolor="white", edgecolor="#dddddd")


def _pair_labels(g: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    """One label per ordered pair of nodes: its relations, joined."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if u != v:
            found[(u, v)].add(d.get("label", d["relation"]))
    return {k: ", ".join(sorted(labels)) for k, labels in found.items()}


def _edge_width(sources: int) -> float:
    return min(1.0 + 1.3 * (max(sources, 1) - 1), 7.0)


def _free_spot(a: tuple[float, float], b: tuple[float, float], rad: float,
               size: tuple[float, float], covered: list[tuple[float, ...]]) -> tuple[float, float]:
    """A point on the edge a->b (arc3 curve) where a label box of ``size`` overlaps
    the least drawn text and dots; the middle when several are free."""
    (x1, y1), (x2, y2) = a, b
    cx = (x1 + x2) / 2 + rad * (y2 - y1)
    cy = (y1 + y2) / 2 - rad * (x2 - x1)
    best, best_cost = (cx, cy), math.inf
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73):
        x = (1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t ** 2 * x2
        y = (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t ** 2 * y2
        box = (x - size[0] / 2, y - size[1] / 2, x + size[0] / 2, y + size[1] / 2)
        cost = sum(_overlap(box, c) for c in covered)
        if cost < best_cost:
            best, best_cost = (x, y), cost
        if cost == 0:
            break
    return best


def _overlap(p: tuple[float, ...], q: tuple[float, ...]) -> float:
    w = min(p[2], q[2]) - max(p[0], q[0])
    h = min(p[3], q[3]) - max(p[1], q[1])
    return w * h if w > 0 and h > 0 else 0.0


# --------------------------------------------------------------------- graph-tool files


def write_graph_file(g: nx.MultiDiGraph, path_or_buffer: str | IO[bytes], fmt: str) -> None:
    """Write ``g`` as GraphML or GEXF for Gephi, Cytoscape and yEd.

    Attributes become scalars (lists joined with `` | ``), because GraphML
    allows nothing else: label, type, types, aliases, iri, source_count,
    positions, quote_count, degree and colour on nodes; relation, label,
    source_count, sources, iri and the first supporting sentence on edges.
    """
    if fmt not in _FORMATS_FILE:
        raise KgError(f"unknown graph file format {fmt!r}; use one of {', '.join(_FORMATS_FILE)}")
    flat = _flatten(g, for_gexf=fmt == "gexf")
    try:
        if fmt == "graphml":
            nx.write_graphml(flat, path_or_buffer, encoding="utf-8")
        else:
            nx.write_gexf(flat, path_or_buffer, encoding="utf-8")
    except OSError as err:
        raise KgError(f"cannot write {path_or_buffer}: {err.strerror or err}") from err


def _flatten(g: nx.MultiDiGraph, *, for_gexf: bool) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        colour = TYPE_COLOURS.get(d.get("type", "Other"), TYPE_COLOURS["Other"])
        attrs: dict[str, Any] = {
            "label": d.get("label", str(n)), "type": d.get("type", "Other"),
            "types": " | ".join(d.get("types", [])), "aliases": " | ".join(d.get("aliases", [])),
            "iri": d.get("iri", str(n)), "source_count": int(d.get("source_count", 0)),
            "positions": " | ".join(d.get("positions", [])),
            "quote_count": len(d.get("quotes", [])), "degree": int(g.degree(n)),
            "colour": colour,
        }
        if for_gexf:
            r, gr, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            attrs["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0},
                            "size": _node_radius(g.degree(n))}
        flat.add_node(n, **attrs)
    for u, v, k, d in g.edges(keys=True, data=True):
        evidence = d.get("evidence", [])
        flat.add_edge(u, v, key=k, relation=d["relation"], label=d.get("label", d["relation"]),
                      source_count=int(d.get("source_count", 0)),
                      sources=" | ".join(s["identifier"] for s in d.get("sources", [])),
                      iri=d.get("iri") or "",
                      sentence=evidence[0]["sentence"] if evidence else "",
                      weight=float(d.get("source_count", 0)))
    return flat
