"""Scoring rules of CONTRACT.md section 5, without the model."""

from __future__ import annotations

import pytest

from graph.errors import GoldFileError
from graph.evaluate import (
    GoldFact,
    PredictedFact,
    format_report,
    predicted_from_extraction,
    quote_f1,
    read_gold,
    score,
)
from graph.model import (
    Article,
    DocumentExtraction,
    EntityKind,
    Evidence,
    Fact,
    LocalEntity,
)


def gold(subject: str, relation: str, obj: str, source: str = "a.txt") -> GoldFact:
    literal = relation in ("said", "holdsPosition")
    return GoldFact(source, tuple(subject.split("|")), relation, (obj,) if literal else tuple(obj.split("|")))


def pred(subject: str, relation: str, obj: str, source: str = "a.txt") -> PredictedFact:
    return PredictedFact(source, frozenset(subject.split("|")), relation, frozenset(obj.split("|")))


def test_read_gold_skips_comments_and_splits_forms(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("source\tsubject\trelation\tobject\n# a comment\n"
                    "dir/a.txt\tAntony Blinken|Blinken\tvisited\tTokyo\n"
                    "a.txt\tX\tsaid\tA | B quote\n", encoding="utf-8")
    facts = read_gold(path)
    assert facts[0] == GoldFact("a.txt", ("Antony Blinken", "Blinken"), "visited", ("Tokyo",), 3)
    assert facts[1].obj == ("A | B quote",)  # a literal keeps its bars


@pytest.mark.parametrize("line, message", [
    ("a.txt\tX\tvisited\n", ":2: expected 4"),
    ("a.txt\tX\tflewTo\tY\n", ":2: unknown relation"),
    ("a.txt\t\tvisited\tY\n", ":2: empty"),
])
def test_read_gold_names_file_and_line_of_a_bad_line(tmp_path, line, message):
    path = tmp_path / "g.tsv"
    path.write_text("source\tsubject\trelation\tobject\n" + line, encoding="utf-8")
    with pytest.raises(GoldFileError, match=message):
        read_gold(path)


def test_read_gold_wants_the_header(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("a.txt\tX\tvisited\tY\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=":1: expected the header"):
        read_gold(path)


def test_any_form_matches_any_label_ignoring_case_and_the():
    report = score([gold("Antony Blinken|Blinken", "visited", "United States|U.S.")],
                   [pred("blinken|Secretary Blinken", "visited", "the United States")])
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 0)


def test_wrong_source_is_a_miss_and_a_false_hit():
    report = score([gold("A", "visited", "B", source="a.txt")], [pred("A", "visited", "B", source="b.txt")])
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (0, 1, 1)
    assert report.misses and report.false_hits


def test_met_with_matches_either_direction_but_visited_does_not():
    assert score([gold("A", "metWith", "B")], [pred("B", "metWith", "A")]).overall.tp == 1
    assert score([gold("A", "visited", "B")], [pred("B", "visited", "A")]).overall.tp == 0


def test_position_ignores_case_and_nationality_adjectives():
    assert score([gold("A", "holdsPosition", "Foreign Minister")],
                 [pred("A", "holdsPosition", "Japanese foreign minister")]).overall.tp == 1
    assert score([gold("A", "holdsPosition", "Foreign Minister")],
                 [pred("A", "holdsPosition", "Prime Minister")]).overall.tp == 0


def test_quote_needs_token_f1_of_at_least_0_6():
    text = "This is a very important moment for the group to come together"
    assert quote_f1(text, text) == 1.0
    assert score([gold("A", "said", text)], [pred("A", "said", text + " today, she said")]).overall.tp == 1
    assert score([gold("A", "said", text)], [pred("A", "said", "a moment")]).overall.tp == 0


def test_a_prediction_matches_one_gold_line_and_duplicates_count_once():
    golds = [gold("A", "visited", "B"), gold("A", "visited", "B|C")]
    report = score(golds, [pred("A", "visited", "B"), pred("A", "visited", "B")])
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 1)


def test_matching_is_maximal_not_greedy():
    golds = [gold("A", "visited", "X|Y"), gold("A", "visited", "X")]
    preds = [pred("A", "visited", "X"), pred("A", "visited", "Y")]
    assert score(golds, preds).overall.tp == 2


def test_scores_per_relation_and_report_table():
    golds = [gold("A", "visited", "B"), gold("A", "thanked", "C")]
    report = score(golds, [pred("A", "visited", "B"), pred("A", "thanked", "D")])
    assert report.per_relation["visited"].f1 == 1.0
    assert report.per_relation["thanked"].precision == 0.0
    assert report.overall.precision == report.overall.recall == 0.5
    table = format_report(report, errors=True)
    assert "OVERALL" in table and "misses (1)" in table and "false hits (1)" in table
    assert "visited" in table.splitlines()[2]


def test_predicted_from_extraction_uses_name_and_surface_forms():
    article = Article(identifier="seeds/x.txt", text="Blinken visited Tokyo.", sha256="0")
    ev = Evidence(0, 22, "Blinken visited Tokyo.", "svo:visit", 0.9)
    ext = DocumentExtraction(article, (
        LocalEntity(0, EntityKind.PERSON, "Antony Blinken", ("Blinken",)),
        LocalEntity(1, EntityKind.PLACE, "Tokyo"),
    ), (Fact(0, "visited", 1, ev), Fact(0, "said", "Hello", ev)))
    preds = predicted_from_extraction(ext)
    assert preds[0] == PredictedFact("x.txt", frozenset({"Antony Blinken", "Blinken"}), "visited",
                                     frozenset({"Tokyo"}), ev.sentence, "svo:visit")
    assert preds[1].obj_labels == frozenset({"Hello"})
