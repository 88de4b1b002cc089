"""JSON API ``/api/v1/rings``: rings, rounds, selections, Basisset, sets, dashboard,
meetings and tasks. The token of an access link goes into the header ``X-Ring-Token`` (or
the query parameter ``token``). ``register`` adds the endpoints to a router."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from bildungsmonitor.comparison.access import (
    Publication,
    Role,
    Viewer,
    reissue_link,
    require_coordinator,
    require_intern,
    require_member_or_coordinator,
    require_results,
)
from bildungsmonitor.comparison.basisset import BasisFilter
from bildungsmonitor.comparison.comparison_set import agree_set, set_history
from bildungsmonitor.comparison.meeting import (
    MeetingIn,
    TaskIn,
    TaskStatus,
    add_task,
    create_meeting,
    list_tasks,
    set_task_status,
)
from bildungsmonitor.comparison.ring import Contact, add_contact, create_ring, set_publication
from bildungsmonitor.comparison.round import create_round
from bildungsmonitor.comparison.selection import Answer, record_selection, selections
from bildungsmonitor.web.deps import SessionDep
from bildungsmonitor.web.error import error_responses
from bildungsmonitor.web.models import Listing
from bildungsmonitor.web.views.indicator_catalogue import CatalogueDep
from bildungsmonitor.web.views.ring import ring_list_page, ring_page
from bildungsmonitor.web.views.ring_access import RingDep
from bildungsmonitor.web.views.ring_link import LinkIn, LinkOut, link_out
from bildungsmonitor.web.views.ring_meeting import meeting_page, meetings_page
from bildungsmonitor.web.views.ring_models import (
    BasisEntryOut,
    ContactOut,
    MeetingOut,
    PanelOut,
    RingCreated,
    RingOut,
    RoundOut,
    SelectionOut,
    SetVersionOut,
    TaskOut,
)
from bildungsmonitor.web.views.ring_result import basisset_page, dashboard_page
from bildungsmonitor.web.views.ring_round import load_round

TAG = "Kennzahlenvergleich"
PREFIX = "/api/v1/rings"


class RingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Neuer Vergleichsring")

    name: str = Field(min_length=1, max_length=200, description="Name.")
    slug: str | None = Field(default=None, max_length=100, description="Kürzel (sonst aus Name).")
    coordinator: str = Field(min_length=1, max_length=200, description="Koordinierende Stelle.")
    members: list[str] = Field(min_length=2, description="Regionalschlüssel der Mitglieder.")
    description: str = Field(default="", description="Beschreibung.")
    contacts: list[ContactOut] = Field(default=[], description="Ansprechpersonen.")
    publication: Publication = Field(default=Publication.INTERN, description="Stufe.")


class PublicationIn(BaseModel):
    publication: Publication = Field(description="intern, ring oder oeffentlich.")


class RoundIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Neue Auswahlrunde")

    title: str = Field(min_length=1, max_length=200, description="Titel.")
    areas: list[str] = Field(default=[], description="Bereiche (leer: alle).")
    extra_topics: list[str] = Field(default=[], description="Zusätzliche Themen.")


class SetIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Beschluss über das Vergleichsset")

    codes: list[str] = Field(min_length=1, description="Kennzahlen.")
    decided_on: dt.date = Field(description="Datum des Beschlusses.")
    meeting: str = Field(min_length=1, description="Sitzung des Beschlusses.")
    reason: str = Field(default="", description="Begründung (Pflicht bei Änderungen).")


class TaskStatusIn(BaseModel):
    status: TaskStatus = Field(description="offen, in Arbeit, erledigt.")


class DashboardOut(BaseModel):
    ring: RingOut
    comparison_set: SetVersionOut | None
    panels: list[PanelOut]
    ring_warnings: list[str]


def post_ring(session: SessionDep, data: RingIn) -> RingCreated:
    """Einen Vergleichsring anlegen; die Tokens der Zugangslinks stehen nur in dieser Antwort."""
    created = create_ring(
        session,
        data.name,
        data.members,
        coordinator=data.coordinator,
        slug=data.slug,
        description=data.description,
        contacts=[Contact(c.region_code, c.name, c.email) for c in data.contacts],
        publication=data.publication,
    )
    return RingCreated(
        ring=RingOut.of(created.ring, Viewer(created.ring.id, Role.COORDINATOR)),
        coordinator_token=created.coordinator_token,
        member_tokens=created.member_tokens,
    )


def get_rings(session: SessionDep) -> Listing[RingOut]:
    """Die veröffentlichten Vergleichsringe."""
    return Listing.of(ring_list_page(session).data)


def get_ring(ctx: RingDep) -> RingOut:
    """Ein Vergleichsring (Ansprechpersonen nur mit Zugangslink)."""
    return ring_page(ctx).ring


def patch_ring(ctx: RingDep, data: PublicationIn) -> RingOut:
    """Die Veröffentlichungsstufe ändern (Koordination)."""
    require_coordinator(ctx.viewer)
    set_publication(ctx.session, ctx.row, data.publication)
    return RingOut.of(ctx.ring, ctx.viewer).model_copy(
        update={"publication": data.publication.value}
    )


def post_contact(ctx: RingDep, data: ContactOut) -> ContactOut:
    """Eine Ansprechperson hinzufügen (Koordination)."""
    require_coordinator(ctx.viewer)
    add_contact(ctx.session, ctx.row, Contact(data.region_code, data.name, data.email))
    return data


def post_link(ctx: RingDep, data: LinkIn) -> LinkOut:
    """Den Zugangslink der Koordination oder eines Mitglieds ersetzen (Koordination): der
    bisherige gilt nicht mehr (403), das Token des neuen steht nur in dieser Antwort."""
    require_coordinator(ctx.viewer)
    role = Role(data.role)
    token = reissue_link(ctx.session, ctx.row, role, data.region_code)
    return link_out(ctx.ring.slug, role, data.region_code, token)


def get_rounds(ctx: RingDep) -> Listing[RoundOut]:
    """Die Auswahlrunden des Rings (nur mit Zugangslink)."""
    require_intern(ctx.viewer)
    return Listing.of(ring_page(ctx).rounds)


def post_round(ctx: RingDep, catalogue: CatalogueDep, data: RoundIn) -> RoundOut:
    """Eine Auswahlrunde anlegen (Koordination)."""
    require_coordinator(ctx.viewer)
    created = create_round(
        ctx.session,
        ctx.row,
        catalogue,
        data.title,
        areas=data.areas,
        extra_topics=data.extra_topics,
    )
    return RoundOut.of(created)


def get_round(ctx: RingDep, round_id: int) -> RoundOut:
    """Eine Auswahlrunde mit ihren Kandidaten."""
    return RoundOut.of(load_round(ctx, round_id))


def get_selections(ctx: RingDep, round_id: int) -> Listing[SelectionOut]:
    """Eingetragene Auswahl: die Koordination sieht alle, ein Mitglied die eigene."""
    found = selections(
        ctx.session,
        load_round(ctx, round_id),
        None if ctx.viewer.is_coordinator else ctx.viewer.region_code,
    )
    return Listing.of([SelectionOut.of(r) for rows in found.values() for r in rows])


def put_selections(
    ctx: RingDep, round_id: int, region_code: str, answers: list[Answer]
) -> Listing[SelectionOut]:
    """Die Auswahl eines Mitglieds eintragen (ersetzt frühere Angaben zu denselben Kandidaten)."""
    require_member_or_coordinator(ctx.viewer, region_code)
    round_ = load_round(ctx, round_id)
    record_selection(ctx.session, ctx.ring, round_, region_code, answers)
    found = selections(ctx.session, round_, region_code)
    return Listing.of([SelectionOut.of(r) for rows in found.values() for r in rows])


def get_basisset(ctx: RingDep, round_id: int) -> Listing[BasisEntryOut]:
    """Das Basisset: je Kandidat Anzahl, Mitglieder, Prioritäten, Datenlage, Berechenbarkeit."""
    return Listing.of(basisset_page(ctx, round_id, BasisFilter()).data)


def get_sets(ctx: RingDep) -> Listing[SetVersionOut]:
    """Alle Versionen des Vergleichssets, neueste (geltende) zuerst."""
    require_results(ctx.row, ctx.viewer)
    return Listing.of([SetVersionOut.of(v) for v in set_history(ctx.session, ctx.row)])


def post_set(ctx: RingDep, catalogue: CatalogueDep, data: SetIn) -> SetVersionOut:
    """Das Vergleichsset beschließen oder ändern (Koordination; Änderung mit Begründung)."""
    require_coordinator(ctx.viewer)
    return SetVersionOut.of(
        agree_set(
            ctx.session,
            ctx.row,
            catalogue,
            data.codes,
            decided_on=data.decided_on,
            meeting=data.meeting,
            reason=data.reason,
        )
    )


def get_dashboard(request: Request, ctx: RingDep, catalogue: CatalogueDep) -> DashboardOut:
    """Das Vergleichsdashboard des geltenden Vergleichssets (mit Adressen der Grafiken)."""
    page = dashboard_page(request, ctx, catalogue)
    return DashboardOut(
        ring=page.ring,
        comparison_set=page.comparison_set,
        panels=page.panels,
        ring_warnings=page.ring_warnings,
    )


def get_meetings(ctx: RingDep) -> Listing[MeetingOut]:
    """Die Sitzungen des Rings (nur mit Zugangslink)."""
    return Listing.of(meetings_page(ctx).meetings)


def post_meeting(ctx: RingDep, data: MeetingIn) -> MeetingOut:
    """Eine Sitzung mit Tagesordnung und Beschlüssen anlegen (Koordination)."""
    require_coordinator(ctx.viewer)
    return MeetingOut.of(create_meeting(ctx.session, ctx.row, data))


def get_meeting(ctx: RingDep, meeting_id: int) -> MeetingOut:
    """Eine Sitzung mit ihren Aufgaben."""
    return meeting_page(ctx, meeting_id).meeting


def get_tasks(ctx: RingDep, offen: bool = False) -> Listing[TaskOut]:
    """Aufgaben des Rings; ``offen=true``: nur nicht erledigte (überfällige markiert)."""
    require_intern(ctx.viewer)
    return Listing.of([TaskOut.of(t) for t in list_tasks(ctx.session, ctx.row, open_only=offen)])


def post_task(ctx: RingDep, data: TaskIn) -> TaskOut:
    """Eine Aufgabe anlegen (Koordination)."""
    require_coordinator(ctx.viewer)
    return TaskOut.of(add_task(ctx.session, ctx.row, data))


def patch_task(ctx: RingDep, task_id: int, data: TaskStatusIn) -> TaskOut:
    """Den Status einer Aufgabe ändern (Koordination)."""
    require_coordinator(ctx.viewer)
    return TaskOut.of(set_task_status(ctx.session, ctx.row, task_id, data.status))


ENDPOINTS: tuple[tuple[str, str, Callable[..., Any], str, int], ...] = (
    ("", "POST", post_ring, "Vergleichsring anlegen", 201),
    ("", "GET", get_rings, "Veröffentlichte Vergleichsringe", 200),
    ("/{slug}", "GET", get_ring, "Ein Vergleichsring", 200),
    ("/{slug}", "PATCH", patch_ring, "Veröffentlichungsstufe ändern", 200),
    ("/{slug}/contacts", "POST", post_contact, "Ansprechperson hinzufügen", 201),
    ("/{slug}/links", "POST", post_link, "Zugangslink neu ausstellen", 201),
    ("/{slug}/rounds", "GET", get_rounds, "Auswahlrunden", 200),
    ("/{slug}/rounds", "POST", post_round, "Auswahlrunde anlegen", 201),
    ("/{slug}/rounds/{round_id}", "GET", get_round, "Eine Auswahlrunde", 200),
    ("/{slug}/rounds/{round_id}/selections", "GET", get_selections, "Auswahl lesen", 200),
    (
        "/{slug}/rounds/{round_id}/selections/{region_code}",
        "PUT",
        put_selections,
        "Auswahl eines Mitglieds eintragen",
        200,
    ),
    ("/{slug}/rounds/{round_id}/basisset", "GET", get_basisset, "Basisset", 200),
    ("/{slug}/sets", "GET", get_sets, "Versionen des Vergleichssets", 200),
    ("/{slug}/sets", "POST", post_set, "Vergleichsset beschließen", 201),
    ("/{slug}/dashboard", "GET", get_dashboard, "Vergleichsdashboard", 200),
    ("/{slug}/meetings", "GET", get_meetings, "Sitzungen", 200),
    ("/{slug}/meetings", "POST", post_meeting, "Sitzung anlegen", 201),
    ("/{slug}/meetings/{meeting_id}", "GET", get_meeting, "Eine Sitzung", 200),
    ("/{slug}/tasks", "GET", get_tasks, "Aufgaben", 200),
    ("/{slug}/tasks", "POST", post_task, "Aufgabe anlegen", 201),
    ("/{slug}/tasks/{task_id}", "PATCH", patch_task, "Aufgabenstatus ändern", 200),
)


def register(router: APIRouter) -> None:
    """Add the ring API to ``router``."""
    for path, method, endpoint, summary, status in ENDPOINTS:
        router.add_api_route(
            PREFIX + path,
            endpoint,
            methods=[method],
            summary=summary,
            tags=[TAG],
            status_code=status,
            responses=error_responses(400, 403, 404, 422),
        )
