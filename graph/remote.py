"""Remote stores: ``--store URL`` keeps the graph in a SPARQL 1.1 endpoint.

A build against a URL works exactly like a local build (docs/GRAPH.md): the
records (one ``DocumentExtraction`` per source text, the ground truth) and the
graph derived from them live in a local records folder (``--records DIR``,
default ``.kg-remote/<slug of the URL>``), which is an ordinary store folder.
After the local graph is rewritten, the *difference* between the graph last
pushed and the new one is sent to the endpoint with chunked ``DELETE DATA`` /
``INSERT DATA`` requests (SPARQL 1.1 Update), into the default graph or a
named target graph (``--graph IRI``).  So removal and incremental builds
behave as locally, and only our own triples are touched: other data in the
endpoint stays.

Why a copy of the last pushed graph (``DIR/remote-pushed/``, an Oxigraph
database) and not the remote's own contents: the diff is then computed
locally in one pass, with no large query against the endpoint.  It is kept
honest by a state file (``DIR/remote.json``):

* ``dirty`` is set before any request is sent and cleared only when the whole
  push succeeded, so a failed or killed push is redone by the next
  ``kg build`` (even one with nothing new to read);
* before sending, the pushed copy grows by the triples about to be inserted,
  so after a failure it is a superset of what the endpoint may hold; the next
  push then deletes everything the new graph lacks and re-inserts the whole
  new graph (``INSERT DATA`` of a triple already there changes nothing);
* a push first counts the triples in the target graph; fewer than the pushed
  copy holds means the endpoint lost data (e.g. a server restarted without
  persistence), and the whole graph is inserted again.

Blank nodes cannot be deleted with ``DELETE DATA`` and would be duplicated by
a second ``INSERT DATA``, so the few the graph has (the ontology's
``owl:unionOf`` lists) are sent as Skolem IRIs under ``SKOLEM_PREFIX`` (RDF
1.1 Concepts, section 3.5) and turned back into blank nodes when read.

A change small enough for one request goes as ``DELETE DATA ... ; INSERT
DATA ...`` together, which servers apply in one transaction.

Reading commands (``kg query``, ``export``, ``eval``, ``viz``) need no records
folder: ``RemoteGraph`` sends queries to the endpoint and, for commands that
need the whole graph, fetches it with ``CONSTRUCT`` (in parts from servers
that cut long answers).  ``kg check --store URL`` (``check_remote``) checks
the records folder, then that the endpoint holds exactly its graph.

URLs: ``--store`` is the query URL; the update URL is ``--update-url`` or,
when omitted, derived by convention (``endpoints``): ``.../query`` ->
``.../update`` (Oxigraph server, Fuseki ``/ds/query``), ``/repositories/R``
-> ``/repositories/R/statements`` (GraphDB, RDF4J), a bare ``http://host:port``
-> ``/query`` and ``/update`` (Oxigraph's layout), anything else the same URL
(Virtuoso ``/sparql``, Fuseki's dataset URL ``/ds``).  Only the standard
library's HTTP client is used; credentials for Basic or Digest authentication
come from ``KG_SPARQL_USER`` / ``KG_SPARQL_PASSWORD``, never from the URL.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from . import TOOL_NAME, __version__, vocab
from .errors import KgError, QueryError, StoreError
from .store import RECORDS, GraphStore

if TYPE_CHECKING:
    from .check import CheckReport
    from .query import QueryResult

#: Where the records folder of a URL goes when ``--records`` is not given.
DEFAULT_RECORDS_ROOT = ".kg-remote"
#: Skolem IRIs for the graph's blank nodes, as RDF 1.1 suggests.
SKOLEM_PREFIX = vocab.BASE + ".well-known/genid/"
#: Bytes of triples in one update request.  Virtuoso compiles an update to SQL
#: and refuses more than 10,000 lines of it (about 256 KB of our triples);
#: a chunk an endpoint still refuses as too big is split in halves.
CHUNK_BYTES = 64 * 1024
#: Seconds one HTTP request may take.
HTTP_TIMEOUT_S = 120.0

#: How many MD5 digits a cut answer may be split by (16**4 parts at most).
_MAX_SPLIT = 4

PUSHED = "remote-pushed"
STATE = "remote.json"

_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
_USER_AGENT = f"{TOOL_NAME}/{__version__}"


def is_remote(store: str) -> bool:
    """Whether a ``--store`` value names a SPARQL endpoint rather than a folder."""
    return store.lower().startswith(("http://", "https://"))


# ---------------------------------------------------------------- endpoints

@dataclass(frozen=True)
class Endpoint:
    """Where to query and update, and which graph of the endpoint is ours."""

    query_url: str
    update_url: str
    graph: str | None = None  # a named graph's IRI; None: the default graph

    def key(self) -> dict[str, str | None]:
        """What the records folder's pushed copy belongs to."""
        return {"query_url": self.query_url, "update_url": self.update_url, "graph": self.graph}


