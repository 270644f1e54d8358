from pathlib import Path

import pytest

from rightstrack import config
from rightstrack.sources.parse_eval import evaluate, totals, upr_info_by_review
from rightstrack.sources.pdftext import UnreadablePdfError
from rightstrack.sources.reportnames import session_from_ordinal, split_state_names
from rightstrack.sources.wgreport import (
    NotAReportError,
    Position,
    clean_text,
    parse_report,
    position_of,
    read_report,
    split_item,
)

RECENT = """
Distr.: General 7 July 2014\rOriginal: English\rHuman Rights Council Twenty-seventh session
Report of the Working Group on the Universal Periodic Review* Albania
GE.14-07677  (E)\r*1407677*
Contents II. Conclusions and/or recommendations ........................ 104-107 14
Introduction 1. The Working Group on the Universal Periodic Review, established in accordance with
Human Rights Council resolution 5/1, held its nineteenth session from 28 April to 9 May 2014. The
review of Albania was held at the 3rd meeting on 29 April 2014. (a) A national report (A/HRC/WG.6/19/ALB/1);
II. Conclusions and/or recommendations**
104. The recommendations formulated during the interactive dialogue and listed below have been
examined by Albania and enjoy the support of Albania:
104.1 Sign and ratify the Optional Protocol to the ICESCR (Spain);
104.2 Ratify the Optional Protocol to ICESCR (Portugal) (Israel);
104.3 Ratify ILO Conventions 169 and 189 (Iraq) as well as the ILO Convention on decent work for
domestic\r\x0c\r**\r The conclusions and recommendations will not be edited.\r
workers (Philippines);
104.4 Increase efforts to tackle domestic violence, in line with resolution 5/1 of 2007 (the former
Yugoslav Republic of Macedonia, Venezuela (Bolivarian Republic of) and Trinidad and Tobago);
105. The following recommendations will be examined by Albania, which will provide responses in due
time, but no later than the twenty-seventh session of the Human Rights Council:
105.1 Consider ratifying the Convention on enforced disappearance (CED) (Argentina);
105.3 Implement the measures of the Committee of Ministers (Narnia, Hungary);
106. The following recommendations did not enjoy the support of Albania:
106.1 Abolish the practice of detention of asylum seekers (Sierra Leone).
107. All conclusions and/or recommendations contained in the present report reflect the position
of the submitting State(s) and/or the State under review.
"""

EARLY = """A/HRC/8/24 23 May 2008 ... held its second session from 5 to 16 May 2008. The review of Benin
was held at the 1st meeting. II. CONCLUSIONS AND/OR RECOMMENDATIONS 60. The recommendations
formulated during the interactive dialogue have been examined by Benin and the recommendations
listed below enjoy the support of Benin: 1. Consider ratifying the Convention (Mexico); ratify it
(Spain); 2. Strengthen the programme started in 2005. 3 regions will be covered (France);
A/HRC/8/24 Page 14
3. To adopt a law on torture (Germany). 61. The following recommendations did not enjoy the support
of Benin: 1. Abolish the death penalty (Italy). 62. All conclusions and/or recommendations
contained in the present report reflect the position of the submitting State(s)."""


def test_recent_format_with_page_artefacts_and_joint_states() -> None:
    report = parse_report(RECENT, "albania.txt")
    assert (report.sur, report.session, report.symbol) == ("ALB", 19, None)
    found = [(r.paragraph, r.text, r.recommenders, r.position) for r in report.recommendations]
    assert found == [
        ("104.1", "Sign and ratify the Optional Protocol to the ICESCR", ("ESP",), Position.SUPPORTED),
        ("104.2", "Ratify the Optional Protocol to ICESCR", ("PRT", "ISR"), Position.SUPPORTED),
        ("104.3a", "Ratify ILO Conventions 169 and 189", ("IRQ",), Position.SUPPORTED),
        ("104.3b", "The ILO Convention on decent work for domestic workers", ("PHL",), Position.SUPPORTED),
        (
            "104.4",
            "Increase efforts to tackle domestic violence, in line with resolution 5/1 of 2007",
            ("MKD", "VEN", "TTO"),
            Position.SUPPORTED,
        ),
        (
            "105.1",
            "Consider ratifying the Convention on enforced disappearance (CED)",
            ("ARG",),
            Position.PENDING,
        ),
        ("105.3", "Implement the measures of the Committee of Ministers", ("HUN",), Position.PENDING),
        ("106.1", "Abolish the practice of detention of asylum seekers", ("SLE",), Position.NOTED),
    ]
    # An unknown state is reported with its paragraph, never guessed.
    assert [str(p) for p in report.problems] == [
        "albania.txt:0: paragraph 105.3: unknown recommending state 'Narnia'"
    ]


def test_early_format_numbers_items_from_one_and_keeps_numbers_in_text() -> None:
    report = parse_report(EARLY, "benin2008.txt")
    assert (report.sur, report.session, report.symbol) == ("BEN", 2, "A/HRC/8/24")
    found = [(r.paragraph, r.text, r.recommenders, r.position) for r in report.recommendations]
    assert found == [
        ("60.1a", "Consider ratifying the Convention", ("MEX",), Position.SUPPORTED),
        ("60.1b", "Ratify it", ("ESP",), Position.SUPPORTED),
        (
            "60.2",
            "Strengthen the programme started in 2005. 3 regions will be covered",
            ("FRA",),
            Position.SUPPORTED,
        ),
        ("60.3", "To adopt a law on torture", ("DEU",), Position.SUPPORTED),
        ("61.1", "Abolish the death penalty", ("ITA",), Position.NOTED),
    ]


