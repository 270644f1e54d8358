from collections import Counter
from pathlib import Path

import pytest

from rightstrack import config
from rightstrack.sources.addendum import (
    NotAnAddendumError,
    answer_position,
    attach,
    expand,
    parse_addendum,
    read_addendum,
)
from rightstrack.sources.parse_eval import upr_info_by_review
from rightstrack.sources.textpairs import best_pairs, comparable
from rightstrack.sources.wgreport import Position, ReportRecommendation, read_report

LISTS = """
Human Rights Council Twenty-eighth session
Report of the Working Group on the Universal Periodic Review* Ruritania Addendum
Views on conclusions and/or recommendations, voluntary commitments and replies
United Nations A/HRC/28/99/Add.1
1. The Working Group's report contains 12 recommendations.
 I. Accepted recommendations
2. The Government accepts the recommendations 1–5, 7 and 9.
 II. Noted recommendations
3. For the time being, the Government notes recommendations 6, 8, 10–12.
Rec. 6 The Government is currently not planning to ratify the Convention.
A/HRC/28/99/Add.1
2
Recs. 10–12 See recommendation 6.
"""

DOTTED = """
United Nations A/HRC/43/98/Add.1
Report of the Working Group on the Universal Periodic Review Addendum
 Accepted recommendations
3. The Government accepts the following recommendations 122.1, 122.17-18, 122.30-
33, 122.35. 122.36, 122.40 – 122.42.
4. The Government accepts the following recommendations and provides some
additional information about the implementation: 122.5, 122.120, 209.
  122.5
The Ombudsman's budget rose by 12 per cent in 2019, in line with SDG target 16.6.
  122.120, 209
Slovenia considers these recommendations implemented.
  Noted recommendations
5. The Government takes note of recommendations 122.2-4.
  122.2–4
Ratification is not a priority.
"""

NUMBERED = """
A/HRC/14/97/Add.1
Report of the Working Group on the Universal Periodic Review Addendum
Views on conclusions and/or recommendations presented by the State under review
1. Ruritania cannot, at this point in time, make a definitive statement.
2. Ruritania accepts the recommendation.
3., 4., 5., Ruritania accepts these recommendations and already acts accordingly.
6., 7.
8. Ruritania does not accept this recommendation.
9. Ruritania partially accepts the recommendation: it accepts the first part.
"""


def test_expand_ranges_lists_and_abbreviations() -> None:
    assert expand("122.17-18, 122.22") == ["122.17", "122.18", "122.22"]
    assert expand("140.1–140.4") == ["140.1", "140.2", "140.3", "140.4"]
    assert expand("1–3, 14") == ["1", "2", "3", "14"]
    assert expand("150 – 152") == ["150", "151", "152"]
    assert expand("140.120, 209") == ["140.120", "140.209"]
    # Not one range: two paragraphs named, never a run over thousands.
    assert expand("1.2 - 3.4") == ["1.2", "3.4"]
    assert expand("5-900") == ["5", "900"]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Slovenia accepts the recommendation.", Position.SUPPORTED),
        ("The Government supports these recommendations", Position.SUPPORTED),
        ("Slovenia does not accept this recommendation", Position.NOTED),
        ("The Government takes note of recommendations", Position.NOTED),
        ("Slovenia cannot, at this point in time, make a definitive statement", Position.NOTED),
        ("The Government partially accepts the recommendation", Position.PARTLY),
        ("Le Gouvernement prend note de la recommandation", Position.NOTED),
        ("El Gobierno acepta la recomendación", Position.SUPPORTED),
        ("Slovenia will report on its efforts", None),
    ],
)
def test_answer_positions(text: str, position: Position | None) -> None:
    assert answer_position(text) == position


def test_lists_under_headings_and_comment_blocks() -> None:
    addendum = parse_addendum(LISTS, "ruritania-add.txt")
    assert (addendum.symbol, addendum.report_symbol) == ("A/HRC/28/99/Add.1", "A/HRC/28/99")
    positions = {ref: a.position for ref, a in addendum.answers.items()}
    assert positions == {
        **{str(n): Position.SUPPORTED for n in (1, 2, 3, 4, 5, 7, 9)},
        **{str(n): Position.NOTED for n in (6, 8, 10, 11, 12)},
    }
    assert (
        addendum.answers["6"].comment == "The Government is currently not planning to ratify the Convention."
    )
    assert addendum.answers["11"].comment == "See recommendation 6."
    assert addendum.answers["1"].comment is None


def test_dotted_references_ranges_split_over_lines_and_targets_in_comments() -> None:
    addendum = parse_addendum(DOTTED, "add.txt")
    supported = {ref for ref, a in addendum.answers.items() if a.position is Position.SUPPORTED}
    noted = {ref for ref, a in addendum.answers.items() if a.position is Position.NOTED}
    assert supported == {
        "122.1", "122.17", "122.18", "122.30", "122.31", "122.32", "122.33", "122.35", "122.36",
        "122.40", "122.41", "122.42", "122.5", "122.120", "122.209",
    }  # fmt: skip
    assert noted == {"122.2", "122.3", "122.4"}
    assert "16.6" not in addendum.answers  # an SDG target in a comment is not an answer
    assert addendum.answers["122.209"].comment == "Slovenia considers these recommendations implemented."
    assert addendum.answers["122.3"].comment == "Ratification is not a priority."


