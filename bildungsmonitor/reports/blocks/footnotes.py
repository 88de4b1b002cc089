"""``bm-footnotes``: the notes collected since the last footnotes block (comparability
notes of the catalogue, footnotes of the source tables that apply to the figures and
tables shown, notes the author adds with ``add``), numbered as the figures and tables
refer to them.

Options: ``add`` (list of extra notes, optional).
"""

from __future__ import annotations

from dataclasses import dataclass

from bildungsmonitor.reports.blocks._options import Options
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import Element, Location

KIND = "footnotes"


@dataclass(frozen=True)
class Spec:
    extra: tuple[str, ...]


def parse(options: Options) -> Spec:
    extra = options.raw("add", [])
    if not isinstance(extra, list) or not all(isinstance(e, str) for e in extra):
        raise options.fail("»add« muss eine Liste von Texten sein.", "add")
    options.finish()
    return Spec(tuple(extra))


def render(spec: Spec, ctx: RenderContext, where: Location) -> list[Element]:
    element = ctx.take_footnotes(spec.extra)
    return [element] if element else []
