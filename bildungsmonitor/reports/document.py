"""Resolve a parsed ``Report`` into a ``Document``: blocks become elements, figures and
tables are numbered, and the table appendix holds the data of every figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bildungsmonitor.reports.blocks import BLOCKS
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import (
    Block,
    Document,
    Element,
    FigureElement,
    FootnotesElement,
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
        sections[-1].elements.append(FootnotesElement(leftover))
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
    document.appendix = [appendix_table(f) for f in document.figures()]
    for index, table in enumerate(document.appendix, start=1):
        table.number = index
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


def appendix_table(figure: FigureElement) -> TableElement:
    """The data behind a figure: regions × years (lines) or regions (bars, maps)."""
    rows: list[dict[str, Any]] = figure.chart.table
    caption = f"Daten zu Abbildung {figure.number}: {figure.caption}"
    if rows and "Jahr" in rows[0]:
        years = sorted({int(r["Jahr"]) for r in rows})
        cells = {(r["Region"], int(r["Jahr"])): str(r["Anzeige"]) for r in rows}
        regions = list(dict.fromkeys(str(r["Region"]) for r in rows))
        body = [[name] + [cells.get((name, y), "") for y in years] for name in regions]
        return TableElement(caption, ["Region", *map(str, years)], body, figure.chart.source)
    body = [[str(r["Region"]), str(r["Anzeige"])] for r in rows if r.get("Anzeige") != ""]
    return TableElement(caption, ["Region", "Wert"], body, figure.chart.source)
