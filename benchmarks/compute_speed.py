"""Compute speed and memory (issue: Kennzahlen berechnen).

Targets: the whole built-in catalogue for all regions and years of the demo data
< 5 s (``run_compute(force=True)`` on a freshly built SQLite demo database; the
build is not measured). Scale: a synthetic data set of 11,000 Gemeinden × 30 years
× 50 series (16.5M observations, see ``synthetic_compute``) computes 40 indicators
with group and reference values < 30 s with peak memory < 3 GB.
Reference: the same 40 formulas written by hand as DuckDB SQL (what it can cost).
Each measurement runs in its own process so peak memory (ru_maxrss) is its own;
the synthetic processes' peak includes the generated input frame
(``peak_mb_after_generation`` shows that baseline).
"""

from __future__ import annotations

import json
import multiprocessing
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import synthetic_compute
from benchmarks.import_speed import RESULTS, _isolated, _peak_mb

DUCKDB_NOTES = (
    "Symbols simplified in SQL: '-' counts as 0, '.'/'x' become NULL, a divisor of 0 "
    "gives NULL (no symbol propagation or priorities, no bracketed flag, no "
    "missing_members lists); groups are NULL unless every member has the parts. "
    "Reference values: count/min/quantile_cont(0.25/0.5/0.75)/max per indicator, "
    "year and region type plus each region's rank."
)


# -- demo database ---------------------------------------------------------------


def _build_demo(url: str) -> dict[str, Any]:
    from bildungsmonitor.demo import build_demo
    from bildungsmonitor.store.database import Store

    start = time.perf_counter()
    results = build_demo(Store(url))
    return {"seconds": time.perf_counter() - start, "files": len(results.imports)}


def _run_compute(url: str) -> dict[str, Any]:
    from bildungsmonitor.catalogue.loader import load_catalogue
    from bildungsmonitor.compute.run import run_compute
    from bildungsmonitor.store.database import Store

    store = Store(url)
    start = time.perf_counter()
    catalogue = load_catalogue()
    loaded = time.perf_counter()
    summary = run_compute(store, catalogue, force=True)
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "load_catalogue_seconds": round(loaded - start, 3),
        "run_compute_seconds": round(end - loaded, 3),
        "indicators": len(summary.computed),
        "values_stored": summary.values,
    }


def _demo_shares(url: str) -> dict[str, Any]:
    """Load the frames once, then time the pure computation on them."""
    from sqlalchemy import select

    from bildungsmonitor.catalogue.loader import load_catalogue
    from bildungsmonitor.compute import inputs
    from bildungsmonitor.compute.computation import ComputeData, compute_catalogue
    from bildungsmonitor.compute.run import _plan
    from bildungsmonitor.store.database import Store
    from bildungsmonitor.store.tables import IndicatorRun

    store = Store(url)
    catalogue = load_catalogue()
    chosen = catalogue.computable()
    start = time.perf_counter()
    with store.transaction() as session:
        series = inputs.series_frame(session)
        activity = inputs.series_activity(session)
        groups = inputs.group_members(session)
        list(session.scalars(select(IndicatorRun)))
        plans = [_plan(catalogue, i, series, activity, groups) for i in chosen]
        planned = time.perf_counter()
        needed = {i for p in plans for i in p.series_ids}
        data = ComputeData(series, inputs.observation_frame(session, needed), groups)
    loaded = time.perf_counter()
    values = compute_catalogue(catalogue, data, chosen)
    computed = time.perf_counter()
    return {
        "seconds": computed - start,
        "plan_seconds": round(planned - start, 3),
        "load_seconds": round(loaded - planned, 3),
        "compute_catalogue_seconds": round(computed - loaded, 3),
        "observations": data.observations.height,
        "groups": len(groups),
        "values": values.height,
    }


# -- synthetic scale ---------------------------------------------------------------


def _synthetic_data() -> Any:
    from bildungsmonitor.compute.computation import ComputeData

    return ComputeData(
        synthetic_compute.series_frame(),
        synthetic_compute.observations_frame(),
        synthetic_compute.groups(),
    )


