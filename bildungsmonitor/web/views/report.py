"""Berichte aus der Weboberfläche: Vorlage und Region wählen → Vorschau → Herunterladen.

The reports package does the work (``new_report`` writes the template, ``build_report``
builds it); this module validates the choice, caches the built files per (kind,
subject, format) and data version for the app's lifetime, and turns the report's HTML
into a fragment that fits inside a page (headings one level down, ids prefixed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, cast
from urllib.parse import urlencode

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.compute.indicator_value import indicator_sources
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.reports import KINDS, build_report, new_report
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import get_group, list_groups
from bildungsmonitor.store.observation import list_imports
from bildungsmonitor.store.region import get_region, list_regions
from bildungsmonitor.web.view import PageView

KIND_LABELS: dict[str, str] = {
    "bildungsbericht": "Bildungsbericht (Kapitel A–H, ausführlich)",
    "kommunalprofil": "Kommunalprofil (kompakt, wenige Seiten)",
    "datensammlung": "Kommentierte Datensammlung (Tabellen je Kennzahl)",
    "vergleichsbericht": "Vergleichsbericht (nur für Regionsgruppen)",
}
FORMAT_LABELS: dict[str, str] = {
    "pdf": "PDF (barrierearm, zum Drucken)",
    "docx": "Word-Datei (DOCX, zum Weiterbearbeiten)",
    "html": "HTML (eine Datei, im Browser lesbar)",
    "md": "Vorlage (Markdown, zum Anpassen)",
}
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
ID_PREFIX = "bericht-"


@dataclass(frozen=True)
class Choice:
    """A validated (kind, subject) pair and its display name."""

    kind: str
    subject: str
    name: str

    @property
    def stem(self) -> str:
        return f"{self.kind}-{self.subject.replace(':', '-')}"

    def query(self, **extra: str) -> str:
        return urlencode({"art": self.kind, "region": self.subject, **extra})


def choose(session: Session, art: str | None, region: str | None) -> Choice:
    """Validate the form's choice: unknown kind → 400, unknown region or group → 404."""
    if not art or not region:
        raise BadRequest("Bitte eine Berichtsart und eine Region oder Regionsgruppe wählen.")
    if art not in KINDS:
        raise BadRequest(f"Unbekannte Berichtsart »{art}« (möglich: {', '.join(KIND_LABELS)}).")
    if region.startswith(GROUP_PREFIX):
        name = get_group(session, region.removeprefix(GROUP_PREFIX)).name
    else:
        name = get_region(session, region).name
        if art == "vergleichsbericht":
            raise BadRequest(
                "Einen Vergleichsbericht gibt es nur für Regionsgruppen. Bitte eine "
                "Regionsgruppe wählen oder eine andere Berichtsart."
            )
    return Choice(art, region, name)


def data_version(session: Session, catalogue: Catalogue) -> str:
    """A fingerprint of the data a report is built from: the imports, the imports each
    indicator's last computation used, the region groups, and today's date (the report
    carries its Stand). Any new import, recomputation on new inputs or group change
    changes it, so cached files are never served for older data."""
    parts: list[str] = [dt.date.today().isoformat()]
    parts += [f"i{i.id}:{i.sha256}:{i.imported_at.isoformat()}" for i in list_imports(session)]
    sources = indicator_sources(session, catalogue, catalogue.computable())
    parts += [f"r{code}:{[s.import_id for s in found]}" for code, found in sorted(sources.items())]
    parts += [f"g{g.slug}:{','.join(g.members)}" for g in list_groups(session)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class ReportCache:
    """Built report files in a temporary directory that lives as long as the app."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="bm-berichte-"))
        self._guard = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)

    def _lock(self, key: tuple[str, str]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def file(
        self, store: Store, catalogue: Catalogue, choice: Choice, version: str, fmt: str
    ) -> Path:
        """The built ``fmt`` file (``md`` is the template itself), built on first use."""
        folder = self.root / version / choice.stem
        with self._lock((version, choice.stem)):
            template = folder / f"{choice.stem}.md"
            if not template.exists():
                text = new_report(store, catalogue, choice.kind, choice.subject)
                folder.mkdir(parents=True, exist_ok=True)
                staged = folder / f".{choice.stem}.md.tmp"
                staged.write_text(text, encoding="utf-8")
                staged.replace(template)
            target = folder / f"{choice.stem}.{fmt}"
            if not target.exists():
                build_report(store, catalogue, template, folder, formats={fmt})
            return target


def report_cache(request: Request) -> ReportCache:
    """The cache of this app, created on first use."""
    state = request.app.state
    found = getattr(state, "report_cache", None)
    if found is None:
        found = state.report_cache = ReportCache()
    return cast(ReportCache, found)


_SCROLL = '<div class="table-wrap" role="region" aria-label="Tabelle (scrollbar)" tabindex="0">'
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_ID_REF = re.compile(r'\b(id|aria-labelledby|aria-describedby|for|headers)="([^"]+)"')


def _shift_heading(match: re.Match[str]) -> str:
    return f"<{match.group(1)}h{min(int(match.group(2)) + 1, 6)}"


def _prefix_ids(match: re.Match[str]) -> str:
    ids = " ".join(ID_PREFIX + part for part in match.group(2).split())
    return f'{match.group(1)}="{ids}"'


def embeddable(report_html: str) -> str:
    """The report's body as a fragment for the preview page: no second ``main`` or
    ``h1`` (headings one level down), ids and in-page links prefixed so that they
    cannot collide with the page's own (e.g. ``#inhalt``), no inline styles."""
    found = _BODY.search(report_html)
    body = found.group(1) if found else report_html
    body = re.sub(r"<main\b[^>]*>", '<div class="report-main">', body).replace("</main>", "</div>")
    body = _HEADING.sub(_shift_heading, body)
    body = _ID_REF.sub(_prefix_ids, body)
    body = body.replace('href="#', f'href="#{ID_PREFIX}')
    body = re.sub(r'\sstyle="[^"]*"', "", body)
    # narrow screens: wide tables and figures scroll inside their box, not the page
    body = re.sub(r"(<img\b[^>]*>)", r'<div class="chart-svg">\1</div>', body)
    body = body.replace("<table", f"{_SCROLL}<table").replace("</table>", "</table></div>")
    return re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S).strip()


