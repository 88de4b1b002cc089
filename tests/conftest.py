"""Shared fixtures: real databases (SQLite by default, PostgreSQL when configured).

Set ``BILDUNGSMONITOR_TEST_DATABASE_URL`` (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/test``) to run the same suite on
PostgreSQL: each writing test then gets its own database cloned from a migrated
template; the demo database is built once per session, exactly as ``bildungsmonitor
demo`` builds it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bildungsmonitor.demo import build_demo
from bildungsmonitor.store.database import Store

ROOT = Path(__file__).parents[1]
GENESIS = ROOT / "bildungsmonitor" / "data" / "genesis"
REFERENCE = ROOT / "tests" / "data" / "reference"


class TestEnvironment(BaseSettings):
    """Where the tests run: ``BILDUNGSMONITOR_TEST_DATABASE_URL`` selects PostgreSQL."""

    __test__ = False
    model_config = SettingsConfigDict(env_prefix="BILDUNGSMONITOR_TEST_")
    database_url: str | None = None


ENVIRONMENT = TestEnvironment()


class _Postgres:
    """Creates throwaway databases on the configured server."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.template = f"bm_template_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self._execute(f'CREATE DATABASE "{self.template}"')
        store = Store(self._url_for(self.template))
        store.migrate()
        store.dispose()

    def _url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def new_database(self, *, migrated: bool = True) -> str:
        name = f"bm_test_{uuid.uuid4().hex[:12]}"
        source = f' TEMPLATE "{self.template}"' if migrated else ""
        self._execute(f'CREATE DATABASE "{name}"{source}')
        self.created.append(name)
        return self._url_for(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        for name in [*self.created, self.template]:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[_Postgres | None]:
    if not ENVIRONMENT.database_url:
        yield None
        return
    server = _Postgres(ENVIRONMENT.database_url)
    yield server
    server.close()


@pytest.fixture
def database_url(postgres: _Postgres | None, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty (migrated) database for one test."""
    if postgres is None:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    url = postgres.new_database()
    yield url
    postgres.drop(url)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    store.migrate()
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def demo_store(
    postgres: _Postgres | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The demo database (all shipped exports), built once; tests must not write to it."""
    if postgres is None:
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    else:
        url = postgres.new_database()
    store = Store(url)
    build_demo(store)
    yield store
    store.dispose()


@pytest.fixture
def genesis() -> Path:
    return GENESIS


@pytest.fixture
def reference() -> Path:
    return REFERENCE
