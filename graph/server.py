"""The read-only SPARQL 1.1 Protocol endpoint and the analysts' page (`kg serve`).

Routes::

    GET/POST /sparql            SPARQL 1.1 Protocol, queries only
    GET      /rdf-graph-store   Graph Store Protocol, reading (?default, ?graph=IRI)
    GET      /                  the page (graph/web/app/), offline: vendor files are ours
    GET      /viz               the interactive picture of the current graph (as `kg viz`),
                                one self-contained page; ?focus= &depth= &relation=
                                &min_sources= &communities=1 as the command's options
    GET      /api/...           small JSON helpers the page uses (queries, search,
                                entity, labels, sources); all of them are SPARQL run
                                through the same limited workers as /sparql

Why a process pool: pyoxigraph cannot cancel a query running in a thread, so a
runaway query would keep a core busy forever.  Each query runs in a worker process;
when it overruns ``query_timeout_s`` the worker is killed and replaced while the
other workers keep answering.  Workers are fresh interpreters (never a ``fork`` of
a threaded server holding an open RocksDB), so ``open_graph`` must be picklable:
a module-level function or a ``functools.partial`` of one.

Why refuse before running: the endpoint must never make a request leave the machine
(``SERVICE``) and never write (Update, ``LOAD``); the check looks at the query's
keywords with comments, strings and IRIs set aside, so it cannot be fooled by a
keyword inside a literal, and it does not depend on the engine's behaviour.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import json
import os
import pickle
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graph import vocab
from graph.errors import QueryError, StoreError

__all__ = ["ServerConfig", "VizOptions", "create_app", "graph_from_file", "serve"]

WEB_DIR = Path(__file__).parent / "web"
APP_DIR = WEB_DIR / "app"
VENDOR_DIR = WEB_DIR / "vendor"

# --------------------------------------------------------------------------- config


@dataclass(frozen=True)
class ServerConfig:
    """Where the graph is and how much one query may cost.

    ``workers`` is the number of query processes (each holds the graph open);
    ``queue_wait_s`` is how long a request waits for a free worker before a 503.
    """

    store_path: str
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout_s: float = 10.0
    max_results: int = 100_000
    max_body_bytes: int = 1_000_000
    queries_dir: str | None = None
    workers: int = 2
    queue_wait_s: float = 10.0
    viz_timeout_s: float = 60.0
    viz_max_nodes: int = 2000


# --------------------------------------------------------------------------- graphs


def graph_from_file(path: str) -> ox.Store:
    """An in-memory graph loaded from one RDF file (format from its extension).

    Used to serve a Turtle export without a store, and by tests as the
    ``open_graph`` seam (it is picklable through ``functools.partial``).
    """
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store.bulk_load(path=path, format=fmt)
    return store


def _graph_from_store(store_path: str) -> ox.Store:
    """The current generation of a ``kg`` store, opened read-only."""
    try:
        from graph.store import GraphStore
    except ImportError as exc:  # the store module ships separately
        raise StoreError(f"cannot open {store_path}: graph.store is not available ({exc})") from exc
    store: ox.Store = GraphStore.open(store_path, read_only=True).graph()
    return store


# --------------------------------------------------------------------------- refusal

_COMMENT_STRING_IRI = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_BARE_WORD = re.compile(r"(?<![\w?$:@.\-])([A-Za-z][A-Za-z0-9_]*)(?![\w:\-])")
_ANY_WORD = re.compile(r"(?<![\w?$])([A-Za-z][A-Za-z0-9_]*)(?!\w)")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def _unescape_codepoints(query: str) -> str:
    """Apply SPARQL's \\u / \\U escapes, which the engine applies before parsing."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)
    return _CODEPOINT.sub(char, query)


def _blanked(query: str) -> str:
    """The query with escapes applied and comments, strings and IRIs blanked out."""
    return _COMMENT_STRING_IRI.sub(" ", _unescape_codepoints(query))


def _keywords(query: str) -> list[str]:
    """Bare words (not parts of prefixed names, variables or language tags), upper-cased."""
    return [m.group(1).upper() for m in _BARE_WORD.finditer(_blanked(query))]


def refusal_reason(query: str) -> str | None:
    """Why this endpoint will not run ``query``, or None when it may run.

    Refused: SERVICE, which would make the engine send a request to another
    machine, and SPARQL Update operations (LOAD included).  The project's own
    check (``graph.query.check_read_only``) runs on the text after SPARQL's
    ``\\u`` escapes are applied, as the engine applies them; SERVICE is then
    also looked for in every word, local names of prefixed names too, so an odd
    tokenisation can only refuse too much, never let a request out.
    """
    from graph.query import check_read_only

    unescaped = _unescape_codepoints(query)
    try:
        check_read_only(unescaped)
    except QueryError as exc:
        return str(exc)
    if any(m.group(1).upper() == "SERVICE" for m in _ANY_WORD.finditer(_blanked(query))):
        return ("SERVICE is not allowed: queries run on the local graph only "
                "(no request ever leaves this machine)")
    updates = sorted(_UPDATE_WORDS.intersection(_keywords(query)))
    if updates:
        return (f"SPARQL Update ({updates[0]}) is not allowed: the graph is read-only")
    return None


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword, if any."""
    return next((w for w in _keywords(query) if w in _QUERY_FORMS), None)


# --------------------------------------------------------------------------- negotiation

RESULT_TYPES: list[tuple[str, str]] = [
    ("application/sparql-results+json", "JSON"),
    ("application/json", "JSON"),
    ("application/sparql-results+xml", "XML"),
    ("application/xml", "XML"),
    ("text/xml", "XML"),
    ("text/csv", "CSV"),
    ("text/tab-separated-values", "TSV"),
]
GRAPH_TYPES: list[tuple[str, str]] = [
    ("text/turtle", "TURTLE"),
    ("application/n-triples", "N_TRIPLES"),
    ("application/ld+json", "JSON_LD"),
    ("application/rdf+xml", "RDF_XML"),
    ("application/x-turtle", "TURTLE"),
    ("text/plain", "N_TRIPLES"),
]


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; malformed q counts as 1."""
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 1.0
        ranges.append((fields[0].lower(), q))
    return ranges


