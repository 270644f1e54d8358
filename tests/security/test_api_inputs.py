"""Probe-style cases of issue 14 for the JSON API and the pages: every bad input answers a clear
4xx that names its field, never a 500 or a dropped connection, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from rightstrack.search.engine import SearchEngine
from rightstrack.store.tracking_schema import PlanClusterRow, PlanRecommendationRow
from rightstrack.tracking.inputs import NewPlan
from rightstrack.tracking.plans import add_cluster, create_plan
from tests.conftest import Team
from tests.web.clients import bearer, post_form, sign_in

TOO_BIG = (2**63, 2**64)  # one past what SQLite and PostgreSQL's BIGINT hold, and far past it
# A valid value for each path parameter that is not an integer, so each request reaches the one
# parameter under test.
OTHER_PATH_VALUES = {
    "dimension": "issue",
    "subject": "measure",
    "entity": "plan_clusters",
    "state": "SVN",
    "name": "Slovenia",
    "format_name": "html",
    "image_format": "svg",
    "sheet": "measures",
}


@pytest.fixture
def api(slovenia_store: Engine) -> Iterator[TestClient]:
    from rightstrack.web.app import create_app

    with TestClient(create_app(search=SearchEngine(slovenia_store)), follow_redirects=False) as client:
        yield client


def _int_params(params: list[Any]) -> list[str]:
    return [p.name for p in params if p.field_info.annotation is int]


def _api_routes(app: Any) -> Iterator[tuple[str, APIRoute]]:
    """Every route of the app with its full path, however routers are included."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.path:
            yield context.path, context.original_route


def _refusals(response: Any) -> str:
    return f"{response.status_code} {response.text[:300]}"


def test_every_integer_of_every_route_is_bounded(api: TestClient, team: Team) -> None:
    """Each integer in a path or query string of any route, present or future, above 2**63 - 1:
    a 400 naming the parameter (it was a 500: SQLite's driver cannot bind such an integer)."""
    headers = bearer(api, team.owner.username)
    failures = []
    checked = 0
    for route_path, route in _api_routes(api.app):
        method = sorted(route.methods)[0]
        path_ints = _int_params(route.dependant.path_params)
        query_ints = _int_params(route.dependant.query_params)
        valid = {
            name: team.plan_id if name == "plan_id" else 2024 if name == "year" else 1 for name in path_ints
        }
        for where, names in (("path", path_ints), ("query", query_ints)):
            for name in names:
                for value in TOO_BIG:
                    path_values = {**OTHER_PATH_VALUES, **valid, **({name: value} if where == "path" else {})}
                    url = route_path.format(
                        **{k: v for k, v in path_values.items() if "{" + k + "}" in route_path}
                    )
                    query = {n: 1 for n in query_ints} | ({name: value} if where == "query" else {})
                    response = api.request(method, url, params=query, headers=headers, json={})
                    checked += 1
                    if response.status_code != 400 or name not in response.text:
                        failures.append(f"{method} {url} ({where} {name}): {_refusals(response)}")
    assert checked > 100, "the routes were not found"
    assert not failures, "\n".join(failures)


def test_integers_in_json_bodies_are_bounded(api: TestClient, team: Team) -> None:
    headers = bearer(api, team.owner.username)
    plan = f"/api/v1/plans/{team.plan_id}"
    cases = [
        ("post", f"{plan}/measures", {"title": "x", "recommendation_ids": [2**64]}, "recommendation_ids"),
        ("post", f"{plan}/measures", {"title": "x", "lead_agency_id": 2**63}, "lead_agency_id"),
        ("post", f"{plan}/indicators", {"name": "x", "measure_ids": [2**63]}, "measure_ids"),
        ("patch", plan, {"version": 2**64, "title": "x"}, "version"),
        (
            "post",
            f"{plan}/members",
            {"username": "x", "role": "contributor", "agency_id": 2**64},
            "agency_id",
        ),
        ("post", f"{plan}/assessments", {"recommendation_id": 2**64, "status": "fully"}, "recommendation_id"),
    ]
    for method, url, body, field in cases:
        response = api.request(method.upper(), url, json=body, headers=headers)
        assert response.status_code == 400 and field in response.json()["error"], (url, _refusals(response))


