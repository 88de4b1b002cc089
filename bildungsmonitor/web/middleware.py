"""Middleware: security headers on every response (no inline scripts or styles needed)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
PAGE_POLICY = b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"


class SecurityHeaders:
    """Adds the headers above; a content security policy on everything but the API docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        strict = not str(scope.get("path", "")).startswith(("/api/docs", "/api/redoc"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                if strict:
                    headers.append((b"content-security-policy", PAGE_POLICY))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
