"""Compute catalogue indicators for all regions, years and region groups (pure, no I/O).

Input: the bound series and their current observations as Polars frames, plus the
region groups. Output: one frame of values with numerator and denominator, so
every value can show its parts and groups are ratios of sums.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.aggregate import group_value
from bildungsmonitor.compute.binding import Binding, matching_series, select
from bildungsmonitor.compute.evaluate import evaluate_parts
from bildungsmonitor.compute.formula import parse

GROUP_PREFIX = "group:"

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "indicator_code": pl.String(),
    "subject": pl.String(),
    "year": pl.Int64(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "bracketed": pl.Boolean(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "missing_members": pl.List(pl.String()),
}


@dataclass
class ComputeData:
    """What a computation needs: ``series`` (series_id, table_code, path) and
    ``observations`` (series_id, region_code, year, category, value, symbol,
    bracketed, import_id, stand); ``groups`` maps a slug to its member codes."""

    series: pl.DataFrame
    observations: pl.DataFrame
    groups: Mapping[str, Sequence[str]] = field(default_factory=dict)


def aliases_of(indicator: Indicator) -> frozenset[str]:
    names: set[str] = set()
    for formula in (indicator.numerator, indicator.denominator):
        if formula:
            names |= parse(formula).names()
    return frozenset(names)


def bindings_for(catalogue: Catalogue, aliases: frozenset[str]) -> dict[str, Binding]:
    return {
        alias: Binding.from_mapping(alias, catalogue.binding(alias).model_dump())
        for alias in sorted(aliases)
    }


class AliasCache:
    """Selects each alias frame once, shared by all indicators of one run."""

    def __init__(self, catalogue: Catalogue, data: ComputeData) -> None:
        self.catalogue = catalogue
        self.data = data
        self._frames: dict[str, pl.DataFrame] = {}

    def frame(self, binding: Binding) -> pl.DataFrame:
        if binding.alias not in self._frames:
            self._frames[binding.alias] = select(binding, self.data.series, self.data.observations)
        return self._frames[binding.alias]


def compute_indicator(indicator: Indicator, cache: AliasCache) -> pl.DataFrame:
    """Values of one indicator for all regions and years, and for every group."""
    if not indicator.computable or not indicator.numerator:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    bindings = bindings_for(cache.catalogue, aliases_of(indicator))
    inputs = {alias: cache.frame(binding) for alias, binding in bindings.items()}
    parts = evaluate_parts(
        parse(indicator.numerator),
        parse(indicator.denominator) if indicator.denominator else None,
        indicator.factor,
        inputs,
        {alias: binding.dash_as_zero for alias, binding in bindings.items()},
    )
    frames = [_region_rows(indicator.code, parts)]
    for slug, members in cache.data.groups.items():
        frames.append(_group_rows(indicator, parts, slug, members))
    return pl.concat(frames, how="vertical")


def _region_rows(code: str, parts: pl.DataFrame) -> pl.DataFrame:
    denominator = pl.col("denominator") if "denominator" in parts.columns else pl.lit(None)
    return parts.select(
        pl.lit(code).alias("indicator_code"),
        pl.col("region_code").cast(pl.String).alias("subject"),
        pl.col("year").cast(pl.Int64),
        pl.col("value").cast(pl.Float64),
        pl.col("symbol").cast(pl.String),
        pl.col("bracketed").cast(pl.Boolean),
        pl.col("numerator").cast(pl.Float64),
        denominator.cast(pl.Float64).alias("denominator"),
        pl.lit(None, dtype=pl.List(pl.String)).alias("missing_members"),
    )


def _group_rows(
    indicator: Indicator, parts: pl.DataFrame, slug: str, members: Sequence[str]
) -> pl.DataFrame:
    grouped = group_value(parts, members, indicator.factor)
    return grouped.select(
        pl.lit(indicator.code).alias("indicator_code"),
        pl.lit(GROUP_PREFIX + slug).alias("subject"),
        pl.col("year").cast(pl.Int64),
        pl.col("value").cast(pl.Float64),
        pl.col("symbol").cast(pl.String),
        pl.col("bracketed").cast(pl.Boolean),
        pl.col("numerator").cast(pl.Float64),
        pl.col("denominator").cast(pl.Float64),
        pl.col("missing_members").cast(pl.List(pl.String)),
    )


def compute_catalogue(
    catalogue: Catalogue,
    data: ComputeData,
    indicators: Sequence[Indicator] | None = None,
    *,
    on_indicator: Callable[[Indicator], None] | None = None,
) -> pl.DataFrame:
    """All values of ``indicators`` (default: every computable one) as one frame."""
    chosen = list(indicators) if indicators is not None else catalogue.computable()
    cache = AliasCache(catalogue, data)
    frames = []
    for indicator in chosen:
        frames.append(compute_indicator(indicator, cache))
        if on_indicator is not None:
            on_indicator(indicator)
    if not frames:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    return pl.concat(frames, how="vertical")
