"""Typed dependencies: the store and a session from ``app.state``, lookups that 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, cast

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import GroupView, get_group
from bildungsmonitor.store.region import RegionView, get_region


def get_store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


StoreDep = Annotated[Store, Depends(get_store)]


def get_session(store: StoreDep) -> Iterator[Session]:
    """One read transaction per request (rolled back on any error)."""
    with store.transaction() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def region_by_code(
    code: Annotated[str, Path(description="Regionalschlüssel, z. B. 15082.")],
    session: SessionDep,
) -> RegionView:
    """The region of the path, or ``NotFound`` (404)."""
    return get_region(session, code)


RegionDep = Annotated[RegionView, Depends(region_by_code)]


def group_by_slug(
    slug: Annotated[str, Path(description="Kürzel der Regionsgruppe.")],
    session: SessionDep,
) -> GroupView:
    """The region group of the path, or ``NotFound`` (404)."""
    return get_group(session, slug)


GroupDep = Annotated[GroupView, Depends(group_by_slug)]
