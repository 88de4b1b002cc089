"""The manifest of a build: every shown number with its indicator, region, period,
display and the import files (with *Stand*) it was computed from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from bildungsmonitor.reports.model import Document, ManifestEntry


def manifest_json(document: Document, entries: list[ManifestEntry], outputs: list[str]) -> str:
    unique: dict[tuple[str, str, int], dict[str, Any]] = {}
    for entry in entries:
        key = (entry.indicator, entry.region, entry.period)
        if key in unique:
            unique[key]["blocks"].append(entry.block)
            continue
        row = asdict(entry)
        row["blocks"] = [row.pop("block")]
        unique[key] = row
    for row in unique.values():
        row["blocks"] = sorted(set(row["blocks"]))
    payload = {
        "report": document.report.title,
        "template": document.report.path.name,
        "subject": document.report.subject,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "outputs": outputs,
        "figures": len(document.figures()),
        "values": sorted(unique.values(), key=lambda r: (r["indicator"], r["region"], r["period"])),
        "sources": document.sources,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)
