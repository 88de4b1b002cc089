"""Figures of the Vergleichsdashboard, built like the Kennblatt's (``indicator_figure``):
per agreed indicator a bar chart of the members with the ring, the Länder and Deutschland
as reference bars, and the members' time series as small multiples (one panel per member,
the ring's panel highlighted) with the member's Land and Deutschland as dashed reference
lines (the ring's panel: all the members' Länder and Deutschland), each with title,
source, text alternative and SVG/PNG downloads under
``/ringe/{slug}/dashboard/grafik/<name>.svg|png``."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request

from bildungsmonitor.chart import Line, Point, bar_chart
from bildungsmonitor.chart.reference_multiples import GERMANY, reference_multiples
from bildungsmonitor.web.views.indicator_figure import ChartOut, SourceLine, chart_out, source_text
from bildungsmonitor.web.views.ring_models import CellOut, PanelOut

RING_SOURCE = "Wert des Rings: eigene Berechnung (Σ Zähler / Σ Nenner der Mitglieder)."
COLUMNS = 5


def ring_label(ring_name: str) -> str:
    return f"Ring {ring_name} (Σ/Σ)"


def chart_source(sources: Sequence[SourceLine]) -> str:
    """The source line of the indicator's imports plus how the ring value is formed."""
    return f"{source_text(sources)}. {RING_SOURCE}"


def _point(label: str, cell: CellOut, *, highlight: bool = False, kind: str = "region") -> Point:
    return Point(label, cell.value, cell.symbol, highlight, kind)


def _line(label: str, years: Sequence[int], cells: Sequence[CellOut], highlight: bool) -> Line:
    return Line(
        label, [(y, c.value, c.symbol) for y, c in zip(years, cells, strict=True)], highlight
    )


def _references(ring_name: str, panel: PanelOut) -> dict[str, list[Line]]:
    """The reference lines of each panel of the time series: a member's Land and
    Deutschland; for the ring all the members' Länder and Deutschland."""
    lands = {
        name: _line(name, panel.years, cells, highlight=False)
        for name, cells in panel.land_series.items()
    }
    germany = (
        [_line(GERMANY, panel.years, panel.germany_series, highlight=False)]
        if panel.germany_series
        else []
    )
    references = {
        m.name: [*([lands[m.land_name]] if m.land_name in lands else []), *germany]
        for m in panel.members
    }
    references[ring_label(ring_name)] = [*lands.values(), *germany]
    return references


def panel_charts(
    request: Request,
    slug: str,
    ring_name: str,
    panel: PanelOut,
    source: str,
    own_member: str | None = None,
) -> list[ChartOut]:
    """Bar chart and time series of one indicator (none without a year of values); a
    member link sees its own member highlighted in the bar chart."""
    if panel.year is None:
        return []
    base = f"/ringe/{slug}/dashboard"
    points = [_point(m.name, m.value, highlight=m.code == own_member) for m in panel.members]
    if panel.ring is not None:
        points.append(_point(ring_label(ring_name), panel.ring, kind="reference"))
    points += [_point(name, cell, kind="reference") for name, cell in panel.lands.items()]
    points.append(_point(GERMANY, panel.germany, kind="reference"))
    bars = bar_chart(
        f"{panel.name} {panel.year}: Mitglieder, Ring, Länder und Deutschland",
        panel.unit,
        source,
        points,
        decimals=panel.decimals,
    )
    lines = [
        _line(m.name, panel.years, panel.series[m.code], highlight=False) for m in panel.members
    ]
    lines.append(_line(ring_label(ring_name), panel.years, panel.ring_series, highlight=True))
    trend = reference_multiples(
        f"{panel.name} im Zeitverlauf je Mitglied und für den Ring, mit Land und Deutschland",
        panel.unit,
        source,
        lines,
        _references(ring_name, panel),
        columns=COLUMNS,
        decimals=panel.decimals,
    )
    return [
        chart_out(request, base, f"{panel.code}-balken", bars),
        chart_out(request, base, f"{panel.code}-zeitreihe", trend),
    ]
