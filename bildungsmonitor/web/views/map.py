"""The map of all Kreise for one indicator and year (also part of the Kennblatt)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import ClassVar

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator
from bildungsmonitor.chart import Chart, choropleth, classify
from bildungsmonitor.compute.indicator_value import (
    indicator_footnotes,
    indicator_sources,
    latest_years,
    values_in_year,
    years_with_values,
)
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.data_version import remembered
from bildungsmonitor.store.region import list_regions
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none, split_list
from bildungsmonitor.web.views.indicator_catalogue import IndicatorOut
from bildungsmonitor.web.views.indicator_figure import (
    BOUNDARY_ATTRIBUTION,
    ChartOut,
    IndicatorValueOut,
    SourceLine,
    chart_out,
    source_text,
    value_out,
)

METHODS = {
    "quantile": "Quantile (gleich viele Kreise je Klasse)",
    "equal": "gleiche Abstände",
    "jenks": "natürliche Brüche (Jenks)",
    "manual": "eigene Grenzen",
}
DEFAULT_INDICATOR = "D7.2"


class KreisRow(BaseModel):
    code: str = Field(description="Regionalschlüssel des Kreises.")
    name: str = Field(description="Name.")
    region_type: str = Field(description="Landkreis oder kreisfreie Stadt.")
    land: str = Field(description="Schlüssel des Landes.")
    value: IndicatorValueOut = Field(description="Wert.")
    rank: int | None = Field(description="Rang unter den Kreisen gleicher Art (1 = höchster).")
    n: int = Field(description="Kreise gleicher Art mit Zahlenwert.")


def parse_breaks(text: str | None) -> list[float] | None:
    """``"5,10,15"`` → [5.0, 10.0, 15.0]; decimals with a point (``7.5``)."""
    parts = split_list([text]) if text else []
    if not parts:
        return None
    try:
        return [float(part) for part in parts]
    except ValueError:
        raise BadRequest(
            f"Klassengrenzen »{text}« sind keine Zahlenliste (z. B. 5,10,15)."
        ) from None


def kreis_rows(session: Session, indicator: Indicator, year: int) -> list[KreisRow]:
    """Every current Kreis with its value in ``year`` and its rank among its type."""
    kreise = list_regions(session, level="kreis")
    values = values_in_year(session, indicator.code, year, [k.code for k in kreise])
    ordered: dict[str, list[float]] = {}
    for k in kreise:
        v = values.get(k.code)
        if v is not None and v.is_number and v.value is not None:
            ordered.setdefault(k.region_type, []).append(-v.value)
    for numbers in ordered.values():
        numbers.sort()
    rows = []
    for k in kreise:
        out = value_out(indicator, k.code, k.name, year, values.get(k.code))
        numbers = ordered.get(k.region_type, [])
        rank = None
        if out.value is not None and out.symbol is None:
            rank = bisect.bisect_left(numbers, -out.value) + 1
        rows.append(
            KreisRow(
                code=k.code,
                name=k.name,
                region_type=k.region_type,
                land=k.code[:2],
                value=out,
                rank=rank,
                n=len(numbers),
            )
        )
    return rows


def map_chart(
    indicator: Indicator,
    year: int,
    rows: Sequence[KreisRow],
    sources: Sequence[SourceLine],
    *,
    method: str,
    breaks: list[float] | None,
    highlight: Sequence[str] = (),
) -> tuple[Chart, list[str]]:
    """The choropleth and its legend labels."""
    numbers = [r.value.value for r in rows if r.value.value is not None and not r.value.symbol]
    if not numbers:
        raise BadRequest(f"Für {year} gibt es keine Werte, die eine Karte füllen könnten.")
    classification = classify(
        numbers,
        method,
        classes=5,
        breaks=breaks if method == "manual" else None,
        decimals=indicator.decimals,
    )
    chart = choropleth(
        f"{indicator.name} {year}",
        indicator.unit,
        source_text(sources),
        {r.code: (r.value.value, r.value.symbol) for r in rows},
        classification,
        highlight=tuple(highlight),
        decimals=indicator.decimals,
        region_names={r.code: r.name for r in rows},
    )
    return chart, list(classification.labels)


KREIS_COLUMNS = [
    Column("code", "Regionalschlüssel"),
    Column("name", "Kreis"),
    Column("region_type", "Art"),
    Column("value", "Wert", numeric=True),
    Column("numerator", "Zähler", numeric=True),
    Column("denominator", "Nenner", numeric=True),
    Column("rank", "Rang unter Kreisen gleicher Art", numeric=True),
]


def kreis_table(
    indicator: IndicatorOut, year: int, rows: Sequence[KreisRow], sources: Sequence[SourceLine]
) -> Table:
    body: list[list[CellValue]] = [
        [
            Link(r.code, f"/regionen/{r.code}/profil"),
            r.name,
            r.region_type,
            r.value.cell,
            r.value.numerator_cell,
            r.value.denominator_cell,
            f"{r.rank} von {r.n}" if r.rank else None,
        ]
        for r in rows
    ]
    caption = f"{indicator.name} ({indicator.unit}) je Kreis, {year}"
    return Table(caption, KREIS_COLUMNS, body, name=f"kennzahl-{indicator.code}-{year}")


class MapPage(PageView):
    template: ClassVar[str] = "map.html"

    indicator: IndicatorOut = Field(description="Die Kennzahl.")
    choices: dict[str, str] = Field(description="Kennzahlen mit Werten (Auswahl).")
    year: int = Field(description="Jahr.")
    years: list[int] = Field(description="Jahre mit Werten.")
    klassen: str = Field(description="Klassifizierungsverfahren.")
    methods: dict[str, str] = Field(description="Verfahren (Auswahl).")
    grenzen: str | None = Field(description="Eigene Klassengrenzen.")
    markiert: list[str] = Field(description="Hervorgehobene Kreise.")
    legend: list[str] = Field(description="Klassen der Legende.")
    chart: ChartOut = Field(description="Die Karte.")
    sources: list[SourceLine] = Field(description="Quellen.")
    attribution: str = Field(description="Herkunft der Kreisgrenzen.")
    footnotes: list[str] = Field(description="Fußnoten der Quellen zu den Eingangsspalten.")
    data: list[KreisRow] = Field(description="Die Werte je Kreis.")

    def table(self) -> Table:
        return kreis_table(self.indicator, self.year, self.data, self.sources)


def choose_year(years: Sequence[int], jahr: int | None) -> int:
    if not years:
        raise BadRequest("Für diese Kennzahl gibt es noch keine berechneten Werte.")
    if jahr is None:
        return years[-1]
    if jahr not in years:
        listed = ", ".join(str(y) for y in years)
        raise BadRequest(f"Für {jahr} gibt es keine Werte; Jahre mit Werten: {listed}.")
    return jahr


def map_page(
    request: Request,
    session: Session,
    catalogue: Catalogue,
    *,
    kennzahl: str | None,
    jahr: int | None,
    klassen: str,
    grenzen: str | None,
    markiert: list[str],
) -> MapPage:
    latest = remembered(session, latest_years)
    indicator = catalogue.indicator(blank_to_none(kennzahl) or DEFAULT_INDICATOR)
    year = choose_year(years_with_values(session, indicator.code), jahr)
    records = indicator_sources(session, catalogue, [indicator])[indicator.code]
    sources = [SourceLine.of(s) for s in records]
    rows = kreis_rows(session, indicator, year)
    highlight = split_list(markiert)
    chart, legend = map_chart(
        indicator,
        year,
        rows,
        sources,
        method=klassen,
        breaks=parse_breaks(grenzen),
        highlight=highlight,
    )
    return MapPage(
        title=f"Karte: {indicator.name}",
        indicator=IndicatorOut.of(catalogue, indicator, latest.get(indicator.code)),
        choices={i.code: i.name for i in catalogue.indicators if i.code in latest},
        year=year,
        years=years_with_values(session, indicator.code),
        klassen=klassen,
        methods=METHODS,
        grenzen=blank_to_none(grenzen),
        markiert=highlight,
        legend=legend,
        chart=chart_out(request, "/karte", "karte", chart),
        sources=sources,
        attribution=BOUNDARY_ATTRIBUTION,
        footnotes=indicator_footnotes(
            session, catalogue, [indicator], [r.import_id for r in records], years=[year]
        ),
        data=rows,
    )
