"""The yearly briefing, in the three languages, read back from the PDF and DOCX it makes; and the
candidate view it draws on."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine

from rightstrack.documents.formats import render
from rightstrack.elections.briefing import build_briefing
from rightstrack.elections.views import candidate_view
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from tests.documents.pages import pdf_pages, save_pngs

TODAY = date(2026, 11, 23)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_2025_briefing_in_french_as_pdf(slovenia_store: Engine) -> None:
    report = build_briefing(slovenia_store, election_data(), timeline(), 2025, "fr", TODAY)
    pdf = render(report, "pdf")
    save_pngs(pdf, "docs-briefing-fr")
    pages = pdf_pages(pdf)
    assert "Table des matières" in pages[1] and "Voluntary" not in pages[1]
    assert all(f"Page {n} sur {len(pages)}" in page for n, page in enumerate(pages, 1) if n > 1)
    assert ("Vote à l’Assemblée générale", "14 octobre 2025") in report.cover
    text = _pdf_text(pdf)
    assert "Élection au Conseil des droits de l’homme 2025" in text
    assert "5 groupes régionaux sur 5 ont présenté des listes fermées" in text
    assert "liste fermée" in text and "États d’Europe orientale" in text
    # Slovenia's record comes from its 2025 review, read from the UN documents in the store.
    assert "Slovénie (SVN)" in text and "2025 (cycle 4)" in text  # named in French
    assert "hrw-2025" not in text and "Human Rights Watch" in text  # sources by name and address


def test_the_2016_briefing_in_spanish_and_english(slovenia_store: Engine) -> None:
    spanish = build_briefing(slovenia_store, election_data(), timeline(), 2016, "es", TODAY)
    document = Document(io.BytesIO(render(spanish, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Elección al Consejo de Derechos Humanos 2016" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "competitiva" in cells and "RUS" in cells and "112" in cells and "no elegido" in cells
    english = render(
        build_briefing(slovenia_store, election_data(), timeline(), 2016, "en", TODAY), "html"
    ).decode()
    assert "3 of 5 regional groups presented closed slates" in english
    assert "Margin (votes)" in english


def test_a_candidate_view_counts_consecutive_terms(slovenia_store: Engine) -> None:
    data, council = election_data(), timeline()
    russia = candidate_view(slovenia_store, data, council, 2016, "RUS")
    assert [m.elected_in for m in russia.past] == [2006, 2009, 2013] and russia.consecutive_terms == 1
    slovenia = candidate_view(slovenia_store, data, council, 2025, "SVN")
    assert [m.elected_in for m in slovenia.past] == [2007, 2015] and slovenia.consecutive_terms == 0
    assert slovenia.record.review is not None and slovenia.record.received == 254
    cuba = candidate_view(slovenia_store, data, council, 2023, "CUB")
    assert cuba.consecutive_terms == 1  # a member (2021–2023) standing for re-election
