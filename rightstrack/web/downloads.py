"""Answers that are files: a report or briefing (HTML shown, PDF/DOCX downloaded) and the
Content-Disposition every download carries, with a file name that says what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.responses import Response

from rightstrack.documents.formats import MEDIA_TYPES, html_style_source
from rightstrack.web.security import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from sqlalchemy import Engine


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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chart_about(engine: Engine) -> list[tuple[str, str]]:
    """When, from which data and by which RightsTrack, for a table's "About" sheet."""
    from datetime import UTC, datetime

    from rightstrack import __version__
    from rightstrack.analysis.coverage import store_coverage
    from rightstrack.store.database import data_state

    with engine.connect() as connection:
        version, _token = data_state(connection)
    return [
        ("generated (UTC)", datetime.now(UTC).replace(microsecond=0).isoformat()),
        ("data covers", store_coverage(engine).summary()),
        ("data version", str(version)),
        ("RightsTrack version", __version__),
    ]
