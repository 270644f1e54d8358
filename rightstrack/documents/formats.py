"""A report as HTML (Jinja2), DOCX (:mod:`.docx`) or PDF (:mod:`.pdf`), from one ``Report``."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from rightstrack.documents.model import Report

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "docx", "pdf")
URL = re.compile(r"https?://\S+")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@cache
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    environment.filters["b64"] = lambda data: base64.b64encode(data).decode()
    environment.filters["links"] = links
    return environment


def links(text: str) -> Markup:
    """The text escaped, its web addresses made links (evidence, sources)."""
    parts, last = [], 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;)")
        parts += [escape(text[last : match.start()]), Markup('<a href="{0}">{0}</a>').format(url)]
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@cache
def _style() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def html_style_source() -> str:
    """The CSP source that allows the HTML report's one inline stylesheet and nothing else (the
    app's policy refuses inline styles; the report must read as one file when saved)."""
    digest = base64.b64encode(hashlib.sha256(_style().encode()).digest()).decode()
    return f"'sha256-{digest}'"


def to_html(report: Report) -> bytes:
    return _environment().get_template("report.html").render(report=report, style=_style()).encode()


def to_docx(report: Report) -> bytes:
    from rightstrack.documents.docx import to_docx as write  # python-docx only where one is written

    return write(report)


def to_pdf(report: Report) -> bytes:
    from rightstrack.documents.pdf import to_pdf as write  # ReportLab only where one is written

    return write(report)


def render(report: Report, format_name: str) -> bytes:
    if format_name == "html":
        return to_html(report)
    if format_name == "docx":
        return to_docx(report)
    if format_name == "pdf":
        return to_pdf(report)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format_name!r}")
