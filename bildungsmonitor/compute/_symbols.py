"""Symbol ranks shared by evaluation and aggregation.

When several inputs carry a symbol, the result carries the one with the highest
rank: ``x`` > ``.`` > ``/`` > ``...`` > ``-`` (``-`` only where it is kept as a
symbol instead of being counted as zero).
"""

from __future__ import annotations

import polars as pl

from bildungsmonitor.symbol import Symbol

SYMBOL_RANK: dict[str, int] = {
    Symbol.NOTHING.value: 0,
    Symbol.NOT_YET.value: 1,
    Symbol.UNCERTAIN.value: 2,
    Symbol.UNKNOWN.value: 3,
    Symbol.LOCKED.value: 4,
}
RANK_SYMBOL: dict[int, str] = {rank: symbol for symbol, rank in SYMBOL_RANK.items()}
RANK_LOCKED = SYMBOL_RANK[Symbol.LOCKED.value]
DASH = Symbol.NOTHING.value

RANK_DTYPE = pl.Int8


def rank_of(symbol: pl.Expr) -> pl.Expr:
    """Symbol text -> rank (null for no symbol)."""
    return symbol.replace_strict(SYMBOL_RANK, default=None, return_dtype=RANK_DTYPE)


def symbol_of(rank: pl.Expr) -> pl.Expr:
    """Rank -> symbol text (null for no symbol)."""
    return rank.replace_strict(RANK_SYMBOL, default=None, return_dtype=pl.String)


def unknown_symbols(frame: pl.DataFrame, column: str = "symbol") -> list[str]:
    """Symbol texts in ``column`` that are not official symbols."""
    bad = frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(list(SYMBOL_RANK)))
    return sorted(bad.get_column(column).unique().to_list())
