"""Saved searches: a signed-in user's named search, its Atom feed's token and its digest's mark."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from rightstrack.store.schema import Base


class SavedSearchRow(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    # The search's canonical query string (text, filters, exclusions, ranges, sort): whatever the
    # search page's URL holds, so a parameter added to searches later is kept without a migration.
    query: Mapped[str] = mapped_column(String(4000))
    # The language the search was saved in: its feed's and digest's titles are written in it.
    locale: Mapped[str] = mapped_column(String(5))
    # The capability in the feed's URL (feed readers send no cookie). Kept as it is, not hashed
    # like session tokens: it only reads public records, and its owner must be able to copy the
    # URL again from the page that lists their searches; regenerating it revokes the old one.
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    # The digest's mark: every record up to this id has been mailed (or was there when the search
    # was saved). Ids only grow as records arrive (SQLite's max + 1, PostgreSQL's sequence).
    digested_through: Mapped[int]
    digested_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_saved_searches_user", "user_id"),)
