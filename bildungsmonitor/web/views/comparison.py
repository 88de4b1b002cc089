"""The Vergleich: chosen regions (or a group with its members) on chosen indicators."""

from __future__ import annotations

from typing import ClassVar

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator
from bildungsmonitor.chart import bar_chart, small_multiples, time_series
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.compute.indicator_value import (
    indicator_footnotes,
    indicator_sources,
    latest_years,
    values_in_year,
    years_with_values,
)
from bildungsmonitor.compute.indicator_value import time_series as stored_series
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.data_version import remembered
from bildungsmonitor.store.group import get_group, list_groups
from bildungsmonitor.store.region import get_region
from bildungsmonitor.web.table import CellValue, Column, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none, split_list
from bildungsmonitor.web.views.indicator_figure import (
    ChartOut,
    IndicatorValueOut,
    SourceLine,
    chart_out,
    line,
    point,
    source_text,
    value_out,
)

COMPARISON_COLUMNS = [
    Column("indicator", "Kennzahl"),
    Column("year", "Jahr", numeric=True),
    Column("subject", "Schlüssel"),
    Column("name", "Region"),
    Column("role", "Rolle"),
    Column("value", "Wert", numeric=True),
    Column("numerator", "Zähler", numeric=True),
    Column("denominator", "Nenner", numeric=True),
]


class ComparedValue(BaseModel):
    role: str = Field(description="Mitglied, Land, Deutschland oder Regionsgruppe.")
    region_type: str = Field(description="Art der Region.")
    value: IndicatorValueOut = Field(description="Der Wert.")


class IndicatorComparison(BaseModel):
    code: str = Field(description="Code der Kennzahl.")
    name: str = Field(description="Name der Kennzahl.")
    unit: str = Field(description="Einheit.")
    year: int | None = Field(description="Verglichenes Jahr.")
    warning: str | None = Field(description="Hinweis zur eingeschränkten Vergleichbarkeit.")
    values: list[ComparedValue] = Field(description="Mitglieder, Land, Deutschland, Gruppe.")
    sources: list[SourceLine] = Field(description="Quellen.")
    source: str = Field(description="Quellenangabe in einer Zeile.")
    charts: list[ChartOut] = Field(description="Balken, Zeitreihe, kleine Vielfache.")
    footnotes: list[str] = Field(
        default_factory=list, description="Fußnoten der Quellen zu diesen Regionen."
    )

    def table(self) -> Table:
        rows: list[list[CellValue]] = [
            [
                self.code,
                self.year,
                c.value.subject,
                c.value.name,
                c.role,
                c.value.cell,
                c.value.numerator_cell,
                c.value.denominator_cell,
            ]
            for c in self.values
        ]
        caption = f"{self.name} ({self.unit}), {self.year}"
        return Table(caption, COMPARISON_COLUMNS[1:], [r[1:] for r in rows])


class ComparisonPage(PageView):
    template: ClassVar[str] = "comparison.html"

    regions: list[str] = Field(description="Gewählte Regionen.")
    gruppe: str | None = Field(description="Gewählte Regionsgruppe.")
    kennzahlen: list[str] = Field(description="Gewählte Kennzahlen.")
    jahr: int | None = Field(description="Gewähltes Jahr (leer: jüngstes je Kennzahl).")
    groups: dict[str, str] = Field(description="Regionsgruppen (Auswahl).")
    choices: dict[str, str] = Field(description="Kennzahlen mit Werten (Auswahl).")
    members: list[str] = Field(description="Verglichene Regionen (mit Gruppenmitgliedern).")
    comparisons: list[IndicatorComparison] = Field(description="Je Kennzahl der Vergleich.")

    def table(self) -> Table:
        rows = [[c.code, *row] for c in self.comparisons for row in c.table().rows]
        return Table("Vergleich", COMPARISON_COLUMNS, rows, name="vergleich")


def _warning(indicator: Indicator, members: list[ComparedValue]) -> str | None:
    types = {m.region_type for m in members}
    lands = {m.value.subject[:2] for m in members}
    if not indicator.comparability_warning or (len(types) < 2 and len(lands) < 2):
        return None
    reasons = []
    if len(types) > 1:
        reasons.append(" und ".join(sorted(types)))
    if len(lands) > 1:
        reasons.append(f"Regionen aus {len(lands)} Ländern")
    note = indicator.notes_comparability or ""
    return f"Eingeschränkt vergleichbar: Verglichen werden {' sowie '.join(reasons)}. {note}"


