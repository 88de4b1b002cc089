"""Block kinds, one module each, shaped alike: ``KIND``, a frozen ``Spec``,
``parse(options) -> Spec`` (validation, errors with file and line) and
``render(spec, context, where) -> list[Element]``."""

from __future__ import annotations

from types import ModuleType

from bildungsmonitor.reports.blocks import figure, footnotes, kennblatt, keyfigure, table

BLOCKS: dict[str, ModuleType] = {
    module.KIND: module for module in (figure, table, keyfigure, kennblatt, footnotes)
}
FENCE_PREFIX = "bm-"
