"""French and Spanish pages in Chromium, at a phone's width and a laptop's: a reader whose browser
asks for French gets states, issues and groups in French, and the switch to Spanish holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rightstrack.search.engine import SearchEngine
from tests.web.browsing import NEEDS_CHROMIUM, open_filters, serving_once, shot

pytestmark = NEEDS_CHROMIUM
WIDTHS = (390, 1366)


@pytest.fixture(scope="module")
def server(mixed: SearchEngine) -> Iterator[str]:
    with serving_once(mixed) as address:
        yield address


def _page(browser: object, width: int, locale: str) -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        locale=locale, viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("mixed", ["sqlite"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_french_reader_sees_states_and_issues_in_french(browser: object, server: str, width: int) -> None:
    page = _page(browser, width, "fr-FR")  # Accept-Language: fr
    try:
        page.goto(f"{server}/?issue=Women%27s+rights")  # type: ignore[attr-defined]
        assert page.locator("html").get_attribute("lang") == "fr"  # type: ignore[attr-defined]
        open_filters(page)
        facets = page.locator("aside.facets").inner_text()  # type: ignore[attr-defined]
        assert "Droits des femmes" in facets and "Women's rights" not in facets
        assert "Europe orientale" in facets
        shot(page, f"i18n-search-fr-{width}")
        page.goto(f"{server}/states/SVN")  # type: ignore[attr-defined]
        assert page.locator("h1").inner_text().startswith("Slovénie")  # type: ignore[attr-defined]
        shot(page, f"i18n-state-fr-{width}")
        page.goto(f"{server}/stats?sur_group=African")  # type: ignore[attr-defined]
        shot(page, f"i18n-stats-fr-{width}")
        table = page.locator("#group-matrix table").inner_text()  # type: ignore[attr-defined]
        assert "Afrique" in table and "African" not in table
    finally:
        page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("mixed", ["sqlite"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_spanish_chosen_on_a_page_stays_for_the_next(browser: object, server: str, width: int) -> None:
    page = _page(browser, width, "en-GB")
    try:
        page.goto(f"{server}/states?lang=es")  # type: ignore[attr-defined]
        page.goto(f"{server}/states")  # type: ignore[attr-defined]  # the cookie keeps Spanish
        names = page.locator("table a[href^='/states/']").all_inner_texts()  # type: ignore[attr-defined]
        assert "Eslovenia" in names and "Alemania" in names and "Germany" not in names
        shot(page, f"i18n-states-es-{width}")
        page.goto(f"{server}/?sur=EGY")  # type: ignore[attr-defined]
        record = page.locator("a[href^='/records/']").first  # type: ignore[attr-defined]
        record.click()
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert "Egipto" in page.locator("main").inner_text()  # type: ignore[attr-defined]
        shot(page, f"i18n-record-es-{width}")
    finally:
        page.context.close()  # type: ignore[attr-defined]
