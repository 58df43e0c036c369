"""The build on a Dask cluster: reading, parsing and extraction spread over many hosts.

``kg build --dask ADDRESS`` (a scheduler such as ``tcp://host:8786``) or
``--dask local:N`` (a cluster of N worker processes on this machine).

What runs where, and why:

* The driver (this process) only *plans*: it lists the input files and cuts
  them into partitions -- a few hundred whole files, or a range of lines of a
  JSON Lines file -- without reading any article.
* Each worker reads its partition itself (so the input must be readable at the
  same path on every worker: a shared or copied folder), skips texts the store
  already holds, parses and extracts the rest, and returns plain
  ``DocumentExtraction`` records as dicts: never spaCy objects, which are large
  and tied to the worker's model.
* The driver stores each record as it arrives (one transaction per document,
  exactly as a local build does), in input order, then derives the graph in
  the one deterministic pass of ``graph.build.rewrite_graph``.  Entity
  resolution and IRIs depend only on the set of stored records, so the graph
  is isomorphic to a single-process build of the same input, however the
  input was partitioned and whichever worker ran what.

At most a few partitions per worker are in flight, so the driver's memory
stays flat; Ctrl-C keeps every stored document and the next build resumes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .build import (
    LOCK_WAIT_SECONDS,
    BuildSummary,
    ProblemFn,
    ProgressFn,
    new_run_info,
    rewrite_graph,
    run_id_for,
)
from .errors import KgError
from .model import Article, DocumentExtraction
from .progress import deferred_interrupt
from .reading import Skipped, iter_sources
from .store import GraphStore

#: Documents per partition: large enough that a task's overhead vanishes next
#: to parsing it (seconds to minutes), small enough to balance the workers.
PARTITION_SIZE = 256
#: Seconds to wait for a scheduler before saying it cannot be reached
#: ($KG_DASK_TIMEOUT overrides it).
CONNECT_TIMEOUT = 10.0
_JSONL = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class Partition:
    """One task's share of the input: whole files, or lines of one JSON Lines file.

    ``first_line`` counts from 1 like the line numbers in identifiers
    (``feed.jsonl#L12``); ``stop_line`` is exclusive (0: to the end of the
    file).  ``offset`` is the byte offset of ``first_line`` in a plain file,
    so a worker seeks to it instead of reading what comes before; a gzip file
    cannot seek and is decompressed from the start.
    """

    files: tuple[str, ...] = ()
    jsonl: str | None = None
    first_line: int = 1
    stop_line: int = 0
    offset: int | None = None


# ---------------------------------------------------------------- planning (driver)


def plan_partitions(paths: Sequence[str], size: int = PARTITION_SIZE) -> Iterator[Partition | Skipped]:
    """Cut the input into partitions of about ``size`` documents, in input order."""
    files: list[str] = []
    for source in iter_sources(paths):
        if isinstance(source, Skipped):
            yield source
            continue
        if not source.lower().endswith(_JSONL):
            files.append(source)
            if len(files) >= size:
                yield Partition(files=tuple(files))
                files = []
            continue
        if files:
            yield Partition(files=tuple(files))
            files = []
        yield from _jsonl_partitions(source, size)
    if files:
        yield Partition(files=tuple(files))


def _jsonl_partitions(path: str, size: int) -> Iterator[Partition | Skipped]:
    """Line ranges of a JSON Lines file holding ``size`` non-blank lines each.

    The driver reads only line ends here (and decompresses a gzip file); a
    file it cannot scan is left whole to one worker, which reports why.
    """
    from .reading import _open_jsonl, _refuse_jsonl

    refused = _refuse_jsonl(path)
    if refused is not None:
        yield refused
        return
    plain = not path.lower().endswith(".gz")
    first, offset, count, position, lineno = 1, 0, 0, 0, 0
    try:
        with _open_jsonl(path) as handle:
            for lineno, raw in enumerate(handle, start=1):
                if count >= size and raw.strip():
                    yield Partition(jsonl=path, first_line=first, stop_line=lineno,
                                    offset=offset if plain else None)
                    first, offset, count = lineno, position, 0
                position += len(raw)
                if raw.strip():
                    count += 1
    except (OSError, EOFError, ValueError):
        pass  # the worker meets the same error and reports it as a skipped source
    yield Partition(jsonl=path, first_line=first, stop_line=0, offset=offset if plain else None)


# ---------------------------------------------------------------- on a worker


def read_partition(part: Partition) -> Iterator[Article | Skipped]:
    """The partition's articles (or why a source was skipped), in input order."""
    from .reading import read_file

    for path in part.files:
        yield from read_file(path)
    if part.jsonl is not None:
        yield from _read_lines(part)


