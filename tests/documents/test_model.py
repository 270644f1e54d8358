"""File names and table column widths, the parts of a document that need no renderer."""

from __future__ import annotations

from datetime import date

from rightstrack.documents.model import Report, Table, slug
from rightstrack.search.export import export_filename
from rightstrack.search.query import Dimension, SearchQuery


def test_slugs_are_safe_and_bounded() -> None:
    assert slug("Côte d’Ivoire", "Élections / vote") == "cote-d-ivoire-elections-vote"
    long = slug("word " * 40, length=30)
    assert len(long) <= 30 and not long.endswith("-") and set(long) <= set("word-")
    assert slug('../../etc/passwd"; rm') == "etc-passwd-rm"


def test_export_file_names_say_the_search() -> None:
    query = SearchQuery(
        text='"death penalty"',
        filters={Dimension.ISSUE: frozenset({"Elections"}), Dimension.RESPONSE: frozenset({"noted"})},
    )
    name = export_filename(query, "xlsx", date(2026, 12, 3))
    assert name == "rightstrack-issue-elections-response-noted-death-penalty-2026-12-03.xlsx"
    many = SearchQuery(filters={Dimension.RECOMMENDER: frozenset(f"State {n}" for n in range(50))})
    assert len(export_filename(many, "csv", date(2026, 12, 3))) <= len("rightstrack--2026-12-03.csv") + 60


def test_columns_never_cut_a_word_and_fill_the_width() -> None:
    table = Table(
        ["Paragraph", "Recommendation", "Response"], [["111.1", "Ratify the Convention " * 9, "Accepted"]]
    )
    shares = table.shares()
    assert abs(sum(shares) - 1) < 1e-9 and shares[1] == max(shares)
    assert shares[0] >= (len("Paragraph") + 2) / 72 and shares[2] >= (len("Accepted") + 2) / 72
    wide = Table([f"Column number {n}" for n in range(12)], [["x"] * 12])
    assert abs(sum(wide.shares()) - 1) < 1e-9 and min(wide.shares()) > 0


def test_report_file_names() -> None:
    report = Report("midterm", "fr", "T", "S", "3 décembre 2026", [], name="Côte d’Ivoire cycle 4 2026-12-03")
    assert report.filename("pdf") == "midterm-report-cote-d-ivoire-cycle-4-2026-12-03-fr.pdf"
    assert Report("briefing", "es", "T", "S", "", []).filename("docx") == "briefing-es.docx"
