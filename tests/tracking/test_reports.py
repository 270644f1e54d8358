"""Mid-term reports and shadow assessments, in three languages and three formats."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine

from rightstrack.documents.formats import render
from rightstrack.domain import Implementation, ProgressStatus
from rightstrack.errors import NotFound
from rightstrack.tracking.assessments import assess
from rightstrack.tracking.inputs import NewAssessment, NewIndicator, NewMeasure, ProgressReport
from rightstrack.tracking.measures import (
    create_indicator,
    create_measure,
    report_progress,
)
from rightstrack.tracking.reports import build_report
from rightstrack.tracking.views import plan_view
from tests.tracking.conftest import Team

TODAY = date(2026, 11, 23)


@pytest.fixture
def progressed(slovenia_store: Engine, team: Team) -> int:
    with slovenia_store.begin() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
        first = view.clusters[0].recommendation_ids[0]
        measure = create_measure(
            connection,
            team.owner,
            team.plan_id,
            NewMeasure(
                title="Loi sur l’aide juridictionnelle — réforme",
                lead_agency_id=team.justice,
                supporting_agency_ids=(team.equality,),
                target_date=date(2026, 3, 1),
                recommendation_ids=(first,),
            ),
        )
        create_indicator(
            connection,
            team.owner,
            team.plan_id,
            NewIndicator(
                name="Legal aid grants",
                unit="grants",
                baseline=1200.0,
                target=2000.0,
                due_date=date(2027, 1, 1),
                measure_ids=(measure,),
            ),
        )
        report_progress(
            connection,
            team.ministry,
            team.plan_id,
            "measure",
            measure,
            ProgressReport(status=ProgressStatus.DELAYED, narrative="Waiting for the budget"),
        )
        assess(
            connection,
            team.nhri,
            team.plan_id,
            NewAssessment(
                recommendation_id=first,
                status=Implementation.NOT,
                sources="Ombudsman annual report 2025",
                comment="No bill has reached parliament",
            ),
        )
    return first


def test_midterm_report_in_french_as_pdf_docx_and_html(
    slovenia_store: Engine, team: Team, progressed: int
) -> None:
    with slovenia_store.connect() as connection:
        report = build_report(connection, team.plan_id, team.owner, "midterm", "fr", TODAY)
    assert report.title.startswith("Rapport à mi-parcours sur la mise en œuvre")
    assert report.issued == "23 novembre 2026"
    headings = [s.heading for s in report.sections]
    assert headings[:2] == ["Introduction", "Vue d’ensemble de la mise en œuvre"]
    assert "Difficultés et retards" in headings and headings[-1].startswith("Annexe")
    annex = report.sections[-1].tables[0]
    assert len(annex.rows) == 217 and annex.columns[1] == "Recommandation"

    pdf = PdfReader(io.BytesIO(render(report, "pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 10
    assert "Rapport à mi-parcours" in text and "en retard" in text
    assert "Loi sur l’aide juridictionnelle" in text  # characters beyond Latin-1 print (DejaVu Sans)

    document = Document(io.BytesIO(render(report, "docx")))
    assert document.core_properties.language == "fr"
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Ministry of Justice, Government Office for Equality" in cells and "en retard" in cells
    assert len(document.inline_shapes) == 1  # the chart

    html = render(report, "html").decode()
    assert '<html lang="fr">' in html and "data:image/png;base64," in html
    assert "Waiting" not in html  # narratives are the agencies' working notes, not report text


def test_shadow_assessment_in_spanish_sets_findings_beside_the_government(
    slovenia_store: Engine, team: Team, progressed: int
) -> None:
    with slovenia_store.connect() as connection:
        report = build_report(connection, team.plan_id, team.nhri, "shadow", "es", TODAY)
    assert report.title.startswith("Evaluación independiente")
    comparison = report.sections[1].tables[0]
    assert comparison.rows == [["retrasada", "0", "0", "1"]]
    findings = report.sections[2].tables[0].rows
    assert findings[0][2:] == [
        "retrasada",
        "Human Rights Ombudsman",
        "no aplicada",
        "No bill has reached parliament; Ombudsman annual report 2025",
    ]
    assert b"%PDF" in render(report, "pdf")[:8]


def test_an_unpublished_plan_has_no_report_for_outsiders(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.connect() as connection, pytest.raises(NotFound):
        build_report(connection, team.plan_id, team.outsider, "midterm", "en", TODAY)


def test_unknown_language_or_format_is_refused(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.connect() as connection:
        with pytest.raises(ValueError, match="language must be one of en, fr, es"):
            build_report(connection, team.plan_id, team.owner, "midterm", "de", TODAY)
        report = build_report(connection, team.plan_id, team.owner, "midterm", "en", TODAY)
    with pytest.raises(ValueError, match="format must be one of html, docx, pdf"):
        render(report, "odt")
