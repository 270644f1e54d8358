"""Security headers on every response, and CSRF protection for forms that change state.

CSRF uses the double-submit pattern: a random token in a SameSite=Strict cookie, repeated in a
hidden form field; a POST whose field does not match the cookie is refused.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrf_token"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


class SecurityHeadersMiddleware:
    """Adds the headers to every HTTP response that does not set them itself.

    Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``, which wraps each response in an
    extra task and stream and so costs more than a cached search (bench/web_bench.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The token for this browser: its cookie's, or a new one (set by ``remember_csrf``)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) == 43:
        return existing
    token: str | None = getattr(request.state, "new_csrf_token", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf_token = token
    return token


def remember_csrf(request: Request, response: Response) -> None:
    token = getattr(request.state, "new_csrf_token", None)
    if token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")


def check_csrf(request: Request, submitted: str | None) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise HTTPException(status_code=403, detail="CSRF check failed: reload the page and try again")


def safe_next(next_url: str) -> str:
    """A path on this site to go on to after a form: never an open redirect."""
    target = urlsplit(next_url)
    safe = (target.path or "/") + (f"?{target.query}" if target.query else "")
    if target.scheme or target.netloc or not safe.startswith("/") or safe.startswith("//") or "\\" in safe:
        return "/"
    return safe