def endpoints(url: str, update_url: str | None = None, graph: str | None = None) -> Endpoint:
    """The query and update URLs for ``--store URL`` (see the module docstring).

    Raises ``StoreError`` for a URL that is not http(s) with a host, or a
    target graph that is not an absolute IRI.
    """
    query_url = _check_url(url, "--store")
    parts = urllib.parse.urlsplit(query_url)
    if parts.path in ("", "/"):
        query_url = urllib.parse.urlunsplit(parts._replace(path="/query"))
        derived = urllib.parse.urlunsplit(parts._replace(path="/update"))
    elif parts.path.endswith("/query"):
        derived = urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    elif re.search(r"/repositories/[^/]+/?\Z", parts.path):
        derived = urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/statements"))
    else:
        derived = query_url
    update = _check_url(update_url, "--update-url") if update_url else derived
    if graph is not None:
        try:
            graph = ox.NamedNode(graph).value
        except ValueError:
            raise StoreError(f"--graph {graph!r} is not an absolute IRI") from None
        if ":" not in graph:
            raise StoreError(f"--graph {graph!r} is not an absolute IRI")
    return Endpoint(query_url, update, graph)


def _check_url(url: str, option: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{option} {url!r} is not an http(s) URL of a SPARQL endpoint")
    if "@" in parts.netloc:  # said without echoing the URL, which holds a password
        raise StoreError(
            f"{option}: give credentials in KG_SPARQL_USER and KG_SPARQL_PASSWORD, not in the URL"
        )
    return url


def default_records_dir(endpoint: Endpoint) -> Path:
    """``.kg-remote/<host_port_path>[-g<hash of the graph>]``: one folder per target."""
    parts = urllib.parse.urlsplit(endpoint.query_url)
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parts.netloc}{parts.path}").strip("_") or "endpoint"
    if endpoint.graph:
        slug += "-g" + hashlib.sha256(endpoint.graph.encode("utf-8")).hexdigest()[:12]
    return Path(DEFAULT_RECORDS_ROOT) / slug


# ---------------------------------------------------------------- HTTP

def _post(url: str, fields: dict[str, str] | str, accept: str, timeout_s: float) -> tuple[str, bytes]:
    """POST to the endpoint; return (content type, body).

    ``fields`` is a form (queries), or the text of an update, sent directly
    as ``application/sparql-update`` (SPARQL 1.1 Protocol 2.2.2): form
    encoding a large ``INSERT DATA`` costs more than sending it.  Every
    failure becomes one line naming the URL: ``StoreError`` when the
    endpoint cannot be reached or fails, ``QueryError`` when it rejects the
    request as bad (HTTP 400).
    """
    if isinstance(fields, str):
        body, ctype = fields.encode("utf-8"), "application/sparql-update; charset=utf-8"
    else:
        body = urllib.parse.urlencode(fields).encode("utf-8")
        ctype = "application/x-www-form-urlencoded; charset=utf-8"
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": ctype, "Accept": accept, "User-Agent": _USER_AGENT},
    )
    try:
        with _opener(url).open(request, timeout=timeout_s) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        detail = _first_line(err.read(2000).decode("utf-8", "replace")) or err.reason
        message = f"SPARQL endpoint {url} answered {err.code}: {detail}"
        if err.code in (401, 403):
            message += " (credentials: KG_SPARQL_USER and KG_SPARQL_PASSWORD)"
        if err.code == 400:
            raise QueryError(message) from None
        raise StoreError(message) from None
    except urllib.error.URLError as err:
        reason = err.reason.strerror if isinstance(err.reason, OSError) else err.reason
        raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason or err}") from None
    except TimeoutError:
        raise StoreError(f"SPARQL endpoint {url} did not answer within {timeout_s:g} s") from None
    except (OSError, http.client.HTTPException) as err:
        raise StoreError(f"SPARQL endpoint {url} failed: {_first_line(str(err)) or type(err).__name__}") from None


