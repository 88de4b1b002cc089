"""Resolve a parsed ``Report`` into a ``Document``: blocks become elements, figures and
tables are numbered, and the table appendix holds the data of every figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bildungsmonitor.reports._columns import BODY, Measure, column_blocks, measure
from bildungsmonitor.reports.blocks import BLOCKS
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import (
    Block,
    Document,
    Element,
    FigureElement,
    Item,
    Prose,
    Section,
    TableElement,
)

Progress = Callable[[str], None]


def resolve(ctx: RenderContext, on_progress: Progress | None = None) -> Document:
    report = ctx.report
    intro = _elements(report.intro, ctx)
    sections = []
    for number, chapter in enumerate(report.chapters, start=1):
        if on_progress is not None:
            on_progress(f"Kapitel {number}/{len(report.chapters)}: {chapter.title}")
        section = Section(chapter.title, _elements(chapter.items, ctx))
        sections.append(section)
    leftover = ctx.take_footnotes()
    if leftover and sections:
        sections[-1].elements.append(leftover)
    document = Document(
        report,
        intro,
        sections,
        appendix=[],
        sources=sorted(
            f"{s.file_name} (Tabelle {s.table_code}), Stand {s.stand}; {s.licence}"
            for s in ctx.used_sources.values()
        ),
        stand=dt.date.today().strftime("%d.%m.%Y"),
    )
    _number(document)
    _fit_columns(document)
    return document


def _elements(items: list[Item], ctx: RenderContext) -> list[Element]:
    elements: list[Element] = []
    for item in items:
        if isinstance(item, Block):
            elements += _render_block(item, ctx)
        else:
            elements.append(Prose(item.markdown))
    return elements


def _render_block(block: Block, ctx: RenderContext) -> list[Element]:
    found: list[Element] = BLOCKS[block.kind].render(block.spec, ctx, block.where)
    return found


def _number(document: Document) -> None:
    figures = tables = 0
    everything = [*document.intro, *(e for s in document.sections for e in s.elements)]
    for element in everything:
        if isinstance(element, FigureElement):
            figures += 1
            element.number = figures
        elif isinstance(element, TableElement):
            tables += 1
            element.number = tables


def _fit_columns(document: Document) -> None:
    """Split wide tables into column blocks; the appendix in the fitting orientation."""
    kind = document.report.kind
    body = measure(kind, appendix=False)
    for section in document.sections:
        for element in section.elements:
            if isinstance(element, TableElement):
                element.blocks = column_blocks(element, body)
    appendix = measure(kind, appendix=True)
    document.appendix = [appendix_table(f, appendix) for f in document.figures()]
    for index, table in enumerate(document.appendix, start=1):
        table.number = index


def appendix_table(figure: FigureElement, where: Measure = BODY) -> TableElement:
    """The data behind a figure: regions × years (lines) or regions (bars, maps).

    A time series is printed with a row per region and a column per year, or — when
    that needs fewer column blocks, as for one Kreis with its references over many
    years — with a row per year and a column per region."""
    rows: list[dict[str, Any]] = figure.chart.table
    caption = f"Daten zu Abbildung {figure.number}: {figure.caption}"
    source = figure.chart.source
    if not rows or "Jahr" not in rows[0]:
        body = [[str(r["Region"]), str(r["Anzeige"])] for r in rows if r.get("Anzeige") != ""]
        return TableElement(caption, ["Region", "Wert"], body, source)
    years = sorted({int(r["Jahr"]) for r in rows})
    cells = {(str(r["Region"]), int(r["Jahr"])): str(r["Anzeige"]) for r in rows}
    regions = list(dict.fromkeys(str(r["Region"]) for r in rows))
    by_region = TableElement(
        caption,
        ["Region", *map(str, years)],
        [[name] + [cells.get((name, y), "") for y in years] for name in regions],
        source,
    )
    by_year = TableElement(
        caption,
        ["Jahr", *regions],
        [[str(y)] + [cells.get((name, y), "") for name in regions] for y in years],
        source,
    )
    by_region.blocks = column_blocks(by_region, where)
    by_year.blocks = column_blocks(by_year, where)
    return by_year if len(by_year.blocks) < len(by_region.blocks) else by_region
