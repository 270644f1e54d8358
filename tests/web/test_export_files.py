"""Exports as files worth opening: a name from the search, a styled and frozen XLSX header, fitted
widths, a filter on every column, dates as dates, and an "About" sheet saying which search, when
and from which data (issue #18, item 7)."""

from __future__ import annotations

import io
from datetime import date

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from rightstrack import __version__

TODAY = date.today().isoformat()


def test_the_xlsx_export_is_styled_and_says_what_it_holds(client: TestClient) -> None:
    answer = client.get(
        "/api/v1/export.xlsx", params={"issue": "Elections", "response": "noted", "q": "vote"}
    )
    name = f"rightstrack-issue-elections-response-noted-vote-{TODAY}.xlsx"
    assert f'filename="{name}"' in answer.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(answer.content))
    assert workbook.sheetnames == ["recommendations", "About"]
    sheet = workbook["recommendations"]
    assert sheet.freeze_panes == "A2"
    header = sheet[1]
    assert header[0].value == "id" and all(c.font.b for c in header)
    assert header[0].fill.fgColor.rgb.endswith("1F5F7A") and header[0].alignment.wrap_text
    rows = sheet.max_row - 1
    assert rows > 0 and sheet.auto_filter.ref == f"A1:V{rows + 1}"
    widths = {c: sheet.column_dimensions[c].width for c in ("A", "L")}  # id, text
    assert widths["A"] < 12 and 40 < widths["L"] <= 62
    published = [row[10] for row in sheet.iter_rows(min_row=2, values_only=True) if row[10]]
    assert published == [] or all(hasattr(p, "year") for p in published)
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert about["search words"] == "vote" and about["filter: issue"] == "Elections"
    assert about["filter: response"] == "Noted" and about["records in this file"] == str(rows)
    assert (
        about["RightsTrack version"] == __version__
        and int(about["data version (the store's count of changes)"]) > 0
    )
    assert about["generated (UTC)"].startswith(TODAY) and "UPR sessions" in about["data covers"]


def test_csv_and_json_exports_are_named_after_the_search(client: TestClient) -> None:
    csv = client.get("/api/v1/export.csv", params={"sur": "Côte d’Ivoire", "cycle": "2"})
    assert f'filename="rightstrack-cycle-2-sur-civ-{TODAY}.csv"' in csv.headers["content-disposition"]
    # Every record: only the header is read (the body, all of the store, streams after it).
    with client.stream("GET", "/api/v1/export.json") as everything:
        assert f'filename="rightstrack-{TODAY}.json"' in everything.headers["content-disposition"]


def test_a_charts_table_and_an_elections_results_download_as_styled_workbooks(client: TestClient) -> None:
    answer = client.get("/charts/per-cycle.xlsx", params={"issue": "Elections"})
    assert (
        f'filename="rightstrack-per-cycle-issue-elections-type-recommendation-{TODAY}.xlsx"'
        in (answer.headers["content-disposition"])
    )
    workbook = load_workbook(io.BytesIO(answer.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Cycle", "Accepted", "Noted"] and sheet.freeze_panes == "A2"
    counts = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [row[0] for row in counts] == ["1", "2"] and all(isinstance(row[1], int) for row in counts)
    about = dict(workbook["About"].iter_rows(min_row=2, values_only=True))
    assert about["filter: issue"] == "Elections"
    assert about["table"] == "Recommendations per cycle, by response"
    assert "UPR sessions" in about["data covers"] and int(about["data version"]) > 0

    results = client.get("/council-elections/2016/results.xlsx")
    assert 'filename="hrc-election-2016-results.xlsx"' in results.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(results.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("group", "seats", "state", "votes per round", "outcome")
    assert rows[[r[2] for r in rows].index("RUS")][:5] == ("Eastern European", 2, "RUS", "112", "defeated")
    about = dict(workbook["About"].iter_rows(min_row=2, values_only=True))
    assert about["vote in the General Assembly"] == "2016-10-28"
