"""Implausible jumps: an indicator value changes by more than ``max_change_pct``.

Compares each stored region value (groups are left out) with the value of the
previous year that has one; the change is relative to the previous value in
percent. A previous value of 0 has no relative change and is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from bildungsmonitor.ingest.checks._check import (
    Check,
    CheckContext,
    PlausibilityFinding,
    plain,
)

NAME = "year_jump"


@dataclass(frozen=True)
class YearJump(PlausibilityFinding):
    code: ClassVar[str] = "year-jump"
    title: ClassVar[str] = "Sprung gegenüber dem Vorjahr"
    template: ClassVar[str] = (
        "Kennzahl {indicator}, {region_code}: {value} im Jahr {year} gegenüber "
        "{previous_value} im Jahr {previous_year} ({change_pct:+.1f} %, zulässig "
        "±{max_change_pct} %)."
    )


def _limits(context: CheckContext) -> pl.DataFrame:
    rows = [
        (indicator.code, indicator.max_change_pct)
        for indicator in context.catalogue.indicators
        if indicator.max_change_pct is not None
    ]
    return pl.DataFrame(
        rows, schema={"indicator_code": pl.String, "max_change_pct": pl.Float64}, orient="row"
    )


def jumps(context: CheckContext) -> pl.DataFrame:
    """Values whose change from the previous available year exceeds the limit."""
    series = ["indicator_code", "region_code"]
    values = context.indicator_values().join(_limits(context), on="indicator_code", how="inner")
    return (
        values.sort([*series, "year"])
        .with_columns(
            pl.col("year").shift(1).over(series).alias("previous_year"),
            pl.col("value").shift(1).over(series).alias("previous_value"),
        )
        .filter(pl.col("previous_value").is_not_null() & (pl.col("previous_value") != 0))
        .with_columns(((pl.col("value") / pl.col("previous_value") - 1) * 100).alias("change_pct"))
        .filter(pl.col("change_pct").abs() > pl.col("max_change_pct"))
    )


def run(context: CheckContext) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for row in jumps(context).iter_rows(named=True):
        params = {
            "indicator": row["indicator_code"],
            "region_code": row["region_code"],
            "year": row["year"],
            "value": plain(row["value"]),
            "previous_year": row["previous_year"],
            "previous_value": plain(row["previous_value"]),
            "change_pct": round(row["change_pct"], 2),
            "max_change_pct": plain(row["max_change_pct"]),
        }
        findings.append(
            YearJump(
                params=params,
                region_code=row["region_code"],
                year=row["year"],
                rule=row["indicator_code"],
            )
        )
    return findings


CHECK = Check(
    name=NAME,
    description="Eine Kennzahl ändert sich gegenüber dem Vorjahr stärker als erlaubt.",
    finding_types=(YearJump,),
    run=run,
)
