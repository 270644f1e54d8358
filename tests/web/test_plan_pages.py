"""The tracking pages, driven as a browser without JavaScript would: forms, cookies, CSRF."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.conftest import PASSWORD, Team
from tests.web.clients import page_token, post_form, sign_in


@pytest.fixture
def app(slovenia_store: Engine) -> object:
    return create_app(search=SearchEngine(slovenia_store))


def _browser(app: object) -> TestClient:
    return TestClient(app, follow_redirects=False)  # type: ignore[arg-type]


@pytest.fixture
def owner_browser(app: object) -> Iterator[TestClient]:
    with _browser(app) as client:
        name = f"focal-{uuid.uuid4().hex[:6]}"
        token = page_token(client, "/signup")
        answer = client.post(
            "/signup",
            data={
                "username": name,
                "password": PASSWORD,
                "display_name": "MFA focal point",
                "csrf_token": token,
            },
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/plans"
        yield client


def test_a_new_user_creates_a_plan_with_proposed_clusters(owner_browser: TestClient) -> None:
    page = owner_browser.get("/plans")
    assert "New plan" in page.text and "MFA focal point" in page.text
    created = post_form(
        owner_browser, "/plans", {"state": "SVN", "cycles": "4", "propose_clusters": "on"}, "/plans"
    )
    assert created.status_code == 303
    plan_page = owner_browser.get(created.headers["location"])
    assert plan_page.status_code == 200
    assert "Slovenia: implementation of UPR cycle 4" in plan_page.text
    assert plan_page.text.count('<details class="cluster"') >= 3
    assert plan_page.text.count('name="recommendation_ids"') == 217


def test_forms_refuse_missing_csrf_and_anonymous_writes(app: object, team: Team) -> None:
    with _browser(app) as anonymous:
        assert anonymous.get(f"/plans/{team.plan_id}").status_code == 404  # not published
        answer = anonymous.post(
            f"/plans/{team.plan_id}/agencies", data={"name": "x", "csrf_token": page_token(anonymous)}
        )
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    with _browser(app) as ministry:
        sign_in(ministry, team.ministry.username)
        assert ministry.post(f"/plans/{team.plan_id}/agencies", data={"name": "x"}).status_code == 403
        refused = post_form(
            ministry, f"/plans/{team.plan_id}/agencies", {"name": "x"}, f"/plans/{team.plan_id}"
        )
        assert refused.status_code == 403 and "owner" in refused.text


def test_wrong_password_is_refused_and_guessing_is_slowed(app: object, team: Team) -> None:
    with _browser(app) as client:
        for _ in range(5):
            token = page_token(client)
            answer = client.post(
                "/login", data={"username": team.nhri.username, "password": "wrong", "csrf_token": token}
            )
            assert answer.status_code == 401 and "wrong user name or password" in answer.text
        token = page_token(client)
        answer = client.post(
            "/login", data={"username": team.nhri.username, "password": PASSWORD, "csrf_token": token}
        )
        assert answer.status_code == 429 and "too many failed sign-ins" in answer.text


def test_measure_progress_with_evidence_file_and_history(app: object, team: Team) -> None:
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        page = owner.get(plan).text
        first = re.search(r'name="recommendation_ids" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
        created = post_form(
            owner,
            f"{plan}/measures",
            {
                "title": "Free legal aid reform",
                "lead_agency_id": str(team.justice),
                "target_date": "2027-06-30",
                "recommendation_ids": first,
            },
            plan,
        )
        measure_page = created.headers["location"]
        assert re.fullmatch(rf"{plan}/measures/\d+\?done=created", measure_page)
    with _browser(app) as ministry:
        sign_in(ministry, team.ministry.username)
        measure = measure_page.split("?")[0]
        assert "Report progress" in ministry.get(measure).text
        reported = post_form(
            ministry,
            f"{measure}/progress",
            {
                "status": "in progress",
                "narrative": "Bill drafted",
                "evidence_links": "https://www.gov.si/x",
                "version": "1",
            },
            measure,
            files={"files": ("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf")},
        )
        assert reported.status_code == 303
        shown = ministry.get(measure).text
        assert "Bill drafted" in shown and "minutes.pdf" in shown
        file_link = re.search(r'href="(/evidence/\d+)"', shown).group(1)  # type: ignore[union-attr]
        download = ministry.get(file_link)
        assert download.content == b"%PDF-1.4 minutes"
        assert download.headers["content-disposition"].startswith("attachment")
        # the version the form was loaded with is now stale: a second submit is refused, not applied
        stale = post_form(ministry, f"{measure}/progress", {"status": "completed", "version": "1"}, measure)
        assert stale.status_code == 409
        history = ministry.get(f"{plan}/history").text
        assert "Ministry" in history and "not started → in progress" in history


def test_publishing_opens_the_plan_and_its_reports_to_everyone(app: object, team: Team) -> None:
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        version = re.search(r'name="version" value="(\d+)"', owner.get(plan).text).group(1)  # type: ignore[union-attr]
        answer = post_form(
            owner,
            f"{plan}/settings",
            {"version": version, "title": "Plan 2025–2029", "published": "on"},
            plan,
        )
        assert answer.status_code == 303
    with _browser(app) as anonymous:
        page = anonymous.get(plan)
        assert page.status_code == 200 and "Plan 2025–2029" in page.text
        assert "Members" not in page.text and "History" not in page.text
        pdf = anonymous.get(f"{plan}/report.pdf?kind=midterm&language=fr")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        named = re.search(
            r'filename="(midterm-report-slovenia-cycle-4-[0-9-]{10}-fr\.pdf)"',
            pdf.headers["content-disposition"],
        )
        assert pdf.content.startswith(b"%PDF") and named is not None
        # The HTML report is one file with one inline stylesheet: its hash, and only it, is allowed.
        html = anonymous.get(f"{plan}/report.html?kind=midterm&language=en")
        style = re.search(r"<style>(.*?)</style>", html.text, re.S).group(1)  # type: ignore[union-attr]
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        policy = html.headers["content-security-policy"]
        assert f"style-src 'self' 'sha256-{digest}';" in policy and "script-src 'self';" in policy
        assert "<script" not in html.text and 'href="#s1"' in html.text
        docx = anonymous.get(f"{plan}/report.docx?kind=shadow&language=es")
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
        assert anonymous.get(f"{plan}/dashboard").status_code == 200
        assert anonymous.get(f"{plan}/plan.xlsx").status_code == 303  # members only: sign in first


def test_owner_renames_and_removes_clusters_and_members(app: object, team: Team) -> None:
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        page = owner.get(plan).text
        cluster = re.search(rf'action="{plan}/rename/plan_clusters/(\d+)"', page).group(1)  # type: ignore[union-attr]
        renamed = post_form(
            owner, f"{plan}/rename/plan_clusters/{cluster}", {"name": "Trafficking", "version": "1"}, plan
        )
        assert renamed.status_code == 303
        assert 'value="Trafficking"' in owner.get(plan).text
        stale = post_form(
            owner, f"{plan}/rename/plan_clusters/{cluster}", {"name": "Again", "version": "1"}, plan
        )
        assert stale.status_code == 409
        member = re.search(rf'action="{plan}/delete/plan_members/(\d+)"', page).group(1)  # type: ignore[union-attr]
        assert post_form(owner, f"{plan}/delete/plan_members/{member}", {}, plan).status_code == 303
        assert owner.get(f"{plan}/history").text.count("Restore") >= 1


def test_indicators_on_the_plan_page_and_the_dashboard_timeline(app: object, team: Team) -> None:
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        created = post_form(
            owner,
            f"{plan}/indicators",
            {
                "name": "Shelter places",
                "unit": "places",
                "baseline": "120",
                "target": "200",
                "due_date": "2027-12-31",
            },
            plan,
        )
        assert created.status_code == 303
        page = owner.get(plan).text
        assert "Shelter places (places)" in page and "New indicator" in page
        dashboard = owner.get(f"{plan}/dashboard")
        assert dashboard.status_code == 200
        assert 'alt="Implementation status by cluster"' in dashboard.text


def test_agencies_come_back_to_their_form_and_the_new_measure_form_is_near_the_top(
    app: object, team: Team
) -> None:
    """Issue #18: agencies hid in a panel that closed after each addition, and the new-measure
    form sat below every recommendation."""
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        name = f"Ministry of Labour {uuid.uuid4().hex[:4]}"
        added = post_form(owner, f"{plan}/agencies", {"name": name}, plan)
        assert added.status_code == 303
        assert added.headers["location"] == f"{plan}?done=agency%20added#agencies"
        page = owner.get(added.headers["location"].split("#")[0]).text
        agencies = page[
            page.index('<h2 id="agencies">') : page.index("</section>", page.index('<h2 id="agencies">'))
        ]
        assert name in agencies and 'data-refocus="agencies"' in agencies
        assert "Agency added. Add another, or go on to the measures." in page
        assert page.index('id="new-measure"') < page.index('id="recommendations"')
        assert 'href="#new-measure-heading"' in page
        assert '<details class="cluster" data-cluster' in page and '<details class="cluster" open' not in page
        joining = {"username": team.outsider.username, "role": "assessor", "organisation": "Amnesty"}
        member = post_form(owner, f"{plan}/members", joining, plan)
        assert member.status_code == 303, member.text
        assert member.headers["location"] == f"{plan}?done=member%20added#settings"
        assert '<details class="panel" id="settings" open>' in owner.get(f"{plan}?done=member%20added").text
        assert '<details class="panel" id="settings" open>' not in owner.get(plan).text


def test_the_dashboard_shows_each_measures_indicators(app: object, team: Team) -> None:
    """Issue #18: the dashboard left out indicators. Each measure's now shows baseline, target,
    latest value and progress."""
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        created = post_form(owner, f"{plan}/measures", {"title": "Open ten shelters"}, plan)
        measure = created.headers["location"].split("?")[0]
        measure_id = measure.rsplit("/", 1)[1]
        form = {"name": "Shelters open", "baseline": "2", "target": "12", "measure_ids": measure_id}
        assert post_form(owner, f"{plan}/indicators?back={measure}", form, measure).status_code == 303
        indicator = re.search(r'action="/plans/\d+/indicators/(\d+)/progress', owner.get(measure).text)
        assert indicator is not None
        value = {"value": "7", "status": "in progress"}
        recorded = post_form(
            owner, f"{plan}/indicators/{indicator[1]}/progress?back={measure}", value, measure
        )
        assert recorded.status_code == 303
        dashboard = owner.get(f"{plan}/dashboard").text
        row = re.search(rf'<tr data-indicator="{indicator[1]}">(.*?)</tr>', dashboard, re.S)
        assert row is not None, dashboard
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row[1], re.S)
        ]
        assert cells[:6] == ["Open ten shelters", "Shelters open", "2", "12", "7", "50%"]
        assert '<meter min="0" max="1" value="0.5"' in row[1]
        assert "Measures and their indicators" in dashboard


def test_the_dashboards_charts_are_drawn_once_per_figures_and_language(
    app: object, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawing them took 0.5-2 s per view (bench/page_bench.py); unchanged figures reuse them."""
    from rightstrack.web import plan_pages

    drawn: list[str] = []
    draw = plan_pages.dashboard_charts

    def counting(board: object, locale: str) -> object:
        drawn.append(locale)
        return draw(board, locale)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_pages, "dashboard_charts", counting)
    monkeypatch.setattr(plan_pages, "_CHARTS", type(plan_pages._CHARTS)())
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        first = owner.get(f"{plan}/dashboard").text
        assert owner.get(f"{plan}/dashboard").text == first and drawn == ["en"]
        owner.get(f"{plan}/dashboard?lang=fr")
        assert drawn == ["en", "fr"]
        post_form(owner, f"{plan}/clusters", {"name": "Prisons"}, plan)
        changed = owner.get(f"{plan}/dashboard?lang=en").text
        assert drawn == ["en", "fr", "en"] and "Prisons" in changed


