"""Indicator pages: catalogue, Kennblatt, Regionsprofil, Vergleich, Karte; chart downloads.

Each page with charts builds its view model in a dependency; the page route renders it
(HTML or a twin), the ``…/grafik/<name>.svg|png`` route returns one of its charts.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from bildungsmonitor.web.deps import RegionDep, SessionDep
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import TABLE_FORMATS, add_page
from bildungsmonitor.web.views.comparison import ComparisonPage, comparison_page
from bildungsmonitor.web.views.indicator import KennblattPage, Rank, kennblatt_page
from bildungsmonitor.web.views.indicator_catalogue import (
    CatalogueDep,
    IndicatorDep,
    catalogue_page,
)
from bildungsmonitor.web.views.indicator_figure import chart_file
from bildungsmonitor.web.views.map import MapPage, map_page
from bildungsmonitor.web.views.profile import profile_page

router = APIRouter()

Year = Annotated[
    int | None, Query(description="Jahr (leer: jüngstes mit Werten).", ge=1800, le=2200)
]
Method = Annotated[str, Query(description="Klassifizierung: quantile, equal, jenks, manual.")]
Breaks = Annotated[str | None, Query(description="Eigene Klassengrenzen, z. B. 5,10,15.")]
Codes = Annotated[list[str], Query(description="Wiederholbar.")]
FileName = Annotated[str, Path(description="Grafik mit Endung, z. B. karte.svg.")]


def catalogue(
    request: Request,
    session: SessionDep,
    found: CatalogueDep,
    q: Annotated[str | None, Query(description="Suchbegriff")] = None,
    bereich: Annotated[str | None, Query(description="Bereich, z. B. D")] = None,
) -> Response:
    return render(request, catalogue_page(session, found, q=q, bereich=bereich))


def build_kennblatt(
    request: Request,
    session: SessionDep,
    found: CatalogueDep,
    indicator: IndicatorDep,
    jahr: Year = None,
    klassen: Method = "quantile",
    grenzen: Breaks = None,
    land: Annotated[str | None, Query(description="Land der Rangfolge")] = None,
    rang: Annotated[Rank, Query(description="oben oder unten")] = "oben",
    region: Annotated[str | None, Query(description="Region der Zeitreihe")] = None,
) -> KennblattPage:
    return kennblatt_page(
        request,
        session,
        found,
        indicator,
        jahr=jahr,
        klassen=klassen,
        grenzen=grenzen,
        land=land,
        rang=rang,
        region=region,
    )


def build_comparison(
    request: Request,
    session: SessionDep,
    found: CatalogueDep,
    region: Codes = [],  # noqa: B006
    gruppe: Annotated[str | None, Query(description="Regionsgruppe")] = None,
    kennzahl: Codes = [],  # noqa: B006
    jahr: Year = None,
) -> ComparisonPage:
    return comparison_page(
        request, session, found, region=region, gruppe=gruppe, kennzahl=kennzahl, jahr=jahr
    )


def build_map(
    request: Request,
    session: SessionDep,
    found: CatalogueDep,
    kennzahl: Annotated[str | None, Query(description="Kennzahl")] = None,
    jahr: Year = None,
    klassen: Method = "quantile",
    grenzen: Breaks = None,
    markiert: Codes = [],  # noqa: B006
) -> MapPage:
    return map_page(
        request,
        session,
        found,
        kennzahl=kennzahl,
        jahr=jahr,
        klassen=klassen,
        grenzen=grenzen,
        markiert=markiert,
    )


KennblattDep = Annotated[KennblattPage, Depends(build_kennblatt)]
ComparisonDep = Annotated[ComparisonPage, Depends(build_comparison)]
MapDep = Annotated[MapPage, Depends(build_map)]


def kennblatt(request: Request, page: KennblattDep) -> Response:
    return render(request, page)


def kennblatt_chart(page: KennblattDep, datei: FileName) -> Response:
    return chart_file(page.charts, datei)


def profile(
    request: Request, session: SessionDep, found: CatalogueDep, region: RegionDep
) -> Response:
    return render(request, profile_page(session, found, region))


def comparison(request: Request, page: ComparisonDep) -> Response:
    return render(request, page)


def comparison_chart(page: ComparisonDep, datei: FileName) -> Response:
    return chart_file([c for i in page.comparisons for c in i.charts], datei)


def map_view(request: Request, page: MapDep) -> Response:
    return render(request, page)


def map_chart(page: MapDep, datei: FileName) -> Response:
    return chart_file([page.chart], datei)


add_page(router, "/kennzahlen", catalogue, name="indicators", twins=TABLE_FORMATS)
for path, endpoint, name in (
    ("/kennzahlen/{code}/grafik/{datei}", kennblatt_chart, "indicator_chart"),
    ("/vergleich/grafik/{datei}", comparison_chart, "comparison_chart"),
    ("/karte/grafik/{datei}", map_chart, "map_chart"),
):
    router.add_api_route(path, endpoint, methods=["GET"], name=name, include_in_schema=False)
add_page(router, "/kennzahlen/{code}", kennblatt, name="indicator", twins=TABLE_FORMATS)
add_page(router, "/regionen/{code}/profil", profile, name="profile", twins=TABLE_FORMATS)
add_page(router, "/vergleich", comparison, name="comparison", twins=TABLE_FORMATS)
add_page(router, "/karte", map_view, name="map", twins=TABLE_FORMATS)
