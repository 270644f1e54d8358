"""What a plan looks like to one reader: the same plan, read with the reader's access.

Outsiders read published plans only and never see the member list; every reader sees the
government's status of each recommendation (from the measures that answer it) beside the
independent assessments.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.domain import PlanRole, Vocabulary
from rightstrack.history import now
from rightstrack.reference.states import state
from rightstrack.store.schema import (
    RecommendationIssueRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
    StateRow,
)
from rightstrack.store.tracking_schema import (
    AgencyRow,
    AssessmentRow,
    EvidenceFileRow,
    IndicatorMeasureRow,
    IndicatorRecommendationRow,
    IndicatorRow,
    MeasureAgencyRow,
    MeasureRecommendationRow,
    MeasureRow,
    PlanClusterRow,
    PlanMemberRow,
    PlanOverlapRow,
    PlanRecommendationRow,
    PlanRow,
    ProgressUpdateRow,
    UserRow,
)
from rightstrack.tracking.access import plan_access
from rightstrack.tracking.items import (
    Assessment,
    Cluster,
    Indicator,
    Measure,
    Member,
    PlanRecommendation,
    PlanSummary,
    PlanView,
    Progress,
    government_status,
)
from rightstrack.tracking.plans import plan_cycles


def list_plans(connection: Connection, user: User | None) -> list[PlanSummary]:
    """The plans this reader may open: published ones, and those the reader is a member of."""
    member_of = (
        set(
            connection.scalars(
                select(PlanMemberRow.plan_id).where(
                    PlanMemberRow.user_id == user.id, PlanMemberRow.deleted_at.is_(None)
                )
            )
        )
        if user
        else set()
    )
    rows = connection.execute(
        select(PlanRow, StateRow.name)
        .join(StateRow, StateRow.code == PlanRow.state_code)
        .where(PlanRow.deleted_at.is_(None))
        .order_by(PlanRow.id)
    ).all()
    return [
        PlanSummary(
            id=row.id,
            title=row.title,
            state=row.name,
            cycles=plan_cycles(row.cycles),
            published=row.published,
            member=row.id in member_of,
        )
        for row in rows
        if row.published or row.id in member_of or (user is not None and user.is_admin)
    ]


def _recommendations(connection: Connection, plan_id: int) -> dict[int, PlanRecommendation]:
    rows = connection.execute(
        select(
            RecommendationRow.id,
            PlanRecommendationRow.id.label("link_id"),
            PlanRecommendationRow.version,
            PlanRecommendationRow.cluster_id,
            RecommendationRow.text,
            RecommendationRow.response,
            RecommendationRow.session,
            RecommendationRow.cycle,
            RecommendationRow.paragraph,
        )
        .join(RecommendationRow, RecommendationRow.id == PlanRecommendationRow.recommendation_id)
        .where(PlanRecommendationRow.plan_id == plan_id, PlanRecommendationRow.deleted_at.is_(None))
        .order_by(RecommendationRow.cycle, RecommendationRow.id)
    ).all()
    # The plan's recommendations as a subquery, not a list of ids: a list becomes one bound
    # parameter per id, and SQLite and PostgreSQL refuse a statement with too many of them.
    ids = select(PlanRecommendationRow.recommendation_id).where(
        PlanRecommendationRow.plan_id == plan_id, PlanRecommendationRow.deleted_at.is_(None)
    )
    recommenders: dict[int, list[str]] = defaultdict(list)
    for record_id, name in connection.execute(
        select(RecommenderRow.recommendation_id, StateRow.name)
        .join(StateRow, StateRow.code == RecommenderRow.state_code)
        .where(RecommenderRow.recommendation_id.in_(ids))
        .order_by(RecommenderRow.id)
    ):
        if name not in recommenders[record_id]:
            recommenders[record_id].append(name)
    issues: dict[int, list[str]] = defaultdict(list)
    for record_id, issue in connection.execute(
        select(RecommendationIssueRow.recommendation_id, RecommendationIssueRow.issue)
        .where(RecommendationIssueRow.recommendation_id.in_(ids))
        .order_by(RecommendationIssueRow.issue)
    ):
        issues[record_id].append(issue)
    sdgs: dict[int, list[str]] = defaultdict(list)
    for record_id, sdg in connection.execute(
        select(RecommendationTagRow.recommendation_id, RecommendationTagRow.tag)
        .where(
            RecommendationTagRow.recommendation_id.in_(ids),
            RecommendationTagRow.vocabulary == Vocabulary.SDG.value,
        )
        .order_by(RecommendationTagRow.tag)
    ):
        sdgs[record_id].append(sdg)
    return {
        row.id: PlanRecommendation(
            id=row.id,
            link_id=row.link_id,
            version=row.version,
            cluster_id=row.cluster_id,
            text=row.text,
            response=row.response,
            session=row.session,
            cycle=row.cycle,
            paragraph=row.paragraph,
            recommenders=recommenders[row.id],
            issues=issues[row.id],
            sdgs=sdgs[row.id],
        )
        for row in rows
    }


def plan_view(connection: Connection, plan_id: int, user: User | None) -> PlanView:
    access = plan_access(connection, plan_id, user)
    access.require_view()
    plan = connection.execute(select(PlanRow).where(PlanRow.id == plan_id)).one()
    recommendations = _recommendations(connection, plan_id)
    clusters = [
        Cluster(id=row.id, name=row.name, version=row.version, recommendation_ids=[])
        for row in connection.execute(
            select(PlanClusterRow)
            .where(PlanClusterRow.plan_id == plan_id, PlanClusterRow.deleted_at.is_(None))
            .order_by(PlanClusterRow.position, PlanClusterRow.id)
        )
    ]
    by_cluster = {c.id: c for c in clusters}
    unclustered = Cluster(id=None, name="Not clustered", version=0, recommendation_ids=[])
    for record in recommendations.values():
        by_cluster.get(record.cluster_id, unclustered).recommendation_ids.append(record.id)
    if unclustered.recommendation_ids:
        clusters.append(unclustered)
    agencies = {
        row.id: row.name
        for row in connection.execute(
            select(AgencyRow.id, AgencyRow.name)
            .where(AgencyRow.plan_id == plan_id, AgencyRow.deleted_at.is_(None))
            .order_by(AgencyRow.name)
        )
    }
    measures = _measures(connection, plan_id)
    indicators = _indicators(connection, plan_id, measures)
    for measure in measures.values():
        for record_id in measure.recommendation_ids:
            if record_id in recommendations:
                recommendations[record_id].measure_ids.append(measure.id)
    for record in recommendations.values():
        record.status = government_status([measures[m].status for m in record.measure_ids])
    for row in connection.execute(
        select(AssessmentRow)
        .where(AssessmentRow.plan_id == plan_id, AssessmentRow.deleted_at.is_(None))
        .order_by(AssessmentRow.assessed_on, AssessmentRow.id)
    ):
        if row.recommendation_id in recommendations:
            recommendations[row.recommendation_id].assessments.append(
                Assessment(
                    id=row.id,
                    organisation=row.organisation,
                    status=row.status,
                    sources=row.sources,
                    comment=row.comment,
                    assessed_on=row.assessed_on,
                    author_id=row.author_id,
                    version=row.version,
                )
            )
    for record_id, other_id, similarity, cycle in connection.execute(
        select(
            PlanOverlapRow.recommendation_id,
            PlanOverlapRow.other_id,
            PlanOverlapRow.similarity,
            RecommendationRow.cycle,
        )
        .join(RecommendationRow, RecommendationRow.id == PlanOverlapRow.other_id)
        .where(PlanOverlapRow.plan_id == plan_id)
        .order_by(PlanOverlapRow.similarity.desc())
    ):
        if record_id in recommendations:
            recommendations[record_id].overlaps.append((other_id, cycle, similarity))
    members = _members(connection, plan_id) if access.is_member else []
    return PlanView(
        id=plan.id,
        version=plan.version,
        title=plan.title,
        state_code=plan.state_code,
        state_name=state(plan.state_code).name,
        cycles=plan_cycles(plan.cycles),
        description=plan.description,
        published=plan.published,
        access=access,
        clusters=clusters,
        recommendations=recommendations,
        agencies=agencies,
        measures=measures,
        indicators=indicators,
        members=members,
    )


def _measures(connection: Connection, plan_id: int) -> dict[int, Measure]:
    measures = {
        row.id: Measure(
            id=row.id,
            version=row.version,
            title=row.title,
            description=row.description,
            lead_agency_id=row.lead_agency_id,
            supporting_agency_ids=[],
            start_date=row.start_date,
            target_date=row.target_date,
            budget=row.budget,
            currency=row.currency,
            expected_outcome=row.expected_outcome,
            status=row.status,
            recommendation_ids=[],
        )
        for row in connection.execute(
            select(MeasureRow)
            .where(MeasureRow.plan_id == plan_id, MeasureRow.deleted_at.is_(None))
            .order_by(MeasureRow.id)
        )
    }
    in_plan = select(MeasureRow.id).where(MeasureRow.plan_id == plan_id, MeasureRow.deleted_at.is_(None))
    for measure_id, agency_id in connection.execute(
        select(MeasureAgencyRow.measure_id, MeasureAgencyRow.agency_id).where(
            MeasureAgencyRow.measure_id.in_(in_plan)
        )
    ):
        measures[measure_id].supporting_agency_ids.append(agency_id)
    for measure_id, record_id in connection.execute(
        select(MeasureRecommendationRow.measure_id, MeasureRecommendationRow.recommendation_id)
        .where(MeasureRecommendationRow.measure_id.in_(in_plan))
        .order_by(MeasureRecommendationRow.recommendation_id)
    ):
        measures[measure_id].recommendation_ids.append(record_id)
    return measures


def _indicators(connection: Connection, plan_id: int, measures: dict[int, Measure]) -> dict[int, Indicator]:
    indicators = {
        row.id: Indicator(
            id=row.id,
            version=row.version,
            name=row.name,
            unit=row.unit,
            baseline=row.baseline,
            target=row.target,
            due_date=row.due_date,
            current_value=row.current_value,
            status=row.status,
            measure_ids=[],
            recommendation_ids=[],
        )
        for row in connection.execute(
            select(IndicatorRow)
            .where(IndicatorRow.plan_id == plan_id, IndicatorRow.deleted_at.is_(None))
            .order_by(IndicatorRow.id)
        )
    }
    in_plan = select(IndicatorRow.id).where(
        IndicatorRow.plan_id == plan_id, IndicatorRow.deleted_at.is_(None)
    )
    for indicator_id, measure_id in connection.execute(
        select(IndicatorMeasureRow.indicator_id, IndicatorMeasureRow.measure_id).where(
            IndicatorMeasureRow.indicator_id.in_(in_plan)
        )
    ):
        if measure_id in measures:
            indicators[indicator_id].measure_ids.append(measure_id)
            measures[measure_id].indicator_ids.append(indicator_id)
    for indicator_id, record_id in connection.execute(
        select(IndicatorRecommendationRow.indicator_id, IndicatorRecommendationRow.recommendation_id).where(
            IndicatorRecommendationRow.indicator_id.in_(in_plan)
        )
    ):
        indicators[indicator_id].recommendation_ids.append(record_id)
    return indicators


def _members(connection: Connection, plan_id: int) -> list[Member]:
    return [
        Member(
            id=row.id,
            user_id=row.user_id,
            username=row.username,
            display_name=row.display_name,
            role=row.role,
            agency_id=row.agency_id,
            organisation=row.organisation,
        )
        for row in connection.execute(
            select(
                PlanMemberRow.id,
                PlanMemberRow.user_id,
                UserRow.username,
                UserRow.display_name,
                PlanMemberRow.role,
                PlanMemberRow.agency_id,
                PlanMemberRow.organisation,
            )
            .join(UserRow, UserRow.id == PlanMemberRow.user_id)
            .where(PlanMemberRow.plan_id == plan_id, PlanMemberRow.deleted_at.is_(None))
            .order_by(PlanMemberRow.role, UserRow.username)
        )
    ]


def progress_of(
    connection: Connection,
    plan_id: int,
    user: User | None,
    subject: str | None = None,
    subject_id: int | None = None,
) -> list[Progress]:
    plan_access(connection, plan_id, user).require_view()
    wanted = [ProgressUpdateRow.plan_id == plan_id, ProgressUpdateRow.deleted_at.is_(None)]
    if subject is not None:
        wanted.append(ProgressUpdateRow.subject == subject)
    if subject_id is not None:
        wanted.append(ProgressUpdateRow.subject_id == subject_id)
    rows = connection.execute(
        select(ProgressUpdateRow, UserRow.display_name)
        .join(UserRow, UserRow.id == ProgressUpdateRow.author_id)
        .where(*wanted)
        .order_by(ProgressUpdateRow.reported_on.desc(), ProgressUpdateRow.id.desc())
    ).all()
    files: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for file_id, progress_id, name in connection.execute(
        select(EvidenceFileRow.id, EvidenceFileRow.progress_id, EvidenceFileRow.filename).where(
            EvidenceFileRow.progress_id.in_(select(ProgressUpdateRow.id).where(*wanted))
        )
    ):
        files[progress_id].append((file_id, name))
    return [
        Progress(
            id=row.id,
            subject=row.subject,
            subject_id=row.subject_id,
            status=row.status,
            narrative=row.narrative,
            value=row.value,
            evidence_links=[link for link in row.evidence_links.split("\n") if link],
            author=row.display_name,
            reported_on=row.reported_on,
            files=files[row.id],
        )
        for row in rows
    ]


def today() -> date:
    return now().date()


ROLE_LABELS = {
    PlanRole.OWNER: "Plan owner",
    PlanRole.CONTRIBUTOR: "Agency contributor",
    PlanRole.ASSESSOR: "Independent assessor",
}
