"""Merging recommendations read from UN documents into the store.

A recommendation may already be stored from another source: a UPR Info export, the Working Group
report, an OHCHR matrix. Within one state under review and session, each incoming text is paired
with a stored one by normalised-text similarity (:mod:`rightstrack.sources.textpairs`); a pair is
one record with one more provenance. A record keeps the response it has; a source that gives a
different one is stored in its provenance and reported as a conflict, never written over it. A
record without a response (a report's "to be examined") takes the first response a source gives.

Idempotent: a source's paragraph that already has its provenance is left as it is.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from rightstrack.domain import DocumentRecommendation, RecordKind, SourceFile, text_key
from rightstrack.reference.sessions import session as session_info
from rightstrack.sources.textpairs import best_pairs, comparable
from rightstrack.store.database import bump_data_version
from rightstrack.store.fulltext import index_text
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
)
from rightstrack.store.writing import source_id_for


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
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.merged or self.responses_filled or self.tags_added)


@dataclass
class _Stored:
    id: int
    text: str
    response: str | None
    states: set[str]
    tags: set[tuple[str, str]]


def _document_key(record: DocumentRecommendation, occurrence: int) -> str:
    parts = ("document", record.sur, str(record.session), text_key(record.text), str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _stored(connection: Connection, sur: str, session: int) -> list[_Stored]:
    rows = connection.execute(
        select(RecommendationRow.id, RecommendationRow.text, RecommendationRow.response).where(
            RecommendationRow.sur_code == sur,
            RecommendationRow.session == session,
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
        )
    ).all()
    found = {row.id: _Stored(row.id, row.text, row.response, set(), set()) for row in rows}
    if not found:
        return []
    ids = list(found)
    for rec_id, code in connection.execute(
        select(RecommenderRow.recommendation_id, RecommenderRow.state_code).where(
            RecommenderRow.recommendation_id.in_(ids)
        )
    ):
        if code:
            found[rec_id].states.add(code)
    for rec_id, vocabulary, tag in connection.execute(
        select(
            RecommendationTagRow.recommendation_id, RecommendationTagRow.vocabulary, RecommendationTagRow.tag
        ).where(RecommendationTagRow.recommendation_id.in_(ids))
    ):
        found[rec_id].tags.add((vocabulary, tag))
    return list(found.values())


def _already_from(connection: Connection, source_id: int) -> dict[str, int]:
    """Paragraph → record of what this source has already given."""
    rows = connection.execute(
        select(ProvenanceRow.locator, ProvenanceRow.recommendation_id).where(
            ProvenanceRow.source_id == source_id
        )
    )
    return {locator: rec_id for locator, rec_id in rows}


def merge_documents(
    connection: Connection, source: SourceFile, records: list[DocumentRecommendation]
) -> MergeSummary:
    """Store what one document says, inside the caller's transaction."""
    source_id = source_id_for(connection, source)
    summary = MergeSummary()
    done = _already_from(connection, source_id)
    pending = [r for r in records if r.paragraph not in done]
    summary.unchanged = len(records) - len(pending)
    by_review: dict[tuple[str, int], list[DocumentRecommendation]] = defaultdict(list)
    for record in pending:
        by_review[(record.sur, record.session)].append(record)
    for (sur, session), incoming in by_review.items():
        _merge_review(connection, source_id, sur, session, incoming, summary)
    if summary.changed:
        bump_data_version(connection)
    return summary


def _merge_review(
    connection: Connection,
    source_id: int,
    sur: str,
    session: int,
    incoming: list[DocumentRecommendation],
    summary: MergeSummary,
) -> None:
    stored = _stored(connection, sur, session)
    pairs = best_pairs([comparable(r.text) for r in incoming], [comparable(s.text) for s in stored])
    matched = {i: stored[j] for i, j, _ in pairs}
    info = session_info(session)
    occurrences: dict[str, int] = defaultdict(int)
    for i, record in enumerate(incoming):
        target = matched.get(i)
        response = record.response.value if record.response else None
        if target is None:
            key_text = text_key(record.text)
            occurrence = occurrences[key_text]
            occurrences[key_text] += 1
            rec_id = int(
                connection.execute(
                    insert(RecommendationRow)
                    .values(
                        natural_key=_document_key(record, occurrence),
                        kind=RecordKind.RECOMMENDATION.value,
                        sur_code=sur,
                        session=session,
                        cycle=info.cycle,
                        year=info.year,
                        text=record.text,
                        search_text=index_text(record.text),
                        response=response,
                        response_comment=record.comment,
                        action_category=None,
                        document_symbol=record.document_symbol,
                        paragraph=record.paragraph,
                    )
                    .returning(RecommendationRow.id)
                ).scalar_one()
            )
            target = _Stored(rec_id, record.text, response, set(), set())
            stored.append(target)
            summary.added += 1
        else:
            summary.merged += 1
            changes: dict[str, Any] = {}
            if target.response is None and response is not None:
                changes["response"] = response
                if record.comment:
                    changes["response_comment"] = record.comment
                target.response = response
                summary.responses_filled += 1
            elif response is not None and target.response != response:
                summary.conflicts.append(
                    Conflict(target.id, record.paragraph, target.response or "", response, record.text)
                )
            if changes:
                connection.execute(
                    update(RecommendationRow).where(RecommendationRow.id == target.id).values(**changes)
                )
            _fill_location(connection, target.id, record)
        _add_provenance(connection, source_id, target.id, record)
        # Once each: a recommending state is one row of a record however often a source names it.
        new_states = [code for code in dict.fromkeys(record.recommenders) if code not in target.states]
        for code in new_states:
            connection.execute(
                insert(RecommenderRow).values(
                    recommendation_id=target.id,
                    state_code=code,
                    state_key=code,
                    source_id=source_id,
                    occurrence=0,
                    line=record.line,
                )
            )
            target.states.add(code)
        summary.recommenders_added += len(new_states)
        new_tags = [(v.value, t) for v, t in dict.fromkeys(record.tags) if (v.value, t) not in target.tags]
        if new_tags:
            connection.execute(
                insert(RecommendationTagRow),
                [
                    {"recommendation_id": target.id, "vocabulary": v, "tag": t, "coding": "human"}
                    for v, t in new_tags
                ],
            )
            target.tags.update(new_tags)
            summary.tags_added += len(new_tags)


def _fill_location(connection: Connection, record_id: int, record: DocumentRecommendation) -> None:
    """A record first read from an export learns its document symbol and paragraph."""
    if record.document_symbol is None:
        return
    connection.execute(
        update(RecommendationRow)
        .where(RecommendationRow.id == record_id, RecommendationRow.document_symbol.is_(None))
        .values(document_symbol=record.document_symbol, paragraph=record.paragraph)
    )


def _add_provenance(
    connection: Connection, source_id: int, record_id: int, record: DocumentRecommendation
) -> None:
    connection.execute(
        insert(ProvenanceRow).values(
            recommendation_id=record_id,
            source_id=source_id,
            locator=record.paragraph,
            document_symbol=record.document_symbol,
            position=record.position,
            response=record.response.value if record.response else None,
            position_source=record.position_source,
            comment=record.comment,
        )
    )


__all__ = ["Conflict", "MergeSummary", "merge_documents"]
