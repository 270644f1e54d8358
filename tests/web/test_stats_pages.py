"""The statistics builder's page and downloads (issue #18, item 3), through the TestClient."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import numpy as np
from fastapi.testclient import TestClient

from rightstrack.analysis.stats import Basis
from rightstrack.analysis.tables import Measure, Series, StatTable
from rightstrack.languages import translations
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.web import charts
from rightstrack.web.builder import Builder, Words


def chart_data(page: str) -> list[dict[str, object]]:
    return [json.loads(html.unescape(found)) for found in re.findall(r"data-chart='([^']*)'", page)]


def csv_rows(client: TestClient, url: str, **params: object) -> list[list[str]]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text)))


def test_a_two_dimension_table_its_chart_and_its_csv_agree(client: TestClient) -> None:
    params = {"by": "issue", "split": "response", "top": "10", "cycle": "1"}
    page = client.get("/stats", params=params).text
    [data] = chart_data(page)
    assert data["layout"] == "stacked" and data["series"] == ["Accepted", "Noted"]
    assert len(data["categories"]) == 10  # type: ignore[arg-type]
    rows = csv_rows(client, "/stats/chart.csv", **params)
    assert rows[0] == ["Issue", "Accepted", "Noted"]
    assert len(rows) == 11
    drawn = {(v["category"], v["series"]): v["value"] for v in data["values"]}  # type: ignore[attr-defined]
    for issue, accepted, noted in rows[1:]:
        assert drawn[(issue, "Accepted")] == int(accepted) and drawn[(issue, "Noted")] == int(noted)
    # The page's table has the same rows, and each row's total.
    shown = {
        html.unescape(label): [
            int(n.replace(",", "")) for n in re.findall(r'<td class="num">([\d,]+)</td>', cells)
        ]
        for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page, re.S)
    }
    assert {issue: [int(a), int(n), int(a) + int(n)] for issue, a, n in rows[1:]} == shown
    # The search's filter rides along: the form carries it, the downloads are of the same search.
    assert '<input type="hidden" name="cycle" value="1">' in page
    assert "/stats/chart.csv?type=recommendation&amp;cycle=1&amp;basis=records&amp;by=issue" in page


def test_a_search_s_statistics_link_keeps_its_filters(client: TestClient) -> None:
    page = client.get("/stats", params={"sur_group": "GRULAC", "q": "women"}).text
    assert '<input type="hidden" name="sur_group" value="GRULAC">' in page
    assert 'name="q" type="search" value="women"' in page
    for data in chart_data(page):  # the four default charts, all of this search
        assert data["values"]


def test_comparing_two_states_side_by_side(client: TestClient) -> None:
    by_link = client.get("/stats", params={"by": "issue", "compare": "state:Slovenia,state:Croatia"}).text
    by_form = client.get(
        "/stats",
        params=[
            ("by", "issue"),
            ("compare_on", "sur"),
            ("compare_value", "Slovenia"),
            ("compare_value", "Croatia"),
        ],
    ).text
    [data] = chart_data(by_link)
    assert chart_data(by_form) == [data]
    assert data["layout"] == "grouped" and data["series"] == ["Slovenia", "Croatia"]
    for name in ("Slovenia", "Croatia"):  # a headline box each, and the form shows the names
        assert f"<h2>{name}</h2>" in by_link and f'value="{name}"' in by_link
    slovenia = client.get(
        "/api/v1/stats", params={"sur": "Slovenia", "by": "issue", "basis": "records"}
    ).json()
    counts = {r["value"]: r["count"] for r in slovenia["records"]["breakdowns"][0]["rows"]}
    drawn = {v["category"]: v["value"] for v in data["values"] if v["series"] == "Slovenia"}  # type: ignore[attr-defined]
    assert drawn and all(counts[issue] == value for issue, value in drawn.items())


def test_headlines_drop_shares_the_filter_decides(client: TestClient) -> None:
    """Issue #18: "made by WEOG, EEG and GRULAC states: 100 %" for a GRULAC-only search."""
    grulac = client.get("/stats", params={"recommender_group": "GRULAC"}).text
    assert "made by WEOG, EEG and GRULAC states" not in grulac
    assert "addressed to African and Asia-Pacific states" in grulac
    everything = client.get("/stats").text
    assert "made by WEOG, EEG and GRULAC states" in everything
    assert "(100.00%)" not in everything  # all recommendations are not "100 % of all"
    assert 'id="by-origin"' not in everything  # one mechanism only: "UPR: 100 %" says nothing


