"""Public shapes of the Kennzahlenvergleich for pages, their ``.json`` twins and the API.

Intern data (contacts, selections, comments, meetings) only enters these shapes when the
viewer may see it; the public shapes are built without it, never filtered afterwards.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from bildungsmonitor.comparison.access import PUBLICATION_LABELS, Viewer
from bildungsmonitor.comparison.basisset import BasisEntry
from bildungsmonitor.comparison.comparison_set import SetVersion
from bildungsmonitor.comparison.dashboard import Cell, IndicatorPanel
from bildungsmonitor.comparison.meeting import MeetingView, TaskView
from bildungsmonitor.comparison.ring import RingView
from bildungsmonitor.comparison.round import RoundView
from bildungsmonitor.comparison.selection import Answer, Recorded
from bildungsmonitor.web.views.indicator_figure import ChartOut


class MemberOut(BaseModel):
    model_config = ConfigDict(title="Mitglied eines Vergleichsrings")

    code: str = Field(description="Regionalschlüssel.")
    name: str = Field(description="Name.")
    region_type: str = Field(description="kreisfreie Stadt oder Landkreis.")
    land: str = Field(description="Land.")


class ContactOut(BaseModel):
    region_code: str | None = Field(description="Mitglied (leer: Koordination).")
    name: str = Field(description="Name.")
    email: str = Field(description="E-Mail-Adresse.")


class RingOut(BaseModel):
    model_config = ConfigDict(title="Vergleichsring")

    slug: str = Field(description="Kürzel.")
    name: str = Field(description="Name.")
    description: str = Field(description="Beschreibung.")
    coordinator: str = Field(description="Koordinierende Stelle.")
    publication: str = Field(description="intern, ring oder oeffentlich.")
    publication_label: str = Field(description="Veröffentlichungsstufe in Worten.")
    group_slug: str | None = Field(description="Regionsgruppe des Rings (Gruppenwerte).")
    members: list[MemberOut] = Field(description="Mitglieder.")
    contacts: list[ContactOut] = Field(description="Ansprechpersonen (nur für den Ring).")
    role: str = Field(description="Ihre Rolle: koordination, mitglied, oeffentlich.")
    your_member: str | None = Field(description="Ihr Mitglied (Mitgliedslink).")

    @classmethod
    def of(cls, ring: RingView, viewer: Viewer) -> RingOut:
        contacts = [ContactOut(**c.__dict__) for c in ring.contacts] if viewer.sees_intern else []
        return cls(
            slug=ring.slug,
            name=ring.name,
            description=ring.description,
            coordinator=ring.coordinator,
            publication=ring.publication.value,
            publication_label=PUBLICATION_LABELS[ring.publication],
            group_slug=ring.group_slug,
            members=[MemberOut(**m.__dict__) for m in ring.members],
            contacts=contacts,
            role=viewer.role.value,
            your_member=viewer.region_code,
        )


class RingCreated(BaseModel):
    model_config = ConfigDict(title="Neuer Vergleichsring mit Zugangslinks")

    ring: RingOut = Field(description="Der Ring.")
    coordinator_token: str = Field(description="Token der Koordination (nur jetzt sichtbar).")
    member_tokens: dict[str, str] = Field(description="Token je Mitglied (nur jetzt sichtbar).")


class CandidateOut(BaseModel):
    code: str = Field(description="Code (Kennzahl oder Z1, Z2 … für zusätzliche Themen).")
    name: str = Field(description="Kennzahl oder Thema.")
    area_code: str = Field(description="Bereich.")
    area_name: str = Field(description="Bereich in Worten.")
    in_catalogue: bool = Field(description="Kennzahl des Katalogs (sonst zusätzliches Thema).")


class RoundOut(BaseModel):
    model_config = ConfigDict(title="Auswahlrunde")

    id: int = Field(description="Nummer.")
    title: str = Field(description="Titel.")
    status: str = Field(description="offen oder abgeschlossen.")
    candidates: list[CandidateOut] = Field(description="Kandidaten.")

    @classmethod
    def of(cls, round_: RoundView) -> RoundOut:
        return cls(
            id=round_.id,
            title=round_.title,
            status=round_.status,
            candidates=[
                CandidateOut(
                    code=c.code,
                    name=c.name,
                    area_code=c.area_code,
                    area_name=c.area_name,
                    in_catalogue=not c.is_extra,
                )
                for c in round_.candidates
            ],
        )


class SelectionOut(Answer):
    model_config = ConfigDict(extra="forbid", title="Eingetragene Auswahl")

    region_code: str = Field(description="Mitglied.")
    example: bool = Field(description="Beispieleintrag – nicht die Auswahl der Kommune.")

    @classmethod
    def of(cls, recorded: Recorded) -> SelectionOut:
        return cls(
            **recorded.answer.model_dump(),
            region_code=recorded.region_code,
            example=recorded.example,
        )


class BasisEntryOut(BaseModel):
    code: str = Field(description="Kandidat.")
    name: str = Field(description="Kennzahl oder Thema.")
    area_code: str = Field(description="Bereich.")
    count: int = Field(description="Wie viele Mitglieder Interesse haben.")
    chosen_by: list[str] = Field(description="Welche Mitglieder.")
    priorities: dict[str, int | None] = Field(description="Priorität je Mitglied.")
    mean_priority: float | None = Field(description="Mittlere Priorität (1 = hoch).")
    availability: dict[str, str | None] = Field(description="Daten vorhanden je Mitglied.")
    steering: dict[str, bool | None] = Field(description="Steuerungsrelevant je Mitglied.")
    computable_year: int | None = Field(
        description="Letztes Jahr, in dem die mitgelieferten Daten sie für alle Mitglieder "
        "berechnen (leer: nicht für alle berechenbar)."
    )
    examples: bool = Field(description="Enthält Beispieleinträge.")

    @classmethod
    def of(cls, e: BasisEntry) -> BasisEntryOut:
        return cls(
            code=e.candidate.code,
            name=e.candidate.name,
            area_code=e.candidate.area_code,
            count=e.count,
            chosen_by=list(e.chosen_by),
            priorities=e.priorities,
            mean_priority=e.mean_priority,
            availability=e.availability,
            steering=e.steering,
            computable_year=e.computable_year,
            examples=e.examples,
        )


class SetVersionOut(BaseModel):
    model_config = ConfigDict(title="Version des Vergleichssets")

    version: int = Field(description="Versionsnummer (die höchste gilt).")
    codes: list[str] = Field(description="Kennzahlen.")
    decided_on: dt.date = Field(description="Datum des Beschlusses.")
    meeting: str = Field(description="Sitzung des Beschlusses.")
    reason: str = Field(description="Begründung der Änderung.")

    @classmethod
    def of(cls, v: SetVersion) -> SetVersionOut:
        return cls(
            version=v.version,
            codes=list(v.codes),
            decided_on=v.decided_on,
            meeting=v.meeting,
            reason=v.reason,
        )


class CellOut(BaseModel):
    value: float | None = Field(description="Wert.")
    symbol: str | None = Field(description="Zeichen der amtlichen Statistik.")
    display: str = Field(description="Anzeige.")
    numerator: float | None = Field(default=None, description="Zähler.")
    denominator: float | None = Field(default=None, description="Nenner.")
    numerator_symbol: str | None = Field(default=None, description="Zeichen des Zählers.")
    denominator_symbol: str | None = Field(default=None, description="Zeichen des Nenners.")

    @classmethod
    def of(cls, c: Cell) -> CellOut:
        return cls(
            value=c.value,
            symbol=c.symbol,
            display=c.display,
            numerator=c.numerator,
            denominator=c.denominator,
            numerator_symbol=c.numerator_symbol,
            denominator_symbol=c.denominator_symbol,
        )


class MemberFigureOut(BaseModel):
    code: str = Field(description="Mitglied.")
    name: str = Field(description="Name.")
    region_type: str = Field(description="Art.")
    value: CellOut = Field(description="Wert.")
    rank: int | None = Field(description="Rang im Ring (1 = günstigster bzw. höchster Wert).")
    land: CellOut = Field(description="Wert des Landes.")
    land_name: str = Field(default="", description="Name des Landes.")


class PanelOut(BaseModel):
    code: str = Field(description="Kennzahl.")
    name: str = Field(description="Name.")
    unit: str = Field(description="Einheit.")
    decimals: int = Field(description="Nachkommastellen der Anzeige.")
    year: int | None = Field(description="Jahr des Vergleichs.")
    members: list[MemberFigureOut] = Field(description="Mitglieder nebeneinander.")
    lands: dict[str, CellOut] = Field(description="Länder der Mitglieder.")
    germany: CellOut = Field(description="Deutschland.")
    ring: CellOut | None = Field(description="Wert des Rings: Σ Zähler / Σ Nenner.")
    ring_missing: list[str] = Field(description="Mitglieder ohne Zähler/Nenner.")
    years: list[int] = Field(description="Jahre der Zeitreihe.")
    series: dict[str, list[CellOut]] = Field(description="Zeitreihe je Mitglied.")
    ring_series: list[CellOut] = Field(description="Zeitreihe des Rings.")
    land_series: dict[str, list[CellOut]] = Field(
        default={}, description="Zeitreihe je Land der Mitglieder (nach Name)."
    )
    germany_series: list[CellOut] = Field(default=[], description="Zeitreihe Deutschlands.")
    warnings: list[str] = Field(description="Hinweise zur Vergleichbarkeit.")
    charts: list[ChartOut] = Field(
        default=[], description="Balkendiagramm und Zeitreihe (SVG/PNG zum Herunterladen)."
    )
    footnotes: list[str] = Field(
        default=[], description="Fußnoten der Quellen zu den Mitgliedern und Eingangsspalten."
    )

    @classmethod
    def of(cls, p: IndicatorPanel) -> PanelOut:
        return cls(
            code=p.indicator.code,
            name=p.indicator.name,
            unit=p.indicator.unit,
            decimals=p.indicator.decimals,
            year=p.year,
            members=[
                MemberFigureOut(
                    code=m.member.code,
                    name=m.member.name,
                    region_type=m.member.region_type,
                    value=CellOut.of(m.cell),
                    rank=m.rank,
                    land=CellOut.of(m.land_cell),
                    land_name=m.member.land,
                )
                for m in p.members
            ],
            lands={name: CellOut.of(cell) for _code, name, cell in p.lands},
            germany=CellOut.of(p.germany),
            ring=CellOut.of(p.ring.cell) if p.ring else None,
            ring_missing=list(p.ring.missing_members) if p.ring else [],
            years=p.years,
            series={code: [CellOut.of(c) for c in cells] for code, cells in p.series.items()},
            ring_series=[CellOut.of(c) for c in p.ring_series],
            land_series={
                name: [CellOut.of(c) for c in cells] for name, cells in p.land_series.items()
            },
            germany_series=[CellOut.of(c) for c in p.germany_series],
            warnings=p.warnings,
        )


class TaskOut(BaseModel):
    id: int = Field(description="Nummer.")
    title: str = Field(description="Aufgabe.")
    responsible: str = Field(description="Verantwortlich.")
    due_on: dt.date | None = Field(description="Fällig am.")
    status: str = Field(description="offen, in Arbeit, erledigt.")
    meeting_id: int | None = Field(description="Sitzung.")
    overdue: bool = Field(description="Überfällig.")

    @classmethod
    def of(cls, t: TaskView) -> TaskOut:
        return cls(**t.__dict__)


class MeetingOut(BaseModel):
    id: int = Field(description="Nummer.")
    title: str = Field(description="Titel.")
    held_on: dt.date = Field(description="Datum.")
    where: str = Field(description="Ort oder online.")
    participants: list[str] = Field(description="Teilnehmende.")
    agenda: list[str] = Field(description="Tagesordnung.")
    decisions: list[str] = Field(description="Beschlüsse.")
    tasks: list[TaskOut] = Field(description="Aufgaben.")

    @classmethod
    def of(cls, m: MeetingView) -> MeetingOut:
        return cls(
            id=m.id,
            title=m.title,
            held_on=m.held_on,
            where=m.where,
            participants=list(m.participants),
            agenda=list(m.agenda),
            decisions=list(m.decisions),
            tasks=[TaskOut.of(t) for t in m.tasks],
        )
