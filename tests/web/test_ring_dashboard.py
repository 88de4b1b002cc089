"""The Vergleichsdashboard's figures on the demo data: per agreed indicator a bar chart and
a time series as inline SVG carrying the members' and the ring's values, with text
alternative, source line and SVG/PNG downloads that follow the ring's access rules."""

from __future__ import annotations

import html
import re
import warnings

from bildungsmonitor.comparison.demo import DEMO_SLUG
from bildungsmonitor.compute.figure import display
from tests.web import test_ring_flow as flow
from tests.web.test_ring_flow import coordinator, create_test_ring

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

# the writable demo copy of the flow tests, one per module
ring_store = flow.ring_store
ring_client = flow.ring_client

FIGURE = re.compile(r'<figure class="chart".*?</figure>', re.S)


def shown(value: float, decimals: int) -> str:
    return ">" + display(value, None, False, decimals) + "<"


def test_public_dashboard_has_a_bar_chart_and_a_time_series_per_indicator(
    ring_client: TestClient,
) -> None:
    board = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard.json").json()
    assert len(board["panels"]) >= 2
    page = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard")
    assert page.status_code == 200
    figures = FIGURE.findall(page.text)
    assert len(figures) == 2 * len(board["panels"])
    pairs = zip(figures[::2], figures[1::2], strict=True)
    for panel, (bars, trend) in zip(board["panels"], pairs, strict=True):
        assert [c["name"] for c in panel["charts"]] == [
            f"{panel['code']}-balken",
            f"{panel['code']}-zeitreihe",
        ]
        assert len(panel["members"]) == 9
        for member in panel["members"]:
            if member["value"]["value"] is not None:
                assert shown(member["value"]["value"], panel["decimals"]) in bars, member
            assert member["name"] in bars and member["name"] in trend
        assert f"Ring {board['ring']['name']} (Σ/Σ)" in bars
        assert shown(panel["ring"]["value"], panel["decimals"]) in bars
        assert shown(panel["germany"]["value"], panel["decimals"]) in bars
        for land in panel["lands"]:
            assert land in bars
        last = panel["ring_series"][-1]["value"]
        assert last is not None and display(last, None, False, panel["decimals"]) in trend
        for figure in (bars, trend):
            assert "<svg" in figure and "<figcaption" in figure
            assert "Textalternative:" in figure and "Quelle:" in figure
            assert "Σ Zähler / Σ Nenner" in figure and "dl-de/by-2-0" in figure


def test_chart_downloads_as_svg_and_png(ring_client: TestClient) -> None:
    board = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard.json").json()
    bars, trend = board["panels"][0]["charts"]
    svg = ring_client.get(bars["svg_url"])
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg") and bars["title"] in svg.text
    png = ring_client.get(trend["png_url"])
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    missing = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard/grafik/XX-balken.svg")
    assert missing.status_code == 404


def test_member_sees_its_member_highlighted_and_downloads_need_the_link(
    ring_client: TestClient,
) -> None:
    slug = "grafik-mitglied"
    created = create_test_ring(ring_client, slug, publication="ring")
    agreed = ring_client.post(
        f"/api/v1/rings/{slug}/sets",
        json={"codes": ["D7.2"], "decided_on": "2025-05-20", "meeting": "Ringtreffen"},
        headers=coordinator(created),
    )
    assert agreed.status_code == 201, agreed.text
    token = created["member_tokens"]["15002"]
    board = ring_client.get(f"/ringe/{slug}/dashboard.json?token={token}").json()
    bars = board["panels"][0]["charts"][0]
    assert bars["svg_url"] == f"/ringe/{slug}/dashboard/grafik/D7.2-balken.svg?token={token}"
    svg = ring_client.get(bars["svg_url"]).text
    assert "ausgewählte Region" in svg and "Halle" in svg
    as_coordinator = ring_client.get(
        f"/ringe/{slug}/dashboard/grafik/D7.2-balken.svg", headers=coordinator(created)
    )
    assert as_coordinator.status_code == 200 and "ausgewählte Region" not in as_coordinator.text
    assert ring_client.get(f"/ringe/{slug}/dashboard/grafik/D7.2-balken.svg").status_code == 404
    api = ring_client.get(f"/api/v1/rings/{slug}/dashboard", headers={"X-Ring-Token": token})
    assert api.json()["panels"][0]["charts"][1]["name"] == "D7.2-zeitreihe"


def test_figures_carry_the_source_footnotes_of_the_members_only(
    ring_client: TestClient,
) -> None:
    board = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard.json").json()
    notes = [n for panel in board["panels"] for n in panel["footnotes"]]
    assert notes  # the shipped tables carry notes on the members' Länder
    others = ("Bremen:", "Schleswig-Holstein:", "Bayern:", "Hamburg:")
    assert not any(n.startswith(others) for n in notes)  # no member lies there
    page = ring_client.get(f"/ringe/{DEMO_SLUG}/dashboard").text
    assert html.escape(notes[0], quote=False) in page
