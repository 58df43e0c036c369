"""`kg build --dask`: partitions parsed on a Dask cluster give the single-process graph.

The cluster is a real ``LocalCluster`` of two worker processes; the input is
the seeds plus a few corpus articles in a JSON Lines file cut into partitions
of three lines, so that both workers get work and a file is split across
tasks.  Graphs are compared as the build tests compare them (build_helpers:
everything but the build-run triples).
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from build_helpers import canonical, differences

from graph.build import build
from graph.distributed import Partition, build_on_dask, plan_partitions, read_partition
from graph.reading import Skipped, read_articles
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def feed(folder: Path, n: int) -> Path:
    """``n`` articles as JSON Lines: from the shared corpus, else made from the seeds."""
    path = folder / "feed.jsonl"
    if CORPUS.is_file():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            lines = [line for _, line in zip(range(n), fh)]
    else:
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        lines = [json.dumps({"text": seeds[i % 2].read_text(encoding="utf-8") + f"\n\nNote {i}."}) + "\n"
                 for i in range(n)]
    lines.insert(2, "\n")  # a blank line: line numbers (and identifiers) must still match
    lines.insert(4, "{not json\n")  # a bad line: skipped with the same reason as locally
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return [str(tmp_path / "seeds"), str(feed(tmp_path, 5))]


def test_partitions_read_exactly_what_the_reader_reads(inputs: list[str], tmp_path: Path) -> None:
    gz = tmp_path / "feed.jsonl.gz"
    gz.write_bytes(gzip.compress(Path(inputs[1]).read_bytes()))
    paths = [*inputs, str(gz), str(tmp_path / "missing.txt")]
    parts = list(plan_partitions(paths, size=2))
    assert sum(isinstance(p, Partition) and p.jsonl is not None for p in parts) >= 6
    assert any(isinstance(p, Partition) and p.offset for p in parts)  # plain files seek
    via_parts: list[object] = []
    for part in parts:
        via_parts.extend([part] if isinstance(part, Skipped) else read_partition(part))
    assert via_parts == list(read_articles(paths))


@pytest.mark.model
def test_local_cluster_of_two_workers_builds_the_single_process_graph(
    inputs: list[str], tmp_path: Path
) -> None:
    with GraphStore.open(tmp_path / "local", create=True) as store:
        local = build(inputs, store)
    with GraphStore.open(tmp_path / "dask", create=True) as store:
        remote = build_on_dask(inputs, store, "local:2", partition_size=3)
    assert (remote.read, remote.added, len(remote.skipped)) == (local.read, local.added, len(local.skipped))
    assert [s.reason for s in remote.skipped] == [s.reason for s in local.skipped]
    a, b = canonical(tmp_path / "local"), canonical(tmp_path / "dask")
    assert a == b, differences(a, b)

    with GraphStore.open(tmp_path / "dask") as store:  # nothing new: nothing parsed, nothing rewritten
        again = build_on_dask(inputs, store, "local:2", partition_size=3)
    assert (again.added, again.unchanged, again.graph_rewritten) == (0, local.read, False)


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_a_bad_local_cluster_size_is_one_line(tmp_path: Path, address: str) -> None:
    from graph.errors import KgError

    with GraphStore.open(tmp_path / "s", create=True) as store, pytest.raises(KgError, match="local:N"):
        build_on_dask([str(ROOT / "seeds")], store, address)
