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
    Prose,
    TableElement,
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
        '<p class="source">{source}</p></figure>\n'
    ).format(
        n=element.number,
        data=data,
        alt=element.chart.alt_text,
        caption=element.caption,
        source=element.chart.source,
    )


@render_element.register
def _table(element: TableElement) -> Markup:
    return render_table(element, "")


def render_table(table: TableElement, prefix: str) -> Markup:
    def cell(tag: str, index: int, text: str) -> Markup:
        css = ' class="num"' if index >= table.numeric_from else ""
        scope = ' scope="col"' if tag == "th" else ""
        return Markup("<{t}{c}{s}>{x}</{t}>").format(t=tag, c=Markup(css), s=Markup(scope), x=text)

    head = Markup("").join(cell("th", i, h) for i, h in enumerate(table.header))
    body = Markup("").join(
        Markup("<tr>{}</tr>\n").format(Markup("").join(cell("td", i, c) for i, c in enumerate(r)))
        for r in table.rows
    )
    notes = Markup("").join(Markup('<p class="source">{}</p>').format(n) for n in table.notes)
    return Markup(
        '<table id="tab-{p}{n}"><caption>Tabelle {p}{n}: {caption}</caption>'
        "<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        '{notes}<p class="source">{source}</p>\n'
    ).format(
        p=prefix,
        n=table.number,
        caption=table.caption,
        head=head,
        body=body,
        notes=notes,
        source=table.source,
    )


@render_element.register
def _keyfigure(element: KeyFigureElement) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(c) for c in element.comparisons)
    return Markup(
        '<aside class="keyfigure"><p class="label">{label} ({period})</p>'
        '<p class="value">{value} <span class="unit">{unit}</span></p><ul>{items}</ul>'
        '<p class="source">{source}</p></aside>\n'
    ).format(
        label=element.label,
        period=element.period,
        value=element.value,
        unit=element.unit,
        items=items,
        source=element.source,
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
    items = Markup("").join(Markup("<li>{}</li>").format(n) for n in element.notes)
    return Markup('<aside class="footnotes"><h3>Anmerkungen</h3><ol>{}</ol></aside>\n').format(
        items
    )
