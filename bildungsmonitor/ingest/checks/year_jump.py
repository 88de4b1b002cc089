"""Implausible jumps: an indicator value changes by more than ``max_change_pct``.

Compares each stored region value (groups are left out) with the value of the
previous year that has one; the change is relative to the previous value in
percent. A previous value of 0 has no relative change and is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import polars as pl

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.ingest.checks._check import (
    Check,
    CheckContext,
    PlausibilityFinding,
    indicator_value_findings,
    plain,
    with_indicator_setting,
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


def _limit(indicator: Indicator) -> tuple[float] | None:
    return None if indicator.max_change_pct is None else (indicator.max_change_pct,)


def jumps(context: CheckContext) -> pl.DataFrame:
    """Values whose change from the previous available year exceeds the limit."""
    series = ["indicator_code", "region_code"]
    values = with_indicator_setting(context, {"max_change_pct": pl.Float64()}, _limit)
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


def _params(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "previous_year": row["previous_year"],
        "previous_value": plain(row["previous_value"]),
        "change_pct": round(row["change_pct"], 2),
        "max_change_pct": plain(row["max_change_pct"]),
    }


def run(context: CheckContext) -> list[PlausibilityFinding]:
    return indicator_value_findings(jumps(context), YearJump, _params)


CHECK = Check(
    name=NAME,
    description="Eine Kennzahl ändert sich gegenüber dem Vorjahr stärker als erlaubt.",
    finding_types=(YearJump,),
    run=run,
)