def _read_lines(part: Partition) -> Iterator[Article | Skipped]:
    """Lines ``first_line`` up to ``stop_line`` of a JSON Lines file, read as the reader reads them."""
    import codecs
    import gzip
    import zlib

    from .reading import _article_from_json_line, _open_jsonl, _os_reason

    path = part.jsonl
    assert path is not None
    try:
        with _open_jsonl(path) as handle:
            start = 1
            if part.offset:
                handle.seek(part.offset)
                start = part.first_line
            for lineno, raw in enumerate(handle, start=start):
                if part.stop_line and lineno >= part.stop_line:
                    return
                if lineno < part.first_line:
                    continue
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                if raw.strip():
                    yield _article_from_json_line(path, lineno, raw)
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Skipped(path, f"not a valid gzip file ({exc})")
    except EOFError:
        yield Skipped(path, "gzip file ends early (truncated); lines before the end were read")
    except OSError as exc:
        yield Skipped(path, _os_reason(exc))


def process_partition(part: Partition, known: frozenset[str], batch_size: int = 32) -> list[dict[str, Any]]:
    """Read, parse and extract one partition on a worker; plain records out.

    Each input item becomes one record, in input order: ``{"skipped": [path,
    reason]}``, ``{"seen": [sha256, identifier]}`` for a text the store (or
    this partition) already has, or ``{"extraction": DocumentExtraction dict}``.
    """
    from .workers import extract_batch

    items = list(read_partition(part))
    todo: dict[str, Article] = {}
    for item in items:
        if isinstance(item, Article) and item.sha256 not in known:
            todo.setdefault(item.sha256, item)
    done = {e.article.sha256: e for e in extract_batch(list(todo.values()), batch_size)}
    records: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Skipped):
            records.append({"skipped": [item.path, item.reason]})
        elif item.sha256 in done and todo.get(item.sha256) is item:
            records.append({"extraction": done[item.sha256].to_dict()})
        else:
            records.append({"seen": [item.sha256, item.identifier]})
    return records


# ---------------------------------------------------------------- the cluster


def connect(address: str) -> tuple[Any, Callable[[], None]]:
    """A Dask client for ``address`` ("local:N" starts a local cluster) and its closer.

    Raises ``KgError`` when Dask is not installed, the address is malformed or
    the scheduler cannot be reached within the connect timeout.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--dask needs Dask: pip install 'kg-news[dask]'") from None
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise KgError(f"--dask local:N needs a number of workers of at least 1, not {count!r}")
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)

        def close_local() -> None:
            client.close()
            cluster.close()

        return client, close_local
    timeout = float(os.environ.get("KG_DASK_TIMEOUT", CONNECT_TIMEOUT))
    try:
        with _quiet_dask_logs():
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise KgError(f"cannot reach the Dask scheduler at {address!r}: {reason}") from None
    return client, client.close


@contextlib.contextmanager
def _quiet_dask_logs() -> Iterator[None]:
    """Dask logs every failed connection attempt; the one-line error says it all."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def stored_hashes(store: GraphStore) -> frozenset[str]:
    """The sha256 of every stored text, sent once to every worker."""
    query = getattr(store, "_query", None)
    if query is not None:  # one column, not every record's JSON
        return frozenset(row[0] for row in query("SELECT sha256 FROM sources"))
    return frozenset(s.sha256 for s in store.sources())


