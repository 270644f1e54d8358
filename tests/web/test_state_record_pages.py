"""A state's reviews as the UN records them, and records that cite their document (issue #18,
items 4 and 5), on the real data: Slovenia's four reviews read from the UN's documents, and UPR
Info's export, whose rows carry no symbol or paragraph."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from rightstrack.search.engine import SearchEngine
from rightstrack.store.schema import RecommendationRow
from rightstrack.web.app import create_app

# The review days as the Working Group's reports give them ("The review of Slovenia was held at …").
SLOVENIA_REVIEWS = {
    7: ("A/HRC/14/15", "February 16, 2010"),
    20: ("A/HRC/28/15", "November 4, 2014"),
    34: ("A/HRC/43/15", "November 12, 2019"),
    48: ("A/HRC/59/15", "January 28, 2025"),
}


@pytest.fixture
def slovenia_client(slovenia_store: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(search=SearchEngine(slovenia_store))) as test_client:
        yield test_client


def _text(page: str) -> str:
    """The page's words, tags taken out (what a reader sees, in order)."""
    main = page[page.index("<main") :]
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))
    return html.unescape(re.sub(r" ([,.:;)])", r"\1", words))


def _record(engine: Engine, *conditions: object) -> RecommendationRow:
    with engine.connect() as connection:
        row = connection.execute(
            select(RecommendationRow).where(*conditions).order_by(RecommendationRow.id).limit(1)  # type: ignore[arg-type]
        ).first()
    assert row is not None
    return row  # type: ignore[return-value]


def test_state_page_shows_each_of_slovenias_four_reviews(
    slovenia_client: TestClient, slovenia_store: Engine
) -> None:
    page = slovenia_client.get("/states/Slovenia").text
    words = _text(page)
    for session, (report, day) in SLOVENIA_REVIEWS.items():
        assert f"Session {session} · {day}" in words
        assert f'href="https://docs.un.org/en/{report}"' in page
        assert f'href="https://docs.un.org/en/{report}/Add.1"' in page
        assert f'href="https://docs.un.org/en/A/HRC/WG.6/{session}/SVN/1"' in page  # national report
        with slovenia_store.connect() as connection:
            counts = dict(
                connection.execute(
                    select(RecommendationRow.response, func.count())
                    .where(
                        RecommendationRow.sur_code == "SVN",
                        RecommendationRow.session == session,
                        RecommendationRow.kind == "recommendation",
                    )
                    .group_by(RecommendationRow.response)
                ).all()
            )
        noted = f"/?sur=SVN&amp;session={session}&amp;type=recommendation&amp;response=Noted"
        assert f'<a href="{noted}">{counts["Noted"]:,} noted</a>' in page
        assert f"{sum(counts.values()):,} recommendations" in words
    # Every cycle, oldest first, in the timeline and in the tables.
    assert [int(n) for n in re.findall(r"<h3>Cycle (\d)", page)] == [1, 2, 3, 4]
    assert "No data loaded for this cycle." not in words


def test_every_cycle_stays_in_the_state_tables(client: TestClient) -> None:
    """UPR Info's export ends with cycle 2: cycles 3 and 4 are there, saying no data is loaded."""
    page = client.get("/states/Afghanistan").text
    words = _text(page)
    assert [int(n) for n in re.findall(r"<h3>Cycle (\d)", page)] == [1, 2, 3, 4]
    assert words.count("No data loaded for this cycle.") == 2
    per_cycle = re.search(r"<caption>Issues by cycle.*?</table>", page, re.S)
    assert per_cycle is not None
    headings = re.findall(r'<th scope="col" class="num">Cycle (\d)</th>', per_cycle.group(0))
    assert headings == ["1", "2", "3", "4"]
    assert per_cycle.group(0).count("no data loaded") == 2
    # The breakdown per cycle lists all four, with 0 where nothing is loaded.
    breakdown = re.search(r"<caption>Per cycle</caption>.*?</table>", page, re.S)
    assert breakdown is not None
    assert re.findall(r"<tr><td>(\d)</td><td class=\"num\">", breakdown.group(0)) == ["1", "2", "3", "4"]


def test_state_page_links_its_plans_elections_and_searches(slovenia_client: TestClient) -> None:
    page = slovenia_client.get("/states/Slovenia").text
    assert 'href="/?sur=SVN"' in page and 'href="/?recommender=SVN"' in page
    assert 'href="/council-elections/2007/SVN"' in page  # candidacies, from the compiled elections
    assert 'href="/council-elections/2006/SVN"' in page  # defeated ones too
    assert 'href="/plans"' in page


def test_state_page_lists_the_plans_the_reader_may_open(team: object, slovenia_store: Engine) -> None:
    from tests.conftest import Team

    assert isinstance(team, Team)
    with TestClient(create_app(search=SearchEngine(slovenia_store))) as anonymous:
        page = anonymous.get("/states/Slovenia").text
        shown = f'href="/plans/{team.plan_id}"' in page
        # Anonymous readers see published plans only, as on /plans.
        assert shown == (f'href="/plans/{team.plan_id}"' in anonymous.get("/plans").text)


