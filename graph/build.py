"""The build: read sources, parse and extract the new ones, then rewrite the graph.

Each new document's extraction is committed to the store on its own, so an
interrupted build loses at most the document in flight.  The RDF graph is then
derived from the whole set of stored extractions in one deterministic pass
(cross-document resolution, mapping), which is what makes removal exact and
entity IRIs independent of the order files were added in.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from . import TOOL_NAME, __version__
from .errors import KgError
from .model import Article, BuildInfo
from .reading import Skipped, read_articles
from .store import GraphStore

#: How long a second writer waits for the store before saying it is busy
#: (``KG_LOCK_WAIT`` seconds overrides it; 0 = say so at once).
LOCK_WAIT_SECONDS = 30.0


def lock_wait_seconds() -> float:
    """The writer-lock wait: ``$KG_LOCK_WAIT`` or ``LOCK_WAIT_SECONDS``."""
    text = os.environ.get("KG_LOCK_WAIT", "").strip()
    if not text:
        return LOCK_WAIT_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise KgError(f"KG_LOCK_WAIT must be a number of seconds (0 or more), not {text!r}")
    return value


@dataclass
class BuildSummary:
    """What one build did, for the one-line summary and the exit code."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    renamed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    facts: int = 0
    entities: int = 0
    sources: int = 0
    triples: int = 0
    seconds: float = 0.0
    graph_rewritten: bool = False
    interrupted: bool = False  # Ctrl-C: the documents stored so far stay; the next build resumes

    def line(self) -> str:
        reasons = _count_reasons(self.skipped)
        skipped = f"{len(self.skipped)} skipped" + (f" ({reasons})" if reasons else "")
        return (
            f"{self.read} documents read: {self.added} added, {self.unchanged} unchanged, "
            f"{skipped}; store holds {self.sources} sources, {self.facts} facts, "
            f"{self.entities} entities; {self.seconds:.1f}s"
        )


def _count_reasons(skipped: Sequence[Skipped]) -> str:
    counts: dict[str, int] = {}
    for s in skipped:
        reason = s.reason.split(":")[0]
        counts[reason] = counts.get(reason, 0) + 1
    return ", ".join(f"{n} {r}" for r, n in sorted(counts.items()))


ProgressFn = Callable[[int, int], None]
ProblemFn = Callable[[Skipped], None]


