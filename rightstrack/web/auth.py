"""Who is asking: a signed-in browser (session cookie) or an API client (``Authorization: Bearer``).

Forms that change anything carry the CSRF token (``security``); API calls authenticated by the
cookie must repeat it in ``X-CSRF-Token`` (the ``csrf_token`` of any page signed in with that
cookie), while bearer tokens, which browsers never send on their own, need no such check.
"""

from __future__ import annotations

import os

from fastapi import Request
from sqlalchemy import Engine
from starlette.responses import Response

from rightstrack.accounts import SESSION_LIFETIME, User, session_user
from rightstrack.errors import Forbidden
from rightstrack.web.security import SESSION_COOKIE as SESSION_COOKIE  # where the cookie is named
from rightstrack.web.security import check_csrf


def store(request: Request) -> Engine:
    engine: Engine = request.app.state.search.engine
    return engine


def _token(request: Request) -> tuple[str | None, bool]:
    """The session token and whether it came from a bearer header (True) or the cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), True
    return request.cookies.get(SESSION_COOKIE), False


def current_user(request: Request) -> User | None:
    if "user" in request.scope.get("state", {}):
        cached: User | None = request.state.user
        return cached
    token, _ = _token(request)
    user = None
    if token:
        with store(request).connect() as connection:
            user = session_user(connection, token)
    request.state.user = user
    return user


def signed_in(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise Forbidden("sign in first")
    return user


def check_api_write(request: Request) -> None:
    """CSRF for API writes made with the browser's cookie; bearer tokens pass."""
    _, bearer = _token(request)
    if not bearer and request.cookies.get(SESSION_COOKIE):
        check_csrf(request, request.headers.get("x-csrf-token"))


def set_session(response: Response, token: str, request: Request) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def signup_open() -> bool:
    """Anyone may create an account unless ``RIGHTSTRACK_SIGNUP=closed`` (then administrators do)."""
    return os.environ.get("RIGHTSTRACK_SIGNUP", "open").strip().lower() != "closed"
