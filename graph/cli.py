"""The ``kg`` command: parses arguments and calls one library function per command.

This is the only place (with the server) where errors become exit codes: a
``KgError`` is printed as one line on stderr with exit code 1, never a
traceback.  An unexpected exception is a bug; it is reported as such, in one
line too, with a hint to rerun with ``KG_DEBUG=1`` for the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .errors import KgError

EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "graphml", "gexf")
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def _store_path(args: argparse.Namespace) -> str:
    from .store import DEFAULT_STORE

    return args.store or os.environ.get("KG_STORE") or DEFAULT_STORE


def _open_store(args: argparse.Namespace, *, write: bool = False):  # type: ignore[no-untyped-def]
    """The one place stores are opened: a folder, or a SPARQL endpoint URL (graph/remote.py)."""
    from .remote import is_remote, open_remote
    from .store import GraphStore

    path = _store_path(args)
    if is_remote(path):
        return open_remote(
            path,
            update_url=getattr(args, "update_url", None),
            graph=getattr(args, "graph", None),
            records=getattr(args, "records", None),
            write=write,
        )
    return GraphStore.open(path, create=write, read_only=not write)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .progress import Progress

    store = _open_store(args, write=True)
    progress = Progress(sys.stderr, enabled=not args.quiet)
    progress.count_in_background(args.paths)

    def report(problem) -> None:  # type: ignore[no-untyped-def]
        progress.message(f"kg: skipped {_one_line_path(problem.path)}: {problem.reason}")

    try:
        if args.dask:
            from .distributed import build_on_dask

            summary = build_on_dask(
                args.paths, store, args.dask, batch_size=args.batch_size,
                on_progress=progress, on_problem=report,
            )
        else:
            summary = build(
                args.paths,
                store,
                jobs=args.jobs,
                batch_size=args.batch_size,
                on_progress=progress,
                on_problem=report,
            )
    finally:
        progress.done()
        store.close()
    print(summary.line())
    _print_push(store)
    if summary.interrupted:
        print(f"kg: interrupted: {summary.added} new document(s) stored; "
              "run the same kg build again to resume", file=sys.stderr)
        return 130
    return 1 if summary.skipped else 0


def _print_push(store: object) -> None:
    """With ``--store URL``: what was sent to the endpoint."""
    push = getattr(store, "last_push", None)
    if push is not None:
        print(push.line())


def _one_line_path(path: str) -> str:
    """A path as it can be printed on one line: control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def cmd_export(args: argparse.Namespace) -> int:
    fmt = args.format
    store = _open_store(args)
    try:
        if fmt in ("graphml", "gexf"):
            from .visualise import project, write_graph_file

            g = project(store.graph())
            if args.output:
                write_graph_file(g, args.output, fmt)
            else:
                write_graph_file(g, sys.stdout.buffer, fmt)
            return 0
        from .export import export_graph

        if args.output:
            with open(args.output, "wb") as out:
                export_graph(store, fmt, out)
        else:
            export_graph(store, fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    finally:
        store.close()
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .query import format_result, resolve_query, run_query

    text = resolve_query(args.query)
    store = _open_store(args)
    try:
        if hasattr(store, "endpoint"):  # a SPARQL endpoint answers for itself
            result = store.query(text, timeout_s=args.timeout)
        else:
            result = run_query(store, text, timeout_s=args.timeout)
        sys.stdout.write(format_result(result, args.format))
    finally:
        store.close()
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .build import remove

    store = _open_store(args, write=True)
    try:
        removed, unknown = remove(args.sources, store)
    finally:
        store.close()
    for ref in unknown:
        print(f"kg: no source matches {ref!r}", file=sys.stderr)
    print(f"removed {len(removed)} source(s)")
    _print_push(store)
    return 1 if unknown else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import format_report, predicted_from_store, read_gold, score

    gold = read_gold(args.gold)
    store = _open_store(args)
    try:
        predicted = predicted_from_store(store.graph())
    finally:
        store.close()
    report = score(gold, predicted)
    sys.stdout.write(format_report(report, errors=args.errors))
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    from .visualise import project, render_html, render_static

    fmt = args.format or _format_from_name(args.output, default="html")
    store = _open_store(args)
    try:
        g = project(
            store.graph(),
            focus=args.focus,
            depth=args.depth,
            relations=args.relation or None,
            min_sources=args.min_sources,
        )
    finally:
        store.close()
    output = args.output or f"graph.{fmt}"
    if fmt == "html":
        with open(output, "w", encoding="utf-8") as out:
            out.write(render_html(g, communities=args.communities))
    else:
        render_static(g, output, fmt)
    print(f"wrote {output} ({g.number_of_nodes()} entities, {g.number_of_edges()} facts)")
    return 0


def _format_from_name(path: str | None, *, default: str) -> str:
    if path and "." in os.path.basename(path):
        ext = path.rsplit(".", 1)[1].lower()
        if ext in ("html", "htm"):
            return "html"
        if ext in ("png", "svg"):
            return ext
    return default


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_store
    from .remote import check_remote, is_remote

    if is_remote(_store_path(args)):  # its records folder, then the endpoint against it
        report = check_remote(_store_path(args), update_url=args.update_url, graph=args.graph,
                              records=args.records, reread=not args.no_reread)
    else:
        store = _open_store(args)
        try:
            report = check_store(store, reread=not args.no_reread)
        finally:
            store.close()
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .errors import StoreError
    from .remote import is_remote
    from .server import ServerConfig, serve

    if is_remote(_store_path(args)):
        raise StoreError(
            f"kg serve serves a store folder; {_store_path(args)} is already a SPARQL endpoint: "
            "query it directly or with kg query --store URL"
        )
    _open_store(args).close()  # refuse a missing or foreign store before binding a port
    serve(
        ServerConfig(
            store_path=_store_path(args),
            host=args.host,
            port=args.port,
            query_timeout_s=args.timeout,
            max_results=args.max_results,
        )
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of news with provenance; query, export and draw it.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--store", metavar="DIR|URL",
                       help="the store folder, or a SPARQL endpoint's query URL (default: ./.kg or $KG_STORE)")
        _remote_options(p)
        p.set_defaults(func=func)
        return p

    p = command("build", cmd_build, "read files and folders and add their facts to the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt .md .html .jsonl files or folders")
    p.add_argument("--jobs", type=_positive_int, default=1, help="parser processes (default 1)")
    p.add_argument("--batch-size", type=_positive_int, default=32, help="documents per spaCy batch")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="parse on a Dask cluster: a scheduler address (tcp://host:8786) "
                   "or local:N for N local worker processes")

    p = command("export", cmd_export, "write the whole graph, the ontology included")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="turtle")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")

    p = command("query", cmd_query, "run a SPARQL query: a .rq file, a name from queries/, or text")
    p.add_argument("query", metavar="QUERY_OR_FILE")
    p.add_argument("--format", choices=QUERY_FORMATS, default="table")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before giving up (default 60)")

    p = command("remove", cmd_remove, "retract sources and every fact left without evidence")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a path, an identifier or a sha256")

    p = command("eval", cmd_eval, "score the store against a gold file (CONTRACT.md section 5)")
    p.add_argument("gold", metavar="GOLD.tsv")
    p.add_argument("--errors", action="store_true", help="list every miss and false hit")

    p = command("viz", cmd_viz, "draw the graph: an interactive page, or a PNG/SVG figure")
    p.add_argument("-o", "--output", metavar="FILE", help="graph.html, graph.png or graph.svg")
    p.add_argument("--format", choices=("html", "png", "svg"))
    p.add_argument("--focus", metavar="ENTITY", help="draw only this entity's neighbourhood")
    p.add_argument("--depth", type=_positive_int, default=2, help="neighbourhood depth with --focus")
    p.add_argument("--relation", action="append", metavar="NAME", help="keep only these relations")
    p.add_argument("--min-sources", type=_positive_int, default=1, help="keep facts stated this often")
    p.add_argument("--communities", action="store_true", help="colour nodes by community")

    p = command("check", cmd_check, "verify the store: records, graph and contract agree")
    p.add_argument("--no-reread", action="store_true", help="do not read the sources on disk again")

    p = command("serve", cmd_serve, "SPARQL 1.1 Protocol endpoint and web page, read-only")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="per-query time limit in seconds")
    p.add_argument("--max-results", type=_positive_int, default=100_000)
    return parser


def _remote_options(p: argparse.ArgumentParser) -> None:
    """Options of ``--store URL`` (graph/remote.py; README, "Remote stores")."""
    g = p.add_argument_group("remote store (--store URL)")
    g.add_argument("--update-url", metavar="URL",
                   help="SPARQL Update URL (default: .../query -> .../update, else the --store URL)")
    g.add_argument("--graph", metavar="IRI", help="the endpoint's named graph to use (default: its default graph)")
    g.add_argument("--records", metavar="DIR",
                   help="local records of a remote store (default: .kg-remote/<URL slug>)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KgError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted; every finished document is stored and the next kg build "
              "brings the graph up to date", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"kg: {exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, the traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"kg: internal error ({type(exc).__name__}: {exc}); rerun with KG_DEBUG=1 for details",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
