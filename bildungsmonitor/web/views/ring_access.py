"""Typed dependencies of the ring pages and API: the ring of the path and who is asking.

The token comes from the header ``X-Ring-Token`` or the query parameter ``token``; the
lookup and the permission check live here (and in ``comparison.access``), not in handlers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Query
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.access import Viewer, viewer_for
from bildungsmonitor.comparison.ring import RingView, ring_row, ring_view
from bildungsmonitor.store.tables import ComparisonRing
from bildungsmonitor.web.deps import SessionDep


@dataclass(frozen=True)
class RingContext:
    session: Session
    row: ComparisonRing
    ring: RingView
    viewer: Viewer
    token: str | None

    @property
    def query(self) -> str:
        """The query string that keeps the access link on follow-up links."""
        return f"?token={self.token}" if self.token else ""


def ring_context(
    slug: Annotated[str, Path(description="Kürzel des Vergleichsrings.")],
    session: SessionDep,
    x_ring_token: Annotated[
        str | None, Header(description="Token eines Zugangslinks.", include_in_schema=True)
    ] = None,
    token: Annotated[str | None, Query(description="Token eines Zugangslinks.")] = None,
) -> RingContext:
    """The ring of the path with the viewer its token stands for (403/404 otherwise)."""
    row = ring_row(session, slug)
    chosen = x_ring_token or token
    viewer = viewer_for(session, row, chosen)
    return RingContext(session, row, ring_view(session, row), viewer, chosen)


RingDep = Annotated[RingContext, Depends(ring_context)]
