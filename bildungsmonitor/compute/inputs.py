"""Read what a computation needs from the store as Polars frames."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.compute.computation import ComputeData
from bildungsmonitor.store.bulk import fetch_all
from bildungsmonitor.store.tables import (
    ImportRecord,
    Observation,
    Region,
    RegionGroup,
    RegionGroupMember,
    Series,
)

SERIES_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "series_id": pl.Int64,
    "table_code": pl.String,
    "path": pl.List(pl.String),
}
OBSERVATION_COLUMNS = (
    "series_id",
    "region_code",
    "year",
    "category",
    "value",
    "symbol",
    "bracketed",
    "import_id",
)
SCAN_SHARE = 3
"""On SQLite, read the whole table once when at least one in ``SCAN_SHARE`` of all
series is wanted (rows of one series lie scattered over the table)."""
OBSERVATION_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "series_id": pl.Int64,
    "region_code": pl.String,
    "year": pl.Int64,
    "category": pl.String,
    "value": pl.Float64,
    "symbol": pl.String,
    "bracketed": pl.Boolean,
    "import_id": pl.Int64,
}


def series_frame(session: Session, table_codes: Iterable[str] | None = None) -> pl.DataFrame:
    query = select(Series.id, Series.table_code, Series.path)
    if table_codes is not None:
        query = query.where(Series.table_code.in_(sorted(set(table_codes))))
    rows = [(i, t, list(p)) for i, t, p in session.execute(query)]
    return pl.DataFrame(rows, schema=SERIES_SCHEMA, orient="row")


def series_activity(session: Session) -> dict[int, tuple[int, int]]:
    """Per series: (newest import id among current values, number of current values)."""
    rows = session.execute(
        select(Observation.series_id, func.max(Observation.import_id), func.count())
        .where(Observation.current.is_(True))
        .group_by(Observation.series_id)
    )
    return {series_id: (int(newest), int(count)) for series_id, newest, count in rows}


def series_activity_of(observations: pl.DataFrame) -> dict[int, tuple[int, int]]:
    """``series_activity`` for the series of ``observations`` (all current values of
    each, as ``observation_frame`` reads them), without a second pass over the table."""
    counts = observations.group_by("series_id").agg(pl.col("import_id").max(), pl.len())
    return {int(series_id): (int(newest), int(n)) for series_id, newest, n in counts.iter_rows()}


def observation_frame(session: Session, series_ids: Iterable[int]) -> pl.DataFrame:
    """Current observations of ``series_ids`` with the *Stand* of their import.

    Rows come in no particular order (``computation.split_by_series`` copes)."""
    ids = sorted({int(i) for i in series_ids})
    frames = [
        pl.DataFrame(fetch_all(session, sql), schema=OBSERVATION_SCHEMA, orient="row")
        for sql in _observation_queries(session, ids)
    ]
    observations = (
        pl.concat(frames) if frames else pl.DataFrame(schema=OBSERVATION_SCHEMA)
    ).with_columns(
        pl.when(pl.col("category") == "").then(None).otherwise(pl.col("category")).alias("category")
    )
    stands = pl.DataFrame(
        session.execute(select(ImportRecord.id, ImportRecord.stand)).all(),
        schema={"import_id": pl.Int64, "stand": pl.Datetime("us")},
        orient="row",
    )
    return observations.join(stands, on="import_id", how="left")


def _observation_queries(session: Session, ids: list[int]) -> list[str]:
    columns = ", ".join(OBSERVATION_COLUMNS)
    sqlite = session.connection().dialect.name == "sqlite"
    if sqlite and ids and len(ids) * SCAN_SHARE >= _series_count(session):
        # most series wanted: one pass over the table beats an index lookup per row
        listed = ",".join(str(i) for i in ids)
        return [
            f"SELECT {columns} FROM observation NOT INDEXED "
            f"WHERE current = 1 AND series_id IN ({listed})"
        ]
    chunks = (ids[start : start + 500] for start in range(0, len(ids), 500))
    return [
        f"SELECT {columns} FROM observation "
        f"WHERE current = {'1' if sqlite else 'true'} "
        f"AND series_id IN ({','.join(str(i) for i in chunk)})"
        for chunk in chunks
    ]


def _series_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Series)) or 0)


def group_members(session: Session) -> dict[str, list[str]]:
    rows = session.execute(
        select(RegionGroup.slug, RegionGroupMember.region_code)
        .join(RegionGroupMember, RegionGroupMember.group_id == RegionGroup.id)
        .order_by(RegionGroup.slug, RegionGroupMember.region_code)
    )
    groups: dict[str, list[str]] = {}
    for slug, code in rows:
        groups.setdefault(slug, []).append(code)
    return groups


def kreis_types(session: Session) -> dict[str, str]:
    """Current Kreise with their type (kreisfreie Stadt / Landkreis) for reference values."""
    rows = session.execute(
        select(Region.code, Region.region_type).where(
            Region.level == "kreis", Region.historic.is_(False)
        )
    )
    return dict(rows.all())


def compute_data(session: Session, series: pl.DataFrame, series_ids: Iterable[int]) -> ComputeData:
    return ComputeData(series, observation_frame(session, series_ids), group_members(session))