def test_numbered_answers_whose_numbers_run_over_lines() -> None:
    addendum = parse_addendum(NUMBERED, "add.txt")
    positions = {ref: a.position for ref, a in addendum.answers.items()}
    assert positions == {
        "1": Position.NOTED,
        "2": Position.SUPPORTED,
        **{str(n): Position.SUPPORTED for n in (3, 4, 5, 6, 7)},
        "8": Position.NOTED,
        "9": Position.PARTLY,
    }
    assert (
        addendum.answers["7"].comment
        == "Ruritania accepts these recommendations and already acts accordingly."
    )


def test_bare_numbers_are_items_of_the_paragraph_left_to_be_examined() -> None:
    recommendations = [
        ReportRecommendation("110.1", "Ratify A", ("FRA",), Position.SUPPORTED),
        ReportRecommendation("111.1a", "Ratify B", ("ESP",), Position.PENDING),
        ReportRecommendation("111.1b", "Consider B", ("ARG",), Position.PENDING),
        ReportRecommendation("111.2", "Adopt C", ("DEU",), Position.PENDING),
    ]
    paired, problems = attach(recommendations, parse_addendum(LISTS, "add.txt"))
    answers = {r.paragraph: a.position if a else None for r, a in paired}
    assert answers == {
        "110.1": None,
        "111.1a": Position.SUPPORTED,
        "111.1b": Position.SUPPORTED,
        "111.2": Position.SUPPORTED,
    }
    # Answers 3–12 name items the report does not have: each is reported.
    assert {p.field for p in problems} == {f"paragraph 111.{n}" for n in range(3, 13)}


def test_not_an_addendum() -> None:
    with pytest.raises(NotAnAddendumError, match=r"national\.txt"):
        parse_addendum("National report submitted in accordance with paragraph 5", "national.txt")


SLOVENIA = config.data_dir() / "ohchr-documents" / "slovenia"
REVIEWS = [
    # report, addendum, what the addendum itself says it answers (supported, noted)
    ("cycle2/g1423930.pdf", "cycle2/g1504261.pdf", (142, 21)),
    ("cycle3/g1934994.pdf", "cycle3/g2004192.pdf", (124, 33)),
    ("cycle4/g2502644.pdf", "cycle4/g2505828.pdf", (217, 37)),
]


@pytest.mark.parametrize(("report", "addendum", "stated"), REVIEWS)
def test_real_addenda_answer_what_they_say(report: str, addendum: str, stated: tuple[int, int]) -> None:
    parsed = read_addendum(SLOVENIA / addendum)
    counts = Counter(a.position for a in parsed.answers.values())
    # Each addendum states its own totals ("217 are supported and 37 noted"): the parse matches them.
    assert (counts[Position.SUPPORTED], counts[Position.NOTED]) == stated
    paired, problems = attach(read_report(SLOVENIA / report).recommendations, parsed)
    assert not problems
    assert all(answer or r.position is Position.SUPPORTED for r, answer in paired)


def test_first_review_answers_agree_with_upr_info() -> None:
    """Slovenia's 2010 addendum numbers its answers 1, 2 …; UPR Info coded the same review."""
    report = read_report(SLOVENIA / "cycle1/g1012049.pdf")
    paired, problems = attach(report.recommendations, read_addendum(SLOVENIA / "cycle1/g1012465.pdf"))
    assert not problems
    expected = upr_info_by_review(config.upr_info_dir())[("SVN", 7)]
    pairs = best_pairs([comparable(r.text) for r, _ in paired], [comparable(e.text) for e in expected])
    compared = [(paired[i][1], expected[j].response) for i, j, _ in pairs if paired[i][1]]
    agree = sum(1 for answer, theirs in compared if answer and answer.position.response == theirs)
    assert len(compared) >= 90
    assert agree / len(compared) >= 0.95


def test_pdf_footer_page_numbers_are_not_text() -> None:
    report = read_report(SLOVENIA / "cycle4/g2502644.pdf")
    assert len(report.recommendations) == 254
    assert not report.problems
    texts = {r.paragraph: r.text for r in report.recommendations}
    # "(Rwanda); A/HRC/59/15 12 GE.25-02819" at the foot of the page: the "12" is a page number.
    assert texts["140.9"].endswith("Economic, Social and Cultural Rights")


def test_words_split_by_pdf_extraction_still_name_states() -> None:
    report = read_report(SLOVENIA / "cycle1/g1012049.pdf")
    assert not [p for p in report.problems if "unknown recommending state" in p.message]
    assert any("ARG" in r.recommenders for r in report.recommendations if r.paragraph.startswith("111.2"))


def test_read_addendum_needs_a_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Nothing here", encoding="utf-8")
    with pytest.raises(NotAnAddendumError):
        read_addendum(path)
