"""Confidence calibration on the hand-annotated dev split.

    .venv/bin/python scripts/calibrate.py [--gold GOLD.tsv] [--rules] [FILES...]

Extracts the articles in-process (read as ``kg build`` reads them), scores
the facts against the gold file with ``graph/evaluate.py`` and prints, per
confidence bucket, how many facts fell in it, how many were right and the
precision.  A fact here is what the scorer counts: one (document, subject,
relation, object), with the highest confidence of its evidences in that
document.  The promise made by the confidences (issue 3) is that facts above
0.8 are at least 90 % right; ``--rules`` adds the same table per rule, to see
which rule's confidence is off.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from graph.evaluate import PredictedFact, predicted_from_extraction, read_gold, score
from graph.model import SYMMETRIC_RELATIONS, DocumentExtraction

DEV_DIR = os.path.join(ROOT, "tests", "data", "dev", "dev")
DEV_GOLD = os.path.join(ROOT, "tests", "data", "dev", "dev.tsv")
#: Bucket edges: [lower, upper) with the last one closed at 1.
BUCKETS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01))
#: The promise: facts above this confidence are at least ``PROMISED_PRECISION`` right.
THRESHOLD = 0.8
PROMISED_PRECISION = 0.9


@dataclass(frozen=True)
class Judged:
    """One scored fact: its best confidence, rule, and whether the gold has it."""

    fact: PredictedFact
    confidence: float
    correct: bool


def extract_paths(paths: Sequence[str]) -> list[DocumentExtraction]:
    """Each file read as ``kg build`` reads it, parsed and extracted in-process."""
    from graph.extract import extract_document
    from graph.model import Article
    from graph.nlp import load_model
    from graph.reading import read_file

    nlp = load_model()
    articles = [a for path in paths for a in read_file(path) if isinstance(a, Article)]
    docs = nlp.pipe([a.text for a in articles])
    return [extract_document(doc, article) for doc, article in zip(docs, articles)]


def judge(extractions: Iterable[DocumentExtraction], gold_path: str) -> tuple[list[Judged], object]:
    """Every distinct predicted fact with its best confidence, marked right or wrong."""
    best: dict[tuple, tuple[PredictedFact, float]] = {}
    for ext in extractions:
        for pred, fact in zip(predicted_from_extraction(ext), ext.facts):
            key = _key(pred)
            if key not in best or fact.evidence.confidence > best[key][1]:
                best[key] = (pred, fact.evidence.confidence)
    preds = [p for p, _ in best.values()]
    report = score(read_gold(gold_path), preds)
    wrong = {id(p) for p in report.false_hits}
    return [Judged(p, c, id(p) not in wrong) for p, c in best.values()], report


def _key(p: PredictedFact) -> tuple:
    ends = (p.subject_labels, p.obj_labels)
    if p.relation in SYMMETRIC_RELATIONS:
        ends = tuple(sorted(ends, key=lambda s: sorted(s)))  # type: ignore[assignment]
    return (p.source, p.relation, *ends)


def bucket_rows(judged: Sequence[Judged]) -> list[tuple[str, int, int, float]]:
    """(bucket, facts, correct, precision) per bucket, then the promise row (> 0.8)."""
    rows = []
    for low, high in BUCKETS:
        inside = [j for j in judged if low <= j.confidence < high]
        rows.append((_label(low, high), len(inside), sum(j.correct for j in inside), _precision(inside)))
    above = [j for j in judged if j.confidence > THRESHOLD]
    rows.append((f"> {THRESHOLD}", len(above), sum(j.correct for j in above), _precision(above)))
    return rows


def above_threshold_precision(judged: Sequence[Judged]) -> float:
    return _precision([j for j in judged if j.confidence > THRESHOLD])


def _precision(judged: Sequence[Judged]) -> float:
    return sum(j.correct for j in judged) / len(judged) if judged else 1.0


def _label(low: float, high: float) -> str:
    if low == 0.0:
        return f"< {high}"
    if high > 1.0:
        return f">= {low}"
    return f"{low}-{high}"


def format_rows(rows: Sequence[tuple[str, int, int, float]], title: str = "confidence") -> str:
    lines = [f"{title:<28} {'facts':>6} {'correct':>8} {'precision':>10}"]
    lines += [f"{name:<28} {n:>6} {ok:>8} {p:>10.3f}" for name, n, ok, p in rows]
    return "\n".join(lines)


def rule_rows(judged: Sequence[Judged]) -> list[tuple[str, int, int, float]]:
    """Per rule: facts, correct, precision, and the rule's mean confidence in the name."""
    by_rule: dict[str, list[Judged]] = {}
    for j in judged:
        by_rule.setdefault(j.fact.rule or "?", []).append(j)
    rows = []
    for rule, items in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        mean = sum(j.confidence for j in items) / len(items)
        rows.append((f"{rule} ({mean:.2f})", len(items), sum(j.correct for j in items), _precision(items)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=sorted(glob.glob(os.path.join(DEV_DIR, "*.txt"))))
    parser.add_argument("--gold", default=DEV_GOLD)
    parser.add_argument("--rules", action="store_true", help="also a table per rule")
    args = parser.parse_args(argv)
    judged, report = judge(extract_paths(args.files), args.gold)
    print(format_rows(bucket_rows(judged)))
    overall = report.overall  # type: ignore[attr-defined]
    print(f"\nscored facts: P {overall.precision:.3f} R {overall.recall:.3f} F1 {overall.f1:.3f}")
    if args.rules:
        print()
        print(format_rows(rule_rows(judged), "rule (mean confidence)"))
    ok = above_threshold_precision(judged) >= PROMISED_PRECISION
    print(f"\nfacts above {THRESHOLD}: precision {above_threshold_precision(judged):.3f} "
          f"({'holds' if ok else 'BROKEN'}: promised >= {PROMISED_PRECISION})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
