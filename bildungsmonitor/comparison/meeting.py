"""Sitzungen of a ring: date, place or online, participants, agenda, decisions and tasks;
open and overdue tasks; the protocol as Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.errors import BadRequest, NotFound
from bildungsmonitor.store.tables import ComparisonRing, RingMeeting, RingTask

TaskStatus = Literal["offen", "in Arbeit", "erledigt"]


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Neue Sitzung")

    title: str = Field(min_length=1, max_length=200, description="Titel der Sitzung.")
    held_on: dt.date = Field(description="Datum.")
    place: str = Field(default="", max_length=200, description="Ort (leer bei online).")
    online: bool = Field(default=False, description="Online-Sitzung.")
    participants: list[str] = Field(default=[], description="Teilnehmende.")
    agenda: list[str] = Field(default=[], description="Tagesordnungspunkte.")
    decisions: list[str] = Field(default=[], description="Beschlüsse.")


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Neue Aufgabe")

    title: str = Field(min_length=1, max_length=2000, description="Was ist zu tun?")
    responsible: str = Field(min_length=1, max_length=200, description="Verantwortlich.")
    due_on: dt.date | None = Field(default=None, description="Fällig am.")
    meeting_id: int | None = Field(default=None, description="Sitzung, aus der sie stammt.")
    status: TaskStatus = Field(default="offen", description="offen, in Arbeit, erledigt.")


@dataclass(frozen=True)
class TaskView:
    id: int
    title: str
    responsible: str
    due_on: dt.date | None
    status: str
    meeting_id: int | None
    overdue: bool


@dataclass(frozen=True)
class MeetingView:
    id: int
    title: str
    held_on: dt.date
    place: str
    online: bool
    participants: tuple[str, ...]
    agenda: tuple[str, ...]
    decisions: tuple[str, ...]
    tasks: tuple[TaskView, ...]

    @property
    def where(self) -> str:
        if self.online:
            return "online" + (f" ({self.place})" if self.place else "")
        return self.place


def create_meeting(session: Session, ring: ComparisonRing, data: MeetingIn) -> MeetingView:
    if not data.online and not data.place.strip():
        raise BadRequest("Bitte den Ort angeben oder »online« wählen.")
    row = RingMeeting(ring_id=ring.id, **data.model_dump())
    session.add(row)
    session.flush()
    return meeting_view(session, row)


def meeting_row(session: Session, ring: ComparisonRing, meeting_id: int) -> RingMeeting:
    row = session.get(RingMeeting, meeting_id)
    if row is None or row.ring_id != ring.id:
        raise NotFound(f"Sitzung {meeting_id} gibt es in diesem Vergleichsring nicht.")
    return row


def meeting_view(session: Session, row: RingMeeting, today: dt.date | None = None) -> MeetingView:
    tasks = session.scalars(
        select(RingTask).where(RingTask.meeting_id == row.id).order_by(RingTask.id)
    )
    return MeetingView(
        row.id,
        row.title,
        row.held_on,
        row.place,
        row.online,
        tuple(row.participants),
        tuple(row.agenda),
        tuple(row.decisions),
        tuple(_task(t, today) for t in tasks),
    )


def add_decision(session: Session, ring: ComparisonRing, meeting_id: int, text: str) -> None:
    """Append a decision to a meeting's list of decisions."""
    if not text.strip():
        raise BadRequest("Bitte den Beschluss eingeben.")
    row = meeting_row(session, ring, meeting_id)
    row.decisions = [*row.decisions, text.strip()]
    session.flush()


def list_meetings(session: Session, ring: ComparisonRing) -> list[MeetingView]:
    rows = session.scalars(
        select(RingMeeting).where(RingMeeting.ring_id == ring.id).order_by(RingMeeting.held_on)
    )
    return [meeting_view(session, r) for r in rows]


def add_task(session: Session, ring: ComparisonRing, data: TaskIn) -> TaskView:
    if data.meeting_id is not None:
        meeting_row(session, ring, data.meeting_id)
    row = RingTask(ring_id=ring.id, **data.model_dump())
    session.add(row)
    session.flush()
    return _task(row)


def set_task_status(
    session: Session, ring: ComparisonRing, task_id: int, status: TaskStatus
) -> TaskView:
    row = session.get(RingTask, task_id)
    if row is None or row.ring_id != ring.id:
        raise NotFound(f"Aufgabe {task_id} gibt es in diesem Vergleichsring nicht.")
    row.status = status
    session.flush()
    return _task(row)


def list_tasks(
    session: Session, ring: ComparisonRing, *, open_only: bool = False, today: dt.date | None = None
) -> list[TaskView]:
    query = (
        select(RingTask).where(RingTask.ring_id == ring.id).order_by(RingTask.due_on, RingTask.id)
    )
    if open_only:
        query = query.where(RingTask.status != "erledigt")
    return [_task(t, today) for t in session.scalars(query)]


def _task(row: RingTask, today: dt.date | None = None) -> TaskView:
    today = today or dt.date.today()
    overdue = row.status != "erledigt" and row.due_on is not None and row.due_on < today
    return TaskView(
        row.id, row.title, row.responsible, row.due_on, row.status, row.meeting_id, overdue
    )


def protocol_markdown(ring_name: str, meeting: MeetingView) -> str:
    """The protocol of a meeting as Markdown."""
    lines = [
        f"# Protokoll: {meeting.title}",
        "",
        f"- Vergleichsring: {ring_name}",
        f"- Datum: {meeting.held_on:%d.%m.%Y}",
        f"- Ort: {meeting.where}",
        "",
        "## Teilnehmende",
        "",
        *(f"- {p}" for p in meeting.participants or ("(keine Angabe)",)),
        "",
        "## Tagesordnung",
        "",
        *(f"{n}. {item}" for n, item in enumerate(meeting.agenda, start=1)),
        "",
        "## Beschlüsse",
        "",
        *(f"{n}. {item}" for n, item in enumerate(meeting.decisions, start=1)),
        "",
        "## Aufgaben",
        "",
        "| Aufgabe | verantwortlich | fällig | Status |",
        "|---|---|---|---|",
        *(
            f"| {_md(t.title)} | {_md(t.responsible)} | "
            f"{t.due_on.strftime('%d.%m.%Y') if t.due_on else ''} | {t.status} |"
            for t in meeting.tasks
        ),
        "",
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
