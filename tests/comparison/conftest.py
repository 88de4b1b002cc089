"""Fixtures of the comparison tests: a small store with the nine Revier members."""

from __future__ import annotations

import pytest

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import Region

MEMBERS = {
    "14713": ("Leipzig, kreisfreie Stadt", "kreisfreie Stadt"),
    "14729": ("Leipzig, Landkreis", "Landkreis"),
    "15002": ("Halle (Saale), kreisfreie Stadt", "kreisfreie Stadt"),
    "16077": ("Altenburger Land, Landkreis", "Landkreis"),
}


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def regions_store(store: Store) -> Store:
    """An empty store with four members and their Länder (no statistics)."""
    with store.transaction() as session:
        for code, name in (("14", "Sachsen"), ("15", "Sachsen-Anhalt"), ("16", "Thüringen")):
            session.add(Region(code=code, name=name, level="land", region_type="Land"))
        for code, (name, kind) in MEMBERS.items():
            session.add(
                Region(code=code, name=name, level="kreis", region_type=kind, parent_code=code[:2])
            )
    return store
