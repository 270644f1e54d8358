import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook


def test_search_with_every_filter_facets_and_pages(client: TestClient) -> None:
    response = client.get(
        "/api/v1/search",
        params=[
            ("issue", "Freedom of the press"),
            ("response", "Noted"),
            ("recommender_group", "GRULAC"),
            ("sur_group", "Asia-Pacific"),
            ("cycle", "2"),
        ],
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["total"] == len(payload["hits"]) > 0
    assert set(payload["facets"]) == {
        "type", "mechanism", "body", "sur", "sur_group", "sur_org", "recommender", "recommender_group",
        "recommender_org", "cycle", "session", "year", "response", "action", "issue",
        "predicted_issue", "theme", "affected_persons", "sdg", "recommender_council", "sur_council",
    }  # fmt: skip
    assert all(hit["response"] == "Noted" and hit["cycle"] == 2 for hit in payload["hits"])


def test_pages_do_not_overlap(client: TestClient) -> None:
    first = client.get("/api/v1/search", params={"q": "torture", "per_page": 10}).json()
    second = client.get("/api/v1/search", params={"q": "torture", "per_page": 10, "page": 2}).json()
    assert first["pages"] == second["pages"] > 2
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_record_and_state(client: TestClient) -> None:
    hit = client.get("/api/v1/search", params={"q": "women", "per_page": 1}).json()["hits"][0]
    record = client.get(f"/api/v1/records/{hit['id']}").json()
    assert record["text"] == hit["text"] and record["recommenders"]
    # Where the record comes from: the export file and line of its first row.
    (provenance,) = record["provenances"]
    assert provenance["kind"] == "upr-info-csv" and provenance["locator"].startswith("line ")
    assert provenance["response"] == record["response"] and record["conflicting_responses"] is False
    assert client.get("/api/v1/records/999999999").json() == {"error": "no record with id 999999999"}
    profile = client.get("/api/v1/states/Slovenia").json()
    assert profile["state"]["code"] == "SVN"
    assert profile["as_state_under_review"]["recommendations"] > 0
    assert client.get("/api/v1/states/Atlantis").status_code == 404


def test_stats_reproduce_the_election_figures(client: TestClient) -> None:
    payload = client.get("/api/v1/stats", params={"issue": "Elections", "basis": "rows"}).json()
    figures = payload["rows"]["headline"]
    assert (figures["count"], figures["universe"]) == (241, 38_298)
    assert round(figures["accepted_rate"] * 100, 1) == 75.9
    table = client.get("/api/v1/stats/crosstab", params={"issue": "Elections"}).json()
    assert table["counts"][-1][-1] == 241


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sur": "Atlantis"}, "unknown state"),
        ({"per_page": "9999"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "not a number"),
        ({"q": "x" * 600}, "longer than 500"),
        ({"q": "(torture"}, "not closed"),
        ({"colour": "red"}, "unknown parameter"),
        ({"sort": "random"}, "unknown sort"),
        ({"session": "1; DROP TABLE recommendations"}, "not a number"),
    ],
)
def test_bad_input_is_a_json_error(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    "text",
    ["'; DROP TABLE recommendations; --", 'women" OR 1=1 --', "NEAR(a b)", "col:value", "\\", "%", "_*"],
)
def test_hostile_text_is_searched_not_executed(client: TestClient, text: str) -> None:
    response = client.get("/api/v1/search", params={"q": text})
    assert response.status_code in (200, 400)
    assert client.get("/api/v1/search", params={"per_page": 0}).json()["total"] == 38_137


def test_hostile_filter_values_match_nothing_or_are_refused(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"sur_org": "' OR '1'='1"})
    assert response.status_code == 200 and response.json()["total"] == 0


def test_export_csv_streams_every_row(client: TestClient) -> None:
    with client.stream("GET", "/api/v1/export.csv", params={"type": "recommendation"}) as response:
        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]
        body = "".join(response.iter_text())
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 37_193  # more than UPR Info's 10,000-row cap


def test_export_json_and_xlsx(client: TestClient, tmp_path: object) -> None:
    exported = json.loads(client.get("/api/v1/export.json", params={"issue": "Elections"}).text)
    records = exported["records"]
    assert len(records) == 240
    assert exported["meta"]["query"]["filters"] == {"issue": ["Elections"]}
    assert exported["meta"]["coverage"]["mechanisms"][0]["last_session"] == 19
    response = client.get("/api/v1/export.xlsx", params={"issue": "Elections"})
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    assert sheet is not None
    assert len(list(sheet.iter_rows(values_only=True))) == 241  # header and 240 records


def test_openapi_schema_is_served(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"] and "/api/v1/export.csv" in schema["paths"]


def test_similar_recommendations_with_their_responses(client: TestClient) -> None:
    text = "Abolish the death penalty"
    found = client.get("/api/v1/similar", params={"q": text, "limit": 5}).json()
    assert len(found["neighbours"]) == 5
    first = found["neighbours"][0]
    assert first["text"].rstrip(".") == text and first["similarity"] > 0.99
    assert 0 <= found["accepted_share"] < 0.5  # abolition is mostly noted
    alike = client.get(f"/api/v1/records/{first['id']}/similar", params={"limit": 3}).json()
    assert first["id"] not in [n["id"] for n in alike["neighbours"]]
    assert all("death" in n["text"].lower() for n in alike["neighbours"])
    assert client.get("/api/v1/records/999999999/similar").status_code == 404
    assert client.get("/api/v1/similar", params={"q": "x"}).status_code in (400, 422)


@pytest.mark.models
def test_draft_aid(client: TestClient) -> None:
    found = client.get(
        "/api/v1/draft", params={"text": "Consider ratifying the Convention against Torture"}
    ).json()
    assert [c["name"] for c in found["criteria"]] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
    ]
    assert found["criteria"][0]["level"] == "partly" and found["criteria"][0]["suggestion"]
    assert "Torture and other CID treatment" in [i["issue"] for i in found["predicted_issues"]]
    assert found["predicted_action"]["category"] == 3
    assert len(found["similar"]) == 10 and 0 <= found["similar_accepted_share"] <= 1
    assert client.get("/api/v1/draft", params={"text": ""}).status_code in (400, 422)


def test_state_clusters(client: TestClient) -> None:
    found = client.get("/api/v1/states/Slovenia/clusters", params={"cycle": 1}).json()
    assert found["state"] == "SVN" and found["cycle"] == 1
    assert found["clusters"][0]["size"] >= found["clusters"][-1]["size"] > 0
    assert client.get("/api/v1/states/Narnia/clusters", params={"cycle": 1}).status_code == 404
