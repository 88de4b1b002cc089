from __future__ import annotations

from bildungsmonitor.chart import small_multiples
from bildungsmonitor.chart._base import HIGHLIGHT_COLOUR
from tests.chart._render import SOURCE, assert_renders, has_url
from tests.chart.test_timeseries import TITLE, lines


def test_small_multiples_render_one_panel_per_region() -> None:
    chart = small_multiples(TITLE, "%", SOURCE, lines(), columns=2)
    text = assert_renders(chart)
    for name in ("Anhalt-Bitterfeld", "Sachsen-Anhalt", "Harz"):
        assert name in text
    body = chart.spec["vconcat"][0]
    assert body["columns"] == 2
    assert body["facet"]["sort"] == ["Anhalt-Bitterfeld", "Harz", "Sachsen-Anhalt"]


def test_gaps_and_highlight_colour() -> None:
    chart = small_multiples(TITLE, "%", SOURCE, lines())
    layers = chart.spec["vconcat"][0]["spec"]["layer"]
    assert layers[0]["mark"]["invalid"] == "break-paths-filter-domains"
    colour = layers[0]["encoding"]["color"]["scale"]
    assert colour["range"][colour["domain"].index(True)] == HIGHLIGHT_COLOUR
    symbol_rows = [r for r in chart.table if r["Zeichen"] is not None]
    assert symbol_rows and all(r["Wert"] is None for r in symbol_rows)


def test_alt_text_and_determinism() -> None:
    chart = small_multiples(TITLE, "%", SOURCE, lines())
    assert chart.alt_text.startswith("Kleine Mehrfachdiagramme:")
    assert "Höchster Wert: Anhalt-Bitterfeld 16,8 %" in chart.alt_text
    assert "niedrigster: Harz 7,5 %" in chart.alt_text
    again = small_multiples(TITLE, "%", SOURCE, lines())
    assert chart.svg() == again.svg()
    assert not has_url(chart.spec)


def test_columns_never_exceed_panels() -> None:
    chart = small_multiples(TITLE, "%", SOURCE, lines()[:1], columns=4)
    assert chart.spec["vconcat"][0]["columns"] == 1
