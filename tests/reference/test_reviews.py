import csv

from rightstrack import config
from rightstrack.reference.reviews import all_review_facts, national_documents, review_facts
from rightstrack.reference.sessions import all_sessions
from tools.wg_reviews import TARGET, review_row


def test_every_review_day_falls_in_its_session() -> None:
    facts = all_review_facts()
    assert len(facts) >= 250
    for fact in facts.values():
        opened = all_sessions()[fact.session]
        if fact.day is not None:
            months = (fact.day.year * 12 + fact.day.month) - (opened.year * 12 + opened.month)
            assert months in (0, 1), fact
        assert fact.report_symbol is None or fact.report_symbol.startswith("A/HRC/")


def test_rows_are_what_the_reports_say() -> None:
    """A sample of rows read again from the reports they name (the tool writes them all)."""
    data = config.data_dir()
    with TARGET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[::40]:
        assert review_row(data / row["source"], data) == row


def test_slovenias_reviews_and_the_working_groups_numbering() -> None:
    fourth = review_facts(48, "SVN")
    assert fourth is not None and fourth.report_symbol == "A/HRC/59/15" and str(fourth.day) == "2025-01-28"
    assert review_facts(48, "FRA") is None
    assert [symbol for _, symbol in national_documents(20, "SVN")] == [
        "A/HRC/WG.6/20/SVN/1",
        "A/HRC/WG.6/20/SVN/2",
        "A/HRC/WG.6/20/SVN/3",
    ]
