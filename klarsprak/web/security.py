"""Who may talk to the page: only itself.

The server listens on loopback and has no login, so two browser attacks matter: another web site
making the writer's browser post to it (CSRF: refused by ``Origin``), and a hostile domain that
resolves to 127.0.0.1 (DNS rebinding: refused by ``Host``). Every answer carries a strict
Content-Security-Policy, so the page can only run its own script and load its own files.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def host_names(host: str, port: int) -> frozenset[str]:
    """Every ``Host`` header value that names this server (lower case, with the port)."""
    names = set(LOOPBACK_NAMES)
    if host in ("0.0.0.0", "::"):  # every interface: the machine's own name reaches it too
        names.add(socket.gethostname().lower())
    else:
        names.add(f"[{host}]" if ":" in host else host)
    result = {f"{name.lower()}:{port}" for name in names}
    if port == 80:
        result |= {name.lower() for name in names}
    return frozenset(result)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


class GuardMiddleware:
    """Refuse a foreign ``Host`` (400) or ``Origin`` (403); add the security headers to every answer."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(allowed_hosts)
        self.origins = frozenset(f"http://{host}" for host in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        if host not in self.hosts:
            await _refuse(send, 400, "ukjent Host-felt: siden svarer bare på sin egen adresse")
            return
        origin = _header(scope, b"origin")
        if origin is not None and origin.lower() not in self.origins:
            await _refuse(send, 403, "forespørsler fra andre nettsider er ikke tillatt")
            return
        if _header(scope, b"sec-fetch-site") == "cross-site" and scope["path"].startswith("/api/"):
            await _refuse(send, 403, "forespørsler fra andre nettsider er ikke tillatt")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
