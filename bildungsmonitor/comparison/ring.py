"""Vergleichsringe: members, coordination, contact persons, publication level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.access import Publication, Role, issue_link
from bildungsmonitor.errors import BadRequest, Conflict, NotFound
from bildungsmonitor.store.group import create_group, get_group, slugify
from bildungsmonitor.store.tables import (
    ComparisonRing,
    Region,
    RegionGroup,
    RingContact,
    RingMember,
)


@dataclass(frozen=True)
class Contact:
    region_code: str | None
    name: str
    email: str


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    region_type: str
    land: str


@dataclass(frozen=True)
class RingView:
    id: int
    slug: str
    name: str
    description: str
    coordinator: str
    publication: Publication
    group_slug: str | None
    members: tuple[Member, ...]
    contacts: tuple[Contact, ...] = ()

    def member(self, code: str) -> Member:
        for member in self.members:
            if member.code == code:
                return member
        raise NotFound(f"{code} ist kein Mitglied des Vergleichsrings »{self.name}«.")


@dataclass(frozen=True)
class NewRing:
    """A created ring with its access links' tokens (shown once, never stored)."""

    ring: RingView
    coordinator_token: str
    member_tokens: dict[str, str] = field(default_factory=dict)


def create_ring(
    session: Session,
    name: str,
    members: Sequence[str],
    *,
    coordinator: str,
    slug: str | None = None,
    description: str = "",
    contacts: Sequence[Contact] = (),
    publication: Publication = Publication.INTERN,
) -> NewRing:
    """Create a ring, its region group (reused if one with the same members exists) and
    one access link for the coordination and one per member."""
    slug = slug or slugify(name)
    if session.scalar(select(ComparisonRing).where(ComparisonRing.slug == slug)) is not None:
        raise Conflict(f"Einen Vergleichsring »{slug}« gibt es schon.")
    codes = list(dict.fromkeys(members))
    if len(codes) < 2:
        raise BadRequest("Ein Vergleichsring braucht mindestens zwei Mitglieder.")
    if not coordinator.strip():
        raise BadRequest("Die koordinierende Stelle fehlt.")
    group_slug = _ensure_group(session, slug, name, codes)
    ring = ComparisonRing(
        slug=slug,
        name=name,
        description=description,
        coordinator=coordinator,
        group_slug=group_slug,
        publication=publication.value,
    )
    session.add(ring)
    session.flush()
    session.add_all(RingMember(ring_id=ring.id, region_code=code) for code in codes)
    for contact in contacts:
        _check_contact(contact, codes)
        session.add(RingContact(ring_id=ring.id, **contact.__dict__))
    session.flush()
    tokens = {code: issue_link(session, ring.id, Role.MEMBER, code) for code in codes}
    return NewRing(ring_view(session, ring), issue_link(session, ring.id, Role.COORDINATOR), tokens)


def _ensure_group(session: Session, slug: str, name: str, codes: list[str]) -> str:
    """The slug of a region group with exactly these members (created if needed)."""
    wanted = set(codes)
    for group in session.scalars(select(RegionGroup)):
        if set(get_group(session, group.slug).members) == wanted:
            return group.slug
    group_slug = slug
    if session.scalar(select(RegionGroup).where(RegionGroup.slug == slug)) is not None:
        group_slug = f"ring-{slug}"
    create_group(session, name, codes, slug=group_slug, description=f"Vergleichsring {name}")
    return group_slug


def _check_contact(contact: Contact, codes: list[str]) -> None:
    if contact.region_code is not None and contact.region_code not in codes:
        raise BadRequest(f"Ansprechperson für {contact.region_code}: kein Mitglied des Rings.")
    if "@" not in contact.email or not contact.name.strip():
        raise BadRequest(f"Ansprechperson »{contact.name}«: Name und E-Mail-Adresse angeben.")


def ring_row(session: Session, slug: str) -> ComparisonRing:
    ring = session.scalar(select(ComparisonRing).where(ComparisonRing.slug == slug))
    if ring is None:
        raise NotFound(f"Vergleichsring »{slug}« ist nicht bekannt.")
    return ring


def ring_view(session: Session, ring: ComparisonRing) -> RingView:
    rows = session.execute(
        select(Region.code, Region.name, Region.region_type)
        .join(RingMember, RingMember.region_code == Region.code)
        .where(RingMember.ring_id == ring.id)
        .order_by(Region.code)
    ).all()
    lands = dict(
        session.execute(select(Region.code, Region.name).where(Region.level == "land")).all()
    )
    members = tuple(Member(c, n, t, lands.get(c[:2], c[:2])) for c, n, t in rows)
    contacts = tuple(
        Contact(c.region_code, c.name, c.email)
        for c in session.scalars(
            select(RingContact).where(RingContact.ring_id == ring.id).order_by(RingContact.id)
        )
    )
    return RingView(
        ring.id,
        ring.slug,
        ring.name,
        ring.description,
        ring.coordinator,
        Publication(ring.publication),
        ring.group_slug,
        members,
        contacts,
    )


def add_contact(session: Session, ring: ComparisonRing, contact: Contact) -> None:
    codes = [m.code for m in ring_view(session, ring).members]
    _check_contact(contact, codes)
    session.add(RingContact(ring_id=ring.id, **contact.__dict__))
    session.flush()


def set_publication(session: Session, ring: ComparisonRing, publication: Publication) -> None:
    ring.publication = publication.value
    session.flush()


def public_rings(session: Session) -> list[RingView]:
    rings = session.scalars(
        select(ComparisonRing)
        .where(ComparisonRing.publication == Publication.PUBLIC.value)
        .order_by(ComparisonRing.name)
    )
    return [ring_view(session, r) for r in rings]
