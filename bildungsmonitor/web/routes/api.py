"""JSON API ``/api/v1``: regions, groups, series, values, imports (documented by OpenAPI)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from pydantic import Field

from bildungsmonitor.web.deps import GroupDep, RegionDep, SessionDep
from bildungsmonitor.web.error import error_responses
from bildungsmonitor.web.models import (
    GroupDetail,
    GroupOut,
    ImportOut,
    Listing,
    Page,
    RegionDetail,
    RegionOut,
    SeriesOut,
    ValueOut,
)
from bildungsmonitor.web.views.dataset import find_import, find_imports
from bildungsmonitor.web.views.group import find_groups, group_detail
from bildungsmonitor.web.views.region import Status, find_regions, region_detail
from bildungsmonitor.web.views.series import find_series
from bildungsmonitor.web.views.value import ValueQuery, value_page

router = APIRouter(prefix="/api/v1", responses=error_responses(400, 422))
NOT_FOUND = error_responses(404)
PAGE_SIZE = 1000
MAX_PAGE = 10_000
MAX_OFFSET = 2**31 - 1  # far beyond any store; larger ones overflow the databases' integers


@router.get("/regions", tags=["Gebietseinheiten"], summary="Gebietseinheiten auflisten")
def regions(
    session: SessionDep,
    land: Annotated[str | None, Query(description="Nur Einheiten unter diesem Land.")] = None,
    level: Annotated[
        str | None, Query(description="Ebene: bund, land, regierungsbezirk, kreis, gemeinde.")
    ] = None,
    status: Annotated[Status, Query(description="aktuell, historisch oder alle.")] = "aktuell",
) -> Listing[RegionOut]:
    """Gebietseinheiten, gefiltert nach Land, Ebene und Status."""
    return Listing.of(find_regions(session, land=land, level=level, status=status))


@router.get(
    "/regions/{code}",
    tags=["Gebietseinheiten"],
    summary="Eine Gebietseinheit",
    responses=NOT_FOUND,
)
def region(session: SessionDep, found: RegionDep) -> RegionDetail:
    """Eine Gebietseinheit mit übergeordneter und untergeordneten Einheiten."""
    return region_detail(session, found)


@router.get("/groups", tags=["Regionsgruppen"], summary="Regionsgruppen auflisten")
def groups(session: SessionDep) -> Listing[GroupOut]:
    """Alle Regionsgruppen (z. B. Vergleichsringe)."""
    return Listing.of(find_groups(session))


@router.get(
    "/groups/{slug}", tags=["Regionsgruppen"], summary="Eine Regionsgruppe", responses=NOT_FOUND
)
def group(session: SessionDep, found: GroupDep) -> GroupDetail:
    """Eine Regionsgruppe mit ihren Mitgliedern."""
    return group_detail(session, found)


@router.get("/series", tags=["Daten"], summary="Merkmale auflisten")
def series(
    session: SessionDep,
    table: Annotated[str | None, Query(description="Tabellencode, z. B. 21111-02-06-4.")] = None,
) -> Listing[SeriesOut]:
    """Merkmale (Datenreihen), wahlweise einer Tabelle."""
    return Listing.of(find_series(session, table))


@router.get("/values", tags=["Daten"], summary="Werte abfragen", responses=NOT_FOUND)
def values(
    request: Request,
    session: SessionDep,
    table: Annotated[str | None, Query(description="Tabellencode.")] = None,
    region: Annotated[list[str], Query(description="Regionalschlüssel (wiederholbar).")] = [],  # noqa: B006
    year: Annotated[
        list[Annotated[int, Field(ge=1800, le=2200)]], Query(description="Jahr (wiederholbar).")
    ] = [],  # noqa: B006
    series: Annotated[str | None, Query(description="Schlüssel eines Merkmals.")] = None,
    include_history: Annotated[
        bool, Query(description="Auch durch neuere Importe ersetzte Werte liefern.")
    ] = False,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description=f"Werte je Seite (höchstens {MAX_PAGE}).")
    ] = PAGE_SIZE,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="So viele Werte überspringen.")
    ] = 0,
) -> Page[ValueOut]:
    """Werte mit Zeichen, Quelle und Stand, seitenweise (`next` verweist auf die nächste
    Seite, `count` nennt die Gesamtzahl).

    Anzugeben ist mindestens eine Gebietseinheit (`region`) oder eine Tabelle bzw. ein
    Merkmal zusammen mit einem Jahr (`year`); sonst antwortet die API mit 400.
    """
    query = ValueQuery(table, region, year, series, include_history)
    return value_page(session, query, offset=offset, limit=limit, url=request.url)


@router.get("/imports", tags=["Datenbestand"], summary="Importe auflisten")
def imports(session: SessionDep) -> Listing[ImportOut]:
    """Alle importierten Dateien mit Herkunft, Fußnoten und Befunden."""
    return Listing.of(find_imports(session))


@router.get(
    "/imports/{import_id}", tags=["Datenbestand"], summary="Ein Import", responses=NOT_FOUND
)
def import_record(
    session: SessionDep, import_id: Annotated[int, Path(description="Nummer des Imports.")]
) -> ImportOut:
    """Ein Import mit Herkunft, Fußnoten und Befunden."""
    return find_import(session, import_id)
