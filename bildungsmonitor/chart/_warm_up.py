"""Process start-up work done once, ahead of the first page: read the Kreis boundaries,
serialise them and start the chart renderer (vl-convert's engine), so the first map a
user opens costs what every later one costs."""

from __future__ import annotations

import logging

from bildungsmonitor.chart import _geo
from bildungsmonitor.chart.choropleth import choropleth
from bildungsmonitor.chart.classification import classify

LOG = logging.getLogger(__name__)


def warm_up() -> bool:
    """Load and render once; ``False`` (and a log line) if that failed — the pages then
    simply do it on first use."""
    try:
        areas = _geo.kreise()
        for area in areas.values():
            _ = area.geometry_json
        values = {code: (float(index), None) for index, code in enumerate(areas)}
        classification = classify([v for v, _s in values.values()], "quantile")
        choropleth("Vorwärmen", "", "", values, classification).svg()
    except Exception:
        LOG.exception("Vorwärmen der Kartendarstellung fehlgeschlagen")
        return False
    return True