def negotiate(accept: str | None, offers: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The offer the client prefers most (server order breaks ties), or None.

    No Accept header means anything goes, so the first offer is used.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, tuple[str, str]] | None = None
    for index, offer in enumerate(offers):
        q = _quality(offer[0], ranges)
        if q > 0 and (best is None or q > best[0]):
            best = (q, index, offer)
    return best[2] if best else None


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range that matches ``media_type`` (0 if none)."""
    kind = media_type.split("/")[0]
    found: tuple[int, float] | None = None
    for media_range, q in ranges:
        rank = 3 if media_range == media_type else 2 if media_range == f"{kind}/*" else (
            1 if media_range == "*/*" else 0)
        if rank and (found is None or rank > found[0]):
            found = (rank, q)
    return found[1] if found else 0.0


# --------------------------------------------------------------------------- worker side


@dataclass(frozen=True)
class VizOptions:
    """What to draw at /viz: the options of `kg viz` (picklable, hashable: a cache key)."""

    focus: str | None = None
    depth: int = 2
    relations: tuple[str, ...] | None = None
    min_sources: int = 1
    communities: bool = False
    max_nodes: int = 2000


@dataclass(frozen=True)
class _Job:
    """One unit of work for a worker process (picklable)."""

    kind: str                         # "query", "rows", "graph" or "viz"
    text: str = ""                    # the query, for "query" and "rows"
    accept: str | None = None         # Accept header, for "query" and "graph"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    graph: str | None = None          # for "graph": None = default graph
    max_results: int = 100_000
    viz: VizOptions | None = None     # for "viz"


# A worker answers ("ok", content_type, body) or ("error", status, message);
# "rows" jobs answer ("rows", variables, bindings) with SPARQL JSON terms.
Outcome = tuple[Any, ...]


class _GraphHandle:
    """The worker's graph, re-opened when the store's CURRENT file changes."""

    def __init__(self, open_graph: Callable[[], ox.Store], current_file: Path) -> None:
        self._open_graph = open_graph
        self._current_file = current_file
        self._marker: bytes | None = None
        self._graph: ox.Store | None = None

    def _read_marker(self) -> bytes | None:
        try:
            return self._current_file.read_bytes()
        except OSError:
            return None

    def get(self) -> ox.Store:
        """The graph of the current generation (opened at most once per generation)."""
        marker = self._read_marker()
        if self._graph is None or marker != self._marker:
            self._graph = None
            self._graph = self._open_graph()
            self._marker = marker
        return self._graph


def _worker_main(conn: Connection, open_graph: Callable[[], ox.Store], current_file: str) -> None:
    """Loop of a worker process: receive a job, answer an outcome, until the pipe closes."""
    handle = _GraphHandle(open_graph, Path(current_file))
    with contextlib.suppress(Exception):  # a failure is reported again, per job
        handle.get()  # open early so the first query does not pay for it
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_run_job(handle, job))


def _run_job(handle: _GraphHandle, job: _Job) -> Outcome:
    """Run one job and turn every failure into an (error, status, message) outcome."""
    try:
        graph = handle.get()
    except Exception as exc:  # noqa: BLE001 - any failure to open is the store's fault
        return ("error", 500, f"the graph could not be opened: {exc}")
    try:
        if job.kind == "graph":
            return _dump_graph(graph, job)
        if job.kind == "viz":
            return _viz_page(graph, job.viz or VizOptions())
        results = graph.query(
            job.text,
            prefixes=vocab.PREFIXES,
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
        )
        if job.kind == "rows":
            return _rows_outcome(results, job.max_results)
        return _query_outcome(results, job)
    except SyntaxError as exc:
        return ("error", 400, f"malformed SPARQL query: {exc}")
    except QueryError as exc:
        return ("error", 422, str(exc))
    except ValueError as exc:
        return ("error", 400, f"bad request: {exc}")
    except OSError as exc:
        return ("error", 500, f"the graph could not be read: {exc}")


def _term_json(term: Any) -> dict[str, Any]:
    """A pyoxigraph term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != vocab.XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {
        "subject": _term_json(term.subject),
        "predicate": _term_json(term.predicate),
        "object": _term_json(term.object),
    }}


