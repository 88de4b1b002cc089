"""Group values (ratio of sums) and distributions."""

from __future__ import annotations

import polars as pl
import pytest

from bildungsmonitor.compute.aggregate import distribution, group_value, group_values, summarize
from bildungsmonitor.errors import BadRequest

PARTS_SCHEMA = {
    "region_code": pl.String,
    "year": pl.Int64,
    "value": pl.Float64,
    "symbol": pl.String,
    "bracketed": pl.Boolean,
    "numerator": pl.Float64,
    "numerator_symbol": pl.String,
    "denominator": pl.Float64,
    "denominator_symbol": pl.String,
}

Part = float | str | None


def parts(
    *rows: tuple[str, int, Part, Part], bracketed: frozenset[str] = frozenset()
) -> pl.DataFrame:
    """rows: (region, year, numerator, denominator); a str is a symbol."""
    records = []
    for region, year, num, den in rows:
        records.append(
            {
                "region_code": region,
                "year": year,
                "value": None,
                "symbol": None,
                "bracketed": region in bracketed,
                "numerator": num if isinstance(num, float) else None,
                "numerator_symbol": num if isinstance(num, str) else None,
                "denominator": den if isinstance(den, float) else None,
                "denominator_symbol": den if isinstance(den, str) else None,
            }
        )
    return pl.DataFrame(records, schema=PARTS_SCHEMA)


def test_ratio_of_sums_not_mean_of_ratios() -> None:
    # A: 1 / 10 = 10 % ; B: 90 / 100 = 90 %
    # mean of ratios = (10 + 90) / 2 = 50 %
    # ratio of sums  = 100 * (1 + 90) / (10 + 100) = 100 * 91 / 110 = 82.7272...
    frame = parts(("A", 2020, 1.0, 10.0), ("B", 2020, 90.0, 100.0))
    result = group_value(frame, ["A", "B"], 100.0)
    value = result.row(0, named=True)["value"]
    mean_of_ratios = (100 * 1 / 10 + 100 * 90 / 100) / 2
    assert mean_of_ratios == pytest.approx(50.0)
    assert value != pytest.approx(mean_of_ratios)
    assert value == pytest.approx(100 * 91 / 110)
    row = result.row(0, named=True)
    assert (row["numerator"], row["denominator"], row["n_members"]) == (91.0, 110.0, 2)
    assert row["missing_members"] == []


def test_non_members_are_ignored_and_dash_counts_as_zero() -> None:
    # members A (2/20) and C ("-"/"-") ; 100 * (2 + 0) / (20 + 0) = 10
    frame = parts(("A", 2020, 2.0, 20.0), ("B", 2020, 50.0, 50.0), ("C", 2020, "-", "-"))
    row = group_value(frame, ["A", "C"], 100.0).row(0, named=True)
    assert (row["value"], row["symbol"]) == (10.0, None)


def test_missing_members_make_value_null() -> None:
    frame = parts(
        ("A", 2020, 1.0, 10.0),
        ("B", 2020, None, 10.0),  # numerator without data
        ("A", 2021, 2.0, 10.0),
        ("B", 2021, 3.0, 10.0),
    )
    result = group_value(frame, ["A", "B", "Z"], 100.0)  # Z has no rows at all
    rows = {row["year"]: row for row in result.iter_rows(named=True)}
    assert rows[2020]["value"] is None and rows[2020]["symbol"] is None
    assert rows[2020]["missing_members"] == ["B", "Z"]
    assert rows[2021]["missing_members"] == ["Z"]
    assert rows[2021]["numerator"] is None


def test_member_symbol_becomes_group_symbol_by_priority() -> None:
    frame = parts(
        ("A", 2020, ".", 10.0),
        ("B", 2020, 1.0, "x"),
        ("A", 2021, "/", 10.0),
        ("B", 2021, "...", 10.0),
    )
    result = group_value(frame, ["A", "B"], 100.0)
    assert result.select("year", "value", "symbol").rows() == [(2020, None, "x"), (2021, None, "/")]
    assert result.get_column("missing_members").to_list() == [["A", "B"], ["A", "B"]]


