"""Shared bits of the view builders: imports by id and the sources of shown figures."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from bildungsmonitor.store.observation import ImportView, list_imports
from bildungsmonitor.web.models import SourceOut, ValueOut
from bildungsmonitor.web.table import Figure


def imports_by_id(session: Session) -> dict[int, ImportView]:
    return {record.id: record for record in list_imports(session)}


def sources_of(values: Iterable[ValueOut], imports: dict[int, ImportView]) -> list[SourceOut]:
    """The distinct imports the values come from, in import order."""
    ids = sorted({value.import_id for value in values})
    return [SourceOut.of(imports[i]) for i in ids if i in imports]


def figure(value: ValueOut) -> Figure:
    return Figure(value.value, value.symbol, value.display, value.bracketed, value.symbol_label)


def blank_to_none(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    return text.strip()


def split_list(items: Iterable[str]) -> list[str]:
    """Repeated and comma-separated form values as one list (``a,b`` + ``c`` → a, b, c)."""
    return [part.strip() for item in items for part in item.split(",") if part.strip()]