def test_positions_in_the_council_s_languages() -> None:
    assert position_of("The following recommendations did not enjoy the support of Chad") is Position.NOTED
    assert (
        position_of("will be examined by Chad, which will provide responses in due time") is Position.PENDING
    )
    assert position_of("Les recommandations ci-après ont recueilli l'adhésion du Tchad") is Position.SUPPORTED
    assert position_of("Las recomendaciones siguientes no cuentan con el apoyo de Chile") is Position.NOTED
    assert position_of("El Chad examinará las recomendaciones siguientes") is Position.PENDING
    assert position_of("In the course of the discussion, it was recommended that Chad:") is None


def test_names_and_ordinals() -> None:
    assert split_state_names("Spain, United Kingdom of Great Britain and Northern Ireland") == (
        ["ESP", "GBR"],
        [],
    )
    assert split_state_names("Bosnia and Herzegovina and Chile") == (["BIH", "CHL"], [])
    assert split_state_names("Libyan Arab Jamahiriya") == (["LBY"], [])
    assert split_state_names("CEDAW") == ([], [])  # an acronym in the text, not a state
    assert [session_from_ordinal(w) for w in ("sixth", "twenty-seventh", "19th", "sixième", "lots")] == [
        6, 27, 19, 6, None,
    ]  # fmt: skip


def test_cleaning_joins_broken_words_but_keeps_real_hyphens() -> None:
    text = "strengthen its implemen-\ntation of non-\ndiscrimination laws\nA/HRC/13/17\n12\nnext"
    assert clean_text(text) == "strengthen its implementation of non-discrimination laws next"


def test_not_a_report_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "minutes.txt").write_text("Minutes of a meeting. 1. Opening. 2. Closing.")
    with pytest.raises(NotAReportError, match=r"minutes\.txt: no 'Conclusions and/or recommendations'"):
        read_report(tmp_path / "minutes.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(UnreadablePdfError, match=r"broken\.pdf: not a readable PDF"):
        read_report(tmp_path / "broken.pdf")


def test_accuracy_on_the_shared_reports_does_not_fall() -> None:
    """Floors under the figures measured with `rightstrack eval parse` (see issue #4's note)."""
    folder = config.un_reports_dir()
    by_review = upr_info_by_review(config.upr_info_dir())
    text = evaluate(sorted((folder / "txt").glob("*.txt")), by_review)
    pdf = evaluate(sorted((folder / "pdf").glob("*.pdf")), by_review)
    assert len(text) == 248 and len(pdf) == 40
    text_totals, pdf_totals = totals(text), totals(pdf)
    assert text_totals.f1 >= 0.962
    assert text_totals.state_accuracy >= 0.99
    assert text_totals.response_accuracy >= 0.99
    same = totals(s for s in text if Path(s.report).stem in {Path(p.report).stem for p in pdf})
    assert same.f1 - pdf_totals.f1 <= 0.01  # the PDF path within one point of the text path


ICESCR = "the International Covenant on Economic, Social and Cultural Rights"
CRPD = "the Convention on the Rights of Persons with Disabilities"


def test_compiled_recommendations_share_their_object() -> None:
    problems: list = []
    item = (
        "Consider ratifying (Slovenia, United Kingdom), consider the possibility of ratifying (Argentina), "
        f"consider signing and ratifying (Indonesia) {ICESCR} (Slovenia, United Kingdom, Argentina, "
        "Indonesia) and its Optional Protocol (Indonesia);"
    )
    assert split_item(item, "samoa.txt", "73.5", problems) == [
        (f"Consider ratifying {ICESCR}", ("SVN", "GBR")),
        (f"Consider the possibility of ratifying {ICESCR}", ("ARG",)),
        (f"Consider signing and ratifying {ICESCR} and its Optional Protocol", ("IDN",)),
    ]
    assert problems == []


def test_bare_verbs_take_the_object_of_the_full_recommendation() -> None:
    item = (
        "Complete the ratification process (Indonesia), consider the ratification (Chile, Ecuador), "
        f"ratify {CRPD} (Austria, Canada) already signed in 2007 (Algeria);"
    )
    assert split_item(item, "ireland.txt", "106.1", []) == [
        (f"Complete the ratification process of {CRPD}", ("IDN",)),
        (f"Consider the ratification of {CRPD}", ("CHL", "ECU")),
        (f"ratify {CRPD}", ("AUT", "CAN")),
        (f"ratify {CRPD} already signed in 2007", ("DZA",)),
    ]


def test_recommendations_by_one_state_are_not_compiled() -> None:
    item = "Ratify the CAT (Spain); adopt a law on torture (Spain); strengthen the ombudsman (France)."
    assert [codes for _, codes in split_item(item, "x.txt", "1.1", [])] == [("ESP",), ("ESP",), ("FRA",)]
