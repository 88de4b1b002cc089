"""Vectorised evaluation of formulas over region-year series.

Every alias is a Polars frame ``region_code, year, value, symbol, bracketed``
with at most one row per (region_code, year). The formula is compiled into
Polars expressions over one wide frame (the outer join of all aliases the
formula reads); ``lag`` adds one join per use. There is no Python loop per row.

Symbol rules (see ``docs/formulas.md``):

1. ``-`` (nothing) counts as 0 where the alias allows it (``dash_as_zero[alias]``,
   default True). A result built only from such ``-`` inputs (constants do not
   count as inputs) whose value is 0 gets the symbol ``-``; e.g. ``a + b`` with
   both ``-`` is ``-``, ``a / b`` with ``a`` = ``-`` and ``b`` = 50 is 0.
   Where the alias keeps ``-`` as a symbol, it propagates like rule 2 with the
   lowest priority.
2. An input with ``.``, ``x``, ``/`` or ``...`` makes the result that symbol,
   never a number. Several symbols: ``x`` > ``.`` > ``/`` > ``...`` (> kept ``-``).
3. A missing input (no row for the region-year, or ``lag`` reaching before the
   data) gives value null and symbol null ("keine Daten"). A symbol of another
   input wins over missing data.
4. A divisor of 0 (including a ``-`` counted as 0) gives ``x`` (Aussage nicht
   sinnvoll); so does a result that is not a finite number.
5. Any bracketed input makes the result bracketed (limited reliability);
   rows without data are never bracketed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

import polars as pl

from bildungsmonitor.compute._symbols import (
    DASH,
    RANK_DTYPE,
    RANK_LOCKED,
    rank_of,
    symbol_of,
    unknown_symbols,
)
from bildungsmonitor.compute.formula import BinOp, Call, Expr, Name, Neg, Num
from bildungsmonitor.errors import BadRequest

KEYS = ["region_code", "year"]
INPUT_SCHEMA: dict[str, type[pl.DataType]] = {
    "region_code": pl.String,
    "year": pl.Int64,
    "value": pl.Float64,
    "symbol": pl.String,
    "bracketed": pl.Boolean,
}
RESULT_COLUMNS = ["value", "symbol", "bracketed"]


@dataclass(frozen=True, slots=True)
class _Cols:
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


def _combine(op: str, left: _Cols, right: _Cols) -> _Cols:
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
    return _Cols(
        value=value,
        rank=pl.max_horizontal(*ranks).cast(RANK_DTYPE),
        bracketed=left.bracketed | right.bracketed,
        dash=_and_dash(left.dash, right.dash),
    )


class _Compiler:
    """Turns an AST into ``_Cols``; ``lag`` materialises columns in ``frame``."""

    def __init__(self, frame: pl.LazyFrame, columns: Mapping[str, str]) -> None:
        self.frame = frame
        self._columns = columns
        self._lags = 0

    def compile(self, node: Expr) -> _Cols:
        if isinstance(node, Num):
            return _Cols(
                pl.lit(node.value, pl.Float64), pl.lit(None, RANK_DTYPE), pl.lit(False), None
            )
        if isinstance(node, Name):
            prefix = self._columns[node.name]
            return _Cols(*(pl.col(f"{prefix}_{part}") for part in ("v", "r", "b", "d")))
        if isinstance(node, Neg):
            inner = self.compile(node.operand)
            return _Cols(-inner.value, inner.rank, inner.bracketed, inner.dash)
        if isinstance(node, BinOp):
            return _combine(node.op, self.compile(node.left), self.compile(node.right))
        if isinstance(node, Call):
            return self._call(node)
        raise TypeError(f"not a formula node: {node!r}")

    def _call(self, node: Call) -> _Cols:
        if node.func == "sum":
            return reduce(lambda a, b: _combine("+", a, b), map(self.compile, node.args))
        inner = self.compile(node.args[0])
        if inner.dash is None:  # a constant is the same in every year
            return inner
        return self._lag(inner, inner.dash, node.lag_years)

    def _lag(self, inner: _Cols, dash: pl.Expr, years: int) -> _Cols:
        """Join the inner columns of year t−n onto year t."""
        self._lags += 1
        name = f"_lag{self._lags}"
        parts = {"v": inner.value, "r": inner.rank, "b": inner.bracketed, "d": dash}
        shifted = self.frame.select(
            pl.col("region_code"),
            (pl.col("year") + years).alias("year"),
            *(expr.alias(f"{name}_{part}") for part, expr in parts.items()),
        )
        self.frame = self.frame.join(shifted, on=KEYS, how="left", validate="m:1")
        return _Cols(
            pl.col(f"{name}_v"),
            pl.col(f"{name}_r"),
            pl.col(f"{name}_b").fill_null(False),
            pl.col(f"{name}_d").fill_null(False),
        )


def _finish(cols: _Cols, prefix: str) -> list[pl.Expr]:
    """Apply the final symbol rules; yields ``{prefix}value/symbol/bracketed``."""
    value = cols.value
    not_finite = cols.rank.is_null() & value.is_not_null() & ~value.is_finite()
    rank = pl.when(not_finite).then(pl.lit(RANK_LOCKED, RANK_DTYPE)).otherwise(cols.rank)
    dash = cols.dash if cols.dash is not None else pl.lit(False)
    symbol = (
        pl.when(rank.is_null() & dash & (value == 0)).then(pl.lit(DASH)).otherwise(symbol_of(rank))
    )
    return [
        pl.when(symbol.is_null()).then(value + 0.0).alias(f"{prefix}value"),
        symbol.alias(f"{prefix}symbol"),
        pl.when(symbol.is_null() & value.is_null())
        .then(pl.lit(False))
        .otherwise(cols.bracketed.fill_null(False))
        .alias(f"{prefix}bracketed"),
    ]


def _checked(alias: str, frame: pl.DataFrame) -> pl.LazyFrame:
    """Columns present, types cast, symbols known; uniqueness is checked by the joins."""
    absent = [column for column in INPUT_SCHEMA if column not in frame.columns]
    if absent:
        raise BadRequest(f"Datenreihe »{alias}«: es fehlen die Spalten {', '.join(absent)}")
    try:
        checked = frame.select(pl.col(c).cast(t) for c, t in INPUT_SCHEMA.items())
    except pl.exceptions.PolarsError as exc:
        raise BadRequest(f"Datenreihe »{alias}«: Spaltentypen passen nicht ({exc})") from exc
    unknown = unknown_symbols(checked)
    if unknown:
        raise BadRequest(f"Datenreihe »{alias}«: unbekannte Zeichen {', '.join(unknown)}")
    return checked.lazy()


def _prepared(alias: str, frame: pl.DataFrame, prefix: str, dash_zero: bool) -> pl.LazyFrame:
    """Input frame as the compiler's columns ``{prefix}_v/_r/_b/_d``."""
    symbol = pl.col("symbol")
    is_dash = (symbol == DASH).fill_null(False) if dash_zero else pl.lit(False)
    value = (
        pl.when(is_dash)
        .then(pl.lit(0.0))
        .when(symbol.is_not_null())
        .then(pl.lit(None, pl.Float64))
        .otherwise(pl.col("value"))
    )
    return _checked(alias, frame).select(
        pl.col("region_code").cast(pl.Categorical),  # integer join keys: faster joins
        pl.col("year"),
        value.alias(f"{prefix}_v"),
        pl.when(is_dash)
        .then(pl.lit(None, RANK_DTYPE))
        .otherwise(rank_of(symbol))
        .alias(f"{prefix}_r"),
        pl.col("bracketed").fill_null(False).alias(f"{prefix}_b"),
        is_dash.alias(f"{prefix}_d"),
    )


