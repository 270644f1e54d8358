"""Answers that are files: a report or briefing (HTML shown, PDF/DOCX downloaded) and the
Content-Disposition every download carries, with a file name that says what it holds."""

from __future__ import annotations

from fastapi.responses import Response

from rightstrack.documents.formats import MEDIA_TYPES, html_style_source
from rightstrack.web.security import CONTENT_SECURITY_POLICY


def disposition(filename: str, inline: bool = False) -> dict[str, str]:
    """The header for a file name made of safe ASCII characters (``documents.model.slug``)."""
    return {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{filename}"'}


def document_response(body: bytes, format_name: str, filename: str, inline: bool = False) -> Response:
    headers = disposition(filename, inline)
    if format_name == "html":
        # The report is one self-contained file: its one stylesheet is allowed by its hash.
        policy = CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", f"style-src 'self' {html_style_source()}"
        )
        headers["Content-Security-Policy"] = policy
    return Response(body, media_type=MEDIA_TYPES[format_name], headers=headers)
