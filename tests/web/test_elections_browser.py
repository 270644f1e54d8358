"""The Council elections in Chromium: a visitor opens the overview and its chart, goes to 2016
and finds Russia's defeat with its source, opens a candidate, looks up the Council's members on a
day; an elections editor records a pledge; the French briefing of 2025 downloads as a PDF."""

from __future__ import annotations

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


def test_council_elections_as_a_visitor_and_an_editor(
    browser: object, server: str, slovenia_store: Engine, tmp_path: Path
) -> None:
    editor = f"ngo-{uuid.uuid4().hex[:6]}"
    with slovenia_store.begin() as connection:
        create_user(connection, editor, PASSWORD, "NGO editor", elections_editor=True)
    context = browser.new_context(accept_downloads=True, locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/")
    page.get_by_role("link", name="Human Rights Council elections", exact=True).click()
    page.wait_for_url("**/council-elections")
    chart = page.locator("figure img")
    assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
    shot(page, "council-elections-overview")
    # Issue #18: the two election pages say what each is and link to each other.
    page.get_by_role("link", name="Recommendations on elections", exact=True).last.click()
    page.wait_for_url("**/elections")
    assert "members of the Human Rights Council are on another page" in page.locator("main").inner_text()
    page.locator('main a[href="/council-elections"]').click()
    page.wait_for_url("**/council-elections")
    page.get_by_role("link", name="2016", exact=True).click()
    page.wait_for_url("**/council-elections/2016")
    eastern = page.locator("section.contest", has_text="Eastern European States")
    russia = eastern.locator("tr", has_text="Russian Federation")
    assert russia.locator("td").nth(1).inner_text() == "112" and "not elected" in russia.inner_text()
    assert eastern.locator("tr", has_text="Croatia").locator("td").nth(1).inner_text() == "114"
    russia.get_by_role("link", name="kuna-2016").click()
    assert page.locator("#source-kuna-2016").is_visible()
    shot(page, "council-elections-2016")
    page.get_by_role("link", name="Russian Federation").first.click()
    page.wait_for_url("**/council-elections/2016/RUS")
    assert "Consecutive terms up to the election: 1" in page.content()
    page.goto(f"{server}/council")
    page.get_by_label("Date").fill("2018-07-01")
    page.get_by_role("button", name="Show").click()
    assert "46 members" in page.content() and "one seat vacant" in page.content()
    # An elections editor records Croatia's pledges document.
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(editor)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server}/council-elections/2016")
    form = page.locator("form", has_text="Record a pledges document")
    form.get_by_label("Candidate").select_option("HRV")
    form.get_by_label("Document symbol").fill("A/71/90")
    form.get_by_label("Published").fill("2016-10-10")
    form.get_by_role("button", name="Save").click()
    page.wait_for_url("**/council-elections/2016?done=*")
    row = page.locator("tr", has_text="A/71/90")
    assert "late" in row.inner_text() and "18" in row.inner_text()
    shot(page, "council-elections-pledge")
    row.get_by_role("button", name="Remove").click()
    page.wait_for_url("**/council-elections/2016?done=*")
    # The 2025 briefing in French.
    page.goto(f"{server}/council-elections/2025")
    with page.expect_download() as download_info:
        page.evaluate(
            "() => { const a = document.querySelector('a[href$=\"briefing.docx?lang=en\"]'); a.click(); }"
        )
    assert download_info.value.suggested_filename == "hrc-election-2025-briefing-en.docx"
    answer = page.request.get(f"{server}/council-elections/2025/briefing.pdf?lang=fr")
    target = tmp_path / "briefing.pdf"
    target.write_bytes(answer.body())
    # The cover's title wraps over lines: compared word by word.
    cover = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Élection au Conseil des droits de l’homme 2025" in cover
    context.close()
