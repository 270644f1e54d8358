from rightstrack.sources.dialogue import cited_recommendations, references
from rightstrack.sources.wgreport import Position, parse_report

EARLY = """Report of the Working Group on the Universal Periodic Review Ruritania
1. The Working Group held its fourth session from 2 to 13 February 2009. The review of Cuba was held
at the 5th meeting. I. Summary of the proceedings 2. Cuba presented its report.
3. Australia welcomed the improvements made by Cuba, but expressed concern about article 91. It
recommended that Cuba (a) abolish the death penalty; (b) issue a standing invitation to the special
procedures; and c)ratify ICCPR as quickly as possible. Australia also asked about prisons.
4. The Holy See commended Cuba on its health system. The Holy See encouraged the authorities of Cuba to
investigate the involvement of paramilitary groups in abducting children.
5. Canada recommended that Cuba (a) release political prisoners; (b) allow visits by the ICRC.
II. Conclusions and/or recommendations
6. The following recommendations enjoy the support of Cuba: 1. Continue its health programmes (Brazil).
7. The recommendations noted in paragraphs 3 (a), (c), 4 and 5 above did not enjoy the support of Cuba.
8. All conclusions and/or recommendations contained in the present report reflect the position of the
submitting State(s) and/or the State under review.
"""


def test_references_with_letters_and_whole_paragraphs() -> None:
    assert references("27 (b), (c), 28 (a) and 31") == [(27, "b"), (27, "c"), (28, "a"), (31, None)]
    assert references("43 (a), (h) 56, 79 (a)") == [(43, "a"), (43, "h"), (56, None), (79, "a")]


def test_cited_recommendations_are_read_from_the_dialogue() -> None:
    report = parse_report(EARLY, "cuba.txt")
    found = {r.paragraph: (r.text, r.recommenders, r.position) for r in report.recommendations}
    assert found == {
        "6.1": ("Continue its health programmes", ("BRA",), Position.SUPPORTED),
        "3(a)": ("Abolish the death penalty", ("AUS",), Position.NOTED),
        "3(c)": ("Ratify ICCPR as quickly as possible", ("AUS",), Position.NOTED),
        "4": (
            "Investigate the involvement of paramilitary groups in abducting children",
            ("VAT",),
            Position.NOTED,
        ),
        "5(a)": ("Release political prisoners", ("CAN",), Position.NOTED),
        "5(b)": ("Allow visits by the ICRC", ("CAN",), Position.NOTED),
    }


def test_no_citations_no_extra_recommendations() -> None:
    assert cited_recommendations("1. France recommended (a) x.", "2. Nothing is cited here.", "Cuba") == []