def test_a_record_from_a_un_document_cites_it_first(
    slovenia_client: TestClient, slovenia_store: Engine
) -> None:
    row = _record(slovenia_store, RecommendationRow.session == 48, RecommendationRow.paragraph.is_not(None))
    page = slovenia_client.get(f"/records/{row.id}").text
    words = _text(page)
    cited = f"{row.document_symbol}, para. {row.paragraph}"
    assert row.document_symbol == "A/HRC/59/15"
    # The citation comes first: before the heading, the text and the provenance.
    assert words.index(cited) < words.index(row.text[:40]) < words.index("Where this record comes from")
    assert f'<a href="https://docs.un.org/en/{row.document_symbol}">' in page
    cite = re.search(r'<textarea id="cite-this"[^>]*>(.*?)</textarea>', page, re.S)
    assert cite is not None
    text = html.unescape(cite.group(1))
    assert "to Slovenia, Universal Periodic Review, cycle 4, session 48 (January 28, 2025)" in text
    assert f"{cited}." in text and text.endswith(f"/records/{row.id}")
    # Provenance sits in a details block below.
    details = page[page.index('<details class="provenance">') :]
    assert "A/HRC/59/15/Add.1" in details and "Addendum" in details


def test_a_upr_info_row_names_its_reviews_report_and_says_the_paragraph_is_unknown(
    client: TestClient, loaded: SearchEngine
) -> None:
    # Afghanistan's first review (session 5): its report, A/HRC/12/9, is in the UN's documents.
    row = _record(loaded.engine, RecommendationRow.sur_code == "AFG", RecommendationRow.session == 5)
    assert row.document_symbol is None and row.paragraph is None
    page = client.get(f"/records/{row.id}").text
    words = _text(page)
    assert words.index("Report of the review: A/HRC/12/9") < words.index(row.text[:40])
    assert "paragraph not known" in words
    cite = re.search(r'<textarea id="cite-this"[^>]*>(.*?)</textarea>', page, re.S)
    assert cite is not None
    assert "A/HRC/12/9 (paragraph not known)" in html.unescape(cite.group(1))
    details = page[page.index('<details class="provenance">') :]
    assert re.search(r"<td>1-5\.csv</td><td>UPR Info&#39;s database</td><td>line \d+</td>", details)


def test_a_row_whose_report_is_not_in_the_data_says_so(client: TestClient, loaded: SearchEngine) -> None:
    # Albania's second review (session 19): its report's text in the data lost its symbol.
    row = _record(loaded.engine, RecommendationRow.sur_code == "ALB", RecommendationRow.session == 19)
    words = _text(client.get(f"/records/{row.id}").text)
    assert "UN document symbol and paragraph not known" in words
    assert "UN document symbol not known" in words  # in the citation too


def test_the_record_page_does_not_wait_for_similar_records(loaded: SearchEngine) -> None:
    """Similar records are a page of their own, fetched after the record's page is shown."""
    fresh = SearchEngine(loaded.engine)
    row = _record(loaded.engine, RecommendationRow.kind == "recommendation")
    with TestClient(create_app(search=fresh)) as test_client:
        page = test_client.get(f"/records/{row.id}").text
        assert fresh._similar._index is None  # the TF-IDF model was not built for it
        assert f'data-fragment="/records/{row.id}/similar"' in page
        assert f'<a href="/records/{row.id}/similar">' in page  # without script
        assert '<script src="/static/fragments.js" defer></script>' in page
        similar = test_client.get(f"/records/{row.id}/similar").text
        assert fresh._similar._index is not None
        section = similar[similar.index('<section id="similar"') :]
        assert re.search(r'<td><a href="/records/\d+">', section)


def test_thematic_clusters_are_a_page_of_their_own(slovenia_client: TestClient) -> None:
    page = slovenia_client.get("/states/Slovenia").text
    assert 'data-fragment="/states/SVN/clusters?cycle=4"' in page
    clusters = slovenia_client.get("/states/SVN/clusters", params={"cycle": 4}).text
    section = clusters[clusters.index('<section id="clusters"') :]
    assert "<table>" in section and 'href="/states/SVN/clusters?cycle=1"' in section
    assert (
        "No recommendation of this state in this cycle."
        in slovenia_client.get("/states/SVN/clusters", params={"cycle": 9}).text
    )


def test_pages_are_translated(slovenia_client: TestClient) -> None:
    page = slovenia_client.get("/states/Slovenia", params={"lang": "fr"}).text
    assert "Cycle 4" in page and "Rapport du Groupe de travail" in page
    row_page = slovenia_client.get("/records/1", params={"lang": "es"}).text
    assert "Citar" in row_page


def test_the_api_gives_every_cycle_and_each_review(slovenia_client: TestClient) -> None:
    from tests.web.contracts import conforms

    answer = conforms(slovenia_client, "GET", "/api/v1/states/Slovenia").json()
    assert [c["cycle"] for c in answer["reviews"]] == [1, 2, 3, 4]
    fourth = answer["reviews"][3]["reviews"][0]
    assert (fourth["session"], fourth["date"], fourth["date_is_session_month"]) == (48, "2025-01-28", False)
    documents = {d["role"]: d["symbol"] for d in fourth["documents"]}
    assert documents["report"] == "A/HRC/59/15" and documents["national-report"] == "A/HRC/WG.6/48/SVN/1"
