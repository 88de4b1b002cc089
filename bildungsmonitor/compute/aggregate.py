"""Group values (ratio of sums) and reference distributions.

A group (e.g. all Landkreise of a Land, or a comparison ring) gets
``factor × Σ numerator / Σ denominator`` over its members, never the mean of
the members' ratios. Distributions give quartiles and ranks per region type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from bildungsmonitor.compute._symbols import DASH, RANK_DTYPE, RANK_LOCKED, rank_of, symbol_of
from bildungsmonitor.errors import BadRequest

KEYS = ["region_code", "year"]
QUARTILES = {"q1": 0.25, "median": 0.5, "q3": 0.75}
GROUP_SCHEMA: dict[str, pl.DataType] = {
    "group": pl.String(),
    "year": pl.Int64(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "bracketed": pl.Boolean(),
    "numerator": pl.Float64(),
    "numerator_symbol": pl.String(),
    "denominator": pl.Float64(),
    "denominator_symbol": pl.String(),
    "n_members": pl.Int64(),
    "missing_members": pl.List(pl.String()),
}


def _part(name: str) -> tuple[pl.Expr, pl.Expr]:
    """(numeric value with ``-`` as 0, symbol rank without ``-``) of one part."""
    symbol = pl.col(f"{name}_symbol")
    is_dash = (symbol == DASH).fill_null(False)
    value = pl.when(is_dash).then(pl.lit(0.0)).otherwise(pl.col(name))
    rank = pl.when(is_dash).then(pl.lit(None, RANK_DTYPE)).otherwise(rank_of(symbol))
    return value, rank


def _members_frame(groups: Mapping[str, Sequence[str]]) -> pl.DataFrame:
    """``group`` (Enum in the order of ``groups``), ``region_code``: one row per member."""
    empty = [slug for slug, members in groups.items() if not members]
    if empty:
        raise BadRequest("Eine Gruppe braucht mindestens ein Mitglied")
    slugs = [slug for slug, members in groups.items() for _ in members]
    codes = [code for members in groups.values() for code in members]
    return pl.DataFrame(
        {"group": slugs, "region_code": codes},
        schema={"group": pl.Enum(list(groups)), "region_code": pl.String},
    ).unique(maintain_order=True)


def _aligned(parts: pl.DataFrame, members: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both with the same region key: the one of ``parts`` if every member fits into it."""
    key = parts.schema["region_code"]
    if key == pl.String:
        return parts, members
    codes = members.get_column("region_code").cast(key, strict=False)
    if not codes.null_count():
        return parts, members.with_columns(codes)
    return parts.with_columns(pl.col("region_code").cast(pl.String)), members


def _member_rows(
    parts: pl.DataFrame, members: pl.DataFrame, ratio: bool, by: list[str]
) -> pl.DataFrame:
    """One row per group, member and year (also for members without a row in ``parts``)."""
    years = parts.select(*by, pl.col("year").cast(pl.Int64)).unique()
    grid = members.join(years, how="cross")
    rows = parts.filter(
        pl.col("region_code").is_in(members.get_column("region_code").unique().implode())
    ).with_columns(pl.col("year").cast(pl.Int64))
    full = grid.join(rows, on=[*by, *KEYS], how="left")
    num, num_rank = _part("numerator")
    den, den_rank = _part("denominator") if ratio else (pl.lit(1.0), pl.lit(None, RANK_DTYPE))
    den_dash = pl.col("denominator_symbol") == DASH if ratio else pl.lit(False)
    return full.select(
        *by,
        "group",
        *KEYS,
        num.alias("num"),
        den.alias("den"),
        num_rank.alias("num_rank"),
        den_rank.alias("den_rank"),
        (pl.col("numerator_symbol") == DASH).fill_null(False).alias("num_dash"),
        den_dash.fill_null(False).alias("den_dash"),
        pl.col("bracketed").fill_null(False).alias("bracketed"),
    )


def _part_symbol(rank: str, all_dash: str) -> pl.Expr:
    """Symbol of a group's sum: the highest symbol of a member's part, else ``-`` if the
    part is ``-`` for every member."""
    return (
        pl.when(pl.col(rank).is_not_null())
        .then(symbol_of(pl.col(rank)))
        .when(pl.col(all_dash))
        .then(pl.lit(DASH))
        .otherwise(pl.lit(None, pl.String))
    )


