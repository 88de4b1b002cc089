"""Ingest: parse source files, validate them and load them in one transaction."""
