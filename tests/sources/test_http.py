"""The downloader against a local server replaying real UN documents, with the faults live sources show."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from rightstrack import config
from rightstrack.sources.http import (
    USER_AGENT,
    Backoff,
    Downloader,
    Outcome,
)
from rightstrack.sources.http_errors import (
    ChangedFormatError,
    ChecksumMismatchError,
    ConnectionFailedError,
    Expect,
    HtmlInsteadOfDataError,
    NotFoundError,
    ServerError,
    TimeLimitError,
    TooLargeError,
    TruncatedDownloadError,
    UnknownSymbolError,
)
from rightstrack.sources.http_parts import part_path, read_sidecar, retry_after, sidecar_path
from tests.sources.replay import ReplayServer, Reply, html_page, serve

PDF_PATH = config.un_reports_dir() / "pdf" / "bahrain2008.pdf"
DOCX_PATH = config.ohchr_documents_dir() / "egypt" / "EgyptMatriceRecommendations.docx"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return PDF_PATH.read_bytes()


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    yield from serve()


class Sleeps:
    """Records the delays the downloader would have waited, without waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def downloader(sleeps: Sleeps) -> Iterator[Downloader]:
    with Downloader(backoff=Backoff(attempts=4, base_delay=1.0, sleep=sleeps, jitter=lambda: 0.0)) as d:
        yield d


