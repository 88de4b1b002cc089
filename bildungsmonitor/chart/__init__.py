"""Charts and maps as Vega-Lite specs, rendered offline to SVG/PNG with vl-convert.

One chart definition serves the web page, the PDF and the DOCX report: each builder
returns a `Chart` with the spec, a German text alternative, the source line and the
data table. See ``docs/charts.md``.
"""

from __future__ import annotations

from bildungsmonitor.chart._base import Chart, Line, Point
from bildungsmonitor.chart._warm_up import warm_up
from bildungsmonitor.chart.bar import bar_chart
from bildungsmonitor.chart.choropleth import choropleth
from bildungsmonitor.chart.classification import Classification, classify
from bildungsmonitor.chart.small_multiples import small_multiples
from bildungsmonitor.chart.timeseries import time_series

__all__ = [
    "Chart",
    "Classification",
    "Line",
    "Point",
    "bar_chart",
    "choropleth",
    "classify",
    "small_multiples",
    "time_series",
    "warm_up",
]
