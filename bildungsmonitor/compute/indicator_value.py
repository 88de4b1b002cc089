"""Read stored indicator values: one year for many subjects, time series, latest years,
the distribution over the Kreise of one type, and the imports behind an indicator.

The web pages (catalogue, Kennblatt, Regionsprofil, Vergleich, Karte) and the API read
through these functions; no SQL lives in ``web``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute._footnote_scope import FootnoteScope
from bildungsmonitor.compute.computation import GROUP_PREFIX, aliases_of
from bildungsmonitor.compute.figure import footnote_text
from bildungsmonitor.store.tables import (
    Footnote,
    ImportRecord,
    IndicatorRun,
    IndicatorValue,
)


@dataclass(frozen=True, slots=True)
class StoredValue:
    """One stored value of an indicator for a region or group (``group:<slug>``);
    numerator and denominator are each a number or an official symbol."""

    indicator_code: str
    subject: str
    year: int
    value: float | None
    symbol: str | None
    bracketed: bool
    numerator: float | None
    denominator: float | None
    numerator_symbol: str | None = None
    denominator_symbol: str | None = None

    @property
    def is_number(self) -> bool:
        return self.value is not None and self.symbol is None


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """An import an indicator is computed from."""

    import_id: int
    file_name: str
    table_code: str
    title: str
    stand: str | None
    licence: str | None


_COLUMNS = (
    IndicatorValue.indicator_code,
    IndicatorValue.subject,
    IndicatorValue.year,
    IndicatorValue.value,
    IndicatorValue.symbol,
    IndicatorValue.bracketed,
    IndicatorValue.numerator,
    IndicatorValue.denominator,
    IndicatorValue.numerator_symbol,
    IndicatorValue.denominator_symbol,
)


def _stored(row: Any) -> StoredValue:
    """From a row of ``_COLUMNS`` (plain columns: no ORM identity map on hot paths)."""
    code, subject, year, value, symbol, bracketed, num, den, num_symbol, den_symbol = row
    return StoredValue(
        code, subject, year, value, symbol, bool(bracketed), num, den, num_symbol, den_symbol
    )


def find_values(
    session: Session,
    *,
    indicators: Sequence[str] = (),
    subjects: Sequence[str] = (),
    years: Sequence[int] = (),
) -> list[StoredValue]:
    """Stored values filtered by indicator codes, subjects and years (empty = all)."""
    query = select(*_COLUMNS)
    if indicators:
        query = query.where(IndicatorValue.indicator_code.in_(list(indicators)))
    if subjects:
        query = query.where(IndicatorValue.subject.in_(list(subjects)))
    if years:
        query = query.where(IndicatorValue.year.in_(list(years)))
    query = query.order_by(IndicatorValue.indicator_code, IndicatorValue.subject, "year")
    return [_stored(row) for row in session.execute(query)]


def values_in_year(
    session: Session, code: str, year: int, subjects: Iterable[str] | None = None
) -> dict[str, StoredValue]:
    """All values of one indicator in one year, by subject."""
    query = select(*_COLUMNS).where(
        IndicatorValue.indicator_code == code, IndicatorValue.year == year
    )
    wanted = None if subjects is None else set(subjects)
    found = (_stored(row) for row in session.execute(query))
    return {v.subject: v for v in found if wanted is None or v.subject in wanted}


def time_series(
    session: Session, code: str, subjects: Sequence[str]
) -> dict[str, list[StoredValue]]:
    """The values of one indicator over all years for ``subjects``, oldest first."""
    series: dict[str, list[StoredValue]] = {subject: [] for subject in subjects}
    for value in find_values(session, indicators=[code], subjects=subjects):
        series[value.subject].append(value)
    return series


def years_with_values(session: Session, code: str) -> list[int]:
    """Years in which some region has a numeric value of the indicator, oldest first."""
    query = (
        select(IndicatorValue.year)
        .where(
            IndicatorValue.indicator_code == code,
            IndicatorValue.value.is_not(None),
            ~IndicatorValue.subject.startswith(GROUP_PREFIX),
        )
        .distinct()
        .order_by(IndicatorValue.year)
    )
    return list(session.scalars(query))


def latest_years(session: Session) -> dict[str, int]:
    """Per indicator code: the latest year with a numeric value for some region."""
    query = (
        select(IndicatorValue.indicator_code, func.max(IndicatorValue.year))
        .where(IndicatorValue.value.is_not(None))
        .group_by(IndicatorValue.indicator_code)
    )
    return {code: int(year) for code, year in session.execute(query).all()}


def subject_values(session: Session, subject: str) -> dict[str, list[StoredValue]]:
    """All values of one subject, by indicator code, oldest first."""
    found: dict[str, list[StoredValue]] = {}
    for value in find_values(session, subjects=[subject]):
        found.setdefault(value.indicator_code, []).append(value)
    return found


def indicator_sources(
    session: Session, catalogue: Catalogue, indicators: Sequence[Indicator]
) -> dict[str, list[SourceRecord]]:
    """Per indicator code: the imports holding current observations of its inputs,
    as recorded by the last computation (``indicator_run.import_ids``)."""
    codes = [i.code for i in indicators if i.numerator]
    runs: dict[str, list[int]] = dict(
        session.execute(
            select(IndicatorRun.indicator_code, IndicatorRun.import_ids).where(
                IndicatorRun.indicator_code.in_(codes)
            )
        ).all()
    )
    wanted = sorted({int(i) for ids in runs.values() for i in ids})
    records = {
        r.id: r for r in session.scalars(select(ImportRecord).where(ImportRecord.id.in_(wanted)))
    }
    return {
        code: [_source(records[i]) for i in sorted(runs.get(code, [])) if i in records]
        for code in codes
    }


def _source(record: ImportRecord) -> SourceRecord:
    return SourceRecord(
        record.id,
        record.file_name,
        record.table_code,
        record.title,
        record.stand_text,
        record.licence,
    )


def input_columns(catalogue: Catalogue, indicator: Indicator) -> list[tuple[str, Sequence[str]]]:
    """(table code, header path) of the series the indicator's formula reads: the
    ``columns`` for `footnotes_for`."""
    series = catalogue.series
    return [(series[a].table, series[a].path) for a in sorted(aliases_of(indicator)) if a in series]


def indicator_footnotes(
    session: Session,
    catalogue: Catalogue,
    indicators: Iterable[Indicator],
    import_ids: Iterable[int],
    region_codes: Iterable[str] | None = None,
    *,
    years: Iterable[int] | None = None,
) -> list[str]:
    """The footnotes that apply to figures of ``indicators``: `footnotes_for` the imports,
    regions and shown years, with the indicators' input columns."""
    columns = [c for indicator in indicators for c in input_columns(catalogue, indicator)]
    return footnotes_for(session, import_ids, region_codes, columns=columns, years=years)


