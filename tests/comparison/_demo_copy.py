"""A writable copy of the session's demo database for tests that change ring data.

SQLite: the demo file is copied with SQLite's backup API. PostgreSQL: a new database is
cloned from the demo database (``CREATE DATABASE … TEMPLATE``) after closing the demo
engine's pooled connections; it is dropped with the other test databases.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bildungsmonitor.store.database import Store


def copy_demo(demo_store: Store, postgres: Any, directory: Path) -> Store:
    url = make_url(demo_store.url)
    if postgres is None:
        target = directory / "demo-copy.sqlite3"
        source = sqlite3.connect(str(url.database))
        copy = sqlite3.connect(str(target))
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        store = Store(f"sqlite:///{target}")
    else:
        name = f"bm_test_{uuid.uuid4().hex[:12]}"
        demo_store.engine.dispose()
        with postgres.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"'))
        postgres.created.append(name)
        store = Store(url.set(database=name).render_as_string(hide_password=False))
    store.migrate()
    return store
