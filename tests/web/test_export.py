"""CSV and XLSX exports of a table: German Excel conventions, symbols kept."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bildungsmonitor.web.export import csv_text, to_csv, to_xlsx
from bildungsmonitor.web.models import SourceOut
from bildungsmonitor.web.table import Column, Figure, Link, Table

SOURCE = SourceOut(file_name="t.csv", table_code="T-1", stand="01.01.2025", licence="Lizenz X.")
TABLE = Table(
    "Probe",
    [Column("region", "Region"), Column("value", "Wert", numeric=True)],
    [
        [Link("15082", "/regionen/15082"), Figure(6.8, None, "6,8")],
        ["15", Figure(None, "-", "-", symbol_label="nichts vorhanden (genau null)")],
        ["16", Figure(None, ".", ".", symbol_label="Zahlenwert unbekannt oder geheim zu halten")],
        ["14", Figure(12.0, None, "(12)", bracketed=True)],
        ["13", Figure(1269.0, None, "1269")],
        ["12", Figure(-2.5, None, "\u22122,5")],
    ],
    [SOURCE],
)


def test_csv_cells_use_decimal_comma_and_keep_symbols() -> None:
    assert csv_text(Figure(None, "x", "x")) == "x"
    assert csv_text(Figure(None, "...", "...")) == "..."
    assert csv_text(2.5) == "2,5"
    assert csv_text(3.0) == "3"
    assert csv_text(True) == "ja"
    assert csv_text(None) == ""
    assert csv_text(Link("a", "/a")) == "a"


def test_csv_writes_negative_numbers_with_hyphen_minus_for_excel() -> None:
    # Pages show »−2,5« (true minus sign); German Excel parses only »-2,5« as a number.
    assert csv_text(Figure(-2.5, None, "\u22122,5")) == "-2,5"
    assert csv_text(Figure(-2.5, None, "(\u22122,5)", bracketed=True)) == "(-2,5)"
    assert csv_text(Figure(None, "-", "-")) == "-"


def test_csv_has_bom_semicolons_and_a_source_footer() -> None:
    text = to_csv(TABLE).decode("utf-8")
    assert text.startswith("\ufeffRegion;Wert\r\n")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[1:7] == ["15082;6,8", "15;-", "16;.", "14;(12)", "13;1269", "12;-2,5"]
    assert lines[7] == ""
    assert lines[8] == "Quelle: Tabelle T-1, Datei t.csv, Stand 01.01.2025. Lizenz X."
    assert "- = nichts vorhanden (genau null)" in lines


def test_xlsx_has_numbers_as_numbers_and_symbols_as_text() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(TABLE)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        ("Region", "Wert"),
        ("15082", 6.8),
        ("15", "-"),
        ("16", "."),
        ("14", "(12)"),
        ("13", 1269),
        ("12", -2.5),
    ]
    assert sheet["B2"].number_format == "0.0"
    notes = [row[0] for row in workbook["Quelle"].iter_rows(values_only=True)]
    assert notes[0] == "Probe"
    assert SOURCE.citation in notes
