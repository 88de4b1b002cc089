"""Choropleth map of Kreise: value classes, "keine Daten" and one class per symbol."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from bildungsmonitor.chart import _geo
from bildungsmonitor.chart._base import Chart, compose, join_sentences
from bildungsmonitor.chart._text import (
    display,
    symbol_label,
    symbol_order,
    symbol_sentences,
    with_unit,
)
from bildungsmonitor.chart.classification import Classification

WIDTH = 440
HEIGHT = 540
NO_DATA = "keine Daten"
NO_DATA_COLOUR = "#e0e0e0"
# Symbol classes: neutral greys, clearly apart from the (chromatic) value classes.
SYMBOL_COLOURS = ("#9a9a9a", "#6b6b6b", "#c2c2c2", "#4d4d4d", "#b0b0b0")
OUTLINE_COLOUR = "#000000"
# Viridis (colour-blind safe, perceptually uniform), light = low; 11 anchor colours.
_VIRIDIS = (
    "#fde725", "#bddf26", "#7ad151", "#44bf70", "#22a884", "#21918c",
    "#2a788e", "#355f8d", "#414487", "#482475", "#440154",
)  # fmt: skip


def choropleth(
    title: str,
    unit: str,
    source: str,
    values: Mapping[str, tuple[float | None, str | None]],
    classification: Classification,
    *,
    highlight: Collection[str] = (),
    decimals: int = 1,
    region_names: Mapping[str, str] | None = None,
) -> Chart:
    """A map of the Kreise of every Land that occurs in ``values`` (keyed by 5-digit AGS).

    Kreise of those Länder without an entry are "keine Daten"; symbols get own classes;
    highlighted Kreise get a thick dark outline. Codes without geometry stay in the table.
    """
    names = dict(region_names or {})
    areas = _geo.kreise()
    table = _table(values, classification, names, areas, decimals)
    shown = _shown(values, areas)
    symbols = symbol_order(row["Zeichen"] for row in table if row["Zeichen"] is not None)
    domain, colours = _legend(classification, symbols)
    by_code = {row["AGS"]: row for row in table}
    features = [_feature(area, by_code.get(area.ags), names) for area in shown]
    marked = [f for f in features if f["properties"]["ags"] in set(highlight)]
    alt_text = _describe(title, unit, table, features, marked, decimals)
    body = {
        "width": WIDTH,
        "height": HEIGHT,
        "projection": {"type": "mercator"},
        "layer": [_fill_layer(features, unit, domain, colours), *_outline_layers(marked)],
    }
    spec = compose(
        title,
        body,
        notes=[],
        source=f"{source}; {_geo.GEO_ATTRIBUTION}",
        width=WIDTH + 240,
        description=alt_text,
    )
    return Chart(title=title, spec=spec, alt_text=alt_text, source=source, table=table)


def class_name(value: float | None, symbol: str | None, classification: Classification) -> str:
    """The legend class of one cell: a value class, a symbol class or "keine Daten"."""
    if symbol is not None:
        return f"{symbol} = {symbol_label(symbol)}"
    if value is None:
        return NO_DATA
    return classification.labels[classification.class_of(value)]


def _table(
    values: Mapping[str, tuple[float | None, str | None]],
    classification: Classification,
    names: Mapping[str, str],
    areas: Mapping[str, _geo.Area],
    decimals: int,
) -> list[dict[str, Any]]:
    rows = []
    for code in sorted(values):
        value, symbol = values[code]
        drawn = None if symbol is not None else value
        area = areas.get(code)
        rows.append(
            {
                "AGS": code,
                "Region": names.get(code) or (area.name if area else code),
                "Wert": drawn,
                "Zeichen": symbol,
                "Anzeige": display(drawn, symbol, decimals),
                "Klasse": class_name(drawn, symbol, classification),
            }
        )
    return rows


def _shown(values: Mapping[str, object], areas: Mapping[str, _geo.Area]) -> list[_geo.Area]:
    """All Kreise of the Länder that occur in ``values`` (all of Germany if none does)."""
    lands = {areas[code].land for code in values if code in areas}
    return [area for area in areas.values() if not lands or area.land in lands]


def _legend(classification: Classification, symbols: list[str]) -> tuple[list[str], list[str]]:
    classes = list(classification.labels)
    domain = [*classes, NO_DATA, *(f"{s} = {symbol_label(s)}" for s in symbols)]
    greys = [SYMBOL_COLOURS[i % len(SYMBOL_COLOURS)] for i in range(len(symbols))]
    return domain, [*sequential(len(classes)), NO_DATA_COLOUR, *greys]


def sequential(count: int) -> list[str]:
    """``count`` colours spread evenly over the viridis anchors (light to dark)."""
    if count == 1:
        return [_VIRIDIS[5]]
    last = len(_VIRIDIS) - 1
    return [_VIRIDIS[round(i * last / (count - 1))] for i in range(count)]


def _feature(
    area: _geo.Area, row: dict[str, Any] | None, names: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": area.geometry_json,
        "properties": {
            "ags": area.ags,
            "Region": names.get(area.ags) or area.name,
            "Anzeige": row["Anzeige"] if row else "",
            "Klasse": row["Klasse"] if row else NO_DATA,
        },
    }


def _fill_layer(
    features: list[dict[str, Any]], unit: str, domain: list[str], colours: list[str]
) -> dict[str, Any]:
    return {
        "data": {"values": features},
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4},
        "encoding": {
            "color": {
                "field": "properties.Klasse",
                "type": "nominal",
                "scale": {"domain": domain, "range": colours},
                "legend": {
                    "title": unit,
                    "orient": "right",
                    "symbolType": "square",
                    "symbolSize": 160,
                    "symbolStrokeColor": "#767676",
                    "symbolStrokeWidth": 0.5,
                    "symbolOpacity": 1,
                },
            }
        },
    }


def _outline_layers(marked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highlighted Kreise: a white halo under a thick black outline (visible on any fill)."""
    if not marked:
        return []
    return [
        {
            "data": {"values": marked},
            "mark": {
                "type": "geoshape",
                "filled": False,
                "stroke": colour,
                "strokeWidth": width,
                "strokeJoin": "round",
            },
        }
        for colour, width in (("#ffffff", 5.0), (OUTLINE_COLOUR, 2.5))
    ]


