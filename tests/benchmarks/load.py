"""Load test of `kg serve` (on demand, never in the default suite): issue 7, "Load".

50 concurrent clients run the named queries (as the page lists them, from
/api/queries) round-robin for 60 seconds against a real `kg serve` over a
corpus graph, on loopback only.  Reported: requests, requests/s, latency
percentiles, status codes, errors (anything but 200 and the deliberate 503
of backpressure or the time limit), and the server's resident memory (its
process tree: the endpoint and its query workers) after warm-up and after
the load.

The corpus graph is built once from the first ``--articles`` lines of
/work/shared/corpus/news.jsonl.gz into a cache store and reused.

    .venv/bin/python tests/benchmarks/load.py [--clients 50] [--seconds 60]
        [--articles 300] [--store DIR] [--json OUT.json]

Exit code 1 when any request failed with anything but 200/503, or when the
server's memory grew by more than ``--max-growth-mb``.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from treemem import tree_rss

CORPUS = Path("/work/shared/corpus/news.jsonl.gz")
#: 503 after the time limit, and 503 of backpressure (counted apart as 5030).
ALLOWED = {200, 503, 5030}


def default_store(articles: int) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg-news"
    return cache / f"load-store-{articles}"


def kg(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, text=True,
                          capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]


def ensure_store(store: Path, articles: int) -> int:
    """Build the corpus store once; return how many sources it holds."""
    if not (store / "records.sqlite").exists():
        store.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "corpus.jsonl"
            with gzip.open(CORPUS, "rt", encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as out:
                out.writelines(itertools.islice(src, articles))
            print(f"building the corpus store ({articles} articles) at {store} ...", file=sys.stderr)
            started = time.monotonic()
            done = kg("build", str(sample), "--store", str(store), "--jobs", "2", "-q")
            if done.returncode not in (0, 1):
                raise SystemExit(f"build failed: {done.stderr.strip()}")
            print(f"built in {time.monotonic() - started:.0f} s: {done.stdout.strip()}", file=sys.stderr)
    from graph.store import GraphStore

    opened = GraphStore.open(store, read_only=True)
    try:
        return opened.source_count()
    finally:
        opened.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store: Path, port: int, timeout_s: float) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port),
         "--timeout", str(timeout_s)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/queries", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit("kg serve exited before answering")
    proc.kill()
    raise SystemExit("kg serve did not answer within 60 s")


async def client(http: httpx.AsyncClient, queries: list[tuple[str, str]], start: int,
                 deadline: float, results: list[tuple[str, int, float]]) -> None:
    """One client: the named queries in turn, from its own starting point, until the deadline."""
    for i in itertools.count(start):
        if time.monotonic() >= deadline:
            return
        name, text = queries[i % len(queries)]
        started = time.monotonic()
        try:
            response = await http.get("/sparql", params={"query": text},
                                      headers={"Accept": "application/sparql-results+json"})
            status = response.status_code
            if status == 503 and "time limit" not in response.text:
                status = 5030  # 503 because every worker was busy (backpressure), not the time limit
        except httpx.HTTPError as exc:
            status = -1
            name = f"{name} ({type(exc).__name__})"
        results.append((name, status, time.monotonic() - started))


async def run_load(base: str, queries: list[tuple[str, str]], clients: int,
                   seconds: float) -> list[tuple[str, int, float]]:
    results: list[tuple[str, int, float]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(client(http, queries, i, deadline, results) for i in range(clients)))
    return results


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summarise(results: list[tuple[str, int, float]], seconds: float) -> dict[str, object]:
    latencies = [t for _, status, t in results if status == 200]
    statuses = Counter(status for _, status, _ in results)
    errors = Counter(name for name, status, _ in results if status not in ALLOWED)
    per_query = {}
    for name in sorted({n for n, _, _ in results}):
        times = [t for n, s, t in results if n == name and s == 200]
        per_query[name] = {"requests": sum(1 for n, _, _ in results if n == name),
                           "ok": len(times), "p50_ms": round(1000 * percentile(times, 0.5), 1),
                           "status_503": sum(1 for n, st, _ in results if n == name and st in (503, 5030)),
                           "time_limit": sum(1 for n, st, _ in results if n == name and st == 503)}
    return {
        "requests": len(results),
        "requests_per_s": round(len(results) / seconds, 1),
        "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        "status": {str(k): v for k, v in sorted(statuses.items())},
        "busy_503": statuses.get(503, 0) + statuses.get(5030, 0),
        "time_limit_503": statuses.get(503, 0),
        "backpressure_503": statuses.get(5030, 0),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "per_query": per_query,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's per-query limit")
    parser.add_argument("--max-growth-mb", type=float, default=100.0)
    parser.add_argument("--skip", action="append", default=[], metavar="NAME",
                        help="leave this named query out (repeatable)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)

    store = args.store or default_store(args.articles)
    sources = ensure_store(store, args.articles)
    port = free_port()
    server = start_server(store, port, args.timeout)
    base = f"http://127.0.0.1:{port}"
    try:
        listed = httpx.get(f"{base}/api/queries", timeout=30).json()["queries"]
        queries = [(q["name"], q["text"]) for q in listed if q["name"] not in args.skip]
        if not queries:
            raise SystemExit("the server lists no named queries")
        warm = asyncio.run(run_load(base, queries, 2, 3.0))  # every worker has opened the graph
        rss_before = tree_rss(server.pid)[0]
        results = asyncio.run(run_load(base, queries, args.clients, args.seconds))
        rss_after = tree_rss(server.pid)[0]
        time.sleep(2.0)
        rss_settled = tree_rss(server.pid)[0]
        alive = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    figures = summarise(results, args.seconds)
    growth = (rss_settled - rss_before) / 1e6
    figures.update({
        "clients": args.clients, "seconds": args.seconds, "sources": sources, "skipped": args.skip,
        "named_queries": len(queries), "warm_up_requests": len(warm),
        "rss_before_mb": round(rss_before / 1e6, 1), "rss_after_mb": round(rss_after / 1e6, 1),
        "rss_settled_mb": round(rss_settled / 1e6, 1), "rss_growth_mb": round(growth, 1),
        "answering_after": alive.status_code == 200,
    })
    print(f"load: {args.clients} clients x {args.seconds:.0f} s, {len(queries)} named queries, "
          f"{sources} sources")
    print(f"  requests {figures['requests']}  ({figures['requests_per_s']}/s)  "
          f"p50 {figures['p50_ms']} ms  p95 {figures['p95_ms']} ms  p99 {figures['p99_ms']} ms")
    print(f"  status {figures['status']} (5030: 503 of backpressure)  "
          f"errors {figures['errors']} {figures['error_kinds'] or ''}")
    for qname, q in figures["per_query"].items():  # type: ignore[union-attr]
        print(f"    {qname:<24} {q['requests']:>6} requests  {q['ok']:>6} ok  "
              f"{q['status_503']:>5} x 503 ({q['time_limit']} time limit)  p50 {q['p50_ms']} ms")
    print(f"  server RSS {figures['rss_before_mb']} MB before, {figures['rss_after_mb']} MB after, "
          f"{figures['rss_settled_mb']} MB settled (growth {figures['rss_growth_mb']} MB)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    ok = figures["errors"] == 0 and growth <= args.max_growth_mb and figures["answering_after"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
