"""A report as PDF (ReportLab): A4 portrait, a cover, the contents, headings in the PDF's outline,
tables whose columns wrap and whose header row repeats on every page, charts to the text's width,
and on every page but the cover a footer with the report's source and "page X of Y".

The PDF embeds DejaVu Sans (shipped with matplotlib), so that every character of the
recommendations' texts prints, not only those of the PDF standard fonts' Latin-1."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from rightstrack.documents import palette
from rightstrack.documents.model import Report, Section
from rightstrack.documents.model import Table as ReportTable

PAGE = A4
MARGIN = 2 * cm
WIDTH = PAGE[0] - 2 * MARGIN
URL = re.compile(r"https?://\S+")


@cache
def _fonts() -> tuple[str, str]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Oblique", str(folder / "DejaVuSans-Oblique.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


class _Styles:
    def __init__(self) -> None:
        regular, bold = _fonts()
        ink, accent = colors.HexColor(palette.INK), colors.HexColor(palette.ACCENT)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13.5, textColor=ink)
        self.body.spaceAfter = 5
        self.muted = ParagraphStyle("muted", parent=self.body, textColor=colors.HexColor(palette.MUTED))
        self.caption = ParagraphStyle(
            "caption", parent=self.muted, fontName="DejaVuSans-Oblique", fontSize=8, spaceBefore=2
        )
        self.bullet = ParagraphStyle("bullet", parent=self.body, leftIndent=12, bulletIndent=2, spaceAfter=2)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10.5, spaceAfter=0)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=2)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=bold, textColor=colors.white)
        self.head_number = ParagraphStyle("head_number", parent=self.head, alignment=2)
        self.small_head = ParagraphStyle("small_head", parent=self.head, fontSize=6.5, leading=8.5)
        self.small_head_number = ParagraphStyle("small_number", parent=self.small_head, alignment=2)
        self.fact_label = ParagraphStyle(
            "fact", parent=self.cell, fontName=bold, textColor=self.muted.textColor
        )
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=24, leading=30, textColor=accent, spaceAfter=14
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, fontSize=13, leading=18, spaceAfter=24)
        self.headings = {
            1: ParagraphStyle(
                "h1", fontName=bold, fontSize=15, leading=19, textColor=accent, spaceBefore=14, spaceAfter=8
            ),
            2: ParagraphStyle(
                "h2", fontName=bold, fontSize=12, leading=15, textColor=ink, spaceBefore=12, spaceAfter=5
            ),
            3: ParagraphStyle(
                "h3", fontName=bold, fontSize=10, leading=13, textColor=accent, spaceBefore=9, spaceAfter=3
            ),
        }
        self.toc: list[Any] = [
            ParagraphStyle("toc1", parent=self.body, fontName=bold, fontSize=10, leftIndent=0, spaceBefore=4),
            ParagraphStyle("toc2", parent=self.body, fontSize=9, leftIndent=14, spaceAfter=0),
        ]


def _text(value: str) -> str:
    """Escaped for ReportLab's mark-up, with web addresses as links."""
    parts, last = [], 0
    for match in URL.finditer(value):
        parts.append(escape(value[last : match.start()]))
        url = match.group(0).rstrip(".,;)")
        parts.append(
            f'<a href="{escape(url, {chr(34): "&quot;"})}" color="{palette.ACCENT}">{escape(url)}</a>'
        )
        parts.append(escape(match.group(0)[len(url) :]))
        last = match.end()
    parts.append(escape(value[last:]))
    return "".join(parts)


