"""The main flows in a real browser: Debian's Chromium driven by Playwright.

Screenshots of the main pages are kept in ``test-artifacts/`` (not committed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rightstrack.search.engine import SearchEngine
from tests.web.browsing import NEEDS_CHROMIUM, english_page, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")


pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(loaded: SearchEngine) -> Iterator[str]:
    with serving_once(loaded) as address:
        yield address


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    with english_page(browser) as new_page:
        yield new_page


def facet(page: object, dimension: str, label: str) -> None:
    section = page.locator(f'section.facet[data-dimension="{dimension}"]')  # type: ignore[attr-defined]
    link = section.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        section.locator("summary").click()
    link.click()


def total(page: object) -> int:
    return int(page.locator("#total").inner_text().replace(",", ""))  # type: ignore[attr-defined]


def test_the_new_users_search_export_and_statistics(page: object, server: str, tmp_path: Path) -> None:
    """All noted recommendations on freedom of the press made by GRULAC states to Asian states in
    cycle 2: found with facets, exported to XLSX, then its statistics."""
    page.goto(server + "/")  # type: ignore[attr-defined]
    everything = total(page)
    facet(page, "response", "Noted")
    facet(page, "recommender_group", "GRULAC")
    facet(page, "sur_group", "Asia-Pacific")
    facet(page, "cycle", "2")
    facet(page, "issue", "Freedom of the press")
    found = total(page)
    assert 0 < found < everything
    url = page.url  # type: ignore[attr-defined]
    for part in ("response=Noted", "recommender_group=GRULAC", "sur_group=Asia-Pacific", "cycle=2"):
        assert part in url
    shot(page, "search")

    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.get_by_role("link", name="XLSX").click()  # type: ignore[attr-defined]
    target = tmp_path / "export.xlsx"
    waiting.value.save_as(target)
    sheet = load_workbook(target, read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == found + 1
    response = rows[0].index("response")
    assert all(row[response] == "Noted" for row in rows[1:])

    page.get_by_role("link", name="Statistics for this search").click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    charts = page.locator("figure.chart")  # type: ignore[attr-defined]
    assert charts.count() == 4
    page.locator("figure.chart .chart-view.drawn svg").nth(3).wait_for()  # type: ignore[attr-defined]
    widths = charts.locator(".chart-view svg").evaluate_all(
        "charts => charts.map(c => c.getBoundingClientRect().width)"
    )
    assert all(width > 100 for width in widths), widths
    counted = page.locator('section.headline[data-basis="records"] strong').first.inner_text()  # type: ignore[attr-defined]
    assert int(counted.replace(",", "")) == found
    shot(page, "statistics")


def test_permalink_reopens_the_same_search(page: object, server: str) -> None:
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.get_by_label("Search recommendations and pledges").fill('"death penalty"')  # type: ignore[attr-defined]
    page.get_by_role("button", name="Search").click()  # type: ignore[attr-defined]
    facet(page, "sur_group", "African")
    found = total(page)
    permalink = page.get_by_role("link", name="Permalink").get_attribute("href")  # type: ignore[attr-defined]
    page.goto(server + permalink)  # type: ignore[attr-defined]
    assert total(page) == found
    assert page.get_by_label("Search recommendations and pledges").input_value() == '"death penalty"'  # type: ignore[attr-defined]
    assert page.locator("mark").count() > 0  # type: ignore[attr-defined]


def test_state_page_from_a_result(page: object, server: str) -> None:
    page.goto(server + "/?sur=Slovenia")  # type: ignore[attr-defined]
    page.locator(".hit .meta a").first.click()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().startswith("Slovenia")  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="As state under review").is_visible()  # type: ignore[attr-defined]
    shot(page, "state")


def test_switching_language_without_script(page: object, server: str) -> None:
    page.goto(server + "/elections")  # type: ignore[attr-defined]
    page.get_by_label("Language").select_option("fr")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Change").click()  # type: ignore[attr-defined]
    assert page.url.endswith("/elections")  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == "fr"  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Élections et participation").is_visible()  # type: ignore[attr-defined]
    assert "75,9" in page.locator("main").inner_text()  # type: ignore[attr-defined]
    shot(page, "elections-fr")
    page.get_by_label("Langue").select_option("es")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Changer").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Elecciones y participación").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Elecciones y participación").is_visible()  # type: ignore[attr-defined]


def test_keyboard_reaches_the_search_box(page: object, server: str) -> None:
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"  # type: ignore[attr-defined]


def test_the_api_docs_render_and_try_a_search_under_the_security_policy(page: object, server: str) -> None:
    """Issue #18: /api/docs was blank (its scripts blocked by the app's policy). Now every
    operation is listed, and "Try it out" runs a search, with no resource refused."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/api/docs")  # type: ignore[attr-defined]
    operations = page.locator(".opblock")  # type: ignore[attr-defined]
    operations.first.wait_for()
    assert operations.count() >= 40
    search = page.locator("#operations-api-search_api_v1_search_get")  # type: ignore[attr-defined]
    search.locator(".opblock-summary").click()
    search.get_by_role("button", name="Try it out").click()
    search.get_by_role("button", name="Execute").click()
    status = search.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    shot(page, "api-docs-1366")
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    shot(page, "api-docs-390")
    assert refused == []


def test_a_phone_sees_results_first_and_nothing_runs_off_the_screen(page: object, server: str) -> None:
    """Issue #18: at 390 px the menu ran off the right edge and the first result sat below every
    facet (~4,200 px down)."""
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    for path in ("/?q=elections", "/stats", "/states", "/council-elections", "/draft"):
        page.goto(server + path)  # type: ignore[attr-defined]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
        assert overflow <= 0, (path, overflow)
    page.goto(server + "/?q=elections")  # type: ignore[attr-defined]
    first_result = page.locator(".hit").first.bounding_box()  # type: ignore[attr-defined]
    assert first_result["y"] < 844
    # The facets wait in the closed filters drawer (every page type: test_design_browser.py).
    assert not page.locator("section.facet").first.is_visible()  # type: ignore[attr-defined]
    shot(page, "search-390")
