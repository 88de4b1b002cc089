"""Helpers for chart tests: parse rendered output, walk specs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from bildungsmonitor.chart import Chart

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SOURCE = (
    "Quelle: Regionaldatenbank Deutschland, Tabelle 21111-02-06-4, Stand 12.03.2025; "
    "© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0"
)


def svg_text(chart: Chart) -> str:
    """All text of the SVG (parsed with ElementTree), whitespace-normalised."""
    root = ET.fromstring(chart.svg())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join(" ".join(root.itertext()).split())


def assert_renders(chart: Chart) -> str:
    """SVG parses and carries title and source line; PNG has the magic bytes."""
    text = svg_text(chart)
    assert chart.title in text
    assert chart.source in text
    assert chart.png().startswith(PNG_MAGIC)
    return text


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def has_url(spec: dict[str, Any]) -> bool:
    return any("url" in node for node in walk(spec)) or "http" in str(spec)
