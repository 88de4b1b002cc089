"""Report builds are expensive: each is made once per session and shared read-only."""

from __future__ import annotations

import pytest

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.store.database import Store
from tests.reports._builds import Builds


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def builds(
    demo_store: Store, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> Builds:
    return Builds(demo_store, catalogue, tmp_path_factory.mktemp("reports"))
