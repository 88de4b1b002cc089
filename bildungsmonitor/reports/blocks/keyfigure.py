"""``bm-keyfigure``: one value large, with its change and its position.

Options: ``indicator`` (required), ``region`` (default: the report's subject),
``year`` (default latest), ``since`` (year to compare with; default: the first year of
the last ten), ``label``.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute.figure import format_number
from bildungsmonitor.reports._data import Cell
from bildungsmonitor.reports.blocks._options import Options, Years
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import Element, KeyFigureElement, Location

KIND = "keyfigure"


@dataclass(frozen=True)
class Spec:
    indicator: Indicator
    region: str
    year: Years
    since: int | None
    label: str


def parse(options: Options) -> Spec:
    since = options.raw("since")
    if since is not None and not isinstance(since, int):
        raise options.fail("»since« muss ein Jahr sein, z. B. 2015.", "since")
    spec = Spec(
        indicator=options.indicator(),
        region=options.region(),
        year=options.years("year", default="latest"),
        since=since,
        label=options.text("label"),
    )
    options.finish()
    return spec


def render(spec: Spec, ctx: RenderContext, where: Location) -> list[Element]:
    i, data = spec.indicator, ctx.data
    available = data.years(i, spec.region)
    picked = spec.year.pick(available)
    if not picked:
        return []
    cell = data.cell(i, spec.region, picked[-1])
    ctx.record(i, cell, where)
    change, since = _change(ctx, spec, cell, available, where)
    lines = [change]
    shown = [spec.region]
    for ref in ctx.references([spec.region]):
        other = data.cell(i, ref, cell.year)
        if other.display != "keine Daten":
            lines.append(f"{data.short_name(ref)}: {ctx.record(i, other, where)}")
            shown.append(ref)
    lines.append(_position(ctx, i, cell))
    return [
        KeyFigureElement(
            spec.label or i.name,
            cell.display,
            i.unit,
            f"{data.short_name(spec.region)} {cell.year}",
            [line for line in lines if line],
            ctx.source_line(i, [cell]),
            ctx.notes_for([i], shown, [cell.year] if since is None else [since, cell.year]),
        )
    ]


def signed(value: float, decimals: int) -> str:
    text = format_number(abs(value), decimals)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _change(
    ctx: RenderContext, spec: Spec, cell: Cell, available: list[int], where: Location
) -> tuple[str, int | None]:
    """The line on the change since an earlier year, and that year (None: no line)."""
    earlier = [y for y in available if y < cell.year and y >= cell.year - 10]
    since = spec.since if spec.since is not None else (earlier[0] if earlier else None)
    if since is None or cell.value is None:
        return "", None
    before = ctx.data.cell(spec.indicator, spec.region, since)
    if before.value is None:
        return "", None
    ctx.record(spec.indicator, before, where)
    delta = signed(cell.value - before.value, spec.indicator.decimals)
    return f"Veränderung seit {since}: {delta} (damals {before.display})", since


def _position(ctx: RenderContext, indicator: Indicator, cell: Cell) -> str:
    values = ctx.data.same_type_values(indicator, cell.subject, cell.year)
    kind = ctx.data.kreis_type(cell.subject)
    if cell.value is None or len(values) < 5 or kind is None:
        return ""
    rank = 1 + sum(1 for v in values if v > cell.value)
    middle = format_number(median(values), indicator.decimals)
    plural = "Landkreise" if kind == "Landkreis" else "kreisfreien Städte"
    return f"Median der {plural}: {middle}; Rang {rank} von {len(values)} (absteigend)"