def footnotes_for(
    session: Session,
    import_ids: Iterable[int],
    region_codes: Iterable[str] | None = None,
    *,
    columns: Iterable[tuple[str, Sequence[str]]] | None = None,
    years: Iterable[int] | None = None,
) -> list[str]:
    """Footnotes of the imports, each once, with its region in front.

    ``region_codes``: only general notes and those on one of these regions or on the
    Land a region lies in (a note naming several Länder when one of them matches).
    ``columns``: (table code, header path) of the input series — catalogue path patterns
    with ``*`` and ``**`` do too; a note on a column then applies only if that column
    is an input. Without ``columns`` column notes are not filtered.
    ``years``: the shown years; a note limited to a period (``Deutschland (2007): …``)
    applies only if one of them lies in it. None: all years (every note applies)."""
    scope = FootnoteScope.of(session, region_codes, columns, years)
    notes = session.execute(
        select(Footnote, ImportRecord.table_code)
        .join(ImportRecord, ImportRecord.id == Footnote.import_id)
        .where(Footnote.import_id.in_(list(import_ids)))
        .order_by(Footnote.id)
    )
    found: list[str] = []
    for note, table_code in notes:
        text = footnote_text(note.region_name, note.text)
        if text not in found and scope.applies(note, table_code):
            found.append(text)
    return found
