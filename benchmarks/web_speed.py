"""Web speed (issue: Web-Oberfläche und API).

Targets, against the demo data on loopback: with 20 concurrent clients every page's p95
latency < 300 ms and every API route's p95 < 50 ms; a Kennblatt (map and charts) renders
in < 500 ms uncached (the first request for that indicator; the very first request of the
process, which also loads the geometry and starts the chart renderer, is reported apart).
Reference: throughput of a values query next to Datasette serving the same values as one
flat ``werte`` table from a SQLite file.

The app runs under uvicorn in a subprocess (one worker, as `bildungsmonitor serve` starts it,
with its response cache) on a freshly built demo SQLite database; httpx.AsyncClient drives
it from this process with 20 concurrent tasks. The cache keeps finished answers until the
data change, so under load most answers are cache hits; what a request costs without the
cache is measured apart (a second server with ``BILDUNGSMONITOR_RESPONSE_CACHE_MB=0``, one
client, every route), and the Kennblatt figures are first requests, i.e. uncached. Every
loop is bounded in requests and seconds; only 127.0.0.1 is contacted; both servers are
stopped at the end. Client and server share the machine's CPUs; the load average at start
and end is recorded, since other work on the machine inflates every figure. A serial pass
(one client) gives each route's cost without queueing next to the loaded figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from benchmarks.import_speed import RESULTS

CLIENTS = 20
PHASE_SECONDS = 30.0
ROUNDS = 10  # per client: each client walks the route list at most this often
SERIAL_REPEATS = 5
THROUGHPUT_SECONDS = 10.0
THROUGHPUT_REQUESTS = 2_000
START_SECONDS = 60.0
PAGE_P95_MS = 300.0
API_P95_MS = 50.0
KENNBLATT_MS = 500.0
KENNBLATT_CODES = 6
REGION = "15082"
INDICATOR = "D7.2"
PAGES = (
    "/",
    "/regionen",
    f"/regionen/{REGION}",
    "/gruppen",
    "/gruppen/mitteldeutsches-revier",
    "/daten",
    "/daten/1",
    "/merkmale?tabelle=21111-02-06-4",
    f"/werte?tabelle=21111-02-06-4&region={REGION}&jahr=2023",
    "/hinweise",
    "/kennzahlen",
    f"/kennzahlen/{INDICATOR}",
    f"/regionen/{REGION}/profil",
    f"/vergleich?gruppe=mitteldeutsches-revier&kennzahl={INDICATOR}",
    f"/karte?kennzahl={INDICATOR}",
)
API = (
    "/api/v1/regions",
    f"/api/v1/regions/{REGION}",
    "/api/v1/groups",
    "/api/v1/groups/mitteldeutsches-revier",
    "/api/v1/series?table=21111-02-06-4",
    f"/api/v1/values?region={REGION}&table=21111-02-06-4",
    "/api/v1/values?table=21111-02-06-4&year=2023",
    "/api/v1/imports",
    "/api/v1/indicators",
    f"/api/v1/indicators/{INDICATOR}",
    f"/api/v1/indicator-values?indicator={INDICATOR}&region={REGION}",
)
VALUES_QUERY = f"/api/v1/values?region={REGION}&limit=10000"  # all rows, like _size=max
WERTE_SQL = """
    SELECT o.region_code, o.year, s.table_code, s.label AS series, o.category, o.value,
           o.symbol
    FROM observation o JOIN series s ON s.id = o.series_id
    WHERE o.current
