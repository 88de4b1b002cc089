"""What blocks see while they resolve: the data cache, the report, the manifest and
the notes collected per chapter (numbered; figures and tables refer to them). Also the
source line every figure and table carries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.reports._data import Cell, ImportSource, ReportData
from bildungsmonitor.reports.model import (
    FootnotesElement,
    Location,
    ManifestEntry,
    NoteRefs,
    Report,
)

LICENCE = "© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0"


@dataclass
class RenderContext:
    data: ReportData
    report: Report
    manifest: list[ManifestEntry] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    footnote_group: int = 1
    used_sources: dict[str, ImportSource] = field(default_factory=dict)

    def record(self, indicator: Indicator, cell: Cell, where: Location) -> str:
        """Note a shown value in the manifest; returns its display text."""
        origins = self.data.origins(indicator, cell.subject, cell.year)
        for origin in origins:
            self.used_sources[origin.file_name] = origin
        self.manifest.append(
            ManifestEntry(
                indicator=indicator.code,
                region=cell.subject,
                region_name=self.data.name(cell.subject),
                period=cell.year,
                value=cell.value,
                symbol=cell.symbol,
                display=cell.display,
                sources=[
                    {"file": o.file_name, "table": o.table_code, "stand": o.stand} for o in origins
                ],
                block=f"{where.file.name}:{where.line}",
            )
        )
        return cell.display

    def note(self, text: str) -> int:
        """Collect a note for the next footnotes block; returns its number there."""
        if text not in self.footnotes:
            self.footnotes.append(text)
        return self.footnotes.index(text) + 1

    def take_footnotes(self, extra: tuple[str, ...] = ()) -> FootnotesElement | None:
        """The notes collected since the last footnotes block (plus ``extra``)."""
        notes = [*self.footnotes, *(e for e in extra if e not in self.footnotes)]
        self.footnotes = []
        if not notes:
            return None
        self.footnote_group += 1
        return FootnotesElement(notes, self.footnote_group - 1)

    def notes_for(
        self, indicators: list[Indicator], subjects: list[str], years: Iterable[int] | None = None
    ) -> NoteRefs | None:
        """Note the comparability notes of ``indicators`` and the footnotes of their
        source tables that apply to the shown ``subjects`` and ``years`` (None: all
        years); the references to them."""
        numbers: list[int] = []
        shown = None if years is None else sorted(set(years))
        for indicator in indicators:
            numbers += self.add_notes(indicator)
            numbers += [self.note(n) for n in self.data.footnotes(indicator, subjects, shown)]
        if not numbers:
            return None
        return NoteRefs(self.footnote_group, tuple(sorted(set(numbers))))

    def default_subjects(self) -> list[str]:
        """A Kreis report compares with Land and Deutschland; a group report shows its
        members."""
        subject = self.report.subject
        if subject.startswith(GROUP_PREFIX):
            return self.data.members(subject)
        return [subject]

    def references(self, subjects: list[str]) -> list[str]:
        """Land(s) of the shown Kreise, Deutschland, and the report's group."""
        lands = sorted({s[:2] for s in subjects if len(s) > 2 and not s.startswith("group:")})
        refs = [land for land in lands if land not in subjects]
        if self.report.subject.startswith(GROUP_PREFIX) and self.report.subject not in subjects:
            refs.append(self.report.subject)
        if "DG" not in subjects:
            refs.append("DG")
        return refs

    def source_line(self, indicator: Indicator, cells: list[Cell]) -> str:
        """»Quelle: …, Tabelle …, Stand …; © …« for the files behind ``cells``."""
        found: dict[str, ImportSource] = {}
        for cell in cells:
            for origin in self.data.origins(indicator, cell.subject, cell.year):
                found.setdefault(origin.table_code, origin)
        parts = [f"Tabelle {o.table_code}, Stand {_date(o.stand)}" for o in found.values()]
        tables = "; ".join(parts) if parts else indicator.source
        return f"Quelle: Regionaldatenbank Deutschland / {tables}; {LICENCE}"

    def combined_source(self, pairs: list[tuple[Indicator, list[Cell]]]) -> str:
        """One source line for several indicators (each table named once)."""
        found: dict[str, ImportSource] = {}
        for indicator, cells in pairs:
            for cell in cells:
                for origin in self.data.origins(indicator, cell.subject, cell.year):
                    found.setdefault(origin.table_code, origin)
        parts = [f"Tabelle {o.table_code}, Stand {_date(o.stand)}" for o in found.values()]
        tables = "; ".join(sorted(parts)) or "amtliche Statistik"
        return f"Quelle: Regionaldatenbank Deutschland / {tables}; {LICENCE}"

    def add_notes(self, indicator: Indicator) -> list[int]:
        """Catalogue notes on comparability become footnotes of the chapter."""
        if indicator.comparability_warning and indicator.notes_comparability:
            return [
                self.note(f"{indicator.code} {indicator.name}: {indicator.notes_comparability}")
            ]
        return []


def _date(stand: str) -> str:
    """»10.07.2023 / 16:44:50« → »10.07.2023«."""
    return stand.split(" / ", maxsplit=1)[0]
