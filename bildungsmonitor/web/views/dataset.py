"""The Datenbestand: every imported file with its provenance, footnotes and findings."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.errors import NotFound
from bildungsmonitor.ingest.checks import list_check_findings
from bildungsmonitor.store.observation import list_imports
from bildungsmonitor.web.models import ImportOut, SourceOut
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView

IMPORT_COLUMNS = [
    Column("id", "Nr.", numeric=True),
    Column("file_name", "Datei"),
    Column("table_code", "Tabelle"),
    Column("title", "Titel"),
    Column("stand", "Stand"),
    Column("licence", "Lizenz"),
    Column("sha256", "SHA-256"),
    Column("cells", "Werte", numeric=True),
    Column("replaced", "ersetzte Werte", numeric=True),
    Column("footnotes", "Fußnoten", numeric=True),
    Column("findings", "Befunde", numeric=True),
]


def import_row(record: ImportOut) -> list[CellValue]:
    return [
        Link(str(record.id), f"/daten/{record.id}"),
        record.file_name,
        record.table_code,
        record.title,
        record.stand,
        record.licence,
        record.sha256,
        record.cells,
        record.replaced,
        len(record.footnotes),
        len(record.findings),
    ]


class PlausibilityOut(BaseModel):
    """A finding of the last plausibility check (``bildungsmonitor check``)."""

    code: str = Field(description="Stabiler Code der Befundart.")
    title: str = Field(description="Befundart.")
    rule: str = Field(description="Regel oder Kennzahl.")
    region_code: str | None = Field(description="Gebietseinheit.")
    year: int | None = Field(description="Jahr.")
    message: str = Field(description="Meldung.")


class PlausibilityCount(BaseModel):
    code: str = Field(description="Stabiler Code der Befundart.")
    title: str = Field(description="Befundart.")
    count: int = Field(description="Anzahl der Befunde.")


SHOWN_FINDINGS = 200


class DatasetPage(PageView):
    template: ClassVar[str] = "dataset.html"

    data: list[ImportOut] = Field(description="Die importierten Dateien.")
    count: int = Field(description="Anzahl.")
    plausibility_counts: list[PlausibilityCount] = Field(
        default_factory=list, description="Plausibilitätsbefunde je Befundart."
    )
    plausibility: list[PlausibilityOut] = Field(
        default_factory=list,
        description=f"Die ersten {SHOWN_FINDINGS} Plausibilitätsbefunde der letzten Prüfung.",
    )

    def table(self) -> Table:
        rows = [import_row(record) for record in self.data]
        return Table(f"Importierte Dateien ({self.count})", IMPORT_COLUMNS, rows, name="daten")


class ImportPage(PageView):
    template: ClassVar[str] = "import.html"

    record: ImportOut = Field(description="Der Import.")
    source: SourceOut = Field(description="Quellenangabe.")

    def table(self) -> Table:
        columns = [
            Column("code", "Code"),
            Column("title", "Befundart"),
            Column("severity", "Schwere"),
            Column("region_code", "Gebietseinheit"),
            Column("year", "Jahr", numeric=True),
            Column("message", "Meldung"),
        ]
        rows: list[list[CellValue]] = [
            [f.code, f.title, f.severity, f.region_code, f.year, f.message]
            for f in self.record.findings
        ]
        caption = f"Befunde beim Import von {self.record.file_name} ({len(rows)})"
        return Table(caption, columns, rows, [self.source], name=f"befunde-{self.record.id}")


def find_imports(session: Session) -> list[ImportOut]:
    return [ImportOut.of(record) for record in list_imports(session)]


def find_import(session: Session, import_id: int) -> ImportOut:
    for record in list_imports(session):
        if record.id == import_id:
            return ImportOut.of(record)
    raise NotFound(f"Import Nr. {import_id} ist nicht bekannt.")


def dataset_page(session: Session) -> DatasetPage:
    data = find_imports(session)
    findings = list_check_findings(session)
    counts = Counter((f.code, f.title) for f in findings)
    return DatasetPage(
        title="Datenbestand",
        data=data,
        count=len(data),
        plausibility_counts=[
            PlausibilityCount(code=code, title=title, count=n)
            for (code, title), n in sorted(counts.items())
        ],
        plausibility=[
            PlausibilityOut(
                code=f.code,
                title=f.title,
                rule=f.rule,
                region_code=f.region_code,
                year=f.year,
                message=f.message,
            )
            for f in findings[:SHOWN_FINDINGS]
        ],
    )


def import_page(session: Session, import_id: int) -> ImportPage:
    record = find_import(session, import_id)
    source = SourceOut(
        file_name=record.file_name,
        table_code=record.table_code,
        stand=record.stand,
        licence=record.licence,
    )
    return ImportPage(title=f"Import {record.file_name}", record=record, source=source)
