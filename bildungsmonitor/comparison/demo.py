"""The demo ring »Mitteldeutsches Revier«: nine members, a sample Auswahlrunde whose
answers are clearly labelled example entries, an agreed sample Vergleichsset and a sample
meeting. Nothing here is the real choice of a municipality."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.comparison.access import Publication
from bildungsmonitor.comparison.basisset import BasisFilter, build_basisset
from bildungsmonitor.comparison.comparison_set import agree_set
from bildungsmonitor.comparison.meeting import MeetingIn, TaskIn, add_task, create_meeting
from bildungsmonitor.comparison.ring import Contact, NewRing, RingView, create_ring, ring_row
from bildungsmonitor.comparison.round import RoundView, create_round
from bildungsmonitor.comparison.selection import (
    AVAILABILITY,
    EXAMPLE_NOTE,
    Answer,
    record_selection,
)
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import MITTELDEUTSCHES_REVIER
from bildungsmonitor.store.tables import ComparisonRing, Region

DEMO_SLUG = "mitteldeutsches-revier"
DEMO_AREAS = ("D", "E")
EXTRA_TOPICS = ("Digitalisierung und Medienbildung", "Bildungsberatung im Strukturwandel")
DEMO_DECISION = dt.date(2025, 3, 12)


def ensure_demo_ring(store: Store, catalogue: Catalogue) -> NewRing | None:
    """Create the demo ring once (idempotent). Returns the new ring with its access tokens,
    or ``None`` when it exists already or the member regions are not loaded."""
    _slug, name, description, members = MITTELDEUTSCHES_REVIER
    with store.transaction() as session:
        if session.scalar(select(ComparisonRing).where(ComparisonRing.slug == DEMO_SLUG)):
            return None
        present = set(session.scalars(select(Region.code).where(Region.code.in_(members))))
        if present != set(members):
            return None
        created = create_ring(
            session,
            name,
            members,
            slug=DEMO_SLUG,
            coordinator="Koordinierungsstelle Bildungsmonitoring (Beispiel)",
            description=f"{description} Beispielring mit erfundenen Auswahl-Einträgen.",
            contacts=[
                Contact(code, f"Beispielperson {code}", f"bildung-{code}@example.org")
                for code in members
            ],
            publication=Publication.PUBLIC,
        )
        ring = ring_row(session, DEMO_SLUG)
        areas = [a for a in DEMO_AREAS if any(x.code == a for x in catalogue.areas)]
        round_ = create_round(
            session,
            ring,
            catalogue,
            "Auswahlrunde 2025 (Beispiel)",
            areas=areas or None,
            extra_topics=EXTRA_TOPICS,
        )
        for code in members:
            answers = [_example(code, c.code) for c in round_.candidates]
            record_selection(session, created.ring, round_, code, answers, example=True)
        _agree(session, ring, catalogue, created.ring, round_)
        _meeting(session, ring)
    return created


def _score(member: str, code: str) -> int:
    return hashlib.sha256(f"{member}/{code}".encode()).digest()[0]


def _example(member: str, code: str) -> Answer:
    """A deterministic, clearly labelled example answer."""
    score = _score(member, code)
    interest = score % 3 != 0
    return Answer(
        code=code,
        interest=interest,
        priority=(score % 3) + 1 if interest else None,
        data_available=AVAILABILITY[score % 3],
        data_source="",
        steering_relevant=score % 2 == 0,
        comment=EXAMPLE_NOTE,
    )


def _agree(
    session: Session, ring: ComparisonRing, catalogue: Catalogue, view: RingView, round_: RoundView
) -> None:
    entries = build_basisset(session, view, round_, BasisFilter(computable=True)).entries
    ratios = [e for e in entries if catalogue.indicator(e.candidate.code).is_ratio]
    chosen = [e.candidate.code for e in ratios[:5]]
    if chosen:
        agree_set(
            session,
            ring,
            catalogue,
            chosen,
            decided_on=DEMO_DECISION,
            meeting="Beispielsitzung des Vergleichsrings (Demo)",
        )


def _meeting(session: Session, ring: ComparisonRing) -> None:
    meeting = create_meeting(
        session,
        ring,
        MeetingIn(
            title="Beispielsitzung des Vergleichsrings (Demo)",
            held_on=DEMO_DECISION,
            online=True,
            participants=["Koordinierungsstelle (Beispiel)", "Bildungsbüros der Mitglieder"],
            agenda=["Ergebnis der Auswahlrunde", "Beschluss des Vergleichssets"],
            decisions=["Das Vergleichsset (Version 1) wird beschlossen (Beispiel)."],
        ),
    )
    add_task(
        session,
        ring,
        TaskIn(
            title="Datenverfügbarkeit der zusätzlichen Themen klären (Beispiel)",
            responsible="Koordinierungsstelle (Beispiel)",
            due_on=dt.date(2025, 6, 30),
            meeting_id=meeting.id,
        ),
    )
