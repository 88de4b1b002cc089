"""``report new`` / ``report build`` on a tiny app assembled with ``register``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from bildungsmonitor.reports.cli import register
from bildungsmonitor.store.database import Store


def _app(store: Store) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    def print_json(payload: Any) -> None:
        typer.echo(json.dumps(payload))

    register(app, lambda: store, print_json)
    return app


def test_new_prints_template_and_build_writes_outputs(demo_store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    app = _app(demo_store)
    new = runner.invoke(app, ["report", "new", "kommunalprofil", "--region", "15082"])
    assert new.exit_code == 0, new.output
    assert new.stdout.startswith("---\ntitle: Kommunalprofil Anhalt-Bitterfeld")
    template = tmp_path / "profil.md"
    template.write_text(new.stdout, encoding="utf-8")
    built = runner.invoke(app, ["report", "build", str(template), "--html", "--json"])
    assert built.exit_code == 0, built.output
    summary = json.loads(built.stdout.strip().splitlines()[-1])
    assert Path(summary["outputs"]["html"]).exists()
    assert (tmp_path / "profil.manifest.json").exists()


def test_unknown_kind_fails_in_german(demo_store: Store) -> None:
    result = CliRunner().invoke(_app(demo_store), ["report", "new", "roman", "--region", "15082"])
    assert result.exit_code != 0
