"""Property tests: round trip, total parser, evaluation against a reference."""

from __future__ import annotations

import contextlib
import math

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bildungsmonitor.compute.evaluate import evaluate
from bildungsmonitor.compute.formula import (
    BinOp,
    Call,
    Expr,
    FormulaError,
    Name,
    Neg,
    Num,
    parse,
)

ALIASES = ("a", "b", "c")

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(float),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 0.1, 1e-7, 123.456]),
).map(Num)
leaves = st.one_of(numbers, st.sampled_from(ALIASES).map(Name))


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(BinOp, st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.builds(Neg, children),
        st.lists(children, min_size=1, max_size=3).map(lambda args: Call("sum", tuple(args))),
    )


def _extend_with_lag(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    lags = st.builds(
        lambda inner, years: Call("lag", (inner, Num(float(years)))),
        children,
        st.integers(min_value=1, max_value=200),
    )
    return st.one_of(_extend(children), lags)


expressions = st.recursive(leaves, _extend_with_lag, max_leaves=12)


@given(expressions)
def test_text_round_trip(expr: Expr) -> None:
    assert parse(expr.to_text()) == expr


@given(st.text(max_size=60))
def test_random_text_only_raises_formula_error(text: str) -> None:
    with contextlib.suppress(FormulaError):
        parse(text)


formula_alphabet = st.sampled_from(list("ab_xyz019(),.+-*/×÷− lagsum"))


@given(st.text(alphabet=formula_alphabet, max_size=40))
def test_formula_like_text_only_raises_formula_error(text: str) -> None:
    try:
        expr = parse(text)
    except FormulaError:
        return
    assert parse(expr.to_text()) == expr


# --- reference evaluator ------------------------------------------------------

SMALL_ALIASES = ("a", "b")
small_numbers = st.sampled_from([0.0, 1.0, 2.0, 0.5, 3.0, 10.0]).map(Num)
small_leaves = st.one_of(small_numbers, st.sampled_from(SMALL_ALIASES).map(Name))
small_expressions = st.recursive(small_leaves, _extend, max_leaves=6)
# value or symbol per alias: a float, "-" (counted as 0) or "."
cells = st.one_of(st.sampled_from([0.0, 1.0, -2.0, 4.0, 0.25]), st.sampled_from(["-", "."]))

Ref = tuple[float | None, bool, bool]  # (value, locked, all inputs were "-")


def _reference(expr: Expr, env: dict[str, float | str]) -> Ref:
    """Tiny scalar evaluator: value, whether a division by zero happened, dash-only."""
    if isinstance(expr, Num):
        return expr.value, False, True
    if isinstance(expr, Name):
        cell = env[expr.name]
        if cell == "-":
            return 0.0, False, True
        if cell == ".":
            return None, False, False
        assert isinstance(cell, float)
        return cell, False, False
    if isinstance(expr, Neg):
        value, locked, dash = _reference(expr.operand, env)
        return (None if value is None else -value), locked, dash
    if isinstance(expr, Call):
        result = _reference(expr.args[0], env)
        for arg in expr.args[1:]:
            result = _apply("+", result, _reference(arg, env))
        return result
    assert isinstance(expr, BinOp)
    return _apply(expr.op, _reference(expr.left, env), _reference(expr.right, env))


def _apply(op: str, left: Ref, right: Ref) -> Ref:
    lv, ll, ld = left
    rv, rl, rd = right
    locked = ll or rl or (op == "/" and rv == 0)
    if lv is None or rv is None or locked:
        return None, locked, ld and rd
    value = {"+": lv + rv, "-": lv - rv, "*": lv * rv}.get(op)
    return (lv / rv if value is None else value), False, ld and rd


def _expected(expr: Expr, env: dict[str, float | str]) -> tuple[float | None, str | None]:
    value, locked, dash = _reference(expr, env)
    if locked:
        return None, "x"
    if any(env[name] == "." for name in expr.names()):
        return None, "."
    assert value is not None
    if expr.names() and dash and value == 0:
        return None, "-"
    return value, None


def _frame(cell: float | str) -> pl.DataFrame:
    value = cell if isinstance(cell, float) else None
    symbol = cell if isinstance(cell, str) else None
    return pl.DataFrame(
        {
            "region_code": ["01"],
            "year": [2020],
            "value": [value],
            "symbol": [symbol],
            "bracketed": [False],
        },
        schema={
            "region_code": pl.String,
            "year": pl.Int64,
            "value": pl.Float64,
            "symbol": pl.String,
            "bracketed": pl.Boolean,
        },
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_expressions.filter(lambda e: bool(e.names())), cells, cells)
def test_evaluation_matches_reference(expr: Expr, a: float | str, b: float | str) -> None:
    env = {"a": a, "b": b}
    result = evaluate(expr, {"a": _frame(a), "b": _frame(b)})
    assert result.height == 1
    value, symbol = result.row(0)[2:4]
    expected_value, expected_symbol = _expected(expr, env)
    assert symbol == expected_symbol
    if expected_value is None:
        assert value is None
    else:
        assert value is not None
        assert math.isclose(value, expected_value, rel_tol=1e-9, abs_tol=1e-12)
