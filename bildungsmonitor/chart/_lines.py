"""What time series and small multiples share: ordering, data rows, alt text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bildungsmonitor.chart._base import Line, join_sentences
from bildungsmonitor.chart._text import display, symbol_sentences, with_unit


def ordered(lines: Sequence[Line]) -> list[Line]:
    """Highlighted lines first, then by label; points by year."""
    return sorted(lines, key=lambda line: (not line.highlight, line.label))


def rows(lines: Sequence[Line], decimals: int) -> list[dict[str, Any]]:
    """One row per (line, year); a symbol always means no drawn value (a gap)."""
    result = []
    for line in lines:
        for year, value, symbol in sorted(line.points, key=lambda p: p[0]):
            drawn = None if symbol is not None else value
            result.append(
                {
                    "Region": line.label,
                    "Jahr": int(year),
                    "Wert": drawn,
                    "Zeichen": symbol,
                    "Anzeige": display(drawn, symbol, decimals),
                    "Hervorgehoben": line.highlight,
                }
            )
    return result


def years(table: Sequence[dict[str, Any]]) -> tuple[int, int] | None:
    found = [row["Jahr"] for row in table]
    return (min(found), max(found)) if found else None


def describe(
    kind: str, title: str, unit: str, table: Sequence[dict[str, Any]], decimals: int
) -> str:
    """German alt text: span, series, overall maximum and minimum, highlight, symbols."""
    sentences = [f"{kind}: {title}."]
    span = years(table)
    if span:
        sentences.append(f"Zeitraum {span[0]} bis {span[1]}.")
    names = list(dict.fromkeys(row["Region"] for row in table))
    if names:
        sentences.append(f"Reihen: {', '.join(names)}.")
    valued = [row for row in table if row["Wert"] is not None]
    if valued:
        top = max(valued, key=lambda r: (r["Wert"], -r["Jahr"], r["Region"]))
        low = min(valued, key=lambda r: (r["Wert"], r["Jahr"], r["Region"]))
        sentences.append(
            f"Höchster Wert: {_phrase(top, unit, decimals)}, "
            f"niedrigster: {_phrase(low, unit, decimals)}."
        )
    sentences += [_trend(name, table, unit, decimals) for name in _highlighted(table)]
    symbols = [row["Zeichen"] for row in table if row["Zeichen"] is not None]
    sentences += symbol_sentences(symbols, "Wert", "Werte")
    return join_sentences(sentences)


def _highlighted(table: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(row["Region"] for row in table if row["Hervorgehoben"]))


def _trend(name: str, table: Sequence[dict[str, Any]], unit: str, decimals: int) -> str:
    valued = [r for r in table if r["Region"] == name and r["Wert"] is not None]
    if not valued:
        return f"Hervorgehoben: {name}, ohne Werte."
    first, last = valued[0], valued[-1]
    return (
        f"Hervorgehoben: {name}, von {with_unit(first['Wert'], unit, decimals)} "
        f"({first['Jahr']}) auf {with_unit(last['Wert'], unit, decimals)} ({last['Jahr']})."
    )


def _phrase(row: dict[str, Any], unit: str, decimals: int) -> str:
    return f"{row['Region']} {with_unit(row['Wert'], unit, decimals)} ({row['Jahr']})"


def year_axis(table: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """x encoding: years as integers (no thousands dot), whole-year ticks."""
    span = years(table) or (0, 1)
    return {
        "field": "Jahr",
        "type": "quantitative",
        "title": None,
        "scale": {"domain": list(span), "nice": False, "zero": False},
        "axis": {"format": "d", "tickMinStep": 1, "labelOverlap": True},
    }


def value_axis(unit: str) -> dict[str, Any]:
    return {"field": "Wert", "type": "quantitative", "title": unit, "scale": {"zero": False}}


def line_layers(colour: dict[str, Any], width: dict[str, Any]) -> list[dict[str, Any]]:
    """A line that breaks at missing values and symbols, plus a dot per drawn value."""
    return [
        {
            "mark": {"type": "line", "invalid": "break-paths-filter-domains"},
            "encoding": {"color": colour, "strokeWidth": width},
        },
        {
            "transform": [{"filter": "datum.Wert != null"}],
            "mark": {"type": "point", "filled": True, "size": 30, "opacity": 1},
            "encoding": {"color": colour},
        },
    ]
