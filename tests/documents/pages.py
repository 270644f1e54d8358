"""Reading rendered documents back: PDF text and pages (pypdf), pages as PNG (pypdfium2) into
test-artifacts/ to be looked at, DOCX paragraphs, tables and fields (python-docx)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def save_pngs(data: bytes, name: str, pages: int = 99) -> list[Path]:
    """The PDF's first ``pages`` pages as PNG at 100 dpi (``name-p1.png`` …), for a person to look at."""
    import pypdfium2

    ARTIFACTS.mkdir(exist_ok=True)
    for stale in ARTIFACTS.glob(f"{name}-p*.png"):  # a shorter document leaves no page of a longer one
        stale.unlink()
    document = pypdfium2.PdfDocument(data)
    paths = []
    for number in range(min(len(document), pages)):
        path = ARTIFACTS / f"{name}-p{number + 1}.png"
        document[number].render(scale=100 / 72).to_pil().save(path)
        paths.append(path)
    document.close()
    return paths


def docx_xml(data: bytes) -> str:
    """The main part's XML (fields, repeated header rows and page breaks are only seen there)."""
    return Document(io.BytesIO(data)).element.xml


def docx_footer_xml(data: bytes) -> str:
    return Document(io.BytesIO(data)).sections[0].footer._element.xml
