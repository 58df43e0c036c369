"""`make reliability`: run the hostile-input, fault, security and load tests, print one table.

What runs (issue 7):

* pytest over the reliability tests with the heavy cases on (``KG_HEAVY=1``:
  a 5 MB line, a 50 MB article) and ``--fault-points`` kill -9 points
  (``KG_FAULT_POINTS``), its results read back from pytest's JUnit XML;
* the kill points' phases and the facts lost after every resume, from the
  fault tests' log (``KG_FAULT_LOG``, one JSON line each);
* ``tests/benchmarks/load.py`` (50 clients, 60 s, named queries), from its JSON.

    .venv/bin/python tests/benchmarks/reliability.py [--fault-points 30] [--no-heavy]
        [--no-load] [--load-seconds 60] [--out out/reliability]

Exit code 0 only when every test passed, no fact was lost and the load test
saw no error but deliberate 503s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

#: Row of the table -> the test files whose cases it counts.
GROUPS: dict[str, tuple[str, ...]] = {
    "bad inputs (files, names, encodings, sizes)": ("tests/e2e/test_hostile_input.py", "tests/unit/test_nlp.py"),
    "hostile strings through RDF (property tests)": ("tests/unit/test_hostile_rdf.py",),
    "attacks on the query path": (
        "tests/unit/test_server_security.py",
        *(f"tests/unit/test_query.py::{name}" for name in (
            "test_updates_are_refused", "test_service_is_refused", "test_timeout",
            "test_keywords_inside_strings_names_and_iris_are_fine", "test_escaped_updates_are_refused",
            "test_service_never_reaches_the_network", "test_the_listener_does_hear_an_unchecked_service_call",
            "test_escapes_inside_strings_stay_harmless")),
    ),
    "faults injected (kill -9, disk, ro, corrupt)": ("tests/e2e/test_faults.py",),
    "store damage found by kg check": ("tests/unit/test_check.py",),
}


@dataclass
class Tally:
    total: int = 0
    passed: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0


def run_pytest(out: Path, heavy: bool, fault_points: int) -> tuple[int, Path, Path]:
    junit, fault_log = out / "pytest.xml", out / "faults.jsonl"
    fault_log.unlink(missing_ok=True)
    files = sorted({f for group in GROUPS.values() for f in group})
    env = {**os.environ, "KG_FAULT_POINTS": str(fault_points), "KG_FAULT_LOG": str(fault_log)}
    if heavy:
        env["KG_HEAVY"] = "1"
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *files]
    print("$ " + " ".join(cmd), file=sys.stderr)
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    return done.returncode, junit, fault_log


def tally(junit: Path) -> dict[str, Tally]:
    """Test cases per group, from the JUnit XML (file attribute or classname)."""
    groups = {name: Tally() for name in GROUPS}
    if not junit.exists():
        return groups
    for case in ET.parse(junit).getroot().iter("testcase"):
        parts = set((case.get("classname") or "").split("."))  # tests.e2e.test_faults[.Class]
        for name, files in GROUPS.items():
            stems = {Path(f.split("::")[0]).stem for f in files}
            if parts & stems:
                t = groups[name]
                t.total += 1
                t.seconds += float(case.get("time") or 0)
                if case.find("skipped") is not None:
                    t.skipped += 1
                elif case.find("failure") is not None or case.find("error") is not None:
                    t.failed += 1
                else:
                    t.passed += 1
                break
    return groups


def read_fault_log(path: Path) -> tuple[Counter[str], int | None, int]:
    """(kill points by phase, facts lost in total or None when nothing was compared, compares)."""
    phases: Counter[str] = Counter()
    lost, compares = 0, 0
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if entry.get("fault") == "kill -9":
                phases[str(entry["phase"])] += 1
            if "facts_lost" in entry:
                lost += int(entry["facts_lost"])
                compares += 1
    return phases, (lost if compares else None), compares


def run_load(out: Path, seconds: float) -> dict[str, object] | None:
    target = out / "load.json"
    target.unlink(missing_ok=True)
    cmd = [sys.executable, str(HERE / "load.py"), "--seconds", str(seconds), "--json", str(target)]
    print("$ " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=ROOT, check=False)
    return json.loads(target.read_text(encoding="utf-8")) if target.exists() else None


def table(groups: dict[str, Tally], phases: Counter[str], lost: int | None, compares: int,
          load: dict[str, object] | None) -> list[str]:
    rows = [("what", "tried", "handled", "notes")]
    for name, t in groups.items():
        note = f"{t.failed} failed" if t.failed else "all passed"
        if t.skipped:
            note += f", {t.skipped} skipped"
        rows.append((name, str(t.total - t.skipped), str(t.passed), f"{note} ({t.seconds:.0f} s)"))
    kills = sum(phases.values())
    rows.append(("  kill -9 points by phase", str(kills), str(kills),
                 "; ".join(f"{n} {p}" for p, n in sorted(phases.items())) or "none logged"))
    rows.append(("facts lost after faults (must be 0)", str(compares), "",
                 "not measured" if lost is None else str(lost)))
    if load is None:
        rows.append(("load", "", "", "not run"))
    else:
        rows.append((f"load: {load['clients']} clients x {load['seconds']:.0f} s, {load['sources']} sources",
                     str(load["requests"]), str(load["status"].get("200", 0)),  # type: ignore[union-attr]
                     (f"{load['requests_per_s']} req/s, p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, "
                     f"{load['errors']} errors, 503: {load['time_limit_503']} time limit + "
                      f"{load['backpressure_503']} backpressure")))
        rows.append(("  server memory (tree RSS)", "", "",
                     (f"{load['rss_before_mb']} MB before, {load['rss_settled_mb']} MB after "
                     f"(growth {load['rss_growth_mb']} MB)")))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}" for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fault-points", type=int, default=30)
    parser.add_argument("--no-heavy", action="store_true", help="leave out the 5 MB and 50 MB cases")
    parser.add_argument("--no-load", action="store_true", help="leave out the load test")
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "reliability")
    parser.add_argument("--table-only", action="store_true",
                        help="print the table of the last run's files in --out, running nothing")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if args.table_only:
        junit, fault_log = args.out / "pytest.xml", args.out / "faults.jsonl"
        load_file = args.out / "load.json"
        load = json.loads(load_file.read_text(encoding="utf-8")) if load_file.exists() else None
        code = 0 if all(t.failed == 0 for t in tally(junit).values()) else 1
    else:
        code, junit, fault_log = run_pytest(args.out, not args.no_heavy, args.fault_points)
        load = None if args.no_load else run_load(args.out, args.load_seconds)
    groups = tally(junit)
    phases, lost, compares = read_fault_log(fault_log)
    lines = table(groups, phases, lost, compares, load)
    print()
    print(f"reliability ({time.monotonic() - started:.0f} s; details in {args.out})")
    print("\n".join(lines))
    (args.out / "table.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_ok = load is None or (load["errors"] == 0 and bool(load["answering_after"]))
    return 0 if code == 0 and lost == 0 and load_ok else 1


if __name__ == "__main__":
    sys.exit(main())
