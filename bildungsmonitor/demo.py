"""The demo database: built from the real exports shipped in ``bildungsmonitor/data``.

The same function seeds the test database, so the demo and the tests see the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.comparison.demo import ensure_demo_ring
from bildungsmonitor.comparison.ring import NewRing
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.ingest.checks import run_checks
from bildungsmonitor.ingest.loader import ImportResult, import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import ensure_builtin_groups
from bildungsmonitor.store.tables import AppState

DATA = Path(__file__).parent / "data"
GENESIS = DATA / "genesis"
DEMO_STATE_KEY = "demo_built"


def demo_files() -> list[Path]:
    """All shipped exports (schools, leavers, vocational schools, child care, population,
    labour market, social benefits, income) in a stable order."""
    return sorted(GENESIS.glob("*.csv"))


@dataclass
class DemoBuild:
    imports: list[ImportResult]
    ring: NewRing | None = None
    """The demo Vergleichsring with its access tokens, when this build created it."""


def build_demo(
    store: Store,
    *,
    on_file: Callable[[Path, ImportResult], None] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> DemoBuild:
    """Migrate, import every shipped export, create the shipped groups, compute the
    built-in catalogue, run the plausibility checks and create the demo Vergleichsring;
    idempotent."""
    store.migrate()
    results = []
    for path in demo_files():
        result = import_file(store.sessions, path)
        results.append(result)
        if on_file is not None:
            on_file(path, result)
    with store.transaction() as session:
        ensure_builtin_groups(session)
    step = on_step or (lambda _text: None)
    catalogue = load_catalogue()
    step("Kennzahlen werden berechnet …")
    run_compute(store, catalogue)
    step("Plausibilität wird geprüft …")
    run_checks(store, catalogue)
    step("Beispiel-Vergleichsring wird angelegt …")
    ring = ensure_demo_ring(store, catalogue)
    with store.transaction() as session:
        if session.scalar(select(AppState).where(AppState.key == DEMO_STATE_KEY)) is None:
            session.add(AppState(key=DEMO_STATE_KEY, value="1"))
    return DemoBuild(results, ring)


def demo_is_built(store: Store) -> bool:
    from sqlalchemy import inspect

    if "app_state" not in inspect(store.engine).get_table_names():
        return False
    with store.transaction() as session:
        return session.scalar(select(AppState).where(AppState.key == DEMO_STATE_KEY)) is not None
