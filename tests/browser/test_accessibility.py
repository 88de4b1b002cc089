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
