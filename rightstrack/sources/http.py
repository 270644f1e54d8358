"""Downloading live sources politely and robustly.

One ``Downloader`` (an httpx client) fetches a URL into a file or into memory:
- connect/read timeouts; retries with exponential back-off and jitter on connection errors, 5xx
  and 429 (whose ``Retry-After`` is honoured, up to a cap);
- an interrupted download is kept in ``<file>.part`` and resumed with a ``Range`` request (a
  server that ignores it and answers 200 is read from the start again);
- a daily refresh asks conditionally (``If-None-Match``/``If-Modified-Since``, kept in a sidecar
  ``<file>.fetch.json``): 304 means unchanged and nothing is downloaded;
- a SHA-256 computed while streaming, recorded in the sidecar, checked when one is expected;
- a size cap and a time cap; a progress callback; a User-Agent that says who is asking.
Each failure raises a named error (``http_errors``) that names the URL. The file in place is only
replaced by a complete, checked download, so a failure never loses what was fetched before.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx

from rightstrack import __version__
from rightstrack.sources.http_errors import (
    SNIFF_BYTES,
    ChangedFormatError,
    ChecksumMismatchError,
    ClientError,
    ConnectionFailedError,
    DownloadError,
    Expect,
    NotFoundError,
    ServerError,
    TruncatedDownloadError,
    UnknownSymbolError,
    check_body,
)
from rightstrack.sources.http_parts import (
    CHUNK,
    Backoff,
    Budget,
    header_int,
    part_path,
    range_start,
    read_sidecar,
    retry_after,
    sidecar_path,
    write_json,
)

# Who is asking, and how to reach them: an installation sets its own address (a page or a
# mailto:) in RIGHTSTRACK_CONTACT_URL; the project has no public address to give for it.
CONTACT = os.environ.get("RIGHTSTRACK_CONTACT_URL", "").strip()
_REACH = f"+{CONTACT}" if CONTACT else "no contact set"
USER_AGENT = f"RightsTrack/{__version__} (UN human rights recommendations; {_REACH})"
DEFAULT_MAX_BYTES = 2 * 1024**3  # UHRI's full export is about 360 MB
Progress = Callable[[int, int | None], None]  # bytes done, bytes in all (None when not announced)


class Outcome(StrEnum):
    DOWNLOADED = "downloaded"
    RESUMED = "resumed"  # completed from an earlier interrupted download
    UNCHANGED = "unchanged"  # 304: the file in place is current


@dataclass(frozen=True)
class Download:
    url: str
    path: Path
    outcome: Outcome
    size: int
    sha256: str
    final_url: str = ""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class _Retry(Exception):
    """One attempt failed in a way another attempt may not."""

    error: DownloadError
    retry_after: float | None = None
    restart: bool = False  # throw the partial file away before trying again


class Downloader:
    def __init__(
        self,
        *,
        backoff: Backoff | None = None,
        connect_timeout: float = 15.0,
        read_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_seconds: float = 3600.0,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.backoff = backoff or Backoff()
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=10,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the retry loop ---------------------------------------------------------------------

    def _with_retries(
        self, url: str, budget: Budget, attempt: Callable[[], Any], on_restart: Callable[[], None]
    ) -> Any:
        for retry in range(self.backoff.attempts):
            budget.check_time()
            try:
                return attempt()
            except _Retry as failure:
                if failure.restart:
                    on_restart()
                if retry + 1 >= self.backoff.attempts:
                    raise failure.error from None
                delay = self.backoff.delay(retry, failure.retry_after)
                if time.monotonic() - budget.started + delay > budget.max_seconds:
                    raise failure.error from None
                self.backoff.sleep(delay)
        raise AssertionError("unreachable: the last attempt raises")

    @contextmanager
    def _response(
        self, url: str, params: Mapping[str, str] | None, headers: dict[str, str]
    ) -> Iterator[httpx.Response]:
        """A streamed response with a successful or 304 status; anything else raised by name."""
        try:
            with self._client.stream("GET", url, params=params, headers=headers) as response:
                if response.history and "/error" in response.url.path:
                    raise UnknownSymbolError(url, f"redirected to {response.url}")
                status = response.status_code
                if status in (404, 410):
                    raise NotFoundError(url, f"HTTP {status}")
                if status == 429 or status >= 500:
                    wait = retry_after(response.headers.get("Retry-After"))
                    raise _Retry(ServerError(url, f"HTTP {status}"), retry_after=wait)
                if status == 416:
                    raise _Retry(ServerError(url, "HTTP 416: range not satisfiable"), 0.0, restart=True)
                if status >= 300 and status != 304:
                    raise ClientError(url, f"HTTP {status}")
                yield response
        except httpx.TooManyRedirects as exc:
            raise ClientError(url, str(exc)) from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise _Retry(ConnectionFailedError(url, f"{type(exc).__name__}: {exc}")) from None
        except httpx.TransportError as exc:
            # Headers came, then the connection broke (or a timeout while reading).
            raise _Retry(TruncatedDownloadError(url, f"{type(exc).__name__}: {exc}")) from None

    # --- into memory --------------------------------------------------------------------------

    def get_bytes(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        expect: Expect = Expect.ANY,
        max_bytes: int | None = None,
    ) -> bytes:
        url, params = _shown(url, params), None
        budget = Budget(url, max_bytes or self.max_bytes, self.max_seconds)

        def attempt() -> bytes:
            with self._response(url, params, dict(headers or {})) as response:
                total = header_int(response.headers.get("Content-Length"))
                if total is not None:
                    budget.check_size(total)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    budget.check_size(len(body))
                    budget.check_time()
                if total is not None and len(body) < total:
                    raise _Retry(TruncatedDownloadError(url, f"{len(body):,} of {total:,} bytes"))
                check_body(url, expect, response.headers.get("Content-Type", ""), bytes(body[:SNIFF_BYTES]))
                return bytes(body)

        result: bytes = self._with_retries(url, budget, attempt, lambda: None)
        return result

    def get_json(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> Any:
        body = self.get_bytes(url, params=params, headers=headers, expect=Expect.JSON, max_bytes=max_bytes)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise ChangedFormatError(url, f"not valid JSON: {exc}") from None

    # --- into a file ----------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        path: Path,
        *,
        params: Mapping[str, str] | None = None,
        expect: Expect = Expect.ANY,
        sha256: str | None = None,
        refresh: bool = True,
        progress: Progress | None = None,
    ) -> Download:
        """Fetch ``url`` into ``path``. With ``refresh`` and a sidecar from an earlier fetch of the
        same URL, ask only for a newer version (304 → ``Outcome.UNCHANGED``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        url, params = _shown(url, params), None
        budget = Budget(url, self.max_bytes, self.max_seconds)
        part = part_path(path)
        known = read_sidecar(path) if path.exists() else {}
        conditional = refresh and known.get("url") == url and not part.exists()

        def restart() -> None:
            part.unlink(missing_ok=True)
            sidecar_path(part).unlink(missing_ok=True)

        def attempt() -> Download:
            return self._fetch_once(url, path, params, expect, known if conditional else {}, budget, progress)

        result: Download = self._with_retries(url, budget, attempt, restart)
        if sha256 and result.sha256 != sha256.lower():
            if result.outcome is not Outcome.UNCHANGED:
                path.unlink(missing_ok=True)
                sidecar_path(path).unlink(missing_ok=True)
            raise ChecksumMismatchError(url, f"expected {sha256}, got {result.sha256}")
        return result

    def _fetch_once(
        self,
        url: str,
        path: Path,
        params: Mapping[str, str] | None,
        expect: Expect,
        known: dict[str, Any],
        budget: Budget,
        progress: Progress | None,
    ) -> Download:
        part = part_path(path)
        offset = part.stat().st_size if part.exists() else 0
        headers: dict[str, str] = {}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            started = read_sidecar(part)
            etag = started.get("etag")
            # If-Range takes a strong ETag only; a weak one ("W/…") gives way to the date.
            validator = etag if etag and not str(etag).startswith("W/") else started.get("last_modified")
            if validator:
                headers["If-Range"] = validator  # a changed file comes whole (200), not spliced
        elif known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        elif known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        with self._response(url, params, headers) as response:
            content_type = response.headers.get("Content-Type", "")
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            if response.status_code == 304:
                if not known:
                    raise ClientError(url, "HTTP 304 to a request that was not conditional")
                return Download(
                    url, path, Outcome.UNCHANGED, int(known.get("size", 0)), str(known.get("sha256", "")),
                    str(response.url), str(known.get("content_type", "")), etag or known.get("etag"),
                    modified or known.get("last_modified"),
                )  # fmt: skip
            resumed = offset > 0 and response.status_code == 206 and range_start(response) == offset
            if not resumed:
                offset = 0  # the server ignored the range, or sent another one: start again
            remaining = header_int(response.headers.get("Content-Length"))
            total = offset + remaining if remaining is not None else None
            if total is not None:
                budget.check_size(total)
            digest = hashlib.sha256()
            if resumed:
                with part.open("rb") as existing:
                    head = existing.read(SNIFF_BYTES)
                    check_body(url, expect, "", head)
                    digest.update(head)
                    for chunk in iter(lambda: existing.read(CHUNK), b""):
                        digest.update(chunk)
            else:
                write_json(sidecar_path(part), {"url": url, "etag": etag, "last_modified": modified})
            done = self._stream_body(url, response, part, offset, total, expect, digest, budget, progress)
        if total is not None and done < total:
            raise _Retry(TruncatedDownloadError(url, f"{done:,} of {total:,} bytes"))
        os.replace(part, path)
        sidecar_path(part).unlink(missing_ok=True)
        result = Download(
            url, path, Outcome.RESUMED if resumed else Outcome.DOWNLOADED, done, digest.hexdigest(),
            str(response.url), content_type, etag, modified,
        )  # fmt: skip
        write_json(
            sidecar_path(path),
            {
                "url": url,
                "final_url": result.final_url,
                "etag": etag,
                "last_modified": modified,
                "sha256": result.sha256,
                "size": done,
                "content_type": content_type,
                "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        return result

    def _stream_body(
        self,
        url: str,
        response: httpx.Response,
        part: Path,
        offset: int,
        total: int | None,
        expect: Expect,
        digest: Any,
        budget: Budget,
        progress: Progress | None,
    ) -> int:
        """Append the body to the part file; the number of bytes the part file holds after."""
        done = offset
        pending = b"" if offset == 0 else None  # the start, held back until it is checked
        content_type = response.headers.get("Content-Type", "")
        with part.open("ab" if offset else "wb") as out:
            try:
                for chunk in response.iter_bytes():
                    if pending is not None:
                        pending += chunk
                        if len(pending) < SNIFF_BYTES:
                            continue
                        check_body(url, expect, content_type, pending[:SNIFF_BYTES])
                        chunk, pending = pending, None
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    budget.check_size(done)
                    budget.check_time()
                    if progress:
                        progress(done, total)
            except httpx.TransportError as exc:
                out.flush()
                reason = f"connection dropped after {done:,}" + (
                    f" of {total:,} bytes" if total else " bytes"
                )
                raise _Retry(TruncatedDownloadError(url, f"{reason}: {exc}")) from None
            if pending is not None:
                check_body(url, expect, content_type, pending[:SNIFF_BYTES])
                out.write(pending)
                digest.update(pending)
                done += len(pending)
                if progress:
                    progress(done, total)
        return done


def _shown(url: str, params: Mapping[str, str] | None) -> str:
    """The whole address asked for, query included: errors name it, the sidecar keys on it."""
    return str(httpx.URL(url, params=params)) if params else url


__all__ = ["USER_AGENT", "Backoff", "Download", "Downloader", "Outcome", "Progress"]
