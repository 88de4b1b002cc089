"""Generated *Kernaussagen*: short German sentences drawn from the data — the largest
changes, the position against the Land and against the median of Kreise of the same
type, the spread within a region group. ``new`` writes them into the template as plain
text, so the author keeps, edits or deletes them."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.compute.figure import format_number
from bildungsmonitor.reports._data import ReportData

WINDOW = 10


@dataclass(frozen=True)
class Statement:
    weight: float
    text: str


def area_statements(
    data: ReportData, indicators: list[Indicator], subject: str, limit: int = 4
) -> list[str]:
    """The most telling sentences for ``subject`` over ``indicators``, strongest first."""
    found: list[Statement] = []
    for indicator in indicators:
        found += indicator_statements(data, indicator, subject)
    found.sort(key=lambda s: -s.weight)
    return [s.text for s in found[:limit]]


def indicator_statements(data: ReportData, indicator: Indicator, subject: str) -> list[Statement]:
    if subject.startswith(GROUP_PREFIX):
        spread = _spread(data, indicator, subject)
        return [spread] if spread else []
    found = [_change(data, indicator, subject), _position(data, indicator, subject)]
    kept = [s for s in found if s is not None]
    if not kept:
        level = _level(data, indicator, subject)
        kept = [level] if level is not None else []
    return kept


def _number(indicator: Indicator, value: float) -> str:
    text = format_number(abs(value), indicator.decimals)
    sign = "−" if value < 0 else ""
    unit = "" if indicator.unit == "Anzahl" else f" {indicator.unit}"
    return f"{sign}{text}{unit}"


def _change(data: ReportData, indicator: Indicator, subject: str) -> Statement | None:
    years = [y for y in data.years(indicator, subject) if data.cell(indicator, subject, y).value]
    if len(years) < 2:
        return None
    last = years[-1]
    first = next(y for y in years if y >= last - WINDOW)
    if first == last:
        return None
    before = data.cell(indicator, subject, first).value or 0.0
    after = data.cell(indicator, subject, last).value or 0.0
    relative = (after - before) / abs(before)
    if abs(relative) < 0.005:
        verb = "ist nahezu unverändert geblieben"
    else:
        verb = "ist gestiegen" if relative > 0 else "ist gesunken"
    percent = format_number(abs(relative) * 100, 1)
    text = (
        f"{indicator.name} {verb}: von {_number(indicator, before)} ({first}) auf "
        f"{_number(indicator, after)} ({last}), das sind {percent} % "
        f"{'mehr' if relative > 0 else 'weniger'}."
    )
    return Statement(min(abs(relative), 2.0), text)


def _position(data: ReportData, indicator: Indicator, subject: str) -> Statement | None:
    years = data.years(indicator, subject)
    if not years:
        return None
    cell = data.cell(indicator, subject, years[-1])
    land = data.cell(indicator, subject[:2], cell.year)
    if indicator.unit == "Anzahl" or len(subject) < 5:
        return None  # counts of a Kreis and its Land are not comparable
    if cell.value is None or land.value is None or land.value == 0:
        return None
    gap = (cell.value - land.value) / abs(land.value)
    relation = "über" if gap > 0 else "unter"
    text = (
        f"{indicator.name} liegt {cell.year} mit {_number(indicator, cell.value)} "
        f"{format_number(abs(gap) * 100, 0)} % {relation} dem Wert für "
        f"{data.short_name(subject[:2])} ({_number(indicator, land.value)})"
    )
    values = data.same_type_values(indicator, subject, cell.year)
    if len(values) >= 5:
        kind = "Landkreise" if data.kreis_type(subject) == "Landkreis" else "kreisfreien Städte"
        text += f"; der Median der {kind} beträgt {_number(indicator, median(values))}"
    return Statement(min(abs(gap), 2.0) * 0.8, text + ".")


def _level(data: ReportData, indicator: Indicator, subject: str) -> Statement | None:
    """Fallback for a single year or a count: the value, and a count's share of its Land."""
    years = [y for y in data.years(indicator, subject) if data.cell(indicator, subject, y).value]
    if not years:
        return None
    cell = data.cell(indicator, subject, years[-1])
    if cell.value is None:
        return None
    text = f"{indicator.name} {cell.year}: {_number(indicator, cell.value)}"
    land = data.cell(indicator, subject[:2], cell.year) if len(subject) == 5 else None
    if indicator.unit == "Anzahl" and land is not None and land.value:
        share = format_number(100 * cell.value / land.value, 1)
        text += f"; das sind {share} % des Wertes für {data.short_name(subject[:2])}"
    return Statement(0.01, text + ".")


def _spread(data: ReportData, indicator: Indicator, subject: str) -> Statement | None:
    years = data.years(indicator, subject)
    if not years:
        return None
    year = years[-1]
    cells = [data.cell(indicator, m, year) for m in data.members(subject)]
    known = sorted((c for c in cells if c.value is not None), key=lambda c: c.value or 0.0)
    if len(known) < 2 or known[0].value is None or known[-1].value is None:
        return None
    low, high = known[0], known[-1]
    width = (high.value or 0.0) - (low.value or 0.0)
    scale = abs(high.value or 1.0) or 1.0
    text = (
        f"{indicator.name} reicht {year} in der Gruppe von {_number(indicator, low.value or 0.0)} "
        f"({data.short_name(low.subject)}) bis {_number(indicator, high.value or 0.0)} "
        f"({data.short_name(high.subject)})."
    )
    return Statement(min(width / scale, 2.0), text)
