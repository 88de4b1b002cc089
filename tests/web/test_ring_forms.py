"""The coordination's HTML forms: new ring (links shown once), new Auswahlrunde, meetings
with decisions and tasks, task status and publication level. Invalid input is shown again
with status 400 and a German message and changes nothing."""

from __future__ import annotations

import re
import warnings
from typing import Any

from sqlalchemy import func, select

from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import ComparisonRing, RingMeeting, RingTask, SelectionRound
from tests.web import test_ring_flow as flow
from tests.web._html import parse
from tests.web.test_ring_flow import MEMBERS

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

# the writable demo copy of the flow tests, one per module
ring_store = flow.ring_store
ring_client = flow.ring_client

LINK = re.compile(r'href="(http://testserver/ringe/[^"?]+\?token=[^"]+)"')


def assert_html_basics(text: str) -> None:
    page = parse(text)
    assert page.all("html")[0]["lang"] == "de"
    assert len(page.all("h1")) == 1
    assert page.tables_without_caption == 0
    labelled = {label.get("for") for label in page.all("label")}
    for tag in ("input", "select", "textarea"):
        for control in page.all(tag):
            if control.get("type") in ("hidden", "submit"):
                continue
            assert control.get("id") in labelled, control


def count(store: Store, table: Any) -> int:
    with store.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def ring_form(slug: str, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "name": f"Formularring {slug}",
        "kuerzel": slug,
        "koordination": "Bildungsbüro Test",
        "beschreibung": "Angelegt im Test",
        "mitglieder": MEMBERS[:3],
        "ansprechpersonen": f"{MEMBERS[0]}; Erika Muster; erika@example.org\n"
        "Koordination; Max Koordinator; max@example.org",
        "stufe": "intern",
    }
    return form | changes


def create_by_form(client: TestClient, slug: str, **changes: Any) -> tuple[str, dict[str, str]]:
    """Create a ring by the form; the coordinator link and the member links by code."""
    response = client.post("/ringe/neu", data=ring_form(slug, **changes))
    assert response.status_code == 201, response.text
    coordinator_link = LINK.findall(response.text)[0]
    rows = re.findall(r'<th scope="row">(\d+)</th>.*?href="([^"]+)"', response.text)
    return coordinator_link, dict(rows)


def token_of(link: str) -> str:
    return link.split("token=", 1)[1]


def test_new_ring_form_page(ring_client: TestClient) -> None:
    response = ring_client.get("/ringe/neu")
    assert response.status_code == 200
    assert_html_basics(response.text)
    assert 'name="mitglieder"' in response.text and MEMBERS[0] in response.text
    assert "/ringe/neu" in ring_client.get("/ringe").text


def test_create_ring_by_form_shows_links_once(ring_client: TestClient) -> None:
    response = ring_client.post("/ringe/neu", data=ring_form("formring"))
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    assert_html_basics(response.text)
    assert "nur dieses eine Mal" in response.text
    assert "maschinenlesbar" not in response.text  # the form's answer has no JSON twin
    links = LINK.findall(response.text)
    assert len(links) == 1 + 3
    coordinator_link = links[0]

    ring = ring_client.get(coordinator_link)
    assert ring.status_code == 200
    assert "Ihre Rolle: Koordination" in ring.text
    assert "Erika Muster" in ring.text and "Max Koordinator" in ring.text
    assert token_of(coordinator_link) not in ring.text.replace(
        f"?token={token_of(coordinator_link)}", ""
    )
    member = ring_client.get(links[1])
    assert member.status_code == 200 and "Ihre Rolle: Mitglied" in member.text
    # intern ring: unknown without a token; the tokens are not shown again
    assert ring_client.get("/ringe/formring").status_code == 404
    again = ring_client.get("/ringe/formring", headers={"X-Ring-Token": token_of(links[1])})
    assert token_of(coordinator_link) not in again.text


