"""A document any part of RightsTrack writes (a plan's reports, an election briefing): a cover,
titled sections of paragraphs, facts, lists, tables and charts, independent of the format it is
rendered in (:mod:`rightstrack.documents.formats` writes HTML, DOCX and PDF from it).

The documents layer sits beside the catalogues, not above them: every word a renderer prints
(the contents' heading, "page X of Y") comes in the report, already in its language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SLUG_LENGTH = 80  # a file name stays readable in a download bar and under every system's limit


def slug(*parts: str, length: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens ("Côte d’Ivoire" → "cote-d-ivoire"), bounded."""
    spaced = "".join(c if c.isalnum() else " " for c in " ".join(parts))  # "d’Ivoire": two words
    text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(words) <= length:
        return words
    return words[:length].rsplit("-", 1)[0] or words[:length]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # shares of the page width; None: fitted to the content
    numeric: tuple[int, ...] = ()  # columns of figures, aligned right

    def shares(self, line_chars: int = 72) -> list[float]:
        """The columns' shares of the width: as given, or by how much each column holds (a long
        text gets the room, a column of codes stays narrow); then no column narrower than its
        longest word, so no word is cut ("Paragr-aph"). ``line_chars``: the characters of cell
        text the full width holds."""
        given = self.widths or self._weights()
        floors = [min((self._longest_word(i) + 2) / line_chars, 0.3) for i in range(len(self.columns))]
        shares = [max(share, floor) for share, floor in zip(given, floors, strict=True)]
        excess = sum(shares) - 1
        if sum(floors) >= 1:  # too many columns for every word: each gets its floor's share
            return [floor / sum(floors) for floor in floors]
        if excess > 0:  # taken from the columns above their floor, in proportion to their slack
            slack = [share - floor for share, floor in zip(shares, floors, strict=True)]
            total = sum(slack) or 1
            shares = [share - excess * room / total for share, room in zip(shares, slack, strict=True)]
        return shares

    def _longest_word(self, index: int) -> float:
        """In characters of cell text; a heading's count 0.8 (headings are set smaller in wide tables)."""
        cells = max((len(w) for r in self.rows[:200] for w in r[index].split()), default=1)
        return max(cells, 0.8 * max((len(w) for w in self.columns[index].split()), default=1))

    def _weights(self) -> list[float]:
        weights = []
        for index in range(len(self.columns)):
            longest = max((len(row[index]) for row in self.rows[:200]), default=0)
            weights.append(min(max(longest, len(self.columns[index]), 4), 60) ** 0.8)
        total = sum(weights)
        return [w / total for w in weights]


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
    level: int = 1  # 1 and 2 are listed in the contents; 3 (one measure, say) is not
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value) lines, before the rest
    bullets: list[str] = field(default_factory=list)  # a list after the paragraphs (evidence, links)


@dataclass
class Labels:
    """Words the renderers print themselves, in the report's language."""

    contents: str = "Contents"
    page: str = "Page {page} of {pages}"


@dataclass
class Report:
    kind: str  # a ReportKind, or "briefing" (elections)
    locale: str
    title: str
    subtitle: str
    issued: str
    sections: list[Section]
    cover: list[tuple[str, str]] = field(default_factory=list)  # (label, value): state, period, date…
    footer: str = ""  # on every page: where the content comes from and when it was generated
    labels: Labels = field(default_factory=Labels)
    name: str = ""  # what the file is about, for its name ("slovenia-cycle-4")

    def filename(self, extension: str) -> str:
        about = slug(self.name) if self.name else ""
        stem = "-".join(
            part for part in (self.kind, "report" if self.kind != "briefing" else "", about) if part
        )
        return f"{stem}-{self.locale}.{extension}"
