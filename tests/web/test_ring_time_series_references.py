"""The dashboard's time series with reference lines: each member's panel shows its Land
and Deutschland, the ring's panel all the members' Länder and Deutschland — dashed, named
in the legend, with the stored indicator values (demo data), in the text alternative and
in the table under the figure."""

from __future__ import annotations

import re
import warnings
from typing import Any

from sqlalchemy import select

from bildungsmonitor.comparison.demo import DEMO_SLUG
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import IndicatorValue, Region
from bildungsmonitor.web.views.ring_chart import panel_charts, ring_label
from bildungsmonitor.web.views.ring_models import PanelOut
from tests.web import test_ring_flow as flow
from tests.web.test_ring_chart import RING, cell, panel, request

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

ring_store = flow.ring_store
ring_client = flow.ring_client

TABLE = re.compile(r"<caption[^>]*>[^<]*: Zeitreihe</caption>.*?</table>", re.S)


def three_laender() -> PanelOut:
    p = panel()
    for m, land in zip(p.members, ("Sachsen", "Sachsen-Anhalt", "Thüringen"), strict=True):
        m.land_name = land
    p.land_series = {
        "Sachsen": [cell(9.5), cell(9.0)],
        "Sachsen-Anhalt": [cell(11.0), cell(10.0)],
        "Thüringen": [cell(None, "."), cell(7.5)],
    }
    p.germany_series = [cell(7.2), cell(6.9)]
    return p


def references(rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in rows:
        if row["Vergleich"] is not None:
            found.setdefault(row["Region"], set()).add(row["Vergleich"])
    return found


def test_member_panels_show_their_land_and_the_ring_panel_all_laender() -> None:
    _bars, trend = panel_charts(request(), "test", RING, three_laender(), "Quelle: Test")
    rows = trend._chart.table  # type: ignore[union-attr]
    assert references(rows) == {
        "Leipzig": {"Sachsen", "Deutschland"},
        "Halle": {"Sachsen-Anhalt", "Deutschland"},
        "Altenburger Land": {"Thüringen", "Deutschland"},
        ring_label(RING): {"Sachsen", "Sachsen-Anhalt", "Thüringen", "Deutschland"},
    }
    values = {(r["Region"], r["Vergleich"], r["Jahr"]): (r["Wert"], r["Zeichen"]) for r in rows}
    assert values["Altenburger Land", "Thüringen", 2022] == (None, ".")
    assert values["Altenburger Land", "Thüringen", 2023] == (7.5, None)
    assert values[ring_label(RING), "Deutschland", 2022] == (7.2, None)
    assert values["Halle", "Sachsen-Anhalt", 2023] == (10.0, None)
    assert "mit Land und Deutschland" in trend.title
    assert "Deutschland (in allen Feldern) von 7,2 % (2022) auf 6,9 % (2023)" in trend.alt_text
    svg = trend.svg()
    for text in ("Vergleichswerte", "Sachsen-Anhalt", "Thüringen", "Deutschland"):
        assert text in svg, text


def test_demo_dashboard_draws_the_stored_land_and_germany_values(
    ring_client: TestClient, ring_store: Store
) -> None:
    board = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard.json").json()
    page = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard").text
    tables = TABLE.findall(page)
    assert len(tables) == len(board["panels"])
    with ring_store.sessions() as session:
        lands = session.execute(select(Region.name, Region.code).where(Region.level == "land"))
        codes = {name: code for name, code in lands}
        for data, table in zip(board["panels"], tables, strict=True):
            p = PanelOut.model_validate(data)
            assert set(p.land_series) == set(p.lands) == {m.land_name for m in p.members}
            stored = {
                (row.subject, row.year): row.value
                for row in session.scalars(
                    select(IndicatorValue).where(IndicatorValue.indicator_code == p.code)
                )
            }
            expected = {
                name: [stored.get((codes[name], y)) for y in p.years] for name in p.land_series
            }
            expected["Deutschland"] = [stored.get(("DG", y)) for y in p.years]
            assert any(v is not None for v in expected["Deutschland"])
            _bars, trend = panel_charts(request(), DEMO_SLUG, board["ring"]["name"], p, "Q")
            rows = trend._chart.table  # type: ignore[union-attr]
            ring = ring_label(board["ring"]["name"])
            for name, values in expected.items():
                drawn = [
                    (r["Jahr"], r["Wert"])
                    for r in rows
                    if (r["Region"], r["Vergleich"]) == (ring, name)
                ]
                assert [v for _, v in drawn] == values, name
                assert f'<th scope="row">{name}</th>' in table
            assert "Vergleichslinien (gestrichelt):" in trend.alt_text
            assert data["charts"][1]["alt_text"] == trend.alt_text
