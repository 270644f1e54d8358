"""The implementation-tracking flow in Chromium, with three roles and the public:

a new user signs up and creates a plan for Slovenia's cycle-4 recommendations with proposed
clusters, adds two agencies and two members, creates a measure; the agency contributor records
progress; the NHRI adds its assessment; the owner publishes and downloads the mid-term report in
French; an anonymous visitor then reads the plan."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from rightstrack.accounts import create_user
from rightstrack.search.engine import SearchEngine
from tests.conftest import PASSWORD
from tests.web.browsing import NEEDS_CHROMIUM, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(slovenia_store: Engine) -> Iterator[str]:
    with serving_once(SearchEngine(slovenia_store)) as address:
        yield address


def _page(browser: object) -> object:
    context = browser.new_context(accept_downloads=True, locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _sign_in(page: object, server: str, username: str) -> None:
    page.goto(f"{server}/login")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/plans")  # type: ignore[attr-defined]


def test_plan_from_creation_to_a_french_mid_term_report(
    browser: object, server: str, slovenia_store: Engine, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:6]
    ministry, nhri, owner = f"justice-{suffix}", f"ombudsman-{suffix}", f"focal-{suffix}"
    with slovenia_store.begin() as connection:
        create_user(connection, ministry, PASSWORD, "Ministry of Justice desk")
        create_user(connection, nhri, PASSWORD, "Ombudsman's office")

    # The owner: signs up, creates the plan, agencies, members and a measure
    page = _page(browser)
    page.goto(f"{server}/signup")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(owner)  # type: ignore[attr-defined]
    page.get_by_label("Name shown to others").fill("MFA focal point")  # type: ignore[attr-defined]
    page.get_by_label("Password (at least 10 characters, hard to guess)").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create an account").click()  # type: ignore[attr-defined]
    page.get_by_label("State").select_option("SVN")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create plan").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/plans/*?done=created")  # type: ignore[attr-defined]
    plan_url = page.url.split("?")[0]  # type: ignore[attr-defined]
    assert page.locator("details.cluster").count() >= 3  # type: ignore[attr-defined]
    # Agencies one after the other: each addition comes back to the agencies, the field focused.
    for agency in ("Ministry of Justice", "Government Office for Equality"):
        page.get_by_label("New agency").fill(agency)  # type: ignore[attr-defined]
        page.get_by_role("button", name="Add agency").click()  # type: ignore[attr-defined]
        page.wait_for_url("**done=agency*#agencies")  # type: ignore[attr-defined]
        assert page.evaluate("document.activeElement.id") == "agency-name"  # type: ignore[attr-defined]
    assert page.locator("#agencies + ul li").count() == 2  # type: ignore[attr-defined]
    page.get_by_text("Plan settings, members and clusters").click()  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(ministry)  # type: ignore[attr-defined]
    page.get_by_label("Role").select_option("contributor")  # type: ignore[attr-defined]
    page.get_by_label("Agency (for contributors)").select_option(label="Ministry of Justice")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add member").click()  # type: ignore[attr-defined]
    page.wait_for_url("**done=member*#settings")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(nhri)  # type: ignore[attr-defined]
    page.get_by_label("Role").select_option("assessor")  # type: ignore[attr-defined]
    page.get_by_label("Organisation (for assessors)").fill("Human Rights Ombudsman")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add member").click()  # type: ignore[attr-defined]
    page.locator("details.cluster > summary").first.click()  # type: ignore[attr-defined]
    boxes = page.locator('input[name="recommendation_ids"]')  # type: ignore[attr-defined]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("link", name="New measure").first.click()  # type: ignore[attr-defined]
    form = page.locator("form#new-measure")  # type: ignore[attr-defined]
    form.get_by_label("Title", exact=True).fill("Amend the Free Legal Aid Act")
    page.get_by_label("Lead agency").select_option(label="Ministry of Justice")  # type: ignore[attr-defined]
    page.get_by_label("Supporting agencies").select_option(label="Government Office for Equality")  # type: ignore[attr-defined]
    page.get_by_label("Target date").fill("2027-06-30")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create measure").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/measures/*")  # type: ignore[attr-defined]
    measure_url = page.url.split("?")[0]  # type: ignore[attr-defined]
    shot(page, "tracking-owner-measure")
    page.get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]

    # The agency contributor: records progress on its measure
    _sign_in(page, server, ministry)
    page.goto(measure_url)  # type: ignore[attr-defined]
    page.get_by_label("Status", exact=True).first.select_option("in progress")  # type: ignore[attr-defined]
    page.get_by_label("What was done").fill("Draft amendments sent to public consultation")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record progress").click()  # type: ignore[attr-defined]
    page.wait_for_url("**done=progress*")  # type: ignore[attr-defined]
    assert "Draft amendments sent to public consultation" in page.content()  # type: ignore[attr-defined]
    assert page.locator("dd.status").inner_text() == "in progress"  # type: ignore[attr-defined]
    page.goto(plan_url)  # type: ignore[attr-defined]
    assert page.get_by_text("Plan settings, members and clusters").count() == 0  # type: ignore[attr-defined]
    shot(page, "tracking-contributor-plan")
    page.get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]

    # The NHRI: its own assessment beside the government's status
    _sign_in(page, server, nhri)
    page.goto(plan_url)  # type: ignore[attr-defined]
    page.locator("details.cluster > summary").first.click()  # type: ignore[attr-defined]
    first = page.locator("ol.recommendations > li").first  # type: ignore[attr-defined]
    first.get_by_text("Assess", exact=True).click()
    first.get_by_label("Finding").select_option("partially implemented")
    first.get_by_label("Sources").fill("Ombudsman's annual report 2025")
    first.get_by_role("button", name="Add assessment").click()
    page.wait_for_url("**done=assessment*")  # type: ignore[attr-defined]
    assessed = page.locator("ol.recommendations > li").first.inner_text()  # type: ignore[attr-defined]
    assert "Human Rights Ombudsman: partially implemented" in assessed
    assert "government: in progress" in assessed
    shot(page, "tracking-assessor-plan")
    page.get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]

    # The owner publishes and downloads the mid-term report in French
    _sign_in(page, server, owner)
    page.goto(plan_url)  # type: ignore[attr-defined]
    page.get_by_text("Plan settings, members and clusters").click()  # type: ignore[attr-defined]
    page.get_by_label("Published: everyone can read the plan").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url("**done=saved")  # type: ignore[attr-defined]
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.locator('a[href*="report.pdf?kind=midterm&language=fr"]').click()  # type: ignore[attr-defined]
    download = download_info.value
    # Named for what it holds: the report, the state, the cycle, the day and the language.
    named = r"midterm-report-slovenia-cycle-\d-\d{4}-\d\d-\d\d-fr\.pdf"
    assert re.fullmatch(named, download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Rapport à mi-parcours" in text and "Amend the Free Legal Aid Act" in text and "en cours" in text

    # Anyone: reads the published plan, without the members or the forms
    visitor = _page(browser)
    visitor.goto(plan_url)  # type: ignore[attr-defined]
    assert "Slovenia: implementation of UPR cycle 4" in visitor.content()  # type: ignore[attr-defined]
    assert visitor.get_by_role("button", name="Create measure").count() == 0  # type: ignore[attr-defined]
    shot(visitor, "tracking-public-plan")
