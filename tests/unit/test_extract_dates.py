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
