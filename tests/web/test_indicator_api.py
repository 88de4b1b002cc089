"""The indicator API: filters, references, errors in the one shape, OpenAPI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_indicators_are_listed_with_metadata_and_filtered(client: TestClient) -> None:
    everything = client.get("/api/v1/indicators").json()
    assert everything["count"] == len(everything["data"]) > 100
    area_d = client.get("/api/v1/indicators?area=D").json()
    assert {i["area"] for i in area_d["data"]} == {"D"}
    found = client.get("/api/v1/indicators?q=Hauptschulabschluss").json()
    d72 = next(i for i in found["data"] if i["code"] == "D7.2")
    assert d72["unit"] == "%"
    assert d72["direction"] == "lower_better"
    assert d72["comparability_warning"] is True
    assert d72["latest_year"] == 2023


def test_one_indicator_and_unknown_indicator(client: TestClient) -> None:
    assert client.get("/api/v1/indicators/D7.2").json()["name"].startswith("Anteil")
    response = client.get("/api/v1/indicators/Z9.9")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "nicht_gefunden"
    assert set(response.json()["error"]) == {"status", "code", "message", "details"}
    values = client.get("/api/v1/indicator-values?indicator=Z9.9")
    assert values.status_code == 404
    assert values.json()["error"]["status"] == 404


def test_indicator_values_filter_by_indicator_region_and_year(client: TestClient) -> None:
    url = "/api/v1/indicator-values?indicator=D7.2&region=15082&region=15&year=2023&year=2015"
    body = client.get(url).json()
    assert body["count"] == 4
    value = next(v for v in body["data"] if v["subject"] == "15082" and v["year"] == 2023)
    assert value["display"] == "16,8"
    assert value["numerator"] == 213
    assert value["denominator"] == 1269
    assert value["references"] is None


def test_indicator_values_with_references_and_provenance(client: TestClient) -> None:
    url = "/api/v1/indicator-values?indicator=D7.2&region=15082&year=2023&references=true"
    (value,) = client.get(url).json()["data"]
    roles = {r["role"]: r for r in value["references"]}
    assert roles["Land"]["display"] == "12,7"
    assert roles["Deutschland"]["subject"] == "DG"
    assert roles["Regionsgruppe"]["subject"] == "group:mitteldeutsches-revier"
    assert value["distribution"]["region_type"] == "Landkreis"
    assert value["distribution"]["q1"] <= value["distribution"]["median"]
    assert value["distribution"]["rank"] >= 1
    files = {p["file_name"] for p in value["provenance"]}
    assert "21111-02-06-4.csv" in files


def test_group_filter_returns_group_and_members(client: TestClient) -> None:
    url = "/api/v1/indicator-values?indicator=D7.2&group=mitteldeutsches-revier&year=2023"
    body = client.get(url).json()
    assert body["count"] == 10
    group = next(v for v in body["data"] if v["subject"].startswith("group:"))
    members = [v for v in body["data"] if not v["subject"].startswith("group:")]
    assert group["value"] == pytest.approx(
        100 * sum(m["numerator"] for m in members) / sum(m["denominator"] for m in members)
    )


def test_symbols_travel_with_the_value(client: TestClient) -> None:
    url = "/api/v1/indicator-values?indicator=D7.1d&region=14&year=2023"
    (value,) = client.get(url).json()["data"]
    assert value["symbol"] == "x"
    assert value["value"] is None
    assert value["display"] == "x"


def test_indicator_values_need_a_filter(client: TestClient) -> None:
    response = client.get("/api/v1/indicator-values")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "ungueltige_anfrage"


def test_openapi_lists_the_indicator_routes(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/indicators", "/api/v1/indicators/{code}", "/api/v1/indicator-values"):
        assert path in paths
    assert "/kennzahlen" not in paths
