"""Web layer: server-rendered pages and the JSON API, thin shells over the services."""

from bildungsmonitor.web.app import create_app

__all__ = ["create_app"]