"""


# -- servers -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serving(command: Sequence[str], port: int, ready: str, env: dict[str, str]) -> Iterator[str]:
    """Run ``command`` until the block ends; yield its base URL once ``ready`` answers 200."""
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command[0]} exited: {error[-2000:]}")
            try:
                if httpx.get(base + ready, timeout=2.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{' '.join(command)} did not answer within {START_SECONDS}s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def _app_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "bildungsmonitor.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]


def _datasette_command(path: Path, port: int) -> list[str]:
    executable = Path(sys.executable).with_name("datasette")
    return [
        str(executable),
        "serve",
        "-i",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "max_returned_rows",
        "10000",
    ]


# -- data --------------------------------------------------------------------------


def _build_demo(url: str) -> dict[str, Any]:
    from bildungsmonitor.demo import build_demo
    from bildungsmonitor.store.database import Store

    start = time.perf_counter()
    store = Store(url)
    build_demo(store)
    store.dispose()
    return {"seconds": round(time.perf_counter() - start, 2)}


def _export_werte(demo: Path, target: Path) -> int:
    """The current values as one flat, indexed ``werte`` table for Datasette."""
    with sqlite3.connect(demo) as source, sqlite3.connect(target) as flat:
        flat.execute(
            "CREATE TABLE werte (region_code TEXT, year INTEGER, table_code TEXT, "
            "series TEXT, category TEXT, value REAL, symbol TEXT)"
        )
        flat.executemany(
            "INSERT INTO werte VALUES (?, ?, ?, ?, ?, ?, ?)", source.execute(WERTE_SQL)
        )
        flat.execute("CREATE INDEX werte_region ON werte (region_code)")
        count = flat.execute("SELECT count(*) FROM werte").fetchone()[0]
    source.close()
    flat.close()
    return int(count)


# -- measurements ------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _summary(latencies: list[float]) -> dict[str, Any]:
    if not latencies:
        return {"requests": 0}
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {
        "requests": len(ordered),
        "p50_ms": _ms(statistics.median(ordered)),
        "p95_ms": _ms(p95),
        "max_ms": _ms(ordered[-1]),
    }


WRK_SECONDS = 3
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
    .. '"max_ms": %.2f, "non_2xx_3xx": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def _wrk_load(base: str, paths: Sequence[str], script: Path) -> dict[str, Any]:
    """Per route, ``CLIENTS`` connections for ``WRK_SECONDS`` (wrk: a C load generator,
    so the figures are the server's, not a Python client's)."""
    routes: dict[str, Any] = {}
    for path in paths:
        command = ["wrk", "-t", "1", "-c", str(CLIENTS), "-d", f"{WRK_SECONDS}s"]
        command += ["--timeout", "10s", "-s", str(script), base + path]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=WRK_SECONDS + 60, check=True
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
        routes[path] = result
    return {"clients": CLIENTS, "load_generator": "wrk", "routes": routes}


async def _load(base: str, paths: Sequence[str]) -> dict[str, Any]:
    """``CLIENTS`` tasks walk ``paths`` (each from its own offset), bounded in rounds and time."""
    latencies: dict[str, list[float]] = {path: [] for path in paths}
    failures: dict[str, int] = {}
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) as client:
        deadline = time.monotonic() + PHASE_SECONDS

        async def walk(offset: int) -> None:
            for step in range(ROUNDS * len(paths)):
                if time.monotonic() > deadline:
                    return
                path = paths[(offset + step) % len(paths)]
                start = time.perf_counter()
                response = await client.get(path)
                latencies[path].append(time.perf_counter() - start)
                if response.status_code != 200:
                    failures[path] = failures.get(path, 0) + 1

        start = time.perf_counter()
        await asyncio.gather(*(walk(i) for i in range(CLIENTS)))
        elapsed = time.perf_counter() - start
    total = sum(len(v) for v in latencies.values())
    return {
        "clients": CLIENTS,
        "seconds": round(elapsed, 2),
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "non_200": failures,
        "routes": {path: _summary(values) for path, values in latencies.items()},
    }


async def _throughput(base: str, path: str) -> dict[str, Any]:
    """Requests per second for one query with ``CLIENTS`` concurrent tasks (bounded)."""
    latencies: list[float] = []
    sizes: set[int] = set()
    rows: set[int] = set()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) as client:
        first = await client.get(path)  # also checks the answer before measuring
        first.raise_for_status()
        body = first.json()
        rows.add(len(body["data"]) if isinstance(body, dict) else len(body))
        deadline = time.monotonic() + THROUGHPUT_SECONDS
        remaining = [THROUGHPUT_REQUESTS]

        async def worker() -> None:
            while remaining[0] > 0 and time.monotonic() < deadline:
                remaining[0] -= 1
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - start)
                response.raise_for_status()
                sizes.add(len(response.content))

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        elapsed = time.perf_counter() - start
    return {
        "query": path,
        "rows_per_response": sorted(rows),
        "bytes_per_response": max(sizes, default=0),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        **_summary(latencies),
    }


def _throughput_of(base: str, path: str, tmp: str) -> dict[str, Any]:
    """wrk where installed (rows and bytes from one checked request), else httpx."""
    if not shutil.which("wrk"):
        return asyncio.run(_throughput(base, path))
    body = httpx.get(base + path, timeout=60.0).raise_for_status()
    data = body.json()
    script = Path(tmp) / "p95.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    measured = _wrk_load(base, [path], script)["routes"][path]
    return {
        "query": path,
        "rows_per_response": [len(data["data"]) if isinstance(data, dict) else len(data)],
        "bytes_per_response": len(body.content),
        "load_generator": "wrk",
        **measured,
    }


def _kennblatt_uncached(base: str) -> dict[str, Any]:
    """First requests, one after another, on a server that has rendered nothing yet."""
    with httpx.Client(base_url=base, timeout=60.0) as client:
        first = _timed(client, f"/kennzahlen/{INDICATOR}")
        listing = client.get("/api/v1/indicators").json()["data"]
        codes = [
            item["code"]
            for item in listing
            if item.get("computable") and item.get("latest_year") and item["code"] != INDICATOR
        ][:KENNBLATT_CODES]
        renders = {code: _timed(client, f"/kennzahlen/{code}") for code in codes}
        again = _timed(client, f"/kennzahlen/{INDICATOR}")
    times = [r["ms"] for r in renders.values() if r["status"] == 200]
    return {
        "first_in_process": {INDICATOR: first},
        "first_per_indicator": renders,
        "max_ms": max(times, default=None),
        "median_ms": round(statistics.median(times), 1) if times else None,
        "repeat_cached": {INDICATOR: again},
    }


def _timed(client: httpx.Client, path: str) -> dict[str, Any]:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    return {"ms": _ms(elapsed), "status": response.status_code, "svgs": response.text.count("<svg")}


def _serial(base: str, paths: Sequence[str], repeats: int = SERIAL_REPEATS) -> dict[str, Any]:
    """One client, one request at a time: what a request costs without queueing."""
    latencies: dict[str, list[float]] = {path: [] for path in paths}
    with httpx.Client(base_url=base, timeout=60.0) as client:
        for _ in range(repeats):
            for path in paths:
                start = time.perf_counter()
                client.get(path)
                latencies[path].append(time.perf_counter() - start)
    return {path: _summary(values) for path, values in latencies.items()}


def _available(base: str, paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The paths that answer 200 (one warm-up request each) and those that do not."""
    found: list[str] = []
    missing: list[str] = []
    with httpx.Client(base_url=base, timeout=60.0) as client:
        for path in paths:
            (found if client.get(path).status_code == 200 else missing).append(path)
    return found, missing