@pytest.mark.parametrize(
    "url",
    ["/api/v1/search", "/api/v1/export.csv", "/api/v1/export.json", "/api/v1/export.xlsx", "/"],
)
def test_deeply_nested_query_is_refused(api: TestClient, url: str) -> None:
    """~250 nested brackets exhausted Python's stack (RecursionError: 500)."""
    response = api.get(url, params={"q": "(" * 250 + "torture"})
    assert response.status_code == 400, _refusals(response)
    assert "too deeply nested" in response.text and "q:" in response.text
    too_long = api.get(url, params={"q": "torture " * 100})
    assert too_long.status_code == 400 and "longer than 500" in too_long.text


@pytest.mark.parametrize("url", ["/api/v1/export.csv", "/api/v1/export.json", "/api/v1/export.xlsx"])
def test_export_with_a_bad_query_is_a_400_not_a_dropped_stream(api: TestClient, url: str) -> None:
    """``q="`` answered 200 and then cut the stream where search answers 400."""
    response = api.get(url, params={"q": '"'})
    assert response.status_code == 400 and response.json()["error"] == "q: an empty phrase"


def test_unknown_state_and_huge_late_days_are_refused(api: TestClient) -> None:
    for url in ("/api/v1/council-elections/2024/candidates/Atlantis", "/api/v1/council/members/Atlantis"):
        response = api.get(url)
        assert response.status_code == 404 and "Atlantis" in response.json()["error"], _refusals(response)
    late = api.get("/api/v1/council-elections/2024/pledges", params={"late_days": 10**30})
    assert late.status_code == 400 and "late_days" in late.json()["error"], _refusals(late)
    assert api.get("/api/v1/council-elections/2024/pledges", params={"late_days": 45}).status_code == 200


def test_null_for_a_required_field_names_the_field(api: TestClient, team: Team) -> None:
    headers = bearer(api, team.owner.username)
    plan = f"/api/v1/plans/{team.plan_id}"
    measure = api.post(f"{plan}/measures", json={"title": "Legal aid"}, headers=headers).json()["id"]
    for field in ("title", "description", "currency", "expected_outcome"):
        response = api.patch(f"{plan}/measures/{measure}", json={"version": 1, field: None}, headers=headers)
        assert response.status_code == 400, _refusals(response)
        assert response.json()["error"].startswith(f"{field}:")
    assert api.get(plan, headers=headers).json()["measures"][0]["title"] == "Legal aid"  # nothing lost


def test_text_longer_than_its_column_is_refused(api: TestClient, team: Team) -> None:
    """Titles over 300 characters got in on SQLite, and were a 500 (DataError) on PostgreSQL."""
    headers = bearer(api, team.owner.username)
    plan = f"/api/v1/plans/{team.plan_id}"
    long = "x" * 301
    cases = [
        ("POST", "/api/v1/plans", {"state": "Slovenia", "cycles": [4], "title": long}, "title", 300),
        ("PATCH", plan, {"version": 1, "title": long}, "title", 300),
        ("POST", f"{plan}/indicators", {"name": "Cases", "unit": "u" * 61}, "unit", 60),
        ("POST", f"{plan}/agencies", {"name": "Ministry", "kind": "k" * 81}, "kind", 80),
    ]
    measure = api.post(f"{plan}/measures", json={"title": "Legal aid"}, headers=headers).json()["id"]
    cases.append(("PATCH", f"{plan}/measures/{measure}", {"version": 1, "title": long}, "title", 300))
    cases.append(("PATCH", f"{plan}/measures/{measure}", {"version": 1, "currency": "EURO"}, "currency", 3))
    for method, url, body, field, limit in cases:
        response = api.request(method, url, json=body, headers=headers)
        assert response.status_code == 400, (url, _refusals(response))
        assert response.json()["error"].startswith(f"{field}: at most {limit} characters"), response.text
    exact = api.patch(plan, json={"version": 1, "title": "y" * 300}, headers=headers)
    assert exact.status_code == 200 and exact.json()["title"] == "y" * 300


