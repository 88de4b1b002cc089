"""Browser tests: the real app under uvicorn, driven by Debian's chromium through Playwright.

Needs ``/usr/bin/chromium`` and axe-core in ``tools/axe/node_modules``; both come from
``scripts/ensure-browser.sh`` (``make test`` runs it first). Without them the tests fail
and say so: they are never skipped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bildungsmonitor.store.database import Store
from bildungsmonitor.web import create_app
from tests.browser._axe import AXE
from tests.browser._server import LiveServer, ServerThread

CHROMIUM = Path("/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: drives the real app in Debian's chromium (needs scripts/ensure-browser.sh)",
    )


@pytest.fixture(scope="package")
def browser_prerequisites() -> None:
    """Fail (not skip) when chromium or axe-core is missing, with the command that fixes it."""
    missing = [str(path) for path in (CHROMIUM, AXE) if not path.is_file()]
    if missing:
        pytest.fail(
            f"Browser tests need {' and '.join(missing)}. Run scripts/ensure-browser.sh "
            "(installs Debian's chromium and axe-core from tools/axe/package-lock.json).",
            pytrace=False,
        )


@pytest.fixture(scope="package")
def live_server(browser_prerequisites: None, demo_store: Store) -> Iterator[LiveServer]:
    """``create_app(store=demo_store)`` under uvicorn on 127.0.0.1 and a free port."""
    server = ServerThread(create_app(store=demo_store))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="package")
def browser(browser_prerequisites: None) -> Iterator[Browser]:
    # Package scope: Playwright's sync API and its event loop end with the browser tests.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies, no history) at desktop size.

    ``bypass_csp`` lets the test inject axe-core; the app's policy forbids inline scripts.
    """
    context = browser.new_context(
        base_url=live_server.base_url,
        viewport=DESKTOP,
        locale="de-DE",
        accept_downloads=True,
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
