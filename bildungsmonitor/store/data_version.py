"""A token that changes whenever anyone commits a change to the database.

The web response cache keys its entries by this token, so a cached page can never outlive
the data it shows — whether the change came from this process (a form), another worker or
the command line (an import while the server runs). No writer has to cooperate:

- SQLite (a file): ``PRAGMA data_version`` on a connection of our own that never writes;
  SQLite changes that number whenever *another* connection commits to the file.
- PostgreSQL: the current transaction snapshot (``xmin:xmax:in-progress xids``). Every
  writing transaction takes a transaction id, which moves ``xmax`` when it starts and leaves
  the in-progress list when it ends, so a commit always yields a new snapshot text. Writes
  in other databases of the cluster change it too – harmless, the cache only misses more.
- Anything else (e.g. in-memory SQLite): no token, so nothing is cached.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
_VERSIONS: weakref.WeakKeyDictionary[Engine, DataVersion] = weakref.WeakKeyDictionary()


class DataVersion:
    """``current()`` returns the token (``None`` where the database cannot give one)."""

    @classmethod
    def of(cls, engine: Engine) -> DataVersion:
        """The one instance per engine (shared by the store, the web cache and `remembered`)."""
        found = _VERSIONS.get(engine)
        if found is None:
            found = _VERSIONS[engine] = cls(engine)
        return found

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._remembered: dict[str, tuple[str, Any]] = {}
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._sqlite_path = _sqlite_file(engine)
        self.supported = self._sqlite_path is not None or engine.dialect.name == "postgresql"

    def current(self) -> str | None:
        if self._sqlite_path is not None:
            return self._sqlite_version(self._sqlite_path)
        if self.supported:
            with self._engine.connect() as connection:
                snapshot = connection.exec_driver_sql("SELECT txid_current_snapshot()::text")
                return str(snapshot.scalar_one())
        return None

    def _sqlite_version(self, path: Path) -> str | None:
        with self._lock:
            if self._sqlite is None:
                if not path.exists():
                    return None
                self._sqlite = sqlite3.connect(
                    f"file:{path}?mode=ro", uri=True, check_same_thread=False
                )
            row = self._sqlite.execute("PRAGMA data_version").fetchone()
        return f"sqlite:{row[0]}"

    def remembered(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per data version (always anew without a version)."""
        version = self.current()
        if version is None:
            return compute()
        found = self._remembered.get(name)
        if found is not None and found[0] == version:
            return cast(T, found[1])
        result = compute()
        self._remembered[name] = (version, result)
        return result

    def remembered_many(
        self, name: str, keys: Iterable[K], compute: Callable[[list[K]], Mapping[K, V]]
    ) -> dict[K, V]:
        """Per key, ``compute(missing keys)[key]`` once per data version (one call for all
        keys not yet known)."""
        version = self.current()
        wanted = list(dict.fromkeys(keys))
        if version is None:
            return dict(compute(wanted))
        known: dict[K, V]
        found = self._remembered.get(name)
        if found is not None and found[0] == version:
            known = found[1]
        else:
            known = {}
            self._remembered[name] = (version, known)
        missing = [key for key in wanted if key not in known]
        if missing:
            known.update(compute(missing))
        return {key: known[key] for key in wanted if key in known}

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None


def remembered(session: Session, compute: Callable[[Session], T]) -> T:
    """``compute(session)`` once per data version of the session's database.

    The computation runs in a session of its own, begun after the version was read, so what
    is kept is never older than the version it is kept under (the caller's session may hold
    an older snapshot). Only for reading callers: uncommitted writes are not seen.
    """
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return compute(session)
    name = f"{compute.__module__}.{compute.__qualname__}"
    return DataVersion.of(engine).remembered(name, lambda: _fresh(engine, compute))


def remembered_many(
    session: Session,
    keys: Iterable[K],
    compute: Callable[[Session, list[K]], Mapping[K, V]],
) -> dict[K, V]:
    """`remembered` per key: ``compute(session, missing keys)`` only for keys not yet known
    in this data version (in a session of its own, as there). Only for reading callers."""
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return dict(compute(session, list(keys)))
    name = f"{compute.__module__}.{compute.__qualname__}"
    return DataVersion.of(engine).remembered_many(
        name, keys, lambda missing: _fresh(engine, lambda fresh: compute(fresh, missing))
    )


def _fresh(engine: Engine, compute: Callable[[Session], T]) -> T:
    with Session(engine) as session:
        return compute(session)


def _sqlite_file(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)
