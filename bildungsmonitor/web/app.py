"""The web application, assembled in one place from explicit lists.

Add a page family (e.g. the indicator pages) by writing ``routes/<name>.py`` with an
``APIRouter`` and listing it in ``ROUTERS`` (or pass ``routers=`` to ``create_app``).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware import Middleware

from bildungsmonitor.chart import warm_up
from bildungsmonitor.settings import Settings
from bildungsmonitor.store.database import Store
from bildungsmonitor.web.error import EXCEPTION_HANDLERS
from bildungsmonitor.web.middleware import SecurityHeaders
from bildungsmonitor.web.response_cache import ResponseCache
from bildungsmonitor.web.routes import (
    api,
    api_indicators,
    comparison_ring,
    data,
    home,
    indicators,
    regions,
    reports,
)

STATIC = Path(__file__).with_name("static")
SWAGGER_UI = Path(fastapi_offline.__file__).with_name("static")
ROUTERS: tuple[APIRouter, ...] = (
    home.router,
    indicators.router,
    regions.router,
    data.router,
    api.router,
    api_indicators.router,
    comparison_ring.router,
    reports.router,
)
MIDDLEWARE: tuple[Middleware, ...] = (Middleware(SecurityHeaders),)
DESCRIPTION = (
    "Lesender Zugriff auf den Datenbestand des Bildungsmonitors: Gebietseinheiten, "
    "Regionsgruppen, Merkmale, Werte (mit den Zeichen der amtlichen Statistik, Quelle und "
    "Stand) und Importe. Listen kommen als `{data, count}`, Fehler immer als "
    "`{error: {status, code, message, details}}`. Amtliche Daten: © Statistische Ämter des "
    "Bundes und der Länder, Deutschland; Datenlizenz Deutschland – Namensnennung – Version 2.0."
)


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    routers: Sequence[APIRouter] = ROUTERS,
) -> FastAPI:
    """The app on ``store`` (or on the database of ``settings``, owned and closed by the app)."""
    settings = settings or Settings()
    owned = store is None
    active = store or Store(settings.resolved_database_url, echo=settings.echo_sql)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
        yield
        if owned:
            active.dispose()

    app = FastAPI(
        title="Bildungsmonitor",
        summary="Datenbasiertes kommunales Bildungsmanagement",
        description=DESCRIPTION,
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served below from local files: no CDN
        redoc_url=None,
        middleware=[
            Middleware(
                ResponseCache,
                version=active.data_version.current,
                max_bytes=settings.response_cache_mb * 2**20,
            ),
            *MIDDLEWARE,
        ],
        exception_handlers=dict(EXCEPTION_HANDLERS),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = active
    for router in routers:
        app.include_router(router)
    app.add_api_route("/api/docs", api_docs, include_in_schema=False)
    app.mount("/api/docs-static", StaticFiles(directory=SWAGGER_UI), name="api_docs_static")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def api_docs() -> HTMLResponse:
    """Swagger UI for ``/api/v1`` from the files of the fastapi-offline package."""
    return get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title="Bildungsmonitor – API",
        swagger_js_url="/api/docs-static/swagger-ui-bundle.js",
        swagger_css_url="/api/docs-static/swagger-ui.css",
        swagger_favicon_url="/api/docs-static/favicon.png",
    )
