"""A plan out to XLSX/CSV and back: edits apply, bad rows are named, nothing half-imports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from rightstrack.history import history
from rightstrack.tracking.inputs import MeasureChange, NewMeasure
from rightstrack.tracking.measures import create_measure
from rightstrack.tracking.spreadsheet_import import SpreadsheetError, import_sheets
from rightstrack.tracking.spreadsheets import Row, read_csv, read_xlsx, to_csv, to_xlsx
from rightstrack.tracking.views import plan_view
from tests.tracking.conftest import Team


@pytest.fixture
def measure(slovenia_store: Engine, team: Team) -> int:
    with slovenia_store.begin() as connection:
        first = next(iter(plan_view(connection, team.plan_id, team.owner).recommendations))
        return create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Legal aid reform",
                lead_agency_id=team.justice,
                target_date=date(2027, 6, 30),
                recommendation_ids=(first,),
            ),
        )


def _workbook(engine: Engine, team: Team) -> tuple[bytes, object]:
    with engine.connect() as connection:
        data = to_xlsx(plan_view(connection, team.plan_id, team.owner))
    return data, load_workbook(io.BytesIO(data))


def _save(workbook: object) -> bytes:
    output = io.BytesIO()
    workbook.save(output)  # type: ignore[attr-defined]
    return output.getvalue()


def test_export_holds_every_sheet(slovenia_store: Engine, team: Team, measure: int) -> None:
    _, workbook = _workbook(slovenia_store, team)
    sheets = ["Recommendations", "Measures", "Indicators", "Agencies"]
    assert workbook.sheetnames == [*sheets, "About"]  # type: ignore[attr-defined]
    recommendations = list(workbook["Recommendations"].values)  # type: ignore[index]
    assert len(recommendations) == 1 + 217
    for name in sheets:  # a styled, frozen header and a filter over every row
        sheet = workbook[name]  # type: ignore[index]
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.b and sheet.auto_filter.ref.startswith("A1:")
    assert workbook["Recommendations"].auto_filter.ref == "A1:I218"  # type: ignore[index]
    assert 40 < workbook["Recommendations"].column_dimensions["D"].width <= 62  # type: ignore[index]
    about = dict(workbook["About"].iter_rows(values_only=True))  # type: ignore[index]
    assert about["state"] == "Slovenia (SVN)" and about["rows"].startswith(
        "Recommendations: 217; Measures: 1"
    )
    measures = list(workbook["Measures"].values)  # type: ignore[index]
    assert measures[1][:3] == (measure, 1, "Legal aid reform") and measures[1][4] == "Ministry of Justice"


def test_edits_in_excel_come_back_with_history(slovenia_store: Engine, team: Team, measure: int) -> None:
    _, workbook = _workbook(slovenia_store, team)
    sheet = workbook["Measures"]  # type: ignore[index]
    sheet["D2"] = "Amend the Free Legal Aid Act"  # description
    sheet["F2"] = "Government Office for Equality; Ministry of Finance"  # supporting (one new agency)
    sheet.append(
        [
            None,
            None,
            "Shelter network",
            "",
            "Government Office for Equality",
            "",
            "2026-01-01",
            date(2027, 12, 31),
            "1,250,000",
            "eur",
            "",
            "",
            "",
        ]
    )
    indicators = workbook["Indicators"]  # type: ignore[index]
    indicators.append(
        [None, None, "Shelter places", "places", 120, 200, "2027-12-31", None, None, str(measure), ""]
    )
    recommendations = workbook["Recommendations"]  # type: ignore[index]
    recommendations["G2"] = "Access to justice"  # a new cluster
    with slovenia_store.begin() as connection:
        summary = import_sheets(connection, team.owner, team.plan_id, read_xlsx(_save(workbook), "plan.xlsx"))
    assert (summary.created, summary.updated, summary.moved) == (2, 1, 1)
    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        changes = history(connection, team.plan_id, "measures", measure)
    edited = view.measures[measure]
    assert edited.description == "Amend the Free Legal Aid Act"
    assert sorted(view.agencies[a] for a in edited.supporting_agency_ids) == [
        "Government Office for Equality",
        "Ministry of Finance",
    ]
    shelter = next(m for m in view.measures.values() if m.title == "Shelter network")
    assert (shelter.budget, shelter.currency, shelter.target_date) == (1250000.0, "EUR", date(2027, 12, 31))
    assert next(i for i in view.indicators.values() if i.name == "Shelter places").measure_ids == [measure]
    assert "Access to justice" in [c.name for c in view.clusters]
    assert (
        changes[0].user == "Owner"
        and changes[0].changed_fields()["description"][1] == "Amend the Free Legal Aid Act"
    )
    # the same file again changes nothing more than it did (the created rows have no id: they repeat)
    with slovenia_store.begin() as connection:
        again = import_sheets(connection, team.owner, team.plan_id, read_xlsx(_save(workbook), "plan.xlsx"))
    assert (again.updated, again.moved) == (0, 0) and again.unchanged == 1


def test_bad_rows_are_named_and_nothing_is_imported(slovenia_store: Engine, team: Team, measure: int) -> None:
    _, workbook = _workbook(slovenia_store, team)
    sheet = workbook["Measures"]  # type: ignore[index]
    sheet["D2"] = "A change that must not land"
    sheet.append([None, None, "Bad dates", "", "", "", "2027-01-01", "2026-01-01", "", "", "", "", ""])
    sheet.append([None, None, "Bad budget", "", "", "", "", "", "a lot", "", "", "", ""])
    sheet.append([None, None, "", "No title", "", "", "", "", "", "", "", "", ""])
    sheet.append([None, None, "Bad link", "", "", "", "", "", "", "", "", "", "1;x"])
    with slovenia_store.connect() as connection:
        before = to_csv(plan_view(connection, team.plan_id, team.owner), "Measures")
    with pytest.raises(SpreadsheetError) as refused, slovenia_store.begin() as connection:
        import_sheets(connection, team.owner, team.plan_id, read_xlsx(_save(workbook), "plan.xlsx"))
    assert [str(p) for p in refused.value.problems] == [
        "plan.xlsx [Measures]:3: target_date: comes before the start date",
        "plan.xlsx [Measures]:4: budget: not a number: 'a lot'",
        "plan.xlsx [Measures]:5: title: a measure needs a title",
        "plan.xlsx [Measures]:6: recommendations: not a list of ids separated by ';': '1;x'",
    ]
    with slovenia_store.connect() as connection:
        assert to_csv(plan_view(connection, team.plan_id, team.owner), "Measures") == before


def test_a_stale_row_is_refused(slovenia_store: Engine, team: Team, measure: int) -> None:
    _, workbook = _workbook(slovenia_store, team)
    with slovenia_store.begin() as connection:
        from rightstrack.tracking.measures import update_measure

        update_measure(
            connection, team.ministry, team.plan_id, measure, MeasureChange(description="Agency's edit"), 1
        )
    workbook["Measures"]["D2"] = "Owner's offline edit"  # type: ignore[index]
    with (
        pytest.raises(
            SpreadsheetError, match=r"\[Measures\]:2: version: measures .* was changed by someone else"
        ),
        slovenia_store.begin() as connection,
    ):
        import_sheets(connection, team.owner, team.plan_id, read_xlsx(_save(workbook), "plan.xlsx"))


def test_csv_round_trip_of_one_sheet(slovenia_store: Engine, team: Team, measure: int) -> None:
    with slovenia_store.connect() as connection:
        text = to_csv(plan_view(connection, team.plan_id, team.owner), "Measures")
    lines = text.splitlines()
    assert lines[0].startswith("id,version,title") and "2027-06-30" in lines[1]
    edited = text.replace("Legal aid reform", "Legal aid reform (phase 1)")
    with slovenia_store.begin() as connection:
        summary = import_sheets(
            connection, team.owner, team.plan_id, read_csv(edited, "measures.csv", "Measures")
        )
        view = plan_view(connection, team.plan_id, team.owner)
    assert (summary.created, summary.updated) == (0, 1)
    assert view.measures[measure].title == "Legal aid reform (phase 1)"
    assert view.measures[measure].target_date == date(2027, 6, 30)


def test_a_contributor_cannot_retitle_by_spreadsheet(
    slovenia_store: Engine, team: Team, measure: int
) -> None:
    with slovenia_store.connect() as connection:
        text = to_csv(plan_view(connection, team.plan_id, team.owner), "Measures")
    refusal = r"measures.csv \[Measures\]:2: row: only the plan's owner"
    with pytest.raises(SpreadsheetError, match=refusal), slovenia_store.begin() as connection:
        import_sheets(
            connection,
            team.ministry,
            team.plan_id,
            read_csv(text.replace("Legal aid reform", "Renamed"), "measures.csv", "Measures"),
        )


def test_a_csv_cut_inside_a_quoted_field_is_refused() -> None:
    cut = 'id,version,title,description\n,,Legal aid,"Amend the Free Legal\n'
    with pytest.raises(SpreadsheetError, match=r"m\.csv \[Measures\]:2: row: not valid CSV: unexpected end"):
        read_csv(cut, "m.csv", "Measures")


def test_an_id_given_twice_is_one_link() -> None:
    assert Row("m.csv", "Measures", 2, {"recommendations": "7; 3;7,3"}).id_list("recommendations") == (7, 3)
