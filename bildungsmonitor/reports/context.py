"""What blocks see while they resolve: the data cache, the report, the manifest and
the footnotes collected per chapter. Also the source line every figure and table carries."""

from __future__ import annotations

from dataclasses import dataclass, field

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.reports._data import Cell, ImportSource, ReportData
from bildungsmonitor.reports.model import Location, ManifestEntry, Report

LICENCE = "© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0"


@dataclass
class RenderContext:
    data: ReportData
    report: Report
    manifest: list[ManifestEntry] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
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

    def note(self, text: str) -> None:
        if text not in self.footnotes:
            self.footnotes.append(text)

    def take_footnotes(self) -> list[str]:
        notes, self.footnotes = self.footnotes, []
        return notes

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

    def add_notes(self, indicator: Indicator) -> None:
        """Catalogue notes on comparability become footnotes of the chapter."""
        if indicator.comparability_warning and indicator.notes_comparability:
            self.note(f"{indicator.code} {indicator.name}: {indicator.notes_comparability}")


def _date(stand: str) -> str:
    """»10.07.2023 / 16:44:50« → »10.07.2023«."""
    return stand.split(" / ", maxsplit=1)[0]
