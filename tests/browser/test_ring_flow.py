"""The Kennzahlenvergleich once through the browser, by the pages' links and forms:
create a ring of the nine Revier members → start an Auswahlrunde → member 1 answers in
the web form → member 2 downloads the Excel sheet, fills it in and uploads it → the
coordination filters the Basisset → agrees the Vergleichsset → the dashboard shows the
agreed indicators for all nine members with the ring value Σ Zähler / Σ Nenner and its
charts; finally the coordination replaces member 2's access link. Every ring page reached
is checked with axe-core.

The app runs on a writable copy of the session's demo database (the demo store itself is
read-only for tests), so this module brings its own ``live_server``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page
from sqlalchemy import select

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.compute.figure import display
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import IndicatorValue
from bildungsmonitor.web import create_app
from tests.browser._axe import assert_accessible
from tests.browser._server import LiveServer, ServerThread
from tests.comparison._demo_copy import copy_demo
from tests.web.test_ring_flow import MEMBERS, fill_workbook

pytestmark = pytest.mark.browser

SLUG = "browser-revier"
LEIPZIG, HALLE = "14713", "15002"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def ring_store(
    demo_store: Store, postgres: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    store = copy_demo(demo_store, postgres, tmp_path_factory.mktemp("ring-browser"))
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def live_server(browser_prerequisites: None, ring_store: Store) -> Iterator[LiveServer]:
    """Overrides the package's server: the app on the writable copy."""
    server = ServerThread(create_app(store=ring_store))
    try:
        yield server.start()
    finally:
        server.stop()


def checked(page: Page) -> None:
    """The page answered without an error page and passes axe-core."""
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def row_of(page: Page, caption: str, header: str) -> Locator:
    """The body row whose row header is ``header`` in the table captioned ``caption``."""
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    return table.locator("tbody tr", has=page.locator(f'th:text-is("{header}")'))


def create_ring(page: Page) -> tuple[str, dict[str, str]]:
    """The ring form; returns the coordination's link and the member links by code."""
    page.goto("/ringe")
    page.get_by_role("link", name="Neuen Vergleichsring anlegen").click()
    checked(page)
    page.get_by_label("Name des Vergleichsrings").fill("Browserring Mitteldeutsches Revier")
    page.get_by_label("Kürzel für die Adresse").fill(SLUG)
    page.get_by_label("Koordinierende Stelle").fill("Koordinierungsstelle Browsertest")
    page.locator("#mitglieder").select_option(MEMBERS)
    button(page, "Vergleichsring anlegen").click()
    page.get_by_text("nur dieses eine Mal").wait_for()
    checked(page)
    coordinator = page.locator("main p a.hash").first.get_attribute("href")
    links = {}
    for code in MEMBERS:
        row = row_of(page, "Ein Link je Mitglied", code)
        links[code] = str(row.locator("a").get_attribute("href"))
    assert coordinator and all(links.values())
    return coordinator, links


def start_round(page: Page, coordinator: str) -> int:
    page.goto(coordinator)
    checked(page)
    page.get_by_role("link", name="Neue Auswahlrunde starten").click()
    page.get_by_label("Titel der Auswahlrunde").fill("Browser-Auswahlrunde")
    page.locator("#bereich-D").check()
    page.locator("#themen").fill("Digitalisierung und Medienbildung")
    checked(page)
    button(page, "Auswahlrunde starten").click()
    page.wait_for_url(re.compile(rf"/ringe/{SLUG}/runden/\d+"))
    checked(page)
    return int(re.findall(r"/runden/(\d+)", page.url)[0])


def computable_ratio_codes(page: Page, coordinator: str, round_id: int) -> list[str]:
    """Two ratio indicators of the round that the shipped data computes for every member
    (looked up in the coordination's Basisset, as a coordinator would)."""
    token = coordinator.split("token=", 1)[1]
    entries = page.request.get(
        f"/api/v1/rings/{SLUG}/rounds/{round_id}/basisset", headers={"X-Ring-Token": token}
    ).json()["data"]
    catalogue = load_catalogue()
    codes = [
        e["code"]
        for e in entries
        if e["computable_year"] and catalogue.indicator(e["code"]).is_ratio
    ]
    assert len(codes) >= 2
    return codes[:2]


def open_round(page: Page, member_link: str) -> None:
    page.goto(member_link)
    page.get_by_role("link", name="Browser-Auswahlrunde").click()


def answer_by_form(page: Page, member_link: str, codes: list[str]) -> None:
    open_round(page, member_link)
    for code in codes:
        page.get_by_label(f"Interesse an {code}", exact=True).select_option("ja")
        page.get_by_label(f"Priorität für {code}", exact=True).select_option("1")
        page.get_by_label(f"Daten vorhanden für {code}", exact=True).select_option("ja")
        page.get_by_label(f"Steuerungsrelevant: {code}", exact=True).select_option("ja")
    checked(page)
    button(page, "Auswahl speichern").click()
    page.get_by_text(f"{len(codes)} Angaben gespeichert.").wait_for()


