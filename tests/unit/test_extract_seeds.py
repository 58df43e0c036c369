"""Regression floor: the extractor scored against the hand-annotated seeds.

The floor sits just below the measured score (1.00 overall with reading.py's
metadata, 0.99 with bare articles), so a rule change that loses seed facts
fails here; it is not a target to tune to.
"""

from __future__ import annotations

import glob
import hashlib
import os

import pytest

from graph.evaluate import predicted_from_extraction, read_gold, score
from graph.extract import extract_document
from graph.model import Article

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = "/work/shared/gold/seeds.tsv"
SEEDS = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))
OVERALL_FLOOR = 0.95
RELATION_FLOOR = 0.8

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not (SEEDS and os.path.exists(GOLD)), reason="seeds or gold file not present"),
]


@pytest.fixture(scope="module")
def report(nlp):
    predicted = []
    for path in SEEDS:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        article = Article(identifier=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
        predicted += predicted_from_extraction(extract_document(nlp(text), article))
    return score(read_gold(GOLD), predicted)


def test_seed_f1_stays_above_the_floor(report):
    assert report.overall.f1 >= OVERALL_FLOOR, report.misses + report.false_hits


def test_every_gold_relation_is_produced(report):
    for relation, rs in report.per_relation.items():
        assert rs.f1 >= RELATION_FLOOR, (relation, rs)
