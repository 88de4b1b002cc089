from __future__ import annotations

from pathlib import Path

import bildungsmonitor.chart

DOC = Path(__file__).parents[2] / "docs" / "charts.md"


def test_charts_doc_names_every_export_and_the_attribution() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in bildungsmonitor.chart.__all__:
        assert name in text
    from bildungsmonitor.chart._geo import GEO_ATTRIBUTION

    assert GEO_ATTRIBUTION in text
