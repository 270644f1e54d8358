"""Tables of what people add to the compiled Council elections: each candidacy's voluntary pledges
document and its participation in pledging events. Edited rows carry ``version`` and ``deleted_at``
as tracked rows do, and every change is kept in ``changes``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rightstrack.store.schema import Base


class PledgeDocumentRow(Base):
    """A candidate's voluntary pledges and commitments (GA resolution 60/251, paragraph 8)."""

    __tablename__ = "hrc_pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]  # of the election
    state_code: Mapped[str] = mapped_column(String(3))
    symbol: Mapped[str | None] = mapped_column(String(60))  # e.g. the A/… document circulating it
    published_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_hrc_pledges_year_state", "year", "state_code"),)


class PledgingEventRow(Base):
    """A pledging event where candidates present their pledges (e.g. in New York and Geneva)."""

    __tablename__ = "hrc_pledging_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]  # of the election
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    organisers: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]


class PledgingParticipationRow(Base):
    __tablename__ = "hrc_pledging_participation"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hrc_pledging_events.id"))
    state_code: Mapped[str] = mapped_column(String(3))
    took_part: Mapped[bool]
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_hrc_participation_event", "event_id"),)
