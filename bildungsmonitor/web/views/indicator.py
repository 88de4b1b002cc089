"""The Kennblatt of one indicator: definition and sources, map, ranking, time series."""

from __future__ import annotations

from typing import ClassVar, Literal

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator
from bildungsmonitor.chart import bar_chart, time_series
from bildungsmonitor.compute.indicator_value import (
    latest_years,
    values_in_year,
)
from bildungsmonitor.compute.indicator_value import (
    time_series as stored_series,
)
from bildungsmonitor.compute.kennblatt import build_kennblatt
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.data_version import remembered
from bildungsmonitor.store.region import RegionView, get_region, list_regions
from bildungsmonitor.web.table import CellValue, Column, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none
from bildungsmonitor.web.views.indicator_catalogue import IndicatorOut
from bildungsmonitor.web.views.indicator_figure import (
    BOUNDARY_ATTRIBUTION,
    ChartOut,
    IndicatorValueOut,
    SourceLine,
    chart_out,
    line,
    point,
    source_text,
    value_out,
)
from bildungsmonitor.web.views.map import (
    METHODS,
    KreisRow,
    choose_year,
    kreis_rows,
    kreis_table,
    map_chart,
    parse_breaks,
)

Rank = Literal["oben", "unten"]
RANK_LABELS = {"oben": "höchste Werte", "unten": "niedrigste Werte"}
RANKING_SIZE = 15


class SheetFacts(BaseModel):
    formula_words: str = Field(description="Berechnung in Worten.")
    aliases: dict[str, str] = Field(description="Merkmale der Formel.")
    first_year: int | None = Field(description="Erstes Jahr mit Werten.")
    last_year: int | None = Field(description="Letztes Jahr mit Werten.")
    years: list[int] = Field(description="Jahre mit Werten.")
    regions_with_values: int = Field(description="Gebietseinheiten mit Werten.")
    footnotes: list[str] = Field(description="Fußnoten der Quellen.")


class SeriesOut(BaseModel):
    label: str = Field(description="Region.")
    values: list[IndicatorValueOut] = Field(description="Werte je Jahr.")


class KennblattPage(PageView):
    template: ClassVar[str] = "kennblatt.html"

    indicator: IndicatorOut = Field(description="Die Kennzahl mit Metadaten.")
    facts: SheetFacts = Field(description="Berechnung, Abdeckung, Fußnoten.")
    sources: list[SourceLine] = Field(description="Quellen mit Stand.")
    source: str = Field(description="Quellenangabe in einer Zeile.")
    year: int | None = Field(description="Gezeigtes Jahr.")
    klassen: str = Field(description="Klassifizierungsverfahren der Karte.")
    methods: dict[str, str] = Field(description="Verfahren (Auswahl).")
    grenzen: str | None = Field(description="Eigene Klassengrenzen.")
    land: str | None = Field(description="Land der Rangfolge (leer: alle Kreise).")
    lands: dict[str, str] = Field(description="Länder (Auswahl).")
    rang: Rank = Field(description="Rangfolge: oben oder unten.")
    rank_labels: dict[str, str] = Field(description="Rangfolgen (Auswahl).")
    region: str | None = Field(description="Region der Zeitreihe.")
    legend: list[str] = Field(description="Klassen der Karte.")
    attribution: str = Field(description="Herkunft der Kreisgrenzen.")
    charts: list[ChartOut] = Field(description="Karte, Rangfolge, Zeitreihe.")
    series: list[SeriesOut] = Field(description="Zeitreihen.")
    data: list[KreisRow] = Field(description="Werte je Kreis im gezeigten Jahr.")

    def table(self) -> Table | None:
        if self.year is None:
            return None
        return kreis_table(self.indicator, self.year, self.data, self.sources)

    def series_table(self) -> Table:
        years = sorted({v.year for s in self.series for v in s.values})
        columns = [Column("year", "Jahr"), *(Column(s.label, s.label, True) for s in self.series)]
        cells = [{v.year: v.cell for v in s.values} for s in self.series]
        rows: list[list[CellValue]] = [[str(y), *(c.get(y) for c in cells)] for y in years]
        caption = f"{self.indicator.name} ({self.indicator.unit}) im Zeitverlauf"
        return Table(caption, columns, rows, name=f"zeitreihe-{self.indicator.code}")


def _ranking(
    rows: list[KreisRow], *, land: str | None, land_name: str, rang: Rank
) -> tuple[str, list[KreisRow]]:
    """The Kreise of one Land (all) or of Germany (top or bottom), highest first."""
    numeric = [r for r in rows if r.value.value is not None and not r.value.symbol]
    numeric.sort(key=lambda r: r.value.value or 0.0, reverse=True)
    if land is not None:
        return f"Kreise in {land_name}", [r for r in numeric if r.land == land]
    chosen = numeric[:RANKING_SIZE] if rang == "oben" else numeric[-RANKING_SIZE:]
    return f"{RANKING_SIZE} Kreise mit den {RANK_LABELS[rang]}", chosen


