"""The shipped Kreis boundaries are what SOURCES-geo.md says they are."""

from __future__ import annotations

import re

from bildungsmonitor.chart._geo import GEO_ATTRIBUTION, KREISE_PATH, kreise

SOURCES_GEO = KREISE_PATH.parents[1] / "SOURCES-geo.md"


def test_boundaries_have_the_documented_gebietsstand_of_july_2021_or_later() -> None:
    codes = set(kreise())
    assert len(codes) == 400
    assert "16056" not in codes  # Eisenach, part of the Wartburgkreis since 01.07.2021
    assert "03159" in codes  # Göttingen, since 01.11.2016
    assert "Gebietsstand: 01.07.2021 or later" in SOURCES_GEO.read_text(encoding="utf-8")


def test_attribution_claims_no_year_that_the_sources_do_not_record() -> None:
    sources = SOURCES_GEO.read_text(encoding="utf-8")
    assert "**not known**" in sources
    assert "© GeoBasis-DE / BKG (Daten verändert)" in GEO_ATTRIBUTION
    assert not re.search(r"BKG \d{4}", GEO_ATTRIBUTION)
