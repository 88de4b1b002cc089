"""Foot block of a GENESIS / Regionaldatenbank CSV export.

Private helper of :mod:`bildungsmonitor.ingest.genesis_csv`. The foot follows the line
``__________`` and is itself ``;``-separated CSV: footnote blocks (often quoted over
many lines with ``""`` escapes), the © licence block and the line
``Stand: TT.MM.JJJJ / hh:mm:ss``.

A footnote block is text wrapped at 60 characters. A note starts with a region prefix
(``Land:``, ``Land (2008-2010):``, ``Land, Land und Land:``, ``Land (2015), Land:``,
also wrapped over lines, after a period such as ``(2011)`` or ``Berichtsjahre
2008-2013:``), with a period alone (``2015:``, ``Schuljahr 2010/2011:``), after ``zu
"<column label>":`` or after a blank line. A region note also ends where a line breaks
although the next word would have fitted and a new sentence follows (a general remark
after it); a Land list followed by a colon in the middle of a line starts a new note too
(the source lost the line break). The note text is the source text with the wrapping
undone; its ``region_name`` lists the official names of the regions (``Land, Land``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest._footnote_period import note_period
from bildungsmonitor.ingest.table import Footnote
from bildungsmonitor.store.region import LAND_CODES

LAENDER = frozenset(LAND_CODES)
GERMANY = "Deutschland"
ALL_LAENDER = frozenset({"alle Länder", "Alle Länder"})
"""Notes on all Länder: general notes."""
_ALIASES = {"Deutschlandergebnis": GERMANY, "Bundesergebnis": GERMANY}
_MISSPELT_MIN, _MISSPELT_CUTOFF = 8, 0.9  # »Niedersachen«, »Nordrhein-Westalen«

_STAND = re.compile(r"^Stand:\s*(.+?)\s*$")
_STAND_FORMAT = "%d.%m.%Y / %H:%M:%S"
_ZU = re.compile(r'^zu\s+(?:Spalte\s+)?"')
_LABEL = re.compile(r'"([^"]*)"')
_WHOLE_TABLE = re.compile(r"^(?:gesamte[nr]?\s+Tabelle|Tabelle\s+(?:ins)?gesamt)$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^([^:]{2,120}?):")
_LEADING_PARENTHESIS = re.compile(r"^\(([^()]*)\)\s*(:)?\s*")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_OPEN_PARENTHESIS = re.compile(r"^([^():]{2,120}?)\s*\([^():]*\d{4}[^():]*$")
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+und\s+")
_YEAR = r"\d{4}(?:/\d{2,4})?"
_SPAN = rf"{_YEAR}(?:\s*(?:-|–|bis)\s*{_YEAR})?"
_TRAILING_PERIOD = re.compile(rf"\s+(?:(?:ab|bis|seit)\s+)?{_SPAN}$")
_PERIOD_WORD = re.compile(
    rf"^(?:ab|bis|seit|von|vom|dem|den|und|-|–|(?:berichts?|schul)?jahre?s?|{_YEAR}(?:-{_YEAR})?)$",
    re.IGNORECASE,
)
_LAND = "|".join(re.escape(name) for name in sorted(LAENDER, key=len, reverse=True))
_LAND_ITEM = rf"(?:{_LAND})(?:\s*\([^)]*\))?"
_MIDLINE_LAENDER = re.compile(
    rf"(?<=[\w.;)])(?<!\bund)(?<!\bsowie)\s+(?={_LAND_ITEM}(?:(?:\s*,\s*|\s+und\s+){_LAND_ITEM})*\s*:)"
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+$")
_WRAP_WIDTH = 60
_SHORT_LINE = 50  # a line this short, with room for the next word, ended a paragraph
_MAX_LABEL_LINES = 6
_MAX_PREFIX_LINES = 3
_CONJUNCTIONS = frozenset({"und", "oder", "bzw.", "u.", "sowie", "bis"})
_GENERAL = ""
"""``_NoteSplitter._start`` for a note without region."""


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
    splitter = _NoteSplitter(frozenset(region_names) | LAENDER | ALL_LAENDER | {GERMANY})
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


def join_lines(lines: Sequence[str]) -> str:
    """The wrapped lines of one note as one text: a line-end hyphenation undone
    ("Bundes-" + "amt"), nothing added after a line ending in "/" ("Schüler/" + "-innen")
    or inside a web address cut at the wrap width."""
    text, previous = "", ""
    for line in lines:
        if previous.endswith("/") or _cut_address(text, previous, line):
            text += line
        else:
            text = join_wrapped(text, line)
        previous = line
    return text


def _cut_address(text: str, previous: str, line: str) -> bool:
    return (
        len(previous) >= _WRAP_WIDTH - 2 and " " not in line and _URL_END.search(text) is not None
    )


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


def _is_period(text: str) -> bool:
    """``2015``, ``Ab 2011``, ``Berichtsjahr (ab 2011)``, ``Schuljahr 2010/2011`` …"""
    if text.count("(") != text.count(")"):
        return False
    words = re.sub(r"[(),]", " ", text).split()
    return (
        bool(words)
        and all(_PERIOD_WORD.match(w) for w in words)
        and any(w[0].isdigit() for w in words)
    )


def _after_period(text: str) -> tuple[str, bool]:
    """``text`` without a leading period (``(2011)``, ``Berichtsjahre 2001-2007:``) and
    whether a period with colon (``(2011):``) starts it."""
    m = _LEADING_PARENTHESIS.match(text)
    if m and _is_period(m.group(1)):
        return text[m.end() :], m.group(2) is not None
    m = _REGION_PREFIX.match(text)
    if m and _is_period(m.group(1)):
        return text[m.end() :].lstrip(), True
    return text, False


def _continues_prefix(text: str) -> bool:
    """A line that may be the first part of a region prefix wrapped over lines."""
    return ":" not in text and (
        text.endswith(",") or text.endswith(" und") or text.count("(") > text.count(")")
    )


def _ends_paragraph(previous: str, line: str) -> bool:
    """The break after ``previous`` is not wrapping: the next word would have fitted and
    a sentence starts (»…den Deutschlandwert.« / »Ab 2012 mit …«)."""
    first_word = line.split(" ", 1)[0]
    return (
        line[0].isupper()
        and not previous.endswith((":", "-", "/", ","))
        and len(previous) + 1 + len(first_word) <= _SHORT_LINE
    )


def _split_midline(lines: list[str]) -> list[str]:
    """Break a line before a Land list with colon that follows other text on the same
    line (outside quotes): »… nach Klassenstufen Hamburg und Schleswig-Holstein:«."""
    out: list[str] = []
    quotes = 0
    for line in lines:
        m = _MIDLINE_LAENDER.search(line)
        if m is not None and (quotes + line[: m.start()].count('"')) % 2 == 0:
            out += [line[: m.start()], line[m.end() :]]
        else:
            out.append(line)
        quotes += line.count('"')
    return out


class _NoteSplitter:
    """Split footnote blocks into notes with column label and region."""

    def __init__(self, regions: frozenset[str]) -> None:
        self.regions = regions
        self.notes: list[Footnote] = []
        self._label: str | None = None
        self._label_notes = 0
        self._after_blank = False
        self._region: str | None = None
        self._buffer: list[str] = []

    def feed(self, text: str) -> None:
        lines = _split_midline([line.strip() for line in text.split("\n")])
        i = 0
        while i < len(lines):
            i = self._line(lines, i)
        self._flush()
        self._label = None

    def _line(self, lines: list[str], i: int) -> int:
        line = lines[i]
        if not line:
            self._flush()
            self._after_blank = True
            return i + 1
        if _ZU.match(line):
            return self._column_label(lines, i)
        region, taken = self._note_start(lines, i)
        if region is not None:
            self._flush()
            self._region = region or None
        elif self._region is not None and self._buffer and _ends_paragraph(self._buffer[-1], line):
            self._flush()
        elif not self._buffer and self._after_blank and self._label_notes:
            self._label = None  # a paragraph after the column's notes is on the whole table
        self._after_blank = False
        self._buffer += lines[i : i + taken]
        return i + taken

    def _note_start(self, lines: list[str], i: int) -> tuple[str | None, int]:
        """The region of the note that starts at ``lines[i]`` (``_GENERAL``: a note without
        region, None: no note starts) and the number of lines its prefix takes."""
        text, taken = lines[i], 1
        while _continues_prefix(text) and taken < _MAX_PREFIX_LINES and i + taken < len(lines):
            if not lines[i + taken]:
                break
            text, taken = join_wrapped(text, lines[i + taken]), taken + 1
        region = self._start(text) if taken > 1 else None
        if region is None:
            taken, region = 1, self._start(lines[i])
        return region, taken

    def _start(self, text: str) -> str | None:
        rest, period = _after_period(text)
        m = _REGION_PREFIX.match(rest) or _OPEN_PARENTHESIS.match(rest)
        names = self._names(m.group(1)) if m else None
        if names:
            return ", ".join(names)
        return _GENERAL if period else None

    def _names(self, prefix: str) -> list[str] | None:
        """Official names of the region or regions a prefix names, None if it does not."""
        bare = _PARENTHESES.sub("", prefix).strip()
        bare = _TRAILING_PERIOD.sub("", bare) or bare
        whole = self._name(bare)
        if whole is not None:
            return [whole]
        parts = [p for p in _LIST_SEPARATOR.split(bare) if p]
        names = [self._name(p) for p in parts]
        if len(parts) > 1 and all(names):
            return [n for n in names if n]
        return None

    def _name(self, text: str) -> str | None:
        if text in self.regions:
            return text
        if text in _ALIASES:
            return _ALIASES[text]
        if len(text) < _MISSPELT_MIN:
            return None
        close = difflib.get_close_matches(text, LAENDER, n=1, cutoff=_MISSPELT_CUTOFF)
        return close[0] if close else None

    def _column_label(self, lines: list[str], i: int) -> int:
        self._flush()
        text, j = lines[i], i + 1
        while text.count('"') < 2 and j < len(lines) and j - i < _MAX_LABEL_LINES:
            text, j = join_wrapped(text, lines[j]), j + 1
        m = _LABEL.search(text)
        if m is None:
            self._buffer.append(lines[i])
            return i + 1
        rest = text[m.end() :].strip()
        while (
            rest.startswith("(") and ")" not in rest and j < len(lines) and j - i < _MAX_LABEL_LINES
        ):
            rest, j = join_wrapped(rest, lines[j]), j + 1
        label = " ".join(m.group(1).split())
        if rest.startswith("(") and ")" in rest:  # (vollständiger Text: …)
            end = rest.index(")") + 1
            label, rest = f"{label} {rest[:end]}", rest[end:].strip()
        self._label = None if _WHOLE_TABLE.match(label) else label
        self._label_notes = 0
        rest = rest.lstrip(":").strip()
        if not rest:
            return j
        lines[j - 1] = rest  # the first note follows on the label's line
        return j - 1

    def _flush(self) -> None:
        if self._buffer:
            text = join_lines(self._buffer)
            first, last = note_period(text, self._region)
            self.notes.append(Footnote(text, self._label, self._region, first, last))
            self._label_notes += 1
        self._buffer = []
        self._region = None
