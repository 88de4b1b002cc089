"""The licence named in pyproject.toml ships as its full text and the README points to it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_licence_file_is_the_complete_eupl_1_2_named_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "EUPL-1.2"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    articles = [f"\n{number}. " for number in range(1, 16)]
    assert all(article in text for article in articles)
    assert text.rstrip().endswith("require the production of a new\nEUPL version.")


def test_readme_names_the_licence_and_links_its_text() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "EUPL-1.2" in readme and "(LICENSE)" in readme
