"""Where a record comes from: every source's word on it, and the codings documents gave it.

Read for one record at a time (its page, its API resource, ``rightstrack show``), never for a
page of search results, which the hot path of :mod:`rightstrack.search.records` serves.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationIssueRow,
    RecommendationRow,
    RecommendationTagRow,
    SourceRow,
)


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
class Prediction:
    """A model's coding of a record no person coded: never shown as UPR Info's."""

    model: str
    issues: tuple[tuple[str, float], ...]  # (issue, calibrated score)
    action: int | None
    action_score: float | None


@dataclass(frozen=True)
class RecordSources:
    provenances: tuple[Provenance, ...]
    tags: dict[str, tuple[str, ...]]  # vocabulary → tags
    prediction: Prediction | None = None

    @property
    def conflicting(self) -> bool:
        """True where the sources give different responses."""
        return len({p.response for p in self.provenances if p.response}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "provenances": [asdict(p) for p in self.provenances],
            "tags": {vocabulary: list(tags) for vocabulary, tags in self.tags.items()},
            "conflicting_responses": self.conflicting,
            "prediction": asdict(self.prediction) if self.prediction else None,
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
        tuple(Provenance(*row) for row in rows),
        {vocabulary: tuple(t) for vocabulary, t in tags.items()},
        _prediction(connection, record_id),
    )


def _prediction(connection: Connection, record_id: int) -> Prediction | None:
    record = connection.execute(
        select(
            RecommendationRow.prediction_model,
            RecommendationRow.predicted_action,
            RecommendationRow.predicted_action_score,
        ).where(RecommendationRow.id == record_id)
    ).first()
    if record is None or record.prediction_model is None:
        return None
    issues = connection.execute(
        select(RecommendationIssueRow.issue, RecommendationIssueRow.score)
        .where(
            RecommendationIssueRow.recommendation_id == record_id,
            RecommendationIssueRow.coding == "predicted",
        )
        .order_by(RecommendationIssueRow.score.desc())
    ).all()
    return Prediction(
        record.prediction_model,
        tuple((issue, float(score or 0)) for issue, score in issues),
        record.predicted_action,
        record.predicted_action_score,
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