def _opener(url: str) -> urllib.request.OpenerDirector:
    """An HTTP client answering Basic or Digest challenges when credentials are set.

    The user and password come from ``KG_SPARQL_USER`` / ``KG_SPARQL_PASSWORD``
    (never from the URL, which is printed in messages and names the records
    folder), e.g. for Virtuoso's ``/sparql-auth`` or a protected Fuseki.
    """
    user = os.environ.get("KG_SPARQL_USER")
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, os.environ.get("KG_SPARQL_PASSWORD", ""))
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", " ", line).strip()  # HTML error pages
        if line:
            return " ".join(line.split())[:300]
    return ""


# ---------------------------------------------------------------- terms

_XSD_DECIMAL = ox.NamedNode(vocab.XSD + "decimal")
_T = TypeVar("_T")


def _skolem(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.Literal:
    """The term as sent: blank nodes as Skolem IRIs, whole decimals with their ".0".

    Oxigraph keeps ``1.0`` as ``"1"^^xsd:decimal``, which Virtuoso turns into
    an ``xsd:integer``; ``"1.0"`` is the same value and stays a decimal.
    """
    if isinstance(term, ox.BlankNode):
        return ox.NamedNode(SKOLEM_PREFIX + term.value)
    if isinstance(term, ox.Literal) and term.datatype == _XSD_DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=_XSD_DECIMAL)
    return term


def _unskolem(term: _T) -> _T | ox.BlankNode:
    """A Skolem IRI back to its blank node; any other term as it is."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(SKOLEM_PREFIX):
        return ox.BlankNode(term.value[len(SKOLEM_PREFIX):])
    return term


def _unskolem_triple(triple: ox.Triple) -> ox.Triple:
    return ox.Triple(_unskolem(triple.subject), triple.predicate, _unskolem(triple.object))


def _triple_text(quad: ox.Quad | ox.Triple) -> str:
    """One triple in the N-Triples syntax SPARQL's ``DATA`` blocks accept."""
    return f"{_skolem(quad.subject)} {quad.predicate} {_skolem(quad.object)} .\n"  # type: ignore[arg-type]


def _data_block(verb: str, lines: list[str], graph: str | None) -> str:
    body = "".join(lines)
    if graph:
        body = f"GRAPH <{graph}> {{\n{body}}}\n"
    return f"{verb} DATA {{\n{body}}}"


def _chunks(triples: Iterable[ox.Quad], limit: int) -> Iterator[list[str]]:
    """N-Triples lines in groups of at most ``limit`` bytes (one line at least)."""
    group: list[str] = []
    size = 0
    for quad in triples:
        line = _triple_text(quad)
        if group and size + len(line) > limit:
            yield group
            group, size = [], 0
        group.append(line)
        size += len(line)
    if group:
        yield group


# ---------------------------------------------------------------- reading

