"""Read-only SPARQL over the store: named queries, refusals, result formats.

Queries run against the store's current graph generation.  Anything that could
change data or reach out to the network (SPARQL Update, ``SERVICE``) is
refused before it reaches Oxigraph: the query text is scanned for those
keywords after comments, strings, IRIs, variables and prefixed names are cut
out, so ``FILTER(?x = "SERVICE")`` or ``?delete`` are fine.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

import graph
from graph import vocab
from graph.errors import QueryError
from graph.store import GraphStore

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

FORMATS = ("table", "csv", "tsv", "json")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
)
MAX_CELL_CHARS = 60

# One alternation so that the scanner takes whichever construct starts first:
# a '#' inside a string is not a comment, a '"' inside a comment is not a string.
_LEXICAL = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"(?:[^"\\\n\r]|\\.)*"'''
    r"""|'(?:[^'\\\n\r]|\\.)*'"""
    r'''|<[^<>"{}|^`\\\x00-\x20]*>'''
    r"|#[^\n\r]*"
    r"|[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+"
    r"|_:[A-Za-z0-9_.\-]+"
    r"|@[A-Za-z]+(?:-[A-Za-z0-9]+)*"
    r"|[A-Za-z][\w.\-]*:[\w.\-:%\\]*"
    r"|:[\w.\-:%\\]+",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z]+")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?:", re.IGNORECASE)
_PREFIXED_NAME = re.compile(r"^([A-Za-z][\w.\-]*)?:")


@dataclass
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples otherwise.

    ``kind`` is "select", "ask" or "graph"; ``rows`` hold one term (or None
    when unbound) per variable, in the order of ``variables``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


# ---------------------------------------------------------------- checking

def _strip_lexical(query: str) -> tuple[str, list[str]]:
    """The query with comments, strings, IRIs, variables and names blanked out.

    Returns the keyword skeleton and the prefixed names found, so callers can
    look for keywords without being fooled by the content of literals.
    """
    names: list[str] = []

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        if _PREFIXED_NAME.match(token) and not token.startswith(("?", "$", "_:", "@")):
            names.append(token)
        return " "

    return _LEXICAL.sub(blank, query), names


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(query: str) -> str:
    """Apply SPARQL's ``\\u``/``\\U`` escapes, which the grammar allows anywhere.

    The SPARQL 1.1 grammar (section 19.2) applies them before parsing, so
    ``\\u0053ERVICE`` is the keyword ``SERVICE`` to an engine that follows it.
    """

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _CODEPOINT.sub(char, query)


def check_read_only(query: str) -> None:
    """Raise ``QueryError`` for SPARQL Update or a ``SERVICE`` clause.

    The text is checked as written and with its ``\\u`` escapes applied, so an
    escaped keyword is refused whichever way the engine reads it.
    """
    words: set[str] = set()
    for text in {query, unescape_codepoints(query)}:
        skeleton, _ = _strip_lexical(text)
        words |= {w.upper() for w in _WORD.findall(skeleton)}
    if "SERVICE" in words:
        raise QueryError("SERVICE is not allowed: queries run on the local graph only")
    updates = sorted(words & UPDATE_KEYWORDS)
    if updates:
        raise QueryError(
            f"SPARQL Update ({updates[0]}) is not allowed: the graph is read-only; "
            "use kg build / kg remove to change it"
        )


def add_missing_prefixes(query: str) -> str:
    """Prepend PREFIX lines for the project prefixes the query uses but does not declare."""
    _, names = _strip_lexical(query)
    declared = {(m.group(1) or "") for m in _PREFIX_DECL.finditer(query)}
    used = {name.split(":", 1)[0] for name in names}
    missing = sorted(p for p in used - declared if p in vocab.PREFIXES)
    if not missing:
        return query
    header = "".join(f"PREFIX {p}: <{vocab.PREFIXES[p]}>\n" for p in missing)
    return header + query


# ---------------------------------------------------------------- named queries

