"""Hinweise: the legend of official symbols and the catalogue of finding types."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from bildungsmonitor.ingest.finding import all_finding_types
from bildungsmonitor.symbol import symbol_labels
from bildungsmonitor.web.view import PageView


class SymbolOut(BaseModel):
    symbol: str = Field(description="Das Zeichen.")
    label: str = Field(description="Seine Bedeutung.")


class FindingTypeOut(BaseModel):
    code: str = Field(description="Stabiler Code.")
    title: str = Field(description="Titel.")
    severity: str = Field(description="Schwere: warnung oder hinweis.")
    template: str = Field(description="Vorlage der Meldung.")


BRACKETS = SymbolOut(
    symbol="( )",
    label="Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
)


class NotesPage(PageView):
    template: ClassVar[str] = "notes.html"

    symbols: list[SymbolOut] = Field(description="Zeichenerklärung der amtlichen Statistik.")
    findings: list[FindingTypeOut] = Field(description="Die Befundarten beim Import.")


def notes_page() -> NotesPage:
    return NotesPage(
        title="Hinweise",
        symbols=[
            *(SymbolOut(symbol=s, label=label) for s, label in symbol_labels().items()),
            BRACKETS,
        ],
        findings=[
            FindingTypeOut(code=f.code, title=f.title, severity=f.severity, template=f.template)
            for f in all_finding_types()
        ],
    )
