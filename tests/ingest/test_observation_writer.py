"""Writing observation rows in bulk: every row, in its order, with its values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bildungsmonitor.ingest._observation_writer import COLUMNS, write_observations
from bildungsmonitor.store.bulk import ROWS_PER_STATEMENT
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import ImportRecord, Observation, Region, Series


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


def test_rows_are_stored_in_order_across_full_statements_and_a_remainder(store: Store) -> None:
    with store.transaction() as session:
        session.add_all(
            [
                Region(code="DG", name="Deutschland", level="bund", region_type="Deutschland"),
                Region(code="15", name="Sachsen-Anhalt", level="land", region_type="Land"),
            ]
        )
        series = Series(key="k", table_code="t", label="Test", path=["Test"])
        record = ImportRecord(
            file_name="t.csv",
            sha256="0" * 64,
            size=1,
            source_format="genesis-csv",
            encoding="utf-8",
            table_code="t",
            title="Test",
        )
        session.add_all([series, record])
        session.flush()
        rows = [_row(n, series.id, record.id) for n in range(2 * ROWS_PER_STATEMENT + 7)]
        write_observations(session, rows)
    columns = [getattr(Observation, name) for name in COLUMNS]
    with store.transaction() as session:
        stored = session.execute(select(*columns).order_by(Observation.id)).all()
    assert [tuple(_stored(v) for v in row) for row in stored] == rows
