"""Reading election observation missions' templates (CSV and XLSX): what is read, and what is refused."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rightstrack import config
from rightstrack.domain import Mechanism, RecordKind
from rightstrack.formulas import xlsx_text_cell
from rightstrack.reference.eom_organisations import canonical_organisation, organisations
from rightstrack.sources import eom
from rightstrack.sources.eom import COLUMNS, EomTemplateError, looks_like_template, read_eom
from rightstrack.sources.eom_template import template_csv, template_xlsx


def _example_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(template_csv(example=True).decode("utf-8"), newline="")))


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...] | list[str] = COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _problems(data: bytes, name: str = "missions.csv") -> list[str]:
    with pytest.raises(EomTemplateError) as caught:
        read_eom(data, name)
    return [str(p) for p in caught.value.problems]


def test_the_worked_example_reads_as_records_with_their_missions() -> None:
    parsed = read_eom(template_csv(example=True), "eom-example.csv")
    assert len(parsed.records) == 10 and not parsed.warnings
    assert parsed.source.kind == "eom-template" and parsed.source.rows_read == 10
    first = parsed.records[0]
    assert first.record.mechanism is Mechanism.ELECTION_OBSERVATION
    assert first.record.kind is RecordKind.RECOMMENDATION
    assert (first.record.body, first.record.sur, first.record.locator) == ("OSCE/ODIHR", "BLR", "row 2")
    # No report date given: published is the election's date; given, it is the report's.
    assert first.record.published == date(2012, 9, 23)
    cambodia = [r for r in parsed.records if r.record.sur == "KHM"]
    assert len(cambodia) == 3 and cambodia[0].record.published == date(2008, 10, 13)
    assert cambodia[0].details.organisation == "EU EOM" and cambodia[0].details.priority == "priority"
    assert cambodia[0].record.document_symbol == "EU EOM KHM 2008-07-27"
    assert cambodia[0].details.election_date == date(2008, 7, 27)
    assert all(r.details.report_url and r.details.report_url.startswith("http") for r in parsed.records)


def test_the_xlsx_template_reads_as_the_csv_does() -> None:
    from_csv = read_eom(template_csv(example=True), "eom-example.csv").records
    from_xlsx = read_eom(template_xlsx(example=True), "eom-example.xlsx").records
    assert [r.details for r in from_xlsx] == [r.details for r in from_csv]
    assert [(r.record.text, r.record.locator) for r in from_xlsx] == [
        (r.record.text, r.record.locator) for r in from_csv
    ]
    sheet = load_workbook(io.BytesIO(template_xlsx())).active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS) and sheet.max_row == 1


def test_blank_templates_hold_the_header_and_nothing_else() -> None:
    assert template_csv().decode("utf-8").splitlines() == [",".join(COLUMNS)]
    assert read_eom(template_csv(), "blank.csv").records == []
    assert read_eom(template_xlsx(), "blank.xlsx").records == []


def test_numbers_key_records_by_mission_and_a_spreadsheet_number_is_not_a_float() -> None:
    rows = _example_rows()[:2]
    rows[0]["number"], rows[1]["number"] = "12", "A.3"
    parsed = read_eom(_csv(rows), "numbered.csv")
    locators = [r.record.locator for r in parsed.records]
    assert locators[0].endswith(" no. 12") and locators[1].endswith(" no. A.3") and len(locators[0]) <= 40
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append([12.0 if c == "number" else rows[0][c] for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    assert read_eom(out.getvalue(), "numbered.xlsx").records[0].details.number == "12"


def test_every_bad_cell_is_named_by_file_row_and_column() -> None:
    rows = _example_rows()[:9]
    rows[0]["country"] = "Freedonia"
    rows[1]["text"] = "   "
    rows[2]["election_date"] = "23/09/2012"
    rows[3]["report_url"] = "javascript:alert(1)"
    rows[4]["mission"] = "M" * 301
    rows[5]["priority"] = "urgent"
    rows[6]["follow_up"] = "done"
    rows[7]["number"] = rows[8]["number"] = "4"
    rows[8]["mission"] = rows[7]["mission"]
    assert _problems(_csv(rows)) == [
        "missions.csv:2: country: unknown state 'Freedonia': give its name or ISO 3166 alpha-3 code",
        "missions.csv:3: text: empty: this column is required",
        "missions.csv:4: election_date: not a date (YYYY-MM-DD): '23/09/2012'",
        "missions.csv:5: report_url: not a web address (http:// or https://): 'javascript:alert(1)'",
        "missions.csv:6: mission: 301 characters, at most 300",
        "missions.csv:7: priority: 'urgent' is not one of: priority, other",
        "missions.csv:8: follow_up: 'done' is not one of: " + ", ".join(eom.FOLLOW_UP),
        "missions.csv:10: number: recommendation '4' of this mission is already on row 9",
    ]


def test_a_row_needs_a_date_and_a_text_given_twice_is_a_warning() -> None:
    rows = _example_rows()[:3]
    rows[0]["election_date"] = rows[0]["report_date"] = ""
    assert _problems(_csv(rows)) == [
        "missions.csv:2: election_date: give the election's date (or the report's, in report_date)"
    ]
    rows[0] = dict(rows[1])
    parsed = read_eom(_csv(rows), "missions.csv")
    assert len(parsed.records) == 3
    assert [str(w) for w in parsed.warnings] == [
        "missions.csv:3: text: the same text as row 2 of this mission: stored as a second record"
    ]


def test_a_header_that_is_not_the_templates_is_refused() -> None:
    rows = _example_rows()[:1]
    columns = [c for c in COLUMNS if c != "country"] + ["countrey"]
    assert _problems(_csv(rows, columns)) == [
        "missions.csv:1: countrey: not a column of the template (" + ", ".join(COLUMNS) + ")",
        "missions.csv:1: country: required column missing",
    ]


def test_formula_like_text_is_text_and_a_formula_without_a_value_is_refused() -> None:
    rows = _example_rows()[:1]
    rows[0]["text"] = '=HYPERLINK("http://example.org","Ensure transparency of the count")'
    assert read_eom(_csv(rows), "formula.csv").records[0].record.text == rows[0]["text"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append([rows[0][c] for c in COLUMNS])
    xlsx_text_cell(sheet.cell(2, COLUMNS.index("text") + 1))
    sheet.append([rows[0][c] for c in COLUMNS])
    sheet.cell(3, COLUMNS.index("text") + 1).value = "=A1"  # a real formula: openpyxl stores no value
    out = io.BytesIO()
    workbook.save(out)
    assert _problems(out.getvalue(), "formula.xlsx") == [
        "formula.xlsx [Sheet]:3: text: a formula without a value; type the value"
    ]
    sheet.delete_rows(3)
    out = io.BytesIO()
    workbook.save(out)
    assert read_eom(out.getvalue(), "formula.xlsx").records[0].record.text == rows[0]["text"]


def test_an_organisation_not_listed_is_kept_as_typed_with_a_named_warning() -> None:
    rows = _example_rows()[:3]
    for row in rows:
        row["organisation"] = "Inter-Parliamentary Observers"
    rows[2]["organisation"] = "odihr"
    parsed = read_eom(_csv(rows), "missions.csv")
    assert [r.record.body for r in parsed.records] == ["Inter-Parliamentary Observers"] * 2 + ["OSCE/ODIHR"]
    assert [str(w) for w in parsed.warnings] == [
        "missions.csv:1: organisation: organisation 'Inter-Parliamentary Observers' is not in the "
        "reference list: kept as typed (2 rows)"
    ]


def test_organisations_have_aliases_and_a_source_each() -> None:
    assert canonical_organisation("European Union") == "EU EOM"
    assert canonical_organisation("OSCE-ODIHR") == "OSCE/ODIHR"
    assert canonical_organisation("The Carter Center") == "Carter Center"
    assert canonical_organisation("Organisation of American States") == "OAS"
    assert canonical_organisation("African Union") == "AU"
    assert canonical_organisation("nobody") is None
    listed = organisations()
    assert {"EU EOM", "OSCE/ODIHR", "Carter Center", "AU", "OAS", "ECOWAS", "SADC", "Commonwealth"} <= set(
        listed
    )
    assert all(o.source.startswith(("http://", "https://")) for o in listed.values())


def test_a_windows_1252_file_is_read_with_its_accents() -> None:
    rows = _example_rows()[:1]
    rows[0]["country"] = "Côte d’Ivoire"
    rows[0]["text"] = "Garantir l’indépendance de la Commission électorale indépendante."
    data = _csv(rows).decode("utf-8").encode("cp1252")
    record = read_eom(data, "cp1252.csv").records[0].record
    assert record.sur == "CIV" and record.text == rows[0]["text"]


def test_bounds_rows_cells_and_damaged_files(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _example_rows()
    monkeypatch.setattr(eom, "MAX_ROWS", 3)
    assert _problems(_csv(rows)) == [
        "missions.csv:5: row: a file may hold at most 3 rows below its header: split it"
    ]
    ragged = _csv(rows[:1]).decode("utf-8").rstrip("\r\n") + ",surplus\r\n"
    assert _problems(ragged.encode()) == ["missions.csv:2: row: 14 cells, the header has 13"]
    assert _problems(b"PK\x03\x04 not a zip", "cut.xlsx") == [
        "cut.xlsx:1: file: not an .xlsx workbook: the file is empty, cut short or damaged"
    ]
    assert _problems(b'mission,text\n"open quote', "quote.csv")[0].startswith("quote.csv:")
    monkeypatch.setattr(eom, "MAX_FILE_BYTES", 100)
    assert _problems(template_csv(example=True)) == ["missions.csv:1: file: larger than 100 bytes"]


def test_the_template_is_told_apart_from_a_upr_info_export(tmp_path: Path) -> None:
    example = tmp_path / "example.csv"
    example.write_bytes(template_csv(example=True))
    assert looks_like_template(example)
    misspelt = tmp_path / "misspelt.csv"
    misspelt.write_bytes(template_csv().replace(b"follow_up", b"folow_up"))
    assert looks_like_template(misspelt)
    assert not looks_like_template(config.upr_info_dir() / "18-19.csv")
    workbook = tmp_path / "example.xlsx"
    workbook.write_bytes(template_xlsx(example=True))
    assert looks_like_template(workbook)
    other = Workbook()  # UHRI's XLSX export, say: another header
    other.active.append(["Text", "Countries Concerned", "Reccomending Body"])
    other.save(tmp_path / "uhri.xlsx")
    assert not looks_like_template(tmp_path / "uhri.xlsx")
    (tmp_path / "damaged.xlsx").write_bytes(b"PK\x03\x04")
    assert not looks_like_template(tmp_path / "damaged.xlsx")
