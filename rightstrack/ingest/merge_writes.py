"""What a merge writes for one chunk of records: a few statements, one per table.

Kept apart from :mod:`rightstrack.ingest.merging`, which decides what pairs with what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.engine import Connection

from rightstrack.domain import SourceRecord
from rightstrack.ingest.merge_reads import Stored
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationIssueRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
)


@dataclass(frozen=True)
class Conflict:
    record_id: int
    paragraph: str
    stored: str
    incoming: str
    text: str

    def __str__(self) -> str:
        return (
            f"record {self.record_id} (paragraph {self.paragraph}): stored response {self.stored!r}, "
            f"this source says {self.incoming!r}: {self.text[:70]}"
        )


@dataclass
class MergeSummary:
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    responses_filled: int = 0
    recommenders_added: int = 0
    tags_added: int = 0
    issues_added: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    # Records that could not be stored, with the reason (an unknown session, no date at all).
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.merged or self.responses_filled or self.tags_added or self.issues_added
        )


def response_of(record: SourceRecord) -> str | None:
    return record.response.value if record.response else None


_FILL = (
    update(RecommendationRow)
    .where(RecommendationRow.id == bindparam("target"))
    .values(
        response=bindparam("response"),
        response_comment=bindparam("response_comment"),
        action_category=bindparam("action_category"),
        published=bindparam("published"),
        uhri_id=bindparam("uhri_id"),
        document_symbol=bindparam("document_symbol"),
        paragraph=bindparam("paragraph"),
    )
)


@dataclass
class RowWrites:
    """Rows to add for one chunk, written with one statement per table."""

    fills: list[dict[str, Any]] = field(default_factory=list)
    provenances: list[dict[str, Any]] = field(default_factory=list)
    recommenders: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)

    def fill(self, target: Stored, record: SourceRecord, summary: MergeSummary) -> None:
        """What the stored record lacks, from this source; a different response is a conflict."""
        response = response_of(record)
        values = {
            "target": target.id,
            "response": target.response,
            "response_comment": target.response_comment,
            "action_category": target.action_category,
            "published": target.published,
            "uhri_id": target.uhri_id,
            "document_symbol": target.document_symbol,
            "paragraph": target.paragraph,
        }
        changed = False
        if target.response is None and response is not None:
            values.update(response=response, response_comment=record.comment or target.response_comment)
            target.response = response
            summary.responses_filled += 1
            changed = True
        elif response is not None and target.response != response:
            summary.conflicts.append(
                Conflict(
                    target.id,
                    record.paragraph or record.locator,
                    target.response or "",
                    response,
                    record.text,
                )
            )
        for name, incoming in (
            ("action_category", record.action_category),
            ("published", record.published),
            ("uhri_id", record.uhri_id),
        ):
            if values[name] is None and incoming is not None:
                values[name] = incoming
                setattr(target, name, incoming)
                changed = True
        if target.document_symbol is None and record.document_symbol is not None:
            values.update(document_symbol=record.document_symbol, paragraph=record.paragraph)
            target.document_symbol, target.paragraph = record.document_symbol, record.paragraph
            changed = True
        if changed:
            self.fills.append(values)

    def attach(self, target: Stored, record: SourceRecord, source_id: int, summary: MergeSummary) -> None:
        """This source's provenance, and the recommending states, tags and issues it adds."""
        self.provenances.append(
            {
                "recommendation_id": target.id,
                "source_id": source_id,
                "locator": record.locator,
                "document_symbol": record.document_symbol,
                "position": record.position,
                "response": response_of(record),
                "position_source": record.position_source,
                "comment": record.comment,
            }
        )
        # Once each: a recommending state is one row of a record however often a source names it.
        for code in dict.fromkeys(record.recommenders):
            if code not in target.states:
                target.states.add(code)
                self.recommenders.append(
                    {
                        "recommendation_id": target.id,
                        "state_code": code,
                        "state_key": code,
                        "source_id": source_id,
                        "occurrence": 0,
                        "line": record.line,
                    }
                )
                summary.recommenders_added += 1
        for vocabulary, tag in dict.fromkeys(record.tags):
            if (vocabulary.value, tag) not in target.tags:
                target.tags.add((vocabulary.value, tag))
                self.tags.append(
                    {
                        "recommendation_id": target.id,
                        "vocabulary": vocabulary.value,
                        "tag": tag,
                        "coding": "human",
                    }
                )
                summary.tags_added += 1
        for issue in dict.fromkeys(record.issues):
            if issue not in target.issues:
                target.issues.add(issue)
                self.issues.append({"recommendation_id": target.id, "issue": issue, "coding": "human"})
                summary.issues_added += 1

    def flush(self, connection: Connection) -> None:
        if self.fills:
            connection.execute(_FILL, self.fills)
        for table, rows in (
            (ProvenanceRow, self.provenances),
            (RecommenderRow, self.recommenders),
            (RecommendationTagRow, self.tags),
            (RecommendationIssueRow, self.issues),
        ):
            if rows:
                connection.execute(insert(table), rows)
