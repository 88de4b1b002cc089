"""Small multiples: one small time series per region on a shared scale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bildungsmonitor.chart import _lines
from bildungsmonitor.chart._base import HIGHLIGHT_COLOUR, REGION_COLOUR, Chart, Line, compose
from bildungsmonitor.chart._text import symbol_notes

PANEL_WIDTH = 180
PANEL_HEIGHT = 110


def small_multiples(
    title: str,
    unit: str,
    source: str,
    lines: Sequence[Line],
    *,
    columns: int = 3,
    decimals: int = 1,
) -> Chart:
    """A grid of panels (``columns`` wide); the highlighted region's panel in vermillion."""
    series = _lines.ordered(lines)
    table = _lines.rows(series, decimals)
    alt_text = _lines.describe("Kleine Mehrfachdiagramme", title, unit, table, decimals)
    return grid_chart(title, unit, source, series, table, alt_text, columns)


def grid_chart(
    title: str,
    unit: str,
    source: str,
    series: list[Line],
    table: list[dict[str, Any]],
    alt_text: str,
    columns: int,
    layers: list[dict[str, Any]] | None = None,
) -> Chart:
    """The panels of ``series`` (ordered) over the rows ``table``, ``columns`` wide, with
    the symbol notes of the table; ``layers`` replace each panel's default line layers
    (``reference_multiples`` adds its reference lines so)."""
    symbols = [row["Zeichen"] for row in table if row["Zeichen"] is not None]
    columns = max(1, min(columns, len(series) or 1))
    body = _body(unit, table, series, columns)
    if layers is not None:
        body["spec"]["layer"] = layers
    spec = compose(
        title,
        body,
        notes=symbol_notes(symbols),
        source=source,
        width=columns * (PANEL_WIDTH + 30) + 40,
        description=alt_text,
    )
    return Chart(title=title, spec=spec, alt_text=alt_text, source=source, table=table)


def _body(
    unit: str, table: list[dict[str, Any]], series: list[Line], columns: int
) -> dict[str, Any]:
    colour = {
        "field": "Hervorgehoben",
        "type": "nominal",
        "scale": {"domain": [False, True], "range": [REGION_COLOUR, HIGHLIGHT_COLOUR]},
        "legend": None,
    }
    width = {
        "field": "Hervorgehoben",
        "type": "nominal",
        "scale": {"domain": [False, True], "range": [1.8, 3.0]},
        "legend": None,
    }
    return {
        "data": {"values": table},
        "facet": {
            "field": "Region",
            "type": "nominal",
            "sort": [line.label for line in series],
            "title": None,
            "header": {
                "labelAnchor": "start",
                "labelBaseline": "top",
                "labelFontWeight": "bold",
                "labelLimit": 0,
            },
        },
        "columns": columns,
        "spec": {
            "width": PANEL_WIDTH,
            "height": PANEL_HEIGHT,
            "encoding": {"x": _lines.year_axis(table), "y": _lines.value_axis(unit)},
            "layer": _lines.line_layers(colour, width),
        },
    }