def test_nothing_to_draw_says_so(client: TestClient) -> None:
    page = client.get("/stats", params={"q": "zzzzunmatched", "by": "issue", "split": "response"}).text
    assert "No recommendations match" in page
    assert "data-chart=" not in page and '<table class="chart-table">' not in page
    image = client.get("/stats/chart.svg", params={"q": "zzzzunmatched", "by": "issue"})
    assert image.status_code == 200 and b"No recommendations match" in image.content


def test_images_of_the_builder_s_chart(client: TestClient) -> None:
    png = client.get("/stats/chart.png", params={"by": "cycle", "split": "response"})
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get("/stats/chart.svg", params={"by": "cycle", "measure": "accepted"})
    assert b"<svg" in svg.content and b"100%" in svg.content  # a rate's axis is in percent
    assert client.get("/stats/chart.csv").status_code == 404  # no by: no chart


def test_bad_builder_parameters_are_named(client: TestClient) -> None:
    for params, named in (
        ({"by": "nonsense"}, "by"),
        ({"by": "issue", "top": "7"}, "top"),
        ({"compare": "Atlantis"}, "compare"),
        ({"measure": "median"}, "measure"),
    ):
        response = client.get("/stats", params=params)
        assert response.status_code == 400 and named in response.text, params


def test_the_page_is_translated(client: TestClient) -> None:
    page = client.get("/stats", params={"by": "cycle", "split": "response", "lang": "fr"}).text
    [data] = chart_data(page)
    french = translations("fr").gettext
    assert french("Accepted") != "Accepted" and french("Show statistics") != "Show statistics"
    assert data["series"] == [french("Accepted"), french("Noted")]
    assert data["category"] == french("Cycle") and french("Show statistics") in page


def test_the_page_runs_scripts_only_from_files(client: TestClient) -> None:
    page = client.get("/stats", params={"by": "issue"}).text
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all('src="/static/' in attributes for attributes in scripts)
    assert "style=" not in page and "<style" not in page
    for path in re.findall(r'src="(/static/[^"]+)"', page):
        assert client.get(path).status_code == 200, path


def test_csv_cells_cannot_start_a_formula() -> None:
    table = StatTable(
        Dimension.ISSUE,
        None,
        Basis.RECORDS,
        Measure.COUNT,
        ("=HYPERLINK(1)",),
        ("=HYPERLINK(1)",),
        (Series("", "", 3),),
        np.array([[3]]),
        np.array([[2]]),
        np.array([[1]]),
        (3,),
        3,
        0,
    )
    chart = charts.Chart("builder", "t", Builder(SearchQuery()), table)
    rows = list(csv.reader(io.StringIO(charts.csv_text(chart, Words("en")))))
    assert rows == [["Issue", "Recommendations"], ["'=HYPERLINK(1)", "3"]]


def test_the_api_answers_the_same_table(client: TestClient) -> None:
    params = {"by": "recommender_group", "split": "sur_group", "basis": "rows", "issue": "Elections"}
    table = client.get("/api/v1/stats/table", params=params).json()
    rows = csv_rows(client, "/stats/chart.csv", **params)
    columns = [c["label"] for c in table["columns"]]
    assert rows[0][1:] == columns and table["total"] == 241
    for line, row in zip(rows[1:], table["rows"], strict=True):
        assert line == [row["label"], *[str(cell["count"]) for cell in row["cells"]]]
    assert sum(cell["count"] for row in table["rows"] for cell in row["cells"]) == 241
    refused = client.get("/api/v1/stats/table", params={"by": "issue", "colour": "blue"})
    assert refused.status_code == 400 and "colour" in refused.json()["error"]
