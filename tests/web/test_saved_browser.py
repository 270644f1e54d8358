"""Saved searches in Chromium: sign up, search, save, and open the search's feed as a feed reader
would (no cookie). Screenshots at 1366 and 390 px in ``test-artifacts/``."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from rightstrack.saved_searches.atom import ATOM
from rightstrack.search.engine import SearchEngine
from tests.conftest import PASSWORD
from tests.web.browsing import NEEDS_CHROMIUM, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = NEEDS_CHROMIUM
NS = {"a": ATOM}


@pytest.fixture(scope="module")
def server(slovenia_store: Engine) -> Iterator[str]:
    with serving_once(SearchEngine(slovenia_store)) as address:
        yield address


def _fits(page: object) -> bool:
    """Nothing wider than the screen (no sideways scrolling)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))  # type: ignore[attr-defined]


def test_sign_up_search_save_and_read_the_feed(browser: object, server: str) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server + "/signup")
    page.get_by_label("User name").fill(f"reader-{uuid.uuid4().hex[:6]}")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    page.wait_for_url("**/plans")

    page.goto(server + "/")
    page.get_by_label("Search recommendations and pledges").fill("discrimination")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/?*q=discrimination*")
    found = int(page.locator("#total").inner_text().replace(",", ""))
    assert found > 0
    feed_link = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed_link.get_attribute("href").startswith("/search.atom?")
    name = page.get_by_label("Name", exact=True)
    assert name.input_value() == "discrimination"  # the text, to keep or change
    name.fill("Discrimination in Slovenia")
    shot(page, "saved-search-form-1366")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url("**/saved#saved-*")
    assert page.get_by_role("heading", name="Discrimination in Slovenia").is_visible()
    assert _fits(page)
    shot(page, "saved-1366")

    feed_url = page.get_by_label("Atom feed").input_value()
    assert feed_url.startswith(server + "/feeds/") and feed_url.endswith(".atom")
    reader = browser.new_context()  # type: ignore[attr-defined]  # a feed reader: no cookie of the user's
    answer = reader.request.get(feed_url)
    assert answer.ok and answer.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(answer.body())
    assert root.findtext("a:title", namespaces=NS) == "RightsTrack: Discrimination in Slovenia"
    entries = root.findall("a:entry", NS)
    assert len(entries) == min(found, 100)
    first = entries[0].find("a:link", NS).get("href")  # type: ignore[union-attr]
    assert first.startswith(server + "/records/")
    reader.close()

    # The entry's link opens the record's page.
    page.goto(first)
    assert page.locator("h1").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/saved")
    assert _fits(page)
    shot(page, "saved-390")
    page.goto(server + "/?q=discrimination")
    assert page.get_by_role("button", name="Save this search").is_visible()
    assert _fits(page)
    shot(page, "saved-search-form-390")
    context.close()
