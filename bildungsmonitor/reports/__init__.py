"""Reports: editable Markdown templates bound to the catalogue, built to HTML, PDF and DOCX.

``template`` parses and validates a template into a ``Report``; each block kind lives in
``blocks/<kind>.py``; ``build`` resolves blocks against the store and writes the outputs
with a manifest that traces every number to its import file. See ``docs/reports.md``.
"""

from __future__ import annotations

from bildungsmonitor.reports.build import BuildResult, build_report, profile_report
from bildungsmonitor.reports.starter import KINDS, new_report

__all__ = ["KINDS", "BuildResult", "build_report", "new_report", "profile_report"]
