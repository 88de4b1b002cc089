"""Generated reference docs stay in step with the code (run `bildungsmonitor docs --write`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bildungsmonitor import _docs
from bildungsmonitor.cli import app

DOCS = Path(__file__).parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(_docs.render_all(app)))
def test_generated_doc_is_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == _docs.render_all(app)[name], (
        f"docs/{name} is outdated: run `bildungsmonitor docs --write`"
    )


def test_every_setting_and_command_is_documented() -> None:
    pages = _docs.render_all(app)
    for field in ("HOME", "DATABASE_URL", "HOST", "PORT"):
        assert f"BILDUNGSMONITOR_{field}" in pages["settings.md"]
    for command in ("import", "imports", "regions", "series", "values", "serve", "demo"):
        assert f"`bildungsmonitor {command}`" in pages["cli.md"]
