"""Report speed (issue: Bildungsbericht). Targets on a 2-core machine: the full
Bildungsbericht of one Kreis (≥ 8 chapters, ≥ 40 figures, ≥ 60 pages) as PDF < 20 s;
the Kommunalprofil as PDF < 3 s. Each build runs in a fresh process (cold: includes
the vl-convert engine start and WeasyPrint's font and style set-up, about 1.5 s); the
targets are judged on these cold builds. A second figure per kind is the same build in a
process that has built a report of another Kreis before (warm, as in the web server's
/berichte). The demo database build is not measured. Reports the
shares of data access, chart rendering and layout, and serial vs threaded charts.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.import_speed import RESULTS, _isolated

KREIS = "15082"
OTHER_KREIS = "15081"
TARGETS = {"bildungsbericht": 20.0, "kommunalprofil": 3.0}


def _build_demo(url: str) -> dict[str, Any]:
    from bildungsmonitor.demo import build_demo
    from bildungsmonitor.store.database import Store

    start = time.perf_counter()
    build_demo(Store(url))
    return {"seconds": time.perf_counter() - start}


def _build(url: str, kind: str, folder: str, warm: bool = False) -> dict[str, Any]:
    from bildungsmonitor.catalogue import load_catalogue
    from bildungsmonitor.reports import build_report, new_report
    from bildungsmonitor.store.database import Store

    store, catalogue = Store(url), load_catalogue()
    if warm:  # as in the running web server: a report of another region was built before
        first = Path(folder) / "vorher"
        first.mkdir()
        other = first / f"{kind}.md"
        other.write_text(new_report(store, catalogue, kind, OTHER_KREIS), encoding="utf-8")
        build_report(store, catalogue, other, first, formats=frozenset({"pdf"}))
    template = Path(folder) / f"{kind}.md"
    template.write_text(new_report(store, catalogue, kind, KREIS), encoding="utf-8")
    start = time.perf_counter()
    result = build_report(store, catalogue, template, Path(folder), formats=frozenset({"pdf"}))
    seconds = time.perf_counter() - start
    html = template.read_text(encoding="utf-8")
    return {
        "seconds": seconds,
        "pages": result.pages,
        "figures": result.figures,
        "chapters": sum(1 for line in html.splitlines() if line.startswith("# ")),
        "values": result.values,
        "timings": {k: round(v, 2) for k, v in result.timings.items()},
        "shares": {k: round(v / seconds, 2) for k, v in result.timings.items()},
    }


def _charts(url: str, workers: int) -> dict[str, Any]:
    """Render the Bildungsbericht's figures with ``workers`` threads (engine warmed)."""
    from bildungsmonitor.catalogue import load_catalogue
    from bildungsmonitor.chart import bar_chart
    from bildungsmonitor.reports._charts import render_figures
    from bildungsmonitor.reports._data import ReportData
    from bildungsmonitor.reports.context import RenderContext
    from bildungsmonitor.reports.document import resolve
    from bildungsmonitor.reports.starter import new_report
    from bildungsmonitor.reports.template import parse_report
    from bildungsmonitor.store.database import Store

    store, catalogue = Store(url), load_catalogue()
    bar_chart("warm", "%", "q", []).svg()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.md"
        path.write_text(new_report(store, catalogue, "bildungsbericht", KREIS), encoding="utf-8")
        with store.sessions() as session:
            data = ReportData.load(session, catalogue)
            report = parse_report(path, data)
            figures = resolve(RenderContext(data, report)).figures()
    start = time.perf_counter()
    render_figures(figures, png=False, workers=workers)
    return {"seconds": time.perf_counter() - start, "figures": len(figures)}


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": multiprocessing.cpu_count()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.sqlite3'}"
        report["demo_build_not_measured"] = _isolated(_build_demo, url)
        for kind in TARGETS:
            folder = Path(tmp) / kind
            folder.mkdir()
            report[kind] = _isolated(_build, url, kind, str(folder))
            warm = Path(tmp) / f"{kind}-warm"
            warm.mkdir()
            report[f"{kind}_warm_process"] = _isolated(_build, url, kind, str(warm), True)
        report["charts_serial"] = _isolated(_charts, url, 1)
        report["charts_two_threads"] = _isolated(_charts, url, 2)
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["targets"] = {
        kind: {
            "limit_seconds": limit,
            "seconds": report[kind].get("seconds"),
            "met": report[kind].get("seconds", float("inf")) < limit,
        }
        for kind, limit in TARGETS.items()
    }
    (RESULTS / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