class RemoteGraph:
    """A read-only view of an endpoint: queries go to it; ``graph()`` fetches our graph.

    Has the parts of ``GraphStore`` the reading commands use (``graph()``,
    ``close()``, ``path`` for messages), so export, eval and viz take it as
    they take a local store.
    """

    read_only = True

    def __init__(self, endpoint: Endpoint, timeout_s: float = HTTP_TIMEOUT_S) -> None:
        self.endpoint = endpoint
        self.path = endpoint.query_url
        self.timeout_s = timeout_s
        self._graph: ox.Store | None = None

    def close(self) -> None:
        self._graph = None

    def __enter__(self) -> RemoteGraph:  # noqa: PYI034 - Self needs Python 3.11
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fields(self, query: str) -> dict[str, str]:
        fields = {"query": query}
        if self.endpoint.graph:
            fields["default-graph-uri"] = self.endpoint.graph
        return fields

    def _where(self, subject_md5_prefix: str = "") -> str:
        """Our triples as a group pattern, optionally those whose subject's MD5 starts so."""
        triples = f"GRAPH <{self.endpoint.graph}> {{ ?s ?p ?o }}" if self.endpoint.graph else "?s ?p ?o"
        if subject_md5_prefix:
            triples += f' FILTER(STRSTARTS(MD5(STR(?s)), "{subject_md5_prefix}"))'
        return triples

    def count(self, subject_md5_prefix: str = "") -> int:
        """Triples in our target graph of the endpoint (or in one part of it)."""
        result = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {self._where(subject_md5_prefix)} }}")
        for row in result:
            value = row[0]
            return int(value.value) if isinstance(value, ox.Literal) else 0
        return 0

    def _select(self, query: str) -> ox.QuerySolutions:
        ctype, body = _post(self.endpoint.query_url, {"query": query},
                            "application/sparql-results+json", self.timeout_s)
        answer = _parse_results(ctype, body, self.endpoint.query_url)
        if not isinstance(answer, ox.QuerySolutions):
            raise StoreError(f"SPARQL endpoint {self.endpoint.query_url} did not answer a SELECT")
        return answer

    def graph(self) -> ox.Store:
        """Our graph as it is in the endpoint, in memory (fetched once per opening).

        Servers that cut long answers (Virtuoso's ResultSetMaxRows) are read
        in parts: the triples whose subject's MD5 starts with 0, 1, ... f,
        split further while a part still comes back short of its count.  No
        ORDER BY/OFFSET paging, which such servers also limit.
        """
        if self._graph is not None:
            return self._graph
        db = ox.Store()
        self._fetch("", self.count(), db)
        self._graph = db
        return db

    def _fetch(self, prefix: str, expected: int, db: ox.Store) -> None:
        url = self.endpoint.query_url
        ctype, body = _post(url, {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {self._where(prefix)} }}"},
                            _RDF_ACCEPT, self.timeout_s)
        triples = _parse_rdf(ctype, body, url)
        if len(triples) >= expected:
            db.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                      for t in map(_unskolem_triple, triples))
            return
        if not triples or len(prefix) >= _MAX_SPLIT:
            raise StoreError(
                f"SPARQL endpoint {url} returned {len(triples)} of {expected} triples"
                + (f" with subjects of MD5 {prefix}..." if prefix else "")
                + ": it cuts long results; raise its result limit"
            )
        for digit in "0123456789abcdef":
            part = self.count(prefix + digit)
            if part:
                self._fetch(prefix + digit, part, db)

    def query(self, text: str, *, timeout_s: float | None = None) -> QueryResult:
        """Run a read-only query at the endpoint, with the same checks as locally."""
        from .query import QueryResult, prepare

        text = prepare(text)
        url = self.endpoint.query_url
        accept = _RDF_ACCEPT if _query_form(text) in ("CONSTRUCT", "DESCRIBE") else _RESULTS_ACCEPT
        ctype, body = _post(url, self._fields(text), accept, timeout_s or self.timeout_s)
        media = ctype.split(";")[0].strip().lower()
        if "sparql-results" in media:
            answer = _parse_results(ctype, body, url)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            variables = [v.value for v in answer.variables]
            rows = [tuple(_unskolem(s[v]) for v in variables) for s in answer]
            return QueryResult("select", variables=variables, rows=rows)
        triples = [_unskolem_triple(t) for t in _parse_rdf(ctype, body, url)]
        return QueryResult("graph", variables=["subject", "predicate", "object"], triples=triples)


