"""The indicator catalogue: loaded once per app, listed by area with search and filter."""

from __future__ import annotations

from typing import Annotated, ClassVar, cast

from fastapi import Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator, load_catalogue
from bildungsmonitor.compute.indicator_value import latest_years
from bildungsmonitor.compute.kennblatt import DIRECTIONS, STEERING
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.settings import Settings
from bildungsmonitor.store.data_version import remembered
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views._source import blank_to_none


def get_catalogue(request: Request) -> Catalogue:
    """The catalogue of this app (built-in plus ``Settings.catalogue_files``), loaded once."""
    state = request.app.state
    found = getattr(state, "catalogue", None)
    if found is None:
        settings = cast(Settings, state.settings)
        found = load_catalogue(settings.catalogue_files)
        state.catalogue = found
    return cast(Catalogue, found)


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]


def indicator_by_code(
    code: Annotated[str, Path(description="Code der Kennzahl, z. B. D7.2.")],
    catalogue: CatalogueDep,
) -> Indicator:
    """The indicator of the path, or ``NotFound`` (404)."""
    return catalogue.indicator(code)


IndicatorDep = Annotated[Indicator, Depends(indicator_by_code)]


class IndicatorOut(BaseModel):
    model_config = ConfigDict(title="Kennzahl")

    code: str = Field(description="Code der Kennzahl im Katalog, z. B. D7.2.")
    official_code: str | None = Field(description="Amtliche oder kommunale Nummer.")
    name: str = Field(description="Name der Kennzahl.")
    area: str = Field(description="Bereich (A–H oder eigener Bereich).")
    area_name: str = Field(description="Name des Bereichs.")
    definition: str = Field(description="Definition.")
    unit: str = Field(description="Einheit, z. B. %.")
    decimals: int = Field(description="Nachkommastellen der Darstellung.")
    category: str = Field(description="Kern-, Überblicks- oder Ergänzungsindikator.")
    dimension: str = Field(description="Stelle im Prozess-Kontext-Modell.")
    direction: str = Field(description="higher_better, lower_better oder neutral.")
    direction_label: str = Field(description="Richtung in Worten.")
    steering: str = Field(description="Steuerungsrelevant für (in Worten).")
    source: str = Field(description="Datenquelle.")
    notes_meaning: str | None = Field(description="Hinweise zur Aussagekraft.")
    notes_comparability: str | None = Field(description="Hinweise zur Vergleichbarkeit.")
    comparability_warning: bool = Field(description="Beim Vergleich ungleicher Regionen warnen.")
    computable: bool = Field(description="Aus den amtlichen Daten berechenbar.")
    status_label: str = Field(description="berechenbar oder wartet auf Daten.")
    latest_year: int | None = Field(description="Jüngstes Jahr mit Werten.")

    @classmethod
    def of(cls, catalogue: Catalogue, indicator: Indicator, latest: int | None) -> IndicatorOut:
        return cls(
            code=indicator.code,
            official_code=indicator.official_code,
            name=indicator.name,
            area=indicator.area,
            area_name=catalogue.area(indicator.area).name,
            definition=indicator.definition,
            unit=indicator.unit,
            decimals=indicator.decimals,
            category=indicator.category.value,
            dimension=indicator.dimension.value,
            direction=indicator.direction.value,
            direction_label=DIRECTIONS[indicator.direction.value],
            steering=STEERING[indicator.steering.value],
            source=indicator.source,
            notes_meaning=indicator.notes_meaning,
            notes_comparability=indicator.notes_comparability,
            comparability_warning=indicator.comparability_warning,
            computable=indicator.computable and latest is not None,
            status_label="berechenbar" if latest is not None else "wartet auf Daten",
            latest_year=latest,
        )


def find_indicators(
    session: Session, catalogue: Catalogue, *, area: str | None = None, q: str | None = None
) -> list[IndicatorOut]:
    """Indicators of one area (or all) whose code, name or definition contains ``q``."""
    area, q = blank_to_none(area), blank_to_none(q)
    if area is not None and area not in {a.code for a in catalogue.areas}:
        raise BadRequest(f"Unbekannter Bereich »{area}«.")
    latest = remembered(session, latest_years)
    needle = (q or "").casefold()
    return [
        IndicatorOut.of(catalogue, i, latest.get(i.code))
        for i in catalogue.indicators
        if (area is None or i.area == area)
        and needle in f"{i.code} {i.name} {i.definition}".casefold()
    ]


class AreaSection(BaseModel):
    code: str = Field(description="Bereich.")
    name: str = Field(description="Name des Bereichs.")
    indicators: list[IndicatorOut] = Field(description="Kennzahlen des Bereichs.")


CATALOGUE_COLUMNS = [
    Column("code", "Code"),
    Column("name", "Kennzahl"),
    Column("unit", "Einheit"),
    Column("category", "Kategorie"),
    Column("status", "Status"),
    Column("latest_year", "Jüngstes Jahr", numeric=True),
]


class CataloguePage(PageView):
    template: ClassVar[str] = "catalogue.html"

    q: str | None = Field(description="Suchbegriff.")
    bereich: str | None = Field(description="Gefilterter Bereich.")
    areas: dict[str, str] = Field(description="Alle Bereiche (Auswahl).")
    sections: list[AreaSection] = Field(description="Kennzahlen nach Bereich.")
    count: int = Field(description="Anzahl gefundener Kennzahlen.")

    def section_table(self, section: AreaSection) -> Table:
        return Table(
            f"Bereich {section.code}: {section.name} ({len(section.indicators)} Kennzahlen)",
            CATALOGUE_COLUMNS,
            [_catalogue_row(i) for i in section.indicators],
            name=f"kennzahlen-{section.code}",
        )

    def table(self) -> Table:
        rows = [_catalogue_row(i) for s in self.sections for i in s.indicators]
        return Table(f"Kennzahlen ({self.count})", CATALOGUE_COLUMNS, rows, name="kennzahlen")


def _catalogue_row(i: IndicatorOut) -> list[CellValue]:
    return [
        Link(i.code, f"/kennzahlen/{i.code}"),
        i.name,
        i.unit,
        i.category,
        i.status_label,
        i.latest_year,
    ]


def catalogue_page(
    session: Session, catalogue: Catalogue, *, q: str | None, bereich: str | None
) -> CataloguePage:
    found = find_indicators(session, catalogue, area=bereich, q=q)
    sections = [
        AreaSection(code=a.code, name=a.name, indicators=[i for i in found if i.area == a.code])
        for a in catalogue.areas
    ]
    return CataloguePage(
        title="Kennzahlen",
        q=blank_to_none(q),
        bereich=blank_to_none(bereich),
        areas={a.code: a.name for a in catalogue.areas},
        sections=[s for s in sections if s.indicators],
        count=len(found),
    )
