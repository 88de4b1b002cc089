"""Vectorised evaluation: arithmetic, every symbol rule, lag, parts."""

from __future__ import annotations

import math
from collections.abc import Collection

import polars as pl
import pytest

from bildungsmonitor.compute.evaluate import (
    evaluate,
    evaluate_parts,
    evaluate_prepared,
    prepare,
    region_enum,
)
from bildungsmonitor.compute.formula import parse
from bildungsmonitor.errors import BadRequest

Cell = float | str | None  # number, symbol, or None = no row
SCHEMA = {
    "region_code": pl.String,
    "year": pl.Int64,
    "value": pl.Float64,
    "symbol": pl.String,
    "bracketed": pl.Boolean,
}


def frame(
    cells: dict[tuple[str, int], Cell], bracketed: Collection[tuple[str, int]] = ()
) -> pl.DataFrame:
    rows = [
        {
            "region_code": region,
            "year": year,
            "value": cell if isinstance(cell, float) else None,
            "symbol": cell if isinstance(cell, str) else None,
            "bracketed": (region, year) in bracketed,
        }
        for (region, year), cell in cells.items()
        if cell is not None
    ]
    return pl.DataFrame(rows, schema=SCHEMA)


def one(text: str, **cells: Cell) -> tuple[float | None, str | None, bool]:
    """Evaluate for a single region-year; returns (value, symbol, bracketed)."""
    inputs = {alias: frame({("01", 2020): cell}) for alias, cell in cells.items()}
    result = evaluate(parse(text), inputs)
    assert result.columns == ["region_code", "year", "value", "symbol", "bracketed"]
    if result.height == 0:
        return None, None, False
    assert result.height == 1
    _, _, value, symbol, bracketed = result.row(0)
    return value, symbol, bracketed


def test_hand_computed_share() -> None:
    # 100 * (12 / 480) = 100 * 0.025 = 2.5
    assert one("100 * (a / b)", a=12.0, b=480.0) == (2.5, None, False)


def test_precedence_in_evaluation() -> None:
    # 2 + 3 * 4 = 14 ; (2 + 3) * 4 = 20 ; -2 * 3 + 10 = 4
    assert one("a + b * c", a=2.0, b=3.0, c=4.0)[0] == 14.0
    assert one("(a + b) * c", a=2.0, b=3.0, c=4.0)[0] == 20.0
    assert one("-a * b + 10", a=2.0, b=3.0)[0] == 4.0


def test_sum_function() -> None:
    # 1 + 2 + 3.5 = 6.5
    assert one("sum(a, b, c)", a=1.0, b=2.0, c=3.5)[0] == 6.5


# --- rule 1: "-" ---------------------------------------------------------------


def test_dash_counts_as_zero_in_numeric_context() -> None:
    # a = "-" -> 0 ; 0 + 5 = 5
    assert one("a + b", a="-", b=5.0) == (5.0, None, False)
    # 0 leavers without certificate of 50 leavers: 100 * 0 / 50 = 0 (a number, not "-")
    assert one("100 * a / b", a="-", b=50.0) == (0.0, None, False)


def test_only_dash_inputs_give_dash() -> None:
    assert one("a + b", a="-", b="-") == (None, "-", False)
    assert one("a - b", a="-", b="-") == (None, "-", False)
    assert one("100 * a", a="-") == (None, "-", False)
    assert one("-a", a="-") == (None, "-", False)


def test_dash_only_but_nonzero_is_a_number() -> None:
    # constants are no inputs: 0 + 5 = 5
    assert one("a + 5", a="-") == (5.0, None, False)


def test_dash_kept_as_symbol_where_alias_says_so() -> None:
    inputs = {"a": frame({("01", 2020): "-"}), "b": frame({("01", 2020): 5.0})}
    result = evaluate(parse("a + b"), inputs, dash_as_zero={"a": False})
    assert result.row(0)[2:4] == (None, "-")
    # kept "-" has the lowest priority
    inputs["b"] = frame({("01", 2020): "..."})
    result = evaluate(parse("a + b"), inputs, dash_as_zero={"a": False})
    assert result.row(0)[2:4] == (None, "...")


