"""Text of a PDF, page by page, through pypdf (pure Python, maintained, no system libraries)."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

# pypdf logs every repaired cross-reference of a damaged file; what matters is raised below.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class UnreadablePdfError(ValueError):
    pass


def pdf_text(path: Path, max_pages: int | None = None) -> str:
    """The text of the first ``max_pages`` pages (all by default), a form feed between pages so
    that running headers and footers stay on lines of their own."""
    try:
        reader = PdfReader(path)
        pages = reader.pages if max_pages is None else reader.pages[:max_pages]
        return "\f".join(page.extract_text() or "" for page in pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadablePdfError(f"{path.name}: not a readable PDF ({exc})") from exc