def _capped(items: Iterable[Any], max_results: int, what: str) -> list[Any]:
    """At most ``max_results`` items, or QueryError: over the limit is an error, not a cut."""
    kept: list[Any] = []
    for item in items:
        if len(kept) == max_results:
            raise QueryError(
                f"the result has more than {max_results} {what}, the server's limit; "
                "add LIMIT or narrow the query")
        kept.append(item)
    return kept


def _solutions_json(results: ox.QuerySolutions,
                    max_results: int) -> tuple[list[str], list[dict[str, Any]]]:
    """Variables and bindings (SPARQL JSON terms) of a SELECT, capped."""
    variables = [v.value for v in results.variables]
    bindings = []
    for solution in _capped(results, max_results, "rows"):
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = _term_json(term)
        bindings.append(row)
    return variables, bindings


def _rows_outcome(results: Any, max_results: int) -> Outcome:
    """Outcome of an internal (page API) SELECT: the rows themselves."""
    if not isinstance(results, ox.QuerySolutions):
        return ("error", 400, "the page API expects a SELECT query")
    variables, bindings = _solutions_json(results, max_results)
    return ("rows", variables, bindings)


def _query_outcome(results: Any, job: _Job) -> Outcome:
    """Serialise a query's results in the format the client accepts."""
    is_graph = isinstance(results, ox.QueryTriples)
    offers = GRAPH_TYPES if is_graph else RESULT_TYPES
    chosen = negotiate(job.accept, offers)
    if chosen is None:
        return ("error", 406, _not_acceptable_message(job.accept, offers))
    media_type, fmt = chosen
    if is_graph:
        triples = _capped(results, job.max_results, "triples")
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt), prefixes=vocab.PREFIXES)
    elif isinstance(results, ox.QueryBoolean):
        if fmt in ("CSV", "TSV"):
            body = f"_askResult\n{'true' if bool(results) else 'false'}\n".encode()
        else:
            body = results.serialize(format=getattr(ox.QueryResultsFormat, fmt))
    else:
        variables, bindings = _solutions_json(results, job.max_results)
        body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()
        if fmt != "JSON":
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=getattr(ox.QueryResultsFormat, fmt))
    return ("ok", _with_charset(media_type), body)


def _dump_graph(graph: ox.Store, job: _Job) -> Outcome:
    """The Graph Store Protocol's GET: the default graph or one named graph."""
    chosen = negotiate(job.accept, GRAPH_TYPES)
    if chosen is None:
        return ("error", 406, _not_acceptable_message(job.accept, GRAPH_TYPES))
    media_type, fmt = chosen
    if job.graph is None:
        target: Any = ox.DefaultGraph()
    else:
        target = ox.NamedNode(job.graph)
        if not graph.contains_named_graph(target):
            return ("error", 404, (f"no graph named <{job.graph}> here; "
                                   "everything is in the default graph (GET ?default)"))
    triples = (q.triple for q in graph.quads_for_pattern(None, None, None, target))
    body = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt), prefixes=vocab.PREFIXES)
    return ("ok", _with_charset(media_type), body)


def _viz_page(graph: ox.Store, options: VizOptions) -> Outcome:
    """The `kg viz` page of the worker's current graph (a wrong option is the client's 400)."""
    from graph.errors import KgError
    from graph.visualise import project, render_html

    try:
        g = project(graph, focus=options.focus, depth=options.depth,
                    relations=options.relations, min_sources=options.min_sources)
        page = render_html(g, communities=options.communities, max_nodes=options.max_nodes)
    except KgError as exc:
        return ("error", 400, str(exc))
    return ("ok", "text/html; charset=utf-8", page.encode("utf-8"))


def _with_charset(media_type: str) -> str:
    """Text formats are always UTF-8; say so."""
    return f"{media_type}; charset=utf-8"


def _not_acceptable_message(accept: str | None, offers: list[tuple[str, str]]) -> str:
    names = ", ".join(dict.fromkeys(m for m, _ in offers))
    return f"cannot answer in any type of Accept: {accept!r}; this result is offered as {names}"


# --------------------------------------------------------------------------- pool side


class Busy(Exception):
    """Every worker stayed busy for longer than the queue wait."""


class TimedOut(Exception):
    """The query ran past the time limit; its worker was killed."""


