"""Faults: a small exception hierarchy that carries its HTTP status.

Findings about imported data are *not* exceptions; they live in
``bildungsmonitor.ingest.finding`` and are collected in an ``ImportResult``.
"""

from __future__ import annotations

from pathlib import Path


class AppError(Exception):
    """Base of all expected faults. ``message`` is German and shown to users."""

    status_code = 500
    code = "interner_fehler"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(AppError):
    status_code = 400
    code = "ungueltige_anfrage"


class NotFound(AppError):
    status_code = 404
    code = "nicht_gefunden"


class Forbidden(AppError):
    status_code = 403
    code = "verboten"


class Conflict(AppError):
    status_code = 409
    code = "konflikt"


class InputError(BadRequest):
    """Unreadable or malformed input, located by file, line and column (1-based)."""

    code = "eingabefehler"

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = Path(file).name
        self.line = line
        self.column = column
        self.reason = reason
        where = f"Datei {self.file}"
        if line is not None:
            where += f", Zeile {line}"
        if column is not None:
            where += f", Spalte {column}"
        super().__init__(f"{where}: {reason}")
