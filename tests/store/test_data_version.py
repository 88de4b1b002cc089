"""The data version moves with every commit by anyone, and only then."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bildungsmonitor.store.data_version import DataVersion, remembered
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import AppState


def _write(store: Store, key: str) -> None:
    with store.transaction() as session:
        session.add(AppState(key=key, value="1"))


def test_a_commit_by_another_store_changes_the_version(store: Store) -> None:
    before = store.data_version.current()
    assert before is not None
    assert store.data_version.current() == before  # reading changes nothing
    other = Store(store.url)  # e.g. the command line importing while the server runs
    try:
        _write(other, "import")
    finally:
        other.dispose()
    assert store.data_version.current() != before


def test_a_commit_in_the_same_process_changes_the_version(store: Store) -> None:
    before = store.data_version.current()
    _write(store, "formular")
    assert store.data_version.current() != before


def test_a_rolled_back_transaction_leaves_the_version(store: Store) -> None:
    if store.engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL gives a rolled-back writer a transaction id too (only a miss)")
    before = store.data_version.current()
    with store.sessions() as session:
        session.add(AppState(key="verworfen", value="1"))
        session.flush()
        session.rollback()
    assert store.data_version.current() == before


def test_an_in_memory_database_has_no_version() -> None:
    memory = Store("sqlite://")
    try:
        assert memory.data_version.current() is None
        assert DataVersion.of(memory.engine) is memory.data_version
    finally:
        memory.dispose()


def test_remembered_computes_once_per_version(store: Store) -> None:
    calls: list[int] = []

    def keys(session: object) -> list[str]:
        calls.append(1)
        with store.sessions() as reading:
            return list(reading.scalars(select(AppState.key)))

    with store.sessions() as session:
        assert remembered(session, keys) == []
        assert remembered(session, keys) == []
        assert len(calls) == 1
    _write(store, "neu")
    with store.sessions() as session:
        assert remembered(session, keys) == ["neu"]
    assert len(calls) == 2
