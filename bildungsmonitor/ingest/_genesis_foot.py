"""Foot block of a GENESIS / Regionaldatenbank CSV export.

Private helper of :mod:`bildungsmonitor.ingest.genesis_csv`. The foot follows the line
``__________`` and is itself ``;``-separated CSV: footnote blocks (often quoted over
many lines with ``""`` escapes), the © licence block and the line
``Stand: TT.MM.JJJJ / hh:mm:ss``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.table import Footnote

LAENDER = frozenset(
    {
        "Baden-Württemberg",
        "Bayern",
        "Berlin",
        "Brandenburg",
        "Bremen",
        "Hamburg",
        "Hessen",
        "Mecklenburg-Vorpommern",
        "Niedersachsen",
        "Nordrhein-Westfalen",
        "Rheinland-Pfalz",
        "Saarland",
        "Sachsen",
        "Sachsen-Anhalt",
        "Schleswig-Holstein",
        "Thüringen",
    }
)
_GENERAL_REGIONS = frozenset({"Deutschland", "alle Länder", "Alle Länder"})

_STAND = re.compile(r"^Stand:\s*(.+?)\s*$")
_STAND_FORMAT = "%d.%m.%Y / %H:%M:%S"
_ZU = re.compile(r'^zu\s+(?:Spalte\s+)?"')
_LABEL = re.compile(r'"([^"]*)"')
_WHOLE_TABLE = re.compile(r"^gesamte[nr]?\s+Tabelle$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^([^:]{2,120}?):")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+und\s+")
_MAX_LABEL_LINES = 6
_CONJUNCTIONS = frozenset({"und", "oder", "bzw.", "u.", "sowie", "bis"})


@dataclass(slots=True)
class Foot:
    """What the foot block says."""

    stand: dt.datetime
    stand_text: str
    licence: str | None
    footnotes: list[Footnote] = field(default_factory=list)


def parse_foot(lines: Sequence[str], start: int, source: Path, region_names: Iterable[str]) -> Foot:
    """Parse ``lines[start:]`` (0-based ``start``: the line after ``__________``)."""
    try:
        records = _records(lines, start)
    except csv.Error:
        raise InputError(
            "Fußblock ist kein gültiges CSV", file=source, line=max(len(lines), 1)
        ) from None
    if not records or not _STAND.match(records[-1][1]):
        raise InputError(
            "Fußblock unvollständig: die Zeile »Stand: …« am Dateiende fehlt",
            file=source,
            line=max(len(lines), 1),
        )
    stand_line, stand_text = records[-1]
    stand = _stand(stand_text, source, stand_line)
    body = [text for _, text in records[:-1]]
    licence_parts = [" ".join(t.split()) for t in body if t.startswith("©")]
    splitter = _NoteSplitter(frozenset(region_names) | LAENDER | _GENERAL_REGIONS)
    for text in body:
        if not text.startswith("©"):
            splitter.feed(text)
    return Foot(stand, stand_text, " ".join(licence_parts) or None, splitter.notes)


def _records(lines: Sequence[str], start: int) -> list[tuple[int, str]]:
    """Non-empty CSV records of the foot with the 1-based line each starts on."""
    reader = csv.reader((line + "\n" for line in lines[start:]), delimiter=";")
    out: list[tuple[int, str]] = []
    consumed = 0
    for fields in reader:
        text = ";".join(fields).rstrip("; \n").strip()
        if text:
            out.append((start + consumed + 1, text))
        consumed = reader.line_num
    return out


def _stand(text: str, source: Path, line: int) -> dt.datetime:
    m = _STAND.match(text)
    try:
        if m is None:
            raise ValueError(text)
        return dt.datetime.strptime(m.group(1), _STAND_FORMAT)
    except ValueError:
        raise InputError(
            f"Stand-Angabe »{text[:60]}« ist nicht lesbar (erwartet TT.MM.JJJJ / hh:mm:ss)",
            file=source,
            line=line,
        ) from None


def join_wrapped(first: str, second: str) -> str:
    """Join two wrapped lines; undo a line-end hyphenation ("Bundes-" + "amt")."""
    if not first or not second:
        return first or second
    if (
        first.endswith("-")
        and len(first) > 1
        and first[-2].isalpha()
        and second[0].isalpha()
        and second.split(" ", 1)[0] not in _CONJUNCTIONS
    ):
        return first[:-1] + second if second[0].islower() else first + second
    return f"{first} {second}"


class _NoteSplitter:
    """Split footnote blocks into items with column label and region."""

    def __init__(self, regions: frozenset[str]) -> None:
        self.regions = regions
        self.notes: list[Footnote] = []
        self._label: str | None = None
        self._region: str | None = None
        self._buffer: list[str] = []

    def feed(self, text: str) -> None:
        lines = [line.strip() for line in text.split("\n")]
        i = 0
        while i < len(lines):
            i = self._line(lines, i)
        self._flush()
        self._label = None

    def _line(self, lines: list[str], i: int) -> int:
        line = lines[i]
        if not line:
            self._flush()
            return i + 1
        if _ZU.match(line):
            return self._column_label(lines, i)
        region = self._region_of(line)
        if region is not None:
            self._flush()
            self._region = region
        self._buffer.append(line)
        return i + 1

    def _column_label(self, lines: list[str], i: int) -> int:
        self._flush()
        text, j = lines[i], i + 1
        while text.count('"') < 2 and j < len(lines) and j - i < _MAX_LABEL_LINES:
            text, j = join_wrapped(text, lines[j]), j + 1
        m = _LABEL.search(text)
        if m is None:
            self._buffer.append(lines[i])
            return i + 1
        label = " ".join(m.group(1).split())
        self._label = None if _WHOLE_TABLE.match(label) else label
        rest = text[m.end() :].lstrip(":").strip()
        if rest:
            self._buffer.append(rest)
        return j

    def _region_of(self, line: str) -> str | None:
        m = _REGION_PREFIX.match(line)
        if m is None:
            return None
        bare = _PARENTHESES.sub("", m.group(1)).strip()
        if bare in self.regions:
            return bare
        parts = [p for p in _LIST_SEPARATOR.split(bare) if p]
        if len(parts) > 1 and all(p in self.regions for p in parts):
            return ", ".join(parts)
        return None

    def _flush(self) -> None:
        if self._buffer:
            text = self._buffer[0]
            for line in self._buffer[1:]:
                text = join_wrapped(text, line)
            self.notes.append(Footnote(text, self._label, self._region))
        self._buffer = []
        self._region = None