# -- report ------------------------------------------------------------------------


def _verdicts(report: dict[str, Any]) -> dict[str, Any]:
    def worst(phase: str) -> dict[str, Any]:
        routes = report[phase]["routes"]
        p95 = {path: r["p95_ms"] for path, r in routes.items() if r.get("requests")}
        slow = max(p95, key=lambda path: p95[path]) if p95 else None
        return {"worst_route": slow, "worst_p95_ms": p95.get(slow) if slow else None}

    pages, api = worst("pages_load"), worst("api_load")
    kennblatt = report["kennblatt_uncached"]
    first = kennblatt["first_in_process"][INDICATOR]["ms"]
    return {
        "pages_p95_under_300ms": {
            **pages,
            "target_ms": PAGE_P95_MS,
            "met": pages["worst_p95_ms"] is not None and pages["worst_p95_ms"] < PAGE_P95_MS,
            "over_target": sorted(
                p
                for p, r in report["pages_load"]["routes"].items()
                if r.get("p95_ms", 0) >= PAGE_P95_MS
            ),
        },
        "api_p95_under_50ms": {
            **api,
            "target_ms": API_P95_MS,
            "met": api["worst_p95_ms"] is not None and api["worst_p95_ms"] < API_P95_MS,
            "over_target": sorted(
                p
                for p, r in report["api_load"]["routes"].items()
                if r.get("p95_ms", 0) >= API_P95_MS
            ),
        },
        "kennblatt_uncached_under_500ms": {
            "max_ms": kennblatt["max_ms"],
            "target_ms": KENNBLATT_MS,
            "met": kennblatt["max_ms"] is not None and kennblatt["max_ms"] < KENNBLATT_MS,
        },
        "kennblatt_first_in_process_under_500ms": {
            "ms": first,
            "target_ms": KENNBLATT_MS,
            "met": first < KENNBLATT_MS,
        },
    }


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "setup": {
            "clients": CLIENTS,
            "server": "uvicorn with httptools and uvloop, 1 worker, response cache on (as "
            "`bildungsmonitor serve`), SQLite demo database; client on the same machine",
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
    }
    with tempfile.TemporaryDirectory(prefix="bm-web-bench-") as tmp:
        demo = Path(tmp) / "demo.sqlite3"
        url = f"sqlite:///{demo}"
        report["demo_build_not_measured"] = _build_demo(url)
        flat = Path(tmp) / "werte.db"
        report["datasette_rows"] = _export_werte(demo, flat)

        port = _free_port()
        env = {"BILDUNGSMONITOR_DATABASE_URL": url, "BILDUNGSMONITOR_RESPONSE_CACHE_MB": "0"}
        with _serving(_app_command(port), port, "/api/v1/groups", env) as base:
            _available(base, [*PAGES, *API])  # process start-up: geometry, chart renderer
            report["uncached_one_client"] = _serial(base, [*PAGES, *API], repeats=3)

        port = _free_port()
        env = {"BILDUNGSMONITOR_DATABASE_URL": url}
        with _serving(_app_command(port), port, "/api/v1/groups", env) as base:
            report["kennblatt_uncached"] = _kennblatt_uncached(base)
            pages, missing_pages = _available(base, PAGES)
            api, missing_api = _available(base, API)
            report["not_available"] = missing_pages + missing_api
            report["serial_one_client"] = _serial(base, [*pages, *api])
            if shutil.which("wrk"):
                script = Path(tmp) / "p95.lua"
                script.write_text(WRK_SCRIPT, encoding="utf-8")
                report["pages_load"] = _wrk_load(base, pages, script)
                report["api_load"] = _wrk_load(base, api, script)
            else:  # Debian: apt-get install wrk
                report["pages_load"] = asyncio.run(_load(base, pages))
                report["api_load"] = asyncio.run(_load(base, api))
            report["mixed_load_httpx"] = asyncio.run(_load(base, [*pages, *api]))
            report["values_throughput_app"] = _throughput_of(base, VALUES_QUERY, tmp)

        port = _free_port()
        with _serving(_datasette_command(flat, port), port, "/-/versions.json", {}) as base:
            query = f"/werte/werte.json?region_code={REGION}&_shape=array"
            report["values_throughput_datasette"] = {
                "default_page": _throughput_of(base, query, tmp),
                "all_rows": _throughput_of(base, query + "&_size=max", tmp),
                "notes": "datasette -i (immutable) on the flat werte table with an index on "
                "region_code; the default page holds 100 rows, _size=max returns all rows "
                "(max_returned_rows raised to 10000) like the app's /api/v1/values.",
            }
    report["setup"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["targets"] = _verdicts(report)
    (RESULTS / "web.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
