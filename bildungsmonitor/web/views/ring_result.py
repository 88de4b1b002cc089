"""Results of a ring: the Basisset (coordination), the Vergleichsset and the dashboard."""

from __future__ import annotations

from typing import ClassVar

from fastapi import Request
from pydantic import Field

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.comparison.access import require_intern, require_results
from bildungsmonitor.comparison.basisset import BasisFilter, build_basisset
from bildungsmonitor.comparison.comparison_set import current_set, set_history
from bildungsmonitor.comparison.dashboard import build_dashboard
from bildungsmonitor.compute.indicator_value import (
    indicator_footnotes,
    indicator_sources,
)
from bildungsmonitor.web.table import CellValue, Column, Figure, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.indicator_figure import SourceLine
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_chart import chart_source, panel_charts
from bildungsmonitor.web.views.ring_models import (
    BasisEntryOut,
    CellOut,
    PanelOut,
    RingOut,
    RoundOut,
    SetVersionOut,
)
from bildungsmonitor.web.views.ring_round import load_round

AVAILABILITY_SHORT = {"ja": "j", "teilweise": "t", "nein": "n", None: "–"}
SOURCE_NOTE = (
    "Kennzahlenwerte: eigene Berechnung aus Daten der Statistischen Ämter des Bundes und der "
    "Länder (Regionaldatenbank Deutschland), dl-de/by-2-0."
)


class BasissetPage(PageView):
    template: ClassVar[str] = "ring_basisset.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    round: RoundOut = Field(description="Die Auswahlrunde.")
    data: list[BasisEntryOut] = Field(description="Kandidaten mit Auswahl der Mitglieder.")
    count: int = Field(description="Anzahl.")
    answered_members: list[str] = Field(description="Mitglieder mit Antworten.")
    filters: dict[str, str | bool | int | None] = Field(description="Gewählte Filter.")
    token: str | None = Field(default=None, exclude=True)

    def table(self) -> Table:
        codes = [m.code for m in self.ring.members]
        columns = [
            Column("code", "Code"),
            Column("name", "Kennzahl / Thema"),
            Column("area", "Bereich"),
            Column("count", "Interesse (Anzahl)", numeric=True),
            Column("chosen_by", "Interesse von"),
            Column("priority", "Priorität je Mitglied"),
            Column("mean_priority", "mittlere Priorität", numeric=True),
            Column("availability", "Daten vorhanden (j/t/n) je Mitglied"),
            Column("steering", "steuerungsrelevant für"),
            Column("computable", "für alle berechenbar (Jahr)"),
            Column("examples", "Beispieleinträge"),
        ]
        rows: list[list[CellValue]] = []
        for e in self.data:
            mean = e.mean_priority
            rows.append(
                [
                    e.code,
                    e.name,
                    e.area_code,
                    e.count,
                    ", ".join(e.chosen_by),
                    ", ".join(f"{c}: {p}" for c, p in e.priorities.items() if p),
                    None if mean is None else Figure(mean, None, f"{mean:.1f}".replace(".", ",")),
                    " ".join(
                        f"{c}:{AVAILABILITY_SHORT[e.availability.get(c)]}"
                        for c in codes
                        if c in e.availability
                    ),
                    ", ".join(c for c, s in e.steering.items() if s),
                    str(e.computable_year) if e.computable_year else "nein",
                    e.examples,
                ]
            )
        caption = f"Basisset der Auswahlrunde {self.round.title} ({self.count} Kandidaten)"
        return Table(caption, columns, rows, name=f"basisset-{self.ring.slug}")


class SetPage(PageView):
    template: ClassVar[str] = "ring_set.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    current: SetVersionOut | None = Field(description="Geltendes Vergleichsset.")
    history: list[SetVersionOut] = Field(description="Alle Versionen, neueste zuerst.")
    names: dict[str, str] = Field(description="Namen der Kennzahlen.")
    token: str | None = Field(default=None, exclude=True)