def query_folders() -> list[Path]:
    """Where named queries are looked up: ./queries, then the project's own."""
    return [Path("queries"), Path(graph.__file__).resolve().parent.parent / "queries"]


def named_queries() -> list[str]:
    """The names of every query in the query folders."""
    names: set[str] = set()
    for folder in query_folders():
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.rq"))
    return sorted(names)


def resolve_query(name_or_path: str) -> str:
    """The SPARQL text for a path to a .rq file, a named query, or inline SPARQL.

    Named queries may leave out the PREFIX lines of the project's prefixes;
    they are added here.  Raises ``QueryError`` for a missing file or name.
    """
    text = _read_query(name_or_path)
    return add_missing_prefixes(text)


def _read_query(ref: str) -> str:
    path = Path(ref)
    looks_like_name = re.fullmatch(r"[\w.\-/]+", ref) is not None
    if looks_like_name and path.is_file():
        return _read_file(path)
    if looks_like_name:
        stem = ref.removesuffix(".rq")
        for folder in query_folders():
            candidate = folder / f"{stem}.rq"
            if "/" not in stem and candidate.is_file():
                return _read_file(candidate)
        if ref.endswith(".rq") or "/" in ref:
            raise QueryError(f"query file not found: {ref}")
        raise QueryError(
            f"no query named {ref!r}; named queries: {', '.join(named_queries()) or 'none'}"
        )
    return ref


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read query {path}: {err}") from None


# ---------------------------------------------------------------- running

def run_query(store: GraphStore, query: str, *, timeout_s: float | None = None) -> QueryResult:
    """Run a read-only SPARQL query on the store's current graph.

    ``timeout_s`` bounds the wall time: the query runs in a worker thread
    that stops at its next result row once the time is up, and
    ``QueryError`` is raised at once (a query still computing its first row,
    e.g. a big ORDER BY, finishes in the background).  Malformed queries,
    updates and ``SERVICE`` raise ``QueryError`` with a one-line message.
    """
    text = prepare(query)
    db, generation = store.graph_and_generation()
    if timeout_s is None:
        return _evaluate(db, text, None)
    key = (str(store.path), generation, text)
    if generation is not None and _INLINE.get(key, timeout_s) < timeout_s * _INLINE_SHARE:
        return _evaluate(db, text, time.monotonic() + timeout_s)
    started = time.monotonic()
    result = _run_with_timeout(db, text, timeout_s)
    _remember_cost(key, time.monotonic() - started)
    return result


#: How long each (store, generation, query) took last time.  A generation never
#: changes, so a query that took a small share of its limit on it will again:
#: it runs on the caller's thread, which saves the hand-over to a worker thread
#: (about 0.2 ms, a third of a small named query).  Its rows are still checked
#: against the deadline.
_INLINE: dict[tuple[str, str | None, str], float] = {}
_INLINE_SHARE = 0.02
_INLINE_KEYS = 1024


def _remember_cost(key: tuple[str, str | None, str], seconds: float) -> None:
    if len(key[2]) > _CACHED_QUERY_CHARS:
        return
    if len(_INLINE) >= _INLINE_KEYS:
        _INLINE.clear()  # bounded: forgetting only costs the thread hand-over once more
    _INLINE[key] = seconds


def prepare(query: str) -> str:
    """The query checked read-only and given its missing prefixes.

    Both steps scan the whole text, which costs more than the engine takes
    for a small query; named queries come back again and again, so short
    texts are remembered (long ones are not, to keep memory bounded).
    """
    if len(query) > _CACHED_QUERY_CHARS:
        check_read_only(query)
        return add_missing_prefixes(query)
    return _prepare_cached(query)


_CACHED_QUERY_CHARS = 8_000


@lru_cache(maxsize=512)
def _prepare_cached(query: str) -> str:
    check_read_only(query)  # a refused query raises, and exceptions are not cached
    return add_missing_prefixes(query)


