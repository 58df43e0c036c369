"""Where a ``kg build --jobs 1`` spends its time, stage by stage, in one process.

    .venv/bin/python tests/benchmarks/stages.py FEED.jsonl [--store DIR]

Wraps the build's own stage functions with timers (nothing else changes) and
prints seconds per stage: reading (JSON, hashing, metadata), spaCy parsing,
extraction, store writes, and the graph rewrite (resolution, mapping, writing
Oxigraph).  The parse figure is the time spent inside spaCy's ``nlp.pipe``;
the ratio extraction/parse is what keeps ``--jobs 1`` below raw spaCy.
Process CPU time is printed too: on a shared machine wall time lies.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - started

    return wrapper


def timed_iter(name: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """Time spent producing each item of a generator (not the consumer's time)."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = fn(*args, **kwargs)
        while True:
            started = time.process_time()
            try:
                item = next(iterator)
            except StopIteration:
                SPENT[name] += time.process_time() - started
                return
            SPENT[name] += time.process_time() - started
            yield item

    return wrapper


def install() -> None:
    import graph.build
    import graph.extract
    import graph.nlp
    import graph.store

    graph.nlp.parse = timed_iter("parse (spaCy nlp.pipe)", graph.nlp.parse)
    graph.extract.extract_document = timed("extraction", graph.extract.extract_document)
    graph.store.GraphStore.put_source = timed("store writes", graph.store.GraphStore.put_source)
    graph.build.rewrite_graph = timed("graph rewrite", graph.build.rewrite_graph)
    graph.build.read_articles = timed_iter("reading", graph.build.read_articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("feed")
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    install()
    from graph.build import build
    from graph.nlp import load_model
    from graph.store import GraphStore

    started, cpu = time.perf_counter(), time.process_time()
    load_model()
    SPENT["model load"] = time.process_time() - cpu
    with tempfile.TemporaryDirectory() as tmp, GraphStore.open(args.store or Path(tmp) / "s", create=True) as store:
        summary = build([args.feed], store)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(summary.line())
    print(f"{'stage':<28}{'CPU s':>8}{'share':>8}")
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"{name:<28}{seconds:8.1f}{100 * seconds / cpu:7.1f}%")
    other = cpu - sum(SPENT.values())
    print(f"{'other':<28}{other:8.1f}{100 * other / cpu:7.1f}%")
    print(f"total CPU {cpu:.1f} s, wall {wall:.1f} s; extraction / parse = "
          f"{SPENT['extraction'] / SPENT['parse (spaCy nlp.pipe)']:.2f}")


if __name__ == "__main__":
    main()