# --- rule 2: symbols -------------------------------------------------------------


@pytest.mark.parametrize("symbol", [".", "x", "/", "..."])
def test_symbol_makes_result_a_symbol(symbol: str) -> None:
    assert one("a + b", a=symbol, b=3.0) == (None, symbol, False)
    assert one("a * 0", a=symbol) == (None, symbol, False)


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        ("x", ".", "x"),
        (".", "x", "x"),
        (".", "/", "."),
        ("/", "...", "/"),
        ("...", ".", "."),
        ("-", ".", "."),
    ],
)
def test_symbol_priority(first: str, second: str, winner: str) -> None:
    assert one("a / b", a=first, b=second)[1] == winner


# --- rule 3: missing data ----------------------------------------------------------


def test_missing_input_gives_null_value_and_null_symbol() -> None:
    inputs = {"a": frame({("01", 2020): 1.0, ("02", 2020): 2.0}), "b": frame({("01", 2020): 4.0})}
    result = evaluate(parse("a + b"), inputs)
    assert result.rows() == [("01", 2020, 5.0, None, False), ("02", 2020, None, None, False)]


def test_symbol_wins_over_missing() -> None:
    inputs = {"a": frame({("01", 2020): "."}), "b": frame({("02", 2020): 1.0})}
    result = evaluate(parse("a + b"), inputs)
    assert result.rows() == [("01", 2020, None, ".", False), ("02", 2020, None, None, False)]


def test_row_with_neither_value_nor_symbol_counts_as_missing() -> None:
    inputs = {"a": pl.DataFrame([{"region_code": "01", "year": 2020}], schema=SCHEMA)}
    assert evaluate(parse("a"), inputs).row(0)[2:] == (None, None, False)


# --- rule 4: division by zero ------------------------------------------------------


def test_division_by_zero_is_x() -> None:
    assert one("a / b", a=5.0, b=0.0) == (None, "x", False)
    assert one("a / b", a=0.0, b=0.0) == (None, "x", False)
    assert one("a / b", a="-", b="-") == (None, "x", False)
    assert one("a / (b - b)", a=1.0, b=7.0) == (None, "x", False)
    # x outranks "." of the numerator
    assert one("a / b", a=".", b=0.0) == (None, "x", False)


def test_non_finite_result_is_x() -> None:
    assert one("a * a * a", a=1e200) == (None, "x", False)


# --- rule 5: brackets --------------------------------------------------------------


def test_bracketed_propagates() -> None:
    key = ("01", 2020)
    inputs = {"a": frame({key: 3.0}, {key}), "b": frame({key: 4.0})}
    # (3) + 4 = (7)
    assert evaluate(parse("a + b"), inputs).row(0)[2:] == (7.0, None, True)
    inputs["b"] = frame({key: "."})
    assert evaluate(parse("a + b"), inputs).row(0)[2:] == (None, ".", True)


# --- lag ----------------------------------------------------------------------------


def test_lag_uses_value_of_year_minus_n() -> None:
    # Betreuungsquote 2021 = 100 * kinder(2021) / bev(2020) = 100 * 30 / 120 = 25
    kinder = frame({("01", 2020): 20.0, ("01", 2021): 30.0})
    bev = frame({("01", 2019): 100.0, ("01", 2020): 120.0, ("01", 2021): 130.0})
    result = evaluate(parse("100 * kinder / lag(bev, 1)"), {"kinder": kinder, "bev": bev})
    assert result.rows() == [
        ("01", 2019, None, None, False),  # kinder 2019 missing
        ("01", 2020, 20.0, None, False),  # 100 * 20 / 100
        ("01", 2021, 25.0, None, False),  # 100 * 30 / 120
    ]


