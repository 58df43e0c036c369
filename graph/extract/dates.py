"""Dates in a sentence -> ISO dates, resolved against the article's date.

"on Tuesday" means the last Tuesday on or before the article's date (or the
next one for a future clause); "Oct. 7" takes the article's year, or the year
before when that would put a past event after publication.  Vague spans
("last month", "this week") name no single day and give no date: an
``xsd:date`` must be a day, and a made-up day would be wrong provenance.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def resolve_date(text: str, article_date: str | None, *, future: bool = False) -> str | None:
    """The ISO day ``text`` names, or ``None`` when it names no single day."""
    anchor = _parse_iso(article_date)
    lowered = text.lower().strip()
    explicit = _explicit(lowered, anchor, future)
    if explicit is not None:
        return explicit.isoformat()
    if anchor is None:
        return None
    if lowered in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return anchor.isoformat()
    if lowered in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat()
    if lowered == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat()
    for number, name in enumerate(WEEKDAYS):
        if re.fullmatch(rf"(?:on |last |this |next )?{name}(?: (?:morning|afternoon|evening|night))?", lowered):
            return _weekday(anchor, number, future or lowered.startswith("next")).isoformat()
    return None


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    match = _ISO.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _explicit(text: str, anchor: date | None, future: bool) -> date | None:
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    match = _MONTH_DAY.search(text)
    if match:
        month, day, year = MONTHS[match[1][:3].lower() if match[1][:4].lower() != "sept" else "sep"], int(match[2]), match[3]
    else:
        match = _DAY_MONTH.search(text)
        if not match:
            return None
        day, month, year = int(match[1]), MONTHS[match[2][:3].lower()], match[3]
    if year is None and anchor is None:
        return None
    y = int(year) if year else anchor.year  # type: ignore[union-attr]
    try:
        found = date(y, month, day)
    except ValueError:
        return None
    if year is None and anchor is not None:
        if not future and found > anchor + timedelta(days=1):
            found = found.replace(year=y - 1) if not (month == 2 and day == 29) else found
        elif future and found < anchor:
            found = found.replace(year=y + 1) if not (month == 2 and day == 29) else found
    return found


def _weekday(anchor: date, number: int, future: bool) -> date:
    """The weekday on or before the anchor (past), or after it (future)."""
    if future:
        delta = (number - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=(anchor.weekday() - number) % 7)
