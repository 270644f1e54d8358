"""A document any part of RightsTrack writes (a plan's reports, an election briefing): titled
sections of paragraphs, tables and charts, independent of the format it is rendered in
(:mod:`rightstrack.documents.formats` writes HTML, DOCX and PDF from it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # shares of the page width


@dataclass
class Chart:
    title: str
    png: bytes


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    level: int = 1


@dataclass
class Report:
    kind: str  # a ReportKind, or "briefing" (elections)
    locale: str
    title: str
    subtitle: str
    issued: str
    sections: list[Section]

    def filename(self, extension: str) -> str:
        return f"{self.kind}-report-{self.locale}.{extension}"
