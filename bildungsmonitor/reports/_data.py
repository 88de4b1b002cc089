"""Bulk reads for reports: values of an indicator for many subjects and years at once,
region names and types, group members and the import files behind each value.

``compute.figure.get_figure`` answers one value with everything around it; a report
shows hundreds, so it reads indicator by indicator here and caches per build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.compute.figure import display as figure_display
from bildungsmonitor.compute.indicator_value import indicator_footnotes
from bildungsmonitor.store.tables import (
    ImportRecord,
    IndicatorRun,
    IndicatorValue,
    Observation,
    Region,
    RegionGroup,
    RegionGroupMember,
)


def display(value: float | None, symbol: str | None, bracketed: bool, decimals: int) -> str:
    """As ``compute.figure.display``, with a true minus sign (»−2,5«) as in the charts, so a
    negative value never looks like the symbol ``-``."""
    text = figure_display(value, symbol, bracketed, decimals)
    if symbol is None and value is not None and value < 0:
        text = text.replace("-", "\u2212", 1)
    return text


@dataclass(frozen=True)
class Cell:
    """One stored indicator value as a report shows it."""

    subject: str
    year: int
    value: float | None
    symbol: str | None
    display: str


@dataclass(frozen=True)
class ImportSource:
    file_name: str
    table_code: str
    stand: str
    licence: str


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str
    level: str
    region_type: str
    historic: bool


@dataclass
class ReportData:
    """Per-build cache of everything a report reads from the store."""

    session: Session
    catalogue: Catalogue
    regions: dict[str, RegionInfo] = field(default_factory=dict)
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    imports: dict[int, ImportSource] = field(default_factory=dict)
    _series: dict[tuple[str, str], dict[int, Cell]] = field(default_factory=dict)
    _years: dict[tuple[str, int], dict[str, Cell]] = field(default_factory=dict)
    _run_imports: dict[str, list[int]] = field(default_factory=dict)
    _origins: dict[tuple[int, ...], dict[tuple[str, int], set[int]]] = field(default_factory=dict)
    _indexed: dict[tuple[int, ...], set[str]] = field(default_factory=dict)
    _shorts: dict[str, int] = field(default_factory=dict)
    _notes: dict[tuple[str, frozenset[str], frozenset[int] | None], list[str]] = field(
        default_factory=dict
    )
    focus: set[str] = field(default_factory=set)
    """Regions whose origins are read together (the report's subject and references)."""

    @classmethod
    def load(cls, session: Session, catalogue: Catalogue) -> ReportData:
        data = cls(session, catalogue)
        for code, name, level, kind, historic in session.execute(
            select(Region.code, Region.name, Region.level, Region.region_type, Region.historic)
        ):
            data.regions[code] = RegionInfo(code, name, level, kind, bool(historic))
        rows = session.execute(
            select(RegionGroup.slug, RegionGroup.name, RegionGroupMember.region_code)
            .join(RegionGroupMember, RegionGroupMember.group_id == RegionGroup.id, isouter=True)
            .order_by(RegionGroup.slug, RegionGroupMember.region_code)
        )
        for slug, name, member in rows:
            entry = data.groups.setdefault(slug, (name, []))
            if member is not None:
                entry[1].append(member)
        for record in session.scalars(select(ImportRecord)):
            data.imports[record.id] = ImportSource(
                record.file_name,
                record.table_code,
                record.stand_text or "unbekannt",
                record.licence or "Lizenzvermerk fehlt",
            )
        return data

    def name(self, subject: str) -> str:
        if subject.startswith(GROUP_PREFIX):
            group = self.groups.get(subject.removeprefix(GROUP_PREFIX))
            return group[0] if group else subject
        info = self.regions.get(subject)
        return info.name if info else subject

    def short_name(self, subject: str) -> str:
        """»Anhalt-Bitterfeld« instead of »Anhalt-Bitterfeld, Landkreis«; the full name
        where the short one is ambiguous (»Leipzig, Landkreis« and »Leipzig, kreisfreie
        Stadt«), so rows, columns and chart categories never merge two regions."""
        name = self.name(subject)
        short = name.split(",")[0]
        return name if self._short_counts().get(short, 0) > 1 else short

    def _short_counts(self) -> dict[str, int]:
        if not self._shorts:
            for info in self.regions.values():
                if not info.historic:
                    short = info.name.split(",")[0]
                    self._shorts[short] = self._shorts.get(short, 0) + 1
        return self._shorts

    def members(self, subject: str) -> list[str]:
        group = self.groups.get(subject.removeprefix(GROUP_PREFIX))
        return list(group[1]) if group else [subject]

    def series(self, indicator: Indicator, subject: str) -> dict[int, Cell]:
        """All stored years of one subject, by year."""
        key = (indicator.code, subject)
        if key not in self._series:
            rows = self.session.execute(
                select(
                    IndicatorValue.year,
                    IndicatorValue.value,
                    IndicatorValue.symbol,
                    IndicatorValue.bracketed,
                ).where(
                    IndicatorValue.indicator_code == indicator.code,
                    IndicatorValue.subject == subject,
                )
            )
            self._series[key] = {
                year: Cell(subject, year, v, s, display(v, s, b, indicator.decimals))
                for year, v, s, b in rows
            }
        return self._series[key]

    def cell(self, indicator: Indicator, subject: str, year: int) -> Cell:
        found = self.series(indicator, subject).get(year)
        return found or Cell(subject, year, None, None, "keine Daten")

    def year_values(self, indicator: Indicator, year: int) -> dict[str, Cell]:
        """Every subject's value in one year (for maps, medians and ranks)."""
        key = (indicator.code, year)
        if key not in self._years:
            rows = self.session.execute(
                select(
                    IndicatorValue.subject,
                    IndicatorValue.value,
                    IndicatorValue.symbol,
                    IndicatorValue.bracketed,
                ).where(
                    IndicatorValue.indicator_code == indicator.code, IndicatorValue.year == year
                )
            )
            self._years[key] = {
                s: Cell(s, year, v, sym, display(v, sym, b, indicator.decimals))
                for s, v, sym, b in rows
            }
        return self._years[key]

    def years(self, indicator: Indicator, subject: str) -> list[int]:
        """Years with a value or a symbol for ``subject``, ascending."""
        return sorted(
            y for y, c in self.series(indicator, subject).items() if c.display != "keine Daten"
        )

    def origins(self, indicator: Indicator, subject: str, year: int) -> list[ImportSource]:
        """The imported files whose observations of this subject and year fed the value
        (for a group: of its members); falls back to all imports of the indicator's run."""
        run_ids = tuple(self._imports_of_run(indicator.code))
        regions = self.members(subject)
        index = self._origin_index(run_ids, regions)
        ids = sorted({i for r in regions for i in index.get((r, year), ())})
        if not ids:
            ids = sorted({i for (r, _), found in index.items() if r in regions for i in found})
        return [self.imports[i] for i in (ids or run_ids) if i in self.imports]

    def footnotes(
        self, indicator: Indicator, subjects: Iterable[str], years: Iterable[int] | None = None
    ) -> list[str]:
        """Footnotes of the source tables behind ``indicator`` that apply to the shown
        ``subjects`` (a group stands for its members), to the shown ``years`` (None: all)
        and to the indicator's input columns (``compute.indicator_value.footnotes_for``)."""
        regions = frozenset(m for s in subjects for m in self.members(s))
        shown = None if years is None else frozenset(years)
        key = (indicator.code, regions, shown)
        if key not in self._notes:
            run = self._imports_of_run(indicator.code)
            self._notes[key] = indicator_footnotes(
                self.session, self.catalogue, [indicator], run, regions, years=shown
            )
        return self._notes[key]

    def _imports_of_run(self, code: str) -> list[int]:
        if code not in self._run_imports:
            run = self.session.get(IndicatorRun, code)
            self._run_imports[code] = sorted(int(i) for i in (run.import_ids if run else []))
        return self._run_imports[code]

    def _origin_index(
        self, run_ids: tuple[int, ...], regions: list[str]
    ) -> dict[tuple[str, int], set[int]]:
        index = self._origins.setdefault(run_ids, {})
        done = self._indexed.setdefault(run_ids, set())
        missing = set(regions) - done
        if not missing or not run_ids:
            return index
        wanted = missing | (self.focus - done)
        rows = self.session.execute(
            select(Observation.region_code, Observation.year, Observation.import_id)
            .where(
                Observation.import_id.in_(run_ids),
                Observation.region_code.in_(sorted(wanted)),
                Observation.current.is_(True),
            )
            .distinct()
        )
        for region, year, import_id in rows:
            index.setdefault((region, year), set()).add(import_id)
        done.update(wanted)
        return index

    def kreis_type(self, code: str) -> str | None:
        info = self.regions.get(code)
        if info is None or info.level != "kreis" or info.historic:
            return None
        return info.region_type

    def same_type_values(self, indicator: Indicator, code: str, year: int) -> list[float]:
        """Values of all Kreise of the same type as ``code`` (for median and rank)."""
        kind = self.kreis_type(code)
        if kind is None:
            return []
        return [
            c.value
            for s, c in self.year_values(indicator, year).items()
            if c.value is not None and self.kreis_type(s) == kind
        ]


def focus_regions(data: ReportData, subject: str) -> set[str]:
    """The report's regions with their Länder and Deutschland."""
    members = data.members(subject)
    return {*members, *(m[:2] for m in members if len(m) > 2), "DG"}
