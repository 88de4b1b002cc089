"""Access to rings by link: tokens are per ring and role; the public view never shows
intern data (selections, comments, contacts, meetings)."""

from __future__ import annotations

import warnings

from sqlalchemy import select

from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import RingAccess
from tests.web import test_ring_flow as flow
from tests.web._html import parse
from tests.web.test_ring_flow import (
    SECRET_COMMENT,
    SECRET_EMAIL,
    coordinator,
    create_round,
    create_test_ring,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

# the writable demo copy of the flow tests, one per module
ring_store = flow.ring_store
ring_client = flow.ring_client


def test_member_link_cannot_open_another_ring(ring_client: TestClient) -> None:
    first = create_test_ring(ring_client, "zugang-a")
    create_test_ring(ring_client, "zugang-b")
    foreign = first["member_tokens"]["14713"]
    for url in ("/ringe/zugang-b", "/ringe/zugang-b.json", "/api/v1/rings/zugang-b"):
        response = ring_client.get(url, headers={"X-Ring-Token": foreign})
        assert response.status_code == 403, url
    assert ring_client.get(f"/ringe/zugang-b?token={first['coordinator_token']}").status_code == 403


def test_intern_ring_is_unknown_without_token(ring_client: TestClient) -> None:
    create_test_ring(ring_client, "zugang-intern")
    assert ring_client.get("/ringe/zugang-intern").status_code == 404
    assert ring_client.get("/api/v1/rings/zugang-intern").status_code == 404
    assert "zugang-intern" not in ring_client.get("/api/v1/rings").text


def test_member_acts_only_for_itself(ring_client: TestClient) -> None:
    created = create_test_ring(ring_client, "zugang-mitglied", publication="ring")
    rid = create_round(ring_client, "zugang-mitglied", created)["id"]
    member = {"X-Ring-Token": created["member_tokens"]["14713"]}
    base = f"/api/v1/rings/zugang-mitglied/rounds/{rid}/selections"
    answer = [{"code": "Z1", "interest": True}]
    assert ring_client.put(f"{base}/14713", json=answer, headers=member).status_code == 200
    assert ring_client.put(f"{base}/15002", json=answer, headers=member).status_code == 403
    sets = {"codes": ["D7.2"], "decided_on": "2025-01-10", "meeting": "x"}
    posted = ring_client.post("/api/v1/rings/zugang-mitglied/sets", json=sets, headers=member)
    assert posted.status_code == 403
    assert posted.json()["error"]["code"] == "verboten"


def test_results_follow_the_publication_level(ring_client: TestClient) -> None:
    created = create_test_ring(ring_client, "zugang-stufe")
    member = {"X-Ring-Token": created["member_tokens"]["16077"]}
    assert ring_client.get("/ringe/zugang-stufe/dashboard", headers=member).status_code == 403
    ring_client.patch(
        "/api/v1/rings/zugang-stufe", json={"publication": "ring"}, headers=coordinator(created)
    )
    assert ring_client.get("/ringe/zugang-stufe/dashboard", headers=member).status_code == 200
    assert ring_client.get("/ringe/zugang-stufe/dashboard").status_code == 404


def test_only_hashes_of_tokens_are_stored(ring_client: TestClient, ring_store: Store) -> None:
    created = create_test_ring(ring_client, "zugang-hash")
    with ring_store.transaction() as session:
        stored = set(session.scalars(select(RingAccess.token_hash)))
    assert created["coordinator_token"] not in stored
    assert len(created["coordinator_token"]) >= 43


def test_public_view_never_contains_intern_data(ring_client: TestClient) -> None:
    slug = "oeffentlich"
    created = create_test_ring(ring_client, slug)
    headers = coordinator(created)
    rid = create_round(ring_client, slug, created)["id"]
    answer = [
        {
            "code": "D7.2",
            "interest": True,
            "priority": 1,
            "comment": SECRET_COMMENT,
            "data_source": "Quelle-intern-91b2",
        }
    ]
    ring_client.put(
        f"/api/v1/rings/{slug}/rounds/{rid}/selections/14713", json=answer, headers=headers
    )
    ring_client.post(
        f"/api/v1/rings/{slug}/sets",
        json={"codes": ["D7.2"], "decided_on": "2025-01-10", "meeting": "Auftakt"},
        headers=headers,
    )
    meeting = ring_client.post(
        f"/api/v1/rings/{slug}/meetings",
        json={"title": "Sitzung-intern-55c1", "held_on": "2025-01-10", "online": True},
        headers=headers,
    ).json()
    ring_client.patch(f"/api/v1/rings/{slug}", json={"publication": "oeffentlich"}, headers=headers)
    secrets = (
        SECRET_COMMENT,
        SECRET_EMAIL,
        "Erika Geheim",
        "Quelle-intern-91b2",
        "Sitzung-intern-55c1",
    )
    public = [
        "/ringe",
        "/ringe.json",
        f"/ringe/{slug}",
        f"/ringe/{slug}.json",
        f"/ringe/{slug}/vergleichsset",
        f"/ringe/{slug}/vergleichsset.json",
        f"/ringe/{slug}/dashboard",
        f"/ringe/{slug}/dashboard.json",
        f"/ringe/{slug}/dashboard.csv",
        f"/ringe/{slug}/dashboard.xlsx",
        f"/ringe/{slug}/dashboard/grafik/D7.2-balken.svg",
        f"/ringe/{slug}/dashboard/grafik/D7.2-zeitreihe.svg",
        "/api/v1/rings",
        f"/api/v1/rings/{slug}",
        f"/api/v1/rings/{slug}/sets",
        f"/api/v1/rings/{slug}/dashboard",
    ]
    for url in public:
        response = ring_client.get(url)
        assert response.status_code == 200, url
        for secret in secrets:
            assert secret.encode() not in response.content, (url, secret)
    intern = [
        f"/ringe/{slug}/runden/{rid}",
        f"/ringe/{slug}/runden/{rid}.json",
        f"/ringe/{slug}/runden/{rid}/basisset",
        f"/ringe/{slug}/runden/{rid}/basisset.json",
        f"/ringe/{slug}/runden/{rid}/basisset.csv",
        f"/ringe/{slug}/runden/{rid}/excel",
        f"/ringe/{slug}/sitzungen",
        f"/ringe/{slug}/sitzungen.json",
        f"/ringe/{slug}/sitzungen/{meeting['id']}",
        f"/ringe/{slug}/sitzungen/{meeting['id']}/protokoll",
        f"/ringe/{slug}/sitzungen/{meeting['id']}/protokoll.md",
        f"/api/v1/rings/{slug}/rounds",
        f"/api/v1/rings/{slug}/rounds/{rid}/selections",
        f"/api/v1/rings/{slug}/rounds/{rid}/basisset",
        f"/api/v1/rings/{slug}/meetings",
        f"/api/v1/rings/{slug}/tasks",
    ]
    for url in intern:
        response = ring_client.get(url)
        assert response.status_code == 403, url
        for secret in secrets:
            assert secret.encode() not in response.content, (url, secret)


def test_ring_pages_are_accessible(ring_client: TestClient) -> None:
    slug = "barrierefrei"
    created = create_test_ring(ring_client, slug)
    rid = create_round(ring_client, slug, created)["id"]
    token = created["coordinator_token"]
    for url in (
        f"/ringe/{slug}?token={token}",
        f"/ringe/{slug}/runden/{rid}?token={token}&mitglied=14713",
        f"/ringe/{slug}/runden/{rid}/basisset?token={token}",
        f"/ringe/{slug}/vergleichsset?token={token}",
        f"/ringe/{slug}/dashboard?token={token}",
        f"/ringe/{slug}/sitzungen?token={token}",
    ):
        response = ring_client.get(url)
        assert response.status_code == 200, url
        page = parse(response.text)
        assert page.all("html")[0].get("lang") == "de"
        assert len(page.all("h1")) == 1, url
        assert page.tables_without_caption == 0, url
        labelled = {a.get("for") for a in page.all("label")}
        for control in page.all("input") + page.all("select"):
            if control.get("type") != "hidden":
                assert control.get("id") in labelled or control.get("aria-label"), (url, control)
