"""The long-format template for a municipality's own data (CSV or XLSX).

One row per value::

    regionalschluessel;zeitraum;merkmal;wert;einheit;quelle;bezeichnung;kategorie;stand
    15082;2023;schulsozialarbeit_vze;12,5;VZÄ;Jugendamt;Schulsozialarbeit (VZÄ);;01.02.2024

``wert`` is a number with decimal comma or a symbol of official statistics
(``-`` ``.`` ``x`` ``/`` ``...``, optionally in parentheses). Series from this format
belong to the table code ``eigene-daten``; their path is the ``merkmal`` code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.period import parse_period
from bildungsmonitor.ingest.table import Column, DataRow, ParsedTable, RegionRef
from bildungsmonitor.symbol import CellSyntaxError, parse_cell

TABLE_CODE = "eigene-daten"
REQUIRED = ("regionalschluessel", "zeitraum", "merkmal", "wert")
OPTIONAL = ("einheit", "quelle", "bezeichnung", "kategorie", "stand")
_SERIES_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
_STAND = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")

EXAMPLE = Path(__file__).parents[1] / "data" / "templates" / "eigene-daten-beispiel.csv"


def sniff(path: Path, head: bytes) -> bool:
    if path.suffix.lower() == ".xlsx":
        return True
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    return first.startswith(b"regionalschluessel;")


@dataclass
class _State:
    path: Path
    columns: dict[str, int] = field(default_factory=dict)
    series: dict[tuple[str, str], int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    rows: list[DataRow] = field(default_factory=list)
    regions: dict[str, RegionRef] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    stand: dt.datetime | None = None
    stand_text: str | None = None


def parse(path: Path) -> ParsedTable:
    """Read a long-format file; raise InputError naming file, line and column."""
    state = _State(path)
    records = _xlsx_records(path) if path.suffix.lower() == ".xlsx" else _csv_records(path)
    header_seen = False
    for line, fields in records:
        if not any(f.strip() for f in fields):
            continue
        if not header_seen:
            _read_header(state, fields, line)
            header_seen = True
            continue
        _read_row(state, fields, line)
    if not header_seen:
        raise InputError("Die Datei ist leer.", file=path, line=1)
    if not state.rows:
        raise InputError("Die Datei enthält keine Datenzeilen.", file=path, line=2)
    return _table(state)


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    yield from enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1)


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise InputError(f"Excel-Datei nicht lesbar ({exc}).", file=path, line=1) from exc
    sheet = workbook.worksheets[0]
    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield index, [_excel_text(v) for v in row]
    workbook.close()


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return (f"{value:.10f}".rstrip("0").rstrip(".")).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _read_header(state: _State, fields: list[str], line: int) -> None:
    names = [f.strip().lower() for f in fields]
    for number, name in enumerate(names, start=1):
        if name and name not in REQUIRED + OPTIONAL:
            raise InputError(
                f"Unbekannte Spalte »{fields[number - 1]}«; erlaubt sind "
                f"{', '.join(REQUIRED + OPTIONAL)}.",
                file=state.path,
                line=line,
                column=number,
            )
        if name:
            state.columns[name] = number - 1
    missing = [n for n in REQUIRED if n not in state.columns]
    if missing:
        raise InputError(
            f"Pflichtspalte(n) fehlen: {', '.join(missing)}.", file=state.path, line=line
        )


def _field(state: _State, fields: list[str], name: str) -> str:
    index = state.columns.get(name)
    if index is None or index >= len(fields):
        return ""
    return fields[index].strip()


def _fail(state: _State, reason: str, line: int, name: str) -> InputError:
    return InputError(reason, file=state.path, line=line, column=state.columns[name] + 1)


def _read_row(state: _State, fields: list[str], line: int) -> None:
    code = _field(state, fields, "regionalschluessel")
    if not code:
        raise _fail(state, "Regionalschlüssel fehlt.", line, "regionalschluessel")
    period = parse_period(_field(state, fields, "zeitraum"))
    if period is None:
        raise _fail(
            state,
            f"Zeitraum »{_field(state, fields, 'zeitraum')}« ist weder Jahr (2023), "
            "Stichtag (31.12.2023) noch Schuljahr (2022/23).",
            line,
            "zeitraum",
        )
    series_code = _field(state, fields, "merkmal")
    if not _SERIES_CODE.match(series_code):
        raise _fail(
            state,
            f"Merkmal »{series_code}« ist kein gültiger Code (Buchstaben, Ziffern, _ . -).",
            line,
            "merkmal",
        )
    text = _field(state, fields, "wert")
    try:
        cell = parse_cell(text)
    except CellSyntaxError:
        raise _fail(
            state,
            f"Wert »{text}« ist weder Zahl (mit Dezimalkomma) noch Zeichen der amtlichen "
            "Statistik (- . x / ...).",
            line,
            "wert",
        ) from None
    _remember_series(state, fields, line, series_code)
    category = _field(state, fields, "kategorie") or None
    column = _column_index(state, series_code)
    state.regions.setdefault(code, RegionRef(code, "", 0))
    state.rows.append(DataRow(line, period, code, category, [cell], column=column))
    _remember_source(state, fields, line)


def _column_index(state: _State, series_code: str) -> int:
    key = (series_code, "")
    if key not in state.series:
        state.series[key] = len(state.series)
    return state.series[key]


def _remember_series(state: _State, fields: list[str], line: int, series_code: str) -> None:
    unit = _field(state, fields, "einheit")
    known = state.units.setdefault(series_code, unit)
    if known != unit:
        raise _fail(
            state,
            f"Merkmal »{series_code}« hat zwei Einheiten: »{known}« und »{unit}«.",
            line,
            "einheit",
        )
    label = _field(state, fields, "bezeichnung")
    if label:
        state.labels.setdefault(series_code, label)


def _remember_source(state: _State, fields: list[str], line: int) -> None:
    source = _field(state, fields, "quelle")
    if source:
        state.sources.add(source)
    stand = _field(state, fields, "stand")
    if not stand or state.stand_text:
        return
    match = _STAND.match(stand)
    if not match:
        raise _fail(state, f"Stand »{stand}« ist kein Datum TT.MM.JJJJ.", line, "stand")
    day, month, year = (int(g) for g in match.groups())
    try:
        state.stand = dt.datetime(year, month, day)
    except ValueError:
        raise _fail(state, f"Stand »{stand}« ist kein gültiges Datum.", line, "stand") from None
    state.stand_text = stand


def _table(state: _State) -> ParsedTable:
    columns = [
        Column(index, (code,), state.units.get(code) or None)
        for (code, _), index in sorted(state.series.items(), key=lambda item: item[1])
    ]
    title = (
        "Eigene Daten: "
        + ", ".join(state.labels.get(c.path[0], c.path[0]) for c in columns[:5])
        + (" …" if len(columns) > 5 else "")
    )
    return ParsedTable(
        source_name=state.path.name,
        encoding="xlsx" if state.path.suffix.lower() == ".xlsx" else "utf-8",
        table_code=TABLE_CODE,
        title=title,
        columns=columns,
        rows=state.rows,
        regions=state.regions,
        stand=state.stand,
        stand_text=state.stand_text,
        licence=None,
        source_format="long-format",
        source="; ".join(sorted(state.sources)) or None,
        labels=dict(state.labels),
    )