def test_invalid_ring_forms_give_400_and_change_nothing(
    ring_client: TestClient, ring_store: Store
) -> None:
    before = count(ring_store, ComparisonRing)
    cases = {
        "Bitte die Mitglieder auswählen": ring_form("leer", mitglieder=[], ansprechpersonen=""),
        "mindestens zwei Mitglieder": ring_form(
            "einer", mitglieder=MEMBERS[:1], ansprechpersonen=""
        ),
        "Unbekannte Region(en), kein aktueller Kreis: 99999": ring_form(
            "unbekannt", mitglieder=[MEMBERS[0], "99999"], ansprechpersonen=""
        ),
        "Bitte die koordinierende Stelle angeben": ring_form("ohne", koordination=" "),
        "Ansprechpersonen, Zeile 1": ring_form("kontakt", ansprechpersonen="nur ein Name"),
        "kein gewähltes Mitglied": ring_form("fremd", ansprechpersonen="15002; A; a@example.org"),
        "Veröffentlichungsstufen": ring_form("stufe", stufe="geheim"),
    }
    for message, form in cases.items():
        response = ring_client.post("/ringe/neu", data=form)
        assert response.status_code == 400, message
        assert message in response.text, message
        assert 'role="alert"' in response.text
        assert_html_basics(response.text)
        assert form["koordination"].strip() in response.text  # the input is kept
    # a refusal from the service (slug taken) is shown the same way
    create_by_form(ring_client, "doppelt")
    before = count(ring_store, ComparisonRing)
    taken = ring_client.post("/ringe/neu", data=ring_form("doppelt"))
    assert taken.status_code == 400 and "gibt es schon" in taken.text
    assert count(ring_store, ComparisonRing) == before


