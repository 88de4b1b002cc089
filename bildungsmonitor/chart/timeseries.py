"""Time series: one line per region, gaps where a value is missing or a symbol stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bildungsmonitor.chart import _lines
from bildungsmonitor.chart._base import OKABE_ITO, Chart, Line, compose
from bildungsmonitor.chart._text import symbol_notes

WIDTH = 520
HEIGHT = 300


def time_series(
    title: str, unit: str, source: str, lines: Sequence[Line], *, decimals: int = 1
) -> Chart:
    """Lines over years; the highlighted line is drawn thicker and listed first."""
    series = _lines.ordered(lines)
    table = _lines.rows(series, decimals)
    alt_text = _lines.describe("Liniendiagramm", title, unit, table, decimals)
    symbols = [row["Zeichen"] for row in table if row["Zeichen"] is not None]
    spec = compose(
        title,
        _body(unit, table, series),
        notes=symbol_notes(symbols),
        source=source,
        width=WIDTH + 200,
        description=alt_text,
    )
    return Chart(title=title, spec=spec, alt_text=alt_text, source=source, table=table)


def _body(unit: str, table: list[dict[str, Any]], series: list[Line]) -> dict[str, Any]:
    names = [line.label for line in series]
    colour = {
        "field": "Region",
        "type": "nominal",
        "scale": {"domain": names, "range": list(OKABE_ITO)},
        "legend": {"title": None, "orient": "right", "labelLimit": 240},
    }
    width = {
        "field": "Hervorgehoben",
        "type": "nominal",
        "scale": {"domain": [False, True], "range": [1.6, 3.6]},
        "legend": None,
    }
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "data": {"values": table},
        "encoding": {"x": _lines.year_axis(table), "y": _lines.value_axis(unit)},
        "layer": _lines.line_layers(colour, width),
    }
