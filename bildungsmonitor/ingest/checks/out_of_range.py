"""Values outside the range an indicator can plausibly take (``valid_range``).

Either bound may be null (open). Only stored region values are checked, not groups.
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

NAME = "out_of_range"


@dataclass(frozen=True)
class ValueOutOfRange(PlausibilityFinding):
    code: ClassVar[str] = "value-out-of-range"
    title: ClassVar[str] = "Wert außerhalb des gültigen Bereichs"
    template: ClassVar[str] = (
        "Kennzahl {indicator}, {region_code} {year}: {value} liegt außerhalb des "
        "gültigen Bereichs {low} bis {high}."
    )


def _ranges(context: CheckContext) -> pl.DataFrame:
    rows = [
        (indicator.code, *indicator.valid_range)
        for indicator in context.catalogue.indicators
        if indicator.valid_range is not None
    ]
    return pl.DataFrame(
        rows,
        schema={"indicator_code": pl.String, "low": pl.Float64, "high": pl.Float64},
        orient="row",
    )


def outside(context: CheckContext) -> pl.DataFrame:
    values = context.indicator_values().join(_ranges(context), on="indicator_code", how="inner")
    below = pl.col("low").is_not_null() & (pl.col("value") < pl.col("low"))
    above = pl.col("high").is_not_null() & (pl.col("value") > pl.col("high"))
    return values.filter(below | above).sort(["indicator_code", "region_code", "year"])


def _bound(bound: float | None) -> str:
    return "offen" if bound is None else str(plain(bound))


def run(context: CheckContext) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for row in outside(context).iter_rows(named=True):
        params = {
            "indicator": row["indicator_code"],
            "region_code": row["region_code"],
            "year": row["year"],
            "value": plain(row["value"]),
            "low": _bound(row["low"]),
            "high": _bound(row["high"]),
        }
        findings.append(
            ValueOutOfRange(
                params=params,
                region_code=row["region_code"],
                year=row["year"],
                rule=row["indicator_code"],
            )
        )
    return findings


CHECK = Check(
    name=NAME,
    description="Ein Kennzahlwert liegt außerhalb des gültigen Bereichs der Kennzahl.",
    finding_types=(ValueOutOfRange,),
    run=run,
)
