"""The command line as a user types it (against a real database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bildungsmonitor.cli import app

runner = CliRunner()


def _run(database_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"BILDUNGSMONITOR_DATABASE_URL": database_url})
    return result.exit_code, result.stdout


def test_import_then_query_values_as_json(database_url: str, genesis: Path) -> None:
    code, _ = _run(
        database_url,
        "import",
        str(genesis / "21111-02-06-4.csv"),
        str(genesis / "12411-01-01-4_00.csv"),
    )
    assert code == 0
    code, out = _run(
        database_url,
        "values",
        "--table",
        "21111-02-06-4",
        "--region",
        "15082",
        "--year",
        "2023",
        "--json",
    )
    assert code == 0
    payload = json.loads(out)
    by_label = {v["label"].split(" › ", 1)[1]: v for v in payload["data"]}
    assert by_label["Insgesamt › Insgesamt"]["value"] == 1269
    assert by_label["ohne Hauptschulabschluss › Insgesamt"]["value"] == 213
    assert by_label["mit Fachhochschulreife › Insgesamt"]["symbol"] == "-"
    assert by_label["mit Fachhochschulreife › Insgesamt"]["value"] is None
    assert payload["count"] == 14
    assert {v["file_name"] for v in payload["data"]} == {"21111-02-06-4.csv"}


def test_imports_regions_series_listings(database_url: str, genesis: Path) -> None:
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    code, out = _run(database_url, "imports", "--json")
    assert code == 0
    (record,) = json.loads(out)["data"]
    assert record["stand"] == "13.03.2025 / 16:40:08"
    assert "Datenlizenz Deutschland" in record["licence"]
    code, out = _run(database_url, "regions", "--under", "15", "--level", "kreis", "--json")
    regions = {r["code"]: r for r in json.loads(out)["data"]}
    assert len(regions) == 14
    assert regions["15082"]["name"] == "Anhalt-Bitterfeld, Landkreis"
    assert regions["15082"]["region_type"] == "Landkreis"
    assert regions["15002"]["region_type"] == "kreisfreie Stadt"
    code, out = _run(database_url, "series", "--table", "21111-02-06-4", "--json")
    assert json.loads(out)["count"] == 14


def test_broken_file_gives_german_located_error_and_exit_code(
    database_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "falsch.csv"
    bad.write_text("Hallo;Welt\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(bad)], env={"BILDUNGSMONITOR_DATABASE_URL": database_url}
    )
    assert result.exit_code == 1
    assert "falsch.csv" in result.stderr
    assert "Zeile 1" in result.stderr


def test_group_create_show_delete(database_url: str, genesis: Path) -> None:
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    code, _ = _run(database_url, "groups", "create", "Unser Ring", "15082", "15002")
    assert code == 0
    code, out = _run(database_url, "groups", "show", "unser-ring", "--json")
    assert json.loads(out)["group"]["members"] == ["15002", "15082"]
    code, _ = _run(database_url, "groups", "create", "Falsch", "99999")
    assert code != 0
    code, _ = _run(database_url, "groups", "delete", "unser-ring")
    assert code == 0
    code, out = _run(database_url, "groups", "list", "--json")
    assert json.loads(out)["count"] == 0


def test_template_is_written_and_importable(
    database_url: str, tmp_path: Path, genesis: Path
) -> None:
    _run(database_url, "import", str(genesis / "21111-02-06-4.csv"))
    target = tmp_path / "vorlage.csv"
    code, _ = _run(database_url, "template", "--out", str(target))
    assert code == 0
    code, _ = _run(database_url, "import", str(target))
    assert code == 0
    code, out = _run(database_url, "values", "--table", "eigene-daten", "--json")
    assert json.loads(out)["count"] == 4


def test_serve_starts_one_process_or_several_workers(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    started: list[tuple[object, dict[str, object]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.append((app, options)))
    env = {"BILDUNGSMONITOR_DATABASE_URL": database_url}
    assert runner.invoke(app, ["serve", "--port", "8123"], env=env).exit_code == 0
    served, options = started[-1]
    assert not isinstance(served, str) and options["port"] == 8123  # the app object itself
    env["BILDUNGSMONITOR_WORKERS"] = "2"
    assert runner.invoke(app, ["serve"], env=env).exit_code == 0
    served, options = started[-1]
    assert served == "bildungsmonitor.web.app:create_app"  # each worker builds its own app
    assert (options["factory"], options["workers"]) == (True, 2)
