"""Bildungsmonitor: data-based municipal education management."""

__version__ = "0.1.0"
