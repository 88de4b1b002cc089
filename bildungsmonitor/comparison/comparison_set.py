"""The agreed Vergleichsset, versioned: each change is a new version with date, meeting
and reason; the newest version is in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.tables import ComparisonRing, ComparisonSetVersion


@dataclass(frozen=True)
class SetVersion:
    version: int
    codes: tuple[str, ...]
    decided_on: dt.date
    meeting: str
    reason: str


def agree_set(
    session: Session,
    ring: ComparisonRing,
    catalogue: Catalogue,
    codes: Sequence[str],
    *,
    decided_on: dt.date,
    meeting: str,
    reason: str = "",
) -> SetVersion:
    """Record a (new version of the) Vergleichsset; a change needs a reason."""
    chosen = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not chosen:
        raise BadRequest("Das Vergleichsset braucht mindestens eine Kennzahl.")
    for code in chosen:
        catalogue.indicator(code)  # NotFound for codes outside the catalogue
    if not meeting.strip():
        raise BadRequest("Bitte die Sitzung angeben, in der das Vergleichsset beschlossen wurde.")
    latest = session.scalar(
        select(func.max(ComparisonSetVersion.version)).where(
            ComparisonSetVersion.ring_id == ring.id
        )
    )
    if latest is not None and not reason.strip():
        raise BadRequest("Eine Änderung des Vergleichssets braucht eine Begründung.")
    row = ComparisonSetVersion(
        ring_id=ring.id,
        version=(latest or 0) + 1,
        codes=chosen,
        decided_on=decided_on,
        meeting=meeting.strip(),
        reason=reason.strip(),
    )
    session.add(row)
    session.flush()
    return _view(row)


def set_history(session: Session, ring: ComparisonRing) -> list[SetVersion]:
    """All versions, newest first."""
    rows = session.scalars(
        select(ComparisonSetVersion)
        .where(ComparisonSetVersion.ring_id == ring.id)
        .order_by(ComparisonSetVersion.version.desc())
    )
    return [_view(r) for r in rows]


def current_set(session: Session, ring: ComparisonRing) -> SetVersion | None:
    history = set_history(session, ring)
    return history[0] if history else None


def _view(row: ComparisonSetVersion) -> SetVersion:
    return SetVersion(row.version, tuple(row.codes), row.decided_on, row.meeting, row.reason)
