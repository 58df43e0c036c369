"""Parse and extract articles, in this process or in a pool of worker processes.

The parser is the one cost the design cannot avoid, so it is what gets spread
over cores.  Workers do the whole per-document job (spaCy parse *and*
extraction) and send back plain ``DocumentExtraction`` records, never spaCy
objects: a record is a few kilobytes, a pickled ``Doc`` is far more, and the
main process is left with only the store writes.

At most a few batches are in flight at once, so memory stays flat however long
the input stream is.  A batch is also bounded in characters (``BATCH_CHARS``):
the parser's working memory grows with the text of the whole batch it is
given, so 32 long articles at once would set the build's peak memory, and a
larger input (more chances of a batch of long articles) would have a higher
peak.  With the bound, the peak depends on the batch budget and the longest
single article, not on how many articles there are.

Ctrl-C belongs to the main process: workers ignore SIGINT (a terminal sends it
to the whole process group), and when the main process is interrupted, or its
consumer stops early, the pool is torn down at once instead of waiting for the
batches in flight; their documents were not stored and the next build parses
them again.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .model import Article, DocumentExtraction

#: Characters of text parsed in one batch, at most (a longer article is a batch
#: of its own).  About 32 median news articles; the parser needs roughly 1 MB
#: per thousand characters of a batch, so this keeps its working memory small.
BATCH_CHARS = 64_000


def extract_batch(articles: list[Article], batch_size: int = 32) -> list[DocumentExtraction]:
    """Parse and extract one batch; the unit of work a worker process runs."""
    from .extract import extract_document
    from .nlp import parse

    return [extract_document(doc, art) for doc, art in parse(articles, batch_size=batch_size)]


def extract_stream(
    articles: Iterable[Article], *, jobs: int = 1, batch_size: int = 32
) -> Iterator[DocumentExtraction]:
    """Extractions of ``articles`` in input order, with ``jobs`` worker processes."""
    if jobs <= 1:
        yield from _extract_here(articles, batch_size)
    else:
        yield from _extract_in_pool(articles, jobs, batch_size)


def _extract_here(articles: Iterable[Article], batch_size: int) -> Iterator[DocumentExtraction]:
    from .extract import extract_document
    from .nlp import parse

    for batch in _batches(articles, batch_size):
        for doc, article in parse(batch, batch_size=len(batch)):
            yield extract_document(doc, article)


def _batches(
    articles: Iterable[Article], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``size`` articles and ``max_chars`` characters."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= size or chars + len(article.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


def _warm_up() -> None:
    """Load the model once per worker, before the first batch arrives; leave
    Ctrl-C to the main process, which decides what to keep."""
    from .nlp import load_model

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_model()


def _extract_in_pool(
    articles: Iterable[Article], jobs: int, batch_size: int
) -> Iterator[DocumentExtraction]:
    context = multiprocessing.get_context("forkserver")
    in_flight: deque[Future[list[DocumentExtraction]]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up)
    try:
        for batch in _batches(articles, batch_size):
            in_flight.append(pool.submit(extract_batch, batch, batch_size))
            if len(in_flight) >= 2 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    except BaseException:  # Ctrl-C, an error, or the consumer closed us: stop now
        _stop_now(pool)
        raise
    pool.shutdown(wait=True)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Cancel queued batches and end the workers without waiting for their batch."""
    # The executor has no public "terminate"; its worker table (read before
    # shutdown drops it) has kept its name and shape since Python 3.8.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
