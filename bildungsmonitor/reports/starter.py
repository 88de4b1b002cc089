"""Starting templates (``report new``): Bildungsbericht, Kommunalprofil, Kommentierte
Datensammlung, Vergleichsbericht — Markdown the author edits, with generated
Kernaussagen written in as plain text."""

from __future__ import annotations

from collections.abc import Callable

from bildungsmonitor.catalogue.model import Area, Catalogue, Category, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.errors import BadRequest, NotFound
from bildungsmonitor.reports._data import ReportData
from bildungsmonitor.reports.statements import area_statements, indicator_statements
from bildungsmonitor.store.database import Store

CHAPTER_AREAS = "ABCDEFGH"
FROM_YEAR = 2005
PROFILE_FIGURES = 6


def _front(title: str, subject: str, kind: str, subtitle: str) -> list[str]:
    return [
        "---",
        f"title: {title}",
        f'subject: "{subject}"',
        f"kind: {kind}",
        f"subtitle: {subtitle}",
        "---",
        "",
    ]


def _block(block: str, **options: object) -> list[str]:
    lines = [f"```bm-{block}"]
    for key, value in options.items():
        text = f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)
        lines.append(f"{key}: {text}")
    return [*lines, "```", ""]


def _with_data(data: ReportData, indicators: list[Indicator], subject: str) -> list[Indicator]:
    return [i for i in indicators if i.computable and data.years(i, subject)]


def _statements(data: ReportData, indicators: list[Indicator], subject: str) -> list[str]:
    found = area_statements(data, indicators, subject)
    if not found:
        return []
    return ["## Kernaussagen", "", *(f"- {s}" for s in found), ""]


def _figure_for(data: ReportData, indicator: Indicator, subject: str) -> list[str]:
    years = data.years(indicator, subject)
    if len(years) >= 3:
        start = max(FROM_YEAR, years[0])
        return _block("figure", indicator=indicator.code, years=f"{start}-{years[-1]}")
    return _block("figure", indicator=indicator.code, kind="bar", years="latest")


def _areas(catalogue: Catalogue) -> list[Area]:
    return [a for a in catalogue.areas if a.code in CHAPTER_AREAS]


def bildungsbericht(data: ReportData, subject: str) -> list[str]:
    name = data.short_name(subject)
    lines = _front(f"Bildungsbericht {name}", subject, "bildungsbericht", data.name(subject))
    lines += [
        "Dieser Bericht beschreibt die Bildungslandschaft anhand der amtlichen Statistik.",
        "Die Kernaussagen sind aus den Daten erzeugt und können bearbeitet werden.",
        "",
    ]
    for area in _areas(data.catalogue):
        lines += [f"# {area.code} {area.name}", ""]
        indicators = _with_data(data, data.catalogue.in_area(area.code), subject)
        if not indicators:
            lines += ["Für diesen Bereich liegen noch keine kreisbezogenen Daten vor.", ""]
            continue
        lines += _statements(data, indicators, subject)
        lines += _block(
            "kennblatt", indicator=indicators[0].code, sections="[definition, aussagekraft]"
        )
        for indicator in indicators:
            lines += _figure_for(data, indicator, subject)
        codes = [i.code for i in indicators[:8]]
        lines += _block("table", indicators=codes, years="latest")
        lines += _block("footnotes")
    return lines


def _core(data: ReportData, subject: str) -> list[Indicator]:
    chosen: list[Indicator] = []
    for area in _areas(data.catalogue):
        found = _with_data(data, data.catalogue.in_area(area.code), subject)
        rates = [i for i in found if i.is_ratio] or found
        core = [i for i in rates if i.category is Category.CORE] or rates
        chosen += core[:1]
    return chosen


def kommunalprofil(data: ReportData, subject: str) -> list[str]:
    name = data.short_name(subject)
    lines = _front(f"Kommunalprofil {name}", subject, "kommunalprofil", data.name(subject))
    core = _core(data, subject)
    lines += ["# Auf einen Blick", ""]
    lines += _statements(data, core, subject)
    for indicator in core:
        lines += _block("keyfigure", indicator=indicator.code)
    lines += ["# Entwicklung und Vergleich", ""]
    for indicator in core[:PROFILE_FIGURES]:
        lines += _figure_for(data, indicator, subject)
    if core and len(subject) == 5:
        lines += _block("figure", indicator=core[-1].code, kind="map", years="latest")
    lines += ["# Daten", ""]
    lines += _block("table", indicators=[i.code for i in core], years="latest")
    lines += _block("footnotes")
    return lines


def datensammlung(data: ReportData, subject: str) -> list[str]:
    name = data.short_name(subject)
    lines = _front(
        f"Kommentierte Datensammlung {name}", subject, "datensammlung", data.name(subject)
    )
    for area in _areas(data.catalogue):
        indicators = _with_data(data, data.catalogue.in_area(area.code), subject)
        if not indicators:
            continue
        lines += [f"# {area.code} {area.name}", ""]
        for indicator in indicators:
            years = data.years(indicator, subject)[-5:]
            lines += _block("table", indicators=[indicator.code], years=list(years))
            lines += [s.text for s in indicator_statements(data, indicator, subject)[:1]] + [""]
        lines += _block("footnotes")
    return lines


def vergleichsbericht(data: ReportData, subject: str) -> list[str]:
    if not subject.startswith(GROUP_PREFIX):
        raise BadRequest("Ein Vergleichsbericht braucht eine Regionsgruppe (group:<kürzel>).")
    name = data.name(subject)
    lines = _front(f"Vergleichsbericht {name}", subject, "vergleichsbericht", "Vergleichsring")
    lines += [
        f"Verglichen werden: {', '.join(data.short_name(m) for m in data.members(subject))}.",
        "",
    ]
    for area in _areas(data.catalogue):
        indicators = _with_data(data, data.catalogue.in_area(area.code), subject)
        if not indicators:
            continue
        lines += [f"# {area.code} {area.name}", ""]
        lines += _statements(data, indicators, subject)
        for indicator in indicators[:6]:
            lines += _block("figure", indicator=indicator.code, kind="bar", years="latest")
        lines += _block("table", indicators=[i.code for i in indicators[:6]], years="latest")
        lines += _block("footnotes")
    return lines


KINDS: dict[str, Callable[[ReportData, str], list[str]]] = {
    "bildungsbericht": bildungsbericht,
    "kommunalprofil": kommunalprofil,
    "datensammlung": datensammlung,
    "vergleichsbericht": vergleichsbericht,
}


def new_report(store: Store, catalogue: Catalogue, kind: str, subject: str) -> str:
    """The Markdown of a starting template of ``kind`` for a region code or group."""
    if kind not in KINDS:
        raise BadRequest(f"Unbekannte Berichtsart »{kind}« (möglich: {', '.join(KINDS)}).")
    with store.sessions() as session:
        data = ReportData.load(session, catalogue)
        known = data.groups if subject.startswith(GROUP_PREFIX) else data.regions
        if subject.removeprefix(GROUP_PREFIX) not in known:
            raise NotFound(f"Gebietseinheit »{subject}« ist nicht bekannt.")
        return "\n".join(KINDS[kind](data, subject)).rstrip() + "\n"
