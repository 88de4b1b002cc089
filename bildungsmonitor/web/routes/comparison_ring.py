"""Kennzahlenvergleich: ring pages (with ``.json`` twins), their forms and ``/api/v1/rings``.

Handlers parse, call one service, render. Who may do what is decided by the ``RingDep``
dependency and the checks in ``comparison.access``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from sqlalchemy.orm import Session

from bildungsmonitor.comparison.access import (
    reissue_link,
    require_coordinator,
    require_member_or_coordinator,
)
from bildungsmonitor.comparison.basisset import BasisFilter
from bildungsmonitor.comparison.comparison_set import agree_set
from bildungsmonitor.comparison.excel import SheetError, read_upload, round_workbook
from bildungsmonitor.comparison.meeting import (
    add_decision,
    add_task,
    create_meeting,
    set_task_status,
)
from bildungsmonitor.comparison.ring import create_ring, set_publication
from bildungsmonitor.comparison.round import create_round
from bildungsmonitor.comparison.selection import record_selection, selections
from bildungsmonitor.errors import AppError, BadRequest, Forbidden
from bildungsmonitor.web.deps import SessionDep
from bildungsmonitor.web.error import error_responses
from bildungsmonitor.web.render import MEDIA_TYPES, html, render
from bildungsmonitor.web.routes._page import TABLE_FORMATS, add_page
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views import ring_api
from bildungsmonitor.web.views.indicator_catalogue import CatalogueDep
from bildungsmonitor.web.views.indicator_figure import chart_file
from bildungsmonitor.web.views.ring import ring_list_page, ring_page
from bildungsmonitor.web.views.ring_access import RingContext, RingDep
from bildungsmonitor.web.views.ring_forms import (
    TASK_FIELDS,
    Fields,
    current_kreise,
    meeting_new_page,
    parse_meeting_form,
    parse_publication,
    parse_ring_form,
    parse_round_form,
    parse_status,
    parse_task_form,
    ring_created_page,
    ring_new_page,
    round_new_page,
)
from bildungsmonitor.web.views.ring_link import link_page, parse_link_target
from bildungsmonitor.web.views.ring_meeting import meeting_page, meetings_page, protocol_text
from bildungsmonitor.web.views.ring_result import basisset_page, dashboard_page, set_page
from bildungsmonitor.web.views.ring_round import (
    answers_from_form,
    editing_member,
    load_round,
    round_page,
)

router = APIRouter()
Member = Annotated[str | None, Query(description="Regionalschlüssel des Mitglieds.")]
SortQuery = Annotated[Literal["anzahl", "code", "prioritaet"], Query(description="Sortierung")]


def _back(ctx: RingContext, path: str, extra: str = "") -> RedirectResponse:
    query = "&".join(q for q in (ctx.query.removeprefix("?"), extra) if q)
    return RedirectResponse(f"/ringe/{ctx.ring.slug}{path}" + (f"?{query}" if query else ""), 303)


def rings(request: Request, session: SessionDep) -> Response:
    return render(request, ring_list_page(session))


def ring(request: Request, ctx: RingDep) -> Response:
    return render(request, ring_page(ctx))


def round_(
    request: Request,
    ctx: RingDep,
    round_id: int,
    mitglied: Member = None,
    gespeichert: Annotated[int, Query(description="Rückmeldung: Anzahl gespeichert")] = -1,
) -> Response:
    notice = f"{gespeichert} Angaben gespeichert." if gespeichert >= 0 else None
    return render(request, round_page(ctx, round_id, mitglied, notice=notice))


async def save_form(
    request: Request, ctx: RingDep, round_id: int, mitglied: Member = None
) -> Response:
    selection = load_round(ctx, round_id)
    code = editing_member(ctx, mitglied)
    if code is None:
        raise BadRequest("Bitte das Mitglied angeben (Parameter »mitglied«).")
    answers = answers_from_form(selection, await request.form())
    stored = record_selection(ctx.session, ctx.ring, selection, code, answers)
    return _back(ctx, f"/runden/{round_id}", f"mitglied={code}&gespeichert={stored}")


def download(ctx: RingDep, round_id: int, mitglied: Member = None) -> Response:
    selection = load_round(ctx, round_id)
    code = editing_member(ctx, mitglied)
    answers = selections(ctx.session, selection, code) if code else {}
    body = round_workbook(ctx.ring, selection, code, answers)
    name = f"auswahlrunde-{ctx.ring.slug}-{round_id}" + (f"-{code}" if code else "")
    return Response(
        body,
        media_type=MEDIA_TYPES["xlsx"],
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


async def upload(
    request: Request,
    ctx: RingDep,
    round_id: int,
    datei: Annotated[UploadFile, File(description="Ausgefüllte Excel-Datei der Auswahlrunde.")],
) -> Response:
    """Eine ausgefüllte Excel-Datei der Auswahlrunde übernehmen: erst vollständig prüfen
    (Fehler mit Blatt, Zeile und Spalte), dann in einem Schritt speichern."""
    selection = load_round(ctx, round_id)
    data = await datei.read()
    try:
        parsed = read_upload(data, ctx.ring, selection, datei.filename or "upload.xlsx")
    except SheetError as error:
        if request.url.path.startswith("/api/"):
            raise
        page = round_page(ctx, round_id, problems=[str(p) for p in error.problems])
        return html(request, page.template, {"view": page, "table": None}, 400)
    require_member_or_coordinator(ctx.viewer, parsed.region_code)
    stored = record_selection(ctx.session, ctx.ring, selection, parsed.region_code, parsed.answers)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"region_code": parsed.region_code, "stored": stored})
    return _back(ctx, f"/runden/{round_id}", f"mitglied={parsed.region_code}&gespeichert={stored}")


def basisset(
    request: Request,
    ctx: RingDep,
    round_id: int,
    nur_gewaehlt: Annotated[bool, Query(description="Nur Kandidaten mit Interesse")] = False,
    bereich: Annotated[str | None, Query(description="Bereich, z. B. D")] = None,
    berechenbar: Annotated[bool | None, Query(description="Für alle berechenbar")] = None,
    mindestens: Annotated[int, Query(ge=0, description="Mindestzahl Mitglieder")] = 0,
    sortierung: SortQuery = "anzahl",
) -> Response:
    where = BasisFilter(nur_gewaehlt, bereich or None, berechenbar, mindestens, sortierung)
    return render(request, basisset_page(ctx, round_id, where))


def comparison_set(request: Request, ctx: RingDep, catalogue: CatalogueDep) -> Response:
    return render(request, set_page(ctx, catalogue))


def save_set(
    ctx: RingDep,
    catalogue: CatalogueDep,
    kennzahlen: Annotated[str, Form(description="Codes, durch Komma getrennt.")],
    datum: Annotated[dt.date, Form(description="Datum des Beschlusses.")],
    sitzung: Annotated[str, Form(description="Sitzung des Beschlusses.")],
    begruendung: Annotated[str, Form(description="Begründung einer Änderung.")] = "",
) -> Response:
    require_coordinator(ctx.viewer)
    codes = kennzahlen.replace(";", ",").split(",")
    agree_set(
        ctx.session,
        ctx.row,
        catalogue,
        codes,
        decided_on=datum,
        meeting=sitzung,
        reason=begruendung,
    )
    return _back(ctx, "/vergleichsset")


def dashboard(request: Request, ctx: RingDep, catalogue: CatalogueDep) -> Response:
    return render(request, dashboard_page(request, ctx, catalogue))


def dashboard_chart(
    request: Request,
    ctx: RingDep,
    catalogue: CatalogueDep,
    datei: Annotated[str, Path(description="<Kennzahl>-balken|zeitreihe.svg|png")],
) -> Response:
    page = dashboard_page(request, ctx, catalogue)
    return chart_file([c for p in page.panels for c in p.charts], datei)


def meetings(request: Request, ctx: RingDep) -> Response:
    return render(request, meetings_page(ctx))


def meeting(request: Request, ctx: RingDep, meeting_id: int) -> Response:
    return render(request, meeting_page(ctx, meeting_id))


def protocol(request: Request, ctx: RingDep, meeting_id: int) -> Response:
    return render(request, meeting_page(ctx, meeting_id, protocol=True))


def protocol_md(ctx: RingDep, meeting_id: int) -> Response:
    return PlainTextResponse(
        protocol_text(ctx, meeting_id),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="protokoll-{meeting_id}.md"'},
    )


# --- forms of the coordination ----------------------------------------------------------
# A form posts with the access link's token in its action (``?token=…``), like the
# selection form. An invalid form is shown again with status 400 and German messages; a
# service that refuses rolls the request's transaction back, so nothing is changed.


def _invalid(request: Request, page: PageView) -> Response:
    return html(request, page.template, {"view": page, "table": page.table()}, 400)


def _refused(session: Session, error: AppError) -> list[str]:
    """Undo what a refusing service may already have written; its message for the form."""
    if isinstance(error, Forbidden):
        raise error
    session.rollback()
    return [error.message]


def _shown_once(request: Request, page: PageView) -> Response:
    """A page with new access links: status 201, never stored by a cache."""
    response = html(request, page.template, {"view": page, "table": None}, 201)
    response.headers["Cache-Control"] = "no-store"
    return response


def new_ring_form(request: Request, session: SessionDep) -> Response:
    return render(request, ring_new_page(session))


async def new_ring(request: Request, session: SessionDep) -> Response:
    """Einen Vergleichsring anlegen; die Zugangslinks stehen nur in dieser Antwort (sie
    werden nicht gespeichert, daher keine Weiterleitung, und die Antwort wird nicht
    zwischengespeichert)."""
    fields = Fields(await request.form())
    form, errors = parse_ring_form(fields, current_kreise(session))
    if form is not None:
        try:
            created = create_ring(
                session,
                form.name,
                form.members,
                coordinator=form.coordinator,
                slug=form.slug,
                description=form.description,
                contacts=form.contacts,
                publication=form.publication,
            )
        except AppError as error:
            errors = _refused(session, error)
        else:
            return _shown_once(request, ring_created_page(created, str(request.base_url)))
    return _invalid(request, ring_new_page(session, fields, errors))


def new_round_form(request: Request, ctx: RingDep, catalogue: CatalogueDep) -> Response:
    return render(request, round_new_page(ctx, catalogue))


async def new_round(request: Request, ctx: RingDep, catalogue: CatalogueDep) -> Response:
    require_coordinator(ctx.viewer)
    fields = Fields(await request.form())
    form, errors = parse_round_form(fields, catalogue)
    if form is not None:
        try:
            created = create_round(
                ctx.session,
                ctx.row,
                catalogue,
                form.title,
                areas=form.areas,
                extra_topics=form.extra_topics,
            )
        except AppError as error:
            errors = _refused(ctx.session, error)
        else:
            return _back(ctx, f"/runden/{created.id}")
    return _invalid(request, round_new_page(ctx, catalogue, fields, errors))


async def change_publication(request: Request, ctx: RingDep) -> Response:
    require_coordinator(ctx.viewer)
    errors: list[str] = []
    publication = parse_publication(Fields(await request.form()).text("stufe"), errors)
    if publication is None:
        return _invalid(request, ring_page(ctx, errors))
    set_publication(ctx.session, ctx.row, publication)
    return _back(ctx, "")


async def new_link(request: Request, ctx: RingDep) -> Response:
    """Einen neuen Zugangslink für die Koordination oder ein Mitglied ausstellen; der
    bisherige Link gilt danach nicht mehr, der neue steht nur in dieser Antwort."""
    require_coordinator(ctx.viewer)
    errors: list[str] = []
    target = parse_link_target(Fields(await request.form()).text("fuer"), ctx.ring, errors)
    if target is None:
        return _invalid(request, ring_page(ctx, link_errors=errors))
    role, region_code = target
    token = reissue_link(ctx.session, ctx.row, role, region_code)
    return _shown_once(request, link_page(ctx, region_code, token, str(request.base_url)))


def new_meeting_form(request: Request, ctx: RingDep) -> Response:
    return render(request, meeting_new_page(ctx))


async def new_meeting(request: Request, ctx: RingDep) -> Response:
    require_coordinator(ctx.viewer)
    fields = Fields(await request.form())
    data, errors = parse_meeting_form(fields)
    if data is not None:
        try:
            created = create_meeting(ctx.session, ctx.row, data)
        except AppError as error:
            errors = _refused(ctx.session, error)
        else:
            return _back(ctx, f"/sitzungen/{created.id}")
    return _invalid(request, meeting_new_page(ctx, fields, errors))


async def new_decision(request: Request, ctx: RingDep, meeting_id: int) -> Response:
    require_coordinator(ctx.viewer)
    fields = Fields(await request.form())
    try:
        add_decision(ctx.session, ctx.row, meeting_id, fields.text("beschluss"))
    except AppError as error:
        errors = {"beschluss": _refused(ctx.session, error)}
        values = fields.values("beschluss")
        return _invalid(request, meeting_page(ctx, meeting_id, errors=errors, values=values))
    return _back(ctx, f"/sitzungen/{meeting_id}")


async def new_task(request: Request, ctx: RingDep, meeting_id: int) -> Response:
    require_coordinator(ctx.viewer)
    fields = Fields(await request.form())
    data, errors = parse_task_form(fields, meeting_id)
    if data is not None:
        try:
            add_task(ctx.session, ctx.row, data)
        except AppError as error:
            errors = _refused(ctx.session, error)
        else:
            return _back(ctx, f"/sitzungen/{meeting_id}")
    page = meeting_page(
        ctx, meeting_id, errors={"aufgabe": errors}, values=fields.values(*TASK_FIELDS)
    )
    return _invalid(request, page)


async def change_task_status(
    request: Request, ctx: RingDep, meeting_id: int, task_id: int
) -> Response:
    require_coordinator(ctx.viewer)
    errors: list[str] = []
    status = parse_status(Fields(await request.form()).text("status"), errors)
    if status is not None:
        try:
            set_task_status(ctx.session, ctx.row, task_id, status)
        except AppError as error:
            errors = _refused(ctx.session, error)
        else:
            return _back(ctx, f"/sitzungen/{meeting_id}")
    return _invalid(request, meeting_page(ctx, meeting_id, errors={f"status-{task_id}": errors}))


RING = "/ringe/{slug}"
add_page(router, "/ringe", rings, name="rings")
add_page(router, "/ringe/neu", new_ring_form, name="ring_new")
router.add_api_route("/ringe/neu", new_ring, methods=["POST"], include_in_schema=False)
add_page(router, RING + "/runden/neu", new_round_form, name="ring_round_new")
router.add_api_route(RING + "/runden", new_round, methods=["POST"], include_in_schema=False)
add_page(router, RING + "/sitzungen/neu", new_meeting_form, name="ring_meeting_new")
router.add_api_route(RING + "/sitzungen", new_meeting, methods=["POST"], include_in_schema=False)
router.add_api_route(
    RING + "/veroeffentlichung", change_publication, methods=["POST"], include_in_schema=False
)
router.add_api_route(RING + "/zugangslinks", new_link, methods=["POST"], include_in_schema=False)
router.add_api_route(
    RING + "/sitzungen/{meeting_id}/beschluesse",
    new_decision,
    methods=["POST"],
    include_in_schema=False,
)
router.add_api_route(
    RING + "/sitzungen/{meeting_id}/aufgaben",
    new_task,
    methods=["POST"],
    include_in_schema=False,
)
router.add_api_route(
    RING + "/sitzungen/{meeting_id}/aufgaben/{task_id}/status",
    change_task_status,
    methods=["POST"],
    include_in_schema=False,
)
router.add_api_route(
    RING + "/runden/{round_id}/excel", download, methods=["GET"], include_in_schema=False
)
router.add_api_route(
    RING + "/runden/{round_id}/excel", upload, methods=["POST"], include_in_schema=False
)
router.add_api_route(
    RING + "/runden/{round_id}/auswahl", save_form, methods=["POST"], include_in_schema=False
)
router.add_api_route(RING + "/vergleichsset", save_set, methods=["POST"], include_in_schema=False)
router.add_api_route(
    RING + "/dashboard/grafik/{datei}",
    dashboard_chart,
    methods=["GET"],
    name="ring_dashboard_chart",
    include_in_schema=False,
)
router.add_api_route(
    RING + "/sitzungen/{meeting_id}/protokoll.md",
    protocol_md,
    methods=["GET"],
    include_in_schema=False,
)
add_page(
    router,
    RING + "/runden/{round_id}/basisset",
    basisset,
    name="ring_basisset",
    twins=TABLE_FORMATS,
)
add_page(router, RING + "/runden/{round_id}", round_, name="ring_round")
add_page(router, RING + "/vergleichsset", comparison_set, name="ring_set")
add_page(router, RING + "/dashboard", dashboard, name="ring_dashboard", twins=TABLE_FORMATS)
add_page(router, RING + "/sitzungen/{meeting_id}/protokoll", protocol, name="ring_protocol")
add_page(router, RING + "/sitzungen/{meeting_id}", meeting, name="ring_meeting")
add_page(router, RING + "/sitzungen", meetings, name="ring_meetings", twins=TABLE_FORMATS)
add_page(router, RING, ring, name="ring")
router.add_api_route(
    "/api/v1/rings/{slug}/rounds/{round_id}/excel",
    upload,
    methods=["POST"],
    tags=["Kennzahlenvergleich"],
    summary="Ausgefüllte Excel-Datei hochladen",
    responses=error_responses(400, 403, 404, 422),
)
ring_api.register(router)
