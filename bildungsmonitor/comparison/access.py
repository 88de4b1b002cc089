"""Access to a ring until accounts exist: per-ring links with unguessable tokens.

A link carries a token (``secrets.token_urlsafe(32)``); only its SHA-256 is stored. The
coordination link may do everything; a member link belongs to one member region and may
record that member's selection and read what the ring's publication level allows; without
a token a visitor sees only a ring published as ``oeffentlich``, and never intern data.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bildungsmonitor.errors import BadRequest, Forbidden, NotFound
from bildungsmonitor.store.tables import ComparisonRing, RingAccess, RingMember


class Role(enum.StrEnum):
    COORDINATOR = "koordination"
    MEMBER = "mitglied"
    PUBLIC = "oeffentlich"


class Publication(enum.StrEnum):
    """Who sees the results (Basisset, Vergleichsset, Dashboard) of a ring."""

    INTERN = "intern"
    RING = "ring"
    PUBLIC = "oeffentlich"


PUBLICATION_LABELS = {
    Publication.INTERN: "intern (nur Koordination)",
    Publication.RING: "Ring (alle Mitglieder)",
    Publication.PUBLIC: "öffentlich",
}


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a ring: role and, for a member link, the member's region."""

    ring_id: int
    role: Role
    region_code: str | None = None

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR

    @property
    def sees_intern(self) -> bool:
        """Selections, comments, contacts, meetings: coordination and members only."""
        return self.role is not Role.PUBLIC


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(session: Session, ring_id: int, role: Role, region_code: str | None = None) -> str:
    """Create an access link and return its token (shown once, stored only as a hash)."""
    token = new_token()
    session.add(
        RingAccess(
            ring_id=ring_id, role=role.value, region_code=region_code, token_hash=token_hash(token)
        )
    )
    session.flush()
    return token


def reissue_link(
    session: Session, ring: ComparisonRing, role: Role, region_code: str | None = None
) -> str:
    """Replace the link of the coordination (``region_code`` ``None``) or of one member:
    every link it had so far is revoked (refused with 403 from now on) and a new token is
    returned, to be shown once."""
    if role is Role.PUBLIC:
        raise BadRequest("Für die öffentliche Ansicht gibt es keinen Zugangslink.")
    if role is Role.COORDINATOR and region_code is not None:
        raise BadRequest("Der Link der Koordination gehört zu keinem Mitglied.")
    if role is Role.MEMBER:
        members = session.scalars(
            select(RingMember.region_code).where(RingMember.ring_id == ring.id)
        ).all()
        if region_code not in members:
            raise NotFound(f"{region_code} ist kein Mitglied des Vergleichsrings »{ring.name}«.")
    owner = (
        RingAccess.region_code.is_(None)
        if region_code is None
        else RingAccess.region_code == region_code
    )
    session.execute(
        update(RingAccess)
        .where(RingAccess.ring_id == ring.id, RingAccess.role == role.value, owner)
        .values(revoked=True)
    )
    return issue_link(session, ring.id, role, region_code)


def viewer_for(session: Session, ring: ComparisonRing, token: str | None) -> Viewer:
    """The viewer a token stands for; a wrong or foreign token is refused (403), and a
    ring that is not public is unknown (404) without a token."""
    if not token:
        if ring.publication != Publication.PUBLIC:
            raise NotFound(f"Vergleichsring »{ring.slug}« ist nicht bekannt.")
        return Viewer(ring.id, Role.PUBLIC)
    digest = token_hash(token)
    access = session.scalar(
        select(RingAccess).where(RingAccess.token_hash == digest, RingAccess.revoked.is_(False))
    )
    if (
        access is None
        or access.ring_id != ring.id
        or not hmac.compare_digest(access.token_hash, digest)
    ):
        raise Forbidden("Dieser Zugangslink gilt nicht für diesen Vergleichsring.")
    return Viewer(ring.id, Role(access.role), access.region_code)


def results_visible(ring: ComparisonRing, viewer: Viewer) -> bool:
    """May ``viewer`` see results (Vergleichsset, Dashboard) at the ring's publication level?"""
    if viewer.is_coordinator:
        return True
    if viewer.role is Role.MEMBER:
        return ring.publication in (Publication.RING, Publication.PUBLIC)
    return ring.publication == Publication.PUBLIC


def require_results(ring: ComparisonRing, viewer: Viewer) -> None:
    if not results_visible(ring, viewer):
        raise Forbidden("Die Ergebnisse dieses Vergleichsrings sind noch nicht freigegeben.")


def require_intern(viewer: Viewer) -> None:
    """Selections, comments, contacts and meetings are never public."""
    if not viewer.sees_intern:
        raise Forbidden("Diese Angaben sind nur für die Mitglieder des Vergleichsrings.")


def require_coordinator(viewer: Viewer) -> None:
    if not viewer.is_coordinator:
        raise Forbidden("Nur die Koordination des Vergleichsrings darf das.")


def require_member_or_coordinator(viewer: Viewer, region_code: str) -> None:
    """A member link may act only for its own member; the coordination for every member."""
    if viewer.is_coordinator:
        return
    if viewer.role is Role.MEMBER and viewer.region_code == region_code:
        return
    raise Forbidden(f"Dieser Zugangslink darf nicht für das Mitglied {region_code} eintragen.")
