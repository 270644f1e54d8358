"""The statistics builder in Chromium (issue #18, item 3): a two-dimension chart built with the
form, drawn by Vega-Lite under the app's Content-Security-Policy, hovered, toggled through its
legend, its table downloaded as CSV; and a comparison on a phone. Screenshots go to
``test-artifacts/stats-*.png``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

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
        problems: list[str] = []
        new_page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
        new_page.on("pageerror", lambda error: problems.append(str(error)))  # type: ignore[attr-defined]
        new_page.problems = problems  # type: ignore[attr-defined]
        yield new_page


def refused(page: object) -> list[str]:
    """Errors other than the browser's own request for a favicon the app does not serve."""
    return [p for p in page.problems if "favicon" not in p and "404" not in p]  # type: ignore[attr-defined]


def test_build_a_two_dimension_chart_hover_toggle_and_download(
    page: object, server: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/?sur_group=African")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Statistics for this search").click()  # type: ignore[attr-defined]
    page.get_by_label("By", exact=True).select_option("issue")  # type: ignore[attr-defined]
    page.get_by_label("And by").select_option("response")  # type: ignore[attr-defined]
    page.get_by_label("Values shown").select_option("10")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Show statistics").click()  # type: ignore[attr-defined]
    assert "sur_group=African" in page.url and "split=response" in page.url  # type: ignore[attr-defined]

    chart = page.locator("#builder .chart-view.drawn svg")  # type: ignore[attr-defined]
    chart.wait_for()
    bars = page.locator("#builder .chart-view path[aria-roledescription='bar']")  # type: ignore[attr-defined]
    assert bars.count() == 20  # ten issues, accepted and noted
    box = chart.bounding_box()
    assert box["width"] <= 1366

    # Hover: the tooltip names the issue, the response and the count shown in the table.
    first = page.locator("#builder table.chart-table tbody tr").first  # type: ignore[attr-defined]
    issue = first.locator("th").inner_text()
    accepted = first.locator("td").first.inner_text()
    page.locator(  # type: ignore[attr-defined]
        f'#builder .chart-view path[aria-roledescription="bar"][aria-label*="Issue: {issue};"]'
        '[aria-label*="Response: Accepted"]'
    ).first.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")  # type: ignore[attr-defined]
    tooltip.wait_for()
    words = tooltip.inner_text()
    assert issue in words and "Accepted" in words and accepted in words
    shot(page, "stats-builder-1366")

    # A legend click fades the other response's bars; a second click brings them back.
    legend = page.locator("#builder .chart-view g.role-legend-symbol path").nth(1)  # type: ignore[attr-defined]
    legend.click()
    faded = page.locator("#builder .chart-view path[aria-roledescription='bar'][opacity='0.15']")  # type: ignore[attr-defined]
    assert faded.count() == 10

    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.locator("#builder").get_by_role("link", name="CSV").click()  # type: ignore[attr-defined]
    target = tmp_path / "table.csv"
    waiting.value.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["Issue", "Accepted", "Noted"]
    assert rows[1][0] == issue and f"{int(rows[1][1]):,}" == accepted

    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.locator("#builder").get_by_role("link", name="SVG").click()  # type: ignore[attr-defined]
    svg = tmp_path / "chart.svg"
    waiting.value.save_as(svg)
    assert "<svg" in svg.read_text(encoding="utf-8")[:500] and issue in svg.read_text(encoding="utf-8")
    assert refused(page) == []


def test_a_comparison_fits_a_phone(page: object, server: str) -> None:
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 800})  # type: ignore[attr-defined]
        page.goto(server + "/stats?by=issue&top=10&compare=state:Slovenia,state:Croatia")  # type: ignore[attr-defined]
        chart = page.locator("#builder .chart-view.drawn svg")  # type: ignore[attr-defined]
        chart.wait_for()
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
        assert overflow <= 0, (width, overflow)
    shot(page, "stats-compare-390")
    # One recommendation: a value axis left to itself would step 0, 0.1, … 1; counts step whole.
    page.goto(server + "/stats?by=response&sur=Slovenia&issue=Trafficking&recommender=Belarus")  # type: ignore[attr-defined]
    page.locator("#builder .chart-view.drawn svg").wait_for()  # type: ignore[attr-defined]
    ticks = page.locator("#builder .chart-view g.role-axis-label text").evaluate_all(  # type: ignore[attr-defined]
        "labels => labels.map(label => label.textContent)"
    )
    assert [t for t in ticks if t[:1].isdigit()] == ["0", "1"], ticks
    page.set_viewport_size({"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/stats")  # type: ignore[attr-defined]
    page.locator(".chart-view.drawn svg").nth(3).wait_for()  # type: ignore[attr-defined]
    shot(page, "stats-default-1366")
    assert refused(page) == []
