"""JSON API ``/api/v1``: indicators of the catalogue and their computed values."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from bildungsmonitor.web.deps import SessionDep
from bildungsmonitor.web.error import error_responses
from bildungsmonitor.web.models import Listing
from bildungsmonitor.web.views.indicator_api import (
    IndicatorValueDetail,
    find_indicator_values,
    indicator_detail,
)
from bildungsmonitor.web.views.indicator_catalogue import (
    CatalogueDep,
    IndicatorDep,
    IndicatorOut,
    find_indicators,
)

router = APIRouter(prefix="/api/v1", tags=["Kennzahlen"], responses=error_responses(400, 422))


@router.get("/indicators", summary="Kennzahlen auflisten")
def indicators(
    session: SessionDep,
    catalogue: CatalogueDep,
    area: Annotated[str | None, Query(description="Bereich, z. B. D.")] = None,
    q: Annotated[str | None, Query(description="Suchbegriff in Code, Name, Definition.")] = None,
) -> Listing[IndicatorOut]:
    """Kennzahlen des Katalogs mit Metadaten, wahlweise eines Bereichs oder nach Suchbegriff."""
    return Listing.of(find_indicators(session, catalogue, area=area, q=q))


@router.get("/indicators/{code}", summary="Eine Kennzahl", responses=error_responses(404))
def indicator(session: SessionDep, catalogue: CatalogueDep, found: IndicatorDep) -> IndicatorOut:
    """Eine Kennzahl mit Definition, Einheit, Richtung und Hinweisen zur Vergleichbarkeit."""
    return indicator_detail(session, catalogue, found)


@router.get("/indicator-values", summary="Kennzahlwerte abfragen", responses=error_responses(404))
def indicator_values(
    session: SessionDep,
    catalogue: CatalogueDep,
    indicator: Annotated[list[str], Query(description="Code der Kennzahl (wiederholbar).")] = [],  # noqa: B006
    region: Annotated[list[str], Query(description="Regionalschlüssel (wiederholbar).")] = [],  # noqa: B006
    group: Annotated[
        str | None, Query(description="Regionsgruppe: ihr Wert und die ihrer Mitglieder.")
    ] = None,
    year: Annotated[
        list[Annotated[int, Field(ge=1800, le=2200)]], Query(description="Jahr (wiederholbar).")
    ] = [],  # noqa: B006
    references: Annotated[
        bool,
        Query(description="Land-, Deutschland- und Gruppenwerte, Verteilung und Herkunft."),
    ] = False,
) -> Listing[IndicatorValueDetail]:
    """Berechnete Kennzahlwerte mit Darstellung, Zeichen, Zähler und Nenner.

    Anzugeben ist mindestens eine Kennzahl, Region oder Gruppe; sonst antwortet die API
    mit 400. Gruppenwerte sind Quotienten der Summen (Σ Zähler ÷ Σ Nenner).
    """
    return Listing.of(
        find_indicator_values(
            session,
            catalogue,
            indicators=indicator,
            regions=region,
            group=group,
            years=year,
            references=references,
        )
    )
