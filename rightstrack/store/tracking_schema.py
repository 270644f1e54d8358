"""Tables of implementation tracking: users, plans and what they hold, and the history of changes.

Rows that people edit carry ``version`` (bumped by every change, so that two people editing the
same item cannot silently overwrite each other) and ``deleted_at`` (nothing is deleted physically).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from rightstrack.store.schema import Base


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # where reminders go
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its parameters and salt
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # May edit the Council candidates' pledges and pledging events (administrators may too).
    elections_editor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class AuthSessionRow(Base):
    """A signed-in browser or API client. The cookie holds a random token; only its hash is stored."""

    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttemptRow(Base):
    """Failed sign-ins, counted per user name and per address to slow down password guessing."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]

    __table_args__ = (Index("ix_login_attempts_key_at", "key", "at"),)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"))
    title: Mapped[str] = mapped_column(String(300))
    cycles: Mapped[str] = mapped_column(String(40))  # "4" or "3,4"
    description: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class PlanMemberRow(Base):
    __tablename__ = "plan_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))  # a contributor's agency
    organisation: Mapped[str | None] = mapped_column(String(200))  # an assessor's NHRI or NGO
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("plan_id", "user_id"),)


class AgencyRow(Base):
    """A responsible agency in the plan owner's own taxonomy (ministry, office, commission …)."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(80), default="")
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class PlanClusterRow(Base):
    __tablename__ = "plan_clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class PlanRecommendationRow(Base):
    __tablename__ = "plan_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("plan_clusters.id"))
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("plan_id", "recommendation_id"),)


class PlanOverlapRow(Base):
    """A recommendation of the plan made again (in another cycle or mechanism): one measure can
    answer both."""

    __tablename__ = "plan_overlaps"

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float)


class MeasureRow(Base):
    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    target_date: Mapped[date | None] = mapped_column(Date)
    budget: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="")
    expected_outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="not started")
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class MeasureAgencyRow(Base):
    """A supporting agency of a measure (the lead agency is on the measure itself)."""

    __tablename__ = "measure_agencies"

    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)


class MeasureRecommendationRow(Base):
    __tablename__ = "measure_recommendations"

    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)


class IndicatorRow(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(60), default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    due_date: Mapped[date | None] = mapped_column(Date)
    current_value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="not started")
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class IndicatorMeasureRow(Base):
    __tablename__ = "indicator_measures"

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id"), primary_key=True)


class IndicatorRecommendationRow(Base):
    __tablename__ = "indicator_recommendations"

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)


class ProgressUpdateRow(Base):
    """A dated report on a measure or an indicator; the measure's status follows the latest one."""

    __tablename__ = "progress_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    subject: Mapped[str] = mapped_column(String(20))  # "measure" or "indicator"
    subject_id: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    narrative: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float | None] = mapped_column(Float)
    evidence_links: Mapped[str] = mapped_column(Text, default="")  # one address per line
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reported_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_progress_updates_subject", "subject", "subject_id"),)


class EvidenceFileRow(Base):
    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_id: Mapped[int] = mapped_column(ForeignKey("progress_updates.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AssessmentRow(Base):
    """An independent assessor's view of one recommendation, shown beside the government's."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30))
    sources: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_assessments_plan", "plan_id", "recommendation_id"),)


class ChangeRow(Base):
    """One change to a tracked item: who, when, and the item before and after (JSON)."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, restore
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_changes_plan_at", "plan_id", "at"),
        Index("ix_changes_entity", "entity", "entity_id"),
    )