def _duplicates_error() -> BadRequest:
    return BadRequest("Eine Datenreihe enthält mehrere Werte für dieselbe Region und dasselbe Jahr")


def _wide_frame(
    names: list[str], inputs: Mapping[str, pl.DataFrame], dash_as_zero: Mapping[str, bool]
) -> tuple[pl.LazyFrame, dict[str, str]]:
    """Outer join of all aliases read, on the union of their region-years."""
    missing = [name for name in names if name not in inputs]
    if missing:
        raise BadRequest(f"Für {', '.join(f'»{n}«' for n in missing)} fehlt die Datenreihe")
    columns = {name: f"_in{index}" for index, name in enumerate(names)}
    frames = [
        _prepared(name, inputs[name], columns[name], dash_as_zero.get(name, True)) for name in names
    ]
    if (
        len(frames) == 1
        and frames[0].select(pl.struct(KEYS).is_duplicated().any()).collect().item()
    ):
        raise _duplicates_error()
    grid = frames[0]
    for frame in frames[1:]:
        grid = grid.join(frame, on=KEYS, how="full", coalesce=True, validate="1:1")
    flags = [f"{columns[name]}_{part}" for name in names for part in ("b", "d")]
    return grid.with_columns(pl.col(flags).fill_null(False)), columns


