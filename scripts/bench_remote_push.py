"""Time pushes of the graph into a real SPARQL server (``--store URL``).

No spaCy: N sources are made from the hand-built extraction of the unit
tests (each a different text with the same facts), recorded in a remote
store's records folder, and the graph is rewritten and pushed to an
``oxigraph serve`` started here (in memory).  Prints the time of the first
(whole-graph) push, of a push after removing 1 % of the sources, of a
no-op build's dirtiness check, and the triples per second.

    .venv/bin/python scripts/bench_remote_push.py [--sources 1000] [--chunk-kb 64]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "unit"), str(ROOT)]

from graph_fixtures import RUN_1, extraction_a
from sparql_servers import OxigraphServer

from graph.build import rewrite_graph
from graph.model import DocumentExtraction
from graph.remote import RemoteStore, endpoints


def sources(n: int) -> list[DocumentExtraction]:
    base = extraction_a()
    out = []
    for i in range(n):
        text = base.article.text + f" Copy {i}."
        art = dataclasses.replace(base.article, text=text, identifier=f"copies/{i}.txt",
                                  sha256=hashlib.sha256(text.encode()).hexdigest())
        out.append(dataclasses.replace(base, article=art))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--chunk-kb", type=int, default=64)
    args = parser.parse_args()
    server = OxigraphServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = RemoteStore.open_remote(endpoints(server.query_url), Path(tmp) / "records",
                                            chunk_bytes=args.chunk_kb * 1024)
            docs = sources(args.sources)
            with store.writing():
                store.put_run(RUN_1)
                for doc in docs:
                    store.put_source(doc, doc.article.identifier, RUN_1.run_id)
                started = time.perf_counter()
                rewrite_graph(store)
                first = time.perf_counter() - started
                push1 = store.last_push
                gone = [d.article.identifier for d in docs[: max(1, len(docs) // 100)]]
                store.remove_sources(gone)
                started = time.perf_counter()
                rewrite_graph(store)
                second = time.perf_counter() - started
                push2 = store.last_push
            started = time.perf_counter()
            dirty = store.is_dirty()
            check = time.perf_counter() - started
            store.close()
    finally:
        server.stop()
    assert push1 is not None and push2 is not None and not dirty
    print(f"sources: {args.sources}, chunk: {args.chunk_kb} KB")
    print(f"first build  : {first:6.2f} s (rewrite + push)  {push1.line()}")
    print(f"remove 1 %   : {second:6.2f} s (rewrite + push)  {push2.line()}")
    print(f"no-op check  : {check:6.3f} s (is_dirty: one COUNT at the endpoint)")
    print(f"push rate    : {push1.inserted / push1.seconds:,.0f} triples/s (whole graph), "
          f"local rewrite {first - push1.seconds:.2f} s of the first build")


if __name__ == "__main__":
    main()
