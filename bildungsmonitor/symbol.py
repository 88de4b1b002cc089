"""The special symbols of official statistics, declared once.

A cell of an official table holds a number, a symbol, or a number in parentheses
(limited reliability). Symbols are data: they are stored, shown and propagated,
never turned into zero.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass


class Symbol(enum.StrEnum):
    """Zeichenerklärung der amtlichen Statistik."""

    NOTHING = "-"
    UNKNOWN = "."
    LOCKED = "x"
    UNCERTAIN = "/"
    NOT_YET = "..."

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Symbol, str] = {
    Symbol.NOTHING: "nichts vorhanden (genau null)",
    Symbol.UNKNOWN: "Zahlenwert unbekannt oder geheim zu halten",
    Symbol.LOCKED: "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    Symbol.UNCERTAIN: "keine Angabe, da Zahlenwert nicht sicher genug",
    Symbol.NOT_YET: "Angabe fällt später an",
}

_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")


@dataclass(frozen=True, slots=True)
class Cell:
    """One parsed cell: a value or a symbol, possibly bracketed."""

    value: float | None
    symbol: Symbol | None
    decimals: int = 0
    bracketed: bool = False

    def __post_init__(self) -> None:
        if (self.value is None) == (self.symbol is None):
            raise ValueError("a cell holds exactly one of value or symbol")

    def display(self) -> str:
        """German rendering as in the source table."""
        if self.symbol is not None:
            text = self.symbol.value
        else:
            assert self.value is not None
            text = f"{self.value:.{self.decimals}f}".replace(".", ",")
        return f"({text})" if self.bracketed else text


_BY_TEXT: dict[str, Symbol] = {s.value: s for s in Symbol}


class CellSyntaxError(ValueError):
    """Raised when a text is neither a number nor a known symbol."""


def parse_cell(text: str) -> Cell:
    """Parse one cell of an official table (German decimal comma)."""
    raw = text.strip()
    bracketed = len(raw) >= 2 and raw[0] == "(" and raw[-1] == ")"
    if bracketed:
        raw = raw[1:-1].strip()
    symbol = _BY_TEXT.get(raw)
    if symbol is not None:
        return Cell(None, symbol, 0, bracketed)
    if not _NUMBER.match(raw):
        raise CellSyntaxError(text)
    decimals = len(raw) - raw.index(",") - 1 if "," in raw else 0
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise CellSyntaxError(text)
    return Cell(value, None, decimals, bracketed)


def symbol_labels() -> dict[str, str]:
    """All symbols with their German labels, for legends and docs."""
    return {s.value: s.label for s in Symbol}
