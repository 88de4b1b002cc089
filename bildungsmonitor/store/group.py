"""Region groups: named sets of regions such as a comparison ring."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bildungsmonitor.errors import BadRequest, Conflict, NotFound
from bildungsmonitor.store.tables import Region, RegionGroup, RegionGroupMember

MITTELDEUTSCHES_REVIER = (
    "mitteldeutsches-revier",
    "Mitteldeutsches Revier",
    "Die neun Revierkommunen des Mitteldeutschen Reviers (Sachsen, Sachsen-Anhalt, Thüringen).",
    ("14713", "14729", "14730", "15002", "15082", "15084", "15087", "15088", "16077"),
)
BUILTIN_GROUPS = (MITTELDEUTSCHES_REVIER,)


@dataclass(frozen=True)
class GroupView:
    slug: str
    name: str
    description: str
    members: tuple[str, ...]
    builtin: bool


def slugify(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold().translate(table)).strip("-")
    if not slug:
        raise BadRequest(f"Aus dem Namen »{name}« lässt sich kein Kürzel bilden.")
    return slug


def create_group(
    session: Session,
    name: str,
    members: Sequence[str],
    *,
    slug: str | None = None,
    description: str = "",
    builtin: bool = False,
) -> GroupView:
    slug = slug or slugify(name)
    if session.scalar(select(RegionGroup).where(RegionGroup.slug == slug)) is not None:
        raise Conflict(f"Eine Regionsgruppe »{slug}« gibt es schon.")
    codes = list(dict.fromkeys(members))
    if not codes:
        raise BadRequest("Eine Regionsgruppe braucht mindestens eine Gebietseinheit.")
    known = set(session.scalars(select(Region.code).where(Region.code.in_(codes))))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise NotFound(f"Unbekannte Gebietseinheit(en): {', '.join(unknown)}.")
    group = RegionGroup(slug=slug, name=name, description=description, builtin=builtin)
    session.add(group)
    session.flush()
    session.add_all(RegionGroupMember(group_id=group.id, region_code=c) for c in codes)
    session.flush()
    return GroupView(slug, name, description, tuple(codes), builtin)


def ensure_builtin_groups(session: Session) -> None:
    """Create the shipped groups once their member regions exist."""
    for slug, name, description, members in BUILTIN_GROUPS:
        if session.scalar(select(RegionGroup).where(RegionGroup.slug == slug)) is not None:
            continue
        present = set(session.scalars(select(Region.code).where(Region.code.in_(members))))
        if present == set(members):
            create_group(session, name, members, slug=slug, description=description, builtin=True)


def get_group(session: Session, slug: str) -> GroupView:
    group = session.scalar(select(RegionGroup).where(RegionGroup.slug == slug))
    if group is None:
        raise NotFound(f"Regionsgruppe »{slug}« ist nicht bekannt.")
    return _view(session, group)


def list_groups(session: Session) -> list[GroupView]:
    return [
        _view(session, g) for g in session.scalars(select(RegionGroup).order_by(RegionGroup.name))
    ]


def delete_group(session: Session, slug: str) -> None:
    group = session.scalar(select(RegionGroup).where(RegionGroup.slug == slug))
    if group is None:
        raise NotFound(f"Regionsgruppe »{slug}« ist nicht bekannt.")
    session.execute(delete(RegionGroupMember).where(RegionGroupMember.group_id == group.id))
    session.delete(group)


def _view(session: Session, group: RegionGroup) -> GroupView:
    members = tuple(
        session.scalars(
            select(RegionGroupMember.region_code)
            .where(RegionGroupMember.group_id == group.id)
            .order_by(RegionGroupMember.region_code)
        )
    )
    return GroupView(group.slug, group.name, group.description, members, group.builtin)
