"""What every plausibility check shares: its shape, its finding base and its inputs.

A check is a module ``ingest/checks/<name>.py`` that defines its finding classes
(subclasses of ``PlausibilityFinding``), a ``run(context)`` function and a
``CHECK`` object. ``CheckContext`` reads the store once per run and hands every
check the same Polars frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ClauseElement

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.ingest.finding import Finding
from bildungsmonitor.store.bulk import fetch_all
from bildungsmonitor.store.tables import (
    Footnote,
    ImportRecord,
    IndicatorValue,
    Observation,
    Region,
    Series,
)

DASH = "-"

OBSERVATION_SCHEMA: dict[str, pl.DataType] = {
    "series_id": pl.Int64(),
    "region_code": pl.String(),
    "category": pl.String(),
    "year": pl.Int64(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "bracketed": pl.Boolean(),
    "import_id": pl.Int64(),
}
SERIES_SCHEMA: dict[str, pl.DataType] = {
    "series_id": pl.Int64(),
    "table_code": pl.String(),
    "path": pl.List(pl.String()),
    "unit": pl.String(),
}
REGION_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "name": pl.String(),
    "level": pl.String(),
    "historic": pl.Boolean(),
}
INDICATOR_VALUE_SCHEMA: dict[str, pl.DataType] = {
    "indicator_code": pl.String(),
    "region_code": pl.String(),
    "year": pl.Int64(),
    "value": pl.Float64(),
}
FOOTNOTE_SCHEMA: dict[str, pl.DataType] = {
    "import_id": pl.Int64(),
    "region_name": pl.String(),
    "region_code": pl.String(),
    "text": pl.String(),
}


@dataclass(frozen=True)
class PlausibilityFinding(Finding):
    """A finding of a plausibility check; ``rule`` names the check rule or indicator."""

    code: ClassVar[str] = "plausibility"
    title: ClassVar[str] = "Plausibilitätsbefund"

    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "rule": self.rule}


@dataclass
class CheckContext:
    """The store as frames for one check run; each frame is read at most once."""

    session: Session
    catalogue: Catalogue
    _frames: dict[str, pl.DataFrame] = field(default_factory=dict)

    def _cached(self, name: str, load: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        if name not in self._frames:
            self._frames[name] = load()
        return self._frames[name]

    def _read(self, query: ClauseElement, schema: dict[str, pl.DataType]) -> pl.DataFrame:
        dialect = self.session.connection().dialect
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        return pl.DataFrame(fetch_all(self.session, sql), schema=schema, orient="row")

    def observations(self) -> pl.DataFrame:
        """All current observations plus the *Stand* of their import; empty category = null."""
        return self._cached("observations", self._load_observations)

    def _load_observations(self) -> pl.DataFrame:
        query = select(
            Observation.series_id,
            Observation.region_code,
            Observation.category,
            Observation.year,
            Observation.value,
            Observation.symbol,
            Observation.bracketed,
            Observation.import_id,
        ).where(Observation.current.is_(True))
        stands = pl.DataFrame(
            self.session.execute(select(ImportRecord.id, ImportRecord.stand)).all(),
            schema={"import_id": pl.Int64, "stand": pl.Datetime("us")},
            orient="row",
        )
        return (
            self._read(query, OBSERVATION_SCHEMA)
            .with_columns(
                pl.when(pl.col("category") == "")
                .then(None)
                .otherwise(pl.col("category"))
                .alias("category")
            )
            .join(stands, on="import_id", how="left")
        )

    def series(self) -> pl.DataFrame:
        """``series_id, table_code, path, unit`` of every series."""
        query = select(Series.id, Series.table_code, Series.path, Series.unit)
        return self._cached(
            "series",
            lambda: pl.DataFrame(
                [(i, t, list(p), u) for i, t, p, u in self.session.execute(query)],
                schema=SERIES_SCHEMA,
                orient="row",
            ),
        )

    def regions(self) -> pl.DataFrame:
        query = select(Region.code, Region.name, Region.level, Region.historic)
        return self._cached("regions", lambda: self._read(query, REGION_SCHEMA))

    def footnotes(self) -> pl.DataFrame:
        query = select(
            Footnote.import_id, Footnote.region_name, Footnote.region_code, Footnote.text
        )
        return self._cached("footnotes", lambda: self._read(query, FOOTNOTE_SCHEMA))

    def imports(self) -> pl.DataFrame:
        """``import_id, title`` of every import."""
        query = select(ImportRecord.id, ImportRecord.title)
        schema: dict[str, pl.DataType] = {"import_id": pl.Int64(), "title": pl.String()}
        return self._cached("imports", lambda: self._read(query, schema))

    def indicator_values(self) -> pl.DataFrame:
        """Stored indicator values of regions (not groups) that have a number."""
        query = select(
            IndicatorValue.indicator_code,
            IndicatorValue.subject,
            IndicatorValue.year,
            IndicatorValue.value,
        ).where(
            IndicatorValue.value.is_not(None),
            IndicatorValue.subject.not_like(GROUP_PREFIX + "%"),
        )
        return self._cached("indicator_values", lambda: self._read(query, INDICATOR_VALUE_SCHEMA))


@dataclass(frozen=True)
class Check:
    """One plausibility check: its name, the finding types it reports and how it runs."""

    name: str
    description: str
    finding_types: tuple[type[PlausibilityFinding], ...]
    run: Callable[[CheckContext], list[PlausibilityFinding]]


def numeric_value() -> pl.Expr:
    """The number of an observation: its value, ``-`` as 0, other symbols as null."""
    return pl.when(pl.col("symbol") == DASH).then(pl.lit(0.0)).otherwise(pl.col("value"))


def plain(number: float) -> float | int:
    """A JSON-friendly number: integral floats become ints, others are rounded."""
    return int(number) if float(number).is_integer() else round(float(number), 6)


def with_indicator_setting(
    context: CheckContext,
    columns: dict[str, pl.DataType],
    setting: Callable[[Indicator], tuple[float | None, ...] | None],
) -> pl.DataFrame:
    """Stored region values of the indicators that have a setting, with the setting as
    ``columns`` (``setting`` gives one item per column, or None if the indicator has none)."""
    rows = [
        (indicator.code, *found)
        for indicator in context.catalogue.indicators
        if (found := setting(indicator)) is not None
    ]
    schema: dict[str, pl.DataType] = {"indicator_code": pl.String(), **columns}
    settings = pl.DataFrame(rows, schema=schema, orient="row")
    return context.indicator_values().join(settings, on="indicator_code", how="inner")


def indicator_value_findings(
    rows: pl.DataFrame,
    finding: type[PlausibilityFinding],
    params: Callable[[dict[str, Any]], dict[str, Any]],
) -> list[PlausibilityFinding]:
    """One finding per stored indicator value in ``rows``: indicator, region, year and value,
    followed by the check's own ``params`` of the row; the rule is the indicator."""
    return [
        finding(
            params={
                "indicator": row["indicator_code"],
                "region_code": row["region_code"],
                "year": row["year"],
                "value": plain(row["value"]),
                **params(row),
            },
            region_code=row["region_code"],
            year=row["year"],
            rule=row["indicator_code"],
        )
        for row in rows.iter_rows(named=True)
    ]
