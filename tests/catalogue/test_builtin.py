"""The built-in catalogue: complete, bound to the shipped data, reproducing published values."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from bildungsmonitor.catalogue import Catalogue, Indicator, load_catalogue
from bildungsmonitor.compute.binding import Binding, select
from bildungsmonitor.compute.evaluate import evaluate_parts
from bildungsmonitor.compute.formula import parse
from bildungsmonitor.ingest.genesis_csv import parse as parse_csv
from bildungsmonitor.ingest.table import ParsedTable

ROOT = Path(__file__).parents[2]
GENESIS = ROOT / "bildungsmonitor" / "data" / "genesis"
REFERENCE = ROOT / "tests" / "data" / "reference"
DOCS = ROOT / "docs" / "indicators.md"
# Kreise used to reproduce the published Regionalatlas values.
SAMPLE_REGIONS = ("01001", "01002", "14713", "15002", "16077", "05315", "09162")


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


@cache
def shipped_tables() -> dict[str, list[ParsedTable]]:
    tables: dict[str, list[ParsedTable]] = {}
    for path in sorted(GENESIS.glob("*.csv")):
        table = parse_csv(path)
        tables.setdefault(table.table_code, []).append(table)
    return tables


def binding(alias: str) -> Binding:
    return Binding.from_mapping(alias, catalogue().series[alias].model_dump(mode="json"))


def test_builtin_catalogue_has_enough_computable_indicators() -> None:
    computable = Counter(i.area for i in catalogue().indicators if i.computable)
    assert sum(computable[a] for a in "ACDE") >= 30
    assert all(computable[a] >= 5 for a in "ACDE")


def test_every_candidate_area_is_covered() -> None:
    areas = {i.area for i in catalogue().indicators}
    assert set("ABCDEFGHI") <= areas


def test_codes_are_unique_and_never_called_official() -> None:
    codes = [i.code for i in catalogue().indicators]
    assert len(codes) == len(set(codes))
    text = DOCS.read_text(encoding="utf-8")
    assert "Leitfaden-Kennzahl" not in text


@pytest.mark.parametrize("indicator", catalogue().indicators, ids=lambda i: i.code)
def test_formulas_parse_and_use_defined_aliases(indicator: Indicator) -> None:
    for text in (indicator.numerator, indicator.denominator):
        if text is not None:
            assert parse(text).names() <= catalogue().series.keys()
    if not indicator.computable:
        assert indicator.numerator is None


def test_every_alias_is_used() -> None:
    used: set[str] = set()
    for indicator in catalogue().indicators:
        for text in (indicator.numerator, indicator.denominator):
            if text is not None:
                used |= parse(text).names()
    for rule in catalogue().checks:
        used |= {rule.total, *rule.parts}
    assert set(catalogue().series) - used == set()


@pytest.mark.parametrize("alias", sorted(catalogue().series))
def test_binding_matches_exactly_one_column_of_a_shipped_file(alias: str) -> None:
    wanted = binding(alias)
    files = shipped_tables().get(wanted.table)
    assert files, f"Tabelle {wanted.table} wird nicht mitgeliefert"
    matched = 0
    for table in files:
        paths = {column.path for column in table.columns}
        hits = [path for path in paths if wanted.matches_series(table.table_code, path)]
        assert len(hits) <= 1, f"{alias} ist in {table.source_name} mehrdeutig: {hits}"
        if not hits:
            continue
        matched += 1
        if wanted.category is None:
            assert table.category_name is None, f"{alias}: Merkmal fehlt ({table.source_name})"
        else:
            categories = {row.category for row in table.rows}
            assert any(wanted.matches_category(c) for c in categories), table.source_name
    assert matched >= 1


def test_check_rules_never_add_dar_positions_to_siblings() -> None:
    for rule in catalogue().checks:
        if len(rule.parts) == 1:
            continue  # "dar. X <= total" is a valid rule; adding "dar." to siblings is not
        for alias in rule.parts:
            spec = catalogue().series[alias]
            labels = [*spec.path, spec.category or ""]
            assert not any(label.startswith("dar.") for label in labels), (rule.id, alias)


# --- reproducing the published Regionalatlas values ---------------------------------


def _frames(table_code: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``series`` and ``observations`` frames of one table, as the store would hold them."""
    series: dict[tuple[int, tuple[str, ...]], int] = {}
    observations: list[dict[str, object]] = []
    for import_id, table in enumerate(shipped_tables()[table_code]):
        for row in table.rows:
            if row.region_code not in SAMPLE_REGIONS:
                continue
            for column, cell in zip(table.columns, row.cells, strict=True):
                period = column.period or row.period
                assert period is not None
                sid = series.setdefault((import_id, column.path), len(series))
                observations.append(
                    {
                        "series_id": sid,
                        "region_code": row.region_code,
                        "year": period.year,
                        "category": row.category,
                        "value": cell.value,
                        "symbol": None if cell.symbol is None else cell.symbol.value,
                        "bracketed": cell.bracketed,
                        "import_id": import_id,
                        "stand": table.stand,
                    }
                )
    series_frame = pl.DataFrame(
        [
            {"series_id": i, "table_code": table_code, "path": list(p)}
            for (_, p), i in series.items()
        ]
    )
    return series_frame, pl.DataFrame(observations, infer_schema_length=None)


def _published(table_code: str, column_label: str) -> dict[tuple[str, int], float]:
    table = parse_csv(next(REFERENCE.glob(f"{table_code}_*.csv")))
    index = next(i for i, c in enumerate(table.columns) if column_label in c.path)
    published: dict[tuple[str, int], float] = {}
    for row in table.rows:
        value = row.cells[index].value
        if row.period is not None and value is not None:
            published[(row.region_code, row.period.year)] = value
    return published


REFERENCED = [i for i in catalogue().indicators if i.reference is not None and i.computable]
# Before 2012 the Regionalatlas used a differently derived average population (and 2011
# straddles the census break); from 2012 on the mean of the two 31.12. values reproduces it.
COMPARABLE_FROM = {"A1.1b": 2012, "A1.7": 2012}


def test_reference_tables_and_columns_exist() -> None:
    for indicator in catalogue().indicators:
        if indicator.reference is not None:
            ref = indicator.reference
            assert _published(ref.table, ref.column), indicator.code


@pytest.mark.parametrize("indicator", REFERENCED, ids=lambda i: i.code)
def test_indicator_reproduces_published_values(indicator: Indicator) -> None:
    assert indicator.reference is not None and indicator.numerator is not None
    numerator = parse(indicator.numerator)
    denominator = None if indicator.denominator is None else parse(indicator.denominator)
    aliases = numerator.names() | (denominator.names() if denominator else frozenset())
    inputs = {}
    for alias in aliases:
        wanted = binding(alias)
        inputs[alias] = select(wanted, *_frames(wanted.table))
    result = evaluate_parts(numerator, denominator, indicator.factor, inputs)
    published = _published(indicator.reference.table, indicator.reference.column)
    compared = 0
    for region, year, value in result.select("region_code", "year", "value").iter_rows():
        expected = published.get((region, year))
        if value is None or expected is None or year < COMPARABLE_FROM.get(indicator.code, 0):
            continue
        compared += 1
        assert abs(value - expected) <= 0.05 + 1e-9, (region, year, value, expected)
    assert compared >= 1, f"{indicator.code}: keine Jahre mit Referenzwert berechenbar"
