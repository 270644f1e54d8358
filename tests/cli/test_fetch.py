"""``rightstrack fetch`` against a local server replaying recorded answers built from real data."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from rightstrack import config
from rightstrack.cli import app
from rightstrack.cli import fetch as cli_fetch
from rightstrack.sources.http import Backoff, Downloader
from rightstrack.sources.http_parts import read_sidecar
from rightstrack.store.database import open_store
from rightstrack.store.schema import ProvenanceRow, RecommendationRow
from tests.sources.replay import ReplayServer, Reply, document_system, html_page, serve
from tests.sources.uwazi import FakeUwazi, real_rows

runner = CliRunner()
BAHRAIN_PDF = config.un_reports_dir() / "pdf" / "bahrain2008.pdf"  # A/HRC/8/19, UPR session 1


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    yield from serve()


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli_fetch, "make_downloader", lambda: Downloader(backoff=Backoff(sleep=lambda _: None))
    )


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _uhri_export() -> bytes:
    """A UHRI JSON export in OHCHR's shape, of real recommendations (UPR Info's 2008 rows)."""
    records = []
    for row in real_rows(sessions={"1"})[:200]:
        records.append(
            {
                "AffectedPersons": [],
                "AnnotationId": str(uuid.uuid5(uuid.NAMESPACE_URL, row["Text"] + row["From"])),
                "AnnotationType": "- Recommendations",
                "Body": "- UPR",
                "Countries": [row["To"]],
                "DocumentId": str(uuid.uuid5(uuid.NAMESPACE_URL, row["To"])),
                "PublicationDate": "2008-05-23T00:00:00",
                "PublicationDateOnUhri": "2019-03-03T10:53:45.827",
                "Regions": [],
                "Sdgs": [],
                "Symbol": "A/HRC/8/19",
                "Text": row["Text"],
                "Themes": [],
                "UprCycle": "Cycle 1",
                "UprPositions": ["Supported" if row["Response"] == "Accepted" else "Noted"],
                "UprRecommendingCountry": [row["From"]],
                "UprRecommendingRegions": [],
                "UprSession": ["1 - April 2008"],
            }
        )
    return json.dumps(records).encode()


# --- fetch uhri ------------------------------------------------------------------------------------


def test_fetch_uhri_downloads_then_finds_it_unchanged(server: ReplayServer, tmp_path: Path) -> None:
    body = _uhri_export()
    path = "/uhri/export-results/export-full-en.json"
    server.add(path, Reply(body=body, content_type="application/json", etag='"2026-11-30"', drop_after=5000),
               Reply(body=body, content_type="application/json", etag='"2026-11-30"'))  # fmt: skip
    args = ("fetch", "uhri", "--base-url", server.base_url, "--dest", str(tmp_path), "--download-only")
    code, out, err = run(*args)
    assert code == 0, err
    saved = tmp_path / "uhri" / "export-full-en.json"
    assert "UHRI export resumed" in out and saved.read_bytes() == body
    assert server.seen[1].headers["range"] == "bytes=5000-"
    assert read_sidecar(saved)["etag"] == '"2026-11-30"'
    code, out, _ = run(*args)
    assert code == 0 and "UHRI export unchanged" in out
    assert server.seen[-1].headers["if-none-match"] == '"2026-11-30"'


def test_fetch_uhri_refuses_a_page_served_instead_of_the_export(server: ReplayServer, tmp_path: Path) -> None:
    server.add(
        "/uhri/export-results/export-full-en.xlsx",
        Reply(body=html_page("Maintenance"), content_type="text/html"),
    )
    code, _, err = run("fetch", "uhri", "--xlsx", "--base-url", server.base_url, "--dest", str(tmp_path))
    assert code == 1
    assert (
        len(_lines(err)) == 1
        and "Error: got a web page instead of data" in err
        and "export-full-en.xlsx" in err
    )


def test_fetch_uhri_stores_the_export(server: ReplayServer, tmp_path: Path) -> None:
    server.add(
        "/uhri/export-results/export-full-en.json",
        Reply(body=_uhri_export(), content_type="application/json"),
    )
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    code, out, err = run("--db", db, "fetch", "uhri", "--base-url", server.base_url, "--dest", str(tmp_path))
    assert code == 0, err
    # The summary `rightstrack load` prints for the same file: 200 annotations, all stored.
    assert "200 annotations, 200 records, 200 new" in " ".join(out.split())


def test_no_server_is_one_line_naming_the_address(tmp_path: Path) -> None:
    code, _, err = run("fetch", "uhri", "--base-url", "http://127.0.0.1:9", "--dest", str(tmp_path))
    assert code == 1 and len(_lines(err)) == 1
    assert (
        "could not connect after retries: http://127.0.0.1:9/uhri/export-results/export-full-en.json" in err
    )


# --- fetch upr-info --------------------------------------------------------------------------------


def test_fetch_upr_info_stores_a_session_once(server: ReplayServer, store_url: str) -> None:
    uwazi = FakeUwazi(real_rows(sessions={"1"}), cap=10_000)
    uwazi.install(server)
    code, out, err = run(
        "--db", store_url, "fetch", "upr-info", "--session", "1", "--base-url", server.base_url
    )
    assert code == 0, err
    assert "1 session(s), 366 recommendations read" in out and "366 added" in out
    code, out, err = run(
        "--db", store_url, "fetch", "upr-info", "--session", "1", "--base-url", server.base_url
    )
    assert code == 0, err
    assert "0 added" in out and "366 unchanged" in out
    engine = open_store(store_url)
    with engine.connect() as connection:
        assert (
            connection.scalar(
                select(func.count()).select_from(RecommendationRow).where(RecommendationRow.session == 1)
            )
            == 366
        )
        assert connection.scalar(select(func.count(func.distinct(ProvenanceRow.locator)))) == 366
    engine.dispose()


def test_fetch_upr_info_changed_format_and_missing_session(server: ReplayServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    FakeUwazi(real_rows(sessions={"1"})).install(server)
    code, _, err = run("--db", db, "fetch", "upr-info", "--session", "77", "--base-url", server.base_url)
    assert code == 1 and "no session 77" in err and "no recommendations read" in err
    server.add("/api/search", Reply(body=b'{"results": []}', content_type="application/json"))
    code, _, err = run("--db", db, "fetch", "upr-info", "--session", "1", "--base-url", server.base_url)
    assert code == 1 and "Error: the source's format has changed:" in err and "/api/search" in err


# --- fetch documents --------------------------------------------------------------------------------


def test_fetch_documents_by_symbol_then_the_session(server: ReplayServer, tmp_path: Path) -> None:
    document_system(server, {"A/HRC/8/19": BAHRAIN_PDF.read_bytes()}, etag='"1"')
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base = ("--db", db, "fetch", "documents", "--base-url", server.base_url, "--dest", str(tmp_path))
    code, out, err = run(*base, "A/HRC/8/19")
    assert code == 0, err + out
    assert "1 of 1 document(s) fetched" in out and "wg-report" in out
    assert (tmp_path / "documents" / "A_HRC_8_19.pdf").read_bytes() == BAHRAIN_PDF.read_bytes()
    engine = open_store(db)
    with engine.connect() as connection:
        stored = connection.scalar(
            select(func.count()).select_from(RecommendationRow).where(RecommendationRow.sur_code == "BHR")
        )
    engine.dispose()
    assert stored and stored > 0
    # The session: the Working Group's documents of its 16 states (none in this document system),
    # and the stored report (unchanged) and its addendum (unknown).
    code, out, err = run(*base, "--session", "1")
    assert code == 0, err + out
    assert "1 of 50 document(s) fetched" in out and "(1 unchanged)" in out
    assert "Not in the document system: 49" in out and "A/HRC/WG.6/1/BHR/1: unknown document symbol" in out


def test_fetch_documents_errors(server: ReplayServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base = ("--db", db, "fetch", "documents", "--base-url", server.base_url, "--dest", str(tmp_path))
    code, _, err = run(*base, "A/HRC/8/19; rm -rf")
    assert code == 2 and "not a UN document symbol" in err
    code, _, err = run(*base)
    assert code == 2 and "give document symbols, or --session N" in err
    server.add("/api/symbol/access", Reply(503, b"Service Unavailable"))
    code, _, err = run(*base, "A/HRC/8/19", "A/HRC/8/29")
    assert code == 1
    assert "Error: server error after retries: " in err and "s=A%2FHRC%2F8%2F29" in err
    assert "2 document(s) not fetched for network failures" in err
