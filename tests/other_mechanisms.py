"""Records of mechanisms other than the UPR, read at test time from a real UN document.

OHCHR's compilation for Slovenia's fourth review (A/HRC/WG.6/48/SVN/2, ``g2419943.pdf``) quotes
the treaty bodies' and special procedures' concluding observations and visit reports, each
paragraph with a footnote naming the document: CAT/C/SVN/CO/4, CEDAW/C/SVN/CO/7 and the Special
Rapporteur on the environment's visit report A/HRC/52/33/Add.2. The paragraphs below are stored
as those bodies' records, beside the UPR Info data the other fixtures load, as a UHRI export
would bring them. The compilation gives the year of each document (2023), not the day: the
records carry 1 January 2023 and the tests never depend on the day.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, insert, select

from rightstrack import config
from rightstrack.domain import Mechanism, RecordKind, Vocabulary
from rightstrack.sources.pdftext import pdf_text
from rightstrack.store.database import bump_data_version
from rightstrack.store.fulltext import index_text
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationRow,
    RecommendationTagRow,
    SourceRow,
)

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


def add_other_mechanisms(engine: Engine, sur: str = "SVN") -> dict[int, int]:
    """Store the quoted paragraphs as their bodies' records; paragraph → record id."""
    texts = paragraphs()
    data = Path(COMPILATION).read_bytes()
    with engine.begin() as connection:
        source_id = connection.execute(
            insert(SourceRow).values(
                name=COMPILATION.name,
                kind="un-compilation",
                path=str(COMPILATION),
                sha256=hashlib.sha256(data).hexdigest(),
                encoding="pdf",
                rows_read=len(QUOTED),
                imported_at=datetime.now(UTC).replace(tzinfo=None),
            )
        ).inserted_primary_key[0]
        ids: dict[int, int] = {}
        for quoted in QUOTED:
            text = texts[quoted.paragraph]
            key = hashlib.sha256(f"{quoted.symbol}\x1f{quoted.paragraph}".encode()).hexdigest()
            connection.execute(
                insert(RecommendationRow).values(
                    natural_key=key,
                    kind=quoted.kind.value,
                    sur_code=sur,
                    mechanism=quoted.mechanism.value,
                    body=quoted.body,
                    session=None,
                    cycle=None,
                    year=PUBLISHED.year,
                    published=PUBLISHED,
                    text=text,
                    search_text=index_text(text),
                    document_symbol=quoted.symbol,
                    paragraph=str(quoted.paragraph),
                )
            )
            record_id = connection.execute(
                select(RecommendationRow.id).where(RecommendationRow.natural_key == key)
            ).scalar_one()
            ids[quoted.paragraph] = record_id
            connection.execute(
                insert(ProvenanceRow).values(
                    recommendation_id=record_id,
                    source_id=source_id,
                    locator=f"para. {quoted.paragraph}",
                    document_symbol=quoted.symbol,
                )
            )
            for theme in quoted.themes:
                connection.execute(
                    insert(RecommendationTagRow).values(
                        recommendation_id=record_id, vocabulary=Vocabulary.UHRI_THEME.value, tag=theme
                    )
                )
        bump_data_version(connection)
    return ids
