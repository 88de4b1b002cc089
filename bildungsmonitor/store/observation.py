"""Queries over series, observations and imports (read side)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bildungsmonitor.store.tables import Footnote, ImportRecord, Observation, Series

AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class SeriesView:
    id: int
    key: str
    table_code: str
    label: str
    path: tuple[str, ...]
    unit: str | None
    dimensions: dict[str, str]
    category_name: str | None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValueView:
    series_key: str
    table_code: str
    label: str
    unit: str | None
    region_code: str
    category: str | None
    period: str
    year: int
    value: float | None
    symbol: str | None
    display: str
    bracketed: bool
    import_id: int
    file_name: str
    stand: str | None


@dataclass(frozen=True)
class ImportView:
    id: int
    file_name: str
    table_code: str
    title: str
    stand: str | None
    stand_date: dt.datetime | None
    licence: str | None
    source: str | None
    source_format: str
    encoding: str
    sha256: str
    size: int
    cells: int
    replaced: int
    imported_at: dt.datetime
    findings: list[dict[str, object]] = field(default_factory=list)
    footnotes: list[dict[str, str | None]] = field(default_factory=list)


def list_series(session: Session, *, table_code: str | None = None) -> list[SeriesView]:
    query = select(Series).order_by(Series.table_code, Series.id)
    if table_code:
        query = query.where(Series.table_code == table_code)
    series = list(session.scalars(query))
    categories: dict[int, list[str]] = {}
    if series:
        rows = session.execute(
            select(Observation.series_id, Observation.category)
            .where(Observation.series_id.in_([s.id for s in series]), Observation.category != "")
            .distinct()
        )
        for series_id, category in rows:
            categories.setdefault(series_id, []).append(category)
    return [
        SeriesView(
            s.id,
            s.key,
            s.table_code,
            s.label,
            tuple(s.path),
            s.unit,
            dict(s.dimensions),
            s.category_name,
            tuple(sorted(categories.get(s.id, []))),
        )
        for s in series
    ]


def display(value: float | None, symbol: str | None, decimals: int, bracketed: bool) -> str:
    """The cell as the source shows it: decimal comma, no thousands separator, symbols kept;
    a negative number with a true minus sign (»−312«, as on the indicator pages; CSV and
    Excel downloads write the hyphen-minus again)."""
    if symbol is not None:
        text = symbol
    elif value is None:
        text = ""
    else:
        text = f"{value:.{decimals}f}".replace(".", ",").replace("-", "\u2212")
    return f"({text})" if bracketed else text


def list_values(
    session: Session,
    *,
    table_code: str | None = None,
    region_codes: list[str] | None = None,
    years: list[int] | None = None,
    series_key: str | None = None,
    include_history: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[ValueView]:
    """The matching values, ordered by region, year, series and category; ``limit`` and
    ``offset`` select one page of them (see `count_values`)."""
    query = (
        select(
            Series.key,
            Series.table_code,
            Series.label,
            Series.unit,
            Observation.region_code,
            Observation.category,
            Observation.period_text,
            Observation.year,
            Observation.value,
            Observation.symbol,
            Observation.decimals,
            Observation.bracketed,
            Observation.import_id,
            ImportRecord.file_name,
            ImportRecord.stand_text,
        )
        .join(Series, Series.id == Observation.series_id)
        .join(ImportRecord, ImportRecord.id == Observation.import_id)
    )
    query = _value_filter(
        query, table_code, region_codes, years, series_key, include_history
    ).order_by(Observation.region_code, Observation.year, Series.id, Observation.category)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [_value_view(row) for row in session.execute(query)]


def count_values(
    session: Session,
    *,
    table_code: str | None = None,
    region_codes: list[str] | None = None,
    years: list[int] | None = None,
    series_key: str | None = None,
    include_history: bool = False,
) -> int:
    """How many values `list_values` finds with the same filters (all pages)."""
    query = (
        select(func.count())
        .select_from(Observation)
        .join(Series, Series.id == Observation.series_id)
    )
    query = _value_filter(query, table_code, region_codes, years, series_key, include_history)
    return int(session.scalar(query) or 0)


def _value_filter(
    query: AnySelect,
    table_code: str | None,
    region_codes: list[str] | None,
    years: list[int] | None,
    series_key: str | None,
    include_history: bool,
) -> AnySelect:
    if table_code:
        query = query.where(Series.table_code == table_code)
    if series_key:
        query = query.where(Series.key == series_key)
    if region_codes:
        query = query.where(Observation.region_code.in_(region_codes))
    if years:
        query = query.where(Observation.year.in_(years))
    if not include_history:
        query = query.where(Observation.current.is_(True))
    return query


def _value_view(row: Any) -> ValueView:
    """From a row of the columns selected in ``list_values`` (no ORM instances)."""
    (key, table_code, label, unit, region_code, category, period, year) = row[:8]
    (value, symbol, decimals, bracketed, import_id, file_name, stand) = row[8:]
    return ValueView(
        key,
        table_code,
        label,
        unit,
        region_code,
        category or None,
        period,
        year,
        value,
        symbol,
        display(value, symbol, decimals, bracketed),
        bracketed,
        import_id,
        file_name,
        stand,
    )


def list_imports(session: Session) -> list[ImportView]:
    notes: dict[int, list[dict[str, str | None]]] = {}
    for note in session.scalars(select(Footnote).order_by(Footnote.id)):
        notes.setdefault(note.import_id, []).append(
            {
                "text": note.text,
                "column_label": note.column_label,
                "region_name": note.region_name,
                "region_code": note.region_code,
            }
        )
    return [
        ImportView(
            r.id,
            r.file_name,
            r.table_code,
            r.title,
            r.stand_text,
            r.stand,
            r.licence,
            r.source,
            r.source_format,
            r.encoding,
            r.sha256,
            r.size,
            r.cell_count,
            r.replaced_count,
            r.imported_at,
            list(r.findings),
            notes.get(r.id, []),
        )
        for r in session.scalars(select(ImportRecord).order_by(ImportRecord.id))
    ]


def observation_count(session: Session, *, current_only: bool = True) -> int:
    query = select(func.count()).select_from(Observation)
    if current_only:
        query = query.where(Observation.current.is_(True))
    return int(session.scalar(query) or 0)
