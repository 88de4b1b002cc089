"""Register a page under its address and its machine-readable twins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

TABLE_FORMATS = (".json", ".csv", ".xlsx")


def add_page(
    router: APIRouter,
    path: str,
    endpoint: Callable[..., Any],
    *,
    name: str,
    twins: tuple[str, ...] = (".json",),
) -> None:
    """``path`` as HTML plus one route per twin suffix (``/werte.json``, ``/werte.csv`` …).

    The twins are registered first so that ``/regionen/{code}.json`` is not taken for a
    region code. The handler renders through ``render()``, which picks the format from
    the suffix. Pages are left out of the OpenAPI document; the API documents itself.
    """
    base = "/index" if path == "/" else path
    for suffix in twins:
        router.add_api_route(
            base + suffix,
            endpoint,
            methods=["GET"],
            name=f"{name}{suffix}",
            include_in_schema=False,
        )
    router.add_api_route(
        path,
        endpoint,
        methods=["GET"],
        name=name,
        include_in_schema=False,
        response_class=HTMLResponse,
    )
