"""Gaps in a time series: a year inside a region's range has no observation at all.

A series is a table column (table + path, labels compared after ``normalize_label``
so that the wording of different export vintages agrees) with one category. For a region that
has observations in years y1 < … < yn, a year strictly between y1 and yn is
missing when the region has no observation (not even a symbol) for it while other
regions of the same series have one. One finding per series and region lists the
missing years; past ``LIMIT`` regions per series a summary finding gives the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, cast

import polars as pl

from bildungsmonitor.compute.binding import normalize_label
from bildungsmonitor.ingest.checks._check import Check, CheckContext, PlausibilityFinding

NAME = "missing_years"
LIMIT = 20
SERIES = ["series", "category"]
CELL = [*SERIES, "region_code"]


@dataclass(frozen=True)
class MissingYears(PlausibilityFinding):
    code: ClassVar[str] = "missing-years"
    title: ClassVar[str] = "Lücke in der Zeitreihe"
    template: ClassVar[str] = (
        "{table} {series}{category}, {region_code}: keine Angabe für {years}, "
        "obwohl andere Gebiete diese Jahre haben und davor und danach Werte vorliegen."
    )
    severity: ClassVar[str] = "hinweis"


@dataclass(frozen=True)
class MissingYearsSummary(PlausibilityFinding):
    code: ClassVar[str] = "missing-years-summary"
    title: ClassVar[str] = "Viele Lücken in einer Zeitreihe"
    template: ClassVar[str] = (
        "{table} {series}{category}: Lücken bei insgesamt {regions} Gebieten, "
        "davon {shown} einzeln gemeldet."
    )
    severity: ClassVar[str] = "hinweis"


def gaps(context: CheckContext) -> pl.DataFrame:
    """``series, category, region_code, years`` (sorted list of missing years),
    ``table_code`` and ``path`` (of one vintage)."""
    present = (
        context.observations()
        .join(_series_identity(context), on="series_id")
        .select(*SERIES, "region_code", "year")
        .with_columns(pl.col("category").fill_null(""))
        .unique()
    )
    spans = present.group_by(CELL).agg(
        pl.col("year").min().alias("first"), pl.col("year").max().alias("last")
    )
    series_years = present.select(*SERIES, "year").unique()
    inside = spans.join(series_years, on=SERIES, how="inner").filter(
        (pl.col("year") > pl.col("first")) & (pl.col("year") < pl.col("last"))
    )
    missing = inside.join(present, on=[*CELL, "year"], how="anti")
    return (
        missing.group_by(CELL)
        .agg(pl.col("year").sort().alias("years"))
        .sort(CELL)
        .join(
            _series_identity(context).unique("series", keep="first", maintain_order=True),
            on="series",
        )
    )


def _series_identity(context: CheckContext) -> pl.DataFrame:
    """``series_id, series, table_code, path``: ``series`` is equal across vintages."""
    series = context.series()
    identity = [
        "\x1f".join([table_code.strip(), *(normalize_label(label) for label in path)])
        for table_code, path in series.select("table_code", "path").iter_rows()
    ]
    return series.select("series_id", "table_code", "path").with_columns(
        pl.Series("series", identity, dtype=pl.String)
    )


def _describe(row: dict[str, object]) -> dict[str, object]:
    path = row["path"]
    return {
        "table": row["table_code"],
        "series": " / ".join(path) if isinstance(path, list) else str(path),
        "category": f" ({row['category']})" if row["category"] else "",
    }


def _findings_of_series(rows: list[dict[str, object]]) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for row in rows[:LIMIT]:
        years = cast(list[int], row["years"])
        params = {
            **_describe(row),
            "region_code": row["region_code"],
            "years": ", ".join(str(y) for y in years),
            "missing": years,
        }
        region = str(row["region_code"])
        findings.append(MissingYears(params=params, region_code=region, year=years[0], rule=NAME))
    if len(rows) > LIMIT:
        params = {**_describe(rows[0]), "regions": len(rows), "shown": LIMIT}
        findings.append(MissingYearsSummary(params=params, rule=NAME))
    return findings


def run(context: CheckContext) -> list[PlausibilityFinding]:
    findings: list[PlausibilityFinding] = []
    for _key, group in gaps(context).group_by(SERIES, maintain_order=True):
        findings += _findings_of_series(list(group.iter_rows(named=True)))
    return findings


CHECK = Check(
    name=NAME,
    description="In einer Zeitreihe fehlt für ein Gebiet ein Jahr, das andere Gebiete haben.",
    finding_types=(MissingYears, MissingYearsSummary),
    run=run,
)
