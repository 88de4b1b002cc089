"""Merkmale: the series of one statistical table (and the choice of tables)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.errors import NotFound
from bildungsmonitor.store.observation import ImportView, list_imports, list_series
from bildungsmonitor.web.models import SeriesOut, SourceOut
from bildungsmonitor.web.table import CellValue, Column, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none


class TableChoice(BaseModel):
    table_code: str = Field(description="Tabellencode.")
    title: str = Field(description="Titel (aus dem jüngsten Import).")
    files: int = Field(description="Anzahl importierter Dateien dieser Tabelle.")


def table_choices(imports: list[ImportView]) -> list[TableChoice]:
    latest: dict[str, ImportView] = {}
    files: dict[str, int] = {}
    for record in imports:
        files[record.table_code] = files.get(record.table_code, 0) + 1
        known = latest.get(record.table_code)
        if known is None or (record.stand_date or record.imported_at.replace(tzinfo=None)) >= (
            known.stand_date or known.imported_at.replace(tzinfo=None)
        ):
            latest[record.table_code] = record
    return [
        TableChoice(table_code=code, title=latest[code].title, files=files[code])
        for code in sorted(latest)
    ]


def require_table(imports: list[ImportView], table_code: str) -> list[SourceOut]:
    """The imports of a table as sources, or ``NotFound`` if none was imported."""
    sources = [SourceOut.of(r) for r in imports if r.table_code == table_code]
    if not sources:
        raise NotFound(f"Tabelle »{table_code}« ist nicht im Datenbestand.")
    return sources


class SeriesPage(PageView):
    template: ClassVar[str] = "series.html"

    tabelle: str | None = Field(description="Gewählte Tabelle.")
    tables: list[TableChoice] = Field(description="Alle Tabellen im Datenbestand.")
    data: list[SeriesOut] = Field(description="Die Merkmale der Tabelle.")
    count: int = Field(description="Anzahl.")
    sources: list[SourceOut] = Field(description="Importierte Dateien der Tabelle.")

    def table(self) -> Table:
        columns = [
            Column("key", "Schlüssel"),
            Column("label", "Merkmal"),
            Column("unit", "Einheit"),
            Column("category_name", "Zusatzmerkmal"),
            Column("categories", "Ausprägungen"),
        ]
        rows: list[list[CellValue]] = [
            [s.key, s.label, s.unit, s.category_name, ", ".join(s.categories)] for s in self.data
        ]
        caption = f"Merkmale der Tabelle {self.tabelle or '–'} ({self.count})"
        return Table(caption, columns, rows, self.sources, name=f"merkmale-{self.tabelle}")


def find_series(session: Session, table_code: str | None) -> list[SeriesOut]:
    return [SeriesOut.of(s) for s in list_series(session, table_code=table_code)]


def series_page(session: Session, *, tabelle: str | None) -> SeriesPage:
    tabelle = blank_to_none(tabelle)
    imports = list_imports(session)
    sources = require_table(imports, tabelle) if tabelle else []
    data = find_series(session, tabelle) if tabelle else []
    return SeriesPage(
        title=f"Merkmale der Tabelle {tabelle}" if tabelle else "Merkmale",
        tabelle=tabelle,
        tables=table_choices(imports),
        data=data,
        count=len(data),
        sources=sources,
    )
