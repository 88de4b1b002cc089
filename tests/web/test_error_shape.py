"""One error shape: JSON for the API and the twins, an HTML page for pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/regionen/99999.json", 404, "nicht_gefunden"),
        ("/regionen/99999.csv", 404, "nicht_gefunden"),
        ("/gruppen/nichts.json", 404, "nicht_gefunden"),
        ("/daten/99999.json", 404, "nicht_gefunden"),
        ("/daten/eins.json", 422, "ungueltige_angaben"),
        ("/merkmale.json?tabelle=0000", 404, "nicht_gefunden"),
        ("/werte.json?tabelle=21111-02-06-4&jahr=zwanzig", 400, "ungueltige_anfrage"),
        ("/regionen.json?ebene=planet", 400, "ungueltige_anfrage"),
        ("/regionen.json?status=vielleicht", 422, "ungueltige_angaben"),
        ("/hinweise.csv", 404, "nicht_gefunden"),
    ],
)
def test_twins_answer_errors_in_the_json_shape(
    client: TestClient, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["details"], list)


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/regionen/99999", 404, "Gebietseinheit »99999« ist nicht bekannt."),
        ("/gibt-es-nicht", 404, "Diese Seite oder Ressource gibt es nicht."),
        ("/werte?jahr=zwanzig&tabelle=21111-02-06-4", 400, "»zwanzig« ist keine Jahreszahl"),
        ("/regionen?status=vielleicht", 422, "Die Anfrage enthält ungültige Angaben."),
    ],
)
def test_pages_answer_errors_as_german_html(
    client: TestClient, path: str, status: int, text: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text
    assert f"Fehler {status}" in response.text


def test_nul_character_in_a_parameter_is_a_client_error_on_every_database(
    client: TestClient,
) -> None:
    # PostgreSQL refuses NUL in text; that must be a 400 in the error shape, never a 500.
    response = client.get("/api/v1/values", params={"table": "a\x00b", "year": 2023})
    assert response.status_code < 500
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"status", "code", "message", "details"}
    else:
        assert response.json()["count"] == 0
