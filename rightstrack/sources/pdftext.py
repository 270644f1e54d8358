"""Text of a PDF, page by page, through pypdf (pure Python, maintained, no system libraries)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError


class UnreadablePdfError(ValueError):
    pass


def pdf_text(path: Path) -> str:
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadablePdfError(f"{path.name}: not a readable PDF ({exc})") from exc
    # A form feed between pages, so that running headers and footers stay on lines of their own.
    return "\f".join(pages)