def _describe(
    title: str,
    unit: str,
    table: list[dict[str, Any]],
    features: list[dict[str, Any]],
    marked: list[dict[str, Any]],
    decimals: int,
) -> str:
    sentences = [f"Karte: {title}. {len(features)} Kreise."]
    valued = [row for row in table if row["Wert"] is not None]
    if valued:
        top = max(valued, key=lambda r: (r["Wert"], r["AGS"]))
        low = min(valued, key=lambda r: (r["Wert"], r["AGS"]))
        sentences.append(
            f"Höchster Wert: {_phrase(top, unit, decimals)}, "
            f"niedrigster: {_phrase(low, unit, decimals)}."
        )
    by_code = {row["AGS"]: row for row in table}
    for feature in marked:
        row = by_code.get(feature["properties"]["ags"])
        name = feature["properties"]["Region"]
        detail = _detail(row, unit, decimals) if row else NO_DATA
        sentences.append(f"Hervorgehoben: {name}, {detail}.")
    sentences += symbol_sentences(
        (row["Zeichen"] for row in table if row["Zeichen"] is not None), "Kreis", "Kreise"
    )
    drawn = {f["properties"]["ags"] for f in features}
    outside = sum(1 for row in table if row["AGS"] not in drawn)
    if outside:
        sentences.append(f"Ohne Kartengrenzen (nur in der Tabelle): {outside}.")
    missing = sum(1 for f in features if f["properties"]["Klasse"] == NO_DATA)
    if missing:
        noun = "Kreis" if missing == 1 else "Kreise"
        sentences.append(f"Für {missing} {noun} liegen keine Daten vor.")
    return join_sentences(sentences)


def _phrase(row: dict[str, Any], unit: str, decimals: int) -> str:
    return f"{row['Region']} {with_unit(row['Wert'], unit, decimals)}"


def _detail(row: dict[str, Any], unit: str, decimals: int) -> str:
    if row["Wert"] is None:
        return str(row["Klasse"])
    return f"{with_unit(row['Wert'], unit, decimals)} ({row['Klasse']})"
