"""PDF via WeasyPrint from the report HTML: print CSS, PDF/UA-1 (tagged, with
document language and title) — WeasyPrint 70 supports ``pdf_variant="pdf/ua-1"``;
older versions fall back to ``pdf_tags=True``.

WeasyPrint runs in a worker process (``_layout_worker``) that a build starts before it
reads data and draws charts (``prepare()``), so its start-up of about a second happens on
the other core; without a worker the layout runs in this process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bildungsmonitor.reports import _layout_worker
from bildungsmonitor.reports._layout_worker import pdf_options
from bildungsmonitor.reports.html import ASSETS

__all__ = ["pdf_options", "prepare", "write_pdf", "write_pdf_later"]


def prepare() -> None:
    """Start the layout worker now, so it is ready when the HTML is."""
    _layout_worker.start()


def write_pdf_later(html: str, target: Path) -> Callable[[], int]:
    """Start the layout of ``html`` into ``target``; the returned call waits for the pages."""
    return _layout_worker.write_pdf_later(html, str(ASSETS), target)


def write_pdf(html: str, target: Path) -> int:
    """Lay out ``html`` and write the PDF; returns the number of pages."""
    return write_pdf_later(html, target)()
