"""axe-core finds no serious or critical accessibility violation on any page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._axe import assert_accessible
from tests.browser._pages import PAGES, visit
from tests.browser._server import LiveServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [path for _, path in PAGES], ids=[name for name, _ in PAGES])
def test_page_has_no_serious_accessibility_violations(
    page: Page, live_server: LiveServer, path: str
) -> None:
    visit(page, live_server, path)
    assert_accessible(page)


@pytest.mark.parametrize("kind", ["kommunalprofil", "datensammlung"])
def test_standalone_report_html_has_no_serious_accessibility_violations(
    page: Page, live_server: LiveServer, kind: str
) -> None:
    # The HTML a report build writes (as downloaded), rendered on its own, not in the app.
    response = page.request.get(
        live_server.url(f"/berichte/download?art={kind}&region=15082&format=html")
    )
    assert response.status == 200
    page.set_content(response.text())
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)
