"""Indicator commands as a user types them: compute, value, indicators, sheet."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bildungsmonitor.cli import app

runner = CliRunner()


def _run(database_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"BILDUNGSMONITOR_DATABASE_URL": database_url})
    return result.exit_code, result.stdout


def test_compute_then_value_for_region_and_group(database_url: str, genesis: Path) -> None:
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    code, _ = _run(database_url, "groups", "create", "Revier Teil", "15082", "15002")
    assert code == 0
    code, _ = _run(database_url, "compute")
    assert code == 0
    code, out = _run(database_url, "value", "D7.2", "15082", "2023")
    assert code == 0
    assert "16,8 %" in out
    code, out = _run(database_url, "value", "D7.2", "15082", "2023", "--json")
    payload = json.loads(out)
    assert payload["value"]["value"] == 100 * 213 / 1269
    assert payload["value"]["numerator"] == 213
    assert payload["value"]["denominator"] == 1269
    assert {i["alias"] for i in payload["inputs"]} == {"abg_ohne_hsa", "abg_insg"}
    assert any("13.03.2025" in s for s in payload["sources"])
    code, out = _run(database_url, "value", "D7.2", "group:revier-teil", "2023", "--json")
    group = json.loads(out)
    members = group["members"]
    assert group["value"]["numerator"] == sum(m["numerator"] for m in members)
    assert group["value"]["denominator"] == sum(m["denominator"] for m in members)


def test_indicator_listing_by_area_and_kennblatt(database_url: str, genesis: Path) -> None:
    code, out = _run(database_url, "indicators", "--area", "D", "--json")
    assert code == 0
    listing = json.loads(out)
    assert listing["count"] >= 20
    assert {i["area"] for i in listing["data"]} == {"D"}
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    _run(database_url, "compute")
    code, out = _run(database_url, "sheet", "D7.2")
    assert code == 0
    assert out.startswith("# Kennblatt D7.2")
    assert "21111-02-06-4.csv" in out


def test_unknown_indicator_is_a_clean_error(database_url: str) -> None:
    result = runner.invoke(
        app, ["value", "Z9.9", "15082", "2023"], env={"BILDUNGSMONITOR_DATABASE_URL": database_url}
    )
    assert result.exit_code != 0
    assert result.exception is not None
    assert "Z9.9" in str(result.exception)
