"""What the data covers, a state's timeline, and "the data ends in 2014" wherever it matters."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from rightstrack.analysis.coverage import FETCH_UPR, compute_coverage, state_coverage, store_coverage
from rightstrack.analysis.timeline import state_history
from rightstrack.documents.formats import render
from rightstrack.elections.briefing import build_briefing
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.other_mechanisms import COMPILATION

TODAY = date(2026, 11, 30)


def test_coverage_per_mechanism_and_source(mixed: SearchEngine) -> None:
    with mixed.engine.connect() as connection:
        coverage = compute_coverage(connection)
    upr = coverage.period("UPR")
    assert upr is not None
    # UPR Info's sessions 6-9 (2009-2010), Egypt's 2014 review and Slovenia's 2025 one.
    assert (upr.first_session, upr.last_session, upr.first_year, upr.last_year) == (6, 48, 2009, 2025)
    assert upr.cycles == (1, 2, 4)
    treaty = coverage.period("Treaty body")
    assert treaty is not None and (treaty.records, treaty.bodies, treaty.first_year) == (4, 2, 2023)
    assert [p.mechanism for p in coverage.periods] == ["UPR", "Treaty body", "Special procedure"]
    kinds = {source.kind: source for source in coverage.sources}
    assert kinds["upr-info-csv"].examples == ("6-9.csv",)
    assert kinds["un-compilation"].records == 5 and kinds["un-compilation"].examples == (COMPILATION.name,)
    assert "UPR sessions 6–48 (2009–2025; cycles 1, 2, 4)" in coverage.summary()
    assert store_coverage(mixed.engine) == coverage  # cached, and equal to a fresh computation


def test_a_state_whose_data_ends_long_ago_says_so(mixed: SearchEngine) -> None:
    with mixed.engine.connect() as connection:
        egypt = state_coverage(connection, "EGY", "Egypt", TODAY)
        slovenia = state_coverage(connection, "SVN", "Slovenia", TODAY)
    assert egypt.ends("UPR") == 2014 and [m.mechanism for m in egypt.behind()] == ["UPR"]
    (note,) = egypt.notes()
    assert "Data for Egypt (UPR) ends in 2014" in note and FETCH_UPR in note
    assert slovenia.ends("UPR") == 2025 and slovenia.ends("Treaty body") == 2023
    assert slovenia.behind() == [] and slovenia.notes() == []


def test_timeline_has_one_entry_per_document(mixed: SearchEngine) -> None:
    history = state_history(mixed.engine, "SVN", TODAY)
    entries = [(e.when, e.mechanism, e.body, e.symbol) for e in history.timeline]
    assert entries[0][:3] == ("2025-01", "UPR", "UPR") and history.timeline[0].session == 48
    assert ("2023-01-01", "Treaty body", "CAT", "CAT/C/SVN/CO/4") in entries
    assert ("2023-01-01", "Special procedure", "SR Environment", "A/HRC/52/33/Add.2") in entries
    assert entries[-1][:2] == ("2010-02", "UPR")
    cat = next(e for e in history.timeline if e.body == "CAT")
    assert dict(cat.counts) == {"recommendation": 1, "concern": 1}
    assert cat.url == "https://docs.un.org/en/CAT/C/SVN/CO/4"
    first_review = history.timeline[-1]
    assert first_review.records == first_review.counts["recommendation"] + first_review.counts["pledge"]
    days = [e.day for e in history.timeline]
    assert days == sorted(days, reverse=True)
    assert history.to_dict()["data_ends"]["UPR"] == "2025-01-15"


@pytest.fixture
def client(mixed: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=mixed)) as test_client:
        yield test_client


def test_pages_show_coverage_and_the_state_timeline(client: TestClient) -> None:
    for path in ("/", "/states", "/stats", "/council-elections"):
        page = client.get(path).text
        assert 'id="coverage"' in page and "the data ends in 2025" in page, path
    slovenia = client.get("/states/Slovenia").text
    assert 'href="https://docs.un.org/en/CEDAW/C/SVN/CO/7"' in slovenia, "the treaty bodies' timeline"
    # The UPR's reviews are listed cycle by cycle, the fourth in January 2025.
    reviews = slovenia[slovenia.index('id="reviews-heading"') : slovenia.index('id="timeline-heading"')]
    assert "Session 48 · January 28, 2025" in reviews
    assert "data-ends" not in slovenia
    egypt = client.get("/states/Egypt").text
    assert "Data for Egypt (UPR) ends in 2014" in egypt and FETCH_UPR in egypt
    state = client.get("/api/v1/states/Egypt").json()
    assert state["timeline"][0]["session"] == 20 and "ends in 2014" in state["notes"][0]
    coverage = client.get("/api/v1/coverage").json()
    assert [m["mechanism"] for m in coverage["mechanisms"]] == ["UPR", "Treaty body", "Special procedure"]


def test_exports_say_what_the_data_covers(client: TestClient) -> None:
    answer = client.get("/api/v1/export.csv", params={"sur": "SVN", "mechanism": "TB"})
    assert answer.text.startswith("id,type,mechanism,body,")  # the CSV itself stays plain
    assert "UPR sessions 6-48" in answer.headers["X-Data-Coverage"]
    assert "/api/v1/coverage" in answer.headers["Link"]
    exported = client.get("/api/v1/export.json", params={"body": "CAT"}).json()
    assert len(exported["records"]) == 2 and exported["meta"]["query"]["filters"] == {"body": ["CAT"]}
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/export.xlsx", params={"body": "CAT"}).content))
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert "UPR sessions 6–48" in about["data covers"] and about["Treaty body data"].startswith("2023-2023")


def test_a_briefing_never_calls_an_old_review_latest_without_saying_where_data_ends(
    loaded: SearchEngine,
) -> None:
    """UPR Info's export ends in 2014: the 2025 briefing's records say so, and how to fetch more."""
    report = build_briefing(loaded.engine, election_data(), timeline(), 2025, "en", TODAY)
    text = " ".join(render(report, "html").decode().split())
    assert "UPR data covers sessions 1–19 (2008–2014)" in text
    assert "The data ends in 2014" in text and FETCH_UPR in text
    assert "data ends in 2014" in text.split("Latest review")[1]  # in the candidates' rows too
    earlier = " ".join(
        render(build_briefing(loaded.engine, election_data(), timeline(), 2012, "en", TODAY), "html")
        .decode()
        .split()
    )
    assert "The data ends in" not in earlier  # a 2012 election is inside the data


def test_coverage_is_kept_on_disk_for_the_next_process(
    mixed: SearchEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A command-line call is a new process: it reads the coverage of unchanged data from the
    cache folder instead of counting half a million records again."""
    from rightstrack.analysis import coverage as module

    monkeypatch.setenv("RIGHTSTRACK_CACHE", str(tmp_path))
    monkeypatch.setattr(module, "_CACHE", module._CoverageCache())
    first = store_coverage(mixed.engine)
    assert len(list(tmp_path.glob("coverage-*.pickle"))) == 1
    monkeypatch.setattr(module, "_CACHE", module._CoverageCache())  # as in a new process
    monkeypatch.setattr(module, "compute_coverage", lambda _connection: pytest.fail("counted again"))
    assert store_coverage(mixed.engine) == first
