"""Records of mechanisms other than the UPR, read at test time from a real UN document.

OHCHR's compilation for Slovenia's fourth review (A/HRC/WG.6/48/SVN/2, ``g2419943.pdf``) quotes
the treaty bodies' and special procedures' concluding observations and visit reports, each
paragraph with a footnote naming the document: CAT/C/SVN/CO/4, CEDAW/C/SVN/CO/7 and the Special
Rapporteur on the environment's visit report A/HRC/52/33/Add.2. The paragraphs below are stored
as those bodies' records, beside the UPR Info data the other fixtures load, through the store's
``merge_records`` as a UHRI export's loader would bring them. The compilation gives the year of
each document (2023), not the day: the records carry 1 January 2023 and the tests never depend
on the day.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Engine, select

from rightstrack import config
from rightstrack.domain import Mechanism, RecordKind, SourceFile, SourceRecord, Vocabulary
from rightstrack.ingest.merging import merge_records
from rightstrack.sources.pdftext import pdf_text
from rightstrack.store.schema import RecommendationRow

COMPILATION = config.ohchr_documents_dir() / "slovenia" / "cycle4" / "g2419943.pdf"
PUBLISHED = date(2023, 1, 1)


@dataclass(frozen=True)
class Quoted:
    paragraph: int  # in the compilation
    mechanism: Mechanism
    body: str
    kind: RecordKind
    symbol: str  # the footnote's document
    themes: tuple[str, ...] = ()  # UHRI themes, as the index would tag it


QUOTED = (
    Quoted(11, Mechanism.TREATY_BODY, "CAT", RecordKind.RECOMMENDATION, "CAT/C/SVN/CO/4"),
    Quoted(17, Mechanism.TREATY_BODY, "CAT", RecordKind.CONCERN, "CAT/C/SVN/CO/4"),
    Quoted(
        30,
        Mechanism.TREATY_BODY,
        "CEDAW",
        RecordKind.CONCERN,
        "CEDAW/C/SVN/CO/7",
        ("Right to health", "Discrimination against women"),
    ),
    Quoted(43, Mechanism.TREATY_BODY, "CEDAW", RecordKind.RECOMMENDATION, "CEDAW/C/SVN/CO/7"),
    Quoted(
        28,
        Mechanism.SPECIAL_PROCEDURE,
        "SR Environment",
        RecordKind.RECOMMENDATION,
        "A/HRC/52/33/Add.2",
        ("Safe drinking water & sanitation",),
    ),
)


@cache
def paragraphs() -> dict[int, str]:
    """The compilation's numbered paragraphs, their footnote numbers and page furniture removed."""
    text = pdf_text(COMPILATION)
    text = re.sub(r"\f\s*A/HRC/WG\.6/48/SVN/2\s*\n\s*\d+\s+GE\.24-19779\s*\n", " ", text)
    found: dict[int, str] = {}
    for number in {q.paragraph for q in QUOTED}:
        match = re.search(rf"\n\s*{number}\.\s+(.*?)(?=\n\s*{number + 1}\.\s)", text, re.S)
        assert match, f"paragraph {number} not found in {COMPILATION.name}"
        body = match.group(1).split("\n \n")[0]
        body = re.sub(r"\s+", " ", body).strip()
        found[number] = re.sub(r"(?<=[.;])\d{1,3}$", "", body).strip()
    return found


def source_records(sur: str = "SVN") -> list[SourceRecord]:
    """The quoted paragraphs as a UHRI export would state them."""
    texts = paragraphs()
    return [
        SourceRecord(
            locator=f"para. {quoted.paragraph}",
            mechanism=quoted.mechanism,
            body=quoted.body,
            kind=quoted.kind,
            sur=sur,
            text=texts[quoted.paragraph],
            published=PUBLISHED,
            document_symbol=quoted.symbol,
            paragraph=str(quoted.paragraph),
            tags=tuple((Vocabulary.UHRI_THEME, theme) for theme in quoted.themes),
        )
        for quoted in QUOTED
    ]


def add_other_mechanisms(engine: Engine, sur: str = "SVN") -> dict[int, int]:
    """Store the quoted paragraphs through the store's merge, as a loader does; paragraph → id."""
    data = COMPILATION.read_bytes()
    source = SourceFile(
        name=COMPILATION.name,
        kind="un-compilation",
        path=str(COMPILATION),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="pdf",
        rows_read=len(QUOTED),
    )
    with engine.begin() as connection:
        summary = merge_records(connection, source, source_records(sur))
        assert summary.changed, summary
        found = connection.execute(
            select(RecommendationRow.paragraph, RecommendationRow.id).where(
                RecommendationRow.sur_code == sur,
                RecommendationRow.document_symbol.in_({q.symbol for q in QUOTED}),
            )
        )
        return {int(paragraph): record_id for paragraph, record_id in found}
