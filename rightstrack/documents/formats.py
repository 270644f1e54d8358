"""A report as HTML (Jinja2), DOCX (python-docx) or PDF (ReportLab), from one ``Report``.

The PDF embeds DejaVu Sans (shipped with matplotlib), so that every character of the
recommendations' texts prints, not only those of the PDF standard fonts' Latin-1."""

from __future__ import annotations

import base64
import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from jinja2 import Environment, FileSystemLoader, select_autoescape
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from rightstrack.documents.model import Report, Table

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "docx", "pdf")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@cache
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    environment.filters["b64"] = lambda data: base64.b64encode(data).decode()
    return environment


def to_html(report: Report) -> bytes:
    return _environment().get_template("report.html").render(report=report).encode()


def to_docx(report: Report) -> bytes:
    # python-docx and matplotlib only where a document is written, not in every server.
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.8))
    document.core_properties.title = report.title
    document.core_properties.language = report.locale
    document.add_heading(report.title, 0)
    document.add_paragraph(report.subtitle)
    document.add_paragraph(report.issued)
    for part in report.sections:
        document.add_heading(part.heading, part.level)
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph)
        for chart in part.charts:
            document.add_picture(io.BytesIO(chart.png), width=Cm(16))
            document.add_paragraph(chart.title).runs[0].italic = True
        for table in part.tables:
            _docx_table(document, table)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _docx_table(document: object, table: Table) -> None:
    from docx.shared import Pt

    grid = document.add_table(rows=1, cols=len(table.columns))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = column
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    document.add_paragraph()  # type: ignore[attr-defined]


@cache
def _fonts() -> tuple[str, str]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def to_pdf(report: Report) -> bytes:
    regular, bold = _fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=regular, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=7, leading=9)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    headings = {
        0: ParagraphStyle("h0", parent=styles["Title"], fontName=bold, fontSize=16, leading=20),
        1: ParagraphStyle("h1", parent=styles["Heading2"], fontName=bold),
        2: ParagraphStyle("h2", parent=styles["Heading3"], fontName=bold),
    }
    page = landscape(A4)
    width = page[0] - 3.6 * cm
    story: list[Flowable] = [
        Paragraph(escape(report.title), headings[0]),
        Paragraph(escape(report.subtitle), body),
        Paragraph(escape(report.issued), body),
    ]
    for part in report.sections:
        story.append(Paragraph(escape(part.heading), headings[min(part.level, 2)]))
        story.extend(Paragraph(escape(p), body) for p in part.paragraphs)
        for chart in part.charts:
            image = Image(io.BytesIO(chart.png))
            scale = min(1.0, (width * 0.75) / image.drawWidth, (page[1] * 0.6) / image.drawHeight)
            image.drawWidth, image.drawHeight = image.drawWidth * scale, image.drawHeight * scale
            story.append(image)
        for table in part.tables:
            story.append(_pdf_table(table, width, cell, head))
            story.append(Spacer(1, 0.3 * cm))
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=page,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=report.title,
        lang=report.locale,
    )
    document.build(story)
    return output.getvalue()


def _pdf_table(table: Table, width: float, cell: ParagraphStyle, head: ParagraphStyle) -> LongTable:
    shares = table.widths or [1 / len(table.columns)] * len(table.columns)
    data = [[Paragraph(escape(c), head) for c in table.columns]]
    data += [[Paragraph(escape(value), cell) for value in row] for row in table.rows]
    grid = LongTable(data, colWidths=[width * share for share in shares], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF2F5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


def render(report: Report, format_name: str) -> bytes:
    if format_name == "html":
        return to_html(report)
    if format_name == "docx":
        return to_docx(report)
    if format_name == "pdf":
        return to_pdf(report)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format_name!r}")