def _evaluate_many(
    exprs: Mapping[str, Expr],
    inputs: Mapping[str, pl.DataFrame],
    dash_as_zero: Mapping[str, bool] | None,
) -> pl.DataFrame:
    """Evaluate several formulas on one wide frame; columns ``{prefix}value`` etc."""
    names = sorted(set().union(*(expr.names() for expr in exprs.values())))
    if not names:
        schema = {"region_code": pl.String, "year": pl.Int64}
        for prefix in exprs:
            schema |= {f"{prefix}value": pl.Float64, f"{prefix}symbol": pl.String}
            schema |= {f"{prefix}bracketed": pl.Boolean}
        return pl.DataFrame(schema=schema)
    frame, columns = _wide_frame(names, inputs, dash_as_zero or {})
    compiler = _Compiler(frame, columns)
    finished = [_finish(compiler.compile(expr), prefix) for prefix, expr in exprs.items()]
    outputs = [column for group in finished for column in group]
    try:
        result = compiler.frame.select(*KEYS, *outputs).collect()
    except pl.exceptions.ComputeError as exc:
        if "validation" not in str(exc):
            raise
        raise _duplicates_error() from exc
    return result.with_columns(pl.col("region_code").cast(pl.String)).sort(KEYS)


def evaluate(
    expr: Expr,
    inputs: Mapping[str, pl.DataFrame],
    dash_as_zero: Mapping[str, bool] | None = None,
) -> pl.DataFrame:
    """Evaluate ``expr`` for every region-year present in any alias it reads.

    Returns ``region_code, year, value, symbol, bracketed`` sorted by region and
    year. A formula without aliases yields an empty frame.
    """
    return _evaluate_many({"": expr}, inputs, dash_as_zero)


def _factor_expr(factor: float) -> Expr:
    if not math.isfinite(factor):
        raise BadRequest(f"Der Faktor {factor} ist keine endliche Zahl")
    return Neg(Num(-factor)) if factor < 0 else Num(factor)


def evaluate_parts(
    numerator: Expr,
    denominator: Expr | None,
    factor: float,
    inputs: Mapping[str, pl.DataFrame],
    dash_as_zero: Mapping[str, bool] | None = None,
) -> pl.DataFrame:
    """Evaluate an indicator ``factor × numerator / denominator`` with its parts.

    Columns: ``region_code, year, value, symbol, bracketed, numerator,
    numerator_symbol`` and, only when there is a denominator, ``denominator,
    denominator_symbol``. Without a denominator the value is
    ``factor × numerator``. All columns follow the symbol rules of this module.
    """
    ratio = numerator if denominator is None else BinOp("/", numerator, denominator)
    exprs: dict[str, Expr] = {"": BinOp("*", _factor_expr(factor), ratio), "numerator_": numerator}
    if denominator is not None:
        exprs["denominator_"] = denominator
    result = _evaluate_many(exprs, inputs, dash_as_zero)
    renames = {"numerator_value": "numerator"}
    if denominator is not None:
        renames["denominator_value"] = "denominator"
    drop = [column for column in result.columns if column.endswith("_bracketed")]
    return result.drop(drop).rename(renames)
