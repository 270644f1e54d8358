"""The Council elections pages and API, over the Slovenia store on both backends."""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import Engine, update

from rightstrack.accounts import create_user
from rightstrack.domain import Response
from rightstrack.elections.council_upr import membership_split
from rightstrack.ingest.loading import load_paths
from rightstrack.reference.membership import timeline
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import bump_data_version
from rightstrack.store.schema import RecommendationRow
from rightstrack.web.app import create_app
from rightstrack.web.election_pages import council_upr
from tests.conftest import PASSWORD, export_rows
from tests.web.clients import page_token, sign_in
from tests.web.test_plan_pages import _browser


@pytest.fixture
def app(slovenia_store: Engine) -> object:
    return create_app(search=SearchEngine(slovenia_store))


def _user(engine: Engine, editor: bool) -> str:
    name = f"{'editor' if editor else 'reader'}-{uuid.uuid4().hex[:6]}"
    with engine.begin() as connection:
        create_user(connection, name, PASSWORD, name, elections_editor=editor)
    return name


def test_overview_year_and_candidate_pages(app: object) -> None:
    with _browser(app) as client:
        overview = client.get("/council-elections")
        assert overview.status_code == 200
        assert (
            "/council-elections/chart.png" in overview.text
            and 'href="/council-elections/2016"' in overview.text
        )
        chart = client.get("/council-elections/chart.png")
        assert chart.headers["content-type"] == "image/png" and chart.content.startswith(b"\x89PNG")
        year = client.get("/council-elections/2016").text
        assert "Russian Federation" in year and ">112<" in year and ">114<" in year and ">144<" in year
        assert 'id="source-kuna-2016"' in year and "not elected" in year
        weog = client.get("/council-elections/2021?group=WEOG").text
        # The group's contests only; the pledges table below lists every candidate of the year.
        contests = weog.split("Voluntary pledges")[0]
        assert "closed slate" in contests and "Luxembourg" in contests and "Eritrea" not in contests
        candidate = client.get("/council-elections/2025/SVN").text
        assert "Slovenia" in candidate and "254 recommendations received, 217 accepted, 37 noted" in candidate
        members = client.get("/council?on=2018-07-01").text
        assert "46 members" in members and "one seat vacant" in members
        state = client.get("/states/USA").text
        assert "<title>United States of America · RightsTrack</title>" in state
        assert (
            "Human Rights Council" in state
            and "elected in 2016" in state
            and "made while a Council member" in state
        )
        french = client.get("/council-elections/2016?lang=fr").text
        assert "liste fermée" in french and "États d’Europe orientale" in french
        assert client.get("/council-elections/1999").status_code == 404
        assert client.get("/council-elections/2016/FRA").status_code == 404


def test_the_2025_briefing_downloads_in_french_as_pdf(app: object) -> None:
    with _browser(app) as client:
        answer = client.get("/council-elections/2025/briefing.pdf?lang=fr")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert 'filename="hrc-election-2025-briefing-fr.pdf"' in answer.headers["content-disposition"]
    text = " ".join(PdfReader(io.BytesIO(answer.content)).pages[0].extract_text().split())  # the cover
    assert "Élection au Conseil des droits de l’homme 2025 : note d’information" in text


def test_elections_editors_record_pledges_and_others_cannot(app: object, slovenia_store: Engine) -> None:
    editor, reader = _user(slovenia_store, True), _user(slovenia_store, False)
    form = {"state": "HRV", "symbol": "A/71/90", "published_on": "2016-10-10", "url": "", "note": ""}
    with _browser(app) as client:
        refused = client.post(
            "/council-elections/2016/pledges", data={**form, "csrf_token": page_token(client)}
        )
        assert refused.status_code in (303, 403)  # anonymous: sent to sign in
        sign_in(client, reader)
        page = client.get("/council-elections/2016").text
        assert "Record a pledges document" not in page
        answer = client.post(
            "/council-elections/2016/pledges",
            data={**form, "csrf_token": page_token(client, "/council-elections/2016")},
        )
        assert answer.status_code == 403
    with _browser(app) as client:
        sign_in(client, editor)
        page = client.get("/council-elections/2016").text
        assert "Record a pledges document" in page
        answer = client.post(
            "/council-elections/2016/pledges",
            data={**form, "csrf_token": page_token(client, "/council-elections/2016")},
        )
        assert answer.status_code == 303
        page = client.get(answer.headers["location"]).text
        assert "pledge recorded" in page and "A/71/90" in page and ">late<" in page
        version = re.search(r'name="version" value="(\d+)"', page)
        pledge_id = re.search(r"/pledges/(\d+)/delete", page)
        assert version and pledge_id
        removed = client.post(
            f"/council-elections/2016/pledges/{pledge_id.group(1)}/delete",
            data={"version": version.group(1), "csrf_token": page_token(client, "/council-elections/2016")},
        )
        assert removed.status_code == 303 and "A/71/90" not in client.get("/council-elections/2016").text


