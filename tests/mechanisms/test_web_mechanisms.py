"""The web pages and the API with other mechanisms' records beside the UPR's."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery
from rightstrack.web.app import create_app


@pytest.fixture
def client(mixed: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=mixed)) as test_client:
        yield test_client


def _record_id(engine: SearchEngine, body: str) -> int:
    return engine.search(SearchQuery.build(filters={"body": [body]}, per_page=1)).hits[0].id


def test_search_page_offers_mechanism_and_body(client: TestClient) -> None:
    page = client.get("/", params={"mechanism": "treaty bodies"})
    assert page.status_code == 200
    assert 'data-dimension="mechanism"' in page.text and 'data-dimension="body"' in page.text
    assert "CEDAW" in page.text and "Treaty body" in page.text
    assert "Treaty body · CAT (" in page.text


def test_record_page_of_a_treaty_body(client: TestClient, mixed: SearchEngine) -> None:
    page = client.get(f"/records/{_record_id(mixed, 'CAT')}")
    assert page.status_code == 200
    assert "Treaty body" in page.text and "CAT" in page.text
    assert 'href="https://docs.un.org/en/CAT/C/SVN/CO/4"' in page.text
    assert "Published" in page.text and "Session" not in page.text.split("<dl>")[1].split("</dl>")[0]


def test_api_and_exports(client: TestClient, mixed: SearchEngine) -> None:
    found = client.get("/api/v1/search", params={"body": "sr environment"}).json()
    assert found["total"] == 1
    (hit,) = found["hits"]
    assert (hit["mechanism"], hit["session"], hit["published"]) == ("Special procedure", None, "2023-01-01")
    record = client.get(f"/api/v1/records/{hit['id']}").json()
    assert record["body"] == "SR Environment"
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/v1/export.csv", params={"mechanism": "TB"}).text))
    )
    assert {row["body"] for row in rows} == {"CAT", "CEDAW"}
    stats = client.get("/api/v1/stats", params={"by": ["mechanism", "body"], "sur": "SVN"}).json()
    assert "mechanism" in str(stats) and "CEDAW" in str(stats)


def test_statistics_page_groups_by_mechanism_and_body(client: TestClient) -> None:
    page = client.get("/stats", params={"sur": "SVN"})
    assert page.status_code == 200
    origin = page.text.split('id="by-origin"')[1].split("</div>")[0]
    assert "Treaty body" in origin and "SR Environment" in origin and "CEDAW" in origin


def test_state_profile_counts_the_upr_roles_only(mixed: SearchEngine) -> None:
    from rightstrack.analysis.profiles import state_profile

    profile = state_profile(mixed, "SVN")
    upr = mixed.search(
        SearchQuery.build(filters={"sur": ["SVN"], "type": ["recommendation"], "mechanism": ["UPR"]})
    )
    everything = mixed.search(SearchQuery.build(filters={"sur": ["SVN"], "type": ["recommendation"]}))
    assert profile.as_sur.recommendations == upr.total == everything.total - 3  # CAT, CEDAW, SR


def test_statistics_page_says_what_the_mapping_added(client: TestClient) -> None:
    page = client.get("/stats", params={"issue": "Right to health"}).text
    assert 'class="mapping" data-dimension="issue"' in page
