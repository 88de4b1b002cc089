"""Findings: problems in imported data that do not prevent an import.

Each type is a class with a stable ``code``, a German ``title`` and a message
``template``. The import log, the plausibility page and docs/findings.md render
from these classes; tests assert on codes, not on message text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Finding:
    """One finding. Subclasses set code, title, template and severity."""

    code: ClassVar[str] = "finding"
    title: ClassVar[str] = "Befund"
    template: ClassVar[str] = "{detail}"
    severity: ClassVar[str] = "warnung"

    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    region_code: str | None = None
    year: int | None = None

    @property
    def message(self) -> str:
        text = self.template.format(**self.params)
        where = []
        if self.file:
            where.append(f"Datei {self.file}")
        if self.line is not None:
            where.append(f"Zeile {self.line}")
        if self.column is not None:
            where.append(f"Spalte {self.column}")
        return f"{', '.join(where)}: {text}" if where else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "region_code": self.region_code,
            "year": self.year,
            "params": self.params,
        }


@dataclass(frozen=True)
class UnknownRegionCode(Finding):
    code: ClassVar[str] = "unknown-region-code"
    title: ClassVar[str] = "Unbekannter Regionalschlüssel"
    template: ClassVar[str] = (
        "Regionalschlüssel »{region_code}« ist weder ein amtlicher Schlüssel "
        "(DG, 2, 3, 5 oder 8 Stellen) noch eine bekannte Gebietseinheit; "
        "die Zeile wurde nicht übernommen."
    )


@dataclass(frozen=True)
class ValueForDissolvedRegion(Finding):
    code: ClassVar[str] = "value-for-dissolved-region"
    title: ClassVar[str] = "Wert bei aufgelöster Gebietseinheit"
    template: ClassVar[str] = (
        "Für {region_code} ({region_name}) steht {year} ein Wert, obwohl die Einheit "
        "nach {last_year} nur noch »-« führt."
    )


@dataclass(frozen=True)
class DuplicateCell(Finding):
    code: ClassVar[str] = "duplicate-cell"
    title: ClassVar[str] = "Doppelte Angabe"
    template: ClassVar[str] = (
        "{region_code}, {period}, {series}: mehrfach angegeben; der erste Wert "
        "({first}) wurde übernommen, der spätere ({second}) nicht."
    )


@dataclass(frozen=True)
class LayoutChanged(Finding):
    code: ClassVar[str] = "layout-changed"
    title: ClassVar[str] = "Tabellenaufbau geändert"
    template: ClassVar[str] = (
        "Tabelle {table_code} hat einen anderen Aufbau als beim letzten Import "
        "({previous_file}): neue Spalten {added}, entfallene Spalten {removed}."
    )
    severity: ClassVar[str] = "hinweis"


@dataclass(frozen=True)
class RegionRenamed(Finding):
    """A file with the newest *Stand* names a region otherwise: the new name is taken."""

    code: ClassVar[str] = "region-renamed"
    title: ClassVar[str] = "Gebietsname geändert"
    template: ClassVar[str] = (
        "{region_code} heißt in dieser Datei »{new_name}«, bisher »{old_name}«; "
        "der neue Name aus dem neuesten Stand gilt ab jetzt."
    )
    severity: ClassVar[str] = "hinweis"


@dataclass(frozen=True)
class OlderRegionNames(Finding):
    """A file with an older *Stand* uses older names: one finding for the file, every
    region in ``params["regions"]``; the stored names stay."""

    code: ClassVar[str] = "older-region-names"
    title: ClassVar[str] = "Ältere Gebietsnamen"
    template: ClassVar[str] = (
        "{count} Gebietseinheiten heißen in dieser Datei (älterer Stand) anders, z. B. "
        "{examples}; es gelten die Namen aus dem neueren Stand."
    )
    severity: ClassVar[str] = "hinweis"


FINDING_TYPES: tuple[type[Finding], ...] = (
    UnknownRegionCode,
    ValueForDissolvedRegion,
    DuplicateCell,
    LayoutChanged,
    RegionRenamed,
    OlderRegionNames,
)


def all_finding_types() -> tuple[type[Finding], ...]:
    """Import findings plus the findings of the plausibility checks (``ingest/checks``)."""
    from bildungsmonitor.ingest.checks import CHECK_FINDING_TYPES

    return FINDING_TYPES + CHECK_FINDING_TYPES


def finding_type(code: str) -> type[Finding]:
    for kind in all_finding_types():
        if kind.code == code:
            return kind
    raise KeyError(code)