def test_the_json_api(app: object, slovenia_store: Engine) -> None:
    editor = _user(slovenia_store, True)
    with TestClient(app) as client:  # type: ignore[arg-type]
        eastern = client.get("/api/v1/council-elections/2016", params={"group": "EEG"}).json()["groups"][0]
        assert [(r["state"], r["votes"], r["outcome"]) for r in eastern["results"]] == [
            ("HUN", [144], "elected"),
            ("HRV", [114], "elected"),
            ("RUS", [112], "defeated"),
        ]
        assert (eastern["slate"], eastern["margin"]) == ("competitive", 2)
        overview = client.get("/api/v1/council-elections").json()
        assert len(overview["years"]) == 20
        members = client.get("/api/v1/council/members", params={"on": "2022-04-20"}).json()["members"]
        assert len(members) == 46 and "RUS" not in {m["state"] for m in members}
        answer = client.get("/api/v1/council/members/United States").json()
        made = {side["label"]: side["recommendations"] for side in answer["recommendations_made"]}
        assert sum(made.values()) > 0  # the United States recommended at Slovenia's reviews
        history = answer["terms"]
        assert [t["elected_in"] for t in history] == [2009, 2012, 2016, 2021] and history[2][
            "end"
        ] == "2018-06-18"
        record = client.get("/api/v1/council-elections/2025/candidates/SVN").json()
        assert (record["upr"]["received"], record["upr"]["accepted"]) == (254, 217)
        assert (
            client.post(
                "/api/v1/council-elections/2016/pledges", json={"state": "HUN", "symbol": "A/71/80"}
            ).status_code
            == 403
        )
        token = client.post("/api/v1/auth/login", json={"username": editor, "password": PASSWORD}).json()[
            "token"
        ]
        auth = {"Authorization": f"Bearer {token}"}
        created = client.post(
            "/api/v1/council-elections/2016/pledges",
            json={"state": "HUN", "symbol": "A/71/80", "published_on": "2016-08-01"},
            headers=auth,
        )
        assert created.status_code == 201
        pledge = created.json()
        changed = client.patch(
            f"/api/v1/pledges/{pledge['id']}", json={"version": 1, "note": "English"}, headers=auth
        )
        assert changed.status_code == 200 and changed.json()["version"] == 2
        stale = client.patch(
            f"/api/v1/pledges/{pledge['id']}", json={"version": 1, "note": "old"}, headers=auth
        )
        assert stale.status_code == 409
        statuses = client.get("/api/v1/council-elections/2016/pledges").json()["candidates"]
        hungary = next(s for s in statuses if s["state"] == "HUN")
        assert (hungary["flag"], hungary["days_before"]) == ("on time", 88)
        gone = client.delete(f"/api/v1/pledges/{pledge['id']}", params={"version": 2}, headers=auth)
        assert gone.status_code == 200
        event = {"state": "RUS", "held_on": "2016-09-20", "place": "New York", "took_part": False}
        assert client.post("/api/v1/council-elections/2016/participation", json=event).status_code == 403
        assert (
            client.post("/api/v1/council-elections/2016/participation", json=event, headers=auth).status_code
            == 201
        )
        statuses = client.get("/api/v1/council-elections/2016/pledges").json()["candidates"]
        russia = next(s for s in statuses if s["state"] == "RUS")
        assert russia["pledging_events"] == [{"date": "2016-09-20", "place": "New York", "took_part": False}]


def test_the_cached_council_split_follows_changed_responses(
    store: Engine, upr_info_dir: Path, tmp_path: Path
) -> None:
    """An addendum (or a write by another server's process) changes responses and not the number
    of records: the split cached per process must follow the data's fingerprint, not its count."""
    load_paths(store, [export_rows(upr_info_dir / "18-19.csv", 40, tmp_path / "part.csv")])
    before = council_upr(store)
    assert sum(side.accepted for side in before.by_recommender) > 0
    with store.begin() as connection:
        connection.execute(update(RecommendationRow).values(response=Response.NOTED.value))
        bump_data_version(connection)
    after = council_upr(store)
    assert after == membership_split(store, timeline()) != before
    assert sum(side.accepted for side in after.by_recommender) == 0
