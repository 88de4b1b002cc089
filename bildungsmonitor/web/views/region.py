"""Region pages: the filtered list and one region with parent, children and latest values."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar, Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.observation import list_values
from bildungsmonitor.store.region import LEVEL_LABELS, RegionView, get_region, list_regions
from bildungsmonitor.web.models import RegionDetail, RegionOut, SourceOut, ValueOut
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none, figure, imports_by_id, sources_of

Status = Literal["aktuell", "historisch", "alle"]
STATUS_LABELS: dict[str, str] = {
    "aktuell": "nur bestehende",
    "historisch": "nur aufgelöste",
    "alle": "alle",
}
REGION_COLUMNS = [
    Column("code", "Regionalschlüssel"),
    Column("name", "Name"),
    Column("region_type", "Art"),
    Column("level", "Ebene"),
    Column("parent_code", "Übergeordnet"),
    Column("status", "Status"),
    Column("last_data_year", "Letztes Datenjahr", numeric=True),
]


def region_rows(regions: list[RegionOut]) -> list[list[CellValue]]:
    return [
        [
            Link(r.code, f"/regionen/{r.code}"),
            r.name,
            r.region_type,
            r.level_label,
            r.parent_code,
            "aufgelöst" if r.historic else "bestehend",
            r.last_data_year,
        ]
        for r in regions
    ]


class RegionListPage(PageView):
    template: ClassVar[str] = "regions.html"

    land: str | None = Field(description="Gefiltertes Land (Schlüssel).")
    ebene: str | None = Field(description="Gefilterte Ebene.")
    status: Status = Field(description="aktuell, historisch oder alle.")
    lands: list[RegionOut] = Field(description="Die Länder (Auswahl).")
    levels: dict[str, str] = Field(description="Die Ebenen (Auswahl).")
    statuses: dict[str, str] = Field(description="Die Status (Auswahl).")
    data: list[RegionOut] = Field(description="Die Gebietseinheiten.")
    count: int = Field(description="Anzahl.")

    def table(self) -> Table:
        return Table(
            f"Gebietseinheiten ({self.count})",
            REGION_COLUMNS,
            region_rows(self.data),
            name="regionen",
        )


def find_regions(
    session: Session, *, land: str | None, level: str | None, status: Status
) -> list[RegionOut]:
    """Regions below ``land`` of one ``level``, current, historic or all."""
    if level is not None and level not in LEVEL_LABELS:
        raise BadRequest(f"Unbekannte Ebene »{level}«; erlaubt: {', '.join(LEVEL_LABELS)}.")
    if land is not None:
        get_region(session, land)
    regions = list_regions(session, under=land, level=level, include_historic=status != "aktuell")
    if status == "historisch":
        regions = [r for r in regions if r.historic]
    return [RegionOut.of(r) for r in regions]


def region_list_page(
    session: Session, *, land: str | None, ebene: str | None, status: Status
) -> RegionListPage:
    land, ebene = blank_to_none(land), blank_to_none(ebene)
    data = find_regions(session, land=land, level=ebene, status=status)
    return RegionListPage(
        title="Gebietseinheiten",
        land=land,
        ebene=ebene,
        status=status,
        lands=[RegionOut.of(r) for r in list_regions(session, level="land")],
        levels=LEVEL_LABELS,
        statuses=STATUS_LABELS,
        data=data,
        count=len(data),
    )


def region_detail(session: Session, region: RegionView) -> RegionDetail:
    parent = get_region(session, region.parent_code) if region.parent_code else None
    under = list_regions(session, under=region.code, include_historic=True)
    return RegionDetail(
        **RegionOut.of(region).model_dump(),
        parent=RegionOut.of(parent) if parent else None,
        children=[RegionOut.of(r) for r in under if r.parent_code == region.code],
    )


class RegionTable(BaseModel):
    table_code: str = Field(description="Tabellencode.")
    title: str = Field(description="Titel der Tabelle.")
    year: int = Field(description="Jüngstes Jahr mit Werten für diese Gebietseinheit.")
    values: list[ValueOut] = Field(description="Die Werte dieses Jahres.")
    sources: list[SourceOut] = Field(description="Quellen der Werte.")


VALUE_COLUMNS = [
    Column("period", "Zeitraum"),
    Column("label", "Merkmal"),
    Column("category", "Ausprägung"),
    Column("value", "Wert", numeric=True),
    Column("unit", "Einheit"),
]


class RegionPage(PageView):
    template: ClassVar[str] = "region.html"

    region: RegionDetail = Field(description="Die Gebietseinheit mit Umgebung.")
    tables: list[RegionTable] = Field(description="Jüngste Werte je Tabelle.")

    def sections(self) -> list[Table]:
        return [
            Table(
                f"{t.title} – {self.region.name}, {t.year} (Tabelle {t.table_code})",
                VALUE_COLUMNS,
                [[v.period, v.label, v.category, figure(v), v.unit] for v in t.values],
                t.sources,
            )
            for t in self.tables
        ]

    def table(self) -> Table:
        columns = [Column("table_code", "Tabelle"), *VALUE_COLUMNS]
        columns += [Column("file_name", "Datei"), Column("stand", "Stand")]
        rows: list[list[CellValue]] = [
            [t.table_code, v.period, v.label, v.category, figure(v), v.unit, v.file_name, v.stand]
            for t in self.tables
            for v in t.values
        ]
        sources = [s for t in self.tables for s in t.sources]
        caption = f"Jüngste Werte – {self.region.name} ({self.region.code})"
        return Table(caption, columns, rows, sources, name=f"region-{self.region.code}")


def region_page(session: Session, region: RegionView) -> RegionPage:
    imports = imports_by_id(session)
    values = [ValueOut.of(v) for v in list_values(session, region_codes=[region.code])]
    values.sort(key=lambda v: (v.table_code, v.year))
    tables = []
    for table_code, group in groupby(values, key=lambda v: v.table_code):
        items = list(group)
        year = items[-1].year
        latest = [v for v in items if v.year == year]
        record = imports[latest[0].import_id]
        sources = sources_of(latest, imports)
        tables.append(
            RegionTable(
                table_code=table_code, title=record.title, year=year, values=latest, sources=sources
            )
        )
    return RegionPage(title=region.name, region=region_detail(session, region), tables=tables)
