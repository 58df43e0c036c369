"""Peak resident memory of a process and all its descendants, sampled from /proc.

``getrusage(RUSAGE_CHILDREN)`` gives the largest single descendant, not the
sum of a main process and its parser workers alive at the same time, so the
process tree is sampled instead: every ``interval`` seconds, the RSS of the
root and of every process below it is summed, and the peak kept.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class RunResult:
    """A finished child: wall time, exit code, output and memory peaks (bytes)."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_tree_rss: int
    peak_single_rss: int
    cpu_seconds: float  # user + system of the child and the descendants it waited for
    tree_cpu_seconds: float = 0.0  # sampled: every process of the tree, pool workers included
    main_cpu_seconds: float = 0.0  # sampled: the child alone (the serial part of a parallel build)
    kernel_peak_rss: int = 0  # the kernel's peak of the measured command, when run under /usr/bin/time -v


def _parents() -> dict[int, int]:
    """pid -> ppid for every process visible now."""
    table: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after it
        fields = stat[stat.rfind(b")") + 2 :].split()
        table[int(name)] = int(fields[1])
    return table


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """User + system seconds a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_rss(root: int, cpu: dict[int, float] | None = None) -> tuple[int, int]:
    """(sum, max) of the RSS of ``root`` and its descendants, right now.

    When ``cpu`` is given, each visited process's CPU seconds so far are
    recorded in it (the last sample of a process is its total, to within
    one sampling interval).
    """
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    total = biggest = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        rss = _rss(pid)
        total += rss
        biggest = max(biggest, rss)
        if cpu is not None:
            cpu[pid] = max(cpu.get(pid, 0.0), _cpu(pid))
        todo.extend(children.get(pid, ()))
    return total, biggest


def run_sampled(cmd: Sequence[str], *, interval: float = 0.1, **kwargs: object) -> RunResult:
    """Run ``cmd`` to the end, sampling its process tree's memory meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs  # type: ignore[arg-type]
    )
    peaks = [0, 0]
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total, biggest = tree_rss(proc.pid, cpu)
            peaks[0] = max(peaks[0], total)
            peaks[1] = max(peaks[1], biggest)
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return RunResult(seconds, proc.returncode, out, err, peaks[0], peaks[1], used,
                     sum(cpu.values()), max(used, cpu.get(proc.pid, 0.0)))
