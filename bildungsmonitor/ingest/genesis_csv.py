"""Parser for GENESIS / Regionaldatenbank CSV exports.

Understands the export *format*, never particular tables::

    GENESIS-Tabelle: <code>            (or "Tabelle: <code>")
    <title lines, wrapped>;;;;         (may hold "Stichtag: 30.06.2020" or "2015;;;;")
    ;;;<header row>                    (1-5 rows; maybe a period row, maybe a unit row)
    2023;14713;      Leipzig, Stadt;...  (data rows; period column optional, category optional)
    __________
    "<footnotes>"
    "© <licence>"
    Stand: 13.03.2025 / 16:40:08

See ``bildungsmonitor/data/SOURCES.md`` ("Formatbesonderheiten") for all variants.
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest._collector import collector_paused
from bildungsmonitor.ingest._genesis_foot import parse_foot
from bildungsmonitor.ingest._genesis_header import (
    Header,
    HeaderRow,
    build_header,
    category_name,
    parse_period,
    period_line,
    title_unit,
)
from bildungsmonitor.ingest.table import DataRow, ParsedTable, Period, RegionRef
from bildungsmonitor.symbol import Cell, CellSyntaxError, parse_cell

__all__ = ["parse"]

_FOOT_RULE = "__________"
_TABLE_LINE = re.compile(r"^(?:GENESIS-)?Tabelle:\s*(\S.*?)\s*$")
_REGION_CODE = re.compile(r"^(?:DG|\d{2}|\d{3}|\d{5}|\d{8}|\d{9}|\d{12})$")
_SHOWN = 60


def parse(path: Path) -> ParsedTable:
    """Parse a Regionaldatenbank / GENESIS CSV export into a :class:`ParsedTable`.

    Raises :class:`~bildungsmonitor.errors.InputError` (German reason, 1-based line and
    column) when the file is not such an export, is truncated or holds a malformed row.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Datei nicht lesbar ({exc.strerror})", file=path) from None
    text, encoding = _decode(raw)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    with collector_paused():  # millions of small objects
        return _Parser(path, lines, encoding).run()