def _worker_entry() -> None:
    """Entry of a worker process: ``python -c`` calls this with the pipe's fd.

    A plain interpreter started by subprocess, not multiprocessing's spawn, so
    the server's ``__main__`` is never re-imported in the worker, whatever script
    started the server.
    """
    conn = Connection(int(sys.argv[1]))
    open_graph, current_file = conn.recv()
    _worker_main(conn, open_graph, current_file)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, open_graph: Callable[[], ox.Store], current_file: str) -> None:
        parent, child = socket.socketpair()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from graph.server import _worker_entry; _worker_entry()",
             str(child.fileno())],
            pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL)
        child.close()
        self.conn = Connection(parent.detach())
        self.conn.send((open_graph, current_file))

    def call(self, job: _Job, timeout_s: float) -> Outcome:
        """Send a job and wait at most ``timeout_s`` for its outcome (blocking)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout_s):
                raise TimedOut
            outcome: Outcome = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise StoreError(f"the query worker died: {exc}") from exc
        return outcome

    def kill(self) -> None:
        """Stop the process now (a query cannot be cancelled any other way)."""
        self.process.kill()
        self.process.wait(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes; a query that overruns costs only its worker."""

    def __init__(self, open_graph: Callable[[], ox.Store], current_file: str,
                 size: int, timeout_s: float, queue_wait_s: float) -> None:
        self._open_graph = open_graph
        self._current_file = current_file
        self._size = size
        self._timeout_s = timeout_s
        self._queue_wait_s = queue_wait_s
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start every worker (in threads: spawning a process takes a moment)."""
        await asyncio.gather(*(self._add_worker() for _ in range(self._size)))

    async def stop(self) -> None:
        """Kill every worker; the server is shutting down."""
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            await asyncio.to_thread(worker.kill)
        self._all.clear()

    async def _add_worker(self) -> None:
        worker = await asyncio.to_thread(_Worker, self._open_graph, self._current_file)
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background."""
        self._all.discard(worker)

        async def replace() -> None:
            await asyncio.to_thread(worker.kill)
            await self._add_worker()

        task = asyncio.get_running_loop().create_task(replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, job: _Job, timeout_s: float | None = None) -> Outcome:
        """The job's outcome; raises Busy or TimedOut instead of making the client hang.

        ``timeout_s`` overrides the pool's limit for this one job.
        """
        try:
            worker = await asyncio.wait_for(self._idle.get(), self._queue_wait_s)
        except asyncio.TimeoutError:
            raise Busy from None
        try:
            outcome = await asyncio.to_thread(worker.call, job, timeout_s or self._timeout_s)
        except BaseException:
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return outcome