def test_ticked_recommendations_move_together_into_a_cluster(app: object, team: Team) -> None:
    """One move control for the ticked boxes, in place of a select per recommendation (three
    quarters of the page's weight)."""
    plan = f"/plans/{team.plan_id}"
    with _browser(app) as owner:
        sign_in(owner, team.owner.username)
        page = owner.get(plan).text
        assert 'name="cluster_' not in page and 'formaction="/plans/' in page
        clusters = re.findall(r'<details class="cluster" data-cluster="(\d+)">(.*?)</details>\n', page, re.S)
        (first, first_body), (target, _body) = clusters[0], clusters[-1]
        ticked = re.findall(r'<li id="r(\d+)">', first_body)[:2]
        moving = {"recommendation_ids": ticked, "target_cluster_id": target}
        moved = post_form(owner, f"{plan}/move", moving, plan)
        assert moved.headers["location"] == f"{plan}?done=2%20moved#recommendations"
        after = owner.get(f"{plan}?done=2%20moved").text
        assert "2 moved." in after
        bodies = dict(
            re.findall(r'<details class="cluster" data-cluster="(\d+)">(.*?)</details>\n', after, re.S)
        )
        assert all(f'<li id="r{r}">' in bodies[target] for r in ticked)
        assert not any(f'<li id="r{r}">' in bodies[first] for r in ticked)
        assert owner.get(f"{plan}?done=%7Bcount%7D").status_code == 200  # shown as it came, not formatted
