"""German text for charts: numbers with decimal comma, symbol notes, alt-text phrases."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

from bildungsmonitor.symbol import symbol_labels

# Units that read badly after a number ("16,8 Anzahl"): the number stands alone.
_SILENT_UNITS = {"", "Anzahl"}


def format_number(value: float, decimals: int = 1) -> str:
    """German number: thousands dot, decimal comma (``12345.6`` → ``12.345,6``)."""
    text = f"{value:,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "\u2212")  # minus sign, never the symbol "-"


def with_unit(value: float, unit: str, decimals: int) -> str:
    """A number followed by its unit, e.g. ``16,8 %``."""
    number = format_number(value, decimals)
    return number if unit.strip() in _SILENT_UNITS else f"{number} {unit.strip()}"


def display(value: float | None, symbol: str | None, decimals: int) -> str:
    """What a table cell shows: the symbol, the number, or an empty string."""
    if symbol is not None:
        return symbol
    if value is None:
        return ""
    return format_number(value, decimals)


def symbol_order(symbols: Iterable[str]) -> list[str]:
    """Occurring symbols in the order of the official legend (unknown ones last)."""
    known = list(symbol_labels())
    present = set(symbols)
    return [s for s in known if s in present] + sorted(present - set(known))


def symbol_label(symbol: str) -> str:
    """German meaning of a symbol (the symbol itself if it is not an official one)."""
    return symbol_labels().get(symbol, "Sonderzeichen")


def symbol_notes(symbols: Iterable[str]) -> list[str]:
    """Legend notes for the occurring symbols, e.g. ``x = Tabellenfach gesperrt, …``."""
    return [f"{s} = {symbol_label(s)}" for s in symbol_order(symbols)]


def symbol_sentences(symbols: Iterable[str], singular: str, plural: str) -> list[str]:
    """Alt-text sentences: ``Für 1 Kreis liegt das Zeichen »x« (…) vor.``"""
    counts = Counter(symbols)
    sentences = []
    for symbol in symbol_order(counts):
        count = counts[symbol]
        noun = singular if count == 1 else plural
        sentences.append(
            f"Für {count} {noun} liegt das Zeichen »{symbol}« ({symbol_label(symbol)}) vor."
        )
    return sentences


def wrap(lines: Iterable[str], width_px: int, font_px: int = 11) -> str:
    """Wrap footer lines to the figure width; Vega-Lite breaks the text at newlines."""
    chars = max(40, int(width_px / (font_px * 0.55)))
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, chars, break_on_hyphens=False) or [""])
    return "\n".join(wrapped)