def _time_lines(
    session: Session, indicator: Indicator, region: RegionView | None
) -> list[SeriesOut]:
    subjects = ["DG"]
    names = {"DG": "Deutschland"}
    if region is not None and region.code != "DG":
        if len(region.code) > 2:
            land = get_region(session, region.code[:2])
            subjects.insert(0, land.code)
            names[land.code] = land.name
        subjects.insert(0, region.code)
        names[region.code] = region.name
    stored = stored_series(session, indicator.code, subjects)
    return [
        SeriesOut(
            label=names[s],
            values=[value_out(indicator, s, names[s], v.year, v) for v in stored[s]],
        )
        for s in subjects
    ]


def kennblatt_page(
    request: Request,
    session: Session,
    catalogue: Catalogue,
    indicator: Indicator,
    *,
    jahr: int | None,
    klassen: str,
    grenzen: str | None,
    land: str | None,
    rang: Rank,
    region: str | None,
) -> KennblattPage:
    sheet = build_kennblatt(session, catalogue, indicator.code)
    sources = [SourceLine.of(s) for s in sheet.records]
    land, region, grenzen = blank_to_none(land), blank_to_none(region), blank_to_none(grenzen)
    lands = {r.code: r.name for r in list_regions(session, level="land")}
    if land is not None and land not in lands:
        raise BadRequest(f"Unbekanntes Land »{land}«.")
    chosen = get_region(session, region) if region else None
    page = KennblattPage(
        title=f"Kennblatt {indicator.code}: {indicator.name}",
        indicator=IndicatorOut.of(
            catalogue, indicator, remembered(session, latest_years).get(indicator.code)
        ),
        facts=SheetFacts(
            formula_words=sheet.formula_words,
            aliases=sheet.aliases,
            first_year=sheet.first_year,
            last_year=sheet.last_year,
            years=sheet.years,
            regions_with_values=sheet.regions_with_values,
            footnotes=sheet.footnotes,
        ),
        sources=sources,
        source=source_text(sources),
        year=None,
        klassen=klassen,
        methods=METHODS,
        grenzen=grenzen,
        land=land,
        lands=lands,
        rang=rang,
        rank_labels=RANK_LABELS,
        region=region,
        legend=[],
        attribution=BOUNDARY_ATTRIBUTION,
        charts=[],
        series=[],
        data=[],
    )
    if sheet.years:
        _add_figures(request, session, indicator, page, jahr, chosen)
    return page


def _add_figures(
    request: Request,
    session: Session,
    indicator: Indicator,
    page: KennblattPage,
    jahr: int | None,
    region: RegionView | None,
) -> None:
    year = choose_year(page.facts.years, jahr)
    base = f"/kennzahlen/{indicator.code}"
    rows = kreis_rows(session, indicator, year)
    highlight = [region.code] if region else []
    chart, legend = map_chart(
        indicator,
        year,
        rows,
        page.sources,
        method=page.klassen,
        breaks=parse_breaks(page.grenzen),
        highlight=highlight,
    )
    refs = [page.land] if page.land else []
    stored = values_in_year(session, indicator.code, year, [*refs, "DG"])
    names = {**page.lands, "DG": "Deutschland"}
    references = [value_out(indicator, s, names[s], year, stored.get(s)) for s in [*refs, "DG"]]
    label, ranked = _ranking(
        rows, land=page.land, land_name=names.get(page.land or "", ""), rang=page.rang
    )
    points = [point(r.name, r.value, highlight=r.code in highlight) for r in ranked]
    points += [point(v.name, v, kind="reference") for v in references]
    ranking = bar_chart(
        f"{indicator.name} {year}: {label}",
        indicator.unit,
        page.source,
        points,
        decimals=indicator.decimals,
    )
    page.series = _time_lines(session, indicator, region)
    lines = [
        line(s.label, s.values, highlight=i == 0 and region is not None)
        for i, s in enumerate(page.series)
    ]
    trend = time_series(
        f"{indicator.name} im Zeitverlauf",
        indicator.unit,
        page.source,
        lines,
        decimals=indicator.decimals,
    )
    page.year, page.data, page.legend = year, rows, legend
    page.charts = [
        chart_out(request, base, "karte", chart),
        chart_out(request, base, "rangfolge", ranking),
        chart_out(request, base, "zeitreihe", trend),
    ]
