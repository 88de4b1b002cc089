"""Schema migrations applied to a database that already holds data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from bildungsmonitor.store.database import alembic_config, make_engine, upgrade
from bildungsmonitor.store.tables import Base
from tests.conftest import _Postgres


@pytest.fixture
def engine(postgres: _Postgres | None, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a new database without any schema."""
    url = f"sqlite:///{tmp_path / 'blank.sqlite3'}"
    if postgres is not None:
        url = postgres.new_database(migrated=False)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    if postgres is not None:
        postgres.drop(url)


VALUE = (
    "INSERT INTO indicator_value (indicator_code, subject, year, value, symbol, bracketed, "
    "numerator, denominator) VALUES ('D7.1d', '01001', 2023, 0.0, NULL, false, NULL, 1059.0)"
)
RUN = (
    "INSERT INTO indicator_run (indicator_code, fingerprint, computed_at, value_count, "
    "import_ids) VALUES ('D7.1d', 'old', CURRENT_TIMESTAMP, 1, '[1]')"
)


def test_part_symbols_are_added_to_stored_values(engine: Engine) -> None:
    upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(text(VALUE))
        connection.execute(text(RUN))
    upgrade(engine)
    columns = {c["name"]: c for c in inspect(engine).get_columns("indicator_value")}
    assert {"numerator_symbol", "denominator_symbol"} <= set(columns)
    assert columns["numerator_symbol"]["nullable"]
    with engine.begin() as connection:
        row = connection.execute(
            text(
                "SELECT value, numerator, numerator_symbol, denominator, denominator_symbol "
                "FROM indicator_value"
            )
        ).one()
        # kept as they were (the next compute rewrites them: see compute.run.VALUE_FORMAT)
        assert tuple(row) == (0.0, None, None, 1059.0, None)
        assert connection.execute(text("SELECT count(*) FROM indicator_run")).scalar() == 1
        connection.execute(text("UPDATE indicator_value SET numerator_symbol = '-'"))
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert not [d for d in differences if "indicator_value" in repr(d)]


@pytest.mark.parametrize(
    ("revision", "table", "removed", "kept"),
    [
        ("0003", "indicator_value", "numerator_symbol", "denominator"),
        ("0004", "footnote", "from_year", "text"),
    ],
)
def test_added_columns_can_be_removed_again(
    engine: Engine, revision: str, table: str, removed: str, kept: str
) -> None:
    upgrade(engine)
    command.downgrade(alembic_config(engine), revision)
    columns = {c["name"] for c in inspect(engine).get_columns(table)}
    assert removed not in columns and kept in columns
    upgrade(engine)


# 0005: the period of footnotes, filled in for notes stored before it
IMPORT = (
    "INSERT INTO import_record (id, file_name, sha256, size, source_format, encoding, "
    "table_code, title, imported_at, cell_count, replaced_count, findings) VALUES (1, "
    "'x.csv', 'h', 1, 'genesis-csv', 'utf-8', '21111-02-06-4', 't', CURRENT_TIMESTAMP, 0, 0, "
    "'[]')"
)
NOTES = [
    ("Deutschland", "Deutschland (2007): das Bundesergebnis enthält das Landesergebnis Hessens"),
    ("Sachsen-Anhalt", "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse gerundet."),
    (None, "Ab 2012 mit Nichtschülerprüfungen (Externe)."),
]


def test_stored_notes_get_the_period_their_prefix_names(engine: Engine) -> None:
    upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.execute(text(IMPORT))
        for region, note in NOTES:
            connection.execute(
                text("INSERT INTO footnote (import_id, region_name, text) VALUES (1, :r, :t)"),
                {"r": region, "t": note},
            )
    upgrade(engine)
    with engine.begin() as connection:
        rows = connection.execute(
            text("SELECT text, from_year, to_year FROM footnote ORDER BY id")
        ).all()
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [tuple(r) for r in rows] == [
        (NOTES[0][1], 2007, 2007),
        (NOTES[1][1], 2017, None),
        (NOTES[2][1], None, None),
    ]
    assert not [d for d in differences if "footnote" in repr(d)]
