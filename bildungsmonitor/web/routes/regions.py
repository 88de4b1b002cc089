"""Region and region-group pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from bildungsmonitor.web.deps import GroupDep, RegionDep, SessionDep
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import TABLE_FORMATS, add_page
from bildungsmonitor.web.views.group import group_list_page, group_page
from bildungsmonitor.web.views.region import Status, region_list_page, region_page

router = APIRouter()


def regions(
    request: Request,
    session: SessionDep,
    land: Annotated[str | None, Query(description="Schlüssel des Landes")] = None,
    ebene: Annotated[str | None, Query(description="Ebene")] = None,
    status: Annotated[Status, Query(description="aktuell, historisch oder alle")] = "aktuell",
) -> Response:
    return render(request, region_list_page(session, land=land, ebene=ebene, status=status))


def region(request: Request, session: SessionDep, found: RegionDep) -> Response:
    return render(request, region_page(session, found))


def groups(request: Request, session: SessionDep) -> Response:
    return render(request, group_list_page(session))


def group(request: Request, session: SessionDep, found: GroupDep) -> Response:
    return render(request, group_page(session, found))


add_page(router, "/regionen", regions, name="regions", twins=TABLE_FORMATS)
add_page(router, "/regionen/{code}", region, name="region", twins=TABLE_FORMATS)
add_page(router, "/gruppen", groups, name="groups", twins=TABLE_FORMATS)
add_page(router, "/gruppen/{slug}", group, name="group", twins=TABLE_FORMATS)
