"""Values outside the range an indicator can plausibly take (``valid_range``).

Either bound may be null (open). Only stored region values are checked, not groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import polars as pl

from bildungsmonitor.ingest.checks._check import (
    Check,
    CheckContext,
    PlausibilityFinding,
    indicator_value_findings,
    plain,
    with_indicator_setting,
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


def outside(context: CheckContext) -> pl.DataFrame:
    columns: dict[str, pl.DataType] = {"low": pl.Float64(), "high": pl.Float64()}
    values = with_indicator_setting(context, columns, lambda indicator: indicator.valid_range)
    below = pl.col("low").is_not_null() & (pl.col("value") < pl.col("low"))
    above = pl.col("high").is_not_null() & (pl.col("value") > pl.col("high"))
    return values.filter(below | above).sort(["indicator_code", "region_code", "year"])


def _bound(bound: float | None) -> str:
    return "offen" if bound is None else str(plain(bound))


def _params(row: dict[str, Any]) -> dict[str, Any]:
    return {"low": _bound(row["low"]), "high": _bound(row["high"])}


def run(context: CheckContext) -> list[PlausibilityFinding]:
    return indicator_value_findings(outside(context), ValueOutOfRange, _params)


CHECK = Check(
    name=NAME,
    description="Ein Kennzahlwert liegt außerhalb des gültigen Bereichs der Kennzahl.",
    finding_types=(ValueOutOfRange,),
    run=run,
)
