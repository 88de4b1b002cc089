"""Response cache: finished GET responses, keyed by URL and the database's data version.

Pages and API answers are pure functions of the URL and the data, so a response rendered
once is served again as long as nothing was committed to the database (see
`store.data_version`). Nothing is cached

- for requests that carry credentials (``Cookie``, ``Authorization``) – room for accounts;
- under the prefixes in ``UNCACHED`` (Vergleichsringe with their access links, reports);
- unless the answer is a complete 200 without ``Set-Cookie`` and without
  ``Cache-Control: no-store``/``private``, and no larger than ``max_entry_bytes``.

Concurrent misses for the same key render once: later requests wait for the first.
The cache is per process, bounded in bytes, least recently used out first. Every response
says ``X-Cache: hit`` or ``miss`` (``bypass`` where caching does not apply).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNCACHED: tuple[str, ...] = ("/ringe", "/api/v1/rings", "/berichte", "/static", "/api/docs")
CREDENTIALS = (b"cookie", b"authorization")
HIT = (b"x-cache", b"hit")
MISS = (b"x-cache", b"miss")
BYPASS = (b"x-cache", b"bypass")


Key = tuple[str, bytes, bytes]  # data version, raw path, query string


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware; ``version()`` returns the data version, ``None`` disables caching."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        version: Callable[[], str | None],
        max_bytes: int = 128 * 2**20,
        max_entry_bytes: int = 8 * 2**20,
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.size = 0
        self.pending: dict[Key, asyncio.Event] = {}
        self.latest: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope) if self.max_bytes > 0 else None
        if key is None:
            await self.app(scope, receive, _tagged(send, BYPASS))
            return
        while (waiting := self.pending.get(key)) is not None:
            await waiting.wait()
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
            await _replay(entry, send)
            return
        done = self.pending[key] = asyncio.Event()
        try:
            captured = await self._render(scope, receive, send)
            if captured is not None:
                self._store(key, captured)
        finally:
            del self.pending[key]
            done.set()

    def _key(self, scope: Scope) -> Key | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        path = str(scope["path"])
        if path.startswith(UNCACHED):
            return None
        if any(name in CREDENTIALS for name, _ in scope["headers"]):
            return None
        version = self.version()
        if version is None:
            return None
        if version != self.latest:  # data changed: every entry so far is stale
            self.latest = version
            self.entries.clear()
            self.size = 0
        raw_path = scope.get("raw_path") or path.encode()
        return (version, bytes(raw_path), bytes(scope["query_string"]))

    async def _render(self, scope: Scope, receive: Receive, send: Send) -> Entry | None:
        start: Message = {}
        chunks: list[bytes] = []
        keep = [True]
        size = [0]

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                keep[0] = _cacheable(message)
                message = {**message, "headers": [*message.get("headers", []), MISS]}
            elif message["type"] == "http.response.body" and keep[0]:
                size[0] += len(message.get("body", b""))
                keep[0] = size[0] <= self.max_entry_bytes
                if keep[0]:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if not (keep[0] and start):
            return None
        return Entry(start["status"], list(start.get("headers", [])), b"".join(chunks))

    def _store(self, key: Key, entry: Entry) -> None:
        if key[0] != self.latest:  # the data changed while this answer was rendered
            return
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            self._drop(next(iter(self.entries)))

    def _drop(self, key: Key) -> None:
        self.size -= len(self.entries.pop(key).body)


def _cacheable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for name, value in start.get("headers", []):
        if name.lower() == b"set-cookie":
            return False
        if name.lower() == b"cache-control" and (b"no-store" in value or b"private" in value):
            return False
    return True


async def _replay(entry: Entry, send: Send) -> None:
    await send(
        {"type": "http.response.start", "status": entry.status, "headers": [*entry.headers, HIT]}
    )
    await send({"type": "http.response.body", "body": entry.body})


def _tagged(send: Send, header: tuple[bytes, bytes]) -> Send:
    async def tagged(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), header]}
        await send(message)

    return tagged
