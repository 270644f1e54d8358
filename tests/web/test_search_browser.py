"""Search that shows itself, in Chromium (issue #18, item 2): choose a facet value, exclude one,
find a state by type-ahead, remove a chip, clear all; at 390 px and 1366 px wide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rightstrack.search.engine import SearchEngine
from tests.web.browsing import NEEDS_CHROMIUM, english_page, open_filters, serving_once, shot

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


def total(page: object) -> int:
    return int(page.locator("#total").inner_text().replace(",", ""))  # type: ignore[attr-defined]


def facet_section(page: object, dimension: str) -> object:
    open_filters(page)
    return page.locator(f'section.facet[data-dimension="{dimension}"]')  # type: ignore[attr-defined]


def chip_texts(page: object) -> list[str]:
    texts = page.locator("a.chip").all_inner_texts()  # type: ignore[attr-defined]
    # Each chip starts with "Remove filter:" for screen readers (visually hidden).
    return [" ".join(text.split()).removeprefix("Remove filter: ") for text in texts]


@pytest.mark.parametrize("width", [390, 1366])
def test_choose_exclude_find_remove_and_clear(page: object, server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/?q=women")  # type: ignore[attr-defined]
    everything = total(page)

    facet_section(page, "response").get_by_role("link", name="Noted", exact=True).click()  # type: ignore[attr-defined]
    noted = total(page)
    assert 0 < noted < everything
    facet_section(page, "sur_group").get_by_role("link", name="Exclude African").click()  # type: ignore[attr-defined]
    without_africa = total(page)
    assert 0 < without_africa < noted
    assert "sur_group!=African" in page.url  # type: ignore[attr-defined]
    assert chip_texts(page) == ["Text: women ✕", "SuR regional group: not African ✕", "Response: Noted ✕"]
    struck = page.locator("a.chip-not s")  # type: ignore[attr-defined]
    assert struck.inner_text() == "African"
    assert "line-through" in struck.evaluate("element => getComputedStyle(element).textDecorationLine")

    # Type-ahead over every state, not only those listed: the datalist fills as one types.
    open_filters(page)
    find = page.locator("#find-recommender")  # type: ignore[attr-defined]
    if not find.is_visible():
        find.scroll_into_view_if_needed()
    find.fill("slove")
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => Array.from(document.querySelectorAll('#values-recommender option'), o => o.value)"
        ".join('|') === 'Slovenia'"
    )
    label = page.locator("#values-recommender option").get_attribute("label")  # type: ignore[attr-defined]
    assert label and label.startswith("Slovenia (")  # with its count
    # Picking the suggestion (as Chromium reports a pick from a datalist) adds it at once.
    with page.expect_navigation():  # type: ignore[attr-defined]
        find.evaluate(
            "input => { input.value = 'Slovenia';"
            " input.dispatchEvent(new InputEvent('input', {inputType: 'insertReplacementText'})); }"
        )
    assert "Recommending state: Slovenia ✕" in chip_texts(page)
    from_slovenia = total(page)
    assert 0 < from_slovenia < without_africa
    shot(page, f"search-chips-{width}")

    # Removing a chip removes that part only; "Clear all" everything.
    page.locator("a.chip", has_text="Response").click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert "Response: Noted ✕" not in chip_texts(page) and len(chip_texts(page)) == 3
    assert total(page) >= from_slovenia
    page.locator("a.chip-clear").click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert chip_texts(page) == [] and total(page) > everything
    # Nothing is wider than the screen.
    scroll = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert scroll <= width


@pytest.mark.parametrize("width", [390, 1366])
def test_every_value_of_a_facet_and_a_range_without_script(browser: object, server: str, width: int) -> None:
    context = browser.new_context(locale="en-GB", java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + "/?issue=Elections")
    before = int(page.locator("#total").inner_text().replace(",", ""))
    page.fill("#from", "2010-01-01")
    page.fill("#to", "2011-12-31")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "from=2010-01-01" in page.url and "to=2011-12-31" in page.url
    shown = chip_texts(page)
    assert shown[0] == "Issue: Elections ✕" and len(shown) == 3 and "2010" in shown[1]
    assert 0 < int(page.locator("#total").inner_text().replace(",", "")) < before
    page.locator("a.chip", has_text="Issue").click()  # the range alone, for every state below
    page.wait_for_load_state("load")
    facet_section(page, "sur").locator("a.facet-all").click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")
    values = page.locator("section.facet-page li").count()
    assert values > 60  # more than the search page lists
    page.fill("#find", "slove")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("section.facet-page li").all_inner_texts()[0].split()[0] == "Slovenia"
    assert page.locator("section.facet-page li").count() == 1
    shot(page, f"facet-values-{width}")
    page.locator("section.facet-page li a").first.click()
    page.wait_for_load_state("load")
    assert "sur=SVN" in page.url and "from=2010-01-01" in page.url and "to=2011-12-31" in page.url
    context.close()
