"""HTML basics on every page: language, one h1, captions, labels, no inline styles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web._html import parse

PAGES = [
    "/",
    "/regionen",
    "/regionen/15082",
    "/gruppen",
    "/gruppen/mitteldeutsches-revier",
    "/daten",
    "/daten/13",
    "/merkmale",
    "/merkmale?tabelle=21111-02-06-4",
    "/werte",
    "/werte?tabelle=21111-02-06-4&region=15082&jahr=2023",
    "/hinweise",
    "/gibt-es-nicht",
]
CONTROLS = ("input", "select", "textarea")


@pytest.fixture(scope="module", params=PAGES)
def page(request: pytest.FixtureRequest, client: TestClient) -> str:
    text: str = client.get(request.param).text
    return text


def test_page_is_german_with_one_h1_and_landmarks(page: str) -> None:
    parsed = parse(page)
    assert parsed.all("html")[0]["lang"] == "de"
    assert len(parsed.all("h1")) == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert len(parsed.all(landmark)) == 1, landmark
    skip = parsed.all("a")[0]
    assert skip["href"] == "#inhalt"
    assert parsed.all("main")[0]["id"] == "inhalt"


def test_every_table_has_a_caption_and_scoped_headers(page: str) -> None:
    parsed = parse(page)
    assert parsed.tables_without_caption == 0
    assert all(th.get("scope") in ("col", "row") for th in parsed.all("th"))


def test_every_form_control_has_a_label(page: str) -> None:
    parsed = parse(page)
    labelled = {label.get("for") for label in parsed.all("label")}
    for tag in CONTROLS:
        for control in parsed.all(tag):
            if control.get("type") in ("hidden", "submit"):
                continue
            assert control.get("id") in labelled, control


def test_no_inline_styles_or_scripts(page: str) -> None:
    parsed = parse(page)
    assert not any("style" in attrs for _tag, attrs in parsed.tags)
    assert not parsed.all("style")
    assert all((script.get("src") or "").startswith("/static/") for script in parsed.all("script"))


def test_stylesheet_is_served_locally(client: TestClient) -> None:
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert ":focus-visible" in response.text
    assert "http" not in response.text
