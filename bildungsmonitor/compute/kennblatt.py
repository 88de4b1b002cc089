"""The Kennblatt of an indicator: definition, formula in words, sources with *Stand*,
coverage and notes, generated from the catalogue and the stored data."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX, aliases_of
from bildungsmonitor.compute.formula import describe_de, parse
from bildungsmonitor.compute.indicator_value import (
    SourceRecord,
    indicator_footnotes,
    indicator_sources,
)
from bildungsmonitor.store.tables import IndicatorValue

DIRECTIONS = {
    "higher_better": "höher ist besser",
    "lower_better": "niedriger ist besser",
    "neutral": "keine Wertung",
}
STEERING = {
    "landkreis": "Landkreise",
    "kreisfreie_stadt": "kreisfreie Städte",
    "both": "Landkreise und kreisfreie Städte",
    "none": "keine kommunale Steuerung",
}


@dataclass
class Kennblatt:
    indicator: Indicator
    area_name: str
    formula_words: str
    aliases: dict[str, str]
    sources: list[str] = field(default_factory=list)
    records: list[SourceRecord] = field(default_factory=list)
    """The imports behind ``sources``."""
    first_year: int | None = None
    last_year: int | None = None
    regions_with_values: int = 0
    years: list[int] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


def alias_label(catalogue: Catalogue, alias: str) -> str:
    binding = catalogue.binding(alias)
    labels = [p for p in binding.path if p not in ("*", "**")]
    text = " › ".join(labels)
    if binding.category:
        text += f" ({binding.category})"
    return f"{text} [{binding.table}]"


def build_kennblatt(session: Session, catalogue: Catalogue, code: str) -> Kennblatt:
    indicator = catalogue.indicator(code)
    aliases = sorted(aliases_of(indicator)) if indicator.numerator else []
    labels = {a: alias_label(catalogue, a) for a in aliases}
    sheet = Kennblatt(
        indicator,
        catalogue.area(indicator.area).name,
        _formula_words(indicator, labels),
        labels,
    )
    if not aliases:
        return sheet
    _coverage(session, sheet)
    _sources(session, catalogue, sheet)
    return sheet


def _formula_words(indicator: Indicator, labels: dict[str, str]) -> str:
    if not indicator.numerator:
        return "noch nicht berechenbar (kommunale Daten erforderlich)"
    text = describe_de(parse(indicator.numerator), labels)
    if indicator.denominator:
        text = f"({text}) ÷ ({describe_de(parse(indicator.denominator), labels)})"
    if indicator.factor != 1:
        factor = f"{indicator.factor:g}".replace(".", ",")
        text = f"{factor} × {text}"
    return text


def _coverage(session: Session, sheet: Kennblatt) -> None:
    numeric = (
        IndicatorValue.indicator_code == sheet.indicator.code,
        IndicatorValue.value.is_not(None),
        ~IndicatorValue.subject.startswith(GROUP_PREFIX),
    )
    sheet.years = list(
        session.scalars(select(IndicatorValue.year).where(*numeric).distinct().order_by("year"))
    )
    if sheet.years:
        sheet.first_year, sheet.last_year = sheet.years[0], sheet.years[-1]
    sheet.regions_with_values = int(
        session.scalar(select(func.count(func.distinct(IndicatorValue.subject))).where(*numeric))
        or 0
    )


def _sources(session: Session, catalogue: Catalogue, sheet: Kennblatt) -> None:
    """The imports of the indicator's last computation (``indicator_run.import_ids``, as
    on the web pages and in reports) and the footnotes of theirs that apply."""
    records = indicator_sources(session, catalogue, [sheet.indicator])[sheet.indicator.code]
    sheet.records.extend(records)
    for record in records:
        sheet.sources.append(
            f"{record.file_name}: Tabelle {record.table_code} »{record.title}«, "
            f"Stand {record.stand}; {record.licence or 'Lizenzvermerk fehlt'}"
        )
    notes = indicator_footnotes(
        session, catalogue, [sheet.indicator], [r.import_id for r in records]
    )
    sheet.footnotes.extend(notes)


def render_text(sheet: Kennblatt) -> str:
    """The Kennblatt as Markdown (CLI, downloads)."""
    i = sheet.indicator
    lines = [
        f"# Kennblatt {i.code}: {i.name}",
        "",
        f"- Bereich: {i.area} {sheet.area_name}",
        f"- Amtliche/kommunale Nummer: {i.official_code or '–'}",
        f"- Definition: {i.definition}",
        f"- Berechnung: {sheet.formula_words}",
        f"- Einheit: {i.unit} ({i.decimals} Nachkommastellen)",
        f"- Kategorie: {i.category.value}; Modelldimension: {i.dimension.value}",
        f"- Richtung: {DIRECTIONS[i.direction.value]}",
        f"- Steuerungsrelevant für: {STEERING[i.steering.value]}",
        f"- Datenquelle: {i.source}",
    ]
    if sheet.first_year is not None:
        lines.append(
            f"- Abdeckung: {sheet.first_year}–{sheet.last_year} "
            f"({len(sheet.years)} Jahre), {sheet.regions_with_values} Gebietseinheiten mit Werten"
        )
    else:
        lines.append("- Abdeckung: keine berechneten Werte")
    if i.reference:
        lines.append(
            f"- Veröffentlichter Vergleichswert: {i.reference.table} »{i.reference.column}«"
        )
    for title, text in (
        ("Aussagekraft", i.notes_meaning),
        ("Vergleichbarkeit", i.notes_comparability),
    ):
        if text:
            lines += ["", f"## {title}", "", text]
    if sheet.aliases:
        lines += ["", "## Merkmale", ""] + [f"- `{a}`: {t}" for a, t in sheet.aliases.items()]
    if sheet.sources:
        lines += ["", "## Quellen", ""] + [f"- {s}" for s in sheet.sources]
    if sheet.footnotes:
        lines += ["", "## Fußnoten der Quellen", ""] + [f"- {n}" for n in sheet.footnotes]
    return "\n".join(lines) + "\n"