def test_member_ratio_x_still_contributes_its_parts() -> None:
    # B has 0 / 0 (its own ratio is "x"); group: 100 * (5 + 0) / (50 + 0) = 10
    frame = parts(("A", 2020, 5.0, 50.0), ("B", 2020, 0.0, 0.0))
    assert group_value(frame, ["A", "B"], 100.0).row(0, named=True)["value"] == 10.0


def test_denominator_sum_zero_is_x() -> None:
    frame = parts(("A", 2020, "-", "-"), ("B", 2020, 0.0, 0.0))
    assert group_value(frame, ["A", "B"], 100.0).row(0, named=True)["symbol"] == "x"


def test_count_indicator_sums_numerators() -> None:
    frame = parts(("A", 2020, 3.0, None), ("B", 2020, 4.0, None)).drop(
        "denominator", "denominator_symbol"
    )
    row = group_value(frame, ["A", "B"], 1.0).row(0, named=True)
    # 3 + 4 = 7
    assert (row["value"], row["numerator"], row["denominator"]) == (7.0, 7.0, None)
    dashes = parts(("A", 2020, "-", None), ("B", 2020, "-", None)).drop(
        "denominator", "denominator_symbol"
    )
    assert group_value(dashes, ["A", "B"], 1.0).row(0, named=True)["symbol"] == "-"


def test_group_parts_carry_symbols_of_their_members() -> None:
    frame = parts(
        ("A", 2020, "-", 10.0),
        ("B", 2020, "-", 20.0),
        ("A", 2021, "-", 10.0),
        ("B", 2021, 3.0, 20.0),
        ("A", 2022, ".", 10.0),
        ("B", 2022, "-", "-"),
    )
    result = group_value(frame, ["A", "B"], 100.0)
    columns = ["numerator", "numerator_symbol", "denominator", "denominator_symbol"]
    assert result.select("year", *columns).rows() == [
        (2020, None, "-", 30.0, None),  # every numerator "-": the sum is "-", not 0
        (2021, 3.0, None, 30.0, None),  # 0 + 3
        (2022, None, ".", None, None),  # "." wins; A is missing, so no denominator sum
    ]
    assert result.get_column("missing_members").to_list()[2] == ["A"]
    count = group_value(frame.drop("denominator", "denominator_symbol"), ["A", "B"], 1.0)
    assert count.get_column("denominator_symbol").to_list() == [None, None, None]


def test_bracketed_member_brackets_group() -> None:
    frame = parts(("A", 2020, 1.0, 2.0), ("B", 2020, 1.0, 2.0), bracketed=frozenset({"B"}))
    assert group_value(frame, ["A", "B"], 1.0).row(0, named=True)["bracketed"] is True


def test_empty_group_raises() -> None:
    with pytest.raises(BadRequest, match="Mitglied"):
        group_value(parts(("A", 2020, 1.0, 2.0)), [], 1.0)


# --- distribution -------------------------------------------------------------------


def values(rows: list[tuple[str, int, float | str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "region_code": region,
                "year": year,
                "value": cell if isinstance(cell, float) else None,
                "symbol": cell if isinstance(cell, str) else None,
            }
            for region, year, cell in rows
        ],
        schema={
            "region_code": pl.String,
            "year": pl.Int64,
            "value": pl.Float64,
            "symbol": pl.String,
        },
    )


def test_distribution_quartiles_ranks_and_symbols() -> None:
    frame = values(
        [
            ("k1", 2020, 10.0),
            ("k2", 2020, 20.0),
            ("k3", 2020, 20.0),
            ("k4", 2020, 40.0),
            ("k5", 2020, "."),
            ("k6", 2020, None),
            ("s1", 2020, 5.0),
            ("zz", 2020, 1.0),  # no type: left out
        ]
    )
    types = {f"k{i}": "Landkreis" for i in range(1, 7)} | {"s1": "Kreisfreie Stadt"}
    dist = distribution(frame, types)
    assert "zz" not in dist.get_column("region_code").to_list()
    ranks = dict(dist.select("region_code", "rank").iter_rows())
    # highest first, ties share the lowest rank: 40 -> 1, 20 -> 2, 20 -> 2, 10 -> 4
    assert ranks == {"k1": 4, "k2": 2, "k3": 2, "k4": 1, "k5": None, "k6": None, "s1": 1}
    table = {row["region_type"]: row for row in summarize(dist).iter_rows(named=True)}
    kreise = table["Landkreis"]
    # sorted 10, 20, 20, 40; linear: position p * (n - 1)
    # q1: 0.25 * 3 = 0.75 -> 10 + 0.75 * (20 - 10) = 17.5
    # median: 1.5 -> 20 ; q3: 2.25 -> 20 + 0.25 * (40 - 20) = 25
    assert (kreise["n"], kreise["n_symbols"], kreise["n_missing"]) == (4, 1, 1)
    assert (kreise["min"], kreise["q1"], kreise["median"], kreise["q3"], kreise["max"]) == (
        10.0,
        17.5,
        20.0,
        25.0,
        40.0,
    )
    assert table["Kreisfreie Stadt"]["median"] == 5.0
    assert summarize(dist).height == 2


