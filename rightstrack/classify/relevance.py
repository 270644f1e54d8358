"""Stored recommendations that concern elections but are not coded ``Elections``: a review list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, exists, select

from rightstrack.classify.elections import ELECTIONS, election_relevance
from rightstrack.classify.models import TrainedModels
from rightstrack.domain import RecordKind
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow


@dataclass(frozen=True)
class Candidate:
    id: int
    sur: str
    session: int | None  # None for other mechanisms' records
    text: str
    score: float
    terms: tuple[str, ...]


def uncoded_election_recommendations(
    engine: Engine, models: TrainedModels, threshold: float = 0.3
) -> list[Candidate]:
    """Recommendations no one coded ``Elections`` (human coding) whose relevance reaches
    ``threshold``, most relevant first."""
    coded = exists().where(
        RecommendationIssueRow.recommendation_id == RecommendationRow.id,
        RecommendationIssueRow.issue == ELECTIONS,
        RecommendationIssueRow.coding == "human",
    )
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                RecommendationRow.id,
                RecommendationRow.sur_code,
                RecommendationRow.session,
                RecommendationRow.text,
            )
            .where(RecommendationRow.kind == RecordKind.RECOMMENDATION.value, ~coded)
            .order_by(RecommendationRow.id)
        ).all()
    relevance = election_relevance(models, [row.text for row in rows])
    found = [
        Candidate(row.id, row.sur_code, row.session, row.text, r.score, r.terms)
        for row, r in zip(rows, relevance, strict=True)
        if r.score >= threshold
    ]
    return sorted(found, key=lambda c: -c.score)