def test_lag_before_the_data_is_missing_and_handles_gaps() -> None:
    a = frame({("01", 2018): 1.0, ("01", 2020): 3.0, ("01", 2021): 4.0})
    result = evaluate(parse("a - lag(a, 2)"), {"a": a})
    # 2018: 2016 missing; 2020: 3 - 1 = 2; 2021: 2019 missing (gap)
    assert result.rows() == [
        ("01", 2018, None, None, False),
        ("01", 2020, 2.0, None, False),
        ("01", 2021, None, None, False),
    ]


def test_lag_of_compound_expression_and_symbols() -> None:
    a = frame({("01", 2020): 1.0, ("01", 2021): 2.0})
    b = frame({("01", 2020): ".", ("01", 2021): 5.0})
    result = evaluate(parse("lag(a + b, 1) + a"), {"a": a, "b": b})
    # 2021: lag(a + b) = (1 + ".") -> "." ; 2020: 2019 missing
    assert result.rows() == [("01", 2020, None, None, False), ("01", 2021, None, ".", False)]


def test_lag_of_dash_only_stays_dash() -> None:
    a = frame({("01", 2020): "-", ("01", 2021): 9.0})
    result = evaluate(parse("lag(a, 1)"), {"a": a})
    assert result.rows() == [("01", 2020, None, None, False), ("01", 2021, None, "-", False)]


def test_lag_of_constant_is_the_constant() -> None:
    a = frame({("01", 2020): 2.0})
    assert evaluate(parse("a * lag(3, 1)"), {"a": a}).row(0)[2] == 6.0


# --- outer join, regions, errors ----------------------------------------------------


def test_rows_for_union_of_region_years_sorted() -> None:
    a = frame({("02", 2020): 1.0, ("01", 2021): 2.0})
    b = frame({("01", 2020): 3.0})
    result = evaluate(parse("a + b"), {"a": a, "b": b, "unused": frame({("09", 2000): 1.0})})
    assert [row[:2] for row in result.rows()] == [("01", 2020), ("01", 2021), ("02", 2020)]


def test_formula_without_aliases_gives_empty_frame() -> None:
    result = evaluate(parse("1 + 2"), {})
    assert result.height == 0
    assert result.schema["value"] == pl.Float64


def test_unknown_alias_raises() -> None:
    with pytest.raises(BadRequest, match="»b« fehlt die Datenreihe"):
        evaluate(parse("a + b"), {"a": frame({("01", 2020): 1.0})})


@pytest.mark.parametrize("text", ["a", "a + b", "lag(a, 1)"])
def test_duplicate_region_years_raise(text: str) -> None:
    dup = pl.concat([frame({("01", 2020): 1.0}), frame({("01", 2020): 2.0})])
    with pytest.raises(BadRequest, match="mehrere Werte"):
        evaluate(parse(text), {"a": dup, "b": frame({("01", 2020): 1.0})})


def test_unknown_symbol_and_missing_column_raise() -> None:
    with pytest.raises(BadRequest, match="unbekannte Zeichen"):
        evaluate(parse("a"), {"a": frame({("01", 2020): "?"})})
    with pytest.raises(BadRequest, match="fehlen die Spalten"):
        evaluate(parse("a"), {"a": frame({("01", 2020): 1.0}).drop("bracketed")})


# --- evaluate_parts -------------------------------------------------------------------


