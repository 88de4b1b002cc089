"""Compute catalogue indicators for all regions, years and region groups (pure, no I/O).

Input: the bound series and their current observations as Polars frames, plus the
region groups. Output: one frame of values with numerator and denominator (each
with its symbol), so every value can show its parts and groups are ratios of sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.aggregate import group_values
from bildungsmonitor.compute.binding import Binding, matching_series, select
from bildungsmonitor.compute.evaluate import evaluate_prepared, prepare, region_enum
from bildungsmonitor.compute.formula import parse

GROUP_PREFIX = "group:"

# Symbols are rare and few: categorical (4 bytes a row) instead of text (16 bytes a row,
# even when empty) keeps a 13-million-row result about 0.6 GB smaller.
SYMBOL = pl.Categorical()
RESULT_SCHEMA: dict[str, pl.DataType] = {
    "indicator_code": pl.String(),
    "subject": pl.String(),
    "year": pl.Int64(),
    "value": pl.Float64(),
    "symbol": SYMBOL,
    "bracketed": pl.Boolean(),
    "numerator": pl.Float64(),
    "numerator_symbol": SYMBOL,
    "denominator": pl.Float64(),
    "denominator_symbol": SYMBOL,
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


def split_by_series(observations: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """Observations per ``series_id``: zero-copy slices when each series is one run."""
    if not observations.height:
        return {}
    runs = observations.get_column("series_id").rle().struct.unnest()
    if runs.get_column("value").n_unique() < runs.height:  # not grouped by series
        parts = observations.partition_by("series_id", as_dict=True)
        return {int(key[0]): frame for key, frame in parts.items() if key[0] is not None}
    slices: dict[int, pl.DataFrame] = {}
    offset = 0
    for length, series_id in runs.iter_rows():
        if series_id is not None:  # rows without a series match no binding
            slices[int(series_id)] = observations.slice(offset, length)
        offset += length
    return slices


class AliasCache:
    """Selects and prepares each alias frame once, shared by all indicators of one run.

    Observations are split by series once; region codes become one Enum over all
    codes of the run (observations and group members), so joins, sorts and
    group-bys run on integer keys. ``forget`` drops an alias no longer needed.
    """

    def __init__(self, catalogue: Catalogue, data: ComputeData) -> None:
        self.catalogue = catalogue
        self.data = data
        self._prepared: dict[str, pl.DataFrame] = {}
        self._by_series: dict[int, pl.DataFrame] | None = None
        self._regions: pl.Enum | None = None

    @property
    def regions(self) -> pl.Enum:
        if self._regions is None:
            members = (code for codes in self.data.groups.values() for code in codes)
            self._regions = region_enum([self.data.observations], members)
        return self._regions

    def _observations(self, binding: Binding) -> pl.DataFrame:
        if self._by_series is None:
            self._by_series = split_by_series(self.data.observations)
        ids = matching_series(binding, self.data.series)
        frames = [self._by_series[i] for i in ids if i in self._by_series]
        chosen = pl.concat(frames, rechunk=False) if frames else self.data.observations.clear()
        return chosen.with_columns(pl.col("region_code").cast(self.regions))

    def frame(self, binding: Binding) -> pl.DataFrame:
        """The selected alias frame (``region_code`` as the run's Enum); not kept."""
        return select(binding, self.data.series, self._observations(binding))

    def prepared(self, binding: Binding) -> pl.DataFrame:
        """The alias frame as ``evaluate.prepare`` gives it; kept until ``forget``."""
        if binding.alias not in self._prepared:
            self._prepared[binding.alias] = prepare(
                binding.alias, self.frame(binding), binding.dash_as_zero, self.regions, unique=True
            )
        return self._prepared[binding.alias]

    def forget(self, alias: str) -> None:
        self._prepared.pop(alias, None)


def indicator_parts(indicator: Indicator, cache: AliasCache) -> pl.DataFrame | None:
    """``evaluate_prepared`` of an indicator: value, numerator and denominator of every
    region and year; None when it has nothing to compute."""
    if not indicator.computable or not indicator.numerator:
        return None
    bindings = bindings_for(cache.catalogue, aliases_of(indicator))
    return evaluate_prepared(
        parse(indicator.numerator),
        parse(indicator.denominator) if indicator.denominator else None,
        indicator.factor,
        {alias: cache.prepared(binding) for alias, binding in bindings.items()},
    )


def compute_indicator(indicator: Indicator, cache: AliasCache) -> pl.DataFrame:
    """Values of one indicator for all regions and years, and for every group."""
    parts = indicator_parts(indicator, cache)
    if parts is None:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    frames = [region_rows(indicator.code, parts)]
    if cache.data.groups:
        frames.append(group_rows([(indicator, parts)], cache.data.groups)[indicator.code])
    return pl.concat(frames, how="vertical", rechunk=False)


def region_rows(code: str, parts: pl.DataFrame) -> pl.DataFrame:
    """The rows of the regions (``RESULT_SCHEMA``) from ``indicator_parts``."""
    ratio = "denominator" in parts.columns
    denominator = pl.col("denominator") if ratio else pl.lit(None)
    denominator_symbol = pl.col("denominator_symbol") if ratio else pl.lit(None)
    return parts.select(
        pl.lit(code).alias("indicator_code"),
        *_result_columns(
            pl.col("region_code").cast(pl.String),
            denominator,
            denominator_symbol,
            pl.lit(None, dtype=pl.List(pl.String)),
        ),
    )


def _result_columns(
    subject: pl.Expr, denominator: pl.Expr, denominator_symbol: pl.Expr, missing: pl.Expr
) -> list[pl.Expr]:
    """``RESULT_SCHEMA`` after ``indicator_code`` from the columns of ``indicator_parts``
    (regions) or ``group_values`` (groups)."""
    return [
        subject.alias("subject"),
        pl.col("year").cast(pl.Int64),
        pl.col("value").cast(pl.Float64),
        pl.col("symbol").cast(SYMBOL),
        pl.col("bracketed").cast(pl.Boolean),
        pl.col("numerator").cast(pl.Float64),
        pl.col("numerator_symbol").cast(SYMBOL),
        denominator.cast(pl.Float64).alias("denominator"),
        denominator_symbol.cast(SYMBOL).alias("denominator_symbol"),
        missing.cast(pl.List(pl.String)).alias("missing_members"),
    ]


def group_inputs(parts: pl.DataFrame, groups: Mapping[str, Sequence[str]]) -> pl.DataFrame:
    """What ``group_rows`` reads of ``parts``: the rows of group members, and the first
    row of every year (group values are given for the years of ``parts``)."""
    members = list({code for codes in groups.values() for code in codes})
    return parts.filter(
        pl.col("region_code").cast(pl.String).is_in(members) | pl.col("year").is_first_distinct()
    )


def group_rows(
    computed: Sequence[tuple[Indicator, pl.DataFrame]], groups: Mapping[str, Sequence[str]]
) -> dict[str, pl.DataFrame]:
    """The group rows (``RESULT_SCHEMA``) of each indicator from its ``indicator_parts``
    (or their ``group_inputs``): one ``group_values`` pass per factor and kind (ratio or
    count) for all indicators, which costs little more than one for a single one."""
    batches: dict[tuple[float, bool], list[pl.DataFrame]] = {}
    for indicator, parts in computed:
        batch = batches.setdefault((indicator.factor, "denominator" in parts.columns), [])
        batch.append(parts.with_columns(pl.lit(indicator.code).alias("indicator_code")))
    found: dict[str, pl.DataFrame] = {}
    for (factor, _), frames in batches.items():
        parts = pl.concat(frames, how="vertical_relaxed")
        grouped = group_values(parts, groups, factor, by="indicator_code")
        rows = grouped.select(
            pl.col("indicator_code"),
            *_result_columns(
                GROUP_PREFIX + pl.col("group"),
                pl.col("denominator"),
                pl.col("denominator_symbol"),
                pl.col("missing_members"),
            ),
        )
        found.update(
            (str(key[0]), frame)
            for key, frame in rows.partition_by("indicator_code", as_dict=True).items()
        )
    empty = pl.DataFrame(schema=RESULT_SCHEMA)
    return {indicator.code: found.get(indicator.code, empty) for indicator, _ in computed}


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
    uses = Counter(alias for indicator in chosen for alias in _computed_aliases(indicator))
    result = pl.DataFrame(schema=RESULT_SCHEMA)
    for indicator in chosen:
        # extend appends in place: no second copy of all values at the end, and a
        # result in few chunks (many small chunks make later group-bys copy it all)
        result.extend(compute_indicator(indicator, cache))
        for alias in _computed_aliases(indicator):
            uses[alias] -= 1
            if not uses[alias]:  # last indicator reading it: free the frame
                cache.forget(alias)
        if on_indicator is not None:
            on_indicator(indicator)
    return result


def _computed_aliases(indicator: Indicator) -> frozenset[str]:
    return aliases_of(indicator) if indicator.computable and indicator.numerator else frozenset()
