"""Helpers for the build tests: comparing graphs, and parsing each text only once.

What "the same graph" means here (issue 4: "isomorphic to the graph after
``build A``"): every triple of the two stores' current graphs is compared,
except what legitimately differs between two runs of the tool -- the build
runs themselves (every triple whose subject is a ``prov:Activity``) and the
``prov:wasGeneratedBy`` links to them (an incremental store was made by
several runs, a fresh one by one).  Triples without blank nodes are compared
as exact N-Triples strings; the few with blank nodes (the ontology's OWL lists)
are compared up to blank-node renaming with rdflib's canonical form.

The extraction cache: spaCy is the slow part of a build, and what these tests
prove is the store's bookkeeping (build, remove, rewrite), not extraction.
:class:`ExtractionCache` runs the real ``extract_stream`` once per distinct
text and then stands in for it, handing back the cached extraction with the
article of the current read (its identifier and metadata), so every other
stage of the build under test is the real one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import to_isomorphic

import graph.workers
from graph.model import Article, DocumentExtraction
from graph.store import GraphStore
from graph.vocab import PROV, RDF

_RUN_LINK = ox.NamedNode(f"{PROV}wasGeneratedBy")
_TYPE = ox.NamedNode(f"{RDF}type")
_ACTIVITY = ox.NamedNode(f"{PROV}Activity")


@dataclasses.dataclass(frozen=True)
class Canonical:
    """A graph in comparable form (see the module docstring for what is left out)."""

    plain: tuple[str, ...]
    blank: rdflib.Graph
    runs_ignored: int

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Canonical):
            return NotImplemented
        return self.plain == other.plain and to_isomorphic(self.blank) == to_isomorphic(other.blank)

    __hash__ = None  # type: ignore[assignment]


def canonical(store_dir: Path) -> Canonical:
    """The current graph of the store at ``store_dir``, minus build-run triples."""
    with GraphStore.open(store_dir, read_only=True) as store:
        quads = list(store.graph())
    runs = {q.subject for q in quads if q.predicate == _TYPE and q.object == _ACTIVITY}
    plain: list[str] = []
    blank = rdflib.Graph()
    ignored = 0
    for q in quads:
        if q.subject in runs or q.predicate == _RUN_LINK:
            ignored += 1
            continue
        line = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            blank.parse(data=line, format="nt")
        else:
            plain.append(line)
    return Canonical(tuple(sorted(plain)), blank, ignored)


def differences(a: Canonical, b: Canonical, limit: int = 8) -> str:
    """The first few triples in one graph and not the other, for assertion messages."""
    left, right = set(a.plain) - set(b.plain), set(b.plain) - set(a.plain)
    return (f"only in first ({len(left)}): {sorted(left)[:limit]}\n"
            f"only in second ({len(right)}): {sorted(right)[:limit]}")


class ExtractionCache:
    """Real extractions, made once per text (sha256) and reused by later builds."""

    def __init__(self) -> None:
        self.by_sha: dict[str, DocumentExtraction] = {}
        self.parsed = 0
        self._real = graph.workers.extract_stream

    def stream(self, articles: Iterable[Article], *, jobs: int = 1,
               batch_size: int = 32) -> Iterator[DocumentExtraction]:
        """Stand-in for ``graph.workers.extract_stream`` with the same signature."""
        for article in articles:
            cached = self.by_sha.get(article.sha256)
            if cached is None:
                (cached,) = list(self._real([article], jobs=1, batch_size=batch_size))
                self.by_sha[article.sha256] = cached
                self.parsed += 1
            yield dataclasses.replace(cached, article=article)

    @contextmanager
    def installed(self) -> Iterator[ExtractionCache]:
        """Use the cache as the build's extraction stage while the block runs."""
        saved = graph.workers.extract_stream
        graph.workers.extract_stream = self.stream  # type: ignore[assignment]
        try:
            yield self
        finally:
            graph.workers.extract_stream = saved


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8, making folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
