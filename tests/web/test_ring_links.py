"""A new access link replaces the old one: the coordination issues it for a member or for
itself (form and API), it is shown once, and the old link is refused from then on."""

from __future__ import annotations

import re
import warnings

from sqlalchemy import select

from bildungsmonitor.comparison.access import token_hash
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import RingAccess
from tests.web import test_ring_flow as flow
from tests.web.test_ring_flow import coordinator, create_test_ring

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

# the writable demo copy of the flow tests, one per module
ring_store = flow.ring_store
ring_client = flow.ring_client

LINK = re.compile(r'<a class="hash" href="http://testserver(/ringe/[^"?]+)\?token=([^"]+)"')


def status(client: TestClient, slug: str, token: str) -> int:
    return client.get(f"/api/v1/rings/{slug}", headers={"X-Ring-Token": token}).status_code


def test_new_member_link_by_api_invalidates_only_the_old_one(
    ring_client: TestClient, ring_store: Store
) -> None:
    slug = "link-api"
    created = create_test_ring(ring_client, slug)
    old = created["member_tokens"]["15002"]
    response = ring_client.post(
        f"/api/v1/rings/{slug}/links",
        json={"role": "mitglied", "region_code": "15002"},
        headers=coordinator(created),
    )
    assert response.status_code == 201, response.text
    new = response.json()
    assert new["role"] == "mitglied" and new["region_code"] == "15002"
    assert new["path"] == f"/ringe/{slug}?token={new['token']}"
    assert new["token"] != old and len(new["token"]) >= 43

    assert status(ring_client, slug, old) == 403
    assert ring_client.get(f"/ringe/{slug}?token={old}").status_code == 403
    ring = ring_client.get(f"/api/v1/rings/{slug}", headers={"X-Ring-Token": new["token"]})
    assert ring.status_code == 200
    assert ring.json()["role"] == "mitglied" and ring.json()["your_member"] == "15002"
    # the other links stay valid
    assert status(ring_client, slug, created["member_tokens"]["14713"]) == 200
    assert status(ring_client, slug, created["coordinator_token"]) == 200
    with ring_store.transaction() as session:
        rows = session.scalars(select(RingAccess).where(RingAccess.region_code == "15002")).all()
        mine = [r for r in rows if r.token_hash in (token_hash(old), token_hash(new["token"]))]
    assert sorted((r.token_hash == token_hash(new["token"]), r.revoked) for r in mine) == [
        (False, True),
        (True, False),
    ]
    assert all(new["token"] not in r.token_hash for r in mine)


def test_new_coordinator_link_by_api(ring_client: TestClient) -> None:
    slug = "link-koordination"
    created = create_test_ring(ring_client, slug, publication="oeffentlich")
    old = created["coordinator_token"]
    response = ring_client.post(
        f"/api/v1/rings/{slug}/links", json={"role": "koordination"}, headers=coordinator(created)
    )
    assert response.status_code == 201, response.text
    new = response.json()["token"]
    # a revoked link is refused even on a public ring (not downgraded to the public view)
    assert status(ring_client, slug, old) == 403
    assert ring_client.get(f"/api/v1/rings/{slug}").status_code == 200
    assert ring_client.get(f"/api/v1/rings/{slug}", headers={"X-Ring-Token": new}).json()[
        "role"
    ] == ("koordination")
    assert status(ring_client, slug, created["member_tokens"]["16077"]) == 200


def test_only_the_coordination_issues_links_and_only_for_its_ring(
    ring_client: TestClient,
) -> None:
    slug = "link-rechte"
    created = create_test_ring(ring_client, slug)
    other = create_test_ring(ring_client, "link-fremd")
    url = f"/api/v1/rings/{slug}/links"
    member = {"X-Ring-Token": created["member_tokens"]["14713"]}
    for body in ({"role": "mitglied", "region_code": "14713"}, {"role": "koordination"}):
        assert ring_client.post(url, json=body, headers=member).status_code == 403
    foreign = ring_client.post(
        url, json={"role": "mitglied", "region_code": "15002"}, headers=coordinator(other)
    )
    assert foreign.status_code == 403
    headers = coordinator(created)
    unknown = ring_client.post(
        url, json={"role": "mitglied", "region_code": "09162"}, headers=headers
    )
    assert unknown.status_code == 404
    mixed = ring_client.post(
        url, json={"role": "koordination", "region_code": "14713"}, headers=headers
    )
    assert mixed.status_code == 400
    assert ring_client.post(url, json={"role": "oeffentlich"}, headers=headers).status_code == 422
    # nothing was replaced by the refused requests
    assert status(ring_client, slug, created["member_tokens"]["14713"]) == 200
    assert status(ring_client, slug, created["member_tokens"]["15002"]) == 200


def test_new_member_link_by_form_is_shown_once(ring_client: TestClient) -> None:
    slug = "link-formular"
    created = create_test_ring(ring_client, slug)
    token = created["coordinator_token"]
    overview = ring_client.get(f"/ringe/{slug}?token={token}")
    assert f'action="/ringe/{slug}/zugangslinks?token={token}"' in overview.text
    assert '<option value="14729">' in overview.text

    response = ring_client.post(f"/ringe/{slug}/zugangslinks?token={token}", data={"fuer": "14729"})
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    assert "nur dieses eine Mal" in response.text
    (path, new), *_ = LINK.findall(response.text)
    assert path == f"/ringe/{slug}" and response.text.count(new) == 2  # href and text
    old = created["member_tokens"]["14729"]
    assert ring_client.get(f"/ringe/{slug}?token={old}").status_code == 403
    member = ring_client.get(f"/ringe/{slug}?token={new}")
    assert member.status_code == 200 and "Ihre Rolle: Mitglied 14729" in member.text
    # the coordination goes on with its own link; the new token is not shown again
    assert f"?token={token}" in response.text
    assert new not in ring_client.get(f"/ringe/{slug}?token={token}").text


def test_new_coordinator_link_by_form_switches_the_page_to_it(ring_client: TestClient) -> None:
    slug = "link-formular-k"
    created = create_test_ring(ring_client, slug)
    old = created["coordinator_token"]
    response = ring_client.post(
        f"/ringe/{slug}/zugangslinks?token={old}", data={"fuer": "koordination"}
    )
    assert response.status_code == 201, response.text
    (_path, new), *_ = LINK.findall(response.text)
    assert old not in response.text  # not even in a link to a machine-readable twin
    assert f'href="/ringe/{slug}/dashboard?token={new}"' in response.text
    assert ring_client.get(f"/ringe/{slug}?token={old}").status_code == 403
    again = ring_client.post(f"/ringe/{slug}/zugangslinks?token={old}", data={"fuer": "14713"})
    assert again.status_code == 403
    page = ring_client.get(f"/ringe/{slug}?token={new}")
    assert page.status_code == 200 and "Ihre Rolle: Koordination" in page.text


def test_invalid_link_form_changes_nothing(ring_client: TestClient) -> None:
    slug = "link-ungueltig"
    created = create_test_ring(ring_client, slug)
    token = created["coordinator_token"]
    response = ring_client.post(f"/ringe/{slug}/zugangslinks?token={token}", data={"fuer": "09162"})
    assert response.status_code == 400
    assert "Bitte die Koordination oder ein Mitglied des Rings wählen." in response.text
    member = created["member_tokens"]["14713"]
    refused = ring_client.post(f"/ringe/{slug}/zugangslinks?token={member}", data={"fuer": "14713"})
    assert refused.status_code == 403
    assert status(ring_client, slug, member) == 200
    assert status(ring_client, slug, token) == 200
