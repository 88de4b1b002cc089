"""The start page: what the product is, what the database holds, the source attribution."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from bildungsmonitor.store.group import list_groups
from bildungsmonitor.store.observation import ImportView, list_imports, observation_count
from bildungsmonitor.store.region import list_regions
from bildungsmonitor.web.view import PageView

OFFICIAL = "© Statistische Ämter des Bundes und der Länder"


class Count(BaseModel):
    label: str = Field(description="Was gezählt wird.")
    value: int = Field(description="Anzahl.")
    href: str = Field(description="Seite mit den Einträgen.")


class HomePage(PageView):
    template: ClassVar[str] = "home.html"

    counts: list[Count] = Field(description="Umfang des Datenbestands.")
    attribution: str = Field(description="Quellenvermerk der amtlichen Daten.")


def attribution(imports: list[ImportView]) -> str:
    """The attribution line, with the year of the newest official Stand."""
    years = [
        record.stand_date.year
        for record in imports
        if record.stand_date and (record.licence or "").startswith(OFFICIAL)
    ]
    year = max(years, default=dt.date.today().year)
    return f"{OFFICIAL}, Deutschland, {year}; Datenlizenz Deutschland – Namensnennung – Version 2.0"


def home_page(session: Session) -> HomePage:
    imports = list_imports(session)
    regions = list_regions(session, include_historic=True)
    counts = [
        Count(label="Gebietseinheiten", value=len(regions), href="/regionen?status=alle"),
        Count(label="Regionsgruppen", value=len(list_groups(session)), href="/gruppen"),
        Count(label="importierte Dateien", value=len(imports), href="/daten"),
        Count(
            label="Statistik-Tabellen",
            value=len({record.table_code for record in imports}),
            href="/merkmale",
        ),
        Count(label="aktuelle Werte", value=observation_count(session), href="/werte"),
    ]
    return HomePage(title="Bildungsmonitor", counts=counts, attribution=attribution(imports))
