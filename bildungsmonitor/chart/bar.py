"""Bar chart: one bar per region, reference values in dark grey, symbols at the baseline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bildungsmonitor.chart._base import (
    HIGHLIGHT_COLOUR,
    REFERENCE_COLOUR,
    REGION_COLOUR,
    TEXT_COLOUR,
    Chart,
    Point,
    compose,
    join_sentences,
)
from bildungsmonitor.chart._text import display, symbol_notes, symbol_sentences, with_unit

WIDTH = 440
CATEGORIES = (
    ("Region", REGION_COLOUR),
    ("ausgewählte Region", HIGHLIGHT_COLOUR),
    ("Vergleichswert", REFERENCE_COLOUR),
)


def bar_chart(
    title: str, unit: str, source: str, points: Sequence[Point], *, decimals: int = 1
) -> Chart:
    """Horizontal bars sorted by value (descending); symbols are shown, never drawn as 0."""
    ordered = sorted(points, key=_sort_key)
    rows = [_row(point, decimals) for point in ordered]
    symbols = [p.symbol for p in ordered if p.symbol is not None]
    alt_text = _describe(title, unit, ordered, decimals)
    body = _body(unit, rows, [p.label for p in ordered if p.highlight])
    spec = compose(
        title,
        body,
        notes=symbol_notes(symbols),
        source=source,
        width=WIDTH + 220,
        description=alt_text,
    )
    return Chart(title=title, spec=spec, alt_text=alt_text, source=source, table=rows)


def _value(point: Point) -> float | None:
    """The drawable value: none when the point carries a symbol."""
    return None if point.symbol is not None else point.value


def _sort_key(point: Point) -> tuple[int, float, str]:
    value = _value(point)
    return (0, -value, point.label) if value is not None else (1, 0.0, point.label)


def _category(point: Point) -> str:
    if point.highlight:
        return "ausgewählte Region"
    return "Vergleichswert" if point.kind == "reference" else "Region"


def _row(point: Point, decimals: int) -> dict[str, Any]:
    value = _value(point)
    return {
        "Region": point.label,
        "Wert": value,
        "Zeichen": point.symbol,
        "Anzeige": display(value, point.symbol, decimals),
        "Art": _category(point),
    }


def _body(unit: str, rows: list[dict[str, Any]], highlighted: list[str]) -> dict[str, Any]:
    present = {row["Art"] for row in rows}
    categories = [(name, colour) for name, colour in CATEGORIES if name in present]
    bold = f"indexof({json.dumps(highlighted, ensure_ascii=False)}, datum.value) >= 0"
    return {
        "width": WIDTH,
        "height": {"step": 22},
        "data": {"values": rows},
        "encoding": {
            "y": {
                "field": "Region",
                "type": "nominal",
                "sort": None,
                "axis": {
                    "title": None,
                    "labelLimit": 220,
                    "ticks": False,
                    "labelFontWeight": {
                        "condition": {"test": bold, "value": "bold"},
                        "value": "normal",
                    },
                },
            }
        },
        "layer": [
            {
                "mark": {"type": "bar", "height": {"band": 0.72}},
                "encoding": {
                    "x": {"field": "Wert", "type": "quantitative", "title": unit},
                    "color": {
                        "field": "Art",
                        "type": "nominal",
                        "scale": {
                            "domain": [name for name, _ in categories],
                            "range": [colour for _, colour in categories],
                        },
                        "legend": {"title": None, "orient": "top", "direction": "horizontal"},
                    },
                },
            },
            _value_labels(),
            _symbol_labels(),
        ],
    }


def _value_labels() -> dict[str, Any]:
    """The formatted value at the end of each bar (left of it for negative values)."""
    return {
        "transform": [{"filter": "datum.Wert != null"}],
        "mark": {
            "type": "text",
            "baseline": "middle",
            "fontSize": 11,
            "color": TEXT_COLOUR,
            "align": {"expr": "datum.Wert < 0 ? 'right' : 'left'"},
            "dx": {"expr": "datum.Wert < 0 ? -3 : 3"},
        },
        "encoding": {
            "x": {"field": "Wert", "type": "quantitative"},
            "text": {"field": "Anzeige", "type": "nominal"},
        },
    }


def _symbol_labels() -> dict[str, Any]:
    """The official symbol at the baseline where a region has no value."""
    return {
        "transform": [{"filter": "datum.Zeichen != null"}],
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "middle",
            "dx": 3,
            "fontSize": 12,
            "fontWeight": "bold",
            "color": TEXT_COLOUR,
        },
        "encoding": {
            "x": {"datum": 0, "type": "quantitative"},
            "text": {"field": "Zeichen", "type": "nominal"},
        },
    }


def _describe(title: str, unit: str, points: list[Point], decimals: int) -> str:
    valued = [p for p in points if _value(p) is not None]
    regions = [p for p in valued if p.kind != "reference"] or valued
    sentences = [f"Balkendiagramm: {title}."]
    if regions:
        top = max(regions, key=lambda p: (_value(p), p.label))
        low = min(regions, key=lambda p: (_value(p), p.label))
        sentences.append(
            f"Höchster Wert: {_phrase(top, unit, decimals)}, "
            f"niedrigster: {_phrase(low, unit, decimals)}."
        )
    highlighted = [_phrase(p, unit, decimals) for p in points if p.highlight]
    if highlighted:
        sentences.append(f"Hervorgehoben: {'; '.join(highlighted)}.")
    references = [_phrase(p, unit, decimals) for p in points if p.kind == "reference"]
    if references:
        sentences.append(f"Vergleichswerte: {'; '.join(references)}.")
    symbols = [p.symbol for p in points if p.symbol is not None]
    sentences += symbol_sentences(symbols, "Region", "Regionen")
    missing = sum(1 for p in points if p.value is None and p.symbol is None)
    if missing:
        sentences.append(f"Ohne Angabe: {missing}.")
    return join_sentences(sentences)


def _phrase(point: Point, unit: str, decimals: int) -> str:
    value = _value(point)
    if value is None:
        return f"{point.label} »{point.symbol or ''}«" if point.symbol else point.label
    return f"{point.label} {with_unit(value, unit, decimals)}"