def test_control_characters_are_refused_naming_the_field(api: TestClient, team: Team) -> None:
    """A NUL was a 500 (DataError) on PostgreSQL; a vertical tab made the plan workbook fail."""
    headers = bearer(api, team.owner.username)
    plan = f"/api/v1/plans/{team.plan_id}"
    for text, code in (("Legal\x00aid", "U+0000"), ("Legal\x0baid", "U+000B")):
        response = api.post(f"{plan}/measures", json={"title": text}, headers=headers)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == f"title: a control character ({code}) at position 6"
    kept = api.post(
        f"{plan}/measures", json={"title": "Legal aid", "description": "a\tb\r\nc"}, headers=headers
    )
    assert kept.status_code == 201, kept.text


def test_cluster_names_and_pledges_are_checked_against_their_columns(
    api: TestClient, team: Team, slovenia_store: Engine
) -> None:
    sign_in(api, team.owner.username)
    plan = f"/plans/{team.plan_id}"
    page = post_form(api, f"{plan}/clusters", {"name": "c" * 301}, plan)
    assert page.status_code == 400 and "name: at most 300 characters" in page.text
    sign_in(api, team.admin.username)
    headers = bearer(api, team.admin.username)
    pledge = {"state": "CHE", "url": "https://example.org/" + "p" * 500}  # a 2024 candidate
    response = api.post("/api/v1/council-elections/2024/pledges", json=pledge, headers=headers)
    assert response.status_code == 400 and response.json()["error"].startswith("url: at most 500"), (
        response.text
    )


def _other_plans_cluster(engine: Engine, team: Team) -> int:
    other_plan = create_plan(
        engine, team.outsider, NewPlan(state="Slovenia", cycles=(3,), propose_clusters=False)
    )
    with engine.begin() as connection:
        return add_cluster(connection, team.outsider, other_plan, "Someone else's cluster")


def test_arrange_refuses_another_plans_cluster_and_a_missing_one(
    api: TestClient, team: Team, slovenia_store: Engine
) -> None:
    """``/plans/1/arrange`` with a foreign cluster id was accepted; a missing one was a 500 on
    PostgreSQL (foreign key) and silently stored on SQLite."""
    foreign = _other_plans_cluster(slovenia_store, team)
    with slovenia_store.connect() as connection:
        link = connection.execute(
            select(PlanRecommendationRow.recommendation_id, PlanRecommendationRow.cluster_id).where(
                PlanRecommendationRow.plan_id == team.plan_id
            )
        ).first()
        missing = (
            int(connection.scalar(select(PlanClusterRow.id).order_by(PlanClusterRow.id.desc())) or 0) + 1000
        )
    assert link is not None
    sign_in(api, team.owner.username)
    plan = f"/plans/{team.plan_id}"
    cases = [(str(foreign), f"has no cluster {foreign}"), (str(missing), f"has no cluster {missing}")]
    # "²" passes str.isdigit() but not int(): int()'s own message named no field.
    cases.append(("²", f"cluster_{link.recommendation_id}: not a number: &#39;²&#39;"))
    for cluster, message in cases:
        response = post_form(api, f"{plan}/arrange", {f"cluster_{link.recommendation_id}": cluster}, plan)
        assert response.status_code == 400 and message in response.text, _refusals(response)
    with slovenia_store.connect() as connection:
        kept = connection.scalar(
            select(PlanRecommendationRow.cluster_id).where(
                PlanRecommendationRow.plan_id == team.plan_id,
                PlanRecommendationRow.recommendation_id == link.recommendation_id,
            )
        )
    assert kept == link.cluster_id
