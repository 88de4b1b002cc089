"""Fast bulk reads and writes through the session's own DB-API connection.

SQLite: ``executemany``; PostgreSQL: ``COPY``. Both run inside the session's
transaction, so a failed import or computation leaves nothing behind. Values must
already be in database form (JSON as text, booleans as bool).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session


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
    placeholders = ", ".join("?" if dialect == "sqlite" else "%s" for _ in columns)
    cursor = driver.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)
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
