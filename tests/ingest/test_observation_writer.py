"""Writing observation rows in bulk: every row, in its order, with its values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bildungsmonitor.ingest._observation_writer import COLUMNS, write_observations
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.bulk import ROWS_PER_STATEMENT
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import Observation


def _row(number: int, series_id: int, import_id: int) -> tuple[Any, ...]:
    dated = number % 3 == 0
    return (
        series_id,
        "15" if number % 2 else "DG",
        "" if number % 5 else "weiblich",
        f"31.12.{2000 + number % 20}" if dated else str(2000 + number % 20),
        f"{2000 + number % 20}-12-31" if dated else None,
        2000 + number % 20,
        None if number % 7 == 0 else number / 4,
        "-" if number % 7 == 0 else None,
        2,
        1 if number % 4 == 1 else 0,
        import_id,
        1,
    )


def _stored(value: Any) -> Any:
    """PostgreSQL gives booleans and dates back as such; SQLite as 0/1 and ISO text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_rows_are_stored_in_order_across_full_statements_and_a_remainder(
    store: Store, genesis: Path
) -> None:
    imported = import_file(store.sessions, genesis / "82411-01-03-4.csv")
    columns = [getattr(Observation, name) for name in COLUMNS]
    with store.transaction() as session:
        before = session.scalar(select(func.max(Observation.id)))
        series_id = session.scalar(select(func.min(Observation.series_id)))
        assert series_id is not None
        rows = [_row(n, series_id, imported.import_id) for n in range(2 * ROWS_PER_STATEMENT + 7)]
        write_observations(session, rows)
    with store.transaction() as session:
        stored = session.execute(
            select(*columns).where(Observation.id > before).order_by(Observation.id)
        ).all()
    assert [tuple(_stored(v) for v in row) for row in stored] == rows
