"""At 360 px (a small phone) no page scrolls sideways; wide tables scroll in their wrapper."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._pages import PAGES, visit
from tests.browser._server import LiveServer

pytestmark = pytest.mark.browser

WIDTH = 360
# The innermost elements (boxes or their overflowing text) reaching past the viewport and
# not inside a scrolling container such as a table wrapper (for the failure message).
OVERFLOWING = """(width) => {
  const scrolls = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [];
  for (const e of document.body.querySelectorAll("*")) {
    const box = e.getBoundingClientRect();
    const clips = getComputedStyle(e).overflowX !== "visible";
    const reach = clips ? box.right : Math.max(box.right, box.left + e.scrollWidth);
    if (box.width > 0 && reach > width + 0.5 && !scrolls(e)) wide.push([e, reach]);
  }
  const innermost = wide.filter(([e]) => !wide.some(([o]) => o !== e && e.contains(o)));
  return innermost.slice(0, 8).map(([e, reach]) => {
    const cls = typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\\s+/).join(".") : "";
    const text = (e.textContent || "").trim().slice(0, 60);
    return `${e.tagName.toLowerCase()}${cls} reaching ${Math.round(reach)} px: "${text}"`;
  });
}"""


@pytest.mark.parametrize("path", [path for _, path in PAGES], ids=[name for name, _ in PAGES])
def test_page_does_not_scroll_sideways_at_360_px(
    page: Page, live_server: LiveServer, path: str
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 740})
    visit(page, live_server, path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > WIDTH:
        culprits = page.evaluate(OVERFLOWING, WIDTH)
        pytest.fail(
            f"{path}: page is {scroll_width} px wide at a {WIDTH} px viewport; sticking out: "
            + "; ".join(culprits)
        )