def _table(table: ReportTable, styles: _Styles) -> Flowable:
    wide = len(table.columns) > 6  # a smaller head, so that no column's heading is cut mid-word
    shares = table.shares(line_chars=95 if wide else 72)
    numeric = set(table.numeric)
    if wide:
        head_style, head_number = styles.small_head, styles.small_head_number
    else:
        head_style, head_number = styles.head, styles.head_number
    head = [
        Paragraph(_text(c), head_number if i in numeric else head_style) for i, c in enumerate(table.columns)
    ]
    body = [
        [Paragraph(_text(v), styles.number if i in numeric else styles.cell) for i, v in enumerate(row)]
        for row in table.rows
    ]
    grid = LongTable([head, *body], colWidths=[WIDTH * s for s in shares], repeatRows=1)
    commands: list[Any] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(palette.ACCENT)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor(palette.RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [
        ("BACKGROUND", (0, n), (-1, n), colors.HexColor(palette.ZEBRA)) for n in range(2, len(body) + 1, 2)
    ]
    grid.setStyle(TableStyle(commands))
    return grid


def _facts(facts: list[tuple[str, str]], styles: _Styles) -> Flowable:
    rows = [
        [Paragraph(_text(label), styles.fact_label), Paragraph(_text(value), styles.cell)]
        for label, value in facts
    ]
    grid = Table(rows, colWidths=[WIDTH * 0.26, WIDTH * 0.74])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return grid


def _chart(title: str, png: bytes, styles: _Styles) -> Flowable:
    image = Image(io.BytesIO(png))
    scale = min(WIDTH * 0.9 / image.drawWidth, (PAGE[1] * 0.4) / image.drawHeight)
    image.drawWidth, image.drawHeight = image.drawWidth * scale, image.drawHeight * scale
    return KeepTogether([image, Paragraph(_text(title), styles.caption), Spacer(1, 6)])


class _Heading(Paragraph):
    """A heading the contents and the PDF outline list (levels 1 and 2)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(_text(text), style)
        self.plain, self.level, self.key = text, level, key


def _section(section: Section, number: int, styles: _Styles) -> list[Flowable]:
    level = min(max(section.level, 1), 3)
    heading = _Heading(section.heading, styles.headings[level], level, f"s{number}")
    story: list[Flowable] = []
    if section.facts:
        story += [_facts(section.facts, styles), Spacer(1, 4)]
    story += [Paragraph(_text(p), styles.body) for p in section.paragraphs]
    story += [Paragraph(_text(b), styles.bullet, bulletText="•") for b in section.bullets]
    story += [_chart(c.title, c.png, styles) for c in section.charts]
    for table in section.tables:
        story += [_table(table, styles), Spacer(1, 8)]
    # A heading never ends a page alone: with less than 4 cm left it starts the next page.
    return [CondPageBreak(4 * cm), heading, *story]


class _Document(BaseDocTemplate):
    def __init__(self, output: io.BytesIO, report: Report) -> None:
        super().__init__(
            output,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=report.title,
            subject=report.subtitle,
            author="RightsTrack",
            lang=report.locale,
        )
        self.report = report
        frame = Frame(MARGIN, MARGIN, WIDTH, PAGE[1] - 2 * MARGIN, id="text")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading) and flowable.level <= 2:
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level - 1)
            self.notify("TOCEntry", (flowable.level - 1, escape(flowable.plain), self.page, flowable.key))

    def _cover_page(self, canvas: Canvas, _: object) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(palette.ACCENT))
        canvas.rect(0, PAGE[1] - 1.2 * cm, PAGE[0], 1.2 * cm, stroke=0, fill=1)
        canvas.rect(0, 0, PAGE[0], 0.5 * cm, stroke=0, fill=1)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, _: object) -> None:
        canvas.saveState()
        regular, _bold = _fonts()
        canvas.setStrokeColor(colors.HexColor(palette.RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE[1] - MARGIN + 0.5 * cm, PAGE[0] - MARGIN, PAGE[1] - MARGIN + 0.5 * cm)
        canvas.line(MARGIN, MARGIN - 0.45 * cm, PAGE[0] - MARGIN, MARGIN - 0.45 * cm)
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor(palette.MUTED))
        canvas.drawString(MARGIN, PAGE[1] - MARGIN + 0.7 * cm, self.report.title[:110])
        lines = simpleSplit(self.report.footer, regular, 7, WIDTH - 3.2 * cm)[:3]
        canvas.setFont(regular, 7)
        for n, line in enumerate(lines):
            canvas.drawString(MARGIN, MARGIN - 0.85 * cm - n * 9, line)
        canvas.restoreState()


def _numbered_canvas(label: str) -> type[Canvas]:
    """A canvas that writes "page X of Y" once the number of pages is known: each page is kept
    until the document is saved (ReportLab's usual way), the cover left unnumbered."""

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own, as showPage does

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self.getPageNumber() > 1:
                    self.setFont(_fonts()[0], 7.5)
                    self.setFillColor(colors.HexColor(palette.MUTED))
                    text = label.format(page=self.getPageNumber(), pages=total)
                    self.drawRightString(PAGE[0] - MARGIN, MARGIN - 0.85 * cm, text)
                super().showPage()
            super().save()

    return Numbered


def to_pdf(report: Report) -> bytes:
    styles = _Styles()
    story: list[Flowable] = [Spacer(1, 3 * cm), Paragraph(_text(report.title), styles.title)]
    story.append(Paragraph(_text(report.subtitle), styles.subtitle))
    if report.cover:
        cover = _facts(report.cover, styles)
        story.append(cover)
    story += [NextPageTemplate("body"), PageBreak()]
    contents = TableOfContents(levelStyles=styles.toc, dotsMinLevel=0)
    story += [Paragraph(_text(report.labels.contents), styles.headings[1]), contents, PageBreak()]
    for number, section in enumerate(report.sections):
        story += _section(section, number, styles)
    output = io.BytesIO()
    _Document(output, report).multiBuild(story, canvasmaker=_numbered_canvas(report.labels.page))
    return output.getvalue()
