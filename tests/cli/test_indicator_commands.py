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
    notes = "\n".join(payload["footnotes"])
    assert "Sachsen-Anhalt: ab 2017/18 sind die Ergebnisse einem 3er-Rundungsverfahren" in notes
    assert "Bremen:" not in notes  # another Land's note does not apply
    code, out = _run(database_url, "value", "D7.2", "group:revier-teil", "2023", "--json")
    group = json.loads(out)
    members = group["members"]
    assert group["value"]["numerator"] == sum(m["numerator"] for m in members)
    assert group["value"]["denominator"] == sum(m["denominator"] for m in members)
    # a group's value is traceable too: the members' file, and the notes of their Länder
    assert group["sources"] == payload["sources"]
    group_notes = "\n".join(group["footnotes"])
    assert "Sachsen-Anhalt: ab 2017/18" in group_notes and "Bremen:" not in group_notes
    code, out = _run(database_url, "value", "D7.2", "group:revier-teil", "2023")
    text = " ".join(out.split())  # the console wraps long lines
    assert "Anhalt-Bitterfeld, Landkreis: 16,8 %" in text  # a member line
    assert "Quelle: 21111-02-06-4.csv (Tabelle 21111-02-06-4), Stand 13.03.2025" in text
    assert "Anmerkung 1: " in text and "Deutschland: 7,1 %" in text
    assert "Deutschland Deutschland" not in text


def test_value_shows_a_dash_numerator(database_url: str, genesis: Path) -> None:
    # Flensburg (01001) 2023: no Absolvierende mit Fachhochschulreife ("-"), 1059 in all
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    _run(database_url, "compute", "--code", "D7.1d")
    code, out = _run(database_url, "value", "D7.1d", "01001", "2023")
    assert code == 0
    assert "Zähler -, Nenner 1059" in out
    code, out = _run(database_url, "value", "D7.1d", "01001", "2023", "--json")
    value = json.loads(out)["value"]
    assert (value["numerator"], value["numerator_symbol"]) == (None, "-")
    assert (value["denominator"], value["denominator_symbol"]) == (1059, None)


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


def test_check_lists_plausibility_findings_by_region(
    database_url: str, genesis: Path, tmp_path: Path
) -> None:
    lines = (genesis / "21111-02-06-4.csv").read_bytes().split(b"\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(b"2023;15082;")]
    fields = lines[index].split(b";")
    fields[5] = b"5000"  # ohne Hauptschulabschluss > insgesamt (1269)
    lines[index] = b";".join(fields)
    damaged = tmp_path / "21111-02-06-4-geaendert.csv"
    damaged.write_bytes(b"\n".join(lines))
    _run(database_url, "import", str(damaged))
    _run(database_url, "compute")
    code, out = _run(database_url, "check", "--region", "15082", "--json")
    assert code == 0
    findings = json.loads(out)["data"]
    assert {(f["code"], f["year"]) for f in findings} >= {("parts-exceed-total", 2023)}
    assert "value-out-of-range" in {f["code"] for f in findings}