def test_downloads_a_real_pdf_with_checksum_sidecar_and_polite_user_agent(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf", etag='"v1"'))
    seen: list[tuple[int, int | None]] = []
    result = downloader.fetch(
        server.url("/doc.pdf"),
        tmp_path / "doc.pdf",
        expect=Expect.PDF,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert result.outcome is Outcome.DOWNLOADED
    assert (tmp_path / "doc.pdf").read_bytes() == pdf
    assert result.sha256 == hashlib.sha256(pdf).hexdigest() == read_sidecar(tmp_path / "doc.pdf")["sha256"]
    assert read_sidecar(tmp_path / "doc.pdf")["etag"] == '"v1"'
    assert seen[-1] == (len(pdf), len(pdf)) and len(seen) > 1
    assert server.seen[0].headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("RightsTrack/") and "(UN human rights recommendations;" in USER_AGENT
    assert not part_path(tmp_path / "doc.pdf").exists()


def test_refresh_asks_conditionally_and_304_downloads_nothing(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf", etag='"v1"'))
    first = downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    again = downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert server.seen[1].headers["if-none-match"] == '"v1"'
    assert again.outcome is Outcome.UNCHANGED and again.sha256 == first.sha256
    assert (tmp_path / "doc.pdf").read_bytes() == pdf
    # A new version on the server is downloaded again.
    server.add("/doc.pdf", Reply(body=pdf[:-10], content_type="application/pdf", etag='"v2"'))
    assert downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf").outcome is Outcome.DOWNLOADED
    assert (tmp_path / "doc.pdf").read_bytes() == pdf[:-10]


def test_last_modified_alone_gives_if_modified_since(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    stamp = "Wed, 12 Feb 2025 10:53:45 GMT"
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf", last_modified=stamp))
    downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf").outcome is Outcome.UNCHANGED
    assert server.seen[1].headers["if-modified-since"] == stamp


def test_a_dropped_connection_is_resumed_with_a_range_request(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add(
        "/doc.pdf",
        Reply(body=pdf, content_type="application/pdf", etag='"v1"', drop_after=30_000),
        Reply(body=pdf, content_type="application/pdf", etag='"v1"'),
    )
    result = downloader.fetch(
        server.url("/doc.pdf"), tmp_path / "doc.pdf", sha256=hashlib.sha256(pdf).hexdigest()
    )
    assert result.outcome is Outcome.RESUMED
    assert (tmp_path / "doc.pdf").read_bytes() == pdf
    assert server.seen[1].headers["range"] == "bytes=30000-"
    assert server.seen[1].headers["if-range"] == '"v1"'


def test_a_server_ignoring_range_is_read_from_the_start(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add(
        "/doc.pdf",
        Reply(body=pdf, content_type="application/pdf", drop_after=30_000, ranges=False),
        Reply(body=pdf, content_type="application/pdf", ranges=False),
    )
    result = downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert result.outcome is Outcome.DOWNLOADED
    assert (tmp_path / "doc.pdf").read_bytes() == pdf
    assert result.sha256 == hashlib.sha256(pdf).hexdigest()


def test_an_interrupted_download_left_by_an_earlier_run_is_resumed(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    part_path(tmp_path / "doc.pdf").write_bytes(pdf[:50_000])
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf"))
    result = downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert result.outcome is Outcome.RESUMED and (tmp_path / "doc.pdf").read_bytes() == pdf
    assert result.sha256 == hashlib.sha256(pdf).hexdigest()


def test_a_connection_dropped_on_every_try_is_a_truncated_download(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf", drop_after=1000, ranges=False))
    (tmp_path / "doc.pdf").write_bytes(b"%PDF- the earlier version")
    with pytest.raises(TruncatedDownloadError, match=r"cut short: http://127\.0\.0\.1:\d+/doc\.pdf"):
        downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert len(server.seen) == 4
    assert (tmp_path / "doc.pdf").read_bytes() == b"%PDF- the earlier version"  # never lost


def test_503_then_200_retries_with_growing_delays(
    server: ReplayServer, downloader: Downloader, sleeps: Sleeps, pdf: bytes, tmp_path: Path
) -> None:
    busy = Reply(503, html_page("Service Unavailable"), content_type="text/html")
    server.add("/doc.pdf", busy, busy, Reply(body=pdf, content_type="application/pdf"))
    downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf", expect=Expect.PDF)
    assert sleeps.delays == [0.5, 1.0]  # base 1 s doubling, times the jitter factor (0.5 with jitter 0)


def test_jitter_spreads_the_delays() -> None:
    backoff = Backoff(base_delay=2.0, max_delay=10.0, jitter=lambda: 1.0)
    assert [backoff.delay(n, None) for n in range(4)] == [2.0, 4.0, 8.0, 10.0]
    assert Backoff(jitter=lambda: 0.5).delay(0, None) == 0.75


def test_429_honours_retry_after_up_to_the_cap(server: ReplayServer, pdf: bytes, tmp_path: Path) -> None:
    sleeps = Sleeps()
    server.add(
        "/doc.pdf",
        Reply(429, b"slow down", headers={"Retry-After": "7"}),
        Reply(429, b"slow down", headers={"Retry-After": "86400"}),
        Reply(body=pdf, content_type="application/pdf"),
    )
    with Downloader(backoff=Backoff(sleep=sleeps, max_retry_after=120.0)) as downloader:
        downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert sleeps.delays == [7.0, 120.0]


def test_5xx_after_every_retry_is_a_server_error(
    server: ReplayServer, downloader: Downloader, tmp_path: Path
) -> None:
    server.add("/doc.pdf", Reply(502, b"Bad Gateway"))
    with pytest.raises(ServerError, match=r"server error after retries: http://.*/doc\.pdf \(HTTP 502\)"):
        downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert len(server.seen) == 4


def test_404_is_not_found_at_once(server: ReplayServer, downloader: Downloader, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=r"not found \(404\): http://.*/missing\.pdf"):
        downloader.fetch(server.url("/missing.pdf"), tmp_path / "missing.pdf")
    assert len(server.seen) == 1 and not (tmp_path / "missing.pdf").exists()


def test_an_html_page_served_with_200_for_a_pdf_is_refused(
    server: ReplayServer, downloader: Downloader, tmp_path: Path
) -> None:
    server.add("/en/A/HRC/99/99", Reply(body=html_page("Official Document System"), content_type="text/html"))
    with pytest.raises(HtmlInsteadOfDataError, match=r'/en/A/HRC/99/99 .*"Official Document System"'):
        downloader.fetch(server.url("/en/A/HRC/99/99"), tmp_path / "x.pdf", expect=Expect.PDF)
    assert not (tmp_path / "x.pdf").exists()


def test_an_html_page_served_as_octet_stream_is_still_refused(
    server: ReplayServer, downloader: Downloader, tmp_path: Path
) -> None:
    server.add("/x.docx", Reply(body=html_page("Error")))
    with pytest.raises(HtmlInsteadOfDataError):
        downloader.fetch(server.url("/x.docx"), tmp_path / "x.docx", expect=Expect.DOCX)


def test_a_real_docx_passes_the_check_and_a_pdf_is_not_a_docx(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add("/m.docx", Reply(body=DOCX_PATH.read_bytes()))
    downloader.fetch(server.url("/m.docx"), tmp_path / "m.docx", expect=Expect.DOCX)
    server.add("/n.docx", Reply(body=pdf))
    with pytest.raises(ChangedFormatError, match="expected docx"):
        downloader.fetch(server.url("/n.docx"), tmp_path / "n.docx", expect=Expect.DOCX)


def test_a_redirect_to_the_error_path_is_an_unknown_symbol(
    server: ReplayServer, downloader: Downloader, tmp_path: Path
) -> None:
    server.add("/api/symbol/access", Reply(302, headers={"Location": "/error?code=404"}))
    server.add("/error", Reply(body=html_page("Error"), content_type="text/html"))
    with pytest.raises(
        UnknownSymbolError,
        match=r"unknown document symbol .*: http://.*/api/symbol/access\?s=A%2FHRC%2F99%2F99",
    ):
        downloader.fetch(
            server.url("/api/symbol/access"), tmp_path / "x.pdf", params={"s": "A/HRC/99/99", "t": "pdf"}
        )


def test_size_cap(server: ReplayServer, pdf: bytes, tmp_path: Path) -> None:
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf"))
    with Downloader(max_bytes=10_000) as downloader, pytest.raises(TooLargeError, match="cap is 10,000"):
        downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")


def test_checksum_mismatch_removes_the_file(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf"))
    with pytest.raises(ChecksumMismatchError, match="expected 0000"):
        downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf", sha256="0000")
    assert not (tmp_path / "doc.pdf").exists()


def test_no_server_is_a_connection_failure(downloader: Downloader, sleeps: Sleeps, tmp_path: Path) -> None:
    with pytest.raises(
        ConnectionFailedError, match=r"could not connect after retries: http://127\.0\.0\.1:9/"
    ):
        downloader.fetch("http://127.0.0.1:9/x.pdf", tmp_path / "x.pdf")
    assert len(sleeps.delays) == 3


def test_json_in_memory_and_a_broken_json_is_a_changed_format(
    server: ReplayServer, downloader: Downloader
) -> None:
    server.add(
        "/api/templates", Reply(body=json.dumps({"rows": []}).encode(), content_type="application/json")
    )
    assert downloader.get_json(server.url("/api/templates")) == {"rows": []}
    server.add("/api/broken", Reply(body=b'{"rows": [', content_type="application/json"))
    with pytest.raises(ChangedFormatError, match="not valid JSON"):
        downloader.get_json(server.url("/api/broken"))
    server.add("/api/page", Reply(body=html_page("Maintenance"), content_type="text/html"))
    with pytest.raises(HtmlInsteadOfDataError, match="Maintenance"):
        downloader.get_json(server.url("/api/page"))


def test_a_part_file_longer_than_the_document_is_thrown_away(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    part_path(tmp_path / "doc.pdf").write_bytes(pdf + b"stale bytes of another version")
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf"))
    result = downloader.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    assert [s.headers.get("range") for s in server.seen] == [f"bytes={len(pdf) + 30}-", None]
    assert result.outcome is Outcome.DOWNLOADED and (tmp_path / "doc.pdf").read_bytes() == pdf


def test_retry_after_as_a_date_and_nonsense() -> None:
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after(soon) or 0) <= 30
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_time_limit(server: ReplayServer, pdf: bytes, tmp_path: Path) -> None:
    server.add("/doc.pdf", Reply(503))
    sleeps = Sleeps()
    with (
        Downloader(
            max_seconds=5.0, backoff=Backoff(attempts=10, base_delay=4.0, sleep=sleeps, jitter=lambda: 1.0)
        ) as d,
        pytest.raises(ServerError),
    ):
        d.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")
    # The second wait (8 s) would pass the 5 s limit: the last error is raised instead of waiting.
    assert sleeps.delays == [4.0]
    with (
        Downloader(max_seconds=-1.0) as d,
        pytest.raises(TimeLimitError, match="took longer than the time limit"),
    ):
        d.fetch(server.url("/doc.pdf"), tmp_path / "doc.pdf")


def test_a_part_of_an_older_version_is_not_spliced_with_the_new_one(
    server: ReplayServer, downloader: Downloader, pdf: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "doc.pdf"
    part_path(target).write_bytes(b"%PDF-1.4 the first bytes of the version before")
    sidecar_path(part_path(target)).write_text(json.dumps({"etag": '"v0"'}), encoding="utf-8")
    server.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf", etag='"v1"'))
    result = downloader.fetch(server.url("/doc.pdf"), target)
    assert server.seen[0].headers["if-range"] == '"v0"'
    assert result.outcome is Outcome.DOWNLOADED and target.read_bytes() == pdf
