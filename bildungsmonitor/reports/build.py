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
from bildungsmonitor.reports.model import TableElement
from bildungsmonitor.reports.pdf import write_pdf
from bildungsmonitor.reports.starter import new_report
from bildungsmonitor.reports.template import parse_report
from bildungsmonitor.store.database import Store

FORMATS = ("html", "pdf", "docx")
Progress = Callable[[str], None]


@dataclass
class BuildResult:
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
        clock = time.perf_counter()
        html = render_html(document)
        if "html" in formats:
            staged[out_dir / f"{stem}.html"] = _write_text(out_dir, html)
        timings["html"] = time.perf_counter() - clock
        if "pdf" in formats:
            say("PDF setzen")
            clock = time.perf_counter()
            temp = staged[out_dir / f"{stem}.pdf"] = _temp(out_dir)
            result.pages = write_pdf(html, temp)
            timings["layout"] = time.perf_counter() - clock
        if "docx" in formats:
            say("DOCX schreiben")
            clock = time.perf_counter()
            temp = staged[out_dir / f"{stem}.docx"] = _temp(out_dir)
            write_docx(document, temp)
            timings["docx"] = time.perf_counter() - clock
        result.outputs = {p.suffix.lstrip("."): p for p in staged}
        names = sorted(p.name for p in staged)
        staged[result.manifest] = _write_text(out_dir, manifest_json(document, ctx.manifest, names))
    result.values = len({(e.indicator, e.region, e.period) for e in ctx.manifest})
    result.timings = timings
    say("fertig")
    return result


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
