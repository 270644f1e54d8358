"""The tracking and elections APIs answer what their routes declare (tests/web/contracts.py),
on Slovenia's store on both backends: every route, writes included, with every part of a plan
filled in (measures overdue, indicators, progress, assessments, history)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from rightstrack.accounts import create_user
from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.conftest import PASSWORD, Team
from tests.web.clients import bearer
from tests.web.contracts import conforms


@pytest.fixture
def api(slovenia_store: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(search=SearchEngine(slovenia_store))) as client:
        yield client


def test_tracking_answers_are_as_declared(api: TestClient, team: Team) -> None:
    conforms(api, "POST", "/api/v1/auth/login", json={"username": team.owner.username, "password": PASSWORD})
    owner, nhri = bearer(api, team.owner.username), bearer(api, team.nhri.username)
    plan = f"/api/v1/plans/{team.plan_id}"
    first = conforms(api, "GET", plan, headers=owner).json()["recommendations"][0]["id"]
    created = conforms(api, "POST", "/api/v1/plans", json={"state": "Slovenia", "cycles": [1]}, headers=owner)
    assert created.status_code == 201
    conforms(api, "GET", "/api/v1/plans", headers=owner)
    conforms(api, "POST", f"{plan}/agencies", json={"name": f"Office {uuid.uuid4().hex[:6]}"}, headers=owner)
    member = {"username": team.outsider.username, "role": "assessor", "organisation": "NGO"}
    conforms(api, "POST", f"{plan}/members", json=member, headers=owner)
    measure = {
        "title": "Legal aid",
        "lead_agency_id": team.justice,
        "recommendation_ids": [first],
        "target_date": "2020-01-31",  # overdue: the dashboard lists it
        "budget": 1500.5,
    }
    measure_id = conforms(api, "POST", f"{plan}/measures", json=measure, headers=owner).json()["id"]
    progress = {"status": "in progress", "narrative": "Drafting", "version": 1}
    conforms(api, "POST", f"{plan}/measures/{measure_id}/progress", json=progress, headers=owner)
    conforms(
        api, "PATCH", f"{plan}/measures/{measure_id}", json={"version": 2, "title": "Aid"}, headers=owner
    )
    indicator = {
        "name": "Cases",
        "baseline": 1,
        "target": 10,
        "measure_ids": [measure_id],
        "due_date": "2020-02-01",
    }
    indicator_id = conforms(api, "POST", f"{plan}/indicators", json=indicator, headers=owner).json()["id"]
    value = {"status": "in progress", "value": 3.5}
    conforms(api, "POST", f"{plan}/indicators/{indicator_id}/progress", json=value, headers=owner)
    finding = {"recommendation_id": first, "status": "partially implemented", "sources": "Report"}
    assessment_id = conforms(api, "POST", f"{plan}/assessments", json=finding, headers=nhri).json()["id"]
    change = {"version": 1, "status": "fully implemented"}
    conforms(api, "PATCH", f"{plan}/assessments/{assessment_id}", json=change, headers=nhri)
    version = api.get(plan, headers=owner).json()["version"]
    conforms(api, "PATCH", plan, json={"version": version, "published": True}, headers=owner)
    conforms(api, "GET", plan)  # a reader of the published plan: no role, no members
    board = conforms(api, "GET", f"{plan}/dashboard", headers=owner).json()
    assert board["overdue_measures"] and board["agreement"] and board["timeline"]
    conforms(api, "GET", f"{plan}/progress", headers=owner)
    assert conforms(api, "GET", f"{plan}/history", headers=owner).json()["changes"]
    conforms(api, "POST", "/api/v1/auth/logout", headers=nhri)


def test_elections_answers_are_as_declared(api: TestClient, slovenia_store: Engine) -> None:
    name = f"editor-{uuid.uuid4().hex[:6]}"
    with slovenia_store.begin() as connection:
        create_user(connection, name, PASSWORD, name, elections_editor=True)
    editor = bearer(api, name)
    for path, params in [
        ("/api/v1/council-elections", {}),
        ("/api/v1/council-elections/upr", {}),
        ("/api/v1/council-elections/2016", {}),
        ("/api/v1/council-elections/2016", {"group": "EEG"}),
        ("/api/v1/council-elections/2025/candidates/SVN", {}),
        ("/api/v1/council-elections/2016/candidates/RUS", {}),
        ("/api/v1/council/members", {}),
        ("/api/v1/council/members", {"on": "2022-04-20"}),
        ("/api/v1/council/members/United States", {}),
        ("/api/v1/council/members/Russia", {}),
    ]:
        conforms(api, "GET", path, params=params)
    pledge = {"state": "HUN", "symbol": "A/71/80", "published_on": "2016-08-01"}
    created = conforms(
        api, "POST", "/api/v1/council-elections/2016/pledges", json=pledge, headers=editor
    ).json()
    pledge_path = f"/api/v1/pledges/{created['id']}"
    conforms(api, "PATCH", pledge_path, json={"version": 1, "note": "English"}, headers=editor)
    event = {"state": "RUS", "held_on": "2016-09-20", "place": "New York", "took_part": False}
    conforms(api, "POST", "/api/v1/council-elections/2016/participation", json=event, headers=editor)
    conforms(api, "GET", "/api/v1/council-elections/2016/pledges")
    conforms(api, "DELETE", pledge_path, params={"version": 2}, headers=editor)
