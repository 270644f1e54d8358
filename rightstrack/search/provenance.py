"""Where a record comes from: every source's word on it, and the codings documents gave it.

Read for one record at a time (its page, its API resource, ``rightstrack show``), never for a
page of search results, which the hot path of :mod:`rightstrack.search.records` serves.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.store.schema import ProvenanceRow, RecommendationRow, RecommendationTagRow, SourceRow


@dataclass(frozen=True)
class Provenance:
    source: str  # the document symbol or file name
    kind: str  # "upr-info-csv", "wg-report", "wg-addendum", "ohchr-matrix"
    locator: str  # "140.7" or "line 812"
    position: str | None
    response: str | None
    position_source: str | None
    comment: str | None


@dataclass(frozen=True)
class RecordSources:
    provenances: tuple[Provenance, ...]
    tags: dict[str, tuple[str, ...]]  # vocabulary → tags

    @property
    def conflicting(self) -> bool:
        """True where the sources give different responses."""
        return len({p.response for p in self.provenances if p.response}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "provenances": [asdict(p) for p in self.provenances],
            "tags": {vocabulary: list(tags) for vocabulary, tags in self.tags.items()},
            "conflicting_responses": self.conflicting,
        }


def record_sources(connection: Connection, record_id: int) -> RecordSources:
    rows = connection.execute(
        select(
            SourceRow.name,
            SourceRow.kind,
            ProvenanceRow.locator,
            ProvenanceRow.position,
            ProvenanceRow.response,
            ProvenanceRow.position_source,
            ProvenanceRow.comment,
        )
        .join(SourceRow, SourceRow.id == ProvenanceRow.source_id)
        .where(ProvenanceRow.recommendation_id == record_id)
        .order_by(ProvenanceRow.id)
    )
    tags: dict[str, list[str]] = {}
    for vocabulary, tag in connection.execute(
        select(RecommendationTagRow.vocabulary, RecommendationTagRow.tag)
        .where(RecommendationTagRow.recommendation_id == record_id)
        .order_by(RecommendationTagRow.vocabulary, RecommendationTagRow.tag)
    ):
        tags.setdefault(vocabulary, []).append(tag)
    return RecordSources(
        tuple(Provenance(*row) for row in rows), {vocabulary: tuple(t) for vocabulary, t in tags.items()}
    )


def conflicting_records(connection: Connection, sur: str | None = None) -> list[tuple[int, str, list[str]]]:
    """(record id, text, the responses its sources give) for records whose sources disagree."""
    query = (
        select(ProvenanceRow.recommendation_id, RecommendationRow.text, ProvenanceRow.response)
        .join(RecommendationRow, RecommendationRow.id == ProvenanceRow.recommendation_id)
        .where(ProvenanceRow.response.is_not(None))
    )
    if sur:
        query = query.where(RecommendationRow.sur_code == sur)
    responses: dict[int, tuple[str, set[str]]] = {}
    for record_id, text, response in connection.execute(query):
        if response:
            responses.setdefault(record_id, (text, set()))[1].add(response)
    return [(rid, text, sorted(found)) for rid, (text, found) in sorted(responses.items()) if len(found) > 1]
