"""One typed settings object; the only reader of the environment.

Every field is read from an environment variable prefixed ``BILDUNGSMONITOR_``.
Tests construct ``Settings(...)`` directly instead of patching the environment.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("bildungsmonitor", appauthor=False))


class Settings(BaseSettings):
    """Bildungsmonitor settings (see docs/settings.md, generated from this class)."""

    model_config = SettingsConfigDict(env_prefix="BILDUNGSMONITOR_", extra="forbid")

    home: Path = Field(
        default_factory=_default_home,
        description=(
            "Data directory of this installation (SQLite database, caches). "
            "Defaults to the per-user data directory."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. "
            "postgresql+psycopg://user@host/db. Defaults to a SQLite file in `home`."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address the web server binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port of the web server.")
    catalogue_files: list[Path] = Field(
        default_factory=list,
        description=(
            "Additional indicator catalogue files (YAML) of the municipality, loaded after the "
            'built-in catalogue; as JSON list, e.g. ["/pfad/katalog.yaml"].'
        ),
    )
    response_cache_mb: int = Field(
        default=128,
        ge=0,
        description=(
            "Memory per web worker for finished pages and API answers, in MiB; entries are "
            "dropped as soon as anything in the database changes. 0 switches the cache off."
        ),
    )
    workers: int = Field(
        default=1,
        ge=1,
        le=32,
        description=(
            "Number of web server processes for `serve` (e.g. one per CPU core for an "
            "office with many users)."
        ),
    )
    warm_up: bool = Field(
        default=True,
        description=(
            "Load the Kreis boundaries and start the chart renderer when the web server "
            "starts (in the background), so the first map is as fast as every later one."
        ),
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement (debugging).")

    @model_validator(mode="after")
    def _expand_home(self) -> Settings:
        self.home = self.home.expanduser()
        return self

    @property
    def resolved_database_url(self) -> str:
        """The database URL in effect: the configured one or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'bildungsmonitor.sqlite3'}"

    @property
    def is_embedded_default(self) -> bool:
        return self.database_url is None