def _evaluate(db: ox.Store, text: str, deadline: float | None) -> QueryResult:
    try:
        answer = db.query(text)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = []
            for solution in answer:
                _check_deadline(deadline)
                rows.append(tuple(solution[v] for v in variables))
            return QueryResult("select", variables=variables, rows=rows)
        triples = []
        for triple in answer:
            _check_deadline(deadline)
            triples.append(triple)
        return QueryResult("graph", variables=["subject", "predicate", "object"], triples=triples)
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL query: {_one_line(err)}") from None
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed: {_one_line(err)}") from None


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise _Timeout()


class _Timeout(Exception):
    pass


#: Threads that run queries under a time limit.  Kept between queries: starting
#: a thread per query cost more than a small query itself (0.4 ms on 0.7 ms).
#: A query past its limit keeps its thread until its next row, so there are
#: enough threads that a few stuck ones do not hold up the next query.
_QUERY_THREADS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="kg-query")


def _work(db: ox.Store, text: str, deadline: float) -> QueryResult | BaseException:
    """The result, or the error without its traceback: the frames hold Oxigraph
    result iterators, which must be dropped on the thread that made them."""
    try:
        return _evaluate(db, text, deadline)
    except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
        return err.with_traceback(None)


def _run_with_timeout(db: ox.Store, text: str, timeout_s: float) -> QueryResult:
    deadline = time.monotonic() + timeout_s
    future = _QUERY_THREADS.submit(_work, db, text, deadline)
    try:
        outcome = future.result(timeout_s)
    except FutureTimeout:
        outcome = _Timeout()
    if isinstance(outcome, _Timeout):
        raise QueryError(f"query timed out after {timeout_s:g} s; add a LIMIT or narrow it")
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


# ---------------------------------------------------------------- formatting

def compact(term: Term | None, prefixes: dict[str, str] | None = None) -> str:
    """A short human form: prefixed name or <IRI>, a literal's text, _:id."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact_iri(term.value, prefixes if prefixes is not None else vocab.PREFIXES)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    best = ""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
            local = iri[len(ns):]
            if re.fullmatch(r"[\w\-]*", local):
                best = prefix
    if best:
        return f"{best}:{iri[len(prefixes[best]):]}"
    return f"<{iri}>"


def _cell(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_CELL_CHARS:
        return text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _rows_of(result: QueryResult) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    if result.kind == "graph":
        return result.variables, [(t.subject, t.predicate, t.object) for t in result.triples]
    return result.variables, result.rows


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, SPARQL CSV, TSV or JSON results.

    For ASK the table is "true"/"false"; CONSTRUCT and DESCRIBE triples are
    rendered as rows of subject, predicate, object.  Raises ``QueryError`` for
    an unknown format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "json":
        return _json(result)
    if result.kind == "ask":
        if fmt == "table":
            return "true\n" if result.boolean else "false\n"
        # SPARQL CSV/TSV define no boolean form; this is what Oxigraph writes and reads.
        value = "true" if result.boolean else "false"
        return value + ("\r\n" if fmt == "csv" else "\n")
    variables, rows = _rows_of(result)
    if fmt == "csv":
        return _csv(variables, rows)
    if fmt == "tsv":
        return _tsv(variables, rows)
    return _table(variables, rows)


def _table(variables: Sequence[str], rows: Sequence[tuple[Term | None, ...]]) -> str:
    cells = [[_cell(compact(t)) for t in row] for row in rows]
    widths = [len(v) for v in variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    noun = "row" if len(rows) == 1 else "rows"
    lines.append(f"({len(rows)} {noun})")
    return "\n".join(lines) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _csv(variables: Sequence[str], rows: Sequence[tuple[Term | None, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return out.getvalue()


def _tsv(variables: Sequence[str], rows: Sequence[tuple[Term | None, ...]]) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        # str(term) is the N-Triples form, which escapes \t, \n, \r, " and \.
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        data: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            data["xml:lang"] = term.language
        elif term.datatype.value != vocab.XSD + "string":
            data["datatype"] = term.datatype.value
        return data
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    variables, rows = _rows_of(result)
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
