"""The search page shows its search (issue #18, item 2): active filters as chips with "Clear all",
excluded values, ranges of days, what a facet's counts mean, and every value of a facet."""

import html
import re
import time

from fastapi.testclient import TestClient

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.web.params import toggled, toggled_out
from rightstrack.web.search_view import ValueLinks, search_url


def total(page: str) -> int:
    found = re.search(r'<strong id="total">([\d,\s\u202f\xa0]+)</strong>', page)
    assert found
    return int(re.sub(r"\D", "", found.group(1)))


def chips(page: str) -> dict[str, str]:
    """Each chip's text (spaces collapsed) → its link."""
    found = re.findall(r'<a class="chip(?: chip-not)?" href="([^"]+)"[^>]*>(.*?)</a>', page, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", body).split()): html.unescape(href) for href, body in found}


def test_active_filters_are_chips_each_removing_itself(client: TestClient) -> None:
    params = "q=women&issue=Elections&sur!=France&from=2010&to=2013-06"
    page = client.get(f"/?{params}").text
    shown = chips(page)
    days = "from=2010-01-01&to=2013-06-30"
    assert shown == {
        "Remove filter: Text: women ✕": f"/?sur!=FRA&issue=Elections&{days}",
        "Remove filter: State under review: not France ✕": f"/?q=women&issue=Elections&{days}",
        "Remove filter: Issue: Elections ✕": f"/?q=women&sur!=FRA&{days}",
        "Remove filter: From: January 1, 2010 ✕": "/?q=women&sur!=FRA&issue=Elections&to=2013-06-30",
        "Remove filter: To: June 30, 2013 ✕": "/?q=women&sur!=FRA&issue=Elections&from=2010-01-01",
    }
    assert '<a class="chip chip-not"' in page and "<s>France</s>" in page
    assert re.search(r'<a class="chip-clear" href="/">Clear all</a>', page)
    # Each chip's link is the search without it: removing one never finds fewer records.
    for href in shown.values():
        assert total(client.get(href).text) >= total(page)
    assert 'class="chip' not in client.get("/").text  # nothing on, nothing shown


def test_a_value_is_excluded_from_its_facet(client: TestClient, loaded: SearchEngine) -> None:
    page = client.get("/", params={"issue": "Women's rights"}).text
    section = page[page.index('data-dimension="sur_group"') :]
    exclude = re.search(r'<a class="exclude" href="([^"]+)" aria-label="Exclude African">', section)
    assert exclude
    href = html.unescape(exclude.group(1))
    assert href == "/?sur_group!=African&issue=Women%27s+rights"
    excluded = client.get(href).text
    expected = loaded.search(
        SearchQuery.build(
            filters={"issue": ["Women's rights"]}, excluded={"sur_group": ["African"]}, per_page=0
        )
    ).total
    assert total(excluded) == expected < total(page)
    # The excluded value stays listed, struck, with the records it leaves out; its link takes the
    # exclusion away again.
    item = re.search(
        r'<li class="excluded">\s*<a href="([^"]+)"[^>]*>(.*?)</a>\s*<span class="count"[^>]*>(.*?)</span>',
        excluded,
        re.S,
    )
    assert item and "<s>African</s>" in item.group(2) and "Remove exclusion" in item.group(2)
    assert int(re.sub(r"\D", "", item.group(3))) == total(page) - expected
    assert html.unescape(item.group(1)) == "/?issue=Women%27s+rights"


def test_counts_inside_a_chosen_facet_say_what_they_add(client: TestClient) -> None:
    page = client.get("/", params={"session": "12"}).text
    assert "Within a filter, values are combined with OR; across filters, with AND." in page
    section = page[page.index('<section class="facet" data-dimension="session"') :]
    section = section[: section.index("</section>")]
    chosen = re.search(r'<li class="selected">.*?<span class="count">([\d,]+)</span>', section, re.S)
    assert chosen and int(chosen.group(1).replace(",", "")) == total(page)
    added = re.findall(r'<span class="count" title="Records it would add[^"]*">\+([\d,]+)</span>', section)
    assert len(added) > 10
    session13 = client.get("/", params={"session": ["12", "13"]}).text
    thirteen = re.search(r'session=13"\s*>\s*13\s*</a>\s*<span class="count"[^>]*>\+([\d,]+)<', section)
    assert thirteen and total(session13) == total(page) + int(thirteen.group(1).replace(",", ""))


def test_a_range_of_days_on_the_page(client: TestClient) -> None:
    page = client.get("/", params={"from": "2012", "to": "2012"}).text
    assert 'id="from" name="from" type="date"' in page and 'value="2012-01-01"' in page
    assert 'value="2012-12-31"' in page and 'for="from"' in page and 'for="to"' in page
    assert 0 < total(page) < total(client.get("/").text)


def test_a_bad_part_of_a_search_is_said_and_the_rest_still_runs(client: TestClient) -> None:
    answer = client.get("/", params={"from": "2012-02-30", "issue": "Elections", "sur": "Atlantis"})
    assert answer.status_code == 400
    page = answer.text
    assert 'role="alert"' in page and "Part of this search could not be read" in page
    assert "from: &#39;2012-02-30&#39; is not a date (YYYY-MM-DD, YYYY-MM or YYYY)" in page
    assert "sur: unknown state &#39;Atlantis&#39;" in page
    assert total(page) == total(client.get("/", params={"issue": "Elections"}).text)
    reversed_range = client.get("/", params={"from": "2014", "to": "2013"}).text
    assert "to: the range ends (2013-12-31) before it starts (2014-01-01)" in reversed_range


def test_every_state_can_be_found(client: TestClient, loaded: SearchEngine) -> None:
    """Issue #18: the state facet listed 60 of 193 and could not be searched."""
    page = client.get("/").text
    section = page[page.index('<section class="facet" data-dimension="sur"') :]
    section = section[: section.index("</section>")]
    assert section.count("<li") == 60
    assert 'list="values-sur"' in section and 'data-facet="sur"' in section
    assert 'href="/facets/sur?"' in section
    states = len(loaded.facet(SearchQuery(), Dimension.SUR))
    assert f'<a class="facet-all" href="/facets/sur?">All {states} values, with counts</a>' in section
    every = client.get("/facets/sur").text
    assert states > 190 and every.count('<a class="exclude"') == states
    assert f"{states} values under this search" in every
    found = client.get("/facets/sur", params={"find": "cote", "issue": "Elections"}).text
    assert "Côte d’Ivoire" in found or "Côte d&#39;Ivoire" in found
    assert found.count('<a class="exclude"') == 1
    assert re.search(r'<span class="chip"><span class="chip-name">Issue:</span>\s*Elections</span>', found)
    assert 'href="/?sur=CIV&amp;issue=Elections"' in found
    # Without script the "Find" box adds what was typed as a filter.
    assert total(client.get("/", params={"sur": "Slovenia"}).text) > 0


def test_type_ahead_endpoint(client: TestClient) -> None:
    answer = client.get("/api/v1/facets/sur", params={"find": "slov", "cycle": "1"}).json()
    assert [v["label"] for v in answer["values"]] == ["Slovakia", "Slovenia"] or [
        v["label"] for v in answer["values"]
    ] == ["Slovenia", "Slovakia"]
    assert answer["dimension"] == "sur" and answer["matching"] == 2 and answer["total"] > 40
    search = client.get("/api/v1/search", params={"cycle": "1", "sur": "Slovenia", "per_page": 0}).json()
    slovenia = next(v for v in answer["values"] if v["value"] == "SVN")
    assert slovenia["count"] == search["total"]
    # Words inside a name, accents aside, and the limit.
    assert [v["value"] for v in client.get("/api/v1/facets/sur?find=ivoire").json()["values"]] == ["CIV"]
    assert len(client.get("/api/v1/facets/issue?limit=3").json()["values"]) == 3
    action = client.get("/api/v1/facets/action?find=specific").json()["values"]
    assert [(v["value"], v["label"]) for v in action] == [("5", "Specific action")]
    assert client.get("/api/v1/facets/colour").status_code == 400
    assert "unknown parameter" in client.get("/api/v1/facets/sur?shape=round").json()["error"]
    # Fast enough to answer each keystroke (the search itself is cached after the first).
    client.get("/api/v1/facets/recommender", params={"find": "a", "issue": "Elections"})
    started = time.perf_counter()
    for letters in ("n", "no", "nor", "norw"):
        client.get("/api/v1/facets/recommender", params={"find": letters, "issue": "Elections"})
    assert (time.perf_counter() - started) / 4 < 0.2


def test_exclusions_and_ranges_in_the_api(client: TestClient) -> None:
    everything = client.get("/api/v1/search", params={"per_page": 0}).json()["total"]
    elections = client.get("/api/v1/search", params={"issue": "Elections", "per_page": 0}).json()
    others = client.get("/api/v1/search", params={"issue!": "Elections", "per_page": 0}).json()
    assert elections["total"] + others["total"] == everything
    issue = {v["value"]: v for v in others["facets"]["issue"]}["Elections"]
    assert issue["excluded"] and not issue["selected"] and issue["count"] == elections["total"]
    ranged = client.get("/api/v1/search?from=2012&to=2012-12-31&per_page=0").json()["total"]
    assert 0 < ranged < everything
    bad = client.get("/api/v1/search", params={"from": "2012-13-01"})
    assert bad.status_code == 400 and bad.json()["error"].startswith("from: '2012-13-01' is not a date")
    assert client.get("/api/v1/search?from=2014&to=2013").status_code == 400
    exported = client.get("/api/v1/export.json?issue!=Elections&from=2014").json()["meta"]["query"]
    assert exported["excluded"] == {"issue": ["Elections"]} and exported["from"] == "2014-01-01"
    assert exported["to"] is None


def test_value_links_are_the_changed_searchs_own_query_strings() -> None:
    """The page joins its links from parts made once: each must be exactly the permalink of the
    changed search, or one search would have two URLs."""
    for query in [
        SearchQuery(),
        SearchQuery.build(
            'women "death penalty"', {"issue": ["Elections"], "sur": ["France"]}, sort="recent", page=3
        ),
        SearchQuery.build(
            filters={"cycle": ["2"]}, excluded={"issue": ["Elections"], "sur": ["Chile"]}, date_to="2012"
        ),
        SearchQuery.build(excluded={"sur_group": ["African"]}, date_from="2010-05"),
    ]:
        links = ValueLinks(query)
        for dimension, value in [
            (Dimension.ISSUE, "Elections"),
            (Dimension.ISSUE, "Women's rights"),
            (Dimension.SUR, "CHL"),
            (Dimension.SUR_GROUP, "African"),
            (Dimension.CYCLE, "2"),
        ]:
            assert links.toggled(dimension, value) == search_url(toggled(query, dimension, value))
            assert links.toggled_out(dimension, value) == search_url(toggled_out(query, dimension, value))
