"""UN documents by symbol: symbols checked, addresses built, the fallback taken, a session's list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from rightstrack import config
from rightstrack.ingest.pipeline import ingest_paths
from rightstrack.ingest.session_documents import session_documents
from rightstrack.sources.http import Backoff, Downloader
from rightstrack.sources.http_errors import ServerError, UnknownSymbolError
from rightstrack.sources.undocs import (
    InvalidSymbolError,
    access_url,
    direct_url,
    fetch_symbol,
    file_name,
    normalise_symbol,
    report_symbols,
    reviewed_in_reference,
    wg_document_symbols,
)
from tests.sources.replay import ReplayServer, Reply, document_system, serve

BAHRAIN_PDF = config.un_reports_dir() / "pdf" / "bahrain2008.pdf"  # A/HRC/8/19
BAHRAIN_TXT = config.un_reports_dir() / "txt" / "bahrain2008.txt"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("A/HRC/28/15", "A/HRC/28/15"),
        (" a/hrc/28/15/add.1 ", "A/HRC/28/15/Add.1"),
        ("A/HRC/WG.6/20/SVN/1", "A/HRC/WG.6/20/SVN/1"),
        ("A / HRC / 8 / 19", "A/HRC/8/19"),
        ("CRC/C/PER/CO/6-7", "CRC/C/PER/CO/6-7"),
    ],
)
def test_symbols_are_normalised(given: str, expected: str) -> None:
    assert normalise_symbol(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "A",
        "A/HRC/28/15?x=1",
        "../etc/passwd",
        "A/HRC/../../x",
        "A/HRC/28/15 ; rm",
        "A/" + "1/" * 40,
        "Á/HRC/1",
    ],
)
def test_anything_else_is_refused_with_the_reason(bad: str) -> None:
    with pytest.raises(InvalidSymbolError, match="not a UN document symbol"):
        normalise_symbol(bad)


def test_addresses_and_file_names() -> None:
    assert (
        access_url("A/HRC/28/8") == "https://documents.un.org/api/symbol/access?s=A%2FHRC%2F28%2F8&l=en&t=pdf"
    )
    assert access_url("A/HRC/28/8", "docx", base="http://x/").endswith("?s=A%2FHRC%2F28%2F8&l=en&t=docx")
    assert direct_url("A/HRC/28/8") == "https://docs.un.org/en/A/HRC/28/8?direct=true"
    assert file_name("A/HRC/28/15/Add.1") == "A_HRC_28_15_Add.1.pdf"
    with pytest.raises(ValueError, match="no format 'exe'"):
        access_url("A/HRC/28/8", "exe")


def test_a_sessions_working_group_documents_and_reports() -> None:
    assert wg_document_symbols(20, ["SVN"]) == [f"A/HRC/WG.6/20/SVN/{n}" for n in (1, 2, 3)]
    assert report_symbols(["A/HRC/28/15", "A/HRC/28/15/Add.1", None, "E/CN.4/1"]) == [  # type: ignore[list-item]
        "A/HRC/28/15",
        "A/HRC/28/15/Add.1",
    ]
    codes, unknown = reviewed_in_reference(1)
    assert {"BHR", "DZA", "ARG", "GBR"} <= set(codes) and len(codes) == 16 and unknown == []


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    yield from serve()


def test_fetch_by_symbol_and_the_fallback(server: ReplayServer, tmp_path: Path) -> None:
    pdf = BAHRAIN_PDF.read_bytes()
    document_system(server, {"A/HRC/8/19": pdf}, {"A/HRC/8/19/Add.1": pdf})
    bases = {"access_base": server.base_url, "direct_base": server.base_url}
    with Downloader(backoff=Backoff(sleep=lambda _: None)) as downloader:
        found = fetch_symbol(downloader, "A/HRC/8/19", tmp_path, **bases)
        assert found.path == tmp_path / "A_HRC_8_19.pdf" and found.path.read_bytes() == pdf
        assert found.outcome == "downloaded"
        # The API does not know it; the direct address has it.
        fallback = fetch_symbol(downloader, "A/HRC/8/19/Add.1", tmp_path, **bases)
        assert fallback.path == tmp_path / "A_HRC_8_19_Add.1.pdf" and "direct=true" in fallback.url
        # Neither knows it: the direct address's page (status 200) is not taken for the document.
        missing = fetch_symbol(downloader, "A/HRC/8/99", tmp_path, **bases)
        assert missing.path is None and isinstance(missing.error, UnknownSymbolError)
        assert "A%2FHRC%2F8%2F99" in str(missing.error)
        assert not (tmp_path / "A_HRC_8_99.pdf").exists()
        assert fetch_symbol(downloader, "A/HRC/8/19", tmp_path, **bases).outcome == "downloaded"


def test_a_server_failure_is_raised_not_taken_for_an_unknown_symbol(
    server: ReplayServer, tmp_path: Path
) -> None:
    server.add("/api/symbol/access", Reply(503))
    with (
        Downloader(backoff=Backoff(attempts=2, sleep=lambda _: None)) as downloader,
        pytest.raises(ServerError),
    ):
        fetch_symbol(
            downloader, "A/HRC/8/19", tmp_path, access_base=server.base_url, direct_base=server.base_url
        )


def test_a_sessions_documents_from_the_store_and_the_reference(store: Engine) -> None:
    outcome = ingest_paths(store, [BAHRAIN_TXT])[0]
    assert outcome.added > 0, outcome
    with store.connect() as connection:
        plan = session_documents(connection, 1)
    assert len(plan.states) == 16 and "BHR" in plan.states
    assert "A/HRC/WG.6/1/BHR/1" in plan.symbols and len(plan.symbols) == 16 * 3 + 2
    assert plan.symbols[-2:] == ("A/HRC/8/19", "A/HRC/8/19/Add.1")
    with store.connect() as connection:
        assert session_documents(connection, 40).states == ()
