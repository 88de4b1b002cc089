"""Computing against the store: what is stored, and when everything is computed again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from sqlalchemy import select

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute import inputs, run
from bildungsmonitor.compute.computation import AliasCache, compute_catalogue, indicator_parts
from bildungsmonitor.compute.figure import get_figure
from bildungsmonitor.compute.indicator_value import find_values
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import create_group
from bildungsmonitor.store.indicator_run import insert_values
from bildungsmonitor.store.tables import IndicatorRun, IndicatorValue, Region, Series

# 21111-02-06-4: Flensburg (01001) had no Absolvierende mit Fachhochschulreife in 2023
# ("-"), 1059 Absolvierende/Abgehende in all


@pytest.fixture
def schools(store: Store, genesis: Path) -> Store:
    import_file(store.sessions, genesis / "21111-02-06-4.csv")
    return store


def test_a_dash_numerator_is_stored_with_its_symbol(schools: Store) -> None:
    catalogue = load_catalogue()
    run_compute(schools, catalogue, codes=["D7.1d"])
    with schools.transaction() as session:
        (stored,) = find_values(session, indicators=["D7.1d"], subjects=["01001"], years=[2023])
        figure = get_figure(session, catalogue, "D7.1d", "01001", 2023)
    assert (stored.value, stored.symbol) == (0.0, None)
    assert (stored.numerator, stored.numerator_symbol) == (None, "-")
    assert (stored.denominator, stored.denominator_symbol) == (1059.0, None)
    assert (figure.value.numerator, figure.value.numerator_symbol) == (None, "-")
    assert figure.value.denominator == 1059.0


def test_a_new_value_format_computes_every_indicator_again(
    schools: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = load_catalogue()
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == ["D7.1d"]
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == []
    monkeypatch.setattr(run, "VALUE_FORMAT", run.VALUE_FORMAT + 1)
    assert run_compute(schools, catalogue, codes=["D7.1d"]).computed == ["D7.1d"]


def _stored(store: Store) -> list[tuple[Any, ...]]:
    columns = [c for c in IndicatorValue.__table__.columns if c.name != "id"]
    with store.transaction() as session:
        rows = session.execute(select(*columns).order_by("indicator_code", "subject", "year"))
        return [tuple(row) for row in rows]


def _runs(store: Store) -> list[tuple[Any, ...]]:
    with store.transaction() as session:
        runs = session.scalars(select(IndicatorRun).order_by(IndicatorRun.indicator_code))
        return [
            (r.indicator_code, r.fingerprint, r.value_count, r.import_ids, r.computed_at)
            for r in runs
        ]


@pytest.fixture
def schools_with_group(schools: Store) -> Store:
    with schools.transaction() as session:  # 01999 has no values: a missing member
        session.add(Region(code="01999", name="Ohne Werte", level="kreis", region_type="Kreis"))
        session.flush()
        create_group(session, "Nord", ["01001", "01999"], slug="nord")
    return schools


def test_a_forced_run_stores_the_same_and_leaves_nothing_to_do(
    schools_with_group: Store,
) -> None:
    catalogue = load_catalogue()
    first = run_compute(schools_with_group, catalogue)
    values, runs = _stored(schools_with_group), _runs(schools_with_group)
    assert any(row[-1] for row in values)  # group rows naming missing members
    forced = run_compute(schools_with_group, catalogue, force=True)
    assert forced.computed == first.computed
    assert forced.values == first.values
    # same values and fingerprints; a run row is updated, not replaced
    assert _stored(schools_with_group) == values
    assert _runs(schools_with_group) == runs
    again = run_compute(schools_with_group, catalogue)
    assert again.computed == []
    assert again.unchanged == first.computed


def test_an_indicator_failing_midway_leaves_the_stored_results_as_they_were(
    schools: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = load_catalogue()
    run_compute(schools, catalogue)
    before = _stored(schools), _runs(schools)
    computed: list[str] = []

    def failing(indicator: Indicator, cache: AliasCache) -> pl.DataFrame | None:
        if len(computed) == 3:  # old values are deleted, three indicators stored
            raise RuntimeError("kaputt")
        computed.append(indicator.code)
        return indicator_parts(indicator, cache)

    monkeypatch.setattr(run, "indicator_parts", failing)
    with pytest.raises(RuntimeError, match="kaputt"):
        run_compute(schools, catalogue, force=True)
    assert (_stored(schools), _runs(schools)) == before


def test_stored_values_are_those_of_compute_catalogue(schools_with_group: Store) -> None:
    catalogue = load_catalogue()
    run_compute(schools_with_group, catalogue)
    with schools_with_group.transaction() as session:
        series = inputs.series_frame(session)
        data = inputs.compute_data(session, series, series.get_column("series_id"))
    values = compute_catalogue(catalogue, data).filter(
        pl.col("value").is_not_null()
        | pl.col("symbol").is_not_null()
        | (pl.col("missing_members").list.len() > 0)
    )
    expected = sorted((*row[:-1], row[-1]) for row in values.select(run.VALUE_COLUMNS).iter_rows())
    assert _stored(schools_with_group) == expected


def test_computing_some_indicators_keeps_the_values_of_the_others(schools: Store) -> None:
    catalogue = load_catalogue()
    run_compute(schools, catalogue)
    before = _stored(schools)
    assert {row[0] for row in before} > {"D7.1d"}
    run_compute(schools, catalogue, codes=["D7.1d", "D7.1d"], force=True)
    assert _stored(schools) == before


def test_observations_read_by_scan_or_by_index_are_the_same(
    schools: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with schools.transaction() as session:
        ids = list(session.scalars(select(Series.id)))
        scanned = inputs.observation_frame(session, ids)
        activity = inputs.series_activity(session)
        monkeypatch.setattr(inputs, "SCAN_SHARE", 0)  # never scan
        indexed = inputs.observation_frame(session, ids[1:])
    assert scanned.height > indexed.height > 0
    order = list(inputs.OBSERVATION_COLUMNS)
    kept = scanned.filter(scanned.get_column("series_id") != ids[0])
    assert kept.sort(order, nulls_last=True).equals(indexed.sort(order, nulls_last=True))
    assert inputs.series_activity_of(scanned) == activity


def test_values_are_stored_as_given_over_several_statements(store: Store) -> None:
    rows = [
        (
            "T1",
            f"{i:05d}",
            2000 + i % 3,
            i / 7 if i % 5 else None,
            None if i % 5 else "x",
            i % 2 == 0,
            float(i),
            None,
            None if i % 4 else 0.0,
            "-" if i % 4 else None,
            ["01001", "ä"] if i % 9 == 0 else None,
        )
        for i in range(250)  # more rows than one SQLite statement takes, and a rest
    ]
    encoded = [(*row[:-1], None if row[-1] is None else json.dumps(row[-1])) for row in rows]
    with store.transaction() as session:
        insert_values(session, [list(column) for column in zip(*encoded, strict=True)])
    assert _stored(store) == rows