def _query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them outside strings and IRIs.

    Asked for by name, since some endpoints (Virtuoso) answer a CONSTRUCT
    with a results table when results are what the client accepts first.
    """
    from .query import _strip_lexical

    skeleton, _ = _strip_lexical(text)
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", skeleton, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def _parse_results(ctype: str, body: bytes, url: str) -> ox.QuerySolutions | ox.QueryBoolean:
    media = ctype.split(";")[0].strip() or "application/sparql-results+json"
    fmt = ox.QueryResultsFormat.from_media_type(media)
    if fmt is None:
        raise StoreError(f"SPARQL endpoint {url} answered {media!r}, not SPARQL results")
    try:
        answer = ox.parse_query_results(body, fmt)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"SPARQL endpoint {url} sent unreadable results: {_first_line(str(err))}") from None
    if not isinstance(answer, (ox.QuerySolutions, ox.QueryBoolean)):
        raise StoreError(f"SPARQL endpoint {url} sent triples where results were asked for")
    return answer


def _parse_rdf(ctype: str, body: bytes, url: str) -> list[ox.Triple]:
    media = ctype.split(";")[0].strip() or "application/n-triples"
    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        raise StoreError(f"SPARQL endpoint {url} answered {media!r}, not RDF")
    try:
        return [q.triple for q in ox.parse(body, fmt)]
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"SPARQL endpoint {url} sent unreadable RDF: {_first_line(str(err))}") from None


# ---------------------------------------------------------------- writing

@dataclass
class PushSummary:
    """What one push sent."""

    url: str
    inserted: int = 0
    deleted: int = 0
    requests: int = 0
    full: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        how = "whole graph" if self.full else "changes"
        return (
            f"pushed {how} to {self.url}: {self.inserted} triples inserted, "
            f"{self.deleted} deleted in {self.requests} request(s); {self.seconds:.1f}s"
        )


class RemoteStore(GraphStore):
    """A local records folder whose graph is mirrored into a SPARQL endpoint.

    Everything ``GraphStore`` does happens locally; ``replace_graph`` then
    pushes the change, and ``is_dirty`` also reports a push still owed, so
    ``graph/build.py`` drives a remote store without knowing it is one.
    """

    endpoint: Endpoint
    last_push: PushSummary | None
    chunk_bytes: int

    @classmethod
    def open_remote(
        cls,
        endpoint: Endpoint,
        records: str | os.PathLike[str] | None = None,
        *,
        chunk_bytes: int = CHUNK_BYTES,
    ) -> RemoteStore:
        """Open (creating) the records folder of ``endpoint`` for writing."""
        store = cls.open(records or default_records_dir(endpoint), create=True)
        assert isinstance(store, cls)  # GraphStore.open builds a cls
        store.endpoint = endpoint
        store.last_push = None
        store.chunk_bytes = chunk_bytes
        return store

    # ------------------------------------------------------------ state

    def _state(self) -> dict[str, object]:
        return _read_state(self.path)

    def _save_state(self, *, dirty: bool, exact: bool, triples: int = 0) -> None:
        """Write ``remote.json`` atomically (temporary file, fsync, rename)."""
        data = {**self.endpoint.key(), "dirty": dirty, "exact": exact, "triples": triples,
                "generation": self.current_generation()}
        tmp = self.path / (STATE + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(data, fh, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path / STATE)
        except OSError as err:
            raise StoreError(f"store {self.path}: cannot write {STATE}: {err.strerror or err}") from None

    def _ours(self, state: dict[str, object]) -> bool:
        """Whether the pushed copy describes this endpoint and graph."""
        return all(state.get(k) == v for k, v in self.endpoint.key().items())

    def push_owed(self) -> bool:
        """Whether the endpoint may lag behind the local graph.

        Also when the local graph is not the generation last pushed: the
        records folder was built on as a local store (``--store DIR``).  Not
        for empty records never pushed (a ``kg remove`` or a build that read
        nothing, against a new URL), which would only send the ontology.
        """
        state = self._state()
        if not state and self.source_count() == 0:
            return False  # nothing recorded, nothing ever sent: leave the endpoint alone
        return (
            not self._ours(state)
            or bool(state.get("dirty", True))
            or state.get("generation") != self.current_generation()
        )

    def is_dirty(self) -> bool:
        """Local records newer than the graph, or a push owed to the endpoint.

        A push is owed when the last one did not finish, and also when the
        endpoint holds fewer of our triples than were sent (one COUNT query):
        a server restarted without persistence is refilled by the next
        ``kg build``, even one with nothing new to read.
        """
        if super().is_dirty() or self.push_owed():
            return True
        sent = self._state().get("triples", 0)
        return isinstance(sent, int) and RemoteGraph(self.endpoint).count() < sent

    # ------------------------------------------------------------ pushing

    def replace_graph(self, quads: Iterable[ox.Quad]) -> int:
        """Write the new graph locally, then push its difference to the endpoint."""
        count = super().replace_graph(quads)
        self.push()
        return count

    def push(self) -> PushSummary:
        """Make our graph in the endpoint equal to the local graph.

        Raises ``StoreError`` (one line naming the URL) when the endpoint
        cannot be reached or refuses an update; the records and the local
        graph are untouched, and the next build pushes again.
        """
        with self.writing():
            state = self._state()
            if not self._ours(state):
                shutil.rmtree(self.path / PUSHED, ignore_errors=True)
                state = {}
            exact = bool(state.get("exact", False))
            self._save_state(dirty=True, exact=exact)
            started = time.perf_counter()
            new = self.graph()
            pushed = _open_pushed(self.path / PUSHED)
            try:
                if exact and RemoteGraph(self.endpoint).count() < len(pushed):
                    exact = False  # the endpoint lost triples we had sent
                summary = self._send(new, pushed, full=not exact)
                summary.seconds = time.perf_counter() - started
                self._save_state(dirty=False, exact=True, triples=len(pushed))
            except KgError as err:
                # Without the traceback and the HTTP error behind it, whose
                # frames hold the pushed copy's RocksDB open: the next push in
                # this process must be able to reopen it.
                failure = err.with_traceback(None)
                failure.__context__ = failure.__cause__ = None
            except (OSError, RuntimeError) as err:  # RocksDB: a full disk, a broken copy
                failure = StoreError(f"store {self.path}: cannot update {PUSHED}: {_first_line(str(err))}")
            else:
                self.last_push = summary
                return summary
            finally:
                del pushed
            raise failure

    def _send(self, new: ox.Store, pushed: ox.Store, *, full: bool) -> PushSummary:
        """Send deletions then insertions; keep ``pushed`` a superset of the endpoint.

        From the moment ``pushed`` grows by the insertions until the last
        request succeeds, the endpoint holds a subset of ``pushed``: the
        state says "not exact" so that the next push re-sends everything.
        A full push streams the new graph (never a list of it in memory);
        an incremental one holds only the difference.
        """
        default = ox.DefaultGraph()
        deletes = [q for q in pushed.quads_for_pattern(None, None, None, default) if q not in new]
        self._save_state(dirty=True, exact=False)
        summary = PushSummary(self.endpoint.update_url, 0, len(deletes), full=full)
        inserts: Iterable[ox.Quad]
        if full:
            pushed.bulk_extend(new.quads_for_pattern(None, None, None, default))
            inserts = new.quads_for_pattern(None, None, None, default)
        else:
            inserts = [q for q in new.quads_for_pattern(None, None, None, default) if q not in pushed]
            pushed.extend(inserts)
        pushed.flush()
        if full or not self._send_at_once(deletes, inserts, summary):
            for verb, quads in (("DELETE", deletes), ("INSERT", inserts)):
                for lines in _chunks(quads, self.chunk_bytes):
                    summary.requests += self._update(verb, lines)
                    if verb == "INSERT":
                        summary.inserted += len(lines)
        for quad in deletes:
            pushed.remove(quad)
        pushed.flush()
        return summary

    def _send_at_once(self, deletes: list[ox.Quad], inserts: Iterable[ox.Quad],
                      summary: PushSummary) -> bool:
        """A small change as one request, ``DELETE DATA ... ; INSERT DATA ...``.

        Servers run one update request in one transaction (Oxigraph, Fuseki),
        so readers never see the typical incremental build half-applied.
        False (nothing sent) when the change does not fit in one chunk or the
        endpoint refuses it as too big.
        """
        removed = [_triple_text(q) for q in deletes]
        added = [_triple_text(q) for q in inserts]
        if sum(map(len, removed)) + sum(map(len, added)) > self.chunk_bytes:
            return False
        parts = [_data_block(verb, lines, self.endpoint.graph)
                 for verb, lines in (("DELETE", removed), ("INSERT", added)) if lines]
        if parts:
            try:
                _post(self.endpoint.update_url, " ;\n".join(parts), "*/*", HTTP_TIMEOUT_S)
            except QueryError:
                return False
            summary.requests += 1
        summary.inserted = len(added)
        return True

    def _update(self, verb: str, lines: list[str]) -> int:
        """One ``DELETE DATA``/``INSERT DATA`` request; halves on a 400 answer.

        An endpoint may reject a request only for its size (Virtuoso's limit
        on generated SQL); a rejected single triple is a real error.  Returns
        the number of requests sent.
        """
        try:
            _post(self.endpoint.update_url, _data_block(verb, lines, self.endpoint.graph),
                  "*/*", HTTP_TIMEOUT_S)
            return 1
        except QueryError:
            if len(lines) == 1:
                raise
        half = len(lines) // 2
        return 1 + self._update(verb, lines[:half]) + self._update(verb, lines[half:])


def _read_state(folder: Path) -> dict[str, object]:
    """``remote.json`` of a records folder ({} before the first push)."""
    try:
        data = json.loads((folder / STATE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise StoreError(f"store {folder}: cannot read {STATE}: {err}") from None
    return data if isinstance(data, dict) else {}


def _open_pushed(folder: Path) -> ox.Store:
    try:
        return ox.Store(str(folder))
    except (OSError, RuntimeError) as err:
        raise StoreError(
            f"cannot open the pushed graph copy {folder} ({_first_line(str(err))}); to push "
            f"everything again, clear the target graph and delete {folder} and {folder.parent / STATE}"
        ) from None


# ---------------------------------------------------------------- opening

def open_remote(
    url: str,
    *,
    update_url: str | None = None,
    graph: str | None = None,
    records: str | None = None,
    write: bool = False,
) -> RemoteStore | RemoteGraph:
    """The store for ``--store URL``: a ``RemoteStore`` to write, a ``RemoteGraph`` to read."""
    endpoint = endpoints(url, update_url, graph)
    if write:
        return RemoteStore.open_remote(endpoint, records)
    return RemoteGraph(endpoint)


# ---------------------------------------------------------------- checking

def check_remote(
    url: str,
    *,
    update_url: str | None = None,
    graph: str | None = None,
    records: str | None = None,
    reread: bool = True,
) -> CheckReport:
    """``kg check --store URL``: the records folder as a local store, then the endpoint.

    The endpoint must hold exactly the graph the records give (in a named
    target graph; in the default graph, other data is only noted), and no
    push may be owed.  Never changes anything.
    """
    from .check import check_store

    endpoint = endpoints(url, update_url, graph)
    folder = Path(records) if records else default_records_dir(endpoint)
    if not (folder / RECORDS).exists():
        raise StoreError(
            f"no records for {endpoint.query_url} in {folder}: `kg build --store URL` writes them "
            "(give --records DIR if they are elsewhere)"
        )
    local = GraphStore.open(folder, read_only=True)
    try:
        report = check_store(local, reread=reread)
        _check_endpoint(local, endpoint, report)
    finally:
        local.close()
    return report


def _check_endpoint(local: GraphStore, endpoint: Endpoint, report: CheckReport) -> None:
    where = endpoint.query_url + (f" (graph {endpoint.graph})" if endpoint.graph else "")
    state = _read_state(local.path)
    if not state or any(state.get(k) != v for k, v in endpoint.key().items()):
        report.problem("endpoint", f"the records in {local.path} were never pushed to {where}: "
                       "run `kg build --store URL` (any path)")
        return
    if state.get("dirty", True) or state.get("generation") != local.current_generation():
        report.problem("endpoint", f"{where} lags behind the records (a push did not finish): "
                       "run `kg build --store URL` (any path) to push again")
    try:
        remote = RemoteGraph(endpoint).graph()
    except StoreError as err:
        report.problem("endpoint", str(err))
        return
    ours = local.graph()
    default = ox.DefaultGraph()
    missing = sum(1 for q in ours.quads_for_pattern(None, None, None, default) if q not in remote)
    extra = sum(1 for q in remote.quads_for_pattern(None, None, None, default) if q not in ours)
    if missing:
        report.problem("endpoint", f"{missing} triples of the graph are missing from {where}; "
                       f"to send everything again, delete {local.path / STATE} and run `kg build --store URL`")
    if extra and endpoint.graph:
        report.problem("endpoint", f"{where} holds {extra} triples the records do not give")
    elif extra:
        report.notes.append(f"{where} also holds {extra} other triples in its default graph")
    if not missing:
        report.notes.append(f"{where} holds every one of the {len(ours)} triples of the graph")
