"""Small multiples with reference lines: each panel shows its own line as in
`small_multiples` plus the comparison values named for it (a Land, Deutschland) as dark
dashed lines, one dash pattern per comparison value, named in the legend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bildungsmonitor.chart import _lines
from bildungsmonitor.chart._base import (
    HIGHLIGHT_COLOUR,
    REFERENCE_COLOUR,
    REGION_COLOUR,
    Chart,
    Line,
    join_sentences,
)
from bildungsmonitor.chart._text import symbol_sentences, with_unit
from bildungsmonitor.chart.small_multiples import grid_chart

GERMANY = "Deutschland"
GERMANY_COLOUR = "#000000"
GERMANY_DASH = (2, 2)
LAND_DASHES = ((7, 3), (12, 3, 3, 3), (4, 4), (10, 5), (3, 3, 9, 3))
LEGEND_TITLE = "Vergleichswerte"


def reference_multiples(
    title: str,
    unit: str,
    source: str,
    lines: Sequence[Line],
    references: Mapping[str, Sequence[Line]],
    *,
    columns: int = 3,
    decimals: int = 1,
) -> Chart:
    """A grid of panels as `small_multiples`; ``references[label]`` adds dashed lines
    (e.g. the panel's Land and Deutschland) to the panel of the line ``label``. Table rows
    carry ``Vergleich``: None for a panel's own line, else the reference's name."""
    series = _lines.ordered(lines)
    own = [{**row, "Vergleich": None} for row in _lines.rows(series, decimals)]
    compared = _reference_rows(series, references, decimals)
    names = list(dict.fromkeys(row["Vergleich"] for row in compared))
    alt_text = join_sentences(
        [
            _lines.describe("Kleine Mehrfachdiagramme", title, unit, own, decimals),
            _describe_references(compared, len(series), unit, decimals),
        ]
    )
    layers = [*_own_layers(), *(_reference_layers(names) if names else [])]
    chart = grid_chart(title, unit, source, series, own + compared, alt_text, columns, layers)
    # colour and dash of the references: one legend, inside the figure like the colour's
    chart.spec["resolve"]["legend"]["strokeDash"] = "independent"
    return chart


def _reference_rows(
    series: Sequence[Line], references: Mapping[str, Sequence[Line]], decimals: int
) -> list[dict[str, Any]]:
    """The rows of each reference line, once per panel it belongs to."""
    rows = []
    for line in series:
        for reference in references.get(line.label, ()):
            for row in _lines.rows([reference], decimals):
                rows.append(
                    {
                        **row,
                        "Region": line.label,
                        "Hervorgehoben": False,
                        "Vergleich": row["Region"],
                    }
                )
    return rows


def _own_layers() -> list[dict[str, Any]]:
    """Each panel's own line, blue, the highlighted panel's thicker and vermillion."""
    highlighted = "datum.Hervorgehoben"
    colour = {"condition": {"test": highlighted, "value": HIGHLIGHT_COLOUR}, "value": REGION_COLOUR}
    width = {"condition": {"test": highlighted, "value": 3.0}, "value": 1.8}
    own = {"filter": "datum.Vergleich == null"}
    return [
        {**layer, "transform": [own, *layer.get("transform", [])]}
        for layer in _lines.line_layers(colour, width)
    ]


def _reference_layers(names: list[str]) -> list[dict[str, Any]]:
    """Dashed dark lines, Deutschland black and dotted (colour and dash share one legend),
    and a small dot per value, so that a value between gaps shows too."""
    land_dashes = iter(LAND_DASHES * (len(names) // len(LAND_DASHES) + 1))
    dashes = [list(GERMANY_DASH if n == GERMANY else next(land_dashes)) for n in names]
    colours = [GERMANY_COLOUR if n == GERMANY else REFERENCE_COLOUR for n in names]
    legend = {
        "title": LEGEND_TITLE,
        "orient": "top",
        "direction": "horizontal",
        "symbolType": "stroke",
        "symbolStrokeWidth": 2,
        "symbolSize": 400,
    }
    colour = {
        "field": "Vergleich",
        "type": "nominal",
        "scale": {"domain": names, "range": colours},
        "legend": legend,
    }
    dash = {
        "field": "Vergleich",
        "type": "nominal",
        "scale": {"domain": names, "range": dashes},
        "legend": legend,
    }
    return [
        {
            "transform": [{"filter": "datum.Vergleich != null"}],
            "mark": {"type": "line", "invalid": "break-paths-filter-domains", "strokeWidth": 1.6},
            "encoding": {"color": colour, "strokeDash": dash},
        },
        {
            "transform": [{"filter": "datum.Vergleich != null && datum.Wert != null"}],
            "mark": {"type": "point", "filled": True, "size": 10, "opacity": 1},
            "encoding": {"color": colour},
        },
    ]


def _describe_references(
    rows: Sequence[dict[str, Any]], panels: int, unit: str, decimals: int
) -> str:
    """»Vergleichslinien (gestrichelt): Sachsen (in A, B) von … auf …; Deutschland (in
    allen Feldern) von … auf ….« plus the symbols of the reference values (once each)."""
    parts, symbols = [], []
    for name in dict.fromkeys(row["Vergleich"] for row in rows):
        mine = [row for row in rows if row["Vergleich"] == name]
        shown_in = list(dict.fromkeys(row["Region"] for row in mine))
        where = "in allen Feldern" if len(shown_in) == panels else f"in {', '.join(shown_in)}"
        once = [row for row in mine if row["Region"] == shown_in[0]]
        symbols += [row["Zeichen"] for row in once if row["Zeichen"] is not None]
        parts.append(f"{name} ({where}) {_trend(once, unit, decimals)}")
    if not parts:
        return ""
    return join_sentences(
        [
            f"Vergleichslinien (gestrichelt): {'; '.join(parts)}.",
            *symbol_sentences(symbols, "Vergleichswert", "Vergleichswerte"),
        ]
    )


def _trend(rows: Sequence[dict[str, Any]], unit: str, decimals: int) -> str:
    valued = [row for row in rows if row["Wert"] is not None]
    if not valued:
        return "ohne Werte"
    start, end = valued[0], valued[-1]
    if start is end:
        return f"{with_unit(start['Wert'], unit, decimals)} ({start['Jahr']})"
    return (
        f"von {with_unit(start['Wert'], unit, decimals)} ({start['Jahr']}) "
        f"auf {with_unit(end['Wert'], unit, decimals)} ({end['Jahr']})"
    )
