from __future__ import annotations

import json
from typing import Any

from bildungsmonitor.chart import Chart, choropleth, classify
from bildungsmonitor.chart._geo import GEO_ATTRIBUTION, kreise
from bildungsmonitor.chart.choropleth import NO_DATA, OUTLINE_COLOUR
from tests.chart._render import SOURCE, assert_renders, has_url, svg_text

TITLE = "Anteil Abgänge ohne Hauptschulabschluss 2023"
# Sachsen-Anhalt: 15081 has no entry (keine Daten), 15083 is secret, 15084 locked,
# 15082 highlighted; 16056 Eisenach has no boundary in the current Gebietsstand.
VALUES: dict[str, tuple[float | None, str | None]] = {
    "15001": (9.0, None),
    "15002": (11.0, None),
    "15003": (8.0, None),
    "15082": (16.8, None),
    "15083": (None, "."),
    "15084": (None, "x"),
    "15085": (12.0, None),
    "15086": (None, None),
    "15087": (14.0, None),
    "15088": (13.0, None),
    "15089": (10.0, None),
    "15090": (7.0, None),
    "15091": (15.0, None),
    "16056": (5.0, None),
}


def _map() -> Chart:
    values = [v for v, _ in VALUES.values() if v is not None]
    return choropleth(
        TITLE,
        "%",
        SOURCE,
        VALUES,
        classify(values, "quantile", 4),
        highlight=["15082"],
        region_names={"15082": "Anhalt-Bitterfeld"},
    )


def _fill(chart: Chart) -> dict[str, Any]:
    layer: dict[str, Any] = chart.spec["vconcat"][0]["layer"][0]
    return layer


def test_map_renders_svg_and_png_with_title_source_and_attribution() -> None:
    chart = _map()
    text = assert_renders(chart)
    assert GEO_ATTRIBUTION in text
    assert "© GeoBasis-DE / BKG" in text and "dl-de/by-2-0" in text


def test_legend_has_no_data_and_one_class_per_symbol() -> None:
    chart = _map()
    scale = _fill(chart)["encoding"]["color"]["scale"]
    classes = scale["domain"]
    assert classes[-3:] == [
        NO_DATA,
        ". = Zahlenwert unbekannt oder geheim zu halten",
        "x = Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    ]
    colours = scale["range"]
    assert len(set(colours)) == len(colours)  # every class distinct
    text = svg_text(chart)
    assert "keine Daten" in text and ". = Zahlenwert unbekannt" in text


def test_symbols_and_gaps_are_classes_not_values() -> None:
    chart = _map()
    props = {f["properties"]["ags"]: f["properties"] for f in _fill(chart)["data"]["values"]}
    assert props["15083"]["Klasse"].startswith(". =")
    assert props["15084"]["Klasse"].startswith("x =")
    assert props["15086"]["Klasse"] == NO_DATA
    assert props["15081"]["Klasse"] == NO_DATA  # no entry at all
    rows = {row["AGS"]: row for row in chart.table}
    assert rows["15083"]["Wert"] is None and rows["15083"]["Anzeige"] == "."


def test_map_shows_the_laender_of_the_values_and_keeps_only_needed_properties() -> None:
    chart = _map()
    features = _fill(chart)["data"]["values"]
    codes = [f["properties"]["ags"] for f in features]
    # 16056 has no boundary, so Thüringen is not drawn; all 14 Kreise of Sachsen-Anhalt are
    expected = sorted(a.ags for a in kreise().values() if a.land == "15")
    assert len(expected) == 14
    assert codes == expected
    assert set(features[0]["properties"]) == {"ags", "Region", "Anzeige", "Klasse"}
    assert "16056" in {row["AGS"] for row in chart.table}


def test_highlighted_region_gets_a_thick_dark_outline() -> None:
    chart = _map()
    outline = chart.spec["vconcat"][0]["layer"][-1]
    assert outline["mark"]["stroke"] == OUTLINE_COLOUR
    assert outline["mark"]["strokeWidth"] >= 2
    assert outline["mark"]["filled"] is False
    assert [f["properties"]["ags"] for f in outline["data"]["values"]] == ["15082"]


def test_alt_text_names_extremes_highlight_and_symbols() -> None:
    text = _map().alt_text
    assert "Höchster Wert: Anhalt-Bitterfeld 16,8 %" in text
    assert "niedrigster: Kreisfreie Stadt Eisenach 5,0 %" not in text  # not in the geodata
    assert "niedrigster: 16056 5,0 %" in text
    assert "Für 1 Kreis liegt das Zeichen ».«" in text
    assert "keine Daten" in text


def test_spec_is_offline_and_deterministic() -> None:
    first, second = _map(), _map()
    assert not has_url(first.spec)
    assert first.spec_json == second.spec_json
    assert first.svg() == second.svg()
    json.loads(first.spec_json)
