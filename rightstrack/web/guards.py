"""Plain ASGI guards in front of the app: request bodies are bounded before they are read, forms
that cannot pass the CSRF check are refused before their body is read, and ``HEAD`` is answered
wherever ``GET`` is.

Bodies: ``MAX_BODY`` for JSON and ordinary forms; ``MAX_UPLOAD_BODY`` only for the forms that
carry files (``UPLOAD_PATHS``) and only from a browser or client that presents a session. A
declared ``Content-Length`` over the limit is answered 413 at once; a body sent in chunks is
counted as it arrives and cut at the limit (the app then sees the client gone). Starlette's
``request.form(max_part_size=...)`` bounds only the non-file parts, so this is what bounds files.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send

from rightstrack.web.forms import MAX_UPLOAD
from rightstrack.web.security import CSRF_COOKIE, CSRF_FAILED, SESSION_COOKIE, HttpMiddleware

MAX_BODY = 1024 * 1024
MAX_UPLOAD_BODY = MAX_UPLOAD + 64 * 1024  # one file at the upload limit, its form fields and framing
UPLOAD_PATHS = re.compile(r"^/plans/\d+/(import|measures/\d+/progress|indicators/\d+/progress)$")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def body_limit(path: str, headers: Headers) -> int:
    """The largest body accepted: uploads only from someone who could be signed in."""
    session = SESSION_COOKIE in headers.get("cookie", "") or "authorization" in headers
    return MAX_UPLOAD_BODY if session and UPLOAD_PATHS.match(path) else MAX_BODY


def _refusal(scope: Scope, status: int, message: str) -> Response:
    """A short answer made without the app (the connection is closed, the body left unread)."""
    closing = {"Connection": "close"}
    if str(scope.get("path", "")).startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=closing)
    return PlainTextResponse(message, status_code=status, headers=closing)


def _hopeless_form(scope: Scope, headers: Headers) -> bool:
    """A form post to a page that carries neither cookie its CSRF token could be checked against."""
    if scope["method"] != "POST" or str(scope["path"]).startswith("/api/"):
        return False
    if not headers.get("content-type", "").lower().startswith(_FORM_TYPES):
        return False
    cookies = headers.get("cookie", "")
    return SESSION_COOKIE not in cookies and CSRF_COOKIE not in cookies


class BodyLimitMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        limit = body_limit(str(scope["path"]), headers)
        too_large = f"request body too large: at most {limit // 1024 // 1024} MB here"
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            await _refusal(scope, 413, too_large)(scope, receive, send)
            return
        if _hopeless_form(scope, headers):
            await _refusal(scope, 403, CSRF_FAILED)(scope, receive, send)
            return

        received, cut, started = 0, False, False

        async def counted_receive() -> Message:
            nonlocal received, cut, started
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut = True
                    if not started:
                        started = True
                        await _refusal(scope, 413, too_large)(scope, receive, send)
                    return {"type": "http.disconnect"}  # the app stops reading, as if the client left
            return message

        async def app_send(message: Message) -> None:
            nonlocal started
            if cut:
                return  # the refusal has been sent: what the app says after it goes nowhere
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, app_send)
        except Exception:
            if not cut:
                raise  # reading a cut body fails in the app: that failure is the refusal's


class HeadAsGetMiddleware(HttpMiddleware):
    """``HEAD`` answered as ``GET`` would be, headers and status alike, without the body."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
