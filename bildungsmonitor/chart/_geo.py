"""Kreis boundaries (GeoJSON, BKG via OpenDataSoft), parsed once and trimmed to what maps use."""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bildungsmonitor.chart._base import RawJSON

KREISE_PATH = Path(__file__).parents[1] / "data" / "geo" / "kreise.json"

# Required attribution for the boundaries (see bildungsmonitor/data/SOURCES-geo.md): BKG
# geodata, generalised by the supplier ("Daten verändert"), Datenlizenz Deutschland 2.0.
# BKG asks for the year of the data ("© GeoBasis-DE / BKG 2023"); for kreise.json it is not
# recorded anywhere (Gebietsstand 01.07.2021 or later), so none is claimed.
GEO_ATTRIBUTION = "Geodaten: © GeoBasis-DE / BKG (Daten verändert), dl-de/by-2-0"


@dataclass(frozen=True)
class Area:
    """One Kreis: code, official name, Land code and its geometry (unchanged)."""

    ags: str
    name: str
    land: str
    geometry: dict[str, Any]

    @functools.cached_property
    def geometry_json(self) -> RawJSON:
        """The geometry as compact JSON, made once per process (maps splice it in)."""
        return RawJSON(json.dumps(self.geometry, separators=(",", ":")))


@functools.cache
def kreise() -> dict[str, Area]:
    """All Kreise by 5-digit AGS, sorted by AGS (read once per process)."""
    collection = json.loads(KREISE_PATH.read_text(encoding="utf-8"))
    areas = (
        Area(
            ags=str(f["properties"]["ags"]),
            name=str(f["properties"]["name"]),
            land=str(f["properties"]["bundesland"]),
            geometry=_d3_winding(f["geometry"]),
        )
        for f in collection["features"]
    )
    return {area.ags: area for area in sorted(areas, key=lambda a: a.ags)}


def _d3_winding(geometry: dict[str, Any]) -> dict[str, Any]:
    """Orient rings as d3-geo (Vega) expects: exterior clockwise, holes anticlockwise.

    The file follows RFC 7946 (exterior anticlockwise); d3 would read such a ring as
    "the whole globe except this Kreis". Only the order of the vertices changes.
    """
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    oriented = [
        [_oriented(ring, clockwise=index == 0) for index, ring in enumerate(polygon)]
        for polygon in polygons
    ]
    coordinates = oriented[0] if geometry["type"] == "Polygon" else oriented
    return {"type": geometry["type"], "coordinates": coordinates}


def _oriented(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    twice_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    is_clockwise = twice_area < 0
    return ring if is_clockwise == clockwise else ring[::-1]
