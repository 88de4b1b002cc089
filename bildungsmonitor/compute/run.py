"""Compute the catalogue against the store and keep the results.

Each indicator has a fingerprint over its definition, the bindings of its aliases,
the imports behind its series, the region groups and the format of stored values.
``run_compute`` recomputes only indicators whose fingerprint changed (after an import,
a catalogue change, a new group or a new value format) and replaces their stored
values in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import polars as pl
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute import inputs
from bildungsmonitor.compute.binding import matching_series
from bildungsmonitor.compute.computation import (
    AliasCache,
    ComputeData,
    aliases_of,
    bindings_for,
    compute_indicator,
)
from bildungsmonitor.store.bulk import bulk_insert
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import IndicatorRun, IndicatorValue

VALUE_COLUMNS = (
    "indicator_code",
    "subject",
    "year",
    "value",
    "symbol",
    "bracketed",
    "numerator",
    "numerator_symbol",
    "denominator",
    "denominator_symbol",
    "missing_members",
)
VALUE_FORMAT = 2
"""Version of what a computation stores (part of every fingerprint): raise it when the
stored values change shape or meaning, so the next ``compute`` rewrites all of them.
2: numerator and denominator carry their symbols."""


@dataclass
class ComputeSummary:
    computed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    values: int = 0


@dataclass(frozen=True)
class _Plan:
    indicator: Indicator
    series_ids: tuple[int, ...]
    import_ids: tuple[int, ...]
    fingerprint: str


def _plan(
    catalogue: Catalogue,
    indicator: Indicator,
    series: pl.DataFrame,
    activity: dict[int, tuple[int, int]],
    groups: dict[str, list[str]],
) -> _Plan:
    bindings = bindings_for(catalogue, aliases_of(indicator))
    series_ids = sorted({i for b in bindings.values() for i in matching_series(b, series)})
    material = {
        "indicator": indicator.model_dump(mode="json"),
        "bindings": {a: catalogue.binding(a).model_dump(mode="json") for a in bindings},
        "series": [[i, *activity.get(i, (0, 0))] for i in series_ids],
        "groups": groups,
        "format": VALUE_FORMAT,
    }
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    imports = sorted({activity[i][0] for i in series_ids if i in activity})
    return _Plan(indicator, tuple(series_ids), tuple(imports), digest)


def run_compute(
    store: Store,
    catalogue: Catalogue,
    *,
    codes: Sequence[str] | None = None,
    force: bool = False,
    on_indicator: Callable[[Indicator, bool], None] | None = None,
) -> ComputeSummary:
    """Compute (changed) indicators and store their values; returns what was done."""
    chosen = [catalogue.indicator(c) for c in codes] if codes else catalogue.computable()
    chosen = [i for i in chosen if i.computable]
    summary = ComputeSummary()
    with store.transaction() as session:
        series = inputs.series_frame(session)
        activity = inputs.series_activity(session)
        groups = inputs.group_members(session)
        known = {r.indicator_code: r.fingerprint for r in session.scalars(select(IndicatorRun))}
        plans = [_plan(catalogue, i, series, activity, groups) for i in chosen]
        todo = [p for p in plans if force or known.get(p.indicator.code) != p.fingerprint]
        summary.unchanged = [p.indicator.code for p in plans if p not in todo]
        if not todo:
            return summary
        needed = {i for p in todo for i in p.series_ids}
        data = ComputeData(series, inputs.observation_frame(session, needed), groups)
        imports = _imports_by_series(data.observations)
        cache = AliasCache(catalogue, data)
        for plan in todo:
            frame = compute_indicator(plan.indicator, cache)
            sources = sorted({i for s in plan.series_ids for i in imports.get(s, ())})
            _store(session, replace(plan, import_ids=tuple(sources)), frame)
            summary.computed.append(plan.indicator.code)
            summary.values += _store_count(frame)
            if on_indicator is not None:
                on_indicator(plan.indicator, True)
    return summary


def _imports_by_series(observations: pl.DataFrame) -> dict[int, set[int]]:
    """Every import that holds current values of a series (the sources of an indicator)."""
    found: dict[int, set[int]] = {}
    pairs = observations.select("series_id", "import_id").unique()
    for series_id, import_id in pairs.iter_rows():
        found.setdefault(int(series_id), set()).add(int(import_id))
    return found


def _store_count(frame: pl.DataFrame) -> int:
    return frame.filter(pl.col("value").is_not_null() | pl.col("symbol").is_not_null()).height


def _value_rows(kept: pl.DataFrame) -> list[tuple[object, ...]]:
    """Database rows in ``VALUE_COLUMNS`` order; JSON only for the few group rows."""
    rows = list(kept.select(*VALUE_COLUMNS[:-1], pl.lit(None, pl.String)).iter_rows())
    present = kept.select(pl.arg_where(pl.col("missing_members").is_not_null())).to_series()
    members = kept.get_column("missing_members").gather(present).to_list()
    for index, names in zip(present.to_list(), members, strict=True):
        rows[index] = (*rows[index][:-1], json.dumps(names))
    return rows


def _store(session: Session, plan: _Plan, frame: pl.DataFrame) -> None:
    code = plan.indicator.code
    session.execute(delete(IndicatorValue).where(IndicatorValue.indicator_code == code))
    # "keine Daten" (neither value nor symbol nor missing group members) is not stored
    kept = frame.filter(
        pl.col("value").is_not_null()
        | pl.col("symbol").is_not_null()
        | (pl.col("missing_members").list.len() > 0)
    )
    rows = _value_rows(kept)
    bulk_insert(session, "indicator_value", VALUE_COLUMNS, rows)
    run = session.get(IndicatorRun, code)
    if run is None:
        run = IndicatorRun(indicator_code=code)
        session.add(run)
    run.fingerprint = plan.fingerprint
    run.value_count = len(rows)
    run.import_ids = list(plan.import_ids)
    session.flush()
