"""Mid-term reports and shadow assessments, in three languages and three formats."""

from __future__ import annotations

import io
import time
from datetime import date

import pytest
from docx import Document
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
from tests.documents.pages import docx_footer_xml, docx_xml, pdf_pages, save_pngs
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
            ProgressReport(
                status=ProgressStatus.IN_PROGRESS,
                narrative="Draft bill sent to the ministries",
                reported_on=date(2026, 5, 4),
            ),
        )
        report_progress(
            connection,
            team.ministry,
            team.plan_id,
            "measure",
            measure,
            ProgressReport(
                status=ProgressStatus.DELAYED,
                narrative="Waiting for the budget",
                evidence_links=("https://www.gov.si/legal-aid-2026",),
                reported_on=date(2026, 9, 14),
            ),
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
        started = time.perf_counter()
        report = build_report(connection, team.plan_id, team.owner, "midterm", "fr", TODAY)
        built = time.perf_counter() - started
    assert report.title.startswith("Rapport à mi-parcours sur la mise en œuvre")
    assert report.issued == "23 novembre 2026"
    assert ("Période", "Cycle de l’EPU 4 (2022–2027)") in report.cover and (
        "Langue",
        "français",
    ) in report.cover
    headings = [s.heading for s in report.sections]
    assert headings[:2] == ["Introduction", "Vue d’ensemble de la mise en œuvre"]
    assert "Difficultés et retards" in headings and headings[-2].startswith("Annexe")
    annex, rest = report.sections[-2:]
    # The one recommendation a measure answers is quoted; the other 216 are listed by paragraph.
    assert len(annex.tables[0].rows) == 1 and annex.tables[0].columns[1] == "Recommandation"
    assert "216 recommandations n’ont pas encore de mesure" in rest.paragraphs[0] and rest.level == 2
    # By agency, measures are counted (the column said "Recommendations").
    agencies = next(t for t in report.sections[1].tables if t.columns[0] == "Institution")
    assert agencies.columns[1] == "Mesures" and [r[:2] for r in agencies.rows] == [
        ["Government Office for Equality", "1"],
        ["Ministry of Justice", "1"],
    ]

    started = time.perf_counter()
    pdf = render(report, "pdf")
    rendered = time.perf_counter() - started
    pages = pdf_pages(pdf)
    save_pngs(pdf, "docs-report-fr")
    assert 4 <= len(pages) <= 7, len(pages)  # one measure: a few pages (it was 17 landscape pages)
    text = " ".join(pages)
    assert "Rapport à mi-parcours" in text and "en retard" in text
    assert "Loi sur l’aide juridictionnelle" in text  # characters beyond Latin-1 print (DejaVu Sans)
    # The progress narrative and evidence, latest first, with the dates they were reported.
    assert text.index("14 septembre 2026 · en retard : Waiting for the budget") < text.index(
        "4 mai 2026 · en cours : Draft bill sent to the ministries"
    )
    assert "https://www.gov.si/legal-aid-2026" in text
    assert all(f"Page {n} sur {len(pages)}" in page for n, page in enumerate(pages, 1) if n > 1)
    assert "Table des matières" in pages[1] and "Mesures et progrès signalés" in pages[1]
    print(f"mid-term report: built in {built:.2f} s, PDF in {rendered:.2f} s, {len(pages)} pages")

    docx = render(report, "docx")
    document = Document(io.BytesIO(docx))
    assert document.core_properties.language == "fr"
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Ministry of Justice, Government Office for Equality" in cells and "en retard" in cells
    assert len(document.inline_shapes) == 2  # status by cluster, and the months of progress
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= styles
    xml = docx_xml(docx)
    assert 'TOC \\o "1-2"' in xml and "<w:tblHeader" in xml
    footer = docx_footer_xml(docx)
    assert "PAGE" in footer and "NUMPAGES" in footer and "Généré le 23 novembre 2026" in footer

    html = render(report, "html").decode()
    assert '<html lang="fr">' in html and "data:image/png;base64," in html
    assert "Waiting for the budget" in html and 'href="https://www.gov.si/legal-aid-2026"' in html


@pytest.mark.parametrize(
    ("locale", "contents", "measures", "page"),
    [
        ("en", "Contents", "Measures and progress reported", "Page 2 of"),
        ("es", "Índice", "Medidas y avances comunicados", "Página 2 de"),
    ],
)
def test_midterm_report_headings_in_english_and_spanish(
    slovenia_store: Engine, team: Team, progressed: int, locale: str, contents: str, measures: str, page: str
) -> None:
    with slovenia_store.connect() as connection:
        report = build_report(connection, team.plan_id, team.owner, "midterm", locale, TODAY)
    pdf = render(report, "pdf")
    pages = pdf_pages(pdf)
    save_pngs(pdf, f"docs-report-{locale}")
    assert contents in pages[1] and measures in pages[1] and page in pages[1]
    assert report.filename("pdf") == f"midterm-report-slovenia-cycle-4-2026-11-23-{locale}.pdf"


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
