"""The format-independent shape every source format parser produces.

A parser (``ingest/<format>.py``) turns a file into a ``ParsedTable``; the loader
(``ingest/loader.py``) writes it to the store. Nothing here knows about a
particular statistical table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bildungsmonitor.symbol import Cell


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period as the source gives it, with the derived reporting year.

    ``text`` is verbatim ("2023", "31.12.2015", "2022/23"); ``date`` is the
    Stichtag when there is one; ``year`` is the year official statistics report
    the value under (school year 2022/23 -> 2023, Stichtag 01.03.2016 -> 2016).
    """

    text: str
    year: int
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """One value column of a table.

    ``path`` holds the header labels from top to bottom (without the unit row and
    without period labels), e.g. ``("Absolvierende/Abgehende ... nach dem Abschluss",
    "ohne Hauptschulabschluss", "weiblich")``. ``dimensions`` names what the labels
    mean where that can be told, e.g. ``{"Geschlecht": "weiblich"}``. ``period`` is
    set when the period is given by the column header (wide layout).
    """

    index: int
    path: tuple[str, ...]
    unit: str | None
    dimensions: dict[str, str] = field(default_factory=dict)
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class RegionRef:
    """A region as a row of the table names it. ``indent`` = leading blanks of the name."""

    code: str
    name: str
    indent: int


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote of the table's foot block.

    ``column_label`` is set when the note starts with ``zu "<label>":``;
    ``region_name`` when a paragraph starts with ``<Land or region>:`` or
    ``<Land> (<years>):``. Both may be None (a general note). ``from_year`` and
    ``to_year`` (inclusive) limit the note to the period its prefix names
    (``Deutschland (2007):``, ``Ab 2011:``); None: open on that side.
    """

    text: str
    column_label: str | None = None
    region_name: str | None = None
    from_year: int | None = None
    to_year: int | None = None


@dataclass(slots=True)
class DataRow:
    """One data line: its period, region, optional category and one cell per column."""

    line: int
    period: Period | None
    region_code: str
    category: str | None
    cells: list[Cell]
    column: int | None = None
    """Set by sparse (long-format) rows: ``cells[0]`` belongs to this column index."""


@dataclass(slots=True)
class ParsedTable:
    """Everything a source file says, ready to be validated and stored."""

    source_name: str
    encoding: str
    table_code: str
    title: str
    columns: list[Column]
    rows: list[DataRow]
    regions: dict[str, RegionRef]
    stand: dt.datetime | None = None
    stand_text: str | None = None
    licence: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    category_name: str | None = None
    source_format: str = "genesis-csv"
    source: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """Optional readable labels per column path element (long format: merkmal → bezeichnung)."""

    @property
    def cell_count(self) -> int:
        return sum(len(r.cells) for r in self.rows)