class DashboardPage(PageView):
    template: ClassVar[str] = "ring_dashboard.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    comparison_set: SetVersionOut | None = Field(description="Geltendes Vergleichsset.")
    panels: list[PanelOut] = Field(description="Je Kennzahl die Mitglieder nebeneinander.")
    ring_warnings: list[str] = Field(description="Hinweise zur Vergleichbarkeit im Ring.")
    source: str = Field(default=SOURCE_NOTE, description="Quelle.")
    token: str | None = Field(default=None, exclude=True)

    def table(self) -> Table:
        columns = [
            Column("indicator", "Kennzahl"),
            Column("year", "Jahr", numeric=True),
            Column("subject", "Gebiet"),
            Column("value", "Wert", numeric=True),
            Column("rank", "Rang im Ring", numeric=True),
        ]
        rows: list[list[CellValue]] = []
        for p in self.panels:
            label = f"{p.code} {p.name} ({p.unit})"
            for m in p.members:
                rows.append([label, p.year, m.name, _figure(m.value), m.rank])
            if p.ring:
                rows.append([label, p.year, f"Ring {self.ring.name} (Σ/Σ)", _figure(p.ring), None])
            for name, cell in p.lands.items():
                rows.append([label, p.year, name, _figure(cell), None])
            rows.append([label, p.year, "Deutschland", _figure(p.germany), None])
        return Table(
            f"Vergleichsdashboard {self.ring.name}",
            columns,
            rows,
            name=f"dashboard-{self.ring.slug}",
        )


def _figure(cell: CellOut) -> Figure:
    return Figure(cell.value, cell.symbol, cell.display)


def basisset_page(ctx: RingContext, round_id: int, where: BasisFilter) -> BasissetPage:
    require_intern(ctx.viewer)
    require_results(ctx.row, ctx.viewer)
    round_ = load_round(ctx, round_id)
    basis = build_basisset(ctx.session, ctx.ring, round_, where)
    return BasissetPage(
        title=f"Basisset – {round_.title}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        round=RoundOut.of(round_),
        data=[BasisEntryOut.of(e) for e in basis.entries],
        count=len(basis.entries),
        answered_members=list(basis.answered_members),
        filters={
            "nur_gewaehlt": where.only_chosen,
            "bereich": where.area,
            "berechenbar": where.computable,
            "mindestens": where.min_count,
            "sortierung": where.sort,
        },
        token=ctx.token,
    )


def set_page(ctx: RingContext, catalogue: Catalogue) -> SetPage:
    require_results(ctx.row, ctx.viewer)
    history = [SetVersionOut.of(v) for v in set_history(ctx.session, ctx.row)]
    codes = {c for v in history for c in v.codes}
    return SetPage(
        title=f"Vergleichsset {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        current=history[0] if history else None,
        history=history,
        names={i.code: i.name for i in catalogue.indicators if i.code in codes},
        token=ctx.token,
    )


def dashboard_page(request: Request, ctx: RingContext, catalogue: Catalogue) -> DashboardPage:
    require_results(ctx.row, ctx.viewer)
    agreed = current_set(ctx.session, ctx.row)
    board = build_dashboard(ctx.session, catalogue, ctx.ring, agreed)
    records = indicator_sources(ctx.session, catalogue, [p.indicator for p in board.panels])
    panels = []
    for panel in board.panels:
        out = PanelOut.of(panel)
        source = chart_source([SourceLine.of(r) for r in records.get(out.code, [])])
        out.charts = panel_charts(
            request, ctx.ring.slug, ctx.ring.name, out, source, ctx.viewer.region_code
        )
        out.footnotes = indicator_footnotes(
            ctx.session,
            catalogue,
            [panel.indicator],
            [r.import_id for r in records.get(out.code, [])],
            [m.code for m in ctx.ring.members],
        )
        panels.append(out)
    return DashboardPage(
        title=f"Vergleichsdashboard {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        comparison_set=SetVersionOut.of(agreed) if agreed else None,
        panels=panels,
        ring_warnings=board.ring_warnings,
        token=ctx.token,
    )
