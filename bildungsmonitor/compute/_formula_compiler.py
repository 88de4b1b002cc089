"""Compiles a formula AST into Polars expressions over one wide frame.

Each alias read is a group of columns ``{prefix}_v/_r/_b/_d`` (value, symbol rank,
bracketed, "is a ``-`` counted as 0") in the wide frame that ``compute.evaluate``
builds; ``Compiler`` turns a formula into the same four expressions (``Cols``),
joining a shifted copy for each ``lag``, and ``finish`` applies the final symbol
rules of ``compute.evaluate`` to yield value, symbol and bracketed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

import polars as pl

from bildungsmonitor.compute._symbols import DASH, RANK_DTYPE, RANK_LOCKED, SYMBOL_RANK, symbol_of
from bildungsmonitor.compute.formula import BinOp, Call, Expr, Name, Neg, Num

KEYS = ["region_code", "year"]
PARTS = ("v", "r", "b", "d")


@dataclass(frozen=True, slots=True)
class Cols:
    """Polars expressions for one sub-formula over the wide frame.

    ``rank`` is the symbol rank (null: no symbol); ``dash`` is True where every
    input read is a ``-`` counted as 0, None when the sub-formula reads no input.
    """

    value: pl.Expr
    rank: pl.Expr
    bracketed: pl.Expr
    dash: pl.Expr | None


def _and_dash(left: pl.Expr | None, right: pl.Expr | None) -> pl.Expr | None:
    if left is None:
        return right
    if right is None:
        return left
    return left & right


def combine(op: str, left: Cols, right: Cols) -> Cols:
    ranks = [left.rank, right.rank]
    if op == "+":
        value = left.value + right.value
    elif op == "-":
        value = left.value - right.value
    elif op == "*":
        value = left.value * right.value
    else:
        value = left.value / right.value
        ranks.append(pl.when(right.value == 0).then(pl.lit(RANK_LOCKED, RANK_DTYPE)))
    return Cols(
        value=value,
        rank=pl.max_horizontal(*ranks).cast(RANK_DTYPE),
        bracketed=left.bracketed | right.bracketed,
        dash=_and_dash(left.dash, right.dash),
    )


class Compiler:
    """Turns an AST into ``Cols``; ``lag`` materialises columns in ``frame``."""

    def __init__(self, frame: pl.LazyFrame, columns: Mapping[str, str]) -> None:
        self.frame = frame
        self._columns = columns
        self._lags: dict[Call, Cols] = {}
        self._finished = 0

    def compile(self, node: Expr) -> Cols:
        if isinstance(node, Num):
            return Cols(
                pl.lit(node.value, pl.Float64), pl.lit(None, RANK_DTYPE), pl.lit(False), None
            )
        if isinstance(node, Name):
            prefix = self._columns[node.name]
            return Cols(*(pl.col(f"{prefix}_{part}") for part in PARTS))
        if isinstance(node, Neg):
            inner = self.compile(node.operand)
            return Cols(-inner.value, inner.rank, inner.bracketed, inner.dash)
        if isinstance(node, BinOp):
            return combine(node.op, self.compile(node.left), self.compile(node.right))
        if isinstance(node, Call):
            return self._call(node)
        raise TypeError(f"not a formula node: {node!r}")

    def _call(self, node: Call) -> Cols:
        if node.func == "sum":
            return reduce(lambda a, b: combine("+", a, b), map(self.compile, node.args))
        if node in self._lags:  # the same lag in numerator and denominator: one join
            return self._lags[node]
        inner = self.compile(node.args[0])
        if inner.dash is None:  # a constant is the same in every year
            return inner
        self._lags[node] = self._lag(inner, inner.dash, node.lag_years)
        return self._lags[node]

    def _lag(self, inner: Cols, dash: pl.Expr, years: int) -> Cols:
        """Join the inner columns of year t−n onto year t."""
        name = f"_lag{len(self._lags) + 1}"
        parts = {"v": inner.value, "r": inner.rank, "b": inner.bracketed, "d": dash}
        shifted = self.frame.select(
            pl.col("region_code"),
            (pl.col("year") + years).alias("year"),
            *(expr.alias(f"{name}_{part}") for part, expr in parts.items()),
        )
        # keys are unique in the frame (checked per alias), so no validation here
        self.frame = self.frame.join(shifted, on=KEYS, how="left")
        return Cols(
            pl.col(f"{name}_v"),
            pl.col(f"{name}_r"),
            pl.col(f"{name}_b").fill_null(False),
            pl.col(f"{name}_d").fill_null(False),
        )

    def finish(self, cols: Cols, prefix: str) -> list[pl.Expr]:
        """Apply the final symbol rules; yields ``{prefix}value/symbol/bracketed``.

        The final symbol is computed once as a rank column (``-`` has rank 0), so
        the three outputs test an integer instead of re-deriving the symbol text.
        """
        value = cols.value
        not_finite = cols.rank.is_null() & value.is_not_null() & ~value.is_finite()
        rank = pl.when(not_finite).then(pl.lit(RANK_LOCKED, RANK_DTYPE)).otherwise(cols.rank)
        dash = cols.dash if cols.dash is not None else pl.lit(False)
        final = (
            pl.when(rank.is_null() & dash & (value == 0))
            .then(pl.lit(SYMBOL_RANK[DASH], RANK_DTYPE))
            .otherwise(rank)
        )
        self._finished += 1
        name = f"_fin{self._finished}"
        self.frame = self.frame.with_columns(value.alias(f"{name}_v"), final.alias(f"{name}_s"))
        value, symbol_rank = pl.col(f"{name}_v"), pl.col(f"{name}_s")
        return [
            pl.when(symbol_rank.is_null()).then(value + 0.0).alias(f"{prefix}value"),
            symbol_of(symbol_rank).alias(f"{prefix}symbol"),
            pl.when(symbol_rank.is_null() & value.is_null())
            .then(pl.lit(False))
            .otherwise(cols.bracketed.fill_null(False))
            .alias(f"{prefix}bracketed"),
        ]

    def materialise(self, cols: Cols, name: str) -> Cols:
        """Compute ``cols`` once as columns ``{name}_v/_r/_b/_d`` and refer to them."""
        parts = {"v": cols.value, "r": cols.rank, "b": cols.bracketed, "d": cols.dash}
        self.frame = self.frame.with_columns(
            expr.alias(f"{name}_{part}") for part, expr in parts.items() if expr is not None
        )
        return Cols(
            pl.col(f"{name}_v"),
            pl.col(f"{name}_r"),
            pl.col(f"{name}_b"),
            None if cols.dash is None else pl.col(f"{name}_d"),
        )