def _group_result(factor: float, ratio: bool) -> list[pl.Expr]:
    complete = pl.col("missing_members").list.len() == 0
    num_symbol = _part_symbol("num_rank", "all_dash")
    den_symbol = _part_symbol("den_rank", "all_den_dash")
    rank = (
        pl.when(pl.col("rank").is_null() & complete & ratio & (pl.col("den_sum") == 0))
        .then(pl.lit(RANK_LOCKED, RANK_DTYPE))
        .otherwise(pl.col("rank"))
    )
    symbol = (
        pl.when(rank.is_null() & complete & pl.col("all_dash") & (pl.col("num_sum") == 0))
        .then(pl.lit(DASH))
        .otherwise(symbol_of(rank))
    )
    usable = symbol.is_null() & complete
    ratio_value = pl.col("num_sum") / pl.col("den_sum") if ratio else pl.col("num_sum")
    return [
        pl.col("year"),
        pl.when(usable).then(factor * ratio_value + 0.0).alias("value"),
        symbol.alias("symbol"),
        pl.when(symbol.is_null() & ~complete)
        .then(pl.lit(False))
        .otherwise(pl.col("bracketed"))
        .alias("bracketed"),
        pl.when(complete & num_symbol.is_null()).then(pl.col("num_sum")).alias("numerator"),
        num_symbol.alias("numerator_symbol"),
        pl.when(complete & ratio & den_symbol.is_null())
        .then(pl.col("den_sum"))
        .alias("denominator"),
        den_symbol.alias("denominator_symbol"),
        pl.col("n_members"),
        pl.col("missing_members"),
    ]


def group_value(parts: pl.DataFrame, members: Sequence[str], factor: float) -> pl.DataFrame:
    """Value of a group of regions per year: ``factor × Σnumerator / Σdenominator``.

    ``parts`` is the frame of ``evaluate_parts``; it is a ratio indicator when it
    has a ``denominator`` column, otherwise a count (value ``factor × Σnumerator``).
    A year is computed only when every member has a numeric numerator (and
    denominator); ``-`` counts as 0. Otherwise value is null and
    ``missing_members`` names the members lacking one; a member's ``.``, ``x``,
    ``/`` or ``...`` becomes the group's symbol (priority ``x`` > ``.`` > ``/`` >
    ``...``). A denominator sum of 0 gives ``x``; a count made only of ``-``
    gives ``-``. Years are those present in ``parts``.

    Numerator and denominator are the sums with their own symbols
    (``numerator_symbol``, ``denominator_symbol``): the highest symbol of a member's
    part, or ``-`` when the part is ``-`` for every member; a sum with a symbol has
    no number.

    Returns ``year, value, symbol, bracketed, numerator, numerator_symbol,
    denominator, denominator_symbol, n_members, missing_members``.
    """
    return group_values(parts, {"": members}, factor).drop("group")


def group_values(
    parts: pl.DataFrame,
    groups: Mapping[str, Sequence[str]],
    factor: float,
    *,
    by: str | None = None,
) -> pl.DataFrame:
    """``group_value`` of several groups in one pass: a first column ``group`` (the
    key of ``groups``), rows by group (in the order of ``groups``) and year.

    ``by`` names a further key column of ``parts`` (e.g. the indicator): then every
    key is computed on its own rows and years, as if on its own, in one pass; the
    result starts with that column and is sorted by it first."""
    keys = [by] if by is not None else []
    if not groups:
        schema = {by: parts.schema[by]} if by is not None else {}
        return pl.DataFrame(schema={**schema, **GROUP_SCHEMA})
    keyed, members = _aligned(parts, _members_frame(groups))
    ratio = "denominator" in parts.columns
    rows = _member_rows(keyed, members, ratio, keys)
    ok = pl.col("num").is_not_null() & pl.col("den").is_not_null()
    grouped = rows.group_by(*keys, "group", "year").agg(
        pl.col("num").sum().alias("num_sum"),
        pl.col("den").sum().alias("den_sum"),
        pl.max_horizontal("num_rank", "den_rank").max().cast(RANK_DTYPE).alias("rank"),
        pl.col("num_rank").max().alias("num_rank"),
        pl.col("den_rank").max().alias("den_rank"),
        pl.col("num_dash").all().alias("all_dash"),
        pl.col("den_dash").all().alias("all_den_dash"),
        pl.col("bracketed").any().alias("bracketed"),
        pl.len().cast(pl.Int64).alias("n_members"),
        pl.col("region_code").filter(~ok).cast(pl.String).sort().alias("missing_members"),
    )
    result = grouped.select(*keys, "group", *_group_result(factor, ratio))
    result = result.sort(*keys, "group", "year")
    return result.with_columns(pl.col("group").cast(pl.String))


