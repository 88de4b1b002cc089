"""Shapes of a report: the parsed template (``Report``) and the resolved document
(``Element`` values every output renders from), plus manifest entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bildungsmonitor.chart import Chart


@dataclass(frozen=True)
class Location:
    """Where a block starts in its template (1-based line of the opening fence)."""

    file: Path
    line: int


@dataclass(frozen=True)
class Block:
    """A validated block: ``kind`` names its module in ``reports/blocks``; ``spec`` is
    that module's ``Spec``."""

    kind: str
    spec: Any
    where: Location


@dataclass(frozen=True)
class Text:
    markdown: str


Item = Block | Text


@dataclass
class Chapter:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subject: str
    subject_name: str
    kind: str
    path: Path
    subtitle: str = ""
    author: str = ""
    intro: list[Item] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        items = [*self.intro, *(i for c in self.chapters for i in c.items)]
        return [i for i in items if isinstance(i, Block)]


# --- resolved document -------------------------------------------------------------


@dataclass(frozen=True)
class NoteRefs:
    """Numbers of notes in the footnotes block ``group`` (counted from 1 per report)."""

    group: int
    numbers: tuple[int, ...]

    def anchor(self, number: int) -> str:
        return note_anchor(self.group, number)


def note_anchor(group: int, number: int) -> str:
    return f"anm-{group}-{number}"


@dataclass(frozen=True)
class Prose:
    """Free Markdown text of the author."""

    markdown: str


@dataclass
class FigureElement:
    chart: Chart
    caption: str
    number: int = 0
    svg: str = ""
    png: bytes = b""
    footnotes: NoteRefs | None = None
    """The chapter's notes that apply to this figure."""


@dataclass
class TableElement:
    caption: str
    header: list[str]
    rows: list[list[str]]
    source: str
    notes: list[str] = field(default_factory=list)
    number: int = 0
    numeric_from: int = 1
    """Columns from this index on are numbers (right-aligned); the columns before them
    are row headers."""
    blocks: list[list[int]] = field(default_factory=list)
    """Value columns per printed block (``reports._columns``); empty: one block."""
    footnotes: NoteRefs | None = None
    """The chapter's notes that apply to this table."""

    def parts(self) -> list[TablePart]:
        """The table as printed: one part per column block, each with the row headers."""
        blocks = self.blocks or [list(range(self.numeric_from, len(self.header)))]
        keys = list(range(self.numeric_from))
        return [
            TablePart(
                index,
                len(blocks),
                [self.header[i] for i in keys + block],
                [[row[i] for i in keys + block] for row in self.rows],
            )
            for index, block in enumerate(blocks, start=1)
        ]


@dataclass(frozen=True)
class TablePart:
    """One column block of a table; ``index`` counts from 1 up to ``count``."""

    index: int
    count: int
    header: list[str]
    rows: list[list[str]]

    @property
    def continued(self) -> bool:
        return self.index > 1

    @property
    def label(self) -> str:
        """»« for the first part, »(Fortsetzung)« and »(Fortsetzung 2)« after it."""
        if self.index == 1:
            return ""
        return "(Fortsetzung)" if self.index == 2 else f"(Fortsetzung {self.index - 1})"


@dataclass(frozen=True)
class KeyFigureElement:
    label: str
    value: str
    unit: str
    period: str
    comparisons: list[str]
    source: str
    footnotes: NoteRefs | None = None
    """The chapter's notes that apply to this value and its comparisons."""


@dataclass(frozen=True)
class KennblattElement:
    title: str
    entries: list[tuple[str, str]]


@dataclass(frozen=True)
class FootnotesElement:
    notes: list[str]
    group: int = 0
    """Figures and tables refer to these notes by ``NoteRefs(group, …)``."""


Element = (
    Prose | FigureElement | TableElement | KeyFigureElement | KennblattElement | FootnotesElement
)


@dataclass
class Section:
    title: str
    elements: list[Element] = field(default_factory=list)


@dataclass
class Document:
    """The resolved report, ready for HTML, PDF and DOCX."""

    report: Report
    intro: list[Element]
    sections: list[Section]
    appendix: list[TableElement]
    sources: list[str]
    stand: str

    def figures(self) -> list[FigureElement]:
        found = [e for e in self.intro if isinstance(e, FigureElement)]
        for section in self.sections:
            found += [e for e in section.elements if isinstance(e, FigureElement)]
        return found


@dataclass(frozen=True)
class ManifestEntry:
    indicator: str
    region: str
    region_name: str
    period: int
    value: float | None
    symbol: str | None
    display: str
    sources: list[dict[str, str]]
    block: str
