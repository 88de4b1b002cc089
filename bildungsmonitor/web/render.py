"""One view model → HTML (Jinja2), JSON, CSV or XLSX, chosen by the path's suffix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from bildungsmonitor.compute.figure import footnote_text
from bildungsmonitor.errors import NotFound
from bildungsmonitor.symbol import symbol_labels
from bildungsmonitor.web._table_html import table_rows
from bildungsmonitor.web.export import to_csv, to_xlsx
from bildungsmonitor.web.view import PageView

Format = Literal["html", "json", "csv", "xlsx"]
SUFFIXES: dict[str, Format] = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
MEDIA_TYPES: dict[Format, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NAVIGATION = (
    ("/", "Start"),
    ("/regionen", "Regionen"),
    ("/gruppen", "Gruppen"),
    ("/kennzahlen", "Kennzahlen"),
    ("/vergleich", "Vergleich"),
    ("/ringe", "Vergleichsringe"),
    ("/karte", "Karte"),
    ("/berichte", "Berichte"),
    ("/daten", "Datenbestand"),
    ("/merkmale", "Merkmale"),
    ("/werte", "Werte"),
    ("/hinweise", "Hinweise"),
)
TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))
TEMPLATES.env.globals.update(
    navigation=NAVIGATION,
    symbol_labels=symbol_labels,
    table_rows=table_rows,
    footnote_text=footnote_text,
)
TEMPLATES.env.trim_blocks = True
TEMPLATES.env.lstrip_blocks = True


def requested_format(path: str) -> Format:
    """The output format a path asks for: ``/werte.csv`` → csv, ``/werte`` → html."""
    for suffix, fmt in SUFFIXES.items():
        if path.endswith(suffix):
            return fmt
    return "html"


def wants_json(path: str) -> bool:
    return path.startswith("/api/") or requested_format(path) != "html"


def twin_path(request: Request, suffix: str) -> str:
    """The address of this page in another format, with the same query."""
    path = request.url.path
    for known in SUFFIXES:
        path = path.removesuffix(known)
    if path == "/":
        path = "/index"
    query = request.url.query
    return f"{path}{suffix}" + (f"?{query}" if query else "")


TEMPLATES.env.globals["twin_path"] = twin_path


def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


def render(request: Request, view: PageView) -> Response:
    """Render ``view`` in the format the request's path asks for."""
    fmt = requested_format(request.url.path)
    if fmt == "json":
        return JSONResponse(view.model_dump(mode="json"))
    table = view.table()
    if fmt == "html":
        return html(request, view.template, {"view": view, "table": table})
    if table is None:
        raise NotFound(f"Diese Seite gibt es nicht als {fmt.upper()}-Datei.")
    body = to_csv(table) if fmt == "csv" else to_xlsx(table)
    filename = f"{table.name}-{dt.date.today():%Y-%m-%d}.{fmt}"
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
