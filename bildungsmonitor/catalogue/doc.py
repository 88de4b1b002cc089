"""Render the catalogue as a Markdown reference (``docs/indicators.md``).

The output is deterministic, so a test can compare the committed file with a
fresh rendering (``python -m bildungsmonitor.catalogue.doc > docs/indicators.md``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from bildungsmonitor.catalogue.loader import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue, Indicator, SeriesBinding, Status

_DIRECTION = {
    "higher_better": "höher ist besser",
    "lower_better": "niedriger ist besser",
    "neutral": "keine Wertung",
}
_STEERING = {
    "landkreis": "Landkreis",
    "kreisfreie_stadt": "kreisfreie Stadt",
    "both": "Landkreis und kreisfreie Stadt",
    "none": "kaum kommunal steuerbar (Kontext)",
}
_STATUS = {
    Status.COMPUTABLE: "berechenbar aus mitgelieferten Daten",
    Status.AWAITING_DATA: "wartet auf Daten (kommunale oder nicht mitgelieferte Quelle)",
}


def _natural_key(code: str) -> list[tuple[int, str]]:
    return [
        (0, part) if not part.isdigit() else (int(part), "") for part in re.split(r"(\d+)", code)
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def formula_text(indicator: Indicator) -> str | None:
    """The calculation rule in one line, e.g. ``100 × (a) ÷ (b)``."""
    if indicator.numerator is None:
        return None
    text = f"`{indicator.numerator}`"
    if indicator.denominator is not None:
        text = f"({text}) ÷ (`{indicator.denominator}`)"
    if indicator.factor != 1:
        text = f"{_number(indicator.factor)} × {text}"
    return text


def _range_text(indicator: Indicator) -> str | None:
    parts: list[str] = []
    if indicator.valid_range is not None:
        low, high = indicator.valid_range
        shown_low = "−∞" if low is None else _number(low)
        shown_high = "∞" if high is None else _number(high)
        parts.append(f"Wertebereich {shown_low} bis {shown_high}")
    if indicator.max_change_pct is not None:
        parts.append(f"Veränderung zum Vorjahr höchstens {_number(indicator.max_change_pct)} %")
    return "; ".join(parts) or None


def _fields(indicator: Indicator) -> Iterator[tuple[str, str | None]]:
    yield "Definition", indicator.definition
    yield "Berechnung", formula_text(indicator)
    places = "Nachkommastelle" if indicator.decimals == 1 else "Nachkommastellen"
    yield "Einheit", f"{indicator.unit} ({indicator.decimals} {places})"
    yield "Einordnung", f"{indicator.category.value}, {indicator.dimension.value}"
    yield "Richtung", _DIRECTION[indicator.direction.value]
    yield "Quelle", indicator.source
    yield "Status", _STATUS[indicator.status]
    if indicator.official_code:
        yield "Amtliche/kommunale Nummer", indicator.official_code
    if indicator.reference is not None:
        ref = indicator.reference
        yield "Referenz", f"{ref.table}, Spalte „{ref.column}“"
    yield "Aussagekraft", indicator.notes_meaning
    yield "Vergleichbarkeit", indicator.notes_comparability
    warn = " – Warnhinweis beim Vergleich verschiedener Kreistypen/Länder" * (
        indicator.comparability_warning
    )
    yield "Steuerungsrelevanz", _STEERING[indicator.steering.value] + warn
    yield "Plausibilität", _range_text(indicator)
    yield "Herkunft der Definition", indicator.evidence


def _indicator_section(indicator: Indicator) -> list[str]:
    lines = [f"### {indicator.code} {indicator.name}", ""]
    for label, value in _fields(indicator):
        if value:
            lines.append(f"- **{label}:** {_cell(value)}")
    lines.append("")
    return lines


def _binding_row(alias: str, binding: SeriesBinding) -> str:
    path = " › ".join(f"`{label}`" for label in binding.path)
    category = binding.category or ""
    dash = "als 0" if binding.dash == "zero" else "als Zeichen"
    return f"| `{alias}` | {binding.table} | {_cell(path)} | {_cell(category)} | {dash} |"


def _overview(catalogue: Catalogue) -> list[str]:
    lines = [
        "| Bereich | berechenbar | wartet auf Daten |",
        "|---|---:|---:|",
    ]
    for area in catalogue.areas:
        items = catalogue.in_area(area.code)
        computable = sum(1 for i in items if i.computable)
        lines.append(f"| {area.code} {area.name} | {computable} | {len(items) - computable} |")
    return [*lines, ""]


def _area_sections(catalogue: Catalogue) -> list[str]:
    lines: list[str] = []
    for area in catalogue.areas:
        lines += [f"## {area.code} – {area.name}", ""]
        if area.description:
            lines += [area.description, ""]
        items = sorted(catalogue.in_area(area.code), key=lambda i: _natural_key(i.code))
        if not items:
            lines += ["Noch keine Kennzahlen.", ""]
        for indicator in items:
            lines += _indicator_section(indicator)
    return lines


def _appendix(catalogue: Catalogue) -> list[str]:
    lines = [
        "## Aliasse und Bindungen",
        "",
        "Spaltenpfad = Kopfzeilen der Spalte von oben nach unten (ohne Einheit und Zeitangabe); "
        "`*` steht für genau eine Beschriftung, `**` für beliebig viele.",
        "",
        "| Alias | Tabelle | Spaltenpfad | Merkmal (Kategorie) | „-“ |",
        "|---|---|---|---|---|",
    ]
    lines += [_binding_row(a, catalogue.series[a]) for a in sorted(catalogue.series)]
    lines += [
        "",
        "## Prüfregeln",
        "",
        "| Regel | Summe | Teile | Beschreibung |",
        "|---|---|---|---|",
    ]
    for rule in catalogue.checks:
        parts = ", ".join(f"`{p}`" for p in rule.parts)
        lines.append(f"| {rule.id} | `{rule.total}` | {parts} | {_cell(rule.description)} |")
    return [*lines, ""]


def render_markdown(catalogue: Catalogue) -> str:
    """The whole catalogue as one Markdown document (German)."""
    lines = [
        "# Kennzahlenkatalog",
        "",
        "<!-- Erzeugt aus bildungsmonitor/catalogue/builtin/*.yaml mit "
        "`python -m bildungsmonitor.catalogue.doc > docs/indicators.md`; "
        "nicht von Hand ändern. -->",
        "",
        "Die Kennzahl-Codes (A1.1a, D7.2 …) sind eigene, stabile Kennungen dieses Katalogs, "
        "**keine** amtlichen Kennzahl-Nummern des Anwendungsleitfadens. Eine amtliche oder "
        "kommunale Nummer steht, wo bekannt, im Feld „Amtliche/kommunale Nummer“. Kategorie "
        "und Dimension sind fachlich begründete Vorschläge.",
        "",
        *_overview(catalogue),
        *_area_sections(catalogue),
        *_appendix(catalogue),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:  # pragma: no cover - thin CLI wrapper
    sys.stdout.write(render_markdown(load_catalogue()))


if __name__ == "__main__":  # pragma: no cover
    main()
