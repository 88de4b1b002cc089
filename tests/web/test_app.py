"""The app is assembled from explicit lists; new page families plug in as routers."""

from __future__ import annotations

from typing import ClassVar

from fastapi import APIRouter, Request, Response
from fastapi.testclient import TestClient

from bildungsmonitor.settings import Settings
from bildungsmonitor.store.database import Store
from bildungsmonitor.web.app import ROUTERS, create_app
from bildungsmonitor.web.models import SourceOut
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import TABLE_FORMATS, add_page
from bildungsmonitor.web.table import Column, Figure, Table
from bildungsmonitor.web.view import PageView


class DemoIndicatorPage(PageView):
    """A stand-in for the indicator pages to come (synthetic figure, labelled as such)."""

    template: ClassVar[str] = "groups.html"
    value: float

    def table(self) -> Table:
        source = SourceOut(file_name="synthetisch", table_code="TEST", stand=None, licence=None)
        return Table(
            "Synthetischer Testwert",
            [Column("name", "Kennzahl"), Column("value", "Wert", numeric=True)],
            [["D4.1 (Test)", Figure(self.value, None, "12,5")]],
            [source],
        )


def indicator(request: Request) -> Response:
    return render(request, DemoIndicatorPage(title="Kennzahl (Test)", value=12.5))


def test_a_new_router_brings_its_page_with_all_twins(store: Store) -> None:
    router = APIRouter()
    add_page(router, "/testseite/kennzahl", indicator, name="indicator", twins=TABLE_FORMATS)
    client = TestClient(create_app(store=store, routers=(*ROUTERS, router)))
    assert "Synthetischer Testwert" in client.get("/testseite/kennzahl").text
    assert client.get("/testseite/kennzahl.json").json()["value"] == 12.5
    assert "D4.1 (Test);12,5" in client.get("/testseite/kennzahl.csv").content.decode("utf-8-sig")
    assert client.get("/testseite/kennzahl.xlsx").status_code == 200


def test_app_from_settings_owns_and_closes_its_store() -> None:
    settings = Settings(database_url="sqlite:///:memory:")
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/hinweise").status_code == 200
    assert app.state.settings is settings


def test_security_headers(store: Store) -> None:
    response = TestClient(create_app(store=store)).get("/hinweise")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_api_documentation_loads_nothing_from_other_hosts(store: Store) -> None:
    with TestClient(create_app(store=store)) as client:
        page = client.get("/api/docs")
        assert page.status_code == 200
        assert "/api/v1/openapi.json" in page.text
        assert "http://" not in page.text and "https://" not in page.text
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
            assert f"/api/docs-static/{asset}" in page.text
            response = client.get(f"/api/docs-static/{asset}")
            assert response.status_code == 200 and len(response.content) > 10_000
