"""Public shapes: what pages and the API show of regions, groups, series, values, imports.

Built from the dataclass views of ``bildungsmonitor.store``; the same shapes appear in the
JSON API, in the ``.json`` twins of the pages and (flattened) in their CSV/XLSX exports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from bildungsmonitor.store.group import GroupView
from bildungsmonitor.store.observation import ImportView, SeriesView, ValueView
from bildungsmonitor.store.region import LEVEL_LABELS, RegionView
from bildungsmonitor.symbol import symbol_labels

T = TypeVar("T")


class Listing(BaseModel, Generic[T]):
    """Every list: the items and how many there are."""

    data: list[T] = Field(description="Die Einträge.")
    count: int = Field(description="Anzahl der Einträge.")

    @classmethod
    def of(cls, items: list[T]) -> Listing[T]:
        return cls(data=items, count=len(items))


class Page(Listing[T], Generic[T]):
    """One page of a long list: ``count`` is the total, ``next`` the URL of the next page."""

    offset: int = Field(description="Übersprungene Einträge vor dieser Seite.")
    limit: int = Field(description="Höchstzahl der Einträge je Seite.")
    next: str | None = Field(description="Adresse der nächsten Seite (null auf der letzten).")


class RegionOut(BaseModel):
    model_config = ConfigDict(title="Gebietseinheit")

    code: str = Field(description="Amtlicher Regionalschlüssel (DG, 2, 3, 5 oder 8 Stellen).")
    name: str = Field(description="Name der Gebietseinheit.")
    level: str = Field(description="Ebene: bund, land, regierungsbezirk, kreis, gemeinde.")
    level_label: str = Field(description="Ebene in Worten.")
    region_type: str = Field(description="Art, z. B. »Landkreis« oder »kreisfreie Stadt«.")
    parent_code: str | None = Field(description="Schlüssel der übergeordneten Einheit.")
    historic: bool = Field(description="Aufgelöst (z. B. durch eine Gebietsreform).")
    last_data_year: int | None = Field(description="Letztes Jahr mit Angaben.")

    @classmethod
    def of(cls, view: RegionView) -> RegionOut:
        return cls(
            code=view.code,
            name=view.name,
            level=view.level,
            level_label=LEVEL_LABELS.get(view.level, view.level),
            region_type=view.region_type,
            parent_code=view.parent_code,
            historic=view.historic,
            last_data_year=view.last_data_year,
        )


class RegionDetail(RegionOut):
    model_config = ConfigDict(title="Gebietseinheit mit Umgebung")

    parent: RegionOut | None = Field(description="Die übergeordnete Einheit.")
    children: list[RegionOut] = Field(description="Die direkt untergeordneten Einheiten.")


class GroupOut(BaseModel):
    model_config = ConfigDict(title="Regionsgruppe")

    slug: str = Field(description="Kürzel der Gruppe (in Adressen).")
    name: str = Field(description="Name der Gruppe.")
    description: str = Field(description="Beschreibung.")
    members: list[str] = Field(description="Regionalschlüssel der Mitglieder.")
    builtin: bool = Field(description="Mitgeliefert (nicht selbst angelegt).")

    @classmethod
    def of(cls, view: GroupView) -> GroupOut:
        return cls(
            slug=view.slug,
            name=view.name,
            description=view.description,
            members=list(view.members),
            builtin=view.builtin,
        )


class GroupDetail(GroupOut):
    model_config = ConfigDict(title="Regionsgruppe mit Mitgliedern")

    regions: list[RegionOut] = Field(description="Die Mitglieder als Gebietseinheiten.")


class SeriesOut(BaseModel):
    model_config = ConfigDict(title="Merkmal")

    key: str = Field(description="Stabiler Schlüssel (aus Tabelle und Spaltenpfad).")
    table_code: str = Field(description="Tabellencode der Quelle, z. B. 21111-02-06-4.")
    label: str = Field(description="Bezeichnung (Spaltenpfad, mit › getrennt).")
    path: list[str] = Field(description="Spaltenpfad.")
    unit: str | None = Field(description="Einheit, z. B. Anzahl oder Prozent.")
    dimensions: dict[str, str] = Field(description="Merkmale und Ausprägungen.")
    category_name: str | None = Field(description="Name der Zusatzmerkmalsspalte.")
    categories: list[str] = Field(description="Ausprägungen der Zusatzmerkmalsspalte.")

    @classmethod
    def of(cls, view: SeriesView) -> SeriesOut:
        return cls(
            key=view.key,
            table_code=view.table_code,
            label=view.label,
            path=list(view.path),
            unit=view.unit,
            dimensions=dict(view.dimensions),
            category_name=view.category_name,
            categories=list(view.categories),
        )


class ValueOut(BaseModel):
    model_config = ConfigDict(title="Wert")

    series_key: str = Field(description="Schlüssel des Merkmals.")
    table_code: str = Field(description="Tabellencode der Quelle.")
    label: str = Field(description="Bezeichnung des Merkmals.")
    unit: str | None = Field(description="Einheit.")
    region_code: str = Field(description="Regionalschlüssel.")
    category: str | None = Field(description="Ausprägung der Zusatzmerkmalsspalte.")
    period: str = Field(description="Zeitangabe wie in der Quelle (Jahr oder Stichtag).")
    year: int = Field(description="Jahr.")
    value: float | None = Field(description="Zahlenwert; leer, wenn ein Zeichen steht.")
    symbol: str | None = Field(description="Zeichen der amtlichen Statistik statt eines Werts.")
    symbol_label: str | None = Field(description="Bedeutung des Zeichens.")
    display: str = Field(description="Darstellung wie in der Quelle (Dezimalkomma, Zeichen).")
    bracketed: bool = Field(description="In Klammern: Aussagewert eingeschränkt.")
    import_id: int = Field(description="Import, aus dem der Wert stammt.")
    file_name: str = Field(description="Quelldatei.")
    stand: str | None = Field(description="Stand der Quelldatei.")

    @classmethod
    def of(cls, view: ValueView) -> ValueOut:
        return cls(
            series_key=view.series_key,
            table_code=view.table_code,
            label=view.label,
            unit=view.unit,
            region_code=view.region_code,
            category=view.category,
            period=view.period,
            year=view.year,
            value=view.value,
            symbol=view.symbol,
            symbol_label=symbol_labels().get(view.symbol) if view.symbol else None,
            display=view.display,
            bracketed=view.bracketed,
            import_id=view.import_id,
            file_name=view.file_name,
            stand=view.stand,
        )


class FindingOut(BaseModel):
    model_config = ConfigDict(title="Befund")

    code: str = Field(description="Stabiler Code der Befundart.")
    title: str = Field(description="Titel der Befundart.")
    severity: str = Field(description="Schwere: warnung oder hinweis.")
    message: str = Field(description="Meldung.")
    region_code: str | None = Field(default=None, description="Betroffene Gebietseinheit.")
    year: int | None = Field(default=None, description="Betroffenes Jahr.")

    @classmethod
    def of(cls, raw: dict[str, Any]) -> FindingOut:
        return cls.model_validate(raw)


class FootnoteOut(BaseModel):
    model_config = ConfigDict(title="Fußnote")

    text: str = Field(description="Text der Fußnote.")
    column_label: str | None = Field(description="Betroffene Spalte.")
    region_name: str | None = Field(description="Betroffene Gebietseinheit (Name).")
    region_code: str | None = Field(description="Betroffene Gebietseinheit (Schlüssel).")


class ImportOut(BaseModel):
    model_config = ConfigDict(title="Import")

    id: int = Field(description="Nummer des Imports.")
    file_name: str = Field(description="Dateiname.")
    table_code: str = Field(description="Tabellencode.")
    title: str = Field(description="Titel der Tabelle.")
    stand: str | None = Field(description="Stand, wie in der Datei angegeben.")
    stand_date: dt.datetime | None = Field(description="Stand als Zeitpunkt.")
    licence: str | None = Field(description="Lizenzvermerk aus der Datei.")
    source: str | None = Field(description="Herkunft.")
    source_format: str = Field(description="Format der Datei.")
    encoding: str = Field(description="Zeichenkodierung der Datei.")
    sha256: str = Field(description="SHA-256-Prüfsumme der Datei.")
    size: int = Field(description="Größe in Byte.")
    cells: int = Field(description="Anzahl übernommener Werte.")
    replaced: int = Field(description="Anzahl durch diesen Import ersetzter älterer Werte.")
    imported_at: dt.datetime = Field(description="Zeitpunkt des Imports.")
    findings: list[FindingOut] = Field(description="Befunde des Imports.")
    footnotes: list[FootnoteOut] = Field(description="Fußnoten der Datei.")

    @classmethod
    def of(cls, view: ImportView) -> ImportOut:
        return cls(
            id=view.id,
            file_name=view.file_name,
            table_code=view.table_code,
            title=view.title,
            stand=view.stand,
            stand_date=view.stand_date,
            licence=view.licence,
            source=view.source,
            source_format=view.source_format,
            encoding=view.encoding,
            sha256=view.sha256,
            size=view.size,
            cells=view.cells,
            replaced=view.replaced,
            imported_at=view.imported_at,
            findings=[FindingOut.of(f) for f in view.findings],
            footnotes=[FootnoteOut.model_validate(n) for n in view.footnotes],
        )


class SourceOut(BaseModel):
    """Where shown figures come from: file, table, Stand and the licence line."""

    model_config = ConfigDict(title="Quelle")

    file_name: str = Field(description="Quelldatei.")
    table_code: str = Field(description="Tabellencode.")
    stand: str | None = Field(description="Stand der Quelldatei.")
    licence: str | None = Field(description="Lizenzvermerk aus der Datei.")

    @computed_field(description="Quellenangabe in einem Satz.")  # type: ignore[prop-decorator]
    @property
    def citation(self) -> str:
        text = f"Quelle: Tabelle {self.table_code}, Datei {self.file_name}"
        if self.stand:
            text += f", Stand {self.stand}"
        return f"{text}. {self.licence or DEFAULT_LICENCE}"

    @classmethod
    def of(cls, view: ImportView) -> SourceOut:
        return cls(
            file_name=view.file_name,
            table_code=view.table_code,
            stand=view.stand,
            licence=view.licence,
        )


DEFAULT_LICENCE = "Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)."
