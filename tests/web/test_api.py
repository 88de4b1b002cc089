"""The JSON API /api/v1: routes, filters, the error shape and the OpenAPI document."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ROUTES = [
    "/api/v1/regions",
    "/api/v1/regions/{code}",
    "/api/v1/groups",
    "/api/v1/groups/{slug}",
    "/api/v1/series",
    "/api/v1/values",
    "/api/v1/imports",
    "/api/v1/imports/{import_id}",
]


def assert_error(body: dict[str, object], status: int, code: str) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"status", "code", "message", "details"}
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str)
    assert error["message"]


def test_regions_filter_by_land_level_and_status(client: TestClient) -> None:
    body = client.get("/api/v1/regions", params={"land": "15", "level": "kreis"}).json()
    assert body["count"] == len(body["data"]) > 0
    assert {r["level"] for r in body["data"]} == {"kreis"}
    historic = client.get("/api/v1/regions", params={"status": "historisch"}).json()["data"]
    assert historic
    assert all(r["historic"] for r in historic)


def test_region_has_parent_and_children(client: TestClient) -> None:
    body = client.get("/api/v1/regions/15").json()
    assert body["name"] == "Sachsen-Anhalt"
    assert body["parent"]["code"] == "DG"
    assert "15082" in {c["code"] for c in body["children"]}


def test_groups_and_group(client: TestClient) -> None:
    groups = client.get("/api/v1/groups").json()
    assert "mitteldeutsches-revier" in {g["slug"] for g in groups["data"]}
    group = client.get("/api/v1/groups/mitteldeutsches-revier").json()
    assert len(group["regions"]) == len(group["members"]) == 9


def test_series_of_a_table(client: TestClient) -> None:
    body = client.get("/api/v1/series", params={"table": "21111-02-06-4"}).json()
    assert body["count"] > 0
    assert {s["table_code"] for s in body["data"]} == {"21111-02-06-4"}


def test_values_filter_by_table_regions_and_years(client: TestClient) -> None:
    params = {"table": "21111-02-06-4", "region": ["15082", "15"], "year": [2015, 2023]}
    body = client.get("/api/v1/values", params=params).json()
    assert {v["region_code"] for v in body["data"]} == {"15082", "15"}
    assert {v["year"] for v in body["data"]} == {2015, 2023}
    total = next(
        v
        for v in body["data"]
        if v["region_code"] == "15082"
        and v["year"] == 2023
        and v["label"].endswith("› Insgesamt › Insgesamt")
    )
    assert (total["value"], total["file_name"], total["stand"]) == (
        1269,
        "21111-02-06-4.csv",
        "13.03.2025 / 16:40:08",
    )


def test_values_with_history_include_replaced_values(client: TestClient) -> None:
    params = {"table": "21111-02-06-4", "region": "15082", "year": 2015}
    current = client.get("/api/v1/values", params=params).json()["count"]
    history = client.get("/api/v1/values", params={**params, "include_history": True}).json()
    assert history["count"] > current > 0
    assert len({v["import_id"] for v in history["data"]}) > 1


@pytest.mark.parametrize("params", [{}, {"table": "21111-02-06-4"}, {"year": 2023}])
def test_values_refuse_unbounded_queries(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/v1/values", params=params)
    assert response.status_code == 400
    assert_error(response.json(), 400, "ungueltige_anfrage")


def test_imports_and_import(client: TestClient) -> None:
    body = client.get("/api/v1/imports").json()
    assert body["count"] == len(body["data"]) > 0
    first = body["data"][0]
    assert client.get(f"/api/v1/imports/{first['id']}").json() == first


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/regions/99999",
        "/api/v1/groups/gibt-es-nicht",
        "/api/v1/imports/99999",
        "/api/v1/values?table=00000-00-00-0&year=2023",
        "/api/v1/gibt-es-nicht",
    ],
)
def test_unknown_things_are_404_in_the_error_shape(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert_error(response.json(), 404, "nicht_gefunden")


def test_invalid_parameters_are_422_in_german(client: TestClient) -> None:
    response = client.get("/api/v1/values", params={"table": "21111-02-06-4", "year": "zwei"})
    assert response.status_code == 422
    body = response.json()
    assert_error(body, 422, "ungueltige_angaben")
    assert body["error"]["message"] == "Die Anfrage enthält ungültige Angaben."
    [detail] = body["error"]["details"]
    assert detail["location"] == ["query", "year", 0]
    assert detail["message"] == "Keine ganze Zahl."
    status = client.get("/api/v1/regions", params={"status": "vielleicht"}).json()
    assert "Erwartet" in status["error"]["details"][0]["message"]


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    response = client.post("/api/v1/regions")
    assert response.status_code == 405
    assert_error(response.json(), 405, "methode_nicht_erlaubt")


def test_openapi_lists_every_route_with_the_error_shape(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert set(ROUTES) <= set(document["paths"])
    assert all(path.startswith("/api/v1/") for path in document["paths"])
    assert "ErrorResponse" in document["components"]["schemas"]
    error_ref = {"$ref": "#/components/schemas/ErrorResponse"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["description"], (method, path)
            responses = operation["responses"]
            assert responses["422"]["content"]["application/json"]["schema"] == error_ref, path
    assert "404" in document["paths"]["/api/v1/regions/{code}"]["get"]["responses"]
    values = document["components"]["schemas"]["ValueOut"]["properties"]
    assert values["symbol"]["description"].startswith("Zeichen")


def test_values_come_in_pages_that_add_up_to_the_whole(client: TestClient) -> None:
    params = {"table": "21111-02-06-4", "region": "15082"}
    whole = client.get("/api/v1/values", params={**params, "limit": 10_000}).json()
    assert whole["next"] is None
    assert whole["count"] == len(whole["data"]) > 40
    pages, url = [], "/api/v1/values?" + "&".join(f"{k}={v}" for k, v in params.items())
    url += "&limit=40"
    while url:
        page = client.get(url).json()
        assert page["count"] == whole["count"]
        assert len(page["data"]) <= page["limit"] == 40
        pages.extend(page["data"])
        url = page["next"]
    assert pages == whole["data"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 10_001}, {"offset": -1}, {"offset": 2**63}]
)
def test_values_refuse_impossible_pages(client: TestClient, params: dict[str, int]) -> None:
    response = client.get("/api/v1/values", params={"region": "15082", **params})
    assert response.status_code == 422
