"""Reports: editable Markdown templates bound to the catalogue, built to HTML, PDF and DOCX.

``template`` parses and validates a template into a ``Report``; each block kind lives in
``blocks/<kind>.py``; ``build`` resolves blocks against the store and writes the outputs
with a manifest that traces every number to its import file. See ``docs/reports.md``.

The names below are imported on first use: the PDF layout process imports
``reports._layout_worker`` and must not pay for the store, the catalogue and Polars.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bildungsmonitor.reports.build import BuildResult, build_report, profile_report
    from bildungsmonitor.reports.starter import KINDS, new_report

__all__ = ["KINDS", "BuildResult", "build_report", "new_report", "profile_report"]

_HOME = {
    "BuildResult": "build",
    "build_report": "build",
    "profile_report": "build",
    "KINDS": "starter",
    "new_report": "starter",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
