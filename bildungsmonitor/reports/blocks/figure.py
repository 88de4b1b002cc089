"""``bm-figure``: one chart of an indicator — bar, time series, map or small multiples.

Options: ``indicator`` (required), ``regions`` or ``group``, ``years`` (default: all
years for time series, latest for bar and map), ``kind`` (default ``timeseries``),
``references`` (Land, Deutschland, group; default true), ``title``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.chart import (
    Chart,
    Line,
    Point,
    bar_chart,
    choropleth,
    classify,
    small_multiples,
    time_series,
)
from bildungsmonitor.reports._data import Cell
from bildungsmonitor.reports.blocks._options import Options, Years
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import Element, FigureElement, Location

KIND = "figure"
KINDS = ("bar", "timeseries", "map", "small_multiples")
MAX_LINES = 8


@dataclass(frozen=True)
class Spec:
    indicator: Indicator
    regions: list[str] | None
    years: Years
    kind: str
    references: bool | None
    title: str


def parse(options: Options) -> Spec:
    kind = options.choice("kind", KINDS, "timeseries")
    default_years = "1900-2100" if kind in ("timeseries", "small_multiples") else "latest"
    spec = Spec(
        indicator=options.indicator(),
        regions=options.regions(),
        years=options.years(default=default_years),
        kind=kind,
        references=options.flag("references", True) if options.has("references") else None,
        title=options.text("title"),
    )
    options.finish()
    return spec


def render(spec: Spec, ctx: RenderContext, where: Location) -> list[Element]:
    subjects = spec.regions or ctx.default_subjects()
    shown = subjects + (ctx.references(subjects) if _references(spec) else [])
    available = sorted({y for s in subjects for y in ctx.data.years(spec.indicator, s)})
    years = spec.years.pick(available)
    if not years:
        return []
    builder = _BUILDERS["small_multiples" if _too_many(spec, shown) else spec.kind]
    chart = builder(spec, ctx, where, shown, years)
    notes = ctx.notes_for([spec.indicator], shown, years)
    return [FigureElement(chart, chart.title, footnotes=notes)]


def _references(spec: Spec) -> bool:
    """Default: reference values for rates and shares, not for counts or maps."""
    if spec.references is not None:
        return spec.references
    return spec.kind != "map" and spec.indicator.unit != "Anzahl"


def _is_reference(subject: str) -> bool:
    """Land (two digits), Deutschland (DG) and groups are drawn as reference values."""
    return len(subject) <= 2 or subject.startswith("group:")


def _too_many(spec: Spec, shown: list[str]) -> bool:
    return spec.kind == "timeseries" and len(shown) > MAX_LINES


def _title(spec: Spec, years: list[int]) -> str:
    if spec.title:
        return spec.title
    period = str(years[-1]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{spec.indicator.name} ({spec.indicator.unit}), {period}"


def _highlighted(ctx: RenderContext, subject: str) -> bool:
    return subject == ctx.report.subject


def _bar(
    spec: Spec, ctx: RenderContext, where: Location, shown: list[str], years: list[int]
) -> Chart:
    year = years[-1]
    cells = [ctx.data.cell(spec.indicator, s, year) for s in shown]
    points = []
    for cell in cells:
        ctx.record(spec.indicator, cell, where)
        kind = "reference" if _is_reference(cell.subject) else "region"
        points.append(
            Point(
                ctx.data.short_name(cell.subject),
                cell.value,
                cell.symbol,
                highlight=_highlighted(ctx, cell.subject),
                kind=kind,
            )
        )
    source = ctx.source_line(spec.indicator, cells)
    i = spec.indicator
    return bar_chart(_title(spec, [year]), i.unit, source, points, decimals=i.decimals)


def _lines(
    spec: Spec, ctx: RenderContext, where: Location, shown: list[str], years: list[int]
) -> tuple[list[Line], list[Cell]]:
    lines, cells = [], []
    for subject in shown:
        series = [ctx.data.cell(spec.indicator, subject, y) for y in years]
        present = [c for c in series if c.display != "keine Daten"]
        for cell in present:
            ctx.record(spec.indicator, cell, where)
        cells += present
        points = [(c.year, c.value, c.symbol) for c in series]
        label = ctx.data.short_name(subject)
        lines.append(Line(label, points, highlight=_highlighted(ctx, subject)))
    return lines, cells


def _timeseries(
    spec: Spec, ctx: RenderContext, where: Location, shown: list[str], years: list[int]
) -> Chart:
    lines, cells = _lines(spec, ctx, where, shown, years)
    i = spec.indicator
    source = ctx.source_line(i, cells)
    return time_series(_title(spec, years), i.unit, source, lines, decimals=i.decimals)


def _small_multiples(
    spec: Spec, ctx: RenderContext, where: Location, shown: list[str], years: list[int]
) -> Chart:
    lines, cells = _lines(spec, ctx, where, shown, years)
    i = spec.indicator
    source = ctx.source_line(i, cells)
    return small_multiples(_title(spec, years), i.unit, source, lines, decimals=i.decimals)


def _map(
    spec: Spec, ctx: RenderContext, where: Location, shown: list[str], years: list[int]
) -> Chart:
    year = years[-1]
    lands = {s[:2] for s in shown if len(s) == 5}
    everything = ctx.data.year_values(spec.indicator, year)
    cells = {
        s: c for s, c in everything.items() if s[:2] in lands and ctx.data.kreis_type(s) is not None
    }
    for subject in sorted(cells):  # every Kreis drawn also stands in the appendix table
        ctx.record(spec.indicator, cells[subject], where)
    numbers = [c.value for c in cells.values() if c.value is not None and c.symbol is None]
    i = spec.indicator
    classification = classify(numbers or [0.0], decimals=i.decimals)
    source = ctx.source_line(i, [cells[s] for s in shown if s in cells])
    return choropleth(
        _title(spec, [year]),
        i.unit,
        source,
        {s: (c.value, c.symbol) for s, c in cells.items()},
        classification,
        highlight=[s for s in shown if s in cells],
        decimals=i.decimals,
        region_names={s: ctx.data.short_name(s) for s in cells},
    )


_BUILDERS = {
    "bar": _bar,
    "timeseries": _timeseries,
    "small_multiples": _small_multiples,
    "map": _map,
}
