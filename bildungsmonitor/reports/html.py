"""The report as one self-contained HTML document (inline CSS, figures as SVG data
URIs with alt text). The same HTML is the web output and WeasyPrint's input."""

from __future__ import annotations

import base64
import datetime as dt
from functools import singledispatch
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from bildungsmonitor.reports.model import (
    Document,
    Element,
    FigureElement,
    FootnotesElement,
    KennblattElement,
    KeyFigureElement,
    NoteRefs,
    Prose,
    TableElement,
    TablePart,
    note_anchor,
)
from bildungsmonitor.symbol import symbol_labels

ASSETS = Path(__file__).with_name("assets")
_ENV = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(["j2"]))
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_html(document: Document) -> str:
    template = _ENV.get_template("report.html.j2")
    return template.render(
        report=document.report,
        document=document,
        css=Markup((ASSETS / "report.css").read_text(encoding="utf-8")),
        symbols=list(symbol_labels().items()),
        stand_iso=dt.date.today().isoformat(),
        render=render_element,
        render_table=render_table,
    )


@singledispatch
def render_element(element: Element) -> Markup:
    raise TypeError(type(element))


@render_element.register
def _prose(element: Prose) -> Markup:
    # chapters are h1; the author's ## and ### stay as they are
    return Markup(_MARKDOWN.render(element.markdown))


@render_element.register
def _figure(element: FigureElement) -> Markup:
    data = base64.b64encode(element.svg.encode("utf-8")).decode("ascii")
    return Markup(
        '<figure class="chart" id="abb-{n}">'
        '<img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
        "<figcaption>Abbildung {n}: {caption}</figcaption>"
        '<p class="source">{source}</p>{notes}</figure>\n'
    ).format(
        n=element.number,
        data=data,
        alt=element.chart.alt_text,
        caption=element.caption,
        source=element.chart.source,
        notes=_note_refs(element.footnotes),
    )


def _note_refs(refs: NoteRefs | None) -> Markup:
    """»Anmerkungen 1, 3« linking to the chapter's notes."""
    if refs is None:
        return Markup("")
    links = Markup(", ").join(
        Markup('<a href="#{}">{}</a>').format(refs.anchor(n), n) for n in refs.numbers
    )
    word = "Anmerkung" if len(refs.numbers) == 1 else "Anmerkungen"
    return Markup('<p class="source notes-ref">{} {}</p>').format(word, links)


@render_element.register
def _table(element: TableElement) -> Markup:
    return render_table(element, "")


def render_table(table: TableElement, prefix: str) -> Markup:
    """One ``<table>`` per column block (``reports._columns``): the row headers are
    repeated in each, later blocks are captioned »Tabelle N (Fortsetzung)«."""
    parts = Markup("").join(_table_part(table, part, prefix) for part in table.parts())
    notes = Markup("").join(Markup('<p class="source">{}</p>').format(n) for n in table.notes)
    return Markup('{parts}{notes}<p class="source">{source}</p>{refs}\n').format(
        parts=parts, notes=notes, source=table.source, refs=_note_refs(table.footnotes)
    )


def _table_part(table: TableElement, part: TablePart, prefix: str) -> Markup:
    keys = table.numeric_from

    def cell(tag: str, index: int, text: str, scope: str) -> Markup:
        css = Markup(' class="num"') if index >= keys else Markup("")
        where = Markup(' scope="{}"').format(scope) if scope else Markup("")
        return Markup("<{t}{c}{s}>{x}</{t}>").format(t=tag, c=css, s=where, x=text)

    head = Markup("").join(cell("th", i, h, "col") for i, h in enumerate(part.header))
    body = Markup("").join(
        Markup("<tr>{}</tr>\n").format(
            Markup("").join(
                cell("th", i, c, "row") if i < keys else cell("td", i, c, "")
                for i, c in enumerate(row)
            )
        )
        for row in part.rows
    )
    ident = f"tab-{prefix}{table.number}" + (f"-{part.index}" if part.continued else "")
    label = f"Tabelle {prefix}{table.number}" + (f" {part.label}" if part.continued else "")
    css = ' class="continued"' if part.continued else ""
    return Markup(
        '<table id="{id}"{css}><caption>{label}: {caption}</caption>'
        "<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    ).format(id=ident, css=Markup(css), label=label, caption=table.caption, head=head, body=body)


@render_element.register
def _keyfigure(element: KeyFigureElement) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(c) for c in element.comparisons)
    return Markup(
        '<aside class="keyfigure"><p class="label">{label} ({period})</p>'
        '<p class="value">{value} <span class="unit">{unit}</span></p><ul>{items}</ul>'
        '<p class="source">{source}</p>{notes}</aside>\n'
    ).format(
        label=element.label,
        period=element.period,
        value=element.value,
        unit=element.unit,
        items=items,
        source=element.source,
        notes=_note_refs(element.footnotes),
    )


@render_element.register
def _kennblatt(element: KennblattElement) -> Markup:
    entries = Markup("").join(
        Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in element.entries
    )
    return Markup('<aside class="kennblatt"><h3>{}</h3><dl>{}</dl></aside>\n').format(
        element.title, entries
    )


@render_element.register
def _footnotes(element: FootnotesElement) -> Markup:
    items = Markup("").join(
        Markup('<li id="{}">{}</li>').format(note_anchor(element.group, n), text)
        for n, text in enumerate(element.notes, start=1)
    )
    return Markup('<aside class="footnotes"><h3>Anmerkungen</h3><ol>{}</ol></aside>\n').format(
        items
    )
