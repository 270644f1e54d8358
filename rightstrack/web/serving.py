"""Server settings for ``rightstrack serve``: a limit on the time a client may take to send a
request's headers, and which proxies may say who the client is.

uvicorn (0.54) closes idle keep-alive connections, but a connection that trickles its headers a
byte at a time stays open as long as the client likes: nothing times the headers. The protocol
below starts a timer when a connection opens and after each response, stops it when a request's
headers are complete, and answers 408 and closes the connection when it fires first.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = 10.0  # seconds for a request's line and headers
PROTOCOL = "rightstrack.web.serving:HeaderTimeoutProtocol"  # as uvicorn's workers import it
_TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class HeaderTimeoutProtocol(HttpToolsProtocol):
    header_timeout = HEADER_TIMEOUT
    _header_timer: asyncio.TimerHandle | None = None

    def _start_header_timer(self) -> None:
        self._stop_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered: its headers came in time
        if not self.transport.is_closing():
            self.transport.write(_TIMED_OUT)
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_header_timer()

    def on_headers_complete(self) -> None:
        self._stop_header_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._start_header_timer()  # for the next request on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)


def trusted_proxies(forwarded_allow_ips: str) -> list[str]:
    """The proxies named by the operator (none by default) whose forwarded headers are believed."""
    return [ip.strip() for ip in forwarded_allow_ips.split(",") if ip.strip()]