def _compare(
    request: Request,
    session: Session,
    indicator: Indicator,
    members: list[tuple[str, str, str]],
    group: tuple[str, str] | None,
    jahr: int | None,
    sources: list[SourceLine],
) -> IndicatorComparison:
    years = years_with_values(session, indicator.code)
    year = jahr if jahr is not None else (years[-1] if years else None)
    lands = sorted({code[:2] for code, _n, _t in members if len(code) > 2})
    refs = [(land, get_region(session, land).name, "Land") for land in lands]
    refs.append(("DG", "Deutschland", "Deutschland"))
    if group is not None:
        refs.append((GROUP_PREFIX + group[0], group[1], "Regionsgruppe"))
    everyone = [*members, *refs]
    stored = values_in_year(session, indicator.code, year or 0, [s for s, _n, _t in everyone])
    values = [
        ComparedValue(
            role="Mitglied" if (s, n, t) in members else t,
            region_type=t,
            value=value_out(indicator, s, n, year or 0, stored.get(s)),
        )
        for s, n, t in everyone
    ]
    source = source_text(sources)
    result = IndicatorComparison(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        year=year,
        warning=_warning(indicator, values[: len(members)]),
        values=values,
        sources=sources,
        source=source,
        charts=[],
    )
    if year is not None:
        result.charts = _charts(request, session, indicator, result, len(members))
    return result


def _charts(
    request: Request,
    session: Session,
    indicator: Indicator,
    result: IndicatorComparison,
    n_members: int,
) -> list[ChartOut]:
    subjects = [c.value.subject for c in result.values]
    names = {c.value.subject: c.value.name for c in result.values}
    history = stored_series(session, indicator.code, subjects)
    outs = {s: [value_out(indicator, s, names[s], v.year, v) for v in history[s]] for s in subjects}
    points = [
        point(c.value.name, c.value, kind="region" if i < n_members else "reference")
        for i, c in enumerate(result.values)
    ]
    title = f"{indicator.name} {result.year}"
    d = indicator.decimals
    bars = bar_chart(title, indicator.unit, result.source, points, decimals=d)
    lines = [line(names[s], outs[s], highlight=i >= n_members) for i, s in enumerate(subjects)]
    trend = time_series(
        f"{indicator.name} im Zeitverlauf", indicator.unit, result.source, lines, decimals=d
    )
    multiples = small_multiples(
        f"{indicator.name} im Zeitverlauf je Region",
        indicator.unit,
        result.source,
        lines[:n_members],
        decimals=d,
    )
    return [
        chart_out(request, "/vergleich", f"{indicator.code}-balken", bars),
        chart_out(request, "/vergleich", f"{indicator.code}-zeitreihe", trend),
        chart_out(request, "/vergleich", f"{indicator.code}-vielfache", multiples),
    ]


def comparison_page(
    request: Request,
    session: Session,
    catalogue: Catalogue,
    *,
    region: list[str],
    gruppe: str | None,
    kennzahl: list[str],
    jahr: int | None,
) -> ComparisonPage:
    codes, gruppe, indicators_wanted = (
        split_list(region),
        blank_to_none(gruppe),
        split_list(kennzahl),
    )
    group = get_group(session, gruppe) if gruppe else None
    member_codes = list(dict.fromkeys([*(group.members if group else ()), *codes]))
    if len(member_codes) > 40:
        raise BadRequest("Höchstens 40 Regionen lassen sich auf einmal vergleichen.")
    members = []
    for code in member_codes:
        found = get_region(session, code)
        members.append((found.code, found.name, found.region_type))
    indicators = [catalogue.indicator(code) for code in dict.fromkeys(indicators_wanted)]
    records = indicator_sources(session, catalogue, indicators) if indicators else {}
    latest = remembered(session, latest_years)
    comparisons = []
    if members:
        comparisons = [
            _compare(
                request,
                session,
                i,
                members,
                (group.slug, group.name) if group else None,
                jahr,
                [SourceLine.of(r) for r in records.get(i.code, [])],
            )
            for i in indicators
        ]
        shown = [code for code, _name, _type in members]
        for indicator, comparison in zip(indicators, comparisons, strict=True):
            comparison.footnotes = indicator_footnotes(
                session,
                catalogue,
                [indicator],
                [r.import_id for r in records.get(indicator.code, [])],
                shown,
            )
    return ComparisonPage(
        title="Vergleich",
        regions=codes,
        gruppe=gruppe,
        kennzahlen=[i.code for i in indicators],
        jahr=jahr,
        groups={g.slug: g.name for g in list_groups(session)},
        choices={i.code: i.name for i in catalogue.indicators if i.code in latest},
        members=member_codes,
        comparisons=comparisons,
    )
