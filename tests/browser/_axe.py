"""axe-core in the page: inject the pinned ``axe.min.js`` and report serious violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).parents[2]
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations;
}"""


def violations(page: Page) -> list[dict[str, Any]]:
    """The violations of impact ``serious`` or ``critical`` on the page as it is now."""
    page.add_script_tag(path=AXE)
    found: list[dict[str, Any]] = page.evaluate(RUN)
    return [v for v in found if v.get("impact") in BLOCKING]


def describe(url: str, found: list[dict[str, Any]]) -> str:
    """One readable block per rule: impact, rule id, help text, the failing elements."""
    lines = [f"axe-core: {len(found)} serious/critical violation(s) on {url}"]
    for violation in found:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more element(s)")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds serious or critical violations."""
    found = violations(page)
    assert not found, describe(page.url, found)
