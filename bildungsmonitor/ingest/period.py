"""Reporting periods: a year, a Stichtag or a school year, with the reporting year."""

from __future__ import annotations

import datetime as dt
import re

from bildungsmonitor.ingest.table import Period

_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")


def parse_period(text: str) -> Period | None:
    """``"2023"`` → 2023; ``"31.12.2015"`` → 2015 with date; ``"2022/23"`` → 2023.

    Returns None when the text is no period.
    """
    raw = text.strip()
    if match := _YEAR.match(raw):
        return Period(raw, int(match.group(1)))
    if match := _DATE.match(raw):
        day, month, year = (int(g) for g in match.groups())
        try:
            return Period(raw, year, dt.date(year, month, day))
        except ValueError:
            return None
    if match := _SCHOOL_YEAR.match(raw):
        start = int(match.group(1))
        end_text = match.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if end < start:
            end += 100
        return Period(raw, end) if end == start + 1 else None
    return None