def test_evaluate_parts_returns_numerator_and_denominator() -> None:
    num = frame({("01", 2020): 12.0, ("02", 2020): "-", ("03", 2020): "."})
    den = frame({("01", 2020): 480.0, ("02", 2020): 40.0, ("03", 2020): 10.0})
    result = evaluate_parts(parse("num"), parse("den"), 100.0, {"num": num, "den": den})
    assert result.columns == [
        "region_code",
        "year",
        "value",
        "symbol",
        "bracketed",
        "numerator",
        "numerator_symbol",
        "denominator",
        "denominator_symbol",
    ]
    rows = {row[0]: row[2:] for row in result.rows()}
    # 100 * 12 / 480 = 2.5
    assert rows["01"] == (2.5, None, False, 12.0, None, 480.0, None)
    # "-" / 40 = 0 ; the numerator itself is "-"
    assert rows["02"] == (0.0, None, False, None, "-", 40.0, None)
    assert rows["03"] == (None, ".", False, None, ".", 10.0, None)


def test_evaluate_parts_count_without_denominator() -> None:
    a = frame({("01", 2020): 7.0})
    result = evaluate_parts(parse("a"), None, 1.0, {"a": a})
    assert "denominator" not in result.columns
    assert result.row(0, named=True)["value"] == 7.0


def test_evaluate_parts_negative_and_invalid_factor() -> None:
    a = frame({("01", 2020): 2.0})
    b = frame({("01", 2020): 4.0})
    # -10 * 2 / 4 = -5
    result = evaluate_parts(parse("a"), parse("b"), -10.0, {"a": a, "b": b})
    assert result.row(0, named=True)["value"] == -5.0
    with pytest.raises(BadRequest, match="Faktor"):
        evaluate_parts(parse("a"), None, math.nan, {"a": a})


def test_vectorised_over_many_regions() -> None:
    n = 2000
    codes = [f"{i:05d}" for i in range(n)]
    a = pl.DataFrame(
        {
            "region_code": codes * 2,
            "year": [2020] * n + [2021] * n,
            "value": [float(i) for i in range(2 * n)],
            "symbol": [None] * (2 * n),
            "bracketed": [False] * (2 * n),
        },
        schema=SCHEMA,
    )
    result = evaluate(parse("a - lag(a, 1)"), {"a": a})
    later = result.filter(pl.col("year") == 2021)
    # value(2021) - value(2020) = (i + n) - i = n for every region
    assert later.get_column("value").to_list() == [float(n)] * n


# --- prepared frames (one preparation per alias and run) ---------------------------


def test_evaluate_prepared_matches_evaluate_parts_with_shared_lag() -> None:
    a = frame({("01", y): float(y - 2000) for y in range(2000, 2006)} | {("02", 2003): "x"})
    b = frame({("01", y): 2.0 for y in range(2000, 2006)} | {("02", 2004): "-"})
    inputs = {"a": a, "b": b}
    numerator, denominator = parse("lag(a, 1) + b"), parse("lag(a, 1) * 2")
    expected = evaluate_parts(numerator, denominator, 100.0, inputs)
    regions = region_enum(inputs.values())
    prepared = {alias: prepare(alias, data, True, regions) for alias, data in inputs.items()}
    result = evaluate_prepared(numerator, denominator, 100.0, prepared)
    assert result.schema["region_code"] == regions
    assert result.with_columns(pl.col("region_code").cast(pl.String)).equals(expected)
    # 2001 in 01: (0 + 2) / (0 * 2): a divisor of 0 is x
    row = expected.filter((pl.col("region_code") == "01") & (pl.col("year") == 2001)).row(0)
    assert row[2:4] == (None, "x")


def test_region_enum_sorts_like_text_and_prepare_checks_uniqueness() -> None:
    a = frame({("b", 2020): 1.0, ("a", 2020): 2.0, ("a", 2019): 3.0})
    regions = region_enum([a], extra=["c"])
    assert regions.categories.to_list() == ["a", "b", "c"]
    prepared = prepare("a", a, True, regions)
    assert prepared.columns == ["region_code", "year", "v", "r", "b", "d"]
    doubled = pl.concat([a, a])
    with pytest.raises(BadRequest, match="mehrere Werte"):
        prepare("a", doubled, True, regions)
    assert prepare("a", doubled, True, regions, unique=True).height == 6  # caller's promise
