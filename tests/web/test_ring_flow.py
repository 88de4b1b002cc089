"""The Kennzahlenvergleich through the HTTP layer: ring → round → two members answer
(form and Excel) → Basisset → Vergleichsset → dashboard with the ring's ratio of sums."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import MITTELDEUTSCHES_REVIER
from bildungsmonitor.store.tables import IndicatorValue
from bildungsmonitor.web import create_app
from tests.comparison._demo_copy import copy_demo

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

MEMBERS = list(MITTELDEUTSCHES_REVIER[3])
SECRET_COMMENT = "Kommentar-intern-7f3a"
SECRET_EMAIL = "geheim.kontakt@example.org"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def ring_store(
    demo_store: Store, postgres: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    store = copy_demo(demo_store, postgres, tmp_path_factory.mktemp("ring"))
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def ring_client(ring_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=ring_store)) as client:
        yield client


def create_test_ring(client: TestClient, slug: str, publication: str = "intern") -> dict[str, Any]:
    response = client.post(
        "/api/v1/rings",
        json={
            "name": f"Ring {slug}",
            "slug": slug,
            "coordinator": "Koordinierungsstelle Test",
            "members": MEMBERS,
            "contacts": [{"region_code": "14713", "name": "Erika Geheim", "email": SECRET_EMAIL}],
            "publication": publication,
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def coordinator(created: dict[str, Any]) -> dict[str, str]:
    return {"X-Ring-Token": created["coordinator_token"]}


def create_round(client: TestClient, slug: str, created: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/rings/{slug}/rounds",
        json={
            "title": "Auswahlrunde Test",
            "areas": ["D"],
            "extra_topics": ["Digitalisierung und Medienbildung"],
        },
        headers=coordinator(created),
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def computable_ratio_codes(
    client: TestClient, slug: str, created: dict[str, Any], rid: int
) -> list[str]:
    catalogue = load_catalogue()
    entries = client.get(
        f"/api/v1/rings/{slug}/rounds/{rid}/basisset", headers=coordinator(created)
    ).json()["data"]
    codes = [
        e["code"]
        for e in entries
        if e["computable_year"] and catalogue.indicator(e["code"]).is_ratio
    ]
    assert len(codes) >= 2
    return codes[:2]


def fill_workbook(data: bytes, codes: list[str]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows(min_row=2):
            if row[0].value in codes:
                row[2].value, row[3].value, row[4].value = "ja", 2, "teilweise"
                row[5].value, row[6].value, row[7].value = "Schulstatistik", "ja", SECRET_COMMENT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_full_flow_from_ring_to_dashboard(ring_client: TestClient, ring_store: Store) -> None:
    client, slug = ring_client, "flow"
    created = create_test_ring(client, slug)
    assert set(created["member_tokens"]) == set(MEMBERS)
    rid = create_round(client, slug, created)["id"]
    codes = computable_ratio_codes(client, slug, created, rid)

    # member 1 (Stadt Leipzig) answers in the web form
    leipzig = created["member_tokens"]["14713"]
    form = {f"interesse-{c}": "ja" for c in [*codes, "Z1"]}
    form |= {
        f"prioritaet-{codes[0]}": "1",
        f"daten-{codes[0]}": "ja",
        "bemerkung-Z1": SECRET_COMMENT,
    }
    response = client.post(
        f"/ringe/{slug}/runden/{rid}/auswahl?token={leipzig}", data=form, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert "3 Angaben gespeichert" in page.text

    # member 2 (Stadt Halle) downloads the round as Excel, fills it in and uploads it
    halle = created["member_tokens"]["15002"]
    sheet = client.get(f"/ringe/{slug}/runden/{rid}/excel?token={halle}")
    assert sheet.status_code == 200
    assert sheet.headers["content-type"] == XLSX
    response = client.post(
        f"/ringe/{slug}/runden/{rid}/excel?token={halle}",
        files={"datei": ("auswahl.xlsx", fill_workbook(sheet.content, codes), XLSX)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text

    # Basisset for the coordination: counts, who, priorities
    basis = client.get(
        f"/ringe/{slug}/runden/{rid}/basisset.json?token={created['coordinator_token']}"
    ).json()
    entries = {e["code"]: e for e in basis["data"]}
    assert entries[codes[0]]["count"] == 2
    assert entries[codes[0]]["chosen_by"] == ["14713", "15002"]
    assert entries[codes[0]]["priorities"] == {"14713": 1, "15002": 2}
    assert entries[codes[0]]["availability"] == {"14713": "ja", "15002": "teilweise"}
    assert entries["Z1"]["count"] == 1 and entries["Z1"]["computable_year"] is None
    assert basis["data"][0]["count"] == 2  # sorted by count
    assert basis["answered_members"] == ["14713", "15002"]
    csv = client.get(
        f"/ringe/{slug}/runden/{rid}/basisset.csv?token={created['coordinator_token']}&nur_gewaehlt=true"
    )
    assert csv.status_code == 200 and codes[0] in csv.text and "D1.1;" not in csv.text

    # the coordination agrees the Vergleichsset in the web form
    response = client.post(
        f"/ringe/{slug}/vergleichsset?token={created['coordinator_token']}",
        data={"kennzahlen": ", ".join(codes), "datum": "2025-05-20", "sitzung": "2. Ringtreffen"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    sets = client.get(f"/api/v1/rings/{slug}/sets", headers=coordinator(created)).json()
    assert sets["data"][0]["codes"] == codes and sets["data"][0]["version"] == 1

    # dashboard: the agreed indicators for all nine members, ring value = Σnum / Σden
    board = client.get(f"/api/v1/rings/{slug}/dashboard", headers=coordinator(created)).json()
    assert [p["code"] for p in board["panels"]] == codes
    catalogue = load_catalogue()
    for panel in board["panels"]:
        assert sorted(m["code"] for m in panel["members"]) == sorted(MEMBERS)
        year = panel["year"]
        with ring_store.transaction() as session:
            rows = session.scalars(
                select(IndicatorValue).where(
                    IndicatorValue.indicator_code == panel["code"],
                    IndicatorValue.year == year,
                    IndicatorValue.subject.in_(MEMBERS),
                )
            ).all()
            group = session.scalar(
                select(IndicatorValue).where(
                    IndicatorValue.indicator_code == panel["code"],
                    IndicatorValue.year == year,
                    IndicatorValue.subject == "group:mitteldeutsches-revier",
                )
            )
        factor = catalogue.indicator(panel["code"]).factor
        expected = (
            factor * sum(r.numerator or 0 for r in rows) / sum(r.denominator or 0 for r in rows)
        )
        assert len(rows) == 9
        assert panel["ring"]["value"] == pytest.approx(expected)
        assert group is not None and group.value == pytest.approx(expected)
        assert sorted(m["rank"] for m in panel["members"]) == list(range(1, 10))
        assert set(panel["lands"]) == {"Sachsen", "Sachsen-Anhalt", "Thüringen"}
        assert panel["germany"]["value"] is not None
    assert any("kreisfreie Städte und Landkreise" in w for w in board["ring_warnings"])
    assert any("3 Ländern" in w for w in board["ring_warnings"])
    page = client.get(f"/ringe/{slug}/dashboard?token={created['coordinator_token']}")
    assert page.status_code == 200 and "Σ Zähler / Σ Nenner" in page.text


def test_set_changes_are_versioned_with_reason(ring_client: TestClient) -> None:
    client, slug = ring_client, "versionen"
    created = create_test_ring(client, slug)
    url, headers = f"/api/v1/rings/{slug}/sets", coordinator(created)
    first = {"codes": ["D7.2"], "decided_on": "2025-01-10", "meeting": "Auftakt"}
    assert client.post(url, json=first, headers=headers).status_code == 201
    change = {"codes": ["D7.2", "D2.3"], "decided_on": "2025-06-01", "meeting": "Sitzung 2"}
    missing_reason = client.post(url, json=change, headers=headers)
    assert missing_reason.status_code == 400
    assert "Begründung" in missing_reason.json()["error"]["message"]
    assert (
        client.post(url, json={**change, "reason": "D2.3 ergänzt"}, headers=headers).status_code
        == 201
    )
    history = client.get(url, headers=headers).json()["data"]
    assert [v["version"] for v in history] == [2, 1]
    assert history[0]["reason"] == "D2.3 ergänzt" and history[0]["decided_on"] == "2025-06-01"
    unknown = client.post(url, json={**change, "codes": ["XX9"], "reason": "x"}, headers=headers)
    assert unknown.status_code == 404


def test_damaged_upload_changes_nothing(ring_client: TestClient) -> None:
    client, slug = ring_client, "schaden"
    created = create_test_ring(client, slug)
    rid = create_round(client, slug, created)["id"]
    token = created["member_tokens"]["15082"]
    sheet = client.get(f"/ringe/{slug}/runden/{rid}/excel?token={token}")
    workbook = load_workbook(io.BytesIO(fill_workbook(sheet.content, ["D7.2", "D2.3"])))
    area = workbook.worksheets[1]
    area["C3"] = "vielleicht"
    buffer = io.BytesIO()
    workbook.save(buffer)
    files = {"datei": ("auswahl.xlsx", buffer.getvalue(), XLSX)}
    page = client.post(f"/ringe/{slug}/runden/{rid}/excel?token={token}", files=files)
    assert page.status_code == 400
    assert f"Blatt »{area.title}«, Zeile 3, Spalte C: Unzulässiger Wert »vielleicht«" in page.text
    api = client.post(
        f"/api/v1/rings/{slug}/rounds/{rid}/excel", files=files, headers={"X-Ring-Token": token}
    )
    assert api.status_code == 400 and api.json()["error"]["code"] == "tabelle_ungueltig"
    stored = client.get(
        f"/api/v1/rings/{slug}/rounds/{rid}/selections", headers={"X-Ring-Token": token}
    ).json()
    assert stored["count"] == 0


def test_meetings_tasks_and_protocol(ring_client: TestClient) -> None:
    client, slug = ring_client, "sitzung"
    created = create_test_ring(client, slug)
    headers = coordinator(created)
    meeting = client.post(
        f"/api/v1/rings/{slug}/meetings",
        json={
            "title": "1. Ringtreffen",
            "held_on": "2025-02-03",
            "place": "Halle (Saale)",
            "participants": ["A. Muster"],
            "agenda": ["Auswahlrunde"],
            "decisions": ["Runde bis März"],
        },
        headers=headers,
    ).json()
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    task = {"title": "Daten prüfen", "responsible": "LK Leipzig", "due_on": past}
    created_task = client.post(
        f"/api/v1/rings/{slug}/tasks", json={**task, "meeting_id": meeting["id"]}, headers=headers
    ).json()
    assert created_task["overdue"] is True
    member = {"X-Ring-Token": created["member_tokens"]["14729"]}
    assert client.get(f"/api/v1/rings/{slug}/tasks?offen=true", headers=member).json()["count"] == 1
    assert client.post(f"/api/v1/rings/{slug}/tasks", json=task, headers=member).status_code == 403
    markdown = client.get(f"/ringe/{slug}/sitzungen/{meeting['id']}/protokoll.md", headers=headers)
    assert markdown.status_code == 200 and "# Protokoll: 1. Ringtreffen" in markdown.text
    assert "| Daten prüfen | LK Leipzig |" in markdown.text
    printable = client.get(f"/ringe/{slug}/sitzungen/{meeting['id']}/protokoll", headers=headers)
    assert printable.status_code == 200 and "Runde bis März" in printable.text
    done = client.patch(
        f"/api/v1/rings/{slug}/tasks/{created_task['id']}",
        json={"status": "erledigt"},
        headers=headers,
    )
    assert done.json()["overdue"] is False
    assert client.get(f"/api/v1/rings/{slug}/tasks?offen=true", headers=member).json()["count"] == 0
