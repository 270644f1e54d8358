"""Predicted issues and action categories for stored recommendations that no person has coded.

Records read from UN documents carry no UPR Info issues or action category. The trained models
give them both, stored as *predicted* with the model's version and score, beside (never in place
of) human coding: a record coded by a person is left alone. Re-running with the same models
changes nothing; a new model version replaces its predecessor's predictions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, exists, insert, or_, select, update

from rightstrack.classify.models import TrainedModels
from rightstrack.classify.tagging import tag_texts
from rightstrack.domain import RecordKind
from rightstrack.store.database import bump_data_version
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow

PREDICTED = "predicted"
BATCH = 2000


@dataclass(frozen=True)
class PredictionSummary:
    records: int
    issues: int
    model: str


def predict_untagged(engine: Engine, models: TrainedModels) -> PredictionSummary:
    human = exists().where(
        RecommendationIssueRow.recommendation_id == RecommendationRow.id,
        RecommendationIssueRow.coding == "human",
    )
    with engine.connect() as connection:
        rows = connection.execute(
            select(RecommendationRow.id, RecommendationRow.text)
            .where(
                RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
                ~human,
                or_(
                    RecommendationRow.prediction_model.is_(None),
                    RecommendationRow.prediction_model != models.version,
                ),
            )
            .order_by(RecommendationRow.id)
        ).all()
    issues = 0
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            ids = [row.id for row in batch]
            tagged = tag_texts(models, [row.text for row in batch])
            connection.execute(
                delete(RecommendationIssueRow).where(
                    RecommendationIssueRow.recommendation_id.in_(ids),
                    RecommendationIssueRow.coding == PREDICTED,
                )
            )
            issue_rows = [
                {
                    "recommendation_id": rid,
                    "issue": s.label,
                    "coding": PREDICTED,
                    "score": s.score,
                    "model": models.version,
                }
                for rid, found in zip(ids, tagged, strict=True)
                for s in found.issues
            ]
            if issue_rows:
                connection.execute(insert(RecommendationIssueRow), issue_rows)
            issues += len(issue_rows)
            for rid, found in zip(ids, tagged, strict=True):
                connection.execute(
                    update(RecommendationRow)
                    .where(RecommendationRow.id == rid)
                    .values(
                        predicted_action=found.action,
                        predicted_action_score=found.action_score,
                        prediction_model=models.version,
                    )
                )
        if rows:
            bump_data_version(connection)
    return PredictionSummary(len(rows), issues, models.version)