def _decode(raw: bytes) -> tuple[str, str]:
    """Strict UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _only_first(fields: list[str]) -> bool:
    """Whether all fields after the first are empty."""
    return all(not cell.strip() for cell in fields[1:])


class _Parser:
    """One parse run over the decoded lines of one file."""

    def __init__(self, source: Path, lines: list[str], encoding: str) -> None:
        self.source = source
        self.lines = lines
        self.encoding = encoding
        self.title_lines: list[str] = []
        self.header_rows: list[HeaderRow] = []
        self.period: Period | None = None
        self.header: Header | None = None
        self.has_time = False
        self.has_category = False
        self.rows: list[DataRow] = []
        self.regions: dict[str, RegionRef] = {}
        self.categories: dict[str, None] = {}
        self.cells: dict[str, Cell] = {}

    def error(self, reason: str, line: int, column: int | None = None) -> InputError:
        return InputError(reason, file=self.source, line=line, column=column)

    def run(self) -> ParsedTable:
        table_code = self._table_code()
        start = self._head()
        self.header = self._build_header(start)
        foot = self._data(start)
        if not self.rows:
            raise self.error("die Datei enthält keine Datenzeilen", foot + 1)
        names = [region.name for region in self.regions.values()]
        tail = parse_foot(self.lines, foot + 1, self.source, names)
        return ParsedTable(
            source_name=self.source.name,
            encoding=self.encoding,
            table_code=table_code,
            title=" ".join(" ".join(self.title_lines).split()),
            columns=self.header.columns,
            rows=self.rows,
            regions=self.regions,
            stand=tail.stand,
            stand_text=tail.stand_text,
            licence=tail.licence,
            footnotes=tail.footnotes,
            category_name=category_name(self.categories) if self.has_category else None,
        )

    # -- head -------------------------------------------------------------------------

    def _table_code(self) -> str:
        first = self.lines[0].split(";", 1)[0].strip() if self.lines else ""
        m = _TABLE_LINE.match(first)
        if m is None:
            raise self.error(
                "keine GENESIS-Tabelle: die erste Zeile muss »GENESIS-Tabelle: <Code>« "
                "oder »Tabelle: <Code>« lauten",
                1,
            )
        return m.group(1)

    def _head(self) -> int:
        """Read title, block and header lines; return the index of the first other line."""
        reader = csv.reader((line + "\n" for line in self.lines[1:]), delimiter=";")
        consumed = 0
        try:
            for fields in reader:
                if self._head_record(consumed + 2, fields):
                    return consumed + 1
                consumed = reader.line_num
        except csv.Error:
            raise self.error("Kopfbereich ist kein gültiges CSV", consumed + 2) from None
        raise self.error("die Datei endet vor der ersten Datenzeile", max(len(self.lines), 1))

    def _head_record(self, line: int, fields: list[str]) -> bool:
        """Take one head record; True when it ends the head (data row, foot, junk)."""
        first = fields[0].strip() if fields else ""
        if first.startswith(_FOOT_RULE):
            return True
        if not first:
            if not _only_first(fields):
                self.header_rows.append(HeaderRow(line, fields))
            return False
        if not _only_first(fields):
            if not self.header_rows:
                raise self.error("keine Kopfzeile vor der ersten Datenzeile", line, 1)
            return True
        period = period_line(first)
        if period is not None:
            self.period = period
            return False
        if self.header_rows:
            return True
        self.title_lines.append(first)
        return False

    def _build_header(self, start: int) -> Header:
        if not self.header_rows:
            raise self.error(
                "keine Kopfzeile (Zeilen mit leeren Anfangsfeldern) gefunden", start + 1
            )
        try:
            return build_header(self.header_rows, title_unit(self.title_lines))
        except ValueError as exc:
            raise self.error(str(exc), self.header_rows[0].line) from None

    # -- data -------------------------------------------------------------------------

    def _data(self, start: int) -> int:
        """Read data lines from ``start``; return the index of the foot rule line."""
        lines = self.lines
        for index in range(start, len(lines)):
            line = lines[index]
            if line.startswith(_FOOT_RULE):
                return index
            fields = self._split_quoted(index + 1, line) if '"' in line else line.split(";")
            if fields[0].strip() and (len(fields) > 1 and fields[1].strip()):
                self._row(index + 1, fields)
            else:
                self._other_line(index + 1, fields)
        raise self.error(
            "der Fußblock »__________« fehlt – die Datei ist unvollständig",
            max(len(lines), 1),
        )

    def _split_quoted(self, line: int, text: str) -> list[str]:
        try:
            return next(csv.reader([text], delimiter=";"), [""])
        except csv.Error:
            raise self.error("Zeile ist kein gültiges CSV", line) from None

    def _other_line(self, line: int, fields: list[str]) -> None:
        """Blank line, block line (``2016;;;``, ``Stichtag: …``) or a malformed row."""
        first = fields[0].strip()
        if not first:
            if not _only_first(fields):
                raise self.error("Zeile beginnt mit einem leeren Feld", line, 1)
            return
        if not _only_first(fields):
            self._row(line, fields)
            return
        period = period_line(first)
        if period is None:
            raise self.error(
                f"Zeile »{_shown(first)}« ist weder Datenzeile noch Zeitangabe", line, 1
            )
        self.period = period

    def _layout(self, line: int, fields: list[str]) -> None:
        """Decide from the first data row whether it starts with a period column."""
        assert self.header is not None
        key = self.header.key_width
        if key == 3:
            self.has_time = parse_period(fields[0]) is not None
            self.has_category = not self.has_time
        elif key in (2, 4):
            self.has_time = self.has_category = key == 4
        else:
            raise self.error(
                f"Kopfzeilen beginnen mit {key} leeren Feldern, erwartet 2 bis 4",
                self.header_rows[0].line,
            )

    def _row(self, line: int, fields: list[str]) -> None:
        header = self.header
        assert header is not None
        if not self.rows:
            self._layout(line, fields)
        if len(fields) != header.width:
            fields = self._fit(line, fields, header.width)
        period, pos = self.period, 0
        if self.has_time:
            period, pos = parse_period(fields[0]), 1
            if period is None:
                raise self.error(f"Zeitangabe »{_shown(fields[0])}« ist nicht lesbar", line, 1)
        code = fields[pos].strip()
        if code not in self.regions:
            self._region(line, pos, code, fields[pos + 1])
        category = self._category(line, fields[pos + 2], pos + 3) if self.has_category else None
        values = fields[header.key_width :]
        try:
            cells = list(map(self.cells.__getitem__, values))
        except KeyError:
            cells = self._parse_cells(line, header.key_width, values)
        self.rows.append(DataRow(line, period, code, category, cells))

    def _fit(self, line: int, fields: list[str], width: int) -> list[str]:
        if len(fields) < width:
            raise self.error(
                f"Datenzeile hat {len(fields)} Felder, die Kopfzeilen verlangen {width}",
                line,
                len(fields) + 1,
            )
        for offset, extra in enumerate(fields[width:]):
            if extra.strip():
                raise self.error(
                    f"Wert »{_shown(extra)}« steht außerhalb der {width} Spalten der Kopfzeilen",
                    line,
                    width + offset + 1,
                )
        return fields[:width]

    def _region(self, line: int, pos: int, code: str, name: str) -> None:
        if not _REGION_CODE.match(code):
            raise self.error(f"Regionalschlüssel »{_shown(code)}« ist ungültig", line, pos + 1)
        stripped = name.strip()
        if not stripped:
            raise self.error("Regionsname fehlt", line, pos + 2)
        indent = len(name) - len(name.lstrip(" "))
        self.regions[code] = RegionRef(code, stripped, indent)

    def _category(self, line: int, text: str, column: int) -> str:
        category = text.strip()
        if not category:
            raise self.error("Merkmal (Kategorie) fehlt", line, column)
        self.categories[category] = None
        return category

    def _parse_cells(self, line: int, first_field: int, values: list[str]) -> list[Cell]:
        cache = self.cells
        cells: list[Cell] = []
        for offset, text in enumerate(values):
            cell = cache.get(text)
            if cell is None:
                cell = self._parse_cell(text, line, first_field + offset + 1)
                cache[text] = cell
            cells.append(cell)
        return cells

    def _parse_cell(self, text: str, line: int, column: int) -> Cell:
        try:
            return parse_cell(text)
        except CellSyntaxError:
            if not text.strip():
                raise self.error("Wert fehlt (leeres Feld)", line, column) from None
            raise self.error(
                f"Wert »{_shown(text)}« ist weder Zahl noch Zeichen der amtlichen Statistik",
                line,
                column,
            ) from None
