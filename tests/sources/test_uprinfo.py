from pathlib import Path

import pytest

from rightstrack.domain import RecordKind, Response
from rightstrack.sources.uprinfo import parse_file, parse_text

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def csv_text(*rows: str) -> str:
    return "\r".join((HEADER, *rows)) + "\r"


GOOD = 'Tonga,Asia,,"Ratify CEDAW",Australia,WEOG,,Accepted,5,"International instruments,Women\'s rights",15'


def test_real_files_parse_completely(upr_info_dir: Path) -> None:
    rows = records = 0
    for path in sorted(upr_info_dir.glob("*.csv")):
        parsed = parse_file(path)
        assert parsed.errors == [], parsed.errors[:3]
        rows += parsed.rows_read
        records += len(parsed.records)
    assert rows == 38_298 + 947


def test_joint_recommendation_is_one_record_with_several_states() -> None:
    parsed = parse_text(
        csv_text(
            GOOD,
            GOOD.replace("Australia,WEOG", "Maldives,Asia"),
            GOOD.replace("Australia,WEOG", "Slovenia,EEG").replace("CEDAW", "CEDAW."),
        ),
        "t.csv",
    )
    assert len(parsed.records) == 1
    record = parsed.records[0]
    assert [code for code, _ in record.recommenders] == ["AUS", "MDV", "SVN"]
    assert [ref.line for _, ref in record.recommenders] == [2, 3, 4]
    assert record.response is Response.ACCEPTED


def test_same_text_with_different_responses_stays_apart() -> None:
    # Real case: Tonga, session 15 — Australia's "Ratify CEDAW" accepted, Maldives' noted.
    parsed = parse_text(
        csv_text(GOOD, GOOD.replace("Australia,WEOG", "Maldives,Asia").replace("Accepted", "Noted")), "t.csv"
    )
    assert sorted(r.response for r in parsed.records if r.response) == [Response.ACCEPTED, Response.NOTED]


def test_pledges_are_pledges() -> None:
    row = 'Albania,EEG,,"We commit to X",Albania,EEG,,Voluntary Pledge,5,Minorities,19'
    record = parse_text(csv_text(row), "voluntary.csv").records[0]
    assert record.kind is RecordKind.PLEDGE and record.response is None


def test_html_entities_and_unknown_recommender() -> None:
    unknown = "&#40;Unknown&#41;"
    text = '"Protect &quot;all&quot; children"'
    row = f"Chad,Africa,,{text},{unknown},{unknown},{unknown},Accepted,4,Rights of the Child,4"
    parsed = parse_text(csv_text(row), "t.csv")
    assert parsed.errors == []
    record = parsed.records[0]
    assert record.text == 'Protect "all" children'
    assert record.recommenders[0][0] is None


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (GOOD.replace("Tonga", "Atlantis"), "To", "unknown state 'Atlantis'"),
        (GOOD.replace("Australia", "Narnia"), "From", "unknown state 'Narnia'"),
        (GOOD.replace(",15", ",99"), "Session", "not a known UPR session"),
        (GOOD.replace(",15", ",fifteen"), "Session", "not a known UPR session"),
        (GOOD.replace("Accepted", "Maybe"), "Response", "unknown response"),
        (GOOD.replace(",5,", ",7,"), "Action", "1 to 5"),
        (GOOD.replace("Women's rights", "Space law"), "Issue", "Space law"),
        (GOOD.replace('"Ratify CEDAW"', '""'), "Text", "missing value"),
        ("Tonga,Asia,,Ratify", "(row)", "4 fields where the header has 11"),
    ],
)
def test_bad_rows_name_file_line_and_field(row: str, field: str, message: str) -> None:
    parsed = parse_text(csv_text(GOOD, row, GOOD.replace("Australia", "France")), "hostile.csv")
    assert len(parsed.errors) == 1
    problem = parsed.errors[0]
    assert (problem.file, problem.line, problem.field) == ("hostile.csv", 3, field)
    assert message in problem.message
    assert str(problem).startswith(f"hostile.csv:3: {field}: ")
    # The valid rows around it still parse.
    assert sum(len(r.recommenders) for r in parsed.records) == 2


def test_truncated_file_keeps_rows_before_the_cut() -> None:
    truncated = csv_text(GOOD) + 'Tonga,Asia,,"Ratify the Convention on the Rights'
    parsed = parse_text(truncated, "cut.csv")
    assert len(parsed.records) == 1
    assert parsed.errors and parsed.errors[0].line == 3
    assert parsed.errors[0].field == "(row)"


def test_missing_columns_are_reported_on_line_1() -> None:
    parsed = parse_text("To,Text\rTonga,x\r", "short.csv")
    assert [(p.line, p.field) for p in parsed.errors] == [(1, "(header)")]
    assert "From" in parsed.errors[0].message


def test_duplicated_row_is_a_warning_and_kept_as_the_source_lists_it() -> None:
    parsed = parse_text(csv_text(GOOD, GOOD), "dup.csv")
    assert parsed.errors == []
    assert [w.line for w in parsed.warnings] == [3]
    assert len(parsed.records[0].recommenders) == 2


def test_group_disagreeing_with_reference_is_a_warning() -> None:
    parsed = parse_text(csv_text(GOOD.replace("Tonga,Asia", "Tonga,WEOG")), "g.csv")
    assert [(w.field, w.severity) for w in parsed.warnings] == [("To-Rgrp", "warning")]


def test_wrong_encoding_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    row = GOOD.replace("Ratify CEDAW", "Ratify CEDAW for élèves")
    path.write_bytes(csv_text(row).encode("cp1252"))
    parsed = parse_file(path)
    assert parsed.encoding == "cp1252"
    assert parsed.records[0].text == "Ratify CEDAW for élèves"
