"""CSV and XLSX exports of a ``Table``.

CSV is German-Excel-friendly: ``;`` as separator, decimal comma, hyphen-minus for negative
numbers (pages show a true minus sign), UTF-8 with BOM. Symbols
of official statistics are written as they are (``-``, ``.``, ``x``, ``/``, ``...``), never
as 0. Below the rows, after one empty line, follow the source lines and the meaning of
the symbols (as in the official GENESIS exports).
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from bildungsmonitor.web.table import CellValue, Figure, Link, Table

BOM = "\ufeff"


def csv_text(cell: CellValue) -> str:
    """One cell as CSV text (decimal comma, symbols kept)."""
    if cell is None:
        return ""
    if isinstance(cell, Figure):
        # Pages show a true minus sign (»−2,5«); Excel reads only the hyphen-minus.
        return cell.display.replace("\u2212", "-")
    if isinstance(cell, Link):
        return cell.text
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, float):
        text = repr(cell)
        return text.removesuffix(".0").replace(".", ",")
    return str(cell)


def footer_lines(table: Table) -> list[str]:
    lines = [source.citation for source in table.sources]
    lines += [f"{symbol} = {label}" for symbol, label in table.symbols.items()]
    return lines


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    writer.writerows([csv_text(cell) for cell in row] for row in table.rows)
    footer = footer_lines(table)
    if footer:
        writer.writerow([])
        writer.writerows([line] for line in footer)
    return (BOM + buffer.getvalue()).encode("utf-8")


def xlsx_value(cell: CellValue) -> str | int | float | None:
    """One cell for Excel: plain numbers as numbers, symbols and bracketed values as text."""
    if isinstance(cell, Figure):
        if cell.is_plain_number and cell.value is not None:
            return int(cell.value) if "," not in cell.display else cell.value
        return cell.display
    if isinstance(cell, Link):
        return cell.text
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    return cell


def _number_format(cell: CellValue) -> str | None:
    if isinstance(cell, Figure) and cell.is_plain_number and "," in cell.display:
        decimals = len(cell.display) - cell.display.index(",") - 1
        return "0." + "0" * decimals
    return None


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.name[:31]
    sheet.append([column.label for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([xlsx_value(cell) for cell in row])
        for target, value in zip(sheet[sheet.max_row], row, strict=True):
            number_format = _number_format(value)
            if number_format:
                target.number_format = number_format
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("Quelle")
    notes.append([table.caption])
    for line in footer_lines(table):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
