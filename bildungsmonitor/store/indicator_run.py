"""Writing the results of indicator runs: the stored values and one run row per indicator.

Inside the caller's transaction the old values of all replaced indicators go first, in
one statement: on SQLite an unqualified ``DELETE`` when no other indicator has stored
values (SQLite then empties the table without visiting each row). New values go in
through ``store.bulk`` (multi-row ``INSERT`` on SQLite, ``COPY`` on PostgreSQL); run rows
are updated or inserted all at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from bildungsmonitor.store.bulk import bulk_insert
from bildungsmonitor.store.tables import IndicatorRun, IndicatorValue

VALUE_COLUMNS = (
    "indicator_code",
    "subject",
    "year",
    "value",
    "symbol",
    "bracketed",
    "numerator",
    "numerator_symbol",
    "denominator",
    "denominator_symbol",
    "missing_members",
)
# every distinct indicator code with values: one index seek per code, not a scan
_STORED_CODES = text(
    "WITH RECURSIVE stored(code) AS ("
    " SELECT min(indicator_code) FROM indicator_value"
    " UNION ALL SELECT (SELECT min(indicator_code) FROM indicator_value"
    " WHERE indicator_code > stored.code) FROM stored WHERE stored.code IS NOT NULL"
    ") SELECT code FROM stored WHERE code IS NOT NULL"
)


@dataclass(frozen=True)
class RunRecord:
    """What is kept about the last computation of one indicator."""

    indicator_code: str
    fingerprint: str
    value_count: int
    import_ids: tuple[int, ...]


def stored_codes(session: Session) -> set[str]:
    """Codes of the indicators that have stored values."""
    return set(session.scalars(_STORED_CODES))


def delete_values(session: Session, codes: Collection[str]) -> None:
    """Remove every stored value of the indicators ``codes``."""
    if not codes:
        return
    if session.connection().dialect.name == "sqlite" and stored_codes(session) <= set(codes):
        session.execute(delete(IndicatorValue))  # no WHERE: SQLite's truncate optimisation
        return
    chosen = sorted(codes)
    for start in range(0, len(chosen), 500):
        part = chosen[start : start + 500]
        session.execute(delete(IndicatorValue).where(IndicatorValue.indicator_code.in_(part)))


def insert_values(session: Session, columns: Sequence[Sequence[Any]]) -> None:
    """Insert values given column by column in ``VALUE_COLUMNS`` order (database form:
    JSON as text, booleans as bool)."""
    rows = list(zip(*columns, strict=True))
    bulk_insert(session, "indicator_value", VALUE_COLUMNS, rows)


def save_runs(session: Session, runs: Sequence[RunRecord]) -> None:
    """Record ``runs``: an existing run row is updated (its ``computed_at`` stays)."""
    existing = set(session.scalars(select(IndicatorRun.indicator_code)))
    rows = [
        {
            "indicator_code": run.indicator_code,
            "fingerprint": run.fingerprint,
            "value_count": run.value_count,
            "import_ids": list(run.import_ids),
        }
        for run in runs
    ]
    changed = [row for row in rows if row["indicator_code"] in existing]
    added = [row for row in rows if row["indicator_code"] not in existing]
    if changed:  # ORM bulk UPDATE by primary key
        session.execute(update(IndicatorRun), changed)
    if added:
        session.execute(insert(IndicatorRun), added)
