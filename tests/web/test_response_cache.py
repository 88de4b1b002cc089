"""The response cache on tiny real apps: what it keeps, what it never keeps, and when it
lets go (a new data version)."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bildungsmonitor.store.database import Store
from bildungsmonitor.store.group import create_group
from bildungsmonitor.store.tables import Region
from bildungsmonitor.web import create_app
from bildungsmonitor.web.response_cache import ResponseCache

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient


class Counter:
    """An app whose answers say how often they were rendered."""

    def __init__(self) -> None:
        self.calls = 0
        self.version: str | None = "v1"

    async def page(self, request: Request) -> Response:
        self.calls += 1
        status = int(request.query_params.get("status", 200))
        response = PlainTextResponse(f"Antwort {self.calls}", status_code=status)
        if "no-store" in request.query_params:
            response.headers["cache-control"] = "no-store"
        if "cookie" in request.query_params:
            response.set_cookie("sitzung", "1")
        return response

    async def slow(self, _request: Request) -> Response:
        self.calls += 1
        await asyncio.sleep(0.05)
        return PlainTextResponse(f"Antwort {self.calls}")


@pytest.fixture
def counter() -> Counter:
    return Counter()


def _client(counter: Counter, **options: int) -> TestClient:
    routes = [
        Route("/seite", counter.page),
        Route("/ringe/1", counter.page),
        Route("/langsam", counter.slow),
    ]
    middleware = [Middleware(ResponseCache, version=lambda: counter.version, **options)]
    return TestClient(Starlette(routes=routes, middleware=middleware))


@pytest.fixture
def client(counter: Counter) -> Iterator[TestClient]:
    with _client(counter) as test_client:
        yield test_client


def test_a_repeated_request_is_served_from_the_cache(client: TestClient, counter: Counter) -> None:
    first, second = client.get("/seite"), client.get("/seite")
    assert (first.text, first.headers["x-cache"]) == ("Antwort 1", "miss")
    assert (second.text, second.headers["x-cache"]) == ("Antwort 1", "hit")
    assert second.headers["content-type"] == first.headers["content-type"]
    assert counter.calls == 1


def test_the_query_string_is_part_of_the_key(client: TestClient) -> None:
    assert client.get("/seite?a=1").text == "Antwort 1"
    assert client.get("/seite?a=2").text == "Antwort 2"
    assert client.get("/seite?a=1").text == "Antwort 1"


def test_a_new_data_version_renders_anew(client: TestClient, counter: Counter) -> None:
    assert client.get("/seite").text == "Antwort 1"
    counter.version = "v2"
    response = client.get("/seite")
    assert (response.text, response.headers["x-cache"]) == ("Antwort 2", "miss")
    counter.version = "v1"  # an old version never comes back from the cache
    assert client.get("/seite").text == "Antwort 3"


def test_without_a_data_version_nothing_is_cached(client: TestClient, counter: Counter) -> None:
    counter.version = None
    assert [client.get("/seite").text for _ in range(2)] == ["Antwort 1", "Antwort 2"]
    assert client.get("/seite").headers["x-cache"] == "bypass"


@pytest.mark.parametrize("query", ["status=404", "status=500", "no-store=1", "cookie=1"])
def test_answers_that_must_not_be_kept_are_not(client: TestClient, query: str) -> None:
    texts = [client.get(f"/seite?{query}").text for _ in range(2)]
    assert texts == ["Antwort 1", "Antwort 2"]


@pytest.mark.parametrize("header", ["cookie", "authorization"])
def test_requests_with_credentials_bypass_the_cache(client: TestClient, header: str) -> None:
    client.get("/seite")
    response = client.get("/seite", headers={header: "x"})
    assert (response.text, response.headers["x-cache"]) == ("Antwort 2", "bypass")


def test_ring_pages_and_other_methods_bypass_the_cache(client: TestClient) -> None:
    assert [client.get("/ringe/1").text for _ in range(2)] == ["Antwort 1", "Antwort 2"]
    assert client.head("/seite").headers["x-cache"] == "bypass"


def test_the_cache_is_bounded_in_bytes(counter: Counter) -> None:
    with _client(counter, max_bytes=20) as small:
        small.get("/seite?a=1")  # "Antwort 1": 9 bytes
        small.get("/seite?a=2")
        small.get("/seite?a=3")  # the least recently used (a=1) has to go
        assert small.get("/seite?a=2").headers["x-cache"] == "hit"
        assert small.get("/seite?a=1").text == "Antwort 4"
    with _client(counter, max_bytes=100, max_entry_bytes=5) as tiny:
        assert [tiny.get("/seite").headers["x-cache"] for _ in range(2)] == ["miss", "miss"]


def test_concurrent_misses_render_once(counter: Counter) -> None:
    cache = ResponseCache(Starlette(routes=[Route("/langsam", counter.slow)]), version=lambda: "v1")

    async def get() -> bytes:
        sent: list[bytes] = []

        async def receive() -> dict[str, object]:
            return {"type": "http.request", "body": b""}

        async def send(message: dict[str, object]) -> None:
            if message["type"] == "http.response.body":
                sent.append(bytes(message.get("body", b"")))  # type: ignore[arg-type]

        scope = {
            "type": "http",
            "method": "GET",
            "path": "/langsam",
            "raw_path": b"/langsam",
            "query_string": b"",
            "headers": [],
        }
        await cache(scope, receive, send)  # type: ignore[arg-type]
        return b"".join(sent)

    async def main() -> list[bytes]:
        return await asyncio.gather(*(get() for _ in range(5)))

    assert asyncio.run(main()) == [b"Antwort 1"] * 5
    assert counter.calls == 1


def test_the_app_serves_fresh_pages_after_a_change_in_the_database(store: Store) -> None:
    with TestClient(create_app(store=store)) as app:
        before = app.get("/api/v1/groups")
        assert app.get("/api/v1/groups").headers["x-cache"] == "hit"
        with store.transaction() as session:  # as the command line would, meanwhile
            session.add(
                Region(
                    code="15082", name="Anhalt-Bitterfeld", level="kreis", region_type="Landkreis"
                )
            )
            session.flush()
            create_group(session, "Testgruppe", ["15082"])
        after = app.get("/api/v1/groups")
    assert before.json()["count"] + 1 == after.json()["count"]
    assert after.headers["x-cache"] == "miss"