def run_id_for(started: float) -> str:
    """Run ids sort by start time, to the microsecond."""
    return datetime.fromtimestamp(started, timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def new_run_info(started: float) -> BuildInfo:
    """Provenance of this run: the tool and the model that produced the facts."""
    from .nlp import MODEL_NAME, model_package_version

    now = datetime.now(timezone.utc)
    start = datetime.fromtimestamp(started, timezone.utc)
    return BuildInfo(
        run_id=run_id_for(started),
        started=start.isoformat(timespec="seconds"),
        ended=now.isoformat(timespec="seconds"),
        tool_name=TOOL_NAME,
        tool_version=__version__,
        model_name=MODEL_NAME,
        model_version=model_package_version(),
    )


def build(
    paths: Sequence[str],
    store: GraphStore,
    *,
    jobs: int = 1,
    batch_size: int = 32,
    on_progress: ProgressFn | None = None,
    on_problem: ProblemFn | None = None,
) -> BuildSummary:
    """Add the facts of ``paths`` to ``store``; unchanged sources are skipped."""
    started = time.time()
    summary = BuildSummary()
    with store.writing(wait_seconds=lock_wait_seconds()):
        pending: list[Article] = []
        fresh = _new_articles(paths, store, summary, pending, on_problem, on_progress)
        try:
            added = _extract_and_store(fresh, store, started, jobs, batch_size, summary, on_progress)
        except KeyboardInterrupt:  # each stored document is its own transaction: keep them all
            summary.interrupted = True
            added = summary.added
        for article in pending:  # same text under a second name, seen while the first was parsed
            if summary.interrupted and not store.has_source(article.sha256):
                continue  # its first copy was never parsed: the next build reads both again
            store.add_identifier(article.sha256, article.identifier)
            store.mark_dirty()
        if added or store.is_dirty():
            if added:
                store.put_run(new_run_info(started))
            rewrite_graph(store, summary)
        else:
            _count_store(store, summary)
    summary.seconds = time.time() - started
    return summary


def _new_articles(
    paths: Sequence[str],
    store: GraphStore,
    summary: BuildSummary,
    pending: list[Article],
    on_problem: ProblemFn | None,
    on_progress: ProgressFn | None = None,
) -> Iterator[Article]:
    """Yield only articles whose text the store does not hold yet."""
    in_flight: set[str] = set()
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            if on_problem:
                on_problem(item)
            continue
        summary.read += 1
        if item.sha256 in in_flight:
            summary.renamed += 1
            pending.append(item)
            continue
        if store.has_source(item.sha256):
            summary.unchanged += 1
            if on_progress:  # a resumed build shows it is skipping what it already has
                on_progress(summary.read, summary.added)
            if store.sha_for_identifier(item.identifier) != item.sha256:
                summary.renamed += 1
                store.add_identifier(item.sha256, item.identifier)
                store.mark_dirty()
            continue
        in_flight.add(item.sha256)
        yield item


def _extract_and_store(
    articles: Iterator[Article],
    store: GraphStore,
    started: float,
    jobs: int,
    batch_size: int,
    summary: BuildSummary,
    on_progress: ProgressFn | None,
) -> int:
    first = next(articles, None)
    if first is None:  # nothing new: never import spaCy nor load the model (a no-op stays fast)
        return 0
    from .progress import deferred_interrupt
    from .workers import extract_stream

    articles = itertools.chain([first], articles)
    added = 0
    run_id = run_id_for(started)
    for extraction in extract_stream(articles, jobs=jobs, batch_size=batch_size):
        article = extraction.article
        if added == 0:  # the run exists before any source points to it, even after a crash
            store.put_run(new_run_info(started))
        with deferred_interrupt():  # stored and counted, or neither
            store.put_source(extraction, article.identifier, run_id)
            store.mark_dirty()
            added += 1
            summary.added = added
        if on_progress:
            on_progress(summary.read, added)
    return added


def rewrite_graph(store: GraphStore, summary: BuildSummary | None = None) -> int:
    """Derive the whole graph from the stored extractions and switch to it."""
    from .mapping import map_to_rdf
    from .resolve import resolve

    # Two streaming passes over the records (resolution needs every document's
    # entities before the first can be mapped); no pass holds the corpus.
    resolution = resolve(s.extraction for s in store.sources())
    triples = store.replace_graph(map_to_rdf(store.sources(), resolution, store.runs()))
    if summary is not None:
        summary.graph_rewritten = True
        summary.triples = triples
        summary.entities = len(resolution.entities)
        _count_store(store, summary)
    return triples


def _count_store(store: GraphStore, summary: BuildSummary) -> None:
    """Fill in the store-wide totals of the summary from the graph itself."""
    from .vocab import KG, RDF

    graph = store.graph()
    summary.sources = store.source_count()
    summary.facts = _count(graph, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{RDF}Statement> }}")
    summary.entities = _count(
        graph,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . VALUES ?c { "
        + " ".join(f"<{KG}{c}>" for c in ("Person", "Organization", "Place", "Group", "Event"))
        + " } }",
    )


def _count(graph: object, query: str) -> int:
    try:
        for row in graph.query(query):  # type: ignore[attr-defined]
            return int(row[0].value)
    except Exception as exc:  # the graph is ours; a failure here is a bug worth reporting
        raise KgError(f"cannot count the graph: {exc}") from exc
    return 0


def remove(refs: Sequence[str], store: GraphStore) -> tuple[list[str], list[str]]:
    """Retract sources (by path, identifier or hash) and every fact left without evidence.

    Returns the removed sources' hashes and the references that matched nothing.
    """
    with store.writing(wait_seconds=lock_wait_seconds()):
        removed, unknown = store.remove_sources(refs)
        if removed:
            store.mark_dirty()
        if removed or store.is_dirty():
            rewrite_graph(store)
    return removed, unknown
