"""Import speed and memory (issue: Amtliche Statistik einlesen).

Targets: all shipped exports into SQLite < 10 s in total; one synthetic export of
1,000,000 value cells < 20 s into SQLite and < 40 s into PostgreSQL, peak memory < 1 GB.
Reference: DuckDB's ``read_csv`` on the same synthetic file (what parsing can cost).
Each measurement runs in its own process so peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import platform
import resource
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks import synthetic_genesis

RESULTS = Path(__file__).with_name("results")
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_shipped(url: str) -> dict[str, Any]:
    from bildungsmonitor.demo import demo_files
    from bildungsmonitor.ingest.loader import import_file
    from bildungsmonitor.store.database import Store

    store = Store(url)
    store.migrate()
    files = demo_files()
    start = time.perf_counter()
    cells = sum(import_file(store.sessions, f).cells for f in files)
    return {"seconds": time.perf_counter() - start, "files": len(files), "cells": cells}


def _parse_only(path: str) -> dict[str, Any]:
    from bildungsmonitor.ingest.genesis_csv import parse

    start = time.perf_counter()
    table = parse(Path(path))
    return {"seconds": time.perf_counter() - start, "cells": table.cell_count}


def _duckdb(path: str) -> dict[str, Any]:
    import duckdb

    skip = synthetic_genesis.data_line_offset()
    start = time.perf_counter()
    connection = duckdb.connect()
    rows = connection.execute(
        f"SELECT count(*) FROM read_csv('{path}', delim=';', header=false, skip={skip}, "
        "all_varchar=true, null_padding=true, ignore_errors=true)"
    ).fetchone()
    return {"seconds": time.perf_counter() - start, "rows": rows[0] if rows else 0}


def _import_one(path: str, url: str) -> dict[str, Any]:
    from bildungsmonitor.ingest.loader import import_file
    from bildungsmonitor.store.database import Store

    store = Store(url)
    store.migrate()
    start = time.perf_counter()
    result = import_file(store.sessions, Path(path))
    return {"seconds": time.perf_counter() - start, "cells": result.cells}


def _child(queue: Any, func: Any, args: tuple[Any, ...]) -> None:
    try:
        result = func(*args)
    except Exception as exc:  # reported, not hidden: the parent records the failure
        queue.put({"error": repr(exc), "seconds": float("nan"), "peak_mb": round(_peak_mb(), 1)})
        raise
    result["peak_mb"] = round(_peak_mb(), 1)
    queue.put(result)


def _isolated(func: Any, *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, func, args))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    result["seconds"] = round(result["seconds"], 2)
    return result


def _postgres_database() -> tuple[str, Any] | None:
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        name = f"bm_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:  # no server: the PostgreSQL figure is reported as missing
        return None

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": multiprocessing.cpu_count()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report["shipped_exports_sqlite"] = _isolated(
            _import_shipped, f"sqlite:///{work / 'shipped.sqlite3'}"
        )
        synthetic = work / "synthetic-1m.csv"
        cells = synthetic_genesis.generate(synthetic)
        report["synthetic"] = {"cells": cells, "bytes": synthetic.stat().st_size}
        report["synthetic_parse_only"] = _isolated(_parse_only, str(synthetic))
        report["synthetic_duckdb_read_csv"] = _isolated(_duckdb, str(synthetic))
        report["synthetic_import_sqlite"] = _isolated(
            _import_one, str(synthetic), f"sqlite:///{work / 'synthetic.sqlite3'}"
        )
        postgres = _postgres_database()
        if postgres is not None:
            url, drop = postgres
            try:
                report["synthetic_import_postgresql"] = _isolated(_import_one, str(synthetic), url)
            finally:
                drop()
    report["targets"] = _verdicts(report)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


def _verdicts(report: dict[str, Any]) -> dict[str, Any]:
    def check(key: str, seconds: float, peak_mb: float | None = None) -> dict[str, Any]:
        measured = report.get(key)
        if measured is None:
            return {"target_seconds": seconds, "met": None}
        met = measured["seconds"] < seconds and (peak_mb is None or measured["peak_mb"] < peak_mb)
        return {"target_seconds": seconds, "target_peak_mb": peak_mb, "met": met}

    return {
        "shipped_exports_sqlite": check("shipped_exports_sqlite", 10),
        "synthetic_import_sqlite": check("synthetic_import_sqlite", 20, 1024),
        "synthetic_import_postgresql": check("synthetic_import_postgresql", 40, 1024),
    }
