"""Datenbestand (imports), Merkmale (series) and Werte (values) pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import FileResponse

from bildungsmonitor.ingest.long_format import EXAMPLE
from bildungsmonitor.web.deps import SessionDep
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import TABLE_FORMATS, add_page
from bildungsmonitor.web.views.dataset import dataset_page, import_page
from bildungsmonitor.web.views.series import series_page
from bildungsmonitor.web.views.value import values_page

router = APIRouter()
TableParam = Annotated[str | None, Query(description="Tabellencode, z. B. 21111-02-06-4")]


def dataset(request: Request, session: SessionDep) -> Response:
    return render(request, dataset_page(session))


def import_record(
    request: Request,
    session: SessionDep,
    import_id: Annotated[int, Path(description="Nummer des Imports")],
) -> Response:
    return render(request, import_page(session, import_id))


def series(request: Request, session: SessionDep, tabelle: TableParam = None) -> Response:
    return render(request, series_page(session, tabelle=tabelle))


def values(
    request: Request,
    session: SessionDep,
    tabelle: TableParam = None,
    region: Annotated[list[str], Query(description="Regionalschlüssel")] = [],  # noqa: B006
    jahr: Annotated[list[str], Query(description="Jahre")] = [],  # noqa: B006
    historie: Annotated[bool, Query(description="auch ersetzte Werte")] = False,
) -> Response:
    page = values_page(session, tabelle=tabelle, region=region, jahr=jahr, historie=historie)
    return render(request, page)


@router.get(
    "/vorlage/eigene-daten.csv",
    name="own_data_template",
    include_in_schema=False,
    response_class=FileResponse,
)
def own_data_template() -> FileResponse:
    """The example file of the long-format template for a municipality's own data."""
    return FileResponse(
        EXAMPLE,
        media_type="text/csv; charset=utf-8",
        filename="eigene-daten-beispiel.csv",
    )


add_page(router, "/daten", dataset, name="dataset", twins=TABLE_FORMATS)
add_page(router, "/daten/{import_id}", import_record, name="import", twins=TABLE_FORMATS)
add_page(router, "/merkmale", series, name="series", twins=TABLE_FORMATS)
add_page(router, "/werte", values, name="values", twins=TABLE_FORMATS)
