"""Berichte: choose kind and region (``/berichte``), preview, download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse

from bildungsmonitor.web.deps import SessionDep, StoreDep
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import add_page
from bildungsmonitor.web.views.indicator_catalogue import CatalogueDep
from bildungsmonitor.web.views.report import report_file, report_form_page, report_preview_page

router = APIRouter()

Art = Annotated[str | None, Query(description="Berichtsart, z. B. kommunalprofil.")]
Region = Annotated[str | None, Query(description="Regionalschlüssel oder group:<kürzel>.")]


def report_form(
    request: Request, session: SessionDep, art: Art = None, region: Region = None
) -> Response:
    return render(request, report_form_page(session, art, region))


def report_preview(
    request: Request,
    session: SessionDep,
    store: StoreDep,
    catalogue: CatalogueDep,
    art: Art = None,
    region: Region = None,
) -> Response:
    return render(request, report_preview_page(request, session, store, catalogue, art, region))


def report_download(
    request: Request,
    session: SessionDep,
    store: StoreDep,
    catalogue: CatalogueDep,
    art: Art = None,
    region: Region = None,
    format: Annotated[str | None, Query(description="pdf, docx, html oder md.")] = None,
) -> Response:
    path, media_type, filename = report_file(
        request, session, store, catalogue, art, region, format
    )
    return FileResponse(path, media_type=media_type, filename=filename)


add_page(router, "/berichte", report_form, name="reports")
add_page(router, "/berichte/vorschau", report_preview, name="report_preview")
router.add_api_route(
    "/berichte/download",
    report_download,
    methods=["GET"],
    name="report_download",
    include_in_schema=False,
)
