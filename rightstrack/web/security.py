"""Security headers on every response, and CSRF protection for forms that change state.

A form's CSRF token is an HMAC, under a secret only the server knows, of what identifies the
browser: its session token when signed in, else a random id in a SameSite=Strict cookie (set
before signing in). A token copied from a cookie, or a cookie planted by someone else together
with a token they made up, does not pass: the token cannot be made without the secret, and a
signed-in browser's token depends on its own (HttpOnly) session. The secret is kept in the
store's ``meta`` table so that every server process agrees on it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rightstrack.store.schema import MetaRow

CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "rt_session"
CSRF_FAILED = "CSRF check failed: reload the page and try again"
_SECRET_KEY = "csrf_secret"

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


class HttpMiddleware:
    """A plain ASGI middleware that handles HTTP requests (``handle``) and passes anything else on.

    Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``, which wraps each response in an
    extra task and stream and so costs more than a cached search (bench/web_bench.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class SecurityHeadersMiddleware(HttpMiddleware):
    """Adds the headers to every HTTP response that does not set them itself."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def server_secret(engine: Engine) -> bytes:
    """The store's CSRF secret, made on first use (several processes may race to make it)."""
    read = select(MetaRow.value).where(MetaRow.key == _SECRET_KEY)
    with engine.connect() as connection:
        stored = connection.scalar(read)
    if stored is None:
        made = secrets.token_bytes(32)
        try:
            with engine.begin() as connection:
                connection.execute(insert(MetaRow).values(key=_SECRET_KEY, value=made.hex()))
            return made
        except IntegrityError:  # another process made it first: use theirs
            with engine.connect() as connection:
                stored = connection.scalar(read)
    return bytes.fromhex(str(stored))


def _browser_id(request: Request) -> str | None:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return f"session:{session}"
    pre_session = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_id", None)
    return f"browser:{pre_session}" if pre_session else None


def _token_for(request: Request, browser_id: str) -> str:
    secret: bytes = request.app.state.csrf_secret
    digest = hmac.new(secret, browser_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def csrf_token(request: Request) -> str:
    """The token for this browser's forms (a new pre-session id is set by ``remember_csrf``)."""
    browser_id = _browser_id(request)
    if browser_id is None:
        request.state.new_csrf_id = secrets.token_urlsafe(32)
        browser_id = f"browser:{request.state.new_csrf_id}"
    return _token_for(request, browser_id)


def remember_csrf(request: Request, response: Response) -> None:
    new_id = getattr(request.state, "new_csrf_id", None)
    if new_id:
        secure = request.url.scheme == "https"
        response.set_cookie(CSRF_COOKIE, new_id, httponly=True, samesite="strict", secure=secure)


def check_csrf(request: Request, submitted: str | None) -> None:
    browser_id = _browser_id(request)
    expected = _token_for(request, browser_id) if browser_id else None
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        raise HTTPException(status_code=403, detail=CSRF_FAILED)


def safe_next(next_url: str) -> str:
    """A path on this site to go on to after a form: never an open redirect."""
    target = urlsplit(next_url)
    safe = (target.path or "/") + (f"?{target.query}" if target.query else "")
    if target.scheme or target.netloc or not safe.startswith("/") or safe.startswith("//") or "\\" in safe:
        return "/"
    return safe
