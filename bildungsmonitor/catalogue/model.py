"""The indicator catalogue as data: areas, series bindings, indicators and check rules.

A catalogue is assembled from one or more YAML files (the built-in ones and any a
municipality adds). The models here describe one merged catalogue; the file
format is documented in ``docs/catalogue-format.md``. Indicator codes are the
catalogue's own identifiers, *not* official Leitfaden numbers; an official or
municipal number goes into ``official_code``.
"""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bildungsmonitor.errors import NotFound


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(enum.StrEnum):
    """Priority tier of an indicator (Kern-, Überblicks-, Ergänzungsindikator)."""

    CORE = "Kernindikator"
    OVERVIEW = "Überblicksindikator"
    SUPPLEMENTARY = "Ergänzungsindikator"


class Dimension(enum.StrEnum):
    """Place in the Prozess-Kontext-Modell."""

    CONTEXT = "Kontext"
    INPUT = "Input"
    PROCESS = "Prozess"
    OUTPUT = "Output"
    OUTCOME = "Outcome"


class Direction(enum.StrEnum):
    """Which direction of change counts as an improvement."""

    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    NEUTRAL = "neutral"


class Steering(enum.StrEnum):
    """Which type of local authority can steer the indicator (Steuerungsrelevanz)."""

    LANDKREIS = "landkreis"
    KREISFREIE_STADT = "kreisfreie_stadt"
    BOTH = "both"
    NONE = "none"


class Status(enum.StrEnum):
    COMPUTABLE = "computable"
    AWAITING_DATA = "awaiting_data"


class Area(_Strict):
    """A thematic area (Bildungsbereich), e.g. ``D`` "Allgemeinbildende Schulen"."""

    code: str = Field(min_length=1, max_length=12, pattern=r"^[A-Z][A-Za-z0-9_-]*$")
    name: str = Field(min_length=1)
    description: str | None = None


class SeriesBinding(_Strict):
    """Binds an alias to one column of a GENESIS table (see ``compute.binding``)."""

    table: str = Field(min_length=1)
    path: tuple[str, ...] = Field(min_length=1)
    category: str | None = None
    dash: Literal["zero", "symbol"] = "zero"


class Reference(_Strict):
    """A published table that holds the same indicator (e.g. Regionalatlas AI003-2)."""

    table: str = Field(min_length=1)
    column: str = Field(min_length=1)
    from_year: int | None = None
    """First year the published method equals ours; earlier cells are not comparable."""
    method_note: str | None = None
    """Why earlier years differ (shown with the comparison)."""


class Indicator(_Strict):
    """One indicator (Kennzahl) with its formula and its explanatory notes."""

    code: str = Field(min_length=1, max_length=32)
    official_code: str | None = None
    name: str = Field(min_length=1)
    area: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    numerator: str | None = None
    denominator: str | None = None
    factor: float = 1.0
    unit: str = Field(min_length=1)
    decimals: int = Field(default=1, ge=0, le=6)
    category: Category
    dimension: Dimension
    direction: Direction = Direction.NEUTRAL
    source: str = Field(min_length=1)
    notes_meaning: str | None = None
    notes_comparability: str | None = None
    steering: Steering = Steering.BOTH
    comparability_warning: bool = False
    valid_range: tuple[float | None, float | None] | None = None
    max_change_pct: float | None = Field(default=None, gt=0)
    reference: Reference | None = None
    status: Status = Status.COMPUTABLE
    evidence: str | None = None

    @property
    def computable(self) -> bool:
        return self.status is Status.COMPUTABLE

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None


class CheckRule(_Strict):
    """A plausibility rule over bound series.

    ``parts_exceed_total``: the sum of ``parts`` must not exceed ``total`` for the
    same region and period. 'dar.'-positions must never be listed as parts.
    """

    id: str = Field(min_length=1)
    kind: Literal["parts_exceed_total"] = "parts_exceed_total"
    total: str = Field(min_length=1)
    parts: tuple[str, ...] = Field(min_length=1)
    description: str = Field(min_length=1)


class CatalogueFile(_Strict):
    """The content of one catalogue YAML file; every section is optional."""

    areas: list[Area] = Field(default_factory=list)
    series: dict[str, SeriesBinding] = Field(default_factory=dict)
    indicators: list[Indicator] = Field(default_factory=list)
    checks: list[CheckRule] = Field(default_factory=list)


class Catalogue(_Strict):
    """The merged catalogue: built-in content plus any municipal extension files."""

    areas: tuple[Area, ...]
    series: dict[str, SeriesBinding]
    indicators: tuple[Indicator, ...]
    checks: tuple[CheckRule, ...]
    files: tuple[str, ...] = ()

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise NotFound(f"Kennzahl {code!r} ist im Katalog nicht vorhanden.")

    def area(self, code: str) -> Area:
        for area in self.areas:
            if area.code == code:
                return area
        raise NotFound(f"Bereich {code!r} ist im Katalog nicht vorhanden.")

    def in_area(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators if i.area == code]

    def computable(self) -> list[Indicator]:
        return [i for i in self.indicators if i.computable]

    def binding(self, alias: str) -> SeriesBinding:
        try:
            return self.series[alias]
        except KeyError:
            raise NotFound(f"Alias {alias!r} ist im Katalog nicht definiert.") from None
