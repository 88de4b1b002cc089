"""A user's way through the indicator pages, by links and forms where the pages offer them.

Start page → catalogue → Kennblatt → Regionsprofil → Vergleich → Karte, then the map
classification form, then the CSV and XLSX downloads of a table page. Each hop is its own
test; a hop is skipped (with the reason) only when its target route does not exist yet.
Every page reached is checked with axe-core.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page

from tests.browser._axe import assert_accessible
from tests.browser._pages import GROUP, INDICATOR, REGION, VALUES, require_route, visit
from tests.browser._server import LiveServer

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Hop:
    name: str
    origin: str
    target: str


MAP = f"/karte?kennzahl={INDICATOR}"
JOURNEY = [
    Hop("start-to-catalogue", "/", "/kennzahlen"),
    Hop("catalogue-to-kennblatt", "/kennzahlen", f"/kennzahlen/{INDICATOR}"),
    Hop("kennblatt-to-profile", f"/kennzahlen/{INDICATOR}", f"/regionen/{REGION}/profil"),
    Hop(
        "profile-to-comparison",
        f"/regionen/{REGION}/profil",
        f"/vergleich?gruppe={GROUP}&kennzahl={INDICATOR}",
    ),
    Hop("comparison-to-map", f"/vergleich?gruppe={GROUP}&kennzahl={INDICATOR}", MAP),
]


def _address(url: str) -> tuple[str, frozenset[tuple[str, str]]]:
    """Path and query parameters, independent of host and parameter order."""
    parts = urlsplit(url)
    return parts.path, frozenset(parse_qsl(parts.query))


def _arrived(url: str, target: str) -> bool:
    """On ``target``'s path with all its parameters (a form may add its other fields)."""
    path, params = _address(url)
    wanted_path, wanted = _address(target)
    return path == wanted_path and wanted <= params


def _link_to(page: Page, target: str, *, exact: bool = True) -> Locator | None:
    """The first visible link to ``target`` (``exact=False``: to its path, any parameters)."""
    wanted = _address(target)
    links = page.locator("a[href]")
    for index in range(links.count()):
        link = links.nth(index)
        address = _address(link.evaluate("a => a.href"))
        matches = address == wanted if exact else address[0] == wanted[0]
        if matches and link.is_visible():
            return link
    return None


def _form_to(page: Page, target: str) -> Locator | None:
    """A GET form on the page that submits to ``target``'s path and has all its fields."""
    path, params = _address(target)
    forms = page.locator("form")
    for index in range(forms.count()):
        form = forms.nth(index)
        action = form.evaluate("f => f.action")
        method = (form.get_attribute("method") or "get").lower()
        if method != "get" or urlsplit(action).path != path:
            continue
        if all(form.locator(f'[name="{name}"]').count() for name, _ in params):
            return form
    return None


def _fill_and_submit(page: Page, form: Locator, target: str) -> None:
    """Choose or type each parameter of ``target`` into the form, then press its button."""
    for name, value in _address(target)[1]:
        field = form.locator(f'[name="{name}"]').first
        tag = field.evaluate("e => e.tagName.toLowerCase()")
        kind = field.get_attribute("type")
        if tag == "select":
            field.select_option(value)
        elif kind in ("checkbox", "radio"):
            form.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind != "hidden":
            field.fill(value)
    with page.expect_navigation():
        form.locator('[type="submit"], button:not([type])').first.click()


def _follow(page: Page, target: str) -> str | None:
    """On the current page: a link to ``target``, or a form that leads there."""
    link = _link_to(page, target)
    if link is not None:
        with page.expect_navigation():
            link.click()
        return "link"
    form = _form_to(page, target)
    if form is not None:
        _fill_and_submit(page, form, target)
        return "form"
    return None


def _go(page: Page, live: LiveServer, origin: str, target: str) -> str:
    """From ``origin`` to ``target`` as a user would.

    A link to the target, else a form that leads there, else a link to the target's page
    (e.g. in the main navigation) and its form; the address is typed only when the pages
    offer none of these (or the origin page is not written yet).
    """
    if not live.routes(origin):
        visit(page, live, target)
        return "address (origin page not written yet)"
    visit(page, live, origin)
    how = _follow(page, target)
    if how is not None:
        return how
    link = _link_to(page, target, exact=False)
    if link is not None:
        with page.expect_navigation():
            link.click()
        if _arrived(page.url, target):
            return "link"
        how = _follow(page, target)
        if how is not None:
            return f"link to {urlsplit(target).path}, then {how}"
    visit(page, live, target)
    return "address (no link or form leads there)"


@pytest.mark.parametrize("hop", JOURNEY, ids=[hop.name for hop in JOURNEY])
def test_user_follows_the_indicator_journey(page: Page, live_server: LiveServer, hop: Hop) -> None:
    require_route(live_server, hop.target)
    how = _go(page, live_server, hop.origin, hop.target)
    assert _arrived(page.url, hop.target), f"arrived at {page.url} by {how}"
    heading = page.locator("main h1")
    assert heading.count() == 1 and heading.inner_text().strip(), "page without a main heading"
    assert page.title().endswith("Bildungsmonitor")
    assert_accessible(page)


LEGEND = ".legend"


def _legend(page: Page) -> str:
    legend = page.locator(LEGEND)
    assert legend.count() == 1, f"{page.url}: expected one {LEGEND} element"
    return legend.inner_text()


def test_map_classification_form_changes_the_legend(page: Page, live_server: LiveServer) -> None:
    visit(page, live_server, MAP)
    before = _legend(page)
    select = page.locator("form select:has(option[value='jenks'])").first
    assert select.count(), f"no classification select with a 'jenks' option on {MAP}"
    assert select.input_value() != "jenks", "the map starts with jenks already"
    select.select_option("jenks")
    form = select.locator("xpath=ancestor::form[1]")
    with page.expect_navigation():
        form.locator('[type="submit"], button:not([type])').first.click()
    assert "jenks" in page.url, f"the classification is not in the address: {page.url}"
    after = _legend(page)
    assert after != before, f"legend unchanged after choosing jenks: {after!r}"
    assert page.locator("form select:has(option[value='jenks'])").first.input_value() == "jenks"
    assert_accessible(page)


def _download(page: Page, label: str, directory: Path) -> Path:
    link = page.locator("p.formats a", has_text=label)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    path = directory / download.suggested_filename
    download.save_as(path)
    return path


def test_table_page_downloads_open_as_csv_and_xlsx(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    visit(page, live_server, VALUES)
    csv_file = _download(page, "CSV", tmp_path)
    xlsx_file = _download(page, "XLSX", tmp_path)
    assert csv_file.suffix == ".csv" and xlsx_file.suffix == ".xlsx"

    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV without BOM (Excel would misread umlauts)"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Regionalschlüssel", "Gebietseinheit", "Zeitraum"]
    total = [
        row
        for row in rows[1:]
        if row[:1] == [REGION] and row[2] == "2023" and row[3].endswith("› Insgesamt › Insgesamt")
    ]
    assert [row[header.index("Wert")] for row in total] == ["1269"]

    workbook = load_workbook(xlsx_file)
    cells = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert cells[0][:3] == ["Regionalschlüssel", "Gebietseinheit", "Zeitraum"]
    column = cells[0].index("Wert")
    totals = [
        row[column]
        for row in cells[1:]
        if row[0] == REGION and str(row[3] or "").endswith("› Insgesamt › Insgesamt")
    ]
    assert totals == [1269]
