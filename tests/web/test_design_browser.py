"""Every page type in Chromium at a phone's width and a laptop's (issue #18, items 1 and 9):
nothing runs off the screen, axe-core finds no serious or critical accessibility violation,
a keyboard reaches the first result in three key presses, and on a phone the filters wait in a
drawer, with and without JavaScript. Screenshots ``design-<page>-<width>`` go to test-artifacts/.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from rightstrack.accounts import User, create_user
from rightstrack.search.engine import SearchEngine
from rightstrack.tracking.inputs import NewAgency, NewMeasure, NewPlan
from rightstrack.tracking.measures import create_measure
from rightstrack.tracking.plans import add_agency, create_plan
from tests.conftest import PASSWORD
from tests.web.browsing import NEEDS_CHROMIUM, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = NEEDS_CHROMIUM

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = (390, 1366)
PHONE = {"width": 390, "height": 844}
# What the public sees; the signed-in pages are added by the ``site`` fixture.
PUBLIC = {
    "home": "/",
    "search": "/?q=women",
    "states": "/states",
    "state": "/states/SVN",
    "stats": "/stats",
    "elections": "/elections",
    "council-elections": "/council-elections",
    "council-year": "/council-elections/2016",
    "candidate": "/council-elections/2016/RUS",
    "council": "/council",
    "draft": "/draft",
    "observation": "/election-observation",
    "login": "/login",
    "signup": "/signup",
    "not-found": "/records/999999999",
}


@pytest.fixture(scope="module")
def server(slovenia_store: Engine) -> Iterator[str]:
    with serving_once(SearchEngine(slovenia_store)) as address:
        yield address


@pytest.fixture(scope="module")
def owner(slovenia_store: Engine) -> User:
    with slovenia_store.begin() as connection:
        return create_user(connection, f"design-{uuid.uuid4().hex[:6]}", PASSWORD, "Focal point")


@pytest.fixture(scope="module")
def site(server: str, slovenia_store: Engine, owner: User, browser: object) -> dict[str, str]:
    """Every page type's path: the public ones, a record found by a search, and a plan with a
    measure that ``owner`` manages."""
    user = owner
    plan_id = create_plan(slovenia_store, user, NewPlan(state="Slovenia", cycles=(4,)))
    with slovenia_store.begin() as connection:
        agency = add_agency(connection, user, plan_id, NewAgency(name="Ministry of Justice", kind="ministry"))
        measure = create_measure(
            connection, user, plan_id, NewMeasure(title="Train judges", lead_agency_id=agency)
        )
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?q=women")
    record = page.locator(".hit .text a").first.get_attribute("href")
    page.close()
    return {
        **PUBLIC,
        "record": record,
        "plans": "/plans",
        "plan": f"/plans/{plan_id}",
        "measure": f"/plans/{plan_id}/measures/{measure}",
        "plan-dashboard": f"/plans/{plan_id}/dashboard",
        "plan-history": f"/plans/{plan_id}/history",
    }


@pytest.fixture
def signed_in(browser: object, server: str, owner: User) -> Iterator[object]:
    context = browser.new_context(locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(owner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/plans")
    yield page
    context.close()


def serious_violations(page: object) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each.
    axe is evaluated through the driver, which the page's script policy does not govern."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # type: ignore[attr-defined]
        page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    found = page.evaluate(  # type: ignore[attr-defined]
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} × `
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""
    )
    return list(found)


def test_every_page_type_fits_the_screen_and_passes_axe(
    signed_in: object, server: str, site: dict[str, str]
) -> None:
    page = signed_in
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
        for name, path in site.items():
            page.goto(server + path)  # type: ignore[attr-defined]
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
            if overflow > 0:
                problems.append(f"{name} at {width} px: {overflow} px wider than the screen")
            headings = page.locator("h1").count()  # type: ignore[attr-defined]
            if headings != 1:
                problems.append(f"{name}: {headings} h1 headings")
            problems += [f"{name} at {width} px: {v}" for v in serious_violations(page)]
            shot(page, f"design-{name}-{width}")
    assert not problems, "\n".join(problems)


def test_a_keyboard_reaches_the_first_result_in_three_presses(browser: object, server: str) -> None:
    """Issue #18: 133 Tab presses to the first result, past every facet."""
    context = browser.new_context(locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "/?q=women")
    first = page.locator(".hit .text a").first.get_attribute("href")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to results"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    context.close()


def test_other_pages_skip_to_their_content(browser: object, server: str) -> None:
    context = browser.new_context(locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "/states")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    context.close()


@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_a_phone_sees_results_first_and_filters_in_a_drawer(
    browser: object, server: str, script: bool
) -> None:
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="en-GB", java_script_enabled=script, viewport=PHONE
    )
    page = context.new_page()
    page.goto(server + "/?q=women&cycle=4")
    drawer = page.locator("details.filters-drawer")
    summary = drawer.locator("> summary")
    assert "Filters (1)" in summary.inner_text()
    first = page.locator(".hit").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"], first
    facets = page.locator("section.facet").first
    if script:  # closed on a phone: its summary sits above the results, one tap opens it
        assert drawer.get_attribute("open") is None and not facets.is_visible()
        summary.click()
        assert facets.is_visible()
    else:  # open, after the results: every filter reachable without a script
        assert facets.is_visible()
        box = facets.bounding_box()
        assert box is not None and box["y"] > first["y"]
    shot(page, f"design-drawer-{'js' if script else 'nojs'}-390")
    context.close()


def test_the_drawer_stays_open_beside_the_results_on_a_wide_screen(browser: object, server: str) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "/?q=women")
    assert page.locator("details.filters-drawer").get_attribute("open") is not None
    facets = page.locator("section.facet").first.bounding_box()
    results = page.locator(".hit").first.bounding_box()
    assert facets is not None and results is not None
    assert facets["x"] < results["x"] and facets["y"] < 900
    context.close()


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_longer_french_and_spanish_words_still_fit_a_phone(
    browser: object, server: str, site: dict[str, str], lang: str
) -> None:
    context = browser.new_context(locale=lang, viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    for name in ("search", "state", "stats", "council-year", "record", "login"):
        page.goto(f"{server}{site[name]}{'&' if '?' in site[name] else '?'}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{name}: {overflow} px wider than the screen")
        problems += [f"{name}: {v}" for v in serious_violations(page)]
        shot(page, f"design-{name}-{lang}-390")
    context.close()
    assert not problems, "\n".join(problems)
