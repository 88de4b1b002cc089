"""Routers of the web layer; ``bildungsmonitor.web.app.ROUTERS`` lists them explicitly."""
