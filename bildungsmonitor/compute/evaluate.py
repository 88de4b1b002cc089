"""Vectorised evaluation of formulas over region-year series.

Every alias is a Polars frame ``region_code, year, value, symbol, bracketed``
with at most one row per (region_code, year). The formula is compiled into
Polars expressions over one wide frame (the outer join of all aliases the
formula reads); ``lag`` adds one join per distinct lag. There is no Python loop
per row. Inputs are first prepared (``prepare``: validated, region codes as an
Enum in text order so joins and sorts use integer keys); a run prepares each
alias once and reuses it for every indicator (``computation.AliasCache``). The
formula itself is compiled in ``compute._formula_compiler``.

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
from collections.abc import Iterable, Mapping
from typing import Final

import polars as pl

from bildungsmonitor.compute._formula_compiler import KEYS, PARTS, Compiler, combine
from bildungsmonitor.compute._symbols import DASH, RANK_DTYPE, rank_of, unknown_symbols
from bildungsmonitor.compute.binding import has_duplicate_keys
from bildungsmonitor.compute.formula import Expr, Neg, Num
from bildungsmonitor.errors import BadRequest

INPUT_SCHEMA: dict[str, type[pl.DataType]] = {
    "region_code": pl.String,
    "year": pl.Int64,
    "value": pl.Float64,
    "symbol": pl.String,
    "bracketed": pl.Boolean,
}
RESULT_COLUMNS = ["value", "symbol", "bracketed"]
ENGINE: Final = "in-memory"
"""Polars engine of the formula query: a run evaluates one per indicator, mostly on a
few thousand rows, where the in-memory engine has a fraction of the fixed cost of the
streaming engine (the default of Polars 2)."""


def _checked(alias: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Columns present, types cast, symbols known (an Enum region key is kept)."""
    absent = [column for column in INPUT_SCHEMA if column not in frame.columns]
    if absent:
        raise BadRequest(f"Datenreihe »{alias}«: es fehlen die Spalten {', '.join(absent)}")
    keyed = isinstance(frame.schema["region_code"], pl.Enum)
    try:
        checked = frame.select(
            pl.col(c) if keyed and c == "region_code" else pl.col(c).cast(t)
            for c, t in INPUT_SCHEMA.items()
        )
    except pl.exceptions.PolarsError as exc:
        raise BadRequest(f"Datenreihe »{alias}«: Spaltentypen passen nicht ({exc})") from exc
    unknown = unknown_symbols(checked)
    if unknown:
        raise BadRequest(f"Datenreihe »{alias}«: unbekannte Zeichen {', '.join(unknown)}")
    return checked


def region_enum(frames: Iterable[pl.DataFrame], extra: Iterable[str] = ()) -> pl.Enum:
    """An Enum over every region code in ``frames`` (and ``extra``), in text order.

    Sorting by this Enum sorts like the text; joins and group-bys use integer keys.
    """
    codes = set(extra)
    for frame in frames:
        if "region_code" in frame.columns:
            column = frame.get_column("region_code").cast(pl.String)
            codes.update(column.unique().drop_nulls().to_list())
    return pl.Enum(sorted(codes))


def prepare(
    alias: str, frame: pl.DataFrame, dash_zero: bool, regions: pl.Enum, *, unique: bool = False
) -> pl.DataFrame:
    """Validated input frame as ``region_code`` (``regions``), ``year, v, r, b, d``.

    ``v`` is the numeric value (``-`` as 0 where ``dash_zero``), ``r`` the symbol
    rank, ``b`` bracketed, ``d`` "is a ``-`` counted as 0". ``unique=True`` skips
    the check for several rows per region-year (the caller guarantees one).
    """
    checked = _checked(alias, frame)
    symbol = pl.col("symbol")
    is_dash = (symbol == DASH).fill_null(False) if dash_zero else pl.lit(False)
    value = (
        pl.when(is_dash)
        .then(pl.lit(0.0))
        .when(symbol.is_not_null())
        .then(pl.lit(None, pl.Float64))
        .otherwise(pl.col("value"))
    )
    prepared = checked.select(
        pl.col("region_code").cast(regions),
        pl.col("year"),
        value.alias("v"),
        pl.when(is_dash).then(pl.lit(None, RANK_DTYPE)).otherwise(rank_of(symbol)).alias("r"),
        pl.col("bracketed").fill_null(False).alias("b"),
        is_dash.alias("d"),
    )
    if not unique and has_duplicate_keys(prepared):
        raise _duplicates_error()
    return prepared


def _duplicates_error() -> BadRequest:
    return BadRequest("Eine Datenreihe enthält mehrere Werte für dieselbe Region und dasselbe Jahr")


