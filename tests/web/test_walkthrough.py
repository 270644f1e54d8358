"""Issue #18, "Done when": the three users' tasks walked in Chromium, at 390 px and 1366 px, in
English, French and Spanish, with a screenshot of every page they pass
(``test-artifacts/walk-<user>-<lang>-<width>-<step>.png``).

- an NGO researcher searches a theme, filters it, opens a record, sees the statistics and exports
  the selection as XLSX;
- a government focal point signs in, creates and opens a plan, adds agencies, adds a measure with
  an indicator, records progress, views the dashboard and downloads the mid-term report;
- an advocate before the Council elections opens the Council elections, a year, a candidate, the
  candidate's UPR record, and the election-related recommendations.

Each user walks at both widths, in two of the languages (every language at both widths), which
keeps the run short. The pages are found the way a reader finds them: by link and label text in
the chosen language (read from the app's own catalogues), by addresses the app promises (record,
export and plan links), and by stable ids; never by layout, which other work on the design
changes. On every page at 390 px nothing may run off the screen.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rightstrack.accounts import create_user
from rightstrack.languages import translations
from rightstrack.search.engine import SearchEngine
from rightstrack.search.export import COLUMNS, header
from rightstrack.search.query import Dimension
from rightstrack.web.i18n import shown
from tests.conftest import PASSWORD
from tests.web.browsing import NEEDS_CHROMIUM, open_filters, serving_once, shot

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = NEEDS_CHROMIUM

PHONE, DESKTOP = 390, 1366
# (user, language, width): each user at both widths, each language at both widths.
WALKS = [
    ("researcher", "en", DESKTOP),
    ("researcher", "fr", PHONE),
    ("focal", "fr", DESKTOP),
    ("focal", "es", PHONE),
    ("advocate", "es", DESKTOP),
    ("advocate", "en", PHONE),
]
BROWSER_LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
# The innermost elements that run past the screen's right edge, to name them when a page overflows.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def server(mixed: SearchEngine) -> Iterator[str]:
    """UPR Info's sessions 6-9, Slovenia's and Egypt's UN matrices and other mechanisms' records."""
    with serving_once(mixed) as address:
        yield address


class Walk:
    """One user's walk: the page, the language's words, and a numbered screenshot per page."""

    def __init__(self, page: object, user: str, language: str, width: int, server: str) -> None:
        self.page, self.user, self.language, self.width, self.server = page, user, language, width, server
        self.t: Callable[[str], str] = translations(language).gettext
        self.step = 0

    def goto(self, path: str) -> None:
        self.page.goto(self.server + path)  # type: ignore[attr-defined]

    def arrived(self, name: str) -> None:
        """Checks the page (its language; at 390 px, nothing wider than the screen) and shoots it."""
        page = self.page
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert page.locator("html").get_attribute("lang") == self.language  # type: ignore[attr-defined]
        self.step += 1
        shot(page, f"walk-{self.user}-{self.language}-{self.width}-{self.step:02d}-{name}")
        if self.width == PHONE:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
            assert overflow <= 0, (page.url, overflow, page.evaluate(WIDER_THAN_THE_SCREEN))  # type: ignore[attr-defined]

    def link(self, text: str, exact: bool = True) -> object:
        """The first link named ``text`` (a message id, translated) that the reader can see."""
        return self.page.get_by_role("link", name=self.t(text), exact=exact).first  # type: ignore[attr-defined]

    def button(self, text: str) -> object:
        return self.page.get_by_role("button", name=self.t(text), exact=True).first  # type: ignore[attr-defined]

    def label(self, text: str, within: object | None = None) -> object:
        return (within or self.page).get_by_label(self.t(text), exact=True)  # type: ignore[attr-defined]


def reveal(element: object) -> object:
    """Opens whatever ``details`` hold ``element`` (a "More" list, a filter drawer), as a reader would."""
    element.evaluate(  # type: ignore[attr-defined]
        "e => { for (let d = e.closest('details'); d; d = d.parentElement.closest('details'))"
        " d.open = true; }"
    )
    return element


@pytest.fixture(params=WALKS, ids=[f"{u}-{lang}-{w}" for u, lang, w in WALKS])
def walk(request: pytest.FixtureRequest, browser: object, server: str) -> Iterator[Walk]:
    user, language, width = request.param
    context = browser.new_context(  # type: ignore[attr-defined]
        accept_downloads=True,
        locale=BROWSER_LOCALES[language],
        viewport={"width": width, "height": 900 if width == DESKTOP else 844},
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield Walk(page, user, language, width, server)
    context.close()


def researcher(walk: Walk, tmp_path: Path) -> None:
    page, t = walk.page, walk.t
    walk.goto("/")
    walk.arrived("search")
    page.locator('input[name="q"]').fill("torture")  # type: ignore[attr-defined]
    page.locator('input[name="q"]').press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**q=torture*")  # type: ignore[attr-defined]
    walk.arrived("search-theme")
    # A filter: accepted recommendations only, from the response facet.
    open_filters(page)  # on a phone they wait in a drawer
    facet = page.locator('section.facet[data-dimension="response"]')  # type: ignore[attr-defined]
    choice = facet.get_by_role("link", name=t("Accepted"), exact=True)
    reveal(choice.first).click()
    page.wait_for_url("**response=Accepted*")  # type: ignore[attr-defined]
    walk.arrived("search-filtered")
    export = page.locator('main a[href*="/export.xlsx?"]').first  # type: ignore[attr-defined]
    assert "q=torture" in export.get_attribute("href") and "response=Accepted" in export.get_attribute("href")
    # A record of the selection.
    page.locator('main a[href^="/records/"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/records/*")  # type: ignore[attr-defined]
    assert "orture" in page.locator("main").inner_text()  # type: ignore[attr-defined]
    walk.arrived("record")
    page.go_back()  # type: ignore[attr-defined]
    # The selection's statistics.
    page.locator('main a[href^="/stats?"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/stats?*response=Accepted*")  # type: ignore[attr-defined]
    assert page.locator("main figure, main svg, main img").count() > 0  # type: ignore[attr-defined]
    walk.arrived("statistics")
    page.go_back()  # type: ignore[attr-defined]
    # The selection as XLSX: every row of it is an accepted recommendation.
    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.locator('main a[href*="/export.xlsx?"]').first.click()  # type: ignore[attr-defined]
    target = tmp_path / "export.xlsx"
    waiting.value.save_as(target)
    workbook = load_workbook(target, read_only=True)
    tables = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
    # Exported from a page in French or Spanish, the header and the values read in that language.
    heading = header(walk.language)[COLUMNS.index("response")]
    records = next(rows for rows in tables if rows and heading in rows[0])
    column = records[0].index(heading)
    accepted = shown("Accepted", Dimension.RESPONSE, walk.language)
    assert len(records) > 1 and all(row[column] == accepted for row in records[1:])


def focal_point(walk: Walk, tmp_path: Path, username: str) -> None:
    page, t = walk.page, walk.t
    walk.goto("/login")
    walk.arrived("sign-in")
    walk.label("User name").fill(username)  # type: ignore[attr-defined]
    walk.label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    walk.button("Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/plans")  # type: ignore[attr-defined]
    walk.arrived("plans")
    walk.label("State").select_option("SVN")  # type: ignore[attr-defined]
    walk.button("Create plan").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/plans/*?done=created")  # type: ignore[attr-defined]
    plan_url = page.url.split("?")[0]  # type: ignore[attr-defined]
    walk.arrived("plan")
    # Agencies, one after the other: each addition comes back to the agencies.
    agencies = ("Ministry of Justice", "Office for Equality", "Ministry of Labour")
    for agency in agencies:
        walk.label("New agency").fill(agency)  # type: ignore[attr-defined]
        walk.button("Add agency").click()  # type: ignore[attr-defined]
        page.wait_for_url("**#agencies")  # type: ignore[attr-defined]
    listed = page.locator("section", has=page.locator("#agencies")).inner_text()  # type: ignore[attr-defined]
    assert all(agency in listed for agency in agencies)
    walk.arrived("plan-agencies")
    # A measure answering the first two recommendations of the first cluster.
    page.locator("details.cluster > summary").first.click()  # type: ignore[attr-defined]
    boxes = page.locator('input[name="recommendation_ids"]')  # type: ignore[attr-defined]
    boxes.nth(0).check()
    boxes.nth(1).check()
    walk.link("New measure").click()  # type: ignore[attr-defined]
    form = page.locator("form#new-measure")  # type: ignore[attr-defined]
    walk.label("Title", form).fill("Amend the Free Legal Aid Act")  # type: ignore[attr-defined]
    walk.label("Lead agency", form).select_option(label="Ministry of Justice")  # type: ignore[attr-defined]
    walk.label("Target date", form).fill("2027-06-30")  # type: ignore[attr-defined]
    walk.arrived("plan-new-measure")
    walk.button("Create measure").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/measures/*?done=created")  # type: ignore[attr-defined]
    measure_url = page.url.split("?")[0]  # type: ignore[attr-defined]
    walk.arrived("measure")
    # Its indicator, a value for it, and the measure's progress.
    page.get_by_text(t("New indicator for this measure"), exact=True).click()  # type: ignore[attr-defined]
    walk.label("Name").fill("Legal aid grants per year")  # type: ignore[attr-defined]
    walk.label("Baseline").fill("1200")  # type: ignore[attr-defined]
    walk.label("Target").fill("2000")  # type: ignore[attr-defined]
    walk.button("Add indicator").click()  # type: ignore[attr-defined]
    page.wait_for_url(measure_url + "?done=*")  # type: ignore[attr-defined]
    walk.label("New value").fill("1600")  # type: ignore[attr-defined]
    walk.button("Record value").click()  # type: ignore[attr-defined]
    page.wait_for_url(measure_url + "?done=*")  # type: ignore[attr-defined]
    page.locator("#progress-status").select_option("in progress")  # type: ignore[attr-defined]
    walk.label("What was done").fill("Draft amendments sent to public consultation")  # type: ignore[attr-defined]
    walk.button("Record progress").click()  # type: ignore[attr-defined]
    page.wait_for_url(measure_url + "?done=*")  # type: ignore[attr-defined]
    assert "Draft amendments sent to public consultation" in page.locator("main").inner_text()  # type: ignore[attr-defined]
    walk.arrived("measure-progress")
    # The dashboard shows the indicator: baseline, target, latest value and how far it has come.
    page.goto(plan_url)  # type: ignore[attr-defined]
    walk.link("Dashboard").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/dashboard")  # type: ignore[attr-defined]
    row = page.locator("tr[data-indicator]", has_text="Legal aid grants per year")  # type: ignore[attr-defined]
    # Digits only: each language groups thousands its own way (1,200 · 1 200 · 1.200).
    figures = [re.sub(r"\D", "", cell) for cell in row.locator("td").all_inner_texts()]
    assert figures[1:5] == ["1200", "2000", "1600", "50"], figures
    assert row.locator("meter").get_attribute("value") == "0.5"
    walk.arrived("dashboard")
    # The mid-term report in the page's language.
    page.goto(plan_url)  # type: ignore[attr-defined]
    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.locator(f'a[href*="report.pdf?kind=midterm&language={walk.language}"]').click()  # type: ignore[attr-defined]
    target = tmp_path / "report.pdf"
    waiting.value.save_as(target)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Amend the Free Legal Aid Act" in text and "Legal aid grants per year" in text


def advocate(walk: Walk) -> None:
    page, t = walk.page, walk.t
    walk.goto("/")
    walk.link("Human Rights Council elections").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/council-elections")  # type: ignore[attr-defined]
    walk.arrived("council-elections")
    assert page.locator('main a[href="/elections"]').count() == 1  # type: ignore[attr-defined]
    page.get_by_role("link", name="2025", exact=True).first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/council-elections/2025")  # type: ignore[attr-defined]
    walk.arrived("council-year")
    page.locator('main a[href$="/council-elections/2025/SVN"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/council-elections/2025/SVN")  # type: ignore[attr-defined]
    walk.arrived("candidate")
    # Slovenia's fourth review (January 2025) is its latest before the election: its record.
    main = page.locator("main").inner_text()  # type: ignore[attr-defined]
    assert t("Session {session} ({year}), cycle {cycle}").format(session=48, year=2025, cycle=4) in main
    page.locator('main a[href^="/records/"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/records/*")  # type: ignore[attr-defined]
    walk.arrived("candidate-record")
    # From the elections of the Council to the recommendations on elections, and back.
    walk.goto("/council-elections")
    page.locator('main a[href="/elections"]').click()  # type: ignore[attr-defined]
    page.wait_for_url("**/elections")  # type: ignore[attr-defined]
    assert page.locator('main a[href="/council-elections"]').count() == 1  # type: ignore[attr-defined]
    walk.arrived("election-recommendations")


def test_three_users_walk_their_tasks(walk: Walk, mixed: SearchEngine, tmp_path: Path) -> None:
    if walk.user == "researcher":
        researcher(walk, tmp_path)
    elif walk.user == "focal":
        username = f"focal-{uuid.uuid4().hex[:6]}"
        with mixed.engine.begin() as connection:
            create_user(connection, username, PASSWORD, "MFA focal point")
        focal_point(walk, tmp_path, username)
    else:
        advocate(walk)
    assert walk.step >= 5
