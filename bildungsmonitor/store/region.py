"""Regions: hierarchy and type derived from official codes and names; queries."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bildungsmonitor.errors import NotFound
from bildungsmonitor.store.tables import Region

OFFICIAL_CODE = re.compile(r"^(DG|\d{2}|\d{3}|\d{5}|\d{8})$")

LEVELS: dict[int, str] = {2: "land", 3: "regierungsbezirk", 5: "kreis", 8: "gemeinde"}
LEVEL_LABELS: dict[str, str] = {
    "bund": "Bund",
    "land": "Land",
    "regierungsbezirk": "Regierungsbezirk/Statistische Region",
    "kreis": "Kreis",
    "gemeinde": "Gemeinde",
}
LEVEL_ORDER = ("bund", "land", "regierungsbezirk", "kreis", "gemeinde")

LAND_CODES: dict[str, str] = {
    "Schleswig-Holstein": "01",
    "Hamburg": "02",
    "Niedersachsen": "03",
    "Bremen": "04",
    "Nordrhein-Westfalen": "05",
    "Hessen": "06",
    "Rheinland-Pfalz": "07",
    "Baden-Württemberg": "08",
    "Bayern": "09",
    "Saarland": "10",
    "Berlin": "11",
    "Brandenburg": "12",
    "Mecklenburg-Vorpommern": "13",
    "Sachsen": "14",
    "Sachsen-Anhalt": "15",
    "Thüringen": "16",
}
"""The Länder by their official names, with their fixed official codes."""
_OFFICIAL_CODES = {n.casefold(): c for n, c in LAND_CODES.items()} | {"deutschland": "DG"}


KREISFREI = "kreisfreie Stadt"
LANDKREIS = "Landkreis"
_CITY_STATES = {"02000", "11000", "04011", "04012"}
_KREISFREI_MARKERS = ("kreisfreie stadt", "stadtkreis", "krfr. stadt")
_LANDKREIS_MARKERS = ("landkreis", "kreis", "regionalverband", "städteregion", "region hannover")


def land_code(name: str) -> str | None:
    """The fixed official code of Deutschland (``DG``) or of a Land by its name (any
    case); None for any other name."""
    return _OFFICIAL_CODES.get(name.strip().casefold())


def is_official_code(code: str) -> bool:
    return bool(OFFICIAL_CODE.match(code))


def level_of(code: str) -> str:
    if code == "DG":
        return "bund"
    return LEVELS.get(len(code), "custom")


def region_type(code: str, name: str) -> str:
    """German region type from code length and name (e.g. "kreisfreie Stadt")."""
    level = level_of(code)
    lowered = name.casefold()
    if level == "bund":
        return "Deutschland"
    if level == "land":
        return "Land"
    if level == "regierungsbezirk":
        if "statistische region" in lowered or "nuts 2" in lowered:
            return "Statistische Region"
        return "Regierungsbezirk"
    if level == "kreis":
        return _kreis_type(code, lowered)
    if level == "gemeinde":
        return "Gemeinde"
    return "Gebietseinheit"


def _kreis_type(code: str, lowered: str) -> str:
    if code in _CITY_STATES or any(m in lowered for m in _KREISFREI_MARKERS):
        return KREISFREI
    if any(m in lowered for m in _LANDKREIS_MARKERS):
        return LANDKREIS
    return "Kreis"


def parent_of(code: str, known: set[str]) -> str | None:
    """The nearest existing ancestor by code prefix (Gemeinde › Kreis › RB › Land › Bund)."""
    level = level_of(code)
    if level in ("bund", "custom"):
        return None
    if level == "land":
        return "DG"
    for width in (5, 3, 2):
        if width < len(code) and code[:width] in known:
            return code[:width]
    return "DG"


@dataclass(frozen=True)
class RegionView:
    code: str
    name: str
    level: str
    region_type: str
    parent_code: str | None
    historic: bool
    last_data_year: int | None


def _view(region: Region) -> RegionView:
    return RegionView(
        region.code,
        region.name,
        region.level,
        region.region_type,
        region.parent_code,
        region.historic,
        region.last_data_year,
    )


def list_regions(
    session: Session,
    *,
    under: str | None = None,
    level: str | None = None,
    include_historic: bool = False,
) -> list[RegionView]:
    """Regions, optionally below ``under`` (by code prefix) and of one level."""
    query = select(
        Region.code,
        Region.name,
        Region.level,
        Region.region_type,
        Region.parent_code,
        Region.historic,
        Region.last_data_year,
    )
    if under and under != "DG":
        query = query.where(Region.code.startswith(under), Region.code != under)
    if level:
        query = query.where(Region.level == level)
    if not include_historic:
        query = query.where(Region.historic.is_(False))
    # plain columns, not ORM instances: listings of all Kreise stay cheap
    return [RegionView(*row) for row in session.execute(query.order_by(Region.code))]


def get_region(session: Session, code: str) -> RegionView:
    region = session.get(Region, code)
    if region is None:
        raise NotFound(f"Gebietseinheit »{code}« ist nicht bekannt.")
    return _view(region)


def record_activity(session: Session, activity: Mapping[str, tuple[int, int | None]]) -> None:
    """Update which years a region has data for and whether it is dissolved.

    ``activity`` maps a region code to (last year it appears in, last year with a value
    or a symbol other than »-«). A region whose latest entries are all »-« is historic
    (e.g. a Kreis dissolved by a Gebietsreform, listed with »-« after the reform).
    Reads plain columns and updates only the regions whose years or state change.
    """
    if not activity:
        return
    query = select(
        Region.code, Region.last_seen_year, Region.last_data_year, Region.historic
    ).where(Region.code.in_(list(activity)))
    changed: list[dict[str, object]] = []
    for code, last_seen, last_data, historic in session.execute(query):
        seen, live = activity[code]
        new_seen = max(seen, last_seen or seen)
        new_data = last_data if live is None else max(live, last_data or live)
        new_historic = new_data is None or new_data < new_seen
        if (new_seen, new_data, new_historic) != (last_seen, last_data, historic):
            changed.append(
                {
                    "code": code,
                    "last_seen_year": new_seen,
                    "last_data_year": new_data,
                    "historic": new_historic,
                }
            )
    if changed:
        session.execute(update(Region), changed)


def sort_key(code: str) -> tuple[int, str]:
    return (0 if code == "DG" else len(code), code)


def codes_in_order(codes: Sequence[str]) -> list[str]:
    return sorted(codes, key=sort_key)
