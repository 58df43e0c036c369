"""Dates named in sentences, resolved against the article's date (no model)."""

from __future__ import annotations

import pytest

from graph.extract.dates import resolve_date


@pytest.mark.parametrize("text, anchor, future, expected", [
    ("Tuesday", "2023-11-08", False, "2023-11-07"),      # article on a Wednesday
    ("Wednesday", "2023-11-08", False, "2023-11-08"),
    ("Friday", "2023-11-08", True, "2023-11-10"),
    ("Oct. 7", "2023-11-08", False, "2023-10-07"),
    ("December 24", "2023-01-03", False, "2022-12-24"),   # past event: last year's
    ("8 November 2023", None, False, "2023-11-08"),
    ("yesterday", "2024-03-01", False, "2024-02-29"),
    ("last month", "2024-03-01", False, None),             # no single day
    ("Tuesday", None, False, None),                        # nothing to resolve against
    ("Feb. 30", "2024-03-01", False, None),
])
def test_resolve_date(text, anchor, future, expected):
    assert resolve_date(text, anchor, future=future) == expected


@pytest.mark.parametrize("text", ["last week", "this week", "last year", "earlier this month", "in recent days"])
def test_vague_spans_name_no_day(text):
    """A week or a month is no xsd:date: nothing is emitted rather than a made-up day."""
    assert resolve_date(text, "2024-03-14") is None


def _dated(extract, text: str, relation: str, date: str = "2020-01-11") -> set[str | None]:
    ext = extract(text, date=date)
    return {f.evidence.date for f in ext.facts if f.relation == relation}


@pytest.mark.model
def test_a_quote_takes_the_date_of_its_speech_verb(extract):
    text = ('On Tuesday, Prime Minister Kyriakos Mitsotakis called the agreement "null and void". '
            'Mitsotakis told reporters on Oct. 7, "We reject it."')
    assert _dated(extract, text, "said") == {"2020-01-07", "2019-10-07"}


@pytest.mark.model
def test_a_participle_takes_the_date_of_its_verb(extract):
    text = "On Monday, Prime Minister Boris Johnson joined the calls asking the United States to waive immunity."
    assert _dated(extract, text, "urged", "2019-10-10") == {"2019-10-07"}


@pytest.mark.model
def test_a_reported_clause_does_not_take_the_date_of_the_report(extract):
    text = "On Monday, Foreign Minister Anna Lindqvist said that Prime Minister Jonas Berg visited Kenya in 2015."
    assert _dated(extract, text, "visited") == {None}


@pytest.mark.model
def test_dates_of_dev_articles_are_attached(extract):
    """The hand-annotated dev articles carry no date line, so the date of the
    corpus (README table) is given here: sentences that name a day date their facts."""
    import glob
    import os
    import re

    root = os.path.join(os.path.dirname(__file__), "..", "data", "dev")
    with open(os.path.join(root, "README.md"), encoding="utf-8") as handle:
        dates = dict(re.findall(r"\| dev \| `([^`]+)` \|.*\| (\d{4}-\d{2}-\d{2}) \|", handle.read()))
    wanted = {"pmt-17617.txt": ("thanked", "2011-01-23"),
              "wikinews-cairo-summit-denounces-turkish-libyan-maritime-border-agreement.txt": ("said", "2020-01-07"),
              "wikinews-uk-urges-us-to-waive-immunity-for-diplomat-s-wife-involved-in-fatal-collision.txt":
                  ("urged", "2019-10-07")}
    for path in sorted(glob.glob(os.path.join(root, "dev", "*.txt"))):
        name = os.path.basename(path)
        if name not in wanted:
            continue
        with open(path, encoding="utf-8") as handle:
            relation, day = wanted[name]
            assert day in _dated(extract, handle.read(), relation, dates[name]), name
