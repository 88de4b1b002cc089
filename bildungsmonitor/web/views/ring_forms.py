"""HTML forms of the coordination: new ring, new Auswahlrunde, meetings, decisions, tasks
and the publication level.

Each ``parse_*`` reads a submitted form and returns the service input or the German
messages of everything wrong with it; nothing is written until a form is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.comparison.access import (
    PUBLICATION_LABELS,
    Publication,
    Role,
    Viewer,
    require_coordinator,
)
from bildungsmonitor.comparison.meeting import MeetingIn, TaskIn, TaskStatus
from bildungsmonitor.comparison.ring import Contact, NewRing
from bildungsmonitor.store.region import list_regions
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_link import access_link
from bildungsmonitor.web.views.ring_models import RingOut

PUBLICATIONS: list[tuple[str, str]] = [(p.value, PUBLICATION_LABELS[p]) for p in Publication]
STATUSES: tuple[TaskStatus, ...] = ("offen", "in Arbeit", "erledigt")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_SLUGS = {"neu"}
MAX_NAME = 200
MAX_TEXT = 2000


class Fields:
    """Read access to a submitted form: trimmed text, lists, lines."""

    def __init__(self, form: FormData) -> None:
        self.form = form

    def text(self, name: str) -> str:
        value = self.form.get(name)
        return value.strip() if isinstance(value, str) else ""

    def all(self, name: str) -> list[str]:
        values = (v.strip() for v in self.form.getlist(name) if isinstance(v, str))
        return list(dict.fromkeys(v for v in values if v))

    def lines(self, name: str) -> list[str]:
        return [line.strip() for line in self.text(name).splitlines() if line.strip()]

    def values(self, *names: str) -> dict[str, str]:
        return {name: self.text(name) for name in names}


def parse_date(value: str, label: str, errors: list[str], *, required: bool) -> dt.date | None:
    """A date as ``JJJJ-MM-TT`` (date input) or ``TT.MM.JJJJ``; a message otherwise."""
    if not value:
        if required:
            errors.append(f"Bitte {label} angeben.")
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    errors.append(f"»{value}« ist kein gültiges Datum ({label}; Form TT.MM.JJJJ).")
    return None


def _required(value: str, message: str, errors: list[str], limit: int = MAX_NAME) -> None:
    if not value:
        errors.append(message)
    elif len(value) > limit:
        errors.append(f"»{value[:40]}…« ist zu lang (höchstens {limit} Zeichen).")


# --- new ring ------------------------------------------------------------------------


class KreisOption(BaseModel):
    code: str = Field(description="Regionalschlüssel.")
    name: str = Field(description="Name.")
    land: str = Field(description="Land.")


class RingNewPage(PageView):
    template: ClassVar[str] = "ring_new.html"

    kreise: list[KreisOption] = Field(description="Wählbare Mitglieder: die aktuellen Kreise.")
    publications: list[tuple[str, str]] = Field(description="Veröffentlichungsstufen.")
    errors: list[str] = Field(default=[], exclude=True)
    values: dict[str, str] = Field(default={}, exclude=True)
    chosen: list[str] = Field(default=[], exclude=True)


class RingCreatedPage(PageView):
    template: ClassVar[str] = "ring_created.html"
    twin: ClassVar[bool] = False  # the answer to a form: the API returns it as JSON

    ring: RingOut = Field(description="Der neue Vergleichsring.")
    coordinator_link: str = Field(description="Zugangslink der Koordination.")
    member_links: list[tuple[str, str, str]] = Field(description="Mitglied, Name, Zugangslink.")


@dataclass(frozen=True)
class RingForm:
    name: str
    slug: str | None
    coordinator: str
    description: str
    members: list[str]
    contacts: list[Contact]
    publication: Publication


RING_FIELDS = ("name", "kuerzel", "koordination", "beschreibung", "ansprechpersonen", "stufe")


def current_kreise(session: Session) -> list[KreisOption]:
    lands = {r.code: r.name for r in list_regions(session, level="land")}
    return [
        KreisOption(code=r.code, name=r.name, land=lands.get(r.code[:2], r.code[:2]))
        for r in list_regions(session, level="kreis")
    ]


def ring_new_page(
    session: Session, fields: Fields | None = None, errors: list[str] | None = None
) -> RingNewPage:
    return RingNewPage(
        title="Neuen Vergleichsring anlegen",
        kreise=current_kreise(session),
        publications=PUBLICATIONS,
        errors=errors or [],
        values=fields.values(*RING_FIELDS) if fields else {"stufe": Publication.INTERN.value},
        chosen=fields.all("mitglieder") if fields else [],
    )


def parse_ring_form(fields: Fields, kreise: list[KreisOption]) -> tuple[RingForm | None, list[str]]:
    errors: list[str] = []
    name = fields.text("name")
    _required(name, "Bitte einen Namen für den Vergleichsring angeben.", errors)
    slug = fields.text("kuerzel") or None
    if slug is not None and (not SLUG.match(slug) or slug in RESERVED_SLUGS or len(slug) > 100):
        errors.append(
            f"Das Kürzel »{slug}« ist nicht zulässig (Kleinbuchstaben, Ziffern und Bindestriche)."
        )
    coordinator = fields.text("koordination")
    _required(coordinator, "Bitte die koordinierende Stelle angeben.", errors)
    known = {k.code for k in kreise}
    members = fields.all("mitglieder")
    unknown = [code for code in members if code not in known]
    if unknown:
        errors.append(f"Unbekannte Region(en), kein aktueller Kreis: {', '.join(unknown)}.")
    if not members:
        errors.append("Bitte die Mitglieder auswählen (mindestens zwei Kreise).")
    elif len(members) < 2:
        errors.append("Ein Vergleichsring braucht mindestens zwei Mitglieder.")
    contacts = _contacts(fields.lines("ansprechpersonen"), members, errors)
    try:
        publication = Publication(fields.text("stufe") or Publication.INTERN.value)
    except ValueError:
        errors.append("Bitte eine der angebotenen Veröffentlichungsstufen wählen.")
        publication = Publication.INTERN
    if errors:
        return None, errors
    description = fields.text("beschreibung")
    form = RingForm(name, slug, coordinator, description, members, contacts, publication)
    return form, []


def _contacts(lines: list[str], members: list[str], errors: list[str]) -> list[Contact]:
    """One contact per line: ``Regionalschlüssel; Name; E-Mail`` (``Koordination`` or an
    empty first part for the coordination)."""
    contacts = []
    for number, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 3 or not parts[1] or "@" not in parts[2]:
            errors.append(
                f"Ansprechpersonen, Zeile {number}: "
                "bitte »Regionalschlüssel; Name; E-Mail« angeben."
            )
            continue
        code = None if parts[0].lower() in ("", "koordination") else parts[0]
        if code is not None and code not in members:
            errors.append(f"Ansprechpersonen, Zeile {number}: {code} ist kein gewähltes Mitglied.")
            continue
        contacts.append(Contact(code, parts[1], parts[2]))
    return contacts


def ring_created_page(created: NewRing, base_url: str) -> RingCreatedPage:
    ring = created.ring
    return RingCreatedPage(
        title=f"Vergleichsring {ring.name} angelegt",
        ring=RingOut.of(ring, Viewer(ring.id, Role.COORDINATOR)),
        coordinator_link=access_link(base_url, ring.slug, created.coordinator_token),
        member_links=[
            (m.code, m.name, access_link(base_url, ring.slug, created.member_tokens[m.code]))
            for m in ring.members
            if m.code in created.member_tokens
        ],
    )


# --- new round -----------------------------------------------------------------------


class RoundNewPage(PageView):
    template: ClassVar[str] = "ring_round_new.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    areas: list[tuple[str, str, int]] = Field(description="Bereiche: Code, Name, Kennzahlen.")
    errors: list[str] = Field(default=[], exclude=True)
    values: dict[str, str] = Field(default={}, exclude=True)
    chosen: list[str] = Field(default=[], exclude=True)
    token: str | None = Field(default=None, exclude=True)


@dataclass(frozen=True)
class RoundForm:
    title: str
    areas: list[str]
    extra_topics: list[str]


def round_new_page(
    ctx: RingContext,
    catalogue: Catalogue,
    fields: Fields | None = None,
    errors: list[str] | None = None,
) -> RoundNewPage:
    require_coordinator(ctx.viewer)
    return RoundNewPage(
        title=f"Neue Auswahlrunde – {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        areas=[(a.code, a.name, len(catalogue.in_area(a.code))) for a in catalogue.areas],
        errors=errors or [],
        values=fields.values("titel", "themen") if fields else {},
        chosen=fields.all("bereiche") if fields else [],
        token=ctx.token,
    )


def parse_round_form(fields: Fields, catalogue: Catalogue) -> tuple[RoundForm | None, list[str]]:
    errors: list[str] = []
    title = fields.text("titel")
    _required(title, "Bitte einen Titel für die Auswahlrunde angeben.", errors)
    known = {a.code for a in catalogue.areas}
    areas = fields.all("bereiche")
    unknown = [a for a in areas if a not in known]
    if unknown:
        errors.append(f"Unbekannte Bereiche: {', '.join(unknown)}.")
    if not areas:
        errors.append("Bitte mindestens einen Bereich des Katalogs auswählen.")
    topics = fields.lines("themen")
    for topic in topics:
        if len(topic) > MAX_NAME:
            errors.append(f"Zusätzliches Thema »{topic[:40]}…« ist zu lang (höchstens 200 Z.).")
    if errors:
        return None, errors
    return RoundForm(title, areas, topics), []


# --- meetings and tasks --------------------------------------------------------------


class MeetingNewPage(PageView):
    template: ClassVar[str] = "ring_meeting_new.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    errors: list[str] = Field(default=[], exclude=True)
    values: dict[str, str] = Field(default={}, exclude=True)
    token: str | None = Field(default=None, exclude=True)


MEETING_FIELDS = ("titel", "datum", "ort", "online", "teilnehmende", "tagesordnung", "beschluesse")


def meeting_new_page(
    ctx: RingContext, fields: Fields | None = None, errors: list[str] | None = None
) -> MeetingNewPage:
    require_coordinator(ctx.viewer)
    return MeetingNewPage(
        title=f"Sitzung erfassen – {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        errors=errors or [],
        values=fields.values(*MEETING_FIELDS) if fields else {},
        token=ctx.token,
    )


def parse_meeting_form(fields: Fields) -> tuple[MeetingIn | None, list[str]]:
    errors: list[str] = []
    title = fields.text("titel")
    _required(title, "Bitte einen Titel der Sitzung angeben.", errors)
    held_on = parse_date(fields.text("datum"), "das Datum der Sitzung", errors, required=True)
    place = fields.text("ort")
    online = fields.text("online") == "ja"
    if not online and not place:
        errors.append("Bitte den Ort angeben oder »online« wählen.")
    if len(place) > MAX_NAME:
        errors.append("Der Ort ist zu lang (höchstens 200 Zeichen).")
    if errors or held_on is None:
        return None, errors
    meeting = MeetingIn(
        title=title,
        held_on=held_on,
        place=place,
        online=online,
        participants=fields.lines("teilnehmende"),
        agenda=fields.lines("tagesordnung"),
        decisions=fields.lines("beschluesse"),
    )
    return meeting, []


TASK_FIELDS = ("aufgabe", "verantwortlich", "faellig", "status")


def parse_task_form(fields: Fields, meeting_id: int) -> tuple[TaskIn | None, list[str]]:
    errors: list[str] = []
    title = fields.text("aufgabe")
    _required(title, "Bitte die Aufgabe beschreiben.", errors, MAX_TEXT)
    responsible = fields.text("verantwortlich")
    _required(responsible, "Bitte angeben, wer verantwortlich ist.", errors)
    due_on = parse_date(fields.text("faellig"), "das Fälligkeitsdatum", errors, required=False)
    status = parse_status(fields.text("status") or "offen", errors)
    if errors or status is None:
        return None, errors
    task = TaskIn(
        title=title,
        responsible=responsible,
        due_on=due_on,
        meeting_id=meeting_id,
        status=status,
    )
    return task, []


def parse_status(value: str, errors: list[str]) -> TaskStatus | None:
    for status in STATUSES:
        if value == status:
            return status
    errors.append(f"»{value}« ist kein zulässiger Status (offen, in Arbeit, erledigt).")
    return None


def parse_publication(value: str, errors: list[str]) -> Publication | None:
    try:
        return Publication(value)
    except ValueError:
        errors.append("Bitte eine der Veröffentlichungsstufen intern, Ring oder öffentlich wählen.")
        return None
