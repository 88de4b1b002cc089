"""Every page of the app with representative parameters, and how a test visits one."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._server import LiveServer

REGION = "15082"  # Anhalt-Bitterfeld, Landkreis
GROUP = "mitteldeutsches-revier"
INDICATOR = "D7.2"
VALUES = f"/werte?tabelle=21111-02-06-4&region={REGION}&jahr=2023"

# (page id, address); pages whose route is not written yet are skipped with that reason.
PAGES: list[tuple[str, str]] = [
    ("start", "/"),
    ("regionen", "/regionen"),
    ("regionen-land-kreise", "/regionen?land=15&ebene=kreis"),
    ("regionen-alle", "/regionen?status=alle"),
    ("region-kreis", f"/regionen/{REGION}"),
    ("region-land", "/regionen/15"),
    ("gruppen", "/gruppen"),
    ("gruppe", f"/gruppen/{GROUP}"),
    ("daten", "/daten"),
    ("import", "/daten/1"),
    ("merkmale", "/merkmale"),
    ("merkmale-tabelle", "/merkmale?tabelle=21111-02-06-4"),
    ("werte-leer", "/werte"),
    ("werte", VALUES),
    ("hinweise", "/hinweise"),
    ("fehlerseite-404", "/gibt-es-nicht"),
    ("kennzahlen", "/kennzahlen"),
    ("kennblatt", f"/kennzahlen/{INDICATOR}"),
    ("regionsprofil", f"/regionen/{REGION}/profil"),
    ("vergleich", f"/vergleich?gruppe={GROUP}&kennzahl={INDICATOR}"),
    ("karte", f"/karte?kennzahl={INDICATOR}"),
    ("berichte", "/berichte"),
    ("bericht-vorschau", f"/berichte/vorschau?art=kommunalprofil&region={REGION}"),
    ("vergleichsringe", "/ringe"),
    ("ring-oeffentlich", f"/ringe/{GROUP}"),
    ("ring-dashboard", f"/ringe/{GROUP}/dashboard"),
]
EXPECTED_STATUS = {"/gibt-es-nicht": 404}


def require_route(live: LiveServer, path: str) -> None:
    """Skip when the app has no route for ``path`` yet (decided from its route list)."""
    if not live.routes(path):
        pytest.skip(f"route for {path.split('?', 1)[0]} does not exist yet in the app")


def visit(page: Page, live: LiveServer, path: str) -> None:
    """Open ``path`` like a user typing the address; the page must answer as expected."""
    expected = EXPECTED_STATUS.get(path, 200)
    if expected == 200:
        require_route(live, path)
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == expected, f"{path}: HTTP {response.status}, expected {expected}"
