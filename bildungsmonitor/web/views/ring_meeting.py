"""Sitzungen of a ring: list with open and overdue tasks, one meeting, its protocol."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from bildungsmonitor.comparison.access import require_intern
from bildungsmonitor.comparison.meeting import (
    list_meetings,
    list_tasks,
    meeting_row,
    meeting_view,
    protocol_markdown,
)
from bildungsmonitor.web.table import CellValue, Column, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_models import MeetingOut, RingOut, TaskOut


class MeetingsPage(PageView):
    template: ClassVar[str] = "ring_meetings.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    meetings: list[MeetingOut] = Field(description="Sitzungen.")
    open_tasks: list[TaskOut] = Field(description="Offene Aufgaben (überfällige markiert).")
    token: str | None = Field(default=None, exclude=True)

    def table(self) -> Table:
        columns = [
            Column("title", "Aufgabe"),
            Column("responsible", "verantwortlich"),
            Column("due_on", "fällig"),
            Column("status", "Status"),
            Column("overdue", "überfällig"),
        ]
        rows: list[list[CellValue]] = [
            [
                t.title,
                t.responsible,
                t.due_on.strftime("%d.%m.%Y") if t.due_on else "",
                t.status,
                t.overdue,
            ]
            for t in self.open_tasks
        ]
        return Table(
            f"Offene Aufgaben ({len(rows)})", columns, rows, name=f"aufgaben-{self.ring.slug}"
        )


class MeetingPage(PageView):
    template: ClassVar[str] = "ring_meeting.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    meeting: MeetingOut = Field(description="Die Sitzung.")
    token: str | None = Field(default=None, exclude=True)
    errors: dict[str, list[str]] = Field(default={}, exclude=True)
    values: dict[str, str] = Field(default={}, exclude=True)
    statuses: list[str] = Field(default=["offen", "in Arbeit", "erledigt"], exclude=True)


class ProtocolPage(MeetingPage):
    template: ClassVar[str] = "ring_protocol.html"


def meetings_page(ctx: RingContext) -> MeetingsPage:
    require_intern(ctx.viewer)
    return MeetingsPage(
        title=f"Sitzungen {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        meetings=[MeetingOut.of(m) for m in list_meetings(ctx.session, ctx.row)],
        open_tasks=[TaskOut.of(t) for t in list_tasks(ctx.session, ctx.row, open_only=True)],
        token=ctx.token,
    )


def meeting_page(
    ctx: RingContext,
    meeting_id: int,
    *,
    protocol: bool = False,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
) -> MeetingPage:
    require_intern(ctx.viewer)
    meeting = meeting_view(ctx.session, meeting_row(ctx.session, ctx.row, meeting_id))
    kind = ProtocolPage if protocol else MeetingPage
    prefix = "Protokoll" if protocol else "Sitzung"
    return kind(
        title=f"{prefix}: {meeting.title}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        meeting=MeetingOut.of(meeting),
        token=ctx.token,
        errors=errors or {},
        values=values or {},
    )


def protocol_text(ctx: RingContext, meeting_id: int) -> str:
    require_intern(ctx.viewer)
    meeting = meeting_view(ctx.session, meeting_row(ctx.session, ctx.row, meeting_id))
    return protocol_markdown(ctx.ring.name, meeting)
