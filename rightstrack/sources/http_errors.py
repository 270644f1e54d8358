"""What can go wrong fetching a live source, one named error per failure, each naming the URL;
and the check that a body is the kind of data asked for, not a web page served in its place."""

from __future__ import annotations

from enum import StrEnum


class DownloadError(Exception):
    """A download that failed; ``url`` is the address asked for."""

    what = "download failed"

    def __init__(self, url: str, detail: str = "") -> None:
        self.url = url
        self.detail = detail
        super().__init__(f"{self.what}: {url}" + (f" ({detail})" if detail else ""))


class NotFoundError(DownloadError):
    what = "not found (404)"


class UnknownSymbolError(DownloadError):
    """The UN document system redirects a symbol it does not know to an ``/error`` page."""

    what = "unknown document symbol (the document system redirected to its error page)"


class ServerError(DownloadError):
    """5xx (or 429) still answered after every retry."""

    what = "server error after retries"


class ClientError(DownloadError):
    """Any other 4xx: the request itself is refused (retrying would not help)."""

    what = "request refused"


class ConnectionFailedError(DownloadError):
    """No answer at all (connection refused, DNS, timeouts) after every retry."""

    what = "could not connect after retries"


class TruncatedDownloadError(DownloadError):
    """The body ended before its announced length, on every retry."""

    what = "download cut short"


class HtmlInsteadOfDataError(DownloadError):
    """A web page (often an error page served with status 200) where data was expected."""

    what = "got a web page instead of data"


class ChangedFormatError(DownloadError):
    """The data arrived but is not in the format the reader knows (the caller's check)."""

    what = "the source's format has changed"


class TooLargeError(DownloadError):
    what = "larger than the size cap"


class ChecksumMismatchError(DownloadError):
    what = "checksum does not match"


class TimeLimitError(DownloadError):
    what = "took longer than the time limit"


class Expect(StrEnum):
    """The kind of data a caller expects; its first bytes must say so."""

    ANY = "any"
    JSON = "json"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"  # a zip archive too: the first bytes tell no more
    DOC = "doc"


_MAGIC: dict[Expect, tuple[bytes, ...]] = {
    Expect.PDF: (b"%PDF-",),
    Expect.DOCX: (b"PK\x03\x04",),
    Expect.XLSX: (b"PK\x03\x04",),
    Expect.DOC: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    Expect.JSON: (b"{", b"["),
}
# Enough of the start of a body to tell a page from data.
SNIFF_BYTES = 512


def looks_like_html(content_type: str, first_bytes: bytes) -> bool:
    head = first_bytes.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        "text/html" in content_type.lower()
        or head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))
        or (head.startswith(b"<") and b"<html" in head[:SNIFF_BYTES])
    )


def check_body(url: str, expect: Expect, content_type: str, first_bytes: bytes) -> None:
    """Raise when the start of a body is not the kind of data expected."""
    if expect is Expect.ANY:
        return
    head = first_bytes.lstrip(b"\xef\xbb\xbf \t\r\n")
    if looks_like_html(content_type, first_bytes) and not head.startswith(_MAGIC[expect]):
        title = _html_title(first_bytes)
        raise HtmlInsteadOfDataError(
            url, f"expected {expect.value}, Content-Type {content_type or 'none'}" + title
        )
    if not head.startswith(_MAGIC[expect]):
        shown = first_bytes[:16]
        raise ChangedFormatError(url, f"expected {expect.value}, the body starts with {shown!r}")


def _html_title(first_bytes: bytes) -> str:
    text = first_bytes.decode("utf-8", "replace")
    start = text.lower().find("<title>")
    end = text.lower().find("</title>")
    if start < 0 or end < start:
        return ""
    return f', page title "{" ".join(text[start + 7 : end].split())[:80]}"'
