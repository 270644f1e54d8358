"""Independent assessments: an NHRI's or NGO's own view of each recommendation's implementation,
with its sources. Kept apart from the government's progress reports, which they never change;
each assessor edits only its own."""

from __future__ import annotations

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.errors import Forbidden, InvalidInput, NotFound
from rightstrack.history import Recorder, now
from rightstrack.store.tracking_schema import AssessmentRow, PlanRecommendationRow
from rightstrack.tracking.access import plan_access
from rightstrack.tracking.inputs import AssessmentChange, NewAssessment

ASSESSMENTS: Table = AssessmentRow.__table__  # type: ignore[assignment]


def assess(connection: Connection, user: User | None, plan_id: int, assessment: NewAssessment) -> int:
    access = plan_access(connection, plan_id, user)
    organisation = access.require_assessor()
    recommendation_id = assessment.recommendation_id
    in_plan = connection.scalar(
        select(PlanRecommendationRow.id).where(
            PlanRecommendationRow.plan_id == plan_id,
            PlanRecommendationRow.recommendation_id == recommendation_id,
            PlanRecommendationRow.deleted_at.is_(None),
        )
    )
    if in_plan is None:
        raise InvalidInput("recommendation", f"recommendation {recommendation_id} is not in plan {plan_id}")
    assert access.user is not None
    return Recorder(connection, access.user.id, plan_id).insert(
        ASSESSMENTS,
        {
            "plan_id": plan_id,
            "recommendation_id": recommendation_id,
            "author_id": access.user.id,
            "organisation": organisation,
            "status": assessment.status.value,
            "sources": assessment.sources,
            "comment": assessment.comment,
            "assessed_on": assessment.assessed_on or now().date(),
        },
    )


def _own(connection: Connection, user: User | None, plan_id: int, assessment_id: int) -> Recorder:
    access = plan_access(connection, plan_id, user)
    access.require_assessor()
    row = connection.execute(
        select(AssessmentRow.author_id, AssessmentRow.plan_id).where(AssessmentRow.id == assessment_id)
    ).first()
    if row is None or row.plan_id != plan_id:
        raise NotFound(f"assessment {assessment_id} is not part of plan {plan_id}")
    assert access.user is not None
    if row.author_id != access.user.id:
        raise Forbidden("an assessor changes only its own assessments")
    return Recorder(connection, access.user.id, plan_id)


def update_assessment(
    connection: Connection,
    user: User | None,
    plan_id: int,
    assessment_id: int,
    change: AssessmentChange,
    version: int,
) -> dict[str, object]:
    values = change.changes()
    if change.status is not None:
        values["status"] = change.status.value
    return _own(connection, user, plan_id, assessment_id).update(ASSESSMENTS, assessment_id, version, values)


def withdraw_assessment(
    connection: Connection, user: User | None, plan_id: int, assessment_id: int, version: int
) -> None:
    _own(connection, user, plan_id, assessment_id).delete(ASSESSMENTS, assessment_id, version)
