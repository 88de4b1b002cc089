"""Which stored value is current when several exports of one table overlap."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import ImportRecord, Observation

# Exports of two tables, each table's in mixed order of their Stand, then a third table.
FILES = (
    "21111-02-06-4_00.csv",  # Stand 10.10.2017
    "21111-02-06-4.csv",  # Stand 13.03.2025, other years
    "datenguide-backend_21111-02-06-4.csv",  # Stand 15.12.2017
    "datenguide-backend_12411-01-01-4.csv",  # Stand 14.12.2017
    "12411-01-01-4_00.csv",  # Stand 10.10.2017
    "82411-01-03-4.csv",
)

Key = tuple[int, str, str, int]


def _rows_by_key(store: Store) -> dict[Key, list[tuple[dt.datetime | None, int, bool]]]:
    by_key: dict[Key, list[tuple[dt.datetime | None, int, bool]]] = defaultdict(list)
    query = select(
        Observation.series_id,
        Observation.region_code,
        Observation.category,
        Observation.year,
        ImportRecord.stand,
        Observation.import_id,
        Observation.current,
    ).join(ImportRecord, ImportRecord.id == Observation.import_id)
    with store.transaction() as session:
        for series, region, category, year, stand, import_id, current in session.execute(query):
            by_key[(series, region, category, year)].append((stand, import_id, current))
    return by_key


def test_each_value_is_current_only_in_the_export_with_the_newest_stand(
    store: Store, genesis: Path
) -> None:
    results = [import_file(store.sessions, genesis / name) for name in FILES]
    by_key = _rows_by_key(store)
    for key, rows in by_key.items():
        newest = max(rows, key=lambda row: row[0] or dt.datetime.min)
        assert [import_id for _, import_id, current in rows if current] == [newest[1]], key
    outdated = sum(1 for rows in by_key.values() for *_, current in rows if not current)
    assert outdated == sum(r.superseded_on_arrival + r.replaced for r in results)
    assert results[2].replaced > 0
    assert results[4].superseded_on_arrival > 0
    assert results[5].superseded_on_arrival == results[5].replaced == 0


def test_an_export_of_another_table_leaves_current_values_alone(
    store: Store, genesis: Path
) -> None:
    first = import_file(store.sessions, genesis / "82411-01-03-4.csv")
    second = import_file(store.sessions, genesis / "mmelchger_12411-01-01-4.csv")
    assert (second.superseded_on_arrival, second.replaced) == (0, 0)
    with store.transaction() as session:
        current = session.scalars(
            select(Observation.current).where(Observation.import_id == first.import_id)
        ).all()
    assert current
    assert all(current)


def test_of_two_exports_with_the_same_stand_the_later_import_is_current(
    store: Store, genesis: Path, tmp_path: Path
) -> None:
    # a corrected export with the same Stand (one value changed), imported after the first
    original = genesis / "21111-02-06-4.csv"
    text = original.read_text(encoding="latin-1")
    line = "2023;15082;      Anhalt-Bitterfeld, Landkreis;1269;"
    assert text.count(line) == 1
    corrected = tmp_path / "21111-02-06-4-korrigiert.csv"
    corrected.write_text(text.replace(line, line.replace("1269", "1270")), encoding="latin-1")
    first = import_file(store.sessions, original)
    second = import_file(store.sessions, corrected)
    assert first.stand_text == second.stand_text
    assert second.superseded_on_arrival == 0
    assert second.replaced == first.cells  # every value of the first, on SQLite and PostgreSQL
    current = select(Observation.import_id).where(Observation.current.is_(True)).distinct()
    with store.transaction() as session:
        assert session.scalars(current).all() == [second.import_id]