def _missing_check(names: Iterable[str], available: Mapping[str, object]) -> None:
    missing = [name for name in names if name not in available]
    if missing:
        raise BadRequest(f"Für {', '.join(f'»{n}«' for n in missing)} fehlt die Datenreihe")


def _prepare_inputs(
    names: list[str], inputs: Mapping[str, pl.DataFrame], dash_as_zero: Mapping[str, bool]
) -> dict[str, pl.DataFrame]:
    _missing_check(names, inputs)
    regions = region_enum(inputs[name] for name in names)
    return {
        name: prepare(name, inputs[name], dash_as_zero.get(name, True), regions) for name in names
    }


def _wide_frame(
    names: list[str], prepared: Mapping[str, pl.DataFrame]
) -> tuple[pl.LazyFrame, dict[str, str]]:
    """Outer join of all aliases read, on the union of their region-years."""
    _missing_check(names, prepared)
    columns = {name: f"_in{index}" for index, name in enumerate(names)}
    frames = [
        prepared[name].lazy().rename({part: f"{columns[name]}_{part}" for part in PARTS})
        for name in names
    ]
    grid = frames[0]
    for frame in frames[1:]:  # every frame has unique keys: a 1:1 join
        grid = grid.join(frame, on=KEYS, how="full", coalesce=True)
    if len(frames) == 1:
        return grid, columns
    flags = [f"{columns[name]}_{part}" for name in names for part in ("b", "d")]
    return grid.with_columns(pl.col(flags).fill_null(False)), columns


def _empty(columns: Iterable[str]) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {"region_code": pl.String(), "year": pl.Int64()}
    for column in columns:
        if column.endswith("symbol"):
            schema[column] = pl.String()
        elif column.endswith("bracketed"):
            schema[column] = pl.Boolean()
        else:
            schema[column] = pl.Float64()
    return pl.DataFrame(schema=schema)


def _as_text(result: pl.DataFrame) -> pl.DataFrame:
    return result.with_columns(pl.col("region_code").cast(pl.String))


def _evaluate_many(
    exprs: Mapping[str, Expr],
    inputs: Mapping[str, pl.DataFrame],
    dash_as_zero: Mapping[str, bool] | None,
) -> pl.DataFrame:
    """Evaluate several formulas on one wide frame; columns ``{prefix}value`` etc."""
    names = sorted(set().union(*(expr.names() for expr in exprs.values())))
    if not names:
        return _empty(f"{p}{c}" for p in exprs for c in ("value", "symbol", "bracketed"))
    prepared = _prepare_inputs(names, inputs, dash_as_zero or {})
    frame, columns = _wide_frame(names, prepared)
    compiler = Compiler(frame, columns)
    finished = [compiler.finish(compiler.compile(expr), prefix) for prefix, expr in exprs.items()]
    outputs = [column for group in finished for column in group]
    result = compiler.frame.select(*KEYS, *outputs).collect(engine=ENGINE)
    return _as_text(result.sort(KEYS))


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


def _parts_names(numerator: Expr, denominator: Expr | None) -> list[str]:
    names = numerator.names() | (denominator.names() if denominator is not None else frozenset())
    return sorted(names)


def evaluate_prepared(
    numerator: Expr,
    denominator: Expr | None,
    factor: float,
    prepared: Mapping[str, pl.DataFrame],
) -> pl.DataFrame:
    """``evaluate_parts`` on frames from ``prepare`` (all with the same region Enum).

    Numerator and denominator are computed once; the value is derived from them.
    ``region_code`` keeps the Enum; rows are sorted by region and year.
    """
    factor_expr = _factor_expr(factor)
    columns = ["value", "symbol", "bracketed", "numerator", "numerator_symbol"]
    if denominator is not None:
        columns += ["denominator", "denominator_symbol"]
    names = _parts_names(numerator, denominator)
    if not names:
        return _empty(columns)
    frame, aliases = _wide_frame(names, prepared)
    compiler = Compiler(frame, aliases)
    num = compiler.materialise(compiler.compile(numerator), "_num")
    outputs = [*compiler.finish(num, "numerator_")[:2]]
    ratio = num
    if denominator is not None:
        den = compiler.materialise(compiler.compile(denominator), "_den")
        outputs += compiler.finish(den, "denominator_")[:2]
        ratio = combine("/", num, den)
    value = combine("*", compiler.compile(factor_expr), ratio)
    outputs = [*compiler.finish(value, ""), *outputs]
    result = compiler.frame.select(*KEYS, *outputs).collect(engine=ENGINE)
    renames = {"numerator_value": "numerator", "denominator_value": "denominator"}
    return result.rename(renames, strict=False).sort(KEYS)


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
    _factor_expr(factor)
    names = _parts_names(numerator, denominator)
    prepared = _prepare_inputs(names, inputs, dash_as_zero or {})
    return _as_text(evaluate_prepared(numerator, denominator, factor, prepared))
