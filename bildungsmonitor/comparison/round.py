"""Auswahlrunden: candidates from the catalogue (all or some areas) plus extra topics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.errors import BadRequest, NotFound
from bildungsmonitor.store.tables import ComparisonRing, RoundCandidate, SelectionRound

EXTRA_AREA = ("Z", "Zusätzliche Themen")


@dataclass(frozen=True)
class Candidate:
    id: int
    code: str
    name: str
    area_code: str
    area_name: str
    indicator_code: str | None

    @property
    def is_extra(self) -> bool:
        return self.indicator_code is None


@dataclass(frozen=True)
class RoundView:
    id: int
    ring_id: int
    title: str
    status: str
    candidates: tuple[Candidate, ...]

    def areas(self) -> list[tuple[str, str]]:
        """The round's areas in candidate order: (code, name)."""
        return list(dict.fromkeys((c.area_code, c.area_name) for c in self.candidates))

    def candidate(self, code: str) -> Candidate:
        for candidate in self.candidates:
            if candidate.code == code:
                return candidate
        raise NotFound(f"»{code}« ist kein Kandidat der Auswahlrunde »{self.title}«.")


def create_round(
    session: Session,
    ring: ComparisonRing,
    catalogue: Catalogue,
    title: str,
    *,
    areas: Sequence[str] | None = None,
    extra_topics: Sequence[str] = (),
) -> RoundView:
    """A round over the catalogue indicators of ``areas`` (default: all areas) plus extra
    candidate topics outside the catalogue (codes Z1, Z2, …)."""
    if not title.strip():
        raise BadRequest("Die Auswahlrunde braucht einen Titel.")
    chosen = list(areas) if areas else [a.code for a in catalogue.areas]
    for code in chosen:
        catalogue.area(code)  # NotFound for an unknown area
    selection = SelectionRound(ring_id=ring.id, title=title)
    session.add(selection)
    session.flush()
    position = 0
    for code in chosen:
        area = catalogue.area(code)
        for indicator in catalogue.in_area(code):
            position += 1
            session.add(
                RoundCandidate(
                    round_id=selection.id,
                    code=indicator.code,
                    name=indicator.name,
                    area_code=area.code,
                    area_name=area.name,
                    indicator_code=indicator.code,
                    position=position,
                )
            )
    for number, topic in enumerate(dict.fromkeys(t.strip() for t in extra_topics if t.strip())):
        position += 1
        session.add(
            RoundCandidate(
                round_id=selection.id,
                code=f"{EXTRA_AREA[0]}{number + 1}",
                name=topic,
                area_code=EXTRA_AREA[0],
                area_name=EXTRA_AREA[1],
                indicator_code=None,
                position=position,
            )
        )
    session.flush()
    return round_view(session, selection)


def round_row(session: Session, ring: ComparisonRing, round_id: int) -> SelectionRound:
    found = session.get(SelectionRound, round_id)
    if found is None or found.ring_id != ring.id:
        raise NotFound(f"Auswahlrunde {round_id} gibt es in diesem Vergleichsring nicht.")
    return found


def round_view(session: Session, selection: SelectionRound) -> RoundView:
    candidates = tuple(
        Candidate(c.id, c.code, c.name, c.area_code, c.area_name, c.indicator_code)
        for c in session.scalars(
            select(RoundCandidate)
            .where(RoundCandidate.round_id == selection.id)
            .order_by(RoundCandidate.position)
        )
    )
    return RoundView(selection.id, selection.ring_id, selection.title, selection.status, candidates)


def list_rounds(session: Session, ring: ComparisonRing) -> list[RoundView]:
    rows = session.scalars(
        select(SelectionRound).where(SelectionRound.ring_id == ring.id).order_by(SelectionRound.id)
    )
    return [round_view(session, r) for r in rows]


def close_round(session: Session, selection: SelectionRound) -> None:
    selection.status = "abgeschlossen"
    session.flush()
