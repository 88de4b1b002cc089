from __future__ import annotations

from bildungsmonitor.chart import Line, time_series
from tests.chart._render import SOURCE, assert_renders, has_url

TITLE = "Anteil Abgänge ohne Hauptschulabschluss"


def lines() -> list[Line]:
    return [
        Line("Sachsen-Anhalt", [(2021, 12.0, None), (2020, 11.5, None), (2022, 12.7, None)]),
        Line(
            "Anhalt-Bitterfeld",
            [(2020, 14.1, None), (2021, None, "x"), (2022, 16.8, None)],
            highlight=True,
        ),
        Line("Harz", [(2020, 8.0, None), (2021, None, None), (2022, 7.5, None)]),
    ]


def test_time_series_renders_svg_and_png_with_title_and_source() -> None:
    chart = time_series(TITLE, "%", SOURCE, lines())
    text = assert_renders(chart)
    assert "2021" in text and "2.021" not in text  # years without thousands dot
    assert "x = Tabellenfach gesperrt" in text


def test_symbols_and_missing_values_are_gaps() -> None:
    chart = time_series(TITLE, "%", SOURCE, lines())
    body = chart.spec["vconcat"][0]
    cell = next(
        r
        for r in body["data"]["values"]
        if r["Region"] == "Anhalt-Bitterfeld" and r["Jahr"] == 2021
    )
    assert cell["Wert"] is None and cell["Zeichen"] == "x"
    line_layer, point_layer = body["layer"]
    assert line_layer["mark"]["invalid"] == "break-paths-filter-domains"
    assert point_layer["transform"] == [{"filter": "datum.Wert != null"}]


def test_highlighted_line_first_and_thicker() -> None:
    chart = time_series(TITLE, "%", SOURCE, lines())
    assert chart.table[0]["Region"] == "Anhalt-Bitterfeld"
    width = chart.spec["vconcat"][0]["layer"][0]["encoding"]["strokeWidth"]["scale"]["range"]
    assert width[1] > width[0]
    assert [(r["Region"], r["Jahr"]) for r in chart.table[3:6]] == [
        ("Harz", y) for y in (2020, 2021, 2022)
    ]


def test_alt_text_mentions_maximum_minimum_trend_and_symbol() -> None:
    chart = time_series(TITLE, "%", SOURCE, lines())
    assert "Zeitraum 2020 bis 2022" in chart.alt_text
    assert "Höchster Wert: Anhalt-Bitterfeld 16,8 % (2022)" in chart.alt_text
    assert "niedrigster: Harz 7,5 % (2022)" in chart.alt_text
    assert "von 14,1 % (2020) auf 16,8 % (2022)" in chart.alt_text
    assert "Für 1 Wert liegt das Zeichen »x«" in chart.alt_text


def test_deterministic_and_offline() -> None:
    first = time_series(TITLE, "%", SOURCE, lines())
    second = time_series(TITLE, "%", SOURCE, list(reversed(lines())))
    assert first.svg() == second.svg()
    assert not has_url(first.spec)
