"""View models of the pages and the service functions that build them (no SQL here)."""
