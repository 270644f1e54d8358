"""A local HTTP server that replays recorded responses, with the faults live sources show.

Each path gets a script of ``Reply`` objects, served in order (the last one again and again), or a
function of the request. A reply can drop the connection part-way through its body, serve byte
ranges (206), answer a conditional request with 304, redirect, or be any status with any headers.
Every request is kept (``server.seen``) so tests can check what the client asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/octet-stream"
    drop_after: int | None = None  # send the full Content-Length, then close after this many bytes
    ranges: bool = True  # honour a Range request with 206
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


Responder = Callable[[Seen], Reply]


class ReplayServer:
    def __init__(self) -> None:
        self._scripts: dict[str, list[Reply] | Responder] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms ACK wait

            def do_GET(self) -> None:  # the stdlib's name
                server._serve(self)

            def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        # A client that hangs up early (a size cap, a refused page) is part of the tests, not an error.
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, *replies: Reply) -> None:
        with self._lock:
            self._scripts[path] = list(replies)

    def respond(self, path: str, responder: Responder) -> None:
        with self._lock:
            self._scripts[path] = responder

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            script = self._scripts.get(seen.path)
            if script is None:
                return Reply(404, b"<html><title>Not Found</title></html>", content_type="text/html")
            if callable(script):
                return script(seen)
            return script.pop(0) if len(script) > 1 else script[0]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        reply = self._next(Seen(parts.path, parse_qs(parts.query), headers))
        status, body, extra = reply.status, reply.body, dict(reply.headers)
        if reply.etag:
            extra["ETag"] = reply.etag
        if reply.last_modified:
            extra["Last-Modified"] = reply.last_modified
        if status == 200 and _not_modified(reply, headers):
            status, body = 304, b""
        elif status == 200 and reply.ranges and "range" in headers and _if_range_holds(reply, headers):
            start = int(headers["range"].removeprefix("bytes=").split("-")[0])
            if start >= len(body):
                extra["Content-Range"] = f"bytes */{len(body)}"
                status, body = 416, b""
            else:
                extra["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                status, body = 206, body[start:]
        handler.send_response(status)
        if status != 304:
            handler.send_header("Content-Type", reply.content_type)
            handler.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            handler.send_header(name, value)
        if reply.drop_after is not None:
            handler.send_header("Connection", "close")
        handler.end_headers()
        if reply.drop_after is not None:
            handler.wfile.write(body[: reply.drop_after])
            handler.wfile.flush()
            handler.close_connection = True
            return
        handler.wfile.write(body)


def _not_modified(reply: Reply, headers: dict[str, str]) -> bool:
    if reply.etag and "if-none-match" in headers:
        return headers["if-none-match"] == reply.etag
    return bool(reply.last_modified) and headers.get("if-modified-since") == reply.last_modified


def _if_range_holds(reply: Reply, headers: dict[str, str]) -> bool:
    validator = headers.get("if-range")
    return validator is None or validator in (reply.etag, reply.last_modified)


def html_page(title: str) -> bytes:
    """An error page of the kind a web server serves, with status 200, in place of a document."""
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>The document you asked for could not be shown.</p></body></html>"
    ).encode()


def document_system(
    server: ReplayServer,
    documents: dict[str, bytes],
    direct_only: dict[str, bytes] | None = None,
    *,
    etag: str | None = None,
) -> None:
    """The UN's document system: its access API redirects a known symbol to the file and any other
    to /error; the direct address (docs.un.org) serves ``direct_only`` documents as PDFs."""

    def access(seen: Seen) -> Reply:
        symbol = seen.query["s"][0]
        if symbol in documents:
            return Reply(302, headers={"Location": "/files/" + symbol.replace("/", "_") + ".pdf"})
        return Reply(302, headers={"Location": "/error"})

    server.respond("/api/symbol/access", access)
    server.add("/error", Reply(body=html_page("Error"), content_type="text/html"))
    for symbol, body in documents.items():
        server.add(
            "/files/" + symbol.replace("/", "_") + ".pdf",
            Reply(body=body, content_type="application/pdf", etag=etag),
        )
    for symbol, body in (direct_only or {}).items():
        server.add(f"/en/{symbol}", Reply(body=body, content_type="application/pdf"))


def serve() -> Iterator[ReplayServer]:
    """For a fixture: ``yield from serve()``."""
    server = ReplayServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
