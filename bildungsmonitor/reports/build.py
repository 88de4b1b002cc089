"""Build a report from a template: parse and validate (nothing is written on error),
resolve blocks against the store, render charts, write HTML/PDF/DOCX and the manifest
atomically (temporary files in the target directory, renamed when all succeeded)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.reports._charts import render_figures
from bildungsmonitor.reports._data import ReportData, focus_regions
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.document import resolve
from bildungsmonitor.reports.docx import write_docx
from bildungsmonitor.reports.html import render_html
from bildungsmonitor.reports.manifest import manifest_json
from bildungsmonitor.reports.model import Document, TableElement
from bildungsmonitor.reports.pdf import prepare as prepare_pdf
from bildungsmonitor.reports.pdf import write_pdf_later
from bildungsmonitor.reports.starter import new_report
from bildungsmonitor.reports.template import parse_report
from bildungsmonitor.store.database import Store

FORMATS = ("html", "pdf", "docx")
Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build wrote. ``timings``: seconds per phase (data, charts, html, layout,
    docx); the PDF layout runs in the layout process while the DOCX is written, so with
    both formats »layout« includes the time of »docx«."""

    outputs: dict[str, Path]
    manifest: Path
    figures: int
    tables: int
    values: int
    pages: int | None = None
    timings: dict[str, float] = field(default_factory=dict)


def build_report(
    store: Store,
    catalogue: Catalogue,
    template_path: Path,
    out_dir: Path,
    *,
    formats: set[str] | frozenset[str] = frozenset({"html"}),
    on_progress: Progress | None = None,
) -> BuildResult:
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise BadRequest(f"Unbekanntes Ausgabeformat: {', '.join(sorted(unknown)) or 'keines'}.")
    say = on_progress or (lambda _message: None)
    if "pdf" in formats:
        prepare_pdf()  # the layout process starts up while data and charts are prepared
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    with store.sessions() as session:
        data = ReportData.load(session, catalogue)
        say("Vorlage prüfen")
        report = parse_report(template_path, data)
        data.focus = focus_regions(data, report.subject)
        ctx = RenderContext(data, report)
        document = resolve(ctx, say)
    timings["data"] = time.perf_counter() - clock
    figures = document.figures()
    say(f"{len(figures)} Abbildungen zeichnen")
    clock = time.perf_counter()
    render_figures(figures, png="docx" in formats)
    timings["charts"] = time.perf_counter() - clock
    stem = template_path.stem
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BuildResult({}, out_dir / f"{stem}.manifest.json", len(figures), 0, 0)
    elements = [e for s in document.sections for e in s.elements]
    result.tables = sum(1 for e in elements if isinstance(e, TableElement))
    with _staging(out_dir) as staged:
        result.pages = _write_documents(document, formats, out_dir, stem, staged, timings, say)
        result.outputs = {p.suffix.lstrip("."): p for p in staged}
        names = sorted(p.name for p in staged)
        staged[result.manifest] = _write_text(out_dir, manifest_json(document, ctx.manifest, names))
    result.values = len({(e.indicator, e.region, e.period) for e in ctx.manifest})
    result.timings = timings
    say("fertig")
    return result


def _write_documents(
    document: Document,
    formats: set[str] | frozenset[str],
    out_dir: Path,
    stem: str,
    staged: dict[Path, Path],
    timings: dict[str, float],
    say: Progress,
) -> int | None:
    """HTML, PDF and DOCX of ``document`` as staged files; returns the PDF's page count."""
    clock = time.perf_counter()
    html = render_html(document)
    if "html" in formats:
        staged[out_dir / f"{stem}.html"] = _write_text(out_dir, html)
    timings["html"] = time.perf_counter() - clock
    pdf_pages = None
    if "pdf" in formats:
        say("PDF setzen")
        layout_clock = time.perf_counter()
        pdf_pages = write_pdf_later(html, _stage(staged, out_dir / f"{stem}.pdf"))
    if "docx" in formats:  # written while the layout process sets the PDF
        say("DOCX schreiben")
        clock = time.perf_counter()
        write_docx(document, _stage(staged, out_dir / f"{stem}.docx"))
        timings["docx"] = time.perf_counter() - clock
    if pdf_pages is None:
        return None
    pages = pdf_pages()
    timings["layout"] = time.perf_counter() - layout_clock
    return pages


def profile_report(
    store: Store,
    catalogue: Catalogue,
    code: str,
    out_dir: Path,
    *,
    formats: set[str] | frozenset[str] = frozenset({"pdf"}),
    on_progress: Progress | None = None,
) -> BuildResult:
    """Kommunalprofil of one region: writes the editable template next to the outputs."""
    text = new_report(store, catalogue, "kommunalprofil", code)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"kommunalprofil-{code.replace(':', '-')}.md"
    with _staging(out_dir) as staged:
        staged[target] = _write_text(out_dir, text)
    return build_report(store, catalogue, target, out_dir, formats=formats, on_progress=on_progress)


def _temp(out_dir: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=".bm-report-", suffix=".tmp", dir=out_dir)
    os.close(handle)
    return Path(name)


def _stage(staged: dict[Path, Path], target: Path) -> Path:
    """A temporary file next to ``target``, renamed to it when the whole build succeeds."""
    temp = staged[target] = _temp(target.parent)
    return temp


def _write_text(out_dir: Path, text: str) -> Path:
    temp = _temp(out_dir)
    temp.write_text(text, encoding="utf-8")
    return temp


@contextlib.contextmanager
def _staging(out_dir: Path) -> Iterator[dict[Path, Path]]:
    """Collect target → temporary file; rename all on success, delete all on failure."""
    staged: dict[Path, Path] = {}
    try:
        yield staged
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for target, temp in staged.items():
        temp.replace(target)
