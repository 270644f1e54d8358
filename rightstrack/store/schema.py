"""SQLAlchemy 2 schema. Alembic migrations (``migrations/``) create it; a test keeps them in step."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class StateRow(Base):
    __tablename__ = "states"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    regional_group: Mapped[str | None] = mapped_column(String(20))
    un_status: Mapped[str] = mapped_column(String(10))


class StateOrganisationRow(Base):
    """Organisations a state belongs to, as a source lists them (e.g. UPR Info's To-Org)."""

    __tablename__ = "state_organisations"

    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(40), primary_key=True)


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(20))
    rows_read: Mapped[int]
    imported_at: Mapped[datetime]


class RecommendationRow(Base):
    """A recommendation or voluntary pledge: one record however many states made it."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    natural_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    sur_code: Mapped[str] = mapped_column(ForeignKey("states.code"))
    # Which mechanism and body made it (reference/mechanisms.csv): "UPR" and "UPR" for the UPR.
    mechanism: Mapped[str] = mapped_column(String(30), default="UPR", server_default="UPR")
    body: Mapped[str] = mapped_column(String(120), default="UPR", server_default="UPR")
    # The UPR's own: other mechanisms' records have no session or cycle.
    session: Mapped[int | None]
    cycle: Mapped[int | None]
    year: Mapped[int]
    published: Mapped[date | None]  # the document's publication date, where a source gives it
    # OHCHR's Universal Human Rights Index annotation id: a newer export is merged by it.
    uhri_id: Mapped[str | None] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    # The text in word forms (lemmas), which the full-text index reads.
    search_text: Mapped[str] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(String(20))
    response_comment: Mapped[str | None] = mapped_column(Text)
    action_category: Mapped[int | None]
    document_symbol: Mapped[str | None] = mapped_column(String(60))
    paragraph: Mapped[str | None] = mapped_column(String(30))
    # A model's action category, never mixed with action_category (UPR Info's coding).
    predicted_action: Mapped[int | None]
    predicted_action_score: Mapped[float | None] = mapped_column(Float)
    prediction_model: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        Index("ix_recommendations_sur_session", "sur_code", "session"),
        Index("ix_recommendations_session", "session"),
        Index("ix_recommendations_mechanism_body", "mechanism", "body"),
        Index("ux_recommendations_uhri_id", "uhri_id", unique=True),
    )


class RecommendationIssueRow(Base):
    __tablename__ = "recommendation_issues"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    issue: Mapped[str] = mapped_column(String(80), primary_key=True)
    # "human" for coding by a person (UPR Info, OHCHR); "predicted" for a model's, with its score.
    coding: Mapped[str] = mapped_column(String(20), default="human")
    score: Mapped[float | None] = mapped_column(Float)
    model: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_recommendation_issues_issue", "issue"),)


class RecommenderRow(Base):
    """One source row naming a recommending state: a joint recommendation has several.

    Stored once whichever sources name it: source_id and line say where it was first read."""

    __tablename__ = "recommenders"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id", ondelete="CASCADE"))
    # NULL where the source itself says the recommending state is unknown.
    state_code: Mapped[str | None] = mapped_column(ForeignKey("states.code"))
    # state_code or "" (NULLs never collide in a unique constraint, so this stands in).
    state_key: Mapped[str] = mapped_column(String(3))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    # The n-th row of this source naming the same state for the same recommendation.
    occurrence: Mapped[int]
    line: Mapped[int]

    __table_args__ = (
        UniqueConstraint("recommendation_id", "state_key", "source_id", "occurrence"),
        Index("ix_recommenders_state", "state_code"),
        # The same row from a second file (a copy, a newer export) is not a second recommender.
        Index("ux_recommenders_once", "recommendation_id", "state_key", "occurrence", unique=True),
    )


class ProvenanceRow(Base):
    """One source's word on a recommendation: where it says it, and what response it gives.

    A recommendation that arrives from a UPR Info export, a Working Group report, its addendum
    and an OHCHR matrix has four; where their responses differ, that is a conflict to report."""

    __tablename__ = "provenances"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    # Where in the source: "140.7" for documents, "line 812" for CSV exports.
    locator: Mapped[str] = mapped_column(String(40))
    document_symbol: Mapped[str | None] = mapped_column(String(60))
    position: Mapped[str | None] = mapped_column(String(40))  # the source's own word
    response: Mapped[str | None] = mapped_column(String(20))
    position_source: Mapped[str | None] = mapped_column(String(120))
    comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("recommendation_id", "source_id", "locator"),
        Index("ix_provenances_source", "source_id", "locator"),
        Index("ix_provenances_symbol", "document_symbol"),
    )


class RecommendationTagRow(Base):
    """Codings from documents: UHRI themes, affected persons, SDGs (UPR Info's issues have their own)."""

    __tablename__ = "recommendation_tags"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    vocabulary: Mapped[str] = mapped_column(String(30), primary_key=True)
    tag: Mapped[str] = mapped_column(String(200), primary_key=True)
    coding: Mapped[str] = mapped_column(String(20), default="human")

    __table_args__ = (Index("ix_recommendation_tags_tag", "vocabulary", "tag"),)


class EomRecommendationRow(Base):
    """What an election observation mission's recommendation says of its mission and report."""

    __tablename__ = "eom_recommendations"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    mission: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(120))
    election: Mapped[str] = mapped_column(String(200))
    election_date: Mapped[date | None]
    report_title: Mapped[str | None] = mapped_column(String(400))
    report_url: Mapped[str | None] = mapped_column(String(500))
    number: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[str | None] = mapped_column(String(40))
    institution: Mapped[str | None] = mapped_column(String(300))
    follow_up: Mapped[str | None] = mapped_column(String(60))


class MetaRow(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
