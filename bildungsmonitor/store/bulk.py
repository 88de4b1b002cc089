"""Fast bulk reads and writes through the session's own DB-API connection.

SQLite: ``executemany`` of multi-row ``INSERT``s; PostgreSQL: ``COPY``. Both run inside
the session's transaction, so a failed import or computation leaves nothing behind.
Values must already be in database form (JSON as text, booleans as bool or 0/1).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy.orm import Session

ROWS_PER_STATEMENT = 100
"""SQLite: rows per ``INSERT`` (one statement per row spends more time binding than inserting)."""


def bulk_insert(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect.name
    driver: Any = connection.connection.driver_connection
    names = ", ".join(columns)
    if dialect == "postgresql":
        with driver.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if dialect == "sqlite":
        _insert_sqlite(driver, f"INSERT INTO {table} ({names}) VALUES ", len(columns), rows)
        return
    placeholders = ", ".join("%s" for _ in columns)
    cursor = driver.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)
    finally:
        cursor.close()


def _insert_sqlite(
    driver: sqlite3.Connection, insert: str, width: int, rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` in their order, ``ROWS_PER_STATEMENT`` at a time, the rest one by one."""
    limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(ROWS_PER_STATEMENT, limit // width))
    group = "(" + ", ".join("?" * width) + ")"
    full = len(rows) - len(rows) % per
    cursor = driver.cursor()
    try:
        if full:
            chunks = (tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, full, per))
            cursor.executemany(insert + ", ".join([group] * per), chunks)
        if full < len(rows):
            cursor.executemany(insert + group, rows[full:])
    finally:
        cursor.close()


def fetch_all(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """Run a read-only statement without parameters (callers inline only integers)."""
    driver: Any = session.connection().connection.driver_connection
    cursor = driver.cursor()
    try:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()
