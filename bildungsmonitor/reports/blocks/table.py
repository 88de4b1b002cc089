"""``bm-table``: indicators × regions × years, with reference values.

Options: ``indicators`` (required, list), ``regions`` or ``group``, ``years`` (default
latest), ``references`` (Land, Deutschland, group; default true), ``title``,
``comment`` (a short text under the table).

With one year per indicator (``latest`` or a single year) the table has a row per
indicator and a column per region; otherwise a row per indicator and region and a
column per year.
"""

from __future__ import annotations

from dataclasses import dataclass

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.reports._data import Cell
from bildungsmonitor.reports.blocks._options import Options, Years
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import Element, Location, Prose, TableElement

KIND = "table"
EMPTY_NOTE = "Leeres Feld: für dieses Jahr liegt kein Wert vor."


@dataclass(frozen=True)
class Spec:
    indicators: list[Indicator]
    regions: list[str] | None
    years: Years
    references: bool
    title: str
    comment: str


def parse(options: Options) -> Spec:
    spec = Spec(
        indicators=options.indicators(),
        regions=options.regions(),
        years=options.years(default="latest"),
        references=options.flag("references", True),
        title=options.text("title"),
        comment=options.text("comment"),
    )
    options.finish()
    return spec


def render(spec: Spec, ctx: RenderContext, where: Location) -> list[Element]:
    subjects = spec.regions or ctx.default_subjects()
    shown = subjects + (ctx.references(subjects) if spec.references else [])
    years = {i.code: _years(spec, ctx, i, subjects) for i in spec.indicators}
    if not any(years.values()):
        return []
    single = all(len(y) <= 1 for y in years.values())
    table = (_by_region if single else _by_year)(spec, ctx, where, shown, years)
    table.footnotes = ctx.notes_for(
        [i for i in spec.indicators if years[i.code]],
        shown,
        {y for picked in years.values() for y in picked},
    )
    if any("" in row[table.numeric_from :] for row in table.rows):
        table.notes.append(EMPTY_NOTE)
    return [table, Prose(spec.comment)] if spec.comment else [table]


def _value(
    ctx: RenderContext, indicator: Indicator, subject: str, year: int, where: Location
) -> tuple[str, Cell | None]:
    cell = ctx.data.cell(indicator, subject, year)
    if cell.display == "keine Daten":
        return "", None
    return ctx.record(indicator, cell, where), cell


def _by_region(
    spec: Spec,
    ctx: RenderContext,
    where: Location,
    shown: list[str],
    years: dict[str, list[int]],
) -> TableElement:
    rows: list[list[str]] = []
    sources: list[tuple[Indicator, list[Cell]]] = []
    for indicator in spec.indicators:
        if not years[indicator.code]:
            continue
        year = years[indicator.code][0]
        row = [f"{indicator.name} ({indicator.unit})", str(year)]
        cells = []
        for subject in shown:
            text, cell = _value(ctx, indicator, subject, year, where)
            row.append(text)
            cells += [cell] if cell else []
        rows.append(row)
        sources.append((indicator, cells))
    header = ["Kennzahl", "Jahr", *(ctx.data.short_name(s) for s in shown)]
    all_years = sorted({y for ys in years.values() for y in ys})
    title = spec.title or _title(spec, all_years)
    return TableElement(title, header, rows, ctx.combined_source(sources), numeric_from=2)


def _by_year(
    spec: Spec,
    ctx: RenderContext,
    where: Location,
    shown: list[str],
    years: dict[str, list[int]],
) -> TableElement:
    columns = sorted({y for ys in years.values() for y in ys})
    rows: list[list[str]] = []
    sources: list[tuple[Indicator, list[Cell]]] = []
    for indicator in spec.indicators:
        cells: list[Cell] = []
        for subject in shown:
            row = [f"{indicator.name} ({indicator.unit})", ctx.data.short_name(subject)]
            for year in columns:
                text, cell = _value(ctx, indicator, subject, year, where)
                row.append(text)
                cells += [cell] if cell else []
            rows.append(row)
        sources.append((indicator, cells))
    header = ["Kennzahl", "Region", *map(str, columns)]
    title = spec.title or _title(spec, columns)
    return TableElement(title, header, rows, ctx.combined_source(sources), numeric_from=2)


def _years(spec: Spec, ctx: RenderContext, indicator: Indicator, subjects: list[str]) -> list[int]:
    available = sorted({y for s in subjects for y in ctx.data.years(indicator, s)})
    return spec.years.pick(available)


def _title(spec: Spec, years: list[int]) -> str:
    period = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    if len(spec.indicators) == 1:
        return f"{spec.indicators[0].name}, {period}"
    return f"Kennzahlen im Vergleich, {period}"
