"""The Regionsprofil: every computable indicator of one region with trend and references."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator
from bildungsmonitor.catalogue.model import Direction
from bildungsmonitor.compute.figure import format_number
from bildungsmonitor.compute.indicator_value import (
    StoredValue,
    indicator_footnotes,
    indicator_sources,
    subject_values,
)
from bildungsmonitor.compute.type_distribution import TypeNumbers, kreis_types_now, type_numbers
from bildungsmonitor.store.region import RegionView, get_region
from bildungsmonitor.web.models import RegionOut
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.indicator_figure import (
    DistributionOut,
    IndicatorValueOut,
    SourceLine,
    number_cell,
    source_text,
    value_out,
)


class TrendOut(BaseModel):
    previous_year: int = Field(description="Vorjahr des Vergleichs (letztes davor mit Wert).")
    previous: float = Field(description="Wert im Vergleichsjahr.")
    change: float = Field(description="Veränderung (Wert minus Vergleichswert).")
    arrow: str = Field(description="↑, ↓ oder →.")
    text: str = Field(description="Veränderung in Worten mit Wertung nach der Richtung.")


class ProfileEntry(BaseModel):
    indicator: str = Field(description="Code der Kennzahl.")
    name: str = Field(description="Name der Kennzahl.")
    area: str = Field(description="Bereich.")
    unit: str = Field(description="Einheit.")
    year: int = Field(description="Jüngstes Jahr mit Wert.")
    value: IndicatorValueOut = Field(description="Wert der Region.")
    trend: TrendOut | None = Field(description="Veränderung gegenüber dem Vorjahr mit Wert.")
    land: IndicatorValueOut | None = Field(description="Wert des Landes.")
    germany: IndicatorValueOut | None = Field(description="Wert für Deutschland.")
    distribution: DistributionOut | None = Field(
        description="Median, Quartile und Rang unter den Kreisen gleicher Art."
    )


class ProfileArea(BaseModel):
    code: str = Field(description="Bereich.")
    name: str = Field(description="Name des Bereichs.")
    entries: list[ProfileEntry] = Field(description="Kennzahlen mit Werten.")


PROFILE_COLUMNS = [
    Column("indicator", "Kennzahl"),
    Column("unit", "Einheit"),
    Column("year", "Jahr", numeric=True),
    Column("value", "Wert", numeric=True),
    Column("trend", "Entwicklung"),
    Column("land", "Land", numeric=True),
    Column("germany", "Deutschland", numeric=True),
    Column("median", "Median gleicher Art", numeric=True),
    Column("rank", "Rang"),
]


class ProfilePage(PageView):
    template: ClassVar[str] = "profile.html"

    region: RegionOut = Field(description="Die Region.")
    land_name: str | None = Field(description="Name des Landes.")
    areas: list[ProfileArea] = Field(description="Kennzahlen nach Bereich.")
    sources: list[SourceLine] = Field(description="Quellen der Werte.")
    source: str = Field(description="Quellenangabe in einer Zeile.")
    footnotes: list[str] = Field(description="Fußnoten, die für diese Region gelten.")

    def area_table(self, area: ProfileArea) -> Table:
        caption = f"{area.code} {area.name} – {self.region.name}"
        return Table(caption, PROFILE_COLUMNS, [_row(e) for e in area.entries])

    def table(self) -> Table:
        columns = [Column("area", "Bereich"), *PROFILE_COLUMNS]
        rows = [[a.code, *_row(e)] for a in self.areas for e in a.entries]
        caption = f"Regionsprofil {self.region.name} ({self.region.code})"
        return Table(caption, columns, rows, name=f"profil-{self.region.code}")


def _row(e: ProfileEntry) -> list[CellValue]:
    dist = e.distribution
    decimals = _decimals(e.value)
    return [
        Link(f"{e.indicator} {e.name}", f"/kennzahlen/{e.indicator}?region={e.value.subject}"),
        e.unit,
        e.year,
        e.value.cell,
        f"{e.trend.arrow} {e.trend.text}" if e.trend else "–",
        e.land.cell if e.land else None,
        e.germany.cell if e.germany else None,
        number_cell(dist.median, decimals) if dist else None,
        f"{dist.rank} von {dist.n} ({dist.region_type})" if dist and dist.rank else None,
    ]


def _decimals(value: IndicatorValueOut) -> int:
    shown = value.display.strip("()")
    return len(shown) - shown.index(",") - 1 if "," in shown else 0


def trend(indicator: Indicator, history: list[StoredValue], latest: StoredValue) -> TrendOut | None:
    """Change against the last earlier year with a number, judged by the direction."""
    earlier = [v for v in history if v.year < latest.year and v.is_number]
    if not earlier or not latest.is_number or latest.value is None:
        return None
    before = earlier[-1]
    assert before.value is not None
    change = latest.value - before.value
    shown = format_number(abs(change), indicator.decimals)
    if shown.strip("0,") == "":
        return TrendOut(
            previous_year=before.year,
            previous=before.value,
            change=change,
            arrow="→",
            text=f"unverändert gegenüber {before.year}",
        )
    up = change > 0
    verdict = ""
    if indicator.direction is not Direction.NEUTRAL:
        good = up == (indicator.direction is Direction.HIGHER_BETTER)
        verdict = " – günstige Entwicklung" if good else " – ungünstige Entwicklung"
    word = "gestiegen" if up else "gesunken"
    return TrendOut(
        previous_year=before.year,
        previous=before.value,
        change=change,
        arrow="↑" if up else "↓",
        text=f"um {shown} {indicator.unit} {word} gegenüber {before.year}{verdict}",
    )


def _entry(
    indicator: Indicator,
    region: RegionView,
    history: list[StoredValue],
    references: dict[str, dict[str, list[StoredValue]]],
    region_type: str | None,
    numbers: dict[tuple[str, int], TypeNumbers],
) -> ProfileEntry:
    latest = history[-1]
    year = latest.year

    def reference(subject: str, name: str) -> IndicatorValueOut | None:
        if subject not in references:
            return None
        found = [v for v in references[subject].get(indicator.code, []) if v.year == year]
        return value_out(indicator, subject, name, year, found[0] if found else None)

    distribution = None
    if region_type is not None:
        own = latest.value if latest.is_number else None
        spread = numbers[indicator.code, year].distribution(region_type, own)
        distribution = DistributionOut.of(spread)
    return ProfileEntry(
        indicator=indicator.code,
        name=indicator.name,
        area=indicator.area,
        unit=indicator.unit,
        year=year,
        value=value_out(indicator, region.code, region.name, year, latest),
        trend=trend(indicator, history, latest),
        land=reference(region.code[:2], "Land"),
        germany=reference("DG", "Deutschland"),
        distribution=distribution,
    )


def profile_page(session: Session, catalogue: Catalogue, region: RegionView) -> ProfilePage:
    own = subject_values(session, region.code)
    land = get_region(session, region.code[:2]) if len(region.code) > 2 else None
    references = {"DG": subject_values(session, "DG")} if region.code != "DG" else {}
    if land is not None:
        references[land.code] = subject_values(session, land.code)
    region_type = kreis_types_now(session).get(region.code)
    shown = [i for i in catalogue.indicators if own.get(i.code)]
    pairs = [(i.code, own[i.code][-1].year) for i in shown] if region_type else []
    numbers = type_numbers(session, pairs)
    entries = [_entry(i, region, own[i.code], references, region_type, numbers) for i in shown]
    areas = [
        ProfileArea(code=a.code, name=a.name, entries=[e for e in entries if e.area == a.code])
        for a in catalogue.areas
    ]
    records = indicator_sources(session, catalogue, shown)
    unique = {r.import_id: r for found in records.values() for r in found}
    sources = [SourceLine.of(unique[i]) for i in sorted(unique)]
    codes = [region.code, "DG", *([land.code] if land else [])]
    return ProfilePage(
        title=f"Regionsprofil {region.name}",
        region=RegionOut.of(region),
        land_name=land.name if land else None,
        areas=[a for a in areas if a.entries],
        sources=sources,
        source=source_text(sources),
        footnotes=indicator_footnotes(session, catalogue, shown, unique, codes),
    )
