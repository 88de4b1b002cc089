"""A test client on the demo database (the real shipped exports)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from bildungsmonitor.store.database import Store
from bildungsmonitor.web import create_app

# Starlette warns once, at import, that it prefers the ``httpx2`` package over ``httpx``
# (not installed here). Only that import-time notice is silenced; warnings stay errors.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def client(demo_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=demo_store)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=store)) as test_client:
        yield test_client
