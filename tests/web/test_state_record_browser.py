"""A state's reviews and a record's citation in Chromium, at a phone's and a laptop's width: the
similar records and thematic clusters arrive after the page (static/fragments.js), nothing runs
off the screen, and the citation can be copied. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from rightstrack.search.engine import SearchEngine
from rightstrack.store.schema import RecommendationRow
from tests.web.browsing import NEEDS_CHROMIUM, english_page, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM
WIDTHS = (390, 1366)


@pytest.fixture(scope="module")
def server(slovenia_store: Engine) -> Iterator[str]:
    with serving_once(SearchEngine(slovenia_store)) as address:
        yield address


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    with english_page(browser, timeout_ms=30_000) as new_page:
        yield new_page


def _fits(page: object, path: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
    assert overflow <= 0, (path, overflow)


@pytest.mark.parametrize("width", WIDTHS)
def test_slovenias_reviews_and_clusters(page: object, server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/states/Slovenia")  # type: ignore[attr-defined]
    assert page.locator("article.review").count() == 4  # type: ignore[attr-defined]
    # The clusters arrive after the page: the placeholder's link is replaced by their table.
    page.locator("#clusters table").wait_for()  # type: ignore[attr-defined]
    _fits(page, "/states/Slovenia")
    shot(page, f"state-slovenia-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_record_cites_its_document_and_loads_similar_ones(
    page: object, server: str, slovenia_store: Engine, width: int
) -> None:
    with slovenia_store.connect() as connection:
        record = connection.execute(
            select(RecommendationRow.id).where(RecommendationRow.session == 48).order_by(RecommendationRow.id)
        ).scalar()
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{server}/records/{record}")  # type: ignore[attr-defined]
    first = page.locator("article.record > *").first  # type: ignore[attr-defined]
    assert "A/HRC/59/15, para." in first.inner_text()
    page.locator("#similar table").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Copy").is_visible()  # type: ignore[attr-defined]
    assert not page.locator("details.provenance table").first.is_visible()  # type: ignore[attr-defined]
    _fits(page, f"/records/{record}")
    shot(page, f"record-cited-{width}")
