"""Head of a GENESIS / Regionaldatenbank CSV export: periods, units, columns, categories.

Private helper of :mod:`bildungsmonitor.ingest.genesis_csv`. Everything here works on
the export *format* (what a header row, a unit row or a period label looks like), never
on particular tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bildungsmonitor.ingest.period import parse_period as read_period
from bildungsmonitor.ingest.table import Column, Period

_PERIOD_LINE = re.compile(
    r"^(?:Stichtag|Jahr|Berichtsjahr|Schuljahr|Zeit|Zeitraum):?\s*(\S+)$", re.IGNORECASE
)
_TIME_NAMES = frozenset({"stichtag", "jahr", "berichtsjahr", "schuljahr", "zeit", "zeitraum"})

_UNIT = re.compile(
    r"^(?:(?:Tsd|Mill|Mio|Mrd)\.\s*)?"
    r"(?:Anzahl|Prozent|%|Promille|‰|EUR|Euro|DM|qkm|km²|km|ha|m²|m³|t|kg|"
    r"Jahre|Tage|Stunden|Personen|Tsd\.)"
    r"(?:\s+je\s+\S.*)?$"
)
_TITLE_UNIT = re.compile(r"\(([^()]+)\)\s*$")

_AGE = re.compile(r"\d+\s*(?:bis (?:unter )?\d+\s*)?Jahre|unter \d+\s*Jahre|\d+\s*-\s*\d+\s*Jahre")
_AGE_LABEL = re.compile(
    r"(?:unter \d+|\d+ bis unter \d+|\d+\s*-\s*\d+|\d+)\s*Jahre(?: und (?:mehr|älter))?"
)
_QUALIFICATION = re.compile(
    r"^(?:ohne|mit|dar\.)\s.*(?:abschluss|reife)|hochschulreife", re.IGNORECASE
)
_CARE = re.compile(r"Tageseinrichtung|Tagespflege")
_WZ = re.compile(r"\([A-Z](?:\s*[-,]\s*[A-Z])*\)$")
_SCHOOL = re.compile(r"schul|gymnas|kolleg|orientierungsstufe|vorschul", re.IGNORECASE)

_DIMENSION_NAME = re.compile(
    r"^(?:Geschlecht|Nationalität|Altersgruppen?\b.*|Schulabschluss|Schulart|"
    r"Art der .+|Klassenstufe\b.*|Wirtschaftszweig.*)$"
)
_SEX = frozenset({"männlich", "weiblich", "Männer", "Frauen"})
_NATIONALITY = frozenset({"Deutsche", "Ausländer(innen)", "Ausländer", "ausländisch", "deutsch"})

_period_cache: dict[str, Period | None] = {}


def parse_period(text: str) -> Period | None:
    """Read a period label ("2023", "31.12.2015", "2022/23"); None if it is none (cached)."""
    try:
        return _period_cache[text]
    except KeyError:
        pass
    period = read_period(text)
    if len(_period_cache) < 10_000:
        _period_cache[text] = period
    return period


def period_line(first: str) -> Period | None:
    """A block line's period: ``2015`` alone or ``Stichtag: 30.06.2020``."""
    text = first.strip()
    period = parse_period(text)
    if period is None and (m := _PERIOD_LINE.match(text)):
        period = parse_period(m.group(1))
    return period


def is_unit(text: str) -> bool:
    """Whether a header cell names a unit of measurement ("Anzahl", "Tsd. EUR", ...)."""
    return bool(_UNIT.match(text.strip()))


def title_unit(lines: Iterable[str]) -> str | None:
    """The unit a title line ends with, as in "Bevölkerungsstand (Anzahl)"."""
    for line in lines:
        m = _TITLE_UNIT.search(line)
        if m and is_unit(m.group(1)):
            return m.group(1).strip()
    return None


@dataclass(frozen=True, slots=True)
class HeaderRow:
    """One header line: its 1-based line number and its fields."""

    line: int
    fields: list[str]


@dataclass(frozen=True, slots=True)
class Header:
    """The value columns the header rows describe, and where they start."""

    key_width: int
    width: int
    columns: list[Column]


def leading_empty(fields: Sequence[str]) -> int:
    """Number of empty fields a header row starts with."""
    count = 0
    for cell in fields:
        if cell.strip():
            break
        count += 1
    return count


def build_header(rows: list[HeaderRow], fallback_unit: str | None) -> Header:
    """Combine header rows into columns. Raises ValueError when there is no value column."""
    key = min(leading_empty(r.fields) for r in rows)
    width = max(_last_filled(r.fields) for r in rows)
    if width <= key:
        raise ValueError("Kopfzeilen ohne Wertespalten")
    grid = [_cells(r.fields, key, width) for r in rows]
    periods, grid = _take_period_row(grid)
    units: list[str] | None = None
    if grid and all(is_unit(c) for c in grid[-1] if c):
        units = grid.pop()
    columns = []
    for i in range(width - key):
        path = tuple(row[i] for row in grid if row[i])
        unit = (units[i] if units and units[i] else None) or fallback_unit
        period = periods[i] if periods else None
        columns.append(Column(i, path, unit, _dimensions(path), period))
    return Header(key, width, columns)


def _cells(fields: Sequence[str], start: int, stop: int) -> list[str]:
    cells = [c.strip() for c in fields[start:stop]]
    return cells + [""] * (stop - start - len(cells))


def _last_filled(fields: Sequence[str]) -> int:
    for i in range(len(fields) - 1, -1, -1):
        if fields[i].strip():
            return i + 1
    return 0


def _take_period_row(
    grid: list[list[str]],
) -> tuple[list[Period | None] | None, list[list[str]]]:
    """Split off a row of period labels (wide layout) and a time-name row above it."""
    for n, row in enumerate(grid):
        labels = [parse_period(c) if c else None for c in row]
        if any(labels) and all(p is not None for c, p in zip(row, labels, strict=True) if c):
            rest = [
                r
                for r in grid[:n] + grid[n + 1 :]
                if not all(c.lower() in _TIME_NAMES for c in r if c)
            ]
            return labels, rest
    return None, grid


def _dimensions(path: tuple[str, ...]) -> dict[str, str]:
    """Heuristic: what the labels of a column path mean (Geschlecht, Nationalität, ...)."""
    dims: dict[str, str] = {}
    i = 0
    while i < len(path):
        label = path[i]
        if _DIMENSION_NAME.match(label) and i + 1 < len(path):
            name = "Altersgruppe" if label.startswith("Altersgruppe") else label
            dims[name] = path[i + 1]
            i += 2
            continue
        kind = _value_kind(label)
        if kind and kind not in dims:
            dims[kind] = label
        i += 1
    return dims


def _value_kind(label: str) -> str | None:
    if label in _SEX:
        return "Geschlecht"
    if label in _NATIONALITY:
        return "Nationalität"
    if _AGE_LABEL.fullmatch(label):
        return "Altersgruppe"
    if _QUALIFICATION.search(label):
        return "Schulabschluss"
    return None


_CATEGORY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Altersgruppe", _AGE),
    ("Art der Betreuung", _CARE),
    ("Wirtschaftszweig", _WZ),
    ("Schulart", _SCHOOL),
)


def category_name(values: Iterable[str]) -> str:
    """Infer what an extra category column holds from its distinct values."""
    counts = dict.fromkeys((name for name, _ in _CATEGORY_KINDS), 0)
    for value in values:
        for name, pattern in _CATEGORY_KINDS:
            if pattern.search(value):
                counts[name] += 1
                break
    best = max(counts, key=lambda name: counts[name])
    return best if counts[best] else "Merkmal"
