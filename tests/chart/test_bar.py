from __future__ import annotations

from bildungsmonitor.chart import Point, bar_chart
from bildungsmonitor.chart._base import GERMAN_NUMBER_LOCALE, HIGHLIGHT_COLOUR, REFERENCE_COLOUR
from tests.chart._render import SOURCE, assert_renders, has_url, walk

TITLE = "Anteil Abgänge ohne Hauptschulabschluss 2023"


def _points() -> list[Point]:
    return [
        Point("Halle (Saale)", 11.2),
        Point("Anhalt-Bitterfeld", 16.8, highlight=True),
        Point("Dessau-Roßlau", 9.4),
        Point("Harz", None, "x"),
        Point("Börde", 0.0),
        Point("Sachsen-Anhalt", 12.7, kind="reference"),
        Point("Deutschland", 6.9, kind="reference"),
    ]


def test_bar_chart_renders_svg_and_png_with_title_and_source() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    text = assert_renders(chart)
    assert "16,8" in text  # value labels with decimal comma
    assert "x = Tabellenfach gesperrt, weil Aussage nicht sinnvoll" in text


def test_symbol_is_not_plotted_as_zero() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    harz = next(row for row in chart.table if row["Region"] == "Harz")
    assert harz["Wert"] is None and harz["Zeichen"] == "x" and harz["Anzeige"] == "x"
    data = chart.spec["vconcat"][0]["data"]["values"]
    assert next(r for r in data if r["Region"] == "Harz")["Wert"] is None
    symbol_layer = chart.spec["vconcat"][0]["layer"][2]
    assert symbol_layer["encoding"]["text"]["field"] == "Zeichen"
    assert symbol_layer["transform"] == [{"filter": "datum.Zeichen != null"}]
    # a true zero is a value, drawn as such
    assert next(r for r in data if r["Region"] == "Börde")["Wert"] == 0.0


def test_symbol_wins_over_a_value_given_alongside() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, [Point("Harz", 3.0, "."), Point("Börde", 2.0)])
    assert chart.table[-1] == {
        "Region": "Harz",
        "Wert": None,
        "Zeichen": ".",
        "Anzeige": ".",
        "Art": "Region",
    }


def test_bars_sorted_by_value_with_symbols_last() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    assert [row["Region"] for row in chart.table] == [
        "Anhalt-Bitterfeld",
        "Sachsen-Anhalt",
        "Halle (Saale)",
        "Dessau-Roßlau",
        "Deutschland",
        "Börde",
        "Harz",
    ]


def test_highlight_and_references_are_distinct() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    colour = chart.spec["vconcat"][0]["layer"][0]["encoding"]["color"]["scale"]
    mapping = dict(zip(colour["domain"], colour["range"], strict=True))
    assert mapping["ausgewählte Region"] == HIGHLIGHT_COLOUR
    assert mapping["Vergleichswert"] == REFERENCE_COLOUR
    weight = chart.spec["vconcat"][0]["encoding"]["y"]["axis"]["labelFontWeight"]
    assert "Anhalt-Bitterfeld" in weight["condition"]["test"]
    assert weight["condition"]["value"] == "bold"


def test_alt_text_names_maximum_minimum_references_and_symbols() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    assert chart.alt_text.startswith(f"Balkendiagramm: {TITLE}.")
    assert "Höchster Wert: Anhalt-Bitterfeld 16,8 %" in chart.alt_text
    assert "niedrigster: Börde 0,0 %" in chart.alt_text
    assert "Sachsen-Anhalt 12,7 %" in chart.alt_text
    assert "Für 1 Region liegt das Zeichen »x«" in chart.alt_text


def test_spec_is_offline_and_german() -> None:
    chart = bar_chart(TITLE, "%", SOURCE, _points())
    assert not has_url(chart.spec)
    assert chart.spec["config"]["locale"]["number"] == GERMAN_NUMBER_LOCALE
    assert all(node.get("type") != "geoshape" for node in walk(chart.spec))


def test_same_input_renders_identically() -> None:
    first = bar_chart(TITLE, "%", SOURCE, _points())
    second = bar_chart(TITLE, "%", SOURCE, list(reversed(_points())))
    assert first.spec_json == second.spec_json
    assert first.svg() == second.svg()


def test_thousands_dot_and_minus_sign() -> None:
    chart = bar_chart(TITLE, "Anzahl", SOURCE, [Point("A", 12345.0), Point("B", -2.5)])
    assert [row["Anzeige"] for row in chart.table] == ["12.345,0", "−2,5"]
    assert "Höchster Wert: A 12.345,0," in chart.alt_text


def test_empty_inputs_still_render() -> None:
    from bildungsmonitor.chart import choropleth, classify, small_multiples, time_series

    assert bar_chart(TITLE, "%", SOURCE, []).svg().startswith("<svg")
    assert time_series(TITLE, "%", SOURCE, []).svg().startswith("<svg")
    assert small_multiples(TITLE, "%", SOURCE, []).svg().startswith("<svg")
    empty_map = choropleth(TITLE, "%", SOURCE, {}, classify([], "manual", breaks=[1]))
    assert "Für 400 Kreise liegen keine Daten vor." in empty_map.alt_text