def test_distribution_per_year() -> None:
    frame = values([("a", 2020, 1.0), ("b", 2020, 3.0), ("a", 2021, 9.0), ("b", 2021, 7.0)])
    dist = distribution(frame, {"a": "T", "b": "T"})
    ranks = {(r, y): rank for r, y, rank in dist.select("region_code", "year", "rank").rows()}
    assert ranks == {("a", 2020): 2, ("b", 2020): 1, ("a", 2021): 1, ("b", 2021): 2}
    medians = dict(summarize(dist).select("year", "median").rows())
    assert medians == {2020: 2.0, 2021: 8.0}


def test_group_values_equal_group_value_per_group_in_given_order() -> None:
    frame = parts(
        ("A", 2020, 10.0, 100.0),
        ("B", 2020, 30.0, 100.0),
        ("C", 2020, ".", 50.0),
        ("A", 2021, 1.0, 10.0),
        ("C", 2021, 2.0, 10.0),
    )
    groups = {"z": ["A", "B"], "a": ["B", "C", "D"], "m": ["A", "A"]}
    multi = group_values(frame, groups, 100.0)
    assert multi.get_column("group").to_list() == ["z", "z", "a", "a", "m", "m"]
    for slug, members in groups.items():
        single = group_value(frame, members, 100.0)
        assert multi.filter(pl.col("group") == slug).drop("group").equals(single)
    assert group_values(frame, {}, 1.0).columns == multi.columns


def test_group_values_by_a_key_equal_group_values_per_key() -> None:
    first = parts(("A", 2020, 10.0, 100.0), ("B", 2020, "-", 100.0), ("C", 2021, 1.0, 2.0))
    second = parts(("A", 2019, 1.0, 10.0), ("B", 2019, ".", 50.0), ("B", 2020, 2.0, 0.0))
    groups = {"z": ["A", "B"], "a": ["B", "C"]}
    keyed = pl.concat([first.with_columns(key=pl.lit("k2")), second.with_columns(key=pl.lit("k1"))])
    result = group_values(keyed, groups, 100.0, by="key")
    assert result.get_column("key").to_list() == ["k1"] * 4 + ["k2"] * 4
    for key, frame in (("k2", first), ("k1", second)):
        alone = group_values(frame, groups, 100.0)
        assert result.filter(pl.col("key") == key).drop("key").equals(alone)


def test_group_values_on_enum_keys_with_members_outside_the_enum() -> None:
    frame = parts(("A", 2020, 1.0, 4.0), ("B", 2020, 3.0, 4.0))
    keyed = frame.with_columns(pl.col("region_code").cast(pl.Enum(["A", "B"])))
    result = group_values(keyed, {"g": ["A", "B"], "h": ["A", "X"]}, 100.0)
    assert result.select("value", "missing_members").rows() == [(50.0, []), (None, ["X"])]


def test_distribution_rows_sorted_by_year_type_region() -> None:
    frame = values([("b", 2021, 1.0), ("a", 2021, 2.0), ("c", 2020, 3.0), ("a", 2020, "x")])
    dist = distribution(frame, {"a": "T2", "b": "T1", "c": "T1"})
    assert dist.select("year", "region_type", "region_code").rows() == [
        (2020, "T1", "c"),
        (2020, "T2", "a"),
        (2021, "T1", "b"),
        (2021, "T2", "a"),
    ]
    assert dist.get_column("rank").to_list() == [1, None, 1, 1]
