"""Render every figure of a document once: SVG for HTML/PDF, PNG for DOCX.

Threads do not pay here: vl-convert serves all requests from one rendering worker, so
on the 2-core machine 80 Bildungsbericht figures take 2.10 s serially and 2.12 s with
two threads (``benchmarks/report_speed.py``; PNG rasterising measured alike). Figures
therefore render serially by default; ``workers`` > 1 uses a thread pool. The chart
module caches by spec, so equal figures render once.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bildungsmonitor.reports.model import FigureElement

PNG_SCALE = 3.0  # ≈ 216 dpi at the chart's CSS size: print resolution in Word


def render_figures(figures: list[FigureElement], *, png: bool, workers: int = 1) -> None:
    def work(figure: FigureElement) -> None:
        figure.svg = figure.chart.svg()
        if png:
            figure.png = figure.chart.png(PNG_SCALE)

    if workers <= 1:
        for figure in figures:
            work(figure)
        return
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(work, figures))