def test_start_round_by_form(ring_client: TestClient, ring_store: Store) -> None:
    coordinator_link, members = create_by_form(ring_client, "formrunde")
    token = token_of(coordinator_link)
    ring = ring_client.get(coordinator_link)
    assert f"/ringe/formrunde/runden/neu?token={token}" in ring.text
    form_page = ring_client.get(f"/ringe/formrunde/runden/neu?token={token}")
    assert form_page.status_code == 200
    assert_html_basics(form_page.text)
    member_token = token_of(next(iter(members.values())))
    assert ring_client.get(f"/ringe/formrunde/runden/neu?token={member_token}").status_code == 403

    before = count(ring_store, SelectionRound)
    for data, message in (
        ({"titel": "Runde", "themen": "Digitales"}, "mindestens einen Bereich"),
        ({"titel": "Runde", "bereiche": ["D", "QQ"]}, "Unbekannte Bereiche: QQ"),
        ({"titel": "", "bereiche": ["D"]}, "Bitte einen Titel"),
    ):
        response = ring_client.post(f"/ringe/formrunde/runden?token={token}", data=data)
        assert response.status_code == 400 and message in response.text
        assert_html_basics(response.text)
    assert count(ring_store, SelectionRound) == before
    refused = ring_client.post(
        f"/ringe/formrunde/runden?token={member_token}", data={"titel": "x", "bereiche": ["D"]}
    )
    assert refused.status_code == 403

    response = ring_client.post(
        f"/ringe/formrunde/runden?token={token}",
        data={"titel": "Erste Runde", "bereiche": ["D"], "themen": "Digitales Lernen\nGanztag\n"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(rf"/ringe/formrunde/runden/\d+\?token={re.escape(token)}", location)
    page = ring_client.get(location)
    assert page.status_code == 200
    assert "Erste Runde" in page.text
    round_id = location.split("/")[-1].split("?")[0]
    api = ring_client.get(
        f"/api/v1/rings/formrunde/rounds/{round_id}", headers={"X-Ring-Token": token}
    ).json()
    extra = {c["code"]: c["name"] for c in api["candidates"] if c["code"].startswith("Z")}
    assert extra == {"Z1": "Digitales Lernen", "Z2": "Ganztag"}
    assert {c["area_code"] for c in api["candidates"]} == {"D", "Z"}
    assert count(ring_store, SelectionRound) == before + 1


def test_meeting_decision_and_task_by_form(ring_client: TestClient, ring_store: Store) -> None:
    coordinator_link, members = create_by_form(ring_client, "formsitzung")
    token = token_of(coordinator_link)
    q = f"?token={token}"
    assert "/sitzungen/neu" in ring_client.get(f"/ringe/formsitzung/sitzungen{q}").text
    new = ring_client.get(f"/ringe/formsitzung/sitzungen/neu{q}")
    assert new.status_code == 200
    assert_html_basics(new.text)

    meeting = {
        "titel": "1. Ringtreffen",
        "datum": "2025-02-31",
        "ort": "Halle (Saale)",
        "teilnehmende": "A. Muster\nB. Beispiel",
        "tagesordnung": "Begrüßung\nAuswahlrunde",
        "beschluesse": "Runde bis März",
    }
    before = count(ring_store, RingMeeting)
    bad = ring_client.post(f"/ringe/formsitzung/sitzungen{q}", data=meeting)
    assert bad.status_code == 400 and "kein gültiges Datum" in bad.text
    assert_html_basics(bad.text)
    nowhere = ring_client.post(
        f"/ringe/formsitzung/sitzungen{q}", data=meeting | {"datum": "2025-02-03", "ort": ""}
    )
    assert nowhere.status_code == 400 and "Ort angeben" in nowhere.text
    assert count(ring_store, RingMeeting) == before

    created = ring_client.post(
        f"/ringe/formsitzung/sitzungen{q}",
        data=meeting | {"datum": "03.02.2025"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    location = created.headers["location"]
    meeting_path = location.split("?")[0]
    page = ring_client.get(location)
    assert page.status_code == 200
    assert_html_basics(page.text)
    assert "03.02.2025" in page.text and "Auswahlrunde" in page.text

    decision = ring_client.post(
        f"{meeting_path}/beschluesse{q}", data={"beschluss": "Basisset im April"}
    )
    assert decision.status_code == 200 and "Basisset im April" in decision.text  # after 303
    empty = ring_client.post(f"{meeting_path}/beschluesse{q}", data={"beschluss": " "})
    assert empty.status_code == 400 and "Bitte den Beschluss eingeben" in empty.text

    tasks_before = count(ring_store, RingTask)
    task = {"aufgabe": "Daten prüfen", "verantwortlich": "LK Leipzig", "status": "offen"}
    for data, message in (
        (task | {"faellig": "morgen"}, "kein gültiges Datum"),
        (task | {"verantwortlich": ""}, "wer verantwortlich ist"),
        (task | {"status": "vergessen"}, "kein zulässiger Status"),
    ):
        response = ring_client.post(f"{meeting_path}/aufgaben{q}", data=data)
        assert response.status_code == 400 and message in response.text, message
        assert_html_basics(response.text)
    assert count(ring_store, RingTask) == tasks_before

    added = ring_client.post(
        f"{meeting_path}/aufgaben{q}", data=task | {"faellig": "2025-03-01"}, follow_redirects=False
    )
    assert added.status_code == 303 and added.headers["location"] == f"{meeting_path}{q}"
    api = {"X-Ring-Token": token}
    listed = ring_client.get("/api/v1/rings/formsitzung/tasks?offen=true", headers=api).json()
    assert listed["count"] == 1 and listed["data"][0]["overdue"] is True
    task_id = listed["data"][0]["id"]

    status_url = f"{meeting_path}/aufgaben/{task_id}/status"
    wrong = ring_client.post(f"{status_url}{q}", data={"status": "fertig"})
    assert wrong.status_code == 400 and "kein zulässiger Status" in wrong.text
    member_token = token_of(next(iter(members.values())))
    forbidden = ring_client.post(f"{status_url}?token={member_token}", data={"status": "erledigt"})
    assert forbidden.status_code == 403
    done = ring_client.post(f"{status_url}{q}", data={"status": "erledigt"}, follow_redirects=False)
    assert done.status_code == 303
    listed = ring_client.get("/api/v1/rings/formsitzung/tasks?offen=true", headers=api).json()
    assert listed["count"] == 0
    protocol = ring_client.get(f"{meeting_path}/protokoll.md{q}").text
    assert (
        "Basisset im April" in protocol
        and "| Daten prüfen | LK Leipzig | 01.03.2025 | erledigt |" in protocol
    )


def test_publication_level_by_form(ring_client: TestClient) -> None:
    coordinator_link, members = create_by_form(ring_client, "formstufe")
    q = f"?token={token_of(coordinator_link)}"
    assert 'action="/ringe/formstufe/veroeffentlichung' in ring_client.get(coordinator_link).text
    assert ring_client.get("/ringe/formstufe").status_code == 404

    wrong = ring_client.post(f"/ringe/formstufe/veroeffentlichung{q}", data={"stufe": "alle"})
    assert wrong.status_code == 400 and "Veröffentlichungsstufen" in wrong.text
    assert_html_basics(wrong.text)
    assert ring_client.get("/ringe/formstufe").status_code == 404
    member_q = f"?token={token_of(next(iter(members.values())))}"
    refused = ring_client.post(
        f"/ringe/formstufe/veroeffentlichung{member_q}", data={"stufe": "oeffentlich"}
    )
    assert refused.status_code == 403

    public = ring_client.post(
        f"/ringe/formstufe/veroeffentlichung{q}",
        data={"stufe": "oeffentlich"},
        follow_redirects=False,
    )
    assert public.status_code == 303 and public.headers["location"] == f"/ringe/formstufe{q}"
    shown = ring_client.get("/ringe/formstufe")
    assert shown.status_code == 200 and "öffentliche Ansicht" in shown.text
    assert "Erika Muster" not in shown.text
    assert "Formularring formstufe" in ring_client.get("/ringe").text

    ring_client.post(f"/ringe/formstufe/veroeffentlichung{q}", data={"stufe": "intern"})
    assert ring_client.get("/ringe/formstufe").status_code == 404
    assert "Formularring formstufe" not in ring_client.get("/ringe").text