# ---------------------------------------------------------------- the build (driver)


def build_on_dask(
    paths: Sequence[str],
    store: GraphStore,
    address: str,
    *,
    batch_size: int = 32,
    partition_size: int = PARTITION_SIZE,
    on_progress: ProgressFn | None = None,
    on_problem: ProblemFn | None = None,
) -> BuildSummary:
    """``graph.build.build`` with reading, parsing and extraction on a Dask cluster."""
    started = time.time()
    summary = BuildSummary()
    with store.writing(wait_seconds=LOCK_WAIT_SECONDS):
        client, close = connect(address)
        try:
            known = stored_hashes(store)
            records = _records(client, plan_partitions(paths, partition_size), known,
                               batch_size, summary, on_problem)
            try:
                _store_records(records, store, started, summary, on_progress, on_problem)
            except KeyboardInterrupt:
                summary.interrupted = True
        finally:
            with contextlib.suppress(Exception):
                close()
        if summary.added:
            store.put_run(new_run_info(started))
        if summary.added or store.is_dirty():
            rewrite_graph(store, summary)
        else:
            from .build import _count_store

            _count_store(store, summary)
    summary.seconds = time.time() - started
    return summary


def _records(
    client: Any,
    plan: Iterator[Partition | Skipped],
    known: frozenset[str],
    batch_size: int,
    summary: BuildSummary,
    on_problem: ProblemFn | None,
) -> Iterator[dict[str, Any]]:
    """Every record of every partition, in input order, a few partitions in flight."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    (known_on_cluster,) = client.scatter([known], broadcast=True)  # one object, not its items
    in_flight: deque[Any] = deque()
    try:
        for part in plan:
            if isinstance(part, Skipped):
                summary.skipped.append(part)
                if on_problem:
                    on_problem(part)
                continue
            in_flight.append(client.submit(process_partition, part, known_on_cluster, batch_size,
                                           pure=False))
            if len(in_flight) >= 2 * workers:
                yield from _result(in_flight.popleft())
        while in_flight:
            yield from _result(in_flight.popleft())
    finally:
        for future in in_flight:
            future.cancel()


def _result(future: Any) -> list[dict[str, Any]]:
    """A partition's records; a lost worker or scheduler is a one-line error, while
    an exception raised by our own code on a worker stays a bug, as in a local build."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    try:
        return list(future.result())
    except (KilledWorker, CancelledError, OSError, TimeoutError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise KgError(f"the Dask cluster lost a partition: {reason}") from None


def _store_records(
    records: Iterator[dict[str, Any]],
    store: GraphStore,
    started: float,
    summary: BuildSummary,
    on_progress: ProgressFn | None,
    on_problem: ProblemFn | None,
) -> None:
    """Store what the workers sent, with the local build's bookkeeping."""
    run_id = run_id_for(started)
    stored_now: set[str] = set()
    for record in records:
        if "skipped" in record:
            skipped = Skipped(*record["skipped"])
            summary.skipped.append(skipped)
            if on_problem:
                on_problem(skipped)
            continue
        summary.read += 1
        if "extraction" in record:
            extraction = DocumentExtraction.from_dict(record["extraction"])
            sha, identifier = extraction.article.sha256, extraction.article.identifier
        else:
            sha, identifier = record["seen"]
            extraction = None
        if extraction is not None and not store.has_source(sha):
            if not summary.added:  # the run exists before any source points to it
                store.put_run(new_run_info(started))
            with deferred_interrupt():  # stored and counted, or neither
                store.put_source(extraction, identifier, run_id)
                stored_now.add(sha)
                summary.added += 1
        elif sha in stored_now:  # the same text twice in this input: one source, two names
            summary.renamed += 1
            store.add_identifier(sha, identifier)
        elif store.has_source(sha):
            summary.unchanged += 1
            if store.sha_for_identifier(identifier) != sha:
                summary.renamed += 1
                store.add_identifier(sha, identifier)
        if on_progress:
            on_progress(summary.read, summary.added)
