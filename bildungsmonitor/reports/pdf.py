"""PDF via WeasyPrint from the report HTML: print CSS, PDF/UA-1 (tagged, with
document language and title) — WeasyPrint 70 supports ``pdf_variant="pdf/ua-1"``;
older versions fall back to ``pdf_tags=True``. WeasyPrint is imported on first use
(it takes ~0.5 s), so the CLI starts fast."""

from __future__ import annotations

from pathlib import Path

from bildungsmonitor.reports.html import ASSETS


def pdf_options() -> dict[str, object]:
    """Tagged PDF: the PDF/UA-1 variant when this WeasyPrint has it, else ``pdf_tags``."""
    from weasyprint.pdf import VARIANTS  # type: ignore[import-untyped]  # no type hints

    if "pdf/ua-1" in VARIANTS:
        return {"pdf_variant": "pdf/ua-1"}
    return {"pdf_tags": True}


def write_pdf(html: str, target: Path) -> int:
    """Lay out ``html`` and write the PDF; returns the number of pages."""
    import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints

    options = pdf_options()
    document = weasyprint.HTML(string=html, base_url=str(ASSETS)).render(**options)
    document.write_pdf(target, **options)
    return len(document.pages)
