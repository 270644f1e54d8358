from pathlib import Path

import pytest
from docx import Document

from rightstrack import config
from rightstrack.sources.ohchr_matrix import NotAMatrixError, read_matrix
from rightstrack.sources.wgreport import Position


def _write(path: Path, rows: list[list[str]]) -> Path:
    document = Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_columns_are_found_by_their_headings(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "matrix.docx",
        [
            ["Recommendation", "Recommending state/s", "Position", "Full list of rights/affected persons"],
            ["Right or area: 2.1. Acceptance of international norms"] * 4,
            [
                "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);\nComments: sent later\n"
                "Source of position: A/HRC/28/16/Add.1\n",
                "Chile\nEstonia\n",
                "Noted\n",
                "2.1. Acceptance of international norms\nAffected persons:\n- general\n",
            ],
            ["166.7 Abolish the death penalty (Narnia)", "Narnia", "Supported/Noted", "- Death penalty"],
        ],
    )
    matrix = read_matrix(path)
    first, second = matrix.recommendations
    assert (first.paragraph, first.text, first.recommenders, first.position) == (
        "166.6", "Ratify the Rome Statute of the ICC", ("CHL", "EST"), Position.NOTED,
    )  # fmt: skip
    assert first.position_source == "A/HRC/28/16/Add.1"
    assert (first.themes, first.affected_persons, first.comments) == (
        ("2.1. Acceptance of international norms",), ("general",), "sent later",
    )  # fmt: skip
    assert first.heading == "2.1. Acceptance of international norms"
    assert second.position is Position.PARTLY and second.recommenders == ()
    assert matrix.report_symbols == {"A/HRC/28/16"}
    messages = [str(p) for p in matrix.problems]
    assert "matrix.docx:4: Recommending state: unknown 'Narnia'" in messages
    assert "matrix.docx:4: Recommendation: no recommending state" in messages


def test_themes_groups_and_sdgs_in_one_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "cycle4.docx",
        [
            ["Recommendation and recommending State", "Position of the State under review",
             "Human rights themes and groups of persons", "Relevant SDGs"],
            [
                "140.7 Ratify OP-ICESCR (Maldives) (Portugal);\n"
                "Source of Position: A/HRC/59/15/Add.1 - Para.3",
                "Supported",
                "- Ratification of & accession to international instruments\n"
                "Groups of Persons: \n- Public officials",
                "- 1 - NO POVERTY\n- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
            ],
        ],
    )  # fmt: skip
    (row,) = read_matrix(path).recommendations
    assert row.recommenders == ("MDV", "PRT") and row.position is Position.SUPPORTED
    assert row.themes == ("Ratification of & accession to international instruments",)
    assert row.affected_persons == ("Public officials",)
    assert row.sdgs == (1, 16)


def test_other_documents_are_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"not a zip")
    with pytest.raises(NotAMatrixError, match=r"notes\.docx: not a Word"):
        read_matrix(tmp_path / "notes.docx")
    questions = _write(tmp_path / "questions.docx", [["Question", "From"], ["Why?", "Chile"]])
    with pytest.raises(NotAMatrixError, match="no table with 'Recommendation' and 'Position'"):
        read_matrix(questions)


@pytest.mark.parametrize(
    ("relative", "count", "symbol"),
    [
        ("egypt/EgyptMatriceRecommendations.docx", 300, "A/HRC/28/16"),
        ("slovenia/cycle2/UPR20__Slovenia_ThematicListRecommendations_E.docx", 163, "A/HRC/28/15"),
        ("slovenia/cycle3/UPR34_Slovenia_Thematic_list_of_Recommendations.docx", 215, "A/HRC/43/15"),
        ("slovenia/cycle4/upr48-slovenia-thematic-list-of-recommendatio.docx", 254, "A/HRC/59/15"),
    ],
)
def test_real_matrices(relative: str, count: int, symbol: str) -> None:
    matrix = read_matrix(config.data_dir() / "ohchr-documents" / relative)
    assert len(matrix.recommendations) == count
    assert matrix.report_symbols == {symbol}
    assert not [p for p in matrix.problems if p.severity == "error"]
    assert all(r.recommenders and r.position for r in matrix.recommendations)