# --------------------------------------------------------------------------- HTTP


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def _read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, or 413 as soon as it grows past ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _HttpError(413, f"request body over the limit of {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _HttpError(413, f"request body over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise _HttpError(400, f"give '{name}' once, not {len(values)} times")
    return values[0] if values else None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _HttpError(400, f"the request body is not UTF-8: {exc}") from exc


async def _protocol_params(request: Request, max_body: int) -> tuple[str, dict[str, list[str]]]:
    """The query text and the other protocol parameters of a GET or POST."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        query = _single(params, "query")
    else:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request, max_body)
        if media_type == "application/x-www-form-urlencoded":
            form = parse_qs(_decode(body), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            query = _single(params, "query")
        elif media_type == "application/sparql-query":
            query = _decode(body)
        elif media_type == "application/sparql-update":
            raise _HttpError(403, "SPARQL Update is refused: this endpoint is read-only")
        else:
            raise _HttpError(415, "POST a query as application/x-www-form-urlencoded "
                                  f"(query=...) or application/sparql-query, not {media_type!r}")
    if params.get("update"):
        raise _HttpError(403, "SPARQL Update is refused: this endpoint is read-only")
    if query is None or not query.strip():
        raise _HttpError(400, "no query: give the SPARQL query as the 'query' parameter")
    return query, params


def _check_query(query: str, accept: str | None) -> None:
    """Refuse before running: updates and SERVICE, and formats we can never give."""
    reason = refusal_reason(query)
    if reason:
        raise _HttpError(403, reason)
    form = query_form(query)
    if form is None:
        raise _HttpError(400, "malformed SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    offers = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    if negotiate(accept, offers) is None:
        raise _HttpError(406, _not_acceptable_message(accept, offers))


class _Endpoint:
    """The request handlers; holds the config and the worker pool."""

    def __init__(self, config: ServerConfig, pool: QueryPool, queries_dir: Path) -> None:
        self.config = config
        self.pool = pool
        self.queries_dir = queries_dir
        self.current_file = Path(config.store_path) / "CURRENT"
        self.viz_pages: collections.OrderedDict[tuple[bytes | None, VizOptions], bytes] = \
            collections.OrderedDict()

    async def outcome(self, job: _Job, timeout_s: float | None = None) -> Outcome:
        """Run a job, mapping the pool's refusals to HTTP errors."""
        limit = timeout_s or self.config.query_timeout_s
        try:
            return await self.pool.run(job, limit)
        except Busy:
            raise _HttpError(503, "the server is busy with other queries; retry shortly") from None
        except TimedOut:
            advice = ("draw less: ?focus=NAME&depth=1, ?relation= or ?min_sources="
                      if job.kind == "viz" else "narrow it or add LIMIT")
            raise _HttpError(503, f"the {'picture' if job.kind == 'viz' else 'query'} ran past "
                                  f"the time limit of {limit:g} s and was stopped; "
                                  f"{advice}") from None
        except StoreError as exc:
            raise _HttpError(500, str(exc)) from None

    async def respond(self, job: _Job) -> Response:
        outcome = await self.outcome(job)
        if outcome[0] == "error":
            return _error(outcome[1], outcome[2])
        return Response(outcome[2], media_type=outcome[1], headers={"Vary": "Accept"})

    async def sparql(self, request: Request) -> Response:
        try:
            query, params = await _protocol_params(request, self.config.max_body_bytes)
            accept = request.headers.get("accept")
            _check_query(query, accept)
            job = _Job("query", text=query, accept=accept,
                       default_graphs=tuple(params.get("default-graph-uri", [])),
                       named_graphs=tuple(params.get("named-graph-uri", [])),
                       max_results=self.config.max_results)
            return await self.respond(job)
        except _HttpError as exc:
            return _error(exc.status, exc.message)

    async def graph_store(self, request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        try:
            has_default = "default" in params
            graph = _single(params, "graph")
            if has_default == (graph is not None):
                raise _HttpError(400, "give either ?default or ?graph=IRI")
            if graph is not None:
                _sparql_iri(graph)
            job = _Job("graph", accept=request.headers.get("accept"), graph=graph)
            return await self.respond(job)
        except _HttpError as exc:
            return _error(exc.status, exc.message)

    async def viz(self, request: Request) -> Response:
        """The `kg viz` page of the current graph, drawn by a worker under the viz time limit.

        Pages are kept per (graph generation, options), so reloading costs nothing
        until a build or remove switches ``CURRENT``.
        """
        try:
            options = _viz_options(request.url.query, self.config.viz_max_nodes)
            key = (_read_marker(self.current_file), options)
            body = self.viz_pages.get(key)
            if body is None:
                outcome = await self.outcome(_Job("viz", viz=options), self.config.viz_timeout_s)
                if outcome[0] == "error":
                    raise _HttpError(outcome[1], outcome[2])
                body = outcome[2]
                self.viz_pages[key] = body
                while len(self.viz_pages) > _VIZ_PAGES_KEPT:
                    self.viz_pages.popitem(last=False)
            self.viz_pages.move_to_end(key)
            return Response(body, media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})
        except _HttpError as exc:
            return _error(exc.status, exc.message)

    async def rows(self, query: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Bindings of an internal SELECT (page API)."""
        cap = min(limit or self.config.max_results, self.config.max_results)
        outcome = await self.outcome(_Job("rows", text=query, max_results=cap))
        if outcome[0] == "error":
            raise _HttpError(outcome[1], outcome[2])
        bindings: list[dict[str, Any]] = outcome[2]
        return bindings


# --------------------------------------------------------------------------- /viz

#: Rendered /viz pages kept in memory (each is about a megabyte with its inlined library).
_VIZ_PAGES_KEPT = 8
_VIZ_PARAMS = ("focus", "depth", "relation", "min_sources", "communities")


def _read_marker(current_file: Path) -> bytes | None:
    """The store's CURRENT file: which graph generation is being served."""
    try:
        return current_file.read_bytes()
    except OSError:
        return None


def _viz_int(params: dict[str, list[str]], name: str, default: int, least: int) -> int:
    text = _single(params, name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise _HttpError(400, f"{name} must be a whole number, not {text!r}") from None
    if value < least:
        raise _HttpError(400, f"{name} must be {least} or more, not {value}")
    return value


def _viz_options(query: str, max_nodes: int) -> VizOptions:
    """/viz parameters as `kg viz` options; a bad or unknown one is a 400."""
    params = parse_qs(query, keep_blank_values=True)
    unknown = sorted(set(params) - set(_VIZ_PARAMS))
    if unknown:
        raise _HttpError(400, f"unknown parameter {', '.join(unknown)}; "
                              f"known: {', '.join(_VIZ_PARAMS)}")
    focus = (_single(params, "focus") or "").strip() or None
    relations = [r.strip() for value in params.get("relation", []) for r in value.split(",")]
    flag = (_single(params, "communities") or "0").strip().lower()
    if flag not in ("", "0", "1", "true", "false", "yes", "no", "on", "off"):
        raise _HttpError(400, f"communities must be 1 or 0, not {flag!r}")
    return VizOptions(
        focus=focus,
        depth=_viz_int(params, "depth", 2, 0),
        relations=tuple(sorted({r for r in relations if r})) or None,
        min_sources=_viz_int(params, "min_sources", 1, 1),
        communities=flag in ("", "1", "true", "yes", "on") and "communities" in params,
        max_nodes=max_nodes,
    )


# --------------------------------------------------------------------------- page API

def _sparql_iri(iri: str) -> str:
    """``<iri>`` for a query, or 400 when the text could break out of the IRI."""
    if not iri or re.search(r'[<>"{}|^`\\\x00-\x20]', iri):
        raise _HttpError(400, f"not a usable IRI: {iri!r}")
    return f"<{iri}>"


def _sparql_string(text: str) -> str:
    """A SPARQL string literal holding ``text`` exactly."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def _sparql_term(term: dict[str, Any]) -> str | None:
    """A SPARQL JSON term as query syntax; None for blank nodes and triples."""
    if term.get("type") == "uri":
        return _sparql_iri(str(term.get("value", "")))
    if term.get("type") in ("literal", "typed-literal"):
        text = _sparql_string(str(term.get("value", "")))
        if term.get("xml:lang"):
            lang = str(term["xml:lang"])
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", lang):
                raise _HttpError(400, f"not a language tag: {lang!r}")
            return f"{text}@{lang}"
        if term.get("datatype"):
            return f"{text}^^{_sparql_iri(str(term['datatype']))}"
        return text
    return None


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return None if term is None else str(term["value"])


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _match_rank(form: str, needle: str, is_label: bool) -> tuple[int, int]:
    """Sort key for search hits: exact before prefix before substring, labels first."""
    lowered = form.lower()
    place = 0 if lowered == needle else 1 if lowered.startswith(needle) else 2
    return (place * 2 + (0 if is_label else 1), len(form))


PAGE_API_LIMIT = 500


async def api_search(ep: _Endpoint, request: Request) -> Response:
    """Entities any of whose labels contain the text, best matches first."""
    needle = request.query_params.get("q", "").strip()
    if not needle:
        return JSONResponse({"results": []})
    query = f"""
        SELECT ?e ?form ?isLabel ?label ?type WHERE {{
          {{ ?e rdfs:label ?form BIND(true AS ?isLabel) }}
          UNION {{ ?e skos:altLabel ?form BIND(false AS ?isLabel) }}
          FILTER(STRSTARTS(STR(?e), {_sparql_string(vocab.ENTITY)}))
          FILTER(CONTAINS(LCASE(STR(?form)), LCASE({_sparql_string(needle)})))
          OPTIONAL {{ ?e rdfs:label ?label }}
          OPTIONAL {{ ?e a ?type }}
        }} LIMIT {PAGE_API_LIMIT}"""
    hits: dict[str, dict[str, Any]] = {}
    for row in await ep.rows(query, PAGE_API_LIMIT):
        iri = str(_value(row, "e"))
        form = str(_value(row, "form"))
        rank = _match_rank(form, needle.lower(), _value(row, "isLabel") == "true")
        hit = hits.setdefault(iri, {"iri": iri, "label": _value(row, "label") or form,
                                    "types": [], "matched": form, "_rank": rank})
        if rank < hit["_rank"]:
            hit.update(matched=form, _rank=rank)
        kind = _value(row, "type")
        if kind and _local_name(kind) not in hit["types"]:
            hit["types"].append(_local_name(kind))
    ordered = sorted(hits.values(), key=lambda h: (h.pop("_rank"), h["label"].lower()))
    return JSONResponse({"results": ordered[:50]})


async def api_entity(ep: _Endpoint, request: Request) -> Response:
    """Everything the graph says about one entity: names, types, facts both ways."""
    iri = _sparql_iri(request.query_params.get("iri", ""))
    query = f"""
        SELECT ?dir ?p ?o ?plabel ?olabel (COUNT(DISTINCT ?src) AS ?sources) WHERE {{
          {{ {iri} ?p ?o BIND("out" AS ?dir)
             OPTIONAL {{ ?st rdf:subject {iri} ; rdf:predicate ?p ; rdf:object ?o ;
                             prov:wasDerivedFrom ?src }} }}
          UNION
          {{ ?o ?p {iri} BIND("in" AS ?dir)
             FILTER(?p NOT IN (rdf:subject, rdf:object))
             OPTIONAL {{ ?st rdf:subject ?o ; rdf:predicate ?p ; rdf:object {iri} ;
                             prov:wasDerivedFrom ?src }} }}
          OPTIONAL {{ ?p rdfs:label ?plabel }}
          OPTIONAL {{ ?o rdfs:label ?olabel }}
        }} GROUP BY ?dir ?p ?o ?plabel ?olabel LIMIT {PAGE_API_LIMIT}"""
    rows = await ep.rows(query, PAGE_API_LIMIT)
    entity: dict[str, Any] = {"iri": iri[1:-1], "label": None, "altLabels": [], "types": [],
                              "facts": []}
    for row in rows:
        _add_entity_row(entity, row)
    if entity["label"] is None and not rows:
        return JSONResponse({"error": f"nothing is known about {iri}"}, status_code=404)
    entity["facts"].sort(key=lambda f: (f["direction"] != "out", f["predicate"]["label"],
                                        f["other"]["label"].lower()))
    return JSONResponse(entity)


def _add_entity_row(entity: dict[str, Any], row: dict[str, Any]) -> None:
    """File one (direction, predicate, other) row under names, types or facts."""
    pred = str(_value(row, "p"))
    other = row["o"]
    if row["dir"]["value"] == "out" and pred == vocab.RDFS + "label":
        entity["label"] = other["value"]
    elif row["dir"]["value"] == "out" and pred == vocab.SKOS + "altLabel":
        entity["altLabels"].append(other["value"])
    elif row["dir"]["value"] == "out" and pred == vocab.RDF + "type":
        entity["types"].append({"iri": other["value"],
                                "label": _value(row, "olabel") or _local_name(other["value"])})
    else:
        label = _value(row, "olabel") or (
            other["value"] if other["type"] == "literal" else _local_name(other["value"]))
        entity["facts"].append({
            "direction": row["dir"]["value"],
            "predicate": {"iri": pred, "label": _value(row, "plabel") or _local_name(pred)},
            "other": {**other, "label": label},
            "sources": int(_value(row, "sources") or 0),
        })


async def api_labels(ep: _Endpoint, request: Request) -> Response:
    """rdfs:label of each IRI asked for (the results table shows labels, not IRIs)."""
    data = await _json_body(ep, request)
    iris = [str(i) for i in data.get("iris", [])][:2000]
    if not iris:
        return JSONResponse({"labels": {}})
    values = " ".join(_sparql_iri(i) for i in dict.fromkeys(iris))
    query = f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label ?label }}"
    labels: dict[str, str | None] = {}
    for row in await ep.rows(query, 4000):
        labels.setdefault(str(_value(row, "x")), _value(row, "label"))
    return JSONResponse({"labels": labels})


async def _json_body(ep: _Endpoint, request: Request) -> dict[str, Any]:
    body = await _read_body(request, ep.config.max_body_bytes)
    try:
        data = json.loads(body or b"{}")
    except ValueError as exc:
        raise _HttpError(400, f"the body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _HttpError(400, "the body must be a JSON object")
    return data


_SOURCES_SELECT = """
    SELECT ?st ?s ?p ?o ?ev ?sentence ?begin ?end ?conf ?src ?id ?title ?publisher ?date
           ?slabel ?plabel ?olabel WHERE {{
      {pattern}
      ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
          prov:qualifiedDerivation ?ev .
      ?ev nif:anchorOf ?sentence .
      OPTIONAL {{ ?ev prov:entity ?src
                  OPTIONAL {{ ?src dcterms:identifier ?id }}
                  OPTIONAL {{ ?src dcterms:title ?title }}
                  OPTIONAL {{ ?src dcterms:publisher ?publisher }}
                  OPTIONAL {{ ?src dcterms:date ?date }} }}
      OPTIONAL {{ ?ev nif:beginIndex ?begin }} OPTIONAL {{ ?ev nif:endIndex ?end }}
      OPTIONAL {{ ?ev kg:confidence ?conf }}
      OPTIONAL {{ ?s rdfs:label ?slabel }} OPTIONAL {{ ?p rdfs:label ?plabel }}
      OPTIONAL {{ ?o rdfs:label ?olabel }}
    }} ORDER BY ?st ?id ?begin LIMIT {limit}"""


async def api_sources(ep: _Endpoint, request: Request) -> Response:
    """The statements behind a results row, with their evidence sentences.

    The row's IRIs and literals are matched as subject and object of a statement
    (facts linking the row's cells); when that finds nothing, the statements about
    any IRI of the row are shown instead.  ``marks`` are the surface forms to
    highlight: every label and altLabel of the entities involved, and literal objects.
    """
    data = await _json_body(ep, request)
    terms = [t for t in (_sparql_term(c) for c in data.get("terms", []) if isinstance(c, dict))
             if t]
    terms = list(dict.fromkeys(terms))[:50]
    iris = [t for t in terms if t.startswith("<")]
    iris += [i for i in await _entities_labelled(ep, terms) if i not in iris]
    if not iris:
        return JSONResponse({"mode": "none", "statements": [], "marks": []})
    rows, mode = [], "pairs"
    objects = list(dict.fromkeys(iris + terms))
    if len(objects) > 1:
        pattern = (f"VALUES ?s {{ {' '.join(iris)} }} VALUES ?o {{ {' '.join(objects)} }} "
                   "FILTER(?s != ?o)")
        rows = await ep.rows(_SOURCES_SELECT.format(pattern=pattern, limit=PAGE_API_LIMIT))
    if not rows:
        mode = "about"
        pattern = (f"VALUES ?x {{ {' '.join(iris)} }} "
                   "{ ?st rdf:subject ?x } UNION { ?st rdf:object ?x }")
        rows = await ep.rows(_SOURCES_SELECT.format(pattern=pattern, limit=PAGE_API_LIMIT))
    statements = _group_statements(rows)
    marks = await _surface_forms(ep, statements)
    return JSONResponse({"mode": mode, "statements": statements, "marks": marks})


async def _entities_labelled(ep: _Endpoint, terms: list[str]) -> list[str]:
    """Entities whose rdfs:label is one of the row's literals, as ``<iri>``.

    Named queries often select labels rather than IRIs (easier to read); this
    lets such a row still lead to its sources.
    """
    literals = [t for t in terms if not t.startswith("<")]
    if not literals:
        return []
    query = (f"SELECT DISTINCT ?x WHERE {{ VALUES ?label {{ {' '.join(literals)} }} "
             f"?x rdfs:label ?label FILTER(STRSTARTS(STR(?x), {_sparql_string(vocab.ENTITY)})) }}")
    return [_sparql_iri(str(_value(r, "x"))) for r in await ep.rows(query, 200)]


def _group_statements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per statement, its evidence sentences listed under it."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        st = str(_value(row, "st"))
        entry = grouped.setdefault(st, {
            "statement": st,
            "subject": _labelled(row, "s", "slabel"),
            "predicate": _labelled(row, "p", "plabel"),
            "object": _labelled(row, "o", "olabel"),
            "evidence": [],
        })
        ev = str(_value(row, "ev"))
        if any(e["iri"] == ev for e in entry["evidence"]):
            continue
        entry["evidence"].append({
            "iri": ev, "sentence": _value(row, "sentence"),
            "begin": _int_or_none(_value(row, "begin")), "end": _int_or_none(_value(row, "end")),
            "confidence": _value(row, "conf"),
            "source": {"iri": _value(row, "src"), "identifier": _value(row, "id"),
                       "title": _value(row, "title"), "publisher": _value(row, "publisher"),
                       "date": _value(row, "date")},
        })
    return list(grouped.values())


def _labelled(row: dict[str, Any], name: str, label_name: str) -> dict[str, Any]:
    term = row[name]
    label = _value(row, label_name) or (
        term["value"] if term["type"] == "literal" else _local_name(term["value"]))
    return {**term, "label": label}


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


async def _surface_forms(ep: _Endpoint, statements: list[dict[str, Any]]) -> list[str]:
    """Every label and altLabel of the statements' entities, plus literal objects."""
    iris, marks = set(), set()
    for st in statements:
        for part in (st["subject"], st["object"]):
            if part["type"] == "uri":
                iris.add(part["value"])
            elif part["type"] == "literal":
                marks.add(part["value"])
    if iris:
        values = " ".join(_sparql_iri(i) for i in sorted(iris))
        query = (f"SELECT ?form WHERE {{ VALUES ?x {{ {values} }} "
                 "{ ?x rdfs:label ?form } UNION { ?x skos:altLabel ?form } }")
        marks.update(str(_value(r, "form")) for r in await ep.rows(query, 5000))
    return sorted((m for m in marks if m.strip()), key=lambda m: (-len(m), m))


async def api_queries(ep: _Endpoint, request: Request) -> Response:
    """The named queries of the queries folder: name, title (first comment), text."""
    return JSONResponse({"queries": list_named_queries(ep.queries_dir)})


def list_named_queries(folder: Path) -> list[dict[str, str]]:
    """Each ``*.rq`` in ``folder``, sorted by name; updates and SERVICE left out."""
    found = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        if refusal_reason(text):
            continue
        title = _first_sentence(text) or path.stem.replace("_", " ").replace("-", " ")
        found.append({"name": path.stem, "title": title, "text": text})
    return found


def _first_sentence(text: str) -> str:
    """The first sentence of a query file's leading comment, as its title."""
    paragraph: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#") or (paragraph and not line.lstrip("#").strip()):
            break
        if line.lstrip("#").strip():
            paragraph.append(line.lstrip("#").strip())
    joined = " ".join(paragraph)
    match = re.match(r"(.+?[.:;])(\s|$)", joined)
    return (match.group(1) if match else joined).rstrip(".:;")


def _default_queries_dir() -> Path:
    """The first folder of ``graph.query.query_folders()`` holding queries (as `kg query`)."""
    from graph.query import query_folders

    folders = query_folders()
    return next((f for f in folders if f.is_dir() and any(f.glob("*.rq"))), folders[-1])


# --------------------------------------------------------------------------- app


def _api(ep: _Endpoint, handler: Callable[..., Any]) -> Callable[[Request], Any]:
    """Wrap a page-API handler so _HttpError becomes a JSON error response."""
    async def endpoint(request: Request) -> Response:
        try:
            response: Response = await handler(ep, request)
            return response
        except _HttpError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
    return endpoint


def _check_picklable(open_graph: Callable[[], ox.Store]) -> None:
    try:
        pickle.dumps(open_graph)
    except Exception as exc:  # any pickling failure means the same
        raise ValueError("open_graph runs in worker processes, so it must be picklable: "
                         "use a module-level function or functools.partial of one") from exc


def create_app(config: ServerConfig, *,
               open_graph: Callable[[], ox.Store] | None = None) -> Starlette:
    """The ASGI app: endpoint, graph store reading, page and page API.

    ``open_graph`` returns the graph to query (default: the store's current
    generation, read-only); workers call it again whenever the store's CURRENT
    file changes, so a finished build is seen without a restart.
    Raises ValueError when ``open_graph`` is not picklable.
    """
    opener = open_graph or functools.partial(_graph_from_store, config.store_path)
    _check_picklable(opener)
    pool = QueryPool(opener, str(Path(config.store_path) / "CURRENT"), config.workers,
                     config.query_timeout_s, config.queue_wait_s)
    queries_dir = Path(config.queries_dir) if config.queries_dir else _default_queries_dir()
    ep = _Endpoint(config, pool, queries_dir)

    async def index(request: Request) -> Response:
        return FileResponse(APP_DIR / "index.html")

    routes = [
        Route("/", index),
        Route("/sparql", ep.sparql, methods=["GET", "POST"]),
        Route("/rdf-graph-store", ep.graph_store, methods=["GET"]),
        Route("/viz", ep.viz, methods=["GET"]),
        Route("/api/queries", _api(ep, api_queries)),
        Route("/api/search", _api(ep, api_search)),
        Route("/api/entity", _api(ep, api_entity)),
        Route("/api/labels", _api(ep, api_labels), methods=["POST"]),
        Route("/api/sources", _api(ep, api_sources), methods=["POST"]),
        Mount("/app", app=StaticFiles(directory=APP_DIR), name="app"),
        Mount("/vendor", app=StaticFiles(directory=VENDOR_DIR), name="vendor"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.pool = pool
    return app


def serve(config: ServerConfig) -> None:
    """Run the endpoint with uvicorn until interrupted (what `kg serve` calls).

    Raises StoreError when the store folder does not exist.
    """
    import uvicorn

    if not Path(config.store_path).is_dir():
        raise StoreError(f"no store at {config.store_path}: run `kg build` first "
                         "or give --store")
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info")
