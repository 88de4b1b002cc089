"""A member's selection in a round: interest, priority, data availability, steering, comment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.ring import RingView
from bildungsmonitor.comparison.round import RoundView
from bildungsmonitor.errors import BadRequest, Conflict
from bildungsmonitor.store.tables import RoundCandidate, Selection

Availability = Literal["ja", "teilweise", "nein"]
AVAILABILITY: tuple[Availability, ...] = ("ja", "teilweise", "nein")
EXAMPLE_NOTE = "Beispieleintrag – nicht die Auswahl der Kommune"


class Answer(BaseModel):
    """One member's answer to one candidate."""

    model_config = ConfigDict(extra="forbid", title="Auswahl zu einem Kandidaten")

    code: str = Field(min_length=1, max_length=32, description="Code des Kandidaten.")
    interest: bool | None = Field(default=None, description="Interesse (ja/nein).")
    priority: int | None = Field(default=None, ge=1, le=3, description="Priorität 1–3.")
    data_available: Availability | None = Field(
        default=None, description="Daten in der Kommune vorhanden: ja, teilweise, nein."
    )
    data_source: str = Field(default="", max_length=500, description="Quelle der Daten.")
    steering_relevant: bool | None = Field(default=None, description="Steuerungsrelevant.")
    comment: str = Field(default="", max_length=2000, description="Bemerkung.")

    @property
    def is_empty(self) -> bool:
        return (
            self.interest is None
            and self.priority is None
            and self.data_available is None
            and self.steering_relevant is None
            and not self.data_source
            and not self.comment
        )


@dataclass(frozen=True)
class Recorded:
    region_code: str
    answer: Answer
    example: bool


def record_selection(
    session: Session,
    ring: RingView,
    round_: RoundView,
    region_code: str,
    answers: Sequence[Answer],
    *,
    example: bool = False,
) -> int:
    """Store ``answers`` of one member (replacing earlier answers to the same candidates);
    returns how many were stored. Unknown codes or members change nothing."""
    ring.member(region_code)
    if round_.status != "offen":
        raise Conflict(f"Die Auswahlrunde »{round_.title}« ist abgeschlossen.")
    codes = [a.code for a in answers]
    doubled = sorted({c for c in codes if codes.count(c) > 1})
    if doubled:
        raise BadRequest(f"Kandidat(en) mehrfach angegeben: {', '.join(doubled)}.")
    ids = {a.code: round_.candidate(a.code).id for a in answers}
    existing = {
        s.candidate_id: s
        for s in session.scalars(
            select(Selection).where(
                Selection.region_code == region_code,
                Selection.candidate_id.in_(list(ids.values())),
            )
        )
    }
    now = dt.datetime.now(dt.UTC)
    for answer in answers:
        row = existing.get(ids[answer.code])
        if row is None:
            row = Selection(candidate_id=ids[answer.code], region_code=region_code)
            session.add(row)
        fields = answer.model_dump(exclude={"code"})
        for name, value in fields.items():
            setattr(row, name, value)
        row.example = example
        row.updated_at = now
    session.flush()
    return len(answers)


def selections(
    session: Session, round_: RoundView, region_code: str | None = None
) -> dict[str, list[Recorded]]:
    """Recorded answers per candidate code (optionally of one member only)."""
    query = (
        select(RoundCandidate.code, Selection)
        .join(Selection, Selection.candidate_id == RoundCandidate.id)
        .where(RoundCandidate.round_id == round_.id)
        .order_by(RoundCandidate.position, Selection.region_code)
    )
    if region_code is not None:
        query = query.where(Selection.region_code == region_code)
    found: dict[str, list[Recorded]] = {}
    for code, row in session.execute(query).all():
        answer = Answer(
            code=code,
            interest=row.interest,
            priority=row.priority,
            data_available=_availability(row.data_available),
            data_source=row.data_source,
            steering_relevant=row.steering_relevant,
            comment=row.comment,
        )
        found.setdefault(code, []).append(Recorded(row.region_code, answer, row.example))
    return found


def _availability(value: str | None) -> Availability | None:
    for choice in AVAILABILITY:
        if value == choice:
            return choice
    return None


def answered_members(session: Session, round_: RoundView) -> list[str]:
    codes = {r.region_code for rows in selections(session, round_).values() for r in rows}
    return sorted(codes)
