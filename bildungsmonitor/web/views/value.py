"""Werte: values of a table for chosen regions and years, with symbols, source and Stand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import Field
from sqlalchemy.orm import Session
from starlette.datastructures import URL

from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.observation import count_values, list_imports, list_values
from bildungsmonitor.store.region import list_regions
from bildungsmonitor.web.models import Page, SourceOut, ValueOut
from bildungsmonitor.web.table import CellValue, Column, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import (
    blank_to_none,
    figure,
    imports_by_id,
    sources_of,
    split_list,
)
from bildungsmonitor.web.views.series import TableChoice, require_table, table_choices

HTML_ROW_LIMIT = 1000
VALUE_COLUMNS = [
    Column("region_code", "Regionalschlüssel"),
    Column("region_name", "Gebietseinheit"),
    Column("period", "Zeitraum"),
    Column("label", "Merkmal"),
    Column("category", "Ausprägung"),
    Column("value", "Wert", numeric=True),
    Column("unit", "Einheit"),
    Column("symbol_label", "Bedeutung des Zeichens"),
    Column("file_name", "Datei"),
    Column("stand", "Stand"),
]


NARROW_MESSAGE = (
    "Bitte mindestens eine Gebietseinheit angeben oder eine Tabelle (bzw. ein Merkmal) "
    "zusammen mit einem Jahr."
)


def is_narrow(table: str | None, regions: list[str], years: list[int]) -> bool:
    return bool(regions) or bool(table and years)


@dataclass(frozen=True)
class ValueQuery:
    """What a values request asks for: regions, or a table (or series) in given years.

    Unbounded queries (a whole table over all regions and years) are refused: they can
    hold hundreds of thousands of values.
    """

    table: str | None
    regions: list[str]
    years: list[int]
    series: str | None = None
    include_history: bool = False

    def filters(self, session: Session) -> dict[str, Any]:
        if not is_narrow(self.table or self.series, self.regions, self.years):
            raise BadRequest(NARROW_MESSAGE)
        if self.table:
            require_table(list_imports(session), self.table)
        return {
            "table_code": self.table,
            "region_codes": self.regions or None,
            "years": self.years or None,
            "series_key": self.series,
            "include_history": self.include_history,
        }


def find_values(
    session: Session,
    *,
    table: str | None,
    regions: list[str],
    years: list[int],
    series: str | None = None,
    include_history: bool = False,
) -> list[ValueOut]:
    """All values of a `ValueQuery`."""
    query = ValueQuery(table, regions, years, series, include_history)
    return [ValueOut.of(v) for v in list_values(session, **query.filters(session))]


def value_page(
    session: Session, query: ValueQuery, *, offset: int, limit: int, url: URL
) -> Page[ValueOut]:
    """One page of the values of ``query``, with the total and the next page's URL."""
    filters = query.filters(session)
    rows = list_values(session, **filters, limit=limit, offset=offset)
    total = count_values(session, **filters)
    following = offset + limit
    return Page(
        data=[ValueOut.of(v) for v in rows],
        count=total,
        offset=offset,
        limit=limit,
        next=str(url.include_query_params(offset=following)) if following < total else None,
    )


def parse_years(items: list[str]) -> list[int]:
    years = []
    for item in split_list(items):
        if not (item.isdigit() and len(item) == 4):
            raise BadRequest(f"»{item}« ist keine Jahreszahl (z. B. 2023).")
        years.append(int(item))
    return years


class ValuesPage(PageView):
    template: ClassVar[str] = "values.html"
    html_row_limit: ClassVar[int] = HTML_ROW_LIMIT

    tabelle: str | None = Field(description="Gewählte Tabelle.")
    regionen: list[str] = Field(description="Gewählte Regionalschlüssel.")
    jahre: list[int] = Field(description="Gewählte Jahre.")
    historie: bool = Field(description="Auch ersetzte (ältere) Werte zeigen.")
    hint: str | None = Field(description="Was zur Abfrage noch fehlt.")
    tables: list[TableChoice] = Field(description="Alle Tabellen im Datenbestand.")
    region_names: dict[str, str] = Field(description="Namen der vorkommenden Einheiten.")
    data: list[ValueOut] = Field(description="Die Werte.")
    count: int = Field(description="Anzahl.")
    sources: list[SourceOut] = Field(description="Quellen der Werte.")

    def table(self) -> Table:
        rows: list[list[CellValue]] = [
            [
                v.region_code,
                self.region_names.get(v.region_code, ""),
                v.period,
                v.label,
                v.category,
                figure(v),
                v.unit,
                v.symbol_label,
                v.file_name,
                v.stand,
            ]
            for v in self.data
        ]
        caption = f"Werte der Tabelle {self.tabelle}" if self.tabelle else "Werte"
        name = f"werte-{self.tabelle}" if self.tabelle else "werte"
        return Table(f"{caption} ({self.count})", VALUE_COLUMNS, rows, self.sources, name=name)


def values_page(
    session: Session,
    *,
    tabelle: str | None,
    region: list[str],
    jahr: list[str],
    historie: bool,
) -> ValuesPage:
    tabelle, regions, years = blank_to_none(tabelle), split_list(region), parse_years(jahr)
    data: list[ValueOut] = []
    if is_narrow(tabelle, regions, years):
        data = find_values(
            session, table=tabelle, regions=regions, years=years, include_history=historie
        )
    codes = {v.region_code for v in data}
    names = {
        r.code: r.name for r in list_regions(session, include_historic=True) if r.code in codes
    }
    return ValuesPage(
        title=f"Werte der Tabelle {tabelle}" if tabelle else "Werte",
        tabelle=tabelle,
        regionen=regions,
        jahre=years,
        historie=historie,
        hint=None if is_narrow(tabelle, regions, years) else NARROW_MESSAGE,
        tables=table_choices(list_imports(session)),
        region_names=names,
        data=data,
        count=len(data),
        sources=sources_of(data, imports_by_id(session)),
    )
