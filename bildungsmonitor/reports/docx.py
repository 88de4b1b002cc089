"""The report as DOCX: Word headings (Heading 1–3), real tables, figures as PNG at
print resolution with their alt text, captions, source lines and the appendix."""

from __future__ import annotations

import io
from functools import singledispatch
from pathlib import Path
from typing import Any

from docx import Document as WordDocument
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token

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
)
from bildungsmonitor.symbol import symbol_labels

_MARKDOWN = MarkdownIt("commonmark")
FIGURE_WIDTH = Cm(16)
TABLE_FONT = Pt(9)  # as in the PDF, so the column blocks of reports._columns fit


def write_docx(document: Document, target: Path) -> None:
    doc = WordDocument()
    doc.core_properties.title = document.report.title
    doc.core_properties.language = "de-DE"
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(10.5)
    _title_page(doc, document)
    for element in document.intro:
        add_element(element, doc)
    for section in document.sections:
        doc.add_heading(section.title, level=1)
        for element in section.elements:
            add_element(element, doc)
    doc.add_heading("Tabellenanhang", level=1)
    for table in document.appendix:
        _add_table(doc, table, "A")
    _imprint(doc, document)
    doc.save(str(target))


def _title_page(doc: DocxDocument, document: Document) -> None:
    report = document.report
    doc.add_paragraph(report.title, style="Title")
    for line in (report.subtitle, report.subject_name, report.author, f"Stand {document.stand}"):
        if line:
            doc.add_paragraph(line, style="Subtitle")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _imprint(doc: DocxDocument, document: Document) -> None:
    doc.add_heading("Impressum", level=1)
    doc.add_paragraph(
        "Datengrundlage: amtliche Statistik. © Statistische Ämter des Bundes und der Länder; "
        "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0). "
        "Geodaten: © GeoBasis-DE / BKG (Daten verändert), dl-de/by-2-0. "
        f"Stand des Berichts: {document.stand}."
    )
    doc.add_heading("Verwendete Quellen", level=2)
    for source in document.sources:
        doc.add_paragraph(source, style="List Bullet")
    doc.add_heading("Zeichenerklärung", level=2)
    for symbol, label in symbol_labels().items():
        doc.add_paragraph(f"{symbol} = {label}", style="List Bullet")


@singledispatch
def add_element(element: Element, doc: DocxDocument) -> None:
    raise TypeError(type(element))


@add_element.register
def _prose(element: Prose, doc: DocxDocument) -> None:
    tokens = _MARKDOWN.parse(element.markdown)
    style = "Normal"
    for token in tokens:
        if token.type == "heading_open":
            style = f"Heading {min(int(token.tag[1]), 3)}"
        elif token.type == "bullet_list_open":
            style = "List Bullet"
        elif token.type == "ordered_list_open":
            style = "List Number"
        elif token.type in ("bullet_list_close", "ordered_list_close", "heading_close"):
            style = "Normal"
        elif token.type == "inline":
            _inline(doc.add_paragraph(style=style), token)
        elif token.type in ("fence", "code_block"):
            doc.add_paragraph(token.content, style="Normal")


def _inline(paragraph: Any, token: Token) -> None:
    bold = italic = False
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold, italic
        elif child.type == "softbreak":
            paragraph.add_run(" ")


@add_element.register
def _figure(element: FigureElement, doc: DocxDocument) -> None:
    doc.add_picture(io.BytesIO(element.png), width=FIGURE_WIDTH)
    picture = doc.inline_shapes[-1]
    picture._inline.docPr.set("descr", element.chart.alt_text)  # alt text for screen readers
    doc.add_paragraph(f"Abbildung {element.number}: {element.caption}", style="Caption")
    _source(doc, element.chart.source)
    _note_refs(doc, element.footnotes)


def _source(doc: DocxDocument, text: str) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(8)


def _note_refs(doc: DocxDocument, refs: NoteRefs | None) -> None:
    if refs is not None:
        word = "Anmerkung" if len(refs.numbers) == 1 else "Anmerkungen"
        _source(doc, f"{word} {', '.join(map(str, refs.numbers))}")


@add_element.register
def _table(element: TableElement, doc: DocxDocument) -> None:
    _add_table(doc, element, "")


def _add_table(doc: DocxDocument, table: TableElement, prefix: str) -> None:
    """One Word table per column block, as in the PDF; the header row repeats on every
    page and rows do not break across pages."""
    for part in table.parts():
        label = f"Tabelle {prefix}{table.number}" + (f" {part.label}" if part.continued else "")
        doc.add_paragraph(f"{label}: {table.caption}", style="Caption")
        _add_grid(doc, part, table.numeric_from)
    for note in table.notes:
        _source(doc, note)
    _source(doc, table.source)
    _note_refs(doc, table.footnotes)


def _add_grid(doc: DocxDocument, part: TablePart, numeric_from: int) -> None:
    grid = doc.add_table(rows=1, cols=len(part.header))
    grid.style = "Table Grid"
    _repeat_header(grid.rows[0])
    for index, text in enumerate(part.header):
        _cell(grid.rows[0].cells[index], text, bold=True)
    for row in part.rows:
        added = grid.add_row()
        _keep_row(added)
        for index, text in enumerate(row):
            paragraph = _cell(added.cells[index], text, bold=False)
            if index >= numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _cell(cell: Any, text: str, *, bold: bool) -> Any:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = TABLE_FONT
    return paragraph


def _repeat_header(row: Any) -> None:
    """Mark the header row to repeat at the top of each page (``w:tblHeader``)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _keep_row(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


@add_element.register
def _keyfigure(element: KeyFigureElement, doc: DocxDocument) -> None:
    doc.add_paragraph(f"{element.label} ({element.period})", style="Heading 3")
    run = doc.add_paragraph().add_run(f"{element.value} {element.unit}")
    run.bold = True
    run.font.size = Pt(18)
    for line in element.comparisons:
        doc.add_paragraph(line, style="List Bullet")
    _source(doc, element.source)
    _note_refs(doc, element.footnotes)


@add_element.register
def _kennblatt(element: KennblattElement, doc: DocxDocument) -> None:
    doc.add_heading(element.title, level=3)
    for label, text in element.entries:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text)


@add_element.register
def _footnotes(element: FootnotesElement, doc: DocxDocument) -> None:
    doc.add_paragraph("Anmerkungen", style="Heading 3")
    for number, note in enumerate(element.notes, start=1):
        paragraph = doc.add_paragraph()  # numbered as the figures refer to them
        paragraph.add_run(f"{number}. {note}").font.size = Pt(8.5)
