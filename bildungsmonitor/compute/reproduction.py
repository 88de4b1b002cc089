"""Compare computed indicators with published indicator tables (e.g. Regionalatlas).

A published table in the GENESIS format holds, per Kreis and year, the value of an
indicator at its published precision. The catalogue names the table and column
(``Indicator.reference``). Every Kreis-year cell both cover is compared after
rounding our value half up to the published number of decimals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.binding import normalize_label
from bildungsmonitor.compute.figure import round_half_up
from bildungsmonitor.ingest.genesis_csv import parse
from bildungsmonitor.ingest.table import ParsedTable
from bildungsmonitor.store.tables import IndicatorValue


@dataclass(frozen=True)
class Mismatch:
    indicator: str
    region_code: str
    year: int
    published: str
    computed: str
    reason: str = ""


@dataclass
class Reproduction:
    compared: int = 0
    matched: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    per_indicator: dict[str, tuple[int, int]] = field(default_factory=dict)
    not_comparable: int = 0
    """Cells before a reference's ``from_year`` (published method differs)."""

    @property
    def share(self) -> float:
        return self.matched / self.compared if self.compared else 0.0


Explain = Callable[[Mismatch], str]


def _column(table: ParsedTable, label: str) -> int:
    wanted = normalize_label(label)
    for column in table.columns:
        if any(normalize_label(p) == wanted for p in column.path):
            return column.index
    raise KeyError(f"{table.table_code}: Spalte »{label}« fehlt")


def published_cells(table: ParsedTable, label: str) -> dict[tuple[str, int], tuple[float, int]]:
    """Kreis-year → (published value, decimals); symbols are not comparable and left out."""
    index = _column(table, label)
    cells: dict[tuple[str, int], tuple[float, int]] = {}
    for row in table.rows:
        period = table.columns[index].period or row.period
        cell = row.cells[index]
        if len(row.region_code) != 5 or period is None or cell.value is None:
            continue
        cells[(row.region_code, period.year)] = (cell.value, cell.decimals)
    return cells


def compare_indicator(
    session: Session,
    indicator: Indicator,
    table: ParsedTable,
    explain: Explain,
    result: Reproduction,
) -> None:
    """Compare every Kreis-year cell both cover; record matches and explained mismatches."""
    reference = indicator.reference
    assert reference is not None
    ours = {
        (subject, year): value
        for subject, year, value in session.execute(
            select(IndicatorValue.subject, IndicatorValue.year, IndicatorValue.value).where(
                IndicatorValue.indicator_code == indicator.code,
                IndicatorValue.value.is_not(None),
            )
        )
    }
    compared = matched = 0
    for key, (published, decimals) in sorted(published_cells(table, reference.column).items()):
        value = ours.get(key)
        if value is None:
            continue
        if reference.from_year is not None and key[1] < reference.from_year:
            result.not_comparable += 1
            continue
        compared += 1
        computed = round_half_up(value, decimals)
        if computed == round_half_up(published, decimals):
            matched += 1
            continue
        shown = f"{published:.{decimals}f}"
        mismatch = Mismatch(indicator.code, key[0], key[1], shown, str(computed))
        result.mismatches.append(replace(mismatch, reason=explain(mismatch)))
    result.compared += compared
    result.matched += matched
    result.per_indicator[indicator.code] = (matched, compared)


def reproduce(
    session: Session, catalogue: Catalogue, reference_dir: Path, explain: Explain
) -> Reproduction:
    result = Reproduction()
    tables: dict[str, ParsedTable] = {}
    for indicator in catalogue.indicators:
        if indicator.reference is None or not indicator.computable:
            continue
        code = indicator.reference.table
        if code not in tables:
            path = reference_dir / f"{code}_00.csv"
            if not path.exists():
                continue
            tables[code] = parse(path)
        compare_indicator(session, indicator, tables[code], explain, result)
    return result
