"""The tabular part of a view model: columns, rows and where the figures come from.

A page with a table exposes it through ``PageView.table()``; the HTML template, the CSV and
the XLSX export all render this one object, so they show the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bildungsmonitor.web.models import SourceOut


@dataclass(frozen=True, slots=True)
class Figure:
    """A statistical cell: a number or an official symbol, shown as in the source."""

    value: float | None
    symbol: str | None
    display: str
    bracketed: bool = False
    symbol_label: str | None = None

    @property
    def is_plain_number(self) -> bool:
        return self.value is not None and self.symbol is None and not self.bracketed


@dataclass(frozen=True, slots=True)
class Link:
    """A cell that links to another page (CSV and XLSX keep the text)."""

    text: str
    href: str


CellValue = str | int | float | bool | Figure | Link | None


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """Caption, header, rows and sources of one table."""

    caption: str
    columns: list[Column]
    rows: list[list[CellValue]]
    sources: list[SourceOut] = field(default_factory=list)
    name: str = "tabelle"

    @property
    def symbols(self) -> dict[str, str]:
        """The official symbols occurring in this table with their meaning."""
        found: dict[str, str] = {}
        for row in self.rows:
            for cell in row:
                if isinstance(cell, Figure) and cell.symbol and cell.symbol_label:
                    found[cell.symbol] = cell.symbol_label
        return found
