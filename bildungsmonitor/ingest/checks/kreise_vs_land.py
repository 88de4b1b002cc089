"""The Kreise of a Land add up to the Land's own value.

For every additive series (unit "Anzahl", or no unit and only whole numbers),
category and year the sum over the current Kreise of a Land (first two digits of
the Kreis code) is compared with the Land's row. Only years in which every current
Kreis and the Land have a number (``-`` = 0) are compared. Without a rounding
footnote the two must match exactly; a footnote of the Land's import announcing a
rounding procedure allows ``(base − 1) × (Kreise + 1)`` (see ``_rounding``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from bildungsmonitor.ingest.checks._check import (
    DASH,
    Check,
    CheckContext,
    PlausibilityFinding,
    numeric_value,
    plain,
)
from bildungsmonitor.ingest.checks._rounding import announced_rounding, with_tolerance

NAME = "kreise_vs_land"
ADDITIVE_UNITS = ("Anzahl",)
KEYS = ["series_id", "category", "year", "land"]
EPSILON = 1e-6


@dataclass(frozen=True)
class KreiseDifferFromLand(PlausibilityFinding):
    code: ClassVar[str] = "kreise-differ-from-land"
    title: ClassVar[str] = "Kreise ergeben nicht den Landeswert"
    template: ClassVar[str] = (
        "{land_name} {year}, {table} {series}{category}: die {kreise} Kreise ergeben "
        "zusammen {kreise_sum}, das Land weist {land_value} aus (Abweichung {difference}, "
        "zulässig {tolerance})."
    )


def _additive_series(context: CheckContext, observations: pl.DataFrame) -> pl.DataFrame:
    """``series_id, table_code, path`` of series whose values may be summed."""
    whole = observations.group_by("series_id").agg(
        (pl.col("value").drop_nulls() % 1 == 0).all().alias("whole")
    )
    return (
        context.series()
        .join(whole, on="series_id", how="inner")
        .filter(pl.col("unit").is_in(ADDITIVE_UNITS) | (pl.col("unit").is_null() & pl.col("whole")))
        .select("series_id", "table_code", "path")
    )


def _kreise(context: CheckContext) -> pl.DataFrame:
    """``region_code, land, current`` of all Kreise (5-digit codes), with ``kreise``:
    the number of current Kreise of the Land."""
    return (
        context.regions()
        .filter((pl.col("level") == "kreis") & (pl.col("code").str.len_chars() == 5))
        .select(
            pl.col("code").alias("region_code"),
            pl.col("code").str.slice(0, 2).alias("land"),
            (~pl.col("historic")).alias("current"),
        )
        .with_columns(pl.col("current").sum().over("land").alias("kreise"))
    )


def _numbers(observations: pl.DataFrame) -> pl.DataFrame:
    """Adds ``number`` (value, ``-`` as 0) and ``existing`` (the same, but a ``-``
    before the region's first value is null: a Kreis created by a later reform)."""
    cell = ["series_id", "category", "region_code"]
    first = pl.col("year").filter(pl.col("value").is_not_null()).min().over(cell)
    leading_dash = (pl.col("symbol") == DASH) & (first.is_null() | (pl.col("year") < first))
    return observations.with_columns(
        pl.col("category").fill_null(""), numeric_value().alias("number")
    ).with_columns(pl.when(leading_dash).then(None).otherwise(pl.col("number")).alias("existing"))


def _kreis_sums(observations: pl.DataFrame, kreise: pl.DataFrame) -> pl.DataFrame:
    current = pl.col("current")
    return (
        observations.join(kreise, on="region_code", how="inner")
        .group_by(KEYS)
        .agg(
            pl.col("existing").filter(current).sum().alias("kreise_sum"),
            pl.col("existing").filter(current).is_not_null().sum().alias("numbers"),
            pl.col("number").sum().alias("all_sum"),
            pl.col("number").is_null().any().alias("gaps"),
            pl.col("kreise").first(),
        )
        .filter(pl.col("numbers") == pl.col("kreise"))
        .with_columns(pl.when(pl.col("gaps")).then(None).otherwise(pl.col("all_sum")))
    )


def comparisons(context: CheckContext) -> pl.DataFrame:
    """One row per series, category, year and Land whose current Kreise all have numbers.

    ``kreise_sum`` adds the current Kreise; ``all_sum`` adds every Kreis that has a
    number that year, dissolved ones included (null if one holds another symbol).
    """
    lands = context.regions().filter(pl.col("level") == "land").select("code", "name")
    observations = _numbers(context.observations())
    additive = _additive_series(context, observations)
    observations = observations.join(additive.select("series_id"), on="series_id", how="semi")
    land_rows = observations.filter(
        pl.col("region_code").is_in(lands.get_column("code").implode())
        & pl.col("number").is_not_null()
    ).select(
        "series_id",
        "category",
        "year",
        pl.col("region_code").alias("land"),
        pl.col("number").alias("land_value"),
        "import_id",
    )
    return (
        _kreis_sums(observations, _kreise(context))
        .join(land_rows, on=KEYS, how="inner")
        .join(lands.rename({"code": "land", "name": "land_name"}), on="land", how="left")
        .join(additive, on="series_id", how="left")
    )


def mismatches(context: CheckContext) -> pl.DataFrame:
    """Comparisons where neither the current nor all Kreise give the Land's value."""
    compared = comparisons(context).with_columns((pl.col("kreise") + 1).alias("values"))
    compared = with_tolerance(compared, announced_rounding(context), KEYS)
    limit = pl.col("tolerance") + EPSILON
    difference = pl.col("kreise_sum") - pl.col("land_value")
    territory_ok = (pl.col("all_sum") - pl.col("land_value")).abs() <= limit
    return (
        compared.with_columns(difference.alias("difference"))
        .filter((pl.col("difference").abs() > limit) & ~territory_ok.fill_null(False))
        .sort(["land", "series_id", "category", "year"])
    )


def run(context: CheckContext) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for row in mismatches(context).iter_rows(named=True):
        params = {
            "land": row["land"],
            "land_name": row["land_name"],
            "year": row["year"],
            "table": row["table_code"],
            "series": " / ".join(row["path"]),
            "category": f" ({row['category']})" if row["category"] else "",
            "kreise": row["kreise"],
            "kreise_sum": plain(row["kreise_sum"]),
            "land_value": plain(row["land_value"]),
            "difference": plain(row["difference"]),
            "tolerance": plain(row["tolerance"]),
            "series_id": row["series_id"],
        }
        land, year = row["land"], row["year"]
        findings.append(KreiseDifferFromLand(params=params, region_code=land, year=year, rule=NAME))
    return findings


CHECK = Check(
    name=NAME,
    description="Die Summe der Kreise eines Landes weicht vom Landeswert ab.",
    finding_types=(KreiseDifferFromLand,),
    run=run,
)
