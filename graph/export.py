"""Write the whole graph (ontology included) in one of the RDF formats of CONTRACT.md.

Everything lives in the default graph, so the triple formats (Turtle,
N-Triples, JSON-LD) dump that graph and the quad formats (TriG, N-Quads) dump
the dataset, which is the same triples.  Oxigraph's own serialisers are used;
they escape every character Turtle and N-Triples need escaped.
"""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from graph import vocab
from graph.errors import KgError, StoreError
from graph.store import GraphStore

#: Format name -> (Oxigraph format, whether it writes named graphs).
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
}

#: Formats whose serialiser takes prefixes (the others ignore or refuse them).
_WITH_PREFIXES = {"turtle", "trig"}


def export_graph(store: GraphStore, fmt: str, out: BinaryIO) -> int:
    """Serialise the store's current graph to ``out``; return the triple count.

    Raises ``KgError`` for an unknown format (the message lists the valid
    ones) and ``StoreError`` when the graph cannot be read or written out.
    """
    if fmt not in EXPORT_FORMATS:
        raise KgError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}"
        )
    rdf_format, with_graphs = EXPORT_FORMATS[fmt]
    db = store.graph()
    from_graph = None if with_graphs else ox.DefaultGraph()
    prefixes = dict(vocab.PREFIXES) if fmt in _WITH_PREFIXES else None
    try:
        db.dump(out, rdf_format, from_graph=from_graph, prefixes=prefixes)
    except (OSError, ValueError) as err:
        raise StoreError(f"cannot export the graph as {fmt}: {err}") from None
    return len(db)
