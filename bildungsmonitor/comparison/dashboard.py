"""The Vergleichsdashboard: the agreed indicators, members side by side with Land and
Deutschland, the ring's value (ratio of sums), time series (members, ring, the members'
Länder and Deutschland), rank and comparability warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Direction, Indicator, Steering
from bildungsmonitor.comparison.comparison_set import SetVersion
from bildungsmonitor.comparison.ring import Member, RingView
from bildungsmonitor.compute.figure import display
from bildungsmonitor.store.tables import IndicatorValue, Region

SERIES_YEARS = 10
KREISFREI = "kreisfreie Stadt"


@dataclass(frozen=True)
class Cell:
    value: float | None
    symbol: str | None
    bracketed: bool
    display: str
    numerator: float | None = None
    denominator: float | None = None
    numerator_symbol: str | None = None
    denominator_symbol: str | None = None


EMPTY = Cell(None, None, False, "keine Daten")


@dataclass(frozen=True)
class RingValue:
    cell: Cell
    numerator_sum: float | None
    denominator_sum: float | None
    missing_members: tuple[str, ...]


@dataclass(frozen=True)
class MemberFigure:
    member: Member
    cell: Cell
    rank: int | None
    land_cell: Cell


@dataclass
class IndicatorPanel:
    indicator: Indicator
    year: int | None
    members: list[MemberFigure] = field(default_factory=list)
    lands: list[tuple[str, str, Cell]] = field(default_factory=list)
    germany: Cell = EMPTY
    ring: RingValue | None = None
    years: list[int] = field(default_factory=list)
    series: dict[str, list[Cell]] = field(default_factory=dict)
    ring_series: list[Cell] = field(default_factory=list)
    land_series: dict[str, list[Cell]] = field(default_factory=dict)
    germany_series: list[Cell] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Dashboard:
    ring: RingView
    comparison_set: SetVersion | None
    panels: list[IndicatorPanel] = field(default_factory=list)
    ring_warnings: list[str] = field(default_factory=list)


def build_dashboard(
    session: Session, catalogue: Catalogue, ring: RingView, agreed: SetVersion | None
) -> Dashboard:
    board = Dashboard(ring, agreed, ring_warnings=ring_warnings(ring))
    for code in agreed.codes if agreed else ():
        board.panels.append(_panel(session, catalogue.indicator(code), ring))
    return board


def ring_warnings(ring: RingView) -> list[str]:
    warnings = []
    types = {m.region_type for m in ring.members}
    if len(types) > 1:
        cities = ", ".join(m.name for m in ring.members if m.region_type == KREISFREI)
        warnings.append(
            "Im Ring stehen kreisfreie Städte und Landkreise nebeneinander "
            f"(kreisfrei: {cities}); Aufgaben und Siedlungsstruktur unterscheiden sich."
        )
    lands = sorted({m.land for m in ring.members})
    if len(lands) > 1:
        warnings.append(
            f"Die Mitglieder liegen in {len(lands)} Ländern ({', '.join(lands)}): "
            "Schulsystem, Abschlüsse und Erhebungen folgen Landesrecht."
        )
    return warnings


def _cell(row: IndicatorValue | None, indicator: Indicator) -> Cell:
    if row is None:
        return EMPTY
    text = display(row.value, row.symbol, row.bracketed, indicator.decimals)
    return Cell(
        row.value,
        row.symbol,
        row.bracketed,
        text,
        row.numerator,
        row.denominator,
        row.numerator_symbol,
        row.denominator_symbol,
    )


def _panel(session: Session, indicator: Indicator, ring: RingView) -> IndicatorPanel:
    members = [m.code for m in ring.members]
    lands = sorted({code[:2] for code in members})
    rows = session.scalars(
        select(IndicatorValue).where(
            IndicatorValue.indicator_code == indicator.code,
            IndicatorValue.subject.in_([*members, *lands, "DG"]),
        )
    ).all()
    values = {(r.subject, r.year): r for r in rows}
    member_years = sorted({r.year for r in rows if r.subject in members and r.value is not None})
    year = _latest_full_year(values, members, member_years)
    panel = IndicatorPanel(indicator, year, warnings=indicator_warnings(indicator, ring))
    panel.years = member_years[-SERIES_YEARS:]
    for code in members:
        panel.series[code] = [_cell(values.get((code, y)), indicator) for y in panel.years]
    panel.ring_series = [ring_value(indicator, values, members, y).cell for y in panel.years]
    names = dict(
        session.execute(select(Region.code, Region.name).where(Region.code.in_(lands))).all()
    )
    for code in lands:
        panel.land_series[names.get(code, code)] = [
            _cell(values.get((code, y)), indicator) for y in panel.years
        ]
    panel.germany_series = [_cell(values.get(("DG", y)), indicator) for y in panel.years]
    if year is None:
        return panel
    cells = {code: _cell(values.get((code, year)), indicator) for code in members}
    ranks = _ranks(cells, indicator.direction)
    for member in ring.members:
        land = _cell(values.get((member.code[:2], year)), indicator)
        panel.members.append(MemberFigure(member, cells[member.code], ranks.get(member.code), land))
    panel.lands = [(c, names.get(c, c), _cell(values.get((c, year)), indicator)) for c in lands]
    panel.germany = _cell(values.get(("DG", year)), indicator)
    panel.ring = ring_value(indicator, values, members, year)
    return panel


def _latest_full_year(
    values: dict[tuple[str, int], IndicatorValue], members: list[str], years: list[int]
) -> int | None:
    """The latest year with a value for every member, else the latest with any value."""
    for year in reversed(years):
        if all(getattr(values.get((m, year)), "value", None) is not None for m in members):
            return year
    return years[-1] if years else None


def ring_value(
    indicator: Indicator,
    values: dict[tuple[str, int], IndicatorValue],
    members: list[str],
    year: int,
) -> RingValue:
    """``factor × Σnumerator / Σdenominator`` over the members (a count: ``factor × Σ``);
    computed only when every member has its parts. A part ``-`` (nichts vorhanden) counts
    as 0, any other symbol leaves the member missing; only ``-`` numerators give ``-``
    (as the stored group values)."""

    def number(value: float | None, symbol: str | None) -> float | None:
        return 0.0 if symbol == "-" else value

    rows = [values.get((m, year)) for m in members]
    parts = {
        m: (number(r.numerator, r.numerator_symbol), number(r.denominator, r.denominator_symbol))
        for m, r in zip(members, rows, strict=True)
        if r is not None
    }
    missing = tuple(
        m
        for m in members
        if m not in parts or parts[m][0] is None or (indicator.is_ratio and parts[m][1] is None)
    )
    if missing:
        return RingValue(Cell(None, None, False, "keine Daten"), None, None, missing)
    numerator = sum(num or 0.0 for num, _ in parts.values())
    denominator = sum(den or 0.0 for _, den in parts.values()) if indicator.is_ratio else None
    if denominator == 0:
        return RingValue(Cell(None, "x", False, "x"), numerator, denominator, ())
    if all(r is not None and r.numerator_symbol == "-" for r in rows):
        return RingValue(Cell(None, "-", False, "-"), numerator, denominator, ())
    if denominator is None:
        value = indicator.factor * numerator
        return RingValue(_plain(value, indicator), numerator, None, ())
    value = indicator.factor * numerator / denominator
    return RingValue(_plain(value, indicator, numerator, denominator), numerator, denominator, ())


def _plain(
    value: float, indicator: Indicator, num: float | None = None, den: float | None = None
) -> Cell:
    return Cell(value, None, False, display(value, None, False, indicator.decimals), num, den)


def _ranks(cells: dict[str, Cell], direction: Direction) -> dict[str, int]:
    """Rank 1 = best (highest, or lowest when lower is better); ties share the rank."""
    numeric = {c: cell.value for c, cell in cells.items() if cell.value is not None}
    descending = direction is not Direction.LOWER_BETTER
    ordered = sorted(numeric.values(), reverse=descending)
    return {code: ordered.index(value) + 1 for code, value in numeric.items()}


def indicator_warnings(indicator: Indicator, ring: RingView) -> list[str]:
    warnings = []
    kreise = [m for m in ring.members if m.region_type != KREISFREI]
    if indicator.steering is Steering.KREISFREIE_STADT and kreise:
        warnings.append(
            "Landkreise können diese Kennzahl nicht unmittelbar steuern (Aufgabe der "
            "Gemeinden bzw. kreisfreien Städte)."
        )
    if indicator.steering is Steering.LANDKREIS and len(kreise) < len(ring.members):
        warnings.append(
            "Die Steuerung liegt beim Landkreis; kreisfreie Städte vergleichen hier "
            "eine andere Aufgabenlage."
        )
    if indicator.steering is Steering.NONE:
        warnings.append("Die Kommunen können diese Kennzahl nicht unmittelbar steuern.")
    if indicator.comparability_warning and indicator.notes_comparability:
        warnings.append(indicator.notes_comparability)
    return warnings
