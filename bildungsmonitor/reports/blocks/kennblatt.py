"""``bm-kennblatt``: an excerpt of an indicator's Kennblatt.

Options: ``indicator`` (required), ``sections`` (list; default: definition, berechnung,
aussagekraft, vergleichbarkeit, quellen; also: einheit, richtung, abdeckung).
"""

from __future__ import annotations

from dataclasses import dataclass

from bildungsmonitor.catalogue.model import Indicator
from bildungsmonitor.compute.kennblatt import DIRECTIONS, Kennblatt, build_kennblatt
from bildungsmonitor.reports.blocks._options import Options
from bildungsmonitor.reports.context import RenderContext
from bildungsmonitor.reports.model import Element, KennblattElement, Location

KIND = "kennblatt"
SECTIONS = (
    "definition",
    "berechnung",
    "einheit",
    "richtung",
    "abdeckung",
    "aussagekraft",
    "vergleichbarkeit",
    "quellen",
)
DEFAULT = ("definition", "berechnung", "aussagekraft", "vergleichbarkeit", "quellen")


@dataclass(frozen=True)
class Spec:
    indicator: Indicator
    sections: tuple[str, ...]


def parse(options: Options) -> Spec:
    indicator = options.indicator()
    sections = options.raw("sections", list(DEFAULT))
    if not isinstance(sections, list):
        raise options.fail("»sections« muss eine Liste sein.", "sections")
    for name in sections:
        if name not in SECTIONS:
            raise options.fail(
                f"Abschnitt »{name}« gibt es nicht (möglich: {', '.join(SECTIONS)}).", "sections"
            )
    options.finish()
    return Spec(indicator, tuple(sections))


def render(spec: Spec, ctx: RenderContext, where: Location) -> list[Element]:
    sheet = build_kennblatt(ctx.data.session, ctx.data.catalogue, spec.indicator.code)
    entries = [(label, text) for name in spec.sections for label, text in _entry(sheet, name)]
    title = f"Kennblatt {spec.indicator.code}: {spec.indicator.name}"
    return [KennblattElement(title, [(label, text) for label, text in entries if text])]


def _entry(sheet: Kennblatt, name: str) -> list[tuple[str, str]]:
    i = sheet.indicator
    coverage = (
        f"{sheet.first_year}–{sheet.last_year}, {sheet.regions_with_values} Gebietseinheiten"
        if sheet.first_year is not None
        else "keine berechneten Werte"
    )
    entries = {
        "definition": [("Definition", i.definition)],
        "berechnung": [("Berechnung", sheet.formula_words)],
        "einheit": [("Einheit", i.unit)],
        "richtung": [("Richtung", DIRECTIONS[i.direction.value])],
        "abdeckung": [("Abdeckung", coverage)],
        "aussagekraft": [("Aussagekraft", i.notes_meaning or "")],
        "vergleichbarkeit": [("Vergleichbarkeit", i.notes_comparability or "")],
        "quellen": [("Quelle", s) for s in sheet.sources] or [("Quelle", i.source)],
    }
    return entries[name]
