"""A report as DOCX (python-docx): A4 portrait, a cover page, a table of contents (a Word field,
filled with the headings so it reads before Word updates it, and marked to update on opening),
Heading 1–3 styles, tables whose header row repeats on every page and whose rows do not split,
and a footer with the report's source and "page X of Y" (PAGE and NUMPAGES fields)."""

from __future__ import annotations

import io
from typing import Any

from rightstrack.documents import palette
from rightstrack.documents.model import Report, Section, Table

TEXT_WIDTH_CM = 17.0  # A4 less two margins of 2 cm


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A field (PAGE, NUMPAGES, TOC) in one paragraph, showing ``shown`` until Word computes it."""
    for part in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if part == "instr":
            code = _element("w:instrText")
            code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif part == "text":
            run.text = shown
        else:
            run._r.append(_element("w:fldChar", fldCharType=part))


def _shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", val="clear", color="auto", fill=fill.lstrip("#")))


def _styles(document: Any) -> None:
    from docx.shared import Pt, RGBColor

    accent = RGBColor.from_string(palette.ACCENT.lstrip("#"))
    ink = RGBColor.from_string(palette.INK.lstrip("#"))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = "Calibri", Pt(10), ink
    for name, size, colour in (
        ("Title", 26, accent),
        ("Heading 1", 16, accent),
        ("Heading 2", 13, ink),
        ("Heading 3", 11, accent),
    ):
        style = document.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), colour
        style.font.bold = name != "Title"


def _footer(document: Any, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover has no footer
    footer = section.footer
    source = footer.paragraphs[0]
    source.text = report.footer
    numbers = footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, _, rest = report.labels.page.partition("{page}")
    between, _, after = rest.partition("{pages}")
    numbers.add_run(before)
    _field(numbers, "PAGE", "1")
    numbers.add_run(between)
    _field(numbers, "NUMPAGES", "1")
    numbers.add_run(after)
    for paragraph in footer.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(7.5)
    header = section.header.paragraphs[0]
    header.text = report.title
    header.runs[0].font.size = Pt(7.5)


def _contents(document: Any, report: Report) -> None:
    """The TOC field, showing the headings (levels 1–2) until Word or LibreOffice updates it."""
    document.add_heading(report.labels.contents, 1)
    listed = [s for s in report.sections if s.level <= 2]
    paragraph = document.add_paragraph()
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', listed[0].heading if listed else "")
    for section in listed[1:]:
        document.add_paragraph(("    " if section.level == 2 else "") + section.heading)
    settings = document.settings.element
    settings.append(_element("w:updateFields", val="true"))
    document.add_page_break()


def _table(document: Any, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    shares = table.shares()
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    head = grid.rows[0]
    head._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))
    for cell, column in zip(head.cells, table.columns, strict=True):
        cell.text = column
        run = cell.paragraphs[0].runs[0]
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, palette.ACCENT)
    for number, row in enumerate(table.rows):
        cells = grid.add_row()
        cells._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))
        for cell, value in zip(cells.cells, row, strict=True):
            cell.text = value
            if number % 2:
                _shade(cell, palette.ZEBRA)
    for row in grid.rows:
        for index, (cell, share) in enumerate(zip(row.cells, shares, strict=True)):
            cell.width = Cm(TEXT_WIDTH_CM * share)
            for paragraph in cell.paragraphs:
                if index in table.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    document.add_paragraph()


def _section(document: Any, section: Section) -> None:
    from docx.shared import Cm

    document.add_heading(section.heading, min(max(section.level, 1), 3))
    for label, value in section.facts:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
        line.paragraph_format.space_after = 0
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    for bullet in section.bullets:
        document.add_paragraph(bullet, style="List Bullet")
    for chart in section.charts:
        document.add_picture(io.BytesIO(chart.png), width=Cm(TEXT_WIDTH_CM - 1))
        document.add_paragraph(chart.title, style="Caption")
    for table in section.tables:
        _table(document, table)


def to_docx(report: Report) -> bytes:
    # python-docx only where a document is written, not in every server.
    from docx import Document
    from docx.shared import Cm

    document: Any = Document()
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, margin, Cm(2))
    document.core_properties.title = report.title
    document.core_properties.subject = report.subtitle
    document.core_properties.author = "RightsTrack"
    document.core_properties.language = report.locale
    _styles(document)
    _footer(document, report)
    for _ in range(4):
        document.add_paragraph()
    document.add_paragraph(report.title, style="Title")
    document.add_paragraph(report.subtitle, style="Subtitle")
    for label, value in report.cover:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    document.add_page_break()
    _contents(document, report)
    for section in report.sections:
        _section(document, section)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