def _synthetic_polars(work: str) -> dict[str, Any]:
    import polars as pl

    from bildungsmonitor.catalogue.loader import load_catalogue
    from bildungsmonitor.compute.aggregate import distribution
    from bildungsmonitor.compute.computation import GROUP_PREFIX, compute_catalogue

    generate = time.perf_counter()
    data = _synthetic_data()
    types = synthetic_compute.region_types()
    path = synthetic_compute.write_catalogue(Path(work) / "synthetic-catalogue.yaml")
    catalogue = load_catalogue([path], include_builtin=False)
    baseline = _peak_mb()
    start = time.perf_counter()
    values = compute_catalogue(catalogue, data)
    computed = time.perf_counter()
    # compute_catalogue concatenates indicator by indicator: zero-copy slices, no filter
    blocks = values.group_by("indicator_code", maintain_order=True).len().get_column("len")
    reference_rows = offset = 0
    for length in blocks:
        frame = values.slice(offset, length).rename({"subject": "region_code"})
        reference_rows += distribution(frame, types).height
        offset += length
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "compute_catalogue_seconds": round(computed - start, 3),
        "distribution_seconds": round(end - computed, 3),
        "generate_seconds": round(start - generate, 2),
        "peak_mb_after_generation": round(baseline, 1),
        "observations": data.observations.height,
        "indicators": len(catalogue.computable()),
        "rows": values.height,
        "group_rows": values.filter(pl.col("subject").str.starts_with(GROUP_PREFIX)).height,
        "reference_rows": reference_rows,
    }


class _ArrowStream:
    """Hands a Polars frame to DuckDB through the Arrow C stream interface."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.frame.__arrow_c_stream__(requested_schema)


def _synthetic_duckdb() -> dict[str, Any]:
    import duckdb

    generate = time.perf_counter()
    observations = synthetic_compute.observations_frame()
    members = [(slug, code) for slug, codes in synthetic_compute.groups().items() for code in codes]
    types = list(synthetic_compute.region_types().items())
    baseline = _peak_mb()
    start = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    # Arrow PyCapsule stream: no pyarrow needed, no copy into DuckDB's storage
    connection.register("observations", _ArrowStream(observations))
    connection.execute("CREATE TEMP TABLE members (slug VARCHAR, region_code VARCHAR)")
    connection.executemany("INSERT INTO members VALUES (?, ?)", members)
    connection.execute("CREATE TEMP TABLE types (region_code VARCHAR, region_type VARCHAR)")
    connection.executemany("INSERT INTO types VALUES (?, ?)", types)
    setup = time.perf_counter()
    for statement in synthetic_compute.duckdb_script():
        connection.execute(statement)
    end = time.perf_counter()

    def count(table: str) -> int:
        row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    rows = count("region_values") + count("group_values")
    groups, reference = count("group_values"), count("reference")
    connection.close()
    return {
        "seconds": end - start,
        "setup_seconds": round(setup - start, 3),
        "sql_seconds": round(end - setup, 3),
        "generate_seconds": round(start - generate, 2),
        "peak_mb_after_generation": round(baseline, 1),
        "observations": observations.height,
        "rows": rows,
        "group_rows": groups,
        "reference_rows": reference,
        "notes": DUCKDB_NOTES,
    }


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": multiprocessing.cpu_count()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.sqlite3'}"
        report["demo_build_not_measured"] = _isolated(_build_demo, url)
        demo = _isolated(_run_compute, url)
        shares = _isolated(_demo_shares, url)
        if "error" not in demo and "error" not in shares:
            demo["derived_store_and_plan_seconds"] = round(
                demo["run_compute_seconds"]
                - shares["load_seconds"]
                - shares["compute_catalogue_seconds"],
                2,
            )
        report["demo_run_compute_sqlite"] = demo
        report["demo_load_then_compute"] = shares
        report["synthetic_polars"] = _isolated(_synthetic_polars, tmp)
    report["synthetic_duckdb_sql"] = _isolated(_synthetic_duckdb)
    report["targets"] = _verdicts(report)
    (RESULTS / "compute.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


def _verdicts(report: dict[str, Any]) -> dict[str, Any]:
    def check(key: str, seconds: float, peak_mb: float | None = None) -> dict[str, Any]:
        measured = report.get(key)
        if measured is None or "error" in measured:
            return {"target_seconds": seconds, "target_peak_mb": peak_mb, "met": None}
        met = measured["seconds"] < seconds and (peak_mb is None or measured["peak_mb"] < peak_mb)
        return {"target_seconds": seconds, "target_peak_mb": peak_mb, "met": met}

    return {
        "demo_run_compute_sqlite": check("demo_run_compute_sqlite", 5),
        "synthetic_polars": check("synthetic_polars", 30, 3072),
    }
