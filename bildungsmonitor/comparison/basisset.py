"""The Basisset: every candidate with how many members chose it, who, their priorities,
data availability and steering relevance, and whether the shipped data computes it for
every member."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.ring import RingView
from bildungsmonitor.comparison.round import Candidate, RoundView
from bildungsmonitor.comparison.selection import Recorded, selections
from bildungsmonitor.store.tables import IndicatorValue

SortKey = Literal["anzahl", "code", "prioritaet"]


@dataclass(frozen=True)
class BasisEntry:
    candidate: Candidate
    chosen_by: tuple[str, ...]
    priorities: dict[str, int | None]
    availability: dict[str, str | None]
    steering: dict[str, bool | None]
    answered: int
    examples: bool
    computable_year: int | None
    """Latest year with a stored value for every member (``None``: not computable)."""

    @property
    def count(self) -> int:
        return len(self.chosen_by)

    @property
    def mean_priority(self) -> float | None:
        values = [p for p in self.priorities.values() if p is not None]
        return sum(values) / len(values) if values else None

    @property
    def computable(self) -> bool:
        return self.computable_year is not None


@dataclass(frozen=True)
class BasisFilter:
    only_chosen: bool = False
    area: str | None = None
    computable: bool | None = None
    min_count: int = 0
    sort: SortKey = "anzahl"


@dataclass
class Basisset:
    ring: RingView
    round: RoundView
    entries: list[BasisEntry] = field(default_factory=list)
    answered_members: tuple[str, ...] = ()


def computable_years(
    session: Session, indicator_codes: Sequence[str], members: Sequence[str]
) -> dict[str, int]:
    """Per indicator the latest year with a stored numeric value for every member."""
    if not indicator_codes or not members:
        return {}
    rows = session.execute(
        select(IndicatorValue.indicator_code, func.max(IndicatorValue.year))
        .where(
            IndicatorValue.indicator_code.in_(list(indicator_codes)),
            IndicatorValue.subject.in_(list(members)),
            IndicatorValue.value.is_not(None),
        )
        .group_by(IndicatorValue.indicator_code, IndicatorValue.year)
        .having(func.count(func.distinct(IndicatorValue.subject)) == len(set(members)))
    ).all()
    found: dict[str, int] = {}
    for code, year in rows:
        found[code] = max(found.get(code, year), year)
    return found


def build_basisset(
    session: Session, ring: RingView, round_: RoundView, where: BasisFilter | None = None
) -> Basisset:
    where = where or BasisFilter()
    members = [m.code for m in ring.members]
    answers = selections(session, round_)
    codes = [c.indicator_code for c in round_.candidates if c.indicator_code]
    years = computable_years(session, codes, members)
    entries = [
        _entry(c, answers.get(c.code, []), years.get(c.indicator_code or ""))
        for c in round_.candidates
    ]
    answered = tuple(sorted({r.region_code for rows in answers.values() for r in rows}))
    kept = [e for e in entries if _keep(e, where)]
    return Basisset(ring, round_, _sorted(kept, where.sort), answered)


def _entry(candidate: Candidate, recorded: list[Recorded], year: int | None) -> BasisEntry:
    chosen = tuple(r.region_code for r in recorded if r.answer.interest)
    return BasisEntry(
        candidate,
        chosen,
        {r.region_code: r.answer.priority for r in recorded if r.answer.interest},
        {r.region_code: r.answer.data_available for r in recorded},
        {r.region_code: r.answer.steering_relevant for r in recorded},
        len(recorded),
        any(r.example for r in recorded),
        year,
    )


def _keep(entry: BasisEntry, where: BasisFilter) -> bool:
    if where.only_chosen and entry.count == 0:
        return False
    if where.area and entry.candidate.area_code != where.area:
        return False
    if where.computable is not None and entry.computable != where.computable:
        return False
    return entry.count >= where.min_count


def _sorted(entries: list[BasisEntry], key: SortKey) -> list[BasisEntry]:
    if key == "code":
        return entries
    if key == "prioritaet":
        return sorted(entries, key=lambda e: (e.mean_priority is None, e.mean_priority or 0.0))
    return sorted(entries, key=lambda e: -e.count)
