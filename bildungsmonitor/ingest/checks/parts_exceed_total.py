"""Parts exceed their total: Σ parts > total for a region and year (catalogue rules).

Each ``checks:`` rule of the catalogue names a total alias and part aliases; the
aliases are bound to series exactly as for computing indicators. ``-`` counts as 0,
other symbols and missing parts are left out of the sum (counts are never negative,
so the remaining parts still must not exceed the total). Where a footnote announces
a rounding procedure for the region's Land (e.g. 3er-Rundung) the parts may exceed
the total by ``(base − 1) × (parts + 1)``, as for ``kreise_vs_land``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from bildungsmonitor.catalogue.model import CheckRule
from bildungsmonitor.compute.binding import Binding, select
from bildungsmonitor.ingest.checks._check import (
    Check,
    CheckContext,
    PlausibilityFinding,
    numeric_value,
    plain,
)
from bildungsmonitor.ingest.checks._rounding import announced_rounding, with_tolerance

KEYS = ["region_code", "year"]
EPSILON = 1e-6


@dataclass(frozen=True)
class PartsExceedTotal(PlausibilityFinding):
    code: ClassVar[str] = "parts-exceed-total"
    title: ClassVar[str] = "Teile größer als Summe"
    template: ClassVar[str] = (
        "Regel {rule}: {region_code} {year}: die Teile ({parts}) ergeben zusammen "
        "{parts_sum}, mehr als die Summe {total} = {total_value} (Überschuss {excess})."
    )


def _alias_frame(context: CheckContext, alias: str, observations: pl.DataFrame) -> pl.DataFrame:
    binding = Binding.from_mapping(alias, context.catalogue.binding(alias).model_dump())
    return select(binding, context.series(), observations).select(
        *KEYS, numeric_value().alias("value"), "import_id"
    )


def violations(context: CheckContext, rule: CheckRule) -> pl.DataFrame:
    """``region_code, year, total, parts_sum`` where the parts exceed the total."""
    observations = context.observations()
    total = _alias_frame(context, rule.total, observations).rename({"value": "total"})
    parts = pl.concat(
        [_alias_frame(context, alias, observations).drop("import_id") for alias in rule.parts],
        how="vertical",
    )
    sums = (
        parts.filter(pl.col("value").is_not_null())
        .group_by(KEYS)
        .agg(pl.col("value").sum().alias("parts_sum"))
    )
    compared = (
        total.filter(pl.col("total").is_not_null())
        .join(sums, on=KEYS, how="inner")
        .with_columns(
            pl.col("region_code").str.slice(0, 2).alias("land"),
            pl.lit(len(rule.parts) + 1).alias("values"),
        )
    )
    compared = with_tolerance(compared, announced_rounding(context), KEYS)
    excess = pl.col("parts_sum") - pl.col("total")
    return compared.filter(excess > pl.col("tolerance") + EPSILON).sort(KEYS)


def run(context: CheckContext) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for rule in context.catalogue.checks:
        if rule.kind != "parts_exceed_total":
            continue
        for row in violations(context, rule).iter_rows(named=True):
            params = {
                "rule": rule.id,
                "region_code": row["region_code"],
                "year": row["year"],
                "total": rule.total,
                "parts": ", ".join(rule.parts),
                "total_value": plain(row["total"]),
                "parts_sum": plain(row["parts_sum"]),
                "excess": plain(row["parts_sum"] - row["total"]),
            }
            findings.append(
                PartsExceedTotal(
                    params=params,
                    region_code=row["region_code"],
                    year=row["year"],
                    rule=rule.id,
                )
            )
    return findings


CHECK = Check(
    name="parts_exceed_total",
    description="Teile einer Summe (Katalogregeln) sind zusammen größer als die Summe.",
    finding_types=(PartsExceedTotal,),
    run=run,
)
