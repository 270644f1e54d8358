"""The tracking JSON API: bearer tokens, roles, versions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.conftest import PASSWORD, Team
from tests.web.clients import CSRF, bearer


@pytest.fixture
def api(slovenia_store: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(search=SearchEngine(slovenia_store))) as client:
        yield client


def test_owner_builds_and_contributor_reports_through_the_api(api: TestClient, team: Team) -> None:
    owner, ministry = bearer(api, team.owner.username), bearer(api, team.ministry.username)
    plan = api.get(f"/api/v1/plans/{team.plan_id}", headers=owner).json()
    assert plan["your_role"] == "owner" and len(plan["recommendations"]) == 217
    first = plan["recommendations"][0]["id"]
    created = api.post(
        f"/api/v1/plans/{team.plan_id}/measures",
        headers=owner,
        json={
            "title": "Legal aid",
            "lead_agency_id": team.justice,
            "recommendation_ids": [first],
            "target_date": "2027-01-31",
        },
    )
    assert created.status_code == 201
    measure = created.json()["id"]
    progress = api.post(
        f"/api/v1/plans/{team.plan_id}/measures/{measure}/progress",
        headers=ministry,
        json={"status": "in progress", "narrative": "Drafting", "version": 1},
    )
    assert progress.status_code == 201
    stale = api.patch(
        f"/api/v1/plans/{team.plan_id}/measures/{measure}",
        headers=owner,
        json={"version": 1, "title": "Legal aid (renamed)"},
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["error"]
    changed = api.patch(
        f"/api/v1/plans/{team.plan_id}/measures/{measure}",
        headers=owner,
        json={"version": 2, "title": "Legal aid (renamed)"},
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Legal aid (renamed)"
    board = api.get(f"/api/v1/plans/{team.plan_id}/dashboard", headers=owner).json()
    assert board["overall"]["counts"]["in progress"] == 1
    history = api.get(f"/api/v1/plans/{team.plan_id}/history", headers=ministry).json()["changes"]
    assert {c["user"] for c in history} >= {"Owner", "Ministry"}


def test_roles_are_enforced_by_the_api(api: TestClient, team: Team) -> None:
    ministry, nhri = bearer(api, team.ministry.username), bearer(api, team.nhri.username)
    refused = api.post(f"/api/v1/plans/{team.plan_id}/agencies", headers=ministry, json={"name": "x"})
    assert refused.status_code == 403
    assert (
        api.post(f"/api/v1/plans/{team.plan_id}/measures", headers=nhri, json={"title": "x"}).status_code
        == 403
    )
    assert api.get(f"/api/v1/plans/{team.plan_id}").status_code == 404  # unpublished, no token
    assert api.post(f"/api/v1/plans/{team.plan_id}/agencies", json={"name": "x"}).status_code == 403
    first = api.get(f"/api/v1/plans/{team.plan_id}", headers=nhri).json()["recommendations"][0]["id"]
    assessed = api.post(
        f"/api/v1/plans/{team.plan_id}/assessments",
        headers=nhri,
        json={"recommendation_id": first, "status": "partially implemented", "sources": "Report"},
    )
    assert assessed.status_code == 201
    assert (
        api.post("/api/v1/auth/login", json={"username": team.nhri.username, "password": "x"}).status_code
        == 403
    )


def test_a_browser_cookie_needs_the_csrf_header_for_api_writes(api: TestClient, team: Team) -> None:
    token = api.post(
        "/api/v1/auth/login", json={"username": team.owner.username, "password": PASSWORD}
    ).json()["token"]
    api.cookies.set("rt_session", token)
    refused = api.post(f"/api/v1/plans/{team.plan_id}/agencies", json={"name": "Ministry of Finance"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    api.cookies.set("csrftoken", "t" * 43)  # a planted cookie, repeated in the header
    planted = api.post(
        f"/api/v1/plans/{team.plan_id}/agencies",
        json={"name": "Ministry of Finance"},
        headers={"X-CSRF-Token": "t" * 43},
    )
    assert planted.status_code == 403 and "CSRF" in planted.json()["error"]
    page_token = CSRF.search(api.get("/plans").text)  # what the signed-in pages carry
    assert page_token, "no CSRF field on /plans"
    allowed = api.post(
        f"/api/v1/plans/{team.plan_id}/agencies",
        json={"name": "Ministry of Finance"},
        headers={"X-CSRF-Token": page_token.group(1)},
    )
    assert allowed.status_code == 201