class Download(BaseModel):
    format: str = Field(description="pdf, docx, html oder md.")
    label: str = Field(description="Beschreibung des Formats.")
    url: str = Field(description="Adresse zum Herunterladen.")
    filename: str = Field(description="Dateiname.")


class ReportFormPage(PageView):
    template: ClassVar[str] = "report_form.html"

    art: str | None = Field(description="Gewählte Berichtsart.")
    region: str | None = Field(description="Gewählte Region oder Gruppe (group:<kürzel>).")
    kinds: dict[str, str] = Field(description="Berichtsarten.")
    regions: dict[str, str] = Field(description="Aktuelle Kreise und kreisfreie Städte.")
    groups: dict[str, str] = Field(description="Regionsgruppen (group:<kürzel>).")


class ReportPreviewPage(PageView):
    template: ClassVar[str] = "report_preview.html"

    art: str = Field(description="Berichtsart.")
    art_label: str = Field(description="Berichtsart in Worten.")
    region: str = Field(description="Regionalschlüssel oder group:<kürzel>.")
    region_name: str = Field(description="Name der Region oder Gruppe.")
    form_url: str = Field(description="Zurück zur Auswahl.")
    downloads: list[Download] = Field(description="Der Bericht als Datei.")
    body: str = Field(exclude=True, description="Der Bericht als HTML-Ausschnitt.")


def report_form_page(session: Session, art: str | None, region: str | None) -> ReportFormPage:
    kreise = list_regions(session, level="kreis")
    return ReportFormPage(
        title="Berichte",
        art=art,
        region=region,
        kinds=KIND_LABELS,
        regions={r.code: f"{r.name} ({r.code})" for r in kreise},
        groups={f"{GROUP_PREFIX}{g.slug}": f"{g.name} (Gruppe)" for g in list_groups(session)},
    )


def report_preview_page(
    request: Request,
    session: Session,
    store: Store,
    catalogue: Catalogue,
    art: str | None,
    region: str | None,
) -> ReportPreviewPage:
    choice = choose(session, art, region)
    version = data_version(session, catalogue)
    built = report_cache(request).file(store, catalogue, choice, version, "html")
    downloads = [
        Download(
            format=fmt,
            label=label,
            url=f"/berichte/download?{choice.query(format=fmt)}",
            filename=f"{choice.stem}.{fmt}",
        )
        for fmt, label in FORMAT_LABELS.items()
    ]
    return ReportPreviewPage(
        title=f"Vorschau: {KIND_LABELS[choice.kind].split(' (')[0]} {choice.name}",
        art=choice.kind,
        art_label=KIND_LABELS[choice.kind],
        region=choice.subject,
        region_name=choice.name,
        form_url=f"/berichte?{choice.query()}",
        downloads=downloads,
        body=embeddable(built.read_text(encoding="utf-8")),
    )


def report_file(
    request: Request,
    session: Session,
    store: Store,
    catalogue: Catalogue,
    art: str | None,
    region: str | None,
    fmt: str | None,
) -> tuple[Path, str, str]:
    """The built file, its media type and its download name."""
    if fmt not in MEDIA_TYPES:
        raise BadRequest(f"Unbekanntes Format »{fmt or ''}« (möglich: {', '.join(MEDIA_TYPES)}).")
    choice = choose(session, art, region)
    version = data_version(session, catalogue)
    path = report_cache(request).file(store, catalogue, choice, version, fmt)
    return path, MEDIA_TYPES[fmt], f"{choice.stem}.{fmt}"
