"""Fast bulk insert of observations inside the session's transaction.

SQLite: the DB-API ``executemany``; PostgreSQL: ``COPY`` through psycopg.
Both write through the session's own connection, so the import stays one
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bildungsmonitor.store.tables import Observation

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
)


def write_observations(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect.name
    driver = connection.connection.driver_connection
    if dialect == "sqlite":
        placeholders = ", ".join("?" for _ in COLUMNS)
        sql = f"INSERT INTO observation ({', '.join(COLUMNS)}, current) VALUES ({placeholders}, 1)"
        cursor = driver.cursor()  # type: ignore[union-attr]
        cursor.executemany(sql, rows)
        cursor.close()
    elif dialect == "postgresql":
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            copy_sql = f"COPY observation ({', '.join(COLUMNS)}, current) FROM STDIN"
            with cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row((*row, True))
    else:
        session.execute(
            insert(Observation),
            [dict(zip(COLUMNS, row, strict=True)) | {"current": True} for row in rows],
        )
