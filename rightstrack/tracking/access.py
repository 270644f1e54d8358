"""Who may do what in a plan. Every write in ``tracking`` asks here first.

- administrator: everything, in every plan;
- owner (government focal point): the plan, its recommendations, clusters, agencies, members,
  measures and indicators, publishing;
- contributor (an agency): progress and details of the measures its agency leads or supports, and
  progress of the indicators of those measures;
- assessor (NHRI, civil society): its own assessments, never anyone else's, nor the government's;
- anyone, signed in or not: a published plan, read only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.domain import PlanRole
from rightstrack.errors import Forbidden, NotFound
from rightstrack.history import Recorder
from rightstrack.store.tracking_schema import (
    IndicatorMeasureRow,
    MeasureAgencyRow,
    MeasureRow,
    PlanMemberRow,
    PlanRow,
)


@dataclass(frozen=True)
class PlanAccess:
    plan_id: int
    user: User | None
    role: PlanRole | None
    agency_id: int | None
    organisation: str | None
    published: bool

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.is_admin

    @property
    def manages(self) -> bool:
        return self.is_admin or self.role is PlanRole.OWNER

    @property
    def is_member(self) -> bool:
        return self.is_admin or self.role is not None

    @property
    def can_view(self) -> bool:
        return self.published or self.is_member

    def recorder(self, connection: Connection) -> Recorder:
        """Writes (with history) to this plan, as this reader."""
        return Recorder(connection, self.user.id if self.user else None, self.plan_id)

    def require_view(self) -> None:
        if not self.can_view:
            # Unpublished plans are not there for outsiders: say so, as for a plan that does not exist.
            raise NotFound(f"plan {self.plan_id} does not exist or is not published")

    def require_member(self) -> None:
        self.require_view()
        if not self.is_member:
            raise Forbidden("only the plan's members see this")

    def require_manager(self) -> None:
        self.require_view()
        if not self.manages:
            raise Forbidden("only the plan's owner or an administrator may change this")

    def require_assessor(self) -> str:
        self.require_view()
        if self.role is not PlanRole.ASSESSOR or self.user is None:
            raise Forbidden("only the plan's independent assessors add assessments")
        return self.organisation or self.user.display_name


def plan_access(connection: Connection, plan_id: int, user: User | None) -> PlanAccess:
    plan = connection.execute(
        select(PlanRow.published).where(PlanRow.id == plan_id, PlanRow.deleted_at.is_(None))
    ).first()
    if plan is None:
        raise NotFound(f"plan {plan_id} does not exist or is not published")
    member = None
    if user is not None:
        member = connection.execute(
            select(PlanMemberRow.role, PlanMemberRow.agency_id, PlanMemberRow.organisation).where(
                PlanMemberRow.plan_id == plan_id,
                PlanMemberRow.user_id == user.id,
                PlanMemberRow.deleted_at.is_(None),
            )
        ).first()
    return PlanAccess(
        plan_id,
        user,
        PlanRole(member.role) if member else None,
        member.agency_id if member else None,
        member.organisation if member else None,
        bool(plan.published),
    )


def agencies_of_measure(connection: Connection, measure_id: int) -> set[int]:
    lead = connection.scalar(select(MeasureRow.lead_agency_id).where(MeasureRow.id == measure_id))
    supporting = set(
        connection.scalars(
            select(MeasureAgencyRow.agency_id).where(MeasureAgencyRow.measure_id == measure_id)
        )
    )
    return supporting | ({lead} if lead is not None else set())


def require_measure_editor(connection: Connection, access: PlanAccess, measure_id: int) -> None:
    """The owner, or a contributor whose agency leads or supports the measure."""
    access.require_view()
    if access.manages:
        return
    if access.role is PlanRole.CONTRIBUTOR and access.agency_id in agencies_of_measure(
        connection, measure_id
    ):
        return
    raise Forbidden("only the owner, or an agency assigned to this measure, may change it")


def require_indicator_reporter(connection: Connection, access: PlanAccess, indicator_id: int) -> None:
    """The owner, or a contributor whose agency leads or supports a measure the indicator measures."""
    access.require_view()
    if access.manages:
        return
    if access.role is PlanRole.CONTRIBUTOR and access.agency_id is not None:
        assigned = connection.scalar(
            select(IndicatorMeasureRow.measure_id)
            .join(MeasureRow, MeasureRow.id == IndicatorMeasureRow.measure_id)
            .outerjoin(MeasureAgencyRow, MeasureAgencyRow.measure_id == MeasureRow.id)
            .where(
                IndicatorMeasureRow.indicator_id == indicator_id,
                or_(
                    MeasureRow.lead_agency_id == access.agency_id,
                    MeasureAgencyRow.agency_id == access.agency_id,
                ),
            )
            .limit(1)
        )
        if assigned is not None:
            return
    raise Forbidden(
        "only the owner, or an agency assigned to one of this indicator's measures, may report on it"
    )
