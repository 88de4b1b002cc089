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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute import inputs
from bildungsmonitor.compute.binding import matching_series
from bildungsmonitor.compute.computation import (
    RESULT_SCHEMA,
    AliasCache,
    ComputeData,
    aliases_of,
    bindings_for,
    group_inputs,
    group_rows,
    indicator_parts,
    region_rows,
)
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.indicator_run import (
    VALUE_COLUMNS,
    RunRecord,
    delete_values,
    insert_values,
    save_runs,
)
from bildungsmonitor.store.tables import IndicatorRun

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
    fingerprint: str


def _series_ids(catalogue: Catalogue, indicator: Indicator, series: pl.DataFrame) -> list[int]:
    bindings = bindings_for(catalogue, aliases_of(indicator))
    return sorted({i for b in bindings.values() for i in matching_series(b, series)})


def _plan(
    catalogue: Catalogue,
    indicator: Indicator,
    series: pl.DataFrame,
    activity: dict[int, tuple[int, int]],
    groups: dict[str, list[str]],
    series_ids: list[int] | None = None,
) -> _Plan:
    if series_ids is None:
        series_ids = _series_ids(catalogue, indicator, series)
    material = {
        "indicator": indicator.model_dump(mode="json"),
        "bindings": {
            a: catalogue.binding(a).model_dump(mode="json") for a in aliases_of(indicator)
        },
        "series": [[i, *activity.get(i, (0, 0))] for i in series_ids],
        "groups": groups,
        "format": VALUE_FORMAT,
    }
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    return _Plan(indicator, tuple(series_ids), digest)


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
    chosen = list({i.code: i for i in chosen if i.computable}.values())
    summary = ComputeSummary()
    with store.transaction() as session:
        series = inputs.series_frame(session)
        groups = inputs.group_members(session)
        runs = session.execute(select(IndicatorRun.indicator_code, IndicatorRun.fingerprint))
        known = {code: fingerprint for code, fingerprint in runs}
        ids = {i.code: _series_ids(catalogue, i, series) for i in chosen}
        observations = None
        if force:  # everything is read anyway: activity from those rows, no second pass
            observations = inputs.observation_frame(session, {i for s in ids.values() for i in s})
            activity = inputs.series_activity_of(observations)
        else:
            activity = inputs.series_activity(session)
        plans = [_plan(catalogue, i, series, activity, groups, ids[i.code]) for i in chosen]
        todo = [p for p in plans if force or known.get(p.indicator.code) != p.fingerprint]
        summary.unchanged = [p.indicator.code for p in plans if p not in todo]
        if not todo:
            return summary
        if observations is None:
            observations = inputs.observation_frame(
                session, {i for p in todo for i in p.series_ids}
            )
        _compute_and_store(
            session,
            catalogue,
            ComputeData(series, observations, groups),
            todo,
            summary,
            on_indicator,
        )
    return summary


def _compute_and_store(
    session: Session,
    catalogue: Catalogue,
    data: ComputeData,
    todo: list[_Plan],
    summary: ComputeSummary,
    on_indicator: Callable[[Indicator, bool], None] | None,
) -> None:
    """Region rows indicator by indicator, then the group rows of all in one pass."""
    imports = _imports_by_series(data.observations)
    cache = AliasCache(catalogue, data)
    delete_values(session, [plan.indicator.code for plan in todo])
    counts: dict[str, tuple[int, int]] = {}
    for_groups: list[tuple[Indicator, pl.DataFrame]] = []
    for plan, (regions, group_input) in _computed_ahead(todo, cache):
        counts[plan.indicator.code] = _store(session, regions)
        if group_input is not None:
            for_groups.append((plan.indicator, group_input))
        summary.computed.append(plan.indicator.code)
        if on_indicator is not None:
            on_indicator(plan.indicator, True)
    if data.groups and for_groups:
        for code, rows in group_rows(for_groups, data.groups).items():
            stored, counted = _store(session, rows)
            counts[code] = (counts[code][0] + stored, counts[code][1] + counted)
    runs = []
    for plan in todo:
        sources = sorted({i for s in plan.series_ids for i in imports.get(s, ())})
        stored, counted = counts[plan.indicator.code]
        runs.append(RunRecord(plan.indicator.code, plan.fingerprint, stored, tuple(sources)))
        summary.values += counted
    save_runs(session, runs)


def _regions(indicator: Indicator, cache: AliasCache) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """The region rows of an indicator and what its group rows need (None: nothing)."""
    parts = indicator_parts(indicator, cache)
    if parts is None:
        return pl.DataFrame(schema=RESULT_SCHEMA), None
    groups = cache.data.groups
    return region_rows(indicator.code, parts), group_inputs(parts, groups) if groups else None


def _computed_ahead(
    todo: list[_Plan], cache: AliasCache
) -> Iterator[tuple[_Plan, tuple[pl.DataFrame, pl.DataFrame | None]]]:
    """Each plan with its ``_regions``. A worker thread computes the next indicator while
    the caller stores the current one: Polars and SQLite both work outside the GIL, so
    the two overlap on a second core. Only the worker touches ``cache``."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        following = [worker.submit(_regions, todo[0].indicator, cache)] if todo else []
        for index, plan in enumerate(todo):
            computed = following.pop().result()
            if index + 1 < len(todo):
                following.append(worker.submit(_regions, todo[index + 1].indicator, cache))
            yield plan, computed


def _imports_by_series(observations: pl.DataFrame) -> dict[int, set[int]]:
    """Every import that holds current values of a series (the sources of an indicator)."""
    found: dict[int, set[int]] = {}
    pairs = observations.select("series_id", "import_id").unique()
    for series_id, import_id in pairs.iter_rows():
        found.setdefault(int(series_id), set()).add(int(import_id))
    return found


def _value_columns(kept: pl.DataFrame) -> list[list[object]]:
    """Database columns in ``VALUE_COLUMNS`` order; JSON only for the few group rows."""
    columns: list[list[object]] = [kept.get_column(c).to_list() for c in VALUE_COLUMNS[:-1]]
    members: list[object] = [None] * kept.height
    present = kept.select(pl.arg_where(pl.col("missing_members").is_not_null())).to_series()
    names = kept.get_column("missing_members").gather(present).to_list()
    for index, listed in zip(present.to_list(), names, strict=True):
        members[index] = json.dumps(listed)
    return [*columns, members]


def _store(session: Session, frame: pl.DataFrame) -> tuple[int, int]:
    """Insert the values of one indicator (its old ones are gone); returns how many rows
    were stored and how many of them have a value or a symbol."""
    has_figure = pl.col("value").is_not_null() | pl.col("symbol").is_not_null()
    # "keine Daten" (neither value nor symbol nor missing group members) is not stored
    kept = frame.filter(has_figure | (pl.col("missing_members").list.len() > 0))
    insert_values(session, _value_columns(kept))
    return kept.height, int(kept.select(has_figure.sum()).item())
