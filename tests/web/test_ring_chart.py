"""The dashboard's figures from a panel: members with the ring, Länder and Deutschland as
reference bars, a time series per member with the ring highlighted; symbols stay symbols."""

from __future__ import annotations

from starlette.requests import Request

from bildungsmonitor.web.views.ring_chart import chart_source, panel_charts, ring_label
from bildungsmonitor.web.views.ring_models import CellOut, MemberFigureOut, PanelOut

RING = "Testring"


def cell(value: float | None, symbol: str | None = None) -> CellOut:
    shown = symbol or ("" if value is None else f"{value:.1f}".replace(".", ","))
    return CellOut(value=value, symbol=symbol, display=shown)


def member(code: str, name: str, value: CellOut, rank: int | None) -> MemberFigureOut:
    return MemberFigureOut(
        code=code, name=name, region_type="Landkreis", value=value, rank=rank, land=cell(9.0)
    )


def panel(year: int | None = 2023) -> PanelOut:
    return PanelOut(
        code="D7.2",
        name="Abgänge ohne Abschluss",
        unit="%",
        decimals=1,
        year=year,
        members=[
            member("14713", "Leipzig", cell(12.5), 1),
            member("15002", "Halle", cell(None, "x"), None),
            member("16077", "Altenburger Land", cell(8.26), 2),
        ],
        lands={"Sachsen": cell(9.0), "Thüringen": cell(7.5)},
        germany=cell(6.9),
        ring=cell(10.4),
        ring_missing=[],
        years=[2022, 2023],
        series={
            "14713": [cell(11.0), cell(12.5)],
            "15002": [cell(None, "."), cell(None, "x")],
            "16077": [cell(8.0), cell(8.26)],
        },
        ring_series=[cell(9.9), cell(10.4)],
        warnings=[],
    )


def request(query: str = "") -> Request:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    return Request({**scope, "query_string": query.encode()})


def test_bar_chart_has_members_and_reference_bars_with_symbols_not_zero() -> None:
    bars, _trend = panel_charts(request(), "test", RING, panel(), "Quelle: Test")
    table = {row["Region"]: row for row in bars._chart.table}  # type: ignore[union-attr]
    assert table["Halle"]["Wert"] is None and table["Halle"]["Zeichen"] == "x"
    assert table["Leipzig"]["Art"] == "Region"
    for reference in (ring_label(RING), "Sachsen", "Thüringen", "Deutschland"):
        assert table[reference]["Art"] == "Vergleichswert"
    assert table[ring_label(RING)]["Anzeige"] == "10,4"
    svg = bars.svg()
    for text in ("12,5", "8,3", "10,4", "6,9", ">x<", "x = ", "Quelle: Test"):
        assert text in svg, text
    assert "Abgänge ohne Abschluss 2023" in bars.title
    assert "Vergleichswerte:" in bars.alt_text and "Ring Testring (Σ/Σ) 10,4 %" in bars.alt_text
    assert "Für 1 Region liegt das Zeichen »x«" in bars.alt_text


def test_time_series_has_one_panel_per_member_and_the_ring_highlighted() -> None:
    _bars, trend = panel_charts(request(), "test", RING, panel(), "Quelle: Test")
    rows = trend._chart.table  # type: ignore[union-attr]
    assert [r["Region"] for r in rows][:2] == [ring_label(RING)] * 2  # highlighted first
    assert {r["Region"] for r in rows} == {"Leipzig", "Halle", "Altenburger Land", ring_label(RING)}
    halle = [r for r in rows if r["Region"] == "Halle"]
    assert [(r["Wert"], r["Zeichen"]) for r in halle] == [(None, "."), (None, "x")]
    assert all(r["Hervorgehoben"] == (r["Region"] == ring_label(RING)) for r in rows)
    assert "Hervorgehoben: Ring Testring (Σ/Σ), von 9,9 % (2022) auf 10,4 % (2023)." in (
        trend.alt_text
    )


def test_member_link_highlights_its_member_and_downloads_keep_the_query() -> None:
    bars, trend = panel_charts(
        request("token=abc"), "test", RING, panel(), "Quelle: Test", own_member="16077"
    )
    table = {row["Region"]: row for row in bars._chart.table}  # type: ignore[union-attr]
    assert table["Altenburger Land"]["Art"] == "ausgewählte Region"
    assert bars.svg_url == "/ringe/test/dashboard/grafik/D7.2-balken.svg?token=abc"
    assert trend.png_url == "/ringe/test/dashboard/grafik/D7.2-zeitreihe.png?token=abc"


def test_no_charts_without_a_year_and_the_source_names_the_ring_value() -> None:
    assert panel_charts(request(), "test", RING, panel(year=None), "Quelle: Test") == []
    assert chart_source([]).endswith("(Σ Zähler / Σ Nenner der Mitglieder).")
    assert chart_source([]).startswith("Quelle: © Statistische Ämter")