def distribution(values: pl.DataFrame, region_types: Mapping[str, str]) -> pl.DataFrame:
    """Reference distribution per (year, region_type) and each region's rank in it.

    ``values`` has ``region_code, year, value, symbol`` (e.g. from ``evaluate``);
    regions without a type in ``region_types`` are left out. Statistics cover
    numeric values only: ``n, min, q1, median, q3, max`` with quantiles by
    linear interpolation between order statistics (as numpy's default, R type
    7); ``n_symbols`` counts regions with a symbol, ``n_missing`` those without
    data. ``rank`` is 1 for the highest value, ties share the lowest rank
    (1, 2, 2, 4); regions without a numeric value have no rank.

    Returns one row per region and year: ``region_code, year, region_type,
    value, symbol, rank`` and the statistics of its group.
    """
    codes = sorted(region_types)
    type_order = {name: index for index, name in enumerate(sorted(set(region_types.values())))}
    # integer sort keys in text order: sorting text columns is many times slower
    types = pl.DataFrame(
        {
            "region_code": codes,
            "region_type": [region_types[code] for code in codes],
            "_code_order": range(len(codes)),
            "_type_order": [type_order[region_types[code]] for code in codes],
        },
        schema={
            "region_code": pl.String,
            "region_type": pl.String,
            "_code_order": pl.UInt32,
            "_type_order": pl.UInt32,
        },
    )
    group = ["year", "region_type"]
    numeric = pl.col("symbol").is_null() & pl.col("value").is_not_null()
    frame = (
        values.select([*KEYS, "value", "symbol"])
        .join(types, on="region_code", how="inner")
        .with_columns(pl.when(numeric).then(pl.col("value")).alias("value"))
    )
    value = pl.col("value")
    stats = frame.group_by(group).agg(
        value.count().cast(pl.Int64).alias("n"),
        pl.col("symbol").is_not_null().sum().cast(pl.Int64).alias("n_symbols"),
        (value.is_null() & pl.col("symbol").is_null()).sum().cast(pl.Int64).alias("n_missing"),
        value.min().alias("min"),
        *(value.quantile(q, interpolation="linear").alias(name) for name, q in QUARTILES.items()),
        value.max().alias("max"),
    )
    ranked = _sorted(frame, len(type_order), len(codes)).select(
        *KEYS,
        "region_type",
        "value",
        "symbol",
        value.rank("min", descending=True).over(group).cast(pl.Int64).alias("rank"),
    )
    return ranked.join(stats, on=group, how="left", maintain_order="left")


def _sorted(frame: pl.DataFrame, n_types: int, n_codes: int) -> pl.DataFrame:
    """``frame`` by year, ``_type_order``, ``_code_order``: one integer key when it fits."""
    years = frame.select(pl.col("year").min().alias("low"), pl.col("year").max().alias("high"))
    low, high = years.row(0)
    if low is None or (high - low + 1) * max(n_types, 1) * max(n_codes, 1) >= 2**63:
        return frame.sort("year", "_type_order", "_code_order")
    key = (
        (pl.col("year") - low).cast(pl.UInt64) * n_types + pl.col("_type_order")
    ) * n_codes + pl.col("_code_order")
    return frame.sort(key)


def summarize(dist: pl.DataFrame) -> pl.DataFrame:
    """One row per (year, region_type) from a ``distribution`` frame."""
    columns = ["year", "region_type", "n", "n_symbols", "n_missing", "min", "q1", "median"]
    return dist.select([*columns, "q3", "max"]).unique(maintain_order=True)
