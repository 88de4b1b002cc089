"""One error shape for every failure, as HTML page or JSON.

JSON (for ``/api/…`` and for ``.json``/``.csv``/``.xlsx`` addresses)::

    {"error": {"status": 404, "code": "nicht_gefunden", "message": "…", "details": []}}
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any, ClassVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from bildungsmonitor.errors import AppError, BadRequest
from bildungsmonitor.web.render import html, wants_json
from bildungsmonitor.web.view import PageView


class ErrorDetail(BaseModel):
    location: list[str | int] = Field(description='Wo: z. B. ["query", "year"].')
    message: str = Field(description="Was nicht stimmt (deutsch).")
    type: str = Field(description="Art des Fehlers (maschinenlesbar).")


class ErrorBody(BaseModel):
    status: int = Field(description="HTTP-Status.")
    code: str = Field(description="Stabiler Fehlercode, z. B. nicht_gefunden.")
    message: str = Field(description="Meldung für Menschen (deutsch).")
    details: list[ErrorDetail] = Field(default=[], description="Einzelheiten.")


class ErrorResponse(BaseModel):
    """Die eine Fehlerform aller Antworten."""

    error: ErrorBody


class ErrorPage(PageView):
    template: ClassVar[str] = "error.html"

    error: ErrorBody


HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("ungueltige_anfrage", "Die Anfrage ist ungültig."),
    404: ("nicht_gefunden", "Diese Seite oder Ressource gibt es nicht."),
    405: ("methode_nicht_erlaubt", "Diese Methode ist für diese Adresse nicht erlaubt."),
    500: ("interner_fehler", "Ein interner Fehler ist aufgetreten."),
}
VALIDATION_MESSAGES: dict[str, str] = {
    "missing": "Angabe fehlt.",
    "int_parsing": "Keine ganze Zahl.",
    "int_from_float": "Keine ganze Zahl.",
    "float_parsing": "Keine Zahl.",
    "bool_parsing": "Kein Wahrheitswert (true/false).",
    "literal_error": "Unzulässiger Wert.",
    "enum": "Unzulässiger Wert.",
    "greater_than_equal": "Wert zu klein.",
    "less_than_equal": "Wert zu groß.",
    "string_too_long": "Text zu lang.",
}


def error_response(request: Request, body: ErrorBody) -> Response:
    if wants_json(request.url.path):
        return JSONResponse(ErrorResponse(error=body).model_dump(mode="json"), body.status)
    page = ErrorPage(title=f"Fehler {body.status}", error=body)
    return html(request, page.template, {"view": page, "table": None}, body.status)


async def app_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AppError)
    return error_response(
        request, ErrorBody(status=exc.status_code, code=exc.code, message=exc.message)
    )


def _detail(error: dict[str, Any]) -> ErrorDetail:
    message = VALIDATION_MESSAGES.get(error["type"], "Ungültiger Wert.")
    expected = error.get("ctx", {}).get("expected")
    if expected:
        message += f" Erwartet: {expected}."
    return ErrorDetail(location=list(error["loc"]), message=message, type=error["type"])


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [_detail(e) for e in exc.errors()]
    body = ErrorBody(
        status=422,
        code="ungueltige_angaben",
        message="Die Anfrage enthält ungültige Angaben.",
        details=details,
    )
    return error_response(request, body)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code, message = HTTP_ERRORS.get(exc.status_code, ("http_fehler", "Die Anfrage schlug fehl."))
    response = error_response(
        request, ErrorBody(status=exc.status_code, code=code, message=message)
    )
    response.headers.update(exc.headers or {})
    return response


async def data_error(request: Request, exc: Exception) -> Response:
    """A value the database refuses (e.g. a NUL character in a text) is a bad request."""
    assert isinstance(exc, DataError)
    message = (
        "Die Anfrage enthält einen Wert, den die Datenbank nicht verarbeiten kann "
        "(z. B. ein Nullzeichen oder eine zu große Zahl)."
    )
    return error_response(request, ErrorBody(status=400, code=BadRequest.code, message=message))


async def server_error(request: Request, exc: Exception) -> Response:
    code, message = HTTP_ERRORS[500]
    return error_response(request, ErrorBody(status=500, code=code, message=message))


Handler = Callable[[Request, Exception], Coroutine[Any, Any, Response]]
EXCEPTION_HANDLERS: Sequence[tuple[type[Exception] | int, Handler]] = (
    (AppError, app_error),
    (DataError, data_error),
    (RequestValidationError, validation_error),
    (HTTPException, http_error),
    (Exception, server_error),
)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting the one error shape."""
    texts = {400: "Ungültige Anfrage", 404: "Nicht gefunden", 422: "Ungültige Angaben"}
    return {s: {"model": ErrorResponse, "description": texts.get(s, "Fehler")} for s in statuses}
