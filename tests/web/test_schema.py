"""The API keeps its OpenAPI promises under generated requests (schemathesis, in-process).

For every ``/api/v1`` operation, requests generated from the OpenAPI document (valid and
invalid parameters) never produce a 5xx, and every 4xx carries the one JSON error shape
``{"error": {"status", "code", "message", "details"}}``.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from bildungsmonitor.store.database import Store
from bildungsmonitor.web import create_app

OPENAPI = "/api/v1/openapi.json"


# The document is read at collection time from an app on an unopened in-memory store (the
# document does not depend on the data); the test below checks that the demo app serves the
# same one and sends every request to the demo app. (``schemathesis.pytest.from_fixture``
# would read it from the demo app directly, but breaks on pytest 9.2: it sets
# ``node._nodeid``, which pytest no longer has.)
DOCUMENT: dict[str, Any] = create_app(store=Store("sqlite:///:memory:")).openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT).include(path_regex="^/api/v1/")


@pytest.fixture(scope="module")
def demo_app(demo_store: Store) -> FastAPI:
    return create_app(store=demo_store)


@schemathesis.check
def error_shape(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """A 4xx answer is the app's one JSON error shape, with its own status inside."""
    if not 400 <= response.status_code < 500:
        return
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), f"4xx as {content_type!r}"
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, f"not the error shape: {body!r}"
    error = body["error"]
    assert {"status", "code", "message"} <= set(error), f"error lacks fields: {error!r}"
    assert error["status"] == response.status_code, f"status {error['status']} inside"
    assert isinstance(error["code"], str) and error["code"], f"empty code: {error!r}"
    assert isinstance(error["message"], str) and error["message"], f"empty message: {error!r}"
    assert isinstance(error.get("details", []), list), f"details not a list: {error!r}"


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_api_answers_without_server_errors_and_in_the_error_shape(
    case: schemathesis.Case, demo_app: FastAPI
) -> None:
    case.call_and_validate(app=demo_app, checks=[not_a_server_error, error_shape])


def test_demo_app_serves_the_tested_document(demo_app: FastAPI) -> None:
    assert demo_app.openapi() == DOCUMENT
    paths = [p for p in DOCUMENT["paths"] if p.startswith("/api/v1/")]
    assert len(paths) >= 7, paths
