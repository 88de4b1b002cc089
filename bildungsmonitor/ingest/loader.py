"""Load a parsed source file into the store: one transaction per import.

The loader keeps every value with its provenance, replaces older values of the
same series, region and period by those of a newer *Stand* (the replaced values
stay in the history with ``current = false``) and reports data problems as
findings. Re-importing an identical file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, bindparam, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bildungsmonitor.ingest import source_format
from bildungsmonitor.ingest._collector import collector_paused
from bildungsmonitor.ingest._observation_writer import write_observations
from bildungsmonitor.ingest.finding import (
    DuplicateCell,
    Finding,
    LayoutChanged,
    OlderRegionNames,
    RegionRenamed,
    UnknownRegionCode,
)
from bildungsmonitor.ingest.table import DataRow, ParsedTable, Period
from bildungsmonitor.store import region as region_service
from bildungsmonitor.store.database import transaction
from bildungsmonitor.store.tables import Footnote, ImportRecord, Region, Series
from bildungsmonitor.symbol import Symbol

Progress = Callable[[str], None]


@dataclass
class ImportResult:
    """What one import did. ``status`` is »importiert« or »unverändert«."""

    file_name: str
    status: str
    import_id: int
    table_code: str
    stand_text: str | None
    cells: int = 0
    replaced: int = 0
    superseded_on_arrival: int = 0
    series_count: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status == "importiert"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name,
            "status": self.status,
            "import_id": self.import_id,
            "table_code": self.table_code,
            "stand": self.stand_text,
            "cells": self.cells,
            "replaced": self.replaced,
            "superseded_on_arrival": self.superseded_on_arrival,
            "series": self.series_count,
            "findings": [f.to_dict() for f in self.findings],
        }


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def series_key(table_code: str, path: Iterable[str]) -> str:
    """Stable identity of a series: derived from table code and column path only."""
    material = "\x1f".join([table_code, *path])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:40]


def import_file(factory: sessionmaker[Session], path: Path) -> ImportResult:
    """Import one file. Faults (unreadable, malformed) raise and leave the store as it was."""
    digest, size = sha256_of(path)
    with transaction(factory) as session:
        existing = session.scalar(select(ImportRecord).where(ImportRecord.sha256 == digest))
        if existing is not None:
            return ImportResult(
                path.name, "unverändert", existing.id, existing.table_code, existing.stand_text
            )
    with collector_paused():
        table = source_format.detect(path).parse(path)
        with transaction(factory) as session:
            return _store(session, table, digest, size)


def _store(session: Session, table: ParsedTable, digest: str, size: int) -> ImportResult:
    findings: list[Finding] = []
    stand_text = _stand_text(table.stand_text)
    record = ImportRecord(
        file_name=table.source_name,
        sha256=digest,
        size=size,
        source_format=table.source_format,
        encoding=table.encoding,
        table_code=table.table_code,
        title=table.title,
        stand=table.stand,
        stand_text=stand_text,
        licence=table.licence,
        source=table.source,
        cell_count=0,
        replaced_count=0,
        findings=[],
    )
    session.add(record)
    session.flush()
    valid_regions = _upsert_regions(session, table, findings)
    series_ids = _upsert_series(session, table, record, findings)
    rows = _observation_rows(table, series_ids, valid_regions, record.id, findings)
    write_observations(session, rows)
    arrived_old, replaced = _supersede(session, record, len(rows))
    _store_footnotes(session, table, record)
    region_service.record_activity(session, _activity(table, valid_regions))
    record.cell_count = len(rows)
    record.replaced_count = replaced
    record.findings = [f.to_dict() for f in findings]
    return ImportResult(
        table.source_name,
        "importiert",
        record.id,
        table.table_code,
        stand_text,
        cells=len(rows),
        replaced=replaced,
        superseded_on_arrival=arrived_old,
        series_count=len(series_ids),
        findings=findings,
    )


def _stand_text(text: str | None) -> str | None:
    """»Stand: 13.03.2025 / 16:40:08« → »13.03.2025 / 16:40:08«."""
    return text.removeprefix("Stand:").strip() if text else None


def _upsert_regions(session: Session, table: ParsedTable, findings: list[Finding]) -> set[str]:
    """Add regions named for the first time, rename known ones, set parents; return the valid.

    Works on plain columns and bulk statements that touch only new or changed regions:
    loading every region as an ORM object per import costs more than the rest of it.
    """
    known: dict[str, tuple[str, str | None]] = {
        code: (name, parent)
        for code, name, parent in session.execute(
            select(Region.code, Region.name, Region.parent_code)
        )
    }
    newest_stand = session.scalar(
        select(ImportRecord.stand).order_by(ImportRecord.stand.desc().nulls_last()).limit(1)
    )
    is_newest = table.stand is None or newest_stand is None or table.stand >= newest_stand
    own_data = table.source_format != "genesis-csv"
    added: dict[str, dict[str, Any]] = {}
    changed: dict[str, dict[str, Any]] = _renames(known, table, is_newest, findings)
    for code, ref in table.regions.items():
        if code in known:
            continue
        if own_data or not region_service.is_official_code(code):
            findings.append(
                UnknownRegionCode({"region_code": code}, file=table.source_name, region_code=code)
            )
        else:
            added[code] = {
                **_region_name(code, ref.name),
                "level": region_service.level_of(code),
                "parent_code": None,
                "historic": False,
            }
    codes = known.keys() | added.keys()
    valid = table.regions.keys() & codes
    for code in valid:
        parent = region_service.parent_of(code, codes)
        if code in added:
            added[code]["parent_code"] = parent
        elif parent != known[code][1]:
            changed.setdefault(code, {"code": code})["parent_code"] = parent
    if added:
        session.execute(insert(Region), list(added.values()))
    if changed:
        session.execute(update(Region), list(changed.values()))
    return valid


def _region_name(code: str, name: str) -> dict[str, Any]:
    return {"code": code, "name": name, "region_type": region_service.region_type(code, name)}


def _renames(
    known: dict[str, tuple[str, str | None]],
    table: ParsedTable,
    is_newest: bool,
    findings: list[Finding],
) -> dict[str, dict[str, Any]]:
    """New names of known regions (code → row update), taken from a file with the newest
    *Stand* and reported unless only the case differs; an older file's other names are
    reported together in one finding and change nothing."""
    changed: dict[str, dict[str, Any]] = {}
    older: list[dict[str, str]] = []
    for code, ref in table.regions.items():
        if code not in known:
            continue
        old = known[code][0]
        if not ref.name or ref.name == old:
            continue
        differs = old.casefold() != ref.name.casefold()
        if is_newest:
            changed[code] = _region_name(code, ref.name)
            if differs:
                findings.append(_renamed(code, old, ref.name, table))
        elif differs:
            older.append({"region_code": code, "name": old, "in_file": ref.name})
    if older:
        findings.append(_older_names(older, table))
    return changed


def _renamed(code: str, old: str, name: str, table: ParsedTable) -> RegionRenamed:
    return RegionRenamed(
        {"region_code": code, "old_name": old, "new_name": name},
        file=table.source_name,
        region_code=code,
    )


def _older_names(regions: list[dict[str, str]], table: ParsedTable) -> OlderRegionNames:
    """One finding for all regions an older file names otherwise (the stored names stay)."""
    examples = "; ".join(
        f"{r['region_code']} »{r['in_file']}« statt »{r['name']}«" for r in regions[:3]
    )
    params = {"count": len(regions), "examples": examples, "regions": regions}
    return OlderRegionNames(params, file=table.source_name)


def _upsert_series(
    session: Session, table: ParsedTable, record: ImportRecord, findings: list[Finding]
) -> dict[int, int]:
    keys = {c.index: series_key(table.table_code, c.path) for c in table.columns}
    existing = {
        s.key: s for s in session.scalars(select(Series).where(Series.key.in_(set(keys.values()))))
    }
    for column in table.columns:
        key = keys[column.index]
        if key in existing:
            continue
        label = " › ".join(table.labels.get(p, p) for p in column.path) or table.table_code
        series = Series(
            key=key,
            table_code=table.table_code,
            label=label,
            path=list(column.path),
            unit=column.unit,
            dimensions=dict(column.dimensions),
            category_name=table.category_name,
        )
        session.add(series)
        existing[key] = series
    session.flush()
    _check_layout(session, table, record, set(keys.values()), findings)
    return {index: existing[key].id for index, key in keys.items()}


def _check_layout(
    session: Session,
    table: ParsedTable,
    record: ImportRecord,
    keys: set[str],
    findings: list[Finding],
) -> None:
    previous = session.scalar(
        select(ImportRecord)
        .where(ImportRecord.table_code == table.table_code, ImportRecord.id != record.id)
        .order_by(ImportRecord.id.desc())
        .limit(1)
    )
    if previous is None or table.source_format != "genesis-csv":
        return
    old = {
        row[0]: row[1]
        for row in session.execute(
            text(
                "SELECT DISTINCT s.key, s.label FROM series s JOIN observation o "
                "ON o.series_id = s.id WHERE o.import_id = :id"
            ),
            {"id": previous.id},
        )
    }
    new_labels = {series_key(table.table_code, c.path): " › ".join(c.path) for c in table.columns}
    added = sorted(new_labels[k] for k in keys - set(old))
    removed = sorted(old[k] for k in set(old) - keys)
    if added or removed:
        findings.append(
            LayoutChanged(
                {
                    "table_code": table.table_code,
                    "previous_file": previous.file_name,
                    "added": "; ".join(added) or "keine",
                    "removed": "; ".join(removed) or "keine",
                },
                file=table.source_name,
            )
        )


ObservationRow = tuple[
    int, str, str, str, str | None, int, float | None, str | None, int, int, int, int
]
"""One row of ``_observation_writer.COLUMNS`` in database form (booleans 0/1, dates ISO)."""

_DbPeriod = tuple[str, str | None, int]
_Target = tuple[int, _DbPeriod | None]


def _observation_rows(
    table: ParsedTable,
    series_ids: dict[int, int],
    valid_regions: set[str],
    import_id: int,
    findings: list[Finding],
) -> list[ObservationRow]:
    """Flatten the table into observation rows; a repeated row key is kept once."""
    seen: dict[tuple[str, str, int | None, int | None], DataRow] = {}
    rows: list[ObservationRow] = []
    targets = [(series_ids[c.index], _db_period(c.period)) for c in table.columns]
    for row in table.rows:
        if row.region_code not in valid_regions:
            continue
        key = (
            row.region_code,
            row.category or "",
            row.period.year if row.period else None,
            row.column,
        )
        first = seen.setdefault(key, row)
        if first is not row:
            findings.extend(_duplicates(table, first, row))
            continue
        _append_rows(rows, row, targets, import_id)
    return rows


def _append_rows(
    rows: list[ObservationRow],
    row: DataRow,
    targets: Sequence[_Target],
    import_id: int,
) -> None:
    """Append one observation per cell; ``targets[index]`` = (series id, column period)."""
    code = row.region_code
    category = row.category or ""
    row_period = _db_period(row.period)
    append = rows.append
    for index, cell in _cells(row):
        series_id, column_period = targets[index]
        period = column_period or row_period
        if period is None:
            continue
        text, date, year = period
        symbol = cell.symbol
        append(
            (
                series_id,
                code,
                category,
                text,
                date,
                year,
                cell.value,
                None if symbol is None else symbol.value,
                cell.decimals,
                1 if cell.bracketed else 0,
                import_id,
                1,
            )
        )


def _db_period(period: Period | None) -> _DbPeriod | None:
    if period is None:
        return None
    return period.text, None if period.date is None else period.date.isoformat(), period.year


def _activity(table: ParsedTable, valid_regions: set[str]) -> dict[str, tuple[int, int | None]]:
    """Per region: last year present, last year with a value or a symbol other than »-«."""
    seen: dict[str, int] = {}
    live: dict[str, int] = {}
    for row in table.rows:
        code = row.region_code
        if code not in valid_regions:
            continue
        for year, alive in _row_years(table, row):
            if year > seen.get(code, 0):
                seen[code] = year
            if alive and year > live.get(code, 0):
                live[code] = year
    return {code: (year, live.get(code)) for code, year in seen.items()}


def _row_years(table: ParsedTable, row: DataRow) -> Iterable[tuple[int, bool]]:
    """(year, has a value or a symbol other than »-«) for the cells of one row."""
    if row.period is not None and row.column is None:
        yield row.period.year, any(cell.symbol is not Symbol.NOTHING for cell in row.cells)
        return
    for index, cell in _cells(row):
        period = table.columns[index].period or row.period
        if period is not None:
            yield period.year, cell.symbol is not Symbol.NOTHING


def _cells(row: DataRow) -> Iterable[tuple[int, Any]]:
    if row.column is not None:
        return [(row.column, row.cells[0])]
    return enumerate(row.cells)


def _duplicates(table: ParsedTable, first: DataRow, second: DataRow) -> list[Finding]:
    """A data row repeated with other values: the first one counts, each difference is a finding."""
    found: list[Finding] = []
    for (index, kept), (_, other) in zip(_cells(first), _cells(second), strict=True):
        if kept == other:
            continue
        column = table.columns[index]
        period = column.period or second.period
        found.append(
            DuplicateCell(
                {
                    "region_code": second.region_code,
                    "period": period.text if period else "",
                    "series": " › ".join(column.path),
                    "first": kept.display(),
                    "second": other.display(),
                },
                file=table.source_name,
                line=second.line,
                region_code=second.region_code,
            )
        )
    return found


_OTHER_IMPORTS_OF_TABLE = """
SELECT id, cell_count, COALESCE(stand, :epoch) > :stand AS newer FROM import_record
WHERE table_code = :table AND id <> :new
"""

# Current rows of the ``targets`` imports that a current row of the ``sources`` imports
# outdates (same series, region, category and year). ``{outer}`` CROSS JOIN ``{inner}``
# names the side to walk: SQLite walks the left one and looks the other up in
# ix_observation_lookup, so the side with fewer rows goes first.
_OUTDATE = """
UPDATE observation SET current = :false WHERE id IN (
    SELECT t.id FROM observation {outer} CROSS JOIN observation {inner}
    WHERE t.import_id IN :targets AND t.current = :true
      AND s.import_id IN :sources AND s.current = :true
      AND s.series_id = t.series_id AND s.region_code = t.region_code
      AND s.category = t.category AND s.year = t.year)
