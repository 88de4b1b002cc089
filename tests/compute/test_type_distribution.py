"""Distribution among the Kreise of one type: the same figures as the Polars reference
implementation (`compute.aggregate.distribution`), read once per data version."""

from __future__ import annotations

import polars as pl
import pytest
from sqlalchemy import select

from bildungsmonitor.compute.aggregate import distribution
from bildungsmonitor.compute.type_distribution import (
    TypeNumbers,
    kreis_distribution,
    kreis_types_now,
    type_numbers,
)
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import IndicatorValue


def test_quartiles_and_rank_of_a_small_sample() -> None:
    numbers = TypeNumbers({"Landkreis": (1.0, 2.0, 3.0, 4.0, 10.0)})
    spread = numbers.distribution("Landkreis", 3.0)
    assert (spread.n, spread.minimum, spread.maximum) == (5, 1.0, 10.0)
    assert (spread.q1, spread.median, spread.q3) == (2.0, 3.0, 4.0)
    assert spread.rank == 3
    assert numbers.distribution("Landkreis", 10.0).rank == 1
    assert numbers.distribution("Landkreis", None).rank is None


def test_ties_share_the_better_rank() -> None:
    numbers = TypeNumbers({"Landkreis": (1.0, 5.0, 5.0, 7.0)})
    assert numbers.distribution("Landkreis", 5.0).rank == 2


def test_a_type_without_values_has_an_empty_distribution() -> None:
    spread = TypeNumbers({}).distribution("Kreisfreie Stadt", 1.0)
    assert (spread.n, spread.median, spread.rank) == (0, None, None)


def test_demo_distributions_match_the_polars_implementation(demo_store: Store) -> None:
    with demo_store.sessions() as session:
        types = kreis_types_now(session)
        code, year = "D7.2", 2023
        rows = session.execute(
            select(IndicatorValue.subject, IndicatorValue.value, IndicatorValue.symbol).where(
                IndicatorValue.indicator_code == code, IndicatorValue.year == year
            )
        ).all()
        frame = pl.DataFrame(
            [(s, year, v, sym) for s, v, sym in rows if s in types],
            schema={
                "region_code": pl.String,
                "year": pl.Int64,
                "value": pl.Float64,
                "symbol": pl.String,
            },
            orient="row",
        )
        expected = distribution(frame, types)
        checked = 0
        for row in expected.iter_rows(named=True):
            own = row["value"] if row["symbol"] is None else None
            found = kreis_distribution(session, code, year, row["region_code"], own)
            assert found is not None
            assert found.rank == row["rank"]
            assert found.median == pytest.approx(row["median"])
            assert found.q1 == pytest.approx(row["q1"])
            assert found.q3 == pytest.approx(row["q3"])
            checked += 1
        assert checked > 300
        assert kreis_distribution(session, code, year, "15", 1.0) is None  # a Land


def test_numbers_are_read_once_per_data_version(demo_store: Store) -> None:
    with demo_store.sessions() as session:
        first = type_numbers(session, [("D7.2", 2023)])
        again = type_numbers(session, [("D7.2", 2023), ("D7.2", 2022)])
    assert again["D7.2", 2023] is first["D7.2", 2023]
    assert set(again) == {("D7.2", 2023), ("D7.2", 2022)}