def answer_by_excel(page: Page, member_link: str, codes: list[str], folder: Path) -> None:
    open_round(page, member_link)
    with page.expect_download() as download:
        page.get_by_role("link", name="Als Excel-Datei herunterladen").click()
    sheet = folder / "auswahl.xlsx"
    download.value.save_as(sheet)
    filled = fill_workbook(sheet.read_bytes(), codes)
    page.get_by_label("Ausgefüllte Excel-Datei hochladen").set_input_files(
        files=[{"name": "auswahl.xlsx", "mimeType": XLSX, "buffer": filled}]
    )
    button(page, "Hochladen").click()
    page.get_by_text(f"{len(codes)} Angaben gespeichert.").wait_for()
    checked(page)


def check_basisset(page: Page, coordinator: str, codes: list[str]) -> None:
    page.goto(coordinator)
    page.get_by_role("link", name="Basisset").click()
    page.get_by_label("nur gewählte").check()
    button(page, "Anzeigen").click()
    page.wait_for_url(re.compile(r"nur_gewaehlt=true"))
    checked(page)
    rows = page.locator("table tbody tr")
    assert rows.count() == len(codes)
    for code in codes:
        cells = row_of(page, "Basisset", code).locator("td")
        assert cells.nth(2).inner_text() == "2"  # Interesse (Anzahl)
        assert cells.nth(3).inner_text() == f"{LEIPZIG}, {HALLE}"  # Interesse von


def agree_set(page: Page, codes: list[str]) -> None:
    page.locator("nav.subnav").get_by_role("link", name="Vergleichsset").click()
    page.get_by_label("Kennzahlen").fill(", ".join(codes))
    page.get_by_label("Datum des Beschlusses").fill("2025-05-20")
    page.get_by_label("Sitzung", exact=True).fill("2. Ringtreffen (Browsertest)")
    button(page, "Speichern").click()
    page.get_by_text("Geltendes Vergleichsset (Version 1)").wait_for()
    checked(page)


def stored_values(store: Store, code: str, year: int) -> list[IndicatorValue]:
    with store.transaction() as session:
        rows = session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.indicator_code == code,
                IndicatorValue.year == year,
                IndicatorValue.subject.in_(MEMBERS),
            )
        ).all()
        session.expunge_all()
    assert len(rows) == 9
    return list(rows)


def check_dashboard(page: Page, store: Store, codes: list[str]) -> None:
    page.locator("nav.subnav").get_by_role("link", name="Dashboard").click()
    checked(page)
    catalogue = load_catalogue()
    for code in codes:
        indicator = catalogue.indicator(code)
        heading = page.locator(f'h2:text-is("{code} {indicator.name}")')
        section = page.locator("section", has=heading)
        caption = page.locator("caption", has_text="Mitglieder nebeneinander")
        table = section.locator("table").filter(has=caption)
        year = int(re.findall(r", (\d{4}): Mitglieder", table.locator("caption").inner_text())[0])
        rows = stored_values(store, code, year)
        # the ring's value: factor × Σ Zähler / Σ Nenner of the nine members
        numerator = sum(r.numerator for r in rows if r.numerator is not None)
        denominator = sum(r.denominator for r in rows if r.denominator is not None)
        ring = display(indicator.factor * numerator / denominator, None, False, indicator.decimals)
        kinds = page.locator("td", has_text=re.compile(r"^(kreisfreie Stadt|Landkreis)$"))
        members = table.locator("tbody tr").filter(has=kinds)
        assert members.count() == 9
        shown = sorted(members.nth(i).locator("td").nth(1).inner_text() for i in range(9))
        d = indicator.decimals
        assert shown == sorted(display(r.value, r.symbol, r.bracketed, d) for r in rows)
        ring_row = table.locator("tbody tr").filter(has=page.locator('td:text-is("Ring")'))
        assert ring_row.locator("td").nth(1).inner_text() == ring
        # the bar chart carries the same numbers, the time series the ring's panel
        figures = section.locator("figure.chart")
        assert figures.count() == 2
        bars = figures.nth(0).locator(".chart-svg").inner_html()
        for value in [ring, *(display(r.value, None, False, d) for r in rows)]:
            assert f">{value}<" in bars, value
        assert "Ring Browserring Mitteldeutsches Revier (Σ/Σ)" in figures.nth(1).inner_html()


def replace_member_link(page: Page, coordinator: str, old: str) -> None:
    """The coordination issues a new link for member 2: shown once, the old one refused."""
    page.goto(coordinator)
    page.get_by_label("Neuer Zugangslink für").select_option(HALLE)
    button(page, "Neuen Zugangslink ausstellen").click()
    page.get_by_text("nur dieses eine Mal").wait_for()
    checked(page)
    new = str(page.locator("main p a.hash").get_attribute("href"))
    assert new != old
    refused = page.goto(old)
    assert refused is not None and refused.status == 403
    accepted = page.goto(new)
    assert accepted is not None and accepted.status == 200
    page.get_by_text(f"Ihre Rolle: Mitglied {HALLE}").wait_for()


def test_ring_from_creation_to_dashboard_in_the_browser(
    page: Page, live_server: LiveServer, ring_store: Store, tmp_path: Path
) -> None:
    coordinator, members = create_ring(page)
    round_id = start_round(page, coordinator)
    codes = computable_ratio_codes(page, coordinator, round_id)
    answer_by_form(page, members[LEIPZIG], codes)
    answer_by_excel(page, members[HALLE], codes, tmp_path)
    check_basisset(page, coordinator, codes)
    agree_set(page, codes)
    check_dashboard(page, ring_store, codes)
    replace_member_link(page, coordinator, members[HALLE])
