"""Every number a map figure puts into the appendix table is traced in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.reports import build_report
from bildungsmonitor.store.database import Store

TEMPLATE = """---
title: Kartenprobe
subject: "15082"
---

# Karte

```bm-figure
indicator: D7.2
kind: map
years: latest
```
"""


def test_map_values_of_all_drawn_kreise_are_in_the_manifest(
    demo_store: Store, tmp_path: Path
) -> None:
    template = tmp_path / "karte.md"
    template.write_text(TEMPLATE, encoding="utf-8")
    result = build_report(demo_store, load_catalogue(), template, tmp_path / "out")
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    entries = manifest["values"] if isinstance(manifest, dict) else manifest
    regions = {e["region"] for e in entries if e["indicator"] == "D7.2"}
    # the map of Sachsen-Anhalt draws its 14 Kreise; each value is traceable
    assert len({r for r in regions if r.startswith("15") and len(r) == 5}) == 14
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "Daten zu Abbildung 1" in html


def test_every_chapter_with_data_gets_kernaussagen(demo_store: Store) -> None:
    from bildungsmonitor.reports import new_report

    text = new_report(demo_store, load_catalogue(), "bildungsbericht", "15082")
    chapters = {part.split("\n", 1)[0][:1]: part for part in text.split("\n# ")[1:]}
    with_data = {code for code, body in chapters.items() if "bm-figure" in body}
    assert {"A", "B", "C", "D", "E"} <= with_data
    for code in with_data:
        assert "## Kernaussagen" in chapters[code], code
    # counts get their share of the Land, from the data
    assert "% des Wertes für Sachsen-Anhalt" in chapters["B"]
