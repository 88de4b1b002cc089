"""Bulk insert of observations inside the session's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from bildungsmonitor.store.bulk import bulk_insert

COLUMNS = (
    "series_id",
    "region_code",
    "category",
    "period_text",
    "period_date",
    "year",
    "value",
    "symbol",
    "decimals",
    "bracketed",
    "import_id",
    "current",
)


def write_observations(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """``rows`` carry every column of COLUMNS in database form, ready for the driver.

    Booleans come as 0/1 and dates as ISO text: SQLite binds those without calling an
    adapter per value, PostgreSQL's COPY reads them as boolean and date.
    """
    bulk_insert(session, "observation", COLUMNS, rows)
