"""Ring pages: the list of public rings and one ring's overview."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.access import (
    PUBLICATION_LABELS,
    Publication,
    Role,
    Viewer,
    results_visible,
)
from bildungsmonitor.comparison.comparison_set import current_set
from bildungsmonitor.comparison.ring import public_rings
from bildungsmonitor.comparison.round import list_rounds
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_models import (
    RingOut,
    RoundOut,
    SetVersionOut,
)


class RingListPage(PageView):
    template: ClassVar[str] = "ring_list.html"

    data: list[RingOut] = Field(description="Veröffentlichte Vergleichsringe.")
    count: int = Field(description="Anzahl.")


class RingPage(PageView):
    template: ClassVar[str] = "ring.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    rounds: list[RoundOut] = Field(description="Auswahlrunden (nur für den Ring).")
    comparison_set: SetVersionOut | None = Field(description="Geltendes Vergleichsset.")
    results_visible: bool = Field(description="Ergebnisse für Sie freigegeben.")
    token: str | None = Field(default=None, exclude=True)
    errors: list[str] = Field(default=[], exclude=True)
    link_errors: list[str] = Field(default=[], exclude=True)
    publications: list[tuple[str, str]] = Field(
        default=[(p.value, PUBLICATION_LABELS[p]) for p in Publication], exclude=True
    )

    def table(self) -> Table:
        columns = [
            Column("code", "Regionalschlüssel"),
            Column("name", "Name"),
            Column("region_type", "Art"),
            Column("land", "Land"),
        ]
        rows: list[list[CellValue]] = [
            [Link(m.code, f"/regionen/{m.code}"), m.name, m.region_type, m.land]
            for m in self.ring.members
        ]
        return Table(
            f"Mitglieder des Vergleichsrings {self.ring.name}",
            columns,
            rows,
            name=f"ring-{self.ring.slug}",
        )


def ring_list_page(session: Session) -> RingListPage:
    data = [RingOut.of(r, Viewer(r.id, Role.PUBLIC)) for r in public_rings(session)]
    return RingListPage(title="Vergleichsringe", data=data, count=len(data))


def ring_page(
    ctx: RingContext, errors: list[str] | None = None, link_errors: list[str] | None = None
) -> RingPage:
    visible = results_visible(ctx.row, ctx.viewer)
    agreed = current_set(ctx.session, ctx.row) if visible else None
    rounds = list_rounds(ctx.session, ctx.row) if ctx.viewer.sees_intern else []
    return RingPage(
        title=f"Vergleichsring {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        rounds=[RoundOut.of(r) for r in rounds],
        comparison_set=SetVersionOut.of(agreed) if agreed else None,
        results_visible=visible,
        token=ctx.token,
        errors=errors or [],
        link_errors=link_errors or [],
    )