"""

_EPOCH = dt.datetime(1900, 1, 1)


def _supersede(session: Session, record: ImportRecord, cells: int) -> tuple[int, int]:
    """Keep the newest *Stand* current; return (new rows already outdated, rows replaced).

    A series belongs to one table code (see ``series_key``), so only the other imports of
    the same table can hold values of the new import's ``cells`` rows.
    """
    params: dict[str, Any] = {
        "new": record.id,
        "table": record.table_code,
        "epoch": _EPOCH,
        "stand": record.stand or _EPOCH,
    }
    # typed, so SQLite compares the Stand in its stored form (»… 16:40:08.000000«); as a
    # plain string an equal Stand sorted after the parameter and counted as newer
    others_query = text(_OTHER_IMPORTS_OF_TABLE).bindparams(
        bindparam("epoch", type_=DateTime()), bindparam("stand", type_=DateTime())
    )
    others = session.execute(others_query, params).all()
    newer = [row for row in others if row.newer]
    own = ([record.id], cells)
    arrived_old = _outdate(session, own, _imports(newer)) if newer else 0
    replaced = _outdate(session, _imports(others), own) if others else 0
    return arrived_old, replaced


def _imports(rows: Sequence[Any]) -> tuple[list[int], int]:
    return [row.id for row in rows], sum(row.cell_count for row in rows)


def _outdate(
    session: Session, targets: tuple[list[int], int], sources: tuple[list[int], int]
) -> int:
    """Set rows of the ``targets`` imports non-current; each side is (ids, row count)."""
    outer, inner = ("t", "s") if targets[1] <= sources[1] else ("s", "t")
    statement = text(_OUTDATE.format(outer=outer, inner=inner)).bindparams(
        bindparam("targets", expanding=True), bindparam("sources", expanding=True)
    )
    params = {"targets": targets[0], "sources": sources[0], "true": True, "false": False}
    return int(getattr(session.execute(statement, params), "rowcount", 0))


def _store_footnotes(session: Session, table: ParsedTable, record: ImportRecord) -> None:
    """The table's footnotes with the period each is limited to; a note on Deutschland
    or a Land gets its fixed official code (no stored region rows needed)."""
    for note in table.footnotes:
        session.add(
            Footnote(
                import_id=record.id,
                column_label=note.column_label,
                region_name=note.region_name,
                region_code=region_service.land_code(note.region_name or ""),
                text=note.text,
                from_year=note.from_year,
                to_year=note.to_year,
            )
        )
