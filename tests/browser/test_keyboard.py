"""Keyboard use: the skip link comes first and leads to the content; focus is visible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._pages import VALUES, visit
from tests.browser._server import LiveServer

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
          href: e.getAttribute("href"), text: (e.textContent || "").trim().slice(0, 60)};
}"""
# What makes the focused element visibly different: an outline or a focus ring (box-shadow).
FOCUS_STYLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return {outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          boxShadow: style.boxShadow};
}"""
TAB_STOPS = 25


def _indicator_is_visible(style: dict[str, object]) -> bool:
    outline = style["outlineStyle"] != "none" and float(str(style["outlineWidth"])) >= 2
    return outline or style["boxShadow"] != "none"


@pytest.mark.parametrize("path", ["/", VALUES])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, live_server: LiveServer, path: str
) -> None:
    visit(page, live_server, path)
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first["tag"] == "a", f"first Tab stop is {first}, not the skip link"
    assert first["href"] == "#inhalt", f"first Tab stop is {first}, not the skip link"
    assert page.locator("a.skip-link").is_visible(), "the focused skip link is not visible"
    page.keyboard.press("Enter")
    focused = page.evaluate(ACTIVE)
    assert (focused["tag"], focused["id"]) == ("main", "inhalt"), f"focus went to {focused}"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert inside, "the Tab after the skip link does not continue inside main"


@pytest.mark.parametrize("path", ["/", VALUES])
def test_every_tab_stop_shows_a_visible_focus_indicator(
    page: Page, live_server: LiveServer, path: str
) -> None:
    visit(page, live_server, path)
    seen = 0
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active["tag"] == "body":
            break
        style = page.evaluate(FOCUS_STYLE)
        assert _indicator_is_visible(style), f"no visible focus on {active}: {style}"
        seen += 1
    assert seen >= 5, f"only {seen} Tab stops on {path}"
