"""A document's kind does not depend on how its title is spaced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightstrack import config
from rightstrack.ingest.pipeline import Kind, classify
from rightstrack.sources.doctype import UprDocument, upr_document

TITLE = "Report of the Working Group on the Universal Periodic Review"
REPORT = config.un_reports_dir() / "txt" / "albania2010.txt"


def _run_together(text: str) -> str:
    """The report's text with its title's words run together, as one real PDF extraction gave it:
    "Reportof theWorkingGroupon theUniversalPeriodicReview"."""
    assert TITLE in text[:3000]
    return text.replace(TITLE, "Reportof theWorkingGroupon theUniversalPeriodicReview", 1)


def test_a_report_whose_title_words_run_together_is_still_a_report() -> None:
    text = REPORT.read_text(encoding="utf-8", errors="replace")
    assert upr_document(text) is UprDocument.REPORT
    assert upr_document(_run_together(text)) is UprDocument.REPORT
    no_spaces_at_all = text.replace(TITLE, TITLE.replace(" ", ""), 1)
    assert upr_document(no_spaces_at_all) is UprDocument.REPORT


def test_ingest_reads_such_a_report_as_a_report(tmp_path: Path) -> None:
    text = REPORT.read_text(encoding="utf-8", errors="replace")
    path = tmp_path / "albania2010.txt"
    path.write_text(_run_together(text), encoding="utf-8")
    found = classify(path)
    assert not isinstance(found, str), found
    assert found.kind is Kind.REPORT


@pytest.mark.parametrize("spacing", [" ", "", "  \n "])
def test_a_national_report_stays_other_whatever_its_spacing(spacing: str) -> None:
    # A national report cites the Working Group: its own title comes first.
    head = re.sub(" ", spacing, "National report submitted in accordance with paragraph 15 (a) ")
    text = head + " " + TITLE + " Albania"
    assert upr_document(text) is None


def test_a_run_together_addendum_is_an_addendum() -> None:
    text = REPORT.read_text(encoding="utf-8", errors="replace")
    text = _run_together(text).replace("Albania", "Albania Addendum Views on conclusions", 1)
    assert upr_document(text) is UprDocument.ADDENDUM
