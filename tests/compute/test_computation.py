"""Computing a catalogue: alias cache, series split, groups in one pass, stored rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.compute.aggregate import group_value
from bildungsmonitor.compute.computation import (
    GROUP_PREFIX,
    RESULT_SCHEMA,
    AliasCache,
    ComputeData,
    bindings_for,
    compute_catalogue,
    split_by_series,
)
from bildungsmonitor.compute.run import VALUE_COLUMNS, _value_columns

CATALOGUE = """\
areas:
  - code: Z9
    name: Testbereich
series:
  anteil:
    table: T-01
    path: ["Teil"]
  gesamt:
    table: T-01
    path: ["Gesamt"]
indicators:
"""
INDICATOR = """\
  - code: {code}
    name: Testkennzahl {code}
    area: Z9
    definition: Test.
    numerator: "{numerator}"
    denominator: "{denominator}"
    factor: 100
    unit: "%"
    category: Ergänzungsindikator
    dimension: Kontext
    source: Testdaten
"""
SERIES = pl.DataFrame(
    {"series_id": [1, 2], "table_code": ["T-01", "T-01"], "path": [["Teil"], ["Gesamt"]]},
    schema={"series_id": pl.Int64, "table_code": pl.String, "path": pl.List(pl.String)},
)
STAND = dt.datetime(2024, 1, 1)


def _catalogue(tmp_path: Path) -> Catalogue:
    text = CATALOGUE + INDICATOR.format(code="T1", numerator="anteil", denominator="gesamt")
    text += INDICATOR.format(code="T2", numerator="lag(anteil, 1)", denominator="gesamt")
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return load_catalogue([path], include_builtin=False)


def _observations(rows: list[tuple[int, str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "series_id": series_id,
                "region_code": region,
                "year": year,
                "category": None,
                "value": value,
                "symbol": None,
                "bracketed": False,
                "import_id": 1,
                "stand": STAND,
            }
            for series_id, region, year, value in rows
        ],
        schema={
            "series_id": pl.Int64,
            "region_code": pl.String,
            "year": pl.Int64,
            "category": pl.String,
            "value": pl.Float64,
            "symbol": pl.String,
            "bracketed": pl.Boolean,
            "import_id": pl.Int64,
            "stand": pl.Datetime("us"),
        },
    )


ROWS = [
    (1, "02", 2020, 5.0),
    (2, "02", 2020, 50.0),
    (1, "01", 2020, 1.0),
    (1, "01", 2021, 2.0),
    (2, "01", 2020, 10.0),
    (2, "01", 2021, 10.0),
]


def test_split_by_series_slices_runs_and_partitions_otherwise() -> None:
    grouped = _observations(sorted(ROWS))
    slices = split_by_series(grouped)
    assert {key: frame.height for key, frame in slices.items()} == {1: 3, 2: 3}
    mixed = split_by_series(_observations(ROWS))
    assert {key: frame.height for key, frame in mixed.items()} == {1: 3, 2: 3}
    assert mixed[1].get_column("series_id").to_list() == [1, 1, 1]
    assert split_by_series(_observations([])) == {}


def test_alias_cache_uses_one_enum_over_observations_and_group_members(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    data = ComputeData(SERIES, _observations(ROWS), {"ring": ["01", "09"]})
    cache = AliasCache(catalogue, data)
    assert cache.regions.categories.to_list() == ["01", "02", "09"]
    binding = bindings_for(catalogue, frozenset({"anteil"}))["anteil"]
    prepared = cache.prepared(binding)
    assert prepared.schema["region_code"] == cache.regions
    assert cache.prepared(binding) is prepared  # kept
    cache.forget("anteil")
    assert cache.prepared(binding) is not prepared


def test_compute_catalogue_values_groups_and_schema(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    groups = {"ring": ["01", "02"], "leer": ["09"]}
    data = ComputeData(SERIES, _observations(ROWS), groups)
    result = compute_catalogue(catalogue, data)
    assert result.schema == pl.Schema(RESULT_SCHEMA)
    t1 = result.filter(pl.col("indicator_code") == "T1")
    assert t1.select("subject", "year", "value").rows() == [
        ("01", 2020, 10.0),
        ("01", 2021, 20.0),
        ("02", 2020, 10.0),
        (GROUP_PREFIX + "ring", 2020, 100.0 * 6 / 60),
        (GROUP_PREFIX + "ring", 2021, None),
        (GROUP_PREFIX + "leer", 2020, None),
        (GROUP_PREFIX + "leer", 2021, None),
    ]
    assert t1.get_column("missing_members").to_list()[3:] == [[], ["02"], ["09"], ["09"]]
    # the group rows equal group_value on the region rows
    parts = t1.filter(~pl.col("subject").str.starts_with(GROUP_PREFIX)).rename(
        {"subject": "region_code"}
    )
    parts = parts.with_columns(
        pl.lit(None, pl.String).alias("numerator_symbol"),
        pl.lit(None, pl.String).alias("denominator_symbol"),
    )
    ring = group_value(parts, groups["ring"], 100.0)
    assert ring.get_column("value").to_list() == [10.0, None]
    t2 = result.filter((pl.col("indicator_code") == "T2") & (pl.col("subject") == "01"))
    assert t2.select("year", "value").rows() == [(2020, None), (2021, 10.0)]
    assert compute_catalogue(catalogue, data, []).schema == pl.Schema(RESULT_SCHEMA)


def test_value_rows_encode_only_missing_members_as_json() -> None:
    frame = pl.DataFrame(
        {
            "indicator_code": ["A", "A", "A"],
            "subject": ["01", "group:g", "group:h"],
            "year": [2020, 2020, 2020],
            "value": [1.5, None, 2.0],
            "symbol": [None, None, None],
            "bracketed": [False, False, True],
            "numerator": [1.5, None, 4.0],
            "numerator_symbol": [None, "-", None],
            "denominator": [None, None, 2.0],
            "denominator_symbol": [None, ".", None],
            "missing_members": [None, ["01", "ä"], []],
        },
        schema=RESULT_SCHEMA,
    )
    rows = list(zip(*_value_columns(frame.select(VALUE_COLUMNS)), strict=True))
    assert rows == [
        ("A", "01", 2020, 1.5, None, False, 1.5, None, None, None, None),
        ("A", "group:g", 2020, None, None, False, None, "-", None, ".", json.dumps(["01", "ä"])),
        ("A", "group:h", 2020, 2.0, None, True, 4.0, None, 2.0, None, "[]"),
    ]


def test_a_dash_numerator_keeps_its_symbol_for_regions_and_groups(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    dash = (pl.col("series_id") == 1) & (pl.col("region_code") == "01") & (pl.col("year") == 2020)
    observations = _observations(ROWS).with_columns(
        pl.when(dash).then(None).otherwise(pl.col("value")).alias("value"),
        pl.when(dash).then(pl.lit("-")).otherwise(pl.col("symbol")).alias("symbol"),
    )
    groups = {"ring": ["01", "02"], "nur-01": ["01"]}
    data = ComputeData(SERIES, observations, groups)
    t1 = compute_catalogue(catalogue, data, [catalogue.indicator("T1")])
    columns = ["value", "symbol", "numerator", "numerator_symbol"]
    columns += ["denominator", "denominator_symbol"]
    rows = {(r[0], r[1]): r[2:] for r in t1.select("subject", "year", *columns).iter_rows()}
    # 01 in 2020: "-" / 10 = 0; the numerator is "-" (nichts vorhanden), not empty
    assert rows[("01", 2020)] == (0.0, None, None, "-", 10.0, None)
    # ring: 100 * (0 + 5) / (10 + 50) with the "-" counted as 0
    ring = rows[(GROUP_PREFIX + "ring", 2020)]
    assert ring[0] == pytest.approx(100 * 5 / 60)
    assert ring[1:] == (None, 5.0, None, 60.0, None)
    # a group whose only numerator is "-": "-" as for a region
    assert rows[(GROUP_PREFIX + "nur-01", 2020)][2:] == (None, "-", 10.0, None)
