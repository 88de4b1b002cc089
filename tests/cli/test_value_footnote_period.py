"""`value` lists only the footnotes whose period includes the value's year."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bildungsmonitor.cli import app

runner = CliRunner()
GERMANY_2007 = "Deutschland (2007): das Bundesergebnis enthält das Landesergebnis Hessens"
ROUNDING = "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren"


def _notes(database_url: str, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"BILDUNGSMONITOR_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.stdout
    return "\n".join(json.loads(result.stdout)["footnotes"])


def test_a_note_limited_to_2007_shows_under_2007_only(database_url: str, genesis: Path) -> None:
    for name in ("21111-02-06-4.csv", "datenguide-genesapi_21111-02-06-4.csv"):
        runner.invoke(
            app, ["import", str(genesis / name)], env={"BILDUNGSMONITOR_DATABASE_URL": database_url}
        )
    runner.invoke(app, ["compute"], env={"BILDUNGSMONITOR_DATABASE_URL": database_url})
    recent = _notes(database_url, "value", "D7.2", "15082", "2023", "--json")
    assert GERMANY_2007 not in recent
    assert ROUNDING in recent  # »ab 2017/18«: still in force
    old = _notes(database_url, "value", "D7.2", "15082", "2007", "--json")
    assert GERMANY_2007 in old
    assert ROUNDING not in old
